//! Configuration: built-in defaults, then a TOML file, then `HIROBA_*` environment variables,
//! then command-line flags, each overriding the one before.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Address to listen on.
    pub listen: String,
    /// `sqlite://…` or `postgres://…`; empty means a SQLite file in `data_dir`.
    pub database_url: String,
    /// Where the SQLite file (and, later, uploads and the search index) live.
    pub data_dir: PathBuf,
    /// Public URL of the site, for absolute links; empty means `http://{listen}`.
    pub base_url: String,
    /// Mark cookies Secure (serve over HTTPS).
    pub secure_cookies: bool,
    /// Database connections per process.
    pub db_max_connections: u32,
    /// `text` or `json`.
    pub log_format: String,
    /// A tracing filter, e.g. `info` or `info,hiroba_web=debug`.
    pub log: String,
    /// `file` (write .eml files to `mail_dir`) or `smtp`.
    pub mail_transport: String,
    /// Where `file` mail goes; empty means `{data_dir}/mail`.
    pub mail_dir: String,
    /// Where uploaded documents and logos are kept; empty means `{data_dir}/files`. With several
    /// app nodes this must be a shared directory.
    pub files_dir: String,
    /// This process's own search index; empty means `{data_dir}/search`. Each app node needs
    /// its own (on local disk): it is rebuilt from the database when missing.
    pub search_dir: String,
    /// The sender of every message.
    pub mail_from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `starttls`, `tls` or `none`.
    pub smtp_security: String,
    pub smtp_username: String,
    pub smtp_password: String,
    /// A session ends after this many minutes without a request…
    pub session_idle_minutes: u64,
    /// …and at the latest this many days after sign-in.
    pub session_days: u64,
    /// Take client addresses from X-Forwarded-For (only behind a proxy you trust).
    pub trust_forwarded_for: bool,
    /// `/api/v1` requests allowed per client address without an API token, per window (0: no
    /// limit).
    pub api_rate_limit: u32,
    /// `/api/v1` requests allowed per account with a personal API token, per window (0: no
    /// limit).
    pub api_token_rate_limit: u32,
    /// The window of both API limits, in seconds.
    pub api_rate_window_secs: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            database_url: String::new(),
            data_dir: PathBuf::from("data"),
            base_url: String::new(),
            secure_cookies: false,
            db_max_connections: 8,
            log_format: "text".into(),
            log: "info".into(),
            mail_transport: "file".into(),
            mail_dir: String::new(),
            files_dir: String::new(),
            search_dir: String::new(),
            mail_from: "ひろば Hiroba <noreply@hiroba.localhost>".into(),
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_security: "starttls".into(),
            smtp_username: String::new(),
            smtp_password: String::new(),
            session_idle_minutes: 12 * 60,
            session_days: 14,
            trust_forwarded_for: false,
            api_rate_limit: 600,
            api_token_rate_limit: 6000,
            api_rate_window_secs: 600,
        }
    }
}

/// Values given on the command line; unset ones leave lower layers alone.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<String>,
}

/// The file named by `--config`, else `HIROBA_CONFIG`, else `hiroba.toml` if present.
pub fn config_file(flag: Option<&Path>, env: Option<String>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| env.filter(|s| !s.is_empty()).map(PathBuf::from))
        .or_else(|| {
            Path::new("hiroba.toml")
                .exists()
                .then(|| PathBuf::from("hiroba.toml"))
        })
}

pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Settings, Box<figment::Error>> {
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    if let Some(path) = file {
        if !path.exists() {
            return Err(Box::new(figment::Error::from(format!(
                "configuration file {} not found",
                path.display()
            ))));
        }
        figment = figment.merge(Toml::file(path));
    }
    figment
        .merge(Env::prefixed("HIROBA_").ignore(&["config", "test_database_url"]))
        .merge(Serialized::globals(overrides))
        .extract()
        .map_err(Box::new)
}

impl Settings {
    /// The database URL, defaulting to a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}", self.data_dir.join("hiroba.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn files_dir(&self) -> PathBuf {
        if self.files_dir.trim().is_empty() {
            self.data_dir.join("files")
        } else {
            PathBuf::from(&self.files_dir)
        }
    }

    /// The file store these settings describe.
    pub fn files(&self) -> std::sync::Arc<dyn hiroba_files::FileStore> {
        std::sync::Arc::new(hiroba_files::LocalFiles::new(self.files_dir()))
    }

    pub fn search_dir(&self) -> PathBuf {
        if self.search_dir.trim().is_empty() {
            self.data_dir.join("search")
        } else {
            PathBuf::from(&self.search_dir)
        }
    }

    pub fn mail_dir(&self) -> PathBuf {
        if self.mail_dir.trim().is_empty() {
            self.data_dir.join("mail")
        } else {
            PathBuf::from(&self.mail_dir)
        }
    }

    /// The mailer these settings describe.
    pub fn mailer(&self) -> Result<hiroba_mail::Mailer, String> {
        match self.mail_transport.as_str() {
            "file" => hiroba_mail::Mailer::to_folder(self.mail_dir(), &self.mail_from)
                .map_err(|e| e.to_string()),
            "smtp" => {
                if self.smtp_host.trim().is_empty() {
                    return Err("mail_transport = \"smtp\" needs smtp_host".into());
                }
                let security =
                    hiroba_mail::Security::parse(&self.smtp_security).ok_or_else(|| {
                        format!(
                            "smtp_security must be starttls, tls or none, not {:?}",
                            self.smtp_security
                        )
                    })?;
                let settings = hiroba_mail::SmtpSettings {
                    host: self.smtp_host.clone(),
                    port: self.smtp_port,
                    security,
                    username: Some(self.smtp_username.clone()).filter(|s| !s.is_empty()),
                    password: Some(self.smtp_password.clone()).filter(|s| !s.is_empty()),
                };
                hiroba_mail::Mailer::smtp(&settings, &self.mail_from).map_err(|e| e.to_string())
            }
            other => Err(format!(
                "mail_transport must be file or smtp, not {other:?}"
            )),
        }
    }

    pub fn web_config(&self, base_url: String) -> hiroba_web::WebConfig {
        hiroba_web::WebConfig {
            base_url,
            secure_cookies: self.secure_cookies,
            session_idle: std::time::Duration::from_secs(self.session_idle_minutes.max(1) * 60),
            session_absolute: std::time::Duration::from_secs(self.session_days.max(1) * 24 * 3600),
            trust_forwarded_for: self.trust_forwarded_for,
            api_limits: hiroba_web::ApiLimits {
                anonymous: self.api_rate_limit,
                token: self.api_token_rate_limit,
                window_secs: i64::from(self.api_rate_window_secs),
            },
        }
    }

    pub fn base_url(&self, bound: &std::net::SocketAddr) -> String {
        if self.base_url.trim().is_empty() {
            format!("http://{bound}")
        } else {
            self.base_url.trim_end_matches('/').to_owned()
        }
    }
}

#[cfg(test)]
// figment's Jail fixes the closures' error type (figment::Error, which is large).
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn layers_override_in_order() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "site.toml",
                "listen = \"0.0.0.0:9000\"\nlog = \"debug\"\nbase_url = \"https://file.example\"\ndb_max_connections = 3\n",
            )?;
            // File over defaults.
            let s = load(Some(Path::new("site.toml")), &Overrides::default()).unwrap();
            assert_eq!(s.listen, "0.0.0.0:9000");
            assert_eq!(s.db_max_connections, 3);
            assert_eq!(s.log_format, "text", "defaults fill the rest");
            // Environment over file.
            jail.set_env("HIROBA_LISTEN", "127.0.0.1:9100");
            jail.set_env("HIROBA_LOG", "warn");
            let s = load(Some(Path::new("site.toml")), &Overrides::default()).unwrap();
            assert_eq!(s.listen, "127.0.0.1:9100");
            assert_eq!(s.log, "warn");
            assert_eq!(s.base_url, "https://file.example");
            // Flags over environment.
            let flags = Overrides {
                listen: Some("127.0.0.1:9200".into()),
                ..Default::default()
            };
            let s = load(Some(Path::new("site.toml")), &flags).unwrap();
            assert_eq!(s.listen, "127.0.0.1:9200");
            assert_eq!(s.log, "warn");
            Ok(())
        });
    }

    #[test]
    fn a_missing_file_and_bad_values_are_reported() {
        assert!(
            load(
                Some(Path::new("/nonexistent/hiroba.toml")),
                &Overrides::default()
            )
            .is_err()
        );
        figment::Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "db_max_connections = \"many\"\n")?;
            let err = load(Some(Path::new("bad.toml")), &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("db_max_connections"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn api_limits_reach_the_web_layer() {
        let web = Settings::default().web_config("https://x.example".into());
        assert_eq!(web.api_limits, hiroba_web::ApiLimits::default());
        assert_eq!(web.api_limits.anonymous, 600);
        figment::Jail::expect_with(|jail| {
            jail.set_env("HIROBA_API_RATE_LIMIT", "0");
            jail.set_env("HIROBA_API_TOKEN_RATE_LIMIT", "100");
            jail.set_env("HIROBA_API_RATE_WINDOW_SECS", "60");
            let s = load(None, &Overrides::default()).unwrap();
            let limits = s.web_config(String::new()).api_limits;
            assert_eq!(
                limits,
                hiroba_web::ApiLimits {
                    anonymous: 0,
                    token: 100,
                    window_secs: 60
                }
            );
            Ok(())
        });
    }

    #[test]
    fn database_url_defaults_to_the_data_dir() {
        let s = Settings {
            data_dir: PathBuf::from("/srv/hiroba"),
            ..Default::default()
        };
        assert_eq!(s.database_url(), "sqlite:///srv/hiroba/hiroba.db");
        let addr: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(s.base_url(&addr), "http://127.0.0.1:8080");
    }
}
