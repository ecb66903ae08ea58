//! Secrets: password hashing (Argon2id), random tokens and their digests, constant-time
//! comparison. Pure computation over bytes; no storage and no web types, so the web layer and
//! the command line share one implementation.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[derive(Debug, PartialEq, Eq)]
pub struct HashError;

impl std::fmt::Display for HashError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("password hashing failed")
    }
}

impl std::error::Error for HashError {}

/// Argon2id with the crate's defaults (OWASP's recommended m=19 MiB, t=2, p=1), as a PHC
/// string that records its own parameters, so they can be raised later without breaking
/// existing hashes.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| HashError)
}

/// Whether `password` matches `phc`; an unreadable hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Spends the time a real verification would, for sign-ins with an unknown address, so that
/// response time does not reveal whether an account exists.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not a real password").expect("hashing works"));
    let _ = verify_password(password, dummy);
}

/// 32 random bytes from the operating system, URL-safe base64 (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token (sessions, API tokens, e-mailed links): SHA-256, hex. A leaked
/// table gives no usable tokens; tokens are random, so no salt or slow hash is needed.
pub fn digest(token: &str) -> String {
    let hash = Sha256::digest(token.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A personal API token: `hiroba_` and a random part. The prefix shown in lists (first 12
/// characters) identifies it without revealing it.
pub struct ApiToken {
    pub secret: String,
    pub display_prefix: String,
}

pub const API_TOKEN_PREFIX: &str = "hiroba_";

pub fn new_api_token() -> ApiToken {
    let secret = format!("{API_TOKEN_PREFIX}{}", new_token());
    ApiToken {
        display_prefix: secret.chars().take(12).collect(),
        secret,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("とても長い合言葉 correct horse").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("とても長い合言葉 correct horse", &h));
        assert!(!verify_password("とても長い合言葉 correct hors", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_ne!(
            h,
            hash_password("とても長い合言葉 correct horse").unwrap(),
            "salted"
        );
        verify_against_nothing("anything");
    }

    #[test]
    fn tokens_are_random_and_digested() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &new_token()));
        assert!(!constant_time_eq("a", "ab"));
        let t = new_api_token();
        assert!(t.secret.starts_with("hiroba_") && t.secret.starts_with(&t.display_prefix));
    }
}
