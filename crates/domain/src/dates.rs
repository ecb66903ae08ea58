//! Dates as Japanese people write them: 西暦 (`2020-04-01`, `2020/4/1`, `2020.4.1`,
//! `2020年4月1日`) and 和暦 (`令和2年4月1日`, `R2.4.1`, `令和元年5月1日`), in any width.
//!
//! Era dates are checked against the day the era began and ended, so `平成31年5月1日` and
//! `令和元年4月30日` (days that never carried those names) are rejected like `2021-02-30`.
//! Meiji is the exception: Japan used the lunisolar calendar until 1873, so a 明治 date is read
//! as year offset 1867 with the Gregorian month and day, and only its year range is checked.

use crate::kana;
use crate::validation::Invalid;
use chrono::{Datelike, NaiveDate};

/// One of the modern eras (元号).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    pub name: &'static str,
    /// The letter used in abbreviations such as `R2.4.1` or `H31/4/30`.
    pub letter: char,
    /// Western year = `offset` + era year.
    pub offset: i32,
    /// First and last day carrying the era's name (`None`: the current era).
    pub first: (i32, u32, u32),
    pub last: Option<(i32, u32, u32)>,
}

#[rustfmt::skip]
pub static ERAS: [Era; 5] = [
    Era { name: "明治", letter: 'M', offset: 1867, first: (1868, 1, 1), last: Some((1912, 7, 29)) },
    Era { name: "大正", letter: 'T', offset: 1911, first: (1912, 7, 30), last: Some((1926, 12, 24)) },
    Era { name: "昭和", letter: 'S', offset: 1925, first: (1926, 12, 25), last: Some((1989, 1, 7)) },
    Era { name: "平成", letter: 'H', offset: 1988, first: (1989, 1, 8), last: Some((2019, 4, 30)) },
    Era { name: "令和", letter: 'R', offset: 2018, first: (2019, 5, 1), last: None },
];

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("era bounds are real dates")
}

impl Era {
    pub fn first_day(&self) -> NaiveDate {
        ymd(self.first)
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.last.map(ymd)
    }

    /// The western year of an era year, if the era had such a year (`平成31` yes, `平成32` no).
    pub fn western_year(&self, era_year: u32) -> Option<i32> {
        let year = self.offset + i32::try_from(era_year).ok()?;
        let within = era_year >= 1 && self.last.is_none_or(|(last, _, _)| year <= last);
        within.then_some(year)
    }

    /// Whether the date carried this era's name (see the module note on Meiji).
    fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_day() && self.last_day().is_none_or(|last| date <= last)
    }

    /// The era a date belongs to; `None` before 1868.
    pub fn of(date: NaiveDate) -> Option<&'static Era> {
        ERAS.iter().rev().find(|e| e.contains(date))
    }
}

/// Splits a leading era name or letter (`令和`, `R`, `r`) off folded text. A letter counts only
/// when a digit follows, so words that merely start with R or H are not taken for eras.
pub(crate) fn split_era(s: &str) -> Option<(&'static Era, &str)> {
    for era in &ERAS {
        if let Some(rest) = s.strip_prefix(era.name) {
            return Some((era, rest));
        }
        let mut chars = s.chars();
        if chars.next().map(|c| c.to_ascii_uppercase()) == Some(era.letter) {
            let rest = chars.as_str();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Some((era, rest));
            }
        }
    }
    None
}

/// An era year as written: digits, or 元 for the first year.
pub(crate) fn era_year_number(s: &str) -> Option<u32> {
    if s == "元" {
        return Some(1);
    }
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// NFKC-folded text without any whitespace (people type `令和 2年 4月 1日`).
pub(crate) fn compact(text: &str) -> String {
    kana::nfkc(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Sep(char),
}

/// Digit runs (and 元) versus everything else, one separator character per token. Dash variants
/// (ー, ‐, −) become `-` because IMEs produce them when people mean a hyphen.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            out.push(Token::Number(&rest[..end]));
            rest = &rest[end..];
        } else {
            if c == '元' {
                out.push(Token::Number("元"));
            } else {
                out.push(Token::Sep(if kana::is_dash(c) { '-' } else { c }));
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

const WEEKDAYS_JA: [char; 7] = ['月', '火', '水', '木', '金', '土', '日'];

/// Splits off a trailing weekday such as `(水)`, which dates copied from letters often carry.
fn split_weekday(s: &str) -> (&str, Option<usize>) {
    let Some(inner) = s.strip_suffix(')') else {
        return (s, None);
    };
    let mut chars = inner.chars();
    let day = chars.next_back();
    let Some(before) = chars.as_str().strip_suffix('(') else {
        return (s, None);
    };
    match day.and_then(|c| WEEKDAYS_JA.iter().position(|w| *w == c)) {
        Some(index) => (before, Some(index)),
        None => (s, None),
    }
}

/// A date as typed. Western years need four digits (`20/4/1` is ambiguous); the separators
/// must be used consistently: `Y年M月D日`, or the same one of `-` `/` `.` twice. A trailing
/// weekday must be the right one, since a mismatch means one of the two is a typo.
pub fn parse_date(text: &str) -> Result<NaiveDate, Invalid> {
    let s = compact(text);
    let (s, weekday) = split_weekday(&s);
    let (era, rest) = match split_era(s) {
        Some((era, rest)) => (Some(era), rest),
        None => (None, s),
    };
    let (y, m, d) = match tokens(rest).as_slice() {
        [
            Token::Number(y),
            Token::Sep('年'),
            Token::Number(m),
            Token::Sep('月'),
            Token::Number(d),
            Token::Sep('日'),
        ] => (*y, *m, *d),
        [
            Token::Number(y),
            Token::Sep(a),
            Token::Number(m),
            Token::Sep(b),
            Token::Number(d),
        ] if a == b && matches!(a, '-' | '/' | '.') => (*y, *m, *d),
        _ => return Err(Invalid::DateFormat),
    };
    let year = match era {
        Some(era) => era_year_number(y).and_then(|n| era.western_year(n)),
        None if y.len() == 4 && y != "元" => y.parse().ok(),
        None => None,
    };
    let small = |s: &str| (s.len() <= 2).then(|| s.parse::<u32>().ok()).flatten();
    let date = match (year, small(m), small(d)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
    .ok_or(Invalid::DateFormat)?;
    if era.is_some_and(|e| !e.contains(date)) {
        return Err(Invalid::DateFormat);
    }
    if weekday.is_some_and(|w| w != date.weekday().num_days_from_monday() as usize) {
        return Err(Invalid::DateFormat);
    }
    Ok(date)
}

/// Like [`parse_date`], but an empty field is `None`.
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>, Invalid> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(text).map(Some)
    }
}

/// Rejects dates after `today` (founding dates, dates of past events).
pub fn not_in_future(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    if date > today {
        Err(Invalid::DateInFuture)
    } else {
        Ok(date)
    }
}

/// `2020年4月1日`
pub fn format_ja(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `令和2年4月1日` (`令和元年5月1日` for the first year), as official documents write dates;
/// `None` before 1868.
pub fn format_wareki(date: NaiveDate) -> Option<String> {
    let era = Era::of(date)?;
    let n = date.year() - era.offset;
    let year = if n == 1 {
        "元".to_owned()
    } else {
        n.to_string()
    };
    Some(format!(
        "{}{}年{}月{}日",
        era.name,
        year,
        date.month(),
        date.day()
    ))
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1 April 2020`: day first, month in words, so nobody has to guess between 4/1 and 1/4.
pub fn format_en(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN[date.month0() as usize],
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn western_forms() {
        for text in [
            "2020-04-01",
            "2020/4/1",
            "2020.4.1",
            "2020年4月1日",
            " 2020年 4月 1日 ",
            "２０２０年４月１日",
            "２０２０／０４／０１",
            "2020ー04ー01",
            "2020年4月1日（水）",
            "R2.4.1(水)",
        ] {
            assert_eq!(parse_date(text), Ok(d(2020, 4, 1)), "{text}");
        }
    }

    #[test]
    fn era_forms() {
        assert_eq!(parse_date("令和2年4月1日"), Ok(d(2020, 4, 1)));
        assert_eq!(parse_date("R2.4.1"), Ok(d(2020, 4, 1)));
        assert_eq!(parse_date("r02/04/01"), Ok(d(2020, 4, 1)));
        assert_eq!(parse_date("Ｒ２．４．１"), Ok(d(2020, 4, 1)));
        assert_eq!(parse_date("㋿2年4月1日"), Ok(d(2020, 4, 1)));
        assert_eq!(parse_date("令和元年5月1日"), Ok(d(2019, 5, 1)));
        assert_eq!(
            parse_date("R元.5.1"),
            Err(Invalid::DateFormat),
            "R needs a digit"
        );
        assert_eq!(parse_date("平成31年4月30日"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_date("H31/4/30"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_date("平成元年1月8日"), Ok(d(1989, 1, 8)));
        assert_eq!(parse_date("昭和64年1月7日"), Ok(d(1989, 1, 7)));
        assert_eq!(parse_date("S50.10.10"), Ok(d(1975, 10, 10)));
        assert_eq!(parse_date("昭和元年12月25日"), Ok(d(1926, 12, 25)));
        assert_eq!(parse_date("大正12年9月1日"), Ok(d(1923, 9, 1)));
        assert_eq!(parse_date("明治45年7月29日"), Ok(d(1912, 7, 29)));
        assert_eq!(
            parse_date("令和30年1月1日"),
            Ok(d(2048, 1, 1)),
            "令和 is open-ended"
        );
    }

    #[test]
    fn era_bounds_are_checked_to_the_day() {
        for text in [
            "平成32年1月1日",
            "平成31年5月1日",
            "令和元年4月30日",
            "昭和64年1月8日",
            "昭和65年1月1日",
            "昭和元年12月24日",
            "大正16年1月1日",
            "令和0年5月1日",
        ] {
            assert_eq!(parse_date(text), Err(Invalid::DateFormat), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "2021-02-30",
            "2020-13-01",
            "2020-4/1",
            "20/4/1",
            "2020年4月1",
            "2020年4月1日(木)",
            "2020年4月1日(x)",
            "2020-04-01T00:00",
            "12020-04-01",
            "2020-004-01",
            "元年4月1日",
            "X2.4.1",
            "令和2年",
            "きのう",
        ] {
            assert_eq!(parse_date(text), Err(Invalid::DateFormat), "{text}");
        }
        assert_eq!(parse_date("2020-02-29"), Ok(d(2020, 2, 29)));
    }

    #[test]
    fn optional_and_future() {
        assert_eq!(optional_date("  "), Ok(None));
        assert_eq!(optional_date("2020/4/1"), Ok(Some(d(2020, 4, 1))));
        assert_eq!(optional_date("2020/4/31"), Err(Invalid::DateFormat));
        let today = d(2025, 6, 1);
        assert_eq!(not_in_future(today, today), Ok(today));
        assert_eq!(
            not_in_future(d(2025, 6, 2), today),
            Err(Invalid::DateInFuture)
        );
    }

    #[test]
    fn formats() {
        assert_eq!(format_ja(d(2020, 4, 1)), "2020年4月1日");
        assert_eq!(format_en(d(2020, 4, 1)), "1 April 2020");
        assert_eq!(format_en(d(1999, 12, 31)), "31 December 1999");
        assert_eq!(format_wareki(d(2020, 4, 1)).unwrap(), "令和2年4月1日");
        assert_eq!(format_wareki(d(2019, 5, 1)).unwrap(), "令和元年5月1日");
        assert_eq!(format_wareki(d(2019, 4, 30)).unwrap(), "平成31年4月30日");
        assert_eq!(format_wareki(d(1989, 1, 7)).unwrap(), "昭和64年1月7日");
        assert_eq!(format_wareki(d(1867, 12, 31)), None);
        for date in [d(2020, 4, 1), d(2019, 5, 1), d(1989, 1, 8), d(1926, 12, 25)] {
            let wareki = format_wareki(date).unwrap();
            assert_eq!(parse_date(&wareki), Ok(date), "{wareki}");
            assert_eq!(parse_date(&format_ja(date)), Ok(date));
        }
    }
}
