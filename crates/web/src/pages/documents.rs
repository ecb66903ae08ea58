//! Staff pages for documents (upload, list, delete) and the download route everyone uses.

use super::manage::{Tab, editable, parse_id, staff_page, tabs};
use crate::AppState;
use crate::actions::documents::{self as act, DocumentForm};
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::auth::upload::Upload;
use crate::errors::{AppError, AppResult, Missing};
use crate::page::{PageCtx, Tr};
use crate::views::finances::year_label;
use crate::views::forms::{Field, summary};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::{FieldErrors, Invalid, uploads};
use hiroba_store::documents::Document;
use hiroba_store::organisations::Organisation;
use serde::Deserialize;

/// A document as lists show it.
#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub id: i64,
    pub kind: String,
    pub year: String,
    pub filename: String,
    pub size: String,
    pub public: bool,
    pub href: String,
}

pub fn rows(tr: &Tr<'_>, organisation_id: i64, docs: &[Document]) -> Vec<DocumentRow> {
    docs.iter()
        .map(|d| DocumentRow {
            id: d.id,
            kind: tr.t(&format!("document-kind-{}", d.kind.code())),
            year: d.fiscal_year.map(|y| year_label(tr, y)).unwrap_or_default(),
            filename: d.filename.clone(),
            size: size(d.size),
            public: d.public,
            href: format!("/organisations/{organisation_id}/documents/{}", d.id),
        })
        .collect()
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage<'a> {
    page: PageCtx<'a>,
    tabs: Vec<Tab>,
    org_id: i64,
    documents: Vec<DocumentRow>,
    summary: Vec<(String, String)>,
    fields: Vec<Field>,
    file_error: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocumentFormInput {
    pub kind: String,
    pub fiscal_year: String,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    org: &Organisation,
    form: &DocumentFormInput,
    errs: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let docs = state.store.documents().list(org.id, true).await?;
    let page = staff_page(state, ctx, org, tr.t("documents-title"));
    let kinds = std::iter::once((String::new(), tr.t("filter-any"))).chain(
        DocumentKind::ALL.iter().map(|k| {
            (
                k.code().to_owned(),
                tr.t(&format!("document-kind-{}", k.code())),
            )
        }),
    );
    let mut response = super::html(&DocumentsPage {
        tabs: tabs(&tr, org.id, "documents"),
        org_id: org.id,
        documents: rows(&tr, org.id, &docs),
        summary: summary(&tr, errs),
        fields: vec![
            Field::new(&tr, errs, "kind", "select", "")
                .label(tr.t("document-kind"))
                .required()
                .hint(tr.t("document-kind-hint"))
                .choices(kinds, std::slice::from_ref(&form.kind)),
            Field::new(&tr, errs, "fiscal_year", "text", &form.fiscal_year)
                .label(tr.t("report-fiscal-year"))
                .hint(tr.t("document-year-hint")),
        ],
        file_error: crate::forms::error_for(&tr, errs, "file"),
        page,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let org = editable(&state, &who, &id).await?;
    render(
        &state,
        &ctx,
        &org,
        &DocumentFormInput::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    upload: Upload<DocumentFormInput>,
) -> AppResult<Response> {
    let org = editable(&state, &upload.who, &id).await?;
    let form = DocumentForm {
        kind: upload.form.kind.clone(),
        fiscal_year: upload.form.fiscal_year.clone(),
    };
    let file = match (upload.too_large, upload.file) {
        (true, _) => Err(Invalid::FileTooLarge {
            max_mb: uploads::DOCUMENT.max_mb(),
        }),
        (false, Some(f)) => Ok(f),
        (false, None) => Err(Invalid::FileMissing),
    };
    match act::upload(&state, &upload.who, org.id, &form, file).await? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/organisations/{}/documents?notice=uploaded",
            org.id
        ))
        .into_response()),
        Err(errs) => {
            render(
                &state,
                &upload.ctx,
                &org,
                &upload.form,
                &errs,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path((id, doc)): Path<(String, String)>,
    post: Post<super::manage::NoFields>,
) -> AppResult<Response> {
    let org = editable(&state, &post.who, &id).await?;
    let doc: i64 = doc.parse().map_err(|_| AppError::NotFound(Missing::Page))?;
    act::delete(&state, &post.who, org.id, doc).await?;
    Ok(Redirect::to(&format!(
        "/organisations/{}/documents?notice=deleted",
        org.id
    ))
    .into_response())
}

fn file_response(
    content_type: &str,
    disposition: String,
    bytes: Vec<u8>,
    private: bool,
) -> Response {
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // Private files must not linger in shared caches.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if private {
            "private, no-store"
        } else {
            "public, max-age=3600"
        }),
    );
    // A PDF may carry script; a sandbox keeps it from running as this site.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

/// Serves a document: public ones to anyone, private ones only to those allowed to see them
/// (anyone else gets "not found").
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, doc)): Path<(String, String)>,
) -> AppResult<Response> {
    let org_id = parse_id(&id)?;
    let doc: i64 = doc.parse().map_err(|_| AppError::NotFound(Missing::Page))?;
    let actor = ctx.auth.actor();
    let (document, bytes) = act::fetch(&state, actor, org_id, doc).await?;
    Ok(file_response(
        &document.content_type,
        uploads::content_disposition(&document.filename, true),
        bytes,
        !document.public,
    ))
}

pub async fn logo(State(state): State<AppState>, Path(id): Path<String>) -> AppResult<Response> {
    let (kind, bytes) = act::logo(&state, parse_id(&id)?).await?;
    Ok(file_response(
        kind.content_type(),
        uploads::content_disposition(&format!("logo.{}", kind.extension()), true),
        bytes,
        false,
    ))
}
