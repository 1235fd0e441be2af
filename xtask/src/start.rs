//! `cargo xtask start`: the whole system on the embedded default, in one command.
//!
//! Builds the two programs (release), then runs `clerk-tui start`, which prepares the demo
//! database, prints the form's address, the demo credentials and fresh PINs, starts
//! `intake-server` in the background (its log in the data folder), opens the clerk's terminal
//! in the foreground and stops the server when the terminal closes. Extra arguments are passed
//! on to `clerk-tui start`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .current_dir(&root)
        .args(["build", "--release", "--quiet", "-p", "clerk-tui", "-p", "intake-server"])
        .status()
        .context("running cargo build")?;
    if !status.success() {
        bail!("building clerk-tui and intake-server failed ({status})");
    }
    let exe = target_dir(&root).join("release").join(format!("clerk-tui{}", std::env::consts::EXE_SUFFIX));
    let status =
        Command::new(&exe).arg("start").args(args).status().with_context(|| format!("running {}", exe.display()))?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}
