//! Drawing helpers shared by the screens: the top bar, the status line, the footer of key
//! hints (generated from the key map), text wrapping and truncation counted in characters.

use ereception_core::domain::question::QuestionStatus;
use ereception_core::i18n::{Lang, tr, tr_args};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Dialog, Screen};
use super::decisions::Decision;
use super::keymap::{Command, Keymap, Scope};

/// Cuts `text` to `width` characters, ending with «…» when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// Pads or cuts `text` to exactly `width` characters.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let n = cut.chars().count();
    format!("{cut}{}", " ".repeat(width.saturating_sub(n)))
}

/// `text` with no-break spaces, so that wrapping keeps it on one line: an account number
/// («615 502 07 42») split over two lines reads as two numbers.
pub fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// Word-wraps `text` at `width` characters (at plain spaces, not no-break ones); words longer
/// than a line are broken. «№» stays with the number after it, as Russian typesetting has it:
/// a line ending in «№» reads as a number left out.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = text.replace("№ ", "№\u{a0}");
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split(' ') {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let wlen = word.len();
                let sep = usize::from(len > 0);
                if len + sep + wlen <= width {
                    if sep == 1 {
                        line.push(' ');
                    }
                    line.extend(word.iter());
                    len += sep + wlen;
                    break;
                }
                if len > 0 {
                    out.push(std::mem::take(&mut line));
                    len = 0;
                    continue;
                }
                let rest = word.split_off(width);
                out.push(word.iter().collect());
                word = rest;
            }
        }
        out.push(line);
    }
    out
}

/// `n` with its thousands set apart as the language writes them: by a no-break space in
/// Russian («20 000»), by a comma in English.
pub fn grouped(n: usize, lang: Lang) -> String {
    let sep = match lang {
        Lang::Ru => '\u{a0}',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The top bar: the product and the district on the left, the clerk and the time on the right.
pub fn top_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let style = app.settings.theme.bar();
    buf.set_style(area, style);
    let left = match &app.session {
        Some(s) => format!(" {} · {}", tr(lang, "app-name"), s.district.name),
        None => format!(" {}", tr(lang, "app-name")),
    };
    let time = super::dates::date_time(app.now, lang);
    let right = match &app.session {
        Some(s) => {
            format!("{} · {} · {time} ", short_name(&s.clerk), tr(lang, s.clerk.role.message_id()))
        }
        None => format!("{time} "),
    };
    let width = usize::from(area.width);
    let right_len = right.chars().count();
    let left = truncate(&left, width.saturating_sub(right_len + 1));
    let gap = width.saturating_sub(left.chars().count() + right_len);
    let line = format!("{left}{}{right}", " ".repeat(gap));
    buf.set_string(area.x, area.y, truncate(&line, width), style);
    if app.server_stopped.is_some() {
        // over the product's name: said on every screen, until the program ends
        let warning =
            truncate(&format!(" ! {} ", tr(lang, "tui-server-stopped-short")), width.saturating_sub(right_len));
        buf.set_string(area.x, area.y, warning, app.settings.theme.error());
    }
}

/// What the status line says about a stopped web server: its exit code (or signal) and log.
pub fn server_stopped_text(app: &App) -> Option<String> {
    let exit = app.server_stopped.as_ref()?;
    let log = exit.log.display().to_string();
    Some(match (exit.code, exit.signal) {
        (None, Some(signal)) => {
            tr_args(app.lang(), "tui-server-stopped-signal", &[("signal", signal.into()), ("log", log.into())])
        }
        (code, _) => {
            let code = code.map_or_else(|| "—".to_owned(), |c| c.to_string());
            tr_args(app.lang(), "tui-server-stopped-code", &[("code", code.into()), ("log", log.into())])
        }
    })
}

/// «Орлова А. И.» from «Орлова Анна Игоревна».
pub fn short_name(clerk: &ereception_core::domain::clerk::Clerk) -> String {
    if clerk.full_name.trim().is_empty() { clerk.login.clone() } else { initials(&clerk.full_name) }
}

/// «Орлова А. И.» from «Орлова Анна Игоревна»: the surname and the initials of the rest.
pub fn initials(full_name: &str) -> String {
    let mut parts = full_name.split_whitespace();
    let Some(surname) = parts.next() else { return String::new() };
    let initials: Vec<String> = parts.filter_map(|p| p.chars().next()).map(|c| format!("{c}.")).collect();
    if initials.is_empty() { surname.to_owned() } else { format!("{surname} {}", initials.join(" ")) }
}

/// The status line: the last message, or «…» while something runs; with nothing else to say,
/// that the residents' web server stopped, if it did.
pub fn status_line(app: &App, area: Rect, buf: &mut Buffer) {
    let (text, style) = status_text(app);
    for (i, line) in status_lines(&text, area.width, area.height).iter().enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
        buf.set_string(area.x, y, line, style);
    }
}

/// The most rows the status line takes: a longer message is cut at the end of the second.
pub const STATUS_ROWS_MAX: u16 = 2;

/// What the status line says, and in which style.
fn status_text(app: &App) -> (String, Style) {
    let theme = app.settings.theme;
    if app.busy {
        return (tr(app.lang(), "tui-busy"), theme.dim());
    }
    match (&app.status, server_stopped_text(app)) {
        (Some(s), _) if s.error => (format!("! {}", s.text), theme.error()),
        (Some(s), _) => (s.text.clone(), theme.ok()),
        (None, Some(server)) => (format!("! {server}"), theme.error()),
        (None, None) => (String::new(), Style::new()),
    }
}

/// `text` wrapped at `width` into at most `rows` lines, the last one cut with «…».
fn status_lines(text: &str, width: u16, rows: u16) -> Vec<String> {
    let width = usize::from(width);
    let rows = usize::from(rows.max(1));
    let mut lines = wrap(text, width);
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).join(" ");
        // a cut line shows that there is more
        lines.push(truncate(&format!("{rest} …"), width));
    }
    lines
}

/// The rows the status line needs for its message at the terminal's width: one, or two when
/// the message is longer (the screen above gives up a row rather than the message its end).
pub fn status_rows(app: &App) -> u16 {
    let (text, _) = status_text(app);
    let lines = wrap(&text, usize::from(app.size.0)).len();
    u16::try_from(lines).unwrap_or(STATUS_ROWS_MAX).clamp(1, STATUS_ROWS_MAX)
}

/// The status line of the lock screen: only «…» while something runs, or that the web server
/// stopped — never the last message, which may name a resident.
pub fn busy_line(app: &App, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    if app.busy {
        buf.set_string(area.x, area.y, truncate(&tr(app.lang(), "tui-busy"), width), app.settings.theme.dim());
    } else if let Some(server) = server_stopped_text(app) {
        buf.set_string(area.x, area.y, truncate(&format!("! {server}"), width), app.settings.theme.error());
    }
}

/// Whether the footer and the help offer `command` of `scope` now.
pub fn offered(app: &App, scope: Scope, command: Command) -> bool {
    let supervises = app.session.as_ref().is_some_and(|s| s.clerk.role.supervises());
    match (scope, command) {
        (Scope::Appeal, c) => match (&app.screen, Decision::from_command(c)) {
            (Screen::Appeal(a), Some(d)) => a.allowed.contains(&d),
            _ => true,
        },
        (Scope::Global | Scope::Dashboard, Command::Supervisor) => supervises,
        // the questions are searched too (by name, e-mail, address, words), not sorted or mine
        (Scope::Queue, Command::Sort | Command::Reverse | Command::Mine) => {
            !matches!(&app.screen, Screen::Queue(q) if q.kind == super::action::QueueKind::Questions)
        }
        (Scope::Queue, Command::Stage) => {
            matches!(&app.screen, Screen::Queue(q) if q.kind == super::action::QueueKind::InProgress)
        }
        (Scope::Global, Command::Back) => !matches!(app.screen, Screen::Dashboard(_)),
        (Scope::Slip, Command::Print) => app.settings.can_print,
        (Scope::Resident, Command::RevokePin) => {
            matches!(&app.screen, Screen::Resident(r) if r.data.account.is_some())
        }
        (Scope::Resident, Command::IssuePin) => matches!(&app.screen, Screen::Resident(r) if !r.data.resident.left),
        (Scope::Question, Command::Answer) => {
            matches!(&app.screen, Screen::Question(q) if q.data.question.status == QuestionStatus::Open)
        }
        (Scope::Nav, Command::Open) => {
            matches!(app.screen, Screen::Queue(_) | Screen::PinDesk(_) | Screen::Supervisor(_))
        }
        // a form of one field (a search, a message) has no next field to go to
        (Scope::Form, Command::NextField) => matches!(&app.dialog, Some(Dialog::Form(f)) if f.fields.len() > 1),
        (Scope::Form, Command::Canned) => {
            matches!(&app.dialog, Some(Dialog::Form(f)) if f.fields.iter().any(|x| matches!(x.input, super::app::Input::Canned(_))))
        }
        _ => true,
    }
}

/// The footer: the key hints of the current layers, as many as fit.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let keymap: &Keymap = &app.settings.keymap;
    let width = usize::from(area.width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut seen: Vec<Command> = Vec::new();
    let help = keymap.key_label(Scope::Global, Command::Help, lang).unwrap_or_default();
    let help_hint = format!(" {}", tr(lang, "tui-key-help.short"));
    // the help is offered where the global keys work: not in a dialog, not on the lock screen
    let show_help = app.dialog.is_none() && app.lock.is_none();
    let reserve = if show_help { help.chars().count() + help_hint.chars().count() + 1 } else { 0 };
    'outer: for scope in app.layers() {
        for b in keymap.scope(scope) {
            if !b.footer || b.keys.is_empty() || seen.contains(&b.command) || !offered(app, scope, b.command) {
                continue;
            }
            if scope == Scope::Global && b.command == Command::Help {
                continue;
            }
            let key = b.keys[0].label(lang);
            // a form's own word for sending it: a search is not «sent» anywhere
            let desc = match &app.dialog {
                Some(Dialog::Form(f)) if scope == Scope::Form && b.command == Command::Submit => {
                    f.purpose.submit_desc().unwrap_or(b.desc)
                }
                _ => b.desc,
            };
            let label = tr(lang, &format!("{desc}.short"));
            let len = key.chars().count() + 1 + label.chars().count() + 1;
            if used + len > width.saturating_sub(reserve) {
                break 'outer;
            }
            seen.push(b.command);
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {label} ")));
            used += len;
        }
    }
    if show_help && !help.is_empty() {
        let pad = width.saturating_sub(used + reserve);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(help, theme.key()));
        spans.push(Span::raw(help_hint));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// A heading line of a section.
pub fn heading(text: String, style: Style) -> Line<'static> {
    Line::from(Span::styled(text, style))
}

/// A language's name.
pub fn lang_name(lang: Lang, of: Lang) -> String {
    tr(
        lang,
        match of {
            Lang::Ru => "tui-lang-ru",
            Lang::En => "tui-lang-en",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_breaks_long_ones() {
        assert_eq!(wrap("Добрый день, Мария Петровна", 12), ["Добрый день,", "Мария", "Петровна"]);
        assert_eq!(wrap("абвгдежзийклм", 5), ["абвгд", "ежзий", "клм"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(truncate("Выписка из домовой книги", 10), "Выписка и…");
        assert_eq!(fit("ab", 4), "ab  ");
    }

    /// «(личный кабинет № 382 927 81 / 74)»: the account number was split at the line's end.
    #[test]
    fn an_unbroken_number_wraps_whole() {
        let text = format!("кабинет {}.", unbroken("382 927 81 74"));
        assert_eq!(wrap(&text, 20), ["кабинет", "382\u{a0}927\u{a0}81\u{a0}74."]);
    }

    /// «1234 байт»: a file's size did not agree with its number.
    #[test]
    fn a_size_agrees_with_its_number() {
        let size =
            |n: usize| tr_args(Lang::Ru, "tui-file-summary", &[("type", "application/pdf".into()), ("size", n.into())]);
        assert_eq!(size(1234), "application/pdf, 1234 байта");
        assert_eq!(size(1021), "application/pdf, 1021 байт");
        assert_eq!(size(13), "application/pdf, 13 байт");
        let doc = tr_args(
            Lang::Ru,
            "tui-appeal-document",
            &[
                ("name", "справка.pdf".into()),
                ("type", "application/pdf".into()),
                ("size", 52_482_usize.into()),
                ("date", "05.12.2026".into()),
            ],
        );
        assert_eq!(doc, "справка.pdf · application/pdf · 52482 байта · 05.12.2026");
    }

    /// «личный кабинет № / 358 265 27 27»: «№» was left at the line's end, apart from its number.
    #[test]
    fn the_number_sign_stays_with_its_number() {
        let text = format!("(личный кабинет № {}). Выдать новый?", unbroken("358 265 27 27"));
        assert_eq!(wrap(&text, 20), ["(личный кабинет", "№\u{a0}358\u{a0}265\u{a0}27\u{a0}27).", "Выдать новый?"]);
        assert_eq!(wrap("обращению № ЭП-0412-2026-000083", 14), ["обращению", "№\u{a0}ЭП-0412-2026", "-000083"]);
    }
}
