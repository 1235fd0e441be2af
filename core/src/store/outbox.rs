//! The mail outbox (transactional outbox pattern).
//!
//! A row is written by [`enqueue`] inside the transaction that records its event
//! (`appeals::insert_event_for`), so a message exists if and only if its event does. Delivery
//! workers [`claim`] due rows under a lease (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so any
//! number of workers can run side by side), send them, and [`mark_sent`] or [`mark_failed`].
//! A worker that dies between sending and marking leaves its lease to expire; the row is then
//! sent again under the same Message-ID (`message_key`).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use rand::RngExt;
use serde_json::json;

use super::appeals::EventSubject;
use super::schema::{accounts, appeals, events, outbox, questions, residents};
use super::{DbConn, StoreError, audit, backend, from_json, ts, utc, write_txn};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::event::{ConfirmationPurpose, EventKind};
use crate::domain::ids::{AppealId, EventId, OutboxId};
use crate::domain::question::EmailAddress;
use crate::i18n::Lang;
use crate::token::random_token;

/// Outbox states.
pub mod state {
    pub const PENDING: &str = "pending";
    pub const SENT: &str = "sent";
    pub const FAILED: &str = "failed";
}

/// A confirmation link to put in the message of a `ConfirmationRequested` event.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link<'a> {
    pub to: &'a EmailAddress,
    pub token: &'a str,
}

/// Who receives mail about an event, in which language — or nobody.
///
/// Appeal events go to the account's address only once it is confirmed (no personal data is
/// mailed to an address before that); a confirmation request goes to the address being
/// confirmed, with nothing but the link; a question's answer goes to the confirmed address the
/// question came from.
fn recipient(
    conn: &mut DbConn,
    subject: &EventSubject,
    kind: &EventKind,
    link: Option<Link<'_>>,
) -> Result<Option<(String, Lang)>, StoreError> {
    if !kind.is_mailed() {
        return Ok(None);
    }
    let lang = |text: String| text.parse::<Lang>().map_err(|e| StoreError::corrupt("language", e));
    match (kind, link) {
        (EventKind::ConfirmationRequested { purpose }, Some(link)) => {
            let text: String = match (purpose, subject.account, subject.question) {
                (ConfirmationPurpose::Account, Some(a), _) => {
                    accounts::table.find(a.0).select(accounts::lang).first(conn)?
                }
                (ConfirmationPurpose::Question, _, Some(q)) => {
                    questions::table.find(q.0).select(questions::lang).first(conn)?
                }
                _ => return Ok(None),
            };
            Ok(Some((link.to.as_str().to_owned(), lang(text)?)))
        }
        (EventKind::ConfirmationRequested { .. }, None) => Ok(None),
        (EventKind::PinRevoked { .. } | EventKind::EmailChangeRequested { .. }, _) => {
            // only to an address the resident confirmed: nobody else learns of their PIN, and
            // a change of address is told to the address it is to replace
            let Some(a) = subject.account else { return Ok(None) };
            let (email, confirmed, text): (Option<String>, Option<NaiveDateTime>, String) = accounts::table
                .find(a.0)
                .select((accounts::email, accounts::email_confirmed_at, accounts::lang))
                .first(conn)?;
            match (email, confirmed) {
                (Some(email), Some(_)) => Ok(Some((email, lang(text)?))),
                _ => Ok(None),
            }
        }
        (EventKind::QuestionAnswered { .. }, _) => {
            let Some(q) = subject.question else { return Ok(None) };
            let (email, text, confirmed): (String, String, Option<NaiveDateTime>) = questions::table
                .find(q.0)
                .select((questions::email, questions::lang, questions::confirmed_at))
                .first(conn)?;
            if confirmed.is_none() {
                return Ok(None);
            }
            Ok(Some((email, lang(text)?)))
        }
        _ => {
            let Some(appeal) = subject.appeal else { return Ok(None) };
            match letter_account(conn, appeal)? {
                (Some(email), Some(_), text) => Ok(Some((email, lang(text)?))),
                _ => Ok(None),
            }
        }
    }
}

/// The account an appeal's letters go to: the resident's current account (a PIN may have been
/// re-issued since filing), else the one the appeal was filed with. Its address, when the
/// address was confirmed, and its language.
fn letter_account(
    conn: &mut DbConn,
    appeal: AppealId,
) -> Result<(Option<String>, Option<NaiveDateTime>, String), StoreError> {
    let (account, resident): (i64, i64) =
        appeals::table.find(appeal.0).select((appeals::account_id, appeals::resident_id)).first(conn)?;
    let active: Option<(Option<String>, Option<NaiveDateTime>, String)> = accounts::table
        .filter(accounts::resident_id.eq(resident))
        .filter(accounts::revoked_at.is_null())
        .select((accounts::email, accounts::email_confirmed_at, accounts::lang))
        .first(conn)
        .optional()?;
    Ok(match active {
        Some(row) => row,
        None => accounts::table
            .find(account)
            .select((accounts::email, accounts::email_confirmed_at, accounts::lang))
            .first(conn)?,
    })
}

/// The language an appeal's letters are written in now: the resident's account's, which they
/// may have changed since filing. A clerk writes what the resident will read in it.
pub fn letter_lang(conn: &mut DbConn, appeal: AppealId) -> Result<Lang, StoreError> {
    let (_, _, text) = letter_account(conn, appeal)?;
    text.parse::<Lang>().map_err(|e| StoreError::corrupt("language", e))
}

/// Queues the e-mail of an event, inside the event's transaction. Returns `None` when the
/// event is not mailed or nobody can receive it yet.
pub(crate) fn enqueue(
    conn: &mut DbConn,
    event: EventId,
    subject: &EventSubject,
    kind: &EventKind,
    link: Option<Link<'_>>,
    now: DateTime<Utc>,
) -> Result<Option<OutboxId>, StoreError> {
    let Some((to, lang)) = recipient(conn, subject, kind, link)? else { return Ok(None) };
    let id: i64 = diesel::insert_into(outbox::table)
        .values((
            outbox::event_id.eq(event.0),
            outbox::appeal_id.eq(subject.appeal.map(|a| a.0)),
            outbox::recipient.eq(&to),
            outbox::lang.eq(lang.code()),
            outbox::message_key.eq(format!("{}.{}", event.0, random_token(10))),
            outbox::link_token.eq(link.map(|l| l.token)),
            outbox::status.eq(state::PENDING),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(ts(now)),
            outbox::created_at.eq(ts(now)),
        ))
        .returning(outbox::id)
        .get_result(conn)?;
    Ok(Some(OutboxId(id)))
}

/// A message a worker holds under a lease.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    pub id: OutboxId,
    pub event: EventId,
    pub appeal: Option<AppealId>,
    pub recipient: String,
    pub lang: Lang,
    /// The local part of the Message-ID: the same on every attempt.
    pub message_key: String,
    pub link_token: Option<String>,
    /// Attempts made before this one.
    pub attempts: i32,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = outbox)]
struct ClaimedRow {
    id: i64,
    event_id: i64,
    appeal_id: Option<i64>,
    recipient: String,
    lang: String,
    message_key: String,
    link_token: Option<String>,
    attempts: i32,
}

impl TryFrom<ClaimedRow> for Claimed {
    type Error = StoreError;

    fn try_from(r: ClaimedRow) -> Result<Self, StoreError> {
        Ok(Claimed {
            id: OutboxId(r.id),
            event: EventId(r.event_id),
            appeal: r.appeal_id.map(AppealId),
            recipient: r.recipient,
            lang: r.lang.parse().map_err(|e| StoreError::corrupt("language", e))?,
            message_key: r.message_key,
            link_token: r.link_token,
            attempts: r.attempts,
        })
    }
}

/// Claims up to `limit` due messages for `worker` until `now + lease`.
pub fn claim(
    conn: &mut DbConn,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Claimed>, StoreError> {
    let ids = write_txn(conn, |c| backend::claim_outbox(c, worker, ts(now), ts(now + lease), limit.max(1)))?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ClaimedRow> = outbox::table
        .filter(outbox::id.eq_any(&ids))
        .filter(outbox::claimed_by.eq(worker))
        .select(ClaimedRow::as_select())
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .load(conn)?;
    rows.into_iter().map(Claimed::try_from).collect()
}

/// A message as a worker would see it, without claiming it (for previews).
pub fn peek(conn: &mut DbConn, id: OutboxId) -> Result<Option<Claimed>, StoreError> {
    let row: Option<ClaimedRow> = outbox::table.find(id.0).select(ClaimedRow::as_select()).first(conn).optional()?;
    row.map(Claimed::try_from).transpose()
}

/// Everything a template needs about a claimed message, read from the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailJob {
    pub claimed: Claimed,
    pub kind: EventKind,
    /// «Мария Петровна» (name and patronymic), or the name a question was signed with.
    pub addressee: Option<String>,
    /// The appeal the message is about.
    pub appeal: Option<JobAppeal>,
    /// For a question's answer: its district, when it was asked, its text and its address.
    pub question: Option<(String, NaiveDateTime, String, Option<String>)>,
    /// For an account's letter (its PIN stopped working): the resident's district, whose
    /// council the letter sends them to.
    pub district: Option<String>,
}

/// What a message about an appeal says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobAppeal {
    pub id: AppealId,
    /// «ЭП-0412-2026-000123».
    pub number: String,
    pub service: String,
    pub district: String,
    /// Its deadline as it stands when the message is rendered.
    pub due_on: NaiveDate,
}

/// Loads what rendering needs.
pub fn load_job(conn: &mut DbConn, claimed: Claimed) -> Result<MailJob, StoreError> {
    let (payload, question, account): (String, Option<i64>, Option<i64>) = events::table
        .find(claimed.event.0)
        .select((events::payload, events::question_id, events::account_id))
        .first(conn)?;
    let kind: EventKind = from_json("event", &payload)?;
    let mut addressee = None;
    let mut appeal = None;
    let mut asked = None;
    let mut account_district = None;
    if let Some(id) = claimed.appeal {
        let (number, service, district, due_on, name, patronymic): (
            String,
            String,
            String,
            NaiveDate,
            String,
            Option<String>,
        ) = appeals::table
            .inner_join(residents::table)
            .filter(appeals::id.eq(id.0))
            .select((
                appeals::number,
                appeals::service_code,
                appeals::district_code,
                appeals::due_on,
                residents::name,
                residents::patronymic,
            ))
            .first(conn)?;
        addressee = Some(match patronymic {
            Some(p) => format!("{name} {p}"),
            None => name,
        });
        appeal = Some(JobAppeal { id, number, service, district, due_on });
    } else if let (Some(q), EventKind::QuestionAnswered { .. }) = (question, &kind) {
        let (name, district, asked_at, body, address): (String, String, NaiveDateTime, String, Option<String>) =
            questions::table
                .find(q)
                .select((
                    questions::name,
                    questions::district_code,
                    questions::asked_at,
                    questions::body,
                    questions::address,
                ))
                .first(conn)?;
        addressee = Some(name);
        asked = Some((district, asked_at, body, address));
    } else if let (Some(a), EventKind::PinRevoked { .. } | EventKind::EmailChangeRequested { .. }) = (account, &kind) {
        let (name, patronymic, district): (String, Option<String>, String) = accounts::table
            .inner_join(residents::table)
            .filter(accounts::id.eq(a))
            .select((residents::name, residents::patronymic, residents::district_code))
            .first(conn)?;
        addressee = Some(match patronymic {
            Some(p) => format!("{name} {p}"),
            None => name,
        });
        account_district = Some(district);
    }
    Ok(MailJob { claimed, kind, addressee, appeal, question: asked, district: account_district })
}

/// Marks messages this worker sent. Rows whose lease another worker took over are left alone.
pub fn mark_sent(conn: &mut DbConn, ids: &[OutboxId], worker: &str, now: DateTime<Utc>) -> Result<usize, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let raw: Vec<i64> = ids.iter().map(|i| i.0).collect();
    Ok(write_txn(conn, |c| {
        diesel::update(outbox::table.filter(outbox::id.eq_any(&raw)).filter(outbox::claimed_by.eq(worker)))
            .set((
                outbox::status.eq(state::SENT),
                outbox::sent_at.eq(Some(ts(now))),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::claimed_by.eq(None::<String>),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
                outbox::link_token.eq(None::<String>),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(c)
    })?)
}

/// How failures are retried.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; after the last, the message is failed.
    pub max_attempts: u32,
    /// The wait after the first failure; each further one doubles it.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
    /// ± this fraction of random spread, so that workers do not retry in lockstep.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    /// 30 s doubling to 2 h, 32 attempts: a message the server keeps deferring (4xx) is tried
    /// for about two days before it is failed and its appeal or question flagged for clerks.
    /// An outage of the server itself costs no attempts (see `mail::deliver`).
    fn default() -> Self {
        RetryPolicy { max_attempts: 32, base: Duration::seconds(30), max: Duration::hours(2), jitter: 0.2 }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt number `attempt` (1-based), before jitter.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2i64.saturating_pow(attempt.saturating_sub(1).min(30));
        let ms = self.base.num_milliseconds().saturating_mul(factor);
        Duration::milliseconds(ms.min(self.max.num_milliseconds()))
    }

    /// The wait with jitter applied.
    pub fn jittered(&self, attempt: u32) -> Duration {
        let base = self.backoff(attempt).num_milliseconds() as f64;
        let spread = if self.jitter > 0.0 { rand::rng().random_range(-self.jitter..=self.jitter) } else { 0.0 };
        Duration::milliseconds((base * (1.0 + spread)).max(0.0) as i64)
    }
}

/// What a failed attempt led to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOutcome {
    /// Tried again at this time.
    RetryAt(DateTime<Utc>),
    /// No more attempts: the message is failed and its appeal flagged for clerks.
    Failed,
    /// The lease had passed to another worker; nothing changed.
    LostLease,
}

/// Records a failed attempt: a permanent failure (a 5xx reply) fails the message at once, a
/// transient one is retried with exponential backoff and jitter until the policy's last
/// attempt. A failed message flags its appeal ("e-mail not delivered").
pub fn mark_failed(
    conn: &mut DbConn,
    id: OutboxId,
    worker: &str,
    error: &str,
    permanent: bool,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> Result<FailOutcome, StoreError> {
    let error: String = error.chars().take(500).collect();
    write_txn(conn, |c| {
        let row: Option<(i32, Option<i64>)> = outbox::table
            .find(id.0)
            .filter(outbox::claimed_by.eq(worker))
            .select((outbox::attempts, outbox::appeal_id))
            .first(c)
            .optional()?;
        let Some((attempts, appeal)) = row else { return Ok(FailOutcome::LostLease) };
        let attempt = u32::try_from(attempts).unwrap_or(0) + 1;
        if permanent || attempt >= policy.max_attempts {
            diesel::update(outbox::table.find(id.0))
                .set((
                    outbox::status.eq(state::FAILED),
                    outbox::attempts.eq(outbox::attempts + 1),
                    outbox::failed_at.eq(Some(ts(now))),
                    outbox::last_error.eq(Some(&error)),
                    outbox::claimed_by.eq(None::<String>),
                    outbox::claimed_until.eq(None::<NaiveDateTime>),
                ))
                .execute(c)?;
            if let Some(appeal) = appeal {
                diesel::update(appeals::table.find(appeal)).set(appeals::email_failed.eq(true)).execute(c)?;
            }
            return Ok(FailOutcome::Failed);
        }
        let at = now + policy.jittered(attempt);
        diesel::update(outbox::table.find(id.0))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(ts(at)),
                outbox::last_error.eq(Some(&error)),
                outbox::claimed_by.eq(None::<String>),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(c)?;
        Ok(FailOutcome::RetryAt(at))
    })
}

/// Gives back claimed messages that were not attempted (the batch stopped early), due again
/// at `at`. Attempts are not counted.
pub fn release(conn: &mut DbConn, ids: &[OutboxId], worker: &str, at: DateTime<Utc>) -> Result<usize, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let raw: Vec<i64> = ids.iter().map(|i| i.0).collect();
    Ok(write_txn(conn, |c| {
        diesel::update(outbox::table.filter(outbox::id.eq_any(&raw)).filter(outbox::claimed_by.eq(worker)))
            .set((
                outbox::next_attempt_at.eq(ts(at)),
                outbox::claimed_by.eq(None::<String>),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(c)
    })?)
}

/// Gives back claimed messages because the mail server could not be used: due again at `at`,
/// with `error` (about the server, never a message) recorded for `outbox show`. Attempts are
/// not counted: an outage is not the messages' failure.
pub fn defer(
    conn: &mut DbConn,
    ids: &[OutboxId],
    worker: &str,
    at: DateTime<Utc>,
    error: &str,
) -> Result<usize, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let error: String = error.chars().take(500).collect();
    let raw: Vec<i64> = ids.iter().map(|i| i.0).collect();
    Ok(write_txn(conn, |c| {
        diesel::update(outbox::table.filter(outbox::id.eq_any(&raw)).filter(outbox::claimed_by.eq(worker)))
            .set((
                outbox::next_attempt_at.eq(ts(at)),
                outbox::last_error.eq(Some(&error)),
                outbox::claimed_by.eq(None::<String>),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(c)
    })?)
}

/// Messages by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    /// Pending and held by a worker right now.
    pub in_flight: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Counts messages by state.
pub fn counts(conn: &mut DbConn, now: DateTime<Utc>) -> Result<OutboxCounts, StoreError> {
    let rows: Vec<(String, i64)> =
        outbox::table.group_by(outbox::status).select((outbox::status, diesel::dsl::count_star())).load(conn)?;
    let mut c = OutboxCounts::default();
    for (status, n) in rows {
        match status.as_str() {
            state::PENDING => c.pending = n,
            state::SENT => c.sent = n,
            state::FAILED => c.failed = n,
            _ => {}
        }
    }
    c.in_flight = outbox::table
        .filter(outbox::status.eq(state::PENDING))
        .filter(outbox::claimed_until.gt(ts(now)))
        .count()
        .get_result(conn)?;
    Ok(c)
}

/// Whether the latest event of an appeal has a letter in the outbox: after a clerk's action,
/// tells the clerk if the applicant gets an email or will only see it in the personal area
/// (no confirmed address; every event on an appeal is mailed).
pub fn latest_event_mailed(conn: &mut DbConn, appeal: AppealId) -> Result<bool, StoreError> {
    let latest: Option<i64> =
        events::table.filter(events::appeal_id.eq(appeal.0)).select(diesel::dsl::max(events::id)).first(conn)?;
    let Some(event) = latest else { return Ok(false) };
    let n: i64 = outbox::table.filter(outbox::event_id.eq(event)).count().get_result(conn)?;
    Ok(n > 0)
}

/// A message as an administrator inspects it.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxEntry {
    pub id: i64,
    pub event_id: i64,
    pub appeal_id: Option<i64>,
    pub recipient: String,
    pub lang: String,
    pub message_key: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
}

/// Lists messages, newest first, optionally of one state.
pub fn list(conn: &mut DbConn, status: Option<&str>, limit: i64) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut q = outbox::table.select(OutboxEntry::as_select()).into_boxed();
    if let Some(s) = status {
        q = q.filter(outbox::status.eq(s.to_owned()));
    }
    Ok(q.order(outbox::id.desc()).limit(limit.clamp(1, 10_000)).load(conn)?)
}

/// One message.
pub fn get(conn: &mut DbConn, id: OutboxId) -> Result<Option<OutboxEntry>, StoreError> {
    Ok(outbox::table.find(id.0).select(OutboxEntry::as_select()).first(conn).optional()?)
}

/// Puts failed messages back in the queue (one, or all when `id` is `None`), due at once,
/// with a fresh count of attempts; their appeals lose the "not delivered" flag unless another
/// of their messages is still failed.
pub fn retry(
    conn: &mut DbConn,
    id: Option<OutboxId>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    write_txn(conn, |c| {
        let mut q =
            outbox::table.filter(outbox::status.eq(state::FAILED)).select((outbox::id, outbox::appeal_id)).into_boxed();
        if let Some(id) = id {
            q = q.filter(outbox::id.eq(id.0));
        }
        let rows: Vec<(i64, Option<i64>)> = q.load(c)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let n = diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::status.eq(state::PENDING),
                outbox::attempts.eq(0),
                outbox::next_attempt_at.eq(ts(now)),
                outbox::failed_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)?;
        for appeal in rows.iter().filter_map(|r| r.1) {
            let still_failed: i64 = outbox::table
                .filter(outbox::appeal_id.eq(appeal))
                .filter(outbox::status.eq(state::FAILED))
                .count()
                .get_result(c)?;
            if still_failed == 0 {
                diesel::update(appeals::table.find(appeal)).set(appeals::email_failed.eq(false)).execute(c)?;
            }
        }
        audit::record(
            c,
            now,
            actor,
            AuditAction::OutboxRetried,
            "outbox",
            &json!({ "messages": n, "only": id.map(|i| i.0) }),
        )?;
        Ok(n)
    })
}

/// Makes pending messages waiting for a later attempt (after the server deferred them, or
/// during an outage) due now — all of them, or `id` — except those a worker holds. For an
/// administrator who has just mended the mail server. Returns how many.
pub fn hurry(
    conn: &mut DbConn,
    id: Option<OutboxId>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    write_txn(conn, |c| {
        let mut q = outbox::table
            .filter(outbox::status.eq(state::PENDING))
            .filter(outbox::next_attempt_at.gt(ts(now)))
            .filter(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(ts(now))))
            .select(outbox::id)
            .into_boxed();
        if let Some(id) = id {
            q = q.filter(outbox::id.eq(id.0));
        }
        let ids: Vec<i64> = q.load(c)?;
        let n = diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set(outbox::next_attempt_at.eq(ts(now)))
            .execute(c)?;
        if n > 0 {
            audit::record(
                c,
                now,
                actor,
                AuditAction::OutboxRetried,
                "outbox",
                &json!({ "hurried": n, "only": id.map(|i| i.0) }),
            )?;
        }
        Ok(n)
    })
}

/// Deletes sent messages older than `before` (their events stay on the timeline).
pub fn purge(
    conn: &mut DbConn,
    before: DateTime<Utc>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    write_txn(conn, |c| {
        let n =
            diesel::delete(outbox::table.filter(outbox::status.eq(state::SENT)).filter(outbox::sent_at.lt(ts(before))))
                .execute(c)?;
        audit::record(
            c,
            now,
            actor,
            AuditAction::OutboxPurged,
            "outbox",
            &json!({ "messages": n, "sent_before": before.to_rfc3339() }),
        )?;
        Ok(n)
    })
}

/// The time a message was last tried or sent, for displays.
pub fn when(entry: &OutboxEntry) -> DateTime<Utc> {
    utc(entry.sent_at.or(entry.failed_at).unwrap_or(entry.next_attempt_at))
}
