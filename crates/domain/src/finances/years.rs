//! Fiscal years (年度). A year is named by the calendar year it starts in: with an April start,
//! 2025年度 (FY2025) runs from 1 April 2025 to 31 March 2026; with a January start it is the
//! calendar year. `start_month` is 1–12; values outside are clamped.

use crate::dates::{self, Era};
use crate::validation::Invalid;
use chrono::{Datelike, NaiveDate};

/// The earliest year accepted: older reports are not something anyone will enter.
pub const EARLIEST_YEAR: i32 = 1900;

fn first_day(year: i32, start_month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, start_month.clamp(1, 12), 1)
        .expect("the first of a month exists for any year a report can have")
}

/// The first and last day of a fiscal year.
pub fn period(year: i32, start_month: u32) -> (NaiveDate, NaiveDate) {
    let last = first_day(year + 1, start_month)
        .pred_opt()
        .expect("a day before the first of a month exists");
    (first_day(year, start_month), last)
}

/// The fiscal year a date falls in.
pub fn year_containing(date: NaiveDate, start_month: u32) -> i32 {
    if date.month() >= start_month.clamp(1, 12) {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The latest fiscal year whose last day is before `today`: the one whose report is due next.
pub fn latest_ended(today: NaiveDate, start_month: u32) -> i32 {
    year_containing(today, start_month) - 1
}

/// A fiscal year as typed: `2025`, `２０２５`, `2025年度`, `FY2025`, `令和7年度`, `R7`,
/// `令和元年度`. An era year counts by year alone (平成31年度 and 令和元年度 are both 2019), as
/// people name the year that straddled the change either way. The year must have started by
/// `today`.
pub fn parse_year(text: &str, today: NaiveDate, start_month: u32) -> Result<i32, Invalid> {
    let s = dates::compact(text);
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    let s = s
        .strip_suffix("年度")
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(&s);
    let year = match dates::split_era(s) {
        Some((era, rest)) => era_year(era, rest)?,
        None => {
            let digits = match s.get(..2) {
                Some(prefix) if prefix.eq_ignore_ascii_case("FY") => &s[2..],
                _ => s,
            };
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Invalid::DateFormat);
            }
            digits.parse().map_err(|_| Invalid::DateFormat)?
        }
    };
    if year < EARLIEST_YEAR {
        return Err(Invalid::OutOfRange {
            min: EARLIEST_YEAR.into(),
            max: year_containing(today, start_month).into(),
        });
    }
    if first_day(year, start_month) > today {
        return Err(Invalid::FutureYear);
    }
    Ok(year)
}

fn era_year(era: &Era, rest: &str) -> Result<i32, Invalid> {
    dates::era_year_number(rest)
        .and_then(|n| era.western_year(n))
        .ok_or(Invalid::DateFormat)
}

/// `2025年度`
pub fn label_ja(year: i32) -> String {
    format!("{year}年度")
}

/// `FY2025`
pub fn label_en(year: i32) -> String {
    format!("FY{year}")
}

/// `令和7年度`, as reports to a 所轄庁 name the year: the era in force on the year's first day
/// (so an April-start 2019 is 平成31年度). `None` before 1868.
pub fn label_wareki(year: i32, start_month: u32) -> Option<String> {
    let era = Era::of(first_day(year, start_month))?;
    let n = year - era.offset;
    Some(if n == 1 {
        format!("{}元年度", era.name)
    } else {
        format!("{}{n}年度", era.name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods() {
        assert_eq!(period(2025, 4), (d(2025, 4, 1), d(2026, 3, 31)));
        assert_eq!(period(2025, 1), (d(2025, 1, 1), d(2025, 12, 31)));
        assert_eq!(period(2023, 3), (d(2023, 3, 1), d(2024, 2, 29)));
        assert_eq!(period(2025, 10), (d(2025, 10, 1), d(2026, 9, 30)));
        assert_eq!(period(2025, 13), period(2025, 12));
    }

    #[test]
    fn containing_and_latest_ended_on_boundary_days() {
        assert_eq!(year_containing(d(2026, 3, 31), 4), 2025);
        assert_eq!(year_containing(d(2026, 4, 1), 4), 2026);
        assert_eq!(year_containing(d(2025, 12, 31), 1), 2025);
        assert_eq!(year_containing(d(2026, 1, 1), 1), 2026);
        // FY2025 (April start) ends on 31 March 2026: it has ended only from 1 April.
        assert_eq!(latest_ended(d(2026, 3, 31), 4), 2024);
        assert_eq!(latest_ended(d(2026, 4, 1), 4), 2025);
        assert_eq!(latest_ended(d(2025, 12, 31), 1), 2024);
        assert_eq!(latest_ended(d(2026, 1, 1), 1), 2025);
        for today in [d(2026, 3, 31), d(2026, 4, 1), d(2026, 1, 1)] {
            for start in [1, 4, 10] {
                let year = latest_ended(today, start);
                assert!(period(year, start).1 < today);
                assert!(period(year + 1, start).1 >= today);
            }
        }
    }

    #[test]
    fn parses_years_as_people_write_them() {
        let today = d(2026, 5, 1);
        for (text, year) in [
            ("2025", 2025),
            ("２０２５", 2025),
            ("2025年度", 2025),
            ("2025年", 2025),
            ("FY2025", 2025),
            ("fy 2025", 2025),
            ("ＦＹ２０２５", 2025),
            ("令和7年度", 2025),
            ("R7", 2025),
            ("r07年度", 2025),
            ("令和元年度", 2019),
            ("平成31年度", 2019),
            ("H30", 2018),
            ("昭和64年度", 1989),
            ("2026", 2026),
        ] {
            assert_eq!(parse_year(text, today, 4), Ok(year), "{text}");
        }
    }

    #[test]
    fn rejects_years_that_are_not_or_not_yet() {
        let today = d(2026, 5, 1);
        assert_eq!(parse_year("2027", today, 4), Err(Invalid::FutureYear));
        assert_eq!(parse_year("令和9年度", today, 4), Err(Invalid::FutureYear));
        // The year 2026 starts on 1 April 2026 (April start) but on 1 January with January.
        assert_eq!(
            parse_year("2026", d(2026, 3, 31), 4),
            Err(Invalid::FutureYear)
        );
        assert_eq!(parse_year("2026", d(2026, 1, 1), 1), Ok(2026));
        assert_eq!(
            parse_year("1899", today, 4),
            Err(Invalid::OutOfRange {
                min: 1900,
                max: 2026
            })
        );
        assert_eq!(parse_year("", today, 4), Err(Invalid::Required));
        for text in [
            "25",
            "FY",
            "平成32年度",
            "令和0年度",
            "2025年度末",
            "20250",
            "R",
        ] {
            assert_eq!(
                parse_year(text, today, 4),
                Err(Invalid::DateFormat),
                "{text}"
            );
        }
    }

    #[test]
    fn labels() {
        assert_eq!(label_ja(2025), "2025年度");
        assert_eq!(label_en(2025), "FY2025");
        assert_eq!(label_wareki(2025, 4).as_deref(), Some("令和7年度"));
        assert_eq!(label_wareki(2019, 4).as_deref(), Some("平成31年度"));
        assert_eq!(label_wareki(2019, 5).as_deref(), Some("令和元年度"));
        assert_eq!(label_wareki(2020, 1).as_deref(), Some("令和2年度"));
        assert_eq!(label_wareki(1867, 4), None);
    }
}
