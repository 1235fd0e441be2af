## Deadlines and the production calendar (module `clock`).

clock-days-left-calendar = { $n ->
        [one] остался { $n } день
        [few] осталось { $n } дня
       *[many] осталось { $n } дней
    }
clock-days-left-working = { $n ->
        [one] остался { $n } рабочий день
        [few] осталось { $n } рабочих дня
       *[many] осталось { $n } рабочих дней
    }
clock-last-day = сегодня последний день
clock-overdue = просрочено на { $n } { $n ->
        [one] день
        [few] дня
       *[many] дней
    }

clock-error-year-not-covered = Срок не рассчитан: нет производственного календаря на { $year } год. Администратору: добавьте файл { $year }.toml со ссылкой на постановление Правительства о переносе выходных дней в { $year } году в папку календарей (параметр calendar_dir в настройках).
clock-error-year-not-covered-dir = Срок не рассчитан: нет производственного календаря на { $year } год. Администратору: добавьте файл { $year }.toml со ссылкой на постановление Правительства о переносе выходных дней в { $year } году в папку { $dir }.
clock-error-unknown-unit = «{ $value }» — неизвестная единица срока: укажите calendar (календарные дни) или working (рабочие дни).
clock-error-term-zero = Срок должен быть не меньше одного дня.
clock-error-extension-zero = Срок можно продлить не меньше чем на один день.
clock-error-extension-too-long = Срок рассмотрения можно продлить не более чем на { $max } { $max ->
        [one] день
        [few] дня
       *[many] дней
    }, а указано { $days }.
clock-error-extension-repeated = Срок рассмотрения этого обращения уже продлевали; продлить его можно только один раз.
clock-error-extension-past = С таким продлением новый срок — { $date } — уже наступил бы, и обращение осталось бы просроченным. Укажите больше дней.
clock-error-extension-not-answer = Продлевается только срок ответа на консультацию (59-ФЗ), а не срок услуги.

clock-calendar-ends = Производственный календарь в системе заканчивается { $date }. Добавьте файл { $next }.toml (по постановлению Правительства о переносе выходных дней в { $next } году) в папку calendar_dir: без него, как только сроки обращений дойдут до { $next } года, подать обращение будет нельзя.
clock-error-file = Файл производственного календаря { $file }: { $problem }
clock-file-syntax = файл не читается как календарь в формате TOML: { $detail }
clock-file-year-out-of-range = год { $year } вне допустимого диапазона { $first }–{ $last }
clock-file-name-mismatch = файл описывает { $year } год, поэтому должен называться { $year }.toml
clock-file-no-decree = не указано постановление Правительства о переносе выходных дней (поле decree)
clock-file-no-holidays = не указан ни один нерабочий праздничный день (поле holidays)
clock-file-not-a-date = «{ $value }» — не дата; пишите даты без времени, например 2027-01-01
clock-file-outside-year = дата { $date } не относится к { $year } году
clock-file-duplicate-date = дата { $date } указана дважды
clock-file-empty-holiday-name = у праздника { $date } не указано название
clock-file-day-off-and-working = дата { $date } указана и как перенесённый выходной, и как рабочий выходной день
clock-file-working-weekend-not-weekend = { $date } указана как рабочая суббота или воскресенье, но это будний день
clock-file-working-weekend-holiday = { $date } указана как рабочий день, но это нерабочий праздничный день
clock-file-working-weekend-unused = { $date } объявлена рабочим днём, но выходной с неё никуда не перенесён (нет записи в days_off с from = { $date })
clock-file-day-off-on-weekend = перенесённый выходной { $date } приходится на субботу или воскресенье
clock-file-day-off-on-holiday = перенесённый выходной { $date } совпадает с праздником
clock-file-transfer-from-weekday = выходной { $date } перенесён с { $from }, но это не суббота и не воскресенье
clock-file-transfer-from-plain-weekend = выходной { $date } перенесён с { $from }, но { $from } — не праздник и не указан среди рабочих выходных (working_weekends)
clock-file-transferred-twice = выходной с { $from } перенесён дважды
clock-file-holiday-not-transferred = праздник { $date } приходится на выходной, но перенесённый с него выходной день не указан (часть 2 статьи 112 ТК РФ)
clock-file-duplicate-year = календарь на { $year } год уже задан файлом { $other }
