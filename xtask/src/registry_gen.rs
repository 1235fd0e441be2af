//! A deterministic generator of realistic registry files (canonical CSV), for the import
//! benchmark.
//!
//! Rows look like a Moscow ГУ ИС export: Cyrillic surnames in both genders with matching
//! patronymics (a few without one, a few with «ё»), streets of every common type («ул.»,
//! «пр-т», «пер.», «ш.», «наб.», «Б.»/«М.», ordinals), houses with fractions and letters, a
//! корпус on about a third of the rows, a строение on a few, flats with letters now and then,
//! and all three registration kinds. The same seed always gives the same file, and the first
//! rows of a longer file are the rows of a shorter one.

use std::io::Write;

use anyhow::Context;
use chrono::NaiveDate;
use ereception_core::domain::district::District;
use ereception_core::domain::ids::{DistrictCode, RegistryId};
use ereception_core::domain::person::{Address, FullName, RegistrationKind};
use ereception_core::import::CanonicalWriter;

/// SplitMix64: tiny, fast, and stable across versions of any crate (unlike a library RNG,
/// whose streams may change), so a file generated today is the file generated next year.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The seed every benchmark file is generated from.
pub const SEED: u64 = 0x6552_6563_6570_7431;

/// Surnames that do not follow the patterns below, as (masculine, feminine).
const SURNAMES: &[(&str, &str)] = &[
    ("Салтыков-Щедрин", "Салтыкова-Щедрина"),
    ("Римский-Корсаков", "Римская-Корсакова"),
    ("Толстой", "Толстая"),
    ("Трубецкой", "Трубецкая"),
    ("Белый", "Белая"),
    ("Шевченко", "Шевченко"),
    ("Цой", "Цой"),
    ("Ким", "Ким"),
    ("Абрамян", "Абрамян"),
    ("Гусейнов", "Гусейнова"),
    ("Хабибуллин", "Хабибуллина"),
    ("Соловьёв", "Соловьёва"),
    ("Воробьёв", "Воробьёва"),
    ("Григорьев", "Григорьева"),
];

/// Roots that take the endings of [`SURNAME_ENDINGS`]: «Берёз» → Берёзов, Берёзин,
/// Берёзовский, Берёзенко. Together with [`SURNAMES`] about 450 masculine surnames, so the
/// search indexes see a realistic spread of keys.
const SURNAME_ROOTS: &[&str] = &[
    "Иван",
    "Смирн",
    "Кузнец",
    "Поп",
    "Петр",
    "Сокол",
    "Новик",
    "Фёдор",
    "Мороз",
    "Волк",
    "Лебед",
    "Семён",
    "Егор",
    "Павл",
    "Козл",
    "Степан",
    "Орл",
    "Макар",
    "Никит",
    "Захар",
    "Зайц",
    "Борис",
    "Роман",
    "Серг",
    "Берёз",
    "Белоус",
    "Кудряв",
    "Дюж",
    "Ткач",
    "Гончар",
    "Мельник",
    "Кравц",
    "Богдан",
    "Тимоф",
    "Ерш",
    "Калин",
    "Малин",
    "Вишн",
    "Рябин",
    "Сирен",
    "Лапт",
    "Сапожник",
    "Кузьм",
    "Прохор",
    "Никол",
    "Андре",
    "Горбун",
    "Лысен",
    "Черн",
    "Белогор",
    "Красн",
    "Зелен",
    "Сидор",
    "Карп",
    "Щук",
    "Окун",
    "Сом",
    "Голуб",
    "Снегир",
    "Щегл",
    "Грач",
    "Ворон",
    "Журавл",
    "Лис",
    "Медвед",
    "Барсук",
    "Бобр",
    "Ёж",
    "Дуб",
    "Клён",
    "Осин",
    "Ольх",
    "Лип",
    "Сосн",
    "Ел",
    "Кедр",
    "Камен",
    "Песк",
    "Глин",
    "Рыж",
    "Круглик",
    "Долгорук",
    "Короб",
    "Бочар",
    "Плотник",
    "Столяр",
    "Кожемяк",
    "Пекар",
    "Мясник",
    "Рыбак",
    "Охотник",
    "Пастух",
    "Казак",
    "Поляк",
    "Литвин",
    "Татарин",
    "Мордвин",
    "Чуваш",
    "Карел",
    "Вятк",
    "Ярослав",
    "Владимир",
    "Твер",
    "Рязан",
    "Смолен",
    "Тул",
    "Калуж",
    "Котл",
    "Курск",
    "Брянц",
];

/// Endings for [`SURNAME_ROOTS`], as (masculine, feminine).
const SURNAME_ENDINGS: &[(&str, &str)] = &[("ов", "ова"), ("ин", "ина"), ("овский", "овская"), ("енко", "енко")];

/// A surname in the right gender: mostly root + ending, now and then an irregular one.
fn surname(rng: &mut SplitMix64, female: bool) -> String {
    if rng.chance(10) {
        let (m, f) = SURNAMES[rng.below(SURNAMES.len())];
        return if female { f } else { m }.to_owned();
    }
    let root = SURNAME_ROOTS[rng.below(SURNAME_ROOTS.len())];
    let (m, f) = SURNAME_ENDINGS[rng.below(SURNAME_ENDINGS.len())];
    format!("{root}{}", if female { f } else { m })
}

const MALE_NAMES: &[&str] = &[
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Артём",
    "Никита",
    "Владимир",
    "Павел",
    "Николай",
    "Юрий",
    "Илья",
    "Фёдор",
    "Григорий",
    "Тимур",
    "Рустам",
];

const FEMALE_NAMES: &[&str] = &[
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Екатерина",
    "Светлана",
    "Юлия",
    "Анастасия",
    "Дарья",
    "Алёна",
    "Ксения",
    "Людмила",
    "Галина",
    "Софья",
    "Полина",
    "Зульфия",
    "Валентина",
];

/// Patronymics as (masculine, feminine), from fathers' names.
const PATRONYMICS: &[(&str, &str)] = &[
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Андреевич", "Андреевна"),
    ("Алексеевич", "Алексеевна"),
    ("Михайлович", "Михайловна"),
    ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"),
    ("Николаевич", "Николаевна"),
    ("Владимирович", "Владимировна"),
    ("Юрьевич", "Юрьевна"),
    ("Ильич", "Ильинична"),
    ("Фёдорович", "Фёдоровна"),
    ("Артёмович", "Артёмовна"),
    ("Кузьмич", "Кузьминична"),
    ("Рустамович", "Рустамовна"),
];

/// The districts the generated rows belong to, with their councils.
pub fn districts() -> Vec<District> {
    [
        ("0412", "Арбат", "ул. Новый Арбат, д. 36, стр. 1"),
        ("0415", "Хамовники", "Комсомольский пр-т, д. 18, корп. 1"),
        ("0418", "Пресненский", "ул. Красная Пресня, д. 25"),
        ("0701", "Тверской", "ул. Тверская, д. 13"),
        ("0903", "Замоскворечье", "ул. Большая Ордынка, д. 44, стр. 4"),
        ("1205", "Сокольники", "ул. Русаковская, д. 26"),
    ]
    .into_iter()
    .map(|(code, name, address)| District {
        code: DistrictCode::new(code),
        name: name.to_owned(),
        council_name: format!("Управа района {name} города Москвы"),
        council_address: address.to_owned(),
        office_hours: "пн–чт 9:00–18:00, пт 9:00–16:45, обед 13:00–13:45".to_owned(),
        phone: Some("+7 495 000-00-00".to_owned()),
    })
    .collect()
}

/// Streets of each district, in the spellings registry exports use.
const STREETS: &[&[&str]] = &[
    &[
        "ул. Новый Арбат",
        "ул. Арбат",
        "Староконюшенный пер.",
        "Гоголевский б-р",
        "пер. Сивцев Вражек",
        "Б. Афанасьевский пер.",
    ],
    &[
        "Комсомольский пр-т",
        "ул. Льва Толстого",
        "Фрунзенская наб.",
        "2-я Фрунзенская ул.",
        "ул. Остоженка",
        "М. Пироговская ул.",
    ],
    &[
        "ул. Красная Пресня",
        "Кутузовский пр-т",
        "Краснопресненская наб.",
        "1-й Красногвардейский проезд",
        "ул. Заморёнова",
        "Б. Грузинская ул.",
    ],
    &[
        "ул. Тверская",
        "ул. Малая Дмитровка",
        "Страстной б-р",
        "пер. Дегтярный",
        "ул. 1-я Тверская-Ямская",
        "Цветной бульвар",
    ],
    &[
        "ул. Большая Ордынка",
        "ул. Пятницкая",
        "Озерковская наб.",
        "пер. Климентовский",
        "ул. Новокузнецкая",
        "Кожевническая ул.",
    ],
    &[
        "ул. Русаковская",
        "Сокольническая пл.",
        "ул. Стромынка",
        "ул. Матросская Тишина",
        "Сокольническое ш.",
        "4-я Сокольническая ул.",
    ],
];

const HOUSE_LETTERS: &[&str] = &["А", "Б", "В", "Г"];
const FLAT_LETTERS: &[&str] = &["А", "Б"];

/// One generated row.
pub fn row(rng: &mut SplitMix64, index: u64, districts: &[District]) -> RowParts {
    let d = rng.below(districts.len());
    let female = rng.chance(53);
    let surname = surname(rng, female);
    let (patronymic_m, patronymic_f) = PATRONYMICS[rng.below(PATRONYMICS.len())];
    let name = if female { rng.pick(FEMALE_NAMES) } else { rng.pick(MALE_NAMES) };
    let patronymic = (!rng.chance(3)).then(|| if female { patronymic_f } else { patronymic_m }.to_owned());
    let year = 1930 + rng.below(95) as i32;
    let birth_date =
        NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32).unwrap_or(NaiveDate::MIN);
    let street = rng.pick(STREETS[d % STREETS.len()]);
    let number = 1 + rng.below(80);
    let house = match rng.below(10) {
        0 => format!("{number}/{}", 1 + rng.below(12)),
        1 => format!("{number}{}", rng.pick(HOUSE_LETTERS)),
        _ => number.to_string(),
    };
    let building = rng.chance(30).then(|| (1 + rng.below(4)).to_string());
    let structure = rng.chance(8).then(|| (1 + rng.below(9)).to_string());
    let flat = (!rng.chance(2)).then(|| {
        let n = 1 + rng.below(450);
        if rng.chance(4) { format!("{n}{}", rng.pick(FLAT_LETTERS)) } else { n.to_string() }
    });
    let registration_kind = match rng.below(20) {
        0..=15 => RegistrationKind::Permanent,
        16..=18 => RegistrationKind::Temporary,
        _ => RegistrationKind::Contract,
    };
    RowParts {
        registry_id: RegistryId::new(format!("{}-{:09}", districts[d].code, index + 1)),
        name: FullName { surname, name: name.to_owned(), patronymic },
        birth_date,
        address: Address {
            district: districts[d].code.clone(),
            street: street.to_owned(),
            house,
            building,
            structure,
            flat,
        },
        registration_kind,
    }
}

/// A generated resident, ready to be written.
#[derive(Clone, Debug)]
pub struct RowParts {
    pub registry_id: RegistryId,
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub address: Address,
    pub registration_kind: RegistrationKind,
}

/// Writes `rows` generated rows in the canonical form to `out`.
pub fn write_file<W: Write>(out: W, rows: u64) -> anyhow::Result<W> {
    let districts = districts();
    let mut rng = SplitMix64::new(SEED);
    let mut writer = CanonicalWriter::new(out).context("writing the header")?;
    for i in 0..rows {
        let r = row(&mut rng, i, &districts);
        writer
            .write_resident(&r.registry_id, &r.name, r.birth_date, &r.address, r.registration_kind)
            .context("writing a row")?;
    }
    writer.finish().context("flushing the file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ereception_core::import::{ImportOptions, RegistryReader};

    #[test]
    fn the_same_seed_gives_the_same_file_and_prefixes_agree() {
        let long = write_file(Vec::new(), 300).unwrap();
        let again = write_file(Vec::new(), 300).unwrap();
        let short = write_file(Vec::new(), 30).unwrap();
        assert_eq!(long, again);
        assert!(long.starts_with(&short));
    }

    #[test]
    fn every_generated_row_is_valid_and_ids_are_unique() {
        let file = write_file(Vec::new(), 2000).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let reader = RegistryReader::new(&file[..], &ImportOptions::new(today)).unwrap();
        let mut ids = std::collections::HashSet::new();
        let (mut buildings, mut structures, mut lettered_flats, mut no_patronymic) = (0, 0, 0, 0);
        for item in reader {
            let record = item.unwrap();
            assert!(ids.insert(record.registry_id.to_string()));
            buildings += usize::from(record.address.building.is_some());
            structures += usize::from(record.address.structure.is_some());
            lettered_flats += usize::from(record.address.flat.as_deref().is_some_and(|f| f.ends_with(['А', 'Б'])));
            no_patronymic += usize::from(record.name.patronymic.is_none());
        }
        assert_eq!(ids.len(), 2000);
        assert!(buildings > 400 && structures > 80 && lettered_flats > 20 && no_patronymic > 20);
    }
}
