use crate::kana::nfkc;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A contact e-mail address, checked against the WHATWG "valid e-mail address" rule (what
/// browsers accept in `<input type=email>`), after folding full-width input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        // Japanese IMEs often leave the address full-width (ｉｎｆｏ＠…).
        let s = nfkc(input.trim());
        if s.is_empty() || s.len() > 254 {
            return Err(Invalid::EmailFormat);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(Invalid::EmailFormat)?;
        let local_ok = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
        if !local_ok || !valid_domain(domain) || !domain.contains('.') {
            return Err(Invalid::EmailFormat);
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn valid_domain(domain: &str) -> bool {
    !domain.is_empty()
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// A public web address: http or https with a host name. A missing scheme means https, because
/// people paste "www.example.jp".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Website(String);

impl Website {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = nfkc(input.trim());
        if s.len() > 2000 || s.chars().any(char::is_whitespace) {
            return Err(Invalid::UrlFormat);
        }
        let with_scheme = if s.contains("://") {
            s
        } else {
            format!("https://{s}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| Invalid::UrlFormat)?;
        let host_ok = match url.host() {
            Some(url::Host::Domain(d)) => d.contains('.') && valid_domain(d),
            _ => false,
        };
        if !matches!(url.scheme(), "http" | "https") || !host_ok {
            return Err(Invalid::UrlFormat);
        }
        Ok(Self(url.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Website {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Website {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

impl From<Website> for String {
    fn from(w: Website) -> String {
        w.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("ｉｎｆｏ＠Example.OR.JP").unwrap().as_str(),
            "info@example.or.jp"
        );
        assert!(Email::parse("jimukyoku+web@npo-okayama.jp").is_ok());
        for bad in [
            "",
            "info",
            "info@",
            "@example.jp",
            "in fo@example.jp",
            "info@localhost",
            "info@-x.jp",
            "情報@example.jp",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailFormat), "{bad}");
        }
    }

    #[test]
    fn websites() {
        assert_eq!(
            Website::parse("www.example.or.jp").unwrap().as_str(),
            "https://www.example.or.jp/"
        );
        assert_eq!(
            Website::parse("http://example.jp/about?x=1")
                .unwrap()
                .as_str(),
            "http://example.jp/about?x=1"
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.jp",
            "http://localhost",
            "exa mple.jp",
            "https://",
        ] {
            assert_eq!(Website::parse(bad), Err(Invalid::UrlFormat), "{bad}");
        }
    }
}
