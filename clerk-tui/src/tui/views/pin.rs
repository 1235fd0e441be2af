//! The PIN desk: residents found in the registry, a resident's record, the slip of a PIN just
//! issued.

use ereception_core::domain::person::{Address, FullName, RegistrationKind};
use ereception_core::i18n::{Arg, tr, tr_args};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::scrolled;
use crate::tui::app::{App, PinDeskState, ResidentState, SlipState};
use crate::tui::dates::{date, date_time};
use crate::tui::widgets::{fit, heading, lang_name, truncate, unbroken};

pub fn draw_desk(app: &App, p: &PinDeskState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    buf.set_string(title.x + 1, title.y, tr(lang, "tui-pin-desk-title"), theme.heading());
    let w = usize::from(body.width);
    let searched: Vec<&String> = p.last.iter().filter(|s| !s.is_empty()).collect();
    let info = if p.searched {
        tr_args(
            lang,
            if p.more { "tui-residents-found-more" } else { "tui-residents-found" },
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
    let pin = |held: bool| tr(lang, if held { "tui-pin-held" } else { "tui-pin-none" });
    let pin_w = [tr(lang, "tui-col-pin"), pin(true), pin(false)].iter().map(|s| s.chars().count()).max().unwrap_or(4);
    let (name_w, address_w) = share_width(
        w.saturating_sub(10 + pin_w + 3),
        p.results.iter().map(|r| r.resident.name.full().chars().count()).max().unwrap_or(0),
        p.results.iter().map(|r| r.resident.address.line().chars().count()).max().unwrap_or(0),
    );
    let header = format!(
        "{} {} {} {}",
        fit(&tr(lang, "tui-col-full-name"), name_w),
        fit(&tr(lang, "tui-col-born"), 10),
        fit(&tr(lang, "tui-col-pin"), pin_w),
        fit(&tr(lang, "tui-col-address"), address_w)
    );
    buf.set_string(body.x, body.y + 1, truncate(&header, w), theme.heading());
    let list = Rect { y: body.y + 2, height: body.height.saturating_sub(2), ..body };
    let lines: Vec<Line> = p
        .results
        .iter()
        .enumerate()
        .skip(crate::tui::update::in_view(p.selected, p.offset, usize::from(list.height)))
        .take(usize::from(list.height))
        .map(|(i, found)| {
            let r = &found.resident;
            let style = if i == p.selected { theme.selected() } else { Style::new() };
            Line::styled(
                format!(
                    "{} {} {} {}",
                    fit(&name_within(&r.name, name_w), name_w),
                    fit(&date(r.birth_date, lang), 10),
                    fit(&pin(found.pin), pin_w),
                    fit(&address_within(&r.address, address_w), address_w)
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
            if let Some(p) = &r.data.pending_email {
                let pending = tr_args(lang, "tui-email-pending", &[("email", Arg::from(p))]);
                lines.push(Line::from(vec![label("tui-field-email-pending"), Span::raw(pending)]));
            }
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
    let mut notes =
        vec![tr_args(lang, "tui-slip-account", &[("number", unbroken(&s.issued.account.to_string()).into())])];
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

/// Splits `width` columns between the names and the addresses of a list whose longest ones
/// need `name` and `address` columns. When both fit, the names get what they need and the
/// addresses the rest. When they do not, the addresses keep what they need (the flat tells
/// households apart) as long as the names keep two fifths; names narrower than they need
/// are written with initials ([`name_within`]).
fn share_width(width: usize, name: usize, address: usize) -> (usize, usize) {
    let name = name.max(16);
    let name_w = if name + address <= width {
        name
    } else {
        width.saturating_sub(address).clamp(name.min((width * 2 / 5).max(16)).min(width), name)
    };
    (name_w, width.saturating_sub(name_w))
}

/// The name in `width` columns: whole, or with the patronymic as an initial («Римский-Корсаков
/// Константин О.»), or with both initials («Римский-Корсаков К. О.»), as Russian lists shorten
/// names, so that the surname stays whole; cut only when even that does not fit.
fn name_within(name: &FullName, width: usize) -> String {
    let full = name.full();
    if full.chars().count() <= width {
        return full;
    }
    if let Some(p) = name.patronymic.as_deref().and_then(|p| p.chars().next()) {
        let shorter = format!("{} {} {p}.", name.surname, name.name);
        if shorter.chars().count() <= width {
            return shorter;
        }
    }
    truncate(&name.with_initials(), width)
}

/// The address in `width` columns: whole, or with the street cut rather than the end, since
/// the house and the flat tell residents of one name apart («Малый Николопес…, д. 22, кв. 13»).
fn address_within(address: &Address, width: usize) -> String {
    let line = address.line();
    if line.chars().count() <= width {
        return line;
    }
    let rest = line.strip_prefix(address.street.as_str()).unwrap_or_default();
    let room = width.saturating_sub(rest.chars().count());
    if rest.is_empty() || room < 8 {
        return truncate(&line, width);
    }
    format!("{}{rest}", truncate(&address.street, room))
}

/// The kind of registration after the label «Регистрация:», without repeating the word.
fn registration_kind(kind: RegistrationKind) -> &'static str {
    match kind {
        RegistrationKind::Permanent => "tui-registration-permanent",
        RegistrationKind::Temporary => "tui-registration-temporary",
        RegistrationKind::Contract => "tui-registration-contract",
    }
}

#[cfg(test)]
mod tests {
    use ereception_core::domain::person::FullName;

    use ereception_core::domain::ids::DistrictCode;

    use super::{Address, address_within, name_within, share_width};

    /// The list cut «Малый Николопесковский пер., д. 22, к…»: three residents of one name in
    /// one house, and the flat that tells them apart was the part cut off.
    #[test]
    fn addresses_shorten_the_street_and_keep_the_house_and_flat() {
        let address = Address {
            district: DistrictCode::new("0412"),
            street: "Малый Николопесковский пер.".to_owned(),
            house: "22".to_owned(),
            building: None,
            structure: None,
            flat: Some("13".to_owned()),
        };
        assert_eq!(address_within(&address, 42), "Малый Николопесковский пер., д. 22, кв. 13");
        assert_eq!(address_within(&address, 36), "Малый Николопесковск…, д. 22, кв. 13");
        // too narrow for a street worth reading: cut at the end, as before
        assert_eq!(address_within(&address, 20), "Малый Николопесковс…");
    }

    #[test]
    fn names_and_addresses_share_the_width() {
        // both fit: the names get what they need, the addresses the rest
        assert_eq!(share_width(63, 36, 20), (36, 27));
        // not both: the addresses keep theirs while the names keep two fifths
        assert_eq!(share_width(63, 36, 29), (34, 29));
        assert_eq!(share_width(63, 36, 36), (27, 36));
        assert_eq!(share_width(63, 40, 60), (25, 38));
        // a short name column is no narrower than 16
        assert_eq!(share_width(63, 5, 20), (16, 47));
        assert_eq!(share_width(0, 36, 29), (0, 0));
    }

    #[test]
    fn names_shorten_to_initials_before_they_are_cut() {
        let name = FullName {
            surname: "Римский-Корсаков".to_owned(),
            name: "Константин".to_owned(),
            patronymic: Some("Олегович".to_owned()),
        };
        assert_eq!(name_within(&name, 36), "Римский-Корсаков Константин Олегович");
        assert_eq!(name_within(&name, 34), "Римский-Корсаков Константин О.");
        assert_eq!(name_within(&name, 27), "Римский-Корсаков К. О.");
        assert_eq!(name_within(&name, 10), "Римский-К…");
        let no_patronymic = FullName { patronymic: None, ..name };
        assert_eq!(name_within(&no_patronymic, 20), "Римский-Корсаков К.");
    }
}
