//! Normalised keys for names and addresses, and a best-effort address-line parser.
//!
//! Every `*_key` function is pure, deterministic and idempotent (`key(key(x)) == key(x)`), so
//! its result can be stored in the database and compared there: SQLite's `LOWER` and `LIKE`
//! fold ASCII only, so Cyrillic search goes through these keys instead.
//!
//! All keys share one folding step:
//! - Unicode lowercase; «ё» becomes «е» (also when typed as «е» + a combining diaeresis), «и» +
//!   a combining breve becomes «й», other combining accents are dropped;
//! - soft hyphens and zero-width characters are dropped;
//! - in a word that contains a Cyrillic letter and otherwise only Cyrillic letters, digits and
//!   Latin look-alikes (`a b c e h k m o p t x y`, any case), the look-alikes become their
//!   Cyrillic twins: «Ивaнoв» typed with a Latin «a» and «o» is «иванов». A word written in
//!   Latin letters only («Max») stays Latin. House parts map look-alikes unconditionally
//!   («12A» with a Latin A is «12а»).
//! - everything that is neither a letter nor a digit separates words: hyphens and dashes,
//!   apostrophes, dots, commas, quotes. Whitespace is collapsed and trimmed.

use serde::{Deserialize, Serialize};

use crate::domain::person::Address;

/// Street-type words dropped by [`street_key`] (after folding, so without dots).
const STREET_TYPES: &[&str] = &[
    "ул",
    "улица",
    "пр",
    "просп",
    "проспект",
    "ш",
    "шос",
    "шоссе",
    "пер",
    "переулок",
    "бул",
    "бульв",
    "бульвар",
    "наб",
    "набережная",
    "пл",
    "площадь",
    "проезд",
    "туп",
    "тупик",
    "ал",
    "аллея",
    "мкр",
    "мкрн",
    "микрорайон",
    "квартал",
];

/// Street-type abbreviations written with a hyphen, recognised before hyphens split words.
const HYPHENATED_STREET_TYPES: &[&str] = &["пр-т", "пр-кт", "б-р", "пр-д", "кв-л", "мкр-н", "мк-н"];

/// «Большая», «Большой», «Б.» … all become «б».
const BIG: &[&str] = &["б", "бол", "больш", "большая", "большой", "большое", "большие"];

/// «Малая», «Малый», «М.» … all become «м».
const SMALL: &[&str] = &["м", "мал", "малая", "малый", "малое", "малые"];

/// Endings of Russian ordinal numerals as written after a number: «1-я», «2-й», «3-е».
const ORDINAL_ENDINGS: &[&str] = &["я", "ая", "яя", "ья", "й", "ый", "ий", "ой", "е", "ое", "ее", "ье"];

/// Prefixes of house parts stripped by [`house_part_key`], longest first so that «корпус»
/// is not read as «к» + «орпус».
const HOUSE_PART_PREFIXES: &[&str] = &["квартира", "строение", "корпус", "корп", "стр", "дом", "кв", "д", "к", "с"];

/// The Cyrillic twin of a Latin letter that looks like it (after lowercasing).
fn cyrillic_twin(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' | 'ë' => 'е',
        'h' => 'н',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}')
}

/// Characters that carry nothing and must not split a word.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}')
}

/// What [`fold`] keeps of the punctuation; everything else becomes a space.
#[derive(Clone, Copy)]
struct Keep {
    dashes: bool,
    slash: bool,
}

/// `char::is_alphabetic`, answering the Russian and Latin letters without Unicode's tables.
fn is_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | 'a'..='z' | 'A'..='Z') || (!c.is_ascii() && c.is_alphabetic())
}

/// Lowercases, folds «ё», resolves combining marks and turns punctuation into spaces (keeping
/// `-` and `/` when asked). The result holds only lowercase letters and digits, spaces, and
/// the kept `-` and `/`.
fn fold(s: &str, keep: Keep) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // the letters of nearly every name and address first, Unicode's tables the rest: looking
        // Cyrillic letters up in them was a twentieth of the filing writer's CPU
        match c {
            'а'..='я' | 'a'..='z' | '0'..='9' | ' ' => out.push(c),
            // А–Я and а–я are the same 32 letters 0x20 apart (Ё and ё lie outside both)
            'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ё' | 'Ё' => out.push('е'),
            _ => fold_by_tables(c, keep, &mut out),
        }
    }
    out
}

/// Folds one character as [`fold`] does, asking Unicode's tables.
fn fold_by_tables(c: char, keep: Keep, out: &mut String) {
    if c == '\u{0306}' && out.ends_with('и') {
        out.pop();
        out.push('й');
    } else if is_combining(c) || is_ignorable(c) {
        // «е» + U+0308 is «ё», which folds to «е» anyway; other accents carry nothing here.
    } else if is_dash(c) {
        out.push(if keep.dashes { '-' } else { ' ' });
    } else if matches!(c, '/' | '\\' | '\u{2044}' | '\u{2215}') {
        out.push(if keep.slash { '/' } else { ' ' });
    } else if c.is_alphanumeric() {
        for l in c.to_lowercase() {
            if l == 'ё' {
                out.push('е');
            } else if l.is_alphanumeric() {
                out.push(l);
            }
        }
    } else {
        out.push(' ');
    }
}

/// Replaces Latin look-alikes by Cyrillic letters in each run of letters and digits; when
/// `only_in_cyrillic_words`, only in runs that contain a Cyrillic letter and no other Latin.
fn map_lookalikes(s: &str, only_in_cyrillic_words: bool) -> String {
    fn flush(word: &mut Vec<char>, out: &mut String, only_in_cyrillic_words: bool) {
        let convert = !only_in_cyrillic_words
            || (word.iter().any(|c| is_cyrillic(*c) && is_letter(*c))
                && word.iter().all(|c| !is_letter(*c) || is_cyrillic(*c) || cyrillic_twin(*c).is_some()));
        for c in word.drain(..) {
            out.push(if convert { cyrillic_twin(c).unwrap_or(c) } else { c });
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut word = Vec::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, only_in_cyrillic_words);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, only_in_cyrillic_words);
    out
}

/// The comparison key of a surname, a given name or a patronymic.
///
/// Lowercase, «ё» → «е», Latin look-alikes inside Cyrillic words → Cyrillic, and hyphens,
/// dashes, apostrophes, dots and other punctuation → one space each, collapsed and trimmed.
///
/// ```
/// use ereception_core::registry::name_key;
///
/// assert_eq!(name_key("Римский-Корсаков"), "римский корсаков");
/// assert_eq!(name_key("РИМСКИЙ – КОРСАКОВ"), name_key("римский корсаков"));
/// assert_eq!(name_key("Алёна"), name_key("Алена"));
/// assert_eq!(name_key("  Ивaнoв "), "иванов"); // Latin «a» and «o» typed by mistake
/// assert_eq!(name_key("Max"), "max"); // a Latin word stays Latin
/// assert_eq!(name_key("Д'Артаньян"), "д артаньян");
/// ```
pub fn name_key(s: &str) -> String {
    let folded = map_lookalikes(&fold(s, Keep { dashes: false, slash: false }), true);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// If `word` is an ordinal numeral («1-я», «1я», «1-ая», «2-й», «3-е»), its digits.
fn ordinal_digits(word: &str) -> Option<&str> {
    let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
    let (digits, ending) = match parts.as_slice() {
        [digits, ending] => (*digits, *ending),
        [single] => single.split_at(single.find(|c: char| !c.is_ascii_digit())?),
        _ => return None,
    };
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && ORDINAL_ENDINGS.contains(&ending))
        .then_some(digits)
}

/// True for a word (folded, without dots) that names a kind of street: «ул», «пр-т», «шоссе».
fn is_street_type(word: &str) -> bool {
    STREET_TYPES.contains(&word) || HYPHENATED_STREET_TYPES.contains(&word)
}

/// The comparison key of a street name.
///
/// Folds like [`name_key`], then:
/// - **drops street-type words wherever they stand**: ул., улица, пр-т, пр-кт, просп.,
///   проспект, пр. (проспект or проезд: dropped either way), ш., шоссе, пер., переулок, б-р,
///   бул., бульвар, наб., набережная, пл., площадь, пр-д, проезд, туп., тупик, ал., аллея,
///   мкр., микрорайон, кв-л, квартал. The kind of street is thus not compared: «Рязанский
///   проспект» and «Рязанский переулок» share a key (the house, the flat and the district
///   still have to agree). If only type words are left («Набережная ул.», «ул. Аллея»), the
///   longest of them other than «ул.»/«улица» is kept (or «улица» when that is all there is),
///   so the key of a street with a name is never empty;
/// - **keeps «линия»**: in «3-я линия» the word is the street's name, not its kind;
/// - **ordinals** «1-я», «1я», «1-ая», «1-й», «1-е» become the bare number («1»), and every
///   number moves to the front (in its order), so «Тверская-Ямская 1-я ул.» and «1-я
///   Тверская-Ямская улица» agree. The number and its ending must touch or be joined by a
///   hyphen: «1 я» is the number 1 and the word «я»;
/// - **«Большая»/«Большой»/«Б.» become «б», «Малая»/«Малый»/«М.» become «м»**, placed after the
///   numbers and before the other words, so «Б. Черкизовская», «Большая Черкизовская» and
///   «Черкизовская Б.» agree. Other adjectives (Новый, Старый, Верхний, Нижний, Средний) are
///   kept as words, in their place: «Новый Арбат» and «Арбат Новый» differ;
/// - hyphens separate words («Тверская-Ямская» is «тверская ямская»).
///
/// ```
/// use ereception_core::registry::street_key;
///
/// assert_eq!(street_key("ул. Новый Арбат"), "новый арбат");
/// assert_eq!(street_key("Новый Арбат ул"), "новый арбат");
/// assert_eq!(street_key("улица Новый Арбат"), "новый арбат");
/// assert_eq!(street_key("Ленинский пр-т"), street_key("пр-т Ленинский"));
/// assert_eq!(street_key("Ленинский проспект"), "ленинский");
/// assert_eq!(street_key("1-я Тверская-Ямская ул."), "1 тверская ямская");
/// assert_eq!(street_key("Тверская-Ямская 1я"), "1 тверская ямская");
/// assert_eq!(street_key("Б. Черкизовская"), street_key("Большая Черкизовская улица"));
/// assert_eq!(street_key("3-я линия"), "3 линия");
/// ```
pub fn street_key(s: &str) -> String {
    let folded = map_lookalikes(&fold(s, Keep { dashes: true, slash: false }), true);
    // A hyphen with spaces around it («Тверская – Ямская», «пр – т») joins like a bare one.
    let mut joined = String::with_capacity(folded.len());
    for token in folded.split_whitespace() {
        if !joined.is_empty() && !joined.ends_with('-') && !token.starts_with('-') {
            joined.push(' ');
        }
        joined.push_str(token);
    }
    let folded = joined;
    let mut numbers: Vec<String> = Vec::new();
    let mut status: Vec<&str> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();

    for token in folded.split_whitespace() {
        let parts: Vec<&str> = token.split('-').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            continue;
        }
        let joined = parts.join("-");
        if HYPHENATED_STREET_TYPES.contains(&joined.as_str()) {
            dropped.push(parts.concat());
            continue;
        }
        if let Some(digits) = ordinal_digits(&joined) {
            numbers.push(digits.to_owned());
            continue;
        }
        for part in parts {
            if is_street_type(part) {
                dropped.push(part.to_owned());
            } else if let Some(digits) = ordinal_digits(part) {
                numbers.push(digits.to_owned());
            } else if part.bytes().all(|b| b.is_ascii_digit()) {
                numbers.push(part.to_owned());
            } else if BIG.contains(&part) {
                status.push("б");
            } else if SMALL.contains(&part) {
                status.push("м");
            } else {
                rest.push(part.to_owned());
            }
        }
    }

    if numbers.is_empty() && status.is_empty() && rest.is_empty() {
        // Only street-type words: the name itself is one of them («Набережная ул.»). Keep the
        // longest that is not «улица» (the usual kind), or «улица» when there is no other.
        let had_types = !dropped.is_empty();
        let mut longest = String::new();
        for word in dropped.into_iter().filter(|w| w != "ул" && w != "улица") {
            if word.chars().count() > longest.chars().count() {
                longest = word;
            }
        }
        if longest.is_empty() && had_types {
            return "улица".to_owned();
        }
        return longest;
    }
    let mut words: Vec<&str> = numbers.iter().map(String::as_str).collect();
    words.extend(status);
    words.extend(rest.iter().map(String::as_str));
    words.join(" ")
}

/// Strips a house-part prefix glued to a number: «д12» → «12», «кв45а» → «45а», «к2» → «2».
fn strip_glued_prefix(token: &str) -> &str {
    for prefix in HOUSE_PART_PREFIXES {
        if let Some(rest) = token.strip_prefix(prefix)
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            return rest;
        }
    }
    token
}

/// The comparison key of a house number, корпус (building), строение (structure) or flat.
///
/// Folds like [`name_key`] (Latin look-alikes always become Cyrillic here, since house
/// letters are Cyrillic), keeps `/` («12/2», a corner house, stays distinct from «122»), strips
/// leading prefixes «д.», «дом», «к.», «корп.», «корпус», «с.», «стр.», «строение», «кв.»,
/// «квартира» and «№» (also glued to the number: «д12», «кв45»), and removes spaces and
/// hyphens between a number and a letter. Two numbers in a row keep a space between them
/// («12 2» is not «122»). An empty part (and a missing one, see [`AddressKey`]) is `""`. A
/// prefix that stands alone is kept (a building called «К» stays «к»).
///
/// «Владение» (вл.) and «литера» are not recognised: they are compared as written.
///
/// ```
/// use ereception_core::registry::house_part_key;
///
/// assert_eq!(house_part_key("12А"), "12а");
/// assert_eq!(house_part_key("12 а"), "12а");
/// assert_eq!(house_part_key("д. 12-А"), "12а");
/// assert_eq!(house_part_key("12A"), "12а"); // Latin A
/// assert_ne!(house_part_key("12А"), house_part_key("12Б"));
/// assert_eq!(house_part_key("12 / 2"), "12/2");
/// assert_ne!(house_part_key("12/2"), house_part_key("122"));
/// assert_eq!(house_part_key("корп. 2"), "2");
/// assert_eq!(house_part_key("кв. № 45"), "45");
/// assert_eq!(house_part_key(""), "");
/// ```
pub fn house_part_key(s: &str) -> String {
    let folded = map_lookalikes(&fold(s, Keep { dashes: false, slash: true }), false);
    let mut tokens: Vec<&str> = folded.split_whitespace().collect();
    while tokens.len() > 1 && HOUSE_PART_PREFIXES.contains(&tokens[0]) {
        tokens.remove(0);
    }
    let mut out = String::new();
    for token in tokens {
        let between_numbers = out.ends_with(|c: char| c.is_numeric()) && token.starts_with(|c: char| c.is_numeric());
        if between_numbers {
            out.push(' ');
        }
        out.push_str(token);
    }
    // After the join, so that «ко рп5» cannot become «корп5» and lose its prefix next time.
    strip_glued_prefix(&out).to_owned()
}

/// The keys of an address: what the registry check compares and the database indexes.
/// Missing parts are `""`, so a missing корпус equals an empty one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AddressKey {
    /// [`street_key`] of the street.
    pub street: String,
    /// [`house_part_key`] of the house number.
    pub house: String,
    /// [`house_part_key`] of the корпус.
    pub building: String,
    /// [`house_part_key`] of the строение.
    pub structure: String,
    /// [`house_part_key`] of the flat.
    pub flat: String,
}

fn optional_part_key(part: Option<&str>) -> String {
    part.map(house_part_key).unwrap_or_default()
}

impl AddressKey {
    /// The keys of a registry address (the district is not part of the key).
    pub fn of(address: &Address) -> Self {
        Self {
            street: street_key(&address.street),
            house: house_part_key(&address.house),
            building: optional_part_key(address.building.as_deref()),
            structure: optional_part_key(address.structure.as_deref()),
            flat: optional_part_key(address.flat.as_deref()),
        }
    }

    /// The key as one stored string, `street|house|building|structure|flat` (keys never
    /// contain `|`), so that a household is one indexed equality and a street or a house is a
    /// prefix of it ([`AddressKey::prefix`]).
    pub fn joined(&self) -> String {
        format!("{}|{}|{}|{}|{}", self.street, self.house, self.building, self.structure, self.flat)
    }

    /// The prefix of [`AddressKey::joined`] shared by every address on `street` (and in
    /// `house`, when given).
    pub fn prefix(street: &str, house: Option<&str>) -> String {
        match house {
            Some(h) => format!("{}|{}|", street_key(street), house_part_key(h)),
            None => format!("{}|", street_key(street)),
        }
    }

    /// The same key without the flat: every flat of one building.
    pub fn building_only(&self) -> Self {
        Self { flat: String::new(), ..self.clone() }
    }

    /// What a search by street, house and flat matches in [`AddressKey::joined`].
    ///
    /// `house` is read as people write it: «17», «17к2», «17 корп. 2», «17 к 2», «9 стр 1»,
    /// «д. 17, корпус 2, строение 1», «12А», «10/2»; a flat written there too («17 кв 5»,
    /// «17-5») counts when `flat` is empty. A part not written is open while nothing after it
    /// is given: «17» matches every корпус and строение of house 17, «17к2» every строение of
    /// корпус 2. A part written after it fixes it as absent, as an address does: «17 стр 1» is
    /// house 17 with no корпус. With a flat the whole address is given and the match is exact
    /// (flat «5» is not flat «50»). A house that does not read as one («17 подъезд 2») is
    /// compared as one key; a flat without a house narrows nothing.
    ///
    /// ```
    /// use ereception_core::registry::{AddressKey, AddressMatch};
    ///
    /// let m = |house, flat| AddressKey::search("ул. Арбат", house, flat);
    /// assert_eq!(m(None, None), AddressMatch::Prefix("арбат|".into()));
    /// assert_eq!(m(Some("17"), None), AddressMatch::Prefix("арбат|17|".into()));
    /// assert_eq!(m(Some("17 корп. 2"), None), AddressMatch::Prefix("арбат|17|2|".into()));
    /// assert_eq!(m(Some("9 стр 1"), None), AddressMatch::Prefix("арбат|9||1|".into()));
    /// assert_eq!(m(Some("17к2"), Some("кв. 5")), AddressMatch::Exact("арбат|17|2||5".into()));
    /// ```
    pub fn search(street: &str, house: Option<&str>, flat: Option<&str>) -> AddressMatch {
        let street = street_key(street);
        let Some(house) = house.filter(|h| !house_part_key(h).is_empty()) else {
            return AddressMatch::Prefix(format!("{street}|"));
        };
        let [house, building, structure, written_flat] = match parse_house_part(house) {
            Some(parts) => parts.map(|p| optional_part_key(p.as_deref())),
            None => [house_part_key(house), String::new(), String::new(), String::new()],
        };
        let flat = flat.map(house_part_key).filter(|f| !f.is_empty()).unwrap_or(written_flat);
        if !flat.is_empty() {
            AddressMatch::Exact(format!("{street}|{house}|{building}|{structure}|{flat}"))
        } else if !structure.is_empty() {
            AddressMatch::Prefix(format!("{street}|{house}|{building}|{structure}|"))
        } else if !building.is_empty() {
            AddressMatch::Prefix(format!("{street}|{house}|{building}|"))
        } else {
            AddressMatch::Prefix(format!("{street}|{house}|"))
        }
    }
}

/// How a search matches stored [`AddressKey::joined`] keys ([`AddressKey::search`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressMatch {
    /// Every key that starts with this.
    Prefix(String),
    /// This key: one household.
    Exact(String),
}

/// An address typed as one line, split into the registry's parts. The parts are the text as
/// typed (trimmed); compare them through [`ParsedAddress::key`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedAddress {
    /// «ул. Новый Арбат».
    pub street: String,
    /// «12», «12А», «10/2».
    pub house: String,
    /// Корпус.
    pub building: Option<String>,
    /// Строение.
    pub structure: Option<String>,
    pub flat: Option<String>,
}

impl ParsedAddress {
    /// The comparison keys of the parsed parts.
    pub fn key(&self) -> AddressKey {
        AddressKey {
            street: street_key(&self.street),
            house: house_part_key(&self.house),
            building: optional_part_key(self.building.as_deref()),
            structure: optional_part_key(self.structure.as_deref()),
            flat: optional_part_key(self.flat.as_deref()),
        }
    }
}

/// Which part of an address a keyword or a number fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    House,
    Building,
    Structure,
    Flat,
}

/// The part a house-part keyword introduces («д», «корп», «стр», «кв»…), after folding.
fn part_keyword(word: &str) -> Option<Part> {
    match word {
        "д" | "дом" => Some(Part::House),
        "к" | "кор" | "корп" | "корпус" => Some(Part::Building),
        "с" | "стр" | "строение" => Some(Part::Structure),
        "кв" | "кварт" | "квартира" => Some(Part::Flat),
        _ => None,
    }
}

/// Folds one token of an address line for keyword checks: lowercase, «ё» → «е», without
/// surrounding punctuation; look-alikes mapped as in [`name_key`].
fn fold_token(raw: &str) -> String {
    map_lookalikes(&fold(raw, Keep { dashes: true, slash: true }), true).trim().to_owned()
}

/// Splits a folded token into its leading letters and what follows («кв45» → «кв», «45»).
fn leading_letters(folded: &str) -> (&str, &str) {
    let end = folded.find(|c: char| !is_letter(c)).unwrap_or(folded.len());
    folded.split_at(end)
}

/// True when a folded token is a house-part keyword («д», «корп», «кв»…), alone or glued to
/// a number («д12», «д.12», «кв45»).
fn is_part_keyword_token(folded: &str) -> bool {
    let (letters, rest) = leading_letters(folded);
    part_keyword(letters).is_some() && (rest.is_empty() || rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// True when a folded token opens the house part with a keyword: «д.12», «кв45», or «д», «кв»
/// when the next token is a number.
fn opens_house_part(folded: &str, next: Option<&str>) -> bool {
    let (letters, rest) = leading_letters(folded);
    let rest = rest.trim_start();
    let starts_with_digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    part_keyword(letters).is_some()
        && if rest.is_empty() { next.is_some_and(starts_with_digit) } else { starts_with_digit(rest) }
}

/// A lexical item of the house part of an address line.
#[derive(Clone, Debug, PartialEq)]
enum Item<'a> {
    /// Letters, as typed.
    Word(&'a str),
    /// ASCII digits.
    Number(&'a str),
    Slash,
    Dash,
    /// Whitespace, commas, dots, «№» and other punctuation.
    Gap,
}

fn lex(s: &str) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let run = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, pred: fn(char) -> bool| {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if pred(n) {
                    end = i + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            end
        };
        if c.is_ascii_digit() {
            let end = run(&mut chars, |n| n.is_ascii_digit());
            items.push(Item::Number(&s[start..end]));
        } else if c.is_alphabetic() {
            let end = run(&mut chars, |n| n.is_alphabetic() || is_combining(n));
            items.push(Item::Word(&s[start..end]));
        } else if is_dash(c) {
            items.push(Item::Dash);
        } else if matches!(c, '/' | '\\' | '\u{2044}' | '\u{2215}') {
            items.push(Item::Slash);
        } else {
            items.push(Item::Gap);
        }
    }
    items
}

/// The next item after `i` that is not a gap.
fn next_significant<'a>(items: &'a [Item<'a>], i: usize) -> Option<(usize, &'a Item<'a>)> {
    items.iter().enumerate().skip(i + 1).find(|(_, item)| **item != Item::Gap)
}

/// A house typed with its корпус or строение in it («17к2», «17 корп. 2», «9 стр 1») as house,
/// корпус and строение, as typed. `None` when the text names neither (or names a flat too, or
/// does not read as a house at all).
///
/// ```
/// use ereception_core::registry::split_house;
///
/// assert_eq!(split_house("17к2"), Some(("17".into(), Some("2".into()), None)));
/// assert_eq!(split_house("9 стр 1"), Some(("9".into(), None, Some("1".into()))));
/// assert_eq!(split_house("12А"), None);
/// ```
pub fn split_house(house: &str) -> Option<(String, Option<String>, Option<String>)> {
    match parse_house_part(house)? {
        [Some(house), building, structure, None] if building.is_some() || structure.is_some() => {
            Some((house, building, structure))
        }
        _ => None,
    }
}

/// Parses the house part («д. 12, корп. 2, стр. 1, кв. 45», «12к2с1 кв 45», «5-12») into
/// house, building, structure and flat. `None` when something is not understood.
fn parse_house_part(s: &str) -> Option<[Option<String>; 4]> {
    let items = lex(s);
    let mut parts: [Option<String>; 4] = Default::default();
    let index = |p: Part| p as usize;
    let mut pending: Option<Part> = None;
    let mut last: Option<Part> = None;
    let mut after_dash = false;
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Gap | Item::Slash => {}
            Item::Dash => {
                after_dash = matches!(next_significant(&items, i), Some((_, Item::Number(_))));
            }
            Item::Word(word) => {
                let folded = fold_token(word);
                let keyword = part_keyword(&folded);
                let next_is_number = matches!(next_significant(&items, i), Some((_, Item::Number(_))));
                if let (Some(part), true) = (keyword, next_is_number) {
                    if pending.is_some() {
                        return None;
                    }
                    pending = Some(part);
                } else if let (Some(part), true) = (last, word.chars().count() <= 2) {
                    // A letter after a number: «12А», «12 а», «12-А».
                    parts[index(part)].as_mut()?.push_str(word);
                } else {
                    return None;
                }
            }
            Item::Number(number) => {
                let mut value = (*number).to_owned();
                // «10/2», «10 / 2»: a corner house.
                if let Some((j, Item::Slash)) = next_significant(&items, i)
                    && let Some((k, Item::Number(second))) = next_significant(&items, j)
                {
                    value.push('/');
                    value.push_str(second);
                    i = k;
                }
                let part = match pending.take() {
                    Some(part) => part,
                    None if after_dash || parts[index(Part::House)].is_some() => Part::Flat,
                    None => Part::House,
                };
                if parts[index(part)].is_some() {
                    return None;
                }
                parts[index(part)] = Some(value);
                last = Some(part);
                after_dash = false;
            }
        }
        i += 1;
    }
    if pending.is_some() || parts[index(Part::House)].is_none() {
        return None;
    }
    Some(parts)
}

/// Leading words of an address line that say nothing about the street: the city, the
/// country, a postal index.
fn is_locality_noise(folded: &str) -> bool {
    matches!(folded, "г" | "город" | "москва" | "россия" | "рф")
        || (folded.len() == 6 && folded.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses an address typed as one line into street, house, корпус, строение and flat.
///
/// Best effort, for the question form where a resident types an address instead of choosing
/// a district. Understood:
/// - a leading postal index, «г. Москва», «Москва», «Россия», «РФ» are skipped;
/// - the street is everything before the house part, as typed («ул. Новый Арбат», «Ленинский
///   пр-т», «1-я Тверская-Ямская ул.», «ул. 8 Марта», «Проектируемый проезд № 4062»); once
///   the street has a word that is not a street type, the house part starts at a number or at
///   a house-part keyword («д.», «дом», «к.», «корп.», «стр.», «кв.»…) followed by a number. An
///   ordinal («1-я») followed by a street word belongs to the street, and so does a number
///   after «№»;
/// - the house part: «д. 12, корп. 2, стр. 1, кв. 45», «12к2с1 кв 45», «д12 кв45», «10/2»
///   (corner house), «12 А» / «12-А» (letter), and «5-12» or «5, 12» (house 5, flat 12).
///
/// Returns `None` when there is no street or no house number, or when the house part holds
/// a word it does not know («подъезд 3»): it never guesses.
///
/// ```
/// use ereception_core::registry::parse_address_line;
///
/// let a = parse_address_line("Новый Арбат 12к2с1 кв 45").unwrap();
/// assert_eq!(a.street, "Новый Арбат");
/// assert_eq!(a.house, "12");
/// assert_eq!(a.building.as_deref(), Some("2"));
/// assert_eq!(a.structure.as_deref(), Some("1"));
/// assert_eq!(a.flat.as_deref(), Some("45"));
///
/// let b = parse_address_line("Ленинский пр-т, 5-12").unwrap();
/// assert_eq!((b.street.as_str(), b.house.as_str(), b.flat.as_deref()), ("Ленинский пр-т", "5", Some("12")));
///
/// assert!(parse_address_line("Новый Арбат").is_none());
/// ```
pub fn parse_address_line(line: &str) -> Option<ParsedAddress> {
    // Tokens with their byte offsets; commas and semicolons separate like spaces.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        let separator = c.is_whitespace() || c == ',' || c == ';';
        match (separator, start) {
            (true, Some(s)) => {
                tokens.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, &line[s..]));
    }

    let folded: Vec<String> = tokens.iter().map(|(_, raw)| fold_token(raw)).collect();
    let first = folded.iter().position(|f| !f.split(['-', '/', ' ']).all(|w| w.is_empty() || is_locality_noise(w)))?;

    let mut street_has_name = false;
    let mut after_number_sign = false;
    let mut house_start = None;
    for t in first..tokens.len() {
        let (offset, raw) = tokens[t];
        let f = folded[t].as_str();
        let next = folded.get(t + 1).map(String::as_str);
        let number_sign = raw.contains('№');
        if street_has_name {
            let is_street_word =
                |n: &str| !n.is_empty() && !n.starts_with(|c: char| c.is_ascii_digit()) && !is_part_keyword_token(n);
            let ordinal_in_street = ordinal_digits(f).is_some() && next.is_some_and(is_street_word);
            let number_opens_house =
                f.starts_with(|c: char| c.is_ascii_digit()) && !number_sign && !after_number_sign && !ordinal_in_street;
            if number_opens_house || opens_house_part(f, next) {
                house_start = Some(offset);
                break;
            }
        }
        after_number_sign = number_sign && f.is_empty();
        let names_the_street = !is_street_type(f)
            && !is_part_keyword_token(f)
            && f.split(['-', ' ', '/']).any(|w| !w.is_empty() && !is_street_type(w));
        street_has_name |= names_the_street;
    }
    let house_start = house_start?;

    let street = tokens[first..]
        .iter()
        .take_while(|(offset, _)| *offset < house_start)
        .map(|(_, raw)| *raw)
        .collect::<Vec<_>>()
        .join(" ");
    let street = street.trim().to_owned();
    if street.is_empty() {
        return None;
    }
    let [house, building, structure, flat] = parse_house_part(&line[house_start..])?;
    Some(ParsedAddress { street, house: house?, building, structure, flat })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `fold` as Unicode's tables alone would do it: the short cut must agree with it.
    fn fold_all_by_tables(s: &str, keep: Keep) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| fold_by_tables(c, keep, &mut out));
        out
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\u{0}'..='\u{52f}').chain('\u{1e00}'..='\u{1eff}').chain('\u{2000}'..='\u{206f}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn folding_takes_a_short_cut_for_common_letters_only_where_the_tables_agree() {
        let keep = Keep { dashes: true, slash: true };
        for c in ('\u{0}'..='\u{52f}').chain('\u{1e00}'..='\u{1eff}').chain('\u{2000}'..='\u{206f}') {
            let s = format!("и{c}Ё");
            assert_eq!(fold(&s, keep), fold_all_by_tables(&s, keep), "{c:?} (U+{:04X})", u32::from(c));
        }
        assert_eq!(fold("Йошкар-Ола, ул. Ёлочная 12А", keep), "йошкар-ола  ул  елочная 12а");
        assert_eq!(fold("и\u{0306}", keep), "й");
    }

    proptest! {
        #[test]
        fn folding_agrees_with_the_tables(s in "\\PC{0,40}") {
            let keep = Keep { dashes: false, slash: true };
            prop_assert_eq!(fold(&s, keep), fold_all_by_tables(&s, keep));
        }
    }

    #[test]
    fn names_fold_case_yo_and_separators() {
        assert_eq!(name_key("Римский-Корсаков"), name_key("римский корсаков"));
        assert_eq!(name_key("РИМСКИЙ – КОРСАКОВ"), name_key("римский корсаков"));
        assert_eq!(name_key("Римский—Корсаков"), "римский корсаков");
        assert_eq!(name_key("Алёна"), name_key("Алена"));
        assert_eq!(name_key("АЛЁНА"), "алена");
        assert_eq!(name_key("Семёнов"), name_key("Семенов"));
        assert_eq!(name_key("Оглы  Мамед.  "), "оглы мамед");
        assert_eq!(name_key("Д’Артаньян"), name_key("д'артаньян"));
        assert_eq!(name_key(""), "");
        assert_eq!(name_key("  - . "), "");
        assert_ne!(name_key("Иванов"), name_key("Иванова"));
        assert_ne!(name_key("Римский-Корсаков"), name_key("РимскийКорсаков"));
    }

    #[test]
    fn names_fold_decomposed_letters() {
        // «ё» as «е» + combining diaeresis, «й» as «и» + combining breve
        assert_eq!(name_key("Але\u{0308}на"), "алена");
        assert_eq!(name_key("Андреи\u{0306}"), "андрей");
        assert_eq!(name_key("Андреи\u{0306}"), name_key("Андрей"));
        assert_ne!(name_key("Андрей"), name_key("Андреи"));
        // a soft hyphen does not split a word
        assert_eq!(name_key("Ива\u{00AD}нов"), "иванов");
    }

    #[test]
    fn latin_lookalikes_only_in_cyrillic_words() {
        assert_eq!(name_key("Ивaнoв"), "иванов");
        assert_eq!(name_key("ПETPOB"), "петров");
        assert_eq!(name_key("Cемён"), "семен");
        assert_eq!(name_key("Смирнова-Kyзнецова"), "смирнова кузнецова");
        // Latin words stay Latin, and so does a word with a Latin letter that has no twin.
        assert_eq!(name_key("Max"), "max");
        assert_eq!(name_key("John Smith"), "john smith");
        assert_eq!(name_key("Ивanов"), "ивanов");
        assert_ne!(name_key("Max"), name_key("Мах"));
    }

    #[test]
    fn street_type_words_dropped_wherever_they_stand() {
        let arbat = "новый арбат";
        for s in [
            "ул. Новый Арбат",
            "Новый Арбат ул",
            "улица Новый Арбат",
            "Новый Арбат, ул.",
            "НОВЫЙ АРБАТ УЛИЦА",
            "Новый Арбат",
        ] {
            assert_eq!(street_key(s), arbat, "{s}");
        }
        for s in [
            "Ленинский пр-т",
            "Ленинский проспект",
            "пр-т Ленинский",
            "Ленинский просп.",
            "Ленинский пр.",
            "Ленинский пр-кт",
            "Ленинский пр – т",
        ] {
            assert_eq!(street_key(s), "ленинский", "{s}");
        }
        assert_eq!(street_key("Варшавское ш."), street_key("Варшавское шоссе"));
        assert_eq!(street_key("ш. Энтузиастов"), "энтузиастов");
        assert_eq!(street_key("Гоголевский б-р"), street_key("Гоголевский бульвар"));
        assert_eq!(street_key("Сивцев Вражек пер."), street_key("переулок Сивцев Вражек"));
        assert_eq!(street_key("Фрунзенская наб."), street_key("Фрунзенская набережная"));
        assert_eq!(street_key("Проектируемый пр-д № 4062"), "4062 проектируемый");
        assert_eq!(street_key("Проектируемый проезд №4062"), "4062 проектируемый");
        assert_eq!(street_key("Комсомольская пл."), street_key("площадь Комсомольская"));
        assert_eq!(street_key("Нескучный туп."), street_key("тупик Нескучный"));
        assert_ne!(street_key("ул. Новый Арбат"), street_key("ул. Арбат"));
    }

    #[test]
    fn street_of_type_words_only_keeps_a_word() {
        assert_eq!(street_key("Набережная ул."), "набережная");
        assert_eq!(street_key("улица Набережная"), "набережная");
        assert_eq!(street_key("улица Аллея"), "аллея");
        assert_eq!(street_key("Аллея ул"), "аллея");
        assert_eq!(street_key("ул."), "улица");
        assert_eq!(street_key("ул. Ул"), street_key("Ул улица"));
        assert_eq!(street_key(""), "");
        assert_eq!(street_key(" , "), "");
    }

    #[test]
    fn street_ordinals_agree() {
        let k = street_key("1-я Тверская-Ямская ул.");
        for s in [
            "1я Тверская-Ямская",
            "1-ая Тверская-Ямская улица",
            "Тверская-Ямская 1-я ул.",
            "1–я Тверская Ямская",
            "1-Я ТВЕРСКАЯ-ЯМСКАЯ",
        ] {
            assert_eq!(street_key(s), k, "{s}");
        }
        assert_ne!(street_key("2-я Тверская-Ямская"), k);
        assert_eq!(street_key("3-я линия"), "3 линия");
        assert_ne!(street_key("3-я линия"), street_key("3-я улица"));
        assert_eq!(street_key("2-й Хорошёвский проезд"), street_key("Хорошевский 2-й пр-д"));
        // a number in the name keeps its place among the numbers
        assert_eq!(street_key("ул. 8 Марта"), "8 марта");
        assert_eq!(street_key("ул. 1905 года"), street_key("1905 года улица"));
    }

    #[test]
    fn street_big_and_small_abbreviations() {
        assert_eq!(street_key("Б. Черкизовская"), street_key("Большая Черкизовская ул."));
        assert_eq!(street_key("Черкизовская Б. ул."), street_key("ул. Большая Черкизовская"));
        assert_eq!(street_key("М. Бронная"), street_key("Малая Бронная улица"));
        assert_eq!(street_key("Бронная М."), street_key("Малая Бронная"));
        assert_eq!(street_key("Б. Власьевский пер."), street_key("Большой Власьевский переулок"));
        assert_ne!(street_key("Б. Бронная"), street_key("М. Бронная"));
        // other adjectives stay where they are
        assert_ne!(street_key("Новый Арбат"), street_key("Арбат Новый"));
    }

    #[test]
    fn street_lookalikes() {
        assert_eq!(street_key("yл. Hoвый Apбaт"), "новый арбат");
        assert_eq!(street_key("Ленинский пp-т"), "ленинский");
    }

    #[test]
    fn house_parts() {
        assert_eq!(house_part_key("12А"), "12а");
        assert_eq!(house_part_key("12 а"), house_part_key("12А"));
        assert_eq!(house_part_key("12-А"), house_part_key("12А"));
        assert_eq!(house_part_key("д. 12А"), house_part_key("12А"));
        assert_eq!(house_part_key("дом 12 а"), house_part_key("12А"));
        assert_eq!(house_part_key("д12а"), house_part_key("12А"));
        assert_eq!(house_part_key("№ 12А"), house_part_key("12А"));
        assert_ne!(house_part_key("12А"), house_part_key("12Б"));
        assert_ne!(house_part_key("12А"), house_part_key("12"));
        assert_eq!(house_part_key("12/2"), "12/2");
        assert_eq!(house_part_key("12 / 2"), "12/2");
        assert_ne!(house_part_key("12/2"), house_part_key("122"));
        assert_ne!(house_part_key("12 2"), house_part_key("122"));
        assert_eq!(house_part_key("к. 2"), "2");
        assert_eq!(house_part_key("корп. 2"), "2");
        assert_eq!(house_part_key("корпус 2"), "2");
        assert_eq!(house_part_key("к2"), "2");
        assert_eq!(house_part_key("стр. 1"), "1");
        assert_eq!(house_part_key("строение 1"), "1");
        assert_eq!(house_part_key("с1"), "1");
        assert_eq!(house_part_key("кв. 45"), "45");
        assert_eq!(house_part_key("квартира 45"), "45");
        assert_eq!(house_part_key("кв45"), "45");
        assert_eq!(house_part_key("К"), "к");
        assert_eq!(house_part_key(""), "");
        assert_eq!(house_part_key("   "), "");
    }

    #[test]
    fn desk_searches_read_house_building_and_structure() {
        let m = |house: &str, flat: Option<&str>| AddressKey::search("ул. Новый Арбат", Some(house), flat);
        let prefix = |k: &str| AddressMatch::Prefix(format!("новый арбат|{k}"));
        for written in ["17к2", "17 корп. 2", "17 к 2", "17 к.2", "д. 17, корпус 2", "17К2"] {
            assert_eq!(m(written, None), prefix("17|2|"), "{written}");
        }
        assert_eq!(m("9 стр 1", None), prefix("9||1|"));
        assert_eq!(m("9с1", None), prefix("9||1|"));
        assert_eq!(m("17к2с1", None), prefix("17|2|1|"));
        assert_eq!(m("17 корпус 2 строение 1", None), prefix("17|2|1|"));
        assert_eq!(m("17", None), prefix("17|"));
        assert_eq!(m("д. 12А", None), prefix("12а|"));
        assert_eq!(m("10/2", None), prefix("10/2|"));
        // a flat makes the address whole: exact, so «5» is not «50»
        assert_eq!(m("17", Some("5")), AddressMatch::Exact("новый арбат|17|||5".into()));
        assert_eq!(m("17к2", Some("кв. 12А")), AddressMatch::Exact("новый арбат|17|2||12а".into()));
        assert_eq!(m("17 кв 5", None), AddressMatch::Exact("новый арбат|17|||5".into()));
        assert_eq!(m("17 кв 5", Some("6")), AddressMatch::Exact("новый арбат|17|||6".into()), "the flat field wins");
        // what does not read as a house is one key, as before
        assert_eq!(m("17 подъезд 2", None), prefix(&format!("{}|", house_part_key("17 подъезд 2"))));
        // no house: the street, whatever the flat
        assert_eq!(AddressKey::search("Арбат", Some(" "), Some("5")), AddressMatch::Prefix("арбат|".into()));
        assert_eq!(AddressKey::search("Арбат", None, Some("5")), AddressMatch::Prefix("арбат|".into()));
        // the stored key of such an address starts with (or is) what the search makes
        let stored = AddressKey::of(&Address {
            district: crate::domain::ids::DistrictCode::new("0412"),
            street: "Новый Арбат ул.".into(),
            house: "17".into(),
            building: Some("2".into()),
            structure: None,
            flat: Some("5".into()),
        })
        .joined();
        let AddressMatch::Prefix(p) = m("17 корп. 2", None) else { panic!("a prefix") };
        assert!(stored.starts_with(&p), "{stored} / {p}");
        assert_eq!(m("17к2", Some("5")), AddressMatch::Exact(stored));
    }

    #[test]
    fn flats_with_letters() {
        assert_eq!(house_part_key("12А"), house_part_key("12 а"));
        assert_ne!(house_part_key("12А"), house_part_key("12Б"));
        assert_eq!(house_part_key("кв. 12а"), house_part_key("12 А"));
        assert_eq!(house_part_key("12A"), house_part_key("12А"), "Latin A");
    }

    #[test]
    fn address_keys_treat_missing_parts_as_empty() {
        use crate::domain::ids::DistrictCode;
        let a = Address {
            district: DistrictCode::new("0412"),
            street: "ул. Новый Арбат".into(),
            house: "12".into(),
            building: None,
            structure: Some(" ".into()),
            flat: Some("45".into()),
        };
        let key = AddressKey::of(&a);
        assert_eq!(key.building, "");
        assert_eq!(key.structure, "");
        assert_eq!(key.flat, "45");
        assert_eq!(key.building_only().flat, "");
        let parsed = parse_address_line("Новый Арбат улица, дом 12, кв. 45").unwrap();
        assert_eq!(parsed.key(), key);
    }

    fn parsed(line: &str) -> (String, String, Option<String>, Option<String>, Option<String>) {
        let p = parse_address_line(line).unwrap_or_else(|| panic!("no parse: {line}"));
        (p.street, p.house, p.building, p.structure, p.flat)
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn address_lines() {
        let full = ("ул. Новый Арбат".to_owned(), "12".to_owned(), s("2"), s("1"), s("45"));
        assert_eq!(parsed("ул. Новый Арбат, д. 12, корп. 2, стр. 1, кв. 45"), full);
        assert_eq!(parsed("ул. Новый Арбат д.12 к.2 стр.1 кв.45"), full);
        assert_eq!(parsed("ул. Новый Арбат, дом 12, корпус 2, строение 1, квартира 45"), full);
        assert_eq!(parsed("ул. Новый Арбат 12к2с1 кв 45"), full);
        assert_eq!(parsed("г. Москва, ул. Новый Арбат, д12 к2 с1 кв45"), full);
        assert_eq!(parsed("г.Москва ул. Новый Арбат, д12 к2 с1 кв45"), full);
        assert_eq!(parsed("ул. Новый Арбат, корп. 2, д. 12, кв. 45, стр. 1"), full);
        assert_eq!(parsed("119019, Москва, ул. Новый Арбат, 12к2с1, кв. 45"), full);
        assert_eq!(
            parsed("Новый Арбат 12к2с1 кв 45"),
            ("Новый Арбат".to_owned(), "12".to_owned(), s("2"), s("1"), s("45"))
        );
        assert_eq!(parsed("Ленинский пр-т, 5-12"), ("Ленинский пр-т".to_owned(), "5".to_owned(), None, None, s("12")));
        assert_eq!(parsed("Ленинский пр-т, 5, 12"), ("Ленинский пр-т".to_owned(), "5".to_owned(), None, None, s("12")));
        assert_eq!(parsed("Ленинский пр-т,5"), ("Ленинский пр-т".to_owned(), "5".to_owned(), None, None, None));
    }

    #[test]
    fn address_lines_with_letters_and_fractions() {
        assert_eq!(
            parsed("Тверская ул., 12 А, кв. 3"),
            ("Тверская ул.".to_owned(), "12А".to_owned(), None, None, s("3"))
        );
        assert_eq!(parsed("Тверская ул., д. 12-А"), ("Тверская ул.".to_owned(), "12А".to_owned(), None, None, None));
        assert_eq!(parsed("Тверская 12а-7"), ("Тверская".to_owned(), "12а".to_owned(), None, None, s("7")));
        assert_eq!(parsed("Покровка, 10/2, кв 5"), ("Покровка".to_owned(), "10/2".to_owned(), None, None, s("5")));
        assert_eq!(parsed("Покровка, д. 10 / 2"), ("Покровка".to_owned(), "10/2".to_owned(), None, None, None));
        assert_eq!(parsed("Покровка, 10, кв. 7Б"), ("Покровка".to_owned(), "10".to_owned(), None, None, s("7Б")));
    }

    #[test]
    fn address_lines_with_numbers_in_the_street() {
        assert_eq!(
            parsed("1-я Тверская-Ямская ул., д. 5"),
            ("1-я Тверская-Ямская ул.".to_owned(), "5".to_owned(), None, None, None)
        );
        assert_eq!(
            parsed("Тверская-Ямская 1-я ул., 5"),
            ("Тверская-Ямская 1-я ул.".to_owned(), "5".to_owned(), None, None, None)
        );
        assert_eq!(parsed("ул. 8 Марта, 4"), ("ул. 8 Марта".to_owned(), "4".to_owned(), None, None, None));
        assert_eq!(parsed("ул. 1905 года, д. 7"), ("ул. 1905 года".to_owned(), "7".to_owned(), None, None, None));
        assert_eq!(
            parsed("Проектируемый проезд № 4062, д. 6, стр. 16"),
            ("Проектируемый проезд № 4062".to_owned(), "6".to_owned(), None, s("16"), None)
        );
        assert_eq!(parsed("ул. Д. Ульянова, д. 3"), ("ул. Д. Ульянова".to_owned(), "3".to_owned(), None, None, None));
        // a house letter that looks like an ordinal ending
        assert_eq!(parsed("Новый Арбат 12е"), ("Новый Арбат".to_owned(), "12е".to_owned(), None, None, None));
        assert_eq!(parsed("Новый Арбат 12е кв 4"), ("Новый Арбат".to_owned(), "12е".to_owned(), None, None, s("4")));
    }

    #[test]
    fn address_lines_not_understood() {
        for line in [
            "",
            "Новый Арбат",
            "12",
            "д. 12, кв. 4",
            "Москва",
            "Новый Арбат, кв. 45",
            "Новый Арбат 12 подъезд 3",
            "Новый Арбат 12 кв 4 кв 5",
            "Новый Арбат 12, 4, 5",
        ] {
            assert_eq!(parse_address_line(line), None, "{line}");
        }
    }

    /// Words from which the property tests build Cyrillic names and streets.
    fn cyrillic_text() -> impl Strategy<Value = String> {
        "[А-ЯЁа-яёA-Za-z0-9 .,\\-–—'’/№]{0,40}"
    }

    fn street_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "ул.",
                "улица",
                "пр-т",
                "пр",
                "т",
                "-",
                "–",
                " ",
                ",",
                "Б.",
                "Большая",
                "м",
                "1-я",
                "1я",
                "2",
                "я",
                "ая",
                "Новый",
                "Арбат",
                "Набережная",
                "наб",
                "Ёлочная",
                "кв-л",
                "пр--т",
                "№",
                "1-",
                "-я",
                "x",
                "Тверская-Ямская",
            ]),
            0..8,
        )
        .prop_map(|words| words.concat())
    }

    proptest! {
        #[test]
        fn name_key_is_idempotent(s in any::<String>()) {
            let k = name_key(&s);
            prop_assert_eq!(name_key(&k), k);
        }

        #[test]
        fn name_key_is_idempotent_on_cyrillic(s in cyrillic_text()) {
            let k = name_key(&s);
            prop_assert_eq!(name_key(&k), k);
        }

        #[test]
        fn street_key_is_idempotent(s in any::<String>()) {
            let k = street_key(&s);
            prop_assert_eq!(street_key(&k), k);
        }

        #[test]
        fn street_key_is_idempotent_on_street_words(a in street_text(), b in street_text(), c in cyrillic_text()) {
            for s in [a.clone(), format!("{a} {b}"), format!("{a}{c}{b}")] {
                let k = street_key(&s);
                prop_assert_eq!(street_key(&k), k.clone(), "{:?}", s);
            }
        }

        #[test]
        fn house_part_key_is_idempotent(s in any::<String>()) {
            let k = house_part_key(&s);
            prop_assert_eq!(house_part_key(&k), k);
        }

        #[test]
        fn house_part_key_is_idempotent_on_house_text(s in "(д|дом|к|корп|с|стр|кв|№| |\\.|-|/|[0-9]{1,3}|[АБВaAbBкс]){0,8}") {
            let k = house_part_key(&s);
            prop_assert_eq!(house_part_key(&k), k);
        }

        #[test]
        fn keys_ignore_case(s in cyrillic_text()) {
            prop_assert_eq!(name_key(&s.to_uppercase()), name_key(&s.to_lowercase()));
            prop_assert_eq!(street_key(&s.to_uppercase()), street_key(&s.to_lowercase()));
            prop_assert_eq!(house_part_key(&s.to_uppercase()), house_part_key(&s.to_lowercase()));
        }

        #[test]
        fn address_line_parser_never_panics(s in any::<String>(), t in "[а-яА-Я .,0-9/кдсв\\-]{0,30}") {
            let _ = parse_address_line(&s);
            let _ = parse_address_line(&t);
        }

        #[test]
        fn address_line_round_trip(
            street in "(ул\\. |)[А-Я][а-я]{2,8}( [А-Я][а-я]{2,8}|)",
            house in 1u32..300,
            letter in prop::sample::select(vec!["", "А", "Б"]),
            building in prop::option::of(1u32..9),
            structure in prop::option::of(1u32..9),
            flat in prop::option::of(1u32..500),
        ) {
            // a name made only of keywords («ул. Туп», «Дом») is no street name: the generator
            // makes one now and then, and the parser rightly finds no street in it
            prop_assume!(street.split(' ').filter(|w| *w != "ул.").any(|w| {
                let f = fold_token(w);
                !is_street_type(&f) && !is_part_keyword_token(&f)
            }));
            let mut line = format!("{street}, д. {house}{letter}");
            if let Some(b) = building { line.push_str(&format!(", корп. {b}")); }
            if let Some(s) = structure { line.push_str(&format!(", стр. {s}")); }
            if let Some(f) = flat { line.push_str(&format!(", кв. {f}")); }
            let p = parse_address_line(&line);
            prop_assert!(p.is_some(), "{}", line);
            let p = p.unwrap();
            prop_assert_eq!(&p.street, &street);
            prop_assert_eq!(p.house, format!("{house}{letter}"));
            prop_assert_eq!(p.building, building.map(|b| b.to_string()));
            prop_assert_eq!(p.structure, structure.map(|s| s.to_string()));
            prop_assert_eq!(p.flat, flat.map(|f| f.to_string()));
        }
    }
}
