//! Demo data tests: every body runs on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.

use std::collections::BTreeSet;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use diesel::prelude::*;
use rand::SeedableRng;

use super::*;
use crate::account::{LockoutPolicy, SlipWidth, render_slip};
use crate::clock::ProductionCalendar;
use crate::db_test;
use crate::domain::event::EventKind;
use crate::domain::status::Status;
use crate::i18n::has_message;
use crate::store::accounts::ApplicantSignIn;
use crate::store::appeals::{self, Queue, QueueQuery, SortKey};
use crate::store::clerks::SignInOutcome;
use crate::store::testing::TestDb;
use crate::store::{PooledConn, count_rows};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 30, 0).single().expect("valid")
}

fn conn(db: &TestDb) -> PooledConn {
    db.store.conn().expect("connection")
}

/// A smaller demo than the default, so the database tests stay quick.
fn small() -> DemoOptions {
    DemoOptions { residents: 400, appeals: 80, questions: 6, ..DemoOptions::default() }
}

#[derive(QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// Every e-mail address stored anywhere (accounts, questions, confirmation links).
fn emails(c: &mut DbConn) -> Vec<String> {
    let sql = "SELECT email AS value FROM accounts WHERE email IS NOT NULL \
               UNION SELECT email AS value FROM questions \
               UNION SELECT email AS value FROM email_confirmations";
    let rows: Vec<Text> = match c {
        DbConn::Sqlite(c) => diesel::sql_query(sql).load(c),
        DbConn::Postgres(c) => diesel::sql_query(sql).load(c),
    }
    .expect("emails");
    rows.into_iter().map(|r| r.value).collect()
}

#[test]
fn every_text_exists_in_both_languages() {
    for id in texts::all() {
        assert!(has_message(id), "{id}");
    }
}

#[test]
fn options_are_checked() {
    let opts = DemoOptions { residents: 10, ..DemoOptions::default() };
    assert!(matches!(opts.check(), Err(DemoError::TooFewResidents { min: MIN_RESIDENTS })));
    let opts = DemoOptions { appeals: 5, ..DemoOptions::default() };
    assert!(matches!(opts.check(), Err(DemoError::TooFewAppeals { .. })));
    let opts = DemoOptions { pin_holders: 100, ..DemoOptions::default() };
    assert!(matches!(opts.check(), Err(DemoError::TooManyPinHolders { .. })));
    let opts = DemoOptions { registry_prefix: "arb".to_owned(), ..DemoOptions::default() };
    assert!(matches!(opts.check(), Err(DemoError::BadPrefix(_))));
    assert!(DemoOptions::default().check().is_ok());
    let err = DemoError::TooFewResidents { min: 50 };
    assert_eq!(err.message(Lang::Ru), "Для демонстрационных данных нужно не меньше 50 жителей.");
    assert_eq!(err.message(Lang::En), "The demo data needs at least 50 residents.");
}

/// The plan for the default options reaches every state of every service, whatever the
/// instant: a Friday morning, a Saturday, a Monday before the council opens, the end of the
/// New Year holidays. Its instants are in order and in the past, and the council acts only
/// in its office hours on working days.
#[test]
fn the_default_plan_covers_every_state_at_any_instant() {
    let cal = ProductionCalendar::embedded().expect("calendar");
    let catalogue = Catalogue::builtin().expect("catalogue");
    let opts = DemoOptions::default();
    let instants = [
        now(),
        Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).single().expect("valid"),
        Utc.with_ymd_and_hms(2026, 12, 7, 3, 0, 0).single().expect("valid"),
        Utc.with_ymd_and_hms(2027, 1, 9, 12, 0, 0).single().expect("valid"),
        Utc.with_ymd_and_hms(2026, 6, 15, 7, 0, 0).single().expect("valid"),
    ];
    for at in instants {
        let mut rng = StdRng::seed_from_u64(opts.seed);
        let pop = population::generate(&mut rng, &opts.district.code, opts.residents, moscow_date(at));
        let plan_opts = plan::PlanOptions { appeals: 300, questions: 12, pin_holders: 3, lang: Lang::Ru };
        let plan = plan::plan(&mut rng, &pop, catalogue.services(), plan_opts, cal, at).expect("plan");
        assert_eq!(plan.appeals.len(), 300, "{at}");
        let targets: BTreeSet<StatusKind> = plan.appeals.iter().map(|a| a.target).collect();
        assert_eq!(targets.len(), StatusKind::ALL.len(), "{at}: {targets:?}");
        let services: BTreeSet<usize> = plan.appeals.iter().map(|a| a.service).collect();
        assert_eq!(services.len(), catalogue.services().len(), "{at}");
        for a in &plan.appeals {
            let mut last = a.filed;
            for (t, step) in &a.steps {
                assert!(*t > last, "{at}: steps in order");
                last = *t;
                if *step != plan::Step::Withdraw {
                    let local = t.with_timezone(&crate::clock::MOSCOW_OFFSET);
                    assert!(cal.is_working_day(local.date_naive()).expect("covered"), "{at}: {local} {step:?}");
                    assert!((8..17).contains(&chrono::Timelike::hour(&local)), "{at}: {local} {step:?}");
                }
            }
            assert!(last < at, "{at}");
        }
        assert!(plan.appeals.iter().any(|a| a.corrects.is_some()), "{at}");
        assert_eq!(plan.applicants.iter().filter(|a| a.pin_holder).count(), 3);
        assert!(plan.applicants.iter().all(|a| a.email.as_deref().is_none_or(|e| e.ends_with("@demo.invalid"))));
        assert!(plan.applicants.iter().all(|a| a.pin_holder || a.issued_at < a_first_filing(&plan, a.person)));
        assert!(plan.questions.iter().all(|q| q.email.ends_with("@demo.invalid")));
    }
}

fn a_first_filing(plan: &plan::Plan, person: usize) -> DateTime<Utc> {
    plan.appeals
        .iter()
        .filter(|a| plan.applicants[a.applicant].person == person)
        .map(|a| a.filed)
        .min()
        .unwrap_or_else(now)
}

db_test!(generates_every_state_and_the_credentials_work, |db: &TestDb| {
    let c = &mut *conn(db);
    let started = Instant::now();
    let outcome = generate(c, &small(), now()).expect("generated");
    eprintln!("generate (400 residents, 80 appeals): {:?}", started.elapsed());
    let DemoOutcome::Created(report) = outcome else { panic!("a fresh database has no demo data") };

    assert_eq!(count_rows(c, "residents").expect("count"), 400);
    assert_eq!(report.counts.residents, 400);
    for kind in StatusKind::ALL {
        assert!(report.counts.appeals.get(&kind).copied().unwrap_or(0) > 0, "no appeal is {kind}");
    }
    assert!(report.counts.appeals_total() >= 80);
    assert_eq!(count_rows(c, "appeals").expect("count") as usize, report.counts.appeals_total());
    assert_eq!(count_rows(c, "questions").expect("count"), 6);

    // The clerk and the supervisor sign in with the printed passwords.
    let policy = LockoutPolicy::default();
    for creds in [&report.clerk, &report.supervisor] {
        let outcome = clerks::sign_in(c, &creds.login, &creds.password, &policy, now()).expect("sign in");
        assert!(matches!(outcome, SignInOutcome::SignedIn(_)), "{}: {outcome:?}", creds.login);
    }
    assert!(!format!("{:?}", report.clerk).contains(CLERK_PASSWORD));

    // The PIN holders sign in with their PINs; their addresses are confirmed.
    assert_eq!(report.pin_holders.len(), 3);
    for slip in &report.pin_holders {
        let outcome =
            accounts::sign_in(c, slip.account.as_str(), &slip.pin.reveal_grouped(), &policy, now()).expect("sign in");
        let ApplicantSignIn::SignedIn(account) = outcome else { panic!("{outcome:?}") };
        assert!(account.email_confirmed);
        assert!(slip.email.as_ref().is_some_and(|e| e.as_str().ends_with("@demo.invalid")));
        let text =
            render_slip(&slip.slip_data(&report.district, "https://example.invalid/"), &slip.pin, SlipWidth::W32);
        assert!(text.contains(&slip.pin.reveal_grouped()));
    }
    // The large family's mother is the first PIN holder, and she has appeals to look at.
    assert_eq!(report.pin_holders[0].resident.full(), "Соловьёва Алёна Фёдоровна");

    // Every account but the PIN holders' carries the filler hash, each audited as demo data.
    let filler = audit::list(
        c,
        &audit::AuditFilter {
            action: Some(AuditAction::DemoDataCreated.as_str().to_owned()),
            limit: 10_000,
            ..audit::AuditFilter::default()
        },
    )
    .expect("audit");
    let filler_accounts = filler.iter().filter(|e| e.subject.starts_with("account:")).count();
    assert_eq!(filler_accounts as i64 + 3, count_rows(c, "accounts").expect("count"));
    assert!(filler.iter().all(|e| !e.details.contains('@')), "no e-mail address in the audit log");

    // Every address ends in `.invalid`.
    let all = emails(c);
    assert!(all.len() > 30, "{}", all.len());
    assert!(all.iter().all(|e| e.ends_with(".invalid")), "{all:?}");

    // Names and addresses: «ё», a double surname, корпус, строение, a lettered flat.
    let people = residents::search(
        c,
        &ResidentSearch { district: Some(DistrictCode::new("0412")), limit: 500, ..ResidentSearch::default() },
    )
    .expect("search");
    assert_eq!(people.len(), 400);
    let residents: Vec<_> = people.into_iter().map(|(r, _)| r).collect();
    assert!(residents.iter().any(|r| r.name.full().contains('ё')));
    assert!(residents.iter().any(|r| r.name.surname == "Римская-Корсакова"));
    assert!(residents.iter().any(|r| r.address.building.is_some()));
    assert!(residents.iter().any(|r| r.address.structure.is_some()));
    assert!(residents.iter().any(|r| r.address.flat.as_deref() == Some("12А")));
    assert!(residents.iter().any(|r| r.name.patronymic.is_none()));
    assert!(residents.iter().any(|r| r.registry_id.as_str() == "ARB-000001"));

    // The queues have work: overdue, due today, flagged by the registry check.
    let counts = appeals::counts(c, &DistrictCode::new("0412"), moscow_date(now())).expect("counts");
    assert!(counts.overdue > 0, "{counts:?}");
    assert!(counts.due_today > 0, "{counts:?}");
    let query = QueueQuery {
        district: DistrictCode::new("0412"),
        queue: Queue::All,
        sort: SortKey::Filed,
        descending: false,
        after: None,
        search: None,
        assigned_to: None,
        today: moscow_date(now()),
        limit: 1000,
    };
    let all_appeals = appeals::queue(c, &query).expect("queue");
    assert!(all_appeals.iter().any(|r| r.needs_attention), "a misspelt child is flagged");
    assert!(all_appeals.iter().any(|r| r.assigned_clerk.is_some()));

    // Timelines are real events: an issued appeal went through registration and hand-over.
    let issued = all_appeals.iter().find(|r| r.status == StatusKind::Issued).expect("an issued appeal");
    let timeline = appeals::timeline(c, issued.id).expect("timeline");
    assert!(matches!(timeline.first().map(|e| &e.kind), Some(EventKind::Filed { .. })));
    assert!(timeline.iter().any(|e| matches!(e.kind, EventKind::Registered { .. })));
    assert!(matches!(timeline.last().map(|e| &e.kind), Some(EventKind::HandedOver(_))));
    let appeal = appeals::get(c, issued.id).expect("get").expect("present");
    assert!(matches!(appeal.status, Status::Issued(_)));

    let summary = generate_summary(&DemoOutcome::Created(report));
    assert!(summary.contains("clerk-demo-2026"), "{summary}");
});

fn generate_summary(outcome: &DemoOutcome) -> String {
    let ru = outcome.summary(Lang::Ru);
    let en = outcome.summary(Lang::En);
    assert!(ru.contains("жителей") && ru.contains("Зарегистрировано"), "{ru}");
    assert!(en.contains("residents"), "{en}");
    ru
}

db_test!(a_second_run_adds_nothing_and_issues_fresh_pins, |db: &TestDb| {
    let c = &mut *conn(db);
    let first = generate(c, &small(), now()).expect("first run").into_report();
    let counts = |c: &mut DbConn| {
        ["residents", "appeals", "accounts", "questions", "clerks", "events"].map(|t| count_rows(c, t).expect("count"))
    };
    let before = counts(c);
    let later = now() + chrono::Duration::hours(2);
    let started = Instant::now();
    let second = generate(c, &small(), later).expect("second run");
    eprintln!("second run: {:?}", started.elapsed());
    let DemoOutcome::AlreadyPresent(second) = second else { panic!("the demo data is there") };
    let after = counts(c);
    assert_eq!(before[..2], after[..2], "residents and appeals unchanged");
    assert_eq!(before[3..5], after[3..5], "questions and clerks unchanged");
    assert_eq!(after[2], before[2] + 3, "three fresh accounts, the old ones revoked");
    assert_eq!(second.counts.appeals, first.counts.appeals);
    assert_eq!(second.counts.residents, 400);

    let policy = LockoutPolicy::default();
    assert_eq!(second.pin_holders.len(), first.pin_holders.len());
    for (old, new) in first.pin_holders.iter().zip(&second.pin_holders) {
        assert_eq!(old.resident, new.resident, "the same PIN holders");
        assert_ne!(old.account, new.account);
        let refused =
            accounts::sign_in(c, old.account.as_str(), &old.pin.reveal_grouped(), &policy, later).expect("sign in");
        assert!(matches!(refused, ApplicantSignIn::Failed { .. }), "the old PIN stops working: {refused:?}");
        let ok =
            accounts::sign_in(c, new.account.as_str(), &new.pin.reveal_grouped(), &policy, later).expect("sign in");
        assert!(matches!(ok, ApplicantSignIn::SignedIn(_)), "{ok:?}");
    }
    assert!(emails(c).iter().all(|e| e.ends_with(".invalid")));
    assert_eq!(second.counts.questions, usize::try_from(before[3]).expect("count"));
    let summary = DemoOutcome::AlreadyPresent(second).summary(Lang::Ru);
    assert!(summary.contains("уже есть"), "{summary}");
    // a later run counts what is there now: questions gone since (their links expired
    // unconfirmed, as the server's sweep deletes them) are not counted
    let gone = crate::store::questions::purge_unconfirmed(c, later + chrono::Duration::days(30)).expect("purged");
    assert!(gone > 0, "the demo has unconfirmed questions");
    let third = generate(c, &small(), later).expect("third run").into_report();
    assert_eq!(third.counts.questions, usize::try_from(count_rows(c, "questions").expect("count")).expect("count"));
});

db_test!(a_district_with_real_residents_is_refused, |db: &TestDb| {
    let c = &mut *conn(db);
    let district = arbat();
    districts::save(c, &district).expect("district");
    let address = crate::domain::person::Address {
        district: district.code.clone(),
        street: "ул. Арбат".to_owned(),
        house: "1".to_owned(),
        building: None,
        structure: None,
        flat: Some("1".to_owned()),
    };
    let person = FullName { surname: "Иванов".to_owned(), name: "Иван".to_owned(), patronymic: None };
    let birth = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).expect("valid");
    let row = NewResident::new(
        &crate::domain::ids::RegistryId::new("REAL-1"),
        &person,
        birth,
        &address,
        crate::domain::person::RegistrationKind::Permanent,
    );
    residents::insert_batch(c, &[row]).expect("insert");
    let err = generate(c, &small(), now()).expect_err("refused");
    assert!(matches!(err, DemoError::DistrictInUse(_)), "{err:?}");
    assert!(err.message(Lang::Ru).contains("0412"));
    assert_eq!(count_rows(c, "residents").expect("count"), 1);
});

// The default options, timed: the issue asks for well under 10 s in a debug build.
db_test!(the_default_demo_is_fast, |db: &TestDb| {
    let c = &mut *conn(db);
    let started = Instant::now();
    let report = generate(c, &DemoOptions::default(), now()).expect("generated").into_report();
    let elapsed = started.elapsed();
    eprintln!(
        "generate (defaults: {} residents, {} appeals): {elapsed:?}",
        report.counts.residents,
        report.counts.appeals_total()
    );
    assert_eq!(count_rows(c, "residents").expect("count"), 3000);
    assert!(report.counts.appeals_total() >= 300);
    for kind in StatusKind::ALL {
        assert!(report.counts.appeals.contains_key(&kind), "{kind}");
    }
});

// QA: `clerk-tui start` (or `demo`) with a council's PostgreSQL database configured added the
// demo district beside the council's own, with clerks whose passwords the README publishes.
db_test!(a_database_a_council_works_in_is_refused, |db: &TestDb| {
    let c = &mut *conn(db);
    let mut own = arbat();
    own.code = DistrictCode::new("0413");
    districts::save(c, &own).expect("the council's district");
    let err = generate(c, &small(), now()).expect_err("refused");
    assert!(matches!(&err, DemoError::CouncilData { districts, clerks: 0 } if districts == &["0413"]), "{err:?}");
    let text = err.message(Lang::Ru);
    assert!(text.starts_with("В этой базе данных уже работает управа (районы: 0413; сотрудников: 0)."), "{text}");
    assert!(text.contains("--database-url sqlite:///tmp/ereception-demo.sqlite3"), "{text}");
    assert_eq!(count_rows(c, "residents").expect("count"), 0);
    assert_eq!(count_rows(c, "clerks").expect("count"), 0);
    assert!(districts::list(c).expect("list").iter().all(|d| d.code.as_str() == "0413"));
});
