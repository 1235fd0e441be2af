//! The read cache's bound, across processes: the test's server and the real `intake-server`
//! binary on the same database (SQLite here; the bound needs nothing from the backend). Every
//! response to a request sent a second or more after a change was committed — by another
//! server or by a clerk through core — shows the change; before that a cached answer may be
//! served. Changes never act on a cached session, and a resident's own changes show at once on
//! the server that made them.

use std::time::{Duration, Instant};

use ereception_core::store::testing::TestBackend;
use intake_server::cache::TTL;

use crate::support::{Client, ServerProcess, TestApp, csrf_of};

/// Reads `path` on `client` every few milliseconds until `until`; returns when each request
/// was sent and what `fresh` said of its response.
fn poll(
    client: &mut Client,
    path: &str,
    until: Instant,
    fresh: impl Fn(&crate::support::Resp) -> bool,
) -> Vec<(Instant, bool)> {
    let mut seen = Vec::new();
    while Instant::now() < until {
        let sent = Instant::now();
        let r = client.get(path);
        seen.push((sent, fresh(&r)));
        std::thread::sleep(Duration::from_millis(10));
    }
    seen
}

/// Every request sent a TTL or more after `committed` saw the change, and there were some.
fn assert_bound(seen: &[(Instant, bool)], committed: Instant, what: &str) {
    let late: Vec<bool> = seen.iter().filter(|(sent, _)| *sent >= committed + TTL).map(|(_, fresh)| *fresh).collect();
    assert!(!late.is_empty(), "{what}: no request was sent after the bound");
    assert!(late.iter().all(|fresh| *fresh), "{what}: a request sent {TTL:?} after the change still did not see it");
}

fn status_of(r: &crate::support::Resp) -> String {
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["status"]["code"].as_str().expect("a status code").to_owned()
}

#[test]
fn a_clerks_change_shows_on_another_server_within_a_second() {
    let app = TestApp::start(TestBackend::Sqlite, "cache_bound").expect("sqlite");
    let other = ServerProcess::start(&app.db.url);
    let id = app.extract(&app.maria);
    let on_a = app.signed_in(&app.maria);
    let mut on_b = other.client_like(&on_a);
    let path = format!("/api/v1/appeals/{}", id.0);

    let read = Instant::now();
    assert_eq!(status_of(&on_b.get(&path)), "submitted");
    app.register(id);
    let committed = Instant::now();
    let first = status_of(&on_b.get(&path));
    if committed.duration_since(read) < TTL / 2 {
        assert_eq!(first, "submitted", "read a moment before the change: served from the cache");
    }
    let seen = poll(&mut on_b, &path, committed + TTL + Duration::from_millis(500), |r| status_of(r) == "registered");
    assert_bound(&seen, committed, "the registration");
}

#[test]
fn signing_out_on_one_server_ends_the_session_on_the_other_within_a_second() {
    let app = TestApp::start(TestBackend::Sqlite, "cache_sign_out").expect("sqlite");
    let other = ServerProcess::start(&app.db.url);
    let id = app.consultation(&app.maria);
    let mut on_a = app.signed_in(&app.maria);
    let mut on_b = other.client_like(&on_a);
    let csrf = csrf_of(&on_b.get("/").text());

    let csrf_a = csrf_of(&on_a.get("/").text());
    assert_eq!(on_a.post_form("/sign-out", &[("csrf", csrf_a.as_str())]).status, 303);
    let committed = Instant::now();
    // a change on the other server checks the session in the database: refused at once
    let r = on_b.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r.location().starts_with("/sign-in"), "{}", r.location());
    assert!(app.appeal(id).status.kind().is_open(), "nothing was withdrawn");
    // reads there end within the bound
    let seen = poll(&mut on_b, "/", committed + TTL + Duration::from_millis(500), |r| r.status == 303);
    assert_bound(&seen, committed, "the sign-out");
}

#[test]
fn a_residents_own_change_shows_at_once_on_the_server_that_made_it() {
    let app = TestApp::start(TestBackend::Sqlite, "cache_own").expect("sqlite");
    let id = app.consultation(&app.maria);
    let mut client = app.signed_in(&app.maria);
    let path = format!("/api/v1/appeals/{}", id.0);
    assert_eq!(status_of(&client.get(&path)), "submitted");
    let csrf = csrf_of(&client.get("/").text());
    let r = client.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(status_of(&client.get(&path)), "withdrawn", "not the cached answer");
    // each language is its own entry, and another resident's appeal is never served
    assert_eq!(client.get(&format!("{path}?lang=en")).json()["status"]["title"], "Withdrawn");
    let mut oleg = app.signed_in(&app.oleg);
    assert_eq!(oleg.get(&path).status, 404);
}
