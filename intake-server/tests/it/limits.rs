//! Limits and the server's own behaviour: 404/405, body size and type, header timeout,
//! graceful shutdown.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use ereception_core::store::count_rows;

use crate::server_test;
use crate::support::{csrf_of, identity_form, parse_response};

server_test!(unknown_paths_are_404_and_wrong_methods_405, |app| {
    let mut client = app.client();
    let r = client.get("/no/such/page");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Страница не найдена"));
    let r = client.request("DELETE", "/sign-in", &[], b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD, POST"));
    let r = client.request("POST", "/api/v1/appeals", &[("Content-Type", "application/json")], b"{}");
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["code"], "refused");
    let r = client.get("/api/v1/nothing");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    // a program's 404 says so in a word, with no advice about pages and PINs
    assert_eq!(r.json()["error"]["message"], "Не найдено.");
    let r = client.get("/open311/v2/requests/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.json?lang=en");
    assert_eq!(r.json()[0]["description"], "Not found.");
    let css = client.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").is_some_and(|t| t.starts_with("text/css")));
    assert!(css.text().contains(":focus"), "visible focus");
    assert_eq!(client.get("/health").status, 200);
    let page = client.get("/sign-in");
    let csp = page.header("content-security-policy").expect("a content policy");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
});

// Focus stays readable and visible everywhere: the focused site name (a visited link, "/")
// and the error summary's links turn black on yellow, and a focused radio gets a black ring
// (the yellow one alone is all but invisible on white).
server_test!(focus_styles_keep_focused_text_black_and_radios_ringed, |app| {
    let css = app.client().get("/static/style.css").text();
    let rule = |selector: &str| {
        let start = css.find(&format!("\n{selector} {{")).unwrap_or_else(|| panic!("{selector} in {css}"));
        css[start..].split('}').next().unwrap_or_default().to_owned()
    };
    assert!(rule(".site-name:focus").contains("color: #0b0c0c"), "after .site-name:visited");
    assert!(css.find("\n.site-name:focus") > css.find(".site-name:visited"), "wins over :visited");
    assert!(rule(".error-summary-list a:focus").contains("color: #0b0c0c"));
    assert!(css.find("\n.error-summary-list a:focus") > css.find("\n.error-summary-list a {"));
    assert!(rule(".radio-input:focus").contains("outline: 3px solid #0b0c0c"));
});

// A monitor reads `/health`: while the database cannot be read it gets a plain-text 503,
// not the residents' HTML error page.
server_test!(health_is_a_plain_503_while_the_database_cannot_be_read, |app| {
    let mut client = app.client();
    let ok = client.get("/health");
    assert_eq!((ok.status, ok.text().as_str()), (200, "ok\n"));
    diesel::RunQueryDsl::execute(diesel::sql_query("ALTER TABLE districts RENAME TO districts_gone"), &mut *app.conn())
        .expect("renamed");
    let down = client.get("/health");
    assert_eq!((down.status, down.text().as_str()), (503, "database unavailable\n"));
    assert!(down.header("content-type").is_some_and(|t| t.starts_with("text/plain")), "{:?}", down.headers);
    diesel::RunQueryDsl::execute(diesel::sql_query("ALTER TABLE districts_gone RENAME TO districts"), &mut *app.conn())
        .expect("back");
    assert_eq!(client.get("/health").status, 200);
});

server_test!(oversize_bodies_are_413_and_other_types_415, |app| {
    let mut client = app.client();
    let csrf = csrf_of(&client.get("/sign-in").text());
    // announced too large: refused before reading
    let r = client.request(
        "POST",
        "/sign-in",
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "10000000")],
        b"",
    );
    assert_eq!(r.status, 413);
    let html = r.text();
    assert!(html.contains("Слишком много данных"), "{html}");
    assert!(html.contains("<a href=\"/sign-in\">Вернуться к форме</a>"), "back to the form it came from: {html}");
    assert!(html.contains("кнопкой «Назад»"), "{html}");
    // a question pasted too long: what happened, and the way back to the question form
    let mut asker = app.client();
    let csrf_q = csrf_of(&asker.get("/questions/new").text());
    let long = "Очень длинный вопрос. ".repeat(800);
    let r = asker.post_form(
        "/questions/new",
        &[("csrf", csrf_q.as_str()), ("name", "Анна"), ("email", "a@example.invalid"), ("text", long.as_str())],
    );
    assert_eq!(r.status, 413);
    let html = r.text();
    assert!(html.contains("<a href=\"/questions/new\">Вернуться к форме</a>"), "{html}");
    // a POST with no page of its own: home only
    let mut maria = app.signed_in(&app.maria);
    let big = "x".repeat(20 * 1024);
    let r = maria.post_form("/account/mail-language", &[("csrf", "x"), ("lang", big.as_str())]);
    assert_eq!(r.status, 413);
    assert!(!r.text().contains("Вернуться к форме"), "{}", r.text());
    // larger than announced is impossible; larger without announcing (chunked) is cut off
    let mut stream = TcpStream::connect(app.addr).expect("connect");
    let cookies: Vec<String> = client.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
        cookies.join("; ")
    );
    // (the sign-in reads up to twice the limit and 8 KiB: it may carry a form, `carry`)
    let chunk = format!("csrf={csrf}&text={}", "a".repeat(48 * 1024));
    let body = format!("{:x}\r\n{chunk}\r\n0\r\n\r\n", chunk.len());
    stream.write_all(head.as_bytes()).expect("head");
    let _ = stream.write_all(body.as_bytes());
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    assert_eq!(parse_response(&raw).status, 413);
    // not a form
    for content_type in ["application/json", "multipart/form-data; boundary=x", "text/plain"] {
        let r = client.request("POST", "/sign-in", &[("Content-Type", content_type)], b"{}");
        assert_eq!(r.status, 415, "{content_type}");
    }
    let r = client.request("POST", "/sign-in", &[], b"number=1");
    assert_eq!(r.status, 415, "no type at all");
});

server_test!(a_client_that_never_finishes_its_headers_is_cut_off, |app| {
    let mut stream = TcpStream::connect(app.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").expect("partial head");
    let started = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(8), "closed by the header timeout, not ours: {waited:?}");
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
});

server_test!(shutdown_lets_a_request_in_flight_finish, |app| {
    let mut client = app.client();
    let csrf = csrf_of(&client.get("/questions/new").text());
    let body = serde_urlencoded::to_string([
        ("csrf", csrf.as_str()),
        ("name", "Анна"),
        ("email", "late@example.invalid"),
        ("district", "0412"),
        ("text", "Вопрос, отправленный во время остановки"),
    ])
    .expect("encoded");
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(app.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let head = client.head_of(
        "POST",
        "/questions/new",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(body.len()),
    );
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(first.as_bytes()).expect("first half");
    std::thread::sleep(Duration::from_millis(300));
    app.signal_shutdown();
    std::thread::sleep(Duration::from_millis(300));
    // no new connections are served any more
    let refused = match TcpStream::connect(app.addr) {
        Err(_) => true,
        Ok(mut s) => {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut raw = Vec::new();
            matches!(s.read_to_end(&mut raw), Ok(0) | Err(_)) || raw.is_empty()
        }
    };
    assert!(refused, "the listener is closed");
    // the request in flight completes
    stream.write_all(rest.as_bytes()).expect("second half");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("response");
    let r = parse_response(&raw);
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(app.wait_stopped(Duration::from_secs(10)), "serve returned");
    let n = count_rows(&mut app.conn(), "questions").expect("count");
    assert_eq!(n, 1, "the question was stored");
});

#[test]
fn a_body_that_does_not_arrive_in_time_is_408() {
    let config = ereception_core::config::ServerConfig {
        body_timeout: Duration::from_millis(500),
        ..crate::support::test_config()
    };
    let app =
        crate::support::TestApp::start_with(ereception_core::store::testing::TestBackend::Sqlite, "slow_body", config)
            .expect("sqlite");
    let mut client = app.client();
    let csrf = csrf_of(&client.get("/questions/new").text());
    let mut stream = TcpStream::connect(app.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let head =
        client.head_of("POST", "/questions/new", &[("Content-Type", "application/x-www-form-urlencoded")], Some(500));
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(format!("csrf={csrf}&name=").as_bytes()).expect("a little");
    let started = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    assert_eq!(parse_response(&raw).status, 408);
    assert!(started.elapsed() < Duration::from_secs(5));
}

// Regression: hyper's default let a request head grow to about 400 KiB, which each of many slow
// clients could hold until the header timeout.
server_test!(an_oversize_request_head_is_431_and_a_browsers_is_not, |app| {
    let mut client = app.client();
    let r = client.request("GET", "/health", &[("X-Filler", "a".repeat(64 * 1024).as_str())], b"");
    assert_eq!(r.status, 431, "{}", r.text());
    // the cookies a browser carrying a form sends, and headers besides, are well within it
    let mut browser = app.signed_in(&app.maria);
    browser.cookies.insert("carried-0".to_owned(), "a".repeat(3000));
    browser.cookies.insert("carried-1".to_owned(), "b".repeat(3000));
    browser.cookies.insert("ended".to_owned(), "c".repeat(200));
    let agent = format!("Mozilla/5.0 {}", "x".repeat(2000));
    let r = browser.request("GET", "/", &[("User-Agent", agent.as_str()), ("Accept-Language", "ru-RU,ru;q=0.9")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
});

// QA: a form body whose bytes were not UTF-8 (`%FF`, or a form in windows-1251) was decoded
// with U+FFFD in place of those bytes and filed as if the resident had typed «�»; a body
// declaring another charset was read as UTF-8 all the same. Now: 400 and 415, nothing filed.
server_test!(a_form_that_is_not_utf8_is_refused_and_nothing_is_filed, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/").text());
    let mut pairs = identity_form(&[("f-topic", "housing"), ("f-question", "ВОПРОС")]);
    pairs.push(("csrf".to_owned(), csrf));
    let body = serde_urlencoded::to_string(&pairs).expect("encoded");
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    // the question's last letter as windows-1251 has it
    let not_utf8 = body.replace("%D0%A1", "%D1");
    assert_ne!(not_utf8, body);
    let r = client.request("POST", "/appeals/new/consultation", &[form], not_utf8.as_bytes());
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("Неверный запрос"), "{}", r.text());
    let mut raw_byte = body.clone().into_bytes();
    raw_byte.extend_from_slice(b"&x=\xff");
    let r = client.request("POST", "/appeals/new/consultation", &[form], &raw_byte);
    assert_eq!(r.status, 400, "{}", r.text());
    let latin = ("Content-Type", "application/x-www-form-urlencoded; charset=windows-1251");
    let r = client.request("POST", "/appeals/new/consultation", &[latin], body.as_bytes());
    assert_eq!(r.status, 415, "{}", r.text());
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
    // the same form in UTF-8, with the charset said or not, is filed
    let utf8 = ("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    let r = client.request("POST", "/appeals/new/consultation", &[utf8], body.as_bytes());
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 1);
});
