//! The shape of every e-mail, and how it is written out as plain text and as HTML.
//!
//! [`super::render`] decides *what* a letter says (all of it from the catalogue or from the
//! event); this module decides *how* it looks. Every string that reaches the HTML part goes
//! through [`escape_html`] here — catalogue texts included — so no caller can forget to.
//!
//! The HTML is deliberately plain: nested tables (the layout mail clients agree on), inline
//! styles, no external images or style sheets, a `lang` attribute, one `<h1>`, at most 600 px
//! wide, a link styled as a button with the URL also written out beneath it.

use std::fmt::Write as _;

use crate::i18n::Lang;

use super::RenderedMail;

/// A letter before it is written out.
#[derive(Clone, Debug, Default)]
pub(crate) struct Letter {
    pub lang: Lang,
    pub subject: String,
    /// The band above the heading: «Электронная приёмная · Управа района Арбат».
    pub brand: String,
    /// The `<h1>`.
    pub title: String,
    pub greeting: String,
    /// The first paragraph: what happened.
    pub lead: String,
    /// Label–value pairs right under the lead: the appeal number and the service.
    pub summary: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// The one call to action.
    pub link: Option<Link>,
    /// «If the button does not open, copy this link…».
    pub link_fallback: String,
    pub signature: Signature,
    pub footer: String,
}

/// A part of a letter's body.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    /// A paragraph.
    Para(String),
    /// Label–value pairs; values may span several lines.
    Facts(Vec<(String, String)>),
    /// A list under a heading; each item may carry a labelled note (a ground's remedy).
    List { heading: String, ordered: bool, items: Vec<Item> },
    /// Text a person typed (an answer, a message, an explanation), kept as they wrote it.
    Quote { heading: String, text: String },
}

/// An item of a [`Block::List`].
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub text: String,
    pub note: Option<(String, String)>,
}

/// A link shown as a button.
#[derive(Clone, Debug)]
pub(crate) struct Link {
    pub label: String,
    pub url: String,
}

/// «С уважением, управа района …», its address and hours.
#[derive(Clone, Debug, Default)]
pub(crate) struct Signature {
    pub regards: String,
    pub name: String,
    pub lines: Vec<String>,
}

/// Escapes the five characters that matter in HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Line ends made `\n`, and control characters other than line feed and tab removed.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect::<String>().trim().to_owned()
}

/// One line: every run of whitespace or control characters becomes one space. For subjects.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Escaped text with its line breaks as `<br>`.
fn html_lines(s: &str) -> String {
    clean(s).split('\n').map(escape_html).collect::<Vec<_>>().join("<br>\n")
}

/// The paragraphs of a typed text (separated by blank lines), their line breaks kept.
fn paragraphs(s: &str) -> Vec<String> {
    let s = clean(s);
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

const FONT: &str = "font-family:Arial,Helvetica,sans-serif;";
const ACCENT: &str = "#1d4e89";
const INK: &str = "#1f2937";
const MUTED: &str = "#4b5563";
const PAPER: &str = "#f3f4f6";
/// A word wider than a phone's screen (a link or a file name a clerk typed) is broken rather
/// than left to widen the letter past the screen's edge: `overflow-wrap:anywhere` lets the table
/// cell shrink to the screen, `word-break:break-word` does the same in older WebKit clients.
const BREAK_LONG_WORDS: &str = "word-break:break-word;overflow-wrap:anywhere;";

impl Letter {
    /// Writes out the subject and both parts.
    pub fn render(&self) -> RenderedMail {
        RenderedMail { subject: one_line(&self.subject), text: self.text(), html: self.html() }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        let para = |out: &mut String, s: &str| {
            let s = clean(s);
            if !s.is_empty() {
                out.push_str(&s);
                out.push_str("\n\n");
            }
        };
        para(&mut out, &self.greeting);
        para(&mut out, &self.lead);
        para(&mut out, &facts_text(&self.summary));
        for block in &self.blocks {
            match block {
                Block::Para(s) => para(&mut out, s),
                Block::Facts(facts) => para(&mut out, &facts_text(facts)),
                Block::List { heading, ordered, items } => {
                    let mut s = format!("{}:\n", clean(heading));
                    for (i, item) in items.iter().enumerate() {
                        let marker = if *ordered { format!("{}. ", i + 1) } else { "— ".to_owned() };
                        let indent = " ".repeat(marker.chars().count());
                        s.push_str(&marker);
                        s.push_str(&clean(&item.text).replace('\n', &format!("\n{indent}")));
                        s.push('\n');
                        if let Some((label, note)) = &item.note {
                            let note = clean(note).replace('\n', &format!("\n{indent}"));
                            let _ = writeln!(s, "{indent}{}: {note}", clean(label));
                        }
                    }
                    para(&mut out, &s);
                }
                Block::Quote { heading, text } => {
                    para(&mut out, &format!("{}:", clean(heading)));
                    para(&mut out, text);
                }
            }
        }
        if let Some(link) = &self.link {
            para(&mut out, &format!("{}:\n{}", clean(&link.label), clean(&link.url)));
        }
        let mut signature = vec![clean(&self.signature.regards), clean(&self.signature.name)];
        signature.extend(self.signature.lines.iter().map(|l| clean(l)));
        para(&mut out, &signature.join("\n"));
        let footer = clean(&self.footer);
        if !footer.is_empty() {
            out.push_str("-- \n");
            out.push_str(&footer);
            out.push('\n');
        }
        out.trim_end().to_owned() + "\n"
    }

    fn html(&self) -> String {
        let mut h = String::with_capacity(4096);
        let lang = self.lang.code();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n</head>\n\
             <body style=\"margin:0;padding:0;background-color:{PAPER};\">\n\
             <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
             style=\"background-color:{PAPER};\">\n<tr>\n<td align=\"center\" style=\"padding:24px 12px;\">\n\
             <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
             style=\"max-width:600px;background-color:#ffffff;border:1px solid #d1d5db;\">\n\
             <tr>\n<td style=\"padding:14px 24px;background-color:{ACCENT};color:#ffffff;{FONT}font-size:14px;\
             line-height:1.4;\">{brand}</td>\n</tr>\n\
             <tr>\n<td style=\"padding:24px;{FONT}font-size:16px;line-height:1.5;color:{INK};{BREAK_LONG_WORDS}\">\n\
             <h1 style=\"margin:0 0 16px;{FONT}font-size:22px;line-height:1.3;color:#111827;\">{heading}</h1>\n",
            title = escape_html(&one_line(&self.subject)),
            brand = escape_html(&one_line(&self.brand)),
            heading = escape_html(&one_line(&self.title)),
        );
        html_para(&mut h, &self.greeting);
        html_para(&mut h, &self.lead);
        html_facts(&mut h, &self.summary);
        for block in &self.blocks {
            match block {
                Block::Para(s) => html_para(&mut h, s),
                Block::Facts(facts) => html_facts(&mut h, facts),
                Block::List { heading, ordered, items } => {
                    html_heading(&mut h, heading);
                    let tag = if *ordered { "ol" } else { "ul" };
                    let _ = writeln!(h, "<{tag} style=\"margin:0 0 16px;padding-left:24px;\">");
                    for item in items {
                        let _ = write!(h, "<li style=\"margin:0 0 8px;\">{}", html_lines(&item.text));
                        if let Some((label, note)) = &item.note {
                            let _ = write!(
                                h,
                                "<br>\n<strong>{}:</strong> {}",
                                escape_html(&one_line(label)),
                                html_lines(note)
                            );
                        }
                        h.push_str("</li>\n");
                    }
                    let _ = writeln!(h, "</{tag}>");
                }
                Block::Quote { heading, text } => {
                    html_heading(&mut h, heading);
                    let _ = writeln!(
                        h,
                        "<div style=\"margin:0 0 16px;padding:12px 16px;border-left:4px solid {ACCENT};\
                         background-color:{PAPER};\">"
                    );
                    for p in paragraphs(text) {
                        let _ = writeln!(h, "<p style=\"margin:0 0 8px;\">{}</p>", html_lines(&p));
                    }
                    h.push_str("</div>\n");
                }
            }
        }
        if let Some(link) = &self.link {
            let url = escape_html(&one_line(&link.url));
            let _ = writeln!(
                h,
                "<p style=\"margin:24px 0 8px;\"><a href=\"{url}\" style=\"display:inline-block;padding:12px 20px;\
                 background-color:{ACCENT};color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px;\">\
                 {label}</a></p>\n<p style=\"margin:0 0 16px;font-size:14px;color:{MUTED};\">{fallback}<br>\n\
                 <a href=\"{url}\" style=\"color:{ACCENT};word-break:break-all;\">{url}</a></p>",
                label = escape_html(&one_line(&link.label)),
                fallback = escape_html(&one_line(&self.link_fallback)),
            );
        }
        let _ = write!(
            h,
            "<p style=\"margin:24px 0 4px;\">{}<br>\n{}</p>\n",
            escape_html(&one_line(&self.signature.regards)),
            escape_html(&one_line(&self.signature.name))
        );
        if !self.signature.lines.is_empty() {
            let lines: Vec<String> = self.signature.lines.iter().map(|l| html_lines(l)).collect();
            let _ =
                writeln!(h, "<p style=\"margin:0 0 16px;font-size:14px;color:{MUTED};\">{}</p>", lines.join("<br>\n"));
        }
        let _ = write!(
            h,
            "</td>\n</tr>\n<tr>\n<td style=\"padding:12px 24px;border-top:1px solid #d1d5db;{FONT}font-size:12px;\
             line-height:1.4;color:{MUTED};\">{footer}</td>\n</tr>\n</table>\n</td>\n</tr>\n</table>\n</body>\n</html>\n",
            footer = escape_html(&one_line(&self.footer)),
        );
        h
    }
}

fn facts_text(facts: &[(String, String)]) -> String {
    facts.iter().map(|(label, value)| format!("{}: {}", clean(label), clean(value))).collect::<Vec<_>>().join("\n")
}

fn html_para(h: &mut String, s: &str) {
    if !clean(s).is_empty() {
        let _ = writeln!(h, "<p style=\"margin:0 0 16px;\">{}</p>", html_lines(s));
    }
}

fn html_heading(h: &mut String, s: &str) {
    let _ = writeln!(
        h,
        "<h2 style=\"margin:24px 0 8px;{FONT}font-size:18px;line-height:1.3;color:#111827;\">{}</h2>",
        escape_html(&one_line(s))
    );
}

fn html_facts(h: &mut String, facts: &[(String, String)]) {
    if facts.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px;border-collapse:collapse;\">"
    );
    for (label, value) in facts {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\" align=\"left\" valign=\"top\" style=\"padding:4px 16px 4px 0;{FONT}font-size:15px;\
             font-weight:normal;color:{MUTED};\">{}</th><td valign=\"top\" style=\"padding:4px 0;{FONT}font-size:15px;\
             font-weight:bold;color:{INK};\">{}</td></tr>",
            escape_html(&one_line(label)),
            html_lines(value)
        );
    }
    h.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("Ёлка — «да»"), "Ёлка — «да»");
    }

    #[test]
    fn subjects_become_one_line() {
        assert_eq!(one_line(" Обращение\r\n№ 1\tготово\u{7} "), "Обращение № 1 готово");
    }

    #[test]
    fn typed_text_keeps_its_paragraphs_and_loses_control_characters() {
        assert_eq!(paragraphs("a\r\nb\n\n\n c\u{1b}[31m\n"), vec!["a\nb".to_owned(), " c[31m".to_owned()]);
        assert_eq!(html_lines("a<b\nc"), "a&lt;b<br>\nc");
    }
}
