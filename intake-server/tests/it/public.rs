//! The public pages: how to use the reception (the PIN, when to come to the council, each
//! council's address and office hours) and the notice on personal data (152-ФЗ).

use ereception_core::domain::district::District;
use ereception_core::domain::ids::DistrictCode;
use ereception_core::store::districts;

use crate::server_test;

server_test!(a_resident_learns_where_and_when_to_come_before_signing_in, |app| {
    // QA: nothing on the site said where the council is, when it is open or what to bring for
    // a PIN; the sign-in page's «Нет ПИН-кода?» ended at «в „одном окне“ управы района»
    let mut client = app.client();
    let sign_in = client.get("/sign-in").text();
    assert!(sign_in.contains("<a href=\"/help#offices\">Где и когда выдают ПИН-код</a>"), "{sign_in}");
    for page in ["/sign-in", "/services", "/questions/new"] {
        let html = client.get(page).text();
        assert!(html.contains("<a href=\"/help\">"), "{page}: the footer links the help page");
        assert!(html.contains("<a href=\"/privacy\">Обработка персональных данных</a>"), "{page}");
    }
    let r = client.get("/help");
    assert_eq!(r.status, 200);
    let html = r.text();
    for needed in [
        "Как получить ПИН-код",
        "Приходите с паспортом в службу «одного окна»",
        "<h3>Управа района Арбат</h3>",
        "<dd>ул. Новый Арбат, д. 36</dd>",
        "<dd>пн–чт 9:00–18:00, пт 9:00–16:45</dd>",
        "что взять с собой",
        "id=\"offices\"",
    ] {
        assert!(html.contains(needed), "{needed}: {html}");
    }
    assert!(!html.contains("Телефон"), "no phone, no empty line for it");
    assert!(html.contains("aria-current=\"page\">Как пользоваться"), "the footer marks the page");

    let mut district = districts::get(&mut app.conn(), "0412").expect("read").expect("district");
    district.phone = Some("+7 495 690-00-00".to_owned());
    districts::save(&mut app.conn(), &district).expect("saved");
    let html = client.get("/help").text();
    assert!(html.contains("<dt>Телефон</dt><dd>+7 495 690-00-00</dd>"), "{html}");

    let en = client.get("/help?lang=en").text();
    assert!(en.contains("<h1>How to use e-Reception</h1>"), "{en}");
    assert!(en.contains("<dt>Office hours</dt>"), "{en}");
    assert!(!en.contains("Часы приёма") && !en.contains("паспорт"), "no Russian left: {en}");

    // signed in, the same page with the resident's own menu
    let mut maria = app.signed_in(&app.maria);
    let html = maria.get("/help").text();
    assert!(html.contains("Мои обращения") && html.contains("Выйти"), "{html}");
});

server_test!(the_notice_on_personal_data_names_the_operator_the_data_and_the_rights, |app| {
    let other = District {
        code: DistrictCode::new("0413"),
        name: "Хамовники".to_owned(),
        council_name: "Управа района Хамовники".to_owned(),
        council_address: "Комсомольский просп., д. 18".to_owned(),
        office_hours: "пн–пт 9:00–18:00".to_owned(),
        phone: None,
    };
    districts::save(&mut app.conn(), &other).expect("saved");
    let mut client = app.client();
    let r = client.get("/privacy");
    assert_eq!(r.status, 200);
    let html = r.text();
    for needed in [
        "<h1>Обработка персональных данных</h1>",
        "№ 152-ФЗ",
        "<li>Управа района Арбат, ул. Новый Арбат, д. 36</li>",
        "<li>Управа района Хамовники, Комсомольский просп., д. 18</li>",
        "дата рождения, адрес и вид регистрации",
        "о детях",
        "через 30 минут бездействия",
        "адрес, на который ушло письмо о вопросе",
        "статья 14",
        "в течение 10 рабочих дней",
        "Роскомнадзоре",
    ] {
        assert!(html.contains(needed), "{needed}: {html}");
    }
    // the question form, which collects a name and an address before any PIN, links to it
    assert!(client.get("/questions/new").text().contains("специалисты управы. <a href=\"/privacy\">"));
    let en = client.get("/privacy?lang=en").text();
    assert!(en.contains("after 30 minutes of inactivity"), "{en}");
    assert!(en.contains("Roskomnadzor"), "{en}");
    assert!(!en.contains("Роскомнадзор") && !en.contains("минут"), "no Russian left: {en}");
});
