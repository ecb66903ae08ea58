//! Yearly reports: the business report and the year's statement.

use super::organisations::load;
use crate::AppState;
use crate::auth::extract::SignedIn;
use crate::errors::{AppError, AppResult, Missing};
use hiroba_domain::FieldErrors;
use hiroba_domain::finances::{Basis, StatementInput, years};
use hiroba_domain::policy::Action;
use hiroba_domain::validation::text;
use hiroba_store::organisations::Organisation;
use hiroba_store::reports::{Report, ReportInput};

pub const BUSINESS_REPORT_MAX: usize = 10_000;
/// Until an organisation gives its fiscal year, years are counted from April, as most do.
pub const DEFAULT_START_MONTH: u32 = 4;

pub fn start_month(org: &Organisation) -> u32 {
    org.profile
        .details
        .fiscal_year_start_month
        .map(u32::from)
        .unwrap_or(DEFAULT_START_MONTH)
}

pub fn basis(org: &Organisation) -> Basis {
    Basis::for_legal_form(org.profile.legal_form)
}

/// A report as typed: the year, the business report, and the statement's lines.
#[derive(Debug, Clone, Default)]
pub struct ReportForm {
    pub fiscal_year: String,
    pub business_report: String,
    pub lines: StatementInput,
}

/// Creates or replaces one year's report, after checking that its statement adds up.
pub async fn save(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    form: &ReportForm,
) -> AppResult<Result<Report, FieldErrors>> {
    let org = load(state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    let mut errs = FieldErrors::new();
    let year = errs.check(
        "fiscal_year",
        years::parse_year(&form.fiscal_year, crate::today(), start_month(&org)),
    );
    let business_report = errs.check(
        "business_report",
        text(&form.business_report, BUSINESS_REPORT_MAX),
    );
    let basis = basis(&org);
    let statement = match form.lines.validate(basis) {
        Ok(s) => Some(s),
        Err(e) => {
            errs.0.extend(e.0);
            None
        }
    };
    let (Some(year), Some(business_report), Some(statement)) = (year, business_report, statement)
    else {
        return Ok(Err(errs));
    };
    let report = state
        .store
        .reports()
        .save(
            organisation_id,
            &ReportInput {
                fiscal_year: year,
                basis,
                business_report: business_report.as_deref(),
                statement: &statement,
            },
            who.by(),
        )
        .await?;
    Ok(Ok(report))
}

pub async fn delete(
    state: &AppState,
    who: &SignedIn,
    organisation_id: i64,
    year: i32,
) -> AppResult<()> {
    load(state, organisation_id).await?;
    who.authorize(&Action::EditOrganisation { organisation_id })?;
    match state
        .store
        .reports()
        .delete(organisation_id, year, who.by())
        .await
    {
        Err(hiroba_store::StoreError::NotFound) => Err(AppError::NotFound(Missing::Page)),
        other => Ok(other?),
    }
}
