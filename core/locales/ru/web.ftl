## The residents' web server (intake-server): pages, errors, the start-up lines.

web-site-name = Электронная приёмная
web-skip-to-content = Перейти к содержанию
web-title-error-prefix = Ошибка:
web-nav-label = Основное меню
web-nav-my-appeals = Мои обращения
web-nav-new-appeal = Подать обращение
web-nav-services = Услуги
web-nav-sign-in = Войти
web-nav-sign-out = Выйти
web-nav-ask = Задать вопрос
web-footer-text = Электронная приёмная управы района: обращения за документами и консультациями без очереди.
web-footer-api = Описание программного интерфейса (OpenAPI)
web-back-to-list = Вернуться к списку обращений

web-datetime = { $date }, { $time }
web-size-bytes = { $n } { $n ->
        [one] байт
        [few] байта
       *[many] байт
    }
web-size-kb = { $n } КБ
web-size-mb = { $n } МБ

## Sign-in.

web-sign-in-title = Вход в личный кабинет
web-sign-in-lead = Введите номер личного кабинета и ПИН-код с листка, который вам выдали в «одном окне» управы района.
web-sign-in-number = Номер личного кабинета
web-sign-in-number-hint = 10 цифр, например 4082915730
web-sign-in-pin = ПИН-код
web-sign-in-pin-hint = 8 символов, например KM7R-3XTA. Дефис можно не вводить.
web-sign-in-submit = Войти
web-sign-in-needed = Чтобы открыть эту страницу, войдите в личный кабинет.
web-sign-in-unsent = Сеанс работы в личном кабинете завершён после { $minutes } { $minutes ->
        [one] минуты
       *[other] минут
    } бездействия, поэтому форма не отправлена и введённые данные не сохранились. Войдите снова и заполните форму ещё раз; длинный текст удобнее сначала набрать в другой программе.
web-sign-in-carried = Сеанс работы в личном кабинете завершён после { $minutes } { $minutes ->
        [one] минуты
       *[other] минут
    } бездействия, поэтому обращение не отправлено. Введённые данные не потеряны: войдите снова, и откроется та же форма с вашими данными.
web-sign-in-carried-signed-out = Вы вышли из личного кабинета (в этом или другом окне браузера), поэтому обращение не отправлено. Введённые данные не потеряны: войдите снова, и откроется та же форма с вашими данными.
web-signed-out = Вы вышли из личного кабинета.
web-sign-in-no-pin-title = Нет ПИН-кода?
web-sign-in-no-pin = ПИН-код выдают в службе «одного окна» управы района по паспорту. Вопрос можно задать и без ПИН-кода — ответ придёт на электронную почту.
web-sign-in-ask-link = Задать вопрос без ПИН-кода
web-sign-in-services-link = Какие услуги можно получить

## The private section.

web-home-title = Мои обращения
web-home-greeting = Здравствуйте, { $name }!
web-home-greeting-plain = Здравствуйте!
web-home-new-appeal = Подать новое обращение
web-home-empty = Вы ещё не подавали обращений через электронную приёмную.
web-home-list-title = Обращения
web-home-mail-title = Письма
web-home-mail-to = Письма о ваших обращениях приходят на адрес { $email }, язык писем — { $language }.
web-home-mail-unconfirmed = Адрес { $email } ещё не подтверждён: откройте ссылку из письма, которое мы на него отправили, и нажмите «Подтвердить адрес». До подтверждения письма о ваших обращениях не приходят — следите за ними на этой странице.
web-home-mail-none = Адреса электронной почты у нас нет, поэтому письма о ваших обращениях не приходят — следите за ними на этой странице или укажите адрес.
web-home-mail-resend-note = Ссылка действует { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }. Если письма нет (загляните и в папку «Спам») или ссылка устарела, отправьте её ещё раз. Новую ссылку можно запросить не чаще раза в { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[many] минут
    } и не больше { $per_day } { $per_day ->
        [one] раза
       *[other] раз
    } в сутки.
web-home-mail-resend = Отправить ссылку ещё раз
web-resend-sent-title = Ссылка отправлена
web-resend-sent = Мы отправили новую ссылку для подтверждения на ваш адрес. Откройте письмо и нажмите «Подтвердить адрес». Ссылки из прежних писем тоже действуют, пока не устарели.
web-resend-wait-title = Подождите немного
web-resend-wait = Новую ссылку можно будет запросить после { $time }. Письмо с прежней ссылкой могло попасть в папку «Спам» — проверьте её.
web-resend-back = Вернуться в личный кабинет
web-home-mail-switch-en = Присылать письма на английском
web-home-mail-switch-ru = Присылать письма на русском
web-home-mail-changed-en = Готово: следующие письма придут на английском языке.
web-home-mail-changed-ru = Готово: следующие письма придут на русском языке.
web-home-mail-change = Изменить адрес
web-home-mail-add = Указать адрес
web-email-title = Адрес для писем
web-email-current = Сейчас письма о ваших обращениях приходят на адрес { $email }.
web-email-current-unconfirmed = Адрес { $email } ещё не подтверждён, поэтому письма на него не приходят. Если в нём ошибка, укажите верный.
web-email-current-none = Адреса электронной почты у нас нет, поэтому письма о ваших обращениях не приходят. Укажите адрес — после подтверждения письма будут приходить на него.
web-email-pending = Новый адрес { $email } ждёт подтверждения: письма пойдут на него, когда вы откроете ссылку из письма, отправленного на этот адрес, и нажмёте «Подтвердить адрес».
web-email-new = Новый адрес электронной почты
web-email-new-hint = На этот адрес придёт ссылка для подтверждения.
web-email-note = Ссылка действует { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }. Отправлять её можно не чаще раза в { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[many] минут
    } и не больше { $per_day } { $per_day ->
        [one] раза
       *[other] раз
    } в сутки.
web-email-submit = Отправить ссылку на новый адрес
web-email-sent-title = Ссылка отправлена
web-email-sent = Мы отправили ссылку для подтверждения на адрес { $email }. Откройте письмо и нажмите «Подтвердить адрес».
web-email-sent-next = После этого письма о ваших обращениях будут приходить на этот адрес. Если письма нет, загляните в папку «Спам».
web-email-sent-meanwhile = Пока новый адрес не подтверждён, письма приходят на прежний — { $email }. Туда мы отправили письмо о том, что адрес меняют.
web-email-kept-title = Адрес не изменился
web-email-same = Письма и так приходят на адрес { $email }.
web-email-called-off = Письма по-прежнему приходят на адрес { $email }. Смена адреса отменена: ссылка, отправленная на новый адрес, больше не действует.
web-email-error-too-soon = Письмо со ссылкой можно будет отправить после { $time }.
web-mail-lang-ru = русский
web-mail-lang-en = английский
web-fact-number = Номер
web-fact-status = Статус
web-fact-filed = Дата подачи
web-fact-due = Срок исполнения
web-fact-register-by = Будет зарегистрировано не позднее
web-fact-term = Срок
web-fact-visit = Посещение управы
web-fact-corrects = Исправляет обращение

## Services.

web-services-title = Выберите услугу
web-services-lead = Все услуги оформляются через личный кабинет. О каждом шаге мы сообщаем там же и по электронной почте.
web-services-sign-in-first = Чтобы подать обращение, сначала войдите в личный кабинет.
web-services-choose = Подать обращение
web-visit-consultation = Без посещения: ответ специалиста придёт в личный кабинет и на электронную почту.
web-visit-none = Без посещения: готовый документ появится в личном кабинете в электронной форме.
web-visit-once = Одно посещение: за готовым документом нужно будет один раз прийти в управу района.

## The filing form.

web-form-caption = Новое обращение
web-form-caption-corrected = Исправленное обращение
web-form-title-corrected = Исправленное обращение: { $service }
web-form-identity-legend = Ваши данные
web-form-identity-hint = Укажите фамилию, имя, отчество, дату рождения и адрес регистрации так, как они записаны в реестре ГУ ИС района. Мы сверим их автоматически.
web-form-service-legend = Сведения для услуги
web-form-optional = (необязательно)
# A patronymic: one that exists must be given as in the registry.
web-form-if-you-have-one = (если есть)
web-form-if-any = (если есть)
web-form-date-hint = Например, 14.03.1985
web-form-date-format-hint = В виде ДД.ММ.ГГГГ
web-form-street-hint = Например, ул. Новый Арбат
web-form-number-hint = Число от { $min } до { $max }
web-form-persons-range = Можно указать от { $min } до { $max } человек.
web-form-person-legend = Человек № { $n }
web-form-person-part = { $label }, человек № { $n }, { $part }
web-form-add-person = Добавить ещё одну запись
web-form-remove-person = Удалить эту запись
web-form-person-item-legend = { $item } { $n }
web-form-person-item-part = { $item } { $n }, { $part }
web-form-long-text-hint = Не больше { $max } символов.
web-form-check-note = Перед отправкой проверьте сведения: по ним специалист будет оформлять документ.
web-form-check-note-consultation = Перед отправкой проверьте сведения: по ним специалист будет готовить ответ.
web-form-submit = Отправить обращение
web-form-send = Отправить
web-form-corrects = Это исправленное обращение. Сведения взяты из обращения, в регистрации которого отказано:
web-form-carried = Вы снова вошли в личный кабинет. Обращение ещё не отправлено: проверьте, всё ли заполнено верно, и нажмите «Отправить обращение».
web-form-mismatch-title = Данные не совпадают с реестром ГУ ИС
web-form-mismatch-lead = Проверьте поля, отмеченные ниже, и исправьте их так, как они записаны в реестре. Если в реестре ошибка, обратитесь в ГУ ИС района.

## An appeal's page.

web-appeal-caption = Обращение
web-appeal-filed-banner = Обращение принято. Его номер — { $number }. Сохраните номер: по нему можно узнать о ходе работы.
web-appeal-withdrawn-banner = Обращение отозвано.
web-appeal-filed-unmatched = Не все сведения совпали с реестром ГУ ИС по вашему адресу: { $names }. Специалист проверит их сам, но если вы ошиблись при вводе (например, в дате рождения), лучше отозвать обращение и подать исправленное.
web-appeal-documents = Документы
web-appeal-download = Скачать документ
web-appeal-messages = Сообщения управы
web-appeal-timeline = Ход работы
web-appeal-filed-data = Что указано в обращении
web-filed-applicant = Заявитель
web-filed-birth-date = Дата рождения
web-filed-address = Адрес регистрации
web-appeal-withdraw-title = Отозвать обращение
web-appeal-withdraw-lead = Если услуга больше не нужна, обращение можно отозвать. Работа по нему будет прекращена.
web-appeal-withdraw = Отозвать обращение
web-appeal-correct = Подать исправленное обращение
web-appeal-corrected-by = По этому обращению подано исправленное обращение:
web-appeal-open = Открыть обращение № { $number }
web-appeal-not-withdrawable = Это обращение уже нельзя отозвать: работа по нему завершена.
web-appeal-open311 = Адрес для приложений, которые показывают статус обращения без входа в личный кабинет (формат Open311, без ваших личных данных):
web-panel-refused-title = Почему отказано и как это исправить
web-panel-originals-title = Принесите оригиналы документов
web-panel-suspended-title = Исполнение приостановлено
web-panel-suspended-lead = Оригиналы документов не были представлены в срок. Чтобы возобновить работу, принесите их в управу района.
web-panel-ready-title = Документ готов — его можно получить
web-panel-issued-electronically-title = Документ выдан в электронной форме
web-panel-issued-electronically = Приходить в управу не нужно: скачайте документ в разделе «Документы» ниже.
web-panel-answered-title = Ответ специалиста

## An open appeal past its deadline (the page and the list).

web-overdue-title = Срок исполнения истёк { $date }
web-overdue-lead = Обращение пока не исполнено. Чтобы узнать, в чём причина задержки и когда ждать результата, обратитесь в управу района.
web-overdue-where = Адрес: { $address }
web-overdue-hours = Часы приёма: { $hours }
web-overdue-phone = Телефон: { $phone }

## Withdrawal.

web-withdraw-title = Отозвать обращение?
web-withdraw-warning = После отзыва работа по обращению прекратится. Отменить отзыв нельзя — при необходимости подайте новое обращение.
web-withdraw-confirm = Да, отозвать обращение
web-withdraw-cancel = Нет, вернуться к обращению

## The timeline.

web-tl-remedy = Как исправить: { $text }
web-tl-explanation = Пояснение специалиста: { $text }
web-tl-originals-what = Что принести: { $list }
web-tl-originals-where = Куда: { $place }
web-panel-originals-due-passed = Срок исполнения ({ $date }) уже прошёл: обращение будет исполнено после того, как вы представите оригиналы.
web-tl-originals-by = Срок: до { $date } включительно
web-tl-ready-where = Где получить: { $place }
web-tl-ready-hours = Часы выдачи: { $hours }
web-tl-ready-from = Получить можно с { $date }
web-tl-ready-bring = Что взять с собой: { $bring }

## Questions.

web-question-title = Задать вопрос
web-question-lead = Вопрос можно задать без ПИН-кода. Ответ специалиста управы придёт на электронную почту в течение 30 дней.
web-question-name = Как к вам обращаться
web-question-email = Электронная почта
web-question-email-hint = На этот адрес придёт ссылка для подтверждения, а затем — ответ.
web-question-district-legend = Район или адрес
web-question-district-hint = Выберите район из списка или укажите адрес — мы определим район по нему. Если вопрос касается вашего дома или двора, укажите адрес, даже если выбрали район, — специалист управы увидит его вместе с вопросом.
web-question-district = Район
web-question-district-none = — выберите район —
web-question-address = Адрес
web-question-address-label = Адрес
web-question-address-hint = Например, ул. Новый Арбат, д. 12
web-question-text = Ваш вопрос
web-question-text-hint = Не больше 4000 символов.
web-question-email-note = Вопрос попадёт к специалистам после того, как вы подтвердите адрес электронной почты по ссылке из письма.
web-question-privacy = Имя, адрес электронной почты, адрес (если вы его указали) и текст вопроса управа района использует только для ответа на вопрос (Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»); их видят только специалисты управы.
web-question-submit = Отправить вопрос
web-question-error-district = Выберите район из списка.
web-question-error-no-district = Выберите район или укажите адрес.
web-question-error-address = Укажите улицу и номер дома, например «ул. Новый Арбат, д. 12».
web-question-error-address-unknown = По этому адресу не удалось определить район. Выберите район из списка.
web-question-error-too-many-letters = На этот адрес за сутки уже отправлено несколько писем со ссылками для подтверждения. Чтобы защитить почтовые ящики от массовой рассылки, следующее письмо можно будет отправить после { $time }. Если письма пришли, подтвердите вопрос по ссылке из любого письма.
web-question-sent-title = Проверьте почту
web-question-sent = Мы отправили вам письмо со ссылкой. Откройте письмо, перейдите по ссылке и нажмите «Подтвердить адрес» — после этого вопрос попадёт к специалистам управы. Ссылка действует 7 дней; неподтверждённый вопрос затем удаляется.
web-question-sent-spam = Если письма нет, проверьте папку «Спам».
web-question-sent-to = Письмо отправлено на адрес { $email }.
web-question-sent-wrong = Если в адресе ошибка, письмо не дойдёт. Задайте вопрос ещё раз с верным адресом; вопрос с неверным адресом никто не увидит, и через 7 дней он будет удалён автоматически.
web-question-ask-again = Задать вопрос заново
web-confirm-page-address = Адрес: { $email }

## Confirmation links.

web-confirm-question-title = Адрес подтверждён
web-confirm-question = Спасибо! Ваш вопрос передан специалистам управы района. Ответ придёт на электронную почту.
web-confirm-account-title = Адрес подтверждён
web-confirm-account = Спасибо! Теперь уведомления о ваших обращениях будут приходить на этот адрес.
web-confirm-already-title = Адрес уже подтверждён
web-confirm-already = Эта ссылка уже использована: повторно подтверждать адрес не нужно.
web-confirm-invalid-title = Ссылка недействительна
web-confirm-invalid = Ссылка устарела или набрана с ошибкой. Если вы задавали вопрос больше 7 дней назад, задайте его снова. Если это ссылка для адреса, указанного при получении ПИН-кода, войдите в личный кабинет и отправьте её ещё раз.
web-confirm-page-title = Подтвердите адрес электронной почты
web-confirm-page-account = Нажмите кнопку, чтобы подтвердить, что это ваш адрес. После этого на него будут приходить уведомления о ваших обращениях.
web-confirm-page-question = Нажмите кнопку, чтобы подтвердить адрес. После этого ваш вопрос передадут специалистам управы района, а ответ придёт на этот адрес.
web-confirm-page-not-you = Если вы не указывали этот адрес и не задавали вопросов, просто закройте страницу: без нажатия кнопки адрес не будет подтверждён.
web-confirm-submit = Подтвердить адрес

## Errors.

web-error-prefix = Ошибка:
web-error-summary-title = Исправьте ошибки
web-error-summary-item = { $label }: { $message }
web-error-reference = Код ошибки для обращения в поддержку:
web-error-home-link = На главную страницу
web-error-refused-title = Действие недоступно
web-error-not-found-title = Страница не найдена
web-error-not-found = Проверьте адрес страницы. Если вы перешли по ссылке из письма, войдите в личный кабинет со своим номером и ПИН-кодом.
web-error-unauthorized-title = Нужно войти
web-error-unauthorized = Войдите в личный кабинет, чтобы получить эти сведения.
web-error-bad-request-title = Неверный запрос
web-error-bad-request = Браузер отправил данные, которые не удалось прочитать. Вернитесь назад и попробуйте ещё раз.
web-error-csrf-title = Форма устарела
web-error-csrf = Страница с формой была открыта слишком давно или в другом окне. Откройте форму заново и отправьте её ещё раз.
web-error-too-large-title = Слишком много данных
web-error-too-large = Форма содержит больше данных, чем сервер принимает за один раз: например, слишком длинный текст.
web-error-too-large-back = Вернитесь к форме кнопкой «Назад» браузера — так введённые данные сохранятся. Сократите текст и отправьте форму ещё раз.
web-error-back-to-form = Вернуться к форме
web-error-already-corrected-title = Исправленное обращение уже подано
web-api-error-not-found = Не найдено.
web-error-media-type-title = Неподдерживаемый формат
web-error-media-type = Сервер принимает только обычные формы браузера.
web-error-timeout-title = Время ожидания истекло
web-error-timeout = Данные формы передавались слишком долго. Проверьте подключение к интернету и попробуйте ещё раз.
web-error-no-calendar = Сейчас обращение подать нельзя: в системе нет производственного календаря, по которому рассчитываются сроки. Попробуйте позже или обратитесь в управу района.
web-error-too-many-title = Слишком много попыток входа
web-sign-in-failed-title = Не удалось войти
web-sign-in-locked = Было слишком много неверных попыток. { $until } Если вы забыли или потеряли ПИН-код, обратитесь в «одно окно» управы района.
web-error-too-many = С этого устройства было слишком много попыток входа. Попробуйте снова через { $seconds } { $seconds ->
        [one] секунду
        [few] секунды
       *[many] секунд
    }.
web-error-too-many-questions-title = Слишком много вопросов
web-error-too-many-questions = С этого устройства недавно отправили много вопросов. Следующий можно будет задать через { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[many] минут
    }. Чтобы не потерять текст, сохраните его у себя.
web-error-busy-title = Сервер перегружен
web-error-busy = Сейчас слишком много запросов. Подождите минуту и попробуйте ещё раз.
web-error-internal-title = Что-то пошло не так
web-error-internal = Произошла внутренняя ошибка. Ваши данные не потеряны; попробуйте ещё раз через несколько минут.
# The database could not be reached (503): nothing is wrong with the request.
web-error-unavailable-title = Сервис временно недоступен
web-error-unavailable = Электронная приёмная сейчас не может обратиться к своей базе данных. Если вы отправляли форму, она не сохранена. Попробуйте ещё раз через несколько минут.
web-error-method = Этот адрес не поддерживает такой запрос.
web-error-cannot-withdraw = Это обращение уже нельзя отозвать: работа по нему завершена.
web-error-account = Ваш ПИН-код больше не действует. Обратитесь в «одно окно» управы района за новым.
web-error-resident-left = По данным реестра ГУ ИС вы больше не зарегистрированы в районе, поэтому подать обращение нельзя. Обратитесь в «одно окно» управы района.

## Open311 descriptions.

web-open311-date = Дата в формате ГГГГ-ММ-ДД
web-open311-persons = Список людей: фамилия, имя, отчество, дата рождения
web-open311-ids-needed = Укажите обращения в параметре service_request_id (их публичные идентификаторы через запятую): списка обращений сервер не выдаёт.
web-open311-ids-too-many = Не больше 50 обращений за один запрос.

## The command line and start-up.

server-about = Электронная приёмная: веб-сервер для жителей — формы, личный кабинет, JSON и Open311.
server--listen = Адрес, на котором принимать запросы (по умолчанию 127.0.0.1:8080).
server--no_mail_worker = Не отправлять письма в этом процессе (тогда их отправляет clerk-tui outbox work).
web-cli-error = Ошибка
web-start-database = База данных: { $url }
web-start-catalogue-seeded = В базу загружен стандартный каталог услуг.
web-start-open-failed = не удалось открыть базу данных
web-start-state-failed = не удалось подготовить сервер к работе
web-start-mail-failed = не удалось запустить отправку почты
web-start-mail-on = Отправка почты: работает в этом процессе.
web-start-mail-off = Отправка почты: выключена (запустите «clerk-tui outbox work»).
web-start-bind-failed = не удалось занять адрес { $addr } ({ $detail })
web-start-bind-in-use = адрес { $addr } уже занят другой программой — возможно, сервер уже запущен. Остановите её или укажите другой порт в listen ([server] в файле настроек), ERECEPTION_LISTEN или --listen ({ $detail })
web-start-bind-not-here = адреса { $addr } у этого компьютера нет: укажите один из его адресов или 0.0.0.0, чтобы принимать запросы на всех ({ $detail })
web-start-bind-privileged = порт в адресе { $addr } меньше 1024, а занимать такие порты может только администратор системы: укажите порт от 1024 (например, 8080) и направьте запросы на него через обратный прокси ({ $detail })
web-start-listening = Сервер принимает запросы на { $addr }; адрес для жителей — { $url }
web-start-stopped = Сервер остановлен.
