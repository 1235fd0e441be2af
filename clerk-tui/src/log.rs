//! Where `clerk-tui`'s log lines go: standard error, except while the clerk's terminal has the
//! screen. A line written to standard error then lands in the middle of the drawn screen and
//! stays there, since ratatui redraws only the cells it changed (a database that stopped
//! answering covered the queue with libpq's messages, one every few seconds); so while the
//! screen is up they go to `<data folder>/logs/clerk-tui.log`, or nowhere if that cannot be
//! opened.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tracing_subscriber::fmt::MakeWriter;

/// Where lines go instead of standard error while the screen is up: `Some(None)` is nowhere.
static DIVERTED: Mutex<Option<Option<File>>> = Mutex::new(None);

/// The log file of the clerk's terminal in `data_dir`.
pub fn terminal_log(data_dir: &Path) -> PathBuf {
    data_dir.join("logs").join("clerk-tui.log")
}

/// The writer the subscriber is built with.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogWriter;

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = LogLine;

    fn make_writer(&'a self) -> LogLine {
        LogLine
    }
}

/// One line (the subscriber writes each whole), to wherever lines go at that moment.
#[derive(Debug)]
pub struct LogLine;

impl Write for LogLine {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match DIVERTED.lock().unwrap_or_else(PoisonError::into_inner).as_mut() {
            None => io::stderr().write(buf),
            Some(Some(file)) => file.write(buf),
            Some(None) => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match DIVERTED.lock().unwrap_or_else(PoisonError::into_inner).as_mut() {
            None => io::stderr().flush(),
            Some(Some(file)) => file.flush(),
            Some(None) => Ok(()),
        }
    }
}

/// Lines go to `path` (its folder made, the file appended to) until the returned guard is
/// dropped, then to standard error again. A file that cannot be opened takes them nowhere:
/// never onto the screen.
#[must_use = "the log goes back to standard error when the guard is dropped"]
pub fn divert_to(path: &Path) -> Diverted {
    let file = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| open_private(path)).ok();
    *DIVERTED.lock().unwrap_or_else(PoisonError::into_inner) = Some(file);
    Diverted(())
}

fn open_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Sends the log back to standard error when dropped.
#[derive(Debug)]
pub struct Diverted(());

impl Drop for Diverted {
    fn drop(&mut self) {
        *DIVERTED.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_to_the_file_while_diverted_and_nowhere_if_it_cannot_be_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = terminal_log(dir.path());
        {
            let _diverted = divert_to(&path);
            LogLine.write_all(b"first line\n").expect("written");
            LogLine.flush().expect("flushed");
        }
        assert!(DIVERTED.lock().expect("lock").is_none(), "standard error again");
        assert_eq!(std::fs::read_to_string(&path).expect("the log"), "first line\n");
        // a folder where the file should be: nothing is written, nothing fails
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("clerk-tui.log")).expect("a folder in the way");
        let _diverted = divert_to(&blocked.join("clerk-tui.log"));
        assert_eq!(LogLine.write(b"lost\n").expect("swallowed"), 5);
    }
}
