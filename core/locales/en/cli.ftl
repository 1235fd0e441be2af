## The administrator's command line (clerk-tui with a command).

cli-about = e-Reception: the clerk's terminal (without a command) and the administrator's commands.
cli-usage-heading = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-command-value-name = COMMAND
# the placeholders of values in usage lines and help, as `FILE` in `--config <FILE>`
cli-value-options = OPTIONS
cli-value-file = FILE
cli-value-url = URL
cli-value-addr = ADDR
cli-value-lang = LANG
cli-value-login = LOGIN
cli-value-registry-id = REGISTRY_ID
cli-value-title = NAME
cli-value-first-name = NAME
cli-value-full-name = FULL_NAME
cli-value-role = ROLE
cli-value-code = CODE
cli-value-district = CODE
cli-value-council = COUNCIL
cli-value-address = ADDRESS
cli-value-hours = HOURS
cli-value-phone = PHONE
cli-value-pairs = PAIRS
cli-value-encoding = ENCODING
cli-value-char = CHAR
cli-value-n = N
cli-value-limit = N
cli-value-days = DAYS
cli-value-years = YEARS
cli-value-date = DATE
cli-value-id = ID
cli-value-number = NUMBER
cli-value-email = EMAIL
cli-value-columns = COLUMNS
cli-value-reason = REASON
cli-value-actor = ACTOR
cli-value-action = ACTION
cli-value-subject = SUBJECT
cli-value-format = FORMAT
cli-value-state = STATE
cli-value-surname = SURNAME
cli-value-street = STREET
cli-value-house = HOUSE
cli-value-residents = N
cli-value-pins = N
cli-value-seed = N
cli-value-appeals = N
cli-value-rounds = N
cli-help-default = default: { $value }
cli-help-values = possible values: { $values }

cli--config = Configuration file (default: config.toml in the user's configuration folder).
cli--database_url = Database URL: postgres://… or sqlite://PATH.
cli--lang = Language of messages: ru or en.
cli--as_clerk = Record the action in the audit log under this staff member's login instead of the system user.
cli--help = Print help.
cli--version = Print the version.

cli-migrate-about = Create the database or bring its schema up to date.
cli-status-about = Show the database, its schema version and how many records it holds.
cli-backup-about = Back up the SQLite database without stopping work.
cli-backup--file = The copy: a new file in an existing folder.
cli-backup-done = Backup written: { $path } ({ $size } MB, in { $seconds } s). Its integrity is checked; only the file's owner can read it.
cli-backup-restore-hint = To restore the database from the copy, stop the server and the clerks' terminals and put the copy in place of { $path }.
cli-backup-error-postgres = A PostgreSQL database is backed up with PostgreSQL's tools: pg_dump or the database server's backups.
cli-backup-error-folder = { $path } is a folder. Give the backup's file, e.g. { $example }.
cli-backup-error-exists = { $path } exists already, and a backup is never written over a file. Give a new name.
cli-backup-error-no-folder = The folder { $path } does not exist.
cli-backup-error-not-utf8 = The path { $path } has characters that are not UTF-8; choose another name.
cli-backup-error-create = Cannot create { $path }: { $detail }
cli-backup-error-damaged = The copy failed its integrity check and was removed: { $detail }. Check the disk and try again.
cli-retention-about = Delete finished cases whose retention period has passed (152-FZ): appeals, questions, revoked PINs and residents who left. Without --apply it only shows what would be deleted.
cli-retention--years = The retention period in years, counted back from today's Moscow date.
cli-retention--apply = Delete them (without this flag nothing is deleted).
cli-retention-cutoff = Retention period { $years } { $years ->
        [one] year
       *[other] years
    }: cases finished before { $date } are deleted.
cli-retention-cutoff-dry = Retention period { $years } { $years ->
        [one] year
       *[other] years
    }: cases finished before { $date } are due for deletion.
cli-retention-counts = {"  "}Appeals: { $appeals } (their documents: { $documents })
    {"  "}Questions without a PIN: { $questions }
    {"  "}PINs revoked before that date and named in no appeal: { $accounts }
    {"  "}Residents who left the registry, with no PIN or appeal left: { $residents }
    {"  "}Events of their history: { $events }, messages: { $messages }
cli-retention-nothing = Nothing to delete.
cli-retention-dry = This is a check: nothing was deleted. To delete, run the command again with --apply.
cli-retention-done = Deleted. The audit log records it.
cli-retention-error-years = The retention period is 1 to { $max } years.
cli-retention-done-copies = Deleted.
cli-retention-copies = {"  "}Copies of letters (.eml) in { $dir } written before that date: { $n }
cli-retention-interrupted = The deletion stopped at an error. Deleted before it (and recorded in the audit log):
cli-retention-interrupted-hint = Remove the cause and run the command again: it goes on where it stopped.
cli-retention-error-copies = cannot delete the letter copy { $path }: { $detail }

cli-district-about = Districts and their councils.
cli-district-set-about = Add a district or change its details. A new district needs --name, --council, --address and --hours; for an existing one only what is given changes.
cli-district-set--code = District code, four digits (e.g. 0412).
cli-district-set--name = District name.
cli-district-set--council = Full name of the district council.
cli-district-set--address = Council address, where documents are collected.
cli-district-set--hours = Office hours.
cli-district-set--phone = Council phone number ("" removes it).
cli-district-list-about = List districts.

cli-registry-about = The ГУ ИС resident registry.
cli-registry-import-about = Import a registry CSV file: the whole file or nothing.
cli-registry-import--file = The CSV file.
cli-registry-import--map = Column map: field=Header,field=Header.
cli-registry-import--map_file = Column map as a TOML file: a line per field, e.g. surname = "Фамилия".
cli-registry-import--encoding = Encoding: utf-8 or windows-1251 (detected by default).
cli-registry-import--delimiter = Delimiter: ';', ',', '|' or a tab — $'\t', '\t' or tab (detected by default).
cli-registry-import--max_errors = How many problems to list, the first by line of the file (all are counted); 0: all of them.
cli-registry-import--dry_run = Check the file and show what the import would change (how many residents leave and the first of them by name, how many PINs are revoked), writing nothing. The exit status is the import's: 3 when the file would be refused.
cli-registry-import--allow_departures = Import even when the file leaves out more than a tenth of a district's residents (and more than 20 people): they lose their PINs.
cli-registry-import--allow_unread_columns = Import even when an optional field (patronymic, building, structure, flat) has no column while a similar column of the file goes unused: the field stays empty.

cli-resident-about = Residents of the registry.
cli-resident-find-about = Find residents.
cli-resident-find--district = District code.
cli-resident-find--surname = Surname or its beginning.
cli-resident-find--name = Name or its beginning.
cli-resident-find--birth_date = Birth date (DD.MM.YYYY).
cli-resident-find--street = Street.
cli-resident-find--house = House.
cli-resident-find--include_left = Include residents who left the registry.
cli-resident-find--limit = How many records to show at most.
cli-resident-data-about = Everything held about one resident, for the answer to their request (152-FZ art. 14).
cli-resident-data--registry_id = The resident's id in the registry (as resident find lists it).

cli-clerk-about = Staff accounts.
cli-clerk-add-about = Add a staff member.
cli-clerk-add--login = Login.
cli-clerk-add--name = Full name.
cli-clerk-add--role = Role: clerk, supervisor or administrator.
cli-clerk-add--district = District code.
cli-clerk-add--password_stdin = Read the password from standard input instead of generating one.
cli-clerk-list-about = List staff members.
cli-clerk-disable-about = Disable an account.
cli-clerk-disable--login = Login.
cli-clerk-enable-about = Enable an account again.
cli-clerk-enable--login = Login.
cli-clerk-reset-password-about = Set a new password.
cli-clerk-reset-password--login = Login.
cli-clerk-reset-password--password_stdin = Read the password from standard input instead of generating one.
cli-clerk-set-role-about = Change the role.
cli-clerk-set-role--login = Login.
cli-clerk-set-role--role = Role: clerk, supervisor or administrator.
cli-clerk-set-role--role_flag = The same as the role after the login: clerk, supervisor or administrator.
cli-clerk-set-role--district = District code: assign the clerk to this district in the same command (needed when they have none yet).
cli-clerk-set-district-about = Move to another district.
cli-clerk-set-district--login = Login.
cli-clerk-set-district--district = District code.
cli-clerk-set-district--district_flag = The same as the district code after the login.
cli-clerk-set-district--none = No district (administrators only).

cli-catalogue-about = The service catalogue and its refusal grounds.
cli-catalogue-load-about = Load the catalogue from a TOML file.
cli-catalogue-load--file = The TOML file.
cli-catalogue-load--dry_run = Check the file and report what loading it would change (which services are withdrawn and how many open appeals they have), writing nothing.
cli-catalogue-load--allow_withdrawal = Load even when services the file leaves out still have open appeals (they are withdrawn).
cli-catalogue-export-about = Write the catalogue as TOML.
cli-catalogue-export--out = Output file (default: standard output).
cli-catalogue-export--overwrite = Write over an existing file of that name (without it an existing file is never replaced).
cli-catalogue-list-about = List the services.

cli-pin-about = Residents' PINs.
cli-pin-issue-about = Issue a PIN and print the slip.
cli-pin-issue--registry_id = The resident's id in the ГУ ИС registry.
cli-pin-issue--email = Email address (a confirmation link is sent to it).
cli-pin-issue--resident_lang = The resident's language: ru or en.
cli-pin-issue--width = Slip width: 32, 42 or 48 columns.
cli-pin-issue--replace = Revoke an active PIN and issue a new one.
cli-pin-issue--print = Send the slip to the configured print command.
cli-pin-revoke-about = Revoke a PIN.
cli-pin-revoke--number = Account number.
cli-pin-revoke--reason = Reason.

cli-audit-about = The audit log.
cli-audit-show-about = Show audit rows.
cli-audit-show--since = From this date on (DD.MM.YYYY or YYYY-MM-DD).
cli-audit-show--until = Before this date, which is not included: the rows of 05.12.2026 are --since 05.12.2026 --until 06.12.2026.
cli-audit-show--actor = Only the rows of this staff member (a login, --as included) or system user (os:NAME).
cli-audit-show--action = Only this action, by its code: pin_issued, registry_imported, personal_data_viewed… (an unknown code is an error listing them all).
cli-audit-show--subject = Only the rows about this subject, as the Subject column gives it: account:12, outbox.
cli-audit-show--limit = How many of the latest rows to show, listed oldest first.
cli-audit-show--format = Format: table or csv.
cli-audit-export-about = Export every audit row the filters select to a CSV file.
cli-audit-export--since = From this date on (DD.MM.YYYY or YYYY-MM-DD).
cli-audit-export--until = Before this date, which is not included: the rows of 05.12.2026 are --since 05.12.2026 --until 06.12.2026.
cli-audit-export--actor = Only the rows of this staff member (a login, --as included) or system user (os:NAME).
cli-audit-export--action = Only this action, by its code: pin_issued, registry_imported, personal_data_viewed… (an unknown code is an error listing them all).
cli-audit-export--subject = Only the rows about this subject, as the Subject column gives it: account:12, outbox.
cli-audit-export--format = File format: csv (for programs: commas, UTF-8) or excel (for Excel: semicolons, UTF-8 with a byte order mark).
cli-audit-export--out = Output file.
cli-audit-export--overwrite = Write over an existing file of that name (without it an existing file is never replaced).

cli-report-about = Reports.
cli-report-appeals-about = Appeals by district, service and status.
cli-report-overdue-about = Open appeals past their deadline.
cli-report-decision-time-about = Time from filing to the decision to register.
cli-report-appeals--district = District code.
cli-report-appeals--since = Filed from this date on (DD.MM.YYYY or YYYY-MM-DD).
cli-report-appeals--until = Filed before this date, which is not included.
cli-report-appeals--format = Format: table, csv (for programs: comma-separated, UTF-8, a decimal point, no totals) or excel (for Excel set to a decimal comma, as in Russia: semicolon-separated, UTF-8 with a BOM, a decimal comma, with totals).
cli-report-appeals--out = Output file (default: standard output).
cli-report-appeals--overwrite = Write over an existing file of that name (without it an existing file is never replaced).
cli-report-overdue--district = District code.
cli-report-overdue--format = Format: table, csv (for programs: comma-separated, UTF-8, a decimal point, no totals) or excel (for Excel set to a decimal comma, as in Russia: semicolon-separated, UTF-8 with a BOM, a decimal comma, with totals).
cli-report-overdue--out = Output file (default: standard output).
cli-report-overdue--overwrite = Write over an existing file of that name (without it an existing file is never replaced).
cli-report-decision-time--district = District code.
cli-report-decision-time--since = Filed from this date on (DD.MM.YYYY or YYYY-MM-DD).
cli-report-decision-time--until = Filed before this date, which is not included.
cli-report-decision-time--format = Format: table, csv (for programs: comma-separated, UTF-8, a decimal point, no totals) or excel (for Excel set to a decimal comma, as in Russia: semicolon-separated, UTF-8 with a BOM, a decimal comma, with totals).
cli-report-decision-time--out = Output file (default: standard output).
cli-report-decision-time--overwrite = Write over an existing file of that name (without it an existing file is never replaced).

cli-error = error
cli-error-unknown-argument = unknown option “{ $arg }”.
cli-error-unknown-command = unknown command “{ $command }”.
cli-error-invalid-value = invalid value “{ $value }” for { $arg }.
cli-error-invalid-value-because = invalid value “{ $value }” for { $arg }: { $reason }.
cli-error-expected-number = a whole number is needed
cli-error-expected-smaller-number = the number is too large
cli-error-expected-range = a number from { $min } to { $max } is needed
cli-error-expected-min = a number of at least { $min } is needed
cli-error-expected-char = a single character is needed
cli-error-expected-address = an address and a port are needed, e.g. 127.0.0.1:8080
cli-error-or = or
cli-error-valid-values = Possible values: { $values }.
cli-error-missing-argument = { $n ->
        [one] a required value is missing
       *[other] required values are missing
    }: { $arg }.
cli-error-missing-command = no command given.
cli-error-conflict = { $arg } cannot be used with { $other }.
cli-error-too-many = { $arg } is given too many times.
cli-error-did-you-mean = Did you mean: { $suggestion }
cli-error-see-help = For more, use --help.
cli-error-lang-flag = The language must be ru or en.
cli-error-lang = Language “{ $value }” is not supported: use ru or en.
cli-error-as-unknown = There is no enabled staff account with the login “{ $login }” (option --as).
cli-error-database-missing = The database { $path } does not exist. Create it with “clerk-tui migrate”.
cli-error-schema-outdated = The database schema is out of date (migrations pending: { $n }). Update it with “clerk-tui migrate”.
cli-error-schema-newer = The database has migrations this version does not know ({ $versions }). Upgrade e-Reception.
cli-error-connect = Cannot connect to the database: { $detail }
cli-connect-refused = the database server refuses connections: check that PostgreSQL is running and that the host and port in database_url are right
cli-connect-no-database = the server has no database “{ $name }”: create it (CREATE DATABASE) or correct the name in database_url, then run clerk-tui migrate
cli-connect-no-role = the database server has no user “{ $name }”: correct it in database_url
cli-connect-auth = the database server did not accept the user or password in database_url
cli-connect-host = the server in database_url was not found: check its name
cli-error-store = The database operation could not be completed: { $detail }
cli-error-district-code = “{ $code }” is not a district code: four digits are needed, e.g. 0412.
cli-error-role-needs-district = “{ $login }” belongs to no district, and the role “{ $role }” needs one. Give the district in the same command: clerk-tui clerk set-role { $login } { $role_code } --district CODE — or assign one first: clerk-tui clerk set-district { $login } CODE. District codes: clerk-tui district list.
cli-error-district-needed-by-role = “{ $login }” is a { $role }, and clerks and supervisors always belong to a district. Only an administrator may have none: change the role first (clerk-tui clerk set-role { $login } administrator).
cli-error-add-needs-district = Clerks and supervisors need a district: give it with --district CODE (district codes: clerk-tui district list). Only an administrator can be added without one (--role administrator).
cli-error-district-missing = District { $code } does not exist yet; to add it, { $n ->
        [one] give the required value
       *[other] give the required values
    }: { $names }.
cli-error-district-empty = { $n ->
        [one] An empty value
       *[other] Empty values
    }: { $names }. Give the text, or leave the option out to keep the stored value.
cli-error-phone = “{ $value }” does not look like a phone number: it is printed on PIN slips, give it in digits, e.g. --phone "+7 495 690-00-00" (an empty "" removes the phone).
cli-error-delimiter = The delimiter “{ $value }” is not supported: use ';', ',', '|' or a tab ($'\t', '\t' or tab).
cli-error-read-file = cannot read the file { $path }
cli-error-no-folder = there is no folder { $folder }: create it or give another
cli-error-audit-action = there is no action “{ $value }” in the audit log; actions: { $actions }
cli-error-audit-action-near = there is no action “{ $value }” in the audit log — did you mean “{ $near }”? Actions: { $actions }
cli-error-date-range = the --since date must come before the --until date: --until is the first day left out (for 05.12.2026: --since 05.12.2026 --until 06.12.2026)
cli-audit-none = No rows.
cli-district-none = No districts yet. Add one: clerk-tui district set CODE --name … --council … --address … --hours …
cli-resident-none = Nobody found. Residents who left the registry are shown with --include-left.
cli-clerk-none = No staff accounts yet. Add one: clerk-tui clerk add LOGIN --name "…" --district CODE
cli-outbox-none = No messages.
cli-error-write-file = cannot write the file { $path }
cli-error-out-exists = The file { $path } already exists. An export is never written over an existing file, so that an earlier one is not lost: give a new name or, if the file really is to be replaced, add --overwrite.
cli-error-out-is-folder = { $path } is a folder, not a file: give a file name in --out.
cli-error-stdout = cannot write the output
cli-error-stdin = cannot read standard input
cli-error-date = “{ $value }” is not a date: use DD.MM.YYYY or YYYY-MM-DD.
cli-error-find-criteria = Give at least a surname, a name, a birth date or a street.
cli-error-role = There is no role “{ $value }”: use clerk, supervisor or administrator.
cli-error-no-print-command = No print command is configured: set print_command in the configuration file or ERECEPTION_PRINT_COMMAND.
cli-error-print = Cannot print the slip with “{ $command }”: { $detail }. The PIN was issued: if the slip did not print, issue it again with --replace.
cli-error-print-unread = the command did not take the slip
cli-exit-code = code { $code }
cli-exit-signal = signal { $signal }
cli-error-print-status = The print command “{ $command }” failed ({ $status }). The PIN was issued: if the slip did not print, issue it again with --replace.
cli-error-reason = Give the reason (--reason).
cli-error-no-district = There is no district with the code { $code }. To list the districts: clerk-tui district list.

cli-database = Database: { $url }
cli-written = Written to { $path }.
cli-migrate-created = A new database was created: { $path }.
cli-migrate-applied = { $n ->
    [one] Applied { $n } migration
   *[other] Applied { $n } migrations
}; the schema is now at version { $version }.
cli-migrate-done = The database schema is up to date.
cli-migrate-catalogue-seeded = The standard service catalogue was loaded.
cli-status-schema = Schema version: { $version }
cli-status-what = What
cli-status-count = How many
cli-status-districts = Districts
cli-status-residents = Residents in the registry
cli-status-residents-left = {"  "}of them left
cli-status-accounts = Applicant accounts
cli-status-clerks = Staff
cli-status-services = Services
cli-status-appeals = Appeals
cli-status-questions = Questions
cli-status-events = Events
cli-status-audit = Audit rows
cli-status-calendars = Production calendars: { $first }–{ $last }.
cli-status-last-backup = Last backup: { $file }, { $at } (Moscow time).
cli-status-no-backup = No backup has been made with the backup command yet: clerk-tui backup FILE.
cli-status-last-import = Last registry import: { $file }, { $at } (Moscow time).
cli-district-added = District { $code } “{ $name }” added.
cli-district-updated = District { $code } “{ $name }” updated.
cli-import-done = Registry imported in { $seconds } s: rows { $rows }, new residents { $inserted }, changed { $updated }, unchanged { $unchanged }, left { $left }, PINs revoked { $revoked }, appeals flagged { $flagged }. Districts: { $districts }.
cli-import-dry-run = A dry run, the file can be imported: rows { $rows }, new residents { $inserted }, changed { $updated }, unchanged { $unchanged }, would leave { $left }, PINs to revoke { $revoked }, appeals to flag { $flagged }. Districts: { $districts }.
cli-import-dry-run-limited = A dry run: rows { $rows }, new residents { $inserted }, changed { $updated }, unchanged { $unchanged }, would leave { $left }, PINs to revoke { $revoked }, appeals to flag { $flagged }. Districts: { $districts }.
cli-import-unflagged = Appeals of residents back in the registry no longer marked as left: { $n }. Revoked PINs stay revoked: a new one is issued at the desk.
cli-import-too-many-left = District { $district }: this file would mark { $leaving } of { $residents } residents as left ({ $percent } %). The file looks incomplete.
cli-import-too-many-left-hint = Residents who leave lose their PINs and their appeals are flagged. If the file is right, import it again with --allow-departures; to see the outcome and who leaves first, run it with --dry-run.
cli-import-dry-run-departures-hint = Without --allow-departures this file will not be imported: too many residents would leave, so the file may be incomplete.
cli-import-left-all = Residents who left ({ $left }):
cli-import-left-some = Residents who left ({ $left }), the first { $shown } in alphabetical order:
cli-import-leavers-all = Residents leaving ({ $left }):
cli-import-leavers-some = Residents leaving ({ $left }), the first { $shown } in alphabetical order:
cli-import-ignored-columns = Columns not used: { $columns }.
cli-import-invalid = Problems found in the file: { $total } ({ $rows } rows read).
cli-import-more = …and { $n } more.
cli-import-unchanged = The database is unchanged.
cli-import-empty = The file lists no residents.
cli-resident-left = left
cli-clerk-added = Staff member “{ $login }” added ({ $role }).
cli-clerk-namesake = Note: { $logins } has the same full name — reports and slips, which name staff by their full names, will not tell the two apart.
cli-clerk-password = Password: { $password } — hand it to the staff member; it is shown only once.
cli-clerk-active = active
cli-clerk-disabled = disabled
cli-clerk-disabled-done = Account “{ $login }” disabled.
cli-clerk-enabled-done = Account “{ $login }” enabled.
cli-clerk-already-disabled = Account “{ $login }” is disabled already: nothing changed.
cli-clerk-already-enabled = Account “{ $login }” is not disabled: nothing changed.
cli-clerk-role-unchanged = “{ $login }” already has the role “{ $role }”: nothing changed.
cli-clerk-district-unchanged = “{ $login }” is in district { $district } already: nothing changed.
cli-clerk-district-unchanged-none = “{ $login }” has no district already: nothing changed.
cli-clerk-password-reset = The password of “{ $login }” was changed and the sign-in lockout cleared.
cli-clerk-role-set = “{ $login }”: role { $role }.
cli-clerk-district-set = “{ $login }”: district { $district }.
cli-clerk-district-none = “{ $login }”: no district.
cli-clerk-no-supervisor-left = Note: district { $district } has no enabled supervisor left — nobody can extend deadlines or reassign appeals. Appoint one: clerk-tui clerk set-role LOGIN supervisor.
cli-catalogue-invalid = The service catalogue { $path } was not loaded — { $n ->
        [one] { $n } problem was found
       *[other] { $n } problems were found
    }:
cli-catalogue-loaded = Catalogue loaded: { $added } added, { $updated } changed, { $unchanged } unchanged, { $deactivated } withdrawn.
cli-catalogue-dry-run = A dry run, the file can be loaded: { $added } to add, { $updated } to change, { $unchanged } unchanged, { $deactivated } to withdraw.
cli-catalogue-withdrawn-open = “{ $code }” ({ $title }): { $n ->
        [one] { $n } open appeal
       *[other] { $n } open appeals
    }
cli-catalogue-withdrawal-refused = The catalogue was not loaded: the file leaves out { $n ->
        [one] a service that still has
       *[other] services that still have
    } open appeals:
cli-catalogue-withdrawal-hint = Residents can no longer apply for a withdrawn service, and clerks finish the appeals already filed. If the services are to be withdrawn, load the file again with --allow-withdrawal; add --dry-run to see the outcome first.
cli-catalogue-no-visit = no visit
cli-catalogue-visit = collected at the council
cli-pin-no-such-resident = There is no resident “{ $id }” in the ГУ ИС registry. Find a resident's id by surname: clerk-tui resident find --surname …
cli-pin-already-active = The resident already has an active PIN (account { $number }). Add --replace to issue a new one.
cli-pin-printed = The PIN slip was sent to the printer (account { $number }).
cli-pin-confirmation-pending = A confirmation link was sent to the address (the slip tells the resident); nothing about appeals is mailed to it until it is confirmed.
cli-pin-revoked = The PIN of account { $number } is revoked.

cli-col-code = Code
cli-col-name = Name
cli-col-council = Council
cli-col-address = Address
cli-col-hours = Office hours
cli-col-phone = Phone
cli-col-registry-id = Registry id
cli-col-person = Full name
cli-col-birth-date = Birth date
cli-col-status = Status
cli-col-login = Login
cli-col-role = Role
cli-col-district = District
cli-col-service = Service
cli-col-term = Term
cli-col-visit = Collection
cli-col-id = #
cli-col-time = Time (Moscow)
cli-col-actor = Who
cli-col-action = Action
cli-col-subject = Subject
cli-col-details = Details
cli-col-count = Count
cli-col-number = Number
cli-col-due = Due
cli-col-days-overdue = Days overdue
cli-col-assignee = Clerk
cli-col-deadline = Deadline for
cli-report-deadline-registration = registering
cli-report-deadline-service = providing the service
cli-report-total = Total
cli-report-district-total = District total
cli-report-overdue-total = Total: { $n } { $n ->
    [one] appeal
   *[other] appeals
}
cli-report-all-services = All services
cli-report-appeals-none = No appeals in this period.
cli-report-overdue-none = No overdue appeals.
cli-report-decision-time-none = No decisions to register in this period.
cli-col-decided = Decisions
cli-col-mean-hours = Mean, h
cli-col-median-hours = Median, h
cli-col-max-hours = Max, h

cli-io-not-found = file not found
cli-io-permission-denied = permission denied
cli-io-is-a-directory = this is a folder, not a file
cli-io-not-a-directory = the path names a file where a folder should be
cli-io-storage-full = the disk is full
cli-io-read-only = the file system is read-only
cli-io-not-utf8 = the file is not in UTF-8: save it as UTF-8
cli-io-connection-refused = the server refused the connection
cli-io-timed-out = the server did not answer in time
cli-io-connection-reset = the server dropped the connection
cli-io-unreachable = the server cannot be reached over the network

cli-outbox-about = The outgoing mail queue.
cli-outbox-status-about = Show how many messages are in each state.
cli-outbox-list-about = List messages.
cli-outbox-list--state = Only this state: pending, sent or failed.
cli-outbox-list--limit = How many messages to show at most.
cli-outbox-show-about = Show a message as it is sent.
cli-outbox-show--id = Message number.
cli-outbox-retry-about = Put undelivered messages back in the queue.
cli-outbox-retry--id = Message number.
cli-outbox-retry--all = Every undelivered message.
cli-outbox-purge-about = Delete sent messages older than a number of days (the events stay in the private section).
cli-outbox-purge--older_than = How many days to keep sent messages: older ones are deleted (at least 1).
cli-outbox-work-about = Deliver mail as the server does, in a process of its own.
cli-outbox-work--once = Deliver what is due now and exit.

cli-outbox-state = State
cli-outbox-pending = Waiting to be sent
cli-outbox-in-flight = Of those, being sent now
cli-outbox-sent = Sent
cli-outbox-failed = Not delivered
cli-outbox-row-pending = pending
cli-outbox-row-sent = sent
cli-outbox-row-failed = failed
cli-outbox-recipient = To
cli-outbox-attempts = Attempts
cli-outbox-error = Error
cli-outbox-subject = Subject
cli-outbox-file-transport = Mail is not sent over SMTP but written as .eml files into { $dir }.
cli-outbox-smtp-transport = Mail is sent through the configured SMTP server.
cli-outbox-retried = Messages put back in the queue: { $n }.
cli-outbox-hurried = Messages waiting for their next attempt will go now: { $n }.
cli-outbox-retry-none = There is no message { $id } in the outbox.
cli-outbox-retry-sent = Message { $id } has been sent already.
cli-outbox-retry-busy = Message { $id } is being sent or is already due.
cli-outbox-purged = Sent messages deleted: { $n }.
cli-outbox-working = Delivering mail; stop with Ctrl+C (no message is lost).
cli-outbox-sent-now = Messages sent: { $n }.
cli-error-outbox-state = There is no state “{ $value }”: use pending, sent or failed.
cli-error-outbox-missing = There is no message number { $id }.

cli-demo-about = Create the database with demo data (once) and print the demo credentials and newly issued PINs.
cli-demo--residents = How many residents to create.
cli-demo--pins = How many residents get PINs.
cli-demo--seed = Seed of the generator.
cli-demo-form = The residents' form: { $url }
cli-demo-mail-files = Mail ({ $n } sent) is written as .eml files into { $dir }.

## The personal data report (clerk-tui resident data): the answer to a request under 152-FZ art. 14
pd-title = Personal data held: { $name } (as of { $at }, Moscow time)
pd-intro = Everything e-Reception holds about this resident: the ГУ ИС registry record, PIN accounts, appeals, questions, letters, and what staff did with these records.
pd-registry = ГУ ИС registry record
pd-registry-id = Registry id
pd-name = Full name
pd-birth-date = Date of birth
pd-address = Address
pd-registration = Registration
pd-left = The record was dropped from the registry by a recent import.
pd-accounts = Accounts
pd-no-accounts = No PIN has been issued.
pd-account = Account No. { $number }
pd-account-issued = PIN issued
pd-account-issued-value = { $at }, by { $by }, desk: { $desk }
pd-account-pin = PIN
pd-account-pin-hash = kept only as a hash (argon2id); it cannot be read
pd-email = Email address
pd-email-confirmed = confirmed { $at }
pd-email-unconfirmed = not confirmed
pd-none = none
pd-letters-lang = Language of letters
pd-lang-ru = Russian
pd-lang-en = English
pd-account-state = State
pd-account-active = active
pd-account-revoked = revoked { $at }: { $reason }
pd-revoked-reissued = a new PIN was issued
pd-revoked-left-registry = the resident left the registry
pd-appeal = Appeal No. { $number }: { $service }
pd-appeal-filed = Filed
pd-appeal-status = State
pd-appeal-identity = Applicant (as typed in the appeal)
pd-appeal-document = Document
pd-appeal-document-value = { $file }, { $size } { $size ->
        [one] byte
       *[other] bytes
    }, issued { $at }
pd-question = Question of { $at }
pd-question-name = Name
pd-question-text = Question
pd-question-answer = Answer
pd-letters = Letters
pd-letter-sent = sent { $at }
pd-letter-failed = not delivered
pd-letter-pending = waiting to be sent
pd-access = What staff and administrators did with these records
