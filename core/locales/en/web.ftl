## The residents' web server (intake-server): pages, errors, the start-up lines.

web-site-name = e-Reception
web-skip-to-content = Skip to main content
web-title-error-prefix = Error:
web-nav-label = Main menu
web-nav-my-appeals = My appeals
web-nav-new-appeal = New appeal
web-nav-services = Services
web-nav-sign-in = Sign in
web-nav-sign-out = Sign out
web-nav-ask = Ask a question
web-footer-text = The district council's e-Reception: documents and consultations without queuing.
web-footer-help = How to use e-Reception: PIN, addresses and office hours
web-footer-privacy = Personal data processing
web-footer-api = API documentation (OpenAPI)
web-back-to-list = Back to your appeals

web-datetime = { $date }, { $time }
web-size-bytes = { $n } { $n ->
        [one] byte
       *[other] bytes
    }
web-size-kb = { $n } KB
web-size-mb = { $n } MB

## Sign-in.

web-sign-in-title = Sign in to your private section
web-sign-in-lead = Enter the account number and PIN from the slip you were given at the council's one-window desk.
web-sign-in-number = Account number
web-sign-in-number-hint = 10 digits, for example 4082915730
web-sign-in-pin = PIN
web-sign-in-pin-hint = 8 characters, for example KM7R-3XTA. The hyphen is optional.
web-sign-in-submit = Sign in
web-sign-in-needed = Sign in to your private section to open this page.
web-sign-in-unsent = Your session ended after { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } of inactivity, so the form was not sent and what you typed was not kept. Sign in again and fill in the form once more; a long text is easier to write elsewhere first.
web-sign-in-carried = Your session ended after { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } of inactivity, so your appeal was not sent. What you typed into the form is not lost: sign in again and the same form will open with your details.
web-sign-in-carried-signed-out = You have signed out of your private section (in this or another browser window), so your appeal was not sent. What you typed into the form is not lost: sign in again and the same form will open with your details.
web-signed-out = You have signed out of your private section.
web-sign-in-undone = Your session in the private section has ended (or you signed out in another browser window), so nothing was done. Sign in again and repeat what you were doing.
web-sign-in-no-pin-title = No PIN?
web-sign-in-no-pin = PINs are issued at the council's one-window desk on showing your passport. You can also ask a question without a PIN — the answer comes by email.
web-sign-in-ask-link = Ask a question without a PIN
web-sign-in-services-link = Which services are available

## Public information: how to use the reception, the notice on personal data.

web-sign-in-offices-link = Where and when PINs are issued
web-help-title = How to use e-Reception
web-help-lead = Through e-Reception, residents of the district apply for documents and consultations and ask the district council questions without queuing.
web-help-who-title = Who can file an appeal
web-help-who = Residents registered in the district (or living there under a contract with the owner) in a building whose utility bills are issued by the district's state engineering-services institution (ГУ ИС): their details are in the ГУ ИС resident registry. Anyone can ask a question; no PIN is needed for that.
web-help-pin-title = How to get a PIN
web-help-pin = Come with your passport to the one-window desk of your district council during office hours. The clerk finds you in the ГУ ИС registry and prints a slip with your account number and PIN. The PIN is only on that slip and cannot be looked up again, so keep the slip private. Give the clerk your email address: emails about your appeals will go there.
web-help-pin-lost = If you have lost the slip or someone else has learnt your PIN, come to the one-window desk with your passport: the old PIN will be revoked and a new one issued. Council staff never ask for your PIN by phone.
web-help-visit-title = When you need to come to the council
web-help-visit-pin = Once, to get your PIN.
web-help-visit-pickup = Once more to collect a finished document, unless the service needs no visit. Where to collect it, what to bring and when to come will be on the appeal's page and in the email saying that the document is ready.
web-help-visit-originals = With original documents, if the clerk asks for them. Which documents to bring, and by which day, will be on the appeal's page and in an email.
web-help-visit-none = The list of services says which ones need no visit and for which documents you have to come in.
web-help-services-link = List of services
web-help-offices-title = Addresses and office hours
web-help-offices-none = The councils' addresses have not been entered yet.
web-help-office-address = Address
web-help-office-hours = Office hours
web-help-office-phone = Phone
web-help-letters-title = Emails
web-help-letters = We report every step of the work on your appeal in your private section, and by email once your address is confirmed. To confirm it, follow the link in the email sent to it after your PIN is issued.
web-help-ask-title = Questions without a PIN
web-help-ask = You can ask a question without a PIN and without a visit: a council clerk's answer will arrive by email within 30 days.

web-privacy-title = Personal data processing
web-privacy-lead = How the district council processes your personal data in e-Reception (Federal Law No. 152-FZ of 27.07.2006 “On Personal Data”).
web-privacy-operator-title = Who processes the data
web-privacy-operator = The operator of your personal data is the district council you apply to:
web-privacy-what-title = Which data, and why
web-privacy-what-registry = From the ГУ ИС registry: surname, first name, patronymic, date of birth, registered address and kind of registration — to issue your PIN and to check the details you enter in an appeal against the registry automatically.
web-privacy-what-email = Your email address and the language of emails — to tell you how the work on your appeals is going.
web-privacy-what-appeals = Everything you enter in an appeal form (including details of family members, such as your children for the large-family certificate), the progress of the appeal and the documents issued — to provide the service.
web-privacy-what-questions = A question without a PIN: your name, email address, address (if you gave one) and the text of the question — to answer it.
web-privacy-what-sign-in = When you sign in, the number of failed attempts, so that nobody can guess your PIN. The PIN itself is kept only in a form from which it cannot be recovered.
web-privacy-basis = The data are processed to provide public services and to consider citizens' appeals (Article 6(1)(4) of Federal Law No. 152-FZ; Federal Laws No. 210-FZ of 27.07.2010 “On the Organisation of the Provision of State and Municipal Services” and No. 59-FZ of 02.05.2006 “On the Procedure for Considering Appeals from Citizens of the Russian Federation”).
web-privacy-who-title = Who sees the data
web-privacy-who = Only the district council's staff: the clerks and supervisors of the one-window desk and the system's administrators; every action they take is recorded in a log. The data are not passed to anyone else except where the law requires it.
web-privacy-keep-title = How long the data are kept
web-privacy-keep = Finished appeals and answered questions are kept for the period the council sets for such cases and then deleted together with their history and emails. A question whose email address was never confirmed is deleted when the link in the email expires (after 7 days).
web-privacy-cookies-title = Cookies
web-privacy-cookies = The site uses only necessary cookies: your session in the private section (it ends when you sign out or after { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } of inactivity), the language you chose, a security code for forms and, briefly, the encrypted contents of a form sent after the session ended (so that what you typed is not lost) and the address the email about your question went to (for an hour, to show it on the next page). There are no visitor counters or advertising on the site.
web-privacy-rights-title = Your rights
web-privacy-rights = You have the right to know which of your personal data the council processes and to require it to correct, block or destroy them if they are incomplete, out of date or inaccurate (Article 14 of Federal Law No. 152-FZ). The council answers such a request within 10 working days.
web-privacy-rights-how = Apply to the district council in person with your passport, or in writing.
web-privacy-complain = If you believe the council is violating your rights, you can appeal against its actions to Roskomnadzor or in court (Article 17 of Federal Law No. 152-FZ).

## The private section.

web-home-title = My appeals
web-home-greeting = Hello, { $name }!
web-home-greeting-plain = Hello!
web-home-new-appeal = File a new appeal
web-home-empty = You have not filed any appeals through e-Reception yet.
web-home-list-title = Appeals
web-home-mail-title = Emails
web-home-mail-to = Emails about your appeals go to { $email }, in { $language }.
web-home-mail-unconfirmed = The address { $email } is not confirmed yet: open the link in the email we sent to it and press “Confirm the address”. Until it is confirmed, no emails about your appeals are sent; follow them on this page.
web-home-mail-none = We have no email address for you, so no emails about your appeals are sent: follow them on this page, or give an address.
web-home-mail-resend-note = The link is valid for { $days } { $days ->
        [one] day
       *[other] days
    }. If the email has not arrived (look in the spam folder too) or the link has expired, send it again. You can ask for a new link at most once every { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } and { $per_day } { $per_day ->
        [one] time
       *[other] times
    } a day.
web-home-mail-resend = Send the link again
web-resend-sent-title = Link sent
web-resend-sent = We have sent a new confirmation link to your address. Open the email and press “Confirm the address”. Links in earlier emails keep working until they expire.
web-resend-wait-title = Please wait a little
web-resend-wait = You can ask for a new link after { $time }. The email with the earlier link may have landed in the spam folder: please check it.
web-resend-back = Back to your private section
web-home-mail-switch-en = Send emails in English
web-home-mail-switch-ru = Send emails in Russian
web-home-mail-changed-en = Done: the next emails will be in English.
web-home-mail-changed-ru = Done: the next emails will be in Russian.
web-home-mail-change = Change the address
web-home-mail-add = Give an address
web-email-title = Address for emails
web-email-current = Emails about your appeals now go to { $email }.
web-email-current-unconfirmed = The address { $email } is not confirmed yet, so no emails are sent to it. If it is wrong, give the right one.
web-email-current-none = We have no email address for you, so no emails about your appeals are sent. Give an address: once it is confirmed, emails will go to it.
web-email-pending = The new address { $email } is waiting to be confirmed: emails will go to it once you open the link in the email sent to it and press “Confirm the address”.
web-email-new = New email address
web-email-new-hint = A confirmation link will be sent to this address.
web-email-note = The link is valid for { $days } { $days ->
        [one] day
       *[other] days
    }. It can be sent at most once every { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    } and { $per_day } { $per_day ->
        [one] time
       *[other] times
    } a day.
web-email-submit = Send the link to the new address
web-email-sent-title = Link sent
web-email-sent = We have sent a confirmation link to { $email }. Open the email and press “Confirm the address”.
web-email-sent-next = Emails about your appeals will then go to this address. If the email has not arrived, look in the spam folder.
web-email-sent-meanwhile = Until the new address is confirmed, emails go to the earlier one, { $email }. We have told it that the address is being changed.
web-email-kept-title = The address is unchanged
web-email-same = Emails already go to { $email }.
web-email-called-off = Emails still go to { $email }. The change of address is called off: the link sent to the new address no longer works.
web-email-error-too-soon = The email with the link can be sent after { $time }.
web-mail-lang-ru = Russian
web-mail-lang-en = English
web-fact-number = Number
web-fact-status = Status
web-fact-filed = Filed on
web-fact-due = Due
web-fact-register-by = To be registered by
web-fact-term = Processing time
web-fact-visit = Visiting the council
web-fact-originals = Originals you may be asked to bring
web-fact-corrects = Corrects appeal

## Services.

web-services-title = Choose a service
web-services-lead = Every service is requested through your private section. We tell you about each step there and by email.
web-services-sign-in-first = To file an appeal, sign in to your private section first.
web-services-choose = File an appeal
web-visit-consultation = No visit: the specialist's answer comes to your private section and by email.
web-visit-none = No visit: the document is issued electronically in your private section.
web-visit-once = One visit: you come to the council once to collect the finished document.

## The filing form.

web-form-caption = New appeal
web-form-caption-corrected = Corrected appeal
web-form-title-corrected = Corrected appeal: { $service }
web-form-identity-legend = Your details
web-form-identity-hint = Enter your name, date of birth and registered address exactly as the district's ГУ ИС registry has them. We check them automatically.
web-form-service-legend = Details for the service
web-form-optional = (optional)
# A patronymic: one that exists must be given as in the registry.
web-form-if-you-have-one = (if you have one)
web-form-if-any = (if any)
web-form-date-hint = For example, 14.03.1985
web-form-date-format-hint = As DD.MM.YYYY
web-form-street-hint = For example, ул. Новый Арбат
web-form-number-hint = A number from { $min } to { $max }
web-form-persons-range = You can list from { $min } to { $max } people.
web-form-person-legend = Person { $n }
web-form-person-part = { $label }, person { $n }, { $part }
web-form-add-person = Add another entry
web-form-remove-person = Remove this entry
web-form-person-item-legend = { $item } { $n }
web-form-person-item-part = { $item } { $n }, { $part }
web-form-long-text-hint = Up to { $max } characters.
web-form-check-note = Please check the details before sending: the specialist prepares the document from them.
web-form-check-note-consultation = Please check the details before sending: the specialist prepares the answer from them.
web-form-submit = Send the appeal
web-form-send = Send
web-form-corrects = This is a corrected appeal. The details are taken from the appeal that was refused registration:
web-form-carried = You are signed in again. Your appeal has not been sent yet: check that everything is right and press “Send the appeal”.
web-form-mismatch-title = Your details do not match the ГУ ИС registry
web-form-mismatch-lead = Check the fields marked below and enter them as the registry has them. If the registry is wrong, contact the district's ГУ ИС.

## An appeal's page.

web-appeal-caption = Appeal
web-appeal-filed-banner = Your appeal has been received. Its number is { $number }. Keep the number: you can follow the appeal's progress with it.
web-appeal-withdrawn-banner = The appeal has been withdrawn.
web-appeal-resent-banner = This form had already been sent: appeal { $number } was filed from it. Changes made to the form after that have not been saved. Check the details below under “What the appeal says”; if they are wrong, withdraw the appeal and file a new one.
web-appeal-filed-unmatched = Not all the details matched the ГУ ИС registry at your address: { $names }. The specialist will check them, but if you made a typo (in a date of birth, say), it is better to withdraw the appeal and file a corrected one.
web-appeal-documents = Documents
web-appeal-download = Download the document
web-appeal-messages = Messages from the council
web-appeal-timeline = Progress
web-appeal-filed-data = What the appeal says
web-filed-applicant = Applicant
web-filed-birth-date = Date of birth
web-filed-address = Registered address
web-appeal-withdraw-title = Withdraw the appeal
web-appeal-withdraw-lead = If you no longer need the service, you can withdraw the appeal. Work on it will stop.
web-appeal-withdraw = Withdraw the appeal
web-appeal-correct = File a corrected appeal
web-appeal-corrected-by = A corrected appeal has been filed for this one:
web-appeal-open = Open appeal No. { $number }
web-appeal-not-withdrawable = This appeal can no longer be withdrawn: work on it has finished.
web-appeal-open311 = The address for apps that show the appeal's status without signing in (Open311 format, contains no personal data):
web-panel-refused-title = Why it was refused and how to fix it
web-panel-originals-title = Bring the original documents
web-panel-suspended-title = Work on the appeal is suspended
web-panel-suspended-lead = The original documents were not brought in time. To resume the work, bring them to the council.
web-panel-ready-title = The document is ready to collect
web-panel-issued-electronically-title = The document has been issued electronically
web-panel-issued-electronically = There is no need to visit the council: download the document under “Documents” below.
web-panel-answered-title = The specialist's answer

## An open appeal past its deadline (the page and the list).

web-overdue-title = The deadline passed on { $date }
web-overdue-lead = Your appeal has not been completed yet. To find out why and when to expect the result, contact the district council.
web-overdue-where = Address: { $address }
web-overdue-hours = Office hours: { $hours }
web-overdue-phone = Phone: { $phone }

## Withdrawal.

web-withdraw-title = Withdraw the appeal?
web-withdraw-warning = Once withdrawn, work on the appeal stops. This cannot be undone — file a new appeal if you need the service again.
web-withdraw-confirm = Yes, withdraw the appeal
web-withdraw-cancel = No, back to the appeal

## The timeline.

web-tl-remedy = How to fix it: { $text }
web-tl-explanation = The specialist's explanation: { $text }
web-tl-originals-what = What to bring: { $list }
web-tl-originals-where = Where: { $place }
web-panel-originals-due-passed = The due date ({ $date }) has passed: the appeal will be completed once you bring the originals.
web-tl-originals-by = By: { $date } inclusive
web-tl-ready-where = Where to collect it: { $place }
web-tl-ready-hours = Collection hours: { $hours }
web-tl-ready-from = Available from { $date }
web-tl-ready-bring = Bring: { $bring }

## Questions.

web-question-title = Ask a question
web-question-lead = You can ask a question without a PIN. A council specialist answers by email within 30 days.
web-question-name = Your name
web-question-email = Email address
web-question-email-hint = We send a confirmation link to this address, and then the answer.
web-question-district-legend = District or address
web-question-district-hint = Choose your district from the list or give an address and we will find the district. If your question is about your building or yard, give the address even when you choose the district: the council's specialist sees it with your question.
web-question-district = District
web-question-district-none = — choose a district —
web-question-address = Address
web-question-address-label = Address
web-question-address-hint = For example, ул. Новый Арбат, д. 12
web-question-text = Your question
web-question-text-hint = Up to 4000 characters.
web-question-email-note = Your question reaches the specialists once you confirm your email address with the link we send you.
web-question-privacy = The district council uses your name, email address, the address (if you give one) and your question only to answer it (Federal Law No. 152-FZ of 27.07.2006 “On Personal Data”); only the council's staff see them.
web-question-submit = Send the question
web-question-error-district = Choose a district from the list.
web-question-error-no-district = Choose a district or give an address.
web-question-error-address = Give a street and house number, for example “ул. Новый Арбат, д. 12”.
web-question-error-address-unknown = We could not find the district of this address. Choose a district from the list.
web-question-error-too-many-letters = Several emails with confirmation links have already been sent to this address in the last 24 hours. To protect mailboxes from mass mailing, the next one can be sent after { $time }. If the emails have arrived, confirm your question with the link in any of them.
web-question-error-too-many-questions = Many questions have been sent from this device recently, so this one has not been sent yet. The text stays in the form: send it in { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }.
web-question-sent-title = Check your email
web-question-sent = We have sent you an email with a link. Open the email, follow the link and press “Confirm the address” — then your question goes to the council's specialists. The link is valid for 7 days; after that, an unconfirmed question is deleted.
web-question-sent-spam = If the email has not arrived, check your spam folder.
web-question-sent-to = The email was sent to { $email }.
web-question-sent-wrong = If the address is wrong, the email will not arrive. Ask the question again with the right address; nobody will see the question with the wrong one, and it will be deleted automatically after 7 days.
web-question-ask-again = Ask the question again
web-confirm-page-address = Address: { $email }

## Confirmation links.

web-confirm-question-title = Address confirmed
web-confirm-question = Thank you! Your question has been passed to the district council's specialists. The answer will come by email.
web-confirm-account-title = Address confirmed
web-confirm-account = Thank you! Notifications about your appeals will now come to this address.
web-confirm-already-title = Address already confirmed
web-confirm-already = This link has already been used; there is no need to confirm the address again.
web-confirm-invalid-title = The link is not valid
web-confirm-invalid = The link has expired or was mistyped. If you asked your question more than 7 days ago, please ask it again. If it is the link for the address you gave when you got your PIN, sign in to your private section and send it again.
web-confirm-page-title = Confirm your email address
web-confirm-page-account = Press the button to confirm that this address is yours. Notifications about your appeals will then come to it.
web-confirm-page-question = Press the button to confirm the address. Your question will then be passed to the district council's specialists, and the answer will come to this address.
web-confirm-page-not-you = If you did not give this address or ask a question, just close this page. The address is confirmed only when the button is pressed.
web-confirm-submit = Confirm the address

## Errors.

web-error-prefix = Error:
web-error-summary-title = There is a problem
web-error-summary-item = { $label }: { $message }
web-error-reference = Error reference for support:
web-error-home-link = Go to the home page
web-error-refused-title = Not available
web-error-not-found-title = Page not found
web-error-not-found = Check the address. If you followed a link from an email, sign in with your account number and PIN.
web-error-not-found-signed-in = Check the address. If you followed a link from an email and the appeal was filed through another private section (by a member of your family, say), sign out and sign in with that section's account number and PIN.
web-error-unauthorized-title = Sign in required
web-error-unauthorized = Sign in to your private section to get this information.
web-error-bad-request-title = Bad request
web-error-bad-request = Your browser sent data that could not be read. Go back and try again.
web-error-csrf-title = The form has expired
web-error-csrf = The page with the form was opened too long ago or in another window. Open the form again and resend it.
web-error-too-large-title = Too much data
web-error-too-large = The form holds more data than the server takes at once: a very long text, for example.
web-error-too-large-back = Go back to the form with your browser's Back button: what you typed is kept that way. Shorten the text and send the form again.
web-error-back-to-form = Back to the form
web-error-already-corrected-title = A corrected appeal has already been filed
web-api-error-not-found = Not found.
web-error-media-type-title = Unsupported format
web-error-media-type = The server accepts ordinary browser forms only.
web-error-timeout-title = Timed out
web-error-timeout = The form took too long to arrive. Check your internet connection and try again.
web-error-no-calendar = An appeal cannot be filed right now: the production calendar used to count deadlines is missing. Please try later or contact the district council.
web-error-too-many-title = Too many sign-in attempts
web-sign-in-failed-title = Sign-in failed
web-sign-in-locked = There have been too many wrong attempts. { $until } If you have forgotten or lost your PIN, go to the council's one-window desk.
web-error-too-many = There have been too many sign-in attempts from this device. Try again in { $seconds } { $seconds ->
        [one] second
       *[other] seconds
    }.
web-error-busy-title = The server is busy
web-error-busy = There are too many requests right now. Wait a minute and try again.
web-error-internal-title = Something went wrong
web-error-internal = An internal error occurred. Your data is safe; please try again in a few minutes.
# The database could not be reached (503): nothing is wrong with the request.
web-error-unavailable-title = The service is temporarily unavailable
web-error-unavailable = E-Reception cannot reach its database just now. If you sent a form, it has not been saved. Please try again in a few minutes.
web-error-method = This address does not support this kind of request.
web-error-cannot-withdraw = This appeal can no longer be withdrawn: work on it has finished.
web-error-account = Your PIN is no longer valid. Ask the council's one-window desk for a new one.
web-error-resident-left = According to the ГУ ИС registry you are no longer registered in the district, so you cannot file an appeal. Please contact the council's one-window desk.

## Open311 descriptions.

web-open311-date = A date as YYYY-MM-DD
web-open311-persons = A list of people: surname, name, patronymic, date of birth
web-open311-ids-needed = Name the appeals in service_request_id (their public ids, comma-separated): the server does not list appeals.
web-open311-ids-too-many = At most 50 appeals per request.

## The command line and start-up.

server-about = e-Reception's web server for residents: the forms, the private section, the JSON and Open311 APIs.
server--listen = The address to listen on (default 127.0.0.1:8080).
server--no_mail_worker = Do not send mail in this process (clerk-tui outbox work sends it then).
web-cli-error = error
web-start-database = Database: { $url }
web-start-catalogue-seeded = The standard service catalogue was loaded into the database.
web-start-open-failed = cannot open the database
web-start-state-failed = cannot prepare the server
web-start-mail-failed = cannot start the mail delivery
web-start-mail-on-file = Mail delivery: running in this process; letters are written as .eml files into { $dir } (no SMTP server is set).
web-start-mail-on-smtp = Mail delivery: running in this process, through the SMTP server { $server }.
web-start-mail-off = Mail delivery: off (run “clerk-tui outbox work”).
web-start-bind-failed = cannot listen on { $addr } ({ $detail })
web-start-bind-in-use = the address { $addr } is already taken by another program — perhaps the server is already running. Stop it or give another port in listen ([server] in the configuration file), ERECEPTION_LISTEN or --listen ({ $detail })
web-start-bind-not-here = this computer has no address { $addr }: give one of its addresses, or 0.0.0.0 to listen on all of them ({ $detail })
web-start-bind-privileged = the port of { $addr } is below 1024, which only the system administrator may take: give a port from 1024 up (8080, say) and pass requests to it through a reverse proxy ({ $detail })
web-start-listening = Listening on { $addr }; residents use { $url }
web-start-stopped = The server has stopped.
