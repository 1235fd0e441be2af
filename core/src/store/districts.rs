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

/// What a new district must have, and what an administrator may change on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistrictField {
    Name,
    CouncilName,
    CouncilAddress,
    OfficeHours,
}

/// A change to a district: each value given replaces the stored one, the others stay. A new
/// district needs its name, council, address and hours; `phone: Some(None)` removes the phone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistrictChange {
    pub name: Option<String>,
    pub council_name: Option<String>,
    pub council_address: Option<String>,
    pub office_hours: Option<String>,
    pub phone: Option<Option<String>>,
}

/// Why a district change was refused.
#[derive(Debug, thiserror::Error)]
pub enum DistrictError {
    /// The district is new and these values were not given.
    #[error("a new district needs {0:?}")]
    Missing(Vec<DistrictField>),
    /// These values were given empty.
    #[error("empty values: {0:?}")]
    Empty(Vec<DistrictField>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(DistrictError);

/// Creates the district `code` or changes what `change` gives (inside the caller's transaction).
/// Returns the district as saved and whether it was new.
pub fn apply(
    conn: &mut DbConn,
    code: &DistrictCode,
    change: &DistrictChange,
) -> Result<(District, bool), DistrictError> {
    let given = [
        (DistrictField::Name, &change.name),
        (DistrictField::CouncilName, &change.council_name),
        (DistrictField::CouncilAddress, &change.council_address),
        (DistrictField::OfficeHours, &change.office_hours),
    ];
    let empty: Vec<_> =
        given.iter().filter(|(_, v)| v.as_ref().is_some_and(|v| v.trim().is_empty())).map(|(f, _)| *f).collect();
    if !empty.is_empty() {
        return Err(DistrictError::Empty(empty));
    }
    let value = |v: &Option<String>| v.as_ref().map(|v| v.trim().to_owned());
    let phone = change.phone.as_ref().map(|p| p.as_ref().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
    let (district, created) = match get(conn, code.as_str())? {
        Some(d) => (
            District {
                code: code.clone(),
                name: value(&change.name).unwrap_or(d.name),
                council_name: value(&change.council_name).unwrap_or(d.council_name),
                council_address: value(&change.council_address).unwrap_or(d.council_address),
                office_hours: value(&change.office_hours).unwrap_or(d.office_hours),
                phone: phone.unwrap_or(d.phone),
            },
            false,
        ),
        None => {
            let missing: Vec<_> = given.iter().filter(|(_, v)| v.is_none()).map(|(f, _)| *f).collect();
            if !missing.is_empty() {
                return Err(DistrictError::Missing(missing));
            }
            (
                District {
                    code: code.clone(),
                    name: value(&change.name).unwrap_or_default(),
                    council_name: value(&change.council_name).unwrap_or_default(),
                    council_address: value(&change.council_address).unwrap_or_default(),
                    office_hours: value(&change.office_hours).unwrap_or_default(),
                    phone: phone.flatten(),
                },
                true,
            )
        }
    };
    save(conn, &district)?;
    Ok((district, created))
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
