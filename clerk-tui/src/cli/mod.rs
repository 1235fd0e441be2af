//! The administrator's command line: clap structures localised from the message catalogue,
//! errors a person understands, and the commands themselves.

pub mod args;
pub mod commands;
mod os_user;
pub mod output;

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};
use ereception_core::config::{self, Config, Overrides};
use ereception_core::i18n::{Lang, has_message, tr, tr_args};

/// The language of the command line before the arguments are parsed: `--lang`, then
/// `ERECEPTION_LANG`, then the configuration file's `lang`, then Russian.
pub fn detect_lang(args: &[OsString]) -> Lang {
    let value_of = |flag: &str| {
        let mut iter = args.iter().filter_map(|a| a.to_str());
        let prefix = format!("{flag}=");
        while let Some(a) = iter.next() {
            if a == flag {
                return iter.next().map(str::to_owned);
            }
            if let Some(v) = a.strip_prefix(&prefix) {
                return Some(v.to_owned());
            }
        }
        None
    };
    if let Some(lang) = value_of("--lang").and_then(|l| l.parse().ok()) {
        return lang;
    }
    let overrides = Overrides { config_file: value_of("--config").map(Into::into), ..Default::default() };
    Config::load(&overrides)
        .map(|c| c.lang)
        .unwrap_or_else(|_| std::env::var(config::env::LANG).ok().and_then(|l| l.parse().ok()).unwrap_or_default())
}

/// The message id of a command's description: `cli-about`, `cli-registry-import-about`.
fn about_id(path: &[&str]) -> String {
    if path.is_empty() { "cli-about".to_owned() } else { format!("cli-{}-about", path.join("-")) }
}

/// The message id of an argument's help: `cli-registry-import--map`; global arguments are
/// described once, `cli--database_url`.
fn arg_id(path: &[&str], arg: &str) -> String {
    const GLOBAL: [&str; 6] = ["config", "database_url", "lang", "as_clerk", "help", "version"];
    if GLOBAL.contains(&arg) { format!("cli--{arg}") } else { format!("cli-{}--{arg}", path.join("-")) }
}

fn localize_command(cmd: Command, path: &[&str], lang: Lang) -> Command {
    let about = about_id(path);
    let mut cmd = cmd;
    if has_message(&about) {
        cmd = cmd.about(tr(lang, &about)).long_about(None);
    }
    let path_owned: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
    cmd = cmd.mut_args(|arg: Arg| {
        let refs: Vec<&str> = path_owned.iter().map(String::as_str).collect();
        let id = arg_id(&refs, arg.get_id().as_str());
        let heading = if arg.is_positional() { "cli-heading-arguments" } else { "cli-heading-options" };
        let arg = arg.help_heading(tr(lang, heading));
        let arg = if has_message(&id) { arg.help(tr(lang, &id)).long_help(None) } else { arg };
        with_value_notes(arg, lang)
    });
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr(lang, "cli-usage-heading")
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(tr(lang, "cli-heading-commands"))
        .subcommand_value_name(tr(lang, "cli-command-value-name"));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let mut sub_path = path_owned.clone();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| {
            let refs: Vec<&str> = sub_path.iter().map(String::as_str).collect();
            localize_command(sub, &refs, lang)
        });
    }
    cmd
}

/// Clap appends `[default: …] [possible values: …]` to an option's help in English; in their
/// place the help gets the same notes from the catalogue, in `lang`.
fn with_value_notes(arg: Arg, lang: Lang) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(tr_args(lang, "cli-help-default", &[("value", defaults.join(", ").into())]));
    }
    let values: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(tr_args(lang, "cli-help-values", &[("values", values.join(", ").into())]));
    }
    if notes.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let notes: Vec<String> = notes.into_iter().map(|n| format!("[{n}]")).collect();
    let help = if help.is_empty() { notes.join(" ") } else { format!("{help} {}", notes.join(" ")) };
    arg.help(help).hide_default_value(true).hide_possible_values(true)
}

/// The command line with every description in `lang`.
pub fn localized_command(lang: Lang) -> Command {
    localize_command(args::Cli::command(), &[], lang)
}

fn context_text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Renders a clap error in `lang`, with the usage line and a pointer to `--help`. Help and
/// version requests are not errors: they are returned as they are, with exit code 0.
pub fn render_clap_error(e: &clap::Error, lang: Lang) -> (String, u8) {
    let arg = || context_text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context_text(e, ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return (e.to_string(), 0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return (e.to_string(), 2),
        ErrorKind::UnknownArgument => tr_args(lang, "cli-error-unknown-argument", &[("arg", arg().into())]),
        ErrorKind::InvalidSubcommand => tr_args(
            lang,
            "cli-error-unknown-command",
            &[("command", context_text(e, ContextKind::InvalidSubcommand).unwrap_or_default().into())],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = tr_args(lang, "cli-error-invalid-value", &[("value", value().into()), ("arg", arg().into())]);
            if let Some(valid) = context_text(e, ContextKind::ValidValue) {
                m.push(' ');
                m.push_str(&tr_args(lang, "cli-error-valid-values", &[("values", valid.into())]));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => tr_args(lang, "cli-error-missing-argument", &[("arg", arg().into())]),
        ErrorKind::MissingSubcommand => tr(lang, "cli-error-missing-command"),
        ErrorKind::ArgumentConflict => tr_args(
            lang,
            "cli-error-conflict",
            &[("arg", arg().into()), ("other", context_text(e, ContextKind::PriorArg).unwrap_or_default().into())],
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr_args(lang, "cli-error-too-many", &[("arg", arg().into())])
        }
        _ => e.kind().as_str().map(str::to_owned).unwrap_or_else(|| e.to_string()),
    };
    let mut out = format!("{}: {message}", tr(lang, "cli-error"));
    let suggestion = context_text(e, ContextKind::SuggestedArg)
        .or_else(|| context_text(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context_text(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        out.push('\n');
        out.push_str(&tr_args(lang, "cli-error-did-you-mean", &[("suggestion", s.into())]));
    }
    if let Some(usage) = context_text(e, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\n{} {usage}", tr(lang, "cli-usage-heading")));
    }
    out.push('\n');
    out.push_str(&tr(lang, "cli-error-see-help"));
    (out, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(cmd: &Command, path: Vec<String>, missing: &mut Vec<String>) {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        if !has_message(&about_id(&refs)) {
            missing.push(about_id(&refs));
        }
        for arg in cmd.get_arguments() {
            let id = arg_id(&refs, arg.get_id().as_str());
            if !has_message(&id) {
                missing.push(id);
            }
        }
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, p, missing);
        }
    }

    #[test]
    fn every_command_and_flag_is_described_in_the_catalogue() {
        let mut missing = Vec::new();
        walk(&args::Cli::command(), Vec::new(), &mut missing);
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
