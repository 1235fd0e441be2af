//! Retention: personal data is kept no longer than its purpose needs (152-ФЗ, art. 5 p. 7).
//!
//! Once a case is finished and the council's retention period has passed, [`purge`] deletes
//! it whole:
//! - appeals finished (in a final state) before the cut-off, with their timeline, documents,
//!   letters and one-time form keys — except an appeal that a correction still in work (or
//!   finished later) refers to, which stays as long as that correction;
//! - questions answered before the cut-off, with their events, letters and confirmations;
//! - accounts (PINs) revoked before the cut-off that no appeal names any more — a resident who
//!   left the registry loses their PIN on leaving — with their sessions, confirmations, events
//!   and letters;
//! - residents who left the registry before the cut-off and whom no account or appeal names.
//!
//! Residents still registered stay: the registry is the ГУ ИС's, and a re-import brings them
//! back anyway. The audit log stays too (it is append-only and names records only by their
//! ids). Each batch of [`BATCH`] records of one kind is deleted in one transaction, whole with
//! everything that belongs to it; a dry run counts the same sets by reading alone (see
//! `would_delete`), without taking the write lock, and a test holds its counts to a run's.

use chrono::{DateTime, Months, NaiveTime, Utc};
use diesel::Connection;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::audit;
use super::schema::{
    accounts, appeal_submissions, appeals, documents, email_confirmations, events, outbox, questions, residents,
    sessions,
};
use super::{DbConn, StoreError, ts, write_txn};
use crate::clock::{MOSCOW_OFFSET, moscow_date};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::question::QuestionStatus;

/// Records of one kind deleted per transaction.
pub const BATCH: i64 = 200;

/// The longest retention period accepted, in years.
pub const MAX_YEARS: u32 = 75;

/// What a purge deleted (or, in a dry run, would delete).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub appeals: u64,
    pub documents: u64,
    pub questions: u64,
    pub accounts: u64,
    pub residents: u64,
    /// Timeline events of all of these.
    pub events: u64,
    /// Letters (sent or not) of all of these.
    pub messages: u64,
}

impl Purged {
    fn add(&mut self, other: Purged) {
        self.appeals += other.appeals;
        self.documents += other.documents;
        self.questions += other.questions;
        self.accounts += other.accounts;
        self.residents += other.residents;
        self.events += other.events;
        self.messages += other.messages;
    }

    /// Whether nothing is deleted.
    pub fn is_empty(&self) -> bool {
        *self == Purged::default()
    }
}

/// The cut-off for a retention period of `years` counted back from `now`: the start (00:00
/// Moscow time) of the same Moscow date that many years ago (29 February falls back to the
/// 28th). None when `years` is not between 1 and [`MAX_YEARS`].
pub fn cutoff(now: DateTime<Utc>, years: u32) -> Option<DateTime<Utc>> {
    if !(1..=MAX_YEARS).contains(&years) {
        return None;
    }
    let day = moscow_date(now).checked_sub_months(Months::new(years * 12))?;
    let start = day.and_time(NaiveTime::MIN).and_local_timezone(MOSCOW_OFFSET).single()?;
    Some(start.with_timezone(&Utc))
}

/// What [`purge`] would delete, counted by reading alone, in one read transaction: a check
/// must not hold the write lock (on SQLite, the whole database's) while it counts. Deleting
/// and rolling back held it for as long as the deletes took — nine seconds for 11,000 appeals
/// on a debug build, during which the server's filings and the clerks' decisions waited, and
/// failed past the busy timeout. Each set is the one the steps delete: appeals finished
/// before the cut-off but those a kept correction refers to; the accounts and then the
/// residents that nothing left names.
fn would_delete(conn: &mut DbConn, before: DateTime<Utc>) -> Result<Purged, StoreError> {
    let cut = ts(before);
    conn.transaction(|c| -> Result<Purged, StoreError> {
        let kept: Vec<i64> = appeals::table
            .filter(appeals::closed_at.is_null().or(appeals::closed_at.ge(cut)))
            .filter(appeals::corrects_appeal_id.is_not_null())
            .select(appeals::corrects_appeal_id.assume_not_null())
            .load(c)?;
        macro_rules! gone_appeals {
            () => {
                appeals::table.filter(appeals::closed_at.lt(cut)).filter(appeals::id.ne_all(&kept))
            };
        }
        macro_rules! staying_appeals {
            () => {
                appeals::table
                    .filter(appeals::closed_at.is_null().or(appeals::closed_at.ge(cut)).or(appeals::id.eq_any(&kept)))
            };
        }
        macro_rules! gone_questions {
            () => {
                questions::table
                    .filter(questions::status.eq(QuestionStatus::Answered.as_str()))
                    .filter(questions::answered_at.lt(cut))
            };
        }
        macro_rules! gone_accounts {
            () => {
                accounts::table
                    .filter(accounts::revoked_at.lt(cut))
                    .filter(accounts::id.ne_all(staying_appeals!().select(appeals::account_id)))
            };
        }
        macro_rules! gone_events {
            () => {
                events::table.filter(
                    events::appeal_id
                        .eq_any(gone_appeals!().select(appeals::id.nullable()))
                        .or(events::question_id.eq_any(gone_questions!().select(questions::id.nullable())))
                        .or(events::account_id.eq_any(gone_accounts!().select(accounts::id.nullable()))),
                )
            };
        }
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        let appeals: i64 = gone_appeals!().count().get_result(c)?;
        let documents: i64 = documents::table
            .filter(documents::appeal_id.eq_any(gone_appeals!().select(appeals::id)))
            .count()
            .get_result(c)?;
        let questions: i64 = gone_questions!().count().get_result(c)?;
        let accounts: i64 = gone_accounts!().count().get_result(c)?;
        // residents: those left before the cut-off whom no staying account or appeal names
        let staying_accounts = accounts::table
            .filter(
                accounts::revoked_at
                    .is_null()
                    .or(accounts::revoked_at.ge(cut))
                    .or(accounts::id.eq_any(staying_appeals!().select(appeals::account_id))),
            )
            .select(accounts::resident_id);
        let residents: i64 = residents::table
            .filter(residents::left_at.lt(cut))
            .filter(residents::id.ne_all(staying_accounts))
            .filter(residents::id.ne_all(staying_appeals!().select(appeals::resident_id)))
            .count()
            .get_result(c)?;
        let events: i64 = gone_events!().count().get_result(c)?;
        let messages: i64 = outbox::table
            .filter(
                outbox::appeal_id
                    .eq_any(gone_appeals!().select(appeals::id.nullable()))
                    .or(outbox::event_id.eq_any(gone_events!().select(events::id))),
            )
            .count()
            .get_result(c)?;
        Ok(Purged {
            appeals: n(appeals),
            documents: n(documents),
            questions: n(questions),
            accounts: n(accounts),
            residents: n(residents),
            events: n(events),
            messages: n(messages),
        })
    })
}

/// A [`purge`] that stopped part way. The batches before the failure stay deleted, each whole
/// with what is its own, and — when there were any — the run is audited with what it deleted
/// and `"interrupted": true`; a run after the cause is mended goes on where this one stopped.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct PurgeError {
    /// What was deleted before the failure (nothing, in a check).
    pub deleted: Purged,
    #[source]
    pub error: StoreError,
}

impl PurgeError {
    fn nothing_deleted(error: StoreError) -> Self {
        PurgeError { deleted: Purged::default(), error }
    }
}

/// Deletes every finished case older than `before` (see the module documentation), or with
/// `apply` false only counts what it would delete. A run that deletes anything is audited
/// (`retention_applied`, with the counts and the cut-off), a failed one as well (see
/// [`PurgeError`]).
pub fn purge(
    conn: &mut DbConn,
    before: DateTime<Utc>,
    apply: bool,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Purged, PurgeError> {
    if !apply {
        return would_delete(conn, before).map_err(PurgeError::nothing_deleted);
    }
    let mut total = Purged::default();
    let run = run_steps(conn, before, &mut total);
    if total.is_empty() {
        return run.map(|()| total).map_err(PurgeError::nothing_deleted);
    }
    let mut details = json!({ "before": before.to_rfc3339(), "deleted": total });
    if run.is_err() {
        details["interrupted"] = json!(true);
    }
    let audited =
        write_txn(conn, |c| audit::record(c, now, actor, AuditAction::RetentionApplied, "retention", &details));
    // the failure that stopped the deletes is the one to report, before the audit's own
    run.and(audited).map(|_| total).map_err(|error| PurgeError { deleted: total, error })
}

/// Runs [`STEPS`] to the end, batch after batch, adding what each batch deleted to `total`.
fn run_steps(conn: &mut DbConn, before: DateTime<Utc>, total: &mut Purged) -> Result<(), StoreError> {
    for step in STEPS {
        loop {
            let done = write_txn(conn, |c| step(c, before))?;
            total.add(done);
            if done.is_empty() {
                break;
            }
        }
    }
    Ok(())
}

type Step = fn(&mut DbConn, DateTime<Utc>) -> Result<Purged, StoreError>;

/// In this order: appeals free accounts, accounts free residents.
const STEPS: [Step; 4] = [appeals_batch, questions_batch, accounts_batch, residents_batch];

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Deletes these events and their letters (an appeal's letters are all its events'). Returns
/// how many of each.
fn delete_events(c: &mut DbConn, event_ids: &[i64]) -> Result<(usize, usize), StoreError> {
    let messages = diesel::delete(outbox::table.filter(outbox::event_id.eq_any(event_ids))).execute(c)?;
    let events = diesel::delete(events::table.filter(events::id.eq_any(event_ids))).execute(c)?;
    Ok((events, messages))
}

/// Up to [`BATCH`] appeals finished before `before`, deleted with all that is theirs.
fn appeals_batch(c: &mut DbConn, before: DateTime<Utc>) -> Result<Purged, StoreError> {
    // appeals that a correction still kept refers to stay with it
    let kept_originals: Vec<i64> = appeals::table
        .filter(appeals::closed_at.is_null().or(appeals::closed_at.ge(ts(before))))
        .filter(appeals::corrects_appeal_id.is_not_null())
        .select(appeals::corrects_appeal_id.assume_not_null())
        .load(c)?;
    let ids: Vec<i64> = appeals::table
        .filter(appeals::closed_at.lt(ts(before)))
        .filter(appeals::id.ne_all(&kept_originals))
        .order(appeals::id.asc())
        .select(appeals::id)
        .limit(BATCH)
        .load(c)?;
    if ids.is_empty() {
        return Ok(Purged::default());
    }
    let event_ids: Vec<i64> = events::table.filter(events::appeal_id.eq_any(&ids)).select(events::id).load(c)?;
    let (events, messages) = delete_events(c, &event_ids)?;
    let documents = diesel::delete(documents::table.filter(documents::appeal_id.eq_any(&ids))).execute(c)?;
    diesel::delete(appeal_submissions::table.filter(appeal_submissions::appeal_id.eq_any(&ids))).execute(c)?;
    // a correction finished as long ago goes too (in this batch or a later one)
    diesel::update(appeals::table.filter(appeals::corrects_appeal_id.eq_any(&ids)))
        .set(appeals::corrects_appeal_id.eq(None::<i64>))
        .execute(c)?;
    let appeals = diesel::delete(appeals::table.filter(appeals::id.eq_any(&ids))).execute(c)?;
    Ok(Purged {
        appeals: count(appeals),
        documents: count(documents),
        events: count(events),
        messages: count(messages),
        ..Purged::default()
    })
}

/// Up to [`BATCH`] questions answered before `before`.
fn questions_batch(c: &mut DbConn, before: DateTime<Utc>) -> Result<Purged, StoreError> {
    let ids: Vec<i64> = questions::table
        .filter(questions::status.eq(QuestionStatus::Answered.as_str()))
        .filter(questions::answered_at.lt(ts(before)))
        .order(questions::id.asc())
        .select(questions::id)
        .limit(BATCH)
        .load(c)?;
    if ids.is_empty() {
        return Ok(Purged::default());
    }
    let gone = super::questions::delete_whole(c, &ids)?;
    Ok(Purged {
        questions: count(gone.questions),
        events: count(gone.events),
        messages: count(gone.letters),
        ..Purged::default()
    })
}

/// Up to [`BATCH`] accounts revoked before `before` that no appeal names.
fn accounts_batch(c: &mut DbConn, before: DateTime<Utc>) -> Result<Purged, StoreError> {
    let named = appeals::table.select(appeals::account_id);
    let ids: Vec<i64> = accounts::table
        .filter(accounts::revoked_at.lt(ts(before)))
        .filter(accounts::id.ne_all(named))
        .order(accounts::id.asc())
        .select(accounts::id)
        .limit(BATCH)
        .load(c)?;
    if ids.is_empty() {
        return Ok(Purged::default());
    }
    let event_ids: Vec<i64> = events::table.filter(events::account_id.eq_any(&ids)).select(events::id).load(c)?;
    let (events, messages) = delete_events(c, &event_ids)?;
    diesel::delete(sessions::table.filter(sessions::account_id.eq_any(&ids))).execute(c)?;
    diesel::delete(appeal_submissions::table.filter(appeal_submissions::account_id.eq_any(&ids))).execute(c)?;
    diesel::delete(email_confirmations::table.filter(email_confirmations::account_id.eq_any(&ids))).execute(c)?;
    let accounts = diesel::delete(accounts::table.filter(accounts::id.eq_any(&ids))).execute(c)?;
    Ok(Purged { accounts: count(accounts), events: count(events), messages: count(messages), ..Purged::default() })
}

/// Up to [`BATCH`] residents who left the registry before `before`, named by no account or
/// appeal.
fn residents_batch(c: &mut DbConn, before: DateTime<Utc>) -> Result<Purged, StoreError> {
    let with_account = accounts::table.select(accounts::resident_id);
    let with_appeal = appeals::table.select(appeals::resident_id);
    let ids: Vec<i64> = residents::table
        .filter(residents::left_at.lt(ts(before)))
        .filter(residents::id.ne_all(with_account))
        .filter(residents::id.ne_all(with_appeal))
        .order(residents::id.asc())
        .select(residents::id)
        .limit(BATCH)
        .load(c)?;
    if ids.is_empty() {
        return Ok(Purged::default());
    }
    let residents = diesel::delete(residents::table.filter(residents::id.eq_any(&ids))).execute(c)?;
    Ok(Purged { residents: count(residents), ..Purged::default() })
}
