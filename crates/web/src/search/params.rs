//! The search parameters shared by the search pages and `/api/v1/search`. Everything arrives as
//! text (so nothing typed into a URL fails before it is read), then each value is checked and
//! a problem names its parameter. Chosen filters are kept as the index's values
//! ([`Filters`]) and turned back into URL values for links.

use hiroba_domain::activity_fields::activity_field;
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::kana::nfkc;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::sdgs::sdg_goal;
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_search::Facet;
use hiroba_search::document::{legal_form_code, legal_form_from_code};
use hiroba_search::query::MAX_QUERY_CHARS;
use hiroba_search::request::Filters;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// The query string of a search. The pages read the first group; the API reads them all.
/// A filter given several times matches any of its values (`pref=33&pref=34`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to look for (all must match), "quoted phrases", legal forms such as NPO法人 or ㈱,
    /// or a 13-digit 法人番号. Empty: every organisation, most ★ first.
    pub q: Option<String>,
    /// Prefecture of the office: code `01`–`47` or a name such as `岡山県`.
    pub pref: Vec<String>,
    /// Municipality of the office: 6-digit code with check digit; a designated city includes its wards.
    pub muni: Vec<String>,
    /// Activity field, 1–20.
    pub field: Vec<String>,
    /// SDG goal, 1–17.
    pub sdg: Vec<String>,
    /// Legal form code, e.g. `npo`, `general_association` (see /vocabularies).
    pub form: Vec<String>,
    /// Minimum ★ disclosure level, 1–5.
    pub level: Option<String>,
    /// Minimum certification step, 1–3.
    pub cert: Option<String>,
    /// 1-based page number (pages of `limit` results); ignored when `offset` is given.
    pub page: Option<String>,
    /// API only: results to skip, 0–10000.
    pub offset: Option<String>,
    /// API only: results per page, 1–100 (default 20).
    pub limit: Option<String>,
    /// API only: only organisations listed in this portal (its slug).
    pub portal: Option<String>,
    /// API only: facets to count, comma-separated (`prefecture`, `municipality`, `activity_field`,
    /// `sdg`, `legal_form`, `level`, `certification`, `portal`) or `all`. Default: none.
    pub facets: Vec<String>,
    /// Language of messages: `ja` (default) or `en`.
    pub lang: Option<String>,
}

/// The facets a person can narrow a search by, with their parameter names, in the order the
/// page shows them.
pub const FILTERS: [(Facet, &str); 7] = [
    (Facet::Prefecture, "pref"),
    (Facet::Municipality, "muni"),
    (Facet::ActivityField, "field"),
    (Facet::Sdg, "sdg"),
    (Facet::LegalForm, "form"),
    (Facet::Level, "level"),
    (Facet::Certification, "cert"),
];

/// The URL parameter of a facet.
pub fn param_of(facet: Facet) -> &'static str {
    FILTERS
        .iter()
        .find(|(f, _)| *f == facet)
        .map(|(_, p)| *p)
        .unwrap_or("portal")
}

/// Reads one URL value of a facet into the index's value.
pub fn parse_value(facet: Facet, raw: &str) -> Result<u64, Invalid> {
    let s = nfkc(raw.trim());
    let number = |max: u8, known: &dyn Fn(u8) -> bool| -> Result<u64, Invalid> {
        let n: u8 = s.parse().map_err(|_| Invalid::NotANumber)?;
        if known(n) {
            Ok(u64::from(n))
        } else {
            Err(Invalid::OutOfRange {
                min: 1,
                max: i64::from(max),
            })
        }
    };
    match facet {
        Facet::Prefecture => PrefectureCode::parse(&s).map(|p| u64::from(p.get())),
        Facet::Municipality => {
            let code = MunicipalityCode::parse(&s)?;
            code.to_string().parse().map_err(|_| Invalid::NotANumber)
        }
        Facet::ActivityField => number(20, &|n| activity_field(n).is_some()),
        Facet::Sdg => number(17, &|n| sdg_goal(n).is_some()),
        Facet::LegalForm => LegalForm::parse(&s.to_ascii_lowercase()).map(legal_form_code),
        Facet::Level => number(5, &|n| (1..=5).contains(&n)),
        Facet::Certification => {
            let s = s.to_ascii_lowercase();
            number(3, &|n| (1..=3).contains(&n)).or_else(|e| {
                s.strip_prefix("step")
                    .map_or(Err(e), |n| parse_value(facet, n))
            })
        }
        // Portals are chosen by slug, looked up by the caller.
        Facet::Portal => Err(Invalid::UnknownChoice),
    }
}

/// The URL value of an index value (the inverse of [`parse_value`]).
pub fn url_value(facet: Facet, value: u64) -> String {
    match facet {
        Facet::Prefecture => format!("{value:02}"),
        Facet::Municipality => format!("{value:06}"),
        Facet::LegalForm => legal_form_from_code(value)
            .map(|f| f.code().to_owned())
            .unwrap_or_default(),
        _ => value.to_string(),
    }
}

/// The values chosen for a facet.
pub fn chosen(f: &Filters, facet: Facet) -> Vec<u64> {
    match facet {
        Facet::Prefecture => f.prefecture.clone(),
        Facet::Municipality => f.municipality.clone(),
        Facet::ActivityField => f.activity_field.clone(),
        Facet::Sdg => f.sdg.clone(),
        Facet::LegalForm => f.legal_form.clone(),
        Facet::Level => f.min_level.map(u64::from).into_iter().collect(),
        Facet::Certification => f.min_certification.map(u64::from).into_iter().collect(),
        Facet::Portal => f.portal.clone(),
    }
}

/// Replaces the values chosen for a facet (level and certification keep the highest).
pub fn choose(f: &mut Filters, facet: Facet, values: Vec<u64>) {
    let most = || {
        values
            .iter()
            .max()
            .map(|v| (*v).min(u64::from(u8::MAX)) as u8)
    };
    match facet {
        Facet::Prefecture => f.prefecture = values,
        Facet::Municipality => f.municipality = values,
        Facet::ActivityField => f.activity_field = values,
        Facet::Sdg => f.sdg = values,
        Facet::LegalForm => f.legal_form = values,
        Facet::Level => f.min_level = most(),
        Facet::Certification => f.min_certification = most(),
        Facet::Portal => f.portal = values,
    }
}

/// What was asked: the text and the filters that could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Asked {
    pub text: String,
    pub filters: Filters,
}

fn raw_values(p: &SearchParams, facet: Facet) -> Vec<String> {
    let one = |v: &Option<String>| v.iter().cloned().collect::<Vec<_>>();
    match facet {
        Facet::Prefecture => p.pref.clone(),
        Facet::Municipality => p.muni.clone(),
        Facet::ActivityField => p.field.clone(),
        Facet::Sdg => p.sdg.clone(),
        Facet::LegalForm => p.form.clone(),
        Facet::Level => one(&p.level),
        Facet::Certification => one(&p.cert),
        Facet::Portal => one(&p.portal),
    }
}

/// Reads the text and the filters. Values that cannot be read are left out and reported, each
/// under its parameter's name; empty values mean "any".
pub fn read(p: &SearchParams) -> (Asked, FieldErrors) {
    let mut errors = FieldErrors::new();
    let mut filters = Filters::default();
    for (facet, name) in FILTERS {
        let mut values = Vec::new();
        for raw in raw_values(p, facet) {
            if raw.trim().is_empty() {
                continue;
            }
            match parse_value(facet, &raw) {
                Ok(v) if !values.contains(&v) => values.push(v),
                Ok(_) => {}
                Err(e) => errors.push(name, e),
            }
        }
        choose(&mut filters, facet, values);
    }
    let text = p.q.clone().unwrap_or_default().trim().to_owned();
    (Asked { text, filters }, errors)
}

impl Asked {
    /// Whether anything was asked at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.filters.is_empty()
    }

    /// The text as far as the search reads it (links and the box carry no more).
    pub fn text_read(&self) -> String {
        self.text.chars().take(MAX_QUERY_CHARS).collect()
    }

    /// The chosen filters as URL pairs, in a stable order.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        for (facet, name) in FILTERS {
            for v in chosen(&self.filters, facet) {
                pairs.push((name, url_value(facet, v)));
            }
        }
        pairs
    }

    /// `base` with this query and page `n` (page 1 is left out).
    pub fn href(&self, base: &str, n: u64) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text_read()));
        }
        pairs.extend(self.filter_pairs());
        if n > 1 {
            pairs.push(("page", n.to_string()));
        }
        if pairs.is_empty() {
            base.to_owned()
        } else {
            format!(
                "{base}?{}",
                serde_html_form::to_string(&pairs).unwrap_or_default()
            )
        }
    }

    /// The same query without one value of one facet.
    pub fn without(&self, facet: Facet, value: u64) -> Asked {
        let mut out = self.clone();
        let rest = chosen(&self.filters, facet)
            .into_iter()
            .filter(|v| *v != value)
            .collect();
        choose(&mut out.filters, facet, rest);
        out
    }
}

/// A designated city stands for itself and its wards (as in the organisation lists): the index
/// holds each office's own code, so the city's code is widened to every ward's.
pub fn with_wards(codes: &[u64]) -> Vec<u64> {
    let mut out = Vec::new();
    for value in codes {
        out.push(*value);
        let Ok(code) = MunicipalityCode::parse(&format!("{value:06}")) else {
            continue;
        };
        if code.city_part() == 100 {
            out.extend(
                (101..=199u16)
                    .filter_map(|ward| MunicipalityCode::from_parts(code.prefecture(), ward))
                    .filter_map(|w| w.to_string().parse::<u64>().ok()),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &str) -> SearchParams {
        serde_html_form::from_str(pairs).unwrap()
    }

    #[test]
    fn reads_values_in_every_spelling_and_reports_the_rest() {
        let (asked, errors) = read(&params(
            "q=+%E5%AD%90%E3%81%A9%E3%82%82+&pref=33&pref=%E4%BA%AC%E9%83%BD%E5%BA%9C&pref=33&muni=331007&field=%EF%BC%91%EF%BC%93&form=NPO&level=3&cert=step2&sdg=99&muni=123",
        ));
        assert_eq!(asked.text, "子ども");
        assert_eq!(asked.filters.prefecture, vec![33, 26], "duplicates dropped");
        assert_eq!(asked.filters.municipality, vec![331007]);
        assert_eq!(asked.filters.activity_field, vec![13], "full-width digits");
        assert_eq!(
            asked.filters.legal_form,
            vec![legal_form_code(LegalForm::Npo)]
        );
        assert_eq!(asked.filters.min_level, Some(3));
        assert_eq!(asked.filters.min_certification, Some(2));
        assert!(asked.filters.sdg.is_empty());
        let bad: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(bad, ["muni", "sdg"]);
    }

    #[test]
    fn links_round_trip() {
        let (asked, _) = read(&params("q=a+b&pref=1&form=npo&level=2&muni=011002"));
        let href = asked.href("/search", 3);
        assert_eq!(
            href,
            "/search?q=a+b&pref=01&muni=011002&form=npo&level=2&page=3"
        );
        let query = href.split_once('?').unwrap().1;
        assert_eq!(read(&params(query)).0, asked);
        assert_eq!(
            asked.without(Facet::Prefecture, 1).href("/search", 1),
            "/search?q=a+b&muni=011002&form=npo&level=2"
        );
        assert_eq!(Asked::default().href("/search", 1), "/search");
    }

    #[test]
    fn a_designated_city_includes_its_wards() {
        let codes = with_wards(&[331007, 332020]);
        assert!(codes.contains(&331007) && codes.contains(&331015) && codes.contains(&332020));
        assert_eq!(codes.len(), 2 + 99);
        assert_eq!(with_wards(&[332020]), vec![332020]);
    }
}
