//! `/api/v1/vocabularies`: the code lists.

use super::dto::{Labelled, Numbered};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use hiroba_domain::activity_fields::ACTIVITY_FIELDS;
use hiroba_domain::ecosystem_roles::EcosystemRole;
use hiroba_domain::legal_forms::LEGAL_FORMS;
use hiroba_domain::prefectures::PREFECTURES;
use hiroba_domain::sdgs::SDG_GOALS;
use hiroba_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Vocabularies {
    pub legal_forms: Vec<Labelled>,
    pub activity_fields: Vec<Numbered>,
    pub sdgs: Vec<Numbered>,
    pub prefectures: Vec<Labelled>,
    pub roles: Vec<Labelled>,
    pub portal_kinds: Vec<Labelled>,
}

/// Every code list with Japanese and English labels.
#[utoipa::path(get, path = "/vocabularies", operation_id = "get_vocabularies", tag = "vocabularies", responses((status = 200, body = Vocabularies)))]
pub async fn get_all(State(state): State<AppState>) -> Json<Vocabularies> {
    let label = |id: String| Labelled {
        name_ja: state.i18n.message(Lang::Ja, &id, &[]),
        name_en: state.i18n.message(Lang::En, &id, &[]),
        code: id
            .split_once('-')
            .map(|(_, c)| c.to_owned())
            .unwrap_or_default(),
    };
    Json(Vocabularies {
        legal_forms: LEGAL_FORMS
            .iter()
            .map(|f| Labelled {
                code: f.code.into(),
                name_ja: f.name_ja.into(),
                name_en: f.name_en.into(),
            })
            .collect(),
        activity_fields: ACTIVITY_FIELDS
            .iter()
            .map(|f| Numbered {
                code: f.code,
                name_ja: f.name_ja.into(),
                name_en: f.name_en.into(),
            })
            .collect(),
        sdgs: SDG_GOALS
            .iter()
            .map(|g| Numbered {
                code: g.code,
                name_ja: g.name_ja.into(),
                name_en: g.name_en.into(),
            })
            .collect(),
        prefectures: PREFECTURES
            .iter()
            .map(|p| Labelled {
                code: format!("{:02}", p.code),
                name_ja: p.name_ja.into(),
                name_en: p.name_en.into(),
            })
            .collect(),
        roles: EcosystemRole::ALL
            .iter()
            .map(|r| label(format!("role-{}", r.code())))
            .collect(),
        portal_kinds: ["regional", "theme"]
            .iter()
            .map(|k| label(format!("kind-{k}")))
            .collect(),
    })
}
