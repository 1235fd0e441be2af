//! Russian names as people bear them: surnames that agree with gender (Иванов/Иванова,
//! Успенский/Успенская, Толстой/Толстая, invariant Шевченко and Долгих, double surnames),
//! patronymics derived from the father's name by the rules of the language (Сергей →
//! Сергеевич/Сергеевна, Илья → Ильич/Ильинична, Дмитрий → Дмитриевич, Юрий → Юрьевич), names
//! with «ё», and a transliteration for e-mail addresses.
//!
//! Pure data and functions: no database, no clock.

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

/// Men's names of adults (fathers and grandfathers), old and new.
pub(crate) const MEN: &[&str] = &[
    "Александр",
    "Сергей",
    "Андрей",
    "Алексей",
    "Дмитрий",
    "Михаил",
    "Владимир",
    "Николай",
    "Иван",
    "Евгений",
    "Юрий",
    "Игорь",
    "Олег",
    "Павел",
    "Пётр",
    "Фёдор",
    "Семён",
    "Артём",
    "Илья",
    "Никита",
    "Максим",
    "Роман",
    "Константин",
    "Виктор",
    "Борис",
    "Леонид",
    "Василий",
    "Григорий",
    "Георгий",
    "Анатолий",
    "Геннадий",
    "Валерий",
    "Виталий",
    "Аркадий",
    "Вячеслав",
    "Кирилл",
    "Егор",
    "Тимофей",
    "Матвей",
    "Яков",
    "Лев",
    "Глеб",
    "Степан",
    "Вадим",
    "Эдуард",
    "Лука",
    "Кузьма",
    "Фома",
    "Савва",
];

/// Boys' names popular for children born since 2005.
pub(crate) const BOYS: &[&str] = &[
    "Артём",
    "Максим",
    "Матвей",
    "Тимофей",
    "Лев",
    "Марк",
    "Михаил",
    "Иван",
    "Фёдор",
    "Семён",
    "Никита",
    "Илья",
    "Кирилл",
    "Егор",
    "Даниил",
    "Александр",
    "Дмитрий",
    "Пётр",
    "Савва",
    "Ярослав",
    "Арсений",
    "Всеволод",
    "Глеб",
    "Роман",
    "Степан",
];

/// Women's names of adults born 1960–2000.
pub(crate) const WOMEN: &[&str] = &[
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Екатерина",
    "Марина",
    "Юлия",
    "Анна",
    "Мария",
    "Алёна",
    "Анастасия",
    "Евгения",
    "Ксения",
    "Дарья",
    "Виктория",
    "Полина",
    "Надежда",
    "Вера",
    "Оксана",
    "Жанна",
];

/// Women's names of the older generation.
pub(crate) const WOMEN_OLD: &[&str] = &[
    "Людмила",
    "Галина",
    "Валентина",
    "Нина",
    "Тамара",
    "Зоя",
    "Лидия",
    "Антонина",
    "Клавдия",
    "Раиса",
    "Любовь",
    "Алевтина",
    "Фаина",
];

/// Girls' names popular for children born since 2005.
pub(crate) const GIRLS: &[&str] = &[
    "София",
    "Софья",
    "Анна",
    "Мария",
    "Алиса",
    "Ева",
    "Варвара",
    "Полина",
    "Дарья",
    "Василиса",
    "Виктория",
    "Александра",
    "Алёна",
    "Ульяна",
    "Злата",
    "Милана",
    "Таисия",
    "Вероника",
    "Есения",
    "Арина",
];

/// Surnames in their masculine form; the feminine is derived by [`feminine_surname`].
pub(crate) const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
    "Наумов",
    "Журавлёв",
    "Овчинников",
    "Трофимов",
    "Леонов",
    "Соболев",
    "Гончаров",
    "Грачёв",
    "Котов",
    "Громов",
    "Румянцев",
    "Ерёмин",
    "Тихомиров",
    "Скворцов",
    "Цветков",
    "Воронцов",
    "Левин",
    // -ский, -цкий, -ой: the feminine ends in -ая.
    "Успенский",
    "Преображенский",
    "Вознесенский",
    "Покровский",
    "Рождественский",
    "Троицкий",
    "Архангельский",
    "Добровольский",
    "Толстой",
    "Трубецкой",
    // The same for men and women.
    "Шевченко",
    "Бондаренко",
    "Коваленко",
    "Черных",
    "Долгих",
    "Седых",
    "Саркисян",
    "Петросян",
    "Карпович",
];

/// Double surnames, masculine; each part agrees with gender on its own.
pub(crate) const DOUBLE_SURNAMES: &[&str] = &[
    "Римский-Корсаков",
    "Петров-Водкин",
    "Салтыков-Щедрин",
    "Соколов-Микитов",
    "Голенищев-Кутузов",
    "Мамин-Сибиряк",
    "Муравьёв-Апостол",
    "Бонч-Бруевич",
    "Лебедев-Кумач",
    "Сухово-Кобылин",
];

/// Surnames of residents without a patronymic (foreign nationals), the same for men and women.
pub(crate) const FOREIGN_SURNAMES: &[&str] = &["Шмидт", "Мюллер", "Гарсиа", "Новак", "Росси", "Вебер"];
/// Their men's names.
pub(crate) const FOREIGN_MEN: &[&str] = &["Томас", "Лукас", "Марко", "Мартин", "Андреас", "Пабло"];
/// Their women's names.
pub(crate) const FOREIGN_WOMEN: &[&str] = &["Анна", "Мария", "Ева", "Лаура", "Кристина", "Сара"];

fn is_vowel(c: char) -> bool {
    c.to_lowercase().any(|c| "аеёиоуыэюяй".contains(c))
}

/// A surname's feminine form: -ов/-ев/-ёв/-ин/-ын take -а, -ский/-цкий/-ой become -ая, anything
/// else (-ко, -их/-ых, -ян, -ич, foreign names) does not change. Each part of a double
/// surname agrees on its own (Римский-Корсаков → Римская-Корсакова, Мамин-Сибиряк →
/// Мамина-Сибиряк).
pub(crate) fn feminine_surname(masculine: &str) -> String {
    masculine.split('-').map(feminine_part).collect::<Vec<_>>().join("-")
}

fn feminine_part(part: &str) -> String {
    if let Some(stem) = part.strip_suffix("ий").or_else(|| part.strip_suffix("ой")) {
        return format!("{stem}ая");
    }
    if ["ов", "ев", "ёв", "ин", "ын"].iter().any(|end| part.ends_with(end)) {
        return format!("{part}а");
    }
    part.to_owned()
}

/// A surname as a person of this gender bears it.
pub(crate) fn surname_for(masculine: &str, male: bool) -> String {
    if male { masculine.to_owned() } else { feminine_surname(masculine) }
}

/// The patronymic a son (`female == false`) or daughter of `father` bears.
///
/// The rules: a consonant takes -ович/-овна (Иван → Иванович, Артём → Артёмович); -й after a
/// vowel becomes -евич/-евна (Сергей → Сергеевич, Николай → Николаевич); -ий becomes -ьевич
/// after a single consonant (Юрий → Юрьевич, Евгений → Евгеньевич) and -иевич after two
/// (Дмитрий → Дмитриевич, Георгий → Георгиевич); -ь becomes -евич (Игорь → Игоревич); names in
/// -а/-я take -ич/-ична (Никита → Никитич/Никитична, Илья → Ильич/Ильинична). Пётр, Павел, Лев,
/// Яков and Михаил are the usual exceptions.
pub(crate) fn patronymic(father: &str, female: bool) -> String {
    let pick = |m: &str, f: &str| if female { f.to_owned() } else { m.to_owned() };
    match father {
        "Пётр" => return pick("Петрович", "Петровна"),
        "Павел" => return pick("Павлович", "Павловна"),
        "Лев" => return pick("Львович", "Львовна"),
        "Яков" => return pick("Яковлевич", "Яковлевна"),
        "Михаил" => return pick("Михайлович", "Михайловна"),
        "Илья" => return pick("Ильич", "Ильинична"),
        "Лука" => return pick("Лукич", "Лукинична"),
        "Фома" => return pick("Фомич", "Фоминична"),
        "Кузьма" => return pick("Кузьмич", "Кузьминична"),
        _ => {}
    }
    let chars: Vec<char> = father.chars().collect();
    let n = chars.len();
    let stem = |drop: usize| chars[..n.saturating_sub(drop)].iter().collect::<String>();
    let (m, f) = match chars.as_slice() {
        [.., before, c, 'и', 'й'] if !is_vowel(*before) && !is_vowel(*c) => {
            (format!("{}иевич", stem(2)), format!("{}иевна", stem(2)))
        }
        [.., 'и', 'й'] => (format!("{}ьевич", stem(2)), format!("{}ьевна", stem(2))),
        [.., v, 'й'] if is_vowel(*v) => (format!("{}евич", stem(1)), format!("{}евна", stem(1))),
        [.., 'ь'] => (format!("{}евич", stem(1)), format!("{}евна", stem(1))),
        [.., 'а' | 'я'] => (format!("{}ич", stem(1)), format!("{}ична", stem(1))),
        [.., 'ж' | 'ш' | 'ч' | 'щ' | 'ц'] => (format!("{father}евич"), format!("{father}евна")),
        _ => (format!("{father}ович"), format!("{father}овна")),
    };
    if female { f } else { m }
}

/// A Latin spelling for e-mail addresses (the passport transliteration of 2014, lower case):
/// «Соловьёва-Апостол» → `soloveva-apostol`, «Щёголев» → `shchegolev`.
pub(crate) fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "iu",
            'я' => "ia",
            'ъ' => "ie",
            'ь' => "",
            '-' => "-",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push_str(latin);
    }
    out
}

/// A misspelling of a name as people make them in forms: a variant spelling (Дарья → Дария,
/// Наталья → Наталия), or else two letters swapped. Always differs from `name` after the
/// registry's normalisation (case, «ё»/«е», spaces).
pub(crate) fn misspell(name: &str) -> String {
    const VARIANTS: &[(&str, &str)] = &[
        ("Дарья", "Дария"),
        ("Наталья", "Наталия"),
        ("Софья", "Софя"),
        ("София", "Софья"),
        ("Арина", "Ирина"),
        ("Ульяна", "Ульана"),
        ("Таисия", "Таися"),
        ("Алиса", "Алисса"),
        ("Даниил", "Данил"),
        ("Арсений", "Арсентий"),
        ("Матвей", "Матвий"),
        ("Ярослав", "Ярославь"),
        ("Савва", "Сава"),
        ("Кирилл", "Кирил"),
    ];
    if let Some((_, wrong)) = VARIANTS.iter().find(|(right, _)| *right == name) {
        return (*wrong).to_owned();
    }
    let mut chars: Vec<char> = name.chars().collect();
    // Swap the last two distinct neighbouring letters («Алёна» → «Алёан»), keeping the capital.
    for i in (1..chars.len().saturating_sub(1)).rev() {
        if chars[i] != chars[i + 1] && !"её".contains(chars[i]) && !"её".contains(chars[i + 1]) {
            chars.swap(i, i + 1);
            return chars.into_iter().collect();
        }
    }
    format!("{name}а")
}

/// One of `items`; `items` is never empty (constant tables).
pub(crate) fn one<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// A masculine surname: mostly common ones, sometimes a double one.
pub(crate) fn random_surname(rng: &mut StdRng) -> &'static str {
    if rng.random_bool(0.025) { one(rng, DOUBLE_SURNAMES) } else { one(rng, SURNAMES) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::name_key;

    #[test]
    fn patronymics_follow_the_rules_and_their_exceptions() {
        let cases = [
            ("Сергей", "Сергеевич", "Сергеевна"),
            ("Андрей", "Андреевич", "Андреевна"),
            ("Николай", "Николаевич", "Николаевна"),
            ("Илья", "Ильич", "Ильинична"),
            ("Никита", "Никитич", "Никитична"),
            ("Кузьма", "Кузьмич", "Кузьминична"),
            ("Савва", "Саввич", "Саввична"),
            ("Пётр", "Петрович", "Петровна"),
            ("Фёдор", "Фёдорович", "Фёдоровна"),
            ("Артём", "Артёмович", "Артёмовна"),
            ("Семён", "Семёнович", "Семёновна"),
            ("Дмитрий", "Дмитриевич", "Дмитриевна"),
            ("Георгий", "Георгиевич", "Георгиевна"),
            ("Юрий", "Юрьевич", "Юрьевна"),
            ("Евгений", "Евгеньевич", "Евгеньевна"),
            ("Василий", "Васильевич", "Васильевна"),
            ("Анатолий", "Анатольевич", "Анатольевна"),
            ("Игорь", "Игоревич", "Игоревна"),
            ("Павел", "Павлович", "Павловна"),
            ("Лев", "Львович", "Львовна"),
            ("Яков", "Яковлевич", "Яковлевна"),
            ("Михаил", "Михайлович", "Михайловна"),
            ("Иван", "Иванович", "Ивановна"),
            ("Александр", "Александрович", "Александровна"),
        ];
        for (father, son, daughter) in cases {
            assert_eq!(patronymic(father, false), son, "{father}");
            assert_eq!(patronymic(father, true), daughter, "{father}");
        }
    }

    #[test]
    fn every_father_name_gives_a_plausible_patronymic() {
        for name in MEN {
            let m = patronymic(name, false);
            let f = patronymic(name, true);
            assert!(m.ends_with("вич") || m.ends_with("ич"), "{name} → {m}");
            assert!(f.ends_with("вна") || f.ends_with("ична"), "{name} → {f}");
        }
    }

    #[test]
    fn surnames_agree_with_gender() {
        let cases = [
            ("Иванов", "Иванова"),
            ("Соловьёв", "Соловьёва"),
            ("Ильин", "Ильина"),
            ("Успенский", "Успенская"),
            ("Троицкий", "Троицкая"),
            ("Толстой", "Толстая"),
            ("Шевченко", "Шевченко"),
            ("Долгих", "Долгих"),
            ("Саркисян", "Саркисян"),
            ("Карпович", "Карпович"),
            ("Римский-Корсаков", "Римская-Корсакова"),
            ("Мамин-Сибиряк", "Мамина-Сибиряк"),
            ("Муравьёв-Апостол", "Муравьёва-Апостол"),
            ("Бонч-Бруевич", "Бонч-Бруевич"),
            ("Сухово-Кобылин", "Сухово-Кобылина"),
        ];
        for (m, f) in cases {
            assert_eq!(feminine_surname(m), f);
        }
        for s in FOREIGN_SURNAMES {
            assert_eq!(feminine_surname(s), *s);
        }
    }

    #[test]
    fn transliteration_is_ascii_for_every_name() {
        assert_eq!(translit("Соловьёва"), "soloveva");
        assert_eq!(translit("Римская-Корсакова"), "rimskaia-korsakova");
        assert_eq!(translit("Щёголев"), "shchegolev");
        assert_eq!(translit("Юлия"), "iuliia");
        for s in SURNAMES.iter().chain(DOUBLE_SURNAMES).chain(FOREIGN_SURNAMES).chain(WOMEN).chain(GIRLS) {
            let t = translit(s);
            assert!(!t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s} → {t}");
        }
    }

    #[test]
    fn misspellings_differ_after_normalisation() {
        for name in BOYS.iter().chain(GIRLS).chain(MEN).chain(WOMEN) {
            let wrong = misspell(name);
            assert_ne!(name_key(&wrong), name_key(name), "{name} → {wrong}");
        }
    }
}
