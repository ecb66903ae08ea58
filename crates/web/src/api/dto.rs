//! The JSON shapes of the API. Codes are stable identifiers; labels come in both languages so
//! a client needs no code tables (they are also at `/api/v1/vocabularies`).

use crate::page::Tr;
use crate::views::places::Places;
use chrono::{DateTime, NaiveDate, Utc};
use hiroba_domain::activity_fields::{ActivityFields, activity_field};
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::organisations::SocialKind;
use hiroba_domain::sdgs::{SdgGoals, sdg_goal};
use hiroba_store::organisations::Organisation;
use hiroba_store::portals::Portal;
use serde::Serialize;
use utoipa::ToSchema;

/// A text in Japanese and English.
#[derive(Debug, Serialize, ToSchema)]
pub struct Localized {
    pub ja: String,
    pub en: String,
}

/// An optional text in Japanese and English.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalizedOptional {
    pub ja: Option<String>,
    pub en: Option<String>,
}

/// A code with its labels.
#[derive(Debug, Serialize, ToSchema)]
pub struct Labelled {
    /// Stable code, e.g. `npo` or `33` or `331007`.
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
}

/// A numbered code (activity field 1–20, SDG 1–17) with its labels.
#[derive(Debug, Serialize, ToSchema)]
pub struct Numbered {
    pub code: u8,
    pub name_ja: String,
    pub name_en: String,
}

pub fn fields(set: &ActivityFields) -> Vec<Numbered> {
    set.iter()
        .filter_map(activity_field)
        .map(|f| Numbered {
            code: f.code,
            name_ja: f.name_ja.into(),
            name_en: f.name_en.into(),
        })
        .collect()
}

pub fn goals(set: &SdgGoals) -> Vec<Numbered> {
    set.iter()
        .filter_map(sdg_goal)
        .map(|g| Numbered {
            code: g.code,
            name_ja: g.name_ja.into(),
            name_en: g.name_en.into(),
        })
        .collect()
}

/// What a portal covers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScopeDto {
    /// Prefecture codes (01–47); empty with `municipalities` empty means all of Japan.
    pub prefectures: Vec<String>,
    /// Municipality codes (6 digits with check digit).
    pub municipalities: Vec<String>,
    /// Activity fields 1–20; empty with `sdgs` empty means every field.
    pub activity_fields: Vec<u8>,
    pub sdgs: Vec<u8>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BrandingDto {
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: Option<String>,
    pub introduction: LocalizedOptional,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PortalLinks {
    #[serde(rename = "self")]
    pub self_: String,
    pub html: String,
    pub organisations: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PortalDto {
    pub slug: String,
    pub name: Localized,
    /// `regional` or `theme`.
    pub kind: String,
    pub operator_organisation_id: Option<i64>,
    pub scope: ScopeDto,
    pub branding: BrandingDto,
    pub organisation_count: u64,
    pub updated_at: DateTime<Utc>,
    pub links: PortalLinks,
}

pub fn portal(base_url: &str, p: &Portal, count: u64) -> PortalDto {
    let s = &p.settings;
    let slug = s.slug.to_string();
    PortalDto {
        name: Localized {
            ja: s.name_ja.clone(),
            en: s.name_en.clone(),
        },
        kind: s.kind.code().into(),
        operator_organisation_id: s.operator_organisation_id,
        scope: ScopeDto {
            prefectures: s.scope.prefectures.iter().map(|c| c.to_string()).collect(),
            municipalities: s
                .scope
                .municipalities
                .iter()
                .map(|c| c.to_string())
                .collect(),
            activity_fields: s.scope.activity_fields.iter().collect(),
            sdgs: s.scope.sdgs.iter().collect(),
        },
        branding: BrandingDto {
            primary_colour: s.branding.primary_colour.to_string(),
            accent_colour: s.branding.accent_colour.to_string(),
            logo_url: s.branding.logo_url.clone(),
            introduction: LocalizedOptional {
                ja: s.branding.intro_ja.clone(),
                en: s.branding.intro_en.clone(),
            },
        },
        organisation_count: count,
        updated_at: p.updated_at,
        links: PortalLinks {
            self_: format!("{base_url}/api/v1/portals/{slug}"),
            html: format!("{base_url}/p/{slug}"),
            organisations: format!("{base_url}/api/v1/portals/{slug}/organisations"),
        },
        slug,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PortalList {
    pub items: Vec<PortalDto>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
    pub links: ListLinks,
}

/// The public address: the street line appears only when the organisation published it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressDto {
    pub postal_code: Option<String>,
    pub prefecture: Option<Labelled>,
    pub municipality: Option<Labelled>,
    pub street: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationLinks {
    #[serde(rename = "self")]
    pub self_: String,
    pub html: String,
    /// The ★ checklist.
    pub disclosure: String,
    pub certifications: String,
    /// Yearly reports and finances.
    pub reports: String,
    pub programmes: String,
    pub metrics: String,
    pub documents: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDto {
    pub id: i64,
    /// Official name, including the legal form as registered.
    pub name: String,
    /// Reading in katakana.
    pub name_kana: Option<String>,
    pub legal_form: Labelled,
    /// Roles in the ecosystem: npo_ngo, company, government, academic, intermediary, funder.
    pub roles: Vec<String>,
    /// 法人番号 (13 digits), if the organisation has one.
    pub corporate_number: Option<String>,
    pub address: AddressDto,
    pub website: Option<String>,
    pub email: Option<String>,
    pub mission: Option<String>,
    pub description: Option<String>,
    pub activity_fields: Vec<Numbered>,
    pub sdgs: Vec<Numbered>,
    pub activity_areas: Vec<Labelled>,
    /// 設立年月日.
    pub founded_on: Option<NaiveDate>,
    /// 法人設立年月日.
    pub incorporated_on: Option<NaiveDate>,
    /// 所轄庁.
    pub competent_authority: Option<String>,
    pub representative_name: Option<String>,
    pub representative_title: Option<String>,
    /// Month the fiscal year starts (1–12).
    pub fiscal_year_start_month: Option<u8>,
    pub phone: Option<String>,
    pub contact_name: Option<String>,
    /// The organisation says it has no website.
    pub website_none: bool,
    pub social_x: Option<String>,
    pub social_facebook: Option<String>,
    pub social_instagram: Option<String>,
    pub social_youtube: Option<String>,
    pub social_line: Option<String>,
    pub social_note: Option<String>,
    pub social_other: Option<String>,
    /// The organisation says it uses no social networks.
    pub social_none: bool,
    /// 役員数.
    pub officers: Option<u32>,
    pub staff_full_time: Option<u32>,
    pub staff_part_time: Option<u32>,
    pub volunteers: Option<u32>,
    pub members_regular: Option<u32>,
    pub members_supporting: Option<u32>,
    /// URL of the logo image, if one was uploaded.
    pub logo: Option<String>,
    pub logo_none: bool,
    /// The ★ information-disclosure level, 0–5 (see `/disclosure` for the checklist).
    pub disclosure_level: u8,
    /// The highest certification step held (1–3), if any.
    pub certification_step: Option<u8>,
    /// When staff last saved or confirmed the whole profile.
    pub reviewed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub links: OrganisationLinks,
}

fn area(places: &Places, ja: &Tr<'_>, en: &Tr<'_>, code: &MunicipalityCode) -> Labelled {
    Labelled {
        code: code.to_string(),
        name_ja: places.area_name(ja, code),
        name_en: places.area_name(en, code),
    }
}

pub fn organisation(
    base_url: &str,
    i18n: &hiroba_i18n::I18n,
    places: &Places,
    o: &Organisation,
) -> OrganisationDto {
    let ja = Tr::new(hiroba_i18n::Lang::Ja, i18n);
    let en = Tr::new(hiroba_i18n::Lang::En, i18n);
    let p = &o.profile;
    let d = &p.details;
    let social = |kind: SocialKind| d.social.get(&kind).map(|u| u.to_string());
    let form = p.legal_form.info();
    OrganisationDto {
        id: o.id,
        name: p.name.clone(),
        name_kana: p.name_kana.clone(),
        legal_form: Labelled {
            code: form.code.into(),
            name_ja: form.name_ja.into(),
            name_en: form.name_en.into(),
        },
        roles: p.roles.iter().map(|r| r.code().to_owned()).collect(),
        corporate_number: p.corporate_number.map(|c| c.to_string()),
        address: AddressDto {
            postal_code: p.address.postal_code.map(|c| c.to_string()),
            prefecture: p.address.prefecture.map(|c| Labelled {
                code: c.to_string(),
                name_ja: c.info().name_ja.into(),
                name_en: c.info().name_en.into(),
            }),
            municipality: p.address.municipality.map(|c| Labelled {
                code: c.to_string(),
                name_ja: places.municipality_name(&ja, &c),
                name_en: places.municipality_name(&en, &c),
            }),
            street: p.address.public_street().map(str::to_owned),
        },
        website: p.website.as_ref().map(|w| w.to_string()),
        email: p.email.as_ref().map(|e| e.to_string()),
        mission: p.mission.clone(),
        description: p.description.clone(),
        activity_fields: fields(&p.activity_fields),
        sdgs: goals(&p.sdgs),
        activity_areas: p
            .activity_areas
            .iter()
            .map(|a| area(places, &ja, &en, a))
            .collect(),
        founded_on: d.founded_on,
        incorporated_on: d.incorporated_on,
        competent_authority: d.competent_authority.clone(),
        representative_name: d.representative_name.clone(),
        representative_title: d.representative_title.clone(),
        fiscal_year_start_month: d.fiscal_year_start_month,
        phone: d.phone.as_ref().map(|x| x.to_string()),
        contact_name: d.contact_name.clone(),
        website_none: d.website_none,
        social_x: social(SocialKind::X),
        social_facebook: social(SocialKind::Facebook),
        social_instagram: social(SocialKind::Instagram),
        social_youtube: social(SocialKind::Youtube),
        social_line: social(SocialKind::Line),
        social_note: social(SocialKind::Note),
        social_other: social(SocialKind::Other),
        social_none: d.social_none,
        officers: d.figures.officers,
        staff_full_time: d.figures.staff_full_time,
        staff_part_time: d.figures.staff_part_time,
        volunteers: d.figures.volunteers,
        members_regular: d.figures.members_regular,
        members_supporting: d.figures.members_supporting,
        logo: o
            .logo_key
            .as_ref()
            .map(|_| format!("{base_url}/organisations/{}/logo", o.id)),
        logo_none: o.logo_none,
        disclosure_level: o.disclosure_level,
        certification_step: o.certification.map(|s| s.number()),
        reviewed_at: o.reviewed_at,
        created_at: o.created_at,
        updated_at: o.updated_at,
        links: {
            let api = format!("{base_url}/api/v1/organisations/{}", o.id);
            OrganisationLinks {
                html: format!("{base_url}/organisations/{}", o.id),
                disclosure: format!("{api}/disclosure"),
                certifications: format!("{api}/certifications"),
                reports: format!("{api}/reports"),
                programmes: format!("{api}/programmes"),
                metrics: format!("{api}/metrics"),
                documents: format!("{api}/documents"),
                self_: api,
            }
        },
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListLinks {
    /// The next page, if any.
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationList {
    pub items: Vec<OrganisationDto>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
    pub links: ListLinks,
}
