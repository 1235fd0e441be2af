## Applicant accounts: account numbers, PINs, sign-in lockout and the printed slip.

## Account numbers

account-number-empty = Введите номер личного кабинета.
account-number-invalid-character = Номер личного кабинета состоит только из цифр, а введён знак «{ $ch }».
account-number-wrong-length = Номер личного кабинета состоит из 10 цифр, а { $n ->
        [one] введена
       *[other] введено
    } { $n }.
account-number-leading-zero = Номер личного кабинета не начинается с нуля. Сверьте номер с листком.
account-number-wrong-check-digit = В номере личного кабинета ошибка: сверьте цифры с листком.

## PINs

account-pin-empty = Введите ПИН-код.
account-pin-wrong-length = В ПИН-коде 8 символов, а { $n ->
        [one] введён
       *[other] введено
    } { $n }.
account-pin-invalid-character = Символа «{ $ch }» нет в ПИН-коде. В ПИН-коде не бывает цифр { $digits } и букв { $letters }: сверьте ПИН-код с листком.
account-pin-russian-layout = Символа «{ $ch }» нет в ПИН-коде: похоже, клавиатура переключена на русский язык. Переключите её на английский и введите ПИН-код ещё раз.

## Signing in

account-sign-in-failed = Неверный номер личного кабинета или ПИН-код.
account-attempts-left = { $n ->
        [one] Осталась { $n } попытка.
        [few] Осталось { $n } попытки.
       *[many] Осталось { $n } попыток.
    }
account-locked-until = Вход заблокирован до { $time } (мск).
account-locked-until-date = Вход заблокирован до { $date }, { $time } (мск).

## Lockout policy (read by the administrator)

account-policy-zero-failures = Число неудачных попыток до блокировки должно быть не меньше одной.
account-policy-non-positive-lockout = Первая блокировка должна длиться больше нуля.
account-policy-max-below-base = Самая долгая блокировка не может быть короче первой.
account-policy-reset-too-soon = Счётчик неудачных попыток можно сбрасывать не раньше чем через минуту без ошибок.
account-policy-too-permissive = При таких настройках блокировки за год можно перебрать вариантов ПИН-кода: { $n }, а допустимо меньше { $limit }. Усильте блокировку.

## The printed slip

account-slip-applicant = Заявитель: { $name }
account-slip-account-number = Номер личного кабинета:
account-slip-pin = ПИН-код:
account-slip-form = Вход в личный кабинет:
account-slip-how-to = Откройте этот адрес и введите номер личного кабинета и ПИН-код.
account-slip-keep-secret = Храните ПИН-код в тайне и никому его не сообщайте. Сотрудники управы никогда не спрашивают ПИН-код по телефону.
account-slip-if-lost = Если листок потерян или ПИН-код узнал кто-то другой, приходите с паспортом в «одно окно» управы: прежний ПИН-код отзовут и выдадут новый.
account-slip-issued = Выдан { $date } в { $time } (мск)
account-slip-issued-by = Сотрудник: { $clerk }
account-slip-council-address = Адрес управы: { $address }
account-slip-office-hours = Часы приёма: { $hours }
account-slip-council-phone = Телефон управы: { $phone }
account-slip-email-confirmed = Адрес электронной почты: { $email } (подтверждён)
account-slip-email-pending = Адрес электронной почты: { $email } (ещё не подтверждён)
account-slip-email-what-to-do = На этот адрес отправлено письмо со ссылкой: откройте его и нажмите «Подтвердить адрес» — тогда уведомления об обращениях будут приходить на почту. Проверьте адрес: если в нём ошибка, скажите сотруднику.
account-slip-width-invalid = Ширина листка — 32, 42 или 48 символов, а указано «{ $value }».
