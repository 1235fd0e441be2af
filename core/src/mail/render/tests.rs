use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::clock::Term;
use crate::domain::catalogue::LocalText;
use crate::domain::ids::{DocumentId, GroundCode, OriginalCode, StageCode};
use crate::domain::status::{
    GroundSnapshot, HandOver, IssuedDocument, OriginalSnapshot, OriginalsRequest, Pickup, Refusal,
};
use crate::i18n::message_ids;
use crate::mail::letter::escape_html;
use crate::mail::{AppealRef, CouncilRef, QuestionRef};

const NUMBER: &str = "ЭП-0412-2026-000123";
const NEW_NUMBER: &str = "ЭП-0412-2026-000150";
const SERVICE_RU: &str = "Выписка из домовой книги";
const SERVICE_EN: &str = "Extract from the house register";
/// With a `&`, so that the HTML part must escape it in `href`.
const APPEAL_URL: &str = "https://priem.example.ru/appeals/x7Kq2?tab=events&from=mail";
const CABINET_URL: &str = "https://priem.example.ru/";
const CONFIRM_URL: &str = "https://priem.example.ru/confirm/Zq8pLw3T";
const NAME: &str = "Мария Петровна";
const COUNCIL: &str = "Управа района Арбат города Москвы";
const COUNCIL_ADDRESS: &str = "ул. Новый Арбат, д. 36, стр. 1";
const HOSTILE: &str = "Приходите <script>alert('x')</script> & берите паспорт";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(ru: &str, en: &str) -> LocalText {
    LocalText::new(ru, en)
}

fn ctx(lang: Lang) -> MailContext {
    MailContext {
        lang,
        addressee: Some(NAME.to_owned()),
        appeal: Some(AppealRef {
            number: NUMBER.to_owned(),
            service: text(SERVICE_RU, SERVICE_EN),
            url: APPEAL_URL.to_owned(),
            term: Term::working(10).unwrap(),
            due_on: None,
        }),
        council: Some(CouncilRef {
            name: COUNCIL.to_owned(),
            address: COUNCIL_ADDRESS.to_owned(),
            hours: "пн–чт 9:00–18:00, пт 9:00–16:45, обед 13:00–13:45".to_owned(),
            phone: Some("+7 495 690-00-00".to_owned()),
        }),
        question: None,
        cabinet_url: CABINET_URL.to_owned(),
        confirmation_url: Some(CONFIRM_URL.to_owned()),
    }
}

/// The context of a question asked without a PIN: no appeal, no private section of its own.
fn question_ctx(lang: Lang) -> MailContext {
    MailContext { appeal: None, confirmation_url: None, ..ctx(lang) }
}

fn grounds() -> Vec<GroundSnapshot> {
    vec![
        GroundSnapshot {
            code: GroundCode::new("incomplete-data"),
            text: text("Не заполнены обязательные сведения о детях.", "Required details of the children are missing."),
            remedy: text(
                "Подайте обращение повторно и укажите фамилию, имя и дату рождения каждого ребёнка.",
                "File the appeal again with each child's surname, name and birth date.",
            ),
        },
        GroundSnapshot {
            code: GroundCode::new("unreadable"),
            text: text("Текст обращения не поддаётся прочтению.", "The appeal cannot be read."),
            remedy: text("Изложите суть обращения разборчиво.", "State the matter legibly."),
        },
    ]
}

fn originals(n: usize) -> OriginalsRequest {
    let titles = [
        text("паспорт заявителя", "the applicant's passport"),
        text("документ о праве собственности", "the ownership document"),
    ];
    OriginalsRequest {
        originals: (0..n)
            .map(|i| OriginalSnapshot {
                code: OriginalCode::new(format!("original-{i}")),
                title: titles[i % titles.len()].clone(),
            })
            .collect(),
        place: "Управа района Арбат, ул. Новый Арбат, д. 36, окно 3".to_owned(),
        by: date(2026, 12, 10),
        stage: StageCode::new("billing-check"),
    }
}

/// Builds the context an event is mailed in.
type MakeContext = fn(Lang) -> MailContext;

/// One event of every kind, with the context it is mailed in.
fn samples() -> Vec<(EventKind, MakeContext)> {
    let refusal = Refusal {
        grounds: grounds(), explanation: "Укажите, пожалуйста, всех детей.".to_owned()
    };
    vec![
        (EventKind::Filed { number: NUMBER.to_owned(), register_by: date(2026, 12, 4) }, ctx),
        (EventKind::Registered { deadline: date(2026, 12, 21) }, ctx),
        (EventKind::RefusedToRegister(refusal.clone()), ctx),
        (
            EventKind::StageStarted {
                stage: StageCode::new("records-request"),
                title: text("Запрос сведений в ГУ ИС района", "Requesting the records from the district's ГУ ИС"),
            },
            ctx,
        ),
        (EventKind::OriginalsRequested(originals(2)), ctx),
        (EventKind::OriginalsReceived, ctx),
        (
            EventKind::Suspended {
                due: date(2026, 12, 10),
                originals: originals(2).originals,
                place: originals(2).place,
            },
            ctx,
        ),
        (EventKind::Closed, ctx),
        (EventKind::Refused(refusal), ctx),
        (
            EventKind::Ready(Pickup {
                place: "ул. Новый Арбат, д. 36, стр. 1, окно 3".to_owned(),
                hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
                from: date(2027, 1, 15),
                bring: "паспорт".to_owned(),
            }),
            ctx,
        ),
        (
            EventKind::HandedOver(HandOver {
                collected_by: "Иванова Мария Петровна".to_owned(),
                id_document: "паспорт 45 12 345678".to_owned(),
            }),
            ctx,
        ),
        (
            EventKind::IssuedElectronically(IssuedDocument {
                document: DocumentId(7),
                file_name: "udostoverenie-mnogodetnoy-semyi.pdf".to_owned(),
            }),
            ctx,
        ),
        (
            EventKind::Answered {
                text: "Первый абзац ответа,\nего вторая строка.\n\nВторой абзац.".to_owned()
            },
            ctx,
        ),
        (EventKind::Withdrawn, ctx),
        (EventKind::Message { text: "Просим уточнить номер квартиры.".to_owned() }, ctx),
        (
            EventKind::DeadlineExtended {
                from: date(2026, 12, 21),
                to: date(2027, 1, 20),
                reason: "Направлен запрос в ГУ ИС района.".to_owned(),
            },
            ctx,
        ),
        (EventKind::Corrected { number: NEW_NUMBER.to_owned() }, ctx),
        (EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Account }, ctx),
        (EventKind::EmailConfirmed { purpose: ConfirmationPurpose::Question }, question_ctx),
        (
            EventKind::QuestionAnswered {
                text: "Ответ на вопрос.\nВторая строка.".to_owned()
            },
            question_ctx,
        ),
        (EventKind::PinRevoked { why: PinEnd::Reissued }, question_ctx),
        (EventKind::EmailChangeRequested { to: "new@example.invalid".to_owned() }, question_ctx),
    ]
}

fn catalogue_ids() -> BTreeSet<String> {
    Lang::ALL.iter().flat_map(|l| message_ids(*l)).collect()
}

/// Tags in the HTML part must be from this list and nest properly.
fn check_html_structure(html: &str) -> Result<(), String> {
    const ALLOWED: [&str; 19] = [
        "html", "head", "meta", "title", "body", "table", "tr", "td", "th", "h1", "h2", "p", "a", "strong", "ol", "ul",
        "li", "div", "br",
    ];
    const VOID: [&str; 2] = ["meta", "br"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html.strip_prefix("<!DOCTYPE html>").ok_or("no doctype")?;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !ALLOWED.contains(&name.as_str()) {
            return Err(format!("unexpected tag <{tag}>"));
        }
        if closing {
            if stack.pop().as_deref() != Some(name.as_str()) {
                return Err(format!("</{name}> closes nothing open"));
            }
        } else if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if stack.is_empty() { Ok(()) } else { Err(format!("never closed: {stack:?}")) }
}

/// What is wrong with one rendered mail, whatever its kind.
fn problems(kind: &EventKind, ctx: &MailContext, mail: &RenderedMail, ids: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let lang = ctx.lang;
    let parts = [("subject", &mail.subject), ("text", &mail.text), ("html", &mail.html)];
    for (part, body) in parts {
        if body.trim().is_empty() {
            out.push(format!("{part} is empty"));
        }
        for marker in ["{", "}", "$", "mail-", "???", "..", " ."] {
            if body.contains(marker) {
                out.push(format!("{part} contains {marker:?}"));
            }
        }
        for token in body.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')) {
            if token.contains('-') && ids.contains(token) {
                out.push(format!("{part} contains the message id {token}"));
            }
        }
    }
    if mail.subject.chars().any(char::is_control) || mail.subject.chars().count() > 90 {
        out.push(format!("subject is not one short line: {:?}", mail.subject));
    }
    if !mail.html.contains(&format!("<html lang=\"{}\">", lang.code())) {
        out.push("html has no lang".to_owned());
    }
    if let Err(e) = check_html_structure(&mail.html) {
        out.push(format!("html structure: {e}"));
    }
    let required: Vec<&str> = match kind {
        EventKind::ConfirmationRequested { .. } => {
            let forbidden = [NAME, NUMBER, SERVICE_RU, SERVICE_EN, APPEAL_URL, COUNCIL, COUNCIL_ADDRESS];
            for f in forbidden {
                for (part, body) in [("subject", &mail.subject), ("text", &mail.text), ("html", &mail.html)] {
                    if body.contains(f) || body.contains(&escape_html(f)) {
                        out.push(format!("the confirmation request's {part} contains {f:?}"));
                    }
                }
            }
            vec![CONFIRM_URL, CABINET_URL]
        }
        EventKind::EmailConfirmed { .. } | EventKind::QuestionAnswered { .. } => vec![CABINET_URL],
        // where to go about it: the council; after a new PIN, where to use it
        EventKind::PinRevoked { why: PinEnd::Reissued } => vec![COUNCIL, COUNCIL_ADDRESS, CABINET_URL],
        EventKind::PinRevoked { .. } => vec![COUNCIL, COUNCIL_ADDRESS],
        // the address asked for, the council to tell if it was not the resident
        EventKind::EmailChangeRequested { .. } => vec!["new@example.invalid", COUNCIL, COUNCIL_ADDRESS, CABINET_URL],
        _ => vec![NUMBER, if lang == Lang::Ru { SERVICE_RU } else { SERVICE_EN }, APPEAL_URL],
    };
    for r in required {
        if !mail.text.contains(r) {
            out.push(format!("text lacks {r:?}"));
        }
        if !mail.html.contains(&escape_html(r)) {
            out.push(format!("html lacks {r:?}"));
        }
    }
    if !matches!(kind, EventKind::ConfirmationRequested { .. }) && !mail.subject.is_empty() {
        let has_number = mail.subject.contains(NUMBER);
        let about_appeal = !matches!(
            kind,
            EventKind::EmailConfirmed { .. }
                | EventKind::QuestionAnswered { .. }
                | EventKind::PinRevoked { .. }
                | EventKind::EmailChangeRequested { .. }
        );
        if has_number != about_appeal {
            out.push(format!("subject and appeal number disagree: {:?}", mail.subject));
        }
    }
    out
}

#[test]
fn every_event_kind_has_a_sample() {
    let sampled: BTreeSet<&str> = samples().iter().map(|(k, _)| k.name()).collect();
    let all: BTreeSet<&str> = EventKind::NAMES.into_iter().collect();
    assert_eq!(sampled, all, "add a sample for each new event kind");
}

#[test]
fn every_kind_renders_in_both_languages_without_gaps() {
    let ids = catalogue_ids();
    let mut failures = Vec::new();
    for (kind, make_ctx) in samples() {
        for lang in Lang::ALL {
            let ctx = make_ctx(lang);
            let mail = render(&kind, &ctx);
            for p in problems(&kind, &ctx, &mail, &ids) {
                failures.push(format!("{} [{lang}]: {p}", kind.name()));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_checks_catch_a_raw_id_and_an_unfilled_placeholder() {
    // The checks above must be able to fail.
    let ids = catalogue_ids();
    let kind = EventKind::Withdrawn;
    let ctx = ctx(Lang::Ru);
    let good = render(&kind, &ctx);
    assert!(problems(&kind, &ctx, &good, &ids).is_empty());
    let raw = RenderedMail { text: format!("{} mail-withdrawn-lead", good.text), ..good.clone() };
    assert!(!problems(&kind, &ctx, &raw, &ids).is_empty());
    let unfilled = RenderedMail { html: good.html.replace(NUMBER, "{ $number }"), ..good.clone() };
    assert!(!problems(&kind, &ctx, &unfilled, &ids).is_empty());
    let injected = RenderedMail { html: good.html.replace("</h1>", "</h1><script>x</script>"), ..good };
    assert!(!problems(&kind, &ctx, &injected, &ids).is_empty());
}

#[test]
fn dates_read_as_in_each_language() {
    assert_eq!(format_date(date(2027, 3, 1), Lang::Ru), "1 марта 2027 г.");
    assert_eq!(format_date(date(2027, 3, 1), Lang::En), "1 March 2027");
    assert_eq!(format_date(date(2026, 12, 21), Lang::Ru), "21 декабря 2026 г.");
    let ru = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    let en = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    for (m, (ru, en)) in (1..=12).zip(ru.iter().zip(en)) {
        assert_eq!(format_date(date(2030, m, 11), Lang::Ru), format!("11 {ru} 2030 г."));
        assert_eq!(format_date(date(2030, m, 11), Lang::En), format!("11 {en} 2030"));
    }
    let filed = EventKind::Filed { number: NUMBER.to_owned(), register_by: date(2027, 3, 1) };
    assert!(render(&filed, &ctx(Lang::Ru)).text.contains("не позднее 1 марта 2027 г."));
    assert!(render(&filed, &ctx(Lang::En)).text.contains("no later than 1 March 2027, and"));
}

#[test]
fn registration_states_the_deadline_without_a_count_of_days() {
    let mail = render(&EventKind::Registered { deadline: date(2026, 12, 21) }, &ctx(Lang::Ru));
    assert_eq!(mail.subject, "Обращение № ЭП-0412-2026-000123 зарегистрировано");
    assert!(mail.text.starts_with("Здравствуйте, Мария Петровна!\n"), "{}", mail.text);
    // the term counts from filing, so "(10 рабочих дней)" on the day of registration would
    // promise more days than are left: the date alone
    assert!(mail.text.contains("Срок исполнения — до 21 декабря 2026 г.\n"), "{}", mail.text);
    assert!(!mail.text.contains("рабочих дн"), "{}", mail.text);
    assert!(mail.text.contains("С уважением,\nУправа района Арбат города Москвы\n"), "{}", mail.text);
    let en = render(&EventKind::Registered { deadline: date(2026, 12, 21) }, &ctx(Lang::En));
    assert!(en.text.starts_with("Dear Мария Петровна,\n"), "{}", en.text);
    assert!(en.text.contains("by 21 December 2026.\n"), "{}", en.text);
}

#[test]
fn a_suspension_letter_repeats_what_to_bring_and_where() {
    let r = originals(2);
    let kind = EventKind::Suspended { due: r.by, originals: r.originals.clone(), place: r.place.clone() };
    let mail = render(&kind, &ctx(Lang::Ru));
    for o in &r.originals {
        assert!(mail.text.contains(o.title.get(Lang::Ru)), "{}", mail.text);
    }
    assert!(mail.text.contains(&r.place), "{}", mail.text);
    assert!(mail.text.contains("Куда"), "{}", mail.text);
}

#[test]
fn russian_plurals_of_days_are_right() {
    let cases = [(1, "день", "календарный день", "рабочий день"), (2, "дня", "календарных дня", "рабочих дня")];
    let more = [
        (5, "дней", "календарных дней", "рабочих дней"),
        (11, "дней", "календарных дней", "рабочих дней"),
        (21, "день", "календарный день", "рабочий день"),
    ];
    for (n, _, calendar, working) in cases.into_iter().chain(more) {
        for (term, words) in
            [(Term::calendar(n as u16).unwrap(), calendar), (Term::working(n as u16).unwrap(), working)]
        {
            let mut c = ctx(Lang::Ru);
            if let Some(a) = &mut c.appeal {
                a.term = term;
            }
            let filed = EventKind::Filed { number: NUMBER.to_owned(), register_by: date(2026, 12, 4) };
            let text = render(&filed, &c).text;
            assert!(text.contains(&format!("Срок предоставления услуги — {n} {words}.")), "{n}: {text}");
        }
    }
}

#[test]
fn the_filed_letter_gives_the_deadline_as_a_date_too() {
    let filed = EventKind::Filed { number: NUMBER.to_owned(), register_by: date(2026, 12, 4) };
    let mut ru = ctx(Lang::Ru);
    let mut en = ctx(Lang::En);
    for c in [&mut ru, &mut en] {
        if let Some(a) = &mut c.appeal {
            a.due_on = Some(date(2026, 12, 18));
        }
    }
    let text = render(&filed, &ru).text;
    assert!(text.contains("Срок предоставления услуги — 10 рабочих дней, до 18 декабря 2026 г.\n"), "{text}");
    assert!(!text.contains("г.."), "no second full stop after «г.»: {text}");
    let text = render(&filed, &en).text;
    assert!(text.contains("The service takes 10 working days, that is, until 18 December 2026."), "{text}");
}

#[test]
fn an_extension_names_the_new_date_not_a_count_of_days() {
    // 10 days from 16.12.2026 is Saturday 26.12; the deadline moved to Monday 28.12
    let kind = EventKind::DeadlineExtended { from: date(2026, 12, 16), to: date(2026, 12, 28), reason: "x".to_owned() };
    let ru = render(&kind, &ctx(Lang::Ru)).text;
    assert!(ru.contains("Срок рассмотрения вашего обращения продлён до 28 декабря 2026 г."), "{ru}");
    assert!(!ru.contains("продлён на"), "{ru}");
    let en = render(&kind, &ctx(Lang::En)).text;
    assert!(en.contains("has been extended to 28 December 2026."), "{en}");
}

#[test]
fn a_message_says_how_to_answer_it_since_the_letter_cannot_be_answered() {
    let kind = EventKind::Message {
        text: "Уточните, пожалуйста, возраст ребёнка.".to_owned()
    };
    // the text part is wrapped; read it as one line
    let read = |ctx: &MailContext| render(&kind, ctx).text.split_whitespace().collect::<Vec<_>>().join(" ");
    let ru = read(&ctx(Lang::Ru));
    assert!(ru.contains("Ответ на это письмо не дойдёт до специалиста."), "{ru}");
    assert!(ru.contains("позвоните в управу или приходите в часы приёма: телефон и адрес указаны ниже."), "{ru}");
    assert!(ru.contains("Телефон: +7 495 690-00-00"), "{ru}");
    let mut no_phone = ctx(Lang::Ru);
    if let Some(council) = &mut no_phone.council {
        council.phone = None;
    }
    let ru = read(&no_phone);
    assert!(ru.contains("приходите в управу в часы приёма: адрес указан ниже."), "{ru}");
    assert!(!ru.contains("позвоните"), "no phone to call: {ru}");
    let ru = read(&MailContext { council: None, ..ctx(Lang::Ru) });
    assert!(ru.contains("обратитесь в управу района."), "{ru}");
    let en = read(&ctx(Lang::En));
    assert!(en.contains("A reply to this email will not reach the council. To answer"), "{en}");
}

#[test]
fn originals_are_listed_and_counted() {
    for (n, words) in [(1, "1 документ"), (2, "2 документа"), (5, "5 документов")] {
        let mail = render(&EventKind::OriginalsRequested(originals(n)), &ctx(Lang::Ru));
        assert!(mail.text.contains(&format!("Что принести ({words}):\n— паспорт заявителя\n")), "{}", mail.text);
        assert!(mail.text.contains("Куда: Управа района Арбат, ул. Новый Арбат, д. 36, окно 3"), "{}", mail.text);
        assert!(mail.text.contains("Срок: до 10 декабря 2026 г. включительно"), "{}", mail.text);
        assert_eq!(mail.html.matches("<li ").count(), n);
    }
    let en = render(&EventKind::OriginalsRequested(originals(2)), &ctx(Lang::En)).text;
    assert!(
        en.contains("What to bring (2 documents):\n— the applicant's passport\n— the ownership document\n"),
        "{en}"
    );
}

#[test]
fn refusals_list_grounds_with_remedies_and_the_explanation() {
    let refusal = Refusal { grounds: grounds(), explanation: HOSTILE.to_owned() };
    for kind in [EventKind::RefusedToRegister(refusal.clone()), EventKind::Refused(refusal.clone())] {
        let ru = render(&kind, &ctx(Lang::Ru));
        assert!(
            ru.text.contains(
                "Причины отказа:\n1. Не заполнены обязательные сведения о детях.\n   Как исправить: Подайте обращение \
                 повторно и укажите фамилию, имя и дату рождения каждого ребёнка.\n2. Текст обращения"
            ),
            "{}",
            ru.text
        );
        assert!(ru.text.contains(&format!("Пояснение специалиста:\n\n{HOSTILE}")), "{}", ru.text);
        assert!(!ru.html.contains("<script"));
        assert!(ru.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; берите"));
        let en = render(&kind, &ctx(Lang::En));
        assert!(en.text.contains("Reasons for the refusal:\n1. Required details of the children are missing."));
        assert!(en.text.contains("How to fix it: File the appeal again"));
        assert!(
            en.html.contains("File the appeal again with each child&#39;s surname"),
            "catalogue text is escaped too"
        );
        assert!(!en.text.contains("Не заполнены"));
    }
    let one = Refusal { grounds: grounds()[..1].to_vec(), explanation: "x".to_owned() };
    let refused = render(&EventKind::Refused(one), &ctx(Lang::Ru)).text;
    assert!(refused.contains("Причина отказа:\n1."));
    // how to challenge it: to whom, not just "in the pre-trial procedure"
    assert!(refused.contains("жалобой главе управы района"), "{refused}");
}

#[test]
fn a_refusal_without_an_explanation_tells_each_remedy_once() {
    let refusal = Refusal { grounds: grounds(), explanation: String::new() };
    for kind in [EventKind::RefusedToRegister(refusal.clone()), EventKind::Refused(refusal.clone())] {
        for lang in Lang::ALL {
            let mail = render(&kind, &ctx(lang));
            assert!(
                !mail.text.contains("Пояснение специалиста") && !mail.text.contains("explanation"),
                "{}",
                mail.text
            );
            assert_eq!(
                mail.text.matches("Подайте обращение повторно и укажите фамилию").count(),
                usize::from(lang == Lang::Ru)
            );
        }
    }
    let ru = render(&EventKind::RefusedToRegister(refusal), &ctx(Lang::Ru));
    assert!(
        ru.text.contains("Исправленное обращение можно подать в личном кабинете — оно получит новый номер."),
        "{}",
        ru.text
    );
    assert!(!ru.text.contains("Исправьте сведения"), "{}", ru.text);
    // an explanation that only repeats a remedy is not said twice, in the letter or the timeline
    let copied = Refusal {
        grounds: grounds(), explanation: " изложите суть обращения  разборчиво ".to_owned()
    };
    assert_eq!(copied.added_explanation(), None);
    let mail = render(&EventKind::Refused(copied.clone()), &ctx(Lang::Ru));
    assert_eq!(mail.text.matches("Изложите суть обращения разборчиво").count(), 1, "{}", mail.text);
    assert!(!mail.text.contains("Пояснение специалиста"), "{}", mail.text);
    let added = Refusal {
        grounds: grounds(),
        explanation: "Изложите суть обращения разборчиво, лучше печатными буквами.".to_owned(),
    };
    assert!(added.added_explanation().is_some());
    assert!(render(&EventKind::Refused(added), &ctx(Lang::Ru)).text.contains("Пояснение специалиста"));
}

#[test]
fn a_question_s_answer_quotes_the_question_and_is_signed_by_its_council() {
    let asked = MailContext {
        question: Some(QuestionRef {
            asked_on: date(2026, 11, 14),
            text: "Как получить ЕЖД?".to_owned(),
            address: None,
        }),
        ..question_ctx(Lang::Ru)
    };
    let mail = render(&EventKind::QuestionAnswered { text: "Через личный кабинет.".to_owned() }, &asked);
    assert_eq!(mail.subject, "Ответ на ваш вопрос от 14 ноября 2026 г.");
    let question = mail.text.find("Ваш вопрос").expect("the question is quoted");
    let answer = mail.text.find("Через личный кабинет.").expect("the answer");
    assert!(question < answer, "{}", mail.text);
    assert!(mail.text.contains("Как получить ЕЖД?"), "{}", mail.text);
    assert!(mail.text.contains(&format!("С уважением,\n{COUNCIL}\n")), "{}", mail.text);
    let en =
        render(&EventKind::QuestionAnswered { text: "Online.".to_owned() }, &MailContext { lang: Lang::En, ..asked });
    assert_eq!(en.subject, "The answer to your question of 14 November 2026");
    assert!(en.text.contains("Your question"), "{}", en.text);
}

#[test]
fn a_question_s_answer_names_the_address_the_question_was_about() {
    let about = |lang, address: Option<&str>| MailContext {
        question: Some(QuestionRef {
            asked_on: date(2026, 11, 14),
            text: "Когда покрасят скамейки в нашем дворе?".to_owned(),
            address: address.map(str::to_owned),
        }),
        ..question_ctx(lang)
    };
    let answer = EventKind::QuestionAnswered { text: "В мае.".to_owned() };
    let mail = render(&answer, &about(Lang::Ru, Some("ул. Арбат, д. 10 <двор>")));
    let address = mail.text.find("Адрес, указанный в вопросе: ул. Арбат, д. 10 <двор>").expect("the address");
    let question = mail.text.find("Когда покрасят").expect("the question");
    assert!(address < question && question < mail.text.find("В мае.").expect("the answer"), "{}", mail.text);
    assert!(mail.html.contains("ул. Арбат, д. 10 &lt;двор&gt;"), "escaped: {}", mail.html);
    let en = render(&answer, &about(Lang::En, Some("ул. Арбат, д. 10")));
    assert!(en.text.contains("Address given with the question: ул. Арбат, д. 10"), "{}", en.text);
    let none = render(&answer, &about(Lang::Ru, None));
    assert!(!none.text.contains("Адрес, указанный"), "{}", none.text);
}

#[test]
fn typed_text_is_escaped_in_html_and_keeps_its_line_breaks() {
    for kind in [
        EventKind::Message { text: format!("{HOSTILE}\nвторая строка\n\nновый абзац") },
        EventKind::Answered { text: format!("{HOSTILE}\nвторая строка\n\nновый абзац") },
        EventKind::QuestionAnswered {
            text: format!("{HOSTILE}\r\nвторая строка\r\n\r\nновый абзац")
        },
    ] {
        for lang in Lang::ALL {
            let mail = render(&kind, &ctx(lang));
            assert!(!mail.html.contains("<script"), "{}", kind.name());
            assert!(
                mail.html.contains(
                    "Приходите &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; берите паспорт<br>\nвторая \
                     строка</p>\n<p style=\"margin:0 0 8px;\">новый абзац</p>"
                ),
                "{}: {}",
                kind.name(),
                mail.html
            );
            assert!(mail.text.contains(&format!("{HOSTILE}\nвторая строка\n\nновый абзац")), "{}", mail.text);
            assert!(check_html_structure(&mail.html).is_ok());
        }
    }
    let ready = EventKind::Ready(Pickup {
        place: "окно <3>".to_owned(),
        hours: "9:00 & позже".to_owned(),
        from: date(2027, 1, 15),
        bring: "паспорт\nи \"доверенность\"".to_owned(),
    });
    let mail = render(&ready, &ctx(Lang::Ru));
    assert!(mail.html.contains("окно &lt;3&gt;") && mail.html.contains("9:00 &amp; позже"));
    assert!(mail.html.contains("паспорт<br>\nи &quot;доверенность&quot;"));
    assert!(mail.html.contains(&format!("href=\"{}\"", escape_html(APPEAL_URL))));
    assert!(!mail.html.contains(APPEAL_URL), "the & of the link is escaped");
}

#[test]
fn a_long_word_typed_by_a_clerk_cannot_widen_the_letter_past_a_phone_s_screen() {
    // a link without a hyphen to break at, as clerks paste them: it widened the whole letter to
    // about 600 px, so that on a 390 px screen every line was cut at the right edge
    let link = format!("https://www.mos.ru/otvet/?id={}", "0123456789abcdef".repeat(6));
    let kinds = [
        EventKind::Message { text: format!("Сведения по ссылке {link} и сообщите нам.") },
        EventKind::Ready(Pickup {
            place: link.clone(),
            hours: "9:00–18:00".to_owned(),
            from: date(2027, 1, 15),
            bring: "паспорт".to_owned(),
        }),
    ];
    for kind in kinds {
        for lang in Lang::ALL {
            let html = render(&kind, &ctx(lang)).html;
            let at = html.find(&link).unwrap_or_else(|| panic!("{}: the link is shown", kind.name()));
            // the cell that holds the letter's body (and every table in it) lets long words break
            let body_cell = html[..at].rfind("<td style=\"padding:24px;").expect("the body's cell");
            let style = &html[body_cell..body_cell + html[body_cell..].find('>').expect("the tag ends")];
            assert!(
                style.contains("overflow-wrap:anywhere") && style.contains("word-break:break-word"),
                "{}: {style}",
                kind.name()
            );
            assert!(!html[body_cell..at].contains("</td>\n</tr>\n<tr>"), "{}: the link is in that cell", kind.name());
        }
    }
}

#[test]
fn pickup_hand_over_and_electronic_document_say_what_matters() {
    let ready = samples().into_iter().find(|(k, _)| k.name() == "ready").unwrap().0;
    let text = render(&ready, &ctx(Lang::Ru)).text;
    for needle in [
        "Где получить: ул. Новый Арбат, д. 36, стр. 1, окно 3",
        "Когда: с 15 января 2027 г.",
        "Часы выдачи: пн–чт 9:00–18:00, пт 9:00–16:45",
        "Что взять с собой: паспорт",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let handed = samples().into_iter().find(|(k, _)| k.name() == "handed_over").unwrap().0;
    let text = render(&handed, &ctx(Lang::Ru)).text;
    assert!(
        text.contains("Получатель: Иванова Мария Петровна\nДокумент, удостоверяющий личность: паспорт № ••• 678"),
        "{text}"
    );
    // Passport data does not travel by e-mail, in either language or part.
    for lang in [Lang::Ru, Lang::En] {
        let mail = render(&handed, &ctx(lang));
        for part in [&mail.text, &mail.html] {
            assert!(!part.contains("345678") && !part.contains("45 12"), "{part}");
        }
    }
    assert!(render(&handed, &ctx(Lang::En)).text.contains("Identity document: passport No. ••• 678"));
    let issued = samples().into_iter().find(|(k, _)| k.name() == "issued_electronically").unwrap().0;
    let ru = render(&issued, &ctx(Lang::Ru));
    assert!(ru.text.contains("Файл: udostoverenie-mnogodetnoy-semyi.pdf"));
    assert!(ru.text.contains(&format!("Скачать документ в личном кабинете:\n{APPEAL_URL}")), "{}", ru.text);
    assert!(ru.html.contains(">Скачать документ в личном кабинете</a>"));
}

#[test]
fn confirmation_requests_carry_only_the_link() {
    for purpose in [ConfirmationPurpose::Account, ConfirmationPurpose::Question] {
        for lang in Lang::ALL {
            // Even when the caller hands over the whole context, nothing personal is used.
            let mail = render(&EventKind::ConfirmationRequested { purpose }, &ctx(lang));
            let ids = catalogue_ids();
            let p = problems(&EventKind::ConfirmationRequested { purpose }, &ctx(lang), &mail, &ids);
            assert!(p.is_empty(), "{p:?}");
            assert!(!mail.text.contains("Мария") && !mail.html.contains("Мария"));
            assert!(!mail.text.contains("ЭП-") && !mail.subject.contains("ЭП-"));
        }
    }
    let account = render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Account }, &ctx(Lang::Ru));
    assert!(account.text.starts_with("Здравствуйте!\n"));
    assert!(account.text.contains("при выдаче ПИН-кода"));
    assert!(account.text.contains("Ссылка действует 7 дней."));
    assert!(account.text.contains("Пока адрес не подтверждён, мы не отправляем на него никаких сведений."));
    assert!(account.text.contains("Если вы не указывали этот адрес"));
    assert!(account.text.contains(&format!("Подтвердить адрес:\n{CONFIRM_URL}")));
    let question = render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Question }, &ctx(Lang::En));
    assert!(question.text.contains("with a question asked in e-Reception"));
    assert!(question.text.contains("valid for 7 days"));
    assert!(!question.text.contains("PIN"));
    assert_ne!(
        account.text,
        render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Question }, &ctx(Lang::Ru)).text
    );

    // Without its link the letter still renders, pointing at the site.
    let bare = MailContext { confirmation_url: None, ..ctx(Lang::Ru) };
    let mail = render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Account }, &bare);
    assert!(mail.text.contains(CABINET_URL));
}

/// A question whose address is not confirmed in time is deleted with it, and an account's
/// expired link is replaced from the private section: the letter says which, so that the
/// person knows what the 7 days mean for them.
#[test]
fn a_confirmation_request_says_what_happens_when_its_link_expires() {
    let question =
        |lang| render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Question }, &ctx(lang));
    let account =
        |lang| render(&EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Account }, &ctx(lang));
    let ru = question(Lang::Ru).text;
    assert!(
        ru.contains(
            "Ссылка действует 7 дней.\n\nЕсли не подтвердить адрес за это время, вопрос будет удалён и его придётся \
             задать заново."
        ),
        "{ru}"
    );
    assert!(!ru.contains("личный кабинет"), "a question has no private section: {ru}");
    let en = question(Lang::En).text;
    assert!(en.contains("the question will be deleted and you will need to ask it again"), "{en}");
    let ru = account(Lang::Ru).text;
    assert!(ru.contains("Если ссылка устареет, войдите в личный кабинет по ПИН-коду и отправьте новую."), "{ru}");
    assert!(!ru.contains("удалён"), "{ru}");
    let en = account(Lang::En);
    assert!(en.text.contains("with your PIN and send a new one"), "{}", en.text);
    assert!(en.html.contains("with your PIN and send a new one"), "{}", en.html);
}

/// A question's asker signs with their full name, surname first as a rule; a Russian letter
/// greeted them with all of it («Здравствуйте, Крылова Екатерина Саввична!»).
#[test]
fn a_russian_letter_greets_by_name_and_patronymic_not_by_the_whole_name() {
    let greeting = |name: &str, lang| {
        let c = MailContext { addressee: Some(name.to_owned()), ..question_ctx(lang) };
        let text = render(&EventKind::QuestionAnswered { text: "Ответ.".to_owned() }, &c).text;
        text.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(greeting("Крылова Екатерина Саввична", Lang::Ru), "Здравствуйте, Екатерина Саввична!");
    assert_eq!(greeting("Захаров Валерий Леонидович", Lang::Ru), "Здравствуйте, Валерий Леонидович!");
    assert_eq!(greeting("Иван Сергеевич Шушкевич", Lang::Ru), "Здравствуйте, Иван Сергеевич!");
    assert_eq!(greeting("Шушкевич Иван Сергеевич", Lang::Ru), "Здравствуйте, Иван Сергеевич!");
    assert_eq!(greeting("Денисова Полина Ильинична", Lang::Ru), "Здравствуйте, Полина Ильинична!");
    // a name without a patronymic, or not in three words, is kept as signed
    assert_eq!(greeting("Вера Соловьёва", Lang::Ru), "Здравствуйте, Вера Соловьёва!");
    assert_eq!(greeting("Мария Петровна", Lang::Ru), "Здравствуйте, Мария Петровна!");
    assert_eq!(greeting("John Smith", Lang::Ru), "Здравствуйте, John Smith!");
    assert_eq!(greeting("Ли Мин Хо", Lang::Ru), "Здравствуйте, Ли Мин Хо!");
    // English keeps the name as signed
    assert_eq!(greeting("Крылова Екатерина Саввична", Lang::En), "Dear Крылова Екатерина Саввична,");
}

#[test]
fn letters_without_a_council_or_a_name_still_read_well() {
    let plain = MailContext { addressee: Some("   ".to_owned()), council: None, ..ctx(Lang::Ru) };
    let mail = render(&EventKind::Withdrawn, &plain);
    assert!(mail.text.starts_with("Здравствуйте!\n"), "{}", mail.text);
    assert!(mail.text.contains("С уважением,\nЭлектронная приёмная\n"), "{}", mail.text);
    // An appeal event without its appeal falls back to the title and the private section.
    let bare = MailContext { appeal: None, ..plain };
    let mail = render(&EventKind::Closed, &bare);
    assert_eq!(mail.subject, "Обращение закрыто");
    assert!(mail.text.contains(CABINET_URL));
    let filed = render(&EventKind::Filed { number: NUMBER.to_owned(), register_by: date(2026, 12, 4) }, &bare);
    assert_eq!(filed.subject, format!("Обращение № {NUMBER} принято"));
}

#[test]
fn corrected_names_both_appeals() {
    let mail = render(&EventKind::Corrected { number: NEW_NUMBER.to_owned() }, &ctx(Lang::Ru));
    assert!(mail.subject.contains(NUMBER));
    assert!(mail.text.contains(&format!("ему присвоен номер {NEW_NUMBER}")));
    assert!(mail.text.contains(&format!("Номер обращения: {NUMBER}")));
}

#[test]
fn subjects_are_one_line_even_when_data_is_not() {
    let mut c = ctx(Lang::Ru);
    if let Some(a) = &mut c.appeal {
        a.number = "ЭП-1\r\nBcc: x@example.invalid".to_owned();
    }
    let mail = render(&EventKind::Withdrawn, &c);
    assert!(!mail.subject.contains('\n') && !mail.subject.contains('\r'));
}

#[test]
fn a_pin_that_stopped_working_is_told_with_why_and_where_to_go() {
    for (why, ru, next) in [
        (PinEnd::Reissued, "Вам выдан новый ПИН-код", "Если новый ПИН-код получали не вы"),
        (PinEnd::LeftRegistry, "Ваш ПИН-код больше не действует", "Если это ошибка"),
        (PinEnd::Revoked, "Ваш ПИН-код отозван", "Если вы не просили отзывать ПИН-код"),
    ] {
        let kind = EventKind::PinRevoked { why };
        let mail = render(&kind, &question_ctx(Lang::Ru));
        assert_eq!(mail.subject, ru);
        assert!(mail.text.contains(next), "{}", mail.text);
        // the resident's address and office hours of the council to go to
        assert!(mail.text.contains(COUNCIL_ADDRESS), "{}", mail.text);
        let ids = catalogue_ids();
        for lang in Lang::ALL {
            let ctx = question_ctx(lang);
            assert_eq!(problems(&kind, &ctx, &render(&kind, &ctx), &ids), Vec::<String>::new(), "{why:?} [{lang}]");
        }
    }
}
