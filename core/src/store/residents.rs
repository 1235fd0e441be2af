//! Residents of the ГУ ИС registry: lookup, search by normalised keys, households.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::residents;
use super::{DbConn, StoreError};
use crate::domain::ids::{DistrictCode, RegistryId, ResidentId};
use crate::domain::person::{Address, FullName, RegistrationKind, Resident};
use crate::registry::{AddressKey, AddressMatch, name_key};

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

/// How many residents a re-import has marked as left (they stay, for their appeals' sake).
pub fn count_left(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(residents::table.filter(residents::left_at.is_not_null()).count().get_result(conn)?)
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

/// A search at the PIN desk: any of surname (prefix), name (prefix), birth date, street (with
/// house, корпус, строение and flat, see [`AddressKey::search`]), within a district;
/// keyset-paged by `(surname_key, id)`.
#[derive(Clone, Debug, Default)]
pub struct ResidentSearch {
    pub district: Option<DistrictCode>,
    pub surname: Option<String>,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub street: Option<String>,
    /// The house as written: «17», «17к2», «17 корп. 2», «9 стр 1».
    pub house: Option<String>,
    /// Narrows a search with a street and a house to one household.
    pub flat: Option<String>,
    pub include_left: bool,
    /// Continue after this `(surname_key, id)`.
    pub after: Option<ResidentCursor>,
    pub limit: i64,
}

/// The longest surname key tried at every split, and the shortest part of a split.
const JOINED_SURNAME_MAX_CHARS: usize = 40;
const JOINED_SURNAME_MIN_PART: usize = 2;

/// A double surname typed as one word («римскийкорсаков») split at each place a hyphen could
/// have stood (each part at least two letters), as `name_key` writes it: «римский корсаков».
fn joined_surname_splits(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    if key.contains(' ') || chars.len() > JOINED_SURNAME_MAX_CHARS {
        return Vec::new();
    }
    (JOINED_SURNAME_MIN_PART..=chars.len().saturating_sub(JOINED_SURNAME_MIN_PART))
        .map(|i| format!("{} {}", chars[..i].iter().collect::<String>(), chars[i..].iter().collect::<String>()))
        .collect()
}

/// Residents matching a desk search, by surname then id.
///
/// A surname typed without the hyphen or the space of a double surname («римскийкорсаков»)
/// matches nothing as typed; then it is tried split at every place (each split one range of
/// the `residents_search` index), so it finds «Римский-Корсаков». Those matches never share a
/// key prefix with the surname as typed, so a cursor tells which of the two a page continues.
pub fn search(conn: &mut DbConn, s: &ResidentSearch) -> Result<Vec<(Resident, ResidentCursor)>, StoreError> {
    let Some(surname) = s.surname.as_deref().map(name_key).filter(|k| !k.is_empty()) else {
        return search_page(conn, s, &[]);
    };
    let continues_splits = s.after.as_ref().is_some_and(|(key, _)| !key.starts_with(surname.as_str()));
    if !continues_splits {
        let found = search_page(conn, s, std::slice::from_ref(&surname))?;
        if !found.is_empty() || s.after.is_some() {
            return Ok(found);
        }
    }
    let splits = joined_surname_splits(&surname);
    if splits.is_empty() {
        return Ok(Vec::new());
    }
    search_page(conn, s, &splits)
}

/// One page of a desk search whose surname key starts with any of `surnames` (when given).
fn search_page(
    conn: &mut DbConn,
    s: &ResidentSearch,
    surnames: &[String],
) -> Result<Vec<(Resident, ResidentCursor)>, StoreError> {
    let mut q = residents::table.into_boxed();
    // first, so that `or_filter` joins the prefixes alone: (a OR b OR …) AND the rest
    for (i, prefix) in surnames.iter().enumerate() {
        let range = residents::surname_key
            .ge(prefix.clone())
            .and(residents::surname_key.lt(prefix_end(prefix).unwrap_or_else(|| prefix.clone())));
        q = if i == 0 { q.filter(range) } else { q.or_filter(range) };
    }
    if let Some(d) = &s.district {
        q = q.filter(residents::district_code.eq(d.to_string()));
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
        match AddressKey::search(street, s.house.as_deref(), s.flat.as_deref()) {
            AddressMatch::Exact(key) => q = q.filter(residents::address_key.eq(key)),
            AddressMatch::Prefix(prefix) => {
                q = q.filter(residents::address_key.ge(prefix.clone()));
                if let Some(end) = prefix_end(&prefix) {
                    q = q.filter(residents::address_key.lt(end));
                }
            }
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

    #[test]
    fn a_joined_double_surname_is_split_where_a_hyphen_could_stand() {
        let splits = joined_surname_splits("римскийкорсаков");
        assert!(splits.contains(&"римский корсаков".to_owned()), "{splits:?}");
        assert_eq!(splits.len(), 15 - 3, "each part at least two letters");
        assert!(splits.iter().all(|s| s.split(' ').all(|p| p.chars().count() >= 2)), "{splits:?}");
        assert!(joined_surname_splits("римский корсаков").is_empty(), "already split");
        assert!(joined_surname_splits("иван").len() == 1 && joined_surname_splits("ива").is_empty());
    }
}
