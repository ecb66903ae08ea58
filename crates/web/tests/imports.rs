//! The operators' spreadsheet import in the browser, on every engine under test: upload, the
//! guessed mapping and the preview with errors, a changed mapping, confirmation, the progress
//! page (HTML and JSON), the report of rejected rows, and the imported organisations marked as
//! imported, claimable and listed in the portal.

mod support;

use axum::http::StatusCode;
use hiroba_domain::registries::provenance::{Origin, Source};
use hiroba_testkit::each_engine;
use support::{App, Who};

const SHEET: &str = "団体名,フリガナ,市区町村,メール,活動分野,備考\r\n\
いずみの会,イズミノカイ,岡山市,izumi@example.jp,環境,毎月第2土曜に川の清掃\r\n\
せせらぎクラブ,,岡山市,not-an-address,宇宙開発,\r\n\
ほたるの里,ホタルノサト,倉敷市,,まちづくり,\r\n";

fn cp932(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

/// Waits for a run to finish, following its JSON progress as the page's script does.
async fn finished(b: &mut support::Browser<'_>, href: &str) -> serde_json::Value {
    for _ in 0..200 {
        let r = b.get(&format!("{href}?format=json")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let s = r.json();
        if s["status"] != "running" {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

#[tokio::test]
async fn an_operator_imports_a_spreadsheet_in_the_browser() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let slug = "okayama";
        let mut b = app.as_(Who::OperatorP).await;

        let page = b.get(&format!("/p/{slug}/admin")).await;
        assert!(
            page.attr("a", "href")
                .contains(&format!("/p/{slug}/admin/import")),
            "the dashboard links the import"
        );
        let start = b.get(&format!("/p/{slug}/admin/import")).await;
        assert_eq!(start.status, StatusCode::OK);
        assert!(start.text.contains("一覧表から取り込む"));

        // Nothing chosen: the form says so and keeps the page.
        let r = b
            .post_multipart(&format!("/p/{slug}/admin/import"), &[], None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.texts(".field-error").len(), 1, "{}", r.text);

        let r = b
            .post_multipart(
                &format!("/p/{slug}/admin/import"),
                &[],
                Some(("file", "団体一覧.csv", &cp932(SHEET))),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let sheet = r.header("location").to_owned();
        assert!(sheet.contains("name="), "{sheet}");

        // The guessed mapping and the preview: the bad row's cells are marked, with reasons.
        let preview = b.get(&sheet).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
        assert!(preview.text.contains("団体一覧.csv"));
        assert!(preview.text.contains("3 行"), "rows counted");
        let selected = preview.attr("select option[selected]", "value");
        assert_eq!(
            selected,
            ["name", "name_kana", "municipality", "email", "activity_fields", ""],
        );
        assert_eq!(preview.texts("td.cell-error").len(), 2, "email and field");
        let messages = preview.texts("td ul.field-error li");
        assert!(
            messages.iter().any(|m| m.starts_with("メール")),
            "{messages:?}"
        );
        assert!(preview.text.contains("問題なし"));
        support::assert_fully_english(&sheet, &b.get(&format!("{sheet}&lang=en")).await);

        // Map 備考 to the activity description, as an operator would with the GET form.
        let path = sheet.split('?').next().unwrap();
        let remapped = b
            .get(&format!(
                "{path}?name=list.csv&mapped=1&c=name&c=name_kana&c=municipality&c=email&c=activity_fields&c=description"
            ))
            .await;
        let selected = remapped.attr("select option[selected]", "value");
        assert_eq!(selected.last().map(String::as_str), Some("description"));
        // Two columns on one field: named, and the import button is off.
        let twice = b
            .get(&format!(
                "{path}?mapped=1&c=name&c=name&c=&c=&c=&c="
            ))
            .await;
        assert_eq!(twice.texts(".error-summary li").len(), 1, "{}", twice.text);
        assert_eq!(twice.attr("button[disabled]", "type").len(), 1);
        let refused = b
            .post(path, &[("name", "list.csv"), ("c", "name"), ("c", "name")])
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);

        // Confirm: the run page, then its progress until it ends.
        let fields = [
            ("name", "団体一覧.csv"),
            ("mapped", "1"),
            ("c", "name"),
            ("c", "name_kana"),
            ("c", "municipality"),
            ("c", "email"),
            ("c", "activity_fields"),
            ("c", "description"),
        ];
        let r = b.post(path, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let run = r.header("location").to_owned();
        assert!(run.contains("/admin/import/runs/"), "{run}");
        let s = finished(&mut b, &run).await;
        assert_eq!(s["status"], "finished", "{s}");
        assert_eq!((s["created"].as_u64(), s["rejected"].as_u64()), (Some(2), Some(1)));
        assert_eq!(s["percent"], 100);

        let page = b.get(&run).await;
        assert_eq!(page.attr("progress", "value"), ["100"]);
        let report = page.attr("a[download]", "href");
        assert_eq!(report.len(), 1, "{}", page.text);
        let csv = b.get(&report[0]).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"), "Excel reads the BOM");
        assert!(csv.text.contains("not-an-address"));
        assert!(csv.text.contains(",3,") || csv.text.contains("\n3,"), "{}", csv.text);

        // The organisations: imported, claimable, in the portal, with the mapped description.
        let store = &app.db.store;
        let izumi = store
            .organisations()
            .search_by_name("いずみの会", 5)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(izumi.origin, Origin::Registry(Source::Spreadsheet));
        assert_eq!(
            izumi.profile.description.as_deref(),
            Some("毎月第2土曜に川の清掃")
        );
        assert!(store.portals().is_member(app.ids.okayama, izumi.id).await.unwrap());
        let mut visitor = app.as_(Who::User).await;
        let profile = visitor.get(&format!("/organisations/{}", izumi.id)).await;
        assert!(profile.text.contains("事務局が一覧表や公開データから登録"));
        assert!(
            profile
                .attr("a", "href")
                .contains(&format!("/organisations/{}/claim", izumi.id))
        );

        // The run is listed; the uploaded file is gone once imported.
        let start = b.get(&format!("/p/{slug}/admin/import")).await;
        assert!(start.text.contains("団体一覧.csv"));
        assert_eq!(b.get(path).await.status, StatusCode::NOT_FOUND);

        // In English too.
        let en = b.get(&format!("{run}?lang=en")).await;
        assert!(en.text.contains("Download the rows not imported"));
        support::assert_fully_english(&run, &en);
        let start = format!("/p/{slug}/admin/import");
        support::assert_fully_english(&start, &b.get(&format!("{start}?lang=en")).await);

        // A run whose node went away mid-way (marked running, silent for an hour) is said to be
        // interrupted, with what to do, and the page stops polling it.
        let id = run.rsplit('/').next().unwrap();
        app.db
            .execute(&format!(
                "UPDATE import_runs SET status = 'running', finished_at = NULL, \
                 updated_at = '2020-01-01T00:00:00+00:00' WHERE id = {id}"
            ))
            .await;
        let s = b.get(&format!("{run}?format=json")).await.json();
        assert_eq!(s["status"], "interrupted", "{s}");
        let page = b.get(&run).await;
        assert!(page.text.contains("中断"), "{}", page.text);
        assert!(page.text.contains("もう一度取り込むと残りが取り込まれ"));
        assert!(!page.text.contains("data-running"), "no polling");
        let en = b.get(&format!("{run}?lang=en")).await;
        assert!(en.text.contains("Interrupted"));
        support::assert_fully_english(&run, &en);
    })
    .await;
}

#[tokio::test]
async fn a_file_that_is_not_a_sheet_says_why() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let mut b = app.as_(Who::OperatorP).await;
        let r = b
            .post_multipart(
                "/p/okayama/admin/import",
                &[],
                Some(("file", "list.zip", b"PK\x03\x04 not really a zip")),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let page = b.get(r.header("location")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text.contains("このファイルは読み込めませんでした"),
            "{}",
            page.text
        );
        assert!(
            !page.text.contains("取り込みを開始する"),
            "no import offered"
        );
    })
    .await;
}
