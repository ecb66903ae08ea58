//! One row of the National Tax Agency's corporate-number data (法人番号公表サイト 全件・差分
//! データ): no header, 30 columns. See `../shared/reference/japan-data.md`.

use super::{RowError, optional, optional_date, required};
use crate::codes::{CorporateNumber, MunicipalityCode, PostalCode};
use crate::prefectures::PrefectureCode;
use crate::validation::Invalid;
use chrono::NaiveDate;

pub const COLUMNS: usize = 30;

/// Column names (1-based positions in the specification), for error reports.
pub const COLUMN_NAMES: [&str; COLUMNS] = [
    "sequence",
    "corporate_number",
    "process",
    "correct",
    "update_date",
    "change_date",
    "name",
    "name_image_id",
    "kind",
    "prefecture_name",
    "city_name",
    "street_number",
    "address_image_id",
    "prefecture_code",
    "city_code",
    "post_code",
    "address_outside",
    "address_outside_image_id",
    "close_date",
    "close_cause",
    "successor_corporate_number",
    "change_cause",
    "assignment_date",
    "latest",
    "en_name",
    "en_prefecture_name",
    "en_city_name",
    "en_address_outside",
    "furigana",
    "hihyoji",
];

/// 処理区分: what the row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    New,
    NameChange,
    AddressChange,
    ForeignAddressChange,
    Closed,
    ClosureCancelled,
    AbsorbedByMerger,
    MergerInvalidated,
    NameDeleted,
    Deleted,
}

impl Process {
    pub fn parse(code: &str) -> Option<Process> {
        Some(match code {
            "01" => Process::New,
            "11" => Process::NameChange,
            "12" => Process::AddressChange,
            "13" => Process::ForeignAddressChange,
            "21" => Process::Closed,
            "22" => Process::ClosureCancelled,
            "71" => Process::AbsorbedByMerger,
            "72" => Process::MergerInvalidated,
            "81" => Process::NameDeleted,
            "99" => Process::Deleted,
            _ => return None,
        })
    }
}

/// 登記記録の閉鎖等の事由.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseCause {
    LiquidationCompleted,
    Merger,
    ClosedByRegistrar,
    OtherLiquidation,
}

impl CloseCause {
    pub fn parse(code: &str) -> Option<CloseCause> {
        Some(match code {
            "01" => CloseCause::LiquidationCompleted,
            "11" => CloseCause::Merger,
            "21" => CloseCause::ClosedByRegistrar,
            "31" => CloseCause::OtherLiquidation,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            CloseCause::LiquidationCompleted => "01",
            CloseCause::Merger => "11",
            CloseCause::ClosedByRegistrar => "21",
            CloseCause::OtherLiquidation => "31",
        }
    }
}

/// 法人種別 codes.
pub const KIND_NATIONAL: u16 = 101;
pub const KIND_LOCAL_GOVERNMENT: u16 = 201;
pub const KIND_STOCK_COMPANY: u16 = 301;
pub const KIND_YUGEN: u16 = 302;
pub const KIND_GOMEI: u16 = 303;
pub const KIND_GOSHI: u16 = 304;
pub const KIND_GODO: u16 = 305;
/// その他の設立登記法人: NPO法人, 一般社団・財団法人 and the other non-profits.
pub const KIND_OTHER_REGISTERED: u16 = 399;
pub const KIND_FOREIGN: u16 = 401;
pub const KIND_OTHER: u16 = 499;
pub const KINDS: [u16; 10] = [101, 201, 301, 302, 303, 304, 305, 399, 401, 499];

/// A parsed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NtaRecord {
    pub sequence: u64,
    pub corporate_number: CorporateNumber,
    pub process: Process,
    /// 訂正区分: the row corrects an earlier one.
    pub correction: bool,
    pub updated_on: NaiveDate,
    pub changed_on: Option<NaiveDate>,
    pub name: String,
    pub kind: u16,
    pub prefecture_name: String,
    pub city_name: String,
    pub street: String,
    pub prefecture: Option<PrefectureCode>,
    pub municipality: Option<MunicipalityCode>,
    pub postal_code: Option<PostalCode>,
    pub address_outside: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_cause: Option<CloseCause>,
    pub successor: Option<CorporateNumber>,
    pub assigned_on: Option<NaiveDate>,
    /// 最新履歴: this row is the corporation's current state.
    pub latest: bool,
    pub name_en: Option<String>,
    pub furigana: Option<String>,
    /// 検索対象除外: the NTA leaves it out of its own search.
    pub hidden: bool,
}

fn col(i: usize) -> &'static str {
    COLUMN_NAMES[i]
}

/// Parses one row's fields. Every problem names its column.
pub fn parse(fields: &[&str]) -> Result<NtaRecord, RowError> {
    if fields.len() != COLUMNS {
        return Err(RowError::ColumnCount {
            expected: COLUMNS,
            found: fields.len(),
        });
    }
    let f = |i: usize| fields[i].trim();
    let sequence = required(f(0), col(0))?
        .parse::<u64>()
        .map_err(|_| RowError::field(col(0), Invalid::NotANumber))?;
    let corporate_number =
        CorporateNumber::parse(required(f(1), col(1))?).map_err(|e| RowError::field(col(1), e))?;
    let process =
        Process::parse(f(2)).ok_or_else(|| RowError::field(col(2), Invalid::UnknownChoice))?;
    let correction = match f(3) {
        "0" | "" => false,
        "1" => true,
        _ => return Err(RowError::field(col(3), Invalid::UnknownChoice)),
    };
    let updated_on =
        optional_date(f(4), col(4))?.ok_or_else(|| RowError::field(col(4), Invalid::Required))?;
    let changed_on = optional_date(f(5), col(5))?;
    let name = required(f(6), col(6))?.to_owned();
    let kind: u16 = f(8)
        .parse()
        .ok()
        .filter(|k| KINDS.contains(k))
        .ok_or_else(|| RowError::field(col(8), Invalid::UnknownChoice))?;
    let prefecture = match f(13) {
        "" => None,
        p => Some(PrefectureCode::parse(p).map_err(|e| RowError::field(col(13), e))?),
    };
    let municipality = match (prefecture, f(14)) {
        (_, "") => None,
        (Some(pref), city) => {
            let city: u16 = city
                .parse()
                .ok()
                .filter(|c: &u16| *c <= 999)
                .ok_or_else(|| RowError::field(col(14), Invalid::DigitCount { expected: 3 }))?;
            Some(
                MunicipalityCode::from_parts(pref, city)
                    .ok_or_else(|| RowError::field(col(14), Invalid::UnknownChoice))?,
            )
        }
        (None, _) => return Err(RowError::field(col(13), Invalid::PrefectureMissing)),
    };
    let postal_code = match f(15) {
        "" => None,
        p => Some(PostalCode::parse(p).map_err(|e| RowError::field(col(15), e))?),
    };
    let closed_on = optional_date(f(18), col(18))?;
    let close_cause = match f(19) {
        "" => None,
        c => Some(
            CloseCause::parse(c).ok_or_else(|| RowError::field(col(19), Invalid::UnknownChoice))?,
        ),
    };
    let successor = match f(20) {
        "" => None,
        n => Some(CorporateNumber::parse(n).map_err(|e| RowError::field(col(20), e))?),
    };
    let assigned_on = optional_date(f(22), col(22))?;
    let latest = match f(23) {
        "1" | "" => true,
        "0" => false,
        _ => return Err(RowError::field(col(23), Invalid::UnknownChoice)),
    };
    let hidden = match f(29) {
        "1" => true,
        "0" | "" => false,
        _ => return Err(RowError::field(col(29), Invalid::UnknownChoice)),
    };
    Ok(NtaRecord {
        sequence,
        corporate_number,
        process,
        correction,
        updated_on,
        changed_on,
        name,
        kind,
        prefecture_name: f(9).to_owned(),
        city_name: f(10).to_owned(),
        street: f(11).to_owned(),
        prefecture,
        municipality,
        postal_code,
        address_outside: optional(f(16)),
        closed_on,
        close_cause,
        successor,
        assigned_on,
        latest,
        name_en: optional(f(24)),
        furigana: optional(f(28)),
        hidden,
    })
}

impl NtaRecord {
    /// The registered address as one line (prefecture, city, street).
    pub fn address(&self) -> String {
        format!("{}{}{}", self.prefecture_name, self.city_name, self.street)
    }

    /// Whether the row ends the corporation (closed, merged away or deleted).
    pub fn ends_corporation(&self) -> bool {
        self.closed_on.is_some()
            || matches!(
                self.process,
                Process::Closed | Process::AbsorbedByMerger | Process::Deleted
            )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A row as the NTA publishes it, for a new NPO法人 in 岡山市北区.
    pub(crate) fn row() -> Vec<String> {
        let mut r = vec![String::new(); COLUMNS];
        r[0] = "1".into();
        r[1] = "7000012050002".into();
        r[2] = "01".into();
        r[3] = "0".into();
        r[4] = "2024-04-01".into();
        r[5] = "2015-10-05".into();
        r[6] = "特定非営利活動法人きびの国市民活動支援センター".into();
        r[8] = "399".into();
        r[9] = "岡山県".into();
        r[10] = "岡山市北区".into();
        r[11] = "表町１丁目４－６４".into();
        r[13] = "33".into();
        r[14] = "101".into();
        r[15] = "7000822".into();
        r[22] = "2015-10-05".into();
        r[23] = "1".into();
        r[24] = "Kibinokuni Center".into();
        r[28] = "キビノクニシミンカツドウシエンセンター".into();
        r[29] = "0".into();
        r
    }

    fn parse_row(r: &[String]) -> Result<NtaRecord, RowError> {
        let fields: Vec<&str> = r.iter().map(String::as_str).collect();
        parse(&fields)
    }

    #[test]
    fn parses_a_published_row() {
        let rec = parse_row(&row()).unwrap();
        assert_eq!(rec.corporate_number.to_string(), "7000012050002");
        assert_eq!(rec.process, Process::New);
        assert_eq!(rec.kind, KIND_OTHER_REGISTERED);
        assert_eq!(rec.municipality.unwrap().to_string(), "331015");
        assert_eq!(rec.postal_code.unwrap().digits(), "7000822");
        assert_eq!(
            rec.furigana.as_deref(),
            Some("キビノクニシミンカツドウシエンセンター")
        );
        assert!(rec.latest && !rec.hidden && !rec.correction);
        assert!(!rec.ends_corporation());
        assert_eq!(rec.address(), "岡山県岡山市北区表町１丁目４－６４");
    }

    #[test]
    fn closed_corporations() {
        let mut r = row();
        r[2] = "21".into();
        r[18] = "2025-03-31".into();
        r[19] = "01".into();
        let rec = parse_row(&r).unwrap();
        assert!(rec.ends_corporation());
        assert_eq!(rec.close_cause, Some(CloseCause::LiquidationCompleted));
    }

    #[test]
    fn every_problem_names_its_column() {
        let cases: Vec<(usize, &str, &str)> = vec![
            (1, "7000012050003", "corporate_number"),
            (2, "05", "process"),
            (4, "2024-02-30", "update_date"),
            (4, "", "update_date"),
            (6, " ", "name"),
            (8, "398", "kind"),
            (13, "48", "prefecture_code"),
            (14, "1a1", "city_code"),
            (15, "700-08", "post_code"),
            (19, "02", "close_cause"),
            (23, "2", "latest"),
        ];
        for (i, value, column) in cases {
            let mut r = row();
            r[i] = value.into();
            match parse_row(&r) {
                Err(RowError::Field { column: c, .. }) => assert_eq!(c, column, "{value}"),
                other => panic!("{value}: {other:?}"),
            }
        }
        let short: Vec<String> = row().into_iter().take(29).collect();
        assert_eq!(
            parse_row(&short),
            Err(RowError::ColumnCount {
                expected: 30,
                found: 29
            })
        );
    }
}
