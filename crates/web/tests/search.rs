//! The search pages and the search box on every page, on every engine under test (the API is
//! in `search_api.rs`). The index starts empty in each test app; the first search rebuilds it
//! from the database and later ones apply the outbox, so what a test writes is found at once.

mod support;

use axum::http::StatusCode;
use hiroba_store::By;
use hiroba_testkit::each_engine;
use hiroba_testkit::fixtures::{edited, organisation};
use serde_json::Value;
use support::{App, Resp};

fn q(text: &str) -> String {
    serde_html_form::to_string([("q", text)]).unwrap()
}

fn names(r: &Resp) -> Vec<String> {
    r.texts(".org-card .org-name")
}

fn hit_ids(v: &Value) -> Vec<i64> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

const AOZORA: &str = "特定非営利活動法人 あおぞら子ども食堂";
const HIMAWARI: &str = "ひまわり見守り隊";
const MIDORI: &str = "一般社団法人 京都みどりラボ";
const SETOUCHI: &str = "株式会社 せとうちフーズ";

#[tokio::test]
async fn finds_by_name_reading_width_and_legal_form() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let cases = [
            ("あおぞら", AOZORA),
            ("子ども食堂", AOZORA),
            // The reading, typed in hiragana or katakana.
            ("みまもりたい", HIMAWARI),
            ("キョウトミドリ", MIDORI),
            ("あおぞらこどもしょくどう", AOZORA),
            // Half-width katakana, full-width letters.
            ("ｾﾄｳﾁ", SETOUCHI),
            ("ｱｵｿﾞﾗ", AOZORA),
            // Legal forms, abbreviated as people write them.
            ("(一社)", MIDORI),
            ("㈱", SETOUCHI),
            ("NPO法人 子ども食堂", AOZORA),
            ("ＮＰＯ法人あおぞら", AOZORA),
            // A 法人番号.
            ("5835678256246", MIDORI),
        ];
        for (text, expected) in cases {
            let r = app.get(&format!("/search?{}", q(text))).await;
            assert_eq!(r.status, StatusCode::OK, "{text}");
            assert_eq!(names(&r), [expected], "{text}");
            assert_eq!(r.texts(".result-count"), ["1件"], "{text}");
        }
    })
    .await;
}

#[tokio::test]
async fn matches_are_marked_and_the_query_is_in_the_title() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app.get(&format!("/search?{}", q("あおぞら"))).await;
        assert_eq!(r.texts(".org-card .org-name mark"), ["あおぞら"]);
        assert_eq!(r.texts("h1"), ["「あおぞら」の検索結果"]);
        let title = r.texts("title");
        assert!(title[0].starts_with("「あおぞら」の検索結果"), "{title:?}");
        // The passage of the mission that matched, marked.
        let r = app.get(&format!("/search?{}", q("ごはん"))).await;
        assert_eq!(names(&r), [AOZORA]);
        assert_eq!(r.texts(".org-snippet mark"), ["ごはん"]);
        // The box shows what was searched for.
        assert_eq!(r.attr("#search-q", "value"), ["ごはん"]);
        // Cards link to the profile with current data.
        assert_eq!(
            r.attr(".org-card h3 a", "href"),
            [format!("/organisations/{}", app.ids.aozora)]
        );
    })
    .await;
}

#[tokio::test]
async fn a_portal_searches_its_members_only() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let mine = app.get(&format!("/p/okayama/search?{}", q("みどり"))).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(names(&mine).is_empty(), "京都みどりラボ is not in okayama");
        assert_eq!(mine.texts(".result-count"), ["0件"]);
        let all = app.get(&format!("/search?{}", q("みどり"))).await;
        assert_eq!(names(&all), [MIDORI]);

        let theme = app.get("/p/kodomo/search").await;
        assert_eq!(names(&theme), [AOZORA]);
        // Portal pages link profiles within the portal and keep its branding.
        let r = app
            .get(&format!("/p/okayama/search?{}", q("せとうち")))
            .await;
        assert_eq!(
            r.attr(".org-card h3 a", "href"),
            [format!("/p/okayama/organisations/{}", app.ids.setouchi)]
        );
        assert_eq!(r.texts(".portal-title span"), ["おかやま市民活動ひろば"]);
        assert_eq!(r.attr("form.search-box", "action"), ["/p/okayama/search"]);
        assert_eq!(
            app.get("/p/nowhere/search").await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}

#[tokio::test]
async fn nothing_typed_lists_everything_with_help() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        for path in ["/search", "/search?q=", "/search?q=+++"] {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(r.texts("h1"), ["団体を検索"], "{path}");
            assert_eq!(r.texts(".search-intro").len(), 1, "{path}");
            assert_eq!(names(&r).len(), 4, "{path}");
            assert!(r.texts(".search-notices").is_empty(), "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn facets_narrow_and_show_counts() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let all = app.get("/search").await;
        let labels = all.texts("fieldset.facet label");
        for expected in [
            "岡山県 （3件）",
            "京都府 （1件）",
            "子どもの健全育成 （1件）",
            "NPO法人 （1件）",
            "株式会社 （1件）",
        ] {
            assert!(
                labels.iter().any(|l| l == expected),
                "{expected} in {labels:?}"
            );
        }
        assert_eq!(
            all.attr(".facets", "method"),
            ["get"],
            "works without JavaScript"
        );

        let okayama = app.get("/search?pref=33").await;
        assert_eq!(names(&okayama).len(), 3);
        assert_eq!(
            okayama.attr("input[name=pref][checked]", "value"),
            ["33"],
            "the chosen value stays checked"
        );
        // Other prefectures stay on offer with the counts they would give.
        assert!(
            okayama
                .texts("fieldset.facet label")
                .contains(&"京都府 （1件）".to_string())
        );
        // The chosen filter is listed with a link that drops it.
        assert_eq!(
            okayama.texts(".active-filters li"),
            ["都道府県：岡山県 × （条件を外す）"]
        );
        assert_eq!(okayama.attr(".active-filters li a", "href"), ["/search"]);

        let cases: [(&str, &[&str]); 7] = [
            ("?pref=33&form=voluntary", &[HIMAWARI]),
            ("?pref=33&pref=26&form=general_association", &[MIDORI]),
            ("?field=13", &[AOZORA]),
            ("?sdg=15", &[MIDORI]),
            // A designated city includes its wards.
            ("?muni=331007", &[AOZORA]),
            (
                "?muni=332020&q=%E3%81%9B%E3%81%A8%E3%81%86%E3%81%A1",
                &[SETOUCHI],
            ),
            ("?field=7&pref=33", &[]),
        ];
        for (query, expected) in cases {
            let r = app.get(&format!("/search{query}")).await;
            assert_eq!(r.status, StatusCode::OK, "{query}");
            let mut got = names(&r);
            got.sort();
            let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{query}");
        }
        // A new query keeps the filters (hidden in the search box's form).
        let r = app.get("/search?pref=33&field=13").await;
        let hidden: Vec<(String, String)> = r
            .attr("form.search-box input[type=hidden]", "name")
            .into_iter()
            .zip(r.attr("form.search-box input[type=hidden]", "value"))
            .collect();
        assert_eq!(
            hidden,
            [("pref".into(), "33".into()), ("field".into(), "13".into())]
        );
        // The ★ levels are offered as "at least", once some organisation has one.
        let starred =
            hiroba_testkit::fixtures::at_level_three(&app.db.store, "ほしのこ", "332020", &[13])
                .await;
        let r = app.get("/search").await;
        let labels = r.texts("fieldset.facet label");
        assert!(labels.contains(&"★1以上 （1件）".to_string()), "{labels:?}");
        assert!(labels.contains(&"★3以上 （1件）".to_string()), "{labels:?}");
        assert_eq!(r.attr("input[name=level][checked]", "value"), [""], "any");
        let r = app.get("/search?level=3").await;
        assert_eq!(
            r.attr(".org-card h3 a", "href"),
            [format!("/organisations/{starred}")]
        );
        assert_eq!(r.attr("input[name=level][checked]", "value"), ["3"]);
        assert!(
            r.texts("fieldset.facet label")
                .contains(&"★1以上 （1件）".to_string()),
            "other levels stay on offer"
        );
    })
    .await;
}

#[tokio::test]
async fn paging_keeps_the_query_and_handles_any_page_number() {
    each_engine(|db| async move {
        let app = App::empty(db);
        let many: Vec<_> = (0..45)
            .map(|i| organisation(&format!("ことり食堂{i:02}"), "332020", &[13]))
            .collect();
        let items: Vec<_> = many
            .iter()
            .map(|p| hiroba_store::organisations::NewOrganisation {
                profile: p,
                updated_at: None,
            })
            .collect();
        app.db
            .store
            .organisations()
            .create_many(&items, By::SYSTEM)
            .await
            .unwrap();
        let first = app.get(&format!("/search?{}&field=13", q("ことり"))).await;
        assert_eq!(first.texts(".result-count"), ["45件"]);
        assert_eq!(names(&first).len(), 20);
        let next = first.attr(".pagination a[rel=next]", "href");
        assert_eq!(
            next,
            ["/search?q=%E3%81%93%E3%81%A8%E3%82%8A&field=13&page=2"]
        );
        let third = app
            .get(&format!("/search?{}&field=13&page=3", q("ことり")))
            .await;
        assert_eq!(names(&third).len(), 5);
        assert!(third.attr(".pagination a[rel=next]", "href").is_empty());
        // All 45 are reached exactly once.
        let mut seen = Vec::new();
        for n in 1..=3 {
            let r = app.get(&format!("/search?{}&page={n}", q("ことり"))).await;
            seen.extend(r.attr(".org-card h3 a", "href"));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 45);

        // Past the last page: a message and a way back, not an error.
        let beyond = app.get(&format!("/search?{}&page=40", q("ことり"))).await;
        assert_eq!(beyond.status, StatusCode::OK);
        assert!(
            beyond
                .texts("main")
                .join(" ")
                .contains("このページには検索結果がありません")
        );
        // Page numbers that cannot be: a clear message with a link to the first page.
        for page in ["0", "-1", "abc", "999999", "1.5", "%EF%BC%90"] {
            let r = app
                .get(&format!("/search?{}&page={page}", q("ことり")))
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "page={page}");
            let error = r.texts(".error-summary").join(" ");
            assert!(error.contains("ページ"), "page={page}: {error}");
            assert_eq!(
                r.attr(".error-summary a", "href"),
                ["/search?q=%E3%81%93%E3%81%A8%E3%82%8A"],
                "page={page}"
            );
            assert_eq!(
                r.attr("#search-q", "value"),
                ["ことり"],
                "the box keeps the query"
            );
        }
        let big = app.get("/search?page=999999").await;
        assert!(big.texts(".error-summary").join(" ").contains("1から501"));
        // Full-width digits are fine.
        let r = app
            .get(&format!("/search?{}&page=%EF%BC%92", q("ことり")))
            .await;
        assert_eq!(names(&r).len(), 20);
    })
    .await;
}

#[tokio::test]
async fn changes_are_found_by_the_next_search() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let store = &app.db.store;
        // The index is built by this first search.
        assert!(names(&app.get(&format!("/search?{}", q("ほしぞら"))).await).is_empty());

        let profile = organisation("ほしぞら文庫", "332020", &[4]);
        let created = store
            .organisations()
            .create(&profile, By::SYSTEM)
            .await
            .unwrap();
        let r = app.get(&format!("/search?{}", q("ほしぞら"))).await;
        assert_eq!(names(&r), ["特定非営利活動法人 ほしぞら文庫"]);
        let r = app
            .get(&format!("/p/okayama/search?{}", q("ほしぞら")))
            .await;
        assert_eq!(names(&r).len(), 1, "倉敷 is in the okayama portal");

        let renamed = edited(&profile, |i| {
            i.name = "特定非営利活動法人 ほしぞら図書館".into()
        });
        store
            .organisations()
            .update(created.id, &renamed, By::SYSTEM)
            .await
            .unwrap();
        let r = app.get(&format!("/search?{}", q("図書館"))).await;
        assert_eq!(names(&r), ["特定非営利活動法人 ほしぞら図書館"]);
        assert!(names(&app.get(&format!("/search?{}", q("文庫"))).await).is_empty());
        // The API answers from the same index.
        let api = app
            .get(&format!("/api/v1/search?{}", q("図書館")))
            .await
            .json();
        assert_eq!(hit_ids(&api), [created.id]);

        store
            .organisations()
            .delete(created.id, By::SYSTEM)
            .await
            .unwrap();
        assert!(names(&app.get(&format!("/search?{}", q("図書館"))).await).is_empty());
    })
    .await;
}

#[tokio::test]
async fn no_results_suggest_what_to_try() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let r = app
            .get(&format!("/search?{}&pref=33&field=13", q("ぜったい ないもの")))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.texts(".result-count"), ["0件"]);
        let empty = r.texts(".empty").join(" ");
        assert!(
            empty.contains("「ぜったい ないもの」に一致する団体は見つかりませんでした"),
            "{empty}"
        );
        let tips = r.texts(".search-tips li");
        for tip in ["誤り", "言葉の数を減らす", "ひらがなかカタカナ", "団体の一覧から探す"] {
            assert!(tips.iter().any(|t| t.contains(tip)), "{tip} in {tips:?}");
        }
        // Each filter can be dropped from here.
        let links = r.attr(".search-tips a", "href");
        assert!(
            links.contains(
                &"/search?q=%E3%81%9C%E3%81%A3%E3%81%9F%E3%81%84+%E3%81%AA%E3%81%84%E3%82%82%E3%81%AE&field=13"
                    .to_string()
            ),
            "{links:?}"
        );
        assert!(tips.iter().any(|t| t.contains("「岡山県」の条件を外す")), "{tips:?}");
        assert!(links.contains(&"/organisations".to_string()));
        let portal = app.get(&format!("/p/okayama/search?{}", q("ないもの"))).await;
        assert!(
            portal
                .attr(".search-tips a", "href")
                .contains(&"/p/okayama/organisations".to_string())
        );
    })
    .await;
}

#[tokio::test]
async fn notices_say_how_the_query_was_read() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let notices = |r: &Resp| r.texts(".search-notices p").join(" ");
        // 10,000 characters (as many as a URL holds: each kana is 9 bytes encoded).
        let ten_thousand = format!("{}{}", "あ".repeat(2_000), "a".repeat(8_000));
        let long = app.get(&format!("/search?{}", q(&ten_thousand))).await;
        assert_eq!(long.status, StatusCode::OK);
        assert!(
            notices(&long).contains("最初の200文字"),
            "{}",
            notices(&long)
        );
        assert!(long.attr("#search-q", "value")[0].chars().count() <= 200);

        let words: Vec<String> = (0..15).map(|i| format!("語{i}")).collect();
        let many = app.get(&format!("/search?{}", q(&words.join(" ")))).await;
        assert!(notices(&many).contains("最初の12語"), "{}", notices(&many));

        let emoji = app.get(&format!("/search?{}", q("😀🎉"))).await;
        assert_eq!(emoji.status, StatusCode::OK);
        assert!(notices(&emoji).contains("検索に使える文字がありません"));
        assert!(names(&emoji).is_empty());

        let some = app
            .get(&format!("/search?{}", q("あおぞら ぜったいない")))
            .await;
        assert!(
            notices(&some).contains("一部の言葉に一致する"),
            "{}",
            notices(&some)
        );
        assert_eq!(names(&some), [AOZORA]);
    })
    .await;
}

#[tokio::test]
async fn bad_input_never_fails_the_page() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let ok = [
            "/search?q=name%3Afoo+AND+(bar+OR)+-baz*+~+%5E2",
            "/search?q=%22%E5%AD%90%E3%81%A9%E3%82%82",
            "/search?q=%E3%80%8C%E5%AD%90%E3%81%A9%E3%82%82",
            "/search?q=%FF%FE",
            "/search?q=%00%01",
            "/search?q=%25%5C%27%22%3C%3E%26",
            "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "/search?unknown=1",
            "/p/okayama/search?q=%FF",
        ];
        for path in ok {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
        }
        // Bytes that are not UTF-8 are read as replacement characters: nothing to search.
        let bytes = app.get("/search?q=%FF%FE").await;
        assert!(
            bytes
                .texts(".search-notices")
                .join(" ")
                .contains("検索に使える文字がありません")
        );
        let xss = app
            .get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            .await;
        assert!(!xss.text.contains("<script>alert"), "escaped");

        // Unknown filter values are left out, and the page says so.
        let r = app
            .get("/search?pref=99&muni=123&field=abc&sdg=0&form=nope&level=9&cert=x")
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(names(&r).len(), 4, "searched without them");
        let ignored = r.texts(".notice-warning li");
        assert_eq!(ignored.len(), 7, "{ignored:?}");
        assert!(ignored[0].starts_with("都道府県"), "{ignored:?}");
        assert!(r.texts(".active-filters").is_empty(), "nothing was applied");

        // A parameter given twice where one is expected is a 400, never a 500.
        for path in ["/search?q=a&q=b", "/search?page=1&page=2"] {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn every_page_has_a_labelled_search_box() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        let cases = [
            (
                "/p/okayama",
                "/p/okayama/search",
                "このポータルの団体を検索",
            ),
            (
                &*format!("/p/okayama/organisations/{}", app.ids.aozora),
                "/p/okayama/search",
                "このポータルの団体を検索",
            ),
            (
                "/p/okayama/organisations",
                "/p/okayama/search",
                "このポータルの団体を検索",
            ),
            ("/", "/search", "ひろばの団体を検索"),
            ("/organisations", "/search", "ひろばの団体を検索"),
            ("/no/such/page", "/search", "ひろばの団体を検索"),
        ];
        for (path, action, label) in cases {
            let r = app.get(path).await;
            let forms = r.attr("header form[role=search]", "action");
            assert_eq!(forms, [action], "{path}");
            assert_eq!(
                r.attr("header form[role=search]", "method"),
                ["get"],
                "{path}"
            );
            assert_eq!(
                r.texts("header label[for=site-search-q]"),
                [label],
                "{path}"
            );
            assert_eq!(r.attr("#site-search-q", "type"), ["search"], "{path}");
            assert_eq!(r.attr("#site-search-q", "name"), ["q"], "{path}");
            let suggest = r.attr("header form[role=search]", "data-suggest");
            assert!(suggest[0].starts_with("/api/v1/search?limit=5"), "{path}");
            assert_eq!(
                suggest[0].contains("portal=okayama"),
                action.starts_with("/p/"),
                "{path}"
            );
        }
        // The search page has one box, its own, with a visible label.
        let r = app.get("/search").await;
        assert_eq!(r.attr("form[role=search]", "action"), ["/search"]);
        assert_eq!(r.texts("label[for=search-q]"), ["ひろばの団体を検索"]);
        assert!(r.attr("label[for=search-q]", "class").is_empty(), "visible");

        // Suggestions are a same-origin script file (the CSP forbids inline script).
        let scripts = r.attr("script[src]", "src");
        let js = scripts
            .iter()
            .find(|s| s.starts_with("/static/search.js?v="))
            .unwrap();
        let file = app.get(js).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(
            file.header("content-type"),
            "text/javascript; charset=utf-8"
        );
        assert!(file.text.contains("aria-activedescendant"));
        assert!(
            r.header("content-security-policy")
                .contains("script-src 'self'")
        );
        assert!(
            r.html()
                .select(&scraper::Selector::parse("script:not([src])").unwrap())
                .all(|s| s.value().attr("type") == Some("application/ld+json"))
        );
    })
    .await;
}

#[tokio::test]
async fn search_pages_are_fully_translated() {
    each_engine(|db| async move {
        let app = App::with_fixture(db).await;
        for path in [
            "/search".to_string(),
            format!("/search?{}", q("あおぞら")),
            format!("/search?{}&pref=33&field=13", q("ぜったい ないもの")),
            format!("/search?{}", q("😀")),
            "/search?pref=99&page=2".into(),
            "/search?page=abc".into(),
            "/search?pref=33&muni=332020&level=1".into(),
            format!("/p/okayama/search?{}", q("せとうち")),
            "/p/kodomo/search".into(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let r = app.get(&format!("{path}{sep}lang=en")).await;
            assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
            support::assert_fully_english(&path, &r);
        }
        let r = app.get(&format!("/search?{}&lang=en", q("あおぞら"))).await;
        assert_eq!(r.texts("h1"), ["Results for “あおぞら”"]);
        assert_eq!(r.texts("label[for=search-q]"), ["Search all organisations"]);
    })
    .await;
}
