//! Open data out: a portal's organisations as CSV (UTF-8 with BOM, Shift_JIS) and JSON Lines,
//! on every engine under test. The CSV re-imports through the spreadsheet mapping into the same
//! public profile.

mod support;

use axum::http::StatusCode;
use hiroba_domain::registries::spreadsheet::{Mapping, map_row};
use hiroba_store::disclosure::today_in_japan;
use hiroba_testkit::each_engine;
use support::App;

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[tokio::test]
async fn csv_opens_in_a_spreadsheet_and_reimports_losslessly() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get("/p/okayama/organisations.csv").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.header("content-type"), "text/csv; charset=utf-8");
        assert!(
            r.header("content-disposition")
                .starts_with("attachment; filename=\"okayama-organisations-")
        );
        assert!(r.bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
        let text = std::str::from_utf8(&r.bytes[3..]).unwrap();
        assert!(text.contains("\r\n"), "CRLF line ends");
        let (headers, rows) = parse_csv(text);
        let members = app
            .db
            .store
            .organisations()
            .list(&hiroba_store::organisations::OrganisationQuery {
                portal_id: Some(app.ids.okayama),
                filter: Default::default(),
                page: hiroba_store::paging::PageRequest::Numbered {
                    page: 1,
                    per_page: 100,
                },
            })
            .await
            .unwrap()
            .items;
        assert_eq!(rows.len(), members.len());

        // Re-import: the headers are recognised, and each row becomes the same public profile.
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mapping = Mapping::guess(&header_refs);
        assert!(mapping.has_name());
        for row in &rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            let mut input = map_row(&cells, &mapping);
            let within = hiroba_domain::prefectures::PrefectureCode::parse(&input.prefecture).ok();
            input.municipality = app
                .db
                .store
                .municipalities()
                .resolve(&input.municipality, within)
                .await
                .unwrap()
                .expect("the municipality name resolves");
            let again = input.validate(today_in_japan()).expect("re-imports");
            let id: i64 = row[0].parse().unwrap();
            let original = &members.iter().find(|o| o.id == id).unwrap().profile;
            assert_eq!(again.name, original.name);
            assert_eq!(again.name_kana, original.name_kana);
            assert_eq!(again.legal_form, original.legal_form);
            assert_eq!(again.corporate_number, original.corporate_number);
            assert_eq!(again.address.postal_code, original.address.postal_code);
            assert_eq!(again.address.municipality, original.address.municipality);
            assert_eq!(
                again.address.public_street(),
                original.address.public_street()
            );
            assert_eq!(again.website, original.website);
            assert_eq!(again.email, original.email);
            assert_eq!(again.mission, original.mission);
            assert_eq!(again.description, original.description);
            assert_eq!(again.activity_fields, original.activity_fields);
            assert_eq!(again.sdgs, original.sdgs);
            // A street the organisation keeps private is never exported.
            if let Some(street) = &original.address.street
                && !original.address.street_public
            {
                assert!(!text.contains(street.as_str()), "private street {street}");
            }
        }

        // Shift_JIS on request: the same text.
        let sjis = app.get("/p/okayama/organisations.csv?encoding=sjis").await;
        assert_eq!(sjis.status, StatusCode::OK);
        assert_eq!(sjis.header("content-type"), "text/csv; charset=Shift_JIS");
        let (decoded, _, errors) = encoding_rs::SHIFT_JIS.decode(&sjis.bytes);
        assert!(!errors);
        assert_eq!(decoded, text);

        // Filters as on the list page; bad ones are a clear 400, never a 500.
        let filtered = app
            .get("/p/okayama/organisations.csv?activity_field=13")
            .await;
        assert_eq!(filtered.status, StatusCode::OK);
        assert!(
            parse_csv(std::str::from_utf8(&filtered.bytes[3..]).unwrap())
                .1
                .len()
                <= members.len()
        );
        for bad in [
            "/p/okayama/organisations.csv?encoding=latin1",
            "/p/okayama/organisations.csv?activity_field=99",
        ] {
            assert_eq!(app.get(bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        assert_eq!(
            app.get("/p/nowhere/organisations.csv").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn json_lines_hold_one_public_organisation_per_line() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get("/p/okayama/organisations.jsonl").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.header("content-type"), "application/jsonl; charset=utf-8");
        let lines: Vec<serde_json::Value> = r
            .text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(!lines.is_empty());
        for o in &lines {
            assert!(o["name"].as_str().is_some_and(|n| !n.is_empty()));
            assert!(o["id"].as_i64().is_some());
        }
        let csv = app.get("/p/okayama/organisations.csv").await;
        assert_eq!(
            parse_csv(std::str::from_utf8(&csv.bytes[3..]).unwrap())
                .1
                .len(),
            lines.len()
        );
    })
    .await;
}

#[tokio::test]
async fn search_results_download_as_csv_and_json_lines() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let q = serde_html_form::to_string([("q", "子ども")]).unwrap();

        // The search page links its own results' downloads, query kept.
        let page = app.get(&format!("/p/kodomo/search?{q}")).await;
        let links = page.attr("p.downloads a[download]", "href");
        assert_eq!(
            links,
            [
                format!("/p/kodomo/search.csv?{q}"),
                format!("/p/kodomo/search.csv?{q}&encoding=sjis"),
                format!("/p/kodomo/search.jsonl?{q}"),
            ]
        );

        let csv = app.get(&links[0]).await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
        assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"));
        let (_, rows) = parse_csv(std::str::from_utf8(&csv.bytes[3..]).unwrap());
        let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(names, ["特定非営利活動法人 あおぞら子ども食堂"], "{rows:?}");
        assert!(
            rows[0]
                .iter()
                .any(|c| c.ends_with(&format!("/p/kodomo/organisations/{}", app.ids.aozora)))
        );

        let sjis = app.get(&links[1]).await;
        assert_eq!(sjis.header("content-type"), "text/csv; charset=Shift_JIS");
        let (decoded, _, errors) = encoding_rs::SHIFT_JIS.decode(&sjis.bytes);
        assert!(!errors);
        assert_eq!(decoded, std::str::from_utf8(&csv.bytes[3..]).unwrap());

        let jsonl = app.get(&links[2]).await;
        assert_eq!(
            jsonl.header("content-type"),
            "application/jsonl; charset=utf-8"
        );
        let ids: Vec<i64> = jsonl
            .text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_i64()
                    .unwrap()
            })
            .collect();
        assert_eq!(ids, [app.ids.aozora]);

        // Site-wide, best first; the portal's search holds only its members.
        let all = app.get("/search.jsonl").await;
        assert!(all.text.lines().count() >= 4, "{}", all.text);
        let none = app
            .get(&format!(
                "/p/okayama/search.csv?{}",
                serde_html_form::to_string([("q", "みどりラボ")]).unwrap()
            ))
            .await;
        assert_eq!(
            parse_csv(std::str::from_utf8(&none.bytes[3..]).unwrap())
                .1
                .len(),
            0
        );

        for bad in [
            "/search.csv?encoding=latin1",
            "/search.csv?field=99",
            "/p/kodomo/search.jsonl?level=9",
        ] {
            assert_eq!(app.get(bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        assert_eq!(
            app.get("/p/nowhere/search.csv").await.status,
            StatusCode::NOT_FOUND
        );

        // The portal's list links its exports too.
        let list = app.get("/p/okayama/organisations").await;
        assert_eq!(
            list.attr("p.downloads a[download]", "href")[0],
            "/p/okayama/organisations.csv"
        );
    })
    .await;
}
