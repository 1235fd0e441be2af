//! Mail: every event reaches its person by e-mail as well as on the timeline (rule 5).
//!
//! The outbox row is written when its event is recorded, in the same transaction
//! (`store::outbox::enqueue`); a delivery worker ([`deliver::Deliverer`]) renders it from the
//! event's stored data and sends it later — rendering then, not in the transaction, because
//! the links need the configured public address, which storage does not know. Nothing sends
//! mail from inside a request or a key press.

pub mod copies;
pub mod deliver;
pub(crate) mod flowed;
mod letter;
pub mod render;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use letter::escape_html;
pub use render::{format_date, render};

use serde::{Deserialize, Serialize};

use crate::clock::Term;
use crate::domain::catalogue::LocalText;
use crate::i18n::Lang;

/// What the templates need besides the event itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailContext {
    /// The recipient's language.
    pub lang: Lang,
    /// How to address the person: «Мария Петровна», «Иван Сидоров»; none for a plain greeting.
    pub addressee: Option<String>,
    /// The appeal the event is about, if any.
    pub appeal: Option<AppealRef>,
    /// The district council (where to come, its hours).
    pub council: Option<CouncilRef>,
    /// The question an answer is to (questions asked without a PIN).
    pub question: Option<QuestionRef>,
    /// The private section: `<public_base_url>/`.
    pub cabinet_url: String,
    /// For a confirmation request: the link to follow.
    pub confirmation_url: Option<String>,
}

/// The appeal an e-mail is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRef {
    /// «ЭП-0412-2026-000123».
    pub number: String,
    /// The service's title in both languages.
    pub service: LocalText,
    /// The appeal's page in the private section (works after signing in).
    pub url: String,
    /// The service's term, to say «10 рабочих дней».
    pub term: Term,
    /// The appeal's deadline as it stands, to say «до 11 января 2027 г.».
    #[serde(default)]
    pub due_on: Option<chrono::NaiveDate>,
}

/// A question asked without a PIN, quoted in the letter with its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRef {
    /// The Moscow date it was asked on.
    pub asked_on: chrono::NaiveDate,
    pub text: String,
    /// The address the question is about, as the asker typed it, if they gave one.
    #[serde(default)]
    pub address: Option<String>,
}

/// The council a resident deals with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRef {
    pub name: String,
    pub address: String,
    pub hours: String,
    pub phone: Option<String>,
}

/// A rendered message: a subject and both parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedMail {
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part; everything typed by clerks or residents in it is escaped.
    pub html: String,
}

#[cfg(test)]
mod tests;
