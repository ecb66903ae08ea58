//! Between sea-orm rows and domain records. Every value read back is validated again by the
//! domain types, so a corrupt row is reported rather than shown.

use super::Organisation;
use crate::entities::organisations as orgs;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use hiroba_domain::certification::Step;
use hiroba_domain::codes::{CorporateNumber, Email, MunicipalityCode, Phone, PostalCode, Website};
use hiroba_domain::ecosystem_roles::EcosystemRoles;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::{
    Address, Details, Figures, OrganisationInput, OrganisationProfile, SocialLinks,
};
use hiroba_domain::prefectures::PrefectureCode;
use hiroba_domain::registries::provenance::{CloseCause, Closure, Origin};
use hiroba_domain::{activity_fields::ActivityFields, sdgs::SdgGoals};
use sea_orm::Set;

/// Names of the profile fields that differ, for the audit log.
pub(crate) fn changed_fields(
    before: &OrganisationProfile,
    after: &OrganisationProfile,
) -> Vec<String> {
    // The further sections are nested in the input; the log names their fields one by one.
    let flat = |p: &OrganisationProfile| {
        let mut v = serde_json::to_value(OrganisationInput::from(p)).unwrap_or_default();
        if let Some(obj) = v.as_object_mut()
            && let Some(serde_json::Value::Object(details)) = obj.remove("details")
        {
            obj.extend(details);
        }
        v
    };
    match (flat(before), flat(after)) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => b
            .iter()
            .filter(|(k, v)| a.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn active_model(p: &OrganisationProfile, now: DateTime<Utc>) -> orgs::ActiveModel {
    let d = &p.details;
    orgs::ActiveModel {
        name: Set(p.name.clone()),
        name_kana: Set(p.name_kana.clone()),
        sort_key: Set(p.sort_key()),
        legal_form: Set(p.legal_form.code().to_owned()),
        roles: Set(p.roles.bits()),
        corporate_number: Set(p.corporate_number.map(|c| c.to_string())),
        postal_code: Set(p.address.postal_code.map(|c| c.digits())),
        prefecture_code: Set(p.address.prefecture.map(|c| i16::from(c.get()))),
        municipality_code: Set(p.address.municipality.map(|c| c.to_string())),
        street: Set(p.address.street.clone()),
        street_public: Set(p.address.street_public),
        website: Set(p.website.as_ref().map(|w| w.to_string())),
        email: Set(p.email.as_ref().map(|e| e.to_string())),
        mission: Set(p.mission.clone()),
        description: Set(p.description.clone()),
        activity_fields: Set(p.activity_fields.bits()),
        sdgs: Set(p.sdgs.bits()),
        updated_at: Set(now),
        founded_on: Set(d.founded_on),
        incorporated_on: Set(d.incorporated_on),
        competent_authority: Set(d.competent_authority.clone()),
        representative_name: Set(d.representative_name.clone()),
        representative_title: Set(d.representative_title.clone()),
        fiscal_year_start_month: Set(d.fiscal_year_start_month.map(i16::from)),
        phone: Set(d.phone.as_ref().map(|x| x.to_string())),
        contact_name: Set(d.contact_name.clone()),
        website_none: Set(d.website_none),
        social_links: Set(serde_json::to_string(&d.social).expect("links serialise")),
        social_none: Set(d.social_none),
        officers: Set(count(d.figures.officers)),
        staff_full_time: Set(count(d.figures.staff_full_time)),
        staff_part_time: Set(count(d.figures.staff_part_time)),
        volunteers: Set(count(d.figures.volunteers)),
        members_regular: Set(count(d.figures.members_regular)),
        members_supporting: Set(count(d.figures.members_supporting)),
        ..Default::default()
    }
}

fn count(n: Option<u32>) -> Option<i32> {
    n.map(|v| i32::try_from(v).unwrap_or(i32::MAX))
}

fn corrupt(id: i64, field: &str) -> impl Fn(hiroba_domain::Invalid) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("organisation {id} {field}: {e}"))
}

fn opt<T>(
    v: Option<String>,
    parse: impl Fn(&str) -> Result<T, hiroba_domain::Invalid>,
) -> Result<Option<T>, hiroba_domain::Invalid> {
    v.as_deref().map(parse).transpose()
}

pub(crate) fn to_domain(m: orgs::Model, area_codes: Vec<String>) -> StoreResult<Organisation> {
    let id = m.id;
    let activity_areas = area_codes
        .iter()
        .map(|c| MunicipalityCode::parse(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(corrupt(id, "activity_areas"))?;
    let prefecture = m
        .prefecture_code
        .map(|c| {
            u8::try_from(c)
                .ok()
                .and_then(PrefectureCode::new)
                .ok_or(hiroba_domain::Invalid::UnknownPrefecture)
        })
        .transpose()
        .map_err(corrupt(id, "prefecture_code"))?;
    let profile = OrganisationProfile {
        name: m.name,
        name_kana: m.name_kana,
        legal_form: LegalForm::parse(&m.legal_form).map_err(corrupt(id, "legal_form"))?,
        roles: EcosystemRoles::from_bits(m.roles).map_err(corrupt(id, "roles"))?,
        corporate_number: opt(m.corporate_number, CorporateNumber::parse)
            .map_err(corrupt(id, "corporate_number"))?,
        address: Address {
            postal_code: opt(m.postal_code, PostalCode::parse)
                .map_err(corrupt(id, "postal_code"))?,
            prefecture,
            municipality: opt(m.municipality_code, MunicipalityCode::parse)
                .map_err(corrupt(id, "municipality_code"))?,
            street: m.street,
            street_public: m.street_public,
        },
        website: opt(m.website, Website::parse).map_err(corrupt(id, "website"))?,
        email: opt(m.email, Email::parse).map_err(corrupt(id, "email"))?,
        mission: m.mission,
        description: m.description,
        activity_fields: ActivityFields::from_bits(m.activity_fields)
            .map_err(corrupt(id, "activity_fields"))?,
        sdgs: SdgGoals::from_bits(m.sdgs).map_err(corrupt(id, "sdgs"))?,
        activity_areas,
        details: Details {
            founded_on: m.founded_on,
            incorporated_on: m.incorporated_on,
            competent_authority: m.competent_authority,
            representative_name: m.representative_name,
            representative_title: m.representative_title,
            fiscal_year_start_month: m
                .fiscal_year_start_month
                .map(|v| u8::try_from(v).ok().filter(|v| (1..=12).contains(v)))
                .map(|v| v.ok_or(hiroba_domain::Invalid::OutOfRange { min: 1, max: 12 }))
                .transpose()
                .map_err(corrupt(id, "fiscal_year_start_month"))?,
            phone: opt(m.phone, Phone::parse).map_err(corrupt(id, "phone"))?,
            contact_name: m.contact_name,
            website_none: m.website_none,
            social: serde_json::from_str::<SocialLinks>(&m.social_links)
                .map_err(|e| StoreError::Corrupt(format!("organisation {id} social_links: {e}")))?,
            social_none: m.social_none,
            figures: Figures {
                officers: uncount(m.officers),
                staff_full_time: uncount(m.staff_full_time),
                staff_part_time: uncount(m.staff_part_time),
                volunteers: uncount(m.volunteers),
                members_regular: uncount(m.members_regular),
                members_supporting: uncount(m.members_supporting),
            },
        },
    };
    Ok(Organisation {
        id,
        profile,
        logo_key: m.logo_key,
        logo_none: m.logo_none,
        reviewed_at: m.reviewed_at,
        disclosure_level: u8::try_from(m.disclosure_level).unwrap_or(0).min(5),
        certification: u8::try_from(m.certification_step)
            .ok()
            .and_then(Step::from_number),
        created_at: m.created_at,
        updated_at: m.updated_at,
        origin: Origin::parse(&m.source),
        closure: closure_of(m.closed_on, m.close_cause.as_deref()),
        name_en: m.name_en,
    })
}

/// A closure as stored: an unknown cause (a newer version's) still reads as closed.
pub(crate) fn closure_of(on: Option<NaiveDate>, cause: Option<&str>) -> Option<Closure> {
    let cause = cause?;
    Some(Closure {
        on,
        cause: CloseCause::parse(cause).unwrap_or(CloseCause::OtherLiquidation),
    })
}

fn uncount(n: Option<i32>) -> Option<u32> {
    n.and_then(|v| u32::try_from(v).ok())
}
