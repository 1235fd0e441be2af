//! A small WebDriver client: Debian's `chromedriver` driving a headless Chromium, spoken to
//! over HTTP/1.1 on a `TcpStream` with JSON from `serde_json` — no browser-automation crate.
//!
//! Only what the end-to-end tests need: open a page, find elements by CSS, type, click, run a
//! script, read the text, and take full-page screenshots through Chromium's DevTools protocol
//! (chromedriver's `goog/cdp/execute`), at a phone's and a desktop's width.
//!
//! When `chromedriver` or `chromium` is missing, [`Browser::start`] says so loudly and the test
//! skips — unless `CI` is set, where it fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::parse_response;

/// The W3C key of an element reference in WebDriver's JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long to wait for an element or a condition.
const WAIT: Duration = Duration::from_secs(15);

/// The flags Chromium runs with: headless, no sandbox (containers), and nothing that reaches
/// out to the network on its own.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
];

/// A window size, emulated through DevTools (`Emulation.setDeviceMetricsOverride`): the
/// layout viewport is exactly this wide, as on the device.
#[derive(Clone, Copy, Debug)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    pub mobile: bool,
}

/// A phone held upright (the width of an iPhone 12–15).
pub const PHONE: Viewport = Viewport { name: "phone", width: 390, height: 844, mobile: true };
/// A desktop browser window.
pub const DESKTOP: Viewport = Viewport { name: "desktop", width: 1280, height: 800, mobile: false };

/// Finds an executable on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// The chromedriver and Chromium to use: `CHROMEDRIVER` and `CHROMIUM` if set, otherwise
/// `chromedriver` and `chromium` (or `chromium-browser`) on `PATH`.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let from_env = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_file());
    let driver = from_env("CHROMEDRIVER")
        .or_else(|| which("chromedriver"))
        .ok_or("chromedriver is not installed (apt-get install chromium-driver)")?;
    let browser = from_env("CHROMIUM")
        .or_else(|| which("chromium"))
        .or_else(|| which("chromium-browser"))
        .ok_or("chromium is not installed (apt-get install chromium)")?;
    Ok((driver, browser))
}

/// A headless Chromium session behind its own chromedriver. Dropping it closes both.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    /// A fresh profile (`--user-data-dir`), removed afterwards.
    _profile: tempfile::TempDir,
}

/// An element found on the page.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Browser {
    /// Starts chromedriver on a free port and a headless Chromium in a fresh profile. Without
    /// the tools: prints `SKIPPED …` and returns `None` — or panics when `CI` is set.
    pub fn start(test: &str) -> Option<Browser> {
        let (driver_path, browser_path) = match tools() {
            Ok(found) => found,
            Err(why) => {
                if std::env::var_os("CI").is_some() {
                    panic!("{test}: {why}, and CI requires the browser tests to run");
                }
                eprintln!("\n*** SKIPPED {test}: {why} ***\n");
                return None;
            }
        };
        let mut driver = Command::new(&driver_path)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", driver_path.display()));
        let port = driver_port(&mut driver);
        let profile = tempfile::Builder::new().prefix("e2e-chromium-").tempdir().expect("profile folder");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut browser = Browser { driver, port, session: String::new(), _profile: profile };
        browser.wait_ready();
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "goog:chromeOptions": { "binary": browser_path, "args": args }
                }
            }
        });
        let created = browser.call("POST", "/session", Some(&caps)).unwrap_or_else(|e| panic!("new session: {e}"));
        browser.session = created["sessionId"].as_str().expect("a session id").to_owned();
        Some(browser)
    }

    fn wait_ready(&self) {
        let started = Instant::now();
        loop {
            let status = self.call("GET", "/status", None);
            if status.as_ref().is_ok_and(|s| s["ready"] == json!(true)) {
                return;
            }
            assert!(started.elapsed() < WAIT, "chromedriver did not become ready: {status:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One WebDriver command: returns its `value`, or the error WebDriver reported.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| format!("connect: {e}"))?;
        stream.set_read_timeout(Some(Duration::from_secs(120))).map_err(|e| e.to_string())?;
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\
             Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            self.port,
            body.len()
        );
        stream.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
        stream.write_all(body.as_bytes()).map_err(|e| e.to_string())?;
        let raw = read_response(&mut stream).map_err(|e| format!("read: {e}"))?;
        let resp = parse_response(&raw);
        let value: Value =
            serde_json::from_slice(&resp.body).map_err(|e| format!("not JSON ({e}): {}", resp.text()))?;
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if resp.status != 200 {
            return Err(format!("{method} {path}: {} {}", value["error"], value["message"]));
        }
        Ok(value)
    }

    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let full = format!("/session/{}{path}", self.session);
        self.call(method, &full, body).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A DevTools command through chromedriver.
    fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command("POST", "/goog/cdp/execute", Some(&json!({ "cmd": cmd, "params": params })))
    }

    /// Emulates `viewport` from now on (the page re-lays itself out at once).
    pub fn set_viewport(&self, viewport: Viewport) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": 1,
                "mobile": viewport.mobile,
            }),
        );
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
        self.wait_loaded();
    }

    /// The current address.
    pub fn url(&self) -> String {
        self.command("GET", "/url", None).as_str().unwrap_or_default().to_owned()
    }

    /// The current path (and query) of the address.
    pub fn path(&self) -> String {
        let url = self.url();
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        after_scheme.find('/').map_or_else(|| "/".to_owned(), |i| after_scheme[i..].to_owned())
    }

    pub fn title(&self) -> String {
        self.command("GET", "/title", None).as_str().unwrap_or_default().to_owned()
    }

    /// Runs `script` (a function body; `arguments` are `args`) and returns its value.
    pub fn script(&self, script: &str, args: Value) -> Value {
        self.command("POST", "/execute/sync", Some(&json!({ "script": script, "args": args })))
    }

    /// Waits until `cond` holds, or panics naming `what`.
    pub fn wait_until(&self, what: &str, cond: impl Fn(&Browser) -> bool) {
        let started = Instant::now();
        while !cond(self) {
            assert!(started.elapsed() < WAIT, "timed out waiting for {what} (at {})", self.url());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the document to finish loading.
    pub fn wait_loaded(&self) {
        self.wait_until("the page to load", |b| {
            b.script("return document.readyState", json!([])).as_str() == Some("complete")
        });
    }

    /// The first element matching `css`, or `None`.
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let full = format!("/session/{}/element", self.session);
        let found = self.call("POST", &full, Some(&json!({ "using": "css selector", "value": css }))).ok()?;
        found[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
    }

    /// The first element matching `css`, waiting for it to appear.
    pub fn find(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Some(e) = self.try_find(css) {
                return e;
            }
            assert!(started.elapsed() < WAIT, "no element matches {css:?} at {}", self.url());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every element matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.command("POST", "/elements", Some(&json!({ "using": "css selector", "value": css })));
        found
            .as_array()
            .map(|items| {
                items.iter().filter_map(|v| v[ELEMENT_KEY].as_str()).map(|id| Element(id.to_owned())).collect()
            })
            .unwrap_or_default()
    }

    /// The visible text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.element_text(&e)
    }

    pub fn element_text(&self, e: &Element) -> String {
        self.command("GET", &format!("/element/{}/text", e.0), None).as_str().unwrap_or_default().to_owned()
    }

    /// An attribute or property of an element (`value` of an input reads what is typed).
    pub fn property(&self, e: &Element, name: &str) -> Value {
        self.command("GET", &format!("/element/{}/property/{name}", e.0), None)
    }

    /// Clears the field `css` and types `text` into it, as a person would.
    pub fn fill(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.command("POST", &format!("/element/{}/clear", e.0), Some(&json!({})));
        self.command("POST", &format!("/element/{}/value", e.0), Some(&json!({ "text": text })));
    }

    /// Clicks the first element matching `css`.
    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.click_element(&e);
    }

    pub fn click_element(&self, e: &Element) {
        self.command("POST", &format!("/element/{}/click", e.0), Some(&json!({})));
    }

    /// Clicks `css` (a link or a submit button) and waits for the next page to load.
    pub fn click_and_wait(&self, css: &str) {
        let e = self.find(css);
        // a marker on the old document: gone once the new one has loaded
        self.script("window.__e2e_old_page = true", json!([]));
        self.click_element(&e);
        self.wait_until("the next page", |b| {
            b.script("return window.__e2e_old_page === undefined && document.readyState === 'complete'", json!([]))
                == json!(true)
        });
    }

    /// How wide the page is laid out, in CSS pixels: wider than the viewport means a
    /// horizontal scroll bar (or, on a phone, a page zoomed out to fit).
    pub fn page_width(&self) -> u64 {
        self.script("return document.documentElement.scrollWidth", json!([])).as_u64().unwrap_or(0)
    }

    /// Saves a PNG of the whole page (beyond the viewport) at `path`.
    pub fn screenshot(&self, path: &Path) {
        let size = self
            .script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]", json!([]));
        let (w, h) = (size[0].as_f64().unwrap_or(800.0), size[1].as_f64().unwrap_or(600.0));
        let shot = self.cdp(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": w, "height": h.min(16_000.0), "scale": 1 },
            }),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data")).expect("base64");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Reads one response: the head, then as many bytes as `Content-Length` says (chromedriver
/// does not close the connection after answering, whatever the request asked).
fn read_response(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if raw.len() >= end + 4 + length {
                return Ok(raw);
            }
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

/// Reads chromedriver's "started successfully on port N." line.
fn driver_port(driver: &mut Child) -> u16 {
    let stdout = driver.stdout.take().expect("chromedriver's output");
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    let port = loop {
        let line = match lines.next() {
            Some(Ok(line)) => line,
            _ => panic!("chromedriver ended before telling its port"),
        };
        if let Some(rest) = line.split("on port ").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(port) = digits.parse::<u16>()
                && port != 0
            {
                break port;
            }
        }
        assert!(started.elapsed() < WAIT, "chromedriver did not tell its port");
    };
    // keep draining its output so that it never blocks on a full pipe
    std::thread::spawn(move || lines.for_each(drop));
    port
}

/// Standard base64 (RFC 4648, with padding), as WebDriver and DevTools send images.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    fn sextet(c: u8) -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    }
    let clean: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    if !clean.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | sextet(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[test]
fn base64_decodes_padding_and_rejects_garbage() {
    assert_eq!(base64_decode("").as_deref(), Some(&b""[..]));
    assert_eq!(base64_decode("Zg==").as_deref(), Some(&b"f"[..]));
    assert_eq!(base64_decode("Zm8=").as_deref(), Some(&b"fo"[..]));
    assert_eq!(base64_decode("Zm9v").as_deref(), Some(&b"foo"[..]));
    assert_eq!(base64_decode("Zm9vYmFy\n").as_deref(), Some(&b"foobar"[..]));
    assert_eq!(base64_decode("iVBORw0KGgo=").as_deref(), Some(&b"\x89PNG\r\n\x1a\n"[..]));
    assert_eq!(base64_decode("Zm9"), None);
    assert_eq!(base64_decode("Zm9*"), None);
    assert_eq!(base64_decode("Z==="), None);
}
