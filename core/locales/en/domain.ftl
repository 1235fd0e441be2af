## Statuses, decisions, roles and form errors.

status-submitted = Submitted
status-registered = Registered
status-refused-to-register = Registration refused
status-in-progress = In progress
status-originals-required = Original documents required
status-suspended = Suspended
status-refused = Service refused
status-closed = Closed
status-ready = Document ready
status-issued = Document handed over
status-issued-electronically = Document issued electronically
status-answered = Answered
status-withdrawn = Withdrawn

transition-not-allowed = { $command ->
        [register] Registering the appeal
        [refuse_to_register] Refusing registration
        [next_stage] Moving the appeal to the next stage
        [request_originals] Requesting originals
        [originals_received] Marking the originals as brought
        [suspend] Suspending the appeal
        [close] Closing the appeal
        [refuse] Refusing the service
        [mark_ready] Marking the document ready
        [hand_over] Recording the hand-over
        [issue_electronically] Issuing the document electronically
        [answer] Answering
        [withdraw] Withdrawing the appeal
        [extend] Extending the deadline
       *[other] This action
    } is not possible: the appeal is “{ $status ->
        [submitted] Submitted
        [registered] Registered
        [refused_to_register] Registration refused
        [in_progress] In progress
        [originals_required] Original documents required
        [suspended] Suspended
        [refused] Service refused
        [closed] Closed
        [ready] Document ready
        [issued] Document handed over
        [issued_electronically] Document issued electronically
        [answered] Answered
        [withdrawn] Withdrawn
       *[other] { $status }
    }”.
transition-wrong-service = { $reason ->
        [no-visit] This service is provided without a visit: no originals are requested and the document is issued electronically.
        [visit] The document of this service is handed over at the council, not issued electronically.
        [consultation] A consultation is answered; no document is prepared.
       *[document] Only a consultation is answered; this service produces a document.
    }
transition-no-grounds = Choose at least one ground.
transition-unknown-ground = Ground “{ $code }” is not in this service's list.
transition-no-originals = Choose at least one document.
transition-unknown-original = Document “{ $code }” is not in this service's list.
transition-empty-text = Fill in “{ $field }”.
transition-text-too-long = The text in “{ $field }” is too long.
transition-date-in-past = The date { $date } is already past.
transition-not-yet-due = The originals may be brought until { $date } inclusive; the appeal can be suspended only after that.
transition-no-next-stage = Every stage is done: mark the document ready, issue it or answer.

role-clerk = clerk
role-supervisor = supervisor
role-administrator = administrator

form-error-required = Fill in this field.
form-error-choose = Choose one of the options.
form-error-too-long = At most { $max } { $max ->
        [one] character
       *[other] characters
    }.
form-error-characters = The field contains characters that are not allowed.
form-error-name-characters = Use only letters, spaces, hyphens and apostrophes.
form-error-date = Enter the date as DD.MM.YYYY, for example 14.03.1985.
form-error-date-impossible = There is no such date: check the day and the month.
form-error-date-future = The date cannot be later than today.
form-error-date-too-early = Check the year: the date cannot be earlier than { $date }.
form-error-date-too-late = Check the year: the form does not take a date that far ahead.
form-error-number = Enter a whole number.
form-error-number-range = Enter a number from { $min } to { $max }.
form-error-persons-min = List at least { $min } { $min ->
        [one] person
       *[other] people
    }.
form-error-email = Enter an email address like name@example.com.

## Audit log actions, as `audit show` names them.
audit-action-database_migrated = Database created or migrated
audit-action-database_backed_up = Database backed up
audit-action-district_saved = District saved
audit-action-registry_imported = Registry imported
audit-action-catalogue_loaded = Catalogue loaded
audit-action-clerk_added = Staff member added
audit-action-clerk_disabled = Staff account disabled
audit-action-clerk_enabled = Staff account enabled
audit-action-clerk_password_reset = Staff password reset
audit-action-clerk_role_changed = Staff role changed
audit-action-clerk_district_changed = Staff district changed
audit-action-clerk_signed_in = Staff member signed in
audit-action-clerk_signed_out = Staff member signed out
audit-action-clerk_sign_in_failed = Failed staff sign-in
audit-action-clerk_screen_locked = Staff member's screen locked
audit-action-clerk_screen_unlocked = Staff member's screen unlocked
audit-action-pin_issued = PIN issued
audit-action-pin_revoked = PIN revoked
audit-action-personal_data_viewed = Personal data viewed
audit-action-personal_data_reported = Personal data report made for a resident
audit-action-appeal_transition = Appeal state changed
audit-action-appeal_message_sent = Message sent to the applicant
audit-action-appeal_reassigned = Appeal reassigned
audit-action-deadline_extended = Answer deadline extended
audit-action-document_attached = Document attached
audit-action-question_answered = Question answered
audit-action-audit_exported = Audit log exported
audit-action-report_exported = Report exported
audit-action-demo_data_created = Demo data created
audit-action-outbox_retried = Emails queued to be sent again
audit-action-outbox_purged = Old emails deleted from the queue
audit-action-retention_applied = Data past its retention period deleted
