//! Random tokens for cookies and one-time links, stored only as SHA-256 digests.
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn new_token() -> String {
    random_id(32)
}

/// `bytes` random bytes from the OS, URL-safe base64 (request ids, nonces, tokens).
pub fn random_id(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

pub fn digest(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    URL_SAFE_NO_PAD.encode(d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_unique_and_digest_stable() {
        let a = super::new_token();
        let b = super::new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(super::digest(&a), super::digest(&a));
        assert_ne!(super::digest(&a), a);
    }
}
