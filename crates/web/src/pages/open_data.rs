//! `/help/open-data`: the data licence (CC BY 4.0), how to credit it, what is never published,
//! the formats with each portal's downloads, the CSV's columns, the API's limits and how often
//! the data changes. In Japanese by default, English by choice.

use crate::AppState;
use crate::auth::extract::Ctx;
use crate::errors::AppResult;
use crate::page::{PageCtx, Tr};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use hiroba_i18n::Value;

/// The description of each CSV column, by its header (`hiroba_opendata::HEADERS`).
pub const COLUMNS: [(&str, &str); 26] = [
    ("ID", "opendata-col-id"),
    ("団体名", "opendata-col-name"),
    ("フリガナ", "opendata-col-kana"),
    ("法人格", "opendata-col-legal-form"),
    ("法人番号", "opendata-col-corporate-number"),
    ("郵便番号", "opendata-col-postal-code"),
    ("都道府県", "opendata-col-prefecture"),
    ("市区町村", "opendata-col-municipality"),
    ("住所", "opendata-col-street"),
    ("住所の公開", "opendata-col-street-public"),
    ("URL", "opendata-col-website"),
    ("メールアドレス", "opendata-col-email"),
    ("電話番号", "opendata-col-phone"),
    ("目的", "opendata-col-mission"),
    ("活動内容", "opendata-col-description"),
    ("活動分野", "opendata-col-fields"),
    ("活動分野（名称）", "opendata-col-field-names"),
    ("SDGs", "opendata-col-sdgs"),
    ("設立年月日", "opendata-col-founded"),
    ("代表者", "opendata-col-representative"),
    ("代表者役職", "opendata-col-representative-title"),
    ("所轄庁", "opendata-col-authority"),
    ("情報公開レベル", "opendata-col-level"),
    ("認証", "opendata-col-certification"),
    ("プロフィールページ", "opendata-col-url"),
    ("最終更新", "opendata-col-updated"),
];

pub struct Column {
    pub header: &'static str,
    pub meaning: String,
}

pub struct PortalDownloads {
    pub name: String,
    pub credit: String,
    pub csv: String,
    pub sjis: String,
    pub jsonl: String,
}

#[derive(Template)]
#[template(path = "help_open_data.html")]
struct OpenDataPage<'a> {
    page: PageCtx<'a>,
    credit_example: String,
    credit_modified: String,
    rate_limits: String,
    portals: Vec<PortalDownloads>,
    columns: Vec<Column>,
    base_url: String,
}

/// The API's limits as configured, in a sentence.
pub fn rate_limits(tr: &Tr<'_>, limits: crate::ApiLimits) -> String {
    if limits.anonymous == 0 || limits.window_secs <= 0 {
        return tr.t("opendata-rate-limit-off");
    }
    let token = if limits.token == 0 {
        "∞".to_owned()
    } else {
        limits.token.to_string()
    };
    tr.args(
        "opendata-rate-limit",
        &[
            ("limit", Value::from(limits.anonymous.to_string())),
            ("window", Value::from(limits.window_secs.to_string())),
            ("token_limit", Value::from(token)),
        ],
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang, &state.i18n);
    let credit = |portal: &str| {
        tr.args(
            "opendata-attribution-example",
            &[("portal", Value::from(portal.to_owned()))],
        )
    };
    let generic = tr.t("opendata-attribution-generic");
    let portals = state
        .store
        .portals()
        .list()
        .await?
        .iter()
        .map(|p| {
            let slug = p.settings.slug.to_string();
            let list = format!("/p/{slug}/organisations");
            PortalDownloads {
                name: p.settings.name(ctx.lang.is_english()).to_owned(),
                // The credit names the portal in Japanese, as the data is.
                credit: credit(&p.settings.name_ja),
                csv: format!("{list}.csv"),
                sjis: format!("{list}.csv?encoding=sjis"),
                jsonl: format!("{list}.jsonl"),
            }
        })
        .collect();
    let rate_limits = rate_limits(&tr, state.config.api_limits);
    let title = tr.t("opendata-title");
    super::html(&OpenDataPage {
        credit_example: credit(&generic),
        credit_modified: tr.args(
            "opendata-attribution-modified",
            &[("portal", Value::from(generic.clone()))],
        ),
        rate_limits,
        portals,
        columns: COLUMNS
            .iter()
            .map(|(header, id)| Column {
                header,
                meaning: tr.t(id),
            })
            .collect(),
        base_url: state.config.base_url.clone(),
        page: PageCtx::from_ctx(&ctx, &state.i18n, title),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_csv_column_is_described_in_order() {
        let described: Vec<&str> = super::COLUMNS.iter().map(|(h, _)| *h).collect();
        assert_eq!(described, hiroba_opendata::HEADERS);
        let i18n = hiroba_i18n::I18n::new();
        for (_, id) in super::COLUMNS {
            for lang in [hiroba_i18n::Lang::Ja, hiroba_i18n::Lang::En] {
                assert_ne!(i18n.message(lang, id, &[]), id, "{id} in {lang:?}");
            }
        }
    }
}
