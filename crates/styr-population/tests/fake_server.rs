//! The PxWebApi client against a fake server on 127.0.0.1:0 answering with a JSON-stat2 fixture.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use styr_population::pxweb::{Client, Query};

/// Serves `responses` in order, one per connection; sends each request (head and body) back.
fn serve(responses: Vec<(u16, String)>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (status, body) in responses {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                head.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            let mut request = vec![0; length];
            reader.read_exact(&mut request).unwrap();
            tx.send(format!("{head}{}", String::from_utf8(request).unwrap())).unwrap();
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (format!("http://{addr}/api/v2"), rx)
}

const FIXTURE: &str = include_str!("fixtures/tab638-9998-2023-2024.json");

#[test]
fn fetches_and_decodes_a_population_table() {
    let (base, requests) = serve(vec![(200, FIXTURE.to_string())]);
    let records = Client::new(&base).fetch(&Query::population(vec!["9998".into()], vec![2023, 2024])).unwrap();
    let request = requests.recv().unwrap();
    assert!(request.starts_with("POST /api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2 "), "{request}");
    assert!(request.contains(r#"{"variableCode":"Region","valueCodes":["9998"]}"#), "{request}");
    assert!(request.contains(r#""valueCodes":["2023","2024"]"#), "{request}");
    let p = styr_population::population_of(&records, "9998");
    let band = styr_forecast::AgeBand::parse("80-").unwrap();
    // Fixture: 80+ are ages 80 and 100+ for both sexes: 2023 = 120 + 4 + 150 + 6.
    assert_eq!(p.band_total(2023, band), Some(280.0));
    assert_eq!(p.band_total(2024, band), Some(293.0));
}

#[test]
fn a_refused_request_names_the_url_and_status() {
    let (base, _requests) = serve(vec![(403, "{}".to_string())]);
    let e = Client::new(&base).fetch(&Query::projection(vec!["9998".into()], vec![2030])).unwrap_err().to_string();
    assert!(e.contains("TAB698") && e.contains("403"), "{e}");
}

#[test]
fn many_regions_are_fetched_one_year_per_call() {
    // 290 municipalities × 202 values = 58 580 per year: two years need two calls.
    let regions: Vec<String> = (0..290).map(|i| format!("{:04}", 1000 + i)).collect();
    let one_year = |y: &str| {
        FIXTURE
            .replace(r#"{"2023":0,"2024":1}"#, &format!(r#"{{"{y}":0}}"#))
            .replace(r#""size":[1,2,3,1,2]"#, r#""size":[1,2,3,1,1]"#)
            .replace("[120,122,30,31,4,5,150,155,40,41,6,11]", "[1,2,3,4,5,6]")
    };
    let (base, requests) = serve(vec![(200, one_year("2029")), (200, one_year("2030"))]);
    let records = Client::new(&base).fetch(&Query::projection(regions, vec![2029, 2030])).unwrap();
    assert_eq!(requests.iter().take(2).count(), 2);
    assert_eq!(records.len(), 12);
    assert_eq!(records.iter().filter(|r| r.year == 2030).count(), 6);
}
