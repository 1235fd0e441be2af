//! Filing an appeal: the form, every field error at once, the registry check, the group-commit
//! queue, corrected appeals.

use ereception_core::domain::ids::AppealId;
use ereception_core::domain::status::StatusKind;
use ereception_core::store::count_rows;

use crate::server_test;
use crate::support::{CHILDREN, csrf_of, identity_form};

fn id_from(location: &str) -> AppealId {
    let rest = location.strip_prefix("/appeals/").unwrap_or_else(|| panic!("{location}"));
    AppealId(rest.split('?').next().expect("id").parse().expect("numeric id"))
}

server_test!(services_say_which_need_a_visit, |app| {
    let mut client = app.client();
    let html = client.get("/services").text();
    assert!(html.contains("Удостоверение многодетной семьи города Москвы"), "{html}");
    assert!(html.contains("Без посещения: готовый документ появится в личном кабинете"), "{html}");
    assert!(html.contains("Одно посещение: за готовым документом нужно будет один раз прийти в управу района."));
    assert!(html.contains("Без посещения: ответ специалиста придёт"), "consultations");
    assert!(html.contains("href=\"/appeals/new/house-register-extract\""));
    // QA: what to bring to the council was first said when the clerk asked for it
    assert!(
        html.contains("<dt>Могут попросить принести оригиналы</dt><dd>Паспорт заявителя; документ о праве"),
        "{html}"
    );
    let en = client.get("/services?lang=en").text();
    assert!(en.contains("<dt>Originals you may be asked to bring</dt><dd>The applicant&#39;s passport; "), "{en}");
    // the form itself needs a session
    let r = client.get("/appeals/new/house-register-extract");
    assert_eq!(r.status, 303);
    assert!(r.location().starts_with("/sign-in?next="));
    let mut maria = app.signed_in(&app.maria);
    assert_eq!(maria.get("/appeals/new/no-such-service").status, 404);
});

server_test!(a_filed_appeal_lands_on_its_page_with_its_number, |app| {
    // personal data is mailed only to a confirmed address
    let token = app.maria.confirmation.clone().expect("an address");
    ereception_core::store::accounts::confirm(&mut app.conn(), &token, chrono::Utc::now()).expect("confirmed");
    let mut client = app.signed_in(&app.maria);
    let form = client.get("/appeals/new/large-family-certificate");
    assert_eq!(form.status, 200);
    let html = form.text();
    for field in ["surname", "birth_date", "f-children-0-surname", "f-children-2-birth_date", "f-marital_status"] {
        assert!(html.contains(&format!("id=\"{field}\"")), "{field}");
        assert!(html.contains(&format!("for=\"{field}\"")), "a label for {field}");
    }
    assert!(!html.contains("id=\"f-children-3-surname\""), "three rows to start with");
    // the applicant's date has an example; a child's only the format (the example is an adult's)
    assert_eq!(html.matches("Например, 14.03.1985").count(), 1, "{html}");
    assert_eq!(html.matches("В виде ДД.ММ.ГГГГ").count(), 3, "{html}");
    // every date field, a child's too, asks a phone for its digit pad
    for field in ["birth_date", "f-children-0-birth_date", "f-children-2-birth_date"] {
        assert!(
            html.contains(&format!("id=\"{field}\" name=\"{field}\" type=\"text\" inputmode=\"numeric\"")),
            "{field}: {html}"
        );
    }
    assert!(
        html.contains("<fieldset class=\"fieldset person-row\" id=\"f-children-row-0\">"),
        "person rows are fieldsets"
    );
    assert!(html.contains("Без посещения"), "the visit note");
    let csrf = csrf_of(&html);

    // "add another" re-renders with one more row and files nothing
    let mut pairs = identity_form(CHILDREN);
    pairs.push(("csrf".to_owned(), csrf.clone()));
    pairs.push(("rows-children".to_owned(), "3".to_owned()));
    let mut add = pairs.clone();
    add.push(("action".to_owned(), "add-row:children".to_owned()));
    let r = client.post_pairs("/appeals/new/large-family-certificate", &add);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("id=\"f-children-3-surname\""), "a fourth row");
    assert!(html.contains("value=\"Алёна\""), "the rows keep their values");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0);

    pairs.push(("action".to_owned(), "file".to_owned()));
    let r = client.post_pairs("/appeals/new/large-family-certificate", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    let id = id_from(r.location());
    let appeal = app.appeal(id);
    assert_eq!(appeal.account, app.maria.account);
    assert_eq!(appeal.status.kind(), StatusKind::Submitted);
    let page = client.follow(&r);
    assert_eq!(page.status, 200);
    let html = page.text();
    let number = appeal.number.to_string();
    assert!(html.contains(&format!("Обращение принято. Его номер — {number}")), "{html}");
    assert!(html.contains("Обращение принято"), "the first event");
    assert!(!html.contains("Не все сведения совпали"), "every child matched: {html}");
    // its first event and its e-mail are stored with it
    assert!(count_rows(&mut app.conn(), "events").expect("count") >= 1);
    let mail = ereception_core::store::outbox::list(&mut app.conn(), None, 100).expect("outbox");
    assert!(mail.iter().any(|m| m.appeal_id == Some(id.0)), "the filing's e-mail is queued");
});

server_test!(missing_fields_are_all_reported_next_to_their_fields_and_the_form_is_refilled, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/house-register-extract").text());
    let r = client.post_form(
        "/appeals/new/house-register-extract",
        &[
            ("csrf", csrf.as_str()),
            ("surname", ""),
            ("name", "Мария"),
            ("patronymic", "<script>alert(1)</script>"),
            ("birth_date", "31.02.1985"),
            ("street", ""),
            ("house", "12"),
            ("f-copies", "9"),
        ],
    );
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("<title>Ошибка: "), "the title says so");
    assert!(html.contains("class=\"error-summary\""));
    for field in ["surname", "patronymic", "birth_date", "street", "f-purpose", "f-copies"] {
        assert!(html.contains(&format!("href=\"#{field}\"")), "summary links to {field}: {html}");
        assert!(html.contains(&format!("id=\"{field}-error\"")), "message next to {field}");
    }
    assert!(html.contains("Заполните это поле."));
    assert!(html.contains("Введите число от 1 до 5."));
    assert!(html.contains("value=\"Мария\""), "refilled");
    assert!(html.contains("value=\"31.02.1985\""), "refilled as typed");
    assert!(!html.contains("<script>alert(1)</script>"), "escaped");
    assert!(html.contains("&lt;script&gt;") || html.contains("&#60;script&#62;"), "escaped, not dropped: {html}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0);
});

server_test!(registration_data_that_differ_from_the_registry_are_explained_field_by_field, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/house-register-extract").text());
    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    for (k, v) in &mut pairs {
        match k.as_str() {
            "surname" => *v = "Иванов".to_owned(),
            "birth_date" => *v = "15.03.1985".to_owned(),
            _ => {}
        }
    }
    pairs.push(("csrf".to_owned(), csrf));
    let r = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("Данные не совпадают с реестром ГУ ИС"), "{html}");
    assert!(html.contains("href=\"#surname\"") && html.contains("href=\"#birth_date\""));
    assert!(html.contains("id=\"surname-error\"") && html.contains("id=\"birth_date-error\""));
    assert!(!html.contains("id=\"name-error\""), "matching fields are not marked");
    assert!(html.contains("«Иванов»") && html.contains("«Иванова»"), "entered and registry values: {html}");
    assert!(html.contains("15.03.1985") && html.contains("14.03.1985"));
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing stored");
});

server_test!(concurrent_filings_are_all_committed_and_acknowledged, |app| {
    let client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.clone().get("/").text());
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let mut c = client.clone();
            let csrf = csrf.clone();
            std::thread::spawn(move || {
                let mut pairs = identity_form(&[("f-topic", "housing"), ("f-question", "Когда отключат воду?")]);
                pairs.push(("csrf".to_owned(), csrf));
                let r = c.post_pairs("/appeals/new/consultation", &pairs);
                assert_eq!(r.status, 303, "{}", r.text());
                id_from(r.location())
            })
        })
        .collect();
    let mut ids: Vec<AppealId> = handles.into_iter().map(|h| h.join().expect("thread")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8);
    let mut numbers: Vec<String> = ids.iter().map(|id| app.appeal(*id).number.to_string()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 8, "every filing has its own number");
    let stats = app.state.filing_stats();
    assert_eq!(stats.filings, 8, "{stats:?}");
    assert!((1..=8).contains(&stats.commits), "{stats:?}");
});

server_test!(a_corrected_appeal_is_prefilled_and_linked_to_the_refused_one, |app| {
    let old = app.extract(&app.maria);
    let old_number = app.appeal(old).number.to_string();
    let mut client = app.signed_in(&app.maria);
    // only a refused appeal can be corrected
    assert_eq!(client.get(&format!("/appeals/new/house-register-extract?corrects={}", old.0)).status, 404);
    app.refuse_to_register(old);
    let page = client.get(&format!("/appeals/{}", old.0));
    let html = page.text();
    assert!(html.contains("Почему отказано и как это исправить"), "{html}");
    assert!(html.contains("Как исправить:"), "{html}");
    let link = format!("/appeals/new/house-register-extract?corrects={}", old.0);
    assert!(html.contains(&link.replace('&', "&amp;")), "{html}");
    let form = client.get(&link);
    assert_eq!(form.status, 200);
    let html = form.text();
    assert!(html.contains("value=\"Иванова\"") && html.contains("value=\"14.03.1985\""), "pre-filled: {html}");
    assert!(html.contains(&format!("name=\"corrects\" value=\"{}\"", old.0)));
    assert!(html.contains(&old_number));
    // the tab and the caption say it is a correction, not a new appeal of the same service
    assert!(html.contains("<title>Исправленное обращение: Выписка из домовой книги"), "{html}");
    assert!(html.contains("<span class=\"caption\">Исправленное обращение</span>"), "{html}");
    assert!(!html.contains("Новое обращение"), "{html}");
    // another service or another applicant's appeal cannot be corrected
    assert_eq!(client.get(&format!("/appeals/new/consultation?corrects={}", old.0)).status, 404);
    let mut oleg = app.signed_in(&app.oleg);
    assert_eq!(oleg.get(&link).status, 404);

    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    pairs.push(("csrf".to_owned(), csrf_of(&html)));
    pairs.push(("corrects".to_owned(), old.0.to_string()));
    let r = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    let new = id_from(r.location());
    assert_eq!(app.appeal(new).corrects, Some(old));
    let html = client.get(&format!("/appeals/{}", new.0)).text();
    assert!(html.contains("Исправляет обращение") && html.contains(&old_number), "{html}");
    let html = client.get(&format!("/appeals/{}", old.0)).text();
    assert!(html.contains("Подано исправленное обращение"), "{html}");
    let new_number = app.appeal(new).number.to_string();
    // the timeline's entry leads to it, and so does the panel, instead of the button
    assert!(
        html.contains(&format!("<a href=\"/appeals/{}\">Подано исправленное обращение № {new_number}</a>", new.0)),
        "{html}"
    );
    assert!(html.contains(&format!("подано исправленное обращение: <a href=\"/appeals/{}\">", new.0)), "{html}");
    assert!(!html.contains("Подать исправленное обращение") && !html.contains(&link), "{html}");
});

server_test!(a_refused_appeal_takes_one_corrected_appeal_while_it_stands, |app| {
    use ereception_core::domain::status::Command;
    let old = app.extract(&app.maria);
    app.refuse_to_register(old);
    let mut client = app.signed_in(&app.maria);
    let link = format!("/appeals/new/house-register-extract?corrects={}", old.0);
    let csrf = csrf_of(&client.get(&link).text());
    let correction = |client: &mut crate::support::Client| {
        let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
        pairs.push(("csrf".to_owned(), csrf.clone()));
        pairs.push(("corrects".to_owned(), old.0.to_string()));
        client.post_pairs("/appeals/new/house-register-extract", &pairs)
    };
    // two at once (two tabs, or Back and the form sent again with a new key): one is filed
    let results: Vec<crate::support::Resp> = {
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let mut c = client.clone();
                let csrf = csrf.clone();
                std::thread::spawn(move || {
                    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
                    pairs.push(("csrf".to_owned(), csrf));
                    pairs.push(("corrects".to_owned(), old.0.to_string()));
                    c.post_pairs("/appeals/new/house-register-extract", &pairs)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().expect("thread")).collect()
    };
    let mut statuses: Vec<u16> = results.iter().map(|r| r.status).collect();
    statuses.sort();
    assert_eq!(statuses, [303, 409], "{:?}", results.iter().map(|r| r.text()).collect::<Vec<_>>());
    let filed = results.iter().find(|r| r.status == 303).expect("filed");
    let first = id_from(filed.location());
    let number = app.appeal(first).number.to_string();
    let refused = results.iter().find(|r| r.status == 409).expect("refused").text();
    assert!(refused.contains(&format!("По этому обращению уже подано исправленное обращение № {number}")), "{refused}");
    assert!(refused.contains(&format!("href=\"/appeals/{}\"", first.0)), "a link to it: {refused}");
    // once more, and the form itself: refused, saying so
    let again = correction(&mut client);
    assert_eq!(again.status, 409);
    let form = client.get(&link);
    assert_eq!(form.status, 409);
    assert!(form.text().contains("Исправленное обращение уже подано"), "{}", form.text());
    let corrections = ereception_core::store::appeals::corrections(&mut app.conn(), old).expect("query");
    assert_eq!(corrections.len(), 1);
    // withdrawn, the correction no longer stands: the refused appeal may be corrected again
    ereception_core::store::appeals::decide(
        &mut app.conn(),
        first,
        Command::Withdraw,
        &ereception_core::store::appeals::DecisionBy::Applicant(app.maria.account),
        crate::support::cal(),
        chrono::Utc::now(),
    )
    .expect("withdrawn");
    let html = client.get(&format!("/appeals/{}", old.0)).text();
    assert!(html.contains("Подать исправленное обращение"), "{html}");
    assert_eq!(correction(&mut client).status, 303);
});

server_test!(one_bad_filing_does_not_sink_the_others_in_its_batch, |app| {
    use ereception_core::domain::appeal::AppealForm;
    use ereception_core::domain::ids::AccountId;
    use ereception_core::i18n::Lang;
    use ereception_core::store::appeals::{FileError, FileOutcome};
    use intake_server::filing::{Filing, file_batch};

    let service =
        ereception_core::store::catalogue::get(&mut app.conn(), "consultation").expect("query").expect("service");
    let form = identity_form(&[("f-topic", "housing"), ("f-question", "Вопрос")]);
    let draft =
        AppealForm::new(&form).parse(&service, ereception_core::clock::moscow_date(chrono::Utc::now())).expect("valid");
    let good =
        Filing { account: app.maria.account, draft: draft.clone(), lang: Lang::Ru, corrects: None, submission: None };
    let stranger = Filing { account: AccountId(999_999), ..good.clone() };
    let not_refused = app.consultation(&app.maria);
    let bad_correction = Filing { corrects: Some(not_refused), ..good.clone() };
    let results = file_batch(
        &app.db.store,
        crate::support::cal(),
        &[&good, &stranger, &bad_correction, &good],
        chrono::Utc::now(),
    )
    .expect("committed");
    assert!(matches!(results[0], Ok(FileOutcome::Filed { .. })));
    assert!(matches!(results[1], Err(FileError::NoSuchAccount)));
    assert!(matches!(results[2], Err(FileError::CannotCorrect)));
    assert!(matches!(results[3], Ok(FileOutcome::Filed { .. })));
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 3, "the two good ones and the setup's");
});

server_test!(a_refused_appeal_is_corrected_under_a_reissued_pin, |app| {
    use ereception_core::domain::audit::AuditActor;
    use ereception_core::i18n::Lang;
    use ereception_core::store::accounts::{self, IssuePinOutcome, IssueRequest, Issuer};

    let old = app.extract(&app.maria);
    app.refuse_to_register(old);
    let resident = app.appeal(old).resident;
    let reissued = accounts::issue_pin(
        &mut app.conn(),
        &IssueRequest { resident, email: None, lang: Lang::Ru, replace: true },
        &Issuer {
            name: "Орлова".to_owned(),
            clerk: None,
            audit: AuditActor::os_user("test"),
            desk: "окно 1".to_owned(),
        },
        chrono::Utc::now(),
    )
    .expect("reissued");
    let IssuePinOutcome::Issued(issued) = reissued else { panic!("replaced") };
    let new_pin = crate::support::Applicant {
        account: issued.account.id,
        number: issued.account.number.as_str().to_owned(),
        pin: issued.pin.reveal_grouped(),
        confirmation: None,
    };
    let mut client = app.signed_in(&new_pin);
    let form = client.get(&format!("/appeals/new/house-register-extract?corrects={}", old.0));
    assert_eq!(form.status, 200, "the resident's appeal, under the old PIN");
    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    pairs.push(("csrf".to_owned(), csrf_of(&form.text())));
    pairs.push(("corrects".to_owned(), old.0.to_string()));
    let r = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(app.appeal(id_from(r.location())).corrects, Some(old));
});

server_test!(a_patronymic_is_asked_for_if_there_is_one_not_as_optional, |app| {
    let mut client = app.signed_in(&app.maria);
    let html = client.get("/appeals/new/large-family-certificate").text();
    // the applicant's own and each child's: one that exists must match the registry
    let label = "Отчество <span class=\"optional\">(если есть)</span>";
    assert!(html.contains(&format!("for=\"patronymic\">{label}")), "{html}");
    assert!(html.contains(&format!("for=\"f-children-0-patronymic\">{label}")), "{html}");
    assert!(!html.contains("Отчество <span class=\"optional\">(необязательно)"), "{html}");
    let en = client.get("/appeals/new/large-family-certificate?lang=en").text();
    assert!(en.contains("for=\"patronymic\">Patronymic <span class=\"optional\">(if you have one)</span>"), "{en}");
});

/// The value of the hidden `submission` field of a filing form.
fn submission_of(html: &str) -> String {
    let marker = "name=\"submission\" value=\"";
    let start = html.find(marker).unwrap_or_else(|| panic!("no submission key in {html}")) + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

fn send_consultation(
    client: &mut crate::support::Client,
    csrf: &str,
    key: &str,
    question: &str,
) -> crate::support::Resp {
    let mut pairs = identity_form(&[("f-topic", "housing"), ("f-question", question)]);
    pairs.push(("csrf".to_owned(), csrf.to_owned()));
    pairs.push(("submission".to_owned(), key.to_owned()));
    client.post_pairs("/appeals/new/consultation", &pairs)
}

server_test!(a_form_sent_twice_files_one_appeal_and_leads_to_it, |app| {
    use crate::support::Client;

    let client = app.signed_in(&app.maria);
    let form = client.clone().get("/appeals/new/consultation").text();
    let csrf = csrf_of(&form);
    let key = submission_of(&form);
    assert!(key.len() >= 20, "a random key: {key}");
    let send = |client: &mut Client, key: &str, question: &str| send_consultation(client, &csrf, key, question);
    let before = count_rows(&mut app.conn(), "appeals").expect("count");
    // a form with a mistake comes back with the same key
    let mut pairs = identity_form(&[("f-topic", "housing")]);
    pairs.push(("csrf".to_owned(), csrf.clone()));
    pairs.push(("submission".to_owned(), key.clone()));
    let again = client.clone().post_pairs("/appeals/new/consultation", &pairs);
    assert_eq!(again.status, 422);
    assert_eq!(submission_of(&again.text()), key);
    // a double click: two POSTs of one form at once
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let mut c = client.clone();
            let (csrf, key) = (csrf.clone(), key.clone());
            std::thread::spawn(move || send_consultation(&mut c, &csrf, &key, "Когда отключат воду?"))
        })
        .collect();
    let locations: Vec<String> = handles
        .into_iter()
        .map(|h| {
            let r = h.join().expect("thread");
            assert_eq!(r.status, 303, "{}", r.text());
            r.location().to_owned()
        })
        .collect();
    let first = id_from(&locations[0]);
    assert_eq!(id_from(&locations[1]), first, "{locations:?}");
    // Back and send again, even changed: the appeal already filed, not a copy
    let r = send(&mut client.clone(), &key, "Когда отключат воду? (ещё раз)");
    assert_eq!(r.status, 303);
    assert_eq!(id_from(r.location()), first);
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), before + 1);
    let page = client.clone().follow(&r);
    assert_eq!(page.status, 200);
    let html = page.text();
    let number = app.appeal(first).number.to_string();
    assert!(html.contains(&number));
    // QA: the change was dropped under «Обращение принято», as if it had been kept
    assert!(!html.contains("Обращение принято. Его номер"), "{html}");
    assert!(
        html.contains(&format!(
            "<div class=\"notice notice-warning\" role=\"status\"><p>Эта форма уже была отправлена: по ней подано обращение {number}. Исправления, внесённые в форму после этого, не сохранены."
        )),
        "{html}"
    );
    // sent again unchanged (a double click that came late), it is simply the appeal filed
    let r = send(&mut client.clone(), &key, "Когда отключат воду?");
    assert_eq!(r.location(), format!("/appeals/{}?filed=1", first.0));
    // a new form is a new appeal; another account's key is its own
    let fresh = submission_of(&client.clone().get("/appeals/new/consultation").text());
    assert_ne!(fresh, key);
    let r = send(&mut client.clone(), &fresh, "Другой вопрос");
    assert_ne!(id_from(r.location()), first);
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), before + 2);
});

server_test!(a_child_the_registry_does_not_know_is_said_at_once_after_filing, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/large-family-certificate").text());
    let mut pairs = identity_form(CHILDREN);
    // Алёна's birth date mistyped
    for (k, v) in &mut pairs {
        if k == "f-children-1-birth_date" {
            *v = "30.01.2015".to_owned();
        }
    }
    pairs.push(("csrf".to_owned(), csrf));
    pairs.push(("rows-children".to_owned(), "3".to_owned()));
    pairs.push(("action".to_owned(), "file".to_owned()));
    let r = client.post_pairs("/appeals/new/large-family-certificate", &pairs);
    assert_eq!(r.status, 303, "filed all the same: {}", r.text());
    let html = client.follow(&r).text();
    assert!(
        html.contains("Не все сведения совпали с реестром ГУ ИС по вашему адресу: Иванова Алёна Сергеевна."),
        "{html}"
    );
    assert!(html.contains("отозвать обращение и подать исправленное"), "{html}");
    // said once, on filing; the page itself does not nag
    let id = id_from(r.location());
    assert!(!client.get(&format!("/appeals/{}", id.0)).text().contains("Не все сведения совпали"));
});

server_test!(a_long_text_field_says_its_limit_before_it_is_met, |app| {
    let mut client = app.signed_in(&app.maria);
    let html = client.get("/appeals/new/consultation").text();
    assert!(html.contains("<div class=\"hint\" id=\"f-question-hint\">Не больше 4000 символов.</div>"), "{html}");
    assert!(html.contains("aria-describedby=\"f-question-hint\""), "{html}");
    let en = client.get("/appeals/new/consultation?lang=en").text();
    assert!(en.contains("Up to 4000 characters."), "{en}");
});

server_test!(dates_are_taken_as_people_type_them_and_an_implausible_year_is_named, |app| {
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/consultation").text());
    let send = |client: &mut crate::support::Client, birth: &str, surname: &str| {
        let mut pairs = identity_form(&[("f-topic", "housing"), ("f-question", "Вопрос")]);
        for (k, v) in &mut pairs {
            match k.as_str() {
                "birth_date" => *v = birth.to_owned(),
                "surname" => *v = surname.to_owned(),
                _ => {}
            }
        }
        pairs.push(("csrf".to_owned(), csrf.clone()));
        client.post_pairs("/appeals/new/consultation", &pairs)
    };
    let r = send(&mut client, "01.01.1850", "Иванова");
    assert_eq!(r.status, 422);
    let html = r.text();
    assert!(html.contains("Проверьте год: дата не может быть раньше 01.01.1900."), "{html}");
    assert!(!html.contains("Введите дату в виде"), "{html}");
    for typed in ["14-03-1985", "14 . 03 . 1985"] {
        let r = send(&mut client, typed, "Иванова");
        assert_eq!(r.status, 303, "{typed}: {}", r.text());
    }
});

server_test!(child_rows_are_named_added_with_the_focus_and_removed, |app| {
    let mut client = app.signed_in(&app.maria);
    let html = client.get("/appeals/new/large-family-certificate").text();
    assert!(html.contains("<legend class=\"legend legend-s\">Ребёнок 3</legend>"), "{html}");
    assert!(!html.contains("Дети: запись"), "{html}");
    assert!(!html.contains("Удалить эту запись"), "no fewer rows than the minimum");
    let csrf = csrf_of(&html);
    let mut pairs = identity_form(CHILDREN);
    pairs.push(("csrf".to_owned(), csrf));
    pairs.push(("rows-children".to_owned(), "3".to_owned()));
    let mut add = pairs.clone();
    add.push(("action".to_owned(), "add-row:children".to_owned()));
    let html = client.post_pairs("/appeals/new/large-family-certificate", &add).text();
    assert!(html.contains("id=\"f-children-row-3\""), "{html}");
    assert!(html.contains("<legend class=\"legend legend-s\">Ребёнок 4</legend>"), "{html}");
    assert_eq!(html.matches(" autofocus").count(), 1, "{html}");
    assert!(html.contains("id=\"f-children-3-surname\" name=\"f-children-3-surname\""), "{html}");
    let focused = html.split(" autofocus").next().and_then(|before| before.rsplit("<input").next()).unwrap_or_default();
    assert!(focused.contains("id=\"f-children-3-surname\""), "the new row's first field: {focused}");
    assert!(html.contains("value=\"remove-row:children:1\""), "{html}");
    assert!(html.contains("Удалить эту запись<span class=\"visually-hidden\">: Ребёнок 2</span>"), "{html}");
    // remove the second child: the third moves up, the count goes down
    let mut four = pairs.clone();
    four.retain(|(k, _)| k != "rows-children");
    four.push(("rows-children".to_owned(), "4".to_owned()));
    four.push(("f-children-3-surname".to_owned(), "Иванова".to_owned()));
    four.push(("f-children-3-name".to_owned(), "Анна".to_owned()));
    four.push(("action".to_owned(), "remove-row:children:1".to_owned()));
    let r = client.post_pairs("/appeals/new/large-family-certificate", &four);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(!html.contains("value=\"Алёна\""), "the second child is gone: {html}");
    assert!(html.contains("name=\"f-children-1-name\" type=\"text\" value=\"Илья\""), "{html}");
    assert!(html.contains("name=\"f-children-2-name\" type=\"text\" value=\"Анна\""), "{html}");
    assert!(!html.contains("id=\"f-children-3-surname\""), "three rows left: {html}");
    assert!(html.contains("name=\"rows-children\" value=\"3\""), "{html}");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
    let en = client.get("/appeals/new/large-family-certificate?lang=en").text();
    assert!(en.contains("<legend class=\"legend legend-s\">Child 1</legend>"), "{en}");
});

server_test!(pasted_invisible_characters_and_a_combining_yo_do_not_refuse_a_name, |app| {
    // QA: a name pasted from a messenger or a PDF (a zero-width space, a soft hyphen, a byte-order
    // mark) or typed on a Mac («е» + U+0308 for «ё») was refused as «Используйте только буквы…»,
    // though the field showed nothing wrong to correct
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/large-family-certificate").text());
    let mut pairs = identity_form(CHILDREN);
    for (k, v) in &mut pairs {
        match k.as_str() {
            "surname" => *v = "Ива\u{200B}нова".to_owned(),
            "name" => *v = "\u{FEFF}Мари\u{00AD}я".to_owned(),
            "patronymic" => *v = "Петровна\u{2060}".to_owned(),
            "f-children-1-name" => *v = "Але\u{0308}на".to_owned(),
            "f-children-2-name" => *v = "Илья\u{200E}".to_owned(),
            _ => {}
        }
    }
    pairs.push(("csrf".to_owned(), csrf));
    pairs.push(("action".to_owned(), "file".to_owned()));
    let r = client.post_pairs("/appeals/new/large-family-certificate", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    let appeal = app.appeal(id_from(r.location()));
    let name = &appeal.draft.identity.name;
    assert_eq!((name.surname.as_str(), name.name.as_str()), ("Иванова", "Мария"));
    assert_eq!(name.patronymic.as_deref(), Some("Петровна"));
    let filed = serde_json::to_string(&appeal.draft.fields).expect("json");
    assert!(filed.contains("\"Алёна\""), "one letter «ё»: {filed}");
    assert!(!filed.contains('\u{200E}'), "{filed}");
});

server_test!(a_latin_look_alike_in_a_cyrillic_name_is_filed_as_the_cyrillic_letter, |app| {
    // QA: «Мaрия» with a Latin «a» (a layout switched mid-word) passed the registry check, which
    // folds look-alikes, and was filed — for the document — with a letter of another alphabet
    let mut client = app.signed_in(&app.maria);
    let csrf = csrf_of(&client.get("/appeals/new/house-register-extract").text());
    let mut pairs = identity_form(&[("f-purpose", "notary"), ("f-copies", "1")]);
    for (k, v) in &mut pairs {
        match k.as_str() {
            "name" => *v = "Мaрия".to_owned(),
            "surname" => *v = "Ивaновa".to_owned(),
            _ => {}
        }
    }
    pairs.push(("csrf".to_owned(), csrf));
    let r = client.post_pairs("/appeals/new/house-register-extract", &pairs);
    assert_eq!(r.status, 303, "{}", r.text());
    let appeal = app.appeal(id_from(r.location()));
    assert_eq!(appeal.draft.identity.name.name, "Мария");
    assert_eq!(appeal.draft.identity.name.surname, "Иванова");
});
