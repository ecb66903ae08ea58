//! Server-rendered, accessible SVG charts for organisation profiles and the compare page:
//! revenue composition, multi-year bars, evaluator ratios and outcome lines.
//!
//! # Why by hand, not with a plotting library
//!
//! `plotters` lays text out itself, so it needs font files (font-kit/fontconfig, or an embedded
//! TTF); for Japanese labels that means shipping a CJK font of several megabytes. It also
//! writes presentation (colours, fonts) as inline attributes and produces no accessible
//! structure (no `role`, `<title>`/`<desc>`, hover titles). Our pages run under a strict
//! Content-Security-Policy (`style-src 'self'`): no inline `style` attributes, ever. So these
//! charts are plain SVG written here:
//!
//! - text is left to the browser, which renders it with the reader's own Japanese fonts (the
//!   crate only *estimates* widths to lay things out and to shorten long labels with "…",
//!   keeping the full text in a `<title>` child for hover);
//! - colours, strokes and font families come only from CSS classes (`chart-s0`…`chart-s7`,
//!   `chart-axis`, …) defined in [`STYLESHEET`], which the site serves as a normal stylesheet;
//!   the markup has no `style` attribute and no script;
//! - every chart is `role="img"` with `aria-labelledby` pointing at its `<title>` and `<desc>`;
//!   the caller still renders the same data as an HTML table for screen readers and no-CSS use;
//! - output is deterministic (no randomness, no hash-map ordering), so it can be cached and
//!   snapshot-tested.
//!
//! All caller text (titles, labels, series names) is XML-escaped by the crate, so an [`Svg`]
//! can be embedded in HTML as it is. Non-finite values (NaN, ∞) are treated as missing.

mod axis;
mod bar;
mod composition;
mod format;
mod line;
mod ratio;
mod scale;
mod svg;

#[cfg(test)]
mod testutil;

use std::fmt;

pub use bar::bar_chart;
pub use composition::composition;
pub use format::{Format, format_value};
pub use line::line_chart;
pub use ratio::ratio_bars;
pub use svg::escape;

/// The stylesheet for the charts' classes. Serve it with the site's CSS (it is scoped under
/// `.chart`); colours can be themed through the `--chart-*` custom properties.
pub const STYLESHEET: &str = include_str!("../charts.css");

/// The series colours (`chart-s0` … `chart-s7`), based on the Okabe–Ito colour-blind-safe
/// palette, darkened where needed so that each has at least 3:1 contrast against white
/// (WCAG 2.x success criterion 1.4.11, non-text contrast). [`STYLESHEET`] defines them as
/// `--chart-s0` … `--chart-s7`.
pub const PALETTE: [&str; 8] = [
    "#0072B2", // blue (Okabe–Ito)
    "#D55E00", // vermillion (Okabe–Ito)
    "#009E73", // bluish green (Okabe–Ito)
    "#CC79A7", // reddish purple (Okabe–Ito)
    "#A86A00", // orange (Okabe–Ito #E69F00, darkened)
    "#332288", // indigo (Paul Tol)
    "#5E5E5E", // grey
    "#2B8CC4", // sky blue (Okabe–Ito #56B4E9, darkened)
];

/// A finished chart: SVG markup, safe to embed in HTML unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg(String);

impl Svg {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Svg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Svg {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// One data series: a value per category, `None` where there is no data.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(label: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            label: label.into(),
            values,
        }
    }

    /// The value for category `i`, if present and finite.
    pub(crate) fn get(&self, i: usize) -> Option<f64> {
        self.values
            .get(i)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// Language of the chart's own words (units, "データなし"/"No data", "合計"/"Total").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Ja,
    En,
}

/// What every chart needs besides its data.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Unique per page; prefixes the ids of the `<title>` and `<desc>` elements. Characters
    /// other than ASCII letters, digits, `-` and `_` are replaced by `-`.
    pub id: String,
    /// The accessible name (`<title>`; browsers show it on hover over empty areas).
    pub title: String,
    /// The accessible description (`<desc>`): a sentence summarising what the chart shows.
    pub description: String,
    pub locale: Locale,
}

impl Frame {
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        description: impl Into<String>,
        locale: Locale,
    ) -> Frame {
        Frame {
            id: id.into(),
            title: title.into(),
            description: description.into(),
            locale,
        }
    }
}

/// The smallest sensible tick step for a format (no fractions of a yen).
pub(crate) fn min_step(format: &Format) -> f64 {
    match format {
        Format::Yen => 1.0,
        Format::Percent | Format::Number { .. } => 0.0,
    }
}

/// Class of series `i`'s shapes.
pub(crate) fn series_class(i: usize) -> String {
    format!("chart-s{}", i % PALETTE.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let h = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let c = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast("#000000", "#FFFFFF") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#FFFFFF") - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_palette_colour_has_3_to_1_contrast_on_white() {
        for hex in PALETTE {
            let c = contrast(hex, "#FFFFFF");
            assert!(c >= 3.0, "{hex} has only {c:.2}:1 against white");
        }
    }

    #[test]
    fn palette_colours_are_distinct() {
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                assert_ne!(a.to_ascii_lowercase(), b.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn stylesheet_defines_the_palette_and_every_class() {
        let css = STYLESHEET.to_ascii_lowercase();
        for (i, hex) in PALETTE.iter().enumerate() {
            let decl = format!("--chart-s{i}: {};", hex.to_ascii_lowercase());
            assert!(css.contains(&decl), "charts.css lacks `{decl}`");
            assert!(
                css.contains(&format!(".chart-s{i}")),
                "charts.css lacks .chart-s{i}"
            );
        }
        for class in [
            "chart-axis",
            "chart-grid",
            "chart-label",
            "chart-zero",
            "chart-swatch",
            "chart-nodata",
            "chart-bar",
            "chart-line",
            "chart-point",
            "chart-track",
            "chart-tick",
        ] {
            assert!(
                css.contains(&format!(".{class}")),
                "charts.css lacks .{class}"
            );
        }
        assert!(!css.contains("url("), "no external resources");
    }

    #[test]
    fn svg_displays_its_markup() {
        let s = Svg("<svg/>".into());
        assert_eq!(s.to_string(), "<svg/>");
        assert_eq!(s.as_str(), "<svg/>");
    }
}
