//! Server-rendered pages. Each feature has its module; handlers load, build a view and render.

pub mod account;
pub mod accounts;
pub mod api_docs;
pub mod audit;
pub mod certification;
pub mod compare;
pub mod documents;
pub mod errors;
pub mod exports;
pub mod finances;
pub mod forms;
pub mod help;
pub mod home;
pub mod imports;
pub mod invitations;
pub mod linked_data;
pub mod manage;
pub mod metrics;
pub mod open_data;
pub mod organisation_edit;
pub mod organisations;
pub mod platform_admin;
pub mod portal_admin;
pub mod portals;
pub mod programmes;
pub mod reports;
pub mod search;
pub mod team;

use crate::AppState;
use crate::auth::mutations::Book;
use crate::errors::AppError;
use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};

/// Every page, and the list of the ones that change data (see `auth::mutations`).
pub fn router() -> (Router<AppState>, Vec<(Method, &'static str)>) {
    Book::new()
        .get("/", home::home)
        .get("/organisations", organisations::list_all)
        .get("/organisations/{id}", organisations::profile)
        .get(
            "/organisations/{id}/schema.jsonld",
            linked_data::organisation,
        )
        .get("/p/{slug}", portals::home)
        .get("/p/{slug}/theme.css", portals::theme_css)
        .get("/p/{slug}/organisations", organisations::list_in_portal)
        .get("/p/{slug}/organisations.csv", exports::csv)
        .get("/p/{slug}/organisations.jsonl", exports::jsonl)
        .get(
            "/p/{slug}/organisations/{id}",
            organisations::profile_in_portal,
        )
        .get("/search", search::search_all)
        .get("/p/{slug}/search", search::search_in_portal)
        .get("/search.csv", exports::search_csv)
        .get("/search.jsonl", exports::search_jsonl)
        .get("/p/{slug}/search.csv", exports::search_csv_in_portal)
        .get("/p/{slug}/search.jsonl", exports::search_jsonl_in_portal)
        .get("/api", api_docs::page)
        .get("/compare", compare::page)
        .get("/help/disclosure", help::disclosure)
        .get("/help/open-data", open_data::page)
        .get("/lang/{code}", crate::lang::switch)
        // Accounts
        .form("/signup", accounts::signup_page, accounts::signup)
        .get("/verify-email", accounts::verify_email)
        .form(
            "/verify-email/resend",
            accounts::resend_page,
            accounts::resend_verification,
        )
        .form("/signin", accounts::signin_page, accounts::signin)
        .post("/signout", accounts::signout)
        .form("/password/forgot", accounts::forgot_page, accounts::forgot)
        .form("/password/reset", accounts::reset_page, accounts::reset)
        .get("/account", account::overview)
        .post("/account/profile", account::update_profile)
        .post("/account/verify", account::resend_verification)
        .post("/account/email", account::change_email)
        .get("/account/email/confirm", account::confirm_email)
        .post("/account/password", account::change_password)
        .post("/account/tokens", account::create_token)
        .post("/account/tokens/{id}/revoke", account::revoke_token)
        // Organisations, by their staff
        .form(
            "/organisations/new",
            organisation_edit::new_page,
            organisation_edit::create,
        )
        .form(
            "/organisations/{id}/edit",
            organisation_edit::edit_page,
            organisation_edit::update,
        )
        .form(
            "/organisations/{id}/claim",
            organisation_edit::claim_page,
            organisation_edit::claim,
        )
        .get("/organisations/{id}/team", team::organisation_page)
        .post("/organisations/{id}/team/invite", team::organisation_invite)
        .post(
            "/organisations/{id}/team/{user_id}/remove",
            team::organisation_remove,
        )
        .post(
            "/organisations/{id}/invitations/{invitation_id}/revoke",
            team::organisation_revoke,
        )
        .get("/organisations/{id}/log", audit::organisation)
        // An organisation's further sections, by its staff
        .get("/organisations/{id}/manage", manage::page)
        .post_upload("/organisations/{id}/logo", manage::logo)
        .post("/organisations/{id}/reviewed", manage::reviewed)
        .form(
            "/organisations/{id}/programmes",
            programmes::page,
            programmes::add,
        )
        .form(
            "/organisations/{id}/programmes/{programme_id}/edit",
            programmes::edit_page,
            programmes::update,
        )
        .post(
            "/organisations/{id}/programmes/{programme_id}/delete",
            programmes::delete,
        )
        .form("/organisations/{id}/reports", reports::page, reports::save)
        .get("/organisations/{id}/reports/edit", reports::edit_page)
        .post("/organisations/{id}/reports/{year}/delete", reports::delete)
        .upload(
            "/organisations/{id}/documents",
            documents::page,
            documents::upload,
        )
        .get(
            "/organisations/{id}/documents/{document_id}",
            documents::download,
        )
        .post(
            "/organisations/{id}/documents/{document_id}/delete",
            documents::delete,
        )
        .get("/organisations/{id}/logo", documents::logo)
        .get("/organisations/{id}/finances/{year}", finances::statement)
        .form("/organisations/{id}/metrics", metrics::page, metrics::add)
        .form(
            "/organisations/{id}/metrics/{metric_id}/edit",
            metrics::edit_page,
            metrics::update,
        )
        .post(
            "/organisations/{id}/metrics/{metric_id}/values",
            metrics::set_value,
        )
        .post(
            "/organisations/{id}/metrics/{metric_id}/delete",
            metrics::delete,
        )
        .form(
            "/invitations/{token}",
            invitations::page,
            invitations::accept,
        )
        // Portals, by their operators and editors
        .get("/p/{slug}/admin", portal_admin::dashboard)
        .form(
            "/p/{slug}/admin/settings",
            portal_admin::settings_page,
            portal_admin::update_settings,
        )
        .form(
            "/p/{slug}/admin/curation",
            portal_admin::curation_page,
            portal_admin::curate,
        )
        .post(
            "/p/{slug}/admin/curation/{organisation_id}/clear",
            portal_admin::clear_curation,
        )
        .upload(
            "/p/{slug}/admin/import",
            imports::start_page,
            imports::upload,
        )
        .form(
            "/p/{slug}/admin/import/{token}",
            imports::sheet_page,
            imports::confirm,
        )
        .get("/p/{slug}/admin/import/runs/{run_id}", imports::run_page)
        .get(
            "/p/{slug}/admin/import/runs/{run_id}/report.csv",
            imports::report,
        )
        .get("/p/{slug}/admin/claims", portal_admin::claims_page)
        .post(
            "/p/{slug}/admin/claims/{claim_id}",
            portal_admin::decide_claim,
        )
        .get("/p/{slug}/admin/team", team::portal_page)
        .post("/p/{slug}/admin/team/invite", team::portal_invite)
        .post("/p/{slug}/admin/team/{user_id}/remove", team::portal_remove)
        .post(
            "/p/{slug}/admin/invitations/{invitation_id}/revoke",
            team::portal_revoke,
        )
        .get("/p/{slug}/admin/log", audit::portal)
        .get("/p/{slug}/admin/certification", certification::queue)
        .form(
            "/p/{slug}/admin/certification/{organisation_id}",
            certification::review_page,
            certification::grant,
        )
        .post(
            "/p/{slug}/admin/certification/{organisation_id}/revoke/{certification_id}",
            certification::revoke,
        )
        // The platform
        .get("/admin", platform_admin::dashboard)
        .form(
            "/admin/portals/new",
            platform_admin::new_portal_page,
            platform_admin::create_portal,
        )
        .get("/admin/log", audit::platform)
        .finish()
}

/// Renders a template as an HTML response; a rendering failure is a 500.
pub fn html(template: &impl Template) -> Result<Response, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Ok(response)
}
