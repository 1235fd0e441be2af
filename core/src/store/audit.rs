//! The append-only audit log.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::audit_log;
use super::{DbConn, StoreError, ts, utc};
use crate::domain::audit::{AuditAction, AuditActor, AuditEntry};

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct NewAudit<'a> {
    at: chrono::NaiveDateTime,
    actor: &'a str,
    action: &'a str,
    subject: &'a str,
    details: &'a str,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_log)]
struct AuditRow {
    id: i64,
    at: chrono::NaiveDateTime,
    actor: String,
    action: String,
    subject: String,
    details: String,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry { id: r.id, at: utc(r.at), actor: r.actor, action: r.action, subject: r.subject, details: r.details }
    }
}

/// Appends a row. Call it inside the transaction of the action it records.
///
/// `details` is JSON with ids and codes only: never a PIN, a password or an e-mail address.
pub fn record(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    actor: &AuditActor,
    action: AuditAction,
    subject: &str,
    details: &serde_json::Value,
) -> Result<(), StoreError> {
    let details = details.to_string();
    diesel::insert_into(audit_log::table)
        .values(NewAudit { at: ts(now), actor: actor.as_str(), action: action.as_str(), subject, details: &details })
        .execute(conn)?;
    Ok(())
}

/// Filters for reading the log.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    /// Rows after this id (keyset paging, oldest first).
    pub after_id: Option<i64>,
    pub limit: i64,
    /// The newest `limit` rows (still listed oldest first) rather than the oldest.
    pub newest: bool,
}

/// Reads the log oldest first: the oldest `limit` matching rows, or with `newest` the latest.
pub fn list(conn: &mut DbConn, f: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
    let mut q = audit_log::table.select(AuditRow::as_select()).into_boxed();
    if let Some(since) = f.since {
        q = q.filter(audit_log::at.ge(ts(since)));
    }
    if let Some(until) = f.until {
        q = q.filter(audit_log::at.lt(ts(until)));
    }
    if let Some(actor) = &f.actor {
        // a clerk's login finds their rows made with `--as` too: «orlova (os:root)»
        // (a prefix range rather than LIKE, where `_` in a login would be a wildcard)
        let via = audit_log::actor.ge(format!("{actor} (os:")).and(audit_log::actor.lt(format!("{actor} (os;")));
        q = q.filter(audit_log::actor.eq(actor.clone()).or(via));
    }
    if let Some(action) = &f.action {
        q = q.filter(audit_log::action.eq(action.clone()));
    }
    if let Some(subject) = &f.subject {
        q = q.filter(audit_log::subject.eq(subject.clone()));
    }
    if let Some(after) = f.after_id {
        q = q.filter(audit_log::id.gt(after));
    }
    let mut rows = if f.newest {
        q.order(audit_log::id.desc()).limit(f.limit.max(1)).load(conn)?
    } else {
        q.order(audit_log::id.asc()).limit(f.limit.max(1)).load(conn)?
    };
    if f.newest {
        rows.reverse();
    }
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}
