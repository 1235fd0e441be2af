//! The one message catalogue: everything a resident, a clerk or an administrator reads.
//!
//! Messages are Fluent (`.ftl`) files under `core/locales/<lang>/`, embedded at build time
//! (see `build.rs`). Russian is the default; English is complete. The server, the terminal and
//! core itself all format text through [`tr`] and [`tr_args`], so a message exists once.
//!
//! Fluent handles Russian plurals (`one`/`few`/`many`) from CLDR rules, so "1 день", "2 дня",
//! "5 дней", "11 дней", "21 день" come out right when a message uses a `NUMBER` selector.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
pub(crate) use embedded::CALENDARS as EMBEDDED_CALENDARS;

/// The language a person reads. Russian unless they chose English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The ISO 639-1 code, as stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Ru => langid!("ru"),
            Lang::En => langid!("en"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text was not a language code we serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected \"ru\" or \"en\"")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" | "ru-ru" => Ok(Lang::Ru),
            "en" | "eng" | "english" | "en-gb" | "en-us" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

/// A value substituted into a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    Num(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(s.as_str()))
    }
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(i64::from(n))
            }
        }
    )*};
}
num_arg!(i8, i16, i32, i64, u8, u16, u32);

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A message to show a person later, in whatever language they read: an id of the catalogue
/// and its arguments. Errors that reach people carry one of these.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, MsgArg)>,
}

/// An owned message argument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MsgArg {
    Num(i64),
    Str(String),
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Str(s.to_owned())
    }
}

impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Str(s)
    }
}

impl From<i64> for MsgArg {
    fn from(n: i64) -> Self {
        MsgArg::Num(n)
    }
}

impl From<u32> for MsgArg {
    fn from(n: u32) -> Self {
        MsgArg::Num(i64::from(n))
    }
}

impl From<usize> for MsgArg {
    fn from(n: usize) -> Self {
        MsgArg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Msg { id: Cow::Borrowed(id), args: Vec::new() }
    }

    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let arg = match value {
                    MsgArg::Num(n) => Arg::Num(*n),
                    MsgArg::Str(s) => Arg::Str(Cow::Borrowed(s.as_str())),
                };
                (name.as_ref(), arg)
            })
            .collect();
        tr_args(lang, &self.id, &args)
    }
}

struct Catalogue {
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang, files: &[(&str, &str)]) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Unicode isolation marks would end up in e-mails and terminal cells.
    bundle.set_use_isolating(false);
    for (name, source) in files {
        // The catalogue is compiled in and checked by tests; a broken file is a build defect,
        // so report it loudly and keep what parsed rather than lose every message.
        let resource = match FluentResource::try_new((*source).to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(file = name, lang = %lang, ?errors, "message catalogue has syntax errors");
                r
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(file = name, lang = %lang, ?errors, "message catalogue has duplicate ids");
        }
    }
    bundle
}

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue { ru: bundle(Lang::Ru, embedded::RU), en: bundle(Lang::En, embedded::EN) });

impl Catalogue {
    fn get(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// Formats message `id` in `lang`.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// Formats message `id` in `lang` with named arguments.
///
/// A missing message yields its id (and an error in the log) rather than an empty string, so a
/// gap is visible; `tests::every_id_used_in_code_exists` keeps that from shipping.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = CATALOGUE.get(lang);
    let (msg_id, attr) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let Some(message) = bundle.get_message(msg_id) else {
        tracing::error!(id, lang = %lang, "message is missing from the catalogue");
        return id.to_owned();
    };
    let pattern = match attr {
        Some(a) => message.get_attribute(a).map(|attr| attr.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        tracing::error!(id, lang = %lang, "message has no value");
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_ref())),
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::error!(id, lang = %lang, ?errors, "message did not format cleanly");
    }
    text.into_owned()
}

/// File-system and network failures an administrator is told about in their own words: each
/// [`std::io::ErrorKind`] with its stable code. The message of a code is `cli-io-<code>`; the
/// code itself is what an outbox row stores (see `mail::deliver::describe_failure`).
const IO_KINDS: &[(std::io::ErrorKind, &str)] = &[
    (std::io::ErrorKind::NotFound, "not-found"),
    (std::io::ErrorKind::PermissionDenied, "permission-denied"),
    (std::io::ErrorKind::IsADirectory, "is-a-directory"),
    (std::io::ErrorKind::NotADirectory, "not-a-directory"),
    (std::io::ErrorKind::StorageFull, "storage-full"),
    (std::io::ErrorKind::ReadOnlyFilesystem, "read-only"),
    (std::io::ErrorKind::ConnectionRefused, "connection-refused"),
    (std::io::ErrorKind::TimedOut, "timed-out"),
    // a socket read past its timeout reports EAGAIN
    (std::io::ErrorKind::WouldBlock, "timed-out"),
    (std::io::ErrorKind::ConnectionReset, "connection-reset"),
    (std::io::ErrorKind::ConnectionAborted, "connection-reset"),
    (std::io::ErrorKind::HostUnreachable, "unreachable"),
    (std::io::ErrorKind::NetworkUnreachable, "unreachable"),
];

/// The stable code of an I/O failure's kind, when it is one people are told about in words.
pub fn io_kind_code(kind: std::io::ErrorKind) -> Option<&'static str> {
    IO_KINDS.iter().find(|(k, _)| *k == kind).map(|(_, code)| *code)
}

/// The words for an I/O failure's code from [`io_kind_code`]; `None` for an unknown code.
pub fn io_code_text(lang: Lang, code: &str) -> Option<String> {
    IO_KINDS.iter().any(|(_, c)| *c == code).then(|| tr(lang, &format!("cli-io-{code}")))
}

/// An I/O failure as a person reads it: «файл не найден», «сервер отказал в соединении»; a
/// kind without words of its own as the operating system puts it.
pub fn io_error_text(lang: Lang, e: &std::io::Error) -> String {
    io_kind_code(e.kind()).and_then(|code| io_code_text(lang, code)).unwrap_or_else(|| e.to_string())
}

/// A failure to read a text file: [`io_error_text`], and a file that is not UTF-8 (what
/// `read_to_string` reports as invalid data) said so.
pub fn file_error_text(lang: Lang, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::InvalidData {
        return tr(lang, "cli-io-not-utf8");
    }
    io_error_text(lang, e)
}

/// Words that keep their capital letter at the start of a message put after a colon (proper
/// names and the like that have no second capital letter, which keeps abbreviations as they
/// are: ГУ ИС, ПИН-код, SQLite).
const KEEP_CAPITAL: &[&str] = &["I", "Enter", "English", "Russian", "Excel", "Windows", "Москва", "Moscow", "Fluent"];

/// A message as it reads after a colon, as in «ошибка: …»: its first letter lower-case, as
/// Russian and English both write a clause there, unless the first word is an abbreviation or
/// a name (a second capital letter in it — ГУ ИС, ПИН-код, SQLite, PostgreSQL — or one of
/// [`KEEP_CAPITAL`]). Messages are written to stand alone, capitalised, in the catalogue.
pub fn after_colon(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return String::new() };
    let word: String = text.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'').collect();
    let abbreviation = word.chars().skip(1).any(char::is_uppercase);
    let name = KEEP_CAPITAL.iter().any(|k| word.trim_end_matches(|c: char| !c.is_alphanumeric()) == *k);
    if !first.is_uppercase() || abbreviation || name {
        return text.to_owned();
    }
    first.to_lowercase().chain(chars).collect()
}

/// True when `id` exists in both languages. Used by tests and by code that offers optional texts.
pub fn has_message(id: &str) -> bool {
    let msg_id = id.split_once('.').map_or(id, |(m, _)| m);
    Lang::ALL.iter().all(|l| CATALOGUE.get(*l).has_message(msg_id))
}

/// Every message id of `lang`, for completeness tests.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let files = match lang {
        Lang::Ru => embedded::RU,
        Lang::En => embedded::EN,
    };
    let mut ids = Vec::new();
    for (_, source) in files {
        let resource = match FluentResource::try_new((*source).to_owned()) {
            Ok(r) | Err((r, _)) => r,
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_owned());
            }
        }
    }
    ids.sort();
    ids
}

/// Syntax errors in the embedded catalogue, as `file: error` lines (empty when clean).
pub fn catalogue_errors() -> Vec<String> {
    let mut out = Vec::new();
    for (lang, files) in [(Lang::Ru, embedded::RU), (Lang::En, embedded::EN)] {
        let mut seen = std::collections::HashSet::new();
        for (name, source) in files {
            match FluentResource::try_new((*source).to_owned()) {
                Ok(resource) => {
                    for entry in resource.entries() {
                        if let fluent_syntax::ast::Entry::Message(m) = entry
                            && !seen.insert(m.id.name.to_owned())
                        {
                            out.push(format!("{lang}/{name}: duplicate id {}", m.id.name));
                        }
                    }
                }
                Err((_, errors)) => {
                    for e in errors {
                        out.push(format!("{lang}/{name}: {e:?}"));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// QA: «ошибка: В перечне…» beside «ошибка: в заголовке…».
    #[test]
    fn after_a_colon_a_message_goes_on_in_lower_case_but_names_keep_their_capitals() {
        use super::after_colon;
        assert_eq!(after_colon("В перечне услуг 2 ошибки."), "в перечне услуг 2 ошибки.");
        assert_eq!(after_colon("Базы данных нет. Создайте её."), "базы данных нет. Создайте её.");
        assert_eq!(after_colon("Cannot read the file"), "cannot read the file");
        assert_eq!(after_colon("в заголовке нет столбцов"), "в заголовке нет столбцов");
        for kept in [
            "ГУ ИС не передала реестр",
            "ПИН-код уже выдан",
            "SQLite не может открыть файл",
            "PostgreSQL не отвечает",
            "ЭП-0412-2026-000001 не найдено",
            "Enter — войти",
            "I cannot",
            "«Арбат» — не код района",
            "--since позже --until",
            "",
        ] {
            assert_eq!(after_colon(kept), kept);
        }
    }

    use super::*;
    use std::path::Path;

    #[test]
    fn catalogue_parses_without_errors_or_duplicates() {
        assert_eq!(catalogue_errors(), Vec::<String>::new());
    }

    #[test]
    fn russian_and_english_have_the_same_ids() {
        let ru = message_ids(Lang::Ru);
        let en = message_ids(Lang::En);
        let only_ru: Vec<_> = ru.iter().filter(|id| !en.contains(id)).collect();
        let only_en: Vec<_> = en.iter().filter(|id| !ru.contains(id)).collect();
        assert!(only_ru.is_empty(), "only in Russian: {only_ru:?}");
        assert!(only_en.is_empty(), "only in English: {only_en:?}");
    }

    /// QA: the same paper was «бланк» in the help, «листок» on the slip and «квитанция» in the
    /// configuration's errors. It is «листок» everywhere.
    #[test]
    fn the_pin_slip_has_one_russian_name() {
        for (file, text) in embedded::RU {
            let lower = text.to_lowercase();
            for other in ["бланк", "квитанц"] {
                assert!(!lower.contains(other), "{file} calls the slip «{other}…»: it is «листок»");
            }
        }
    }

    #[test]
    fn russian_plurals_follow_cldr() {
        let days = |n: i64| tr_args(Lang::Ru, "unit-calendar-days", &[("n", Arg::Num(n))]);
        assert_eq!(days(1), "1 календарный день");
        assert_eq!(days(2), "2 календарных дня");
        assert_eq!(days(5), "5 календарных дней");
        assert_eq!(days(11), "11 календарных дней");
        assert_eq!(days(21), "21 календарный день");
        let en = |n: i64| tr_args(Lang::En, "unit-calendar-days", &[("n", Arg::Num(n))]);
        assert_eq!(en(1), "1 calendar day");
        assert_eq!(en(5), "5 calendar days");
    }

    #[test]
    fn io_failures_read_in_both_languages() {
        for (_, code) in IO_KINDS {
            assert!(has_message(&format!("cli-io-{code}")), "cli-io-{code}");
        }
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(io_error_text(Lang::Ru, &refused), "сервер отказал в соединении");
        assert_eq!(io_error_text(Lang::En, &refused), "the server refused the connection");
        let dir = std::io::Error::from_raw_os_error(21);
        assert_eq!(io_error_text(Lang::Ru, &dir), "это папка, а не файл");
        assert_eq!(io_kind_code(std::io::ErrorKind::TimedOut), io_kind_code(std::io::ErrorKind::WouldBlock));
        assert_eq!(io_code_text(Lang::Ru, "no-such-code"), None);
        // a kind without words keeps the system's text
        let other = std::io::Error::other("disk on fire");
        assert_eq!(io_error_text(Lang::Ru, &other), "disk on fire");
        let dir = tempfile::tempdir().expect("tempdir");
        let cp1251 = dir.path().join("cp1251.toml");
        std::fs::write(&cp1251, b"\xcf\xf0\xe8").expect("write");
        let not_utf8 = std::fs::read_to_string(&cp1251).expect_err("not UTF-8");
        assert!(file_error_text(Lang::Ru, &not_utf8).contains("UTF-8"), "{}", file_error_text(Lang::Ru, &not_utf8));
        assert_eq!(io_error_text(Lang::Ru, &not_utf8), not_utf8.to_string(), "only files are said to be text");
    }

    #[test]
    fn missing_message_shows_its_id() {
        assert_eq!(tr(Lang::Ru, "no-such-message-anywhere"), "no-such-message-anywhere");
    }

    /// Scans the workspace's sources for message ids passed as literals to the catalogue
    /// and fails on any that the catalogue lacks.
    #[test]
    fn every_id_used_in_code_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut missing = Vec::new();
        for dir in ["core/src", "clerk-tui/src", "intake-server/src"] {
            scan(&root.join(dir), &mut missing);
        }
        assert!(missing.is_empty(), "message ids used in code but missing: {missing:?}");
    }

    fn scan(dir: &Path, missing: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                scan(&path, missing);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for id in literal_ids(&text) {
                    if !has_message(&id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
    }

    /// Ids in `tr(lang, "id")`, `tr_args(lang, "id", …)` and `Msg::new("id")` calls: the
    /// literal must be the id argument itself (a variable id is not checked here).
    fn literal_ids(text: &str) -> Vec<String> {
        let mut ids = Vec::new();
        for (marker, skip_args) in [("tr(", 1), ("tr_args(", 1), ("Msg::new(", 0)] {
            let mut rest = text;
            while let Some(pos) = rest.find(marker) {
                // a whole word only: `tr(` but not `push_str(`
                let boundary = rest[..pos].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                rest = &rest[pos + marker.len()..];
                if !boundary {
                    continue;
                }
                // skip the arguments before the id (the language), at nesting depth 0
                let mut arg = rest;
                let mut skipped = 0;
                let mut depth = 0i32;
                for (i, c) in rest.char_indices() {
                    if skipped == skip_args {
                        break;
                    }
                    match c {
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' => depth -= 1,
                        ',' if depth == 0 => {
                            skipped += 1;
                            arg = &rest[i + 1..];
                        }
                        _ => {}
                    }
                    if depth < 0 {
                        break;
                    }
                }
                if skipped != skip_args {
                    continue;
                }
                let arg = arg.trim_start();
                let Some(after) = arg.strip_prefix('"') else { continue };
                if let Some(close) = after.find('"') {
                    let id = &after[..close];
                    if !id.is_empty()
                        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
                    {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        ids
    }
}
