## Mistakes in TOML files an administrator writes (the service catalogue, the configuration,
## a registry column map): where they are and how to fix them.

toml-at = строка { $line }, столбец { $column }: { $problem }
toml-at-key = строка { $line }, столбец { $column }, ключ { $key }: { $problem }
toml-key = ключ { $key }: { $problem }
toml-unknown-variant = недопустимое значение «{ $value }»; допустимые: { $expected }
toml-unknown-key = неизвестный ключ «{ $key }» (опечатка?); допустимые ключи: { $expected }
toml-unknown-key-none = ключ «{ $key }» здесь не предусмотрен: уберите его
toml-unknown-variant-near = недопустимое значение «{ $value }» — может быть, «{ $near }»? Допустимые: { $expected }
toml-unknown-key-near = неизвестный ключ «{ $key }» — может быть, «{ $near }»? Допустимые ключи: { $expected }
toml-missing-key = не хватает ключа { $key }: добавьте его
toml-missing-key-in = в таблице { $table } нет ключа { $key }: добавьте его
toml-wrong-value = значение { $value } не подходит: нужно { $expected }
toml-expected-text = текст в кавычках
toml-expected-boolean = true или false
toml-expected-integer = целое число от { $min } до { $max }
toml-expected-list = список в квадратных скобках
toml-expected-table = таблица ключей (раздел [имя] или ключи в фигурных скобках)
toml-unquoted = текст нужно взять в кавычки: "{ $value }"
toml-no-value = не указано значение: напишите его после знака «=» (текст — в кавычках)
toml-duplicate-key = ключ указан второй раз: оставьте одно значение
toml-term-zero = срок должен быть не меньше одного дня: укажите days = 1 или больше
toml-syntax-unclosed-quote = не закрыта кавычка: текст в кавычках должен заканчиваться на той же строке такой же кавычкой
toml-syntax-comma-pairs = между парами «ключ = значение» в фигурных скобках нужна запятая
toml-syntax-unclosed-header = не закрыта квадратная скобка в названии раздела: пишите [имя] или [[имя]]
toml-syntax-array = в списке не хватает запятой между значениями или закрывающей скобки ]
toml-syntax-unclosed-brace = не закрыта фигурная скобка: допишите {"}"} в конце той же строки
toml-syntax-no-equals = после ключа нужны знак «=» и значение
toml-syntax-escape = после обратной косой черты \ в кавычках может стоять только b, e, f, n, r, t, u, U, x, \ или "; чтобы написать саму черту, удвойте её
toml-syntax-leading-zero = число не может начинаться с нуля (если это код или номер, возьмите его в кавычки)
toml-syntax-date = такой даты нет: пишите ГГГГ-ММ-ДД (или возьмите значение в кавычки)
toml-syntax-no-key = перед знаком «=» нужен ключ
toml-other = ошибка в записи TOML: { $detail }
