//! Appeals: filing, decisions (the only place a status is written), events, documents,
//! queues.
//!
//! Every change here is one transaction: the status, its event and its audit row are
//! written together or not at all.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::schema::{accounts as accounts_t, appeals, documents, events, residents as residents_t, services};
use super::{
    DbConn, StoreError, accounts, audit, backend, catalogue, from_json, residents, to_json, ts, utc, write_txn,
};
use crate::clock::{CalendarError, ExtensionError, ProductionCalendar, moscow_date};
use crate::domain::appeal::{Appeal, AppealCheck, AppealDraft, AppealNumber, Extension, FieldValue, NamedPersonCheck};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::catalogue::{Service, ServiceKind};
use crate::domain::clerk::{Clerk, Role};
use crate::domain::event::{Actor, Event, EventKind, Subject};
use crate::domain::ids::{
    AccountId, AppealId, ClerkId, DistrictCode, DocumentId, EventId, QuestionId, ResidentId, ServiceCode,
};
use crate::domain::person::Address;
use crate::domain::status::{Command, Context, IssuedDocument, Status, StatusKind, TransitionError};
use crate::i18n::{Lang, Msg};
use crate::registry::{AddressKey, IdentityCheck, IdentityClaim, check_household_member, check_identity, name_key};
use crate::token::random_token;

// ---------------------------------------------------------------------------------------
// Events

/// What an event is about: exactly one of the three.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct EventSubject {
    pub appeal: Option<AppealId>,
    pub question: Option<QuestionId>,
    pub account: Option<AccountId>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = events)]
struct EventRow {
    id: i64,
    appeal_id: Option<i64>,
    question_id: Option<i64>,
    account_id: Option<i64>,
    at: NaiveDateTime,
    actor_kind: String,
    actor_id: Option<i64>,
    actor_name: Option<String>,
    payload: String,
}

impl TryFrom<EventRow> for Event {
    type Error = StoreError;

    fn try_from(r: EventRow) -> Result<Self, StoreError> {
        let subject = match (r.appeal_id, r.question_id, r.account_id) {
            (Some(a), None, None) => Subject::Appeal(AppealId(a)),
            (None, Some(q), None) => Subject::Question(QuestionId(q)),
            (None, None, Some(a)) => Subject::Account(AccountId(a)),
            _ => return Err(StoreError::corrupt("event subject", r.id)),
        };
        let actor = match (r.actor_kind.as_str(), r.actor_id, r.actor_name) {
            ("applicant", Some(id), _) => Actor::Applicant(AccountId(id)),
            ("asker", _, _) => Actor::Asker,
            ("clerk", Some(id), _) => Actor::Clerk(ClerkId(id)),
            ("admin", _, Some(name)) => Actor::Admin(name),
            ("system", _, _) => Actor::System,
            (kind, _, _) => return Err(StoreError::corrupt("event actor", kind)),
        };
        Ok(Event { id: EventId(r.id), subject, at: utc(r.at), actor, kind: from_json("event", &r.payload)? })
    }
}

/// Records an event. The one place events are written: its e-mail joins it here, in the
/// outbox and in the same transaction, so a message exists if and only if its event does.
pub(crate) fn insert_event_for(
    conn: &mut DbConn,
    subject: EventSubject,
    actor: &Actor,
    kind: &EventKind,
    now: DateTime<Utc>,
) -> Result<EventId, StoreError> {
    insert_event_mailed(conn, subject, actor, kind, now, None)
}

/// [`insert_event_for`] with the confirmation link its message carries.
pub(crate) fn insert_event_mailed(
    conn: &mut DbConn,
    subject: EventSubject,
    actor: &Actor,
    kind: &EventKind,
    now: DateTime<Utc>,
    link: Option<super::outbox::Link<'_>>,
) -> Result<EventId, StoreError> {
    let (actor_id, actor_name) = match actor {
        Actor::Applicant(a) => (Some(a.0), None),
        Actor::Clerk(c) => (Some(c.0), None),
        Actor::Admin(name) => (None, Some(name.clone())),
        Actor::Asker | Actor::System => (None, None),
    };
    let id: i64 = diesel::insert_into(events::table)
        .values((
            events::appeal_id.eq(subject.appeal.map(|a| a.0)),
            events::question_id.eq(subject.question.map(|q| q.0)),
            events::account_id.eq(subject.account.map(|a| a.0)),
            events::at.eq(ts(now)),
            events::actor_kind.eq(actor.kind()),
            events::actor_id.eq(actor_id),
            events::actor_name.eq(actor_name),
            events::kind.eq(kind.name()),
            events::payload.eq(to_json(kind)?),
        ))
        .returning(events::id)
        .get_result(conn)?;
    super::outbox::enqueue(conn, EventId(id), &subject, kind, link, now)?;
    Ok(EventId(id))
}

fn insert_event(
    conn: &mut DbConn,
    appeal: AppealId,
    actor: &Actor,
    kind: &EventKind,
    now: DateTime<Utc>,
) -> Result<EventId, StoreError> {
    insert_event_for(conn, EventSubject { appeal: Some(appeal), ..EventSubject::default() }, actor, kind, now)
}

/// An appeal's timeline, oldest first.
pub fn timeline(conn: &mut DbConn, appeal: AppealId) -> Result<Vec<Event>, StoreError> {
    events::table
        .filter(events::appeal_id.eq(appeal.0))
        .select(EventRow::as_select())
        .order(events::id.asc())
        .load(conn)?
        .into_iter()
        .map(Event::try_from)
        .collect()
}

/// Events of a question or an account, oldest first.
pub fn events_of(conn: &mut DbConn, subject: Subject) -> Result<Vec<Event>, StoreError> {
    let q = events::table.select(EventRow::as_select()).order(events::id.asc()).into_boxed();
    let q = match subject {
        Subject::Appeal(a) => q.filter(events::appeal_id.eq(a.0)),
        Subject::Question(x) => q.filter(events::question_id.eq(x.0)),
        Subject::Account(a) => q.filter(events::account_id.eq(a.0)),
    };
    q.load(conn)?.into_iter().map(Event::try_from).collect()
}

// ---------------------------------------------------------------------------------------
// Rows

#[derive(Queryable, Selectable)]
#[diesel(table_name = appeals)]
struct AppealRow {
    id: i64,
    number: String,
    public_token: String,
    account_id: i64,
    resident_id: i64,
    service_code: String,
    district_code: String,
    status_data: String,
    filed_data: String,
    check_result: String,
    resident_left: bool,
    email_failed: bool,
    assigned_clerk_id: Option<i64>,
    filed_at: NaiveDateTime,
    register_by: NaiveDate,
    due_on: NaiveDate,
    extended_from: Option<NaiveDate>,
    extension_reason: Option<String>,
    corrects_appeal_id: Option<i64>,
    lang: String,
}

impl TryFrom<AppealRow> for Appeal {
    type Error = StoreError;

    fn try_from(r: AppealRow) -> Result<Self, StoreError> {
        Ok(Appeal {
            id: AppealId(r.id),
            number: AppealNumber::parse(&r.number).ok_or_else(|| StoreError::corrupt("appeal number", &r.number))?,
            public_token: r.public_token,
            account: AccountId(r.account_id),
            resident: ResidentId(r.resident_id),
            service: ServiceCode::new(r.service_code),
            district: DistrictCode::parse(&r.district_code)
                .ok_or_else(|| StoreError::corrupt("district code", &r.district_code))?,
            status: from_json("appeal status", &r.status_data)?,
            draft: from_json("filed data", &r.filed_data)?,
            check: from_json("registry check", &r.check_result)?,
            filed_at: utc(r.filed_at),
            register_by: r.register_by,
            due: r.due_on,
            extension: match (r.extended_from, r.extension_reason) {
                (Some(from), Some(reason)) => Some(Extension { from, to: r.due_on, reason }),
                _ => None,
            },
            assigned_clerk: r.assigned_clerk_id.map(ClerkId),
            corrects: r.corrects_appeal_id.map(AppealId),
            resident_left: r.resident_left,
            email_failed: r.email_failed,
            lang: r.lang.parse().map_err(|e| StoreError::corrupt("language", e))?,
        })
    }
}

/// An appeal by id.
pub fn get(conn: &mut DbConn, id: AppealId) -> Result<Option<Appeal>, StoreError> {
    appeals::table.find(id.0).select(AppealRow::as_select()).first(conn).optional()?.map(Appeal::try_from).transpose()
}

/// The resident an account belongs to. Appeals belong to the resident, not to one PIN: after a
/// PIN is re-issued (a lost slip) the resident still sees every appeal they filed.
fn resident_of(conn: &mut DbConn, account: AccountId) -> Result<Option<i64>, StoreError> {
    Ok(accounts_t::table.find(account.0).select(accounts_t::resident_id).first(conn).optional()?)
}

/// An appeal by id, only if the account's resident filed it: anyone else gets `None`, exactly
/// as for an appeal that does not exist.
pub fn get_for_account(conn: &mut DbConn, account: AccountId, id: AppealId) -> Result<Option<Appeal>, StoreError> {
    let Some(resident) = resident_of(conn, account)? else { return Ok(None) };
    appeals::table
        .find(id.0)
        .filter(appeals::resident_id.eq(resident))
        .select(AppealRow::as_select())
        .first(conn)
        .optional()?
        .map(Appeal::try_from)
        .transpose()
}

/// The appeals filed as corrections of refused appeal `id`, oldest first (any resident's:
/// callers showing them to a resident keep that resident's own).
pub fn corrections(conn: &mut DbConn, id: AppealId) -> Result<Vec<Appeal>, StoreError> {
    appeals::table
        .filter(appeals::corrects_appeal_id.eq(id.0))
        .order(appeals::id.asc())
        .select(AppealRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Appeal::try_from)
        .collect()
}

/// The correction of refused appeal `id` that stands: the latest one not withdrawn. While
/// there is one, the refused appeal takes no other correction; a withdrawn correction frees
/// it again (the resident took it back, so the refusal is still to be corrected).
pub fn live_correction(conn: &mut DbConn, id: AppealId) -> Result<Option<Appeal>, StoreError> {
    Ok(corrections(conn, id)?.into_iter().rev().find(|a| a.status.kind() != StatusKind::Withdrawn))
}

/// An appeal by its public token (the Open311 id).
pub fn by_token(conn: &mut DbConn, token: &str) -> Result<Option<Appeal>, StoreError> {
    if !crate::token::is_token(token) {
        return Ok(None);
    }
    appeals::table
        .filter(appeals::public_token.eq(token))
        .select(AppealRow::as_select())
        .first(conn)
        .optional()?
        .map(Appeal::try_from)
        .transpose()
}

/// An appeal by its registration number.
pub fn by_number(conn: &mut DbConn, number: &AppealNumber) -> Result<Option<Appeal>, StoreError> {
    appeals::table
        .filter(appeals::number.eq(number.to_string()))
        .select(AppealRow::as_select())
        .first(conn)
        .optional()?
        .map(Appeal::try_from)
        .transpose()
}

/// An applicant's appeals (their resident's, across re-issued PINs), newest first, keyset-paged by `(filed_at, id)`.
pub fn list_for_account(
    conn: &mut DbConn,
    account: AccountId,
    before: Option<(DateTime<Utc>, AppealId)>,
    limit: i64,
) -> Result<Vec<Appeal>, StoreError> {
    let Some(resident) = resident_of(conn, account)? else { return Ok(Vec::new()) };
    let mut q = appeals::table.filter(appeals::resident_id.eq(resident)).into_boxed();
    if let Some((at, id)) = before {
        q = q.filter(appeals::filed_at.lt(ts(at)).or(appeals::filed_at.eq(ts(at)).and(appeals::id.lt(id.0))));
    }
    q.select(AppealRow::as_select())
        .order((appeals::filed_at.desc(), appeals::id.desc()))
        .limit(limit.clamp(1, 500))
        .load(conn)?
        .into_iter()
        .map(Appeal::try_from)
        .collect()
}

/// Every appeal of a resident, under any of their PINs, oldest first.
pub fn list_for_resident(conn: &mut DbConn, resident: ResidentId) -> Result<Vec<Appeal>, StoreError> {
    appeals::table
        .filter(appeals::resident_id.eq(resident.0))
        .select(AppealRow::as_select())
        .order((appeals::filed_at.asc(), appeals::id.asc()))
        .load(conn)?
        .into_iter()
        .map(Appeal::try_from)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Filing

/// An appeal to file.
#[derive(Clone, Debug)]
pub struct FileRequest<'a> {
    pub account: AccountId,
    pub draft: &'a AppealDraft,
    pub lang: Lang,
    /// The refused appeal this one corrects.
    pub corrects: Option<AppealId>,
}

/// What filing did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileOutcome {
    Filed {
        id: AppealId,
        number: AppealNumber,
    },
    /// The registration data does not match the applicant's own registry record: a form error
    /// they fix before filing. Nothing was stored.
    IdentityMismatch(IdentityCheck),
}

/// Why an appeal could not be filed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("the account does not exist or is revoked")]
    NoSuchAccount,
    #[error("the resident is no longer in the registry")]
    ResidentLeft,
    #[error("service `{0}` is not on offer")]
    UnknownService(String),
    #[error("only a refused appeal of the same resident and service can be corrected")]
    CannotCorrect,
    /// The refused appeal already has a corrected appeal that was not withdrawn: a refusal
    /// is corrected once (the corrected appeal, if refused in turn, is corrected itself).
    #[error("appeal {number} already corrects this refused appeal")]
    AlreadyCorrected { id: AppealId, number: AppealNumber },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(FileError);

impl FileError {
    pub fn message(&self) -> Msg {
        match self {
            FileError::NoSuchAccount => Msg::new("file-error-no-account"),
            FileError::ResidentLeft => Msg::new("file-error-resident-left"),
            FileError::UnknownService(_) => Msg::new("file-error-unknown-service"),
            FileError::CannotCorrect => Msg::new("file-error-cannot-correct"),
            FileError::AlreadyCorrected { number, .. } => {
                Msg::new("file-error-already-corrected").arg("number", number.to_string())
            }
            FileError::Calendar(e) => e.msg(),
            FileError::Store(_) => Msg::new("error-internal"),
        }
    }
}

/// The household of the applicant's address, checked against every person named in the
/// draft.
fn check_persons(
    conn: &mut DbConn,
    draft: &AppealDraft,
    address: &Address,
) -> Result<Vec<NamedPersonCheck>, StoreError> {
    let mut out = Vec::new();
    let mut household = None;
    for (key, value) in &draft.fields {
        if let FieldValue::Persons(people) = value {
            if household.is_none() {
                household = Some(residents::household(conn, address)?);
            }
            let members = household.as_deref().unwrap_or_default();
            for person in people {
                out.push(NamedPersonCheck {
                    field: key.clone(),
                    person: person.clone(),
                    result: check_household_member(person, members),
                });
            }
        }
    }
    Ok(out)
}

/// Files an appeal in its own transaction.
pub fn file(
    conn: &mut DbConn,
    req: &FileRequest<'_>,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<FileOutcome, FileError> {
    write_txn(conn, |conn| file_in(conn, req, cal, now))
}

/// Files an appeal inside the caller's transaction (the server gathers concurrent filings
/// into one commit): checks the registration data, numbers the appeal, stores it with its
/// first event.
pub fn file_in(
    conn: &mut DbConn,
    req: &FileRequest<'_>,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<FileOutcome, FileError> {
    let account = accounts::get(conn, req.account)?.filter(|a| !a.revoked).ok_or(FileError::NoSuchAccount)?;
    let resident = residents::get(conn, account.resident)?.ok_or(FileError::NoSuchAccount)?;
    if resident.left {
        return Err(FileError::ResidentLeft);
    }
    let service = catalogue::get(conn, req.draft.service.as_str())?
        .ok_or_else(|| FileError::UnknownService(req.draft.service.to_string()))?;
    let active: bool = services::table.find(service.code.as_str()).select(services::active).first(conn)?;
    if !active {
        return Err(FileError::UnknownService(service.code.to_string()));
    }
    let id = &req.draft.identity;
    let claim = IdentityClaim {
        name: id.name.clone(),
        birth_date: id.birth_date,
        address: Address {
            district: resident.address.district.clone(),
            street: id.street.clone(),
            house: id.house.clone(),
            building: id.building.clone(),
            structure: id.structure.clone(),
            flat: id.flat.clone(),
        },
    };
    let identity = check_identity(&claim, &resident);
    if !identity.is_match() {
        return Ok(FileOutcome::IdentityMismatch(identity));
    }
    if let Some(old) = req.corrects {
        // Locked first, so that two corrections sent at once are serialised (SQLite
        // serialises writers anyway): the second sees the first and is refused.
        if !backend::lock_appeal(conn, old.0)? {
            return Err(FileError::CannotCorrect);
        }
        let old = get(conn, old)?.ok_or(FileError::CannotCorrect)?;
        let refused = matches!(old.status.kind(), StatusKind::RefusedToRegister | StatusKind::Refused);
        // the resident's, under any of their PINs (a re-issued PIN keeps the appeals)
        if old.resident != resident.id || old.service != service.code || !refused {
            return Err(FileError::CannotCorrect);
        }
        if let Some(live) = live_correction(conn, old.id)? {
            return Err(FileError::AlreadyCorrected { id: live.id, number: live.number });
        }
    }
    let persons = check_persons(conn, req.draft, &resident.address)?;
    let check = AppealCheck { identity, persons };
    let register_by = cal.registration_due(now)?;
    let due = cal.due_date(now, service.term)?;
    let today = moscow_date(now);
    let seq = backend::next_appeal_seq(conn, resident.address.district.as_str(), today.year())?;
    let number =
        AppealNumber::new(resident.address.district.clone(), today.year(), u32::try_from(seq).unwrap_or(u32::MAX));
    let key = AddressKey::of(&resident.address);
    let applicant_key = name_key(&resident.name.full());
    let address_key = join_address_key(key);
    let status = Status::Submitted;
    let appeal_id: i64 = diesel::insert_into(appeals::table)
        .values((
            appeals::number.eq(number.to_string()),
            appeals::public_token.eq(random_token(20)),
            appeals::account_id.eq(account.id.0),
            appeals::resident_id.eq(resident.id.0),
            appeals::service_code.eq(service.code.as_str()),
            appeals::district_code.eq(resident.address.district.as_str()),
            appeals::status.eq(status.kind().as_str()),
            appeals::status_data.eq(to_json(&status)?),
            appeals::filed_data.eq(to_json(req.draft)?),
            appeals::check_result.eq(to_json(&check)?),
            appeals::needs_attention.eq(check.needs_attention()),
            appeals::resident_left.eq(false),
            appeals::email_failed.eq(false),
            appeals::filed_at.eq(ts(now)),
            appeals::register_by.eq(register_by),
            appeals::due_on.eq(due),
            appeals::status_changed_at.eq(ts(now)),
            appeals::corrects_appeal_id.eq(req.corrects.map(|a| a.0)),
            appeals::lang.eq(req.lang.code()),
            appeals::applicant_key.eq(applicant_key),
            appeals::address_key.eq(address_key),
        ))
        .returning(appeals::id)
        .get_result(conn)?;
    let actor = Actor::Applicant(account.id);
    insert_event(
        conn,
        AppealId(appeal_id),
        &actor,
        &EventKind::Filed { number: number.to_string(), register_by },
        now,
    )?;
    if let Some(old) = req.corrects {
        insert_event(conn, old, &actor, &EventKind::Corrected { number: number.to_string() }, now)?;
    }
    Ok(FileOutcome::Filed { id: AppealId(appeal_id), number })
}

// ---------------------------------------------------------------------------------------
// Decisions

/// Who takes a decision.
#[derive(Clone, Debug)]
pub enum DecisionBy {
    Clerk(Clerk),
    /// The applicant: only withdrawal, only of their own appeal.
    Applicant(AccountId),
}

impl DecisionBy {
    fn actor(&self) -> Actor {
        match self {
            DecisionBy::Clerk(c) => Actor::Clerk(c.id),
            DecisionBy::Applicant(a) => Actor::Applicant(*a),
        }
    }
}

/// Why a decision was not taken.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    /// No such appeal — or not one this person may act on (indistinguishable on purpose).
    #[error("no such appeal")]
    NotFound,
    #[error("only a supervisor may do this")]
    NotSupervisor,
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Extension(#[from] ExtensionError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("the clerk is not in this appeal's district")]
    WrongClerk,
    #[error("the text is empty or too long")]
    BadText,
    #[error("the document is empty or larger than {0} bytes")]
    BadDocument(usize),
    /// A date the applicant must come on (to collect, to bring originals) is a day off.
    #[error("{day} is a day off; the next working day is {next}")]
    DayOff { day: NaiveDate, next: NaiveDate },
    /// The appeal is no longer in the state the decision was taken on ([`decide_seen`]).
    #[error("the appeal changed meanwhile; it is now {now:?}")]
    Changed { now: StatusKind },
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(DecideError);

impl DecideError {
    /// What a clerk (or the applicant) reads.
    pub fn message(&self) -> Msg {
        match self {
            DecideError::NotFound => Msg::new("decide-error-not-found"),
            DecideError::NotSupervisor => Msg::new("decide-error-not-supervisor"),
            DecideError::Transition(e) => e.message(),
            DecideError::Extension(e) => Msg::new("error-extension").arg("detail", e.to_string()),
            DecideError::Calendar(e) => e.msg(),
            DecideError::WrongClerk => Msg::new("decide-error-wrong-clerk"),
            DecideError::BadText => Msg::new("decide-error-bad-text"),
            DecideError::BadDocument(max) => Msg::new("decide-error-bad-document").arg("max", *max),
            DecideError::DayOff { day, next } => Msg::new("decide-error-day-off")
                .arg("date", day.format("%d.%m.%Y").to_string())
                .arg("next", next.format("%d.%m.%Y").to_string()),
            DecideError::Changed { .. } => Msg::new("decide-error-changed"),
            DecideError::Store(_) => Msg::new("error-internal"),
        }
    }
}

/// The largest document a clerk may attach.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// Loads an appeal for a change, locked, and checks who may touch it.
fn load_for_change(conn: &mut DbConn, id: AppealId, by: &DecisionBy) -> Result<(Appeal, Service), DecideError> {
    if !backend::lock_appeal(conn, id.0)? {
        return Err(DecideError::NotFound);
    }
    let appeal = get(conn, id)?.ok_or(DecideError::NotFound)?;
    match by {
        DecisionBy::Applicant(account) if resident_of(conn, *account)? != Some(appeal.resident.0) => {
            return Err(DecideError::NotFound);
        }
        DecisionBy::Clerk(clerk) if clerk.disabled => return Err(DecideError::WrongClerk),
        DecisionBy::Clerk(clerk)
            if clerk.role != Role::Administrator && clerk.district.as_ref() != Some(&appeal.district) =>
        {
            return Err(DecideError::NotFound);
        }
        _ => {}
    }
    let service = catalogue::get(conn, appeal.service.as_str())?
        .ok_or_else(|| StoreError::corrupt("appeal service", appeal.service.as_str()))?;
    Ok((appeal, service))
}

fn audit_actor(by: &DecisionBy) -> Option<AuditActor> {
    match by {
        DecisionBy::Clerk(c) => Some(AuditActor::clerk(&c.login)),
        DecisionBy::Applicant(_) => None,
    }
}

/// The result of a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub status: Status,
    pub event: EventId,
}

/// Takes a decision on an appeal: applies the command to its status, records the event and
/// the audit row, all in one transaction. The one place a status is written.
///
/// For [`Command::Register`] the deadline is computed here (the service's term; for
/// consultations, 30 calendar days from registration, 59-ФЗ art. 12); the one given is ignored.
pub fn decide(
    conn: &mut DbConn,
    appeal: AppealId,
    command: Command,
    by: &DecisionBy,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<Decided, DecideError> {
    write_txn(conn, |conn| decide_in(conn, appeal, command, None, by, cal, now, &|_| Ok(())))
}

/// [`decide`] on the status a clerk's screen showed: refused with [`DecideError::Changed`]
/// when someone changed the appeal since (another clerk moved it on, the applicant withdrew
/// it), so that a confirmation given on an outdated screen never applies to a state the clerk
/// did not see — "next stage" pressed twice in two terminals moves it one stage, not two.
pub fn decide_seen(
    conn: &mut DbConn,
    appeal: AppealId,
    seen: &Status,
    command: Command,
    by: &DecisionBy,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<Decided, DecideError> {
    write_txn(conn, |conn| decide_in(conn, appeal, command, Some(seen), by, cal, now, &|_| Ok(())))
}

/// [`decide`] inside the caller's transaction, with a hook run right after the event is
/// written (tests inject faults there).
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide_in(
    conn: &mut DbConn,
    id: AppealId,
    command: Command,
    seen: Option<&Status>,
    by: &DecisionBy,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
    after_event: &dyn Fn(&mut DbConn) -> Result<(), StoreError>,
) -> Result<Decided, DecideError> {
    if matches!(by, DecisionBy::Applicant(_)) && command != Command::Withdraw {
        return Err(DecideError::NotFound);
    }
    let (appeal, service) = load_for_change(conn, id, by)?;
    if let Some(seen) = seen
        && *seen != appeal.status
    {
        return Err(DecideError::Changed { now: appeal.status.kind() });
    }
    let from = appeal.status.kind();
    let mut due = appeal.due;
    let command = match command {
        Command::Register { .. } => {
            if service.kind == ServiceKind::Consultation && appeal.extension.is_none() {
                due = cal.answer_due(now)?;
            }
            Command::Register { deadline: due }
        }
        other => other,
    };
    let name = command.name();
    // The applicant is asked to come on these dates: the council must be open then.
    let visit_day = match &command {
        Command::MarkReady { pickup } => Some(pickup.from),
        Command::RequestOriginals { by, .. } => Some(*by),
        _ => None,
    };
    let transition = appeal.status.apply(command, Context { service: &service, today: moscow_date(now) })?;
    if let Some(day) = visit_day
        && !cal.is_working_day(day)?
    {
        return Err(DecideError::DayOff { day, next: cal.next_working_day(day)? });
    }
    let to = transition.status.kind();
    let decided_at = (from == StatusKind::Submitted).then(|| ts(now));
    let closed_at = to.is_final().then(|| ts(now));
    let stage = transition.status.stage().map(ToString::to_string);
    diesel::update(appeals::table.find(id.0))
        .set((
            appeals::status.eq(to.as_str()),
            appeals::status_data.eq(to_json(&transition.status)?),
            appeals::stage.eq(stage),
            appeals::status_changed_at.eq(ts(now)),
            appeals::due_on.eq(due),
        ))
        .execute(conn)?;
    if decided_at.is_some() {
        diesel::update(appeals::table.find(id.0)).set(appeals::decided_at.eq(decided_at)).execute(conn)?;
    }
    if closed_at.is_some() {
        diesel::update(appeals::table.find(id.0)).set(appeals::closed_at.eq(closed_at)).execute(conn)?;
    }
    let event = insert_event(conn, id, &by.actor(), &transition.event, now)?;
    after_event(conn)?;
    if let Some(actor) = audit_actor(by) {
        audit::record(
            conn,
            now,
            &actor,
            AuditAction::AppealTransition,
            &format!("appeal:{}", id.0),
            &json!({ "command": name, "from": from.as_str(), "to": to.as_str(), "event": event.0 }),
        )?;
    }
    Ok(Decided { status: transition.status, event })
}

fn clean_text(text: &str) -> Result<String, DecideError> {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() || text.chars().count() > crate::domain::status::MAX_DECISION_TEXT {
        return Err(DecideError::BadText);
    }
    Ok(text.to_owned())
}

/// Sends the applicant an informational message about an appeal.
pub fn send_message(
    conn: &mut DbConn,
    id: AppealId,
    clerk: &Clerk,
    text: &str,
    now: DateTime<Utc>,
) -> Result<EventId, DecideError> {
    let text = clean_text(text)?;
    write_txn(conn, |conn| {
        let by = DecisionBy::Clerk(clerk.clone());
        let (appeal, _) = load_for_change(conn, id, &by)?;
        if appeal.status.kind().is_final() {
            return Err(TransitionError::NotAllowed { command: "message", from: appeal.status.kind() }.into());
        }
        let event = insert_event(conn, id, &by.actor(), &EventKind::Message { text }, now)?;
        audit::record(
            conn,
            now,
            &AuditActor::clerk(&clerk.login),
            AuditAction::AppealMessageSent,
            &format!("appeal:{}", id.0),
            &json!({ "event": event.0 }),
        )?;
        Ok(event)
    })
}

/// Extends an appeal's deadline once, by up to 30 days, with a reason the applicant is told
/// (59-ФЗ art. 12 part 2). Supervisors only.
pub fn extend_deadline(
    conn: &mut DbConn,
    id: AppealId,
    supervisor: &Clerk,
    days: u16,
    reason: &str,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<NaiveDate, DecideError> {
    if !supervisor.role.supervises() {
        return Err(DecideError::NotSupervisor);
    }
    let reason = clean_text(reason)?;
    write_txn(conn, |conn| {
        let by = DecisionBy::Clerk(supervisor.clone());
        let (appeal, service) = load_for_change(conn, id, &by)?;
        let kind = appeal.status.kind();
        if kind.is_final() || kind == StatusKind::Submitted {
            return Err(TransitionError::NotAllowed { command: "extend", from: kind }.into());
        }
        if service.kind != ServiceKind::Consultation {
            return Err(ExtensionError::NotAnAnswerTerm.into());
        }
        if appeal.extension.is_some() {
            return Err(ExtensionError::AlreadyExtended.into());
        }
        let to = cal.extend(appeal.due, days)?;
        if to <= moscow_date(now) {
            return Err(ExtensionError::NotInTheFuture { to }.into());
        }
        diesel::update(appeals::table.find(id.0))
            .set((
                appeals::extended_from.eq(Some(appeal.due)),
                appeals::extension_reason.eq(Some(&reason)),
                appeals::due_on.eq(to),
            ))
            .execute(conn)?;
        let event = insert_event(
            conn,
            id,
            &by.actor(),
            &EventKind::DeadlineExtended { from: appeal.due, to, reason: reason.clone() },
            now,
        )?;
        audit::record(
            conn,
            now,
            &AuditActor::clerk(&supervisor.login),
            AuditAction::DeadlineExtended,
            &format!("appeal:{}", id.0),
            &json!({ "from": appeal.due, "to": to, "days": days, "event": event.0 }),
        )?;
        Ok(to)
    })
}

/// Assigns an appeal to a clerk of its district (or nobody). A clerk may take an unassigned
/// appeal for themselves; anything else needs a supervisor.
pub fn assign(
    conn: &mut DbConn,
    id: AppealId,
    to: Option<ClerkId>,
    by: &Clerk,
    now: DateTime<Utc>,
) -> Result<(), DecideError> {
    write_txn(conn, |conn| {
        let decision_by = DecisionBy::Clerk(by.clone());
        let (appeal, _) = load_for_change(conn, id, &decision_by)?;
        let taking_free = appeal.assigned_clerk.is_none() && to == Some(by.id);
        if !taking_free && !by.role.supervises() {
            return Err(DecideError::NotSupervisor);
        }
        if let Some(target) = to {
            let clerk = super::clerks::get(conn, target)?.ok_or(DecideError::WrongClerk)?;
            if clerk.disabled
                || (clerk.role != Role::Administrator && clerk.district.as_ref() != Some(&appeal.district))
            {
                return Err(DecideError::WrongClerk);
            }
        }
        diesel::update(appeals::table.find(id.0)).set(appeals::assigned_clerk_id.eq(to.map(|c| c.0))).execute(conn)?;
        audit::record(
            conn,
            now,
            &AuditActor::clerk(&by.login),
            AuditAction::AppealReassigned,
            &format!("appeal:{}", id.0),
            &json!({ "from": appeal.assigned_clerk.map(|c| c.0), "to": to.map(|c| c.0) }),
        )?;
        Ok(())
    })
}

/// A document issued electronically, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentMeta {
    pub id: DocumentId,
    pub appeal: AppealId,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

/// A file to issue.
#[derive(Clone, Debug)]
pub struct DocumentUpload<'a> {
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
}

/// Stores a document and completes a no-visit appeal with it (`issued_electronically`), in one
/// transaction.
pub fn issue_electronically(
    conn: &mut DbConn,
    id: AppealId,
    clerk: &Clerk,
    upload: &DocumentUpload<'_>,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<DocumentMeta, DecideError> {
    if upload.content.is_empty() || upload.content.len() > MAX_DOCUMENT_BYTES {
        return Err(DecideError::BadDocument(MAX_DOCUMENT_BYTES));
    }
    let file_name = upload
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.chars().count() <= 200 && !n.chars().any(char::is_control))
        .ok_or(DecideError::BadText)?
        .to_owned();
    let sha256 = crate::token::hex(&Sha256::digest(upload.content));
    let size = i64::try_from(upload.content.len()).unwrap_or(i64::MAX);
    write_txn(conn, |conn| {
        let by = DecisionBy::Clerk(clerk.clone());
        load_for_change(conn, id, &by)?;
        let doc_id: i64 = diesel::insert_into(documents::table)
            .values((
                documents::appeal_id.eq(id.0),
                documents::file_name.eq(&file_name),
                documents::media_type.eq(upload.media_type),
                documents::size_bytes.eq(size),
                documents::sha256.eq(&sha256),
                documents::content.eq(upload.content),
                documents::created_at.eq(ts(now)),
                documents::created_by.eq(Some(clerk.id.0)),
            ))
            .returning(documents::id)
            .get_result(conn)?;
        audit::record(
            conn,
            now,
            &AuditActor::clerk(&clerk.login),
            AuditAction::DocumentAttached,
            &format!("appeal:{}", id.0),
            &json!({ "document": doc_id, "sha256": sha256, "size": size }),
        )?;
        let command = Command::IssueElectronically {
            document: IssuedDocument { document: DocumentId(doc_id), file_name: file_name.clone() },
        };
        decide_in(conn, id, command, None, &by, cal, now, &|_| Ok(()))?;
        Ok(DocumentMeta {
            id: DocumentId(doc_id),
            appeal: id,
            file_name: file_name.clone(),
            media_type: upload.media_type.to_owned(),
            size,
            sha256: sha256.clone(),
            created_at: now,
        })
    })
}

type DocumentTuple = (i64, i64, String, String, i64, String, NaiveDateTime);

fn meta((id, appeal, file_name, media_type, size, sha256, created_at): DocumentTuple) -> DocumentMeta {
    DocumentMeta {
        id: DocumentId(id),
        appeal: AppealId(appeal),
        file_name,
        media_type,
        size,
        sha256,
        created_at: utc(created_at),
    }
}

/// The documents of an appeal.
pub fn documents(conn: &mut DbConn, id: AppealId) -> Result<Vec<DocumentMeta>, StoreError> {
    let rows: Vec<DocumentTuple> = documents::table
        .filter(documents::appeal_id.eq(id.0))
        .select((
            documents::id,
            documents::appeal_id,
            documents::file_name,
            documents::media_type,
            documents::size_bytes,
            documents::sha256,
            documents::created_at,
        ))
        .order(documents::id.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(meta).collect())
}

/// A document's content, only through its own appeal.
pub fn document_content(
    conn: &mut DbConn,
    appeal: AppealId,
    id: DocumentId,
) -> Result<Option<(DocumentMeta, Vec<u8>)>, StoreError> {
    let row: Option<(DocumentTuple, Vec<u8>)> = documents::table
        .filter(documents::id.eq(id.0))
        .filter(documents::appeal_id.eq(appeal.0))
        .select((
            (
                documents::id,
                documents::appeal_id,
                documents::file_name,
                documents::media_type,
                documents::size_bytes,
                documents::sha256,
                documents::created_at,
            ),
            documents::content,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(m, content)| (meta(m), content)))
}

/// Flags the open appeals of residents who left the registry (inside an import's
/// transaction). Returns how many.
pub(crate) fn flag_left_residents(conn: &mut DbConn, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let left = residents_t::table.filter(residents_t::left_at.eq(ts(now))).select(residents_t::id);
    let open: Vec<&str> = StatusKind::ALL.iter().filter(|k| k.is_open()).map(|k| k.as_str()).collect();
    let n = diesel::update(appeals::table)
        .filter(appeals::resident_id.eq_any(left))
        .filter(appeals::status.eq_any(open))
        .set(appeals::resident_left.eq(true))
        .execute(conn)?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Clears the "resident left" flag of appeals whose resident the import `import_id` lists
/// again (a file that had left them out by mistake, corrected). Their revoked PINs stay revoked:
/// a new slip is issued at the desk.
pub(crate) fn unflag_returned_residents(conn: &mut DbConn, import_id: i64) -> Result<i64, StoreError> {
    let back = residents_t::table
        .filter(residents_t::import_id.eq(import_id))
        .filter(residents_t::left_at.is_null())
        .select(residents_t::id);
    let n = diesel::update(appeals::table)
        .filter(appeals::resident_left.eq(true))
        .filter(appeals::resident_id.eq_any(back))
        .set(appeals::resident_left.eq(false))
        .execute(conn)?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

// ---------------------------------------------------------------------------------------
// Queues

/// The clerks' queues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Queue {
    /// Filed, to register or refuse.
    New,
    /// Registered or at a stage (optionally one stage).
    InProgress(Option<String>),
    /// Waiting for originals, or suspended for want of them.
    Originals,
    /// Ready for collection.
    Ready,
    /// Consultations to answer.
    Consultations,
    /// Every open appeal past its deadline (or its registration deadline).
    Overdue,
    /// Everything, closed ones included.
    All,
}

/// What a queue is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Filed,
    Due,
    Number,
    Applicant,
}

/// Where a page ends: the sort key's value and the id of the last row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    Filed(NaiveDateTime, i64),
    Due(NaiveDate, i64),
    Number(String, i64),
    Applicant(String, i64),
}

/// A page request.
#[derive(Clone, Debug)]
pub struct QueueQuery {
    pub district: DistrictCode,
    pub queue: Queue,
    pub sort: SortKey,
    pub descending: bool,
    pub after: Option<Cursor>,
    /// A number, a name or an address (prefix).
    pub search: Option<String>,
    pub assigned_to: Option<ClerkId>,
    /// Today's Moscow date (for the overdue queue).
    pub today: NaiveDate,
    pub limit: i64,
}

/// One line of a queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub id: AppealId,
    pub number: String,
    pub service: String,
    pub status: StatusKind,
    pub stage: Option<String>,
    pub applicant: String,
    pub filed_at: DateTime<Utc>,
    pub register_by: NaiveDate,
    pub due: NaiveDate,
    pub needs_attention: bool,
    pub resident_left: bool,
    pub email_failed: bool,
    pub assigned_clerk: Option<ClerkId>,
    /// The last day to bring the originals asked for, while they are awaited or after the
    /// appeal was suspended for want of them.
    pub originals_by: Option<NaiveDate>,
    /// The first day a ready document can be collected, while it is ready.
    pub pickup_from: Option<NaiveDate>,
    pub cursor: Cursor,
}

impl QueueRow {
    /// The deadline a queue shows and sorts «by deadline» on: registration's, until registered.
    pub fn shown_due(&self) -> NaiveDate {
        if self.status == StatusKind::Submitted { self.register_by } else { self.due }
    }
}

type QueueTuple = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    NaiveDateTime,
    NaiveDate,
    NaiveDate,
    bool,
    bool,
    bool,
    Option<i64>,
);

/// The applicant's name, and the status data of an appeal waiting for originals.
type NameTuple = (String, String, Option<String>, Option<String>);

fn open_kinds() -> Vec<&'static str> {
    StatusKind::ALL.iter().filter(|k| k.is_open()).map(|k| k.as_str()).collect()
}

/// The states an appeal can be overdue in ([`StatusKind::deadline_runs`]).
pub(crate) fn deadline_kinds() -> Vec<&'static str> {
    StatusKind::ALL.iter().filter(|k| k.deadline_runs()).map(|k| k.as_str()).collect()
}

/// The consultation services' codes.
pub(crate) fn consultation_codes(conn: &mut DbConn) -> Result<Vec<String>, StoreError> {
    Ok(services::table
        .filter(services::kind.eq(ServiceKind::Consultation.as_str()))
        .select(services::code)
        .load(conn)?)
}

/// The address key (as stored in `appeals.address_key`) of what a clerk typed: a parsed
/// address line when it is one («Новый Арбат 12», «ул. Арбат, д. 5, кв. 7»), else a street.
fn address_search_key(text: &str) -> String {
    match crate::registry::parse_address_line(text) {
        Some(parsed) => join_address_key(parsed.key()),
        None => crate::registry::street_key(text),
    }
}

fn join_address_key(key: AddressKey) -> String {
    [key.street, key.house, key.building, key.structure, key.flat]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many past years a number typed without its year is looked for in.
const SHORT_NUMBER_YEARS: i32 = 5;

/// The appeal numbers a search stands for, when it is a number: the full
/// `ЭП-0412-2026-000123`, the year and sequence `2026-123`, or the sequence alone `123` /
/// `000123` (in the clerk's district, this year and the few before, as clerks say numbers on
/// the phone). `None` when the search is not a number.
pub(crate) fn number_candidates(search: &str, district: &DistrictCode, today: NaiveDate) -> Option<Vec<String>> {
    if let Some(number) = AppealNumber::parse(search) {
        return Some(vec![number.to_string()]);
    }
    let seq = |text: &str| -> Option<u32> {
        (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let numbers = |years: &mut dyn Iterator<Item = i32>, n: u32| {
        years.map(|year| AppealNumber::new(district.clone(), year, n).to_string()).collect()
    };
    if let Some((year, n)) = search.split_once('-')
        && year.len() == 4
        && let (Ok(year), Some(n)) = (year.parse::<i32>(), seq(n))
    {
        return Some(numbers(&mut std::iter::once(year), n));
    }
    let n = seq(search)?;
    let this_year = today.year();
    Some(numbers(&mut ((this_year - SHORT_NUMBER_YEARS + 1)..=this_year).rev(), n))
}

/// One page of a queue, keyset-paginated over the `(district, status, key, id)` indexes.
pub fn queue(conn: &mut DbConn, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
    let mut query = queue_source(q);
    let consultations = consultation_codes(conn)?;
    query = match &q.queue {
        Queue::New => query.filter(appeals::status.eq(StatusKind::Submitted.as_str())),
        Queue::InProgress(stage) => {
            let mut query = query
                .filter(appeals::status.eq_any([StatusKind::Registered.as_str(), StatusKind::InProgress.as_str()]))
                .filter(appeals::service_code.ne_all(consultations.clone()));
            if let Some(stage) = stage {
                query = query.filter(appeals::stage.eq(stage.clone()));
            }
            query
        }
        Queue::Originals => query
            .filter(appeals::status.eq_any([StatusKind::OriginalsRequired.as_str(), StatusKind::Suspended.as_str()])),
        Queue::Ready => query.filter(appeals::status.eq(StatusKind::Ready.as_str())),
        Queue::Consultations => query
            .filter(appeals::status.eq_any([StatusKind::Registered.as_str(), StatusKind::InProgress.as_str()]))
            .filter(appeals::service_code.eq_any(consultations.clone())),
        Queue::Overdue => query.filter(appeals::status.eq_any(deadline_kinds())).filter(
            appeals::due_on
                .lt(q.today)
                .or(appeals::status.eq(StatusKind::Submitted.as_str()).and(appeals::register_by.lt(q.today))),
        ),
        Queue::All => query,
    };
    page(conn, query, q)
}

/// The queue's rows before its own filters: a district's appeals with their residents.
pub(crate) type QueueSource = diesel::dsl::IntoBoxed<
    'static,
    diesel::dsl::InnerJoin<appeals::table, residents_t::table>,
    <DbConn as Connection>::Backend,
>;

/// The district's appeals joined with their residents, to be narrowed by a queue's filters
/// and paged by [`page`].
pub(crate) fn queue_source(q: &QueueQuery) -> QueueSource {
    appeals::table
        .inner_join(residents_t::table)
        .filter(appeals::district_code.eq(q.district.as_str().to_owned()))
        .into_boxed()
}

/// Which date «by deadline» sorts on: the one the queue shows. An appeal not yet registered
/// shows (and is overdue by) its registration deadline, the others their deadline; a queue of
/// one kind sorts on its column and its index, a mixed one on the date each row shows.
#[derive(Clone, Copy)]
pub(crate) enum DueKey {
    Due,
    RegisterBy,
    Shown,
}

impl DueKey {
    /// The date a queue of one state shows: registration's while the appeal waits for it.
    pub(crate) fn of_state(kind: StatusKind) -> DueKey {
        if kind == StatusKind::Submitted { DueKey::RegisterBy } else { DueKey::Due }
    }

    fn of(queue: &Queue) -> DueKey {
        match queue {
            Queue::New => DueKey::RegisterBy,
            Queue::Overdue | Queue::All => DueKey::Shown,
            Queue::InProgress(_) | Queue::Originals | Queue::Ready | Queue::Consultations => DueKey::Due,
        }
    }
}

/// One page of `query` (a [`queue_source`] narrowed to a queue): the clerk filter, the search,
/// the keyset after `q.after`, the order and the rows.
pub(crate) fn page(conn: &mut DbConn, query: QueueSource, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
    page_keyed(conn, query, q, DueKey::of(&q.queue))
}

/// [`page`] with the date «by deadline» sorts on given: a page of one state knows which date it
/// shows, and sorting on that column (rather than on the expression that picks it) walks the
/// state's index instead of sorting every row of the state.
pub(crate) fn page_keyed(
    conn: &mut DbConn,
    mut query: QueueSource,
    q: &QueueQuery,
    due_key: DueKey,
) -> Result<Vec<QueueRow>, StoreError> {
    if let Some(clerk) = q.assigned_to {
        query = query.filter(appeals::assigned_clerk_id.eq(clerk.0));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(numbers) = number_candidates(search, &q.district, q.today) {
            query = query.filter(appeals::number.eq_any(numbers));
        } else {
            let key = name_key(search);
            let end = residents::prefix_end(&key).unwrap_or_else(|| key.clone());
            let address = address_search_key(search);
            let address_end = residents::prefix_end(&address).unwrap_or_else(|| address.clone());
            query = query.filter(
                appeals::applicant_key
                    .ge(key)
                    .and(appeals::applicant_key.lt(end))
                    .or(appeals::address_key.ge(address).and(appeals::address_key.lt(address_end))),
            );
        }
    }
    let desc = q.descending;
    // the deadline a queue shows: the registration deadline of an appeal not yet registered
    macro_rules! shown_due {
        () => {
            diesel::dsl::case_when(appeals::status.eq(StatusKind::Submitted.as_str()), appeals::register_by)
                .otherwise(appeals::due_on)
        };
    }
    macro_rules! keyset {
        ($col:expr, $value:expr, $id:expr) => {{
            let value = $value;
            if desc {
                query.filter($col.lt(value.clone()).or($col.eq(value).and(appeals::id.lt($id))))
            } else {
                query.filter($col.gt(value.clone()).or($col.eq(value).and(appeals::id.gt($id))))
            }
        }};
    }
    if let Some(cursor) = &q.after {
        query = match cursor.clone() {
            Cursor::Filed(v, id) => keyset!(appeals::filed_at, v, id),
            Cursor::Due(v, id) => match due_key {
                DueKey::Due => keyset!(appeals::due_on, v, id),
                DueKey::RegisterBy => keyset!(appeals::register_by, v, id),
                DueKey::Shown => keyset!(shown_due!(), v, id),
            },
            Cursor::Number(v, id) => keyset!(appeals::number, v, id),
            Cursor::Applicant(v, id) => keyset!(appeals::applicant_key, v, id),
        };
    }
    query = match (q.sort, desc) {
        (SortKey::Filed, false) => query.order((appeals::filed_at.asc(), appeals::id.asc())),
        (SortKey::Filed, true) => query.order((appeals::filed_at.desc(), appeals::id.desc())),
        (SortKey::Due, false) => match due_key {
            DueKey::Due => query.order((appeals::due_on.asc(), appeals::id.asc())),
            DueKey::RegisterBy => query.order((appeals::register_by.asc(), appeals::id.asc())),
            DueKey::Shown => query.order((shown_due!().asc(), appeals::id.asc())),
        },
        (SortKey::Due, true) => match due_key {
            DueKey::Due => query.order((appeals::due_on.desc(), appeals::id.desc())),
            DueKey::RegisterBy => query.order((appeals::register_by.desc(), appeals::id.desc())),
            DueKey::Shown => query.order((shown_due!().desc(), appeals::id.desc())),
        },
        (SortKey::Number, false) => query.order((appeals::number.asc(), appeals::id.asc())),
        (SortKey::Number, true) => query.order((appeals::number.desc(), appeals::id.desc())),
        (SortKey::Applicant, false) => query.order((appeals::applicant_key.asc(), appeals::id.asc())),
        (SortKey::Applicant, true) => query.order((appeals::applicant_key.desc(), appeals::id.desc())),
    };
    let rows: Vec<(QueueTuple, NameTuple)> = query
        .select((
            (
                appeals::id,
                appeals::number,
                appeals::service_code,
                appeals::status,
                appeals::stage,
                appeals::applicant_key,
                appeals::filed_at,
                appeals::register_by,
                appeals::due_on,
                appeals::needs_attention,
                appeals::resident_left,
                appeals::email_failed,
                appeals::assigned_clerk_id,
            ),
            (
                residents_t::surname,
                residents_t::name,
                residents_t::patronymic,
                // only the rows whose date the queue shows (the originals', the pickup's): the
                // others' status data (refusals' grounds in two languages) stays in the database
                diesel::dsl::case_when(
                    appeals::status.eq_any([
                        StatusKind::OriginalsRequired.as_str(),
                        StatusKind::Suspended.as_str(),
                        StatusKind::Ready.as_str(),
                    ]),
                    appeals::status_data,
                ),
            ),
        ))
        .limit(q.limit.clamp(1, 1000))
        .load(conn)?;
    rows.into_iter()
        .map(|(t, (surname, name, patronymic, dated))| {
            let (
                id,
                number,
                service,
                status,
                stage,
                applicant_key,
                filed_at,
                register_by,
                due,
                attention,
                left,
                failed,
                clerk,
            ) = t;
            let cursor = match q.sort {
                SortKey::Filed => Cursor::Filed(filed_at, id),
                SortKey::Due => Cursor::Due(
                    match due_key {
                        DueKey::Due => due,
                        DueKey::RegisterBy => register_by,
                        DueKey::Shown if status == StatusKind::Submitted.as_str() => register_by,
                        DueKey::Shown => due,
                    },
                    id,
                ),
                SortKey::Number => Cursor::Number(number.clone(), id),
                SortKey::Applicant => Cursor::Applicant(applicant_key, id),
            };
            let applicant = crate::domain::person::FullName { surname, name, patronymic }.with_initials();
            let (originals_by, pickup_from) = match dated {
                Some(data) => match from_json::<Status>("appeal status", &data)? {
                    Status::OriginalsRequired(r) | Status::Suspended(r) => (Some(r.by), None),
                    Status::Ready(pickup) => (None, Some(pickup.from)),
                    _ => (None, None),
                },
                None => (None, None),
            };
            Ok(QueueRow {
                id: AppealId(id),
                number,
                service,
                status: StatusKind::parse(&status).ok_or_else(|| StoreError::corrupt("status", &status))?,
                stage,
                applicant,
                filed_at: utc(filed_at),
                register_by,
                due,
                needs_attention: attention,
                resident_left: left,
                email_failed: failed,
                assigned_clerk: clerk.map(ClerkId),
                originals_by,
                pickup_from,
                cursor,
            })
        })
        .collect()
}

/// Counts for a district's dashboard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub new: i64,
    pub in_progress: i64,
    pub originals: i64,
    pub ready: i64,
    pub consultations: i64,
    /// Filed but not registered by the 3-day registration deadline.
    pub registration_overdue: i64,
    /// Open and past the deadline.
    pub overdue: i64,
    /// Open and due today (registration or service deadline).
    pub due_today: i64,
    /// Letters that could not be delivered, until retried or delivered: appeals in any state
    /// (a refusal or an answer matters most when the appeal is closed) with such a letter,
    /// plus the questions whose answer could not be delivered.
    pub email_failed: i64,
    /// Of `email_failed`, the questions.
    pub email_failed_questions: i64,
    /// Open appeals whose resident left the registry.
    pub resident_left: i64,
}

/// The dashboard's counts for `district` on `today` (a Moscow date).
pub fn counts(conn: &mut DbConn, district: &DistrictCode, today: NaiveDate) -> Result<QueueCounts, StoreError> {
    let consultations = consultation_codes(conn)?;
    let by_status: Vec<(String, String, i64)> = appeals::table
        .filter(appeals::district_code.eq(district.as_str()))
        .filter(appeals::status.eq_any(open_kinds()))
        .group_by((appeals::status, appeals::service_code))
        .select((appeals::status, appeals::service_code, diesel::dsl::count_star()))
        .load(conn)?;
    let mut c = QueueCounts::default();
    for (status, service, n) in by_status {
        let consultation = consultations.contains(&service);
        match StatusKind::parse(&status) {
            Some(StatusKind::Submitted) => c.new += n,
            Some(StatusKind::Registered | StatusKind::InProgress) if consultation => c.consultations += n,
            Some(StatusKind::Registered | StatusKind::InProgress) => c.in_progress += n,
            Some(StatusKind::OriginalsRequired | StatusKind::Suspended) => c.originals += n,
            Some(StatusKind::Ready) => c.ready += n,
            _ => {}
        }
    }
    let open = || {
        appeals::table.filter(appeals::district_code.eq(district.as_str())).filter(appeals::status.eq_any(open_kinds()))
    };
    let submitted = StatusKind::Submitted.as_str();
    c.registration_overdue =
        open().filter(appeals::status.eq(submitted)).filter(appeals::register_by.lt(today)).count().get_result(conn)?;
    c.overdue = open()
        .filter(appeals::status.eq_any(deadline_kinds()))
        .filter(appeals::due_on.lt(today).or(appeals::status.eq(submitted).and(appeals::register_by.lt(today))))
        .count()
        .get_result(conn)?;
    c.due_today = open()
        .filter(appeals::status.eq_any(deadline_kinds()))
        .filter(appeals::due_on.eq(today).or(appeals::status.eq(submitted).and(appeals::register_by.eq(today))))
        .count()
        .get_result(conn)?;
    (c.email_failed, c.email_failed_questions) = undelivered_counts(conn, district)?;
    c.resident_left = open().filter(appeals::resident_left.eq(true)).count().get_result(conn)?;
    Ok(c)
}

/// The dashboard's undelivered letters: (appeals of any state flagged, plus questions whose
/// answer failed; the questions alone).
pub(crate) fn undelivered_counts(conn: &mut DbConn, district: &DistrictCode) -> Result<(i64, i64), StoreError> {
    let appeals: i64 = appeals::table
        .filter(appeals::district_code.eq(district.as_str()))
        .filter(appeals::email_failed.eq(true))
        .count()
        .get_result(conn)?;
    let questions = i64::try_from(super::questions::undelivered_ids(conn, district)?.len()).unwrap_or(i64::MAX);
    Ok((appeals.saturating_add(questions), questions))
}
