//! Demo data: a district and its council, a few thousand residents with realistic Russian
//! names at Moscow addresses, a clerk and a supervisor with known passwords, PIN holders with
//! printable slips, and appeals in every state of the status machine.
//!
//! [`generate`] is meant to run on every start of a demo installation:
//! - the first time it creates everything, in **one transaction** (all or nothing), and
//!   returns [`DemoOutcome::Created`];
//! - afterwards it finds its marker (a `demo_data_created` audit row for the district),
//!   creates nothing, issues **fresh PINs** to the same PIN holders (the old ones stop working)
//!   and returns [`DemoOutcome::AlreadyPresent`].
//!
//! It refuses a district that has residents it did not create ([`DemoError::DistrictInUse`]),
//! so it can never mix demo people into a real registry. The staff logins (`clerk`,
//! `supervisor`, `petrova`, `sokolov`) are global, so one database holds one demo district.
//! Two first starts at the same instant: on SQLite and, when the district row exists, on
//! PostgreSQL the second waits and then finds the demo; on PostgreSQL without the district
//! row the second fails on the district's key and succeeds when started again.
//!
//! How it is built:
//! - [`population`] (with [`people`] and [`places`]) draws households from a seeded RNG:
//!   the same seed gives the same names and addresses;
//! - [`plan`] works out, without touching the database, who files which appeal when and what
//!   the council decides at which instant (filing times spread over the past weeks, so some
//!   appeals are overdue and some due today);
//! - [`run`] carries the plan out through the store's real operations (filing from a parsed
//!   [`AppealForm`](crate::domain::appeal::AppealForm), decisions, messages, extensions,
//!   electronic issue, questions), so events, timelines and the audit log are real.
//!
//! Fast: only the printed credentials get real argon2 hashes (the clerk, the supervisor, the
//! PIN holders); every other account carries the one precomputed
//! [`filler_hash`](crate::account::filler_hash), and residents are inserted in batches.
//!
//! The report carries passwords and PINs so that the caller can print them, as a demo
//! must; it is never to be logged (its `Debug` hides them).

mod people;
mod places;
mod plan;
mod population;
mod run;
#[cfg(test)]
mod tests;
mod texts;

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::json;

use crate::account::{AccountNumber, Pin, SlipData, SlipEmail, filler_hash};
use crate::clock::{CalendarError, CalendarFileError, ProductionCalendar, moscow_date};
use crate::domain::appeal::FieldErrors;
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::catalogue::{Catalogue, CatalogueError};
use crate::domain::clerk::{Clerk, Role};
use crate::domain::district::District;
use crate::domain::ids::{DistrictCode, ResidentId};
use crate::domain::person::FullName;
use crate::domain::question::EmailAddress;
use crate::domain::status::StatusKind;
use crate::i18n::{Arg, Lang, Msg, after_colon, tr, tr_args};
use crate::store::accounts::PinError;
use crate::store::appeals::{DecideError, FileError};
use crate::store::clerks::{self, ClerkError, NewClerk};
use crate::store::questions::QuestionError;
use crate::store::residents::{NewResident, ResidentSearch};
use crate::store::{DbConn, StoreError, accounts, audit, catalogue, districts, reports, residents, write_txn};

/// Login of the demo clerk.
pub const CLERK_LOGIN: &str = "clerk";
/// Password of the demo clerk (printed at every start of a demo).
pub const CLERK_PASSWORD: &str = "clerk-demo-2026";
/// Login of the demo supervisor.
pub const SUPERVISOR_LOGIN: &str = "supervisor";
/// Password of the demo supervisor.
pub const SUPERVISOR_PASSWORD: &str = "supervisor-demo-2026";

/// Fewest residents a demo has (the families every demo shows need some neighbours).
pub const MIN_RESIDENTS: usize = 50;
/// Most residents a demo makes.
pub const MAX_RESIDENTS: usize = 200_000;
/// Fewest appeals: every state of the status machine, for every service.
pub const MIN_APPEALS: usize = 20;
/// Most appeals a demo makes.
pub const MAX_APPEALS: usize = 20_000;
/// Most questions a demo makes.
pub const MAX_QUESTIONS: usize = 2_000;
/// Most PIN holders (each costs an argon2 hash).
pub const MAX_PIN_HOLDERS: usize = 20;

/// The audit actor of everything the generator does itself.
pub(crate) fn demo_actor() -> AuditActor {
    AuditActor("demo".to_owned())
}

/// The Arbat district of Moscow and its council.
pub fn arbat() -> District {
    District {
        code: DistrictCode::new("0412"),
        name: "Арбат".to_owned(),
        council_name: "Управа района Арбат города Москвы".to_owned(),
        council_address: "ул. Арбат, д. 40, стр. 2".to_owned(),
        office_hours: "пн–чт 8:00–17:00, пт 8:00–15:45, обед 12:00–12:45".to_owned(),
        phone: None,
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    /// Residents of the district (default 3000).
    pub residents: usize,
    /// Residents who get a real PIN, printed on a slip (default 3).
    pub pin_holders: usize,
    /// Appeals in all (default 300); every state and every service is among them.
    pub appeals: usize,
    /// Questions asked without a PIN (default 12).
    pub questions: usize,
    /// The seed of names, addresses and the plan of appeals.
    pub seed: u64,
    /// The district and its council (default [`arbat`]).
    pub district: District,
    /// Registry ids are `<prefix>-000001` (default `ARB`).
    pub registry_prefix: String,
    /// The language of the residents' accounts and appeals (foreign residents read English).
    pub lang: Lang,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            residents: 3000,
            pin_holders: 3,
            appeals: 300,
            questions: 12,
            seed: 412,
            district: arbat(),
            registry_prefix: "ARB".to_owned(),
            lang: Lang::Ru,
        }
    }
}

impl DemoOptions {
    fn check(&self) -> Result<(), DemoError> {
        if self.residents < MIN_RESIDENTS {
            return Err(DemoError::TooFewResidents { min: MIN_RESIDENTS });
        }
        if self.residents > MAX_RESIDENTS {
            return Err(DemoError::TooManyResidents { max: MAX_RESIDENTS });
        }
        if self.appeals < MIN_APPEALS {
            return Err(DemoError::TooFewAppeals { min: MIN_APPEALS });
        }
        if self.appeals > MAX_APPEALS || self.questions > MAX_QUESTIONS {
            return Err(DemoError::TooManyAppeals { max: MAX_APPEALS });
        }
        if self.pin_holders > MAX_PIN_HOLDERS {
            return Err(DemoError::TooManyPinHolders { max: MAX_PIN_HOLDERS });
        }
        let prefix = &self.registry_prefix;
        if prefix.is_empty()
            || prefix.len() > 8
            || !prefix.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(DemoError::BadPrefix(prefix.clone()));
        }
        Ok(())
    }
}

/// A login and password to print. `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub login: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("login", &self.login).field("password", &"***").finish()
    }
}

/// A PIN just issued to a demo resident, for the slip. `Debug` hides the PIN.
#[derive(Debug)]
pub struct PinSlip {
    pub resident: FullName,
    pub account: AccountNumber,
    pub pin: Pin,
    pub email: Option<EmailAddress>,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub lang: Lang,
}

impl PinSlip {
    /// Everything [`render_slip`](crate::account::render_slip) needs besides the PIN.
    pub fn slip_data(&self, district: &District, form_url: &str) -> SlipData {
        SlipData {
            council_name: district.council_name.clone(),
            council_address: district.council_address.clone(),
            office_hours: district.office_hours.clone(),
            council_phone: district.phone.clone(),
            resident: self.resident.clone(),
            account: self.account.clone(),
            issued_at: self.issued_at,
            issued_by: self.issued_by.clone(),
            form_url: form_url.to_owned(),
            lang: self.lang,
            // the demo's addresses are confirmed as the PINs are issued
            email: self.email.as_ref().map(|e| SlipEmail { address: e.to_string(), confirmed: true }),
        }
    }
}

/// How much demo data there is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoCounts {
    /// Residents the generator created.
    pub residents: usize,
    /// The district's appeals by status, as they are now.
    pub appeals: BTreeMap<StatusKind, usize>,
    /// Questions the generator asked.
    pub questions: usize,
}

impl DemoCounts {
    pub fn appeals_total(&self) -> usize {
        self.appeals.values().sum()
    }
}

/// What the caller prints: the district, the staff's credentials, the PIN slips, the counts.
#[derive(Debug)]
pub struct DemoReport {
    pub district: District,
    pub clerk: Credentials,
    pub supervisor: Credentials,
    /// Fresh PINs, one slip each (render with [`PinSlip::slip_data`] and
    /// [`render_slip`](crate::account::render_slip)).
    pub pin_holders: Vec<PinSlip>,
    pub counts: DemoCounts,
    /// How long [`generate`] took.
    pub elapsed: Duration,
}

/// What [`generate`] did.
#[derive(Debug)]
pub enum DemoOutcome {
    /// The demo data was created now.
    Created(DemoReport),
    /// The district already had demo data: nothing was added; the PIN holders got fresh PINs.
    AlreadyPresent(DemoReport),
}

impl DemoOutcome {
    pub fn report(&self) -> &DemoReport {
        match self {
            DemoOutcome::Created(r) | DemoOutcome::AlreadyPresent(r) => r,
        }
    }

    pub fn into_report(self) -> DemoReport {
        match self {
            DemoOutcome::Created(r) | DemoOutcome::AlreadyPresent(r) => r,
        }
    }

    /// Lines for the console: what was done, the counts by status, the staff's credentials.
    /// The PIN slips are printed separately (they are meant for a printer).
    pub fn summary(&self, lang: Lang) -> String {
        let r = self.report();
        let district = tr_args(
            lang,
            "demo-district",
            &[("name", Arg::from(&r.district.name)), ("code", Arg::from(r.district.code.as_str()))],
        );
        let seconds = match lang {
            Lang::Ru => format!("{:.1}", r.elapsed.as_secs_f64()).replace('.', ","),
            Lang::En => format!("{:.1}", r.elapsed.as_secs_f64()),
        };
        let head = match self {
            DemoOutcome::Created(_) => {
                tr_args(lang, "demo-created", &[("district", Arg::from(&district)), ("seconds", Arg::from(seconds))])
            }
            DemoOutcome::AlreadyPresent(_) => {
                tr_args(lang, "demo-already-present", &[("district", Arg::from(&district))])
            }
        };
        let mut lines = vec![
            head,
            tr_args(
                lang,
                "demo-counts",
                &[
                    ("residents", Arg::from(r.counts.residents)),
                    ("appeals", Arg::from(r.counts.appeals_total())),
                    ("questions", Arg::from(r.counts.questions)),
                ],
            ),
        ];
        for (kind, n) in &r.counts.appeals {
            lines.push(tr_args(
                lang,
                "demo-status-count",
                &[("status", Arg::from(tr(lang, kind.message_id()))), ("n", Arg::from(*n))],
            ));
        }
        lines.push(tr_args(lang, "demo-staff-clerk", &staff_args(&r.clerk)));
        lines.push(tr_args(lang, "demo-staff-supervisor", &staff_args(&r.supervisor)));
        lines.push(tr_args(lang, "demo-pin-holders", &[("n", Arg::from(r.pin_holders.len()))]));
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }
}

fn staff_args(c: &Credentials) -> [(&'static str, Arg<'_>); 2] {
    [("login", Arg::from(&c.login)), ("password", Arg::from(&c.password))]
}

/// Why demo data could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo needs at least {min} residents")]
    TooFewResidents { min: usize },
    #[error("the demo makes at most {max} residents")]
    TooManyResidents { max: usize },
    #[error("the demo needs at least {min} appeals to show every state")]
    TooFewAppeals { min: usize },
    #[error("the demo makes at most {max} appeals")]
    TooManyAppeals { max: usize },
    #[error("the demo issues at most {max} PINs")]
    TooManyPinHolders { max: usize },
    #[error("the registry id prefix {0:?} is not 1–8 Latin capitals or digits")]
    BadPrefix(String),
    #[error("district {0} already has residents that the demo did not create")]
    DistrictInUse(String),
    /// The database holds a council's own districts or clerks: demo clerks, whose passwords
    /// are published, must not be added beside them.
    #[error("the database already holds a council's data (districts {districts:?}, {clerks} clerk(s))")]
    CouncilData { districts: Vec<String>, clerks: usize },
    #[error("the built-in catalogue is invalid: {0}")]
    Catalogue(#[from] CatalogueError),
    #[error(transparent)]
    CalendarFile(#[from] CalendarFileError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A defect of the generator: the form it made did not parse.
    #[error("the demo's form for `{service}` did not parse: {errors}")]
    Form { service: String, errors: FieldErrors },
    /// A defect of the generator: its registration data did not match the registry.
    #[error("the demo's registration data for `{service}` did not match the registry")]
    Identity { service: String },
    #[error(transparent)]
    Clerk(#[from] ClerkError),
    #[error(transparent)]
    Pin(#[from] PinError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Decide(#[from] DecideError),
    #[error(transparent)]
    Question(#[from] QuestionError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for DemoError {
    fn from(e: diesel::result::Error) -> Self {
        DemoError::Store(StoreError::Query(e))
    }
}

impl DemoError {
    /// What the person who started the demo reads.
    pub fn message(&self, lang: Lang) -> String {
        let failed = |detail: String| tr_args(lang, "demo-error-failed", &[("detail", Arg::from(detail))]);
        match self {
            DemoError::TooFewResidents { min } => {
                tr_args(lang, "demo-error-too-few-residents", &[("min", Arg::from(*min))])
            }
            DemoError::TooManyResidents { max } => {
                tr_args(lang, "demo-error-too-many-residents", &[("max", Arg::from(*max))])
            }
            DemoError::TooFewAppeals { min } => {
                tr_args(lang, "demo-error-too-few-appeals", &[("min", Arg::from(*min))])
            }
            DemoError::TooManyAppeals { max } => {
                tr_args(lang, "demo-error-too-many-appeals", &[("max", Arg::from(*max))])
            }
            DemoError::TooManyPinHolders { max } => {
                tr_args(lang, "demo-error-too-many-pin-holders", &[("max", Arg::from(*max))])
            }
            DemoError::BadPrefix(prefix) => tr_args(lang, "demo-error-bad-prefix", &[("prefix", Arg::from(prefix))]),
            DemoError::DistrictInUse(code) => tr_args(lang, "demo-error-district-in-use", &[("code", Arg::from(code))]),
            DemoError::CouncilData { districts, clerks } => Msg::new("demo-error-council-data")
                .arg("districts", if districts.is_empty() { "—".to_owned() } else { districts.join(", ") })
                .arg("clerks", *clerks)
                .render(lang),
            DemoError::Catalogue(e) => tr_args(lang, "demo-error-catalogue", &[("detail", Arg::from(e.to_string()))]),
            DemoError::CalendarFile(e) => failed(e.message(lang)),
            DemoError::Calendar(e) => failed(e.message(lang)),
            DemoError::Form { service, errors } => {
                let detail: Vec<String> =
                    errors.0.iter().map(|e| format!("{}: {}", e.field, e.message.render(lang))).collect();
                tr_args(
                    lang,
                    "demo-error-form",
                    &[("service", Arg::from(service)), ("detail", Arg::from(detail.join("; ")))],
                )
            }
            DemoError::Identity { service } => tr_args(lang, "demo-error-identity", &[("service", Arg::from(service))]),
            DemoError::Clerk(e) => failed(e.message().render(lang)),
            DemoError::Pin(e) => failed(e.message().render(lang)),
            DemoError::File(e) => failed(e.message().render(lang)),
            DemoError::Decide(e) => failed(e.message().render(lang)),
            DemoError::Question(e) => failed(e.message().render(lang)),
            DemoError::Store(e) => failed(after_colon(&e.message(lang))),
        }
    }
}

/// What the marker audit row records: enough to find the demo again on later runs.
struct Marker {
    pin_holders: Vec<ResidentId>,
}

fn marker_subject(code: &DistrictCode) -> String {
    format!("district:{code}")
}

fn find_marker(conn: &mut DbConn, code: &DistrictCode) -> Result<Option<Marker>, StoreError> {
    let filter = audit::AuditFilter {
        action: Some(AuditAction::DemoDataCreated.as_str().to_owned()),
        subject: Some(marker_subject(code)),
        limit: 1,
        ..audit::AuditFilter::default()
    };
    let Some(entry) = audit::list(conn, &filter)?.into_iter().next() else { return Ok(None) };
    let details: serde_json::Value =
        serde_json::from_str(&entry.details).map_err(|e| StoreError::corrupt("demo marker", e))?;
    let pin_holders = details
        .get("pin_holders")
        .and_then(serde_json::Value::as_array)
        .map(|ids| ids.iter().filter_map(serde_json::Value::as_i64).map(ResidentId).collect())
        .unwrap_or_default();
    Ok(Some(Marker { pin_holders }))
}

fn credentials() -> (Credentials, Credentials) {
    (
        Credentials { login: CLERK_LOGIN.to_owned(), password: CLERK_PASSWORD.to_owned() },
        Credentials { login: SUPERVISOR_LOGIN.to_owned(), password: SUPERVISOR_PASSWORD.to_owned() },
    )
}

/// The district's residents (not left) and questions, as they are now.
fn live_counts(conn: &mut DbConn, code: &DistrictCode) -> Result<(usize, usize), StoreError> {
    use crate::store::schema::{questions, residents as residents_t};
    use diesel::prelude::*;
    let residents: i64 = residents_t::table
        .filter(residents_t::district_code.eq(code.as_str()))
        .filter(residents_t::left_at.is_null())
        .count()
        .get_result(conn)?;
    let questions: i64 =
        questions::table.filter(questions::district_code.eq(code.as_str())).count().get_result(conn)?;
    Ok((usize::try_from(residents).unwrap_or(0), usize::try_from(questions).unwrap_or(0)))
}

fn appeal_counts(conn: &mut DbConn, code: &DistrictCode) -> Result<BTreeMap<StatusKind, usize>, StoreError> {
    let mut by_status = BTreeMap::new();
    for row in reports::appeal_counts(conn, Some(code.as_str()), None, None)? {
        *by_status.entry(row.status).or_insert(0) += usize::try_from(row.count).unwrap_or(0);
    }
    Ok(by_status)
}

/// Creates the demo data of `opts.district` at `now`, or — when it is there already — issues
/// its PIN holders fresh PINs. See the module documentation.
pub fn generate(conn: &mut DbConn, opts: &DemoOptions, now: DateTime<Utc>) -> Result<DemoOutcome, DemoError> {
    let started = Instant::now();
    opts.check()?;
    let cal = ProductionCalendar::embedded()?;
    // A date the calendar does not cover fails here, before anything is planned.
    cal.is_working_day(moscow_date(now))?;
    let code = &opts.district.code;
    if let Some(marker) = find_marker(conn, code)? {
        return refresh(conn, opts, &marker, now, started).map(DemoOutcome::AlreadyPresent);
    }
    let existing = residents::search(
        conn,
        &ResidentSearch { district: Some(code.clone()), include_left: true, limit: 1, ..ResidentSearch::default() },
    )?;
    if !existing.is_empty() {
        return Err(DemoError::DistrictInUse(code.to_string()));
    }
    // A first run into a database a council already works in (`start` with the council's
    // database_url configured) would add clerks whose passwords everyone knows.
    let districts: Vec<String> = districts::list(conn)?.into_iter().map(|d| d.code.to_string()).collect();
    let clerks = clerks::list(conn)?.len();
    if !districts.is_empty() || clerks > 0 {
        return Err(DemoError::CouncilData { districts, clerks });
    }

    // Everything that takes thought or time happens before the transaction.
    let builtin = Catalogue::builtin()?;
    let load_catalogue = catalogue::is_empty(conn)?;
    let offered = if load_catalogue { builtin } else { catalogue::active(conn)? };
    let services = offered.services();
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let today = moscow_date(now);
    let pop = population::generate(&mut rng, code, opts.residents, today);
    let rows: Vec<NewResident> = pop
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let household = &pop.households[p.household];
            NewResident::new(
                &crate::domain::ids::RegistryId::new(run::registry_id(&opts.registry_prefix, i)),
                &p.name,
                p.birth_date,
                &household.address,
                household.kind,
            )
        })
        .collect();
    let plan_options = plan::PlanOptions {
        appeals: opts.appeals,
        questions: opts.questions,
        pin_holders: opts.pin_holders,
        lang: opts.lang,
    };
    let plan = plan::plan(&mut rng, &pop, services, plan_options, cal, now)?;
    let clerk_hash = clerks::hash_password(CLERK_PASSWORD)?;
    let supervisor_hash = clerks::hash_password(SUPERVISOR_PASSWORD)?;

    let created = write_txn(conn, |conn| -> Result<Option<run::Done>, DemoError> {
        // Saving the district first makes a second process starting at the same time wait
        // here (on PostgreSQL, for the district's row; SQLite takes the write lock anyway),
        // and then find the marker the first one wrote.
        districts::save(conn, &opts.district)?;
        if find_marker(conn, code)?.is_some() {
            return Ok(None);
        }
        let actor = demo_actor();
        audit::record(conn, now, &actor, AuditAction::DistrictSaved, &marker_subject(code), &json!({ "demo": true }))?;
        if load_catalogue {
            let loaded = catalogue::load(conn, &offered)?;
            audit::record(
                conn,
                now,
                &actor,
                AuditAction::CatalogueLoaded,
                "catalogue",
                &json!({ "added": loaded.added }),
            )?;
        }
        residents::insert_batch(conn, &rows)?;
        let staff = add_staff(conn, code, &clerk_hash, &supervisor_hash, now)?;
        let ctx = run::Context {
            district: &opts.district,
            services,
            cal,
            pop: &pop,
            staff: &staff,
            prefix: &opts.registry_prefix,
            now,
        };
        let done = run::execute(conn, &ctx, &plan)?;
        let details = json!({
            "residents": pop.people.len(),
            "appeals": plan.appeals.len(),
            "questions": plan.questions.len(),
            "pin_holders": done.pin_holders.iter().map(|r| r.0).collect::<Vec<_>>(),
            "seed": opts.seed,
            "prefix": opts.registry_prefix,
        });
        audit::record(conn, now, &actor, AuditAction::DemoDataCreated, &marker_subject(code), &details)?;
        Ok(Some(done))
    })?;
    let Some(done) = created else {
        let marker = find_marker(conn, code)?.ok_or_else(|| StoreError::corrupt("demo marker", "vanished"))?;
        return refresh(conn, opts, &marker, now, started).map(DemoOutcome::AlreadyPresent);
    };
    let (clerk, supervisor) = credentials();
    let counts = DemoCounts {
        residents: pop.people.len(),
        appeals: appeal_counts(conn, code)?,
        questions: plan.questions.len(),
    };
    let report = DemoReport {
        district: opts.district.clone(),
        clerk,
        supervisor,
        pin_holders: done.slips,
        counts,
        elapsed: started.elapsed(),
    };
    tracing::info!(
        district = %code,
        residents = report.counts.residents,
        appeals = report.counts.appeals_total(),
        ms = u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
        "demo data created"
    );
    Ok(DemoOutcome::Created(report))
}

/// The demo's staff: the clerk and the supervisor with real hashes of the printed passwords,
/// and two more clerks with the filler hash (they work appeals but cannot sign in).
fn add_staff(
    conn: &mut DbConn,
    code: &DistrictCode,
    clerk_hash: &crate::account::SecretHash,
    supervisor_hash: &crate::account::SecretHash,
    now: DateTime<Utc>,
) -> Result<Vec<Clerk>, DemoError> {
    let filler = filler_hash();
    let members = [
        (CLERK_LOGIN, "Орлова Анна Игоревна", Role::Clerk, clerk_hash),
        (SUPERVISOR_LOGIN, "Смирнов Олег Викторович", Role::Supervisor, supervisor_hash),
        ("petrova", "Петрова Ольга Сергеевна", Role::Clerk, &filler),
        ("sokolov", "Соколов Дмитрий Андреевич", Role::Clerk, &filler),
    ];
    let mut staff = Vec::with_capacity(members.len());
    for (login, full_name, role, hash) in members {
        let new = NewClerk { login, full_name, role, district: Some(code), password: "" };
        staff.push(clerks::add(conn, &new, hash, &demo_actor(), now)?);
    }
    Ok(staff)
}

/// A later run: fresh PINs for the PIN holders the marker names; nothing else changes.
fn refresh(
    conn: &mut DbConn,
    opts: &DemoOptions,
    marker: &Marker,
    now: DateTime<Utc>,
    started: Instant,
) -> Result<DemoReport, DemoError> {
    let code = &opts.district.code;
    let desk_clerk =
        clerks::get_by_login(conn, CLERK_LOGIN)?.filter(|c| !c.disabled && c.district.as_ref() == Some(code));
    let mut slips = Vec::new();
    for &resident in marker.pin_holders.iter().take(opts.pin_holders) {
        let Some(record) = residents::get(conn, resident)? else { continue };
        if record.left {
            continue;
        }
        let previous = accounts::active_for_resident(conn, resident)?;
        let lang = previous.as_ref().map_or(opts.lang, |a| a.lang);
        let email = previous
            .and_then(|a| a.email)
            .and_then(|e| EmailAddress::parse(&e))
            .or_else(|| EmailAddress::parse(&format!("{}@demo.invalid", people::translit(&record.name.surname))));
        let issuer = run::issuer(desk_clerk.as_ref(), lang);
        let (_, slip) = run::issue_pin(conn, resident, email, lang, &issuer, now)?;
        slips.push(slip);
    }
    let (clerk, supervisor) = credentials();
    let district = districts::get(conn, code.as_str())?.unwrap_or_else(|| opts.district.clone());
    // what is there now, not what was made: residents may have left and questions expired since
    let (residents_now, questions_now) = live_counts(conn, code)?;
    let counts = DemoCounts { residents: residents_now, appeals: appeal_counts(conn, code)?, questions: questions_now };
    Ok(DemoReport { district, clerk, supervisor, pin_holders: slips, counts, elapsed: started.elapsed() })
}
