//! The service catalogue in the database: one row per service, its definition as JSON.

use diesel::prelude::*;

use super::schema::services;
use super::{DbConn, StoreError, from_json, to_json};
use crate::clock::DayUnit;
use crate::domain::catalogue::{Catalogue, Service, ServiceKind};

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
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
    pub updated: Vec<String>,
    /// Services no longer in the file: kept for the appeals that name them, but no longer
    /// offered.
    pub deactivated: Vec<String>,
}

/// Replaces the catalogue with `catalogue` (inside the caller's transaction).
pub fn load(conn: &mut DbConn, catalogue: &Catalogue) -> Result<LoadReport, StoreError> {
    let mut report = LoadReport::default();
    let existing: Vec<String> = services::table.select(services::code).load(conn)?;
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
        if existing.contains(&row.code) {
            diesel::update(services::table.find(&row.code)).set(&row).execute(conn)?;
            report.updated.push(row.code);
        } else {
            diesel::insert_into(services::table).values(&row).execute(conn)?;
            report.added.push(row.code);
        }
    }
    for code in existing {
        if catalogue.get(&code).is_none() {
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
