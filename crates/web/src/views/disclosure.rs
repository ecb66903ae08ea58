//! The ★ level and its checklist, and certification badges, as pages show them.

use crate::page::Tr;
use hiroba_domain::certification::Step;
use hiroba_domain::disclosure::{Assessment, Item, MAX_LEVEL, Requirement};
use hiroba_domain::finances::years;
use hiroba_i18n::Value;
use hiroba_store::certifications::CertificationRecord;

/// ★ drawn as text with its meaning for screen readers.
#[derive(Debug, Clone)]
pub struct Stars {
    pub level: u8,
    /// "★★★☆☆"
    pub glyphs: String,
    /// "情報公開レベル ★3（5段階中）"
    pub label: String,
}

pub fn stars(tr: &Tr<'_>, level: u8) -> Stars {
    let level = level.min(MAX_LEVEL);
    let glyphs: String = (1..=MAX_LEVEL)
        .map(|i| if i <= level { '★' } else { '☆' })
        .collect();
    Stars {
        level,
        glyphs,
        label: tr.tn("disclosure-level-label", "level", i64::from(level)),
    }
}

#[derive(Debug, Clone)]
pub struct ItemView {
    pub level: u8,
    pub label: String,
    pub met: bool,
    /// Where staff fix it.
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct ChecklistView {
    pub stars: Stars,
    /// "Still needed for ★4", if not at the top.
    pub next: Option<String>,
    /// What the next level still needs.
    pub missing: Vec<ItemView>,
    /// Every requirement under its level's heading.
    pub levels: Vec<(String, Vec<ItemView>)>,
}

fn year_label(tr: &Tr<'_>, year: i32) -> String {
    if tr.en() {
        years::label_en(year)
    } else {
        years::label_ja(year)
    }
}

fn join(tr: &Tr<'_>, parts: Vec<String>) -> String {
    parts.join(if tr.en() { ", " } else { "・" })
}

/// The checklist line for one requirement.
pub fn requirement_label(tr: &Tr<'_>, r: &Requirement) -> String {
    let id = format!("disclosure-req-{}", r.code());
    match r {
        Requirement::LatestFinances { year } | Requirement::LatestDocuments { year, .. } => {
            let year = year
                .map(|y| year_label(tr, y))
                .unwrap_or_else(|| "none".into());
            let documents = match r {
                Requirement::LatestDocuments { missing, .. } if !missing.is_empty() => join(
                    tr,
                    missing
                        .iter()
                        .map(|k| tr.t(&format!("document-kind-{}", k.code())))
                        .collect(),
                ),
                _ => String::new(),
            };
            tr.args(
                &id,
                &[
                    ("year", Value::from(year)),
                    ("documents", Value::from(documents)),
                ],
            )
        }
        Requirement::ThreeYears { missing } => {
            let years = join(tr, missing.iter().map(|y| year_label(tr, *y)).collect());
            tr.ts(&id, "years", &years)
        }
        _ => tr.t(&id),
    }
}

/// Where in the editor each requirement is met.
pub fn requirement_href(organisation_id: i64, r: &Requirement) -> String {
    let base = format!("/organisations/{organisation_id}");
    match r {
        Requirement::CorporateNumber
        | Requirement::Representative
        | Requirement::Founded
        | Requirement::FiscalYear => format!("{base}/edit#basic"),
        Requirement::Address => format!("{base}/edit#address"),
        Requirement::Contact | Requirement::Website => format!("{base}/edit#contact"),
        Requirement::Social => format!("{base}/edit#social"),
        Requirement::Mission | Requirement::Activities | Requirement::ActivityFields => {
            format!("{base}/edit#activities")
        }
        Requirement::Figures => format!("{base}/edit#people"),
        Requirement::Programme => format!("{base}/programmes"),
        Requirement::Logo => format!("{base}/manage#logo"),
        Requirement::LatestFinances { .. } | Requirement::ThreeYears { .. } => {
            format!("{base}/reports")
        }
        Requirement::Articles | Requirement::LatestDocuments { .. } => format!("{base}/documents"),
        Requirement::Results => format!("{base}/metrics"),
        Requirement::Reviewed => format!("{base}/manage#review"),
    }
}

fn item(tr: &Tr<'_>, organisation_id: i64, i: &Item) -> ItemView {
    ItemView {
        level: i.level,
        label: requirement_label(tr, &i.requirement),
        met: i.met,
        href: requirement_href(organisation_id, &i.requirement),
    }
}

pub fn checklist(tr: &Tr<'_>, organisation_id: i64, a: &Assessment) -> ChecklistView {
    ChecklistView {
        stars: stars(tr, a.level),
        next: (a.level < MAX_LEVEL)
            .then(|| tr.tn("disclosure-next", "level", i64::from(a.level) + 1)),
        missing: a
            .missing_for_next()
            .into_iter()
            .map(|i| item(tr, organisation_id, i))
            .collect(),
        levels: (1..=MAX_LEVEL)
            .map(|l| {
                (
                    tr.tn("disclosure-level-n", "level", i64::from(l)),
                    a.items
                        .iter()
                        .filter(|i| i.level == l)
                        .map(|i| item(tr, organisation_id, i))
                        .collect(),
                )
            })
            .collect(),
    }
}

/// A certification as a badge or a history line.
#[derive(Debug, Clone)]
pub struct CertificationView {
    pub step: u8,
    pub label: String,
    /// The portal that granted it ("" for STEP1).
    pub portal: String,
    pub portal_href: Option<String>,
    pub granted_on: String,
    pub expires_on: Option<String>,
    pub status: String,
    pub holds: bool,
    pub notes: Option<String>,
    pub granted_by: Option<String>,
    pub end_note: Option<String>,
    pub id: i64,
}

pub fn date(tr: &Tr<'_>, d: chrono::NaiveDate) -> String {
    if tr.en() {
        hiroba_domain::dates::format_en(d)
    } else {
        hiroba_domain::dates::format_ja(d)
    }
}

/// One record; `private` adds the operator's notes and names (for staff and operators).
pub fn certification(
    tr: &Tr<'_>,
    r: &CertificationRecord,
    today: chrono::NaiveDate,
    private: bool,
    portal_slug: Option<&str>,
) -> CertificationView {
    let holds = r.holds_on(today);
    let status = if holds {
        "active"
    } else if r.status == hiroba_domain::certification::Status::Revoked {
        "revoked"
    } else {
        "expired"
    };
    CertificationView {
        step: r.step.number(),
        label: tr.t(&format!("certification-step{}", r.step.number())),
        portal: tr
            .pick(
                r.portal_name_ja.as_deref().unwrap_or(""),
                r.portal_name_en.as_deref().unwrap_or(""),
            )
            .to_owned(),
        portal_href: portal_slug.map(|s| format!("/p/{s}")),
        granted_on: date(tr, r.granted_on),
        expires_on: r.expires_on.map(|d| date(tr, d)),
        status: tr.t(&format!("certification-status-{status}")),
        holds,
        notes: r.notes.clone().filter(|_| private),
        granted_by: r.granted_by.clone().filter(|_| private),
        end_note: r.end_note.clone().filter(|_| private),
        id: r.id,
    }
}

/// The badge text for the highest step held ("認証 STEP2").
pub fn step_badge(tr: &Tr<'_>, step: Option<Step>) -> Option<String> {
    step.map(|s| tr.t(&format!("certification-step{}", s.number())))
}
