//! Importing the ГУ ИС registry: all or nothing, in bounded memory.
//!
//! One write transaction: the file is streamed through [`RegistryReader`] into a temporary
//! staging table in batches (each batch in a savepoint, so a row the database rejects — a
//! registry id repeated in the file, say — is found and reported with its line, and reading
//! goes on); after the last row, if anything was wrong, the transaction is rolled back and every
//! problem is reported; otherwise the staging table is merged into `residents` by registry id,
//! residents of the file's districts that the file no longer lists are marked as left, their
//! active PINs revoked and their open appeals flagged for clerks.
//!
//! Memory holds one batch and at most [`ImportSettings::max_issues`] problems, whatever the
//! size of the file.

use std::collections::{BTreeSet, HashSet};
use std::io::Read;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::schema::{districts, registry_imports, residents};
use super::{DbConn, StoreError, accounts, appeals, audit, backend, ts, write_txn};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::i18n::{Lang, Msg};
use crate::import::{Encoding, ImportError, ImportOptions, ReadError, RegistryReader, RegistryRecord, RowError};
use crate::registry::{AddressKey, name_key};

diesel::table! {
    /// The import's temporary staging table (created per import by `backend::create_staging`).
    registry_staging (registry_id) {
        line -> BigInt,
        registry_id -> Text,
        surname -> Text,
        name -> Text,
        patronymic -> Nullable<Text>,
        birth_date -> Date,
        district_code -> Text,
        street -> Text,
        house -> Text,
        building -> Nullable<Text>,
        structure -> Nullable<Text>,
        flat -> Nullable<Text>,
        registration_kind -> Text,
        surname_key -> Text,
        name_key -> Text,
        patronymic_key -> Text,
        street_key -> Text,
        house_key -> Text,
        building_key -> Text,
        structure_key -> Text,
        flat_key -> Text,
    }
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = registry_staging)]
struct StagingRow {
    line: i64,
    registry_id: String,
    surname: String,
    name: String,
    patronymic: Option<String>,
    birth_date: NaiveDate,
    district_code: String,
    street: String,
    house: String,
    building: Option<String>,
    structure: Option<String>,
    flat: Option<String>,
    registration_kind: String,
    surname_key: String,
    name_key: String,
    patronymic_key: String,
    street_key: String,
    house_key: String,
    building_key: String,
    structure_key: String,
    flat_key: String,
}

impl From<RegistryRecord> for StagingRow {
    fn from(r: RegistryRecord) -> Self {
        let key = AddressKey::of(&r.address);
        StagingRow {
            line: i64::try_from(r.line).unwrap_or(i64::MAX),
            surname_key: name_key(&r.name.surname),
            name_key: name_key(&r.name.name),
            patronymic_key: r.name.patronymic.as_deref().map(name_key).unwrap_or_default(),
            street_key: key.street,
            house_key: key.house,
            building_key: key.building,
            structure_key: key.structure,
            flat_key: key.flat,
            registry_id: r.registry_id.to_string(),
            surname: r.name.surname,
            name: r.name.name,
            patronymic: r.name.patronymic,
            birth_date: r.birth_date,
            district_code: r.address.district.to_string(),
            street: r.address.street,
            house: r.address.house,
            building: r.address.building,
            structure: r.address.structure,
            flat: r.address.flat,
            registration_kind: r.registration_kind.as_str().to_owned(),
        }
    }
}

/// How to run an import.
#[derive(Clone, Debug)]
pub struct ImportSettings {
    pub file_name: String,
    pub options: ImportOptions,
    pub actor: AuditActor,
    /// Rows per staging insert.
    pub batch_rows: usize,
    /// Problems kept for the report; the rest are counted.
    pub max_issues: usize,
}

impl ImportSettings {
    pub fn new(file_name: impl Into<String>, options: ImportOptions, actor: AuditActor) -> Self {
        ImportSettings { file_name: file_name.into(), options, actor, batch_rows: 1000, max_issues: 1000 }
    }
}

/// A problem with one line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportIssue {
    /// The reader refused a value.
    Row(RowError),
    /// The district is not in the database.
    UnknownDistrict { line: u64, code: String },
    /// The database refused the row because its registry id appears earlier in the file.
    DuplicateId { line: u64 },
    /// The database refused the row for another reason.
    Rejected { line: u64, detail: String },
}

impl ImportIssue {
    pub fn line(&self) -> u64 {
        match self {
            ImportIssue::Row(e) => e.line,
            ImportIssue::UnknownDistrict { line, .. }
            | ImportIssue::DuplicateId { line }
            | ImportIssue::Rejected { line, .. } => *line,
        }
    }

    /// «строка 15, поле district: района 0999 нет в базе данных».
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportIssue::Row(e) => e.message(lang),
            ImportIssue::UnknownDistrict { line, code } => Msg::new("import-issue-unknown-district")
                .arg("line", *line as i64)
                .arg("code", code.as_str())
                .render(lang),
            ImportIssue::DuplicateId { line } => {
                Msg::new("import-issue-duplicate-id").arg("line", *line as i64).render(lang)
            }
            ImportIssue::Rejected { line, detail } => {
                Msg::new("import-issue-rejected").arg("line", *line as i64).arg("detail", detail.as_str()).render(lang)
            }
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    pub import_id: i64,
    pub rows: u64,
    pub inserted: i64,
    pub updated: i64,
    pub left: i64,
    pub pins_revoked: i64,
    pub appeals_flagged: i64,
    pub districts: Vec<String>,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub ignored_columns: Vec<String>,
}

/// Why nothing was imported. The database is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("the file cannot be read: {0}")]
    Unreadable(#[from] ImportError),
    #[error("{total} problem(s) in {rows} row(s) read")]
    Invalid { issues: Vec<ImportIssue>, total: u64, rows: u64 },
    #[error("the file lists no residents")]
    Empty,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for ImportFailure {
    fn from(e: diesel::result::Error) -> Self {
        ImportFailure::Store(StoreError::Query(e))
    }
}

struct Collector {
    issues: Vec<ImportIssue>,
    total: u64,
    max: usize,
}

impl Collector {
    fn push(&mut self, issue: ImportIssue) {
        self.total += 1;
        if self.issues.len() < self.max {
            self.issues.push(issue);
        }
    }
}

fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(e, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
}

/// Inserts a batch into staging in a savepoint; when the database refuses it, retries row by
/// row (each in its own savepoint) to name the lines it refuses.
fn flush(conn: &mut DbConn, batch: &mut Vec<StagingRow>, issues: &mut Collector) -> Result<(), StoreError> {
    if batch.is_empty() {
        return Ok(());
    }
    let whole = conn.transaction(|c| backend::batch_insert!(c, registry_staging::table, &*batch));
    if whole.is_err() {
        for row in batch.iter() {
            let one = conn.transaction(|c| diesel::insert_into(registry_staging::table).values(row).execute(c));
            if let Err(e) = one {
                let line = u64::try_from(row.line).unwrap_or(0);
                if is_unique_violation(&e) {
                    issues.push(ImportIssue::DuplicateId { line });
                } else {
                    issues.push(ImportIssue::Rejected { line, detail: e.to_string() });
                }
            }
        }
    }
    batch.clear();
    Ok(())
}

/// Imports a registry file. See the module documentation.
pub fn import_registry<R: Read>(
    conn: &mut DbConn,
    input: R,
    settings: &ImportSettings,
    now: DateTime<Utc>,
) -> Result<ImportSummary, ImportFailure> {
    let reader = RegistryReader::new(input, &settings.options)?;
    let encoding = reader.encoding();
    let delimiter = reader.delimiter();
    let ignored_columns = reader.ignored_columns().to_vec();
    let known: HashSet<String> = districts::table.select(districts::code).load::<String>(conn)?.into_iter().collect();
    write_txn(conn, |conn| {
        backend::create_staging(conn)?;
        let mut issues = Collector { issues: Vec::new(), total: 0, max: settings.max_issues.max(1) };
        let mut batch = Vec::with_capacity(settings.batch_rows.max(1));
        let mut file_districts = BTreeSet::new();
        let mut rows = 0u64;
        for item in reader {
            match item {
                Ok(record) => {
                    rows += 1;
                    let code = record.address.district.to_string();
                    if !known.contains(&code) {
                        issues.push(ImportIssue::UnknownDistrict { line: record.line, code });
                        continue;
                    }
                    file_districts.insert(code);
                    batch.push(StagingRow::from(record));
                    if batch.len() >= settings.batch_rows.max(1) {
                        flush(conn, &mut batch, &mut issues)?;
                    }
                }
                Err(ReadError::Row(errors)) => {
                    rows += 1;
                    for e in errors {
                        issues.push(ImportIssue::Row(e));
                    }
                }
                Err(ReadError::Fatal(e)) => return Err(ImportFailure::Unreadable(e)),
            }
        }
        flush(conn, &mut batch, &mut issues)?;
        if issues.total > 0 {
            let mut list = issues.issues;
            list.sort_by_key(ImportIssue::line);
            return Err(ImportFailure::Invalid { issues: list, total: issues.total, rows });
        }
        if rows == 0 {
            return Err(ImportFailure::Empty);
        }
        let districts: Vec<String> = file_districts.into_iter().collect();
        let import_id: i64 = diesel::insert_into(registry_imports::table)
            .values((
                registry_imports::started_at.eq(ts(now)),
                registry_imports::file_name.eq(&settings.file_name),
                registry_imports::actor.eq(settings.actor.as_str()),
                registry_imports::districts.eq(districts.join(",")),
            ))
            .returning(registry_imports::id)
            .get_result(conn)?;
        let merged = backend::merge_staging(conn, import_id, ts(now))?;
        let left = i64::try_from(
            diesel::update(residents::table)
                .filter(residents::district_code.eq_any(&districts))
                .filter(residents::left_at.is_null())
                .filter(residents::import_id.ne(import_id).or(residents::import_id.is_null()))
                .set(residents::left_at.eq(Some(ts(now))))
                .execute(conn)?,
        )
        .unwrap_or(i64::MAX);
        let pins_revoked = accounts::revoke_for_left_residents(conn, import_id, &settings.actor, now)?;
        let appeals_flagged = appeals::flag_left_residents(conn, now)?;
        diesel::update(registry_imports::table.find(import_id))
            .set((
                registry_imports::finished_at.eq(Some(ts(now))),
                registry_imports::rows_total.eq(i64::try_from(rows).unwrap_or(i64::MAX)),
                registry_imports::rows_inserted.eq(merged.inserted),
                registry_imports::rows_updated.eq(merged.updated),
                registry_imports::rows_left.eq(left),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            now,
            &settings.actor,
            AuditAction::RegistryImported,
            &format!("import:{import_id}"),
            &json!({
                "file": settings.file_name,
                "rows": rows,
                "inserted": merged.inserted,
                "updated": merged.updated,
                "left": left,
                "pins_revoked": pins_revoked,
                "appeals_flagged": appeals_flagged,
                "districts": districts,
            }),
        )?;
        diesel::connection::SimpleConnection::batch_execute(conn, "DROP TABLE registry_staging")?;
        Ok(ImportSummary {
            import_id,
            rows,
            inserted: merged.inserted,
            updated: merged.updated,
            left,
            pins_revoked,
            appeals_flagged,
            districts,
            encoding,
            delimiter,
            ignored_columns: ignored_columns.clone(),
        })
    })
}

/// The time the last import of a district finished, if any (for status lines).
pub fn last_import(conn: &mut DbConn) -> Result<Option<(i64, NaiveDateTime, String)>, StoreError> {
    Ok(registry_imports::table
        .filter(registry_imports::finished_at.is_not_null())
        .order(registry_imports::id.desc())
        .select((registry_imports::id, registry_imports::started_at, registry_imports::file_name))
        .first(conn)
        .optional()?)
}
