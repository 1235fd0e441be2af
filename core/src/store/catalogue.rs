//! The service catalogue in the database: one row per service, its definition as JSON.

use diesel::prelude::*;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::schema::{appeals, services};
use super::{DbConn, StoreError, audit, from_json, to_json, write_txn};
use crate::clock::DayUnit;
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::catalogue::{Catalogue, Service, ServiceKind};
use crate::domain::status::StatusKind;

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset, PartialEq)]
#[diesel(table_name = services)]
struct ServiceRow {
    code: String,
    kind: String,
    no_visit: bool,
    term_days: i32,
    term_unit: String,
    title_ru: String,
    title_en: String,
    definition: String,
    position: i32,
    active: bool,
}

/// What loading a catalogue changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub added: Vec<String>,
    /// Services the file changes (or offers again after an earlier load withdrew them).
    pub updated: Vec<String>,
    /// Services the file repeats as they are (perhaps at another place in the list).
    pub unchanged: Vec<String>,
    /// Services on offer until now and not in the file: kept for the appeals that name them,
    /// but no longer offered.
    pub deactivated: Vec<String>,
}

/// A service the file withdraws while appeals for it are still open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withdrawal {
    pub code: String,
    /// Its Russian and English titles as stored.
    pub title_ru: String,
    pub title_en: String,
    /// Its appeals in a state that is not final ([`StatusKind::is_open`]).
    pub open_appeals: i64,
}

/// How an administrator's `catalogue load` runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Withdraw services even when appeals for them are still open.
    pub allow_withdrawal: bool,
    /// Do everything, report, and roll back.
    pub dry_run: bool,
}

/// Why an administrator's load wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// The file withdraws services with open appeals, and that was not allowed.
    #[error("withdrawn services still have open appeals: {0:?}")]
    OpenAppeals(Vec<Withdrawal>),
    /// A dry run: what the load would have done, rolled back.
    #[error("dry run")]
    DryRun { report: LoadReport, withdrawals: Vec<Withdrawal> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(LoadFailure);

/// The administrator's load (`clerk-tui catalogue load`): replaces the catalogue in one
/// transaction with its audit row. Refused, writing nothing, when a service on offer until now
/// is not in the file while appeals for it are open, unless `allow_withdrawal`. Returns the
/// report and the withdrawn services that still have open appeals (allowed).
pub fn load_checked(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    options: LoadOptions,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<(LoadReport, Vec<Withdrawal>), LoadFailure> {
    write_txn(conn, |c| {
        let report = load(c, catalogue)?;
        let open: Vec<&str> = StatusKind::ALL.iter().filter(|k| k.is_open()).map(|k| k.as_str()).collect();
        let mut withdrawals = Vec::new();
        for code in &report.deactivated {
            let open_appeals: i64 = appeals::table
                .filter(appeals::service_code.eq(code))
                .filter(appeals::status.eq_any(&open))
                .count()
                .get_result(c)?;
            if open_appeals > 0 {
                let (title_ru, title_en): (String, String) =
                    services::table.find(code).select((services::title_ru, services::title_en)).first(c)?;
                withdrawals.push(Withdrawal { code: code.clone(), title_ru, title_en, open_appeals });
            }
        }
        if !withdrawals.is_empty() && !options.allow_withdrawal {
            return Err(LoadFailure::OpenAppeals(withdrawals));
        }
        if options.dry_run {
            return Err(LoadFailure::DryRun { report, withdrawals });
        }
        audit::record(
            c,
            now,
            actor,
            AuditAction::CatalogueLoaded,
            "catalogue",
            &json!({
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "deactivated": report.deactivated,
            }),
        )?;
        Ok((report, withdrawals))
    })
}

/// Replaces the catalogue with `catalogue` (inside the caller's transaction).
pub fn load(conn: &mut DbConn, catalogue: &Catalogue) -> Result<LoadReport, StoreError> {
    let mut report = LoadReport::default();
    let existing: Vec<ServiceRow> = services::table.select(ServiceRow::as_select()).load(conn)?;
    for (position, s) in catalogue.services().iter().enumerate() {
        let row = ServiceRow {
            code: s.code.to_string(),
            kind: s.kind.as_str().to_owned(),
            no_visit: s.no_visit,
            term_days: i32::from(s.term.days()),
            term_unit: s.term.unit().as_str().to_owned(),
            title_ru: s.title.ru.clone(),
            title_en: s.title.en.clone(),
            definition: to_json(s)?,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            active: true,
        };
        if let Some(stored) = existing.iter().find(|e| e.code == row.code) {
            if *stored != row {
                diesel::update(services::table.find(&row.code)).set(&row).execute(conn)?;
            }
            // a place in the list moved by services added or withdrawn around it is no change
            // of the service
            let same = ServiceRow { position: row.position, ..stored.clone() } == row;
            if same {
                report.unchanged.push(row.code);
            } else {
                report.updated.push(row.code);
            }
        } else {
            diesel::insert_into(services::table).values(&row).execute(conn)?;
            report.added.push(row.code);
        }
    }
    for ServiceRow { code, active: was_active, .. } in existing {
        // a service withdrawn by an earlier load is not withdrawn again
        if was_active && catalogue.get(&code).is_none() {
            diesel::update(services::table.find(&code)).set(services::active.eq(false)).execute(conn)?;
            report.deactivated.push(code);
        }
    }
    Ok(report)
}

fn parse(row: ServiceRow) -> Result<Service, StoreError> {
    let service: Service = from_json("service definition", &row.definition)?;
    // The indexed columns are copies; the definition is the truth, but they must agree.
    if service.code.as_str() != row.code
        || service.kind
            != ServiceKind::parse(&row.kind).ok_or_else(|| StoreError::corrupt("service kind", &row.kind))?
        || service.term.unit()
            != row.term_unit.parse::<DayUnit>().ok().ok_or_else(|| StoreError::corrupt("term unit", &row.term_unit))?
    {
        return Err(StoreError::corrupt("service", format!("columns and definition of `{}` disagree", row.code)));
    }
    Ok(service)
}

/// The services on offer, in catalogue order.
pub fn active(conn: &mut DbConn) -> Result<Catalogue, StoreError> {
    let rows: Vec<ServiceRow> = services::table
        .filter(services::active.eq(true))
        .select(ServiceRow::as_select())
        .order(services::position.asc())
        .load(conn)?;
    let services = rows.into_iter().map(parse).collect::<Result<Vec<_>, _>>()?;
    Catalogue::from_services(services).map_err(|e| StoreError::corrupt("catalogue", e))
}

/// One service by code, offered or not (old appeals name retired services).
pub fn get(conn: &mut DbConn, code: &str) -> Result<Option<Service>, StoreError> {
    services::table.find(code).select(ServiceRow::as_select()).first(conn).optional()?.map(parse).transpose()
}

/// True when no service is stored yet.
pub fn is_empty(conn: &mut DbConn) -> Result<bool, StoreError> {
    let n: i64 = services::table.count().get_result(conn)?;
    Ok(n == 0)
}
