//! Nothing typed is lost: a filing form sent after the session ended comes back after signing
//! in (for the same account, in the same browser, unsent), and the language switch of a form's
//! page keeps what was typed.

use diesel::prelude::*;
use ereception_core::store::count_rows;
use ereception_core::store::schema::sessions;

use crate::server_test;
use crate::support::{Client, Resp, TestApp, csrf_of, identity_form};

const FORM: &str = "/appeals/new/consultation";
const QUESTION: &str = "Когда во дворе дома 12 починят освещение? Пишу уже третий раз.";

/// Every session has been idle too long (its row stays until purged, as on the server).
fn end_sessions(app: &TestApp) {
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
    diesel::update(sessions::table).set(sessions::expires_at.eq(past)).execute(&mut *app.conn()).expect("ended");
}

/// The value of hidden field `name` of a page, if it has one.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

/// A consultation as Maria types it, with the page's CSRF token.
fn consultation(csrf: &str, question: &str) -> Vec<(String, String)> {
    let mut pairs = identity_form(&[("f-topic", "improvement"), ("f-question", question)]);
    pairs.push(("csrf".to_owned(), csrf.to_owned()));
    pairs.push(("submission".to_owned(), "k".repeat(32)));
    pairs
}

/// Signs in on the sign-in page `page` (carrying whatever it carries).
fn sign_in_on(client: &mut Client, page: &Resp, number: &str, pin: &str) -> Resp {
    let html = page.text();
    let mut pairs = vec![
        ("csrf".to_owned(), csrf_of(&html)),
        ("next".to_owned(), hidden(&html, "next").expect("next")),
        ("number".to_owned(), number.to_owned()),
        ("pin".to_owned(), pin.to_owned()),
    ];
    for name in ["carried", "ended"] {
        if let Some(value) = hidden(&html, name) {
            pairs.push((name.to_owned(), value));
        }
    }
    client.post_pairs("/sign-in", &pairs)
}

/// Maria fills in a consultation, her session ends, she presses «Отправить»: the sign-in
/// page that carries her form.
fn typed_then_ended(app: &TestApp, question: &str) -> (Client, Resp) {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    end_sessions(app);
    let r = client.post_pairs(FORM, &consultation(&csrf, question));
    (client, r)
}

server_test!(a_form_sent_after_the_session_ended_comes_back_filled_in_after_signing_in_unsent, |app| {
    let (mut client, page) = typed_then_ended(&app, QUESTION);
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("Вход в личный кабинет</h1>"), "the sign-in page: {html}");
    assert!(html.contains("поэтому обращение не отправлено. Введённые данные не потеряны: войдите снова"), "{html}");
    // carried sealed: neither the text nor the names are readable in the page
    let carried = hidden(&html, "carried").expect("the form is carried");
    assert!(!html.contains("освещение") && !html.contains("Новый Арбат"), "{html}");
    assert!(!carried.contains("question"));
    assert_eq!(hidden(&html, "next").as_deref(), Some(FORM));
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");

    // signing in goes to the form's own page (a reload there must not sign in again) …
    let r = sign_in_on(&mut client, &page, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.location(), FORM, "nothing of the form in the address");
    let cookies = r.headers_named("set-cookie");
    assert!(cookies.iter().any(|c| c.starts_with("sid=")), "signed in");
    let carrying = cookies.iter().find(|c| c.starts_with("carried-0=")).expect("the form goes on in a cookie");
    assert!(carrying.contains(&format!("Path={FORM};")) && carrying.contains("HttpOnly"), "{carrying}");
    assert!(!carrying.contains("question") && !carrying.contains("%D0"), "sealed: {carrying}");
    // … which shows the same form again, filled in, with a notice, still not sent
    let r = client.follow(&r);
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("Обращение ещё не отправлено: проверьте, всё ли заполнено верно"), "{html}");
    assert!(html.contains(QUESTION), "{html}");
    assert!(html.contains("value=\"Иванова\"") && html.contains("value=\"14.03.1985\""), "{html}");
    assert!(html.contains("value=\"improvement\" checked"), "the topic chosen: {html}");
    assert!(!html.contains("error-summary"), "nothing checked: {html}");
    assert_eq!(hidden(&html, "submission"), Some("k".repeat(32)), "the same one-time key");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "not filed by signing in");
    // reloading that page shows it again (a GET: no sign-in sent again)
    let reloaded = client.get(FORM).text();
    assert!(reloaded.contains(QUESTION) && reloaded.contains("ещё не отправлено"), "{reloaded}");

    // pressing «Отправить обращение» files it, once
    let pairs = consultation(&csrf_of(&html), QUESTION);
    let filed = client.post_pairs(FORM, &pairs);
    assert_eq!(filed.status, 303, "{}", filed.text());
    assert!(filed.location().starts_with("/appeals/"), "{}", filed.location());
    let cleared = filed.headers_named("set-cookie");
    assert!(cleared.iter().any(|c| c.starts_with("carried-0=;") && c.contains("Max-Age=0")), "{cleared:?}");
    let again = client.post_pairs(FORM, &pairs);
    assert_eq!(again.location(), filed.location(), "the same key files one appeal");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 1);
    // sent, the form opens empty again
    let fresh = client.get(FORM).text();
    assert!(!fresh.contains(QUESTION) && !fresh.contains("ещё не отправлено"), "{fresh}");
});

server_test!(a_wrong_pin_keeps_the_carried_form_on_the_sign_in_page, |app| {
    let (mut client, page) = typed_then_ended(&app, QUESTION);
    let r = sign_in_on(&mut client, &page, &app.maria.number, "AAAA-AAAA");
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("Введённые данные не потеряны"), "{html}");
    let r = sign_in_on(&mut client, &r, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303);
    let form = client.follow(&r).text();
    assert!(form.contains(QUESTION), "{form}");
});

server_test!(a_form_carried_for_one_account_is_not_shown_to_another, |app| {
    let (mut client, page) = typed_then_ended(&app, QUESTION);
    // someone else signs in at the same browser: the form opens empty
    let r = sign_in_on(&mut client, &page, &app.oleg.number, &app.oleg.pin);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.location(), FORM);
    assert!(!r.text().contains("освещение"));
    assert!(!r.headers_named("set-cookie").iter().any(|c| c.starts_with("carried-")), "nothing carried on");
    let form = client.follow(&r).text();
    assert!(!form.contains("освещение") && !form.contains("Иванова"), "{form}");
    assert!(!form.contains("ещё не отправлено"), "{form}");
});

server_test!(a_carried_form_opens_in_no_other_browser, |app| {
    let (_, page) = typed_then_ended(&app, QUESTION);
    let carried = hidden(&page.text(), "carried").expect("carried");
    // the sealed field copied into another browser's sign-in (its own pre-session token)
    let mut other = app.client();
    let own = other.get("/sign-in");
    let pairs = [
        ("csrf", csrf_of(&own.text())),
        ("next", FORM.to_owned()),
        ("carried", carried),
        ("number", app.maria.number.clone()),
        ("pin", app.maria.pin.clone()),
    ];
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = other.post_form("/sign-in", &pairs);
    assert_eq!(r.status, 303, "signed in, nothing shown: {}", r.text());
    assert_eq!(r.location(), FORM);
    assert!(!r.headers_named("set-cookie").iter().any(|c| c.starts_with("carried-")), "nothing carried on");
    assert!(!other.follow(&r).text().contains("освещение"));
});

server_test!(a_carried_form_on_its_way_to_its_page_opens_in_no_other_session, |app| {
    let (mut client, page) = typed_then_ended(&app, QUESTION);
    let r = sign_in_on(&mut client, &page, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303);
    let carrying: Vec<(String, String)> =
        client.cookies.iter().filter(|(k, _)| k.starts_with("carried-")).map(|(k, v)| (k.clone(), v.clone())).collect();
    assert!(!carrying.is_empty());
    // the cookies copied into another session of the same account (another browser)
    let mut other = app.signed_in(&app.maria);
    other.cookies.extend(carrying);
    let form = other.get(FORM).text();
    assert!(!form.contains("освещение") && !form.contains("ещё не отправлено"), "{form}");
});

server_test!(a_form_that_is_not_the_ended_sessions_own_is_not_carried, |app| {
    let mut client = app.signed_in(&app.maria);
    end_sessions(&app);
    // a page from elsewhere (no CSRF token of that session): the plain redirect, nothing sealed
    let r = client.post_pairs(FORM, &consultation("forged", QUESTION));
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/sign-in?next=/appeals/new/consultation&unsent=1");
    // nor after signing out, when the form is not that session's own
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    assert_eq!(client.post_form("/sign-out", &[("csrf", csrf.as_str())]).status, 303);
    let r = client.post_pairs(FORM, &consultation("forged", QUESTION));
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/sign-in?next=/appeals/new/consultation&unsent=1");
});

server_test!(a_form_sent_after_signing_out_in_another_tab_comes_back_after_signing_in, |app| {
    // one tab shows the form, typed in; in another the resident signs out (the browser drops
    // the session cookie for both); then the first tab's form is sent
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    let out = client.post_form("/sign-out", &[("csrf", csrf.as_str())]);
    assert_eq!(out.status, 303);
    assert!(!client.cookies.contains_key("sid"), "signed out");
    let page = client.post_pairs(FORM, &consultation(&csrf, QUESTION));
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains(
            "Вы вышли из личного кабинета (в этом или другом окне браузера), поэтому обращение не отправлено"
        ),
        "{html}"
    );
    assert!(hidden(&html, "carried").is_some(), "carried: {html}");
    assert!(!html.contains("освещение"), "sealed: {html}");
    // a wrong PIN keeps the form and says the same
    let r = sign_in_on(&mut client, &page, &app.maria.number, "AAAA-AAAA");
    assert_eq!(r.status, 422);
    assert!(r.text().contains("в этом или другом окне браузера"), "{}", r.text());
    let r = sign_in_on(&mut client, &r, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.location(), FORM);
    let form = client.follow(&r).text();
    assert!(form.contains(QUESTION) && form.contains("ещё не отправлено"), "{form}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
});

server_test!(a_form_as_large_as_the_limit_allows_is_carried_through_the_sign_in, |app| {
    // near the 16 KiB body limit of the tests; sealed, it is a third larger
    let long = format!("Вопрос: {}", "lamp post ".repeat(1500));
    let (mut client, page) = typed_then_ended(&app, &long);
    assert_eq!(page.status, 200, "{}", page.text());
    let carried = hidden(&page.text(), "carried").expect("carried");
    assert!(carried.len() > 16 * 1024, "larger than the form's own limit: {}", carried.len());
    // too large for cookies: shown as the sign-in's own answer rather than lost
    let r = sign_in_on(&mut client, &page, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains(&long));
});

server_test!(a_correction_sent_after_the_session_ended_comes_back_as_a_correction, |app| {
    let old = app.extract(&app.maria);
    app.refuse_to_register(old);
    let mut client = app.signed_in(&app.maria);
    let link = format!("/appeals/new/house-register-extract?corrects={}", old.0);
    let csrf = csrf_of(&client.get(&link).text());
    end_sessions(&app);
    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "2")]);
    pairs.push(("csrf".to_owned(), csrf));
    pairs.push(("corrects".to_owned(), old.0.to_string()));
    let page = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(page.status, 200, "{}", page.text());
    let r = sign_in_on(&mut client, &page, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 303, "{}", r.text());
    let html = client.follow(&r).text();
    assert!(html.contains(&format!("name=\"corrects\" value=\"{}\"", old.0)), "still a correction: {html}");
    assert!(html.contains(&app.appeal(old).number.to_string()), "{html}");
    assert!(html.contains("Обращение ещё не отправлено"), "{html}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 1, "only the refused one");
});

// --- the language switch on a form's page ---------------------------------------------------------

server_test!(the_language_switch_of_the_appeal_form_keeps_what_was_typed, |app| {
    let mut client = app.signed_in(&app.maria);
    let page = client.get(FORM).text();
    // a button of the form, after a hidden default button (Enter still files)
    let default = page.find("form=\"appeal-form\" name=\"action\" value=\"file\"").expect("default button");
    let switch = page
        .find("<button type=\"submit\" form=\"appeal-form\" name=\"switch-lang\" value=\"en\"")
        .expect("the switch is a button of the form");
    assert!(default < switch, "Enter must not switch the language");
    assert!(page.contains("id=\"appeal-form\""));
    assert!(!page.contains("href=\"/lang/en"), "no link that would lose the form");

    let mut pairs = consultation(&csrf_of(&page), "");
    pairs.push(("switch-lang".to_owned(), "en".to_owned()));
    let r = client.post_pairs(FORM, &pairs);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.headers_named("set-cookie").iter().any(|c| c.starts_with("lang=en")));
    let html = r.text();
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("Consultation with a council specialist"), "{html}");
    assert!(html.contains("value=\"Иванова\"") && html.contains("value=\"improvement\" checked"), "{html}");
    assert!(!html.contains("error-summary"), "the empty question is not called a mistake: {html}");
    assert_eq!(hidden(&html, "submission"), Some("k".repeat(32)));
    assert!(html.contains("name=\"switch-lang\" value=\"ru\""), "and back: {html}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
});

server_test!(the_language_switch_of_the_question_and_sign_in_forms_keeps_what_was_typed, |app| {
    let mut client = app.client();
    let page = client.get("/questions/new").text();
    assert!(page.contains("form=\"question-form\" name=\"switch-lang\" value=\"en\""), "{page}");
    let before = count_rows(&mut app.conn(), "questions").expect("count");
    let csrf = csrf_of(&page);
    let r = client.post_form(
        "/questions/new",
        &[
            ("csrf", csrf.as_str()),
            ("name", "Анна"),
            ("email", ""),
            ("district", "0412"),
            ("text", "Где получить пропуск на парковку?"),
            ("switch-lang", "en"),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Где получить пропуск на парковку?") && html.contains("value=\"Анна\""), "{html}");
    assert!(html.contains("value=\"0412\" selected"), "{html}");
    assert!(!html.contains("error-summary"), "the empty address is not called a mistake: {html}");
    assert_eq!(count_rows(&mut app.conn(), "questions").expect("count"), before, "nothing asked");

    // the sign-in page: the number typed stays, and no attempt is counted
    let page = client.get("/sign-in").text();
    let r = client.post_form(
        "/sign-in",
        &[("csrf", csrf_of(&page).as_str()), ("next", "/"), ("number", &app.maria.number), ("switch-lang", "en")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("<html lang=\"en\"") && html.contains(&format!("value=\"{}\"", app.maria.number)));
    assert!(!html.contains("error-summary"), "{html}");
    assert!(!client.cookies.contains_key("sid"));

    // pages without a form to keep switch with a plain link
    let home = client.get("/services").text();
    assert!(home.contains("href=\"/lang/ru?next=/services\""), "{home}");
    assert!(!home.contains("name=\"switch-lang\""));
});

server_test!(the_pre_session_cookie_lasts_a_day_from_the_last_form_shown, |app| {
    // a question form opened late in the cookie's day must still send after it: every form
    // shown sets the same token again, for another day
    let mut client = app.client();
    let first = client.get("/questions/new");
    let token = client.cookies.get("pre").cloned().expect("pre-session cookie");
    for path in ["/questions/new", "/sign-in"] {
        let again = client.get(path);
        let cookie = again.headers_named("set-cookie").into_iter().find(|c| c.starts_with("pre=")).map(str::to_owned);
        let cookie = cookie.unwrap_or_else(|| panic!("{path} does not renew the cookie"));
        assert!(cookie.starts_with(&format!("pre={token};")), "the same token: {cookie}");
        assert!(cookie.contains("Max-Age=86400"), "{cookie}");
    }
    assert_eq!(csrf_of(&first.text()), token, "the form's token is the cookie's");
});

/// Signs in afresh from the sign-in page, as a resident does in another tab.
fn sign_in_again(client: &mut Client, number: &str, pin: &str) -> Resp {
    let page = client.get("/sign-in?next=/");
    sign_in_on(client, &page, number, pin)
}

server_test!(a_form_sent_after_signing_out_and_in_again_in_another_tab_comes_back_unsent, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    // another tab: out, and in again
    assert_eq!(client.post_form("/sign-out", &[("csrf", csrf.as_str())]).status, 303);
    assert_eq!(sign_in_again(&mut client, &app.maria.number, &app.maria.pin).status, 303);
    // the first tab's form, with the first session's token: shown again, not refused
    let r = client.post_pairs(FORM, &consultation(&csrf, QUESTION));
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains(QUESTION) && html.contains("Обращение ещё не отправлено"), "{html}");
    assert!(!html.contains("error-summary"), "{html}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
    // sent from there, it is filed
    let filed = client.post_pairs(FORM, &consultation(&csrf_of(&html), QUESTION));
    assert_eq!(filed.status, 303, "{}", filed.text());
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 1);
});

server_test!(a_form_sent_after_the_session_expired_and_a_sign_in_in_another_tab_comes_back_unsent, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    end_sessions(&app);
    // another tab finds the session ended (once the read cache has let it go) and signs in
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(sign_in_again(&mut client, &app.maria.number, &app.maria.pin).status, 303);
    let r = client.post_pairs(FORM, &consultation(&csrf, QUESTION));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains(QUESTION) && r.text().contains("Обращение ещё не отправлено"), "{}", r.text());
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
});

server_test!(a_form_of_an_ended_session_is_not_shown_to_another_account_signed_in_after_it, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get(FORM).text());
    assert_eq!(client.post_form("/sign-out", &[("csrf", csrf.as_str())]).status, 303);
    assert_eq!(sign_in_again(&mut client, &app.oleg.number, &app.oleg.pin).status, 303);
    let r = client.post_pairs(FORM, &consultation(&csrf, QUESTION));
    assert_eq!(r.status, 403, "refused as a stale form: {}", r.text());
    assert!(!r.text().contains("освещение"), "{}", r.text());
    // nor is a form of no ended session at all
    let r = client.post_pairs(FORM, &consultation("forged", QUESTION));
    assert_eq!(r.status, 403);
});

#[test]
fn a_throttled_sign_in_keeps_the_carried_form_on_the_sign_in_page() {
    // QA: past the address's sign-in allowance the page carrying the form was replaced by
    // «Слишком много попыток входа», and the form went with it
    let config = ereception_core::config::ServerConfig {
        sign_in_per_minute: 1,
        sign_in_burst: 2,
        ..crate::support::test_config()
    };
    let Some(app) = TestApp::start_with(ereception_core::store::testing::TestBackend::Sqlite, "carry-throttle", config)
    else {
        return;
    };
    let (mut client, page) = typed_then_ended(&app, QUESTION);
    let r = sign_in_on(&mut client, &page, &app.maria.number, "AAAA-AAAA");
    assert_eq!(r.status, 422, "the second attempt of the burst");
    let r = sign_in_on(&mut client, &r, &app.maria.number, &app.maria.pin);
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    let html = r.text();
    assert!(html.contains("С этого устройства было слишком много попыток входа"), "{html}");
    assert!(html.contains("Введённые данные не потеряны"), "{html}");
    assert!(hidden(&html, "carried").is_some_and(|c| !c.is_empty()), "still carried: {html}");
    assert_eq!(hidden(&html, "next").as_deref(), Some(FORM));
    assert!(html.contains(&format!("value=\"{}\"", app.maria.number)), "the number stays typed");
}
