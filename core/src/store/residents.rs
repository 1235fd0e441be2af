//! Residents of the ГУ ИС registry: lookup, search by normalised keys, households.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::residents;
use super::{DbConn, StoreError};
use crate::domain::ids::{DistrictCode, RegistryId, ResidentId};
use crate::domain::person::{Address, FullName, RegistrationKind, Resident};
use crate::registry::{AddressKey, name_key};

#[derive(Queryable, Selectable)]
#[diesel(table_name = residents)]
pub(crate) struct ResidentRow {
    id: i64,
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
    left_at: Option<NaiveDateTime>,
}

impl TryFrom<ResidentRow> for Resident {
    type Error = StoreError;

    fn try_from(r: ResidentRow) -> Result<Self, StoreError> {
        Ok(Resident {
            id: ResidentId(r.id),
            registry_id: RegistryId::new(r.registry_id),
            name: FullName { surname: r.surname, name: r.name, patronymic: r.patronymic },
            birth_date: r.birth_date,
            address: Address {
                district: DistrictCode::parse(&r.district_code)
                    .ok_or_else(|| StoreError::corrupt("district code", &r.district_code))?,
                street: r.street,
                house: r.house,
                building: r.building,
                structure: r.structure,
                flat: r.flat,
            },
            registration_kind: RegistrationKind::parse(&r.registration_kind)
                .ok_or_else(|| StoreError::corrupt("registration kind", &r.registration_kind))?,
            left: r.left_at.is_some(),
        })
    }
}

/// A resident row to insert, with its search keys computed.
#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = residents)]
// `None` is NULL, not DEFAULT: SQLite has no DEFAULT in VALUES, and with it Diesel would
// split a multi-row insert into one statement per row.
#[diesel(treat_none_as_default_value = false)]
pub struct NewResident {
    pub registry_id: String,
    pub surname: String,
    pub name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub district_code: String,
    pub street: String,
    pub house: String,
    pub building: Option<String>,
    pub structure: Option<String>,
    pub flat: Option<String>,
    pub registration_kind: String,
    pub surname_key: String,
    pub name_key: String,
    pub address_key: String,
    pub import_id: Option<i64>,
}

impl NewResident {
    pub fn new(
        registry_id: &RegistryId,
        name: &FullName,
        birth_date: NaiveDate,
        address: &Address,
        kind: RegistrationKind,
    ) -> NewResident {
        NewResident {
            registry_id: registry_id.to_string(),
            surname: name.surname.clone(),
            name: name.name.clone(),
            patronymic: name.patronymic.clone(),
            birth_date,
            district_code: address.district.to_string(),
            street: address.street.clone(),
            house: address.house.clone(),
            building: address.building.clone(),
            structure: address.structure.clone(),
            flat: address.flat.clone(),
            registration_kind: kind.as_str().to_owned(),
            surname_key: name_key(&name.surname),
            name_key: name_key(&name.name),
            address_key: AddressKey::of(address).joined(),
            import_id: None,
        }
    }
}

/// Inserts residents in one multi-row statement per chunk (the demo generator and tests).
pub fn insert_batch(conn: &mut DbConn, rows: &[NewResident]) -> Result<(), StoreError> {
    // 22 bound values a row; SQLite allows 32,766 per statement.
    for chunk in rows.chunks(500) {
        super::backend::batch_insert!(conn, residents::table, chunk)?;
    }
    Ok(())
}

/// A resident by our id.
pub fn get(conn: &mut DbConn, id: ResidentId) -> Result<Option<Resident>, StoreError> {
    residents::table
        .find(id.0)
        .select(ResidentRow::as_select())
        .first(conn)
        .optional()?
        .map(Resident::try_from)
        .transpose()
}

/// A resident by the registry's own id.
pub fn by_registry_id(conn: &mut DbConn, registry_id: &str) -> Result<Option<Resident>, StoreError> {
    residents::table
        .filter(residents::registry_id.eq(registry_id.trim()))
        .select(ResidentRow::as_select())
        .first(conn)
        .optional()?
        .map(Resident::try_from)
        .transpose()
}

/// Everyone still registered at `address` (same district, same normalised address).
pub fn household(conn: &mut DbConn, address: &Address) -> Result<Vec<Resident>, StoreError> {
    residents::table
        .filter(residents::district_code.eq(address.district.as_str()))
        .filter(residents::address_key.eq(AddressKey::of(address).joined()))
        .filter(residents::left_at.is_null())
        .select(ResidentRow::as_select())
        .order(residents::id.asc())
        .load(conn)?
        .into_iter()
        .map(Resident::try_from)
        .collect()
}

/// The smallest string greater than every string starting with `prefix` (code-point order,
/// which both backends use for key columns): the exclusive end of a prefix range.
pub(crate) fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(u32::from(last) + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Where a page of a resident search ends: `(surname_key, id)` of its last row.
pub type ResidentCursor = (String, i64);

/// A search at the PIN desk: any of surname (prefix), name (prefix), birth date, street (and
/// house), within a district; keyset-paged by `(surname_key, id)`.
#[derive(Clone, Debug, Default)]
pub struct ResidentSearch {
    pub district: Option<DistrictCode>,
    pub surname: Option<String>,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub street: Option<String>,
    pub house: Option<String>,
    pub include_left: bool,
    /// Continue after this `(surname_key, id)`.
    pub after: Option<ResidentCursor>,
    pub limit: i64,
}

/// Residents matching a desk search, by surname then id.
pub fn search(conn: &mut DbConn, s: &ResidentSearch) -> Result<Vec<(Resident, ResidentCursor)>, StoreError> {
    let mut q = residents::table.into_boxed();
    if let Some(d) = &s.district {
        q = q.filter(residents::district_code.eq(d.to_string()));
    }
    if let Some(surname) = s.surname.as_deref().map(name_key).filter(|k| !k.is_empty()) {
        q = q.filter(residents::surname_key.ge(surname.clone()));
        if let Some(end) = prefix_end(&surname) {
            q = q.filter(residents::surname_key.lt(end));
        }
    }
    if let Some(name) = s.name.as_deref().map(name_key).filter(|k| !k.is_empty()) {
        q = q.filter(residents::name_key.ge(name.clone()));
        if let Some(end) = prefix_end(&name) {
            q = q.filter(residents::name_key.lt(end));
        }
    }
    if let Some(d) = s.birth_date {
        q = q.filter(residents::birth_date.eq(d));
    }
    if let Some(street) = s.street.as_deref().filter(|t| !crate::registry::street_key(t).is_empty()) {
        let house = s.house.as_deref().filter(|h| !crate::registry::house_part_key(h).is_empty());
        let prefix = AddressKey::prefix(street, house);
        q = q.filter(residents::address_key.ge(prefix.clone()));
        if let Some(end) = prefix_end(&prefix) {
            q = q.filter(residents::address_key.lt(end));
        }
    }
    if !s.include_left {
        q = q.filter(residents::left_at.is_null());
    }
    if let Some((key, id)) = &s.after {
        q = q.filter(
            residents::surname_key
                .gt(key.clone())
                .or(residents::surname_key.eq(key.clone()).and(residents::id.gt(*id))),
        );
    }
    let rows: Vec<(ResidentRow, String)> = q
        .select((ResidentRow::as_select(), residents::surname_key))
        .order((residents::surname_key.asc(), residents::id.asc()))
        .limit(s.limit.clamp(1, 500))
        .load(conn)?;
    rows.into_iter()
        .map(|(row, key)| {
            let id = row.id;
            Resident::try_from(row).map(|r| (r, (key, id)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_bounds_a_prefix() {
        assert_eq!(prefix_end("ив").as_deref(), Some("иг"));
        assert_eq!(prefix_end("a").as_deref(), Some("b"));
        assert_eq!(prefix_end(""), None);
        let end = prefix_end("иван").expect("bounded");
        for s in ["иван", "иванов", "иванова", "иванъ"] {
            assert!(s >= "иван" && s < end.as_str(), "{s}");
        }
        assert!("ивано" < end.as_str());
        assert!("ивао" >= end.as_str());
    }
}
