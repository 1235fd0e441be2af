//! Developer chores of e-Reception as code (matklad's cargo-xtask pattern).
//!
//! Run through the alias in `.cargo/config.toml`, which builds in release:
//!
//! ```text
//! cargo xtask bench-import            # the registry-import benchmark, 1,000,000 rows
//! cargo xtask bench-import --quick    # the CI's variant, 20,000 rows
//! cargo xtask bench-mail              # outbox delivery against a plain SMTP client
//! cargo xtask bench-server            # the web server under load, 10 s per measurement
//! cargo xtask bench-server --quick    # the CI's variant, 2 s per measurement
//! cargo xtask start                   # the whole system on the embedded default (the README's run command)
//! cargo xtask help bench-import
//! ```

mod bench_import;
mod bench_mail;
mod bench_server;
mod registry_gen;
mod start;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "xtask", bin_name = "cargo xtask", about = "Developer chores of e-Reception", version)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::enum_variant_names, reason = "the commands are the benchmarks, named as the command line spells them")]
enum Task {
    /// Benchmarks the registry import against a plain bulk insert into SQLite, and checks that
    /// its peak memory does not grow with the file.
    BenchImport(bench_import::BenchArgs),
    /// Benchmarks outbox mail delivery against a plain SMTP client sending the same messages to
    /// the same local SMTP server.
    BenchMail(bench_mail::BenchArgs),
    /// Runs the whole system on the embedded default: builds `clerk-tui` and `intake-server`,
    /// prepares the demo, starts the server in the background and opens the clerk's terminal.
    Start {
        /// Passed on to `clerk-tui start` (for example `--lang en`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// One measured run of bench-import, in a process of its own (internal).
    #[command(hide = true)]
    BenchImportRun(bench_import::RunArgs),
    /// Benchmarks the web server: status reads against a hello-world, durable filings against
    /// fsync, a sign-in storm against raw argon2, and its memory at 512 connections.
    BenchServer(bench_server::BenchArgs),
    /// A server of bench-server, in a process of its own (internal).
    #[command(hide = true)]
    BenchServerRun(bench_server::RunArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Task::BenchImport(args) => bench_import::run(args),
        Task::BenchMail(args) => bench_mail::run(args),
        Task::Start { args } => start::run(args),
        Task::BenchImportRun(args) => bench_import::run_child(args).map(|()| ExitCode::SUCCESS),
        Task::BenchServer(args) => bench_server::run(args),
        Task::BenchServerRun(args) => bench_server::run_child(args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bench_import_options_parse() {
        let Task::BenchImport(args) = Cli::try_parse_from(["xtask", "bench-import"]).unwrap().command else {
            panic!("not bench-import");
        };
        assert_eq!((args.rows, args.quick, args.check, args.phases), (1_000_000, false, false, false));
        let Task::BenchImport(args) =
            Cli::try_parse_from(["xtask", "bench-import", "--quick", "--check", "--keep", "/tmp/x"]).unwrap().command
        else {
            panic!("not bench-import");
        };
        assert!(args.quick && args.check && args.keep.is_some());
        assert!(Cli::try_parse_from(["xtask", "bench-import", "--quick", "--rows", "5"]).is_err());
        assert!(Cli::try_parse_from(["xtask", "bench-import", "--batch-rows", "0"]).is_err());
    }

    #[test]
    fn bench_server_options_parse() {
        let Task::BenchServer(args) = Cli::try_parse_from(["xtask", "bench-server"]).unwrap().command else {
            panic!("not bench-server");
        };
        assert_eq!((args.quick, args.check, args.connections, args.seconds), (false, false, 64, None));
        let Task::BenchServer(args) =
            Cli::try_parse_from(["xtask", "bench-server", "--quick", "--check"]).unwrap().command
        else {
            panic!("not bench-server");
        };
        assert!(args.quick && args.check);
        assert!(Cli::try_parse_from(["xtask", "bench-server", "--quick", "--seconds", "5"]).is_err());
        assert!(Cli::try_parse_from(["xtask", "bench-server", "--seconds", "0"]).is_err());
        assert!(Cli::try_parse_from(["xtask", "bench-server-run", "--role", "hello"]).is_ok());
    }
}
