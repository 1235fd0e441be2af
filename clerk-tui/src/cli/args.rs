//! The command line, as clap structures. Help texts here are English fallbacks; what people
//! read comes from the message catalogue (`cli-…` ids), see `cli::localize`.

use std::path::PathBuf;

use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand, ValueEnum};

/// e-Reception: the clerk's terminal and the administrator's commands.
#[derive(Debug, Parser)]
#[command(
    name = "clerk-tui",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    // The options every command takes come after the command's own in each `--help`.
    /// Configuration file (default: the platform's config folder).
    #[arg(long, global = true, value_name = "FILE", display_order = 900)]
    pub config: Option<PathBuf>,
    /// Database URL: postgres://… or sqlite://PATH.
    #[arg(long, global = true, value_name = "URL", display_order = 901)]
    pub database_url: Option<String>,
    /// Language of messages: ru or en.
    #[arg(long, global = true, value_name = "LANG", display_order = 902)]
    pub lang: Option<String>,
    /// Record the action in the audit log under this clerk's login instead of the system user.
    #[arg(long = "as", global = true, value_name = "LOGIN", display_order = 903)]
    pub as_clerk: Option<String>,
    /// Print help.
    #[arg(short = 'h', long, global = true, action = ArgAction::Help, display_order = 904)]
    pub help: Option<bool>,
    /// Print the version.
    #[arg(short = 'V', long, action = ArgAction::Version, display_order = 905)]
    pub version: Option<bool>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database or bring its schema up to date.
    Migrate,
    /// Show the database, its schema and what it holds.
    Status,
    /// Write a consistent copy of the embedded (SQLite) database while it is in use.
    Backup {
        /// The copy: a new file in an existing folder.
        file: PathBuf,
    },
    /// Delete finished cases whose retention period has passed (152-ФЗ). Without --apply it
    /// only counts what it would delete.
    Retention {
        /// The retention period in years, counted back from today's Moscow date.
        #[arg(long, value_name = "YEARS", default_value_t = 5, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=75))]
        years: u32,
        /// Delete them (without it, nothing is deleted).
        #[arg(long)]
        apply: bool,
    },
    /// Districts and their councils.
    #[command(subcommand)]
    District(DistrictCommand),
    /// The ГУ ИС housing registry.
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Residents of the registry.
    #[command(subcommand)]
    Resident(ResidentCommand),
    /// Staff accounts.
    #[command(subcommand)]
    Clerk(ClerkCommand),
    /// The service catalogue and its refusal grounds.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Residents' PINs.
    #[command(subcommand)]
    Pin(PinCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// The mail outbox.
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// Create the database with demo data (once) and print the demo credentials and fresh PINs.
    Demo(DemoArgs),
    /// The demo in one go: demo data, the web server in the background, the clerk's terminal.
    Start(DemoArgs),
    /// Measure opening a queue and drawing a key press over a district of many appeals.
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    BenchQueue(BenchArgs),
}

/// The terminal benchmark's options.
#[cfg(feature = "bench")]
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Appeals in the district.
    #[arg(long, default_value_t = 100_000)]
    pub appeals: usize,
    /// Times each measurement is repeated.
    #[arg(long, default_value_t = 50)]
    pub rounds: usize,
    /// The CI's variant: 10,000 appeals, 20 rounds (overrides the two above).
    #[arg(long)]
    pub quick: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many residents to create.
    #[arg(long, default_value_t = 3000)]
    pub residents: usize,
    /// How many residents get PINs printed.
    #[arg(long, default_value_t = 3)]
    pub pins: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 412)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Messages by state.
    Status,
    /// List messages.
    List {
        /// Only this state: pending, sent or failed.
        #[arg(long)]
        state: Option<String>,
        /// At most this many.
        #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i64).range(1..=1_000_000), default_value_t = 50)]
        limit: i64,
    },
    /// Show one message as it is (or would be) sent.
    Show {
        /// The message's number.
        #[arg(value_name = "NUMBER")]
        id: i64,
    },
    /// Put failed messages back in the queue.
    #[command(
        group(ArgGroup::new("which").args(["id", "all"]).required(true)),
        override_usage = "clerk-tui outbox retry <NUMBER>\n       clerk-tui outbox retry --all"
    )]
    Retry {
        /// The message.
        #[arg(value_name = "NUMBER")]
        id: Option<i64>,
        /// Every failed message.
        #[arg(long, conflicts_with = "id")]
        all: bool,
    },
    /// Delete sent messages older than a number of days.
    Purge {
        /// Days: at least 1, so that letters sent today stay on record.
        #[arg(long, value_name = "DAYS", allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..=36500))]
        older_than: u32,
    },
    /// Deliver mail: as the server's worker does, standalone.
    Work {
        /// Deliver what is due now and exit.
        #[arg(long)]
        once: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DistrictCommand {
    /// Add a district or change it.
    Set(DistrictArgs),
    /// List districts.
    List,
}

/// A new district needs its name, council, address and hours; for an existing one each option
/// given changes that value only.
#[derive(Debug, Args)]
pub struct DistrictArgs {
    /// District code, four digits.
    pub code: String,
    /// District name.
    #[arg(long, value_name = "TITLE")]
    pub name: Option<String>,
    /// Council name.
    #[arg(long)]
    pub council: Option<String>,
    /// Council address.
    #[arg(long)]
    pub address: Option<String>,
    /// Office hours.
    #[arg(long)]
    pub hours: Option<String>,
    /// Phone ("" removes it).
    #[arg(long)]
    pub phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Import a registry CSV file (all or nothing).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Column map: field=Header,field=Header.
    #[arg(long, value_name = "PAIRS", conflicts_with = "map_file")]
    pub map: Option<String>,
    /// Column map as a TOML file.
    #[arg(long, value_name = "FILE")]
    pub map_file: Option<PathBuf>,
    /// Encoding: utf-8 or windows-1251 (default: detect).
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Delimiter: ';', ',', '|' or a tab — `$'\t'`, `'\t'` or `tab` (default: detect).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// How many problems to list, the first by line of the file (all are counted); 0: all.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_errors: usize,
    /// Check the file and report what the import would do, writing nothing; the exit status
    /// is the one the import would end with (3: the file would be refused).
    #[arg(long)]
    pub dry_run: bool,
    /// Import even when the file leaves out more than a tenth of a district's residents (more
    /// than 20 people), who would be marked as left and lose their PINs.
    #[arg(long)]
    pub allow_departures: bool,
    /// Import even when an optional field (patronymic, building, structure, flat) has no
    /// column while a column that looks like it goes unused: the field stays empty.
    #[arg(long)]
    pub allow_unread_columns: bool,
}

#[derive(Debug, Subcommand)]
pub enum ResidentCommand {
    /// Find residents.
    Find(FindArgs),
    /// Everything held about one resident, for the answer to their request (152-ФЗ art. 14).
    Data {
        /// The resident's id in the registry (as `resident find` lists it).
        #[arg(value_name = "REGISTRY_ID")]
        registry_id: String,
    },
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// District code.
    #[arg(long)]
    pub district: Option<String>,
    /// Surname (or its beginning).
    #[arg(long)]
    pub surname: Option<String>,
    /// Name (or its beginning).
    #[arg(long, value_name = "FIRST_NAME")]
    pub name: Option<String>,
    /// Birth date.
    #[arg(long, value_name = "DATE")]
    pub birth_date: Option<String>,
    /// Street.
    #[arg(long)]
    pub street: Option<String>,
    /// House.
    #[arg(long)]
    pub house: Option<String>,
    /// Include residents who left the registry.
    #[arg(long)]
    pub include_left: bool,
    /// At most this many.
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i64).range(1..=1_000_000), default_value_t = 50)]
    pub limit: i64,
}

#[derive(Debug, Subcommand)]
pub enum ClerkCommand {
    /// Add a staff account.
    Add(ClerkAddArgs),
    /// List staff accounts.
    List,
    /// Disable an account.
    Disable { login: String },
    /// Enable an account again.
    Enable { login: String },
    /// Set a new password.
    ResetPassword(PasswordArgs),
    /// Change the role.
    SetRole(SetRoleArgs),
    /// Move to another district.
    SetDistrict(SetDistrictArgs),
}

#[derive(Debug, Args)]
pub struct ClerkAddArgs {
    /// Login.
    pub login: String,
    /// Full name.
    #[arg(long, value_name = "FULL_NAME")]
    pub name: String,
    /// Role: clerk, supervisor or administrator.
    #[arg(long, default_value = "clerk")]
    pub role: String,
    /// District code.
    #[arg(long)]
    pub district: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct PasswordArgs {
    /// Login.
    pub login: String,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// `clerk set-role LOGIN ROLE`, or `LOGIN --role ROLE`; `--district` moves the clerk in the same
/// change (an administrator without a district becoming a clerk needs one).
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("the_role").args(["role", "role_flag"]).required(true)),
    // clap would put the required group before the login
    override_usage = "clerk-tui clerk set-role <LOGIN> <ROLE> [--district <CODE>]\n       \
                      clerk-tui clerk set-role <LOGIN> --role <ROLE> [--district <CODE>]"
)]
pub struct SetRoleArgs {
    /// Login.
    #[arg(display_order = 1)]
    pub login: String,
    /// Role: clerk, supervisor or administrator.
    #[arg(value_name = "ROLE", display_order = 2)]
    pub role: Option<String>,
    /// The role, as a flag (as `clerk add` takes it).
    #[arg(long = "role", value_name = "ROLE")]
    pub role_flag: Option<String>,
    /// District code: move the clerk to this district in the same change.
    #[arg(long, value_name = "CODE")]
    pub district: Option<String>,
}

impl SetRoleArgs {
    /// The role, from whichever form was used (clap lets only one through).
    pub fn role(&self) -> &str {
        self.role.as_deref().or(self.role_flag.as_deref()).unwrap_or_default()
    }
}

/// `clerk set-district LOGIN CODE`, or `LOGIN --district CODE`, or `LOGIN --none`.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("the_district").args(["district", "district_flag", "none"]).required(true)),
    // clap would put the required group before the login
    override_usage = "clerk-tui clerk set-district <LOGIN> <CODE>\n       \
                      clerk-tui clerk set-district <LOGIN> --district <CODE>\n       \
                      clerk-tui clerk set-district <LOGIN> --none"
)]
pub struct SetDistrictArgs {
    /// Login.
    #[arg(display_order = 1)]
    pub login: String,
    /// District code.
    #[arg(value_name = "CODE", display_order = 2)]
    pub district: Option<String>,
    /// The district code, as a flag (as `clerk add` takes it).
    #[arg(long = "district", value_name = "CODE")]
    pub district_flag: Option<String>,
    /// No district (administrators only).
    #[arg(long)]
    pub none: bool,
}

impl SetDistrictArgs {
    /// The district code, from whichever form was used; `None` for `--none`.
    pub fn district(&self) -> Option<&str> {
        self.district.as_deref().or(self.district_flag.as_deref())
    }
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// Load the catalogue from a TOML file.
    Load {
        file: PathBuf,
        /// Check the file and report what loading it would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Load even when services the file leaves out still have open appeals.
        #[arg(long)]
        allow_withdrawal: bool,
    },
    /// Write the catalogue as TOML.
    Export {
        /// Output file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write over a file of that name (without it, an existing file is never replaced).
        #[arg(long, requires = "out")]
        overwrite: bool,
    },
    /// List the services.
    List,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Issue a PIN and print the slip.
    Issue(PinIssueArgs),
    /// Revoke a PIN.
    Revoke {
        /// Account number.
        number: String,
        /// Reason.
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct PinIssueArgs {
    /// The registry id of the resident.
    #[arg(long, value_name = "ID")]
    pub registry_id: String,
    /// E-mail address (a confirmation link is mailed to it).
    #[arg(long)]
    pub email: Option<String>,
    /// The resident's language: ru or en.
    #[arg(long = "resident-lang", value_name = "LANG", default_value = "ru")]
    pub resident_lang: String,
    /// Slip width: 32, 42 or 48 columns.
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u32>,
    /// Revoke an active PIN and issue a new one.
    #[arg(long)]
    pub replace: bool,
    /// Send the slip to the configured print command.
    #[arg(long)]
    pub print: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit rows.
    Show {
        #[command(flatten)]
        filter: AuditArgs,
        /// At most this many rows: the latest ones, listed oldest first.
        #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(i64).range(1..=1_000_000), default_value_t = 100)]
        limit: i64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Export audit rows to a file.
    Export {
        #[command(flatten)]
        filter: AuditArgs,
        /// Output file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Write over a file of that name (without it, an existing file is never replaced).
        #[arg(long)]
        overwrite: bool,
        /// File format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
}

/// Which audit rows: every filter is optional.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// From this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this actor.
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this action.
    #[arg(long)]
    pub action: Option<String>,
    /// Only this subject.
    #[arg(long)]
    pub subject: Option<String>,
}

/// The file `audit export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    // RFC 4180 CSV for programs: `,`, UTF-8
    Csv,
    // CSV for a spreadsheet: `;`, UTF-8 with a byte order mark
    Excel,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Appeals by district, service and status.
    Appeals(ReportArgs),
    /// Open appeals past their deadline.
    Overdue(OverdueArgs),
    /// Time from filing to the decision to register.
    DecisionTime(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// District code.
    #[arg(long)]
    pub district: Option<String>,
    /// Appeals filed from this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Appeals filed before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[command(flatten)]
    pub output: ReportOutput,
}

/// The overdue report is of today: it takes no dates.
#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// District code.
    #[arg(long)]
    pub district: Option<String>,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct ReportOutput {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Output file (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write over a file of that name (without it, an existing file is never replaced).
    #[arg(long, requires = "out")]
    pub overwrite: bool,
}

/// How a report is written. (Plain comments on the variants: clap would show doc comments as
/// English help of the values.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    // aligned columns, with totals
    Table,
    // RFC 4180 CSV for programs: `,`, UTF-8, a decimal point, no totals
    Csv,
    // CSV for a spreadsheet with a decimal comma (Russian Excel): `;`, UTF-8 with a byte order
    // mark, a decimal comma, with totals
    Excel,
}
