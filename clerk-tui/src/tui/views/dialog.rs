//! Dialogs over the screen: forms, confirmations, the help (generated from the key map).

use ereception_core::i18n::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::scrolled;
use crate::tui::app::{App, Confirm, Dialog, Form, Input};
use crate::tui::editor::LineInput;
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit, offered, truncate, wrap};

/// A one-line input; the focused one shows its cursor in reverse video.
pub fn line_input(input: &LineInput, area: Rect, buf: &mut Buffer, focused: bool, theme: Theme) {
    let width = usize::from(area.width);
    let (text, cursor) = input.view(width.saturating_sub(1));
    let base = Style::new().add_modifier(Modifier::UNDERLINED);
    buf.set_string(area.x, area.y, fit(&text, width), base);
    if focused {
        let x = area.x + u16::try_from(cursor).unwrap_or(0);
        if x < area.right() {
            let cell = text.chars().nth(cursor).map_or_else(|| " ".to_owned(), |c| c.to_string());
            buf.set_string(x, area.y, cell, theme.selected().add_modifier(Modifier::REVERSED));
        }
    }
}

fn input_height(input: &Input) -> u16 {
    match input {
        Input::Line(_) => 1,
        Input::Text(_) => 6,
        Input::Checks(c) => u16::try_from(c.items.len().clamp(1, 6)).unwrap_or(6),
        Input::Choice(c) | Input::Canned(c) => u16::try_from(c.items.len().clamp(1, 5)).unwrap_or(5),
    }
}

fn list_window(len: usize, cursor: usize, height: usize) -> usize {
    if cursor >= height { cursor + 1 - height } else { 0 }.min(len.saturating_sub(height))
}

/// At most this many rows of a form's context; a longer text ends in «…».
const CONTEXT_ROWS: usize = 6;

/// A form's read-only context wrapped to `width`, then a blank row; nothing when it has none.
fn context_rows(context: &[String], width: usize) -> Vec<String> {
    let mut rows: Vec<String> = context.iter().flat_map(|line| wrap(line, width.max(10))).collect();
    if rows.len() > CONTEXT_ROWS {
        rows.truncate(CONTEXT_ROWS);
        if let Some(last) = rows.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{keep}…");
        }
    }
    if !rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

/// The list item under the cursor of the focused field, wrapped to `width`, when the list
/// (indented by 2, marked «[ ] » or «( ) ») cuts it; nothing otherwise.
fn cut_item(form: &Form, width: usize) -> Vec<String> {
    let item = match form.fields.get(form.focus).map(|f| &f.input) {
        Some(Input::Checks(c)) => c.items.get(c.cursor),
        Some(Input::Choice(c) | Input::Canned(c)) => c.items.get(c.selected),
        _ => None,
    };
    match item {
        Some(item) if item.chars().count() > width.saturating_sub(2 + 4) => wrap(item, width),
        _ => Vec::new(),
    }
}

fn draw_form(app: &App, form: &Form, area: Rect, buf: &mut Buffer) {
    let theme = app.settings.theme;
    let width = area.width.min(76);
    let mut heights: Vec<u16> = form.fields.iter().map(|f| input_height(&f.input)).collect();
    // the error is wrapped, never cut: its end often says what to do («…например, 14.12.2026»)
    let error: Vec<String> =
        form.error.as_ref().map(|e| wrap(&format!("! {e}"), usize::from(width.saturating_sub(2)))).unwrap_or_default();
    // with no error, the row beneath shows the whole of a list item the list cuts: a refusal
    // ground («…давались ответы по существу, но…») is read in full before it is ticked
    let hint = if error.is_empty() { cut_item(form, usize::from(width.saturating_sub(2))) } else { Vec::new() };
    let error_rows = u16::try_from(error.len().max(hint.len()).max(1)).unwrap_or(1);
    let context = context_rows(&form.context, usize::from(width.saturating_sub(2)));
    let fixed: u16 = heights.len() as u16 + 2 + error_rows + u16::try_from(context.len()).unwrap_or(0);
    let mut total: u16 = fixed + heights.iter().sum::<u16>();
    // shrink editors, then lists, to fit
    while total > area.height {
        let Some((i, _)) = heights.iter().enumerate().filter(|(_, h)| **h > 1).max_by_key(|(_, h)| **h) else { break };
        heights[i] -= 1;
        total -= 1;
    }
    let rect = centered(area, width, total.min(area.height));
    Clear.render(rect, buf);
    let block =
        Block::default().borders(Borders::ALL).title(format!(" {} ", truncate(&form.title, usize::from(width) - 4)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let w = usize::from(inner.width);
    let mut y = inner.y;
    for line in &context {
        if y >= inner.bottom() {
            break;
        }
        buf.set_string(inner.x, y, truncate(line, w), theme.dim());
        y += 1;
    }
    for (i, (field, h)) in form.fields.iter().zip(heights.iter()).enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { theme.active() } else { Style::new() };
        let marker = if focused { "▸ " } else { "  " };
        buf.set_string(inner.x, y, truncate(&format!("{marker}{}", field.label), w), label_style);
        y += 1;
        let h = (*h).min(inner.bottom().saturating_sub(y));
        let rect = Rect { x: inner.x + 2, y, width: inner.width.saturating_sub(2), height: h };
        match &field.input {
            Input::Line(l) => line_input(l, rect, buf, focused, theme),
            Input::Text(t) => {
                let (rows, (cy, cx)) = t.view(usize::from(rect.width.saturating_sub(1)), usize::from(rect.height));
                for (k, row) in rows.iter().enumerate() {
                    let ry = rect.y + u16::try_from(k).unwrap_or(0);
                    buf.set_string(
                        rect.x,
                        ry,
                        fit(row, usize::from(rect.width)),
                        Style::new().add_modifier(Modifier::UNDERLINED),
                    );
                }
                for k in rows.len()..usize::from(rect.height) {
                    let ry = rect.y + u16::try_from(k).unwrap_or(0);
                    buf.set_string(
                        rect.x,
                        ry,
                        " ".repeat(usize::from(rect.width)),
                        Style::new().add_modifier(Modifier::UNDERLINED),
                    );
                }
                if focused {
                    let cell =
                        rows.get(cy).and_then(|r| r.chars().nth(cx)).map_or_else(|| " ".to_owned(), |c| c.to_string());
                    let (x, cy) = (rect.x + u16::try_from(cx).unwrap_or(0), rect.y + u16::try_from(cy).unwrap_or(0));
                    if x < rect.right() && cy < rect.bottom() {
                        buf.set_string(x, cy, cell, theme.selected());
                    }
                }
            }
            Input::Checks(c) => {
                let top = list_window(c.items.len(), c.cursor, usize::from(rect.height));
                for (k, (item, ticked)) in
                    c.items.iter().zip(&c.checked).enumerate().skip(top).take(usize::from(rect.height))
                {
                    let ry = rect.y + u16::try_from(k - top).unwrap_or(0);
                    let text = format!("[{}] {item}", if *ticked { "x" } else { " " });
                    let style = if focused && k == c.cursor { theme.selected() } else { Style::new() };
                    buf.set_string(rect.x, ry, fit(&text, usize::from(rect.width)), style);
                }
            }
            Input::Choice(c) | Input::Canned(c) => {
                let top = list_window(c.items.len(), c.selected, usize::from(rect.height));
                for (k, item) in c.items.iter().enumerate().skip(top).take(usize::from(rect.height)) {
                    let ry = rect.y + u16::try_from(k - top).unwrap_or(0);
                    let chosen = k == c.selected;
                    let text = format!("({}) {item}", if chosen { "•" } else { " " });
                    let style = if chosen && focused { theme.selected() } else { Style::new() };
                    buf.set_string(rect.x, ry, fit(&text, usize::from(rect.width)), style);
                }
            }
        }
        y += h;
    }
    let (bottom, style) = if error.is_empty() { (&hint, theme.dim()) } else { (&error, theme.error()) };
    let first = inner.bottom().saturating_sub(u16::try_from(bottom.len()).unwrap_or(0));
    for (k, line) in bottom.iter().enumerate() {
        let ry = first + u16::try_from(k).unwrap_or(0);
        if ry >= inner.y && ry < inner.bottom() {
            buf.set_string(inner.x, ry, truncate(line, w), style);
        }
    }
}

fn draw_confirm(app: &App, c: &Confirm, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let width = area.width.min(72);
    let text_w = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap(&c.title, text_w) {
        lines.push(Line::styled(l, theme.heading()));
    }
    for line in &c.lines {
        // an indented line (a ground's remedy under the ground) keeps its indent when wrapped
        let text = line.trim_start_matches(' ');
        let indent = " ".repeat(line.len() - text.len());
        for l in wrap(text, text_w.saturating_sub(indent.len()).max(10)) {
            lines.push(Line::raw(format!("{indent}{l}")));
        }
    }
    // too long for the screen (many grounds, each with its remedy): cut before the keys, which
    // must stay in sight, with «…» saying there is more
    let room = usize::from(area.height).saturating_sub(2 + 2);
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::raw("…"));
    }
    lines.push(Line::raw(""));
    let keymap = &app.settings.keymap;
    let mut keys = Vec::new();
    for b in keymap.scope(Scope::Confirm) {
        keys.push(Span::styled(Keymap::keys_label(b, lang), theme.key()));
        keys.push(Span::raw(format!(" {}   ", tr(lang, &format!("{}.short", b.desc)))));
    }
    lines.push(Line::from(keys));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-confirm-heading")));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner }, buf);
}

fn draw_help(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    let keymap = &app.settings.keymap;
    let rect = area;
    Clear.render(rect, buf);
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-help-title")));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let behind: Vec<Scope> = match &app.screen {
        s if app.session.is_none() => vec![s.scope()],
        s => vec![s.scope(), Scope::Nav, Scope::Global],
    };
    let mut order = behind.clone();
    order.extend(Scope::ALL.iter().filter(|s| !behind.contains(s) && **s != Scope::SignIn));
    let key_w = 18;
    let w = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for scope in order {
        let bindings: Vec<_> = keymap.scope(scope).filter(|b| !b.keys.is_empty()).collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::styled(scope.title(lang), theme.heading()));
        for b in bindings {
            let live = !behind.contains(&scope) || offered(app, scope, b.command);
            let style = if live { Style::new() } else { theme.dim() };
            let desc = tr(lang, b.desc);
            let wrapped = wrap(&desc, w.saturating_sub(key_w + 2).max(10));
            for (i, d) in wrapped.into_iter().enumerate() {
                let keys = if i == 0 { fit(&Keymap::keys_label(b, lang), key_w) } else { " ".repeat(key_w) };
                lines.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(keys, theme.active()),
                    Span::raw(" "),
                    Span::styled(d, style),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    for id in ["tui-help-editing", "tui-help-marks", "tui-help-layout"] {
        for l in wrap(&tr(lang, id), w.saturating_sub(1)) {
            lines.push(Line::styled(format!(" {l}"), theme.dim()));
        }
    }
    scrolled(lines, scroll, inner, buf);
}

pub fn draw(app: &App, dialog: &Dialog, area: Rect, buf: &mut Buffer) {
    match dialog {
        Dialog::Form(f) => draw_form(app, f, area, buf),
        Dialog::Confirm(c) => draw_confirm(app, c, area, buf),
        Dialog::Help { scroll } => draw_help(app, *scroll, area, buf),
    }
}
