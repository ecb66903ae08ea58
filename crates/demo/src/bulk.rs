//! Many organisations, fast, for benchmarks: the demo's vocabulary (names from place words,
//! themes and suffixes with their readings; missions and activities of the theme; the
//! gazetteer's municipalities; legal forms and ★ levels in the demo's proportions) without
//! profiles, files, validation or a database. Deterministic for a seed. Names repeat now and
//! then, as they do among a million real groups, but never copy a hand-written organisation's
//! name or 法人番号, so queries about those have one right answer.

use crate::gazetteer::{PLACES, Place};
use crate::generator::{Generator, NameParts};
use crate::themes::{FRIENDLY, GENERAL, THEMES};
use hiroba_domain::codes::CorporateNumber;
use hiroba_domain::kana::to_katakana;
use hiroba_domain::legal_forms::LegalForm;
use rand::RngExt;
use std::collections::HashSet;

/// One generated organisation, in plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOrganisation {
    /// As registered, with the legal form in front (e.g. "特定非営利活動法人 …").
    pub name: String,
    /// The reading in katakana, as registries keep it; some small groups give none.
    pub kana: Option<String>,
    pub legal_form: LegalForm,
    pub corporate_number: Option<String>,
    pub prefecture: u8,
    /// The 6-digit municipality code (with its check digit).
    pub municipality: u32,
    pub municipality_name: &'static str,
    pub mission: Option<&'static str>,
    pub description: Option<String>,
    pub activity_fields: Vec<u8>,
    pub sdgs: Vec<u8>,
    /// The ★ level (0–5) its profile is meant to reach.
    pub level: u8,
    pub days_since_update: u32,
}

/// `n` organisations for `seed`.
pub fn organisations(seed: u64, n: usize) -> Bulk {
    let hand_written = crate::hand_written::hand_written();
    Bulk {
        g: Generator::new(seed),
        remaining: n,
        serial: 0,
        reserved_names: hand_written.iter().map(|d| d.input.name.clone()).collect(),
        reserved_numbers: hand_written
            .iter()
            .map(|d| d.input.corporate_number.clone())
            .filter(|n| !n.is_empty())
            .collect(),
        codes: PLACES
            .iter()
            .map(|p| crate::code(p).to_string().parse().expect("six digits"))
            .collect(),
    }
}

pub struct Bulk {
    g: Generator,
    remaining: usize,
    /// 法人番号 are numbered rather than drawn: no set of a million numbers to keep unique.
    serial: u64,
    reserved_names: HashSet<String>,
    reserved_numbers: HashSet<String>,
    /// Municipality codes, by position in the gazetteer.
    codes: Vec<u32>,
}

impl Bulk {
    /// Whether a requirement of the ★ rubric is met, as `profiles::plan` decides it on
    /// average: always below the level, mostly at the next one, sometimes beyond.
    fn meets(&mut self, item_level: u8, level: u8) -> bool {
        if item_level < level {
            true
        } else if item_level == level {
            self.g.chance(0.77)
        } else {
            self.g.chance(0.45)
        }
    }

    /// A name that sounds local, made more varied than the demo's (a million names from a
    /// few hundred words): a friendly word or a neighbouring place word in front now and then.
    fn name(
        &mut self,
        code: &str,
        place: &'static Place,
        theme: &crate::themes::Theme,
    ) -> NameParts {
        let place_word = *self.g.pick(place.6);
        let mut name = self.g.core_name(code, place_word, theme);
        let front = match self.g.rng.random_range(0..10) {
            0..4 => None,
            4..7 => Some(*self.g.pick(FRIENDLY)),
            _ => {
                let neighbour = self.g.place();
                Some(*self.g.pick(neighbour.6)).filter(|w| w.0 != place_word.0)
            }
        };
        if let Some((w, r, ro)) = front {
            name = NameParts {
                written: format!("{w}{}", name.written),
                reading: format!("{r}{}", name.reading),
                romaji: format!("{ro}-{}", name.romaji),
            };
        }
        name
    }

    fn corporate_number(&mut self, prefecture: u8, form: LegalForm) -> String {
        let kind = if form == LegalForm::StockCompany {
            1
        } else {
            5
        };
        loop {
            let office: u64 = self.g.registry_office(prefecture).parse().expect("digits");
            let base = office * 100_000_000 + kind * 1_000_000 + self.serial % 1_000_000;
            self.serial += 1;
            let number = CorporateNumber::from_base(base)
                .expect("12 digits")
                .to_string();
            if !self.reserved_numbers.contains(&number) {
                return number;
            }
        }
    }
}

impl Iterator for Bulk {
    type Item = BulkOrganisation;

    fn next(&mut self) -> Option<BulkOrganisation> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let code = self.g.legal_form();
        let form = LegalForm::parse(code).expect("known form");
        let place = self.g.place();
        let place_index = PLACES
            .iter()
            .position(|p| std::ptr::eq(p, place))
            .expect("a gazetteer entry");
        let theme = self.g.pick(THEMES);
        let (name, full) = loop {
            let name = self.name(code, place, theme);
            let full = match Generator::prefix(code) {
                "" => name.written.clone(),
                prefix => format!("{prefix} {}", name.written),
            };
            if !self.reserved_names.contains(&full) {
                break (name, full);
            }
        };
        let level = self.g.level(form);
        let company = matches!(form, LegalForm::StockCompany | LegalForm::GodoKaisha);
        let corporate_number = (form.is_incorporated() && self.meets(0, level))
            .then(|| self.corporate_number(place.0, form));
        let kana = (level >= 1 || self.g.chance(0.5)).then(|| to_katakana(&name.reading));
        // Mission, activities and fields are ★2 requirements.
        let mission = self.meets(1, level).then(|| *self.g.pick(theme.missions));
        let description = self.meets(1, level).then(|| {
            let n = self.g.rng.random_range(1..=theme.activities.len());
            let mut paras: Vec<&str> = theme.activities[..n].to_vec();
            paras.push(*self.g.pick(GENERAL));
            paras.join("\n\n")
        });
        let activity_fields = if !self.meets(1, level) {
            Vec::new()
        } else if company {
            vec![3]
        } else {
            let mut fields = theme.fields.to_vec();
            if self.g.chance(0.25) {
                let extra = self.g.rng.random_range(1..=20u8);
                if !fields.contains(&extra) {
                    fields.push(extra);
                }
            }
            fields
        };
        let sdgs = if level >= 2 || self.g.chance(0.4) {
            theme.sdgs.to_vec()
        } else {
            Vec::new()
        };
        let days_since_update = match level {
            5 => self.g.rng.random_range(0..60),
            4 => self.g.rng.random_range(0..120),
            3 => self.g.rng.random_range(10..300),
            2 => self.g.rng.random_range(30..500),
            _ => self.g.rng.random_range(60..1200),
        };
        Some(BulkOrganisation {
            name: full,
            kana,
            legal_form: form,
            corporate_number,
            prefecture: place.0,
            municipality: self.codes[place_index],
            municipality_name: place.2,
            mission,
            description,
            activity_fields,
            sdgs,
            level,
            days_since_update,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_varied_and_clear_of_the_hand_written() {
        let a: Vec<BulkOrganisation> = organisations(7, 5000).collect();
        assert_eq!(a, organisations(7, 5000).collect::<Vec<_>>());
        assert_ne!(a[..50], organisations(8, 50).collect::<Vec<_>>()[..]);
        let names: HashSet<&str> = a.iter().map(|o| o.name.as_str()).collect();
        assert!(names.len() > 4500, "{} distinct names", names.len());
        let numbers: Vec<&String> = a
            .iter()
            .filter_map(|o| o.corporate_number.as_ref())
            .collect();
        assert_eq!(numbers.len(), numbers.iter().collect::<HashSet<_>>().len());
        let reserved = crate::hand_written::hand_written();
        for d in &reserved {
            assert!(!names.contains(d.input.name.as_str()));
        }
        let forms: HashSet<LegalForm> = a.iter().map(|o| o.legal_form).collect();
        assert!(forms.len() >= 12);
        assert!(a.iter().any(|o| o.kana.is_none()) && a.iter().any(|o| o.description.is_some()));
    }
}
