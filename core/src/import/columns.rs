//! The registry's canonical fields and the column map that finds them in a file's header.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::i18n::{Arg, Lang, tr_args};
use crate::toml_problem::TomlProblem;

/// A field of the canonical registry CSV, in the canonical column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The registry's own id of the resident; the key for re-imports.
    Id,
    Surname,
    Name,
    Patronymic,
    BirthDate,
    District,
    Street,
    House,
    /// Корпус.
    Building,
    /// Строение.
    Structure,
    Flat,
    RegistrationKind,
}

/// The number of canonical fields.
pub const FIELD_COUNT: usize = 12;

impl Field {
    /// Every field, in the order of the canonical header.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::Surname,
        Field::Name,
        Field::Patronymic,
        Field::BirthDate,
        Field::District,
        Field::Street,
        Field::House,
        Field::Building,
        Field::Structure,
        Field::Flat,
        Field::RegistrationKind,
    ];

    /// The canonical column name, e.g. `birth_date`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Surname => "surname",
            Field::Name => "name",
            Field::Patronymic => "patronymic",
            Field::BirthDate => "birth_date",
            Field::District => "district",
            Field::Street => "street",
            Field::House => "house",
            Field::Building => "building",
            Field::Structure => "structure",
            Field::Flat => "flat",
            Field::RegistrationKind => "registration_kind",
        }
    }

    /// Parses a canonical field name (case-insensitive, surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<Field> {
        let s = s.trim();
        Field::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(s))
    }

    /// Whether a row must have a value here (and the header must have the column).
    ///
    /// Patronymic, building, structure and flat are optional: their columns may be absent.
    pub fn is_required(self) -> bool {
        !matches!(self, Field::Patronymic | Field::Building | Field::Structure | Field::Flat)
    }

    /// The longest value a record holds for this field, in characters (Unicode scalar
    /// values): for text fields the longest value accepted after whitespace is collapsed, for
    /// parsed fields the width of their stored form (`0412`, `1980-02-29`, `temporary`).
    /// Storage columns must be at least this wide.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Id => MAX_ID_CHARS,
            Field::Surname | Field::Name | Field::Patronymic => MAX_NAME_CHARS,
            Field::Street => MAX_STREET_CHARS,
            Field::House | Field::Building | Field::Structure | Field::Flat => MAX_HOUSE_PART_CHARS,
            Field::District => 4,
            Field::BirthDate => 10,
            Field::RegistrationKind => 9,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Longest registry id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest surname, name or patronymic, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest street, in characters.
pub const MAX_STREET_CHARS: usize = 200;
/// Longest house, building (корпус), structure (строение) or flat, in characters.
pub const MAX_HOUSE_PART_CHARS: usize = 50;

/// The canonical header line, with `;` between the names.
pub const CANONICAL_HEADER: &str =
    "id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind";

/// Where each canonical field is found in a file's header.
///
/// An empty map means the canonical header. A field that is not mapped is looked for under its
/// canonical name, so a map only needs the columns an export names differently. Header names
/// are compared case-insensitively, with surrounding spaces and a byte-order mark ignored,
/// inner spaces collapsed and «ё» read as «е».
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    headers: [Option<String>; FIELD_COUNT],
}

impl ColumnMap {
    /// The canonical header: every field under its own name.
    pub fn canonical() -> Self {
        Self::default()
    }

    /// True when no field is renamed.
    pub fn is_canonical(&self) -> bool {
        self.headers.iter().all(Option::is_none)
    }

    /// Looks for `field` under the column `header`.
    pub fn set(&mut self, field: Field, header: &str) -> Result<(), ColumnMapError> {
        if normalize_header(header).is_empty() {
            return Err(ColumnMapError::EmptyHeader(field));
        }
        self.headers[field.index()] = Some(header.trim().to_owned());
        Ok(())
    }

    /// The column name `field` is looked for under, as the map or the canonical header says.
    pub fn header_for(&self, field: Field) -> &str {
        self.headers[field.index()].as_deref().unwrap_or(field.as_str())
    }

    /// Whether `field` was given another name.
    pub fn is_mapped(&self, field: Field) -> bool {
        self.headers[field.index()].is_some()
    }

    /// Parses a map from TOML lines `field = "Header"`, e.g. `surname = "Фамилия"`.
    pub fn from_toml(text: &str) -> Result<Self, ColumnMapError> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| ColumnMapError::Toml(Box::new(TomlProblem::from_error(&e, text))))?;
        let mut map = ColumnMap::default();
        for (key, value) in &table {
            let field = Field::parse(key).ok_or_else(|| ColumnMapError::UnknownField(key.clone()))?;
            let header = value.as_str().ok_or(ColumnMapError::NotAString(field))?;
            if map.is_mapped(field) {
                return Err(ColumnMapError::DuplicateField(field));
            }
            map.set(field, header)?;
        }
        map.validate()?;
        Ok(map)
    }

    /// Parses a map from `field=Header,field=Header` (the `--map` flag). Header names cannot
    /// contain commas here; use the TOML form for those.
    pub fn from_pairs(spec: &str) -> Result<Self, ColumnMapError> {
        let mut map = ColumnMap::default();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (key, header) = pair.split_once('=').ok_or_else(|| ColumnMapError::BadPair(pair.trim().to_owned()))?;
            let field = Field::parse(key).ok_or_else(|| ColumnMapError::UnknownField(key.trim().to_owned()))?;
            if map.is_mapped(field) {
                return Err(ColumnMapError::DuplicateField(field));
            }
            map.set(field, header)?;
        }
        map.validate()?;
        Ok(map)
    }

    /// Refuses a map under which two fields would read the same column.
    pub(crate) fn validate(&self) -> Result<(), ColumnMapError> {
        for (i, a) in Field::ALL.iter().enumerate() {
            for b in &Field::ALL[i + 1..] {
                if normalize_header(self.header_for(*a)) == normalize_header(self.header_for(*b)) {
                    return Err(ColumnMapError::SameHeader {
                        header: self.header_for(*b).to_owned(),
                        first: *a,
                        second: *b,
                    });
                }
            }
        }
        Ok(())
    }
}

impl FromStr for ColumnMap {
    type Err = ColumnMapError;

    /// Same as [`ColumnMap::from_pairs`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_pairs(s)
    }
}

/// A column map could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ColumnMapError {
    /// The key is not one of the canonical field names.
    #[error("unknown registry field {0:?}")]
    UnknownField(String),
    /// The TOML value of a field is not a string.
    #[error("the column name of {0} must be a string")]
    NotAString(Field),
    /// A field was mapped twice.
    #[error("field {0} is mapped twice")]
    DuplicateField(Field),
    /// A field was mapped to an empty column name.
    #[error("field {0} is mapped to an empty column name")]
    EmptyHeader(Field),
    /// Two fields would read the same column.
    #[error("fields {first} and {second} would both read column {header:?}")]
    SameHeader { header: String, first: Field, second: Field },
    /// The map file is not TOML.
    #[error("cannot read the column map file: {0:?}")]
    Toml(Box<TomlProblem>),
    /// A `--map` pair is not `field=Header`.
    #[error("expected field=Header, found {0:?}")]
    BadPair(String),
}

/// Where a column map was given, for its messages.
#[derive(Clone, Copy, Debug)]
pub enum MapOrigin<'a> {
    /// The `--map` flag's `field=Header` pairs.
    Pairs,
    /// A `--map-file`.
    File(&'a Path),
    /// Not said.
    Unknown,
}

impl ColumnMapError {
    /// The error as an administrator reads it.
    pub fn message(&self, lang: Lang) -> String {
        self.message_in(lang, MapOrigin::Unknown)
    }

    /// The error as an administrator reads it, naming where the map was given: «в соответствии
    /// столбцов (--map) неизвестное поле «город»…».
    pub fn message_in(&self, lang: Lang, origin: MapOrigin<'_>) -> String {
        let place = match origin {
            MapOrigin::Pairs => tr_args(lang, "import-map-where-pairs", &[]),
            MapOrigin::File(path) => {
                tr_args(lang, "import-map-where-file", &[("path", path.display().to_string().into())])
            }
            MapOrigin::Unknown => tr_args(lang, "import-map-where", &[]),
        };
        let tr_args = |lang: Lang, id: &str, args: &[(&str, Arg<'_>)]| {
            let mut args = args.to_vec();
            args.push(("where", Arg::from(place.as_str())));
            tr_args(lang, id, &args)
        };
        match self {
            ColumnMapError::UnknownField(name) => {
                let fields: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
                match crate::toml_problem::closest(name, &fields) {
                    Some(like) => tr_args(
                        lang,
                        "import-map-unknown-field-like",
                        &[("field", name.into()), ("like", like.into()), ("fields", field_list().into())],
                    ),
                    None => tr_args(
                        lang,
                        "import-map-unknown-field",
                        &[("field", name.into()), ("fields", field_list().into())],
                    ),
                }
            }
            ColumnMapError::NotAString(field) => {
                tr_args(lang, "import-map-not-a-string", &[("field", field.as_str().into())])
            }
            ColumnMapError::DuplicateField(field) => {
                tr_args(lang, "import-map-duplicate-field", &[("field", field.as_str().into())])
            }
            ColumnMapError::EmptyHeader(field) => {
                tr_args(lang, "import-map-empty-header", &[("field", field.as_str().into())])
            }
            ColumnMapError::SameHeader { header, first, second } => tr_args(
                lang,
                "import-map-same-header",
                &[("header", header.into()), ("first", first.as_str().into()), ("second", second.as_str().into())],
            ),
            ColumnMapError::Toml(problem) => {
                tr_args(lang, "import-map-toml", &[("detail", problem.message(lang).into())])
            }
            ColumnMapError::BadPair(pair) => tr_args(lang, "import-map-bad-pair", &[("pair", pair.into())]),
        }
    }
}

fn field_list() -> String {
    Field::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
}

/// The form header names are compared in: trimmed (spaces and BOM), lower case, inner
/// whitespace collapsed to one space, «ё» as «е».
pub(crate) fn normalize_header(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{feff}').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(if c == 'ё' { 'е' } else { c });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn canonical_header_lists_every_field_in_order() {
        let names: Vec<_> = Field::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names.join(";"), CANONICAL_HEADER);
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(f.index(), i);
            assert_eq!(Field::parse(&f.as_str().to_uppercase()), Some(*f));
        }
        assert_eq!(Field::parse("birthdate"), None);
    }

    #[test]
    fn map_from_toml() {
        let map = ColumnMap::from_toml("surname = \"Фамилия\"\nname = \"Имя\"\n\"birth_date\" = \" Дата рождения \"\n")
            .unwrap();
        assert_eq!(map.header_for(Field::Surname), "Фамилия");
        assert_eq!(map.header_for(Field::BirthDate), "Дата рождения");
        assert_eq!(map.header_for(Field::Street), "street");
        assert!(!map.is_canonical());
        assert!(ColumnMap::from_toml("").unwrap().is_canonical());
    }

    #[test]
    fn map_from_toml_errors() {
        assert_eq!(ColumnMap::from_toml("surnam = \"Фамилия\""), Err(ColumnMapError::UnknownField("surnam".into())));
        assert_eq!(ColumnMap::from_toml("flat = 12"), Err(ColumnMapError::NotAString(Field::Flat)));
        assert!(matches!(ColumnMap::from_toml("surname = "), Err(ColumnMapError::Toml(_))));
        assert_eq!(ColumnMap::from_toml("flat = \"  \""), Err(ColumnMapError::EmptyHeader(Field::Flat)));
        assert_eq!(
            ColumnMap::from_toml("surname = \"Имя\"\nname = \"имя\""),
            Err(ColumnMapError::SameHeader { header: "имя".into(), first: Field::Surname, second: Field::Name })
        );
        // A renamed field may not take another field's canonical name while that one is unmapped.
        assert!(matches!(ColumnMap::from_toml("surname = \"NAME\""), Err(ColumnMapError::SameHeader { .. })));
        // …but may once that field is renamed too.
        assert!(ColumnMap::from_toml("surname = \"name\"\nname = \"first\"").is_ok());
    }

    #[test]
    fn map_from_pairs() {
        let map: ColumnMap = "surname=Фамилия, name = Имя ,flat=Кв.".parse().unwrap();
        assert_eq!(map.header_for(Field::Surname), "Фамилия");
        assert_eq!(map.header_for(Field::Name), "Имя");
        assert_eq!(map.header_for(Field::Flat), "Кв.");
        assert_eq!(ColumnMap::from_pairs("").unwrap(), ColumnMap::canonical());
        assert_eq!(ColumnMap::from_pairs("surname=A,surname=B"), Err(ColumnMapError::DuplicateField(Field::Surname)));
        assert_eq!(ColumnMap::from_pairs("city=Город"), Err(ColumnMapError::UnknownField("city".into())));
        assert_eq!(ColumnMap::from_pairs("surname"), Err(ColumnMapError::BadPair("surname".into())));
    }

    #[test]
    fn header_names_are_normalised() {
        assert_eq!(normalize_header("\u{feff} Дата   Рождения\r"), "дата рождения");
        assert_eq!(normalize_header("Подъёзд"), "подъезд");
        assert_eq!(normalize_header("  "), "");
    }

    #[test]
    fn map_errors_read_in_both_languages() {
        let e = ColumnMapError::UnknownField("город".into());
        let ru = e.message_in(Lang::Ru, MapOrigin::Pairs);
        assert!(ru.starts_with("в соответствии столбцов (--map) неизвестное поле «город»"), "{ru}");
        assert!(ru.contains("birth_date"), "{ru}");
        assert!(e.message(Lang::En).contains("“город” is not a registry field"), "{}", e.message(Lang::En));
        // QA: a typo in a field's name was refused without the field it was likely meant for
        let e = ColumnMap::from_pairs("id=Код,surnme=Фамилия").expect_err("a typo");
        let ru = e.message_in(Lang::Ru, MapOrigin::Pairs);
        assert!(ru.contains("неизвестное поле «surnme» — может быть, «surname»?"), "{ru}");
        assert!(e.message(Lang::En).contains("“surnme” is not a registry field — did you mean “surname”?"));
        let e = ColumnMap::from_pairs("surname=Фамилия,Имя").expect_err("not a pair");
        assert!(e.message_in(Lang::Ru, MapOrigin::Pairs).contains("«Имя» — не пара поле=столбец"), "{e:?}");
    }

    /// A map file's unquoted column name is told with its line and column, in Russian.
    #[test]
    fn an_unquoted_name_in_a_map_file_names_its_line() {
        let e = ColumnMap::from_toml("surname = \"Фамилия\"\nname = Имя\n").expect_err("unquoted");
        let ru = e.message_in(Lang::Ru, MapOrigin::File(Path::new("map.toml")));
        assert_eq!(
            ru,
            "в файле соответствия столбцов map.toml ошибка: строка 2, столбец 8, ключ name: текст нужно взять в \
             кавычки: \"Имя\""
        );
        let en = e.message_in(Lang::En, MapOrigin::File(Path::new("map.toml")));
        assert!(en.contains("line 2, column 8, key name: put the text in quotes"), "{en}");
    }
}
