## Mistakes in TOML files an administrator writes (the service catalogue, the configuration,
## a registry column map): where they are and how to fix them.

toml-at = line { $line }, column { $column }: { $problem }
toml-at-key = line { $line }, column { $column }, key { $key }: { $problem }
toml-key = key { $key }: { $problem }
toml-unknown-variant = “{ $value }” is not allowed here; allowed values: { $expected }
toml-unknown-key = unknown key “{ $key }” (a typo?); allowed keys: { $expected }
toml-unknown-key-none = the key “{ $key }” does not belong here: remove it
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
toml-other = a TOML syntax error: { $detail }
