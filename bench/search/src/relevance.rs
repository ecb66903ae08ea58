//! The relevance set's `first=` lines (crates/search/tests/relevance.tsv): queries whose first
//! result must be one named organisation, checked on every engine at full scale.

use hiroba_domain::codes::CorporateNumber;

const SET: &str = include_str!("../../../crates/search/tests/relevance.tsv");

#[derive(Debug, Clone)]
pub struct Case {
    pub query: String,
    pub first: String,
}

/// The cases, with `{corp:BASE}` written out as the 法人番号 with its check digit.
pub fn cases() -> Vec<Case> {
    SET.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let query = cols.next()?;
            let first = cols.next()?.strip_prefix("first=")?;
            Some(Case {
                query: corporate_numbers(query),
                first: first.to_owned(),
            })
        })
        .collect()
}

fn corporate_numbers(query: &str) -> String {
    let mut out = query.to_owned();
    while let Some(start) = out.find("{corp:") {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let base = &out[start + 6..start + len];
        let number = base
            .parse::<u64>()
            .ok()
            .and_then(CorporateNumber::from_base)
            .map(|n| n.to_string())
            .unwrap_or_else(|| base.to_owned());
        out.replace_range(start..=start + len, &number);
    }
    out
}
