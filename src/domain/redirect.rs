//! Where a sign-in or a form may send the browser next. Only a path on this site is followed;
//! anything that a browser could read as another host (`//x`, `/\x`, `/%09/x`, a scheme)
//! falls back to the default. The answer is percent-encoded ASCII, so it is always a valid
//! `Location` header.
use url::{Position, Url};

const BASE: &str = "http://pressdesk.invalid/";

/// The same-site path in `next`, normalised, or `None` when it is not one.
pub fn local_path(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.len() > 2048 {
        return None;
    }
    // Look at what a browser would see after percent-decoding, up to three layers deep.
    let mut seen = next.to_string();
    for _ in 0..3 {
        if seen.chars().any(|c| c.is_control() || c == '\\') {
            return None;
        }
        if seen.starts_with("//") || seen.starts_with("/\\") {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(&seen).decode_utf8_lossy().into_owned();
        if decoded == seen {
            break;
        }
        seen = decoded;
    }
    if seen.chars().any(|c| c.is_control() || c == '\\') || seen.starts_with("//") {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let url = base.join(next).ok()?;
    if url.scheme() != "http" || url.host_str() != base.host_str() || url.port() != base.port() {
        return None;
    }
    let out = &url[Position::BeforePath..];
    (out.starts_with('/') && !out.starts_with("//")).then(|| out.to_string())
}

/// `next` when it is a same-site path, otherwise `default`.
pub fn safe_next(next: Option<&str>, default: &str) -> String {
    next.and_then(local_path).unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_pass_others_fall_back() {
        let cases: &[(&str, Option<&str>)] = &[
            ("/orders/5", Some("/orders/5")),
            ("/orders?page=2&q=visiting%20cards", Some("/orders?page=2&q=visiting%20cards")),
            ("/portal/orders#top", Some("/portal/orders#top")),
            ("/a/../b", Some("/b")),
            ("/कार्ड", Some("/%E0%A4%95%E0%A4%BE%E0%A4%B0%E0%A5%8D%E0%A4%A1")),
            ("/", Some("/")),
            ("//evil.example", None),
            ("/\\evil.example", None),
            ("/%09/evil.example", None),
            ("/\t/evil.example", None),
            ("/%2F%2Fevil.example", None),
            ("/%2f/evil.example", None),
            ("/%5Cevil.example", None),
            ("/%252F%252Fevil.example", None),
            ("/ok\r\nSet-Cookie: x=1", None),
            ("/ok%0d%0aSet-Cookie:x", None),
            ("/ok\0", None),
            ("/ok%00", None),
            ("https://evil.example", None),
            ("javascript:alert(1)", None),
            ("evil.example", None),
            ("", None),
            ("\\\\evil.example", None),
            (" /orders", None),
        ];
        for (input, want) in cases {
            assert_eq!(local_path(input).as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn default_when_missing() {
        assert_eq!(safe_next(None, "/portal"), "/portal");
        assert_eq!(safe_next(Some("//x"), "/"), "/");
    }
}
