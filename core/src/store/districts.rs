//! Districts and their councils.

use diesel::prelude::*;

use super::schema::districts;
use super::{DbConn, StoreError};
use crate::domain::district::District;
use crate::domain::ids::DistrictCode;

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = districts)]
#[diesel(treat_none_as_null = true)]
struct DistrictRow {
    code: String,
    name: String,
    council_name: String,
    council_address: String,
    office_hours: String,
    phone: Option<String>,
}

impl TryFrom<DistrictRow> for District {
    type Error = StoreError;

    fn try_from(r: DistrictRow) -> Result<Self, StoreError> {
        let code = DistrictCode::parse(&r.code).ok_or_else(|| StoreError::corrupt("district code", &r.code))?;
        Ok(District {
            code,
            name: r.name,
            council_name: r.council_name,
            council_address: r.council_address,
            office_hours: r.office_hours,
            phone: r.phone,
        })
    }
}

impl From<&District> for DistrictRow {
    fn from(d: &District) -> Self {
        DistrictRow {
            code: d.code.to_string(),
            name: d.name.clone(),
            council_name: d.council_name.clone(),
            council_address: d.council_address.clone(),
            office_hours: d.office_hours.clone(),
            phone: d.phone.clone(),
        }
    }
}

/// Inserts or updates a district. Returns true when it was new.
pub fn save(conn: &mut DbConn, d: &District) -> Result<bool, StoreError> {
    let row = DistrictRow::from(d);
    let updated = diesel::update(districts::table.find(d.code.as_str())).set(&row).execute(conn)?;
    if updated == 0 {
        diesel::insert_into(districts::table).values(&row).execute(conn)?;
        return Ok(true);
    }
    Ok(false)
}

pub fn get(conn: &mut DbConn, code: &str) -> Result<Option<District>, StoreError> {
    districts::table
        .find(code)
        .select(DistrictRow::as_select())
        .first(conn)
        .optional()?
        .map(District::try_from)
        .transpose()
}

pub fn list(conn: &mut DbConn) -> Result<Vec<District>, StoreError> {
    districts::table
        .select(DistrictRow::as_select())
        .order(districts::code.asc())
        .load(conn)?
        .into_iter()
        .map(District::try_from)
        .collect()
}

/// The codes among `codes` that are not known districts.
pub fn unknown(conn: &mut DbConn, codes: &[String]) -> Result<Vec<String>, StoreError> {
    let known: Vec<String> =
        districts::table.filter(districts::code.eq_any(codes)).select(districts::code).load(conn)?;
    Ok(codes.iter().filter(|c| !known.contains(c)).cloned().collect())
}
