//! The human-readable API page, rendered from the same OpenAPI document the API serves, with
//! descriptions from the message files so it reads in both languages.

use crate::AppState;
use crate::errors::AppResult;
use crate::lang::ReqLang;
use crate::page::PageCtx;
use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use utoipa::openapi::RefOr;
use utoipa::openapi::path::ParameterIn;

pub struct ParamDoc {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub description: String,
}

pub struct EndpointDoc {
    pub method: &'static str,
    pub path: String,
    pub anchor: String,
    pub description: String,
    pub params: Vec<ParamDoc>,
    pub statuses: Vec<String>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiPage<'a> {
    page: PageCtx<'a>,
    base_url: String,
    endpoints: Vec<EndpointDoc>,
}

/// Operation ids and parameter names in the API document, for the test that every one has a
/// description in both languages.
pub fn documented_ids() -> (Vec<String>, Vec<String>) {
    let mut ops = Vec::new();
    let mut params = Vec::new();
    for item in crate::api::openapi().paths.paths.values() {
        if let Some(op) = &item.get {
            ops.extend(op.operation_id.clone());
            for p in op.parameters.iter().flatten() {
                if let RefOr::T(p) = p {
                    params.push(p.name.clone());
                }
            }
        }
    }
    params.sort();
    params.dedup();
    (ops, params)
}

pub async fn page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    uri: Uri,
) -> AppResult<Response> {
    let page = PageCtx::new(
        lang,
        &state.i18n,
        &uri,
        state.i18n.message(lang, "api-title", &[]),
    )
    .with_nav("api");
    let tr = page.tr;
    let mut endpoints = Vec::new();
    for (path, item) in &crate::api::openapi().paths.paths {
        let Some(op) = &item.get else { continue };
        let id = op.operation_id.clone().unwrap_or_default();
        endpoints.push(EndpointDoc {
            method: "GET",
            path: path.clone(),
            anchor: format!("op-{id}"),
            description: tr.t(&format!("api-op-{id}")),
            params: op
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) => Some(p),
                    RefOr::Ref(_) => None,
                })
                .map(|p| ParamDoc {
                    name: p.name.clone(),
                    location: tr.t(match p.parameter_in {
                        ParameterIn::Path => "api-param-in-path",
                        _ => "api-param-in-query",
                    }),
                    required: matches!(p.required, utoipa::openapi::Required::True),
                    description: tr.t(&format!("api-param-{}", p.name)),
                })
                .collect(),
            statuses: op.responses.responses.keys().cloned().collect(),
        });
    }
    super::html(&ApiPage {
        base_url: state.config.base_url.clone(),
        endpoints,
        page,
    })
}
