//! Every action driven by keys, checked in the database (and on screen where it says so).

use chrono::Datelike;
use ereception_core::domain::appeal::FieldValue;
use ereception_core::domain::event::EventKind;
use ereception_core::domain::ids::{ClerkId, DistrictCode};
use ereception_core::domain::question::QuestionStatus;
use ereception_core::domain::status::{Status, StatusKind};
use ereception_core::i18n::Lang;
use ereception_core::store::appeals::{self, Queue};
use ereception_core::store::{accounts, questions};
use ratatui::style::Color;

use super::harness::{Harness, Options, now};
use crate::tui::action::{Action, QueueKind, Rows};
use crate::tui::app::{Dialog, Input, Screen};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::update::update;

fn outbox_rows_of_last_event(h: &Harness, appeal: i64) -> i64 {
    h.count(&format!(
        "SELECT COUNT(*) AS n FROM outbox WHERE event_id = (SELECT MAX(id) FROM events WHERE appeal_id = {appeal})"
    ))
}

fn email_confirmed(h: &Harness, appeal: &ereception_core::domain::appeal::Appeal) -> bool {
    accounts::get(&mut h.conn(), appeal.account).expect("account").is_some_and(|a| a.email_confirmed)
}

/// What the status line adds after a decision: a letter, or only the personal area.
fn notice(mailed: bool) -> &'static str {
    if mailed {
        "Заявителю отправляется письмо."
    } else {
        "Подтверждённой почты у заявителя нет: он увидит это в личном кабинете."
    }
}

#[test]
fn the_clerk_is_told_whether_the_applicant_gets_a_letter() {
    for confirmed in [true, false] {
        let mut h = Harness::clerk();
        let appeal = h.find(|a| {
            a.service.as_str() == "house-register-extract"
                && a.status.kind() == StatusKind::Submitted
                && accounts::get(&mut h.conn(), a.account).expect("account").is_some_and(|a| a.email_confirmed)
                    == confirmed
        });
        h.open_appeal(&appeal.number.to_string());
        h.keys("ry");
        assert_eq!(outbox_rows_of_last_event(&h, appeal.id.0), i64::from(confirmed));
        assert_eq!(h.status(), format!("Обращение зарегистрировано. {}", notice(confirmed)));
    }
}

/// Receiving the originals is mailed like every other event (blueprint rule 5): the clerk is not
/// told the applicant will only see it in the private section.
#[test]
fn the_originals_received_are_mailed_and_the_clerk_is_told_so() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| {
        a.service.as_str() == "house-register-extract"
            && a.status.kind() == StatusKind::InProgress
            && accounts::get(&mut h.conn(), a.account).expect("account").is_some_and(|a| a.email_confirmed)
    });
    h.open_appeal(&appeal.number.to_string());
    h.keys("o<Space><C-s>y");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::OriginalsRequired, "{}", h.status());
    h.keys("by");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::InProgress, "{}", h.status());
    assert_eq!(outbox_rows_of_last_event(&h, appeal.id.0), 1, "the letter is queued");
    assert_eq!(h.status(), format!("Оригиналы отмечены, работа продолжается. {}", notice(true)));
}

/// There was no way to leave the desk signed out but quitting the program, which under
/// `clerk-tui start` also stops the residents' web server.
#[test]
fn a_clerk_signs_out_and_a_colleague_signs_in_at_the_same_terminal() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::InProgress);
    h.open_appeal(&appeal.number.to_string());
    h.keys("<C-l>");
    let Screen::SignIn(s) = &h.app.screen else { panic!("the sign-in screen: {}", h.screen()) };
    assert_eq!(s.login.text(), "clerk", "the login stays filled in");
    assert_eq!(s.focus, 1, "the password is next");
    assert!(h.app.session.is_none() && h.app.back.is_empty() && h.app.dialog.is_none());
    let screen = h.screen();
    assert!(screen.contains("Сеанс завершён. Войдите, чтобы продолжить работу."), "{screen}");
    assert!(!screen.contains(&appeal.number.to_string()), "nothing of the appeal stays on screen: {screen}");
    assert_eq!(h.audit_count("clerk_signed_out", "clerk:clerk"), 1, "the log shows who left the desk");
    h.keys(&format!("<BackTab><C-u>supervisor<Tab>{}<Enter>", super::harness::SUPERVISOR_PASSWORD));
    let session = h.app.session.as_ref().expect("signed in again");
    assert_eq!(session.clerk.login, "supervisor");
    assert!(matches!(h.app.screen, Screen::Dashboard(_)), "{}", h.screen());
    h.keys("<Esc>");
    assert!(matches!(h.app.screen, Screen::Dashboard(_)), "no way back to the previous clerk's screens");
}

#[test]
fn signing_out_is_on_the_home_screens_footer_and_in_the_help() {
    let mut h = Harness::clerk();
    let screen = h.screen();
    assert!(screen.contains("Ctrl+L Конец сеанса"), "{screen}");
    h.keys("?");
    let Some(Dialog::Help { .. }) = h.app.dialog else { panic!("help") };
    let mut all = String::new();
    for _ in 0..10 {
        all.push_str(&h.screen());
        h.keys("<PgDn>");
    }
    assert!(all.contains("Завершить сеанс: вернуться к экрану входа"), "{all}");
}

#[test]
fn signing_in_counts_failures_and_locks_in_moscow_time() {
    let mut h = Harness::new();
    h.keys("clerk<Tab>wrong<Enter>");
    let Screen::SignIn(s) = &h.app.screen else { panic!("still signing in") };
    assert!(s.message.as_ref().is_some_and(|m| m.text.contains("Осталось 4 попытки")), "{:?}", s.message);
    assert_eq!(s.password.text(), "", "the password is cleared after each try");
    for _ in 0..4 {
        h.keys("wrong<Enter>");
    }
    let Screen::SignIn(s) = &h.app.screen else { panic!("still signing in") };
    let text = &s.message.as_ref().expect("message").text;
    // 10:00 in Moscow plus the first 15-minute lockout
    assert_eq!(text, "Вход заблокирован до 10:15 (мск).");
    h.keys(&format!("{}<Enter>", super::harness::PASSWORD));
    assert!(h.app.session.is_none(), "locked even with the right password");
    assert_eq!(h.audit_count("clerk_sign_in_failed", "clerk:clerk"), 5);
}

#[test]
fn an_unknown_login_gets_no_count_and_empty_fields_are_refused() {
    let mut h = Harness::new();
    h.keys("<Enter>");
    let Screen::SignIn(s) = &h.app.screen else { panic!() };
    assert_eq!(s.focus, 1, "Enter in an empty login moves to the password");
    h.keys("x<Enter>");
    let Screen::SignIn(s) = &h.app.screen else { panic!() };
    assert_eq!(s.message.as_ref().map(|m| m.text.as_str()), Some("Введите логин."));
    h.keys("<Tab>nobody<Tab>secret<Enter>");
    let Screen::SignIn(s) = &h.app.screen else { panic!() };
    assert_eq!(s.message.as_ref().map(|m| m.text.as_str()), Some("Неверный логин или пароль."));
}

#[test]
fn registering_writes_the_status_its_event_mail_and_audit_and_audits_the_view_once() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    let subject = format!("appeal:{}", appeal.id.0);
    h.open_appeal(&appeal.number.to_string());
    assert_eq!(h.audit_count("personal_data_viewed", &subject), 1, "opening is audited");
    let events = appeals::timeline(&mut h.conn(), appeal.id).expect("timeline").len();
    h.keys("r");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "a confirmation first");
    assert_eq!(h.appeal(appeal.id).status, Status::Submitted, "nothing before yes");
    h.keys("y");
    let after = h.appeal(appeal.id);
    assert_eq!(after.status, Status::Registered);
    let timeline = appeals::timeline(&mut h.conn(), appeal.id).expect("timeline");
    assert_eq!(timeline.len(), events + 1);
    assert!(matches!(timeline.last().map(|e| &e.kind), Some(EventKind::Registered { .. })));
    assert_eq!(h.audit_count("appeal_transition", &subject), 1);
    let expected = i64::from(email_confirmed(&h, &appeal));
    assert_eq!(outbox_rows_of_last_event(&h, appeal.id.0), expected, "mail goes out with the event");
    assert_eq!(h.status(), format!("Обращение зарегистрировано. {}", notice(expected == 1)));
    assert_eq!(h.audit_count("personal_data_viewed", &subject), 1, "the reload after a decision is the same view");
    let screen = h.screen();
    assert!(screen.contains("Состояние: Зарегистрировано"), "the screen shows it at once:\n{screen}");
    // back in the queue the appeal is gone and the next one is selected
    h.keys("<Esc><Esc>1");
    let Screen::Queue(q) = &h.app.screen else { panic!("{}", h.screen()) };
    let Rows::Appeals(rows) = &q.rows else { panic!() };
    assert!(rows.iter().all(|r| r.id != appeal.id));
}

#[test]
fn refusing_to_register_takes_grounds_and_no_explanation_is_needed() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&appeal.number.to_string());
    h.keys("x<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays") };
    assert_eq!(f.error.as_deref(), Some("Выберите хотя бы одно основание."));
    h.keys("<Down><Space>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays") };
    assert_eq!(f.line(1), "", "ticking a ground does not copy its remedy into the explanation");
    h.keys("<C-s>n");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "no returns to the form");
    assert_eq!(h.appeal(appeal.id).status, Status::Submitted);
    h.keys("<C-s>y");
    let Status::RefusedToRegister(refusal) = h.appeal(appeal.id).status else { panic!("refused: {}", h.status()) };
    let service =
        ereception_core::store::catalogue::get(&mut h.conn(), "house-register-extract").expect("get").expect("service");
    let ground = &service.register_grounds[1];
    assert_eq!(refusal.grounds.len(), 1);
    assert_eq!(refusal.grounds[0].code, ground.code);
    assert_eq!(refusal.explanation, "");
    assert_eq!(h.status(), format!("Отказано в регистрации. {}", notice(email_confirmed(&h, &appeal))));
    // the remedy is told once, and there is no empty explanation
    h.keys("G");
    let screen = h.screen();
    assert_eq!(screen.matches("Как исправить").count(), 1, "{screen}");
    assert!(!screen.contains("Пояснение специалиста"), "{screen}");
}

#[test]
fn a_refusal_carries_exactly_what_the_clerk_typed() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "preparation");
    h.keys("x<Space><Tab>");
    h.type_text("Позвоните нам.");
    h.keys("<BackTab><Down><Space><C-s>y");
    let Status::Refused(refusal) = h.appeal(appeal.id).status else { panic!("refused: {}", h.status()) };
    assert_eq!(refusal.grounds.len(), 2);
    assert_eq!(refusal.explanation, "Позвоните нам.");
    h.keys("G");
    let screen = h.screen();
    assert!(screen.contains("Пояснение специалиста: Позвоните нам."), "{screen}");
}

#[test]
fn a_visit_document_goes_through_stages_originals_ready_and_hand_over() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "registry-request");
    h.keys("ny");
    assert_eq!(h.appeal(appeal.id).status.stage().map(|s| s.to_string()).as_deref(), Some("preparation"));
    h.keys("o<Space><C-s>y");
    let Status::OriginalsRequired(request) = h.appeal(appeal.id).status else { panic!("originals") };
    assert_eq!(request.originals.len(), 1);
    assert_eq!(request.by, ereception_core::clock::moscow_date(now()) + chrono::Duration::days(7));
    assert!(request.place.contains("Управа района Арбат"), "{}", request.place);
    h.keys("u");
    assert!(h.status().contains("недоступно"), "not suspended before the date: {}", h.status());
    h.keys("by");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::InProgress);
    h.keys("nye<C-s>y");
    let Status::Ready(pickup) = h.appeal(appeal.id).status else { panic!("ready: {}", h.status()) };
    assert_eq!(pickup.bring, "паспорт");
    assert!(pickup.hours.contains("пн–чт"), "{}", pickup.hours);
    h.keys("w<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    assert!(f.error.as_deref().is_some_and(|e| e.contains("Предъявленный документ")), "{:?}", f.error);
    // the empty field has the cursor already
    h.type_text("паспорт 45 00 123456");
    h.keys("<C-s>y");
    let Status::Issued(handover) = h.appeal(appeal.id).status else { panic!("issued: {}", h.status()) };
    assert_eq!(handover.collected_by, appeal.draft.identity.name.full());
    assert_eq!(handover.id_document, "паспорт 45 00 123456");
    h.keys("r");
    assert!(h.status().contains("недоступно"));
}

/// Enter in a form's last one-line field sends the form, and a clerk who meant a new line types
/// on into the confirmation, where «н» is the «y» key: that «yes» is not taken, and the clerk
/// is told why. A «y» after a pause is.
#[test]
fn typing_on_after_enter_in_the_last_field_does_not_confirm() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "registry-request");
    h.keys("ny");
    h.keys("ny");
    h.keys("e<BackTab><C-u>");
    h.type_text("паспорт");
    h.keys("<Enter>");
    let Some(Dialog::Confirm(confirm)) = &h.app.dialog else { panic!("a confirmation: {}", h.status()) };
    assert!(confirm.from_typing);
    h.type_text("н");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::InProgress, "not confirmed by typing on");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "the question stays");
    assert!(h.status().contains("Вы ещё печатали"), "{}", h.status());
    h.app.now += chrono::Duration::seconds(1);
    h.keys("y");
    let Status::Ready(pickup) = h.appeal(appeal.id).status else { panic!("ready: {}", h.status()) };
    assert_eq!(pickup.bring, "паспорт");
}

/// The same form sent with Ctrl+S is sent on purpose: its «yes» needs no pause.
#[test]
fn a_form_sent_with_ctrl_s_is_confirmed_at_once() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "registry-request");
    h.keys("nynye<C-s>");
    let Some(Dialog::Confirm(confirm)) = &h.app.dialog else { panic!("a confirmation: {}", h.status()) };
    assert!(!confirm.from_typing);
    h.keys("y");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::Ready, "{}", h.status());
}

#[test]
fn what_a_clerk_writes_for_the_resident_follows_the_language_of_their_letters_now() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "preparation");
    assert_eq!(appeal.lang, Lang::Ru, "filed in Russian");
    // the resident has since switched their letters to English
    let account = ereception_core::store::outbox::letter_lang(&mut h.conn(), appeal.id).expect("lang");
    assert_eq!(account, Lang::Ru);
    let active =
        accounts::active_for_resident(&mut h.conn(), appeal.resident).expect("query").expect("an active account");
    accounts::set_lang(&mut h.conn(), active.id, Lang::En).expect("set");
    h.open_appeal(&appeal.number.to_string());
    assert!(h.screen().contains("Язык заявителя: английский"), "{}", h.screen());
    // the «ready» form offers what to bring in English, as the letter will say it
    h.keys("nye");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the ready form: {}", h.screen()) };
    assert!(f.values().iter().any(|v| v == "passport"), "{:?}", f.values());
    // «passport» in a Russian form: the label says in which language it goes
    assert!(f.fields.iter().any(|x| x.label == "Что взять с собой (английский)"), "{}", h.screen());
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.screen()) };
    assert!(c.lines.iter().any(|l| l == "Что взять с собой: passport"), "{:?}", c.lines);
    assert!(c.lines.iter().any(|l| l.starts_with("Часы выдачи: ")), "{:?}", c.lines);
}

/// Children found in the registry were cut at 80 columns («…есть в реестре по этому …») and
/// each was labelled with the plural «Дети:».
#[test]
fn every_child_checked_reads_whole_and_in_the_singular() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.service.as_str() == "large-family-certificate" && !a.check.persons.is_empty());
    h.open_appeal(&appeal.number.to_string());
    let mut all = String::new();
    for _ in 0..6 {
        all.push_str(&h.screen());
        h.keys("<PgDn>");
    }
    assert!(all.contains("Ребёнок: "), "{all}");
    assert!(!all.contains("Дети: "), "{all}");
    assert!(!all.contains("по этому …") && !all.contains("реестре по…"), "{all}");
}

/// A ready document's state, with its pickup place, was cut at 80 columns («…, ул.»).
#[test]
fn a_ready_documents_state_reads_whole() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("unified-housing-document", StatusKind::Ready);
    let Status::Ready(pickup) = h.appeal(appeal.id).status else { panic!("ready") };
    h.open_appeal(&appeal.number.to_string());
    let screen = h.screen();
    let head: String = screen.lines().skip(2).take(4).collect::<Vec<_>>().join(" ");
    let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(head.contains(&pickup.place), "{screen}");
}

/// The refusal's confirmation listed the grounds but not the clerk's explanation, which the
/// applicant reads beside them.
#[test]
fn a_refusal_confirms_the_explanation_too() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&appeal.number.to_string());
    h.keys("x<Space><Tab>");
    h.type_text("Укажите цель в поле «Для чего».");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.screen()) };
    assert_eq!(c.lines.last().map(String::as_str), Some("Пояснение специалиста: Укажите цель в поле «Для чего»."));
}

/// The refusal's confirmation named the grounds but not how to fix them, which is what the
/// applicant is told beside each: the clerk chose a ground without seeing what it promises.
#[test]
fn a_refusal_confirms_how_to_fix_each_ground() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    let service =
        ereception_core::store::catalogue::get(&mut h.conn(), "house-register-extract").expect("get").expect("service");
    let ground = &service.register_grounds[0];
    h.open_appeal(&appeal.number.to_string());
    h.keys("x<Space><C-s>");
    let screen = h.screen();
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {screen}") };
    let remedy = format!("  Как исправить: {}", ground.remedy.get(Lang::Ru));
    assert_eq!(c.lines, [format!("• {}", ground.text.get(Lang::Ru)), remedy], "{screen}");
    // drawn under its ground, indented, every wrapped line of it
    let rows: Vec<&str> = screen.lines().skip_while(|l| !l.contains("│   Как исправить: ")).collect();
    assert!(rows.len() > 1, "{screen}");
    let next = rows[1].split('│').nth(1).unwrap_or_default();
    assert!(next.starts_with("   ") && !next.trim().is_empty(), "the remedy's second line, indented: {screen}");
}

/// Opens an appeal of `service` in progress, due on `due` (YYYY-MM-DD).
fn open_due(h: &mut Harness, service: &str, due: &str) -> ereception_core::domain::appeal::Appeal {
    let appeal = h.find_in(service, StatusKind::InProgress);
    h.sql(&format!("UPDATE appeals SET due_on = '{due}' WHERE id = {}", appeal.id.0));
    h.open_appeal(&appeal.number.to_string());
    appeal
}

#[test]
fn the_originals_date_offered_is_a_working_day() {
    let mut h = Harness::clerk();
    // Saturday 5 December: a week ahead is Saturday 12 December, so Monday 14 December is offered
    h.advance(1);
    let appeal = open_due(&mut h, "unified-housing-document", "2026-12-21");
    h.keys("o");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the originals form") };
    assert_eq!(f.line(2), "14.12.2026");
    h.keys("<Space><C-s>");
    let screen = h.screen();
    assert!(!screen.contains("истечёт раньше"), "no warning within the deadline: {screen}");
    h.keys("y");
    let Status::OriginalsRequired(request) = h.appeal(appeal.id).status else { panic!("originals: {}", h.status()) };
    assert_eq!(request.by, chrono::NaiveDate::from_ymd_opt(2026, 12, 14).expect("valid"));
}

/// An overdue appeal's originals confirmation said its deadline «истечёт раньше этой даты»
/// of a deadline that had passed weeks before.
#[test]
fn originals_for_an_overdue_appeal_say_the_deadline_has_passed() {
    let mut h = Harness::clerk();
    open_due(&mut h, "house-register-extract", "2026-11-16");
    h.keys("o<Space><C-s>");
    let screen = h.screen();
    assert!(screen.contains("Срок исполнения обращения (16.11.2026) уже истёк."), "{screen}");
    assert!(!screen.contains("истечёт"), "{screen}");
}

#[test]
fn the_originals_date_keeps_within_the_deadline_or_warns() {
    let mut h = Harness::clerk();
    // due on Saturday 12 December: the last working day before it, Friday 11 December, is offered
    let appeal = open_due(&mut h, "house-register-extract", "2026-12-12");
    h.keys("o");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the originals form") };
    assert_eq!(f.line(2), "11.12.2026");
    h.keys("<Esc>y");
    // a later day the clerk types is allowed, with a warning before it is sent
    h.keys("o<Space><Tab><Tab>");
    h.keys("<End>");
    for _ in 0.."11.12.2026".len() {
        h.keys("<Backspace>");
    }
    h.type_text("16.12.2026");
    h.keys("<C-s>");
    let screen = h.screen();
    assert!(screen.contains("Срок исполнения обращения (12.12.2026) истечёт раньше этой даты."), "{screen}");
    h.keys("y");
    let Status::OriginalsRequired(request) = h.appeal(appeal.id).status else { panic!("originals: {}", h.status()) };
    assert_eq!(request.by, chrono::NaiveDate::from_ymd_opt(2026, 12, 16).expect("valid"));
}

/// The originals queue showed each appeal's deadline and its state, so which appeals' originals
/// were overdue (and could be suspended) took opening every one.
#[test]
fn the_originals_queue_shows_the_day_they_are_due() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "preparation");
    h.keys("o<Space><C-s>y");
    let Status::OriginalsRequired(request) = h.appeal(appeal.id).status else { panic!("originals: {}", h.status()) };
    // the queue shows «2026-000123» of «ЭП-0412-2026-000123»
    let full = appeal.number.to_string();
    let number = full.splitn(3, '-').nth(2).expect("a year and a sequence").to_owned();
    let row = |h: &mut Harness| {
        h.keys("<Esc>3");
        let screen = h.screen();
        assert!(screen.contains("Оригиналы"), "the column's heading: {screen}");
        screen.lines().find(|l| l.contains(&number)).map(str::to_owned).unwrap_or_else(|| panic!("{screen}"))
    };
    let by = request.by.format("до %d.%m.%Y").to_string();
    assert!(row(&mut h).contains(&by), "{by}");
    h.advance(8);
    h.open_appeal(&appeal.number.to_string());
    h.keys("uy");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::Suspended, "{}", h.status());
    let line = row(&mut h);
    assert!(line.contains("не принесены") && !line.contains(&by), "{line}");
}

#[test]
fn originals_not_brought_suspend_and_then_close() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "preparation");
    h.keys("o<Space><C-s>y");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::OriginalsRequired);
    h.advance(8);
    h.keys("<F5>");
    h.keys("uy");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::Suspended);
    h.keys("cy");
    assert_eq!(h.appeal(appeal.id).status, Status::Closed);
}

#[test]
fn a_no_visit_certificate_is_issued_from_a_file_on_the_host() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("large-family-certificate", "issuing");
    h.keys("i");
    h.type_text("/nonexistent/file.pdf");
    h.keys("<Enter>");
    assert!(h.status().contains("Не удалось прочитать файл /nonexistent/file.pdf"), "{}", h.status());
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "the form comes back");
    // a file that is no document format, and a "PDF" that is not one, are refused before
    // anything is shown for confirmation
    let set_path = |h: &mut Harness, path: &std::path::Path| {
        let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!("the form") };
        let Input::Line(l) = &mut f.fields[0].input else { panic!() };
        l.set(&path.display().to_string());
    };
    let passwd = h.dir.path().join("passwd");
    std::fs::write(&passwd, b"root:x:0:0:root:/root:/bin/bash\n").expect("write");
    set_path(&mut h, &passwd);
    h.keys("<Enter>");
    assert!(h.status().starts_with("Файл «passwd» нельзя выдать как документ"), "{}", h.status());
    // a folder typed by mistake is said to be one, not «Файл «<folder>» нельзя выдать…»
    let folder = h.dir.path().join("scans");
    std::fs::create_dir(&folder).expect("mkdir");
    set_path(&mut h, &folder);
    h.keys("<Enter>");
    let said = h.status();
    assert!(said.starts_with(&format!("Не удалось прочитать файл {}:", folder.display())), "{said}");
    assert!(!said.contains("нельзя выдать как документ"), "{said}");
    let fake = h.dir.path().join("spravka.pdf");
    std::fs::write(&fake, b"not a pdf at all").expect("write");
    set_path(&mut h, &fake);
    h.keys("<Enter>");
    assert!(h.status().contains("не соответствует его расширению"), "{}", h.status());
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "the form comes back");
    assert_eq!(h.appeal(appeal.id).status, appeal.status, "nothing issued");
    let content = b"%PDF-1.4 udostoverenie".to_vec();
    let path = h.dir.path().join("udostoverenie.pdf");
    std::fs::write(&path, &content).expect("write");
    let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!() };
    let Input::Line(l) = &mut f.fields[0].input else { panic!() };
    l.set(&path.display().to_string());
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(screen.contains("application/pdf, 22 байт"), "{screen}");
    h.keys("y");
    let Status::IssuedElectronically(doc) = h.appeal(appeal.id).status else { panic!("issued: {}", h.status()) };
    assert_eq!(doc.file_name, "udostoverenie.pdf");
    let docs = appeals::documents(&mut h.conn(), appeal.id).expect("documents");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].media_type, "application/pdf");
    assert_eq!(docs[0].size, 22);
    let sha: String =
        sha2::Digest::finalize(sha2::Digest::chain_update(<sha2::Sha256 as sha2::Digest>::new(), &content))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
    assert_eq!(docs[0].sha256, sha);
    let screen = h.screen();
    assert!(screen.contains("Документ выдан в электронной форме"), "{screen}");
}

#[test]
fn a_consultation_is_answered_with_a_canned_text() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    // "office hours and address": the council's own, filled in; no greeting (the letter has one)
    h.keys("a<C-t><Down><Down><Enter>");
    h.type_text(" Справку о составе семьи выдадут в тот же день.");
    h.keys("<C-s>y");
    let Status::Answered { text } = h.appeal(appeal.id).status else { panic!("answered: {}", h.status()) };
    let district = h.app.session.as_ref().expect("session").district.clone();
    assert!(text.starts_with("Вы можете обратиться в «одно окно» управы района лично по адресу"), "{text}");
    assert!(text.contains(&district.council_address) && text.contains(&district.office_hours), "{text}");
    assert!(text.ends_with("выдадут в тот же день."), "{text}");
}

/// The answer form covers the appeal: the clerk wrote the answer without the question in view.
#[test]
fn the_answer_form_shows_what_was_asked() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    h.keys("a");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "{}", h.screen());
    let Some(FieldValue::Text(question)) = appeal.draft.fields.get("question") else { panic!("a question") };
    let start: String = question.chars().take(30).collect();
    let form = |screen: &str| screen.lines().filter(|l| l.contains('│')).collect::<Vec<_>>().join("\n");
    let screen = h.screen();
    assert!(form(&screen).contains(&format!("Вопрос: {start}")), "the question inside the form: {screen}");

    // and a question asked without a PIN, in its own answer form
    let mut h = Harness::clerk();
    h.keys("6");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Questions(rows) = &q.rows else { panic!("questions") };
    let id = rows[0].id;
    h.keys("<Enter>a");
    let (asked, _) = questions::get(&mut h.conn(), id).expect("get").expect("exists");
    let start: String = asked.text.chars().take(30).collect();
    let screen = h.screen();
    assert!(form(&screen).contains(&start), "{screen}");
}

/// Sending a canned answer as inserted sent its gap («[укажите организацию и её контакты]») or
/// its lead-in ending in a colon to the applicant.
#[test]
fn an_unfinished_canned_answer_is_refused() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    h.keys("a");
    assert!(h.screen().contains(&format!("Ответ по обращению № {}", appeal.number)), "{}", h.screen());
    // "not a matter for the council", as inserted
    h.keys("<C-t><Down><Enter><C-s>");
    assert_eq!(form_error(&h), "Ответ не дописан: замените [укажите организацию и её контакты] нужными сведениями.");
    // "on the merits", as inserted: the lead-in alone
    let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!("the form") };
    let Input::Text(area) = &mut f.fields[1].input else { panic!("the answer") };
    area.set("");
    h.keys("<C-t><Up><Enter><C-s>");
    assert_eq!(form_error(&h), "Ответ не дописан: он заканчивается двоеточием. Допишите текст после двоеточия.");
    h.type_text(" справку выдают в тот же день.");
    h.keys("<C-s>");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "a finished answer goes on: {}", form_error(&h));
    h.keys("y");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::Answered, "{}", h.status());
}

/// The confirmation of a message showed its first 70 characters, cut mid-word with no sign
/// of the cut («…в реестре она з»): the clerk could not read over what goes.
#[test]
fn a_message_is_shown_whole_before_it_goes() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::InProgress);
    h.open_appeal(&appeal.number.to_string());
    let text = "Уточните, пожалуйста, имя второй дочери: в реестре она записана как Есения, а в обращении — \
                Есеняи. Если это опечатка, ответьте на это сообщение.";
    h.keys("M");
    h.type_text(text);
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation") };
    assert_eq!(c.lines, [text]);
    let screen = h.screen();
    assert!(screen.contains("Есеняи. Если это опечатка"), "{screen}");
    // a long one is cut at a word, and says so
    let long = "Слово ".repeat(200);
    let shown = crate::tui::forms::preview(&long);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].ends_with("Слово …") && shown[0].chars().count() < 430, "{shown:?}");
}

#[test]
fn questions_are_searched_by_name_email_and_words() {
    let mut h = Harness::clerk();
    h.keys("6");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Questions(all) = &q.rows else { panic!("questions") };
    assert!(all.len() > 1, "the demo has several open questions");
    let target = all[all.len() / 2].clone();
    let surname = target.name.split(' ').next().expect("a name").to_owned();
    h.keys("/");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the search form") };
    assert!(format!("{f:?}").contains("слова из вопроса"), "the questions' search says what it looks in");
    h.type_text(&surname.to_uppercase());
    h.keys("<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Questions(rows) = &q.rows else { panic!() };
    assert!(rows.iter().any(|r| r.id == target.id), "{rows:?}");
    assert!(rows.iter().all(|r| r.name.to_lowercase().contains(&surname.to_lowercase())), "{rows:?}");
    h.keys("/");
    h.type_text(" нет-такого-слова");
    h.keys("<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert!(q.rows.is_empty());
    h.keys("s");
    assert!(h.status().contains("по дате"), "questions keep their order: {}", h.status());
}

#[test]
fn a_question_is_answered_and_its_view_audited() {
    let mut h = Harness::clerk();
    h.keys("6");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Questions(rows) = &q.rows else { panic!("questions") };
    let id = rows[0].id;
    h.keys("<Enter>");
    assert_eq!(h.audit_count("personal_data_viewed", &format!("question:{}", id.0)), 1);
    h.keys("a<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    assert!(f.error.is_some(), "an empty answer is refused");
    h.type_text("Приём у главы управы — по вторникам.");
    h.keys("<C-s>y");
    let (question, _) = questions::get(&mut h.conn(), id).expect("get").expect("exists");
    assert_eq!(question.status, QuestionStatus::Answered);
    assert_eq!(question.answer.as_deref(), Some("Приём у главы управы — по вторникам."));
    assert_eq!(h.status(), "Ответ на вопрос отправлен.");
    h.keys("a");
    assert!(h.status().contains("недоступно"));
}

/// The demo's open questions, oldest first, with one made overdue and one due today.
fn late_questions(
    h: &mut Harness,
) -> (ereception_core::domain::ids::QuestionId, ereception_core::domain::ids::QuestionId) {
    let rows = questions::open_queue(&mut h.conn(), &DistrictCode::new("0412"), None, None, 10).expect("queue");
    assert!(rows.len() >= 2, "the demo has two open questions: {rows:?}");
    let (late, today) = (rows[0].id, rows[1].id);
    h.sql(&format!("UPDATE questions SET due_on = '2026-11-30' WHERE id = {}", late.0));
    h.sql(&format!("UPDATE questions SET due_on = '2026-12-04' WHERE id = {}", today.0));
    (late, today)
}

/// The figure beside `label` on the dashboard's screen.
fn figure(screen: &str, label: &str) -> String {
    let cell = screen.split('│').find(|c| c.starts_with(label)).unwrap_or_else(|| panic!("{label}: {screen}"));
    cell.rsplit(' ').next().unwrap_or_default().to_owned()
}

#[test]
fn overdue_questions_show_on_the_dashboard_and_are_marked_in_their_queue() {
    let mut h = Harness::clerk();
    let screen = h.screen();
    assert_eq!(figure(&screen, "Вопросы: просрочено"), "0", "{screen}");
    late_questions(&mut h);
    h.keys("<F5>");
    let Screen::Dashboard(d) = &h.app.screen else { panic!("{}", h.screen()) };
    let counts = d.data.as_ref().expect("loaded").questions;
    assert_eq!((counts.overdue, counts.due_today), (1, 1));
    let screen = h.screen();
    assert_eq!(figure(&screen, "Вопросы: просрочено"), "1", "{screen}");
    assert_eq!(figure(&screen, "Вопросы: срок истекает сегодня"), "1", "{screen}");
    h.keys("6");
    let screen = h.screen();
    let marks: Vec<&str> = screen.lines().skip(4).take(2).map(|l| l.rsplit(' ').next().unwrap_or_default()).collect();
    assert_eq!(marks, ["!", "*"], "{screen}");
}

#[test]
fn the_question_screen_and_a_wide_queue_show_the_address_asked_about() {
    let mut h = Harness::clerk();
    let rows = questions::open_queue(&mut h.conn(), &DistrictCode::new("0412"), None, None, 10).expect("queue");
    let id = rows[0].id;
    h.sql(&format!("UPDATE questions SET address = 'ул. Новый Арбат, д. 12, наш двор' WHERE id = {}", id.0));
    h.keys("6<Enter>");
    assert!(matches!(&h.app.screen, Screen::Question(q) if q.data.question.id == id));
    let screen = h.screen();
    assert!(screen.contains("Адрес из вопроса: ул. Новый Арбат, д. 12, наш двор"), "{screen}");
    // the queue has a column for it only where the question's words keep their room
    h.keys("<Esc>");
    assert!(!h.screen().contains("наш двор"), "no room at 80 columns");
    h.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 24)).expect("terminal");
    h.app.size = (140, 24);
    let screen = h.screen();
    assert!(screen.lines().nth(3).is_some_and(|l| l.contains("Адрес")), "{screen}");
    assert!(screen.contains("ул. Новый Арбат, д. 12, наш…"), "{screen}");
}

#[test]
fn the_supervisors_view_lists_overdue_questions_after_the_appeals() {
    let mut h = Harness::supervisor();
    let (late, _) = late_questions(&mut h);
    h.keys("v");
    let Screen::Supervisor(s) = &h.app.screen else { panic!("{}", h.screen()) };
    assert_eq!(s.report.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec![late]);
    let screen = h.screen();
    assert!(screen.contains("вопросов без ПИН-кода: 1"), "{screen}");
    let row = screen.lines().find(|l| l.starts_with("вопрос без ПИН-кода")).unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains(&format!("№ {}", late.0)) && row.contains("4 дня"), "{row}");
    h.keys("<End>A");
    assert!(h.status().contains("не передаются"), "{}", h.status());
    assert!(h.app.dialog.is_none(), "no assignment form for a question");
    h.keys("<Enter>");
    assert!(matches!(&h.app.screen, Screen::Question(q) if q.data.question.id == late), "{}", h.screen());
}

#[test]
fn messages_taking_reassigning_and_one_extension() {
    let mut h = Harness::supervisor();
    let today = ereception_core::clock::moscow_date(now());
    // an open consultation (only its answer term is extended), not yet overdue
    let appeal = h.find(|a| {
        a.service.as_str() == "consultation"
            && a.status.kind().is_open()
            && a.status.kind() != StatusKind::Submitted
            && a.extension.is_none()
            && a.due >= today
    });
    h.open_appeal(&appeal.number.to_string());
    h.keys("M");
    h.type_text("Документы получены, ждите извещения.");
    h.keys("<C-s>y");
    let timeline = appeals::timeline(&mut h.conn(), appeal.id).expect("timeline");
    assert!(
        matches!(&timeline.last().expect("event").kind, EventKind::Message { text } if text == "Документы получены, ждите извещения.")
    );
    // nobody, then taken by the supervisor, then reassigned
    h.keys("A<Home><C-s>y");
    assert_eq!(h.appeal(appeal.id).assigned_clerk, None);
    h.keys("ty");
    let me = h.app.session.as_ref().expect("session").clerk.id;
    assert_eq!(h.appeal(appeal.id).assigned_clerk, Some(me));
    // the form names the appeal and starts at whoever has it now
    h.keys("A");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form") };
    assert!(f.title.contains(&appeal.number.to_string()), "{}", f.title);
    let Input::Choice(list) = &f.fields[0].input else { panic!("a choice") };
    let staff = h.app.session.as_ref().expect("session").staff.clone();
    let mine = staff.iter().position(|c| c.id == me).expect("in the staff") + 1;
    assert_eq!(list.selected, mine, "the current assignee is chosen");
    h.keys("<Home><Down><C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation") };
    assert!(c.title.contains(&appeal.number.to_string()), "{}", c.title);
    h.keys("y");
    assert_eq!(h.appeal(appeal.id).assigned_clerk, Some(staff[0].id));
    h.keys("d<Tab>");
    h.type_text("Нужен запрос в ГУ ИС.");
    h.keys("<BackTab><End><Backspace><Backspace>45<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    assert_eq!(f.error.as_deref(), Some("Укажите число дней от 1 до 30."));
    h.keys("<Backspace><Backspace>10<C-s>y");
    let after = h.appeal(appeal.id);
    let extension = after.extension.expect("extended");
    assert_eq!(extension.reason, "Нужен запрос в ГУ ИС.");
    assert!(after.due > appeal.due);
    h.keys("d");
    assert_eq!(h.status(), "Срок уже продлевался; продлить можно только один раз.");
}

#[test]
fn clerks_cannot_reassign_extend_or_see_the_supervisors_view() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.status.kind() == StatusKind::InProgress);
    h.open_appeal(&appeal.number.to_string());
    h.keys("A");
    assert!(h.app.dialog.is_none());
    assert_eq!(h.status(), "Это доступно только руководителю.");
    h.keys("d");
    assert!(h.app.dialog.is_none());
    assert_eq!(h.status(), "Это доступно только руководителю.");
    h.keys("v");
    assert_eq!(h.status(), "Это доступно только руководителю.");
    assert!(!h.screen().contains("Передать"), "not offered in the footer");
}

#[test]
fn the_supervisors_view_lists_overdue_work_and_reassigns() {
    let mut h = Harness::supervisor();
    h.keys("v");
    let Screen::Supervisor(s) = &h.app.screen else { panic!("{}", h.screen()) };
    assert!(s.report.total > 0);
    let first = s.report.appeals[0].id;
    h.keys("A<End><C-s>y");
    let staff = h.app.session.as_ref().expect("session").staff.clone();
    assert_eq!(h.appeal(first).assigned_clerk, Some(staff.last().expect("staff").id));
    let Screen::Supervisor(s) = &h.app.screen else { panic!("stays in the view") };
    assert!(
        s.report
            .appeals
            .iter()
            .any(|a| a.id == first && a.clerk.as_ref().map(|c| c.id) == Some(staff.last().expect("staff").id))
    );
    h.keys("<Enter>");
    assert!(matches!(&h.app.screen, Screen::Appeal(a) if a.data.appeal.id == first));
}

/// At 160 columns the overview cut the clerks' names at 20 characters beside a status column
/// of a hundred blanks.
#[test]
fn a_wide_supervisors_view_shows_whole_names() {
    let mut h = Harness::supervisor();
    h.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("terminal");
    update(&mut h.app, Action::Resize(160, 45));
    h.keys("v");
    let Screen::Supervisor(s) = &h.app.screen else { panic!("{}", h.screen()) };
    let names: Vec<String> =
        s.report.appeals.iter().filter_map(|a| a.clerk.as_ref().map(|c| c.full_name.clone())).collect();
    let longest = names.iter().max_by_key(|n| n.chars().count()).expect("an assigned overdue appeal").clone();
    assert!(longest.chars().count() > 20, "{longest}");
    let screen = h.screen();
    let rows = screen.lines().filter(|l| l.starts_with(&longest)).count();
    assert!(rows > 0, "{screen}");
}

#[test]
fn a_pin_is_issued_printed_through_the_pipe_and_then_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = dir.path().join("bytes");
    let mut h =
        Harness::with(Options { print_command: Some(format!("wc -c > {}", printed.display())), ..Options::default() });
    h.keys(&format!("clerk<Tab>{}<Enter>", super::harness::PASSWORD));
    let resident = h.resident(false);
    h.open_resident(&resident);
    assert_eq!(h.audit_count("personal_data_viewed", &format!("resident:{}", resident.id.0)), 1);
    h.keys("i");
    h.type_text("not-an-email");
    h.keys("<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    assert!(f.error.is_some(), "a bad address is refused");
    let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!() };
    let Input::Line(l) = &mut f.fields[0].input else { panic!() };
    l.set("Maria@Example.RU");
    h.keys("<Tab><Down><C-s>y");
    let Screen::Slip(slip) = &h.app.screen else { panic!("slip: {}", h.status()) };
    let text = slip.issued.slip.expose().to_owned();
    let pin = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|w| w.len() == 9 && w.as_bytes()[4] == b'-')
        .expect("the PIN on the slip")
        .to_owned();
    assert!(slip.printed, "printed at once");
    let bytes: usize = std::fs::read_to_string(&printed).expect("printed").trim().parse().expect("count");
    assert_eq!(bytes, text.len(), "the whole slip went down the pipe");
    let account = accounts::active_for_resident(&mut h.conn(), resident.id).expect("get").expect("issued");
    assert_eq!(account.email.as_deref(), Some("Maria@example.ru"));
    assert!(!account.email_confirmed);
    assert_eq!(account.lang, Lang::En);
    assert_eq!(account.desk, "окно 3");
    assert_eq!(h.audit_count("pin_issued", &format!("account:{}", account.id.0)), 1);
    assert!(!format!("{:?}", h.app).contains(&pin), "the PIN never shows in debug output");
    h.keys("p");
    assert_eq!(h.status(), "Листок отправлен на печать.");
    h.keys("<Esc>");
    assert!(matches!(h.app.screen, Screen::Resident(_)));
    assert!(!h.app.back.iter().any(|s| matches!(s, Screen::Slip(_))), "the slip is not kept");
    assert!(!h.screen().contains(&pin));
    assert_eq!(h.audit_count("personal_data_viewed", &format!("resident:{}", resident.id.0)), 1);
}

#[test]
fn a_pin_is_reissued_after_a_confirmation_or_revoked() {
    let mut h = Harness::clerk();
    let resident = h.resident(true);
    let old = accounts::active_for_resident(&mut h.conn(), resident.id).expect("get").expect("active");
    h.open_resident(&resident);
    h.keys("i");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "a re-issue asks first");
    h.keys("y<C-s>y");
    assert!(matches!(h.app.screen, Screen::Slip(_)), "{}", h.status());
    let new = accounts::active_for_resident(&mut h.conn(), resident.id).expect("get").expect("active");
    assert_ne!(new.id, old.id);
    assert!(accounts::get(&mut h.conn(), old.id).expect("get").expect("old").revoked);
    h.keys("<Esc>y");
    assert!(matches!(h.app.screen, Screen::Resident(_)), "{}", h.status());
    h.keys("x<C-s>y");
    assert!(accounts::active_for_resident(&mut h.conn(), resident.id).expect("get").is_none());
    assert!(h.status().contains("отозван"), "{}", h.status());
    h.keys("x");
    assert_eq!(h.status(), "Действующего ПИН-кода нет.");
}

#[test]
fn an_unprinted_slip_closes_or_quits_only_once_the_pin_is_kept() {
    let mut h = Harness::clerk();
    let resident = h.resident(false);
    h.open_resident(&resident);
    h.keys("i<C-s>y");
    let Screen::Slip(slip) = &h.app.screen else { panic!("slip: {}", h.status()) };
    assert!(!slip.printed, "no printer here");
    for key in ["<Esc>", "<C-q>", "<Enter>", "h"] {
        h.keys(key);
        let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("{key} asks first") };
        assert_eq!(c.title, "ПИН-код больше не будет показан. Вы напечатали или переписали его?");
        h.keys("n");
        assert!(h.app.dialog.is_none() && matches!(h.app.screen, Screen::Slip(_)), "{key}: the slip stays");
        assert!(!h.app.quit);
    }
    // «т» and «н» are n and y on the Russian layout
    h.keys("<C-q>т");
    assert!(matches!(h.app.screen, Screen::Slip(_)) && !h.app.quit);
    h.keys("<C-q>н");
    assert!(h.app.quit, "quits once the clerk says the PIN is kept");
}

#[test]
fn esc_asks_before_a_form_drops_what_was_typed() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "preparation");
    // untouched forms close at once
    for key in ["M", "x", "e", "d"] {
        h.keys(key);
        if matches!(h.app.dialog, Some(Dialog::Form(_))) {
            h.keys("<Esc>");
            assert!(h.app.dialog.is_none(), "{key}: an untouched form closes at once");
        }
    }
    h.keys("M");
    h.type_text("Принесите, пожалуйста, справку.");
    h.keys("<Esc>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("asks first") };
    assert_eq!(c.title, "Закрыть форму? Введённый текст будет потерян.");
    h.keys("n");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("back in the form") };
    assert_eq!(f.line(0), "Принесите, пожалуйста, справку.", "nothing lost");
    h.keys("<Esc>y");
    assert!(h.app.dialog.is_none(), "closed on yes");
    // a tick is a change too; the Russian layout answers as well
    h.keys("x<Space><Esc>");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "a ticked ground is not dropped silently");
    h.keys("т");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))));
    h.keys("<Esc>н");
    assert!(h.app.dialog.is_none());
    // a changed pre-filled line counts; restoring it does not
    h.keys("e<Tab><Tab>");
    h.keys("<Backspace>");
    h.keys("<Esc>");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "an edited date asks");
    h.keys("n");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    let typed = f.opened_with[2].chars().last().map(String::from).unwrap_or_default();
    h.type_text(&typed);
    h.keys("<Esc>");
    assert!(h.app.dialog.is_none(), "the form holds what it opened with");
}

#[test]
fn unavailable_keys_say_why_role_extension_or_last_stage() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "signing");
    for key in ["d", "A"] {
        h.keys(key);
        assert_eq!(h.status(), "Это доступно только руководителю.", "{key}");
    }
    h.keys("n");
    // the extract is collected in person: only the keys this service has are named
    assert_eq!(h.status(), "Это последний этап: отметьте готовность документа (e).");
    let mut h = Harness::supervisor();
    let extended = h.find(|a| a.extension.is_some() && a.status.kind().is_open());
    h.open_appeal(&extended.number.to_string());
    h.keys("d");
    assert_eq!(h.status(), "Срок уже продлевался; продлить можно только один раз.");
}

#[test]
fn help_marks_the_supervisors_keys() {
    let mut h = Harness::clerk();
    h.keys("1<Enter>?");
    let screen = h.screen();
    assert!(screen.contains("Передать обращение другому сотруднику (только для"), "{screen}");
    assert!(screen.contains("(только для руководителя)"), "{screen}");
    // only a consultation's 59-ФЗ term is extended: «Продлить срок» alone promised the service's
    assert!(screen.contains("Продлить срок ответа на консультацию (59-ФЗ) один раз"), "{screen}");
}

/// Replaces the text of line `field` in the open form.
fn set_line(h: &mut Harness, field: usize, text: &str) {
    let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!("a form: {}", h.status()) };
    let Input::Line(l) = &mut f.fields[field].input else { panic!("a line") };
    l.set(text);
}

fn form_error(h: &Harness) -> String {
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays") };
    f.error.clone().unwrap_or_default()
}

#[test]
fn visit_dates_are_checked_in_the_form_before_the_confirmation() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "signing");
    h.keys("e");
    set_line(&mut h, 2, "07.12.2030");
    h.keys("<C-s>");
    let last = ereception_core::clock::ProductionCalendar::embedded().expect("calendars").covered_years();
    let last = last.last().expect("a year");
    assert_eq!(
        form_error(&h),
        format!(
            "Производственного календаря на 2030 год нет: выберите дату не позднее 31.12.{last} или обратитесь к \
             администратору."
        )
    );
    // Saturday
    set_line(&mut h, 2, "12.12.2026");
    h.keys("<C-s>");
    assert_eq!(
        form_error(&h),
        "12.12.2026 — нерабочий день, управа закрыта. Выберите рабочий день, например 14.12.2026."
    );
    set_line(&mut h, 2, "14.12.2026");
    h.keys("<C-s>");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "a working day goes on to the confirmation");
}

/// At 80 columns the form's error used to be cut to one line, losing the working day it
/// suggests («…Выберите рабочий день, нап…»).
#[test]
fn a_long_form_error_is_wrapped_not_cut() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "signing");
    h.keys("e");
    // Saturday
    set_line(&mut h, 2, "12.12.2026");
    h.keys("<C-s>");
    let screen = h.screen();
    assert!(screen.contains("например 14.12.2026."), "{screen}");
    assert!(!screen.contains("нап…"), "{screen}");
    set_line(&mut h, 2, "07.12.2030");
    h.keys("<C-s>");
    let screen = h.screen();
    assert!(screen.contains("администратору."), "{screen}");
}

#[test]
fn an_extension_confirms_and_tells_the_new_date() {
    let mut h = Harness::supervisor();
    let calendar = ereception_core::clock::ProductionCalendar::embedded().expect("calendars");
    let today = ereception_core::clock::moscow_date(now());
    let appeal = h.find(|a| {
        a.service.as_str() == "consultation"
            && a.extension.is_none()
            && a.status.kind().is_open()
            && a.status.kind() != StatusKind::Submitted
            && a.due >= today
            && a.due.year() == 2026
    });
    // the number of days that ends on a Saturday: the deadline moves to a working day
    let days = (1..=30u16)
        .find(|d| (appeal.due + chrono::Duration::days(i64::from(*d))).weekday() == chrono::Weekday::Sat)
        .expect("a Saturday within 30 days");
    let to = calendar.extend(appeal.due, days).expect("extends");
    assert_ne!(to, appeal.due + chrono::Duration::days(i64::from(days)));
    let show = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    h.open_appeal(&appeal.number.to_string());
    h.keys("d");
    set_line(&mut h, 0, &days.to_string());
    h.keys("<Tab>");
    h.type_text("Запрошены сведения в ГУ ИС.");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.status()) };
    assert!(c.title.contains(&format!("до {}?", show(to))), "{}", c.title);
    assert!(c.lines.iter().any(|l| l.contains("нерабочий день")), "{:?}", c.lines);
    h.keys("y");
    assert_eq!(h.appeal(appeal.id).due, to);
    let timeline = appeals::timeline(&mut h.conn(), appeal.id).expect("timeline");
    let last = timeline.last().expect("an event");
    let entry = ereception_core::timeline::entry(last, Lang::Ru, &ereception_core::timeline::Audience::Applicant);
    assert!(entry.title.starts_with("Срок рассмотрения продлён до "), "{}", entry.title);
}

#[test]
fn the_greeting_and_the_resident_card_read_as_russian() {
    use ereception_core::domain::person::RegistrationKind;
    let mut h = Harness::clerk();
    assert_eq!(h.status(), "Здравствуйте, Анна Игоревна!");
    let resident = h.resident(false);
    h.open_resident(&resident);
    // a PIN without an e-mail address
    h.keys("i<C-s>y<Esc>y");
    let screen = h.screen();
    assert!(screen.contains("Электронная почта: не указана"), "{screen}");
    let kind = match resident.registration_kind {
        RegistrationKind::Permanent => "постоянная",
        RegistrationKind::Temporary => "временная",
        RegistrationKind::Contract => "по договору с собственником",
    };
    assert!(screen.contains(&format!("Регистрация: {kind}")), "{screen}");
    assert!(!screen.contains("регистрация:") && !screen.contains("Регистрация: постоянная регистрация"), "{screen}");
}

/// «Электронная почта: … (подтверждён)»: the label is feminine, the mark was masculine.
#[test]
fn a_confirmed_email_agrees_with_its_label() {
    let mut h = Harness::clerk();
    let resident = h.resident(true);
    h.sql(&format!(
        "UPDATE accounts SET email = 'r@example.ru', email_confirmed_at = '2026-12-01 10:00:00' \
         WHERE resident_id = {} AND revoked_at IS NULL",
        resident.id.0
    ));
    h.open_resident(&resident);
    let screen = h.screen();
    assert!(screen.contains("Электронная почта: r@example.ru (подтверждена)"), "{screen}");
    assert!(!screen.contains("Новая почта"), "{screen}");
}

/// A new address asked for in the private section shows on the card while its link waits: a
/// resident asking why letters still go to the old one is answered at the desk.
#[test]
fn a_change_of_address_waiting_for_its_link_shows_on_the_card() {
    use ereception_core::domain::question::EmailAddress;
    let mut h = Harness::clerk();
    let resident = h.resident(true);
    h.sql(&format!(
        "UPDATE accounts SET email = 'r@example.ru', email_confirmed_at = '2026-12-01 10:00:00' \
         WHERE resident_id = {} AND revoked_at IS NULL",
        resident.id.0
    ));
    let account = accounts::active_for_resident(&mut h.conn(), resident.id).expect("query").expect("a PIN");
    let new = EmailAddress::parse("r.new@example.ru").expect("valid");
    let changed =
        accounts::change_email(&mut h.conn(), account.id, &new, chrono::Utc::now() + chrono::Duration::hours(1))
            .expect("asked");
    assert_eq!(changed, accounts::EmailChange::Requested);
    h.open_resident(&resident);
    let screen = h.screen();
    assert!(screen.contains("Электронная почта: r@example.ru (подтверждена)"), "{screen}");
    assert!(
        screen.contains("Новая почта: r.new@example.ru (ждёт подтверждения; письма пока идут на прежнюю)"),
        "{screen}"
    );
}

#[test]
fn queues_page_by_keyset_and_keep_the_selection_when_new_appeals_arrive() {
    let mut h = Harness::clerk();
    let district = DistrictCode::new("0412");
    ereception_core::store::bulk::insert_appeals(&mut h.conn(), &district, 700, now()).expect("bulk");
    h.keys("1");
    let total_new = h.queue(Queue::New).len();
    assert!(total_new > 200, "{total_new}");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.rows.len(), crate::tui::app::PAGE);
    assert!(q.more);
    h.keys("<End><Down>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.page(), 2);
    assert_eq!(q.selected, 0);
    let second_first = q.rows.id(0);
    assert!(h.screen().contains("Стр. 2"));
    h.keys("<PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.page(), total_new.div_ceil(100), "paged to the end");
    assert!(!q.more);
    h.keys("g");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.page(), 1);
    h.keys("<End><Down><Up>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.page(), 1, "up from the top of page 2 returns to page 1");
    assert_eq!(q.selected, crate::tui::app::PAGE - 1);
    h.keys("<Down>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.rows.id(0), second_first);

    // newest first; a new appeal arrives at the top; the tick keeps the clerk on the same one
    h.keys("S<Down><Down><Down>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let chosen = q.rows.id(3).expect("row");
    assert_eq!(q.selected, 3);
    ereception_core::store::bulk::insert_appeals(&mut h.conn(), &district, 3, now() + chrono::Duration::hours(1))
        .expect("bulk");
    h.tick();
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.rows.id(q.selected), Some(chosen), "same appeal selected");
    assert_eq!(q.selected, 4, "one of the three new ones is new, in this queue");
}

#[test]
fn searching_sorting_and_filters() {
    let mut h = Harness::clerk();
    let all = h.queue(Queue::All);
    let target = &all[3];
    h.keys("8/");
    h.type_text(&target.number);
    h.keys("<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.rows.len(), 1);
    assert_eq!(q.rows.id(0), Some(target.id.0));
    let surname = target.applicant.split(' ').next().expect("surname").to_owned();
    h.keys("/<End>");
    for _ in 0..target.number.chars().count() {
        h.keys("<Backspace>");
    }
    h.type_text(&surname.to_lowercase());
    h.keys("<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Appeals(rows) = &q.rows else { panic!() };
    assert!(!rows.is_empty() && rows.iter().all(|r| r.applicant.starts_with(&surname)), "{rows:?}");
    h.keys("/<End>");
    for _ in 0..surname.chars().count() {
        h.keys("<Backspace>");
    }
    h.keys("<Enter>s");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.search, None, "an empty search shows everything");
    assert_eq!(q.sort, appeals::SortKey::Due);
    let Rows::Appeals(rows) = &q.rows else { panic!() };
    // by the date the column shows: registration's for an appeal not yet registered
    assert!(rows.windows(2).all(|w| w[0].shown_due() <= w[1].shown_due()), "sorted by deadline");
    h.keys("m");
    let me = h.app.session.as_ref().expect("session").clerk.id;
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let Rows::Appeals(rows) = &q.rows else { panic!() };
    assert!(!rows.is_empty() && rows.iter().all(|r| r.assigned_clerk == Some(me)));
    h.keys("m2f");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    let stage = q.stage.clone().expect("a stage");
    let Rows::Appeals(rows) = &q.rows else { panic!() };
    assert!(rows.iter().all(|r| r.stage.as_deref() == Some(stage.as_str())));
    h.keys("7");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.kind, QueueKind::Overdue);
    h.keys("<Tab><Tab>");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.kind, QueueKind::New, "tabs wrap around");
    h.keys("f");
    assert!(h.status().contains("«В работе»"));
}

#[test]
fn core_refusals_and_database_errors_reach_the_status_line() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&appeal.number.to_string());
    // another clerk registers it meanwhile
    let other = ereception_core::store::clerks::get_by_login(&mut h.conn(), "supervisor").expect("get").expect("clerk");
    appeals::decide(
        &mut h.conn(),
        appeal.id,
        ereception_core::domain::status::Command::Register { deadline: appeal.due },
        &appeals::DecisionBy::Clerk(other),
        ereception_core::clock::ProductionCalendar::embedded().expect("calendar"),
        now(),
    )
    .expect("registered elsewhere");
    // the confirmation was given on the outdated screen: refused, and the screen reloaded
    h.keys("ry");
    assert_eq!(h.status(), "Обращение уже изменено другим сотрудником или заявителем. Экран обновлён.");
    assert!(h.app.status.as_ref().is_some_and(|s| s.error));
    let screen = h.screen();
    assert!(screen.contains("Состояние: Зарегистрировано"), "{screen}");
    // "next stage" confirmed on a screen another clerk has moved on from moves it one stage, not two
    h.keys("ny");
    let stage_one = h.appeal(appeal.id).status;
    assert_eq!(stage_one.kind(), StatusKind::InProgress);
    let other = ereception_core::store::clerks::get_by_login(&mut h.conn(), "supervisor").expect("get").expect("clerk");
    appeals::decide(
        &mut h.conn(),
        appeal.id,
        ereception_core::domain::status::Command::NextStage,
        &appeals::DecisionBy::Clerk(other),
        ereception_core::clock::ProductionCalendar::embedded().expect("calendar"),
        now(),
    )
    .expect("moved on elsewhere");
    let stage_two = h.appeal(appeal.id).status;
    assert_ne!(stage_two, stage_one);
    h.keys("ny");
    assert!(h.app.status.as_ref().is_some_and(|s| s.error), "{}", h.status());
    assert_eq!(h.appeal(appeal.id).status, stage_two, "not moved on a second time");
    h.sql("ALTER TABLE questions RENAME TO questions_elsewhere");
    h.keys("h");
    assert!(h.status().contains("questions"), "the database's words: {}", h.status());
    assert!(h.app.status.as_ref().is_some_and(|s| s.error));
    assert!(!h.app.quit);
    h.keys("1");
    let Screen::Queue(q) = &h.app.screen else { panic!() };
    assert_eq!(q.kind, QueueKind::New, "and work goes on");
}

#[test]
fn undelivered_mail_is_on_the_dashboard_and_opens() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.status.kind().is_open());
    h.sql(&format!("UPDATE appeals SET email_failed = TRUE WHERE id = {}", appeal.id.0));
    h.keys("<F5>");
    let screen = h.screen();
    assert!(screen.contains(&appeal.number.to_string()), "{screen}");
    assert!(screen.contains("Недоставленные письма: 1"), "{screen}");
    h.keys("<Enter>");
    assert!(matches!(&h.app.screen, Screen::Appeal(a) if a.data.appeal.id == appeal.id));
    assert!(h.screen().contains("Письмо заявителю не доставлено."));
}

#[test]
fn a_key_map_file_rebinds_keys() {
    let keymap =
        Keymap::from_toml("[appeal]\nregister = \"f2\"\n", std::path::Path::new("keymap.toml")).expect("valid");
    let mut h = Harness::with(Options { keymap, ..Options::default() });
    h.keys(&format!("clerk<Tab>{}<Enter>", super::harness::PASSWORD));
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&appeal.number.to_string());
    h.keys("r");
    assert!(h.app.dialog.is_none(), "r is free now");
    assert!(h.screen().contains("F2 Регистрация"), "the footer follows the key map");
    h.keys("<F2>y");
    assert_eq!(h.appeal(appeal.id).status, Status::Registered);
}

#[test]
fn the_help_lists_every_binding_of_the_key_map() {
    let mut h = Harness::clerk();
    h.keys("1<Enter>?");
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&h.screen());
        h.keys("<PgDn>");
    }
    let keymap = Keymap::default();
    for scope in Scope::ALL.into_iter().filter(|s| *s != Scope::SignIn) {
        assert!(seen.contains(&scope.title(Lang::Ru)), "{scope}");
        for b in keymap.scope(scope) {
            let desc = ereception_core::i18n::tr(Lang::Ru, b.desc);
            let start: String = desc.chars().take(20).collect();
            assert!(seen.contains(&start), "{scope} {:?}: {desc}", b.command);
        }
    }
    h.keys("<Esc>");
    assert!(h.app.dialog.is_none());
}

#[test]
fn without_colour_nothing_is_coloured_and_selection_still_shows() {
    let mut h = Harness::with(Options { color: false, ..Options::default() });
    h.keys(&format!("clerk<Tab>{}<Enter>1", super::harness::PASSWORD));
    h.screen();
    let buffer = h.terminal.backend().buffer().clone();
    let mut reversed = 0;
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
        if cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed >= 80, "the selected row and the tab are in reverse video: {reversed}");
}

#[test]
fn small_terminals_do_not_break_drawing() {
    let mut h = Harness::clerk();
    for keys in ["", "1", "1<Enter>", "p", "<Esc>?"] {
        h.keys(keys);
        for (w, hgt) in [(80, 24), (60, 12), (30, 8), (10, 3)] {
            h.terminal.backend_mut().resize(w, hgt);
            let mut draw = |_: &crate::tui::app::App| {};
            crate::tui::dispatch(&mut h.app, &mut h.runner, Action::Resize(w, hgt), &mut draw);
            h.screen();
        }
        h.terminal.backend_mut().resize(80, 24);
        update(&mut h.app, Action::Resize(80, 24));
    }
}

#[test]
fn quitting_and_ticks_under_dialogs() {
    let mut h = Harness::clerk();
    h.keys("1/");
    assert!(update(&mut h.app, Action::Tick).is_none(), "no refresh while a dialog is open");
    h.keys("<Esc>");
    assert!(matches!(update(&mut h.app, Action::Tick), Some(crate::tui::action::Effect::Queue(_))));
    h.keys("q");
    assert!(!h.app.quit, "q is no quit key");
    h.keys("<C-q>");
    assert!(h.app.quit);
}

#[test]
fn assigned_names_show_in_the_appeal() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.assigned_clerk.is_some() && a.status.kind().is_open());
    h.open_appeal(&appeal.number.to_string());
    let name = ereception_core::store::clerks::get(&mut h.conn(), appeal.assigned_clerk.unwrap_or(ClerkId(0)))
        .expect("get")
        .expect("clerk")
        .full_name;
    assert!(h.screen().contains(&format!("Исполнитель: {name}")));
}

#[test]
fn the_applicant_is_shown_as_the_registry_writes_them_not_as_typed() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| {
        let resident = ereception_core::store::residents::get(&mut h.conn(), a.resident).expect("get").expect("exists");
        resident.name.full() != a.draft.identity.name.full()
    });
    let resident =
        ereception_core::store::residents::get(&mut h.conn(), appeal.resident).expect("get").expect("exists");
    h.open_appeal(&appeal.number.to_string());
    let screen = h.screen();
    assert!(screen.contains(&resident.name.full()), "the registry's name:\n{screen}");
    assert!(!screen.contains(&appeal.draft.identity.name.full()), "not the typed one:\n{screen}");
}

#[test]
fn a_ready_document_is_offered_for_the_next_working_day_and_the_applicant_as_registered() {
    let mut h = Harness::clerk();
    // Saturday 5 December 2026, 10:00 in Moscow: the council is closed until Monday
    h.advance(1);
    let appeal = h.find_in("house-register-extract", StatusKind::InProgress);
    h.open_appeal(&appeal.number.to_string());
    h.keys("e");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the ready form:\n{}", h.screen()) };
    assert_eq!(f.line(2), "07.12.2026", "Monday, not the Saturday");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation:\n{}", h.screen()) };
    assert!(c.lines[0].ends_with("; забрать можно с 07.12.2026"), "says from when: {:?}", c.lines);
    h.keys("<Esc><Esc>");
    let done = h.find_in("house-register-extract", StatusKind::Ready);
    let resident_done =
        ereception_core::store::residents::get(&mut h.conn(), done.resident).expect("get").expect("exists");
    h.open_appeal(&done.number.to_string());
    h.keys("w");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the hand-over form:\n{}", h.screen()) };
    assert_eq!(f.line(0), resident_done.name.full(), "collected by the applicant, as in the registry");
}

#[test]
fn a_clerk_disabled_meanwhile_is_signed_out_before_the_next_step() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "preparation");
    h.sql("UPDATE clerks SET disabled_at = '2026-12-04 07:30:00' WHERE login = 'clerk'");
    h.keys("ny");
    assert_eq!(h.appeal(appeal.id).status, appeal.status, "nothing done by a disabled account");
    assert!(h.app.session.is_none());
    let screen = h.screen();
    assert!(screen.contains("Ваша учётная запись заблокирована администратором"), "{screen}");
}

#[test]
fn a_supervisor_demoted_meanwhile_signs_in_again() {
    let mut h = Harness::supervisor();
    h.sql("UPDATE clerks SET role = 'clerk' WHERE login = 'supervisor'");
    h.keys("v");
    assert!(h.app.session.is_none());
    assert!(h.screen().contains("Администратор изменил вашу роль или район"), "{}", h.screen());
    h.keys(&format!("{}<Enter>", super::harness::SUPERVISOR_PASSWORD));
    let session = h.app.session.as_ref().expect("signed in again");
    assert!(!session.clerk.role.supervises(), "now a clerk");
    h.keys("v");
    assert!(h.status().contains("только руководителю"), "{}", h.status());
}

#[test]
fn only_a_consultations_term_is_extended_and_only_into_the_future() {
    let mut h = Harness::supervisor();
    let document = h.find_in("house-register-extract", StatusKind::InProgress);
    h.open_appeal(&document.number.to_string());
    h.keys("d");
    assert!(h.app.dialog.is_none());
    assert!(h.status().contains("Продлевается только срок ответа на консультацию"), "{}", h.status());
    // a consultation long overdue: a few days more would still be in the past
    let late = h.find(|a| {
        a.service.as_str() == "consultation"
            && a.status.kind().is_open()
            && a.status.kind() != StatusKind::Submitted
            && a.extension.is_none()
    });
    h.sql(&format!("UPDATE appeals SET due_on = '2026-11-02' WHERE id = {}", late.id.0));
    h.open_appeal(&late.number.to_string());
    h.keys("d");
    set_line(&mut h, 0, "5");
    h.keys("<Tab>");
    h.type_text("Запрошены сведения в ГУ ИС.");
    h.keys("<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays: {}", h.status()) };
    assert!(f.error.as_deref().is_some_and(|e| e.contains("уже наступил бы")), "{:?}", f.error);
    assert!(h.appeal(late.id).extension.is_none());
}

#[test]
fn a_pin_desk_search_is_recorded_with_the_residents_it_shows() {
    let mut h = Harness::clerk();
    let resident = h.resident(false);
    h.keys("p");
    h.type_text(&resident.name.surname);
    h.keys("<Enter>");
    assert_eq!(h.audit_count("personal_data_viewed", "residents:search"), 1);
    let rows = ereception_core::store::audit::list(
        &mut h.conn(),
        &ereception_core::store::audit::AuditFilter {
            subject: Some("residents:search".to_owned()),
            limit: 10,
            ..Default::default()
        },
    )
    .expect("audit");
    let details = &rows[0].details;
    assert!(details.contains(&format!("{}", resident.id.0)) && details.contains("\"via\":\"tui\""), "{details}");
    assert_eq!(rows[0].actor, "clerk");
}

#[test]
fn registering_an_appeal_with_unmatched_people_warns_in_the_confirmation() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.status.kind() == StatusKind::Submitted && a.check.needs_attention());
    h.open_appeal(&appeal.number.to_string());
    h.keys("r");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.status()) };
    assert!(c.lines.iter().any(|l| l.contains("не совпал") && l.contains("с реестром ГУ ИС")), "{:?}", c.lines);
    h.keys("n");
    let matched = h.find(|a| a.status.kind() == StatusKind::Submitted && !a.check.needs_attention());
    h.open_appeal(&matched.number.to_string());
    h.keys("r");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.status()) };
    assert!(!c.lines.iter().any(|l| l.contains("с реестром ГУ ИС")), "{:?}", c.lines);
}

/// Residents of a street of their own in the demo district: two households of house 17
/// корпус 2, one of house 17 itself, one of house 9 строение 1 with a long double surname
/// who holds a PIN. Returns the double-surnamed resident.
fn test_street(h: &Harness) -> ereception_core::domain::person::Resident {
    use ereception_core::domain::ids::RegistryId;
    use ereception_core::domain::person::{Address, FullName, RegistrationKind};
    use ereception_core::store::residents::{self, NewResident};
    let person = |id: &str, surname: &str, house: &str, building: Option<&str>, structure: Option<&str>, flat: &str| {
        NewResident::new(
            &RegistryId::new(id),
            &FullName {
                surname: surname.to_owned(),
                name: "Константин".to_owned(),
                patronymic: Some("Олегович".to_owned()),
            },
            chrono::NaiveDate::from_ymd_opt(1975, 5, 17).expect("valid"),
            &Address {
                district: DistrictCode::new("0412"),
                street: "ул. Испытателей".to_owned(),
                house: house.to_owned(),
                building: building.map(str::to_owned),
                structure: structure.map(str::to_owned),
                flat: Some(flat.to_owned()),
            },
            RegistrationKind::Permanent,
        )
    };
    residents::insert_batch(
        &mut h.conn(),
        &[
            person("T1", "Соловьев", "17", Some("2"), None, "5"),
            person("T2", "Соловьева", "17", Some("2"), None, "6"),
            person("T3", "Кузнецов", "17", None, None, "5"),
            person("T4", "Римский-Корсаков", "9", None, Some("1"), "3"),
        ],
    )
    .expect("residents");
    let long = residents::by_registry_id(&mut h.conn(), "T4").expect("query").expect("present");
    accounts::issue_pin(
        &mut h.conn(),
        &accounts::IssueRequest { resident: long.id, email: None, lang: Lang::Ru, replace: false },
        &accounts::Issuer {
            name: "Орлова А. И.".to_owned(),
            clerk: None,
            audit: ereception_core::domain::audit::AuditActor::clerk("clerk"),
            desk: "окно 3".to_owned(),
        },
        now(),
    )
    .expect("pin");
    long
}

/// The registry ids the PIN desk lists.
fn desk_results(h: &Harness) -> Vec<String> {
    let Screen::PinDesk(p) = &h.app.screen else { panic!("the PIN desk: {}", h.status()) };
    let mut ids: Vec<String> = p.results.iter().map(|r| r.resident.registry_id.to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn the_pin_desk_reads_building_and_structure_in_the_house_and_narrows_by_flat() {
    let mut h = Harness::clerk();
    test_street(&h);
    for house in ["17к2", "17 корп. 2", "17 к 2"] {
        h.keys("p<Tab><Tab><Tab>");
        h.type_text("Испытателей");
        h.keys("<Tab>");
        h.type_text(house);
        h.keys("<Enter>");
        assert_eq!(desk_results(&h), ["T1", "T2"], "{house}");
    }
    h.keys("/<Tab><Tab><Tab>");
    h.type_text("Испытателей");
    h.keys("<Tab>9 стр 1<Enter>");
    assert_eq!(desk_results(&h), ["T4"]);
    h.keys("/<Tab><Tab><Tab>");
    h.type_text("Испытателей");
    h.keys("<Tab>17<Enter>");
    assert_eq!(desk_results(&h), ["T1", "T2", "T3"], "a bare house: the whole building");
    h.keys("/<Tab><Tab><Tab>");
    h.type_text("Испытателей");
    h.keys("<Tab>17к2<Tab>5<Enter>");
    assert_eq!(desk_results(&h), ["T1"], "the flat narrows it to one household");
    h.keys("/<Tab><Tab><Tab>");
    h.type_text("Испытателей");
    h.keys("<Tab>17<Tab>5<Enter>");
    assert_eq!(desk_results(&h), ["T3"], "house 17 is not its корпус 2");
    // a flat alone says nothing: the form says what else it needs
    h.keys("/<Tab><Tab><Tab><Tab><Tab>5<Enter>");
    assert_eq!(form_error(&h), "Квартиру ищут вместе с улицей и домом.");
}

#[test]
fn a_new_search_starts_empty_and_ctrl_u_clears_a_field() {
    let mut h = Harness::clerk();
    test_street(&h);
    h.keys("p");
    h.type_text("Соловьев");
    h.keys("<Tab><Tab><Tab>");
    h.type_text("Испытателей");
    h.keys("<Enter>");
    assert_eq!(desk_results(&h), ["T1", "T2"]);
    // «/» is a new search: nothing of the last one is left to narrow it
    h.keys("/");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the search form") };
    assert!(f.values().iter().all(String::is_empty), "{:?}", f.values());
    h.type_text("Кузнецов");
    h.keys("<Enter>");
    assert!(h.screen().contains("Найдено: 1 (Кузнецов)"), "{}", h.screen());
    // Ctrl+U empties the field being typed into, and only it
    h.keys("/");
    h.type_text("Кузнецов");
    h.keys("<Tab>");
    h.type_text("Петр");
    h.keys("<C-u>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the search form") };
    assert_eq!(f.values()[..2], ["Кузнецов".to_owned(), String::new()]);
    h.keys("<Esc>");
    // the queue's search opens empty too, and Ctrl+U works there
    h.keys("h8/301<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!("a queue") };
    assert_eq!(q.search.as_deref(), Some("301"));
    h.keys("/");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the search form") };
    assert_eq!(f.values(), [String::new()]);
    h.keys("302<C-u><Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!("a queue") };
    assert_eq!(q.search, None, "cleared, then an empty search: everything");
    // and in the sign-in screen's fields
    let mut h = Harness::new();
    h.keys("someone<C-u>clerk<Tab>wrong<C-u>");
    h.type_text(super::harness::PASSWORD);
    h.keys("<Enter>");
    assert!(h.app.session.is_some(), "{}", h.screen());
    // (the help lists it: the_help_lists_every_binding_of_the_key_map)
}

#[test]
fn the_results_show_the_pin_and_whole_names_at_80_and_120_columns() {
    let mut h = Harness::clerk();
    test_street(&h);
    for (w, rows) in [(80, 24), (120, 30)] {
        h.terminal.backend_mut().resize(w, rows);
        update(&mut h.app, Action::Resize(w, rows));
        h.keys("p<Tab><Tab><Tab>");
        h.type_text("Испытателей");
        h.keys("<Enter>");
        let screen = h.screen();
        let line = |needle: &str| {
            screen.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}: {screen}")).to_owned()
        };
        assert!(line("Фамилия, имя, отчество").contains("ПИН"), "{screen}");
        let long = line("Римский-Корсаков");
        // 80 columns hold the whole address and the surname, with initials; 120 hold all
        let name = if w == 80 {
            "Римский-Корсаков К. О. "
        } else {
            "Римский-Корсаков Константин Олегович "
        };
        assert!(long.contains(name), "{name}at {w}: {screen}");
        assert!(long.contains(" есть "), "{long}");
        assert!(long.contains("ул. Испытателей, д. 9, стр. 1, кв. 3"), "the whole address at {w}: {screen}");
        assert!(line("Соловьева").contains(" нет ") && line("Соловьева").contains("корп. 2, кв. 6"), "{screen}");
    }
}

#[test]
fn a_double_surname_typed_as_one_word_is_found_at_the_desk() {
    let mut h = Harness::clerk();
    test_street(&h);
    h.keys("p");
    h.type_text("римскийкорсаков");
    h.keys("<Enter>");
    let Screen::PinDesk(p) = &h.app.screen else { panic!("the PIN desk") };
    assert!(p.results.iter().any(|r| r.resident.registry_id.to_string() == "T4"), "{}", h.screen());
    assert!(p.results.iter().all(|r| r.resident.name.surname == "Римский-Корсаков"), "{}", h.screen());
}

#[test]
fn a_slash_on_the_home_screen_searches_every_appeal() {
    let mut h = Harness::clerk();
    let appeal = h.find(|a| a.status.kind().is_final());
    h.keys("/");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "the search form: {}", h.screen());
    h.type_text(&appeal.number.to_string());
    h.keys("<Enter>");
    let Screen::Queue(q) = &h.app.screen else { panic!("a queue: {}", h.screen()) };
    assert_eq!(q.kind, QueueKind::All, "every appeal, closed ones too");
    assert_eq!(q.rows.len(), 1, "{}", h.screen());
    h.keys("<Enter>");
    assert!(matches!(&h.app.screen, Screen::Appeal(a) if a.data.appeal.id == appeal.id), "{}", h.screen());
}

#[test]
fn ctrl_u_in_a_text_field_clears_the_line_being_typed_only() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    h.keys("a");
    h.type_text("Первая строка ответа.");
    h.keys("<Enter>");
    h.type_text("Вторая, с опечаткой");
    h.keys("<C-u>");
    h.type_text("Вторая строка.");
    h.keys("<C-s>y");
    let Status::Answered { text } = h.appeal(appeal.id).status else { panic!("answered: {}", h.screen()) };
    assert_eq!(text, "Первая строка ответа.\nВторая строка.");
}

/// A decision's status line («Обращение зарегистрировано.» and whether a letter goes) was cut
/// at 80 columns in the middle of a word: the clerk never read where the applicant would see it.
#[test]
fn a_long_status_message_wraps_onto_a_second_row_at_80_columns() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    // no confirmed address: the status line says where the applicant will see it instead
    h.sql(&format!("UPDATE accounts SET email_confirmed_at = NULL WHERE id = {}", appeal.account.0));
    h.open_appeal(&appeal.number.to_string());
    h.keys("ry");
    let status = h.status();
    assert!(status.chars().count() > 80, "a message longer than a row: {status}");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines.len(), 24);
    let shown = format!("{} {}", lines[21].trim_end(), lines[22].trim_end());
    assert_eq!(shown, status, "{screen}");
    assert!(lines[23].contains("Справка"), "the footer stays: {screen}");
    // the next key clears the message, and the body has its row back
    h.keys("<Esc>");
    assert_eq!(h.app.chrome_rows(), crate::tui::app::CHROME_ROWS);
}

/// A two-row status line takes a row from a list: the chosen row stays in sight.
#[test]
fn the_chosen_row_stays_in_sight_above_a_two_row_status() {
    let mut h = Harness::clerk();
    h.keys("8<End>");
    let before = h.screen();
    let chosen = before.lines().nth(21).expect("the last row of the list").to_owned();
    h.app.info("Очень длинное сообщение. ".repeat(5));
    let screen = h.screen();
    assert!(screen.contains(chosen.trim_end()), "{chosen}\n{screen}");
}

/// The stage filter of «В работе» and the canned answers of an answer were only in the help:
/// the footer, where a clerk looks for keys, never named `f` or `Ctrl+T`.
#[test]
fn the_footer_names_the_stage_filter_and_the_canned_answers() {
    let mut h = Harness::clerk();
    h.keys("2");
    let footer = |h: &mut Harness| h.screen().lines().last().unwrap_or_default().to_owned();
    let queue = footer(&mut h);
    assert!(queue.contains("f Этап") && queue.contains("Esc Назад"), "{queue}");
    h.keys("1");
    assert!(!footer(&mut h).contains("f Этап"), "only in «В работе»");
    h.keys("6<Enter>a");
    let form = footer(&mut h);
    assert!(form.contains("Ctrl+T Готовые ответы") && form.contains("Esc Отмена"), "{form}");
}

/// A question's state was written in lower case («Состояние: ждёт ответа») where an appeal's
/// reads «Состояние: Подано…», and so was its row in the supervisor's list beside «Исполняется».
#[test]
fn a_questions_state_is_capitalised_as_an_appeals() {
    let mut h = Harness::clerk();
    h.keys("6<Enter>");
    let screen = h.screen();
    assert!(screen.contains("Состояние: Ждёт ответа"), "{screen}");
}

/// The questions queue takes `/` (by name, e-mail, address or words of the text), but its
/// footer left the key out, as it leaves out the sorting a question list does not have.
#[test]
fn the_questions_footer_offers_the_search_it_takes() {
    let mut h = Harness::clerk();
    h.keys("6");
    let screen = h.screen();
    let footer = screen.lines().last().unwrap_or_default();
    assert!(footer.starts_with("/ Поиск"), "{footer}");
    assert!(!footer.contains("s Порядок") && !footer.contains("m Мои"), "{footer}");
}

/// The questions' search label was cut at 80 columns («…слова из вопроса (пусто — показ…»):
/// a form's label is one line, so every field label of the key map's forms fits one.
#[test]
fn every_field_label_fits_a_form_at_80_columns() {
    for lang in Lang::ALL {
        let path = format!("{}/../core/locales/{}/tui.ftl", env!("CARGO_MANIFEST_DIR"), lang.code());
        let text = std::fs::read_to_string(&path).expect("tui.ftl");
        for line in text.lines().filter(|l| l.starts_with("tui-field-")) {
            let (key, label) = line.split_once(" = ").expect("a message");
            // the form is 76 wide at 80 columns: borders and «▸ » leave 72
            assert!(label.chars().count() <= 72, "{path}: {key} is {} long", label.chars().count());
        }
    }
}

/// Ctrl+Q and F10 quit «everywhere», but in an open form they did nothing at all: the clerk
/// at the day's end pressed them again and again. The form stays, typed text kept, and the
/// status line says how to close it.
#[test]
fn quitting_from_a_form_says_to_close_it_first() {
    let mut h = Harness::clerk();
    h.keys("2<Enter>M");
    h.type_text("Добрый день");
    for key in ["<C-q>", "<F10>"] {
        h.app.status = None;
        h.keys(key);
        let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays: {}", h.screen()) };
        assert_eq!(f.line(0), "Добрый день");
        assert_eq!(h.status(), "Чтобы выйти из программы, сначала закройте форму (Esc).");
        assert!(!h.app.quit, "{key}");
    }
}

/// A search at the PIN desk lists at most 200 residents, and said «Найдено: 200» when it had
/// matched a thousand: the clerk took the list for all there were.
#[test]
fn a_resident_search_past_the_list_says_there_are_more() {
    let mut h = Harness::clerk();
    h.keys("p");
    h.type_text("С");
    h.keys("<Enter>");
    let rows = crate::tui::forms::RESIDENT_ROWS;
    let Screen::PinDesk(p) = &h.app.screen else { panic!("{}", h.screen()) };
    assert_eq!(p.results.len(), usize::try_from(rows).expect("rows"));
    let screen = h.screen();
    let info = screen.lines().nth(2).unwrap_or_default();
    let expected = format!("Найдено больше {rows} (С): показаны первые {rows}, уточните поиск");
    assert_eq!(info.trim_end(), expected, "{screen}");
    // a narrower search says how many it found
    h.keys("/");
    h.type_text("Римский");
    h.keys("<Enter>");
    let Screen::PinDesk(p) = &h.app.screen else { panic!("{}", h.screen()) };
    let n = p.results.len();
    assert!(n > 0 && n < usize::try_from(rows).expect("rows"));
    assert!(h.screen().contains(&format!("Найдено: {n} (Римский)")), "{}", h.screen());
}

/// A refusal ground longer than the form («На этот вопрос вам уже неоднократно давались
/// ответы по существу, но…») could not be read before it was ticked: the ground under the
/// cursor is shown whole beneath the form.
#[test]
fn a_long_ground_under_the_cursor_is_shown_whole() {
    let mut h = Harness::clerk();
    let appeal = h.find_in("consultation", StatusKind::InProgress);
    let service = ereception_core::store::catalogue::get(&mut h.conn(), "consultation").expect("get").expect("service");
    let (i, long) = service
        .provide_grounds
        .iter()
        .enumerate()
        .map(|(i, g)| (i, g.text.get(Lang::Ru).to_owned()))
        .find(|(_, t)| t.chars().count() > 70)
        .expect("a long ground");
    h.open_appeal(&appeal.number.to_string());
    h.keys("x");
    for _ in 0..i {
        h.keys("<Down>");
    }
    let screen = h.screen();
    // the form's rows, between its borders
    let inside = |l: &str| -> String {
        let parts: Vec<&str> = l.split('│').collect();
        if parts.len() >= 3 { parts[1].trim().to_owned() } else { String::new() }
    };
    let shown: String = screen.lines().map(inside).collect::<Vec<_>>().join(" ");
    assert!(shown.contains(&long), "{long}\n{screen}");
}

/// A confirmation taller than the screen (every ground ticked, each with its remedy, and a
/// long explanation) lost its last line, «y Да   n, Esc Нет», below the screen's edge.
#[test]
fn a_tall_confirmation_keeps_its_keys_in_sight() {
    let mut h = Harness::clerk();
    // a laptop's terminal, a little shorter than 24 rows
    h.terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 20)).expect("terminal");
    update(&mut h.app, Action::Resize(80, 20));
    let appeal = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&appeal.number.to_string());
    h.keys("x<Space><Down><Space><Down><Space><Tab>");
    for _ in 0..8 {
        h.type_text("Пожалуйста, приложите скан паспорта и укажите номер квартиры полностью.");
        h.keys("<Enter>");
    }
    h.keys("<C-s>");
    let screen = h.screen();
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "{screen}");
    assert!(screen.contains("y Да   n, Esc Нет"), "{screen}");
}

/// A form of one field (the queue's search, a message, a revocation) offered «Tab След. поле»
/// in its footer, a key that goes nowhere there.
#[test]
fn a_one_field_form_offers_no_next_field() {
    let mut h = Harness::clerk();
    h.keys("1/");
    let footer = |h: &mut Harness| h.screen().lines().last().unwrap_or_default().to_owned();
    let search = footer(&mut h);
    assert!(search.contains("Ctrl+S Найти") && !search.contains("Tab"), "{search}");
    h.keys("<Esc>p");
    assert!(footer(&mut h).contains("Tab След. поле"), "the PIN desk's search has six fields");
}

/// A form's footer said «Ctrl+S Отправить» whatever the form did: a search, a reassignment
/// and a PIN went nowhere, and no letter followed. Each says what sending it does.
#[test]
fn a_forms_footer_names_what_sending_it_does() {
    let mut h = Harness::supervisor();
    let footer = |h: &mut Harness| h.screen().lines().last().unwrap_or_default().to_owned();
    h.keys("p");
    assert!(footer(&mut h).starts_with("Ctrl+S Найти"), "{}", footer(&mut h));
    h.keys("<Esc>h1<Enter>M");
    assert!(footer(&mut h).starts_with("Ctrl+S Отправить"), "a message is sent: {}", footer(&mut h));
    h.keys("<Esc>A");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "{}", h.screen());
    assert!(footer(&mut h).starts_with("Ctrl+S Назначить"), "{}", footer(&mut h));
    h.keys("<Esc>");
    let resident = h.resident(false);
    h.open_resident(&resident);
    h.keys("i");
    assert!(matches!(h.app.dialog, Some(Dialog::Form(_))), "{}", h.screen());
    assert!(footer(&mut h).starts_with("Ctrl+S Выдать"), "{}", footer(&mut h));
}

/// «Заполните поле «Предъявленный документ…»» left the cursor in «Кто получил»: the clerk
/// typed the passport into the name. The empty field takes the cursor.
#[test]
fn an_empty_required_field_takes_the_cursor() {
    let mut h = Harness::clerk();
    let ready = h.find_in("house-register-extract", StatusKind::Ready);
    h.open_appeal(&ready.number.to_string());
    h.keys("w<C-s>");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays: {}", h.screen()) };
    assert!(f.error.as_deref().is_some_and(|e| e.contains("Предъявленный документ")), "{:?}", f.error);
    assert_eq!(f.focus, 1, "the cursor is in the empty field");
    h.type_text("паспорт 45 12 345678");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!() };
    assert_eq!(f.line(1), "паспорт 45 12 345678");
}

/// A field holds at most 20 000 characters; past that, typing (or a paste, which comes as
/// typing) went nowhere without a word, and the clerk sent a text cut short unawares.
#[test]
fn a_full_field_says_so_when_typed_into() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    h.keys("a");
    // a text area counts its line breaks too: one line and a character short of full
    let full = "я".repeat(crate::tui::editor::MAX_FIELD_CHARS - 2);
    let Some(Dialog::Form(f)) = &mut h.app.dialog else { panic!("the form") };
    let Input::Text(area) = &mut f.fields[1].input else { panic!("the answer") };
    area.set(&full);
    h.type_text("ю");
    assert_eq!(form_error(&h), "", "the last character that fits is taken quietly");
    h.type_text("ь");
    assert_eq!(form_error(&h), "Поле «Текст ответа» заполнено: больше 20\u{a0}000 символов в него не войдёт.");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays") };
    assert_eq!(f.line(1), format!("{full}ю"), "what was typed is kept, the key past it is not");
    // taking a character out makes room again, and the notice goes
    h.keys("<Backspace>");
    assert_eq!(form_error(&h), "");
}

/// «31.02.2026» was answered «не дата. Введите дату как ДД.ММ.ГГГГ» — as typed, it is one.
#[test]
fn a_date_that_does_not_exist_is_called_so() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "signing");
    h.keys("e");
    set_line(&mut h, 2, "31.02.2027");
    h.keys("<C-s>");
    assert_eq!(form_error(&h), "Даты «31.02.2027» нет в календаре: проверьте день и месяц.");
    set_line(&mut h, 2, "14.12.1826");
    h.keys("<C-s>");
    assert_eq!(form_error(&h), "«14.12.1826»: проверьте год.");
    set_line(&mut h, 2, "завтра");
    h.keys("<C-s>");
    assert_eq!(form_error(&h), "«завтра» — не дата. Введите дату как ДД.ММ.ГГГГ.");
}

/// The revocation's confirmation showed the reason bare («утерян листок с ПИН-кодом»), and the
/// hand-over's the two values typed, with nothing saying what they were.
#[test]
fn confirmations_label_what_was_typed() {
    let mut h = Harness::clerk();
    let resident = h.resident(true);
    h.open_resident(&resident);
    h.keys("x<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation") };
    assert_eq!(c.lines, ["Причина: утерян листок с ПИН-кодом"]);
    let mut h = Harness::clerk();
    let appeal = h.find_in("house-register-extract", StatusKind::Ready);
    h.open_appeal(&appeal.number.to_string());
    h.keys("w");
    set_line(&mut h, 1, "паспорт 45 10 123456");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", form_error(&h)) };
    assert_eq!(c.lines[1], "Предъявленный документ: паспорт 45 10 123456");
    assert!(c.lines[0].starts_with("Кто получил: "), "{:?}", c.lines);
}

/// «Только мои» over a queue with none of the clerk's said «Очередь пуста», as if the queue
/// held nothing at all; it now says which filter emptied it and how to lift it.
#[test]
fn a_queue_emptied_by_a_filter_says_so() {
    let mut h = Harness::clerk();
    h.keys("1m");
    let Screen::Queue(q) = &h.app.screen else { panic!("a queue") };
    assert!(q.mine && q.rows.is_empty(), "new appeals are nobody's yet");
    let screen = h.screen();
    assert!(screen.contains("Ваших обращений в этой очереди нет. m — показать все."), "{screen}");
    assert!(!screen.contains("Очередь пуста"), "{screen}");
    h.keys("m");
    assert!(!h.screen().contains("Ваших обращений"), "{}", h.screen());
}

/// Pasted into «Что взять с собой» (the last, one-line field), «паспорт⏎доверенность» came as
/// keys: the line break submitted the form, and the «н» of «доверенность» said «да» to the
/// confirmation — the document was marked ready and the applicant mailed, unasked.
#[test]
fn a_paste_types_text_and_presses_no_keys() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "signing");
    h.keys("e<Tab><Tab><Tab><C-u>");
    h.paste("паспорт\r\nдоверенность");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the form stays open: {}", h.status()) };
    assert_eq!(f.line(3), "паспорт доверенность", "a line takes a line break as a space");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::InProgress, "nothing was decided");
    // in a text of several lines the break stays
    h.keys("<Esc>y");
    h.keys("M");
    h.paste("Первая строка.\r\nВторая строка: нужен ответ.");
    let Some(Dialog::Form(f)) = &h.app.dialog else { panic!("the message form") };
    assert_eq!(f.line(0), "Первая строка.\nВторая строка: нужен ответ.");
    // outside a field a paste is no command either
    h.keys("<Esc>y");
    assert!(h.app.dialog.is_none());
    h.paste("xyn");
    assert!(h.app.dialog.is_none(), "no refusal form opened by the «x» of a paste");
}

/// «Заполните поле «Текст ответа»» stayed on the form after a canned answer filled the field;
/// typing takes an error away, and so does inserting.
#[test]
fn inserting_a_canned_answer_takes_the_empty_field_error_away() {
    let mut h = Harness::clerk();
    let appeal = h.answerable_consultation();
    h.open_appeal(&appeal.number.to_string());
    h.keys("a<C-s>");
    assert_eq!(form_error(&h), "Заполните поле «Текст ответа».");
    h.keys("<C-t><Enter>");
    assert_eq!(form_error(&h), "");
    assert!(!h.screen().contains("Заполните поле"), "{}", h.screen());
}

/// The ready queue said «Документ готов» on every row, and the consultations queue named the
/// one consultation service on every row, cutting the stage beside it. The ready queue shows
/// the day pickup starts; the consultations queue gives the service's room to the stage.
#[test]
fn queues_show_what_differs_between_their_rows() {
    let mut h = Harness::clerk();
    let ready = h.find(|a| a.status.kind() == StatusKind::Ready);
    let Status::Ready(pickup) = &ready.status else { panic!("ready") };
    let from = format!("с {}", pickup.from.format("%d.%m.%Y"));
    h.keys("4");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[3].contains("Выдача") && !lines[3].contains("Состояние"), "{screen}");
    let number = ready.number.to_string();
    let short = number.rsplitn(3, '-').take(2).collect::<Vec<_>>();
    let row = lines.iter().find(|l| l.starts_with(&format!("{}-{}", short[1], short[0]))).expect("its row");
    assert!(row.contains(&from) && !row.contains("Документ готов"), "{row}");
    // the day takes the room it needs, and the service the rest
    assert!(row.contains(&format!("{from} {}", ready.due.format("%d.%m.%Y"))), "{row}");
    h.keys("5");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert!(!lines[3].contains("Услуга") && lines[3].contains("Состояние"), "{screen}");
    assert!(!screen.contains("Консультация специалиста"), "{screen}");
    assert!(screen.contains("Рассмотрение вопроса специалистом "), "the stage is not cut: {screen}");
}

/// A hand-over before the day the letter said pickup starts: the clerk is warned (the document
/// may not be at the desk yet) and may still go ahead.
#[test]
fn a_hand_over_before_the_pickup_day_is_warned_of() {
    let mut h = Harness::clerk();
    let appeal = h.open_at_stage("house-register-extract", "registry-request");
    h.keys("nynye<Tab><Tab><C-u>");
    h.type_text("07.12.2026");
    h.keys("<C-s>y");
    let Status::Ready(pickup) = h.appeal(appeal.id).status else { panic!("ready: {}", h.status()) };
    assert_eq!(pickup.from, chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"));
    h.keys("w<C-s>");
    h.type_text("паспорт 45 00 123456");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.screen()) };
    let warning = "Внимание: выдача назначена с 07.12.2026, сегодня раньше этого дня. Убедитесь, что документ готов.";
    assert!(c.lines.iter().any(|l| l == warning), "{:?}", c.lines);
    h.keys("y");
    assert_eq!(h.appeal(appeal.id).status.kind(), StatusKind::Issued, "{}", h.status());
}

/// A document whose pickup day has come is handed over with no warning.
#[test]
fn a_hand_over_on_or_after_the_pickup_day_warns_of_nothing() {
    let mut h = Harness::clerk();
    let today = ereception_core::clock::moscow_date(now());
    let ready = h.find(|a| matches!(&a.status, Status::Ready(p) if p.from <= today));
    h.open_appeal(&ready.number.to_string());
    h.keys("w<C-s>");
    h.type_text("паспорт 45 00 123456");
    h.keys("<C-s>");
    let Some(Dialog::Confirm(c)) = &h.app.dialog else { panic!("a confirmation: {}", h.screen()) };
    assert!(!c.lines.iter().any(|l| l.contains("Внимание")), "{:?}", c.lines);
}

/// A number typed into a queue's search and Enter pressed at once, before the search's page
/// came back (a slow database, two busy cores), opened the row the unfiltered list had at the
/// top: another resident's appeal. Enter on rows of a query no longer in force now waits for
/// the new rows and opens the one found.
#[test]
fn enter_before_a_search_comes_back_opens_the_appeal_found() {
    use crate::tui::keymap::Command;
    use crate::tui::runner::Runner;
    let mut h = Harness::clerk();
    h.keys("1");
    let rows = h.queue(Queue::New);
    let (top, wanted) = (rows[0].id, rows[3].clone());
    h.keys("/");
    h.type_text(&wanted.number);
    // the search is sent; its page is not back yet
    let Some(search) = update(&mut h.app, Action::Key(Command::Accept)) else { panic!("a queue request") };
    let opened = update(&mut h.app, Action::Key(Command::Open));
    assert!(opened.is_none(), "not the stale top row ({top:?}): {opened:?}");
    let page = h.runner.run(search);
    match update(&mut h.app, page) {
        Some(crate::tui::action::Effect::OpenAppeal { id, .. }) => assert_eq!(id, wanted.id),
        other => panic!("the appeal found is opened: {other:?}"),
    }
    // another key in between takes the Enter back
    h.keys("<Esc>1/");
    h.type_text(&wanted.number);
    let Some(search) = update(&mut h.app, Action::Key(Command::Accept)) else { panic!("a queue request") };
    assert!(update(&mut h.app, Action::Key(Command::Open)).is_none());
    assert!(update(&mut h.app, Action::Key(Command::Down)).is_none());
    let page = h.runner.run(search);
    assert!(update(&mut h.app, page).is_none(), "Down took the Enter back");
}
