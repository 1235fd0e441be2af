//! The mail delivery worker inside the server.

use std::time::{Duration, Instant};

use ereception_core::config::{Config, Overrides};
use intake_server::MailWorker;

use crate::server_test;

server_test!(the_mail_worker_delivers_the_outbox_and_stops_on_request, |app| {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("config.toml");
    let mail_dir = dir.path().join("mail");
    std::fs::write(&file, format!("[mail]\ntransport = \"file\"\ndir = {:?}\nidle_poll_ms = 50\n", mail_dir.display()))
        .expect("config");
    let config = Config::load_with(
        &Overrides { config_file: Some(file), data_dir: Some(dir.path().to_path_buf()), ..Overrides::default() },
        &|_| None,
    )
    .expect("config");
    // the desk's confirmation link is in the outbox already
    let worker = MailWorker::start(app.db.store.clone(), &config).expect("started");
    let started = Instant::now();
    let delivered = loop {
        let n = std::fs::read_dir(&mail_dir).map(|d| d.count()).unwrap_or(0);
        if n >= 2 || started.elapsed() > Duration::from_secs(20) {
            break n;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    worker.stop();
    assert!(delivered >= 2, "both confirmation links were written: {delivered}");
    let pending = ereception_core::store::outbox::list(&mut app.conn(), Some("pending"), 100).expect("outbox");
    assert!(pending.is_empty(), "{pending:?}");
});
