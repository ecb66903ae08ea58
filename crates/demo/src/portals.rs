//! The demo's portals: two regions, a city and a nationwide theme.

use crate::DemoPortal;
use hiroba_domain::portals::{PortalInput, PortalSettings};

fn portal(input: PortalInput) -> PortalSettings {
    input
        .validate()
        .unwrap_or_else(|e| panic!("demo portal is valid: {e}"))
}

/// 岡山 (0), 京都 (1), 子ども・若者 (2) and 倉敷 (3), each run by a hand-written organisation.
pub fn portals() -> Vec<DemoPortal> {
    vec![
        DemoPortal {
            settings: portal(PortalInput {
                slug: "okayama".into(),
                name_ja: "おかやま市民活動ひろば".into(),
                name_en: "Okayama Civic Action Square".into(),
                kind: "regional".into(),
                prefectures: vec!["33".into()],
                primary_colour: "#7a1f3d".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "岡山県内で活動するNPO・市民活動団体の情報を集めた公益ポータルです。\n\n団体の情報公開を応援し、行政・企業・学校と地域の担い手をつなぎます。寄付先やボランティア先、協働のパートナーさがしにご活用ください。".into(),
                intro_en: "A public-benefit portal of the NPOs and civic groups active in Okayama Prefecture.\n\nBy encouraging organisations to disclose information, it connects local government, companies and schools with the people who take action locally.".into(),
                ..Default::default()
            }),
            operator: Some(0),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kyoto".into(),
                name_ja: "京都ソーシャルひろば".into(),
                name_en: "Kyoto Social Square".into(),
                kind: "regional".into(),
                prefectures: vec!["26".into()],
                primary_colour: "#2e3a87".into(),
                accent_colour: "#8c2f0d".into(),
                intro_ja: "京都府内の公益活動団体と、寄付・助成・協働でそれを支える人をつなぐポータルです。運営は、みやこ市民活動財団です。".into(),
                intro_en: "Connecting public-benefit organisations in Kyoto Prefecture with the people who support them through donations, grants and collaboration. Run by the Miyako Civic Foundation.".into(),
                ..Default::default()
            }),
            operator: Some(1),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kodomo-wakamono".into(),
                name_ja: "子ども・若者応援ひろば".into(),
                name_en: "Children and Youth Square".into(),
                kind: "theme".into(),
                activity_fields: vec!["13".into()],
                sdgs: vec!["4".into()],
                primary_colour: "#2e6b30".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "子どもの健全育成と教育に取り組む全国の団体を紹介するテーマポータルです。子ども食堂、学習支援、居場所づくり、若者の就労支援などの団体をさがせます。".into(),
                intro_en: "A theme portal of organisations across Japan working for children's well-being and education: children's cafeterias, study support, safe places and youth employment.".into(),
                ..Default::default()
            }),
            operator: Some(2),
        },
        DemoPortal {
            settings: portal(PortalInput {
                slug: "kurashiki".into(),
                name_ja: "くらしき市民活動ひろば".into(),
                name_en: "Kurashiki Civic Square".into(),
                kind: "regional".into(),
                municipalities: vec!["332020".into()],
                primary_colour: "#1d5d90".into(),
                accent_colour: "#8a4b08".into(),
                intro_ja: "倉敷市で活動する団体のポータルです。平成30年7月豪雨からの復興に取り組む団体も紹介しています。".into(),
                intro_en: "The portal of organisations active in Kurashiki, including those working on recovery from the July 2018 floods.".into(),
                ..Default::default()
            }),
            operator: Some(4),
        },
    ]
}
