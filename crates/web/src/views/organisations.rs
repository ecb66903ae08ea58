//! Organisations as list cards, as a profile page, and as schema.org JSON-LD.

use super::places::Places;
use super::{Chip, date, excerpt, field_chips, sdg_chips};
use crate::page::Tr;
use hiroba_domain::ecosystem_roles::EcosystemRole;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_search::highlight::Segment;
use hiroba_store::organisations::Organisation;
use hiroba_store::portals::Portal;
use serde_json::{Value, json};

/// One organisation in a list.
#[derive(Debug, Clone)]
pub struct OrganisationCard {
    pub id: i64,
    pub href: String,
    pub stars: super::disclosure::Stars,
    pub certification: Option<String>,
    pub name: String,
    pub kana: Option<String>,
    pub legal_form: String,
    pub location: Option<String>,
    pub mission: Option<String>,
    pub fields: Vec<Chip>,
    pub sdgs: Vec<Chip>,
    pub updated: String,
    /// In search results: the name with the matched words marked (empty elsewhere).
    pub name_marked: Vec<Segment>,
    /// In search results: the passage that matched, in place of the mission (empty elsewhere).
    pub snippet: Vec<Segment>,
    /// Closed, dissolved or removed from the register.
    pub closed: bool,
}

impl OrganisationCard {
    /// The snippet as plain text (for its `lang` attribute).
    pub fn snippet_text(&self) -> String {
        self.snippet.iter().map(|s| s.text.as_str()).collect()
    }
}

pub fn legal_form_short(tr: &Tr<'_>, form: LegalForm) -> String {
    let info = form.info();
    tr.pick(info.short_ja, info.name_en).to_owned()
}

pub fn card(tr: &Tr<'_>, places: &Places, org: &Organisation, href: String) -> OrganisationCard {
    let p = &org.profile;
    OrganisationCard {
        id: org.id,
        href,
        stars: super::disclosure::stars(tr, org.disclosure_level),
        certification: super::disclosure::step_badge(tr, org.certification),
        name: p.name.clone(),
        kana: p.name_kana.clone(),
        legal_form: legal_form_short(tr, p.legal_form),
        location: places.location(tr, &p.address),
        mission: p.mission.as_deref().map(|m| excerpt(m, 90)),
        fields: field_chips(tr, &p.activity_fields),
        sdgs: sdg_chips(tr, &p.sdgs),
        updated: date(tr, &org.updated_at),
        closed: org.closure.is_some(),
        name_marked: Vec::new(),
        snippet: Vec::new(),
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
    /// (label, value) pairs of basic facts: founding, 所轄庁, representative, fiscal year.
    pub facts: Vec<(String, String)>,
    pub phone: Option<(String, String)>,
    pub contact_name: Option<String>,
    pub website_none: bool,
    pub social: Vec<NamedLink>,
    pub social_none: bool,
    /// (label, count) pairs; only counts that were entered.
    pub figures: Vec<(String, String)>,
    pub logo_href: Option<String>,
    pub disclosure_level: u8,
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
        facts: facts(tr, org),
        phone: p
            .details
            .phone
            .as_ref()
            .map(|ph| (ph.to_string(), ph.tel_uri())),
        contact_name: p.details.contact_name.clone(),
        website_none: p.details.website_none,
        social: p
            .details
            .social
            .iter()
            .map(|(kind, url)| NamedLink {
                label: tr.t(&format!("field-{}", kind.field())),
                href: url.to_string(),
            })
            .collect(),
        social_none: p.details.social_none,
        figures: figures(tr, &p.details.figures),
        logo_href: org
            .logo_key
            .as_ref()
            .map(|_| format!("/organisations/{}/logo", org.id)),
        disclosure_level: org.disclosure_level,
    }
}

fn day(tr: &Tr<'_>, d: chrono::NaiveDate) -> String {
    super::disclosure::date(tr, d)
}

fn facts(tr: &Tr<'_>, org: &Organisation) -> Vec<(String, String)> {
    let d = &org.profile.details;
    let mut out = Vec::new();
    if let Some(f) = d.founded_on {
        out.push((tr.t("field-founded_on"), day(tr, f)));
    }
    if let Some(i) = d.incorporated_on {
        out.push((tr.t("field-incorporated_on"), day(tr, i)));
    }
    if let Some(a) = &d.competent_authority {
        out.push((tr.t("field-competent_authority"), a.clone()));
    }
    if let Some(name) = &d.representative_name {
        let title = d.representative_title.as_deref().unwrap_or("");
        out.push((
            tr.t("profile-representative"),
            format!("{title} {name}").trim().to_owned(),
        ));
    }
    if let Some(m) = d.fiscal_year_start_month {
        out.push((
            tr.t("field-fiscal_year_start_month"),
            tr.tn("profile-fiscal-year", "month", i64::from(m)),
        ));
    }
    out
}

fn figures(tr: &Tr<'_>, f: &hiroba_domain::organisations::Figures) -> Vec<(String, String)> {
    [
        ("officers", f.officers),
        ("staff_full_time", f.staff_full_time),
        ("staff_part_time", f.staff_part_time),
        ("volunteers", f.volunteers),
        ("members_regular", f.members_regular),
        ("members_supporting", f.members_supporting),
    ]
    .into_iter()
    .filter_map(|(name, v)| {
        v.map(|n| {
            (
                tr.t(&format!("field-{name}")),
                tr.tn("profile-people-count", "count", i64::from(n)),
            )
        })
    })
    .collect()
}

/// Certifications that hold now, as schema.org credentials recognised by their portal.
pub fn add_credentials(
    i18n: &hiroba_i18n::I18n,
    ld: &mut Value,
    certifications: &[super::disclosure::CertificationView],
) {
    let ja = Tr::new(hiroba_i18n::Lang::Ja, i18n);
    let creds: Vec<Value> = certifications
        .iter()
        .filter(|c| c.holds)
        .map(|c| {
            let mut cred = json!({
                "@type": "EducationalOccupationalCredential",
                "name": ja.t(&format!("certification-step{}", c.step)),
                "credentialCategory": format!("step{}", c.step),
            });
            if !c.portal.is_empty() {
                cred["recognizedBy"] = json!({"@type": "Organization", "name": c.portal});
            }
            cred
        })
        .collect();
    if !creds.is_empty()
        && let Some(obj) = ld.as_object_mut()
    {
        obj.insert("hasCredential".into(), json!(creds));
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
    let same_as: Vec<&str> = p
        .website
        .iter()
        .map(|w| w.as_str())
        .chain(p.details.social.values().map(|u| u.as_str()))
        .collect();
    if !same_as.is_empty() {
        obj.insert("sameAs".into(), json!(same_as));
    }
    if let Some(phone) = &p.details.phone {
        obj.insert("telephone".into(), json!(phone.as_str()));
    }
    if let Some(founded) = p.details.founded_on {
        obj.insert("foundingDate".into(), json!(founded.to_string()));
    }
    if org.logo_key.is_some() {
        obj.insert(
            "logo".into(),
            json!(format!("{base_url}/organisations/{}/logo", org.id)),
        );
    }
    // The representative as registered (public in the corporate register), as a role.
    if let Some(name) = &p.details.representative_name {
        let mut role = json!({
            "@type": "OrganizationRole",
            "member": {"@type": "Person", "name": name},
        });
        if let Some(title) = &p.details.representative_title {
            role["roleName"] = json!(title);
        }
        obj.insert("member".into(), json!([role]));
    }
    let f = &p.details.figures;
    if let (Some(full), Some(part)) = (f.staff_full_time, f.staff_part_time) {
        obj.insert(
            "numberOfEmployees".into(),
            json!({"@type": "QuantitativeValue", "value": full + part}),
        );
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
