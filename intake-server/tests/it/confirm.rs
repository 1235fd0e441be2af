//! Confirmation links asked for again from the private section, a re-issued PIN keeping its
//! confirmed address, and the limits on the letters the question form makes the server send.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use ereception_core::domain::audit::AuditActor;
use ereception_core::domain::ids::{AccountId, DistrictCode};
use ereception_core::domain::question::{EmailAddress, QuestionDraft};
use ereception_core::i18n::Lang;
use ereception_core::store::schema::email_confirmations;
use ereception_core::store::{accounts, count_rows, outbox, questions};

use crate::server_test;
use crate::support::{Client, TestApp, cal, confirm_link, csrf_of, test_config};

fn letters_to(app: &TestApp, to: &str) -> usize {
    outbox::list(&mut app.conn(), None, 1000).expect("outbox").iter().filter(|e| e.recipient == to).count()
}

/// Moves the account's confirmation links `minutes` into the past, as if time had passed.
fn age_links(app: &TestApp, account: AccountId, minutes: i64) {
    let links: Vec<(i64, chrono::NaiveDateTime)> = email_confirmations::table
        .filter(email_confirmations::account_id.eq(account.0))
        .select((email_confirmations::id, email_confirmations::created_at))
        .load(&mut *app.conn())
        .expect("links");
    for (id, at) in links {
        diesel::update(email_confirmations::table.find(id))
            .set(email_confirmations::created_at.eq(at - Duration::minutes(minutes)))
            .execute(&mut *app.conn())
            .expect("aged");
    }
}

server_test!(a_resident_asks_for_a_new_confirmation_link_at_most_every_few_minutes, |app| {
    let mut client = app.signed_in(&app.maria);
    let home = client.get("/").text();
    assert!(home.contains("ещё не подтверждён"), "{home}");
    assert!(home.contains("action=\"/account/confirmation-link\""), "{home}");
    assert!(home.contains("Отправить ссылку ещё раз"), "{home}");
    // the limits are stated where the button is
    assert!(home.contains("Ссылка действует 7 дней"), "{home}");
    assert!(home.contains("не чаще раза в 5 минут и не больше 5 раз в сутки"), "{home}");
    let csrf = csrf_of(&home);
    let to = "maria@example.invalid";
    let before = letters_to(&app, to);
    // without the session's token nothing is sent
    assert_eq!(client.post_form("/account/confirmation-link", &[]).status, 403);
    // the desk's letter has just gone: too soon, and said when
    let r = client.post_form("/account/confirmation-link", &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.text().contains("Новую ссылку можно будет запросить после"), "{}", r.text());
    assert_eq!(letters_to(&app, to), before);
    // ten minutes later a new link goes out, and it works
    age_links(&app, app.maria.account, 10);
    let r = client.post_form("/account/confirmation-link", &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("Мы отправили новую ссылку"), "{}", r.text());
    assert_eq!(letters_to(&app, to), before + 1);
    let again = client.post_form("/account/confirmation-link", &[("csrf", csrf.as_str())]);
    assert_eq!(again.status, 429, "one per five minutes");
    assert_eq!(letters_to(&app, to), before + 1);
    // signed out, the button leads to signing in and sends nothing
    let r = app.client().post_form("/account/confirmation-link", &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 303);
    assert_eq!(letters_to(&app, to), before + 1);
    // once confirmed, the button is gone
    let token = app.maria.confirmation.clone().expect("the desk's link");
    assert_eq!(confirm_link(&mut app.client(), &token).status, 200);
    let home = client.get("/").text();
    assert!(!home.contains("Отправить ссылку ещё раз"), "{home}");
    assert!(home.contains("Письма о ваших обращениях приходят на адрес"), "{home}");
});

/// The link last mailed to `to` (the link lives only in its letter).
fn link_to(app: &TestApp, to: &str) -> String {
    use ereception_core::store::schema::outbox as o;
    o::table
        .filter(o::recipient.eq(to))
        .filter(o::link_token.is_not_null())
        .order(o::id.desc())
        .select(o::link_token.assume_not_null())
        .first::<String>(&mut *app.conn())
        .expect("a link")
}

/// A new PIN for `who`'s resident, with `email` given at the desk.
fn reissue(app: &TestApp, who: &crate::support::Applicant, email: Option<&str>) -> crate::support::Applicant {
    let resident = accounts::get(&mut app.conn(), who.account).expect("query").expect("present").resident;
    let outcome = accounts::issue_pin(
        &mut app.conn(),
        &accounts::IssueRequest { resident, email: email.and_then(EmailAddress::parse), lang: Lang::Ru, replace: true },
        &accounts::Issuer {
            name: "Орлова А. И.".to_owned(),
            clerk: None,
            audit: AuditActor::os_user("test"),
            desk: "окно 1".to_owned(),
        },
        Utc::now(),
    )
    .expect("issued");
    let accounts::IssuePinOutcome::Issued(issued) = outcome else { panic!("replace issues a new PIN") };
    crate::support::Applicant {
        account: issued.account.id,
        number: issued.account.number.to_string(),
        pin: issued.pin.reveal_grouped(),
        confirmation: issued.confirmation.clone(),
    }
}

server_test!(a_resident_changes_the_letters_address_and_it_takes_effect_once_confirmed, |app| {
    let token = app.maria.confirmation.clone().expect("the desk's link");
    assert_eq!(confirm_link(&mut app.client(), &token).status, 200);
    let mut client = app.signed_in(&app.maria);
    let home = client.get("/").text();
    assert!(home.contains("<a href=\"/account/email\">Изменить адрес</a>"), "{home}");
    let form = client.get("/account/email").text();
    assert!(form.contains("Сейчас письма о ваших обращениях приходят на адрес maria@example.invalid."), "{form}");
    assert!(form.contains("Ссылка действует 7 дней. Отправлять её можно не чаще раза в 5 минут"), "{form}");
    let csrf = csrf_of(&form);
    let (old, new) = ("maria@example.invalid", "maria.new@example.invalid");
    let before = letters_to(&app, old);
    // without the session's token nothing changes; a wrong address is said so, kept as typed
    assert_eq!(client.post_form("/account/email", &[("email", new)]).status, 403);
    let r = client.post_form("/account/email", &[("csrf", csrf.as_str()), ("email", "maria.new@example")]);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("Введите адрес электронной почты в виде name@example.ru."), "{}", r.text());
    assert!(r.text().contains("value=\"maria.new@example\""), "{}", r.text());
    // the desk's link went a moment ago: too soon, and said when
    let r = client.post_form("/account/email", &[("csrf", csrf.as_str()), ("email", new)]);
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.text().contains("Письмо со ссылкой можно будет отправить после"), "{}", r.text());
    assert_eq!(letters_to(&app, new), 0);
    age_links(&app, app.maria.account, 10);
    let r = client.post_form("/account/email", &[("csrf", csrf.as_str()), ("email", new)]);
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    assert!(text.contains("Мы отправили ссылку для подтверждения на адрес maria.new@example.invalid."), "{text}");
    assert!(text.contains("письма приходят на прежний — maria@example.invalid"), "{text}");
    // the link to the new address, a word to the old one; letters go on to the old one
    assert_eq!(letters_to(&app, new), 1);
    assert_eq!(letters_to(&app, old), before + 1);
    let home = client.get("/").text();
    assert!(home.contains("приходят на адрес maria@example.invalid"), "{home}");
    assert!(home.contains("Новый адрес maria.new@example.invalid ждёт подтверждения"), "{home}");
    // confirmed: the new address is the one
    assert_eq!(confirm_link(&mut app.client(), &link_to(&app, new)).status, 200);
    let home = client.get("/").text();
    assert!(home.contains("приходят на адрес maria.new@example.invalid"), "{home}");
    assert!(!home.contains("ждёт подтверждения"), "{home}");
    let filed = letters_to(&app, new);
    app.extract(&app.maria);
    assert_eq!(letters_to(&app, new), filed + 1, "a filing's letter goes to the new address");
});

server_test!(a_resident_without_an_address_gives_one, |app| {
    // Oleg's PIN issued again, with no address given at the desk
    let bare = reissue(&app, &app.oleg, None);
    let mut client = app.signed_in(&bare);
    let home = client.get("/").text();
    assert!(home.contains("<a href=\"/account/email\">Указать адрес</a>"), "{home}");
    let csrf = csrf_of(&client.get("/account/email").text());
    let r = client.post_form("/account/email", &[("csrf", csrf.as_str()), ("email", "  ivan@example.invalid ")]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("После этого письма о ваших обращениях будут приходить на этот адрес."), "{}", r.text());
    let home = client.get("/").text();
    assert!(home.contains("Адрес ivan@example.invalid ещё не подтверждён"), "{home}");
    assert_eq!(confirm_link(&mut app.client(), &link_to(&app, "ivan@example.invalid")).status, 200);
    assert!(client.get("/").text().contains("приходят на адрес ivan@example.invalid"));
});

server_test!(a_pin_reissued_to_the_confirmed_address_keeps_the_letters_coming, |app| {
    let token = app.maria.confirmation.clone().expect("the desk's link");
    assert_eq!(confirm_link(&mut app.client(), &token).status, 200);
    let reissue = |email: &str| reissue(&app, &app.maria, Some(email));
    let same = reissue("maria@example.invalid");
    assert_eq!(same.confirmation, None, "no new link for the confirmed address");
    let html = app.signed_in(&same).get("/").text();
    assert!(html.contains("Письма о ваших обращениях приходят на адрес maria@example.invalid"), "{html}");
    // a filing's letter goes to it at once
    let before = letters_to(&app, "maria@example.invalid");
    app.extract(&same);
    assert_eq!(letters_to(&app, "maria@example.invalid"), before + 1);
    // another address is confirmed as before
    let other = reissue("masha@example.invalid");
    assert!(other.confirmation.is_some());
    let html = app.signed_in(&other).get("/").text();
    assert!(html.contains("ещё не подтверждён"), "{html}");
});

fn ask(client: &mut Client, email: &str) -> crate::support::Resp {
    let csrf = csrf_of(&client.get("/questions/new").text());
    client.post_form(
        "/questions/new",
        &[
            ("csrf", csrf.as_str()),
            ("name", "Анна"),
            ("email", email),
            ("district", "0412"),
            ("text", "Когда починят лифт в доме 12?"),
        ],
    )
}

#[test]
fn the_question_form_is_throttled_per_client_address() {
    let mut settings = intake_server::Settings::new(test_config(), "http://127.0.0.1".to_owned(), cal().clone());
    settings.questions_burst = 2;
    settings.questions_per_hour = 1;
    let app = TestApp::start_with_settings(
        ereception_core::store::testing::TestBackend::Sqlite,
        "question-throttle",
        settings,
    )
    .expect("sqlite");
    let mut client = app.client();
    // mistakes cost nothing
    for _ in 0..3 {
        let csrf = csrf_of(&client.get("/questions/new").text());
        assert_eq!(client.post_form("/questions/new", &[("csrf", csrf.as_str())]).status, 422);
    }
    assert_eq!(ask(&mut client, "a1@example.invalid").status, 303);
    assert_eq!(ask(&mut client, "a2@example.invalid").status, 303);
    let before = count_rows(&mut app.conn(), "questions").expect("count");
    let r = ask(&mut client, "a3@example.invalid");
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    let html = r.text();
    // QA: a page in the form's place said «сохраните текст у себя» — after it was gone from
    // the screen; the form now comes back with the question in it
    assert!(
        html.contains("поэтому этот вопрос пока не отправлен. Текст остаётся в форме: отправьте его через 60 минут."),
        "{html}"
    );
    assert!(html.contains(">Когда починят лифт в доме 12?</textarea>"), "the question is kept: {html}");
    assert!(html.contains("value=\"a3@example.invalid\""), "{html}");
    assert!(html.contains("href=\"#text\""), "the summary links to the question: {html}");
    assert_eq!(count_rows(&mut app.conn(), "questions").expect("count"), before, "nothing written");
    assert_eq!(letters_to(&app, "a3@example.invalid"), 0);
}

server_test!(one_address_gets_at_most_three_confirmation_letters_a_day, |app| {
    let mut client = app.client();
    for _ in 0..questions::LETTERS_PER_ADDRESS_PER_DAY {
        assert_eq!(ask(&mut client, "victim@example.invalid").status, 303);
    }
    let (qs, letters) =
        (count_rows(&mut app.conn(), "questions").expect("n"), letters_to(&app, "victim@example.invalid"));
    let r = ask(&mut client, "victim@example.invalid");
    assert_eq!(r.status, 429, "{}", r.text());
    let html = r.text();
    assert!(html.contains("id=\"email-error\""), "{html}");
    assert!(html.contains("уже отправлено несколько писем со ссылками для подтверждения"), "{html}");
    assert!(html.contains("Когда починят лифт в доме 12?"), "the text is kept: {html}");
    assert_eq!(count_rows(&mut app.conn(), "questions").expect("n"), qs, "nothing written");
    assert_eq!(letters_to(&app, "victim@example.invalid"), letters);
    assert_eq!(ask(&mut client, "someone.else@example.invalid").status, 303, "another address is not affected");
});

server_test!(the_server_deletes_questions_whose_link_expired_unconfirmed, |app| {
    let old = {
        let draft = QuestionDraft::parse("Анна", "old@example.invalid", "Вопрос").expect("valid");
        let asked_at = Utc::now() - accounts::CONFIRMATION_TTL - Duration::hours(1);
        questions::ask(&mut app.conn(), &DistrictCode::new("0412"), &draft, Lang::Ru, cal(), asked_at).expect("asked")
    };
    assert_eq!(ask(&mut app.client(), "new@example.invalid").status, 303);
    // another server on the database: its periodic work runs when it starts (this test's own
    // server may have got to it first)
    let _other = crate::support::ServerProcess::start(app.db.store.url());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    // (by address, not id: SQLite gives a deleted row's id to the next one)
    let asked_by = |email: &str| -> i64 {
        use ereception_core::store::schema::questions as q;
        q::table.filter(q::email.eq(email)).count().get_result(&mut *app.conn()).expect("count")
    };
    while asked_by("old@example.invalid") > 0 {
        assert!(std::time::Instant::now() < deadline, "the expired question is still there");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(letters_to(&app, "old@example.invalid"), 0, "its letter went with it");
    assert_eq!(letters_to(&app, "new@example.invalid"), 1, "a fresh question stays");
    assert_eq!(asked_by("new@example.invalid"), 1);
    let page = app.client().get(&format!("/confirm/{}", old.confirmation));
    assert_eq!(page.status, 404);
});
