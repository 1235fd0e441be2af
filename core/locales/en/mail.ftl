## E-mail templates (module `mail::render`): one letter per event kind.

## Dates: “21 December 2026”.

mail-date = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }

## The frame of every letter.

mail-greeting = Dear { $name },
mail-greeting-plain = Hello,
mail-fact-number = Appeal number
mail-fact-service = Service
mail-link-appeal = Open the appeal in your private section
mail-link-cabinet = Go to your private section
mail-link-download = Download the document from your private section
mail-link-site = Go to the e-Reception website
mail-link-fallback = If the button does not work, copy this link into your browser's address bar:
mail-regards = Kind regards,
mail-council-address = Address: { $address }
mail-council-hours = Office hours: { $hours }
mail-council-phone = Phone: { $phone }
mail-site = Website: { $url }
mail-footer = This message was sent automatically; please do not reply to it.

## Parts shared by several letters.

mail-grounds-heading = { $n ->
        [1] Reason for the refusal
       *[other] Reasons for the refusal
    }
mail-ground-remedy = How to fix it
mail-explanation-heading = The specialist's explanation
mail-answer-heading = The answer
mail-until-date = by { $date } inclusive

## Filed.

mail-filed-subject = Appeal No. { $number } received
mail-filed-title = Your appeal has been received
mail-filed-lead = We have received your appeal; its number is { $number }. It will be registered no later than { $date }, and we will let you know by email when it is.
mail-filed-term = The service takes { $term }.
mail-filed-term-until = The service takes { $term }, that is, until { $date }.

## Registered.

mail-registered-subject = Appeal No. { $number } registered
mail-registered-title = Your appeal has been registered
mail-registered-lead = Your appeal has been registered and passed on for processing.
# The term itself was in the filing letter; counted from filing, it would mislead here.
mail-registered-deadline = It will be completed by { $date }.
mail-registered-deadline-plain = It will be completed by { $date }.
mail-registered-next = We will tell you about each step by email and in your private section.

## Refused to register.

mail-refused-to-register-subject = Appeal No. { $number }: registration refused
mail-refused-to-register-title = Registration of your appeal has been refused
mail-refused-to-register-lead = Unfortunately, your appeal has been refused registration. Below is why it was refused and what needs to be corrected.
mail-refused-to-register-next = You can file the corrected appeal in your private section; it will get a new number.

## Stage started.

mail-stage-started-subject = Appeal No. { $number }: next stage
mail-stage-started-title = Your appeal has moved to the next stage
mail-stage-started-lead = Work on your appeal has moved to the stage “{ $stage }”.
mail-stage-started-next = Nothing is needed from you at the moment. If we need documents or details, we will let you know.

## Originals requested.

mail-originals-requested-subject = Appeal No. { $number }: original documents needed
mail-originals-requested-title = Original documents are needed
mail-originals-requested-lead = To continue work on your appeal, the specialist needs to check the original documents.
mail-originals-list = What to bring ({ $n } { $n ->
        [one] document
       *[other] documents
    })
mail-originals-place = Where
mail-originals-by = When
mail-originals-warning = If the originals are not brought in time, work on the appeal will be suspended.

## Originals received.

mail-originals-received-subject = Appeal No. { $number }: originals received
mail-originals-received-title = Original documents received
mail-originals-received-lead = Thank you, we have received the original documents. Work on your appeal continues.

## Suspended.

mail-suspended-subject = Appeal No. { $number } suspended
mail-suspended-title = Work on your appeal is suspended
mail-suspended-lead = The original documents were not brought by { $date }, so work on your appeal has been suspended.
mail-suspended-next = To resume it, bring the original documents to the district council. Otherwise the appeal will be closed.

## Closed.

mail-closed-subject = Appeal No. { $number } closed
mail-closed-title = Your appeal has been closed
mail-closed-lead = Work on your appeal was suspended and the original documents were not brought, so the appeal has been closed.
mail-closed-next = If you still need the service, please file a new appeal in your private section.

## Refused (after registration).

mail-refused-subject = Appeal No. { $number }: service refused
mail-refused-title = The service has been refused
mail-refused-lead = Unfortunately, it has been decided to refuse the service requested in your appeal.
mail-refused-next = Once the reasons for the refusal have been dealt with, you can file a new appeal in your private section. You may challenge the refusal out of court, by sending a complaint to the head of the district council in person or by post, or in court.

## Ready.

mail-ready-subject = Appeal No. { $number }: document ready
mail-ready-title = Your document is ready
mail-ready-lead = The document for your appeal is ready to be collected in person.
mail-ready-place = Where to collect it
mail-ready-from = When
mail-ready-from-date = from { $date }
mail-ready-hours = Collection hours
mail-ready-bring = What to bring

## Handed over.

mail-handed-over-subject = Appeal No. { $number }: document handed over
mail-handed-over-title = Your document has been handed over
mail-handed-over-lead = The document for your appeal has been handed over.
mail-handed-over-collected-by = Collected by
mail-handed-over-id-document = Identity document
mail-handed-over-next = If you did not collect this document and did not ask anyone to collect it for you, please tell the district council at once.

## Issued electronically.

mail-issued-electronically-subject = Appeal No. { $number }: electronic document issued
mail-issued-electronically-title = Your document has been issued electronically
mail-issued-electronically-lead = The document for your appeal has been issued in electronic form, so there is no need to come to the council for it.
mail-issued-electronically-file = File

## Answered (a consultation).

mail-answered-subject = Appeal No. { $number }: answered
mail-answered-title = The answer to your appeal
mail-answered-lead = A specialist of the district council has answered your appeal.
mail-answered-next = The answer is also kept in your private section.

## Withdrawn.

mail-withdrawn-subject = Appeal No. { $number } withdrawn
mail-withdrawn-title = Your appeal has been withdrawn
mail-withdrawn-lead = Your appeal has been withdrawn and work on it has stopped.
mail-withdrawn-next = If you withdrew it by mistake, please file a new appeal in your private section.

## A message from the council.

mail-message-subject = Appeal No. { $number }: message from the council
mail-message-title = A message about your appeal
mail-message-lead = The district council has sent you a message about your appeal.
mail-message-heading = The message
mail-message-reply = A reply to this email will not reach the council. { $how ->
        [phone] To answer or to ask about anything, call the council or come during its office hours: the phone number and address are below.
        [visit] To answer or to ask about anything, come to the council during its office hours: the address is below.
       *[none] To answer or to ask about anything, contact the district council.
    }

## Deadline extended.

mail-deadline-extended-subject = Appeal No. { $number }: deadline extended
mail-deadline-extended-title = The deadline has been extended
mail-deadline-extended-lead = The deadline for your appeal has been extended to { $date }.
mail-deadline-extended-from = Previous deadline
mail-deadline-extended-to = New deadline
mail-deadline-extended-reason = Reason for the extension

## Corrected.

mail-corrected-subject = Appeal No. { $number }: corrected appeal filed
mail-corrected-title = A corrected appeal has been filed
mail-corrected-lead = You have filed a corrected appeal in place of this one; its number is { $new }.
mail-corrected-next = From now on you will receive notices about appeal No. { $new }.

## Confirmation of an e-mail address (no personal data, no appeal in these).

mail-confirmation-requested-subject = Please confirm your email address
mail-confirmation-requested-title = Please confirm your email address
mail-confirmation-requested-lead-account = This address was given for e-Reception’s emails about your appeals to the district council, when a PIN was issued or in the private section. Please confirm it to receive notices about your appeals.
mail-confirmation-requested-lead-question = This email address was given with a question asked in e-Reception. Please confirm it: the question goes to a specialist as soon as you do, and the answer will come to this address.
mail-confirmation-requested-button = Confirm the address
mail-confirmation-requested-valid = The link is valid for { $n } { $n ->
        [one] day
       *[other] days
    }.
mail-confirmation-requested-expired-account = If the link expires, sign in to your private section with your PIN and send a new one.
mail-confirmation-requested-expired-question = If the address is not confirmed in that time, the question will be deleted and you will need to ask it again.
mail-confirmation-requested-privacy = Until the address is confirmed, we send nothing else to it.
mail-confirmation-requested-ignore = If you did not give this address, simply ignore this message: without confirmation the address will not be used.

# `outbox show` of a sent confirmation request, in place of its link (not kept once sent).
mail-confirmation-link-not-kept = [the confirmation link is not kept once sent]

## E-mail address confirmed.

mail-email-confirmed-subject = Email address confirmed
mail-email-confirmed-title = Address confirmed
mail-email-confirmed-lead-account = Thank you! Your email address is confirmed: notices about your appeals will now come to it.
mail-email-confirmed-lead-question = Thank you! Your email address is confirmed and your question has been passed to a specialist. The answer will come to this address.

## A question asked without a PIN was answered.

mail-question-answered-subject = The answer to your question
mail-question-answered-subject-dated = The answer to your question of { $date }
mail-question-heading = Your question
mail-question-address = Address given with the question
mail-question-answered-title = The answer to your question
mail-question-answered-lead = A specialist of the district council has answered the question you asked in e-Reception.

## The account's PIN stopped working (mailed to the address the resident confirmed).

mail-pin-reissued-subject = You have been issued a new PIN
mail-pin-reissued-title = A new PIN was issued
mail-pin-reissued-lead = The district council has issued you a new PIN for signing in to your private section of e-Reception, and your previous PIN no longer works. Your appeals and their history are kept.
mail-pin-reissued-next = If you did not collect the new PIN and did not ask anyone to collect it for you, please tell the district council at once: that PIN will be revoked and you will be given a new one.
mail-pin-left-subject = Your PIN no longer works
mail-pin-left-title = Your PIN no longer works
mail-pin-left-lead = According to the ГУ ИС registry you are no longer registered in the district, so your PIN for signing in to your private section of e-Reception no longer works.
mail-pin-left-next = If this is a mistake, please come to the council's one-window desk with your passport.
mail-pin-revoked-subject = Your PIN has been revoked
mail-pin-revoked-title = Your PIN has been revoked
mail-pin-revoked-lead = The district council has revoked your PIN for signing in to your private section of e-Reception: it can no longer be used. Your appeals and their history are kept.
mail-pin-revoked-next = A new PIN is issued at the council's one-window desk on presenting your passport. If you did not ask for your PIN to be revoked, please tell the council.
mail-email-change-subject = A change of address for your letters was requested
mail-email-change-title = Letters are to go to another address
mail-email-change-lead = In your private section of e-Reception, somebody asked for the letters about your appeals to be sent to { $email }. Once that address is confirmed through the link in the letter sent to it, the letters will go there and no longer to this address.
mail-email-change-next = If you did not change the address, do not confirm it, and tell the district council at once: somebody else may have used your PIN. It will be revoked and a new one issued to you.
