//! Tests of the reader over whole files.

use std::io::{self, Read};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::ids::DistrictCode;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn opts() -> ImportOptions {
    ImportOptions::new(today())
}

/// Reads a whole file: good records, then every row error; panics on a fatal error.
fn read_all(bytes: &[u8], options: &ImportOptions) -> (Vec<RegistryRecord>, Vec<RowError>) {
    let reader = RegistryReader::new(bytes, options).unwrap();
    split(reader)
}

fn split<R: Read>(reader: RegistryReader<R>) -> (Vec<RegistryRecord>, Vec<RowError>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for item in reader {
        match item {
            Ok(r) => good.push(r),
            Err(ReadError::Row(errors)) => bad.extend(errors),
            Err(ReadError::Fatal(e)) => panic!("fatal: {e}"),
        }
    }
    (good, bad)
}

const CANONICAL: &str = "\
id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind
R-001;Иванова;Мария;Петровна;1980-02-29;0412;ул. Новый Арбат;12;2;;45;permanent
R-002;Салтыков-Щедрин;Пётр;;07.03.1985;0412;Ленинский пр-т;3/1;;1;12А;временная
R-003; Римская-Корсакова ;Алёна;Фёдоровна;1.2.1990;0101;  ул.   Тверская ;7;;;;contract
";

fn expected_canonical() -> Vec<RegistryRecord> {
    vec![
        RegistryRecord {
            line: 2,
            registry_id: RegistryId::new("R-001"),
            name: FullName {
                surname: "Иванова".into(), name: "Мария".into(), patronymic: Some("Петровна".into())
            },
            birth_date: date(1980, 2, 29),
            address: Address {
                district: DistrictCode::new("0412"),
                street: "ул. Новый Арбат".into(),
                house: "12".into(),
                building: Some("2".into()),
                structure: None,
                flat: Some("45".into()),
            },
            registration_kind: RegistrationKind::Permanent,
        },
        RegistryRecord {
            line: 3,
            registry_id: RegistryId::new("R-002"),
            name: FullName {
                surname: "Салтыков-Щедрин".into(), name: "Пётр".into(), patronymic: None
            },
            birth_date: date(1985, 3, 7),
            address: Address {
                district: DistrictCode::new("0412"),
                street: "Ленинский пр-т".into(),
                house: "3/1".into(),
                building: None,
                structure: Some("1".into()),
                flat: Some("12А".into()),
            },
            registration_kind: RegistrationKind::Temporary,
        },
        RegistryRecord {
            line: 4,
            registry_id: RegistryId::new("R-003"),
            name: FullName {
                surname: "Римская-Корсакова".into(),
                name: "Алёна".into(),
                patronymic: Some("Фёдоровна".into()),
            },
            birth_date: date(1990, 2, 1),
            address: Address {
                district: DistrictCode::new("0101"),
                street: "ул. Тверская".into(),
                house: "7".into(),
                building: None,
                structure: None,
                flat: None,
            },
            registration_kind: RegistrationKind::Contract,
        },
    ]
}

#[test]
fn canonical_utf8_file() {
    let reader = RegistryReader::new(CANONICAL.as_bytes(), &opts()).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    assert_eq!(reader.delimiter(), b';');
    assert!(reader.ignored_columns().is_empty());
    let (good, bad) = split(reader);
    assert_eq!(bad, vec![]);
    assert_eq!(good, expected_canonical());
}

#[test]
fn windows_1251_with_commas() {
    let text = CANONICAL.replace(';', ",");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the test file must not be UTF-8");
    let reader = RegistryReader::new(&bytes[..], &opts()).unwrap();
    assert_eq!(reader.encoding(), Encoding::Windows1251);
    assert_eq!(reader.delimiter(), b',');
    let (good, bad) = split(reader);
    assert_eq!(bad, vec![]);
    assert_eq!(good, expected_canonical());
}

#[test]
fn byte_order_mark_is_skipped_and_wins_over_the_option() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), CANONICAL.as_bytes()].concat();
    let (good, bad) = read_all(&bytes, &opts());
    assert_eq!((good, bad), (expected_canonical(), vec![]));

    let forced = ImportOptions { encoding: Some(Encoding::Windows1251), ..opts() };
    let reader = RegistryReader::new(&bytes[..], &forced).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    assert_eq!(split(reader).0, expected_canonical());
}

#[test]
fn forced_encoding_is_used() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(CANONICAL);
    let cp = ImportOptions { encoding: Some(Encoding::Windows1251), ..opts() };
    assert_eq!(read_all(&bytes, &cp).0, expected_canonical());
    // Read as UTF-8, a Windows-1251 header with Cyrillic names fails at once.
    let header = encoding_rs::WINDOWS_1251.encode("Фамилия;Имя\nИванов;Иван\n").0;
    let utf8 = ImportOptions { encoding: Some(Encoding::Utf8), ..opts() };
    let err = RegistryReader::new(&header[..], &utf8).unwrap_err();
    assert!(matches!(err, ImportError::HeaderNotUtf8), "{err}");
    assert!(err.message(Lang::Ru).contains("Windows-1251"));
}

#[test]
fn column_mapped_export_with_russian_headers() {
    let text = "\
№ п/п,ФАМИЛИЯ, Имя ,Отчество,Дата рождения,Код района,Улица,Дом,Корпус,Строение,Квартира,Вид регистрации,Лицевой счёт,Примечание
1,Ёлкина,Алёна,Сергеевна,05.11.1979,0412,ул. Арбат,10,1,2,12А,постоянная,123,
2,Мамин-Сибиряк,Дмитрий,,1952-11-06,0412,Ленинский пр-т,3,,,,по договору,124,\"в, кавычках\"
";
    let map = ColumnMap::from_toml(
        r#"
        id = "№ п/п"
        surname = "Фамилия"
        name = "Имя"
        patronymic = "Отчество"
        birth_date = "Дата рождения"
        district = "Код района"
        street = "Улица"
        house = "Дом"
        building = "Корпус"
        structure = "Строение"
        flat = "Квартира"
        registration_kind = "Вид регистрации"
        "#,
    )
    .unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let options = ImportOptions { column_map: map, ..opts() };
    let reader = RegistryReader::new(&bytes[..], &options).unwrap();
    assert_eq!(reader.ignored_columns(), ["Лицевой счёт", "Примечание"]);
    assert_eq!(
        reader.ignored_columns_message(Lang::Ru).unwrap(),
        "столбцы не используются и пропущены: Лицевой счёт, Примечание"
    );
    let (good, bad) = split(reader);
    assert_eq!(bad, vec![]);
    assert_eq!(good.len(), 2);
    let a = &good[0];
    assert_eq!(a.registry_id.as_str(), "1");
    assert_eq!(a.name.full(), "Ёлкина Алёна Сергеевна");
    assert_eq!(a.birth_date, date(1979, 11, 5));
    assert_eq!(a.address.line(), "ул. Арбат, д. 10, корп. 1, стр. 2, кв. 12А");
    assert_eq!(a.registration_kind, RegistrationKind::Permanent);
    let b = &good[1];
    assert_eq!((b.line, b.name.surname.as_str(), b.name.patronymic.as_deref()), (3, "Мамин-Сибиряк", None));
    assert_eq!(b.birth_date, date(1952, 11, 6));
    assert_eq!(b.registration_kind, RegistrationKind::Contract);
    assert_eq!(b.address.flat, None);

    // The same map given as a --map string reads the same file.
    let pairs = ColumnMap::from_pairs(
        "id=№ п/п,surname=Фамилия,name=Имя,patronymic=Отчество,birth_date=Дата рождения,district=Код района,\
         street=Улица,house=Дом,building=Корпус,structure=Строение,flat=Квартира,registration_kind=Вид регистрации",
    )
    .unwrap();
    let options = ImportOptions { column_map: pairs, ..opts() };
    assert_eq!(read_all(&bytes, &options).0, good);
}

#[test]
fn a_map_that_leaves_out_optional_columns_the_file_has_is_refused() {
    let text = "Лицевой счёт;Фамилия;Имя;Отчество;Дата рождения;Код района;Улица;Дом;Корп.;Номер квартиры;Вид регистрации;Телефон\n\
                1;Иванов;Иван;Иванович;1980-01-01;0412;Комсомольский пр-т;18;2;5;постоянная;+7 495\n";
    let map = ColumnMap::from_pairs(
        "id=Лицевой счёт,surname=Фамилия,name=Имя,birth_date=Дата рождения,district=Код района,street=Улица,\
         house=Дом,registration_kind=Вид регистрации",
    )
    .unwrap();
    let options = ImportOptions { column_map: map, ..opts() };
    let err = RegistryReader::new(text.as_bytes(), &options).unwrap_err();
    let ImportError::UnreadColumns(unread) = &err else { panic!("{err:?}") };
    let pairs: Vec<(Field, &str)> = unread.iter().map(|u| (u.field, u.column.as_str())).collect();
    // «Телефон» looks like nothing the registry keeps; there is no «Строение» column at all
    assert_eq!(pairs, [(Field::Patronymic, "Отчество"), (Field::Building, "Корп."), (Field::Flat, "Номер квартиры")]);
    let ru = err.message(Lang::Ru);
    assert!(ru.contains("patronymic — «Отчество»") && ru.contains("пустыми у всех жителей"), "{ru}");
    assert!(
        ru.contains("--map …,patronymic=Отчество,building=Корп.,flat=Номер квартиры")
            && ru.contains("--allow-unread-columns"),
        "{ru}"
    );
    assert!(err.message(Lang::En).contains("would leave those fields empty"), "{}", err.message(Lang::En));
    // told so, the file is read with those fields empty
    let (good, bad) = read_all(text.as_bytes(), &ImportOptions { allow_unread: true, ..options });
    assert_eq!(bad, vec![]);
    assert_eq!((good[0].name.patronymic.as_deref(), good[0].address.flat.as_deref()), (None, None));
}

#[test]
fn a_row_read_in_the_wrong_encoding_is_one_error_not_one_per_field() {
    let text = format!("{CANONICAL_HEADER}\nR1;Иванова;Мария;Петровна;1985-03-14;0412;ул. Арбат;1;;;2;permanent\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    // the header is ASCII, so a forced UTF-8 reads it; the Cyrillic row is not UTF-8
    let forced = ImportOptions { encoding: Some(Encoding::Utf8), ..opts() };
    let (good, bad) = read_all(&bytes, &forced);
    assert!(good.is_empty());
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!((bad[0].line, bad[0].field, &bad[0].reason), (2, None, &RowErrorReason::Encoding));
}

#[test]
fn columns_in_any_order_optional_ones_absent_extra_ones_ignored() {
    let text = "registration_kind;Comment;house;street;district;birth_date;name;surname;id\n\
                permanent;x;5;ул. Ленина;0001;2000-01-01;Иван;Иванов;A\n";
    let reader = RegistryReader::new(text.as_bytes(), &opts()).unwrap();
    assert_eq!(reader.ignored_columns(), ["Comment"]);
    assert_eq!(reader.ignored_columns_message(Lang::En).unwrap(), "column not used, skipped: Comment");
    let (good, bad) = split(reader);
    assert_eq!(bad, vec![]);
    assert_eq!(good[0].name.full(), "Иванов Иван");
    assert_eq!(good[0].address.line(), "ул. Ленина, д. 5");
    let canonical = RegistryReader::new(CANONICAL.as_bytes(), &opts()).unwrap();
    assert_eq!(canonical.ignored_columns_message(Lang::Ru), None);
}

#[test]
fn missing_required_columns_fail_at_construction() {
    let text = "id;surname;patronymic;district;street;house;registration_kind\n1;2;3;4;5;6;7\n";
    let err = RegistryReader::new(text.as_bytes(), &opts()).unwrap_err();
    let ImportError::MissingColumns { missing, .. } = &err else { panic!("{err:?}") };
    assert_eq!(missing.iter().map(|m| m.field).collect::<Vec<_>>(), [Field::Name, Field::BirthDate]);
    assert_eq!(
        err.message(Lang::Ru),
        "в заголовке нет обязательных столбцов: name, birth_date. \
         Столбцы в файле: id, surname, patronymic, district, street, house, registration_kind. \
         Если эти сведения в файле есть под другими названиями, укажите, в каком столбце каждое: \
         --map name=…,birth_date=… (вместо «…» — название столбца, как в заголовке файла)."
    );
    assert!(err.message(Lang::En).starts_with("the header lacks required columns: name, birth_date."));
    assert!(err.to_string().contains("name, birth_date"));

    // With a map, the column is named as the map names it.
    let map = ColumnMap::from_pairs("surname=Фамилия").unwrap();
    let text = "id;name;birth_date;district;street;house;registration_kind\n";
    let err = RegistryReader::new(text.as_bytes(), &ImportOptions { column_map: map, ..opts() }).unwrap_err();
    assert!(
        err.message(Lang::Ru).starts_with("в заголовке нет обязательного столбца: «Фамилия» (surname)."),
        "{}",
        err.message(Lang::Ru)
    );
}

#[test]
fn a_header_in_other_words_gets_a_map_that_reads_it() {
    let header = "Код;Фамилия;Имя;Отчество;Дата рождения;Район;Улица;Дом;Корп.;Стр.;Кв.;Вид регистрации";
    let text = format!("{header}\nARB-1;Соколова;Ольга;Викторовна;12.04.1979;0412;ул. Арбат;20;;;15;permanent\n");
    let err = RegistryReader::new(text.as_bytes(), &opts()).unwrap_err();
    let ImportError::MissingColumns { map: Some(map), .. } = &err else { panic!("{err:?}") };
    assert_eq!(
        map,
        "'id=Код,surname=Фамилия,name=Имя,patronymic=Отчество,birth_date=Дата рождения,district=Район,\
         street=Улица,house=Дом,building=Корп.,structure=Стр.,flat=Кв.,registration_kind=Вид регистрации'"
    );
    let ru = err.message(Lang::Ru);
    assert!(ru.contains("Если так, загрузите его с соответствием столбцов: --map 'id=Код,"), "{ru}");
    // what the message offers reads the file, every field in its place
    let offered = ColumnMap::from_pairs(map.trim_matches('\'')).unwrap();
    let (rows, issues) = read_all(text.as_bytes(), &ImportOptions { column_map: offered, ..opts() });
    assert_eq!(issues, vec![]);
    assert_eq!(rows[0].name.patronymic.as_deref(), Some("Викторовна"));
    assert_eq!((rows[0].address.flat.as_deref(), rows[0].address.building.as_deref()), (Some("15"), None));

    // a map already given is part of what is offered, a column found as it is («ID») is not;
    // names without spaces are not quoted
    let given = ColumnMap::from_pairs("surname=Фамилия").unwrap();
    let text = "ID;Фамилия;Имя;DOB;Район;Улица;Дом;Регистрация\n";
    let err = RegistryReader::new(text.as_bytes(), &ImportOptions { column_map: given, ..opts() }).unwrap_err();
    let ImportError::MissingColumns { map, .. } = &err else { panic!("{err:?}") };
    assert_eq!(
        map.as_deref(),
        Some(
            "surname=Фамилия,name=Имя,birth_date=DOB,district=Район,street=Улица,house=Дом,registration_kind=Регистрация"
        )
    );

    // no guess where a column could be two fields, or a required field has none
    for header in [
        "Код;ФИО;Дата рождения;Район;Улица;Дом;Вид регистрации",
        "Лицевой счёт;Фамилия;Имя;Дата рождения;Район;Улица;Дом;Вид регистрации",
        "Код;Фамилия;Имя;Дата рождения;Район;Адрес;Вид регистрации",
        "Код;Фамилия;Имя;Дата рождения;Район;Улица;Дом;Вид регистрации;Дата регистрации",
    ] {
        let err = RegistryReader::new(format!("{header}\n").as_bytes(), &opts()).unwrap_err();
        assert!(matches!(&err, ImportError::MissingColumns { map: None, .. }), "{header}: {err:?}");
        // QA: then the message said what was missing and nothing of what to do
        let ru = err.message(Lang::Ru);
        assert!(ru.contains("вписав вместо «…» название столбца: --map '") && ru.contains("=…"), "{ru}");
    }
    // where the other columns are clear, they are filled in and only the unclear one is left
    let header = "Лицевой счёт;Фамилия;Имя;Дата рождения;Район;Улица;Дом;Вид регистрации";
    let err = RegistryReader::new(format!("{header}\n").as_bytes(), &opts()).unwrap_err();
    let ru = err.message(Lang::Ru);
    assert!(
        ru.ends_with(
            "вписав вместо «…» название столбца: --map 'id=…,surname=Фамилия,name=Имя,birth_date=Дата рождения,\
             district=Район,street=Улица,house=Дом,registration_kind=Вид регистрации'"
        ),
        "{ru}"
    );
    // …but not for a file of one column, which is no registry under other names
    let err = RegistryReader::new("# The service catalogue\n".as_bytes(), &opts()).unwrap_err();
    assert!(!err.message(Lang::Ru).contains("--map"), "{}", err.message(Lang::Ru));
    // a file split by another character than the one used: that character is named
    let text = CANONICAL.replace(';', "|");
    let err = RegistryReader::new(text.as_bytes(), &ImportOptions { delimiter: Some(b';'), ..opts() }).unwrap_err();
    let ru = err.message(Lang::Ru);
    assert!(
        ru.ends_with("В заголовке один столбец: похоже, поля разделены другим знаком. Укажите его: --delimiter '|'"),
        "{ru}"
    );
    let text = CANONICAL.replace(';', "\t");
    let err = RegistryReader::new(text.as_bytes(), &opts()).unwrap_err();
    let en = err.message(Lang::En);
    assert!(en.ends_with("Give it: --delimiter $'\\t'"), "{en}");
}

#[test]
fn header_problems() {
    let dup = "id;surname;Surname;name;birth_date;district;street;house;registration_kind\n";
    let err = RegistryReader::new(dup.as_bytes(), &opts()).unwrap_err();
    assert!(matches!(&err, ImportError::DuplicateColumn(c) if c == "surname"), "{err:?}");
    // A repeated column that is not used does not matter.
    let dup_ignored = "id;x;X;surname;name;birth_date;district;street;house;registration_kind\n";
    assert!(RegistryReader::new(dup_ignored.as_bytes(), &opts()).is_ok());

    for empty in [&b""[..], b"\xEF\xBB\xBF", b"\n\n", b" ; ;\n"] {
        let err = RegistryReader::new(empty, &opts()).unwrap_err();
        assert!(matches!(err, ImportError::Empty), "{empty:?}: {err:?}");
    }
    assert!(matches!(RegistryReader::new(&b"\xFF\xFEi\0d\0"[..], &opts()), Err(ImportError::Utf16)));
    let bad = ImportOptions { delimiter: Some(b'"'), ..opts() };
    assert!(matches!(RegistryReader::new(CANONICAL.as_bytes(), &bad), Err(ImportError::BadDelimiter(b'"'))));
    let same = ColumnMap::from_pairs("surname=Имя").unwrap();
    let mut same_broken = same.clone();
    same_broken.set(Field::Name, "имя").unwrap();
    let err = RegistryReader::new(CANONICAL.as_bytes(), &ImportOptions { column_map: same_broken, ..opts() });
    assert!(matches!(err, Err(ImportError::ColumnMap(ColumnMapError::SameHeader { .. }))));

    // Header names in messages are cut short and made printable.
    let hostile = format!("\u{1b}[2J{};x\n", "я".repeat(5000));
    let err = RegistryReader::new(hostile.as_bytes(), &opts()).unwrap_err();
    let ImportError::MissingColumns { found, .. } = &err else { panic!("{err:?}") };
    assert_eq!(found[0].chars().count(), SHOWN_VALUE_CHARS + 1);
    assert!(!err.message(Lang::Ru).contains('\u{1b}'));

    // A header and nothing else: no rows.
    let header_only = format!("{CANONICAL_HEADER}\n");
    assert_eq!(read_all(header_only.as_bytes(), &opts()), (vec![], vec![]));
}

fn row(fields: [&str; 12]) -> String {
    fields.join(";")
}

const GOOD: [&str; 12] =
    ["R", "Иванов", "Иван", "Иванович", "1980-01-01", "0412", "ул. Ленина", "1", "", "", "1", "permanent"];

fn with(field: Field, value: &str) -> String {
    let mut f = GOOD;
    f[field.index()] = value;
    row(f)
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_field_and_reading_goes_on() {
    let long = "Щ".repeat(MAX_NAME_CHARS + 1);
    let lines = [
        CANONICAL_HEADER.to_owned(),               // 1
        row(GOOD),                                 // 2
        with(Field::Id, "  "),                     // 3
        with(Field::BirthDate, "31.02.1980"),      // 4
        with(Field::BirthDate, "2026-06-02"),      // 5
        with(Field::BirthDate, "31.12.1899"),      // 6
        with(Field::BirthDate, "1980/01/01"),      // 7
        with(Field::District, "412"),              // 8
        with(Field::RegistrationKind, "навсегда"), // 9
        with(Field::Surname, &long),               // 10
        with(Field::Name, "Ив\u{7}ан"),            // 11
        "R;Иванов;Иван".to_owned(),                // 12
        {
            let mut f = GOOD;
            f[Field::Surname.index()] = "";
            f[Field::District.index()] = "04 12";
            f[Field::House.index()] = "";
            row(f)
        }, // 13
        with(Field::BirthDate, "2026-06-01"),      // 14: today is fine
        with(Field::BirthDate, "1900-01-01"),      // 15: the earliest accepted
        with(Field::RegistrationKind, "Контракт"), // 16
    ];
    let text = lines.join("\n");
    let (good, bad) = read_all(text.as_bytes(), &opts());
    assert_eq!(good.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 14, 15]);
    let got: Vec<_> = bad.iter().map(|e| (e.line, e.field, e.reason.clone())).collect();
    let v = |s: &str| s.to_owned();
    use RowErrorReason as R;
    assert_eq!(
        got,
        vec![
            (3, Some(Field::Id), R::Missing),
            (4, Some(Field::BirthDate), R::NonexistentDate { value: v("31.02.1980") }),
            (5, Some(Field::BirthDate), R::FutureDate { value: v("2026-06-02") }),
            (6, Some(Field::BirthDate), R::DateTooEarly { value: v("31.12.1899") }),
            (7, Some(Field::BirthDate), R::BadDate { value: v("1980/01/01") }),
            (8, Some(Field::District), R::BadDistrict { value: v("412") }),
            (9, Some(Field::RegistrationKind), R::BadRegistrationKind { value: v("навсегда") }),
            (10, Some(Field::Surname), R::TooLong { max: MAX_NAME_CHARS, found: MAX_NAME_CHARS + 1 }),
            (11, Some(Field::Name), R::ControlCharacters),
            (12, None, R::WrongFieldCount { expected: 12, found: 3 }),
            (13, Some(Field::Surname), R::Missing),
            (13, Some(Field::District), R::BadDistrict { value: v("04 12") }),
            (13, Some(Field::House), R::Missing),
            (16, Some(Field::RegistrationKind), R::BadRegistrationKind { value: v("Контракт") }),
        ]
    );
    assert_eq!(bad[1].message(Lang::Ru), "строка 4, поле birth_date: дата «31.02.1980» не существует");
    assert_eq!(bad[9].message(Lang::Ru), "строка 12: в строке 3 поля, а в заголовке 12");
}

#[test]
fn a_bad_row_yields_all_its_errors_at_once() {
    let text = format!("{CANONICAL_HEADER}\n;;;;x;y;;;;;;z\n{}\n", row(GOOD));
    let mut reader = RegistryReader::new(text.as_bytes(), &opts()).unwrap();
    let Some(Err(ReadError::Row(errors))) = reader.next() else { panic!() };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    use Field::*;
    assert_eq!(
        fields,
        [
            Some(Id),
            Some(Surname),
            Some(Name),
            Some(BirthDate),
            Some(District),
            Some(Street),
            Some(House),
            Some(RegistrationKind)
        ]
    );
    assert!(errors.iter().all(|e| e.line == 2));
    let message = ReadError::Row(errors).message(Lang::En);
    assert_eq!(message.lines().count(), 8);
    assert!(matches!(reader.next(), Some(Ok(r)) if r.line == 3));
    assert!(reader.next().is_none());
}

#[test]
fn extra_empty_trailing_fields_are_tolerated() {
    let text = format!("{CANONICAL_HEADER}\n{};;\n{};x\n", row(GOOD), row(GOOD));
    let (good, bad) = read_all(text.as_bytes(), &opts());
    assert_eq!(good.len(), 1);
    assert_eq!(bad[0].reason, RowErrorReason::WrongFieldCount { expected: 12, found: 13 });
    assert_eq!(bad[0].line, 3);
}

#[test]
fn quoted_newlines_blank_lines_and_line_endings_keep_line_numbers() {
    let text = format!(
        "{CANONICAL_HEADER}\n\
         R-1;Иванова;\"Мария\nАнна\";;1980-01-01;0412;\"ул.\r\nНовый \"\"Арбат\"\"\";12;;;;permanent\n\
         \n\
         {bad}\n\
         \r\n\
         ;;;;;;;;;;;\n\
         R-3;Петров;Пётр;;1980-01-01;0412;ул. Ленина;1;;;;\"\n\npermanent\"\r\n\
         \n\n\
         {good}",
        bad = with(Field::District, "12"),
        good = with(Field::Id, "R-4"),
    );
    let reader = RegistryReader::new(text.as_bytes(), &opts()).unwrap();
    let mut reader = reader;
    let first = reader.next().unwrap().unwrap();
    assert_eq!(first.line, 2);
    assert_eq!(first.name.name, "Мария Анна");
    assert_eq!(first.address.street, "ул. Новый \"Арбат\"");
    let Some(Err(ReadError::Row(errors))) = reader.next() else { panic!() };
    assert_eq!(errors[0].line, 6);
    let third = reader.next().unwrap().unwrap();
    assert_eq!((third.line, third.registration_kind), (9, RegistrationKind::Permanent));
    let fourth = reader.next().unwrap().unwrap();
    assert_eq!((fourth.line, fourth.registry_id.as_str()), (14, "R-4"));
    assert!(reader.next().is_none());
}

#[test]
fn crlf_files() {
    let text = CANONICAL.replace('\n', "\r\n").replace(";contract", ";\"contract\"");
    let (good, bad) = read_all(text.as_bytes(), &opts());
    assert_eq!((good, bad), (expected_canonical(), vec![]));
}

/// Hands out the input a few bytes at a time, as a slow pipe would.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn results_do_not_depend_on_how_the_input_arrives() {
    let text = format!(
        "{CANONICAL}\n\n{}\nR-9;\"Ива\nнов\";Иван;;1980-01-01;0412;ул.;1;;;;permanent",
        with(Field::BirthDate, "1.13.1980")
    );
    let whole = read_all(text.as_bytes(), &opts());
    assert_eq!(whole.0.last().unwrap().line, 8);
    for step in [1, 2, 3, 7] {
        let reader = RegistryReader::new(Trickle { data: text.as_bytes(), step }, &opts()).unwrap();
        assert_eq!(split(reader), whole, "step {step}");
    }
    let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    let reader = RegistryReader::new(Trickle { data: &cp, step: 1 }, &opts()).unwrap();
    assert_eq!(split(reader), whole);
}

#[test]
fn invalid_utf8_after_the_detection_window_is_a_row_error() {
    let mut text = format!("{CANONICAL_HEADER}\n");
    let mut n = 1;
    while text.len() < 70 * 1024 {
        n += 1;
        text.push_str(&with(Field::Id, &format!("R-{n}")));
        text.push('\n');
    }
    let mut bytes = text.into_bytes();
    // One row with a Windows-1251 surname among UTF-8 values.
    bytes.extend_from_slice(b"R-cp;");
    bytes.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Петров").0);
    bytes.extend_from_slice(format!(";{}\n", GOOD[2..].join(";")).as_bytes());
    bytes.extend_from_slice(with(Field::Id, "last").as_bytes());
    let reader = RegistryReader::new(&bytes[..], &opts()).unwrap();
    assert_eq!(reader.encoding(), Encoding::Utf8);
    let (good, bad) = split(reader);
    assert_eq!(good.len(), n - 1 + 1);
    assert_eq!(bad.len(), 1);
    assert_eq!(
        (bad[0].line, bad[0].field, &bad[0].reason),
        (n as u64 + 1, Some(Field::Surname), &RowErrorReason::Encoding)
    );
    assert_eq!(good.last().unwrap().line, n as u64 + 2);
}

#[test]
fn an_unclosed_quote_stops_the_file_without_eating_memory() {
    let mut text = format!("{CANONICAL_HEADER}\n{}\nR-2;\"Иванов", row(GOOD));
    text.extend(std::iter::repeat_n('x', MAX_RECORD_BYTES + 10));
    let mut reader = RegistryReader::new(text.as_bytes(), &opts()).unwrap();
    assert!(matches!(reader.next(), Some(Ok(_))));
    let Some(Err(ReadError::Fatal(err))) = reader.next() else { panic!() };
    assert!(matches!(err, ImportError::RecordTooLong { line: 3, .. }), "{err:?}");
    assert!(err.message(Lang::Ru).contains("кавычка"));
    assert!(reader.next().is_none());
}

/// Fails after handing out `ok` bytes.
struct Broken<'a> {
    data: &'a [u8],
}

impl Read for Broken<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.data.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn read_failures_are_fatal() {
    let err = RegistryReader::new(Broken { data: b"" }, &opts()).unwrap_err();
    assert!(matches!(err, ImportError::Io(_)));
    assert!(err.message(Lang::Ru).starts_with("не удалось прочитать файл реестра: disk on fire"));
    // Larger than the detection window, so the failure comes while streaming.
    let mut text = format!("{CANONICAL_HEADER}\n");
    while text.len() < 100 * 1024 {
        text.push_str(&row(GOOD));
        text.push('\n');
    }
    let reader = RegistryReader::new(Broken { data: text.as_bytes() }, &opts()).unwrap();
    let items: Vec<_> = reader.collect();
    assert!(matches!(items.last(), Some(Err(ReadError::Fatal(ImportError::Io(_))))));
    assert!(items[..items.len() - 1].iter().all(Result::is_ok));
}

#[test]
fn encodings_parse_from_cli_words() {
    assert_eq!("utf8".parse(), Ok(Encoding::Utf8));
    assert_eq!("CP1251".parse(), Ok(Encoding::Windows1251));
    assert_eq!("Windows-1251".parse(), Ok(Encoding::Windows1251));
    let err = "koi8-r".parse::<Encoding>().unwrap_err();
    assert_eq!(err.message(Lang::Ru), "неизвестная кодировка «koi8-r»: ожидается UTF-8 или Windows-1251");
}

#[test]
fn import_errors_have_messages_in_both_languages() {
    let errors = [
        ImportError::Io(io::Error::other("x")),
        ImportError::Empty,
        ImportError::Utf16,
        ImportError::Spreadsheet,
        ImportError::NotText,
        ImportError::HeaderNotUtf8,
        ImportError::BadDelimiter(b'"'),
        ImportError::MissingColumns {
            missing: vec![MissingColumn { field: Field::Id, header: "id".into() }],
            found: vec!["a".into()],
            map: Some("id=Код".into()),
            draft: None,
        },
        ImportError::MissingColumns {
            missing: vec![MissingColumn { field: Field::Id, header: "id".into() }],
            found: vec!["a".into(), "b".into()],
            map: None,
            draft: Some("'id=…,surname=Фамилия'".into()),
        },
        ImportError::DuplicateColumn("id".into()),
        ImportError::ColumnMap(ColumnMapError::BadPair("x".into())),
        ImportError::RecordTooLong { line: 3, limit: MAX_RECORD_BYTES },
    ];
    for lang in Lang::ALL {
        for e in &errors {
            let m = e.message(lang);
            assert!(!m.is_empty() && !m.contains("import-"), "{lang}: {m}");
        }
    }
}

/// QA: a quote left open in a row (`;"Петров;`) swallowed the rest of the file into one field,
/// and the row was reported as «в строке 2 поля, а в заголовке 12», pointing nowhere near it.
#[test]
fn an_unclosed_quote_is_named_as_such() {
    let text = "id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind
R1;\"Петров;Пётр;;01.01.1980;0412;ул. Арбат;10;;;5;permanent
R2;Сидоров;Иван;;01.01.1980;0412;ул. Арбат;10;;;5;permanent
R3;Козлов;Олег;;01.01.1980;0412;ул. Арбат;10;;;5;permanent
";
    let (good, bad) = read_all(text.as_bytes(), &opts());
    assert!(good.is_empty());
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!((bad[0].line, &bad[0].reason), (2, &RowErrorReason::UnclosedQuote { more: 2 }));
    assert_eq!(
        bad[0].message(Lang::Ru),
        "строка 2: кавычка «\"» не закрыта: 2 следующие строки файла прочитаны как часть этой. Закройте кавычку \
         или уберите её"
    );
    let one = RowErrorReason::UnclosedQuote { more: 1 };
    assert_eq!(
        one.message(Lang::En),
        "a quote (\") is not closed: the next 1 line of the file was read as part of this one. Close the quote or \
         remove it"
    );
    // a quoted line break in a row of the right length is a value, as before
    let fine = format!("{CANONICAL}R-009;\"Иванова\nПетрова\";Мария;;01.01.1980;0412;ул. Арбат;1;;;;permanent\n");
    let (_, bad) = read_all(fine.as_bytes(), &opts());
    assert!(bad.iter().all(|e| !matches!(e.reason, RowErrorReason::UnclosedQuote { .. })), "{bad:?}");
}

/// QA: an Excel workbook given for the CSV saved from it was read as a CSV of one column: the
/// message showed its zip bytes as the file's columns and advised a tab delimiter.
#[test]
fn a_workbook_or_a_binary_file_is_named_for_what_it_is() {
    for workbook in [&b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"[..], b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"] {
        let err = RegistryReader::new(workbook, &opts()).unwrap_err();
        assert!(matches!(err, ImportError::Spreadsheet), "{err:?}");
        assert!(err.message(Lang::Ru).starts_with("это книга Excel"), "{}", err.message(Lang::Ru));
    }
    let err = RegistryReader::new(&b"SQLite format 3\0\x10\0\x01\x01"[..], &opts()).unwrap_err();
    assert!(matches!(err, ImportError::NotText), "{err:?}");
    assert_eq!(
        err.message(Lang::Ru),
        "это не текстовый файл CSV: в нём есть двоичные данные. Проверьте, тот ли файл указан"
    );
    // a zero byte in a row is that row's problem, as before
    let row = format!("{CANONICAL}R9;Пет\0ров;Пётр;;01.01.1980;0412;ул. Арбат;10;;;5;permanent\n");
    assert!(RegistryReader::new(row.as_bytes(), &opts()).is_ok());
}

/// A directory given as the registry file: the reason in Russian, not the system's English.
#[test]
fn a_folder_read_as_the_registry_file_is_said_in_russian() {
    let err = ImportError::Io(io::Error::from_raw_os_error(21));
    assert_eq!(err.message(Lang::Ru), "не удалось прочитать файл реестра: это папка, а не файл");
    let err = ImportError::Io(io::Error::other("disk on fire"));
    assert_eq!(err.message(Lang::Ru), "не удалось прочитать файл реестра: disk on fire");
}

#[test]
fn written_files_read_back() {
    let records = expected_canonical();
    let mut w = CanonicalWriter::new(Vec::new()).unwrap();
    for r in &records {
        w.write_record(r).unwrap();
    }
    let bytes = w.finish().unwrap();
    assert_eq!(read_all(&bytes, &opts()), (records, vec![]));
}

// ---------------------------------------------------------------------------------------------
// Properties

/// Options a fuzz input chooses with its first byte (the fuzz target does the same).
fn options_for(selector: u8) -> ImportOptions {
    let mut o = opts();
    o.delimiter = match selector & 3 {
        0 => None,
        1 => Some(b';'),
        2 => Some(b','),
        _ => Some(b'\t'),
    };
    o.encoding = match (selector >> 2) & 3 {
        0 | 3 => None,
        1 => Some(Encoding::Utf8),
        _ => Some(Encoding::Windows1251),
    };
    if selector & 16 != 0 {
        o.column_map = ColumnMap::from_pairs("surname=Фамилия,name=Имя,birth_date=Дата рождения").unwrap();
    }
    o
}

/// Reads everything and checks what any successful read must satisfy.
fn check_invariants(data: &[u8], options: &ImportOptions) -> Result<(), TestCaseError> {
    let Ok(reader) = RegistryReader::new(data, options) else {
        return Ok(());
    };
    let max_line = 1 + data.iter().filter(|&&b| b == b'\n').count() as u64;
    let mut last_line = 1;
    for item in reader {
        let line = match &item {
            Ok(r) => r.line,
            Err(ReadError::Row(errors)) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| e.line == errors[0].line));
                for e in errors {
                    prop_assert!(!e.message(Lang::Ru).is_empty());
                }
                errors[0].line
            }
            Err(ReadError::Fatal(_)) => break,
        };
        prop_assert!(line > last_line && line <= max_line, "line {line} after {last_line}, max {max_line}");
        last_line = line;
        if let Ok(r) = item {
            let texts = [
                (Field::Id, Some(r.registry_id.as_str())),
                (Field::Surname, Some(r.name.surname.as_str())),
                (Field::Name, Some(r.name.name.as_str())),
                (Field::Patronymic, r.name.patronymic.as_deref()),
                (Field::Street, Some(r.address.street.as_str())),
                (Field::House, Some(r.address.house.as_str())),
                (Field::Building, r.address.building.as_deref()),
                (Field::Structure, r.address.structure.as_deref()),
                (Field::Flat, r.address.flat.as_deref()),
            ];
            for (field, value) in texts {
                let Some(value) = value else { continue };
                prop_assert!(!value.is_empty() && value.trim() == value && !value.contains("  "), "{field}: {value:?}");
                prop_assert!(value.chars().count() <= field.max_chars());
                prop_assert!(!value.chars().any(|c| c.is_control()), "{field}: {value:?}");
            }
            prop_assert!(DistrictCode::parse(r.address.district.as_str()).is_some());
            prop_assert!(r.birth_date >= EARLIEST_BIRTH_DATE && r.birth_date <= today());
        }
    }
    Ok(())
}

/// Values a near-valid row may hold: good ones, tricky ones and bad ones.
const POOL: &[&str] = &[
    "R-1",
    "Иванов",
    "Ёлкина-Сидорова",
    "Пётр",
    "",
    " ",
    "1980-01-01",
    "29.02.1980",
    "31.02.1980",
    "2099-01-01",
    "0412",
    "412",
    "permanent",
    "постоянная",
    "по договору",
    "контракт",
    "12А",
    "ул. Новый Арбат",
    "a;b",
    "a,b",
    "\"",
    "say \"hi\"",
    "x\ny",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}[31m",
    "\u{200b}",
    "\u{feff}id",
    "\u{fffd}",
    "id",
    "surname",
    "Фамилия",
    "   много   пробелов   ",
];

fn quote(value: &str, delimiter: char) -> String {
    if value.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

prop_compose! {
    /// A file of rows made of pool values (every row non-blank), with blank lines between
    /// some, mixed line endings, and the line each row starts on.
    fn near_valid_file()(
        rows in prop::collection::vec(
            (prop::collection::vec(0..POOL.len(), 12..=12), 0usize..4, any::<bool>(), 0usize..3),
            1..12,
        ),
        comma in any::<bool>(),
        final_newline in any::<bool>(),
    ) -> (String, Vec<u64>) {
        let d = if comma { ',' } else { ';' };
        let mut text: String = CANONICAL_HEADER.replace(';', &d.to_string());
        let mut line = 1u64;
        let mut starts = Vec::new();
        for (i, (fields, blanks, crlf, short)) in rows.iter().enumerate() {
            let eol = if *crlf { "\r\n" } else { "\n" };
            text.push_str(eol);
            line += 1;
            for _ in 0..*blanks {
                text.push_str(eol);
                line += 1;
            }
            starts.push(line);
            // The id is never blank, so no row is skipped; some rows are cut short.
            let mut values: Vec<String> = fields.iter().map(|&k| quote(POOL[k], d)).collect();
            values[0] = format!("R{i}");
            values.truncate(12 - short);
            let row = values.join(&d.to_string());
            line += row.matches('\n').count() as u64;
            text.push_str(&row);
        }
        if final_newline {
            text.push('\n');
        }
        (text, starts)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(selector in any::<u8>(), data in prop::collection::vec(any::<u8>(), 0..600)) {
        check_invariants(&data, &options_for(selector))?;
    }

    #[test]
    fn arbitrary_bytes_after_a_valid_header_never_panic(
        selector in any::<u8>(),
        data in prop::collection::vec(prop::sample::select(b";,\"\n\r \t\x00\xd0\xb0\xc8\xff0123456789.-a".to_vec()), 0..400),
    ) {
        let mut file = format!("{CANONICAL_HEADER}\n").into_bytes();
        file.extend_from_slice(&data);
        check_invariants(&file, &options_for(selector & !16))?;
    }

    #[test]
    fn near_valid_files_yield_one_item_per_row_on_the_right_line((text, starts) in near_valid_file(), cp1251 in any::<bool>(), step in 1usize..5) {
        let bytes = if cp1251 { encoding_rs::WINDOWS_1251.encode(&text).0.into_owned() } else { text.clone().into_bytes() };
        check_invariants(&bytes, &opts())?;
        let reader = RegistryReader::new(Trickle { data: &bytes, step }, &opts()).unwrap();
        let lines: Vec<u64> = reader
            .map(|item| match item {
                Ok(r) => r.line,
                Err(ReadError::Row(e)) => e[0].line,
                Err(ReadError::Fatal(e)) => panic!("{e}"),
            })
            .collect();
        prop_assert_eq!(lines, starts);
    }

    #[test]
    fn mutated_files_never_panic(
        (text, _) in near_valid_file(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        selector in any::<u8>(),
    ) {
        let mut bytes = text.into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len() + 1);
            if byte & 1 == 0 { bytes.insert(i, byte) } else if i < bytes.len() { bytes[i] = byte }
        }
        check_invariants(&bytes, &options_for(selector))?;
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads(
        people in prop::collection::vec(
            (
                "[A-Za-z0-9-]{1,20}",
                "[А-ЯЁа-яё][а-яё\\- ]{0,30}",
                "[А-ЯЁа-яё]{1,20}",
                proptest::option::of("[А-ЯЁа-яё]{1,20}"),
                (1900i32..=2026, 1u32..=12, 1u32..=28),
                "[0-9]{4}",
                "[А-Яа-яё0-9 .;,\"/-]{1,60}",
                "[0-9]{1,3}[А-Я]?",
                proptest::option::of("[0-9А-Я]{1,3}"),
                proptest::option::of("[0-9]{1,2}"),
                proptest::option::of("[0-9]{1,4}[а-я]?"),
                0usize..3,
            ),
            1..20,
        ),
        cp1251 in any::<bool>(),
    ) {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let nonempty = |s: String| Some(clean(&s)).filter(|s| !s.is_empty());
        let records: Vec<RegistryRecord> = people
            .into_iter()
            .enumerate()
            .filter_map(|(i, (id, surname, name, patronymic, (y, m, d), district, street, house, building, structure, flat, kind))| {
                Some(RegistryRecord {
                    line: i as u64 + 2,
                    registry_id: RegistryId::new(id),
                    name: FullName { surname: nonempty(surname)?, name, patronymic },
                    birth_date: date(y, m, d).min(today()),
                    address: Address {
                        district: DistrictCode::new(district),
                        street: nonempty(street)?,
                        house,
                        building,
                        structure,
                        flat,
                    },
                    registration_kind: RegistrationKind::ALL[kind],
                })
            })
            .enumerate()
            .map(|(i, mut r)| { r.line = i as u64 + 2; r })
            .collect();
        let mut w = CanonicalWriter::new(Vec::new()).unwrap();
        for r in &records {
            w.write_record(r).unwrap();
        }
        let mut bytes = w.finish().unwrap();
        if cp1251 {
            bytes = encoding_rs::WINDOWS_1251.encode(std::str::from_utf8(&bytes).unwrap()).0.into_owned();
        }
        let (good, bad) = read_all(&bytes, &opts());
        prop_assert_eq!(bad, vec![]);
        prop_assert_eq!(good, records);
    }
}
