//! The corpus: the demo's own organisations (so the relevance set can be checked at full
//! scale) followed by generated ones, as the search documents the server would build. Every
//! engine is fed the same documents.

use chrono::{DateTime, Duration, Utc};
use hiroba_demo::bulk::BulkOrganisation;
use hiroba_domain::activity_fields::activity_field;
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::sdgs::sdg_goal;
use hiroba_search::sync::organisation_document;
use hiroba_search::{DocKind, SearchDocument};
use hiroba_store::organisations::Organisation;
use hiroba_store::search_feed::IndexableOrganisation;
use std::collections::HashMap;

pub struct Corpus {
    /// The demo's organisations, ids 1…
    demo: Vec<SearchDocument>,
    seed: u64,
    total: usize,
    now: DateTime<Utc>,
}

impl Corpus {
    /// `total` documents in all (at least the demo's); generated ones drawn with `seed`.
    pub fn new(seed: u64, total: usize) -> Corpus {
        let now = Utc::now();
        let demo = demo_documents(now);
        let total = total.max(demo.len());
        Corpus {
            demo,
            seed,
            total,
            now,
        }
    }

    pub fn len(&self) -> usize {
        self.total
    }

    pub fn demo_len(&self) -> usize {
        self.demo.len()
    }

    /// The generated organisations, in corpus order (for building queries from them).
    pub fn generated(&self) -> hiroba_demo::bulk::Bulk {
        hiroba_demo::bulk::organisations(self.seed, self.total - self.demo.len())
    }

    /// Every document: the demo's, then the generated ones numbered after them. Made before
    /// any load so that generating them takes no CPU from the engines being timed.
    pub fn documents(&self) -> Vec<SearchDocument> {
        let first_generated = self.demo.len() as i64 + 1;
        let mut docs = Vec::with_capacity(self.total);
        docs.extend(self.demo.iter().cloned());
        docs.extend(
            self.generated()
                .enumerate()
                .map(|(i, o)| bulk_document(first_generated + i as i64, &o, self.now)),
        );
        docs
    }
}

/// A generated organisation as `hiroba_search::sync::organisation_document` builds it from a
/// database row: the body carries the description and the names of the activity fields, SDGs
/// and legal form; the place carries the prefecture and municipality names.
pub fn bulk_document(id: i64, o: &BulkOrganisation, now: DateTime<Utc>) -> SearchDocument {
    let mut body: Vec<String> = Vec::new();
    body.extend(o.description.clone());
    for code in &o.activity_fields {
        if let Some(f) = activity_field(*code) {
            body.push(f.name_ja.to_owned());
        }
    }
    for code in &o.sdgs {
        if let Some(g) = sdg_goal(*code) {
            body.push(format!("SDGs {} {}", g.code, g.name_ja));
        }
    }
    body.push(o.legal_form.info().name_ja.to_owned());
    let prefecture = PrefectureCode::new(o.prefecture).map(|p| p.info().name_ja);
    let place: Vec<&str> = prefecture
        .into_iter()
        .chain([o.municipality_name])
        .collect();
    SearchDocument {
        kind: DocKind::Organisation,
        id,
        name: o.name.clone(),
        reading: o.kana.clone().unwrap_or_default(),
        mission: o.mission.unwrap_or_default().to_owned(),
        body: body.join("\n"),
        place: place.join(" "),
        corporate_number: o.corporate_number.clone(),
        prefecture: Some(o.prefecture),
        municipality: Some(o.municipality),
        legal_form: Some(o.legal_form),
        level: o.level,
        certification: 0,
        activity_fields: o.activity_fields.clone(),
        sdgs: o.sdgs.clone(),
        portals: Vec::new(),
        updated_at: now - Duration::days(i64::from(o.days_since_update)),
    }
}

/// The demo's organisations through the server's own document builder.
fn demo_documents(now: DateTime<Utc>) -> Vec<SearchDocument> {
    let data = hiroba_demo::generate(hiroba_demo::DEFAULT_SEED);
    let names: HashMap<String, String> = data
        .municipalities
        .iter()
        .map(|m| (m.code.to_string(), m.name_ja.clone()))
        .collect();
    let mut certification: HashMap<usize, u8> = HashMap::new();
    for c in data.certifications.iter().filter(|c| c.revoked.is_none()) {
        let step = certification.entry(c.organisation).or_default();
        *step = (*step).max(c.step.number());
    }
    data.organisations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let p = &o.profile;
            let updated = now - Duration::days(o.days_since_update);
            let place_names = p
                .address
                .municipality
                .iter()
                .chain(p.activity_areas.iter())
                .filter_map(|c| {
                    names
                        .get(&c.to_string())
                        .map(|n| (c.to_string(), n.clone()))
                })
                .collect();
            let programmes = o
                .content
                .programmes
                .iter()
                .flat_map(|p| {
                    [
                        Some(p.name.clone()),
                        p.description.clone(),
                        p.target_population.clone(),
                    ]
                })
                .flatten()
                .collect();
            organisation_document(&IndexableOrganisation {
                organisation: Organisation {
                    id: i as i64 + 1,
                    profile: p.clone(),
                    logo_key: None,
                    logo_none: false,
                    reviewed_at: None,
                    disclosure_level: o.level,
                    certification: None,
                    origin: hiroba_domain::registries::provenance::Origin::Manual,
                    closure: None,
                    name_en: None,
                    created_at: updated,
                    updated_at: updated,
                },
                portal_ids: Vec::new(),
                programmes,
                place_names,
            })
        })
        .map(|mut d| {
            d.certification = certification
                .get(&(d.id as usize - 1))
                .copied()
                .unwrap_or(0);
            d
        })
        .collect()
}
