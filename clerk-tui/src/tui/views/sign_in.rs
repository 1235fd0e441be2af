//! The sign-in screen.

use ereception_core::i18n::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::dialog::line_input;
use crate::tui::app::{App, SignInState};
use crate::tui::widgets::{centered, truncate, wrap};

pub fn draw(app: &App, s: &SignInState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    buf.set_string(title.x + 1, title.y, tr(lang, "tui-sign-in-title"), theme.heading());
    let area = centered(body, 60, 10);
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-sign-in-box")));
    let inner = block.inner(area);
    block.render(area, buf);
    let label_w: u16 = 10;
    let labels = [tr(lang, "tui-field-login"), tr(lang, "tui-field-password")];
    for (i, (label, input)) in labels.iter().zip([&s.login, &s.password]).enumerate() {
        let y = inner.y + 1 + u16::try_from(i).unwrap_or(0) * 2;
        let style = if s.focus == i { theme.active() } else { ratatui::style::Style::new() };
        buf.set_string(inner.x + 1, y, truncate(label, usize::from(label_w)), style);
        let field = Rect { x: inner.x + 1 + label_w, y, width: inner.width.saturating_sub(label_w + 2), height: 1 };
        line_input(input, field, buf, s.focus == i, theme);
    }
    let text_w = usize::from(inner.width.saturating_sub(2));
    if let Some(m) = &s.message {
        let style = if m.error { theme.error() } else { theme.ok() };
        for (i, line) in wrap(&m.text, text_w).into_iter().take(2).enumerate() {
            buf.set_string(inner.x + 1, inner.y + 5 + u16::try_from(i).unwrap_or(0), line, style);
        }
    }
    let hint = tr(lang, "tui-sign-in-hint");
    buf.set_string(inner.x + 1, inner.y + 7, truncate(&hint, text_w), theme.dim());
}
