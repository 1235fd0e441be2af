//! The private section: the list, an appeal's page in each state, withdrawal, documents, and
//! nobody else's appeals.

use ereception_core::domain::ids::GroundCode;
use ereception_core::domain::status::{Command, StatusKind};
use ereception_core::store::appeals;

use crate::server_test;
use crate::support::{csrf_of, identity_form};

server_test!(the_list_shows_the_residents_appeals_newest_first, |app| {
    let first = app.extract(&app.maria);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = app.consultation(&app.maria);
    let olegs = app.file_for_oleg("consultation", &[("f-topic", "other"), ("f-question", "Вопрос Олега")]);
    let mut client = app.signed_in(&app.maria);
    let html = client.get("/").text();
    let a = html.find(&format!("href=\"/appeals/{}\"", second.0)).expect("second listed");
    let b = html.find(&format!("href=\"/appeals/{}\"", first.0)).expect("first listed");
    assert!(a < b, "newest first");
    assert!(!html.contains(&format!("/appeals/{}\"", olegs.0)), "not someone else's");
    assert!(html.contains("Дата подачи") && html.contains("Срок исполнения"), "filed and deadline");
    assert!(html.contains(&app.appeal(first).number.to_string()));
});

server_test!(another_applicants_appeal_is_not_found, |app| {
    let olegs = app.file_for_oleg("house-register-extract", &[("f-purpose", "court"), ("f-copies", "1")]);
    let mut maria = app.signed_in(&app.maria);
    for path in [
        format!("/appeals/{}", olegs.0),
        format!("/appeals/{}/withdraw", olegs.0),
        format!("/api/v1/appeals/{}", olegs.0),
        format!("/appeals/{}/documents/1", olegs.0),
        "/appeals/999999".to_owned(),
        "/appeals/abc".to_owned(),
    ] {
        let r = maria.get(&path);
        assert_eq!(r.status, 404, "{path}");
    }
    let html = maria.get(&format!("/appeals/{}", olegs.0)).text();
    assert!(html.contains("Страница не найдена"), "a Russian page: {html}");
    assert!(!html.contains("Петров"));
    // withdrawing it is as impossible as seeing it
    let csrf = csrf_of(&maria.get("/").text());
    let r = maria.post_form(&format!("/appeals/{}/withdraw", olegs.0), &[("csrf", csrf.as_str())]);
    assert_eq!(r.status, 404);
    assert!(app.appeal(olegs).status.kind().is_open());
});

server_test!(each_state_explains_itself, |app| {
    let refused = app.extract(&app.maria);
    app.refuse_to_register(refused);
    let originals = app.extract(&app.maria);
    app.request_originals(originals);
    let ready = app.extract(&app.maria);
    app.mark_ready(ready);
    let answered = app.consultation(&app.maria);
    app.register(answered);
    app.decide(answered, Command::Answer { text: "Обратитесь в МФЦ.\nС уважением.".to_owned() });
    let messaged = app.extract(&app.maria);
    app.register(messaged);
    appeals::send_message(
        &mut app.conn(),
        messaged,
        &app.clerk,
        "Уточните, пожалуйста, цель получения.",
        chrono::Utc::now(),
    )
    .expect("message");
    let refused_later = app.extract(&app.maria);
    app.register(refused_later);
    app.decide(refused_later, Command::NextStage);
    app.decide(
        refused_later,
        Command::Refuse {
            grounds: vec![GroundCode::new("no-right-to-request")],
            explanation: "Выписку может получить только зарегистрированный жилец.".to_owned(),
        },
    );

    let mut client = app.signed_in(&app.maria);
    let page = |client: &mut crate::support::Client, id: ereception_core::domain::ids::AppealId| {
        let r = client.get(&format!("/appeals/{}", id.0));
        assert_eq!(r.status, 200);
        r.text()
    };
    let html = page(&mut client, refused);
    assert!(html.contains("Отказано в регистрации"), "{html}");
    assert!(html.contains("Причина:") && html.contains("Как исправить:"));
    assert!(html.contains("Пояснение специалиста: Укажите количество экземпляров правильно."));
    assert!(html.contains("Подать исправленное обращение"));
    assert!(!html.contains("/withdraw\""), "a final appeal cannot be withdrawn");

    let html = page(&mut client, originals);
    assert!(html.contains("Принесите оригиналы документов"), "{html}");
    assert!(html.contains("Что принести: паспорт заявителя"));
    assert!(html.contains("Куда: Управа района Арбат, окно 3"));
    assert!(html.contains("Срок: до"));

    let html = page(&mut client, ready);
    assert!(html.contains("Документ готов — его можно получить"), "{html}");
    assert!(html.contains("Где получить: Управа района Арбат, окно 5"));
    assert!(html.contains("Часы выдачи: пн–чт 9:00–18:00"));
    assert!(html.contains("Что взять с собой: паспорт"), "the same words as the timeline");
    assert!(html.contains("Одно посещение"), "the visit note");

    let html = page(&mut client, answered);
    assert!(html.contains("Ответ специалиста") && html.contains("Обратитесь в МФЦ."), "{html}");

    let html = page(&mut client, messaged);
    assert!(html.contains("Сообщения управы"), "{html}");
    assert!(html.contains("Уточните, пожалуйста, цель получения."));
    assert!(html.contains("Обращение зарегистрировано"));

    // In progress: the status names the stage, once.
    let working = app.extract(&app.maria);
    app.register(working);
    app.decide(working, Command::NextStage);
    let html = page(&mut client, working);
    let status = html.split("<dt>Статус</dt>").nth(1).and_then(|s| s.split("</dd>").next()).unwrap_or_default();
    assert!(status.contains("Исполняется: "), "{status}");
    let stage = status.split("Исполняется: ").nth(1).and_then(|s| s.split('<').next()).unwrap_or_default();
    assert!(!stage.is_empty() && status.matches(stage).count() == 1, "the stage once: {status}");

    let html = page(&mut client, refused_later);
    assert!(html.contains("Отказано в предоставлении услуги"), "{html}");
    assert!(html.contains("Выписку может получить только зарегистрированный жилец."));
    assert!(html.contains("Начат этап: "), "each stage on the timeline");
});

server_test!(an_open_appeal_is_withdrawn_after_a_confirmation_step, |app| {
    let id = app.extract(&app.maria);
    app.register(id);
    let mut client = app.signed_in(&app.maria);
    let page = client.get(&format!("/appeals/{}", id.0)).text();
    assert!(page.contains(&format!("href=\"/appeals/{}/withdraw\"", id.0)));
    let confirm = client.get(&format!("/appeals/{}/withdraw", id.0));
    assert_eq!(confirm.status, 200);
    let html = confirm.text();
    assert!(html.contains("Отозвать обращение?"), "{html}");
    assert!(html.contains("method=\"post\""));
    assert_eq!(app.appeal(id).status.kind(), StatusKind::Registered, "showing the step changes nothing");
    let r = client.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", csrf_of(&html).as_str())]);
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/appeals/{}?withdrawn=1", id.0));
    assert_eq!(app.appeal(id).status.kind(), StatusKind::Withdrawn);
    let html = client.follow(&r).text();
    assert!(html.contains("Обращение отозвано."), "{html}");
    // once final: the step leads back, and a second POST (Back, then the button again) says
    // it is withdrawn, not that work on it is finished
    let r = client.get(&format!("/appeals/{}/withdraw", id.0));
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/appeals/{}?withdrawn=1", id.0), "it says it is withdrawn");
    assert!(!client.follow(&r).text().contains("Отозвать обращение?"));
    let r = client.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", csrf_of(&html).as_str())]);
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/appeals/{}?withdrawn=1", id.0));
    let again = client.follow(&r).text();
    assert!(again.contains("Обращение отозвано.") && !again.contains("уже нельзя отозвать"), "{again}");
    // an appeal answered meanwhile cannot be withdrawn
    let answered = app.consultation(&app.maria);
    app.register(answered);
    app.decide(answered, Command::Answer { text: "Ответ.".to_owned() });
    let r = client.post_form(&format!("/appeals/{}/withdraw", answered.0), &[("csrf", csrf_of(&html).as_str())]);
    assert_eq!(r.status, 409);
    assert!(r.text().contains("уже нельзя отозвать"), "{}", r.text());
    // nor is its confirmation step shown: the appeal's page says why
    let r = client.get(&format!("/appeals/{}/withdraw", answered.0));
    assert_eq!(r.status, 303);
    let page = client.follow(&r).text();
    assert!(page.contains("Это обращение уже нельзя отозвать: работа по нему завершена."), "{page}");
    assert!(!page.contains("Отозвать обращение?"), "{page}");
});

server_test!(a_document_issued_electronically_downloads_only_for_its_owner, |app| {
    let id = app.certificate(&app.maria);
    let content = app.issue_electronically(id);
    let doc = appeals::documents(&mut app.conn(), id).expect("documents").remove(0);
    let path = format!("/appeals/{}/documents/{}", id.0, doc.id.0);
    let mut maria = app.signed_in(&app.maria);
    let html = maria.get(&format!("/appeals/{}", id.0)).text();
    assert!(html.contains(&format!("href=\"{path}\"")), "{html}");
    assert!(html.contains("Документ выдан в электронной форме"));
    assert!(html.contains("Приходить в управу не нужно"), "{html}");
    let r = maria.get(&path);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, content);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    let disposition = r.header("content-disposition").expect("attachment");
    assert!(disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''"), "{disposition}");
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let mut oleg = app.signed_in(&app.oleg);
    assert_eq!(oleg.get(&path).status, 404);
    let r = app.client().get(&path);
    assert_eq!(r.status, 303, "signed out: sign in first");
    // a document of another appeal through this one's path is not found either
    let other = app.certificate(&app.maria);
    assert_eq!(maria.get(&format!("/appeals/{}/documents/{}", other.0, doc.id.0)).status, 404);
});

server_test!(the_resident_chooses_the_language_of_their_letters, |app| {
    use ereception_core::i18n::Lang;
    use ereception_core::store::accounts;
    let mut client = app.signed_in(&app.maria);
    let html = client.get("/").text();
    // the address given at the desk is not confirmed yet, so nothing is mailed to it
    assert!(html.contains("ещё не подтверждён"), "{html}");
    assert!(html.contains("Присылать письма на английском"), "{html}");
    let csrf = csrf_of(&html);
    // without the form's token, or with a language we do not have, nothing changes
    assert_eq!(client.post_form("/account/mail-language", &[("lang", "en")]).status, 403);
    let r = client.post_form("/account/mail-language", &[("csrf", csrf.as_str()), ("lang", "de")]);
    assert_eq!(r.status, 400);
    let lang_of = || accounts::get(&mut app.conn(), app.maria.account).expect("query").expect("present").lang;
    assert_eq!(lang_of(), Lang::Ru);
    let r = client.post_form("/account/mail-language", &[("csrf", csrf.as_str()), ("lang", "en")]);
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/?mail=en");
    assert_eq!(lang_of(), Lang::En);
    let html = client.follow(&r).text();
    assert!(html.contains("Готово: следующие письма придут на английском языке."), "{html}");
    assert!(html.contains("Присылать письма на русском"), "the switch leads back: {html}");
    // once the address is confirmed, the page says where letters go and in which language
    let token = app.maria.confirmation.clone().expect("a confirmation link was made at the desk");
    assert_eq!(crate::support::confirm_link(&mut client, &token).status / 100, 2, "confirmed");
    let html = client.get("/").text();
    assert!(html.contains("язык писем — английский"), "{html}");
    // signed out, the switch leads to signing in and changes nothing
    let mut stranger = app.client();
    let r = stranger.post_form("/account/mail-language", &[("lang", "ru")]);
    assert_ne!(r.status, 200);
    assert_eq!(lang_of(), Lang::En);
});

server_test!(an_overdue_open_appeal_says_so_and_whom_to_contact, |app| {
    use chrono::{Duration, Utc};
    use ereception_core::clock::moscow_date;
    use ereception_core::domain::appeal::AppealForm;
    use ereception_core::i18n::Lang;
    use ereception_core::store::appeals::{FileOutcome, FileRequest};
    use ereception_core::store::catalogue;

    use crate::support::{cal, identity_form};

    // Filed two months ago: its deadline is long past, and the council is still working on it.
    let then = Utc::now() - Duration::days(60);
    let late = {
        let c = &mut app.conn();
        let svc = catalogue::get(c, "house-register-extract").expect("query").expect("service");
        let form = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
        let draft = AppealForm::new(&form).parse(&svc, moscow_date(then)).expect("valid form");
        let req = FileRequest { account: app.maria.account, draft: &draft, lang: Lang::Ru, corrects: None };
        match appeals::file(c, &req, cal(), then).expect("filed") {
            FileOutcome::Filed { id, .. } => id,
            other => panic!("{other:?}"),
        }
    };
    app.register(late);
    app.decide(late, Command::NextStage);
    let due = app.appeal(late).due;
    assert!(due < moscow_date(Utc::now()));
    let on_time = app.extract(&app.maria);
    let due_ru = ereception_core::mail::format_date(due, Lang::Ru);

    let mut client = app.signed_in(&app.maria);
    let page = client.get(&format!("/appeals/{}", late.0)).text();
    assert!(page.contains(&format!("Срок исполнения истёк {due_ru}")), "{page}");
    assert!(page.contains("обратитесь в управу района"), "{page}");
    assert!(page.contains("Адрес: ул. Новый Арбат, д. 36") && page.contains("Часы приёма: пн–чт 9:00–18:00"), "{page}");
    let fresh = client.get(&format!("/appeals/{}", on_time.0)).text();
    assert!(!fresh.contains("истёк"), "{fresh}");

    let list = client.get("/").text();
    assert_eq!(list.matches("Срок исполнения истёк").count(), 1, "{list}");
    let card = list.find(&format!("href=\"/appeals/{}\"", late.0)).expect("listed");
    let warning = list.find("Срок исполнения истёк").expect("warned");
    assert!(warning > card, "the warning is on the late appeal's card");

    let en = client.get(&format!("/appeals/{}?lang=en", late.0)).text();
    let due_en = ereception_core::mail::format_date(due, Lang::En);
    assert!(en.contains(&format!("The deadline passed on {due_en}")), "{en}");
    assert!(en.contains("contact the district council") && en.contains("Office hours:"), "{en}");

    // once the council asks for the originals, the page asks the resident to bring them and
    // does not call the council late
    app.decide(
        late,
        Command::RequestOriginals {
            originals: vec![ereception_core::domain::ids::OriginalCode::new("passport")],
            place: "Управа района Арбат, окно 3".to_owned(),
            by: cal().working_day_on_or_after(moscow_date(Utc::now()) + Duration::days(10)).expect("calendar"),
        },
    );
    let page = client.get(&format!("/appeals/{}", late.0)).text();
    assert!(page.contains("Принесите оригиналы документов"), "{page}");
    assert!(!page.contains("истёк"), "{page}");
    // nor promises the one visit to collect the document while asking for another
    assert!(!page.contains("Посещение управы"), "{page}");
    // and says what the passed due date now waits on
    assert!(page.contains("уже прошёл: обращение будет исполнено после того, как вы представите оригиналы"), "{page}");
});

server_test!(error_pages_keep_the_signed_in_menu, |app| {
    let mut client = app.signed_in(&app.maria);
    let r = client.get("/nowhere");
    assert_eq!(r.status, 404);
    let html = r.text();
    assert!(html.contains("Страница не найдена"), "{html}");
    assert!(html.contains("action=\"/sign-out\"") && !html.contains("href=\"/sign-in\""), "{html}");
    assert!(html.contains("next=%2Fnowhere") || html.contains("next=/nowhere"), "the switch stays on the page: {html}");
    // a stale form while signed in: no «Войти», the way home
    let r = client.post_form("/account/mail-language", &[("csrf", "stale"), ("lang", "en")]);
    assert_eq!(r.status, 403);
    let html = r.text();
    assert!(html.contains("Форма устарела") && !html.contains("href=\"/sign-in\""), "{html}");
    // signed out, the 404 page offers to sign in
    let html = app.client().get("/nowhere").text();
    assert!(html.contains("href=\"/sign-in\""), "{html}");
});

server_test!(the_identity_document_of_a_hand_over_is_masked_on_the_page_and_in_the_api, |app| {
    let id = app.extract(&app.maria);
    app.mark_ready(id);
    app.decide(
        id,
        Command::HandOver {
            collected_by: "Иванова Мария Петровна".to_owned(),
            id_document: "паспорт 45 24 276000".to_owned(),
        },
    );
    let mut client = app.signed_in(&app.maria);
    let page = client.get(&format!("/appeals/{}", id.0)).text();
    assert!(page.contains("Документ, удостоверяющий личность: паспорт № ••• 000"), "{page}");
    let api = client.get(&format!("/api/v1/appeals/{}?lang=en", id.0)).text();
    assert!(api.contains("Identity document: passport No. ••• 000"), "{api}");
    for shown in [&page, &api] {
        assert!(!shown.contains("276000") && !shown.contains("45 24"), "{shown}");
    }
});

server_test!(the_private_section_has_one_name_and_the_footer_speaks_plainly, |app| {
    let mut client = app.signed_in(&app.maria);
    let services = client.get("/services").text();
    assert!(services.contains("Ответ приходит в личный кабинет"), "{services}");
    assert!(!services.contains("личный раздел") && !services.contains("личном разделе"), "{services}");
    let en = client.get("/?lang=en").text();
    assert!(en.contains("API documentation (OpenAPI)"), "{en}");
    // after the letters' language changed, the page-language switch does not carry the notice
    let home = client.get("/?mail=ru").text();
    assert!(!home.contains("mail%3Dru") && !home.contains("?mail=ru\""), "{home}");
});

server_test!(an_appeal_shows_what_was_filed, |app| {
    let certificate = app.certificate(&app.maria);
    let consultation = app.consultation(&app.maria);
    let mut client = app.signed_in(&app.maria);

    let html = client.get(&format!("/appeals/{}", certificate.0)).text();
    assert!(html.contains("Что указано в обращении"), "{html}");
    assert!(html.contains("Семейное положение") && html.contains("Состою в браке"), "a choice by its label");
    // each child on a line of its own, with the birth date as the page writes dates
    assert!(
        html.contains("Иванов Пётр Сергеевич, 12 мая 2012 г.<br>Иванова Алёна Сергеевна, 30 января 2014 г."),
        "{html}"
    );
    assert!(html.contains("ул. Новый Арбат, д. 12, кв. 12А"), "the address as filed");

    let html = client.get(&format!("/appeals/{}", consultation.0)).text();
    assert!(html.contains("<dt>Вопрос</dt><dd>Как получить ЕЖД?</dd>"), "the question asked");
    assert!(html.contains("Жилищные вопросы"), "the topic by its label");

    // the form's closing note fits the service
    assert!(client.get("/appeals/new/consultation").text().contains("по ним специалист будет готовить ответ"));
    assert!(
        client.get("/appeals/new/house-register-extract").text().contains("по ним специалист будет оформлять документ")
    );
    // how the service is provided is said while it runs, not after
    assert!(client.get(&format!("/appeals/{}", certificate.0)).text().contains("Посещение управы"));
    app.refuse_to_register(certificate);
    assert!(!client.get(&format!("/appeals/{}", certificate.0)).text().contains("Посещение управы"));

    let json: serde_json::Value = client.get(&format!("/api/v1/appeals/{}", certificate.0)).json();
    let fields = json["fields"].as_array().expect("fields");
    let children = fields.iter().find(|f| f["key"] == "children").expect("children");
    assert_eq!(children["label"], "Дети");
    assert_eq!(children["lines"][2], "Иванов Илья Сергеевич, 2017-11-02");
});

server_test!(the_applicant_is_shown_as_the_registry_spells_them_not_as_typed, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/house-register-extract").text());
    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    for (k, v) in &mut pairs {
        match k.as_str() {
            "surname" => *v = "иванова".to_owned(),
            "house" => *v = "д. 12".to_owned(),
            "flat" => *v = "кв. 12А".to_owned(),
            _ => {}
        }
    }
    pairs.push(("csrf".to_owned(), csrf));
    let r = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    let html = client.get(r.location()).text();
    assert!(html.contains("Иванова Мария Петровна"), "{html}");
    assert!(html.contains("ул. Новый Арбат, д. 12, кв. 12А") && !html.contains("д. д."), "{html}");
});
