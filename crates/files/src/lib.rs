//! Where uploaded files (documents per fiscal year, logos) are kept.
//!
//! The application holds an `Arc<dyn FileStore>` and never learns where bytes live. The
//! database records the key, the size and the SHA-256 returned by [`FileStore::put`], and
//! decides who may read a file: keys are unguessable, but they are not an access control.
//! Officer and member lists must still be checked against the record before serving.
//!
//! Today there is one implementation, [`LocalFiles`], a directory on disk. With several app
//! nodes that directory must be shared (NFS or similar, mounted at the same path everywhere);
//! otherwise a file uploaded through one node is missing on the others.
//!
//! An S3-compatible store (AWS, Sakura, Wasabi, MinIO, …) slots in as another implementation
//! of the same trait: `put` is a PutObject (objects only ever appear whole, so no temp-file
//! dance), `get` a GetObject mapping 404 to `None`, `delete` a DeleteObject (already
//! idempotent). Keys are checked by [`check_key`] to use only `[a-z0-9/_.-]`, so they are valid
//! S3 object keys as they are, without encoding, and files can be copied between the two
//! stores with their keys unchanged.

mod local;

use std::future::Future;
use std::pin::Pin;

use sha2::{Digest, Sha256};

pub use local::LocalFiles;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("invalid file key {0:?}")]
    InvalidKey(String),
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = FileError> = std::result::Result<T, E>;

/// A boxed future, so that [`FileStore`] stays usable as `dyn FileStore`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What was stored: to be recorded next to the file's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex: lets an operator verify backups and spot
    /// identical re-uploads.
    pub sha256: String,
}

impl Stored {
    fn of(key: &str, bytes: &[u8]) -> Self {
        Self {
            key: key.to_owned(),
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }
}

pub trait FileStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing what was there. Readers see the old file or the
    /// new one, never a part.
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> BoxFuture<'a, Result<Stored>>;

    /// `None` when nothing is stored under `key`.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>>;

    /// Removing a file that is not there is not an error, so retries are safe.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<()>>;

    /// For logs at start-up, e.g. "local files in data/files".
    fn describe(&self) -> String;
}

const MAX_KEY_LEN: usize = 200;

/// Keys are checked on every call, whichever store: this is what keeps a key inside the
/// store's root and valid for S3.
pub fn check_key(key: &str) -> Result<()> {
    let charset_ok = key.bytes().all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'/' | b'_' | b'.' | b'-')
    });
    let segments_ok = key
        .split('/')
        .all(|s| !s.is_empty() && s != "." && s != "..");
    // An empty first segment also rules out a leading "/".
    if key.is_empty() || key.len() > MAX_KEY_LEN || !charset_ok || !segments_ok {
        return Err(FileError::InvalidKey(key.to_owned()));
    }
    Ok(())
}

/// A fresh key such as `documents/3f/a2/3fa2…c1.pdf`.
///
/// 128 random bits: a key cannot be guessed from another one, so one leaked link does not
/// lead to the next year's 名簿. Two levels of two hex digits spread files over 65,536
/// directories, so none grows large enough to slow listings and backups. `prefix` and
/// `kind_extension` should themselves be valid key parts (`documents`, `pdf`); if not, `put`
/// will refuse the key.
pub fn new_key(prefix: &str, kind_extension: &str) -> String {
    let name = random_hex(16);
    let prefix = prefix.trim_matches('/');
    let shards = format!("{}/{}/{name}.{kind_extension}", &name[..2], &name[2..4]);
    if prefix.is_empty() {
        shards
    } else {
        format!("{prefix}/{shards}")
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system provides randomness");
    hex(&buf)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_keys_pass() {
        for key in [
            "documents/3f/a2/3fa2c1.pdf",
            "logos/ab/cd/abcd.webp",
            "x.pdf",
            "a_b-c/d.e.f",
        ] {
            assert!(check_key(key).is_ok(), "{key}");
        }
    }

    #[test]
    fn bad_keys_are_rejected() {
        let long = "a".repeat(MAX_KEY_LEN + 1);
        for key in [
            "",
            "../x",
            "a/../../x",
            "/abs",
            "a//b",
            "a/",
            "A.PDF",
            "a/./b",
            ".",
            "..",
            "a\\b",
            "a b",
            "報告書.pdf",
            "a~1.tmp",
            "a\0b",
            long.as_str(),
        ] {
            assert!(
                matches!(check_key(key), Err(FileError::InvalidKey(k)) if k == key),
                "{key:?} should be rejected"
            );
        }
        assert!(check_key(&"a".repeat(MAX_KEY_LEN)).is_ok());
    }

    #[test]
    fn new_keys_are_sharded_random_and_valid() {
        let key = new_key("documents", "pdf");
        let parts: Vec<&str> = key.split('/').collect();
        assert_eq!(parts.len(), 4, "{key}");
        assert_eq!(parts[0], "documents");
        let (name, ext) = parts[3].split_once('.').unwrap();
        assert_eq!(ext, "pdf");
        assert_eq!(name.len(), 32, "128 bits in hex");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_eq!(parts[1], &name[..2]);
        assert_eq!(parts[2], &name[2..4]);
        assert!(check_key(&key).is_ok());

        let keys: std::collections::HashSet<String> =
            (0..1000).map(|_| new_key("logos", "png")).collect();
        assert_eq!(keys.len(), 1000);
        assert!(keys.iter().all(|k| check_key(k).is_ok()));
    }

    #[test]
    fn new_key_tolerates_slashes_around_or_no_prefix() {
        assert!(new_key("/documents/", "pdf").starts_with("documents/"));
        let bare = new_key("", "pdf");
        assert_eq!(bare.split('/').count(), 3);
        assert!(check_key(&bare).is_ok());
        assert!(check_key(&new_key("org/12/documents", "pdf")).is_ok());
    }

    #[test]
    fn sha256_matches_known_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
