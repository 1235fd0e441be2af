//! Questions without a PIN and the confirmation links.

use ereception_core::domain::ids::{DistrictCode, OutboxId};
use ereception_core::mail::deliver::preview;
use ereception_core::store::{outbox, questions};

use crate::server_test;
use crate::support::{TestApp, csrf_of};

/// The confirmation token in the newest pending e-mail to `to`.
fn confirmation_token(app: &TestApp, to: &str) -> String {
    let entries = outbox::list(&mut app.conn(), Some("pending"), 100).expect("outbox");
    let entry = entries.iter().find(|e| e.recipient == to).unwrap_or_else(|| panic!("no mail to {to}"));
    let mail = preview(&app.db.store, "http://priem.example", OutboxId(entry.id)).expect("render").expect("present");
    let start = mail.text.find("/confirm/").expect("a confirmation link") + "/confirm/".len();
    mail.text[start..].chars().take_while(char::is_ascii_alphanumeric).collect()
}

fn open_count(app: &TestApp) -> i64 {
    questions::open_count(&mut app.conn(), &DistrictCode::new("0412")).expect("count")
}

server_test!(a_question_waits_for_its_email_to_be_confirmed, |app| {
    let mut client = app.client();
    let form = client.get("/questions/new");
    assert_eq!(form.status, 200);
    let html = form.text();
    assert!(html.contains("<option value=\"0412\">Арбат</option>"), "{html}");
    assert!(html.contains("type=\"email\""));
    // who asks without a PIN is told what their personal data is used for (152-ФЗ)
    assert!(html.contains("использует только для ответа на вопрос"), "{html}");
    let r = client.post_form(
        "/questions/new",
        &[
            ("csrf", csrf_of(&html).as_str()),
            ("name", "Анна"),
            ("email", "anna@example.invalid"),
            ("district", "0412"),
            ("text", "Когда починят лифт в доме 12?"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.location(), "/questions/sent");
    // the next page names the address the letter went to, and how to ask again if it is wrong;
    // the address is not in the page's own address
    let sent = client.follow(&r).text();
    // titled apart from the confirmation page the letter's link opens, a step further on
    assert!(sent.contains("<title>Проверьте почту"), "{sent}");
    assert!(sent.contains("Письмо отправлено на адрес anna@example.invalid."), "{sent}");
    assert!(
        sent.contains("Если в адресе ошибка") && sent.contains("href=\"/questions/new\">Задать вопрос заново"),
        "{sent}"
    );
    assert!(!app.client().get("/questions/sent").text().contains("Письмо отправлено на адрес"), "only to who asked");
    assert_eq!(open_count(&app), 0, "not in the clerks' queue before the confirmation");

    let token = confirmation_token(&app, "anna@example.invalid");
    let path = format!("/confirm/{token}");
    // opening the link (as a mail scanner does, in a browser with no cookies) changes nothing
    for _ in 0..2 {
        let page = app.client().get(&path);
        assert_eq!(page.status, 200);
        let html = page.text();
        assert!(html.contains("Подтвердить адрес"), "{html}");
        assert!(html.contains(&format!("<form method=\"post\" action=\"{path}\"")), "{html}");
        assert!(html.contains("ваш вопрос передадут специалистам"), "{html}");
        assert!(html.contains("Адрес: anna@example.invalid"), "the address being confirmed: {html}");
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    }
    assert_eq!(open_count(&app), 0, "a GET confirms nothing");
    // the button needs the form's token
    assert_eq!(client.post_form(&path, &[]).status, 403);
    assert_eq!(open_count(&app), 0);
    let r = crate::support::confirm_link(&mut client, &token);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("Ваш вопрос передан специалистам управы района"), "{}", r.text());
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(open_count(&app), 1);
    let again = client.get(&path);
    assert!(again.text().contains("Адрес уже подтверждён"));
    assert!(!again.text().contains("<form method=\"post\" action=\"/confirm/"), "no button for a used link");
    let csrf = csrf_of(&client.get("/questions/new").text());
    assert!(client.post_form(&path, &[("csrf", csrf.as_str())]).text().contains("Адрес уже подтверждён"));
    assert_eq!(open_count(&app), 1);
    let bad = client.get("/confirm/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assert_eq!(bad.status, 404);
    assert!(bad.text().contains("Ссылка недействительна"));
    let r = client.post_form("/confirm/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 404);
});

server_test!(an_address_finds_the_district_and_mistakes_are_shown_at_their_fields, |app| {
    let mut client = app.client();
    let csrf = csrf_of(&client.get("/questions/new").text());
    // nothing: every error at once, in form order
    let r = client.post_form("/questions/new", &[("csrf", csrf.as_str()), ("email", "not-an-address")]);
    assert_eq!(r.status, 422);
    let html = r.text();
    let order: Vec<usize> = ["href=\"#name\"", "href=\"#email\"", "href=\"#district\"", "href=\"#text\""]
        .iter()
        .map(|l| html.find(l).unwrap_or_else(|| panic!("{l}: {html}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in form order");
    assert!(html.contains("value=\"not-an-address\""), "refilled");
    // an address nobody lives at
    let r = client.post_form(
        "/questions/new",
        &[
            ("csrf", csrf.as_str()),
            ("name", "Анна"),
            ("email", "anna@example.invalid"),
            ("address", "ул. Несуществующая, д. 1"),
            ("text", "Вопрос"),
        ],
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("id=\"address-error\""), "{}", r.text());
    // an address in the registry
    let r = client.post_form(
        "/questions/new",
        &[
            ("csrf", csrf.as_str()),
            ("name", "Анна"),
            ("email", "anna2@example.invalid"),
            ("address", "Новый Арбат ул., д. 12"),
            ("text", "Вопрос о доме"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let token = confirmation_token(&app, "anna2@example.invalid");
    crate::support::confirm_link(&mut app.client(), &token);
    assert_eq!(open_count(&app), 1);
});

server_test!(the_address_given_at_the_pin_desk_is_confirmed_by_the_same_route, |app| {
    let token = app.maria.confirmation.clone().expect("an address was given at the desk");
    // in another browser, signed out: the page and its button work all the same
    let mut browser = app.client();
    let page = browser.get(&format!("/confirm/{token}"));
    assert!(page.text().contains("на него будут приходить уведомления о ваших обращениях"), "{}", page.text());
    let confirmed = |app: &TestApp| {
        ereception_core::store::accounts::get(&mut app.conn(), app.maria.account)
            .expect("query")
            .expect("present")
            .email_confirmed
    };
    assert!(!confirmed(&app), "opening the link confirms nothing");
    let r = crate::support::confirm_link(&mut browser, &token);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("уведомления о ваших обращениях будут приходить на этот адрес"), "{}", r.text());
    assert!(confirmed(&app));
});

server_test!(a_house_not_in_the_registry_finds_the_district_by_its_street, |app| {
    use chrono::NaiveDate;
    use ereception_core::domain::district::District;
    use ereception_core::domain::ids::RegistryId;
    use ereception_core::domain::person::{Address, FullName, RegistrationKind};
    use ereception_core::store::{districts, residents};

    // Смоленский б-р runs through two districts; ул. Новый Арбат (house 12 only in the
    // registry) lies wholly in Арбат.
    {
        let c = &mut app.conn();
        districts::save(
            c,
            &District {
                code: DistrictCode::new("0405"),
                name: "Хамовники".to_owned(),
                council_name: "Управа района Хамовники".to_owned(),
                council_address: "ул. Россолимо, д. 18".to_owned(),
                office_hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
                phone: None,
            },
        )
        .expect("district");
        let on = |id: &str, district: &str, house: &str| {
            residents::NewResident::new(
                &RegistryId::new(id),
                &FullName { surname: "Сидоров".to_owned(), name: "Иван".to_owned(), patronymic: None },
                NaiveDate::from_ymd_opt(1980, 1, 1).expect("valid"),
                &Address {
                    district: DistrictCode::new(district),
                    street: "Смоленский б-р".to_owned(),
                    house: house.to_owned(),
                    building: None,
                    structure: None,
                    flat: Some("1".to_owned()),
                },
                RegistrationKind::Permanent,
            )
        };
        residents::insert_batch(c, &[on("S1", "0412", "2"), on("S2", "0405", "20")]).expect("residents");
    }
    let mut client = app.client();
    let html = client.get("/questions/new").text();
    // the hint's own example is accepted
    let hint = ereception_core::i18n::tr(ereception_core::i18n::Lang::Ru, "web-question-address-hint");
    let example = hint.strip_prefix("Например, ").expect("an example address");
    assert!(html.contains(example), "{html}");
    let csrf = csrf_of(&html);
    let ask = |client: &mut crate::support::Client, email: &str, address: &str| {
        client.post_form(
            "/questions/new",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Анна"),
                ("email", email),
                ("address", address),
                ("text", "Вопрос о доме"),
            ],
        )
    };
    for (i, address) in [example, "ул. Новый Арбат, д. 15", "Новый Арбат 15"].into_iter().enumerate()
    {
        let email = format!("street{i}@example.invalid");
        let r = ask(&mut client, &email, address);
        assert_eq!(r.status, 303, "{address}: {}", r.text());
        let token = confirmation_token(&app, &email);
        crate::support::confirm_link(&mut app.client(), &token);
        assert_eq!(open_count(&app), i as i64 + 1, "{address} is in Арбат");
    }
    // a known house on the shared street is still found; an unknown one cannot be placed
    assert_eq!(ask(&mut client, "house@example.invalid", "Смоленский б-р, д. 20").status, 303);
    let r = ask(&mut client, "shared@example.invalid", "Смоленский б-р, д. 7");
    assert_eq!(r.status, 422);
    assert!(r.text().contains("Выберите район из списка"), "{}", r.text());
});

server_test!(the_address_is_kept_with_the_question_even_when_a_district_is_chosen, |app| {
    let mut client = app.client();
    let html = client.get("/questions/new").text();
    // the privacy note names the address among the personal data
    assert!(html.contains("адрес (если вы его указали)"), "{html}");
    let csrf = csrf_of(&html);
    let ask = |client: &mut crate::support::Client, email: &str, address: &str| {
        client.post_form(
            "/questions/new",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Анна"),
                ("email", email),
                ("district", "0412"),
                ("address", address),
                ("text", "Когда покрасят скамейки в нашем дворе?"),
            ],
        )
    };
    // control characters and overlong addresses are refused at the field, the form refilled
    for bad in ["ул. Арбат\u{7}, д. 5".to_owned(), "д".repeat(201)] {
        let r = ask(&mut client, "bad@example.invalid", &bad);
        assert_eq!(r.status, 422, "{bad:?}");
        let html = r.text();
        assert!(html.contains("id=\"address-error\"") && html.contains("href=\"#address\""), "{html}");
    }
    // with a district chosen the address need not be one the registry knows: it is kept as typed
    let r = ask(&mut client, "anna@example.invalid", "  наш двор у д. 12 по ул. Новый Арбат ");
    assert_eq!(r.status, 303, "{}", r.text());
    let token = confirmation_token(&app, "anna@example.invalid");
    crate::support::confirm_link(&mut app.client(), &token);
    let queue = questions::open_queue(&mut app.conn(), &DistrictCode::new("0412"), None, None, 10).expect("queue");
    let [row] = queue.as_slice() else { panic!("{queue:?}") };
    let (question, _) = questions::get(&mut app.conn(), row.id).expect("query").expect("present");
    assert_eq!(question.address.as_deref(), Some("наш двор у д. 12 по ул. Новый Арбат"));
    // and the answer's letter quotes it above the question
    questions::answer(&mut app.conn(), row.id, &app.clerk, "Покрасят в мае.", chrono::Utc::now()).expect("answered");
    let entries = outbox::list(&mut app.conn(), Some("pending"), 100).expect("outbox");
    let letters: Vec<String> = entries
        .iter()
        .filter(|e| e.recipient == "anna@example.invalid")
        .filter_map(|e| preview(&app.db.store, "http://priem.example", OutboxId(e.id)).expect("render"))
        .map(|m| m.text)
        .filter(|t| t.contains("Покрасят в мае."))
        .collect();
    let [letter] = letters.as_slice() else { panic!("{letters:?}") };
    let address = letter.find("Адрес, указанный в вопросе: наш двор у д. 12 по ул. Новый Арбат").expect("quoted");
    assert!(address < letter.find("Когда покрасят скамейки").expect("the question"), "{letter}");
});
