//! Registering an organisation, editing its profile, and claiming an existing one.

use super::forms::FormPage;
use crate::AppState;
use crate::actions::organisations as act;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::forms::{Field, Section, summary};
use crate::views::places::Places;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::FieldErrors;
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_domain::ecosystem_roles::EcosystemRole;
use hiroba_domain::legal_forms::LEGAL_FORMS;
use hiroba_domain::organisations::{OrganisationInput, OrganisationProfile};
use hiroba_domain::policy::Action;
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
}

impl OrgForm {
    pub fn into_input(self) -> OrganisationInput {
        OrganisationInput {
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
        }
    }

    /// A form kept as a draft when a session expired.
    pub fn from_pairs(pairs: &[(String, String)]) -> Option<OrgForm> {
        serde_html_form::from_str(&serde_html_form::to_string(pairs).ok()?).ok()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DraftQuery {
    pub draft: String,
}

/// The draft for this form and this person, if there is one.
pub async fn restore<T>(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    draft: &str,
    parse: impl Fn(&[(String, String)]) -> Option<T>,
) -> AppResult<Option<T>> {
    if draft.is_empty() {
        return Ok(None);
    }
    let pairs = state
        .store
        .drafts()
        .take(draft, ctx.uri.path(), who.user.id, chrono::Utc::now())
        .await?;
    Ok(pairs.as_deref().and_then(parse))
}

fn sections(tr: &Tr<'_>, f: &OrgForm, errs: &FieldErrors) -> Vec<Section> {
    vec![
        Section {
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
            ],
        },
        Section {
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
            title: tr.t("org-form-contact"),
            fields: vec![
                Field::new(tr, errs, "website", "url", &f.website)
                    .autocomplete("url")
                    .hint(tr.t("org-form-public-hint")),
                Field::new(tr, errs, "email", "email", &f.email)
                    .autocomplete("email")
                    .hint(tr.t("org-form-public-hint")),
            ],
        },
        Section {
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
    ]
}

fn form_page<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    title: String,
    action: String,
    f: &OrgForm,
    errs: &FieldErrors,
    cancel: String,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(ctx, &state.i18n, title);
    let tr = page.tr;
    let mut form = FormPage::new(page, action, tr.t("form-save"));
    form.summary = summary(&tr, errs);
    form.sections = sections(&tr, f, errs);
    form.cancel = Some((tr.t("form-cancel"), cancel));
    form
}

pub async fn new_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    who.authorize(&Action::RegisterOrganisation)?;
    let restored = restore(&state, &ctx, &who, &q.draft, OrgForm::from_pairs).await?;
    let title = state.i18n.message(ctx.lang, "org-new-title", &[]);
    let f = restored.unwrap_or_else(|| OrgForm {
        roles: vec!["npo_ngo".into()],
        ..Default::default()
    });
    form_page(
        &state,
        &ctx,
        title,
        "/organisations/new".into(),
        &f,
        &FieldErrors::new(),
        "/account".into(),
    )
    .render(StatusCode::OK)
}

pub async fn create(State(state): State<AppState>, post: Post<OrgForm>) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    match act::register(&state, &who, form.clone().into_input()).await? {
        Ok(org) => Ok(Redirect::to(&format!(
            "/organisations/{}?notice=organisation-created",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            let title = state.i18n.message(ctx.lang, "org-new-title", &[]);
            form_page(
                &state,
                &ctx,
                title,
                "/organisations/new".into(),
                &form,
                &errs,
                "/account".into(),
            )
            .render(StatusCode::BAD_REQUEST)
        }
    }
}

fn parse_id(id: &str) -> AppResult<i64> {
    id.parse()
        .map_err(|_| AppError::NotFound(Missing::Organisation))
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    let org = act::load(&state, parse_id(&id)?).await?;
    who.authorize(&Action::EditOrganisation {
        organisation_id: org.id,
    })?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let f = match restore(&state, &ctx, &who, &q.draft, OrgForm::from_pairs).await? {
        Some(f) => f,
        None => {
            let places =
                Places::for_organisations(&state.store, std::slice::from_ref(&org), &[]).await?;
            OrgForm::from_profile(&org.profile, &places, &tr)
        }
    };
    let title = tr.ts("org-edit-title", "name", &org.profile.name);
    let href = format!("/organisations/{}", org.id);
    form_page(
        &state,
        &ctx,
        title,
        format!("{href}/edit"),
        &f,
        &FieldErrors::new(),
        href,
    )
    .render(StatusCode::OK)
}

pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<OrgForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    let id = parse_id(&id)?;
    match act::update(&state, &who, id, form.clone().into_input()).await? {
        Ok(org) => {
            Ok(Redirect::to(&format!("/organisations/{}?notice=saved", org.id)).into_response())
        }
        Err(errs) => {
            let org = act::load(&state, id).await?;
            let title =
                Tr::new(ctx.lang, &state.i18n).ts("org-edit-title", "name", &org.profile.name);
            let href = format!("/organisations/{id}");
            form_page(
                &state,
                &ctx,
                title,
                format!("{href}/edit"),
                &form,
                &errs,
                href,
            )
            .render(StatusCode::BAD_REQUEST)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClaimForm {
    pub message: String,
}

fn claim_form<'a>(
    state: &'a AppState,
    ctx: &'a Ctx,
    org: &hiroba_store::organisations::Organisation,
    message: &str,
    errs: &FieldErrors,
) -> FormPage<'a> {
    let page = PageCtx::from_ctx(
        ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "claim-title", &[]),
    );
    let tr = page.tr;
    let href = format!("/organisations/{}", org.id);
    let mut form = FormPage::new(page, format!("{href}/claim"), tr.t("claim-submit"));
    form.intro = vec![
        tr.ts("claim-lead", "name", &org.profile.name),
        tr.t("claim-how"),
    ];
    form.summary = summary(&tr, errs);
    form.sections = vec![Section {
        title: String::new(),
        fields: vec![
            Field::new(&tr, errs, "message", "textarea", message)
                .required()
                .rows(6)
                .hint(tr.t("claim-message-hint")),
        ],
    }];
    form.cancel = Some((tr.t("form-cancel"), href));
    form
}

pub async fn claim_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<DraftQuery>,
) -> AppResult<Response> {
    let org = act::load(&state, parse_id(&id)?).await?;
    who.authorize(&Action::ClaimOrganisation {
        organisation_id: org.id,
    })?;
    let restored = restore(&state, &ctx, &who, &q.draft, |pairs| {
        pairs
            .iter()
            .find(|(k, _)| k == "message")
            .map(|(_, v)| v.clone())
    })
    .await?;
    claim_form(
        &state,
        &ctx,
        &org,
        &restored.unwrap_or_default(),
        &FieldErrors::new(),
    )
    .render(StatusCode::OK)
}

pub async fn claim(
    State(state): State<AppState>,
    Path(id): Path<String>,
    post: Post<ClaimForm>,
) -> AppResult<Response> {
    let (who, form, ctx) = (post.who, post.form, post.ctx);
    let id = parse_id(&id)?;
    match act::claim(&state, &who, id, &form.message).await? {
        Ok(_) => Ok(Redirect::to("/account?notice=claim-submitted").into_response()),
        Err(errs) => {
            let org = act::load(&state, id).await?;
            claim_form(&state, &ctx, &org, &form.message, &errs).render(StatusCode::BAD_REQUEST)
        }
    }
}
