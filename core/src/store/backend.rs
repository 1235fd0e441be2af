//! The SQL that differs between SQLite and PostgreSQL, kept together: one `match` on the
//! connection per operation, each arm tested on its backend (`store::tests`).
//!
//! - write lock (SQLite: take the database's write lock at the start of a transaction;
//!   PostgreSQL: nothing, rows are locked as they are touched);
//! - row locks (`FOR UPDATE`, `FOR UPDATE SKIP LOCKED`) — PostgreSQL only, SQLite has one
//!   writer at a time;
//! - number counters (upsert … RETURNING, with each backend's placeholders);
//! - the registry merge (upsert from the staging table);
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

/// Creates the import's staging table (temporary: it lives and dies with the connection).
pub(crate) fn create_staging(conn: &mut DbConn) -> QueryResult<()> {
    let key = match conn {
        DbConn::Postgres(_) => " COLLATE \"C\"",
        DbConn::Sqlite(_) => "",
    };
    let date = match conn {
        DbConn::Postgres(_) => "DATE",
        DbConn::Sqlite(_) => "TEXT",
    };
    let sql = format!(
        "DROP TABLE IF EXISTS registry_staging;
         CREATE TEMPORARY TABLE registry_staging (
            line BIGINT NOT NULL,
            registry_id TEXT NOT NULL UNIQUE,
            surname TEXT NOT NULL,
            name TEXT NOT NULL,
            patronymic TEXT,
            birth_date {date} NOT NULL,
            district_code TEXT NOT NULL,
            street TEXT NOT NULL,
            house TEXT NOT NULL,
            building TEXT,
            structure TEXT,
            flat TEXT,
            registration_kind TEXT NOT NULL,
            surname_key TEXT{key} NOT NULL,
            name_key TEXT{key} NOT NULL,
            patronymic_key TEXT{key} NOT NULL,
            street_key TEXT{key} NOT NULL,
            house_key TEXT{key} NOT NULL,
            building_key TEXT{key} NOT NULL,
            structure_key TEXT{key} NOT NULL,
            flat_key TEXT{key} NOT NULL
         );"
    );
    diesel::connection::SimpleConnection::batch_execute(conn, &sql)
}

/// Counts of a merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MergeCounts {
    pub inserted: i64,
    pub updated: i64,
}

/// Merges the staging table into `residents`: new registry ids are inserted, known ones
/// updated (and brought back if they had left), all stamped with `import_id`.
pub(crate) fn merge_staging(conn: &mut DbConn, import_id: i64, now: chrono::NaiveDateTime) -> QueryResult<MergeCounts> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    const COLUMNS: &str = "registry_id, surname, name, patronymic, birth_date, district_code, street, house, \
        building, structure, flat, registration_kind, surname_key, name_key, patronymic_key, street_key, \
        house_key, building_key, structure_key, flat_key";
    // Rows already present, counted before the upsert changes them.
    let count_existing =
        "SELECT COUNT(*) AS n FROM registry_staging s JOIN residents r ON r.registry_id = s.registry_id";
    let upsert = |p1: &str, p2: &str| {
        format!(
            "INSERT INTO residents ({COLUMNS}, import_id, updated_at, left_at) \
             SELECT {COLUMNS}, {p1}, {p2}, NULL FROM registry_staging WHERE true \
             ON CONFLICT (registry_id) DO UPDATE SET \
               surname = excluded.surname, name = excluded.name, patronymic = excluded.patronymic, \
               birth_date = excluded.birth_date, district_code = excluded.district_code, \
               street = excluded.street, house = excluded.house, building = excluded.building, \
               structure = excluded.structure, flat = excluded.flat, \
               registration_kind = excluded.registration_kind, surname_key = excluded.surname_key, \
               name_key = excluded.name_key, patronymic_key = excluded.patronymic_key, \
               street_key = excluded.street_key, house_key = excluded.house_key, \
               building_key = excluded.building_key, structure_key = excluded.structure_key, \
               flat_key = excluded.flat_key, import_id = excluded.import_id, \
               updated_at = excluded.updated_at, left_at = NULL"
        )
    };
    let (existing, total) = match conn {
        DbConn::Postgres(c) => {
            let existing = diesel::sql_query(count_existing).get_result::<N>(c)?.n;
            let total = diesel::sql_query(upsert("$1", "$2"))
                .bind::<BigInt, _>(import_id)
                .bind::<Timestamp, _>(now)
                .execute(c)?;
            (existing, total)
        }
        DbConn::Sqlite(c) => {
            let existing = diesel::sql_query(count_existing).get_result::<N>(c)?.n;
            // `WHERE true` above resolves SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.
            let total = diesel::sql_query(upsert("?", "?"))
                .bind::<BigInt, _>(import_id)
                .bind::<Timestamp, _>(now)
                .execute(c)?;
            (existing, total)
        }
    };
    let total = i64::try_from(total).unwrap_or(i64::MAX);
    Ok(MergeCounts { inserted: total - existing, updated: existing })
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
