//! A portal's spreadsheet import: upload a CSV, map its columns, preview the first rows with
//! their errors, confirm, then follow the run (a page that JavaScript refreshes; without it, a
//! link reloads it) and download the report of rejected rows.

use super::portal_admin::admin_page;
use crate::AppState;
use crate::actions::imports as act;
use crate::actions::portals::load;
use crate::auth::extract::{Ctx, Post, SignedIn};
use crate::auth::upload::Upload;
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hiroba_domain::Invalid;
use hiroba_domain::registries::spreadsheet::{Mapping, Target};
use hiroba_i18n::Value;
use hiroba_import::spreadsheet::{MappingProblem, Sheet};
use hiroba_store::imports::{ImportRun, RunStatus};
use hiroba_store::portals::Portal;
use serde::Deserialize;

fn base(portal: &Portal) -> String {
    format!("/p/{}/admin/import", portal.settings.slug)
}

/// A run as lists and the progress page show it.
pub struct RunView {
    pub href: String,
    pub file_name: String,
    pub started: String,
    pub status: String,
    /// "running", "finished", "failed" or "interrupted" (for the page's script).
    pub status_code: &'static str,
    pub running: bool,
    pub interrupted: bool,
    pub failed: bool,
    pub percent: u8,
    pub read: u64,
    pub total: String,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    pub error: Option<String>,
    pub report_href: Option<String>,
}

fn run_view(tr: &Tr<'_>, portal: &Portal, r: &ImportRun) -> RunView {
    let href = format!("{}/runs/{}", base(portal), r.id);
    let interrupted = r.interrupted(chrono::Utc::now());
    let status_code = if interrupted {
        "interrupted"
    } else {
        r.status.code()
    };
    RunView {
        report_href: r.report_key.as_ref().map(|_| format!("{href}/report.csv")),
        href,
        file_name: r.file_name.clone(),
        started: crate::views::date(tr, &r.started_at),
        status: tr.t(&format!("import-status-{status_code}")),
        status_code,
        running: r.status == RunStatus::Running && !interrupted,
        interrupted,
        failed: r.status == RunStatus::Failed,
        percent: r.percent().unwrap_or(0),
        read: r.counts.read,
        total: r.rows_total.map(|t| t.to_string()).unwrap_or_default(),
        created: r.counts.created,
        updated: r.counts.updated,
        unchanged: r.counts.unchanged,
        rejected: r.counts.rejected,
        error: r.error.clone(),
    }
}

#[derive(Template)]
#[template(path = "import_start.html")]
struct StartPage<'a> {
    page: PageCtx<'a>,
    action: String,
    file_error: Option<String>,
    runs: Vec<RunView>,
    fields: Vec<(String, String)>,
}

async fn render_start(
    state: &AppState,
    ctx: &Ctx,
    portal: &Portal,
    file_error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let runs = state
        .store
        .imports()
        .portal_runs(portal.id, 20)
        .await?
        .iter()
        .map(|r| run_view(&tr, portal, r))
        .collect();
    let fields = Target::ALL
        .iter()
        .map(|t| (t.code().to_owned(), tr.t(&format!("field-{}", t.code()))))
        .collect();
    let page = admin_page(state, ctx, portal, tr.t("import-title"));
    let mut response = super::html(&StartPage {
        page,
        action: base(portal),
        file_error,
        runs,
        fields,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn start_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    act::authorize(&who, &portal)?;
    render_start(&state, &ctx, &portal, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoFields {}

pub async fn upload(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    upload: Upload<NoFields>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let file = match (upload.too_large, upload.file) {
        (true, _) => Err(Invalid::FileTooLarge {
            max_mb: (act::MAX_BYTES / (1024 * 1024)) as u64,
        }),
        (false, Some(f)) => Ok(f),
        (false, None) => Err(Invalid::FileMissing),
    };
    let file_name = file
        .as_ref()
        .map(|f| f.filename.clone())
        .unwrap_or_default();
    match act::stage(&state, &upload.who, &portal, file).await? {
        Ok(token) => {
            let query =
                serde_html_form::to_string([("name", file_name.as_str())]).unwrap_or_default();
            Ok(Redirect::to(&format!("{}/{token}?{query}", base(&portal))).into_response())
        }
        Err(invalid) => {
            let tr = Tr::new(upload.ctx.lang, &state.i18n);
            let message = crate::forms::message(&tr, &invalid);
            render_start(
                &state,
                &upload.ctx,
                &portal,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

/// The mapping as the page's forms send it: the original file name and one `c` per column
/// (a field code, or empty to leave the column out).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MappingForm {
    pub name: String,
    pub c: Vec<String>,
    /// Set by the preview form: the mapping was chosen (even if every column is left out).
    pub mapped: String,
}

impl MappingForm {
    fn mapping(&self) -> Option<Mapping> {
        (!self.mapped.is_empty() || !self.c.is_empty())
            .then(|| Mapping(self.c.iter().map(|c| Target::parse(c)).collect()))
    }
}

pub struct ColumnView {
    pub index: usize,
    pub header: String,
    pub options: Vec<(String, String, bool)>,
}

pub struct CellView {
    pub text: String,
    pub error: bool,
}

pub struct RowView {
    pub line: u64,
    pub cells: Vec<CellView>,
    /// Each problem: where (a column's header, as typed in the file) and what.
    pub messages: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "import_sheet.html")]
struct SheetPage<'a> {
    page: PageCtx<'a>,
    action: String,
    back: String,
    file_name: String,
    summary: String,
    unreadable: Option<String>,
    columns: Vec<ColumnView>,
    problems: Vec<String>,
    headers: Vec<String>,
    rows: Vec<RowView>,
    more: bool,
    chosen: Vec<String>,
}

fn problem_text(tr: &Tr<'_>, p: &MappingProblem) -> String {
    match p {
        MappingProblem::NoName => tr.t("import-problem-no-name"),
        MappingProblem::Twice(t) => tr.ts(
            "import-problem-twice",
            "field",
            &tr.t(&format!("field-{}", t.code())),
        ),
        MappingProblem::ColumnCount { .. } => tr.t("import-problem-columns"),
    }
}

fn sheet_views(tr: &Tr<'_>, sheet: &Sheet) -> (Vec<ColumnView>, Vec<RowView>) {
    let columns = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let current = sheet.mapping.0.get(index).copied().flatten();
            let mut options = vec![(String::new(), tr.t("import-ignore"), current.is_none())];
            options.extend(Target::ALL.iter().map(|t| {
                (
                    t.code().to_owned(),
                    tr.t(&format!("field-{}", t.code())),
                    current == Some(*t),
                )
            }));
            ColumnView {
                index,
                header: header.clone(),
                options,
            }
        })
        .collect();
    let rows = sheet
        .preview
        .iter()
        .map(|row| {
            let bad: Vec<usize> = row
                .errors
                .iter()
                .filter_map(|(c, _)| *c)
                .chain(row.bad_text)
                .collect();
            let cells = (0..sheet.headers.len().max(row.cells.len()))
                .map(|i| CellView {
                    text: row.cells.get(i).cloned().unwrap_or_default(),
                    error: bad.contains(&i),
                })
                .collect();
            let mut messages: Vec<(String, String)> = row
                .errors
                .iter()
                .map(|(column, e)| {
                    let at = column
                        .and_then(|c| sheet.headers.get(c).cloned())
                        .unwrap_or_else(|| tr.t(&format!("field-{}", e.field)));
                    (at, crate::forms::message(tr, &e.invalid))
                })
                .collect();
            if let Some(c) = row.bad_text {
                let at = sheet.headers.get(c).cloned().unwrap_or_default();
                messages.push((at, tr.t("import-bad-text")));
            }
            RowView {
                line: row.line,
                cells,
                messages,
            }
        })
        .collect();
    (columns, rows)
}

async fn render_sheet(
    state: &AppState,
    ctx: &Ctx,
    who: &SignedIn,
    portal: &Portal,
    token: &str,
    form: &MappingForm,
    extra: Vec<MappingProblem>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let inspected = act::inspect(state, who, portal, token, form.mapping()).await?;
    let page = admin_page(state, ctx, portal, tr.t("import-sheet-title"))
        .crumb(tr.t("import-title"), Some(base(portal)));
    let mut view = SheetPage {
        page,
        action: format!("{}/{token}", base(portal)),
        back: base(portal),
        file_name: form.name.clone(),
        summary: String::new(),
        unreadable: None,
        columns: Vec::new(),
        problems: extra.iter().map(|p| problem_text(&tr, p)).collect(),
        headers: Vec::new(),
        rows: Vec::new(),
        more: false,
        chosen: Vec::new(),
    };
    match inspected {
        Ok(sheet) => {
            let (columns, rows) = sheet_views(&tr, &sheet);
            view.summary = tr.args(
                "import-sheet-summary",
                &[
                    ("rows", Value::from(sheet.rows as i64)),
                    ("encoding", Value::from(sheet.encoding.name())),
                ],
            );
            view.problems
                .extend(sheet.problems.iter().map(|p| problem_text(&tr, p)));
            view.problems.dedup();
            view.chosen = sheet
                .mapping
                .0
                .iter()
                .map(|t| t.map(|t| t.code().to_owned()).unwrap_or_default())
                .collect();
            view.more = sheet.rows > sheet.preview.len() as u64;
            view.headers = sheet.headers;
            view.columns = columns;
            view.rows = rows;
        }
        Err(reason) => view.unreadable = Some(reason),
    }
    super::html(&view)
}

pub async fn sheet_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path((slug, token)): Path<(String, String)>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let form: MappingForm =
        serde_html_form::from_str(ctx.uri.query().unwrap_or_default()).unwrap_or_default();
    render_sheet(&state, &ctx, &who, &portal, &token, &form, Vec::new()).await
}

pub async fn confirm(
    State(state): State<AppState>,
    Path((slug, token)): Path<(String, String)>,
    post: Post<MappingForm>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let mapping = post.form.mapping().unwrap_or_default();
    match act::start(&state, &post.who, &portal, &token, &post.form.name, mapping).await? {
        Ok(run_id) => Ok(Redirect::to(&format!("{}/runs/{run_id}", base(&portal))).into_response()),
        Err(problems) => {
            let mut response = render_sheet(
                &state, &post.ctx, &post.who, &portal, &token, &post.form, problems,
            )
            .await?;
            *response.status_mut() = StatusCode::BAD_REQUEST;
            Ok(response)
        }
    }
}

#[derive(Template)]
#[template(path = "import_run.html")]
struct RunPage<'a> {
    page: PageCtx<'a>,
    run: RunView,
    back: String,
    list: String,
}

pub async fn run_page(
    State(state): State<AppState>,
    ctx: Ctx,
    who: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let run = act::run(&state, &who, &portal, &id).await?;
    let tr = Tr::new(ctx.lang, &state.i18n);
    let view = run_view(&tr, &portal, &run);
    if ctx.uri.query().is_some_and(|q| q.contains("format=json")) {
        return Ok(Json(serde_json::json!({
            "status": view.status_code,
            "status_label": view.status,
            "percent": view.percent,
            "read": view.read,
            "created": view.created,
            "updated": view.updated,
            "unchanged": view.unchanged,
            "rejected": view.rejected,
        }))
        .into_response());
    }
    let page = admin_page(&state, &ctx, &portal, tr.t("import-run-title"))
        .crumb(tr.t("import-title"), Some(base(&portal)));
    super::html(&RunPage {
        page,
        run: view,
        back: base(&portal),
        list: format!("/p/{}/organisations", portal.settings.slug),
    })
}

pub async fn report(
    State(state): State<AppState>,
    who: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let portal = load(&state, &slug).await?;
    let bytes = act::report(&state, &who, &portal, &id).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"import-{}-rejected.csv\"",
        id.trim()
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
