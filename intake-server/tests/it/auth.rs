//! Signing in and out, lockout, the language switch, links from e-mails.

use ereception_core::store::sessions;

use crate::server_test;
use crate::support::{Client, csrf_of};

fn try_sign_in(client: &mut Client, number: &str, pin: &str) -> crate::support::Resp {
    let page = client.get("/sign-in");
    let csrf = csrf_of(&page.text());
    client.post_form("/sign-in", &[("csrf", csrf.as_str()), ("next", "/"), ("number", number), ("pin", pin)])
}

/// A valid PIN that is not `pin`.
fn wrong_pin(pin: &str) -> String {
    let other = if pin.starts_with('A') { "CCCC-CCCC" } else { "AAAA-AAAA" };
    assert_ne!(other, pin);
    other.to_owned()
}

server_test!(sign_in_sets_an_http_only_session_and_sign_out_ends_it, |app| {
    let mut client = app.client();
    let page = client.get("/sign-in");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<html lang=\"ru\">"), "{html}");
    assert!(html.contains("Вход в личный кабинет"));
    assert!(html.contains("<label class=\"label\" for=\"number\">"), "every field has a label");
    // not even the hidden default button speaks of an appeal here
    assert!(!html.contains("Отправить обращение"), "{html}");
    let pre = page.headers_named("set-cookie").into_iter().find(|c| c.starts_with("pre=")).expect("pre-session cookie");
    assert!(pre.contains("HttpOnly") && pre.contains("SameSite=Lax"), "{pre}");

    let csrf = csrf_of(&html);
    let r = client.post_form(
        "/sign-in",
        &[("csrf", csrf.as_str()), ("next", "/"), ("number", &app.maria.number), ("pin", &app.maria.pin)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.location(), "/");
    let sid = r.headers_named("set-cookie").into_iter().find(|c| c.starts_with("sid=")).expect("session cookie");
    assert!(sid.contains("HttpOnly") && sid.contains("SameSite=Lax") && sid.contains("Path=/"), "{sid}");
    assert!(!sid.contains("Secure"), "plain http in tests: no Secure");
    let token = client.cookies["sid"].clone();
    // only its hash is in the database
    let stored = sessions::lookup(&mut app.conn(), &token, &Default::default(), chrono::Utc::now()).expect("query");
    assert_eq!(stored.map(|s| s.account), Some(app.maria.account));

    let home = client.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Здравствуйте, Мария Петровна!"), "{}", home.text());

    // signing out needs the session's CSRF token
    let csrf = csrf_of(&home.text());
    let stolen = client.clone();
    assert_eq!(client.post_form("/sign-out", &[("csrf", "wrong")]).status, 403);
    let r = client.post_form("/sign-out", &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 303);
    assert!(!client.cookies.contains_key("sid"), "the cookie is cleared");
    // the page shown next says what happened, once
    let next = client.follow(&r);
    assert_eq!(next.status, 200);
    let html = next.text();
    assert!(html.contains("role=\"status\"><p>Вы вышли из личного кабинета.</p>"), "{html}");
    assert!(!html.contains("signed-out%3D1"), "the language switch does not repeat it: {html}");
    assert!(!client.get("/sign-in").text().contains("Вы вышли"), "only after signing out");
    assert_eq!(client.get("/").status, 303);
    // the old token is dead on the server, not only forgotten by the browser
    let mut replay = stolen;
    let r = replay.get("/");
    assert_eq!(r.status, 303);
    assert!(r.location().starts_with("/sign-in"));
});

server_test!(a_wrong_pin_counts_down_then_locks_with_the_unlock_time, |app| {
    let mut client = app.client();
    let wrong = wrong_pin(&app.maria.pin);
    let r = try_sign_in(&mut client, &app.maria.number, &wrong);
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("Неверный номер личного кабинета или ПИН-код."), "{html}");
    assert!(html.contains("Осталось 4 попытки"), "{html}");
    assert!(html.contains("Не удалось войти") && !html.contains("Исправьте ошибки"), "{html}");
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains(&format!("value=\"{}\"", app.maria.number)), "the number is kept");
    assert!(!html.contains(&wrong), "the PIN is never echoed");
    for left in ["Осталось 3 попытки", "Осталось 2 попытки", "Осталась 1 попытка"]
    {
        let html = try_sign_in(&mut client, &app.maria.number, &wrong).text();
        assert!(html.contains(left), "{left}: {html}");
    }
    let html = try_sign_in(&mut client, &app.maria.number, &wrong).text();
    assert!(html.contains("Вход заблокирован до"), "{html}");
    assert!(html.contains("(мск)"), "{html}");
    // even the right PIN is refused while locked, says when it unlocks, and does not call
    // the PIN wrong: it was not checked
    let r = try_sign_in(&mut client, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("Было слишком много неверных попыток. Вход заблокирован до"), "{html}");
    assert!(!html.contains("Неверный номер"), "{html}");
    assert!(!client.cookies.contains_key("sid"));
});

/// The general message of a failed sign-in page, with the unlock time masked (it depends on
/// the second of the attempt).
fn failure_message(html: &str) -> String {
    let start = ["Неверный номер личного кабинета или ПИН-код.", "Было слишком много неверных попыток."]
        .iter()
        .find_map(|lead| html.find(lead))
        .unwrap_or_else(|| panic!("{html}"));
    let end = start + html[start..].find('<').expect("end of the message");
    let text = &html[start..end];
    text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// A well-formed account number (its check digit valid) that no account has.
fn unknown_number(app: &crate::support::TestApp) -> String {
    for prefix in 400_000_000u32.. {
        for check in 0..10 {
            let Ok(n) = ereception_core::account::AccountNumber::parse(&format!("{prefix}{check}")) else { continue };
            if ereception_core::store::accounts::by_number(&mut app.conn(), &n).expect("query").is_none() {
                return n.to_string();
            }
        }
    }
    unreachable!("some number is free")
}

server_test!(unknown_and_revoked_numbers_read_exactly_like_real_ones, |app| {
    use ereception_core::domain::audit::AuditActor;
    use ereception_core::store::accounts;
    let wrong = wrong_pin(&app.maria.pin);
    // Oleg's PIN is revoked; its number now belongs to nobody
    let oleg = ereception_core::account::AccountNumber::parse(&app.oleg.number).expect("number");
    accounts::revoke(&mut app.conn(), &oleg, "lost slip", &AuditActor::os_user("test"), chrono::Utc::now())
        .expect("revoked");
    let unknown = unknown_number(&app);
    let pages = |number: &str| -> Vec<(u16, String)> {
        let mut client = app.client();
        (0..6)
            .map(|_| {
                let r = try_sign_in(&mut client, number, &wrong);
                (r.status, failure_message(&r.text()))
            })
            .collect()
    };
    let real = pages(&app.maria.number);
    assert!(real[0].1.contains("Осталось # попытки"), "{real:?}");
    assert!(real[4].1.contains("Вход заблокирован до"), "{real:?}");
    assert!(real[5].1.contains("Вход заблокирован до"), "{real:?}");
    assert_eq!(pages(&unknown), real, "an unknown number");
    assert_eq!(pages(&app.oleg.number), real, "a revoked number");
    // the counters of numbers with no account are in the database (shared by every server),
    // under keyed hashes only
    let hashes: Vec<String> = {
        use diesel::prelude::*;
        ereception_core::store::schema::sign_in_strangers::table
            .select(ereception_core::store::schema::sign_in_strangers::number_hash)
            .load(&mut *app.conn())
            .expect("rows")
    };
    assert_eq!(hashes.len(), 2);
    assert!(hashes.iter().all(|h| !h.contains(&unknown) && !h.contains(&app.oleg.number)));
});

server_test!(malformed_numbers_and_pins_are_explained_next_to_their_fields, |app| {
    let mut client = app.client();
    let r = try_sign_in(&mut client, "12", "0O0");
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("id=\"number-error\""), "{html}");
    assert!(html.contains("id=\"pin-error\""), "{html}");
    assert!(html.contains("href=\"#number\"") && html.contains("href=\"#pin\""), "the summary links to both");
    assert!(html.contains("aria-invalid=\"true\""));
    // a typo costs no attempt
    let html = try_sign_in(&mut client, &app.maria.number, "CCCC-CCC").text();
    assert!(html.contains("id=\"pin-error\""));
    let wrong = wrong_pin(&app.maria.pin);
    let html = try_sign_in(&mut client, &app.maria.number, &wrong).text();
    assert!(html.contains("Осталось 4 попытки"), "{html}");
});

server_test!(a_link_from_an_email_leads_through_sign_in_and_back, |app| {
    let id = app.extract(&app.maria);
    let number = app.appeal(id).number.to_string();
    let mut client = app.client();
    let path = format!("/appeals/{}", id.0);
    let r = client.get(&path);
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/sign-in?next=/appeals/{}", id.0));
    let form = client.follow(&r);
    assert_eq!(form.status, 200);
    let html = form.text();
    assert!(html.contains(&format!("name=\"next\" value=\"{path}\"")), "{html}");
    assert!(html.contains("Чтобы открыть эту страницу, войдите"), "{html}");
    let csrf = csrf_of(&html);
    let r = client.post_form(
        "/sign-in",
        &[("csrf", csrf.as_str()), ("next", path.as_str()), ("number", &app.maria.number), ("pin", &app.maria.pin)],
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), path);
    let page = client.follow(&r);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&number));
});

server_test!(next_must_be_a_local_path, |app| {
    for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
        let mut client = app.client();
        let page = client.get("/sign-in");
        let csrf = csrf_of(&page.text());
        let r = client.post_form(
            "/sign-in",
            &[("csrf", csrf.as_str()), ("next", evil), ("number", &app.maria.number), ("pin", &app.maria.pin)],
        );
        assert_eq!(r.status, 303);
        assert_eq!(r.location(), "/", "{evil}");
    }
});

server_test!(forms_without_the_right_csrf_token_are_refused, |app| {
    let mut client = app.client();
    // sign-in: no token, a forged one, a token without its cookie
    let r = client.post_form("/sign-in", &[("number", &app.maria.number), ("pin", &app.maria.pin)]);
    assert_eq!(r.status, 403);
    assert!(r.text().contains("Форма устарела"), "{}", r.text());
    let page = client.get("/sign-in");
    let csrf = csrf_of(&page.text());
    let (nonce, _) = csrf.split_once('.').expect("signed token");
    let forged = format!("{nonce}.{}", "0".repeat(64));
    let mut forging = client.clone();
    forging.cookies.insert("pre".to_owned(), forged.clone());
    let r = forging
        .post_form("/sign-in", &[("csrf", forged.as_str()), ("number", &app.maria.number), ("pin", &app.maria.pin)]);
    assert_eq!(r.status, 403, "an unsigned double-submit is refused");
    let mut cookieless = app.client();
    let r = cookieless
        .post_form("/sign-in", &[("csrf", csrf.as_str()), ("number", &app.maria.number), ("pin", &app.maria.pin)]);
    assert_eq!(r.status, 403, "the field without the cookie");

    // a session's forms need that session's token
    let mut maria = app.signed_in(&app.maria);
    let mut oleg = app.signed_in(&app.oleg);
    let oleg_csrf = csrf_of(&oleg.get("/").text());
    let id = app.extract(&app.maria);
    let r = maria.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", oleg_csrf.as_str())]);
    assert_eq!(r.status, 403);
    let r = maria.post_form(&format!("/appeals/{}/withdraw", id.0), &[]);
    assert_eq!(r.status, 403);
    assert!(app.appeal(id).status.kind().is_open(), "nothing changed");
    let mut pairs = crate::support::identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    pairs.push(("csrf".to_owned(), "nope".to_owned()));
    let before = ereception_core::store::count_rows(&mut app.conn(), "appeals").expect("count");
    let r = maria.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 403);
    assert_eq!(ereception_core::store::count_rows(&mut app.conn(), "appeals").expect("count"), before);
});

server_test!(the_navigation_marks_the_current_page, |app| {
    let mut client = app.client();
    let html = client.get("/questions/new").text();
    assert!(html.contains("<a href=\"/questions/new\" aria-current=\"page\">"), "{html}");
    assert_eq!(html.matches("aria-current").count(), 1, "{html}");
    let html = client.get("/sign-in").text();
    assert!(html.contains("<a href=\"/sign-in\" aria-current=\"page\">"), "{html}");
    let mut maria = app.signed_in(&app.maria);
    let html = maria.get("/").text();
    assert!(html.contains("<a href=\"/\" aria-current=\"page\">"), "{html}");
    let html = maria.get("/services").text();
    assert!(html.contains("<a href=\"/services\" aria-current=\"page\">"), "{html}");
    assert!(!maria.get("/appeals/new/consultation").text().contains("aria-current"), "no item of its own");
});

server_test!(the_language_switch_turns_pages_english, |app| {
    let mut client = app.client();
    let r = client.get("/lang/en?next=%2Fsign-in");
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/sign-in");
    assert_eq!(client.cookies.get("lang").map(String::as_str), Some("en"));
    let html = client.follow(&r).text();
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("Sign in to your private section"), "{html}");
    // the switch back to Russian, a button of the sign-in form (it keeps the number typed)
    assert!(html.contains("name=\"switch-lang\" value=\"ru\""), "the switch back to Russian");
    // errors in English too
    let page = client.get("/sign-in");
    let csrf = csrf_of(&page.text());
    let r =
        client.post_form("/sign-in", &[("csrf", csrf.as_str()), ("number", &app.maria.number), ("pin", "AAAA-AAAX")]);
    assert!(r.text().contains("Sign-in failed"), "{}", r.text());
    // and back
    let r = client.get("/lang/ru?next=%2F");
    assert_eq!(client.cookies.get("lang").map(String::as_str), Some("ru"));
    assert_eq!(r.location(), "/");
    // a single page in English by parameter
    let mut fresh = app.client();
    assert!(fresh.get("/services?lang=en").text().contains("Choose a service"));
    assert_eq!(fresh.get("/lang/xx").status, 404);
});

server_test!(sign_in_is_throttled_per_address_only_behind_a_trusted_proxy, |app| {
    drop(app);
    let config = ereception_core::config::ServerConfig {
        sign_in_per_minute: 2,
        sign_in_burst: 2,
        trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
        ..crate::support::test_config()
    };
    let Some(app) =
        crate::support::TestApp::start_with(ereception_core::store::testing::TestBackend::Sqlite, "throttle", config)
    else {
        return;
    };
    let mut client = app.client();
    client.headers.push(("X-Forwarded-For".to_owned(), "203.0.113.7".to_owned()));
    let wrong = wrong_pin(&app.maria.pin);
    assert_eq!(try_sign_in(&mut client, &app.maria.number, &wrong).status, 422);
    assert_eq!(try_sign_in(&mut client, &app.maria.number, &wrong).status, 422);
    let r = try_sign_in(&mut client, &app.maria.number, &wrong);
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    assert!(r.text().contains("Слишком много попыток входа"));
    // another client address behind the same proxy has its own allowance
    let mut other = app.client();
    other.headers.push(("X-Forwarded-For".to_owned(), "203.0.113.8".to_owned()));
    assert_eq!(try_sign_in(&mut other, &app.oleg.number, &app.oleg.pin).status, 303);
});

server_test!(forwarded_for_from_an_untrusted_peer_is_ignored, |app| {
    drop(app);
    let config = ereception_core::config::ServerConfig {
        sign_in_per_minute: 1,
        sign_in_burst: 1,
        ..crate::support::test_config()
    };
    let Some(app) =
        crate::support::TestApp::start_with(ereception_core::store::testing::TestBackend::Sqlite, "untrusted", config)
    else {
        return;
    };
    let wrong = wrong_pin(&app.maria.pin);
    let mut a = app.client();
    a.headers.push(("X-Forwarded-For".to_owned(), "198.51.100.1".to_owned()));
    assert_eq!(try_sign_in(&mut a, &app.maria.number, &wrong).status, 422);
    let mut b = app.client();
    b.headers.push(("X-Forwarded-For".to_owned(), "198.51.100.2".to_owned()));
    assert_eq!(try_sign_in(&mut b, &app.maria.number, &wrong).status, 429, "both are 127.0.0.1");
});

#[test]
fn cookies_are_secure_when_configured() {
    let config = ereception_core::config::ServerConfig { secure_cookies: true, ..crate::support::test_config() };
    let app =
        crate::support::TestApp::start_with(ereception_core::store::testing::TestBackend::Sqlite, "secure", config)
            .expect("sqlite");
    let mut client = app.client();
    let page = client.get("/sign-in");
    let pre = page.headers_named("set-cookie").into_iter().find(|c| c.starts_with("pre=")).expect("cookie");
    assert!(pre.ends_with("; Secure"), "{pre}");
    let csrf = csrf_of(&page.text());
    let r = client
        .post_form("/sign-in", &[("csrf", csrf.as_str()), ("number", &app.maria.number), ("pin", &app.maria.pin)]);
    let sid = r.headers_named("set-cookie").into_iter().find(|c| c.starts_with("sid=")).expect("session cookie");
    assert!(sid.contains("HttpOnly") && sid.ends_with("; Secure"), "{sid}");
    // Regression: a site behind TLS did not tell browsers to keep to it (no HSTS), so an
    // address typed without https:// went out in plain text first, open to a downgrade.
    assert_eq!(page.header("strict-transport-security"), Some("max-age=31536000"));
    assert_eq!(client.get("/no/such/page").header("strict-transport-security"), Some("max-age=31536000"));
}

server_test!(plain_http_sends_no_strict_transport_security, |app| {
    // the tests' server is plain http: HSTS there would only be ignored, or cut a site off
    assert_eq!(app.client().get("/sign-in").header("strict-transport-security"), None);
});

server_test!(the_private_section_opens_in_the_accounts_language_unless_one_was_chosen, |app| {
    use ereception_core::i18n::Lang;
    accounts_lang(&app, Lang::En);
    // a fresh device: the account's language
    let mut client = app.client();
    let r = try_sign_in(&mut client, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303);
    assert_eq!(client.cookies.get("lang").map(String::as_str), Some("en"));
    assert!(client.get("/").text().contains("<html lang=\"en\""));
    // a device where Russian was chosen keeps it
    let mut client = app.client();
    client.get("/lang/ru?next=/sign-in");
    try_sign_in(&mut client, &app.maria.number, &app.maria.pin);
    assert_eq!(client.cookies.get("lang").map(String::as_str), Some("ru"));
    assert!(client.get("/").text().contains("<html lang=\"ru\""));
});

fn accounts_lang(app: &crate::support::TestApp, lang: ereception_core::i18n::Lang) {
    use diesel::prelude::*;
    use ereception_core::store::schema::accounts::dsl;
    diesel::update(dsl::accounts.filter(dsl::id.eq(app.maria.account.0)))
        .set(dsl::lang.eq(lang.code()))
        .execute(&mut *app.conn())
        .expect("language set");
}

server_test!(a_form_sent_after_the_session_ended_is_said_to_be_lost, |app| {
    use diesel::RunQueryDsl;
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/consultation").text());
    // half an hour of typing later, the session is gone
    diesel::delete(ereception_core::store::schema::sessions::table).execute(&mut *app.conn()).expect("expired");
    let r = client.post_form(
        "/appeals/new/consultation",
        &[("csrf", csrf.as_str()), ("f-topic", "other"), ("f-question", "Долгий вопрос")],
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/sign-in?next=/appeals/new/consultation&unsent=1");
    // (read from a new client: this one's cookie may stay in the read cache for a second)
    let html = app.client().get(r.location()).text();
    assert!(
        html.contains(
            "Сеанс работы в личном кабинете завершён после 30 минут бездействия, поэтому форма не отправлена"
        ),
        "{html}"
    );
    assert!(!html.contains("Чтобы открыть эту страницу"), "{html}");
    assert_eq!(ereception_core::store::count_rows(&mut app.conn(), "appeals").expect("count"), 0);
});

/// A server listening on `[::]:0` (dual-stack, as `listen = "[::]:8080"` runs), where IPv4
/// clients arrive as `::ffff:a.b.c.d`.
fn dual_stack(name: &str, config: ereception_core::config::ServerConfig) -> Option<crate::support::TestApp> {
    let settings = intake_server::Settings::new(config, "http://127.0.0.1".to_owned(), crate::support::cal().clone());
    crate::support::TestApp::start_bound(ereception_core::store::testing::TestBackend::Sqlite, name, settings, "[::]:0")
}

// Regression: every IPv4 client of a dual-stack listener was counted as one IPv6 /64
// (`::ffff:0:0/64`), so one client's wrong PINs locked every IPv4 resident out of signing in.
#[test]
fn ipv4_clients_of_a_dual_stack_listener_are_throttled_each_on_its_own() {
    let config = ereception_core::config::ServerConfig {
        sign_in_per_minute: 1,
        sign_in_burst: 1,
        ..crate::support::test_config()
    };
    let Some(app) = dual_stack("dual-stack-throttle", config) else { return };
    let wrong = wrong_pin(&app.maria.pin);
    let mut a = app.client();
    a.source = Some("127.0.0.2".parse().expect("ip"));
    assert_eq!(try_sign_in(&mut a, &app.maria.number, &wrong).status, 422);
    assert_eq!(try_sign_in(&mut a, &app.maria.number, &wrong).status, 429, "its own allowance is used up");
    let mut b = app.client();
    b.source = Some("127.0.0.3".parse().expect("ip"));
    assert_eq!(try_sign_in(&mut b, &app.oleg.number, &app.oleg.pin).status, 303, "another IPv4 client");
}

// Regression: a trusted proxy named by its IPv4 address was not recognised when it reached a
// dual-stack listener (as `::ffff:10.0.0.5`), so X-Forwarded-For was ignored and all residents
// behind it shared one allowance.
#[test]
fn a_trusted_proxy_is_recognised_on_a_dual_stack_listener() {
    let config = ereception_core::config::ServerConfig {
        sign_in_per_minute: 1,
        sign_in_burst: 1,
        trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
        ..crate::support::test_config()
    };
    let Some(app) = dual_stack("dual-stack-proxy", config) else { return };
    let wrong = wrong_pin(&app.maria.pin);
    let mut a = app.client();
    a.headers.push(("X-Forwarded-For".to_owned(), "203.0.113.7".to_owned()));
    assert_eq!(try_sign_in(&mut a, &app.maria.number, &wrong).status, 422);
    assert_eq!(try_sign_in(&mut a, &app.maria.number, &wrong).status, 429);
    let mut b = app.client();
    b.headers.push(("X-Forwarded-For".to_owned(), "203.0.113.8".to_owned()));
    assert_eq!(try_sign_in(&mut b, &app.oleg.number, &app.oleg.pin).status, 303, "another resident behind it");
}

// Regression: signing in again in a browser that had a live session left that session alive on
// the server, though the browser no longer held it: a copy of the old cookie (taken before,
// or planted) kept the private section open for hours after the resident signed in anew.
server_test!(signing_in_ends_the_session_the_browser_had_before, |app| {
    let mut client = app.signed_in(&app.maria);
    let mut copy = client.clone();
    assert_eq!(copy.get("/").status, 200, "the old cookie works, and is in the read cache");
    // the sign-in form of another tab, sent while still signed in (its token is the cookie's)
    let csrf = client.cookies["pre"].clone();
    let r = client.post_form(
        "/sign-in",
        &[("csrf", csrf.as_str()), ("next", "/"), ("number", &app.maria.number), ("pin", &app.maria.pin)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_ne!(client.cookies["sid"], copy.cookies["sid"], "a new session");
    assert_eq!(client.get("/").status, 200);
    let r = copy.get("/");
    assert_eq!(r.status, 303, "the session the browser had before is over");
    assert!(r.location().starts_with("/sign-in"));
    assert_eq!(copy.get("/api/v1/appeals").status, 401);
});

server_test!(a_link_to_a_relatives_appeal_says_to_sign_in_with_their_pin_not_again_with_ones_own, |app| {
    // QA: a family shares one address; Oleg, signed in, followed a letter about Maria's appeal
    // and read «войдите в личный кабинет со своим номером и ПИН-кодом» — he was signed in
    let id = app.extract(&app.maria);
    let mut oleg = app.signed_in(&app.oleg);
    for path in [format!("/appeals/{}", id.0), "/appeals/999999".to_owned()] {
        let r = oleg.get(&path);
        assert_eq!(r.status, 404);
        let html = r.text();
        assert!(html.contains("выйдите и войдите с номером и ПИН-кодом того кабинета"), "{path}: {html}");
        assert!(!html.contains("со своим номером"), "{html}");
        assert!(html.contains("action=\"/sign-out\""), "the way out is on the page");
    }
    let en = oleg.get(&format!("/appeals/{}?lang=en", id.0)).text();
    assert!(en.contains("sign out and sign in with that section&#39;s account number and PIN"), "{en}");
    // signed out, the link leads to the sign-in page and back
    let mut stranger = app.client();
    let r = stranger.get(&format!("/appeals/{}", id.0));
    assert_eq!(r.location(), format!("/sign-in?next=/appeals/{}", id.0));
    assert!(stranger.get("/nowhere").text().contains("войдите в личный кабинет со своим номером и ПИН-кодом"));
});

server_test!(a_button_pressed_after_signing_out_in_another_tab_comes_back_to_the_home_page, |app| {
    // QA: «Присылать письма на английском» pressed in a tab left open after signing out in
    // another led, after signing in, to /account/mail-language by `GET`: «Действие недоступно»
    let mut tab = app.signed_in(&app.maria);
    let home = tab.get("/").text();
    let form = home.find("action=\"/account/mail-language\"").expect("the language button");
    let csrf = csrf_of(&home[form..]);
    let sign_out = home.find("action=\"/sign-out\"").expect("the sign-out button");
    let r = tab.post_form("/sign-out", &[("csrf", csrf_of(&home[sign_out..]).as_str())]);
    assert_eq!(r.status, 303);
    for path in ["/account/mail-language", "/account/confirmation-link"] {
        let r = tab.post_form(path, &[("csrf", csrf.as_str()), ("lang", "en")]);
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.location(), "/sign-in?next=/&undone=1", "{path}");
    }
    let page = tab.get("/sign-in?next=/&undone=1").text();
    assert!(page.contains("поэтому действие не выполнено. Войдите снова и повторите его."), "{page}");
    assert!(!page.contains("введённые данные не сохранились"), "nothing was typed: {page}");
    let csrf = csrf_of(&page);
    let r = tab.post_form(
        "/sign-in",
        &[("csrf", csrf.as_str()), ("next", "/"), ("number", &app.maria.number), ("pin", &app.maria.pin)],
    );
    assert_eq!((r.status, r.location()), (303, "/"));
    // a form that has a page of its own still comes back to it
    let mut other = app.signed_in(&app.maria);
    let email = other.get("/account/email").text();
    let csrf = csrf_of(&email[email.find("action=\"/account/email\"").expect("the form")..]);
    let out = other.get("/").text();
    other.post_form("/sign-out", &[("csrf", csrf_of(&out[out.find("action=\"/sign-out\"").expect("out")..]).as_str())]);
    let r = other.post_form("/account/email", &[("csrf", csrf.as_str()), ("email", "new@example.invalid")]);
    assert_eq!(r.location(), "/sign-in?next=/account/email&unsent=1");
});
