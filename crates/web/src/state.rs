use hiroba_i18n::I18n;
use hiroba_store::Store;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;

/// Settings the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public URL of the site without a trailing slash, for absolute links (JSON-LD, API).
    pub base_url: String,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
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
    pub metrics: PrometheusHandle,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self(Arc::new(Inner {
            store,
            i18n: I18n::new(),
            config,
            metrics: crate::ops::metrics_handle(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
