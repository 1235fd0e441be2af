## Problems of a service catalogue file (`clerk-tui catalogue load`): where each is and how to
## fix it. $list is the TOML key of a list within a service (stage, original, register_ground,
## provide_ground), $text the key of its text (title or text).

catalogue-invalid = В перечне услуг { $n ->
        [one] { $n } ошибка
        [few] { $n } ошибки
       *[many] { $n } ошибок
    }:
catalogue-service-toml = услуга «{ $service }»: { $problem }
catalogue-no-services = в перечне нет ни одной услуги: добавьте хотя бы один раздел [[service]]
catalogue-duplicate-service = услуга «{ $service }» указана дважды: у каждого раздела [[service]] должен быть свой code
catalogue-service-bad-code = услуга «{ $service }»: код должен состоять из 1–64 символов a–z, 0–9 и «-» и начинаться с буквы
catalogue-service-title = услуга «{ $service }»: заполните название (title) на обоих языках, ru и en
catalogue-service-description = услуга «{ $service }»: заполните описание (description) на обоих языках, ru и en
catalogue-service-term-over-year = услуга «{ $service }»: срок (term) не может быть больше 365 дней
catalogue-consultation-visit = услуга «{ $service }»: консультация всегда даётся без посещения — укажите no_visit = true
catalogue-consultation-term = услуга «{ $service }»: на консультацию отвечают не позднее чем через 30 календарных дней (59-ФЗ) — укажите в term unit = "calendar" и days не больше 30
catalogue-service-no-stages = услуга «{ $service }»: у услуги с документом должен быть хотя бы один этап — добавьте раздел [[service.stage]]
catalogue-service-no-visit-originals = услуга «{ $service }»: услуга без посещения не может требовать оригиналы документов — уберите разделы [[service.original]] или укажите no_visit = false
catalogue-service-no-register-ground = услуга «{ $service }»: добавьте хотя бы одно основание для отказа в регистрации — раздел [[service.register_ground]]
catalogue-service-no-provide-ground = услуга «{ $service }»: добавьте хотя бы одно основание для отказа в предоставлении услуги — раздел [[service.provide_ground]]
catalogue-item-bad-code = услуга «{ $service }», [[service.{ $list }]] «{ $code }»: код должен состоять из символов a–z, 0–9 и «-» и начинаться с буквы
catalogue-item-duplicate = услуга «{ $service }»: код «{ $code }» встречается в [[service.{ $list }]] дважды — коды не должны повторяться
catalogue-item-text = услуга «{ $service }», [[service.{ $list }]] «{ $code }»: заполните { $text } на обоих языках, ru и en
catalogue-item-remedy = услуга «{ $service }», [[service.{ $list }]] «{ $code }»: заполните, как исправить (remedy), на обоих языках, ru и en
catalogue-field-bad-key = услуга «{ $service }», поле «{ $field }»: key должен состоять не более чем из 40 символов a–z, 0–9 и «_» и начинаться с буквы
catalogue-field-reserved-key = услуга «{ $service }», поле «{ $field }»: этот key занят данными о регистрации заявителя — выберите другой
catalogue-field-duplicate = услуга «{ $service }»: поле «{ $field }» указано дважды — у каждого поля должен быть свой key
catalogue-field-label = услуга «{ $service }», поле «{ $field }»: заполните подпись (label) на обоих языках, ru и en
catalogue-field-max-len = услуга «{ $service }», поле «{ $field }»: max_len должен быть больше нуля
catalogue-field-min-max = услуга «{ $service }», поле «{ $field }»: min больше max — поменяйте их местами
catalogue-field-no-options = услуга «{ $service }», поле «{ $field }»: у поля с выбором нет вариантов — добавьте разделы [[service.field.options]]
catalogue-field-bad-option = услуга «{ $service }», поле «{ $field }», вариант «{ $option }»: у каждого варианта должен быть свой непустой code и подпись (label) на обоих языках
catalogue-field-persons = услуга «{ $service }», поле «{ $field }»: нужно 0 ≤ min ≤ max ≤ 20 и max не меньше 1
