//! Organisation profiles through the browser: raising the ★ level by following the checklist,
//! every kind of bad input, uploads and downloads, certification by operators, comparison, and
//! private data never reaching public pages, the API or JSON-LD. Both engines.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{PDF, PNG, at_level_three};
use support::{App, Who};

/// The profile form of organisation A (あおぞら) with what ★1–★3 ask of the profile itself.
fn full_form(year_month: &str) -> Vec<(&'static str, String)> {
    let f = |k: &'static str, v: &str| (k, v.to_owned());
    vec![
        f("name", "特定非営利活動法人 あおぞら子ども食堂"),
        f("name_kana", "アオゾラコドモショクドウ"),
        f("legal_form", "npo"),
        f("roles", "npo_ngo"),
        f("corporate_number", "1180301018771"),
        f("postal_code", "700-0822"),
        f("municipality", "岡山市北区"),
        f("street", "表町1丁目4-64"),
        f("street_public", "on"),
        f("website", "https://aozora.example.jp/"),
        f("email", "info@aozora.example.jp"),
        f("mission", "地域の子どもたちの居場所をつくります。"),
        f("description", "毎週水曜日に子ども食堂を開いています。"),
        f("activity_fields", "13"),
        f("founded_on", "平成20年4月1日"),
        f("incorporated_on", "2010-06-15"),
        f("competent_authority", "岡山市"),
        f("representative_name", "青空 太郎"),
        f("representative_title", "理事長"),
        f("fiscal_year_start_month", year_month),
        f("phone", "０８６－２２３－４５６７"),
        f("social_none", "on"),
        f("officers", "6"),
        f("staff_full_time", "1"),
        f("staff_part_time", "2"),
        f("volunteers", "35"),
        f("members_regular", "18"),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, s)| (*k, s.as_str())).collect()
}

async fn level(app: &App, id: i64) -> u8 {
    app.db
        .store
        .organisations()
        .get(id)
        .await
        .unwrap()
        .unwrap()
        .disclosure_level
}

#[tokio::test]
async fn an_owner_raises_the_level_by_following_the_checklist() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let a = app.ids.aozora;
        let mut owner = app.as_(Who::OwnerA).await;
        assert_eq!(level(&app, a).await, 0);

        // The to-do list names what ★1 still needs, each linking to where it is entered.
        let manage = owner.get(&format!("/organisations/{a}/manage")).await;
        assert_eq!(manage.status, StatusCode::OK);
        let todo = manage.texts(".manage-grid .checklist li.unmet");
        assert!(todo.iter().any(|t| t.contains("代表者")), "{todo:?}");
        assert!(
            manage
                .attr(".checklist li.unmet a", "href")
                .contains(&format!("/organisations/{a}/edit#basic"))
        );

        // ★1 and most of ★2 and ★3: the profile form.
        let r = owner
            .post(&format!("/organisations/{a}/edit"), &pairs(&full_form("4")))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(
            level(&app, a).await,
            1,
            "★2 still needs a programme and the logo"
        );

        // ★2: a programme and "no logo".
        let r = owner
            .post(
                &format!("/organisations/{a}/programmes"),
                &[
                    ("name", "あおぞら食堂"),
                    ("target_population", "地域の小中学生"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/logo"),
                &[("choice", "none")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(level(&app, a).await, 2);

        // ★3: the finances of the year now due, entered as an NPO法人's statement.
        let profile = owner.get(&format!("/organisations/{a}")).await;
        let next: Vec<String> =
            profile.texts("#disclosure + * .checklist li, .profile-aside .checklist li.unmet");
        assert!(next.iter().any(|t| t.contains("決算")), "{next:?}");
        let year = hiroba_domain::disclosure::due_year(hiroba_web::today(), 4).to_string();
        let r = owner
            .post(
                &format!("/organisations/{a}/reports"),
                &[
                    ("fiscal_year", year.as_str()),
                    ("business_report", "子ども食堂を48回開きました。"),
                    ("fees_regular", "180,000"),
                    ("donations", "１，２００，０００"),
                    ("private_grants", "500000"),
                    ("program_personnel", "900000"),
                    ("program_other", "700000"),
                    ("admin_other", "150000"),
                    ("net_assets_brought_forward", "400000"),
                    ("current_assets", "600000"),
                    ("current_liabilities", "70000"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(level(&app, a).await, 3);
        let profile = app.get(&format!("/organisations/{a}")).await;
        assert!(profile.text.contains("★★★☆☆"));
        assert!(profile.text.contains("認証 STEP1"), "STEP1 comes with ★3");
        // The finances are shown as figures, a chart with its table, and ratios.
        assert!(
            profile.text.contains("1,880,000円"),
            "revenue total computed"
        );
        let finances = "section[aria-labelledby=finances]";
        assert!(
            profile
                .html()
                .select(&scraper::Selector::parse(&format!("{finances} svg[role=img]")).unwrap())
                .next()
                .is_some()
        );
        assert!(
            profile
                .texts(&format!("{finances} table caption"))
                .iter()
                .any(|c| c.contains("収入の内訳"))
        );
        assert!(profile.text.contains("自主財源比率"));
        let statement = app
            .get(&format!("/organisations/{a}/finances/{year}"))
            .await;
        assert_eq!(statement.status, StatusCode::OK);
        assert!(statement.text.contains("次期繰越正味財産額"));
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_named_at_its_field_and_nothing_typed_is_lost() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let a = app.ids.aozora;
        let mut owner = app.as_(Who::OwnerA).await;
        let year = hiroba_domain::disclosure::due_year(hiroba_web::today(), 4).to_string();

        // A total that does not add up, and a balance sheet that does not balance.
        let r = owner
            .post(
                &format!("/organisations/{a}/reports"),
                &[
                    ("fiscal_year", year.as_str()),
                    ("business_report", "報告の下書き"),
                    ("donations", "1000000"),
                    ("fees_regular", "200000"),
                    ("ordinary_revenue_total", "1300000"),
                    ("current_assets", "500000"),
                    ("liabilities_and_net_assets_total", "400000"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let errors = r.texts(".field-error");
        assert!(
            errors.iter().any(|e| e.contains("1,200,000")),
            "the message gives the sum of the lines: {errors:?}"
        );
        assert_eq!(
            r.attr("#f-ordinary_revenue_total", "aria-invalid"),
            ["true"]
        );
        assert_eq!(
            r.attr("#f-donations", "value"),
            ["1000000"],
            "typed values kept"
        );
        assert_eq!(r.texts("#f-business_report"), ["報告の下書き"]);
        assert!(r.texts(".error-summary a").len() >= 2);

        // A fiscal year that has not started, and text where an amount goes.
        let r = owner
            .post(
                &format!("/organisations/{a}/reports"),
                &[("fiscal_year", "2099"), ("donations", "たくさん")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.texts("#f-fiscal_year-error")
                .concat()
                .contains("まだ始まっていない")
        );
        assert!(r.texts("#f-donations-error").concat().contains("金額"));

        // Negative counts and a date before founding, on the profile form.
        let mut form = full_form("4");
        for (k, v) in form.iter_mut() {
            match *k {
                "officers" => *v = "-3".into(),
                "incorporated_on" => *v = "2001-01-01".into(),
                _ => {}
            }
        }
        let r = owner
            .post(&format!("/organisations/{a}/edit"), &pairs(&form))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.texts("#f-officers-error").concat().contains("0以上"));
        assert!(
            r.texts("#f-incorporated_on-error")
                .concat()
                .contains("設立日より前")
        );
        assert_eq!(r.attr("#f-volunteers", "value"), ["35"]);

        // Uploads: not a PDF, too large, and none at all.
        for (bytes, field_error) in [
            (b"<html>not a pdf</html>".to_vec(), "PDF"),
            (
                {
                    let mut big = PDF.to_vec();
                    big.resize(10 * 1024 * 1024 + 1, b' ');
                    big.extend_from_slice(b"%%EOF\n");
                    big
                },
                "10MB",
            ),
        ] {
            let r = owner
                .post_multipart(
                    &format!("/organisations/{a}/documents"),
                    &[("kind", "articles")],
                    Some(("file", "teikan.pdf", &bytes)),
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST);
            assert!(
                r.texts("#f-file-error").concat().contains(field_error),
                "{}",
                r.text
            );
        }
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/documents"),
                &[("kind", "business_report"), ("fiscal_year", "")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!r.texts("#f-fiscal_year-error").is_empty());
        assert!(!r.texts("#f-file-error").is_empty());
        // Nothing was stored.
        assert!(
            app.db
                .store
                .documents()
                .list(a, true)
                .await
                .unwrap()
                .is_empty()
        );
        // A logo that is not an image.
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/logo"),
                &[("choice", "upload")],
                Some(("logo", "logo.png", PDF)),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!r.texts("#f-logo-error").is_empty());

        // Nonsense in paths is "not found", never a server error.
        for path in [
            format!("/organisations/{a}/reports/abc/delete"),
            format!("/organisations/{a}/programmes/99999/delete"),
            format!("/organisations/{a}/metrics/x/delete"),
            format!("/organisations/{a}/documents/0/delete"),
        ] {
            let r = owner.post(&path, &[]).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        for path in [
            format!("/organisations/{a}/finances/1999"),
            format!("/organisations/{a}/finances/nope"),
            format!("/organisations/{a}/documents/99999"),
            format!("/organisations/{a}/logo"),
            "/organisations/0/finances/2024".to_owned(),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn documents_and_logos_upload_and_private_ones_stay_private() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let a = app.ids.aozora;
        let mut owner = app.as_(Who::OwnerA).await;
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/documents"),
                &[("kind", "business_report"), ("fiscal_year", "令和6年度")],
                Some(("file", "2024年度 事業報告書.pdf", PDF)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/documents"),
                &[("kind", "officer_list"), ("fiscal_year", "2024")],
                Some(("file", "役員名簿（自宅住所入り）.pdf", PDF)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let docs = app.db.store.documents().list(a, true).await.unwrap();
        let public = docs.iter().find(|d| d.public).unwrap();
        let private = docs.iter().find(|d| !d.public).unwrap();
        assert_eq!(public.fiscal_year, Some(2024));

        let r = app
            .get(&format!("/organisations/{a}/documents/{}", public.id))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "application/pdf");
        assert!(
            r.header("content-disposition")
                .contains("filename*=UTF-8''2024")
        );
        assert_eq!(r.text.as_bytes(), PDF);

        // The officer list: not for the public, nor for the page, the API or JSON-LD.
        let r = app
            .get(&format!("/organisations/{a}/documents/{}", private.id))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let page = app.get(&format!("/organisations/{a}")).await;
        assert!(page.text.contains("事業報告書"));
        assert!(
            !page.text.contains("役員名簿"),
            "private documents are not listed"
        );
        let api = app.get(&format!("/api/v1/organisations/{a}")).await;
        assert!(!api.text.contains("役員名簿"));
        // The team sees it, marked private.
        let staff = owner.get(&format!("/organisations/{a}")).await;
        assert!(staff.text.contains("役員名簿"));
        let r = owner
            .get(&format!("/organisations/{a}/documents/{}", private.id))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header("cache-control").contains("no-store"));

        // A logo: uploaded, served, and replaced files are removed.
        let r = owner
            .post_multipart(
                &format!("/organisations/{a}/logo"),
                &[("choice", "upload")],
                Some(("logo", "logo.png", PNG)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let logo = app.get(&format!("/organisations/{a}/logo")).await;
        assert_eq!(logo.status, StatusCode::OK);
        assert_eq!(logo.header("content-type"), "image/png");
        let page = app.get(&format!("/organisations/{a}")).await;
        assert!(page.text.contains(&format!("/organisations/{a}/logo")));
        let first_key = app
            .db
            .store
            .organisations()
            .get(a)
            .await
            .unwrap()
            .unwrap()
            .logo_key
            .unwrap();
        owner
            .post_multipart(
                &format!("/organisations/{a}/logo"),
                &[("choice", "upload")],
                Some(("logo", "logo2.png", PNG)),
            )
            .await;
        assert!(
            app.files().get(&first_key).await.unwrap().is_none(),
            "old logo removed"
        );

        // Deleting a document removes its file too.
        let r = owner
            .post(
                &format!("/organisations/{a}/documents/{}/delete", public.id),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(
            app.files()
                .get(&public.storage_key)
                .await
                .unwrap()
                .is_none()
        );
    })
    .await;
}

#[tokio::test]
async fn operators_certify_from_their_queue() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let s = &app.db.store;
        let ready = at_level_three(s, "備前の森", "331007", &[1]).await;
        let mut op = app.as_(Who::OperatorP).await;
        let queue = op.get("/p/okayama/admin/certification").await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.text.contains("備前の森"));
        let review = op
            .get(&format!("/p/okayama/admin/certification/{ready}"))
            .await;
        assert_eq!(review.status, StatusCode::OK);

        // STEP3 first is refused with the reason.
        let r = op
            .post(
                &format!("/p/okayama/admin/certification/{ready}"),
                &[("step", "step3"), ("notes", "外部審査")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.texts("#f-step-error").concat().contains("STEP2"));
        assert_eq!(r.texts("#f-notes"), ["外部審査"]);

        let r = op
            .post(
                &format!("/p/okayama/admin/certification/{ready}"),
                &[
                    ("step", "step2"),
                    ("notes", "定款と事業報告書の原本を照合しました"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let profile = app.get(&format!("/organisations/{ready}")).await;
        assert!(profile.text.contains("認証 STEP2"));
        assert!(
            !profile.text.contains("原本を照合しました"),
            "the operator's notes are not public"
        );
        let ld = profile.texts("script[type='application/ld+json']").concat();
        assert!(ld.contains("hasCredential") && ld.contains("STEP2"));
        assert!(!ld.contains("原本"));
        // Certified now, so no longer waiting in the queue.
        assert!(
            !op.get("/p/okayama/admin/certification")
                .await
                .text
                .contains("備前の森")
        );

        // Revoking ends it, with the reason kept for the history.
        let record = s
            .certifications()
            .history(ready)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.step.number() == 2)
            .unwrap();
        let r = op
            .post(
                &format!(
                    "/p/okayama/admin/certification/{ready}/revoke/{}",
                    record.id
                ),
                &[("note", "活動休止")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let profile = app.get(&format!("/organisations/{ready}")).await;
        assert!(
            profile
                .texts(".cert-list .cert-past")
                .concat()
                .contains("取り消し")
        );

        // Another portal's operator cannot certify it (Q does not list it).
        let mut q = app.as_(Who::OperatorQ).await;
        let r = q
            .post(
                &format!("/p/kodomo/admin/certification/{ready}"),
                &[("step", "step2")],
            )
            .await;
        assert!(matches!(
            r.status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ));
    })
    .await;
}

#[tokio::test]
async fn organisations_compare_side_by_side_and_lists_sort_by_level() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let s = &app.db.store;
        let ready = at_level_three(s, "備前の森", "331007", &[1]).await;
        let (a, b) = (app.ids.aozora, app.ids.midori);
        let r = app.get(&format!("/compare?ids={ready},{a},{b}")).await;
        assert_eq!(r.status, StatusCode::OK);
        let heads = r.texts(".compare-table thead th");
        assert_eq!(heads.len(), 3, "{heads:?}");
        assert!(heads[0].contains("備前の森"));
        assert!(r.text.contains("1,500,000円"), "the latest revenue");
        assert!(
            r.html()
                .select(&scraper::Selector::parse(".chart-figure svg").unwrap())
                .count()
                >= 2
        );
        // Repeated parameters work as well (the list's checkboxes send them so).
        let r = app.get(&format!("/compare?ids={a}&ids={b}")).await;
        assert_eq!(r.texts(".compare-table thead th").len(), 2);
        // Too many, or not numbers: a clear message, never a server error.
        let r = app.get("/compare?ids=1,2,3,4,5,6").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.texts(".error-summary li").concat().contains("5件まで"));
        let r = app.get("/compare?ids=abc").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = app.get("/compare?ids=999999").await;
        assert!(
            r.texts(".error-summary li")
                .concat()
                .contains("見つからない")
        );

        // Lists: the ★3 organisation first when sorted by level; filters by level.
        let list = app.get("/organisations?sort=level").await;
        assert!(list.texts(".org-card .org-name")[0].contains("備前の森"));
        let only = app.get("/organisations?level=3").await;
        assert_eq!(only.texts(".org-card .org-name").len(), 1);
        let bad = app.get("/organisations?level=9&sort=random").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(!bad.texts("#f-level-error").is_empty());
        // The API filters the same way.
        let api = app.get("/api/v1/organisations?level=3").await.json();
        assert_eq!(api["items"].as_array().unwrap().len(), 1);
        assert_eq!(api["items"][0]["disclosure_level"], 3);
        assert_eq!(api["items"][0]["certification_step"], 1);
    })
    .await;
}

#[tokio::test]
async fn private_details_never_reach_public_pages_api_or_json_ld() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        // ひまわり見守り隊 keeps its address at a member's home.
        let h = app.ids.himawari;
        for path in [
            format!("/organisations/{h}"),
            format!("/p/okayama/organisations/{h}"),
            format!("/api/v1/organisations/{h}"),
            "/organisations".to_owned(),
            format!("/compare?ids={h}"),
            "/api/v1/organisations?limit=100".to_owned(),
        ] {
            let r = app.get(&path).await;
            assert!(!r.text.contains("山田方"), "{path} shows a private address");
            assert!(
                !r.text.contains("中央9丁目"),
                "{path} shows a private address"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn new_pages_are_fully_english_in_english() {
    each_engine(|db| async move {
        let app = App::with_people(db).await;
        let s = &app.db.store;
        let ready = at_level_three(s, "備前の森", "331007", &[1]).await;
        let a = app.ids.aozora;
        let year = hiroba_domain::disclosure::due_year(hiroba_web::today(), 4);
        let mut owner = app.as_(Who::OwnerA).await;
        owner.get("/lang/en").await;
        let mut op = app.as_(Who::OperatorP).await;
        op.get("/lang/en").await;
        for path in [
            format!("/organisations/{ready}?lang=en"),
            format!("/organisations/{ready}/finances/{year}?lang=en"),
            format!("/compare?ids={ready},{a}&lang=en"),
            "/help/disclosure?lang=en".to_owned(),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            support::assert_fully_english(&path, &r);
        }
        for path in [
            format!("/organisations/{a}/manage"),
            format!("/organisations/{a}/programmes"),
            format!("/organisations/{a}/reports"),
            format!("/organisations/{a}/reports/edit?year={year}"),
            format!("/organisations/{a}/documents"),
            format!("/organisations/{a}/metrics"),
            format!("/organisations/{a}/edit"),
        ] {
            let r = owner.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            support::assert_fully_english(&path, &r);
        }
        for path in [
            "/p/okayama/admin/certification".to_owned(),
            format!("/p/okayama/admin/certification/{ready}"),
        ] {
            let r = op.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            support::assert_fully_english(&path, &r);
        }
    })
    .await;
}
