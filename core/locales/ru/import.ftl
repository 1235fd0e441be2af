## Registry import (CSV): errors and warnings an administrator reads.

import-row-field-error = строка { $line }, поле { $field }: { $reason }
import-row-error = строка { $line }: { $reason }

import-reason-wrong-field-count = в строке { $found } { $found ->
        [one] поле
        [few] поля
       *[many] полей
    }, а в заголовке { $expected }
import-reason-unclosed-quote = кавычка «"» не закрыта: { $more } { $more ->
        [one] следующая строка файла прочитана
        [few] следующие строки файла прочитаны
       *[many] следующих строк файла прочитано
    } как часть этой. Закройте кавычку или уберите её
import-reason-missing = обязательное значение не указано
import-reason-too-long = слишком длинное значение: { $found } { $found ->
        [one] символ
        [few] символа
       *[many] символов
    }, допустимо не больше { $max }
import-reason-control-characters = значение содержит управляющие или невидимые символы
import-reason-encoding = текст испорчен: похоже, файл не в той кодировке (укажите UTF-8 или Windows-1251 явно)
import-reason-bad-date = «{ $value }» — не дата: ожидается ГГГГ-ММ-ДД или ДД.ММ.ГГГГ
import-reason-nonexistent-date = дата «{ $value }» не существует
import-reason-future-date = дата рождения «{ $value }» ещё не наступила
import-reason-date-too-early = дата рождения «{ $value }» раньше 1900 года
import-reason-bad-district = код района «{ $value }» неверен: нужны четыре цифры, например 0412
import-reason-bad-registration-kind = вид регистрации «{ $value }» не распознан: ожидается permanent, temporary или contract (или «по месту жительства», «по месту пребывания», «по договору»)

import-error-io = не удалось прочитать файл реестра: { $detail }
import-error-empty = файл реестра пуст: в нём нет даже строки заголовка
import-error-utf16 = файл реестра в кодировке UTF-16; сохраните его в UTF-8 или Windows-1251
import-error-spreadsheet = это книга Excel или другой электронной таблицы (.xlsx, .xls, .ods), а не файл CSV. Откройте её и сохраните лист с реестром в формате CSV («Файл → Сохранить как», тип «CSV UTF-8»), затем загрузите полученный файл
import-error-not-text = это не текстовый файл CSV: в нём есть двоичные данные. Проверьте, тот ли файл указан
import-error-header-not-utf8 = строка заголовка не в кодировке UTF-8; если файл в Windows-1251, укажите это: --encoding windows-1251
import-error-bad-delimiter = { $value } не может разделять поля
import-error-missing-columns = в заголовке { $n ->
        [1] нет обязательного столбца
       *[other] нет обязательных столбцов
    }: { $columns }. Столбцы в файле: { $found }
import-error-missing-columns-map = Похоже, в файле те же сведения под другими названиями. Если так, загрузите его с соответствием столбцов: --map { $map }
import-error-missing-columns-draft = Если эти сведения в файле есть под другими названиями, загрузите его с соответствием столбцов, вписав вместо «…» название столбца: --map { $map }
import-error-missing-columns-no-map = Если эти сведения в файле есть под другими названиями, укажите, в каком столбце каждое: --map { $example } (вместо «…» — название столбца, как в заголовке файла).
import-error-one-column = В заголовке один столбец: похоже, поля разделены другим знаком. Укажите его: --delimiter { $flag }
import-error-duplicate-column = столбец «{ $column }» встречается в заголовке больше одного раза
import-error-unread-columns = { $n ->
        [1] необязательному полю не сопоставлен столбец, а похожий столбец файла не используется
       *[other] необязательным полям не сопоставлены столбцы, а похожие столбцы файла не используются
    }: { $pairs }. Загрузка оставила бы эти поля пустыми у всех жителей из файла. Если в этих столбцах нужные сведения, укажите их в соответствии столбцов: --map …,{ $map }. Если нет и поля должны остаться пустыми, повторите загрузку с ключом --allow-unread-columns
import-error-record-too-long = запись, которая начинается около строки { $line }, длиннее { $limit } байт: скорее всего, в файле не закрыта кавычка
import-unknown-encoding = неизвестная кодировка «{ $value }»: ожидается UTF-8 или Windows-1251

import-warning-ignored-columns = { $n ->
        [1] столбец не используется и пропущен
       *[other] столбцы не используются и пропущены
    }: { $columns }

import-map-where = в соответствии столбцов
import-map-where-pairs = в соответствии столбцов (--map)
import-map-where-file = в файле соответствия столбцов { $path }
import-map-unknown-field = { $where } неизвестное поле «{ $field }»; поля реестра: { $fields }
import-map-unknown-field-like = { $where } неизвестное поле «{ $field }» — может быть, «{ $like }»? Поля реестра: { $fields }
import-map-not-a-string = { $where } название столбца для поля { $field } должно быть строкой в кавычках, например { $field } = "Название"
import-map-duplicate-field = { $where } поле { $field } указано дважды: оставьте одно
import-map-empty-header = { $where } для поля { $field } указано пустое название столбца
import-map-same-header = { $where } поля { $first } и { $second } оба читают столбец «{ $header }»: у каждого поля должен быть свой столбец
import-map-toml = { $where } ошибка: { $detail }
import-map-bad-pair = { $where } «{ $pair }» — не пара поле=столбец: пишите, например, surname=Фамилия,name=Имя
