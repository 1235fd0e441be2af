//! Styles, with and without colour. Under `NO_COLOR` every distinction that colour would make
//! is made with bold, reverse video or a marker character instead, so nothing is lost on a
//! monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

/// The palette in effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (<https://no-color.org>).
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    /// The top bar.
    pub fn bar(self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The selected row of a list.
    pub fn selected(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The active tab, the focused field's label.
    pub fn active(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Section headings.
    pub fn heading(self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Errors, mismatches, overdue deadlines.
    pub fn error(self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Deadlines due today, warnings.
    pub fn warn(self) -> Style {
        if self.color { Style::new().fg(Color::Yellow) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    /// Confirmations, matching fields.
    pub fn ok(self) -> Style {
        if self.color { Style::new().fg(Color::Green) } else { Style::new() }
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    /// Keys in the footer and the help.
    pub fn key(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The PIN on the slip.
    pub fn secret(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
