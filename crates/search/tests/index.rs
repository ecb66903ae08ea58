//! The index on its own: matching as people type, facets and filters, ranking tie-breaks,
//! paging, and input that must never fail.

use chrono::{Duration, Utc};
use hiroba_domain::legal_forms::LegalForm;
use hiroba_search::document::legal_form_code;
use hiroba_search::query::Notice;
use hiroba_search::{DocKind, Facet, Filters, SearchDocument, SearchIndex, SearchRequest};

fn doc(id: i64, name: &str, reading: &str, mission: &str) -> SearchDocument {
    SearchDocument {
        kind: DocKind::Organisation,
        id,
        name: name.into(),
        reading: reading.into(),
        mission: mission.into(),
        body: String::new(),
        place: "岡山県 岡山市北区".into(),
        corporate_number: None,
        prefecture: Some(33),
        municipality: Some(331015),
        legal_form: Some(LegalForm::Npo),
        level: 2,
        certification: 0,
        activity_fields: vec![13],
        sdgs: vec![4],
        portals: vec![1],
        updated_at: Utc::now() - Duration::days(30),
    }
}

fn index_of(docs: &[SearchDocument]) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.upsert(docs).unwrap();
    index.commit(0).unwrap();
    index
}

fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    index
        .search(&SearchRequest::organisations(text))
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

fn sample() -> Vec<SearchDocument> {
    let mut v = vec![
        doc(
            1,
            "特定非営利活動法人 育て上げネット",
            "ソダテアゲネット",
            "若者の就労を支援します",
        ),
        doc(
            2,
            "子ども食堂ひだまり",
            "コドモショクドウヒダマリ",
            "地域の子どもに食事を",
        ),
        doc(
            3,
            "髙橋まちづくり協議会",
            "タカハシマチヅクリキョウギカイ",
            "まちづくり",
        ),
        doc(4, "佐々木ネットワーク", "ササキネットワーク", "交流の場"),
        doc(
            5,
            "シニアコンピューター倶楽部",
            "シニアコンピュータークラブ",
            "スマホ教室",
        ),
        doc(
            6,
            "Okayama Social Lab",
            "オカヤマソーシャルラボ",
            "social business",
        ),
    ];
    v[1].legal_form = Some(LegalForm::Voluntary);
    v[2].legal_form = Some(LegalForm::GeneralAssociation);
    v[2].prefecture = Some(26);
    v[2].municipality = Some(261009);
    v[2].activity_fields = vec![3];
    v[5].corporate_number = Some("6260005003881".into());
    v
}

#[test]
fn finds_names_as_people_type_them() {
    let index = index_of(&sample());
    for (query, expected) in [
        ("育て上げ", 1),
        ("そだてあげ", 1),
        ("ソダテアゲ", 1),
        ("ｿﾀﾞﾃｱｹﾞ", 1),
        ("ＮＰＯ法人育て上げネット", 1),
        ("こども食堂", 2),
        ("子供食堂", 2),
        ("高橋", 3),
        ("髙橋", 3),
        ("佐佐木", 4),
        ("佐々木", 4),
        ("コンピュータ", 5),
        ("ｼﾆｱｺﾝﾋﾟｭｰﾀｰ", 5),
        ("social lab", 6),
        ("ＳＯＣＩＡＬ", 6),
        ("6260005003881", 6),
        ("６２６０-００５０-０３８８１", 6),
    ] {
        let found = ids(&index, query);
        assert_eq!(found.first(), Some(&expected), "{query}: {found:?}");
    }
}

#[test]
fn phrases_match_the_exact_substring() {
    let index = index_of(&sample());
    // Both bigrams exist in doc 2 but not next to each other.
    assert!(ids(&index, "食堂子ども").is_empty());
    assert_eq!(ids(&index, "\"子ども食堂\""), vec![2]);
    // Every word must match; when none matches all, results matching some are shown.
    let relaxed = relaxed_ids(&index, "子ども 就労");
    assert!(relaxed.contains(&1) && relaxed.contains(&2), "{relaxed:?}");
}

fn relaxed_ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    let r = index.search(&SearchRequest::organisations(text)).unwrap();
    assert!(r.notices.contains(&Notice::Relaxed), "{text} falls back");
    r.hits.iter().map(|h| h.id).collect()
}

#[test]
fn a_single_kanji_finds_names() {
    let index = index_of(&sample());
    assert_eq!(ids(&index, "髙"), vec![3]);
    assert_eq!(ids(&index, "倶"), vec![5]);
}

#[test]
fn legal_forms_filter_or_match() {
    let index = index_of(&sample());
    let npo = ids(&index, "NPO法人");
    assert!(npo.contains(&1) && npo.contains(&4));
    assert!(!npo.contains(&2), "a voluntary group is not an NPO法人");
    assert_eq!(ids(&index, "(一社)"), vec![3]);
}

#[test]
fn facets_count_and_filters_narrow() {
    let index = index_of(&sample());
    let mut req = SearchRequest::organisations("");
    req.facets = Facet::ALL.to_vec();
    let r = index.search(&req).unwrap();
    assert_eq!(r.total, 6);
    assert_eq!(r.counts(Facet::Prefecture), &[(33, 5), (26, 1)]);
    assert!(
        r.counts(Facet::LegalForm)
            .contains(&(legal_form_code(LegalForm::Npo), 4))
    );
    assert_eq!(r.counts(Facet::Portal), &[(1, 6)]);

    req.filters = Filters {
        prefecture: vec![26],
        ..Filters::default()
    };
    let r = index.search(&req).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![3]);
    assert_eq!(r.counts(Facet::ActivityField), &[(3, 1)]);

    req.filters = Filters {
        activity_field: vec![13],
        min_level: Some(3),
        ..Filters::default()
    };
    assert_eq!(index.search(&req).unwrap().total, 0);
}

#[test]
fn better_disclosed_and_fresher_break_ties() {
    let mut docs = vec![
        doc(1, "みどりの会", "", ""),
        doc(2, "みどりの会", "", ""),
        doc(3, "みどりの会", "", ""),
    ];
    docs[1].level = 5;
    docs[2].level = 5;
    docs[2].updated_at = Utc::now();
    let index = index_of(&docs);
    assert_eq!(ids(&index, "みどり"), vec![3, 2, 1]);
    // A word in the mission counts more than one in the description.
    let mut docs = vec![
        doc(1, "あおぞら", "", ""),
        doc(2, "ひだまり", "", "森を守る市民の会として活動しています"),
    ];
    docs[0].body = "森を守る".into();
    let index = index_of(&docs);
    assert_eq!(ids(&index, "森を守る"), vec![2, 1]);
    // Tie-breaks do not outweigh a clearly better match: the name beats the mission.
    let mut docs = vec![
        doc(1, "みどりの会", "", ""),
        doc(2, "あおぞら", "", "みどりを守る"),
    ];
    docs[1].level = 5;
    let index = index_of(&docs);
    assert_eq!(ids(&index, "みどり"), vec![1, 2]);
}

#[test]
fn replacing_and_deleting_documents() {
    let index = index_of(&sample());
    let mut renamed = sample()[0].clone();
    renamed.name = "わかもの未来ネット".into();
    renamed.reading = "ワカモノミライネット".into();
    index.upsert(&[renamed]).unwrap();
    index.commit(1).unwrap();
    assert!(ids(&index, "育て上げ").is_empty());
    assert_eq!(ids(&index, "未来ネット"), vec![1]);
    assert_eq!(index.doc_count(), 6);
    index.delete(DocKind::Organisation, 1).unwrap();
    index.commit(2).unwrap();
    assert!(ids(&index, "未来ネット").is_empty());
    assert_eq!(index.sync_state().unwrap().applied_through, 2);
}

#[test]
fn highlights_and_snippets_mark_what_matched() {
    let index = index_of(&sample());
    let r = index
        .search(&SearchRequest::organisations("ｿﾀﾞﾃｱｹﾞ 就労"))
        .unwrap();
    let hit = &r.hits[0];
    assert!(hit.name.iter().all(|s| !s.matched), "found by its reading");
    assert!(hit.snippet.iter().any(|s| s.matched && s.text == "就労"));
    let r = index
        .search(&SearchRequest::organisations("育て上げ"))
        .unwrap();
    assert!(
        r.hits[0]
            .name
            .iter()
            .any(|s| s.matched && s.text == "育て上げ")
    );
}

#[test]
fn input_that_must_not_fail() {
    let index = index_of(&sample());
    let long = "子ども".repeat(5_000);
    for q in [
        "",
        "   ",
        long.as_str(),
        "\"",
        "\"子ども",
        "name:foo AND (bar",
        "*?~^-+[]{}!:\\/",
        "😀🎉",
        "\u{0}\u{FFFD}",
        "子ども\"食堂\"\"",
    ] {
        let r = index.search(&SearchRequest::organisations(q));
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    let r = index.search(&SearchRequest::organisations(long)).unwrap();
    assert!(r.notices.contains(&Notice::Shortened));
    let r = index.search(&SearchRequest::organisations("😀")).unwrap();
    assert_eq!(r.total, 0);
    assert!(r.notices.contains(&Notice::NothingSearchable));
    let mut req = SearchRequest::organisations("");
    req.offset = usize::MAX;
    req.limit = usize::MAX;
    let r = index.search(&req).unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 6);
}
