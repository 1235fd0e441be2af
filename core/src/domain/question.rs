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
    pub text: String,
}

/// Longest question we accept.
pub const MAX_QUESTION_LEN: usize = 4000;

/// An e-mail address that passed a sanity check (one `@`, a dotted domain, no spaces). Whether
/// it is *theirs* is settled only by the confirmation link.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
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
    /// Parses the question form's name, e-mail and text, collecting every error.
    pub fn parse(name: &str, email: &str, text: &str) -> Result<QuestionDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push("name", Msg::new("form-error-required"));
        } else if name.chars().count() > 200 {
            errors.push("name", Msg::new("form-error-too-long").arg("max", 200_u32));
        }
        let email = if email.trim().is_empty() {
            errors.push("email", Msg::new("form-error-required"));
            None
        } else {
            let parsed = EmailAddress::parse(email);
            if parsed.is_none() {
                errors.push("email", Msg::new("form-error-email"));
            }
            parsed
        };
        let text = text.replace("\r\n", "\n").trim().to_owned();
        if text.is_empty() {
            errors.push("text", Msg::new("form-error-required"));
        } else if text.chars().count() > MAX_QUESTION_LEN {
            errors.push("text", Msg::new("form-error-too-long").arg("max", MAX_QUESTION_LEN));
        }
        match email {
            Some(email) if errors.is_empty() => Ok(QuestionDraft { name, email, text }),
            _ => Err(errors),
        }
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
    }
}
