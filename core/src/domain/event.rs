//! Events: everything that happens to an appeal, a question or an account that its person is
//! told about — on the timeline of the private section and, duplicated, by e-mail.
//!
//! [`EventKind`] is the one list of them. The timeline, the e-mail templates and the terminal
//! each add a renderer for it; none invents an event of its own.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::catalogue::LocalText;
use super::ids::{AccountId, AppealId, ClerkId, EventId, QuestionId, StageCode};
use super::status::{HandOver, IssuedDocument, OriginalSnapshot, OriginalsRequest, Pickup, Refusal};

/// Why an address is being confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationPurpose {
    /// The address given at the PIN desk, before any personal data is mailed to it.
    Account,
    /// The address of a question asked without a PIN.
    Question,
}

impl ConfirmationPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfirmationPurpose::Account => "account",
            ConfirmationPurpose::Question => "question",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "account" => Some(ConfirmationPurpose::Account),
            "question" => Some(ConfirmationPurpose::Question),
            _ => None,
        }
    }
}

/// Why an account's PIN stopped working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PinEnd {
    /// A new PIN was issued at the desk in its place.
    Reissued,
    /// The resident is no longer in the district's registry.
    LeftRegistry,
    /// A clerk or an administrator revoked it.
    Revoked,
}

/// Every kind of event, with the data its renderers need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    // --- an appeal's timeline -------------------------------------------------------------
    /// The appeal was filed and given its number; registration is due by `register_by`.
    Filed { number: String, register_by: NaiveDate },
    /// Registered; the service is due by `deadline`.
    Registered { deadline: NaiveDate },
    /// Not registered: the grounds and how to fix them.
    RefusedToRegister(Refusal),
    /// A stage of execution began.
    StageStarted { stage: StageCode, title: LocalText },
    /// The applicant is asked to bring originals: what, where, by when.
    OriginalsRequested(OriginalsRequest),
    /// The originals were brought; work goes on.
    OriginalsReceived,
    /// The originals were not brought by `due`; the appeal is suspended. What was asked for and
    /// where to bring it are repeated for the letter (events stored before carry neither).
    Suspended {
        due: NaiveDate,
        #[serde(default)]
        originals: Vec<OriginalSnapshot>,
        #[serde(default)]
        place: String,
    },
    /// A suspended appeal was closed.
    Closed,
    /// The service was refused after registration: the grounds and how to fix them.
    Refused(Refusal),
    /// The document is ready: where and when to collect it, what to bring.
    Ready(Pickup),
    /// The document was handed over.
    HandedOver(HandOver),
    /// The document was issued in electronic form and can be downloaded.
    IssuedElectronically(IssuedDocument),
    /// A consultation was answered.
    Answered { text: String },
    /// The appeal was withdrawn.
    Withdrawn,
    /// An informational message from the council.
    Message { text: String },
    /// The deadline was extended once (59-ФЗ, art. 12 part 2), with the reason.
    DeadlineExtended { from: NaiveDate, to: NaiveDate, reason: String },
    /// A corrected appeal was filed in place of this refused one.
    Corrected { number: String },

    // --- accounts and questions ------------------------------------------------------------
    /// A link to confirm an e-mail address was sent. The link itself lives only in the mail.
    ConfirmationRequested { purpose: ConfirmationPurpose },
    /// The e-mail address was confirmed.
    EmailConfirmed { purpose: ConfirmationPurpose },
    /// A question asked without a PIN was answered.
    QuestionAnswered { text: String },
    /// The account's PIN stopped working. Mailed to the account's confirmed address, so that a
    /// PIN issued at the desk to somebody else in the resident's name does not go unnoticed.
    PinRevoked { why: PinEnd },
    /// Another address for the letters, `to`, was asked for in the private section. Mailed to
    /// the confirmed address it is to replace, so that a change made by somebody else is
    /// noticed; the new one gets its confirmation link.
    EmailChangeRequested { to: String },
}

impl EventKind {
    /// The stable name stored in the `kind` column.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Filed { .. } => "filed",
            EventKind::Registered { .. } => "registered",
            EventKind::RefusedToRegister(_) => "refused_to_register",
            EventKind::StageStarted { .. } => "stage_started",
            EventKind::OriginalsRequested(_) => "originals_requested",
            EventKind::OriginalsReceived => "originals_received",
            EventKind::Suspended { .. } => "suspended",
            EventKind::Closed => "closed",
            EventKind::Refused(_) => "refused",
            EventKind::Ready(_) => "ready",
            EventKind::HandedOver(_) => "handed_over",
            EventKind::IssuedElectronically(_) => "issued_electronically",
            EventKind::Answered { .. } => "answered",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Message { .. } => "message",
            EventKind::DeadlineExtended { .. } => "deadline_extended",
            EventKind::Corrected { .. } => "corrected",
            EventKind::ConfirmationRequested { .. } => "confirmation_requested",
            EventKind::EmailConfirmed { .. } => "email_confirmed",
            EventKind::QuestionAnswered { .. } => "question_answered",
            EventKind::PinRevoked { .. } => "pin_revoked",
            EventKind::EmailChangeRequested { .. } => "email_change_requested",
        }
    }

    /// Every kind name, for tests that each has its renderers.
    pub const NAMES: [&'static str; 22] = [
        "filed",
        "registered",
        "refused_to_register",
        "stage_started",
        "originals_requested",
        "originals_received",
        "suspended",
        "closed",
        "refused",
        "ready",
        "handed_over",
        "issued_electronically",
        "answered",
        "withdrawn",
        "message",
        "deadline_extended",
        "corrected",
        "confirmation_requested",
        "email_confirmed",
        "question_answered",
        "pin_revoked",
        "email_change_requested",
    ];

    /// Whether the person is e-mailed about it (rule 5 of the blueprint: every event on an
    /// appeal is, the originals being received included; the confirmation request carries its
    /// own link mail). Only the confirmation itself is not: the person just did it.
    pub fn is_mailed(&self) -> bool {
        !matches!(self, EventKind::EmailConfirmed { .. })
    }
}

/// Who caused an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Actor {
    /// The applicant, through the web.
    Applicant(AccountId),
    /// A person who asked a question without a PIN.
    Asker,
    /// A clerk or supervisor in the terminal.
    Clerk(ClerkId),
    /// An administrator's command-line action, under their login or operating-system user.
    Admin(String),
    /// The system itself (deadline jobs, registry imports).
    System,
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Applicant(_) => "applicant",
            Actor::Asker => "asker",
            Actor::Clerk(_) => "clerk",
            Actor::Admin(_) => "admin",
            Actor::System => "system",
        }
    }
}

/// What an event is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Appeal(AppealId),
    Question(QuestionId),
    Account(AccountId),
}

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub subject: Subject,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub kind: EventKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_listed() {
        let mut names = EventKind::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EventKind::NAMES.len());
        assert!(EventKind::NAMES.contains(&EventKind::Withdrawn.name()));
    }

    #[test]
    fn serialised_kind_matches_name() {
        let e = EventKind::Message { text: "Текст".to_owned() };
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(json["kind"], e.name());
        let back: EventKind = serde_json::from_value(json).expect("parses");
        assert_eq!(back, e);
    }
}
