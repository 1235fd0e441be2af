//! Questions asked without a PIN (rule 8: any question, a competent answer by e-mail).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::appeal::FieldErrors;
use super::ids::{ClerkId, DistrictCode, QuestionId};
use crate::i18n::{Lang, Msg};

/// Where a question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    /// Waiting for the asker to confirm their e-mail; clerks do not see it yet.
    Unconfirmed,
    /// In the clerks' queue.
    Open,
    /// Answered by e-mail.
    Answered,
}

impl QuestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Unconfirmed => "unconfirmed",
            QuestionStatus::Open => "open",
            QuestionStatus::Answered => "answered",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unconfirmed" => Some(QuestionStatus::Unconfirmed),
            "open" => Some(QuestionStatus::Open),
            "answered" => Some(QuestionStatus::Answered),
            _ => None,
        }
    }
}

/// A question as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub district: DistrictCode,
    pub name: String,
    pub email: String,
    pub lang: Lang,
    pub text: String,
    /// The address the question is about, as typed (trimmed), when one was given: personal
    /// data, like the name and the e-mail address.
    #[serde(default)]
    pub address: Option<String>,
    pub status: QuestionStatus,
    pub asked_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_by: Option<ClerkId>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A question as typed, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionDraft {
    pub name: String,
    pub email: EmailAddress,
    /// The address the question is about, as typed (trimmed); `None` when none was given.
    pub address: Option<String>,
    pub text: String,
}

/// Longest question we accept.
pub const MAX_QUESTION_LEN: usize = 4000;

/// Longest address we accept with a question.
pub const MAX_ADDRESS_LEN: usize = 200;

/// An e-mail address that passed a sanity check (one `@`, a dotted domain, no spaces). Whether
/// it is *theirs* is settled only by the confirmation link.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// An address typed into a form field: what to tell the person when there is none, or
    /// it is not one.
    pub fn parse_field(s: &str) -> Result<EmailAddress, Msg> {
        if s.trim().is_empty() {
            return Err(Msg::new("form-error-required"));
        }
        EmailAddress::parse(s).ok_or_else(|| Msg::new("form-error-email"))
    }

    pub fn parse(s: &str) -> Option<EmailAddress> {
        let s = s.trim();
        if s.len() > 254
            || s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        {
            return None;
        }
        let (local, domain) = s.rsplit_once('@')?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        (!local.is_empty() && local.len() <= 64 && !local.contains('@') && domain_ok)
            .then(|| EmailAddress(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl QuestionDraft {
    /// Parses a question's name, e-mail and text (no address), collecting every error.
    pub fn parse(name: &str, email: &str, text: &str) -> Result<QuestionDraft, FieldErrors> {
        QuestionDraft::parse_form(name, email, "", text)
    }

    /// Parses the question form's name, e-mail, address (optional; kept as typed, trimmed) and
    /// text, collecting every error.
    pub fn parse_form(name: &str, email: &str, address: &str, text: &str) -> Result<QuestionDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push("name", Msg::new("form-error-required"));
        } else if name.chars().count() > 200 {
            errors.push("name", Msg::new("form-error-too-long").arg("max", 200_u32));
        } else if name.chars().any(char::is_control) {
            errors.push("name", Msg::new("form-error-characters"));
        }
        let email = match EmailAddress::parse_field(email) {
            Ok(email) => Some(email),
            Err(message) => {
                errors.push("email", message);
                None
            }
        };
        let address = match parse_address(address) {
            Ok(address) => address,
            Err(message) => {
                errors.push("address", message);
                None
            }
        };
        let text = text.replace("\r\n", "\n").trim().to_owned();
        if text.is_empty() {
            errors.push("text", Msg::new("form-error-required"));
        } else if text.chars().count() > MAX_QUESTION_LEN {
            errors.push("text", Msg::new("form-error-too-long").arg("max", MAX_QUESTION_LEN));
        } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            // a terminal escape or a NUL would reach the clerk's screen and the letter
            errors.push("text", Msg::new("form-error-characters"));
        }
        match email {
            Some(email) if errors.is_empty() => Ok(QuestionDraft { name, email, address, text }),
            _ => Err(errors),
        }
    }
}

/// The address typed with a question: trimmed, `None` when empty; refused when longer than
/// [`MAX_ADDRESS_LEN`] characters or when it holds control characters (a line break included:
/// it is one line).
pub fn parse_address(raw: &str) -> Result<Option<String>, Msg> {
    let address = raw.trim();
    if address.is_empty() {
        Ok(None)
    } else if address.chars().count() > MAX_ADDRESS_LEN {
        Err(Msg::new("form-error-too-long").arg("max", MAX_ADDRESS_LEN))
    } else if address.chars().any(char::is_control) {
        Err(Msg::new("form-error-characters"))
    } else {
        Ok(Some(address.to_owned()))
    }
}

/// A question's language when none was chosen.
pub fn default_lang() -> Lang {
    Lang::Ru
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(EmailAddress::parse(" Maria@Example.RU ").map(|e| e.0), Some("Maria@example.ru".to_owned()));
        for bad in ["", "a", "a@b", "a@.b", "a b@c.d", "a@b..c", "@b.c", "a@-b.c", "a<b@c.d"] {
            assert!(EmailAddress::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn question_errors_all_at_once() {
        let errors = QuestionDraft::parse(" ", "nope", "").expect_err("invalid");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "text"]);
        let errors = QuestionDraft::parse_form(" ", "nope", "ул. Арбат,\u{7} д. 1", "").expect_err("invalid");
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "address", "text"]);
    }

    #[test]
    fn control_characters_are_refused_in_the_name_and_the_text_but_not_line_breaks() {
        let errors = QuestionDraft::parse("Анна\u{1b}[2J", "a@b.ru", "Когда\u{0}?").expect_err("invalid");
        let shown: Vec<_> = errors.0.iter().map(|e| (e.field.as_str(), &*e.message.id)).collect();
        assert_eq!(shown, [("name", "form-error-characters"), ("text", "form-error-characters")]);
        let draft = QuestionDraft::parse("Анна", "a@b.ru", "Первая строка\r\nвторая\tстрока").expect("valid");
        assert_eq!(draft.text, "Первая строка\nвторая\tстрока");
    }

    #[test]
    fn an_address_is_kept_as_typed_trimmed_and_limited() {
        let draft =
            QuestionDraft::parse_form("Анна", "a@b.ru", "  наш двор, ул. Арбат  д.5 ", "Когда?").expect("valid");
        assert_eq!(draft.address.as_deref(), Some("наш двор, ул. Арбат  д.5"));
        assert_eq!(QuestionDraft::parse_form("Анна", "a@b.ru", " \t ", "Когда?").expect("valid").address, None);
        assert_eq!(QuestionDraft::parse("Анна", "a@b.ru", "Когда?").expect("valid").address, None);
        let longest = "д".repeat(MAX_ADDRESS_LEN);
        assert_eq!(parse_address(&longest).expect("fits"), Some(longest.clone()));
        let too_long = parse_address(&format!("{longest}д")).expect_err("too long");
        assert_eq!(too_long.id, "form-error-too-long");
        for bad in ["ул. Арбат\nд. 1", "ул. Арбат\u{0}", "ул.\u{1b}[31m Арбат", "ул. Арбат\r\nд. 1"]
        {
            assert_eq!(parse_address(bad).expect_err(bad).id, "form-error-characters", "{bad:?}");
        }
    }
}
