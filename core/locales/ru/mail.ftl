## E-mail templates (module `mail::render`): one letter per event kind.

## Dates: «21 декабря 2026 г.» (the month in the genitive). A date that ends a sentence needs no
## period of its own: its «г.» ends the sentence too.

mail-date = { $day } { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    } { $year } г.

## The frame of every letter.

mail-greeting = Здравствуйте, { $name }!
mail-greeting-plain = Здравствуйте!
mail-fact-number = Номер обращения
mail-fact-service = Услуга
mail-link-appeal = Открыть обращение в личном кабинете
mail-link-cabinet = Перейти в личный кабинет
mail-link-download = Скачать документ в личном кабинете
mail-link-site = Перейти на сайт «Электронной приёмной»
mail-link-fallback = Если кнопка не срабатывает, скопируйте ссылку в адресную строку браузера:
mail-regards = С уважением,
mail-council-address = Адрес: { $address }
mail-council-hours = Часы приёма: { $hours }
mail-council-phone = Телефон: { $phone }
mail-site = Сайт: { $url }
mail-footer = Письмо отправлено автоматически, отвечать на него не нужно.

## Parts shared by several letters.

mail-grounds-heading = { $n ->
        [1] Причина отказа
       *[other] Причины отказа
    }
mail-ground-remedy = Как исправить
mail-explanation-heading = Пояснение специалиста
mail-answer-heading = Ответ
mail-until-date = до { $date } включительно

## Filed.

mail-filed-subject = Обращение № { $number } принято
mail-filed-title = Обращение принято
mail-filed-lead = Ваше обращение принято и получило номер { $number }. Оно будет зарегистрировано не позднее { $date }, о регистрации мы сообщим отдельным письмом.
mail-filed-term = Срок предоставления услуги — { $term }.
mail-filed-term-until = Срок предоставления услуги — { $term }, до { $date }

## Registered.

mail-registered-subject = Обращение № { $number } зарегистрировано
mail-registered-title = Обращение зарегистрировано
mail-registered-lead = Ваше обращение зарегистрировано и передано на исполнение.
# The term itself was in the filing letter; counted from filing, it would mislead here.
# The date ends in «г.», so no full stop follows it.
mail-registered-deadline = Срок исполнения — до { $date }
mail-registered-deadline-plain = Срок исполнения — до { $date }
mail-registered-next = О каждом этапе работы по обращению мы сообщим вам письмом и в личном кабинете.

## Refused to register.

mail-refused-to-register-subject = Обращение № { $number }: отказ в регистрации
mail-refused-to-register-title = Отказ в регистрации обращения
mail-refused-to-register-lead = К сожалению, в регистрации вашего обращения отказано. Что послужило основанием для отказа и как это исправить, указано ниже.
mail-refused-to-register-next = Исправленное обращение можно подать в личном кабинете — оно получит новый номер.

## Stage started.

mail-stage-started-subject = Обращение № { $number }: новый этап
mail-stage-started-title = Новый этап исполнения
mail-stage-started-lead = Работа по вашему обращению перешла на этап «{ $stage }».
mail-stage-started-next = Сейчас от вас ничего не требуется. Если понадобятся документы или сведения, мы сообщим об этом отдельно.

## Originals requested.

mail-originals-requested-subject = Обращение № { $number }: нужны оригиналы документов
mail-originals-requested-title = Нужны оригиналы документов
mail-originals-requested-lead = Чтобы продолжить работу по вашему обращению, специалисту нужно сверить оригиналы документов.
mail-originals-list = Что принести ({ $n } { $n ->
        [one] документ
        [few] документа
       *[many] документов
    })
mail-originals-place = Куда
mail-originals-by = Срок
mail-originals-warning = Если оригиналы не будут представлены в срок, исполнение обращения будет приостановлено.

## Originals received.

mail-originals-received-subject = Обращение № { $number }: оригиналы получены
mail-originals-received-title = Оригиналы документов получены
mail-originals-received-lead = Спасибо, оригиналы документов получены. Работа по вашему обращению продолжается.

## Suspended.

mail-suspended-subject = Обращение № { $number } приостановлено
mail-suspended-title = Исполнение обращения приостановлено
mail-suspended-lead = Оригиналы документов не были представлены до { $date } включительно, поэтому исполнение вашего обращения приостановлено.
mail-suspended-next = Чтобы возобновить работу, принесите оригиналы документов в управу района. Если этого не сделать, обращение будет закрыто.

## Closed.

mail-closed-subject = Обращение № { $number } закрыто
mail-closed-title = Обращение закрыто
mail-closed-lead = Исполнение вашего обращения было приостановлено, а оригиналы документов так и не были представлены, поэтому обращение закрыто.
mail-closed-next = Если услуга вам по-прежнему нужна, подайте новое обращение в личном кабинете.

## Refused (after registration).

mail-refused-subject = Обращение № { $number }: отказ в предоставлении услуги
mail-refused-title = Отказ в предоставлении услуги
mail-refused-lead = К сожалению, по вашему обращению принято решение об отказе в предоставлении услуги.
mail-refused-next = Когда причины отказа будут устранены, вы можете подать новое обращение в личном кабинете. Решение об отказе можно обжаловать в досудебном порядке (жалобой главе управы района, поданной лично или почтой) либо в суде.

## Ready.

mail-ready-subject = Обращение № { $number }: документ готов
mail-ready-title = Документ готов
mail-ready-lead = Документ по вашему обращению готов, его можно получить лично.
mail-ready-place = Где получить
mail-ready-from = Когда
mail-ready-from-date = с { $date }
mail-ready-hours = Часы выдачи
mail-ready-bring = Что взять с собой

## Handed over.

mail-handed-over-subject = Обращение № { $number }: документ выдан
mail-handed-over-title = Документ выдан
mail-handed-over-lead = Документ по вашему обращению выдан.
mail-handed-over-collected-by = Получатель
mail-handed-over-id-document = Документ, удостоверяющий личность
mail-handed-over-next = Если вы не получали этот документ и никому не поручали его получить, сразу сообщите об этом в управу района.

## Issued electronically.

mail-issued-electronically-subject = Обращение № { $number }: документ в электронной форме
mail-issued-electronically-title = Документ выдан в электронной форме
mail-issued-electronically-lead = Документ по вашему обращению оформлен в электронной форме — приходить за ним в управу не нужно.
mail-issued-electronically-file = Файл

## Answered (a consultation).

mail-answered-subject = Обращение № { $number }: дан ответ
mail-answered-title = Ответ на ваше обращение
mail-answered-lead = Специалист управы района ответил на ваше обращение.
mail-answered-next = Ответ также доступен в личном кабинете.

## Withdrawn.

mail-withdrawn-subject = Обращение № { $number } отозвано
mail-withdrawn-title = Обращение отозвано
mail-withdrawn-lead = Ваше обращение отозвано, работа по нему прекращена.
mail-withdrawn-next = Если вы отозвали обращение по ошибке, подайте новое обращение в личном кабинете.

## A message from the council.

mail-message-subject = Обращение № { $number }: сообщение от управы
mail-message-title = Сообщение по вашему обращению
mail-message-lead = Управа района направила вам сообщение по обращению.
mail-message-heading = Текст сообщения
mail-message-reply = Ответ на это письмо не дойдёт до специалиста. { $how ->
        [phone] Если нужно ответить или что-то уточнить, позвоните в управу или приходите в часы приёма: телефон и адрес указаны ниже.
        [visit] Если нужно ответить или что-то уточнить, приходите в управу в часы приёма: адрес указан ниже.
       *[none] Если нужно ответить или что-то уточнить, обратитесь в управу района.
    }

## Deadline extended.

mail-deadline-extended-subject = Обращение № { $number }: срок продлён
mail-deadline-extended-title = Срок рассмотрения продлён
mail-deadline-extended-lead = Срок рассмотрения вашего обращения продлён до { $date }
mail-deadline-extended-from = Прежний срок
mail-deadline-extended-to = Новый срок
mail-deadline-extended-reason = Причина продления

## Corrected.

mail-corrected-subject = Обращение № { $number }: подано исправленное обращение
mail-corrected-title = Подано исправленное обращение
mail-corrected-lead = Вместо этого обращения вы подали исправленное, ему присвоен номер { $new }.
mail-corrected-next = Дальнейшие уведомления будут приходить по обращению № { $new }.

## Confirmation of an e-mail address (no personal data, no appeal in these).

mail-confirmation-requested-subject = Подтвердите адрес электронной почты
mail-confirmation-requested-title = Подтвердите адрес электронной почты
mail-confirmation-requested-lead-account = Этот адрес указали для писем «Электронной приёмной» о ваших обращениях в управу района — при выдаче ПИН-кода или в личном кабинете. Подтвердите его, чтобы получать уведомления о своих обращениях.
mail-confirmation-requested-lead-question = Этот адрес электронной почты указали, задавая вопрос в «Электронной приёмной». Подтвердите его: вопрос будет передан специалисту сразу после подтверждения, а ответ придёт на этот адрес.
mail-confirmation-requested-button = Подтвердить адрес
mail-confirmation-requested-valid = Ссылка действует { $n } { $n ->
        [one] день
        [few] дня
       *[many] дней
    }.
mail-confirmation-requested-expired-account = Если ссылка устареет, войдите в личный кабинет по ПИН-коду и отправьте новую.
mail-confirmation-requested-expired-question = Если не подтвердить адрес за это время, вопрос будет удалён и его придётся задать заново.
mail-confirmation-requested-privacy = Пока адрес не подтверждён, мы не отправляем на него никаких сведений.
mail-confirmation-requested-ignore = Если вы не указывали этот адрес, просто не обращайте внимания на это письмо: без подтверждения адрес использоваться не будет.

# `outbox show` of a sent confirmation request, in place of its link (not kept once sent).
mail-confirmation-link-not-kept = [ссылка для подтверждения после отправки не хранится]

## E-mail address confirmed.

mail-email-confirmed-subject = Адрес электронной почты подтверждён
mail-email-confirmed-title = Адрес подтверждён
mail-email-confirmed-lead-account = Спасибо! Адрес электронной почты подтверждён: теперь уведомления о ваших обращениях будут приходить на него.
mail-email-confirmed-lead-question = Спасибо! Адрес электронной почты подтверждён, ваш вопрос передан специалисту. Ответ придёт на этот адрес.

## A question asked without a PIN was answered.

mail-question-answered-subject = Ответ на ваш вопрос
mail-question-answered-subject-dated = Ответ на ваш вопрос от { $date }
mail-question-heading = Ваш вопрос
mail-question-address = Адрес, указанный в вопросе
mail-question-answered-title = Ответ на ваш вопрос
mail-question-answered-lead = Специалист управы района ответил на вопрос, который вы задали в «Электронной приёмной».

## The account's PIN stopped working (mailed to the address the resident confirmed).

mail-pin-reissued-subject = Вам выдан новый ПИН-код
mail-pin-reissued-title = Выдан новый ПИН-код
mail-pin-reissued-lead = В управе района вам выдали новый ПИН-код для входа в личный кабинет «Электронной приёмной», а прежний перестал действовать. Ваши обращения и их история сохранены.
mail-pin-reissued-next = Если новый ПИН-код получали не вы и никого об этом не просили, сразу сообщите в управу района: этот ПИН-код отзовут, а вам выдадут новый.
mail-pin-left-subject = Ваш ПИН-код больше не действует
mail-pin-left-title = ПИН-код больше не действует
mail-pin-left-lead = По данным реестра ГУ ИС вы больше не зарегистрированы в районе, поэтому ваш ПИН-код для входа в личный кабинет «Электронной приёмной» перестал действовать.
mail-pin-left-next = Если это ошибка, обратитесь в «одно окно» управы района с паспортом.
mail-pin-revoked-subject = Ваш ПИН-код отозван
mail-pin-revoked-title = ПИН-код отозван
mail-pin-revoked-lead = Управа района отозвала ваш ПИН-код для входа в личный кабинет «Электронной приёмной»: войти с ним больше нельзя. Ваши обращения и их история сохранены.
mail-pin-revoked-next = Новый ПИН-код выдают в «одном окне» управы района по паспорту. Если вы не просили отзывать ПИН-код, сообщите об этом в управу.
mail-email-change-subject = Запрошена смена адреса для писем
mail-email-change-title = Письма просят присылать на другой адрес
mail-email-change-lead = В личном кабинете «Электронной приёмной» попросили присылать письма о ваших обращениях на адрес { $email }. Когда по ссылке из письма, отправленного на него, подтвердят адрес, письма будут приходить туда, а на этот адрес — больше нет.
mail-email-change-next = Если адрес меняли не вы, не подтверждайте его и сразу сообщите в управу района: вашим ПИН-кодом мог воспользоваться кто-то другой — его отзовут, а вам выдадут новый.
