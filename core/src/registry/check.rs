//! The automatic check of registration data against the ГУ ИС registry.
//!
//! Two checks, with different consequences (see the module docs of [`crate::registry`]):
//! [`check_identity`] compares what a signed-in applicant typed about themselves with their
//! own record; [`check_household_member`] looks for another person named in an appeal among
//! the residents at the applicant's address.
//!
//! Results carry the entered and the registry's values, so they are personal data: they are
//! stored with the appeal and shown to the resident or the clerk, never logged.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::normalize::{house_part_key, name_key, split_house, street_key};
use crate::domain::ids::ResidentId;
use crate::domain::person::{Address, FullName, Resident};
use crate::i18n::{Arg, Lang, tr, tr_args};

/// A field of registration data that is compared with the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedField {
    Surname,
    Name,
    Patronymic,
    BirthDate,
    Street,
    House,
    /// Корпус.
    Building,
    /// Строение.
    Structure,
    Flat,
}

impl CheckedField {
    /// Every field, in the order checks list them.
    pub const ALL: [CheckedField; 9] = [
        Self::Surname,
        Self::Name,
        Self::Patronymic,
        Self::BirthDate,
        Self::Street,
        Self::House,
        Self::Building,
        Self::Structure,
        Self::Flat,
    ];

    /// Message id of the field's label («Фамилия», «Дата рождения», «Корпус»).
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Surname => "registry-field-surname",
            Self::Name => "registry-field-name",
            Self::Patronymic => "registry-field-patronymic",
            Self::BirthDate => "registry-field-birth-date",
            Self::Street => "registry-field-street",
            Self::House => "registry-field-house",
            Self::Building => "registry-field-building",
            Self::Structure => "registry-field-structure",
            Self::Flat => "registry-field-flat",
        }
    }

    /// The field's label in `lang`.
    pub fn label(self, lang: Lang) -> String {
        tr(lang, self.message_id())
    }
}

/// One field compared: the value as entered, the registry's value, and whether their
/// normalised keys agree. An absent optional value (no patronymic, no корпус) is `""`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCheck {
    pub field: CheckedField,
    /// As the applicant typed it (trimmed); dates as `DD.MM.YYYY`.
    pub entered: String,
    /// As the registry has it (trimmed); dates as `DD.MM.YYYY`.
    pub registry: String,
    pub matches: bool,
}

impl FieldCheck {
    fn compare(field: CheckedField, entered: &str, registry: &str, key: fn(&str) -> String) -> Self {
        Self {
            field,
            entered: entered.trim().to_owned(),
            registry: registry.trim().to_owned(),
            matches: key(entered) == key(registry),
        }
    }

    fn optional(field: CheckedField, entered: Option<&str>, registry: Option<&str>, key: fn(&str) -> String) -> Self {
        Self::compare(field, entered.unwrap_or(""), registry.unwrap_or(""), key)
    }

    fn date(entered: NaiveDate, registry: NaiveDate) -> Self {
        Self {
            field: CheckedField::BirthDate,
            entered: display_date(entered),
            registry: display_date(registry),
            matches: entered == registry,
        }
    }

    /// What differs, for the person who reads it: «Фамилия: указано «Иванов», в реестре ГУ ИС —
    /// «Иванова»». For a matching field, just its label and value.
    pub fn explain(&self, lang: Lang) -> String {
        let field = self.field.label(lang);
        if self.matches {
            return format!("{field}: {}", self.registry);
        }
        let args = [
            ("field", Arg::from(field)),
            ("entered", Arg::from(&self.entered)),
            ("registry", Arg::from(&self.registry)),
        ];
        if self.entered.is_empty() {
            tr_args(lang, "registry-mismatch-entered-empty", &args)
        } else if self.registry.is_empty() {
            tr_args(lang, "registry-mismatch-registry-empty", &args)
        } else {
            tr_args(lang, "registry-mismatch", &args)
        }
    }
}

fn display_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// What a signed-in applicant typed about themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityClaim {
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub address: Address,
}

/// The applicant's identity fields compared with their own registry record, every field in
/// [`CheckedField::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityCheck {
    pub fields: Vec<FieldCheck>,
}

impl IdentityCheck {
    /// True when every field agrees with the registry.
    pub fn is_match(&self) -> bool {
        self.fields.iter().all(|f| f.matches)
    }

    /// The fields that differ, in order.
    pub fn mismatches(&self) -> impl Iterator<Item = &FieldCheck> {
        self.fields.iter().filter(|f| !f.matches)
    }

    /// One sentence per differing field, for the form's error summary. Shown to the resident
    /// about their own record; never logged.
    pub fn explanations(&self, lang: Lang) -> Vec<String> {
        self.mismatches().map(|f| f.explain(lang)).collect()
    }

    /// «Данные совпадают с реестром ГУ ИС» or «2 поля не совпадают с реестром ГУ ИС».
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.mismatches().count();
        if n == 0 {
            tr(lang, "registry-identity-matches")
        } else {
            tr_args(lang, "registry-identity-mismatches", &[("n", Arg::from(n))])
        }
    }
}

/// Compares what the applicant typed about themselves with their own registry record.
///
/// Names are compared on [`name_key`], the street on [`street_key`], house, корпус, строение
/// and flat on [`house_part_key`], the birth date exactly. The district is not compared: the
/// street and house fix it, and the form derives it from the record. A mismatch is a form error
/// that the resident fixes before filing.
pub fn check_identity(claim: &IdentityClaim, record: &Resident) -> IdentityCheck {
    use CheckedField as F;
    let (c, r) = (&claim.address, &record.address);
    let house = |house: &str, building: Option<&str>, structure: Option<&str>| {
        [
            FieldCheck::compare(F::House, house, &r.house, house_part_key),
            FieldCheck::optional(F::Building, building, r.building.as_deref(), house_part_key),
            FieldCheck::optional(F::Structure, structure, r.structure.as_deref(), house_part_key),
        ]
    };
    let mut house_checks = house(&c.house, c.building.as_deref(), c.structure.as_deref());
    // «17к2», «17 корп. 2», «9 стр 1» typed into the house field, the корпус and строение
    // fields left empty: read as the PIN desk's search reads them (what was typed is kept)
    let blank = |part: &Option<String>| part.as_deref().is_none_or(|p| p.trim().is_empty());
    if !house_checks.iter().all(|f| f.matches)
        && blank(&c.building)
        && blank(&c.structure)
        && let Some((h, b, s)) = split_house(&c.house)
    {
        house_checks = house(&h, b.as_deref(), s.as_deref());
    }
    let mut fields = vec![
        FieldCheck::compare(F::Surname, &claim.name.surname, &record.name.surname, name_key),
        FieldCheck::compare(F::Name, &claim.name.name, &record.name.name, name_key),
        FieldCheck::optional(
            F::Patronymic,
            claim.name.patronymic.as_deref(),
            record.name.patronymic.as_deref(),
            name_key,
        ),
        FieldCheck::date(claim.birth_date, record.birth_date),
        FieldCheck::compare(F::Street, &c.street, &r.street, street_key),
    ];
    fields.extend(house_checks);
    fields.push(FieldCheck::optional(F::Flat, c.flat.as_deref(), r.flat.as_deref(), house_part_key));
    IdentityCheck { fields }
}

/// Another person named in an appeal (a child on a large-family certificate), as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonClaim {
    pub name: FullName,
    pub birth_date: NaiveDate,
}

/// The outcome of looking for a named person among the residents at an address. Stored with
/// the appeal as JSON (`{"outcome": "mismatched", "resident": 7, "fields": [...]}`) and shown
/// to the clerk; `Mismatched` and `NotFound` flag the appeal for the clerk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PersonCheck {
    /// A resident whose surname, name, patronymic and birth date all agree.
    Matched { resident: ResidentId },
    /// The closest resident, with surname, name, patronymic and birth date compared field by
    /// field (matching fields included, so the clerk sees the whole comparison).
    Mismatched { resident: ResidentId, fields: Vec<FieldCheck> },
    /// Nobody at the address comes close enough.
    NotFound,
}

impl PersonCheck {
    /// The resident matched or most likely meant.
    pub fn resident(&self) -> Option<ResidentId> {
        match self {
            Self::Matched { resident } | Self::Mismatched { resident, .. } => Some(*resident),
            Self::NotFound => None,
        }
    }

    /// True when the clerk must look at this person (a mismatch, or nobody found).
    pub fn needs_attention(&self) -> bool {
        !matches!(self, Self::Matched { .. })
    }

    /// The fields that differ (none for `Matched` and `NotFound`).
    pub fn mismatches(&self) -> impl Iterator<Item = &FieldCheck> {
        let fields: &[FieldCheck] = match self {
            Self::Mismatched { fields, .. } => fields,
            _ => &[],
        };
        fields.iter().filter(|f| !f.matches)
    }

    /// One line for the clerk's view of the appeal.
    pub fn summary(&self, lang: Lang) -> String {
        match self {
            Self::Matched { .. } => tr(lang, "registry-person-matched"),
            Self::Mismatched { .. } => {
                tr_args(lang, "registry-person-mismatched", &[("n", Arg::from(self.mismatches().count()))])
            }
            Self::NotFound => tr(lang, "registry-person-not-found"),
        }
    }
}

/// Similarity of two values in thousandths: 1000 when equal, otherwise 1000 × (1 − edit
/// distance / length of the longer one), so 0 when nothing is shared.
fn similarity(a: &str, b: &str) -> u32 {
    if a == b {
        return 1000;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1000;
    }
    let distance = levenshtein(&a, &b).min(longer);
    u32::try_from(1000 - distance * 1000 / longer).unwrap_or(0)
}

/// The edit distance between two words (insertions, deletions, substitutions).
pub(crate) fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// How one resident compares with a claim.
struct Comparison {
    fields: Vec<FieldCheck>,
    agreeing: usize,
    name_or_date_agrees: bool,
    score: u32,
}

fn compare_person(claim: &PersonClaim, resident: &Resident) -> Comparison {
    use CheckedField as F;
    let keys = [
        (F::Surname, claim.name.surname.as_str(), resident.name.surname.as_str()),
        (F::Name, claim.name.name.as_str(), resident.name.name.as_str()),
        (
            F::Patronymic,
            claim.name.patronymic.as_deref().unwrap_or(""),
            resident.name.patronymic.as_deref().unwrap_or(""),
        ),
    ];
    let mut fields = Vec::with_capacity(4);
    let mut score = 0;
    for (field, entered, registry) in keys {
        score += similarity(&name_key(entered), &name_key(registry));
        fields.push(FieldCheck::compare(field, entered, registry, name_key));
    }
    let date = FieldCheck::date(claim.birth_date, resident.birth_date);
    let digits = |d: NaiveDate| d.format("%Y%m%d").to_string();
    score += similarity(&digits(claim.birth_date), &digits(resident.birth_date));
    fields.push(date);

    let agreeing = fields.iter().filter(|f| f.matches).count();
    let name_or_date_agrees = fields.iter().any(|f| f.matches && matches!(f.field, F::Name | F::BirthDate));
    Comparison { fields, agreeing, name_or_date_agrees, score }
}

/// Looks for a person named in an appeal among the residents at the applicant's address.
///
/// Residents flagged `left` are never matched. Each remaining resident is compared on surname,
/// name, patronymic (absent on both sides agrees) and birth date:
/// - all four agree on their keys → [`PersonCheck::Matched`] (several such residents, which
///   only a duplicated registry row produces: the lowest id);
/// - otherwise a resident is a *candidate* when at least two of the four fields agree **and**
///   one of them is the given name or the birth date. Surname and patronymic alone are shared
///   by siblings, so they never make someone a candidate: a child missing from the registry is
///   reported as `NotFound`, not as a mismatch with a brother or sister;
/// - the closest candidate wins → [`PersonCheck::Mismatched`]. Closeness is the sum over the
///   four fields of their similarity (1000 for an agreeing field; otherwise 1000 × (1 − edit
///   distance / length) on the name keys, or on the `YYYYMMDD` digits of the birth dates), so
///   a typo («Мрия») or a slip of one digit in a date is closer than another child's name or
///   birthday. Ties go to more agreeing fields, then to the lowest resident id;
/// - no candidate → [`PersonCheck::NotFound`].
pub fn check_household_member(claim: &PersonClaim, household: &[Resident]) -> PersonCheck {
    let mut best: Option<(&Resident, Comparison)> = None;
    for resident in household.iter().filter(|r| !r.left) {
        let comparison = compare_person(claim, resident);
        let closer = match &best {
            None => true,
            Some((b, c)) => {
                (comparison.score, comparison.agreeing, std::cmp::Reverse(resident.id))
                    > (c.score, c.agreeing, std::cmp::Reverse(b.id))
            }
        };
        let exact = comparison.agreeing == comparison.fields.len();
        let candidate = exact || (comparison.agreeing >= 2 && comparison.name_or_date_agrees);
        if candidate && closer {
            best = Some((resident, comparison));
        }
    }
    match best {
        None => PersonCheck::NotFound,
        Some((resident, c)) if c.agreeing == c.fields.len() => PersonCheck::Matched { resident: resident.id },
        Some((resident, c)) => PersonCheck::Mismatched { resident: resident.id, fields: c.fields },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::domain::ids::{DistrictCode, RegistryId};
    use crate::domain::person::RegistrationKind;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn name(surname: &str, name: &str, patronymic: Option<&str>) -> FullName {
        FullName { surname: surname.into(), name: name.into(), patronymic: patronymic.map(Into::into) }
    }

    fn address(
        street: &str,
        house: &str,
        building: Option<&str>,
        structure: Option<&str>,
        flat: Option<&str>,
    ) -> Address {
        Address {
            district: DistrictCode::new("0412"),
            street: street.into(),
            house: house.into(),
            building: building.map(Into::into),
            structure: structure.map(Into::into),
            flat: flat.map(Into::into),
        }
    }

    fn resident(id: i64, full_name: FullName, birth_date: NaiveDate, address: Address) -> Resident {
        Resident {
            id: ResidentId(id),
            registry_id: RegistryId::new(format!("R{id}")),
            name: full_name,
            birth_date,
            address,
            registration_kind: RegistrationKind::Permanent,
            left: false,
        }
    }

    fn arbat() -> Address {
        address("ул. Новый Арбат", "12А", Some("2"), Some("1"), Some("45"))
    }

    fn ivanova() -> Resident {
        resident(1, name("Иванова", "Алёна", Some("Петровна")), date(1985, 4, 12), arbat())
    }

    fn claim_of(r: &Resident) -> IdentityClaim {
        IdentityClaim { name: r.name.clone(), birth_date: r.birth_date, address: r.address.clone() }
    }

    fn mismatched(check: &IdentityCheck) -> Vec<CheckedField> {
        check.mismatches().map(|f| f.field).collect()
    }

    #[test]
    fn identity_tolerates_spelling_variants() {
        let record = ivanova();
        let claim = IdentityClaim {
            name: name(" ИВАНОВА", "алена", Some("петровна ")),
            birth_date: date(1985, 4, 12),
            address: address("Новый Арбат улица", "д. 12 а", Some("корп. 2"), Some("стр. 1"), Some("кв. 45")),
        };
        let check = check_identity(&claim, &record);
        assert!(check.is_match(), "{:?}", check.explanations(Lang::Ru));
        assert_eq!(check.fields.len(), 9);
        assert_eq!(check.fields.iter().map(|f| f.field).collect::<Vec<_>>(), CheckedField::ALL);
        assert_eq!(check.summary(Lang::Ru), "Данные совпадают с реестром ГУ ИС");
    }

    #[test]
    fn a_korpus_or_stroenie_typed_in_the_house_field_counts_when_their_fields_are_empty() {
        let record = resident(
            4,
            name("Петров", "Иван", None),
            date(1970, 1, 1),
            address("ул. Арбат", "17", Some("2"), None, Some("5")),
        );
        let mut claim = claim_of(&record);
        claim.address.building = None;
        for typed in ["17к2", "17 корп. 2", "17 к 2", "д. 17, корпус 2", "17К2"] {
            claim.address.house = typed.into();
            let check = check_identity(&claim, &record);
            assert!(check.is_match(), "{typed}: {:?}", check.explanations(Lang::Ru));
        }
        claim.address.house = "17к3".into();
        let check = check_identity(&claim, &record);
        assert_eq!(mismatched(&check), [CheckedField::Building]);
        assert!(check.explanations(Lang::Ru)[0].contains("«3»"), "{:?}", check.explanations(Lang::Ru));
        // строение
        let record = resident(
            5,
            name("Петров", "Иван", None),
            date(1970, 1, 1),
            address("ул. Арбат", "9", None, Some("1"), None),
        );
        let mut claim = claim_of(&record);
        claim.address.structure = Some(" ".into());
        claim.address.house = "9 стр 1".into();
        assert!(check_identity(&claim, &record).is_match());
        // a корпус field filled in is what is compared: «17к2» in the house with корпус «2» is
        // house «17к2», as typed
        let record = resident(
            6,
            name("Петров", "Иван", None),
            date(1970, 1, 1),
            address("ул. Арбат", "17", Some("2"), None, None),
        );
        let mut claim = claim_of(&record);
        claim.address.house = "17к2".into();
        assert_eq!(mismatched(&check_identity(&claim, &record)), [CheckedField::House]);
    }

    #[test]
    fn identity_abbreviations() {
        let record = resident(
            2,
            name("Петров", "Иван", None),
            date(1970, 1, 1),
            address("Варшавское шоссе", "5", Some("3"), Some("2"), None),
        );
        let mut claim = claim_of(&record);
        for (street, building, structure) in [
            ("Варшавское ш.", "к. 3", "стр. 2"),
            ("ш. Варшавское", "к3", "строение 2"),
            ("варшавское ШОССЕ", "корпус 3", "с2"),
        ] {
            claim.address.street = street.into();
            claim.address.building = Some(building.into());
            claim.address.structure = Some(structure.into());
            claim.address.house = "д. 5".into();
            assert!(check_identity(&claim, &record).is_match(), "{street} {building} {structure}");
        }
        let prospect = resident(
            3,
            name("Петров", "Иван", None),
            date(1970, 1, 1),
            address("Ленинский проспект", "5", None, None, Some("12")),
        );
        let mut claim = claim_of(&prospect);
        claim.address.street = "пр-т Ленинский".into();
        assert!(check_identity(&claim, &prospect).is_match());
    }

    #[test]
    fn identity_double_surnames_and_hyphens() {
        let record = resident(4, name("Римская-Корсакова", "Анна-Мария", Some("Сергеевна")), date(2001, 2, 3), arbat());
        let mut claim = claim_of(&record);
        claim.name.surname = "Римская Корсакова".into();
        claim.name.name = "АННА – МАРИЯ".into();
        assert!(check_identity(&claim, &record).is_match());
        claim.name.surname = "Римская".into();
        assert_eq!(mismatched(&check_identity(&claim, &record)), [CheckedField::Surname]);
    }

    #[test]
    fn identity_patronymic_absent_on_both_sides_or_one() {
        let record = resident(5, name("Смит", "Джон", None), date(1990, 6, 1), arbat());
        let mut claim = claim_of(&record);
        claim.name.patronymic = Some("  ".into());
        assert!(check_identity(&claim, &record).is_match());
        claim.name.patronymic = None;
        assert!(check_identity(&claim, &record).is_match());
        claim.name.patronymic = Some("Иванович".into());
        let check = check_identity(&claim, &record);
        assert_eq!(mismatched(&check), [CheckedField::Patronymic]);
        assert_eq!(check.explanations(Lang::Ru), ["Отчество: указано «Иванович», в реестре ГУ ИС — не указано"]);

        let with = ivanova();
        let mut claim = claim_of(&with);
        claim.name.patronymic = None;
        assert_eq!(
            check_identity(&claim, &with).explanations(Lang::Ru),
            ["Отчество: не указано, в реестре ГУ ИС — «Петровна»"]
        );
    }

    #[test]
    fn identity_reports_field_by_field() {
        let record = ivanova();
        let claim = IdentityClaim {
            name: name("Иванов", "Алена", Some("Петровна")),
            birth_date: date(1985, 12, 4),
            address: address("ул. Новый Арбат", "12Б", None, Some("1"), Some("45")),
        };
        let check = check_identity(&claim, &record);
        assert!(!check.is_match());
        assert_eq!(
            mismatched(&check),
            [CheckedField::Surname, CheckedField::BirthDate, CheckedField::House, CheckedField::Building]
        );
        assert_eq!(
            check.explanations(Lang::Ru),
            [
                "Фамилия: указано «Иванов», в реестре ГУ ИС — «Иванова»",
                "Дата рождения: указано «04.12.1985», в реестре ГУ ИС — «12.04.1985»",
                "Дом: указано «12Б», в реестре ГУ ИС — «12А»",
                "Корпус: не указано, в реестре ГУ ИС — «2»",
            ]
        );
        assert_eq!(check.explanations(Lang::En)[0], "Surname: “Иванов” was entered, the ГУ ИС registry has “Иванова”");
        assert_eq!(check.summary(Lang::Ru), "4 поля не совпадают с реестром ГУ ИС");
        assert_eq!(check.summary(Lang::En), "4 fields differ from the ГУ ИС registry");
        // matching fields are kept with their values
        let street = check.fields.iter().find(|f| f.field == CheckedField::Street).unwrap();
        assert!(street.matches);
        assert_eq!(street.entered, "ул. Новый Арбат");
        assert_eq!(street.registry, "ул. Новый Арбат");
    }

    #[test]
    fn identity_flat_letters() {
        let mut record = ivanova();
        record.address.flat = Some("12А".into());
        let mut claim = claim_of(&record);
        claim.address.flat = Some("12 а".into());
        assert!(check_identity(&claim, &record).is_match());
        claim.address.flat = Some("12Б".into());
        assert_eq!(mismatched(&check_identity(&claim, &record)), [CheckedField::Flat]);
        claim.address.flat = Some("12".into());
        assert_eq!(mismatched(&check_identity(&claim, &record)), [CheckedField::Flat]);
    }

    #[test]
    fn summaries_use_russian_plurals() {
        let check_with = |n: usize| IdentityCheck {
            fields: (0..n)
                .map(|_| FieldCheck {
                    field: CheckedField::Name,
                    entered: "a".into(),
                    registry: "b".into(),
                    matches: false,
                })
                .collect(),
        };
        assert_eq!(check_with(1).summary(Lang::Ru), "1 поле не совпадает с реестром ГУ ИС");
        assert_eq!(check_with(2).summary(Lang::Ru), "2 поля не совпадают с реестром ГУ ИС");
        assert_eq!(check_with(5).summary(Lang::Ru), "5 полей не совпадают с реестром ГУ ИС");
        assert_eq!(check_with(1).summary(Lang::En), "1 field differs from the ГУ ИС registry");
    }

    #[test]
    fn every_field_has_a_label() {
        for field in CheckedField::ALL {
            assert!(crate::i18n::has_message(field.message_id()), "{field:?}");
        }
        assert_eq!(CheckedField::Surname.label(Lang::Ru), "Фамилия");
        assert_eq!(CheckedField::BirthDate.label(Lang::Ru), "Дата рождения");
        assert_eq!(CheckedField::Building.label(Lang::Ru), "Корпус");
        assert_eq!(CheckedField::Building.label(Lang::En), "Building");
    }

    /// A large family: parents and four children, two of them twins with close names.
    fn household() -> Vec<Resident> {
        let a = arbat();
        vec![
            resident(10, name("Соколов", "Андрей", Some("Викторович")), date(1980, 3, 2), a.clone()),
            resident(11, name("Соколова", "Елена", Some("Игоревна")), date(1982, 7, 19), a.clone()),
            resident(12, name("Соколова", "Мария", Some("Андреевна")), date(2012, 5, 14), a.clone()),
            resident(13, name("Соколова", "Дарья", Some("Андреевна")), date(2015, 9, 1), a.clone()),
            resident(14, name("Соколова", "Дария", Some("Андреевна")), date(2015, 9, 1), a.clone()),
            resident(15, name("Соколов", "Артём", Some("Андреевич")), date(2018, 9, 11), a),
        ]
    }

    fn child(surname: &str, first: &str, patronymic: &str, birth: NaiveDate) -> PersonClaim {
        PersonClaim { name: name(surname, first, Some(patronymic)), birth_date: birth }
    }

    #[test]
    fn household_exact_match_picks_the_right_twin() {
        let h = household();
        let dasha = child("СОКОЛОВА", "дарья", "Андреевна", date(2015, 9, 1));
        assert_eq!(check_household_member(&dasha, &h), PersonCheck::Matched { resident: ResidentId(13) });
        let daria = child("Соколова", "Дария", "Андреевна", date(2015, 9, 1));
        assert_eq!(check_household_member(&daria, &h), PersonCheck::Matched { resident: ResidentId(14) });
        let artyom = child("Соколов", "Артем", "Андреевич", date(2018, 9, 11));
        assert_eq!(check_household_member(&artyom, &h), PersonCheck::Matched { resident: ResidentId(15) });
    }

    #[test]
    fn household_typo_in_a_name_goes_to_the_closest_child() {
        let h = household();
        // «Мрия» with Мария's birthday: Мария, not one of the twins
        let check = check_household_member(&child("Соколова", "Мрия", "Андреевна", date(2012, 5, 14)), &h);
        assert_eq!(check.resident(), Some(ResidentId(12)));
        assert_eq!(check.mismatches().map(|f| f.field).collect::<Vec<_>>(), [CheckedField::Name]);
        // «Дрья» on the twins' birthday: Дарья (one edit) rather than Дария (two), and back
        let check = check_household_member(&child("Соколова", "Дрья", "Андреевна", date(2015, 9, 1)), &h);
        assert_eq!(check.resident(), Some(ResidentId(13)));
        let check = check_household_member(&child("Соколова", "Дрия", "Андреевна", date(2015, 9, 1)), &h);
        assert_eq!(check.resident(), Some(ResidentId(14)));
    }

    #[test]
    fn household_typo_in_a_birth_date_goes_to_the_closest_child() {
        let h = household();
        // Мария with the day and month slipped by a digit
        let check = check_household_member(&child("Соколова", "Мария", "Андреевна", date(2012, 5, 15)), &h);
        let PersonCheck::Mismatched { resident, fields } = &check else { panic!("{check:?}") };
        assert_eq!(*resident, ResidentId(12));
        assert_eq!(fields.len(), 4);
        let date_field = fields.iter().find(|f| f.field == CheckedField::BirthDate).unwrap();
        assert!(!date_field.matches);
        assert_eq!((date_field.entered.as_str(), date_field.registry.as_str()), ("15.05.2012", "14.05.2012"));
        assert!(fields.iter().filter(|f| f.field != CheckedField::BirthDate).all(|f| f.matches));
        assert!(check.needs_attention());
        assert_eq!(
            check.summary(Lang::Ru),
            "В реестре ГУ ИС по этому адресу есть похожая запись, но 1 поле не совпадает"
        );
        // Дарья with the twins' birthday off by a day is still Дарья, not Дария
        let check = check_household_member(&child("Соколова", "Дарья", "Андреевна", date(2015, 9, 2)), &h);
        assert_eq!(check.resident(), Some(ResidentId(13)));
    }

    #[test]
    fn household_father_and_son_of_the_same_name() {
        let a = arbat();
        let h = vec![
            resident(20, name("Кузнецов", "Иван", Some("Иванович")), date(1975, 2, 11), a.clone()),
            resident(21, name("Кузнецов", "Иван", Some("Иванович")), date(2014, 5, 10), a),
        ];
        let son = child("Кузнецов", "Иван", "Иванович", date(2014, 5, 1));
        let check = check_household_member(&son, &h);
        assert_eq!(check.resident(), Some(ResidentId(21)));
        assert_eq!(check.mismatches().map(|f| f.field).collect::<Vec<_>>(), [CheckedField::BirthDate]);
    }

    #[test]
    fn household_sibling_sharing_only_surname_and_patronymic_is_not_a_candidate() {
        let h = household();
        // a newborn not yet in the registry
        let check = check_household_member(&child("Соколова", "Ольга", "Андреевна", date(2024, 1, 20)), &h);
        assert_eq!(check, PersonCheck::NotFound);
        assert!(check.needs_attention());
        assert_eq!(check.summary(Lang::Ru), "Среди жителей этого адреса в реестре ГУ ИС совпадений нет");
        assert_eq!(
            check_household_member(&child("Петров", "Пётр", "Петрович", date(2000, 1, 1)), &h),
            PersonCheck::NotFound
        );
        assert_eq!(
            check_household_member(&child("Соколова", "Ольга", "Андреевна", date(2024, 1, 20)), &[]),
            PersonCheck::NotFound
        );
    }

    #[test]
    fn household_different_surname_same_child() {
        let h = household();
        // the child carries the mother's maiden name in the claim
        let check = check_household_member(&child("Белова", "Мария", "Андреевна", date(2012, 5, 14)), &h);
        assert_eq!(check.resident(), Some(ResidentId(12)));
        assert_eq!(check.mismatches().map(|f| f.field).collect::<Vec<_>>(), [CheckedField::Surname]);
    }

    #[test]
    fn household_ignores_residents_who_left() {
        let mut h = household();
        h[2].left = true; // Мария moved out
        let maria = child("Соколова", "Мария", "Андреевна", date(2012, 5, 14));
        assert_eq!(check_household_member(&maria, &h), PersonCheck::NotFound);
        // and a left duplicate does not shadow the one still living there
        let mut moved = h[3].clone();
        moved.id = ResidentId(9);
        moved.left = true;
        h.push(moved);
        let dasha = child("Соколова", "Дарья", "Андреевна", date(2015, 9, 1));
        assert_eq!(check_household_member(&dasha, &h), PersonCheck::Matched { resident: ResidentId(13) });
    }

    #[test]
    fn household_patronymic_absent_on_both_sides() {
        let h = vec![resident(30, name("Смит", "Анна", None), date(2016, 3, 3), arbat())];
        let anna = PersonClaim { name: name("смит", "Анна", None), birth_date: date(2016, 3, 3) };
        assert_eq!(check_household_member(&anna, &h), PersonCheck::Matched { resident: ResidentId(30) });
        let with =
            PersonClaim { name: name("Смит", "Анна", Some("Джоновна")), birth_date: date(2016, 3, 3) };
        let check = check_household_member(&with, &h);
        assert_eq!(check.mismatches().map(|f| f.field).collect::<Vec<_>>(), [CheckedField::Patronymic]);
    }

    #[test]
    fn duplicate_exact_rows_give_the_lowest_id() {
        let mut h = household();
        let mut dup = h[5].clone();
        dup.id = ResidentId(3);
        h.push(dup);
        let artyom = child("Соколов", "Артём", "Андреевич", date(2018, 9, 11));
        assert_eq!(check_household_member(&artyom, &h), PersonCheck::Matched { resident: ResidentId(3) });
    }

    #[test]
    fn similarity_and_distance() {
        assert_eq!(levenshtein(&['a', 'b'], &['a', 'b']), 0);
        assert_eq!(levenshtein(&"мария".chars().collect::<Vec<_>>(), &"мрия".chars().collect::<Vec<_>>()), 1);
        assert_eq!(levenshtein(&[], &['a', 'b']), 2);
        assert_eq!(similarity("", ""), 1000);
        assert_eq!(similarity("", "аб"), 0);
        assert_eq!(similarity("мария", "мрия"), 800);
        assert!(similarity("дрья", "дарья") > similarity("дрья", "дария"));
        assert_eq!(similarity("20120514", "20120515"), 875);
    }

    /// Checks are stored with the appeal: they survive a serde round trip, with stable names.
    #[test]
    fn results_serialise() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Stored {
            identity: IdentityCheck,
            people: Vec<PersonCheck>,
        }
        let record = ivanova();
        let mut claim = claim_of(&record);
        claim.name.surname = "Иванов".into();
        let stored = Stored {
            identity: check_identity(&claim, &record),
            people: vec![
                PersonCheck::Matched { resident: ResidentId(1) },
                check_household_member(&child("Соколова", "Мрия", "Андреевна", date(2012, 5, 14)), &household()),
                PersonCheck::NotFound,
            ],
        };
        let text = toml::to_string(&stored).unwrap();
        assert!(text.contains("outcome = \"mismatched\""), "{text}");
        assert!(text.contains("field = \"birth_date\""), "{text}");
        assert!(text.contains("outcome = \"not_found\""), "{text}");
        let back: Stored = toml::from_str(&text).unwrap();
        assert_eq!(back, stored);
    }

    fn name_word() -> impl Strategy<Value = String> {
        prop_oneof![
            "[А-ЯЁ][а-яё]{1,9}",
            ("[А-ЯЁ][а-яё]{1,9}", "[А-ЯЁ][а-яё]{1,9}").prop_map(|(a, b)| format!("{a}-{b}")),
        ]
    }

    /// Street types that must agree with one another, each with its spellings.
    const STREET_TYPES: &[&[&str]] = &[
        &["ул.", "улица", "ул", "УЛ."],
        &["пр-т", "проспект", "просп.", "пр-кт"],
        &["ш.", "шоссе"],
        &["пер.", "переулок"],
        &["б-р", "бульвар"],
        &["наб.", "набережная"],
        &["пр-д", "проезд"],
    ];

    #[derive(Debug, Clone)]
    struct Variant {
        upper: Vec<bool>,
        drop_yo: bool,
        hyphen: &'static str,
        type_spelling: usize,
        type_first: bool,
        house_style: usize,
    }

    fn variant() -> impl Strategy<Value = Variant> {
        (
            prop::collection::vec(any::<bool>(), 40),
            any::<bool>(),
            prop::sample::select(vec!["-", " ", " – ", "—", " - "]),
            0usize..4,
            any::<bool>(),
            0usize..4,
        )
            .prop_map(|(upper, drop_yo, hyphen, type_spelling, type_first, house_style)| Variant {
                upper,
                drop_yo,
                hyphen,
                type_spelling,
                type_first,
                house_style,
            })
    }

    /// Retypes a name the way a person might: other case, «е» for «ё», other hyphens.
    fn retype(s: &str, v: &Variant) -> String {
        let s = s.replace('-', v.hyphen);
        let s = if v.drop_yo { s.replace('ё', "е").replace('Ё', "Е") } else { s };
        recase(&s, v)
    }

    /// Changes the case of letters the way the variant says.
    fn recase(s: &str, v: &Variant) -> String {
        let flip = |(i, c): (usize, char)| {
            if v.upper[i % v.upper.len()] { c.to_uppercase().to_string() } else { c.to_lowercase().to_string() }
        };
        s.chars().enumerate().map(flip).collect()
    }

    fn street(name: &str, kind: &[&str], spelling: usize, type_first: bool) -> String {
        let t = kind[spelling % kind.len()];
        if type_first { format!("{t} {name}") } else { format!("{name} {t}") }
    }

    fn house_variant(number: u32, letter: &str, style: usize) -> String {
        match style {
            0 => format!("{number}{letter}"),
            1 => format!("д. {number} {}", letter.to_lowercase()),
            2 if !letter.is_empty() => format!("{number}-{letter}"),
            _ => format!("дом {number}{}", letter.to_lowercase()),
        }
    }

    /// A street name that is not itself a street-type or size word («Ул», «Пл»): it stays the
    /// name on its own and beside a street type (a street «Пл» beside «пр-т» is two types).
    fn street_name() -> impl Strategy<Value = String> {
        name_word().prop_filter("a street-type word", |w| {
            street_key(w) == name_key(w) && street_key(&format!("пр-т {w}")) == name_key(w)
        })
    }

    fn record_strategy() -> impl Strategy<Value = (Resident, usize, String, String, u32)> {
        (
            name_word(),
            name_word(),
            prop::option::of(name_word()),
            (1900i32..2024, 1u32..13, 1u32..29),
            (street_name(), 0..STREET_TYPES.len()),
            (1u32..300, prop::sample::select(vec!["", "А", "Б", "В"])),
            (
                prop::option::of(1u32..10),
                prop::option::of(1u32..10),
                prop::option::of((1u32..900, prop::sample::select(vec!["", "А"]))),
            ),
        )
            .prop_map(
                |(
                    surname,
                    first,
                    patronymic,
                    (y, m, d),
                    (street_name, kind),
                    (house, letter),
                    (building, structure, flat),
                )| {
                    let address = Address {
                        district: DistrictCode::new("0412"),
                        street: street(&street_name, STREET_TYPES[kind], 0, true),
                        house: format!("{house}{letter}"),
                        building: building.map(|b| b.to_string()),
                        structure: structure.map(|s| s.to_string()),
                        flat: flat.map(|(f, l)| format!("{f}{l}")),
                    };
                    let r = resident(1, name(&surname, &first, patronymic.as_deref()), date(y, m, d), address);
                    (r, kind, street_name, letter.to_owned(), house)
                },
            )
    }

    proptest! {
        #[test]
        fn a_record_matches_itself((record, ..) in record_strategy()) {
            let check = check_identity(&claim_of(&record), &record);
            prop_assert!(check.is_match(), "{:?}", check.explanations(Lang::En));
        }

        #[test]
        fn a_record_matches_itself_retyped((record, kind, street_name, letter, house) in record_strategy(), v in variant()) {
            let claim = IdentityClaim {
                name: FullName {
                    surname: retype(&record.name.surname, &v),
                    name: retype(&record.name.name, &v),
                    patronymic: record.name.patronymic.as_deref().map(|p| retype(p, &v)),
                },
                birth_date: record.birth_date,
                address: Address {
                    district: record.address.district.clone(),
                    street: recase(
                        &street(&retype(&street_name, &v), STREET_TYPES[kind], v.type_spelling, v.type_first),
                        &v,
                    ),
                    house: house_variant(house, &letter, v.house_style),
                    building: record.address.building.as_ref().map(|b| format!("корп. {b}")),
                    structure: record.address.structure.as_ref().map(|s| format!("стр. {s}")),
                    flat: record.address.flat.as_ref().map(|f| format!("кв. {}", f.to_lowercase())),
                },
            };
            let check = check_identity(&claim, &record);
            prop_assert!(check.is_match(), "{:?}", check.explanations(Lang::En));
        }

        #[test]
        fn a_person_matches_their_own_record((record, ..) in record_strategy(), v in variant()) {
            let claim = PersonClaim {
                name: FullName {
                    surname: retype(&record.name.surname, &v),
                    name: retype(&record.name.name, &v),
                    patronymic: record.name.patronymic.as_deref().map(|p| retype(p, &v)),
                },
                birth_date: record.birth_date,
            };
            let mut other = record.clone();
            other.id = ResidentId(2);
            other.name.name = format!("{}а", other.name.name);
            let household = [other, record.clone()];
            prop_assert_eq!(check_household_member(&claim, &household), PersonCheck::Matched { resident: record.id });
        }
    }
}
