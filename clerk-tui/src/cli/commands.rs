//! The administrator's commands. Each opens the database, does one thing through `core`, and
//! prints the result in the configured language; every change is audited under the
//! operating-system user or `--as LOGIN`.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::process::{Command as Process, ExitCode, Stdio};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use ereception_core::account::{AccountNumber, SlipData, SlipEmail, SlipWidth, render_slip};
use ereception_core::clock::moscow_date;
use ereception_core::config::Config;
use ereception_core::domain::audit::{AuditAction, AuditActor};
use ereception_core::domain::catalogue::Catalogue;
use ereception_core::domain::clerk::Role;
use ereception_core::domain::ids::DistrictCode;
use ereception_core::domain::question::EmailAddress;
use ereception_core::domain::status::StatusKind;
use ereception_core::i18n::{Arg, Lang, Msg, tr, tr_args};
use ereception_core::import::{ColumnMap, ColumnMapError, ImportOptions, MapOrigin};
use ereception_core::store::import::{Departures, ImportFailure, ImportSettings, ImportSummary, import_registry};
use ereception_core::store::{
    self, DatabaseUrl, DbConn, OpenMode, Store, accounts, audit, catalogue, clerks, count_rows, districts, migrate,
    personal_data, reports, residents, write_txn,
};
use serde_json::json;

use super::args::*;
use super::os_user;
use super::output::{CsvDialect, Table, decimal, moscow_time, parse_date, start_of_moscow_day};

/// Everything a command needs.
pub struct Ctx {
    pub config: Config,
    pub lang: Lang,
    pub as_clerk: Option<String>,
    pub now: DateTime<Utc>,
}

impl Ctx {
    fn t(&self, id: &str) -> String {
        tr(self.lang, id)
    }

    fn msg(&self, m: Msg) -> anyhow::Error {
        anyhow!(m.render(self.lang))
    }

    /// Opens the database and says which one, on standard error (standard output stays clean
    /// for CSV).
    fn open(&self, mode: OpenMode) -> Result<Store> {
        eprintln!("{}", tr_args(self.lang, "cli-database", &[("url", self.config.database_url.redacted().into())]));
        Store::open(&self.config.database_url, mode).map_err(|e| anyhow!(store_error(&e, self.lang)))
    }

    /// Who the audit log names: `os:<user>`, the user of the process's real uid (never the
    /// environment's `USER`, see [`os_user`]), under `--as LOGIN` (an enabled staff account)
    /// as `LOGIN (os:<user>)`.
    fn actor(&self, store: &Store) -> Result<AuditActor> {
        match &self.as_clerk {
            Some(login) => {
                let clerk = clerks::get_by_login(&mut *store.conn()?, login)?
                    .filter(|c| !c.disabled)
                    .ok_or_else(|| self.msg(Msg::new("cli-error-as-unknown").arg("login", login.as_str())))?;
                Ok(AuditActor::clerk_via_os(&clerk.login, &os_user::current()))
            }
            None => Ok(AuditActor::os_user(&os_user::current())),
        }
    }
}

/// A storage error as an administrator reads it.
pub fn store_error(e: &store::StoreError, lang: Lang) -> String {
    e.message(lang)
}

/// Runs one command.
pub fn run(ctx: &Ctx, command: Command) -> Result<ExitCode> {
    match command {
        Command::Migrate => migrate_cmd(ctx),
        Command::Status => status(ctx),
        Command::Backup { file } => backup(ctx, &file),
        Command::Retention { years, apply } => retention(ctx, years, apply),
        Command::District(DistrictCommand::Set(a)) => district_set(ctx, a),
        Command::District(DistrictCommand::List) => district_list(ctx),
        Command::Registry(RegistryCommand::Import(a)) => registry_import(ctx, a),
        Command::Resident(ResidentCommand::Find(a)) => resident_find(ctx, a),
        Command::Resident(ResidentCommand::Data { registry_id }) => resident_data(ctx, &registry_id),
        Command::Clerk(c) => clerk(ctx, c),
        Command::Catalogue(c) => catalogue_cmd(ctx, c),
        Command::Pin(PinCommand::Issue(a)) => pin_issue(ctx, a),
        Command::Pin(PinCommand::Revoke { number, reason }) => pin_revoke(ctx, &number, &reason),
        Command::Audit(AuditCommand::Show { filter, limit, format }) => {
            audit_show(ctx, &filter, AuditOutput::Screen { limit, format })
        }
        Command::Audit(AuditCommand::Export { filter, out, overwrite, format }) => {
            audit_show(ctx, &filter, AuditOutput::File { path: &out, format, overwrite })
        }
        Command::Report(r) => report(ctx, r),
        Command::Outbox(o) => outbox_cmd(ctx, o),
        Command::Demo(a) => demo(ctx, &a),
        Command::Start(a) => crate::launcher::start(ctx, &a),
        #[cfg(feature = "bench")]
        Command::BenchQueue(a) => crate::tui::bench::run(ctx, &a),
    }
}

fn ok() -> Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}

fn migrate_cmd(ctx: &Ctx) -> Result<ExitCode> {
    // a new SQLite file is said so: a mistyped path must not pass for the council's database
    let new_file = match &ctx.config.database_url {
        DatabaseUrl::Sqlite(path) if !path.exists() => Some(path.clone()),
        _ => None,
    };
    let store = ctx.open(OpenMode::Migrate)?;
    if let Some(path) = new_file {
        println!("{}", tr_args(ctx.lang, "cli-migrate-created", &[("path", path.display().to_string().into())]));
    }
    let actor = ctx.actor(&store)?;
    let migrated = !store.migrations_applied().is_empty();
    let c = &mut *store.conn()?;
    let seeded = write_txn(c, |c| -> Result<bool, store::StoreError> {
        let empty = catalogue::is_empty(c)?;
        if empty {
            let builtin = Catalogue::builtin().map_err(|e| store::StoreError::Migration(e.to_string()))?;
            catalogue::load(c, &builtin)?;
        }
        // a run that changed nothing (a deploy script runs it every time) is not a change
        if !migrated && !empty {
            return Ok(false);
        }
        let versions = migrate::embedded_versions(c)?;
        audit::record(
            c,
            ctx.now,
            &actor,
            AuditAction::DatabaseMigrated,
            "database",
            &json!({ "schema": versions.last(), "catalogue_seeded": empty }),
        )?;
        Ok(empty)
    })?;
    let applied = store.migrations_applied();
    // one line: what was applied, or that nothing needed to be
    match applied.last() {
        Some(last) => println!(
            "{}",
            tr_args(
                ctx.lang,
                "cli-migrate-applied",
                &[("n", Arg::from(applied.len())), ("version", Arg::from(last.as_str()))]
            )
        ),
        None => println!("{}", ctx.t("cli-migrate-done")),
    }
    if seeded {
        println!("{}", ctx.t("cli-migrate-catalogue-seeded"));
    }
    ok()
}

fn status(ctx: &Ctx) -> Result<ExitCode> {
    let store = ctx.open(OpenMode::Existing)?;
    let c = &mut *store.conn()?;
    let versions = migrate::embedded_versions(c)?;
    println!(
        "{}",
        tr_args(ctx.lang, "cli-status-schema", &[("version", versions.last().cloned().unwrap_or_default().into())])
    );
    let mut table = Table::new(&[ctx.t("cli-status-what"), ctx.t("cli-status-count")]);
    for (id, tbl) in [
        ("cli-status-districts", "districts"),
        ("cli-status-residents", "residents"),
        ("cli-status-accounts", "accounts"),
        ("cli-status-clerks", "clerks"),
        ("cli-status-services", "services"),
        ("cli-status-appeals", "appeals"),
        ("cli-status-questions", "questions"),
        ("cli-status-events", "events"),
        ("cli-status-audit", "audit_log"),
    ] {
        table.push(vec![ctx.t(id), count_rows(c, tbl)?.to_string()]);
        if tbl == "residents" {
            table.push(vec![ctx.t("cli-status-residents-left"), residents::count_left(c)?.to_string()]);
        }
    }
    print!("{}", table.render());
    // the production calendars: which years, and a warning when the last one is near its end
    if let Ok(calendar) = ctx.config.calendar() {
        let years = calendar.covered_years();
        if let (Some(first), Some(last)) = (years.first(), years.last()) {
            println!(
                "{}",
                tr_args(ctx.lang, "cli-status-calendars", &[("first", (*first).into()), ("last", (*last).into())])
            );
        }
        if let Some(last) = calendar.ends_within(moscow_date(ctx.now), ereception_core::clock::CALENDAR_NOTICE_DAYS) {
            println!("{}", ereception_core::clock::calendar_ends_message(last, ctx.lang));
        }
    }
    // a council on the embedded default keeps its data only as long as its copies
    if store.backend() == store::Backend::Sqlite {
        match store::backup::last(c)? {
            Some((at, file)) => println!(
                "{}",
                tr_args(ctx.lang, "cli-status-last-backup", &[("file", file.into()), ("at", moscow_time(at).into())])
            ),
            None => println!("{}", ctx.t("cli-status-no-backup")),
        }
    }
    if let Some((_, at, file)) = store::import::last_import(c)? {
        println!(
            "{}",
            tr_args(
                ctx.lang,
                "cli-status-last-import",
                &[("file", file.into()), ("at", moscow_time(at.and_utc()).into())]
            )
        );
    }
    ok()
}

fn backup(ctx: &Ctx, file: &Path) -> Result<ExitCode> {
    use ereception_core::store::backup::{self, BackupError};
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let started = std::time::Instant::now();
    let path = |p: &Path| p.display().to_string();
    let made = backup::backup(&store, file, &actor, ctx.now).map_err(|e| {
        ctx.msg(match e {
            BackupError::Postgres => Msg::new("cli-backup-error-postgres"),
            // a folder given for the file: the name a nightly copy would have, in it
            BackupError::Exists(p) if p.is_dir() => Msg::new("cli-backup-error-folder").arg("path", path(&p)).arg(
                "example",
                path(&p.join(format!("ereception-{}.sqlite3", moscow_date(ctx.now).format("%Y-%m-%d")))),
            ),
            BackupError::Exists(p) => Msg::new("cli-backup-error-exists").arg("path", path(&p)),
            BackupError::NoFolder(p) => Msg::new("cli-backup-error-no-folder").arg("path", path(&p)),
            BackupError::NotUtf8(p) => Msg::new("cli-backup-error-not-utf8").arg("path", path(&p)),
            BackupError::Create { path: p, source } => Msg::new("cli-backup-error-create")
                .arg("path", path(&p))
                .arg("detail", ereception_core::i18n::io_error_text(ctx.lang, &source)),
            BackupError::Damaged(detail) => Msg::new("cli-backup-error-damaged").arg("detail", detail),
            BackupError::Store(e) => return anyhow!(store_error(&e, ctx.lang)),
        })
    })?;
    let comma = ctx.lang == Lang::Ru;
    #[allow(clippy::cast_precision_loss)] // a size shown to a tenth of a megabyte
    let megabytes = made.bytes as f64 / 1_048_576.0;
    println!(
        "{}",
        tr_args(
            ctx.lang,
            "cli-backup-done",
            &[
                ("path", path(&made.path).into()),
                ("size", decimal(megabytes, comma).into()),
                ("seconds", decimal(started.elapsed().as_secs_f64(), comma).into()),
            ]
        )
    );
    if let Some(live) = ctx.config.database_url.sqlite_path() {
        println!("{}", tr_args(ctx.lang, "cli-backup-restore-hint", &[("path", path(live).into())]));
    }
    ok()
}

fn retention(ctx: &Ctx, years: u32, apply: bool) -> Result<ExitCode> {
    use ereception_core::mail::copies;
    use ereception_core::store::retention;
    let lang = ctx.lang;
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let before = retention::cutoff(ctx.now, years)
        .ok_or_else(|| ctx.msg(Msg::new("cli-retention-error-years").arg("max", retention::MAX_YEARS)))?;
    let date = moscow_date(before).format("%d.%m.%Y").to_string();
    // a check says what *would* be deleted, from its first line
    let cutoff = if apply { "cli-retention-cutoff" } else { "cli-retention-cutoff-dry" };
    let heading = tr_args(lang, cutoff, &[("years", years.into()), ("date", date.into())]);
    let done = match retention::purge(&mut *store.conn()?, before, apply, &actor, ctx.now) {
        Ok(done) => done,
        Err(failed) => {
            // what the batches before the failure deleted stays deleted, and is audited
            if !failed.deleted.is_empty() {
                println!("{heading}");
                println!("{}", tr(lang, "cli-retention-interrupted"));
                println!("{}", retention_counts(lang, &failed.deleted));
            }
            let hint = if failed.deleted.is_empty() { None } else { Some(tr(lang, "cli-retention-interrupted-hint")) };
            let text = store_error(&failed.error, lang);
            return Err(anyhow!(hint.map_or_else(|| text.clone(), |h| format!("{text}\n{h}"))));
        }
    };
    // the file transport's copies of letters hold the same personal data: the same period
    let copies = match ctx.config.mail_dir() {
        Some(dir) => {
            let n = copies::old_copies(dir, before.into(), apply).map_err(|e| {
                ctx.msg(
                    Msg::new("cli-retention-error-copies")
                        .arg("path", e.path.display().to_string())
                        .arg("detail", e.source.to_string()),
                )
            })?;
            Some((dir, n)).filter(|(_, n)| *n > 0)
        }
        None => None,
    };
    println!("{heading}");
    if done.is_empty() && copies.is_none() {
        println!("{}", tr(lang, "cli-retention-nothing"));
        return ok();
    }
    if !done.is_empty() {
        println!("{}", retention_counts(lang, &done));
    }
    if let Some((dir, n)) = copies {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        println!(
            "{}",
            tr_args(lang, "cli-retention-copies", &[("dir", dir.display().to_string().into()), ("n", n.into())])
        );
    }
    let end = match (apply, done.is_empty()) {
        (false, _) => "cli-retention-dry",
        (true, false) => "cli-retention-done",
        // only letters' copies: files, which the audit log does not hold
        (true, true) => "cli-retention-done-copies",
    };
    println!("{}", tr(lang, end));
    ok()
}

/// What retention deleted (or would delete), a line per kind.
fn retention_counts(lang: Lang, done: &store::retention::Purged) -> String {
    let n = |v: u64| Arg::from(i64::try_from(v).unwrap_or(i64::MAX));
    tr_args(
        lang,
        "cli-retention-counts",
        &[
            ("appeals", n(done.appeals)),
            ("documents", n(done.documents)),
            ("questions", n(done.questions)),
            ("accounts", n(done.accounts)),
            ("residents", n(done.residents)),
            ("events", n(done.events)),
            ("messages", n(done.messages)),
        ],
    )
}

/// After a clerk leaves a district's supervisors (disabled, demoted, moved): says so when the
/// district has no enabled supervisor left — nobody could extend deadlines or reassign appeals.
fn warn_if_no_supervisor(
    c: &mut DbConn,
    was: Option<&ereception_core::domain::clerk::Clerk>,
    lang: Lang,
) -> Result<()> {
    // only a supervisor leaving leaves the district without one: a district that had none is
    // no news when a clerk goes
    let Some(district) = was.filter(|k| k.role.supervises() && !k.disabled).and_then(|k| k.district.as_ref()) else {
        return Ok(());
    };
    if !clerks::in_district(c, district)?.iter().any(|k| k.role.supervises()) {
        eprintln!("{}", tr_args(lang, "cli-clerk-no-supervisor-left", &[("district", district.as_str().into())]));
    }
    Ok(())
}

fn district_code(ctx: &Ctx, code: &str) -> Result<DistrictCode> {
    DistrictCode::parse(code).ok_or_else(|| ctx.msg(Msg::new("cli-error-district-code").arg("code", code)))
}

fn district_set(ctx: &Ctx, a: DistrictArgs) -> Result<ExitCode> {
    let code = district_code(ctx, &a.code)?;
    // printed on every PIN slip: a value with no number in it is a slip of the hand ("" removes it)
    if let Some(phone) = a.phone.as_deref().map(str::trim).filter(|p| !p.is_empty())
        && phone.chars().filter(char::is_ascii_digit).count() < 5
    {
        return Err(ctx.msg(Msg::new("cli-error-phone").arg("value", phone)));
    }
    let change = districts::DistrictChange {
        name: a.name,
        council_name: a.council,
        council_address: a.address,
        office_hours: a.hours,
        phone: a.phone.map(Some),
    };
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let flags = |fields: &[districts::DistrictField]| {
        let names: Vec<&str> = fields
            .iter()
            .map(|f| match f {
                districts::DistrictField::Name => "--name",
                districts::DistrictField::CouncilName => "--council",
                districts::DistrictField::CouncilAddress => "--address",
                districts::DistrictField::OfficeHours => "--hours",
            })
            .collect();
        (fields.len(), names.join(", "))
    };
    let (d, created) = write_txn(&mut *store.conn()?, |c| -> Result<_, districts::DistrictError> {
        let (d, created) = districts::apply(c, &code, &change)?;
        let given: Vec<&str> = [
            ("name", change.name.is_some()),
            ("council", change.council_name.is_some()),
            ("address", change.council_address.is_some()),
            ("hours", change.office_hours.is_some()),
            ("phone", change.phone.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, given)| given.then_some(k))
        .collect();
        audit::record(
            c,
            ctx.now,
            &actor,
            AuditAction::DistrictSaved,
            &format!("district:{code}"),
            &json!({ "created": created, "changed": given }),
        )?;
        Ok((d, created))
    })
    .map_err(|e| match e {
        districts::DistrictError::Missing(fields) => {
            let (n, names) = flags(&fields);
            ctx.msg(Msg::new("cli-error-district-missing").arg("code", code.as_str()).arg("n", n).arg("names", names))
        }
        districts::DistrictError::Empty(fields) => {
            let (n, names) = flags(&fields);
            ctx.msg(Msg::new("cli-error-district-empty").arg("n", n).arg("names", names))
        }
        districts::DistrictError::Store(e) => anyhow!(store_error(&e, ctx.lang)),
    })?;
    let id = if created { "cli-district-added" } else { "cli-district-updated" };
    println!("{}", tr_args(ctx.lang, id, &[("code", code.to_string().into()), ("name", d.name.into())]));
    ok()
}

fn district_list(ctx: &Ctx) -> Result<ExitCode> {
    let store = ctx.open(OpenMode::Existing)?;
    let list = districts::list(&mut *store.conn()?)?;
    let mut t = Table::new(&[
        ctx.t("cli-col-code"),
        ctx.t("cli-col-name"),
        ctx.t("cli-col-council"),
        ctx.t("cli-col-address"),
        ctx.t("cli-col-hours"),
        ctx.t("cli-col-phone"),
    ]);
    for d in list {
        t.push(vec![
            d.code.to_string(),
            d.name,
            d.council_name,
            d.council_address,
            d.office_hours,
            d.phone.unwrap_or_default(),
        ]);
    }
    print_list(ctx, &t, "cli-district-none");
    ok()
}

fn registry_import(ctx: &Ctx, a: ImportArgs) -> Result<ExitCode> {
    let lang = ctx.lang;
    let mut options = ImportOptions::new(moscow_date(ctx.now));
    if let Some(enc) = &a.encoding {
        options.encoding =
            Some(enc.parse().map_err(|e: ereception_core::import::UnknownEncoding| anyhow!(e.message(lang)))?);
    }
    if let Some(text) = &a.delimiter {
        options.delimiter = Some(
            delimiter(text).ok_or_else(|| anyhow!(tr_args(lang, "cli-error-delimiter", &[("value", text.into())])))?,
        );
    }
    if let Some(map) = &a.map {
        options.column_map = map.parse().map_err(|e: ColumnMapError| anyhow!(e.message_in(lang, MapOrigin::Pairs)))?;
    }
    if let Some(path) = &a.map_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| tr_args(lang, "cli-error-read-file", &[("path", path.display().to_string().into())]))?;
        options.column_map =
            ColumnMap::from_toml(&text).map_err(|e| anyhow!(e.message_in(lang, MapOrigin::File(path))))?;
    }
    options.allow_unread = a.allow_unread_columns;
    let file = File::open(&a.file)
        .with_context(|| tr_args(lang, "cli-error-read-file", &[("path", a.file.display().to_string().into())]))?;
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut settings = ImportSettings::new(name, options, actor.clone());
    // 0: every problem, as the help says
    settings.max_issues = if a.max_errors == 0 { usize::MAX } else { a.max_errors };
    settings.dry_run = a.dry_run;
    if a.allow_departures {
        settings.departure_limit = None;
    }
    let started = std::time::Instant::now();
    let result = import_registry(&mut *store.conn()?, BufReader::with_capacity(256 * 1024, file), &settings, ctx.now);
    let report = |s: &ImportSummary, id: &str| {
        println!(
            "{}",
            tr_args(
                lang,
                id,
                &[
                    ("rows", i64::try_from(s.rows).unwrap_or(i64::MAX).into()),
                    ("inserted", s.inserted.into()),
                    ("updated", s.updated.into()),
                    ("unchanged", s.unchanged.into()),
                    ("left", s.left.into()),
                    ("revoked", s.pins_revoked.into()),
                    ("flagged", s.appeals_flagged.into()),
                    ("districts", s.districts.join(", ").into()),
                    ("seconds", decimal(started.elapsed().as_secs_f64(), lang == Lang::Ru).into()),
                ],
            )
        );
        if s.appeals_unflagged > 0 {
            println!("{}", tr_args(lang, "cli-import-unflagged", &[("n", s.appeals_unflagged.into())]));
        }
        if !s.ignored_columns.is_empty() {
            println!(
                "{}",
                tr_args(lang, "cli-import-ignored-columns", &[("columns", s.ignored_columns.join(", ").into())])
            );
        }
    };
    // Who leaves, by name: a view of personal data, recorded like a search (152-ФЗ).
    let show_leavers = |s: &ImportSummary, done: bool| -> Result<()> {
        if s.leavers.is_empty() {
            return Ok(());
        }
        let id = match (done, i64::try_from(s.leavers.len()).unwrap_or(i64::MAX) < s.left) {
            (false, true) => "cli-import-leavers-some",
            (false, false) => "cli-import-leavers-all",
            (true, true) => "cli-import-left-some",
            (true, false) => "cli-import-left-all",
        };
        println!("{}", tr_args(lang, id, &[("shown", s.leavers.len().into()), ("left", s.left.into())]));
        for l in &s.leavers {
            println!("  {}  {}  {}", l.registry_id, l.district, l.name);
        }
        audit::record(
            &mut *store.conn()?,
            ctx.now,
            &actor,
            AuditAction::PersonalDataViewed,
            "residents:leaving",
            &json!({ "results": s.leavers.len(), "via": "cli", "residents": s.leavers.iter().map(|l| l.resident).collect::<Vec<_>>() }),
        )?;
        Ok(())
    };
    match result {
        Ok(s) => {
            report(&s, "cli-import-done");
            show_leavers(&s, true)?;
            ok()
        }
        Err(ImportFailure::DryRun(s)) => {
            report(
                &s,
                if s.too_many_departures.is_empty() { "cli-import-dry-run" } else { "cli-import-dry-run-limited" },
            );
            show_leavers(&s, false)?;
            if !s.too_many_departures.is_empty() {
                too_many_departures(lang, &s.too_many_departures, false);
                println!("{}", tr(lang, "cli-import-dry-run-departures-hint"));
            }
            println!("{}", tr(lang, "cli-import-unchanged"));
            // the exit status the import itself would end with, so that a script can check a
            // file before importing it
            if s.too_many_departures.is_empty() { ok() } else { Ok(ExitCode::from(3)) }
        }
        Err(ImportFailure::TooManyDepartures(districts)) => {
            too_many_departures(lang, &districts, true);
            eprintln!("{}", tr(lang, "cli-import-too-many-left-hint"));
            eprintln!("{}", tr(lang, "cli-import-unchanged"));
            Ok(ExitCode::from(3))
        }
        Err(ImportFailure::Invalid { issues, total, rows }) => {
            eprintln!(
                "{}",
                tr_args(
                    lang,
                    "cli-import-invalid",
                    &[
                        ("total", i64::try_from(total).unwrap_or(i64::MAX).into()),
                        ("rows", i64::try_from(rows).unwrap_or(i64::MAX).into())
                    ]
                )
            );
            for issue in &issues {
                eprintln!("  {}", issue.message(lang));
            }
            let shown = u64::try_from(issues.len()).unwrap_or(u64::MAX);
            if total > shown {
                eprintln!(
                    "  {}",
                    tr_args(lang, "cli-import-more", &[("n", i64::try_from(total - shown).unwrap_or(i64::MAX).into())])
                );
            }
            eprintln!("{}", tr(lang, "cli-import-unchanged"));
            Ok(ExitCode::from(3))
        }
        Err(ImportFailure::Unreadable(e)) => bail!("{}\n{}", e.message(lang), tr(lang, "cli-import-unchanged")),
        Err(ImportFailure::Empty) => bail!("{}\n{}", tr(lang, "cli-import-empty"), tr(lang, "cli-import-unchanged")),
        Err(ImportFailure::Store(e)) => bail!("{}\n{}", store_error(&e, lang), tr(lang, "cli-import-unchanged")),
    }
}

/// «Внимание: … ссылки … ведут на http://127.0.0.1:8080»: the slip's link cannot be followed.
fn loopback_links(ctx: &Ctx) -> String {
    tr_args(
        ctx.lang,
        "config-links-at-loopback",
        &[("addr", ctx.config.server.listen.to_string().into()), ("url", ctx.config.public_base_url.clone().into())],
    )
}

/// The registry file's delimiter as typed: `;`, `,`, `|`, or a tab — the character itself
/// (`$'\t'`), or `\t` and `tab` as people type it when the shell's quoting is not at hand.
fn delimiter(text: &str) -> Option<u8> {
    match text {
        ";" | "," | "|" | "\t" => text.bytes().next(),
        "\\t" => Some(b'\t'),
        t if t.eq_ignore_ascii_case("tab") => Some(b'\t'),
        _ => None,
    }
}

/// «Район 0412: по этому файлу выбыли бы 2999 из 3000 жителей (99 %)…», a line per district,
/// on standard error when the import is refused for it.
fn too_many_departures(lang: Lang, districts: &[Departures], refused: bool) {
    for d in districts {
        let percent = if d.residents > 0 { d.leaving * 100 / d.residents } else { 100 };
        let line = tr_args(
            lang,
            "cli-import-too-many-left",
            &[
                ("district", d.district.as_str().into()),
                ("leaving", d.leaving.into()),
                ("residents", d.residents.into()),
                ("percent", percent.into()),
            ],
        );
        if refused {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
}

fn resident_find(ctx: &Ctx, a: FindArgs) -> Result<ExitCode> {
    let birth_date = match &a.birth_date {
        Some(text) => {
            Some(parse_date(text).ok_or_else(|| ctx.msg(Msg::new("cli-error-date").arg("value", text.as_str())))?)
        }
        None => None,
    };
    let district = a.district.as_deref().map(|d| district_code(ctx, d)).transpose()?;
    if a.surname.is_none() && a.name.is_none() && birth_date.is_none() && a.street.is_none() {
        bail!(ctx.t("cli-error-find-criteria"));
    }
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let c = &mut *store.conn()?;
    let found = residents::search(
        c,
        &residents::ResidentSearch {
            district,
            surname: a.surname,
            name: a.name,
            birth_date,
            street: a.street,
            house: a.house,
            flat: None,
            include_left: a.include_left,
            after: None,
            limit: a.limit,
        },
    )?;
    // Seeing residents' personal data is itself recorded (152-ФЗ).
    audit::record(
        c,
        ctx.now,
        &actor,
        AuditAction::PersonalDataViewed,
        "residents:search",
        &json!({ "results": found.len(), "via": "cli", "residents": found.iter().map(|(r, _)| r.id.0).collect::<Vec<_>>() }),
    )?;
    let mut t = Table::new(&[
        ctx.t("cli-col-registry-id"),
        ctx.t("cli-col-person"),
        ctx.t("cli-col-birth-date"),
        ctx.t("cli-col-address"),
        ctx.t("cli-col-status"),
    ]);
    for (r, _) in found {
        let status = if r.left { ctx.t("cli-resident-left") } else { tr(ctx.lang, r.registration_kind.message_id()) };
        t.push(vec![
            r.registry_id.to_string(),
            r.name.full(),
            r.birth_date.format("%d.%m.%Y").to_string(),
            r.address.line(),
            status,
        ]);
    }
    print_list(ctx, &t, "cli-resident-none");
    ok()
}

/// `resident data`: the report goes to standard output, and the audit log records who made
/// it, of whom, and how much it held.
fn resident_data(ctx: &Ctx, registry_id: &str) -> Result<ExitCode> {
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let c = &mut *store.conn()?;
    let report = personal_data::collect(c, registry_id, ctx.lang, ctx.now)?
        .ok_or_else(|| ctx.msg(Msg::new("cli-pin-no-such-resident").arg("id", registry_id.trim())))?;
    audit::record(
        c,
        ctx.now,
        &actor,
        AuditAction::PersonalDataReported,
        &format!("resident:{}", report.resident.0),
        &json!({ "via": "cli", "counts": report.counts }),
    )?;
    print!("{}", report.text());
    ok()
}

fn read_password(ctx: &Ctx, from_stdin: bool) -> Result<(String, bool)> {
    if from_stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context(ctx.t("cli-error-stdin"))?;
        let password = text.lines().next().unwrap_or_default().to_owned();
        return Ok((password, false));
    }
    // Generated: 4 groups of 4 from the token alphabet — 80 bits, readable over the phone.
    let raw = ereception_core::token::random_token(10);
    let grouped =
        raw.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-");
    Ok((grouped, true))
}

fn clerk(ctx: &Ctx, command: ClerkCommand) -> Result<ExitCode> {
    let lang = ctx.lang;
    let role = |text: &str| Role::parse(text).ok_or_else(|| ctx.msg(Msg::new("cli-error-role").arg("value", text)));
    let clerk_err = |e: clerks::ClerkError| match e {
        // with the command that lists the codes
        clerks::ClerkError::UnknownDistrict(code) => {
            anyhow!(tr_args(lang, "cli-error-no-district", &[("code", code.as_str().into())]))
        }
        // the administrator is the one to read what failed, not to be told to tell one
        clerks::ClerkError::Store(e) => anyhow!(store_error(&e, lang)),
        e => anyhow!(e.message().render(lang)),
    };
    match command {
        ClerkCommand::Add(a) => {
            let role = role(&a.role)?;
            let district = a.district.as_deref().map(|d| district_code(ctx, d)).transpose()?;
            let (password, generated) = read_password(ctx, a.password_stdin)?;
            let hash = clerks::hash_password(&password).map_err(clerk_err)?;
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            // reports and slips name staff by their full names: two alike cannot be told apart
            let namesakes: Vec<String> = clerks::list(&mut *store.conn()?)?
                .into_iter()
                .filter(|c| c.full_name.trim().to_lowercase() == a.name.trim().to_lowercase() && c.login != a.login)
                .map(|c| c.login)
                .collect();
            let new = clerks::NewClerk {
                login: &a.login,
                full_name: &a.name,
                role,
                district: district.as_ref(),
                password: "",
            };
            let clerk = clerks::add(&mut *store.conn()?, &new, &hash, &actor, ctx.now).map_err(|e| match e {
                clerks::ClerkError::DistrictRequired(role) => {
                    ctx.msg(Msg::new("cli-error-add-needs-district").arg("role", tr(lang, role.message_id())))
                }
                e => clerk_err(e),
            })?;
            println!(
                "{}",
                tr_args(
                    lang,
                    "cli-clerk-added",
                    &[("login", clerk.login.into()), ("role", tr(lang, role.message_id()).into())]
                )
            );
            if generated {
                println!("{}", tr_args(lang, "cli-clerk-password", &[("password", password.into())]));
            }
            if !namesakes.is_empty() {
                eprintln!("{}", tr_args(lang, "cli-clerk-namesake", &[("logins", namesakes.join(", ").into())]));
            }
        }
        ClerkCommand::List => {
            let store = ctx.open(OpenMode::Existing)?;
            let list = clerks::list(&mut *store.conn()?)?;
            let mut t = Table::new(&[
                ctx.t("cli-col-login"),
                ctx.t("cli-col-person"),
                ctx.t("cli-col-role"),
                ctx.t("cli-col-district"),
                ctx.t("cli-col-status"),
            ]);
            for c in list {
                let state = if c.disabled { ctx.t("cli-clerk-disabled") } else { ctx.t("cli-clerk-active") };
                t.push(vec![
                    c.login,
                    c.full_name,
                    tr(lang, c.role.message_id()),
                    c.district.map(|d| d.to_string()).unwrap_or_default(),
                    state,
                ]);
            }
            print_list(ctx, &t, "cli-clerk-none");
        }
        ClerkCommand::Disable { login } => {
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            let c = &mut *store.conn()?;
            let was = clerks::get_by_login(c, &login)?;
            if clerks::set_disabled(c, &login, true, &actor, ctx.now).map_err(clerk_err)?.is_none() {
                println!("{}", tr_args(lang, "cli-clerk-already-disabled", &[("login", login.into())]));
                return ok();
            }
            println!("{}", tr_args(lang, "cli-clerk-disabled-done", &[("login", login.into())]));
            warn_if_no_supervisor(c, was.as_ref(), lang)?;
        }
        ClerkCommand::Enable { login } => {
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            let id =
                match clerks::set_disabled(&mut *store.conn()?, &login, false, &actor, ctx.now).map_err(clerk_err)? {
                    Some(_) => "cli-clerk-enabled-done",
                    None => "cli-clerk-already-enabled",
                };
            println!("{}", tr_args(lang, id, &[("login", login.into())]));
        }
        ClerkCommand::ResetPassword(a) => {
            let (password, generated) = read_password(ctx, a.password_stdin)?;
            let hash = clerks::hash_password(&password).map_err(clerk_err)?;
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            clerks::reset_password(&mut *store.conn()?, &a.login, &hash, &actor, ctx.now).map_err(clerk_err)?;
            println!("{}", tr_args(lang, "cli-clerk-password-reset", &[("login", a.login.into())]));
            if generated {
                println!("{}", tr_args(lang, "cli-clerk-password", &[("password", password.into())]));
            }
        }
        ClerkCommand::SetRole(a) => {
            let role = role(a.role())?;
            let district = a.district.as_deref().map(|d| district_code(ctx, d)).transpose()?;
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            let c = &mut *store.conn()?;
            let was = clerks::get_by_login(c, &a.login)?;
            let before = was.as_ref().and_then(|k| k.district.clone());
            let after =
                clerks::set_role_in(c, &a.login, role, district.as_ref(), &actor, ctx.now).map_err(|e| match e {
                    // say what to do: give the district here, or first
                    clerks::ClerkError::DistrictRequired(role) => ctx.msg(
                        Msg::new("cli-error-role-needs-district")
                            .arg("login", a.login.as_str())
                            .arg("role", tr(lang, role.message_id()))
                            .arg("role_code", role.as_str()),
                    ),
                    e => clerk_err(e),
                })?;
            let role_changed = was.as_ref().is_none_or(|k| k.role != after.role);
            if !role_changed && before == after.district {
                // nothing to change, and nothing was recorded
                let args = [("login", a.login.as_str().into()), ("role", tr(lang, role.message_id()).into())];
                println!("{}", tr_args(lang, "cli-clerk-role-unchanged", &args));
                return ok();
            }
            if role_changed {
                println!(
                    "{}",
                    tr_args(
                        lang,
                        "cli-clerk-role-set",
                        &[("login", a.login.as_str().into()), ("role", tr(lang, role.message_id()).into())]
                    )
                );
            }
            if let Some(d) = district.as_ref().filter(|d| before.as_ref() != Some(*d)) {
                println!(
                    "{}",
                    tr_args(
                        lang,
                        "cli-clerk-district-set",
                        &[("login", a.login.as_str().into()), ("district", d.as_str().into())]
                    )
                );
            }
            warn_if_no_supervisor(c, was.as_ref(), lang)?;
        }
        ClerkCommand::SetDistrict(a) => {
            let district = if a.none { None } else { a.district().map(|d| district_code(ctx, d)).transpose()? };
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            let c = &mut *store.conn()?;
            let was = clerks::get_by_login(c, &a.login)?;
            let (exists, before) = (was.is_some(), was.as_ref().and_then(|k| k.district.clone()));
            clerks::set_district(c, &a.login, district.as_ref(), &actor, ctx.now).map_err(|e| match e {
                clerks::ClerkError::DistrictRequired(role) => ctx.msg(
                    Msg::new("cli-error-district-needed-by-role")
                        .arg("login", a.login.as_str())
                        .arg("role", tr(lang, role.message_id())),
                ),
                e => clerk_err(e),
            })?;
            if exists && before == district {
                // nothing to change, and nothing was recorded
                let text = match &district {
                    Some(d) => tr_args(
                        lang,
                        "cli-clerk-district-unchanged",
                        &[("login", a.login.as_str().into()), ("district", d.as_str().into())],
                    ),
                    None => tr_args(lang, "cli-clerk-district-unchanged-none", &[("login", a.login.as_str().into())]),
                };
                println!("{text}");
                return ok();
            }
            match &district {
                Some(d) => println!(
                    "{}",
                    tr_args(
                        lang,
                        "cli-clerk-district-set",
                        &[("login", a.login.as_str().into()), ("district", d.as_str().into())]
                    )
                ),
                None => println!("{}", tr_args(lang, "cli-clerk-district-none", &[("login", a.login.as_str().into())])),
            }
            if before != district {
                warn_if_no_supervisor(c, was.as_ref(), lang)?;
            }
        }
    }
    ok()
}

fn catalogue_cmd(ctx: &Ctx, command: CatalogueCommand) -> Result<ExitCode> {
    let lang = ctx.lang;
    match command {
        CatalogueCommand::Load { file, dry_run, allow_withdrawal } => {
            let text = std::fs::read_to_string(&file).with_context(|| {
                tr_args(lang, "cli-error-read-file", &[("path", file.display().to_string().into())])
            })?;
            let parsed = Catalogue::from_toml(&text).map_err(|e| {
                let path = file.display().to_string();
                let mut m =
                    tr_args(lang, "cli-catalogue-invalid", &[("n", e.problems.len().into()), ("path", path.into())]);
                for p in &e.problems {
                    m.push_str("\n  - ");
                    m.push_str(&p.message(lang));
                }
                anyhow!(m)
            })?;
            let store = ctx.open(OpenMode::Existing)?;
            let actor = ctx.actor(&store)?;
            let options = catalogue::LoadOptions { allow_withdrawal, dry_run };
            let withdrawal = |w: &catalogue::Withdrawal| {
                let title = if lang == Lang::Ru { &w.title_ru } else { &w.title_en };
                tr_args(
                    lang,
                    "cli-catalogue-withdrawn-open",
                    &[("code", w.code.as_str().into()), ("title", title.as_str().into()), ("n", w.open_appeals.into())],
                )
            };
            let loaded = |report: &catalogue::LoadReport, id: &str| {
                println!(
                    "{}",
                    tr_args(
                        lang,
                        id,
                        &[
                            ("added", report.added.len().into()),
                            ("updated", report.updated.len().into()),
                            ("unchanged", report.unchanged.len().into()),
                            ("deactivated", report.deactivated.len().into())
                        ]
                    )
                );
            };
            match catalogue::load_checked(&mut *store.conn()?, &parsed, options, &actor, ctx.now) {
                Ok((report, withdrawals)) => {
                    loaded(&report, "cli-catalogue-loaded");
                    for w in &withdrawals {
                        println!("  {}", withdrawal(w));
                    }
                }
                Err(catalogue::LoadFailure::DryRun { report, withdrawals }) => {
                    loaded(&report, "cli-catalogue-dry-run");
                    for w in &withdrawals {
                        println!("  {}", withdrawal(w));
                    }
                    println!("{}", ctx.t("cli-import-unchanged"));
                }
                Err(catalogue::LoadFailure::OpenAppeals(withdrawals)) => {
                    eprintln!(
                        "{}",
                        tr_args(lang, "cli-catalogue-withdrawal-refused", &[("n", withdrawals.len().into())])
                    );
                    for w in &withdrawals {
                        eprintln!("  - {}", withdrawal(w));
                    }
                    eprintln!("{}", ctx.t("cli-catalogue-withdrawal-hint"));
                    eprintln!("{}", ctx.t("cli-import-unchanged"));
                    return Ok(ExitCode::from(3));
                }
                Err(catalogue::LoadFailure::Store(e)) => return Err(anyhow!(store_error(&e, lang))),
            }
        }
        CatalogueCommand::Export { out, overwrite } => {
            let store = ctx.open(OpenMode::Existing)?;
            let catalogue = catalogue::active(&mut *store.conn()?)?;
            let text = catalogue.to_toml().context("serialising the catalogue")?;
            write_out(ctx, out.as_deref(), text.as_bytes(), overwrite)?;
        }
        CatalogueCommand::List => {
            let store = ctx.open(OpenMode::Existing)?;
            let catalogue = catalogue::active(&mut *store.conn()?)?;
            let mut t = Table::new(&[
                ctx.t("cli-col-code"),
                ctx.t("cli-col-service"),
                ctx.t("cli-col-term"),
                ctx.t("cli-col-visit"),
            ]);
            for s in catalogue.services() {
                let visit = if s.no_visit { ctx.t("cli-catalogue-no-visit") } else { ctx.t("cli-catalogue-visit") };
                t.push(vec![s.code.to_string(), s.title.get(lang).to_owned(), s.term.describe(lang), visit]);
            }
            print!("{}", t.render());
        }
    }
    ok()
}

/// Writes `bytes` to `out`, or to standard output. An existing file is replaced only with
/// `overwrite`: an export kept from last month must not be lost to a command repeated with
/// the old name (as `backup` never overwrites).
fn write_out(ctx: &Ctx, out: Option<&Path>, bytes: &[u8], overwrite: bool) -> Result<()> {
    match out {
        Some(path) => {
            if !overwrite && path.exists() {
                let id = if path.is_dir() { "cli-error-out-is-folder" } else { "cli-error-out-exists" };
                bail!(tr_args(ctx.lang, id, &[("path", path.display().to_string().into())]));
            }
            let written = write_whole(path, overwrite, |f| f.write_all(bytes)).map_err(|e| {
                // «файл не найден» about a file being created means its folder is missing
                match path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
                    Some(folder) if e.kind() == std::io::ErrorKind::NotFound => anyhow!(tr_args(
                        ctx.lang,
                        "cli-error-no-folder",
                        &[("folder", folder.display().to_string().into())]
                    )),
                    // made by another process since the check: still never replaced
                    _ if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow!(tr_args(
                        ctx.lang,
                        "cli-error-out-exists",
                        &[("path", path.display().to_string().into())]
                    )),
                    _ => anyhow::Error::from(e),
                }
            });
            written.with_context(|| {
                tr_args(ctx.lang, "cli-error-write-file", &[("path", path.display().to_string().into())])
            })?;
            eprintln!("{}", tr_args(ctx.lang, "cli-written", &[("path", path.display().to_string().into())]));
        }
        None => std::io::stdout().write_all(bytes).context(ctx.t("cli-error-stdout"))?,
    }
    Ok(())
}

/// Writes `path` whole or not at all: `write` writes into a temporary file beside it, moved
/// into place once written, so that a full disk leaves no half a file under the name asked for (nor,
/// with `overwrite`, an emptied old one). What is not a plain file — `/dev/stdout`, a pipe, a
/// link — is written into as it is, never replaced.
fn write_whole(
    path: &Path,
    overwrite: bool,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let plain = std::fs::symlink_metadata(path).map_or(true, |m| m.is_file());
    if overwrite && !plain {
        return write(&mut std::fs::OpenOptions::new().write(true).truncate(true).open(path)?);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".clerk-tui-").suffix(".part");
    // the mode a file made by `File::create` gets (tempfile's own is the owner's alone)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(folder)?;
    write(file.as_file_mut())?;
    file.as_file().sync_all()?;
    if overwrite { file.persist(path) } else { file.persist_noclobber(path) }.map_err(|e| e.error)?;
    Ok(())
}

fn pin_issue(ctx: &Ctx, a: PinIssueArgs) -> Result<ExitCode> {
    let lang = ctx.lang;
    let resident_lang: Lang = a
        .resident_lang
        .parse()
        .map_err(|_| ctx.msg(Msg::new("cli-error-lang").arg("value", a.resident_lang.as_str())))?;
    let email = match &a.email {
        Some(e) => Some(EmailAddress::parse(e).ok_or_else(|| ctx.msg(Msg::new("form-error-email")))?),
        None => None,
    };
    let width = match a.width {
        Some(w) => SlipWidth::from_columns(w).map_err(|e| anyhow!(e.message(lang)))?,
        None => ctx.config.slip_width,
    };
    if a.print && ctx.config.print_command.is_none() {
        bail!(ctx.t("cli-error-no-print-command"));
    }
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let c = &mut *store.conn()?;
    let resident = residents::by_registry_id(c, &a.registry_id)?
        .ok_or_else(|| ctx.msg(Msg::new("cli-pin-no-such-resident").arg("id", a.registry_id.trim())))?;
    let district = districts::get(c, resident.address.district.as_str())?
        .ok_or_else(|| ctx.msg(Msg::new("error-unknown-district").arg("code", resident.address.district.as_str())))?;
    let clerk = match &ctx.as_clerk {
        Some(login) => clerks::get_by_login(c, login)?,
        None => None,
    };
    let issuer = accounts::Issuer {
        name: clerk
            .as_ref()
            .map_or_else(|| actor.as_str().trim_start_matches("os:").to_owned(), |k| k.full_name.clone()),
        clerk: clerk.map(|k| k.id),
        audit: actor,
        desk: "cli".to_owned(),
    };
    let outcome = accounts::issue_pin(
        c,
        &accounts::IssueRequest { resident: resident.id, email, lang: resident_lang, replace: a.replace },
        &issuer,
        ctx.now,
    )
    .map_err(|e| pin_err(e, lang))?;
    let issued = match outcome {
        accounts::IssuePinOutcome::Issued(issued) => issued,
        accounts::IssuePinOutcome::AlreadyActive(existing) => {
            bail!(tr_args(lang, "cli-pin-already-active", &[("number", existing.number.to_string().into())]));
        }
    };
    let slip = render_slip(
        &SlipData {
            council_name: district.council_name,
            council_address: district.council_address,
            office_hours: district.office_hours,
            council_phone: district.phone,
            resident: issued.resident.name.clone(),
            account: issued.account.number.clone(),
            issued_at: ctx.now,
            // a resident's slip names the clerk at the desk, never an operating-system login:
            // without --as it names nobody
            issued_by: if ctx.as_clerk.is_some() { issuer.name } else { String::new() },
            form_url: ctx.config.cabinet_url(),
            lang: resident_lang,
            email: issued
                .account
                .email
                .clone()
                .map(|address| SlipEmail { address, confirmed: issued.account.email_confirmed }),
        },
        &issued.pin,
        width,
    );
    // the slip's link leads nowhere for the resident: said before it is handed over
    if ctx.config.links_point_at_loopback() {
        eprintln!("{}", loopback_links(ctx));
    }
    if a.print {
        print_slip(ctx, &slip)?;
        println!("{}", tr_args(lang, "cli-pin-printed", &[("number", issued.account.number.to_string().into())]));
    } else {
        print!("{slip}");
    }
    // the slip says it to whoever reads it; said again only when the slip went to the printer
    if a.print && issued.confirmation.is_some() {
        eprintln!("{}", ctx.t("cli-pin-confirmation-pending"));
    }
    ok()
}

/// Pipes the slip to the configured print command; the PIN never touches the disk. The PIN is
/// issued by then, so every failure says so and how to issue another.
fn print_slip(ctx: &Ctx, slip: &str) -> Result<()> {
    let command = ctx.config.print_command.as_deref().unwrap_or_default();
    let failed = |detail: String| {
        anyhow!(tr_args(ctx.lang, "cli-error-print", &[("command", command.into()), ("detail", detail.into())]))
    };
    let mut child = Process::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| failed(ereception_core::i18n::io_error_text(ctx.lang, &e)))?;
    // a command that does not read the slip closes the pipe: its exit status, if it failed, says more
    let written = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(slip.as_bytes()),
        None => Ok(()),
    };
    let status = child.wait().map_err(|e| failed(ereception_core::i18n::io_error_text(ctx.lang, &e)))?;
    if !status.success() {
        bail!(tr_args(
            ctx.lang,
            "cli-error-print-status",
            &[("command", command.into()), ("status", exit_text(ctx.lang, status).into())]
        ));
    }
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(failed(ctx.t("cli-error-print-unread"))),
        Err(e) => Err(failed(ereception_core::i18n::io_error_text(ctx.lang, &e))),
    }
}

/// How a process ended, in `lang`: «код 3», «сигнал 9».
fn exit_text(lang: Lang, status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return tr_args(lang, "cli-exit-signal", &[("signal", signal.into())]);
    }
    match status.code() {
        Some(code) => tr_args(lang, "cli-exit-code", &[("code", code.into())]),
        None => status.to_string(),
    }
}

/// A PIN desk's failure as the administrator reads it: a storage failure says what failed (a
/// clerk's screen says only «внутренняя ошибка … сообщите администратору»).
fn pin_err(e: accounts::PinError, lang: Lang) -> anyhow::Error {
    match e {
        accounts::PinError::Store(e) => anyhow!(store_error(&e, lang)),
        e => anyhow!(e.message().render(lang)),
    }
}

fn pin_revoke(ctx: &Ctx, number: &str, reason: &str) -> Result<ExitCode> {
    let number = AccountNumber::parse(number).map_err(|e| anyhow!(e.message(ctx.lang)))?;
    if reason.trim().is_empty() {
        bail!(ctx.t("cli-error-reason"));
    }
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    accounts::revoke(&mut *store.conn()?, &number, reason, &actor, ctx.now).map_err(|e| pin_err(e, ctx.lang))?;
    println!("{}", tr_args(ctx.lang, "cli-pin-revoked", &[("number", number.to_string().into())]));
    ok()
}

fn date_bound(ctx: &Ctx, text: Option<&String>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| {
        parse_date(t)
            .map(start_of_moscow_day)
            .ok_or_else(|| ctx.msg(Msg::new("cli-error-date").arg("value", t.as_str())))
    })
    .transpose()
}

/// Where `audit` puts the rows it reads.
enum AuditOutput<'a> {
    /// The latest `limit` rows, oldest first, as `tail` shows a log.
    Screen { limit: i64, format: Format },
    /// Every row, into a file; the export is itself audited.
    File { path: &'a Path, format: ExportFormat, overwrite: bool },
}

fn audit_show(ctx: &Ctx, a: &AuditArgs, output: AuditOutput<'_>) -> Result<ExitCode> {
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let c = &mut *store.conn()?;
    let screen = match output {
        AuditOutput::Screen { limit, .. } => Some(limit),
        AuditOutput::File { .. } => None,
    };
    if let Some(action) = a.action.as_deref().filter(|s| AuditAction::parse(s).is_none()) {
        let known: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        // a code mistyped by a letter or two is named, before the list of them all
        let near = ereception_core::toml_problem::closest(action, &known);
        let id = if near.is_some() { "cli-error-audit-action-near" } else { "cli-error-audit-action" };
        let near = near.unwrap_or_default();
        bail!(tr_args(
            ctx.lang,
            id,
            &[("value", action.into()), ("near", near.into()), ("actions", known.join(", ").into())]
        ));
    }
    let (since, until) = (date_bound(ctx, a.since.as_ref())?, date_bound(ctx, a.until.as_ref())?);
    if let (Some(since), Some(until)) = (since, until)
        && since >= until
    {
        bail!(ctx.t("cli-error-date-range"));
    }
    let filter = audit::AuditFilter {
        since,
        until,
        actor: a.actor.clone(),
        action: a.action.clone(),
        subject: a.subject.clone(),
        after_id: None,
        limit: screen.unwrap_or(i64::MAX),
        newest: screen.is_some(),
    };
    let rows = audit::list(c, &filter)?;
    let mut t = Table::new(&[
        ctx.t("cli-col-id"),
        ctx.t("cli-col-time"),
        ctx.t("cli-col-actor"),
        ctx.t("cli-col-action"),
        ctx.t("cli-col-subject"),
        ctx.t("cli-col-details"),
    ]);
    // a table is read by people: actions by name; CSV is read by programs: by code
    let named = matches!(output, AuditOutput::Screen { format: Format::Table, .. });
    for r in &rows {
        let action = match AuditAction::parse(&r.action) {
            Some(action) if named => tr(ctx.lang, &action.message_id()),
            _ => r.action.clone(),
        };
        t.push(vec![
            r.id.to_string(),
            moscow_time(r.at),
            r.actor.clone(),
            action,
            r.subject.clone(),
            r.details.clone(),
        ]);
    }
    match output {
        AuditOutput::Screen { format: Format::Table, .. } if rows.is_empty() => println!("{}", ctx.t("cli-audit-none")),
        AuditOutput::File { path, format, overwrite } => {
            let dialect = match format {
                ExportFormat::Csv => CsvDialect::Plain,
                ExportFormat::Excel => CsvDialect::Excel,
            };
            let mut buf = Vec::new();
            t.write_csv_as(&mut buf, dialect)?;
            write_out(ctx, Some(path), &buf, overwrite)?;
            audit::record(
                c,
                ctx.now,
                &actor,
                AuditAction::AuditExported,
                "audit_log",
                &json!({ "rows": rows.len(), "file": path.display().to_string() }),
            )?;
        }
        AuditOutput::Screen { format, .. } => emit(ctx, &t, format)?,
    }
    ok()
}

/// A list for people: its table, or a sentence where it would be a header over nothing.
fn print_list(ctx: &Ctx, t: &Table, none: &str) {
    if t.rows.is_empty() {
        println!("{}", ctx.t(none));
    } else {
        print!("{}", t.render());
    }
}

fn emit(ctx: &Ctx, t: &Table, format: Format) -> Result<()> {
    match format {
        Format::Table => write_out(ctx, None, t.render().as_bytes(), false),
        Format::Csv => {
            let mut buf = Vec::new();
            t.write_csv(&mut buf)?;
            write_out(ctx, None, &buf, false)
        }
    }
}

/// Writes a report: a table (numbers as the language writes them), CSV for programs (a decimal
/// point, no totals) or CSV for Excel (`;`, a byte order mark, a decimal comma).
fn emit_report(ctx: &Ctx, t: &Table, format: ReportFormat, out: Option<&Path>, overwrite: bool) -> Result<()> {
    match format {
        ReportFormat::Table => write_out(ctx, out, t.render().as_bytes(), overwrite),
        ReportFormat::Csv | ReportFormat::Excel => {
            let dialect = if format == ReportFormat::Excel { CsvDialect::Excel } else { CsvDialect::Plain };
            let mut buf = Vec::new();
            t.write_csv_as(&mut buf, dialect)?;
            write_out(ctx, out, &buf, overwrite)
        }
    }
}

fn report(ctx: &Ctx, command: ReportCommand) -> Result<ExitCode> {
    let lang = ctx.lang;
    let (kind, district, dates, output) = match &command {
        ReportCommand::Appeals(a) => ("appeals", &a.district, Some((&a.since, &a.until)), &a.output),
        ReportCommand::Overdue(a) => ("overdue", &a.district, None, &a.output),
        ReportCommand::DecisionTime(a) => ("decision_time", &a.district, Some((&a.since, &a.until)), &a.output),
    };
    let district = district.as_deref().map(|d| district_code(ctx, d)).transpose()?;
    let (since, until) = match dates {
        Some((since, until)) => (
            date_bound(ctx, since.as_ref())?.map(|t| t.naive_utc()),
            date_bound(ctx, until.as_ref())?.map(|t| t.naive_utc()),
        ),
        None => (None, None),
    };
    // an empty period is a mistake, as in the audit log, not a report of nothing
    if let (Some(since), Some(until)) = (since, until)
        && since >= until
    {
        bail!(ctx.t("cli-error-date-range"));
    }
    let store = ctx.open(OpenMode::Existing)?;
    let actor = ctx.actor(&store)?;
    let c = &mut *store.conn()?;
    let d = district.as_ref().map(DistrictCode::as_str);
    if let Some(code) = d
        && districts::get(c, code)?.is_none()
    {
        bail!(tr_args(lang, "cli-error-no-district", &[("code", code.into())]));
    }
    let format = output.format;
    // Programs get one row per group and sum it themselves; people get totals.
    let totals = format != ReportFormat::Csv;
    // Russian writes «37,8», and so does Excel set to Russian; programs and English read «37.8».
    let comma = match format {
        ReportFormat::Table => lang == Lang::Ru,
        ReportFormat::Csv => false,
        ReportFormat::Excel => true,
    };
    let none = if format == ReportFormat::Table { "—" } else { "" };
    let status = |k: StatusKind| tr(lang, k.message_id());
    let table = match command {
        ReportCommand::Appeals(_) => {
            let mut t = Table::new(&[
                ctx.t("cli-col-district"),
                ctx.t("cli-col-service"),
                ctx.t("cli-col-status"),
                ctx.t("cli-col-count"),
            ]);
            let rows = reports::appeal_counts(c, d, since, until)?;
            let several = rows.windows(2).any(|w| w[0].district != w[1].district);
            let (mut total, mut district_total) = (0, 0);
            for (i, r) in rows.iter().enumerate() {
                t.push(vec![
                    r.district.clone(),
                    r.service.title(lang).to_owned(),
                    status(r.status),
                    r.count.to_string(),
                ]);
                total += r.count;
                district_total += r.count;
                let last_of_district = rows.get(i + 1).is_none_or(|next| next.district != r.district);
                if totals && several && last_of_district {
                    t.push(vec![
                        r.district.clone(),
                        ctx.t("cli-report-district-total"),
                        String::new(),
                        district_total.to_string(),
                    ]);
                }
                if last_of_district {
                    district_total = 0;
                }
            }
            if totals {
                t.footer = Some(vec![ctx.t("cli-report-total"), String::new(), String::new(), total.to_string()]);
            }
            t
        }
        ReportCommand::Overdue(_) => {
            let mut t = Table::new(&[
                ctx.t("cli-col-number"),
                ctx.t("cli-col-district"),
                ctx.t("cli-col-service"),
                ctx.t("cli-col-status"),
                ctx.t("cli-col-assignee"),
                ctx.t("cli-col-due"),
                ctx.t("cli-col-deadline"),
                ctx.t("cli-col-days-overdue"),
            ]);
            let rows = reports::overdue(c, d, moscow_date(ctx.now))?;
            for r in &rows {
                let deadline = match r.deadline {
                    reports::OverdueDeadline::Registration => ctx.t("cli-report-deadline-registration"),
                    reports::OverdueDeadline::Service => ctx.t("cli-report-deadline-service"),
                };
                t.push(vec![
                    r.number.clone(),
                    r.district.clone(),
                    r.service.title(lang).to_owned(),
                    status(r.status),
                    r.clerk.as_ref().map_or_else(|| none.to_owned(), |k| k.full_name.clone()),
                    r.due.format("%d.%m.%Y").to_string(),
                    deadline,
                    r.days_overdue.to_string(),
                ]);
            }
            if totals {
                let mut footer = vec![String::new(); t.header.len()];
                footer[0] = tr_args(lang, "cli-report-overdue-total", &[("n", rows.len().into())]);
                t.footer = Some(footer);
            }
            t
        }
        ReportCommand::DecisionTime(_) => {
            let mut t = Table::new(&[
                ctx.t("cli-col-service"),
                ctx.t("cli-col-decided"),
                ctx.t("cli-col-mean-hours"),
                ctx.t("cli-col-median-hours"),
                ctx.t("cli-col-max-hours"),
            ]);
            let times = reports::time_to_decision(c, d, since, until)?;
            let cells = |label: String, s: &reports::DecisionStats| {
                vec![
                    label,
                    s.decided.to_string(),
                    decimal(s.mean_hours, comma),
                    decimal(s.median_hours, comma),
                    decimal(s.max_hours, comma),
                ]
            };
            for r in &times.by_service {
                t.push(cells(r.service.title(lang).to_owned(), &r.stats));
            }
            if totals && let Some(all) = &times.all {
                t.footer = Some(cells(ctx.t("cli-report-all-services"), all));
            }
            t
        }
    };
    if format == ReportFormat::Table && table.rows.is_empty() {
        // a sentence rather than a table of rules and a zero (CSV keeps its header row)
        let none = match kind {
            "overdue" => "cli-report-overdue-none",
            "decision_time" => "cli-report-decision-time-none",
            _ => "cli-report-appeals-none",
        };
        write_out(ctx, output.out.as_deref(), format!("{}\n", ctx.t(none)).as_bytes(), output.overwrite)?;
    } else {
        emit_report(ctx, &table, format, output.out.as_deref(), output.overwrite)?;
    }
    if let Some(path) = &output.out {
        audit::record(
            c,
            ctx.now,
            &actor,
            AuditAction::ReportExported,
            &format!("report:{kind}"),
            &json!({ "file": path.display().to_string(), "rows": table.rows.len() }),
        )?;
    }
    ok()
}

/// A message's state as a person reads it (the stored value for anything unknown).
fn outbox_state(ctx: &Ctx, state: &str) -> String {
    use ereception_core::store::outbox::state;
    match state {
        state::PENDING => ctx.t("cli-outbox-row-pending"),
        state::SENT => ctx.t("cli-outbox-row-sent"),
        state::FAILED => ctx.t("cli-outbox-row-failed"),
        other => other.to_owned(),
    }
}

fn outbox_cmd(ctx: &Ctx, command: OutboxCommand) -> Result<ExitCode> {
    use ereception_core::domain::ids::OutboxId;
    use ereception_core::mail::deliver::{Deliverer, MailTransport, describe_failure, preview};
    use ereception_core::store::outbox;

    let lang = ctx.lang;
    let store = ctx.open(OpenMode::Existing)?;
    match command {
        OutboxCommand::Status => {
            let c = outbox::counts(&mut *store.conn()?, ctx.now)?;
            let mut t = Table::new(&[ctx.t("cli-outbox-state"), ctx.t("cli-col-count")]);
            for (id, n) in [
                ("cli-outbox-pending", c.pending),
                ("cli-outbox-in-flight", c.in_flight),
                ("cli-outbox-sent", c.sent),
                ("cli-outbox-failed", c.failed),
            ] {
                t.push(vec![ctx.t(id), n.to_string()]);
            }
            print!("{}", t.render());
            match ctx.config.mail_dir() {
                Some(dir) => println!(
                    "{}",
                    tr_args(lang, "cli-outbox-file-transport", &[("dir", dir.display().to_string().into())])
                ),
                None => println!("{}", ctx.t("cli-outbox-smtp-transport")),
            }
        }
        OutboxCommand::List { state, limit } => {
            if let Some(s) = &state
                && ![outbox::state::PENDING, outbox::state::SENT, outbox::state::FAILED].contains(&s.as_str())
            {
                bail!(tr_args(lang, "cli-error-outbox-state", &[("value", s.as_str().into())]));
            }
            let actor = ctx.actor(&store)?;
            let c = &mut *store.conn()?;
            let rows = outbox::list(c, state.as_deref(), limit)?;
            // recipients are personal data: seeing them is recorded
            audit::record(
                c,
                ctx.now,
                &actor,
                AuditAction::PersonalDataViewed,
                "outbox:list",
                &json!({ "rows": rows.len() }),
            )?;
            let mut t = Table::new(&[
                ctx.t("cli-col-id"),
                ctx.t("cli-outbox-state"),
                ctx.t("cli-outbox-recipient"),
                ctx.t("cli-outbox-attempts"),
                ctx.t("cli-col-time"),
                ctx.t("cli-outbox-error"),
            ]);
            for r in &rows {
                t.push(vec![
                    r.id.to_string(),
                    outbox_state(ctx, &r.status),
                    r.recipient.clone(),
                    r.attempts.to_string(),
                    moscow_time(outbox::when(r)),
                    r.last_error.as_deref().map(|e| describe_failure(e, lang)).unwrap_or_default(),
                ]);
            }
            print_list(ctx, &t, "cli-outbox-none");
        }
        OutboxCommand::Show { id } => {
            let actor = ctx.actor(&store)?;
            let entry = outbox::get(&mut *store.conn()?, OutboxId(id))?
                .ok_or_else(|| ctx.msg(Msg::new("cli-error-outbox-missing").arg("id", id)))?;
            let rendered = preview(&store, &ctx.config.public_base_url, OutboxId(id))?
                .ok_or_else(|| ctx.msg(Msg::new("cli-error-outbox-missing").arg("id", id)))?;
            audit::record(
                &mut *store.conn()?,
                ctx.now,
                &actor,
                AuditAction::PersonalDataViewed,
                &format!("outbox:{id}"),
                &json!({}),
            )?;
            println!("{}: {}", ctx.t("cli-outbox-state"), outbox_state(ctx, &entry.status));
            println!("{}: {}", ctx.t("cli-outbox-recipient"), entry.recipient);
            println!("Message-ID: <{}@…>", entry.message_key);
            println!("{}: {}", ctx.t("cli-outbox-attempts"), entry.attempts);
            if let Some(e) = &entry.last_error {
                println!("{}: {}", ctx.t("cli-outbox-error"), describe_failure(e, lang));
            }
            println!("{}: {}\n\n{}", ctx.t("cli-outbox-subject"), rendered.subject, rendered.text);
        }
        OutboxCommand::Retry { id, all } => {
            let actor = ctx.actor(&store)?;
            let only = if all { None } else { id.map(OutboxId) };
            let c = &mut *store.conn()?;
            // a number that is no message is a mistake (a typo), as `outbox show` says
            if let Some(id) = only
                && outbox::get(c, id)?.is_none()
            {
                bail!(Msg::new("cli-error-outbox-missing").arg("id", id.0).render(lang));
            }
            let n = outbox::retry(c, only, &actor, ctx.now)?;
            // waiting ones too: after the mail server is mended, they go now, not at their turn
            let hurried = outbox::hurry(c, only, &actor, ctx.now)?;
            println!("{}", tr_args(lang, "cli-outbox-retried", &[("n", n.into())]));
            if hurried > 0 {
                println!("{}", tr_args(lang, "cli-outbox-hurried", &[("n", hurried.into())]));
            }
            if let (Some(id), 0, 0) = (only, n, hurried) {
                // one message asked for and nothing to do: say why
                let why = match outbox::get(c, id)? {
                    None => "cli-outbox-retry-none",
                    Some(m) if m.status == outbox::state::SENT => "cli-outbox-retry-sent",
                    Some(_) => "cli-outbox-retry-busy",
                };
                println!("{}", tr_args(lang, why, &[("id", id.0.into())]));
            }
        }
        OutboxCommand::Purge { older_than } => {
            let actor = ctx.actor(&store)?;
            let before = ctx.now - chrono::Duration::days(i64::from(older_than));
            let n = outbox::purge(&mut *store.conn()?, before, &actor, ctx.now)?;
            println!("{}", tr_args(lang, "cli-outbox-purged", &[("n", n.into())]));
        }
        OutboxCommand::Work { once } => {
            let transport = MailTransport::new(&ctx.config.mail.transport).map_err(|e| anyhow!(e.to_string()))?;
            let worker = format!("cli-{}-{}", std::process::id(), ereception_core::token::random_token(5));
            let deliverer = Deliverer::new(store.clone(), transport, ctx.config.delivery_settings(&worker));
            if once {
                let mut total = 0;
                loop {
                    let stats = deliverer.run_pass(Utc::now())?;
                    total += stats.sent;
                    if stats.claimed == 0 || stats.released > 0 {
                        break;
                    }
                }
                println!("{}", tr_args(lang, "cli-outbox-sent-now", &[("n", total.into())]));
            } else {
                // (not with --once, which ends by itself)
                eprintln!("{}", ctx.t("cli-outbox-working"));
                // Stopping the process at any moment is safe: an unmarked message is sent again
                // under the same Message-ID once its lease expires.
                let stop = std::sync::atomic::AtomicBool::new(false);
                deliverer.run(&stop);
            }
        }
    }
    ok()
}

/// The README's first command: the database with demo data, the demo credentials, fresh PINs.
pub fn demo(ctx: &Ctx, a: &DemoArgs) -> Result<ExitCode> {
    use ereception_core::demo::{DemoOptions, generate};
    use ereception_core::mail::deliver::{Deliverer, MailTransport};

    let lang = ctx.lang;
    let store = ctx.open(OpenMode::Migrate)?;
    let opts =
        DemoOptions { residents: a.residents, pin_holders: a.pins, seed: a.seed, lang, ..DemoOptions::default() };
    let outcome = generate(&mut *store.conn()?, &opts, ctx.now).map_err(|e| anyhow!(e.message(lang)))?;
    print!("{}", outcome.summary(lang));
    let report = outcome.report();
    let form_url = ctx.config.cabinet_url();
    println!();
    for holder in &report.pin_holders {
        let slip = render_slip(&holder.slip_data(&report.district, &form_url), &holder.pin, ctx.config.slip_width);
        print!("{slip}");
        println!();
    }
    // Deliver what the demo produced, so the mail can be read at once.
    let transport = MailTransport::new(&ctx.config.mail.transport).map_err(|e| anyhow!(e.to_string()))?;
    let deliverer = Deliverer::new(store.clone(), transport, ctx.config.delivery_settings("demo"));
    let mut sent = 0;
    loop {
        let stats = deliverer.run_pass(Utc::now())?;
        sent += stats.sent;
        if stats.claimed == 0 || stats.released > 0 {
            break;
        }
    }
    println!("{}", tr_args(lang, "cli-demo-form", &[("url", form_url.into())]));
    match ctx.config.mail_dir() {
        Some(dir) => println!(
            "{}",
            tr_args(lang, "cli-demo-mail-files", &[("n", sent.into()), ("dir", dir.display().to_string().into())])
        ),
        None => println!("{}", tr_args(lang, "cli-outbox-sent-now", &[("n", sent.into())])),
    }
    ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ereception_core::i18n::after_colon;

    /// The line `main` prints for a storage failure: «ошибка: » and then the message in lower case.
    fn printed(lang: Lang) -> String {
        let e = store::StoreError::Migration("disk I/O".into());
        format!("{}: {}", tr(lang, "cli-error"), after_colon(&store_error(&e, lang)))
    }

    #[test]
    fn a_storage_failure_does_not_say_error_twice() {
        for (lang, word) in [(Lang::Ru, "ошибка"), (Lang::En, "error")] {
            let line = printed(lang);
            let rest = line.strip_prefix(&format!("{word}: ")).unwrap_or_default();
            assert!(!rest.is_empty() && !rest.to_lowercase().starts_with(word), "{line}");
        }
        assert!(printed(Lang::Ru).starts_with("ошибка: не удалось выполнить операцию с базой данных: "));
    }

    /// QA: an export that failed midway (a full disk) left half a file under the name asked
    /// for, and with --overwrite the old file emptied; a retry was then refused as «exists».
    #[test]
    fn a_write_failing_midway_leaves_no_half_file_and_the_old_one_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        let failing = |f: &mut File| -> std::io::Result<()> {
            f.write_all(b"half a rep")?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        };
        let new = dir.path().join("new.csv");
        assert!(write_whole(&new, false, failing).is_err());
        assert!(!new.exists(), "no half a file");
        let old = dir.path().join("old.csv");
        std::fs::write(&old, "last month").expect("write");
        assert!(write_whole(&old, true, failing).is_err());
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "last month");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1, "nothing left beside it");
        // written whole: in place, with the mode a new file gets
        write_whole(&new, false, |f| f.write_all(b"whole")).expect("written");
        write_whole(&old, true, |f| f.write_all(b"this month")).expect("written");
        assert_eq!(std::fs::read_to_string(&new).expect("read"), "whole");
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "this month");
        assert_eq!(
            write_whole(&new, false, |f| f.write_all(b"x")).map_err(|e| e.kind()),
            Err(std::io::ErrorKind::AlreadyExists)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let made = File::create(dir.path().join("plain")).expect("create");
            let mode = |m: std::fs::Metadata| m.permissions().mode() & 0o777;
            assert_eq!(mode(std::fs::metadata(&new).expect("meta")), mode(made.metadata().expect("meta")));
        }
    }
}
