## Shared words and units.

app-name = e-Reception
unit-calendar-days = { $n } { $n ->
        [one] calendar day
       *[other] calendar days
    }
unit-working-days = { $n } { $n ->
        [one] working day
       *[other] working days
    }
unit-days = { $n } { $n ->
        [one] day
       *[other] days
    }
unit-attempts = { $n } { $n ->
        [one] attempt
       *[other] attempts
    }
unit-minutes = { $n } { $n ->
        [one] minute
       *[other] minutes
    }
unit-hours = { $n } { $n ->
        [one] hour
       *[other] hours
    }
registration-kind-permanent = permanent registration
registration-kind-temporary = temporary registration
registration-kind-contract = living under a contract with the owner
