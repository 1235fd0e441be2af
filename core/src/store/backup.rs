//! A consistent copy of the embedded database, made while it is in use.
//!
//! Copying the SQLite file with `cp` while the server runs can catch it between a write to the
//! write-ahead log and the checkpoint that moves it into the file: the copy misses committed
//! appeals or does not open at all. [`backup`] has SQLite write the copy itself
//! (`VACUUM INTO`), from one read transaction: everything committed when it starts, nothing
//! after, while the server and the terminals go on writing. PostgreSQL has its own tools
//! (`pg_dump`, base backups) and is refused here.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use serde_json::json;

use super::{Backend, DbConn, Store, StoreError, audit, backend, write_txn};
use crate::domain::audit::{AuditAction, AuditActor};

/// A copy made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// The copy's size.
    pub bytes: u64,
}

/// Why no copy was made. Nothing is left behind at the target.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is a PostgreSQL one.
    #[error("a PostgreSQL database is backed up with PostgreSQL's tools (pg_dump)")]
    Postgres,
    /// A copy is never written over a file (an older backup, or the database itself).
    #[error("{0} exists already")]
    Exists(PathBuf),
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    /// SQLite takes the target as text.
    #[error("the path {0} is not valid UTF-8")]
    NotUtf8(PathBuf),
    #[error("cannot create {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    /// The copy was written but does not pass `PRAGMA integrity_check`; it is removed.
    #[error("the copy failed its integrity check: {0}")]
    Damaged(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for BackupError {
    fn from(e: diesel::result::Error) -> Self {
        BackupError::Store(StoreError::Query(e))
    }
}

/// Writes a consistent copy of the SQLite database to `target`, a new file readable by its
/// owner only (the database holds personal data), checks the copy, and records it in the
/// audit log.
pub fn backup(store: &Store, target: &Path, actor: &AuditActor, now: DateTime<Utc>) -> Result<Backup, BackupError> {
    if store.backend() == Backend::Postgres {
        return Err(BackupError::Postgres);
    }
    let text = target.to_str().ok_or_else(|| BackupError::NotUtf8(target.to_path_buf()))?;
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
        return Err(BackupError::NoFolder(folder.to_path_buf()));
    }
    // created empty first, so that it is never readable by others and never replaces a file
    create_private(target).map_err(|source| match source.kind() {
        io::ErrorKind::AlreadyExists => BackupError::Exists(target.to_path_buf()),
        _ => BackupError::Create { path: target.to_path_buf(), source },
    })?;
    let written = backend::vacuum_into(&mut *store.conn()?, text)
        .map_err(BackupError::from)
        .and_then(|()| check(text).map_err(BackupError::from)?.map_or(Ok(()), |e| Err(BackupError::Damaged(e))));
    if let Err(e) = written {
        let _ = fs::remove_file(target);
        return Err(e);
    }
    let bytes =
        fs::metadata(target).map_err(|source| BackupError::Create { path: target.to_path_buf(), source })?.len();
    write_txn(&mut *store.conn()?, |c| {
        audit::record(
            c,
            now,
            actor,
            AuditAction::DatabaseBackedUp,
            "database",
            &json!({ "file": text, "bytes": bytes }),
        )
    })?;
    Ok(Backup { path: target.to_path_buf(), bytes })
}

#[cfg(unix)]
fn create_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(drop)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> io::Result<()> {
    OpenOptions::new().write(true).create_new(true).open(path).map(drop)
}

/// `PRAGMA integrity_check` of the copy, opened on its own: `None` when it is sound, or what
/// SQLite found.
fn check(path: &str) -> Result<Option<String>, diesel::result::Error> {
    #[derive(diesel::QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let mut conn =
        SqliteConnection::establish(path).map_err(|e| diesel::result::Error::QueryBuilderError(Box::new(e)))?;
    conn.batch_execute("PRAGMA query_only = 1")?;
    let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check").load(&mut conn)?;
    let found: Vec<String> = lines.into_iter().map(|l| l.integrity_check).filter(|l| l != "ok").collect();
    Ok((!found.is_empty()).then(|| found.join("; ")))
}

/// The newest copy the audit log records: when, and the file it was written to.
pub fn last(conn: &mut DbConn) -> Result<Option<(DateTime<Utc>, String)>, StoreError> {
    let filter = audit::AuditFilter {
        action: Some(AuditAction::DatabaseBackedUp.as_str().to_owned()),
        limit: 1,
        newest: true,
        ..Default::default()
    };
    Ok(audit::list(conn, &filter)?.into_iter().next().map(|entry| {
        let file = serde_json::from_str::<serde_json::Value>(&entry.details)
            .ok()
            .and_then(|d| d.get("file").and_then(serde_json::Value::as_str).map(str::to_owned))
            .unwrap_or_default();
        (entry.at, file)
    }))
}
