//! Printing values and axis ticks: yen in 万円/億円 (Japanese) or ¥…M (English), percentages,
//! and plain numbers with a unit.
//!
//! Two flavours: [`format_value`] rounds for a label (3–4 significant digits is plenty next to
//! a bar; the exact figures belong in the page's data table), while ticks (`format_tick`) are
//! nice round numbers already and are printed exactly, so that neighbouring ticks never look
//! the same.

use crate::Locale;

/// How values (and axis ticks) are printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    /// Amounts in yen: "1,234万円", "2.5億円", "8,000円" (ja) or "¥12.3M", "¥250M", "¥8,000" (en).
    Yen,
    /// Ratios where 1.0 is 100%: 0.423 → "42%", 0.073 → "7.3%".
    Percent,
    /// Plain numbers with thousands separators and a unit: "1,234人" (ja) or "1,234 people"
    /// (en). An empty unit prints the number alone.
    Number { unit: String },
}

/// The minus sign used for negative values (U+2212, as in printed Japanese reports).
const MINUS: char = '\u{2212}';

/// A value as shown in a chart label, rounded for reading.
pub fn format_value(value: f64, format: &Format, locale: Locale) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    match format {
        Format::Yen => yen(value, locale, Precision::Label),
        Format::Percent => percent(value, Precision::Label),
        Format::Number { unit } => number(value, unit, locale, Precision::Label),
    }
}

/// A tick value on an axis, printed exactly (up to three decimals in its unit).
pub(crate) fn format_tick(value: f64, format: &Format, locale: Locale) -> String {
    match format {
        Format::Yen => yen(value, locale, Precision::Tick),
        Format::Percent => percent(value, Precision::Tick),
        Format::Number { unit } => number(value, unit, locale, Precision::Tick),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Precision {
    Label,
    Tick,
}

/// Decimals for a magnitude `x` (already divided by its unit).
fn decimals(x: f64, p: Precision) -> usize {
    match p {
        Precision::Tick => 3,
        Precision::Label if x.abs() >= 100.0 => 0,
        Precision::Label => 1,
    }
}

fn yen(v: f64, locale: Locale, p: Precision) -> String {
    // (unit size, suffix) from largest to smallest; the last one is plain yen.
    let units: &[(f64, &str)] = match locale {
        Locale::Ja => &[(1e12, "兆円"), (1e8, "億円"), (1e4, "万円"), (1.0, "円")],
        Locale::En => &[(1e12, "T"), (1e9, "B"), (1e6, "M"), (1.0, "")],
    };
    let a = v.abs();
    // Pick the largest unit the value reaches; if rounding then carries it up to the next
    // unit ("10,000万円"), go one unit up ("1億円").
    let mut idx = units
        .iter()
        .position(|(u, _)| a >= *u)
        .unwrap_or(units.len() - 1);
    loop {
        let (unit, _) = units[idx];
        let x = a / unit;
        let d = if unit == 1.0 { 0 } else { decimals(x, p) };
        let rounded = round_to(x, d);
        if idx > 0 && rounded * unit >= units[idx - 1].0 {
            idx -= 1;
            continue;
        }
        let (_, suffix) = units[idx];
        let body = fixed(rounded, d);
        let sign = if v < 0.0 && rounded != 0.0 {
            MINUS.to_string()
        } else {
            String::new()
        };
        return match locale {
            Locale::Ja => format!("{sign}{body}{suffix}"),
            Locale::En => format!("{sign}¥{body}{suffix}"),
        };
    }
}

fn percent(v: f64, p: Precision) -> String {
    let x = v * 100.0;
    let d = match p {
        Precision::Tick => 3,
        // One decimal only where it tells something: below 10%.
        Precision::Label if x.abs() < 10.0 => 1,
        Precision::Label => 0,
    };
    signed(x, d) + "%"
}

fn number(v: f64, unit: &str, locale: Locale, p: Precision) -> String {
    let d = match p {
        Precision::Tick => 3,
        Precision::Label if v.abs() >= 100.0 => 0,
        Precision::Label => 2,
    };
    let body = signed(v, d);
    match (locale, unit.is_empty()) {
        (_, true) => body,
        (Locale::Ja, false) => format!("{body}{unit}"),
        (Locale::En, false) => format!("{body} {unit}"),
    }
}

/// `x` rounded to `d` decimals, with a minus sign only when the rounded value is not zero.
fn signed(x: f64, d: usize) -> String {
    let rounded = round_to(x.abs(), d);
    let body = fixed(rounded, d);
    if x < 0.0 && rounded != 0.0 {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

fn round_to(x: f64, d: usize) -> f64 {
    let f = 10f64.powi(d as i32);
    (x * f).round() / f
}

/// A non-negative number with `d` decimals at most (trailing zeros dropped) and a thousands
/// separator in the integer part: 1234.50 → "1,234.5".
fn fixed(x: f64, d: usize) -> String {
    let s = format!("{x:.d$}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (s.as_str(), ""),
    };
    let mut out = group_thousands(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja(v: f64, f: &Format) -> String {
        format_value(v, f, Locale::Ja)
    }
    fn en(v: f64, f: &Format) -> String {
        format_value(v, f, Locale::En)
    }

    #[test]
    fn yen_in_japanese_units() {
        let f = Format::Yen;
        assert_eq!(ja(12_340_000.0, &f), "1,234万円");
        assert_eq!(ja(250_000_000.0, &f), "2.5億円");
        assert_eq!(ja(8_000.0, &f), "8,000円");
        assert_eq!(ja(0.0, &f), "0円");
        assert_eq!(ja(15_000.0, &f), "1.5万円");
        assert_eq!(ja(100_000_000.0, &f), "1億円");
        assert_eq!(ja(1_234_567_890.0, &f), "12.3億円");
        assert_eq!(
            ja(99_996_000.0, &f),
            "1億円",
            "rounding carries into the next unit"
        );
        assert_eq!(ja(-3_500_000.0, &f), "−350万円");
        assert_eq!(ja(2.0e12, &f), "2兆円");
    }

    #[test]
    fn yen_in_english() {
        let f = Format::Yen;
        assert_eq!(en(12_340_000.0, &f), "¥12.3M");
        assert_eq!(en(250_000_000.0, &f), "¥250M");
        assert_eq!(en(8_000.0, &f), "¥8,000");
        assert_eq!(en(250_000.0, &f), "¥250,000");
        assert_eq!(en(1_500_000_000.0, &f), "¥1.5B");
        assert_eq!(en(999_999_999.0, &f), "¥1B");
        assert_eq!(en(-12_340_000.0, &f), "−¥12.3M");
    }

    #[test]
    fn yen_ticks_are_exact() {
        let t = |v| format_tick(v, &Format::Yen, Locale::Ja);
        assert_eq!(t(0.0), "0円");
        assert_eq!(t(2_500.0), "2,500円");
        assert_eq!(t(125_000_000.0), "1.25億円");
        assert_eq!(t(50_000_000.0), "5,000万円");
        assert_eq!(t(-25_000_000.0), "−2,500万円");
        let e = |v| format_tick(v, &Format::Yen, Locale::En);
        assert_eq!(e(2_500_000.0), "¥2.5M");
        assert_eq!(e(12_250_000.0), "¥12.25M");
    }

    #[test]
    fn percentages() {
        let f = Format::Percent;
        assert_eq!(ja(0.423, &f), "42%");
        assert_eq!(en(0.423, &f), "42%");
        assert_eq!(ja(0.0734, &f), "7.3%");
        assert_eq!(ja(0.05, &f), "5%");
        assert_eq!(ja(0.0, &f), "0%");
        assert_eq!(ja(1.0, &f), "100%");
        assert_eq!(ja(-0.12, &f), "−12%");
        assert_eq!(format_tick(0.3 * 1.0000000000000002, &f, Locale::Ja), "30%");
        assert_eq!(format_tick(0.025, &f, Locale::Ja), "2.5%");
    }

    #[test]
    fn numbers_with_units() {
        let f = Format::Number { unit: "人".into() };
        assert_eq!(ja(1234.0, &f), "1,234人");
        let f = Format::Number {
            unit: "people".into(),
        };
        assert_eq!(en(1234.0, &f), "1,234 people");
        assert_eq!(en(1_234_567.4, &f), "1,234,567 people");
        let f = Format::Number {
            unit: String::new(),
        };
        assert_eq!(ja(3.45, &f), "3.45");
        assert_eq!(ja(12.0, &f), "12");
        assert_eq!(ja(-0.001, &f), "0");
        assert_eq!(format_tick(0.5, &f, Locale::En), "0.5");
    }

    #[test]
    fn non_finite_values_print_as_a_dash() {
        assert_eq!(ja(f64::NAN, &Format::Yen), "—");
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands("1"), "1");
        assert_eq!(group_thousands("123"), "123");
        assert_eq!(group_thousands("1234"), "1,234");
        assert_eq!(group_thousands("1234567"), "1,234,567");
    }
}
