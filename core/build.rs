//! Embeds the message catalogue and notices new migration folders.
//!
//! `embed_migrations!` does not notice a new migration directory on its own, and the
//! catalogue is every `.ftl` file under `locales/<lang>/`, so both are watched here.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=calendars");

    let mut out = String::new();
    for lang in ["ru", "en"] {
        let dir = Path::new("locales").join(lang);
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        writeln!(out, "pub(crate) const {}: &[(&str, &str)] = &[", lang.to_uppercase()).ok();
        for file in files {
            let abs = fs::canonicalize(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            writeln!(out, "    ({name:?}, include_str!({:?})),", abs.display().to_string()).ok();
            println!("cargo:rerun-if-changed={}", file.display());
        }
        writeln!(out, "];").ok();
    }

    let mut years = String::from("pub(crate) const CALENDARS: &[(&str, &str)] = &[\n");
    let mut files: Vec<_> =
        fs::read_dir("calendars").map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|ext| ext == "toml"));
    files.sort();
    for file in files {
        let abs = fs::canonicalize(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        writeln!(years, "    ({name:?}, include_str!({:?})),", abs.display().to_string()).ok();
        println!("cargo:rerun-if-changed={}", file.display());
    }
    years.push_str("];\n");
    out.push_str(&years);

    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
