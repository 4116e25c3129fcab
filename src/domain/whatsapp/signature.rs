//! The pure half of the webhook signature check: reading the `X-Hub-Signature-256` header.
//! Meta signs the raw body with HMAC-SHA256 under the app secret and sends
//! `sha256=<64 lower-case hex digits>`. The HMAC and its constant-time comparison are done in
//! `server/webhooks.rs` with the `hmac` and `sha2` crates; this module only turns the header
//! into the 32 bytes to compare, refusing anything that is not exactly that shape, so a
//! malformed header is a 401 before any body is touched.
use std::fmt;

pub const HEADER: &str = "X-Hub-Signature-256";
const PREFIX: &str = "sha256=";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    Missing,
    /// Not `sha256=` (another algorithm, or no prefix at all).
    WrongScheme,
    /// Not 64 hexadecimal digits after the prefix.
    BadDigest,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignatureError::Missing => "missing X-Hub-Signature-256 header",
            SignatureError::WrongScheme => "X-Hub-Signature-256 must start with sha256=",
            SignatureError::BadDigest => "X-Hub-Signature-256 must carry 64 hex digits",
        })
    }
}

impl std::error::Error for SignatureError {}

/// The header value as received (`None` if absent). Surrounding spaces or tabs, which HTTP
/// allows around a value, are ignored; hex digits in either case are accepted.
pub fn parse_signature(header: Option<&str>) -> Result<[u8; 32], SignatureError> {
    let value = header.ok_or(SignatureError::Missing)?.trim_matches([' ', '\t']);
    if value.is_empty() {
        return Err(SignatureError::Missing);
    }
    let hex = value.strip_prefix(PREFIX).ok_or(SignatureError::WrongScheme)?;
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return Err(SignatureError::BadDigest);
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let hi = nibble(pair[0]).ok_or(SignatureError::BadDigest)?;
        let lo = nibble(pair[1]).ok_or(SignatureError::BadDigest)?;
        out[i] = hi << 4 | lo;
    }
    Ok(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Lower-case hex of a digest: what the simulator puts in the header it sends.
pub fn header_value(digest: &[u8; 32]) -> String {
    let mut s = String::with_capacity(PREFIX.len() + 64);
    s.push_str(PREFIX);
    for b in digest {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 0x0f)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::SignatureError::*;
    use super::*;

    // HMAC-SHA256 of "The quick brown fox jumps over the lazy dog" under the key "key"
    // (the well-known test vector), as Meta would send it.
    const GOOD: &str = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    #[test]
    fn parses_a_well_formed_header() {
        let d = parse_signature(Some(GOOD)).unwrap();
        assert_eq!(d[0], 0xf7);
        assert_eq!(d[31], 0xd8);
        assert_eq!(header_value(&d), GOOD, "round trip");
        assert_eq!(parse_signature(Some(&GOOD.to_uppercase().replace("SHA256=", "sha256="))), Ok(d));
        assert_eq!(parse_signature(Some(&format!(" {GOOD}\t"))), Ok(d));
    }

    #[test]
    fn rejects_anything_else() {
        let hex = &GOOD[7..];
        assert_eq!(parse_signature(None), Err(Missing));
        assert_eq!(parse_signature(Some("")), Err(Missing));
        assert_eq!(parse_signature(Some("   ")), Err(Missing));
        assert_eq!(parse_signature(Some(hex)), Err(WrongScheme));
        assert_eq!(parse_signature(Some(&format!("sha1={hex}"))), Err(WrongScheme));
        assert_eq!(parse_signature(Some(&format!("SHA256={hex}"))), Err(WrongScheme));
        assert_eq!(parse_signature(Some(&format!("sha256= {hex}"))), Err(BadDigest));
        assert_eq!(parse_signature(Some(&GOOD[..70])), Err(BadDigest), "63 digits");
        assert_eq!(parse_signature(Some(&format!("{GOOD}0"))), Err(BadDigest), "65 digits");
        assert_eq!(parse_signature(Some(&format!("sha256={}g", &hex[..63]))), Err(BadDigest));
        assert_eq!(parse_signature(Some(&format!("sha256={}é", &hex[..62]))), Err(BadDigest), "multibyte");
        assert_eq!(parse_signature(Some(&format!("{GOOD},sha256={hex}"))), Err(BadDigest), "two values");
        assert!(BadDigest.to_string().contains("64 hex"));
    }
}
