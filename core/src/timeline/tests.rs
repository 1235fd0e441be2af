use std::collections::BTreeSet;

use chrono::TimeZone;

use super::*;
use crate::domain::catalogue::LocalText;
use crate::domain::event::Subject;
use crate::domain::ids::{AccountId, AppealId, EventId, GroundCode, OriginalCode, StageCode};
use crate::domain::status::{
    GroundSnapshot, HandOver, IssuedDocument, OriginalSnapshot, OriginalsRequest, Pickup, StatusKind,
};

const CLERK: ClerkId = ClerkId(7);
const CLERK_NAME: &str = "Петрова Анна Викторовна";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(ru: &str, en: &str) -> LocalText {
    LocalText::new(ru, en)
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap()
}

fn event(kind: EventKind, actor: Actor) -> Event {
    Event { id: EventId(1), subject: Subject::Appeal(AppealId(1)), at: at(2026, 12, 5, 11, 30), actor, kind }
}

fn refusal() -> Refusal {
    Refusal {
        grounds: vec![
            GroundSnapshot {
                code: GroundCode::new("incomplete-data"),
                text: text(
                    "Не заполнены обязательные сведения о детях.",
                    "Required details of the children are missing.",
                ),
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
        ],
        explanation: "Укажите, пожалуйста, всех детей.\nДаты — в формате ДД.ММ.ГГГГ.".to_owned(),
    }
}

fn originals() -> OriginalsRequest {
    OriginalsRequest {
        originals: vec![
            OriginalSnapshot {
                code: OriginalCode::new("passport"), title: text("паспорт заявителя", "the passport")
            },
            OriginalSnapshot {
                code: OriginalCode::new("title-document"),
                title: text("документ о праве собственности", "the ownership document"),
            },
        ],
        place: "Управа района Арбат, ул. Новый Арбат, д. 36, окно 3".to_owned(),
        by: date(2026, 12, 11),
        stage: StageCode::new("billing-check"),
    }
}

fn pickup() -> Pickup {
    Pickup {
        place: "ул. Новый Арбат, д. 36".to_owned(),
        hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
        from: date(2026, 12, 7),
        bring: "паспорт".to_owned(),
    }
}

/// One event of every kind with its expected tone. `samples_cover_every_kind` fails when a kind
/// is added to `EventKind::NAMES` without a sample here.
fn samples() -> Vec<(EventKind, Tone)> {
    vec![
        (EventKind::Filed { number: "ЭП-0412-2026-000123".to_owned(), register_by: date(2026, 12, 8) }, Tone::Neutral),
        (EventKind::Registered { deadline: date(2026, 12, 21) }, Tone::Good),
        (EventKind::RefusedToRegister(refusal()), Tone::Action),
        (
            EventKind::StageStarted {
                stage: StageCode::new("family-check"),
                title: text("Проверка сведений о членах семьи", "Checking the family members' details"),
            },
            Tone::Neutral,
        ),
        (EventKind::OriginalsRequested(originals()), Tone::Action),
        (EventKind::OriginalsReceived, Tone::Good),
        (
            EventKind::Suspended {
                due: date(2026, 12, 11),
                originals: originals().originals,
                place: originals().place,
            },
            Tone::Bad,
        ),
        (EventKind::Closed, Tone::Bad),
        (EventKind::Refused(refusal()), Tone::Bad),
        (EventKind::Ready(pickup()), Tone::Good),
        (
            EventKind::HandedOver(HandOver {
                collected_by: "Иванова Мария Петровна".to_owned(),
                id_document: "паспорт 45 12 345678".to_owned(),
            }),
            Tone::Good,
        ),
        (
            EventKind::IssuedElectronically(IssuedDocument {
                document: DocumentId(42),
                file_name: "udostoverenie.pdf".to_owned(),
            }),
            Tone::Good,
        ),
        (EventKind::Answered { text: "Ответ по существу.".to_owned() }, Tone::Good),
        (EventKind::Withdrawn, Tone::Bad),
        (EventKind::Message { text: "Приходите в среду.".to_owned() }, Tone::Neutral),
        (
            EventKind::DeadlineExtended {
                from: date(2026, 12, 21),
                to: date(2027, 1, 20),
                reason: "Запрошены сведения в ГУ ИС.".to_owned(),
            },
            Tone::Neutral,
        ),
        (EventKind::Corrected { number: "ЭП-0412-2026-000150".to_owned() }, Tone::Neutral),
        (EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Question }, Tone::Neutral),
        (EventKind::EmailConfirmed { purpose: ConfirmationPurpose::Account }, Tone::Good),
        (EventKind::QuestionAnswered { text: "Да, можно.".to_owned() }, Tone::Good),
        (EventKind::PinRevoked { why: PinEnd::Reissued }, Tone::Neutral),
        (EventKind::EmailChangeRequested { to: "new@example.invalid".to_owned() }, Tone::Neutral),
    ]
}

fn names(clerk: ClerkId) -> Option<String> {
    (clerk == CLERK).then(|| CLERK_NAME.to_owned())
}

fn clerk_view() -> Audience<'static> {
    Audience::Clerk { clerk_name: &names }
}

/// No catalogue id, no unresolved Fluent placeable.
fn assert_clean(s: &str, what: &str) {
    assert!(!s.trim().is_empty(), "{what}: empty");
    for bad in ["timeline-", "mail-", "status-", "{", "}", "$"] {
        assert!(!s.contains(bad), "{what}: contains {bad:?}: {s:?}");
    }
}

#[test]
fn samples_cover_every_kind() {
    let sampled: BTreeSet<&str> = samples().iter().map(|(k, _)| k.name()).collect();
    let all: BTreeSet<&str> = EventKind::NAMES.into_iter().collect();
    assert_eq!(sampled, all);
}

#[test]
fn every_kind_renders_in_both_languages_with_its_tone() {
    for (kind, tone) in samples() {
        let e = event(kind, Actor::Clerk(CLERK));
        let [ru, en] = Lang::ALL.map(|lang| entry(&e, lang, &Audience::Applicant));
        for entry in [&ru, &en] {
            let what = e.kind.name();
            assert_clean(&entry.title, what);
            assert!(!entry.title.contains('\n'), "{what}: title on several lines");
            assert_clean(&entry.when, what);
            assert_clean(&entry.actor, what);
            for detail in &entry.details {
                assert_clean(detail, what);
            }
            assert_eq!(entry.tone, tone, "{what}");
            assert_eq!(entry.at, e.at);
        }
        assert_ne!(ru.title, en.title, "{}: the same in both languages", e.kind.name());
        let document = matches!(e.kind, EventKind::IssuedElectronically(_)).then_some(DocumentId(42));
        assert_eq!(ru.document, document, "{}", e.kind.name());
    }
}

#[test]
fn titles_and_details_read_as_expected() {
    let ru = |kind: EventKind| entry(&event(kind, Actor::System), Lang::Ru, &Audience::Applicant);
    let stage = ru(EventKind::StageStarted {
        stage: StageCode::new("family-check"),
        title: text("Проверка сведений о членах семьи", "Checking"),
    });
    assert_eq!(stage.title, "Начат этап: Проверка сведений о членах семьи");
    let registered = ru(EventKind::Registered { deadline: date(2026, 12, 21) });
    assert_eq!(registered.title, "Обращение зарегистрировано");
    assert_eq!(registered.details, vec!["Срок исполнения — до 21 декабря 2026 г."]);
    // the documents are separated by «;», as on the appeal's panel: a title may hold commas
    // of its own («договор социального найма, выписка из ЕГРН или …»)
    let requested = ru(EventKind::OriginalsRequested(originals()));
    assert_eq!(
        requested.details,
        vec![
            "Что принести: паспорт заявителя; документ о праве собственности",
            "Куда: Управа района Арбат, ул. Новый Арбат, д. 36, окно 3",
            "Срок: до 11 декабря 2026 г. включительно",
        ]
    );
    let ready = entry(&event(EventKind::Ready(pickup()), Actor::System), Lang::En, &Audience::Applicant);
    assert_eq!(ready.title, "Document ready");
    assert!(ready.details.contains(&"When: from 7 December 2026".to_owned()), "{:?}", ready.details);
}

#[test]
fn when_is_moscow_time() {
    let mut e = event(EventKind::Closed, Actor::System);
    assert_eq!(entry(&e, Lang::Ru, &Audience::Applicant).when, "05.12.2026 14:30");
    assert_eq!(entry(&e, Lang::En, &Audience::Applicant).when, "5 Dec 2026, 14:30");
    // 22:05 UTC on New Year's Eve is already the next year in Moscow
    e.at = at(2026, 12, 31, 22, 5);
    assert_eq!(entry(&e, Lang::Ru, &Audience::Applicant).when, "01.01.2027 01:05");
}

#[test]
fn refusal_lists_every_ground_and_remedy_in_order() {
    let r = refusal();
    for kind in [EventKind::RefusedToRegister(r.clone()), EventKind::Refused(r.clone())] {
        for lang in Lang::ALL {
            let details = entry(&event(kind.clone(), Actor::Clerk(CLERK)), lang, &Audience::Applicant).details;
            let mut expected: Vec<&str> = Vec::new();
            for g in &r.grounds {
                expected.push(g.text.get(lang));
                expected.push(g.remedy.get(lang));
            }
            expected.push("Укажите, пожалуйста, всех детей.\nДаты — в формате ДД.ММ.ГГГГ.");
            let mut found = details.iter().enumerate();
            for want in expected {
                assert!(
                    found.any(|(_, d)| d.contains(want)),
                    "{} {lang}: {want:?} missing or out of order in {details:?}",
                    kind.name()
                );
            }
            let grounds = details.iter().filter(|d| r.grounds.iter().any(|g| d.contains(g.text.get(lang)))).count();
            assert_eq!(grounds, 2);
        }
    }
    let ru = entry(&event(EventKind::RefusedToRegister(r), Actor::Clerk(CLERK)), Lang::Ru, &Audience::Applicant);
    assert_eq!(ru.details[0], "Причина: Не заполнены обязательные сведения о детях.");
    assert_eq!(
        ru.details[1],
        "Как исправить: Подайте обращение повторно и укажите фамилию, имя и дату рождения каждого ребёнка."
    );
}

#[test]
fn typed_texts_keep_their_lines_and_lose_control_characters() {
    let typed = "Добрый день.\r\nСправку можно получить:\n\t— в управе;\n\n— по почте.\u{1b}[31m  \n";
    let kept = "Добрый день.\nСправку можно получить:\n — в управе;\n\n— по почте.[31m";
    for kind in [
        EventKind::Answered { text: typed.to_owned() },
        EventKind::Message { text: typed.to_owned() },
        EventKind::QuestionAnswered { text: typed.to_owned() },
    ] {
        let e = entry(&event(kind, Actor::Clerk(CLERK)), Lang::Ru, &Audience::Applicant);
        assert_eq!(e.details, vec![kept.to_owned()]);
    }
    let extended =
        EventKind::DeadlineExtended { from: date(2026, 12, 21), to: date(2027, 1, 20), reason: typed.into() };
    let e = entry(&event(extended, Actor::Clerk(CLERK)), Lang::Ru, &Audience::Applicant);
    assert_eq!(e.details.last().unwrap(), &format!("Причина продления: {kept}"));
    // one-line fields stay on one line whatever was typed into them
    let ready = EventKind::Ready(Pickup { place: "ул. Новый Арбат,\nд. 36\u{7}".to_owned(), ..pickup() });
    let e = entry(&event(ready, Actor::Clerk(CLERK)), Lang::Ru, &Audience::Applicant);
    assert_eq!(e.details[0], "Где получить: ул. Новый Арбат, д. 36");
}

#[test]
fn clerk_names_appear_only_for_clerks() {
    let clerk_events: Vec<Event> = samples().into_iter().map(|(k, _)| event(k, Actor::Clerk(CLERK))).collect();
    for lang in Lang::ALL {
        for e in entries(&clerk_events, lang, &Audience::Applicant) {
            assert_eq!(e.actor, tr(lang, "timeline-actor-council"));
            assert!(!format!("{e:?}").contains("Петрова"), "{e:?}");
        }
        for e in entries(&clerk_events, lang, &clerk_view()) {
            assert_eq!(e.actor, CLERK_NAME);
        }
    }
    let ru = |actor: Actor, audience: &Audience<'_>| entry(&event(EventKind::Closed, actor), Lang::Ru, audience).actor;
    assert_eq!(ru(Actor::Clerk(CLERK), &Audience::Applicant), "Управа района");
    assert_eq!(ru(Actor::Admin("root".to_owned()), &Audience::Applicant), "Управа района");
    assert_eq!(ru(Actor::Applicant(AccountId(3)), &Audience::Applicant), "Вы");
    assert_eq!(ru(Actor::Asker, &Audience::Applicant), "Вы");
    assert_eq!(ru(Actor::System, &Audience::Applicant), "Система");
    assert_eq!(ru(Actor::Clerk(ClerkId(99)), &clerk_view()), "Сотрудник № 99");
    assert_eq!(ru(Actor::Applicant(AccountId(3)), &clerk_view()), "Заявитель");
    assert_eq!(ru(Actor::Admin("root".to_owned()), &clerk_view()), "Администратор root");
    assert_eq!(ru(Actor::System, &clerk_view()), "Система");
}

#[test]
fn entries_keep_order() {
    let events: Vec<Event> = samples().into_iter().map(|(k, _)| event(k, Actor::System)).collect();
    let titles: Vec<String> = entries(&events, Lang::Ru, &Audience::Applicant).into_iter().map(|e| e.title).collect();
    let one_by_one: Vec<String> = events.iter().map(|e| entry(e, Lang::Ru, &Audience::Applicant).title).collect();
    assert_eq!(titles, one_by_one);
    assert_eq!(titles[0], "Обращение принято");
}

#[test]
fn an_extension_names_the_new_date_not_a_count_of_days() {
    // 10 days from 16.12.2026 is Saturday 26.12; the deadline moved to Monday 28.12
    let kind = EventKind::DeadlineExtended { from: date(2026, 12, 16), to: date(2026, 12, 28), reason: "x".to_owned() };
    let ru = entry(&event(kind.clone(), Actor::System), Lang::Ru, &Audience::Applicant);
    assert_eq!(ru.title, "Срок рассмотрения продлён до 28 декабря 2026 г.");
    assert_eq!(ru.details, ["Прежний срок: 16 декабря 2026 г.", "Причина продления: x"]);
    let en = entry(&event(kind, Actor::System), Lang::En, &Audience::Applicant);
    assert_eq!(en.title, "Deadline extended to 28 December 2026");
}

fn sample_statuses() -> Vec<Status> {
    vec![
        Status::Submitted,
        Status::Registered,
        Status::RefusedToRegister(refusal()),
        Status::InProgress { stage: StageCode::new("family-check") },
        Status::OriginalsRequired(originals()),
        Status::Suspended(originals()),
        Status::Refused(refusal()),
        Status::Closed,
        Status::Ready(pickup()),
        Status::Issued(HandOver {
            collected_by: "Иванова М. П.".to_owned(), id_document: "паспорт".to_owned()
        }),
        Status::IssuedElectronically(IssuedDocument { document: DocumentId(1), file_name: "doc.pdf".to_owned() }),
        Status::Answered { text: "Ответ.".to_owned() },
        Status::Withdrawn,
    ]
}

#[test]
fn status_line_for_every_state_in_both_languages() {
    let statuses = sample_statuses();
    let kinds: BTreeSet<StatusKind> = statuses.iter().map(Status::kind).collect();
    assert_eq!(kinds, StatusKind::ALL.into_iter().collect());
    for status in &statuses {
        let [ru, en] = Lang::ALL.map(|lang| status_line(status, None, lang));
        assert_clean(&ru, status.kind().as_str());
        assert_clean(&en, status.kind().as_str());
        assert!(!ru.contains('\n'));
        assert_ne!(ru, en, "{:?}", status.kind());
    }
    assert_eq!(
        status_line(&Status::OriginalsRequired(originals()), None, Lang::Ru),
        "Требуются оригиналы до 11.12.2026"
    );
    assert_eq!(
        status_line(&Status::OriginalsRequired(originals()), None, Lang::En),
        "Originals required by 11 Dec 2026"
    );
    assert_eq!(
        status_line(&Status::Ready(pickup()), None, Lang::Ru),
        "Документ готов: с 07.12.2026, ул. Новый Арбат, д. 36"
    );
    assert_eq!(status_line(&Status::InProgress { stage: StageCode::new("x") }, None, Lang::Ru), "Исполняется");
    let catalogue = crate::domain::catalogue::Catalogue::builtin().expect("valid");
    let lfc = catalogue.get("large-family-certificate");
    let stage = Status::InProgress { stage: StageCode::new("verification") };
    assert_eq!(status_line(&stage, lfc, Lang::Ru), "Исполняется: Проверка сведений о членах семьи");
    assert_eq!(status_line(&stage, lfc, Lang::En), "In progress: Checking the family members' details");
    assert_eq!(status_line(&Status::InProgress { stage: StageCode::new("x") }, lfc, Lang::Ru), "Исполняется");
}

#[test]
fn status_line_counts_grounds_in_plural() {
    let with = |n: usize| {
        let mut r = refusal();
        r.grounds =
            (0..n).map(|i| GroundSnapshot { code: GroundCode::new(format!("g{i}")), ..r.grounds[0].clone() }).collect();
        r
    };
    let ru = |n| status_line(&Status::RefusedToRegister(with(n)), None, Lang::Ru);
    assert_eq!(ru(1), "Отказано в регистрации (1 причина)");
    assert_eq!(ru(2), "Отказано в регистрации (2 причины)");
    assert_eq!(ru(5), "Отказано в регистрации (5 причин)");
    assert_eq!(ru(21), "Отказано в регистрации (21 причина)");
    assert_eq!(status_line(&Status::Refused(with(3)), None, Lang::Ru), "Отказано в предоставлении услуги (3 причины)");
    assert_eq!(status_line(&Status::Refused(with(1)), None, Lang::En), "Service refused (1 reason)");
    assert_eq!(status_line(&Status::Refused(with(2)), None, Lang::En), "Service refused (2 reasons)");
    // a refusal stored without grounds still reads as its state
    assert_eq!(ru(0), "Отказано в регистрации");
}

#[test]
fn the_resident_sees_the_identity_document_masked_and_the_clerk_in_full() {
    let handed = event(
        EventKind::HandedOver(HandOver {
            collected_by: "Иванова Мария Петровна".to_owned(),
            id_document: "паспорт 45 24 276000".to_owned(),
        }),
        Actor::Clerk(CLERK),
    );
    for lang in [Lang::Ru, Lang::En] {
        let shown = entry(&handed, lang, &Audience::Applicant).details.join("\n");
        assert!(!shown.contains("276") && !shown.contains("45 24"), "{shown}");
    }
    let ru = entry(&handed, Lang::Ru, &Audience::Applicant).details;
    assert_eq!(ru[1], "Документ, удостоверяющий личность: паспорт № ••• 000");
    let en = entry(&handed, Lang::En, &Audience::Applicant).details;
    assert_eq!(en[1], "Identity document: passport No. ••• 000");
    let clerk_name = |_: ClerkId| Some(CLERK_NAME.to_owned());
    let clerk = entry(&handed, Lang::Ru, &Audience::Clerk { clerk_name: &clerk_name }).details;
    assert_eq!(clerk[1], "Документ, удостоверяющий личность: паспорт 45 24 276000");
}

#[test]
fn identity_documents_are_masked_to_their_kind_and_last_three_digits() {
    for (typed, masked) in [
        ("паспорт 45 24 276000", "паспорт № ••• 000"),
        ("паспорт: 4524 № 276000, выдан ОВД 12.03.2015", "паспорт № ••• 000"),
        ("паспорт 45 24, 276 000", "паспорт № ••• 000"),
        ("свидетельство о рождении IV-МЮ 123456", "свидетельство о рождении IV-МЮ № ••• 456"),
        ("4524276000", "№ ••• 000"),
        ("паспорт 12", "паспорт № •••"),
        ("паспорт", "паспорт"),
        ("  паспорт\t45 24\n276000 ", "паспорт № ••• 000"),
    ] {
        assert_eq!(masked_id_document(typed, Lang::Ru), masked, "{typed}");
    }
    assert_eq!(masked_id_document("passport 45 12 131071", Lang::En), "passport No. ••• 071");
    // an English letter names the usual documents in English, and keeps others as typed
    assert_eq!(masked_id_document("паспорт 45 00 123678", Lang::En), "passport No. ••• 678");
    assert_eq!(masked_id_document("Паспорт гражданина РФ 4500 123678", Lang::En), "passport No. ••• 678");
    assert_eq!(masked_id_document("паспорт 45 00 123678", Lang::Ru), "паспорт № ••• 678");
    assert_eq!(masked_id_document("удостоверение 123678", Lang::En), "удостоверение No. ••• 678");
}

#[test]
fn filed_fields_follow_the_catalogue() {
    use crate::domain::appeal::FieldValue;
    use crate::domain::person::FullName;
    use crate::registry::PersonClaim;
    let catalogue = crate::domain::catalogue::Catalogue::builtin().expect("valid");
    let lfc = catalogue.get("large-family-certificate");
    let child = |surname: &str, name: &str, born| PersonClaim {
        name: FullName { surname: surname.into(), name: name.into(), patronymic: Some("Сергеевич".into()) },
        birth_date: born,
    };
    let fields = BTreeMap::from([
        ("retired".to_owned(), FieldValue::Number(3)),
        ("marital_status".to_owned(), FieldValue::Choice("married".to_owned())),
        (
            "children".to_owned(),
            FieldValue::Persons(vec![
                child("Иванов", "Пётр", date(2012, 5, 12)),
                child("Иванов", "Илья", date(2017, 11, 2)),
            ]),
        ),
        ("comment".to_owned(), FieldValue::Text("Первая строка\r\n\n  вторая\tстрока ".to_owned())),
    ]);
    let iso = |d: NaiveDate| d.to_string();
    let filed = filed_fields(lfc, &fields, Lang::Ru, iso);
    let shown: Vec<(&str, &str, Vec<&str>)> = filed
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_str(), f.lines.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("children", "Дети", vec!["Иванов Пётр Сергеевич, 2012-05-12", "Иванов Илья Сергеевич, 2017-11-02"]),
            ("marital_status", "Семейное положение", vec!["Состою в браке"]),
            ("comment", "Дополнительные сведения", vec!["Первая строка", "вторая строка"]),
            // a field the catalogue no longer has comes last, under its key
            ("retired", "retired", vec!["3"]),
        ]
    );
    let en = filed_fields(lfc, &fields, Lang::En, iso);
    assert_eq!(en[1].lines, vec!["Married"]);
    // without the service, every field is shown under its key, a choice by its code
    let bare = filed_fields(None, &fields, Lang::Ru, iso);
    assert_eq!(
        bare.iter().map(|f| f.label.as_str()).collect::<Vec<_>>(),
        ["children", "comment", "marital_status", "retired"]
    );
    assert_eq!(bare[2].lines, vec!["married"]);
}

#[test]
fn a_suspension_repeats_what_to_bring_and_where() {
    let r = originals();
    let kind = EventKind::Suspended { due: r.by, originals: r.originals.clone(), place: r.place.clone() };
    let e = entry(&event(kind.clone(), Actor::System), Lang::Ru, &Audience::Applicant);
    assert!(e.details.iter().any(|d| d.starts_with("Что принести: ")), "{:?}", e.details);
    assert!(e.details.iter().any(|d| d.starts_with("Куда: ")), "{:?}", e.details);
    // an event stored before the list and the place were kept still reads, without them
    fn strip(v: &mut serde_json::Value) {
        if let Some(map) = v.as_object_mut() {
            map.remove("originals");
            map.remove("place");
            map.values_mut().for_each(strip);
        }
    }
    let mut old = serde_json::to_value(&kind).expect("json");
    strip(&mut old);
    let old: EventKind = serde_json::from_value(old).expect("an old event reads");
    let e = entry(&event(old, Actor::System), Lang::Ru, &Audience::Applicant);
    assert_eq!(e.details.len(), 2, "why and what next: {:?}", e.details);
}
