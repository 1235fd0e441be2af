//! Which decisions to offer on an appeal: only those the status machine allows for the
//! appeal's service (and, for supervisors' actions, the clerk's role). Availability is asked
//! of the machine itself — each decision is tried on a copy of the status with sample data —
//! so the terminal never keeps a second copy of the rules.

use chrono::NaiveDate;
use ereception_core::domain::appeal::Appeal;
use ereception_core::domain::catalogue::{Service, ServiceKind};
use ereception_core::domain::clerk::Clerk;
use ereception_core::domain::ids::DocumentId;
use ereception_core::domain::status::{Command, Context, IssuedDocument, Pickup, Status, StatusKind, TransitionError};

use super::keymap::Command as Key;

/// A decision (or action) a clerk may take on an appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Decision {
    Register,
    /// Refuse to register (from `submitted`) or to provide the service (later).
    Refuse,
    NextStage,
    RequestOriginals,
    OriginalsReceived,
    Suspend,
    Close,
    MarkReady,
    HandOver,
    IssueDocument,
    Answer,
    Message,
    Take,
    Assign,
    Extend,
}

impl Decision {
    pub const ALL: [Decision; 15] = [
        Decision::Register,
        Decision::Refuse,
        Decision::NextStage,
        Decision::RequestOriginals,
        Decision::OriginalsReceived,
        Decision::Suspend,
        Decision::Close,
        Decision::MarkReady,
        Decision::HandOver,
        Decision::IssueDocument,
        Decision::Answer,
        Decision::Message,
        Decision::Take,
        Decision::Assign,
        Decision::Extend,
    ];

    /// The key map command that takes it.
    pub fn command(self) -> Key {
        match self {
            Decision::Register => Key::Register,
            Decision::Refuse => Key::Refuse,
            Decision::NextStage => Key::NextStage,
            Decision::RequestOriginals => Key::RequestOriginals,
            Decision::OriginalsReceived => Key::OriginalsReceived,
            Decision::Suspend => Key::Suspend,
            Decision::Close => Key::Close,
            Decision::MarkReady => Key::MarkReady,
            Decision::HandOver => Key::HandOver,
            Decision::IssueDocument => Key::IssueDocument,
            Decision::Answer => Key::Answer,
            Decision::Message => Key::Message,
            Decision::Take => Key::Take,
            Decision::Assign => Key::Assign,
            Decision::Extend => Key::Extend,
        }
    }

    pub fn from_command(command: Key) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.command() == command)
    }
}

/// Whether the machine accepts the decision in this state for this service: a refusal for
/// want of data (no ground chosen yet, an empty text) still means the decision is possible.
fn accepts(status: &Status, command: Command, service: &Service, today: NaiveDate) -> bool {
    match status.clone().apply(command, Context { service, today }) {
        Ok(_) => true,
        Err(
            TransitionError::NotAllowed { .. }
            | TransitionError::WrongService { .. }
            | TransitionError::NoNextStage
            | TransitionError::NotYetDue(_),
        ) => false,
        Err(_) => true,
    }
}

/// The decisions to offer on `appeal` to `clerk` today, in key map order.
pub fn available(appeal: &Appeal, service: &Service, clerk: &Clerk, today: NaiveDate) -> Vec<Decision> {
    let status = &appeal.status;
    let kind = status.kind();
    let pickup = Pickup { place: "-".to_owned(), hours: "-".to_owned(), from: today, bring: "-".to_owned() };
    let refuse = if kind == StatusKind::Submitted {
        Command::RefuseToRegister { grounds: Vec::new(), explanation: String::new() }
    } else {
        Command::Refuse { grounds: Vec::new(), explanation: String::new() }
    };
    let tries = [
        (Decision::Register, Command::Register { deadline: today }),
        (Decision::Refuse, refuse),
        (Decision::NextStage, Command::NextStage),
        (
            Decision::RequestOriginals,
            Command::RequestOriginals { originals: Vec::new(), place: String::new(), by: today },
        ),
        (Decision::OriginalsReceived, Command::OriginalsReceived),
        (Decision::Suspend, Command::Suspend),
        (Decision::Close, Command::Close),
        (Decision::MarkReady, Command::MarkReady { pickup }),
        (Decision::HandOver, Command::HandOver { collected_by: "-".to_owned(), id_document: "-".to_owned() }),
        (
            Decision::IssueDocument,
            Command::IssueElectronically {
                document: IssuedDocument { document: DocumentId(0), file_name: "-".to_owned() },
            },
        ),
        (Decision::Answer, Command::Answer { text: "-".to_owned() }),
    ];
    let mut out: Vec<Decision> =
        tries.into_iter().filter(|(_, c)| accepts(status, c.clone(), service, today)).map(|(d, _)| d).collect();
    if kind.is_open() {
        out.push(Decision::Message);
        if appeal.assigned_clerk.is_none() {
            out.push(Decision::Take);
        }
        if clerk.role.supervises() {
            out.push(Decision::Assign);
            // 59-ФЗ's extension of the term to answer; a service's own term is not extended
            if kind != StatusKind::Submitted && appeal.extension.is_none() && service.kind == ServiceKind::Consultation
            {
                out.push(Decision::Extend);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{TimeZone, Utc};
    use ereception_core::domain::appeal::{AppealCheck, AppealDraft, AppealNumber, Extension, IdentityFields};
    use ereception_core::domain::catalogue::Catalogue;
    use ereception_core::domain::clerk::Role;
    use ereception_core::domain::ids::{AccountId, AppealId, ClerkId, DistrictCode, ResidentId};
    use ereception_core::domain::person::FullName;
    use ereception_core::domain::status::OriginalsRequest;
    use ereception_core::i18n::Lang;
    use ereception_core::registry::IdentityCheck;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid")
    }

    fn appeal(service: &str, status: Status) -> Appeal {
        Appeal {
            id: AppealId(1),
            number: AppealNumber::new(DistrictCode::new("0412"), 2026, 1),
            public_token: "t".to_owned(),
            account: AccountId(1),
            resident: ResidentId(1),
            service: ereception_core::domain::ids::ServiceCode::new(service),
            district: DistrictCode::new("0412"),
            status,
            draft: AppealDraft {
                service: ereception_core::domain::ids::ServiceCode::new(service),
                identity: IdentityFields {
                    name: FullName { surname: "Иванова".into(), name: "Мария".into(), patronymic: None },
                    birth_date: today(),
                    street: "ул. Арбат".into(),
                    house: "1".into(),
                    building: None,
                    structure: None,
                    flat: None,
                },
                fields: BTreeMap::new(),
            },
            check: AppealCheck { identity: IdentityCheck { fields: vec![] }, persons: vec![] },
            filed_at: Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().expect("valid"),
            register_by: today(),
            due: today(),
            extension: None,
            assigned_clerk: None,
            corrects: None,
            resident_left: false,
            email_failed: false,
            lang: Lang::Ru,
        }
    }

    fn clerk(role: Role) -> Clerk {
        Clerk {
            id: ClerkId(1),
            login: "clerk".into(),
            full_name: "Орлова Анна Игоревна".into(),
            role,
            district: Some(DistrictCode::new("0412")),
            disabled: false,
        }
    }

    #[test]
    fn a_new_appeal_can_be_registered_or_refused_only() {
        let c = Catalogue::builtin().expect("valid");
        let s = c.get("house-register-extract").expect("present");
        let a = appeal("house-register-extract", Status::Submitted);
        assert_eq!(
            available(&a, s, &clerk(Role::Clerk), today()),
            vec![Decision::Register, Decision::Refuse, Decision::Message, Decision::Take]
        );
        let mut mine = a.clone();
        mine.assigned_clerk = Some(ClerkId(1));
        assert_eq!(
            available(&mine, s, &clerk(Role::Supervisor), today()),
            vec![Decision::Register, Decision::Refuse, Decision::Message, Decision::Assign]
        );
    }

    #[test]
    fn the_service_decides_how_work_ends() {
        let c = Catalogue::builtin().expect("valid");
        let visit = c.get("house-register-extract").expect("present");
        let stage = visit.stages.last().expect("stages").code.clone();
        let at_last = appeal("house-register-extract", Status::InProgress { stage });
        let offered = available(&at_last, visit, &clerk(Role::Clerk), today());
        assert!(offered.contains(&Decision::MarkReady) && offered.contains(&Decision::RequestOriginals));
        assert!(!offered.contains(&Decision::NextStage), "no stage after the last");
        assert!(!offered.contains(&Decision::IssueDocument) && !offered.contains(&Decision::Answer));

        let no_visit = c.get("large-family-certificate").expect("present");
        let stage = no_visit.stages[0].code.clone();
        let offered = available(
            &appeal("large-family-certificate", Status::InProgress { stage }),
            no_visit,
            &clerk(Role::Clerk),
            today(),
        );
        assert!(offered.contains(&Decision::IssueDocument));
        assert!(!offered.contains(&Decision::RequestOriginals) && !offered.contains(&Decision::MarkReady));

        let consultation = c.get("consultation").expect("present");
        let offered =
            available(&appeal("consultation", Status::Registered), consultation, &clerk(Role::Clerk), today());
        assert!(offered.contains(&Decision::Answer));
        assert!(!offered.contains(&Decision::MarkReady) && !offered.contains(&Decision::IssueDocument));
    }

    #[test]
    fn waiting_for_originals_offers_suspension_only_after_the_date() {
        let c = Catalogue::builtin().expect("valid");
        let s = c.get("house-register-extract").expect("present");
        let request = OriginalsRequest {
            originals: vec![],
            place: "окно 3".into(),
            by: today(),
            stage: s.stages[0].code.clone(),
        };
        let a = appeal("house-register-extract", Status::OriginalsRequired(request));
        let now = available(&a, s, &clerk(Role::Clerk), today());
        assert!(now.contains(&Decision::OriginalsReceived) && now.contains(&Decision::Refuse));
        assert!(!now.contains(&Decision::Suspend));
        let later = available(&a, s, &clerk(Role::Clerk), today().succ_opt().expect("valid"));
        assert!(later.contains(&Decision::Suspend));
    }

    #[test]
    fn final_states_offer_nothing_and_extension_is_once() {
        let c = Catalogue::builtin().expect("valid");
        let s = c.get("consultation").expect("present");
        assert_eq!(available(&appeal("consultation", Status::Withdrawn), s, &clerk(Role::Supervisor), today()), vec![]);
        let mut a = appeal("consultation", Status::Registered);
        a.assigned_clerk = Some(ClerkId(2));
        assert!(available(&a, s, &clerk(Role::Supervisor), today()).contains(&Decision::Extend));
        assert!(!available(&a, s, &clerk(Role::Clerk), today()).contains(&Decision::Extend));
        a.extension = Some(Extension { from: today(), to: today(), reason: "x".into() });
        assert!(!available(&a, s, &clerk(Role::Supervisor), today()).contains(&Decision::Extend));
    }
}
