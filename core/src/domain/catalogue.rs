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
use crate::i18n::{Lang, Msg};
use crate::toml_problem::TomlProblem;

/// The catalogue shipped with e-Reception and loaded into a new database.
pub const DEFAULT_CATALOGUE: &str = include_str!("../../catalogue/default.toml");

/// A text the catalogue holds in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub code: StageCode,
    pub title: LocalText,
}

/// An original document the council may ask the applicant to bring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Ground {
    pub code: GroundCode,
    /// What is wrong: «Не указаны сведения о детях».
    pub text: LocalText,
    /// How to fix it: «Подайте обращение повторно, указав всех детей младше 18 лет».
    pub remedy: LocalText,
}

/// One option of a choice field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// What one entry of a `persons` field is called, in the singular («Ребёнок» for «Дети»):
    /// the form names its rows «Ребёнок 1», «Ребёнок 2». Without it they are «Человек № 1».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<LocalText>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
}

/// A service of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    #[serde(rename = "service")]
    services: Vec<Service>,
}

/// Problems found in a catalogue file, every one of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogueError {
    pub problems: Vec<CatalogueProblem>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl CatalogueError {
    /// Every problem, one a line after a count, as an administrator reads them.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = Msg::new("catalogue-invalid").arg("n", self.problems.len()).render(lang);
        for p in &self.problems {
            text.push_str("\n  - ");
            text.push_str(&p.message(lang));
        }
        text
    }
}

/// One problem of a catalogue file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueProblem {
    /// The file is not TOML, or a key outside any service is wrong. A file that is not TOML
    /// at all is reported with this one problem alone.
    Syntax(TomlProblem),
    /// A key or value of one service that does not read: unknown key, missing key, a word
    /// that is not allowed, a value of the wrong type (each key is read on its own, so every
    /// such mistake is listed; within one value, the first).
    ServiceToml { code: String, problem: TomlProblem },
    /// No `[[service]]` at all.
    NoServices,
    /// Two services share a code.
    DuplicateService(String),
    /// Something wrong within one service.
    Service { code: String, problem: ServiceProblem },
}

/// A list of coded items within a service, named by its TOML key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemList {
    Stage,
    Original,
    RegisterGround,
    ProvideGround,
}

impl ItemList {
    /// The TOML key of the list: `stage`, `original`, `register_ground`, `provide_ground`.
    pub fn key(self) -> &'static str {
        match self {
            ItemList::Stage => "stage",
            ItemList::Original => "original",
            ItemList::RegisterGround => "register_ground",
            ItemList::ProvideGround => "provide_ground",
        }
    }

    /// The key of an item's text: `title` for stages and originals, `text` for grounds.
    pub fn text_key(self) -> &'static str {
        match self {
            ItemList::Stage | ItemList::Original => "title",
            ItemList::RegisterGround | ItemList::ProvideGround => "text",
        }
    }
}

/// What is wrong within one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceProblem {
    BadCode,
    TitleIncomplete,
    DescriptionIncomplete,
    TermOverYear,
    ConsultationNeedsNoVisit,
    ConsultationTerm,
    NoStages,
    NoVisitWithOriginals,
    NoRegisterGround,
    NoProvideGround,
    BadItemCode { list: ItemList, code: String },
    DuplicateItem { list: ItemList, code: String },
    ItemTextIncomplete { list: ItemList, code: String },
    RemedyIncomplete { list: ItemList, code: String },
    BadFieldKey(String),
    ReservedFieldKey(String),
    DuplicateField(String),
    FieldLabelIncomplete(String),
    FieldMaxLenZero(String),
    FieldMinAboveMax(String),
    FieldNoOptions(String),
    FieldBadOption { field: String, option: String },
    FieldPersonsBounds(String),
}

impl CatalogueProblem {
    /// The problem as an administrator reads it: where it is and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CatalogueProblem::Syntax(p) => p.message(lang),
            CatalogueProblem::ServiceToml { code, problem } => Msg::new("catalogue-service-toml")
                .arg("service", code.as_str())
                .arg("problem", problem.message(lang))
                .render(lang),
            CatalogueProblem::NoServices => Msg::new("catalogue-no-services").render(lang),
            CatalogueProblem::DuplicateService(code) => {
                Msg::new("catalogue-duplicate-service").arg("service", code.as_str()).render(lang)
            }
            CatalogueProblem::Service { code, problem } => {
                let service = |id: &'static str| Msg::new(id).arg("service", code.as_str());
                let item = |id: &'static str, list: &ItemList, item: &str| {
                    service(id).arg("list", list.key()).arg("code", item).arg("text", list.text_key())
                };
                let field = |id: &'static str, key: &str| service(id).arg("field", key);
                let msg = match problem {
                    ServiceProblem::BadCode => service("catalogue-service-bad-code"),
                    ServiceProblem::TitleIncomplete => service("catalogue-service-title"),
                    ServiceProblem::DescriptionIncomplete => service("catalogue-service-description"),
                    ServiceProblem::TermOverYear => service("catalogue-service-term-over-year"),
                    ServiceProblem::ConsultationNeedsNoVisit => service("catalogue-consultation-visit"),
                    ServiceProblem::ConsultationTerm => service("catalogue-consultation-term"),
                    ServiceProblem::NoStages => service("catalogue-service-no-stages"),
                    ServiceProblem::NoVisitWithOriginals => service("catalogue-service-no-visit-originals"),
                    ServiceProblem::NoRegisterGround => service("catalogue-service-no-register-ground"),
                    ServiceProblem::NoProvideGround => service("catalogue-service-no-provide-ground"),
                    ServiceProblem::BadItemCode { list, code } => item("catalogue-item-bad-code", list, code),
                    ServiceProblem::DuplicateItem { list, code } => item("catalogue-item-duplicate", list, code),
                    ServiceProblem::ItemTextIncomplete { list, code } => item("catalogue-item-text", list, code),
                    ServiceProblem::RemedyIncomplete { list, code } => item("catalogue-item-remedy", list, code),
                    ServiceProblem::BadFieldKey(key) => field("catalogue-field-bad-key", key),
                    ServiceProblem::ReservedFieldKey(key) => field("catalogue-field-reserved-key", key),
                    ServiceProblem::DuplicateField(key) => field("catalogue-field-duplicate", key),
                    ServiceProblem::FieldLabelIncomplete(key) => field("catalogue-field-label", key),
                    ServiceProblem::FieldMaxLenZero(key) => field("catalogue-field-max-len", key),
                    ServiceProblem::FieldMinAboveMax(key) => field("catalogue-field-min-max", key),
                    ServiceProblem::FieldNoOptions(key) => field("catalogue-field-no-options", key),
                    ServiceProblem::FieldBadOption { field: key, option } => {
                        field("catalogue-field-bad-option", key).arg("option", option.as_str())
                    }
                    ServiceProblem::FieldPersonsBounds(key) => field("catalogue-field-persons", key),
                };
                msg.render(lang)
            }
        }
    }
}

impl Catalogue {
    /// Parses and validates a catalogue file, reporting every problem it can find: a file that
    /// is not TOML is one problem; otherwise each service's keys are read one by one, and the
    /// rules are checked on whatever did read.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let root = toml::de::DeTable::parse(text).map_err(|e| CatalogueError {
            problems: vec![CatalogueProblem::Syntax(TomlProblem::from_error(&e, text))],
        })?;
        let mut read = Vec::new();
        let mut problems = Vec::new();
        for (key, value) in root.get_ref().iter() {
            if key.get_ref().as_ref() != "service" {
                let p = TomlProblem::unknown_key(text, key.span().start, key.get_ref(), &["service"]);
                problems.push(CatalogueProblem::Syntax(p));
                continue;
            }
            match value.get_ref().as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        read.push(read_service(text, i, item, &mut problems));
                    }
                }
                None => {
                    if let Err(p) = read_value::<Vec<Service>>(text, value) {
                        problems.push(CatalogueProblem::Syntax(*p));
                    }
                }
            }
        }
        // mistakes in the file first, in the file's order; then the rules
        problems.sort_by_key(|p| match p {
            CatalogueProblem::Syntax(t) | CatalogueProblem::ServiceToml { problem: t, .. } => t.at,
            _ => None,
        });
        let unread = !problems.is_empty();
        problems.extend(check(read.iter().map(|r| (&r.service, &r.broken)), unread));
        if problems.is_empty() {
            Ok(Catalogue { services: read.into_iter().map(|r| r.service).collect() })
        } else {
            Err(CatalogueError { problems })
        }
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
        let none = Broken::new();
        let problems = check(self.services.iter().map(|s| (s, &none)), false);
        if problems.is_empty() { Ok(()) } else { Err(CatalogueError { problems }) }
    }
}

/// The keys of a service that did not read (their checks are skipped: the reading problem is
/// reported instead), and lists of which some item did not read.
type Broken = HashSet<&'static str>;

/// A service as read from the file, placeholders standing in for what did not read.
struct ReadService {
    service: Service,
    broken: Broken,
}

/// The rules over services read; `unread` when some part of the file did not read at all (then
/// an empty catalogue is not reported as such).
fn check<'a>(services: impl Iterator<Item = (&'a Service, &'a Broken)>, unread: bool) -> Vec<CatalogueProblem> {
    let mut problems = Vec::new();
    let mut codes = HashSet::new();
    let mut any = false;
    for (service, broken) in services {
        any = true;
        validate_service(service, broken, &mut problems);
        if !broken.contains("code") && !codes.insert(service.code.as_str().to_owned()) {
            problems.push(CatalogueProblem::DuplicateService(service.code.to_string()));
        }
    }
    if !any && !unread {
        problems.insert(0, CatalogueProblem::NoServices);
    }
    problems
}

/// The keys a `[[service]]` takes, and those it must have.
const SERVICE_KEYS: &[&str] = &[
    "code",
    "kind",
    "no_visit",
    "term",
    "title",
    "description",
    "field",
    "original",
    "stage",
    "register_ground",
    "provide_ground",
];
const REQUIRED_SERVICE_KEYS: &[&str] = &["code", "kind", "no_visit", "term", "title", "description"];

/// The keys of a `[[service.field]]` of each type.
fn field_keys(field_type: &str) -> Option<Vec<&'static str>> {
    let own: &[&str] = match field_type {
        "text" | "long_text" => &["max_len"],
        "date" => &["past_only"],
        "number" => &["min", "max"],
        "persons" => &["min", "max", "item"],
        "choice" => &["options"],
        _ => return None,
    };
    Some(["key", "label", "hint", "type", "required"].iter().chain(own).copied().collect())
}

type Value<'i> = toml::Spanned<toml::de::DeValue<'i>>;

/// One value read on its own, its mistakes placed in the whole file.
fn read_value<T: serde::de::DeserializeOwned>(text: &str, value: &Value<'_>) -> Result<T, Box<TomlProblem>> {
    T::deserialize(toml::de::ValueDeserializer::from(value.clone()))
        .map_err(|e| Box::new(TomlProblem::from_error_within(&e, text, Some(value.span()))))
}

/// [`read_value`] of `key`'s `value`; a mistake is recorded and `key` marked broken.
fn read_or_note<T: serde::de::DeserializeOwned>(
    text: &str,
    key: &'static str,
    value: &Value<'_>,
    at: &mut dyn FnMut(TomlProblem),
    broken: &mut Broken,
) -> Option<T> {
    read_value(text, value)
        .map_err(|p| {
            at(*p);
            broken.insert(key);
        })
        .ok()
}

fn read_service(text: &str, index: usize, item: &Value<'_>, problems: &mut Vec<CatalogueProblem>) -> ReadService {
    let table = item.get_ref().as_table();
    let get = |key: &str| table.and_then(|t| t.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(_, v)| v));
    let name = get("code").and_then(|v| v.get_ref().as_str()).map_or_else(|| format!("№{}", index + 1), str::to_owned);
    let mut at = |problem: TomlProblem| problems.push(CatalogueProblem::ServiceToml { code: name.clone(), problem });
    let mut broken = Broken::new();
    let Some(table) = table else {
        if let Err(p) = read_value::<Service>(text, item) {
            at(*p);
        }
        broken.extend(SERVICE_KEYS);
        return ReadService { service: placeholder(&name), broken };
    };
    for (key, _) in table.iter() {
        if !SERVICE_KEYS.contains(&key.get_ref().as_ref()) {
            at(TomlProblem::unknown_key(text, key.span().start, key.get_ref(), SERVICE_KEYS));
        }
    }
    for key in REQUIRED_SERVICE_KEYS {
        if get(key).is_none() {
            at(TomlProblem::missing_key(text, item.span().start, key));
            broken.insert(key);
        }
    }
    let mut service = placeholder(&name);
    macro_rules! one {
        ($key:literal, $field:ident) => {
            if let Some(x) = get($key).and_then(|v| read_or_note(text, $key, v, &mut at, &mut broken)) {
                service.$field = x;
            }
        };
    }
    one!("code", code);
    one!("kind", kind);
    one!("no_visit", no_visit);
    one!("term", term);
    one!("title", title);
    one!("description", description);
    // `[[service.field]]` tables, each read on its own; anything else as a whole
    macro_rules! list {
        ($key:literal, $field:ident) => {
            match get($key).map(|v| (v, v.get_ref().as_array())) {
                Some((_, Some(items))) => {
                    for item in items.iter() {
                        if $key == "field" {
                            check_field_keys(text, item, &mut at);
                        }
                        if let Some(x) = read_or_note(text, $key, item, &mut at, &mut broken) {
                            service.$field.push(x);
                        }
                    }
                }
                Some((v, None)) => {
                    if let Some(x) = read_or_note(text, $key, v, &mut at, &mut broken) {
                        service.$field = x;
                    }
                }
                None => {}
            }
        };
    }
    list!("field", fields);
    list!("original", originals);
    list!("stage", stages);
    list!("register_ground", register_grounds);
    list!("provide_ground", provide_grounds);
    ReadService { service, broken }
}

/// `hnt = {…}` in a `[[service.field]]`: serde cannot refuse unknown keys beside a flattened
/// enum, so the field's keys are checked here against those of its type.
fn check_field_keys(text: &str, item: &Value<'_>, at: &mut dyn FnMut(TomlProblem)) {
    let Some(table) = item.get_ref().as_table() else { return };
    let field_type = table.iter().find(|(k, _)| k.get_ref().as_ref() == "type").and_then(|(_, v)| v.get_ref().as_str());
    let Some(allowed) = field_type.and_then(field_keys) else { return };
    for (key, _) in table.iter() {
        if !allowed.contains(&key.get_ref().as_ref()) {
            at(TomlProblem::unknown_key(text, key.span().start, key.get_ref(), &allowed));
        }
    }
}

/// A service standing in for one whose keys did not all read.
fn placeholder(name: &str) -> Service {
    Service {
        code: ServiceCode::new(name),
        kind: ServiceKind::Document,
        no_visit: false,
        term: crate::clock::ANSWER_TERM,
        title: LocalText::default(),
        description: LocalText::default(),
        fields: Vec::new(),
        originals: Vec::new(),
        stages: Vec::new(),
        register_grounds: Vec::new(),
        provide_grounds: Vec::new(),
    }
}

fn validate_service(s: &Service, broken: &Broken, problems: &mut Vec<CatalogueProblem>) {
    let mut at = |problem: ServiceProblem| {
        problems.push(CatalogueProblem::Service { code: s.code.to_string(), problem });
    };
    // a key that did not read is reported as such: the rules about it wait for a readable value
    let read = |key: &str| !broken.contains(key);
    if read("code") && !is_valid_code(s.code.as_str()) {
        at(ServiceProblem::BadCode);
    }
    if read("title") && !s.title.is_complete() {
        at(ServiceProblem::TitleIncomplete);
    }
    if read("description") && !s.description.is_complete() {
        at(ServiceProblem::DescriptionIncomplete);
    }
    if read("term") && s.term.days() > 365 {
        at(ServiceProblem::TermOverYear);
    }
    match s.kind {
        _ if !read("kind") => {}
        ServiceKind::Consultation => {
            if read("no_visit") && !s.no_visit {
                at(ServiceProblem::ConsultationNeedsNoVisit);
            }
            if read("term") && (s.term.unit() != DayUnit::Calendar || s.term.days() > 30) {
                at(ServiceProblem::ConsultationTerm);
            }
        }
        ServiceKind::Document => {
            if read("stage") && s.stages.is_empty() {
                at(ServiceProblem::NoStages);
            }
        }
    }
    if read("no_visit") && s.no_visit && !s.originals.is_empty() {
        at(ServiceProblem::NoVisitWithOriginals);
    }
    if read("register_ground") && s.register_grounds.is_empty() {
        at(ServiceProblem::NoRegisterGround);
    }
    if read("provide_ground") && s.provide_grounds.is_empty() {
        at(ServiceProblem::NoProvideGround);
    }
    unique_codes(s.stages.iter().map(|x| (x.code.as_str(), &x.title)), ItemList::Stage, &mut at);
    unique_codes(s.originals.iter().map(|x| (x.code.as_str(), &x.title)), ItemList::Original, &mut at);
    for (list, grounds) in
        [(ItemList::RegisterGround, &s.register_grounds), (ItemList::ProvideGround, &s.provide_grounds)]
    {
        unique_codes(grounds.iter().map(|g| (g.code.as_str(), &g.text)), list, &mut at);
        for g in grounds.iter() {
            if !g.remedy.is_complete() {
                at(ServiceProblem::RemedyIncomplete { list, code: g.code.to_string() });
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
            at(ServiceProblem::BadFieldKey(f.key.clone()));
        }
        if IDENTITY_FIELDS.contains(&f.key.as_str()) {
            at(ServiceProblem::ReservedFieldKey(f.key.clone()));
        }
        if !keys.insert(f.key.as_str()) {
            at(ServiceProblem::DuplicateField(f.key.clone()));
        }
        if !f.label.is_complete() {
            at(ServiceProblem::FieldLabelIncomplete(f.key.clone()));
        }
        match &f.kind {
            FieldKind::Text { max_len } | FieldKind::LongText { max_len } if *max_len == 0 => {
                at(ServiceProblem::FieldMaxLenZero(f.key.clone()));
            }
            FieldKind::Number { min, max } if min > max => {
                at(ServiceProblem::FieldMinAboveMax(f.key.clone()));
            }
            FieldKind::Choice { options } => {
                if options.is_empty() {
                    at(ServiceProblem::FieldNoOptions(f.key.clone()));
                }
                let mut seen = HashSet::new();
                for o in options {
                    if !seen.insert(o.code.as_str()) || !o.label.is_complete() || o.code.is_empty() {
                        at(ServiceProblem::FieldBadOption { field: f.key.clone(), option: o.code.clone() });
                    }
                }
            }
            FieldKind::Persons { min, max } if *max == 0 || min > max || *max > 20 => {
                at(ServiceProblem::FieldPersonsBounds(f.key.clone()));
            }
            _ => {}
        }
    }
}

fn unique_codes<'a>(
    items: impl Iterator<Item = (&'a str, &'a LocalText)>,
    list: ItemList,
    at: &mut dyn FnMut(ServiceProblem),
) {
    let mut seen = HashSet::new();
    for (code, title) in items {
        if !is_valid_code(code) {
            at(ServiceProblem::BadItemCode { list, code: code.to_owned() });
        }
        if !seen.insert(code) {
            at(ServiceProblem::DuplicateItem { list, code: code.to_owned() });
        }
        if !title.is_complete() {
            at(ServiceProblem::ItemTextIncomplete { list, code: code.to_owned() });
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
        assert!(err.problems.contains(&CatalogueProblem::Service {
            code: "large-family-certificate".into(),
            problem: ServiceProblem::NoVisitWithOriginals
        }));
        assert_eq!(
            err.problems[0].message(Lang::Ru),
            "услуга «large-family-certificate»: услуга без посещения не может требовать оригиналы документов — \
             уберите разделы [[service.original]] или укажите no_visit = false"
        );
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
    fn a_service_listed_twice_is_named_in_russian() {
        let mut c = Catalogue::builtin().expect("valid");
        c.services.push(c.services[0].clone());
        let err = Catalogue::from_services(c.services).expect_err("must be refused");
        assert_eq!(err.problems, vec![CatalogueProblem::DuplicateService("large-family-certificate".into())]);
        assert_eq!(
            err.message(Lang::Ru),
            "В перечне услуг 1 ошибка:\n  - услуга «large-family-certificate» указана дважды: у каждого раздела \
             [[service]] должен быть свой code"
        );
    }

    /// The QA walkthrough's file mistakes: each names its line, column and key in Russian.
    #[test]
    fn toml_mistakes_name_their_place_in_russian() {
        let builtin = DEFAULT_CATALOGUE;
        let cases = [
            (
                "term = { days = 10, unit = \"working\" }",
                "term = { days = 10, unit = \"рабочие\" }",
                "ключ unit: недопустимое значение «рабочие»; допустимые: calendar, working",
            ),
            (
                "title = { ru = \"Удостоверение многодетной семьи города Москвы\", en = \"Moscow large-family certificate\" }",
                "title = { ru = \"Удостоверение многодетной семьи города Москвы\" }",
                ": в таблице title нет ключа en: добавьте его",
            ),
            (
                "term = { days = 10, unit = \"working\" }",
                "term = { days = 0, unit = \"working\" }",
                "ключ term: срок должен быть не меньше одного дня",
            ),
        ];
        for (good, bad, expected) in cases {
            assert!(builtin.contains(good), "{good}");
            let text = builtin.replacen(good, bad, 1);
            let line = text.lines().position(|l| l.contains(bad)).expect("the line") + 1;
            let err = Catalogue::from_toml(&text).expect_err("invalid");
            let [CatalogueProblem::ServiceToml { code, problem: p }] = err.problems.as_slice() else {
                panic!("{err:?}")
            };
            assert_eq!(code, "large-family-certificate");
            assert_eq!(p.at.map(|(l, _)| l), Some(line), "{p:?}");
            let ru = err.problems[0].message(Lang::Ru);
            assert!(
                ru.starts_with(&format!("услуга «large-family-certificate»: строка {line}, столбец "))
                    && ru.contains(expected),
                "{ru}"
            );
            assert!(!err.problems[0].message(Lang::En).contains("строка"), "{}", err.problems[0].message(Lang::En));
        }
    }

    /// QA: a file with four faults reported only the first («1 ошибка»), and unknown keys
    /// (`hnt` for `hint`, `colour`) were dropped silently, the hint lost.
    #[test]
    fn every_fault_of_a_file_is_listed_and_unknown_keys_are_named() {
        let text = r#"
[[service]]
code = "parking-permit"
kind = "certificate"
no_visit = true
term = { days = 10, unit = "working" }
title = { ru = "Разрешение на парковку" }
description = { ru = "Разрешение", en = "Permit" }
colour = "red"

[[service.field]]
key = "cars"
type = "number"
min = 13
max = 12
label = { ru = "Машины", en = "Cars" }
hnt = { ru = "Сколько машин", en = "How many cars" }

[[service.stage]]
code = "check"
title = { ru = "Проверка", en = "Check" }

[[service.register_ground]]
code = "incomplete"
text = { ru = "Не заполнено", en = "Incomplete" }
remedy = { ru = "", en = "Fill it in" }

[[service.provide_ground]]
code = "no-right"
text = { ru = "Нет права", en = "No right" }
remedy = { ru = "Обратитесь снова", en = "Apply again" }
"#;
        let err = Catalogue::from_toml(text).expect_err("invalid");
        let ru: Vec<String> = err.problems.iter().map(|p| p.message(Lang::Ru)).collect();
        let has = |what: &str| ru.iter().any(|m| m.contains(what));
        assert_eq!(ru.len(), 6, "{ru:#?}");
        assert!(err.message(Lang::Ru).starts_with("В перечне услуг 6 ошибок:"), "{}", err.message(Lang::Ru));
        assert!(
            has("услуга «parking-permit»: строка 4, столбец 8, ключ kind: недопустимое значение «certificate»"),
            "{ru:#?}"
        );
        assert!(has("услуга «parking-permit»: строка 7, столбец 9: в таблице title нет ключа en"), "{ru:#?}");
        assert!(has("строка 9, столбец 1: неизвестный ключ «colour» (опечатка?)"), "{ru:#?}");
        assert!(
            has(
                "услуга «parking-permit»: строка 17, столбец 1: неизвестный ключ «hnt» — может быть, «hint»? Допустимые ключи: key, label, hint,"
            ),
            "{ru:#?}"
        );
        assert!(has("поле «cars»: min больше max"), "{ru:#?}");
        assert!(has("[[service.register_ground]] «incomplete»: заполните, как исправить (remedy)"), "{ru:#?}");
        // the rules about what did not read wait for it: no «заполните название» beside the missing en
        assert!(!has("заполните название"), "{ru:#?}");
        // unknown keys in the plain tables too, and outside any service
        let text = DEFAULT_CATALOGUE.replacen(
            "title = { ru = \"Оформление удостоверения\"",
            "title = { rus = \"Оформление удостоверения\"",
            1,
        );
        assert_ne!(text, DEFAULT_CATALOGUE);
        let err = Catalogue::from_toml(&text).expect_err("invalid");
        assert!(
            err.message(Lang::Ru).contains("неизвестный ключ «rus» — может быть, «ru»? Допустимые ключи: ru, en"),
            "{err}"
        );
        let err = Catalogue::from_toml(&format!("servce = 1\n{DEFAULT_CATALOGUE}")).expect_err("invalid");
        assert_eq!(err.problems.len(), 1, "{err}");
        assert!(err.message(Lang::Ru).contains("строка 1, столбец 1: неизвестный ключ «servce»"), "{err}");
        // a file that is not TOML at all is one problem
        let err = Catalogue::from_toml("[[service]\ncode = 1").expect_err("invalid");
        assert!(matches!(err.problems.as_slice(), [CatalogueProblem::Syntax(_)]), "{err:?}");
    }

    #[test]
    fn every_problem_reads_in_both_languages() {
        let lists = [ItemList::Stage, ItemList::Original, ItemList::RegisterGround, ItemList::ProvideGround];
        let mut problems = vec![
            ServiceProblem::BadCode,
            ServiceProblem::TitleIncomplete,
            ServiceProblem::DescriptionIncomplete,
            ServiceProblem::TermOverYear,
            ServiceProblem::ConsultationNeedsNoVisit,
            ServiceProblem::ConsultationTerm,
            ServiceProblem::NoStages,
            ServiceProblem::NoVisitWithOriginals,
            ServiceProblem::NoRegisterGround,
            ServiceProblem::NoProvideGround,
            ServiceProblem::BadFieldKey("k".into()),
            ServiceProblem::ReservedFieldKey("k".into()),
            ServiceProblem::DuplicateField("k".into()),
            ServiceProblem::FieldLabelIncomplete("k".into()),
            ServiceProblem::FieldMaxLenZero("k".into()),
            ServiceProblem::FieldMinAboveMax("k".into()),
            ServiceProblem::FieldNoOptions("k".into()),
            ServiceProblem::FieldBadOption { field: "k".into(), option: "o".into() },
            ServiceProblem::FieldPersonsBounds("k".into()),
        ];
        for list in lists {
            let code = "c".to_owned();
            problems.push(ServiceProblem::BadItemCode { list, code: code.clone() });
            problems.push(ServiceProblem::DuplicateItem { list, code: code.clone() });
            problems.push(ServiceProblem::ItemTextIncomplete { list, code: code.clone() });
            problems.push(ServiceProblem::RemedyIncomplete { list, code });
        }
        let mut all: Vec<_> =
            problems.into_iter().map(|problem| CatalogueProblem::Service { code: "s".into(), problem }).collect();
        all.extend([
            CatalogueProblem::NoServices,
            CatalogueProblem::DuplicateService("s".into()),
            CatalogueProblem::ServiceToml {
                code: "s".into(),
                problem: TomlProblem {
                    at: Some((1, 1)),
                    key: None,
                    kind: crate::toml_problem::TomlProblemKind::NoValue,
                },
            },
        ]);
        for p in &all {
            for lang in Lang::ALL {
                let text = p.message(lang);
                assert!(!text.contains("catalogue-") && !text.contains('{'), "{lang}: {text}");
            }
            assert!(p.message(Lang::Ru).chars().any(|c| ('а'..='я').contains(&c)), "{p:?}");
        }
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
