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
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            session_idle: Duration::from_secs(12 * 3600),
            session_absolute: Duration::from_secs(14 * 24 * 3600),
            trust_forwarded_for: false,
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
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
