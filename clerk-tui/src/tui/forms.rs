//! The decisions' dialogs: which form or confirmation each decision opens, what each form is
//! pre-filled with, and what its submission asks of `core` (always through a confirmation,
//! since nothing a clerk sends to an applicant can be taken back).

use chrono::{Duration, NaiveDate};
use ereception_core::account::AccountNumber;
use ereception_core::clock::{CalendarError, ExtensionError, ProductionCalendar};
use ereception_core::domain::appeal::{DateMistake, parse_date_or_why};
use ereception_core::domain::catalogue::{Service, ServiceKind};
use ereception_core::domain::ids::{AppealId, ClerkId, ResidentId};
use ereception_core::domain::question::EmailAddress;
use ereception_core::domain::status::{Command as Decide, Pickup, Status, StatusKind};
use ereception_core::i18n::{Arg, Lang, Msg, tr, tr_args};
use ereception_core::store::residents::ResidentSearch;
use ereception_core::timeline::filed_fields;

use super::action::{AnswerTarget, Effect};
use super::app::{App, Confirm, Dialog, Field, Form, Input, OnYes, Purpose, Screen};
use super::canned;
use super::dates::date;
use super::decisions::Decision;
use super::editor::{CheckList, ChoiceList, LineInput, TextArea};
use super::keymap::{Command as KeyCommand, Scope};

fn line(label: String, text: &str) -> Field {
    Field { label, input: Input::Line(LineInput::new(text)) }
}

fn text(label: String, text: &str) -> Field {
    Field { label, input: Input::Text(TextArea::new(text)) }
}

fn form(purpose: Purpose, title: String, fields: Vec<Field>) -> Box<Form> {
    let mut form =
        Box::new(Form { purpose, title, context: Vec::new(), fields, focus: 0, error: None, opened_with: Vec::new() });
    form.opened_with = form.values();
    form
}

/// The most residents a PIN desk search lists; past it the list says there are more. The
/// tests' district has 150 residents: they list 20.
pub const RESIDENT_ROWS: i64 = if cfg!(test) { 20 } else { 200 };

/// A confirmation that runs `effect` on "yes" and returns to `back` on "no".
pub fn confirm(title: String, lines: Vec<String>, effect: Effect, back: Option<Box<Form>>) -> Dialog {
    Dialog::Confirm(Box::new(Confirm { title, lines, on_yes: OnYes::Run(Box::new(effect)), back, from_typing: false }))
}

/// The queue's search; in the questions queue it searches names, e-mails and texts. It opens
/// empty, like every search: what is typed is the whole query (an empty one shows everything).
pub fn queue_search(lang: Lang, questions: bool) -> Box<Form> {
    let label = if questions { "tui-field-search-questions" } else { "tui-field-search" };
    form(Purpose::QueueSearch, tr(lang, "tui-search-title"), vec![line(tr(lang, label), "")])
}

/// The PIN desk's search in the registry: a new search for the next person at the desk, so
/// every field opens empty (an old value left in a field the clerk does not look at would
/// narrow the search to nobody).
pub fn resident_search(lang: Lang) -> Box<Form> {
    form(
        Purpose::ResidentSearch,
        tr(lang, "tui-resident-search-title"),
        [
            "tui-field-surname",
            "tui-field-name",
            "tui-field-birth-date-typed",
            "tui-field-street",
            "tui-field-house",
            "tui-field-flat",
        ]
        .into_iter()
        .map(|label| line(tr(lang, label), ""))
        .collect(),
    )
}

/// The answer editor with canned answers in the asker's language.
pub fn answer(app: &App, target: AnswerTarget, asker: Lang) -> Box<Form> {
    let lang = app.lang();
    let offered = match app.session.as_ref() {
        Some(session) => canned::offered(&app.settings.canned, asker, &session.district),
        None => Vec::new(),
    };
    let titles = offered.iter().map(|c| c.title.clone()).collect();
    // the form hides the screen: its title says what is being answered, and above the fields
    // stands what was asked
    let (title, context) = match (target, &app.screen) {
        (AnswerTarget::Appeal(id), Screen::Appeal(a)) if a.data.appeal.id == id => {
            let title =
                tr_args(lang, "tui-answer-title-appeal", &[("number", a.data.appeal.number.to_string().into())]);
            let filed = filed_fields(Some(&a.data.service), &a.data.appeal.draft.fields, lang, |d| date(d, lang));
            (title, filed.into_iter().map(|f| format!("{}: {}", f.label, f.lines.join("; "))).collect())
        }
        (AnswerTarget::Question(id), Screen::Question(q)) if q.data.question.id == id => (
            tr_args(lang, "tui-answer-title-question", &[("id", id.0.into())]),
            vec![format!("{}: {}", tr(lang, "tui-question-text"), q.data.question.text)],
        ),
        (AnswerTarget::Question(id), _) => {
            (tr_args(lang, "tui-answer-title-question", &[("id", id.0.into())]), Vec::new())
        }
        _ => (tr(lang, "tui-answer-title"), Vec::new()),
    };
    let mut answer = form(
        Purpose::Answer { target, canned: offered },
        title,
        vec![
            Field { label: tr(lang, "tui-field-canned"), input: Input::Canned(ChoiceList::new(titles, 0)) },
            text(tr(lang, "tui-field-answer"), ""),
        ],
    )
    .focused(1);
    answer.context = context;
    answer
}

trait Focused {
    fn focused(self, i: usize) -> Self;
}

impl Focused for Box<Form> {
    fn focused(mut self, i: usize) -> Self {
        self.focus = i.min(self.fields.len().saturating_sub(1));
        self
    }
}

/// Reassignment of the appeal `number` (with its applicant, «Иванова М. П.»): nobody or one of
/// the district's staff, the current one chosen.
pub fn assign(
    app: &App,
    appeal: AppealId,
    number: &str,
    applicant: &str,
    current: Option<ClerkId>,
) -> Option<Box<Form>> {
    let lang = app.lang();
    let session = app.session.as_ref()?;
    let mut staff = vec![None];
    let mut names = vec![tr(lang, "tui-nobody")];
    for c in session.staff.iter().filter(|c| !c.disabled) {
        staff.push(Some(c.id));
        names.push(format!("{} ({})", c.full_name, tr(lang, c.role.message_id())));
    }
    let selected = staff.iter().position(|s| *s == current).unwrap_or(0);
    Some(form(
        Purpose::Assign { appeal, number: number.to_owned(), applicant: applicant.to_owned(), staff },
        tr_args(lang, "tui-assign-title", &[("number", number.into())]),
        vec![Field { label: tr(lang, "tui-field-clerk"), input: Input::Choice(ChoiceList::new(names, selected)) }],
    ))
}

/// Inserts the chosen canned answer into the editor and moves there.
pub fn insert_canned(form: &mut Form) {
    let Purpose::Answer { canned, .. } = &form.purpose else { return };
    let Some(Input::Canned(list)) = form.fields.first().map(|f| &f.input) else { return };
    let Some(chosen) = canned.get(list.selected).map(|c| c.text.clone()) else { return };
    if let Some(Field { input: Input::Text(area), .. }) = form.fields.get_mut(1) {
        if area.is_empty() {
            area.set(&chosen);
        } else {
            area.insert(&format!("\n{chosen}"));
        }
        area.edited = true;
    }
    form.focus = 1;
    // «Заполните поле «Текст ответа»» stayed under the text just inserted, as typing clears it
    form.error = None;
}

fn pin_lang_choice(lang: Lang, current: Lang) -> Input {
    let items = vec![tr(lang, "tui-lang-ru"), tr(lang, "tui-lang-en")];
    Input::Choice(ChoiceList::new(items, usize::from(current == Lang::En)))
}

/// Issuing (or re-issuing) a PIN: e-mail and language.
pub fn issue_pin(lang: Lang, resident: ResidentId, replace: bool, email: Option<&str>, pin_lang: Lang) -> Box<Form> {
    form(
        Purpose::IssuePin { resident, replace },
        tr(lang, if replace { "tui-reissue-pin-title" } else { "tui-issue-pin-title" }),
        vec![
            line(tr(lang, "tui-field-email"), email.unwrap_or("")),
            Field { label: tr(lang, "tui-field-lang"), input: pin_lang_choice(lang, pin_lang) },
        ],
    )
}

/// Revoking a PIN: the reason.
pub fn revoke(lang: Lang, resident: ResidentId, account: AccountNumber) -> Box<Form> {
    form(
        Purpose::Revoke { resident, account },
        tr(lang, "tui-revoke-title"),
        vec![line(tr(lang, "tui-field-reason"), &tr(lang, "tui-revoke-reason-default"))],
    )
}

/// The day offered for bringing originals: a week ahead, on the first working day from then (the
/// council is open on the day offered); when the appeal is due sooner, the last working day
/// before its deadline that is still ahead, since the deadline keeps running meanwhile.
fn originals_date(calendar: &ProductionCalendar, today: NaiveDate, due: NaiveDate) -> NaiveDate {
    let week = today + Duration::days(7);
    let offered = calendar.working_day_on_or_after(week).unwrap_or(week);
    if offered <= due {
        return offered;
    }
    let mut day = due;
    while day > today {
        if calendar.is_working_day(day).unwrap_or(false) {
            return day;
        }
        day -= Duration::days(1);
    }
    offered
}

/// A warning for a confirmation when people named in the appeal did not all match the
/// registry: registering or issuing may be right, but not without looking.
pub fn mismatch_warning(appeal: &ereception_core::domain::appeal::Appeal, lang: Lang) -> Option<String> {
    let n = appeal.check.unmatched().count();
    (n > 0).then(|| tr_args(lang, "tui-warn-registry-mismatch", &[("n", n.into())]))
}

/// A hand-over before the day the resident was told pickup starts: the document may not be
/// at the desk yet, and the letter promised a later day. The clerk may still go ahead (the
/// resident is there and the document is), so it is a warning, not a refusal.
pub fn early_pickup_warning(
    appeal: &ereception_core::domain::appeal::Appeal,
    today: NaiveDate,
    lang: Lang,
) -> Option<String> {
    match &appeal.status {
        Status::Ready(pickup) if pickup.from > today => {
            Some(tr_args(lang, "tui-warn-early-pickup", &[("date", date(pickup.from, lang).into())]))
        }
        _ => None,
    }
}

/// Opens what the decision needs on the appeal screen: a confirmation or a form.
pub fn decision(app: &mut App, d: Decision) -> Option<Effect> {
    let lang = app.lang();
    let today = app.today();
    let session = app.session.as_ref()?;
    let clerk = session.clerk.clone();
    let district = session.district.clone();
    let Screen::Appeal(state) = &app.screen else { return None };
    if !state.allowed.contains(&d) {
        let reason = unavailable(app, d);
        app.error(reason);
        return None;
    }
    let data = &state.data;
    let appeal = &data.appeal;
    let id = appeal.id;
    let number = appeal.number.to_string();
    let service: &Service = &data.service;
    let applicant_lang = data.letter_lang;
    let applicant = data.resident.as_ref().map_or(&appeal.draft.identity.name, |r| &r.name);
    let who = applicant.with_initials();
    let who_full = applicant.full();
    let title = |id: &str| tr_args(lang, id, &[("number", Arg::from(&number))]);
    let summary = vec![format!("{} · {}", service.title.get(lang), who)];
    let seen = appeal.status.clone();
    let decide = |command: Decide, done: &'static str| Effect::Decide {
        appeal: id,
        command,
        seen: Some(seen.clone()),
        clerk: clerk.clone(),
        done,
    };
    let dialog = match d {
        Decision::Register => confirm(
            title("tui-confirm-register"),
            summary.iter().cloned().chain(mismatch_warning(appeal, lang)).collect(),
            decide(Decide::Register { deadline: appeal.due }, "tui-done-registered"),
            None,
        ),
        Decision::Refuse => {
            let register = appeal.status.kind() == StatusKind::Submitted;
            let grounds = if register { &service.register_grounds } else { &service.provide_grounds };
            let labels = grounds.iter().map(|g| g.text.get(lang).to_owned()).collect();
            let f = form(
                Purpose::Refuse {
                    appeal: id,
                    register,
                    grounds: grounds.iter().map(|g| g.code.clone()).collect(),
                    remedies: grounds.iter().map(|g| g.remedy.get(lang).to_owned()).collect(),
                },
                title(if register { "tui-refuse-register-title" } else { "tui-refuse-title" }),
                vec![
                    Field { label: tr(lang, "tui-field-grounds"), input: Input::Checks(CheckList::new(labels)) },
                    // the grounds' remedies reach the applicant from the catalogue; this is only
                    // what the clerk adds to them
                    text(
                        tr_args(lang, "tui-field-explanation", &[("lang", tr(lang, lang_name(applicant_lang)).into())]),
                        "",
                    ),
                ],
            );
            Dialog::Form(f)
        }
        Decision::NextStage => {
            let next =
                service.next_stage(appeal.status.stage()).map_or_else(String::new, |s| s.title.get(lang).to_owned());
            confirm(
                tr_args(lang, "tui-confirm-next-stage", &[("number", Arg::from(&number)), ("stage", next.into())]),
                summary,
                decide(Decide::NextStage, "tui-done-next-stage"),
                None,
            )
        }
        Decision::RequestOriginals => {
            let labels = service.originals.iter().map(|o| o.title.get(lang).to_owned()).collect();
            let place = format!("{}, {}", district.council_name, district.council_address);
            Dialog::Form(form(
                Purpose::Originals {
                    appeal: id,
                    originals: service.originals.iter().map(|o| o.code.clone()).collect(),
                    due: appeal.due,
                },
                title("tui-originals-title"),
                vec![
                    Field { label: tr(lang, "tui-field-originals"), input: Input::Checks(CheckList::new(labels)) },
                    line(tr(lang, "tui-field-place"), &place),
                    line(tr(lang, "tui-field-by"), &date(originals_date(&session.calendar, today, appeal.due), lang)),
                ],
            ))
        }
        Decision::OriginalsReceived => confirm(
            title("tui-confirm-originals-received"),
            summary,
            decide(Decide::OriginalsReceived, "tui-done-originals-received"),
            None,
        ),
        Decision::Suspend => {
            confirm(title("tui-confirm-suspend"), summary, decide(Decide::Suspend, "tui-done-suspended"), None)
        }
        Decision::Close => confirm(title("tui-confirm-close"), summary, decide(Decide::Close, "tui-done-closed"), None),
        Decision::MarkReady => Dialog::Form(form(
            Purpose::Ready { appeal: id },
            title("tui-ready-title"),
            vec![
                line(tr(lang, "tui-field-place"), &format!("{}, {}", district.council_name, district.council_address)),
                line(tr(lang, "tui-field-hours"), &district.office_hours),
                line(tr(lang, "tui-field-from"), &date(data.first_working_day.max(today), lang)),
                // written in the applicant's language, as the letter will say it: the label says
                // so, or «passport» in a Russian form looks like a slip
                line(
                    tr_args(lang, "tui-field-bring-lang", &[("lang", tr(lang, lang_name(applicant_lang)).into())]),
                    &tr(applicant_lang, "tui-ready-bring-default"),
                ),
            ],
        )),
        Decision::HandOver => Dialog::Form(form(
            Purpose::HandOver { appeal: id },
            title("tui-hand-over-title"),
            vec![line(tr(lang, "tui-field-collected-by"), &who_full), line(tr(lang, "tui-field-id-document"), "")],
        )),
        Decision::IssueDocument => Dialog::Form(form(
            Purpose::IssueDocument { appeal: id },
            title("tui-issue-document-title"),
            vec![line(tr(lang, "tui-field-path"), "")],
        )),
        Decision::Answer => Dialog::Form(answer(app, AnswerTarget::Appeal(id), applicant_lang)),
        Decision::Message => Dialog::Form(form(
            Purpose::Message { appeal: id },
            title("tui-message-title"),
            vec![text(tr_args(lang, "tui-field-message", &[("lang", tr(lang, lang_name(applicant_lang)).into())]), "")],
        )),
        Decision::Take => confirm(
            title("tui-confirm-take"),
            summary,
            Effect::Assign { appeal: id, to: Some(clerk.id), clerk: clerk.clone() },
            None,
        ),
        Decision::Assign => {
            let applicant = applicant.with_initials();
            Dialog::Form(assign(app, id, &number, &applicant, appeal.assigned_clerk)?)
        }
        Decision::Extend => Dialog::Form(form(
            Purpose::Extend { appeal: id },
            title("tui-extend-title"),
            vec![line(tr(lang, "tui-field-days"), "30"), text(tr(lang, "tui-field-reason"), "")],
        )),
    };
    app.dialog = Some(dialog);
    None
}

/// Why a decision is not offered on the appeal on screen, as precisely as the terminal knows:
/// the clerk's role, the one extension already used, the last stage; else the state.
fn unavailable(app: &App, d: Decision) -> String {
    let lang = app.lang();
    let (Some(session), Screen::Appeal(state)) = (app.session.as_ref(), &app.screen) else {
        return tr(lang, "tui-not-available");
    };
    let appeal = &state.data.appeal;
    let open = appeal.status.kind().is_open();
    let supervises = session.clerk.role.supervises();
    match d {
        Decision::Assign | Decision::Extend if open && !supervises => tr(lang, "tui-supervisors-only"),
        Decision::Extend if open && appeal.extension.is_some() => tr(lang, "tui-extended-once"),
        Decision::Extend if open && state.data.service.kind != ServiceKind::Consultation => {
            ExtensionError::NotAnAnswerTerm.message(lang)
        }
        Decision::Take if open && appeal.assigned_clerk.is_some() => {
            let name = appeal.assigned_clerk.and_then(|id| session.staff_name(id)).unwrap_or_default().to_owned();
            tr_args(lang, "tui-already-taken", &[("name", name.into())])
        }
        Decision::NextStage
            if appeal.status.kind() == StatusKind::InProgress
                && state.data.service.next_stage(appeal.status.stage()).is_none() =>
        {
            let key = |command| app.settings.keymap.key_label(Scope::Appeal, command, lang).unwrap_or_default();
            let mut ways = Vec::new();
            if state.allowed.contains(&Decision::MarkReady) {
                ways.push(tr_args(lang, "tui-last-stage-ready", &[("key", key(KeyCommand::MarkReady).into())]));
            }
            if state.allowed.contains(&Decision::IssueDocument) {
                ways.push(tr_args(lang, "tui-last-stage-issue", &[("key", key(KeyCommand::IssueDocument).into())]));
            }
            let next = match ways.as_slice() {
                [] => return tr(lang, "tui-not-available"),
                [one] => one.clone(),
                [first, second, ..] => tr_args(
                    lang,
                    "tui-last-stage-or",
                    &[("first", first.as_str().into()), ("second", second.as_str().into())],
                ),
            };
            tr_args(lang, "tui-last-stage", &[("next", next.into())])
        }
        _ => tr(lang, "tui-not-available"),
    }
}

/// A date beyond the production calendars, told to the clerk: which year is missing and the
/// last date that can be chosen.
fn no_calendar(calendar: &ProductionCalendar, e: &CalendarError, id: &str, lang: Lang) -> String {
    let CalendarError::YearNotCovered { year } = e;
    let last = calendar.covered_years().last().and_then(|y| NaiveDate::from_ymd_opt(*y, 12, 31));
    match last {
        Some(last) => tr_args(lang, id, &[("year", year.to_string().into()), ("last", date(last, lang).into())]),
        None => e.message(lang),
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "tui-lang-ru",
        Lang::En => "tui-lang-en",
    }
}

/// How much of a text the confirmation shows: enough to read it over before it goes (a
/// letter cannot be taken back), few enough lines for the dialog to fit at 80×24.
const PREVIEW_CHARS: usize = 420;

/// The text an answer or a message sends, for its confirmation: whole when short, otherwise
/// cut at a word with «…», so that it never looks cut by mistake («в реестре она з»).
pub(crate) fn preview(text: &str) -> Vec<String> {
    let text = text.trim();
    let cut = if text.chars().count() <= PREVIEW_CHARS {
        text.to_owned()
    } else {
        let head: String = text.chars().take(PREVIEW_CHARS).collect();
        let head = head.rsplit_once(char::is_whitespace).map_or(head.as_str(), |(h, _)| h).trim_end();
        format!("{head} …")
    };
    cut.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect()
}

/// An answer still holding a canned answer's gap («[укажите организацию и её контакты]») or
/// ending in its lead-in («Сообщаем следующее:») is not finished: sent, the applicant would
/// read the gap, or nothing after the colon.
fn unfinished(answer: &str, canned: &[canned::Canned], lang: Lang) -> Result<(), String> {
    for gap in canned.iter().flat_map(|c| gaps(&c.text)) {
        if answer.contains(gap) {
            return Err(tr_args(lang, "tui-error-answer-gap", &[("gap", gap.into())]));
        }
    }
    if answer.trim_end().ends_with(':') {
        return Err(tr(lang, "tui-error-answer-colon"));
    }
    Ok(())
}

/// The `[…]` gaps of a canned answer, brackets included.
fn gaps(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('[').filter_map(|(start, _)| text[start..].find(']').map(|end| &text[start..=start + end]))
}

/// What a submitted form asks for: a confirmation (with the form to go back to), an effect
/// to run at once, or a problem to show in the form.
enum Next {
    Confirm { title: String, lines: Vec<String>, effect: Effect },
    Run(Effect),
    Done,
}

/// Submits the open form.
pub fn submit(app: &mut App) -> Option<Effect> {
    let Some(Dialog::Form(mut f)) = app.dialog.take() else { return None };
    match build(app, &mut f) {
        Ok(Next::Confirm { title, lines, effect }) => {
            f.error = None;
            app.dialog = Some(confirm(title, lines, effect, Some(f)));
            None
        }
        Ok(Next::Run(effect)) => {
            f.error = None;
            if matches!(f.purpose, Purpose::IssueDocument { .. }) {
                app.stash = Some(f);
            }
            Some(effect)
        }
        Ok(Next::Done) => None,
        Err(message) => {
            f.error = Some(message);
            app.dialog = Some(Dialog::Form(f));
            None
        }
    }
}

/// A date typed into a form, or what to fix in it: «31.02.2026» is written as a date, only no
/// such day exists, and «не дата, введите как ДД.ММ.ГГГГ» would send the clerk looking for a
/// mistake in the format.
fn typed_date(value: &str, lang: Lang) -> Result<NaiveDate, String> {
    parse_date_or_why(value).map_err(|why| {
        let id = match why {
            DateMistake::Malformed => "tui-error-date",
            DateMistake::NoSuchDay => "tui-error-date-impossible",
            DateMistake::Year => "tui-error-date-year",
        };
        tr_args(lang, id, &[("value", value.into())])
    })
}

fn checks(f: &Form, i: usize) -> Vec<usize> {
    match f.fields.get(i).map(|x| &x.input) {
        Some(Input::Checks(c)) => c.selected(),
        _ => Vec::new(),
    }
}

fn choice(f: &Form, i: usize) -> usize {
    match f.fields.get(i).map(|x| &x.input) {
        Some(Input::Choice(c) | Input::Canned(c)) => c.selected,
        _ => 0,
    }
}

/// What the form asks for; a required field left empty takes the cursor, so that the clerk
/// types into the field the error names rather than the one they were in.
fn build(app: &mut App, f: &mut Form) -> Result<Next, String> {
    let empty = std::cell::Cell::new(None);
    let result = build_fields(app, f, &empty);
    if let (Err(_), Some(field)) = (&result, empty.get()) {
        f.focus = field;
    }
    result
}

fn build_fields(app: &mut App, f: &mut Form, empty: &std::cell::Cell<Option<usize>>) -> Result<Next, String> {
    let lang = app.lang();
    let today = app.today();
    let required = |value: String, field: usize| {
        if value.is_empty() {
            empty.set(Some(field));
            let label = f.fields.get(field).map_or(String::new(), |x| x.label.clone());
            Err(tr_args(lang, "tui-error-required", &[("field", label.into())]))
        } else {
            Ok(value)
        }
    };
    let future_date = |value: String| {
        let d = typed_date(&value, lang)?;
        if d < today {
            return Err(Msg::new("transition-date-in-past").arg("date", date(d, lang)).render(lang));
        }
        Ok(d)
    };
    let Some(session) = app.session.as_ref() else { return Ok(Next::Done) };
    let clerk = session.clerk.clone();
    let calendar = &session.calendar;
    // a date the applicant comes on: the council must be open, and the calendar must know
    let visit_date = |value: String| {
        let d = future_date(value)?;
        match calendar.is_working_day(d) {
            Ok(true) => Ok(d),
            Ok(false) => match calendar.next_working_day(d) {
                Ok(next) => Err(Msg::new("decide-error-day-off")
                    .arg("date", d.format("%d.%m.%Y").to_string())
                    .arg("next", next.format("%d.%m.%Y").to_string())
                    .render(lang)),
                Err(e) => Err(no_calendar(calendar, &e, "tui-error-no-calendar", lang)),
            },
            Err(e) => Err(no_calendar(calendar, &e, "tui-error-no-calendar", lang)),
        }
    };
    let number = |appeal: AppealId| match &app.screen {
        Screen::Appeal(a) if a.data.appeal.id == appeal => a.data.appeal.number.to_string(),
        _ => String::new(),
    };
    // the status the screen shows: a decision on a changed appeal is refused, not applied
    let seen = |appeal: AppealId| match &app.screen {
        Screen::Appeal(a) if a.data.appeal.id == appeal => Some(a.data.appeal.status.clone()),
        _ => None,
    };
    let decide = |appeal: AppealId, command: Decide, done: &'static str| Effect::Decide {
        appeal,
        command,
        seen: seen(appeal),
        clerk: clerk.clone(),
        done,
    };
    Ok(match &f.purpose {
        Purpose::QueueSearch => {
            let text = f.line(0);
            let search = (!text.is_empty()).then_some(text);
            if let Screen::Queue(q) = &mut app.screen {
                q.search = search;
                q.stale = true;
                q.start = None;
                q.earlier.clear();
                q.selected = 0;
                q.offset = 0;
            }
            return Ok(super::update::reload_first(app).map_or(Next::Done, Next::Run));
        }
        Purpose::ResidentSearch => {
            let values: Vec<String> = (0..6).map(|i| f.line(i)).collect();
            if values.iter().all(String::is_empty) {
                return Err(tr(lang, "tui-error-search-empty"));
            }
            if !values[5].is_empty() && (values[3].is_empty() || values[4].is_empty()) {
                return Err(tr(lang, "tui-error-flat-needs-house"));
            }
            let birth_date = if values[2].is_empty() { None } else { Some(typed_date(&values[2], lang)?) };
            let opt = |s: &String| (!s.is_empty()).then(|| s.clone());
            let search = ResidentSearch {
                district: Some(session.district.code.clone()),
                surname: opt(&values[0]),
                name: opt(&values[1]),
                birth_date,
                street: opt(&values[3]),
                house: opt(&values[4]),
                flat: opt(&values[5]),
                include_left: false,
                after: None,
                limit: RESIDENT_ROWS,
            };
            if let Screen::PinDesk(p) = &mut app.screen {
                p.last = values;
            }
            Next::Run(Effect::SearchResidents(search))
        }
        Purpose::Refuse { appeal, register, grounds, remedies } => {
            let picked = checks(f, 0);
            if picked.is_empty() {
                return Err(Msg::new("transition-no-grounds").render(lang));
            }
            let explanation = f.line(1);
            let codes = picked.iter().filter_map(|i| grounds.get(*i).cloned()).collect();
            // each ground with how to fix it, as the applicant reads them
            let mut labels: Vec<String> = match &f.fields[0].input {
                Input::Checks(c) => picked
                    .iter()
                    .filter_map(|i| c.items.get(*i).map(|s| (s, remedies.get(*i))))
                    .flat_map(|(s, remedy)| {
                        std::iter::once(format!("• {s}")).chain(
                            remedy
                                .filter(|r| !r.is_empty())
                                .map(|r| tr_args(lang, "tui-summary-remedy", &[("text", r.as_str().into())])),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            // the applicant reads it beside the grounds: read it over before it goes
            if !explanation.is_empty() {
                let shown = preview(&explanation).join(" ");
                labels.push(tr_args(lang, "tui-summary-explanation", &[("text", shown.into())]));
            }
            let (command, title, done) = if *register {
                (
                    Decide::RefuseToRegister { grounds: codes, explanation },
                    "tui-confirm-refuse-register",
                    "tui-done-refused-register",
                )
            } else {
                (Decide::Refuse { grounds: codes, explanation }, "tui-confirm-refuse", "tui-done-refused")
            };
            Next::Confirm {
                title: tr_args(lang, title, &[("number", number(*appeal).into())]),
                lines: labels,
                effect: decide(*appeal, command, done),
            }
        }
        Purpose::Originals { appeal, originals, due } => {
            let picked = checks(f, 0);
            if picked.is_empty() {
                return Err(Msg::new("transition-no-originals").render(lang));
            }
            let place = required(f.line(1), 1)?;
            let by = visit_date(required(f.line(2), 2)?)?;
            let mut lines: Vec<String> = match &f.fields[0].input {
                Input::Checks(c) => picked.iter().filter_map(|i| c.items.get(*i)).map(|s| format!("• {s}")).collect(),
                _ => Vec::new(),
            };
            lines.push(tr_args(
                lang,
                "tui-summary-place-by",
                &[("place", place.as_str().into()), ("date", date(by, lang).into())],
            ));
            // the deadline keeps running while the originals are awaited
            // (an overdue appeal's deadline has passed already: «истечёт раньше» would be untrue)
            if *due < today {
                lines.push(tr_args(lang, "tui-warn-visit-past-due", &[("date", date(*due, lang).into())]));
            } else if by > *due {
                lines.push(tr_args(lang, "tui-warn-visit-after-due", &[("date", date(*due, lang).into())]));
            }
            Next::Confirm {
                title: tr_args(lang, "tui-confirm-originals", &[("number", number(*appeal).into())]),
                lines,
                effect: decide(
                    *appeal,
                    Decide::RequestOriginals {
                        originals: picked.iter().filter_map(|i| originals.get(*i).cloned()).collect(),
                        place,
                        by,
                    },
                    "tui-done-originals-requested",
                ),
            }
        }
        Purpose::Ready { appeal } => {
            let place = required(f.line(0), 0)?;
            let hours = required(f.line(1), 1)?;
            let from = visit_date(required(f.line(2), 2)?)?;
            let bring = required(f.line(3), 3)?;
            Next::Confirm {
                title: tr_args(lang, "tui-confirm-ready", &[("number", number(*appeal).into())]),
                lines: vec![
                    tr_args(
                        lang,
                        "tui-summary-place-from",
                        &[("place", place.as_str().into()), ("date", date(from, lang).into())],
                    ),
                    format!("{}: {hours}", tr(lang, "tui-field-hours")),
                    format!("{}: {bring}", tr(lang, "tui-field-bring")),
                ]
                .into_iter()
                .chain(match &app.screen {
                    Screen::Appeal(a) => mismatch_warning(&a.data.appeal, lang),
                    _ => None,
                })
                .collect(),
                effect: decide(
                    *appeal,
                    Decide::MarkReady { pickup: Pickup { place, hours, from, bring } },
                    "tui-done-ready",
                ),
            }
        }
        Purpose::HandOver { appeal } => {
            let collected_by = required(f.line(0), 0)?;
            let id_document = required(f.line(1), 1)?;
            Next::Confirm {
                title: tr_args(lang, "tui-confirm-hand-over", &[("number", number(*appeal).into())]),
                lines: vec![
                    format!("{}: {collected_by}", tr(lang, "tui-field-collected-by")),
                    format!("{}: {id_document}", tr(lang, "tui-field-id-document-short")),
                ]
                .into_iter()
                .chain(match &app.screen {
                    Screen::Appeal(a) => early_pickup_warning(&a.data.appeal, app.today(), lang),
                    _ => None,
                })
                .collect(),
                effect: decide(*appeal, Decide::HandOver { collected_by, id_document }, "tui-done-handed-over"),
            }
        }
        Purpose::IssueDocument { appeal } => {
            let path = required(f.line(0), 0)?;
            Next::Run(Effect::InspectFile { appeal: *appeal, path })
        }
        Purpose::Answer { target, canned } => {
            let answer = required(f.line(1), 1)?;
            unfinished(&answer, canned, lang)?;
            let lines = preview(&answer);
            match target {
                AnswerTarget::Appeal(appeal) => Next::Confirm {
                    title: tr_args(lang, "tui-confirm-answer", &[("number", number(*appeal).into())]),
                    lines,
                    effect: decide(*appeal, Decide::Answer { text: answer }, "tui-done-answered"),
                },
                AnswerTarget::Question(id) => Next::Confirm {
                    title: tr(lang, "tui-confirm-answer-question"),
                    lines,
                    effect: Effect::AnswerQuestion { id: *id, text: answer, clerk },
                },
            }
        }
        Purpose::Message { appeal } => {
            let text = required(f.line(0), 0)?;
            Next::Confirm {
                title: tr_args(lang, "tui-confirm-message", &[("number", number(*appeal).into())]),
                lines: preview(&text),
                effect: Effect::Message { appeal: *appeal, text, clerk },
            }
        }
        Purpose::Extend { appeal } => {
            let days_text = required(f.line(0), 0)?;
            let days: u16 = days_text
                .parse()
                .ok()
                .filter(|d| (1..=ereception_core::clock::MAX_EXTENSION_DAYS).contains(d))
                .ok_or_else(|| tr(lang, "tui-error-days"))?;
            let reason = required(f.line(1), 1)?;
            let Screen::Appeal(state) = &app.screen else { return Ok(Next::Done) };
            // the date core will compute: the end moves off a day off to the next working day
            let due = state.data.appeal.due;
            let to = calendar.extend(due, days).map_err(|e| match e {
                ExtensionError::Calendar(e) => no_calendar(calendar, &e, "tui-error-no-calendar-extend", lang),
                other => other.message(lang),
            })?;
            if to <= app.today() {
                return Err(ExtensionError::NotInTheFuture { to }.message(lang));
            }
            let plain = due + Duration::days(i64::from(days));
            let mut lines = vec![tr_args(lang, "tui-summary-extend-from", &[("date", date(due, lang).into())])];
            if plain != to {
                lines.push(tr_args(lang, "tui-summary-extend-moved", &[("date", date(plain, lang).into())]));
            }
            lines.push(tr_args(lang, "tui-summary-extend-reason", &[("reason", reason.as_str().into())]));
            Next::Confirm {
                title: tr_args(
                    lang,
                    "tui-confirm-extend",
                    &[("number", number(*appeal).into()), ("date", date(to, lang).into())],
                ),
                lines,
                effect: Effect::Extend { appeal: *appeal, days, reason, clerk },
            }
        }
        Purpose::Assign { appeal, number, applicant, staff } => {
            let to = staff.get(choice(f, 0)).copied().flatten();
            let name = to.and_then(|id| session.staff_name(id)).map_or_else(|| tr(lang, "tui-nobody"), str::to_owned);
            Next::Confirm {
                title: tr_args(
                    lang,
                    "tui-confirm-assign",
                    &[("number", number.as_str().into()), ("name", name.into())],
                ),
                lines: vec![applicant.clone()],
                effect: Effect::Assign { appeal: *appeal, to, clerk },
            }
        }
        Purpose::IssuePin { resident, replace } => {
            let email_text = f.line(0);
            let email = if email_text.is_empty() {
                None
            } else {
                Some(EmailAddress::parse(&email_text).ok_or_else(|| Msg::new("form-error-email").render(lang))?)
            };
            let pin_lang = if choice(f, 1) == 1 { Lang::En } else { Lang::Ru };
            let who = match &app.screen {
                Screen::Resident(r) => r.data.resident.name.with_initials(),
                _ => String::new(),
            };
            let mut lines = vec![match &email {
                Some(e) => tr_args(lang, "tui-summary-email", &[("email", e.to_string().into())]),
                None => tr(lang, "tui-summary-no-email"),
            }];
            lines.push(tr_args(lang, "tui-summary-lang", &[("lang", tr(lang, lang_name(pin_lang)).into())]));
            if *replace {
                lines.push(tr(lang, "tui-summary-old-pin-stops"));
            }
            Next::Confirm {
                title: tr_args(lang, "tui-confirm-issue-pin", &[("name", who.into())]),
                lines,
                effect: Effect::IssuePin {
                    resident: *resident,
                    email,
                    lang: pin_lang,
                    replace: *replace,
                    clerk,
                    district: session.district.clone(),
                },
            }
        }
        Purpose::Revoke { resident, account } => {
            let reason = required(f.line(0), 0)?;
            Next::Confirm {
                title: tr_args(
                    lang,
                    "tui-confirm-revoke",
                    &[("number", super::widgets::unbroken(&account.to_string()).into())],
                ),
                // labelled like the ready summary's lines: a bare «утерян листок» reads as a
                // heading, not as the reason that goes on record
                lines: vec![format!("{}: {reason}", tr(lang, "tui-field-reason"))],
                effect: Effect::Revoke { resident: *resident, account: account.clone(), reason, clerk },
            }
        }
    })
}
