//! Storage tests: every body runs on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::appeals::{self, DecideError, DecisionBy, FileOutcome, FileRequest, Queue, QueueQuery, SortKey};
use super::testing::{Availability, TestDb};
use super::{
    DbConn, OpenMode, Store, StoreError, accounts, audit, backend, catalogue, clerks, count_rows, districts, migrate,
    questions, reports, residents, write_txn,
};
use crate::account::{LockoutPolicy, filler_hash};
use crate::clock::ProductionCalendar;
use crate::db_test;
use crate::domain::appeal::{AppealForm, AppealNumber};
use crate::domain::audit::AuditActor;
use crate::domain::catalogue::Catalogue;
use crate::domain::clerk::{Clerk, Role};
use crate::domain::district::District;
use crate::domain::event::Subject;
use crate::domain::ids::{AppealId, DistrictCode, GroundCode, OriginalCode, RegistryId};
use crate::domain::person::{Address, FullName, RegistrationKind, Resident};
use crate::domain::question::{EmailAddress, QuestionDraft, QuestionStatus};
use crate::domain::status::{Command, Pickup, StatusKind};
use crate::i18n::Lang;
use crate::import::ImportOptions;
use crate::store::accounts::{ApplicantSignIn, IssuePinOutcome, IssueRequest, Issuer};
use crate::store::import::{ImportFailure, ImportIssue, ImportSettings, import_registry};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).single().expect("valid")
}

fn cal() -> &'static ProductionCalendar {
    ProductionCalendar::embedded().expect("shipped calendars are valid")
}

fn admin() -> AuditActor {
    AuditActor::os_user("test")
}

const ARBAT: &str = "0412";
const KHAMOVNIKI: &str = "0413";

fn district(code: &str, name: &str) -> District {
    District {
        code: DistrictCode::new(code),
        name: name.to_owned(),
        council_name: format!("Управа района {name}"),
        council_address: "ул. Новый Арбат, д. 36".to_owned(),
        office_hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
        phone: None,
    }
}

fn address(flat: &str) -> Address {
    Address {
        district: DistrictCode::new(ARBAT),
        street: "ул. Новый Арбат".to_owned(),
        house: "12".to_owned(),
        building: None,
        structure: None,
        flat: Some(flat.to_owned()),
    }
}

fn person(
    id: &str,
    surname: &str,
    name: &str,
    patronymic: &str,
    birth: (i32, u32, u32),
    flat: &str,
) -> residents::NewResident {
    residents::NewResident::new(
        &RegistryId::new(id),
        &FullName { surname: surname.to_owned(), name: name.to_owned(), patronymic: Some(patronymic.to_owned()) },
        NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).expect("valid"),
        &address(flat),
        RegistrationKind::Permanent,
    )
}

struct Fx {
    clerk: Clerk,
    supervisor: Clerk,
    applicant: Resident,
    account: accounts::Account,
}

fn conn(db: &TestDb) -> super::PooledConn {
    db.store.conn().expect("connection")
}

fn setup(db: &TestDb) -> Fx {
    let c = &mut *conn(db);
    districts::save(c, &district(ARBAT, "Арбат")).expect("district");
    districts::save(c, &district(KHAMOVNIKI, "Хамовники")).expect("district");
    catalogue::load(c, &Catalogue::builtin().expect("valid")).expect("catalogue");
    residents::insert_batch(
        c,
        &[
            person("R1", "Иванова", "Мария", "Петровна", (1985, 3, 14), "12А"),
            person("R2", "Иванов", "Пётр", "Сергеевич", (2012, 5, 12), "12А"),
            person("R3", "Иванова", "Алёна", "Сергеевна", (2014, 1, 30), "12А"),
            person("R4", "Иванов", "Илья", "Сергеевич", (2017, 11, 2), "12А"),
            person("R5", "Петров", "Олег", "Иванович", (1970, 7, 7), "3"),
        ],
    )
    .expect("residents");
    let hash = filler_hash();
    let district = DistrictCode::new(ARBAT);
    let clerk = clerks::add(
        c,
        &clerks::NewClerk {
            login: "orlova",
            full_name: "Орлова Анна Игоревна",
            role: Role::Clerk,
            district: Some(&district),
            password: "",
        },
        &hash,
        &admin(),
        now(),
    )
    .expect("clerk");
    let supervisor = clerks::add(
        c,
        &clerks::NewClerk {
            login: "boss",
            full_name: "Смирнов Олег",
            role: Role::Supervisor,
            district: Some(&district),
            password: "",
        },
        &hash,
        &admin(),
        now(),
    )
    .expect("supervisor");
    let applicant = residents::by_registry_id(c, "R1").expect("query").expect("present");
    let issued = issue_first_pin(c, &applicant, "maria@example.invalid", &clerk);
    Fx { clerk, supervisor, applicant, account: issued.account }
}

/// A first PIN for `resident`, with `email`, issued by `clerk` at «окно 1».
fn issue_first_pin(c: &mut DbConn, resident: &Resident, email: &str, clerk: &Clerk) -> Box<accounts::IssuedPin> {
    let issued = accounts::issue_pin(
        c,
        &IssueRequest { resident: resident.id, email: EmailAddress::parse(email), lang: Lang::Ru, replace: false },
        &Issuer {
            name: clerk.full_name.clone(),
            clerk: Some(clerk.id),
            audit: AuditActor::clerk(&clerk.login),
            desk: "окно 1".to_owned(),
        },
        now(),
    )
    .expect("pin");
    let IssuePinOutcome::Issued(issued) = issued else { panic!("a new resident has no PIN yet") };
    issued
}

fn identity_form(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("surname", "ИВАНОВА"),
        ("name", "Мария"),
        ("patronymic", "Петровна"),
        ("birth_date", "14.03.1985"),
        ("street", "Новый Арбат ул."),
        ("house", "д. 12"),
        ("flat", "12 а"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    v.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    v
}

fn file(db: &TestDb, fx: &Fx, service: &str, extra: &[(&str, &str)]) -> FileOutcome {
    let c = &mut *conn(db);
    let svc = catalogue::get(c, service).expect("query").expect("service");
    let form = identity_form(extra);
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    appeals::file(
        c,
        &FileRequest { account: fx.account.id, draft: &draft, lang: Lang::Ru, corrects: None },
        cal(),
        now(),
    )
    .expect("filed")
}

fn file_consultation(db: &TestDb, fx: &Fx) -> AppealId {
    match file(db, fx, "consultation", &[("f-topic", "housing"), ("f-question", "Как получить ЕЖД?")]) {
        FileOutcome::Filed { id, .. } => id,
        other => panic!("not filed: {other:?}"),
    }
}

fn decide(db: &TestDb, id: AppealId, command: Command, clerk: &Clerk) -> Result<appeals::Decided, DecideError> {
    appeals::decide(&mut conn(db), id, command, &DecisionBy::Clerk(clerk.clone()), cal(), now())
}

/// A house-register extract filed, registered and moved to its first stage.
fn extract_at_first_stage(db: &TestDb, fx: &Fx) -> AppealId {
    let FileOutcome::Filed { id, .. } =
        file(db, fx, "house-register-extract", &[("f-purpose", "notary"), ("f-copies", "2")])
    else {
        panic!("filed")
    };
    decide(db, id, register(), &fx.clerk).expect("registered");
    decide(db, id, Command::NextStage, &fx.clerk).expect("stage 1");
    id
}

fn register() -> Command {
    Command::Register { deadline: NaiveDate::MIN }
}

fn event_kinds(db: &TestDb, id: AppealId) -> Vec<&'static str> {
    appeals::timeline(&mut conn(db), id).expect("timeline").into_iter().map(|e| e.kind.name()).collect()
}

fn audit_count(db: &TestDb) -> i64 {
    count_rows(&mut conn(db), "audit_log").expect("count")
}

// ---------------------------------------------------------------------------------------

db_test!(migrations_run_up_down_and_up_again, |db: &TestDb| {
    let c = &mut *conn(db);
    let tables = |c: &mut DbConn| {
        backend::schema_columns(c)
            .expect("columns")
            .into_iter()
            .map(|(t, _)| t)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let before = tables(c);
    assert!(before.contains("appeals") && before.contains("audit_log"), "{before:?}");
    let reverted = migrate::revert_all(c).expect("down");
    assert_eq!(reverted.len(), migrate::embedded_versions(c).expect("versions").len());
    let after_down = tables(c);
    assert!(!after_down.contains("appeals"), "tables left after down: {after_down:?}");
    assert!(matches!(migrate::check_current(c), Err(StoreError::SchemaOutdated { .. })));
    migrate::run_pending(c, &db.url).expect("up again");
    assert_eq!(tables(c), before);
    migrate::check_current(c).expect("current");
});

db_test!(audit_log_refuses_update_and_delete, |db: &TestDb| {
    let c = &mut *conn(db);
    audit::record(
        c,
        now(),
        &admin(),
        crate::domain::audit::AuditAction::DemoDataCreated,
        "x:1",
        &serde_json::json!({}),
    )
    .expect("append");
    let n = count_rows(c, "audit_log").expect("count");
    assert!(c.batch_execute("UPDATE audit_log SET actor = 'someone else'").is_err(), "UPDATE must fail");
    assert!(c.batch_execute("DELETE FROM audit_log").is_err(), "DELETE must fail");
    assert_eq!(count_rows(c, "audit_log").expect("count"), n);
    let rows = audit::list(c, &audit::AuditFilter { limit: 10, ..Default::default() }).expect("list");
    assert_eq!(rows[0].actor, "os:test");
});

db_test!(filing_and_deciding_a_consultation, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let appeal = appeals::get(&mut conn(db), id).expect("query").expect("present");
    assert_eq!(appeal.number.to_string(), "ЭП-0412-2026-000001");
    assert_eq!(appeal.status.kind(), StatusKind::Submitted);
    // filed on Friday 4 December: register within 3 calendar days → Monday 7 December
    assert_eq!(appeal.register_by, NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid"));
    let audit_before = audit_count(db);
    let decided = decide(db, id, register(), &fx.clerk).expect("registered");
    assert_eq!(decided.status.kind(), StatusKind::Registered);
    let registered = appeals::get(&mut conn(db), id).expect("query").expect("present");
    // 30 calendar days from registration on 4 December: 3 January 2027 is a holiday → 11 January
    assert_eq!(registered.due, NaiveDate::from_ymd_opt(2027, 1, 11).expect("valid"));
    decide(db, id, Command::Answer { text: "Ответ по существу.".to_owned() }, &fx.clerk).expect("answered");
    assert_eq!(event_kinds(db, id), ["filed", "registered", "answered"]);
    assert_eq!(audit_count(db), audit_before + 2);
    let err = decide(db, id, Command::Withdraw, &fx.clerk).expect_err("final");
    assert!(matches!(err, DecideError::Transition(_)), "{err:?}");
});

db_test!(a_decision_taken_on_an_outdated_screen_is_refused, |db: &TestDb| {
    let fx = setup(db);
    let id = extract_at_first_stage(db, &fx);
    // Two clerks have the appeal open at its first stage; both press "next stage".
    let shown = appeals::get(&mut conn(db), id).expect("query").expect("present").status;
    let next = |clerk: &Clerk| {
        appeals::decide_seen(
            &mut conn(db),
            id,
            &shown,
            Command::NextStage,
            &DecisionBy::Clerk(clerk.clone()),
            cal(),
            now(),
        )
    };
    let first = next(&fx.clerk).expect("the first moves it on");
    let events = event_kinds(db, id).len();
    match next(&fx.supervisor) {
        Err(DecideError::Changed { now }) => assert_eq!(now, StatusKind::InProgress),
        other => panic!("the second must be refused: {other:?}"),
    }
    let stored = appeals::get(&mut conn(db), id).expect("query").expect("present");
    assert_eq!(stored.status, first.status, "one stage on, not two");
    assert_eq!(event_kinds(db, id).len(), events, "no event for the refused decision");
    let message = DecideError::Changed { now: StatusKind::InProgress }.message().render(Lang::Ru);
    assert_eq!(message, "Обращение уже изменено другим сотрудником или заявителем. Экран обновлён.");
    // on the state it now shows, the second clerk's decision goes through
    appeals::decide_seen(
        &mut conn(db),
        id,
        &stored.status,
        Command::NextStage,
        &DecisionBy::Clerk(fx.supervisor.clone()),
        cal(),
        now(),
    )
    .expect("decided on the current state");
});

db_test!(mismatched_identity_is_a_form_error_and_stores_nothing, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let svc = catalogue::get(c, "consultation").expect("query").expect("service");
    let mut form = identity_form(&[("f-topic", "other"), ("f-question", "?")]);
    form[3].1 = "15.03.1985".to_owned();
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    let outcome = appeals::file(
        c,
        &FileRequest { account: fx.account.id, draft: &draft, lang: Lang::Ru, corrects: None },
        cal(),
        now(),
    )
    .expect("no error");
    let FileOutcome::IdentityMismatch(check) = outcome else { panic!("must not file: {outcome:?}") };
    let wrong: Vec<_> = check.mismatches().map(|f| f.field).collect();
    assert_eq!(wrong, [crate::registry::CheckedField::BirthDate]);
    assert_eq!(count_rows(c, "appeals").expect("count"), 0);
});

db_test!(children_are_checked_against_the_household, |db: &TestDb| {
    let fx = setup(db);
    let outcome = file(
        db,
        &fx,
        "large-family-certificate",
        &[
            ("f-marital_status", "married"),
            ("f-children-0-surname", "Иванов"),
            ("f-children-0-name", "Петр"),
            ("f-children-0-patronymic", "Сергеевич"),
            ("f-children-0-birth_date", "2012-05-12"),
            ("f-children-1-surname", "Иванова"),
            ("f-children-1-name", "Алёна"),
            ("f-children-1-patronymic", "Сергеевна"),
            ("f-children-1-birth_date", "2014-01-31"),
            ("f-children-2-surname", "Сидоров"),
            ("f-children-2-name", "Максим"),
            ("f-children-2-birth_date", "2019-09-09"),
        ],
    );
    let FileOutcome::Filed { id, .. } = outcome else { panic!("{outcome:?}") };
    let appeal = appeals::get(&mut conn(db), id).expect("query").expect("present");
    let results: Vec<_> = appeal.check.persons.iter().map(|p| &p.result).collect();
    assert!(matches!(results[0], crate::registry::PersonCheck::Matched { .. }), "Петр == Пётр: {:?}", results[0]);
    let crate::registry::PersonCheck::Mismatched { fields, .. } = results[1] else { panic!("{:?}", results[1]) };
    assert!(fields.iter().any(|f| f.field == crate::registry::CheckedField::BirthDate && !f.matches));
    assert_eq!(results[2], &crate::registry::PersonCheck::NotFound);
    assert!(appeal.check.needs_attention());
    let rows = appeals::queue(&mut conn(db), &queue_query(Queue::New)).expect("queue");
    assert!(rows[0].needs_attention);
});

db_test!(a_fault_after_the_event_leaves_nothing_behind, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let events_before = count_rows(&mut conn(db), "events").expect("count");
    let audit_before = audit_count(db);
    let c = &mut *conn(db);
    let result: Result<appeals::Decided, DecideError> = write_txn(c, |c| {
        appeals::decide_in(c, id, register(), None, &DecisionBy::Clerk(fx.clerk.clone()), cal(), now(), &|_| {
            Err(StoreError::Migration("injected fault".to_owned()))
        })
    });
    assert!(matches!(result, Err(DecideError::Store(StoreError::Migration(_)))));
    assert_eq!(count_rows(c, "events").expect("count"), events_before, "no event");
    assert_eq!(count_rows(c, "audit_log").expect("count"), audit_before, "no audit row");
    let appeal = appeals::get(c, id).expect("query").expect("present");
    assert_eq!(appeal.status.kind(), StatusKind::Submitted, "no status change");
    let status_column: String = crate::store::schema::appeals::table
        .find(id.0)
        .select(crate::store::schema::appeals::status)
        .first(c)
        .expect("row");
    assert_eq!(status_column, "submitted");
});

db_test!(numbers_count_per_district_and_year_without_gaps, |db: &TestDb| {
    let fx = setup(db);
    let numbers: Vec<String> = (0..3)
        .map(|_| match file(db, &fx, "consultation", &[("f-topic", "housing"), ("f-question", "?")]) {
            FileOutcome::Filed { number, .. } => number.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(numbers, ["ЭП-0412-2026-000001", "ЭП-0412-2026-000002", "ЭП-0412-2026-000003"]);
    let c = &mut *conn(db);
    let next = write_txn(c, |c| backend::next_appeal_seq(c, KHAMOVNIKI, 2026)).expect("counter");
    assert_eq!(next, 1, "another district counts on its own");
    let next = write_txn(c, |c| backend::next_appeal_seq(c, ARBAT, 2027)).expect("counter");
    assert_eq!(next, 1, "a new year starts again");
    let found = appeals::by_number(c, &AppealNumber::parse("ЭП-0412-2026-000002").expect("number")).expect("query");
    assert!(found.is_some());
});

db_test!(two_clerks_deciding_at_once_are_serialised, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let store = db.store.clone();
    let clerk = fx.clerk.clone();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let first = std::thread::spawn(move || {
        let c = &mut *store.conn().expect("conn");
        write_txn(c, |c| {
            assert!(backend::lock_appeal(c, id.0)?);
            locked_tx.send(()).ok();
            std::thread::sleep(std::time::Duration::from_millis(300));
            appeals::decide_in(c, id, register(), None, &DecisionBy::Clerk(clerk.clone()), cal(), now(), &|_| Ok(()))
        })
    });
    locked_rx.recv().expect("first holds the lock");
    let second = decide(
        db,
        id,
        Command::RefuseToRegister {
            grounds: vec![GroundCode::new("unreadable")],
            explanation: "Текст не читается.".to_owned(),
        },
        &fx.clerk,
    );
    let first = first.join().expect("thread");
    assert!(first.is_ok(), "{first:?}");
    let err = second.expect_err("the second sees the first's result");
    assert!(
        matches!(
            err,
            DecideError::Transition(crate::domain::status::TransitionError::NotAllowed {
                from: StatusKind::Registered,
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(event_kinds(db, id), ["filed", "registered"]);
});

fn queue_query(queue: Queue) -> QueueQuery {
    QueueQuery {
        district: DistrictCode::new(ARBAT),
        queue,
        sort: SortKey::Filed,
        descending: false,
        after: None,
        search: None,
        assigned_to: None,
        today: crate::clock::moscow_date(now()),
        limit: 10,
    }
}

db_test!(queues_page_by_keyset_and_search_cyrillic, |db: &TestDb| {
    let fx = setup(db);
    let ids: Vec<AppealId> = (0..23).map(|_| file_consultation(db, &fx)).collect();
    let c = &mut *conn(db);
    for sort in [SortKey::Filed, SortKey::Number, SortKey::Due, SortKey::Applicant] {
        for descending in [false, true] {
            let mut q = QueueQuery { sort, descending, ..queue_query(Queue::New) };
            let mut seen = Vec::new();
            loop {
                let page = appeals::queue(c, &q).expect("page");
                if page.is_empty() {
                    break;
                }
                q.after = page.last().map(|r| r.cursor.clone());
                seen.extend(page.into_iter().map(|r| r.id));
            }
            let mut expected = ids.clone();
            if descending && matches!(sort, SortKey::Number | SortKey::Filed | SortKey::Due | SortKey::Applicant) {
                expected.reverse();
            }
            assert_eq!(seen, expected, "{sort:?} descending={descending}");
        }
    }
    let mut search = |text: &str| {
        appeals::queue(c, &QueueQuery { search: Some(text.to_owned()), limit: 100, ..queue_query(Queue::New) })
            .expect("search")
            .len()
    };
    assert_eq!(search("ИВАНОВА м"), 23, "case-folded Cyrillic prefix");
    assert_eq!(search("Иванов"), 23);
    assert_eq!(search("Петров"), 0);
    assert_eq!(search("ЭП-0412-2026-000005"), 1);
    assert_eq!(search("эп-0412-2026-5"), 1, "lower case, no leading zeros");
    assert_eq!(search("000005"), 1, "the sequence alone, as said on the phone");
    assert_eq!(search("5"), 1);
    assert_eq!(search("2026-5"), 1, "the year and the sequence");
    assert_eq!(search("2025-5"), 0, "another year");
    assert_eq!(search("ЭП-0999-2026-000005"), 0, "another district");
    assert_eq!(search("999"), 0);
    assert_eq!(search("новый арбат 12"), 23, "address prefix");
    let counts = appeals::counts(c, &DistrictCode::new(ARBAT), crate::clock::moscow_date(now())).expect("counts");
    assert_eq!(counts.new, 23);
    assert_eq!(counts.overdue, 0);
    let later = appeals::counts(c, &DistrictCode::new(ARBAT), NaiveDate::from_ymd_opt(2026, 12, 8).expect("valid"))
        .expect("counts");
    assert_eq!(later.registration_overdue, 23);
});

db_test!(sorting_by_deadline_follows_the_date_each_row_shows, |db: &TestDb| {
    use crate::store::schema::appeals as a;
    let fx = setup(db);
    let ids: Vec<AppealId> = (0..4).map(|_| file_consultation(db, &fx)).collect();
    let c = &mut *conn(db);
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).expect("valid");
    // (status, register by, deadline): a queue shows a submitted appeal's registration
    // deadline, so its «by deadline» order is by that, not by the deadline further away
    let dates = [("submitted", 3, 30), ("submitted", 7, 20), ("submitted", 4, 25), ("registered", 1, 5)];
    for (id, (status, register_by, due)) in ids.iter().zip(dates) {
        diesel::update(a::table.find(id.0))
            .set((a::status.eq(status), a::register_by.eq(day(register_by)), a::due_on.eq(day(due))))
            .execute(c)
            .expect("dates");
    }
    let order = |c: &mut _, queue: Queue, descending: bool| {
        let mut q = QueueQuery { sort: SortKey::Due, descending, limit: 1, ..queue_query(queue) };
        let mut seen = Vec::new();
        loop {
            let page = appeals::queue(c, &q).expect("page");
            let Some(last) = page.last() else { break };
            q.after = Some(last.cursor.clone());
            seen.extend(page.iter().map(|r| ids.iter().position(|id| *id == r.id).expect("ours")));
        }
        seen
    };
    assert_eq!(order(c, Queue::New, false), [0, 2, 1], "by the registration deadline");
    assert_eq!(order(c, Queue::New, true), [1, 2, 0]);
    assert_eq!(order(c, Queue::All, false), [0, 2, 3, 1], "the 5th between the 4th and the 7th");
    assert_eq!(order(c, Queue::All, true), [1, 3, 2, 0]);
});

db_test!(pins_are_issued_once_revoked_and_locked_out, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issuer = Issuer {
        name: "Орлова А. И.".to_owned(),
        clerk: Some(fx.clerk.id),
        audit: AuditActor::clerk("orlova"),
        desk: "окно 1".to_owned(),
    };
    let again = accounts::issue_pin(
        c,
        &IssueRequest { resident: fx.applicant.id, email: None, lang: Lang::Ru, replace: false },
        &issuer,
        now(),
    )
    .expect("no error");
    assert!(matches!(again, IssuePinOutcome::AlreadyActive(ref a) if a.id == fx.account.id));
    let reissued = accounts::issue_pin(
        c,
        &IssueRequest { resident: fx.applicant.id, email: None, lang: Lang::En, replace: true },
        &issuer,
        now(),
    )
    .expect("reissued");
    let IssuePinOutcome::Issued(issued) = reissued else { panic!("replace issues a new PIN") };
    let old = accounts::get(c, fx.account.id).expect("query").expect("present");
    assert!(old.revoked, "the old PIN is revoked");
    let number = issued.account.number.to_string();
    let pin = issued.pin.reveal_grouped();
    let policy = LockoutPolicy::default();
    let signed = accounts::sign_in(c, &number, &pin.to_lowercase(), &policy, now()).expect("sign in");
    assert!(matches!(signed, ApplicantSignIn::SignedIn(ref a) if a.id == issued.account.id && a.lang == Lang::En));
    let wrong = if pin.starts_with('A') { "CCCC-CCCC" } else { "AAAA-AAAA" };
    let mut outcomes = Vec::new();
    for i in 0..5 {
        outcomes.push(accounts::sign_in(c, &number, wrong, &policy, now() + Duration::seconds(i)).expect("attempt"));
    }
    assert_eq!(outcomes[0], ApplicantSignIn::Failed { attempts_left: Some(4) });
    assert!(matches!(outcomes[4], ApplicantSignIn::Locked { .. }), "{:?}", outcomes[4]);
    // the right PIN does not help while locked
    let locked = accounts::sign_in(c, &number, &pin, &policy, now() + Duration::minutes(1)).expect("attempt");
    assert!(matches!(locked, ApplicantSignIn::Locked { .. }));
    let after = accounts::sign_in(c, &number, &pin, &policy, now() + Duration::minutes(16)).expect("attempt");
    assert!(matches!(after, ApplicantSignIn::SignedIn(_)), "{after:?}");
    // an old, revoked account and an unknown number look the same as a real one: counted
    let old_number = fx.account.number.to_string();
    assert_eq!(
        accounts::sign_in(c, &old_number, &pin, &policy, now()).expect("attempt"),
        ApplicantSignIn::Failed { attempts_left: Some(4) }
    );
    let unknown = unknown_number(c);
    assert_eq!(
        accounts::sign_in(c, &unknown, &pin, &policy, now()).expect("attempt"),
        ApplicantSignIn::Failed { attempts_left: Some(4) }
    );
    // only a malformed number (which the server refuses before any lookup) gets no count
    assert_eq!(
        accounts::sign_in(c, "0000000000", &pin, &policy, now()).expect("attempt"),
        ApplicantSignIn::Failed { attempts_left: None }
    );
    let revoked = accounts::revoke(c, &issued.account.number, "lost slip", &admin(), now()).expect("revoked");
    assert!(revoked.revoked);
    // QA: a second revocation said only «уже отозван»: when and why are said now
    let again = accounts::revoke(c, &issued.account.number, "", &admin(), now()).expect_err("revoked already");
    assert!(matches!(&again, accounts::PinError::AlreadyRevoked { reason, .. } if reason == "lost slip"), "{again:?}");
    let text = again.message().render(Lang::Ru);
    assert!(text.starts_with("ПИН-код этого личного кабинета уже отозван ") && text.ends_with(" (мск): «lost slip»."));
    let reissued = accounts::PinError::AlreadyRevoked { at: now(), reason: "reissued".into() };
    assert!(reissued.message().render(Lang::Ru).ends_with(" (мск): выдан новый ПИН-код."));
    let stored_hash: String = crate::store::schema::accounts::table
        .find(issued.account.id.0)
        .select(crate::store::schema::accounts::pin_hash)
        .first(c)
        .expect("row");
    assert!(stored_hash.starts_with("$argon2id$") && !stored_hash.contains(&pin.replace('-', "")));
});

db_test!(the_resident_chooses_the_language_of_their_letters, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let lang = |c: &mut DbConn| accounts::get(c, fx.account.id).expect("query").expect("present").lang;
    let before = lang(c);
    let other = if before == Lang::Ru { Lang::En } else { Lang::Ru };
    assert!(accounts::set_lang(c, fx.account.id, other).expect("set"));
    assert_eq!(lang(c), other);
    accounts::revoke(c, &fx.account.number, "lost slip", &admin(), now()).expect("revoked");
    assert!(!accounts::set_lang(c, fx.account.id, before).expect("no error"), "a revoked account keeps its language");
    assert_eq!(lang(c), other);
});

db_test!(a_lockout_counted_while_a_pin_is_verified_wins, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issuer =
        Issuer { name: "Орлова А. И.".to_owned(), clerk: None, audit: admin(), desk: "окно 1".to_owned() };
    let request = IssueRequest { resident: fx.applicant.id, email: None, lang: Lang::Ru, replace: true };
    let IssuePinOutcome::Issued(issued) = accounts::issue_pin(c, &request, &issuer, now()).expect("issued") else {
        panic!("replace issues a new PIN")
    };
    let number = issued.account.number.to_string();
    let pin = issued.pin.reveal_grouped();
    let wrong = if pin.starts_with('A') { "CCCC-CCCC" } else { "AAAA-AAAA" };
    let policy = LockoutPolicy::default();
    // This server looks the account up and verifies the right PIN (argon2, no connection held)…
    let attempt = accounts::sign_in_lookup(c, &number, &pin, now()).expect("lookup");
    assert!(attempt.locked().is_none());
    assert!(attempt.verify().expect("verified"));
    // …while another server counts enough wrong PINs to lock the account.
    for i in 0..5 {
        accounts::sign_in(c, &number, wrong, &policy, now() + Duration::seconds(i)).expect("attempt");
    }
    let outcome = accounts::sign_in_finish(c, &attempt, true, &policy, now() + Duration::seconds(6)).expect("finish");
    assert!(matches!(outcome, ApplicantSignIn::Locked { .. }), "{outcome:?}");
    // A wrong PIN's outcome is recorded by the last step; an unknown number verifies a dummy.
    let unknown = unknown_number(c);
    let unknown = accounts::sign_in_lookup(c, &unknown, &pin, now()).expect("lookup");
    assert!(!unknown.verify().expect("dummy"));
    assert_eq!(
        accounts::sign_in_finish(c, &unknown, false, &policy, now()).expect("finish"),
        ApplicantSignIn::Failed { attempts_left: Some(4) }
    );
});

db_test!(clerks_sign_in_with_lockout_and_can_be_disabled, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let hash = clerks::hash_password("correct horse battery").expect("hash");
    let district = DistrictCode::new(ARBAT);
    clerks::add(
        c,
        &clerks::NewClerk {
            login: "Kuznetsova",
            full_name: "Кузнецова Е. В.",
            role: Role::Clerk,
            district: Some(&district),
            password: "",
        },
        &hash,
        &admin(),
        now(),
    )
    .expect("added");
    assert!(matches!(
        clerks::add(
            c,
            &clerks::NewClerk {
                login: "kuznetsova",
                full_name: "X",
                role: Role::Clerk,
                district: Some(&district),
                password: ""
            },
            &hash,
            &admin(),
            now()
        ),
        Err(clerks::ClerkError::LoginTaken(_))
    ));
    assert!(matches!(
        clerks::add(
            c,
            &clerks::NewClerk { login: "nodistrict", full_name: "X", role: Role::Clerk, district: None, password: "" },
            &hash,
            &admin(),
            now()
        ),
        Err(clerks::ClerkError::DistrictRequired(Role::Clerk))
    ));
    assert!(matches!(clerks::hash_password("short"), Err(clerks::ClerkError::WeakPassword)));
    let policy = LockoutPolicy::default();
    let ok = clerks::sign_in(c, "KUZNETSOVA", "correct horse battery", &policy, now()).expect("sign in");
    assert!(matches!(ok, clerks::SignInOutcome::SignedIn(ref k) if k.login == "kuznetsova"));
    let failed = clerks::sign_in(c, "kuznetsova", "wrong", &policy, now()).expect("sign in");
    assert_eq!(failed, clerks::SignInOutcome::Failed { attempts_left: Some(4) });
    assert_eq!(
        clerks::sign_in(c, "nobody", "wrong", &policy, now()).expect("sign in"),
        clerks::SignInOutcome::Failed { attempts_left: None }
    );
    assert!(clerks::set_disabled(c, "kuznetsova", true, &admin(), now()).expect("disabled").is_some());
    // QA: disabling again was audited as another disabling and moved the time it happened
    let everything = audit::AuditFilter { limit: 1000, ..Default::default() };
    let before = audit::list(c, &everything).expect("audit").len();
    let later = now() + Duration::hours(1);
    assert!(clerks::set_disabled(c, "kuznetsova", true, &admin(), later).expect("again").is_none());
    assert_eq!(audit::list(c, &everything).expect("audit").len(), before, "nothing happened, nothing audited");
    let kept = clerks::get_by_login(c, "kuznetsova").expect("get").expect("there");
    assert!(kept.disabled, "still disabled");
    assert_eq!(
        clerks::sign_in(c, "kuznetsova", "correct horse battery", &policy, now()).expect("sign in"),
        clerks::SignInOutcome::Disabled
    );
    let moved = clerks::set_role(c, "kuznetsova", Role::Supervisor, &admin(), now()).expect("role");
    assert_eq!(moved.role, Role::Supervisor);
});

db_test!(unlocking_a_terminal_is_a_sign_in_audited_as_an_unlock, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let hash = clerks::hash_password("correct horse battery").expect("hash");
    let district = DistrictCode::new(ARBAT);
    let new = clerks::NewClerk {
        login: "petrova",
        full_name: "Петрова А. А.",
        role: Role::Clerk,
        district: Some(&district),
        password: "",
    };
    clerks::add(c, &new, &hash, &admin(), now()).expect("added");
    let policy = LockoutPolicy::default();
    let actions = |c: &mut DbConn, action: &str| {
        audit::list(
            c,
            &audit::AuditFilter {
                action: Some(action.to_owned()),
                subject: Some("clerk:petrova".to_owned()),
                limit: 100,
                ..Default::default()
            },
        )
        .expect("audit")
    };
    clerks::record_screen_locked(c, "petrova", Some(10), now()).expect("locked");
    clerks::record_screen_locked(c, "petrova", None, now()).expect("locked");
    let locked = actions(c, "clerk_screen_locked");
    assert_eq!(locked.len(), 2);
    assert!(locked.iter().any(|e| e.details.contains("\"idle_minutes\":10")), "{locked:?}");
    // a wrong password counts towards the same lockout as a sign-in's
    assert_eq!(
        clerks::sign_in(c, "petrova", "wrong", &policy, now()).expect("attempt"),
        clerks::SignInOutcome::Failed { attempts_left: Some(4) }
    );
    assert_eq!(
        clerks::unlock(c, "petrova", "wrong", &policy, now()).expect("attempt"),
        clerks::SignInOutcome::Failed { attempts_left: Some(3) }
    );
    assert_eq!(actions(c, "clerk_sign_in_failed").len(), 2);
    let ok = clerks::unlock(c, "petrova", "correct horse battery", &policy, now()).expect("unlock");
    assert!(matches!(ok, clerks::SignInOutcome::SignedIn(ref k) if k.login == "petrova"));
    assert_eq!(actions(c, "clerk_screen_unlocked").len(), 1);
    assert_eq!(actions(c, "clerk_signed_in").len(), 0, "an unlock is no new sign-in");
});

db_test!(an_administrator_without_a_district_becomes_a_clerk_in_one_change, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let before = count_rows(c, "audit_log").expect("count");
    let hash = clerks::hash_password("correct horse battery").expect("hash");
    let new =
        clerks::NewClerk { login: "admin1", full_name: "X", role: Role::Administrator, district: None, password: "" };
    clerks::add(c, &new, &hash, &admin(), now()).expect("added");
    assert!(matches!(
        clerks::set_role(c, "admin1", Role::Clerk, &admin(), now()),
        Err(clerks::ClerkError::DistrictRequired(Role::Clerk))
    ));
    let unknown = DistrictCode::parse("0999").expect("code");
    assert!(matches!(
        clerks::set_role_in(c, "admin1", Role::Clerk, Some(&unknown), &admin(), now()),
        Err(clerks::ClerkError::UnknownDistrict(_))
    ));
    let arbat = DistrictCode::new(ARBAT);
    let moved = clerks::set_role_in(c, "admin1", Role::Clerk, Some(&arbat), &admin(), now()).expect("both");
    assert_eq!((moved.role, moved.district), (Role::Clerk, Some(arbat)));
    // added, role changed, district changed: the refused attempts left nothing
    assert_eq!(count_rows(c, "audit_log").expect("count") - before, 3);
});

db_test!(confirmation_links_confirm_once, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issued = accounts::issue_pin(
        c,
        &IssueRequest {
            resident: fx.applicant.id,
            email: EmailAddress::parse("m@example.invalid"),
            lang: Lang::Ru,
            replace: true,
        },
        &Issuer { name: "x".to_owned(), clerk: None, audit: admin(), desk: "cli".to_owned() },
        now(),
    )
    .expect("issued");
    let IssuePinOutcome::Issued(issued) = issued else { panic!("issued") };
    assert!(!issued.account.email_confirmed);
    let token = issued.confirmation.expect("an address was given");
    assert_eq!(
        accounts::confirm(c, "nonsense-token-that-is-long-enough", now()).expect("ok"),
        accounts::ConfirmOutcome::Invalid
    );
    assert_eq!(
        accounts::confirm(c, &token, now()).expect("ok"),
        accounts::ConfirmOutcome::AccountConfirmed(issued.account.id)
    );
    assert_eq!(accounts::confirm(c, &token, now()).expect("ok"), accounts::ConfirmOutcome::AlreadyConfirmed);
    assert!(accounts::get(c, issued.account.id).expect("query").expect("present").email_confirmed);
    let kinds: Vec<_> = appeals::events_of(c, Subject::Account(issued.account.id))
        .expect("events")
        .into_iter()
        .map(|e| e.kind.name())
        .collect();
    assert_eq!(kinds, ["confirmation_requested", "email_confirmed"]);
    // the token itself is not stored
    let stored: Vec<String> = crate::store::schema::email_confirmations::table
        .select(crate::store::schema::email_confirmations::token_hash)
        .load(c)
        .expect("rows");
    assert!(!stored.contains(&token));
});

db_test!(questions_wait_for_confirmation_then_get_answered, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let draft =
        QuestionDraft::parse("Сидоров Иван", "ivan@example.invalid", "Когда починят фонарь у дома 5?").expect("valid");
    let asked = questions::ask(c, &DistrictCode::new(ARBAT), &draft, Lang::Ru, cal(), now()).expect("asked");
    assert_eq!(questions::open_count(c, &DistrictCode::new(ARBAT)).expect("count"), 0, "unconfirmed questions wait");
    assert!(matches!(
        questions::answer(c, asked.id, &fx.clerk, "Ответ", now()),
        Err(questions::QuestionError::NotOpen)
    ));
    assert_eq!(
        accounts::confirm(c, &asked.confirmation, now()).expect("ok"),
        accounts::ConfirmOutcome::QuestionConfirmed(asked.id)
    );
    let queue = questions::open_queue(c, &DistrictCode::new(ARBAT), None, None, 10).expect("queue");
    assert_eq!(queue.len(), 1);
    let search = |c: &mut DbConn, text: &str| {
        questions::open_queue(c, &DistrictCode::new(ARBAT), Some(text), None, 10).expect("search").len()
    };
    assert_eq!(search(c, "СИДОРОВ"), 1, "by name, any case");
    assert_eq!(search(c, "ivan@example"), 1, "by e-mail");
    assert_eq!(search(c, "Фонарь у дома"), 1, "by the text");
    assert_eq!(search(c, "сидоров, фонарь!"), 1, "every word, anywhere, punctuation ignored");
    assert_eq!(search(c, "сидоров трубы"), 0, "every word must be there");
    assert_eq!(search(c, "Петров"), 0);
    questions::answer(c, asked.id, &fx.clerk, "Фонарь починят до 10 декабря.", now()).expect("answered");
    let (q, _) = questions::get(c, asked.id).expect("query").expect("present");
    assert_eq!(q.status, QuestionStatus::Answered);
    let kinds: Vec<_> = appeals::events_of(c, Subject::Question(asked.id))
        .expect("events")
        .into_iter()
        .map(|e| e.kind.name())
        .collect();
    assert_eq!(kinds, ["confirmation_requested", "email_confirmed", "question_answered"]);
    let other = Clerk { district: Some(DistrictCode::new(KHAMOVNIKI)), ..fx.clerk.clone() };
    assert!(matches!(questions::answer(c, asked.id, &other, "x", now()), Err(questions::QuestionError::NotFound)));
});

db_test!(visit_document_goes_through_originals_to_hand_over, |db: &TestDb| {
    let fx = setup(db);
    let id = extract_at_first_stage(db, &fx);
    // The applicant is never asked to come on a day off: Sunday 13 December, or 4 January
    // (New Year holidays), is refused with the next working day.
    let day = |m, d| NaiveDate::from_ymd_opt(if m == 1 { 2027 } else { 2026 }, m, d).expect("valid");
    let originals_by = |by| Command::RequestOriginals {
        originals: vec![OriginalCode::new("passport")],
        place: "окно 3".to_owned(),
        by,
    };
    match decide(db, id, originals_by(day(12, 13)), &fx.clerk) {
        Err(DecideError::DayOff { day: off, next }) => assert_eq!((off, next), (day(12, 13), day(12, 14))),
        other => panic!("{other:?}"),
    }
    match decide(db, id, originals_by(day(1, 4)), &fx.clerk) {
        Err(DecideError::DayOff { next, .. }) => assert_eq!(next, day(1, 11)),
        other => panic!("{other:?}"),
    }
    decide(db, id, originals_by(day(12, 10)), &fx.clerk).expect("originals");
    // the originals queue lists the day they are due, which the appeal's deadline is not
    let rows = appeals::queue(&mut conn(db), &queue_query(Queue::Originals)).expect("queue");
    assert_eq!(rows.iter().map(|r| (r.id, r.originals_by)).collect::<Vec<_>>(), [(id, Some(day(12, 10)))]);
    decide(db, id, Command::OriginalsReceived, &fx.clerk).expect("brought");
    let rows = appeals::queue(&mut conn(db), &queue_query(Queue::All)).expect("queue");
    assert_eq!(rows.iter().map(|r| (r.id, r.originals_by)).collect::<Vec<_>>(), [(id, None)], "brought");
    let saturday = Pickup {
        place: "окно 3".to_owned(),
        hours: "пн–чт 9:00–18:00".to_owned(),
        from: day(12, 12),
        bring: "паспорт".to_owned(),
    };
    let refused = decide(db, id, Command::MarkReady { pickup: saturday }, &fx.clerk).expect_err("a Saturday");
    assert!(matches!(refused, DecideError::DayOff { .. }), "{refused:?}");
    assert_eq!(
        refused.message().render(Lang::Ru),
        "12.12.2026 — нерабочий день, управа закрыта. Выберите рабочий день, например 14.12.2026."
    );
    decide(
        db,
        id,
        Command::MarkReady {
            pickup: Pickup {
                place: "ул. Новый Арбат, д. 36, окно 3".to_owned(),
                hours: "пн–чт 9:00–18:00".to_owned(),
                from: NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid"),
                bring: "паспорт".to_owned(),
            },
        },
        &fx.clerk,
    )
    .expect("ready");
    // the ready queue lists the first day the document can be collected
    let rows = appeals::queue(&mut conn(db), &queue_query(Queue::Ready)).expect("queue");
    assert_eq!(rows.iter().map(|r| (r.id, r.pickup_from)).collect::<Vec<_>>(), [(id, Some(day(12, 7)))]);
    decide(
        db,
        id,
        Command::HandOver {
            collected_by: "Иванова М. П.".to_owned(), id_document: "паспорт 45 00 123456".to_owned()
        },
        &fx.clerk,
    )
    .expect("handed over");
    assert_eq!(
        event_kinds(db, id),
        ["filed", "registered", "stage_started", "originals_requested", "originals_received", "ready", "handed_over"]
    );
    let c = &mut *conn(db);
    let counts = reports::appeal_counts(c, None, None, None).expect("report");
    assert_eq!(counts.len(), 1);
    assert_eq!(
        (counts[0].service.code.as_str(), counts[0].status, counts[0].count),
        ("house-register-extract", StatusKind::Issued, 1)
    );
    let times = reports::time_to_decision(c, None, None, None).expect("report");
    assert_eq!(times.by_service[0].stats.decided, 1);
});

db_test!(reports_name_services_by_title_in_catalogue_and_machine_order, |db: &TestDb| {
    let fx = setup(db);
    let waiting = file_consultation(db, &fx);
    let answered = file_consultation(db, &fx);
    decide(db, answered, register(), &fx.clerk).expect("registered");
    decide(db, answered, Command::Answer { text: "Ответ.".to_owned() }, &fx.clerk).expect("answered");
    let extract = extract_at_first_stage(db, &fx);
    appeals::assign(&mut conn(db), extract, Some(fx.clerk.id), &fx.clerk, now()).expect("taken");
    let c = &mut *conn(db);
    let counts = reports::appeal_counts(c, None, None, None).expect("report");
    let rows: Vec<_> = counts.iter().map(|r| (r.service.title(Lang::Ru), r.status, r.count)).collect();
    // the catalogue's order (the extract before the consultation), then the status machine's
    assert_eq!(
        rows,
        [
            ("Выписка из домовой книги", StatusKind::InProgress, 1),
            ("Консультация специалиста управы района", StatusKind::Submitted, 1),
            ("Консультация специалиста управы района", StatusKind::Answered, 1),
        ]
    );
    assert_eq!(counts[0].service.code, "house-register-extract");
    assert_eq!(counts[0].service.title(Lang::En), "Extract from the house register");

    // two months on, the unregistered consultation is late to be registered, the extract late
    let today = NaiveDate::from_ymd_opt(2027, 2, 15).expect("valid");
    let late = reports::overdue(c, Some(ARBAT), today).expect("report");
    let waiting = appeals::get(c, waiting).expect("query").expect("present");
    let extract = appeals::get(c, extract).expect("query").expect("present");
    assert_eq!(late.len(), 2, "{late:?}");
    let by_number = |n: &AppealNumber| late.iter().find(|r| r.number == n.to_string()).expect("listed");
    let w = by_number(&waiting.number);
    assert_eq!(
        (w.deadline, w.due, w.clerk.as_ref()),
        (reports::OverdueDeadline::Registration, waiting.register_by, None)
    );
    let e = by_number(&extract.number);
    assert_eq!((e.deadline, e.due), (reports::OverdueDeadline::Service, extract.due));
    assert_eq!(e.clerk.as_ref().map(|k| k.full_name.as_str()), Some("Орлова Анна Игоревна"));
    assert_eq!(e.service.title(Lang::Ru), "Выписка из домовой книги");
    assert!(late[0].days_overdue >= late[1].days_overdue, "most overdue first");

    let times = reports::time_to_decision(c, Some(ARBAT), None, None).expect("report");
    let services: Vec<_> = times.by_service.iter().map(|t| t.service.code.as_str()).collect();
    assert_eq!(services, ["house-register-extract", "consultation"]);
    assert_eq!(times.all.as_ref().map(|a| a.decided), Some(2), "over all services: {times:?}");
    let tomorrow = (now() + Duration::days(1)).naive_utc();
    assert_eq!(
        reports::time_to_decision(c, None, None, Some(tomorrow)).expect("report").all.map(|a| a.decided),
        Some(2)
    );
    let before = now().naive_utc();
    let none = reports::time_to_decision(c, None, None, Some(before)).expect("report");
    assert!(none.by_service.is_empty() && none.all.is_none(), "filed before `until` only: {none:?}");
});

db_test!(no_visit_certificate_is_issued_electronically_with_its_document, |db: &TestDb| {
    let fx = setup(db);
    let FileOutcome::Filed { id, .. } = file(
        db,
        &fx,
        "large-family-certificate",
        &[
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
        ],
    ) else {
        panic!("filed")
    };
    decide(db, id, register(), &fx.clerk).expect("registered");
    decide(db, id, Command::NextStage, &fx.clerk).expect("stage");
    let c = &mut *conn(db);
    let upload = appeals::DocumentUpload {
        file_name: "/srv/docs/udostoverenie.pdf",
        media_type: "application/pdf",
        content: b"%PDF-1.7 test",
    };
    let meta = appeals::issue_electronically(c, id, &fx.clerk, &upload, cal(), now()).expect("issued");
    assert_eq!(meta.file_name, "udostoverenie.pdf");
    assert_eq!(meta.sha256, crate::token::hex(&<sha2::Sha256 as sha2::Digest>::digest(b"%PDF-1.7 test")));
    let appeal = appeals::get(c, id).expect("query").expect("present");
    assert_eq!(appeal.status.kind(), StatusKind::IssuedElectronically);
    let (_, content) = appeals::document_content(c, id, meta.id).expect("query").expect("present");
    assert_eq!(content, b"%PDF-1.7 test");
    assert!(appeals::document_content(c, AppealId(id.0 + 1000), meta.id).expect("query").is_none());
});

db_test!(supervisors_extend_once_and_reassign, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let c = &mut *conn(db);
    assert!(matches!(
        appeals::extend_deadline(c, id, &fx.clerk, 10, "Запрос в ГУ ИС", cal(), now()),
        Err(DecideError::NotSupervisor)
    ));
    appeals::decide(c, id, register(), &DecisionBy::Clerk(fx.clerk.clone()), cal(), now()).expect("registered");
    let before = appeals::get(c, id).expect("query").expect("present").due;
    let to =
        appeals::extend_deadline(c, id, &fx.supervisor, 30, "Нужен запрос в ГУ ИС", cal(), now()).expect("extended");
    assert!(to > before);
    let again = appeals::extend_deadline(c, id, &fx.supervisor, 5, "Ещё раз", cal(), now());
    assert!(matches!(again, Err(DecideError::Extension(crate::clock::ExtensionError::AlreadyExtended))), "{again:?}");
    let appeal = appeals::get(c, id).expect("query").expect("present");
    assert_eq!(appeal.extension.as_ref().map(|e| e.from), Some(before));
    appeals::assign(c, id, Some(fx.clerk.id), &fx.clerk, now()).expect("a clerk takes a free appeal");
    assert!(matches!(
        appeals::assign(c, id, Some(fx.supervisor.id), &fx.clerk, now()),
        Err(DecideError::NotSupervisor)
    ));
    appeals::assign(c, id, Some(fx.supervisor.id), &fx.supervisor, now()).expect("a supervisor reassigns");
    appeals::send_message(c, id, &fx.clerk, "Ваше обращение рассматривается.", now()).expect("message");
    let kinds: Vec<_> = appeals::timeline(c, id).expect("timeline").into_iter().map(|e| e.kind.name()).collect();
    assert_eq!(kinds, ["filed", "registered", "deadline_extended", "message"]);
    let other_district = Clerk { district: Some(DistrictCode::new(KHAMOVNIKI)), ..fx.clerk.clone() };
    assert!(matches!(appeals::send_message(c, id, &other_district, "x", now()), Err(DecideError::NotFound)));
});

db_test!(appeals_stay_with_the_resident_when_the_pin_is_reissued, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let c = &mut *conn(db);
    let reissued = accounts::issue_pin(
        c,
        &IssueRequest { resident: fx.applicant.id, email: None, lang: Lang::Ru, replace: true },
        &Issuer { name: "x".to_owned(), clerk: None, audit: admin(), desk: "cli".to_owned() },
        now(),
    )
    .expect("reissued");
    let IssuePinOutcome::Issued(new) = reissued else { panic!("issued") };
    assert!(appeals::get_for_account(c, new.account.id, id).expect("query").is_some());
    assert_eq!(appeals::list_for_account(c, new.account.id, None, 10).expect("list").len(), 1);
    appeals::decide(c, id, Command::Withdraw, &DecisionBy::Applicant(new.account.id), cal(), now())
        .expect("withdrawn with the new PIN");
});

db_test!(a_pin_that_stops_working_is_mailed_to_the_address_the_resident_confirmed, |db: &TestDb| {
    use crate::store::schema::{events, outbox};
    let fx = setup(db);
    let c = &mut *conn(db);
    let reissue = |c: &mut DbConn| {
        let outcome = accounts::issue_pin(
            c,
            &IssueRequest {
                resident: fx.applicant.id,
                email: EmailAddress::parse("maria@example.invalid"),
                lang: Lang::Ru,
                replace: true,
            },
            &Issuer { name: "x".to_owned(), clerk: None, audit: admin(), desk: "окно 2".to_owned() },
            now(),
        )
        .expect("reissued");
        let IssuePinOutcome::Issued(new) = outcome else { panic!("issued") };
        new
    };
    // (recipient, why) of every letter about a PIN that stopped working
    let letters = |c: &mut DbConn| -> Vec<(String, String)> {
        outbox::table
            .inner_join(events::table)
            .filter(events::kind.eq("pin_revoked"))
            .order(outbox::id.asc())
            .select((outbox::recipient, events::payload))
            .load::<(String, String)>(c)
            .expect("letters")
            .into_iter()
            .map(|(to, payload)| {
                let payload: serde_json::Value = serde_json::from_str(&payload).expect("json");
                (to, payload["why"].as_str().expect("why").to_owned())
            })
            .collect()
    };
    // an address nobody confirmed learns nothing of the PIN: the event is kept, no letter
    let second = reissue(c);
    assert_eq!(
        appeals::events_of(c, Subject::Account(fx.account.id)).expect("events").last().map(|e| e.kind.name()),
        Some("pin_revoked")
    );
    assert!(letters(c).is_empty());
    let token = second.confirmation.expect("a link for the address");
    accounts::confirm(c, &token, now()).expect("confirmed");
    // a PIN issued in place of one with a confirmed address: that address is told
    let third = reissue(c);
    assert_eq!(letters(c), [("maria@example.invalid".to_owned(), "reissued".to_owned())]);
    // revoked by the council: told too
    accounts::revoke(c, &third.account.number, "по заявлению", &admin(), now()).expect("revoked");
    assert_eq!(letters(c).last(), Some(&("maria@example.invalid".to_owned(), "revoked".to_owned())));
    assert_eq!(letters(c).len(), 2);
});

db_test!(applicants_only_withdraw_their_own_appeals, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let c = &mut *conn(db);
    let stranger = accounts::Account { id: crate::domain::ids::AccountId(fx.account.id.0 + 99), ..fx.account.clone() };
    let by_stranger = appeals::decide(c, id, Command::Withdraw, &DecisionBy::Applicant(stranger.id), cal(), now());
    assert!(matches!(by_stranger, Err(DecideError::NotFound)));
    let register_by_applicant = appeals::decide(c, id, register(), &DecisionBy::Applicant(fx.account.id), cal(), now());
    assert!(matches!(register_by_applicant, Err(DecideError::NotFound)));
    assert!(appeals::get_for_account(c, stranger.id, id).expect("query").is_none());
    appeals::decide(c, id, Command::Withdraw, &DecisionBy::Applicant(fx.account.id), cal(), now()).expect("withdrawn");
    assert_eq!(
        appeals::list_for_account(c, fx.account.id, None, 10).expect("list")[0].status.kind(),
        StatusKind::Withdrawn
    );
});

// ---------------------------------------------------------------------------------------
// Registry import

const HEADER: &str =
    "id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind\n";

fn csv(rows: &[&str]) -> String {
    let mut s = HEADER.to_owned();
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn import(db: &TestDb, text: &str) -> Result<crate::store::import::ImportSummary, ImportFailure> {
    let settings = ImportSettings::new("test.csv", ImportOptions::new(crate::clock::moscow_date(now())), admin());
    import_registry(&mut conn(db), text.as_bytes(), &settings, now())
}

fn state(db: &TestDb) -> (i64, i64, i64, Vec<(String, String)>) {
    let c = &mut *conn(db);
    let residents: Vec<(String, String)> = crate::store::schema::residents::table
        .select((crate::store::schema::residents::registry_id, crate::store::schema::residents::surname))
        .order(crate::store::schema::residents::registry_id.asc())
        .load(c)
        .expect("rows");
    (
        count_rows(c, "residents").expect("count"),
        count_rows(c, "registry_imports").expect("count"),
        count_rows(c, "audit_log").expect("count"),
        residents,
    )
}

db_test!(import_merges_and_marks_leavers, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let summary = import(
        db,
        &csv(&[
            "R1;Иванова;Мария;Петровна;14.03.1985;0412;ул. Новый Арбат;12;;;12А;permanent",
            "R2;Иванов;Пётр;Сергеевич;2012-05-12;0412;ул. Новый Арбат;12;;;12А;permanent",
            "N1;Римская-Корсакова;Алёна;;2001-02-03;0412;Арбат ул;5;2;1;7;contract",
        ]),
    )
    .expect("imported");
    // R1 and R2 are listed as they are: not counted as changed
    assert_eq!((summary.rows, summary.inserted, summary.updated, summary.unchanged), (3, 1, 0, 2));
    // R3, R4, R5 of district 0412 are not in the file: they left
    assert_eq!(summary.left, 3);
    assert_eq!(summary.pins_revoked, 0);
    let c = &mut *conn(db);
    let r3 = residents::by_registry_id(c, "R3").expect("query").expect("kept");
    assert!(r3.left, "left residents are kept for the record, marked");
    let n1 = residents::by_registry_id(c, "N1").expect("query").expect("inserted");
    assert_eq!(n1.address.structure.as_deref(), Some("1"));
    drop(n1);
    // R1 leaves next: her PIN is revoked and her open appeal flagged
    let summary = import(db, &csv(&["R2;Иванов;Пётр;Сергеевич;2012-05-12;0412;ул. Новый Арбат;12;;;12А;permanent"]))
        .expect("imported");
    assert_eq!((summary.left, summary.pins_revoked, summary.appeals_flagged), (2, 1, 1));
    let c = &mut *conn(db);
    assert!(accounts::get(c, fx.account.id).expect("query").expect("present").revoked);
    // her unsent confirmation letter goes with the PIN, as for any revocation
    let letters: i64 = crate::store::schema::outbox::table
        .inner_join(crate::store::schema::events::table)
        .filter(crate::store::schema::outbox::status.eq("pending"))
        .filter(crate::store::schema::events::account_id.eq(fx.account.id.0))
        .filter(crate::store::schema::events::kind.eq("confirmation_requested"))
        .count()
        .get_result(c)
        .expect("count");
    assert_eq!(letters, 0);
    assert!(appeals::get(c, id).expect("query").expect("present").resident_left);
    // another district's residents are untouched by a file of 0412 only
    districts::save(c, &district("0500", "Тверской")).expect("district");
    let summary =
        import(db, &csv(&["T1;Тверская;Анна;;1990-01-01;0500;ул. Тверская;1;;;1;permanent"])).expect("imported");
    assert_eq!(summary.left, 0);
    assert!(!residents::by_registry_id(&mut conn(db), "R2").expect("query").expect("present").left);
});

db_test!(a_reimport_counts_changed_records_apart_from_unchanged_ones, |db: &TestDb| {
    setup(db);
    let r1 = "R1;Иванова;Мария;Петровна;1985-03-14;0412;ул. Новый Арбат;12;;;12А;permanent";
    let r2 = "R2;Иванов;Пётр;Сергеевич;2012-05-12;0412;ул. Новый Арбат;12;;;12А;permanent";
    let r3 = "R3;Иванова;Алёна;Сергеевна;2014-01-30;0412;ул. Новый Арбат;12;;;12А;permanent";
    let counts = |s: &crate::store::import::ImportSummary| (s.inserted, s.updated, s.unchanged, s.left);
    // R3, R4, R5 leave
    let summary = import(db, &csv(&[r1, r2])).expect("imported");
    assert_eq!(counts(&summary), (0, 0, 2, 3));
    // the same file again changes nothing
    let summary = import(db, &csv(&[r1, r2])).expect("imported");
    assert_eq!(counts(&summary), (0, 0, 2, 0));
    // R2 moves to another flat, R3 comes back with her data unchanged: both count as changed
    let moved = r2.replace(";12А;", ";14;");
    let summary = import(db, &csv(&[r1, &moved, r3])).expect("imported");
    assert_eq!(counts(&summary), (0, 2, 1, 0));
    // a patronymic dropped (NULL now) is a change too; the counts are the import's own
    let no_patronymic = r1.replace("Петровна", "");
    let summary = import(db, &csv(&[&no_patronymic, &moved, r3])).expect("imported");
    assert_eq!(counts(&summary), (0, 1, 2, 0));
});

db_test!(a_file_with_bad_rows_reports_every_one_and_changes_nothing, |db: &TestDb| {
    setup(db);
    let before = state(db);
    let mut rows: Vec<String> = (0..2500)
        .map(|i| format!("G{i};Гаврилов;Глеб;Глебович;1980-01-01;0412;ул. Арбат;{};;;{};permanent", i % 50 + 1, i))
        .collect();
    rows[10] = "B1;;Имя;;1980-01-01;0412;ул. Арбат;1;;;1;permanent".to_owned(); // line 12: surname missing
    rows[20] = "B2;Фамилия;Имя;;31.02.1980;0412;ул. Арбат;1;;;1;permanent".to_owned(); // line 22: no such date
    rows[30] = "B3;Фамилия;Имя;;1980-01-01;0999;ул. Арбат;1;;;1;permanent".to_owned(); // line 32: unknown district
    rows[2498] = "G7;Гаврилов;Глеб;Глебович;1980-01-01;0412;ул. Арбат;1;;;1;permanent".to_owned(); // line 2500: only the database sees the duplicate
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let failure = import(db, &csv(&refs)).expect_err("must fail");
    let ImportFailure::Invalid { issues, total, rows } = failure else { panic!("{failure:?}") };
    assert_eq!(rows, 2500);
    assert_eq!(total, 4, "{issues:?}");
    let lines: Vec<u64> = issues.iter().map(ImportIssue::line).collect();
    assert_eq!(lines, [12, 22, 32, 2500]);
    assert!(matches!(&issues[0], ImportIssue::Row(e) if e.field == Some(crate::import::Field::Surname)));
    assert!(matches!(&issues[2], ImportIssue::UnknownDistrict { code, .. } if code == "0999"));
    assert_eq!(issues[3], ImportIssue::DuplicateId { line: 2500, id: "G7".to_owned() });
    let text = issues[3].message(Lang::Ru);
    assert!(text.contains("2500") && text.contains("id") && text.contains("G7"), "{text}");
    assert_eq!(state(db), before, "the database is unchanged");
    assert!(matches!(import(db, HEADER), Err(ImportFailure::Empty)));
    assert!(matches!(import(db, "фамилия;имя\nx;y\n"), Err(ImportFailure::Unreadable(_))));
});

// QA: with `--max-errors 3` the list held the first three problems to *arrive*: the reader's
// bad dates (sent in bundles) came before the writer found the repeated id on line 3, which
// was left out, though the administrator mends the file from the top.
db_test!(the_problems_listed_are_the_first_by_line_whoever_found_them, |db: &TestDb| {
    setup(db);
    let repeated = "X1;Иванова;Мария;Петровна;1985-03-14;0412;ул. Новый Арбат;12;;;12А;permanent";
    let mut rows = vec![repeated.to_owned(), repeated.to_owned()]; // lines 2 and 3: only the database sees it
    rows.extend((0..300).map(|i| format!("Y{i};Петров;Пётр;;31.02.1985;0412;ул. Арбат;1;;;{i};permanent")));
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut settings = ImportSettings::new("test.csv", ImportOptions::new(crate::clock::moscow_date(now())), admin());
    settings.max_issues = 3;
    let failure = import_registry(&mut conn(db), csv(&refs).as_bytes(), &settings, now()).expect_err("must fail");
    let ImportFailure::Invalid { issues, total, .. } = failure else { panic!("{failure:?}") };
    assert_eq!(total, 301, "every problem is counted");
    let lines: Vec<u64> = issues.iter().map(ImportIssue::line).collect();
    assert_eq!(lines, [3, 4, 5], "{issues:?}");
    assert_eq!(issues[0], ImportIssue::DuplicateId { line: 3, id: "X1".to_owned() });
    // a row's own problems keep the order the reader gives them
    let two = "Z1;;;;31.02.1985;0412;ул. Арбат;1;;;1;permanent";
    settings.max_issues = 2;
    let failure =
        import_registry(&mut conn(db), csv(&[repeated, two, two]).as_bytes(), &settings, now()).expect_err("fails");
    let ImportFailure::Invalid { issues, total, .. } = failure else { panic!("{failure:?}") };
    assert!(total >= 4, "{issues:?}");
    assert_eq!(issues.iter().map(ImportIssue::line).collect::<Vec<_>>(), [3, 3], "{issues:?}");
    assert!(matches!(&issues[0], ImportIssue::Row(e) if e.field == Some(crate::import::Field::Surname)), "{issues:?}");
    assert!(matches!(&issues[1], ImportIssue::Row(e) if e.field == Some(crate::import::Field::Name)), "{issues:?}");
});

// ---------------------------------------------------------------------------------------
// Whole-store checks

#[test]
fn schemas_of_the_two_backends_agree() {
    let sqlite = TestDb::sqlite().expect("sqlite");
    let Availability::Ready(pg) = TestDb::postgres("schemas_agree").expect("postgres") else { return };
    let a = backend::schema_columns(&mut conn(&sqlite)).expect("sqlite columns");
    let mut b = backend::schema_columns(&mut conn(&pg)).expect("postgres columns");
    b.retain(|(t, _)| a.iter().any(|(t2, _)| t2 == t) || !t.starts_with("__"));
    assert_eq!(a, b);
}

#[test]
fn existing_mode_refuses_a_missing_or_empty_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("absent.sqlite3");
    let url = super::DatabaseUrl::Sqlite(path.clone());
    assert!(matches!(Store::open(&url, OpenMode::Existing), Err(StoreError::DatabaseMissing(_))));
    assert!(!path.exists(), "the terminal must not create a database");
    std::fs::write(&path, b"").expect("empty file");
    assert!(matches!(Store::open(&url, OpenMode::Existing), Err(StoreError::SchemaOutdated { .. })));
    Store::open(&url, OpenMode::Migrate).expect("migrated");
    Store::open(&url, OpenMode::Existing).expect("current now");
}

/// Only the transition code writes an appeal's status: any other `set` of the status columns
/// anywhere in the workspace fails this test.
#[test]
fn only_the_transition_module_writes_a_status() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut offenders = Vec::new();
    for dir in ["core/src", "clerk-tui/src", "intake-server/src", "tests"] {
        scan(&root.join(dir), &mut offenders);
    }
    assert!(offenders.is_empty(), "status written outside `decide_in`: {offenders:?}");

    fn scan(dir: &Path, offenders: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                scan(&path, offenders);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("store/tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let allowed = if path.ends_with("store/appeals.rs") {
                // the body of `decide_in`, and the initial `submitted` of `file_in`'s insert
                let start = text.find("pub(crate) fn decide_in(").unwrap_or(0);
                let end = text[start..].find("\n}\n").map_or(text.len(), |e| start + e);
                Some((start, end))
            } else {
                None
            };
            for needle in ["appeals::status.eq(", "appeals::status_data.eq("] {
                for (pos, _) in text.match_indices(needle) {
                    let before = &text[pos.saturating_sub(400)..pos];
                    let is_write =
                        before.rfind(".set(").is_some_and(|s| before.rfind(".filter(").is_none_or(|f| f < s))
                            || before.rfind(".values(").is_some_and(|s| before.rfind(".filter(").is_none_or(|f| f < s));
                    let inside = allowed.is_some_and(|(s, e)| pos > s && pos < e);
                    let initial_insert = path.ends_with("store/appeals.rs")
                        && before.contains(".values((")
                        && text[pos..].starts_with("appeals::status.eq(status.kind()")
                        || path.ends_with("store/appeals.rs")
                            && before.contains(".values((")
                            && text[pos..].starts_with("appeals::status_data.eq(to_json(&status)");
                    if is_write && !inside && !initial_insert {
                        offenders.push(format!("{}:{}", path.display(), text[..pos].lines().count()));
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Outbox

use super::outbox::{self, FailOutcome, RetryPolicy};
use crate::domain::event::EventKind as EventKindForTest;
use crate::domain::ids::OutboxId;

fn confirm_applicant_email(db: &TestDb, fx: &Fx) {
    let c = &mut *conn(db);
    let issued = accounts::issue_pin(
        c,
        &IssueRequest {
            resident: fx.applicant.id,
            email: EmailAddress::parse("maria@example.invalid"),
            lang: Lang::Ru,
            replace: true,
        },
        &Issuer { name: "x".to_owned(), clerk: None, audit: admin(), desk: "cli".to_owned() },
        now(),
    )
    .expect("issued");
    let IssuePinOutcome::Issued(issued) = issued else { panic!("issued") };
    let token = issued.confirmation.expect("an address was given");
    accounts::confirm(c, &token, now()).expect("confirmed");
}

fn applicant_account(db: &TestDb, fx: &Fx) -> accounts::Account {
    accounts::active_for_resident(&mut conn(db), fx.applicant.id).expect("query").expect("active")
}

fn file_for(db: &TestDb, account: &accounts::Account) -> AppealId {
    let c = &mut *conn(db);
    let svc = catalogue::get(c, "consultation").expect("query").expect("service");
    let form = identity_form(&[("f-topic", "housing"), ("f-question", "?")]);
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    match appeals::file(
        c,
        &FileRequest { account: account.id, draft: &draft, lang: Lang::Ru, corrects: None },
        cal(),
        now(),
    )
    .expect("filed")
    {
        FileOutcome::Filed { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

db_test!(mail_waits_for_a_confirmed_address_and_is_queued_with_its_event, |db: &TestDb| {
    let fx = setup(db);
    // the setup's account has an unconfirmed address: only its confirmation link is queued
    let queued = |db: &TestDb| outbox::list(&mut conn(db), None, 100).expect("list");
    let first = queued(db);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].recipient, "maria@example.invalid");
    file_consultation(db, &fx);
    assert_eq!(queued(db).len(), 1, "no personal data before the address is confirmed");
    confirm_applicant_email(db, &fx);
    let account = applicant_account(db, &fx);
    assert!(account.email_confirmed);
    let id = file_for(db, &account);
    let c = &mut *conn(db);
    appeals::decide(c, id, register(), &DecisionBy::Clerk(fx.clerk.clone()), cal(), now()).expect("registered");
    let rows = outbox::list(c, None, 100).expect("list");
    let for_appeal: Vec<_> = rows.iter().filter(|r| r.appeal_id == Some(id.0)).collect();
    assert_eq!(for_appeal.len(), 2, "filed and registered are both mailed");
    let events: Vec<i64> = for_appeal.iter().map(|r| r.event_id).collect();
    let timeline: Vec<i64> = appeals::timeline(c, id).expect("timeline").iter().map(|e| e.id.0).collect();
    assert!(events.iter().all(|e| timeline.contains(e)));
    // a fault after the event leaves no message either
    let before = count_rows(c, "outbox").expect("count");
    let _ = write_txn(c, |c| {
        appeals::decide_in(
            c,
            id,
            Command::Answer { text: "x".to_owned() },
            None,
            &DecisionBy::Clerk(fx.clerk.clone()),
            cal(),
            now(),
            &|_| Err(StoreError::Migration("injected".to_owned())),
        )
    });
    assert_eq!(count_rows(c, "outbox").expect("count"), before);
});

db_test!(outbox_claims_marks_and_retries, |db: &TestDb| {
    let fx = setup(db);
    confirm_applicant_email(db, &fx);
    let account = applicant_account(db, &fx);
    for _ in 0..4 {
        file_for(db, &account);
    }
    let c = &mut *conn(db);
    let lease = Duration::minutes(5);
    let total = outbox::counts(c, now()).expect("counts").pending;
    assert!(total >= 5, "{total}");
    let a = outbox::claim(c, "worker-a", now(), lease, 3).expect("claim");
    let b = outbox::claim(c, "worker-b", now(), lease, 100).expect("claim");
    assert_eq!(a.len(), 3);
    assert_eq!(a.len() + b.len(), usize::try_from(total).expect("small"));
    assert!(a.iter().all(|x| b.iter().all(|y| x.id != y.id)), "claims are disjoint");
    assert!(outbox::claim(c, "worker-c", now(), lease, 100).expect("claim").is_empty(), "everything is leased");
    assert_eq!(outbox::counts(c, now()).expect("counts").in_flight, total);
    // a lease that expired is taken over; the old holder's marks no longer count
    let later = now() + Duration::minutes(6);
    let taken = outbox::claim(c, "worker-c", later, lease, 1).expect("claim");
    assert_eq!(taken.len(), 1);
    assert_eq!(outbox::mark_sent(c, &[taken[0].id], "worker-a", later).expect("mark"), 0, "lost lease");
    assert_eq!(outbox::mark_sent(c, &[taken[0].id], "worker-c", later).expect("mark"), 1);
    let appeal_mail = a.iter().chain(b.iter()).find(|m| m.appeal.is_some()).expect("an appeal's message").clone();
    let job = outbox::load_job(c, appeal_mail).expect("job");
    assert_eq!(job.addressee.as_deref(), Some("Мария Петровна"));
    assert!(matches!(job.kind, EventKindForTest::Filed { .. }), "{:?}", job.kind);
    assert!(job.appeal.as_ref().is_some_and(|a| a.number.starts_with("ЭП-0412-") && a.service == "consultation"));
    // transient failures back off, then fail; a permanent one fails at once
    let policy = RetryPolicy { max_attempts: 3, base: Duration::seconds(10), max: Duration::seconds(15), jitter: 0.0 };
    let x = b[0].id;
    let r1 = outbox::mark_failed(c, x, "worker-b", "421 try later", false, &policy, now()).expect("fail");
    assert_eq!(r1, FailOutcome::RetryAt(now() + Duration::seconds(10)));
    assert!(
        outbox::claim(c, "worker-b", now() + Duration::seconds(5), lease, 100)
            .expect("claim")
            .iter()
            .all(|m| m.id != x),
        "not before its time"
    );
    let again = outbox::claim(c, "worker-b", now() + Duration::seconds(10), lease, 100).expect("claim");
    assert!(again.iter().any(|m| m.id == x && m.attempts == 1));
    let r2 = outbox::mark_failed(c, x, "worker-b", "421 try later", false, &policy, now()).expect("fail");
    assert_eq!(r2, FailOutcome::RetryAt(now() + Duration::seconds(15)), "capped at max");
    let again = outbox::claim(c, "worker-b", now() + Duration::seconds(15), lease, 100).expect("claim");
    assert!(again.iter().any(|m| m.id == x));
    assert_eq!(outbox::mark_failed(c, x, "worker-b", "421", false, &policy, now()).expect("fail"), FailOutcome::Failed);
    let entry = outbox::get(c, x).expect("query").expect("present");
    assert_eq!((entry.status.as_str(), entry.attempts), ("failed", 3));
    if let Some(appeal) = entry.appeal_id {
        assert!(
            appeals::get(c, AppealId(appeal)).expect("query").expect("present").email_failed,
            "the appeal is flagged"
        );
    }
    let y = b[1].id;
    let again = outbox::claim(c, "worker-b", now() + Duration::minutes(10), lease, 100).expect("claim");
    assert!(again.iter().any(|m| m.id == y));
    assert_eq!(
        outbox::mark_failed(c, y, "worker-b", "550 no such user", true, &policy, now()).expect("fail"),
        FailOutcome::Failed
    );
    assert_eq!(outbox::counts(c, now() + Duration::hours(1)).expect("counts").failed, 2);
    assert_eq!(outbox::retry(c, Some(x), &admin(), now()).expect("retry"), 1);
    assert_eq!(outbox::retry(c, None, &admin(), now()).expect("retry"), 1);
    // a message waiting for a later attempt goes now when the administrator asks
    let later = outbox::claim(c, "worker-c", now(), lease, 1).expect("claim");
    let z = later[0].id;
    outbox::mark_failed(c, z, "worker-c", "421 later", false, &policy, now()).expect("deferred");
    assert!(outbox::get(c, z).expect("query").expect("present").next_attempt_at > now().naive_utc());
    assert_eq!(outbox::hurry(c, Some(z), &admin(), now()).expect("hurry"), 1);
    assert_eq!(outbox::get(c, z).expect("query").expect("present").next_attempt_at, now().naive_utc());
    assert_eq!(outbox::hurry(c, Some(z), &admin(), now()).expect("hurry"), 0, "due already");
    assert_eq!(outbox::counts(c, now()).expect("counts").failed, 0);
    if let Some(appeal) = entry.appeal_id {
        assert!(!appeals::get(c, AppealId(appeal)).expect("query").expect("present").email_failed, "flag cleared");
    }
    let sent = outbox::mark_sent(c, &[OutboxId(-1)], "worker-b", now()).expect("mark");
    assert_eq!(sent, 0);
    assert_eq!(outbox::purge(c, now() + Duration::days(1), &admin(), now()).expect("purge"), 1, "the one sent message");
});

db_test!(a_purged_outbox_id_is_never_given_to_a_new_message, |db: &TestDb| {
    let fx = setup(db);
    confirm_applicant_email(db, &fx);
    let account = applicant_account(db, &fx);
    file_for(db, &account);
    let lease = Duration::minutes(5);
    let sent = {
        let c = &mut *conn(db);
        let claimed = outbox::claim(c, "worker", now(), lease, 100).expect("claim");
        let ids: Vec<OutboxId> = claimed.iter().map(|m| m.id).collect();
        assert_eq!(outbox::mark_sent(c, &ids, "worker", now()).expect("mark"), ids.len());
        // every message is purged, the newest too: the audit log still names their ids
        assert_eq!(outbox::purge(c, now() + Duration::days(1), &admin(), now()).expect("purge"), ids.len());
        ids
    };
    let newest = sent.iter().map(|id| id.0).max().expect("messages were written");
    file_for(db, &account);
    let c = &mut *conn(db);
    let fresh = outbox::claim(c, "worker", now(), lease, 100).expect("claim");
    assert!(!fresh.is_empty());
    assert!(fresh.iter().all(|m| m.id.0 > newest), "{fresh:?} after {newest}");
});

#[test]
fn backoff_doubles_up_to_the_cap_with_bounded_jitter() {
    let p = RetryPolicy { max_attempts: 10, base: Duration::seconds(30), max: Duration::hours(2), jitter: 0.2 };
    assert_eq!(p.backoff(1), Duration::seconds(30));
    assert_eq!(p.backoff(2), Duration::seconds(60));
    assert_eq!(p.backoff(5), Duration::seconds(480));
    assert_eq!(p.backoff(20), Duration::hours(2));
    for _ in 0..200 {
        let j = p.jittered(3).num_milliseconds();
        assert!((96_000..=144_000).contains(&j), "{j}");
    }
}

// ---------------------------------------------------------------------------------------
// What sign-in reveals; confirmation links and their limits

/// A well-formed account number (valid check digit) that no account has.
fn unknown_number(c: &mut DbConn) -> String {
    let mut rng = rand::rng();
    loop {
        let n = crate::account::AccountNumber::generate(&mut rng);
        if accounts::by_number(c, &n).expect("query").is_none() {
            return n.to_string();
        }
    }
}

fn issue_with(c: &mut DbConn, fx: &Fx, email: Option<&str>, at: DateTime<Utc>) -> Box<accounts::IssuedPin> {
    let request = IssueRequest {
        resident: fx.applicant.id,
        email: email.and_then(EmailAddress::parse),
        lang: Lang::Ru,
        replace: true,
    };
    let issuer = Issuer { name: "x".to_owned(), clerk: None, audit: admin(), desk: "cli".to_owned() };
    match accounts::issue_pin(c, &request, &issuer, at).expect("issued") {
        IssuePinOutcome::Issued(issued) => issued,
        IssuePinOutcome::AlreadyActive(_) => panic!("replace issues a new PIN"),
    }
}

db_test!(unknown_and_revoked_numbers_count_down_and_lock_like_real_ones, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issued = issue_with(c, &fx, None, now());
    let real = issued.account.number.to_string();
    let pin = issued.pin.reveal_grouped();
    let wrong = if pin.starts_with('A') { "CCCC-CCCC" } else { "AAAA-AAAA" };
    let revoked = fx.account.number.to_string();
    let unknown = unknown_number(c);
    let policy = LockoutPolicy::default();
    let run = |c: &mut DbConn, number: &str| -> Vec<ApplicantSignIn> {
        (0..7)
            .map(|i| accounts::sign_in(c, number, wrong, &policy, now() + Duration::seconds(i)).expect("attempt"))
            .collect()
    };
    let expected = run(c, &real);
    assert_eq!(expected[0], ApplicantSignIn::Failed { attempts_left: Some(4) });
    assert_eq!(expected[4], ApplicantSignIn::Locked { until: now() + Duration::seconds(4) + Duration::minutes(15) });
    assert_eq!(run(c, &unknown), expected, "an unknown number answers as a real one");
    assert_eq!(run(c, &revoked), expected, "a revoked number answers as a real one");
    // the lockout holds for the stranger too, and ends as a real one's does
    let later = now() + Duration::minutes(20);
    assert_eq!(
        accounts::sign_in(c, &unknown, wrong, &policy, later).expect("attempt"),
        ApplicantSignIn::Failed { attempts_left: Some(4) }
    );
    // the numbers themselves are not stored, only keyed hashes
    let hashes: Vec<String> = crate::store::schema::sign_in_strangers::table
        .select(crate::store::schema::sign_in_strangers::number_hash)
        .load(c)
        .expect("rows");
    assert_eq!(hashes.len(), 2);
    for h in &hashes {
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&unknown) && !h.contains(&revoked));
        assert_ne!(h, &crate::token::hex(&<sha2::Sha256 as sha2::Digest>::digest(unknown.as_bytes())), "keyed");
    }
    // counters nobody failed on for the quiet period are deleted; fresh ones stay
    assert_eq!(accounts::purge_strangers(c, &policy, later).expect("purged"), 0);
    assert_eq!(accounts::purge_strangers(c, &policy, later + Duration::days(2)).expect("purged"), 2);
    assert_eq!(count_rows(c, "sign_in_strangers").expect("count"), 0);
});

db_test!(a_reissue_to_the_confirmed_address_keeps_it_confirmed, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let first = issue_with(c, &fx, Some("maria@example.invalid"), now());
    accounts::confirm(c, first.confirmation.as_deref().expect("a link"), now()).expect("confirmed");
    // the same address (its domain in another case): confirmed still, no new link
    let again = issue_with(c, &fx, Some("maria@EXAMPLE.invalid"), now() + Duration::days(30));
    assert!(again.account.email_confirmed);
    assert_eq!(again.confirmation, None);
    // another address needs its own confirmation, and so does the first one after it
    let other = issue_with(c, &fx, Some("masha@example.invalid"), now() + Duration::days(31));
    assert!(!other.account.email_confirmed);
    assert!(other.confirmation.is_some());
    let back = issue_with(c, &fx, Some("maria@example.invalid"), now() + Duration::days(32));
    assert!(!back.account.email_confirmed, "the previous account had another address");
    assert!(back.confirmation.is_some());
    let none = issue_with(c, &fx, None, now() + Duration::days(33));
    assert!(!none.account.email_confirmed);
});

db_test!(a_replaced_or_revoked_pin_takes_its_unsent_confirmation_letters_with_it, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let pending = |c: &mut DbConn| {
        crate::store::schema::outbox::table
            .filter(crate::store::schema::outbox::status.eq("pending"))
            .count()
            .get_result::<i64>(c)
            .expect("count")
    };
    let letters_of = |c: &mut DbConn, account: crate::domain::ids::AccountId| {
        use crate::store::schema::{events, outbox};
        outbox::table
            .inner_join(events::table)
            .filter(outbox::status.eq("pending"))
            .filter(events::account_id.eq(account.0))
            .count()
            .get_result::<i64>(c)
            .expect("count")
    };
    let first = issue_with(c, &fx, Some("maria@example.invalid"), now());
    assert_eq!(letters_of(c, first.account.id), 1);
    let before = pending(c);
    // issued again before the letter went: only the new account's letter is left to send
    let second = issue_with(c, &fx, Some("maria@example.invalid"), now() + Duration::minutes(2));
    assert_eq!((letters_of(c, first.account.id), letters_of(c, second.account.id)), (0, 1));
    assert_eq!(pending(c), before);
    // revoked: its letter goes too; the events stay in the history
    accounts::revoke(c, &second.account.number, "test", &admin(), now() + Duration::minutes(3)).expect("revoked");
    assert_eq!(letters_of(c, second.account.id), 0);
    assert_eq!(pending(c), before - 1);
    let requested = crate::store::schema::events::table
        .filter(crate::store::schema::events::kind.eq("confirmation_requested"))
        .count()
        .get_result::<i64>(c)
        .expect("count");
    assert!(requested >= 2);
});

db_test!(a_new_confirmation_link_is_sent_at_most_every_five_minutes_and_five_a_day, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issued = issue_with(c, &fx, Some("maria@example.invalid"), now());
    let account = issued.account.id;
    let links = |c: &mut DbConn| count_rows(c, "email_confirmations").expect("count");
    let before = links(c);
    // the desk's letter went a minute ago: too soon
    let t = now() + Duration::minutes(1);
    assert_eq!(
        accounts::resend_confirmation(c, account, t).expect("asked"),
        accounts::ResendOutcome::TooSoon { at: now() + accounts::RESEND_GAP }
    );
    assert_eq!(links(c), before, "nothing written");
    let mut t = now();
    for _ in 1..accounts::RESEND_PER_DAY {
        t += accounts::RESEND_GAP;
        assert_eq!(accounts::resend_confirmation(c, account, t).expect("asked"), accounts::ResendOutcome::Sent);
    }
    assert_eq!(links(c), before + accounts::RESEND_PER_DAY - 1);
    // the day's links are used up: the next one when the desk's is a day old
    assert_eq!(
        accounts::resend_confirmation(c, account, t + Duration::hours(1)).expect("asked"),
        accounts::ResendOutcome::TooSoon { at: now() + Duration::days(1) }
    );
    assert_eq!(
        accounts::resend_confirmation(c, account, now() + Duration::days(1) + Duration::seconds(1)).expect("asked"),
        accounts::ResendOutcome::Sent
    );
    // every link works, each is mailed (a confirmation_requested event each), and the address
    // is confirmed once: the other links then say so and change nothing
    let kinds = |c: &mut DbConn| -> Vec<String> {
        appeals::events_of(c, Subject::Account(account))
            .expect("events")
            .into_iter()
            .map(|e| e.kind.name().to_owned())
            .collect()
    };
    let requested = kinds(c).iter().filter(|k| *k == "confirmation_requested").count();
    assert_eq!(requested, usize::try_from(accounts::RESEND_PER_DAY).expect("small") + 1);
    let token = issued.confirmation.expect("the desk's link");
    assert_eq!(
        accounts::confirmation_link(c, &token, now() + Duration::days(2)).expect("read"),
        accounts::ConfirmationLink::Pending {
            purpose: crate::domain::event::ConfirmationPurpose::Account,
            email: "maria@example.invalid".to_owned()
        }
    );
    assert_eq!(
        accounts::confirm(c, &token, now() + Duration::days(2)).expect("confirmed"),
        accounts::ConfirmOutcome::AccountConfirmed(account)
    );
    assert_eq!(
        accounts::resend_confirmation(c, account, now() + Duration::days(3)).expect("asked"),
        accounts::ResendOutcome::AlreadyConfirmed
    );
    assert_eq!(kinds(c).iter().filter(|k| *k == "email_confirmed").count(), 1);
    // an account without an address has nothing to confirm; a revoked one is refused
    let bare = issue_with(c, &fx, None, now() + Duration::days(4));
    assert_eq!(
        accounts::resend_confirmation(c, bare.account.id, now() + Duration::days(4)).expect("asked"),
        accounts::ResendOutcome::NoAddress
    );
    assert!(matches!(
        accounts::resend_confirmation(c, account, now() + Duration::days(4)),
        Err(accounts::PinError::NoSuchAccount)
    ));
});

/// The newest confirmation link mailed to the account (the link lives only in its letter).
fn newest_link(c: &mut DbConn, account: crate::domain::ids::AccountId) -> String {
    use crate::store::schema::{events, outbox};
    outbox::table
        .inner_join(events::table)
        .filter(events::account_id.eq(account.0))
        .filter(events::kind.eq("confirmation_requested"))
        .order(outbox::id.desc())
        .select(outbox::link_token.assume_not_null())
        .first::<String>(c)
        .expect("a link")
}

db_test!(a_confirmed_address_is_replaced_only_when_the_new_one_is_confirmed, |db: &TestDb| {
    use crate::store::accounts::{ConfirmOutcome, EmailChange};
    let fx = setup(db);
    let c = &mut *conn(db);
    let issued = issue_with(c, &fx, Some("maria@example.invalid"), now());
    let account = issued.account.id;
    accounts::confirm(c, &issued.confirmation.expect("the desk's link"), now()).expect("confirmed");
    let email = |s: &str| EmailAddress::parse(s).expect("valid");
    let letters_to = |c: &mut DbConn, to: &str| {
        crate::store::schema::outbox::table
            .filter(crate::store::schema::outbox::recipient.eq(to))
            .count()
            .get_result::<i64>(c)
            .expect("count")
    };
    let to_old = letters_to(c, "maria@example.invalid");
    // the same address: nothing to do, nothing sent
    let t = now() + Duration::minutes(10);
    assert_eq!(
        accounts::change_email(c, account, &email("maria@example.invalid"), t).expect("asked"),
        EmailChange::Unchanged
    );
    // another: a link to it, a letter to the old one; letters go on to the old one meanwhile
    assert_eq!(
        accounts::change_email(c, account, &email("maria.new@example.invalid"), t).expect("asked"),
        EmailChange::Requested
    );
    let a = accounts::get(c, account).expect("query").expect("present");
    assert_eq!((a.email.as_deref(), a.email_confirmed), (Some("maria@example.invalid"), true));
    assert_eq!(accounts::pending_email(c, account, t).expect("query").as_deref(), Some("maria.new@example.invalid"));
    assert_eq!(letters_to(c, "maria@example.invalid"), to_old + 1, "the old address is told");
    assert_eq!(letters_to(c, "maria.new@example.invalid"), 1, "the new one gets its link");
    let told = appeals::events_of(c, Subject::Account(account)).expect("events");
    assert!(told.iter().any(|e| e.kind
        == crate::domain::event::EventKind::EmailChangeRequested { to: "maria.new@example.invalid".to_owned() }));
    // at most one link every five minutes, changes included
    assert!(matches!(
        accounts::change_email(c, account, &email("other@example.invalid"), t + Duration::minutes(1)).expect("asked"),
        EmailChange::TooSoon { .. }
    ));
    // followed: the new address is the account's, confirmed
    let link = newest_link(c, account);
    assert_eq!(
        accounts::confirmation_link(c, &link, t).expect("read"),
        accounts::ConfirmationLink::Pending {
            purpose: crate::domain::event::ConfirmationPurpose::Account,
            email: "maria.new@example.invalid".to_owned()
        }
    );
    assert_eq!(accounts::confirm(c, &link, t).expect("confirmed"), ConfirmOutcome::AccountConfirmed(account));
    let a = accounts::get(c, account).expect("query").expect("present");
    assert_eq!((a.email.as_deref(), a.email_confirmed), (Some("maria.new@example.invalid"), true));
    assert_eq!(accounts::pending_email(c, account, t).expect("query"), None);

    // a change asked for and taken back: its link no longer works
    let t = t + Duration::minutes(10);
    assert_eq!(
        accounts::change_email(c, account, &email("third@example.invalid"), t).expect("asked"),
        EmailChange::Requested
    );
    let third = newest_link(c, account);
    assert_eq!(
        accounts::change_email(c, account, &email("maria.new@example.invalid"), t + Duration::minutes(1))
            .expect("asked"),
        EmailChange::Unchanged
    );
    assert_eq!(accounts::pending_email(c, account, t + Duration::minutes(1)).expect("query"), None);
    assert_eq!(accounts::confirm(c, &third, t + Duration::minutes(2)).expect("followed"), ConfirmOutcome::Invalid);
    // two changes: only the newer's link replaces the address
    let t = t + Duration::minutes(10);
    accounts::change_email(c, account, &email("first@example.invalid"), t).expect("asked");
    let first = newest_link(c, account);
    accounts::change_email(c, account, &email("second@example.invalid"), t + Duration::minutes(5)).expect("asked");
    assert_eq!(accounts::confirm(c, &first, t + Duration::minutes(6)).expect("followed"), ConfirmOutcome::Invalid);
    let second = newest_link(c, account);
    assert_eq!(
        accounts::confirm(c, &second, t + Duration::minutes(6)).expect("followed"),
        ConfirmOutcome::AccountConfirmed(account)
    );
    assert_eq!(
        accounts::get(c, account).expect("query").expect("present").email.as_deref(),
        Some("second@example.invalid")
    );
});

db_test!(an_unconfirmed_or_missing_address_is_replaced_at_once, |db: &TestDb| {
    use crate::store::accounts::{ConfirmOutcome, EmailChange};
    let fx = setup(db);
    let c = &mut *conn(db);
    let email = |s: &str| EmailAddress::parse(s).expect("valid");
    // mistyped at the desk, never confirmed: the new address takes its place, the old link ends
    let issued = issue_with(c, &fx, Some("maria@exmaple.invalid"), now());
    let account = issued.account.id;
    let t = now() + Duration::minutes(10);
    assert_eq!(
        accounts::change_email(c, account, &email("maria@example.invalid"), t).expect("asked"),
        EmailChange::Replaced
    );
    let a = accounts::get(c, account).expect("query").expect("present");
    assert_eq!((a.email.as_deref(), a.email_confirmed), (Some("maria@example.invalid"), false));
    assert_eq!(accounts::pending_email(c, account, t).expect("query"), None, "nothing waits: it is the address");
    let typo = issued.confirmation.expect("the desk's link");
    assert_eq!(accounts::confirm(c, &typo, t).expect("followed"), ConfirmOutcome::Invalid);
    let link = newest_link(c, account);
    assert_eq!(accounts::confirm(c, &link, t).expect("followed"), ConfirmOutcome::AccountConfirmed(account));
    // no address at all: the first one is set
    let bare = issue_with(c, &fx, None, now() + Duration::days(1));
    let t = now() + Duration::days(1);
    assert_eq!(
        accounts::change_email(c, bare.account.id, &email("maria@example.invalid"), t).expect("asked"),
        EmailChange::Replaced
    );
    let a = accounts::get(c, bare.account.id).expect("query").expect("present");
    assert_eq!((a.email.as_deref(), a.email_confirmed), (Some("maria@example.invalid"), false));
    // a revoked account is refused
    assert!(matches!(
        accounts::change_email(c, account, &email("x@example.invalid"), t + Duration::hours(1)),
        Err(accounts::PinError::NoSuchAccount)
    ));
});

db_test!(looking_at_a_confirmation_link_changes_nothing, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let issued = issue_with(c, &fx, Some("maria@example.invalid"), now());
    let token = issued.confirmation.expect("a link");
    for _ in 0..2 {
        assert_eq!(
            accounts::confirmation_link(c, &token, now()).expect("read"),
            accounts::ConfirmationLink::Pending {
                purpose: crate::domain::event::ConfirmationPurpose::Account,
                email: "maria@example.invalid".to_owned()
            }
        );
    }
    assert!(!accounts::get(c, issued.account.id).expect("query").expect("present").email_confirmed);
    assert_eq!(
        accounts::confirmation_link(c, &token, now() + accounts::CONFIRMATION_TTL + Duration::seconds(1))
            .expect("read"),
        accounts::ConfirmationLink::Invalid,
        "expired"
    );
    assert_eq!(
        accounts::confirmation_link(c, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", now()).expect("read"),
        accounts::ConfirmationLink::Invalid
    );
    accounts::confirm(c, &token, now()).expect("confirmed");
    assert_eq!(
        accounts::confirmation_link(c, &token, now()).expect("read"),
        accounts::ConfirmationLink::AlreadyConfirmed
    );
});

db_test!(the_question_form_mails_one_address_at_most_three_links_a_day, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let arbat = DistrictCode::new(ARBAT);
    let draft = |email: &str| QuestionDraft::parse("Анна", email, "Когда починят лифт?").expect("valid");
    for i in 0..questions::LETTERS_PER_ADDRESS_PER_DAY {
        questions::ask(c, &arbat, &draft("victim@example.invalid"), Lang::Ru, cal(), now() + Duration::minutes(i))
            .expect("asked");
    }
    let (qs, links, events) = (
        count_rows(c, "questions").expect("n"),
        count_rows(c, "email_confirmations").expect("n"),
        count_rows(c, "events").expect("n"),
    );
    let refused =
        questions::ask(c, &arbat, &draft("victim@EXAMPLE.invalid"), Lang::Ru, cal(), now() + Duration::hours(1));
    assert!(
        matches!(refused, Err(questions::QuestionError::TooManyLetters { retry_at }) if retry_at == now() + Duration::days(1)),
        "{refused:?}"
    );
    assert_eq!(
        (
            count_rows(c, "questions").expect("n"),
            count_rows(c, "email_confirmations").expect("n"),
            count_rows(c, "events").expect("n")
        ),
        (qs, links, events),
        "nothing written"
    );
    // another address is not affected; the capped one recovers after a day
    questions::ask(c, &arbat, &draft("other@example.invalid"), Lang::Ru, cal(), now() + Duration::hours(1))
        .expect("asked");
    questions::ask(
        c,
        &arbat,
        &draft("victim@example.invalid"),
        Lang::Ru,
        cal(),
        now() + Duration::days(1) + Duration::seconds(1),
    )
    .expect("asked");
});

db_test!(unconfirmed_questions_are_deleted_when_their_link_expires, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let arbat = DistrictCode::new(ARBAT);
    let ask = |c: &mut DbConn, email: &str, at: DateTime<Utc>| {
        let draft = QuestionDraft::parse("Анна", email, "Когда починят лифт?").expect("valid");
        questions::ask(c, &arbat, &draft, Lang::Ru, cal(), at).expect("asked")
    };
    let old = ask(c, "old@example.invalid", now());
    let confirmed = ask(c, "kept@example.invalid", now());
    accounts::confirm(c, &confirmed.confirmation, now() + Duration::hours(1)).expect("confirmed");
    let recent = ask(c, "recent@example.invalid", now() + Duration::days(6));
    // the outbox row of the old question's letter exists until then
    assert_eq!(count_rows(c, "outbox").expect("n"), 4);
    let at = now() + accounts::CONFIRMATION_TTL + Duration::minutes(1);
    assert_eq!(questions::purge_unconfirmed(c, at).expect("purged"), 1);
    assert!(questions::get(c, old.id).expect("query").is_none());
    assert!(questions::get(c, confirmed.id).expect("query").is_some());
    assert!(questions::get(c, recent.id).expect("query").is_some());
    assert!(appeals::events_of(c, Subject::Question(old.id)).expect("events").is_empty());
    assert_eq!(count_rows(c, "outbox").expect("n"), 3, "its letter went with it");
    assert_eq!(
        accounts::confirmation_link(c, &old.confirmation, now()).expect("read"),
        accounts::ConfirmationLink::Invalid
    );
    let addresses: Vec<String> =
        crate::store::schema::outbox::table.select(crate::store::schema::outbox::recipient).load(c).expect("rows");
    assert!(!addresses.iter().any(|a| a == "old@example.invalid"), "no trace of the address");
    assert_eq!(questions::purge_unconfirmed(c, at).expect("purged"), 0);
});

db_test!(a_question_keeps_the_address_it_is_about_even_with_a_district_chosen, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    let arbat = DistrictCode::new(ARBAT);
    let draft = QuestionDraft::parse_form(
        "Анна",
        "anna@example.invalid",
        "  ул. Новый Арбат, д. 12, наш двор ",
        "Когда покрасят скамейки во дворе?",
    )
    .expect("valid");
    let asked = questions::ask(c, &arbat, &draft, Lang::Ru, cal(), now()).expect("asked");
    let (q, _) = questions::get(c, asked.id).expect("query").expect("present");
    assert_eq!(q.address.as_deref(), Some("ул. Новый Арбат, д. 12, наш двор"), "as typed, trimmed");
    let plain = QuestionDraft::parse("Анна", "anna@example.invalid", "Без адреса").expect("valid");
    let without = questions::ask(c, &arbat, &plain, Lang::Ru, cal(), now()).expect("asked");
    assert_eq!(questions::get(c, without.id).expect("query").expect("present").0.address, None);
    for id in [&asked.confirmation, &without.confirmation] {
        accounts::confirm(c, id, now()).expect("confirmed");
    }
    let queue = questions::open_queue(c, &arbat, None, None, 10).expect("queue");
    let row = queue.iter().find(|r| r.id == asked.id).expect("queued");
    assert_eq!(row.address.as_deref(), Some("ул. Новый Арбат, д. 12, наш двор"));
    let found = questions::open_queue(c, &arbat, Some("новый арбат 12"), None, 10).expect("search");
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), vec![asked.id], "searched by the address too");
    // the answer's letter quotes it: the outbox job carries it
    questions::answer(c, asked.id, &fx.clerk, "Покрасят в мае.", now()).expect("answered");
    let claimed = outbox::claim(c, "w", now(), Duration::minutes(1), 100).expect("claim");
    let job = claimed
        .into_iter()
        .map(|m| outbox::load_job(c, m).expect("job"))
        .find(|j| matches!(j.kind, crate::domain::event::EventKind::QuestionAnswered { .. }))
        .expect("the answer's letter");
    assert_eq!(job.question.and_then(|q| q.3).as_deref(), Some("ул. Новый Арбат, д. 12, наш двор"));
});

db_test!(an_unconfirmed_question_s_address_is_purged_with_it, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    let draft = QuestionDraft::parse_form("Анна", "old@example.invalid", "ул. Арбат, д. 5", "Когда починят лифт?")
        .expect("valid");
    questions::ask(c, &DistrictCode::new(ARBAT), &draft, Lang::Ru, cal(), now()).expect("asked");
    let with_address = |c: &mut DbConn| {
        crate::store::schema::questions::table
            .filter(crate::store::schema::questions::address.is_not_null())
            .count()
            .get_result::<i64>(c)
            .expect("count")
    };
    assert_eq!(with_address(c), 1);
    let at = now() + accounts::CONFIRMATION_TTL + Duration::minutes(1);
    assert_eq!(questions::purge_unconfirmed(c, at).expect("purged"), 1);
    assert_eq!(with_address(c), 0, "no trace of the address");
});

fn import_with(
    db: &TestDb,
    text: &str,
    tune: impl FnOnce(&mut ImportSettings),
) -> Result<crate::store::import::ImportSummary, ImportFailure> {
    let mut settings = ImportSettings::new("test.csv", ImportOptions::new(crate::clock::moscow_date(now())), admin());
    tune(&mut settings);
    import_registry(&mut conn(db), text.as_bytes(), &settings, now())
}

fn household(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("H{i};Гаврилов;Глеб;Глебович;1980-01-01;0412;ул. Арбат;{};;;{i};permanent", i % 7 + 1))
        .collect()
}

db_test!(a_file_that_leaves_out_most_of_a_district_is_refused_unless_allowed, |db: &TestDb| {
    setup(db);
    let rows = household(40);
    let all: Vec<&str> = rows.iter().map(String::as_str).collect();
    import(db, &csv(&all)).expect("the whole district");
    let before = state(db);
    // a file cut short: 3 of the 45 residents
    let short = csv(&all[..3]);
    let refused = import(db, &short).expect_err("refused");
    let ImportFailure::TooManyDepartures(districts) = refused else { panic!("{refused:?}") };
    assert_eq!(
        districts,
        vec![crate::store::import::Departures { district: "0412".into(), leaving: 37, residents: 40 }]
    );
    assert_eq!(state(db), before, "nothing written");
    // a dry run says what it would do and writes nothing either
    let dry = import_with(db, &short, |s| {
        s.dry_run = true;
        s.departure_limit = None;
    })
    .expect_err("a dry run");
    let ImportFailure::DryRun(summary) = dry else { panic!("{dry:?}") };
    assert_eq!((summary.rows, summary.left), (3, 37));
    assert!(summary.too_many_departures.is_empty(), "the limit was lifted");
    assert_eq!(state(db), before, "nothing written");
    // a dry run under the limit is not refused: it says the limit would refuse the file, and
    // names the first of those who leave, by registry id
    let dry = import_with(db, &short, |s| s.dry_run = true).expect_err("a dry run");
    let ImportFailure::DryRun(summary) = dry else { panic!("{dry:?}") };
    assert_eq!(summary.too_many_departures, districts);
    assert_eq!(summary.leavers.len(), crate::store::import::LEAVERS_SHOWN);
    let mut expected: Vec<String> = (3..40).map(|i| format!("H{i}")).collect();
    expected.sort();
    let shown: Vec<&str> = summary.leavers.iter().map(|l| l.registry_id.as_str()).collect();
    assert_eq!(shown, expected[..crate::store::import::LEAVERS_SHOWN]);
    assert_eq!(summary.leavers[0].name, "Гаврилов Глеб Глебович");
    assert_eq!(state(db), before, "nothing written");
    // a few leaving is a normal month
    let most: Vec<&str> = all[..35].to_vec();
    assert_eq!(import(db, &csv(&most)).expect("imported").left, 5);
    // and the administrator may allow the rest
    let summary = import_with(db, &short, |s| s.departure_limit = None).expect("allowed");
    assert_eq!(summary.left, 32);
});

db_test!(an_id_repeated_after_a_row_refused_for_its_district_is_reported_at_once, |db: &TestDb| {
    setup(db);
    let text = csv(&[
        "A1;Гаврилов;Глеб;;1980-01-01;0412;ул. Арбат;1;;;1;permanent",
        "A2;Гаврилова;Ольга;;1981-01-01;9999;ул. Арбат;1;;;1;permanent",
        "A2;Гаврилова;Ольга;;1981-01-01;0412;ул. Арбат;1;;;1;permanent",
    ]);
    let failure = import(db, &text).expect_err("must fail");
    let ImportFailure::Invalid { issues, .. } = failure else { panic!("{failure:?}") };
    assert!(matches!(&issues[0], ImportIssue::UnknownDistrict { line: 3, .. }), "{issues:?}");
    assert_eq!(issues[1], ImportIssue::DuplicateId { line: 4, id: "A2".to_owned() });
    assert_eq!(issues.len(), 2);
});

db_test!(a_resident_listed_again_loses_the_left_flag_on_appeals, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let r1 = "R1;Иванова;Мария;Петровна;14.03.1985;0412;ул. Новый Арбат;12;;;12А;permanent";
    let r2 = "R2;Иванов;Пётр;Сергеевич;2012-05-12;0412;ул. Новый Арбат;12;;;12А;permanent";
    let summary = import(db, &csv(&[r2])).expect("imported");
    assert_eq!(summary.appeals_flagged, 1);
    assert!(appeals::get(&mut conn(db), id).expect("query").expect("present").resident_left);
    // the next file lists her again: the flag goes, the revoked PIN stays revoked
    let summary = import(db, &csv(&[r1, r2])).expect("imported");
    assert_eq!(summary.appeals_unflagged, 1);
    let c = &mut *conn(db);
    assert!(!appeals::get(c, id).expect("query").expect("present").resident_left);
    assert!(!residents::by_registry_id(c, "R1").expect("query").expect("present").left);
    assert!(accounts::get(c, fx.account.id).expect("query").expect("present").revoked);
});

db_test!(an_extension_must_end_in_the_future_and_only_for_a_consultation, |db: &TestDb| {
    let fx = setup(db);
    let id = file_consultation(db, &fx);
    let c = &mut *conn(db);
    appeals::decide(c, id, register(), &DecisionBy::Clerk(fx.clerk.clone()), cal(), now()).expect("registered");
    // four months on, five more days would still be in the past: refused, the extension kept
    let later = now() + Duration::days(120);
    let past = appeals::extend_deadline(c, id, &fx.supervisor, 5, "Запрос в ГУ ИС", cal(), later);
    assert!(
        matches!(past, Err(DecideError::Extension(crate::clock::ExtensionError::NotInTheFuture { .. }))),
        "{past:?}"
    );
    let appeal = appeals::get(c, id).expect("query").expect("present");
    assert!(appeal.extension.is_none(), "the one extension is not spent");
    assert_eq!(appeals::timeline(c, id).expect("timeline").len(), 2, "no event: filed and registered");
    drop(appeal);
    // a service's own term is not extended
    let FileOutcome::Filed { id: extract, .. } =
        file(db, &fx, "house-register-extract", &[("f-purpose", "notary"), ("f-copies", "1")])
    else {
        panic!("filed")
    };
    let c = &mut *conn(db);
    appeals::decide(c, extract, register(), &DecisionBy::Clerk(fx.clerk.clone()), cal(), now()).expect("registered");
    let document = appeals::extend_deadline(c, extract, &fx.supervisor, 10, "Запрос в ГУ ИС", cal(), now());
    assert!(
        matches!(document, Err(DecideError::Extension(crate::clock::ExtensionError::NotAnAnswerTerm))),
        "{document:?}"
    );
});

/// A resident of Arbat street at house `house`, корпус `building`, строение `structure`.
fn on_arbat(
    id: &str,
    surname: &str,
    house: &str,
    building: &str,
    structure: &str,
    flat: &str,
) -> residents::NewResident {
    let part = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    residents::NewResident::new(
        &RegistryId::new(id),
        &FullName { surname: surname.to_owned(), name: "Константин".to_owned(), patronymic: None },
        NaiveDate::from_ymd_opt(1980, 1, 1).expect("valid"),
        &Address {
            district: DistrictCode::new(ARBAT),
            street: "ул. Арбат".to_owned(),
            house: house.to_owned(),
            building: part(building),
            structure: part(structure),
            flat: part(flat),
        },
        RegistrationKind::Permanent,
    )
}

fn desk_search(c: &mut DbConn, s: residents::ResidentSearch) -> Vec<String> {
    let s = residents::ResidentSearch { district: Some(DistrictCode::new(ARBAT)), limit: 100, ..s };
    let mut ids: Vec<String> =
        residents::search(c, &s).expect("search").into_iter().map(|(r, _)| r.registry_id.to_string()).collect();
    ids.sort();
    ids
}

db_test!(the_pin_desk_finds_a_house_by_building_structure_and_flat, |db: &TestDb| {
    let fx = setup(db);
    let c = &mut *conn(db);
    residents::insert_batch(
        c,
        &[
            on_arbat("A1", "Соловьев", "17", "", "", "5"),
            on_arbat("A2", "Соловьева", "17", "2", "", "5"),
            on_arbat("A3", "Соловьев", "17", "2", "", "50"),
            on_arbat("A4", "Кузнецов", "9", "", "1", "3"),
            on_arbat("A5", "Кузнецова", "9", "", "", "3"),
            on_arbat("A6", "Римский-Корсаков", "17", "корп. 2", "", "7"),
            on_arbat("A7", "Иванов", "17А", "", "", "1"),
        ],
    )
    .expect("residents");
    let at = |house: &str, flat: Option<&str>| residents::ResidentSearch {
        street: Some("Арбат".to_owned()),
        house: Some(house.to_owned()),
        flat: flat.map(str::to_owned),
        ..Default::default()
    };
    for written in ["17к2", "17 корп. 2", "17 к 2", "д. 17, корпус 2", "17 К.2"] {
        assert_eq!(desk_search(c, at(written, None)), ["A2", "A3", "A6"], "{written}");
    }
    assert_eq!(desk_search(c, at("9 стр 1", None)), ["A4"]);
    assert_eq!(desk_search(c, at("9с1", None)), ["A4"]);
    assert_eq!(desk_search(c, at("9", None)), ["A4", "A5"], "a bare house: every корпус and строение");
    assert_eq!(desk_search(c, at("17", None)), ["A1", "A2", "A3", "A6"], "not 17А");
    assert_eq!(desk_search(c, at("17к2", Some("5"))), ["A2"], "flat 5, not 50");
    assert_eq!(desk_search(c, at("17", Some("кв. 5"))), ["A1"], "a flat fixes the корпус as absent");
    assert_eq!(desk_search(c, at("17 к 2 кв 50", None)), ["A3"], "the flat written in the house field");
    assert_eq!(desk_search(c, at("17а", None)), ["A7"]);
    // the registry's PINs, for the list
    let r1 = fx.applicant.id;
    let r2 = residents::by_registry_id(c, "R2").expect("query").expect("present").id;
    let held = accounts::with_active_pin(c, &[r1, r2]).expect("pins");
    assert!(held.contains(&r1) && !held.contains(&r2), "{held:?}");
    assert!(accounts::with_active_pin(c, &[]).expect("pins").is_empty());
});

db_test!(a_double_surname_typed_as_one_word_is_found, |db: &TestDb| {
    setup(db);
    let c = &mut *conn(db);
    residents::insert_batch(
        c,
        &[
            on_arbat("A6", "Римский-Корсаков", "17", "2", "", "7"),
            on_arbat("A8", "Римская", "3", "", "", "1"),
            on_arbat("A9", "Бонч-Бруевич", "3", "", "", "2"),
        ],
    )
    .expect("residents");
    let by = |surname: &str| residents::ResidentSearch { surname: Some(surname.to_owned()), ..Default::default() };
    for typed in ["римскийкорсаков", "РимскийКорсаков", "римскийкорс", "римский-корсаков", "Римский Корсаков"]
    {
        assert_eq!(desk_search(c, by(typed)), ["A6"], "{typed}");
    }
    assert_eq!(desk_search(c, by("бончбруевич")), ["A9"]);
    assert_eq!(desk_search(c, by("римск")), ["A6", "A8"], "a prefix as before");
    assert!(desk_search(c, by("римскийпетров")).is_empty());
    // a page after the last split match continues the split search, and ends
    let first = residents::search(c, &residents::ResidentSearch { limit: 1, ..by("римскийкорсаков") }).expect("search");
    assert_eq!(first.len(), 1);
    let after = Some(first[0].1.clone());
    assert!(
        residents::search(c, &residents::ResidentSearch { after, ..by("римскийкорсаков") }).expect("search").is_empty()
    );
});

db_test!(a_refused_appeal_takes_one_correction_until_that_one_is_withdrawn, |db: &TestDb| {
    let fx = setup(db);
    let old = file_consultation(db, &fx);
    let refuse =
        Command::RefuseToRegister { grounds: vec![GroundCode::new("no-question")], explanation: String::new() };
    decide(db, old, refuse, &fx.clerk).expect("refused");
    let svc = catalogue::get(&mut conn(db), "consultation").expect("query").expect("service");
    let form = identity_form(&[("f-topic", "housing"), ("f-question", "Как получить ЕЖД? Исправлено.")]);
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    let req = FileRequest { account: fx.account.id, draft: &draft, lang: Lang::Ru, corrects: Some(old) };
    let Ok(FileOutcome::Filed { id: first, number }) = appeals::file(&mut conn(db), &req, cal(), now()) else {
        panic!("the first correction is filed")
    };
    // a second one, even in the same transaction as the first (the server's group commit), is refused
    match appeals::file(&mut conn(db), &req, cal(), now()) {
        Err(appeals::FileError::AlreadyCorrected { id, number: n }) => assert_eq!((id, n), (first, number.clone())),
        other => panic!("a second correction: {other:?}"),
    }
    let both = write_txn(&mut conn(db), |c| {
        let a = appeals::file_in(c, &req, cal(), now());
        let b = appeals::file_in(c, &req, cal(), now());
        Ok::<_, appeals::FileError>((a.is_ok(), matches!(b, Err(appeals::FileError::AlreadyCorrected { .. }))))
    });
    assert!(matches!(both, Ok((false, true))), "{both:?}");
    assert_eq!(appeals::live_correction(&mut conn(db), old).expect("query").map(|a| a.id), Some(first));
    let msg = appeals::FileError::AlreadyCorrected { id: first, number: number.clone() }.message().render(Lang::Ru);
    assert!(msg.contains(&format!("уже подано исправленное обращение № {number}")), "{msg}");
    // withdrawn, it no longer stands: the refusal may be corrected again
    appeals::decide(&mut conn(db), first, Command::Withdraw, &DecisionBy::Applicant(fx.account.id), cal(), now())
        .expect("withdrawn");
    assert_eq!(appeals::live_correction(&mut conn(db), old).expect("query"), None);
    let Ok(FileOutcome::Filed { id: second, .. }) = appeals::file(&mut conn(db), &req, cal(), now()) else {
        panic!("a correction after the withdrawal is filed")
    };
    let all: Vec<AppealId> =
        appeals::corrections(&mut conn(db), old).expect("query").into_iter().map(|a| a.id).collect();
    assert_eq!(all, [first, second]);
});

// ---------------------------------------------------------------------------------------
// Backups

#[test]
fn a_backup_is_a_private_checked_copy_of_what_was_committed_when_it_started() {
    use super::backup::{BackupError, backup};
    let db = TestDb::sqlite().expect("sqlite");
    setup(&db);
    let dir = tempfile::tempdir().expect("temp dir");
    // the copy is made while another connection writes, and holds only what was committed
    let snapshot = dir.path().join("snapshot.sqlite3");
    let mut writer = db.store.conn().expect("conn");
    writer.batch_execute("BEGIN IMMEDIATE").expect("write lock");
    districts::save(&mut writer, &district("0500", "Тверской")).expect("district");
    backend::vacuum_into(&mut conn(&db), snapshot.to_str().expect("utf-8")).expect("not blocked by the writer");
    writer.batch_execute("COMMIT").expect("commit");
    drop(writer);
    let copy = Store::open(&super::DatabaseUrl::Sqlite(snapshot), OpenMode::Existing).expect("the copy opens");
    let live_districts = count_rows(&mut conn(&db), "districts").expect("count");
    assert_eq!(count_rows(&mut copy.conn().expect("conn"), "districts").expect("count") + 1, live_districts);
    // the command: a private, checked, audited copy
    let target = dir.path().join("copy.sqlite3");
    assert_eq!(super::backup::last(&mut conn(&db)).expect("last"), None);
    let made = backup(&db.store, &target, &admin(), now()).expect("copy");
    assert_eq!(made.bytes, std::fs::metadata(&target).expect("copy").len());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).expect("copy").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "personal data: the owner's only");
    }
    let copy = Store::open(&super::DatabaseUrl::Sqlite(target.clone()), OpenMode::Existing).expect("the copy opens");
    let live = &mut *conn(&db);
    let copied = &mut *copy.conn().expect("conn");
    for table in ["districts", "residents", "accounts", "services", "clerks"] {
        assert_eq!(count_rows(copied, table).expect("count"), count_rows(live, table).expect("count"), "{table}");
    }
    // recorded, and never written over a file
    let filter = audit::AuditFilter { action: Some("database_backed_up".to_owned()), limit: 10, ..Default::default() };
    assert_eq!(audit::list(live, &filter).expect("audit").len(), 1);
    assert_eq!(super::backup::last(live).expect("last"), Some((now(), target.display().to_string())));
    assert!(matches!(backup(&db.store, &target, &admin(), now()), Err(BackupError::Exists(p)) if p == target));
    let nowhere = dir.path().join("no-such-folder").join("copy.sqlite3");
    assert!(matches!(backup(&db.store, &nowhere, &admin(), now()), Err(BackupError::NoFolder(_))));
    assert!(!nowhere.exists());
    if let Availability::Ready(pg) = TestDb::postgres("backup").expect("postgres") {
        let elsewhere = dir.path().join("pg.sqlite3");
        assert!(matches!(backup(&pg.store, &elsewhere, &admin(), now()), Err(BackupError::Postgres)));
        assert!(!elsewhere.exists());
    }
}

/// A question asked, its address confirmed and answered: a finished case for retention.
fn answered_question(c: &mut DbConn, fx: &Fx) -> questions::Asked {
    let question =
        QuestionDraft::parse("Сидоров Иван", "ivan@example.invalid", "Когда починят фонарь?").expect("valid");
    let asked = questions::ask(c, &DistrictCode::new(ARBAT), &question, Lang::Ru, cal(), now()).expect("asked");
    accounts::confirm(c, &asked.confirmation, now()).expect("confirmed");
    questions::answer(c, asked.id, &fx.clerk, "Починят до 10 декабря.", now()).expect("answered");
    asked
}

db_test!(retention_deletes_finished_cases_whole_and_keeps_what_is_still_needed, |db: &TestDb| {
    use crate::store::retention::{self, Purged};
    let fx = setup(db);
    // finished: an answered consultation (with its letters), and an answered question
    let answered = file_consultation(db, &fx);
    decide(db, answered, register(), &fx.clerk).expect("registered");
    decide(db, answered, Command::Answer { text: "Ответ.".to_owned() }, &fx.clerk).expect("answered");
    // still in work: kept
    let open = file_consultation(db, &fx);
    // refused, but its correction is still in work: kept with it
    let refused = file_consultation(db, &fx);
    let refuse =
        Command::RefuseToRegister { grounds: vec![GroundCode::new("no-question")], explanation: String::new() };
    decide(db, refused, refuse, &fx.clerk).expect("refused");
    let svc = catalogue::get(&mut conn(db), "consultation").expect("query").expect("service");
    let form = identity_form(&[("f-topic", "housing"), ("f-question", "Исправленный вопрос")]);
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    let req = FileRequest { account: fx.account.id, draft: &draft, lang: Lang::Ru, corrects: Some(refused) };
    let Ok(FileOutcome::Filed { id: correction, .. }) = appeals::file(&mut conn(db), &req, cal(), now()) else {
        panic!("the correction is filed")
    };
    let c = &mut *conn(db);
    let asked = answered_question(c, &fx);
    // a resident who left with no PIN goes; Maria, registered, stays with her PIN
    let petrov = residents::by_registry_id(c, "R5").expect("query").expect("present");
    diesel::update(crate::store::schema::residents::table.find(petrov.id.0))
        .set(crate::store::schema::residents::left_at.eq(Some((now() - Duration::days(1)).naive_utc())))
        .execute(c)
        .expect("left");
    let rows = |c: &mut DbConn| {
        ["appeals", "events", "outbox", "questions", "accounts", "residents", "email_confirmations"]
            .map(|t| count_rows(c, t).expect("count"))
    };
    let before = rows(c);
    let audit_before = count_rows(c, "audit_log").expect("count");
    let cutoff = now() + Duration::days(1);

    // a dry run counts exactly what a run deletes, and deletes nothing
    let dry = retention::purge(c, cutoff, false, &admin(), now()).expect("dry run");
    assert_eq!(rows(c), before, "a dry run deletes nothing");
    assert_eq!(count_rows(c, "audit_log").expect("count"), audit_before, "nor is it audited");
    let done = retention::purge(c, cutoff, true, &admin(), now()).expect("purged");
    assert_eq!(done, dry);
    assert_eq!((done.appeals, done.questions, done.residents, done.accounts), (1, 1, 1, 0), "{done:?}");
    assert!(done.events >= 5 && done.messages >= 1, "{done:?}");
    let after = rows(c);
    assert_eq!(before[0] - after[0], 1);
    assert_eq!(before[1] - after[1], i64::try_from(done.events).expect("small"));
    assert_eq!(before[2] - after[2], i64::try_from(done.messages).expect("small"));
    // gone whole: no event, letter or confirmation is left of them
    assert!(appeals::get(c, answered).expect("query").is_none());
    assert!(appeals::events_of(c, Subject::Appeal(answered)).expect("events").is_empty());
    assert!(questions::get(c, asked.id).expect("query").is_none());
    assert!(appeals::events_of(c, Subject::Question(asked.id)).expect("events").is_empty());
    assert!(residents::by_registry_id(c, "R5").expect("query").is_none());
    // kept
    for id in [open, refused, correction] {
        assert!(appeals::get(c, id).expect("query").is_some(), "{id:?} kept");
    }
    assert_eq!(appeals::get(c, correction).expect("query").expect("kept").corrects, Some(refused));
    assert!(residents::by_registry_id(c, "R1").expect("query").is_some());
    assert!(accounts::get(c, fx.account.id).expect("query").is_some());
    let logged = audit::list(
        c,
        &audit::AuditFilter { action: Some("retention_applied".to_owned()), limit: 10, ..Default::default() },
    )
    .expect("audit");
    assert_eq!(logged.len(), 1);
    assert!(logged[0].details.contains("\"appeals\":1"), "{}", logged[0].details);
    // nothing more to delete: nothing deleted, nothing audited
    assert_eq!(retention::purge(c, cutoff, true, &admin(), now()).expect("again"), Purged::default());
    assert_eq!(
        audit::list(
            c,
            &audit::AuditFilter { action: Some("retention_applied".to_owned()), limit: 10, ..Default::default() }
        )
        .expect("audit")
        .len(),
        1
    );

    // once the correction is finished too, the refused appeal goes with it; a PIN revoked
    // long ago that no appeal names any more goes as well, and then the resident who left
    decide(db, correction, Command::Withdraw, &fx.clerk).expect("withdrawn");
    decide(db, open, Command::Withdraw, &fx.clerk).expect("withdrawn");
    let c = &mut *conn(db);
    accounts::revoke(c, &fx.account.number, "выбыл", &admin(), now()).expect("revoked");
    diesel::update(crate::store::schema::residents::table.find(fx.applicant.id.0))
        .set(crate::store::schema::residents::left_at.eq(Some(now().naive_utc())))
        .execute(c)
        .expect("left");
    let dry = retention::purge(c, cutoff, false, &admin(), now()).expect("dry run");
    let done = retention::purge(c, cutoff, true, &admin(), now()).expect("purged");
    assert_eq!(done, dry, "the check counts what the steps free one after another");
    assert_eq!((done.appeals, done.accounts, done.residents), (3, 1, 1), "{done:?}");
    assert_eq!(count_rows(c, "appeals").expect("count"), 0);
    assert_eq!(count_rows(c, "email_confirmations").expect("count"), 0);
    // a cut-off before the cases finished deletes nothing
    assert_eq!(retention::purge(c, now() - Duration::days(1), false, &admin(), now()).expect("dry"), Purged::default());
});

// A retention run that fails part way keeps what it deleted (each batch is whole) and audits
// it as interrupted: before, deletions that had happened went unrecorded. The run after the
// cause is mended deletes the rest.
db_test!(an_interrupted_retention_run_is_audited_with_what_it_deleted, |db: &TestDb| {
    use crate::store::retention;
    let fx = setup(db);
    let answered = file_consultation(db, &fx);
    decide(db, answered, register(), &fx.clerk).expect("registered");
    decide(db, answered, Command::Answer { text: "Ответ.".to_owned() }, &fx.clerk).expect("answered");
    let c = &mut *conn(db);
    let asked = answered_question(c, &fx);
    // the questions' step fails (the appeals' goes first): a trigger refuses their deletion
    let (refuse, allow) = match c {
        DbConn::Sqlite(_) => (
            "CREATE TRIGGER keep_questions BEFORE DELETE ON questions BEGIN SELECT RAISE(ABORT, 'injected'); END;",
            "DROP TRIGGER keep_questions;",
        ),
        DbConn::Postgres(_) => (
            "CREATE FUNCTION keep_questions() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$ \
             LANGUAGE plpgsql;
             CREATE TRIGGER keep_questions BEFORE DELETE ON questions FOR EACH ROW EXECUTE FUNCTION keep_questions();",
            "DROP TRIGGER keep_questions ON questions;",
        ),
    };
    c.batch_execute(refuse).expect("trigger");
    let cutoff = now() + Duration::days(1);
    let failed = retention::purge(c, cutoff, true, &admin(), now()).expect_err("the questions' step fails");
    assert_eq!((failed.deleted.appeals, failed.deleted.questions), (1, 0), "{:?}", failed.deleted);
    assert!(appeals::get(c, answered).expect("query").is_none(), "the appeals' batch stays deleted");
    assert!(questions::get(c, asked.id).expect("query").is_some(), "the failed batch is rolled back");
    let logged = |c: &mut DbConn| {
        audit::list(
            c,
            &audit::AuditFilter { action: Some("retention_applied".to_owned()), limit: 10, ..Default::default() },
        )
        .expect("audit")
    };
    let first = logged(c);
    assert_eq!(first.len(), 1, "the deletes that happened are audited");
    assert!(first[0].details.contains("\"interrupted\":true"), "{}", first[0].details);
    assert!(first[0].details.contains("\"appeals\":1"), "{}", first[0].details);
    // mended, the next run deletes the rest
    c.batch_execute(allow).expect("trigger dropped");
    let rest = retention::purge(c, cutoff, true, &admin(), now()).expect("purged");
    assert_eq!((rest.appeals, rest.questions), (0, 1), "{rest:?}");
    let all = logged(c);
    assert_eq!(all.len(), 2);
    assert_eq!(all.iter().filter(|e| e.details.contains("interrupted")).count(), 1);
});

/// QA: `retention` without `--apply` deleted and rolled back in one transaction, holding
/// SQLite's write lock as long as the deletes took (nine seconds for 11,000 appeals): a check
/// run in the daytime stalled the server's filings and the clerks' decisions. It now counts
/// by reading, beside another writer.
#[test]
fn a_retention_check_counts_without_taking_the_write_lock() {
    use diesel::connection::SimpleConnection;
    let db = TestDb::sqlite().expect("sqlite");
    let fx = setup(&db);
    let answered = file_consultation(&db, &fx);
    decide(&db, answered, register(), &fx.clerk).expect("registered");
    decide(&db, answered, Command::Answer { text: "Ответ.".to_owned() }, &fx.clerk).expect("answered");
    let mut writer = conn(&db);
    writer.batch_execute("BEGIN IMMEDIATE").expect("another writer holds the lock");
    let started = std::time::Instant::now();
    let dry = crate::store::retention::purge(&mut conn(&db), now() + Duration::days(1), false, &admin(), now())
        .expect("counted beside the writer");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "waited {:?}", started.elapsed());
    assert_eq!(dry.appeals, 1, "{dry:?}");
    writer.batch_execute("COMMIT").expect("commit");
}

#[test]
fn the_retention_cutoff_is_the_start_of_the_moscow_day_years_back() {
    use crate::store::retention::cutoff;
    let at = |y, m, d, h, min| Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid");
    // 4 December 2026, 09:00 UTC → 4 December 2021, 00:00 Moscow = 3 December 21:00 UTC
    assert_eq!(cutoff(now(), 5), Some(at(2021, 12, 3, 21, 0)));
    // 23:30 UTC is already the next Moscow day
    assert_eq!(cutoff(at(2026, 12, 4, 23, 30), 1), Some(at(2025, 12, 4, 21, 0)));
    // 29 February falls back to the 28th
    assert_eq!(cutoff(at(2028, 2, 29, 12, 0), 1), Some(at(2027, 2, 27, 21, 0)));
    assert_eq!(cutoff(now(), 0), None);
    assert_eq!(cutoff(now(), crate::store::retention::MAX_YEARS + 1), None);
}

// The personal data report (152-ФЗ art. 14) holds the resident's own records, and none of
// a relative's who shares the e-mail address.
db_test!(the_personal_data_report_holds_the_residents_records_and_nobody_elses, |db: &TestDb| {
    use crate::store::personal_data;
    let fx = setup(db);
    // her first PIN re-issued (the first stays, revoked), her address confirmed
    confirm_applicant_email(db, &fx);
    let account = applicant_account(db, &fx);
    let maria = file_for(db, &account);
    decide(db, maria, register(), &fx.clerk).expect("registered");
    let c = &mut *conn(db);
    // her husband's PIN sends letters to the same address; his appeal is not hers
    let oleg = residents::by_registry_id(c, "R5").expect("query").expect("present");
    let oleg_pin = issue_first_pin(c, &oleg, "maria@example.invalid", &fx.clerk);
    accounts::confirm(c, &oleg_pin.confirmation.clone().expect("an address was given"), now()).expect("confirmed");
    let form: Vec<(String, String)> = [
        ("surname", "Петров"),
        ("name", "Олег"),
        ("patronymic", "Иванович"),
        ("birth_date", "07.07.1970"),
        ("street", "Новый Арбат ул."),
        ("house", "д. 12"),
        ("flat", "3"),
        ("f-purpose", "notary"),
        ("f-copies", "1"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let svc = catalogue::get(c, "house-register-extract").expect("query").expect("service");
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now())).expect("valid form");
    let FileOutcome::Filed { id: his, .. } = appeals::file(
        c,
        &FileRequest { account: oleg_pin.account.id, draft: &draft, lang: Lang::Ru, corrects: None },
        cal(),
        now(),
    )
    .expect("filed") else {
        panic!("his appeal is filed")
    };
    let his_number = appeals::get(c, his).expect("query").expect("present").number.to_string();
    let her_number = appeals::get(c, maria).expect("query").expect("present").number.to_string();
    // a question from her address, and one from a stranger's
    for (name, email, text) in [
        ("Иванова Мария", "maria@example.invalid", "Когда откроют детскую площадку?"),
        ("Сидоров Иван", "ivan@example.invalid", "Когда починят фонарь?"),
    ] {
        let q = QuestionDraft::parse(name, email, text).expect("valid");
        // the next day: three confirmation links went to her address today
        questions::ask(c, &DistrictCode::new(ARBAT), &q, Lang::Ru, cal(), now() + Duration::days(1)).expect("asked");
    }
    // a desk search that listed her, and one that listed only him
    for ids in [vec![fx.applicant.id.0, oleg.id.0], vec![oleg.id.0]] {
        audit::record(
            c,
            now(),
            &AuditActor::clerk("orlova"),
            crate::domain::audit::AuditAction::PersonalDataViewed,
            "residents:search",
            &serde_json::json!({ "via": "tui", "residents": ids }),
        )
        .expect("audit");
    }

    let report = personal_data::collect(c, " R1 ", Lang::Ru, now()).expect("query").expect("she is in the registry");
    let text = report.text();
    for expected in [
        "ИД в реестре: R1",
        "ФИО: Иванова Мария Петровна",
        &format!("Личный кабинет № {}", fx.account.number),
        &format!("Личный кабинет № {}", account.number),
        "отозван 04.12.2026 12:00: выдан новый ПИН-код",
        "maria@example.invalid",
        "хранится только в виде хеша",
        &format!("Обращение № {her_number}: Консультация"),
        "Обращение зарегистрировано",
        "Когда откроют детскую площадку?",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    for absent in [his_number.as_str(), "Когда починят фонарь?", "Петров Олег"] {
        assert!(!text.contains(absent), "{absent:?} is not hers:\n{text}");
    }
    assert_eq!((report.counts["accounts"], report.counts["appeals"], report.counts["questions"]), (2, 1, 1));
    // the letters are those about her records only, though his go to the same address
    let hers: i64 = crate::store::schema::outbox::table
        .filter(crate::store::schema::outbox::appeal_id.eq(maria.0))
        .count()
        .get_result(c)
        .expect("count");
    let his_letters: i64 = crate::store::schema::outbox::table
        .filter(crate::store::schema::outbox::appeal_id.eq(his.0))
        .count()
        .get_result(c)
        .expect("count");
    assert!(hers > 0 && his_letters > 0, "both appeals were mailed: {hers} {his_letters}");
    let to_her_account: i64 = crate::store::schema::outbox::table
        .inner_join(crate::store::schema::events::table)
        .filter(crate::store::schema::events::account_id.eq_any([fx.account.id.0, account.id.0]))
        .filter(crate::store::schema::outbox::appeal_id.is_null())
        .count()
        .get_result(c)
        .expect("count");
    let about_her_question: i64 = crate::store::schema::outbox::table
        .inner_join(crate::store::schema::events::table)
        .filter(crate::store::schema::events::question_id.is_not_null())
        .filter(crate::store::schema::outbox::recipient.eq("maria@example.invalid"))
        .count()
        .get_result(c)
        .expect("count");
    assert_eq!(
        i64::try_from(report.counts["letters"]).expect("small"),
        hers + to_her_account + about_her_question,
        "{text}"
    );
    // the clerk's decisions on her appeal, her PIN's issue, the search that listed her
    let access = text.split("Действия сотрудников").nth(1).expect("the access section").to_owned();
    assert_eq!(access.matches("Просмотр персональных данных").count(), 1, "{access}");
    assert!(access.contains("Выдан ПИН-код") && access.contains("Изменено состояние обращения"), "{access}");

    assert!(personal_data::collect(c, "R404", Lang::Ru, now()).expect("query").is_none());
    let english = personal_data::collect(c, "R1", Lang::En, now()).expect("query").expect("present").text();
    assert!(english.contains("Registry id: R1") && english.contains("Applicant (as typed in the appeal)"), "{english}");
});

// QA: the residents a re-import marks as left were listed by registry id («A1», «A10»,
// «A2»…), which says nothing to the clerk reading the list; they are named in the alphabet's
// order, «ё» with «е» and the name after the surname, on both backends.
db_test!(the_residents_who_leave_are_listed_in_alphabetical_order, |db: &TestDb| {
    setup(db);
    let leaving = [
        "A1;Ёлкин;Борис;;1990-01-01;0412;ул. Арбат;1;;;1;permanent",
        "A2;Белов;Андрей;;1991-01-01;0412;ул. Арбат;1;;;2;permanent",
        "A3;Аксёнова;Елена;;1975-03-04;0412;ул. Арбат;1;;;3;permanent",
        "A4;Белов;Алексей;Ильич;1992-01-01;0412;ул. Арбат;1;;;4;permanent",
        "A5;Белов;Алексей;Андреевич;1993-01-01;0412;ул. Арбат;1;;;5;permanent",
        "A6;Ершов;Ян;;1994-01-01;0412;ул. Арбат;1;;;6;permanent",
        "A7;Яковлев;Пётр;;1960-02-01;0412;ул. Арбат;1;;;7;permanent",
    ];
    let staying: Vec<String> =
        (0..30).map(|i| format!("S{i};Гаврилов;Глеб;;1980-01-01;0412;ул. Арбат;2;;;{i};permanent")).collect();
    let mut all: Vec<&str> = leaving.to_vec();
    all.extend(staying.iter().map(String::as_str));
    import(db, &csv(&all)).expect("the whole district");
    let rest: Vec<&str> = staying.iter().map(String::as_str).collect();
    let summary = import(db, &csv(&rest)).expect("seven leave");
    // (the residents `setup` imports leave too, in their places in the alphabet)
    let names: Vec<&str> =
        summary.leavers.iter().filter(|l| l.registry_id.starts_with('A')).map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Аксёнова Елена",
            "Белов Алексей Андреевич",
            "Белов Алексей Ильич",
            "Белов Андрей",
            "Ёлкин Борис",
            "Ершов Ян",
            "Яковлев Пётр"
        ]
    );
});
