//! The status of an appeal: a state machine whose states carry their data.
//!
//! ```text
//! submitted ─┬─> registered ──> in_progress(stage) ⇄ originals_required(list, where, by)
//!            │        │            │   │   │                 │        │
//!            │        │            │   │   │                 │        └─> suspended ─> closed
//!            │        │            │   │   │                 │                │
//!            │        │            │   │   └─> refused(grounds) <─────────────┘ (from originals_required)
//!            │        │            │   └─> ready(pickup) ─> issued(who, which ID)      [visit documents]
//!            │        │            └─> issued_electronically(document)                  [no-visit documents]
//!            │        └──────────────┴─> answered(text)                                 [consultations]
//!            └─> refused_to_register(grounds)
//! any open state ─> withdrawn
//! ```
//!
//! There is no `set_status`: [`Status::apply`] consumes the current state and a [`Command`] and
//! returns the next state with the event to record, or a [`TransitionError`] saying why not.
//! The rules that depend on the service (no-visit services never ask for originals and end
//! electronically; consultations end with an answer; visit documents end with a hand-over) are
//! checked here against the catalogue entry. Storage writes a status only through this method
//! (`store::appeals::transition`).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalogue::{GroundKind, LocalText, Service, ServiceKind};
use super::event::EventKind;
use super::ids::{DocumentId, GroundCode, OriginalCode, StageCode};
use crate::i18n::Msg;

/// The longest text a clerk may type into a decision (an answer, an explanation).
pub const MAX_DECISION_TEXT: usize = 20_000;

/// A refusal (to register, or to provide the service), with its grounds as the catalogue
/// worded them at the time (each with its remedy) and the clerk's optional explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub grounds: Vec<GroundSnapshot>,
    /// What the clerk added to the grounds' remedies, in the applicant's language; empty when
    /// they added nothing (readers then show no explanation at all).
    pub explanation: String,
}

impl Refusal {
    /// The clerk's explanation when it says something the grounds' remedies do not: empty, or
    /// a copy of a remedy (case, spacing and the final full stop aside), it is `None`, so a
    /// letter or a timeline does not say the same thing twice.
    pub fn added_explanation(&self) -> Option<&str> {
        fn plain(text: &str) -> String {
            text.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(['.', '!']).to_lowercase()
        }
        let explanation = plain(&self.explanation);
        let repeats = |g: &GroundSnapshot| [&g.remedy.ru, &g.remedy.en].iter().any(|r| plain(r) == explanation);
        (!explanation.is_empty() && !self.grounds.iter().any(repeats)).then_some(self.explanation.as_str())
    }
}

/// A ground as the catalogue worded it when it was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundSnapshot {
    pub code: GroundCode,
    pub text: LocalText,
    pub remedy: LocalText,
}

/// Originals the applicant is asked to bring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalsRequest {
    pub originals: Vec<OriginalSnapshot>,
    /// Where to bring them: «Управа района Арбат, ул. Новый Арбат, д. 36, окно 3».
    pub place: String,
    /// The last day to bring them.
    pub by: NaiveDate,
    /// The stage the appeal returns to when they are brought.
    pub stage: StageCode,
}

/// An original document as the catalogue named it when it was asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalSnapshot {
    pub code: OriginalCode,
    pub title: LocalText,
}

/// Where and when a ready document can be collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pickup {
    /// Pre-filled from the district's council address.
    pub place: String,
    /// Pre-filled from the council's office hours.
    pub hours: String,
    /// The first day it can be collected.
    pub from: NaiveDate,
    /// What to bring: «паспорт».
    pub bring: String,
}

/// Who collected a document, and on which identity document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOver {
    pub collected_by: String,
    pub id_document: String,
}

/// A document issued in electronic form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    pub document: DocumentId,
    pub file_name: String,
}

/// The status of an appeal, with each state's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    Submitted,
    Registered,
    RefusedToRegister(Refusal),
    InProgress { stage: StageCode },
    OriginalsRequired(OriginalsRequest),
    Suspended(OriginalsRequest),
    Refused(Refusal),
    Closed,
    Ready(Pickup),
    Issued(HandOver),
    IssuedElectronically(IssuedDocument),
    Answered { text: String },
    Withdrawn,
}

/// The state without its data: what is stored in the indexed `status` column and what queues
/// filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    Submitted,
    Registered,
    RefusedToRegister,
    InProgress,
    OriginalsRequired,
    Suspended,
    Refused,
    Closed,
    Ready,
    Issued,
    IssuedElectronically,
    Answered,
    Withdrawn,
}

impl StatusKind {
    pub const ALL: [StatusKind; 13] = [
        StatusKind::Submitted,
        StatusKind::Registered,
        StatusKind::RefusedToRegister,
        StatusKind::InProgress,
        StatusKind::OriginalsRequired,
        StatusKind::Suspended,
        StatusKind::Refused,
        StatusKind::Closed,
        StatusKind::Ready,
        StatusKind::Issued,
        StatusKind::IssuedElectronically,
        StatusKind::Answered,
        StatusKind::Withdrawn,
    ];

    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Submitted => "submitted",
            StatusKind::Registered => "registered",
            StatusKind::RefusedToRegister => "refused_to_register",
            StatusKind::InProgress => "in_progress",
            StatusKind::OriginalsRequired => "originals_required",
            StatusKind::Suspended => "suspended",
            StatusKind::Refused => "refused",
            StatusKind::Closed => "closed",
            StatusKind::Ready => "ready",
            StatusKind::Issued => "issued",
            StatusKind::IssuedElectronically => "issued_electronically",
            StatusKind::Answered => "answered",
            StatusKind::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<StatusKind> {
        StatusKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// An appeal in a final state can change no more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            StatusKind::RefusedToRegister
                | StatusKind::Refused
                | StatusKind::Closed
                | StatusKind::Issued
                | StatusKind::IssuedElectronically
                | StatusKind::Answered
                | StatusKind::Withdrawn
        )
    }

    pub fn is_open(self) -> bool {
        !self.is_final()
    }

    /// Whether the council's deadline runs in this state, so that the appeal can be overdue:
    /// open, and neither ready (the council has done its part; the applicant is to collect
    /// the document) nor suspended (the originals were not brought; it waits on the applicant).
    pub fn deadline_runs(self) -> bool {
        self.is_open() && !matches!(self, StatusKind::Ready | StatusKind::Suspended)
    }

    /// Message id of the state's name («Зарегистрировано»).
    pub fn message_id(self) -> &'static str {
        match self {
            StatusKind::Submitted => "status-submitted",
            StatusKind::Registered => "status-registered",
            StatusKind::RefusedToRegister => "status-refused-to-register",
            StatusKind::InProgress => "status-in-progress",
            StatusKind::OriginalsRequired => "status-originals-required",
            StatusKind::Suspended => "status-suspended",
            StatusKind::Refused => "status-refused",
            StatusKind::Closed => "status-closed",
            StatusKind::Ready => "status-ready",
            StatusKind::Issued => "status-issued",
            StatusKind::IssuedElectronically => "status-issued-electronically",
            StatusKind::Answered => "status-answered",
            StatusKind::Withdrawn => "status-withdrawn",
        }
    }

    /// The Open311 GeoReport v2 status: only `open` or `closed`.
    pub fn open311(self) -> &'static str {
        if self.is_final() { "closed" } else { "open" }
    }
}

impl fmt::Display for StatusKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Status {
    pub fn kind(&self) -> StatusKind {
        match self {
            Status::Submitted => StatusKind::Submitted,
            Status::Registered => StatusKind::Registered,
            Status::RefusedToRegister(_) => StatusKind::RefusedToRegister,
            Status::InProgress { .. } => StatusKind::InProgress,
            Status::OriginalsRequired(_) => StatusKind::OriginalsRequired,
            Status::Suspended(_) => StatusKind::Suspended,
            Status::Refused(_) => StatusKind::Refused,
            Status::Closed => StatusKind::Closed,
            Status::Ready(_) => StatusKind::Ready,
            Status::Issued(_) => StatusKind::Issued,
            Status::IssuedElectronically(_) => StatusKind::IssuedElectronically,
            Status::Answered { .. } => StatusKind::Answered,
            Status::Withdrawn => StatusKind::Withdrawn,
        }
    }

    /// The stage the appeal is at, if it is being worked on.
    pub fn stage(&self) -> Option<&StageCode> {
        match self {
            Status::InProgress { stage } => Some(stage),
            Status::OriginalsRequired(r) | Status::Suspended(r) => Some(&r.stage),
            _ => None,
        }
    }
}

/// A decision about an appeal: what a clerk (or the applicant, for a withdrawal) asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Register the appeal; `deadline` is the service's deadline the appeal was filed with.
    Register { deadline: NaiveDate },
    /// Refuse to register it, on grounds from the service's `register_ground` list.
    RefuseToRegister { grounds: Vec<GroundCode>, explanation: String },
    /// Move to the next stage (the first, right after registration).
    NextStage,
    /// Ask the applicant to bring originals (visit services only).
    RequestOriginals { originals: Vec<OriginalCode>, place: String, by: NaiveDate },
    /// The originals were brought: back to the stage the appeal was at.
    OriginalsReceived,
    /// The originals were not brought by the date.
    Suspend,
    /// Close a suspended appeal.
    Close,
    /// Refuse to provide the service, on grounds from its `provide_ground` list.
    Refuse { grounds: Vec<GroundCode>, explanation: String },
    /// The document is ready for collection (visit documents only).
    MarkReady { pickup: Pickup },
    /// The applicant collected the document.
    HandOver { collected_by: String, id_document: String },
    /// The document was issued electronically (no-visit documents only).
    IssueElectronically { document: IssuedDocument },
    /// Answer a consultation.
    Answer { text: String },
    /// The applicant (or a clerk on their behalf) withdraws the appeal.
    Withdraw,
}

impl Command {
    /// A short name for logs and audit rows.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Register { .. } => "register",
            Command::RefuseToRegister { .. } => "refuse_to_register",
            Command::NextStage => "next_stage",
            Command::RequestOriginals { .. } => "request_originals",
            Command::OriginalsReceived => "originals_received",
            Command::Suspend => "suspend",
            Command::Close => "close",
            Command::Refuse { .. } => "refuse",
            Command::MarkReady { .. } => "mark_ready",
            Command::HandOver { .. } => "hand_over",
            Command::IssueElectronically { .. } => "issue_electronically",
            Command::Answer { .. } => "answer",
            Command::Withdraw => "withdraw",
        }
    }
}

/// What [`Status::apply`] produced: the next state and the event that records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub status: Status,
    pub event: EventKind,
}

/// Why a decision cannot be taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("`{command}` is not possible in state `{from}`")]
    NotAllowed { command: &'static str, from: StatusKind },
    #[error("`{command}` does not apply to this service: {reason}")]
    WrongService { command: &'static str, reason: &'static str },
    #[error("choose at least one ground")]
    NoGrounds,
    #[error("ground `{0}` is not in this service's list")]
    UnknownGround(GroundCode),
    #[error("choose at least one original")]
    NoOriginals,
    #[error("original `{0}` is not in this service's list")]
    UnknownOriginal(OriginalCode),
    #[error("the text `{0}` is empty")]
    EmptyText(&'static str),
    #[error("the text `{0}` is too long")]
    TextTooLong(&'static str),
    #[error("the date {0} is already past")]
    DateInPast(NaiveDate),
    #[error("the originals are due until {0}; the appeal can be suspended only after that")]
    NotYetDue(NaiveDate),
    #[error("the service has no further stage")]
    NoNextStage,
}

impl TransitionError {
    /// What a clerk reads.
    pub fn message(&self) -> Msg {
        match self {
            TransitionError::NotAllowed { command, from } => {
                Msg::new("transition-not-allowed").arg("command", *command).arg("status", from.as_str())
            }
            TransitionError::WrongService { reason, .. } => Msg::new("transition-wrong-service").arg("reason", *reason),
            TransitionError::NoGrounds => Msg::new("transition-no-grounds"),
            TransitionError::UnknownGround(g) => Msg::new("transition-unknown-ground").arg("code", g.as_str()),
            TransitionError::NoOriginals => Msg::new("transition-no-originals"),
            TransitionError::UnknownOriginal(o) => Msg::new("transition-unknown-original").arg("code", o.as_str()),
            TransitionError::EmptyText(field) => Msg::new("transition-empty-text").arg("field", *field),
            TransitionError::TextTooLong(field) => Msg::new("transition-text-too-long").arg("field", *field),
            TransitionError::DateInPast(d) => Msg::new("transition-date-in-past").arg("date", d.to_string()),
            TransitionError::NotYetDue(d) => Msg::new("transition-not-yet-due").arg("date", d.to_string()),
            TransitionError::NoNextStage => Msg::new("transition-no-next-stage"),
        }
    }
}

/// What a transition may consult besides the current state.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub service: &'a Service,
    /// Today's Moscow date.
    pub today: NaiveDate,
}

fn text(value: &str, field: &'static str) -> Result<String, TransitionError> {
    let value = value.trim();
    if value.is_empty() {
        Err(TransitionError::EmptyText(field))
    } else if value.chars().count() > MAX_DECISION_TEXT {
        Err(TransitionError::TextTooLong(field))
    } else {
        Ok(value.to_owned())
    }
}

/// An optional text: trimmed, empty allowed, at most [`MAX_DECISION_TEXT`] characters.
fn optional_text(value: &str, field: &'static str) -> Result<String, TransitionError> {
    let value = value.trim();
    if value.chars().count() > MAX_DECISION_TEXT {
        Err(TransitionError::TextTooLong(field))
    } else {
        Ok(value.to_owned())
    }
}

fn refusal(
    service: &Service,
    kind: GroundKind,
    grounds: &[GroundCode],
    explanation: &str,
) -> Result<Refusal, TransitionError> {
    if grounds.is_empty() {
        return Err(TransitionError::NoGrounds);
    }
    let mut snapshots = Vec::with_capacity(grounds.len());
    for code in grounds {
        let ground = service.ground(kind, code).ok_or_else(|| TransitionError::UnknownGround(code.clone()))?;
        if !snapshots.iter().any(|s: &GroundSnapshot| &s.code == code) {
            snapshots.push(GroundSnapshot {
                code: ground.code.clone(),
                text: ground.text.clone(),
                remedy: ground.remedy.clone(),
            });
        }
    }
    Ok(Refusal { grounds: snapshots, explanation: optional_text(explanation, "explanation")? })
}

impl Status {
    /// Applies a decision. The only way a status changes.
    pub fn apply(self, command: Command, ctx: Context<'_>) -> Result<Transition, TransitionError> {
        let service = ctx.service;
        let from = self.kind();
        let name = command.name();
        let not_allowed = || TransitionError::NotAllowed { command: name, from };
        let wrong_service = |reason| TransitionError::WrongService { command: name, reason };

        if from.is_final() {
            return Err(not_allowed());
        }

        match (self, command) {
            (Status::Submitted, Command::Register { deadline }) => {
                Ok(Transition { status: Status::Registered, event: EventKind::Registered { deadline } })
            }
            (Status::Submitted, Command::RefuseToRegister { grounds, explanation }) => {
                let r = refusal(service, GroundKind::Register, &grounds, &explanation)?;
                Ok(Transition { status: Status::RefusedToRegister(r.clone()), event: EventKind::RefusedToRegister(r) })
            }
            (state @ (Status::Registered | Status::InProgress { .. }), Command::NextStage) => {
                let current = state.stage().cloned();
                let stage = service.next_stage(current.as_ref()).ok_or(TransitionError::NoNextStage)?;
                Ok(Transition {
                    status: Status::InProgress { stage: stage.code.clone() },
                    event: EventKind::StageStarted { stage: stage.code.clone(), title: stage.title.clone() },
                })
            }
            (Status::InProgress { stage }, Command::RequestOriginals { originals, place, by }) => {
                if service.no_visit {
                    return Err(wrong_service("no-visit"));
                }
                if originals.is_empty() {
                    return Err(TransitionError::NoOriginals);
                }
                if by < ctx.today {
                    return Err(TransitionError::DateInPast(by));
                }
                let mut snapshots: Vec<OriginalSnapshot> = Vec::with_capacity(originals.len());
                for code in &originals {
                    let original =
                        service.original(code).ok_or_else(|| TransitionError::UnknownOriginal(code.clone()))?;
                    if !snapshots.iter().any(|s| &s.code == code) {
                        snapshots.push(OriginalSnapshot { code: code.clone(), title: original.title.clone() });
                    }
                }
                let request = OriginalsRequest { originals: snapshots, place: text(&place, "place")?, by, stage };
                Ok(Transition {
                    status: Status::OriginalsRequired(request.clone()),
                    event: EventKind::OriginalsRequested(request),
                })
            }
            (Status::OriginalsRequired(r) | Status::Suspended(r), Command::OriginalsReceived) => {
                Ok(Transition { status: Status::InProgress { stage: r.stage }, event: EventKind::OriginalsReceived })
            }
            (Status::OriginalsRequired(r), Command::Suspend) => {
                if ctx.today <= r.by {
                    return Err(TransitionError::NotYetDue(r.by));
                }
                let by = r.by;
                let event = EventKind::Suspended { due: by, originals: r.originals.clone(), place: r.place.clone() };
                Ok(Transition { status: Status::Suspended(r), event })
            }
            (Status::Suspended(_), Command::Close) => {
                Ok(Transition { status: Status::Closed, event: EventKind::Closed })
            }
            (Status::InProgress { .. } | Status::OriginalsRequired(_), Command::Refuse { grounds, explanation }) => {
                let r = refusal(service, GroundKind::Provide, &grounds, &explanation)?;
                Ok(Transition { status: Status::Refused(r.clone()), event: EventKind::Refused(r) })
            }
            (Status::InProgress { .. }, Command::MarkReady { pickup }) => {
                if !service.ends_with_visit() {
                    return Err(wrong_service(if service.kind == ServiceKind::Consultation {
                        "consultation"
                    } else {
                        "no-visit"
                    }));
                }
                if pickup.from < ctx.today {
                    return Err(TransitionError::DateInPast(pickup.from));
                }
                let pickup = Pickup {
                    place: text(&pickup.place, "place")?,
                    hours: text(&pickup.hours, "hours")?,
                    from: pickup.from,
                    bring: text(&pickup.bring, "bring")?,
                };
                Ok(Transition { status: Status::Ready(pickup.clone()), event: EventKind::Ready(pickup) })
            }
            (Status::Ready(_), Command::HandOver { collected_by, id_document }) => {
                let h = HandOver {
                    collected_by: text(&collected_by, "collected_by")?,
                    id_document: text(&id_document, "id_document")?,
                };
                Ok(Transition { status: Status::Issued(h.clone()), event: EventKind::HandedOver(h) })
            }
            (Status::InProgress { .. }, Command::IssueElectronically { document }) => {
                if service.kind != ServiceKind::Document || !service.no_visit {
                    return Err(wrong_service(if service.kind == ServiceKind::Consultation {
                        "consultation"
                    } else {
                        "visit"
                    }));
                }
                let document =
                    IssuedDocument { document: document.document, file_name: text(&document.file_name, "file_name")? };
                Ok(Transition {
                    status: Status::IssuedElectronically(document.clone()),
                    event: EventKind::IssuedElectronically(document),
                })
            }
            (Status::Registered | Status::InProgress { .. }, Command::Answer { text: answer }) => {
                if service.kind != ServiceKind::Consultation {
                    return Err(wrong_service("document"));
                }
                let answer = text(&answer, "answer")?;
                Ok(Transition {
                    status: Status::Answered { text: answer.clone() },
                    event: EventKind::Answered { text: answer },
                })
            }
            (_, Command::Withdraw) => Ok(Transition { status: Status::Withdrawn, event: EventKind::Withdrawn }),
            _ => Err(not_allowed()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refused_action_is_explained_in_words() {
        let e = TransitionError::NotAllowed { command: "extend", from: StatusKind::Refused };
        assert_eq!(
            e.message().render(crate::i18n::Lang::Ru),
            "Продлить срок нельзя: обращение в состоянии «Отказано в предоставлении услуги»."
        );
        assert_eq!(
            e.message().render(crate::i18n::Lang::En),
            "Extending the deadline is not possible: the appeal is “Service refused”."
        );
        let e = TransitionError::NotAllowed { command: "originals_received", from: StatusKind::Closed };
        assert_eq!(
            e.message().render(crate::i18n::Lang::Ru),
            "Отметить, что оригиналы принесены, нельзя: обращение в состоянии «Закрыто»."
        );
    }

    use chrono::Duration;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::catalogue::Catalogue;
    use crate::domain::ids::DocumentId;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid")
    }

    fn catalogue() -> Catalogue {
        Catalogue::builtin().expect("valid")
    }

    fn step(status: Status, command: Command, service: &Service) -> Result<Transition, TransitionError> {
        status.apply(command, Context { service, today: today() })
    }

    fn pickup() -> Pickup {
        Pickup {
            place: "ул. Новый Арбат, д. 36".to_owned(),
            hours: "пн–чт 9:00–18:00".to_owned(),
            from: today(),
            bring: "паспорт".to_owned(),
        }
    }

    fn run(service: &Service, commands: Vec<Command>) -> Result<Status, TransitionError> {
        let mut status = Status::Submitted;
        for c in commands {
            status = step(status, c, service)?.status;
        }
        Ok(status)
    }

    #[test]
    fn visit_document_goes_the_whole_way() {
        let c = catalogue();
        let s = c.get("house-register-extract").expect("present");
        let status = run(
            s,
            vec![
                Command::Register { deadline: today() },
                Command::NextStage,
                Command::RequestOriginals {
                    originals: vec![OriginalCode::new("passport")],
                    place: "окно 3".to_owned(),
                    by: today() + Duration::days(5),
                },
                Command::OriginalsReceived,
                Command::NextStage,
                Command::NextStage,
                Command::MarkReady { pickup: pickup() },
                Command::HandOver {
                    collected_by: "Иванова М. П.".to_owned(),
                    id_document: "паспорт 45 00 123456".to_owned(),
                },
            ],
        )
        .expect("legal path");
        assert_eq!(status.kind(), StatusKind::Issued);
    }

    #[test]
    fn originals_return_to_the_stage_they_interrupted() {
        let c = catalogue();
        let s = c.get("unified-housing-document").expect("present");
        let status = run(
            s,
            vec![
                Command::Register { deadline: today() },
                Command::NextStage,
                Command::NextStage,
                Command::RequestOriginals {
                    originals: vec![OriginalCode::new("title-document")],
                    place: "окно 3".to_owned(),
                    by: today(),
                },
                Command::OriginalsReceived,
            ],
        )
        .expect("legal path");
        assert_eq!(status, Status::InProgress { stage: StageCode::new("billing-check") });
    }

    #[test]
    fn no_visit_service_never_asks_for_originals_nor_hands_over() {
        let c = catalogue();
        let s = c.get("large-family-certificate").expect("present");
        let in_progress = run(s, vec![Command::Register { deadline: today() }, Command::NextStage]).expect("legal");
        let err = step(
            in_progress.clone(),
            Command::RequestOriginals { originals: vec![], place: "x".to_owned(), by: today() },
            s,
        )
        .expect_err("no-visit");
        assert!(matches!(err, TransitionError::WrongService { reason: "no-visit", .. }), "{err:?}");
        let err = step(in_progress.clone(), Command::MarkReady { pickup: pickup() }, s).expect_err("no-visit");
        assert!(matches!(err, TransitionError::WrongService { .. }));
        let done = step(
            in_progress,
            Command::IssueElectronically {
                document: IssuedDocument { document: DocumentId(7), file_name: "udostoverenie.pdf".to_owned() },
            },
            s,
        )
        .expect("ends electronically");
        assert_eq!(done.status.kind(), StatusKind::IssuedElectronically);
        assert!(matches!(done.event, EventKind::IssuedElectronically(_)));
    }

    #[test]
    fn consultation_ends_with_an_answer_only() {
        let c = catalogue();
        let s = c.get("consultation").expect("present");
        let registered = run(s, vec![Command::Register { deadline: today() }]).expect("legal");
        assert!(step(registered.clone(), Command::MarkReady { pickup: pickup() }, s).is_err());
        let err = step(registered.clone(), Command::Answer { text: "   ".to_owned() }, s).expect_err("empty");
        assert_eq!(err, TransitionError::EmptyText("answer"));
        let answered = step(registered, Command::Answer { text: "Ответ по существу.".to_owned() }, s).expect("legal");
        assert_eq!(answered.status, Status::Answered { text: "Ответ по существу.".to_owned() });
        let doc = c.get("house-register-extract").expect("present");
        let registered_doc = run(doc, vec![Command::Register { deadline: today() }]).expect("legal");
        assert!(matches!(
            step(registered_doc, Command::Answer { text: "x".to_owned() }, doc),
            Err(TransitionError::WrongService { .. })
        ));
    }

    #[test]
    fn refusals_need_grounds_from_the_right_list() {
        let c = catalogue();
        let s = c.get("large-family-certificate").expect("present");
        let refuse = |grounds: Vec<&str>| Command::RefuseToRegister {
            grounds: grounds.into_iter().map(GroundCode::new).collect(),
            explanation: "Укажите всех детей.".to_owned(),
        };
        assert_eq!(step(Status::Submitted, refuse(vec![]), s), Err(TransitionError::NoGrounds));
        // a provide-ground is not a register-ground
        assert_eq!(
            step(Status::Submitted, refuse(vec!["not-large-family"]), s),
            Err(TransitionError::UnknownGround(GroundCode::new("not-large-family")))
        );
        let t =
            step(Status::Submitted, refuse(vec!["incomplete-data", "incomplete-data", "duplicate"]), s).expect("legal");
        let Status::RefusedToRegister(r) = &t.status else { panic!("wrong state {:?}", t.status) };
        assert_eq!(r.grounds.len(), 2, "repeated grounds are recorded once");
        assert_eq!(r.grounds[0].text.ru, "Не заполнены обязательные сведения о детях.");
        assert_eq!(t.event, EventKind::RefusedToRegister(r.clone()));
    }

    #[test]
    fn a_refusal_needs_no_explanation_beyond_the_remedies() {
        let c = catalogue();
        let s = c.get("large-family-certificate").expect("present");
        let refuse = |explanation: &str| Command::RefuseToRegister {
            grounds: vec![GroundCode::new("incomplete-data")],
            explanation: explanation.to_owned(),
        };
        let t = step(Status::Submitted, refuse("  \n "), s).expect("no explanation is fine");
        let Status::RefusedToRegister(r) = &t.status else { panic!("wrong state {:?}", t.status) };
        assert_eq!(r.explanation, "", "a blank explanation is stored as none");
        let long = "я".repeat(MAX_DECISION_TEXT + 1);
        assert_eq!(step(Status::Submitted, refuse(&long), s), Err(TransitionError::TextTooLong("explanation")));
    }

    #[test]
    fn suspension_waits_for_the_date_then_closes() {
        let c = catalogue();
        let s = c.get("house-register-extract").expect("present");
        let waiting = run(
            s,
            vec![
                Command::Register { deadline: today() },
                Command::NextStage,
                Command::RequestOriginals {
                    originals: vec![OriginalCode::new("passport")],
                    place: "окно 3".to_owned(),
                    by: today(),
                },
            ],
        )
        .expect("legal");
        assert_eq!(step(waiting.clone(), Command::Suspend, s), Err(TransitionError::NotYetDue(today())));
        let later = Context { service: s, today: today() + Duration::days(1) };
        let suspended = waiting.apply(Command::Suspend, later).expect("due").status;
        assert_eq!(suspended.kind(), StatusKind::Suspended);
        let closed = suspended.apply(Command::Close, later).expect("legal").status;
        assert_eq!(closed, Status::Closed);
    }

    #[test]
    fn final_states_refuse_everything() {
        let c = catalogue();
        let s = c.get("consultation").expect("present");
        let withdrawn = run(s, vec![Command::Withdraw]).expect("legal");
        assert_eq!(
            step(withdrawn, Command::Withdraw, s),
            Err(TransitionError::NotAllowed { command: "withdraw", from: StatusKind::Withdrawn })
        );
    }

    #[test]
    fn every_state_is_reachable() {
        let c = catalogue();
        let originals = |by| Command::RequestOriginals {
            originals: vec![OriginalCode::new("passport")],
            place: "окно 3".to_owned(),
            by,
        };
        let refuse = |g: &str| Command::Refuse { grounds: vec![GroundCode::new(g)], explanation: "Так.".to_owned() };
        let reg = || Command::Register { deadline: today() };
        let doc = IssuedDocument { document: DocumentId(1), file_name: "doc.pdf".to_owned() };
        let paths: Vec<(&str, Vec<(Command, i64)>)> = vec![
            ("consultation", vec![]),
            ("consultation", vec![(reg(), 0)]),
            (
                "consultation",
                vec![(
                    Command::RefuseToRegister {
                        grounds: vec![GroundCode::new("unreadable")],
                        explanation: "x".to_owned(),
                    },
                    0,
                )],
            ),
            ("house-register-extract", vec![(reg(), 0), (Command::NextStage, 0)]),
            ("house-register-extract", vec![(reg(), 0), (Command::NextStage, 0), (originals(today()), 0)]),
            (
                "house-register-extract",
                vec![(reg(), 0), (Command::NextStage, 0), (originals(today()), 0), (Command::Suspend, 1)],
            ),
            (
                "house-register-extract",
                vec![
                    (reg(), 0),
                    (Command::NextStage, 0),
                    (originals(today()), 0),
                    (Command::Suspend, 1),
                    (Command::Close, 0),
                ],
            ),
            ("house-register-extract", vec![(reg(), 0), (Command::NextStage, 0), (refuse("no-right-to-request"), 0)]),
            (
                "house-register-extract",
                vec![(reg(), 0), (Command::NextStage, 0), (Command::MarkReady { pickup: pickup() }, 0)],
            ),
            (
                "house-register-extract",
                vec![
                    (reg(), 0),
                    (Command::NextStage, 0),
                    (Command::MarkReady { pickup: pickup() }, 0),
                    (Command::HandOver { collected_by: "И.".to_owned(), id_document: "паспорт".to_owned() }, 0),
                ],
            ),
            (
                "large-family-certificate",
                vec![(reg(), 0), (Command::NextStage, 0), (Command::IssueElectronically { document: doc }, 0)],
            ),
            ("consultation", vec![(reg(), 0), (Command::Answer { text: "Ответ.".to_owned() }, 0)]),
            ("consultation", vec![(Command::Withdraw, 0)]),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (code, path) in paths {
            let service = c.get(code).expect("present");
            let mut status = Status::Submitted;
            let mut day = today();
            for (command, wait) in path {
                day += Duration::days(wait);
                status = step_on(status, command, service, day).expect("legal path").status;
            }
            seen.insert(status.kind());
        }
        let missing: Vec<_> = StatusKind::ALL.iter().filter(|k| !seen.contains(k)).collect();
        assert!(missing.is_empty(), "never reached: {missing:?}");
    }

    fn command() -> impl Strategy<Value = Command> {
        let grounds = prop::collection::vec(
            prop::sample::select(vec![
                "incomplete-data",
                "duplicate",
                "not-large-family",
                "no-right-to-request",
                "not-owner",
                "unreadable",
                "answered-before",
                "bogus",
            ]),
            0..3,
        )
        .prop_map(|g| g.into_iter().map(GroundCode::new).collect::<Vec<_>>());
        let originals = prop::collection::vec(prop::sample::select(vec!["passport", "title-document", "bogus"]), 0..3)
            .prop_map(|o| o.into_iter().map(OriginalCode::new).collect::<Vec<_>>());
        let offset = (-2i64..6).prop_map(|d| today() + Duration::days(d));
        prop_oneof![
            Just(Command::Register { deadline: today() }),
            (grounds.clone(), ".{0,3}")
                .prop_map(|(grounds, explanation)| Command::RefuseToRegister { grounds, explanation }),
            Just(Command::NextStage),
            Just(Command::NextStage),
            (originals, offset.clone()).prop_map(|(originals, by)| Command::RequestOriginals {
                originals,
                place: "окно 3".to_owned(),
                by
            }),
            Just(Command::OriginalsReceived),
            Just(Command::Suspend),
            Just(Command::Close),
            (grounds, ".{0,3}").prop_map(|(grounds, explanation)| Command::Refuse { grounds, explanation }),
            offset.prop_map(|from| Command::MarkReady { pickup: Pickup { from, ..pickup() } }),
            Just(Command::HandOver {
                collected_by: "Иванова".to_owned(), id_document: "паспорт".to_owned()
            }),
            Just(Command::IssueElectronically {
                document: IssuedDocument { document: DocumentId(1), file_name: "doc.pdf".to_owned() }
            }),
            ".{0,3}".prop_map(|text| Command::Answer { text }),
            Just(Command::Withdraw),
        ]
    }

    /// Decisions, each after a wait of 0–3 days (originals fall due, pickup dates pass).
    fn commands() -> impl Strategy<Value = Vec<(Command, i64)>> {
        prop::collection::vec((command(), prop_oneof![3 => Just(0i64), 1 => 1i64..4]), 0..14)
    }

    fn step_on(
        status: Status,
        command: Command,
        service: &Service,
        day: NaiveDate,
    ) -> Result<Transition, TransitionError> {
        status.apply(command, Context { service, today: day })
    }

    /// The state kind a successful transition's event announces.
    fn announced(event: &EventKind) -> Option<StatusKind> {
        Some(match event {
            EventKind::Registered { .. } => StatusKind::Registered,
            EventKind::RefusedToRegister(_) => StatusKind::RefusedToRegister,
            EventKind::StageStarted { .. } | EventKind::OriginalsReceived => StatusKind::InProgress,
            EventKind::OriginalsRequested(_) => StatusKind::OriginalsRequired,
            EventKind::Suspended { .. } => StatusKind::Suspended,
            EventKind::Closed => StatusKind::Closed,
            EventKind::Refused(_) => StatusKind::Refused,
            EventKind::Ready(_) => StatusKind::Ready,
            EventKind::HandedOver(_) => StatusKind::Issued,
            EventKind::IssuedElectronically(_) => StatusKind::IssuedElectronically,
            EventKind::Answered { .. } => StatusKind::Answered,
            EventKind::Withdrawn => StatusKind::Withdrawn,
            _ => return None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// No sequence of decisions reaches an illegal state, whatever the service.
        #[test]
        fn no_sequence_reaches_an_illegal_state(service_index in 0usize..4, commands in commands()) {
            let c = catalogue();
            let service = &c.services()[service_index % c.services().len()];
            let mut status = Status::Submitted;
            let mut day = today();
            for (command, wait) in commands {
                day += Duration::days(wait);
                let before = status.clone();
                match step_on(status.clone(), command, service, day) {
                    Ok(t) => {
                        prop_assert!(!before.kind().is_final(), "a final state changed: {before:?} -> {:?}", t.status);
                        prop_assert_eq!(announced(&t.event), Some(t.status.kind()));
                        status = t.status;
                    }
                    Err(_) => prop_assert_eq!(&status, &before),
                }
                let kind = status.kind();
                if service.no_visit {
                    prop_assert!(!matches!(kind, StatusKind::OriginalsRequired | StatusKind::Suspended | StatusKind::Ready | StatusKind::Issued), "{kind:?} for a no-visit service");
                }
                match service.kind {
                    ServiceKind::Consultation => prop_assert!(!matches!(kind, StatusKind::Ready | StatusKind::Issued | StatusKind::IssuedElectronically)),
                    ServiceKind::Document => prop_assert!(kind != StatusKind::Answered),
                }
                if service.ends_with_visit() {
                    prop_assert!(kind != StatusKind::IssuedElectronically);
                }
                if let Some(stage) = status.stage() {
                    prop_assert!(service.stage(stage).is_some(), "unknown stage {stage}");
                }
            }
        }

        /// Statuses survive the JSON they are stored as.
        #[test]
        fn status_round_trips_through_json(service_index in 0usize..4, commands in commands()) {
            let c = catalogue();
            let service = &c.services()[service_index % c.services().len()];
            let mut status = Status::Submitted;
            let mut day = today();
            for (command, wait) in commands {
                day += Duration::days(wait);
                if let Ok(t) = step_on(status.clone(), command, service, day) {
                    status = t.status;
                }
            }
            let json = serde_json::to_string(&status).expect("serialises");
            let back: Status = serde_json::from_str(&json).expect("parses");
            prop_assert_eq!(back, status);
        }
    }
}
