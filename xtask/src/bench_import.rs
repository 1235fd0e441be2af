//! `cargo xtask bench-import`: the registry import against a plain bulk insert into SQLite.
//!
//! The issue's goal: a 1,000,000-row registry file imports at no less than half the rate of a
//! plain bulk insert of the same rows into SQLite, measured in the same run (this machine's
//! speed varies too much for fixed numbers), and with peak memory that does not grow with the
//! file (at most a few MiB more for N rows than for N/10).
//!
//! Each measured run is a child process (this binary again, with the hidden
//! `bench-import-run` subcommand) so that its peak resident set (`VmHWM`) is its own:
//!
//! - **baseline**: the bare `csv` crate reads the file (no validation, no normalisation), and
//!   one cached prepared multi-row `INSERT` per [`BASELINE_BATCH`] rows writes it, in one
//!   transaction, into a plain table with the registry's columns and no index beyond the
//!   primary key, on a raw Diesel `SqliteConnection` with the store's pragmas (WAL,
//!   `synchronous = FULL`);
//! - **import**: a fresh database is migrated (`Store::open`), the districts saved, then
//!   `store::import::import_registry` runs on the file — parsing, validation, key
//!   computation, staging, merge, bookkeeping and commit: everything an administrator waits for.
//!
//! Generating the files is not measured.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::Utc;
use clap::{Args, ValueEnum};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Nullable, Text};
use diesel::sqlite::Sqlite;
use diesel::sqlite::SqliteConnection;
use ereception_core::domain::audit::AuditActor;
use ereception_core::i18n::Lang;
use ereception_core::import::{ImportOptions, RegistryReader};
use ereception_core::store::import::{ImportFailure, ImportSettings, import_registry};
use ereception_core::store::residents::NewResident;
use ereception_core::store::{DatabaseUrl, OpenMode, Store, districts};

use crate::registry_gen;

/// Rows of the full benchmark.
pub const DEFAULT_ROWS: u64 = 1_000_000;
/// Rows of `--quick` (the CI's variant).
pub const QUICK_ROWS: u64 = 20_000;
/// Goal: the import's rate over the baseline's, at least.
pub const MIN_RATIO: f64 = 0.5;
/// Goal: peak RSS of the import of N rows minus that of N/10 rows, at most (MiB).
pub const MAX_GROWTH_MIB: f64 = 8.0;
/// Rows per multi-row `INSERT` of the baseline (12 bound values a row).
pub const BASELINE_BATCH: usize = 128;

/// Options of `cargo xtask bench-import`.
#[derive(Args, Debug, Clone)]
#[command(
    long_about = "Generates a realistic registry CSV of N rows (and one of N/10 rows), then measures, each in a \
                  child process of its own: a plain bulk insert of the N rows into SQLite (the baseline), the \
                  same rows inserted as the registry stores them (search keys, indexes), the registry import of the N/10 rows and of the N rows. Prints rows/s and peak RSS of each, the \
                  ratio import/baseline (goal: at least 0.5) and the peak RSS growth from N/10 to N rows (goal: \
                  at most 8 MiB), each marked PASS or FAIL. Exits 0 unless --check is given and a goal fails.\n\n\
                  Run it in release (the `cargo xtask` alias does): `cargo xtask bench-import`."
)]
pub struct BenchArgs {
    /// Rows of the large file (the small one has a tenth).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_ROWS, conflicts_with = "quick")]
    pub rows: u64,
    /// The CI's variant: 20,000 rows.
    #[arg(long)]
    pub quick: bool,
    /// Keep the generated files and databases in DIR (created if missing) instead of a
    /// temporary folder that is removed afterwards.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
    /// Exit with status 1 when a goal is not met (otherwise the goals are only reported).
    #[arg(long)]
    pub check: bool,
    /// Rows per staging insert of the import (default: the import's own setting).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch_rows: Option<u64>,
    /// Also measure parts of the work on the N rows, each in its own process, to show where
    /// the import's time goes: reading and validating alone; with the search keys computed;
    /// the baseline through Diesel's `Insertable` (a `Vec` batch per statement, and with
    /// `None` as DEFAULT, which Diesel inserts row by row on SQLite).
    #[arg(long)]
    pub phases: bool,
}

/// What a child run measures.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// The plain bulk insert of the CSV's rows into a plain table.
    Baseline,
    /// The plain bulk insert of the same rows as the system stores them: `residents` rows with
    /// their search keys (computed beforehand, not timed), into the `residents` table, its
    /// secondary indexes built after the rows, in one transaction.
    Stored,
    /// The registry import.
    Import,
    /// `--phases`: reading and validating the file with `RegistryReader`, nothing stored.
    Read,
    /// `--phases`: reading, validating and computing the search keys (`NewResident::new`).
    ReadKeys,
    /// `--phases`: the baseline through Diesel's `Insertable` in `Vec` batches with NULL for
    /// `None` (one statement per batch, prepared anew each time).
    DieselVec,
    /// `--phases`: the baseline through Diesel's `Insertable` with the default
    /// `treat_none_as_default_value` (as `StagingRow` and `NewResident` are): on SQLite
    /// Diesel then inserts the batch row by row.
    DieselDefault,
}

impl RunKind {
    fn label(self) -> &'static str {
        match self {
            RunKind::Baseline => "baseline",
            RunKind::Stored => "rows as stored",
            RunKind::Import => "import",
            RunKind::Read => "read + validate",
            RunKind::ReadKeys => "read + validate + keys",
            RunKind::DieselVec => "baseline, Diesel Vec batches",
            RunKind::DieselDefault => "baseline, Diesel None=DEFAULT",
        }
    }

    fn arg(self) -> &'static str {
        match self {
            RunKind::Baseline => "baseline",
            RunKind::Stored => "stored",
            RunKind::Import => "import",
            RunKind::Read => "read",
            RunKind::ReadKeys => "read-keys",
            RunKind::DieselVec => "diesel-vec",
            RunKind::DieselDefault => "diesel-default",
        }
    }
}

/// Options of the hidden `bench-import-run` subcommand (one measured run).
#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    #[arg(long, value_enum)]
    pub kind: RunKind,
    /// The registry file.
    #[arg(long)]
    pub csv: PathBuf,
    /// The database file to create.
    #[arg(long)]
    pub db: PathBuf,
    /// Rows the file holds (checked against what was inserted).
    #[arg(long)]
    pub rows: u64,
    #[arg(long)]
    pub batch_rows: Option<u64>,
}

/// One child run's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    pub rows: u64,
    pub seconds: f64,
    /// Peak resident set size in KiB, where the system tells it.
    pub peak_rss_kib: Option<u64>,
}

impl Measurement {
    pub fn rate(&self) -> f64 {
        if self.seconds > 0.0 { self.rows as f64 / self.seconds } else { f64::INFINITY }
    }

    fn peak_mib(&self) -> Option<f64> {
        self.peak_rss_kib.map(|k| k as f64 / 1024.0)
    }

    /// The line a child prints for its parent.
    fn to_line(&self) -> String {
        format!(
            "bench-import-result rows={} seconds={:.6} peak_rss_kib={}",
            self.rows,
            self.seconds,
            self.peak_rss_kib.map_or_else(|| "none".to_owned(), |k| k.to_string())
        )
    }

    /// Parses [`Measurement::to_line`] out of a child's output.
    fn from_output(output: &str) -> Option<Measurement> {
        let line = output.lines().rev().find(|l| l.starts_with("bench-import-result "))?;
        let mut rows = None;
        let mut seconds = None;
        let mut peak = None;
        for pair in line.split_whitespace().skip(1) {
            let (key, value) = pair.split_once('=')?;
            match key {
                "rows" => rows = value.parse().ok(),
                "seconds" => seconds = value.parse().ok(),
                "peak_rss_kib" => peak = Some(value.parse().ok()),
                _ => {}
            }
        }
        Some(Measurement { rows: rows?, seconds: seconds?, peak_rss_kib: peak? })
    }
}

/// Peak resident set size of this process so far (`VmHWM`), in KiB; Linux only.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()
}

/// The outcome of one goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Not measurable here (no `/proc`).
    Unknown,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Unknown => "n/a",
        }
    }
}

/// The goals judged from the three measurements.
#[derive(Clone, Debug, PartialEq)]
pub struct Goals {
    /// Import rate over the raw insert's: the issue's goal.
    pub ratio: f64,
    pub ratio_verdict: Verdict,
    /// Import rate over the rate of storing the same rows as `residents` keeps them (with
    /// their search keys and indexes): the part of the gap that is the import's own work.
    pub stored_ratio: f64,
    pub stored_verdict: Verdict,
    pub growth_mib: Option<f64>,
    pub growth_verdict: Verdict,
}

impl Goals {
    pub fn judge(baseline: &Measurement, stored: &Measurement, small: &Measurement, large: &Measurement) -> Goals {
        let ratio = large.rate() / baseline.rate();
        let stored_ratio = large.rate() / stored.rate();
        let growth_mib = match (large.peak_mib(), small.peak_mib()) {
            (Some(l), Some(s)) => Some(l - s),
            _ => None,
        };
        Goals {
            ratio,
            stored_ratio,
            ratio_verdict: if ratio >= MIN_RATIO { Verdict::Pass } else { Verdict::Fail },
            stored_verdict: if stored_ratio >= MIN_RATIO { Verdict::Pass } else { Verdict::Fail },
            growth_mib,
            growth_verdict: match growth_mib {
                Some(g) if g <= MAX_GROWTH_MIB => Verdict::Pass,
                Some(_) => Verdict::Fail,
                None => Verdict::Unknown,
            },
        }
    }

    pub fn failed(&self) -> bool {
        self.ratio_verdict == Verdict::Fail || self.growth_verdict == Verdict::Fail
    }
}

/// Where the files go: a temporary folder, or the one `--keep` names.
enum WorkDir {
    Temp(tempfile::TempDir),
    Kept(PathBuf),
}

impl WorkDir {
    fn path(&self) -> &Path {
        match self {
            WorkDir::Temp(t) => t.path(),
            WorkDir::Kept(p) => p,
        }
    }

    fn keeps(&self) -> bool {
        matches!(self, WorkDir::Kept(_))
    }
}

/// `cargo xtask bench-import`.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let rows = if args.quick { QUICK_ROWS } else { args.rows };
    if rows < 10 {
        bail!("--rows must be at least 10 (the memory comparison imports a tenth)");
    }
    let small_rows = rows / 10;
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; the figures mean little. Use `cargo xtask bench-import` (release).");
    }
    let work = match &args.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            WorkDir::Kept(dir.clone())
        }
        None => WorkDir::Temp(
            tempfile::Builder::new().prefix("bench-import-").tempdir().context("creating a temporary folder")?,
        ),
    };
    let dir = work.path();

    let large_csv = dir.join(format!("registry-{rows}.csv"));
    let small_csv = dir.join(format!("registry-{small_rows}.csv"));
    let started = Instant::now();
    generate(&large_csv, rows)?;
    generate(&small_csv, small_rows)?;
    let size = std::fs::metadata(&large_csv).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "generated {} ({} rows, {:.1} MiB) and {} rows in {:.1} s (not measured)",
        large_csv.display(),
        group(rows),
        size as f64 / 1_048_576.0,
        group(small_rows),
        started.elapsed().as_secs_f64()
    );

    let baseline = measure(&work, RunKind::Baseline, &large_csv, rows, None)?;
    let stored = measure(&work, RunKind::Stored, &large_csv, rows, None)?;
    let small = measure(&work, RunKind::Import, &small_csv, small_rows, args.batch_rows)?;
    let large = measure(&work, RunKind::Import, &large_csv, rows, args.batch_rows)?;
    let mut phases = Vec::new();
    if args.phases {
        for kind in [RunKind::Read, RunKind::ReadKeys, RunKind::DieselVec, RunKind::DieselDefault] {
            phases.push((kind, measure(&work, kind, &large_csv, rows, None)?));
        }
    }

    let goals = Goals::judge(&baseline, &stored, &small, &large);
    print!("{}", report(rows, &baseline, &stored, &small, &large, &goals));
    if !phases.is_empty() {
        print!("{}", phases_report(rows, &baseline, &phases));
    }
    if work.keeps() {
        println!("files kept in {}", dir.display());
    }
    Ok(if args.check && goals.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn generate(path: &Path, rows: u64) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let file = registry_gen::write_file(file, rows)?;
    file.sync_all().with_context(|| format!("syncing {}", path.display()))
}

/// Runs one measurement in a child process, on a fresh database.
fn measure(
    work: &WorkDir,
    kind: RunKind,
    csv: &Path,
    rows: u64,
    batch_rows: Option<u64>,
) -> anyhow::Result<Measurement> {
    let db = work.path().join(format!("{}-{rows}.sqlite3", kind.arg()));
    remove_database(&db);
    let exe = std::env::current_exe().context("finding this program to run the measurement")?;
    let mut command = Command::new(exe);
    command
        .arg("bench-import-run")
        .arg("--kind")
        .arg(kind.arg())
        .arg("--csv")
        .arg(csv)
        .arg("--db")
        .arg(&db)
        .arg("--rows")
        .arg(rows.to_string());
    if let Some(b) = batch_rows {
        command.arg("--batch-rows").arg(b.to_string());
    }
    eprintln!("measuring: {} of {} rows…", kind.label(), group(rows));
    let output = command.output().context("running the measurement")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "the {} run failed ({}):\n{}{}",
            kind.label(),
            output.status,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let m = Measurement::from_output(&stdout)
        .with_context(|| format!("no result from the {} run:\n{stdout}", kind.label()))?;
    if !work.keeps() {
        remove_database(&db);
    }
    Ok(m)
}

fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", ".migrate-lock"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// The table and the goals, as printed.
pub fn report(
    rows: u64,
    baseline: &Measurement,
    stored: &Measurement,
    small: &Measurement,
    large: &Measurement,
    goals: &Goals,
) -> String {
    use std::fmt::Write as _;
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut out = String::new();
    let _ = writeln!(out, "\nregistry import benchmark: {} rows, {cpus} CPU(s)", group(rows));
    let _ = writeln!(out, "{:<16} {:>10} {:>9} {:>10} {:>13}", "run", "rows", "seconds", "rows/s", "peak RSS MiB");
    for (name, m) in
        [("raw CSV insert", baseline), ("rows as stored", stored), ("import (N/10)", small), ("import (N)", large)]
    {
        let _ = writeln!(
            out,
            "{:<16} {:>10} {:>9.2} {:>10} {:>13}",
            name,
            group(m.rows),
            m.seconds,
            group(m.rate().round() as u64),
            m.peak_mib().map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}"))
        );
    }
    let _ = writeln!(
        out,
        "rate import(N) / raw CSV insert: {:.2} (goal ≥ {MIN_RATIO:.2}) {}",
        goals.ratio,
        goals.ratio_verdict.label()
    );
    let _ = writeln!(
        out,
        "rate import(N) / rows as stored: {:.2} (same bound, against storing what the import stores) {}",
        goals.stored_ratio,
        goals.stored_verdict.label()
    );
    let _ = writeln!(
        out,
        "peak RSS import(N) − import(N/10): {} (goal ≤ {MAX_GROWTH_MIB:.0} MiB) {}",
        goals.growth_mib.map_or_else(|| "n/a".to_owned(), |g| format!("{g:+.1} MiB")),
        goals.growth_verdict.label()
    );
    out
}

/// The `--phases` table: each part's time and its share of the import's.
fn phases_report(rows: u64, baseline: &Measurement, phases: &[(RunKind, Measurement)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "\nparts of the work on the same {} rows, each in a process of its own:", group(rows));
    let _ = writeln!(out, "{:<30} {:>9} {:>10} {:>13}", "run", "seconds", "rows/s", "peak RSS MiB");
    for (kind, m) in phases {
        let _ = writeln!(
            out,
            "{:<30} {:>9.2} {:>10} {:>13}",
            kind.label(),
            m.seconds,
            group(m.rate().round() as u64),
            m.peak_mib().map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}"))
        );
    }
    let _ = writeln!(out, "(baseline: {:.2} s)", baseline.seconds);
    out
}

/// `1000000` → `1,000,000`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The hidden `bench-import-run`: one measured run, result on stdout.
pub fn run_child(args: &RunArgs) -> anyhow::Result<()> {
    let (inserted, elapsed) = match args.kind {
        RunKind::Baseline => baseline(&args.csv, &args.db)?,
        RunKind::Stored => stored(&args.csv, &args.db)?,
        RunKind::Import => import(&args.csv, &args.db, args.batch_rows)?,
        RunKind::Read => read(&args.csv, false)?,
        RunKind::ReadKeys => read(&args.csv, true)?,
        RunKind::DieselVec => baseline_diesel::<true>(&args.csv, &args.db)?,
        RunKind::DieselDefault => baseline_diesel::<false>(&args.csv, &args.db)?,
    };
    if inserted != args.rows {
        bail!("{inserted} rows inserted where the file has {}", args.rows);
    }
    let m = Measurement { rows: inserted, seconds: elapsed.as_secs_f64(), peak_rss_kib: peak_rss_kib() };
    println!("{}", m.to_line());
    Ok(())
}

/// The import as an administrator runs it, on a fresh database. Returns the rows imported and
/// the time `import_registry` took.
fn import(csv: &Path, db: &Path, batch_rows: Option<u64>) -> anyhow::Result<(u64, Duration)> {
    let url = DatabaseUrl::Sqlite(db.to_path_buf());
    let store = Store::open_with(&url, OpenMode::Migrate, 1).context("creating the database")?;
    let mut conn = store.conn()?;
    for d in registry_gen::districts() {
        districts::save(&mut conn, &d)?;
    }
    let options = ImportOptions::new(Utc::now().date_naive());
    let mut settings = ImportSettings::new("bench.csv", options, AuditActor::system());
    if let Some(b) = batch_rows {
        settings.batch_rows = usize::try_from(b)?;
    }
    let started = Instant::now();
    let file = File::open(csv).with_context(|| format!("opening {}", csv.display()))?;
    let summary = import_registry(&mut conn, file, &settings, Utc::now()).map_err(|e| match e {
        ImportFailure::Invalid { issues, total, rows } => anyhow::anyhow!(
            "{total} problem(s) in {rows} row(s); first: {}",
            issues.first().map(|i| i.message(Lang::En)).unwrap_or_default()
        ),
        other => anyhow::Error::new(other),
    })?;
    let elapsed = started.elapsed();
    if summary.inserted != i64::try_from(summary.rows)? {
        bail!("{} of {} rows inserted", summary.inserted, summary.rows);
    }
    Ok((summary.rows, elapsed))
}

diesel::table! {
    /// The baseline's table: the registry's columns, no index beyond the primary key.
    plain_residents (id) {
        id -> BigInt,
        registry_id -> Text,
        surname -> Text,
        name -> Text,
        patronymic -> Nullable<Text>,
        birth_date -> Text,
        district_code -> Text,
        street -> Text,
        house -> Text,
        building -> Nullable<Text>,
        structure -> Nullable<Text>,
        flat -> Nullable<Text>,
        registration_kind -> Text,
    }
}

const PLAIN_TABLE: &str = "CREATE TABLE plain_residents (
    id INTEGER PRIMARY KEY NOT NULL,
    registry_id TEXT NOT NULL,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT,
    birth_date TEXT NOT NULL,
    district_code TEXT NOT NULL,
    street TEXT NOT NULL,
    house TEXT NOT NULL,
    building TEXT,
    structure TEXT,
    flat TEXT,
    registration_kind TEXT NOT NULL
)";

/// The baseline table's columns in the canonical CSV's column order (the CSV's `id` is
/// `registry_id`, its `district` is `district_code`), and whether each may be NULL.
const PLAIN_COLUMNS: [(&str, bool); 12] = [
    ("registry_id", false),
    ("surname", false),
    ("name", false),
    ("patronymic", true),
    ("birth_date", false),
    ("district_code", false),
    ("street", false),
    ("house", false),
    ("building", true),
    ("structure", true),
    ("flat", true),
    ("registration_kind", false),
];

/// A multi-row `INSERT` of `N` CSV records into the baseline table, binding each field as it
/// is (an empty optional field as NULL).
///
/// A hand-written query rather than `insert_into(..).values(..)`: Diesel caches a prepared
/// statement by type only for a fixed-size array of `'static` values, and borrowing the
/// fields from the records avoids an allocation per field. The statement for `N` rows is
/// prepared once and reused.
struct PlainInsert<'a, const N: usize> {
    rows: &'a [csv::StringRecord; N],
}

/// The cache key of [`PlainInsert`]: one prepared statement per row count.
struct PlainInsertId<const N: usize>;

impl<const N: usize> QueryId for PlainInsert<'_, N> {
    type QueryId = PlainInsertId<N>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

static NULL_TEXT: Option<&str> = None;

impl<const N: usize> QueryFragment<Sqlite> for PlainInsert<'_, N> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        out.push_sql("INSERT INTO plain_residents (");
        for (i, (column, _)) in PLAIN_COLUMNS.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_identifier(column)?;
        }
        out.push_sql(") VALUES ");
        for (r, record) in self.rows.iter().enumerate() {
            out.push_sql(if r == 0 { "(" } else { ", (" });
            for (i, (_, nullable)) in PLAIN_COLUMNS.iter().enumerate() {
                if i > 0 {
                    out.push_sql(", ");
                }
                let value = record.get(i).unwrap_or_default();
                if *nullable && value.is_empty() {
                    out.push_bind_param::<Nullable<Text>, _>(&NULL_TEXT)?;
                } else {
                    out.push_bind_param::<Text, _>(value)?;
                }
            }
            out.push_sql(")");
        }
        Ok(())
    }
}

impl<const N: usize> RunQueryDsl<SqliteConnection> for PlainInsert<'_, N> {}

/// A multi-row `INSERT` of `N` `residents` rows exactly as the import stores them — no upsert,
/// no check — prepared once per `N` (as [`PlainInsert`]).
struct StoredInsert<'a, const N: usize> {
    rows: &'a [NewResident; N],
}

struct StoredInsertId<const N: usize>;

impl<const N: usize> QueryId for StoredInsert<'_, N> {
    type QueryId = StoredInsertId<N>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<const N: usize> QueryFragment<Sqlite> for StoredInsert<'_, N> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        use diesel::sql_types::{BigInt, Date};
        out.push_sql(
            "INSERT INTO residents (registry_id, surname, name, patronymic, birth_date, district_code, street, \
             house, building, structure, flat, registration_kind, surname_key, name_key, address_key, import_id) VALUES ",
        );
        for (i, r) in self.rows.iter().enumerate() {
            out.push_sql(if i == 0 { "(" } else { ", (" });
            for (j, text) in [&r.registry_id, &r.surname, &r.name].into_iter().enumerate() {
                if j > 0 {
                    out.push_sql(", ");
                }
                out.push_bind_param::<Text, String>(text)?;
            }
            out.push_sql(", ");
            out.push_bind_param::<Nullable<Text>, Option<String>>(&r.patronymic)?;
            out.push_sql(", ");
            out.push_bind_param::<Date, chrono::NaiveDate>(&r.birth_date)?;
            for text in [&r.district_code, &r.street, &r.house] {
                out.push_sql(", ");
                out.push_bind_param::<Text, String>(text)?;
            }
            for optional in [&r.building, &r.structure, &r.flat] {
                out.push_sql(", ");
                out.push_bind_param::<Nullable<Text>, Option<String>>(optional)?;
            }
            for text in [&r.registration_kind, &r.surname_key, &r.name_key, &r.address_key] {
                out.push_sql(", ");
                out.push_bind_param::<Text, String>(text)?;
            }
            out.push_sql(", ");
            out.push_bind_param::<Nullable<BigInt>, Option<i64>>(&r.import_id)?;
            out.push_sql(")");
        }
        Ok(())
    }
}

impl<const N: usize> RunQueryDsl<SqliteConnection> for StoredInsert<'_, N> {}

/// The same rows as the import stores them, written plainly: the keys are computed before the
/// clock starts; then one transaction inserts the rows (the secondary indexes dropped first
/// and built after, as the import's bulk loading does) and commits. What storing these rows
/// costs SQLite, with no reading, validating, normalising or merging.
fn stored(csv_path: &Path, db: &Path) -> anyhow::Result<(u64, Duration)> {
    let file = File::open(csv_path).with_context(|| format!("opening {}", csv_path.display()))?;
    let reader = RegistryReader::new(file, &ImportOptions::new(Utc::now().date_naive()))?;
    let mut rows = Vec::new();
    for record in reader {
        let r = record.map_err(|e| anyhow::anyhow!("{}", e.message(Lang::En)))?;
        rows.push(NewResident::new(&r.registry_id, &r.name, r.birth_date, &r.address, r.registration_kind));
    }
    let url = DatabaseUrl::Sqlite(db.to_path_buf());
    let store = Store::open_with(&url, OpenMode::Migrate, 1).context("creating the database")?;
    let mut pooled = store.conn()?;
    for d in registry_gen::districts() {
        districts::save(&mut pooled, &d)?;
    }
    let started = Instant::now();
    let conn: &mut ereception_core::store::DbConn = &mut pooled;
    conn.batch_execute("BEGIN IMMEDIATE")?;
    ereception_core::store::backend::drop_resident_indexes(conn)?;
    let ereception_core::store::DbConn::Sqlite(sqlite) = conn else { bail!("SQLite expected") };
    let mut chunks = rows.chunks_exact(BASELINE_BATCH);
    for chunk in &mut chunks {
        let Ok(array) = <&[NewResident; BASELINE_BATCH]>::try_from(chunk) else { continue };
        StoredInsert { rows: array }.execute(sqlite)?;
    }
    for row in chunks.remainder() {
        StoredInsert { rows: std::array::from_ref(row) }.execute(sqlite)?;
    }
    ereception_core::store::backend::rebuild_resident_indexes(conn)?;
    conn.batch_execute("COMMIT")?;
    Ok((rows.len() as u64, started.elapsed()))
}

/// The plain bulk insert. Returns the rows inserted and the time from opening the file to the
/// commit.
fn baseline(csv_path: &Path, db: &Path) -> anyhow::Result<(u64, Duration)> {
    let mut conn = plain_database(db)?;
    let started = Instant::now();
    let mut reader = plain_reader(csv_path)?;
    let mut records: Box<[csv::StringRecord; BASELINE_BATCH]> =
        Box::new(std::array::from_fn(|_| csv::StringRecord::new()));
    let inserted = conn.immediate_transaction(|conn| -> anyhow::Result<u64> {
        let mut total = 0u64;
        loop {
            let mut filled = 0;
            while filled < BASELINE_BATCH && reader.read_record(&mut records[filled])? {
                filled += 1;
            }
            if filled == BASELINE_BATCH {
                total += PlainInsert { rows: &records }.execute(conn)? as u64;
            } else {
                for record in &records[..filled] {
                    total += PlainInsert { rows: std::array::from_ref(record) }.execute(conn)? as u64;
                }
                return Ok(total);
            }
        }
    })?;
    Ok((inserted, started.elapsed()))
}

/// The `--phases` runs through Diesel's `Insertable`: rows per statement, as the import's
/// default `batch_rows`.
const DIESEL_BATCH: usize = 1000;

/// A baseline row for `Insertable`: `None` binds NULL.
#[derive(Insertable)]
#[diesel(table_name = plain_residents)]
#[diesel(treat_none_as_default_value = false)]
struct PlainRow<'a> {
    registry_id: &'a str,
    surname: &'a str,
    name: &'a str,
    patronymic: Option<&'a str>,
    birth_date: &'a str,
    district_code: &'a str,
    street: &'a str,
    house: &'a str,
    building: Option<&'a str>,
    structure: Option<&'a str>,
    flat: Option<&'a str>,
    registration_kind: &'a str,
}

/// The same with Diesel's default for `Option` fields, `None` = DEFAULT (as `StagingRow` and
/// `NewResident` are derived): SQLite has no DEFAULT in VALUES, so Diesel inserts a batch of
/// such rows one statement per row.
#[derive(Insertable)]
#[diesel(table_name = plain_residents)]
struct PlainRowNoneDefault<'a> {
    registry_id: &'a str,
    surname: &'a str,
    name: &'a str,
    patronymic: Option<&'a str>,
    birth_date: &'a str,
    district_code: &'a str,
    street: &'a str,
    house: &'a str,
    building: Option<&'a str>,
    structure: Option<&'a str>,
    flat: Option<&'a str>,
    registration_kind: &'a str,
}

impl<'a> PlainRow<'a> {
    /// The canonical column order, taken as it is.
    fn of(r: &'a csv::StringRecord) -> Self {
        let field = |i: usize| r.get(i).unwrap_or_default();
        let optional = |i: usize| Some(field(i)).filter(|s| !s.is_empty());
        PlainRow {
            registry_id: field(0),
            surname: field(1),
            name: field(2),
            patronymic: optional(3),
            birth_date: field(4),
            district_code: field(5),
            street: field(6),
            house: field(7),
            building: optional(8),
            structure: optional(9),
            flat: optional(10),
            registration_kind: field(11),
        }
    }
}

impl<'a> From<PlainRow<'a>> for PlainRowNoneDefault<'a> {
    fn from(r: PlainRow<'a>) -> Self {
        PlainRowNoneDefault {
            registry_id: r.registry_id,
            surname: r.surname,
            name: r.name,
            patronymic: r.patronymic,
            birth_date: r.birth_date,
            district_code: r.district_code,
            street: r.street,
            house: r.house,
            building: r.building,
            structure: r.structure,
            flat: r.flat,
            registration_kind: r.registration_kind,
        }
    }
}

/// Opens the baseline's database: the store's pragmas, the plain table.
fn plain_database(db: &Path) -> anyhow::Result<SqliteConnection> {
    let mut conn = SqliteConnection::establish(&db.to_string_lossy())?;
    conn.batch_execute(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 10000;",
    )?;
    conn.batch_execute(PLAIN_TABLE)?;
    Ok(conn)
}

fn plain_reader(csv_path: &Path) -> anyhow::Result<csv::Reader<File>> {
    let file = File::open(csv_path).with_context(|| format!("opening {}", csv_path.display()))?;
    Ok(csv::ReaderBuilder::new().delimiter(b';').has_headers(true).buffer_capacity(64 * 1024).from_reader(file))
}

/// The baseline through Diesel's `Insertable` in batches of [`DIESEL_BATCH`] (`--phases`).
fn baseline_diesel<const NONE_IS_NULL: bool>(csv_path: &Path, db: &Path) -> anyhow::Result<(u64, Duration)> {
    let mut conn = plain_database(db)?;
    let started = Instant::now();
    let mut reader = plain_reader(csv_path)?;
    let mut records = vec![csv::StringRecord::new(); DIESEL_BATCH];
    let inserted = conn.immediate_transaction(|conn| -> anyhow::Result<u64> {
        let mut total = 0u64;
        loop {
            let mut filled = 0;
            while filled < DIESEL_BATCH && reader.read_record(&mut records[filled])? {
                filled += 1;
            }
            if filled > 0 {
                let rows = records[..filled].iter().map(PlainRow::of);
                let n = if NONE_IS_NULL {
                    diesel::insert_into(plain_residents::table).values(rows.collect::<Vec<_>>()).execute(conn)?
                } else {
                    diesel::insert_into(plain_residents::table)
                        .values(rows.map(PlainRowNoneDefault::from).collect::<Vec<_>>())
                        .execute(conn)?
                };
                total += n as u64;
            }
            if filled < DIESEL_BATCH {
                return Ok(total);
            }
        }
    })?;
    Ok((inserted, started.elapsed()))
}

/// Reads and validates the file (`--phases`), computing the search keys when `keys`.
fn read(csv_path: &Path, keys: bool) -> anyhow::Result<(u64, Duration)> {
    let started = Instant::now();
    let file = File::open(csv_path).with_context(|| format!("opening {}", csv_path.display()))?;
    let reader = RegistryReader::new(file, &ImportOptions::new(Utc::now().date_naive()))?;
    let mut rows = 0u64;
    let mut key_bytes = 0usize;
    for item in reader {
        let r = item.map_err(|e| anyhow::anyhow!("{e}"))?;
        if keys {
            let row = NewResident::new(&r.registry_id, &r.name, r.birth_date, &r.address, r.registration_kind);
            key_bytes += row.surname_key.len() + row.name_key.len() + row.address_key.len();
            std::hint::black_box(&row);
        }
        rows += 1;
    }
    std::hint::black_box(key_bytes);
    Ok((rows, started.elapsed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurements_round_trip_through_the_child_line() {
        let m = Measurement { rows: 1_000_000, seconds: 12.5, peak_rss_kib: Some(20480) };
        let output = format!("noise\n{}\n", m.to_line());
        assert_eq!(Measurement::from_output(&output), Some(m));
        let none = Measurement { rows: 5, seconds: 1.0, peak_rss_kib: None };
        assert_eq!(Measurement::from_output(&none.to_line()), Some(none));
        assert_eq!(Measurement::from_output("bench-import-result rows=x seconds=1 peak_rss_kib=1"), None);
        assert_eq!(Measurement::from_output("nothing"), None);
    }

    #[test]
    fn vm_hwm_is_read_in_kib() {
        let status = "Name:\txtask\nVmPeak:\t  200000 kB\nVmHWM:\t   12345 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(12345));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
        if cfg!(target_os = "linux") {
            assert!(peak_rss_kib().is_some_and(|k| k > 0));
        }
    }

    #[test]
    fn goals_pass_and_fail_at_their_bounds() {
        let m = |rows, seconds, mib: u64| Measurement { rows, seconds, peak_rss_kib: Some(mib * 1024) };
        let raw = m(1000, 0.25, 10);
        // the goal is judged against the raw insert; the stored comparison is judged beside it
        let stored = m(1000, 1.0, 10);
        let ok = Goals::judge(&raw, &stored, &m(100, 0.2, 20), &m(1000, 0.5, 28));
        assert_eq!((ok.ratio_verdict, ok.growth_verdict), (Verdict::Pass, Verdict::Pass));
        assert!((ok.ratio - 0.5).abs() < 1e-9 && (ok.stored_ratio - 2.0).abs() < 1e-9);
        assert!(!ok.failed());
        let slow = Goals::judge(&raw, &stored, &m(100, 0.2, 20), &m(1000, 2.0, 20));
        assert_eq!((slow.ratio_verdict, slow.stored_verdict), (Verdict::Fail, Verdict::Pass));
        assert!(slow.failed());
        let slower = Goals::judge(&raw, &stored, &m(100, 0.2, 20), &m(1000, 2.1, 20));
        assert_eq!(slower.stored_verdict, Verdict::Fail);
        let fat = Goals::judge(&raw, &stored, &m(100, 0.2, 20), &m(1000, 0.5, 29));
        assert_eq!((fat.ratio_verdict, fat.growth_verdict), (Verdict::Pass, Verdict::Fail));
        let unknown = Goals::judge(
            &raw,
            &stored,
            &Measurement { rows: 100, seconds: 0.1, peak_rss_kib: None },
            &m(1000, 0.5, 20),
        );
        assert_eq!(unknown.growth_verdict, Verdict::Unknown);
        assert!(!unknown.failed());
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1_000_000), "1,000,000");
        assert_eq!(group(20_000), "20,000");
    }

    #[test]
    fn the_baseline_inserts_every_row_of_a_generated_file() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("r.csv");
        generate(&csv, BASELINE_BATCH as u64 * 2 + 7).unwrap();
        let db = dir.path().join("b.sqlite3");
        let (n, _) = baseline(&csv, &db).unwrap();
        assert_eq!(n, BASELINE_BATCH as u64 * 2 + 7);
        let mut conn = SqliteConnection::establish(&db.to_string_lossy()).unwrap();
        let (count, nulls): (i64, i64) = plain_residents::table
            .select((diesel::dsl::count_star(), diesel::dsl::count(plain_residents::building)))
            .first(&mut conn)
            .unwrap();
        assert_eq!(count, n as i64);
        assert!(nulls > 0 && nulls < count, "empty buildings are NULL, others kept");
    }

    #[test]
    fn the_import_run_imports_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("r.csv");
        generate(&csv, 1500).unwrap();
        let (n, _) = import(&csv, &dir.path().join("i.sqlite3"), Some(100)).unwrap();
        assert_eq!(n, 1500);
    }

    #[test]
    fn the_phase_runs_count_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("r.csv");
        generate(&csv, 2345).unwrap();
        assert_eq!(read(&csv, false).unwrap().0, 2345);
        assert_eq!(read(&csv, true).unwrap().0, 2345);
        assert_eq!(baseline_diesel::<true>(&csv, &dir.path().join("v.sqlite3")).unwrap().0, 2345);
        assert_eq!(baseline_diesel::<false>(&csv, &dir.path().join("d.sqlite3")).unwrap().0, 2345);
    }
}
