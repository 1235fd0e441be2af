//! The printable slip a resident takes home from the one-window desk.
//!
//! Plain text for a receipt printer (or a sheet), rendered once by `core` for the CLI and the TUI
//! alike at 32 (58 mm paper), 42 or 48 columns (80 mm paper). Every line fits the width counted
//! in characters (a Cyrillic letter is one column). Initials stay together («М. А.»), and so do
//! a weekday and the hours after it («пт 8:00–15:45»), unless the pair is wider than a line;
//! words longer than a line, such as the form's address or an e-mail address, are broken,
//! after a `@`, `.` or `/` where one falls in the line's second half. The PIN appears on it exactly once. The text is meant for the printer's pipe: it must
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
    /// The council's phone, when it has one.
    pub council_phone: Option<String>,
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
    /// The e-mail address given at the desk, printed so that the resident can spot a typo.
    pub email: Option<SlipEmail>,
}

/// The e-mail address on a slip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipEmail {
    pub address: String,
    /// Already confirmed (the resident's previous account had confirmed it); otherwise a
    /// confirmation letter has just been sent, and the slip says what to do with it.
    pub confirmed: bool,
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
    // after the instructions, whose «this address» is the form's
    if let Some(email) = &data.email {
        let id = if email.confirmed { "account-slip-email-confirmed" } else { "account-slip-email-pending" };
        out.text(&tr_args(lang, id, &[("email", Arg::from(email.address.as_str()))]));
        if !email.confirmed {
            out.text(&tr(lang, "account-slip-email-what-to-do"));
        }
        out.rule('-');
    }
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
    if let Some(phone) = data.council_phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        out.text(&tr_args(lang, "account-slip-council-phone", &[("phone", Arg::from(phone))]));
    }

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

/// Greedy word wrap by characters. Initials, and a weekday with the hours after it, are kept on
/// one line when they fit one; words longer than a line are broken into pieces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Lines { width, lines: Vec::new(), line: String::new(), len: 0 };
    for unit in units(text) {
        let joined = unit.join(" ");
        if unit.len() > 1 && joined.chars().count() > width {
            // wider than a line even alone: its words go one by one
            for word in unit {
                out.place(word);
            }
        } else {
            out.place(&joined);
        }
    }
    out.finish()
}

struct Lines {
    width: usize,
    lines: Vec<String>,
    line: String,
    len: usize,
}

impl Lines {
    /// Puts `word` (which may hold spaces: a unit kept together) on the line, or on the next.
    fn place(&mut self, word: &str) {
        let mut word_len = word.chars().count();
        if self.len > 0 && self.len + 1 + word_len <= self.width {
            self.line.push(' ');
            self.line.push_str(word);
            self.len += 1 + word_len;
            return;
        }
        if self.len > 0 {
            self.lines.push(std::mem::take(&mut self.line));
        }
        let mut word = word;
        while word_len > self.width {
            let at = break_point(word, self.width);
            let split = word.char_indices().nth(at).map_or(word.len(), |(i, _)| i);
            self.lines.push(word[..split].trim_end().to_owned());
            word = word[split..].trim_start();
            word_len = word.chars().count();
        }
        self.line.push_str(word);
        self.len = word_len;
    }

    fn finish(mut self) -> Vec<String> {
        if self.len > 0 {
            self.lines.push(self.line);
        }
        self.lines
    }
}

/// Where to break a word longer than `width` characters: after the last `@`, `.` or `/` within
/// the line if it falls in the line's second half, else at the width.
fn break_point(word: &str, width: usize) -> usize {
    word.chars()
        .take(width)
        .enumerate()
        .filter(|(i, c)| matches!(c, '@' | '.' | '/') && i + 1 >= width.div_ceil(2))
        .map(|(i, _)| i + 1)
        .last()
        .unwrap_or(width)
}

/// The words of `text`, grouped where a line must not come between them.
fn units(text: &str) -> Vec<Vec<&str>> {
    let mut units: Vec<Vec<&str>> = Vec::new();
    for word in text.split_whitespace() {
        match units.last_mut() {
            Some(unit) if unit.last().is_some_and(|prev| keep_together(prev, word)) => unit.push(word),
            _ => units.push(vec![word]),
        }
    }
    units
}

/// «М.» «А.»: initials; «пт» «8:00–15:45», «пн–чт» «9:00–18:00»: a weekday and its hours.
fn keep_together(prev: &str, next: &str) -> bool {
    (is_initial(prev) && is_initial(next)) || (is_weekday(prev) && next.starts_with(|c: char| c.is_ascii_digit()))
}

/// One capital letter and a full stop: «М.».
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// A weekday's abbreviation, or a range of them: «пт», «пн–чт», «Mon–Thu».
fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 21] = [
        "пн", "вт", "ср", "чт", "пт", "сб", "вс", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mo", "tu", "we",
        "th", "fr", "sa", "su",
    ];
    let word = word.trim_end_matches(['.', ':']).to_lowercase();
    !word.is_empty() && word.split(['–', '-', '—']).all(|day| DAYS.contains(&day.trim_end_matches('.')))
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
            council_phone: None,
            email: None,
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

    /// QA: at 32 columns «Римская-Корсакова М.» / «А.», and at 32 and 42 «…, пт» / «8:00–15:45».
    #[test]
    fn initials_and_a_weekday_with_its_hours_stay_together() {
        let mut d = data(Lang::Ru);
        d.resident = FullName {
            surname: "Римская-Корсакова".to_owned(),
            name: "Мария".to_owned(),
            patronymic: Some("Андреевна".to_owned()),
        };
        d.office_hours = "пн–чт 8:00–17:00, пт 8:00–15:45".to_owned();
        for width in SlipWidth::ALL {
            let slip = render_slip(&d, &pin(), width);
            assert_fits(&slip, width);
            assert!(slip.lines().any(|l| l.contains("М. А.")), "{width}:\n{slip}");
            assert!(slip.lines().any(|l| l.contains("пт 8:00–15:45")), "{width}:\n{slip}");
            assert!(slip.lines().any(|l| l.contains("пн–чт 8:00–17:00")), "{width}:\n{slip}");
        }
        assert_eq!(wrap("Заявитель: Римская-Корсакова М. А.", 32), ["Заявитель: Римская-Корсакова", "М. А."]);
        assert_eq!(wrap("Mon–Thu 8:00–17:00, Fri 8:00–15:45", 20), ["Mon–Thu 8:00–17:00,", "Fri 8:00–15:45"]);
        // a pair wider than a line is wrapped as words
        assert_eq!(wrap("пт 8:00–15:45", 8), ["пт", "8:00–15:", "45"]);
    }

    /// QA: the demo's «Адрес электронной почты: soloveva.a@demo.invalid (подтверждён)» ran to 62
    /// characters on a 42-column slip, and `pin issue --email` printed no address at all.
    #[test]
    fn the_email_address_is_on_the_slip_within_the_width() {
        for (confirmed, marker) in [(true, "(подтверждён)"), (false, "(ещё не подтверждён)")]
        {
            let mut d = data(Lang::Ru);
            d.email = Some(SlipEmail { address: "soloveva.a@demo.invalid".to_owned(), confirmed });
            for width in SlipWidth::ALL {
                let slip = render_slip(&d, &pin(), width);
                assert_fits(&slip, width);
                assert!(slip.lines().any(|l| l.contains("soloveva.a@demo.invalid")), "{width}:\n{slip}");
                let words = slip.lines().collect::<Vec<_>>().join(" ");
                assert!(words.contains(marker), "{width}:\n{slip}");
                assert_eq!(words.contains("Подтвердить адрес"), !confirmed, "{width}:\n{slip}");
            }
        }
        // an address longer than the line breaks after '@' or '.'
        let long = "konstantin.konstantinopolsky@mail.example.ru";
        assert_eq!(wrap(long, 32), ["konstantin.konstantinopolsky@", "mail.example.ru"]);
        assert_eq!(wrap(long, 20), ["konstantin.", "konstantinopolsky@", "mail.example.ru"]);
        // with no '@' or '.' in the line's second half, at the width
        assert_eq!(
            wrap("konstantin.konstantinopolskyrimsky@x.ru", 32),
            ["konstantin.konstantinopolskyrims", "ky@x.ru"]
        );
    }

    #[test]
    fn the_council_phone_is_in_the_council_block() {
        let mut d = data(Lang::Ru);
        d.council_phone = Some("+7 495 690-00-00".to_owned());
        let slip = render_slip(&d, &pin(), SlipWidth::W32);
        assert!(slip.ends_with("Телефон управы: +7 495 690-00-00\n"), "{slip}");
        assert!(!render_slip(&data(Lang::Ru), &pin(), SlipWidth::W32).contains("Телефон"));
    }

    proptest::proptest! {
        /// Every line of every slip fits its width, whatever the names, addresses, hours,
        /// phone and e-mail address.
        #[test]
        fn every_line_fits_whatever_the_data(
            surname in "[А-ЯЁ][а-яё]{0,30}(-[А-ЯЁ][а-яё]{0,30})?",
            name in "[А-ЯЁ][а-яё]{0,20}",
            patronymic in proptest::option::of("[А-ЯЁ][а-яё]{0,25}"),
            council in "[А-Яа-яё0-9 «»-]{1,120}",
            address in "[А-Яа-яё0-9 .,/-]{1,160}",
            hours in "((пн|вт|ср|чт|пт|сб|вс)(–(пн|вт|ср|чт|пт|сб|вс))? [0-9]{1,2}:[0-9]{2}–[0-9]{1,2}:[0-9]{2},? ){1,4}",
            phone in proptest::option::of("[+0-9 ()-]{1,60}"),
            email in proptest::option::of("[a-z0-9._-]{1,70}@[a-z0-9-]{1,40}(\\.[a-z]{2,10}){1,3}"),
            confirmed: bool,
            issued_by in "[А-Яа-я. ]{0,60}",
            url in "https?://[a-z0-9./-]{1,90}",
            english: bool,
        ) {
            let d = SlipData {
                council_name: council,
                council_address: address,
                office_hours: hours,
                council_phone: phone,
                resident: FullName { surname, name, patronymic },
                account: account(),
                issued_at: Utc.with_ymd_and_hms(2026, 3, 5, 11, 35, 0).unwrap(),
                issued_by,
                form_url: url,
                lang: if english { Lang::En } else { Lang::Ru },
                email: email.map(|address| SlipEmail { address, confirmed }),
            };
            for width in SlipWidth::ALL {
                let slip = render_slip(&d, &pin(), width);
                for line in slip.lines() {
                    proptest::prop_assert!(line.chars().count() <= width.columns(), "{width}: {line:?}");
                    proptest::prop_assert_eq!(line, line.trim_end());
                }
                proptest::prop_assert_eq!(slip.matches("7KXE-3MTA").count(), 1);
            }
        }
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
https://priem.hamovniki.mos.
example/vhod
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
  окно» управы: прежний ПИН-код
  отзовут и выдадут новый.
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
