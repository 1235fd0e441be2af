## Errors of storage operations, as clerks, residents and administrators read them.

error-internal = Internal error. Please try again later; if it happens again, tell the administrator.
error-unknown-district = There is no district with code { $code } in the database.
error-extension = The deadline cannot be extended: { $detail }

clerk-error-bad-login = A login is 2–32 lower-case Latin letters, digits, “.”, “_” or “-”, starting with a letter.
clerk-error-login-taken = The login “{ $login }” is taken.
clerk-error-no-such-clerk = No staff member has the login “{ $login }”.
clerk-error-weak-password = The password must be at least { $min } characters long.
clerk-error-empty-name = Give the staff member's full name.
clerk-error-district-required = Clerks and supervisors must belong to a district (role “{ $role }”).

pin-error-no-such-resident = The resident is not in the ГУ ИС registry.
pin-error-resident-left = The resident has left the ГУ ИС registry: no PIN can be issued.
pin-error-no-such-account = There is no account with this number.
pin-error-already-revoked = The PIN of this account was revoked already on { $at } (Moscow time): { $reason ->
        [reissued] a new PIN was issued
        [left-registry] the resident left the registry
       *[other] “{ $reason }”
    }.

file-error-no-account = The account was not found or its PIN was revoked. Please visit the council's one-window desk.
file-error-resident-left = According to the ГУ ИС registry you are no longer registered in the district, so you cannot file an appeal. Please visit the council's one-window desk.
file-error-unknown-service = This service is no longer offered.
file-error-cannot-correct = Only your own appeal that was refused registration or refused the service can be corrected.
file-error-already-corrected = A corrected appeal, No. { $number }, has already been filed for this appeal. A second correction is not accepted: follow the corrected appeal in your private section. If it is wrong too, withdraw it and file the corrected appeal again.

decide-error-not-found = Appeal not found.
decide-error-not-supervisor = Only a supervisor may do this.
decide-error-wrong-clerk = The staff member does not work in this appeal's district.
decide-error-bad-text = The text is empty or too long.
decide-error-bad-document = The file is empty or larger than { $max } bytes.
decide-error-day-off = { $date } is a day off: the council is closed. Choose a working day, for example { $next }.
decide-error-changed = Someone else has changed this appeal meanwhile. The screen is refreshed.

question-error-not-found = Question not found.
question-error-not-open = This question has been answered already, or the asker's email address is not confirmed yet.
question-error-too-many-letters = Too many emails with confirmation links have been sent to this address in the last 24 hours. Please try again later.

import-issue-unknown-district = line { $line }, field district: there is no district with code { $code } in the database — add the district first
import-issue-duplicate-id = line { $line }, field id: the id { $id } already appears earlier in the file
import-issue-rejected = line { $line }: the database refused the row ({ $detail })

config-error-read = Cannot read the configuration file { $path }: { $detail }
config-links-at-loopback = Note: the server is set to take requests from the network ({ $addr }) but public_base_url is not set, so the links in letters and on PIN slips lead to { $url }, which opens on the server itself only. Set the address residents open the form at in the configuration file: public_base_url = "https://…"
config-error-parse = The configuration file { $path } has an error: { $detail }
config-error-parse-many = The configuration file { $path } has { $n } errors:
config-error-invalid = Invalid value of “{ $key }”: { $detail }
config-error-no-data-dir = No data folder could be determined: set { $var } or data_dir.
config-error-database-folder = The folder { $folder } does not exist, yet the database is given in it: { $url } ({ $given }). If the path is mistyped, correct it; if the database is really meant to be there, create the folder with “{ $mkdir }” and run the command again. Only the default data folder is created automatically.
config-url-from-flag = the --database-url option
config-url-from-env = the variable { $var }
config-url-from-file = database_url in the configuration file { $path }
config-url-from-default = the default
config-error-calendar-dir = Cannot read the production calendar folder { $path }: { $detail }

config-value-one-of = “{ $value }” is not one of the choices; allowed: { $allowed }
config-value-database-url = “{ $value }” is not a database address: write postgres://user@server/database or sqlite://path/to/file.sqlite3
config-value-http-url = “{ $value }” must start with http:// or https://, for example https://priem.example.ru
config-value-lang = the language “{ $value }” is not supported: write ru or en
config-value-smtp-host = sending through SMTP needs the mail server's address: set mail.host or the variable { $var }
config-value-port = “{ $value }” is not a port number: write a number from 1 to 65535
config-value-mailbox = “{ $value }” is not an email address: write one like “District council <priem@example.ru>”
config-value-listen = “{ $value }” is not an address to listen on: write an IP address and a port, for example 0.0.0.0:8080
config-value-ip = “{ $value }” is not an IP address: write one like 10.0.0.5 (host names do not work)
config-value-not-positive = { $value } does not work here: write a number greater than zero
config-value-too-small = { $value } is too small: write at least { $min }
config-value-lock-minutes = “{ $value }” is not a number of minutes: write a whole number such as 10 (0: never lock)

# The outbox error column: a failure in words, then its original text.
outbox-error-io = { $reason } ({ $detail })

# A database that stopped answering in the middle of work (the pool waited for a connection in
# vain; the connection broke during a statement).
store-connect-timeout = the database did not answer in time: check that the database server is running and reachable over the network
store-error-connection-lost = The connection to the database was lost: check that the database server is running, then try again ({ $detail })
# PostgreSQL refused a statement for want of rights (the database belongs to another user).
store-error-permission = The user in database_url lacks rights in the database: the database must belong to that user (create it with createdb --owner USER or hand it over: ALTER DATABASE … OWNER TO …), and clerk-tui migrate must run as that user ({ $detail })
# SQLite refused a statement: another process kept the write lock past the busy timeout, the
# disk is full, the file is not writable.
store-error-busy = The database is busy: another program (a registry import, say) has been writing for too long. Try again in a minute ({ $detail })
store-error-disk-full = The disk holding the database is full: free some space and try again ({ $detail })
store-error-read-only = The database file or its folder cannot be written: run the command as the file's owner ({ $detail })
