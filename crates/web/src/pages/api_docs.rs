//! The human-readable API page, rendered from the same OpenAPI document the API serves, with
//! descriptions from the message files so it reads in both languages.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::page::PageCtx;
use askama::Template;
use axum::extract::State;
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
    /// Needs a personal API token.
    pub authenticated: bool,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiPage<'a> {
    page: PageCtx<'a>,
    base_url: String,
    endpoints: Vec<EndpointDoc>,
    rate_limits: String,
}

/// Every operation of a path, with its method.
fn operations(
    item: &utoipa::openapi::PathItem,
) -> Vec<(&'static str, &utoipa::openapi::path::Operation)> {
    [
        ("GET", &item.get),
        ("POST", &item.post),
        ("PUT", &item.put),
        ("PATCH", &item.patch),
        ("DELETE", &item.delete),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|o| (m, o)))
    .collect()
}

/// Operation ids and parameter names in the API document, for the test that every one has a
/// description in both languages.
pub fn documented_ids() -> (Vec<String>, Vec<String>) {
    let mut ops = Vec::new();
    let mut params = Vec::new();
    for item in crate::api::openapi().paths.paths.values() {
        for (_, op) in operations(item) {
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

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let page = PageCtx::from_ctx(
        &ctx,
        &state.i18n,
        state.i18n.message(ctx.lang, "api-title", &[]),
    )
    .with_nav("api");
    let tr = page.tr;
    let mut endpoints = Vec::new();
    for (path, item) in &crate::api::openapi().paths.paths {
        for (method, op) in operations(item) {
            let id = op.operation_id.clone().unwrap_or_default();
            endpoints.push(EndpointDoc {
                method,
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
                authenticated: op.security.as_ref().is_some_and(|s| !s.is_empty()),
            });
        }
    }
    super::html(&ApiPage {
        base_url: state.config.base_url.clone(),
        endpoints,
        rate_limits: super::open_data::rate_limits(&tr, state.config.api_limits),
        page,
    })
}
