//! The organisations written by hand: the portals' operators, local governments and a
//! funder, with the ★ level each is shown at.

use crate::gazetteer::PLACES;
use crate::generator::{Draft, corporate};
use crate::themes::THEMES;
use hiroba_domain::legal_forms::LegalForm;
use hiroba_domain::organisations::OrganisationInput;

/// A hand-written organisation: (★ level, theme, romaji for its domain and files).
fn fixed(input: OrganisationInput, days: i64, (level, theme, romaji): (u8, &str, &str)) -> Draft {
    let place = PLACES
        .iter()
        .find(|p| crate::code(p).to_string() == input.municipality)
        .expect("hand-written organisations are in the gazetteer");
    Draft {
        form: LegalForm::parse(&input.legal_form).expect("known form"),
        place,
        theme: THEMES
            .iter()
            .find(|t| t.romaji == theme)
            .expect("known theme"),
        romaji: romaji.to_owned(),
        reading: String::new(),
        level,
        gaps: None,
        days_since_update: Some(days),
        dress: true,
        input,
    }
}

impl Draft {
    /// Local governments are listed with what they publish elsewhere; the ★ rubric is for the
    /// organisations the portal supports.
    fn listed_as_is(mut self) -> Draft {
        self.dress = false;
        self
    }
}

fn local_government(
    name: &str,
    kana: &str,
    code: &str,
    postal: &str,
    street: &str,
    site: &str,
) -> Draft {
    // A local government's 法人番号 is its 6-digit code after "000020", with a check digit.
    let base: u64 = format!("000020{code}").parse().expect("digits");
    fixed(
        OrganisationInput {
            name: name.into(),
            name_kana: kana.into(),
            legal_form: "local_government".into(),
            roles: vec!["government".into(), "funder".into()],
            corporate_number: corporate(base),
            postal_code: postal.into(),
            municipality: code.into(),
            street: street.into(),
            street_public: true,
            website: site.into(),
            mission: "市民・NPO・企業との協働により、誰もが暮らしやすいまちをつくります。".into(),
            activity_fields: vec!["3".into(), "19".into()],
            sdgs: vec!["11".into(), "17".into()],
            activity_areas: vec![code.into()],
            ..Default::default()
        },
        30,
        (0, "machizukuri", "city"),
    )
    .listed_as_is()
}

pub(crate) fn hand_written() -> Vec<Draft> {
    vec![
        fixed(
            OrganisationInput {
                name: "特定非営利活動法人 きびの国市民活動支援センター".into(),
                name_kana: "キビノクニシミンカツドウシエンセンター".into(),
                legal_form: "certified_npo".into(),
                roles: vec!["intermediary".into(), "npo_ngo".into()],
                corporate_number: corporate(260005_012345),
                postal_code: "700-0822".into(),
                municipality: "331015".into(),
                street: "表町1丁目4-64 市民活動プラザ3階".into(),
                street_public: true,
                website: "https://kibinokuni-center.example.jp/".into(),
                email: "info@kibinokuni-center.example.jp".into(),
                mission: "岡山県内の市民活動・NPOを支え、行政・企業・学校と地域の担い手をつなぐ中間支援組織です。".into(),
                description: "NPOの設立・運営・会計の相談を年間400件受けています。\n\n行政・企業・学校とNPOの協働コーディネート、ボランティアセンターの運営、NPO実務検定の実施を行っています。\n\n「おかやま市民活動ひろば」を運営し、団体の情報公開と認証を進めています。".into(),
                activity_fields: vec!["19".into(), "3".into(), "2".into()],
                sdgs: vec!["17".into(), "11".into(), "4".into()],
                activity_areas: vec!["33".into()],
                ..Default::default()
            },
            3,
            (5, "shimin-katsudo", "kibinokuni-center"),
        ),
        fixed(
            OrganisationInput {
                name: "公益財団法人 みやこ市民活動財団".into(),
                name_kana: "ミヤコシミンカツドウザイダン".into(),
                legal_form: "public_interest_foundation".into(),
                roles: vec!["intermediary".into(), "funder".into()],
                corporate_number: corporate(130005_054321),
                postal_code: "604-8186".into(),
                municipality: "261041".into(),
                street: "烏丸通御池下る 市民交流館2階".into(),
                street_public: true,
                website: "https://miyako-zaidan.example.jp/".into(),
                email: "office@miyako-zaidan.example.jp".into(),
                mission: "市民の寄付で地域の課題に取り組む団体を支える、京都のコミュニティ財団です。".into(),
                description: "テーマ別の基金を設け、寄付者の思いと地域で活動する団体をつなぎます。\n\n助成先の団体には、事業評価と情報公開の伴走支援を行っています。".into(),
                activity_fields: vec!["19".into(), "3".into()],
                sdgs: vec!["17".into(), "1".into()],
                activity_areas: vec!["26".into()],
                ..Default::default()
            },
            5,
            (5, "shimin-katsudo", "miyako-zaidan"),
        ),
        fixed(
            OrganisationInput {
                name: "一般社団法人 こども・わかもの応援ネットワーク".into(),
                name_kana: "コドモワカモノオウエンネットワーク".into(),
                legal_form: "general_association".into(),
                roles: vec!["intermediary".into(), "npo_ngo".into()],
                corporate_number: corporate(11105_0987654),
                postal_code: "160-0022".into(),
                municipality: "131041".into(),
                street: "新宿5丁目3-1".into(),
                street_public: true,
                website: "https://kodomo-wakamono.example.jp/".into(),
                email: "hello@kodomo-wakamono.example.jp".into(),
                mission: "子ども・若者を支える全国の団体をつなぎ、活動の質と情報公開を高めます。".into(),
                description: "子ども食堂、学習支援、居場所づくり、若者の就労支援に取り組む団体の全国ネットワークです。\n\n研修、評価ツールの提供、助成プログラムの共同運営を行っています。".into(),
                activity_fields: vec!["13".into(), "19".into()],
                sdgs: vec!["4".into(), "1".into(), "17".into()],
                ..Default::default()
            },
            8,
            (4, "ibasho", "kodomo-wakamono"),
        ),
        local_government("岡山市", "オカヤマシ", "331007", "700-8544", "北区大供1丁目1-1", "https://www.city.okayama.jp/"),
        local_government("倉敷市", "クラシキシ", "332020", "710-8565", "西中新田640", "https://www.city.kurashiki.okayama.jp/"),
        local_government("京都市", "キョウトシ", "261009", "604-8571", "中京区寺町通御池上る上本能寺前町488", "https://www.city.kyoto.lg.jp/"),
        local_government("宇治市", "ウジシ", "262048", "611-8501", "宇治琵琶33", "https://www.city.uji.kyoto.jp/"),
        fixed(
            OrganisationInput {
                name: "株式会社 せとうちフーズ".into(),
                name_kana: "セトウチフーズ".into(),
                legal_form: "stock_company".into(),
                roles: vec!["company".into(), "funder".into()],
                corporate_number: corporate(260001_111222),
                postal_code: "710-0055".into(),
                municipality: "332020".into(),
                street: "阿知3丁目2-5".into(),
                street_public: true,
                website: "https://setouchi-foods.example.jp/".into(),
                mission: "食を通じて地域に貢献します。フードバンクへの食品寄付と、子ども食堂への助成を行っています。".into(),
                activity_areas: vec!["33".into()],
                ..Default::default()
            },
            40,
            (2, "foodbank", "setouchi-foods"),
        ),
    ]
}
