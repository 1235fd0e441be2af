//! The key map: every binding as data — its scope, its command, its keys and the catalogue
//! message that describes it. The help screen and the footer hints are generated from this
//! table; nothing else lists keys.
//!
//! Keys are looked up by layer: an open dialog sees them first (the `form`, `confirm` or `help`
//! scope), then the current screen's scope, then `nav` and `global`. A clerk may override any
//! binding in `keymap.toml` next to the configuration file:
//!
//! ```toml
//! [appeal]
//! register = ["r", "f5"]
//! [global]
//! quit = "ctrl-q"
//! ```
//!
//! An unknown section, an unknown command or a key that cannot be parsed stops the terminal at
//! start with a message naming each problem, as does one key bound to two commands of one scope.
//!
//! Letters also work on the Russian layout: a key that matches nothing is tried again as the
//! Latin key at the same place on the keyboard («к» is `r`, «.» is `/`).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ereception_core::i18n::{Lang, tr, tr_args};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Nav,
    SignIn,
    Dashboard,
    Queue,
    Appeal,
    Question,
    PinDesk,
    Resident,
    Slip,
    Supervisor,
    Form,
    Confirm,
    Help,
    Lock,
}

impl Scope {
    pub const ALL: [Scope; 15] = [
        Scope::Global,
        Scope::Nav,
        Scope::SignIn,
        Scope::Dashboard,
        Scope::Queue,
        Scope::Appeal,
        Scope::Question,
        Scope::PinDesk,
        Scope::Resident,
        Scope::Slip,
        Scope::Supervisor,
        Scope::Form,
        Scope::Confirm,
        Scope::Help,
        Scope::Lock,
    ];

    /// The section name in `keymap.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Nav => "nav",
            Scope::SignIn => "sign-in",
            Scope::Dashboard => "dashboard",
            Scope::Queue => "queue",
            Scope::Appeal => "appeal",
            Scope::Question => "question",
            Scope::PinDesk => "pin-desk",
            Scope::Resident => "resident",
            Scope::Slip => "slip",
            Scope::Supervisor => "supervisor",
            Scope::Form => "form",
            Scope::Confirm => "confirm",
            Scope::Help => "help",
            Scope::Lock => "lock",
        }
    }

    /// The heading of the scope's part of the help screen.
    pub fn title(self, lang: Lang) -> String {
        let id = match self {
            Scope::Global => "tui-scope-global",
            Scope::Nav => "tui-scope-nav",
            Scope::SignIn => "tui-scope-sign-in",
            Scope::Dashboard => "tui-scope-dashboard",
            Scope::Queue => "tui-scope-queue",
            Scope::Appeal => "tui-scope-appeal",
            Scope::Question => "tui-scope-question",
            Scope::PinDesk => "tui-scope-pin-desk",
            Scope::Resident => "tui-scope-resident",
            Scope::Slip => "tui-scope-slip",
            Scope::Supervisor => "tui-scope-supervisor",
            Scope::Form => "tui-scope-form",
            Scope::Confirm => "tui-scope-confirm",
            Scope::Help => "tui-scope-help",
            Scope::Lock => "tui-scope-lock",
        };
        tr(lang, id)
    }

    fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.name() == s)
    }
}

/// What a key asks for. The same command may be bound in several scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Quit,
    SignOut,
    Lock,
    Help,
    Back,
    Refresh,
    Home,
    PinDesk,
    Supervisor,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    NextQueue,
    PrevQueue,
    Queue1,
    Queue2,
    Queue3,
    Queue4,
    Queue5,
    Queue6,
    Queue7,
    Queue8,
    Search,
    Sort,
    Reverse,
    Mine,
    Stage,
    Register,
    Refuse,
    NextStage,
    RequestOriginals,
    OriginalsReceived,
    Suspend,
    Close,
    MarkReady,
    HandOver,
    IssueDocument,
    Answer,
    Message,
    Take,
    Assign,
    Extend,
    IssuePin,
    RevokePin,
    Print,
    Submit,
    Accept,
    Cancel,
    NextField,
    PrevField,
    ClearField,
    Canned,
    Yes,
    No,
}

impl Command {
    /// The name in `keymap.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::SignOut => "sign-out",
            Command::Lock => "lock",
            Command::Help => "help",
            Command::Back => "back",
            Command::Refresh => "refresh",
            Command::Home => "home",
            Command::PinDesk => "pin-desk",
            Command::Supervisor => "supervisor",
            Command::Up => "up",
            Command::Down => "down",
            Command::PageUp => "page-up",
            Command::PageDown => "page-down",
            Command::First => "first",
            Command::Last => "last",
            Command::Open => "open",
            Command::NextQueue => "next-queue",
            Command::PrevQueue => "prev-queue",
            Command::Queue1 => "queue-1",
            Command::Queue2 => "queue-2",
            Command::Queue3 => "queue-3",
            Command::Queue4 => "queue-4",
            Command::Queue5 => "queue-5",
            Command::Queue6 => "queue-6",
            Command::Queue7 => "queue-7",
            Command::Queue8 => "queue-8",
            Command::Search => "search",
            Command::Sort => "sort",
            Command::Reverse => "reverse",
            Command::Mine => "mine",
            Command::Stage => "stage",
            Command::Register => "register",
            Command::Refuse => "refuse",
            Command::NextStage => "next-stage",
            Command::RequestOriginals => "request-originals",
            Command::OriginalsReceived => "originals-received",
            Command::Suspend => "suspend",
            Command::Close => "close",
            Command::MarkReady => "mark-ready",
            Command::HandOver => "hand-over",
            Command::IssueDocument => "issue-document",
            Command::Answer => "answer",
            Command::Message => "message",
            Command::Take => "take",
            Command::Assign => "assign",
            Command::Extend => "extend",
            Command::IssuePin => "issue-pin",
            Command::RevokePin => "revoke-pin",
            Command::Print => "print",
            Command::Submit => "submit",
            Command::Accept => "accept",
            Command::Cancel => "cancel",
            Command::NextField => "next-field",
            Command::PrevField => "prev-field",
            Command::ClearField => "clear-field",
            Command::Canned => "canned",
            Command::Yes => "yes",
            Command::No => "no",
        }
    }

    /// The queue a `queue-N` command opens (1-based).
    pub fn queue_number(self) -> Option<usize> {
        Some(match self {
            Command::Queue1 => 1,
            Command::Queue2 => 2,
            Command::Queue3 => 3,
            Command::Queue4 => 4,
            Command::Queue5 => 5,
            Command::Queue6 => 6,
            Command::Queue7 => 7,
            Command::Queue8 => 8,
            _ => return None,
        })
    }
}

/// One default binding: scope, command, keys, the message describing it (its `.short`
/// attribute is the footer's label), and whether the footer shows it.
struct Default {
    scope: Scope,
    command: Command,
    keys: &'static [&'static str],
    desc: &'static str,
    footer: bool,
}

const fn b(scope: Scope, command: Command, keys: &'static [&'static str], desc: &'static str, footer: bool) -> Default {
    Default { scope, command, keys, desc, footer }
}

use Command as C;
use Scope as S;

/// The default bindings, in the order the help screen and the footer list them.
const DEFAULTS: &[Default] = &[
    b(S::Global, C::Help, &["?", "f1"], "tui-key-help", true),
    b(S::Global, C::Back, &["esc"], "tui-key-back", true),
    // the footer shows what fits in this order: locking the screen when leaving the desk
    // (152-ФЗ) comes before quitting, which the sign-in screen and the help offer anyway;
    // F12 works in forms and dialogs too (see `update::resolve`)
    b(S::Global, C::Lock, &["f12"], "tui-key-lock", true),
    b(S::Global, C::SignOut, &["ctrl-l"], "tui-key-sign-out", true),
    b(S::Global, C::Quit, &["ctrl-q", "f10"], "tui-key-quit", true),
    b(S::Global, C::Home, &["h"], "tui-key-home", false),
    b(S::Global, C::PinDesk, &["p"], "tui-key-pin-desk", false),
    b(S::Global, C::Supervisor, &["v"], "tui-key-supervisor", false),
    b(S::Global, C::Refresh, &["ctrl-r", "f5"], "tui-key-refresh", false),
    b(S::Nav, C::Up, &["up", "k"], "tui-key-up", false),
    b(S::Nav, C::Down, &["down", "j"], "tui-key-down", false),
    b(S::Nav, C::PageUp, &["pageup"], "tui-key-page-up", false),
    b(S::Nav, C::PageDown, &["pagedown"], "tui-key-page-down", false),
    b(S::Nav, C::First, &["home", "g"], "tui-key-first", false),
    b(S::Nav, C::Last, &["end", "G"], "tui-key-last", false),
    b(S::Nav, C::Open, &["enter"], "tui-key-open", true),
    b(S::SignIn, C::Submit, &["enter"], "tui-key-sign-in", true),
    b(S::SignIn, C::NextField, &["tab", "down"], "tui-key-next-field", true),
    b(S::SignIn, C::PrevField, &["backtab", "up"], "tui-key-prev-field", false),
    b(S::SignIn, C::ClearField, &["ctrl-u"], "tui-key-clear-field", false),
    b(S::SignIn, C::Quit, &["esc", "ctrl-q", "f10"], "tui-key-quit", true),
    b(S::Dashboard, C::Queue1, &["1"], "tui-key-queue-1", true),
    b(S::Dashboard, C::Queue2, &["2"], "tui-key-queue-2", false),
    b(S::Dashboard, C::Queue3, &["3"], "tui-key-queue-3", false),
    b(S::Dashboard, C::Queue4, &["4"], "tui-key-queue-4", false),
    b(S::Dashboard, C::Queue5, &["5"], "tui-key-queue-5", false),
    b(S::Dashboard, C::Queue6, &["6"], "tui-key-queue-6", false),
    b(S::Dashboard, C::Queue7, &["7"], "tui-key-queue-7", false),
    b(S::Dashboard, C::Queue8, &["8"], "tui-key-queue-8", false),
    b(S::Dashboard, C::PinDesk, &["p"], "tui-key-pin-desk", true),
    b(S::Dashboard, C::Supervisor, &["v"], "tui-key-supervisor", true),
    b(S::Dashboard, C::Search, &["/"], "tui-key-search-all", true),
    b(S::Dashboard, C::Open, &["enter"], "tui-key-open-undelivered", false),
    b(S::Queue, C::Search, &["/"], "tui-key-search", true),
    b(S::Queue, C::NextQueue, &["tab", "right"], "tui-key-next-queue", true),
    b(S::Queue, C::PrevQueue, &["backtab", "left"], "tui-key-prev-queue", false),
    b(S::Queue, C::Sort, &["s"], "tui-key-sort", true),
    b(S::Queue, C::Reverse, &["S"], "tui-key-reverse", false),
    b(S::Queue, C::Mine, &["m"], "tui-key-mine", true),
    b(S::Queue, C::Stage, &["f"], "tui-key-stage", true),
    b(S::Queue, C::Queue1, &["1"], "tui-key-queue-1", false),
    b(S::Queue, C::Queue2, &["2"], "tui-key-queue-2", false),
    b(S::Queue, C::Queue3, &["3"], "tui-key-queue-3", false),
    b(S::Queue, C::Queue4, &["4"], "tui-key-queue-4", false),
    b(S::Queue, C::Queue5, &["5"], "tui-key-queue-5", false),
    b(S::Queue, C::Queue6, &["6"], "tui-key-queue-6", false),
    b(S::Queue, C::Queue7, &["7"], "tui-key-queue-7", false),
    b(S::Queue, C::Queue8, &["8"], "tui-key-queue-8", false),
    b(S::Appeal, C::Register, &["r"], "tui-key-register", true),
    b(S::Appeal, C::Refuse, &["x"], "tui-key-refuse", true),
    b(S::Appeal, C::NextStage, &["n"], "tui-key-next-stage", true),
    b(S::Appeal, C::RequestOriginals, &["o"], "tui-key-request-originals", true),
    b(S::Appeal, C::OriginalsReceived, &["b"], "tui-key-originals-received", true),
    b(S::Appeal, C::Suspend, &["u"], "tui-key-suspend", true),
    b(S::Appeal, C::Close, &["c"], "tui-key-close", true),
    b(S::Appeal, C::MarkReady, &["e"], "tui-key-mark-ready", true),
    b(S::Appeal, C::HandOver, &["w"], "tui-key-hand-over", true),
    b(S::Appeal, C::IssueDocument, &["i"], "tui-key-issue-document", true),
    b(S::Appeal, C::Answer, &["a"], "tui-key-answer", true),
    b(S::Appeal, C::Message, &["M"], "tui-key-message", true),
    b(S::Appeal, C::Take, &["t"], "tui-key-take", true),
    b(S::Appeal, C::Assign, &["A"], "tui-key-assign", true),
    b(S::Appeal, C::Extend, &["d"], "tui-key-extend", true),
    b(S::Question, C::Answer, &["a"], "tui-key-answer-question", true),
    b(S::PinDesk, C::Search, &["/"], "tui-key-resident-search", true),
    b(S::Resident, C::IssuePin, &["i"], "tui-key-issue-pin", true),
    b(S::Resident, C::RevokePin, &["x"], "tui-key-revoke-pin", true),
    b(S::Slip, C::Print, &["p"], "tui-key-print", true),
    b(S::Slip, C::Back, &["esc", "enter"], "tui-key-close-slip", true),
    b(S::Supervisor, C::Assign, &["A"], "tui-key-assign", true),
    b(S::Form, C::Submit, &["ctrl-s", "f2"], "tui-key-submit", true),
    b(S::Form, C::Accept, &["enter"], "tui-key-accept", false),
    b(S::Form, C::NextField, &["tab"], "tui-key-next-field", true),
    b(S::Form, C::PrevField, &["backtab"], "tui-key-prev-field", false),
    b(S::Form, C::ClearField, &["ctrl-u"], "tui-key-clear-field", false),
    b(S::Form, C::Canned, &["ctrl-t", "f3"], "tui-key-canned", true),
    b(S::Form, C::Cancel, &["esc"], "tui-key-cancel", true),
    b(S::Confirm, C::Yes, &["y"], "tui-key-yes", true),
    b(S::Confirm, C::No, &["n", "esc"], "tui-key-no", true),
    b(S::Help, C::Back, &["esc", "?", "q", "f1"], "tui-key-close-help", true),
    b(S::Help, C::Up, &["up", "k"], "tui-key-up", false),
    b(S::Help, C::Down, &["down", "j"], "tui-key-down", false),
    b(S::Help, C::PageUp, &["pageup"], "tui-key-page-up", false),
    b(S::Help, C::PageDown, &["pagedown", "space"], "tui-key-page-down", false),
    b(S::Lock, C::Submit, &["enter"], "tui-key-unlock", true),
    b(S::Lock, C::SignOut, &["ctrl-l"], "tui-key-end-session", true),
    b(S::Lock, C::ClearField, &["ctrl-u"], "tui-key-clear-field", false),
];

/// A key with its modifiers, as a binding names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// A key as pressed, normalised: Shift is part of a character (`R`), and of `BackTab`.
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(e.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match e.code {
            // Ctrl+letter arrives in lower case whatever Shift says
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `r`, `R`, `ctrl-s`, `Ctrl+S`, `f2`, `esc`, `enter`, `shift-tab`, `space`, `?`.
    pub fn parse(text: &str) -> Option<Key> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.chars().count() == 1 {
            let c = text.chars().next()?;
            return (!c.is_control() && c != ' ').then_some(Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE });
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let cut = ["ctrl-", "ctrl+", "alt-", "alt+", "shift-", "shift+"].iter().find(|p| lower.starts_with(**p));
            let Some(prefix) = cut else { break };
            match &prefix[..prefix.len() - 1] {
                "ctrl" => mods |= KeyModifiers::CONTROL,
                "alt" => mods |= KeyModifiers::ALT,
                _ => mods |= KeyModifiers::SHIFT,
            }
            rest = &rest[prefix.len()..];
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            f if f.starts_with('f') && f.len() > 1 => {
                let n: u8 = f[1..].parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() || c.is_control() {
                    return None;
                }
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else if mods.contains(KeyModifiers::SHIFT) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
                } else {
                    KeyCode::Char(c)
                }
            }
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Some(Key { code, mods })
    }

    /// How the key is written on screen: `Ctrl+S`, `F2`, `Enter`, `↑`, `r`.
    pub fn label(&self, lang: Lang) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl+");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt+");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift+");
        }
        let ctrl = self.mods.contains(KeyModifiers::CONTROL);
        match self.code {
            KeyCode::Char(' ') => out.push_str(&tr(lang, "tui-key-name-space")),
            KeyCode::Char(c) if ctrl => out.extend(c.to_uppercase()),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("Enter"),
            KeyCode::Esc => out.push_str("Esc"),
            KeyCode::Tab => out.push_str("Tab"),
            KeyCode::BackTab => out.push_str("Shift+Tab"),
            KeyCode::Backspace => out.push_str("Backspace"),
            KeyCode::Delete => out.push_str("Del"),
            KeyCode::Insert => out.push_str("Ins"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::Home => out.push_str("Home"),
            KeyCode::End => out.push_str("End"),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }

    /// The key at the same place on the Latin layout, for a key typed on the Russian one.
    pub fn latin(&self) -> Option<Key> {
        let KeyCode::Char(c) = self.code else { return None };
        let latin = russian_to_latin(c)?;
        Some(Key { code: KeyCode::Char(latin), mods: self.mods })
    }
}

/// The Russian ЙЦУКЕН layout mapped to the Latin QWERTY keys at the same places.
fn russian_to_latin(c: char) -> Option<char> {
    const LOWER: [(char, char); 35] = [
        ('й', 'q'),
        ('ц', 'w'),
        ('у', 'e'),
        ('к', 'r'),
        ('е', 't'),
        ('н', 'y'),
        ('г', 'u'),
        ('ш', 'i'),
        ('щ', 'o'),
        ('з', 'p'),
        ('х', '['),
        ('ъ', ']'),
        ('ф', 'a'),
        ('ы', 's'),
        ('в', 'd'),
        ('а', 'f'),
        ('п', 'g'),
        ('р', 'h'),
        ('о', 'j'),
        ('л', 'k'),
        ('д', 'l'),
        ('ж', ';'),
        ('э', '\''),
        ('я', 'z'),
        ('ч', 'x'),
        ('с', 'c'),
        ('м', 'v'),
        ('и', 'b'),
        ('т', 'n'),
        ('ь', 'm'),
        ('б', ','),
        ('ю', '.'),
        ('ё', '`'),
        ('.', '/'),
        (',', '?'),
    ];
    if let Some((_, l)) = LOWER.iter().find(|(r, _)| *r == c) {
        return Some(*l);
    }
    let lower = c.to_lowercase().next()?;
    if lower == c {
        return None;
    }
    let (_, l) = LOWER.iter().find(|(r, _)| *r == lower)?;
    l.is_ascii_alphabetic().then(|| l.to_ascii_uppercase())
}

/// A binding in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub command: Command,
    pub keys: Vec<Key>,
    /// Message id of the description; `<id>.short` is the footer label.
    pub desc: &'static str,
    pub footer: bool,
}

/// The key map in effect: the defaults with the clerk's overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// A key map file that cannot be used; every problem is listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the key map {path} cannot be used: {}", problems.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join("; "))]
pub struct KeymapError {
    pub path: PathBuf,
    pub problems: Vec<KeymapProblem>,
}

/// One problem of a key map file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    Unreadable(String),
    Syntax(String),
    UnknownSection(String),
    UnknownCommand { section: String, command: String },
    BadKey { section: String, command: String, key: String },
    NotAKeyList { section: String, command: String },
    Conflict { section: String, key: String, first: String, second: String },
}

impl KeymapError {
    /// What the clerk (or the administrator) reads.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = tr_args(lang, "tui-keymap-error", &[("path", self.path.display().to_string().into())]);
        for p in &self.problems {
            out.push_str("\n  - ");
            out.push_str(&match p {
                KeymapProblem::Unreadable(detail) => {
                    tr_args(lang, "tui-keymap-unreadable", &[("detail", detail.as_str().into())])
                }
                KeymapProblem::Syntax(detail) => {
                    tr_args(lang, "tui-keymap-syntax", &[("detail", detail.as_str().into())])
                }
                KeymapProblem::UnknownSection(s) => tr_args(
                    lang,
                    "tui-keymap-unknown-section",
                    &[
                        ("section", s.as_str().into()),
                        ("known", Scope::ALL.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ").into()),
                    ],
                ),
                KeymapProblem::UnknownCommand { section, command } => tr_args(
                    lang,
                    "tui-keymap-unknown-command",
                    &[
                        ("section", section.as_str().into()),
                        ("command", command.as_str().into()),
                        ("known", known_commands(section).join(", ").into()),
                    ],
                ),
                KeymapProblem::BadKey { section, command, key } => tr_args(
                    lang,
                    "tui-keymap-bad-key",
                    &[
                        ("section", section.as_str().into()),
                        ("command", command.as_str().into()),
                        ("key", key.as_str().into()),
                    ],
                ),
                KeymapProblem::NotAKeyList { section, command } => tr_args(
                    lang,
                    "tui-keymap-not-a-list",
                    &[("section", section.as_str().into()), ("command", command.as_str().into())],
                ),
                KeymapProblem::Conflict { section, key, first, second } => tr_args(
                    lang,
                    "tui-keymap-conflict",
                    &[
                        ("section", section.as_str().into()),
                        ("key", key.as_str().into()),
                        ("first", first.as_str().into()),
                        ("second", second.as_str().into()),
                    ],
                ),
            });
        }
        out
    }
}

fn known_commands(section: &str) -> Vec<&'static str> {
    let scope = Scope::parse(section);
    DEFAULTS.iter().filter(|d| Some(d.scope) == scope).map(|d| d.command.name()).collect()
}

impl std::default::Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|d| Binding {
                    scope: d.scope,
                    command: d.command,
                    keys: d.keys.iter().filter_map(|k| Key::parse(k)).collect(),
                    desc: d.desc,
                    footer: d.footer,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with the overrides of `path`, when the file exists.
    pub fn load(path: &Path) -> Result<Keymap, KeymapError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Keymap::from_toml(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Keymap::default()),
            Err(e) => {
                Err(KeymapError { path: path.to_owned(), problems: vec![KeymapProblem::Unreadable(e.to_string())] })
            }
        }
    }

    /// The defaults with the overrides in `text` (`path` names it in errors).
    pub fn from_toml(text: &str, path: &Path) -> Result<Keymap, KeymapError> {
        let error = |problems| KeymapError { path: path.to_owned(), problems };
        let table: BTreeMap<String, toml::Value> =
            toml::from_str(text).map_err(|e| error(vec![KeymapProblem::Syntax(e.message().to_owned())]))?;
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (section, value) in &table {
            let Some(scope) = Scope::parse(section) else {
                problems.push(KeymapProblem::UnknownSection(section.clone()));
                continue;
            };
            let Some(entries) = value.as_table() else {
                problems.push(KeymapProblem::UnknownSection(section.clone()));
                continue;
            };
            for (command, keys) in entries {
                let Some(binding) =
                    keymap.bindings.iter_mut().find(|b| b.scope == scope && b.command.name() == command.as_str())
                else {
                    problems.push(KeymapProblem::UnknownCommand { section: section.clone(), command: command.clone() });
                    continue;
                };
                let texts: Vec<&str> = match keys {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => {
                        items.iter().filter_map(toml::Value::as_str).collect()
                    }
                    _ => {
                        problems
                            .push(KeymapProblem::NotAKeyList { section: section.clone(), command: command.clone() });
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                for text in texts {
                    match Key::parse(text) {
                        Some(k) => parsed.push(k),
                        None => problems.push(KeymapProblem::BadKey {
                            section: section.clone(),
                            command: command.clone(),
                            key: text.to_owned(),
                        }),
                    }
                }
                binding.keys = parsed;
            }
        }
        problems.extend(keymap.conflicts());
        if problems.is_empty() { Ok(keymap) } else { Err(error(problems)) }
    }

    fn conflicts(&self) -> Vec<KeymapProblem> {
        let mut out = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if a.scope != b.scope || a.command == b.command {
                    continue;
                }
                for k in &a.keys {
                    if b.keys.contains(k) {
                        out.push(KeymapProblem::Conflict {
                            section: a.scope.name().to_owned(),
                            key: k.label(Lang::En),
                            first: a.command.name().to_owned(),
                            second: b.command.name().to_owned(),
                        });
                    }
                }
            }
        }
        out
    }

    /// The command `key` is bound to in `scope`, trying the Latin key at the same place when
    /// the key as typed matches nothing.
    pub fn lookup(&self, scope: Scope, key: Key) -> Option<Command> {
        let find = |k: Key| self.bindings.iter().find(|b| b.scope == scope && b.keys.contains(&k)).map(|b| b.command);
        find(key).or_else(|| key.latin().and_then(find))
    }

    /// The bindings of `scope`, in table order.
    pub fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The first key of `command` in `scope`, as written on screen.
    pub fn key_label(&self, scope: Scope, command: Command, lang: Lang) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.command == command)
            .and_then(|b| b.keys.first())
            .map(|k| k.label(lang))
    }

    /// Every key of a binding, as written on screen: `Ctrl+Q, F10`.
    pub fn keys_label(binding: &Binding, lang: Lang) -> String {
        binding.keys.iter().map(|k| k.label(lang)).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new(code, mods))
    }

    #[test]
    fn defaults_have_no_conflicts_and_every_key_parses() {
        let keymap = Keymap::default();
        assert_eq!(keymap.conflicts(), vec![]);
        for d in DEFAULTS {
            for k in d.keys {
                assert!(Key::parse(k).is_some(), "{k}");
            }
        }
    }

    #[test]
    fn every_binding_is_described_in_both_languages() {
        for d in DEFAULTS {
            assert!(ereception_core::i18n::has_message(d.desc), "{}", d.desc);
            for lang in Lang::ALL {
                let short = tr(lang, &format!("{}.short", d.desc));
                assert!(!short.is_empty() && !short.contains("tui-key"), "{} has no .short in {lang}", d.desc);
                assert!(short.chars().count() <= 14, "{} .short is too long for the footer: {short}", d.desc);
            }
        }
        for scope in Scope::ALL {
            assert!(!scope.title(Lang::Ru).starts_with("tui-"), "{scope}");
        }
    }

    #[test]
    fn keys_parse_as_people_write_them() {
        assert_eq!(Key::parse("ctrl-s"), Some(Key { code: KeyCode::Char('s'), mods: KeyModifiers::CONTROL }));
        assert_eq!(Key::parse("Ctrl+S"), Key::parse("ctrl-s"));
        assert_eq!(Key::parse("F2"), Some(Key { code: KeyCode::F(2), mods: KeyModifiers::NONE }));
        assert_eq!(Key::parse("shift-tab"), Some(Key { code: KeyCode::BackTab, mods: KeyModifiers::NONE }));
        assert_eq!(Key::parse("shift-r"), Key::parse("R"));
        assert_eq!(Key::parse("space"), Some(Key { code: KeyCode::Char(' '), mods: KeyModifiers::NONE }));
        for bad in ["", "ctrl-", "f13", "f0", "banana", "ctrl-xy"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
        assert_eq!(Key::parse("ctrl-q").map(|k| k.label(Lang::Ru)).as_deref(), Some("Ctrl+Q"));
        assert_eq!(Key::parse("pagedown").map(|k| k.label(Lang::Ru)).as_deref(), Some("PgDn"));
    }

    #[test]
    fn pressed_keys_match_their_bindings() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.lookup(Scope::Appeal, press(KeyCode::Char('r'), KeyModifiers::NONE)),
            Some(Command::Register)
        );
        // Shift is part of the character
        assert_eq!(keymap.lookup(Scope::Appeal, press(KeyCode::Char('A'), KeyModifiers::SHIFT)), Some(Command::Assign));
        assert_eq!(keymap.lookup(Scope::Form, press(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Command::PrevField));
        assert_eq!(keymap.lookup(Scope::Global, press(KeyCode::Char('q'), KeyModifiers::CONTROL)), Some(Command::Quit));
        assert_eq!(keymap.lookup(Scope::Appeal, press(KeyCode::Char('z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn russian_layout_reaches_the_same_commands() {
        let keymap = Keymap::default();
        let ru = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(keymap.lookup(Scope::Appeal, ru('к')), Some(Command::Register));
        assert_eq!(keymap.lookup(Scope::Appeal, ru('ч')), Some(Command::Refuse));
        assert_eq!(keymap.lookup(Scope::Appeal, press(KeyCode::Char('Ф'), KeyModifiers::SHIFT)), Some(Command::Assign));
        assert_eq!(keymap.lookup(Scope::Confirm, ru('н')), Some(Command::Yes));
        assert_eq!(keymap.lookup(Scope::Queue, ru('.')), Some(Command::Search));
        assert_eq!(keymap.lookup(Scope::Global, ru(',')), Some(Command::Help));
        assert_eq!(keymap.lookup(Scope::Global, press(KeyCode::Char('й'), KeyModifiers::CONTROL)), Some(Command::Quit));
    }

    #[test]
    fn overrides_replace_the_keys_of_one_binding() {
        let text = "[appeal]\nregister = [\"f5\", \"R\"]\n[global]\nquit = \"ctrl-x\"\n";
        let keymap = Keymap::from_toml(text, Path::new("keymap.toml")).expect("valid");
        assert_eq!(keymap.lookup(Scope::Appeal, press(KeyCode::F(5), KeyModifiers::NONE)), Some(Command::Register));
        assert_eq!(keymap.lookup(Scope::Appeal, press(KeyCode::Char('r'), KeyModifiers::NONE)), None);
        assert_eq!(keymap.lookup(Scope::Global, press(KeyCode::Char('x'), KeyModifiers::CONTROL)), Some(Command::Quit));
        assert_eq!(keymap.lookup(Scope::Global, press(KeyCode::Char('q'), KeyModifiers::CONTROL)), None);
        assert_eq!(keymap.key_label(Scope::Appeal, Command::Register, Lang::Ru).as_deref(), Some("F5"));
    }

    #[test]
    fn a_bad_file_names_every_problem() {
        let text =
            "[apeal]\nregister = \"r\"\n[appeal]\nregistr = \"r\"\nrefuse = \"ctrl-\"\nnext-stage = 5\ntake = \"r\"\n";
        let err = Keymap::from_toml(text, Path::new("/etc/keymap.toml")).expect_err("invalid");
        assert_eq!(err.problems.len(), 5, "{:?}", err.problems);
        assert!(err.problems.contains(&KeymapProblem::UnknownSection("apeal".to_owned())));
        assert!(err.problems.iter().any(|p| matches!(p, KeymapProblem::Conflict { key, .. } if key == "r")));
        let text = err.message(Lang::Ru);
        assert!(text.contains("/etc/keymap.toml"), "{text}");
        assert!(text.contains("«apeal»") && text.contains("«registr»") && text.contains("«ctrl-»"), "{text}");
        assert!(text.contains("register"), "lists the known commands: {text}");
        let err = Keymap::from_toml("[appeal", Path::new("k.toml")).expect_err("syntax");
        assert!(matches!(err.problems[0], KeymapProblem::Syntax(_)));
        assert!(Keymap::load(Path::new("/nonexistent/keymap.toml")).is_ok(), "a missing file means the defaults");
    }
}
