## The timeline of an appeal (module `timeline`): one entry per event, shown in the private
## section and in the clerk's terminal alike. Terse: no greetings, no signatures; the wording
## follows the e-mail about the same event (mail.ftl).

## When an event happened, in Moscow time: «05.12.2026 14:30». Dates in lists: «11.12.2026».

timeline-short-date = { $dd }.{ $mm }.{ $year }
timeline-when = { $date } { $time }

## Who.

timeline-actor-you = Вы
timeline-actor-council = Управа района
timeline-actor-system = Система
timeline-actor-applicant = Заявитель
timeline-actor-asker = Автор вопроса
timeline-actor-clerk = Сотрудник № { $id }
timeline-actor-admin = Администратор { $login }

## Parts shared by several entries.

timeline-ground = Причина: { $text }
timeline-remedy = Как исправить: { $text }
timeline-explanation = Пояснение специалиста: { $text }

## One entry per event.

timeline-filed = Обращение принято
timeline-filed-number = Номер обращения: { $number }
timeline-filed-register-by = Будет зарегистрировано не позднее { $date }

timeline-registered = Обращение зарегистрировано
timeline-registered-deadline = Срок исполнения — до { $date }

timeline-refused-to-register = Отказ в регистрации обращения
timeline-refused-to-register-next = Исправленное обращение получит новый номер.

timeline-stage-started = Начат этап: { $stage }

timeline-originals-requested = Нужны оригиналы документов
timeline-originals-what = Что принести: { $list }
timeline-originals-where = Куда: { $place }
timeline-originals-by = Срок: до { $date } включительно

timeline-originals-received = Оригиналы документов получены

timeline-suspended = Исполнение приостановлено
timeline-suspended-why = Оригиналы документов не представлены до { $date } включительно.
timeline-suspended-next = Чтобы возобновить работу, принесите оригиналы в управу района, иначе обращение будет закрыто.

timeline-closed = Обращение закрыто
timeline-closed-why = Оригиналы документов так и не были представлены.

timeline-refused = Отказ в предоставлении услуги
timeline-refused-next = Когда причины отказа будут устранены, можно подать новое обращение. Отказ можно обжаловать в досудебном порядке (жалобой главе управы района, поданной лично или почтой) либо в суде.

timeline-ready = Документ готов
timeline-ready-where = Где получить: { $place }
timeline-ready-from = Когда: с { $date }
timeline-ready-hours = Часы выдачи: { $hours }
timeline-ready-bring = Что взять с собой: { $bring }

timeline-handed-over = Документ выдан
timeline-handed-over-to = Получатель: { $name }
timeline-handed-over-id = Документ, удостоверяющий личность: { $document }

timeline-issued-electronically = Документ выдан в электронной форме
timeline-issued-electronically-file = Файл: { $file }

timeline-answered = Дан ответ на обращение

timeline-withdrawn = Обращение отозвано

timeline-message = Сообщение от управы района

timeline-deadline-extended = Срок рассмотрения продлён до { $date }
timeline-deadline-extended-from = Прежний срок: { $date }
timeline-deadline-extended-reason = Причина продления: { $reason }

timeline-corrected = Подано исправленное обращение № { $number }
timeline-corrected-next = Дальнейшие события — в обращении № { $number }.

timeline-pin-reissued = Выдан новый ПИН-код, прежний больше не действует
timeline-pin-left = ПИН-код перестал действовать: по данным реестра ГУ ИС вы больше не зарегистрированы в районе
timeline-pin-revoked = ПИН-код отозван управой района
timeline-email-change-requested = Запрошена смена адреса для писем
timeline-email-change-requested-to = Новый адрес: { $email }. Письма пойдут на него, когда его подтвердят по ссылке из письма.
timeline-confirmation-requested = Отправлена ссылка для подтверждения адреса электронной почты
timeline-confirmation-requested-question = Вопрос будет передан специалисту после подтверждения адреса.

timeline-email-confirmed = Адрес электронной почты подтверждён
timeline-email-confirmed-question = Вопрос передан специалисту.

timeline-question-answered = Дан ответ на вопрос

## The headline of an appeal's current status, for lists (statuses without data use status-…).

timeline-status-submitted = Подано, ожидает регистрации
timeline-status-refused-to-register = Отказано в регистрации ({ $n } { $n ->
        [one] причина
        [few] причины
       *[many] причин
    })
timeline-status-refused = Отказано в предоставлении услуги ({ $n } { $n ->
        [one] причина
        [few] причины
       *[many] причин
    })
timeline-status-originals-required = Требуются оригиналы до { $date }
timeline-status-suspended = Приостановлено: оригиналы не представлены до { $date }
timeline-status-ready = Документ готов: с { $date }, { $place }

timeline-status-in-progress-stage = Исполняется: { $stage }
