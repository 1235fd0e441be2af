//! The idle lock (152-ФЗ): a desk screen of residents' data does not stay readable while the
//! clerk is away, and the clerk's password brings back exactly what was there.

use chrono::Duration;
use ereception_core::domain::status::StatusKind;

use super::harness::{Harness, Options, PASSWORD};
use crate::assert_screen;
use crate::tui::action::Action;
use crate::tui::app::{Dialog, Screen};
use crate::tui::update::update;

fn locking(minutes: i64) -> Harness {
    let mut h = Harness::with(Options { lock_after: Some(Duration::minutes(minutes)), ..Options::default() });
    h.keys(&format!("clerk<Tab>{PASSWORD}<Enter>"));
    assert!(h.app.session.is_some(), "{}", h.screen());
    h
}

/// An appeal open with a message half typed in its form.
fn half_typed(h: &mut Harness) -> (String, &'static str) {
    let appeal = h.find_in("house-register-extract", StatusKind::InProgress);
    let number = appeal.number.to_string();
    h.open_appeal(&number);
    let text = "Уточните, пожалуйста, имя второй доче";
    h.keys("M");
    h.type_text(text);
    (number, text)
}

#[test]
fn an_idle_terminal_locks_hiding_everything_and_the_password_brings_it_all_back() {
    let mut h = locking(10);
    let (number, text) = half_typed(&mut h);
    let before = h.screen();
    assert!(before.contains(&number) && before.contains(text), "{before}");
    h.advance_minutes(9);
    h.tick();
    assert!(h.app.lock.is_none(), "nine minutes are not ten");
    h.advance_minutes(1);
    h.tick();
    assert!(h.app.lock.is_some(), "locked after ten idle minutes");
    let screen = h.screen();
    assert!(!screen.contains(&number) && !screen.contains("Уточните"), "nothing of the appeal shows: {screen}");
    assert_screen!("lock_idle", h);
    assert_eq!(h.audit_count("clerk_screen_locked", "clerk:clerk"), 1);

    // keys reach only the lock screen: the form beneath gets no typing
    h.keys("x<Enter>");
    assert!(h.screen().contains("Неверный пароль. Осталось 4 попытки до блокировки входа."), "{}", h.screen());
    assert_eq!(h.audit_count("clerk_sign_in_failed", "clerk:clerk"), 1, "a wrong password is a failed sign-in");
    assert!(h.app.lock.is_some());
    h.keys(&format!("{PASSWORD}<Enter>"));
    assert!(h.app.lock.is_none(), "{}", h.screen());
    assert_eq!(h.audit_count("clerk_screen_unlocked", "clerk:clerk"), 1);
    let below_clock = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(below_clock(&h.screen()), below_clock(&before), "the same screen, form and text as before");
    let Some(Dialog::Form(form)) = &h.app.dialog else { panic!("the form is still open") };
    assert_eq!(form.line(0), text);
    // and the work goes on: the form sends
    h.keys("<C-s>");
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm(_))), "{}", h.screen());
}

#[test]
fn pressing_keys_keeps_the_terminal_unlocked_and_zero_means_never() {
    let mut h = locking(10);
    h.keys("1");
    for _ in 0..6 {
        h.advance_minutes(5);
        h.keys("<Down>");
        h.tick();
    }
    assert!(h.app.lock.is_none(), "half an hour of work with a key every five minutes");
    let mut h = Harness::clerk();
    h.advance(1);
    h.tick();
    assert!(h.app.lock.is_none(), "no lock configured");
}

/// Ticks arrive only between effects in the real loop; the guard keeps it so if one ever
/// arrives while an effect is under way.
#[test]
fn the_lock_waits_for_a_running_effect() {
    let mut h = locking(10);
    h.advance_minutes(30);
    h.app.busy = true;
    assert!(update(&mut h.app, Action::Tick).is_none());
    assert!(h.app.lock.is_none());
    h.app.busy = false;
    h.tick();
    assert!(h.app.lock.is_some());
}

#[test]
fn the_lock_key_works_in_a_form_and_the_lock_survives_a_resize() {
    let mut h = locking(10);
    let (_, text) = half_typed(&mut h);
    h.keys("<F12>");
    let Some(lock) = &h.app.lock else { panic!("locked by the key: {}", h.screen()) };
    assert_eq!(lock.idle_minutes, None);
    assert_eq!(h.audit_count("clerk_screen_locked", "clerk:clerk"), 1);
    assert!(h.screen().contains("Вы заблокировали экран в 10:00."), "{}", h.screen());
    h.press(crossterm::event::KeyCode::F(12), crossterm::event::KeyModifiers::NONE);
    assert_eq!(h.audit_count("clerk_screen_locked", "clerk:clerk"), 1, "a locked terminal does not lock again");
    h.terminal.backend_mut().resize(100, 30);
    update(&mut h.app, Action::Resize(100, 30));
    assert!(h.app.lock.is_some());
    let screen = h.screen();
    assert!(screen.contains("Экран заблокирован") && !screen.contains("Уточните"), "{screen}");
    h.keys(&format!("{PASSWORD}<Enter>"));
    let Some(Dialog::Form(form)) = &h.app.dialog else { panic!("the form is back") };
    assert_eq!(form.line(0), text);
}

/// At 80 columns the home screen's own keys fill the footer before it; wider, it shows.
#[test]
fn the_lock_key_is_in_the_footer_and_the_help() {
    let mut h = Harness::clerk();
    h.terminal.backend_mut().resize(120, 30);
    update(&mut h.app, Action::Resize(120, 30));
    let screen = h.screen();
    assert!(screen.contains("F12 Блокировка"), "{screen}");
    h.keys("?");
    let mut all = String::new();
    for _ in 0..10 {
        all.push_str(&h.screen());
        h.keys("<PgDn>");
    }
    assert!(all.contains("Заблокировать экран сейчас"), "{all}");
}

#[test]
fn ending_the_session_from_the_lock_asks_first_when_text_would_be_lost() {
    let mut h = locking(10);
    half_typed(&mut h);
    h.keys("<F12><C-l>");
    assert!(h.app.lock.as_ref().is_some_and(|l| l.confirm_end));
    assert!(h.screen().contains("Завершить сеанс? Несохранённый текст будет потерян."), "{}", h.screen());
    h.keys("n");
    assert!(h.app.lock.as_ref().is_some_and(|l| !l.confirm_end), "back to the password");
    assert!(h.app.session.is_some());
    h.keys("<C-l>y");
    assert!(h.app.lock.is_none() && h.app.session.is_none() && h.app.dialog.is_none());
    let Screen::SignIn(s) = &h.app.screen else { panic!("the sign-in screen: {}", h.screen()) };
    assert_eq!(s.login.text(), "clerk");
    assert!(h.screen().contains("Сеанс завершён."), "{}", h.screen());
    assert_eq!(h.audit_count("clerk_signed_out", "clerk:clerk"), 1);
    // with nothing typed, no question
    let mut h = locking(10);
    h.keys("1<F12><C-l>");
    assert!(h.app.session.is_none() && h.app.lock.is_none(), "{}", h.screen());
}

#[test]
fn a_locked_out_account_says_so_on_the_lock_screen() {
    let mut h = locking(10);
    h.keys("<F12>");
    for _ in 0..5 {
        h.keys("wrong<Enter>");
    }
    let screen = h.screen();
    assert!(screen.contains("Вход заблокирован до 10:15 (мск)."), "{screen}");
    h.keys(&format!("{PASSWORD}<Enter>"));
    assert!(h.app.lock.is_some(), "locked out even with the right password");
    assert_eq!(h.audit_count("clerk_sign_in_failed", "clerk:clerk"), 5);
}

#[test]
fn an_account_disabled_while_locked_ends_the_session() {
    let mut h = locking(10);
    h.keys("1<F12>");
    h.sql("UPDATE clerks SET disabled_at = '2026-12-04 07:30:00' WHERE login = 'clerk'");
    h.keys(&format!("{PASSWORD}<Enter>"));
    assert!(h.app.lock.is_none() && h.app.session.is_none(), "{}", h.screen());
    assert!(matches!(h.app.screen, Screen::SignIn(_)));
}

/// The PIN is shown once: ending the session from the lock over an unkept slip asks first.
#[test]
fn an_unkept_pin_slip_under_the_lock_is_not_dropped_without_asking() {
    let mut h = locking(10);
    let resident = h.resident(false);
    h.open_resident(&resident);
    h.keys("i<C-s>y");
    assert!(matches!(h.app.screen, Screen::Slip(_)), "{}", h.screen());
    h.keys("<F12>");
    assert!(!h.screen().contains("ПИН-код:"), "the slip is hidden: {}", h.screen());
    h.keys("<C-l>");
    assert!(h.screen().contains("Листок с ПИН-кодом больше не будет показан"), "{}", h.screen());
    h.keys("n");
    h.keys(&format!("{PASSWORD}<Enter>"));
    assert!(matches!(h.app.screen, Screen::Slip(_)), "the slip is back: {}", h.screen());
}

#[test]
fn the_idle_minutes_read_as_russian() {
    let idle = |n: u32| {
        ereception_core::i18n::tr_args(
            ereception_core::i18n::Lang::Ru,
            "tui-lock-idle",
            &[("time", "10:00".into()), ("n", ereception_core::i18n::Arg::from(n))],
        )
    };
    assert_eq!(idle(1), "Заблокировано в 10:00 после 1 минуты без действий.");
    assert_eq!(idle(2), "Заблокировано в 10:00 после 2 минут без действий.");
    assert_eq!(idle(10), "Заблокировано в 10:00 после 10 минут без действий.");
    assert_eq!(idle(21), "Заблокировано в 10:00 после 21 минуты без действий.");
}

#[test]
fn a_queue_reads_what_changed_while_it_was_locked_at_once() {
    let mut h = locking(10);
    h.keys("1");
    let first = h.queue(ereception_core::store::appeals::Queue::New)[0].clone();
    // the queue shows «2026-000072» of «ЭП-0412-2026-000072»
    let number = first.number.to_string();
    let shown: String = number.chars().skip(number.chars().count() - 11).collect();
    let row = |h: &mut Harness| h.screen().lines().find(|l| l.contains(&shown)).map(str::to_owned);
    let marked = |h: &mut Harness| row(h).is_some_and(|l| l.contains('@'));
    assert!(row(&mut h).is_some() && !first.email_failed && !marked(&mut h), "{}", h.screen());
    h.keys("<F12>");
    // meanwhile the appeal's letter fails; no tick comes before the clerk unlocks
    h.sql(&format!("UPDATE appeals SET email_failed = TRUE WHERE id = {}", first.id.0));
    h.keys(&format!("{PASSWORD}<Enter>"));
    assert!(h.app.lock.is_none());
    assert!(marked(&mut h), "the queue is read again on unlocking: {}", h.screen());
}
