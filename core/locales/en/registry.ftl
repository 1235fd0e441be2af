## Registry check: registration data compared with the ГУ ИС housing registry.

registry-field-surname = Surname
registry-field-name = Name
registry-field-patronymic = Patronymic
registry-field-birth-date = Date of birth
registry-field-street = Street
registry-field-house = House
registry-field-building = Building
registry-field-structure = Structure
registry-field-flat = Flat

# A field that differs from the registry. $field is the field's label; $entered is what was
# typed in the form, $registry is what the registry has.
registry-mismatch = { $field }: “{ $entered }” was entered, the ГУ ИС registry has “{ $registry }”
registry-mismatch-entered-empty = { $field }: nothing was entered, the ГУ ИС registry has “{ $registry }”
registry-mismatch-registry-empty = { $field }: “{ $entered }” was entered, the ГУ ИС registry has nothing

registry-identity-matches = The data match the ГУ ИС registry
registry-identity-mismatches = { $n } { $n ->
        [one] field differs
       *[other] fields differ
    } from the ГУ ИС registry

# Another person named in an appeal, looked for among the residents at the address.
registry-person-matched = Matches a resident registered at this address in the ГУ ИС registry
registry-person-mismatched = Resembles a resident registered at this address in the ГУ ИС registry, but { $n } { $n ->
        [one] field differs
       *[other] fields differ
    }
registry-person-not-found = No resident registered at this address in the ГУ ИС registry matches
