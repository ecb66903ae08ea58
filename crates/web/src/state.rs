use hiroba_files::FileStore;
use hiroba_i18n::I18n;
use hiroba_mail::Mailer;
use hiroba_search::Follower;
use hiroba_store::Store;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;
use std::time::Duration;

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public URL of the site without a trailing slash, for absolute links (JSON-LD, API,
    /// e-mails) and for checking the Origin of form posts.
    pub base_url: String,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …and at the latest this long after sign-in.
    pub session_absolute: Duration,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    /// Limits on `/api/v1` requests (see `api::rate_limit`).
    pub api_limits: ApiLimits,
}

/// How many `/api/v1` requests a client may make per window. Zero turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiLimits {
    /// Per client address, for requests without a valid API token.
    pub anonymous: u32,
    /// Per account, for requests with a valid personal API token.
    pub token: u32,
    /// The window both are counted in, in seconds.
    pub window_secs: i64,
}

impl Default for ApiLimits {
    fn default() -> Self {
        Self {
            anonymous: 600,
            token: 6000,
            window_secs: 600,
        }
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            session_idle: Duration::from_secs(12 * 3600),
            session_absolute: Duration::from_secs(14 * 24 * 3600),
            trust_forwarded_for: false,
            api_limits: ApiLimits::default(),
        }
    }
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub i18n: I18n,
    pub config: WebConfig,
    pub mailer: Mailer,
    /// Uploaded documents and logos.
    pub files: Arc<dyn FileStore>,
    pub metrics: PrometheusHandle,
    /// This process's search index and what keeps it in step with the database.
    pub search: Arc<Follower>,
    /// API clients this process already knows to be over their limit.
    pub api_blocked: crate::api::rate_limit::Blocked,
}

impl AppState {
    pub fn new(
        store: Store,
        config: WebConfig,
        mailer: Mailer,
        files: Arc<dyn FileStore>,
        search: Arc<Follower>,
    ) -> Self {
        Self(Arc::new(Inner {
            store,
            i18n: I18n::new(),
            config,
            mailer,
            files,
            metrics: crate::ops::metrics_handle(),
            search,
            api_blocked: Default::default(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
