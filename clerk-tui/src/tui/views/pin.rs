//! The PIN desk: residents found in the registry, a resident's record, the slip of a PIN just
//! issued.

use ereception_core::domain::person::RegistrationKind;
use ereception_core::i18n::{Arg, tr, tr_args};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::scrolled;
use crate::tui::app::{App, PinDeskState, ResidentState, SlipState};
use crate::tui::dates::{date, date_time};
use crate::tui::widgets::{fit, heading, lang_name, truncate};

pub fn draw_desk(app: &App, p: &PinDeskState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    buf.set_string(title.x + 1, title.y, tr(lang, "tui-pin-desk-title"), theme.heading());
    let w = usize::from(body.width);
    let searched: Vec<&String> = p.last.iter().filter(|s| !s.is_empty()).collect();
    let info = if p.searched {
        tr_args(
            lang,
            "tui-residents-found",
            &[
                ("n", Arg::from(p.results.len())),
                ("query", searched.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ").into()),
            ],
        )
    } else {
        tr(lang, "tui-pin-desk-hint")
    };
    buf.set_string(body.x, body.y, truncate(&info, w), theme.dim());
    if p.results.is_empty() {
        return;
    }
    let address_w = w.saturating_sub(32 + 1 + 10 + 1);
    let header = format!(
        "{} {} {}",
        fit(&tr(lang, "tui-col-full-name"), 32),
        fit(&tr(lang, "tui-col-born"), 10),
        fit(&tr(lang, "tui-col-address"), address_w)
    );
    buf.set_string(body.x, body.y + 1, truncate(&header, w), theme.heading());
    let list = Rect { y: body.y + 2, height: body.height.saturating_sub(2), ..body };
    let lines: Vec<Line> = p
        .results
        .iter()
        .enumerate()
        .skip(p.offset)
        .take(usize::from(list.height))
        .map(|(i, r)| {
            let style = if i == p.selected { theme.selected() } else { Style::new() };
            Line::styled(
                format!(
                    "{} {} {}",
                    fit(&r.name.full(), 32),
                    fit(&date(r.birth_date, lang), 10),
                    fit(&r.address.line(), address_w)
                ),
                style,
            )
        })
        .collect();
    Paragraph::new(lines).render(list, buf);
}

pub fn draw_resident(app: &App, r: &ResidentState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let resident = &r.data.resident;
    let head = tr_args(lang, "tui-resident-title", &[("name", resident.name.full().into())]);
    buf.set_string(title.x + 1, title.y, truncate(&head, usize::from(title.width).saturating_sub(2)), theme.heading());
    let label = |id: &str| Span::styled(format!("{}: ", tr(lang, id)), theme.dim());
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(vec![label("tui-field-birth-date"), Span::raw(date(resident.birth_date, lang))]),
        Line::from(vec![label("tui-col-address"), Span::raw(resident.address.line())]),
        Line::from(vec![
            label("tui-resident-registration"),
            Span::raw(tr(lang, registration_kind(resident.registration_kind))),
        ]),
        Line::from(vec![label("tui-resident-registry-id"), Span::raw(resident.registry_id.to_string())]),
    ];
    if resident.left {
        lines.push(Line::styled(format!("! {}", tr(lang, "pin-error-resident-left")), theme.error()));
    }
    lines.push(Line::raw(""));
    lines.push(heading(tr(lang, "tui-resident-account"), theme.heading()));
    match &r.data.account {
        None => lines.push(Line::styled(format!(" {}", tr(lang, "tui-no-active-pin")), theme.dim())),
        Some(a) => {
            lines.push(Line::from(vec![label("tui-resident-account-number"), Span::raw(a.number.to_string())]));
            let email = match (&a.email, a.email_confirmed) {
                (Some(e), true) => tr_args(lang, "tui-email-confirmed", &[("email", Arg::from(e))]),
                (Some(e), false) => tr_args(lang, "tui-email-unconfirmed", &[("email", Arg::from(e))]),
                (None, _) => tr(lang, "tui-email-none"),
            };
            lines.push(Line::from(vec![label("tui-field-email"), Span::raw(email)]));
            lines.push(Line::from(vec![label("tui-field-lang"), Span::raw(lang_name(lang, a.lang))]));
            lines.push(Line::from(vec![
                label("tui-resident-issued"),
                Span::raw(tr_args(
                    lang,
                    "tui-resident-issued-by",
                    &[
                        ("date", date_time(a.issued_at, lang).into()),
                        ("clerk", Arg::from(&a.issued_by)),
                        ("desk", Arg::from(&a.desk)),
                    ],
                )),
            ]));
        }
    }
    scrolled(lines, 0, body, buf);
}

pub fn draw_slip(app: &App, s: &SlipState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let head = tr_args(lang, "tui-slip-title", &[("name", Arg::from(&s.issued.resident))]);
    buf.set_string(title.x + 1, title.y, truncate(&head, usize::from(title.width).saturating_sub(2)), theme.heading());
    let text = s.issued.slip.expose();
    let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(32);
    let box_w = u16::try_from(width + 2).unwrap_or(50).min(body.width);
    let area = Rect { x: body.x, y: body.y, width: box_w, height: body.height };
    let block = Block::default().borders(Borders::ALL);
    let inner = block.inner(area);
    block.render(area, buf);
    let lines: Vec<Line<'static>> = text.lines().map(|l| Line::styled(l.to_owned(), theme.secret())).collect();
    scrolled(lines, s.scroll, inner, buf);
    let side =
        Rect { x: area.right() + 1, y: body.y, width: body.width.saturating_sub(box_w + 1), height: body.height };
    if side.width < 10 {
        return;
    }
    let mut notes = vec![tr_args(lang, "tui-slip-account", &[("number", s.issued.account.to_string().into())])];
    notes.push(match &s.issued.email {
        Some(e) => tr_args(lang, "tui-slip-email", &[("email", e.as_str().into())]),
        None => tr(lang, "tui-slip-no-email"),
    });
    notes.push(String::new());
    notes.push(if s.printed {
        tr(lang, "tui-printed")
    } else if app.settings.can_print {
        tr(lang, "tui-slip-print-hint")
    } else {
        tr(lang, "tui-print-not-configured")
    });
    notes.push(String::new());
    notes.push(tr(lang, "tui-slip-once"));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for n in notes {
        for l in crate::tui::widgets::wrap(&n, usize::from(side.width)) {
            lines.push(Line::raw(l));
        }
    }
    Paragraph::new(lines).render(side, buf);
}

/// The kind of registration after the label «Регистрация:», without repeating the word.
fn registration_kind(kind: RegistrationKind) -> &'static str {
    match kind {
        RegistrationKind::Permanent => "tui-registration-permanent",
        RegistrationKind::Temporary => "tui-registration-temporary",
        RegistrationKind::Contract => "tui-registration-contract",
    }
}
