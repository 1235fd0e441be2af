//! People and places as the ГУ ИС housing registry records them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{DistrictCode, RegistryId, ResidentId};

/// The earliest birth date the registry holds (its import refuses earlier ones), and so the
/// earliest date any form takes: a year before it is a typo.
pub const EARLIEST_BIRTH_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Surname, name and patronymic, as typed (the registry's spelling for residents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullName {
    pub surname: String,
    pub name: String,
    /// Not everyone has one.
    pub patronymic: Option<String>,
}

impl FullName {
    /// «Иванова Мария Петровна».
    pub fn full(&self) -> String {
        match &self.patronymic {
            Some(p) => format!("{} {} {}", self.surname, self.name, p),
            None => format!("{} {}", self.surname, self.name),
        }
    }

    /// «Иванова М. П.», for slips and lists where the full name is not needed.
    pub fn with_initials(&self) -> String {
        let initial = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
        match &self.patronymic {
            Some(p) => format!("{} {} {}", self.surname, initial(&self.name), initial(p)),
            None => format!("{} {}", self.surname, initial(&self.name)),
        }
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

/// An address in Moscow as the registry keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub district: DistrictCode,
    /// «ул. Новый Арбат», «Ленинский пр-т».
    pub street: String,
    /// «12», «12А», «12/2».
    pub house: String,
    /// Корпус.
    pub building: Option<String>,
    /// Строение.
    pub structure: Option<String>,
    /// «45», «12А»; none for a private house.
    pub flat: Option<String>,
}

impl Address {
    /// «ул. Новый Арбат, д. 12, корп. 2, стр. 1, кв. 45».
    pub fn line(&self) -> String {
        let mut s = format!("{}, д. {}", self.street, bare(&self.house, &["дом", "д"]));
        if let Some(b) = &self.building {
            s.push_str(&format!(", корп. {}", bare(b, &["корпус", "корп", "к"])));
        }
        if let Some(st) = &self.structure {
            s.push_str(&format!(", стр. {}", bare(st, &["строение", "стр"])));
        }
        if let Some(f) = &self.flat {
            s.push_str(&format!(", кв. {}", bare(f, &["квартира", "кв"])));
        }
        s
    }
}

/// A house part without the word a resident may have typed before it («д. 9», «кв.7»), so
/// that a line does not read «д. д. 9». A part that is only the word stays as it is.
fn bare<'a>(part: &'a str, words: &[&str]) -> &'a str {
    let trimmed = part.trim();
    for word in words {
        let Some(head) = trimmed.get(..word.len()) else { continue };
        if !head.eq_ignore_ascii_case(word) && head.to_lowercase() != *word {
            continue;
        }
        let rest = &trimmed[word.len()..];
        // the word must end there: «д. 9», «д 9», «кв.7» — not «дом» read as «д» + «ом»
        let Some(next) = rest.chars().next() else { continue };
        if !(next == '.' || next.is_whitespace() || next.is_ascii_digit()) {
            continue;
        }
        let value = rest.trim_start_matches(|c: char| c == '.' || c.is_whitespace());
        if !value.is_empty() {
            return value;
        }
    }
    trimmed
}

/// On what terms a resident lives at the address (the seed's "registered, or living under a
/// contract with the owner").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegistrationKind {
    /// Постоянная регистрация.
    Permanent,
    /// Временная регистрация.
    Temporary,
    /// Проживание по договору с собственником.
    Contract,
}

impl RegistrationKind {
    pub const ALL: [RegistrationKind; 3] = [Self::Permanent, Self::Temporary, Self::Contract];

    /// The canonical CSV and database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Permanent => "permanent",
            Self::Temporary => "temporary",
            Self::Contract => "contract",
        }
    }

    /// Parses the canonical spelling and the Russian words registry exports use, including
    /// the legal terms: «по месту жительства» (permanent), «по месту пребывания» (temporary),
    /// with or without «регистрация»; case, «ё» and spacing do not matter.
    pub fn parse(s: &str) -> Option<Self> {
        let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase().replace('ё', "е")).collect();
        let text = words.join(" ");
        let text = text.trim_end_matches('.');
        let text = text.strip_prefix("регистрация ").unwrap_or(text);
        let text = text.strip_suffix(" регистрация").unwrap_or(text);
        match text {
            "permanent" | "постоянная" | "постоянно" | "п" | "по месту жительства" | "место жительства" => {
                Some(Self::Permanent)
            }
            "temporary" | "временная" | "временно" | "в" | "по месту пребывания" | "место пребывания" => {
                Some(Self::Temporary)
            }
            "contract" | "договор" | "по договору" | "д" => Some(Self::Contract),
            _ => None,
        }
    }

    /// Message id of its human name.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Permanent => "registration-kind-permanent",
            Self::Temporary => "registration-kind-temporary",
            Self::Contract => "registration-kind-contract",
        }
    }
}

/// A person in the ГУ ИС registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub id: ResidentId,
    pub registry_id: RegistryId,
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub address: Address,
    pub registration_kind: RegistrationKind,
    /// Set when a re-import no longer lists the resident.
    pub left: bool,
}
