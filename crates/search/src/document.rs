//! What gets indexed: a flat document built by the caller from the database.

use crate::schema::Fields;
use chrono::{DateTime, Utc};
use hiroba_domain::legal_forms::{LEGAL_FORMS, LegalForm};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

/// The kinds of thing the index holds. Only organisations are indexed today; the others are
/// reserved so their codes never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Organisation,
    Event,
    Grant,
    Volunteering,
    Post,
}

impl DocKind {
    pub fn code(self) -> u64 {
        match self {
            DocKind::Organisation => 1,
            DocKind::Event => 2,
            DocKind::Grant => 3,
            DocKind::Volunteering => 4,
            DocKind::Post => 5,
        }
    }

    pub fn from_code(code: u64) -> Option<DocKind> {
        Some(match code {
            1 => DocKind::Organisation,
            2 => DocKind::Event,
            3 => DocKind::Grant,
            4 => DocKind::Volunteering,
            5 => DocKind::Post,
            _ => return None,
        })
    }

    /// The name used in the outbox table.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Organisation => "organisation",
            DocKind::Event => "event",
            DocKind::Grant => "grant",
            DocKind::Volunteering => "volunteering",
            DocKind::Post => "post",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        [
            DocKind::Organisation,
            DocKind::Event,
            DocKind::Grant,
            DocKind::Volunteering,
            DocKind::Post,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDocument {
    pub kind: DocKind,
    pub id: i64,
    pub name: String,
    /// Reading in kana (any script or width).
    pub reading: String,
    pub mission: String,
    pub body: String,
    pub place: String,
    pub corporate_number: Option<String>,
    pub prefecture: Option<u8>,
    pub municipality: Option<u32>,
    pub legal_form: Option<LegalForm>,
    pub level: u8,
    pub certification: u8,
    pub activity_fields: Vec<u8>,
    pub sdgs: Vec<u8>,
    pub portals: Vec<i64>,
    pub updated_at: DateTime<Utc>,
}

/// The position of a legal form in the domain's table, as stored in the index.
pub fn legal_form_code(form: LegalForm) -> u64 {
    LEGAL_FORMS.iter().position(|i| i.form == form).unwrap_or(0) as u64
}

pub fn legal_form_from_code(code: u64) -> Option<LegalForm> {
    LEGAL_FORMS.get(code as usize).map(|i| i.form)
}

pub fn key(kind: DocKind, id: i64) -> String {
    format!("{}:{id}", kind.code())
}

/// ★ in the top bits, then certification, then the day of the last update: larger is better.
pub fn rank(level: u8, certification: u8, updated_at: DateTime<Utc>) -> u64 {
    let day = (updated_at.timestamp().max(0) / 86_400) as u64;
    (u64::from(level.min(7)) << 40)
        | (u64::from(certification.min(15)) << 36)
        | (day & 0xF_FFFF_FFFF)
}

impl SearchDocument {
    pub(crate) fn to_tantivy(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.key, key(self.kind, self.id));
        d.add_u64(f.kind, self.kind.code());
        d.add_u64(f.id, self.id.max(0) as u64);
        d.add_text(f.name, &self.name);
        d.add_text(f.name_chars, &self.name);
        d.add_text(f.reading, &self.reading);
        d.add_text(f.mission, &self.mission);
        d.add_text(f.body, &self.body);
        // Line breaks end a run of kanji and kana, so no bigram spans two texts.
        d.add_text(
            f.all,
            [
                self.name.as_str(),
                &self.reading,
                &self.mission,
                &self.body,
                &self.place,
            ]
            .join("\n"),
        );
        if let Some(n) = &self.corporate_number {
            d.add_text(f.corporate_number, n);
        }
        d.add_u64(f.prefecture, self.prefecture.map(u64::from).unwrap_or(0));
        d.add_u64(
            f.municipality,
            self.municipality.map(u64::from).unwrap_or(0),
        );
        if let Some(form) = self.legal_form {
            d.add_u64(f.legal_form, legal_form_code(form));
        }
        d.add_u64(f.level, u64::from(self.level));
        d.add_u64(f.certification, u64::from(self.certification));
        let bits = |values: &[u8]| {
            values
                .iter()
                .filter(|v| **v < 64)
                .fold(0u64, |m, v| m | (1u64 << v))
        };
        d.add_u64(f.activity_field_mask, bits(&self.activity_fields));
        d.add_u64(f.sdg_mask, bits(&self.sdgs));
        for a in &self.activity_fields {
            d.add_u64(f.activity_field, u64::from(*a));
        }
        for s in &self.sdgs {
            d.add_u64(f.sdg, u64::from(*s));
        }
        for p in &self.portals {
            d.add_u64(f.portal, (*p).max(0) as u64);
        }
        d.add_u64(
            f.rank,
            rank(self.level, self.certification, self.updated_at),
        );
        d
    }
}
