//! Facet counts with names in both languages, shared by the search page (which shows one
//! language) and the API (which gives both, like the rest of its labels).

use super::params::{chosen, param_of, url_value};
use crate::AppState;
use crate::errors::AppResult;
use crate::page::Tr;
use crate::views::places::Places;
use hiroba_domain::activity_fields::activity_field;
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::sdgs::sdg_goal;
use hiroba_i18n::Lang;
use hiroba_search::Facet;
use hiroba_search::document::legal_form_from_code;
use hiroba_search::facets::Counts;
use hiroba_search::request::Filters;

/// One value of a facet.
#[derive(Debug, Clone)]
pub struct FacetValue {
    /// As written in URLs (`33`, `331007`, `npo`…).
    pub value: String,
    /// As stored in the index.
    pub raw: u64,
    /// Matching results; for ★ and certification, those at this value or above.
    pub count: u64,
    pub selected: bool,
    pub name_ja: String,
    pub name_en: String,
}

impl FacetValue {
    pub fn name(&self, lang: Lang) -> &str {
        if lang.is_english() {
            &self.name_en
        } else {
            &self.name_ja
        }
    }
}

#[derive(Debug, Clone)]
pub struct FacetGroup {
    pub facet: Facet,
    /// The URL parameter that chooses its values.
    pub param: &'static str,
    pub values: Vec<FacetValue>,
}

/// ★ and certification are chosen as "at least": count each value with those above it.
fn at_least(counts: &[(u64, u64)], max: u64) -> Vec<(u64, u64)> {
    (1..=max)
        .map(|n| {
            let sum = counts.iter().filter(|(v, _)| *v >= n).map(|(_, c)| c).sum();
            (n, sum)
        })
        .collect()
}

/// Facet counts (as a search answers them), named, with every chosen value present (so it can
/// be unchosen even when nothing matches it).
pub async fn label(
    state: &AppState,
    counted: &[(Facet, Counts)],
    filters: &Filters,
) -> AppResult<Vec<FacetGroup>> {
    let ja = Tr::new(Lang::Ja, &state.i18n);
    let en = Tr::new(Lang::En, &state.i18n);
    // Names of the municipalities counted or chosen, and of portals, in one query each.
    let mut codes: Vec<MunicipalityCode> = Vec::new();
    let mut wants_portals = false;
    for (facet, counts) in counted {
        match facet {
            Facet::Municipality => codes.extend(
                counts
                    .iter()
                    .map(|(v, _)| *v)
                    .chain(filters.municipality.iter().copied())
                    .filter_map(|v| MunicipalityCode::parse(&format!("{v:06}")).ok()),
            ),
            Facet::Portal => wants_portals = true,
            _ => {}
        }
    }
    codes.sort();
    codes.dedup();
    let places = Places::new(state.store.municipalities().by_codes(&codes).await?);
    let portals = if wants_portals {
        state.store.portals().list().await?
    } else {
        Vec::new()
    };

    let mut groups = Vec::new();
    for (facet, counts) in counted {
        let facet = *facet;
        let counts: Vec<(u64, u64)> = match facet {
            Facet::Level => at_least(counts, 5),
            Facet::Certification => at_least(counts, 3),
            _ => counts.clone(),
        };
        let picked = chosen(filters, facet);
        let mut entries: Vec<(u64, u64)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
        for v in &picked {
            if !entries.iter().any(|(e, _)| e == v) {
                entries.push((*v, 0));
            }
        }
        let mut values: Vec<FacetValue> = entries
            .into_iter()
            .filter_map(|(raw, count)| {
                let (name_ja, name_en) = match facet {
                    Facet::Prefecture => {
                        let p = PrefectureCode::new(u8::try_from(raw).ok()?)?.info();
                        (p.name_ja.to_owned(), p.name_en.to_owned())
                    }
                    Facet::Municipality => {
                        let code = MunicipalityCode::parse(&format!("{raw:06}")).ok()?;
                        (places.area_name(&ja, &code), places.area_name(&en, &code))
                    }
                    Facet::ActivityField => {
                        let f = activity_field(u8::try_from(raw).ok()?)?;
                        (f.name_ja.to_owned(), f.name_en.to_owned())
                    }
                    Facet::Sdg => {
                        let g = sdg_goal(u8::try_from(raw).ok()?)?;
                        (
                            format!("{} {}", g.code, g.name_ja),
                            format!("{} {}", g.code, g.name_en),
                        )
                    }
                    Facet::LegalForm => {
                        let info = legal_form_from_code(raw)?.info();
                        (info.short_ja.to_owned(), info.name_en.to_owned())
                    }
                    Facet::Level => (
                        ja.tn("filter-level-option", "level", raw as i64),
                        en.tn("filter-level-option", "level", raw as i64),
                    ),
                    Facet::Certification => (
                        ja.tn("filter-certification-option", "step", raw as i64),
                        en.tn("filter-certification-option", "step", raw as i64),
                    ),
                    Facet::Portal => {
                        let p = portals.iter().find(|p| p.id.max(0) as u64 == raw)?;
                        (p.settings.name_ja.clone(), p.settings.name_en.clone())
                    }
                };
                Some(FacetValue {
                    value: match facet {
                        Facet::Portal => portals
                            .iter()
                            .find(|p| p.id.max(0) as u64 == raw)
                            .map(|p| p.settings.slug.to_string())
                            .unwrap_or_default(),
                        _ => url_value(facet, raw),
                    },
                    raw,
                    count,
                    selected: picked.contains(&raw),
                    name_ja,
                    name_en,
                })
            })
            .collect();
        // Places, fields and forms in their usual order; municipalities and portals by size.
        match facet {
            Facet::Municipality | Facet::Portal => {
                values.sort_by(|a, b| b.count.cmp(&a.count).then(a.raw.cmp(&b.raw)))
            }
            _ => values.sort_by_key(|v| v.raw),
        }
        groups.push(FacetGroup {
            facet,
            param: param_of(facet),
            values,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_count_everything_at_or_above() {
        assert_eq!(
            at_least(&[(0, 4), (2, 3), (5, 1)], 5),
            vec![(1, 4), (2, 4), (3, 1), (4, 1), (5, 1)]
        );
    }
}
