//! Registry matching: normalised keys and the automatic check of registration data against
//! the ГУ ИС housing registry (rule 3 of the blueprint).
//!
//! # The rules
//!
//! **Keys, not strings.** Names and addresses are compared on normalised keys
//! ([`name_key`], [`street_key`], [`house_part_key`], [`AddressKey`]), never as typed. The keys
//! fold case, «ё»/«е», spaces, punctuation and hyphens, Latin look-alike letters typed inside
//! Cyrillic words, and street-type and house-part abbreviations (ул., пр-т, ш., д., к.,
//! стр. …). They are deterministic and idempotent, and the database stores them for Cyrillic
//! search (SQLite's `LOWER`/`LIKE` fold ASCII only). Birth dates are compared exactly.
//!
//! **The applicant's own record.** [`check_identity`] compares what a signed-in applicant
//! typed about themselves (surname, name, patronymic, birth date, street, house, корпус,
//! строение, flat) with *their own* registry record. Any mismatch is a form error: the form is
//! shown again with [`IdentityCheck::explanations`] («Фамилия: указано «Иванов», в реестре
//! ГУ ИС — «Иванова»») and the resident fixes it before filing. The explanation shows the
//! resident their own registry data, which is fine; it is never logged.
//!
//! **Other people in an appeal.** [`check_household_member`] looks for another named person
//! (a child on a large-family certificate) among the residents registered at the applicant's
//! address, ignoring those who left. An exact match on all keys is [`PersonCheck::Matched`];
//! otherwise the closest plausible resident is [`PersonCheck::Mismatched`] with a field-by-field
//! comparison, or [`PersonCheck::NotFound`]. Mismatches do not block filing: the result is
//! stored with the appeal (serde, as JSON) and flagged for the clerk, who sees it field by
//! field.
//!
//! **Address lines.** [`parse_address_line`] splits an address typed as one line («Новый Арбат
//! 12к2с1 кв 45») into the registry's parts, for the question form where a resident gives an
//! address instead of a district.
//!
//! Nothing here does I/O or logs: the inputs and results are personal data.

pub(crate) mod check;
mod normalize;

pub use check::{
    CheckedField, FieldCheck, IdentityCheck, IdentityClaim, PersonCheck, PersonClaim, check_household_member,
    check_identity,
};
pub use normalize::{
    AddressKey, AddressMatch, ParsedAddress, house_part_key, name_key, parse_address_line, split_house, street_key,
};
