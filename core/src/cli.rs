//! Command lines in the reader's language: clap's descriptions, headings and errors from the
//! message catalogue, for `clerk-tui` and `intake-server` alike.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

use crate::config::{self, Config, Overrides};
use crate::i18n::{Lang, has_message, tr, tr_args};

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

/// Parses `args` with `cmd` (see [`localize`]). On a mistake, and for `--help` or
/// `--version`, prints what there is to say in `lang` and returns the exit code: 0 for help,
/// 2 for a mistake.
pub fn parse<T: clap::FromArgMatches>(cmd: Command, args: &[OsString], lang: Lang) -> Result<T, u8> {
    cmd.try_get_matches_from(args).and_then(|m| T::from_arg_matches(&m)).map_err(|e| {
        let (text, code) = render_clap_error(&e, lang);
        if code == 0 {
            print!("{text}");
        } else {
            eprint!("{text}");
            if !text.ends_with('\n') {
                eprintln!();
            }
        }
        code
    })
}

/// The message id of a command's description under `prefix`: `cli-about`,
/// `cli-registry-import-about`, `server-about`.
fn about_id(prefix: &str, path: &[&str]) -> String {
    if path.is_empty() { format!("{prefix}-about") } else { format!("{prefix}-{}-about", path.join("-")) }
}

/// The message id of an argument's help: `cli-registry-import--map`, `server--listen`; the
/// arguments every program shares are described once, `cli--database_url`.
fn arg_id(prefix: &str, path: &[&str], arg: &str) -> String {
    const SHARED: [&str; 6] = ["config", "database_url", "lang", "as_clerk", "help", "version"];
    if SHARED.contains(&arg) {
        format!("cli--{arg}")
    } else if path.is_empty() {
        format!("{prefix}--{arg}")
    } else {
        format!("{prefix}-{}--{arg}", path.join("-"))
    }
}

/// `cmd` with every description in `lang`, from the messages under `prefix` (`cli` for
/// `clerk-tui`, `server` for `intake-server`); the headings, the usage line and the notes on
/// defaults and possible values too.
pub fn localize(cmd: Command, prefix: &str, lang: Lang) -> Command {
    let mut cmd = localize_command(cmd, prefix, &[], lang);
    // the usage lines are rendered once the whole tree is known (a subcommand's usage names its
    // parents), then given back in `lang`: clap writes `[OPTIONS]` in English whatever it is told
    cmd.build();
    with_localized_usage(cmd, lang)
}

/// The message id of a value's placeholder: `FILE` → `cli-value-file`.
fn value_name_id(name: &str) -> String {
    format!("cli-value-{}", name.to_ascii_lowercase().replace('_', "-"))
}

/// A value's placeholder in `lang` (`FILE` → `ФАЙЛ`); as it is when the catalogue lacks it.
fn value_name(lang: Lang, name: &str) -> String {
    let id = value_name_id(name);
    if has_message(&id) { tr(lang, &id) } else { name.to_owned() }
}

/// `usage` (without its heading) with clap's placeholders in `lang` — `[OPTIONS]`, and the
/// `<VALUE>` / `[VALUE]` of a usage written by hand — and its further lines (a command
/// used in several ways) aligned under the first after the heading.
fn localize_usage(usage: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(usage.len());
    let mut rest = usage;
    while let Some(start) = rest.find(['<', '[']) {
        out.push_str(&rest[..start]);
        let close = if rest[start..].starts_with('<') { '>' } else { ']' };
        let token = &rest[start + 1..];
        let end = token.find(close).filter(|&end| {
            end > 0 && token[..end].chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        });
        match end {
            Some(end) => {
                out.push(rest.as_bytes()[start].into());
                out.push_str(&value_name(lang, &token[..end]));
                out.push(close);
                rest = &token[end + 1..];
            }
            None => {
                out.push(rest.as_bytes()[start].into());
                rest = token;
            }
        }
    }
    out.push_str(rest);
    let indent = " ".repeat(tr(lang, "cli-usage-heading").chars().count() + 1);
    let lines: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join(&format!("\n{indent}"))
}

/// `cmd` and its subcommands with their usage lines in `lang` (see [`localize_usage`]).
fn with_localized_usage(mut cmd: Command, lang: Lang) -> Command {
    let rendered = cmd.render_usage().to_string();
    let usage = rendered.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage);
    cmd = cmd.override_usage(localize_usage(usage, lang));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| with_localized_usage(sub, lang));
    }
    cmd
}

/// The message ids `cmd`'s descriptions and value placeholders (`cli-value-file`) need under
/// `prefix` that the catalogue lacks.
pub fn missing_messages(cmd: &Command, prefix: &str) -> Vec<String> {
    fn walk(cmd: &Command, prefix: &str, path: Vec<String>, missing: &mut Vec<String>) {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let about = about_id(prefix, &refs);
        if !has_message(&about) {
            missing.push(about);
        }
        for arg in cmd.get_arguments() {
            let id = arg_id(prefix, &refs, arg.get_id().as_str());
            if !has_message(&id) {
                missing.push(id);
            }
            let names = if arg.get_action().takes_values() { arg.get_value_names().unwrap_or_default() } else { &[] };
            for name in names {
                let id = value_name_id(name.as_str());
                if !has_message(&id) && !missing.contains(&id) {
                    missing.push(id);
                }
            }
        }
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, prefix, p, missing);
        }
    }
    let mut missing = Vec::new();
    walk(cmd, prefix, Vec::new(), &mut missing);
    missing
}

fn localize_command(cmd: Command, prefix: &str, path: &[&str], lang: Lang) -> Command {
    let about = about_id(prefix, path);
    let mut cmd = cmd;
    if has_message(&about) {
        cmd = cmd.about(tr(lang, &about)).long_about(None);
    }
    let path_owned: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
    cmd = cmd.mut_args(|arg: Arg| {
        let refs: Vec<&str> = path_owned.iter().map(String::as_str).collect();
        let id = arg_id(prefix, &refs, arg.get_id().as_str());
        let heading = if arg.is_positional() { "cli-heading-arguments" } else { "cli-heading-options" };
        let arg = arg.help_heading(tr(lang, heading));
        let arg = if has_message(&id) { arg.help(tr(lang, &id)).long_help(None) } else { arg };
        let names: Vec<String> =
            arg.get_value_names().unwrap_or_default().iter().map(|n| value_name(lang, n.as_str())).collect();
        let arg = if names.is_empty() { arg } else { arg.value_names(names) };
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
            localize_command(sub, prefix, &refs, lang)
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

fn context_text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Why a value did not parse, in `lang`, where the parser says it in a way we know: a number
/// that is not one or is out of its range (clap's «0 is not in 1..=36500»), a character, a
/// network address.
fn value_reason(e: &clap::Error, lang: Lang) -> Option<String> {
    let source = std::error::Error::source(e)?;
    if let Some(p) = source.downcast_ref::<std::num::ParseIntError>() {
        return Some(match p.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                tr(lang, "cli-error-expected-smaller-number")
            }
            _ => tr(lang, "cli-error-expected-number"),
        });
    }
    if source.is::<std::char::ParseCharError>() {
        return Some(tr(lang, "cli-error-expected-char"));
    }
    if source.is::<std::net::AddrParseError>() {
        return Some(tr(lang, "cli-error-expected-address"));
    }
    let text = source.to_string();
    let (_, range) = text.split_once(" is not in ")?;
    let (min, max) = range.split_once("..")?;
    let is_number = |s: &str| !s.is_empty() && s.trim_start_matches('-').chars().all(|c| c.is_ascii_digit());
    match max.strip_prefix('=') {
        Some(max) if is_number(min) && is_number(max) => {
            Some(tr_args(lang, "cli-error-expected-range", &[("min", min.into()), ("max", max.into())]))
        }
        None if is_number(min) && max.is_empty() => {
            Some(tr_args(lang, "cli-error-expected-min", &[("min", min.into())]))
        }
        _ => None,
    }
}

/// One of the alternatives clap names as `<ROLE|--role <ROLE>>` as a person writes them:
/// `<ROLE> or --role <ROLE>`; anything else as it is.
fn readable_group(arg: &str, lang: Lang) -> String {
    let Some(inner) = arg.strip_prefix('<').and_then(|a| a.strip_suffix('>')).filter(|a| a.contains('|')) else {
        return arg.to_owned();
    };
    let parts: Vec<String> = inner
        .split('|')
        .map(|p| if p.starts_with(['-', '<', '[']) { p.to_owned() } else { format!("<{p}>") })
        .collect();
    parts.join(&format!(" {} ", tr(lang, "cli-error-or")))
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
            let mut m = match value_reason(e, lang) {
                Some(reason) => tr_args(
                    lang,
                    "cli-error-invalid-value-because",
                    &[("value", value().into()), ("arg", arg().into()), ("reason", reason.into())],
                ),
                None => tr_args(lang, "cli-error-invalid-value", &[("value", value().into()), ("arg", arg().into())]),
            };
            if let Some(valid) = context_text(e, ContextKind::ValidValue) {
                m.push(' ');
                m.push_str(&tr_args(lang, "cli-error-valid-values", &[("values", valid.into())]));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            // how many values are missing, for «не указано обязательное значение» or «… указаны … значения»
            let (args, n) = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => {
                    (v.iter().map(|a| readable_group(a, lang)).collect::<Vec<_>>().join(", "), v.len().max(1))
                }
                _ => (arg(), 1),
            };
            tr_args(lang, "cli-error-missing-argument", &[("arg", args.into()), ("n", n.into())])
        }
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
