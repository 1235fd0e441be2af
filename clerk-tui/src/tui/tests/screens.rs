//! Snapshots of every screen and dialog at 80×24.

use ereception_core::domain::status::StatusKind;
use ereception_core::store::appeals::Queue;

use super::harness::{Harness, Options, PASSWORD};
use crate::assert_screen;

#[test]
fn sign_in() {
    let mut h = Harness::new();
    assert_screen!("sign_in", h);
    h.keys("clerk<Tab>wrong-password<Enter>");
    assert_screen!("sign_in_failed", h);
}

#[test]
fn dashboard() {
    let mut h = Harness::clerk();
    assert_screen!("dashboard", h);
}

#[test]
fn queues() {
    let mut h = Harness::clerk();
    h.keys("1");
    assert_screen!("queue_new", h);
    h.keys("2");
    assert_screen!("queue_in_progress", h);
    h.keys("3");
    assert_screen!("queue_originals", h);
    h.keys("6");
    assert_screen!("queue_questions", h);
    h.keys("8/");
    assert_screen!("queue_search", h);
    let surname = h.queue(Queue::All)[0].applicant.split(' ').next().expect("surname").to_owned();
    h.type_text(&surname);
    h.keys("<Enter>");
    assert_screen!("queue_search_results", h);
}

#[test]
fn appeal_and_its_decisions() {
    let mut h = Harness::clerk();
    let new = h.find_in("house-register-extract", StatusKind::Submitted);
    h.open_appeal(&new.number.to_string());
    assert_screen!("appeal_new", h);
    h.keys("<End>");
    assert_screen!("appeal_new_end", h);
    h.keys("r");
    assert_screen!("confirm_register", h);
    h.keys("n");
    h.keys("x");
    assert_screen!("refuse_form", h);
    h.keys("<Space>");
    assert_screen!("refuse_form_ticked", h);
    h.keys("<C-s>");
    assert_screen!("refuse_confirm", h);
    // back to the ticked form; closing it asks, since a ground was ticked
    h.keys("n<Esc>y");
    h.keys("M");
    assert_screen!("message_form", h);
}

#[test]
fn forms_of_work_in_progress() {
    let mut h = Harness::clerk();
    h.open_at_stage("house-register-extract", "signing");
    assert_screen!("appeal_in_progress", h);
    h.keys("o");
    assert_screen!("originals_form", h);
    h.keys("<Esc>e");
    assert_screen!("ready_form", h);
    let ready = h.find_in("house-register-extract", StatusKind::Ready);
    h.keys("<Esc>");
    h.open_appeal(&ready.number.to_string());
    h.keys("w");
    assert_screen!("hand_over_form", h);
}

#[test]
fn electronic_issue_and_answers() {
    let mut h = Harness::clerk();
    h.open_at_stage("large-family-certificate", "issuing");
    h.keys("i");
    assert_screen!("issue_document_form", h);
    let path = h.dir.path().join("udostoverenie.pdf");
    std::fs::write(&path, b"%PDF-1.4 test").expect("write");
    h.type_text(&path.display().to_string());
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(screen.contains("udostoverenie.pdf"), "{screen}");
    let consultation = h.answerable_consultation();
    // back to the form, then close it, dropping the typed path
    h.keys("<Esc><Esc>y");
    h.open_appeal(&consultation.number.to_string());
    h.keys("a");
    assert_screen!("answer_form", h);
    h.keys("<C-t><Enter>");
    assert_screen!("answer_form_canned", h);
}

#[test]
fn question() {
    let mut h = Harness::clerk();
    // the demo's first question, about «our yard», with the address it was asked about
    h.sql("UPDATE questions SET address = 'ул. Новый Арбат, д. 12' WHERE id = 3");
    h.keys("6<Enter>");
    assert_screen!("question", h);
    h.keys("a");
    assert_screen!("question_answer_form", h);
}

#[test]
fn pin_desk() {
    let mut h = Harness::clerk();
    let resident = h.resident(false);
    h.keys("p");
    assert_screen!("pin_desk_search", h);
    h.type_text(&resident.name.surname);
    h.keys("<Enter>");
    assert_screen!("pin_desk_results", h);
    h.keys("<Esc>");
    h.open_resident(&resident);
    assert_screen!("resident_without_pin", h);
    h.keys("i");
    assert_screen!("issue_pin_form", h);
    h.type_text("resident@example.ru");
    h.keys("<C-s>");
    assert_screen!("issue_pin_confirm", h);
    h.keys("y");
    assert_screen!("slip", h);
    h.keys("<Esc>");
    assert_screen!("slip_close_confirm", h);
    h.keys("y");
    assert_screen!("resident_with_pin", h);
    h.keys("x");
    assert_screen!("revoke_form", h);
    h.keys("<Esc>i");
    assert_screen!("reissue_confirm", h);
}

#[test]
fn supervisor() {
    let mut h = Harness::new();
    h.keys(&format!("supervisor<Tab>{}<Enter>", super::harness::SUPERVISOR_PASSWORD));
    h.keys("v");
    // every «name — count» whole on its line: «Смирнов Олег Викторович / — 2» read as two
    let screen = h.screen();
    assert!(!screen.lines().any(|l| l.starts_with('—')), "{screen}");
    assert_screen!("supervisor", h);
    h.keys("A");
    assert_screen!("assign_form", h);
    h.keys("<Esc><Enter>d");
    assert_screen!("extend_refused_for_a_document", h);
    // a consultation's answer term is the one that is extended
    let today = ereception_core::clock::moscow_date(super::harness::now());
    let consultation = h.find(|a| {
        a.service.as_str() == "consultation"
            && a.status.kind() == StatusKind::Registered
            && a.extension.is_none()
            && a.due >= today
    });
    h.open_appeal(&consultation.number.to_string());
    h.keys("d");
    assert_screen!("extend_form", h);
}

#[test]
fn help() {
    let mut h = Harness::clerk();
    h.keys("?");
    assert_screen!("help", h);
    h.keys("<Esc>1<Enter>?");
    assert_screen!("help_appeal", h);
}

#[test]
fn english() {
    let mut h = Harness::with(Options { lang: ereception_core::i18n::Lang::En, ..Options::default() });
    h.keys(&format!("clerk<Tab>{PASSWORD}<Enter>"));
    assert_screen!("dashboard_en", h);
    h.keys("1<Enter>");
    assert_screen!("appeal_en", h);
}
