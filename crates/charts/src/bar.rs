//! Vertical bar charts, grouped or stacked: multi-year revenue/expenses/net assets, and the
//! compare page's organisation-by-organisation bars.

use crate::axis::{Plot, all_fit};
use crate::format::{Format, format_value};
use crate::svg::no_data_text;
use crate::svg::{Anchor, Doc, LABEL_SIZE, Swatch, TICK_SIZE, legend, legend_height};
use crate::{Frame, Locale, Series, Svg, series_class};

/// Widest a single bar gets, so that one or two categories do not make slabs.
const MAX_BAR: f64 = 56.0;
/// Share of a category's band taken by its bars.
const FILL: f64 = 0.72;

/// A vertical bar chart: one group of bars per category (`stacked == false`) or one stack
/// per category (`stacked == true`, positive values stacked upwards from zero and negative
/// ones downwards).
///
/// Series `i` is drawn with class `chart-s{i % 8}`; each bar carries a hover `<title>` with
/// category, series and value. Values are printed above the bars when there is one series
/// (or, stacked, the total above each stack) and every label fits its band. A missing value
/// draws no bar (a "—" marks it in grouped charts); if there is no value at all the chart
/// says "データなし" / "No data". A stack with some parts missing totals the parts present,
/// and its total's hover title names the missing ones. Values beyond `categories.len()` are
/// ignored.
pub fn bar_chart(
    frame: &Frame,
    categories: &[String],
    series: &[Series],
    format: &Format,
    stacked: bool,
) -> Svg {
    let locale = frame.locale;
    let n = categories.len();
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let legend_h = legend_height(&labels, Swatch::Square);
    let top = 8.0 + legend_h;

    // Totals per category (stacked) or single values (grouped) decide the extent.
    let stacks: Vec<(f64, f64)> = (0..n)
        .map(|c| {
            series
                .iter()
                .filter_map(|s| s.get(c))
                .fold((0.0, 0.0), |(neg, pos), v| {
                    if v < 0.0 {
                        (neg + v, pos)
                    } else {
                        (neg, pos + v)
                    }
                })
        })
        .collect();
    let extent = if stacked {
        stacks
            .iter()
            .fold((0.0f64, 0.0f64), |(lo, hi), (neg, pos)| {
                (lo.min(*neg), hi.max(*pos))
            })
    } else {
        crate::scale::Scale::extent(
            (0..n).flat_map(|c| series.iter().filter_map(move |s| s.get(c))),
        )
    };
    let has_data = (0..n).any(|c| series.iter().any(|s| s.get(c).is_some()));

    // Value labels: one per bar with a single series, one total per stack when stacked.
    let value_labels: Vec<Option<(f64, String)>> = (0..n)
        .map(|c| {
            let present: Vec<f64> = series.iter().filter_map(|s| s.get(c)).collect();
            if present.is_empty() || (!stacked && series.len() != 1) {
                return None;
            }
            let total: f64 = present.iter().sum();
            Some((total, format_value(total, format, locale)))
        })
        .collect();
    let probe = Plot::new(categories, top, extent, format, locale, 0.0);
    let bar_room = if stacked {
        probe.band()
    } else {
        probe.band() / series.len().max(1) as f64
    };
    let texts: Vec<String> = value_labels
        .iter()
        .flatten()
        .map(|(_, t)| t.clone())
        .collect();
    let show_values = !texts.is_empty() && all_fit(&texts, bar_room.min(probe.band()) - 4.0);
    let negative_label = show_values && value_labels.iter().flatten().any(|(v, _)| *v < 0.0);
    let plot = Plot::new(
        categories,
        top,
        extent,
        format,
        locale,
        if negative_label { 22.0 } else { 0.0 },
    );

    let kind = if stacked { "stacked" } else { "bar" };
    let mut doc = Doc::new(frame, kind, plot.height);
    legend(&mut doc, &labels, Swatch::Square, 8.0);
    plot.draw_grid(&mut doc);

    let band = plot.band();
    let k = series.len().max(1);
    let group_w = if stacked {
        (band * FILL).min(MAX_BAR * 1.25)
    } else {
        (band * FILL).min(MAX_BAR * k as f64)
    };
    let slot = if stacked { group_w } else { group_w / k as f64 };
    // A 1-unit gap on each side of a bar; never thinner than one unit.
    let bar_w = if slot > 6.0 {
        slot - 2.0
    } else {
        slot.max(1.0)
    };
    let multi = series.len() > 1;

    doc.group("chart-bars", None);
    for (c, category) in categories.iter().enumerate() {
        let x0 = plot.center(c) - group_w / 2.0;
        let (mut pos, mut neg) = (0.0, 0.0);
        for (i, s) in series.iter().enumerate() {
            let x = if stacked { x0 } else { x0 + slot * i as f64 } + (slot - bar_w) / 2.0;
            let title = |v: Option<f64>| {
                let value = match v {
                    Some(v) => format_value(v, format, locale),
                    None => no_data_text(locale).to_string(),
                };
                if multi {
                    format!("{category} {}: {value}", s.label)
                } else {
                    format!("{category}: {value}")
                }
            };
            let Some(v) = s.get(c) else {
                if !stacked && has_data && bar_w >= 8.0 {
                    no_data_mark(&mut doc, x + bar_w / 2.0, plot.zero() - 10.0, &title(None));
                }
                continue;
            };
            let (from, to) = if !stacked {
                (0.0, v)
            } else if v >= 0.0 {
                pos += v;
                (pos - v, pos)
            } else {
                neg += v;
                (neg - v, neg)
            };
            let (y_a, y_b) = (plot.scale.at(from), plot.scale.at(to));
            let class = format!("chart-bar {}", series_class(i));
            doc.rect(
                &class,
                x,
                y_a.min(y_b),
                bar_w,
                (y_a - y_b).abs(),
                Some(&title(Some(v))),
            );
        }
        if stacked && has_data && series.iter().all(|s| s.get(c).is_none()) {
            let title = format!("{category}: {}", no_data_text(locale));
            no_data_mark(&mut doc, plot.center(c), plot.zero() - 10.0, &title);
        }
    }
    doc.end_group();
    plot.draw_zero(&mut doc);

    if show_values {
        doc.group("chart-values", Some(LABEL_SIZE));
        for (c, label) in value_labels.iter().enumerate() {
            let Some((total, text)) = label else { continue };
            let (neg, pos) = stacks[c];
            let y = if *total < 0.0 {
                plot.scale.at(if stacked { neg } else { *total }) + 12.0
            } else {
                plot.scale.at(if stacked { pos } else { *total }) - 10.0
            };
            // A stack with parts missing totals only the parts present: say so on hover.
            let missing: Vec<&str> = series
                .iter()
                .filter(|s| s.get(c).is_none())
                .map(|s| s.label.as_str())
                .collect();
            let x = plot.center(c);
            if stacked && !missing.is_empty() {
                let sep = match locale {
                    Locale::Ja => "、",
                    Locale::En => ", ",
                };
                let title = format!(
                    "{}: {} {}",
                    categories[c],
                    missing.join(sep),
                    no_data_text(locale)
                );
                doc.text_with_title(
                    "chart-value",
                    x,
                    y,
                    Anchor::Middle,
                    LABEL_SIZE,
                    text,
                    &title,
                );
            } else {
                doc.text("chart-value", x, y, Anchor::Middle, LABEL_SIZE, None, text);
            }
        }
        doc.end_group();
    }
    plot.draw_categories(&mut doc, categories);
    if !has_data {
        plot.draw_no_data(&mut doc, locale);
    }
    Svg(doc.finish())
}

/// A small "—" where a value is missing, with a hover title saying so.
fn no_data_mark(doc: &mut Doc, x: f64, y: f64, title: &str) {
    doc.text_with_title("chart-nodata", x, y, Anchor::Middle, TICK_SIZE, "—", title);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn cats(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn well_formed_with_accessible_root() {
        let svg = bar_chart(
            &frame("rev"),
            &cats(&["2022", "2023", "2024"]),
            &[Series::new("収入", vec![Some(1e6), Some(2e6), Some(3e6)])],
            &Format::Yen,
            false,
        );
        check(&svg, "rev", "bar");
        assert!(
            svg.as_str()
                .contains("<title id=\"rev-title\" lang=\"ja\">収入の推移</title>")
        );
    }

    #[test]
    fn bar_heights_are_proportional_to_values() {
        let values = [10.0, 20.0, 35.0, 5.0];
        let svg = bar_chart(
            &frame("p"),
            &cats(&["a", "b", "c", "d"]),
            &[Series::new("x", values.iter().map(|v| Some(*v)).collect())],
            &Format::Number {
                unit: String::new(),
            },
            false,
        );
        let bars = rects(&svg, "chart-bar");
        assert_eq!(bars.len(), 4);
        let per_unit = bars[0].h / values[0];
        assert!(per_unit > 0.0);
        for (bar, v) in bars.iter().zip(values) {
            assert!(close(bar.h, v * per_unit), "{} vs {}", bar.h, v * per_unit);
        }
        // All bars stand on the zero line.
        let zero = line_y(&svg, "chart-zero");
        for bar in &bars {
            assert!(close(bar.y + bar.h, zero));
        }
        assert_eq!(texts(&svg, "chart-value"), vec!["10", "20", "35", "5"]);
    }

    #[test]
    fn stacked_bars_add_up_to_the_total() {
        let series = [
            Series::new("会費", vec![Some(100.0), Some(50.0)]),
            Series::new("寄付金", vec![Some(300.0), None]),
            Series::new("助成金", vec![Some(600.0), Some(150.0)]),
        ];
        let svg = bar_chart(
            &frame("s"),
            &cats(&["2023", "2024"]),
            &series,
            &Format::Yen,
            true,
        );
        check(&svg, "s", "stacked");
        let bars = rects(&svg, "chart-bar");
        assert_eq!(bars.len(), 5, "the missing value draws no bar");
        let per_unit = bars[0].h / 100.0;
        let first: f64 = bars[..3].iter().map(|b| b.h).sum();
        let second: f64 = bars[3..].iter().map(|b| b.h).sum();
        assert!(close(first, 1000.0 * per_unit));
        assert!(close(second, 200.0 * per_unit));
        // Segments touch: each starts where the previous one ended.
        assert!(close(bars[0].y, bars[1].y + bars[1].h));
        assert!(close(bars[1].y, bars[2].y + bars[2].h));
        assert_eq!(texts(&svg, "chart-value"), vec!["1,000円", "200円"]);
        assert!(titles(&svg).contains(&"2024: 寄付金 データなし".to_string()));
        // Two or more series always get a legend.
        assert_eq!(count(&svg, "chart-swatch"), 3);
    }

    #[test]
    fn negative_values_hang_below_the_zero_line() {
        let svg = bar_chart(
            &frame("n"),
            &cats(&["2022", "2023", "2024"]),
            &[Series::new(
                "正味財産",
                vec![Some(-2_000_000.0), Some(1_000_000.0), Some(3e6)],
            )],
            &Format::Yen,
            false,
        );
        check(&svg, "n", "bar");
        let zero = line_y(&svg, "chart-zero");
        let bars = rects(&svg, "chart-bar");
        assert!(close(bars[0].y, zero), "negative bar starts at zero");
        assert!(bars[0].h > 0.0);
        assert!(
            close(bars[1].y + bars[1].h, zero),
            "positive bar ends at zero"
        );
        assert!(close(bars[0].h, bars[1].h * 2.0));
        assert_eq!(texts(&svg, "chart-value")[0], "−200万円");
        assert!(texts(&svg, "chart-tick").iter().any(|t| t.starts_with('−')));
    }

    #[test]
    fn stacked_negative_parts_go_below_zero() {
        let series = [
            Series::new("a", vec![Some(50.0)]),
            Series::new("b", vec![Some(-20.0)]),
        ];
        let svg = bar_chart(&frame("sn"), &cats(&["x"]), &series, &Format::Yen, true);
        let zero = line_y(&svg, "chart-zero");
        let bars = rects(&svg, "chart-bar");
        assert!(close(bars[0].y + bars[0].h, zero));
        assert!(close(bars[1].y, zero));
        assert!(close(bars[1].h * 5.0, bars[0].h * 2.0));
    }

    #[test]
    fn missing_values_draw_no_bar_and_grouped_series_are_coloured() {
        let series = [
            Series::new("収入", vec![Some(10.0), None, Some(30.0)]),
            Series::new("支出", vec![Some(8.0), Some(9.0), None]),
        ];
        let svg = bar_chart(
            &frame("g"),
            &cats(&["a", "b", "c"]),
            &series,
            &Format::Yen,
            false,
        );
        check(&svg, "g", "bar");
        assert_eq!(rects(&svg, "chart-bar").len(), 4);
        assert_eq!(count(&svg, "chart-s0"), 2 + 1, "two bars and a swatch");
        assert_eq!(count(&svg, "chart-s1"), 2 + 1);
        assert_eq!(texts(&svg, "chart-nodata").len(), 2);
        assert!(titles(&svg).iter().any(|t| t == "b 収入: データなし"));
        assert!(
            texts(&svg, "chart-value").is_empty(),
            "no value labels with two series"
        );
    }

    #[test]
    fn escapes_labels() {
        let svg = bar_chart(
            &Frame::new("e", "<b>&\"x\"", "a & b", crate::Locale::Ja),
            &cats(&["<script>alert(1)</script>"]),
            &[
                Series::new("R&D \"lab\"", vec![Some(1.0)]),
                Series::new("'q'", vec![Some(2.0)]),
            ],
            &Format::Percent,
            false,
        );
        check(&svg, "e", "bar");
        let s = svg.as_str();
        assert!(s.contains("&lt;b&gt;&amp;&quot;x&quot;"));
        assert!(s.contains("R&amp;D &quot;lab&quot;"));
        assert!(s.contains("&apos;q&apos;"));
        assert!(!s.contains("<script"));
        assert!(titles(&svg).contains(&"<script>alert(1)</script> R&D \"lab\": 100%".to_string()));
    }

    #[test]
    fn all_missing_or_zero_and_empty_inputs() {
        let none = bar_chart(
            &frame("z"),
            &cats(&["2023", "2024"]),
            &[Series::new("x", vec![None, None])],
            &Format::Yen,
            false,
        );
        check(&none, "z", "bar");
        assert!(rects(&none, "chart-bar").is_empty());
        assert!(texts(&none, "chart-nodata").contains(&"データなし".to_string()));

        let zeros = bar_chart(
            &frame_en("z"),
            &cats(&["2023", "2024"]),
            &[Series::new("x", vec![Some(0.0), Some(0.0)])],
            &Format::Yen,
            true,
        );
        check(&zeros, "z", "stacked");
        assert!(rects(&zeros, "chart-bar").iter().all(|b| b.h == 0.0));
        assert_eq!(texts(&zeros, "chart-tick"), vec!["¥0"]);
        assert!(!texts(&zeros, "chart-nodata").contains(&"No data".to_string()));

        let empty = bar_chart(&frame_en("e"), &[], &[], &Format::Yen, false);
        check(&empty, "e", "bar");
        assert_eq!(texts(&empty, "chart-nodata"), vec!["No data"]);
    }

    #[test]
    fn single_category_gets_a_sensible_bar_width() {
        let svg = bar_chart(
            &frame("one"),
            &cats(&["2024"]),
            &[Series::new("x", vec![Some(5.0)])],
            &Format::Yen,
            false,
        );
        let bars = rects(&svg, "chart-bar");
        assert_eq!(bars.len(), 1);
        assert!(bars[0].w <= MAX_BAR);
    }

    #[test]
    fn long_category_labels_are_shortened_but_kept_in_a_title() {
        let long = "特定非営利活動法人 とても長い名前の地域まちづくり支援センター".to_string();
        let categories = vec![long.clone(); 5];
        let series = [Series::new("x", vec![Some(1.0); 5])];
        let svg = bar_chart(&frame("l"), &categories, &series, &Format::Yen, false);
        check(&svg, "l", "bar");
        let shown = texts(&svg, "chart-category");
        assert!(
            shown
                .iter()
                .all(|t| t.ends_with('…') && t.chars().count() < 20)
        );
        assert!(titles(&svg).iter().filter(|t| **t == long).count() >= 5);
    }

    #[test]
    fn ten_fiscal_years_alternate_rows_instead_of_being_cut() {
        let years: Vec<String> = (2015..2025).map(|y| format!("{y}年度")).collect();
        let series = [
            Series::new("収益", vec![Some(2.5e7); 10]),
            Series::new("費用", vec![Some(2.4e7); 10]),
        ];
        let svg = bar_chart(&frame("ten"), &years, &series, &Format::Yen, false);
        check(&svg, "ten", "bar");
        assert_eq!(texts(&svg, "chart-category"), years, "shown in full");
        let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
        let rows: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("chart-label chart-category"))
            .map(|n| n.attribute("y").unwrap())
            .collect();
        assert_ne!(rows[0], rows[1]);
        assert_eq!(rows[0], rows[2]);
        assert_eq!(rects(&svg, "chart-bar").len(), 20);
    }

    #[test]
    fn deterministic() {
        let series = [Series::new("x", vec![Some(1.0), Some(2.0)])];
        let a = bar_chart(
            &frame("d"),
            &cats(&["a", "b"]),
            &series,
            &Format::Yen,
            false,
        );
        let b = bar_chart(
            &frame("d"),
            &cats(&["a", "b"]),
            &series,
            &Format::Yen,
            false,
        );
        assert_eq!(a, b);
    }
}
