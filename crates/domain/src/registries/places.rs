//! Finding the municipality at the start of an address written as text (the NPO list gives no
//! codes): the longest municipality name of the prefecture that the address starts with.

use crate::codes::MunicipalityCode;
use crate::prefectures::{PREFECTURES, PrefectureCode};
use std::collections::HashMap;

/// Municipality names by prefecture, longest first.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    names: HashMap<u8, Vec<(String, MunicipalityCode)>>,
}

/// An address split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub prefecture: Option<PrefectureCode>,
    pub municipality: Option<MunicipalityCode>,
    /// What follows the municipality (or the whole address after the prefecture).
    pub street: String,
}

impl Gazetteer {
    /// From (code, name) pairs as the municipality list keeps them. Wards are known by their
    /// full name ("岡山市北区") and, when the list gives only "北区", by the city's name plus it.
    pub fn new(entries: impl IntoIterator<Item = (MunicipalityCode, String)>) -> Gazetteer {
        let entries: Vec<(MunicipalityCode, String)> = entries.into_iter().collect();
        let by_code: HashMap<MunicipalityCode, &str> =
            entries.iter().map(|(c, n)| (*c, n.as_str())).collect();
        let mut names: HashMap<u8, Vec<(String, MunicipalityCode)>> = HashMap::new();
        for (code, name) in &entries {
            if code.is_prefecture() || name.is_empty() {
                continue;
            }
            let list = names.entry(code.prefecture().get()).or_default();
            list.push((name.clone(), *code));
            if let Some(city) = code.parent_city().and_then(|p| by_code.get(&p))
                && !name.starts_with(city)
            {
                list.push((format!("{city}{name}"), *code));
            }
        }
        for list in names.values_mut() {
            list.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
        }
        Gazetteer { names }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Splits `address`; `prefecture` is the one known from elsewhere (the 所轄庁), used when
    /// the address does not name one, and `authority` a designated city whose wards the
    /// address may start with ("北区表町…" filed with 岡山市).
    pub fn locate(
        &self,
        address: &str,
        prefecture: Option<PrefectureCode>,
        authority: &str,
    ) -> Located {
        let address = address.trim();
        let named = PREFECTURES
            .iter()
            .find(|p| address.starts_with(p.name_ja))
            .and_then(|p| Some((PrefectureCode::new(p.code)?, p.name_ja.len())));
        let (prefecture, rest) = match named {
            Some((p, len)) => (Some(p), address[len..].trim_start()),
            None => (prefecture, address),
        };
        let Some(pref) = prefecture else {
            return Located {
                prefecture: None,
                municipality: None,
                street: rest.to_owned(),
            };
        };
        let list = self
            .names
            .get(&pref.get())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let found = list
            .iter()
            .find(|(name, _)| rest.starts_with(name.as_str()))
            .map(|(name, code)| (*code, &rest[name.len()..]))
            .or_else(|| {
                // "北区…" under 岡山市: try the authority's name in front.
                let with_city = format!("{}{rest}", authority.trim());
                list.iter()
                    .find(|(name, _)| {
                        name.len() > authority.trim().len() && with_city.starts_with(name.as_str())
                    })
                    .map(|(name, code)| {
                        (
                            *code,
                            &rest[(name.len() - authority.trim().len()).min(rest.len())..],
                        )
                    })
            });
        match found {
            Some((code, street)) => Located {
                prefecture: Some(pref),
                municipality: Some(code),
                street: street.trim_start().to_owned(),
            },
            None => Located {
                prefecture: Some(pref),
                municipality: None,
                street: rest.to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> MunicipalityCode {
        MunicipalityCode::parse(s).unwrap()
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::new([
            (code("330001"), "岡山県".to_owned()),
            (code("331007"), "岡山市".to_owned()),
            (code("331015"), "北区".to_owned()),
            (code("332020"), "倉敷市".to_owned()),
            (code("271004"), "大阪市".to_owned()),
            (code("271276"), "大阪市北区".to_owned()),
        ])
    }

    #[test]
    fn finds_the_municipality_and_the_street() {
        let g = gazetteer();
        let okayama = PrefectureCode::new(33);
        let l = g.locate("岡山県倉敷市阿知1-2-3", None, "岡山県");
        assert_eq!(l.municipality, Some(code("332020")));
        assert_eq!(l.street, "阿知1-2-3");
        let l = g.locate("岡山市北区表町1丁目4-64", okayama, "岡山市");
        assert_eq!(l.municipality, Some(code("331015")), "ward before city");
        let l = g.locate("北区表町1丁目4-64", okayama, "岡山市");
        assert_eq!(
            l.municipality,
            Some(code("331015")),
            "ward of the authority"
        );
        assert_eq!(l.street, "表町1丁目4-64");
        let l = g.locate("大阪府大阪市北区梅田1-1", None, "大阪市");
        assert_eq!(l.municipality, Some(code("271276")));
        assert_eq!(l.prefecture.map(|p| p.get()), Some(27));
        let l = g.locate("どこか1-1", okayama, "岡山県");
        assert_eq!((l.municipality, l.street.as_str()), (None, "どこか1-1"));
        let l = g.locate("千代田区1-1", None, "内閣府");
        assert_eq!(l.prefecture, None);
    }
}
