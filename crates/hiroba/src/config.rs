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
