//! Feeds arbitrary form fields through the appeal form parser, for every service of the
//! built-in catalogue.
//!
//! Input: the first byte moves "today" (so date checks see different days), the rest is text
//! (invalid UTF-8 replaced) of `name=value` pairs separated by NUL bytes, so values may hold
//! newlines and `=`. A name written `#N` stands for the N-th name the forms know (the
//! registration fields, every service field `f-<key>` and every person part
//! `f-<key>-<i>-<part>`), so the fuzzer reaches deep paths without guessing names.
//!
//! Beyond "no panic", it checks that parsing is deterministic; that a parsed draft is for the
//! service asked and reproduces itself through `AppealDraft::to_form` (the corrected-appeal
//! pre-fill); and that a refused form names at least one problem, each on a field the form
//! has, each with a message in both languages.

#![no_main]

use chrono::{Days, NaiveDate};
use ereception_core::domain::appeal::{AppealForm, field_name, person_field_name};
use ereception_core::domain::catalogue::{Catalogue, FieldKind, Service};
use ereception_core::i18n::Lang;
use libfuzzer_sys::fuzz_target;

/// The registration fields every form has.
const IDENTITY: [&str; 9] =
    ["surname", "name", "patronymic", "birth_date", "street", "house", "building", "structure", "flat"];

/// Every field name the forms of `catalogue` know.
fn known_names(catalogue: &Catalogue) -> Vec<String> {
    let mut names: Vec<String> = IDENTITY.iter().map(|s| (*s).to_owned()).collect();
    for service in catalogue.services() {
        for spec in &service.fields {
            names.push(field_name(&spec.key));
            if let FieldKind::Persons { max, .. } = spec.kind {
                for i in 0..=usize::from(max) {
                    for part in ["surname", "name", "patronymic", "birth_date"] {
                        names.push(person_field_name(&spec.key, i, part));
                    }
                }
            }
        }
    }
    names
}

/// The form pairs an input stands for.
fn pairs(text: &str, names: &[String]) -> Vec<(String, String)> {
    text.split('\0')
        .take(512)
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = match name.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
                Some(i) if !names.is_empty() => names[i % names.len()].clone(),
                _ => name.to_owned(),
            };
            (name, value.to_owned())
        })
        .collect()
}

fn check(service: &Service, pairs: &[(String, String)], today: NaiveDate, names: &[String]) {
    let form = AppealForm::new(pairs);
    let first = form.parse(service, today);
    let again = AppealForm::new(pairs).parse(service, today);
    assert_eq!(first, again, "parsing is not deterministic");
    match first {
        Ok(draft) => {
            assert_eq!(draft.service, service.code, "a draft for another service");
            assert!(!draft.identity.name.surname.is_empty() && !draft.identity.name.name.is_empty());
            assert!(!draft.identity.street.is_empty() && !draft.identity.house.is_empty());
            let refill = draft.to_form();
            let reparsed = AppealForm::new(&refill).parse(service, today);
            assert_eq!(reparsed.as_ref(), Ok(&draft), "to_form does not reproduce the draft");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused form without errors");
            for e in &errors.0 {
                assert!(names.iter().any(|n| *n == e.field), "an error on a field the form lacks: {:?}", e.field);
                assert!(!e.message.render(Lang::Ru).is_empty());
                assert!(!e.message.render(Lang::En).is_empty());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&shift, rest)) = data.split_first() else {
        return;
    };
    let Ok(catalogue) = Catalogue::builtin() else {
        panic!("the built-in catalogue does not load");
    };
    let base = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
    let today = base.checked_sub_days(Days::new(u64::from(shift) * 3)).unwrap_or(base);
    let names = known_names(&catalogue);
    let text = String::from_utf8_lossy(rest);
    let pairs = pairs(&text, &names);
    for service in catalogue.services() {
        check(service, &pairs, today, &names);
    }
});
