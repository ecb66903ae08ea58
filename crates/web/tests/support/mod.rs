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

pub mod clients;

pub const BASE_URL: &str = "https://hiroba.test";

pub struct App {
    pub db: TestDb,
    pub router: axum::Router,
    pub ids: Fixture,
    /// Where the app's mail is written (.eml files).
    pub mail_dir: tempfile::TempDir,
    /// Where uploaded files are kept.
    pub files_dir: tempfile::TempDir,
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
    /// The body as sent (for downloads in other encodings).
    pub bytes: Vec<u8>,
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

/// File storage in a temporary folder that lives as long as the app.
/// A search index in memory following `store`.
pub fn search_of(store: &hiroba_store::Store) -> std::sync::Arc<hiroba_search::Follower> {
    std::sync::Arc::new(hiroba_search::Follower::new(
        std::sync::Arc::new(hiroba_search::SearchIndex::in_memory().expect("search index")),
        store.clone(),
    ))
}

pub fn local_files(dir: &tempfile::TempDir) -> std::sync::Arc<dyn hiroba_files::FileStore> {
    std::sync::Arc::new(hiroba_files::LocalFiles::new(dir.path().to_path_buf()))
}

impl App {
    /// The app's file store (the same folder the routes write to).
    pub fn files(&self) -> std::sync::Arc<dyn hiroba_files::FileStore> {
        local_files(&self.files_dir)
    }

    /// The router over `db`, without data.
    pub fn empty(db: TestDb) -> App {
        App::with_config(
            db,
            WebConfig {
                base_url: BASE_URL.into(),
                ..Default::default()
            },
        )
    }

    /// The router over `db` with these settings, without data.
    pub fn with_config(db: TestDb, config: WebConfig) -> App {
        let mail_dir = tempfile::tempdir().expect("mail dir");
        let mailer =
            hiroba_mail::Mailer::to_folder(mail_dir.path(), "Hiroba <noreply@hiroba.test>")
                .expect("mailer");
        let files_dir = tempfile::tempdir().expect("files dir");
        let state = AppState::new(
            db.store.clone(),
            config,
            mailer,
            local_files(&files_dir),
            search_of(&db.store),
        );
        App {
            router: hiroba_web::router(state),
            db,
            ids: Fixture::default(),
            mail_dir,
            files_dir,
        }
    }

    /// The router over `db`, sending mail over SMTP to `port` on this machine.
    pub fn with_smtp(db: TestDb, port: u16) -> App {
        let settings = hiroba_mail::SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: hiroba_mail::Security::None,
            username: None,
            password: None,
        };
        let mailer =
            hiroba_mail::Mailer::smtp(&settings, "ひろば <noreply@hiroba.test>").expect("mailer");
        let config = WebConfig {
            base_url: BASE_URL.into(),
            ..Default::default()
        };
        let files_dir = tempfile::tempdir().expect("files dir");
        let state = AppState::new(
            db.store.clone(),
            config,
            mailer,
            local_files(&files_dir),
            search_of(&db.store),
        );
        App {
            router: hiroba_web::router(state),
            db,
            ids: Fixture::default(),
            mail_dir: tempfile::tempdir().expect("dir"),
            files_dir,
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
            bytes: bytes.to_vec(),
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
    let org = |input: OrganisationInput| input.validate(hiroba_web::today()).unwrap();
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

/// A message as it arrived (from the folder transport or the SMTP sink).
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl ReceivedMail {
    pub fn parse(raw: &[u8]) -> ReceivedMail {
        let msg = mail_parser::MessageParser::default()
            .parse(raw)
            .expect("a parseable message");
        let to = msg
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_owned();
        ReceivedMail {
            to,
            subject: msg.subject().unwrap_or_default().to_owned(),
            body: msg.body_text(0).unwrap_or_default().into_owned(),
        }
    }

    /// The first link in the body that starts with `prefix` (a path under the base URL).
    pub fn link(&self, prefix: &str) -> String {
        let start = format!("{BASE_URL}{prefix}");
        self.body
            .split_whitespace()
            .find(|w| w.starts_with(&start))
            .unwrap_or_else(|| panic!("no link to {prefix} in: {}", self.body))
            .trim_start_matches(BASE_URL)
            .to_owned()
    }
}

impl App {
    /// Messages the app has written so far, oldest first.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<_> = std::fs::read_dir(self.mail_dir.path())
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .map(|p| ReceivedMail::parse(&std::fs::read(p).unwrap()))
            .collect()
    }

    /// The newest message to `to`.
    pub fn last_mail_to(&self, to: &str) -> ReceivedMail {
        self.mails()
            .into_iter()
            .rev()
            .find(|m| m.to == to)
            .unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// A confirmed account with this password.
    pub async fn user(&self, email: &str, password: &str) -> hiroba_store::users::User {
        let hash = hiroba_auth::hash_password(password).unwrap();
        self.db
            .store
            .users()
            .create(
                &hiroba_store::users::NewUser {
                    email,
                    display_name: "テスト 利用者",
                    password_hash: &hash,
                    lang: "ja",
                    verified: true,
                    platform_admin: false,
                },
                hiroba_store::By::SYSTEM,
            )
            .await
            .unwrap()
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Vec::new(),
            headers: Vec::new(),
        }
    }

    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Resp {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let response = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Resp {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }
}

/// A browser: keeps cookies, sends the CSRF token with every form, and says (as browsers do)
/// that its posts come from the same origin.
pub struct Browser<'a> {
    pub app: &'a App,
    pub cookies: Vec<(String, String)>,
    /// Extra headers on every request (e.g. a forged Sec-Fetch-Site).
    pub headers: Vec<(String, String)>,
}

impl Browser<'_> {
    fn remember(&mut self, r: &Resp) {
        for v in r.headers.get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !value.is_empty() && !v.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    fn cookie_header(&self) -> Vec<(String, String)> {
        let mut h = self.headers.clone();
        if !self.cookies.is_empty() {
            h.push((
                "cookie".into(),
                self.cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        h
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    pub async fn get(&mut self, uri: &str) -> Resp {
        let r = self
            .app
            .send(Method::GET, uri, &self.cookie_header(), Vec::new())
            .await;
        self.remember(&r);
        r
    }

    /// Posts a form with the CSRF token of this browser (fetching a page first if needed).
    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Resp {
        if self.cookie("hiroba_csrf").is_none() {
            self.get("/").await;
        }
        let token = self.cookie("hiroba_csrf").unwrap();
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(uri, &all).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&mut self, uri: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_html_form::to_string(fields).unwrap().into_bytes();
        let mut headers = self.cookie_header();
        headers.push((
            "content-type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        if !headers.iter().any(|(k, _)| k == "sec-fetch-site") {
            headers.push(("sec-fetch-site".into(), "same-origin".into()));
        }
        let r = self.app.send(Method::POST, uri, &headers, body).await;
        self.remember(&r);
        r
    }

    /// Posts a multipart form (as a browser does for file uploads): the CSRF token first, then
    /// the fields, then the file `(field, filename, bytes)` if any.
    pub async fn post_multipart(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Resp {
        if self.cookie("hiroba_csrf").is_none() {
            self.get("/").await;
        }
        let token = self.cookie("hiroba_csrf").unwrap();
        let boundary = "----hirobaTestBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        let mut part = |name: &str, value: &[u8], filename: Option<&str>| {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match filename {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(value);
            body.extend_from_slice(b"\r\n");
        };
        part("_csrf", token.as_bytes(), None);
        for (k, v) in fields {
            part(k, v.as_bytes(), None);
        }
        if let Some((name, filename, bytes)) = file {
            part(name, bytes, Some(filename));
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut headers = self.cookie_header();
        headers.push((
            "content-type".into(),
            format!("multipart/form-data; boundary={boundary}"),
        ));
        headers.push(("sec-fetch-site".into(), "same-origin".into()));
        let r = self.app.send(Method::POST, uri, &headers, body).await;
        self.remember(&r);
        r
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Resp {
        let r = self
            .post("/signin", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "sign-in as {email} failed: {}",
            r.text
        );
        r
    }
}

pub const PASSWORD: &str = "きびだんごを三つ持って";

/// People in every role, over the fixture: organisation A is あおぞら (in both portals),
/// organisation B is 京都みどりラボ (in neither), portal P is okayama, portal Q is kodomo.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    Anonymous,
    Unverified,
    User,
    OwnerA,
    EditorA,
    OwnerB,
    OperatorP,
    EditorP,
    OperatorQ,
    Admin,
}

impl Who {
    pub const ALL: [Who; 10] = [
        Who::Anonymous,
        Who::Unverified,
        Who::User,
        Who::OwnerA,
        Who::EditorA,
        Who::OwnerB,
        Who::OperatorP,
        Who::EditorP,
        Who::OperatorQ,
        Who::Admin,
    ];

    pub fn email(&self) -> Option<&'static str> {
        Some(match self {
            Who::Anonymous => return None,
            Who::Unverified => "unverified@example.jp",
            Who::User => "user@example.jp",
            Who::OwnerA => "owner-a@example.jp",
            Who::EditorA => "editor-a@example.jp",
            Who::OwnerB => "owner-b@example.jp",
            Who::OperatorP => "operator-p@example.jp",
            Who::EditorP => "editor-p@example.jp",
            Who::OperatorQ => "operator-q@example.jp",
            Who::Admin => "admin@example.jp",
        })
    }
}

impl App {
    /// The fixture with people in every role (all with [`PASSWORD`]).
    pub async fn with_people(db: TestDb) -> App {
        use hiroba_domain::roles::{OrgRole, PortalRole};
        let app = App::with_fixture(db).await;
        let store = &app.db.store;
        let by = hiroba_store::By::SYSTEM;
        let hash = hiroba_auth::hash_password(PASSWORD).unwrap();
        for who in Who::ALL {
            let Some(email) = who.email() else { continue };
            let user = store
                .users()
                .create(
                    &hiroba_store::users::NewUser {
                        email,
                        display_name: &format!("{who:?}"),
                        password_hash: &hash,
                        lang: "ja",
                        verified: !matches!(who, Who::Unverified),
                        platform_admin: matches!(who, Who::Admin),
                    },
                    by,
                )
                .await
                .unwrap();
            let team = store.team();
            match who {
                Who::OwnerA | Who::Unverified => team
                    .grant_org_role(app.ids.aozora, user.id, OrgRole::Owner, by)
                    .await
                    .unwrap(),
                Who::EditorA => team
                    .grant_org_role(app.ids.aozora, user.id, OrgRole::Editor, by)
                    .await
                    .unwrap(),
                Who::OwnerB => team
                    .grant_org_role(app.ids.midori, user.id, OrgRole::Owner, by)
                    .await
                    .unwrap(),
                Who::OperatorP => team
                    .grant_portal_role(app.ids.okayama, user.id, PortalRole::Operator, by)
                    .await
                    .unwrap(),
                Who::EditorP => team
                    .grant_portal_role(app.ids.okayama, user.id, PortalRole::Editor, by)
                    .await
                    .unwrap(),
                Who::OperatorQ => team
                    .grant_portal_role(app.ids.kodomo, user.id, PortalRole::Operator, by)
                    .await
                    .unwrap(),
                _ => {}
            }
        }
        app
    }

    pub async fn user_id(&self, who: Who) -> i64 {
        self.db
            .store
            .users()
            .by_email(who.email().unwrap())
            .await
            .unwrap()
            .unwrap()
            .id
    }

    /// A browser signed in as `who` (anonymous: not signed in).
    pub async fn as_(&self, who: Who) -> Browser<'_> {
        let mut b = self.browser();
        if let Some(email) = who.email() {
            b.sign_in(email, PASSWORD).await;
        }
        b
    }
}

/// Every text node of an English page that contains Japanese must be inside an element marked
/// `lang="ja"`: data (names, missions) may be Japanese, the interface may not.
pub fn assert_fully_english(path: &str, r: &Resp) {
    let html = r.html();
    assert_eq!(r.attr("html", "lang"), ["en"], "{path}");
    let body = html
        .select(&scraper::Selector::parse("body").unwrap())
        .next()
        .unwrap();
    for node in body.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        if !has_japanese(text) {
            continue;
        }
        let in_script = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style"))
        });
        let marked = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .and_then(|e| e.attr("lang"))
                .is_some_and(|l| l.starts_with("ja"))
        });
        assert!(
            in_script || marked,
            "untranslated text on {path}: {:?}",
            text.trim()
        );
    }
}
