//! Text entry: a one-line input, a multi-line editor with soft wrapping, check lists and
//! choice lists. These are the widgets' states; keys reach them as [`EditKey`]s (typing and
//! moving inside the focused widget), never as commands of the key map.

use std::fmt;

/// A key that edits or moves inside the focused widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Up,
    Down,
    PageUp,
    PageDown,
    Enter,
}

/// Overwrites a string's bytes before it is dropped: for passwords and PIN slips.
pub fn wipe(text: &mut String) {
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.iter_mut().for_each(|b| *b = 0);
    std::hint::black_box(&bytes);
}

/// Text that must not outlive its use: shown, printed, then wiped. `Debug` hides it.
#[derive(Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: String) -> Secret {
        Secret(text)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The longest text any field takes, in characters (core checks its own limits again).
pub const MAX_FIELD_CHARS: usize = 20_000;

/// One line of text with a cursor; optionally masked (passwords).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    chars: Vec<char>,
    cursor: usize,
    masked: bool,
}

impl fmt::Debug for LineInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.masked {
            f.write_str("LineInput(***)")
        } else {
            f.debug_tuple("LineInput").field(&self.text()).finish()
        }
    }
}

impl Drop for LineInput {
    fn drop(&mut self) {
        if self.masked {
            self.chars.iter_mut().for_each(|c| *c = '\0');
            std::hint::black_box(&self.chars);
        }
    }
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
        LineInput { cursor: chars.len(), chars, masked: false }
    }

    pub fn masked() -> LineInput {
        LineInput { chars: Vec::new(), cursor: 0, masked: true }
    }

    pub fn is_masked(&self) -> bool {
        self.masked
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// Whether it holds [`MAX_FIELD_CHARS`]: what is typed next is not taken.
    pub fn is_full(&self) -> bool {
        self.chars.len() >= MAX_FIELD_CHARS
    }

    pub fn set(&mut self, text: &str) {
        let masked = self.masked;
        *self = LineInput::new(text);
        self.masked = masked;
    }

    /// Empties the field, overwriting what it held.
    pub fn clear(&mut self) {
        self.chars.iter_mut().for_each(|c| *c = '\0');
        self.chars.clear();
        self.cursor = 0;
    }

    /// Applies a key; `false` when the key means nothing to a line.
    pub fn handle(&mut self, key: EditKey) -> bool {
        match key {
            EditKey::Char(c) if !c.is_control() => {
                if self.chars.len() < MAX_FIELD_CHARS {
                    self.chars.insert(self.cursor, c);
                    self.cursor += 1;
                }
            }
            EditKey::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            EditKey::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            EditKey::Left => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.chars.len(),
            EditKey::Backspace | EditKey::Delete => {}
            _ => return false,
        }
        true
    }

    /// What fits in `width` columns around the cursor, and the cursor's column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let start = (self.cursor + 1).saturating_sub(width);
        let shown: String =
            self.chars[start..].iter().take(width).map(|c| if self.masked { '•' } else { *c }).collect();
        (shown, self.cursor - start)
    }
}

/// A multi-line editor: logical lines, a cursor, soft wrapping when drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<Vec<char>>,
    row: usize,
    col: usize,
    /// Whether the text was typed (or chosen) rather than pre-filled.
    pub edited: bool,
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea { lines: vec![Vec::new()], row: 0, col: 0, edited: false }
    }
}

impl TextArea {
    pub fn new(text: &str) -> TextArea {
        let mut t = TextArea::default();
        t.set(text);
        t
    }

    /// Replaces the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        self.lines = text
            .replace("\r\n", "\n")
            .split('\n')
            .map(|l| l.chars().filter(|c| !c.is_control() || *c == '\t').collect())
            .collect();
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        self.row = self.lines.len() - 1;
        self.col = self.lines[self.row].len();
    }

    /// Empties the line the cursor is on (Ctrl+U, «очистить строку ввода»); the other lines stay.
    pub fn clear_line(&mut self) {
        if let Some(line) = self.lines.get_mut(self.row) {
            line.clear();
        }
        self.col = 0;
    }

    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.iter().collect::<String>()).collect::<Vec<_>>().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.iter().all(|c| c.is_whitespace()))
    }

    fn len(&self) -> usize {
        self.lines.iter().map(Vec::len).sum::<usize>() + self.lines.len()
    }

    /// Whether it holds [`MAX_FIELD_CHARS`] (line breaks counted): what is typed next is not taken.
    pub fn is_full(&self) -> bool {
        self.len() >= MAX_FIELD_CHARS
    }

    /// Inserts text at the cursor (a canned answer).
    pub fn insert(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.handle(EditKey::Enter);
            } else {
                self.handle(EditKey::Char(c));
            }
        }
    }

    /// Applies a key; `false` when the key means nothing to the editor.
    pub fn handle(&mut self, key: EditKey) -> bool {
        let line_len = |t: &TextArea, r: usize| t.lines[r].len();
        match key {
            EditKey::Char(c) if !c.is_control() || c == '\t' => {
                if self.len() < MAX_FIELD_CHARS {
                    self.lines[self.row].insert(self.col, c);
                    self.col += 1;
                    self.edited = true;
                }
            }
            EditKey::Enter => {
                if self.len() < MAX_FIELD_CHARS {
                    let rest = self.lines[self.row].split_off(self.col);
                    self.lines.insert(self.row + 1, rest);
                    self.row += 1;
                    self.col = 0;
                    self.edited = true;
                }
            }
            EditKey::Backspace => {
                if self.col > 0 {
                    self.col -= 1;
                    self.lines[self.row].remove(self.col);
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = line_len(self, self.row);
                    self.lines[self.row].extend(line);
                }
                self.edited = true;
            }
            EditKey::Delete => {
                if self.col < line_len(self, self.row) {
                    self.lines[self.row].remove(self.col);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].extend(next);
                }
                self.edited = true;
            }
            EditKey::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = line_len(self, self.row);
                }
            }
            EditKey::Right => {
                if self.col < line_len(self, self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            EditKey::Home => self.col = 0,
            EditKey::End => self.col = line_len(self, self.row),
            EditKey::Up | EditKey::PageUp => {
                let n = if key == EditKey::Up { 1 } else { 10 };
                self.row = self.row.saturating_sub(n);
                self.col = self.col.min(line_len(self, self.row));
            }
            EditKey::Down | EditKey::PageDown => {
                let n = if key == EditKey::Down { 1 } else { 10 };
                self.row = (self.row + n).min(self.lines.len() - 1);
                self.col = self.col.min(line_len(self, self.row));
            }
            EditKey::Char(_) => return false,
        }
        true
    }

    /// The text wrapped at `width` columns, the visual rows from the one that keeps the cursor
    /// in a window of `height`, and the cursor's (row, column) in that window.
    pub fn view(&self, width: usize, height: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(1);
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        for (r, line) in self.lines.iter().enumerate() {
            let bounds = wrap_bounds(line, width);
            for (k, (start, end)) in bounds.iter().copied().enumerate() {
                if r == self.row {
                    let last = k + 1 == bounds.len();
                    if self.col >= start && (self.col < end || (last && self.col <= end)) && self.col - start < width {
                        cursor = (rows.len(), self.col - start);
                    }
                }
                rows.push(line[start..end].iter().collect::<String>());
            }
            // a cursor after a full last row goes to a fresh visual row
            let last_start = bounds.last().map_or(0, |b| b.0);
            if r == self.row && self.col == line.len() && self.col - last_start >= width {
                cursor = (rows.len(), 0);
                rows.push(String::new());
            }
        }
        let height = height.max(1);
        let top = (cursor.0 + 1).saturating_sub(height);
        let shown = rows.into_iter().skip(top).take(height).collect();
        (shown, (cursor.0 - top, cursor.1))
    }
}

/// Where a line breaks into visual rows of at most `width` characters: after the last space
/// that fits, or at `width` within a word too long for a row. `[start, end)` per row.
fn wrap_bounds(line: &[char], width: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while line.len() - start > width {
        let window = &line[start..start + width];
        let end = match window.iter().rposition(|c| *c == ' ') {
            Some(space) if space > 0 => start + space + 1,
            _ => start + width,
        };
        out.push((start, end));
        start = end;
    }
    out.push((start, line.len()));
    out
}

/// Items to tick, one or more.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckList {
    pub items: Vec<String>,
    pub checked: Vec<bool>,
    pub cursor: usize,
}

impl CheckList {
    pub fn new(items: Vec<String>) -> CheckList {
        CheckList { checked: vec![false; items.len()], items, cursor: 0 }
    }

    /// The ticked items' indexes.
    pub fn selected(&self) -> Vec<usize> {
        self.checked.iter().enumerate().filter(|(_, c)| **c).map(|(i, _)| i).collect()
    }

    /// Applies a key; returns whether a tick changed.
    pub fn handle(&mut self, key: EditKey) -> (bool, bool) {
        match key {
            EditKey::Up => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Down => self.cursor = (self.cursor + 1).min(self.items.len().saturating_sub(1)),
            EditKey::Home | EditKey::PageUp => self.cursor = 0,
            EditKey::End | EditKey::PageDown => self.cursor = self.items.len().saturating_sub(1),
            EditKey::Char(' ') | EditKey::Char('x') => {
                if let Some(c) = self.checked.get_mut(self.cursor) {
                    *c = !*c;
                    return (true, true);
                }
            }
            _ => return (false, false),
        }
        (true, false)
    }
}

/// One item of several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChoiceList {
    pub items: Vec<String>,
    pub selected: usize,
}

impl ChoiceList {
    pub fn new(items: Vec<String>, selected: usize) -> ChoiceList {
        let selected = selected.min(items.len().saturating_sub(1));
        ChoiceList { items, selected }
    }

    pub fn handle(&mut self, key: EditKey) -> bool {
        match key {
            EditKey::Up | EditKey::Left => self.selected = self.selected.saturating_sub(1),
            EditKey::Down | EditKey::Right | EditKey::Char(' ') => {
                self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1));
            }
            EditKey::Home | EditKey::PageUp => self.selected = 0,
            EditKey::End | EditKey::PageDown => self.selected = self.items.len().saturating_sub(1),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &mut LineInput, s: &str) {
        for c in s.chars() {
            line.handle(EditKey::Char(c));
        }
    }

    #[test]
    fn a_line_edits_at_the_cursor() {
        let mut l = LineInput::default();
        typed(&mut l, "Иванва");
        l.handle(EditKey::Left);
        l.handle(EditKey::Left);
        typed(&mut l, "о");
        assert_eq!(l.text(), "Иванова");
        l.handle(EditKey::Home);
        l.handle(EditKey::Delete);
        assert_eq!(l.text(), "ванова");
        l.handle(EditKey::End);
        l.handle(EditKey::Backspace);
        assert_eq!(l.text(), "ванов");
        assert!(!l.handle(EditKey::Enter));
        let (shown, col) = l.view(3);
        assert_eq!((shown.as_str(), col), ("ов", 2));
    }

    #[test]
    fn a_masked_line_shows_dots_and_hides_from_debug() {
        let mut l = LineInput::masked();
        typed(&mut l, "secret");
        assert_eq!(l.view(10).0, "••••••");
        assert_eq!(format!("{l:?}"), "LineInput(***)");
        assert_eq!(l.text(), "secret");
        l.clear();
        assert_eq!(l.text(), "");
    }

    #[test]
    fn the_editor_splits_and_joins_lines() {
        let mut t = TextArea::new("Добрый день.");
        assert!(!t.edited);
        t.handle(EditKey::Enter);
        t.insert("Ответ:\nвсё готово");
        assert_eq!(t.text(), "Добрый день.\nОтвет:\nвсё готово");
        assert!(t.edited);
        t.handle(EditKey::Up);
        t.handle(EditKey::Home);
        t.handle(EditKey::Backspace);
        assert_eq!(t.text(), "Добрый день.Ответ:\nвсё готово");
        t.handle(EditKey::End);
        t.handle(EditKey::Delete);
        assert_eq!(t.text(), "Добрый день.Ответ:всё готово");
    }

    #[test]
    fn the_editor_wraps_and_keeps_the_cursor_in_view() {
        let t = TextArea::new("абвгдежзик\nлм");
        let (rows, cursor) = t.view(4, 10);
        assert_eq!(rows, ["абвг", "дежз", "ик", "лм"]);
        assert_eq!(cursor, (3, 2));
        let (rows, cursor) = t.view(4, 2);
        assert_eq!(rows, ["ик", "лм"]);
        assert_eq!(cursor, (1, 2));
        let full = TextArea::new("абвг");
        let (rows, cursor) = full.view(4, 5);
        assert_eq!(rows, ["абвг", ""]);
        assert_eq!(cursor, (1, 0));
        let words = TextArea::new("Дождитесь решения по обращению");
        let (rows, cursor) = words.view(10, 5);
        assert_eq!(rows, ["Дождитесь ", "решения ", "по ", "обращению"]);
        assert_eq!(cursor, (3, 9));
    }

    #[test]
    fn lists_move_and_tick() {
        let mut c = CheckList::new(vec!["a".into(), "b".into(), "c".into()]);
        c.handle(EditKey::Down);
        assert_eq!(c.handle(EditKey::Char(' ')), (true, true));
        c.handle(EditKey::End);
        c.handle(EditKey::Char(' '));
        assert_eq!(c.selected(), vec![1, 2]);
        let mut ch = ChoiceList::new(vec!["ru".into(), "en".into()], 0);
        ch.handle(EditKey::Down);
        ch.handle(EditKey::Down);
        assert_eq!(ch.selected, 1);
    }

    #[test]
    fn secrets_are_wiped_and_hidden() {
        let s = Secret::new("PIN 1234-ABCD".to_owned());
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "PIN 1234-ABCD");
        let mut text = "пароль".to_owned();
        wipe(&mut text);
        assert!(text.is_empty());
    }
}
