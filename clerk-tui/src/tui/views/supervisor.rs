//! The supervisor's view: overdue work of the district, by clerk, then the overdue questions
//! (nobody is assigned those).

use ereception_core::i18n::{Arg, tr, tr_args};
use ereception_core::store::desk::{AssignedClerk, OverdueByClerk};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::queue::short_number;
use crate::tui::app::{App, SupervisorState};
use crate::tui::widgets::{fit, initials, truncate, unbroken, wrap};

pub fn draw(app: &App, s: &SupervisorState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let report = &s.report;
    let mut head = tr_args(lang, "tui-supervisor-title", &[("n", Arg::from(report.total))]);
    if report.questions_total > 0 {
        head = tr_args(
            lang,
            "tui-supervisor-title-questions",
            &[("title", Arg::from(head)), ("n", Arg::from(report.questions_total))],
        );
    }
    buf.set_string(title.x + 1, title.y, truncate(&head, usize::from(title.width).saturating_sub(2)), theme.heading());
    let w = usize::from(body.width);
    let nobody = tr(lang, "tui-nobody");
    // «Орлова Анна Игоревна — 23», each entry whole on its line (a name split at the line's
    // end read as two entries); with initials when the full names do not fit the two lines
    let summary = |short: bool| {
        let name = |k: &AssignedClerk| if short { initials(&k.full_name) } else { k.full_name.clone() };
        let entry = |c: &OverdueByClerk| {
            unbroken(&format!("{} — {}", c.clerk.as_ref().map_or_else(|| nobody.clone(), name), c.count))
        };
        report.by_clerk.iter().map(entry).collect::<Vec<_>>().join(" · ")
    };
    let full = summary(false);
    let summary = if wrap(&full, w).len() > 2 { summary(true) } else { full };
    let summary = if summary.is_empty() { tr(lang, "tui-supervisor-none") } else { summary };
    let mut wrapped = wrap(&summary, w);
    wrapped.truncate(2);
    for (i, l) in wrapped.iter().enumerate() {
        buf.set_string(body.x, body.y + u16::try_from(i).unwrap_or(0), l, theme.dim());
    }
    if report.appeals.is_empty() && report.questions.is_empty() {
        return;
    }
    // a wide terminal widens the names first: they were cut at 20 and 17 beside a status
    // column of a hundred blanks
    let extra = w.saturating_sub(80);
    let (clerk_w, who_w) = (20 + (extra / 4).min(14), 17 + (extra / 4).min(13));
    let status_w = w.saturating_sub(clerk_w + 1 + 11 + 1 + who_w + 1 + 1 + 9);
    let header = format!(
        "{} {} {} {} {}",
        fit(&tr(lang, "tui-col-clerk"), clerk_w),
        fit(&tr(lang, "tui-col-number"), 11),
        fit(&tr(lang, "tui-col-applicant"), who_w),
        fit(&tr(lang, "tui-col-status"), status_w),
        fit(&tr(lang, "tui-col-overdue"), 9),
    );
    buf.set_string(body.x, body.y + 2, truncate(&header, w), theme.heading());
    let list = Rect { y: body.y + 3, height: body.height.saturating_sub(3), ..body };
    let row = |clerk: &str, number: &str, who: &str, status: &str, days: i64| {
        let days = tr_args(lang, "unit-days", &[("n", Arg::Num(days))]);
        format!(
            "{} {} {} {} {}",
            fit(clerk, clerk_w),
            fit(number, 11),
            fit(who, who_w),
            fit(status, status_w),
            fit(&days, 9)
        )
    };
    let appeals = report.appeals.iter().map(|a| {
        // a name cut at the column's end («Голенищева-Кутузова Ан…») gives way to initials
        let clerk = a.clerk.as_ref().map_or_else(
            || nobody.clone(),
            |k| if k.full_name.chars().count() <= clerk_w { k.full_name.clone() } else { initials(&k.full_name) },
        );
        row(&clerk, &short_number(&a.number), &a.applicant, &tr(lang, a.status.message_id()), a.days_overdue)
    });
    // questions after the appeals, as a group of their own: nobody is assigned a question
    let (question, open) = (tr(lang, "tui-supervisor-question"), tr(lang, "tui-question-open"));
    let questions = report.questions.iter().map(|q| {
        let number = tr_args(lang, "tui-supervisor-question-number", &[("id", Arg::from(q.id.0))]);
        row(&question, &number, &q.name, &open, q.days_overdue)
    });
    let lines: Vec<Line> = appeals
        .chain(questions)
        .enumerate()
        .skip(crate::tui::update::in_view(s.selected, s.offset, usize::from(list.height)))
        .take(usize::from(list.height))
        .map(|(i, text)| Line::styled(text, if i == s.selected { theme.selected() } else { Style::new() }))
        .collect();
    Paragraph::new(lines).render(list, buf);
}
