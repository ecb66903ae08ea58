//! Starting and ending sessions, and limiting attempts.

use super::{SESSION_COOKIE, cookies, csrf};
use crate::AppState;
use crate::errors::AppResult;
use axum::http::{HeaderMap, HeaderValue, header};
use chrono::Utc;
use std::net::{IpAddr, SocketAddr};

/// Cookies to set for a new session: the session itself, and a fresh CSRF token (so a token
/// planted before sign-in is worthless after it).
pub async fn start_session(
    state: &AppState,
    user_id: i64,
    user_agent: Option<&str>,
) -> AppResult<Vec<HeaderValue>> {
    let token = hiroba_auth::new_token();
    let now = Utc::now();
    let absolute = state.config.session_absolute;
    let expires = now + chrono::Duration::from_std(absolute).unwrap_or(chrono::Duration::days(14));
    state
        .store
        .sessions()
        .create(
            &hiroba_auth::digest(&token),
            user_id,
            now,
            expires,
            user_agent,
        )
        .await?;
    state.store.users().record_sign_in(user_id).await?;
    let secure = state.config.secure_cookies;
    Ok(vec![
        cookies::set(SESSION_COOKIE, &token, absolute.as_secs(), secure),
        cookies::set(
            csrf::COOKIE,
            &hiroba_auth::new_token(),
            365 * 24 * 3600,
            secure,
        ),
    ])
}

/// Cookies that end the session in the browser.
pub fn end_session_cookies(state: &AppState) -> Vec<HeaderValue> {
    vec![cookies::clear(SESSION_COOKIE, state.config.secure_cookies)]
}

pub fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The client's address: the socket peer, or, behind one trusted proxy, the last
/// `X-Forwarded-For` entry. That entry is the one the proxy appended; earlier ones come from
/// the client and could be forged to dodge rate limits.
pub fn client_ip(
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    trust_forwarded_for: bool,
) -> String {
    let forwarded = headers
        .get("x-forwarded-for")
        .filter(|_| trust_forwarded_for)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse::<IpAddr>().ok());
    if let Some(ip) = forwarded {
        return ip.to_string();
    }
    peer.map(|p| p.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Attempts allowed per window.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window_secs: i64,
}

pub const SIGNIN_PER_ACCOUNT: Limit = Limit {
    name: "signin-account",
    max: 5,
    window_secs: 15 * 60,
};
pub const SIGNIN_PER_ADDRESS: Limit = Limit {
    name: "signin-ip",
    max: 20,
    window_secs: 15 * 60,
};
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max: 3,
    window_secs: 3600,
};
pub const RESET_PER_ADDRESS: Limit = Limit {
    name: "reset-ip",
    max: 10,
    window_secs: 3600,
};
pub const SIGNUP_PER_ADDRESS: Limit = Limit {
    name: "signup-ip",
    max: 10,
    window_secs: 3600,
};
pub const MAIL_PER_ACCOUNT: Limit = Limit {
    name: "mail-account",
    max: 5,
    window_secs: 3600,
};

/// The longest window above: rate-limit rows older than this can be swept.
pub const LONGEST_WINDOW_SECS: i64 = {
    let all = [
        SIGNIN_PER_ACCOUNT,
        SIGNIN_PER_ADDRESS,
        RESET_PER_ACCOUNT,
        RESET_PER_ADDRESS,
        SIGNUP_PER_ADDRESS,
        MAIL_PER_ACCOUNT,
    ];
    let mut longest = 0;
    let mut i = 0;
    while i < all.len() {
        if all[i].window_secs > longest {
            longest = all[i].window_secs;
        }
        i += 1;
    }
    longest
};

fn key(limit: Limit, subject: &str) -> String {
    format!("{}:{}", limit.name, subject.trim().to_lowercase())
}

/// Seconds to wait if the limit is already reached, without counting an attempt.
pub async fn blocked(state: &AppState, limit: Limit, subject: &str) -> AppResult<Option<i64>> {
    let now = Utc::now();
    let hits = state
        .store
        .rate_limits()
        .hits(&key(limit, subject), limit.window_secs, now)
        .await?;
    Ok((hits >= limit.max)
        .then(|| hiroba_store::rate_limits::RateLimits::retry_after(limit.window_secs, now)))
}

/// Counts one attempt against each limit in turn; stops at the first that is already reached
/// and returns the seconds to wait.
pub async fn attempt(state: &AppState, limits: &[(Limit, &str)]) -> AppResult<Result<(), i64>> {
    for &(limit, subject) in limits {
        if let Some(wait) = blocked(state, limit, subject).await? {
            return Ok(Err(wait));
        }
        count(state, limit, subject).await?;
    }
    Ok(Ok(()))
}

/// Counts an attempt.
pub async fn count(state: &AppState, limit: Limit, subject: &str) -> AppResult<()> {
    state
        .store
        .rate_limits()
        .hit(&key(limit, subject), limit.window_secs, Utc::now())
        .await?;
    Ok(())
}

pub async fn forget(state: &AppState, limit: Limit, subject: &str) -> AppResult<()> {
    state
        .store
        .rate_limits()
        .clear(&key(limit, subject))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_window_covers_every_limit() {
        assert_eq!(LONGEST_WINDOW_SECS, 3600);
    }

    #[test]
    fn client_address() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("198.51.100.9, 203.0.113.7"),
        );
        let peer: SocketAddr = "10.0.0.1:5000".parse().unwrap();
        assert_eq!(
            client_ip(&h, Some(peer), true),
            "203.0.113.7",
            "forged first hop ignored"
        );
        assert_eq!(
            client_ip(&h, Some(peer), false),
            "10.0.0.1",
            "untrusted header ignored"
        );
        assert_eq!(client_ip(&HeaderMap::new(), None, false), "unknown");
    }
}
