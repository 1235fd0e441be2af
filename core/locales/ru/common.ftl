## Shared words and units.

app-name = Электронная приёмная
unit-calendar-days = { $n } { $n ->
        [one] календарный день
        [few] календарных дня
       *[many] календарных дней
    }
unit-working-days = { $n } { $n ->
        [one] рабочий день
        [few] рабочих дня
       *[many] рабочих дней
    }
unit-days = { $n } { $n ->
        [one] день
        [few] дня
       *[many] дней
    }
unit-attempts = { $n } { $n ->
        [one] попытка
        [few] попытки
       *[many] попыток
    }
unit-minutes = { $n } { $n ->
        [one] минута
        [few] минуты
       *[many] минут
    }
unit-hours = { $n } { $n ->
        [one] час
        [few] часа
       *[many] часов
    }
registration-kind-permanent = постоянная регистрация
registration-kind-temporary = временная регистрация
registration-kind-contract = проживание по договору с собственником
