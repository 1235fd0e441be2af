## Applicant accounts: account numbers, PINs, sign-in lockout and the printed slip.

## Account numbers

account-number-empty = Enter your account number.
account-number-invalid-character = An account number has only digits; you typed “{ $ch }”.
account-number-wrong-length = An account number has 10 digits; you typed { $n }.
account-number-leading-zero = An account number never starts with 0. Check it against your slip.
account-number-wrong-check-digit = There is a mistake in the account number: check the digits against your slip.

## PINs

account-pin-empty = Enter your PIN.
account-pin-wrong-length = A PIN has 8 characters; you typed { $n }.
account-pin-invalid-character = “{ $ch }” never occurs in a PIN. A PIN has no digits { $digits } and no letters { $letters }: check it against your slip.
account-pin-russian-layout = “{ $ch }” never occurs in a PIN: the keyboard seems to be set to Russian. Switch it to English and type the PIN again.

## Signing in

account-sign-in-failed = Wrong account number or PIN.
account-attempts-left = { $n ->
        [one] { $n } attempt left.
       *[other] { $n } attempts left.
    }
account-locked-until = Sign-in is locked until { $time } (Moscow time).
account-locked-until-date = Sign-in is locked until { $time } (Moscow time) on { $date }.

## Lockout policy (read by the administrator)

account-policy-zero-failures = The number of failed attempts before a lockout must be at least one.
account-policy-non-positive-lockout = The first lockout must last longer than zero.
account-policy-max-below-base = The longest lockout cannot be shorter than the first.
account-policy-reset-too-soon = Failed attempts may be forgotten only after at least one minute without failures.
account-policy-too-permissive = With these lockout settings up to { $n } PINs could be tried per account per year; fewer than { $limit } are allowed. Make the lockout stricter.

## The printed slip

account-slip-applicant = Applicant: { $name }
account-slip-account-number = Account number:
account-slip-pin = PIN:
account-slip-form = Sign in at:
account-slip-how-to = Open this address and enter your account number and PIN.
account-slip-keep-secret = Keep your PIN secret and never tell it to anyone. Council staff never ask for your PIN by phone.
account-slip-if-lost = If you lose this slip or someone else learns your PIN, come to the council's one-window desk with your passport: the old PIN will be revoked and a new one issued.
account-slip-issued = Issued on { $date } at { $time } (Moscow time)
account-slip-issued-by = Issued by: { $clerk }
account-slip-council-address = Council address: { $address }
account-slip-office-hours = Office hours: { $hours }
account-slip-council-phone = Council phone: { $phone }
account-slip-email-confirmed = Email address: { $email } (confirmed)
account-slip-email-pending = Email address: { $email } (not confirmed yet)
account-slip-email-what-to-do = An email with a link has been sent to this address: open it and press “Confirm the address”, and news of your appeals will come by email. Check the address: if it is wrong, tell the clerk.
account-slip-width-invalid = The slip width must be 32, 42 or 48 characters, not “{ $value }”.
