//! Two servers on one PostgreSQL: the test's server and the real `intake-server` binary in a
//! process of its own. Everything residents share between requests lives in the database —
//! sessions, the sign-in counters and lockouts, the key of the sign-in form — so a session
//! opened on one server is valid on the other, and wrong PINs count across both.
//!
//! PostgreSQL only (several servers on one SQLite file are not a deployment we offer): skipped
//! loudly without `TEST_DATABASE_URL`, a failure under `CI`.

use ereception_core::domain::ids::AppealId;
use ereception_core::store::testing::TestBackend;

use crate::support::{Client, Resp, ServerProcess, TestApp, csrf_of, identity_form};

fn two_servers(name: &str) -> Option<(TestApp, ServerProcess)> {
    let app = TestApp::start(TestBackend::Postgres, name)?;
    let other = ServerProcess::start(&app.db.url);
    Some((app, other))
}

fn sign_in(client: &mut Client, number: &str, pin: &str) -> Resp {
    let csrf = csrf_of(&client.get("/sign-in").text());
    client.post_form("/sign-in", &[("csrf", csrf.as_str()), ("next", "/"), ("number", number), ("pin", pin)])
}

/// A valid PIN that is not `pin`.
fn wrong_pin(pin: &str) -> String {
    if pin.starts_with('A') { "CCCC-CCCC" } else { "AAAA-AAAA" }.to_owned()
}

#[test]
fn a_session_opened_on_one_server_is_valid_on_the_other() {
    let Some((app, other)) = two_servers("cluster_sessions") else { return };
    let mut on_a = app.signed_in(&app.maria);
    let mut on_b = other.client_like(&on_a);

    let home = on_b.get("/");
    assert_eq!(home.status, 200, "{}", home.text());
    assert!(home.text().contains("Здравствуйте, Мария Петровна!"), "{}", home.text());

    // a form of the session, shown by one server, is filed on the other
    let csrf = csrf_of(&on_a.get("/appeals/new/consultation").text());
    let mut pairs = identity_form(&[("f-topic", "housing"), ("f-question", "Когда отключат горячую воду?")]);
    pairs.push(("csrf".to_owned(), csrf));
    let filed = on_b.post_pairs("/appeals/new/consultation", &pairs);
    assert_eq!(filed.status, 303, "{}", filed.text());
    let path = filed.location().split('?').next().expect("a path").to_owned();
    let id = AppealId(path.trim_start_matches("/appeals/").parse().expect("an id"));
    let number = app.appeal(id).number.to_string();
    assert!(on_a.get(&path).text().contains(&number), "the appeal filed on B is on A");
    let api = on_b.get(&format!("/api/v1/appeals/{}", id.0));
    assert_eq!(api.status, 200);
    assert_eq!(api.json()["number"], number.as_str());

    // signing out on one server ends the session on both (for reads within the read cache's
    // second: see `cache.rs`)
    let csrf = csrf_of(&on_b.get("/").text());
    assert_eq!(on_b.post_form("/sign-out", &[("csrf", csrf.as_str())]).status, 303);
    let signed_out = std::time::Instant::now();
    loop {
        let r = on_a.get("/");
        if r.status == 303 {
            assert!(r.location().starts_with("/sign-in"));
            break;
        }
        assert!(signed_out.elapsed() < intake_server::cache::TTL, "the session still works on A after a second");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(on_a.get("/api/v1/appeals").status, 401);

    // the sign-in form of one server signs in on the other (the form key is shared)
    let mut browser = app.client();
    let csrf = csrf_of(&browser.get("/sign-in").text());
    let mut on_b = other.client_like(&browser);
    let r = on_b.post_form(
        "/sign-in",
        &[("csrf", csrf.as_str()), ("next", "/"), ("number", &app.maria.number), ("pin", &app.maria.pin)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let mut back_on_a = Client { addr: app.addr, ..on_b.clone() };
    assert_eq!(back_on_a.get("/").status, 200);
}

#[test]
fn wrong_pins_alternated_between_the_servers_lock_the_account_on_both() {
    let Some((app, other)) = two_servers("cluster_lockout") else { return };
    let mut a = app.client();
    let mut b = Client { addr: other.addr, ..app.client() };
    let wrong = wrong_pin(&app.oleg.pin);
    let number = app.oleg.number.clone();
    let expected = ["Осталось 4 попытки", "Осталось 3 попытки", "Осталось 2 попытки", "Осталась 1 попытка"];
    for (i, left) in expected.iter().enumerate() {
        let client = if i % 2 == 0 { &mut a } else { &mut b };
        let r = sign_in(client, &number, &wrong);
        assert_eq!(r.status, 422);
        assert!(r.text().contains(left), "attempt {} on {}: {}", i + 1, ["A", "B"][i % 2], r.text());
    }
    let r = sign_in(&mut a, &number, &wrong);
    assert!(r.text().contains("Вход заблокирован до"), "the fifth, on A, locks: {}", r.text());
    // locked on both, even with the right PIN
    for (name, client) in [("A", &mut a), ("B", &mut b)] {
        let r = sign_in(client, &number, &app.oleg.pin);
        assert_eq!(r.status, 422, "{name}");
        assert!(r.text().contains("Вход заблокирован до"), "{name}: {}", r.text());
        assert!(!client.cookies.contains_key("sid"), "{name}");
    }
}

#[test]
fn concurrent_wrong_pins_on_both_servers_are_each_counted_once() {
    let Some((app, other)) = two_servers("cluster_concurrent") else { return };
    let wrong = wrong_pin(&app.maria.pin);
    let addrs = [app.addr, other.addr, app.addr, other.addr];
    let texts: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = addrs
            .iter()
            .map(|addr| {
                let mut client = Client { addr: *addr, ..app.client() };
                let (number, wrong) = (app.maria.number.clone(), wrong.clone());
                s.spawn(move || {
                    let r = sign_in(&mut client, &number, &wrong);
                    assert_eq!(r.status, 422);
                    r.text()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    // each attempt saw the counter after the ones before it: no update was lost
    for left in ["Осталось 4 попытки", "Осталось 3 попытки", "Осталось 2 попытки", "Осталась 1 попытка"]
    {
        assert_eq!(texts.iter().filter(|t| t.contains(left)).count(), 1, "{left} once among the four answers");
    }
    let mut b = Client { addr: other.addr, ..app.client() };
    let r = sign_in(&mut b, &app.maria.number, &wrong);
    assert!(r.text().contains("Вход заблокирован до"), "the fifth locks: {}", r.text());
}
