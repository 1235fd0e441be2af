## The administrator's command line (clerk-tui with a command).

cli-about = Электронная приёмная: рабочее место специалиста (без команды) и команды администратора.
cli-usage-heading = Использование:
cli-heading-commands = Команды
cli-heading-arguments = Аргументы
cli-heading-options = Параметры
cli-command-value-name = КОМАНДА
# the placeholders of values in usage lines and help, as `FILE` in `--config <FILE>`
cli-value-options = ПАРАМЕТРЫ
cli-value-file = ФАЙЛ
cli-value-url = АДРЕС
cli-value-addr = АДРЕС
cli-value-lang = ЯЗЫК
cli-value-login = ЛОГИН
cli-value-registry-id = ИД_В_РЕЕСТРЕ
cli-value-title = НАЗВАНИЕ
cli-value-first-name = ИМЯ
cli-value-full-name = ФИО
cli-value-role = РОЛЬ
cli-value-code = КОД
cli-value-district = КОД
cli-value-council = УПРАВА
cli-value-address = АДРЕС
cli-value-hours = ЧАСЫ
cli-value-phone = ТЕЛЕФОН
cli-value-pairs = ПАРЫ
cli-value-encoding = КОДИРОВКА
cli-value-char = ЗНАК
cli-value-n = ЧИСЛО
cli-value-limit = ЧИСЛО
cli-value-days = ДНЕЙ
cli-value-years = ЛЕТ
cli-value-date = ДАТА
cli-value-id = ИДЕНТИФИКАТОР
cli-value-number = НОМЕР
cli-value-email = АДРЕС
cli-value-columns = ШИРИНА
cli-value-reason = ПРИЧИНА
cli-value-actor = КТО
cli-value-action = ДЕЙСТВИЕ
cli-value-subject = ОБЪЕКТ
cli-value-format = ФОРМАТ
cli-value-state = СОСТОЯНИЕ
cli-value-surname = ФАМИЛИЯ
cli-value-street = УЛИЦА
cli-value-house = ДОМ
cli-value-residents = ЧИСЛО
cli-value-pins = ЧИСЛО
cli-value-seed = ЧИСЛО
cli-value-appeals = ЧИСЛО
cli-value-rounds = ЧИСЛО
# a no-break space inside each label, so that wrapped help does not split it
cli-help-default = по умолчанию: { $value }
cli-help-values = возможные значения: { $values }

cli--config = Файл настроек (по умолчанию — config.toml в папке настроек пользователя).
cli--database_url = Адрес базы данных: postgres://… или sqlite://ПУТЬ.
cli--lang = Язык сообщений: ru или en.
cli--as_clerk = Записать действие в журнал аудита от имени этого сотрудника, а не пользователя системы.
cli--help = Показать справку.
cli--version = Показать версию.

cli-migrate-about = Создать базу данных или обновить её схему.
cli-status-about = Показать базу данных, версию схемы и сколько в ней записей.
cli-backup-about = Сделать резервную копию базы данных SQLite, не останавливая работу.
cli-backup--file = Файл копии: новый, в существующей папке.
cli-backup-done = Резервная копия сохранена: { $path } ({ $size } МБ, за { $seconds } с). Целостность копии проверена; файл доступен только его владельцу.
cli-backup-restore-hint = Чтобы восстановить базу из копии, остановите сервер и терминалы сотрудников и поставьте копию на место файла { $path }.
cli-backup-error-postgres = Базу данных PostgreSQL копируют средствами PostgreSQL: pg_dump или резервным копированием сервера баз данных.
cli-backup-error-folder = { $path } — это папка. Укажите файл копии, например { $example }.
cli-backup-error-exists = Файл { $path } уже существует, а копия никогда не записывается поверх существующего файла. Укажите новое имя.
cli-backup-error-no-folder = Папки { $path } нет.
cli-backup-error-not-utf8 = В пути { $path } есть символы не в кодировке UTF-8; выберите другое имя.
cli-backup-error-create = Не удалось создать файл { $path }: { $detail }
cli-backup-error-damaged = Копия не прошла проверку целостности и удалена: { $detail }. Проверьте диск и повторите.
cli-retention-about = Удалить завершённые дела, срок хранения которых истёк (152-ФЗ): обращения, вопросы, отозванные ПИН-коды и выбывших жителей. Без --apply только показывает, что будет удалено.
cli-retention--years = Срок хранения в годах, считая назад от сегодняшней даты по Москве.
cli-retention--apply = Удалить (без этого ключа ничего не удаляется).
cli-retention-cutoff = Срок хранения — { $years } { $years ->
        [one] год
        [few] года
       *[other] лет
    }: удаляются дела, завершённые до { $date }.
cli-retention-cutoff-dry = Срок хранения — { $years } { $years ->
        [one] год
        [few] года
       *[other] лет
    }: удалению подлежат дела, завершённые до { $date }.
cli-retention-counts = {"  "}Обращений: { $appeals } (документов к ним: { $documents })
    {"  "}Вопросов без ПИН-кода: { $questions }
    {"  "}ПИН-кодов, отозванных до этой даты и не названных ни в одном обращении: { $accounts }
    {"  "}Выбывших из реестра жителей, у которых не осталось ни ПИН-кода, ни обращений: { $residents }
    {"  "}Событий в их истории: { $events }, писем: { $messages }
cli-retention-nothing = Удалять нечего.
cli-retention-dry = Это проверка: ничего не удалено. Чтобы удалить, повторите команду с ключом --apply.
cli-retention-done = Удалено. Запись об этом сделана в журнале аудита.
cli-retention-error-years = Срок хранения — от 1 до { $max } лет.
cli-retention-done-copies = Удалено.
cli-retention-copies = {"  "}Копий писем (.eml) в папке { $dir }, записанных до этой даты: { $n }
cli-retention-interrupted = Удаление остановилось на ошибке. До неё удалено (и записано в журнал аудита):
cli-retention-interrupted-hint = Устраните причину и повторите команду: она продолжит с того места, где остановилась.
cli-retention-error-copies = не удалось удалить копию письма { $path }: { $detail }

cli-district-about = Районы и их управы.
cli-district-set-about = Добавить район или изменить его сведения. Новому району нужны --name, --council, --address и --hours; у существующего меняется только то, что указано.
cli-district-set--code = Код района, четыре цифры (например, 0412).
cli-district-set--name = Название района.
cli-district-set--council = Полное название управы района.
cli-district-set--address = Адрес управы, где выдают документы.
cli-district-set--hours = Часы приёма.
cli-district-set--phone = Телефон управы (пустая строка "" убирает его).
cli-district-list-about = Показать районы.

cli-registry-about = Реестр жителей ГУ ИС.
cli-registry-import-about = Загрузить файл реестра в формате CSV: либо весь файл, либо ничего.
cli-registry-import--file = Файл CSV.
cli-registry-import--map = Соответствие столбцов: поле=Заголовок,поле=Заголовок.
cli-registry-import--map_file = Соответствие столбцов в файле TOML: по строке на поле, например surname = "Фамилия".
cli-registry-import--encoding = Кодировка: utf-8 или windows-1251 (по умолчанию определяется автоматически).
cli-registry-import--delimiter = Разделитель: «;», «,», «|» или табуляция — $'\t', '\t' или tab (по умолчанию определяется автоматически).
cli-registry-import--max_errors = Сколько ошибок показать — первые по порядку строк файла (считаются все); 0 — показать все.
cli-registry-import--dry_run = Проверить файл и показать, что изменит загрузка (сколько жителей выбудет и первых из них поимённо, сколько ПИН-кодов будет отозвано), ничего не записывая. Код завершения тот же, что у загрузки: 3 — файл не был бы загружен.
cli-registry-import--allow_departures = Загрузить, даже если по файлу выбывает больше десятой части жителей района (и больше 20 человек): они теряют ПИН-коды.
cli-registry-import--allow_unread_columns = Загрузить, даже если необязательному полю (отчество, корпус, строение, квартира) не сопоставлен столбец, а похожий столбец файла не используется: поле останется пустым.

cli-resident-about = Жители из реестра.
cli-resident-find-about = Найти жителей.
cli-resident-find--district = Код района.
cli-resident-find--surname = Фамилия или её начало.
cli-resident-find--name = Имя или его начало.
cli-resident-find--birth_date = Дата рождения (ДД.ММ.ГГГГ).
cli-resident-find--street = Улица.
cli-resident-find--house = Дом.
cli-resident-find--include_left = Показывать и выбывших из реестра.
cli-resident-find--limit = Показать не больше указанного числа записей.
cli-resident-data-about = Все сведения о жителе, которые хранит система: для ответа на его запрос (ст. 14 152-ФЗ).
cli-resident-data--registry_id = ИД жителя в реестре (как его показывает resident find).

cli-clerk-about = Учётные записи сотрудников.
cli-clerk-add-about = Добавить сотрудника.
cli-clerk-add--login = Логин.
cli-clerk-add--name = Фамилия, имя и отчество.
cli-clerk-add--role = Роль: clerk (специалист), supervisor (руководитель) или administrator (администратор).
cli-clerk-add--district = Код района.
cli-clerk-add--password_stdin = Прочитать пароль из стандартного ввода, а не создать случайный.
cli-clerk-list-about = Показать сотрудников.
cli-clerk-disable-about = Заблокировать учётную запись.
cli-clerk-disable--login = Логин.
cli-clerk-enable-about = Разблокировать учётную запись.
cli-clerk-enable--login = Логин.
cli-clerk-reset-password-about = Задать новый пароль.
cli-clerk-reset-password--login = Логин.
cli-clerk-reset-password--password_stdin = Прочитать пароль из стандартного ввода, а не создать случайный.
cli-clerk-set-role-about = Сменить роль.
cli-clerk-set-role--login = Логин.
cli-clerk-set-role--role = Роль: clerk (специалист), supervisor (руководитель) или administrator (администратор).
cli-clerk-set-role--role_flag = То же, что роль после логина: clerk, supervisor или administrator.
cli-clerk-set-role--district = Код района: закрепить сотрудника за этим районом той же командой (нужно, если у него ещё нет района).
cli-clerk-set-district-about = Перевести в другой район.
cli-clerk-set-district--login = Логин.
cli-clerk-set-district--district = Код района.
cli-clerk-set-district--district_flag = То же, что код района после логина.
cli-clerk-set-district--none = Без района (только для администраторов).

cli-catalogue-about = Перечень услуг и оснований для отказа.
cli-catalogue-load-about = Загрузить перечень услуг из файла TOML.
cli-catalogue-load--file = Файл TOML.
cli-catalogue-load--dry_run = Проверить файл и показать, что изменит загрузка (какие услуги будут сняты и сколько по ним незавершённых обращений), ничего не записывая.
cli-catalogue-load--allow_withdrawal = Загрузить, даже если в файле нет услуг, по которым ещё есть незавершённые обращения (услуги будут сняты с предоставления).
cli-catalogue-export-about = Выгрузить перечень услуг в формате TOML.
cli-catalogue-export--out = Файл (по умолчанию — стандартный вывод).
cli-catalogue-export--overwrite = Записать поверх существующего файла с тем же именем (без этого ключа существующий файл не заменяется).
cli-catalogue-list-about = Показать услуги.

cli-pin-about = ПИН-коды жителей.
cli-pin-issue-about = Выдать ПИН-код и напечатать листок с ним.
cli-pin-issue--registry_id = Идентификатор жителя в реестре ГУ ИС.
cli-pin-issue--email = Адрес электронной почты (на него придёт ссылка для подтверждения).
cli-pin-issue--resident_lang = Язык жителя: ru или en.
cli-pin-issue--width = Ширина листка: 32, 42 или 48 символов.
cli-pin-issue--replace = Отозвать действующий ПИН-код и выдать новый.
cli-pin-issue--print = Отправить листок на печать настроенной командой.
cli-pin-revoke-about = Отозвать ПИН-код.
cli-pin-revoke--number = Номер личного кабинета.
cli-pin-revoke--reason = Причина.

cli-audit-about = Журнал аудита.
cli-audit-show-about = Показать записи журнала.
cli-audit-show--since = С этой даты включительно (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).
cli-audit-show--until = До этой даты, не включая её: записи за 05.12.2026 — --since 05.12.2026 --until 06.12.2026.
cli-audit-show--actor = Только записи этого сотрудника (логин, в том числе с --as) или пользователя системы (os:ИМЯ).
cli-audit-show--action = Только это действие, по коду: pin_issued, registry_imported, personal_data_viewed… (неизвестный код — ошибка со списком всех).
cli-audit-show--subject = Только записи об этом объекте, как в столбце «Объект»: account:12, outbox.
cli-audit-show--limit = Сколько последних записей показать; они выводятся от старых к новым.
cli-audit-show--format = Формат: table (таблица) или csv.
cli-audit-export-about = Выгрузить все записи журнала, отобранные параметрами, в файл CSV.
cli-audit-export--since = С этой даты включительно (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).
cli-audit-export--until = До этой даты, не включая её: записи за 05.12.2026 — --since 05.12.2026 --until 06.12.2026.
cli-audit-export--actor = Только записи этого сотрудника (логин, в том числе с --as) или пользователя системы (os:ИМЯ).
cli-audit-export--action = Только это действие, по коду: pin_issued, registry_imported, personal_data_viewed… (неизвестный код — ошибка со списком всех).
cli-audit-export--subject = Только записи об этом объекте, как в столбце «Объект»: account:12, outbox.
cli-audit-export--format = Формат файла: csv (для программ: через запятую, UTF-8) или excel (для Excel: через точку с запятой, UTF-8 с меткой BOM).
cli-audit-export--out = Файл.
cli-audit-export--overwrite = Записать поверх существующего файла с тем же именем (без этого ключа существующий файл не заменяется).

cli-report-about = Отчёты.
cli-report-appeals-about = Обращения по районам, услугам и состояниям.
cli-report-overdue-about = Открытые обращения с истёкшим сроком.
cli-report-decision-time-about = Время от подачи обращения до решения о регистрации.
cli-report-appeals--district = Код района.
cli-report-appeals--since = Поданные с этой даты включительно (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).
cli-report-appeals--until = Поданные до этой даты, не включая её.
cli-report-appeals--format = Формат: table (таблица), csv (для программ: через запятую, UTF-8, с десятичной точкой, без итогов) или excel (для Excel: через точку с запятой, UTF-8 с меткой BOM, с десятичной запятой и итогами).
cli-report-appeals--out = Файл (по умолчанию — стандартный вывод).
cli-report-appeals--overwrite = Записать поверх существующего файла с тем же именем (без этого ключа существующий файл не заменяется).
cli-report-overdue--district = Код района.
cli-report-overdue--format = Формат: table (таблица), csv (для программ: через запятую, UTF-8, с десятичной точкой, без итогов) или excel (для Excel: через точку с запятой, UTF-8 с меткой BOM, с десятичной запятой и итогами).
cli-report-overdue--out = Файл (по умолчанию — стандартный вывод).
cli-report-overdue--overwrite = Записать поверх существующего файла с тем же именем (без этого ключа существующий файл не заменяется).
cli-report-decision-time--district = Код района.
cli-report-decision-time--since = Поданные с этой даты включительно (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).
cli-report-decision-time--until = Поданные до этой даты, не включая её.
cli-report-decision-time--format = Формат: table (таблица), csv (для программ: через запятую, UTF-8, с десятичной точкой, без итогов) или excel (для Excel: через точку с запятой, UTF-8 с меткой BOM, с десятичной запятой и итогами).
cli-report-decision-time--out = Файл (по умолчанию — стандартный вывод).
cli-report-decision-time--overwrite = Записать поверх существующего файла с тем же именем (без этого ключа существующий файл не заменяется).

cli-error = ошибка
cli-error-unknown-argument = неизвестный параметр «{ $arg }».
cli-error-unknown-command = неизвестная команда «{ $command }».
cli-error-invalid-value = недопустимое значение «{ $value }» для { $arg }.
cli-error-invalid-value-because = недопустимое значение «{ $value }» для { $arg }: { $reason }.
cli-error-expected-number = нужно целое число
cli-error-expected-smaller-number = слишком большое число
cli-error-expected-range = нужно число от { $min } до { $max }
cli-error-expected-min = нужно число не меньше { $min }
cli-error-expected-char = нужен один знак
cli-error-expected-address = нужны адрес и порт, например 127.0.0.1:8080
cli-error-or = или
cli-error-valid-values = Допустимые значения: { $values }.
cli-error-missing-argument = { $n ->
        [one] не указано обязательное значение
       *[other] не указаны обязательные значения
    }: { $arg }.
cli-error-missing-command = не указана команда.
cli-error-conflict = { $arg } нельзя указывать вместе с { $other }.
cli-error-too-many = { $arg } указан слишком много раз.
cli-error-did-you-mean = Возможно, имелось в виду: { $suggestion }
cli-error-see-help = Подробнее — с параметром --help.
cli-error-lang-flag = Язык должен быть ru или en.
cli-error-lang = Язык «{ $value }» не поддерживается: укажите ru или en.
cli-error-as-unknown = Сотрудника с логином «{ $login }» нет или его учётная запись заблокирована (параметр --as).
cli-error-database-missing = Базы данных { $path } нет. Создайте её командой «clerk-tui migrate».
cli-error-schema-outdated = Схема базы данных устарела (не применено миграций: { $n }). Обновите её командой «clerk-tui migrate».
cli-error-schema-newer = В базе данных есть миграции, неизвестные этой версии программы ({ $versions }). Обновите e-Reception.
cli-error-connect = Не удалось подключиться к базе данных: { $detail }
cli-connect-refused = сервер базы данных не принимает соединения: проверьте, что PostgreSQL запущен и что сервер и порт в database_url верны
cli-connect-no-database = базы данных «{ $name }» на сервере нет: создайте её (CREATE DATABASE) или исправьте имя в database_url, затем выполните clerk-tui migrate
cli-connect-no-role = пользователя «{ $name }» на сервере базы данных нет: исправьте его в database_url
cli-connect-auth = сервер базы данных не принял пользователя или пароль из database_url
cli-connect-host = сервер из database_url не найден: проверьте его имя
cli-error-store = Не удалось выполнить операцию с базой данных: { $detail }
cli-error-district-code = «{ $code }» — не код района: нужны четыре цифры, например 0412.
cli-error-role-needs-district = Сотрудник «{ $login }» не закреплён ни за одним районом, а роли «{ $role }» нужен район. Укажите район в этой же команде: clerk-tui clerk set-role { $login } { $role_code } --district КОД — или сначала закрепите сотрудника за районом: clerk-tui clerk set-district { $login } КОД. Коды районов: clerk-tui district list.
cli-error-district-needed-by-role = Сотрудник «{ $login }» — { $role }, а специалисты и руководители всегда закреплены за районом. Без района может быть только администратор: сначала смените роль (clerk-tui clerk set-role { $login } administrator).
cli-error-add-needs-district = Специалисту и руководителю нужен район: укажите его ключом --district КОД (коды районов: clerk-tui district list). Без района можно добавить только администратора (--role administrator).
cli-error-district-missing = Района { $code } ещё нет, а для нового района { $n ->
        [one] не указано обязательное значение
       *[other] не указаны обязательные значения
    }: { $names }.
cli-error-district-empty = { $n ->
        [one] Пустое значение
       *[other] Пустые значения
    }: { $names }. Укажите текст или не передавайте этот параметр — тогда прежнее значение останется.
cli-error-phone = «{ $value }» не похоже на номер телефона: он печатается на листках с ПИН-кодом, укажите его цифрами, например --phone "+7 495 690-00-00" (пустая строка "" убирает телефон).
cli-error-delimiter = Разделитель «{ $value }» не поддерживается: используйте «;», «,», «|» или табуляцию ($'\t', '\t' или tab).
cli-error-read-file = не удалось прочитать файл { $path }
cli-error-no-folder = папки { $folder } нет: создайте её или укажите другую
cli-error-audit-action = действия «{ $value }» в журнале нет; действия: { $actions }
cli-error-audit-action-near = действия «{ $value }» в журнале нет — может быть, «{ $near }»? Действия: { $actions }
cli-error-date-range = дата --since должна быть раньше даты --until: --until — первый день, который уже не входит (за 05.12.2026 — --since 05.12.2026 --until 06.12.2026)
cli-audit-none = Записей нет.
cli-district-none = Районов пока нет. Добавьте район: clerk-tui district set КОД --name … --council … --address … --hours …
cli-resident-none = Никого не нашлось. Выбывших из реестра показывает ключ --include-left.
cli-clerk-none = Сотрудников пока нет. Добавьте сотрудника: clerk-tui clerk add ЛОГИН --name "…" --district КОД
cli-outbox-none = Писем нет.
cli-error-write-file = не удалось записать файл { $path }
cli-error-out-exists = Файл { $path } уже есть. Выгрузка не записывается поверх существующего файла, чтобы не потерять прежнюю: укажите новое имя или, если файл действительно нужно заменить, добавьте --overwrite.
cli-error-out-is-folder = { $path } — папка, а не файл: укажите в --out имя файла.
cli-error-stdout = не удалось вывести результат
cli-error-stdin = не удалось прочитать стандартный ввод
cli-error-date = «{ $value }» — не дата: введите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.
cli-error-find-criteria = Укажите хотя бы фамилию, имя, дату рождения или улицу.
cli-error-role = Роли «{ $value }» нет: используйте clerk, supervisor или administrator.
cli-error-no-print-command = Команда печати не настроена: задайте print_command в файле настроек или переменную ERECEPTION_PRINT_COMMAND.
cli-error-print = Не удалось напечатать листок командой «{ $command }»: { $detail }. ПИН-код выдан: если листок не напечатался, выдайте ПИН-код повторно с параметром --replace.
cli-error-print-unread = команда не приняла листок
cli-exit-code = код { $code }
cli-exit-signal = сигнал { $signal }
cli-error-print-status = Команда печати «{ $command }» завершилась с ошибкой ({ $status }). ПИН-код выдан: если листок не напечатался, выдайте ПИН-код повторно с параметром --replace.
cli-error-reason = Укажите причину (--reason).
cli-error-no-district = Района с кодом { $code } нет. Список районов: clerk-tui district list.

cli-database = База данных: { $url }
cli-written = Записано в файл { $path }.
cli-migrate-created = Создана новая база данных: { $path }.
cli-migrate-applied = { $n ->
    [one] Применена { $n } миграция
    [few] Применены { $n } миграции
   *[many] Применено { $n } миграций
}, схема обновлена до версии { $version }.
cli-migrate-done = Схема базы данных актуальна.
cli-migrate-catalogue-seeded = Загружен стандартный перечень услуг.
cli-status-schema = Версия схемы: { $version }
cli-status-what = Что
cli-status-count = Сколько
cli-status-districts = Районы
cli-status-residents = Жители в реестре
cli-status-residents-left = {"  "}из них выбыли
cli-status-accounts = Личные кабинеты
cli-status-clerks = Сотрудники
cli-status-services = Услуги
cli-status-appeals = Обращения
cli-status-questions = Вопросы
cli-status-events = События
cli-status-audit = Записи аудита
cli-status-calendars = Производственный календарь: { $first }–{ $last } годы.
cli-status-last-backup = Последняя резервная копия: { $file }, { $at } (мск).
cli-status-no-backup = Резервных копий командой backup ещё не делали: clerk-tui backup ФАЙЛ.
cli-status-last-import = Последняя загрузка реестра: { $file }, { $at } (мск).
cli-district-added = Район { $code } «{ $name }» добавлен.
cli-district-updated = Сведения о районе { $code } «{ $name }» обновлены.
cli-import-done = Реестр загружен за { $seconds } с: строк — { $rows }, новых жителей — { $inserted }, изменённых записей — { $updated }, без изменений — { $unchanged }, выбыли — { $left }, отозвано ПИН-кодов — { $revoked }, отмечено обращений — { $flagged }. Районы: { $districts }.
cli-import-dry-run = Проверка без записи, файл можно загрузить: строк — { $rows }, новых жителей — { $inserted }, изменённых записей — { $updated }, без изменений — { $unchanged }, выбудут — { $left }, будет отозвано ПИН-кодов — { $revoked }, будет отмечено обращений — { $flagged }. Районы: { $districts }.
cli-import-dry-run-limited = Проверка без записи: строк — { $rows }, новых жителей — { $inserted }, изменённых записей — { $updated }, без изменений — { $unchanged }, выбудут — { $left }, будет отозвано ПИН-кодов — { $revoked }, будет отмечено обращений — { $flagged }. Районы: { $districts }.
cli-import-unflagged = С обращений жителей, которые снова есть в реестре, снята отметка о выбытии: { $n }. Отозванные ПИН-коды не восстанавливаются — новый выдаётся в управе.
cli-import-too-many-left = Район { $district }: по этому файлу выбыли бы { $leaving } из { $residents } жителей ({ $percent } %). Похоже, файл неполный.
cli-import-too-many-left-hint = Выбывшие теряют ПИН-коды, а их обращения получают отметку о выбытии. Если файл верен, повторите загрузку с ключом --allow-departures; чтобы сначала посмотреть итог и кто выбывает, запустите её с --dry-run.
cli-import-dry-run-departures-hint = Без ключа --allow-departures такой файл загружен не будет: выбывающих слишком много, возможно, файл неполный.
cli-import-left-all = Выбыли жители ({ $left }):
cli-import-left-some = Выбыли жители ({ $left }), первые { $shown } по алфавиту:
cli-import-leavers-all = Выбывают жители ({ $left }):
cli-import-leavers-some = Выбывают жители ({ $left }), первые { $shown } по алфавиту:
cli-import-ignored-columns = Не использованы столбцы: { $columns }.
cli-import-invalid = В файле { $total ->
        [one] найдена { $total } ошибка
        [few] найдены { $total } ошибки
       *[many] найдено { $total } ошибок
    } (прочитано строк: { $rows }).
cli-import-more = …и ещё { $n }.
cli-import-unchanged = База данных не изменилась.
cli-import-empty = В файле нет ни одной строки с жителями.
cli-resident-left = выбыл(а)
cli-clerk-added = Добавлен сотрудник «{ $login }» ({ $role }).
cli-clerk-namesake = Внимание: такое же ФИО уже у сотрудника { $logins } — в отчётах и на листках, где сотрудников называют по ФИО, их нельзя будет различить.
cli-clerk-password = Пароль: { $password } — передайте его сотруднику; он показан только один раз.
cli-clerk-active = активен
cli-clerk-disabled = заблокирован
cli-clerk-disabled-done = Учётная запись «{ $login }» заблокирована.
cli-clerk-enabled-done = Учётная запись «{ $login }» разблокирована.
cli-clerk-already-disabled = Учётная запись «{ $login }» уже заблокирована: ничего не изменилось.
cli-clerk-already-enabled = Учётная запись «{ $login }» не заблокирована: ничего не изменилось.
cli-clerk-role-unchanged = У сотрудника «{ $login }» уже роль «{ $role }»: ничего не изменилось.
cli-clerk-district-unchanged = Сотрудник «{ $login }» уже закреплён за районом { $district }: ничего не изменилось.
cli-clerk-district-unchanged-none = У сотрудника «{ $login }» и так нет района: ничего не изменилось.
cli-clerk-password-reset = Пароль сотрудника «{ $login }» изменён, блокировка входа снята.
cli-clerk-role-set = Сотрудник «{ $login }»: роль — { $role }.
cli-clerk-district-set = Сотрудник «{ $login }»: район — { $district }.
cli-clerk-district-none = Сотрудник «{ $login }»: район не назначен.
cli-clerk-no-supervisor-left = Внимание: в районе { $district } не осталось ни одного действующего руководителя — продлевать сроки и передавать обращения некому. Назначьте руководителя: clerk-tui clerk set-role ЛОГИН supervisor.
cli-catalogue-invalid = Перечень услуг { $path } не загружен — { $n ->
        [one] найдена { $n } ошибка
        [few] найдены { $n } ошибки
       *[many] найдено { $n } ошибок
    }:
cli-catalogue-loaded = Перечень услуг загружен: добавлено — { $added }, изменено — { $updated }, без изменений — { $unchanged }, снято с предоставления — { $deactivated }.
cli-catalogue-dry-run = Проверка без записи, файл можно загрузить: будет добавлено — { $added }, изменено — { $updated }, без изменений — { $unchanged }, снято с предоставления — { $deactivated }.
cli-catalogue-withdrawn-open = «{ $code }» ({ $title }): { $n ->
        [one] { $n } незавершённое обращение
        [few] { $n } незавершённых обращения
       *[many] { $n } незавершённых обращений
    }
cli-catalogue-withdrawal-refused = Перечень не загружен: в файле нет { $n ->
        [one] услуги, по которой
       *[other] услуг, по которым
    } ещё есть незавершённые обращения:
cli-catalogue-withdrawal-hint = По снятой услуге жители больше не смогут подать обращение, а начатые по ней обращения сотрудники доведут до конца. Если так и задумано, повторите загрузку с ключом --allow-withdrawal; чтобы сначала посмотреть итог, добавьте --dry-run.
cli-catalogue-no-visit = без посещения
cli-catalogue-visit = с получением в управе
cli-pin-no-such-resident = Жителя с идентификатором «{ $id }» в реестре ГУ ИС нет. Идентификатор жителя можно найти по фамилии: clerk-tui resident find --surname …
cli-pin-already-active = У жителя уже есть действующий ПИН-код (личный кабинет { $number }). Чтобы выдать новый, добавьте --replace.
cli-pin-printed = Листок с ПИН-кодом отправлен на печать (личный кабинет { $number }).
cli-pin-confirmation-pending = На указанный адрес отправлено письмо со ссылкой для подтверждения (листок говорит об этом жителю); до подтверждения сведения об обращениях на него не отправляются.
cli-pin-revoked = ПИН-код личного кабинета { $number } отозван.

cli-col-code = Код
cli-col-name = Название
cli-col-council = Управа
cli-col-address = Адрес
cli-col-hours = Часы приёма
cli-col-phone = Телефон
cli-col-registry-id = ИД в реестре
cli-col-person = ФИО
cli-col-birth-date = Дата рождения
cli-col-status = Состояние
cli-col-login = Логин
cli-col-role = Роль
cli-col-district = Район
cli-col-service = Услуга
cli-col-term = Срок
cli-col-visit = Получение
cli-col-id = №
cli-col-time = Время (мск)
cli-col-actor = Кто
cli-col-action = Действие
cli-col-subject = Объект
cli-col-details = Подробности
cli-col-count = Количество
cli-col-number = Номер
cli-col-due = Срок
cli-col-days-overdue = Просрочено, дней
cli-col-assignee = Исполнитель
cli-col-deadline = Вид срока
cli-report-deadline-registration = регистрация
cli-report-deadline-service = исполнение
cli-report-total = Итого
cli-report-district-total = Итого по району
cli-report-overdue-total = Итого: { $n } { $n ->
    [one] обращение
    [few] обращения
   *[many] обращений
}
cli-report-all-services = Все услуги
cli-report-appeals-none = Обращений за этот период нет.
cli-report-overdue-none = Просроченных обращений нет.
cli-report-decision-time-none = Решений о регистрации за этот период нет.
cli-col-decided = Решений
cli-col-mean-hours = В среднем, ч
cli-col-median-hours = Медиана, ч
cli-col-max-hours = Максимум, ч

cli-io-not-found = файл не найден
cli-io-permission-denied = нет прав доступа
cli-io-is-a-directory = это папка, а не файл
cli-io-not-a-directory = в пути к файлу вместо папки указан файл
cli-io-storage-full = на диске не осталось места
cli-io-read-only = файловая система доступна только для чтения
cli-io-not-utf8 = файл не в кодировке UTF-8: сохраните его в UTF-8
cli-io-connection-refused = сервер отказал в соединении
cli-io-timed-out = сервер не ответил вовремя
cli-io-connection-reset = сервер разорвал соединение
cli-io-unreachable = сервер недоступен по сети

cli-outbox-about = Очередь исходящих писем.
cli-outbox-status-about = Показать, сколько писем в каждом состоянии.
cli-outbox-list-about = Показать письма.
cli-outbox-list--state = Только в этом состоянии: pending (ждёт отправки), sent (отправлено) или failed (не доставлено).
cli-outbox-list--limit = Показать не больше указанного числа писем.
cli-outbox-show-about = Показать письмо так, как оно отправляется.
cli-outbox-show--id = Номер письма.
cli-outbox-retry-about = Вернуть недоставленные письма в очередь.
cli-outbox-retry--id = Номер письма.
cli-outbox-retry--all = Все недоставленные письма.
cli-outbox-purge-about = Удалить отправленные письма старше указанного числа дней (события остаются в личном кабинете).
cli-outbox-purge--older_than = Сколько дней хранить отправленные письма: более старые удаляются (не меньше 1).
cli-outbox-work-about = Отправлять письма так же, как это делает сервер, но отдельным процессом.
cli-outbox-work--once = Отправить то, что уже пора отправить, и завершиться.

cli-outbox-state = Состояние
cli-outbox-pending = Ждут отправки
cli-outbox-in-flight = Из них отправляются сейчас
cli-outbox-sent = Отправлено
cli-outbox-failed = Не доставлено
cli-outbox-row-pending = ждёт отправки
cli-outbox-row-sent = отправлено
cli-outbox-row-failed = не доставлено
cli-outbox-recipient = Кому
cli-outbox-attempts = Попыток
cli-outbox-error = Ошибка
cli-outbox-subject = Тема
cli-outbox-file-transport = Письма не отправляются по SMTP, а записываются файлами .eml в папку { $dir }.
cli-outbox-smtp-transport = Письма отправляются через SMTP-сервер из настроек.
cli-outbox-retried = В очередь возвращено писем: { $n }.
cli-outbox-hurried = Письма, ждавшие следующей попытки, отправятся сейчас: { $n }.
cli-outbox-retry-none = Письма № { $id } в очереди нет.
cli-outbox-retry-sent = Письмо № { $id } уже отправлено.
cli-outbox-retry-busy = Письмо № { $id } сейчас отправляется или уже ждёт отправки.
cli-outbox-purged = Удалено отправленных писем: { $n }.
cli-outbox-working = Отправка писем запущена; остановить — Ctrl+C (письма при этом не теряются).
cli-outbox-sent-now = Отправлено писем: { $n }.
cli-error-outbox-state = Состояния «{ $value }» нет: используйте pending, sent или failed.
cli-error-outbox-missing = Письма № { $id } нет.

cli-demo-about = Создать базу данных с демонстрационными данными (один раз) и показать учётные данные и только что выданные ПИН-коды.
cli-demo--residents = Сколько жителей создать.
cli-demo--pins = Скольким жителям выдать ПИН-код.
cli-demo--seed = Начальное значение генератора.
cli-demo-form = Форма для жителей: { $url }
cli-demo-mail-files = Письма (отправлено { $n }) записываются файлами .eml в папку { $dir }.

## The personal data report (clerk-tui resident data): the answer to a request under 152-ФЗ art. 14
pd-title = Сведения о персональных данных: { $name } (на { $at } по московскому времени)
pd-intro = Всё, что система «Электронная приёмная» хранит об этом жителе: запись реестра ГУ ИС, личные кабинеты, обращения, вопросы, письма и действия сотрудников с этими сведениями.
pd-registry = Запись реестра ГУ ИС
pd-registry-id = ИД в реестре
pd-name = ФИО
pd-birth-date = Дата рождения
pd-address = Адрес
pd-registration = Регистрация
pd-left = Запись исключена из реестра при одной из последних загрузок.
pd-accounts = Личные кабинеты
pd-no-accounts = ПИН-код не выдавался.
pd-account = Личный кабинет № { $number }
pd-account-issued = ПИН-код выдан
pd-account-issued-value = { $at }, сотрудник: { $by }, рабочее место: { $desk }
pd-account-pin = ПИН-код
pd-account-pin-hash = хранится только в виде хеша (argon2id), прочитать его нельзя
pd-email = Адрес электронной почты
pd-email-confirmed = подтверждён { $at }
pd-email-unconfirmed = не подтверждён
pd-none = нет
pd-letters-lang = Язык писем
pd-lang-ru = русский
pd-lang-en = английский
pd-account-state = Состояние
pd-account-active = действует
pd-account-revoked = отозван { $at }: { $reason }
pd-revoked-reissued = выдан новый ПИН-код
pd-revoked-left-registry = житель выбыл из реестра
pd-appeal = Обращение № { $number }: { $service }
pd-appeal-filed = Подано
pd-appeal-status = Состояние
pd-appeal-identity = Заявитель (как указано в обращении)
pd-appeal-document = Документ
pd-appeal-document-value = { $file }, { $size } { $size ->
        [one] байт
        [few] байта
       *[many] байт
    }, выдан { $at }
pd-question = Вопрос от { $at }
pd-question-name = Имя
pd-question-text = Текст вопроса
pd-question-answer = Ответ
pd-letters = Письма
pd-letter-sent = отправлено { $at }
pd-letter-failed = не доставлено
pd-letter-pending = ждёт отправки
pd-access = Действия сотрудников и администраторов с этими сведениями
