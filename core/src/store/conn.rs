//! Connections: one `MultiConnection` over SQLite and PostgreSQL, chosen by the URL's scheme,
//! and an r2d2 pool that configures every SQLite connection it hands out.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;

/// A connection to either backend. Queries written once against `schema` run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Postgres(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// A parsed database URL.
///
/// `postgres://…` and `postgresql://…` open PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a
/// bare file path open SQLite.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// The URL names no backend we know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported database URL {0:?}: use postgres://… or sqlite://PATH")]
pub struct BadDatabaseUrl(pub String);

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, BadDatabaseUrl> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_owned()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.is_empty() || path.contains("://") {
            return Err(BadDatabaseUrl(redact(url)));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The URL with any password replaced, fit for logs and the start-up line.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact(url),
        }
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            DatabaseUrl::Sqlite(p) => Some(p),
            DatabaseUrl::Postgres(_) => None,
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Replaces the password of `scheme://user:password@host` with `***`, and any `password=`
/// query parameter.
fn redact(url: &str) -> String {
    let mut out = url.to_owned();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..].find(['/', '?']).map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                let start = rest_start + colon + 1;
                let end = rest_start + at;
                out.replace_range(start..end, "***");
            }
        }
    }
    if let Some(pos) = out.find("password=") {
        let start = pos + "password=".len();
        let end = out[start..].find('&').map_or(out.len(), |i| start + i);
        out.replace_range(start..end, "***");
    }
    out
}

/// How long SQLite waits for a lock before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The pool's connection manager: picks the backend by URL and reports the real error at
/// once (the derived `MultiConnection::establish` tries every backend and loses the errors).
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Manager { url }
    }
}

/// A connection could not be opened or configured.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Connect(#[from] ConnectionError),
    #[error("configuring the connection: {0}")]
    Configure(#[from] diesel::result::Error),
}

/// Opens one connection to `url`, configured as the pool would.
pub fn establish(url: &DatabaseUrl) -> Result<DbConn, ConnectError> {
    match url {
        DatabaseUrl::Postgres(u) => Ok(DbConn::Postgres(PgConnection::establish(u)?)),
        DatabaseUrl::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
            // Per connection, so set on every one handed out: a busy timeout instead of an
            // immediate "database is locked" — first, since switching to WAL may itself wait
            // (another process's last connection checkpoints and removes the log under an
            // exclusive lock as it closes); WAL for readers beside a writer; FULL sync so an
            // acknowledged filing survives a power cut; foreign keys on.
            conn.batch_execute(&format!(
                "PRAGMA busy_timeout = {};
                 PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = FULL;
                 PRAGMA foreign_keys = ON;",
                SQLITE_BUSY_TIMEOUT.as_millis()
            ))?;
            Ok(DbConn::Sqlite(conn))
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConn, ConnectError> {
        establish(&self.url)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ConnectError> {
        conn.batch_execute("SELECT 1").map_err(ConnectError::Configure)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection opened while another process holds the database (its last connection
    /// checkpointing as it closes) waits for it, instead of failing at its first pragma.
    #[test]
    fn a_connection_waits_for_a_lock_held_while_it_opens() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = DatabaseUrl::Sqlite(dir.path().join("locked.sqlite3"));
        let DatabaseUrl::Sqlite(path) = &url else { unreachable!() };
        let mut holder = SqliteConnection::establish(&path.to_string_lossy()).expect("open");
        holder
            .batch_execute(
                "PRAGMA journal_mode = WAL; PRAGMA locking_mode = EXCLUSIVE;
                 CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);",
            )
            .expect("holds the database");
        let released = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(holder);
        });
        let opened = establish(&url);
        released.join().expect("the holder thread");
        let mut conn = opened.expect("waited for the lock instead of failing");
        assert_eq!(count(&mut conn), 1);
    }

    fn count(conn: &mut DbConn) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query("SELECT count(*) AS n FROM t").get_result::<N>(conn).expect("count").n
    }

    #[test]
    fn urls_pick_backends() {
        assert_eq!(DatabaseUrl::parse("postgres://u@h/db").map(|u| u.backend()), Ok(Backend::Postgres));
        assert_eq!(DatabaseUrl::parse("postgresql://u@h/db").map(|u| u.backend()), Ok(Backend::Postgres));
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/x.db"),
            Ok(DatabaseUrl::Sqlite(PathBuf::from("/var/lib/x.db")))
        );
        assert_eq!(DatabaseUrl::parse("sqlite:x.db"), Ok(DatabaseUrl::Sqlite(PathBuf::from("x.db"))));
        assert_eq!(DatabaseUrl::parse("/tmp/x.db"), Ok(DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db"))));
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        let url = DatabaseUrl::parse("postgres://app:s3cr3t@db.local:5432/er?sslmode=require").expect("valid");
        assert_eq!(url.redacted(), "postgres://app:***@db.local:5432/er?sslmode=require");
        assert!(!format!("{url:?}").contains("s3cr3t"));
        let url = DatabaseUrl::parse("postgres://h/er?user=a&password=xyz&x=1").expect("valid");
        assert_eq!(url.redacted(), "postgres://h/er?user=a&password=***&x=1");
        let url = DatabaseUrl::parse("postgres://app@h/er").expect("valid");
        assert_eq!(url.redacted(), "postgres://app@h/er");
    }

    /// SQLite 3.50+ marks `LIMIT ?` (every Diesel `.first()`) as "re-prepare on bind", which
    /// recompiled those cached statements on every run — about a third of a filing's CPU. The
    /// bundled SQLite is built with `SQLITE_ENABLE_QPSG` (`.cargo/config.toml`), which keeps
    /// one plan per statement; this fails if that build flag is lost.
    #[test]
    fn bundled_sqlite_keeps_its_query_plans() {
        #[derive(QueryableByName)]
        struct CompileOption {
            #[diesel(sql_type = diesel::sql_types::Text)]
            compile_options: String,
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut conn = establish(&DatabaseUrl::Sqlite(dir.path().join("qpsg.sqlite3"))).expect("opens");
        let options: Vec<CompileOption> = diesel::sql_query("PRAGMA compile_options").load(&mut conn).expect("reads");
        assert!(
            options.iter().any(|o| o.compile_options == "ENABLE_QPSG"),
            "SQLite was built without SQLITE_ENABLE_QPSG: {:?}",
            options.iter().map(|o| o.compile_options.as_str()).collect::<Vec<_>>()
        );
    }
}
