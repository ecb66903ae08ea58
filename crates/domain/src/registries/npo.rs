//! One row of the Cabinet Office NPO portal's bulk download (内閣府 NPO法人ポータルサイト): a
//! header row, then 60 columns per NPO法人. See `../shared/reference/japan-data.md`.

use super::{RowError, optional, optional_date, required};
use crate::activity_fields::ActivityFields;
use crate::codes::{CorporateNumber, PostalCode};
use crate::prefectures::{PREFECTURES, PrefectureCode};
use crate::validation::Invalid;
use chrono::NaiveDate;

pub const COLUMNS: usize = 60;

/// Names used in error reports for the columns read.
const NAME: &str = "法人名称";
const AUTHORITY: &str = "所轄庁";
const POSTAL: &str = "郵便番号";
const AUTHORISED: &str = "法人設立認証年月日";
const FOUNDED: &str = "設立年月日";
const FIELDS: &str = "活動分野";
const CERT_START: &str = "認定開始日";
const CERT_END: &str = "認定満了日";
const CERT_REVOKED: &str = "認定取消日";
const PROV_START: &str = "特例認定年月日";
const PROV_END: &str = "特例認定満了日";
const PROV_REVOKED: &str = "特例認定取消日";
const CORPORATE_NUMBER: &str = "法人番号";
const FY_START: &str = "事業年度開始日";

/// The 0-based column an error report names (`None` for the 20 activity-field columns,
/// reported together).
pub fn column_index(name: &str) -> Option<usize> {
    Some(match name {
        NAME => 0,
        AUTHORITY => 2,
        POSTAL => 5,
        AUTHORISED => 9,
        FOUNDED => 10,
        CERT_START => 40,
        CERT_END => 41,
        CERT_REVOKED => 42,
        PROV_START => 43,
        PROV_END => 44,
        PROV_REVOKED => 45,
        CORPORATE_NUMBER => 49,
        FY_START => 53,
        _ => return None,
    })
}

/// The 20 designated cities (政令指定都市), which are 所轄庁 for NPOs in them, with their
/// prefectures: an address that omits the prefecture takes it from the authority.
const DESIGNATED_CITIES: [(&str, u8); 20] = [
    ("札幌市", 1),
    ("仙台市", 4),
    ("さいたま市", 11),
    ("千葉市", 12),
    ("横浜市", 14),
    ("川崎市", 14),
    ("相模原市", 14),
    ("新潟市", 15),
    ("静岡市", 22),
    ("浜松市", 22),
    ("名古屋市", 23),
    ("京都市", 26),
    ("大阪市", 27),
    ("堺市", 27),
    ("神戸市", 28),
    ("岡山市", 33),
    ("広島市", 34),
    ("北九州市", 40),
    ("福岡市", 40),
    ("熊本市", 43),
];

/// 認定 or 特例認定 status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificationKind {
    /// 認定NPO法人.
    Certified,
    /// 特例認定NPO法人.
    Provisional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxCertification {
    pub kind: CertificationKind,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub revoked_on: Option<NaiveDate>,
}

/// A parsed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpoRecord {
    pub name: String,
    pub name_kana: Option<String>,
    pub competent_authority: String,
    /// Where the address names no prefecture, the one implied by the authority.
    pub prefecture: Option<PrefectureCode>,
    pub address: String,
    pub postal_code: Option<PostalCode>,
    pub representative_name: Option<String>,
    pub authorised_on: Option<NaiveDate>,
    pub founded_on: Option<NaiveDate>,
    pub purpose: Option<String>,
    pub activity_fields: ActivityFields,
    pub tax_certification: Option<TaxCertification>,
    pub supervision: Option<String>,
    /// 解散情報: set when the corporation was dissolved.
    pub dissolution: Option<String>,
    pub url: Option<String>,
    pub corporate_number: Option<CorporateNumber>,
    pub business: Option<String>,
    pub fiscal_year_start_month: Option<u8>,
}

/// The prefecture an address starts with, or the one its authority implies.
pub fn prefecture_of(address: &str, authority: &str) -> Option<PrefectureCode> {
    let named = |text: &str| {
        PREFECTURES
            .iter()
            .find(|p| text.starts_with(p.name_ja))
            .and_then(|p| PrefectureCode::new(p.code))
    };
    named(address).or_else(|| named(authority)).or_else(|| {
        DESIGNATED_CITIES
            .iter()
            .find(|(city, _)| authority.starts_with(city) || address.starts_with(city))
            .and_then(|(_, code)| PrefectureCode::new(*code))
    })
}

/// "04/01", "4月1日", "4" → 4.
fn month_of(value: &str) -> Result<Option<u8>, RowError> {
    if value.is_empty() {
        return Ok(None);
    }
    let digits: String = crate::kana::nfkc(value)
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits
        .parse::<u8>()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .map(Some)
        .ok_or_else(|| RowError::field(FY_START, Invalid::OutOfRange { min: 1, max: 12 }))
}

fn flag(value: &str) -> bool {
    matches!(value, "○" | "〇" | "◯" | "1" | "●")
}

/// Parses one row's fields (after the header).
pub fn parse(fields: &[&str]) -> Result<NpoRecord, RowError> {
    if fields.len() != COLUMNS {
        return Err(RowError::ColumnCount {
            expected: COLUMNS,
            found: fields.len(),
        });
    }
    let f = |i: usize| fields[i].trim();
    let name = required(f(0), NAME)?.to_owned();
    let competent_authority = required(f(2), AUTHORITY)?.to_owned();
    let address = f(4).to_owned();
    let postal_code = match f(5) {
        "" => None,
        p => Some(PostalCode::parse(p).map_err(|e| RowError::field(POSTAL, e))?),
    };
    let mut activity_fields = ActivityFields::EMPTY;
    for code in 1..=20u8 {
        if flag(f(11 + usize::from(code))) {
            activity_fields
                .insert(code)
                .map_err(|e| RowError::field(FIELDS, e))?;
        }
    }
    let certified = optional_date(f(40), CERT_START)?;
    let provisional = optional_date(f(43), PROV_START)?;
    let tax_certification = if flag(f(32)) || certified.is_some() {
        Some(TaxCertification {
            kind: CertificationKind::Certified,
            from: certified,
            until: optional_date(f(41), CERT_END)?,
            revoked_on: optional_date(f(42), CERT_REVOKED)?,
        })
    } else if flag(f(33)) || provisional.is_some() {
        Some(TaxCertification {
            kind: CertificationKind::Provisional,
            from: provisional,
            until: optional_date(f(44), PROV_END)?,
            revoked_on: optional_date(f(45), PROV_REVOKED)?,
        })
    } else {
        None
    };
    let corporate_number = match f(49) {
        "" => None,
        n => Some(CorporateNumber::parse(n).map_err(|e| RowError::field(CORPORATE_NUMBER, e))?),
    };
    Ok(NpoRecord {
        prefecture: prefecture_of(&address, &competent_authority),
        name,
        name_kana: optional(f(1)),
        competent_authority,
        address,
        postal_code,
        representative_name: optional(f(7)),
        authorised_on: optional_date(f(9), AUTHORISED)?,
        founded_on: optional_date(f(10), FOUNDED)?,
        purpose: optional(f(11)),
        activity_fields,
        tax_certification,
        supervision: optional(f(46)),
        dissolution: optional(f(47)),
        url: optional(f(48)),
        corporate_number,
        business: optional(f(51)),
        fiscal_year_start_month: month_of(f(53))?,
    })
}

impl NpoRecord {
    /// Whether the tax certification is in force on `today`.
    pub fn certified_on(&self, today: NaiveDate) -> Option<CertificationKind> {
        let c = self.tax_certification?;
        let started = c.from.is_none_or(|d| d <= today);
        let ended = c.until.is_some_and(|d| d < today) || c.revoked_on.is_some_and(|d| d <= today);
        (started && !ended).then_some(c.kind)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn row() -> Vec<String> {
        let mut r = vec![String::new(); COLUMNS];
        r[0] = "特定非営利活動法人きびの国市民活動支援センター".into();
        r[1] = "キビノクニシミンカツドウシエンセンター".into();
        r[2] = "岡山市".into();
        r[4] = "北区表町1丁目4-64".into();
        r[5] = "700-0822".into();
        r[7] = "山田 花子".into();
        r[9] = "2015/10/01".into();
        r[10] = "2015/10/05".into();
        r[11] = "岡山県内の市民活動を支援する".into();
        r[11 + 19] = "○".into();
        r[11 + 3] = "○".into();
        r[32] = "○".into();
        r[40] = "2020/04/01".into();
        r[41] = "2030/03/31".into();
        r[49] = "7000012050002".into();
        r[53] = "04/01".into();
        r[54] = "03/31".into();
        r
    }

    fn parse_row(r: &[String]) -> Result<NpoRecord, RowError> {
        let fields: Vec<&str> = r.iter().map(String::as_str).collect();
        parse(&fields)
    }

    #[test]
    fn parses_a_row_and_takes_the_prefecture_from_the_authority() {
        let rec = parse_row(&row()).unwrap();
        assert_eq!(
            rec.prefecture.map(|p| p.get()),
            Some(33),
            "岡山市 is in 岡山県"
        );
        assert_eq!(rec.activity_fields.iter().collect::<Vec<_>>(), vec![3, 19]);
        assert_eq!(rec.fiscal_year_start_month, Some(4));
        assert_eq!(rec.corporate_number.unwrap().to_string(), "7000012050002");
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(rec.certified_on(today), Some(CertificationKind::Certified));
        let later = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap();
        assert_eq!(rec.certified_on(later), None);
    }

    #[test]
    fn prefectures_from_address_or_authority() {
        assert_eq!(
            prefecture_of("京都府京都市中京区", "京都市").map(|p| p.get()),
            Some(26)
        );
        assert_eq!(
            prefecture_of("中京区烏丸通", "京都市").map(|p| p.get()),
            Some(26)
        );
        assert_eq!(
            prefecture_of("倉敷市阿知", "岡山県").map(|p| p.get()),
            Some(33)
        );
        assert_eq!(prefecture_of("千代田区", "内閣府"), None);
    }

    #[test]
    fn problems_name_their_column() {
        for (i, value, column) in [
            (0, "", NAME),
            (2, "", AUTHORITY),
            (5, "70-0822", POSTAL),
            (40, "2020/13/01", CERT_START),
            (49, "7000012050003", CORPORATE_NUMBER),
            (53, "13/01", FY_START),
        ] {
            let mut r = row();
            r[i] = value.into();
            match parse_row(&r) {
                Err(RowError::Field { column: c, .. }) => assert_eq!(c, column, "{value}"),
                other => panic!("{value}: {other:?}"),
            }
        }
        let long: Vec<String> = row().into_iter().chain([String::new()]).collect();
        assert_eq!(column_index(CORPORATE_NUMBER), Some(49));
        assert_eq!(column_index(FIELDS), None);
        assert!(matches!(
            parse_row(&long),
            Err(RowError::ColumnCount { found: 61, .. })
        ));
    }
}
