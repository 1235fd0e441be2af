//! The plain-text part as `format=flowed` (RFC 3676): lines of at most [`WIDTH`] characters,
//! so that it reads well in every mail client.
//!
//! A letter's paragraphs are single long lines ([`super::letter`]). Sent as they are, a client
//! that does not wrap plain text shows them as one line each, and one that does wraps them
//! where it likes. Flowed text is wrapped at spaces to short lines; a wrapped line ends in a
//! space (a soft break), so a client that knows the format joins the lines again and wraps the
//! paragraph to its own window — a phone's screen included — while any other shows short lines.
//!
//! - Words are never split: a link longer than a line stays whole on a line of its own.
//! - An indented line (a list item's note, an indented line of typed text) and a list item
//!   (`— …`, `1. …`) keep a hanging indent: their continuation lines start under the item's
//!   text, and their breaks are hard (no trailing space), since joining them would pull the
//!   indentation into the middle of a sentence.
//! - Lines a client could misread are space-stuffed: one starting with a space, `>` or `From `
//!   gets one more space in front, which flowed-aware clients remove.
//! - Spaces at the end of a line that was not wrapped are removed (they would mark it as
//!   flowed); the signature separator `-- ` is kept as it is.

/// The longest line, not counting a soft break's trailing space: RFC 3676 asks for lines of
/// about 66 and at most 72 characters (4.2), never more than 78.
pub(crate) const WIDTH: usize = 72;

/// The signature separator (RFC 3676 4.3).
const SIGNATURE_SEPARATOR: &str = "-- ";

/// Writes `text` (lines separated by `\n`) as `format=flowed; delsp=no` text.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split('\n') {
        if line == SIGNATURE_SEPARATOR {
            out.push_str(SIGNATURE_SEPARATOR);
            out.push('\n');
            continue;
        }
        wrap(line.trim_end(), &mut out);
    }
    // every line was given a line end, the last one too
    out.pop();
    out
}

/// The hanging indent of a line, in characters: its leading spaces, then a list marker.
fn hanging_indent(line: &str) -> usize {
    let spaces = line.chars().take_while(|c| *c == ' ').count();
    let rest = &line[spaces..];
    let marker = if rest.starts_with("— ") || rest.starts_with("- ") {
        2
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(". ") { digits + 2 } else { 0 }
    };
    spaces + marker
}

/// Wraps one line (with no trailing spaces) and appends it to `out`, each piece ending in `\n`.
fn wrap(line: &str, out: &mut String) {
    let indent = hanging_indent(line);
    // a paragraph flows; an indented line or a list item keeps its shape
    let soft = indent == 0;
    // a hanging indent that leaves little room for words is dropped rather than honoured
    let indent = if indent > WIDTH / 2 { 0 } else { indent };
    let mut rest = line;
    let mut first = true;
    loop {
        let prefix = if first { 0 } else { indent };
        let room = WIDTH - prefix;
        let piece_start = out.len();
        if !first {
            out.extend(std::iter::repeat_n(' ', prefix));
        }
        match break_at(rest, room) {
            None => {
                out.push_str(rest);
                out.push('\n');
                stuff(out, piece_start);
                return;
            }
            Some(cut) => {
                let (head, tail) = (&rest[..cut], &rest[cut + 1..]);
                if soft {
                    // the space the line is broken at stays at its end: the soft break
                    out.push_str(head);
                    out.push(' ');
                    rest = tail;
                } else {
                    out.push_str(head.trim_end());
                    rest = tail.trim_start();
                }
                out.push('\n');
                stuff(out, piece_start);
                first = false;
                if rest.is_empty() {
                    return;
                }
            }
        }
    }
}

/// Where to break `s` so that the part before fits in `room` characters: the byte index of the
/// last space that allows it (the space itself may be the character just past `room`, as it
/// becomes the soft break), or of the first space after an overlong word. `None` when `s` fits
/// or has no space to break at.
fn break_at(s: &str, room: usize) -> Option<usize> {
    if s.chars().count() <= room {
        return None;
    }
    let mut last_fit = None;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if c == ' ' && s[..i].chars().any(|c| c != ' ') {
            if n <= room {
                last_fit = Some(i);
            } else {
                return Some(last_fit.unwrap_or(i));
            }
        }
    }
    last_fit
}

/// Space-stuffs the line that starts at `start` in `out`, if it needs it (RFC 3676 4.4).
fn stuff(out: &mut String, start: usize) {
    let line = &out[start..];
    if line.starts_with(' ') || line.starts_with('>') || line.starts_with("From ") {
        out.insert(start, ' ');
    }
}

/// Reads flowed text as a client that knows the format does: stuffing removed, soft-broken
/// lines joined.
#[cfg(any(test, feature = "testing"))]
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.strip_prefix(' ').unwrap_or(line);
        out.push_str(line);
        if line == SIGNATURE_SEPARATOR || !line.ends_with(' ') {
            out.push('\n');
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.split('\n').collect()
    }

    #[test]
    fn a_long_paragraph_is_wrapped_at_spaces_with_soft_breaks_and_reads_back_whole() {
        let para = "К сожалению, по вашему обращению принято решение об отказе в предоставлении услуги. \
                    Решение об отказе можно обжаловать в досудебном порядке (жалобой главе управы района, \
                    поданной лично или почтой) либо в суде.";
        let text = format!("Здравствуйте!\n\n{para}\n");
        let flowed = encode(&text);
        for line in lines(&flowed) {
            assert!(line.trim_end().chars().count() <= WIDTH, "{line:?}");
        }
        assert!(lines(&flowed).len() > 4, "{flowed}");
        assert!(lines(&flowed)[2].ends_with(' '), "a soft break: {flowed}");
        assert_eq!(decode(&flowed), text);
    }

    #[test]
    fn links_are_never_split_and_short_lines_stay_as_they_are() {
        let url = format!("https://priem.arbat.example/confirm/{}", "x".repeat(90));
        let text = format!("Откройте ссылку:\n{url}\nСайт: {url}\n");
        let flowed = encode(&text);
        assert_eq!(lines(&flowed), vec!["Откройте ссылку:", url.as_str(), "Сайт: ", url.as_str(), ""]);
        assert_eq!(decode(&flowed), text);
    }

    #[test]
    fn list_items_and_notes_keep_a_hanging_indent_with_hard_breaks() {
        let text = "Причина отказа:\n1. Представленные документы не подтверждают сведения обращения, \
                    указанные заявителем.\n   Как исправить: Принесите в управу района документы, \
                    подтверждающие право пользования жилым помещением.\n— паспорт заявителя\n";
        let flowed = encode(text);
        let l = lines(&flowed);
        assert_eq!(l[1], "1. Представленные документы не подтверждают сведения обращения,");
        assert_eq!(l[2], "    указанные заявителем.", "indented under the text, stuffed: {flowed}");
        assert!(l[3].starts_with("    Как исправить: ") && !l[3].ends_with(' '), "{flowed}");
        assert!(l[4].starts_with("    ") && !l[4].starts_with("     "), "{flowed}");
        assert_eq!(l[l.len() - 2], "— паспорт заявителя");
        for line in &l {
            assert!(line.chars().count() <= WIDTH + 1, "{line:?}");
        }
    }

    #[test]
    fn trailing_spaces_go_quoted_lines_are_stuffed_and_the_signature_separator_stays() {
        let text = "Строка с пробелами в конце   \n> не цитата\nFrom here\n -- \n-- \nУправа\n";
        let flowed = encode(text);
        assert_eq!(flowed, "Строка с пробелами в конце\n > не цитата\n From here\n  --\n-- \nУправа\n");
        assert_eq!(decode(&flowed), "Строка с пробелами в конце\n> не цитата\nFrom here\n --\n-- \nУправа\n");
    }

    #[test]
    fn a_word_longer_than_a_line_stands_alone_and_double_spaces_survive() {
        let long = "ы".repeat(WIDTH + 10);
        let text = format!("Слово {long} и  ещё немного слов, чтобы строка была длиннее семидесяти двух знаков.");
        let flowed = encode(&text);
        assert_eq!(lines(&flowed)[1], format!("{long} "));
        assert_eq!(decode(&flowed), text);
    }
}
