//! The filing form's fields, built from the catalogue entry, the values sent and the errors
//! found: every field has a label, person rows and choices sit in fieldsets, and every error is
//! shown next to its field.

use std::collections::BTreeMap;

use ereception_core::domain::appeal::{FieldErrors, field_name, person_field_name};
use ereception_core::domain::catalogue::{FieldKind, FieldSpec, Service};
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::registry::{CheckedField, IdentityCheck};

use crate::http;
use crate::views::{ErrorItem, FieldView, OptionView, PersonRowView};

/// The parts of a person row, with their labels and whether they must be filled in.
const PERSON_PARTS: [(&str, &str, bool); 4] = [
    ("surname", "registry-field-surname", true),
    ("name", "registry-field-name", true),
    ("patronymic", "registry-field-patronymic", false),
    ("birth_date", "registry-field-birth-date", true),
];

/// The values of a form being shown and its errors by field name.
pub struct Filled<'a> {
    pub values: &'a [(String, String)],
    pub errors: &'a BTreeMap<String, String>,
    pub lang: Lang,
}

impl Filled<'_> {
    fn value(&self, name: &str) -> String {
        http::first(self.values, name).unwrap_or_default().to_owned()
    }

    fn error(&self, name: &str) -> Option<String> {
        self.errors.get(name).cloned()
    }
}

/// Errors by field (the first message of each, shown next to the field) and the summary's
/// entries in form order, each naming its field: «Фамилия: заполните это поле.»
pub fn errors_of(
    errors: &FieldErrors,
    lang: Lang,
    label: impl Fn(&str) -> Option<String>,
) -> (BTreeMap<String, String>, Vec<ErrorItem>) {
    let mut by_field = BTreeMap::new();
    let mut summary = Vec::new();
    for e in &errors.0 {
        let text = e.message.render(lang);
        let item = match label(&e.field) {
            Some(label) => tr_args(
                lang,
                "web-error-summary-item",
                &[("label", Arg::from(label)), ("message", Arg::from(lower_first(&text)))],
            ),
            None => text.clone(),
        };
        summary.push(ErrorItem { field: e.field.clone(), text: item });
        by_field.entry(e.field.clone()).or_insert(text);
    }
    (by_field, summary)
}

/// `text` with its first letter in lower case, to follow a label and a colon.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of a field of `service`'s form, by its name: the registration data, the
/// service's fields, and the parts of person rows («Дети, запись 2, имя»).
pub fn label_of(service: &Service, name: &str, lang: Lang) -> Option<String> {
    if let Some(field) = CheckedField::ALL.into_iter().find(|f| identity_field(*f) == name) {
        return Some(field.label(lang));
    }
    let rest = name.strip_prefix("f-")?;
    for spec in &service.fields {
        if rest == spec.key {
            return Some(spec.label.get(lang).to_owned());
        }
        let Some(row) = rest.strip_prefix(spec.key.as_str()).and_then(|r| r.strip_prefix('-')) else { continue };
        let Some((index, part)) = row.split_once('-') else { continue };
        let (Ok(index), Some((_, part_label, _))) =
            (index.parse::<usize>(), PERSON_PARTS.iter().find(|(p, _, _)| *p == part))
        else {
            continue;
        };
        let part = Arg::from(lower_first(&tr(lang, part_label)));
        return Some(match &spec.item {
            Some(item) => tr_args(
                lang,
                "web-form-person-item-part",
                &[("item", Arg::from(item.get(lang))), ("n", Arg::from(index + 1)), ("part", part)],
            ),
            None => tr_args(
                lang,
                "web-form-person-part",
                &[("label", Arg::from(spec.label.get(lang))), ("n", Arg::from(index + 1)), ("part", part)],
            ),
        });
    }
    None
}

/// The form field that a registry field was typed into.
pub fn identity_field(field: CheckedField) -> &'static str {
    match field {
        CheckedField::Surname => "surname",
        CheckedField::Name => "name",
        CheckedField::Patronymic => "patronymic",
        CheckedField::BirthDate => "birth_date",
        CheckedField::Street => "street",
        CheckedField::House => "house",
        CheckedField::Building => "building",
        CheckedField::Structure => "structure",
        CheckedField::Flat => "flat",
    }
}

/// The mismatches with the registry as errors next to the fields, with the summary's entries.
pub fn mismatch_errors(check: &IdentityCheck, lang: Lang) -> (BTreeMap<String, String>, Vec<ErrorItem>) {
    let mut by_field = BTreeMap::new();
    let mut summary = Vec::new();
    for f in check.mismatches() {
        let name = identity_field(f.field).to_owned();
        let text = f.explain(lang);
        summary.push(ErrorItem { field: name.clone(), text: text.clone() });
        by_field.insert(name, text);
    }
    (by_field, summary)
}

fn text_field(
    filled: &Filled<'_>,
    name: &str,
    label: String,
    required: bool,
    width: &'static str,
    autocomplete: &'static str,
) -> FieldView {
    FieldView {
        kind: "text",
        input_type: "text",
        name: name.to_owned(),
        label,
        value: filled.value(name),
        error: filled.error(name),
        required,
        autocomplete,
        width,
        ..FieldView::default()
    }
}

/// The registration data: name, birth date, address — as in the ГУ ИС registry.
pub fn identity_fields(filled: &Filled<'_>) -> Vec<FieldView> {
    let lang = filled.lang;
    let label = |field: CheckedField| field.label(lang);
    let mut birth = text_field(filled, "birth_date", label(CheckedField::BirthDate), true, "input-w10", "bday");
    birth.kind = "date";
    birth.hint = Some(tr(lang, "web-form-date-hint"));
    vec![
        text_field(filled, "surname", label(CheckedField::Surname), true, "input-w20", "family-name"),
        text_field(filled, "name", label(CheckedField::Name), true, "input-w20", "given-name"),
        FieldView {
            optional_id: Some("web-form-if-you-have-one"),
            ..text_field(filled, "patronymic", label(CheckedField::Patronymic), false, "input-w20", "additional-name")
        },
        birth,
        FieldView {
            hint: Some(tr(lang, "web-form-street-hint")),
            ..text_field(filled, "street", label(CheckedField::Street), true, "input-w30", "address-line1")
        },
        text_field(filled, "house", label(CheckedField::House), true, "input-w5", ""),
        text_field(filled, "building", label(CheckedField::Building), false, "input-w5", ""),
        text_field(filled, "structure", label(CheckedField::Structure), false, "input-w5", ""),
        text_field(filled, "flat", label(CheckedField::Flat), false, "input-w5", ""),
    ]
}

/// The name of the hidden field that counts a persons field's rows.
pub fn rows_name(key: &str) -> String {
    format!("rows-{key}")
}

/// The value of the button that adds a row to a persons field.
pub fn add_row_action(key: &str) -> String {
    format!("add-row:{key}")
}

/// The value of the button that removes row `index` of a persons field.
pub fn remove_row_action(key: &str, index: usize) -> String {
    format!("remove-row:{key}:{index}")
}

/// A person row's legend: «Ребёнок 3» when the catalogue names one entry of the field
/// (`item`), «Человек № 3» otherwise.
fn row_legend(spec: &FieldSpec, index: usize, lang: Lang) -> String {
    match &spec.item {
        Some(item) => tr_args(
            lang,
            "web-form-person-item-legend",
            &[("item", Arg::from(item.get(lang))), ("n", Arg::from(index + 1))],
        ),
        None => tr_args(lang, "web-form-person-legend", &[("n", Arg::from(index + 1))]),
    }
}

/// The form's values with row `index` of persons field `key` taken out: the rows after it
/// move up one, and the row count goes down by one (never below what the form shows anyway).
pub fn without_row(values: &[(String, String)], key: &str, index: usize) -> Vec<(String, String)> {
    let prefix = format!("f-{key}-");
    let rows = rows_name(key);
    let mut out = Vec::with_capacity(values.len());
    for (name, value) in values {
        if *name == rows {
            let n = value.parse::<usize>().unwrap_or(0);
            out.push((name.clone(), n.saturating_sub(1).to_string()));
            continue;
        }
        let Some((row, part)) = name.strip_prefix(&prefix).and_then(|r| r.split_once('-')) else {
            out.push((name.clone(), value.clone()));
            continue;
        };
        match row.parse::<usize>() {
            Ok(i) if i == index => {}
            Ok(i) if i > index => out.push((person_field_name(key, i - 1, part), value.clone())),
            _ => out.push((name.clone(), value.clone())),
        }
    }
    out
}

/// How many rows a persons field shows: as many as the form had (one more if asked), never
/// fewer than its minimum or than the rows filled in, never more than its maximum.
fn rows_shown(filled: &Filled<'_>, key: &str, min: u8, max: u8, add: bool) -> usize {
    let max = usize::from(max.max(1));
    let asked = http::first(filled.values, &rows_name(key)).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let last_filled = (0..max)
        .filter(|i| PERSON_PARTS.iter().any(|(part, _, _)| !filled.value(&person_field_name(key, *i, part)).is_empty()))
        .map(|i| i + 1)
        .max()
        .unwrap_or(0);
    let shown = asked.max(usize::from(min)).max(last_filled).max(1) + usize::from(add);
    shown.min(max)
}

/// The service's own fields. `add_row` names the persons field whose "add a row" button was
/// pressed.
pub fn service_fields(service: &Service, filled: &Filled<'_>, add_row: Option<&str>) -> Vec<FieldView> {
    service.fields.iter().map(|spec| service_field(spec, filled, add_row)).collect()
}

fn service_field(spec: &FieldSpec, filled: &Filled<'_>, add_row: Option<&str>) -> FieldView {
    let lang = filled.lang;
    let name = field_name(&spec.key);
    let base = FieldView {
        kind: "text",
        input_type: "text",
        name: name.clone(),
        label: spec.label.get(lang).to_owned(),
        hint: spec.hint.as_ref().map(|h| h.get(lang).to_owned()),
        value: filled.value(&name),
        error: filled.error(&name),
        required: spec.required,
        ..FieldView::default()
    };
    match &spec.kind {
        FieldKind::Text { max_len } => FieldView { width: if *max_len <= 40 { "input-w20" } else { "" }, ..base },
        FieldKind::LongText { max_len } => {
            // the limit is said before it is met, after the catalogue's own hint
            let limit = tr_args(lang, "web-form-long-text-hint", &[("max", Arg::from(usize::from(*max_len)))]);
            let hint = Some(base.hint.as_ref().map_or_else(|| limit.clone(), |h| format!("{h} {limit}")));
            FieldView { kind: "textarea", hint, ..base }
        }
        FieldKind::Date { .. } => FieldView {
            kind: "date",
            width: "input-w10",
            hint: base.hint.clone().or_else(|| Some(tr(lang, "web-form-date-hint"))),
            ..base
        },
        FieldKind::Number { min, max } => FieldView {
            kind: "number",
            width: "input-w5",
            hint: base.hint.clone().or_else(|| {
                Some(tr_args(lang, "web-form-number-hint", &[("min", Arg::Num(*min)), ("max", Arg::Num(*max))]))
            }),
            ..base
        },
        FieldKind::Choice { options } => {
            let options = options
                .iter()
                .enumerate()
                .map(|(i, o)| OptionView {
                    // the first option carries the field's id, so the error summary can link to it
                    id: if i == 0 { name.clone() } else { format!("{name}-{i}") },
                    value: o.code.clone(),
                    label: o.label.get(lang).to_owned(),
                    checked: base.value == o.code,
                })
                .collect();
            FieldView { kind: "choice", options, ..base }
        }
        FieldKind::Persons { min, max } => {
            let add = add_row == Some(spec.key.as_str());
            let before = rows_shown(filled, &spec.key, *min, *max, false);
            let count = rows_shown(filled, &spec.key, *min, *max, add);
            // the row just added takes the focus, so the page opens at it, not at the top (a
            // fragment in the button's `formaction` would do it too, but browsers skip
            // `autofocus` on a page opened at a fragment)
            let added = (count > before).then_some(count - 1);
            let rows = (0..count)
                .map(|i| PersonRowView {
                    id: format!("{name}-row-{i}"),
                    legend: row_legend(spec, i, lang),
                    remove_action: (count > usize::from(*min)).then(|| remove_row_action(&spec.key, i)),
                    remove_label: tr(lang, "web-form-remove-person"),
                    parts: PERSON_PARTS
                        .iter()
                        .map(|(part, label, required)| {
                            let part_name = person_field_name(&spec.key, i, part);
                            let mut view = text_field(filled, &part_name, tr(lang, label), *required, "input-w20", "");
                            if *part == "birth_date" {
                                // a phone's digit pad, as for the applicant's own date
                                view.kind = "date";
                                view.width = "input-w10";
                                // the format alone: the applicant's example date is an adult's
                                view.hint = Some(tr(lang, "web-form-date-format-hint"));
                            }
                            if *part == "patronymic" {
                                view.optional_id = Some("web-form-if-any");
                            }
                            view.autofocus = added == Some(i) && *part == "surname";
                            view
                        })
                        .collect(),
                })
                .collect();
            let hint = base.hint.clone().map(|h| {
                format!(
                    "{h} {}",
                    tr_args(lang, "web-form-persons-range", &[("min", Arg::from(*min)), ("max", Arg::from(*max))])
                )
            });
            FieldView {
                kind: "persons",
                hint,
                rows,
                rows_name: rows_name(&spec.key),
                can_add: count < usize::from(*max),
                add_action: add_row_action(&spec.key),
                add_label: tr(lang, "web-form-add-person"),
                ..base
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ereception_core::domain::catalogue::Catalogue;

    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn person_rows_grow_on_request_within_bounds() {
        let catalogue = Catalogue::builtin().expect("valid");
        let service = catalogue.get("large-family-certificate").expect("present");
        let errors = BTreeMap::new();
        let empty = Vec::new();
        let filled = Filled { values: &empty, errors: &errors, lang: Lang::Ru };
        let children = |fields: Vec<FieldView>| fields.into_iter().find(|f| f.kind == "persons").expect("persons");
        assert_eq!(children(service_fields(service, &filled, None)).rows.len(), 3, "the minimum");
        assert_eq!(children(service_fields(service, &filled, Some("children"))).rows.len(), 4, "one more");
        let values = pairs(&[("rows-children", "4"), ("f-children-5-name", "Анна")]);
        let filled = Filled { values: &values, errors: &errors, lang: Lang::Ru };
        let view = children(service_fields(service, &filled, None));
        assert_eq!(view.rows.len(), 6, "up to the last row filled in");
        assert_eq!(view.rows[5].parts[1].value, "Анна");
        let values = pairs(&[("rows-children", "500")]);
        let filled = Filled { values: &values, errors: &errors, lang: Lang::Ru };
        let view = children(service_fields(service, &filled, Some("children")));
        assert_eq!(view.rows.len(), 12, "never past the maximum");
        assert!(!view.can_add);
    }

    #[test]
    fn a_row_added_takes_the_focus_and_a_removed_one_closes_the_gap() {
        let catalogue = Catalogue::builtin().expect("valid");
        let service = catalogue.get("large-family-certificate").expect("present");
        let errors = BTreeMap::new();
        let children = |fields: Vec<FieldView>| fields.into_iter().find(|f| f.kind == "persons").expect("persons");
        let values = pairs(&[("rows-children", "3"), ("f-children-2-name", "Илья")]);
        let filled = Filled { values: &values, errors: &errors, lang: Lang::Ru };
        let view = children(service_fields(service, &filled, Some("children")));
        let focused: Vec<&str> =
            view.rows.iter().flat_map(|r| &r.parts).filter(|p| p.autofocus).map(|p| p.name.as_str()).collect();
        assert_eq!(focused, ["f-children-3-surname"]);
        assert_eq!(view.rows[3].legend, "Ребёнок 4");
        assert!(view.rows.iter().all(|r| r.remove_action.is_some()), "more rows than the minimum");
        let view = children(service_fields(service, &filled, None));
        assert!(view.rows.iter().all(|r| r.remove_action.is_none()), "no fewer than the minimum");
        assert!(view.rows.iter().flat_map(|r| &r.parts).all(|p| !p.autofocus), "nothing added");

        let values = pairs(&[
            ("rows-children", "4"),
            ("f-children-0-name", "Пётр"),
            ("f-children-1-name", "Алёна"),
            ("f-children-2-name", "Илья"),
            ("f-children-3-name", "Анна"),
            ("f-marital_status", "married"),
        ]);
        let left = without_row(&values, "children", 1);
        let names: Vec<(&str, &str)> = left.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            names,
            [
                ("rows-children", "3"),
                ("f-children-0-name", "Пётр"),
                ("f-children-1-name", "Илья"),
                ("f-children-2-name", "Анна"),
                ("f-marital_status", "married"),
            ]
        );
    }

    #[test]
    fn summary_entries_name_their_fields() {
        let catalogue = Catalogue::builtin().expect("valid");
        let service = catalogue.get("large-family-certificate").expect("present");
        assert_eq!(label_of(service, "surname", Lang::Ru).as_deref(), Some("Фамилия"));
        assert_eq!(label_of(service, "f-marital_status", Lang::Ru).as_deref(), Some("Семейное положение"));
        assert_eq!(label_of(service, "f-children-1-name", Lang::Ru).as_deref(), Some("Ребёнок 2, имя"));
        assert_eq!(label_of(service, "f-children-1-name", Lang::En).as_deref(), Some("Child 2, name"));
        assert_eq!(label_of(service, "f-children-x-name", Lang::Ru), None);
        assert_eq!(label_of(service, "nonsense", Lang::Ru), None);
        let mut errors = FieldErrors::default();
        errors.push("surname", ereception_core::i18n::Msg::new("form-error-required"));
        let (by_field, summary) = errors_of(&errors, Lang::Ru, |f| label_of(service, f, Lang::Ru));
        assert_eq!(by_field["surname"], "Заполните это поле.");
        assert_eq!(summary[0].text, "Фамилия: заполните это поле.");
    }

    #[test]
    fn choices_link_the_first_option_to_the_field() {
        let catalogue = Catalogue::builtin().expect("valid");
        let service = catalogue.get("house-register-extract").expect("present");
        let errors = BTreeMap::from([("f-purpose".to_owned(), "Выберите".to_owned())]);
        let values = pairs(&[("f-purpose", "notary")]);
        let filled = Filled { values: &values, errors: &errors, lang: Lang::Ru };
        let purpose = service_fields(service, &filled, None).into_iter().find(|f| f.kind == "choice").expect("choice");
        assert_eq!(purpose.options[0].id, "f-purpose");
        assert!(purpose.options.iter().any(|o| o.checked && o.value == "notary"));
        assert_eq!(purpose.error.as_deref(), Some("Выберите"));
    }
}
