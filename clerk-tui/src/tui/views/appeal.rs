//! An appeal's screen — the filed data, the registry check field by field, the timeline, the
//! documents, the deadline — and a question's.

use ereception_core::domain::question::QuestionStatus;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::registry::{FieldCheck, PersonCheck};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::scrolled;
use crate::tui::app::{App, AppealState, QuestionState};
use crate::tui::theme::Theme;
use ereception_core::timeline::{Audience, entries, filed_fields, status_line};

use crate::tui::dates::{date, date_time};
use crate::tui::widgets::{heading, lang_name, truncate, wrap};

fn push_wrapped(lines: &mut Vec<Line<'static>>, text: &str, indent: usize, width: usize, style: Style) {
    for l in wrap(text, width.saturating_sub(indent).max(10)) {
        lines.push(Line::styled(format!("{}{l}", " ".repeat(indent)), style));
    }
}

/// `lead` then `text` wrapped beside it, continuation lines under the text.
fn push_hanging(lines: &mut Vec<Line<'static>>, lead: &str, text: &str, width: usize, style: Style) {
    let indent = lead.chars().count();
    for (i, l) in wrap(text, width.saturating_sub(indent).max(10)).into_iter().enumerate() {
        let head = if i == 0 { lead.to_owned() } else { " ".repeat(indent) };
        lines.push(Line::from(vec![Span::styled(head, style), Span::raw(l)]));
    }
}

fn check_line(lang: Lang, f: &FieldCheck, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let (mark, style) = if f.matches { ("✓", theme.ok()) } else { ("✗", theme.error()) };
    let text = f.explain(lang);
    let mut out = Vec::new();
    for (i, l) in wrap(&text, width.saturating_sub(4)).into_iter().enumerate() {
        let lead = if i == 0 { format!(" {mark} ") } else { "   ".to_owned() };
        out.push(Line::from(vec![
            Span::styled(lead, style),
            Span::styled(l, if f.matches { Style::new() } else { style }),
        ]));
    }
    out
}

pub fn draw(app: &App, a: &AppealState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let width = usize::from(body.width).saturating_sub(1);
    let d = &a.data;
    let appeal = &d.appeal;
    let head = format!("{} · {}", appeal.number, d.service.title.get(lang));
    buf.set_string(title.x + 1, title.y, truncate(&head, usize::from(title.width).saturating_sub(2)), theme.heading());

    let mut lines: Vec<Line<'static>> = Vec::new();
    let label = |id: &str| format!("{}: ", tr(lang, id));
    // wrapped: a ready document's state carries the pickup place, cut at 80 columns («…, ул.»)
    let status_label = label("tui-appeal-status");
    let indent = status_label.chars().count();
    let status = status_line(&appeal.status, Some(&d.service), lang);
    for (i, l) in wrap(&status, width.saturating_sub(indent).max(10)).into_iter().enumerate() {
        let lead = if i == 0 { status_label.clone() } else { " ".repeat(indent) };
        lines.push(Line::from(vec![Span::styled(lead, theme.dim()), Span::styled(l, theme.active())]));
    }
    let left_style = |overdue: bool| if overdue { theme.error() } else { Style::new() };
    if let Some(left) = d.register_left {
        lines.push(Line::from(vec![
            Span::styled(label("tui-appeal-register-by"), theme.dim()),
            Span::styled(
                format!("{} — {}", date(appeal.register_by, lang), left.phrase(lang)),
                left_style(left.is_overdue()),
            ),
        ]));
    }
    let due_text = match d.due_left {
        Some(left) => format!("{} — {}", date(appeal.due, lang), left.phrase(lang)),
        None => date(appeal.due, lang),
    };
    let mut due = vec![
        Span::styled(label("tui-appeal-due"), theme.dim()),
        Span::styled(due_text, left_style(d.due_left.is_some_and(|l| l.is_overdue()))),
    ];
    if let Some(ext) = &appeal.extension {
        due.push(Span::styled(
            format!(" ({})", tr_args(lang, "tui-appeal-extended", &[("date", date(ext.from, lang).into())])),
            theme.dim(),
        ));
    }
    lines.push(Line::from(due));
    let assignee = appeal.assigned_clerk.map_or_else(
        || tr(lang, "tui-nobody"),
        |id| d.clerks.get(&id).cloned().unwrap_or_else(|| format!("#{}", id.0)),
    );
    lines.push(Line::from(vec![Span::styled(label("tui-appeal-assigned"), theme.dim()), Span::raw(assignee)]));
    lines.push(Line::from(vec![
        Span::styled(label("tui-appeal-filed"), theme.dim()),
        Span::raw(date_time(appeal.filed_at, lang)),
        Span::styled(format!("   {}", label("tui-appeal-lang")), theme.dim()),
        Span::raw(lang_name(lang, d.letter_lang)),
    ]));
    if appeal.resident_left {
        lines.push(Line::styled(format!("! {}", tr(lang, "tui-appeal-resident-left")), theme.error()));
    }
    if appeal.email_failed {
        lines.push(Line::styled(format!("! {}", tr(lang, "tui-appeal-email-failed")), theme.error()));
    }
    if appeal.corrects.is_some() {
        lines.push(Line::styled(tr(lang, "tui-appeal-corrects"), theme.dim()));
    }

    // as written in the registry (the filing matched it); as typed only if the record is gone
    let id = &appeal.draft.identity;
    lines.push(Line::raw(""));
    lines.push(heading(tr(lang, "tui-appeal-applicant"), theme.heading()));
    let (name, birth_date, address) = match &d.resident {
        Some(r) => (r.name.full(), r.birth_date, r.address.line()),
        None => (id.name.full(), id.birth_date, id.address(&appeal.district).line()),
    };
    lines.push(Line::raw(format!(" {}, {}", name, date(birth_date, lang))));
    push_wrapped(&mut lines, &address, 1, width, Style::new());

    let filed = filed_fields(Some(&d.service), &appeal.draft.fields, lang, |d| date(d, lang));
    if !filed.is_empty() {
        lines.push(heading(tr(lang, "tui-appeal-fields"), theme.heading()));
        for field in filed {
            if let [one] = field.lines.as_slice() {
                push_wrapped(&mut lines, &format!("{}: {one}", field.label), 1, width, Style::new());
            } else {
                push_wrapped(&mut lines, &format!("{}:", field.label), 1, width, Style::new());
                for line in &field.lines {
                    push_wrapped(&mut lines, line, 3, width, Style::new());
                }
            }
        }
    }

    lines.push(heading(tr(lang, "tui-appeal-check"), theme.heading()));
    let check = &appeal.check;
    if check.identity.fields.is_empty() {
        lines.push(Line::styled(format!(" {}", tr(lang, "tui-appeal-check-none")), theme.dim()));
    }
    // an optional part absent on both sides (no корпус, no строение) says nothing
    for f in check.identity.fields.iter().filter(|f| !(f.matches && f.entered.is_empty() && f.registry.is_empty())) {
        lines.extend(check_line(lang, f, theme, width));
    }
    for p in &check.persons {
        // one person a line: «Ребёнок: …», not «Дети: …» (the field's label is plural)
        let label = d.service.fields.iter().find(|s| s.key == p.field).map_or(p.field.clone(), |s| {
            s.item.as_ref().map_or_else(|| s.label.get(lang).to_owned(), |i| i.get(lang).to_owned())
        });
        let who = format!("{label}: {}, {}", p.person.name.full(), date(p.person.birth_date, lang));
        match &p.result {
            PersonCheck::Matched { .. } => {
                // wrapped, as every other line: the end says what was checked
                let text = format!("{who} — {}", tr(lang, "tui-check-found"));
                for (i, l) in wrap(&text, width.saturating_sub(3).max(10)).into_iter().enumerate() {
                    let lead = if i == 0 { Span::styled(" ✓ ", theme.ok()) } else { Span::raw("   ") };
                    lines.push(Line::from(vec![lead, Span::raw(l)]));
                }
            }
            PersonCheck::Mismatched { fields, .. } => {
                lines.push(Line::from(vec![Span::styled(" ✗ ", theme.error()), Span::styled(who, theme.error())]));
                for f in fields.iter().filter(|f| !f.matches) {
                    for l in check_line(lang, f, theme, width.saturating_sub(3)) {
                        let mut spans = vec![Span::raw("   ")];
                        spans.extend(l.spans);
                        lines.push(Line::from(spans));
                    }
                }
            }
            PersonCheck::NotFound => {
                let text = format!("{who} — {}", tr(lang, "tui-check-not-found"));
                for (i, l) in wrap(&text, width.saturating_sub(3).max(10)).into_iter().enumerate() {
                    let lead = if i == 0 { " ✗ " } else { "   " };
                    lines.push(Line::from(vec![Span::styled(lead, theme.error()), Span::styled(l, theme.error())]));
                }
            }
        }
    }

    lines.push(heading(tr(lang, "tui-appeal-timeline"), theme.heading()));
    let clerk_name = |id| d.clerks.get(&id).cloned();
    for e in entries(&d.timeline, lang, &Audience::Clerk { clerk_name: &clerk_name }) {
        let lead = format!(" {}  ", date_time(e.at, lang));
        let pad = " ".repeat(lead.chars().count());
        push_hanging(&mut lines, &lead, &format!("{} — {}", e.title, e.actor), width, theme.dim());
        for detail in &e.details {
            push_hanging(&mut lines, &pad, detail, width, theme.dim());
        }
    }

    lines.push(heading(tr(lang, "tui-appeal-documents"), theme.heading()));
    if d.documents.is_empty() {
        lines.push(Line::styled(format!(" {}", tr(lang, "tui-appeal-no-documents")), theme.dim()));
    }
    for doc in &d.documents {
        let text = tr_args(
            lang,
            "tui-appeal-document",
            &[
                ("name", Arg::from(&doc.file_name)),
                ("type", Arg::from(&doc.media_type)),
                ("size", Arg::Num(doc.size)),
                ("date", date_time(doc.created_at, lang).into()),
            ],
        );
        push_wrapped(&mut lines, &text, 1, width, Style::new());
        lines.push(Line::styled(format!("   SHA-256 {}", doc.sha256), theme.dim()));
    }
    scrolled(lines, a.scroll, body, buf);
}

pub fn draw_question(app: &App, q: &QuestionState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let width = usize::from(body.width).saturating_sub(1);
    let question = &q.data.question;
    let head =
        tr_args(lang, "tui-question-title", &[("id", question.id.0.into()), ("name", Arg::from(&question.name))]);
    buf.set_string(title.x + 1, title.y, truncate(&head, usize::from(title.width).saturating_sub(2)), theme.heading());
    let label = |id: &str| format!("{}: ", tr(lang, id));
    let status = match question.status {
        QuestionStatus::Open => tr(lang, "tui-question-open"),
        QuestionStatus::Answered if q.data.email_failed => tr(lang, "tui-question-answer-undelivered"),
        QuestionStatus::Answered => tr(lang, "tui-question-answered"),
        QuestionStatus::Unconfirmed => tr(lang, "tui-question-unconfirmed"),
    };
    let overdue = question.status == QuestionStatus::Open && q.data.due < app.today();
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(vec![
            Span::styled(label("tui-appeal-status"), theme.dim()),
            Span::styled(status, if q.data.email_failed { theme.warn() } else { theme.active() }),
        ]),
        Line::from(vec![
            Span::styled(label("tui-appeal-due"), theme.dim()),
            Span::styled(date(q.data.due, lang), if overdue { theme.error() } else { Style::new() }),
            // «Задан», as the questions queue heads the column: «Подано» says it of an appeal
            Span::styled(format!("   {}", label("tui-col-asked")), theme.dim()),
            Span::raw(date_time(question.asked_at, lang)),
        ]),
        Line::from(vec![
            Span::styled(label("tui-field-email"), theme.dim()),
            Span::raw(question.email.clone()),
            Span::styled(format!("   {}", label("tui-appeal-lang")), theme.dim()),
            Span::raw(lang_name(lang, question.lang)),
        ]),
    ];
    if let Some(address) = &question.address {
        push_hanging(&mut lines, &label("tui-question-address"), address, width, theme.dim());
    }
    lines.push(Line::raw(""));
    lines.push(heading(tr(lang, "tui-question-text"), theme.heading()));
    push_wrapped(&mut lines, &question.text, 1, width, Style::new());
    if let Some(answer) = &question.answer {
        lines.push(heading(tr(lang, "tui-question-answer"), theme.heading()));
        push_wrapped(&mut lines, answer, 1, width, Style::new());
    }
    scrolled(lines, q.scroll, body, buf);
}
