//! The links that download what a list or a search shows, as open data.

/// CSV for Excel (UTF-8 with BOM), CSV in Shift_JIS, and JSON Lines, of the same query.
#[derive(Debug, Clone)]
pub struct Downloads {
    pub csv: String,
    pub sjis: String,
    pub jsonl: String,
}

impl Downloads {
    /// `href` is the page's own link (path and query, no page number); `.csv` and `.jsonl`
    /// go after the path.
    pub fn of(href: &str) -> Downloads {
        let (path, query) = match href.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (href, None),
        };
        let with = |ext: &str, extra: Option<&str>| {
            let parts: Vec<&str> = query.into_iter().chain(extra).collect();
            if parts.is_empty() {
                format!("{path}.{ext}")
            } else {
                format!("{path}.{ext}?{}", parts.join("&"))
            }
        };
        Downloads {
            csv: with("csv", None),
            sjis: with("csv", Some("encoding=sjis")),
            jsonl: with("jsonl", None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_query() {
        let d = Downloads::of("/p/okayama/search?q=%E5%AD%90&pref=33");
        assert_eq!(d.csv, "/p/okayama/search.csv?q=%E5%AD%90&pref=33");
        assert_eq!(
            d.sjis,
            "/p/okayama/search.csv?q=%E5%AD%90&pref=33&encoding=sjis"
        );
        assert_eq!(d.jsonl, "/p/okayama/search.jsonl?q=%E5%AD%90&pref=33");
        let d = Downloads::of("/p/okayama/organisations");
        assert_eq!(d.sjis, "/p/okayama/organisations.csv?encoding=sjis");
    }
}
