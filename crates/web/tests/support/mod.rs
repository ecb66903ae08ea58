//! In-process HTTP testing: the real router over a fresh database, driven with `oneshot`.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use hiroba_domain::organisations::OrganisationInput;
use hiroba_domain::portals::PortalInput;
use hiroba_store::municipalities::Municipality;
use hiroba_testkit::TestDb;
use hiroba_web::{AppState, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const BASE_URL: &str = "https://hiroba.test";

pub struct App {
    pub db: TestDb,
    pub router: axum::Router,
    pub ids: Fixture,
    /// Where the app's mail is written (.eml files).
    pub mail_dir: tempfile::TempDir,
}

/// Ids of the fixture's records.
#[derive(Debug, Clone, Default)]
pub struct Fixture {
    pub okayama: i64,
    pub kodomo: i64,
    pub aozora: i64,
    pub himawari: i64,
    pub midori: i64,
    pub setouchi: i64,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Text of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }
}

impl App {
    /// The router over `db`, without data.
    pub fn empty(db: TestDb) -> App {
        let mail_dir = tempfile::tempdir().expect("mail dir");
        let mailer =
            hiroba_mail::Mailer::to_folder(mail_dir.path(), "Hiroba <noreply@hiroba.test>")
                .expect("mailer");
        let config = WebConfig {
            base_url: BASE_URL.into(),
            ..Default::default()
        };
        let state = AppState::new(db.store.clone(), config, mailer);
        App {
            router: hiroba_web::router(state),
            db,
            ids: Fixture::default(),
            mail_dir,
        }
    }

    /// The router over `db` with the small fixture below.
    pub async fn with_fixture(db: TestDb) -> App {
        let mut app = App::empty(db);
        app.ids = load_fixture(&app.db).await;
        app
    }

    pub async fn request(&self, method: Method, uri: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let response = self
            .router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Resp {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.request(Method::GET, uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Resp {
        self.request(Method::GET, uri, headers).await
    }
}

fn muni(code: &str, ja: &str, en: &str) -> Municipality {
    Municipality {
        code: hiroba_domain::codes::MunicipalityCode::parse(code).unwrap(),
        name_ja: ja.into(),
        name_kana: None,
        name_en: Some(en.into()),
    }
}

pub async fn load_fixture(db: &TestDb) -> Fixture {
    let store = &db.store;
    store
        .municipalities()
        .upsert_many(&[
            muni("331007", "岡山市", "Okayama City"),
            muni("331015", "岡山市北区", "Kita Ward, Okayama"),
            muni("332020", "倉敷市", "Kurashiki"),
            muni("261009", "京都市", "Kyoto City"),
        ])
        .await
        .unwrap();
    let org = |input: OrganisationInput| input.validate().unwrap();
    let aozora = store
        .organisations()
        .create(
            &org(OrganisationInput {
                name: "特定非営利活動法人 あおぞら子ども食堂".into(),
                name_kana: "アオゾラコドモショクドウ".into(),
                legal_form: "npo".into(),
                roles: vec!["npo_ngo".into()],
                corporate_number: "1180301018771".into(),
                postal_code: "700-0822".into(),
                municipality: "331015".into(),
                street: "表町1丁目4-64".into(),
                street_public: true,
                website: "https://aozora.example.jp/".into(),
                email: "info@aozora.example.jp".into(),
                mission: "地域の子どもたちが安心してごはんを食べられる居場所をつくります。".into(),
                description: "毎週水曜日に子ども食堂を開いています。\n\n学習支援も行っています。"
                    .into(),
                activity_fields: vec!["13".into(), "1".into()],
                sdgs: vec!["1".into(), "2".into()],
                activity_areas: vec!["331007".into(), "33".into()],
                ..Default::default()
            }),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    let himawari = store
        .organisations()
        .create(
            &org(OrganisationInput {
                name: "ひまわり見守り隊".into(),
                name_kana: "ヒマワリミマモリタイ".into(),
                legal_form: "voluntary".into(),
                roles: vec!["npo_ngo".into()],
                municipality: "332020".into(),
                // A private home: never shown.
                street: "中央9丁目9-9 山田方".into(),
                street_public: false,
                mission: "ひとり暮らしの高齢者を見守ります。".into(),
                activity_fields: vec!["1".into()],
                ..Default::default()
            }),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    let midori = store
        .organisations()
        .create(
            &org(OrganisationInput {
                name: "一般社団法人 京都みどりラボ".into(),
                name_kana: "キョウトミドリラボ".into(),
                legal_form: "general_association".into(),
                roles: vec!["npo_ngo".into()],
                corporate_number: "5835678256246".into(),
                municipality: "261009".into(),
                activity_fields: vec!["7".into()],
                sdgs: vec!["13".into(), "15".into()],
                ..Default::default()
            }),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    let setouchi = store
        .organisations()
        .create(
            &org(OrganisationInput {
                name: "株式会社 せとうちフーズ".into(),
                name_kana: "セトウチフーズ".into(),
                legal_form: "stock_company".into(),
                roles: vec!["company".into(), "funder".into()],
                corporate_number: "4010801014350".into(),
                municipality: "332020".into(),
                ..Default::default()
            }),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    let okayama = store
        .portals()
        .create(
            &PortalInput {
                slug: "okayama".into(),
                name_ja: "おかやま市民活動ひろば".into(),
                name_en: "Okayama Civic Action Square".into(),
                kind: "regional".into(),
                operator_organisation_id: Some(aozora.id),
                prefectures: vec!["33".into()],
                primary_colour: "#7a1f3d".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "岡山県のNPOを紹介します。".into(),
                intro_en: "Introducing NPOs in Okayama.".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    let kodomo = store
        .portals()
        .create(
            &PortalInput {
                slug: "kodomo".into(),
                name_ja: "子ども・若者応援ひろば".into(),
                name_en: "Children and Youth Square".into(),
                kind: "theme".into(),
                activity_fields: vec!["13".into()],
                primary_colour: "#2e6b30".into(),
                accent_colour: "#8a4b08".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
            hiroba_store::By::SYSTEM,
        )
        .await
        .unwrap();
    Fixture {
        okayama: okayama.id,
        kodomo: kodomo.id,
        aozora: aozora.id,
        himawari: himawari.id,
        midori: midori.id,
        setouchi: setouchi.id,
    }
}

/// Whether a text contains Japanese script (kana, kanji, full-width forms).
pub fn has_japanese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{3000}'..='\u{303F}')
    })
}
