//! Addresses in the Arbat district as the ГУ ИС registry writes them: the district's streets
//! and lanes, houses with a letter («37А») or on a corner («10/2»), корпус and строение, flats
//! with a letter («12А»).
//!
//! Pure: no database, no clock.

use std::collections::HashSet;

use rand::RngExt;
use rand::rngs::StdRng;

use super::people::one;
use crate::domain::ids::DistrictCode;
use crate::domain::person::Address;

/// Streets and lanes of the Arbat district and its borders.
pub(crate) const STREETS: &[&str] = &[
    "ул. Арбат",
    "ул. Новый Арбат",
    "Гагаринский пер.",
    "Большой Афанасьевский пер.",
    "Малый Афанасьевский пер.",
    "Сивцев Вражек пер.",
    "ул. Композиторская",
    "Плотников пер.",
    "Денежный пер.",
    "Смоленский б-р",
    "Староконюшенный пер.",
    "Кривоарбатский пер.",
    "Калошин пер.",
    "Спасопесковский пер.",
    "Большой Николопесковский пер.",
    "Малый Николопесковский пер.",
    "Трубниковский пер.",
    "Карманицкий пер.",
    "Серебряный пер.",
    "Арбатский пер.",
    "Большой Власьевский пер.",
    "Малый Власьевский пер.",
    "Глазовский пер.",
    "Никитский б-р",
    "Гоголевский б-р",
    "Смоленская ул.",
];

/// A house: the part of an address shared by its flats.
#[derive(Clone, Debug)]
struct House {
    street: &'static str,
    number: String,
    building: Option<String>,
    structure: Option<String>,
    flats: u16,
    taken: HashSet<String>,
}

impl House {
    fn address(&self, district: &DistrictCode, flat: String) -> Address {
        Address {
            district: district.clone(),
            street: self.street.to_owned(),
            house: self.number.clone(),
            building: self.building.clone(),
            structure: self.structure.clone(),
            flat: Some(flat),
        }
    }

    fn is_full(&self) -> bool {
        self.taken.len() >= usize::from(self.flats)
    }
}

/// The houses of the demo district, handing out flats nobody lives in yet.
pub(crate) struct Town {
    district: DistrictCode,
    houses: Vec<House>,
}

/// A house every demo has: it shows корпус and a lettered flat.
pub(crate) const SHOWCASE_KORPUS: (&str, &str, &str) = ("ул. Композиторская", "17", "2");
/// A house every demo has: it shows строение.
pub(crate) const SHOWCASE_STROENIE: (&str, &str, &str) = ("Сивцев Вражек пер.", "9", "1");

impl Town {
    /// Enough houses for `households` households (about a third of the flats taken).
    pub(crate) fn new(rng: &mut StdRng, district: &DistrictCode, households: usize) -> Town {
        let mut houses = vec![
            House {
                street: SHOWCASE_KORPUS.0,
                number: SHOWCASE_KORPUS.1.to_owned(),
                building: Some(SHOWCASE_KORPUS.2.to_owned()),
                structure: None,
                flats: 96,
                taken: HashSet::new(),
            },
            House {
                street: SHOWCASE_STROENIE.0,
                number: SHOWCASE_STROENIE.1.to_owned(),
                building: None,
                structure: Some(SHOWCASE_STROENIE.2.to_owned()),
                flats: 24,
                taken: HashSet::new(),
            },
        ];
        let mut seen: HashSet<(String, String, Option<String>, Option<String>)> = houses
            .iter()
            .map(|h| (h.street.to_owned(), h.number.clone(), h.building.clone(), h.structure.clone()))
            .collect();
        let wanted = (households / 25).max(8);
        while houses.len() < wanted {
            let street = one(rng, STREETS);
            let n: u16 = rng.random_range(1..=60);
            let number = match rng.random_range(0..100) {
                0..8 => format!("{n}{}", if rng.random_bool(0.7) { "А" } else { "Б" }),
                8..14 => format!("{n}/{}", rng.random_range(1..=9)),
                _ => n.to_string(),
            };
            let (building, structure) = match rng.random_range(0..100) {
                0..10 => (Some(rng.random_range(1..=3).to_string()), None),
                10..13 => (Some(rng.random_range(1..=2).to_string()), Some(rng.random_range(1..=3).to_string())),
                13..33 => (None, Some(rng.random_range(1..=4).to_string())),
                _ => (None, None),
            };
            if seen.insert((street.to_owned(), number.clone(), building.clone(), structure.clone())) {
                let flats = rng.random_range(10..=140);
                houses.push(House { street, number, building, structure, flats, taken: HashSet::new() });
            }
        }
        Town { district: district.clone(), houses }
    }

    /// A free flat in house `index`, numbered like the registry: mostly «45», sometimes «12А».
    fn flat_in(&mut self, rng: &mut StdRng, index: usize, lettered: bool) -> Option<Address> {
        let house = self.houses.get_mut(index)?;
        if house.is_full() {
            return None;
        }
        for attempt in 0..40 {
            let n = rng.random_range(1..=house.flats);
            let label = if lettered || (attempt == 0 && rng.random_bool(0.04)) {
                format!("{n}{}", if rng.random_bool(0.8) { "А" } else { "Б" })
            } else {
                n.to_string()
            };
            if house.taken.insert(label.clone()) {
                return Some(house.address(&self.district, label));
            }
        }
        // Nearly full: the first free number.
        let label = (1..=house.flats).map(|n| n.to_string()).find(|l| !house.taken.contains(l))?;
        house.taken.insert(label.clone());
        Some(house.address(&self.district, label))
    }

    /// A free flat in a random house.
    pub(crate) fn any_flat(&mut self, rng: &mut StdRng) -> Address {
        loop {
            let index = rng.random_range(0..self.houses.len());
            if let Some(address) = self.flat_in(rng, index, false) {
                return address;
            }
            if self.houses.iter().all(House::is_full) {
                self.grow(rng);
            }
        }
    }

    /// Flat «12А» in the house with a корпус.
    pub(crate) fn showcase_korpus_flat(&mut self) -> Address {
        let house = &mut self.houses[0];
        house.taken.insert("12А".to_owned());
        house.address(&self.district, "12А".to_owned())
    }

    /// Flat 7 in the house with a строение.
    pub(crate) fn showcase_stroenie_flat(&mut self) -> Address {
        let house = &mut self.houses[1];
        house.taken.insert("7".to_owned());
        house.address(&self.district, "7".to_owned())
    }

    /// One more house, when every flat is taken (only with far more people than planned).
    fn grow(&mut self, rng: &mut StdRng) {
        let number = format!("{}", 100 + self.houses.len());
        let street = one(rng, STREETS);
        self.houses.push(House { street, number, building: None, structure: None, flats: 200, taken: HashSet::new() });
    }
}
