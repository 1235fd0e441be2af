## Registry check: registration data compared with the ГУ ИС housing registry.

registry-field-surname = Фамилия
registry-field-name = Имя
registry-field-patronymic = Отчество
registry-field-birth-date = Дата рождения
registry-field-street = Улица
registry-field-house = Дом
registry-field-building = Корпус
registry-field-structure = Строение
registry-field-flat = Квартира

# A field that differs from the registry. $field is the field's label; $entered is what was
# typed in the form, $registry is what the registry has.
registry-mismatch = { $field }: указано «{ $entered }», в реестре ГУ ИС — «{ $registry }»
registry-mismatch-entered-empty = { $field }: не указано, в реестре ГУ ИС — «{ $registry }»
registry-mismatch-registry-empty = { $field }: указано «{ $entered }», в реестре ГУ ИС — не указано

registry-identity-matches = Данные совпадают с реестром ГУ ИС
registry-identity-mismatches = { $n } { $n ->
        [one] поле не совпадает
        [few] поля не совпадают
       *[many] полей не совпадают
    } с реестром ГУ ИС

# Another person named in an appeal, looked for among the residents at the address.
registry-person-matched = Совпадает с записью реестра ГУ ИС по этому адресу
registry-person-mismatched = В реестре ГУ ИС по этому адресу есть похожая запись, но { $n } { $n ->
        [one] поле не совпадает
        [few] поля не совпадают
       *[many] полей не совпадают
    }
registry-person-not-found = Среди жителей этого адреса в реестре ГУ ИС совпадений нет
