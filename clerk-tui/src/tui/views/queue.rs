//! A queue: tabs, the filters in force, one page of rows.

use ereception_core::domain::catalogue::ServiceKind;
use ereception_core::domain::status::StatusKind;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::store::appeals::{QueueRow, SortKey};
use ereception_core::store::questions::QuestionRowView;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::{QueueKind, Rows};
use crate::tui::app::{App, QueueState};
use crate::tui::dates::{date, date_time};
use crate::tui::update::in_view;
use crate::tui::widgets::{fit, truncate};

/// «2026-000123» from «ЭП-0412-2026-000123»: the district is the clerk's own.
pub fn short_number(number: &str) -> String {
    let parts: Vec<&str> = number.split('-').collect();
    match parts.as_slice() {
        [_, _, year, seq] => format!("{year}-{seq}"),
        _ => number.to_owned(),
    }
}

fn tabs(app: &App, q: &QueueState, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let mut spans = Vec::new();
    for k in QueueKind::ALL {
        let label = format!("{} {}", k.number(), tr(lang, k.tab_id()));
        let style = if k == q.kind { theme.selected() } else { Style::new() };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn sort_name(lang: Lang, sort: SortKey) -> String {
    tr(
        lang,
        match sort {
            SortKey::Filed => "tui-sort-filed",
            SortKey::Due => "tui-sort-due",
            SortKey::Number => "tui-sort-number",
            SortKey::Applicant => "tui-sort-applicant",
        },
    )
}

/// The line under the tabs: page, order, search, filters.
fn filters(app: &App, q: &QueueState) -> String {
    let lang = app.lang();
    let mut parts = vec![tr_args(lang, "tui-queue-page", &[("n", Arg::from(q.page()))])];
    if q.kind != QueueKind::Questions {
        let arrow = if q.descending { "↓" } else { "↑" };
        parts.push(format!("{} {arrow}", sort_name(lang, q.sort)));
    } else {
        parts.push(tr(lang, "tui-sort-asked"));
    }
    if let Some(s) = &q.search {
        parts.push(tr_args(lang, "tui-queue-searching", &[("text", s.as_str().into())]));
    }
    if q.mine {
        parts.push(tr(lang, "tui-queue-mine"));
    }
    if let Some(stage) = &q.stage {
        let title = app
            .session
            .as_ref()
            .and_then(|s| {
                s.catalogue.services().iter().find_map(|x| x.stages.iter().find(|st| st.code.as_str() == stage))
            })
            .map_or_else(|| stage.clone(), |st| st.title.get(lang).to_owned());
        parts.push(tr_args(lang, "tui-queue-stage", &[("stage", title.into())]));
    }
    if q.more {
        parts.push(tr(lang, "tui-queue-more"));
    }
    parts.join(" · ")
}

/// The marks column: deadline (! overdue, * today), ? registry mismatch, @ mail not delivered,
/// × resident left the registry.
fn marks(row: &QueueRow, today: chrono::NaiveDate) -> String {
    let due = if row.status == StatusKind::Submitted { row.register_by.min(row.due) } else { row.due };
    let open = row.status.deadline_runs();
    let deadline = if !open {
        ' '
    } else if due < today {
        '!'
    } else if due == today {
        '*'
    } else {
        ' '
    };
    [
        deadline,
        if row.needs_attention { '?' } else { ' ' },
        if row.email_failed { '@' } else { ' ' },
        if row.resident_left { '×' } else { ' ' },
    ]
    .iter()
    .collect()
}

/// The originals queue's cell for `row`: «до 12.12.2026» while the originals are awaited,
/// «не принесены» once the appeal was suspended for want of them; and whether their day has
/// passed with the appeal still waiting (it can be suspended now).
fn originals_cell(row: &QueueRow, lang: Lang, today: chrono::NaiveDate) -> Option<(String, bool)> {
    match (row.status, row.originals_by) {
        (StatusKind::Suspended, _) => Some((tr(lang, "tui-originals-not-brought"), false)),
        (StatusKind::OriginalsRequired, Some(by)) => {
            Some((tr_args(lang, "tui-originals-by", &[("date", date(by, lang).into())]), by < today))
        }
        _ => None,
    }
}

/// The questions' marks column, as the appeals': ! overdue, * due today, @ the answer's
/// e-mail could not be delivered.
fn question_marks(row: &QuestionRowView, today: chrono::NaiveDate) -> String {
    let deadline = if row.overdue(today) {
        '!'
    } else if row.due_today(today) {
        '*'
    } else {
        ' '
    };
    [deadline, if row.email_failed { '@' } else { ' ' }].iter().collect()
}

/// The width of the marks column: four one-character marks, and its heading.
const MARKS_W: usize = 4;

/// The widths of the applicant, service and status columns of appeals at `width`: at 80
/// columns 17, 17 and 16; a wider terminal gives the applicant and the status (the stage, in
/// the «in progress» queue) their share of the room before the service takes the rest. The
/// applicant takes no more than the longest name on the page (`longest_applicant`) needs, and
/// half of what it leaves goes to the status: at 120 columns names of 15 characters left a
/// dozen blanks beside «Рассмотрение вопроса специал…».
fn appeal_columns(width: usize, longest_applicant: usize) -> (usize, usize, usize) {
    let extra = width.saturating_sub(80);
    let room = 17 + (extra / 4).min(13);
    let applicant = longest_applicant.clamp(17, room);
    let status = 16 + (extra / 3 + (room - applicant) / 2).min(26);
    let fixed = 11 + applicant + status + 10 + MARKS_W + 5;
    (applicant, width.saturating_sub(fixed).max(8), status)
}

/// The width of the questions' address column, shown on terminals wide enough for it.
const ADDRESS_W: usize = 28;

pub fn draw(app: &App, q: &QueueState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let today = app.today();
    tabs(app, q, title, buf);
    let w = usize::from(body.width);
    buf.set_string(body.x, body.y, truncate(&filters(app, q), w), theme.dim());
    let header_y = body.y + 1;
    let list = Rect { y: body.y + 2, height: body.height.saturating_sub(2), ..body };
    let visible = usize::from(list.height);
    if q.loaded && q.rows.is_empty() {
        // «Очередь пуста» under «только мои» or a stage sent the clerk away from a queue that
        // holds appeals: say which filter emptied it and how to lift it
        let id = if q.search.is_some() {
            "tui-queue-nothing-found"
        } else if q.mine {
            "tui-queue-empty-mine"
        } else if q.stage.is_some() {
            "tui-queue-empty-stage"
        } else {
            "tui-queue-empty"
        };
        let text = tr(lang, id);
        buf.set_string(body.x + 1, list.y + 1, truncate(&text, w.saturating_sub(2)), theme.dim());
        return;
    }
    match &q.rows {
        Rows::Appeals(rows) => {
            let longest = rows.iter().map(|r| r.applicant.chars().count()).max().unwrap_or(0);
            let session = app.session.as_ref();
            // a queue whose every appeal is for one service (consultations, when the catalogue
            // has one) gives the service's column, the same on every row, to the stage
            let one_service = q.kind == QueueKind::Consultations
                && session.is_some_and(|s| {
                    s.catalogue.services().iter().filter(|v| v.kind == ServiceKind::Consultation).count() == 1
                });
            let pickup = |r: &QueueRow| {
                r.pickup_from.map(|from| tr_args(lang, "tui-pickup-from", &[("date", date(from, lang).into())]))
            };
            let (applicant_w, service_w, status_w) = match appeal_columns(w, longest) {
                (a, service, status) if one_service => (a, 0, status + service + 1),
                // the pickup day needs less room than a stage: the rest goes to the service
                (a, service, status) if q.kind == QueueKind::Ready => {
                    let needed = rows
                        .iter()
                        .filter_map(|r| pickup(r).map(|p| p.chars().count()))
                        .chain([tr(lang, "tui-col-pickup").chars().count()])
                        .max()
                        .unwrap_or(status)
                        .min(status);
                    (a, service + status - needed, needed)
                }
                widths => widths,
            };
            // the originals queue shows, instead of its two states, the day the originals are
            // due, so the clerk sees whose day has passed without opening each appeal; the ready
            // queue, instead of «Документ готов» on every row, the day pickup starts
            let originals = q.kind == QueueKind::Originals;
            let ready = q.kind == QueueKind::Ready;
            let status_heading = match q.kind {
                QueueKind::Originals => "tui-col-originals",
                QueueKind::Ready => "tui-col-pickup",
                _ => "tui-col-status",
            };
            let service_heading =
                if one_service { String::new() } else { format!("{} ", fit(&tr(lang, "tui-col-service"), service_w)) };
            let header = format!(
                "{} {} {service_heading}{} {} {}",
                fit(&tr(lang, "tui-col-number"), 11),
                fit(&tr(lang, "tui-col-applicant"), applicant_w),
                fit(&tr(lang, status_heading), status_w),
                fit(&tr(lang, "tui-col-due"), 10),
                fit(&tr(lang, "tui-col-marks"), MARKS_W),
            );
            buf.set_string(body.x, header_y, truncate(&header, w), theme.heading());
            let lines: Vec<Line> = rows
                .iter()
                .enumerate()
                .skip(in_view(q.selected, q.offset, visible))
                .take(visible)
                .map(|(i, r)| {
                    let service = session
                        .and_then(|s| s.service(&r.service))
                        .map_or_else(|| r.service.clone(), |s| s.title.get(lang).to_owned());
                    let originals_due = originals.then(|| originals_cell(r, lang, today)).flatten();
                    let status = match (&r.stage, r.status) {
                        _ if let Some((text, _)) = &originals_due => text.clone(),
                        (_, StatusKind::Ready) if ready && let Some(text) = pickup(r) => text,
                        (Some(stage), StatusKind::InProgress) => session
                            .and_then(|s| s.service(&r.service))
                            .and_then(|s| s.stages.iter().find(|st| st.code.as_str() == stage))
                            .map_or_else(|| stage.clone(), |st| st.title.get(lang).to_owned()),
                        _ => tr(lang, r.status.message_id()),
                    };
                    let due = r.shown_due();
                    let m = marks(r, today);
                    let due_style = match m.chars().next() {
                        Some('!') => theme.error(),
                        Some('*') => theme.warn(),
                        _ => Style::new(),
                    };
                    let selected = i == q.selected;
                    let base = if selected { theme.selected() } else { Style::new() };
                    let status_style = match originals_due {
                        Some((_, true)) if !selected => theme.error(),
                        _ => base,
                    };
                    Line::from(vec![
                        Span::styled(
                            format!(
                                "{} {} {}",
                                fit(&short_number(&r.number), 11),
                                fit(&r.applicant, applicant_w),
                                if one_service { String::new() } else { format!("{} ", fit(&service, service_w)) },
                            ),
                            base,
                        ),
                        Span::styled(fit(&status, status_w), status_style),
                        Span::styled(" ", base),
                        Span::styled(fit(&date(due, lang), 10), if selected { base } else { due_style }),
                        Span::styled(format!(" {}", fit(&m, MARKS_W)), if selected { base } else { due_style }),
                    ])
                })
                .collect();
            Paragraph::new(lines).render(list, buf);
        }
        Rows::Questions(rows) => {
            let fixed = 16 + 1 + 20 + 1 + 1 + 10 + 1 + 4;
            // the address gets a column of its own where the question still has room
            let address_w = if w >= fixed + ADDRESS_W + 1 + 30 { ADDRESS_W } else { 0 };
            let text_w = w.saturating_sub(fixed + if address_w > 0 { address_w + 1 } else { 0 });
            let address_col =
                |text: &str| if address_w > 0 { format!("{} ", fit(text, address_w)) } else { String::new() };
            let header = format!(
                "{} {} {}{} {} {}",
                fit(&tr(lang, "tui-col-asked"), 16),
                fit(&tr(lang, "tui-col-name"), 20),
                address_col(&tr(lang, "tui-col-address")),
                fit(&tr(lang, "tui-col-question"), text_w),
                fit(&tr(lang, "tui-col-due"), 10),
                fit(&tr(lang, "tui-col-marks"), MARKS_W),
            );
            buf.set_string(body.x, header_y, truncate(&header, w), theme.heading());
            let lines: Vec<Line> = rows
                .iter()
                .enumerate()
                .skip(in_view(q.selected, q.offset, visible))
                .take(visible)
                .map(|(i, r)| {
                    let style = if i == q.selected {
                        theme.selected()
                    } else if r.email_failed {
                        theme.warn()
                    } else if r.overdue(today) {
                        theme.error()
                    } else {
                        Style::new()
                    };
                    let excerpt = r.excerpt.replace('\n', " ");
                    Line::styled(
                        format!(
                            "{} {} {}{} {} {}",
                            fit(&date_time(r.asked_at, lang), 16),
                            fit(&r.name, 20),
                            address_col(r.address.as_deref().unwrap_or_default()),
                            fit(&excerpt, text_w),
                            fit(&date(r.due, lang), 10),
                            fit(&question_marks(r, today), MARKS_W),
                        ),
                        style,
                    )
                })
                .collect();
            Paragraph::new(lines).render(list, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English heading was «Marks», shown as «Mar…».
    #[test]
    fn the_marks_heading_fits_its_column_in_every_language() {
        for lang in Lang::ALL {
            let heading = tr(lang, "tui-col-marks");
            assert!(heading.chars().count() <= MARKS_W, "{lang}: {heading}");
        }
    }

    /// At 160 columns the service took all the room while the stage stayed cut at 16
    /// characters («Подписание выпи…») and long names at 17.
    #[test]
    fn a_wide_terminal_shares_its_room_among_the_columns() {
        assert_eq!(appeal_columns(80, 30), (17, 17, 16));
        let (applicant, service, status) = appeal_columns(160, 30);
        assert!(applicant >= 30 && status >= 40 && service >= 40, "{applicant} {service} {status}");
        assert_eq!(11 + applicant + service + status + 10 + MARKS_W + 5, 160);
    }

    /// At 120 columns the applicant kept 27 columns for names of 15 characters while the
    /// consultation's stage and service were cut: «Рассмотрение вопроса специал…».
    #[test]
    fn short_names_leave_their_room_to_the_service_and_the_stage() {
        let (applicant, service, status) = appeal_columns(120, 15);
        assert_eq!(applicant, 17);
        let (stage, consultation) = ("Рассмотрение вопроса специалистом", "Консультация специалиста управы района");
        assert!(status >= stage.chars().count(), "{status}");
        assert!(service >= consultation.chars().count(), "{service}");
        assert_eq!(11 + applicant + service + status + 10 + MARKS_W + 5, 120);
        assert_eq!(appeal_columns(80, 10), (17, 17, 16), "nothing changes at 80 columns");
    }

    #[test]
    fn numbers_drop_the_prefix_and_the_district() {
        assert_eq!(short_number("ЭП-0412-2026-000123"), "2026-000123");
        assert_eq!(short_number("odd"), "odd");
    }
}
