## Statuses, decisions, roles and form errors.

status-submitted = Подано
status-registered = Зарегистрировано
status-refused-to-register = Отказано в регистрации
status-in-progress = Исполняется
status-originals-required = Требуются оригиналы документов
status-suspended = Приостановлено
status-refused = Отказано в предоставлении услуги
status-closed = Закрыто
status-ready = Документ готов
status-issued = Документ выдан
status-issued-electronically = Документ выдан в электронной форме
status-answered = Дан ответ
status-withdrawn = Отозвано

transition-not-allowed = { $command ->
        [register] Зарегистрировать обращение
        [refuse_to_register] Отказать в регистрации
        [next_stage] Перевести обращение на следующий этап
        [request_originals] Запросить оригиналы
        [originals_received] Отметить, что оригиналы принесены,
        [suspend] Приостановить исполнение
        [close] Закрыть обращение
        [refuse] Отказать в предоставлении услуги
        [mark_ready] Сообщить о готовности документа
        [hand_over] Отметить выдачу документа
        [issue_electronically] Выдать документ в электронной форме
        [answer] Ответить
        [withdraw] Отозвать обращение
        [extend] Продлить срок
       *[other] Это действие
    } нельзя: обращение в состоянии «{ $status ->
        [submitted] Подано
        [registered] Зарегистрировано
        [refused_to_register] Отказано в регистрации
        [in_progress] Исполняется
        [originals_required] Требуются оригиналы документов
        [suspended] Приостановлено
        [refused] Отказано в предоставлении услуги
        [closed] Закрыто
        [ready] Документ готов
        [issued] Документ выдан
        [issued_electronically] Документ выдан в электронной форме
        [answered] Дан ответ
        [withdrawn] Отозвано
       *[other] { $status }
    }».
transition-wrong-service = { $reason ->
        [no-visit] Эта услуга оказывается без личного посещения: оригиналы не запрашиваются, документ выдаётся в электронной форме.
        [visit] Документ по этой услуге выдаётся лично в управе, а не в электронной форме.
        [consultation] По консультации даётся ответ, документ не оформляется.
       *[document] Ответ даётся только на консультацию; по этой услуге оформляется документ.
    }
transition-no-grounds = Выберите хотя бы одно основание.
transition-unknown-ground = Основания «{ $code }» нет в перечне этой услуги.
transition-no-originals = Выберите хотя бы один документ.
transition-unknown-original = Документа «{ $code }» нет в перечне этой услуги.
transition-empty-text = Заполните поле «{ $field }».
transition-text-too-long = Текст в поле «{ $field }» слишком длинный.
transition-date-in-past = Дата { $date } уже прошла.
transition-not-yet-due = Оригиналы можно принести до { $date } включительно; приостановить обращение можно только после этой даты.
transition-no-next-stage = Все этапы пройдены: отметьте готовность документа, выдайте его или дайте ответ.

role-clerk = специалист
role-supervisor = руководитель
role-administrator = администратор

form-error-required = Заполните это поле.
form-error-choose = Выберите один из вариантов.
form-error-too-long = Не больше { $max } { $max ->
        [one] символа
       *[other] символов
    }.
form-error-characters = Поле содержит недопустимые символы.
form-error-name-characters = Используйте только буквы, пробел, дефис и апостроф.
form-error-date = Введите дату в виде ДД.ММ.ГГГГ, например 14.03.1985.
form-error-date-impossible = Такой даты нет в календаре: проверьте день и месяц.
form-error-date-future = Дата не может быть позже сегодняшней.
form-error-date-too-early = Проверьте год: дата не может быть раньше { $date }.
form-error-date-too-late = Проверьте год: такой далёкой даты форма не принимает.
form-error-number = Введите целое число.
form-error-number-range = Введите число от { $min } до { $max }.
form-error-persons-min = Укажите не меньше { $min } { $min ->
        [one] человека
       *[other] человек
    }.
form-error-email = Введите адрес электронной почты в виде name@example.ru.

## Audit log actions, as `audit show` names them.
audit-action-database_migrated = База данных создана или обновлена
audit-action-database_backed_up = Сделана резервная копия базы данных
audit-action-district_saved = Сведения о районе сохранены
audit-action-registry_imported = Загружен реестр ГУ ИС
audit-action-catalogue_loaded = Загружен перечень услуг
audit-action-clerk_added = Добавлен сотрудник
audit-action-clerk_disabled = Учётная запись сотрудника заблокирована
audit-action-clerk_enabled = Учётная запись сотрудника разблокирована
audit-action-clerk_password_reset = Пароль сотрудника сброшен
audit-action-clerk_role_changed = Изменена роль сотрудника
audit-action-clerk_district_changed = Изменён район сотрудника
audit-action-clerk_signed_in = Сотрудник вошёл в систему
audit-action-clerk_signed_out = Сотрудник завершил сеанс
audit-action-clerk_sign_in_failed = Неудачная попытка входа сотрудника
audit-action-clerk_screen_locked = Экран сотрудника заблокирован
audit-action-clerk_screen_unlocked = Экран сотрудника разблокирован
audit-action-pin_issued = Выдан ПИН-код
audit-action-pin_revoked = ПИН-код отозван
audit-action-personal_data_viewed = Просмотр персональных данных
audit-action-personal_data_reported = Подготовлены сведения о персональных данных жителя
audit-action-appeal_transition = Изменено состояние обращения
audit-action-appeal_message_sent = Заявителю отправлено сообщение
audit-action-appeal_reassigned = Обращение передано другому сотруднику
audit-action-deadline_extended = Продлён срок ответа
audit-action-document_attached = Приложен документ
audit-action-question_answered = Дан ответ на вопрос
audit-action-audit_exported = Журнал аудита выгружен
audit-action-report_exported = Выгружен отчёт
audit-action-demo_data_created = Созданы демонстрационные данные
audit-action-outbox_retried = Письма поставлены на повторную отправку
audit-action-outbox_purged = Старые письма удалены из очереди
audit-action-retention_applied = Удалены данные с истёкшим сроком хранения
