//! The residents of the demo district: households of families at their flats.
//!
//! Families share an address and a surname in its gendered forms; children's patronymics come
//! from their father's name; a few households are foreign nationals without patronymics and
//! with a temporary registration or a contract with the owner. The first households are the
//! same in every demo (a large family at a flat «12А» in a house with a корпус, a family with a
//! double surname in a house with a строение, a foreign family), so that every demo has them.
//!
//! Pure: no database, no clock.

use chrono::{Datelike, Days, NaiveDate};
use rand::RngExt;
use rand::rngs::StdRng;

use super::people::{
    BOYS, FOREIGN_MEN, FOREIGN_SURNAMES, FOREIGN_WOMEN, GIRLS, MEN, WOMEN, WOMEN_OLD, one, patronymic, random_surname,
    surname_for,
};
use super::places::Town;
use crate::domain::ids::DistrictCode;
use crate::domain::person::{Address, FullName, RegistrationKind};

/// A resident to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Person {
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub male: bool,
    pub household: usize,
}

/// People registered at one flat.
#[derive(Clone, Debug)]
pub(crate) struct Household {
    pub address: Address,
    pub kind: RegistrationKind,
    /// Indices into [`Population::people`].
    pub members: Vec<usize>,
    /// Foreign nationals: no patronymics; they read English.
    pub foreign: bool,
}

/// Everyone in the demo district.
#[derive(Clone, Debug, Default)]
pub(crate) struct Population {
    pub people: Vec<Person>,
    pub households: Vec<Household>,
}

/// The first household: a large family, its mother a PIN holder.
pub(crate) const LARGE_FAMILY: usize = 0;
/// The second household: a double surname, its father a PIN holder.
pub(crate) const DOUBLE_SURNAME_FAMILY: usize = 1;

impl Population {
    /// Whole years of `person` on `day`.
    pub(crate) fn age(&self, person: usize, day: NaiveDate) -> u32 {
        self.people.get(person).map_or(0, |p| age(p.birth_date, day))
    }

    pub(crate) fn household_of(&self, person: usize) -> Option<&Household> {
        self.people.get(person).and_then(|p| self.households.get(p.household))
    }

    /// The members of `person`'s household other than them who are under 18 on `day` and
    /// were born by then.
    pub(crate) fn minors_with(&self, person: usize, day: NaiveDate) -> Vec<usize> {
        self.household_of(person)
            .map(|h| {
                h.members
                    .iter()
                    .copied()
                    .filter(|&m| m != person)
                    .filter(|&m| self.people[m].birth_date <= day && self.age(m, day) < 18)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Whole years between `birth` and `day`.
pub(crate) fn age(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// A birth date making someone `years` old on `today`, on a random day of that year of life.
fn born(rng: &mut StdRng, today: NaiveDate, years: u32) -> NaiveDate {
    let back = u64::from(years) * 365 + u64::from(years / 4) + rng.random_range(1..=364);
    today.checked_sub_days(Days::new(back)).unwrap_or(today)
}

/// What a household is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Single,
    Couple,
    Family { children: usize },
    LargeFamily { children: usize },
    SingleMother { children: usize },
    Elderly,
    ThreeGenerations { children: usize },
    Flatmates,
    Foreign { children: usize },
}

fn random_shape(rng: &mut StdRng) -> Shape {
    match rng.random_range(0..100) {
        0..20 => Shape::Single,
        20..37 => Shape::Couple,
        37..53 => Shape::Family { children: 1 },
        53..64 => Shape::Family { children: 2 },
        64..69 => Shape::LargeFamily { children: rng.random_range(3..=5) },
        69..77 => Shape::SingleMother { children: rng.random_range(1..=2) },
        77..86 => Shape::Elderly,
        86..92 => Shape::ThreeGenerations { children: rng.random_range(1..=2) },
        92..97 => Shape::Flatmates,
        _ => Shape::Foreign { children: rng.random_range(0..=2) },
    }
}

/// Builds the members of one household.
struct Builder<'a> {
    rng: &'a mut StdRng,
    today: NaiveDate,
    people: Vec<(FullName, NaiveDate, bool)>,
}

impl Builder<'_> {
    fn push(&mut self, surname: &str, name: &str, patronymic: Option<String>, birth: NaiveDate, male: bool) {
        let full = FullName { surname: surname_for(surname, male), name: name.to_owned(), patronymic };
        self.people.push((full, birth, male));
    }

    /// An adult with a patronymic from a random father of their generation.
    fn adult(&mut self, surname: &str, male: bool, years: u32, name: Option<&str>) -> NaiveDate {
        let grandfather = one(self.rng, MEN);
        let name = match name {
            Some(n) => n,
            None if male => one(self.rng, MEN),
            None if years >= 60 => one(self.rng, WOMEN_OLD),
            None => one(self.rng, WOMEN),
        };
        let birth = born(self.rng, self.today, years);
        self.push(surname, name, Some(patronymic(grandfather, !male)), birth, male);
        birth
    }

    /// Children of `father` (a name of [`MEN`]), `mother_years` old, under `max_age`.
    fn children(&mut self, surname: &str, father: &str, mother_years: u32, count: usize, max_age: u32) {
        let oldest = mother_years.saturating_sub(20).min(max_age);
        let mut ages: Vec<u32> = (0..count).map(|_| self.rng.random_range(1..=oldest.max(1))).collect();
        ages.sort_unstable_by(|a, b| b.cmp(a));
        for years in ages {
            let male = self.rng.random_bool(0.5);
            let name = if male { one(self.rng, BOYS) } else { one(self.rng, GIRLS) };
            let birth = born(self.rng, self.today, years);
            self.push(surname, name, Some(patronymic(father, !male)), birth, male);
        }
    }

    /// A married couple; returns the husband's name and the wife's age.
    fn couple(&mut self, surname: &str, min: u32, max: u32) -> (&'static str, u32) {
        let husband = one(self.rng, MEN);
        let his_years = self.rng.random_range(min..=max);
        let her_years = his_years.saturating_sub(self.rng.random_range(0..=5)).max(min);
        self.adult(surname, true, his_years, Some(husband));
        // One wife in ten kept her own surname.
        let hers = if self.rng.random_bool(0.1) { random_surname(self.rng) } else { surname };
        self.adult(hers, false, her_years, None);
        (husband, her_years)
    }
}

fn build(rng: &mut StdRng, today: NaiveDate, shape: Shape) -> (Vec<(FullName, NaiveDate, bool)>, bool) {
    let surname = random_surname(rng);
    let mut b = Builder { rng, today, people: Vec::new() };
    let mut foreign = false;
    match shape {
        Shape::Single => {
            let male = b.rng.random_bool(0.45);
            let years = b.rng.random_range(19..=85);
            b.adult(surname, male, years, None);
        }
        Shape::Couple => {
            b.couple(surname, 24, 80);
        }
        Shape::Family { children } => {
            let (father, mother_years) = b.couple(surname, 28, 52);
            b.children(surname, father, mother_years, children, 24);
        }
        Shape::LargeFamily { children } => {
            let (father, mother_years) = b.couple(surname, 32, 46);
            b.children(surname, father, mother_years, children, 15);
        }
        Shape::SingleMother { children } => {
            let years = b.rng.random_range(26..=48);
            b.adult(surname, false, years, None);
            let father = one(b.rng, MEN);
            b.children(surname, father, years, children, 17);
        }
        Shape::Elderly => {
            let male = b.rng.random_bool(0.25);
            let years = b.rng.random_range(70..=94);
            b.adult(surname, male, years, None);
        }
        Shape::ThreeGenerations { children } => {
            let (father, mother_years) = b.couple(surname, 30, 48);
            b.children(surname, father, mother_years, children, 17);
            let years = (mother_years + b.rng.random_range(24..=32)).min(95);
            b.adult(surname, false, years, None);
        }
        Shape::Flatmates => {
            for _ in 0..2 {
                let own = random_surname(b.rng);
                let male = b.rng.random_bool(0.5);
                let years = b.rng.random_range(19..=35);
                b.adult(own, male, years, None);
            }
        }
        Shape::Foreign { children } => {
            foreign = true;
            let family = one(b.rng, FOREIGN_SURNAMES);
            let his: u32 = b.rng.random_range(26..=50);
            let hers = his.saturating_sub(b.rng.random_range(0..=4)).max(24);
            let husband = one(b.rng, FOREIGN_MEN);
            let wife = one(b.rng, FOREIGN_WOMEN);
            let birth = born(b.rng, today, his);
            b.push(family, husband, None, birth, true);
            let birth = born(b.rng, today, hers);
            b.push(family, wife, None, birth, false);
            for _ in 0..children {
                let male = b.rng.random_bool(0.5);
                let name = if male { one(b.rng, FOREIGN_MEN) } else { one(b.rng, FOREIGN_WOMEN) };
                let years = b.rng.random_range(1..=hers.saturating_sub(22).clamp(1, 15));
                let birth = born(b.rng, today, years);
                b.push(family, name, None, birth, male);
            }
        }
    }
    (b.people, foreign)
}

/// The three households every demo starts with.
fn showcase(rng: &mut StdRng, today: NaiveDate, index: usize) -> (Vec<(FullName, NaiveDate, bool)>, bool) {
    let mut b = Builder { rng, today, people: Vec::new() };
    match index {
        LARGE_FAMILY => {
            // Соловьёв Артём Семёнович, Соловьёва Алёна Фёдоровна and four children.
            let birth = born(b.rng, today, 41);
            b.push("Соловьёв", "Артём", Some(patronymic("Семён", false)), birth, true);
            let birth = born(b.rng, today, 38);
            b.push("Соловьёв", "Алёна", Some(patronymic("Фёдор", true)), birth, false);
            for (name, male, years) in
                [("Пётр", true, 14), ("Дарья", false, 11), ("Фёдор", true, 8), ("Алёна", false, 4)]
            {
                let birth = born(b.rng, today, years);
                b.push("Соловьёв", name, Some(patronymic("Артём", !male)), birth, male);
            }
            (b.people, false)
        }
        DOUBLE_SURNAME_FAMILY => {
            let birth = born(b.rng, today, 52);
            b.push("Римский-Корсаков", "Фёдор", Some(patronymic("Илья", false)), birth, true);
            let birth = born(b.rng, today, 49);
            b.push("Римский-Корсаков", "Ольга", Some(patronymic("Никита", true)), birth, false);
            let birth = born(b.rng, today, 20);
            b.push("Римский-Корсаков", "Семён", Some(patronymic("Фёдор", false)), birth, true);
            (b.people, false)
        }
        _ => {
            let birth = born(b.rng, today, 34);
            b.push("Шмидт", "Томас", None, birth, true);
            let birth = born(b.rng, today, 31);
            b.push("Шмидт", "Анна", None, birth, false);
            (b.people, true)
        }
    }
}

fn registration(rng: &mut StdRng, foreign: bool) -> RegistrationKind {
    match (foreign, rng.random_range(0..100)) {
        (true, 0..60) => RegistrationKind::Temporary,
        (true, _) => RegistrationKind::Contract,
        (false, 0..86) => RegistrationKind::Permanent,
        (false, 86..95) => RegistrationKind::Temporary,
        (false, _) => RegistrationKind::Contract,
    }
}

/// `count` residents of `district` on `today`, in households.
pub(crate) fn generate(rng: &mut StdRng, district: &DistrictCode, count: usize, today: NaiveDate) -> Population {
    let mut town = Town::new(rng, district, count * 2 / 5 + 1);
    let mut pop = Population::default();
    while pop.people.len() < count {
        let index = pop.households.len();
        let (mut members, foreign) = if index < 3 {
            showcase(rng, today, index)
        } else {
            let shape = random_shape(rng);
            build(rng, today, shape)
        };
        members.truncate(count - pop.people.len());
        let address = match index {
            LARGE_FAMILY => town.showcase_korpus_flat(),
            DOUBLE_SURNAME_FAMILY => town.showcase_stroenie_flat(),
            _ => town.any_flat(rng),
        };
        let kind = if index < 2 { RegistrationKind::Permanent } else { registration(rng, foreign) };
        let mut household = Household { address, kind, members: Vec::new(), foreign };
        for (name, birth_date, male) in members {
            household.members.push(pop.people.len());
            pop.people.push(Person { name, birth_date, male, household: index });
        }
        pop.households.push(household);
    }
    pop
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn population(seed: u64, count: usize) -> Population {
        generate(&mut StdRng::seed_from_u64(seed), &DistrictCode::new("0412"), count, today())
    }

    #[test]
    fn exactly_the_count_asked_for_and_deterministic() {
        let a = population(7, 3000);
        assert_eq!(a.people.len(), 3000);
        let b = population(7, 3000);
        assert_eq!(a.people, b.people);
        let c = population(8, 3000);
        assert_ne!(a.people, c.people);
        assert!(a.households.len() > 900 && a.households.len() < 1600, "{}", a.households.len());
    }

    #[test]
    fn families_share_address_and_surname_and_children_carry_the_fathers_name() {
        let pop = population(1, 500);
        let large = &pop.households[LARGE_FAMILY];
        let names: Vec<String> = large.members.iter().map(|&m| pop.people[m].name.full()).collect();
        assert_eq!(
            names,
            [
                "Соловьёв Артём Семёнович",
                "Соловьёва Алёна Фёдоровна",
                "Соловьёв Пётр Артёмович",
                "Соловьёва Дарья Артёмовна",
                "Соловьёв Фёдор Артёмович",
                "Соловьёва Алёна Артёмовна",
            ]
        );
        assert_eq!(large.address.building.as_deref(), Some("2"));
        assert_eq!(large.address.flat.as_deref(), Some("12А"));
        assert_eq!(pop.minors_with(large.members[1], today()).len(), 4);
        let double = &pop.households[DOUBLE_SURNAME_FAMILY];
        assert_eq!(pop.people[double.members[1]].name.surname, "Римская-Корсакова");
        assert_eq!(double.address.structure.as_deref(), Some("1"));
    }

    #[test]
    fn the_district_has_every_kind_of_name_and_address() {
        let pop = population(42, 3000);
        let people = &pop.people;
        assert!(people.iter().any(|p| p.name.full().contains('ё')));
        assert!(people.iter().any(|p| p.name.surname.contains('-')));
        assert!(people.iter().any(|p| p.name.patronymic.is_none()));
        assert!(people.iter().filter(|p| p.name.surname.contains('-')).count() > 10);
        let addresses: Vec<&Address> = pop.households.iter().map(|h| &h.address).collect();
        assert!(addresses.iter().filter(|a| a.building.is_some()).count() > 10);
        assert!(addresses.iter().filter(|a| a.structure.is_some()).count() > 10);
        let lettered = |s: &Option<String>| s.as_deref().is_some_and(|f| f.ends_with(['А', 'Б']));
        assert!(addresses.iter().filter(|a| lettered(&a.flat)).count() > 10);
        assert!(addresses.iter().any(|a| a.house.contains('/')));
        let kinds: Vec<RegistrationKind> = pop.households.iter().map(|h| h.kind).collect();
        let permanent = kinds.iter().filter(|k| **k == RegistrationKind::Permanent).count();
        assert!(permanent * 100 / kinds.len() > 70, "mostly permanent");
        assert!(kinds.contains(&RegistrationKind::Temporary) && kinds.contains(&RegistrationKind::Contract));
        let mut seen = std::collections::HashSet::new();
        for a in &addresses {
            assert!(seen.insert((&a.street, &a.house, &a.building, &a.structure, &a.flat)), "one household a flat");
        }
    }

    #[test]
    fn gender_agrees_within_households() {
        let pop = population(3, 3000);
        for h in pop.households.iter().filter(|h| !h.foreign) {
            for &m in &h.members {
                let p = &pop.people[m];
                let patronymic = p.name.patronymic.as_deref().unwrap_or_default();
                if p.male {
                    assert!(patronymic.ends_with("ич"), "{}", p.name);
                } else {
                    assert!(patronymic.ends_with("на"), "{}", p.name);
                }
            }
        }
    }

    #[test]
    fn ages_are_sane() {
        let pop = population(5, 3000);
        for p in &pop.people {
            assert!(p.birth_date < today());
            assert!(age(p.birth_date, today()) <= 96, "{}", p.birth_date);
        }
        assert_eq!(age(NaiveDate::from_ymd_opt(2000, 12, 5).unwrap(), today()), 25);
        assert_eq!(age(NaiveDate::from_ymd_opt(2000, 12, 4).unwrap(), today()), 26);
    }
}
