//! The lock screen: the clerk's own short name, when it locked and how to come back — nothing
//! of any resident. What it hides is not drawn at all.

use ereception_core::clock::MOSCOW_OFFSET;
use ereception_core::i18n::{Arg, tr, tr_args};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Widget};

use super::dialog::line_input;
use crate::tui::app::{App, LockState};
use crate::tui::keymap::{Command, Scope};
use crate::tui::widgets::{centered, short_name, truncate, wrap};

pub fn draw(app: &App, lock: &LockState, title: Rect, body: Rect, buf: &mut Buffer) {
    let lang = app.lang();
    let theme = app.settings.theme;
    buf.set_string(title.x + 1, title.y, tr(lang, "tui-lock-title"), theme.heading());
    let area = centered(body, 64, 12);
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr(lang, "tui-lock-box")));
    let inner = block.inner(area);
    block.render(area, buf);
    let text_w = usize::from(inner.width.saturating_sub(2));
    let x = inner.x + 1;
    if let Some(session) = &app.session {
        let name = short_name(&session.clerk);
        buf.set_string(
            x,
            inner.y,
            truncate(&tr_args(lang, "tui-lock-clerk", &[("name", name.into())]), text_w),
            theme.active(),
        );
    }
    let time = lock.at.with_timezone(&MOSCOW_OFFSET).format("%H:%M").to_string();
    let since = match lock.idle_minutes {
        Some(n) => tr_args(lang, "tui-lock-idle", &[("time", time.into()), ("n", Arg::from(n))]),
        None => tr_args(lang, "tui-lock-manual", &[("time", time.into())]),
    };
    buf.set_string(x, inner.y + 1, truncate(&since, text_w), theme.dim());
    let label_w: u16 = 10;
    let focused = !lock.confirm_end;
    let style = if focused { theme.active() } else { ratatui::style::Style::new() };
    buf.set_string(x, inner.y + 3, truncate(&tr(lang, "tui-field-password"), usize::from(label_w)), style);
    let field = Rect { x: x + label_w, y: inner.y + 3, width: inner.width.saturating_sub(label_w + 2), height: 1 };
    line_input(&lock.password, field, buf, focused, theme);
    let message = if lock.confirm_end {
        app.unsaved().map(|id| (tr(lang, id), true))
    } else {
        lock.message.as_ref().map(|m| (m.text.clone(), m.error))
    };
    if let Some((text, error)) = message {
        let style = if error { theme.error() } else { theme.ok() };
        for (i, line) in wrap(&text, text_w).into_iter().take(3).enumerate() {
            buf.set_string(x, inner.y + 5 + u16::try_from(i).unwrap_or(0), line, style);
        }
    }
    let keymap = &app.settings.keymap;
    let unlock = keymap.key_label(Scope::Lock, Command::Submit, lang).unwrap_or_default();
    let end = keymap.key_label(Scope::Lock, Command::SignOut, lang).unwrap_or_default();
    let hint = tr_args(lang, "tui-lock-hint", &[("unlock", unlock.into()), ("end", end.into())]);
    buf.set_string(x, inner.y + 9, truncate(&hint, text_w), theme.dim());
}
