//! HTTP plumbing: response builders, cookies, query strings, form bodies with their limits,
//! the client's address behind a trusted proxy.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Request, Response, StatusCode};

use crate::error::AppError;

/// Every response body: pages, JSON and files are small enough to be built whole.
pub type Body = Full<Bytes>;

/// The peer address of the connection a request came on (set by the connection loop).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// A response with `body` and `content_type`.
pub fn response(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Response<Body> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// An HTML page.
pub fn html(status: StatusCode, page: String) -> Response<Body> {
    response(status, "text/html; charset=utf-8", page)
}

/// A JSON document.
pub fn json(status: StatusCode, value: &impl serde::Serialize) -> Response<Body> {
    match serde_json::to_vec_pretty(value) {
        Ok(body) => response(status, "application/json; charset=utf-8", body),
        Err(e) => {
            tracing::error!(error = %e, "a JSON view did not serialise");
            response(StatusCode::INTERNAL_SERVER_ERROR, "application/json; charset=utf-8", "{}")
        }
    }
}

/// `303 See Other` to a local path (after a form, and to the sign-in page).
pub fn see_other(location: &str) -> Response<Body> {
    let mut r = response(StatusCode::SEE_OTHER, "text/plain; charset=utf-8", "");
    match HeaderValue::from_str(location) {
        Ok(v) => {
            r.headers_mut().insert(header::LOCATION, v);
        }
        Err(_) => {
            r.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/"));
        }
    }
    r
}

/// Adds a `Set-Cookie` header.
pub fn set_cookie(r: &mut Response<Body>, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A cookie's `Set-Cookie` value: HttpOnly, SameSite=Lax, the whole site; `Secure` when
/// configured; `max_age` in seconds (`Some(0)` deletes it, `None` keeps it for the browser
/// session).
pub fn cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    cookie_at(name, value, "/", max_age, secure)
}

/// [`cookie`] sent back only to addresses under `path`.
pub fn cookie_at(name: &str, value: &str, path: &str, max_age: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// The value of cookie `name`, if the request has it.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The decoded pairs of the query string.
pub fn query_pairs(req: &Request<Incoming>) -> Vec<(String, String)> {
    req.uri().query().and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok()).unwrap_or_default()
}

/// The first value of `name` among `pairs`.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The limits a request body is read under.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimits {
    pub max_bytes: usize,
    pub timeout: Duration,
}

/// Reads an `application/x-www-form-urlencoded` body: 415 for another type (or a charset other
/// than UTF-8), 413 past the size limit (announced or actual), 408 when it does not arrive in
/// time, 400 when it does not decode to UTF-8 text.
pub async fn read_form(req: Request<Incoming>, limits: BodyLimits) -> Result<Vec<(String, String)>, AppError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !is_utf8_form(content_type) {
        return Err(AppError::UnsupportedMediaType);
    }
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limits.max_bytes as u64) {
        return Err(AppError::PayloadTooLarge);
    }
    let body = Limited::new(req.into_body(), limits.max_bytes);
    let bytes = match tokio::time::timeout(limits.timeout, body.collect()).await {
        Err(_) => return Err(AppError::Timeout),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => return Err(AppError::PayloadTooLarge),
        Ok(Err(_)) => return Err(AppError::BadRequest),
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    let pairs = decode_form(&bytes).ok_or(AppError::BadRequest)?;
    Ok(pairs
        .into_iter()
        .map(|(name, value)| {
            let value = tidy_typed(&value);
            let value = if is_name_field(&name) { cyrillic_look_alikes(&value) } else { value };
            (name, value)
        })
        .collect())
}

/// A field that holds a person's name: the applicant's, a person's row in a service's
/// list (`f-children-0-surname`), the name a question is signed with.
fn is_name_field(name: &str) -> bool {
    ["surname", "name", "patronymic"].iter().any(|part| name == *part || name.ends_with(&format!("-{part}")))
}

/// The Latin letters that look like Cyrillic ones, and those Cyrillic letters.
fn cyrillic_twin(c: char) -> Option<char> {
    const TWINS: [(char, char); 21] = [
        ('A', 'А'),
        ('B', 'В'),
        ('C', 'С'),
        ('E', 'Е'),
        ('H', 'Н'),
        ('K', 'К'),
        ('M', 'М'),
        ('O', 'О'),
        ('P', 'Р'),
        ('T', 'Т'),
        ('X', 'Х'),
        ('Y', 'У'),
        ('a', 'а'),
        ('c', 'с'),
        ('e', 'е'),
        ('k', 'к'),
        ('o', 'о'),
        ('p', 'р'),
        ('x', 'х'),
        ('y', 'у'),
        ('\u{00EB}', 'ё'),
    ];
    TWINS.iter().find(|(latin, _)| *latin == c).map(|(_, cyrillic)| *cyrillic)
}

/// A name with the Latin letters of a Cyrillic word made Cyrillic: «Фёдoр» typed with a Latin
/// «o» (a keyboard layout switched mid-word, a name copied from a scanned document) looks
/// right, passes the registry check, which folds look-alikes, and would go into the appeal —
/// and the document prepared from it — with a letter of another alphabet. A word is changed
/// only when it has Cyrillic letters and every Latin letter in it has a Cyrillic twin, so that
/// a Latin name stays as typed.
pub fn cyrillic_look_alikes(value: &str) -> String {
    let is_cyrillic = |c: char| matches!(c, '\u{0400}'..='\u{04FF}');
    let mut out = String::with_capacity(value.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let mixed = word.chars().any(is_cyrillic) && word.chars().any(|c| c.is_ascii_alphabetic() || c == '\u{00EB}');
        if mixed && word.chars().all(|c| is_cyrillic(c) || cyrillic_twin(c).is_some()) {
            out.extend(word.chars().map(|c| cyrillic_twin(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in value.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A value as the resident meant it when a paste or a keyboard put in what cannot be seen:
/// characters that show nothing (a zero-width space, a word joiner, a byte-order mark, a soft
/// hyphen, direction marks — text copied from a messenger, a PDF or a web page carries them)
/// are dropped, and «ё» and «й» typed as «е» and «и» with a combining mark (as macOS and some
/// phone keyboards write them) become the one letter. Otherwise a name that looks right is
/// refused as holding characters other than letters, with nothing on the screen to correct.
/// The zero-width joiner is kept: it holds emoji together in a question's text.
pub fn tidy_typed(value: &str) -> String {
    let invisible =
        |c: char| matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}');
    if !value.chars().any(|c| invisible(c) || c == '\u{0308}' || c == '\u{0306}') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars().filter(|c| !invisible(*c)) {
        let composed = match (out.chars().last(), c) {
            (Some('е'), '\u{0308}') => Some('ё'),
            (Some('Е'), '\u{0308}') => Some('Ё'),
            (Some('и'), '\u{0306}') => Some('й'),
            (Some('И'), '\u{0306}') => Some('Й'),
            _ => None,
        };
        match composed {
            Some(letter) => {
                out.pop();
                out.push(letter);
            }
            None => out.push(c),
        }
    }
    out
}

/// `content_type` is a form in UTF-8: `application/x-www-form-urlencoded`, with no `charset`
/// parameter (what browsers send for a UTF-8 page) or with `charset=utf-8`.
fn is_utf8_form(content_type: &str) -> bool {
    let mut parts = content_type.split(';');
    let essence = parts.next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
        && parts.filter_map(|p| p.split_once('=')).all(|(name, value)| {
            !name.trim().eq_ignore_ascii_case("charset") || value.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        })
}

/// Decodes an urlencoded body into its pairs, `None` when a name or value is not UTF-8 once
/// percent-decoded. (`serde_urlencoded` puts U+FFFD in place of such bytes, which would be
/// kept in an appeal or a question as if the resident had typed them.) A `%` not followed by
/// two hex digits stays as it is, as browsers and `serde_urlencoded` read it.
pub fn decode_form(body: &[u8]) -> Option<Vec<(String, String)>> {
    body.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            Some((percent_decode(name)?, percent_decode(value)?))
        })
        .collect()
}

fn percent_decode(raw: &[u8]) -> Option<String> {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        match (b, raw.get(i + 1).and_then(|h| hex(*h)), raw.get(i + 2).and_then(|l| hex(*l))) {
            (b'%', Some(high), Some(low)) => {
                // two hex digits make one byte
                out.push(u8::try_from(high * 16 + low).ok()?);
                i += 3;
            }
            (b'+', ..) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The client's address: the peer's, or — when the peer is a trusted proxy — the last address
/// in `X-Forwarded-For` that is not itself a trusted proxy. Addresses are compared in their
/// canonical form: on a dual-stack listener (`[::]:8080`) an IPv4 peer arrives as
/// `::ffff:a.b.c.d`, which is the IPv4 address a configuration names (and which the per-address
/// limits must not take for one IPv6 /64 shared by every IPv4 client). Walking from the right,
/// an entry that is not an address (`unknown`, garbage) ends the walk at the peer: the entries
/// left of it were not written by a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.to_canonical() == ip);
    if !is_trusted(peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for entry in forwarded.into_iter().rev() {
        // a proxy may add the client's port: `203.0.113.7:51234`, `[2001:db8::1]:51234`
        let Some(ip) = entry.parse::<IpAddr>().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip())) else {
            return peer;
        };
        let ip = ip.to_canonical();
        if !is_trusted(ip) {
            return ip;
        }
    }
    peer
}

/// A `next` parameter that is safe to redirect to: a local path, nothing else.
pub fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 512
        && !next.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(next)
}

/// Percent-encodes `s` for a query value.
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Headers every response carries: no sniffing, no framing, no referrer (confirmation links
/// carry tokens), a strict content policy, and no caching unless a handler allowed it. Where the
/// site is served over TLS (`secure`: the cookies are `Secure`), the browser is told to use
/// nothing else for a year, so that an address typed without `https://` is not open to a
/// downgrade on the way.
pub fn secure_headers(r: &mut Response<Body>, secure: bool) {
    let h = r.headers_mut();
    if secure {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(local_path("/appeals/5"), Some("/appeals/5"));
        assert_eq!(local_path("/?lang=en"), Some("/?lang=en"));
        for bad in ["", "appeals", "//evil.example/x", "/\\evil.example", "https://evil.example/", "/a\nb", "/a\\b"] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn forwarded_for_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.5".parse().expect("ip");
        let client: IpAddr = "203.0.113.7".parse().expect("ip");
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1, 203.0.113.7"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), client, "the proxy's own entry is the last");
        assert_eq!(client_ip(client, &headers, &[proxy]), client, "from anyone else it is ignored");
        let stranger: IpAddr = "192.0.2.9".parse().expect("ip");
        assert_eq!(client_ip(stranger, &headers, &[proxy]), stranger);
        headers.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), proxy);
        headers.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.7, 10.0.0.6"));
        let second: IpAddr = "10.0.0.6".parse().expect("ip");
        assert_eq!(client_ip(proxy, &headers, &[proxy, second]), client, "a chain of trusted proxies");
        // a dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d
        let mapped: IpAddr = "::ffff:10.0.0.5".parse().expect("ip");
        headers.insert("x-forwarded-for", HeaderValue::from_static("::ffff:203.0.113.7"));
        assert_eq!(client_ip(mapped, &headers, &[proxy]), client, "the proxy, and the client, as IPv4");
        let mapped_client: IpAddr = "::ffff:203.0.113.7".parse().expect("ip");
        assert_eq!(client_ip(mapped_client, &headers, &[proxy]), client);
        // a port the proxy added is not a reason to look further left
        headers.insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1, 203.0.113.7:51234"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), client);
        headers.insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1, [2001:db8::1]:51234"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), "2001:db8::1".parse::<IpAddr>().expect("ip"));
        // what the proxy wrote does not read: the entries left of it are the client's own
        headers.insert("x-forwarded-for", HeaderValue::from_static("198.51.100.1, unknown"));
        assert_eq!(client_ip(proxy, &headers, &[proxy]), proxy, "not 198.51.100.1, which anyone can send");
    }

    #[test]
    fn cookies_are_read_and_written() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; sid=abc ; lang=en"));
        assert_eq!(cookie_value(&headers, "sid"), Some("abc"));
        assert_eq!(cookie_value(&headers, "lang"), Some("en"));
        assert_eq!(cookie_value(&headers, "none"), None);
        assert_eq!(cookie("sid", "x", None, true), "sid=x; Path=/; HttpOnly; SameSite=Lax; Secure");
        assert_eq!(cookie("sid", "", Some(0), false), "sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    }

    #[test]
    fn forms_decode_as_serde_urlencoded_does_but_refuse_what_is_not_utf8() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        for body in ["a=1&b=%D0%96+x&c&&d=%zz&e=%&f=%4", "csrf=x%2By&text=a=b", "", "=", "%41=%42"] {
            let ours = decode_form(body.as_bytes()).expect(body);
            let theirs: Vec<(String, String)> = serde_urlencoded::from_str(body).expect(body);
            assert_eq!(ours, theirs, "{body}");
        }
        assert_eq!(decode_form(b"a=%D0%96"), Some(pairs(&[("a", "Ж")])));
        for bad in [&b"a=%FF"[..], b"a=\xff", b"%C3=1", b"a=%D0", b"a=%ED%A0%80"] {
            assert_eq!(decode_form(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_latin_look_alike_in_a_cyrillic_word_becomes_cyrillic_and_a_latin_name_stays() {
        assert_eq!(cyrillic_look_alikes("Фёдoр"), "Фёдор");
        assert_eq!(cyrillic_look_alikes("Римский-Кoрсакoв"), "Римский-Корсаков");
        assert_eq!(cyrillic_look_alikes("CEMEHOB Пётр"), "CEMEHOB Пётр", "a word all Latin stays");
        assert_eq!(cyrillic_look_alikes("Aлeкcaндp"), "Александр");
        assert_eq!(cyrillic_look_alikes("O'Нил"), "O'Нил", "an apostrophe ends a word");
        assert_eq!(cyrillic_look_alikes("Dмитрий"), "Dмитрий", "D has no twin: left for the form to show");
        assert_eq!(cyrillic_look_alikes("Anna Smith"), "Anna Smith");
        assert!(is_name_field("f-children-2-patronymic") && is_name_field("name") && !is_name_field("street"));
        assert!(!is_name_field("email") && !is_name_field("pin") && !is_name_field("surnames"));
    }

    #[test]
    fn a_form_in_another_charset_is_not_a_form_we_read() {
        for ok in [
            "application/x-www-form-urlencoded",
            "Application/X-WWW-Form-Urlencoded ; charset=UTF-8",
            "application/x-www-form-urlencoded; charset=\"utf-8\"",
        ] {
            assert!(is_utf8_form(ok), "{ok}");
        }
        for bad in [
            "",
            "text/plain",
            "application/x-www-form-urlencoded; charset=windows-1251",
            "application/x-www-form-urlencoded;charset=iso-8859-1",
            "multipart/form-data; boundary=x",
        ] {
            assert!(!is_utf8_form(bad), "{bad}");
        }
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query("/appeals/5?x=1&y"), "/appeals/5%3Fx%3D1%26y");
        assert_eq!(encode_query("ЭП"), "%D0%AD%D0%9F");
    }
}
