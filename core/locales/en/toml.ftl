## Mistakes in TOML files an administrator writes (the service catalogue, the configuration,
## a registry column map): where they are and how to fix them.

toml-at = line { $line }, column { $column }: { $problem }
toml-at-key = line { $line }, column { $column }, key { $key }: { $problem }
toml-key = key { $key }: { $problem }
toml-unknown-variant = “{ $value }” is not allowed here; allowed values: { $expected }
toml-unknown-key = unknown key “{ $key }” (a typo?); allowed keys: { $expected }
toml-unknown-key-none = the key “{ $key }” does not belong here: remove it
toml-unknown-variant-near = “{ $value }” is not allowed here — did you mean “{ $near }”? Allowed values: { $expected }
toml-unknown-key-near = unknown key “{ $key }” — did you mean “{ $near }”? Allowed keys: { $expected }
toml-missing-key = the key { $key } is missing: add it
toml-missing-key-in = the table { $table } lacks the key { $key }: add it
toml-wrong-value = the value { $value } does not fit: write { $expected }
toml-expected-text = a text in quotes
toml-expected-boolean = true or false
toml-expected-integer = a whole number from { $min } to { $max }
toml-expected-list = a list in square brackets
toml-expected-table = a table of keys (a [section] or keys in curly braces)
toml-unquoted = put the text in quotes: "{ $value }"
toml-no-value = the value is missing: write it after “=” (a text in quotes)
toml-duplicate-key = the key is given a second time: keep one value
toml-term-zero = a term must be at least one day: write days = 1 or more
toml-syntax-unclosed-quote = a quote is not closed: quoted text must end on the same line with the same quote
toml-syntax-comma-pairs = key = value pairs in curly braces need a comma between them
toml-syntax-unclosed-header = a table name's square bracket is not closed: write [name] or [[name]]
toml-syntax-array = a list lacks a comma between values or its closing bracket ]
toml-syntax-unclosed-brace = a curly brace is not closed: add {"}"} at the end of the same line
toml-syntax-no-equals = a key needs “=” and a value after it
toml-syntax-escape = after a backslash \ in quotes only b, e, f, n, r, t, u, U, x, \ or " may follow; to write the backslash itself, double it
toml-syntax-leading-zero = a number cannot start with zero (if it is a code or a number of digits, put it in quotes)
toml-syntax-date = there is no such date: write YYYY-MM-DD (or put the value in quotes)
toml-syntax-no-key = a key is needed before “=”
toml-other = a TOML syntax error: { $detail }
