//! The service catalogue and its refusal grounds.
//!
//! A council's catalogue is a TOML file (see `core/catalogue/default.toml`, the one shipped and
//! loaded into a new database). [`Catalogue::from_toml`] parses and validates the whole file,
//! collecting every problem, so an administrator fixes it in one pass. Code past this boundary
//! relies on the invariants checked here:
//! - codes are well-formed and unique (services; stages, originals, grounds and fields within
//!   a service);
//! - a no-visit service never lists originals, so it can never enter `originals_required`;
//! - a consultation is no-visit and answered within 30 calendar days (59-ФЗ);
//! - a document service has at least one stage;
//! - every service has at least one ground for refusing to register and one for refusing to
//!   provide the service, each with a "how to fix it" text, in Russian and English.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{GroundCode, OriginalCode, ServiceCode, StageCode, is_valid_code};
use crate::clock::{DayUnit, Term};
use crate::i18n::Lang;

/// The catalogue shipped with e-Reception and loaded into a new database.
pub const DEFAULT_CATALOGUE: &str = include_str!("../../catalogue/default.toml");

/// A text the catalogue holds in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    pub ru: String,
    pub en: String,
}

impl LocalText {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        LocalText { ru: ru.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    fn is_complete(&self) -> bool {
        !self.ru.trim().is_empty() && !self.en.trim().is_empty()
    }
}

/// What a service produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    /// A certificate, an extract or another document.
    Document,
    /// An answer to a question from a specialist.
    Consultation,
}

impl ServiceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Document => "document",
            ServiceKind::Consultation => "consultation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "document" => Some(ServiceKind::Document),
            "consultation" => Some(ServiceKind::Consultation),
            _ => None,
        }
    }
}

/// A stage an appeal passes while the service is provided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub code: StageCode,
    pub title: LocalText,
}

/// An original document the council may ask the applicant to bring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Original {
    pub code: OriginalCode,
    pub title: LocalText,
}

/// Which decision a ground justifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroundKind {
    /// Refusal to register an appeal (it was filled in incorrectly).
    Register,
    /// Refusal to provide the service after registration (210-ФЗ).
    Provide,
}

/// A ground for refusal, with the way to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ground {
    pub code: GroundCode,
    /// What is wrong: «Не указаны сведения о детях».
    pub text: LocalText,
    /// How to fix it: «Подайте обращение повторно, указав всех детей младше 18 лет».
    pub remedy: LocalText,
}

/// One option of a choice field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub code: String,
    pub label: LocalText,
}

/// The kind of value a service field takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text { max_len: u16 },
    /// Several lines of text.
    LongText { max_len: u16 },
    /// A date; `past_only` refuses dates after today.
    Date {
        #[serde(default)]
        past_only: bool,
    },
    /// A whole number within bounds.
    Number { min: i64, max: i64 },
    /// One of the listed options.
    Choice { options: Vec<ChoiceOption> },
    /// A list of other people (surname, name, patronymic, birth date), matched against the
    /// residents at the applicant's address.
    Persons { min: u8, max: u8 },
}

/// A field a service asks for beyond the applicant's registration data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub key: String,
    pub label: LocalText,
    #[serde(default)]
    pub hint: Option<LocalText>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
}

/// A service of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub code: ServiceCode,
    pub kind: ServiceKind,
    /// Processed without a visit: it ends with a document issued electronically or an
    /// answer, and never asks for originals.
    pub no_visit: bool,
    /// The deadline, counted from the day after filing.
    pub term: Term,
    pub title: LocalText,
    pub description: LocalText,
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldSpec>,
    #[serde(default, rename = "original")]
    pub originals: Vec<Original>,
    #[serde(default, rename = "stage")]
    pub stages: Vec<Stage>,
    #[serde(default, rename = "register_ground")]
    pub register_grounds: Vec<Ground>,
    #[serde(default, rename = "provide_ground")]
    pub provide_grounds: Vec<Ground>,
}

impl Service {
    pub fn stage(&self, code: &StageCode) -> Option<&Stage> {
        self.stages.iter().find(|s| &s.code == code)
    }

    pub fn original(&self, code: &OriginalCode) -> Option<&Original> {
        self.originals.iter().find(|o| &o.code == code)
    }

    pub fn grounds(&self, kind: GroundKind) -> &[Ground] {
        match kind {
            GroundKind::Register => &self.register_grounds,
            GroundKind::Provide => &self.provide_grounds,
        }
    }

    pub fn ground(&self, kind: GroundKind, code: &GroundCode) -> Option<&Ground> {
        self.grounds(kind).iter().find(|g| &g.code == code)
    }

    /// The stage after `current`, or the first stage when there is none yet.
    pub fn next_stage(&self, current: Option<&StageCode>) -> Option<&Stage> {
        match current {
            None => self.stages.first(),
            Some(code) => {
                let pos = self.stages.iter().position(|s| &s.code == code)?;
                self.stages.get(pos + 1)
            }
        }
    }

    /// True for services that end with a document handed over at the office.
    pub fn ends_with_visit(&self) -> bool {
        self.kind == ServiceKind::Document && !self.no_visit
    }
}

/// Field names of the applicant's registration data, which service fields may not reuse.
pub const IDENTITY_FIELDS: &[&str] = &[
    "surname",
    "name",
    "patronymic",
    "birth_date",
    "street",
    "house",
    "building",
    "structure",
    "flat",
    "email",
    "csrf",
];

/// A validated catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    #[serde(rename = "service")]
    services: Vec<Service>,
}

/// Problems found in a catalogue file, every one of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogueError {
    pub problems: Vec<String>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the catalogue has {} problem(s):", self.problems.len())?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl Catalogue {
    /// Parses and validates a catalogue file.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue =
            toml::from_str(text).map_err(|e| CatalogueError { problems: vec![e.to_string()] })?;
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// Builds a catalogue from services already stored (and so already validated once);
    /// validates again, since a database can be edited by hand.
    pub fn from_services(services: Vec<Service>) -> Result<Catalogue, CatalogueError> {
        let catalogue = Catalogue { services };
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// The catalogue shipped with e-Reception.
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_toml(DEFAULT_CATALOGUE)
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    pub fn get(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code.as_str() == code)
    }

    /// Serialises back to the TOML format `from_toml` reads.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string_pretty(self)
    }

    fn validate(&self) -> Result<(), CatalogueError> {
        let mut problems = Vec::new();
        if self.services.is_empty() {
            problems.push("the catalogue lists no services".to_owned());
        }
        let mut codes = HashSet::new();
        for service in &self.services {
            validate_service(service, &mut problems);
            if !codes.insert(service.code.as_str()) {
                problems.push(format!("service `{}` is listed twice", service.code));
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(CatalogueError { problems }) }
    }
}

fn validate_service(s: &Service, problems: &mut Vec<String>) {
    let at = |what: &str| format!("service `{}`: {what}", s.code);
    if !is_valid_code(s.code.as_str()) {
        problems.push(at("the code must be 1–64 characters of a-z, 0-9 and '-', starting with a letter"));
    }
    if !s.title.is_complete() {
        problems.push(at("the title needs both `ru` and `en`"));
    }
    if !s.description.is_complete() {
        problems.push(at("the description needs both `ru` and `en`"));
    }
    if s.term.days() > 365 {
        problems.push(at("the term must be at most 365 days"));
    }
    match s.kind {
        ServiceKind::Consultation => {
            if !s.no_visit {
                problems.push(at("a consultation is always provided without a visit (no_visit = true)"));
            }
            if s.term.unit() != DayUnit::Calendar || s.term.days() > 30 {
                problems.push(at("a consultation is answered within at most 30 calendar days (59-ФЗ)"));
            }
        }
        ServiceKind::Document => {
            if s.stages.is_empty() {
                problems.push(at("a document service needs at least one stage"));
            }
        }
    }
    if s.no_visit && !s.originals.is_empty() {
        problems.push(at("a no-visit service cannot ask for originals"));
    }
    if s.register_grounds.is_empty() {
        problems.push(at("list at least one ground for refusing to register (register_ground)"));
    }
    if s.provide_grounds.is_empty() {
        problems.push(at("list at least one ground for refusing to provide the service (provide_ground)"));
    }
    unique_codes(s.stages.iter().map(|x| (x.code.as_str(), &x.title)), "stage", &at, problems);
    unique_codes(s.originals.iter().map(|x| (x.code.as_str(), &x.title)), "original", &at, problems);
    for (kind, grounds) in [("register_ground", &s.register_grounds), ("provide_ground", &s.provide_grounds)] {
        unique_codes(grounds.iter().map(|g| (g.code.as_str(), &g.text)), kind, &at, problems);
        for g in grounds.iter() {
            if !g.remedy.is_complete() {
                problems.push(at(&format!("{kind} `{}` needs a remedy in both `ru` and `en`", g.code)));
            }
        }
    }
    let mut keys = HashSet::new();
    for f in &s.fields {
        let valid_key = !f.key.is_empty()
            && f.key.len() <= 40
            && f.key.starts_with(|c: char| c.is_ascii_lowercase())
            && f.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_key {
            problems.push(at(&format!("field key `{}` must be a-z, 0-9 and '_' starting with a letter", f.key)));
        }
        if IDENTITY_FIELDS.contains(&f.key.as_str()) {
            problems.push(at(&format!("field key `{}` is reserved for the registration data", f.key)));
        }
        if !keys.insert(f.key.as_str()) {
            problems.push(at(&format!("field `{}` is listed twice", f.key)));
        }
        if !f.label.is_complete() {
            problems.push(at(&format!("field `{}` needs a label in both `ru` and `en`", f.key)));
        }
        match &f.kind {
            FieldKind::Text { max_len } | FieldKind::LongText { max_len } if *max_len == 0 => {
                problems.push(at(&format!("field `{}`: max_len must be positive", f.key)));
            }
            FieldKind::Number { min, max } if min > max => {
                problems.push(at(&format!("field `{}`: min is above max", f.key)));
            }
            FieldKind::Choice { options } => {
                if options.is_empty() {
                    problems.push(at(&format!("field `{}` lists no options", f.key)));
                }
                let mut seen = HashSet::new();
                for o in options {
                    if !seen.insert(o.code.as_str()) || !o.label.is_complete() || o.code.is_empty() {
                        problems.push(at(&format!(
                            "field `{}`: option `{}` is repeated, empty or lacks a label",
                            f.key, o.code
                        )));
                    }
                }
            }
            FieldKind::Persons { min, max } if *max == 0 || min > max || *max > 20 => {
                problems.push(at(&format!("field `{}`: persons need 0 ≤ min ≤ max ≤ 20, max ≥ 1", f.key)));
            }
            _ => {}
        }
    }
}

fn unique_codes<'a>(
    items: impl Iterator<Item = (&'a str, &'a LocalText)>,
    what: &str,
    at: &dyn Fn(&str) -> String,
    problems: &mut Vec<String>,
) {
    let mut seen = HashSet::new();
    for (code, title) in items {
        if !is_valid_code(code) {
            problems.push(at(&format!("{what} code `{code}` is not a-z, 0-9 and '-'")));
        }
        if !seen.insert(code) {
            problems.push(at(&format!("{what} `{code}` is listed twice")));
        }
        if !title.is_complete() {
            problems.push(at(&format!("{what} `{code}` needs a text in both `ru` and `en`")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_is_valid_and_has_the_seed_services() {
        let c = Catalogue::builtin().expect("shipped catalogue is valid");
        for code in ["large-family-certificate", "house-register-extract", "unified-housing-document", "consultation"] {
            assert!(c.get(code).is_some(), "{code} missing");
        }
        let lfc = c.get("large-family-certificate").expect("present");
        assert!(lfc.no_visit, "the large-family certificate runs without a visit (seed)");
        let consultation = c.get("consultation").expect("present");
        assert!(consultation.no_visit);
        assert_eq!(consultation.kind, ServiceKind::Consultation);
        let extract = c.get("house-register-extract").expect("present");
        assert!(extract.ends_with_visit());
        assert!(!extract.originals.is_empty());
    }

    #[test]
    fn round_trips_through_toml() {
        let c = Catalogue::builtin().expect("valid");
        let text = c.to_toml().expect("serialises");
        assert_eq!(Catalogue::from_toml(&text).expect("parses"), c);
    }

    #[test]
    fn no_visit_service_with_originals_is_refused() {
        let mut c = Catalogue::builtin().expect("valid");
        let extract = c.services[1].originals.clone();
        let lfc = c.services.iter_mut().find(|s| s.code.as_str() == "large-family-certificate").expect("present");
        lfc.originals = extract;
        let err = Catalogue::from_services(c.services).expect_err("must be refused");
        assert!(err.problems.iter().any(|p| p.contains("cannot ask for originals")), "{err}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = r#"
[[service]]
code = "Bad Code"
kind = "consultation"
no_visit = false
term = { days = 45, unit = "working" }
title = { ru = "", en = "x" }
description = { ru = "x", en = "x" }
"#;
        let err = Catalogue::from_toml(text).expect_err("invalid");
        assert!(err.problems.len() >= 5, "{err}");
    }

    #[test]
    fn next_stage_walks_the_list() {
        let c = Catalogue::builtin().expect("valid");
        let s = c.get("house-register-extract").expect("present");
        let first = s.next_stage(None).expect("has stages");
        assert_eq!(first.code, s.stages[0].code);
        let last = s.stages.last().expect("has stages");
        assert!(s.next_stage(Some(&last.code)).is_none());
        assert!(s.next_stage(Some(&StageCode::new("no-such-stage"))).is_none());
    }
}
