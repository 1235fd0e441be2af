//! What the demo will do, worked out before any of it is done: who files which appeal when,
//! with which form, and what the council decides at which instant; which questions are asked,
//! confirmed and answered.
//!
//! Pure: the current instant and the calendar are passed in; nothing is stored. The plan is
//! deterministic for a seed and an instant. [`super::run`] carries it out through the store's
//! real operations.

use std::collections::HashSet;

use chrono::{DateTime, Days, Duration, NaiveDate, Timelike, Utc};
use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::people::{MEN, WOMEN, misspell, one, patronymic, random_surname, surname_for, translit};
use super::population::{DOUBLE_SURNAME_FAMILY, LARGE_FAMILY, Population};
use super::texts::{EXTENSION_REASONS, MESSAGES_ANY, MESSAGES_DOCUMENT, PURPOSES, QUESTIONS};
use crate::clock::{CalendarError, MOSCOW_UTC_OFFSET_SECS, ProductionCalendar, REGISTRATION_TERM, moscow_date};
use crate::domain::appeal::{field_name, person_field_name};
use crate::domain::catalogue::{FieldKind, Service, ServiceKind};
use crate::domain::status::StatusKind;
use crate::i18n::{Lang, tr};

/// Index of the demo clerk in the staff list (see `super::run::Staff`).
pub(crate) const CLERK: usize = 0;
/// Index of the demo supervisor in the staff list.
pub(crate) const SUPERVISOR: usize = 1;
/// How many staff members the demo district has (clerk, supervisor and two more clerks).
pub(crate) const STAFF: usize = 4;

/// A step in an appeal's life after filing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Register,
    /// On the service's register ground with this index.
    RefuseToRegister(usize),
    /// The handling clerk takes the appeal.
    Assign,
    NextStage,
    RequestOriginals {
        by: NaiveDate,
    },
    OriginalsReceived,
    Suspend,
    Close,
    /// On the service's provide ground with this index.
    Refuse(usize),
    MarkReady,
    /// Collected by the applicant, or by someone with a power of attorney.
    HandOver {
        proxy: bool,
    },
    IssueElectronically,
    Answer,
    Withdraw,
    Message(&'static str),
    Extend {
        days: u16,
        reason: &'static str,
    },
}

/// Steps at their instants.
type Timeline = Vec<(DateTime<Utc>, Step)>;

/// A resident who files appeals: a PIN holder, or an account with a filler hash.
#[derive(Clone, Debug)]
pub(crate) struct Applicant {
    /// Index into [`Population::people`].
    pub person: usize,
    pub email: Option<String>,
    pub email_confirmed: bool,
    pub lang: Lang,
    /// When the account was issued (PIN holders get theirs at the run's instant instead).
    pub issued_at: DateTime<Utc>,
    pub pin_holder: bool,
    services: HashSet<usize>,
    targets: HashSet<StatusKind>,
}

/// One appeal, from filing to the state it is left in.
#[derive(Clone, Debug)]
pub(crate) struct AppealPlan {
    /// Index into [`Plan::applicants`].
    pub applicant: usize,
    /// Index into the services the plan was made for.
    pub service: usize,
    pub target: StatusKind,
    pub lang: Lang,
    /// The filing form, as a browser would send it.
    pub form: Vec<(String, String)>,
    pub filed: DateTime<Utc>,
    pub steps: Vec<(DateTime<Utc>, Step)>,
    /// The refused appeal (index into [`Plan::appeals`]) this one corrects.
    pub corrects: Option<usize>,
    /// Index of the staff member who handles it.
    pub handler: usize,
    /// Index into [`QUESTIONS`] (consultations).
    pub question: usize,
}

/// A question asked without a PIN.
#[derive(Clone, Debug)]
pub(crate) struct QuestionPlan {
    pub name: String,
    pub email: String,
    pub lang: Lang,
    /// Index into [`QUESTIONS`].
    pub question: usize,
    pub asked: DateTime<Utc>,
    pub confirmed: Option<DateTime<Utc>>,
    /// When and by which staff member.
    pub answered: Option<(DateTime<Utc>, usize)>,
}

/// Everything the demo will do.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub applicants: Vec<Applicant>,
    pub appeals: Vec<AppealPlan>,
    pub questions: Vec<QuestionPlan>,
}

/// How much to plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PlanOptions {
    pub appeals: usize,
    pub questions: usize,
    pub pin_holders: usize,
    pub lang: Lang,
}

/// The Moscow instant `minutes` after midnight of `day`.
pub(crate) fn at_moscow(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc() - Duration::seconds(i64::from(MOSCOW_UTC_OFFSET_SECS))
        + Duration::minutes(minutes)
}

fn days_before(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(day)
}

fn days_after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

/// Whether an appeal for `s` can end up in `target`.
pub(crate) fn reachable(s: &Service, target: StatusKind) -> bool {
    use StatusKind as K;
    let staged = !s.stages.is_empty();
    let originals = staged && !s.no_visit && !s.originals.is_empty();
    match target {
        K::Submitted | K::Registered | K::Withdrawn => true,
        K::RefusedToRegister => !s.register_grounds.is_empty(),
        K::InProgress => staged,
        K::OriginalsRequired | K::Suspended | K::Closed => originals,
        K::Refused => staged && !s.provide_grounds.is_empty(),
        K::Ready | K::Issued => staged && s.ends_with_visit(),
        K::IssuedElectronically => staged && s.kind == ServiceKind::Document && s.no_visit,
        K::Answered => s.kind == ServiceKind::Consultation,
    }
}

/// How common each final or current state is among a council's appeals.
fn weight(target: StatusKind) -> u32 {
    use StatusKind as K;
    match target {
        K::Submitted => 8,
        K::Registered => 6,
        K::RefusedToRegister => 4,
        K::InProgress => 18,
        K::OriginalsRequired => 6,
        K::Suspended | K::Closed => 2,
        K::Refused | K::Withdrawn => 3,
        K::Ready => 7,
        K::Issued => 14,
        K::IssuedElectronically | K::Answered => 14,
    }
}

/// How long ago (in days) an appeal left in `target` was filed.
fn age_range(target: StatusKind) -> (u64, u64) {
    use StatusKind as K;
    match target {
        K::Submitted => (0, 5),
        K::Registered => (1, 6),
        K::InProgress => (2, 25),
        K::OriginalsRequired | K::Ready => (4, 20),
        K::Suspended => (17, 40),
        K::Closed => (27, 45),
        K::RefusedToRegister | K::Withdrawn => (1, 40),
        K::Refused | K::Issued | K::IssuedElectronically => (6, 45),
        K::Answered => (3, 45),
    }
}

/// The targets the first PIN holders' appeals are given, so that each sees a varied private
/// section: the large family's mother a certificate issued electronically, and so on.
const PIN_HOLDER_TARGETS: [&[StatusKind]; 3] = [
    &[StatusKind::IssuedElectronically, StatusKind::Ready, StatusKind::InProgress],
    &[StatusKind::Answered, StatusKind::OriginalsRequired, StatusKind::Issued],
    &[StatusKind::Submitted, StatusKind::RefusedToRegister, StatusKind::Registered],
];

/// The smallest number of people a service's person fields ask for (0 without such fields).
fn persons_needed(s: &Service) -> usize {
    s.fields
        .iter()
        .filter_map(|f| match f.kind {
            FieldKind::Persons { min, .. } if f.required => Some(usize::from(min.max(1))),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

fn delay(rng: &mut StdRng, step: &Step, first_stage: bool) -> i64 {
    let (lo, hi) = match step {
        Step::Register | Step::RefuseToRegister(_) => (20, 2_600),
        Step::Assign => (1, 25),
        Step::NextStage if first_stage => (30, 1_440),
        Step::NextStage => (720, 4_320),
        Step::RequestOriginals { .. } => (120, 2_880),
        Step::OriginalsReceived => (1_440, 5_760),
        Step::Suspend => (60, 600),
        Step::Close => (2_880, 14_400),
        Step::Refuse(_) => (720, 5_760),
        Step::MarkReady | Step::IssueElectronically => (720, 4_320),
        Step::HandOver { .. } => (1_440, 10_080),
        Step::Answer => (1_440, 14_400),
        Step::Withdraw => (60, 7_200),
        Step::Message(_) => (60, 2_880),
        Step::Extend { .. } => (240, 2_880),
    };
    rng.random_range(lo..=hi)
}

/// The planner's state.
struct Planner<'a> {
    rng: &'a mut StdRng,
    pop: &'a Population,
    services: &'a [Service],
    cal: &'a ProductionCalendar,
    now: DateTime<Utc>,
    today: NaiveDate,
    /// Nothing happens after this instant.
    limit: DateTime<Utc>,
    lang: Lang,
    adults: Vec<usize>,
    /// Adults with at least three minors at home.
    parents: Vec<usize>,
    applicants: Vec<Applicant>,
    is_applicant: HashSet<usize>,
    appeals: Vec<AppealPlan>,
    due_today: usize,
    register_today: usize,
    misspelt: usize,
}

impl Planner<'_> {
    fn filing_instant(&mut self, day: NaiveDate, office_hours: bool) -> DateTime<Utc> {
        let minutes =
            if office_hours { self.rng.random_range(540..=1_020) } else { self.rng.random_range(420..=1_400) };
        let t = at_moscow(day, minutes);
        if t > self.limit - Duration::minutes(2) {
            self.now - Duration::minutes(self.rng.random_range(3..=90))
        } else {
            t
        }
    }

    /// A filing day whose deadline is today, so that the dashboard has work due today.
    fn day_due_today(&self, s: &Service, submitted: bool) -> Result<Option<NaiveDate>, CalendarError> {
        for back in 1..=45 {
            let day = days_before(self.today, back);
            let due = if submitted {
                self.cal.due_date_from(day, REGISTRATION_TERM)?
            } else {
                self.cal.due_date_from(day, s.term)?
            };
            if due == self.today {
                return Ok(Some(day));
            }
        }
        Ok(None)
    }

    fn script(&mut self, s: &Service, target: StatusKind, plain: bool) -> Vec<Step> {
        use StatusKind as K;
        let rng = &mut *self.rng;
        let stages = s.stages.len();
        let visit = !s.no_visit && !s.originals.is_empty();
        let mut v = Vec::new();
        let register = |v: &mut Vec<Step>| {
            v.push(Step::Register);
            v.push(Step::Assign);
        };
        let by = NaiveDate::MIN;
        match target {
            K::Submitted => {}
            K::Registered => register(&mut v),
            K::RefusedToRegister => {
                v.push(Step::RefuseToRegister(rng.random_range(0..s.register_grounds.len().max(1))))
            }
            K::InProgress | K::OriginalsRequired => {
                register(&mut v);
                for i in 0..rng.random_range(1..=stages.max(1)) {
                    v.push(Step::NextStage);
                    if i == 0 && visit && target == K::InProgress && rng.random_bool(0.3) {
                        v.push(Step::RequestOriginals { by });
                        v.push(Step::OriginalsReceived);
                    }
                }
                if target == K::OriginalsRequired {
                    v.push(Step::RequestOriginals { by });
                }
            }
            K::Suspended | K::Closed => {
                register(&mut v);
                v.push(Step::NextStage);
                v.push(Step::RequestOriginals { by });
                v.push(Step::Suspend);
                if target == K::Closed {
                    v.push(Step::Close);
                }
            }
            K::Refused => {
                register(&mut v);
                for _ in 0..rng.random_range(1..=stages.max(1)) {
                    v.push(Step::NextStage);
                }
                if visit && rng.random_bool(0.3) {
                    v.push(Step::RequestOriginals { by });
                }
                v.push(Step::Refuse(rng.random_range(0..s.provide_grounds.len().max(1))));
            }
            K::Ready | K::Issued | K::IssuedElectronically => {
                register(&mut v);
                for i in 0..stages {
                    v.push(Step::NextStage);
                    if i == 0 && visit && rng.random_bool(0.4) {
                        v.push(Step::RequestOriginals { by });
                        v.push(Step::OriginalsReceived);
                    }
                }
                match target {
                    K::IssuedElectronically => v.push(Step::IssueElectronically),
                    _ => v.push(Step::MarkReady),
                }
                if target == K::Issued {
                    v.push(Step::HandOver { proxy: rng.random_bool(0.15) });
                }
            }
            K::Answered => {
                register(&mut v);
                if stages > 0 && rng.random_bool(0.6) {
                    v.push(Step::NextStage);
                }
                v.push(Step::Answer);
            }
            K::Withdrawn => {
                if rng.random_bool(0.5) {
                    register(&mut v);
                    if stages > 0 && rng.random_bool(0.5) {
                        v.push(Step::NextStage);
                    }
                }
                v.push(Step::Withdraw);
            }
        }
        let registered = v.first() == Some(&Step::Register);
        if registered && !plain {
            let final_step = target.is_final();
            let end = if final_step { v.len() - 1 } else { v.len() };
            let consultation = s.kind == ServiceKind::Consultation;
            if rng.random_bool(if consultation { 0.25 } else { 0.05 }) && end >= 2 {
                let at = rng.random_range(2..=end);
                let days = if consultation { 30 } else { rng.random_range(5..=15) };
                let reason = one(rng, EXTENSION_REASONS);
                // only a consultation's answer term is extended (59-ФЗ); the draws above are
                // kept for documents too, so that the rest of the demo stays as it was
                if consultation {
                    v.insert(at, Step::Extend { days, reason });
                }
            }
            let end = if final_step { v.len() - 1 } else { v.len() };
            if rng.random_bool(0.15) && end >= 2 {
                let at = rng.random_range(2..=end);
                let text = if s.kind == ServiceKind::Document && rng.random_bool(0.5) {
                    one(rng, MESSAGES_DOCUMENT)
                } else {
                    one(rng, MESSAGES_ANY)
                };
                v.insert(at, Step::Message(text));
            }
        }
        v
    }

    /// Gives each step an instant after `filed`, squeezing the delays to end before the
    /// limit; `None` when the script cannot fit (a suspension needs the originals' date to
    /// pass first, so those scripts are never squeezed).
    fn timeline(&mut self, filed: DateTime<Utc>, mut steps: Vec<Step>) -> Result<Option<Timeline>, CalendarError> {
        let mut first = true;
        let mut delays = Vec::with_capacity(steps.len());
        for step in &steps {
            delays.push(delay(self.rng, step, first && *step == Step::NextStage));
            first &= *step != Step::NextStage;
        }
        let total: i64 = delays.iter().sum();
        let span = (self.limit - filed).num_minutes();
        if total > span {
            if steps.contains(&Step::Suspend) || span < 2 * i64::try_from(delays.len()).unwrap_or(i64::MAX) {
                return Ok(None);
            }
            let factor = span as f64 / total as f64 * 0.95;
            for d in &mut delays {
                *d = ((*d as f64) * factor).max(1.0) as i64;
            }
        }
        let mut t = filed;
        let mut by = None;
        let mut out = Vec::with_capacity(steps.len());
        for (i, d) in delays.iter().enumerate() {
            t += Duration::minutes(*d);
            let suspends_next = steps.get(i + 1) == Some(&Step::Suspend);
            match &mut steps[i] {
                Step::RequestOriginals { by: date } => {
                    let gap = if suspends_next { self.rng.random_range(2..=5) } else { self.rng.random_range(3..=10) };
                    // The council is open that day: the applicant is asked to come then.
                    *date = self.cal.working_day_on_or_after(days_after(moscow_date(t), gap))?;
                    by = Some(*date);
                }
                Step::Suspend => {
                    let Some(due) = by else { return Ok(None) };
                    let earliest = at_moscow(days_after(due, 1), self.rng.random_range(540..=1_020));
                    t = t.max(earliest);
                }
                _ => {}
            }
            // The applicant withdraws whenever they like; the council works office hours.
            if steps[i] != Step::Withdraw {
                t = self.office(t)?;
            }
            out.push((t, steps[i].clone()));
        }
        Ok((t <= self.limit).then_some(out))
    }

    /// `t`, or the start of the council's next working hours (8:00–17:00 Moscow time on a
    /// working day of the production calendar) when it falls outside them.
    fn office(&mut self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let local = t + Duration::seconds(i64::from(MOSCOW_UTC_OFFSET_SECS));
        let day = local.date_naive();
        let minutes = i64::from(local.time().num_seconds_from_midnight() / 60);
        if self.cal.is_working_day(day)? && (480..1_020).contains(&minutes) {
            return Ok(t);
        }
        let start =
            if self.cal.is_working_day(day)? && minutes < 480 { day } else { self.cal.next_working_day(day)? };
        Ok(at_moscow(start, 480 + self.rng.random_range(0..=90)))
    }

    fn new_applicant(&mut self, person: usize, pin_holder: bool) -> usize {
        let p = &self.pop.people[person];
        let foreign = self.pop.household_of(person).is_some_and(|h| h.foreign);
        let email = (pin_holder || self.rng.random_bool(0.9)).then(|| {
            let initial: String = p.name.name.chars().take(1).collect();
            let year = if self.rng.random_bool(0.5) { p.birth_date.format("%y").to_string() } else { String::new() };
            format!("{}.{}{year}@demo.invalid", translit(&p.name.surname), translit(&initial))
        });
        let email_confirmed = email.is_some() && (pin_holder || self.rng.random_bool(0.85));
        self.is_applicant.insert(person);
        self.applicants.push(Applicant {
            person,
            email,
            email_confirmed,
            lang: if foreign { Lang::En } else { self.lang },
            issued_at: self.now,
            pin_holder,
            services: HashSet::new(),
            targets: HashSet::new(),
        });
        self.applicants.len() - 1
    }

    /// The people a form lists for `person` (their minors at home), if enough for `s`.
    fn persons_for(&self, s: &Service, person: usize, day: NaiveDate) -> Option<Vec<usize>> {
        let needed = persons_needed(s);
        if needed == 0 {
            return Some(Vec::new());
        }
        let minors = self.pop.minors_with(person, day);
        (minors.len() >= needed).then_some(minors)
    }

    /// Who files an appeal for `service` left in `target` on `day`: a PIN holder whose list
    /// asks for it, an earlier applicant, or someone new.
    fn applicant_for(&mut self, service: usize, target: StatusKind, day: NaiveDate) -> Option<(usize, Vec<usize>)> {
        let services = self.services;
        let s = &services[service];
        let holders: Vec<usize> = (0..self.applicants.len()).filter(|&a| self.applicants[a].pin_holder).collect();
        for (slot, &a) in holders.iter().enumerate() {
            let wanted = PIN_HOLDER_TARGETS[slot % PIN_HOLDER_TARGETS.len()];
            let applicant = &self.applicants[a];
            if wanted.contains(&target)
                && !applicant.targets.contains(&target)
                && !applicant.services.contains(&service)
                && let Some(persons) = self.persons_for(s, applicant.person, day)
            {
                return Some((a, persons));
            }
        }
        if self.rng.random_bool(0.3) {
            let earlier: Vec<usize> = (0..self.applicants.len())
                .filter(|&a| !self.applicants[a].pin_holder && !self.applicants[a].services.contains(&service))
                .collect();
            if let Some(&a) = earlier.choose(self.rng)
                && let Some(persons) = self.persons_for(s, self.applicants[a].person, day)
            {
                return Some((a, persons));
            }
        }
        let pool = if persons_needed(s) > 0 { &self.parents } else { &self.adults };
        for _ in 0..80 {
            let &person = pool.choose(self.rng)?;
            if self.is_applicant.contains(&person) {
                continue;
            }
            if let Some(persons) = self.persons_for(s, person, day) {
                let a = self.new_applicant(person, false);
                return Some((a, persons));
            }
        }
        // Everyone eligible files already: one more appeal from one of them.
        let earlier: Vec<usize> = (0..self.applicants.len()).filter(|&a| !self.applicants[a].pin_holder).collect();
        for &a in &earlier {
            if let Some(persons) = self.persons_for(s, self.applicants[a].person, day) {
                return Some((a, persons));
            }
        }
        None
    }

    /// The form a resident fills in for `s`: their own registration data as they type it, and
    /// the service's fields.
    #[allow(clippy::too_many_arguments)]
    fn form(
        &mut self,
        s: &Service,
        person: usize,
        persons: &[usize],
        misspelt: Option<usize>,
        question: usize,
        lang: Lang,
        day: NaiveDate,
    ) -> Vec<(String, String)> {
        let p = &self.pop.people[person];
        let mut form = Vec::new();
        let mut put = |k: &str, v: String| form.push((k.to_owned(), v));
        put("surname", if self.rng.random_bool(0.1) { p.name.surname.to_uppercase() } else { p.name.surname.clone() });
        put("name", p.name.name.clone());
        put("patronymic", p.name.patronymic.clone().unwrap_or_default());
        let date_format = if self.rng.random_bool(0.5) { "%d.%m.%Y" } else { "%Y-%m-%d" };
        put("birth_date", p.birth_date.format(date_format).to_string());
        if let Some(h) = self.pop.household_of(person) {
            let a = &h.address;
            put("street", a.street.clone());
            put("house", a.house.clone());
            put("building", a.building.clone().unwrap_or_default());
            put("structure", a.structure.clone().unwrap_or_default());
            put("flat", a.flat.clone().unwrap_or_default());
        }
        let has_persons = s.fields.iter().any(|f| matches!(f.kind, FieldKind::Persons { .. }));
        let (topic, question_id, _) = QUESTIONS[question % QUESTIONS.len()];
        for spec in &s.fields {
            let name = field_name(&spec.key);
            let fill = spec.required || matches!(spec.kind, FieldKind::Persons { .. }) || self.rng.random_bool(0.3);
            if !fill {
                continue;
            }
            let cut = |text: String, max: u16| text.chars().take(usize::from(max)).collect::<String>();
            match &spec.kind {
                FieldKind::Text { max_len } => {
                    let id = if spec.key == "purpose" { one(self.rng, PURPOSES) } else { "demo-field-text" };
                    put(&name, cut(tr(lang, id), *max_len));
                }
                FieldKind::LongText { max_len } => {
                    let id = match spec.key.as_str() {
                        "question" => question_id,
                        "comment" if has_persons => "demo-comment-large-family",
                        _ => "demo-field-long-text",
                    };
                    put(&name, cut(tr(lang, id), *max_len));
                }
                FieldKind::Date { .. } => put(&name, days_before(day, 30).to_string()),
                FieldKind::Number { min, max } => {
                    let hi = (*max).min(min.saturating_add(1)).max(*min);
                    put(&name, self.rng.random_range(*min..=hi).to_string());
                }
                FieldKind::Choice { options } => {
                    let by_topic = options.iter().find(|o| spec.key == "topic" && o.code == topic);
                    if let Some(option) = by_topic.or_else(|| options.choose(self.rng)) {
                        put(&name, option.code.clone());
                    }
                }
                FieldKind::Persons { max, .. } => {
                    for (i, &m) in persons.iter().take(usize::from(*max)).enumerate() {
                        let child = &self.pop.people[m];
                        let given =
                            if misspelt == Some(i) { misspell(&child.name.name) } else { child.name.name.clone() };
                        put(&person_field_name(&spec.key, i, "surname"), child.name.surname.clone());
                        put(&person_field_name(&spec.key, i, "name"), given);
                        put(
                            &person_field_name(&spec.key, i, "patronymic"),
                            child.name.patronymic.clone().unwrap_or_default(),
                        );
                        put(&person_field_name(&spec.key, i, "birth_date"), child.birth_date.to_string());
                    }
                }
            }
        }
        form
    }

    fn handler(&mut self, pin_holder: bool) -> usize {
        if pin_holder {
            return CLERK;
        }
        match self.rng.random_range(0..100) {
            0..45 => CLERK,
            45..60 => SUPERVISOR,
            60..80 => 2,
            _ => 3,
        }
    }

    /// Plans one appeal for `service` to be left in `target`; `None` when nobody can file it.
    fn appeal(&mut self, service: usize, target: StatusKind) -> Result<Option<AppealPlan>, CalendarError> {
        let services = self.services;
        let s = &services[service];
        let document = s.kind == ServiceKind::Document && !s.stages.is_empty();
        let (lo, hi) = age_range(target);
        for attempt in 0..10u64 {
            // The first few open appeals are due today (registration or service deadline).
            let forced = match target {
                StatusKind::Submitted if self.register_today < 2 => self.day_due_today(s, true)?,
                StatusKind::InProgress if document && self.due_today < 3 => self.day_due_today(s, false)?,
                _ => None,
            }
            .filter(|_| attempt < 3);
            let day = match forced {
                Some(day) => day,
                None => days_before(self.today, self.rng.random_range(lo..=hi + attempt)),
            };
            let filed = self.filing_instant(day, forced.is_some());
            let steps = self.script(s, target, forced.is_some());
            let Some(steps) = self.timeline(filed, steps)? else { continue };
            let filing_day = moscow_date(filed);
            let Some((applicant, persons)) = self.applicant_for(service, target, filing_day) else { return Ok(None) };
            match (forced.is_some(), target) {
                (true, StatusKind::Submitted) => self.register_today += 1,
                (true, _) => self.due_today += 1,
                _ => {}
            }
            let open = matches!(target, StatusKind::Submitted | StatusKind::Registered | StatusKind::InProgress);
            let misspelt = (!persons.is_empty() && open && (self.misspelt == 0 || self.rng.random_bool(0.5)))
                .then(|| self.rng.random_range(0..persons.len()));
            self.misspelt += usize::from(misspelt.is_some());
            let question = self.rng.random_range(0..QUESTIONS.len());
            let a = &self.applicants[applicant];
            let (person, lang, pin_holder) = (a.person, a.lang, a.pin_holder);
            let form = self.form(s, person, &persons, misspelt, question, lang, filing_day);
            let handler = self.handler(pin_holder);
            let a = &mut self.applicants[applicant];
            a.services.insert(service);
            a.targets.insert(target);
            return Ok(Some(AppealPlan {
                applicant,
                service,
                target,
                lang,
                form,
                filed,
                steps,
                corrects: None,
                handler,
                question,
            }));
        }
        Ok(None)
    }

    /// A corrected appeal filed after `refused` was refused registration, sometimes.
    fn correction(&mut self, refused: usize) -> Result<Option<AppealPlan>, CalendarError> {
        let Some(original) = self.appeals.get(refused).cloned() else { return Ok(None) };
        let Some(&(refused_at, _)) = original.steps.last() else { return Ok(None) };
        let filed = refused_at + Duration::minutes(self.rng.random_range(120..=4_320));
        if filed > self.limit - Duration::hours(1) {
            return Ok(None);
        }
        let services = self.services;
        let s = &services[original.service];
        let target = if self.limit - filed > Duration::days(3) && !s.stages.is_empty() && self.rng.random_bool(0.6) {
            StatusKind::InProgress
        } else if self.limit - filed > Duration::days(2) {
            StatusKind::Registered
        } else {
            StatusKind::Submitted
        };
        let mut plan = AppealPlan { corrects: Some(refused), target, filed, steps: Vec::new(), ..original };
        let steps = self.script(s, target, true);
        plan.steps = self.timeline(filed, steps)?.unwrap_or_default();
        if plan.steps.is_empty() {
            plan.target = StatusKind::Submitted;
        }
        Ok(Some(plan))
    }

    fn question(&mut self, index: usize) -> Result<QuestionPlan, CalendarError> {
        // Answered, open or still unconfirmed, in a fixed rhythm so that every kind is present.
        const RHYTHM: [u8; 10] = [2, 1, 0, 2, 1, 2, 1, 0, 2, 2];
        let state = RHYTHM[index % RHYTHM.len()];
        let male = self.rng.random_bool(0.4);
        let surname = surname_for(random_surname(self.rng), male);
        let given = if male { one(self.rng, MEN) } else { one(self.rng, WOMEN) };
        let name = if self.rng.random_bool(0.8) {
            format!("{surname} {given} {}", patronymic(one(self.rng, MEN), !male))
        } else {
            format!("{given} {surname}")
        };
        let initial: String = given.chars().take(1).collect();
        let email = format!("{}.{}@demo.invalid", translit(&surname), translit(&initial));
        let lang = if self.rng.random_bool(0.1) { other(self.lang) } else { self.lang };
        let day = days_before(self.today, self.rng.random_range(0..=30));
        let asked = self.filing_instant(day, false);
        let confirmed =
            (state > 0).then(|| asked + Duration::minutes(self.rng.random_range(3..=600))).filter(|t| *t <= self.limit);
        let answered = match confirmed.filter(|_| state > 1) {
            Some(t) => {
                let later = t + Duration::minutes(self.rng.random_range(1_440..=14_400));
                Some(self.office(later)?)
            }
            None => None,
        }
        .filter(|t| *t <= self.limit);
        let staff = if self.rng.random_bool(0.7) { CLERK } else { 2 };
        Ok(QuestionPlan {
            name,
            email,
            lang,
            question: self.rng.random_range(0..QUESTIONS.len()),
            asked,
            confirmed,
            answered: answered.map(|t| (t, staff)),
        })
    }
}

/// The other language.
pub(crate) fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Ru => Lang::En,
        Lang::En => Lang::Ru,
    }
}

/// The PIN holders: the large family's mother, the double-surname family's father, then
/// adults of other households.
fn pin_holders(rng: &mut StdRng, pop: &Population, adults: &[usize], count: usize) -> Vec<usize> {
    let mut out: Vec<usize> = [(LARGE_FAMILY, 1), (DOUBLE_SURNAME_FAMILY, 0)]
        .iter()
        .filter_map(|&(h, m)| pop.households.get(h).and_then(|h| h.members.get(m)).copied())
        .collect();
    let mut tries = 0;
    while out.len() < count && tries < 10_000 {
        tries += 1;
        if let Some(&p) = adults.choose(rng)
            && !out.contains(&p)
            && pop.people[p].household > DOUBLE_SURNAME_FAMILY
            && !pop.household_of(p).is_some_and(|h| h.foreign)
        {
            out.push(p);
        }
    }
    out.truncate(count);
    out
}

/// Works out everything the demo will do at `now`.
pub(crate) fn plan(
    rng: &mut StdRng,
    pop: &Population,
    services: &[Service],
    opts: PlanOptions,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<Plan, CalendarError> {
    let today = moscow_date(now);
    let adults: Vec<usize> = (0..pop.people.len()).filter(|&p| (18..=90).contains(&pop.age(p, today))).collect();
    let parents: Vec<usize> =
        adults.iter().copied().filter(|&p| pop.minors_with(p, days_before(today, 60)).len() >= 3).collect();
    let holders = pin_holders(rng, pop, &adults, opts.pin_holders);
    let mut planner = Planner {
        rng,
        pop,
        services,
        cal,
        now,
        today,
        limit: now - Duration::minutes(1),
        lang: opts.lang,
        adults,
        parents,
        applicants: Vec::new(),
        is_applicant: HashSet::new(),
        appeals: Vec::new(),
        due_today: 0,
        register_today: 0,
        misspelt: 0,
    };
    for person in holders {
        planner.new_applicant(person, true);
    }

    // Every state once, then every service once, then as the council's work goes.
    let mut wanted: Vec<(usize, StatusKind)> = Vec::new();
    for kind in StatusKind::ALL {
        let candidates: Vec<usize> = (0..services.len()).filter(|&i| reachable(&services[i], kind)).collect();
        if let Some(&service) = candidates.choose(planner.rng) {
            wanted.push((service, kind));
        }
    }
    for (i, s) in services.iter().enumerate() {
        if !wanted.iter().any(|(w, _)| *w == i) {
            let target =
                [StatusKind::Issued, StatusKind::IssuedElectronically, StatusKind::Answered, StatusKind::InProgress]
                    .into_iter()
                    .find(|t| reachable(s, *t))
                    .unwrap_or(StatusKind::Registered);
            wanted.push((i, target));
        }
    }
    let mut next = 0;
    let mut failures = 0;
    while planner.appeals.len() < opts.appeals && failures < 1_000 && !services.is_empty() {
        let (service, target) = match wanted.get(next) {
            Some(w) => *w,
            None => {
                let service = planner.rng.random_range(0..services.len());
                let targets: Vec<StatusKind> =
                    StatusKind::ALL.into_iter().filter(|t| reachable(&services[service], *t)).collect();
                let Ok(target) = targets.choose_weighted(planner.rng, |t| weight(*t)).copied() else {
                    failures += 1;
                    continue;
                };
                (service, target)
            }
        };
        next += 1;
        let Some(appeal) = planner.appeal(service, target)? else {
            failures += 1;
            continue;
        };
        planner.appeals.push(appeal);
        if target == StatusKind::RefusedToRegister && planner.rng.random_bool(0.35) {
            let refused = planner.appeals.len() - 1;
            if let Some(correction) = planner.correction(refused)? {
                planner.appeals.push(correction);
            }
        }
    }

    // Accounts are issued at the desk, in office hours, some days before their first appeal.
    for i in 0..planner.applicants.len() {
        if planner.applicants[i].pin_holder {
            continue;
        }
        let first = planner.appeals.iter().filter(|a| a.applicant == i).map(|a| a.filed).min().unwrap_or(now);
        let day = days_before(moscow_date(first), planner.rng.random_range(1..=30));
        let minutes = planner.rng.random_range(480..=1_000);
        let issued = planner.office(at_moscow(day, minutes))?;
        planner.applicants[i].issued_at = if issued < first { issued } else { first - Duration::minutes(30) };
    }
    let questions = (0..opts.questions).map(|i| planner.question(i)).collect::<Result<_, _>>()?;
    Ok(Plan { applicants: planner.applicants, appeals: planner.appeals, questions })
}
