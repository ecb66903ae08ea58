//! Organisations as list cards, as a profile page, and as schema.org JSON-LD.

use super::places::Places;
use super::{Chip, date, excerpt, field_chips, sdg_chips};
use crate::page::Tr;
use hiroba_domain::ecosystem_roles::EcosystemRole;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_store::organisations::Organisation;
use hiroba_store::portals::Portal;
use serde_json::{Value, json};

/// One organisation in a list.
#[derive(Debug, Clone)]
pub struct OrganisationCard {
    pub href: String,
    pub name: String,
    pub kana: Option<String>,
    pub legal_form: String,
    pub location: Option<String>,
    pub mission: Option<String>,
    pub fields: Vec<Chip>,
    pub sdgs: Vec<Chip>,
    pub updated: String,
}

pub fn legal_form_short(tr: &Tr<'_>, form: LegalForm) -> String {
    let info = form.info();
    tr.pick(info.short_ja, info.name_en).to_owned()
}

pub fn card(tr: &Tr<'_>, places: &Places, org: &Organisation, href: String) -> OrganisationCard {
    let p = &org.profile;
    OrganisationCard {
        href,
        name: p.name.clone(),
        kana: p.name_kana.clone(),
        legal_form: legal_form_short(tr, p.legal_form),
        location: places.location(tr, &p.address),
        mission: p.mission.as_deref().map(|m| excerpt(m, 90)),
        fields: field_chips(tr, &p.activity_fields),
        sdgs: sdg_chips(tr, &p.sdgs),
        updated: date(tr, &org.updated_at),
    }
}

/// A labelled link (portals listing the organisation).
#[derive(Debug, Clone)]
pub struct NamedLink {
    pub label: String,
    pub href: String,
}

/// Everything the public profile shows. Private data (a street address not marked public)
/// never enters this struct, so no template can leak it.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub kana: Option<String>,
    pub legal_form: String,
    pub legal_form_full: String,
    pub roles: Vec<String>,
    pub corporate_number: Option<String>,
    pub corporate_number_url: Option<String>,
    pub postal_code: Option<String>,
    pub location: Option<String>,
    pub street: Option<String>,
    pub street_withheld: bool,
    pub website: Option<String>,
    pub email: Option<String>,
    pub mission: Option<String>,
    pub description: Vec<String>,
    pub fields: Vec<Chip>,
    pub sdgs: Vec<Chip>,
    pub areas: Vec<String>,
    pub portals: Vec<NamedLink>,
    pub updated: String,
    pub is_incorporated: bool,
}

pub fn nta_url(number: &str) -> String {
    format!("https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo={number}")
}

pub fn profile(tr: &Tr<'_>, places: &Places, org: &Organisation, portals: &[Portal]) -> Profile {
    let p = &org.profile;
    let info = p.legal_form.info();
    Profile {
        id: org.id,
        name: p.name.clone(),
        kana: p.name_kana.clone(),
        legal_form: legal_form_short(tr, p.legal_form),
        legal_form_full: tr.pick(info.name_ja, info.name_en).to_owned(),
        roles: p
            .roles
            .iter()
            .map(|r| tr.t(&format!("role-{}", r.code())))
            .collect(),
        corporate_number: p.corporate_number.map(|c| c.to_string()),
        corporate_number_url: p.corporate_number.map(|c| nta_url(&c.to_string())),
        postal_code: p.address.postal_code.map(|c| c.to_string()),
        location: places.location(tr, &p.address),
        street: p.address.public_street().map(str::to_owned),
        street_withheld: p.address.street.is_some() && !p.address.street_public,
        website: p.website.as_ref().map(|w| w.to_string()),
        email: p.email.as_ref().map(|e| e.to_string()),
        mission: p.mission.clone(),
        description: p
            .description
            .as_deref()
            .map(|d| {
                d.split("\n\n")
                    .map(|para| para.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        fields: field_chips(tr, &p.activity_fields),
        sdgs: sdg_chips(tr, &p.sdgs),
        areas: p
            .activity_areas
            .iter()
            .map(|a| places.area_name(tr, a))
            .collect(),
        portals: portals
            .iter()
            .map(|portal| NamedLink {
                label: portal.settings.name(tr.en()).to_owned(),
                href: format!("/p/{}/organisations/{}", portal.settings.slug, org.id),
            })
            .collect(),
        updated: date(tr, &org.updated_at),
        is_incorporated: p.legal_form.is_incorporated(),
    }
}

/// schema.org type for the organisation's main role.
fn schema_type(org: &Organisation) -> &'static str {
    let p = &org.profile;
    match p.legal_form {
        LegalForm::LocalGovernment => "GovernmentOrganization",
        LegalForm::SchoolCorporation => "EducationalOrganization",
        LegalForm::StockCompany
        | LegalForm::GodoKaisha
        | LegalForm::YugenKaisha
        | LegalForm::OtherCompany => "Corporation",
        _ if p.roles.contains(EcosystemRole::Government) => "GovernmentOrganization",
        _ if p.roles.contains(EcosystemRole::Academic) => "EducationalOrganization",
        _ => "NGO",
    }
}

/// schema.org JSON-LD for a public profile. Only public fields are used; the street address
/// appears only when the organisation marked it public.
pub fn json_ld(
    i18n: &hiroba_i18n::I18n,
    base_url: &str,
    places: &Places,
    org: &Organisation,
) -> Value {
    // Structured data is in Japanese, the language of the record.
    let tr = Tr::new(hiroba_i18n::Lang::Ja, i18n);
    let p = &org.profile;
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": schema_type(org),
        "@id": format!("{base_url}/organisations/{}#organisation", org.id),
        "url": format!("{base_url}/organisations/{}", org.id),
        "name": p.name,
    });
    let obj = ld.as_object_mut().expect("object");
    if let Some(kana) = &p.name_kana {
        obj.insert("alternateName".into(), json!(kana));
    }
    if let Some(m) = &p.mission {
        obj.insert("description".into(), json!(m));
    }
    if let Some(w) = &p.website {
        obj.insert("sameAs".into(), json!(w.as_str()));
    }
    if let Some(e) = &p.email {
        obj.insert("email".into(), json!(e.as_str()));
    }
    if let Some(c) = &p.corporate_number {
        obj.insert(
            "identifier".into(),
            json!({"@type": "PropertyValue", "propertyID": "法人番号", "value": c.to_string()}),
        );
    }
    let mut address = serde_json::Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    address.insert("addressCountry".into(), json!("JP"));
    if let Some(pc) = p.address.postal_code {
        address.insert("postalCode".into(), json!(pc.to_string()));
    }
    if let Some(pref) = p.address.prefecture {
        address.insert("addressRegion".into(), json!(pref.info().name_ja));
    }
    if let Some(m) = p.address.municipality {
        address.insert(
            "addressLocality".into(),
            json!(places.municipality_name(&tr, &m)),
        );
    }
    if let Some(street) = p.address.public_street() {
        address.insert("streetAddress".into(), json!(street));
    }
    obj.insert("address".into(), Value::Object(address));
    let topics: Vec<String> = p
        .activity_fields
        .iter()
        .filter_map(hiroba_domain::activity_fields::activity_field)
        .map(|f| f.name_ja.to_owned())
        .collect();
    if !topics.is_empty() {
        obj.insert("knowsAbout".into(), json!(topics));
    }
    let areas: Vec<Value> = p
        .activity_areas
        .iter()
        .map(|a| json!({"@type": "AdministrativeArea", "name": places.area_name(&tr, a), "identifier": a.to_string()}))
        .collect();
    if !areas.is_empty() {
        obj.insert("areaServed".into(), json!(areas));
    }
    obj.insert("dateModified".into(), json!(org.updated_at.to_rfc3339()));
    ld
}
