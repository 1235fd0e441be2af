//! Configuration: a TOML file in the platform's config directory, environment overrides,
//! command-line flags — in that order of increasing precedence.
//!
//! The embedded default needs no configuration at all: a SQLite file in the platform's data
//! directory (`~/.local/share/e-reception/ereception.sqlite3` on Linux). Every binary reads the
//! database URL the same way: `--database-url`, `ERECEPTION_DATABASE_URL`, `database_url` in
//! the file.
//!
//! ```toml
//! # ~/.config/e-reception/config.toml
//! database_url = "postgres://ereception@db.council.local/ereception"
//! public_base_url = "https://priem.arbat.mos.example"
//! lang = "ru"
//! calendar_dir = "/etc/e-reception/calendars"   # newer years' production calendars
//! print_command = "lp -d slip-printer"          # the PIN slip is piped to its stdin
//! slip_width = 42                                # 32, 42 or 48 columns
//! desk = "окно 3"
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use lettre::message::Mailbox;

use crate::account::SlipWidth;
use crate::clock::{CalendarFileError, ProductionCalendar};
use crate::i18n::{Lang, Msg};
use crate::mail::deliver::{DeliverySettings, SmtpSecurity, TransportConfig};
use crate::store::DatabaseUrl;
use crate::store::outbox::RetryPolicy;

/// Environment variables, each overriding its key of the file.
pub mod env {
    pub const CONFIG: &str = "ERECEPTION_CONFIG";
    pub const DATABASE_URL: &str = "ERECEPTION_DATABASE_URL";
    pub const PUBLIC_BASE_URL: &str = "ERECEPTION_PUBLIC_BASE_URL";
    pub const DATA_DIR: &str = "ERECEPTION_DATA_DIR";
    pub const LANG: &str = "ERECEPTION_LANG";
    pub const CALENDAR_DIR: &str = "ERECEPTION_CALENDAR_DIR";
    pub const PRINT_COMMAND: &str = "ERECEPTION_PRINT_COMMAND";
    pub const SMTP_HOST: &str = "ERECEPTION_SMTP_HOST";
    pub const SMTP_PORT: &str = "ERECEPTION_SMTP_PORT";
    pub const SMTP_SECURITY: &str = "ERECEPTION_SMTP_SECURITY";
    pub const SMTP_USER: &str = "ERECEPTION_SMTP_USER";
    pub const SMTP_PASSWORD: &str = "ERECEPTION_SMTP_PASSWORD";
    pub const MAIL_FROM: &str = "ERECEPTION_MAIL_FROM";
}

/// The file's keys. Unknown keys are an error, so a typo does not silently fall back to a
/// default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    database_url: Option<String>,
    public_base_url: Option<String>,
    data_dir: Option<PathBuf>,
    lang: Option<String>,
    calendar_dir: Option<PathBuf>,
    print_command: Option<String>,
    slip_width: Option<u32>,
    desk: Option<String>,
    #[serde(default)]
    mail: MailFile,
}

/// The `[mail]` section.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailFile {
    /// `file` (the default: `.eml` files in `dir`) or `smtp`.
    transport: Option<String>,
    dir: Option<PathBuf>,
    host: Option<String>,
    port: Option<u16>,
    security: Option<SmtpSecurity>,
    user: Option<String>,
    password: Option<String>,
    from: Option<String>,
    pool_size: Option<u32>,
    timeout_seconds: Option<u64>,
    batch: Option<i64>,
    lease_seconds: Option<i64>,
    max_attempts: Option<u32>,
    backoff_ms: Option<i64>,
    backoff_max_ms: Option<i64>,
    idle_poll_ms: Option<u64>,
}

/// Mail delivery settings.
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub transport: TransportConfig,
    /// The sender: «Электронная приёмная <no-reply@…>».
    pub from: Mailbox,
    pub batch: i64,
    pub lease: chrono::Duration,
    pub retry: RetryPolicy,
    pub idle_poll: std::time::Duration,
}

/// What the command line says, which wins over everything.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
}

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    /// The address residents use; links in e-mails and on the PIN slip start with it.
    pub public_base_url: String,
    /// Where the embedded database and the written-out mail live.
    pub data_dir: PathBuf,
    /// The language of the command line and the terminal.
    pub lang: Lang,
    /// Extra production-calendar files (`<year>.toml`), beside the shipped ones.
    pub calendar_dir: Option<PathBuf>,
    /// The command the PIN slip is piped to; none prints it to the screen only.
    pub print_command: Option<String>,
    pub slip_width: SlipWidth,
    /// The desk name recorded with PINs issued from this host.
    pub desk: String,
    pub mail: MailConfig,
    /// The file that was read, if any.
    pub file: Option<PathBuf>,
}

/// The configuration is unusable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the configuration file {path} is not valid: {detail}")]
    Parse { path: PathBuf, detail: String },
    #[error("{key}: {detail}")]
    Invalid { key: &'static str, detail: String },
    #[error("no data directory: set {} or data_dir", env::DATA_DIR)]
    NoDataDir,
    #[error("cannot read the calendar folder {path}: {source}")]
    CalendarDir { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Calendar(#[from] CalendarFileError),
}

impl ConfigError {
    /// What an administrator reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConfigError::Read { path, source } => Msg::new("config-error-read")
                .arg("path", path.display().to_string())
                .arg("detail", source.to_string())
                .render(lang),
            ConfigError::Parse { path, detail } => Msg::new("config-error-parse")
                .arg("path", path.display().to_string())
                .arg("detail", detail.as_str())
                .render(lang),
            ConfigError::Invalid { key, detail } => {
                Msg::new("config-error-invalid").arg("key", *key).arg("detail", detail.as_str()).render(lang)
            }
            ConfigError::NoDataDir => Msg::new("config-error-no-data-dir").arg("var", env::DATA_DIR).render(lang),
            ConfigError::CalendarDir { path, source } => Msg::new("config-error-calendar-dir")
                .arg("path", path.display().to_string())
                .arg("detail", source.to_string())
                .render(lang),
            ConfigError::Calendar(e) => e.message(lang),
        }
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("ru", "e-reception", "e-reception")
}

/// The default configuration file: `<config dir>/config.toml`.
pub fn default_config_file() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the file, the environment and the overrides.
    pub fn load(overrides: &Overrides) -> Result<Config, ConfigError> {
        Config::load_with(overrides, &|key| std::env::var(key).ok().filter(|v| !v.trim().is_empty()))
    }

    /// [`Config::load`] with the environment given as a function (for tests).
    pub fn load_with(overrides: &Overrides, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let explicit = overrides.config_file.clone().or_else(|| env(env::CONFIG).map(PathBuf::from));
        let (file, path) = match explicit {
            // a file named explicitly must exist
            Some(path) => (read_file(&path)?, Some(path)),
            None => match default_config_file() {
                Some(path) if path.exists() => (read_file(&path)?, Some(path)),
                _ => (ConfigFile::default(), None),
            },
        };

        let data_dir = overrides
            .data_dir
            .clone()
            .or_else(|| env(env::DATA_DIR).map(PathBuf::from))
            .or(file.data_dir)
            .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
            .ok_or(ConfigError::NoDataDir)?;

        let url_text = overrides
            .database_url
            .clone()
            .or_else(|| env(env::DATABASE_URL))
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("ereception.sqlite3").display()));
        let database_url = DatabaseUrl::parse(&url_text)
            .map_err(|e| ConfigError::Invalid { key: "database_url", detail: e.to_string() })?;

        let public_base_url =
            env(env::PUBLIC_BASE_URL).or(file.public_base_url).unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
        let public_base_url = public_base_url.trim().trim_end_matches('/').to_owned();
        if !(public_base_url.starts_with("http://") || public_base_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                key: "public_base_url",
                detail: format!("{public_base_url:?} must start with http:// or https://"),
            });
        }

        let lang = match overrides.lang {
            Some(lang) => lang,
            None => match env(env::LANG).or(file.lang) {
                Some(text) => text.parse().map_err(|e: crate::i18n::UnknownLang| ConfigError::Invalid {
                    key: "lang",
                    detail: e.to_string(),
                })?,
                None => Lang::Ru,
            },
        };

        let slip_width = match file.slip_width {
            Some(w) => SlipWidth::from_columns(w)
                .map_err(|e| ConfigError::Invalid { key: "slip_width", detail: e.to_string() })?,
            None => SlipWidth::W42,
        };

        let mail = mail_config(file.mail, &data_dir, env)?;

        Ok(Config {
            mail,
            database_url,
            public_base_url,
            data_dir,
            lang,
            calendar_dir: env(env::CALENDAR_DIR).map(PathBuf::from).or(file.calendar_dir),
            print_command: env(env::PRINT_COMMAND).or(file.print_command).filter(|c| !c.trim().is_empty()),
            slip_width,
            desk: file.desk.unwrap_or_else(|| "окно 1".to_owned()),
            file: path,
        })
    }

    /// The production calendar: the shipped years plus any `<year>.toml` in `calendar_dir`.
    pub fn calendar(&self) -> Result<ProductionCalendar, ConfigError> {
        let Some(dir) = &self.calendar_dir else {
            return Ok(ProductionCalendar::embedded()?.clone());
        };
        let entries =
            std::fs::read_dir(dir).map_err(|source| ConfigError::CalendarDir { path: dir.clone(), source })?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry.map_err(|source| ConfigError::CalendarDir { path: dir.clone(), source })?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| ConfigError::CalendarDir { path: path.clone(), source })?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((name, text));
            }
        }
        Ok(ProductionCalendar::with_extra_files(files)?)
    }

    /// Where outgoing mail is written as `.eml` files, when it is (the embedded default).
    pub fn mail_dir(&self) -> Option<&Path> {
        match &self.mail.transport {
            TransportConfig::File { dir } => Some(dir),
            TransportConfig::Smtp { .. } => None,
        }
    }

    /// The link to the private section.
    pub fn cabinet_url(&self) -> String {
        format!("{}/", self.public_base_url)
    }
}

fn mail_config(m: MailFile, data_dir: &Path, env: &dyn Fn(&str) -> Option<String>) -> Result<MailConfig, ConfigError> {
    let invalid = |key: &'static str, detail: String| ConfigError::Invalid { key, detail };
    let host = env(env::SMTP_HOST).or(m.host);
    let transport_kind =
        m.transport.unwrap_or_else(|| if host.is_some() { "smtp".to_owned() } else { "file".to_owned() });
    let transport = match transport_kind.as_str() {
        "file" => TransportConfig::File { dir: m.dir.unwrap_or_else(|| data_dir.join("mail")) },
        "smtp" => {
            let host = host.ok_or_else(|| invalid("mail.host", "the SMTP transport needs a host".to_owned()))?;
            let security = match env(env::SMTP_SECURITY) {
                Some(text) => match text.to_lowercase().as_str() {
                    "none" => SmtpSecurity::None,
                    "starttls" => SmtpSecurity::Starttls,
                    "tls" => SmtpSecurity::Tls,
                    other => return Err(invalid("mail.security", format!("{other:?}: use none, starttls or tls"))),
                },
                None => m.security.unwrap_or(SmtpSecurity::Starttls),
            };
            let default_port = match security {
                SmtpSecurity::None => 25,
                SmtpSecurity::Starttls => 587,
                SmtpSecurity::Tls => 465,
            };
            let port = match env(env::SMTP_PORT) {
                Some(p) => p.parse().map_err(|_| invalid("mail.port", format!("{p:?} is not a port number")))?,
                None => m.port.unwrap_or(default_port),
            };
            TransportConfig::Smtp {
                host,
                port,
                security,
                user: env(env::SMTP_USER).or(m.user),
                password: env(env::SMTP_PASSWORD).or(m.password),
                pool_size: m.pool_size.unwrap_or(4),
                timeout: std::time::Duration::from_secs(m.timeout_seconds.unwrap_or(30)),
            }
        }
        other => return Err(invalid("mail.transport", format!("{other:?}: use file or smtp"))),
    };
    let from_text = env(env::MAIL_FROM)
        .or(m.from)
        .unwrap_or_else(|| "Электронная приёмная <no-reply@e-reception.invalid>".to_owned());
    let from: Mailbox = from_text.parse().map_err(|e| invalid("mail.from", format!("{from_text:?}: {e}")))?;
    let positive =
        |key: &'static str, v: i64| if v > 0 { Ok(v) } else { Err(invalid(key, format!("{v} must be positive"))) };
    let base = positive("mail.backoff_ms", m.backoff_ms.unwrap_or(30_000))?;
    let max = positive("mail.backoff_max_ms", m.backoff_max_ms.unwrap_or(2 * 3600 * 1000))?;
    Ok(MailConfig {
        transport,
        from,
        batch: positive("mail.batch", m.batch.unwrap_or(50))?,
        lease: chrono::Duration::seconds(positive("mail.lease_seconds", m.lease_seconds.unwrap_or(300))?),
        retry: RetryPolicy {
            max_attempts: m.max_attempts.unwrap_or(10).max(1),
            base: chrono::Duration::milliseconds(base),
            max: chrono::Duration::milliseconds(max.max(base)),
            jitter: 0.2,
        },
        idle_poll: std::time::Duration::from_millis(m.idle_poll_ms.unwrap_or(2000)),
    })
}

impl Config {
    /// The settings of a delivery worker named `worker_id`.
    pub fn delivery_settings(&self, worker_id: &str) -> DeliverySettings {
        DeliverySettings {
            from: self.mail.from.clone(),
            public_base_url: self.public_base_url.clone(),
            batch: self.mail.batch,
            lease: self.mail.lease,
            retry: self.mail.retry,
            idle_poll: self.mail.idle_poll,
            worker_id: worker_id.to_owned(),
        }
    }
}

fn read_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse { path: path.to_path_buf(), detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_need_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let overrides = Overrides { data_dir: Some(dir.path().to_path_buf()), ..Default::default() };
        let c = Config::load_with(&overrides, &env_of(&[])).expect("defaults");
        assert_eq!(c.database_url, DatabaseUrl::Sqlite(dir.path().join("ereception.sqlite3")));
        assert_eq!(c.lang, Lang::Ru);
        assert_eq!(c.slip_width, SlipWidth::W42);
        assert_eq!(c.mail_dir(), Some(dir.path().join("mail").as_path()));
    }

    #[test]
    fn flags_beat_environment_beat_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "database_url = \"sqlite:///from/file.db\"\npublic_base_url = \"https://file.example/\"\nlang = \"en\"\nslip_width = 32\n",
        )
        .expect("write");
        let base = Overrides { config_file: Some(file.clone()), ..Default::default() };
        let c = Config::load_with(&base, &env_of(&[])).expect("file");
        assert_eq!(c.database_url.redacted(), "sqlite:///from/file.db");
        assert_eq!(c.public_base_url, "https://file.example");
        assert_eq!((c.lang, c.slip_width), (Lang::En, SlipWidth::W32));
        let env = env_of(&[(env::DATABASE_URL, "postgres://env@h/db"), (env::LANG, "ru")]);
        let c = Config::load_with(&base, &env).expect("env");
        assert_eq!(c.database_url.backend(), crate::store::Backend::Postgres);
        assert_eq!(c.lang, Lang::Ru);
        let flags = Overrides { database_url: Some("sqlite:///flag.db".to_owned()), lang: Some(Lang::En), ..base };
        let c = Config::load_with(&flags, &env).expect("flags");
        assert_eq!(c.database_url.redacted(), "sqlite:///flag.db");
        assert_eq!(c.lang, Lang::En);
    }

    #[test]
    fn mistakes_are_reported_by_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "databse_url = \"x\"\n").expect("write");
        let overrides = Overrides { config_file: Some(file), ..Default::default() };
        let err = Config::load_with(&overrides, &env_of(&[])).expect_err("typo");
        assert!(matches!(err, ConfigError::Parse { .. }), "{err}");
        assert!(err.message(Lang::Ru).contains("databse_url"), "{}", err.message(Lang::Ru));
        let missing = Overrides { config_file: Some(dir.path().join("absent.toml")), ..Default::default() };
        assert!(matches!(Config::load_with(&missing, &env_of(&[])), Err(ConfigError::Read { .. })));
        let bad = Overrides { data_dir: Some(dir.path().to_path_buf()), ..Default::default() };
        let err = Config::load_with(&bad, &env_of(&[(env::DATABASE_URL, "mysql://x")])).expect_err("bad url");
        assert!(matches!(err, ConfigError::Invalid { key: "database_url", .. }));
        let err = Config::load_with(&bad, &env_of(&[(env::PUBLIC_BASE_URL, "priem.example")])).expect_err("bad url");
        assert!(matches!(err, ConfigError::Invalid { key: "public_base_url", .. }));
    }

    #[test]
    fn mail_settings_from_file_and_environment() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "[mail]\nhost = \"smtp.council.example\"\nsecurity = \"tls\"\nuser = \"priem\"\nfrom = \"Управа <priem@council.example>\"\nbackoff_ms = 5\nmax_attempts = 3\n",
        )
        .expect("write");
        let overrides = Overrides { config_file: Some(file.clone()), ..Default::default() };
        let c = Config::load_with(&overrides, &env_of(&[(env::SMTP_PASSWORD, "secret")])).expect("valid");
        match &c.mail.transport {
            TransportConfig::Smtp { host, port, security, user, password, .. } => {
                assert_eq!((host.as_str(), *port, *security), ("smtp.council.example", 465, SmtpSecurity::Tls));
                assert_eq!((user.as_deref(), password.as_deref()), (Some("priem"), Some("secret")));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(c.mail.from.email.domain(), "council.example");
        assert_eq!(c.mail.retry.base, chrono::Duration::milliseconds(5));
        assert_eq!(c.delivery_settings("w1").retry.max_attempts, 3);
        std::fs::write(&file, "[mail]\ntransport = \"pigeon\"\n").expect("write");
        let err = Config::load_with(&overrides, &env_of(&[])).expect_err("bad transport");
        assert!(matches!(err, ConfigError::Invalid { key: "mail.transport", .. }), "{err}");
        std::fs::write(&file, "[mail]\nfrom = \"not an address\"\n").expect("write");
        assert!(matches!(
            Config::load_with(&overrides, &env_of(&[])),
            Err(ConfigError::Invalid { key: "mail.from", .. })
        ));
    }

    #[test]
    fn extra_calendar_years_are_read_from_the_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cal_dir = dir.path().join("calendars");
        std::fs::create_dir(&cal_dir).expect("mkdir");
        let c = Config {
            calendar_dir: Some(cal_dir.clone()),
            ..Config::load_with(
                &Overrides { data_dir: Some(dir.path().to_path_buf()), ..Default::default() },
                &env_of(&[]),
            )
            .expect("defaults")
        };
        assert_eq!(c.calendar().expect("only shipped").covered_years(), vec![2025, 2026, 2027]);
        std::fs::write(cal_dir.join("2028.toml"), "year = 2028\n").expect("write");
        assert!(matches!(c.calendar(), Err(ConfigError::Calendar(_))), "an invalid file is refused");
    }
}
