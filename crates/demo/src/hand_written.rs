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
        // Names written the ways search must cope with: a kana reading unlike the kanji,
        // a kanji variant (髙, 﨑), an iteration mark (々), a long vowel people drop, Latin
        // words, and one found by its 法人番号.
        searchable(
            "特定非営利活動法人 きびの育て上げネット",
            "キビノソダテアゲネット",
            "npo",
            corporate(260005_013579),
            "331015",
            "働くことに悩む若者と家族を支え、社会に出る一歩を一緒に踏み出します。",
            "若者の就労相談、職業体験、ひきこもりの家族会を運営しています。",
            &["13", "17"],
            (4, "wakamono-shuro", "kibino-sodateage"),
        ),
        searchable(
            "一般社団法人 髙梁川流域ネットワーク",
            "タカハシガワリュウイキネットワーク",
            "general_association",
            corporate(260005_024680),
            "332097",
            "髙梁川の上流から河口までの住民・団体をつなぎ、川と暮らしの環境を守ります。",
            "流域の清掃活動、水質調査、川の防災学習を行っています。",
            &["7", "8"],
            (3, "umi-kawa", "takahashigawa"),
        ),
        searchable(
            "特定非営利活動法人 山﨑記念ボランティアセンター",
            "ヤマザキキネンボランティアセンター",
            "npo",
            corporate(260005_035791),
            "332020",
            "ボランティアをしたい人と必要とする人をつなぎます。",
            "ボランティア講座、災害ボランティアの派遣、福祉施設との連絡調整を行っています。",
            &["1", "8", "19"],
            (3, "saigai", "yamazaki-kinen"),
        ),
        searchable(
            "任意団体 津々浦々おさんぽ会",
            "ツツウラウラオサンポカイ",
            "voluntary",
            String::new(),
            "332020",
            "高齢者と一緒にまちを歩き、見守りと健康づくりを続けています。",
            "月2回の散歩会と、買い物が難しい方の付き添いをしています。",
            &["1", "3"],
            (2, "koreisha", "tsutsuuraura"),
        ),
        searchable(
            "特定非営利活動法人 シニアコンピューター倶楽部おかやま",
            "シニアコンピュータークラブオカヤマ",
            "npo",
            corporate(260005_046802),
            "331015",
            "高齢者がパソコンやスマートフォンを使いこなせるよう、仲間どうしで教え合います。",
            "スマホ教室、オンライン手続きの相談会、デジタル機器の寄付の仲介をしています。",
            &["14", "1"],
            (2, "ict", "senior-computer"),
        ),
        searchable(
            "一般社団法人 Okayama Social Lab",
            "オカヤマソーシャルラボ",
            "general_association",
            corporate(260005_057913),
            "331015",
            "社会起業家と地域の企業をつなぎ、ソーシャルビジネスの立ち上げを支えます。",
            "起業講座、ピッチイベント、企業と団体のマッチングを行っています。",
            &["17", "3"],
            (3, "machizukuri", "okayama-social-lab"),
        ),
    ]
}

/// A hand-written organisation for the search examples: an NPO-like profile in Okayama.
#[allow(clippy::too_many_arguments)]
fn searchable(
    name: &str,
    kana: &str,
    form: &str,
    corporate_number: String,
    municipality: &str,
    mission: &str,
    description: &str,
    fields: &[&str],
    shown: (u8, &str, &str),
) -> Draft {
    fixed(
        OrganisationInput {
            name: name.into(),
            name_kana: kana.into(),
            legal_form: form.into(),
            roles: vec!["npo_ngo".into()],
            corporate_number,
            municipality: municipality.into(),
            mission: mission.into(),
            description: description.into(),
            activity_fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            activity_areas: vec![municipality.into()],
            ..Default::default()
        },
        20,
        shown,
    )
}
