//! Migrations: one folder per backend under `migrations/`, embedded in the binaries.
//!
//! Only the server's start and the administrator's `migrate` apply them, under a lock (an
//! advisory lock on PostgreSQL, since several servers may start at once; a lock file beside
//! the SQLite database). Everything else calls [`check_current`] and refuses a missing or
//! outdated schema with a clear message instead of creating an empty database.

use std::fs::File;

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::conn::{DatabaseUrl, DbConn};
use super::{StoreError, backend};

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

fn migration_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Migration(e.to_string())
}

/// Applies pending migrations under the migration lock. Returns the versions applied.
pub fn run_pending(conn: &mut DbConn, url: &DatabaseUrl) -> Result<Vec<String>, StoreError> {
    // SQLite: an exclusive lock on a file beside the database, released when dropped.
    let _file_lock = match url.sqlite_path() {
        Some(path) => {
            let mut lock_path = path.as_os_str().to_owned();
            lock_path.push(".migrate-lock");
            let lock_path = std::path::PathBuf::from(lock_path);
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .map_err(|source| StoreError::Lock { path: lock_path.clone(), source })?;
            file.lock().map_err(|source| StoreError::Lock { path: lock_path, source })?;
            Some(file)
        }
        None => None,
    };
    backend::migration_lock(conn, true)?;
    let result = apply(conn);
    let unlocked = backend::migration_lock(conn, false);
    let applied = result?;
    unlocked?;
    Ok(applied)
}

fn apply(conn: &mut DbConn) -> Result<Vec<String>, StoreError> {
    let versions = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE).map_err(migration_error)?,
        DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES).map_err(migration_error)?,
    };
    Ok(versions.into_iter().map(|v| v.to_string()).collect())
}

/// Fails unless every embedded migration is applied and no unknown one is.
pub fn check_current(conn: &mut DbConn) -> Result<(), StoreError> {
    let (pending, applied, known): (Vec<String>, Vec<String>, Vec<String>) = match conn {
        DbConn::Sqlite(c) => (
            c.pending_migrations(SQLITE).map_err(migration_error)?.iter().map(|m| m.name().to_string()).collect(),
            c.applied_migrations().map_err(migration_error)?.iter().map(ToString::to_string).collect(),
            known_versions(c, SQLITE)?,
        ),
        DbConn::Postgres(c) => (
            c.pending_migrations(POSTGRES).map_err(migration_error)?.iter().map(|m| m.name().to_string()).collect(),
            c.applied_migrations().map_err(migration_error)?.iter().map(ToString::to_string).collect(),
            known_versions(c, POSTGRES)?,
        ),
    };
    let unknown: Vec<String> = applied.into_iter().filter(|v| !known.contains(v)).collect();
    if !unknown.is_empty() {
        return Err(StoreError::SchemaNewer { unknown });
    }
    if !pending.is_empty() {
        return Err(StoreError::SchemaOutdated { pending });
    }
    Ok(())
}

fn known_versions<C, DB>(_conn: &mut C, source: EmbeddedMigrations) -> Result<Vec<String>, StoreError>
where
    DB: diesel::backend::Backend,
    EmbeddedMigrations: diesel::migration::MigrationSource<DB>,
    C: MigrationHarness<DB>,
{
    use diesel::migration::MigrationSource;
    Ok(MigrationSource::<DB>::migrations(&source)
        .map_err(migration_error)?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect())
}

/// Reverts every migration (tests of up → down → up).
pub fn revert_all(conn: &mut DbConn) -> Result<Vec<String>, StoreError> {
    let versions = match conn {
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE).map_err(migration_error)?,
        DbConn::Postgres(c) => c.revert_all_migrations(POSTGRES).map_err(migration_error)?,
    };
    Ok(versions.into_iter().map(|v| v.to_string()).collect())
}

/// Versions of the embedded migrations for the connection's backend, oldest first.
pub fn embedded_versions(conn: &mut DbConn) -> Result<Vec<String>, StoreError> {
    match conn {
        DbConn::Sqlite(c) => known_versions(c, SQLITE),
        DbConn::Postgres(c) => known_versions(c, POSTGRES),
    }
}
