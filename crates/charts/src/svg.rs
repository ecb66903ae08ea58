//! A minimal SVG writer: XML escaping, coordinate printing, text-width estimates and the
//! shared pieces every chart draws (root element, legend, "no data" message).
//!
//! Everything that ends up in the markup passes through [`escape`] (text and attribute values
//! alike), so the output is safe to embed unescaped in an HTML page.

use std::fmt::Write as _;

use crate::{Frame, Locale};

/// Font size of ordinary labels (legend, values, category names), in viewBox units.
pub(crate) const LABEL_SIZE: f64 = 14.0;
/// Font size of axis tick labels, in viewBox units.
pub(crate) const TICK_SIZE: f64 = 13.0;
/// Width of every chart's viewBox. At 640 units a phone (≈ 360 CSS px) scales text by ~0.56.
pub(crate) const WIDTH: f64 = 640.0;
/// Outer padding on the left and right.
pub(crate) const PAD: f64 = 12.0;

/// Escapes `& < > " '` and drops characters that XML 1.0 does not allow at all (C0 controls
/// other than tab/newline/carriage return, and U+FFFE/U+FFFF), which would otherwise make the
/// document ill-formed.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length, rounded to two decimals without trailing zeros ("12", "3.5").
pub(crate) fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r }; // no "-0"
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Makes the caller's id usable as an XML id prefix and as an IDREF in `aria-labelledby`
/// (which is space-separated): keeps ASCII letters, digits, `-` and `_`, replaces anything
/// else by `-`, and prefixes `chart-` when the result would not start with a letter.
pub(crate) fn sanitize_id(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s.insert_str(0, "chart-");
    }
    s
}

/// Rough advance width of one character in ems. The browser picks the real font, so this only
/// needs to be a safe over-estimate: CJK and other wide characters are a full em, narrow ASCII
/// a little over half an em.
fn char_em(c: char) -> f64 {
    let u = c as u32;
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.32,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        'A'..='Z' => 0.68,
        _ if u < 0x80 => 0.58,
        // Half-width katakana.
        '\u{FF61}'..='\u{FF9F}' => 0.55,
        // Hangul Jamo, CJK punctuation, kana, ideographs, Hangul syllables, full-width forms, …
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 1.0,
        // "…", "—", "−" and other general punctuation or symbols.
        _ => 0.8,
    }
}

/// Estimated rendered width of `s` at `size`.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// `s` shortened with "…" so that it fits in `max` (estimated). Returns the text to show and
/// whether it was shortened.
pub(crate) fn fit(s: &str, max: f64, size: f64) -> (String, bool) {
    if text_width(s, size) <= max {
        return (s.to_string(), false);
    }
    let budget = max - text_width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_em(c) * size;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end();
    (format!("{trimmed}…"), true)
}

/// Horizontal anchoring of a text element.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Accumulates the markup of one chart.
pub(crate) struct Doc {
    buf: String,
}

/// ` lang="ja"` for text written in Japanese script, so that a screen reader reading an
/// English page pronounces a Japanese organisation's name as Japanese.
pub(crate) fn lang_of(s: &str) -> &'static str {
    let japanese = s.chars().any(|c| {
        matches!(c as u32,
            0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF66..=0xFF9F)
    });
    if japanese { " lang=\"ja\"" } else { "" }
}

impl Doc {
    /// Opens the root `<svg>` with its accessible name and description.
    pub(crate) fn new(frame: &Frame, kind: &str, height: f64) -> Doc {
        let id = sanitize_id(&frame.id);
        let mut buf = String::with_capacity(4096);
        let lang = match frame.locale {
            Locale::Ja => "ja",
            Locale::En => "en",
        };
        let _ = write!(
            buf,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-{kind}\" lang=\"{lang}\" \
             font-size=\"{size}\">\
             <title id=\"{id}-title\"{title_lang}>{title}</title>\
             <desc id=\"{id}-desc\"{desc_lang}>{desc}</desc>",
            w = n(WIDTH),
            h = n(height.ceil()),
            title = escape(&frame.title),
            title_lang = lang_of(&frame.title),
            desc = escape(&frame.description),
            desc_lang = lang_of(&frame.description),
            size = n(LABEL_SIZE),
        );
        Doc { buf }
    }

    /// Raw markup written by this crate (never caller text: use [`escape`] for that).
    pub(crate) fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Opens a `<g>` with a class and optional font size (inherited by its texts).
    pub(crate) fn group(&mut self, class: &str, font_size: Option<f64>) {
        match font_size {
            Some(size) => {
                let _ = write!(self.buf, "<g class=\"{class}\" font-size=\"{}\">", n(size));
            }
            None => {
                let _ = write!(self.buf, "<g class=\"{class}\">");
            }
        }
    }

    pub(crate) fn end_group(&mut self) {
        self.buf.push_str("</g>");
    }

    pub(crate) fn line(&mut self, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = write!(
            self.buf,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    /// A rectangle; `title` (caller text, escaped here) becomes a hover tooltip.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rect(
        &mut self,
        class: &str,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        title: Option<&str>,
    ) {
        let _ = write!(
            self.buf,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
        match title {
            Some(t) => {
                let _ = write!(
                    self.buf,
                    "><title{}>{}</title></rect>",
                    lang_of(t),
                    escape(t)
                );
            }
            None => self.buf.push_str("/>"),
        }
    }

    /// A text element of class `chart-label` (plus `extra` classes). Text wider than `max`
    /// is shortened with "…" and the full text kept in a `<title>` child for hover.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &mut self,
        extra: &str,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        max: Option<f64>,
        content: &str,
    ) {
        let (shown, cut) = match max {
            Some(m) => fit(content, m, size),
            None => (content.to_string(), false),
        };
        let class = if extra.is_empty() {
            "chart-label".to_string()
        } else {
            format!("chart-label {extra}")
        };
        let _ = write!(
            self.buf,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"{}\"{}>{}",
            n(x),
            n(y),
            anchor.attr(),
            lang_of(content),
            escape(&shown)
        );
        if cut {
            let _ = write!(self.buf, "<title>{}</title>", escape(content));
        }
        self.buf.push_str("</text>");
    }

    /// A text element with a hover `<title>` that says more than the text itself.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_with_title(
        &mut self,
        extra: &str,
        x: f64,
        y: f64,
        anchor: Anchor,
        size: f64,
        content: &str,
        title: &str,
    ) {
        let _ = write!(
            self.buf,
            "<text class=\"chart-label {extra}\" x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"{}\" \
             font-size=\"{}\"{}>{}<title{}>{}</title></text>",
            n(x),
            n(y),
            anchor.attr(),
            n(size),
            lang_of(content),
            escape(content),
            lang_of(title),
            escape(title)
        );
    }

    /// The "no data" message, centred at (x, y).
    pub(crate) fn no_data(&mut self, locale: Locale, x: f64, y: f64) {
        let msg = no_data_text(locale);
        self.text("chart-nodata", x, y, Anchor::Middle, LABEL_SIZE, None, msg);
    }

    pub(crate) fn finish(mut self) -> String {
        self.buf.push_str("</svg>");
        self.buf
    }
}

pub(crate) fn no_data_text(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "データなし",
        Locale::En => "No data",
    }
}

/// What a legend entry looks like.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square (bars).
    Square,
    /// A short line with the series' point marker (line charts).
    Line,
}

const LEGEND_ROW: f64 = 24.0;
const SWATCH: f64 = 14.0;
const LEGEND_GAP: f64 = 22.0;

/// Lays out legend entries left to right, wrapping into rows. Returns each entry's origin
/// and shown text, plus the total height.
fn legend_layout(labels: &[&str], swatch_w: f64) -> (Vec<(f64, f64)>, f64) {
    let max_x = WIDTH - PAD;
    let mut positions = Vec::with_capacity(labels.len());
    let (mut x, mut row) = (PAD, 0usize);
    for label in labels {
        let w = swatch_w + 6.0 + text_width(label, LABEL_SIZE).min(max_x - PAD - swatch_w - 6.0);
        if x > PAD && x + w > max_x {
            x = PAD;
            row += 1;
        }
        positions.push((x, row as f64 * LEGEND_ROW));
        x += w + LEGEND_GAP;
    }
    let rows = if labels.is_empty() { 0 } else { row + 1 };
    (positions, rows as f64 * LEGEND_ROW)
}

/// Height the legend for these labels will take (0 for fewer than two series).
pub(crate) fn legend_height(labels: &[&str], swatch: Swatch) -> f64 {
    if labels.len() < 2 {
        return 0.0;
    }
    legend_layout(labels, swatch_width(swatch)).1
}

fn swatch_width(swatch: Swatch) -> f64 {
    match swatch {
        Swatch::Square => SWATCH,
        Swatch::Line => 26.0,
    }
}

/// Draws the legend (only when there are two or more series, so that colour is never the
/// only way to tell series apart) with its top at `top`.
pub(crate) fn legend(doc: &mut Doc, labels: &[&str], swatch: Swatch, top: f64) {
    if labels.len() < 2 {
        return;
    }
    let sw = swatch_width(swatch);
    let (positions, _) = legend_layout(labels, sw);
    doc.group("chart-legend", Some(LABEL_SIZE));
    for (i, (label, (x, dy))) in labels.iter().zip(positions).enumerate() {
        let cy = top + dy + LEGEND_ROW / 2.0;
        let class = format!("chart-s{}", i % 8);
        match swatch {
            Swatch::Square => {
                doc.rect(
                    &format!("chart-swatch {class}"),
                    x,
                    cy - SWATCH / 2.0,
                    SWATCH,
                    SWATCH,
                    None,
                );
            }
            Swatch::Line => {
                let _ = write!(
                    doc.buf,
                    "<path class=\"chart-line {class}\" fill=\"none\" d=\"M{} {}h{}\"/>",
                    n(x),
                    n(cy),
                    n(sw)
                );
                let marker = crate::line::marker_path(i, x + sw / 2.0, cy);
                let _ = write!(
                    doc.buf,
                    "<path class=\"chart-swatch chart-point {class}\" d=\"{marker}\"/>"
                );
            }
        }
        let max = WIDTH - PAD - (x + sw + 6.0);
        doc.text(
            "",
            x + sw + 6.0,
            cy,
            Anchor::Start,
            LABEL_SIZE,
            Some(max),
            label,
        );
    }
    doc.end_group();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_invalid_controls() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"
        );
        assert_eq!(escape("会費\n寄付"), "会費\n寄付");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(3.5), "3.5");
        assert_eq!(n(1.23456), "1.23");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(-2.5), "-2.5");
    }

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(sanitize_id("rev-2024"), "rev-2024");
        assert_eq!(sanitize_id("a b\"c"), "a-b-c");
        assert_eq!(sanitize_id("2024"), "chart-2024");
        assert_eq!(sanitize_id(""), "chart-");
    }

    #[test]
    fn long_text_is_shortened_with_an_ellipsis() {
        let (s, cut) = fit("受託事業収益（国・地方公共団体からの委託）", 100.0, 14.0);
        assert!(cut);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 14.0) <= 100.0);
        let (s, cut) = fit("会費", 100.0, 14.0);
        assert_eq!((s.as_str(), cut), ("会費", false));
    }

    #[test]
    fn wide_characters_count_wider_than_ascii() {
        assert!(text_width("会費", 14.0) > text_width("ab", 14.0));
        assert_eq!(text_width("会費", 10.0), 20.0);
    }
}
