//! Line charts of yearly values (outcome metrics): one or a few series, gaps where a year has
//! no value, every point marked.

use std::fmt::Write as _;

use crate::axis::{Plot, all_fit};
use crate::format::{Format, format_value};
use crate::scale::Scale;
use crate::svg::{Anchor, Doc, LABEL_SIZE, Swatch, escape, legend, legend_height, n};
use crate::{Frame, Series, Svg, series_class};

/// Marker size (about the radius).
const R: f64 = 4.5;

/// A line chart with one point per category. Missing values (`None`) break the line: each
/// run of consecutive values is its own subpath (`M … L …`), and a lone value shows as a
/// marker only. The y axis starts at zero unless the data is negative.
///
/// Series `i` has class `chart-s{i % 8}` and a marker shape of its own (circle, square,
/// diamond, triangle, repeating), also shown in the legend, so that series differ by more
/// than colour. Each marker has a hover `<title>`. With a single series the values are
/// printed above the points when they fit.
pub fn line_chart(frame: &Frame, categories: &[String], series: &[Series], format: &Format) -> Svg {
    let locale = frame.locale;
    let n_cat = categories.len();
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let top = 8.0 + legend_height(&labels, Swatch::Line);
    let values = || (0..n_cat).flat_map(|c| series.iter().filter_map(move |s| s.get(c)));
    let extent = Scale::extent(values());
    let has_data = values().next().is_some();

    let value_labels: Vec<Option<(f64, String)>> = if series.len() == 1 {
        (0..n_cat)
            .map(|c| {
                series[0]
                    .get(c)
                    .map(|v| (v, format_value(v, format, locale)))
            })
            .collect()
    } else {
        Vec::new()
    };
    let probe = Plot::new(categories, top, extent, format, locale, 0.0);
    let texts: Vec<String> = value_labels
        .iter()
        .flatten()
        .map(|(_, t)| t.clone())
        .collect();
    let show_values = !texts.is_empty() && all_fit(&texts, probe.band() - 4.0);
    let negative = show_values && extent.0 < 0.0;
    let plot = Plot::new(
        categories,
        top,
        extent,
        format,
        locale,
        if negative { 22.0 } else { 0.0 },
    );

    let mut doc = Doc::new(frame, "line", plot.height);
    legend(&mut doc, &labels, Swatch::Line, 8.0);
    plot.draw_grid(&mut doc);
    plot.draw_zero(&mut doc);

    let multi = series.len() > 1;
    for (i, s) in series.iter().enumerate() {
        let class = series_class(i);
        doc.group(&format!("chart-series {class}"), None);
        let points: Vec<Option<(f64, f64, f64)>> = (0..n_cat)
            .map(|c| s.get(c).map(|v| (plot.center(c), plot.scale.at(v), v)))
            .collect();
        let d = line_path(&points);
        if d.contains('L') {
            doc.raw(&format!(
                "<path class=\"chart-line {class}\" fill=\"none\" d=\"{d}\"/>"
            ));
        }
        for (c, p) in points.iter().enumerate() {
            let Some((x, y, v)) = p else { continue };
            let value = format_value(*v, format, locale);
            let title = if multi {
                format!("{} {}: {value}", categories[c], s.label)
            } else {
                format!("{}: {value}", categories[c])
            };
            doc.raw(&format!(
                "<path class=\"chart-point {class}\" d=\"{}\"><title{}>{}</title></path>",
                marker_path(i, *x, *y),
                crate::svg::lang_of(&title),
                escape(&title)
            ));
        }
        doc.end_group();
    }

    if show_values {
        doc.group("chart-values", Some(LABEL_SIZE));
        for (c, label) in value_labels.iter().enumerate() {
            let Some((v, text)) = label else { continue };
            let y = plot.scale.at(*v) + if *v < 0.0 { 14.0 } else { -13.0 };
            doc.text(
                "chart-value",
                plot.center(c),
                y,
                Anchor::Middle,
                LABEL_SIZE,
                None,
                text,
            );
        }
        doc.end_group();
    }
    plot.draw_categories(&mut doc, categories);
    if !has_data {
        plot.draw_no_data(&mut doc, locale);
    }
    Svg(doc.finish())
}

/// Path data joining consecutive points; a missing point starts a new subpath.
fn line_path(points: &[Option<(f64, f64, f64)>]) -> String {
    let mut d = String::new();
    let mut previous = false;
    for p in points {
        match p {
            Some((x, y, _)) => {
                let cmd = if previous { 'L' } else { 'M' };
                let _ = write!(d, "{cmd}{} {}", n(*x), n(*y));
                previous = true;
            }
            None => previous = false,
        }
    }
    d
}

/// A marker centred on (cx, cy): circle, square, diamond or triangle by series index.
pub(crate) fn marker_path(i: usize, cx: f64, cy: f64) -> String {
    match i % 4 {
        0 => format!(
            "M{} {}a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0z",
            n(cx - R),
            n(cy),
            r = n(R),
            d = n(2.0 * R)
        ),
        1 => {
            let s = R * 0.9;
            format!("M{} {}h{d}v{d}h-{d}z", n(cx - s), n(cy - s), d = n(2.0 * s))
        }
        2 => {
            let s = R * 1.3;
            format!(
                "M{} {}l{s} {s}l-{s} {s}l-{s} -{s}z",
                n(cx),
                n(cy - s),
                s = n(s)
            )
        }
        _ => format!(
            "M{} {}L{} {}L{} {}z",
            n(cx),
            n(cy - R * 1.3),
            n(cx + R * 1.2),
            n(cy + R * 0.85),
            n(cx - R * 1.2),
            n(cy + R * 0.85)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn years(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{}年度", 2020 + i)).collect()
    }

    fn subpaths(d: &str) -> usize {
        d.matches('M').count()
    }

    #[test]
    fn gaps_split_the_line_into_subpaths() {
        let s = Series::new(
            "相談件数",
            vec![
                Some(120.0),
                Some(140.0),
                None,
                Some(90.0),
                Some(100.0),
                None,
                Some(80.0),
            ],
        );
        let svg = line_chart(
            &frame("l"),
            &years(7),
            &[s],
            &Format::Number { unit: "件".into() },
        );
        check(&svg, "l", "line");
        let lines = paths(&svg, "chart-line");
        assert_eq!(lines.len(), 1);
        assert_eq!(subpaths(&lines[0]), 3, "{}", lines[0]);
        assert_eq!(
            lines[0].matches('L').count(),
            2,
            "a lone point has no segment"
        );
        assert_eq!(paths(&svg, "chart-point").len(), 5, "every value is marked");
        assert_eq!(
            texts(&svg, "chart-value"),
            vec!["120件", "140件", "90件", "100件", "80件"]
        );
    }

    #[test]
    fn points_sit_at_their_values_from_zero() {
        let s = Series::new("x", vec![Some(10.0), Some(40.0)]);
        let svg = line_chart(
            &frame("p"),
            &years(2),
            &[s],
            &Format::Number {
                unit: String::new(),
            },
        );
        let zero = line_y(&svg, "chart-zero");
        let d = &paths(&svg, "chart-line")[0];
        let ys: Vec<f64> = d
            .split(['M', 'L'])
            .filter(|p| !p.is_empty())
            .map(|p| p.split(' ').nth(1).unwrap().parse().unwrap())
            .collect();
        assert!(close((zero - ys[1]) / (zero - ys[0]), 4.0));
        assert_eq!(texts(&svg, "chart-tick")[0], "0", "the axis starts at zero");
    }

    #[test]
    fn negative_values_extend_the_axis_below_zero() {
        let s = Series::new("x", vec![Some(-5.0), Some(10.0)]);
        let svg = line_chart(&frame("neg"), &years(2), &[s], &Format::Percent);
        check(&svg, "neg", "line");
        let ticks = texts(&svg, "chart-tick");
        assert!(ticks[0].starts_with('−'), "{ticks:?}");
        assert!(ticks.contains(&"0%".to_string()));
    }

    #[test]
    fn several_series_get_a_legend_and_distinct_markers() {
        let a = Series::new("A", vec![Some(1.0), Some(2.0)]);
        let b = Series::new("B", vec![Some(2.0), None]);
        let svg = line_chart(&frame_en("m"), &years(2), &[a, b], &Format::Yen);
        check(&svg, "m", "line");
        assert_eq!(count(&svg, "chart-swatch"), 2);
        assert_eq!(
            paths(&svg, "chart-line").len(),
            1 + 2,
            "a's line and the legend's two"
        );
        assert!(texts(&svg, "chart-value").is_empty());
        assert_ne!(marker_path(0, 0.0, 0.0), marker_path(1, 0.0, 0.0));
        assert!(titles(&svg).iter().any(|t| t == "2021年度 A: ¥2"));
    }

    #[test]
    fn no_data_at_all() {
        let s = Series::new("x", vec![None, None, None]);
        let svg = line_chart(&frame("none"), &years(3), &[s], &Format::Yen);
        check(&svg, "none", "line");
        assert!(paths(&svg, "chart-line").is_empty());
        assert_eq!(texts(&svg, "chart-nodata"), vec!["データなし"]);
    }

    #[test]
    fn single_category() {
        let s = Series::new("x", vec![Some(3.0)]);
        let svg = line_chart(&frame("one"), &years(1), &[s], &Format::Percent);
        check(&svg, "one", "line");
        assert_eq!(paths(&svg, "chart-point").len(), 1);
    }
}
