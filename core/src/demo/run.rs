//! Carries out a [`Plan`] through the store's own operations — `appeals::file`, `decide`,
//! `assign`, `send_message`, `extend_deadline`, `issue_electronically`, `questions::ask`,
//! `accounts::confirm`, `questions::answer` — in the order of the instants they happen at, so
//! that appeal numbers follow filing order and the events, timelines and audit rows are the
//! ones real work leaves.

use chrono::{DateTime, Utc};

use super::plan::{AppealPlan, CLERK, Plan, QuestionPlan, STAFF, SUPERVISOR, Step};
use super::population::Population;
use super::texts::QUESTIONS;
use super::{DemoError, PinSlip};
use crate::clock::{ProductionCalendar, moscow_date};
use crate::domain::appeal::{AppealForm, AppealNumber};
use crate::domain::audit::AuditActor;
use crate::domain::catalogue::{Ground, Service};
use crate::domain::clerk::Clerk;
use crate::domain::district::District;
use crate::domain::ids::{AccountId, AppealId, OriginalCode, QuestionId, ResidentId};
use crate::domain::question::{EmailAddress, QuestionDraft};
use crate::domain::status::{Command, Pickup};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::store::accounts::{
    self, ConfirmOutcome, FillerAccount, IssuePinOutcome, IssueRequest, Issuer, insert_filler_account,
};
use crate::store::appeals::{self, DecisionBy, DocumentUpload, FileOutcome, FileRequest};
use crate::store::{DbConn, StoreError, questions, residents};

/// The registry id of the `index`-th resident: `ARB-000001`.
pub(crate) fn registry_id(prefix: &str, index: usize) -> String {
    format!("{prefix}-{:06}", index + 1)
}

/// Where the council receives residents: «Управа района Арбат, ул. Арбат, д. 40, стр. 2, окно 3».
pub(crate) fn desk_place(lang: Lang, district: &District) -> String {
    tr_args(
        lang,
        "demo-place",
        &[("council", Arg::from(&district.council_name)), ("address", Arg::from(&district.council_address))],
    )
}

/// The desk a PIN is issued at.
pub(crate) fn issuer(clerk: Option<&Clerk>, lang: Lang) -> Issuer {
    match clerk {
        Some(c) => Issuer {
            name: c.full_name.clone(),
            clerk: Some(c.id),
            audit: AuditActor::clerk(&c.login),
            desk: tr(lang, "demo-desk"),
        },
        None => Issuer {
            name: tr(lang, "demo-issuer"),
            clerk: None,
            audit: super::demo_actor(),
            desk: tr(lang, "demo-desk"),
        },
    }
}

/// What the run needs besides the plan.
pub(crate) struct Context<'a> {
    pub district: &'a District,
    pub services: &'a [Service],
    pub cal: &'a ProductionCalendar,
    pub pop: &'a Population,
    /// The staff in the plan's order: clerk, supervisor, two more clerks.
    pub staff: &'a [Clerk],
    pub prefix: &'a str,
    pub now: DateTime<Utc>,
}

/// Something that happens at an instant.
#[derive(Clone, Copy, Debug)]
enum Action {
    Account(usize),
    File(usize),
    Step(usize, usize),
    Ask(usize),
    Confirm(usize),
    Answer(usize),
}

/// What the run made.
pub(crate) struct Done {
    pub slips: Vec<PinSlip>,
    /// The PIN holders' resident ids, for later runs.
    pub pin_holders: Vec<ResidentId>,
}

struct Runner<'a> {
    ctx: &'a Context<'a>,
    plan: &'a Plan,
    residents: Vec<Option<ResidentId>>,
    accounts: Vec<Option<AccountId>>,
    appeals: Vec<Option<(AppealId, AppealNumber)>>,
    questions: Vec<Option<(QuestionId, String)>>,
}

/// Carries out `plan` inside the caller's transaction.
pub(crate) fn execute(conn: &mut DbConn, ctx: &Context<'_>, plan: &Plan) -> Result<Done, DemoError> {
    if ctx.staff.len() < STAFF {
        return Err(StoreError::corrupt("demo staff", ctx.staff.len()).into());
    }
    let mut runner = Runner {
        ctx,
        plan,
        residents: Vec::with_capacity(plan.applicants.len()),
        accounts: vec![None; plan.applicants.len()],
        appeals: vec![None; plan.appeals.len()],
        questions: vec![None; plan.questions.len()],
    };
    for applicant in &plan.applicants {
        let id = residents::by_registry_id(conn, &registry_id(ctx.prefix, applicant.person))?.map(|r| r.id);
        runner.residents.push(id);
    }
    let mut done = Done { slips: Vec::new(), pin_holders: Vec::new() };
    for (i, applicant) in plan.applicants.iter().enumerate().filter(|(_, a)| a.pin_holder) {
        let resident = runner.resident(i)?;
        let email = applicant.email.as_deref().and_then(EmailAddress::parse);
        let slip =
            issue_pin(conn, resident, email, applicant.lang, &issuer(ctx.staff.first(), applicant.lang), ctx.now)?;
        runner.accounts[i] = Some(slip.0);
        done.slips.push(slip.1);
        done.pin_holders.push(resident);
    }

    let mut agenda: Vec<(DateTime<Utc>, Action)> = Vec::new();
    for (i, a) in plan.applicants.iter().enumerate().filter(|(_, a)| !a.pin_holder) {
        agenda.push((a.issued_at, Action::Account(i)));
    }
    for (i, a) in plan.appeals.iter().enumerate() {
        agenda.push((a.filed, Action::File(i)));
        for (j, (at, _)) in a.steps.iter().enumerate() {
            agenda.push((*at, Action::Step(i, j)));
        }
    }
    for (i, q) in plan.questions.iter().enumerate() {
        agenda.push((q.asked, Action::Ask(i)));
        if let Some(at) = q.confirmed {
            agenda.push((at, Action::Confirm(i)));
        }
        if let Some((at, _)) = q.answered {
            agenda.push((at, Action::Answer(i)));
        }
    }
    // A stable sort keeps each appeal's own steps in order when two share an instant.
    agenda.sort_by_key(|(at, _)| *at);
    for (at, action) in agenda {
        match action {
            Action::Account(i) => runner.account(conn, i, at)?,
            Action::File(i) => runner.file(conn, i)?,
            Action::Step(i, j) => runner.step(conn, i, j, at)?,
            Action::Ask(i) => runner.ask(conn, i)?,
            Action::Confirm(i) => runner.confirm(conn, i, at)?,
            Action::Answer(i) => runner.answer(conn, i, at)?,
        }
    }
    Ok(done)
}

/// Issues a real PIN (replacing an active one) and confirms the e-mail address at once, so
/// that the demo's mail flows work for the PIN holders.
pub(crate) fn issue_pin(
    conn: &mut DbConn,
    resident: ResidentId,
    email: Option<EmailAddress>,
    lang: Lang,
    issuer: &Issuer,
    now: DateTime<Utc>,
) -> Result<(AccountId, PinSlip), DemoError> {
    let request = IssueRequest { resident, email: email.clone(), lang, replace: true };
    let issued = match accounts::issue_pin(conn, &request, issuer, now)? {
        IssuePinOutcome::Issued(issued) => issued,
        // `replace` revokes an active PIN instead of reporting it.
        IssuePinOutcome::AlreadyActive(_) => return Err(StoreError::corrupt("demo PIN", "not replaced").into()),
    };
    if let Some(token) = &issued.confirmation {
        accounts::confirm(conn, token, now)?;
    }
    let account = issued.account;
    let slip = PinSlip {
        resident: issued.resident.name,
        account: account.number,
        pin: issued.pin,
        email,
        issued_at: account.issued_at,
        issued_by: account.issued_by,
        lang: account.lang,
    };
    Ok((account.id, slip))
}

/// The `index`-th of a service's grounds.
fn ground(grounds: &[Ground], index: usize) -> Result<&Ground, DemoError> {
    grounds.get(index).ok_or_else(|| StoreError::corrupt("demo ground", index).into())
}

impl Runner<'_> {
    fn resident(&self, applicant: usize) -> Result<ResidentId, DemoError> {
        self.residents
            .get(applicant)
            .copied()
            .flatten()
            .ok_or_else(|| StoreError::corrupt("demo resident", applicant).into())
    }

    fn account_of(&self, appeal: &AppealPlan) -> Result<AccountId, DemoError> {
        self.accounts
            .get(appeal.applicant)
            .copied()
            .flatten()
            .ok_or_else(|| StoreError::corrupt("demo account", appeal.applicant).into())
    }

    fn appeal_id(&self, i: usize) -> Result<(AppealId, &AppealNumber), DemoError> {
        match self.appeals.get(i) {
            Some(Some((id, number))) => Ok((*id, number)),
            _ => Err(StoreError::corrupt("demo appeal", i).into()),
        }
    }

    fn service(&self, appeal: &AppealPlan) -> Result<&Service, DemoError> {
        self.ctx.services.get(appeal.service).ok_or_else(|| StoreError::corrupt("demo service", appeal.service).into())
    }

    fn account(&mut self, conn: &mut DbConn, i: usize, at: DateTime<Utc>) -> Result<(), DemoError> {
        let applicant = &self.plan.applicants[i];
        let email = applicant.email.as_deref().and_then(EmailAddress::parse);
        let filler = FillerAccount {
            resident: self.resident(i)?,
            email: email.as_ref(),
            email_confirmed: applicant.email_confirmed,
            lang: applicant.lang,
        };
        // Most PINs are issued at the demo clerk's desk, some at a colleague's.
        let desk_clerk = if i % 3 == 1 { 2 } else { CLERK };
        let desk = issuer(self.ctx.staff.get(desk_clerk), applicant.lang);
        let account = insert_filler_account(conn, &filler, &desk, at)?;
        self.accounts[i] = Some(account.id);
        Ok(())
    }

    fn file(&mut self, conn: &mut DbConn, i: usize) -> Result<(), DemoError> {
        let a = &self.plan.appeals[i];
        let service = self.service(a)?;
        let draft = AppealForm::new(&a.form)
            .parse(service, moscow_date(a.filed))
            .map_err(|errors| DemoError::Form { service: service.code.to_string(), errors })?;
        let corrects = match a.corrects {
            Some(c) => Some(self.appeal_id(c)?.0),
            None => None,
        };
        let request = FileRequest { account: self.account_of(a)?, draft: &draft, lang: a.lang, corrects };
        match appeals::file(conn, &request, self.ctx.cal, a.filed)? {
            FileOutcome::Filed { id, number } => self.appeals[i] = Some((id, number)),
            FileOutcome::IdentityMismatch(_) => return Err(DemoError::Identity { service: service.code.to_string() }),
        }
        Ok(())
    }

    fn step(&self, conn: &mut DbConn, i: usize, j: usize, at: DateTime<Utc>) -> Result<(), DemoError> {
        let ctx = self.ctx;
        let a = &self.plan.appeals[i];
        let (id, number) = self.appeal_id(i)?;
        let service = self.service(a)?;
        let clerk = &ctx.staff[a.handler % STAFF];
        let by = DecisionBy::Clerk(clerk.clone());
        let lang = a.lang;
        let today = moscow_date(at);
        let Some((_, step)) = a.steps.get(j) else { return Ok(()) };
        let command = match step {
            Step::Register => Command::Register { deadline: today },
            Step::RefuseToRegister(g) => {
                let ground = ground(&service.register_grounds, *g)?;
                Command::RefuseToRegister {
                    grounds: vec![ground.code.clone()],
                    explanation: ground.remedy.get(lang).to_owned(),
                }
            }
            Step::Refuse(g) => {
                let ground = ground(&service.provide_grounds, *g)?;
                Command::Refuse { grounds: vec![ground.code.clone()], explanation: ground.remedy.get(lang).to_owned() }
            }
            Step::NextStage => Command::NextStage,
            Step::RequestOriginals { by } => {
                let originals: Vec<OriginalCode> = service.originals.iter().map(|o| o.code.clone()).take(2).collect();
                Command::RequestOriginals { originals, place: desk_place(lang, ctx.district), by: *by }
            }
            Step::OriginalsReceived => Command::OriginalsReceived,
            Step::Suspend => Command::Suspend,
            Step::Close => Command::Close,
            Step::MarkReady => Command::MarkReady {
                pickup: Pickup {
                    place: desk_place(lang, ctx.district),
                    hours: ctx.district.office_hours.clone(),
                    from: today,
                    bring: tr(lang, "demo-pickup-bring"),
                },
            },
            Step::HandOver { proxy } => {
                let name = ctx.pop.people.get(self.plan.applicants[a.applicant].person).map(|p| p.name.full());
                let name = name.unwrap_or_default();
                let collected_by =
                    if *proxy { tr_args(lang, "demo-collected-by-proxy", &[("name", Arg::from(&name))]) } else { name };
                // A passport number that differs from appeal to appeal: series 45 NN, number NNNNNN.
                let series = format!("45 {:02}", (i * 7 + 11) % 25);
                let passport = format!("{:06}", (i * 7_919 + 104_729) % 900_000 + 100_000);
                let id_document = tr_args(
                    lang,
                    "demo-id-document",
                    &[("series", Arg::from(series)), ("number", Arg::from(passport))],
                );
                Command::HandOver { collected_by, id_document }
            }
            Step::Answer => {
                let (_, _, answer) = QUESTIONS[a.question % QUESTIONS.len()];
                Command::Answer { text: tr(lang, answer) }
            }
            Step::Withdraw => {
                let account = self.account_of(a)?;
                appeals::decide(conn, id, Command::Withdraw, &DecisionBy::Applicant(account), ctx.cal, at)?;
                return Ok(());
            }
            Step::Assign => {
                appeals::assign(conn, id, Some(clerk.id), clerk, at)?;
                return Ok(());
            }
            Step::Message(text) => {
                appeals::send_message(conn, id, clerk, &tr(lang, text), at)?;
                return Ok(());
            }
            Step::Extend { days, reason } => {
                let supervisor = &ctx.staff[SUPERVISOR];
                appeals::extend_deadline(conn, id, supervisor, *days, &tr(lang, reason), ctx.cal, at)?;
                return Ok(());
            }
            Step::IssueElectronically => {
                let name = ctx.pop.people.get(self.plan.applicants[a.applicant].person).map(|p| p.name.full());
                let file_name = tr_args(lang, "demo-document-file-name", &[("number", Arg::from(number.to_string()))]);
                let content = tr_args(
                    lang,
                    "demo-document-text",
                    &[
                        ("title", Arg::from(service.title.get(lang))),
                        ("number", Arg::from(number.to_string())),
                        ("name", Arg::from(name.unwrap_or_default())),
                        ("date", Arg::from(today.format("%d.%m.%Y").to_string())),
                    ],
                );
                let upload = DocumentUpload {
                    file_name: &file_name,
                    media_type: "text/plain; charset=utf-8",
                    content: content.as_bytes(),
                };
                appeals::issue_electronically(conn, id, clerk, &upload, ctx.cal, at)?;
                return Ok(());
            }
        };
        appeals::decide(conn, id, command, &by, ctx.cal, at)?;
        Ok(())
    }

    fn question(&self, i: usize) -> &QuestionPlan {
        &self.plan.questions[i]
    }

    fn ask(&mut self, conn: &mut DbConn, i: usize) -> Result<(), DemoError> {
        let q = self.question(i);
        let (_, text, _) = QUESTIONS[q.question % QUESTIONS.len()];
        let draft = QuestionDraft::parse(&q.name, &q.email, &tr(q.lang, text))
            .map_err(|errors| DemoError::Form { service: "question".to_owned(), errors })?;
        let asked = questions::ask(conn, &self.ctx.district.code, &draft, q.lang, self.ctx.cal, q.asked)?;
        self.questions[i] = Some((asked.id, asked.confirmation));
        Ok(())
    }

    fn confirm(&mut self, conn: &mut DbConn, i: usize, at: DateTime<Utc>) -> Result<(), DemoError> {
        let Some(Some((_, token))) = self.questions.get(i) else {
            return Err(StoreError::corrupt("demo question", i).into());
        };
        match accounts::confirm(conn, token, at)? {
            ConfirmOutcome::QuestionConfirmed(_) => Ok(()),
            other => Err(StoreError::corrupt("demo question confirmation", format!("{other:?}")).into()),
        }
    }

    fn answer(&mut self, conn: &mut DbConn, i: usize, at: DateTime<Utc>) -> Result<(), DemoError> {
        let q = self.question(i);
        let Some(Some((id, _))) = self.questions.get(i) else {
            return Err(StoreError::corrupt("demo question", i).into());
        };
        let staff = q.answered.map_or(0, |(_, s)| s) % STAFF;
        let (_, _, answer) = QUESTIONS[q.question % QUESTIONS.len()];
        questions::answer(conn, *id, &self.ctx.staff[staff], &tr(q.lang, answer), at)?;
        Ok(())
    }
}
