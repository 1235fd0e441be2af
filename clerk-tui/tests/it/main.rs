//! The administrator's command line, run as a real binary against a real SQLite file.

use std::path::PathBuf;
use std::process::{Command, Output};

mod tui;

struct Admin {
    dir: tempfile::TempDir,
}

impl Admin {
    fn new() -> Admin {
        Admin { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_clerk-tui"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            // names anyone can set: the audit log must not believe them
            .env("USER", "admin-test")
            .env("LOGNAME", "admin-test")
            .env("ERECEPTION_DATA_DIR", self.data())
            .output()
            .expect("runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

/// The user the audit log must name for this process's real uid, as `id` finds it.
fn os_user() -> String {
    let id = |args: &[&str]| {
        Command::new("id")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    id(&["-r", "-u", "-n"]).or_else(|| id(&["-r", "-u"]).map(|uid| format!("uid:{uid}"))).expect("id runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const HEADER: &str =
    "id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind\n";

/// Imports a registry of one resident, Иванова Мария Петровна (R1, district 0412); returns
/// what the import printed.
fn import_maria(admin: &Admin) -> String {
    let good = admin.file(
        "good.csv",
        &format!("{HEADER}R1;Иванова;Мария;Петровна;14.03.1985;0412;ул. Новый Арбат;12;;;12А;permanent\n"),
    );
    admin.ok(&["registry", "import", good.to_str().expect("utf-8")])
}

fn setup(admin: &Admin) {
    admin.ok(&["migrate"]);
    admin.ok(&[
        "district",
        "set",
        "0412",
        "--name",
        "Арбат",
        "--council",
        "Управа района Арбат города Москвы",
        "--address",
        "ул. Новый Арбат, д. 36/9",
        "--hours",
        "пн–чт 9:00–18:00, пт 9:00–16:45",
    ]);
}

#[test]
fn a_missing_database_is_refused_in_russian_and_not_created() {
    let admin = Admin::new();
    let out = admin.run(&["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Создайте её командой «clerk-tui migrate»"), "{}", stderr(&out));
    assert!(!admin.data().join("ereception.sqlite3").exists());
}

#[test]
fn migrate_says_what_it_applied_and_then_that_nothing_was_due() {
    let admin = Admin::new();
    let first = admin.ok(&["migrate"]);
    assert!(first.starts_with("Создана новая база данных: "), "a new file is said so: {first}");
    let applied = first.lines().nth(1).unwrap_or_default();
    assert!(applied.starts_with("Примен") && applied.contains(", схема обновлена до версии 2026"), "{first}");
    assert!(first.contains("Загружен стандартный перечень услуг."), "{first}");
    assert!(!first.contains("актуальна"), "one line about the schema, not two: {first}");
    let again = admin.ok(&["migrate"]);
    assert_eq!(again.trim(), "Схема базы данных актуальна.", "nothing applied nor created the second time");
    // QA: every run wrote a «database_migrated» row, so a deploy script running it each time
    // filled the audit log with changes that were none
    let audit = admin.ok(&["audit", "show", "--format", "csv", "--action", "database_migrated"]);
    assert_eq!(audit.lines().count(), 2, "a header and the one run that migrated: {audit}");
}

/// QA: `migrate --database-url sqlite:///typo/x.sqlite3` made the folders and a new empty
/// database there, and said only «Создана новая база данных». A path given explicitly must
/// name a folder that exists (every command, the file's `database_url` too); only the embedded
/// default's data folder is made, as the first start needs.
#[test]
fn an_explicit_database_in_a_missing_folder_is_refused_and_nothing_is_made() {
    let admin = Admin::new();
    let typo = admin.dir.path().join("typo").join("sub");
    let url = format!("sqlite://{}", typo.join("x.sqlite3").display());
    for command in
        [&["migrate"][..], &["demo"], &["status"], &["backup", "copy.sqlite3"], &["retention"], &["clerk", "list"]]
    {
        let mut args = vec!["--database-url", url.as_str()];
        args.extend_from_slice(command);
        let out = admin.run(&args);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        let text = stderr(&out);
        assert!(
            text.contains(&format!("ошибка: папки {} нет, а база данных указана в ней", typo.display())),
            "{command:?}: {text}"
        );
        assert!(text.contains(&format!("mkdir -p {}", typo.display())), "{text}");
    }
    let config = admin.file("config.toml", &format!("database_url = \"{url}\"\n"));
    let out = admin.run(&["--config", config.to_str().expect("utf-8"), "migrate"]);
    assert!(stderr(&out).contains("database_url в файле настроек"), "{}", stderr(&out));
    let out = admin.run(&["--lang", "en", "--database-url", &url, "migrate"]);
    assert!(stderr(&out).contains("error: the folder"), "{}", stderr(&out));
    assert!(!admin.dir.path().join("typo").exists(), "nothing was made");
    // a folder that exists takes a new database
    std::fs::create_dir_all(&typo).expect("mkdir");
    let made = admin.ok(&["--database-url", &url, "migrate"]);
    assert!(made.starts_with("Создана новая база данных"), "{made}");
}

#[test]
fn wrong_flags_are_explained() {
    let admin = Admin::new();
    let out = admin.run(&["registry", "import", "--encodng", "cp1251", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("неизвестный параметр «--encodng»") && text.contains("--encoding"), "{text}");
    let out = admin.run(&["--lang", "en", "clerk", "add", "x"]);
    assert!(stderr(&out).contains("a required value is missing"), "{}", stderr(&out));
}

#[test]
fn a_bad_registry_file_changes_nothing_and_a_good_one_imports() {
    let admin = Admin::new();
    setup(&admin);
    let bad = admin.file(
        "bad.csv",
        &format!(
            "{HEADER}R1;Иванова;Мария;Петровна;14.03.1985;0412;ул. Новый Арбат;12;;;12А;permanent\n\
             R2;;Пётр;;2012-05-12;0412;ул. Новый Арбат;12;;;12А;permanent\n\
             R1;Иванова;Мария;Петровна;14.03.1985;0412;ул. Новый Арбат;12;;;12А;permanent\n"
        ),
    );
    let out = admin.run(&["registry", "import", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(3));
    let text = stderr(&out);
    assert!(text.contains("строка 3, поле surname") && text.contains("строка 4, поле id"), "{text}");
    // QA: the list's items are written alike, without a full stop (the repeated id had one)
    let items: Vec<&str> = text.lines().filter(|l| l.starts_with("  строка")).collect();
    assert!(items.len() == 2 && items.iter().all(|l| !l.ends_with('.')), "{text}");
    assert!(text.contains("База данных не изменилась"), "{text}");
    let status = admin.ok(&["status"]);
    let residents = status.lines().find(|l| l.starts_with("Жители в реестре")).expect("a residents line");
    assert!(residents.ends_with(" 0"), "{status}");
    assert!(status.contains("Производственный календарь: 2025–2027 годы."), "{status}");
    let out = import_maria(&admin);
    assert!(out.contains("новых жителей — 1"), "{out}");
    // «загружен за 0,1 с»: a decimal comma in Russian
    let seconds = out.split(" за ").nth(1).and_then(|rest| rest.split(" с:").next()).unwrap_or_default();
    assert!(seconds.contains(',') && seconds.replace(',', ".").parse::<f64>().is_ok(), "{out}");
    // the same file again: she is listed as she is, not counted as changed
    let again = import_maria(&admin);
    assert!(again.contains("новых жителей — 0, изменённых записей — 0, без изменений — 1"), "{again}");
}

/// QA: `--max-errors 0` listed one problem, as if it said 1; 0 lists them all, as the help
/// says, and a dry run of a bad file ends with the import's exit status, 3.
#[test]
fn max_errors_zero_lists_every_problem() {
    let admin = Admin::new();
    setup(&admin);
    let rows: Vec<String> =
        (0..5).map(|i| format!("B{i};;Пётр;;2012-05-12;0412;ул. Новый Арбат;12;;;{i};permanent")).collect();
    let bad = admin.file("bad.csv", &format!("{HEADER}{}\n", rows.join("\n")));
    let bad = bad.to_str().expect("utf-8");
    let listed = |out: &Output| stderr(out).lines().filter(|l| l.starts_with("  строка")).count();
    for dry in [false, true] {
        let mut args = vec!["registry", "import", "--max-errors", "0", bad];
        if dry {
            args.push("--dry-run");
        }
        let out = admin.run(&args);
        assert_eq!(out.status.code(), Some(3), "dry run {dry}: {}", stderr(&out));
        assert_eq!(listed(&out), 5, "{}", stderr(&out));
        assert!(!stderr(&out).contains("…и ещё"), "{}", stderr(&out));
    }
    let out = admin.run(&["registry", "import", "--max-errors", "2", bad]);
    assert_eq!(listed(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("…и ещё 3."), "{}", stderr(&out));
    // (lines wrapped to the terminal: read as one)
    let help = admin.ok(&["registry", "import", "--help"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("0 — показать все") && help.contains("3 — файл не был бы загружен"), "{help}");
}

/// QA: `--delimiter '\t'` and `--delimiter tab`, as people type a tab when `$'\t'` is not
/// what their shell knows, were refused with «нужен один знак», and the help named «;» and
/// «,» alone.
#[test]
fn a_tab_delimiter_is_taken_as_people_type_it() {
    let admin = Admin::new();
    setup(&admin);
    let tsv = admin.file(
        "registry.tsv",
        &format!(
            "{}R1\tИванова\tМария\tПетровна\t14.03.1985\t0412\tул. Новый Арбат\t12\t\t\t12А\tpermanent\n",
            HEADER.replace(';', "\t")
        ),
    );
    let tsv = tsv.to_str().expect("utf-8");
    for typed in ["\t", "\\t", "tab", "TAB"] {
        let out = admin.ok(&["registry", "import", "--dry-run", "--delimiter", typed, tsv]);
        assert!(out.contains("файл можно загрузить: строк — 1"), "{typed:?}: {out}");
    }
    let out = admin.run(&["registry", "import", "--delimiter", ":", tsv]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("используйте «;», «,», «|» или табуляцию ($'\\t', '\\t' или tab)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_cut_short_is_refused_and_a_dry_run_writes_nothing() {
    let admin = Admin::new();
    setup(&admin);
    let rows: Vec<String> = (0..30)
        .map(|i| format!("H{i};Гаврилов;Глеб;Глебович;1980-01-01;0412;ул. Арбат;{};;;{i};permanent", i % 7 + 1))
        .collect();
    let whole = admin.file("whole.csv", &format!("{HEADER}{}\n", rows.join("\n")));
    admin.ok(&["registry", "import", whole.to_str().expect("utf-8")]);
    let short = admin.file("short.csv", &format!("{HEADER}{}\n", rows[..2].join("\n")));
    let short = short.to_str().expect("utf-8");
    let out = admin.run(&["registry", "import", short]);
    assert_eq!(out.status.code(), Some(3));
    let text = stderr(&out);
    assert!(text.contains("Район 0412: по этому файлу выбыли бы 28 из 30 жителей (93 %)"), "{text}");
    assert!(text.contains("--allow-departures") && text.contains("База данных не изменилась"), "{text}");
    let dry = admin.ok(&["registry", "import", "--dry-run", "--allow-departures", short]);
    assert!(dry.contains("Проверка без записи, файл можно загрузить") && dry.contains("выбудут — 28"), "{dry}");
    assert!(dry.contains("База данных не изменилась"), "{dry}");
    // without the override, a dry run still shows it all, and says the file would be refused
    // — QA: and ends with the import's own exit status (it ended with 0), so that a script can
    // check a file before importing it
    let out = admin.run(&["registry", "import", "--dry-run", short]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let dry = String::from_utf8(out.stdout).expect("utf-8");
    assert!(dry.contains("Проверка без записи:") && !dry.contains("можно загрузить"), "{dry}");
    assert!(dry.contains("выбыли бы 28 из 30") && dry.contains("Без ключа --allow-departures"), "{dry}");
    assert!(dry.contains("Выбывают жители (28), первые 20 по алфавиту:"), "{dry}");
    assert!(dry.contains("  H10  0412  Гаврилов Глеб Глебович"), "{dry}");
    assert!(admin.ok(&["audit", "show", "--format", "csv"]).contains("personal_data_viewed,residents:leaving"));
    let status = admin.ok(&["status"]);
    assert!(status.lines().any(|l| l.starts_with("Жители в реестре") && l.ends_with(" 30")), "{status}");
    let done = admin.ok(&["registry", "import", "--allow-departures", short]);
    assert!(done.contains("выбыли — 28") && done.contains("Выбыли жители (28), первые 20 по алфавиту"), "{done}");
    // they stay in the registry, for their appeals' sake, and `status` says how many left
    let status = admin.ok(&["status"]);
    assert!(status.lines().any(|l| l.starts_with("Жители в реестре") && l.ends_with(" 30")), "{status}");
    assert!(status.lines().any(|l| l.starts_with("  из них выбыли") && l.ends_with(" 28")), "{status}");
}

#[test]
fn pins_are_issued_with_a_slip_and_actions_are_audited() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    let added = admin.ok(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    assert!(added.contains("Пароль:"), "a generated password is shown once: {added}");
    // a namesake is added, and pointed out
    let twin = admin.run(&["clerk", "add", "orlova2", "--name", "орлова анна игоревна ", "--district", "0412"]);
    assert!(twin.status.success());
    assert!(stderr(&twin).contains("такое же ФИО уже у сотрудника orlova"), "{}", stderr(&twin));
    let slip = admin.ok(&["--as", "orlova", "pin", "issue", "--registry-id", "R1", "--width", "32"]);
    assert!(slip.lines().all(|l| l.chars().count() <= 32), "{slip}");
    assert!(slip.contains("Иванова М. П.") && slip.contains("Сотрудник: Орлова Анна Игоревна"), "{slip}");
    let again = admin.run(&["pin", "issue", "--registry-id", "R1"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--replace"));
    // a mistyped id is named, with the way to find the right one
    let typo = stderr(&admin.run(&["pin", "issue", "--registry-id", "R11"]));
    // (the same word as the flag's help: an id, not a number)
    assert!(
        typo.contains("ошибка: жителя с идентификатором «R11» в реестре ГУ ИС нет") && typo.contains("resident find"),
        "{typo}"
    );
    let typo = stderr(&admin.run(&["--lang", "en", "pin", "issue", "--registry-id", "R11"]));
    assert!(typo.contains("error: there is no resident “R11” in the ГУ ИС registry"), "{typo}");
    // QA: an unknown district named no way to find the right code
    let out = admin.run(&["clerk", "add", "petrov", "--name", "Петров Пётр", "--district", "0999"]);
    assert!(
        stderr(&out).contains("ошибка: района с кодом 0999 нет. Список районов: clerk-tui district list."),
        "{}",
        stderr(&out)
    );
    let audit = admin.ok(&["audit", "show", "--format", "csv"]);
    // --as names the clerk, and the user at the keyboard beside them
    assert!(audit.contains(&format!("orlova (os:{}),pin_issued", os_user())), "{audit}");
    let hers = admin.ok(&["audit", "show", "--actor", "orlova", "--format", "csv"]);
    assert!(hers.contains("pin_issued") && !hers.contains("clerk_added"), "{hers}");
    let os = format!("os:{},clerk_added", os_user());
    assert!(audit.contains(&os), "otherwise the user of the real uid, {os}: {audit}");
    assert!(!audit.contains("admin-test"), "never USER or LOGNAME: {audit}");
    let unknown = admin.run(&["--as", "nobody", "pin", "issue", "--registry-id", "R1"]);
    assert!(stderr(&unknown).contains("«nobody»"), "{}", stderr(&unknown));
    // QA: a slip issued with --email did not show the address, so a typo went unnoticed; the
    // council's phone was on no slip
    admin.ok(&["district", "set", "0412", "--phone", "+7 495 690-00-00"]);
    let slip = admin.ok(&[
        "pin",
        "issue",
        "--registry-id",
        "R1",
        "--replace",
        "--email",
        "maria.ivanova@example.invalid",
        "--width",
        "42",
    ]);
    assert!(slip.lines().all(|l| l.chars().count() <= 42), "{slip}");
    let words = slip.lines().collect::<Vec<_>>().join(" ");
    assert!(words.contains("maria.ivanova@example.invalid (ещё не подтверждён)"), "{slip}");
    assert!(words.contains("«Подтвердить адрес»"), "{slip}");
    assert!(words.contains("Телефон управы: +7 495 690-00-00"), "{slip}");
}

/// A resident asks what the council holds about them (152-ФЗ art. 14): the administrator
/// prints it, and the audit log records who did.
#[test]
fn a_residents_personal_data_are_reported_and_the_report_is_audited() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    admin.ok(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    admin.ok(&["--as", "orlova", "pin", "issue", "--registry-id", "R1", "--email", "maria@example.invalid"]);
    admin.ok(&["resident", "find", "--surname", "иванова"]);
    let report = admin.ok(&["--as", "orlova", "resident", "data", "R1"]);
    for expected in [
        "Сведения о персональных данных: Иванова Мария Петровна",
        "ИД в реестре: R1",
        "Адрес: ул. Новый Арбат, д. 12, кв. 12А",
        "сотрудник: Орлова Анна Игоревна",
        "maria@example.invalid (не подтверждён)",
        "Состояние: действует",
        "Отправлена ссылка для подтверждения адреса электронной почты",
    ] {
        assert!(report.contains(expected), "{expected:?} missing from:\n{report}");
    }
    let access = report.split("Действия сотрудников").nth(1).expect("the access section");
    assert!(access.contains("Выдан ПИН-код") && access.contains("Просмотр персональных данных"), "{access}");
    let audit = admin.ok(&["audit", "show", "--action", "personal_data_reported", "--format", "csv"]);
    assert!(audit.contains(&format!("orlova (os:{}),personal_data_reported", os_user())), "{audit}");
    // the next report lists the one before
    assert!(admin.ok(&["resident", "data", "R1"]).contains("Подготовлены сведения о персональных данных жителя"));
    let english = admin.ok(&["--lang", "en", "resident", "data", "R1"]);
    assert!(english.contains("Personal data held: Иванова Мария Петровна"), "{english}");
    // a mistyped id is named, and nothing is audited for it
    let typo = admin.run(&["resident", "data", "R11"]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(stderr(&typo).contains("ошибка: жителя с идентификатором «R11» в реестре ГУ ИС нет"), "{}", stderr(&typo));
    let audit = admin.ok(&["audit", "show", "--action", "personal_data_reported", "--format", "csv"]);
    assert_eq!(audit.matches("personal_data_reported").count(), 3, "{audit}");
}

#[test]
fn a_slip_issued_without_as_names_no_operating_system_user() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    let slip = admin.ok(&["pin", "issue", "--registry-id", "R1", "--width", "48"]);
    assert!(slip.contains("Иванова М. П.") && slip.contains("ПИН-код"), "{slip}");
    assert!(!slip.lines().any(|l| l.starts_with("Сотрудник")), "no «Сотрудник» line: {slip}");
    assert!(!slip.contains("unknown") && !slip.contains("admin-test"), "{slip}");
    assert!(!slip.lines().any(|l| l.split_whitespace().any(|w| w == os_user())), "{slip}");
    let audit = admin.ok(&["audit", "show", "--format", "csv", "--action", "pin_issued"]);
    assert!(audit.contains(&format!("os:{},pin_issued", os_user())), "the audit log names them: {audit}");
}

#[test]
fn reports_show_titles_in_order_with_totals_and_excel_gets_its_csv() {
    let admin = Admin::new();
    admin.ok(&["demo", "--residents", "300", "--pins", "1"]);

    // appeals: catalogue titles, the status machine's order, a total
    let table = admin.ok(&["report", "appeals", "--district", "0412"]);
    assert!(table.contains("Выписка из домовой книги") && !table.contains("house-register-extract"), "{table}");
    let line_of = |state: &str| {
        table
            .lines()
            .position(|l| l.contains("Выписка из домовой книги") && l.contains(&format!("  {state}  ")))
            .unwrap_or_else(|| panic!("no extract row «{state}»:\n{table}"))
    };
    assert!(line_of("Подано") < line_of("Зарегистрировано"), "{table}");
    assert!(line_of("Зарегистрировано") < line_of("Исполняется"), "{table}");
    assert!(line_of("Исполняется") < line_of("Документ выдан"), "{table}");
    let csv = admin.ok(&["report", "appeals", "--format", "csv"]);
    assert!(!csv.contains("Итого"), "no totals for programs: {csv}");
    let sum: i64 = csv.lines().skip(1).filter_map(|l| l.rsplit(',').next()?.parse::<i64>().ok()).sum();
    let total = table.lines().last().unwrap_or_default();
    assert!(total.starts_with("Итого") && total.ends_with(&format!(" {sum}")), "{total} ≠ {sum}:\n{table}");

    // overdue: the clerk, and which deadline passed
    let overdue = admin.ok(&["report", "overdue", "--format", "csv"]);
    let header = overdue.lines().next().unwrap_or_default();
    assert_eq!(header, "Номер,Район,Услуга,Состояние,Исполнитель,Срок,Вид срока,\"Просрочено, дней\"");
    let rows: Vec<Vec<&str>> = overdue.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().any(|r| r[6] == "регистрация") && rows.iter().any(|r| r[6] == "исполнение"), "{overdue}");
    for r in &rows {
        assert_eq!(r[6] == "регистрация", r[3] == "Подано", "only unregistered appeals are late to register: {r:?}");
    }
    assert!(rows.iter().any(|r| !r[4].is_empty()), "assigned appeals name their clerk: {overdue}");
    let table = admin.ok(&["report", "overdue"]);
    assert!(table.lines().last().unwrap_or_default().starts_with(&format!("Итого: {}", rows.len())), "{table}");

    // decision time: a decimal comma in Russian and in Excel, a point for programs
    let table = admin.ok(&["report", "decision-time"]);
    let all = table.lines().last().unwrap_or_default();
    assert!(all.starts_with("Все услуги"), "{table}");
    let numbers: Vec<&str> = all.split_whitespace().skip(3).collect();
    assert!(numbers.len() == 3 && numbers.iter().all(|n| n.contains(',') && !n.contains('.')), "{all}");
    let csv = admin.ok(&["report", "decision-time", "--format", "csv"]);
    let first = csv.lines().nth(1).unwrap_or_default();
    assert!(first.split(',').skip(2).all(|n| n.contains('.')) && !csv.contains("Все услуги"), "{csv}");
    let path = admin.dir.path().join("decisions.csv");
    admin.ok(&["report", "decision-time", "--format", "excel", "--out", path.to_str().expect("utf-8")]);
    let bytes = std::fs::read(&path).expect("written");
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a UTF-8 BOM for Excel")).expect("utf-8");
    assert!(text.starts_with("Услуга;Решений;В среднем, ч;"), "{text}");
    let all = text.lines().last().unwrap_or_default();
    assert!(all.starts_with("Все услуги;") && all.split(';').skip(2).all(|n| n.contains(',')), "{text}");

    // a district that does not exist is an error, not an empty table
    let out = admin.run(&["report", "appeals", "--district", "9999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ошибка: района с кодом 9999 нет"), "{}", stderr(&out));
}

#[test]
fn report_help_lists_only_options_that_apply_in_russian() {
    let admin = Admin::new();
    let help = admin.ok(&["report", "overdue", "--help"]);
    assert!(!help.contains("--since") && !help.contains("--until") && !help.contains("Не используется"), "{help}");
    assert!(help.contains("--district") && help.contains("excel"), "{help}");
    let help = admin.ok(&["report", "decision-time", "--help"]);
    assert!(help.contains("--until") && !help.contains("Не используется"), "{help}");
    for help in [help, admin.ok(&["audit", "show", "--help"])] {
        assert!(!help.contains("default:") && !help.contains("possible values"), "{help}");
        // the label is kept on one line by a no-break space
        assert!(help.contains("[по\u{a0}умолчанию:"), "{help}");
    }
}

#[test]
fn reports_write_csv_files() {
    let admin = Admin::new();
    setup(&admin);
    let out = admin.dir.path().join("report.csv");
    admin.ok(&["report", "appeals", "--format", "csv", "--out", out.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&out).expect("written");
    assert_eq!(text.lines().next(), Some("Район,Услуга,Состояние,Количество"));
    let exported = admin.dir.path().join("audit.csv");
    admin.ok(&["audit", "export", "--out", exported.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&exported).expect("written");
    assert!(text.starts_with("№,") && text.contains(",report_exported,"), "{text}");
    assert!(admin.ok(&["audit", "show"]).contains("Выгружен отчёт"));
    // a short listing shows the latest rows, oldest first, as `tail` shows a log
    let last_two = admin.ok(&["audit", "show", "--limit", "2", "--format", "csv"]);
    let actions: Vec<&str> = last_two.lines().skip(1).filter_map(|l| l.split(',').nth(3)).collect();
    assert_eq!(actions, ["report_exported", "audit_exported"], "{last_two}");
    // every row, whatever a listing's limit; for Excel with `;` and a byte order mark
    let excel = admin.dir.path().join("audit-excel.csv");
    admin.ok(&["audit", "export", "--format", "excel", "--out", excel.to_str().expect("utf-8")]);
    let bytes = std::fs::read(&excel).expect("written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("№;") && text.contains(";audit_exported;"), "{text}");
    assert_eq!(
        text.lines().count(),
        admin.ok(&["audit", "show", "--limit", "1000", "--format", "csv"]).lines().count() - 1
    );
    // a listing's options are not offered to an export
    let help = admin.ok(&["audit", "export", "--help"]);
    assert!(help.contains("excel") && !help.contains("--limit"), "{help}");
    // the command's own options first, then those every command takes
    let (own, shared) = (help.find("--since").expect("own"), help.find("--config").expect("shared"));
    assert!(own < shared && help.find("--format").expect("own") < shared, "{help}");
    assert!(!admin.run(&["audit", "export", "--limit", "5", "--out", "x.csv"]).status.success());
    // people read actions by name; programs by code
    let table = admin.ok(&["audit", "show"]);
    assert!(table.contains("Журнал аудита выгружен") && !table.contains("audit_exported"), "{table}");
    let only = admin.ok(&["audit", "show", "--action", "report_exported", "--format", "csv"]);
    assert!(only.lines().skip(1).all(|l| l.contains(",report_exported,")) && only.lines().count() == 2, "{only}");
    let typo = admin.run(&["audit", "show", "--action", "pin_issue"]);
    assert!(stderr(&typo).contains("действия «pin_issue» в журнале нет") && stderr(&typo).contains("pin_issued"));
    let backwards = admin.run(&["audit", "show", "--since", "06.12.2026", "--until", "01.12.2026"]);
    assert!(stderr(&backwards).contains("--since должна быть раньше"), "{}", stderr(&backwards));
    assert_eq!(admin.ok(&["audit", "show", "--since", "01.01.2030"]).trim(), "Записей нет.");
    // a missing folder is named as such, not as a missing file
    let nowhere = admin.dir.path().join("no-such-folder").join("audit.csv");
    let out = admin.run(&["audit", "export", "--out", nowhere.to_str().expect("utf-8")]);
    assert!(stderr(&out).contains("no-such-folder нет: создайте её"), "{}", stderr(&out));
}

/// QA: `audit export --out FILE` and `report … --out FILE` wrote over last month's export
/// without a word, unlike `backup`. An existing file is kept and the command says so;
/// `--overwrite` replaces it when that is meant. The same for `catalogue export --out`.
#[test]
fn exports_never_write_over_an_existing_file_without_overwrite() {
    let admin = Admin::new();
    setup(&admin);
    let kept = admin.file("november.csv", "ноябрьская выгрузка\n");
    let path = kept.to_str().expect("utf-8");
    let audits = || admin.ok(&["audit", "show", "--format", "csv", "--limit", "1000"]).lines().count();
    let before = audits();
    for command in [
        &["audit", "export", "--out", path][..],
        &["audit", "export", "--format", "excel", "--out", path],
        &["report", "appeals", "--format", "excel", "--out", path],
        &["report", "overdue", "--out", path],
        &["report", "decision-time", "--format", "csv", "--out", path],
        &["catalogue", "export", "--out", path],
    ] {
        let out = admin.run(command);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        let text = stderr(&out);
        assert!(
            text.contains(&format!(
                "ошибка: файл {path} уже есть. Выгрузка не записывается поверх существующего файла"
            )) && text.contains("--overwrite"),
            "{command:?}: {text}"
        );
        assert_eq!(std::fs::read_to_string(&kept).expect("kept"), "ноябрьская выгрузка\n", "{command:?}");
    }
    assert_eq!(audits(), before, "nothing exported, nothing audited");
    let out = admin.run(&["--lang", "en", "report", "appeals", "--out", path]);
    assert!(stderr(&out).contains(&format!("error: the file {path} already exists.")), "{}", stderr(&out));
    // a folder given for the file is named as such
    let folder = admin.dir.path().to_str().expect("utf-8").to_owned();
    let out = admin.run(&["audit", "export", "--out", &folder]);
    assert!(stderr(&out).contains(&format!("{folder} — папка, а не файл")), "{}", stderr(&out));
    // with --overwrite it is replaced, and the export audited
    admin.ok(&["report", "appeals", "--format", "csv", "--out", path, "--overwrite"]);
    assert!(std::fs::read_to_string(&kept).expect("written").starts_with("Район,Услуга"));
    admin.ok(&["audit", "export", "--out", path, "--overwrite"]);
    assert!(std::fs::read_to_string(&kept).expect("written").starts_with("№,"));
    admin.ok(&["catalogue", "export", "--out", path, "--overwrite"]);
    // --overwrite means nothing without a file
    assert_eq!(admin.run(&["report", "appeals", "--overwrite"]).status.code(), Some(2));
}

/// The QA walkthrough: a catalogue's mistakes are listed in Russian with their line, column and
/// key or service, and a way to fix each; nothing is loaded.
#[test]
fn catalogue_mistakes_are_listed_in_russian_with_their_place() {
    let admin = Admin::new();
    setup(&admin);
    let shipped = include_str!("../../../core/catalogue/default.toml");
    let wrong_word = admin.file("word.toml", &shipped.replacen("unit = \"working\"", "unit = \"рабочие\"", 1));
    let out = admin.run(&["catalogue", "load", wrong_word.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("ошибка: перечень услуг") && text.contains("word.toml не загружен — найдена 1 ошибка:"),
        "{text}"
    );
    assert!(
        text.contains(
            "строка 21, столбец 28, ключ unit: недопустимое значение «рабочие»; допустимые: calendar, working"
        ),
        "{text}"
    );
    assert!(!text.contains("TOML parse error") && !text.contains("expected"), "{text}");
    let rules = shipped.replacen(
        "code = \"house-register-extract\"\nkind = \"document\"\nno_visit = false",
        "code = \"house-register-extract\"\nkind = \"document\"\nno_visit = true",
        1,
    );
    let twice = format!("{rules}\n[[service]]\n{}", shipped.split("[[service]]").nth(1).expect("a service"));
    let rules = admin.file("rules.toml", &twice);
    let text = stderr(&admin.run(&["catalogue", "load", rules.to_str().expect("utf-8")]));
    assert!(text.contains("rules.toml не загружен — найдены 2 ошибки:"), "{text}");
    assert!(
        text.contains(
            "услуга «house-register-extract»: услуга без посещения не может требовать оригиналы документов — уберите \
             разделы [[service.original]] или укажите no_visit = false"
        ),
        "{text}"
    );
    assert!(text.contains("услуга «large-family-certificate» указана дважды"), "{text}");
    let en = stderr(&admin.run(&["--lang", "en", "catalogue", "load", rules.to_str().expect("utf-8")]));
    assert!(en.contains("a no-visit service cannot ask for originals"), "{en}");
}

/// The QA walkthrough: wrong settings are named by key and said in Russian with what to write.
/// QA: `--until` leaves its day out, and neither the help nor the error said so: `--since
/// 05.12.2026 --until 05.12.2026` for one day's rows was refused with no way out; `--actor root`
/// found nothing with no hint that it is `os:root`.
#[test]
fn audit_dates_and_actors_are_explained() {
    let admin = Admin::new();
    setup(&admin);
    let out = admin.run(&["audit", "show", "--since", "05.12.2026", "--until", "05.12.2026"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("первый день, который уже не входит (за 05.12.2026 — --since 05.12.2026 --until 06.12.2026)"),
        "{text}"
    );
    let help = admin.ok(&["audit", "show", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("До этой даты, не включая её"), "{help}");
    assert!(help.contains("пользователя системы (os:ИМЯ)"), "{help}");
    let all = admin.ok(&["audit", "show", "--actor", &format!("os:{}", os_user()), "--subject", "district:0412"]);
    assert!(all.contains("Сведения о районе сохранены"), "{all}");
    // QA: a code mistyped by a letter was answered with the list of all forty
    let out = admin.run(&["audit", "show", "--action", "pin_isued"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("действия «pin_isued» в журнале нет — может быть, «pin_issued»? Действия: "));
}

/// QA: `clerk-tui audit show | head -1` ended with «panicked at … failed printing to stdout:
/// Broken pipe» and a backtrace once `head` had stopped reading.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let admin = Admin::new();
    setup(&admin);
    // written through the output helper, printed, and clap's help
    for args in [&["audit", "show"][..], &["district", "list"], &["--help"]] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_clerk-tui"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", admin.dir.path())
            .env("ERECEPTION_DATA_DIR", admin.data())
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("runs");
        let text = stderr(&out);
        assert!(!text.contains("panicked") && !text.contains("Broken pipe"), "{args:?}: {text}");
        assert_eq!(out.status.code(), Some(141), "{args:?}: {text}");
    }
}

/// QA: a database that could not be reached was reported in libpq's English alone, over
/// three lines, with nothing about what to do.
#[test]
fn an_unreachable_database_is_explained_in_russian() {
    let admin = Admin::new();
    // nothing listens on port 1
    let out = admin.run(&["--database-url", "postgres://postgres@127.0.0.1:1/ereception", "status"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("ошибка: не удалось подключиться к базе данных: сервер базы данных не принимает соединения: проверьте, что PostgreSQL запущен"),
        "{text}"
    );
    assert!(text.contains("(connection to server at"), "the driver's own words follow: {text}");
    assert_eq!(text.trim_end().lines().count(), 2, "the database line and one error line: {text}");
    // a database not created yet, where a server is at hand
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else { return };
    let Some((server, _)) = url.rsplit_once('/') else { return };
    let missing = format!("{server}/no_such_database_qa");
    let text = stderr(&admin.run(&["--database-url", &missing, "status"]));
    assert!(text.contains("базы данных «no_such_database_qa» на сервере нет: создайте её"), "{text}");
}

/// QA: a print command that failed was reported as «(exit status: 3)», in English, and one that
/// could not take the slip as «Broken pipe (os error 32)», without saying that the PIN had been
/// issued all the same.
#[test]
fn a_failed_print_says_in_russian_that_the_pin_was_issued() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    let config = admin.file("config.toml", "print_command = \"cat > /dev/null; exit 3\"\n");
    let config = config.to_str().expect("utf-8");
    let out = admin.run(&["--config", config, "pin", "issue", "--registry-id", "R1", "--print"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("ошибка: команда печати «cat > /dev/null; exit 3» завершилась с ошибкой (код 3)."), "{text}");
    assert!(text.contains("ПИН-код выдан") && text.contains("--replace"), "{text}");
    assert!(!text.contains("exit status"), "{text}");
    assert!(String::from_utf8_lossy(&out.stdout).is_empty(), "the slip is printed nowhere else");
    // the way the message says: a new PIN, printed this time
    let slip = admin.dir.path().join("slip.txt");
    let config = admin.file("config.toml", &format!("print_command = \"cat > '{}'\"\n", slip.display()));
    let config = config.to_str().expect("utf-8");
    let out = admin.ok(&["--config", config, "pin", "issue", "--registry-id", "R1", "--print", "--replace"]);
    assert!(out.contains("Листок с ПИН-кодом отправлен на печать"), "{out}");
    let printed = std::fs::read_to_string(&slip).expect("the slip was printed");
    assert!(printed.contains("Иванова М. П.") && printed.contains("ПИН-код"), "{printed}");
}

/// The slip says that a confirmation link went to the address; the command said it again
/// under the slip, in another tense («будет отправлена»). It says it only when the slip went
/// to the printer, where the administrator did not read it.
#[test]
fn the_confirmation_link_is_announced_once() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    let out = admin.run(&["pin", "issue", "--registry-id", "R1", "--email", "maria@example.invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let slip = String::from_utf8_lossy(&out.stdout);
    assert!(slip.contains("отправлено письмо"), "{slip}");
    assert!(!stderr(&out).contains("ссылк"), "{}", stderr(&out));
    let printed = admin.dir.path().join("slip.txt");
    let config = admin.file("config.toml", &format!("print_command = \"cat > '{}'\"\n", printed.display()));
    let config = config.to_str().expect("utf-8");
    let args = ["--config", config, "pin", "issue", "--registry-id", "R1", "--email", "maria@example.invalid"];
    let out = admin.run(&[&args[..], &["--print", "--replace"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("На указанный адрес отправлено письмо со ссылкой для подтверждения"), "{text}");
}

#[test]
fn configuration_mistakes_are_said_in_russian() {
    let admin = Admin::new();
    let config = admin.file("config.toml", "[mail]\ntransport = \"smtpp\"\n");
    let text = stderr(&admin.run(&["--config", config.to_str().expect("utf-8"), "status"]));
    assert!(
        text.contains(
            "ошибка: неверное значение параметра «mail.transport»: «smtpp» — такого варианта нет; допустимые: file, smtp"
        ),
        "{text}"
    );
    let config = admin.file("config.toml", "slip_width = 40\n");
    let text = stderr(&admin.run(&["--config", config.to_str().expect("utf-8"), "status"]));
    assert!(
        text.contains("строка 1, столбец 14, ключ slip_width: недопустимое значение «40»; допустимые: 32, 42, 48"),
        "{text}"
    );
    // a bad language in the file is reported even when --lang chooses another
    let config = admin.file("config.toml", "lang = \"de\"\n");
    let out = admin.run(&["--config", config.to_str().expect("utf-8"), "--lang", "ru", "status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ключ lang: недопустимое значение «de»; допустимые: ru, en"), "{}", stderr(&out));
    let absent = admin.dir.path().join("absent.toml");
    let text = stderr(&admin.run(&["--config", absent.to_str().expect("utf-8"), "status"]));
    assert!(text.contains("absent.toml: файл не найден"), "{text}");
    assert!(!text.contains("os error"), "{text}");
}

/// The QA walkthrough: a folder for the registry file and a column map's mistakes, in Russian,
/// with the line of a map file and the flag a map came from.
#[test]
fn registry_import_mistakes_are_said_in_russian() {
    let admin = Admin::new();
    setup(&admin);
    let folder = admin.dir.path().join("folder.csv");
    std::fs::create_dir(&folder).expect("mkdir");
    let text = stderr(&admin.run(&["registry", "import", folder.to_str().expect("utf-8")]));
    assert!(text.contains("не удалось прочитать файл реестра: это папка, а не файл"), "{text}");
    let csv = admin.file("r.csv", HEADER);
    let csv = csv.to_str().expect("utf-8");
    let map = admin.file("map.toml", "surname = \"Фамилия\"\nname = Имя\n");
    let text = stderr(&admin.run(&["registry", "import", "--map-file", map.to_str().expect("utf-8"), csv]));
    assert!(
        text.contains("map.toml ошибка: строка 2, столбец 8, ключ name: текст нужно взять в кавычки: \"Имя\""),
        "{text}"
    );
    let text = stderr(&admin.run(&["registry", "import", "--map", "город=Город", csv]));
    assert!(text.contains("в соответствии столбцов (--map) неизвестное поле «город»"), "{text}");
    // QA: the delimiters taken beside «;» and «,» were not named, nor the flag for Windows-1251
    let text = stderr(&admin.run(&["registry", "import", "--delimiter", "x", csv]));
    assert!(text.contains("используйте «;», «,», «|» или табуляцию ($'\\t', '\\t' или tab)"), "{text}");
    let cp1251 = admin.dir.path().join("cp1251.csv");
    std::fs::write(&cp1251, b"\xca\xee\xe4;\xd4\xe0\xec\xe8\xeb\xe8\xff\n").expect("write"); // Код;Фамилия
    let text = stderr(&admin.run(&["registry", "import", "--encoding", "utf-8", cp1251.to_str().expect("utf-8")]));
    assert!(text.contains("если файл в Windows-1251, укажите это: --encoding windows-1251"), "{text}");
}

/// QA: a workbook given for the CSV saved from it was read as a CSV of one column, its zip
/// bytes printed as the file's columns, with advice to try a tab delimiter.
#[test]
fn an_excel_workbook_given_as_the_registry_says_to_save_it_as_csv() {
    let admin = Admin::new();
    setup(&admin);
    let xlsx = admin.dir.path().join("реестр.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml").expect("write");
    let out = admin.run(&["registry", "import", xlsx.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("ошибка: это книга Excel") && text.contains("«CSV UTF-8»"), "{text}");
    assert!(!text.contains("PK") && !text.contains("--delimiter"), "{text}");
    assert!(text.contains("База данных не изменилась."), "{text}");
}

/// QA: a report for a period whose end came before its start printed an empty table with a
/// total of 0, where the audit log refuses such dates; an empty period printed two rules and
/// a zero rather than saying there was nothing.
#[test]
fn reports_refuse_a_backward_period_and_say_when_there_is_nothing() {
    let admin = Admin::new();
    setup(&admin);
    for report in ["appeals", "decision-time"] {
        let out = admin.run(&["report", report, "--since", "01.02.2020", "--until", "01.01.2020"]);
        assert_eq!(out.status.code(), Some(1), "{report}");
        assert!(stderr(&out).contains("дата --since должна быть раньше даты --until"), "{}", stderr(&out));
    }
    let empty = ["--since", "01.01.2020", "--until", "01.02.2020"];
    let text = admin.ok(&["report", "appeals", empty[0], empty[1], empty[2], empty[3]]);
    assert_eq!(text, "Обращений за этот период нет.\n");
    let text = admin.ok(&["report", "decision-time", empty[0], empty[1], empty[2], empty[3]]);
    assert_eq!(text, "Решений о регистрации за этот период нет.\n");
    assert_eq!(admin.ok(&["report", "overdue"]), "Просроченных обращений нет.\n");
    // CSV keeps its header row for programs
    let csv = admin.ok(&["report", "appeals", "--format", "csv", empty[0], empty[1], empty[2], empty[3]]);
    assert_eq!(csv.lines().count(), 1, "{csv}");
}

/// QA: disabling a disabled account said it was disabled, recorded a second disabling in the
/// audit log and moved its time.
#[test]
fn disabling_a_disabled_clerk_changes_nothing_and_says_so() {
    let admin = Admin::new();
    setup(&admin);
    admin.ok(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    // QA: in a district that never had a supervisor, disabling a clerk warned that «не осталось»
    // a supervisor there, as if one had just gone
    let disabled = admin.run(&["clerk", "disable", "orlova"]);
    assert!(String::from_utf8_lossy(&disabled.stdout).starts_with("Учётная запись «orlova» заблокирована."));
    assert!(!stderr(&disabled).contains("руководител"), "{}", stderr(&disabled));
    let again = admin.ok(&["clerk", "disable", "orlova"]);
    assert_eq!(again, "Учётная запись «orlova» уже заблокирована: ничего не изменилось.\n");
    let audited = admin.ok(&["audit", "show", "--action", "clerk_disabled", "--format", "csv"]);
    assert_eq!(audited.lines().count(), 2, "one row under the header: {audited}");
    assert!(admin.ok(&["clerk", "enable", "orlova"]).starts_with("Учётная запись «orlova» разблокирована."));
    assert_eq!(
        admin.ok(&["clerk", "enable", "orlova"]),
        "Учётная запись «orlova» не заблокирована: ничего не изменилось.\n"
    );
    // QA: the same role or district again was said as a change and audited as one
    assert_eq!(
        admin.ok(&["clerk", "set-role", "orlova", "clerk"]),
        "У сотрудника «orlova» уже роль «специалист»: ничего не изменилось.\n"
    );
    assert_eq!(
        admin.ok(&["clerk", "set-district", "orlova", "0412"]),
        "Сотрудник «orlova» уже закреплён за районом 0412: ничего не изменилось.\n"
    );
    // a role given with the district it has already is the role's change alone
    let text = admin.ok(&["clerk", "set-role", "orlova", "supervisor", "--district", "0412"]);
    assert_eq!(text, "Сотрудник «orlova»: роль — руководитель.\n");
    let audited = admin.ok(&["audit", "show", "--subject", "clerk:orlova", "--format", "csv"]);
    let actions: Vec<&str> = audited.lines().skip(1).filter_map(|l| l.split(',').nth(3)).collect();
    assert_eq!(actions, ["clerk_added", "clerk_disabled", "clerk_enabled", "clerk_role_changed"], "{audited}");
    assert!(audited.contains(r#"{""role"":""supervisor"",""was"":""clerk""}"#), "the role it had: {audited}");
}

/// The QA walkthrough: the outbox's error column says a refused connection in Russian and keeps
/// lettre's text after it.
#[test]
fn the_outbox_says_a_refused_connection_in_russian() {
    let admin = Admin::new();
    setup(&admin);
    import_maria(&admin);
    admin.ok(&["pin", "issue", "--registry-id", "R1", "--email", "maria@example.invalid"]);
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let config = admin.file(
        "config.toml",
        &format!("[mail]\ntransport = \"smtp\"\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"),
    );
    let config = config.to_str().expect("utf-8");
    let once = admin.run(&["--config", config, "outbox", "work", "--once"]);
    assert!(once.status.success(), "{}", stderr(&once));
    // QA: --once ends by itself, yet it said how to stop it
    assert!(!stderr(&once).contains("Ctrl+C"), "{}", stderr(&once));
    let list = admin.ok(&["--config", config, "outbox", "list"]);
    assert!(list.contains("сервер отказал в соединении (Connection error: "), "{list}");
    let show = admin.ok(&["--config", config, "outbox", "show", "1"]);
    assert!(show.contains("сервер отказал в соединении ("), "{show}");
    // purging keeps at least today's letters on record; a negative count is a bad value
    for days in ["0", "-5"] {
        let out = admin.run(&["outbox", "purge", "--older-than", days]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains(&format!(
                "недопустимое значение «{days}» для --older-than <ДНЕЙ>: нужно число от 1 до 36500."
            )),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn leaving_a_district_without_a_supervisor_is_pointed_out() {
    let admin = Admin::new();
    setup(&admin);
    admin.ok(&[
        "clerk",
        "add",
        "smirnov",
        "--name",
        "Смирнов Олег Викторович",
        "--role",
        "supervisor",
        "--district",
        "0412",
    ]);
    admin.ok(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    let demoted = admin.run(&["clerk", "set-role", "smirnov", "clerk"]);
    assert_eq!(demoted.status.code(), Some(0), "done all the same");
    let text = stderr(&demoted);
    assert!(text.contains("в районе 0412 не осталось ни одного действующего руководителя"), "{text}");
    admin.ok(&["clerk", "set-role", "smirnov", "supervisor"]);
    // a clerk leaving changes nothing for the supervisors: no warning
    let disabled = admin.run(&["clerk", "disable", "orlova"]);
    assert!(!stderr(&disabled).contains("руководителя"), "{}", stderr(&disabled));
    let disabled = admin.run(&["clerk", "disable", "smirnov"]);
    assert!(stderr(&disabled).contains("не осталось ни одного действующего руководителя"), "{}", stderr(&disabled));
    // an administrator may have no district, and is told so in words
    admin.ok(&[
        "clerk",
        "add",
        "boss",
        "--name",
        "Кузнецова Ирина Павловна",
        "--role",
        "administrator",
        "--district",
        "0412",
    ]);
    let out = admin.ok(&["clerk", "set-district", "boss", "--none"]);
    assert!(out.contains("Сотрудник «boss»: район не назначен."), "{out}");
}

/// QA: `set-role` took its role only after the login, `set-district --help` showed the district
/// before the login as optional, and an administrator without a district could not become a
/// clerk in one command (nor was told how).
#[test]
fn clerk_set_role_and_set_district_take_both_forms_and_say_what_to_do() {
    let admin = Admin::new();
    setup(&admin);
    admin.ok(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    let out = admin.ok(&["clerk", "set-role", "orlova", "--role", "supervisor"]);
    assert!(out.contains("Сотрудник «orlova»: роль — руководитель."), "{out}");
    admin.ok(&["clerk", "set-role", "orlova", "clerk"]);
    let both = admin.run(&["clerk", "set-role", "orlova", "clerk", "--role", "supervisor"]);
    assert_eq!(both.status.code(), Some(2), "one role, in one form: {}", stderr(&both));
    let none = admin.run(&["clerk", "set-role", "orlova"]);
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));

    admin.ok(&["clerk", "add", "admin1", "--name", "Кузнецова Ирина Павловна", "--role", "administrator"]);
    let refused = admin.run(&["clerk", "set-role", "admin1", "clerk"]);
    assert_eq!(refused.status.code(), Some(1));
    let text = stderr(&refused);
    assert!(
        text.contains("«admin1» не закреплён ни за одним районом")
            && text.contains("clerk-tui clerk set-role admin1 clerk --district КОД")
            && text.contains("clerk-tui clerk set-district admin1 КОД"),
        "{text}"
    );
    let out = admin.ok(&["clerk", "set-role", "admin1", "clerk", "--district", "0412"]);
    assert!(out.contains("роль — специалист") && out.contains("район — 0412"), "{out}");
    let list = admin.ok(&["clerk", "list"]);
    let row = list.lines().find(|l| l.contains("admin1")).expect("listed");
    assert!(row.contains("специалист") && row.contains("0412"), "{row}");

    admin.ok(&[
        "district",
        "set",
        "0413",
        "--name",
        "Хамовники",
        "--council",
        "Управа района Хамовники",
        "--address",
        "Комсомольский пр-т, д. 28",
        "--hours",
        "пн–пт 9:00–18:00",
    ]);
    let out = admin.ok(&["clerk", "set-district", "orlova", "--district", "0413"]);
    assert!(out.contains("Сотрудник «orlova»: район — 0413."), "{out}");
    let out = admin.ok(&["clerk", "set-district", "orlova", "0412"]);
    assert!(out.contains("район — 0412"), "{out}");
    let refused = admin.run(&["clerk", "set-district", "orlova", "--none"]);
    assert!(stderr(&refused).contains("сначала смените роль"), "{}", stderr(&refused));

    let help = admin.ok(&["clerk", "set-district", "--help"]);
    let usage = help.lines().find(|l| l.contains("set-district")).expect("usage line");
    assert!(
        usage.ends_with("clerk-tui clerk set-district <ЛОГИН> <КОД>"),
        "the login first, the code required: {help}"
    );
    let position = |what: &str| help.lines().position(|l| l.trim_start().starts_with(what));
    assert!(position("<ЛОГИН>").is_some() && position("<ЛОГИН>") < position("[КОД]"), "{help}");
    assert!(help.contains("--district <КОД>") && help.contains("--none"), "{help}");
}

/// QA: changing an existing district's phone demanded every other value again.
#[test]
fn district_set_changes_only_what_is_given_and_a_new_one_names_what_is_missing() {
    let admin = Admin::new();
    setup(&admin);
    let out = admin.ok(&["district", "set", "0412", "--phone", "+7 495 690-00-00"]);
    assert!(out.contains("Сведения о районе 0412 «Арбат» обновлены."), "{out}");
    let list = admin.ok(&["district", "list"]);
    assert!(list.contains("Телефон") && list.contains("+7 495 690-00-00"), "{list}");
    assert!(list.contains("пн–чт 9:00–18:00, пт 9:00–16:45"), "the rest stays: {list}");
    admin.ok(&["district", "set", "0412", "--phone", ""]);
    assert!(!admin.ok(&["district", "list"]).contains("+7 495"), "an empty phone removes it");

    let out = admin.run(&["district", "set", "0413", "--name", "Хамовники", "--address", "Комсомольский пр-т, д. 28"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "ошибка: района 0413 ещё нет, а для нового района не указаны обязательные значения: --council, --hours."
        ),
        "{}",
        stderr(&out)
    );
    let out = admin.run(&["district", "set", "0413", "--name", "Хамовники", "--council", "Управа", "--address", "x"]);
    assert!(stderr(&out).contains("не указано обязательное значение: --hours."), "{}", stderr(&out));
    let out = admin.run(&["district", "set", "0412", "--name", " "]);
    assert!(stderr(&out).contains("ошибка: пустое значение: --name."), "{}", stderr(&out));
    assert!(!admin.ok(&["district", "list"]).contains("0413"), "nothing was added");
    // QA: a phone of no digits was taken, and printed on every slip
    let out = admin.run(&["district", "set", "0412", "--phone", "abc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ошибка: «abc» не похоже на номер телефона"), "{}", stderr(&out));
    admin.ok(&["district", "set", "0412", "--phone", "8 (495) 690-00-00, доб. 12"]);
    admin.ok(&["district", "set", "0412", "--phone", ""]);
}

/// The shipped catalogue without the services named.
fn catalogue_without(codes: &[&str]) -> String {
    let text = include_str!("../../../core/catalogue/default.toml");
    text.split("\n[[service]]\n")
        .enumerate()
        .filter(|(i, part)| *i == 0 || !codes.iter().any(|c| part.starts_with(&format!("code = \"{c}\""))))
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join("\n[[service]]\n")
}

/// QA: a file leaving out services with hundreds of open appeals was loaded at once.
#[test]
fn a_catalogue_withdrawing_services_with_open_appeals_is_refused_unless_allowed() {
    let admin = Admin::new();
    admin.ok(&["demo", "--residents", "200", "--pins", "0"]);
    let file = admin.file("services.toml", &catalogue_without(&["consultation", "house-register-extract"]));
    let path = file.to_str().expect("utf-8");
    let before = admin.ok(&["audit", "show", "--action", "catalogue_loaded", "--format", "csv"]);

    let out = admin.run(&["catalogue", "load", path]);
    assert_eq!(out.status.code(), Some(3));
    let text = stderr(&out);
    assert!(
        text.contains("Перечень не загружен: в файле нет услуг, по которым ещё есть незавершённые обращения:"),
        "{text}"
    );
    for code in ["consultation", "house-register-extract"] {
        let line = text.lines().find(|l| l.contains(&format!("«{code}»"))).unwrap_or_else(|| panic!("{code}: {text}"));
        assert!(line.contains("незавершённ"), "{line}");
    }
    assert!(text.contains("--allow-withdrawal") && text.contains("База данных не изменилась."), "{text}");
    assert_eq!(admin.ok(&["catalogue", "list"]).matches("consultation").count(), 1, "still offered");

    let dry = admin.ok(&["catalogue", "load", "--dry-run", "--allow-withdrawal", path]);
    assert!(dry.contains("снято с предоставления — 2") && dry.contains("«consultation»"), "{dry}");
    // the services the file repeats as the demo loaded them are not counted as changed
    let shipped = include_str!("../../../core/catalogue/default.toml").matches("\n[[service]]\n").count();
    let kept = format!("изменено — 0, без изменений — {}", shipped - 2);
    assert!(dry.contains(&kept), "{dry}");
    assert!(dry.contains("База данных не изменилась."), "{dry}");
    assert_eq!(admin.ok(&["catalogue", "list"]).matches("consultation").count(), 1, "a dry run writes nothing");
    let after_dry = admin.ok(&["audit", "show", "--action", "catalogue_loaded", "--format", "csv"]);
    assert_eq!(before, after_dry, "nor an audit row");

    let out = admin.ok(&["catalogue", "load", "--allow-withdrawal", path]);
    assert!(out.contains("снято с предоставления — 2"), "{out}");
    assert!(!admin.ok(&["catalogue", "list"]).contains("consultation"), "withdrawn");
    // loaded again, the same file withdraws nothing more and needs no flag
    let again = admin.ok(&["catalogue", "load", path]);
    assert!(again.contains("снято с предоставления — 0") && again.contains(&kept), "{again}");
    // the shipped file offers the two again: that is a change
    let shipped_file = admin.file("shipped.toml", include_str!("../../../core/catalogue/default.toml"));
    let back = admin.ok(&["catalogue", "load", shipped_file.to_str().expect("utf-8")]);
    assert!(back.contains(&format!("изменено — 2, без изменений — {}", shipped - 2)), "{back}");
}

/// A council on the embedded default backs its database up while it is in use; the copy opens
/// as a database of its own, and no copy is written over a file.
#[test]
fn backup_writes_a_copy_that_opens_and_never_overwrites() {
    let admin = Admin::new();
    admin.ok(&["demo", "--residents", "200", "--pins", "0"]);
    let copy = admin.dir.path().join("copy.sqlite3");
    let path = copy.to_str().expect("utf-8");
    assert!(admin.ok(&["status"]).contains("Резервных копий командой backup ещё не делали"));
    let out = admin.ok(&["backup", path]);
    assert!(out.starts_with(&format!("Резервная копия сохранена: {path} (")), "{out}");
    assert!(out.contains("Целостность копии проверена") && out.contains("поставьте копию на место файла"), "{out}");
    let url = format!("sqlite://{path}");
    let live = admin.ok(&["status"]);
    assert!(live.contains(&format!("Последняя резервная копия: {path}, ")), "{live}");
    let copied = admin.ok(&["--database-url", &url, "status"]);
    let residents = |status: &str| status.lines().find(|l| l.starts_with("Жители в реестре")).map(str::to_owned);
    assert_eq!(residents(&copied), residents(&live));
    assert!(residents(&live).is_some_and(|l| l.ends_with(" 200")), "{live}");

    let again = admin.run(&["backup", path]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("уже существует, а копия никогда не записывается поверх существующего файла"),
        "{}",
        stderr(&again)
    );
    // QA: a folder was called a file that exists already
    let folder = admin.dir.path().join("backups");
    std::fs::create_dir(&folder).expect("mkdir");
    let text = stderr(&admin.run(&["backup", folder.to_str().expect("utf-8")]));
    let example =
        format!("{} — это папка. Укажите файл копии, например {}/ereception-", folder.display(), folder.display());
    assert!(text.contains(&example) && text.contains(".sqlite3."), "{text}");
    let audit = admin.ok(&["audit", "show", "--action", "database_backed_up"]);
    assert_eq!(audit.matches("Сделана резервная копия базы данных").count(), 1, "{audit}");
}

/// Finished cases past the retention period: a dry run counts them and deletes nothing; with
/// `--apply` they go, audited; a second run finds nothing.
#[test]
fn retention_counts_first_and_deletes_only_with_apply() {
    use diesel::connection::SimpleConnection;
    let admin = Admin::new();
    admin.ok(&["demo", "--residents", "300", "--pins", "0"]);
    let out = admin.ok(&["retention"]);
    // a check does not say «удаляются»: nothing is
    assert!(out.starts_with("Срок хранения — 5 лет: удалению подлежат дела, завершённые до "), "{out}");
    assert!(out.contains("Удалять нечего."), "{out}");
    // the demo's finished cases, two years older
    let db = admin.data().join("ereception.sqlite3");
    let mut c = <diesel::SqliteConnection as diesel::Connection>::establish(db.to_str().expect("utf-8")).expect("open");
    c.batch_execute(
        "UPDATE appeals SET closed_at = datetime(closed_at, '-2 years') WHERE closed_at IS NOT NULL;
         UPDATE questions SET answered_at = datetime(answered_at, '-2 years') WHERE answered_at IS NOT NULL;",
    )
    .expect("aged");
    let count = |c: &mut diesel::SqliteConnection| {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::RunQueryDsl::get_result::<N>(diesel::sql_query("SELECT count(*) AS n FROM appeals"), c)
            .expect("count")
            .n
    };
    let before = count(&mut c);
    let dry = admin.ok(&["retention", "--years", "1"]);
    assert!(dry.starts_with("Срок хранения — 1 год: "), "{dry}");
    assert!(dry.contains("  Обращений: ") && dry.contains("Это проверка: ничего не удалено."), "{dry}");
    assert_eq!(count(&mut c), before, "a check deletes nothing");
    let done = admin.ok(&["retention", "--years", "1", "--apply"]);
    let counts = |out: &str| out.lines().skip(1).take(5).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(counts(&done), counts(&dry), "the check said what a run deletes");
    assert!(done.contains("Удалено. Запись об этом сделана в журнале аудита."), "{done}");
    assert!(done.starts_with("Срок хранения — 1 год: удаляются дела, завершённые до "), "{done}");
    let deleted: i64 = dry
        .lines()
        .find_map(|l| l.trim().strip_prefix("Обращений: "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count of appeals");
    assert!(deleted > 0);
    assert_eq!(count(&mut c), before - deleted);
    assert!(admin.ok(&["retention", "--years", "1", "--apply"]).contains("Удалять нечего."));
    let audit = admin.ok(&["audit", "show", "--action", "retention_applied"]);
    assert_eq!(audit.matches("Удалены данные с истёкшим сроком хранения").count(), 1, "{audit}");
    let wrong = admin.run(&["retention", "--years", "0"]);
    assert!(!wrong.status.success());
}

/// The file transport's `.eml` copies hold the same personal data as the letters retention
/// deletes: they go on the same period (they were left for the administrator to find).
#[test]
fn retention_deletes_the_letters_copies_written_before_the_cut_off() {
    use std::fs::File;
    use std::time::{Duration, SystemTime};
    let admin = Admin::new();
    admin.ok(&["migrate"]);
    let mail = admin.data().join("mail");
    std::fs::create_dir_all(&mail).expect("mail folder");
    let (old, new) = (mail.join("old.eml"), mail.join("new.eml"));
    let two_years_ago = SystemTime::now() - Duration::from_secs(2 * 366 * 86_400);
    File::create(&old).and_then(|f| f.set_modified(two_years_ago)).expect("an old copy");
    File::create(&new).expect("a new copy");
    let dry = admin.ok(&["retention", "--years", "1"]);
    let line = format!("  Копий писем (.eml) в папке {}, записанных до этой даты: 1", mail.display());
    assert!(dry.contains(&line), "{dry}");
    assert!(dry.contains("Это проверка: ничего не удалено."), "{dry}");
    assert!(old.exists(), "a check deletes nothing");
    let done = admin.ok(&["retention", "--years", "1", "--apply"]);
    assert!(done.contains(&line) && done.trim_end().ends_with("Удалено."), "{done}");
    assert!(!old.exists() && new.exists());
    assert!(admin.ok(&["retention", "--years", "1"]).contains("Удалять нечего."));
}

/// A run that fails part way says what it had deleted by then (audited), and that a run
/// again goes on.
#[test]
fn an_interrupted_retention_run_says_what_it_deleted() {
    use diesel::connection::SimpleConnection;
    let admin = Admin::new();
    admin.ok(&["demo", "--residents", "300", "--pins", "0"]);
    let db = admin.data().join("ereception.sqlite3");
    let mut c = <diesel::SqliteConnection as diesel::Connection>::establish(db.to_str().expect("utf-8")).expect("open");
    c.batch_execute(
        "UPDATE appeals SET closed_at = datetime(closed_at, '-2 years') WHERE closed_at IS NOT NULL;
         UPDATE questions SET answered_at = datetime(answered_at, '-2 years') WHERE answered_at IS NOT NULL;
         CREATE TRIGGER keep_questions BEFORE DELETE ON questions BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    )
    .expect("aged, and the questions kept");
    let out = admin.run(&["retention", "--years", "1", "--apply"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Удаление остановилось на ошибке. До неё удалено (и записано в журнал аудита):"), "{text}");
    assert!(text.contains("  Обращений: ") && !text.contains("  Обращений: 0 "), "{text}");
    let err = stderr(&out);
    assert!(
        err.contains("Устраните причину и повторите команду: она продолжит с того места, где остановилась."),
        "{err}"
    );
    let audit = admin.ok(&["audit", "show", "--action", "retention_applied"]);
    assert_eq!(audit.matches("Удалены данные с истёкшим сроком хранения").count(), 1, "{audit}");
    c.batch_execute("DROP TRIGGER keep_questions").expect("mended");
    let rest = admin.ok(&["retention", "--years", "1", "--apply"]);
    assert!(rest.contains("  Обращений: 0 ") && rest.contains("Удалено."), "{rest}");
}

/// QA: `clerk add` and `pin revoke` run while another program held the database's write lock
/// (a long registry import) said «внутренняя ошибка … сообщите администратору» — to the
/// administrator, with nothing of what failed — and other commands «database is locked».
#[test]
fn a_busy_database_is_said_in_words_by_every_command() {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, SqliteConnection};
    let admin = Admin::new();
    setup(&admin);
    let db = admin.data().join("ereception.sqlite3");
    let mut holder = SqliteConnection::establish(db.to_str().expect("utf-8")).expect("open");
    holder.batch_execute("BEGIN EXCLUSIVE").expect("lock");
    let out = admin.run(&["clerk", "add", "orlova", "--name", "Орлова Анна Игоревна", "--district", "0412"]);
    holder.batch_execute("ROLLBACK").expect("unlock");
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("ошибка: база данных занята: другая программа"), "{text}");
    assert!(!text.contains("администратору"), "{text}");
    assert!(admin.ok(&["clerk", "list"]).starts_with("Сотрудников пока нет."), "the database works again");
}

/// QA: `outbox retry 999999`, a number that is no message, ended with success and «В очередь
/// возвращено писем: 0», where `outbox show 999999` says there is no such message.
#[test]
fn retrying_a_message_that_does_not_exist_is_a_mistake() {
    let admin = Admin::new();
    setup(&admin);
    let out = admin.run(&["outbox", "retry", "999999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ошибка: письма № 999999 нет."), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// QA: a list with nothing in it (no clerks yet, nobody found) printed its header over two
/// rules, which read as a failure to show rather than as «nothing».
#[test]
fn empty_lists_say_there_is_nothing() {
    let admin = Admin::new();
    admin.ok(&["migrate"]);
    assert!(admin.ok(&["district", "list"]).starts_with("Районов пока нет. Добавьте район: clerk-tui district set"));
    setup(&admin);
    assert!(admin.ok(&["clerk", "list"]).starts_with("Сотрудников пока нет. Добавьте сотрудника: clerk-tui clerk add"));
    assert_eq!(
        admin.ok(&["resident", "find", "--surname", "Нетакой"]),
        "Никого не нашлось. Выбывших из реестра показывает ключ --include-left.\n"
    );
    assert_eq!(admin.ok(&["outbox", "list"]), "Писем нет.\n");
    // a list with rows is a table as before
    import_maria(&admin);
    assert!(admin.ok(&["resident", "find", "--surname", "Иванова"]).contains("Иванова Мария Петровна"));
}
