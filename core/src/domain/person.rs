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
        let mut s = format!("{}, д. {}", self.street, self.house);
        if let Some(b) = &self.building {
            s.push_str(&format!(", корп. {b}"));
        }
        if let Some(st) = &self.structure {
            s.push_str(&format!(", стр. {st}"));
        }
        if let Some(f) = &self.flat {
            s.push_str(&format!(", кв. {f}"));
        }
        s
    }
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

    /// Parses the canonical spelling and the Russian words registry exports use.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "permanent" | "постоянная" | "постоянно" | "п" => Some(Self::Permanent),
            "temporary" | "временная" | "временно" | "в" => Some(Self::Temporary),
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
