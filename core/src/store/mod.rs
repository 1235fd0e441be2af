//! Storage: Diesel over one `MultiConnection` (SQLite by default, PostgreSQL where
//! configured), one portable schema, migrations per backend.
//!
//! Invariants:
//! - only this module (and its children) touches `schema`;
//! - every multi-step change runs inside one transaction opened by [`write_txn`];
//! - SQL that differs between the backends lives in [`backend`], in one `match` per operation;
//! - rows are parsed into domain types at this boundary (`TryFrom<XxxRow>`); a row that does
//!   not parse is [`StoreError::Corrupt`], never a panic.

pub mod accounts;
pub mod appeals;
pub mod audit;
pub mod backend;
pub mod backup;
#[cfg(any(test, feature = "testing"))]
pub mod bulk;
pub mod catalogue;
pub mod clerks;
pub mod conn;
pub mod desk;
pub mod districts;
pub mod import;
pub mod migrate;
pub mod outbox;
pub mod personal_data;
pub mod questions;
pub mod reports;
pub mod residents;
pub mod retention;
pub mod schema;
pub mod sessions;
pub mod submissions;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::Connection;
use diesel::prelude::*;

pub use conn::{Backend, DatabaseUrl, DbConn};

use crate::i18n::{Lang, Msg, tr, tr_args};

/// A pooled connection.
pub type PooledConn = r2d2::PooledConnection<conn::Manager>;

/// Storage failed. Operation-specific errors wrap this for their expected failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] conn::ConnectError),
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrating the database failed: {0}")]
    Migration(String),
    #[error("the database {0} does not exist; create it with `clerk-tui migrate`")]
    DatabaseMissing(PathBuf),
    #[error("the database schema is out of date ({} migration(s) pending); run `clerk-tui migrate`", .pending.len())]
    SchemaOutdated { pending: Vec<String> },
    #[error("the database has migrations this program does not know ({}); upgrade e-Reception", .unknown.join(", "))]
    SchemaNewer { unknown: Vec<String> },
    #[error("a stored {what} could not be read: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("cannot create the folder {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot lock {path} for migrating: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
}

impl StoreError {
    pub(crate) fn corrupt(what: &'static str, detail: impl ToString) -> StoreError {
        StoreError::Corrupt { what, detail: detail.to_string() }
    }

    /// The database could not be reached: not opened, no connection from the pool in time, or
    /// the connection lost during a statement. Such a failure passes once the database answers
    /// again; nothing is wrong with the request.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            StoreError::Connect(_)
                | StoreError::Pool(_)
                | StoreError::Query(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ClosedConnection
                        | diesel::result::DatabaseErrorKind::UnableToSendCommand,
                    _,
                ))
        )
    }

    /// The failure as an administrator or a clerk reads it, in one line: a database that
    /// cannot be reached — at opening, from the pool later, or lost in the middle of a
    /// statement — says so in words with what to do, the driver's own text after them.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::DatabaseMissing(path) => {
                Msg::new("cli-error-database-missing").arg("path", path.display().to_string()).render(lang)
            }
            StoreError::SchemaOutdated { pending } => {
                Msg::new("cli-error-schema-outdated").arg("n", pending.len()).render(lang)
            }
            StoreError::SchemaNewer { unknown } => {
                Msg::new("cli-error-schema-newer").arg("versions", unknown.join(", ")).render(lang)
            }
            StoreError::Connect(inner) => {
                Msg::new("cli-error-connect").arg("detail", connect_detail(&inner.to_string(), lang)).render(lang)
            }
            // r2d2's own words and then the last error of its attempts to connect, if any
            StoreError::Pool(inner) => {
                Msg::new("cli-error-connect").arg("detail", connect_detail(&inner.to_string(), lang)).render(lang)
            }
            // PostgreSQL: a user that does not own the database (or its tables)
            StoreError::Migration(text) if text.contains("permission denied") => {
                Msg::new("store-error-permission").arg("detail", one_line(text)).render(lang)
            }
            StoreError::Query(diesel::result::Error::DatabaseError(_, info))
                if info.message().contains("permission denied") =>
            {
                Msg::new("store-error-permission").arg("detail", one_line(info.message())).render(lang)
            }
            StoreError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ClosedConnection
                | diesel::result::DatabaseErrorKind::UnableToSendCommand,
                info,
            )) => Msg::new("store-error-connection-lost").arg("detail", one_line(info.message())).render(lang),
            // SQLite's common refusals, in words: another process holding the write lock past
            // the busy timeout (a long import), a full disk, a file without write permission
            StoreError::Query(diesel::result::Error::DatabaseError(_, info))
                if let Some(id) = sqlite_refusal(info.message()) =>
            {
                Msg::new(id).arg("detail", one_line(info.message())).render(lang)
            }
            other => Msg::new("cli-error-store").arg("detail", one_line(&other.to_string())).render(lang),
        }
    }
}

/// The message id for one of SQLite's refusals that an administrator can act on.
fn sqlite_refusal(text: &str) -> Option<&'static str> {
    if text.contains("database is locked") || text.contains("database table is locked") {
        Some("store-error-busy")
    } else if text.contains("database or disk is full") {
        Some("store-error-disk-full")
    } else if text.contains("attempt to write a readonly database") {
        Some("store-error-read-only")
    } else {
        None
    }
}

/// `text` on one line: libpq's messages span several, with tabs.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why the database could not be reached: the common cases in words and what to do, the
/// driver's own text after them on one line.
fn connect_detail(text: &str, lang: Lang) -> String {
    let text = one_line(text);
    let words = if text.contains("Connection refused") {
        Some(tr(lang, "cli-connect-refused"))
    } else if let Some(name) =
        text.split_once("database \"").and_then(|(_, rest)| rest.split_once("\" does not exist")).map(|(name, _)| name)
    {
        Some(tr_args(lang, "cli-connect-no-database", &[("name", name.into())]))
    } else if let Some(name) =
        text.split_once("role \"").and_then(|(_, rest)| rest.split_once("\" does not exist")).map(|(name, _)| name)
    {
        Some(tr_args(lang, "cli-connect-no-role", &[("name", name.into())]))
    } else if text.contains("password authentication failed") || text.contains("no password supplied") {
        Some(tr(lang, "cli-connect-auth"))
    } else if text.contains("could not translate host name") {
        Some(tr(lang, "cli-connect-host"))
    } else if text.starts_with("timed out waiting for connection") {
        // the pool's wait ran out with no error of its own to tell
        Some(tr(lang, "store-connect-timeout"))
    } else {
        None
    };
    match words {
        Some(words) => format!("{words} ({text})"),
        None => text,
    }
}

/// How to open a database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Create it if missing and apply pending migrations (the server and `migrate`).
    Migrate,
    /// It must exist with an up-to-date schema (the clerk terminal and other tools).
    Existing,
}

/// The pool of connections to one database.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<conn::Manager>,
    url: DatabaseUrl,
    /// The migrations this opening applied (only [`OpenMode::Migrate`] applies any).
    applied: Vec<String>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens `url`, applying migrations or checking the schema as `mode` says.
    pub fn open(url: &DatabaseUrl, mode: OpenMode) -> Result<Store, StoreError> {
        Store::open_with(url, mode, 8)
    }

    /// Like [`Store::open`] with a pool of at most `max_connections`.
    pub fn open_with(url: &DatabaseUrl, mode: OpenMode, max_connections: u32) -> Result<Store, StoreError> {
        if let DatabaseUrl::Sqlite(path) = url {
            match mode {
                OpenMode::Existing if !path.exists() => return Err(StoreError::DatabaseMissing(path.clone())),
                OpenMode::Migrate => {
                    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir)
                            .map_err(|source| StoreError::CreateDir { path: dir.to_path_buf(), source })?;
                    }
                }
                OpenMode::Existing => {}
            }
        }
        // Connect once outside the pool so a wrong password or host is reported at once,
        // rather than after the pool's connection timeout.
        let mut first = conn::establish(url)?;
        let applied = match mode {
            OpenMode::Migrate => migrate::run_pending(&mut first, url)?,
            OpenMode::Existing => {
                migrate::check_current(&mut first)?;
                Vec::new()
            }
        };
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(max_connections.max(1))
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(15))
            .build(conn::Manager::new(url.clone()))?;
        Ok(Store { pool, url: url.clone(), applied })
    }

    /// The versions of the migrations that opening this store applied, oldest first.
    pub fn migrations_applied(&self) -> &[String] {
        &self.applied
    }

    /// A connection from the pool.
    pub fn conn(&self) -> Result<PooledConn, StoreError> {
        Ok(self.pool.get()?)
    }

    /// A connection from the pool, waiting at most `wait` for one (rather than the pool's 15
    /// seconds) when none is free or the database does not answer.
    pub fn conn_within(&self, wait: Duration) -> Result<PooledConn, StoreError> {
        Ok(self.pool.get_timeout(wait)?)
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

/// `impl From<diesel::result::Error>` for an operation error with a `Store(StoreError)`
/// variant, so `?` works on queries inside its transactions.
macro_rules! query_errors_are_store_errors {
    ($error:ident) => {
        impl From<diesel::result::Error> for $error {
            fn from(e: diesel::result::Error) -> Self {
                $error::Store($crate::store::StoreError::Query(e))
            }
        }
    };
}
pub(crate) use query_errors_are_store_errors;

/// Runs `f` in one write transaction.
///
/// On SQLite the transaction takes the write lock first (a no-op write), so that it waits for
/// other writers through the busy timeout instead of failing when a read has to be upgraded
/// to a write under WAL.
pub fn write_txn<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.transaction(|conn| {
        backend::take_write_lock(conn)?;
        f(conn)
    })
}

pub(crate) fn ts(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Sign-in counters as stored (accounts and clerks keep the same four columns).
pub(crate) fn sign_in_state(
    failed_attempts: i32,
    lockout_level: i32,
    locked_until: Option<NaiveDateTime>,
    last_failure_at: Option<NaiveDateTime>,
) -> crate::account::SignInState {
    crate::account::SignInState {
        failed_attempts: u32::try_from(failed_attempts).unwrap_or(0),
        lockout_level: u32::try_from(lockout_level).unwrap_or(0),
        locked_until: locked_until.map(utc),
        last_failure_at: last_failure_at.map(utc),
    }
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt("JSON value", e))
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(what: &'static str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::corrupt(what, e))
}

/// Counts rows of `table`, for status lines and tests.
pub fn count_rows(conn: &mut DbConn, table: &str) -> Result<i64, StoreError> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    if !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(StoreError::corrupt("table name", table));
    }
    let row: Count = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}")).get_result(conn)?;
    Ok(row.n)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod message_tests {
    use super::*;

    /// QA: a database that went away while a program ran (the clerk's terminal, an import) was
    /// reported as «Ошибка базы данных: no database connection available: timed out waiting for
    /// connection: …» or «…: database query failed: no connection to the server», in English and
    /// over several lines, in the terminal's one status line too.
    #[test]
    fn a_database_gone_while_working_is_said_in_words_on_one_line() {
        // nothing listens on port 1: the pool waits in vain, as the terminal's did
        let url = DatabaseUrl::parse("postgres://postgres@127.0.0.1:1/ereception").expect("url");
        let pool = r2d2::Pool::builder()
            .max_size(1)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_millis(300))
            .build_unchecked(conn::Manager::new(url));
        let err = StoreError::from(pool.get().err().expect("nothing to connect to"));
        let text = err.message(Lang::Ru);
        assert!(
            text.starts_with(
                "Не удалось подключиться к базе данных: сервер базы данных не принимает соединения: проверьте, \
                 что PostgreSQL запущен"
            ),
            "{text}"
        );
        assert!(text.contains("(timed out waiting for connection: connection to server at"), "{text}");
        assert!(!text.contains('\n') && !text.contains('\t'), "one line: {text:?}");
        let text = err.message(Lang::En);
        assert!(text.starts_with("Cannot connect to the database: the database server refuses connections"), "{text}");

        let lost = StoreError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ClosedConnection,
            Box::new(
                "server closed the connection unexpectedly\n\tThis probably means the server terminated".to_owned(),
            ),
        ));
        let text = lost.message(Lang::Ru);
        assert_eq!(
            text,
            "Связь с базой данных прервалась: проверьте, что сервер базы данных работает, и повторите действие \
             (server closed the connection unexpectedly This probably means the server terminated)"
        );
        let text = StoreError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UnableToSendCommand,
            Box::new("no connection to the server\n".to_owned()),
        ))
        .message(Lang::En);
        assert!(text.starts_with("The connection to the database was lost:"), "{text}");
        assert!(text.ends_with("(no connection to the server)"), "{text}");
    }

    /// QA: a command run while a registry import held SQLite's write lock said «не удалось
    /// выполнить операцию с базой данных: database query failed: database is locked»; a full disk
    /// under `backup`, «…: database or disk is full».
    #[test]
    fn sqlite_refusals_are_said_in_words() {
        let refusal = |text: &str| {
            StoreError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::Unknown,
                Box::new(text.to_owned()),
            ))
        };
        let text = refusal("database is locked").message(Lang::Ru);
        assert!(text.starts_with("База данных занята: другая программа"), "{text}");
        assert!(text.ends_with("(database is locked)"), "{text}");
        let text = refusal("database or disk is full").message(Lang::Ru);
        assert!(text.starts_with("На диске с базой данных не осталось места"), "{text}");
        let text = refusal("attempt to write a readonly database").message(Lang::En);
        assert!(text.starts_with("The database file or its folder cannot be written"), "{text}");
        let text = refusal("no such table: x").message(Lang::Ru);
        assert!(text.starts_with("Не удалось выполнить операцию с базой данных"), "{text}");
    }

    /// QA: `migrate` as a user that did not own the database said «ошибка базы данных:
    /// migrating the database failed: permission denied for schema public».
    #[test]
    fn a_user_without_rights_is_told_what_the_database_needs() {
        let text = StoreError::Migration("permission denied for schema public".to_owned()).message(Lang::Ru);
        assert!(text.starts_with("У пользователя из database_url нет нужных прав в базе данных:"), "{text}");
        assert!(text.contains("createdb --owner") && text.ends_with("(permission denied for schema public)"), "{text}");
        let text = StoreError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new("permission denied for table appeals".to_owned()),
        ))
        .message(Lang::En);
        assert!(text.starts_with("The user in database_url lacks rights in the database:"), "{text}");
    }

    #[test]
    fn a_pool_that_ran_out_of_time_without_an_error_says_so() {
        assert_eq!(
            connect_detail("timed out waiting for connection", Lang::Ru),
            "база данных не ответила вовремя: проверьте, что сервер базы данных работает и доступен по сети \
             (timed out waiting for connection)"
        );
    }
}
