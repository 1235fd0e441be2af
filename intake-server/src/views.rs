//! Views: the structs pages are rendered from, owned by the server (never Diesel rows), and
//! their askama templates (`templates/`, compile-time checked, HTML auto-escaped).

use askama::Template;
use ereception_core::i18n::{self, Lang};

/// The catalogue for templates: `{{ t.tr("web-…") }}`.
#[derive(Clone, Copy, Debug)]
pub struct T(pub Lang);

impl T {
    /// Message `id` in the page's language.
    pub fn tr(&self, id: &str) -> String {
        i18n::tr(self.0, id)
    }
}

/// What every page shows around its content.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// `ru` or `en`, for `<html lang>`.
    pub lang: &'static str,
    /// The navigation item of this page (`home`, `services`, `sign-in`, `ask`, `help`), or empty.
    pub current: &'static str,
    pub title: String,
    pub has_errors: bool,
    pub signed_in: bool,
    /// The CSRF token of the sign-out form (empty when signed out).
    pub csrf: String,
    /// The language switch: where it leads, in which language its label is.
    pub switch_href: String,
    pub switch_lang: &'static str,
    pub switch_label: &'static str,
    /// On a form's page, the id of the form: the switch is then a button of that form, which
    /// shows it again in the other language with what was typed (a link would lose it).
    pub switch_form: Option<&'static str>,
    /// The `action` value of the form's default button (its Enter key), or empty.
    pub default_action: &'static str,
}

impl Chrome {
    /// The frame of a page whose form `form` keeps what was typed when the language is
    /// switched; `default_action` is what Enter in one of its fields sends as `action`.
    pub fn keeping(self, form: &'static str, default_action: &'static str) -> Chrome {
        Chrome { switch_form: Some(form), default_action, ..self }
    }
}

/// One entry of an error summary: the field's id and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorItem {
    pub field: String,
    pub text: String,
}

/// A link with its label.
#[derive(Clone, Debug)]
pub struct LinkView {
    pub href: String,
    pub label: String,
}

/// One option of a radio group or a select.
#[derive(Clone, Debug)]
pub struct OptionView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One form field, of any kind (`text`, `date`, `number`, `textarea`, `choice`, `persons`).
#[derive(Clone, Debug, Default)]
pub struct FieldView {
    pub kind: &'static str,
    /// `text` or `email`.
    pub input_type: &'static str,
    /// The form name, which is also the element id the error summary links to.
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    pub required: bool,
    /// What an optional field's label adds, when not «(необязательно)»: a patronymic is
    /// «(если есть)», since one that exists must be given.
    pub optional_id: Option<&'static str>,
    pub autocomplete: &'static str,
    /// A width class: `input-w10`, `input-w20`, … or empty for the full width.
    pub width: &'static str,
    pub options: Vec<OptionView>,
    /// Person rows (kind `persons`).
    pub rows: Vec<PersonRowView>,
    /// The hidden field that says how many rows are shown.
    pub rows_name: String,
    pub can_add: bool,
    pub add_action: String,
    pub add_label: String,
    /// Takes the focus when the page opens (the first field of a row just added).
    pub autofocus: bool,
}

impl FieldView {
    /// The message id of what an optional field's label adds.
    pub fn optional_note(&self) -> &'static str {
        self.optional_id.unwrap_or("web-form-optional")
    }
}

/// One person of a `persons` field.
#[derive(Clone, Debug)]
pub struct PersonRowView {
    /// The row's element id, for the fragment that brings the page back to it.
    pub id: String,
    pub legend: String,
    /// The value of the row's "remove" button, when rows can be removed (more than the minimum).
    pub remove_action: Option<String>,
    pub remove_label: String,
    pub parts: Vec<FieldView>,
}

/// The sign-in page.
#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    pub chrome: Chrome,
    pub t: T,
    pub errors: Vec<ErrorItem>,
    pub error_title: String,
    pub error_lead: String,
    pub notice: Option<String>,
    pub number: String,
    pub number_error: Option<String>,
    pub pin_error: Option<String>,
    pub next: String,
    pub csrf: String,
    /// A form sent after its session ended, sealed ([`crate::carry`]), or empty.
    pub carried: String,
    /// How that session ended: `signed-out`, or empty (it expired).
    pub ended: &'static str,
}

/// One appeal in the private section's list.
#[derive(Clone, Debug)]
pub struct AppealRowView {
    pub href: String,
    pub number: String,
    pub service: String,
    pub status: String,
    pub tone: &'static str,
    pub filed: String,
    pub due: String,
    pub open: bool,
    pub overdue: Option<OverdueView>,
}

/// An open appeal past its deadline: «Срок исполнения истёк 20 ноября 2026 г.» and what the
/// resident can do (the council's address and hours).
#[derive(Clone, Debug)]
pub struct OverdueView {
    pub title: String,
    pub lines: Vec<String>,
}

/// The private section: the resident's appeals.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub t: T,
    pub greeting: String,
    pub banner: Option<String>,
    pub appeals: Vec<AppealRowView>,
    /// Where and in which language letters go.
    pub mail: MailView,
    pub csrf: String,
}

/// The private section's note on letters, with the switch of their language.
#[derive(Clone, Debug)]
pub struct MailView {
    /// Where letters go, or why none do.
    pub text: String,
    /// The other language's code, for the switch.
    pub switch_to: &'static str,
    /// The switch's label.
    pub switch_label: String,
    /// The address awaits confirmation: what the button "send the link again" does, and the
    /// button.
    pub resend_note: Option<String>,
    /// A new address waiting for its confirmation.
    pub pending: Option<String>,
    /// The link to the form for another address («Изменить адрес», «Указать адрес»).
    pub change_label: String,
}

/// A service on offer.
#[derive(Clone, Debug)]
pub struct ServiceCardView {
    pub title: String,
    pub description: String,
    pub term: String,
    pub visit_note: String,
    /// The originals the council may ask to see, in one line, or empty.
    pub originals: String,
    pub href: String,
}

/// The service choice page.
#[derive(Template)]
#[template(path = "services.html")]
pub struct ServicesPage {
    pub chrome: Chrome,
    pub t: T,
    pub signed_in: bool,
    pub services: Vec<ServiceCardView>,
}

/// A council's office, as the public pages show it: where to come and when.
#[derive(Clone, Debug)]
pub struct OfficeView {
    pub council: String,
    pub address: String,
    pub hours: String,
    pub phone: Option<String>,
}

/// `GET /help`: who may use the reception, how to get a PIN, when to come to the council,
/// with what, and each council's address and office hours.
#[derive(Template)]
#[template(path = "help.html")]
pub struct HelpPage {
    pub chrome: Chrome,
    pub t: T,
    pub offices: Vec<OfficeView>,
}

/// `GET /privacy`: the notice on personal data (152-ФЗ).
#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub chrome: Chrome,
    pub t: T,
    pub offices: Vec<OfficeView>,
    /// The paragraph on cookies, with the session's idle time in it.
    pub cookies: String,
}

/// The refused appeal a new one corrects.
#[derive(Clone, Debug)]
pub struct CorrectsView {
    pub id: i64,
    pub number: String,
    pub href: String,
    pub text: String,
}

/// The filing form of a service.
#[derive(Template)]
#[template(path = "appeal_form.html")]
pub struct AppealFormPage {
    pub chrome: Chrome,
    pub t: T,
    /// Above the title: «Новое обращение», or «Исправленное обращение».
    pub caption: String,
    pub errors: Vec<ErrorItem>,
    pub error_title: String,
    pub error_lead: String,
    pub service_title: String,
    pub service_description: String,
    pub visit_note: String,
    /// «Check the details before sending…», for a document or a consultation.
    pub check_note: String,
    pub action: String,
    pub csrf: String,
    /// The form's one-time key (a hidden field): sent twice, it files one appeal.
    pub submission: String,
    /// Shown above the form: it was sent after the session ended and is shown again, unsent.
    pub notice: Option<String>,
    pub corrects: Option<CorrectsView>,
    pub identity: Vec<FieldView>,
    pub fields: Vec<FieldView>,
}

/// A block of the appeal page that says what the resident must know or do now.
#[derive(Clone, Debug)]
pub struct PanelView {
    pub tone: &'static str,
    pub title: String,
    pub lines: Vec<String>,
    pub items: Vec<PanelItem>,
}

/// A titled item of a panel (a refusal ground with its remedy).
#[derive(Clone, Debug)]
pub struct PanelItem {
    pub title: String,
    pub details: Vec<String>,
}

/// An entry of the timeline.
#[derive(Clone, Debug)]
pub struct EntryView {
    pub when: String,
    pub title: String,
    /// Where the title leads: the resident's own corrected appeal, for «Подано исправленное
    /// обращение № …».
    pub href: Option<String>,
    pub actor: String,
    pub details: Vec<String>,
    pub tone: &'static str,
    pub document_href: Option<String>,
}

/// A document to download.
#[derive(Clone, Debug)]
pub struct DocumentView {
    pub href: String,
    pub name: String,
    pub size: String,
}

/// A message from the council.
#[derive(Clone, Debug)]
pub struct MessageView {
    pub when: String,
    pub lines: Vec<String>,
}

/// An appeal that a new one corrects, or that corrected this one.
#[derive(Clone, Debug)]
pub struct AppealLink {
    pub href: String,
    pub number: String,
}

/// An appeal's page.
#[derive(Template)]
#[template(path = "appeal.html")]
pub struct AppealPage {
    pub chrome: Chrome,
    pub t: T,
    pub banner: Option<String>,
    /// The banner warns (a form sent again with changes that were not kept) rather than
    /// confirms.
    pub banner_warns: bool,
    /// Just filed, with people the registry check could not match.
    pub check_note: Option<String>,
    pub number: String,
    pub service_title: String,
    pub status: String,
    pub tone: &'static str,
    pub filed: String,
    /// Shown while the appeal waits for registration.
    pub register_by: Option<String>,
    pub due: String,
    pub open: bool,
    pub overdue: Option<OverdueView>,
    pub visit_note: String,
    pub corrects: Option<AppealLink>,
    pub panel: Option<PanelView>,
    /// The corrected appeal filed from this refused one and standing: shown instead of the
    /// button that files one.
    pub corrected_by: Option<AppealLink>,
    pub correct_href: Option<String>,
    pub documents: Vec<DocumentView>,
    pub messages: Vec<MessageView>,
    pub timeline: Vec<EntryView>,
    /// What was filed: the applicant's details, then the service's own fields.
    pub filed_data: Vec<FiledView>,
    pub withdraw_href: Option<String>,
    pub open311_href: String,
}

/// One item of what an appeal says: a label and its value, a line each.
pub struct FiledView {
    pub label: String,
    pub lines: Vec<String>,
}

/// The confirmation step of a withdrawal.
#[derive(Template)]
#[template(path = "withdraw.html")]
pub struct WithdrawPage {
    pub chrome: Chrome,
    pub t: T,
    pub number: String,
    pub service_title: String,
    pub action: String,
    pub back_href: String,
    pub csrf: String,
}

/// The question form.
#[derive(Template)]
#[template(path = "question_form.html")]
pub struct QuestionFormPage {
    pub chrome: Chrome,
    pub t: T,
    pub errors: Vec<ErrorItem>,
    pub error_title: String,
    pub error_lead: String,
    pub csrf: String,
    pub fields_before: Vec<FieldView>,
    pub fields_after: Vec<FieldView>,
    pub districts: Vec<OptionView>,
    pub district_error: Option<String>,
    pub address: String,
    pub address_error: Option<String>,
}

/// Another address for the letters.
#[derive(Template)]
#[template(path = "email.html")]
pub struct EmailPage {
    pub chrome: Chrome,
    pub t: T,
    pub errors: Vec<ErrorItem>,
    pub error_title: String,
    pub error_lead: String,
    pub csrf: String,
    /// Where letters go now.
    pub current: String,
    /// A change waiting for its confirmation.
    pub pending: Option<String>,
    pub fields: Vec<FieldView>,
    /// How long the link lasts, how often it may be sent.
    pub note: String,
}

/// A page that says one thing: a result, a notice, an error.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub chrome: Chrome,
    pub t: T,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub reference: Option<String>,
    pub links: Vec<LinkView>,
}

/// The page a confirmation link opens: the button that confirms (a `POST`: mail scanners
/// follow links, and must not confirm an address by doing so).
#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub chrome: Chrome,
    pub t: T,
    /// What confirming does, for this link's purpose.
    pub lead: String,
    /// «Адрес: …»: the address the button confirms.
    pub address: String,
    pub action: String,
    pub csrf: String,
}

/// Renders a template, or — should a template ever fail — a plain page saying so.
pub fn render(page: &impl Template) -> String {
    match page.render() {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(error = %e, "a page did not render");
            "<!doctype html><title>Error</title><p>Внутренняя ошибка. Internal error.</p>".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ereception_core::i18n::has_message;

    /// Every `"web-…"` id in the templates and the sources, including those the core's scan
    /// cannot see (templates, ids passed as values), exists in both languages.
    #[test]
    fn every_message_id_in_templates_and_sources_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut seen = 0;
        for dir in ["templates", "src", "src/pages"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("folder").flatten() {
                let path = entry.path();
                if !path.is_file() {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("readable");
                let mut rest = text.as_str();
                while let Some(pos) = rest.find("\"web-") {
                    let after = &rest[pos + 1..];
                    let end = after.find('"').unwrap_or(after.len());
                    let id = &after[..end];
                    if !id.ends_with('-')
                        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        seen += 1;
                        if !has_message(id) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                    rest = &after[end.min(after.len())..];
                }
            }
        }
        assert!(seen > 100, "the scan found the ids ({seen})");
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }
}
