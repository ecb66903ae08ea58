//! Server-rendered pages, on every engine under test.

mod support;

use axum::http::StatusCode;
use hiroba_testkit::each_engine;
use support::{App, has_japanese};

#[tokio::test]
async fn home_lists_portals_with_counts() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get("/").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
        let names = r.texts(".portal-card h3");
        assert_eq!(names, ["おかやま市民活動ひろば", "子ども・若者応援ひろば"]);
        let counts = r.texts(".portal-card .muted");
        assert_eq!(
            counts,
            ["掲載団体 3件", "掲載団体 1件"],
            "岡山: あおぞら, ひまわり, せとうち; 子ども: あおぞら"
        );
        assert_eq!(r.attr("html", "lang"), ["ja"]);
    })
    .await;
}

#[tokio::test]
async fn portal_home_is_branded() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get("/p/okayama").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.texts("h1"), ["おかやま市民活動ひろば"]);
        let theme = r.attr("link[rel=stylesheet]", "href");
        assert!(
            theme
                .iter()
                .any(|h| h.starts_with("/p/okayama/theme.css?v=")),
            "{theme:?}"
        );
        assert_eq!(r.texts(".portal-title span"), ["おかやま市民活動ひろば"]);
        assert!(
            r.texts(".portal-hero .muted")[0].contains("特定非営利活動法人 あおぞら子ども食堂"),
            "operator shown"
        );
        // Field links with counts lead to the filtered list.
        let fields = r.attr(".field-links a", "href");
        assert!(
            fields.contains(&"/p/okayama/organisations?activity_field=13".to_string()),
            "{fields:?}"
        );
        let css = app.get("/p/okayama/theme.css").await;
        assert_eq!(css.status, StatusCode::OK);
        assert!(css.header("content-type").starts_with("text/css"));
        assert!(css.text.contains("--brand: #7a1f3d;"), "{}", css.text);
        assert_eq!(
            app.get("/p/nowhere/theme.css").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn portal_list_shows_members_and_filters() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let names = |r: &support::Resp| r.texts(".org-card .org-name");
        let all = app.get("/p/okayama/organisations").await;
        assert_eq!(all.status, StatusCode::OK);
        assert_eq!(
            names(&all),
            [
                "特定非営利活動法人 あおぞら子ども食堂",
                "株式会社 せとうちフーズ",
                "ひまわり見守り隊"
            ],
            "members only, in 五十音 order of the reading"
        );
        assert_eq!(all.texts(".result-count"), ["3件"]);

        let cases = [
            (
                "?municipality=331007",
                vec!["特定非営利活動法人 あおぞら子ども食堂"],
            ),
            (
                "?municipality=332020&legal_form=voluntary",
                vec!["ひまわり見守り隊"],
            ),
            (
                "?activity_field=13",
                vec!["特定非営利活動法人 あおぞら子ども食堂"],
            ),
            ("?sdg=2", vec!["特定非営利活動法人 あおぞら子ども食堂"]),
            (
                "?prefecture=33&legal_form=stock_company",
                vec!["株式会社 せとうちフーズ"],
            ),
            ("?activity_field=7", vec![]),
        ];
        for (query, expected) in cases {
            let r = app.get(&format!("/p/okayama/organisations{query}")).await;
            assert_eq!(r.status, StatusCode::OK, "{query}");
            assert_eq!(names(&r), expected, "{query}");
        }
        // The chosen filters stay selected, and an empty result says what to do.
        let r = app.get("/p/okayama/organisations?activity_field=7").await;
        assert_eq!(r.attr("#f-activity_field option[selected]", "value"), ["7"]);
        assert!(
            r.texts(".empty")
                .join(" ")
                .contains("条件に合う団体は見つかりませんでした")
        );
        // All organisations on the platform-wide list.
        assert_eq!(names(&app.get("/organisations").await).len(), 4);
    })
    .await;
}

#[tokio::test]
async fn paging_keeps_filters() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let store = &app.db.store;
        store
            .portals()
            .create(
                &hiroba_testkit::fixtures::regional_portal("okayama", &["33"]),
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap();
        let many: Vec<_> = (0..45)
            .map(|i| {
                hiroba_testkit::fixtures::organisation(&format!("団体{i:02}"), "332020", &[13])
            })
            .collect();
        let items: Vec<_> = many
            .iter()
            .map(|p| hiroba_store::organisations::NewOrganisation {
                profile: p,
                updated_at: None,
            })
            .collect();
        store
            .organisations()
            .create_many(&items, hiroba_store::By::SYSTEM)
            .await
            .unwrap();

        let first = app.get("/p/okayama/organisations?activity_field=13").await;
        assert_eq!(first.texts(".org-card").len(), 20);
        assert_eq!(first.texts(".pagination .muted"), ["45件中 1〜20件目"]);
        let next = first.attr(".pagination a[rel=next]", "href");
        assert_eq!(next, ["/p/okayama/organisations?activity_field=13&page=2"]);
        assert_eq!(
            first.attr(".pagination a[aria-current=page]", "href"),
            ["/p/okayama/organisations?activity_field=13"]
        );
        let third = app
            .get("/p/okayama/organisations?activity_field=13&page=3")
            .await;
        assert_eq!(third.texts(".org-card").len(), 5);
        assert!(third.attr(".pagination a[rel=next]", "href").is_empty());
        let beyond = app.get("/p/okayama/organisations?page=9").await;
        assert_eq!(beyond.status, StatusCode::OK);
        assert!(
            beyond
                .texts("main")
                .join(" ")
                .contains("このページには団体がありません")
        );
    })
    .await;
}

#[tokio::test]
async fn bad_filters_answer_400_keep_the_input_and_name_the_field() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app
            .get("/p/okayama/organisations?municipality=331008&sdg=99&page=0")
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let errors = r.texts(".field-error");
        assert!(
            errors.iter().any(|e| e.contains("チェックディジット")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.contains("選択肢にない値")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("ページ") && e.contains("1から10000")),
            "{errors:?}"
        );
        // What was typed is still there, marked invalid.
        assert_eq!(
            r.attr("#f-municipality option[selected]", "value"),
            ["331008"]
        );
        assert_eq!(r.attr("#f-municipality", "aria-invalid"), ["true"]);
        assert!(r.texts(".org-card").is_empty());

        let en = app
            .get("/p/okayama/organisations?municipality=12345&lang=en")
            .await;
        assert_eq!(en.status, StatusCode::BAD_REQUEST);
        assert!(
            en.texts(".field-error")
                .iter()
                .any(|e| e.contains("Enter 6 digits")),
            "{:?}",
            en.texts(".field-error")
        );

        // A parameter given twice, or garbage, is a 400 too, never a 500.
        for q in [
            "?prefecture=33&prefecture=26",
            "?page=%FF%FE",
            "?municipality=%E3%81%82",
            "?page=99999999999999999999",
        ] {
            let r = app.get(&format!("/p/okayama/organisations{q}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        }
    })
    .await;
}

#[tokio::test]
async fn profile_shows_public_data_with_json_ld() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let id = app.ids.aozora;
        let r = app.get(&format!("/p/okayama/organisations/{id}")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.texts("h1"), ["特定非営利活動法人 あおぞら子ども食堂"]);
        let facts = r.texts(".facts dd").join(" | ");
        assert!(facts.contains("1180301018771"), "{facts}");
        assert!(facts.contains("〒700-0822"), "{facts}");
        assert!(facts.contains("岡山県岡山市北区 表町1丁目4-64"), "{facts}");
        assert!(
            r.attr("a[rel~=external]", "href")
                .iter()
                .any(|h| h.contains("houjin-bangou.nta.go.jp") && h.contains("1180301018771"))
        );
        assert_eq!(
            r.texts("#portals ~ ul li").len(),
            2,
            "listed in both portals"
        );

        let ld = r.texts("script[type='application/ld+json']");
        assert_eq!(ld.len(), 1);
        let raw = r.html();
        let sel = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&raw.select(&sel).next().unwrap().inner_html())
                .expect("JSON-LD parses");
        assert_eq!(json["@context"], "https://schema.org");
        assert_eq!(json["@type"], "NGO");
        assert_eq!(json["name"], "特定非営利活動法人 あおぞら子ども食堂");
        assert_eq!(json["identifier"]["value"], "1180301018771");
        assert_eq!(json["address"]["postalCode"], "700-0822");
        assert_eq!(json["address"]["addressLocality"], "岡山市北区");
        assert_eq!(json["address"]["streetAddress"], "表町1丁目4-64");
        assert_eq!(
            json["url"],
            format!("{}/organisations/{id}", support::BASE_URL)
        );

        // A company gets the Corporation type.
        let company = app
            .get(&format!("/organisations/{}", app.ids.setouchi))
            .await;
        assert!(company.text.contains("\"@type\":\"Corporation\""));
    })
    .await;
}

#[tokio::test]
async fn a_private_home_address_appears_nowhere() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let id = app.ids.himawari;
        for path in [
            format!("/organisations/{id}"),
            format!("/p/okayama/organisations/{id}"),
            "/p/okayama/organisations".to_string(),
            format!("/organisations/{id}?lang=en"),
            format!("/api/v1/organisations/{id}"),
            "/api/v1/organisations".to_string(),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                !r.text.contains("山田方") && !r.text.contains("中央9丁目"),
                "home address leaked on {path}"
            );
        }
        let r = app.get(&format!("/organisations/{id}")).await;
        assert!(r.texts(".facts dd").join(" ").contains("番地以降は非公開"));
        assert!(!r.text.contains("streetAddress"));
    })
    .await;
}

#[tokio::test]
async fn profiles_outside_the_portal_redirect_and_unknown_ones_are_404() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app
            .get(&format!("/p/okayama/organisations/{}", app.ids.midori))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            r.header("location"),
            format!("/organisations/{}", app.ids.midori)
        );
        for path in [
            "/organisations/99999",
            "/organisations/abc",
            "/organisations/-1",
            "/p/okayama/organisations/99999",
            "/p/nowhere",
            "/p/nowhere/organisations",
            "/no/such/page",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            assert!(r.header("content-type").starts_with("text/html"), "{path}");
            assert_eq!(r.texts("h1"), ["ページが見つかりません"], "{path}");
        }
        let en = app.get("/p/nowhere?lang=en").await;
        assert_eq!(en.texts("h1"), ["Page not found"]);
    })
    .await;
}

#[tokio::test]
async fn english_translates_every_page() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let pages = [
            "/".to_string(),
            "/p/okayama".into(),
            "/p/kodomo".into(),
            "/p/okayama/organisations".into(),
            "/p/okayama/organisations?activity_field=7".into(),
            "/p/okayama/organisations?municipality=1".into(),
            "/organisations".into(),
            format!("/organisations/{}", app.ids.aozora),
            format!("/p/okayama/organisations/{}", app.ids.himawari),
            "/api".into(),
            "/no/such/page".into(),
        ];
        for path in pages {
            let sep = if path.contains('?') { '&' } else { '?' };
            let r = app.get(&format!("{path}{sep}lang=en")).await;
            support::assert_fully_english(&path, &r);
            // The same with the cookie the language switch sets.
            let r = app.get_with(&path, &[("cookie", "hiroba_lang=en")]).await;
            support::assert_fully_english(&path, &r);
        }
        let r = app.get("/p/okayama?lang=en").await;
        assert_eq!(r.texts("h1"), ["Okayama Civic Action Square"]);
        assert!(
            r.texts("main")
                .join(" ")
                .contains("Introducing NPOs in Okayama.")
        );
    })
    .await;
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_returns() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let home = app.get("/p/okayama/organisations?activity_field=13").await;
        let switch = home.attr(".lang-switch", "href");
        assert_eq!(
            switch,
            ["/lang/en?next=%2Fp%2Fokayama%2Forganisations%3Factivity_field%3D13"]
        );
        let r = app.get(&switch[0]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            r.header("location"),
            "/p/okayama/organisations?activity_field=13"
        );
        let cookie = r.header("set-cookie");
        assert!(
            cookie.starts_with("hiroba_lang=en;")
                && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        // No open redirect.
        let r = app.get("/lang/ja?next=https://evil.example/").await;
        assert_eq!(r.header("location"), "/");
    })
    .await;
}

#[tokio::test]
async fn api_page_documents_every_endpoint_in_both_languages() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let r = app.get("/api").await;
        assert_eq!(r.status, StatusCode::OK);
        let paths = r.texts(".endpoint h3 code");
        for p in [
            "/api/v1/portals",
            "/api/v1/portals/{slug}",
            "/api/v1/organisations",
            "/api/v1/organisations/{id}",
            "/api/v1/vocabularies",
        ] {
            assert!(paths.contains(&p.to_string()), "{p} in {paths:?}");
        }
        let i18n = hiroba_i18n::I18n::new();
        let (ops, params) = hiroba_web::pages::api_docs::documented_ids();
        for lang in hiroba_i18n::Lang::ALL {
            for op in &ops {
                assert!(
                    i18n.has(lang, &format!("api-op-{op}")),
                    "{op} undocumented in {}",
                    lang.code()
                );
            }
            for p in &params {
                assert!(
                    i18n.has(lang, &format!("api-param-{p}")),
                    "{p} undocumented in {}",
                    lang.code()
                );
            }
        }
    })
    .await;
}

#[tokio::test]
async fn templates_hold_no_untranslated_text() {
    // Every visible string comes from the message files: templates contain no Japanese.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !has_japanese(&text),
            "{} contains Japanese text",
            path.display()
        );
    }
}

#[tokio::test]
async fn the_demo_renders_on_every_page_kind() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let data = hiroba_demo::generate(hiroba_demo::DEFAULT_SEED);
        let files = app.files();
        let summary = hiroba_demo::load(&app.db.store, files.as_ref(), &data)
            .await
            .unwrap();
        assert!(summary.organisations >= 300);
        let home = app.get("/").await;
        assert_eq!(home.texts(".portal-card").len(), 4);
        for (slug, _) in &summary.portals {
            let r = app.get(&format!("/p/{slug}")).await;
            assert_eq!(r.status, StatusCode::OK, "{slug}");
            let list = app.get(&format!("/p/{slug}/organisations")).await;
            assert_eq!(list.status, StatusCode::OK, "{slug}");
            assert!(
                !list.texts(".org-card").is_empty(),
                "{slug} lists organisations"
            );
            // Every profile linked from the first page renders, in both languages; so do the
            // fullest profiles (most ★ first), with their charts.
            let best = app
                .get(&format!("/p/{slug}/organisations?sort=level"))
                .await
                .attr(".org-card h3 a", "href");
            let first = list.attr(".org-card h3 a", "href");
            for href in first.iter().take(3).chain(best.iter().take(3)) {
                let r = app.get(href).await;
                assert_eq!(r.status, StatusCode::OK, "{href}");
                support::assert_fully_english(href, &app.get(&format!("{href}?lang=en")).await);
            }
            let top = app.get(&best[0]).await;
            assert!(
                top.text.contains("★★★★"),
                "{slug}: the fullest profile is at ★4 or ★5"
            );
            assert!(
                top.text.contains("<svg"),
                "{slug}: its finances are charted"
            );
        }
        // The fullest profiles compare side by side.
        let best = app
            .get("/organisations?sort=level")
            .await
            .attr(".org-card h3 a", "href");
        let ids: Vec<&str> = best
            .iter()
            .take(3)
            .map(|h| h.rsplit('/').next().unwrap())
            .collect();
        let compare = app.get(&format!("/compare?ids={}", ids.join(","))).await;
        assert_eq!(compare.status, StatusCode::OK);
        assert_eq!(compare.texts(".compare-table thead th").len(), 3);
        support::assert_fully_english(
            "/compare",
            &app.get(&format!("/compare?ids={}&lang=en", ids.join(",")))
                .await,
        );
    })
    .await;
}

#[tokio::test]
async fn look_up_by_corporate_number_in_the_list() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app
            .get("/organisations?corporate_number=%EF%BC%91%EF%BC%91%EF%BC%98%EF%BC%90301018771")
            .await;
        assert_eq!(r.status, StatusCode::OK, "full-width digits are fine");
        assert_eq!(
            r.texts(".org-card .org-name"),
            ["特定非営利活動法人 あおぞら子ども食堂"]
        );
        let bad = app
            .get("/organisations?corporate_number=1180301018772")
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let error = bad.texts("#f-corporate_number-error");
        assert_eq!(error.len(), 1);
        assert!(error[0].contains("チェックディジット"), "{error:?}");
        assert_eq!(
            bad.attr("#f-corporate_number", "value"),
            ["1180301018772"],
            "what was typed stays"
        );
        let short = app.get("/organisations?corporate_number=123&lang=en").await;
        assert!(short.texts("#f-corporate_number-error")[0].contains("Enter 13 digits"));
    })
    .await;
}
