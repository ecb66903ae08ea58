//! Organisations as CSV rows. The headers are the ones the spreadsheet importer recognises
//! (see `hiroba_domain::registries::spreadsheet`), so an export re-imports without mapping;
//! columns only for reading (ID, ★, the profile page) have headers it ignores.

use crate::encoding::CsvEncoding;
use chrono::{DateTime, Utc};
use hiroba_domain::organisations::OrganisationProfile;

pub const HEADERS: [&str; 26] = [
    "ID",
    "団体名",
    "フリガナ",
    "法人格",
    "法人番号",
    "郵便番号",
    "都道府県",
    "市区町村",
    "住所",
    "住所の公開",
    "URL",
    "メールアドレス",
    "電話番号",
    "目的",
    "活動内容",
    "活動分野",
    "活動分野（名称）",
    "SDGs",
    "設立年月日",
    "代表者",
    "代表者役職",
    "所轄庁",
    "情報公開レベル",
    "認証",
    "プロフィールページ",
    "最終更新",
];

/// What a row shows of one organisation: only public data.
pub struct ExportOrganisation<'a> {
    pub id: i64,
    pub profile: &'a OrganisationProfile,
    /// The municipality's name (the profile holds its code).
    pub municipality_name: Option<String>,
    pub level: u8,
    /// Certification step held (1–3), if any.
    pub certification: Option<u8>,
    /// Absolute URL of the public profile page.
    pub url: String,
    pub updated_at: DateTime<Utc>,
}

fn row(o: &ExportOrganisation<'_>) -> Vec<String> {
    let p = o.profile;
    let d = &p.details;
    let fields: Vec<u8> = p.activity_fields.iter().collect();
    vec![
        o.id.to_string(),
        p.name.clone(),
        p.name_kana.clone().unwrap_or_default(),
        p.legal_form.info().short_ja.to_owned(),
        p.corporate_number
            .map(|n| n.to_string())
            .unwrap_or_default(),
        p.address
            .postal_code
            .map(|c| {
                let d = c.digits();
                format!("{}-{}", &d[..3], &d[3..])
            })
            .unwrap_or_default(),
        p.address
            .prefecture
            .map(|c| c.info().name_ja.to_owned())
            .unwrap_or_default(),
        o.municipality_name.clone().unwrap_or_default(),
        // Never a private street: only an office address its organisation chose to publish.
        p.address.public_street().unwrap_or_default().to_owned(),
        if p.address.public_street().is_some() {
            "公開".to_owned()
        } else {
            String::new()
        },
        p.website
            .as_ref()
            .map(|w| w.as_str().to_owned())
            .unwrap_or_default(),
        p.email
            .as_ref()
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default(),
        d.phone
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        p.mission.clone().unwrap_or_default(),
        p.description.clone().unwrap_or_default(),
        fields
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(","),
        fields
            .iter()
            .filter_map(|c| hiroba_domain::activity_fields::activity_field(*c))
            .map(|f| f.name_ja)
            .collect::<Vec<_>>()
            .join(" / "),
        p.sdgs
            .iter()
            .map(|g| g.to_string())
            .collect::<Vec<_>>()
            .join(","),
        d.founded_on.map(|t| t.to_string()).unwrap_or_default(),
        d.representative_name.clone().unwrap_or_default(),
        d.representative_title.clone().unwrap_or_default(),
        d.competent_authority.clone().unwrap_or_default(),
        o.level.to_string(),
        o.certification
            .map(|s| format!("STEP{s}"))
            .unwrap_or_default(),
        o.url.clone(),
        o.updated_at.format("%Y-%m-%d").to_string(),
    ]
}

/// The whole list as CSV bytes in `encoding`, with CRLF line ends as spreadsheets expect.
pub fn write_csv<'a>(
    orgs: impl IntoIterator<Item = ExportOrganisation<'a>>,
    encoding: CsvEncoding,
) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(HEADERS);
    for o in orgs {
        let _ = w.write_record(row(&o));
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    encoding.encode(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use hiroba_domain::organisations::OrganisationInput;

    fn profile(street_public: bool) -> OrganisationProfile {
        OrganisationInput {
            name: "特定非営利活動法人 みどりの会".into(),
            name_kana: "ミドリノカイ".into(),
            legal_form: "npo".into(),
            corporate_number: "7000012050002".into(),
            postal_code: "7000822".into(),
            municipality: "331015".into(),
            street: "表町1-4-64".into(),
            street_public,
            mission: "川を守る, \"みんなで\"".into(),
            activity_fields: vec!["1".into(), "7".into()],
            sdgs: vec!["14".into()],
            ..Default::default()
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
        .unwrap()
    }

    fn export(p: &OrganisationProfile) -> ExportOrganisation<'_> {
        ExportOrganisation {
            id: 7,
            profile: p,
            municipality_name: Some("岡山市北区".into()),
            level: 3,
            certification: Some(2),
            url: "https://example.jp/organisations/7".into(),
            updated_at: DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    #[test]
    fn rows_quote_and_never_show_a_private_street() {
        let private = profile(false);
        let bytes = write_csv([export(&private)], CsvEncoding::Utf8Bom);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("ID,団体名,フリガナ"));
        assert!(text.contains("\r\n"));
        assert!(!text.contains("表町"), "private street left out");
        assert!(text.contains("\"川を守る, \"\"みんなで\"\"\""));
        assert!(text.contains(",700-0822,岡山県,岡山市北区,"));
        assert!(text.contains("\"1,7\""));
        let public = profile(true);
        let text = String::from_utf8(write_csv([export(&public)], CsvEncoding::Utf8Bom)).unwrap();
        assert!(text.contains("表町1-4-64"));
    }
}
