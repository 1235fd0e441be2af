## The clerk's terminal (clerk-tui without a command) and the demo launcher.

tui-needs-terminal = Рабочему месту нужен терминал: запустите clerk-tui в окне терминала или по SSH с выделением терминала (ssh -t).
tui-terminal-failed = Сбой терминала
tui-busy = Выполняется…
tui-loading = Загрузка…
tui-nobody = не назначен
tui-not-available = Это действие недоступно для обращения в его нынешнем состоянии.
tui-supervisors-only = Это доступно только руководителю.
tui-quit-close-form-first = Чтобы выйти из программы, сначала закройте форму (Esc).
tui-extended-once = Срок уже продлевался; продлить можно только один раз.
tui-already-taken = Исполнитель уже назначен: { $name }. Передать обращение другому сотруднику может руководитель.
tui-last-stage = Это последний этап: { $next }.
tui-last-stage-ready = отметьте готовность документа ({ $key })
tui-last-stage-issue = выдайте документ в электронной форме ({ $key })
tui-last-stage-or = { $first } или { $second }
tui-lang-ru = русский
tui-lang-en = английский
tui-welcome = Здравствуйте, { $name }!
tui-session-ended-disabled = Ваша учётная запись заблокирована администратором. Работа в терминале завершена.
tui-session-ended-changed = Администратор изменил вашу роль или район. Войдите снова.
tui-signed-out = Сеанс завершён. Войдите, чтобы продолжить работу.

## Sign-in

tui-sign-in-title = Рабочее место специалиста «одного окна»
tui-sign-in-box = Вход
tui-field-login = Логин
tui-field-password = Пароль
tui-sign-in-hint = Enter — войти, Tab — другое поле, Esc — выйти
tui-sign-in-empty = Введите логин.
tui-sign-in-checking = Проверяем пароль…
tui-sign-in-failed = Неверный логин или пароль.
tui-sign-in-failed-left = Неверный логин или пароль. { $n ->
        [one] Осталась { $n } попытка
        [few] Осталось { $n } попытки
       *[many] Осталось { $n } попыток
    } до блокировки.
tui-sign-in-disabled = Учётная запись отключена. Обратитесь к администратору.
tui-sign-in-no-district = У учётной записи не указан район: рабочее место открывается только для сотрудника района.

## The lock screen (idle or by the clerk's key): no personal data on it

tui-lock-title = Экран заблокирован
tui-lock-box = Рабочее место заблокировано
tui-lock-clerk = Сотрудник: { $name }
tui-lock-idle = Заблокировано в { $time } после { $n } { $n ->
        [one] минуты
       *[other] минут
    } без действий.
tui-lock-manual = Вы заблокировали экран в { $time }.
tui-lock-hint = { $unlock } — разблокировать, { $end } — завершить сеанс
tui-lock-empty = Введите пароль.
tui-lock-wrong = Неверный пароль.
tui-lock-wrong-left = Неверный пароль. { $n ->
        [one] Осталась { $n } попытка
        [few] Осталось { $n } попытки
       *[many] Осталось { $n } попыток
    } до блокировки входа.
tui-lock-confirm-end = Завершить сеанс? Несохранённый текст будет потерян.
tui-lock-confirm-end-slip = Завершить сеанс? Листок с ПИН-кодом больше не будет показан.

## The residents' web server under `clerk-tui start` stopped while the terminal runs

tui-server-stopped-code = Веб-сервер остановился (код { $code }), журнал: { $log }
tui-server-stopped-signal = Веб-сервер остановлен сигналом { $signal }, журнал: { $log }
tui-server-stopped-short = Форма для жителей не работает

## Dashboard

tui-dashboard-title = Главная: очереди и сроки
tui-dashboard-queues = Очереди
tui-dashboard-deadlines = Сроки
tui-dashboard-overdue = Просрочено
tui-dashboard-registration-overdue = Не зарегистрировано за 3 дня
tui-dashboard-due-today = Срок истекает сегодня
tui-dashboard-questions-overdue = Вопросы: просрочено
tui-dashboard-questions-due-today = Вопросы: срок истекает сегодня
tui-dashboard-email-failed = Письма не доставлены
tui-dashboard-resident-left = Житель выбыл из реестра
tui-dashboard-undelivered = Недоставленные письма: { $n }
tui-dashboard-all-delivered = Все письма доставлены.
tui-dashboard-undelivered-questions = Ответы на вопросы: { $n } — в очереди «Вопросы», с пометкой @.

## Queues

tui-queue-new = Новые
tui-queue-in-progress = В работе
tui-queue-originals = Оригиналы
tui-queue-ready = Выдача
tui-queue-consultations = Консульт.
tui-queue-questions = Вопросы
tui-queue-overdue = Просрочено
tui-queue-all = Все
tui-queue-new-title = Новые: зарегистрировать
tui-queue-in-progress-title = В работе
tui-queue-originals-title = Ждут оригиналов
tui-queue-ready-title = Готовы к выдаче
tui-queue-consultations-title = Консультации
tui-queue-questions-title = Вопросы без ПИН-кода
tui-queue-overdue-title = Просроченные
tui-queue-all-title = Все обращения
tui-queue-page = Стр. { $n }
tui-queue-searching = поиск «{ $text }»
tui-queue-mine = только мои
tui-queue-stage = этап «{ $stage }»
tui-queue-more = дальше есть ещё
tui-queue-empty = Очередь пуста.
tui-queue-empty-mine = Ваших обращений в этой очереди нет. m — показать все.
tui-queue-empty-stage = На этом этапе обращений нет. f — другой этап.
tui-queue-nothing-found = Ничего не найдено. Измените запрос (/) или очистите его.
tui-sort-filed = по дате подачи
tui-sort-due = по сроку
tui-sort-number = по номеру
tui-sort-applicant = по заявителю
tui-sort-asked = по дате вопроса
tui-sort-questions = Вопросы всегда упорядочены по дате.
tui-mine-questions = Вопросы не назначаются сотрудникам.
tui-stage-only-in-progress = Отбор по этапу есть только в очереди «В работе».
tui-search-title = Поиск
tui-field-search = Номер, фамилия или адрес (пусто — показать всё)
tui-field-search-questions = Имя, почта, адрес или слова из вопроса (пусто — показать всё)
tui-col-number = Номер
tui-col-applicant = Заявитель
tui-col-service = Услуга
tui-col-status = Состояние
tui-col-due = Срок
tui-col-originals = Оригиналы
# The originals queue's column: the last day to bring them, or that they were not brought.
tui-originals-by = до { $date }
tui-originals-not-brought = не принесены
tui-col-pickup = Выдача
# The ready queue's column: the first day the document can be collected.
tui-pickup-from = с { $date }
tui-col-marks = Отм.
tui-col-asked = Задан
tui-col-name = Имя
tui-col-question = Вопрос
tui-col-clerk = Сотрудник
tui-col-overdue = Просрочка
tui-col-full-name = Фамилия, имя, отчество
tui-col-born = Рождён(а)
tui-col-address = Адрес
tui-col-pin = ПИН
tui-pin-held = есть
tui-pin-none = нет

## An appeal

tui-appeal-status = Состояние
tui-appeal-register-by = Зарегистрировать до
tui-appeal-due = Срок
tui-appeal-extended = продлён, был { $date }
tui-appeal-assigned = Исполнитель
tui-appeal-filed = Подано
tui-appeal-lang = Язык заявителя
tui-appeal-resident-left = Житель выбыл из реестра ГУ ИС.
tui-appeal-email-failed = Письмо заявителю не доставлено.
tui-appeal-corrects = Исправленное обращение взамен отклонённого.
tui-appeal-applicant = Заявитель
tui-appeal-fields = Сведения обращения
tui-appeal-check = Проверка по реестру ГУ ИС
tui-appeal-check-none = Сведения для сверки не сохранены.
tui-check-found = есть в реестре по этому адресу
tui-check-not-found = нет в реестре по этому адресу
tui-appeal-timeline = Ход рассмотрения
tui-appeal-documents = Документы
tui-appeal-no-documents = Нет.
tui-appeal-document = { $name } · { $type } · { $size } { $size ->
        [one] байт
        [few] байта
       *[many] байт
    } · { $date }

## The timeline


## A question

tui-question-title = Вопрос № { $id } · { $name }
tui-question-open = Ждёт ответа
tui-question-answered = Дан ответ
tui-question-answer-undelivered = Дан ответ, но письмо с ответом не доставлено
tui-question-unconfirmed = Почта не подтверждена
tui-question-address = Адрес из вопроса
tui-question-text = Вопрос
tui-question-answer = Ответ

## Decisions: forms and confirmations

tui-field-grounds = Основания (пробел — отметить)
tui-field-explanation = Пояснение специалиста ({ $lang }, необязательно)
tui-refuse-register-title = Отказ в регистрации обращения № { $number }
tui-refuse-title = Отказ в предоставлении услуги по обращению № { $number }
tui-originals-title = Запрос оригиналов по обращению № { $number }
tui-field-originals = Какие оригиналы принести (пробел — отметить)
tui-field-place = Куда
tui-field-by = Принести до (ДД.ММ.ГГГГ)
tui-ready-title = Документ готов: обращение № { $number }
tui-field-hours = Часы выдачи
tui-field-from = Можно забрать с (ДД.ММ.ГГГГ)
tui-field-bring = Что взять с собой
tui-field-bring-lang = Что взять с собой ({ $lang })
tui-ready-bring-default = паспорт
tui-hand-over-title = Выдача документа по обращению № { $number }
tui-field-collected-by = Кто получил
tui-field-id-document = Предъявленный документ (вид, серия, номер)
tui-field-id-document-short = Предъявленный документ
tui-issue-document-title = Документ в электронной форме: обращение № { $number }
tui-field-path = Путь к файлу на сервере управы
tui-file-error = Не удалось прочитать файл { $path }: { $detail }
tui-file-not-a-document = Файл «{ $name }» нельзя выдать как документ: выдаются файлы PDF, PNG, JPEG, TIFF, DOC, DOCX, ODT, RTF, TXT, XML, ZIP и подписи SIG и P7S.
tui-file-content-mismatch = Содержимое файла «{ $name }» не соответствует его расширению: проверьте, тот ли это файл.
tui-file-summary = { $type }, { $size } { $size ->
        [one] байт
        [few] байта
       *[many] байт
    }
tui-answer-title = Ответ
tui-answer-title-appeal = Ответ по обращению № { $number }
tui-answer-title-question = Ответ на вопрос № { $id }
tui-field-canned = Готовые ответы (Enter — вставить)
tui-field-answer = Текст ответа
tui-message-title = Сообщение заявителю: обращение № { $number }
tui-field-message = Текст сообщения ({ $lang })
tui-extend-title = Продление срока: обращение № { $number }
tui-field-days = На сколько дней (1–30)
tui-field-reason = Причина
tui-assign-title = Исполнитель обращения № { $number }
tui-field-clerk = Исполнитель
tui-error-required = Заполните поле «{ $field }».
tui-error-field-full = Поле «{ $field }» заполнено: больше { $max } символов в него не войдёт.
tui-error-date = «{ $value }» — не дата. Введите дату как ДД.ММ.ГГГГ.
tui-error-date-impossible = Даты «{ $value }» нет в календаре: проверьте день и месяц.
tui-error-date-year = «{ $value }»: проверьте год.
tui-error-days = Укажите число дней от 1 до 30.
tui-error-answer-gap = Ответ не дописан: замените { $gap } нужными сведениями.
tui-error-answer-colon = Ответ не дописан: он заканчивается двоеточием. Допишите текст после двоеточия.
tui-error-search-empty = Заполните хотя бы одно поле.
tui-error-flat-needs-house = Квартиру ищут вместе с улицей и домом.
tui-confirm-heading = Подтвердите
tui-confirm-register = Зарегистрировать обращение № { $number }?
tui-confirm-refuse-register = Отказать в регистрации обращения № { $number }? Основания:
tui-confirm-refuse = Отказать в предоставлении услуги по обращению № { $number }? Основания:
tui-confirm-next-stage = Перевести обращение № { $number } на этап «{ $stage }»?
tui-confirm-originals = Запросить оригиналы по обращению № { $number }?
tui-warn-visit-after-due = Срок исполнения обращения ({ $date }) истечёт раньше этой даты.
tui-warn-visit-past-due = Срок исполнения обращения ({ $date }) уже истёк.
tui-warn-early-pickup = Внимание: выдача назначена с { $date }, сегодня раньше этого дня. Убедитесь, что документ готов.
tui-warn-registry-mismatch = Внимание: { $n ->
        [one] { $n } человек из указанных в обращении не совпал
        [few] { $n } человека из указанных в обращении не совпали
       *[many] { $n } человек из указанных в обращении не совпали
    } с реестром ГУ ИС (см. карточку).
tui-confirm-originals-received = Оригиналы по обращению № { $number } принесены?
tui-confirm-suspend = Приостановить обращение № { $number }: оригиналы не принесены в срок?
tui-confirm-close = Закрыть приостановленное обращение № { $number }?
tui-confirm-ready = Сообщить, что документ по обращению № { $number } готов?
tui-confirm-hand-over = Отметить выдачу документа по обращению № { $number }?
tui-confirm-issue-document = Выдать этот файл по обращению № { $number }? Обращение будет исполнено.
tui-confirm-answer = Отправить ответ по обращению № { $number }?
tui-confirm-answer-question = Отправить ответ на вопрос?
tui-confirm-message = Отправить сообщение по обращению № { $number }?
tui-confirm-extend = Продлить срок обращения № { $number } до { $date }? Заявитель получит уведомление.
tui-summary-extend-from = Прежний срок: { $date }.
tui-summary-extend-moved = { $date } — нерабочий день, поэтому срок переносится на ближайший рабочий день.
tui-summary-extend-reason = Причина: { $reason }
tui-error-no-calendar = Производственного календаря на { $year } год нет: выберите дату не позднее { $last } или обратитесь к администратору.
tui-error-no-calendar-extend = Производственного календаря на { $year } год нет, поэтому новый срок не рассчитать. Выберите меньше дней (срок не позднее { $last }) или обратитесь к администратору.
tui-confirm-assign = Назначить исполнителем обращения № { $number }: { $name }?
tui-confirm-take = Взять обращение № { $number } в работу?
tui-summary-place-by = { $place }; принести до { $date }
tui-summary-place-from = { $place }; забрать можно с { $date }
tui-summary-explanation = Пояснение специалиста: { $text }
tui-summary-remedy = {"  "}Как исправить: { $text }
tui-done-registered = Обращение зарегистрировано.
tui-done-refused-register = Отказано в регистрации.
tui-done-refused = Отказано в предоставлении услуги.
tui-done-next-stage = Обращение переведено на следующий этап.
tui-done-originals-requested = Оригиналы запрошены.
tui-done-originals-received = Оригиналы отмечены, работа продолжается.
tui-done-suspended = Обращение приостановлено.
tui-done-closed = Обращение закрыто.
tui-done-ready = Документ отмечен как готовый к выдаче.
tui-done-handed-over = Выдача документа отмечена.
tui-done-issued = Документ выдан в электронной форме, обращение исполнено.
tui-done-answered = Ответ отправлен.
tui-done-question-answered = Ответ на вопрос отправлен.
tui-done-message = Сообщение отправлено.
tui-done-extended = Срок продлён до { $date }.
tui-done-assigned = Исполнитель назначен.
tui-notice-mailed = Заявителю отправляется письмо.
tui-notice-personal-area = Подтверждённой почты у заявителя нет: он увидит это в личном кабинете.

## Canned answers

tui-canned-error = Готовые ответы из { $path } не загружены: { $detail }
tui-canned-1-title = Ответ по существу
tui-canned-1-text = Благодарим за обращение. Сообщаем следующее:
tui-canned-2-title = Вопрос вне компетенции управы
tui-canned-2-text = Вопрос, который вы задали, не относится к ведению управы района. Рекомендуем обратиться в [укажите организацию и её контакты].
tui-canned-3-title = Часы приёма и адрес
tui-canned-3-text = Вы можете обратиться в «одно окно» управы района лично по адресу: { $address }. Часы приёма: { $hours }. При себе имейте паспорт.
tui-canned-4-title = Нужны уточнения
tui-canned-4-text = Чтобы ответить по существу, нам нужны уточнения. Пожалуйста, задайте вопрос ещё раз и укажите:

## The PIN desk

tui-pin-desk-title = Выдача ПИН-кодов: поиск жителя в реестре ГУ ИС
tui-pin-desk-hint = Нажмите «/», чтобы найти жителя по фамилии, дате рождения или адресу.
tui-resident-search-title = Поиск в реестре ГУ ИС
tui-field-surname = Фамилия (или её начало)
tui-field-name = Имя (или его начало)
tui-field-birth-date = Дата рождения
tui-field-birth-date-typed = Дата рождения (ДД.ММ.ГГГГ)
tui-field-street = Улица
tui-field-house = Дом, корпус, строение (17к2, 9 стр. 1)
tui-field-flat = Квартира
tui-residents-found = Найдено: { $n } ({ $query })
tui-residents-found-more = Найдено больше { $n } ({ $query }): показаны первые { $n }, уточните поиск
tui-residents-none = В реестре района никого не нашли. Проверьте написание или ищите по адресу.
tui-resident-title = Житель: { $name }
tui-resident-registration = Регистрация
tui-registration-permanent = постоянная
tui-registration-temporary = временная
tui-registration-contract = по договору с собственником
tui-resident-registry-id = Номер в реестре
tui-resident-account = Личный кабинет
tui-resident-account-number = Номер кабинета
tui-resident-issued = ПИН-код выдан
tui-resident-issued-by = { $date }, { $clerk }, { $desk }
tui-no-active-pin = Действующего ПИН-кода нет.
tui-email-confirmed = { $email } (подтверждена)
tui-email-unconfirmed = { $email } (ждёт подтверждения)
tui-email-none = не указана
tui-field-email-pending = Новая почта
tui-email-pending = { $email } (ждёт подтверждения; письма пока идут на прежнюю)
tui-field-email = Электронная почта
tui-field-lang = Язык писем и кабинета
tui-issue-pin-title = Выдача ПИН-кода
tui-reissue-pin-title = Выдача нового ПИН-кода взамен прежнего
tui-confirm-issue-pin = Выдать ПИН-код? Житель: { $name }
tui-confirm-reissue = У жителя уже есть действующий ПИН-код (личный кабинет № { $number }). Выдать новый?
tui-summary-email = Почта { $email }: на неё придёт ссылка для подтверждения.
tui-summary-no-email = Без почты: уведомления будут только в личном кабинете.
tui-summary-lang = Язык: { $lang }
tui-summary-old-pin-stops = Номер кабинета и ПИН-код будут новыми, прежние сразу перестанут действовать.
tui-summary-old-pin-mailed = О новом ПИН-коде житель получит письмо на { $email }.
tui-pin-issued = ПИН-код выдан, личный кабинет № { $number }.
tui-revoke-title = Отзыв ПИН-кода
tui-revoke-reason-default = утерян листок с ПИН-кодом
tui-confirm-revoke = Отозвать ПИН-код личного кабинета № { $number }? Войти с ним будет нельзя.
tui-done-revoked = ПИН-код личного кабинета № { $number } отозван.
tui-done-revoked-mailed = Житель получит письмо об этом на { $email }.
tui-slip-title = Листок с ПИН-кодом: { $name }
tui-slip-account = Личный кабинет № { $number }.
tui-slip-email = Ссылка для подтверждения почты отправлена на { $email }.
tui-slip-no-email = Почта не указана.
tui-slip-print-hint = Листок отправляется на печать; p — напечатать ещё раз.
tui-slip-once = ПИН-код показан один раз. Когда листок закроют, посмотреть его снова будет нельзя — только выдать новый.
tui-printed = Листок отправлен на печать.
tui-confirm-discard = Закрыть форму? Введённый текст будет потерян.
tui-confirm-typing = Вы ещё печатали, поэтому нажатие не принято за «Да». Если всё верно, нажмите y ещё раз; n — вернуться к форме.
tui-confirm-leave-slip = ПИН-код больше не будет показан. Вы напечатали или переписали его?
tui-confirm-quit-server = Выйти из программы? Форма для жителей тоже перестанет работать.
tui-confirm-quit-server-detail = Веб-сервер запущен вместе с этой программой и остановится при выходе из неё: пока его не запустят снова, жители не смогут войти в личный кабинет и подать обращение.
tui-print-not-configured = Печать не настроена (print_command): перепишите ПИН-код с экрана на листок.
tui-print-failed = Не удалось напечатать через «{ $command }»: { $detail }

## The supervisor's view

tui-supervisor-title = Просроченные обращения по сотрудникам: { $n }
tui-supervisor-none = Просроченных обращений нет.
tui-supervisor-title-questions = { $title } · вопросов без ПИН-кода: { $n }
tui-supervisor-question = вопрос без ПИН-кода
tui-supervisor-question-number = № { $id }
tui-supervisor-questions-not-assigned = Вопросы без ПИН-кода не передаются сотрудникам: ответить может любой специалист управы.

## Help

tui-help-title = Справка: клавиши
tui-help-editing = В полях ввода: буквы печатаются, ←/→, Home/End и Backspace/Del правят текст; в многострочном поле Enter начинает новую строку, ↑/↓ переходят по строкам; в списках ↑/↓ выбирают, пробел отмечает.
tui-help-marks = Отметки в очередях: «!» — срок прошёл, «*» — срок истекает сегодня, «?» — сведения не совпали с реестром, «@» — письмо не доставлено, «×» — житель выбыл из реестра.
tui-help-layout = Буквенные клавиши работают и в русской раскладке (например, «к» — это r). Клавиши можно переназначить в файле keymap.toml рядом с файлом настроек.
tui-scope-global = На всех экранах
tui-scope-nav = Списки и прокрутка
tui-scope-sign-in = Вход
tui-scope-dashboard = Главная
tui-scope-queue = Очереди
tui-scope-appeal = Обращение
tui-scope-question = Вопрос
tui-scope-pin-desk = Выдача ПИН-кодов
tui-scope-resident = Житель
tui-scope-slip = Листок с ПИН-кодом
tui-scope-supervisor = Просрочки по сотрудникам
tui-scope-form = Формы
tui-scope-confirm = Подтверждение
tui-scope-help = Справка
tui-scope-lock = Заблокированный экран
tui-key-name-space = Пробел

## The key map: descriptions (help) and .short labels (footer)

tui-key-help = Справка: все клавиши
    .short = Справка
tui-key-quit = Выйти из программы
    .short = Выход
tui-key-sign-out = Завершить сеанс: вернуться к экрану входа, не закрывая программу (войти может другой сотрудник)
    .short = Конец сеанса
tui-key-home = На главную: очереди и сроки
    .short = Главная
tui-key-pin-desk = Выдача ПИН-кодов: найти жителя в реестре
    .short = ПИН-коды
tui-key-supervisor = Просроченные обращения по сотрудникам (только для руководителя)
    .short = Просрочки
tui-key-refresh = Обновить данные на экране
    .short = Обновить
tui-key-back = Вернуться на предыдущий экран
    .short = Назад
tui-key-up = Вверх
    .short = Вверх
tui-key-down = Вниз
    .short = Вниз
tui-key-page-up = На страницу вверх
    .short = Стр. вверх
tui-key-page-down = На страницу вниз
    .short = Стр. вниз
tui-key-first = В начало списка
    .short = В начало
tui-key-last = В конец страницы
    .short = В конец
tui-key-open = Открыть выбранное
    .short = Открыть
tui-key-sign-in = Войти
    .short = Войти
tui-key-next-field = Следующее поле
    .short = След. поле
tui-key-prev-field = Предыдущее поле
    .short = Пред. поле
tui-key-queue-1 = Очередь «Новые»: зарегистрировать или отказать
    .short = Очереди
tui-key-queue-2 = Очередь «В работе» (по этапам)
    .short = В работе
tui-key-queue-3 = Очередь «Ждут оригиналов»
    .short = Оригиналы
tui-key-queue-4 = Очередь «Готовы к выдаче»
    .short = Выдача
tui-key-queue-5 = Очередь «Консультации»
    .short = Консультации
tui-key-queue-6 = Вопросы без ПИН-кода
    .short = Вопросы
tui-key-queue-7 = Просроченные обращения
    .short = Просрочено
tui-key-queue-8 = Все обращения района
    .short = Все
tui-key-open-undelivered = Открыть обращение с недоставленным письмом
    .short = Открыть
tui-key-search-all = Найти обращение среди всех: по номеру, фамилии или адресу
    .short = Поиск
tui-key-search = Искать по номеру, фамилии или адресу
    .short = Поиск
tui-key-next-queue = Следующая очередь
    .short = Очередь →
tui-key-prev-queue = Предыдущая очередь
    .short = ← Очередь
tui-key-sort = Порядок: по дате подачи, сроку, номеру, заявителю
    .short = Порядок
tui-key-reverse = Обратный порядок
    .short = Обратно
tui-key-mine = Только мои обращения или все
    .short = Мои
tui-key-stage = Отбор по этапу (очередь «В работе»)
    .short = Этап
    .short = Этап
tui-key-register = Зарегистрировать обращение
    .short = Регистрация
tui-key-refuse = Отказать: в регистрации или в предоставлении услуги
    .short = Отказ
tui-key-next-stage = Перевести на следующий этап
    .short = След. этап
tui-key-request-originals = Запросить оригиналы документов
    .short = Оригиналы
tui-key-originals-received = Отметить, что оригиналы принесены
    .short = Принесены
tui-key-suspend = Приостановить: оригиналы не принесены в срок
    .short = Приостановить
tui-key-close = Закрыть приостановленное обращение
    .short = Закрыть
tui-key-mark-ready = Документ готов: где и когда забрать
    .short = Готов
tui-key-hand-over = Отметить выдачу документа
    .short = Выдан
tui-key-issue-document = Выдать документ в электронной форме (файл)
    .short = Эл. документ
tui-key-answer = Ответить на консультацию
    .short = Ответ
tui-key-answer-question = Ответить на вопрос
    .short = Ответ
tui-key-message = Написать заявителю сообщение
    .short = Сообщение
tui-key-take = Взять обращение в работу
    .short = Взять
tui-key-assign = Передать обращение другому сотруднику (только для руководителя)
    .short = Передать
tui-key-extend = Продлить срок ответа на консультацию (59-ФЗ) один раз, с указанием причины (только для руководителя)
    .short = Продлить
tui-key-resident-search = Новый поиск в реестре
    .short = Поиск
tui-key-issue-pin = Выдать ПИН-код (или новый взамен)
    .short = Выдать ПИН
tui-key-revoke-pin = Отозвать ПИН-код
    .short = Отозвать
tui-key-print = Напечатать листок
    .short = Печать
tui-key-close-slip = Закрыть листок: ПИН-код больше не покажется
    .short = Закрыть
tui-key-accept = Следующее поле; в последнем поле и в поиске — отправить
    .short = Дальше
tui-key-submit = Отправить форму
    .short = Отправить
tui-key-find = Найти
    .short = Найти
tui-key-assign-submit = Назначить исполнителя
    .short = Назначить
tui-key-issue-pin-submit = Выдать ПИН-код
    .short = Выдать
tui-key-cancel = Отменить
    .short = Отмена
tui-key-canned = Перейти к готовым ответам
    .short = Готовые ответы
    .short = Шаблоны
tui-key-clear-field = Очистить строку ввода
    .short = Очистить
tui-key-lock = Заблокировать экран сейчас (и в открытой форме); пароль вернёт туда же, ничего не потеряется
    .short = Блокировка
tui-key-unlock = Разблокировать: проверить пароль и вернуться к работе
    .short = Разблокировать
tui-key-end-session = Завершить сеанс без пароля и вернуться к экрану входа; несохранённый текст будет потерян
    .short = Конец сеанса
tui-key-yes = Да, выполнить
    .short = Да
tui-key-no = Нет, вернуться
    .short = Нет
tui-key-close-help = Закрыть справку
    .short = Закрыть

## Key map and other files

tui-keymap-error = Файл клавиш { $path } не принят:
tui-keymap-unreadable = не удалось прочитать: { $detail }
tui-keymap-syntax = ошибка в записи TOML: { $detail }
tui-keymap-unknown-section = нет раздела «{ $section }»; есть: { $known }
tui-keymap-unknown-command = в разделе «{ $section }» нет действия «{ $command }»; есть: { $known }
tui-keymap-bad-key = [{ $section }] { $command }: не понятна клавиша «{ $key }» (примеры: r, R, ctrl-s, f2, enter, esc, shift-tab, space)
tui-keymap-not-a-list = [{ $section }] { $command }: укажите клавишу строкой или списком строк
tui-keymap-conflict = [{ $section }] клавиша { $key } назначена и «{ $first }», и «{ $second }»

## The launcher (clerk-tui start)

cli-start-about = Демонстрация одной командой: база с демонстрационными данными, веб-сервер в фоне и рабочее место специалиста.
cli-start--residents = Сколько жителей создать.
cli-start--pins = Скольким жителям выдать ПИН-код.
cli-start--seed = Начальное значение генератора.
cli-start-server-started = Веб-сервер запущен (процесс { $pid }), журнал: { $log }
cli-start-no-server = Веб-сервер не найден ({ $path }): соберите его (cargo build --release -p intake-server), форма для жителей пока не откроется.
cli-start-server-failed = Не удалось запустить веб-сервер { $path }
cli-start-server-exited = Веб-сервер остановился сразу после запуска (код { $code }); форма для жителей не откроется. Конец журнала { $log }:
cli-start-port-busy = Адрес { $addr } уже занят другой программой (может быть, демонстрация уже запущена в другом окне), поэтому веб-сервер не запущен. Остановите ту программу или укажите другой адрес в ERECEPTION_LISTEN.
cli-start-log-failed = Не удалось открыть журнал { $path }
cli-start-press-enter = Запишите логин и пароль выше и нажмите Enter, чтобы открыть рабочее место специалиста.
cli-start-server-stopped = Веб-сервер остановлен.
cli-start-server-died = Веб-сервер остановился ещё до выхода из рабочего места (код { $code }). Журнал: { $log }
cli-bench-queue-about = Замерить открытие очереди и отрисовку нажатия клавиши на районе с большим числом обращений.
cli-bench-queue--appeals = Сколько обращений в районе.
cli-bench-queue--rounds = Сколько раз повторить каждый замер.
