//! Appeals (обращения): their numbers, public tokens and the filing form.
//!
//! The form is parsed, not validated: [`AppealForm::parse`] turns the raw strings a browser
//! sent into an [`AppealDraft`] or into [`FieldErrors`] listing *every* problem at once, so the
//! page is re-rendered one time with all its messages. Code past this boundary accepts only
//! drafts.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::catalogue::{FieldKind, FieldSpec, Service};
use super::ids::{AccountId, AppealId, ClerkId, DistrictCode, ResidentId, ServiceCode};
use super::person::{Address, EARLIEST_BIRTH_DATE, FullName};
use super::status::Status;
use crate::i18n::{Lang, Msg};
use crate::registry::{CheckedField, IdentityCheck, PersonCheck, PersonClaim};

/// The prefix of appeal numbers: «ЭП» — «электронная приёмная».
pub const NUMBER_PREFIX: &str = "ЭП";

/// A human registration number, unique per district and year: `ЭП-0412-2026-000123`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AppealNumber {
    district: DistrictCode,
    year: i32,
    seq: u32,
}

impl AppealNumber {
    pub fn new(district: DistrictCode, year: i32, seq: u32) -> Self {
        AppealNumber { district, year, seq }
    }

    pub fn district(&self) -> &DistrictCode {
        &self.district
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// Parses `ЭП-0412-2026-000123`; also accepts a Latin `EP` prefix and lower case, as
    /// people type numbers they read off a screen.
    pub fn parse(s: &str) -> Option<AppealNumber> {
        let s = s.trim();
        let mut parts = s.split('-');
        let prefix = parts.next()?.to_uppercase();
        if prefix != NUMBER_PREFIX && prefix != "EP" {
            return None;
        }
        let district = DistrictCode::parse(parts.next()?)?;
        let year_text = parts.next()?;
        let seq_text = parts.next()?;
        if parts.next().is_some() || year_text.len() != 4 || seq_text.is_empty() || seq_text.len() > 9 {
            return None;
        }
        let year = year_text.parse().ok()?;
        let seq = seq_text.parse().ok()?;
        Some(AppealNumber { district, year, seq })
    }
}

impl fmt::Display for AppealNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{NUMBER_PREFIX}-{}-{:04}-{:06}", self.district, self.year, self.seq)
    }
}

impl From<AppealNumber> for String {
    fn from(n: AppealNumber) -> String {
        n.to_string()
    }
}

impl TryFrom<String> for AppealNumber {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        AppealNumber::parse(&s).ok_or_else(|| format!("not an appeal number: {s:?}"))
    }
}

/// A value of a service field, parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Text(String),
    Date(NaiveDate),
    Number(i64),
    Choice(String),
    Persons(Vec<PersonClaim>),
}

/// The registration data the applicant typed: checked against their own registry record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityFields {
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub street: String,
    pub house: String,
    pub building: Option<String>,
    pub structure: Option<String>,
    pub flat: Option<String>,
}

impl IdentityFields {
    /// The address as typed, in `district` (the appeal's): for showing what was filed.
    pub fn address(&self, district: &DistrictCode) -> Address {
        Address {
            district: district.clone(),
            street: self.street.clone(),
            house: self.house.clone(),
            building: self.building.clone(),
            structure: self.structure.clone(),
            flat: self.flat.clone(),
        }
    }
}

/// What was filed: the registration data and the service's own fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealDraft {
    pub service: ServiceCode,
    pub identity: IdentityFields,
    /// Service fields by key; optional fields left empty are absent.
    pub fields: BTreeMap<String, FieldValue>,
}

impl AppealDraft {
    /// The form values that reproduce this draft, to pre-fill a corrected appeal.
    pub fn to_form(&self) -> Vec<(String, String)> {
        let id = &self.identity;
        let mut out = vec![
            ("surname".to_owned(), id.name.surname.clone()),
            ("name".to_owned(), id.name.name.clone()),
            ("patronymic".to_owned(), id.name.patronymic.clone().unwrap_or_default()),
            ("birth_date".to_owned(), form_date(id.birth_date)),
            ("street".to_owned(), id.street.clone()),
            ("house".to_owned(), id.house.clone()),
            ("building".to_owned(), id.building.clone().unwrap_or_default()),
            ("structure".to_owned(), id.structure.clone().unwrap_or_default()),
            ("flat".to_owned(), id.flat.clone().unwrap_or_default()),
        ];
        for (key, value) in &self.fields {
            match value {
                FieldValue::Text(s) | FieldValue::Choice(s) => out.push((field_name(key), s.clone())),
                FieldValue::Date(d) => out.push((field_name(key), form_date(*d))),
                FieldValue::Number(n) => out.push((field_name(key), n.to_string())),
                FieldValue::Persons(people) => {
                    for (i, p) in people.iter().enumerate() {
                        out.push((person_field_name(key, i, "surname"), p.name.surname.clone()));
                        out.push((person_field_name(key, i, "name"), p.name.name.clone()));
                        out.push((
                            person_field_name(key, i, "patronymic"),
                            p.name.patronymic.clone().unwrap_or_default(),
                        ));
                        out.push((person_field_name(key, i, "birth_date"), form_date(p.birth_date)));
                    }
                }
            }
        }
        out
    }
}

/// The name of a service field in the HTML form: `f-<key>`.
pub fn field_name(key: &str) -> String {
    format!("f-{key}")
}

/// The name of one part of a person row: `f-<key>-<index>-<part>`.
pub fn person_field_name(key: &str, index: usize, part: &str) -> String {
    format!("f-{key}-{index}-{part}")
}

/// One problem with one field of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name (and the HTML id the error summary links to).
    pub field: String,
    pub message: Msg,
}

/// Every problem found in a form, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} field(s) need correcting", .0.len())]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: impl Into<String>, message: Msg) {
        self.0.push(FieldError { field: field.into(), message });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

/// Longest name part (surname, name, patronymic) we accept.
pub const MAX_NAME_LEN: usize = 100;
/// Longest street we accept.
pub const MAX_STREET_LEN: usize = 200;
/// Longest house, building, structure or flat.
pub const MAX_HOUSE_PART_LEN: usize = 20;

/// The filing form as the browser sent it.
#[derive(Clone, Debug, Default)]
pub struct AppealForm<'a> {
    values: BTreeMap<&'a str, &'a str>,
}

impl<'a> AppealForm<'a> {
    /// Wraps decoded form pairs; the first value of a repeated name wins.
    pub fn new(pairs: &'a [(String, String)]) -> Self {
        let mut values = BTreeMap::new();
        for (k, v) in pairs {
            values.entry(k.as_str()).or_insert(v.as_str());
        }
        AppealForm { values }
    }

    fn get(&self, name: &str) -> &'a str {
        self.values.get(name).map_or("", |v| v.trim())
    }

    /// Parses the form for `service`, collecting every field error.
    pub fn parse(&self, service: &Service, today: NaiveDate) -> Result<AppealDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let surname = self.name_part("surname", true, &mut errors);
        let name = self.name_part("name", true, &mut errors);
        let patronymic = self.name_part("patronymic", false, &mut errors);
        let birth_date = self.date("birth_date", true, true, today, &mut errors);
        let street = self.text("street", true, MAX_STREET_LEN, &mut errors);
        let house = self.text("house", true, MAX_HOUSE_PART_LEN, &mut errors);
        let building = self.text("building", false, MAX_HOUSE_PART_LEN, &mut errors);
        let structure = self.text("structure", false, MAX_HOUSE_PART_LEN, &mut errors);
        let flat = self.text("flat", false, MAX_HOUSE_PART_LEN, &mut errors);

        let mut fields = BTreeMap::new();
        for spec in &service.fields {
            if let Some(value) = self.service_field(spec, today, &mut errors) {
                fields.insert(spec.key.clone(), value);
            }
        }

        match (surname, name, birth_date, street, house) {
            (Some(surname), Some(name), Some(birth_date), Some(street), Some(house)) if errors.is_empty() => {
                Ok(AppealDraft {
                    service: service.code.clone(),
                    identity: IdentityFields {
                        name: FullName { surname, name, patronymic },
                        birth_date,
                        street,
                        house,
                        building,
                        structure,
                        flat,
                    },
                    fields,
                })
            }
            _ => Err(errors),
        }
    }

    fn text(&self, field: &str, required: bool, max: usize, errors: &mut FieldErrors) -> Option<String> {
        parse_text(field, self.get(field), required, max, errors)
    }

    fn name_part(&self, field: &str, required: bool, errors: &mut FieldErrors) -> Option<String> {
        parse_name_part(field, self.get(field), required, errors)
    }

    fn date(
        &self,
        field: &str,
        required: bool,
        past_only: bool,
        today: NaiveDate,
        errors: &mut FieldErrors,
    ) -> Option<NaiveDate> {
        parse_date_field(field, self.get(field), required, past_only, today, errors)
    }

    fn service_field(&self, spec: &FieldSpec, today: NaiveDate, errors: &mut FieldErrors) -> Option<FieldValue> {
        let name = field_name(&spec.key);
        let raw = self.get(&name);
        match &spec.kind {
            FieldKind::Text { max_len } => {
                parse_text(&name, raw, spec.required, usize::from(*max_len), errors).map(FieldValue::Text)
            }
            FieldKind::LongText { max_len } => parse_long_text(
                &name,
                self.values.get(name.as_str()).copied().unwrap_or(""),
                spec.required,
                usize::from(*max_len),
                errors,
            )
            .map(FieldValue::Text),
            FieldKind::Date { past_only } => {
                parse_date_field(&name, raw, spec.required, *past_only, today, errors).map(FieldValue::Date)
            }
            FieldKind::Number { min, max } => {
                if raw.is_empty() {
                    if spec.required {
                        errors.push(name, Msg::new("form-error-required"));
                    }
                    return None;
                }
                match raw.parse::<i64>() {
                    Ok(n) if (*min..=*max).contains(&n) => Some(FieldValue::Number(n)),
                    Ok(_) => {
                        errors.push(name, Msg::new("form-error-number-range").arg("min", *min).arg("max", *max));
                        None
                    }
                    Err(_) => {
                        errors.push(name, Msg::new("form-error-number"));
                        None
                    }
                }
            }
            FieldKind::Choice { options } => {
                if raw.is_empty() {
                    if spec.required {
                        errors.push(name, Msg::new("form-error-choose"));
                    }
                    return None;
                }
                if options.iter().any(|o| o.code == raw) {
                    Some(FieldValue::Choice(raw.to_owned()))
                } else {
                    errors.push(name, Msg::new("form-error-choose"));
                    None
                }
            }
            FieldKind::Persons { min, max } => self.persons(spec, *min, *max, today, errors),
        }
    }

    fn persons(
        &self,
        spec: &FieldSpec,
        min: u8,
        max: u8,
        today: NaiveDate,
        errors: &mut FieldErrors,
    ) -> Option<FieldValue> {
        let mut people = Vec::new();
        let mut row_errors = false;
        for i in 0..usize::from(max) {
            let part = |p: &str| person_field_name(&spec.key, i, p);
            let raw: Vec<&str> =
                ["surname", "name", "patronymic", "birth_date"].iter().map(|p| self.get(&part(p))).collect();
            if raw.iter().all(|v| v.is_empty()) {
                continue;
            }
            let before = errors.0.len();
            let surname = parse_name_part(&part("surname"), raw[0], true, errors);
            let name = parse_name_part(&part("name"), raw[1], true, errors);
            let patronymic = parse_name_part(&part("patronymic"), raw[2], false, errors);
            let birth_date = parse_date_field(&part("birth_date"), raw[3], true, true, today, errors);
            row_errors |= errors.0.len() > before;
            if let (Some(surname), Some(name), Some(birth_date)) = (surname, name, birth_date) {
                people.push(PersonClaim { name: FullName { surname, name, patronymic }, birth_date });
            }
        }
        let count = people.len();
        if !row_errors && (spec.required || count > 0) && count < usize::from(min) {
            errors.push(
                person_field_name(&spec.key, count, "surname"),
                Msg::new("form-error-persons-min").arg("min", u32::from(min)),
            );
            return None;
        }
        if count == 0 { None } else { Some(FieldValue::Persons(people)) }
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

fn parse_text(field: &str, raw: &str, required: bool, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        if required {
            errors.push(field, Msg::new("form-error-required"));
        }
        return None;
    }
    if value.chars().count() > max {
        errors.push(field, Msg::new("form-error-too-long").arg("max", max));
        return None;
    }
    if has_control(&value) {
        errors.push(field, Msg::new("form-error-characters"));
        return None;
    }
    Some(value)
}

fn parse_long_text(field: &str, raw: &str, required: bool, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let value = raw.replace("\r\n", "\n");
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.push(field, Msg::new("form-error-required"));
        }
        return None;
    }
    if value.chars().count() > max {
        errors.push(field, Msg::new("form-error-too-long").arg("max", max));
        return None;
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        errors.push(field, Msg::new("form-error-characters"));
        return None;
    }
    Some(value.to_owned())
}

/// Dashes people type for the hyphen of a double surname («Римский–Корсаков»): the en and
/// em dashes, the minus sign, and the Unicode hyphens.
const DASHES: [char; 6] = ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}'];

/// A name part with every dash as a hyphen, without spaces around it: «Римский – Корсаков» is
/// «Римский-Корсаков», as the registry writes it.
fn hyphenated(value: &str) -> String {
    let value: String = value.chars().map(|c| if DASHES.contains(&c) { '-' } else { c }).collect();
    value.split('-').map(str::trim).collect::<Vec<_>>().join("-")
}

fn parse_name_part(field: &str, raw: &str, required: bool, errors: &mut FieldErrors) -> Option<String> {
    let value = hyphenated(&parse_text(field, raw, required, MAX_NAME_LEN, errors)?);
    let ok = value.chars().any(char::is_alphabetic)
        && value.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’' || c == '.');
    if ok {
        Some(value)
    } else {
        errors.push(field, Msg::new("form-error-name-characters"));
        None
    }
}

/// The latest year a form takes.
const LATEST_YEAR: i32 = 2999;

/// What a date typed into a form reads as, before its range is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateText {
    Day(NaiveDate),
    /// Written the right way but no such day: 31.02, month 13.
    NoSuchDay,
    Malformed,
}

/// Reads `ДД.ММ.ГГГГ` (what people type; also with `-` or `/` between the parts, and spaces
/// around them: «18 . 03 . 1974»), `ДДММГГГГ` (the date fields ask a phone for its digit pad,
/// which on an iPhone has no dot, dash or slash) or `ГГГГ-ММ-ДД` (what a date input sends).
fn read_date(raw: &str) -> DateText {
    let raw = raw.trim();
    // «18.03.1974 г.», «18.03.1974 года», as dates are written in Russian prose
    let raw = ["года", "г.", "г"]
        .iter()
        .find_map(|suffix| raw.strip_suffix(suffix).filter(|r| r.ends_with(|c: char| c.is_ascii_digit() || c == ' ')))
        .map_or(raw, str::trim_end);
    if raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let (d, rest) = raw.split_at(2);
        let (m, y) = rest.split_at(2);
        return match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).map_or(DateText::NoSuchDay, DateText::Day),
            _ => DateText::Malformed,
        };
    }
    // the comma of a phone's digit pad (the decimal key in Russian) and a space alone are
    // separators too: «18,03,1974», «18 03 1974»
    let parts: Vec<&str> = match raw.chars().find(|c| matches!(c, '.' | '-' | '/' | ',')) {
        Some(sep) => raw.split(sep).map(str::trim).collect(),
        None => raw.split_whitespace().collect(),
    };
    let sep = raw.chars().find(|c| matches!(c, '.' | '-' | '/' | ',')).unwrap_or(' ');
    let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if sep == '-' && digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => (*y, *m, *d),
        [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => (*y, *m, *d),
        _ => return DateText::Malformed,
    };
    match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).map_or(DateText::NoSuchDay, DateText::Day),
        _ => DateText::Malformed,
    }
}

/// Parses a date as people type it (`ДД.ММ.ГГГГ`, also with `-`, `/`, `,` or spaces alone,
/// spaces allowed around the separators, «г.» or «года» after it; `ДДММГГГГ`) or as a date
/// input sends it (`ГГГГ-ММ-ДД`), from
/// [`EARLIEST_BIRTH_DATE`] to the year 2999.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    parse_date_or_why(raw).ok()
}

/// Why [`parse_date`] takes no date from what was typed, so that a form can say what to fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateMistake {
    /// Not written as a date at all.
    Malformed,
    /// Written the right way but no such day: 31.02, month 13.
    NoSuchDay,
    /// A real day, but its year is out of range (before 1900, after 2999).
    Year,
}

/// [`parse_date`], saying what is wrong when it takes no date.
pub fn parse_date_or_why(raw: &str) -> Result<NaiveDate, DateMistake> {
    match read_date(raw) {
        DateText::Day(d) if d >= EARLIEST_BIRTH_DATE && d.year() <= LATEST_YEAR => Ok(d),
        DateText::Day(_) => Err(DateMistake::Year),
        DateText::NoSuchDay => Err(DateMistake::NoSuchDay),
        DateText::Malformed => Err(DateMistake::Malformed),
    }
}

/// A date as the forms write it back: `ДД.ММ.ГГГГ`, as the field's hint asks.
pub fn form_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn parse_date_field(
    field: &str,
    raw: &str,
    required: bool,
    past_only: bool,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    if raw.is_empty() {
        if required {
            errors.push(field, Msg::new("form-error-required"));
        }
        return None;
    }
    let msg = match read_date(raw) {
        DateText::Day(d) if past_only && d > today => Msg::new("form-error-date-future"),
        // the format is right: the year is what is wrong (01.01.1850)
        DateText::Day(d) if d < EARLIEST_BIRTH_DATE => {
            Msg::new("form-error-date-too-early").arg("date", form_date(EARLIEST_BIRTH_DATE))
        }
        DateText::Day(d) if d.year() > LATEST_YEAR => Msg::new("form-error-date-too-late"),
        DateText::Day(d) => return Some(d),
        DateText::NoSuchDay => Msg::new("form-error-date-impossible"),
        DateText::Malformed => Msg::new("form-error-date"),
    };
    errors.push(field, msg);
    None
}

/// The result of the automatic registry check, stored with the appeal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealCheck {
    /// The applicant's own data against their record (it matched, or filing was refused).
    pub identity: IdentityCheck,
    /// Other people named in the appeal, by field key, in the order given.
    pub persons: Vec<NamedPersonCheck>,
}

impl AppealCheck {
    /// True when a clerk must look: someone named could not be matched exactly.
    pub fn needs_attention(&self) -> bool {
        self.unmatched().next().is_some()
    }

    /// The people named in the appeal that the registry check could not match exactly.
    pub fn unmatched(&self) -> impl Iterator<Item = &NamedPersonCheck> {
        self.persons.iter().filter(|p| !matches!(p.result, PersonCheck::Matched { .. }))
    }

    /// The applicant's details as the registry spells them, where they matched: «римский
    /// корсаков» and «д. 9», typed, matched «Римский-Корсаков» and «9», and are shown so.
    /// A field the check did not record stays as typed.
    pub fn registry_spelling(&self, typed: &IdentityFields) -> IdentityFields {
        let mut out = typed.clone();
        for f in self.identity.fields.iter().filter(|f| f.matches) {
            let registry = f.registry.clone();
            let optional = || Some(registry.clone()).filter(|r| !r.is_empty());
            match f.field {
                CheckedField::Surname => out.name.surname = registry,
                CheckedField::Name => out.name.name = registry,
                CheckedField::Patronymic => out.name.patronymic = optional(),
                CheckedField::Street => out.street = registry,
                CheckedField::House => out.house = registry,
                CheckedField::Building => out.building = optional(),
                CheckedField::Structure => out.structure = optional(),
                CheckedField::Flat => out.flat = optional(),
                CheckedField::BirthDate => {}
            }
        }
        out
    }
}

/// The check of one person named in an appeal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPersonCheck {
    pub field: String,
    pub person: PersonClaim,
    pub result: PersonCheck,
}

/// A deadline extension (59-ФЗ, art. 12 part 2): at most one per appeal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// An appeal as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appeal {
    pub id: AppealId,
    pub number: AppealNumber,
    /// The unguessable id that the Open311 endpoints accept.
    pub public_token: String,
    pub account: AccountId,
    pub resident: ResidentId,
    pub service: ServiceCode,
    pub district: DistrictCode,
    pub status: Status,
    pub draft: AppealDraft,
    pub check: AppealCheck,
    pub filed_at: DateTime<Utc>,
    pub register_by: NaiveDate,
    pub due: NaiveDate,
    pub extension: Option<Extension>,
    pub assigned_clerk: Option<ClerkId>,
    pub corrects: Option<AppealId>,
    /// The resident left the registry while the appeal was open.
    pub resident_left: bool,
    /// An e-mail about it could not be delivered.
    pub email_failed: bool,
    /// The applicant's language when filing.
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::Catalogue;

    #[test]
    fn the_applicant_is_shown_as_the_registry_spells_them_where_they_matched() {
        use crate::domain::ids::DistrictCode;
        use crate::domain::ids::{RegistryId, ResidentId};
        use crate::domain::person::{FullName, RegistrationKind, Resident};
        use crate::registry::{IdentityClaim, check_identity};
        let birth = NaiveDate::from_ymd_opt(1974, 3, 18).expect("valid");
        let district = DistrictCode::parse("0412").expect("code");
        let record = Resident {
            id: ResidentId(1),
            registry_id: RegistryId::new("R1"),
            name: FullName {
                surname: "Римский-Корсаков".to_owned(),
                name: "Фёдор".to_owned(),
                patronymic: Some("Ильич".to_owned()),
            },
            birth_date: birth,
            address: Address {
                district: district.clone(),
                street: "пер. Сивцев Вражек".to_owned(),
                house: "9".to_owned(),
                building: None,
                structure: Some("1".to_owned()),
                flat: Some("7".to_owned()),
            },
            registration_kind: RegistrationKind::Permanent,
            left: false,
        };
        let typed = IdentityFields {
            name: FullName {
                surname: "римский корсаков".to_owned(),
                name: "Федор".to_owned(),
                patronymic: Some("ильич".to_owned()),
            },
            birth_date: birth,
            street: "переулок Сивцев Вражек".to_owned(),
            house: "д. 9".to_owned(),
            building: None,
            structure: Some("стр. 1".to_owned()),
            flat: Some("кв. 7".to_owned()),
        };
        let claim = IdentityClaim {
            name: typed.name.clone(),
            birth_date: birth,
            address: Address {
                district: district.clone(),
                street: typed.street.clone(),
                house: typed.house.clone(),
                building: None,
                structure: typed.structure.clone(),
                flat: typed.flat.clone(),
            },
        };
        let identity = check_identity(&claim, &record);
        assert!(identity.is_match(), "{identity:?}");
        let check = AppealCheck { identity, persons: Vec::new() };
        let shown = check.registry_spelling(&typed);
        assert_eq!(shown.name.full(), "Римский-Корсаков Фёдор Ильич");
        let address = |f: &IdentityFields| Address {
            district: district.clone(),
            street: f.street.clone(),
            house: f.house.clone(),
            building: f.building.clone(),
            structure: f.structure.clone(),
            flat: f.flat.clone(),
        };
        assert_eq!(address(&shown).line(), "пер. Сивцев Вражек, д. 9, стр. 1, кв. 7");
        // with nothing recorded (appeals written in bulk) it is as typed, without «д. д.»
        let none = AppealCheck { identity: IdentityCheck { fields: Vec::new() }, persons: Vec::new() };
        assert_eq!(address(&none.registry_spelling(&typed)).line(), "переулок Сивцев Вражек, д. 9, стр. 1, кв. 7");
        let odd = IdentityFields { house: "Дом 12".to_owned(), flat: Some("кв.12А".to_owned()), ..typed.clone() };
        assert_eq!(address(&odd).line(), "переулок Сивцев Вражек, д. 12, стр. 1, кв. 12А");
        let word = IdentityFields { house: "д".to_owned(), flat: Some("квартира".to_owned()), ..typed };
        assert_eq!(address(&word).line(), "переулок Сивцев Вражек, д. д, стр. 1, кв. квартира");
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid")
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn identity() -> Vec<(&'static str, &'static str)> {
        vec![
            ("surname", "Иванова"),
            ("name", "Мария"),
            ("patronymic", "Петровна"),
            ("birth_date", "1985-03-14"),
            ("street", "ул. Новый Арбат"),
            ("house", "12"),
            ("flat", "12А"),
        ]
    }

    #[test]
    fn numbers_round_trip() {
        let n = AppealNumber::new(DistrictCode::new("0412"), 2026, 123);
        assert_eq!(n.to_string(), "ЭП-0412-2026-000123");
        assert_eq!(AppealNumber::parse("ЭП-0412-2026-000123"), Some(n.clone()));
        assert_eq!(AppealNumber::parse(" эп-0412-2026-000123 "), Some(n.clone()));
        assert_eq!(AppealNumber::parse("EP-0412-2026-000123"), Some(n));
        assert_eq!(AppealNumber::parse("ЭП-412-2026-000123"), None);
        assert_eq!(AppealNumber::parse("ЭП-0412-26-000123"), None);
        assert_eq!(AppealNumber::parse("ЭП-0412-2026-"), None);
        assert_eq!(AppealNumber::parse("ЭП-0412-2026-1-2"), None);
    }

    #[test]
    fn consultation_form_parses() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("consultation").expect("present");
        let mut form = identity();
        form.push(("f-topic", "housing"));
        form.push(("f-question", "  Как получить выписку?\r\nСпасибо.  "));
        let pairs = pairs(&form);
        let draft = AppealForm::new(&pairs).parse(service, today()).expect("valid form");
        assert_eq!(draft.identity.name.surname, "Иванова");
        assert_eq!(draft.identity.flat.as_deref(), Some("12А"));
        assert_eq!(draft.identity.building, None);
        assert_eq!(draft.fields.get("question"), Some(&FieldValue::Text("Как получить выписку?\nСпасибо.".to_owned())));
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("house-register-extract").expect("present");
        let form = pairs(&[
            ("surname", ""),
            ("name", "Мария1"),
            ("birth_date", "31.02.1985"),
            ("street", ""),
            ("house", "12"),
            ("f-purpose", "nonsense"),
            ("f-copies", "9"),
        ]);
        let errors = AppealForm::new(&form).parse(service, today()).expect_err("invalid");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["surname", "name", "birth_date", "street", "f-purpose", "f-copies"]);
        assert_eq!(errors.for_field("f-copies").map(|e| e.message.id.as_ref()), Some("form-error-number-range"));
    }

    #[test]
    fn a_double_surname_may_be_typed_with_any_dash() {
        let mut errors = FieldErrors::default();
        for raw in
            ["РИМСКИЙ–КОРСАКОВ", "Римский—Корсаков", "Римский − Корсаков", "Римский-Корсаков", "Римский ‐ Корсаков"]
        {
            let parsed = parse_name_part("surname", raw, true, &mut errors);
            assert_eq!(parsed.map(|s| s.to_lowercase()).as_deref(), Some("римский-корсаков"), "{raw:?}");
        }
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(parse_name_part("surname", "Иванов_", true, &mut errors), None);
    }

    #[test]
    fn dates_are_read_as_people_type_them() {
        let d = NaiveDate::from_ymd_opt(1974, 3, 18);
        for raw in ["18.03.1974", "1974-03-18", "18-03-1974", "18 . 03 . 1974", " 18.3.1974 ", "18/03/1974"] {
            assert_eq!(parse_date(raw), d, "{raw:?}");
        }
        // the comma of a Russian phone's digit pad, spaces alone, and «г.» as prose writes it
        for raw in [
            "18,03,1974",
            "18 03 1974",
            "18  3  1974",
            "18.03.1974 г.",
            "18.03.1974г.",
            "18.03.1974 года",
            "18 03 1974 г",
        ] {
            assert_eq!(parse_date(raw), d, "{raw:?}");
        }
        for raw in [
            "18.03.74",
            "1974.03.18",
            "18-03-74",
            "18.03.1974.",
            "1 8.03.1974",
            "01.01.1850",
            "18 031974",
            "18,03.1974",
            "г.",
            "18.03.1974 гг",
            "18 03 1974 1",
        ] {
            assert_eq!(parse_date(raw), None, "{raw:?}");
        }
        // digits alone, as an iPhone's digit pad (inputmode="numeric") types them: ДДММГГГГ
        assert_eq!(parse_date("18031974"), d);
        assert_eq!(parse_date(" 18031974 "), d);
        for raw in ["19740318", "1803197", "180319740", "18031974x"] {
            assert_eq!(parse_date(raw), None, "{raw:?}");
        }
        let mut errors = FieldErrors::default();
        parse_date_field("birth_date", "31022000", true, true, today(), &mut errors);
        assert_eq!(errors.0[0].message.id, "form-error-date-impossible", "a date, only not a real one");
        assert_eq!(parse_date("01.01.1900"), NaiveDate::from_ymd_opt(1900, 1, 1));
        let mut errors = FieldErrors::default();
        assert_eq!(parse_date_field("f-since", "01.01.3000", false, false, today(), &mut errors), None);
        assert_eq!(errors.0[0].message.id, "form-error-date-too-late");
        let mut errors = FieldErrors::default();
        parse_date_field("birth_date", "01.01.1850", true, true, today(), &mut errors);
        assert_eq!(errors.0[0].message.render(Lang::Ru), "Проверьте год: дата не может быть раньше 01.01.1900.");
    }

    #[test]
    fn a_corrected_appeal_is_prefilled_with_dates_as_the_hint_shows_them() {
        let catalogue = Catalogue::builtin().expect("valid");
        let service = catalogue.get("large-family-certificate").expect("present");
        let mut form = pairs(&[
            ("surname", "Иванова"),
            ("name", "Мария"),
            ("birth_date", "1974-03-18"),
            ("street", "ул. Новый Арбат"),
            ("house", "12"),
            ("f-marital_status", "married"),
        ]);
        for i in 0..3 {
            form.push((format!("f-children-{i}-surname"), "Иванов".to_owned()));
            form.push((format!("f-children-{i}-name"), "Пётр".to_owned()));
            form.push((format!("f-children-{i}-birth_date"), "12-05-2012".to_owned()));
        }
        let draft = AppealForm::new(&form).parse(service, today()).expect("valid");
        let refilled = draft.to_form();
        let value = |k: &str| refilled.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(value("birth_date"), Some("18.03.1974"));
        assert_eq!(value("f-children-2-birth_date"), Some("12.05.2012"));
        assert_eq!(AppealForm::new(&refilled).parse(service, today()).expect("valid again"), draft);
    }

    #[test]
    fn a_date_that_does_not_exist_is_told_apart_from_a_badly_written_one() {
        let today = today();
        let mut errors = FieldErrors::default();
        for (raw, id) in [
            ("31.02.2015", "form-error-date-impossible"),
            ("2015-13-01", "form-error-date-impossible"),
            ("31/02/2015", "form-error-date-impossible"),
            ("14 марта 1985", "form-error-date"),
            ("18.03.74", "form-error-date"),
            ("18 03 74", "form-error-date"),
            // written the right way: the year is what is wrong
            ("01.01.1850", "form-error-date-too-early"),
            ("31.12.1899", "form-error-date-too-early"),
            ("01.01.3000", "form-error-date-future"),
        ] {
            errors.0.clear();
            assert_eq!(parse_date_field("birth_date", raw, true, true, today, &mut errors), None, "{raw}");
            assert_eq!(errors.0[0].message.id, id, "{raw}");
        }
    }

    #[test]
    fn future_birth_date_is_refused() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("consultation").expect("present");
        let mut form = identity();
        form[3] = ("birth_date", "2027-01-01");
        form.push(("f-topic", "other"));
        form.push(("f-question", "?"));
        let errors = AppealForm::new(&pairs(&form)).parse(service, today()).expect_err("invalid");
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].message.id, "form-error-date-future");
    }

    #[test]
    fn children_rows_parse_and_count() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("large-family-certificate").expect("present");
        let mut form = identity();
        form.push(("f-marital_status", "married"));
        form.extend([
            ("f-children-0-surname", "Иванов"),
            ("f-children-0-name", "Пётр"),
            ("f-children-0-birth_date", "12.05.2015"),
            ("f-children-1-surname", "Иванова"),
            ("f-children-1-name", "Алёна"),
            ("f-children-1-birth_date", "2017-01-30"),
        ]);
        let errors = AppealForm::new(&pairs(&form)).parse(service, today()).expect_err("two children only");
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].message.id, "form-error-persons-min");
        assert_eq!(errors.0[0].field, "f-children-2-surname");

        form.extend([
            ("f-children-3-surname", "Иванов"),
            ("f-children-3-name", "Илья"),
            ("f-children-3-patronymic", "Сергеевич"),
            ("f-children-3-birth_date", "2020-11-02"),
        ]);
        let draft = AppealForm::new(&pairs(&form)).parse(service, today()).expect("three children");
        let Some(FieldValue::Persons(children)) = draft.fields.get("children") else {
            panic!("children missing");
        };
        assert_eq!(children.len(), 3);
        assert_eq!(children[2].name.patronymic.as_deref(), Some("Сергеевич"));
    }

    #[test]
    fn half_filled_person_row_is_an_error_next_to_the_field() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("large-family-certificate").expect("present");
        let mut form = identity();
        form.push(("f-marital_status", "married"));
        form.push(("f-children-0-surname", "Иванов"));
        let errors = AppealForm::new(&pairs(&form)).parse(service, today()).expect_err("invalid");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["f-children-0-name", "f-children-0-birth_date"]);
    }

    #[test]
    fn draft_round_trips_through_the_form() {
        let c = Catalogue::builtin().expect("valid");
        let service = c.get("large-family-certificate").expect("present");
        let mut form = identity();
        form.push(("f-marital_status", "guardian"));
        for (i, (name, date)) in
            [("Анна", "2012-01-01"), ("Борис", "2014-02-02"), ("Вера", "2016-03-03")].iter().enumerate()
        {
            let s = |p: &str| person_field_name("children", i, p);
            form.push((Box::leak(s("surname").into_boxed_str()), "Иванов"));
            form.push((Box::leak(s("name").into_boxed_str()), name));
            form.push((Box::leak(s("birth_date").into_boxed_str()), date));
        }
        let draft = AppealForm::new(&pairs(&form)).parse(service, today()).expect("valid");
        let again = AppealForm::new(&draft.to_form()).parse(service, today()).expect("valid again");
        assert_eq!(again, draft);
    }
}
