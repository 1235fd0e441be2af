## Deadlines and the production calendar (module `clock`).

clock-days-left-calendar = { $n ->
        [one] { $n } day left
       *[other] { $n } days left
    }
clock-days-left-working = { $n ->
        [one] { $n } working day left
       *[other] { $n } working days left
    }
clock-last-day = today is the last day
clock-overdue = overdue by { $n } { $n ->
        [one] day
       *[other] days
    }

clock-error-year-not-covered = The deadline cannot be computed: there is no production calendar for { $year }. Administrator: add the file { $year }.toml, citing the government decree on moving days off in { $year }, to the calendars folder (calendar_dir in the configuration).
clock-error-year-not-covered-dir = The deadline cannot be computed: there is no production calendar for { $year }. Administrator: add the file { $year }.toml, citing the government decree on moving days off in { $year }, to { $dir }.
clock-error-unknown-unit = “{ $value }” is not a unit of a term: use calendar (calendar days) or working (working days).
clock-error-term-zero = A term must be at least one day.
clock-error-extension-zero = A term can only be extended by at least one day.
clock-error-extension-too-long = The answer term can be extended by at most { $max } { $max ->
        [one] day
       *[other] days
    }, not { $days }.
clock-error-extension-repeated = The answer term of this appeal has already been extended; it can be extended only once.
clock-error-extension-past = With this extension the new deadline, { $date }, would not be in the future, and the appeal would stay overdue. Enter more days.
clock-error-extension-not-answer = Only a consultation's answer term is extended (59-FZ), not a service's term.

clock-calendar-ends = The production calendars end on { $date }. Add { $next }.toml (from the government decree on moving days off in { $next }) to calendar_dir: without it, filing stops as soon as appeals' deadlines reach { $next }.
clock-error-file = Production calendar file { $file }: { $problem }
clock-file-syntax = the file is not a calendar in TOML: { $detail }
clock-file-year-out-of-range = the year { $year } is outside the supported range { $first }–{ $last }
clock-file-name-mismatch = the file describes { $year }, so it must be named { $year }.toml
clock-file-no-decree = the government decree on moving days off is not cited (field decree)
clock-file-no-holidays = no public holiday is listed (field holidays)
clock-file-not-a-date = “{ $value }” is not a date; write dates without a time, e.g. 2027-01-01
clock-file-outside-year = the date { $date } is not in { $year }
clock-file-duplicate-date = the date { $date } is listed twice
clock-file-empty-holiday-name = the holiday on { $date } has no name
clock-file-day-off-and-working = the date { $date } is listed both as a transferred day off and as a working weekend
clock-file-working-weekend-not-weekend = { $date } is listed as a working Saturday or Sunday but is a weekday
clock-file-working-weekend-holiday = { $date } is listed as a working day but is a public holiday
clock-file-working-weekend-unused = { $date } is made a working day but its day off is moved nowhere (no days_off entry with from = { $date })
clock-file-day-off-on-weekend = the transferred day off { $date } falls on a Saturday or a Sunday
clock-file-day-off-on-holiday = the transferred day off { $date } is a public holiday already
clock-file-transfer-from-weekday = the day off { $date } is moved from { $from }, which is not a Saturday or a Sunday
clock-file-transfer-from-plain-weekend = the day off { $date } is moved from { $from }, which is neither a holiday nor listed in working_weekends
clock-file-transferred-twice = the day off of { $from } is moved twice
clock-file-holiday-not-transferred = the holiday { $date } falls on a weekend but no day off is moved from it (Labour Code art. 112 part 2)
clock-file-duplicate-year = { $year } is already described by { $other }
