//! The printable slip a resident takes home from the one-window desk.
//!
//! Plain text for a receipt printer (or a sheet), rendered once by `core` for the CLI and the TUI
//! alike at 32 (58 mm paper), 42 or 48 columns (80 mm paper). Every line fits the width counted
//! in characters (a Cyrillic letter is one column); long words such as addresses of the form are
//! broken. The PIN appears on it exactly once. The text is meant for the printer's pipe: it must
//! not be written to a file or a log.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::number::AccountNumber;
use super::pin::Pin;
use crate::domain::person::FullName;
use crate::i18n::{Arg, Lang, tr, tr_args};

/// Characters per line of the printer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SlipWidth {
    /// 58 mm paper.
    #[default]
    W32,
    /// 80 mm paper, small font.
    W42,
    /// 80 mm paper, standard font.
    W48,
}

impl SlipWidth {
    pub const ALL: [SlipWidth; 3] = [Self::W32, Self::W42, Self::W48];

    /// Characters per line.
    pub fn columns(self) -> usize {
        match self {
            Self::W32 => 32,
            Self::W42 => 42,
            Self::W48 => 48,
        }
    }

    /// 32, 42 or 48.
    pub fn from_columns(columns: u32) -> Result<Self, SlipWidthError> {
        match columns {
            32 => Ok(Self::W32),
            42 => Ok(Self::W42),
            48 => Ok(Self::W48),
            other => Err(SlipWidthError(other.to_string())),
        }
    }
}

impl FromStr for SlipWidth {
    type Err = SlipWidthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse::<u32>().map_err(|_| SlipWidthError(s.trim().to_owned())).and_then(Self::from_columns)
    }
}

impl fmt::Display for SlipWidth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.columns())
    }
}

/// The width asked for is not one the slip is made for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("slip width must be 32, 42 or 48 columns, not {0:?}")]
pub struct SlipWidthError(pub String);

impl SlipWidthError {
    /// What the clerk or the administrator reads.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(lang, "account-slip-width-invalid", &[("value", Arg::from(&self.0))])
    }
}

/// Everything on the slip but the PIN, which is passed on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipData {
    /// «Управа района Хамовники».
    pub council_name: String,
    /// The council's street address, where the one-window desk is.
    pub council_address: String,
    /// «пн–чт 8:00–17:00, пт 8:00–15:45».
    pub office_hours: String,
    pub resident: FullName,
    pub account: AccountNumber,
    pub issued_at: DateTime<Utc>,
    /// The clerk who issued the PIN, as they are to be named on the slip; empty when no clerk
    /// is to be named (an administrator's command without `--as`), and then the slip has no
    /// «Сотрудник» line.
    pub issued_by: String,
    /// Where the resident signs in.
    pub form_url: String,
    /// The resident's language: the slip is in it.
    pub lang: Lang,
}

/// The slip as plain text: lines of at most `width` characters, each ending in `\n`, without
/// trailing spaces.
pub fn render_slip(data: &SlipData, pin: &Pin, width: SlipWidth) -> String {
    let w = width.columns();
    let lang = data.lang;
    let mut out = Slip { width: w, lines: Vec::new() };

    out.rule('=');
    out.centred(&data.council_name);
    out.centred(&tr(lang, "app-name"));
    out.rule('=');
    out.text(&tr_args(lang, "account-slip-applicant", &[("name", data.resident.with_initials().into())]));
    out.blank();
    out.text(&tr(lang, "account-slip-account-number"));
    out.centred(&data.account.to_string());
    out.text(&tr(lang, "account-slip-pin"));
    out.boxed(&pin.reveal_grouped());
    out.blank();
    out.text(&tr(lang, "account-slip-form"));
    out.text(&data.form_url);
    out.rule('-');
    out.bullet(&tr(lang, "account-slip-how-to"));
    out.bullet(&tr(lang, "account-slip-keep-secret"));
    out.bullet(&tr(lang, "account-slip-if-lost"));
    out.rule('-');
    out.text(&tr_args(
        lang,
        "account-slip-issued",
        &[
            ("date", super::moscow_date(data.issued_at, lang).into()),
            ("time", super::moscow_hh_mm(data.issued_at).into()),
        ],
    ));
    if !data.issued_by.trim().is_empty() {
        out.text(&tr_args(lang, "account-slip-issued-by", &[("clerk", Arg::from(data.issued_by.trim()))]));
    }
    out.text(&tr_args(lang, "account-slip-council-address", &[("address", Arg::from(&data.council_address))]));
    out.text(&tr_args(lang, "account-slip-office-hours", &[("hours", Arg::from(&data.office_hours))]));

    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

/// Lines being laid out at a fixed width.
struct Slip {
    width: usize,
    lines: Vec<String>,
}

impl Slip {
    fn rule(&mut self, c: char) {
        self.lines.push(std::iter::repeat_n(c, self.width).collect());
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    /// Word-wrapped, left-aligned.
    fn text(&mut self, text: &str) {
        self.lines.extend(wrap(text, self.width));
    }

    /// A list item: «- » and the text word-wrapped with a hanging indent.
    fn bullet(&mut self, text: &str) {
        for (i, line) in wrap(text, self.width.saturating_sub(2)).into_iter().enumerate() {
            let marker = if i == 0 { "- " } else { "  " };
            self.lines.push(format!("{marker}{line}"));
        }
    }

    /// Word-wrapped, each line centred.
    fn centred(&mut self, text: &str) {
        for line in wrap(text, self.width) {
            let pad = (self.width - line.chars().count()) / 2;
            self.lines.push(format!("{}{line}", " ".repeat(pad)));
        }
    }

    /// Centred in an ASCII frame, so it stands out on any printer:
    /// `+-----------+` / `| 7KXD-3MTA |` / `+-----------+`.
    fn boxed(&mut self, text: &str) {
        let inner = text.chars().count() + 2;
        if inner + 2 > self.width {
            self.centred(text);
            return;
        }
        let border = format!("+{}+", "-".repeat(inner));
        self.centred(&border);
        self.centred(&format!("| {text} |"));
        self.centred(&border);
    }
}

/// Greedy word wrap by characters; words longer than a line are broken into pieces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0usize;
    for word in text.split_whitespace() {
        let mut word_len = word.chars().count();
        let mut word = word;
        if len > 0 && len + 1 + word_len <= width {
            line.push(' ');
            line.push_str(word);
            len += 1 + word_len;
            continue;
        }
        if len > 0 {
            lines.push(std::mem::take(&mut line));
        }
        while word_len > width {
            let split = word.char_indices().nth(width).map_or(word.len(), |(i, _)| i);
            lines.push(word[..split].to_owned());
            word = &word[split..];
            word_len -= width;
        }
        line.push_str(word);
        len = word_len;
    }
    if len > 0 {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn data(lang: Lang) -> SlipData {
        SlipData {
            council_name: "Управа района Хамовники".to_owned(),
            council_address: "Комсомольский пр-т, д. 28".to_owned(),
            office_hours: "пн–чт 8:00–17:00, пт 8:00–15:45".to_owned(),
            resident: FullName {
                surname: "Иванова".to_owned(),
                name: "Мария".to_owned(),
                patronymic: Some("Петровна".to_owned()),
            },
            account: account(),
            issued_at: Utc.with_ymd_and_hms(2026, 3, 5, 11, 35, 0).unwrap(),
            issued_by: "Петрова А. С.".to_owned(),
            form_url: "https://priem.hamovniki.mos.example/vhod".to_owned(),
            lang,
        }
    }

    /// 123 456 789 and its Damm check digit, 4.
    fn account() -> AccountNumber {
        AccountNumber::parse("1234567894").unwrap()
    }

    fn pin() -> Pin {
        Pin::parse("7KXE-3MTA").unwrap()
    }

    fn assert_fits(slip: &str, width: SlipWidth) {
        for line in slip.lines() {
            assert!(line.chars().count() <= width.columns(), "{width}: {line:?} is too long");
            assert_eq!(line, line.trim_end(), "trailing spaces in {line:?}");
        }
    }

    #[test]
    fn widths_parse_from_32_42_48_only() {
        assert_eq!("32".parse::<SlipWidth>(), Ok(SlipWidth::W32));
        assert_eq!(" 42 ".parse::<SlipWidth>(), Ok(SlipWidth::W42));
        assert_eq!(SlipWidth::from_columns(48), Ok(SlipWidth::W48));
        assert_eq!(SlipWidth::from_columns(40), Err(SlipWidthError("40".to_owned())));
        assert_eq!("wide".parse::<SlipWidth>(), Err(SlipWidthError("wide".to_owned())));
        for w in SlipWidth::ALL {
            assert_eq!(w.to_string().parse::<SlipWidth>(), Ok(w));
        }
        assert_eq!(
            SlipWidthError("40".to_owned()).message(Lang::Ru),
            "Ширина листка — 32, 42 или 48 символов, а указано «40»."
        );
    }

    #[test]
    fn every_width_and_language_fits_and_shows_the_pin_once() {
        for lang in Lang::ALL {
            for width in SlipWidth::ALL {
                let slip = render_slip(&data(lang), &pin(), width);
                assert_fits(&slip, width);
                assert_eq!(slip.matches("7KXE-3MTA").count(), 1, "{lang} {width}:\n{slip}");
                assert_eq!(slip.matches("7KXE").count(), 1);
                assert!(slip.contains(&account().to_string()));
                assert!(slip.contains("Иванова М. П."));
                assert!(!slip.contains("Мария"), "initials only");
                assert!(slip.contains("Петрова А. С."));
                assert!(slip.contains("14:35"), "Moscow time");
                assert!(slip.ends_with('\n'));
                assert!(!slip.contains("account-"), "a message id leaked:\n{slip}");
            }
        }
    }

    #[test]
    fn english_slip_is_in_english() {
        let slip = render_slip(&data(Lang::En), &pin(), SlipWidth::W48);
        assert!(slip.contains("e-Reception"));
        assert!(slip.contains("Account number:"));
        assert!(slip.contains("2026-03-05 at 14:35 (Moscow time)"), "{slip}");
        assert!(!slip.contains("ПИН"));
    }

    #[test]
    fn long_council_name_address_and_url_wrap() {
        let mut d = data(Lang::Ru);
        d.council_name = "Управа муниципального округа Замоскворечье-Южное-Бескрайнее города Москвы".to_owned();
        d.council_address = "117152, г. Москва, Загородное шоссе, д. 10, корп. 2, стр. 1, подъезд 3, \
                             третий этаж, окно № 14 (вход со двора)"
            .to_owned();
        d.form_url = "https://priem.example.ru/electronic-reception/sign-in?district=zamoskvorechye-yuzhnoe".to_owned();
        for width in SlipWidth::ALL {
            let slip = render_slip(&d, &pin(), width);
            assert_fits(&slip, width);
            let joined: String = slip.lines().map(str::trim).collect();
            assert!(joined.contains("Бескрайнее"), "{slip}");
            let url_pieces: String = slip
                .lines()
                .skip_while(|l| !l.starts_with("Вход в личный кабинет"))
                .skip(1)
                .take_while(|l| !l.starts_with('-'))
                .collect();
            assert_eq!(url_pieces, d.form_url, "the URL is broken across lines, not lost");
        }
    }

    #[test]
    fn a_slip_without_an_issuer_has_no_clerk_line() {
        for lang in Lang::ALL {
            let mut d = data(lang);
            d.issued_by = " ".to_owned();
            let slip = render_slip(&d, &pin(), SlipWidth::W42);
            let named = render_slip(&data(lang), &pin(), SlipWidth::W42);
            let clerk_line = named.lines().find(|l| l.contains("Петрова")).unwrap();
            let label = format!("{}:", clerk_line.split(':').next().unwrap());
            assert!(!slip.lines().any(|l| l.starts_with(&label)), "{lang}: no «{label}» line:\n{slip}");
            assert_eq!(slip.lines().count() + 1, named.lines().count(), "{lang}:\n{slip}");
        }
    }

    #[test]
    fn wrap_breaks_words_longer_than_a_line() {
        assert_eq!(wrap("ab cdefgh i", 3), ["ab", "cde", "fgh", "i"]);
        assert_eq!(wrap("один два три", 8), ["один два", "три"]);
        assert_eq!(wrap("   ", 8), Vec::<String>::new());
        assert_eq!(wrap("абвгд", 5), ["абвгд"]);
    }

    #[test]
    fn russian_slip_at_32_columns() {
        let slip = render_slip(&data(Lang::Ru), &pin(), SlipWidth::W32);
        let expected = "\
================================
    Управа района Хамовники
      Электронная приёмная
================================
Заявитель: Иванова М. П.

Номер личного кабинета:
         123 456 78 94
ПИН-код:
         +-----------+
         | 7KXE-3MTA |
         +-----------+

Вход в личный кабинет:
https://priem.hamovniki.mos.exam
ple/vhod
--------------------------------
- Откройте этот адрес и введите
  номер личного кабинета и
  ПИН-код.
- Храните ПИН-код в тайне и
  никому его не сообщайте.
  Сотрудники управы никогда не
  спрашивают ПИН-код по
  телефону.
- Если листок потерян или
  ПИН-код узнал кто-то другой,
  приходите с паспортом в «одно
  окно» управы: старый ПИН-код
  отключат и выдадут новый.
--------------------------------
Выдан 05.03.2026 в 14:35 (мск)
Сотрудник: Петрова А. С.
Адрес управы: Комсомольский
пр-т, д. 28
Часы приёма: пн–чт 8:00–17:00,
пт 8:00–15:45
";
        assert_eq!(slip, expected, "\n{slip}");
    }
}
