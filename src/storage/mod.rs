//! Content-addressed file storage behind a trait: a directory under `data/` now, an
//! S3-compatible bucket later. Files are named by the SHA-256 of their bytes, so the same
//! upload is stored once and a name can never point outside the store.
use sha2::{Digest, Sha256};
use std::io;
use std::path::PathBuf;

pub trait Storage: Send + Sync {
    /// Stores the bytes; returns their hash.
    fn put(&self, bytes: &[u8]) -> io::Result<String>;
    fn get(&self, hash: &str) -> io::Result<Vec<u8>>;
    fn exists(&self, hash: &str) -> bool;
}

pub fn hash_of(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Only well-formed hashes become paths.
pub fn valid_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

#[derive(Clone, Debug)]
pub struct DirStorage {
    root: PathBuf,
}

impl DirStorage {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirStorage { root: root.into() }
    }

    fn path(&self, hash: &str) -> io::Result<PathBuf> {
        if !valid_hash(hash) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file hash"));
        }
        Ok(self.root.join(&hash[..2]).join(&hash[2..]))
    }
}

impl Storage for DirStorage {
    fn put(&self, bytes: &[u8]) -> io::Result<String> {
        let hash = hash_of(bytes);
        let path = self.path(&hash)?;
        if !path.exists() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            // Write to a temporary name first so a crash never leaves half a file under the hash.
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)?;
        }
        Ok(hash)
    }

    fn get(&self, hash: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(hash)?)
    }

    fn exists(&self, hash: &str) -> bool {
        self.path(hash).map(|p| p.exists()).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_by_content_and_refuses_bad_names() {
        let dir = std::env::temp_dir().join(format!("pd-store-{}", std::process::id()));
        let s = DirStorage::new(&dir);
        let h = s.put(b"hello").unwrap();
        assert_eq!(h, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(s.put(b"hello").unwrap(), h);
        assert_eq!(s.get(&h).unwrap(), b"hello");
        assert!(s.exists(&h));
        assert!(s.get("../../etc/passwd").is_err());
        assert!(!s.exists("ABC"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
