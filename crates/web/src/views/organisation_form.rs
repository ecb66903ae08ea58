//! The organisation profile form: its fields as posted and its sections as shown. Pages and
//! drafts share it; the API has its own body type with the same field names.

use crate::page::Tr;
use crate::views::forms::{Field, Section};
use crate::views::places::Places;
use hiroba_domain::FieldErrors;
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_domain::ecosystem_roles::EcosystemRole;
use hiroba_domain::legal_forms::LEGAL_FORMS;
use hiroba_domain::organisations::{
    DetailsInput, OrganisationInput, OrganisationProfile, SocialKind,
};
use hiroba_domain::prefectures::PREFECTURES;
use hiroba_domain::sdgs::SDG_GOALS;
use serde::{Deserialize, Serialize};

/// The profile form as posted: the domain's input, with activity areas typed one per line.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct OrgForm {
    pub name: String,
    pub name_kana: String,
    pub legal_form: String,
    pub roles: Vec<String>,
    pub corporate_number: String,
    pub postal_code: String,
    pub prefecture: String,
    pub municipality: String,
    pub street: String,
    pub street_public: Option<String>,
    pub website: String,
    pub email: String,
    pub mission: String,
    pub description: String,
    pub activity_fields: Vec<String>,
    pub sdgs: Vec<String>,
    pub activity_areas: String,
    pub founded_on: String,
    pub incorporated_on: String,
    pub competent_authority: String,
    pub representative_name: String,
    pub representative_title: String,
    pub fiscal_year_start_month: String,
    pub phone: String,
    pub contact_name: String,
    pub website_none: Option<String>,
    pub social_x: String,
    pub social_facebook: String,
    pub social_instagram: String,
    pub social_youtube: String,
    pub social_line: String,
    pub social_note: String,
    pub social_other: String,
    pub social_none: Option<String>,
    pub officers: String,
    pub staff_full_time: String,
    pub staff_part_time: String,
    pub volunteers: String,
    pub members_regular: String,
    pub members_supporting: String,
}

fn ticked(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty())
}

fn tick(on: bool) -> Option<String> {
    on.then(|| "on".to_owned())
}

impl OrgForm {
    pub fn into_input(self) -> OrganisationInput {
        let details = DetailsInput {
            founded_on: self.founded_on,
            incorporated_on: self.incorporated_on,
            competent_authority: self.competent_authority,
            representative_name: self.representative_name,
            representative_title: self.representative_title,
            fiscal_year_start_month: self.fiscal_year_start_month,
            phone: self.phone,
            contact_name: self.contact_name,
            website_none: ticked(&self.website_none),
            social_x: self.social_x,
            social_facebook: self.social_facebook,
            social_instagram: self.social_instagram,
            social_youtube: self.social_youtube,
            social_line: self.social_line,
            social_note: self.social_note,
            social_other: self.social_other,
            social_none: ticked(&self.social_none),
            officers: self.officers,
            staff_full_time: self.staff_full_time,
            staff_part_time: self.staff_part_time,
            volunteers: self.volunteers,
            members_regular: self.members_regular,
            members_supporting: self.members_supporting,
        };
        OrganisationInput {
            details,
            name: self.name,
            name_kana: self.name_kana,
            legal_form: self.legal_form,
            roles: self.roles,
            corporate_number: self.corporate_number,
            postal_code: self.postal_code,
            prefecture: self.prefecture,
            municipality: self.municipality,
            street: self.street,
            street_public: self.street_public.is_some_and(|v| !v.is_empty()),
            website: self.website,
            email: self.email,
            mission: self.mission,
            description: self.description,
            activity_fields: self.activity_fields,
            sdgs: self.sdgs,
            activity_areas: self
                .activity_areas
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The form for an existing profile, with places written as people read them.
    pub fn from_profile(p: &OrganisationProfile, places: &Places, tr: &Tr<'_>) -> OrgForm {
        let input = OrganisationInput::from(p);
        let d = input.details.clone();
        let place = |code: &hiroba_domain::codes::MunicipalityCode| {
            let name = places.area_name(&Tr::new(hiroba_i18n::Lang::Ja, tr.i18n), code);
            if name == code.to_string() || name.ends_with(&code.to_string()) {
                code.to_string()
            } else {
                name
            }
        };
        OrgForm {
            municipality: p
                .address
                .municipality
                .map(|m| place(&m))
                .unwrap_or_default(),
            activity_areas: p
                .activity_areas
                .iter()
                .map(place)
                .collect::<Vec<_>>()
                .join("\n"),
            street_public: p.address.street_public.then(|| "on".to_owned()),
            name: input.name,
            name_kana: input.name_kana,
            legal_form: input.legal_form,
            roles: input.roles,
            corporate_number: input.corporate_number,
            postal_code: input.postal_code,
            prefecture: input.prefecture,
            street: input.street,
            website: input.website,
            email: input.email,
            mission: input.mission,
            description: input.description,
            activity_fields: input.activity_fields,
            sdgs: input.sdgs,
            founded_on: d.founded_on,
            incorporated_on: d.incorporated_on,
            competent_authority: d.competent_authority,
            representative_name: d.representative_name,
            representative_title: d.representative_title,
            fiscal_year_start_month: d.fiscal_year_start_month,
            phone: d.phone,
            contact_name: d.contact_name,
            website_none: tick(d.website_none),
            social_x: d.social_x,
            social_facebook: d.social_facebook,
            social_instagram: d.social_instagram,
            social_youtube: d.social_youtube,
            social_line: d.social_line,
            social_note: d.social_note,
            social_other: d.social_other,
            social_none: tick(d.social_none),
            officers: d.officers,
            staff_full_time: d.staff_full_time,
            staff_part_time: d.staff_part_time,
            volunteers: d.volunteers,
            members_regular: d.members_regular,
            members_supporting: d.members_supporting,
        }
    }

    /// A form kept as a draft when a session expired.
    pub fn from_pairs(pairs: &[(String, String)]) -> Option<OrgForm> {
        serde_html_form::from_str(&serde_html_form::to_string(pairs).ok()?).ok()
    }
}

/// The profile form's sections; their anchors are what the ★ checklist links to.
pub fn sections(tr: &Tr<'_>, f: &OrgForm, errs: &FieldErrors) -> Vec<Section> {
    vec![
        Section {
            anchor: "basic",
            title: tr.t("org-form-basic"),
            fields: vec![
                Field::new(tr, errs, "name", "text", &f.name)
                    .required()
                    .autocomplete("organization")
                    .hint(tr.t("org-form-name-hint")),
                Field::new(tr, errs, "name_kana", "text", &f.name_kana)
                    .hint(tr.t("org-form-kana-hint")),
                Field::new(tr, errs, "legal_form", "select", "")
                    .required()
                    .choices(
                        std::iter::once((String::new(), tr.t("filter-any"))).chain(
                            LEGAL_FORMS.iter().map(|l| {
                                (l.code.to_owned(), tr.pick(l.name_ja, l.name_en).to_owned())
                            }),
                        ),
                        std::slice::from_ref(&f.legal_form),
                    ),
                Field::new(tr, errs, "roles", "checkboxes", "").choices(
                    EcosystemRole::ALL
                        .iter()
                        .map(|r| (r.code().to_owned(), tr.t(&format!("role-{}", r.code())))),
                    &f.roles,
                ),
                Field::new(tr, errs, "corporate_number", "text", &f.corporate_number)
                    .inputmode("numeric")
                    .hint(tr.t("org-form-number-hint")),
                Field::new(tr, errs, "founded_on", "text", &f.founded_on)
                    .hint(tr.t("org-form-date-hint")),
                Field::new(tr, errs, "incorporated_on", "text", &f.incorporated_on)
                    .hint(tr.t("org-form-date-hint")),
                Field::new(
                    tr,
                    errs,
                    "competent_authority",
                    "text",
                    &f.competent_authority,
                )
                .hint(tr.t("org-form-authority-hint")),
                Field::new(
                    tr,
                    errs,
                    "representative_name",
                    "text",
                    &f.representative_name,
                )
                .hint(tr.t("org-form-representative-hint")),
                Field::new(
                    tr,
                    errs,
                    "representative_title",
                    "text",
                    &f.representative_title,
                )
                .hint(tr.t("org-form-representative-title-hint")),
                Field::new(tr, errs, "fiscal_year_start_month", "select", "").choices(
                    std::iter::once((String::new(), tr.t("filter-any"))).chain(
                        (1..=12).map(|m| (m.to_string(), tr.tn("org-form-month", "month", m))),
                    ),
                    std::slice::from_ref(&f.fiscal_year_start_month),
                ),
            ],
        },
        Section {
            anchor: "address",
            title: tr.t("org-form-address"),
            fields: vec![
                Field::new(tr, errs, "postal_code", "text", &f.postal_code)
                    .inputmode("numeric")
                    .autocomplete("postal-code"),
                Field::new(tr, errs, "prefecture", "select", "").choices(
                    std::iter::once((String::new(), tr.t("filter-any"))).chain(
                        PREFECTURES.iter().map(|p| {
                            (
                                format!("{:02}", p.code),
                                tr.pick(p.name_ja, p.name_en).to_owned(),
                            )
                        }),
                    ),
                    &[
                        hiroba_domain::prefectures::PrefectureCode::parse(&f.prefecture)
                            .map(|p| p.to_string())
                            .unwrap_or_else(|_| f.prefecture.clone()),
                    ],
                ),
                Field::new(tr, errs, "municipality", "text", &f.municipality)
                    .hint(tr.t("org-form-municipality-hint")),
                Field::new(tr, errs, "street", "text", &f.street).autocomplete("address-line1"),
                Field::new(tr, errs, "street_public", "checkbox", "")
                    .checked(f.street_public.is_some())
                    .label(tr.t("org-form-street-public"))
                    .hint(tr.t("org-form-street-public-hint")),
            ],
        },
        Section {
            anchor: "contact",
            title: tr.t("org-form-contact"),
            fields: vec![
                Field::new(tr, errs, "website", "url", &f.website)
                    .autocomplete("url")
                    .hint(tr.t("org-form-public-hint")),
                Field::new(tr, errs, "website_none", "checkbox", "")
                    .checked(ticked(&f.website_none))
                    .label(tr.t("org-form-website-none")),
                Field::new(tr, errs, "email", "email", &f.email)
                    .autocomplete("email")
                    .hint(tr.t("org-form-public-hint")),
                Field::new(tr, errs, "phone", "tel", &f.phone)
                    .autocomplete("tel")
                    .inputmode("tel")
                    .hint(tr.t("org-form-phone-hint")),
                Field::new(tr, errs, "contact_name", "text", &f.contact_name)
                    .hint(tr.t("org-form-contact-name-hint")),
            ],
        },
        Section {
            anchor: "social",
            title: tr.t("org-form-social"),
            fields: social_fields(tr, f, errs),
        },
        Section {
            anchor: "activities",
            title: tr.t("org-form-activities"),
            fields: vec![
                Field::new(tr, errs, "mission", "textarea", &f.mission).rows(3),
                Field::new(tr, errs, "description", "textarea", &f.description)
                    .rows(8)
                    .hint(tr.t("org-form-description-hint")),
                Field::new(tr, errs, "activity_fields", "checkboxes", "").choices(
                    ACTIVITY_FIELDS
                        .iter()
                        .map(|a| (a.code.to_string(), tr.pick(a.name_ja, a.name_en).to_owned())),
                    &f.activity_fields,
                ),
                Field::new(tr, errs, "sdgs", "checkboxes", "").choices(
                    SDG_GOALS.iter().map(|g| {
                        (
                            g.code.to_string(),
                            format!("{} {}", g.code, tr.pick(g.name_ja, g.name_en)),
                        )
                    }),
                    &f.sdgs,
                ),
                Field::new(tr, errs, "activity_areas", "textarea", &f.activity_areas)
                    .rows(3)
                    .hint(tr.t("org-form-areas-hint")),
            ],
        },
        Section {
            anchor: "people",
            title: tr.t("org-form-people"),
            fields: [
                ("officers", &f.officers),
                ("staff_full_time", &f.staff_full_time),
                ("staff_part_time", &f.staff_part_time),
                ("volunteers", &f.volunteers),
                ("members_regular", &f.members_regular),
                ("members_supporting", &f.members_supporting),
            ]
            .into_iter()
            .map(|(name, value)| {
                Field::new(tr, errs, name, "text", value)
                    .inputmode("numeric")
                    .hint(tr.t(&format!("org-form-{name}-hint")))
            })
            .collect(),
        },
    ]
}

fn social_fields(tr: &Tr<'_>, f: &OrgForm, errs: &FieldErrors) -> Vec<Field> {
    let values = [
        &f.social_x,
        &f.social_facebook,
        &f.social_instagram,
        &f.social_youtube,
        &f.social_line,
        &f.social_note,
        &f.social_other,
    ];
    let mut fields: Vec<Field> = SocialKind::ALL
        .iter()
        .zip(values)
        .map(|(kind, value)| {
            Field::new(tr, errs, kind.field(), "text", value)
                .inputmode("url")
                .autocomplete("url")
        })
        .collect();
    fields.insert(
        0,
        Field::new(tr, errs, "social_intro", "note", "").label(tr.t("org-form-social-hint")),
    );
    fields.push(
        Field::new(tr, errs, "social_none", "checkbox", "")
            .checked(ticked(&f.social_none))
            .label(tr.t("org-form-social-none")),
    );
    fields
}
