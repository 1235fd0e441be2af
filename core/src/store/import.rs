//! Importing the ГУ ИС registry: all or nothing, in bounded memory.
//!
//! One write transaction. A reader thread streams the file through [`RegistryReader`],
//! validates it, computes the search keys and hands batches to the writer over a bounded
//! channel; the writer (the caller's thread, holding the connection) upserts the residents
//! by registry id — each batch in a savepoint, so that a row the database refuses, or an id
//! the file repeats (the upsert skips a row this import already wrote), is found row by row
//! and reported with its line while reading goes on. After the last row, if anything was
//! wrong, the transaction is rolled back and every problem reported; otherwise residents of
//! the file's districts that the file no longer lists are marked as left, their active PINs
//! revoked and their open appeals flagged for clerks (none of which can happen on the first
//! import, into an empty table, which skips those passes).
//!
//! Memory holds a few batches and at most [`ImportSettings::max_issues`] problems, whatever
//! the size of the file. On SQLite a large import into a small table drops the residents'
//! secondary indexes and builds them once at the end (inside the same transaction, sorting
//! on every core).

use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};
use std::io::Read;
use std::sync::mpsc;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::residents::NewResident;
use super::schema::{districts, registry_imports, residents};
use super::{DbConn, StoreError, accounts, appeals, audit, backend, count_rows, ts, write_txn};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::i18n::{Lang, Msg};
use crate::import::{Encoding, ImportError, ImportOptions, ReadError, RegistryReader, RegistryRecord, RowError};
use crate::registry::{house_part_key, name_key, street_key};

/// A row ready to write: the resident and the line it came from.
struct Row {
    line: u64,
    resident: NewResident,
}

/// Memoised search keys: registry files repeat surnames, names, streets and house numbers
/// endlessly, and normalising Cyrillic is the importer's costliest arithmetic. Each map is
/// cleared when it reaches [`KEY_CACHE_MAX`] entries, which bounds memory.
#[derive(Default)]
struct KeyCache {
    names: HashMap<String, String>,
    streets: HashMap<String, String>,
    parts: HashMap<String, String>,
}

const KEY_CACHE_MAX: usize = 20_000;

fn memo(map: &mut HashMap<String, String>, value: &str, f: fn(&str) -> String) -> String {
    if let Some(k) = map.get(value) {
        return k.clone();
    }
    let k = f(value);
    if map.len() >= KEY_CACHE_MAX {
        map.clear();
    }
    map.insert(value.to_owned(), k.clone());
    k
}

impl KeyCache {
    fn row(&mut self, r: RegistryRecord, import_id: i64) -> Row {
        let part = |c: &mut KeyCache, v: &Option<String>| {
            v.as_deref().map(|v| memo(&mut c.parts, v, house_part_key)).unwrap_or_default()
        };
        let address_key = format!(
            "{}|{}|{}|{}|{}",
            memo(&mut self.streets, &r.address.street, street_key),
            memo(&mut self.parts, &r.address.house, house_part_key),
            part(self, &r.address.building),
            part(self, &r.address.structure),
            part(self, &r.address.flat),
        );
        Row {
            line: r.line,
            resident: NewResident {
                surname_key: memo(&mut self.names, &r.name.surname, name_key),
                name_key: memo(&mut self.names, &r.name.name, name_key),
                address_key,
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
                import_id: Some(import_id),
            },
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
    /// Problems kept for the report, the first by line; the rest are counted.
    pub max_issues: usize,
    /// About how many rows the file holds (from its size), to choose bulk loading.
    pub expected_rows: Option<u64>,
    /// Refuse a file that would mark more of a district's residents as left than this (a
    /// partial or truncated export); `None` lets any number leave.
    pub departure_limit: Option<DepartureLimit>,
    /// Do everything, report what it would do, and roll it all back.
    pub dry_run: bool,
}

/// How many residents of one district an import may mark as left: more than `share` of the
/// district's residents *and* more than `at_least` of them is refused.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DepartureLimit {
    pub share: f64,
    pub at_least: i64,
}

impl Default for DepartureLimit {
    /// A tenth of the district, and more than 20 people: far above a month's moves, far below
    /// what a file cut short does.
    fn default() -> Self {
        DepartureLimit { share: 0.10, at_least: 20 }
    }
}

/// A district the file would empty too much (see [`DepartureLimit`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Departures {
    pub district: String,
    /// Residents of the district the file no longer lists.
    pub leaving: i64,
    /// The district's residents (not left before), the file's new ones included.
    pub residents: i64,
}

impl ImportSettings {
    pub fn new(file_name: impl Into<String>, options: ImportOptions, actor: AuditActor) -> Self {
        ImportSettings {
            file_name: file_name.into(),
            options,
            actor,
            batch_rows: 1024,
            max_issues: 1000,
            expected_rows: None,
            departure_limit: Some(DepartureLimit::default()),
            dry_run: false,
        }
    }
}

/// A problem with one line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportIssue {
    /// The reader refused a value.
    Row(RowError),
    /// The district is not in the database.
    UnknownDistrict { line: u64, code: String },
    /// The registry id appears earlier in the file (found by the database, or on a row
    /// refused for its district).
    DuplicateId { line: u64, id: String },
    /// The database refused the row for another reason.
    Rejected { line: u64, detail: String },
}

impl ImportIssue {
    pub fn line(&self) -> u64 {
        match self {
            ImportIssue::Row(e) => e.line,
            ImportIssue::UnknownDistrict { line, .. }
            | ImportIssue::DuplicateId { line, .. }
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
            ImportIssue::DuplicateId { line, id } => {
                Msg::new("import-issue-duplicate-id").arg("line", *line as i64).arg("id", id.as_str()).render(lang)
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
    /// Residents already in the table whose data the file changed (or who had left and are
    /// listed again).
    pub updated: i64,
    /// Residents already in the table the file lists again as they are.
    pub unchanged: i64,
    pub left: i64,
    pub pins_revoked: i64,
    pub appeals_flagged: i64,
    /// Appeals of residents the file lists again whose "resident left" flag was cleared.
    pub appeals_unflagged: i64,
    /// The first [`LEAVERS_SHOWN`] of the residents marked as left, in alphabetical order
    /// (surname, name, patronymic; «ё» as «е», as the desk's search sorts).
    pub leavers: Vec<Leaver>,
    /// A dry run only: the districts the departure limit would refuse the file for (a real
    /// import fails with [`ImportFailure::TooManyDepartures`] instead).
    pub too_many_departures: Vec<Departures>,
    pub districts: Vec<String>,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub ignored_columns: Vec<String>,
}

/// How many of the residents an import marks as left its summary names.
pub const LEAVERS_SHOWN: usize = 20;

/// A resident an import marks as left, as the summary names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaver {
    pub resident: i64,
    pub registry_id: String,
    pub district: String,
    /// «Петров Пётр Петрович».
    pub name: String,
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
    /// The file would mark too many of a district's residents as left: probably a partial
    /// export (see [`ImportSettings::departure_limit`]).
    #[error("the file would mark too many residents as left: {0:?}")]
    TooManyDepartures(Vec<Departures>),
    /// [`ImportSettings::dry_run`]: what the import would have done; nothing was written.
    #[error("a dry run: nothing was written")]
    DryRun(Box<ImportSummary>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(ImportFailure);

/// The problems an import found: every one counted, the `max` first by line kept — not the
/// first to arrive, since the reader thread and the writer both report, each in its own
/// order, and an administrator mends a file from the top. A max-heap on (line, arrival)
/// holds them, so memory stays bounded whatever the file.
struct Collector {
    kept: BinaryHeap<(u64, u64, IssueByLine)>,
    total: u64,
    max: usize,
}

/// An issue in the heap (ordered by the tuple's line and arrival alone).
struct IssueByLine(ImportIssue);

impl PartialEq for IssueByLine {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for IssueByLine {}
impl PartialOrd for IssueByLine {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for IssueByLine {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl Collector {
    fn new(max: usize) -> Collector {
        Collector { kept: BinaryHeap::with_capacity(max.min(1024) + 1), total: 0, max: max.max(1) }
    }

    fn push(&mut self, issue: ImportIssue) {
        let key = (issue.line(), self.total);
        self.total += 1;
        if self.kept.len() < self.max {
            self.kept.push((key.0, key.1, IssueByLine(issue)));
        } else if self.kept.peek().is_some_and(|(line, seq, _)| key < (*line, *seq)) {
            self.kept.pop();
            self.kept.push((key.0, key.1, IssueByLine(issue)));
        }
    }

    /// The kept problems by line (a line's own in the order they were found).
    fn into_sorted(self) -> Vec<ImportIssue> {
        self.kept.into_sorted_vec().into_iter().map(|(_, _, i)| i.0).collect()
    }
}

/// What the reader thread sends the writer.
enum Batch {
    Rows(Vec<Row>),
    Issues(Vec<ImportIssue>),
}

/// What the reader thread found besides rows.
struct ReadSummary {
    rows: u64,
    districts: BTreeSet<String>,
    fatal: Option<ImportError>,
}

/// How many ids of rows refused for their district the reader remembers.
const REFUSED_IDS_KEPT: usize = 10_000;

/// The reader thread: parse, validate, compute keys, send batches.
fn read_all<R: Read>(
    reader: RegistryReader<R>,
    known: &HashSet<String>,
    batch_rows: usize,
    import_id: i64,
    out: &mpsc::SyncSender<Batch>,
) -> ReadSummary {
    let mut keys = KeyCache::default();
    let mut summary = ReadSummary { rows: 0, districts: BTreeSet::new(), fatal: None };
    // Ids of rows refused for their district, so that a later row repeating one is reported
    // now rather than on the next run, once the first is mended (bounded, like the issues).
    let mut refused_ids: HashSet<String> = HashSet::new();
    let mut batch = Vec::with_capacity(batch_rows);
    let mut issues = Vec::new();
    for item in reader {
        match item {
            Ok(record) => {
                summary.rows += 1;
                let code = record.address.district.to_string();
                if !known.contains(&code) {
                    if refused_ids.len() < REFUSED_IDS_KEPT {
                        refused_ids.insert(record.registry_id.to_string());
                    }
                    issues.push(ImportIssue::UnknownDistrict { line: record.line, code });
                    continue;
                }
                if !refused_ids.is_empty() && refused_ids.contains(record.registry_id.as_str()) {
                    issues.push(ImportIssue::DuplicateId { line: record.line, id: record.registry_id.to_string() });
                    continue;
                }
                if !summary.districts.contains(&code) {
                    summary.districts.insert(code);
                }
                batch.push(keys.row(record, import_id));
                if batch.len() >= batch_rows {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_rows));
                    if out.send(Batch::Rows(full)).is_err() {
                        return summary;
                    }
                }
            }
            Err(ReadError::Row(errors)) => {
                summary.rows += 1;
                issues.extend(errors.into_iter().map(ImportIssue::Row));
                if issues.len() >= 256 && out.send(Batch::Issues(std::mem::take(&mut issues))).is_err() {
                    return summary;
                }
            }
            Err(ReadError::Fatal(e)) => {
                summary.fatal = Some(e);
                return summary;
            }
        }
    }
    if !batch.is_empty() {
        let _ = out.send(Batch::Rows(batch));
    }
    if !issues.is_empty() {
        let _ = out.send(Batch::Issues(issues));
    }
    summary
}

/// Writes a batch in a savepoint; when the database refuses it, retries row by row (each in
/// its own savepoint) to name the lines it refuses. Once anything is wrong the import will be
/// rolled back, so later batches are only checked for repeated ids.
fn write_batch(conn: &mut DbConn, rows: Vec<Row>, issues: &mut Collector) -> Result<(), StoreError> {
    let (lines, residents): (Vec<u64>, Vec<NewResident>) = rows.into_iter().map(|r| (r.line, r.resident)).unzip();
    if issues.total > 0 {
        // The import will be rolled back: only look for repeated ids, without writing.
        return check_repeats(conn, &residents, &lines, issues);
    }
    let whole = conn.transaction(|c| -> QueryResult<()> {
        let written = backend::upsert_residents(c, &residents)?;
        if written == residents.len() { Ok(()) } else { Err(diesel::result::Error::RollbackTransaction) }
    });
    if whole.is_ok() {
        return Ok(());
    }
    // Something in the batch was refused or repeated: row by row, each in a savepoint.
    for (resident, line) in residents.iter().zip(&lines) {
        match conn.transaction(|c| backend::upsert_residents(c, std::slice::from_ref(resident))) {
            Ok(1) => {}
            Ok(_) => issues.push(ImportIssue::DuplicateId { line: *line, id: resident.registry_id.clone() }),
            Err(e) => issues.push(ImportIssue::Rejected { line: *line, detail: e.to_string() }),
        }
    }
    Ok(())
}

/// After a problem: report ids repeated in the file (already written by this import, or
/// repeated within the batch) without writing anything more.
fn check_repeats(
    conn: &mut DbConn,
    residents: &[NewResident],
    lines: &[u64],
    issues: &mut Collector,
) -> Result<(), StoreError> {
    let ids: Vec<&str> = residents.iter().map(|r| r.registry_id.as_str()).collect();
    let import_id = residents.first().and_then(|r| r.import_id);
    let seen: HashSet<String> = residents::table
        .filter(residents::registry_id.eq_any(&ids))
        .filter(residents::import_id.eq(import_id))
        .select(residents::registry_id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut in_batch = HashSet::new();
    for (resident, line) in residents.iter().zip(lines) {
        let id = resident.registry_id.as_str();
        if seen.contains(id) || !in_batch.insert(id) {
            issues.push(ImportIssue::DuplicateId { line: *line, id: id.to_owned() });
        }
    }
    Ok(())
}

/// Imports a registry file. See the module documentation.
pub fn import_registry<R: Read + Send>(
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
    let batch_rows = settings.batch_rows.max(1);
    write_txn(conn, |conn| {
        let before = count_rows(conn, "residents")?;
        // Bulk loading pays off when the file is large next to the table (the first import).
        let bulk = (before == 0 || settings.expected_rows.is_some_and(|n| n >= u64::try_from(before).unwrap_or(0)))
            && backend::drop_resident_indexes(conn)?;
        let import_id: i64 = diesel::insert_into(registry_imports::table)
            .values((
                registry_imports::started_at.eq(ts(now)),
                registry_imports::file_name.eq(&settings.file_name),
                registry_imports::actor.eq(settings.actor.as_str()),
                registry_imports::districts.eq(""),
            ))
            .returning(registry_imports::id)
            .get_result(conn)?;
        let mut issues = Collector::new(settings.max_issues);
        let (tx, rx) = mpsc::sync_channel::<Batch>(4);
        let summary = std::thread::scope(|scope| -> Result<ReadSummary, StoreError> {
            let known = &known;
            let reading = scope.spawn(move || read_all(reader, known, batch_rows, import_id, &tx));
            let mut failed = None;
            for batch in rx.iter() {
                match batch {
                    Batch::Rows(rows) => {
                        if let Err(e) = write_batch(conn, rows, &mut issues) {
                            failed = Some(e);
                            break;
                        }
                    }
                    Batch::Issues(list) => list.into_iter().for_each(|i| issues.push(i)),
                }
            }
            drop(rx);
            let summary =
                reading.join().map_err(|_| StoreError::corrupt("registry reader", "the reader thread panicked"))?;
            match failed {
                Some(e) => Err(e),
                None => Ok(summary),
            }
        })?;
        if let Some(fatal) = summary.fatal {
            return Err(ImportFailure::Unreadable(fatal));
        }
        let rows = summary.rows;
        if issues.total > 0 {
            let total = issues.total;
            return Err(ImportFailure::Invalid { issues: issues.into_sorted(), total, rows });
        }
        if rows == 0 {
            return Err(ImportFailure::Empty);
        }
        let districts: Vec<String> = summary.districts.into_iter().collect();
        // Into an empty table nobody leaves, and no account or appeal can name a resident.
        let first = before == 0;
        let mut too_many_departures = Vec::new();
        if let Some(limit) = settings.departure_limit.filter(|_| !first) {
            let over = departures_over(conn, &districts, import_id, limit)?;
            if !over.is_empty() {
                if !settings.dry_run {
                    return Err(ImportFailure::TooManyDepartures(over));
                }
                // a dry run is how an administrator looks before overriding the limit
                too_many_departures = over;
            }
        }
        let left = if first {
            0
        } else {
            i64::try_from(
                diesel::update(residents::table)
                    .filter(residents::district_code.eq_any(&districts))
                    .filter(residents::left_at.is_null())
                    .filter(residents::import_id.ne(import_id).or(residents::import_id.is_null()))
                    .set(residents::left_at.eq(Some(ts(now))))
                    .execute(conn)?,
            )
            .unwrap_or(i64::MAX)
        };
        let leavers = if left > 0 { leavers(conn, &districts, import_id, now)? } else { Vec::new() };
        if bulk {
            backend::rebuild_resident_indexes(conn)?;
        }
        let inserted = count_rows(conn, "residents")? - before;
        let updated: i64 = if first {
            0
        } else {
            residents::table.filter(residents::changed_import_id.eq(import_id)).count().get_result(conn)?
        };
        let unchanged = i64::try_from(rows).unwrap_or(i64::MAX) - inserted - updated;
        let (pins_revoked, appeals_flagged, appeals_unflagged) = if first {
            (0, 0, 0)
        } else {
            (
                accounts::revoke_for_left_residents(conn, import_id, &settings.actor, now)?,
                appeals::flag_left_residents(conn, now)?,
                appeals::unflag_returned_residents(conn, import_id)?,
            )
        };
        diesel::update(registry_imports::table.find(import_id))
            .set((
                registry_imports::districts.eq(districts.join(",")),
                registry_imports::finished_at.eq(Some(ts(now))),
                registry_imports::rows_total.eq(i64::try_from(rows).unwrap_or(i64::MAX)),
                registry_imports::rows_inserted.eq(inserted),
                registry_imports::rows_updated.eq(updated),
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
                "inserted": inserted,
                "updated": updated,
                "unchanged": unchanged,
                "left": left,
                "pins_revoked": pins_revoked,
                "appeals_flagged": appeals_flagged,
                "appeals_unflagged": appeals_unflagged,
                "districts": districts,
                "bulk": bulk,
            }),
        )?;
        let done = ImportSummary {
            import_id,
            rows,
            inserted,
            updated,
            unchanged,
            left,
            pins_revoked,
            appeals_flagged,
            appeals_unflagged,
            leavers,
            too_many_departures,
            districts,
            encoding,
            delimiter,
            ignored_columns: ignored_columns.clone(),
        };
        if settings.dry_run {
            // the error rolls the transaction back
            return Err(ImportFailure::DryRun(Box::new(done)));
        }
        Ok(done)
    })
}

/// The first [`LEAVERS_SHOWN`] residents this import has just marked as left, in alphabetical
/// order: by the search keys (lower case, «ё» folded into «е», so that binary order is the
/// alphabet's on both backends), then the patronymic and the registry id.
fn leavers(
    conn: &mut DbConn,
    districts: &[String],
    import_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Leaver>, StoreError> {
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = residents::table
        .filter(residents::district_code.eq_any(districts))
        .filter(residents::left_at.eq(Some(ts(now))))
        .filter(residents::import_id.ne(import_id).or(residents::import_id.is_null()))
        .order((
            residents::surname_key.asc(),
            residents::name_key.asc(),
            residents::patronymic.asc(),
            residents::registry_id.asc(),
        ))
        .limit(i64::try_from(LEAVERS_SHOWN).unwrap_or(i64::MAX))
        .select((
            residents::id,
            residents::registry_id,
            residents::district_code,
            residents::surname,
            residents::name,
            residents::patronymic,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(resident, registry_id, district, surname, name, patronymic)| Leaver {
            resident,
            registry_id,
            district,
            name: [Some(surname), Some(name), patronymic].into_iter().flatten().collect::<Vec<_>>().join(" "),
        })
        .collect())
}

/// The districts where the residents the file leaves out (those this import did not list)
/// exceed `limit`.
fn departures_over(
    conn: &mut DbConn,
    districts: &[String],
    import_id: i64,
    limit: DepartureLimit,
) -> Result<Vec<Departures>, StoreError> {
    use diesel::dsl::count_star;
    let present = residents::table
        .filter(residents::district_code.eq_any(districts))
        .filter(residents::left_at.is_null())
        .group_by(residents::district_code)
        .select((residents::district_code, count_star()))
        .load::<(String, i64)>(conn)?;
    let leaving: HashMap<String, i64> = residents::table
        .filter(residents::district_code.eq_any(districts))
        .filter(residents::left_at.is_null())
        .filter(residents::import_id.ne(import_id).or(residents::import_id.is_null()))
        .group_by(residents::district_code)
        .select((residents::district_code, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(present
        .into_iter()
        .filter_map(|(district, residents)| {
            let leaving = leaving.get(&district).copied().unwrap_or(0);
            let too_many = leaving > limit.at_least && (leaving as f64) > limit.share * residents as f64;
            too_many.then_some(Departures { district, leaving, residents })
        })
        .collect())
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
