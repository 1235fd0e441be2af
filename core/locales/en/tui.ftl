## The clerk's terminal (clerk-tui without a command) and the demo launcher.

tui-needs-terminal = The clerk's desk needs a terminal: run clerk-tui in a terminal window, or over SSH with a terminal allocated (ssh -t).
tui-terminal-failed = The terminal failed
tui-busy = Working…
tui-loading = Loading…
tui-nobody = nobody
tui-not-available = This is not possible for the appeal in its current state.
tui-supervisors-only = Only supervisors can do this.
tui-quit-close-form-first = To quit the program, close the form first (Esc).
tui-extended-once = The deadline has already been extended; it can be extended only once.
tui-already-taken = The appeal is already assigned: { $name }. A supervisor can reassign it.
tui-last-stage = This is the last stage: { $next }.
tui-last-stage-ready = mark the document ready ({ $key })
tui-last-stage-issue = issue the document electronically ({ $key })
tui-last-stage-or = { $first } or { $second }
tui-lang-ru = Russian
tui-lang-en = English
tui-welcome = Welcome, { $name }!
tui-session-ended-disabled = Your account has been disabled by the administrator. You have been signed out.
tui-session-ended-changed = The administrator has changed your role or district. Please sign in again.
tui-signed-out = You have signed out. Sign in to go on working.

## Sign-in

tui-sign-in-title = One-window desk
tui-sign-in-box = Sign in
tui-field-login = Login
tui-field-password = Password
tui-sign-in-hint = Enter: sign in, Tab: other field, Esc: quit
tui-sign-in-empty = Enter your login.
tui-sign-in-checking = Checking the password…
tui-sign-in-failed = Wrong login or password.
tui-sign-in-failed-left = Wrong login or password. { $n ->
        [one] { $n } attempt is
       *[other] { $n } attempts are
    } left before the account is locked.
tui-sign-in-disabled = The account is disabled. Ask an administrator.
tui-sign-in-no-district = The account has no district: the desk opens only for a district's staff.

## The lock screen (idle or by the clerk's key): no personal data on it

tui-lock-title = Screen locked
tui-lock-box = The desk is locked
tui-lock-clerk = Staff member: { $name }
tui-lock-idle = Locked at { $time } after { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    } without a key press.
tui-lock-manual = You locked the screen at { $time }.
tui-lock-hint = { $unlock }: unlock, { $end }: end the session
tui-lock-empty = Enter your password.
tui-lock-wrong = Wrong password.
tui-lock-wrong-left = Wrong password. { $n ->
        [one] { $n } attempt is
       *[other] { $n } attempts are
    } left before sign-in is locked.
tui-lock-confirm-end = End the session? Unsaved text will be lost.
tui-lock-confirm-end-slip = End the session? The PIN slip will not be shown again.

## The residents' web server under `clerk-tui start` stopped while the terminal runs

tui-server-stopped-code = The web server stopped (code { $code }), log: { $log }
tui-server-stopped-signal = The web server was stopped by signal { $signal }, log: { $log }
tui-server-stopped-short = The residents' form is down

## Dashboard

tui-dashboard-title = Home: queues and deadlines
tui-dashboard-queues = Queues
tui-dashboard-deadlines = Deadlines
tui-dashboard-overdue = Overdue
tui-dashboard-registration-overdue = Not registered within 3 days
tui-dashboard-due-today = Due today
tui-dashboard-questions-overdue = Questions overdue
tui-dashboard-questions-due-today = Questions due today
tui-dashboard-email-failed = Mail not delivered
tui-dashboard-resident-left = Resident left the registry
tui-dashboard-undelivered = Undelivered mail: { $n }
tui-dashboard-all-delivered = All mail was delivered.
tui-dashboard-undelivered-questions = Answers to questions: { $n } — in the “Questions” queue, marked @.

## Queues

tui-queue-new = New
tui-queue-in-progress = In progress
tui-queue-originals = Originals
tui-queue-ready = Pickup
tui-queue-consultations = Consult.
tui-queue-questions = Questions
tui-queue-overdue = Overdue
tui-queue-all = All
tui-queue-new-title = New: to register
tui-queue-in-progress-title = In progress
tui-queue-originals-title = Waiting for originals
tui-queue-ready-title = Ready for pickup
tui-queue-consultations-title = Consultations
tui-queue-questions-title = Questions without a PIN
tui-queue-overdue-title = Overdue
tui-queue-all-title = All appeals
tui-queue-page = Page { $n }
tui-queue-searching = search “{ $text }”
tui-queue-mine = mine only
tui-queue-stage = stage “{ $stage }”
tui-queue-more = more follow
tui-queue-empty = The queue is empty.
tui-queue-empty-mine = None of your appeals are in this queue. m — show everyone's.
tui-queue-empty-stage = No appeals are at this stage. f — another stage.
tui-queue-nothing-found = Nothing found. Change the search (/) or clear it.
tui-sort-filed = by filing date
tui-sort-due = by deadline
tui-sort-number = by number
tui-sort-applicant = by applicant
tui-sort-asked = by date asked
tui-sort-questions = Questions are always in the order they were asked.
tui-mine-questions = Questions are not assigned to clerks.
tui-stage-only-in-progress = Filtering by stage exists in the “In progress” queue only.
tui-search-title = Search
tui-field-search = Number, surname or address (empty: show everything)
tui-field-search-questions = Name, email, address or words of the question (empty: show everything)
tui-col-number = Number
tui-col-applicant = Applicant
tui-col-service = Service
tui-col-status = State
tui-col-due = Due
tui-col-originals = Originals
# The originals queue's column: the last day to bring them, or that they were not brought.
tui-originals-by = by { $date }
tui-originals-not-brought = not brought
tui-col-pickup = Pickup
# The ready queue's column: the first day the document can be collected.
tui-pickup-from = from { $date }
tui-col-marks = Flag
tui-col-asked = Asked
tui-col-name = Name
tui-col-question = Question
tui-col-clerk = Clerk
tui-col-overdue = Overdue
tui-col-full-name = Full name
tui-col-born = Born
tui-col-address = Address
tui-col-pin = PIN
tui-pin-held = yes
tui-pin-none = no

## An appeal

tui-appeal-status = State
tui-appeal-register-by = Register by
tui-appeal-due = Due
tui-appeal-extended = extended, was { $date }
tui-appeal-assigned = Assigned to
tui-appeal-filed = Filed
tui-appeal-lang = Applicant's language
tui-appeal-resident-left = The resident left the ГУ ИС registry.
tui-appeal-email-failed = Mail to the applicant was not delivered.
tui-appeal-corrects = A corrected appeal in place of a refused one.
tui-appeal-applicant = Applicant
tui-appeal-fields = What was filed
tui-appeal-check = Check against the ГУ ИС registry
tui-appeal-check-none = No registration data was kept for the check.
tui-check-found = in the registry at this address
tui-check-not-found = not found among the residents at this address
tui-appeal-timeline = Timeline
tui-appeal-documents = Documents
tui-appeal-no-documents = None.
tui-appeal-document = { $name } · { $type } · { $size } bytes · { $date }

## The timeline


## A question

tui-question-title = Question no. { $id } · { $name }
tui-question-open = Waiting for an answer
tui-question-answered = Answered
tui-question-answer-undelivered = Answered, but the letter with the answer was not delivered
tui-question-unconfirmed = Email not confirmed
tui-question-address = Address given
tui-question-text = Question
tui-question-answer = Answer

## Decisions: forms and confirmations

tui-field-grounds = Grounds (Space: tick)
tui-field-explanation = Clerk's explanation ({ $lang }, optional)
tui-refuse-register-title = Refuse to register appeal no. { $number }
tui-refuse-title = Refuse the service for appeal no. { $number }
tui-originals-title = Originals for appeal no. { $number }
tui-field-originals = Originals to bring (Space: tick)
tui-field-place = Where
tui-field-by = Bring by (DD.MM.YYYY)
tui-ready-title = Document ready: appeal no. { $number }
tui-field-hours = Collection hours
tui-field-from = Can be collected from (DD.MM.YYYY)
tui-field-bring = What to bring
tui-field-bring-lang = What to bring ({ $lang })
tui-ready-bring-default = passport
tui-hand-over-title = Hand-over for appeal no. { $number }
tui-field-collected-by = Collected by
tui-field-id-document = Identity document shown (kind, series, number)
tui-field-id-document-short = Identity document shown
tui-issue-document-title = Electronic document: appeal no. { $number }
tui-field-path = Path to the file on the council host
tui-file-error = Cannot read the file { $path }: { $detail }
tui-file-not-a-document = The file «{ $name }» cannot be issued as a document: PDF, PNG, JPEG, TIFF, DOC, DOCX, ODT, RTF, TXT, XML and ZIP files and SIG and P7S signatures can.
tui-file-content-mismatch = The content of «{ $name }» does not match its extension: check that this is the right file.
tui-file-summary = { $type }, { $size } bytes
tui-answer-title = Answer
tui-answer-title-appeal = Answer to appeal no. { $number }
tui-answer-title-question = Answer to question no. { $id }
tui-field-canned = Canned answers (Enter: insert)
tui-field-answer = Answer
tui-message-title = Message to the applicant: appeal no. { $number }
tui-field-message = Message ({ $lang })
tui-extend-title = Extend the deadline: appeal no. { $number }
tui-field-days = By how many days (1–30)
tui-field-reason = Reason
tui-assign-title = Who handles appeal no. { $number }
tui-field-clerk = Clerk
tui-error-field-full = “{ $field }” is full: it takes no more than { $max } characters.
tui-error-required = Fill in “{ $field }”.
tui-error-date = “{ $value }” is not a date. Type it as DD.MM.YYYY.
tui-error-date-impossible = There is no such date as “{ $value }”: check the day and the month.
tui-error-date-year = “{ $value }”: check the year.
tui-error-days = Give a number of days from 1 to 30.
tui-error-answer-gap = The answer is not finished: replace { $gap } with the details.
tui-error-answer-colon = The answer is not finished: it ends with a colon. Write what follows it.
tui-error-search-empty = Fill in at least one field.
tui-error-flat-needs-house = A flat is searched together with the street and the house.
tui-confirm-heading = Confirm
tui-confirm-register = Register appeal no. { $number }?
tui-confirm-refuse-register = Refuse to register appeal no. { $number }? Grounds:
tui-confirm-refuse = Refuse the service for appeal no. { $number }? Grounds:
tui-confirm-next-stage = Move appeal no. { $number } to the stage “{ $stage }”?
tui-confirm-originals = Request originals for appeal no. { $number }?
tui-warn-visit-after-due = The appeal is due on { $date }, before this date.
tui-warn-visit-past-due = The appeal was due on { $date }: it is overdue already.
tui-warn-early-pickup = Note: pickup was set to start on { $date }, and today is earlier. Make sure the document is ready.
tui-warn-registry-mismatch = Note: { $n ->
        [one] { $n } person named in the appeal does
       *[other] { $n } people named in the appeal do
    } not match the ГУ ИС registry (see the card).
tui-confirm-originals-received = Were the originals for appeal no. { $number } brought?
tui-confirm-suspend = Suspend appeal no. { $number }: originals not brought in time?
tui-confirm-close = Close the suspended appeal no. { $number }?
tui-confirm-ready = Tell the applicant that the document for appeal no. { $number } is ready?
tui-confirm-hand-over = Record the hand-over for appeal no. { $number }?
tui-confirm-issue-document = Issue this file for appeal no. { $number }? The appeal will be complete.
tui-confirm-answer = Send the answer to appeal no. { $number }?
tui-confirm-answer-question = Send the answer to the question?
tui-confirm-message = Send the message about appeal no. { $number }?
tui-confirm-extend = Extend the deadline of appeal no. { $number } to { $date }? The applicant will be notified.
tui-summary-extend-from = Previous deadline: { $date }.
tui-summary-extend-moved = { $date } is a day off, so the deadline moves to the next working day.
tui-summary-extend-reason = Reason: { $reason }
tui-error-no-calendar = There is no production calendar for { $year }: choose a date no later than { $last } or contact the administrator.
tui-error-no-calendar-extend = There is no production calendar for { $year }, so the new deadline cannot be computed. Choose fewer days (a deadline no later than { $last }) or contact the administrator.
tui-confirm-assign = Assign appeal no. { $number } to { $name }?
tui-confirm-take = Take appeal no. { $number }?
tui-summary-place-by = { $place }; bring them by { $date }
tui-summary-place-from = { $place }; from { $date }
tui-summary-explanation = Clerk's explanation: { $text }
tui-summary-remedy = {"  "}How to fix it: { $text }
tui-done-registered = The appeal is registered.
tui-done-refused-register = Registration is refused.
tui-done-refused = The service is refused.
tui-done-next-stage = The appeal moved to the next stage.
tui-done-originals-requested = Originals are requested.
tui-done-originals-received = Originals recorded; work goes on.
tui-done-suspended = The appeal is suspended.
tui-done-closed = The appeal is closed.
tui-done-ready = The document is marked ready for collection.
tui-done-handed-over = The hand-over is recorded.
tui-done-issued = The document is issued electronically; the appeal is complete.
tui-done-answered = The answer is sent.
tui-done-question-answered = The answer to the question is sent.
tui-done-message = The message is sent.
tui-done-extended = The deadline is extended to { $date }.
tui-done-assigned = The clerk is assigned.
tui-notice-mailed = A letter is on its way to the applicant.
tui-notice-personal-area = The applicant has no confirmed email and will see this in their private section.

## Canned answers

tui-canned-error = The canned answers in { $path } were not loaded: { $detail }
tui-canned-1-title = Answer on the merits
tui-canned-1-text = Thank you for your appeal. We can tell you the following:
tui-canned-2-title = Not a matter for the council
tui-canned-2-text = Your question is not a matter for the district council. We suggest you contact [name the organisation and its contact details].
tui-canned-3-title = Office hours and address
tui-canned-3-text = You can come to the council's one-window desk in person at { $address }. Office hours: { $hours }. Please bring your passport.
tui-canned-4-title = More details needed
tui-canned-4-text = To answer on the merits we need more details. Please ask again and tell us:

## The PIN desk

tui-pin-desk-title = PIN desk: find a resident in the ГУ ИС registry
tui-pin-desk-hint = Press “/” to find a resident by surname, birth date or address.
tui-resident-search-title = Search the ГУ ИС registry
tui-field-surname = Surname (or its beginning)
tui-field-name = Name (or its beginning)
tui-field-birth-date = Birth date
tui-field-birth-date-typed = Birth date (DD.MM.YYYY)
tui-field-street = Street
tui-field-house = House, building, structure (17к2, 9 стр. 1)
tui-field-flat = Flat
tui-residents-found = Found: { $n } ({ $query })
tui-residents-found-more = More than { $n } found ({ $query }): the first { $n } are shown, narrow the search
tui-residents-none = Nobody found in the district's registry. Check the spelling or search by address.
tui-resident-title = Resident: { $name }
tui-resident-registration = Registration
tui-registration-permanent = permanent
tui-registration-temporary = temporary
tui-registration-contract = under an agreement with the owner
tui-resident-registry-id = Registry number
tui-resident-account = Private section
tui-resident-account-number = Account number
tui-resident-issued = PIN issued
tui-resident-issued-by = { $date }, { $clerk }, { $desk }
tui-no-active-pin = No active PIN.
tui-email-confirmed = { $email } (confirmed)
tui-email-unconfirmed = { $email } (waiting for confirmation)
tui-email-none = none
tui-field-email-pending = New email
tui-email-pending = { $email } (awaiting confirmation; emails go to the old one meanwhile)
tui-field-email = Email
tui-field-lang = Language of mail and the private section
tui-issue-pin-title = Issue a PIN
tui-reissue-pin-title = Issue a new PIN in place of the old one
tui-confirm-issue-pin = Issue a PIN to { $name }?
tui-confirm-reissue = The resident already holds an active PIN (account { $number }). Issue a new one?
tui-summary-email = Email { $email }: a confirmation link will be sent there.
tui-summary-no-email = No email: notices will appear in the private section only.
tui-summary-lang = Language: { $lang }
tui-summary-old-pin-stops = The account number and PIN will be new; the old ones stop working at once.
tui-summary-old-pin-mailed = The resident will be told of the new PIN by email at { $email }.
tui-pin-issued = PIN issued, account { $number }.
tui-revoke-title = Revoke a PIN
tui-revoke-reason-default = the PIN slip was lost
tui-confirm-revoke = Revoke the PIN of account { $number }? It will no longer open the private section.
tui-done-revoked = The PIN of account { $number } is revoked.
tui-done-revoked-mailed = The resident will be told by email at { $email }.
tui-slip-title = PIN slip: { $name }
tui-slip-account = Account { $number }.
tui-slip-email = An email confirmation link was sent to { $email }.
tui-slip-no-email = No email given.
tui-slip-print-hint = The slip goes to the printer; p prints it again.
tui-slip-once = The PIN is shown once. When the slip is closed it cannot be seen again — only a new one issued.
tui-printed = The slip was sent to the printer.
tui-confirm-discard = Close the form? What you typed will be lost.
tui-confirm-typing = You were still typing, so that key was not taken as "yes". If all is right, press y again; n returns to the form.
tui-confirm-leave-slip = The PIN will not be shown again. Have you printed or written it down?
tui-confirm-quit-server = Quit? The residents' form will stop working too.
tui-confirm-quit-server-detail = The web server was started together with this program and stops when you quit it: until it is started again, residents cannot sign in to their private section or file appeals.
tui-print-not-configured = Printing is not set up (print_command): copy the PIN from the screen onto a slip.
tui-print-failed = Printing through “{ $command }” failed: { $detail }

## The supervisor's view

tui-supervisor-title = Overdue appeals by clerk: { $n }
tui-supervisor-none = No overdue appeals.
tui-supervisor-title-questions = { $title } · questions without a PIN: { $n }
tui-supervisor-question = question without a PIN
tui-supervisor-question-number = no. { $id }
tui-supervisor-questions-not-assigned = Questions without a PIN are not passed to clerks: any specialist of the council may answer them.

## Help

tui-help-title = Help: keys
tui-help-editing = In fields: letters are typed; ←/→, Home/End and Backspace/Del edit; in a multi-line field Enter starts a new line and ↑/↓ move between lines; in lists ↑/↓ choose and Space ticks.
tui-help-marks = Flags in queues (the “Flag” column): “!” overdue, “*” due today, “?” data did not match the registry, “@” mail not delivered, “×” the resident left the registry.
tui-help-layout = Letter keys also work on the Russian layout (“к” is r). Keys can be reassigned in keymap.toml next to the configuration file.
tui-scope-global = On every screen
tui-scope-nav = Lists and scrolling
tui-scope-sign-in = Sign-in
tui-scope-dashboard = Home
tui-scope-queue = Queues
tui-scope-appeal = Appeal
tui-scope-question = Question
tui-scope-pin-desk = PIN desk
tui-scope-resident = Resident
tui-scope-slip = PIN slip
tui-scope-supervisor = Overdue by clerk
tui-scope-form = Forms
tui-scope-confirm = Confirmation
tui-scope-help = Help
tui-scope-lock = Locked screen
tui-key-name-space = Space

## The key map: descriptions (help) and .short labels (footer)

tui-key-help = Help: every key
    .short = Help
tui-key-quit = Quit
    .short = Quit
tui-key-sign-out = Sign out: back to the sign-in screen, the program stays open
    .short = Sign out
tui-key-home = Home: queues and deadlines
    .short = Home
tui-key-pin-desk = PIN desk: find a resident in the registry
    .short = PINs
tui-key-supervisor = Overdue appeals by clerk (supervisors only)
    .short = Overdue
tui-key-refresh = Refresh the screen
    .short = Refresh
tui-key-back = Back to the previous screen
    .short = Back
tui-key-up = Up
    .short = Up
tui-key-down = Down
    .short = Down
tui-key-page-up = Page up
    .short = Page up
tui-key-page-down = Page down
    .short = Page down
tui-key-first = To the start of the list
    .short = First
tui-key-last = To the end of the page
    .short = Last
tui-key-open = Open the selected one
    .short = Open
tui-key-sign-in = Sign in
    .short = Sign in
tui-key-next-field = Next field
    .short = Next field
tui-key-prev-field = Previous field
    .short = Previous
tui-key-queue-1 = Queue “New”: register or refuse
    .short = Queues
tui-key-queue-2 = Queue “In progress” (by stage)
    .short = In progress
tui-key-queue-3 = Queue “Waiting for originals”
    .short = Originals
tui-key-queue-4 = Queue “Ready for pickup”
    .short = Pickup
tui-key-queue-5 = Queue “Consultations”
    .short = Consultations
tui-key-queue-6 = Questions without a PIN
    .short = Questions
tui-key-queue-7 = Overdue appeals
    .short = Overdue
tui-key-queue-8 = All appeals of the district
    .short = All
tui-key-open-undelivered = Open an appeal whose mail was not delivered
    .short = Open
tui-key-search-all = Find an appeal among all: by number, surname or address
    .short = Search
tui-key-search = Search by number, surname or address
    .short = Search
tui-key-next-queue = Next queue
    .short = Queue →
tui-key-prev-queue = Previous queue
    .short = ← Queue
tui-key-sort = Order: by filing date, deadline, number, applicant
    .short = Order
tui-key-reverse = Reverse the order
    .short = Reverse
tui-key-mine = Mine only, or everyone's
    .short = Mine
tui-key-stage = Filter by stage (queue “In progress”)
    .short = Stage
    .short = Stage
tui-key-register = Register the appeal
    .short = Register
tui-key-refuse = Refuse: to register, or the service
    .short = Refuse
tui-key-next-stage = Move to the next stage
    .short = Next stage
tui-key-request-originals = Ask for original documents
    .short = Originals
tui-key-originals-received = The originals were brought
    .short = Brought
tui-key-suspend = Suspend: originals not brought in time
    .short = Suspend
tui-key-close = Close a suspended appeal
    .short = Close
tui-key-mark-ready = Document ready: where and when to collect it
    .short = Ready
tui-key-hand-over = Record the hand-over
    .short = Handed over
tui-key-issue-document = Issue a document electronically (a file)
    .short = E-document
tui-key-answer = Answer the consultation
    .short = Answer
tui-key-answer-question = Answer the question
    .short = Answer
tui-key-message = Send the applicant a message
    .short = Message
tui-key-take = Take the appeal
    .short = Take
tui-key-assign = Reassign the appeal to another clerk (supervisors only)
    .short = Reassign
tui-key-extend = Extend a consultation's answer term (59-FZ) once, with a reason (supervisors only)
    .short = Extend
tui-key-resident-search = New search in the registry
    .short = Search
tui-key-issue-pin = Issue a PIN (or a new one in place of the old)
    .short = Issue PIN
tui-key-revoke-pin = Revoke the PIN
    .short = Revoke
tui-key-print = Print the slip
    .short = Print
tui-key-close-slip = Close the slip: the PIN will not be shown again
    .short = Close
tui-key-accept = The next field; in the last field and in searches, submit
    .short = Next
tui-key-submit = Submit the form
    .short = Submit
tui-key-find = Search
    .short = Search
tui-key-assign-submit = Assign the appeal
    .short = Assign
tui-key-issue-pin-submit = Issue the PIN
    .short = Issue
tui-key-cancel = Cancel
    .short = Cancel
tui-key-canned = Go to the canned answers
    .short = Canned answers
    .short = Canned
tui-key-clear-field = Clear the input line
    .short = Clear
tui-key-lock = Lock the screen now (in an open form too); your password brings you back with nothing lost
    .short = Lock
tui-key-unlock = Unlock: check the password and go back to work
    .short = Unlock
tui-key-end-session = End the session without the password and go back to the sign-in screen; unsaved text is lost
    .short = End session
tui-key-yes = Yes, do it
    .short = Yes
tui-key-no = No, go back
    .short = No
tui-key-close-help = Close the help
    .short = Close

## Key map and other files

tui-keymap-error = The key file { $path } is not accepted:
tui-keymap-unreadable = cannot read it: { $detail }
tui-keymap-syntax = TOML syntax error: { $detail }
tui-keymap-unknown-section = there is no section “{ $section }”; there are: { $known }
tui-keymap-unknown-command = section “{ $section }” has no command “{ $command }”; it has: { $known }
tui-keymap-bad-key = [{ $section }] { $command }: the key “{ $key }” is not understood (examples: r, R, ctrl-s, f2, enter, esc, shift-tab, space)
tui-keymap-not-a-list = [{ $section }] { $command }: give a key as a string or a list of strings
tui-keymap-conflict = [{ $section }] the key { $key } is bound to both “{ $first }” and “{ $second }”

## The launcher (clerk-tui start)

cli-start-about = The demo in one command: a database with demo data, the web server in the background and the clerk's terminal.
cli-start--residents = How many residents to create.
cli-start--pins = How many residents get PINs.
cli-start--seed = Seed of the generator.
cli-start-server-started = The web server is running (process { $pid }), log: { $log }
cli-start-no-server = The web server was not found ({ $path }): build it (cargo build --release -p intake-server); the residents' form will not open until then.
cli-start-server-failed = Cannot start the web server { $path }
cli-start-server-exited = The web server stopped right after starting (code { $code }); the form will not open. The end of { $log }:
cli-start-port-busy = Address { $addr } is taken by another program (perhaps the demo already runs in another window), so the web server is not started. Stop that program or set another address in ERECEPTION_LISTEN.
cli-start-log-failed = Cannot open the log { $path }
cli-start-press-enter = Note the login and password above and press Enter to open the clerk's terminal.
cli-start-server-stopped = The web server is stopped.
cli-start-server-died = The web server had stopped before the terminal closed (code { $code }). Its log: { $log }
cli-bench-queue-about = Measure opening a queue and drawing a key press over a district with many appeals.
cli-bench-queue--appeals = How many appeals the district has.
cli-bench-queue--rounds = How many times to repeat each measurement.
