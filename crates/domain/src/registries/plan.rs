//! What importing one registry row does to the organisation it names: create it, change it,
//! close or delete it, or nothing. Pure: the stored state in, a [`Plan`] out. The rules:
//!
//! - A value the organisation entered itself is never overwritten (see [`FieldSources`]);
//!   registries fill empty values and keep their own up to date.
//! - Name and address changes are kept as history; a correction (訂正) replaces the value and
//!   is recorded as a correction, not a change.
//! - Comparing before writing makes a second run of the same file change nothing.

use super::RowError;
use super::npo::{CertificationKind, NpoRecord};
use super::nta::{NtaRecord, Process};
use super::places::Located;
use super::provenance::{CloseCause, Closure, Field, FieldSources, Origin, Source};
use crate::activity_fields::ActivityFields;
use crate::ecosystem_roles::EcosystemRoles;
use crate::kana;
use crate::legal_forms::{LegalForm, from_registered_name};
use crate::organisations::{
    AUTHORITY_MAX, Address, Details, KANA_MAX, MISSION_MAX, NAME_MAX, OrganisationProfile,
    PERSON_MAX, STREET_MAX,
};
use crate::sdgs::SdgGoals;
use crate::validation::Invalid;
use chrono::NaiveDate;

/// What imports read and write of a stored organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryState {
    pub profile: OrganisationProfile,
    pub sources: FieldSources,
    pub closure: Option<Closure>,
    pub name_en: Option<String>,
    /// The registry update date of the last NTA row applied.
    pub registry_updated_on: Option<NaiveDate>,
}

/// A stored organisation as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub origin: Origin,
    /// Someone looks after it: a team member, a claim, a curation, or content beyond the
    /// profile (programmes, reports, documents, metrics, a logo, a review).
    pub managed: bool,
    pub state: RegistryState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    Name,
    Address,
}

impl HistoryKind {
    pub fn code(self) -> &'static str {
        match self {
            HistoryKind::Name => "name",
            HistoryKind::Address => "address",
        }
    }
}

/// One change of a registered name or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub kind: HistoryKind,
    pub changed_on: Option<NaiveDate>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub correction: bool,
    pub source: Source,
}

/// How a row was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Closed,
    Deleted,
    Unchanged,
    Skipped,
}

/// Why a valid row leads to nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The organisation already holds a newer registry row.
    Older,
    /// A past record (最新履歴 0).
    PastRecord,
    /// A closed corporation Hiroba never listed: not created.
    ClosedUnknown,
    /// A deletion of a corporation Hiroba never listed.
    NothingToDelete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Create(RegistryState),
    Update {
        id: i64,
        state: RegistryState,
        history: Vec<HistoryEntry>,
        outcome: Outcome,
    },
    /// Removed: it came only from the registry and nobody looks after it.
    Delete {
        id: i64,
    },
    Unchanged,
    Skip(Skip),
}

impl Plan {
    pub fn outcome(&self) -> Outcome {
        match self {
            Plan::Create(_) => Outcome::Created,
            Plan::Update { outcome, .. } => *outcome,
            Plan::Delete { .. } => Outcome::Deleted,
            Plan::Unchanged => Outcome::Unchanged,
            Plan::Skip(_) => Outcome::Skipped,
        }
    }
}

/// An empty profile: what a new organisation is merged onto.
pub fn blank_state() -> RegistryState {
    RegistryState {
        profile: OrganisationProfile {
            name: String::new(),
            name_kana: None,
            legal_form: LegalForm::Other,
            roles: EcosystemRoles::default(),
            corporate_number: None,
            address: Address::default(),
            website: None,
            email: None,
            mission: None,
            description: None,
            activity_fields: ActivityFields::EMPTY,
            sdgs: SdgGoals::default(),
            activity_areas: Vec::new(),
            details: Details::default(),
        },
        sources: FieldSources::default(),
        closure: None,
        name_en: None,
        registry_updated_on: None,
    }
}

/// The profile holding only the values registries supplied: equal to the real one when the
/// organisation added nothing of its own.
fn registry_only(state: &RegistryState) -> bool {
    let p = &state.profile;
    let own = |field: Field, has_value: bool| has_value && state.sources.get(field).is_none();
    let a = &p.address;
    let has_address = a.postal_code.is_some()
        || a.prefecture.is_some()
        || a.municipality.is_some()
        || a.street.is_some();
    let d = &p.details;
    let extra = p.website.is_some()
        || p.email.is_some()
        || p.description.is_some()
        || p.sdgs != SdgGoals::default()
        || p.roles != EcosystemRoles::default()
        || !p.activity_areas.is_empty()
        || d.founded_on.is_some()
        || d.representative_title.is_some()
        || d.phone.is_some()
        || d.contact_name.is_some()
        || d.website_none
        || d.social_none
        || d.social != Default::default()
        || d.figures != Default::default()
        || a.street_public;
    !(extra
        || own(Field::Name, !p.name.is_empty())
        || own(Field::NameKana, p.name_kana.is_some())
        || own(Field::LegalForm, p.legal_form != LegalForm::Other)
        || own(Field::CorporateNumber, p.corporate_number.is_some())
        || own(Field::Address, has_address)
        || own(Field::Mission, p.mission.is_some())
        || own(Field::CompetentAuthority, d.competent_authority.is_some())
        || own(Field::RepresentativeName, d.representative_name.is_some())
        || own(
            Field::FiscalYearStartMonth,
            d.fiscal_year_start_month.is_some(),
        )
        || own(Field::IncorporatedOn, d.incorporated_on.is_some())
        || own(Field::ActivityFields, !p.activity_fields.is_empty()))
}

/// Offers a registry's values to a state, field by field, under the provenance rule.
struct Merge {
    source: Source,
    state: RegistryState,
}

type Slot<T> = fn(&mut OrganisationProfile) -> &mut Option<T>;

impl Merge {
    /// Whether the registry may write `field` now; records the registry as its source. A
    /// registry that no longer gives a value clears only a value it gave itself.
    fn claim(&mut self, field: Field, has_value: bool, new_value: bool) -> bool {
        let sources = &mut self.state.sources;
        if !new_value && sources.get(field) != Some(self.source) {
            return false;
        }
        if !sources.may_write(field, has_value, self.source) {
            return false;
        }
        sources.set(field, new_value.then_some(self.source));
        true
    }

    fn opt<T>(&mut self, field: Field, value: Option<T>, slot: Slot<T>) {
        let has_value = slot(&mut self.state.profile).is_some();
        if self.claim(field, has_value, value.is_some()) {
            *slot(&mut self.state.profile) = value;
        }
    }

    fn name(&mut self, name: &str) {
        if self.claim(Field::Name, !self.state.profile.name.is_empty(), true) {
            self.state.profile.name = name.to_owned();
        }
    }

    /// "Other" counts as no legal form yet: any registry's is more precise.
    fn legal_form(&mut self, form: LegalForm) {
        let has_value = self.state.profile.legal_form != LegalForm::Other;
        if self.claim(Field::LegalForm, has_value, true) {
            self.state.profile.legal_form = form;
        }
    }

    fn activity_fields(&mut self, fields: ActivityFields) {
        let has_value = !self.state.profile.activity_fields.is_empty();
        if self.claim(Field::ActivityFields, has_value, !fields.is_empty()) {
            self.state.profile.activity_fields = fields;
        }
    }

    /// The address is one value; a registry's address is never public until the organisation
    /// says so (it may be someone's home).
    fn address(&mut self, new: Address) {
        let has = |a: &Address| {
            a.postal_code.is_some()
                || a.prefecture.is_some()
                || a.municipality.is_some()
                || a.street.is_some()
        };
        let has_value = has(&self.state.profile.address);
        if self.claim(Field::Address, has_value, has(&new)) {
            self.state.profile.address = Address {
                street_public: false,
                ..new
            };
        }
    }
}

/// Text cut to `max` characters (registries allow longer texts than the profile in places).
fn clip(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

fn clipped(text: Option<&str>, max: usize) -> Option<String> {
    text.map(|t| clip(t, max)).filter(|t| !t.is_empty())
}

/// A reading as the profile keeps it (katakana), or none when the registry's is not kana.
fn reading(text: Option<&str>) -> Option<String> {
    let folded = kana::to_katakana(&kana::nfkc(text?.trim()));
    (!folded.is_empty() && kana::is_kana_reading(&folded) && folded.chars().count() <= KANA_MAX)
        .then_some(folded)
}

fn check_name(name: &str, column: &'static str) -> Result<(), RowError> {
    if name.chars().count() > NAME_MAX {
        return Err(RowError::field(column, Invalid::TooLong { max: NAME_MAX }));
    }
    Ok(())
}

/// The address as history keeps it: its parts as a JSON object.
fn address_value(a: &Address) -> Option<String> {
    if a.postal_code.is_none()
        && a.prefecture.is_none()
        && a.municipality.is_none()
        && a.street.is_none()
    {
        return None;
    }
    Some(
        serde_json::json!({
            "postal_code": a.postal_code.map(|c| c.digits()),
            "prefecture": a.prefecture.map(|c| c.to_string()),
            "municipality": a.municipality.map(|c| c.to_string()),
            "street": a.street,
        })
        .to_string(),
    )
}

/// What a row's facts mean for an organisation, compared with what is stored.
struct Change<'a> {
    existing: Option<&'a Existing>,
    after: RegistryState,
    updated_on: Option<NaiveDate>,
    changed_on: Option<NaiveDate>,
    correction: bool,
    source: Source,
}

impl Change<'_> {
    fn plan(self) -> Plan {
        let Some(existing) = self.existing else {
            let mut state = self.after;
            state.registry_updated_on = self.updated_on;
            return Plan::Create(state);
        };
        let before = &existing.state;
        let mut after = self.after;
        // A later date alone is not a change.
        after.registry_updated_on = before.registry_updated_on;
        if after == *before {
            return Plan::Unchanged;
        }
        after.registry_updated_on = before.registry_updated_on.max(self.updated_on);
        let mut history = Vec::new();
        let mut record = |kind, old_value: Option<String>, new_value: Option<String>| {
            if old_value != new_value && old_value.is_some() {
                history.push(HistoryEntry {
                    kind,
                    changed_on: self.changed_on,
                    old_value,
                    new_value,
                    correction: self.correction,
                    source: self.source,
                });
            }
        };
        record(
            HistoryKind::Name,
            Some(before.profile.name.clone()).filter(|n| !n.is_empty()),
            Some(after.profile.name.clone()),
        );
        record(
            HistoryKind::Address,
            address_value(&before.profile.address),
            address_value(&after.profile.address),
        );
        let outcome = match (before.closure, after.closure) {
            (None, Some(c)) if c.cause == CloseCause::Deleted => Outcome::Deleted,
            (None, Some(_)) => Outcome::Closed,
            _ => Outcome::Updated,
        };
        Plan::Update {
            id: existing.id,
            state: after,
            history,
            outcome,
        }
    }
}

fn nta_closure(rec: &NtaRecord) -> Option<Closure> {
    use super::nta::CloseCause as Nta;
    let ends = rec.closed_on.is_some()
        || matches!(rec.process, Process::Closed | Process::AbsorbedByMerger);
    if !ends {
        return None;
    }
    let cause = match rec.close_cause {
        Some(Nta::LiquidationCompleted) => CloseCause::Liquidation,
        Some(Nta::Merger) => CloseCause::Merger,
        Some(Nta::ClosedByRegistrar) => CloseCause::ClosedByRegistrar,
        Some(Nta::OtherLiquidation) => CloseCause::OtherLiquidation,
        None if rec.process == Process::AbsorbedByMerger => CloseCause::Merger,
        None => CloseCause::OtherLiquidation,
    };
    Some(Closure {
        on: rec.closed_on.or(rec.changed_on),
        cause,
    })
}

/// Plans one NTA row (法人番号公表サイト) against the organisation with its 法人番号.
pub fn nta(rec: &NtaRecord, existing: Option<&Existing>) -> Result<Plan, RowError> {
    if !rec.latest {
        return Ok(Plan::Skip(Skip::PastRecord));
    }
    if let Some(e) = existing
        && e.state
            .registry_updated_on
            .is_some_and(|d| d > rec.updated_on)
    {
        return Ok(Plan::Skip(Skip::Older));
    }
    check_name(&rec.name, "name")?;
    if rec.process == Process::Deleted {
        return Ok(nta_deletion(rec, existing));
    }
    let closure = nta_closure(rec);
    if existing.is_none() && closure.is_some() {
        return Ok(Plan::Skip(Skip::ClosedUnknown));
    }
    let mut m = Merge {
        source: Source::Nta,
        state: existing.map_or_else(blank_state, |e| e.state.clone()),
    };
    m.name(&rec.name);
    m.opt(Field::NameKana, reading(rec.furigana.as_deref()), |p| {
        &mut p.name_kana
    });
    m.legal_form(from_registered_name(&rec.name, Some(rec.kind)));
    m.opt(Field::CorporateNumber, Some(rec.corporate_number), |p| {
        &mut p.corporate_number
    });
    let street = Some(rec.street.as_str())
        .filter(|s| !s.is_empty())
        .or(rec.address_outside.as_deref());
    m.address(Address {
        postal_code: rec.postal_code,
        prefecture: rec.prefecture,
        municipality: rec.municipality,
        street: clipped(street, STREET_MAX),
        street_public: false,
    });
    let mut after = m.state;
    match closure {
        Some(c) => after.closure = Some(c),
        // Only the NTA lifts a closure it recorded (閉鎖の取消, 合併の無効).
        None if after
            .closure
            .is_some_and(|c| c.cause.source() == Source::Nta) =>
        {
            after.closure = None
        }
        None => {}
    }
    after.name_en = rec.name_en.clone();
    Ok(Change {
        existing,
        after,
        updated_on: Some(rec.updated_on),
        changed_on: rec.changed_on,
        correction: rec.correction,
        source: Source::Nta,
    }
    .plan())
}

/// 処理区分 99: an organisation that came only from registries and that nobody looks after
/// goes; any other is kept, marked as deleted from the register.
fn nta_deletion(rec: &NtaRecord, existing: Option<&Existing>) -> Plan {
    let Some(e) = existing else {
        return Plan::Skip(Skip::NothingToDelete);
    };
    if matches!(e.origin, Origin::Registry(_)) && !e.managed && registry_only(&e.state) {
        return Plan::Delete { id: e.id };
    }
    let mut after = e.state.clone();
    after.closure = Some(Closure {
        on: rec.changed_on.or(Some(rec.updated_on)),
        cause: CloseCause::Deleted,
    });
    Change {
        existing,
        after,
        updated_on: Some(rec.updated_on),
        changed_on: rec.changed_on,
        correction: rec.correction,
        source: Source::Nta,
    }
    .plan()
}

/// Plans one row of the NPO list against the organisation it was matched to. `place` is its
/// address split into prefecture, municipality and street; `today` decides whether a tax
/// certification is in force.
pub fn npo(
    rec: &NpoRecord,
    place: &Located,
    existing: Option<&Existing>,
    today: NaiveDate,
) -> Result<Plan, RowError> {
    check_name(&rec.name, "法人名称")?;
    let dissolved = rec.dissolution.is_some();
    if existing.is_none() && dissolved {
        return Ok(Plan::Skip(Skip::ClosedUnknown));
    }
    let mut m = Merge {
        source: Source::Npo,
        state: existing.map_or_else(blank_state, |e| e.state.clone()),
    };
    m.name(&rec.name);
    m.opt(Field::NameKana, reading(rec.name_kana.as_deref()), |p| {
        &mut p.name_kana
    });
    m.legal_form(match rec.certified_on(today) {
        Some(CertificationKind::Certified) => LegalForm::CertifiedNpo,
        Some(CertificationKind::Provisional) => LegalForm::ProvisionallyCertifiedNpo,
        None => LegalForm::Npo,
    });
    m.opt(Field::CorporateNumber, rec.corporate_number, |p| {
        &mut p.corporate_number
    });
    m.address(Address {
        postal_code: rec.postal_code,
        prefecture: place.prefecture,
        municipality: place.municipality,
        street: clipped(Some(&place.street), STREET_MAX),
        street_public: false,
    });
    m.opt(
        Field::Mission,
        clipped(rec.purpose.as_deref(), MISSION_MAX),
        |p| &mut p.mission,
    );
    m.opt(
        Field::CompetentAuthority,
        clipped(Some(&rec.competent_authority), AUTHORITY_MAX),
        |p| &mut p.details.competent_authority,
    );
    m.opt(
        Field::RepresentativeName,
        clipped(rec.representative_name.as_deref(), PERSON_MAX),
        |p| &mut p.details.representative_name,
    );
    m.opt(
        Field::FiscalYearStartMonth,
        rec.fiscal_year_start_month,
        |p| &mut p.details.fiscal_year_start_month,
    );
    m.opt(
        Field::IncorporatedOn,
        rec.founded_on.filter(|d| *d <= today),
        |p| &mut p.details.incorporated_on,
    );
    m.activity_fields(rec.activity_fields);
    let mut after = m.state;
    match after.closure {
        None if dissolved => {
            after.closure = Some(Closure {
                on: None,
                cause: CloseCause::Dissolved,
            })
        }
        Some(c) if !dissolved && c.cause == CloseCause::Dissolved => after.closure = None,
        _ => {}
    }
    Ok(Change {
        existing,
        after,
        updated_on: None,
        changed_on: None,
        correction: false,
        source: Source::Npo,
    }
    .plan())
}

mod spreadsheet;
pub use spreadsheet::spreadsheet;

#[cfg(test)]
mod tests;
