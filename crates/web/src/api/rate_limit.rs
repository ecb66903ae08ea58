//! Rate limits on `/api/v1`, counted in the shared database (the `rate_limits` table), so they
//! hold across any number of app nodes.
//!
//! - Without a valid API token, requests are counted per client address (the socket peer, or
//!   the address a trusted proxy reports; see `auth::signin::client_ip`); IPv6 per /64.
//! - With a valid personal API token, they are counted per account against a separate, higher
//!   limit, so that people who identify themselves are not held back by others on their network.
//!
//! Every counted response carries `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
//! (seconds until the window ends) and `RateLimit-Policy` (IETF httpapi draft); beyond the limit
//! the answer is `429 Too Many Requests` with `Retry-After` and a problem body. The limit must
//! never take the API down: if the count cannot be written in time, the request goes through.

use crate::AppState;
use crate::auth::Auth;
use crate::errors::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use hiroba_store::rate_limits::RateLimits;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Duration;

pub const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
pub const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
pub const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");
pub const POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// The headers a rendered error keeps from the response it replaces.
pub const HEADERS: [HeaderName; 4] = [LIMIT, REMAINING, RESET, POLICY];

/// The longest the count may take before the request goes through uncounted.
const STORE_TIMEOUT: Duration = Duration::from_millis(500);

/// Keys this process already knows to be over their limit, with the end of their window (Unix
/// seconds): further requests in that window are refused without writing to the database, so
/// a client hammering the API costs no database work.
#[derive(Default)]
pub struct Blocked(Mutex<HashMap<String, i64>>);

impl Blocked {
    fn until(&self, key: &str, now: i64) -> Option<i64> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key).copied().filter(|end| *end > now)
    }

    fn block(&self, key: String, end: i64, now: i64) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= 10_000 {
            map.retain(|_, e| *e > now);
        }
        map.insert(key, end);
    }
}

/// Which limit applies to a request, and whose count it adds to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub key: String,
    pub max: u32,
    pub window_secs: i64,
}

/// Whose count an address adds to: an IPv4 address itself, an IPv6 address's /64 (one
/// subscriber's network, whose addresses a client can change at will).
pub fn network(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        _ => ip.to_owned(),
    }
}

/// The limit for a request: per account with a valid token, else per client address. `None`
/// when that limit is off, or the address is unknown (then every client would share one count).
pub fn counted(state: &AppState, auth: Option<&Auth>, ip: &str) -> Option<Counted> {
    let limits = state.config.api_limits;
    let (key, max) = match auth {
        Some(Auth::Token { user, .. }) => (format!("api-token:{}", user.id), limits.token),
        _ if ip == "unknown" => return None,
        _ => (format!("api-ip:{}", network(ip)), limits.anonymous),
    };
    (max > 0 && limits.window_secs > 0).then_some(Counted {
        key,
        max,
        window_secs: limits.window_secs,
    })
}

fn number(n: impl ToString) -> HeaderValue {
    HeaderValue::from_str(&n.to_string()).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

fn describe(headers: &mut HeaderMap, c: &Counted, remaining: u32, reset: i64) {
    headers.insert(LIMIT, number(c.max));
    headers.insert(REMAINING, number(remaining));
    headers.insert(RESET, number(reset.max(0)));
    headers.insert(POLICY, number(format!("{};w={}", c.max, c.window_secs)));
}

/// The middleware; see the module documentation.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/v1/") {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ip =
        crate::auth::signin::client_ip(request.headers(), peer, state.config.trust_forwarded_for);
    let Some(c) = counted(&state, request.extensions().get::<Auth>(), &ip) else {
        return next.run(request).await;
    };
    let now = Utc::now();
    let reset = RateLimits::retry_after(c.window_secs, now);
    if state.api_blocked.until(&c.key, now.timestamp()).is_some() {
        return too_many(&c, reset);
    }
    let limits = state.store.rate_limits();
    let counting = limits.hit(&c.key, c.window_secs, now);
    let hits = match tokio::time::timeout(STORE_TIMEOUT, counting).await {
        Ok(Ok(hits)) => hits,
        Ok(Err(error)) => {
            tracing::warn!(%error, key = %c.key, "API rate limit not counted");
            return next.run(request).await;
        }
        Err(_) => {
            tracing::warn!(key = %c.key, "API rate limit not counted in time");
            return next.run(request).await;
        }
    };
    if hits > c.max {
        state
            .api_blocked
            .block(c.key.clone(), now.timestamp() + reset, now.timestamp());
        return too_many(&c, reset);
    }
    let mut response = next.run(request).await;
    describe(response.headers_mut(), &c, c.max - hits, reset);
    response
}

fn too_many(c: &Counted, reset: i64) -> Response {
    tracing::debug!(key = %c.key, "API rate limit reached");
    let mut response = AppError::TooManyRequests {
        retry_after: reset.max(1),
    }
    .into_response();
    let h = response.headers_mut();
    describe(h, c, 0, reset);
    h.insert(header::RETRY_AFTER, number(reset.max(1)));
    response
}

/// In the OpenAPI document: every operation may answer 429 (this layer), and every GET 304
/// (`http_cache`), with the headers they carry.
pub struct CommonResponses;

impl utoipa::Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::header::HeaderBuilder;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder, Type};
        let integer = |what: &str| {
            HeaderBuilder::new()
                .schema(Some(utoipa::openapi::schema::Object::with_type(
                    Type::Integer,
                )))
                .description(Some(what))
                .build()
        };
        let too_many = ResponseBuilder::new()
            .description("The rate limit is reached (see Retry-After)")
            .header(
                "Retry-After",
                integer("Seconds until requests are accepted again"),
            )
            .header("RateLimit-Limit", integer("Requests allowed per window"))
            .header(
                "RateLimit-Remaining",
                integer("Requests left in this window"),
            )
            .header("RateLimit-Reset", integer("Seconds until the window ends"))
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        let not_modified = ResponseBuilder::new()
            .description("Not Modified: the If-None-Match or If-Modified-Since copy is current")
            .build();
        for item in openapi.paths.paths.values_mut() {
            if let Some(get) = item.get.as_mut() {
                get.responses
                    .responses
                    .entry("304".into())
                    .or_insert_with(|| not_modified.clone().into());
            }
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                op.responses
                    .responses
                    .entry("429".into())
                    .or_insert_with(|| too_many.clone().into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_keys_expire_with_their_window() {
        let b = Blocked::default();
        b.block("api-ip:1".into(), 100, 50);
        assert_eq!(b.until("api-ip:1", 99), Some(100));
        assert_eq!(
            b.until("api-ip:1", 100),
            None,
            "the next window starts afresh"
        );
        assert_eq!(b.until("api-ip:2", 50), None);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(network("192.0.2.1"), "192.0.2.1");
        assert_eq!(network("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(network("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_ne!(network("2001:db8:1:3::1"), network("2001:db8:1:2::1"));
        assert_eq!(network("::ffff:192.0.2.1"), "192.0.2.1");
    }

    #[test]
    fn headers_follow_the_draft() {
        let c = Counted {
            key: "k".into(),
            max: 600,
            window_secs: 600,
        };
        let mut h = HeaderMap::new();
        describe(&mut h, &c, 599, 42);
        assert_eq!(h[LIMIT], "600");
        assert_eq!(h[REMAINING], "599");
        assert_eq!(h[RESET], "42");
        assert_eq!(h[POLICY], "600;w=600");
    }
}
