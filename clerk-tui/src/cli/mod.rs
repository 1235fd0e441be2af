//! The administrator's command line: clap structures localised from the message catalogue,
//! errors a person understands, and the commands themselves.

pub mod args;
pub mod commands;
mod os_user;
pub mod output;

use clap::{Command, CommandFactory};
use ereception_core::i18n::Lang;

pub use ereception_core::cli::detect_lang;

/// The command line with every description in `lang`.
pub fn localized_command(lang: Lang) -> Command {
    ereception_core::cli::localize(args::Cli::command(), "cli", lang)
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use ereception_core::cli::render_clap_error;

    use super::*;

    #[test]
    fn every_command_and_flag_is_described_in_the_catalogue() {
        let missing = ereception_core::cli::missing_messages(&args::Cli::command(), "cli");
        assert!(missing.is_empty(), "missing help texts: {missing:#?}");
    }

    #[test]
    fn help_is_russian_by_default_and_english_on_request() {
        let help = localized_command(Lang::Ru).render_help().to_string();
        assert!(help.contains("Использование:"), "{help}");
        assert!(help.contains("Команды:") && help.contains("Параметры:"), "{help}");
        assert!(help.contains("реестр"), "{help}");
        let help = localized_command(Lang::En).render_help().to_string();
        assert!(help.contains("Usage:") && help.contains("Commands:"), "{help}");
    }

    /// Every command's help, as `--help` prints it.
    fn every_help(cmd: &mut Command, out: &mut Vec<(String, String)>) {
        out.push((cmd.get_name().to_owned(), cmd.render_long_help().to_string()));
        for sub in cmd.get_subcommands_mut() {
            every_help(sub, out);
        }
    }

    #[test]
    fn defaults_and_possible_values_are_in_the_help_language() {
        let mut helps = Vec::new();
        let mut cmd = localized_command(Lang::Ru);
        cmd.build();
        every_help(&mut cmd, &mut helps);
        assert!(helps.len() > 30, "every command: {}", helps.len());
        for (name, help) in &helps {
            for english in ["[default:", "possible values", "Possible values"] {
                assert!(!help.contains(english), "«{english}» in the help of {name}:\n{help}");
            }
        }
        let report = helps.iter().find(|(n, _)| n == "appeals").map(|(_, h)| h.as_str()).unwrap_or_default();
        assert!(report.contains("[по\u{a0}умолчанию: table] [возможные\u{a0}значения: table, csv, excel]"), "{report}");
        let audit = helps.iter().find(|(n, _)| n == "show").map(|(_, h)| h.as_str()).unwrap_or_default();
        assert!(audit.contains("[по\u{a0}умолчанию: 100]"), "{audit}");
        let mut cmd = localized_command(Lang::En);
        cmd.build();
        let mut helps = Vec::new();
        every_help(&mut cmd, &mut helps);
        let report = helps.iter().find(|(n, _)| n == "appeals").map(|(_, h)| h.as_str()).unwrap_or_default();
        assert!(report.contains("[default: table] [possible values: table, csv, excel]"), "{report}");
    }

    /// The placeholders clap writes in English (`[OPTIONS]`, `<FILE>`), wherever they are.
    fn english_placeholders(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (open, close) in [('<', '>'), ('[', ']')] {
            for (i, _) in text.match_indices(open) {
                let rest = &text[i + 1..];
                let Some(end) = rest.find(close) else { continue };
                let word = &rest[..end];
                if !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == '|') {
                    found.push(format!("{open}{word}{close}"));
                }
            }
        }
        found
    }

    #[test]
    fn russian_usage_lines_and_placeholders_are_russian() {
        let mut helps = Vec::new();
        let mut cmd = localized_command(Lang::Ru);
        cmd.build();
        every_help(&mut cmd, &mut helps);
        for (name, help) in &helps {
            let english = english_placeholders(help);
            assert!(english.is_empty(), "{english:?} in the help of {name}:\n{help}");
        }
        let help = localized_command(Lang::Ru).render_help().to_string();
        assert!(help.contains("Использование: clerk-tui [ПАРАМЕТРЫ] [КОМАНДА]\n"), "{help}");
        let import = helps.iter().find(|(n, _)| n == "import").map(|(_, h)| h.as_str()).unwrap_or_default();
        assert!(import.contains("Использование: clerk-tui registry import [ПАРАМЕТРЫ] <ФАЙЛ>\n"), "{import}");
        assert!(import.contains("--map-file <ФАЙЛ>") && import.contains("--max-errors <ЧИСЛО>"), "{import}");
        // a usage written by hand is translated too, its second line under the first
        let set_role = helps.iter().find(|(n, _)| n == "set-role").map(|(_, h)| h.as_str()).unwrap_or_default();
        assert!(
            set_role.contains(
                "Использование: clerk-tui clerk set-role <ЛОГИН> <РОЛЬ> [--district <КОД>]\n               \
                 clerk-tui clerk set-role <ЛОГИН> --role <РОЛЬ> [--district <КОД>]\n"
            ),
            "{set_role}"
        );
        // …and the same in an error's usage
        let err = localized_command(Lang::Ru)
            .try_get_matches_from(["clerk-tui", "registry", "import", "x.csv", "--bogus"])
            .expect_err("unknown flag");
        let (text, _) = render_clap_error(&err, Lang::Ru);
        assert!(text.contains("Использование: clerk-tui registry import [ПАРАМЕТРЫ] <ФАЙЛ>"), "{text}");
        // English stays as clap writes it
        let help = localized_command(Lang::En).render_help().to_string();
        assert!(help.contains("Usage: clerk-tui [OPTIONS] [COMMAND]\n") && help.contains("--config <FILE>"), "{help}");
    }

    /// QA: the help named a «TOML file» for the column map and not what goes in it.
    #[test]
    fn import_help_shows_what_a_map_file_holds() {
        let mut cmd = localized_command(Lang::Ru);
        cmd.build();
        let mut helps = Vec::new();
        every_help(&mut cmd, &mut helps);
        let import = helps.iter().find(|(n, _)| n == "import").map(|(_, h)| h.as_str()).unwrap_or_default();
        let import = import.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(import.contains("по строке на поле, например surname = \"Фамилия\""), "{import}");
    }

    #[test]
    fn a_wrong_value_says_what_is_expected() {
        let error = |lang: Lang, args: &[&str]| {
            let err = localized_command(lang).try_get_matches_from(args).expect_err("a mistake");
            render_clap_error(&err, lang).0
        };
        let text = error(Lang::Ru, &["clerk-tui", "outbox", "purge", "--older-than", "0"]);
        assert!(
            text.contains("недопустимое значение «0» для --older-than <ДНЕЙ>: нужно число от 1 до 36500."),
            "{text}"
        );
        let text = error(Lang::En, &["clerk-tui", "outbox", "purge", "--older-than", "0"]);
        assert!(
            text.contains("invalid value “0” for --older-than <DAYS>: a number from 1 to 36500 is needed."),
            "{text}"
        );
        let text = error(Lang::Ru, &["clerk-tui", "outbox", "show", "пятое"]);
        assert!(text.contains("«пятое» для <НОМЕР>: нужно целое число."), "{text}");
        // QA: «--limit -5» was «неизвестный параметр «-5»», and 0 or -1 showed an empty table
        let text = error(Lang::Ru, &["clerk-tui", "audit", "show", "--limit", "-5"]);
        assert!(
            text.contains("недопустимое значение «-5» для --limit <ЧИСЛО>: нужно число от 1 до 1000000."),
            "{text}"
        );
        for list in [&["outbox", "list"][..], &["resident", "find", "--surname", "Ив"]] {
            let args: Vec<&str> = ["clerk-tui"].iter().chain(list).chain(&["--limit", "0"]).copied().collect();
            let text = error(Lang::Ru, &args);
            assert!(text.contains("«0» для --limit <ЧИСЛО>: нужно число от 1 до 1000000."), "{text}");
        }
    }

    #[test]
    fn a_missing_choice_names_each_way_to_give_it() {
        let error = |lang: Lang, args: &[&str]| {
            let err = localized_command(lang).try_get_matches_from(args).expect_err("a mistake");
            render_clap_error(&err, lang).0
        };
        let text = error(Lang::Ru, &["clerk-tui", "clerk", "set-role", "orlova"]);
        assert!(text.contains("не указано обязательное значение: <РОЛЬ> или --role <РОЛЬ>."), "{text}");
        let text = error(Lang::Ru, &["clerk-tui", "outbox", "retry"]);
        assert!(text.contains("не указано обязательное значение: <НОМЕР> или --all."), "{text}");
        assert!(text.contains("clerk-tui outbox retry --all"), "the usage shows --all: {text}");
        let text = error(Lang::En, &["clerk-tui", "clerk", "set-district", "orlova"]);
        assert!(text.contains("a required value is missing: <CODE> or --district <CODE> or --none."), "{text}");
        // two missing values are named in the plural
        let text = error(Lang::Ru, &["clerk-tui", "clerk", "add"]);
        assert!(text.contains("не указаны обязательные значения: --name <ФИО>, <ЛОГИН>."), "{text}");
        let text = error(Lang::En, &["clerk-tui", "clerk", "add"]);
        assert!(text.contains("required values are missing: --name <FULL_NAME>, <LOGIN>."), "{text}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        args::Cli::command().debug_assert();
    }

    #[test]
    fn wrong_flags_get_russian_errors_with_a_suggestion() {
        let err = localized_command(Lang::Ru)
            .try_get_matches_from(["clerk-tui", "registry", "import", "x.csv", "--encodng", "utf-8"])
            .expect_err("unknown flag");
        let (text, code) = render_clap_error(&err, Lang::Ru);
        assert_eq!(code, 2);
        assert!(text.starts_with("ошибка: неизвестный параметр «--encodng»"), "{text}");
        assert!(text.contains("--encoding"), "suggests the right flag: {text}");
        assert!(text.contains("--help"), "{text}");
        let err = localized_command(Lang::Ru)
            .try_get_matches_from(["clerk-tui", "audit", "show", "--format", "xml"])
            .expect_err("bad value");
        let (text, _) = render_clap_error(&err, Lang::Ru);
        assert!(text.contains("«xml»") && text.contains("table, csv"), "{text}");
        let err = localized_command(Lang::Ru).try_get_matches_from(["clerk-tui", "clerck"]).expect_err("bad command");
        let (text, _) = render_clap_error(&err, Lang::Ru);
        assert!(text.contains("неизвестная команда «clerck»") && text.contains("clerk"), "{text}");
    }

    #[test]
    fn language_is_detected_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(detect_lang(&args(&["clerk-tui", "--lang", "en", "status"])), Lang::En);
        assert_eq!(detect_lang(&args(&["clerk-tui", "status", "--lang=en"])), Lang::En);
    }
}
