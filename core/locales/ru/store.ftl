## Errors of storage operations, as clerks, residents and administrators read them.

error-internal = Внутренняя ошибка. Повторите попытку позже; если сбой повторится, сообщите администратору.
error-unknown-district = Района с кодом { $code } нет в базе данных.
error-extension = Срок продлить нельзя: { $detail }

clerk-error-bad-login = Логин должен состоять из 2–32 латинских строчных букв, цифр и знаков «.», «_», «-» и начинаться с буквы.
clerk-error-login-taken = Логин «{ $login }» уже занят.
clerk-error-no-such-clerk = Сотрудника с логином «{ $login }» нет.
clerk-error-weak-password = Пароль должен быть не короче { $min } символов.
clerk-error-empty-name = Укажите фамилию, имя и отчество сотрудника.
clerk-error-district-required = Специалист и руководитель должны быть закреплены за районом (роль «{ $role }»).

pin-error-no-such-resident = Жителя нет в реестре ГУ ИС.
pin-error-resident-left = Житель выбыл из реестра ГУ ИС: ПИН-код выдать нельзя.
pin-error-no-such-account = Личного кабинета с таким номером нет.
pin-error-already-revoked = ПИН-код этого личного кабинета уже отозван { $at } (мск): { $reason ->
        [reissued] выдан новый ПИН-код
        [left-registry] житель выбыл из реестра
       *[other] «{ $reason }»
    }.

file-error-no-account = Личный кабинет не найден или ПИН-код отозван. Обратитесь в службу «одного окна» управы района.
file-error-resident-left = По данным реестра ГУ ИС вы больше не зарегистрированы в районе, поэтому подать обращение нельзя. Обратитесь в службу «одного окна» управы района.
file-error-unknown-service = Эта услуга больше не предоставляется.
file-error-cannot-correct = Исправить можно только своё обращение, в регистрации которого отказано или по которому отказано в услуге.
file-error-already-corrected = По этому обращению уже подано исправленное обращение № { $number }. Второе исправление не принимается: следите за исправленным обращением в личном кабинете. Если в нём тоже ошибка, отзовите его и подайте исправленное обращение заново.

decide-error-not-found = Обращение не найдено.
decide-error-not-supervisor = Это действие доступно только руководителю.
decide-error-wrong-clerk = Сотрудник не работает в районе этого обращения.
decide-error-bad-text = Текст пустой или слишком длинный.
decide-error-bad-document = Файл пустой или больше { $max } байт.
decide-error-day-off = { $date } — нерабочий день, управа закрыта. Выберите рабочий день, например { $next }.
decide-error-changed = Обращение уже изменено другим сотрудником или заявителем. Экран обновлён.

question-error-not-found = Вопрос не найден.
question-error-not-open = На этот вопрос уже ответили, или адрес электронной почты его автора ещё не подтверждён.
question-error-too-many-letters = На этот адрес за последние сутки уже отправлено слишком много писем со ссылками для подтверждения. Попробуйте позже.

import-issue-unknown-district = строка { $line }, поле district: района с кодом { $code } нет в базе данных — сначала добавьте район
import-issue-duplicate-id = строка { $line }, поле id: идентификатор { $id } уже встречался в файле выше
import-issue-rejected = строка { $line }: база данных не приняла строку ({ $detail })

config-error-read = Не удалось прочитать файл настроек { $path }: { $detail }
config-links-at-loopback = Внимание: сервер настроен принимать запросы из сети ({ $addr }), а public_base_url в настройках не задан, поэтому ссылки в письмах и на листках с ПИН-кодом ведут на { $url } — этот адрес открывается только на самом сервере. Укажите в файле настроек адрес, по которому жители открывают форму: public_base_url = "https://…"
config-error-parse = Файл настроек { $path } содержит ошибку: { $detail }
config-error-parse-many = Файл настроек { $path } содержит { $n ->
        [one] { $n } ошибку
        [few] { $n } ошибки
       *[many] { $n } ошибок
    }:
config-error-invalid = Неверное значение параметра «{ $key }»: { $detail }
config-error-no-data-dir = Не удалось определить папку данных: задайте переменную { $var } или параметр data_dir.
config-error-database-folder = Папки { $folder } нет, а база данных указана в ней: { $url } ({ $given }). Если в пути опечатка, исправьте его; если база данных действительно должна быть там, создайте папку командой «{ $mkdir }» и повторите. Автоматически создаётся только папка данных по умолчанию.
config-url-from-flag = параметр --database-url
config-url-from-env = переменная { $var }
config-url-from-file = database_url в файле настроек { $path }
config-url-from-default = по умолчанию
config-error-calendar-dir = Не удалось прочитать папку производственных календарей { $path }: { $detail }

config-value-one-of = «{ $value }» — такого варианта нет; допустимые: { $allowed }
config-value-database-url = «{ $value }» — не адрес базы данных: укажите postgres://пользователь@сервер/база или sqlite://путь/к/файлу.sqlite3
config-value-http-url = «{ $value }» — адрес должен начинаться с http:// или https://, например https://priem.example.ru
config-value-lang = язык «{ $value }» не поддерживается: укажите ru или en
config-value-smtp-host = для отправки через SMTP нужен адрес почтового сервера: укажите mail.host или переменную { $var }
config-value-port = «{ $value }» — не номер порта: укажите число от 1 до 65535
config-value-mailbox = «{ $value }» — не адрес электронной почты: укажите адрес вида «Управа района <priem@example.ru>»
config-value-listen = «{ $value }» — не адрес для приёма подключений: укажите IP-адрес и порт, например 0.0.0.0:8080
config-value-ip = «{ $value }» — не IP-адрес: укажите адрес вида 10.0.0.5 (имена узлов не подходят)
config-value-not-positive = значение { $value } не подходит: нужно число больше нуля
config-value-too-small = значение { $value } слишком мало: нужно не меньше { $min }
config-value-lock-minutes = «{ $value }» — не число минут: укажите целое число, например 10 (0 — не блокировать)

# The outbox error column: a failure in words, then its original text.
outbox-error-io = { $reason } ({ $detail })

# A database that stopped answering in the middle of work (the pool waited for a connection in
# vain; the connection broke during a statement).
store-connect-timeout = база данных не ответила вовремя: проверьте, что сервер базы данных работает и доступен по сети
store-error-connection-lost = Связь с базой данных прервалась: проверьте, что сервер базы данных работает, и повторите действие ({ $detail })
# PostgreSQL refused a statement for want of rights (the database belongs to another user).
store-error-permission = У пользователя из database_url нет нужных прав в базе данных: база данных должна принадлежать ему (создайте её командой createdb --owner ПОЛЬЗОВАТЕЛЬ или передайте ему: ALTER DATABASE … OWNER TO …), и clerk-tui migrate выполняется от его имени ({ $detail })
# SQLite refused a statement: another process kept the write lock past the busy timeout, the
# disk is full, the file is not writable.
store-error-busy = База данных занята: другая программа (например, загрузка реестра) слишком долго ведёт запись. Повторите действие через минуту ({ $detail })
store-error-disk-full = На диске с базой данных не осталось места: освободите место и повторите действие ({ $detail })
store-error-read-only = Нет прав на запись в файл базы данных или в его папку: команду нужно выполнять от имени владельца файла ({ $detail })
