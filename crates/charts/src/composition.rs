//! The composition of a whole (revenue of one fiscal year by source): one horizontal bar
//! divided into parts, and under it a legend row per part with its value and share.

use crate::format::{Format, format_value};
use crate::svg::{Anchor, Doc, LABEL_SIZE, PAD, WIDTH, text_width};
use crate::{Frame, Locale, Svg, series_class};

const BAR_TOP: f64 = 8.0;
const BAR_HEIGHT: f64 = 40.0;
const ROW: f64 = 26.0;
const SWATCH: f64 = 14.0;

/// One 100% bar of `parts` plus a legend listing each part's label, value and percentage,
/// and a total row. Parts that are zero, negative or not finite are left out (a share of
/// them means nothing). Part `i` keeps class `chart-s{i % 8}` by its index in `parts`, so
/// that a source keeps its colour across years even when another source is absent.
pub fn composition(frame: &Frame, parts: &[(String, f64)], format: &Format) -> Svg {
    let locale = frame.locale;
    let kept: Vec<(usize, &str, f64)> = parts
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| v.is_finite() && *v > 0.0)
        .map(|(i, (label, v))| (i, label.as_str(), *v))
        .collect();
    let total: f64 = kept.iter().map(|(_, _, v)| v).sum();
    if kept.is_empty() || !total.is_finite() {
        let mut doc = Doc::new(frame, "composition", 64.0);
        doc.no_data(locale, WIDTH / 2.0, 32.0);
        return Svg(doc.finish());
    }

    let rows: Vec<(usize, &str, String, String)> = kept
        .iter()
        .map(|(i, label, v)| {
            let value = format_value(*v, format, locale);
            let share = format_value(v / total, &Format::Percent, locale);
            (*i, *label, value, share)
        })
        .collect();
    let total_label = match locale {
        Locale::Ja => "合計",
        Locale::En => "Total",
    };
    let total_value = format_value(total, format, locale);

    // Columns: share right-aligned at the right edge, value right-aligned before it.
    let share_w = text_width("100%", LABEL_SIZE).max(
        rows.iter()
            .map(|r| text_width(&r.3, LABEL_SIZE))
            .fold(0.0, f64::max),
    );
    let value_w = rows
        .iter()
        .map(|r| text_width(&r.2, LABEL_SIZE))
        .fold(text_width(&total_value, LABEL_SIZE), f64::max);
    let share_x = WIDTH - PAD;
    let value_x = share_x - share_w - 20.0;
    let label_x = PAD + SWATCH + 8.0;
    let label_max = (value_x - value_w - 16.0 - label_x).max(LABEL_SIZE * 3.0);

    let legend_top = BAR_TOP + BAR_HEIGHT + 16.0;
    let total_y = legend_top + rows.len() as f64 * ROW + 6.0;
    let height = total_y + ROW + 4.0;
    let mut doc = Doc::new(frame, "composition", height);

    let bar_w = WIDTH - 2.0 * PAD;
    let mut x = PAD;
    doc.group("chart-bars", None);
    for (i, label, value, share) in &rows {
        let v = kept.iter().find(|k| k.0 == *i).map(|k| k.2).unwrap_or(0.0);
        let w = v / total * bar_w;
        let title = match locale {
            Locale::Ja => format!("{label}: {value}（{share}）"),
            Locale::En => format!("{label}: {value} ({share})"),
        };
        let class = format!("chart-bar {}", series_class(*i));
        doc.rect(&class, x, BAR_TOP, w, BAR_HEIGHT, Some(&title));
        x += w;
    }
    doc.end_group();

    doc.group("chart-legend", Some(LABEL_SIZE));
    for (row, (i, label, value, share)) in rows.iter().enumerate() {
        let cy = legend_top + row as f64 * ROW + ROW / 2.0;
        let class = format!("chart-swatch {}", series_class(*i));
        doc.rect(&class, PAD, cy - SWATCH / 2.0, SWATCH, SWATCH, None);
        doc.text(
            "",
            label_x,
            cy,
            Anchor::Start,
            LABEL_SIZE,
            Some(label_max),
            label,
        );
        doc.text(
            "chart-value",
            value_x,
            cy,
            Anchor::End,
            LABEL_SIZE,
            None,
            value,
        );
        doc.text(
            "chart-share",
            share_x,
            cy,
            Anchor::End,
            LABEL_SIZE,
            None,
            share,
        );
    }
    doc.line("chart-axis", PAD, total_y, WIDTH - PAD, total_y);
    let cy = total_y + ROW / 2.0;
    doc.text(
        "chart-total",
        label_x,
        cy,
        Anchor::Start,
        LABEL_SIZE,
        None,
        total_label,
    );
    doc.text(
        "chart-total chart-value",
        value_x,
        cy,
        Anchor::End,
        LABEL_SIZE,
        None,
        &total_value,
    );
    let hundred = format_value(1.0, &Format::Percent, locale);
    doc.text(
        "chart-total",
        share_x,
        cy,
        Anchor::End,
        LABEL_SIZE,
        None,
        &hundred,
    );
    doc.end_group();
    Svg(doc.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn revenue() -> Vec<(String, f64)> {
        [
            ("会費", 1_200_000.0),
            ("寄付金", 3_450_000.0),
            ("助成金", 8_000_000.0),
            ("補助金", 0.0),
            ("事業収益", 12_340_000.0),
            ("受託事業収益", 250_000.0),
            ("その他", 31_000.0),
        ]
        .iter()
        .map(|(l, v)| (l.to_string(), *v))
        .collect()
    }

    #[test]
    fn shares_add_up_to_one_hundred() {
        let svg = composition(&frame("c"), &revenue(), &Format::Yen);
        check(&svg, "c", "composition");
        let shares: Vec<f64> = texts(&svg, "chart-share")
            .iter()
            .map(|s| s.trim_end_matches('%').parse::<f64>().unwrap())
            .collect();
        assert_eq!(shares.len(), 6, "the zero part is left out");
        let sum: f64 = shares.iter().sum();
        assert!((sum - 100.0).abs() <= 1.5, "{shares:?} sum to {sum}");
    }

    #[test]
    fn segments_fill_the_bar_in_proportion() {
        let parts = revenue();
        let svg = composition(&frame("c"), &parts, &Format::Yen);
        let bars = rects(&svg, "chart-bar");
        let total_w: f64 = bars.iter().map(|b| b.w).sum();
        assert!(close(total_w, WIDTH - 2.0 * PAD));
        let total: f64 = parts.iter().map(|p| p.1).sum();
        let kept: Vec<f64> = parts.iter().map(|p| p.1).filter(|v| *v > 0.0).collect();
        for (bar, v) in bars.iter().zip(&kept) {
            assert!(close(bar.w, v / total * total_w));
        }
        for pair in bars.windows(2) {
            assert!(close(pair[0].x + pair[0].w, pair[1].x), "segments touch");
        }
        // Colours follow the index in `parts`: 事業収益 (index 4) stays chart-s4.
        assert_eq!(count(&svg, "chart-s3"), 0, "補助金 is absent");
        assert_eq!(count(&svg, "chart-s4"), 2, "segment and swatch");
        assert_eq!(
            texts(&svg, "chart-value"),
            vec![
                "120万円",
                "345万円",
                "800万円",
                "1,234万円",
                "25万円",
                "3.1万円",
                "2,527万円"
            ]
        );
    }

    #[test]
    fn negative_and_missing_parts_are_left_out() {
        let parts = vec![
            ("a".to_string(), 10.0),
            ("b".to_string(), -5.0),
            ("c".to_string(), f64::NAN),
        ];
        let svg = composition(&frame_en("n"), &parts, &Format::Yen);
        check(&svg, "n", "composition");
        assert_eq!(rects(&svg, "chart-bar").len(), 1);
        assert_eq!(texts(&svg, "chart-share"), vec!["100%"]);

        let none = composition(&frame_en("n"), &[("a".to_string(), 0.0)], &Format::Yen);
        check(&none, "n", "composition");
        assert_eq!(texts(&none, "chart-nodata"), vec!["No data"]);
    }

    #[test]
    fn labels_are_escaped_and_long_ones_shortened() {
        let long =
            "受託事業収益<国&地方公共団体>からの委託による事業の収益（令和六年度分）の合計額";
        let parts = vec![(long.to_string(), 1.0), ("\"x\"".to_string(), 2.0)];
        let svg = composition(&frame("e"), &parts, &Format::Yen);
        check(&svg, "e", "composition");
        assert!(svg.as_str().contains("&lt;国&amp;地方公共団体&gt;"));
        assert!(svg.as_str().contains("&quot;x&quot;"));
        assert!(titles(&svg).iter().any(|t| t == long));
    }
}
