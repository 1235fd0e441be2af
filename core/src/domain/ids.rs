//! Identifier newtypes, so an appeal id cannot be passed where a resident id is meant.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! row_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

row_id!(
    /// A resident of the ГУ ИС registry (our row id, not the registry's own id).
    ResidentId,
    /// An applicant account (the link between a resident and a PIN).
    AccountId,
    /// An appeal (обращение).
    AppealId,
    /// An event on an appeal's timeline.
    EventId,
    /// A question asked without a PIN.
    QuestionId,
    /// A clerk, supervisor or administrator.
    ClerkId,
    /// A document attached to an appeal.
    DocumentId,
    /// A row of the mail outbox.
    OutboxId,
    /// A registry import run.
    ImportId,
);

macro_rules! code {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a code that was already validated (read back from the database or the
            /// catalogue). Input from people goes through the parsers instead.
            pub fn new(code: impl Into<String>) -> Self {
                Self(code.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )*};
}

code!(
    /// A district's code, four digits (e.g. `0412`); it appears in appeal numbers.
    DistrictCode,
    /// A service of the catalogue, e.g. `large-family-certificate`.
    ServiceCode,
    /// A stage of a service, e.g. `verification`.
    StageCode,
    /// An original document a service may ask for, e.g. `passport`.
    OriginalCode,
    /// A refusal ground of the catalogue, e.g. `incomplete-data`.
    GroundCode,
    /// The ГУ ИС registry's own id of a resident; the key for re-imports.
    RegistryId,
);

impl DistrictCode {
    /// Parses a district code: exactly four ASCII digits.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| Self(s.to_owned()))
    }
}

/// Parses a catalogue code: 1–64 characters of `a-z`, `0-9` and `-`, starting with a letter.
pub fn is_valid_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_codes_are_four_digits() {
        assert_eq!(DistrictCode::parse(" 0412 ").map(|c| c.0), Some("0412".to_owned()));
        assert!(DistrictCode::parse("412").is_none());
        assert!(DistrictCode::parse("04120").is_none());
        assert!(DistrictCode::parse("04a2").is_none());
    }

    #[test]
    fn catalogue_codes() {
        assert!(is_valid_code("large-family-certificate"));
        assert!(is_valid_code("stage2"));
        assert!(!is_valid_code("2stage"));
        assert!(!is_valid_code("Большой"));
        assert!(!is_valid_code(""));
    }
}
