//! Documents and logos: checked by their bytes, written to the file store, recorded in the
//! database. A file is written before its record and removed after its record is gone, so a
//! crash can leave an orphaned file but never a record without its file.

use super::organisations::load;
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::finances::years;
use hiroba_domain::policy::{Action, Actor, authorize};
use hiroba_domain::uploads::{self, FileKind};
use hiroba_domain::{FieldErrors, Invalid};
use hiroba_store::documents::{Document, NewDocument};

/// A file as it arrived in a form.
#[derive(Debug, Clone, Default)]
pub struct UploadedFile {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// What was typed with the file.
#[derive(Debug, Clone, Default)]
pub struct DocumentForm {
    pub kind: String,
    pub fiscal_year: String,
}

async fn store_file(
    state: &AppState,
    prefix: &str,
    kind: FileKind,
    bytes: Vec<u8>,
) -> AppResult<hiroba_files::Stored> {
    let key = hiroba_files::new_key(prefix, kind.extension());
    state
        .files
        .put(&key, bytes)
        .await
        .map_err(|e| AppError::Internal(format!("storing an upload: {e}")))
}

/// Deleting a file whose record is already gone: a failure only leaves an orphan, so it is
/// logged rather than shown.
async fn forget_file(state: &AppState, key: &str) {
    if let Err(error) = state.files.delete(key).await {
        tracing::warn!(%error, key, "could not delete a stored file");
    }
}

pub async fn upload(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    form: &DocumentForm,
    file: Result<UploadedFile, Invalid>,
) -> AppResult<Result<Document, FieldErrors>> {
    let org = load(state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let mut errs = FieldErrors::new();
    let kind = errs.check("kind", DocumentKind::parse(&form.kind));
    let year = match kind {
        Some(k) if k.is_yearly() || !form.fiscal_year.trim().is_empty() => errs
            .check(
                "fiscal_year",
                years::parse_year(
                    &form.fiscal_year,
                    crate::today(),
                    super::reports::start_month(&org),
                ),
            )
            .map(Some),
        _ => Some(None),
    };
    let file = errs.check("file", file);
    let file_kind = file
        .as_ref()
        .and_then(|f| errs.check("file", uploads::check(&f.bytes, &uploads::DOCUMENT)));
    let (Some(kind), Some(year), Some(file), Some(file_kind)) = (kind, year, file, file_kind)
    else {
        return Ok(Err(errs));
    };
    let filename = uploads::safe_filename(&file.filename, file_kind);
    let stored = store_file(state, "documents", file_kind, file.bytes).await?;
    let added = state
        .store
        .documents()
        .add(
            &NewDocument {
                organisation_id,
                kind,
                fiscal_year: year,
                filename: &filename,
                content_type: file_kind.content_type(),
                size: stored.size,
                sha256: &stored.sha256,
                storage_key: &stored.key,
            },
            who.by(),
        )
        .await;
    match added {
        Ok(doc) => Ok(Ok(doc)),
        Err(e) => {
            forget_file(state, &stored.key).await;
            Err(e.into())
        }
    }
}

/// The document `id` of organisation `organisation_id`.
pub async fn get(state: &AppState, organisation_id: i64, id: i64) -> AppResult<Document> {
    state
        .store
        .documents()
        .get(id)
        .await?
        .filter(|d| d.organisation_id == organisation_id)
        .ok_or(AppError::NotFound(Missing::Page))
}

pub async fn delete(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    id: i64,
) -> AppResult<()> {
    get(state, organisation_id, id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let key = state.store.documents().delete(id, who.by()).await?;
    forget_file(state, &key).await;
    Ok(())
}

/// Whether `actor` may read the organisation's private documents.
pub async fn may_see_private(
    state: &AppState,
    actor: Option<&Actor>,
    organisation_id: i64,
) -> AppResult<bool> {
    let Some(actor) = actor else {
        return Ok(false);
    };
    let listed_in = state
        .store
        .organisations()
        .portal_ids(organisation_id)
        .await?;
    Ok(authorize(
        Some(actor),
        &Action::ViewPrivateDocuments {
            organisation_id,
            listed_in: &listed_in,
        },
    )
    .is_ok())
}

/// A document's bytes, if `actor` may read it. A private document is "not found" to anyone
/// else, so its existence is not revealed either.
pub async fn fetch(
    state: &AppState,
    actor: Option<&Actor>,
    organisation_id: i64,
    id: i64,
) -> AppResult<(Document, Vec<u8>)> {
    let doc = get(state, organisation_id, id).await?;
    if !doc.public && !may_see_private(state, actor, organisation_id).await? {
        return Err(AppError::NotFound(Missing::Page));
    }
    let bytes = state
        .files
        .get(&doc.storage_key)
        .await
        .map_err(|e| AppError::Internal(format!("reading a document: {e}")))?
        .ok_or_else(|| AppError::Internal(format!("document {id} has no file")))?;
    Ok((doc, bytes))
}

/// What to do with the logo.
#[derive(Debug, Clone)]
pub enum LogoChange {
    Upload(UploadedFile),
    /// "We have no logo."
    None,
    /// Neither a logo nor an answer.
    Clear,
}

pub async fn set_logo(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    change: LogoChange,
) -> AppResult<Result<(), FieldErrors>> {
    load(state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let previous = match change {
        LogoChange::Upload(file) => {
            let kind = match uploads::check(&file.bytes, &uploads::LOGO) {
                Ok(k) => k,
                Err(e) => {
                    let mut errs = FieldErrors::new();
                    errs.push("logo", e);
                    return Ok(Err(errs));
                }
            };
            let stored = store_file(state, "logos", kind, file.bytes).await?;
            match state
                .store
                .organisations()
                .set_logo(organisation_id, Some(&stored.key), false, who.by())
                .await
            {
                Ok(previous) => previous,
                Err(e) => {
                    forget_file(state, &stored.key).await;
                    return Err(e.into());
                }
            }
        }
        LogoChange::None => {
            state
                .store
                .organisations()
                .set_logo(organisation_id, None, true, who.by())
                .await?
        }
        LogoChange::Clear => {
            state
                .store
                .organisations()
                .set_logo(organisation_id, None, false, who.by())
                .await?
        }
    };
    if let Some(key) = previous {
        forget_file(state, &key).await;
    }
    Ok(Ok(()))
}

/// The logo's bytes and content type (logos are public).
pub async fn logo(state: &AppState, organisation_id: i64) -> AppResult<(FileKind, Vec<u8>)> {
    let org = load(state, organisation_id).await?;
    let key = org.logo_key.ok_or(AppError::NotFound(Missing::Page))?;
    let bytes = state
        .files
        .get(&key)
        .await
        .map_err(|e| AppError::Internal(format!("reading a logo: {e}")))?
        .ok_or(AppError::NotFound(Missing::Page))?;
    let kind =
        uploads::sniff(&bytes).ok_or_else(|| AppError::Internal("logo of unknown kind".into()))?;
    Ok((kind, bytes))
}

/// A required file that did not come.
pub fn missing_file(field: &'static str) -> FieldErrors {
    let mut errs = FieldErrors::new();
    errs.push(field, Invalid::FileMissing);
    errs
}
