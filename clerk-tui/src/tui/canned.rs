//! Canned answers for consultations and questions: a small built-in set from the message
//! catalogue, in the asker's language, plus the council's own in `canned_answers.toml` next to
//! the configuration file:
//!
//! ```toml
//! [[answer]]
//! title = "Справка о составе семьи"
//! text = """
//! Справку о составе семьи выдаёт …
//! """
//! lang = "ru"          # optional: without it the answer is offered in both languages
//! ```

use std::path::{Path, PathBuf};

use ereception_core::domain::district::District;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use serde::Deserialize;

/// A ready answer a clerk inserts and edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canned {
    pub title: String,
    pub text: String,
    /// Offered only for this language; `None` for both.
    pub lang: Option<Lang>,
}

/// How many answers the catalogue ships.
const BUILTIN: usize = 4;

/// The built-in answers in `lang`, with `district`'s council address and office hours filled
/// in. They start without a greeting: the letter greets the applicant by name.
pub fn builtin(lang: Lang, district: &District) -> Vec<Canned> {
    let args = [
        ("address", Arg::from(district.council_address.as_str())),
        ("hours", Arg::from(district.office_hours.as_str())),
        ("council", Arg::from(district.council_name.as_str())),
    ];
    (1..=BUILTIN)
        .map(|i| Canned {
            title: tr(lang, &format!("tui-canned-{i}-title")),
            text: tr_args(lang, &format!("tui-canned-{i}-text"), &args),
            lang: Some(lang),
        })
        .collect()
}

/// The answers to offer for an asker reading `lang`: the council's own first.
pub fn offered(own: &[Canned], lang: Lang, district: &District) -> Vec<Canned> {
    own.iter().filter(|c| c.lang.is_none_or(|l| l == lang)).cloned().chain(builtin(lang, district)).collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    answer: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: String,
    text: String,
    lang: Option<String>,
}

/// The file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the canned answers in {path} cannot be used: {detail}")]
pub struct CannedError {
    pub path: PathBuf,
    pub detail: String,
}

impl CannedError {
    pub fn message(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "tui-canned-error",
            &[("path", self.path.display().to_string().into()), ("detail", self.detail.as_str().into())],
        )
    }
}

/// The council's answers from `path`; none when the file does not exist.
pub fn load(path: &Path) -> Result<Vec<Canned>, CannedError> {
    let error = |detail: String| CannedError { path: path.to_owned(), detail };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(error(e.to_string())),
    };
    parse(&text).map_err(error)
}

fn parse(text: &str) -> Result<Vec<Canned>, String> {
    let file: File = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let mut out = Vec::new();
    for (i, e) in file.answer.into_iter().enumerate() {
        let lang = match e.lang {
            Some(l) => Some(l.parse::<Lang>().map_err(|err| format!("answer {}: {err}", i + 1))?),
            None => None,
        };
        if e.title.trim().is_empty() || e.text.trim().is_empty() {
            return Err(format!("answer {}: the title and the text must not be empty", i + 1));
        }
        out.push(Canned { title: e.title.trim().to_owned(), text: e.text.trim().to_owned(), lang });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arbat() -> District {
        District {
            code: ereception_core::domain::ids::DistrictCode::new("0412"),
            name: "Арбат".to_owned(),
            council_name: "Управа района Арбат города Москвы".to_owned(),
            council_address: "ул. Арбат, д. 40, стр. 2".to_owned(),
            office_hours: "пн–чт 8:00–17:00, пт 8:00–15:45".to_owned(),
            phone: None,
        }
    }

    #[test]
    fn the_builtin_set_exists_in_both_languages() {
        for lang in Lang::ALL {
            let list = builtin(lang, &arbat());
            assert_eq!(list.len(), BUILTIN);
            for c in list {
                assert!(!c.title.starts_with("tui-") && !c.text.starts_with("tui-"), "{c:?}");
                // the letter already greets the applicant by name
                assert!(!c.text.starts_with("Здравствуйте") && !c.text.starts_with("Hello"), "{c:?}");
            }
        }
    }

    #[test]
    fn the_office_hours_answer_gives_the_address_and_the_hours() {
        for lang in Lang::ALL {
            let hours = &builtin(lang, &arbat())[2];
            assert!(hours.text.contains("ул. Арбат, д. 40, стр. 2"), "{}", hours.text);
            assert!(hours.text.contains("пн–чт 8:00–17:00, пт 8:00–15:45"), "{}", hours.text);
        }
    }

    #[test]
    fn the_councils_answers_come_first_in_their_language() {
        let own = parse(
            "[[answer]]\ntitle = \"Справка\"\ntext = \"Текст\"\nlang = \"ru\"\n[[answer]]\ntitle = \"Both\"\ntext = \"T\"\n",
        )
        .expect("valid");
        let ru = offered(&own, Lang::Ru, &arbat());
        assert_eq!(ru[0].title, "Справка");
        assert_eq!(ru[1].title, "Both");
        assert_eq!(ru.len(), 2 + BUILTIN);
        let en = offered(&own, Lang::En, &arbat());
        assert_eq!(en[0].title, "Both");
        assert_eq!(en.len(), 1 + BUILTIN);
    }

    #[test]
    fn a_bad_file_is_explained() {
        assert!(parse("[[answer]]\ntitle = \"x\"\n").is_err());
        assert!(
            parse("[[answer]]\ntitle = \"x\"\ntext = \"y\"\nlang = \"de\"\n")
                .expect_err("bad lang")
                .contains("answer 1")
        );
        assert!(parse("[[answer]]\ntitle = \" \"\ntext = \"y\"\n").is_err());
        assert_eq!(load(Path::new("/nonexistent/canned_answers.toml")), Ok(vec![]));
        let err = CannedError { path: "/etc/c.toml".into(), detail: "bad".into() };
        assert!(err.message(Lang::Ru).contains("/etc/c.toml"));
    }
}
