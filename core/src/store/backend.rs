//! The SQL that differs between SQLite and PostgreSQL, kept together: one `match` on the
//! connection per operation, each arm tested on its backend (`store::tests`).
//!
//! - write lock (SQLite: take the database's write lock at the start of a transaction;
//!   PostgreSQL: nothing, rows are locked as they are touched);
//! - row locks (`FOR UPDATE`, `FOR UPDATE SKIP LOCKED`) — PostgreSQL only, SQLite has one
//!   writer at a time;
//! - number counters (upsert … RETURNING, with each backend's placeholders);
//! - the registry import (multi-row upserts prepared once per backend; bulk-loading indexes);
//! - the migration lock (PostgreSQL advisory lock; SQLite uses a lock file, see `migrate`).

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

use super::DbConn;

/// Inserts many rows in one statement: `insert_into($table).values($rows)` on the concrete
/// connection, since the derived `MultiConnection` cannot express a multi-row insert (SQLite
/// has no `DEFAULT` keyword in `VALUES`, so each backend needs its own query type).
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::store::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::store::DbConn::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}
pub(crate) use batch_insert;

/// Takes the write lock at the start of a write transaction (see [`super::write_txn`]).
pub(crate) fn take_write_lock(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        // A write statement that matches nothing still begins a write transaction, and waits
        // for other writers through busy_timeout instead of failing on a lock upgrade later.
        DbConn::Sqlite(c) => diesel::sql_query("UPDATE districts SET code = code WHERE 0").execute(c).map(drop),
        DbConn::Postgres(_) => Ok(()),
    }
}

/// Locks an appeal's row until the transaction ends, so two clerks deciding on the same appeal
/// at once are serialised (the second sees the first's result). SQLite already serialises
/// writers.
pub(crate) fn lock_appeal(conn: &mut DbConn, appeal_id: i64) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = BigInt)]
        #[allow(dead_code)]
        id: i64,
    }
    match conn {
        DbConn::Postgres(c) => diesel::sql_query("SELECT id FROM appeals WHERE id = $1 FOR UPDATE")
            .bind::<BigInt, _>(appeal_id)
            .load::<Id>(c)
            .map(|rows| !rows.is_empty()),
        DbConn::Sqlite(c) => diesel::sql_query("SELECT id FROM appeals WHERE id = ?")
            .bind::<BigInt, _>(appeal_id)
            .load::<Id>(c)
            .map(|rows| !rows.is_empty()),
    }
}

/// Locks an account's row (sign-in counters) until the transaction ends.
pub(crate) fn lock_account(conn: &mut DbConn, account_id: i64) -> QueryResult<()> {
    match conn {
        DbConn::Postgres(c) => diesel::sql_query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind::<BigInt, _>(account_id)
            .execute(c)
            .map(drop),
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// Makes the sign-in counters of an account number with no active account exist (keyed by the
/// number's hash) and locks them until the transaction ends: a row lock on PostgreSQL, where
/// several servers count failures for the same number at once; SQLite's write transaction
/// holds the whole database already.
pub(crate) fn lock_stranger(conn: &mut DbConn, number_hash: &str) -> QueryResult<()> {
    const INSERT: &str = "INSERT INTO sign_in_strangers (number_hash, failed_attempts, lockout_level) \
         VALUES ({h}, 0, 0) ON CONFLICT (number_hash) DO NOTHING";
    match conn {
        DbConn::Postgres(c) => {
            diesel::sql_query(INSERT.replace("{h}", "$1")).bind::<Text, _>(number_hash).execute(c)?;
            diesel::sql_query("SELECT number_hash FROM sign_in_strangers WHERE number_hash = $1 FOR UPDATE")
                .bind::<Text, _>(number_hash)
                .execute(c)
                .map(drop)
        }
        DbConn::Sqlite(c) => {
            diesel::sql_query(INSERT.replace("{h}", "?")).bind::<Text, _>(number_hash).execute(c).map(drop)
        }
    }
}

/// Allocates the next appeal sequence number of `district` in `year`, inside the caller's
/// transaction: the counter row stays locked until it commits, so numbers have no gaps from
/// concurrent filings and never repeat.
pub(crate) fn next_appeal_seq(conn: &mut DbConn, district: &str, year: i32) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Seq {
        #[diesel(sql_type = BigInt)]
        last_seq: i64,
    }
    const UPSERT: &str = "INSERT INTO appeal_counters (district_code, year, last_seq) VALUES ({d}, {y}, 1) \
         ON CONFLICT (district_code, year) DO UPDATE SET last_seq = appeal_counters.last_seq + 1 \
         RETURNING last_seq";
    let seq: Seq = match conn {
        DbConn::Postgres(c) => diesel::sql_query(UPSERT.replace("{d}", "$1").replace("{y}", "$2"))
            .bind::<Text, _>(district)
            .bind::<Integer, _>(year)
            .get_result(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(UPSERT.replace("{d}", "?").replace("{y}", "?"))
            .bind::<Text, _>(district)
            .bind::<Integer, _>(year)
            .get_result(c)?,
    };
    Ok(seq.last_seq)
}

/// The multi-row statements of the import: `N` rows per statement, written by hand (rather
/// than `insert_into(..).values(..)`) so that each backend prepares one statement per `N` and
/// reuses it, binding the fields in place; Diesel's batch `Insertable` prepares a new
/// statement for every batch, which made the import several times slower.
mod bulk {
    use chrono::NaiveDate;
    use diesel::pg::{Pg, PgConnection};
    use diesel::query_builder::{AstPass, QueryFragment, QueryId};
    use diesel::sql_types::{BigInt, Date, Nullable, Text};
    use diesel::sqlite::{Sqlite, SqliteConnection};
    use diesel::{QueryResult, RunQueryDsl};

    use crate::store::residents::NewResident;

    /// `INSERT INTO residents … VALUES (…) × N ON CONFLICT (registry_id) DO UPDATE …`.
    pub struct Upsert<'a, const N: usize> {
        pub rows: &'a [NewResident; N],
    }

    pub struct UpsertId<const N: usize>;

    impl<const N: usize> QueryId for Upsert<'_, N> {
        type QueryId = UpsertId<N>;
        const HAS_STATIC_QUERY_ID: bool = true;
    }

    const COLUMNS: &str = "registry_id, surname, name, patronymic, birth_date, district_code, street, house, \
        building, structure, flat, registration_kind, surname_key, name_key, address_key, import_id";

    const UPDATE: &str = " ON CONFLICT (registry_id) DO UPDATE SET surname = excluded.surname, \
        name = excluded.name, patronymic = excluded.patronymic, birth_date = excluded.birth_date, \
        district_code = excluded.district_code, street = excluded.street, house = excluded.house, \
        building = excluded.building, structure = excluded.structure, flat = excluded.flat, \
        registration_kind = excluded.registration_kind, surname_key = excluded.surname_key, \
        name_key = excluded.name_key, address_key = excluded.address_key, \
        import_id = excluded.import_id, left_at = NULL, changed_import_id = ";

    /// `CASE WHEN` any of the registry's own fields differs, or the resident had left, `THEN`
    /// this import `ELSE` the import that changed the resident before: what a re-import
    /// reports as changed, apart from the residents it merely listed again. `$ne` is the
    /// backend's NULL-safe «differs».
    macro_rules! changed_case {
        ($ne:literal) => {
            concat!(
                "CASE WHEN residents.surname ",
                $ne,
                " excluded.surname",
                " OR residents.name ",
                $ne,
                " excluded.name",
                " OR residents.patronymic ",
                $ne,
                " excluded.patronymic",
                " OR residents.birth_date ",
                $ne,
                " excluded.birth_date",
                " OR residents.district_code ",
                $ne,
                " excluded.district_code",
                " OR residents.street ",
                $ne,
                " excluded.street",
                " OR residents.house ",
                $ne,
                " excluded.house",
                " OR residents.building ",
                $ne,
                " excluded.building",
                " OR residents.structure ",
                $ne,
                " excluded.structure",
                " OR residents.flat ",
                $ne,
                " excluded.flat",
                " OR residents.registration_kind ",
                $ne,
                " excluded.registration_kind",
                // listed again after leaving: back in the registry
                " OR residents.left_at IS NOT NULL",
                " THEN excluded.import_id ELSE residents.changed_import_id END"
            )
        };
    }

    macro_rules! for_backend {
        ($db:ty, $conn:ty, $changed:expr, $same_import:expr) => {
            impl<const N: usize> QueryFragment<$db> for Upsert<'_, N> {
                fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, $db>) -> QueryResult<()> {
                    out.push_sql("INSERT INTO residents (");
                    out.push_sql(COLUMNS);
                    out.push_sql(") VALUES ");
                    for (i, r) in self.rows.iter().enumerate() {
                        out.push_sql(if i == 0 { "(" } else { ", (" });
                        out.push_bind_param::<Text, String>(&r.registry_id)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.surname)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.name)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Nullable<Text>, Option<String>>(&r.patronymic)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Date, NaiveDate>(&r.birth_date)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.district_code)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.street)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.house)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Nullable<Text>, Option<String>>(&r.building)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Nullable<Text>, Option<String>>(&r.structure)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Nullable<Text>, Option<String>>(&r.flat)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.registration_kind)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.surname_key)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.name_key)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Text, String>(&r.address_key)?;
                        out.push_sql(", ");
                        out.push_bind_param::<Nullable<BigInt>, Option<i64>>(&r.import_id)?;
                        out.push_sql(")");
                    }
                    out.push_sql(UPDATE);
                    out.push_sql($changed);
                    // A row already written by this import is an id repeated in the file: the
                    // update is skipped, so the statement reports fewer rows than it carried.
                    out.push_sql($same_import);
                    Ok(())
                }
            }

            impl<const N: usize> RunQueryDsl<$conn> for Upsert<'_, N> {}
        };
    }

    for_backend!(
        Sqlite,
        SqliteConnection,
        changed_case!("IS NOT"),
        " WHERE residents.import_id IS NOT excluded.import_id"
    );
    for_backend!(
        Pg,
        PgConnection,
        changed_case!("IS DISTINCT FROM"),
        " WHERE residents.import_id IS DISTINCT FROM excluded.import_id"
    );
}

/// Rows per multi-row statement of the import.
const BULK_ROWS: usize = 64;

/// Inserts or updates residents by registry id (a re-import brings back one who had left).
/// Returns the rows written: fewer than given when an id was already written by this import
/// (an id repeated in the file).
pub(crate) fn upsert_residents(conn: &mut DbConn, rows: &[super::residents::NewResident]) -> QueryResult<usize> {
    let mut n = 0;
    let mut chunks = rows.chunks_exact(BULK_ROWS);
    for chunk in &mut chunks {
        let Ok(rows) = <&[super::residents::NewResident; BULK_ROWS]>::try_from(chunk) else { continue };
        n += match conn {
            DbConn::Sqlite(c) => bulk::Upsert { rows }.execute(c)?,
            DbConn::Postgres(c) => bulk::Upsert { rows }.execute(c)?,
        };
    }
    for row in chunks.remainder() {
        let rows = std::array::from_ref(row);
        n += match conn {
            DbConn::Sqlite(c) => bulk::Upsert { rows }.execute(c)?,
            DbConn::Postgres(c) => bulk::Upsert { rows }.execute(c)?,
        };
    }
    Ok(n)
}

/// The residents' secondary indexes, as the migrations create them.
const RESIDENT_INDEXES: [(&str, &str); 2] = [
    ("residents_household", "CREATE INDEX residents_household ON residents (district_code, address_key)"),
    ("residents_search", "CREATE INDEX residents_search ON residents (surname_key, id)"),
];

/// Bulk loading on SQLite: drops the residents' secondary indexes, so that a large import
/// appends rows instead of scattering index updates through a small page cache, and
/// [`rebuild_resident_indexes`] builds them once at the end (both inside the import's
/// transaction: a failed import gets them back with everything else). PostgreSQL: nothing.
pub fn drop_resident_indexes(conn: &mut DbConn) -> QueryResult<bool> {
    match conn {
        DbConn::Sqlite(c) => {
            for (name, _) in RESIDENT_INDEXES {
                diesel::connection::SimpleConnection::batch_execute(c, &format!("DROP INDEX IF EXISTS {name}"))?;
            }
            Ok(true)
        }
        DbConn::Postgres(_) => Ok(false),
    }
}

/// SQLite: writes a consistent copy of the database into the empty file `path` from one read
/// transaction (`VACUUM INTO`), while other connections go on writing. PostgreSQL has no such
/// statement: [`super::backup`] refuses it before.
pub(crate) fn vacuum_into(conn: &mut DbConn, path: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => diesel::sql_query("VACUUM INTO ?").bind::<Text, _>(path).execute(c).map(drop),
        DbConn::Postgres(_) => Err(diesel::result::Error::QueryBuilderError("VACUUM INTO is SQLite's".into())),
    }
}

/// Builds the indexes [`drop_resident_indexes`] dropped. On SQLite the sorts run on every
/// core (`PRAGMA threads`; a connection's default is one thread), which the reader thread
/// has left idle by then.
pub fn rebuild_resident_indexes(conn: &mut DbConn) -> QueryResult<()> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    let sqlite = matches!(conn, DbConn::Sqlite(_));
    if sqlite {
        diesel::connection::SimpleConnection::batch_execute(conn, &format!("PRAGMA threads = {threads}"))?;
    }
    let built = RESIDENT_INDEXES
        .iter()
        .try_for_each(|(_, create)| diesel::connection::SimpleConnection::batch_execute(conn, create));
    if sqlite {
        diesel::connection::SimpleConnection::batch_execute(conn, "PRAGMA threads = 0")?;
    }
    built
}

/// Claims up to `limit` due outbox messages for `worker` until `until`, returning their ids.
///
/// PostgreSQL skips rows other workers have locked (`FOR UPDATE SKIP LOCKED`), so several
/// workers claim disjoint batches at once; SQLite runs one writer at a time, and the lease
/// (`claimed_until`) keeps a standalone worker and the server's from taking the same row.
pub(crate) fn claim_outbox(
    conn: &mut DbConn,
    worker: &str,
    now: chrono::NaiveDateTime,
    until: chrono::NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = BigInt)]
        id: i64,
    }
    const DUE: &str = "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= {now} \
        AND (claimed_until IS NULL OR claimed_until < {now}) ORDER BY next_attempt_at, id LIMIT {limit}";
    let rows: Vec<Id> = match conn {
        DbConn::Postgres(c) => diesel::sql_query(format!(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2 WHERE id IN ({} FOR UPDATE SKIP LOCKED) RETURNING id",
            DUE.replace("{now}", "$3").replace("{limit}", "$4")
        ))
        .bind::<Text, _>(worker)
        .bind::<Timestamp, _>(until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(format!(
            "UPDATE outbox SET claimed_by = ?1, claimed_until = ?2 WHERE id IN ({}) RETURNING id",
            DUE.replace("{now}", "?3").replace("{limit}", "?4")
        ))
        .bind::<Text, _>(worker)
        .bind::<Timestamp, _>(until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The key under which migrations take PostgreSQL's advisory lock.
const MIGRATION_LOCK_KEY: i64 = 0x6552_6563_6570_7431; // "eRecept1"

/// Takes (or releases) the advisory lock that serialises migrations of several servers
/// starting at once. PostgreSQL only; SQLite uses a lock file.
pub(crate) fn migration_lock(conn: &mut DbConn, take: bool) -> QueryResult<()> {
    match conn {
        DbConn::Postgres(c) => {
            let sql = if take { "SELECT pg_advisory_lock($1)" } else { "SELECT pg_advisory_unlock($1)" };
            diesel::sql_query(sql).bind::<BigInt, _>(MIGRATION_LOCK_KEY).execute(c).map(drop)
        }
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// Table and column names of the connected database's application tables, sorted, for the
/// test that the two backends' schemas agree.
pub fn schema_columns(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    #[derive(QueryableByName)]
    struct Col {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        column_name: String,
    }
    let rows: Vec<Col> = match conn {
        DbConn::Postgres(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_\\_%' \
             ORDER BY table_name, column_name",
        )
        .load(c)?,
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
               AND m.name NOT LIKE '\\_\\_%' ESCAPE '\\' \
             ORDER BY table_name, column_name",
        )
        .load(c)?,
    };
    Ok(rows.into_iter().map(|c| (c.table_name, c.column_name)).collect())
}
