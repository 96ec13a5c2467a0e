//! A fake Kolada server on loopback for tests (this crate's and the CLI's): it answers each request
//! from a handler, so a test replays recorded responses, errors, slow answers and pagination
//! without the internet. `{base}` in a body is replaced by the server's base URL (for `next_url`).

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the fake server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Status, extra headers and body.
    Respond { status: u16, headers: Vec<(String, String)>, body: String },
    /// Reads the request and never answers (until the server stops or a minute passes).
    Hang,
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::Respond { status: 200, headers: Vec::new(), body: body.into() }
    }
    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply::Respond { status, headers: Vec::new(), body: body.into() }
    }
    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Respond { status, mut headers, body } => {
                headers.push((name.to_string(), value.to_string()));
                Reply::Respond { status, headers, body }
            }
            Reply::Hang => Reply::Hang,
        }
    }
}

type Handler = dyn Fn(&str) -> Reply + Send + Sync;

/// A running fake server; stops when dropped.
pub struct FakeKolada {
    /// e.g. `http://127.0.0.1:41234/v3`.
    pub base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
}

impl FakeKolada {
    /// Starts a server on `127.0.0.1:0` whose handler gets each request's target (path and query,
    /// without `/v3`).
    pub fn start(handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> std::io::Result<FakeKolada> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}/v3");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (reqs, stopping, base) = (requests.clone(), stop.clone(), base_url.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, reqs, stopping, base) = (handler.clone(), reqs.clone(), stopping.clone(), base.clone());
                std::thread::spawn(move || serve(stream, &*handler, &reqs, &stopping, &base));
            }
        });
        Ok(FakeKolada { base_url, requests, stop, addr })
    }

    /// Serves fixed routes: each target answers its replies in turn (the last one repeats);
    /// anything else gets 404.
    pub fn routes(routes: Vec<(&str, Vec<Reply>)>) -> std::io::Result<FakeKolada> {
        let routes: Mutex<Vec<(String, Vec<Reply>, usize)>> = Mutex::new(routes.into_iter().map(|(t, r)| (t.to_string(), r, 0)).collect());
        FakeKolada::start(move |target| {
            let mut routes = routes.lock().expect("routes");
            match routes.iter_mut().find(|(t, _, _)| t == target) {
                Some((_, replies, n)) if !replies.is_empty() => {
                    let reply = replies[(*n).min(replies.len() - 1)].clone();
                    *n += 1;
                    reply
                }
                _ => Reply::status(404, format!("no route {target}")),
            }
        })
    }

    /// The targets requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for FakeKolada {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(mut stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<String>>, stop: &AtomicBool, base: &str) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    // Headers up to the empty line; GET has no body.
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
    let target = target.strip_prefix("/v3").unwrap_or(&target).to_string();
    if let Ok(mut r) = requests.lock() {
        r.push(target.clone());
    }
    match handler(&target) {
        Reply::Hang => {
            for _ in 0..600 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        Reply::Respond { status, headers, body } => {
            let body = body.replace("{base}", base);
            let mut head =
                format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (n, v) in headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
        }
    }
}
