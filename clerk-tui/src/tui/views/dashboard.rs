//! The dashboard: the queues with their counts, the deadlines, the undelivered mail.

use ereception_core::i18n::{Arg, tr, tr_args};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::action::QueueKind;
use crate::tui::app::{App, DashboardState};
use crate::tui::widgets::{fit, truncate};

pub fn draw(app: &App, d: &DashboardState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    buf.set_string(title.x + 1, title.y, tr(lang, "tui-dashboard-title"), theme.heading());
    let Some(data) = &d.data else {
        buf.set_string(body.x + 1, body.y, tr(lang, "tui-loading"), theme.dim());
        return;
    };
    let [top, bottom] = Layout::vertical([Constraint::Length(10), Constraint::Min(3)]).areas(body);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);

    let c = &data.counts;
    let count = |k: QueueKind| match k {
        QueueKind::New => Some(c.new),
        QueueKind::InProgress => Some(c.in_progress),
        QueueKind::Originals => Some(c.originals),
        QueueKind::Ready => Some(c.ready),
        QueueKind::Consultations => Some(c.consultations),
        QueueKind::Questions => Some(data.questions.queue),
        QueueKind::Overdue => Some(c.overdue),
        QueueKind::All => None,
    };
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-dashboard-queues")));
    let inner = block.inner(left);
    block.render(left, buf);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = QueueKind::ALL
        .iter()
        .map(|k| {
            let n = count(*k).map(|n| n.to_string()).unwrap_or_default();
            let label = format!("{} {}", k.number(), tr(lang, k.title_id()));
            let late = match k {
                QueueKind::Overdue => c.overdue,
                QueueKind::Questions => data.questions.overdue,
                _ => 0,
            };
            let style = if late > 0 { theme.error() } else { Style::new() };
            Line::from(vec![
                Span::styled(fit(&label, w.saturating_sub(n.chars().count() + 1)), style),
                Span::raw(" "),
                Span::styled(n, style),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);

    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-dashboard-deadlines")));
    let inner = block.inner(right);
    block.render(right, buf);
    let w = usize::from(inner.width);
    let row = |label: String, n: i64, style: Style| {
        let n = n.to_string();
        Line::from(vec![
            Span::styled(fit(&label, w.saturating_sub(n.chars().count() + 1)), style),
            Span::raw(" "),
            Span::styled(n, style),
        ])
    };
    let alarm = |n: i64| if n > 0 { theme.error() } else { Style::new() };
    let warn = |n: i64| if n > 0 { theme.warn() } else { Style::new() };
    // questions are not appeals: their deadlines are counted on lines of their own
    let q = &data.questions;
    let lines = vec![
        row(tr(lang, "tui-dashboard-overdue"), c.overdue, alarm(c.overdue)),
        row(tr(lang, "tui-dashboard-registration-overdue"), c.registration_overdue, alarm(c.registration_overdue)),
        row(tr(lang, "tui-dashboard-due-today"), c.due_today, warn(c.due_today)),
        row(tr(lang, "tui-dashboard-questions-overdue"), q.overdue, alarm(q.overdue)),
        row(tr(lang, "tui-dashboard-questions-due-today"), q.due_today, warn(q.due_today)),
        Line::raw(""),
        row(tr(lang, "tui-dashboard-email-failed"), c.email_failed, warn(c.email_failed)),
        row(tr(lang, "tui-dashboard-resident-left"), c.resident_left, warn(c.resident_left)),
    ];
    Paragraph::new(lines).render(inner, buf);

    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", tr_args(lang, "tui-dashboard-undelivered", &[("n", Arg::from(c.email_failed))])));
    let inner = block.inner(bottom);
    block.render(bottom, buf);
    let w = usize::from(inner.width);
    if data.undelivered.is_empty() && c.email_failed_questions == 0 {
        buf.set_string(inner.x, inner.y, truncate(&tr(lang, "tui-dashboard-all-delivered"), w), theme.dim());
        return;
    }
    let mut lines: Vec<Line> = data
        .undelivered
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let text = format!("{}  {}  {}", u.number, fit(&u.applicant, 20), tr(lang, u.status.message_id()));
            let style = if i == d.selected { theme.selected() } else { Style::new() };
            Line::styled(fit(&text, w), style)
        })
        .collect();
    // questions are not opened from here: their queue lists them, marked
    if c.email_failed_questions > 0 {
        let n = Arg::from(c.email_failed_questions);
        lines.push(Line::styled(
            fit(&tr_args(lang, "tui-dashboard-undelivered-questions", &[("n", n)]), w),
            theme.warn(),
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}
