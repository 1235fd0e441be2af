//! End to end in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
//! driven over WebDriver through signing in, filing an appeal with one mistake and correcting
//! it, and reading the timeline — with no JavaScript on our pages, as a resident's browser
//! sees them.
//!
//! Every page is photographed whole at a phone's width and at a desktop's into
//! `target/e2e-screenshots/<test>/NN-page-{phone,desktop}.png`, and checked not to scroll
//! sideways at either width.

use std::path::PathBuf;

use ereception_core::domain::ids::AppealId;
use ereception_core::store::count_rows;
use ereception_core::store::testing::TestBackend;

use crate::support::{TestApp, identity_form};
use crate::webdriver::{Browser, DESKTOP, PHONE};

/// `target/e2e-screenshots/<test>`, emptied.
fn screenshot_dir(test: &str) -> PathBuf {
    // integration tests are given `target/tmp`; its parent is the target folder
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target folder").to_path_buf();
    let dir = target.join("e2e-screenshots").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Photographs the current page at both widths (the phone's last, which the walk goes on in)
/// and checks that it is no wider than the window: nothing scrolls sideways.
struct Camera {
    dir: PathBuf,
    shots: usize,
}

impl Camera {
    fn shoot(&mut self, browser: &Browser, name: &str) {
        self.shots += 1;
        for viewport in [DESKTOP, PHONE] {
            browser.set_viewport(viewport);
            let file = self.dir.join(format!("{:02}-{name}-{}.png", self.shots, viewport.name));
            browser.screenshot(&file);
            let width = browser.page_width();
            assert!(width <= u64::from(viewport.width), "{name} is {width} px wide at {} px", viewport.width);
        }
    }
}

/// A browser at a phone's width, the server on SQLite, its address, and a camera for `test`;
/// none without Chromium (the test is then skipped, or fails under `CI`).
fn start(test: &str) -> Option<(Browser, TestApp, String, Camera)> {
    let browser = Browser::start(test)?;
    let app = TestApp::start(TestBackend::Sqlite, test).expect("sqlite");
    let base = format!("http://{}", app.addr);
    browser.set_viewport(PHONE);
    Some((browser, app, base, Camera { dir: screenshot_dir(test), shots: 0 }))
}

#[test]
fn a_resident_signs_in_files_with_a_mistake_corrects_it_and_reads_the_timeline() {
    const TEST: &str = "a_resident_signs_in_files_with_a_mistake_corrects_it_and_reads_the_timeline";
    let Some((browser, app, base, mut camera)) = start(TEST) else { return };

    // a link from an e-mail leads to the private section, which asks to sign in first
    browser.goto(&format!("{base}/"));
    assert!(browser.path().starts_with("/sign-in"), "{}", browser.path());
    assert_eq!(browser.text("h1"), "Вход в личный кабинет");
    camera.shoot(&browser, "sign-in");

    browser.fill("#number", &app.maria.number);
    browser.fill("#pin", &app.maria.pin);
    browser.click_and_wait("form[action='/sign-in'] button[type=submit]");
    assert_eq!(browser.path(), "/");
    assert!(browser.text("main").contains("Здравствуйте, Мария Петровна!"), "{}", browser.text("main"));
    camera.shoot(&browser, "private-section");

    // a new appeal: the list of services, then the extract from the house register
    browser.click_and_wait("main a.button[href='/services']");
    assert_eq!(browser.path(), "/services");
    camera.shoot(&browser, "services");
    browser.click_and_wait("a[href='/appeals/new/house-register-extract']");
    assert_eq!(browser.text("h1"), "Выписка из домовой книги");
    camera.shoot(&browser, "appeal-form");

    // everything right but the number of copies
    for (field, value) in [
        ("surname", "Иванова"),
        ("name", "Мария"),
        ("patronymic", "Петровна"),
        ("birth_date", "14.03.1985"),
        ("street", "ул. Новый Арбат"),
        ("house", "12"),
        ("flat", "12А"),
        ("f-copies", "9"),
    ] {
        browser.fill(&format!("#{field}"), value);
    }
    browser.click("input[name='f-purpose'][value='notary']");
    browser.click_and_wait("form button.button[value='file']");

    // the same form again, with the error summary on top linking to the one wrong field
    assert!(browser.title().starts_with("Ошибка: "), "{}", browser.title());
    assert_eq!(browser.text(".error-summary-title"), "Исправьте ошибки");
    let links = browser.find_all(".error-summary-list a");
    assert_eq!(links.len(), 1, "one mistake, one message");
    assert_eq!(browser.property(&links[0], "hash"), "#f-copies");
    assert!(browser.text("#f-copies-error").contains("Введите число от 1 до 5."));
    assert_eq!(browser.property(&browser.find("#surname"), "value"), "Иванова", "what was typed is kept");
    assert_eq!(browser.property(&browser.find("#f-purpose-1"), "checked"), true, "and what was chosen");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed yet");
    // the focus is on the summary, so that a screen reader reads it first and Tab leads to its
    // links (no script: the page itself says so)
    let focused = browser.script("return document.activeElement.className", serde_json::json!([]));
    assert_eq!(focused, "error-summary", "the focus after the error");
    camera.shoot(&browser, "appeal-form-error");

    // the summary's link leads to the field; fix it and file
    browser.click_element(&links[0]);
    browser.wait_until("the wrong field to have the focus", |b| {
        b.script("return document.activeElement && document.activeElement.id", serde_json::json!([])) == "f-copies"
    });
    browser.fill("#f-copies", "2");
    browser.click_and_wait("form button.button[value='file']");

    // the appeal's page: its number, its status, its timeline
    let path = browser.path();
    let id: i64 = path
        .strip_prefix("/appeals/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not an appeal's page: {path}"));
    let appeal = app.appeal(AppealId(id));
    assert_eq!(appeal.account, app.maria.account);
    let number = appeal.number.to_string();
    assert!(browser.text(".notice-success").contains(&number), "the banner names the number");
    assert!(browser.text(".timeline").contains("Обращение принято"), "{}", browser.text(".timeline"));
    assert_eq!(browser.find_all(".timeline-entry").len(), 1);
    camera.shoot(&browser, "appeal-filed");

    // a clerk registers it; the resident comes back to the list and opens it again
    app.register(AppealId(id));
    browser.click_and_wait("a[href='/'].site-name");
    assert!(browser.text(".appeal-list").contains(&number));
    camera.shoot(&browser, "private-section-with-appeal");
    browser.click_and_wait(&format!(".appeal-list a[href='/appeals/{id}']"));
    assert_eq!(browser.find_all(".timeline-entry").len(), 2, "{}", browser.text(".timeline"));
    let timeline = browser.text(".timeline");
    assert!(timeline.contains("Обращение зарегистрировано"), "{timeline}");
    assert!(timeline.contains("Обращение принято"), "{timeline}");
    camera.shoot(&browser, "timeline");

    let files = std::fs::read_dir(&camera.dir).expect("screenshots").count();
    assert_eq!(files, camera.shots * 2, "two screenshots of each page");
    eprintln!("screenshots: {}", camera.dir.display());
}

#[test]
fn long_unbroken_text_wraps_on_a_phone_and_an_added_row_takes_the_focus() {
    const TEST: &str = "long_unbroken_text_wraps_on_a_phone_and_an_added_row_takes_the_focus";
    let Some((browser, app, base, mut camera)) = start(TEST) else { return };

    // a question with a pasted 230-character link, answered with one, and a message with one
    let url = format!("https://www.mos.ru/uslugi/{}", "a1b2c3d4e5".repeat(21));
    assert!(url.len() >= 230);
    let question = format!("Почему не открывается {url}?");
    let id = app.file(&app.maria, "consultation", &[("f-topic", "other"), ("f-question", question.as_str())]);
    app.register(id);
    ereception_core::store::appeals::send_message(
        &mut app.conn(),
        id,
        &app.clerk,
        &format!("Уточните: {url}"),
        chrono::Utc::now(),
    )
    .expect("message");
    app.decide(id, ereception_core::domain::status::Command::Answer { text: format!("Откройте {url}") });

    browser.goto(&format!("{base}/sign-in"));
    browser.fill("#number", &app.maria.number);
    browser.fill("#pin", &app.maria.pin);
    browser.click_and_wait("form[action='/sign-in'] button[type=submit]");
    browser.goto(&format!("{base}/appeals/{}", id.0));
    assert!(browser.text(".filed-data").contains("a1b2c3d4e5"), "{}", browser.text("main"));
    // the camera checks the width at the phone's and the desktop's; and at a small phone's
    camera.shoot(&browser, "appeal-with-a-long-link");
    let small = crate::webdriver::Viewport { name: "small-phone", width: 360, height: 740, mobile: true };
    browser.set_viewport(small);
    let width = browser.page_width();
    assert!(width <= 360, "the appeal's page is {width} px wide at 360 px");
    browser.set_viewport(PHONE);

    // «Добавить ещё одну запись»: the page comes back at the new row, its first field focused
    browser.goto(&format!("{base}/appeals/new/large-family-certificate"));
    browser.click_and_wait("button[value='add-row:children']");
    assert_eq!(browser.text("#f-children-row-3 legend"), "Ребёнок 4");
    browser.wait_until("the new row's first field to have the focus", |b| {
        b.script("return document.activeElement && document.activeElement.id", serde_json::json!([]))
            == "f-children-3-surname"
    });
    let top = browser.script(
        "return document.getElementById('f-children-row-3').getBoundingClientRect().top",
        serde_json::json!([]),
    );
    let top = top.as_f64().unwrap_or(f64::MAX);
    assert!((-1.0..f64::from(PHONE.height)).contains(&top), "the new row is in view: {top}");
    camera.shoot(&browser, "a-row-added");
    // and removed again, without JavaScript
    browser.click_and_wait("button[value='remove-row:children:3']");
    assert!(browser.try_find("#f-children-row-3").is_none(), "the fourth row is gone");
}

#[test]
fn a_typed_form_survives_the_language_switch_and_the_end_of_the_session() {
    const TEST: &str = "a_typed_form_survives_the_language_switch_and_the_end_of_the_session";
    let Some((browser, app, base, mut camera)) = start(TEST) else { return };
    let value = |css: &str| browser.property(&browser.find(css), "value");
    let question = "Когда во дворе дома 12 починят освещение? Пишу уже третий раз.";

    browser.goto(&format!("{base}/sign-in"));
    browser.fill("#number", &app.maria.number);
    browser.fill("#pin", &app.maria.pin);
    browser.click_and_wait("form[action='/sign-in'] button[type=submit]");
    browser.goto(&format!("{base}/appeals/new/consultation"));
    for (field, text) in identity_form(&[("f-question", question)]) {
        browser.fill(&format!("#{field}"), &text);
    }
    browser.click("input[name='f-topic'][value='improvement']");

    // «English» in the header: the same form in English, as typed, with no errors
    browser.click_and_wait("nav button[name='switch-lang']");
    let lang = browser.script("return document.documentElement.lang", serde_json::json!([]));
    assert_eq!(lang, "en");
    assert_eq!(browser.text("h1"), "Consultation with a council specialist");
    assert_eq!(value("#f-question"), question, "what was typed is kept");
    assert_eq!(value("#surname"), "Иванова");
    assert_eq!(browser.property(&browser.find("input[value='improvement']"), "checked"), true);
    assert!(browser.try_find(".error-summary").is_none(), "nothing was checked");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "nothing filed");
    camera.shoot(&browser, "switched-to-english");

    // the session ends while the resident reads it over; «Send the appeal»: the sign-in page
    {
        use diesel::prelude::*;
        use ereception_core::store::schema::sessions;
        let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
        diesel::update(sessions::table).set(sessions::expires_at.eq(past)).execute(&mut *app.conn()).expect("ended");
    }
    browser.click_and_wait("form#appeal-form button.button[value='file']");
    assert_eq!(browser.text("h1"), "Sign in to your private section");
    assert!(browser.text(".notice").contains("What you typed into the form is not lost"), "{}", browser.text("main"));
    camera.shoot(&browser, "sign-in-carrying-the-form");

    // signing in brings the form back, filled in, not sent
    browser.fill("#number", &app.maria.number);
    browser.fill("#pin", &app.maria.pin);
    browser.click_and_wait("form#sign-in-form button.button");
    assert!(browser.text(".notice-warning").contains("has not been sent yet"), "{}", browser.text("main"));
    assert_eq!(value("#f-question"), question);
    assert_eq!(value("#flat"), "12А");
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 0, "signing in files nothing");
    camera.shoot(&browser, "the-form-back-after-signing-in");

    // it is the form's own page, reached by a redirect: reloading it signs in no second time
    // (nor asks to send the sign-in again) and shows the form as it was
    assert_eq!(browser.path(), "/appeals/new/consultation");
    let sessions = count_rows(&mut app.conn(), "sessions").expect("count");
    browser.script("window.__e2e_old_page = true; location.reload()", serde_json::json!([]));
    browser.wait_until("the reloaded page", |b| {
        b.script(
            "return window.__e2e_old_page === undefined && document.readyState === 'complete'",
            serde_json::json!([]),
        ) == serde_json::json!(true)
    });
    assert_eq!(count_rows(&mut app.conn(), "sessions").expect("count"), sessions, "no second sign-in");
    assert!(browser.text(".notice-warning").contains("has not been sent yet"), "{}", browser.text("main"));
    assert_eq!(value("#f-question"), question);

    // Enter in a field sends the form (the switch, also a button of it, comes after the default)
    browser.script("window.__e2e_old_page = true", serde_json::json!([]));
    let surname = browser.find("#surname");
    browser.click_element(&surname);
    browser.fill("#surname", "Иванова\u{E007}");
    browser.wait_until("the appeal's page", |b| {
        b.script(
            "return window.__e2e_old_page === undefined && document.readyState === 'complete'",
            serde_json::json!([]),
        ) == serde_json::json!(true)
    });
    assert!(browser.path().starts_with("/appeals/"), "{}", browser.path());
    assert_eq!(count_rows(&mut app.conn(), "appeals").expect("count"), 1, "filed once, by the resident");
    camera.shoot(&browser, "filed");
}

#[test]
fn the_error_summary_takes_the_focus_and_its_links_show_each_field_with_its_label() {
    const TEST: &str = "the_error_summary_takes_the_focus_and_its_links_show_each_field_with_its_label";
    let Some((browser, app, base, mut camera)) = start(TEST) else { return };
    browser.goto(&format!("{base}/sign-in"));
    browser.fill("#number", &app.maria.number);
    browser.fill("#pin", &app.maria.pin);
    browser.click_and_wait("form[action='/sign-in'] button[type=submit]");
    // the longest form, sent empty at a phone's width
    browser.goto(&format!("{base}/appeals/new/large-family-certificate"));
    browser.click_and_wait("form button.button[value='file']");
    let focused = browser.script("return document.activeElement.className", serde_json::json!([]));
    assert_eq!(focused, "error-summary", "the focus after the error");
    camera.shoot(&browser, "errors");
    // each link: the field has the focus, and what it asks (its label or legend) is in sight
    for field in ["surname", "f-marital_status"] {
        browser.goto(&format!("{base}/appeals/new/large-family-certificate"));
        browser.click_and_wait("form button.button[value='file']");
        browser.click(&format!(".error-summary-list a[href='#{field}']"));
        browser.wait_until("the field to have the focus", |b| {
            b.script("return document.activeElement && document.activeElement.id", serde_json::json!([])) == field
        });
        let top = browser.script(
            "const f = document.activeElement; \
             const asked = f.type === 'radio' ? f.closest('fieldset').querySelector('legend') : f.labels[0]; \
             return asked.getBoundingClientRect().top",
            serde_json::json!([]),
        );
        assert!(top.as_f64().is_some_and(|top| top >= 0.0), "what {field} asks is scrolled off the top: {top}");
    }
}

#[test]
fn the_public_pages_are_reached_from_the_sign_in_page_and_fit_a_small_phone() {
    const TEST: &str = "the_public_pages_are_reached_from_the_sign_in_page_and_fit_a_small_phone";
    let Some((browser, app, base, mut camera)) = start(TEST) else { return };
    // a council with a long name, address and hours, as real ones have
    let mut district =
        ereception_core::store::districts::get(&mut app.conn(), "0412").expect("read").expect("district");
    district.council_name = "Управа района Арбат города Москвы (Центральный административный округ)".to_owned();
    district.council_address = "ул. Новый Арбат, д. 36, стр. 1, подъезд 3, служба «одного окна», окна 1–4".to_owned();
    district.office_hours =
        "пн–чт 8:00–17:00, пт 8:00–15:45, обед 12:00–12:45; последний рабочий день месяца — до 14:00".to_owned();
    district.phone = Some("+7 (495) 690-00-00, доб. 1234".to_owned());
    ereception_core::store::districts::save(&mut app.conn(), &district).expect("saved");

    let small = crate::webdriver::Viewport { name: "small-phone", width: 320, height: 640, mobile: true };
    browser.goto(&format!("{base}/sign-in"));
    browser.click_and_wait("a[href='/help#offices']");
    assert_eq!(browser.path(), "/help#offices");
    assert!(browser.text("main").contains("служба «одного окна», окна 1–4"), "{}", browser.text("main"));
    camera.shoot(&browser, "help");
    browser.set_viewport(small);
    let width = browser.page_width();
    assert!(width <= 320, "the help page is {width} px wide at 320 px");
    browser.set_viewport(PHONE);

    browser.click_and_wait("footer a[href='/privacy']");
    assert_eq!(browser.path(), "/privacy");
    assert!(browser.text("h1").contains("Обработка персональных данных"));
    camera.shoot(&browser, "privacy");
    browser.set_viewport(small);
    let width = browser.page_width();
    assert!(width <= 320, "the privacy notice is {width} px wide at 320 px");
}
