//! Test support: a fresh database per test, on SQLite or PostgreSQL, from one test body.
//!
//! SQLite: a file in a temporary folder. PostgreSQL (when `TEST_DATABASE_URL` is set): a
//! schema of its own in that database, named after the test, dropped afterwards, and reached
//! through `options=-csearch_path=…` so every pooled connection lands in it. Tests never share
//! a database and never need to run one at a time.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::connection::SimpleConnection;

use super::conn::{self, DatabaseUrl};
use super::{OpenMode, Store, StoreError};

/// A database that exists for one test.
pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(#[allow(dead_code)] tempfile::TempDir),
    Schema { base: String, schema: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Schema { base, schema } = &self.cleanup
            && let Ok(url) = DatabaseUrl::parse(base)
            && let Ok(mut c) = conn::establish(&url)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Which backend a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestBackend {
    Sqlite,
    Postgres,
}

/// The outcome of asking for a PostgreSQL test database.
pub enum Availability {
    Ready(TestDb),
    /// `TEST_DATABASE_URL` is not set (and `CI` is not): the test says so and passes.
    Skipped,
}

impl TestDb {
    /// A migrated SQLite database in a temporary folder.
    pub fn sqlite() -> Result<TestDb, StoreError> {
        let dir = tempfile::tempdir().map_err(|source| StoreError::CreateDir { path: std::env::temp_dir(), source })?;
        let url = DatabaseUrl::Sqlite(dir.path().join("test.sqlite3"));
        let store = Store::open(&url, OpenMode::Migrate)?;
        Ok(TestDb { store, url, cleanup: Cleanup::Dir(dir) })
    }

    /// A migrated schema of its own in the PostgreSQL of `TEST_DATABASE_URL`.
    ///
    /// Without `TEST_DATABASE_URL` this skips loudly — unless `CI` is set, where a missing
    /// database is a failure.
    pub fn postgres(test_name: &str) -> Result<Availability, StoreError> {
        TestDb::postgres_with(test_name, OpenMode::Migrate)
    }

    /// Like [`TestDb::postgres`], opening with `mode` (`Existing` leaves the schema empty).
    pub fn postgres_with(test_name: &str, mode: OpenMode) -> Result<Availability, StoreError> {
        let Some(base) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.trim().is_empty()) else {
            if std::env::var_os("CI").is_some() {
                return Err(StoreError::Migration(
                    "TEST_DATABASE_URL is not set, and CI requires the PostgreSQL tests to run".to_owned(),
                ));
            }
            eprintln!("SKIPPED {test_name} on PostgreSQL: set TEST_DATABASE_URL=postgres://… to run it");
            return Ok(Availability::Skipped);
        };
        let schema = format!(
            "t_{}_{}_{}",
            test_name.chars().filter(char::is_ascii_alphanumeric).take(30).collect::<String>().to_lowercase(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let base_url = DatabaseUrl::parse(&base).map_err(|e| StoreError::Migration(e.to_string()))?;
        let mut admin = conn::establish(&base_url)?;
        admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))?;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = DatabaseUrl::parse(&format!("{base}{sep}options=-csearch_path%3D{schema}"))
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        let cleanup = Cleanup::Schema { base, schema };
        let store = match mode {
            OpenMode::Migrate => Store::open(&url, OpenMode::Migrate)?,
            OpenMode::Existing => Store::open_with(&url, OpenMode::Migrate, 1)?,
        };
        Ok(Availability::Ready(TestDb { store, url, cleanup }))
    }

    /// A database on `backend`, or `None` when PostgreSQL is not configured (skipped).
    pub fn on(backend: TestBackend, test_name: &str) -> Result<Option<TestDb>, StoreError> {
        match backend {
            TestBackend::Sqlite => TestDb::sqlite().map(Some),
            TestBackend::Postgres => match TestDb::postgres(test_name)? {
                Availability::Ready(db) => Ok(Some(db)),
                Availability::Skipped => Ok(None),
            },
        }
    }
}

/// Declares a test that runs its body once on SQLite (`<name>::sqlite`) and once on
/// PostgreSQL (`<name>::postgres`, skipped loudly without `TEST_DATABASE_URL`).
///
/// ```ignore
/// db_test!(files_an_appeal, |db: &TestDb| { … });
/// ```
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run(backend: $crate::store::testing::TestBackend) {
                let name = concat!(module_path!(), "::", stringify!($name));
                let db = $crate::store::testing::TestDb::on(backend, name).expect("test database");
                if let Some(db) = db {
                    let body: fn(&$crate::store::testing::TestDb) = $body;
                    body(&db);
                }
            }

            #[test]
            fn sqlite() {
                run($crate::store::testing::TestBackend::Sqlite);
            }

            #[test]
            fn postgres() {
                run($crate::store::testing::TestBackend::Postgres);
            }
        }
    };
}
