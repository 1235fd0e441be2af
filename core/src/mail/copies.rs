//! The `.eml` files of the file transport: copies of letters, kept outside the database.
//!
//! Retention (152-ФЗ, art. 5 p. 7) deletes a finished case's letters from the outbox; the
//! copies the file transport wrote hold the same names, addresses and e-mails, so they go on
//! the same period: [`old_copies`] counts, or deletes, those written before the cut-off.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// An `.eml` copy could not be listed or deleted.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct CopiesError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The `.eml` files directly in `dir` last written before `before`: counted, and deleted when
/// `delete`. A folder that does not exist holds none. Other files are never touched. Stops at
/// the first file that cannot be deleted, with the count of those deleted before it lost:
/// a run again finds the rest.
pub fn old_copies(dir: &Path, before: SystemTime, delete: bool) -> Result<u64, CopiesError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(CopiesError { path: dir.to_path_buf(), source }),
    };
    let mut n = 0;
    for entry in entries {
        let entry = entry.map_err(|source| CopiesError { path: dir.to_path_buf(), source })?;
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        let meta = entry.metadata().map_err(|source| CopiesError { path: path.clone(), source })?;
        if !meta.is_file() {
            continue;
        }
        let written = meta.modified().map_err(|source| CopiesError { path: path.clone(), source })?;
        if written >= before {
            continue;
        }
        if delete {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                // gone meanwhile (another run): not this one's to count
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => return Err(CopiesError { path, source }),
            }
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use std::fs::{File, FileTimes};
    use std::time::Duration;

    use super::*;

    fn write(dir: &Path, name: &str, age_days: u64) -> PathBuf {
        let path = dir.join(name);
        let file = File::create(&path).expect("create");
        let at = SystemTime::now() - Duration::from_secs(age_days * 86_400);
        file.set_times(FileTimes::new().set_modified(at).set_accessed(at)).expect("set the time");
        path
    }

    #[test]
    fn only_eml_files_written_before_the_cut_off_are_counted_and_deleted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = write(dir.path(), "old.eml", 400);
        let new = write(dir.path(), "new.eml", 10);
        let other = write(dir.path(), "notes.txt", 400);
        let folder = dir.path().join("folder.eml");
        std::fs::create_dir(&folder).expect("a folder");
        let long_ago = SystemTime::now() - Duration::from_secs(400 * 86_400);
        File::open(&folder).and_then(|f| f.set_modified(long_ago)).expect("an old folder");
        let cut = SystemTime::now() - Duration::from_secs(365 * 86_400);
        assert_eq!(old_copies(dir.path(), cut, false).expect("counted"), 1);
        assert!(old.exists(), "a count deletes nothing");
        assert_eq!(old_copies(dir.path(), cut, true).expect("deleted"), 1);
        assert!(!old.exists());
        assert!(new.exists() && other.exists() && folder.is_dir());
        assert_eq!(old_copies(dir.path(), cut, true).expect("again"), 0);
    }

    #[test]
    fn a_missing_folder_holds_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(old_copies(&dir.path().join("none"), SystemTime::now(), true).expect("none"), 0);
    }
}
