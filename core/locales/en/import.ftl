## Registry import (CSV): errors and warnings an administrator reads.

import-row-field-error = line { $line }, field { $field }: { $reason }
import-row-error = line { $line }: { $reason }

import-reason-wrong-field-count = the row has { $found } { $found ->
        [one] field
       *[other] fields
    }, the header has { $expected }
import-reason-unclosed-quote = a quote (") is not closed: the next { $more } { $more ->
        [one] line of the file was
       *[other] lines of the file were
    } read as part of this one. Close the quote or remove it
import-reason-missing = a required value is missing
import-reason-too-long = value too long: { $found } { $found ->
        [one] character
       *[other] characters
    }, at most { $max } allowed
import-reason-control-characters = the value contains control or invisible characters
import-reason-encoding = garbled text: the file seems to be in another encoding (give UTF-8 or Windows-1251 explicitly)
import-reason-bad-date = “{ $value }” is not a date: expected YYYY-MM-DD or DD.MM.YYYY
import-reason-nonexistent-date = date “{ $value }” does not exist
import-reason-future-date = birth date “{ $value }” is in the future
import-reason-date-too-early = birth date “{ $value }” is before 1900
import-reason-bad-district = district code “{ $value }” is wrong: four digits are needed, e.g. 0412
import-reason-bad-registration-kind = registration kind “{ $value }” is unknown: expected permanent, temporary or contract (or the Russian «по месту жительства», «по месту пребывания», «по договору»)

import-error-io = cannot read the registry file: { $detail }
import-error-empty = the registry file is empty: there is not even a header line
import-error-utf16 = the registry file is in UTF-16; save it as UTF-8 or Windows-1251
import-error-spreadsheet = this is a spreadsheet workbook (.xlsx, .xls, .ods), not a CSV file. Open it and save the registry sheet as CSV (“File → Save As”, type “CSV UTF-8”), then import that file
import-error-not-text = this is not a CSV text file: it holds binary data. Check that the right file is given
import-error-header-not-utf8 = the header line is not UTF-8; if the file is in Windows-1251, say so: --encoding windows-1251
import-error-bad-delimiter = { $value } cannot separate fields
import-error-missing-columns = the header lacks { $n ->
        [1] a required column
       *[other] required columns
    }: { $columns }. The file's columns: { $found }
import-error-missing-columns-map = The file seems to hold the same data under other names. If so, import it with this column map: --map { $map }
import-error-missing-columns-draft = If the file holds them under other names, import it with this column map, each “…” replaced by a column's name: --map { $map }
import-error-missing-columns-no-map = If the file holds them under other names, say which column holds each: --map { $example } (each “…” being a column's name as the header gives it).
import-error-one-column = The header is one column: the fields seem to be split by another character. Give it: --delimiter { $flag }
import-error-duplicate-column = column “{ $column }” appears more than once in the header
import-error-unread-columns = { $n ->
        [1] an optional field has no column while a similar column of the file goes unused
       *[other] optional fields have no columns while similar columns of the file go unused
    }: { $pairs }. The import would leave those fields empty for every resident in the file. If those columns hold them, add them to the column map: --map …,{ $map }. If not, and the fields are to stay empty, run the import again with --allow-unread-columns
import-error-record-too-long = the record starting near line { $line } is longer than { $limit } bytes: most likely a quote is not closed
import-unknown-encoding = unknown encoding “{ $value }”: expected UTF-8 or Windows-1251

import-warning-ignored-columns = { $n ->
        [1] column not used, skipped
       *[other] columns not used, skipped
    }: { $columns }

import-map-where = in the column map
import-map-where-pairs = in the column map (--map)
import-map-where-file = in the column map file { $path }
import-map-unknown-field = { $where }, “{ $field }” is not a registry field; the registry's fields are: { $fields }
import-map-unknown-field-like = { $where }, “{ $field }” is not a registry field — did you mean “{ $like }”? The registry's fields are: { $fields }
import-map-not-a-string = { $where }, the column name for { $field } must be a quoted string, for example { $field } = "Name"
import-map-duplicate-field = { $where }, field { $field } is given twice: keep one
import-map-empty-header = { $where }, field { $field } is given an empty column name
import-map-same-header = { $where }, fields { $first } and { $second } would both read column “{ $header }”: give each field a column of its own
import-map-toml = { $where }: { $detail }
import-map-bad-pair = { $where }, “{ $pair }” is not a field=Column pair: write, for example, surname=Surname,name=Name
