## The timeline of an appeal (module `timeline`): one entry per event, shown in the private
## section and in the clerk's terminal alike. Terse: no greetings, no signatures; the wording
## follows the e-mail about the same event (mail.ftl).

## When an event happened, in Moscow time: “5 Dec 2026, 14:30”. Dates in lists: “11 Dec 2026”.

timeline-short-date = { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $year }
timeline-when = { $date }, { $time }

## Who.

timeline-actor-you = You
timeline-actor-council = District council
timeline-actor-system = System
timeline-actor-applicant = Applicant
timeline-actor-asker = Asker
timeline-actor-clerk = Staff member No. { $id }
timeline-actor-admin = Administrator { $login }

## Parts shared by several entries.

timeline-ground = Reason: { $text }
timeline-remedy = How to fix it: { $text }
timeline-explanation = The specialist's explanation: { $text }

## One entry per event.

timeline-filed = Appeal received
timeline-filed-number = Appeal number: { $number }
timeline-filed-register-by = To be registered no later than { $date }

timeline-registered = Appeal registered
timeline-registered-deadline = To be completed by { $date }

timeline-refused-to-register = Registration of the appeal refused
timeline-refused-to-register-next = The corrected appeal will get a new number.

timeline-stage-started = Stage started: { $stage }

timeline-originals-requested = Original documents needed
timeline-originals-what = What to bring: { $list }
timeline-originals-where = Where: { $place }
timeline-originals-by = When: by { $date } inclusive

timeline-originals-received = Original documents received

timeline-suspended = Work on the appeal suspended
timeline-suspended-why = The original documents were not brought by { $date }.
timeline-suspended-next = To resume work, bring the originals to the district council; otherwise the appeal will be closed.

timeline-closed = Appeal closed
timeline-closed-why = The original documents were never brought.

timeline-refused = Service refused
timeline-refused-next = Once the reasons for the refusal have been dealt with, you can file a new appeal. You may challenge the refusal out of court, by sending a complaint to the head of the district council in person or by post, or in court.

timeline-ready = Document ready
timeline-ready-where = Where to collect it: { $place }
timeline-ready-from = When: from { $date }
timeline-ready-hours = Collection hours: { $hours }
timeline-ready-bring = What to bring: { $bring }

timeline-handed-over = Document handed over
timeline-handed-over-to = Collected by: { $name }
timeline-handed-over-id = Identity document: { $document }

timeline-issued-electronically = Document issued electronically
timeline-issued-electronically-file = File: { $file }

timeline-answered = Appeal answered

timeline-withdrawn = Appeal withdrawn

timeline-message = Message from the district council

timeline-deadline-extended = Deadline extended to { $date }
timeline-deadline-extended-from = Previous deadline: { $date }
timeline-deadline-extended-reason = Reason for the extension: { $reason }

timeline-corrected = Corrected appeal No. { $number } filed
timeline-corrected-next = Further events are on appeal No. { $number }.

timeline-pin-reissued = A new PIN was issued; the previous one no longer works
timeline-pin-left = The PIN stopped working: according to the ГУ ИС registry you are no longer registered in the district
timeline-pin-revoked = The PIN was revoked by the district council
timeline-email-change-requested = A change of address for letters was requested
timeline-email-change-requested-to = New address: { $email }. Letters go to it once it is confirmed through the link in the letter.
timeline-confirmation-requested = Link to confirm the email address sent
timeline-confirmation-requested-question = The question goes to a specialist once the address is confirmed.

timeline-email-confirmed = Email address confirmed
timeline-email-confirmed-question = The question has been passed to a specialist.

timeline-question-answered = Question answered

## The headline of an appeal's current status, for lists (statuses without data use status-…).

timeline-status-submitted = Submitted, awaiting registration
timeline-status-refused-to-register = Registration refused ({ $n } { $n ->
        [one] reason
       *[other] reasons
    })
timeline-status-refused = Service refused ({ $n } { $n ->
        [one] reason
       *[other] reasons
    })
timeline-status-originals-required = Originals required by { $date }
timeline-status-suspended = Suspended: originals not brought by { $date }
timeline-status-ready = Document ready: from { $date }, { $place }

timeline-status-in-progress-stage = In progress: { $stage }
