//! Drawing: `impl Widget for &App`. Views read the state and never change it; everything they
//! need to scroll or select was settled by `update`.

mod appeal;
mod dashboard;
mod dialog;
mod lock;
mod pin;
mod queue;
mod sign_in;
mod supervisor;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Screen};
use super::widgets;

/// A body of lines scrolled by `scroll`, clamped so the last line stays at the bottom.
pub(crate) fn scrolled(lines: Vec<Line<'static>>, scroll: u16, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    let max = lines.len().saturating_sub(height);
    let top = usize::from(scroll).min(max);
    let shown: Vec<Line<'static>> = lines.into_iter().skip(top).take(height).collect();
    Paragraph::new(shown).render(area, buf);
    if top > 0 {
        buf.set_string(area.right().saturating_sub(1), area.y, "↑", ratatui::style::Style::new());
    }
    if top < max {
        buf.set_string(
            area.right().saturating_sub(1),
            area.bottom().saturating_sub(1),
            "↓",
            ratatui::style::Style::new(),
        );
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 20 || area.height < 6 {
            buf.set_string(
                area.x,
                area.y,
                widgets::truncate("e-Reception: 80×24", usize::from(area.width)),
                ratatui::style::Style::new(),
            );
            return;
        }
        let [top, title, body, status, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(if self.lock.is_some() { 1 } else { widgets::status_rows(self) }),
            Constraint::Length(1),
        ])
        .areas(area);
        widgets::top_bar(self, top, buf);
        if let Some(lock) = &self.lock {
            // nothing beneath the lock is drawn, not even the status line's last message
            lock::draw(self, lock, title, body, buf);
            widgets::busy_line(self, status, buf);
            widgets::footer(self, foot, buf);
            return;
        }
        match &self.screen {
            Screen::SignIn(s) => sign_in::draw(self, s, title, body, buf),
            Screen::Dashboard(d) => dashboard::draw(self, d, title, body, buf),
            Screen::Queue(q) => queue::draw(self, q, title, body, buf),
            Screen::Appeal(a) => appeal::draw(self, a, title, body, buf),
            Screen::Question(q) => appeal::draw_question(self, q, title, body, buf),
            Screen::PinDesk(p) => pin::draw_desk(self, p, title, body, buf),
            Screen::Resident(r) => pin::draw_resident(self, r, title, body, buf),
            Screen::Slip(s) => pin::draw_slip(self, s, title, body, buf),
            Screen::Supervisor(s) => supervisor::draw(self, s, title, body, buf),
        }
        widgets::status_line(self, status, buf);
        widgets::footer(self, foot, buf);
        if let Some(d) = &self.dialog {
            let over = Rect { y: title.y, height: title.height + body.height, ..body };
            dialog::draw(self, d, over, buf);
        }
    }
}
