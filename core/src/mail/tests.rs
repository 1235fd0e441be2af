//! Delivery through a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::deliver::{
    Deliverer, DeliverySettings, MailTransport, OutageBackoff, SmtpSecurity, TransportConfig, describe_failure,
};
use super::testing::{ReceivedMail, SmtpSink, World, file, many_messages, world};
use crate::clock::ProductionCalendar;
use crate::domain::audit::AuditActor;
use crate::domain::ids::{AppealId, GroundCode, OriginalCode};
use crate::domain::question::EmailAddress;
use crate::domain::status::{Command, Pickup};
use crate::i18n::Lang;
use crate::store::accounts::{self, IssuePinOutcome, IssueRequest, Issuer};
use crate::store::appeals::{self, DecisionBy};
use crate::store::count_rows;
use crate::store::outbox::{self, RetryPolicy};
use crate::store::testing::{TestBackend, TestDb};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).single().expect("valid")
}

fn cal() -> &'static ProductionCalendar {
    ProductionCalendar::embedded().expect("valid")
}

fn decide(db: &TestDb, w: &World, id: AppealId, command: Command) {
    appeals::decide(
        &mut db.store.conn().expect("conn"),
        id,
        command,
        &DecisionBy::Clerk(w.clerk.clone()),
        cal(),
        now(),
    )
    .expect("decided");
}

fn settings(worker: &str) -> DeliverySettings {
    DeliverySettings {
        from: "Электронная приёмная <no-reply@arbat.example>".parse().expect("mailbox"),
        public_base_url: "https://priem.example".to_owned(),
        batch: 50,
        lease: Duration::seconds(60),
        retry: RetryPolicy {
            max_attempts: 3,
            base: Duration::milliseconds(1),
            max: Duration::milliseconds(5),
            jitter: 0.0,
        },
        outage: OutageBackoff { first: Duration::milliseconds(1), max: Duration::milliseconds(5) },
        idle_poll: StdDuration::from_millis(10),
        worker_id: worker.to_owned(),
    }
}

fn smtp(port: u16) -> MailTransport {
    smtp_as(port, None)
}

/// An SMTP transport that signs in as `priem` with `password`.
fn smtp_as(port: u16, password: Option<&str>) -> MailTransport {
    MailTransport::new(&TransportConfig::Smtp {
        host: "127.0.0.1".to_owned(),
        port,
        security: SmtpSecurity::None,
        user: password.map(|_| "priem".to_owned()),
        password: password.map(str::to_owned),
        pool_size: 2,
        timeout: StdDuration::from_secs(5),
    })
    .expect("transport")
}

/// Runs passes until nothing is due (or `max_passes`), returning how many were sent.
fn drain(d: &Deliverer, at: DateTime<Utc>, max_passes: usize) -> usize {
    let mut sent = 0;
    for _ in 0..max_passes {
        let stats = d.run_pass(at).expect("pass");
        sent += stats.sent;
        if stats.claimed == 0 {
            break;
        }
    }
    sent
}

fn on_each_backend(test: &str, body: impl Fn(&TestDb, &SmtpSink)) {
    let Some(sink) = SmtpSink::start(test, None) else { return };
    for backend in [TestBackend::Sqlite, TestBackend::Postgres] {
        if let Some(db) = TestDb::on(backend, test).expect("database") {
            body(&db, &sink);
        }
    }
}

fn by_subject<'a>(mails: &'a [ReceivedMail], needle: &str) -> &'a ReceivedMail {
    mails.iter().find(|m| m.subject().contains(needle)).unwrap_or_else(|| {
        panic!("no mail with {needle:?} in {:?}", mails.iter().map(ReceivedMail::subject).collect::<Vec<_>>())
    })
}

#[test]
fn every_event_of_an_appeal_arrives_by_smtp_with_both_parts() {
    on_each_backend("every_event_arrives", |db, sink| {
        let already = sink.received().len();
        let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
        let id = file(&db.store, &w, "house-register-extract", &[("f-purpose", "notary"), ("f-copies", "1")], now());
        decide(db, &w, id, Command::Register { deadline: NaiveDate::MIN });
        decide(db, &w, id, Command::NextStage);
        decide(
            db,
            &w,
            id,
            Command::RequestOriginals {
                originals: vec![OriginalCode::new("passport")],
                place: "окно 3".to_owned(),
                by: NaiveDate::from_ymd_opt(2026, 12, 11).expect("valid"),
            },
        );
        decide(db, &w, id, Command::OriginalsReceived);
        appeals::send_message(
            &mut db.store.conn().expect("conn"),
            id,
            &w.clerk,
            "Приходите <script>alert(1)</script> & берите паспорт",
            now(),
        )
        .expect("message");
        decide(
            db,
            &w,
            id,
            Command::MarkReady {
                pickup: Pickup {
                    place: "ул. Новый Арбат, д. 36/9, окно 3".to_owned(),
                    hours: "пн–чт 9:00–18:00".to_owned(),
                    from: NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid"),
                    bring: "паспорт".to_owned(),
                },
            },
        );
        decide(
            db,
            &w,
            id,
            Command::HandOver {
                collected_by: "Иванова М. П.".to_owned(), id_document: "паспорт".to_owned()
            },
        );
        let refused = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
        decide(
            db,
            &w,
            refused,
            Command::RefuseToRegister {
                grounds: vec![GroundCode::new("no-question")],
                explanation: "Сформулируйте вопрос.".to_owned(),
            },
        );
        let d = Deliverer::new(db.store.clone(), smtp(sink.port), settings("w1"));
        let sent = drain(&d, now(), 10);
        // confirmation + filed, registered, stage, originals requested, originals received,
        // message, ready, handed over + filed, refused
        assert_eq!(sent, 11);
        let mails = sink.wait_for(already + 11, StdDuration::from_secs(10));
        let mails = &mails[already..];
        assert_eq!(mails.len(), 11);
        let number =
            appeals::get(&mut db.store.conn().expect("conn"), id).expect("query").expect("present").number.to_string();
        let registered = by_subject(mails, "зарегистрировано");
        assert!(registered.subject().contains(&number), "{}", registered.subject());
        assert!(registered.header("from").is_some_and(|f| f.contains("no-reply@arbat.example")));
        assert_eq!(registered.header("to"), Some("maria@example.invalid"));
        assert!(registered.message_id().ends_with("@arbat.example>"), "{}", registered.message_id());
        assert!(registered.header("date").is_some());
        // sent by a program: auto-responders must not answer it to the council's mailbox
        assert_eq!(registered.header("auto-submitted"), Some("auto-generated"));
        assert_eq!(registered.header("x-auto-response-suppress"), Some("OOF, AutoReply"));
        assert!(
            registered.raw_headers.contains("=?utf-8?"),
            "the Cyrillic subject is encoded: {}",
            registered.raw_headers
        );
        let text = registered.text.as_deref().expect("text part");
        let html = registered.html.as_deref().expect("HTML part");
        for part in [text, html] {
            assert!(part.contains(&number), "{part}");
            assert!(part.contains("Выписка из домовой книги"), "{part}");
            assert!(part.contains(&format!("https://priem.example/appeals/{}", id.0)), "{part}");
            assert!(part.contains("Мария Петровна"), "{part}");
        }
        let received = by_subject(mails, "оригиналы получены");
        assert!(
            received.text.as_deref().is_some_and(|t| t.contains("Спасибо, оригиналы документов получены")
                && t.contains("Мария Петровна")
                && t.contains(&number)),
            "{:?}",
            received.text
        );
        let originals = by_subject(mails, "нужны оригиналы");
        assert!(
            originals.text.as_deref().is_some_and(|t| t.contains("паспорт заявителя")
                && t.contains("окно 3")
                && t.contains("11 декабря 2026"))
        );
        let message = mails
            .iter()
            .find(|m| m.html.as_deref().is_some_and(|h| h.contains("&lt;script&gt;")))
            .expect("the message mail");
        assert!(!message.html.as_deref().unwrap_or_default().contains("<script>"), "typed text is escaped in HTML");
        assert!(
            message.text.as_deref().is_some_and(|t| t.contains("<script>alert(1)</script> & берите")),
            "and kept verbatim in text"
        );
        let refusal = by_subject(mails, "отказ в регистрации");
        let t = refusal.text.as_deref().unwrap_or_default();
        assert!(
            t.contains("В обращении не содержится вопроса")
                && t.contains("Подайте обращение повторно")
                && t.contains("Сформулируйте вопрос"),
            "{t}"
        );
        let ready = by_subject(mails, "готов");
        assert!(ready.text.as_deref().is_some_and(|t| t.contains("7 декабря 2026") && t.contains("окно 3")));
        let ids: HashSet<&str> = mails.iter().map(ReceivedMail::message_id).collect();
        assert_eq!(ids.len(), mails.len(), "one Message-ID per message");
        assert_eq!(outbox::counts(&mut db.store.conn().expect("conn"), now()).expect("counts").sent, 11);
    });
}

#[test]
fn a_confirmation_link_arrives_and_confirms_the_address() {
    on_each_backend("confirmation_link", |db, sink| {
        let already = sink.received().len();
        let w = world(&db.store, None, Lang::En, now());
        let c = &mut *db.store.conn().expect("conn");
        let issued = accounts::issue_pin(
            c,
            &IssueRequest {
                resident: w.account.resident,
                email: EmailAddress::parse("john@example.invalid"),
                lang: Lang::En,
                replace: true,
            },
            &Issuer { name: "x".to_owned(), clerk: None, audit: AuditActor::os_user("t"), desk: "cli".to_owned() },
            now(),
        )
        .expect("issued");
        let IssuePinOutcome::Issued(issued) = issued else { panic!("issued") };
        let d = Deliverer::new(db.store.clone(), smtp(sink.port), settings("w1"));
        assert_eq!(drain(&d, now(), 3), 1);
        let mails = sink.wait_for(already + 1, StdDuration::from_secs(10));
        let mail = mails.last().expect("one mail");
        let text = mail.text.as_deref().unwrap_or_default();
        let link_start = text.find("https://priem.example/confirm/").expect("the link");
        let token: String = text[link_start + "https://priem.example/confirm/".len()..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert_eq!(Some(token.as_str()), issued.confirmation.as_deref());
        assert!(!text.contains("Ivanova") && !text.contains("Иванова"), "no personal data before confirmation: {text}");
        assert_eq!(
            accounts::confirm(c, &token, now()).expect("ok"),
            accounts::ConfirmOutcome::AccountConfirmed(issued.account.id)
        );
        let stored: Vec<Option<String>> =
            crate::store::schema::outbox::table.select(crate::store::schema::outbox::link_token).load(c).expect("rows");
        use diesel::prelude::*;
        assert!(stored.iter().all(Option::is_none), "the token is not kept once sent");
    });
}

#[test]
fn permanent_and_transient_failures_flag_the_appeal() {
    on_each_backend("failures_flag", |db, sink| {
        let w = world(&db.store, Some("reject@example.invalid"), Lang::Ru, now());
        let id = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
        let d = Deliverer::new(db.store.clone(), smtp(sink.port), settings("w1"));
        let stats = d.run_pass(now()).expect("pass");
        assert_eq!((stats.sent, stats.failed), (0, 2), "550 fails at once (the confirmation link and the filing)");
        let c = &mut *db.store.conn().expect("conn");
        assert!(appeals::get(c, id).expect("query").expect("present").email_failed);
        let entry = outbox::list(c, Some("failed"), 10).expect("list").pop().expect("failed entry");
        assert!(entry.last_error.as_deref().is_some_and(|e| e.contains("550")), "{entry:?}");
        assert_eq!(entry.attempts, 1);
        drop(entry);

        let db2 = TestDb::sqlite().expect("db");
        let w2 = world(&db2.store, Some("tempfail@example.invalid"), Lang::Ru, now());
        let id2 = file(&db2.store, &w2, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
        let d2 = Deliverer::new(db2.store.clone(), smtp(sink.port), settings("w2"));
        let first = d2.run_pass(now()).expect("pass");
        assert_eq!(first.retried, 2, "451 is retried");
        let later = now() + Duration::seconds(1);
        d2.run_pass(later).expect("pass");
        let last = d2.run_pass(later + Duration::seconds(1)).expect("pass");
        assert_eq!(last.failed, 2, "failed after the last of 3 attempts");
        assert!(appeals::get(&mut db2.store.conn().expect("conn"), id2).expect("query").expect("present").email_failed);
    });
}

#[test]
fn a_thousand_events_wait_out_an_outage_and_arrive_once() {
    let test = "outage";
    let Some(sink) = SmtpSink::start(test, None) else { return };
    let port = sink.port;
    sink.stop();
    let db = TestDb::sqlite().expect("db");
    let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
    let id = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
    many_messages(&db.store, &w, id, 998, now());
    let total = count_rows(&mut db.store.conn().expect("conn"), "outbox").expect("count");
    assert_eq!(total, 1000, "confirmation + filed + 998 messages");
    let d = Deliverer::new(db.store.clone(), smtp(port), settings("w1"));
    // many more passes than the policy's 3 attempts: a refused connection costs none
    for pass in 0..8 {
        let stats = d.run_pass(now() + Duration::seconds(pass)).expect("pass");
        assert_eq!((stats.sent, stats.retried, stats.failed), (0, 0, 0), "{stats:?}");
        assert_eq!(stats.released, stats.claimed, "the whole batch goes back untried: {stats:?}");
        assert!(stats.claimed > 0 && stats.outage.is_some(), "{stats:?}");
    }
    let c = &mut *db.store.conn().expect("conn");
    let counts = outbox::counts(c, now()).expect("counts");
    assert_eq!((counts.pending, counts.failed), (1000, 0), "nothing is lost or failed while the server is down");
    let tried = outbox::list(c, None, 1000).expect("list");
    assert!(tried.iter().all(|e| e.attempts == 0), "no attempt is counted against a message");
    let noted = tried.iter().find(|e| e.last_error.is_some()).expect("the outage is noted on the messages tried");
    assert!(noted.last_error.as_deref().is_some_and(|e| e.contains("onnection")), "{noted:?}");
    assert!(!appeals::get(c, id).expect("query").expect("present").email_failed, "no letter is flagged");
    let sink = SmtpSink::start(test, Some(port)).expect("the server comes back");
    let started = std::time::Instant::now();
    let sent = drain(&d, now() + Duration::minutes(10), 100);
    eprintln!("delivered {sent} in {:?}", started.elapsed());
    assert_eq!(sent, 1000);
    let mails = sink.wait_for(1000, StdDuration::from_secs(30));
    assert_eq!(mails.len(), 1000);
    let ids: HashSet<&str> = mails.iter().map(ReceivedMail::message_id).collect();
    assert_eq!(ids.len(), 1000, "none twice under the same Message-ID");
}

/// The outbox's error column says a refused connection in the reader's language and keeps
/// lettre's own text after it.
#[test]
fn a_refused_connection_is_noted_in_words_with_the_original_after_them() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let db = TestDb::sqlite().expect("db");
    let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
    file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
    let stats = Deliverer::new(db.store.clone(), smtp(port), settings("w1")).run_pass(now()).expect("pass");
    assert!(stats.outage.is_some(), "{stats:?}");
    let entries = outbox::list(&mut db.store.conn().expect("conn"), None, 10).expect("list");
    let stored = entries.iter().find_map(|e| e.last_error.clone()).expect("the outage is noted");
    assert!(stored.starts_with("[io:connection-refused] "), "{stored}");
    let ru = describe_failure(&stored, Lang::Ru);
    assert!(ru.starts_with("сервер отказал в соединении (") && ru.contains("os error"), "{ru}");
    assert!(describe_failure(&stored, Lang::En).starts_with("the server refused the connection ("));
    assert_eq!(describe_failure("550 mailbox unavailable", Lang::Ru), "550 mailbox unavailable");
    assert_eq!(describe_failure("[io:no-such-kind] x", Lang::Ru), "[io:no-such-kind] x");
}

/// A mis-set password: the server answers `535` to AUTH (and `530` to mail without it), which
/// lettre reports as a permanent error like a rejected recipient's `550`. Neither may fail a
/// message; once the account is mended, everything is delivered and a real `550` still fails
/// its message at once.
#[test]
fn a_refused_sign_in_fails_no_message_and_delivery_resumes_once_mended() {
    let test = "auth_refused";
    let dir = tempfile::tempdir().expect("dir");
    let credentials = dir.path().join("credentials");
    std::fs::write(&credentials, "priem:correct horse").expect("write");
    let Some(sink) = SmtpSink::start_authenticated(test, None, &credentials) else { return };
    for backend in [TestBackend::Sqlite, TestBackend::Postgres] {
        let Some(db) = TestDb::on(backend, test).expect("database") else { continue };
        std::fs::write(&credentials, "priem:correct horse").expect("write");
        let already = sink.received().len();
        let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
        let id = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
        let slow = DeliverySettings {
            outage: OutageBackoff { first: Duration::milliseconds(200), max: Duration::seconds(1) },
            ..settings("w1")
        };
        let no_password = Deliverer::new(db.store.clone(), smtp_as(sink.port, None), slow.clone());
        let wrong_password = Deliverer::new(db.store.clone(), smtp_as(sink.port, Some("wrong")), slow.clone());
        let mut at = now();
        for (d, code) in [(&no_password, "530"), (&wrong_password, "535"), (&wrong_password, "535")] {
            at += Duration::seconds(5);
            let stats = d.run_pass(at).expect("pass");
            assert_eq!((stats.claimed, stats.released, stats.sent, stats.retried, stats.failed), (2, 2, 0, 0, 0));
            let wait = stats.outage.expect("an outage");
            assert!(wait >= StdDuration::from_millis(160), "{wait:?}");
            assert_eq!(d.run_pass(at).expect("pass").claimed, 0, "the messages wait out the backoff");
            let c = &mut *db.store.conn().expect("conn");
            let entries = outbox::list(c, None, 10).expect("list");
            assert!(entries.iter().all(|e| e.status == "pending" && e.attempts == 0), "{entries:?}");
            assert!(
                entries.iter().any(|e| e.last_error.as_deref().is_some_and(|t| t.contains(code))),
                "{code}: {entries:?}"
            );
            assert!(!appeals::get(c, id).expect("query").expect("present").email_failed);
        }
        // the server's account is mended: the same worker delivers both at its next pass
        std::fs::write(&credentials, "priem:wrong").expect("write");
        at += Duration::seconds(5);
        let stats = wrong_password.run_pass(at).expect("pass");
        assert_eq!((stats.sent, stats.failed, stats.outage), (2, 0, None), "{stats:?}");
        assert_eq!(sink.wait_for(already + 2, StdDuration::from_secs(10)).len(), already + 2);
        // a recipient the server rejects still fails its own message, and only it
        let c = &mut *db.store.conn().expect("conn");
        appeals::send_message(c, id, &w.clerk, "Приходите в среду.", now()).expect("message");
        let rejected: Vec<i64> = {
            use diesel::prelude::*;

            use crate::store::schema::outbox as o;
            diesel::update(o::table.filter(o::status.eq("pending")))
                .set(o::recipient.eq("reject@example.invalid"))
                .execute(c)
                .expect("readdressed");
            o::table.filter(o::status.eq("pending")).select(o::id).load(c).expect("ids")
        };
        assert_eq!(rejected.len(), 1);
        let stats = wrong_password.run_pass(at + Duration::seconds(1)).expect("pass");
        assert_eq!((stats.sent, stats.failed, stats.outage), (0, 1, None), "{stats:?}");
        assert!(appeals::get(c, id).expect("query").expect("present").email_failed);
    }
}

#[test]
fn a_crash_between_send_and_mark_resends_the_same_message_id() {
    let Some(sink) = SmtpSink::start("crash", None) else { return };
    let db = TestDb::sqlite().expect("db");
    let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
    file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
    let crashing =
        Deliverer::new(db.store.clone(), smtp(sink.port), settings("dies")).with_after_send(Box::new(|_| false));
    crashing.run_pass(now()).expect("pass");
    let first = sink.wait_for(1, StdDuration::from_secs(10));
    assert_eq!(first.len(), 1);
    assert_eq!(outbox::counts(&mut db.store.conn().expect("conn"), now()).expect("counts").sent, 0, "never marked");
    let survivor = Deliverer::new(db.store.clone(), smtp(sink.port), settings("survives"));
    assert_eq!(survivor.run_pass(now() + Duration::seconds(30)).expect("pass").claimed, 0, "the lease still holds");
    let sent = drain(&survivor, now() + Duration::minutes(2), 5);
    assert_eq!(sent, 2, "the lease expired: both messages go");
    let all = sink.wait_for(3, StdDuration::from_secs(10));
    assert_eq!(all.len(), 3);
    let repeated: Vec<&str> =
        all.iter().map(ReceivedMail::message_id).filter(|id| *id == first[0].message_id()).collect();
    assert_eq!(repeated.len(), 2, "the retry reuses the Message-ID");
    assert_eq!(
        all.iter()
            .filter(|m| m.message_id() == first[0].message_id())
            .map(|m| m.subject())
            .collect::<HashSet<_>>()
            .len(),
        1
    );
}

#[test]
fn two_workers_on_postgres_send_a_thousand_messages_once_each() {
    let test = "two_workers";
    let Some(db) = TestDb::on(TestBackend::Postgres, test).expect("database") else { return };
    let Some(sink) = SmtpSink::start(test, None) else { return };
    let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
    let id = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
    many_messages(&db.store, &w, id, 998, now());
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let mut s = settings(name);
            s.batch = 20;
            let d = Deliverer::new(db.store.clone(), smtp(sink.port), s);
            let stop = Arc::clone(&stop);
            let sent = Arc::clone(&sent);
            std::thread::spawn(move || {
                let mut mine = 0;
                while !stop.load(Ordering::Relaxed) {
                    let stats = d.run_pass(Utc::now()).expect("pass");
                    mine += stats.sent;
                    sent.fetch_add(stats.sent, Ordering::Relaxed);
                    if stats.claimed == 0 {
                        std::thread::sleep(StdDuration::from_millis(10));
                    }
                }
                mine
            })
        })
        .collect();
    let mails = sink.wait_for(1000, StdDuration::from_secs(60));
    std::thread::sleep(StdDuration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    let per_worker: Vec<usize> = workers.into_iter().map(|h| h.join().expect("worker")).collect();
    assert_eq!(sent.load(Ordering::Relaxed), 1000);
    assert!(per_worker.iter().all(|n| *n > 0), "both workers took part: {per_worker:?}");
    let mails = if mails.len() < 1000 { sink.received() } else { mails };
    assert_eq!(sink.received().len(), 1000, "no message twice");
    let ids: HashSet<&str> = mails.iter().map(ReceivedMail::message_id).collect();
    assert_eq!(ids.len(), 1000);
}

/// Every kind of event that is mailed reaches the server, each with its own content in both
/// parts — on SQLite and PostgreSQL.
#[test]
fn every_mailed_event_kind_arrives_with_its_content() {
    use std::collections::HashMap;

    use diesel::prelude::*;

    use crate::domain::event::EventKind;
    use crate::domain::question::QuestionDraft;
    use crate::store::appeals::FileRequest;
    use crate::store::{catalogue, questions, schema};

    on_each_backend("every_mailed_kind", |db, sink| {
        let already = sink.received().len();
        let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
        let store = &db.store;
        let visit = [("f-purpose", "notary"), ("f-copies", "1")];
        let consult = [("f-topic", "housing"), ("f-question", "Как получить ЕЖД?")];
        let later = |days| now() + Duration::days(days);
        let by_clerk = DecisionBy::Clerk(w.clerk.clone());
        let at = |id: AppealId, command: Command, when: DateTime<Utc>| {
            appeals::decide(&mut store.conn().expect("conn"), id, command, &by_clerk, cal(), when).expect("decided");
        };
        let register = || Command::Register { deadline: NaiveDate::MIN };
        // suspended, then closed
        let a = file(store, &w, "house-register-extract", &visit, now());
        at(a, register(), now());
        at(a, Command::NextStage, now());
        let by = crate::clock::moscow_date(now());
        at(
            a,
            Command::RequestOriginals {
                originals: vec![OriginalCode::new("passport")],
                place: "окно 3".to_owned(),
                by,
            },
            now(),
        );
        at(a, Command::OriginalsReceived, now());
        at(
            a,
            Command::RequestOriginals {
                originals: vec![OriginalCode::new("passport")],
                place: "окно 3".to_owned(),
                by,
            },
            now(),
        );
        at(a, Command::Suspend, later(2));
        at(a, Command::Close, later(2));
        // refused after registration
        let b = file(store, &w, "house-register-extract", &visit, now());
        at(b, register(), now());
        at(b, Command::NextStage, now());
        at(
            b,
            Command::Refuse {
                grounds: vec![GroundCode::new("no-right-to-request")],
                explanation: "Нужна доверенность.".to_owned(),
            },
            now(),
        );
        // ready, handed over
        let h = file(store, &w, "house-register-extract", &visit, now());
        at(h, register(), now());
        at(h, Command::NextStage, now());
        at(
            h,
            Command::MarkReady {
                pickup: Pickup {
                    place: "окно 7".to_owned(),
                    hours: "пн–чт 9:00–18:00".to_owned(),
                    from: by,
                    bring: "паспорт".to_owned(),
                },
            },
            now(),
        );
        at(
            h,
            Command::HandOver {
                collected_by: "Иванова М. П.".to_owned(),
                id_document: "паспорт 45 00 123456".to_owned(),
            },
            now(),
        );
        // answered; extended with a message; withdrawn; refused to register and corrected
        let d = file(store, &w, "consultation", &consult, now());
        at(d, register(), now());
        at(
            d,
            Command::Answer {
                text: "ЕЖД выдаёт МФЦ.\nПриходите с паспортом.".to_owned()
            },
            now(),
        );
        let f = file(store, &w, "consultation", &consult, now());
        at(f, register(), now());
        appeals::extend_deadline(
            &mut store.conn().expect("conn"),
            f,
            &w.clerk,
            10,
            "Нужен запрос в ГУ ИС.",
            cal(),
            now(),
        )
        .expect("extended");
        appeals::send_message(&mut store.conn().expect("conn"), f, &w.clerk, "Запрос отправлен.", now())
            .expect("message");
        let e = file(store, &w, "consultation", &consult, now());
        appeals::decide(
            &mut store.conn().expect("conn"),
            e,
            Command::Withdraw,
            &DecisionBy::Applicant(w.account.id),
            cal(),
            now(),
        )
        .expect("withdrawn");
        let g = file(store, &w, "consultation", &consult, now());
        at(
            g,
            Command::RefuseToRegister {
                grounds: vec![GroundCode::new("no-question")],
                explanation: "Сформулируйте вопрос.".to_owned(),
            },
            now(),
        );
        {
            let c = &mut *store.conn().expect("conn");
            let svc = catalogue::get(c, "consultation").expect("query").expect("service");
            let old = appeals::get(c, g).expect("query").expect("present");
            let form = old.draft.to_form();
            let draft = crate::domain::appeal::AppealForm::new(&form).parse(&svc, by).expect("valid");
            appeals::file(
                c,
                &FileRequest { account: w.account.id, draft: &draft, lang: Lang::Ru, corrects: Some(g) },
                cal(),
                now(),
            )
            .expect("corrected");
        }
        // issued electronically
        let lfc = [
            ("f-marital_status", "married"),
            ("f-children-0-surname", "Иванов"),
            ("f-children-0-name", "Пётр"),
            ("f-children-0-birth_date", "2012-05-12"),
            ("f-children-1-surname", "Иванова"),
            ("f-children-1-name", "Алёна"),
            ("f-children-1-birth_date", "2014-01-30"),
            ("f-children-2-surname", "Иванов"),
            ("f-children-2-name", "Илья"),
            ("f-children-2-birth_date", "2017-11-02"),
        ];
        let c_ = file(store, &w, "large-family-certificate", &lfc, now());
        at(c_, register(), now());
        at(c_, Command::NextStage, now());
        let upload = appeals::DocumentUpload {
            file_name: "udostoverenie.pdf",
            media_type: "application/pdf",
            content: b"%PDF-1.7",
        };
        appeals::issue_electronically(&mut store.conn().expect("conn"), c_, &w.clerk, &upload, cal(), now())
            .expect("issued");
        // a question without a PIN
        {
            let c = &mut *store.conn().expect("conn");
            let draft =
                QuestionDraft::parse("Сидоров Иван", "ivan@example.invalid", "Когда починят фонарь?").expect("valid");
            let asked =
                questions::ask(c, &crate::domain::ids::DistrictCode::new("0412"), &draft, Lang::Ru, cal(), now())
                    .expect("asked");
            accounts::confirm(c, &asked.confirmation, now()).expect("confirmed");
            questions::answer(c, asked.id, &w.clerk, "Фонарь починят до пятницы.", now()).expect("answered");
        }
        // another address asked for: the confirmed one is told, the new one gets its link
        let change = accounts::change_email(
            &mut store.conn().expect("conn"),
            w.account.id,
            &EmailAddress::parse("maria.new@example.invalid").expect("valid"),
            now() + Duration::minutes(10),
        )
        .expect("asked");
        assert_eq!(change, accounts::EmailChange::Requested);
        // the PIN revoked: the confirmed address is told, and where to go
        accounts::revoke(
            &mut store.conn().expect("conn"),
            &w.account.number,
            "по заявлению жителя",
            &AuditActor::system(),
            now(),
        )
        .expect("revoked");

        let d_ = Deliverer::new(db.store.clone(), smtp(sink.port), settings("w1"));
        let sent = drain(&d_, later(3), 50);
        let entries = outbox::list(&mut store.conn().expect("conn"), None, 1000).expect("list");
        assert_eq!(sent, entries.len());
        assert!(entries.iter().all(|e| e.status == "sent"), "{entries:?}");
        let mails = sink.wait_for(already + sent, StdDuration::from_secs(20));
        let by_id: HashMap<&str, &ReceivedMail> = mails[already..].iter().map(|m| (m.message_id(), m)).collect();
        let mut kinds_seen = std::collections::BTreeSet::new();
        for entry in &entries {
            let payload: String = schema::events::table
                .find(entry.event_id)
                .select(schema::events::payload)
                .first(&mut store.conn().expect("conn"))
                .expect("event");
            let kind: EventKind = serde_json::from_str(&payload).expect("kind");
            let mail = by_id
                .get(format!("<{}@arbat.example>", entry.message_key).as_str())
                .unwrap_or_else(|| panic!("no mail for {}", kind.name()));
            let text = mail.text.as_deref().unwrap_or_default();
            let html = mail.html.as_deref().unwrap_or_default();
            assert!(!mail.subject().is_empty() && !text.is_empty() && !html.is_empty(), "{}", kind.name());
            // the language is stated, and the plain text arrives in short flowed lines
            assert_eq!(mail.header("content-language"), Some("ru"), "{}", kind.name());
            let (as_sent, content_type) = mail.text_as_sent.as_ref().expect("a plain-text part");
            assert!(content_type.contains("format=flowed"), "{}: {content_type}", kind.name());
            for line in as_sent.lines() {
                assert!(line.chars().count() <= 78, "{}: a line of {} characters: {line}", kind.name(), line.len());
            }
            let expect: Vec<String> = match &kind {
                EventKind::Filed { number, .. } => vec![number.clone()],
                EventKind::Registered { .. } => vec!["зарегистрировано".to_owned()],
                EventKind::RefusedToRegister(r) | EventKind::Refused(r) => {
                    vec![r.grounds[0].remedy.ru.clone(), r.explanation.clone()]
                }
                EventKind::StageStarted { title, .. } => vec![title.ru.clone()],
                EventKind::OriginalsRequested(r) => vec![r.originals[0].title.ru.clone(), r.place.clone()],
                EventKind::OriginalsReceived => vec!["оригиналы документов получены".to_owned()],
                EventKind::Suspended { .. } => vec!["приостановлен".to_owned()],
                EventKind::Closed => vec!["закрыт".to_owned()],
                EventKind::Ready(p) => vec![p.place.clone(), p.bring.clone()],
                EventKind::HandedOver(h) => vec![h.collected_by.clone()],
                EventKind::IssuedElectronically(d) => vec![d.file_name.clone()],
                EventKind::Answered { text } => text.lines().map(str::to_owned).collect(),
                // the question is quoted, and the council signs
                EventKind::QuestionAnswered { text } => text
                    .lines()
                    .map(str::to_owned)
                    .chain(["Когда починят фонарь?".to_owned(), "Ответ на ваш вопрос от".to_owned()])
                    .chain(["Управа района".to_owned()])
                    .collect(),
                EventKind::Withdrawn => vec!["отозван".to_owned()],
                EventKind::Message { text } => vec![text.clone()],
                EventKind::DeadlineExtended { reason, .. } => vec![reason.clone()],
                EventKind::Corrected { number } => vec![number.clone()],
                EventKind::ConfirmationRequested { .. } => vec!["https://priem.example/confirm/".to_owned()],
                EventKind::PinRevoked { .. } => vec!["ПИН-код отозван".to_owned(), "Управа района".to_owned()],
                EventKind::EmailChangeRequested { to } => {
                    assert_eq!(entry.recipient, "maria@example.invalid", "told at the address it replaces");
                    vec![to.clone(), "не подтверждайте".to_owned(), "Управа района".to_owned()]
                }
                other => panic!("{} is not mailed", other.name()),
            };
            // as read: a list item's wrapped note continues on an indented line
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            for needle in expect {
                let lower = words(&needle);
                assert!(
                    words(text).contains(&lower) || words(mail.subject()).contains(&lower),
                    "{}: «{needle}» missing from\n{}\n{text}",
                    kind.name(),
                    mail.subject()
                );
            }
            kinds_seen.insert(kind.name());
        }
        let mailed: std::collections::BTreeSet<&str> =
            EventKind::NAMES.iter().copied().filter(|n| *n != "email_confirmed").collect();
        assert_eq!(kinds_seen, mailed, "every mailed kind was produced and received");
    });
}

#[test]
fn a_slow_server_never_outlasts_the_lease() {
    let db = TestDb::sqlite().expect("db");
    let w = world(&db.store, Some("maria@example.invalid"), Lang::Ru, now());
    let id = file(&db.store, &w, "consultation", &[("f-topic", "other"), ("f-question", "?")], now());
    many_messages(&db.store, &w, id, 8, now());
    let total = count_rows(&mut db.store.conn().expect("conn"), "outbox").expect("count");
    let dir = tempfile::tempdir().expect("dir");
    let transport = || MailTransport::new(&TransportConfig::File { dir: dir.path().to_owned() }).expect("transport");
    // each message takes 120 ms to "send"; the lease is 400 ms, so sending stops after 200 ms
    let slow = Deliverer::new(
        db.store.clone(),
        transport(),
        DeliverySettings { lease: Duration::milliseconds(400), batch: 50, ..settings("slow") },
    )
    .with_after_send(Box::new(|_| {
        std::thread::sleep(StdDuration::from_millis(120));
        true
    }));
    let stats = slow.run_pass(now()).expect("pass");
    assert_eq!(stats.claimed as i64, total);
    assert!(stats.sent >= 1 && stats.sent < 4, "stopped after half the lease: {stats:?}");
    assert_eq!(stats.sent + stats.released, stats.claimed, "the rest is given back: {stats:?}");
    let counts = outbox::counts(&mut db.store.conn().expect("conn"), now()).expect("counts");
    assert_eq!(counts.pending, i64::try_from(stats.released).expect("fits"));
    assert_eq!(counts.in_flight, 0, "nothing held under a lease");
    // given back due at once: another worker sends them now, each message exactly once
    let other = Deliverer::new(db.store.clone(), transport(), settings("other"));
    let sent = drain(&other, Utc::now(), 5);
    assert_eq!(sent, stats.released);
    let files = std::fs::read_dir(dir.path()).expect("read").count();
    assert_eq!(i64::try_from(files).expect("fits"), total, "every message once");
}

#[test]
fn an_english_letter_is_sent_by_the_system_under_its_english_name() {
    use lettre::message::Mailbox;
    let ours: Mailbox = "Электронная приёмная <no-reply@e-reception.invalid>".parse().expect("mailbox");
    let en = super::deliver::sender_in(&ours, Lang::En);
    assert_eq!(
        (en.name.as_deref(), en.email.to_string().as_str()),
        (Some("e-Reception"), "no-reply@e-reception.invalid")
    );
    assert_eq!(super::deliver::sender_in(&ours, Lang::Ru), ours);
    // a council's own name is its own, in any language
    let council: Mailbox = "Управа района Арбат <priem@arbat.example>".parse().expect("mailbox");
    assert_eq!(super::deliver::sender_in(&council, Lang::En), council);
    let bare: Mailbox = "priem@arbat.example".parse().expect("mailbox");
    assert_eq!(super::deliver::sender_in(&bare, Lang::En), bare);
}

/// `outbox show` of a confirmation request once sent: the link is no longer kept, and the
/// preview used to put the site's address under «Подтвердить адрес» instead (logging an
/// error). It now says where the link stood. While the letter waits, it shows the link.
#[test]
fn a_preview_of_a_sent_confirmation_request_says_its_link_is_not_kept() {
    let db = TestDb::sqlite().expect("db");
    let w = world(&db.store, None, Lang::Ru, now());
    let c = &mut *db.store.conn().expect("conn");
    let issued = accounts::issue_pin(
        c,
        &IssueRequest {
            resident: w.account.resident,
            email: EmailAddress::parse("maria@example.invalid"),
            lang: Lang::Ru,
            replace: true,
        },
        &Issuer { name: "x".to_owned(), clerk: None, audit: AuditActor::os_user("t"), desk: "cli".to_owned() },
        now(),
    )
    .expect("issued");
    let IssuePinOutcome::Issued(issued) = issued else { panic!("issued") };
    let token = issued.confirmation.expect("a link was made");
    let pending = outbox::list(c, Some(outbox::state::PENDING), 10).expect("list");
    let [entry] = pending.as_slice() else { panic!("one letter waits: {pending:?}") };
    let id = crate::domain::ids::OutboxId(entry.id);
    let base = "https://priem.example";
    let shown = || super::deliver::preview(&db.store, base, id).expect("preview").expect("present");
    let waiting = shown();
    assert!(waiting.text.contains(&format!("Подтвердить адрес:\n{base}/confirm/{token}\n")), "{}", waiting.text);
    let dir = tempfile::tempdir().expect("dir");
    let transport = MailTransport::new(&TransportConfig::File { dir: dir.path().to_owned() }).expect("transport");
    assert_eq!(drain(&Deliverer::new(db.store.clone(), transport, settings("w1")), now(), 3), 1);
    assert_eq!(std::fs::read_dir(dir.path()).expect("read").count(), 1);
    let sent = shown();
    assert!(
        sent.text.contains("Подтвердить адрес:\n[ссылка для подтверждения после отправки не хранится]\n"),
        "{}",
        sent.text
    );
    assert!(!sent.text.contains(&format!("Подтвердить адрес:\n{base}/\n")), "{}", sent.text);
    assert!(!sent.html.contains(&format!("href=\"{base}/\"")), "{}", sent.html);
}
