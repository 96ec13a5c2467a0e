//! The web application driven through its router against the demo on SQLite: sessions and CSRF,
//! roles per route, a skribent's unit, optimistic concurrency, the checklist and the lock of a
//! fastställd round, escaping, security headers and the API with its OpenAPI document.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use styr_app::accounts::{NewUser, Role};
use styr_app::{Actor, Store};
use tower::ServiceExt as _;

const KEY: &str = "0126-von";
const ROUND: &str = "/n/0126-von/2023/d2";
const GOAL: &str = "aldre-trygghet";
const OTHER_GOAL: &str = "aldre-sjalvstandighet";
const PASSWORD: &str = "ett långt lösenord";

struct App {
    router: Router,
    store: Store,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn app() -> App {
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("styr-web-test-{}-{}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(dir.join("styr.db").to_str().unwrap()).await.unwrap();
    let actor = Actor::new("test");
    styr_app::demo::load(&store, &actor).await.unwrap();
    for (name, role, units) in [
        ("admin", Role::Admin, vec![]),
        ("controller", Role::Controller, vec![]),
        ("skribent", Role::Skribent, vec![(KEY.to_string(), "aldre".to_string())]),
        ("lasare", Role::Lasare, vec![]),
    ] {
        let u = NewUser { username: name.into(), display_name: name.into(), role, password: PASSWORD.into(), units };
        styr_app::accounts::add_user(&store, &u).await.unwrap();
    }
    let (_, plan) = styr_app::listing::plan(&store, 2023, Some(KEY)).await.unwrap();
    styr_app::workflow::set_goal_unit(&store, &actor, &plan, GOAL, "aldre").await.unwrap();
    styr_app::workflow::set_goal_unit(&store, &actor, &plan, OTHER_GOAL, "ifo").await.unwrap();
    App { router: styr_web::router(store.clone(), styr_web::Config::default()), store, _dir: TempDir(dir) }
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(app: &App, req: Request<Body>) -> Answer {
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 16 << 20).await.unwrap();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::get(path);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn post(path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
    let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(encode(fields))).unwrap()
}

/// The value of `name="NAME" value="…"` in a page (the first one).
fn hidden(body: &str, name: &str) -> String {
    let at = body.find(&format!("name=\"{name}\" value=\"")).unwrap_or_else(|| panic!("no field {name} in {body}"));
    let rest = &body[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn set_cookie(a: &Answer, name: &str) -> Option<String> {
    a.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

fn cookie_value(set: &str) -> String {
    set.split(';').next().unwrap().to_string()
}

/// Logs in and returns the session cookie (`styr_session=…`).
async fn login_as(app: &App, user: &str, previous: Option<&str>) -> String {
    let form = send(app, get("/login", None)).await;
    let login_cookie = cookie_value(&set_cookie(&form, "styr_login").unwrap());
    let csrf = hidden(&form.body, "csrf");
    let cookie = match previous {
        Some(p) => format!("{login_cookie}; {p}"),
        None => login_cookie,
    };
    let a = send(app, post("/login", Some(&cookie), &[("csrf", &csrf), ("username", user), ("password", PASSWORD)])).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    cookie_value(&set_cookie(&a, "styr_session").expect("a session cookie"))
}

async fn csrf_of(app: &App, cookie: &str) -> String {
    let a = send(app, get(&format!("{ROUND}/arbetsflode"), Some(cookie))).await;
    assert_eq!(a.status, StatusCode::OK);
    hidden(&a.body, "csrf")
}

async fn save(app: &App, cookie: &str, goal: &str, revision: i64, motivation: &str) -> Answer {
    let csrf = csrf_of(app, cookie).await;
    let rev = revision.to_string();
    send(
        app,
        post(
            &format!("{ROUND}/mal/{goal}/bedomning"),
            Some(cookie),
            &[("csrf", &csrf), ("revision", &rev), ("level", ""), ("motivation", motivation), ("analysis", "a"), ("work_done", "w")],
        ),
    )
    .await
}

async fn stored(app: &App, goal: &str) -> (String, i64) {
    let (a, r) = styr_app::workflow::assessment_for_edit(&app.store, KEY, 2023, "d2", goal).await.unwrap();
    (a.motivation, r)
}

#[tokio::test]
async fn login_sets_a_new_http_only_strict_session_and_the_old_one_ends() {
    let app = app().await;
    let form = send(&app, get("/login", None)).await;
    let set = set_cookie(&form, "styr_login").unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && !set.contains("Secure"), "{set}");
    let first = login_as(&app, "lasare", None).await;
    let second = login_as(&app, "lasare", Some(&first)).await;
    assert_ne!(first, second, "a new session id at every login");
    assert_eq!(send(&app, get("/", Some(&second))).await.status, StatusCode::OK);
    let old = send(&app, get("/", Some(&first))).await;
    assert_eq!(old.status, StatusCode::SEE_OTHER, "the session replaced at login is gone");
    assert_eq!(old.headers[header::LOCATION], "/login");
}

#[tokio::test]
async fn a_login_without_the_forms_token_is_refused() {
    let app = app().await;
    let a = send(&app, post("/login", None, &[("username", "admin"), ("password", PASSWORD)])).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&a, "styr_session").is_none());
}

#[tokio::test]
async fn a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing() {
    let app = app().await;
    let c = login_as(&app, "controller", None).await;
    for fields in [vec![("revision", "0"), ("motivation", "x")], vec![("csrf", "forged"), ("revision", "0"), ("motivation", "x")]] {
        let a = send(&app, post(&format!("{ROUND}/mal/{GOAL}/bedomning"), Some(&c), &fields)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
        assert!(a.body.contains("CSRF"));
    }
    assert_eq!(stored(&app, GOAL).await.1, 0, "nothing stored");
}

#[tokio::test]
async fn login_is_rate_limited_per_user() {
    let app = app().await;
    for _ in 0..styr_web::auth::LoginLimiter::MAX_FAILURES {
        let form = send(&app, get("/login", None)).await;
        let cookie = cookie_value(&set_cookie(&form, "styr_login").unwrap());
        let csrf = hidden(&form.body, "csrf");
        let a = send(&app, post("/login", Some(&cookie), &[("csrf", &csrf), ("username", "admin"), ("password", "fel lösenord!")])).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    }
    let form = send(&app, get("/login", None)).await;
    let cookie = cookie_value(&set_cookie(&form, "styr_login").unwrap());
    let csrf = hidden(&form.body, "csrf");
    let a = send(&app, post("/login", Some(&cookie), &[("csrf", &csrf), ("username", "admin"), ("password", PASSWORD)])).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(set_cookie(&a, "styr_session").is_none());
}

#[tokio::test]
async fn a_skribent_writes_for_their_unit_only_in_the_ui_and_the_api() {
    let app = app().await;
    let s = login_as(&app, "skribent", None).await;
    let own = send(&app, get(&format!("{ROUND}/mal/{GOAL}/bedomning"), Some(&s))).await;
    assert!(own.body.contains("name=\"motivation\""), "the form for the own unit's goal");
    let page = send(&app, get(&format!("{ROUND}/mal/{OTHER_GOAL}"), Some(&s))).await;
    assert_eq!(page.status, StatusCode::OK, "another unit's goal can be read");
    assert!(!page.body.contains("/bedomning"), "without a link to its form");
    let other = send(&app, get(&format!("{ROUND}/mal/{OTHER_GOAL}/bedomning"), Some(&s))).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "another unit's form is refused");
    assert!(!other.body.contains("name=\"motivation\""));
    assert_eq!(save(&app, &s, OTHER_GOAL, 0, "inte min").await.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&app, OTHER_GOAL).await.1, 0);
    let saved = save(&app, &s, GOAL, 0, "min text").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(stored(&app, GOAL).await, ("min text".to_string(), 1));

    let token = styr_app::accounts::create_api_token(&app.store, "skribent", "test").await.unwrap();
    let put = |goal: &str, rev: i64| {
        Request::put(format!("/api/v1/committees/{KEY}/years/2023/rounds/d2/goals/{goal}/assessment"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::json!({"level": null, "motivation": "via api", "revision": rev}).to_string()))
            .unwrap()
    };
    assert_eq!(send(&app, put(OTHER_GOAL, 0)).await.status, StatusCode::FORBIDDEN);
    let a = send(&app, put(GOAL, 1)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(stored(&app, GOAL).await, ("via api".to_string(), 2));
}

#[tokio::test]
async fn a_stale_save_is_refused_and_both_versions_are_shown() {
    let app = app().await;
    let a = login_as(&app, "controller", None).await;
    let b = login_as(&app, "admin", None).await;
    assert_eq!(save(&app, &a, GOAL, 0, "första").await.status, StatusCode::SEE_OTHER);
    assert_eq!(save(&app, &a, GOAL, 1, "andra versionen").await.status, StatusCode::SEE_OTHER);
    let stale = save(&app, &b, GOAL, 1, "min egen version").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Någon annan har sparat"), "{}", stale.body);
    assert!(stale.body.contains("min egen version") && stale.body.contains("andra versionen"), "both versions on the page");
    assert_eq!(stored(&app, GOAL).await, ("andra versionen".to_string(), 2), "nothing overwritten");
    let history = send(&app, get(&format!("{ROUND}/mal/{GOAL}"), Some(&b))).await;
    assert!(history.body.contains("Ändringshistorik") && history.body.contains("controller"), "the audit log names who");
}

#[tokio::test]
async fn injection_strings_are_stored_verbatim_and_rendered_escaped() {
    let app = app().await;
    let c = login_as(&app, "controller", None).await;
    let evil = "<script>alert('x')</script>\"'; DROP TABLE assessments; -- ' OR 1=1";
    assert_eq!(save(&app, &c, GOAL, 0, evil).await.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, GOAL).await.0, evil);
    let page = send(&app, get(&format!("{ROUND}/mal/{GOAL}"), Some(&c))).await;
    assert!(!page.body.contains("<script>alert"), "never rendered as markup");
    assert!(page.body.contains("&lt;script&gt;alert"), "escaped");
    let count: i64 = sqlx_count(&app).await;
    assert!(count > 0, "the assessments table is still there");
}

async fn sqlx_count(app: &App) -> i64 {
    styr_store::followup::load_followup(&app.store, KEY, 2023, "helar").await.unwrap().assessments.len() as i64
}

#[tokio::test]
async fn every_response_has_the_security_headers() {
    let app = app().await;
    let c = login_as(&app, "lasare", None).await;
    let report = format!("{ROUND}/rapport");
    for path in ["/login", "/", ROUND, &format!("{ROUND}/mal/{GOAL}"), &report, "/static/styr.css", "/api/v1/openapi.json", "/finns-inte"] {
        let a = send(&app, get(path, Some(&c))).await;
        let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
    }
}

/// A route to walk: method, path, form fields, and the status expected for each role.
type Route<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, [u16; 5]);

/// Every route of the router × every role: the table in the README ("Routes and roles").
#[tokio::test]
async fn every_route_answers_each_role_as_the_table_says() {
    let app = app().await;
    let goal = format!("{ROUND}/mal/{GOAL}");
    let other = format!("{ROUND}/mal/{OTHER_GOAL}");
    // (method, path, form, expected for admin, controller, skribent, läsare, anonymous)
    let routes: Vec<Route> = vec![
        ("GET", "/".into(), vec![], [200, 200, 200, 200, 303]),
        ("GET", ROUND.into(), vec![], [200, 200, 200, 200, 303]),
        ("GET", goal.clone(), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/arbetsflode"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/ekonomi"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/ekonomi/aldre"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/uppdrag"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/intern-kontroll"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/texter"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{ROUND}/rapport"), vec![], [200, 200, 200, 200, 303]),
        ("GET", format!("{goal}/bedomning"), vec![], [200, 200, 200, 403, 303]),
        ("GET", format!("{other}/bedomning"), vec![], [200, 200, 403, 403, 303]),
        // The admin saves first; the controller's revision 0 is then stale: refused, not overwritten.
        ("POST", format!("{other}/bedomning"), vec![("revision", "0"), ("motivation", "x")], [303, 409, 403, 403, 303]),
        ("POST", format!("{goal}/kommentar"), vec![("body", "en kommentar")], [303, 303, 303, 403, 303]),
        ("POST", format!("{other}/status"), vec![("to", "godkand")], [409, 409, 403, 403, 303]),
        ("POST", format!("{ROUND}/undantag"), vec![("rule", "totals"), ("reason", "r")], [303, 303, 403, 403, 303]),
        ("POST", format!("{ROUND}/arbetsflode"), vec![("action", "godkand")], [409, 409, 403, 403, 303]),
        ("POST", format!("{ROUND}/arbetsflode"), vec![("action", "klar")], [409, 409, 409, 403, 303]),
        ("POST", "/logout".into(), vec![], [303, 303, 303, 303, 303]),
    ];
    for (i, role) in ["admin", "controller", "skribent", "lasare", ""].iter().enumerate() {
        for (method, path, fields, expected) in &routes {
            let cookie = if role.is_empty() { None } else { Some(login_as(&app, role, None).await) };
            let req = if *method == "GET" {
                get(path, cookie.as_deref())
            } else {
                let csrf = match &cookie {
                    Some(c) => csrf_of(&app, c).await,
                    None => String::new(),
                };
                let mut f = fields.clone();
                f.push(("csrf", &csrf));
                post(path, cookie.as_deref(), &f)
            };
            let a = send(&app, req).await;
            assert_eq!(a.status.as_u16(), expected[i], "{role} {method} {path}: {}", a.body);
        }
    }
}

#[tokio::test]
async fn the_checklist_blocks_klar_until_waived_and_faststalld_locks_every_write_path() {
    let app = app().await;
    let c = login_as(&app, "controller", None).await;
    let csrf = csrf_of(&app, &c).await;
    let flow = format!("{ROUND}/arbetsflode");
    let blocked = send(&app, post(&flow, Some(&c), &[("csrf", &csrf), ("action", "klar")])).await;
    assert_eq!(blocked.status, StatusCode::CONFLICT);
    assert!(blocked.body.contains("Checklistan är inte uppfylld"), "{}", blocked.body);
    let checks = styr_app::workflow::checklist(&app.store, KEY, 2023, "d2").await.unwrap();
    for rule in checks.iter().filter(|c| !c.passes()) {
        let a = send(
            &app,
            post(&format!("{ROUND}/undantag"), Some(&c), &[("csrf", &csrf), ("rule", rule.id), ("reason", "Känd brist, åtgärdas i helår")]),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    }
    for action in ["klar", "godkand"] {
        let a = send(&app, post(&flow, Some(&c), &[("csrf", &csrf), ("action", action)])).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{action}: {}", a.body);
    }
    let adopt = [
        ("csrf", csrf.as_str()),
        ("action", "faststalld"),
        ("meeting_date", "2023-10-18"),
        ("paragraph", "112"),
        ("diarienummer", "VON-2023/451"),
    ];
    assert_eq!(send(&app, post(&flow, Some(&c), &adopt)).await.status, StatusCode::SEE_OTHER);
    let locked = save(&app, &c, GOAL, 0, "för sent").await;
    assert_eq!(locked.status, StatusCode::CONFLICT);
    assert!(locked.body.contains("fastställd av nämnden 2023-10-18 § 112 (dnr VON-2023/451)"), "{}", locked.body);
    let token = styr_app::accounts::create_api_token(&app.store, "admin", "t").await.unwrap();
    let put = Request::put(format!("/api/v1/committees/{KEY}/years/2023/rounds/d2/goals/{GOAL}/assessment"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(r#"{"motivation":"api","revision":0}"#))
        .unwrap();
    let api = send(&app, put).await;
    assert_eq!(api.status, StatusCode::CONFLICT, "{}", api.body);
    assert!(api.body.contains("fastställd"));
    assert_eq!(stored(&app, GOAL).await.1, 0, "nothing written while locked");
    let reopen = [("csrf", csrf.as_str()), ("action", "reopen"), ("reason", "Fel i underlaget")];
    assert_eq!(send(&app, post(&flow, Some(&c), &reopen)).await.status, StatusCode::FORBIDDEN, "only an admin reopens");
    let a = login_as(&app, "admin", None).await;
    let acsrf = csrf_of(&app, &a).await;
    let reopen = [("csrf", acsrf.as_str()), ("action", "reopen"), ("reason", "Fel i underlaget")];
    assert_eq!(send(&app, post(&flow, Some(&a), &reopen)).await.status, StatusCode::SEE_OTHER);
    assert_eq!(save(&app, &c, GOAL, 0, "nu går det").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_skribent_submits_and_the_controller_approves_from_the_review_queue() {
    let app = app().await;
    let s = login_as(&app, "skribent", None).await;
    assert_eq!(save(&app, &s, GOAL, 0, "klar text").await.status, StatusCode::SEE_OTHER);
    let csrf = csrf_of(&app, &s).await;
    let a = send(&app, post(&format!("{ROUND}/mal/{GOAL}/status"), Some(&s), &[("csrf", &csrf), ("to", "klar")])).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let c = login_as(&app, "controller", None).await;
    let queue = send(&app, get(&format!("{ROUND}/arbetsflode"), Some(&c))).await;
    assert!(queue.body.contains("inlämnad av skribent"), "{}", queue.body);
    let csrf = csrf_of(&app, &c).await;
    let a = send(&app, post(&format!("{ROUND}/mal/{GOAL}/status"), Some(&c), &[("csrf", &csrf), ("to", "godkand")])).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        styr_app::workflow::section_state(&app.store, KEY, 2023, "d2", &format!("goal:{GOAL}")).await.unwrap(),
        styr_app::workflow::State::Godkand
    );
}

#[tokio::test]
async fn every_path_of_the_openapi_document_exists_and_wants_a_token() {
    let app = app().await;
    let doc: serde_json::Value = serde_json::from_str(styr_web::api::OPENAPI).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(!paths.is_empty());
    for (path, item) in paths {
        let concrete = path.replace("{committee}", KEY).replace("{year}", "2023").replace("{round}", "d2").replace("{goal}", GOAL);
        for method in item.as_object().unwrap().keys().filter(|m| *m != "parameters") {
            let req =
                Request::builder().method(method.to_uppercase().as_str()).uri(format!("/api/v1{concrete}")).body(Body::empty()).unwrap();
            let a = send(&app, req).await;
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{method} {path}");
            let token = styr_app::accounts::create_api_token(&app.store, "lasare", "t").await.unwrap();
            let mut req = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(format!("/api/v1{concrete}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"));
            req = req.header(header::CONTENT_TYPE, "application/json");
            let body = match (method.as_str(), path.rsplit('/').next()) {
                ("put", _) => r#"{"motivation":"x","revision":0}"#,
                ("post", Some("review")) => r#"{"to":"klar"}"#,
                ("post", Some("comments")) => r#"{"body":"x"}"#,
                _ => "",
            };
            let a = send(&app, req.body(Body::from(body)).unwrap()).await;
            let documented: Vec<&String> = item[method]["responses"].as_object().unwrap().keys().collect();
            assert!(
                documented.contains(&&a.status.as_u16().to_string()),
                "{method} {path} answered {} ({}), documented {documented:?}",
                a.status,
                a.body
            );
            if method != "get" {
                assert_eq!(a.status, StatusCode::FORBIDDEN, "{method} {path}: a läsare cannot write through the API");
            }
        }
    }
}
