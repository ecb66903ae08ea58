//! Ratios from 0 to 100% as horizontal bars (own-revenue share, donation share, grant
//! dependence, administration cost share), one row each — or one row per organisation on the
//! compare page.

use crate::format::{Format, format_tick, format_value};
use crate::svg::{Anchor, Doc, LABEL_SIZE, PAD, TICK_SIZE, WIDTH, no_data_text, text_width};
use crate::{Frame, Svg};

const AXIS_Y: f64 = 14.0;
const ROWS_TOP: f64 = 30.0;
const ROW: f64 = 36.0;
const BAR: f64 = 20.0;
/// Widest the label column gets; longer labels are shortened with "…".
const MAX_LABEL: f64 = 220.0;
/// Room right of the track for a value label such as "100%".
const VALUE_ROOM: f64 = 52.0;

/// Horizontal bars for ratios where 1.0 is 100%, each labelled with its percentage ("42%").
/// Bars are clipped to the 0–100% track (the label still says e.g. "120%"); a negative ratio
/// draws no bar. `None` draws "—" with a hover title saying there is no data. All bars have
/// class `chart-bar chart-s0`, on a `chart-track` background.
pub fn ratio_bars(frame: &Frame, rows: &[(String, Option<f64>)]) -> Svg {
    let locale = frame.locale;
    if rows.is_empty() {
        let mut doc = Doc::new(frame, "ratio", 64.0);
        doc.no_data(locale, WIDTH / 2.0, 32.0);
        return Svg(doc.finish());
    }
    let label_w = rows
        .iter()
        .map(|(l, _)| text_width(l, LABEL_SIZE))
        .fold(0.0, f64::max)
        .min(MAX_LABEL);
    let x0 = PAD + label_w + 12.0;
    let x1 = WIDTH - PAD - VALUE_ROOM;
    let at = |v: f64| x0 + v.clamp(0.0, 1.0) * (x1 - x0);
    let bottom = ROWS_TOP + rows.len() as f64 * ROW;
    let mut doc = Doc::new(frame, "ratio", bottom + 8.0);

    doc.group("chart-tracks", None);
    for r in 0..rows.len() {
        let y = ROWS_TOP + r as f64 * ROW + (ROW - BAR) / 2.0;
        doc.rect("chart-track", x0, y, x1 - x0, BAR, None);
    }
    doc.end_group();

    doc.group("chart-ticks", Some(TICK_SIZE));
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let x = at(t);
        let class = if t == 0.0 { "chart-axis" } else { "chart-grid" };
        doc.line(class, x, ROWS_TOP - 4.0, x, bottom);
        let label = format_tick(t, &Format::Percent, locale);
        doc.text(
            "chart-tick",
            x,
            AXIS_Y,
            Anchor::Middle,
            TICK_SIZE,
            None,
            &label,
        );
    }
    doc.end_group();

    doc.group("chart-bars", Some(LABEL_SIZE));
    for (r, (label, value)) in rows.iter().enumerate() {
        let cy = ROWS_TOP + r as f64 * ROW + ROW / 2.0;
        doc.text(
            "",
            x0 - 10.0,
            cy,
            Anchor::End,
            LABEL_SIZE,
            Some(label_w),
            label,
        );
        match value.filter(|v| v.is_finite()) {
            Some(v) => {
                let text = format_value(v, &Format::Percent, locale);
                let title = format!("{label}: {text}");
                let end = at(v);
                doc.rect(
                    "chart-bar chart-s0",
                    x0,
                    cy - BAR / 2.0,
                    end - x0,
                    BAR,
                    Some(&title),
                );
                doc.text(
                    "chart-value",
                    end + 6.0,
                    cy,
                    Anchor::Start,
                    LABEL_SIZE,
                    None,
                    &text,
                );
            }
            None => {
                let title = format!("{label}: {}", no_data_text(locale));
                doc.text_with_title(
                    "chart-nodata",
                    x0 + 8.0,
                    cy,
                    Anchor::Start,
                    LABEL_SIZE,
                    "—",
                    &title,
                );
            }
        }
    }
    doc.end_group();
    Svg(doc.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::*;

    fn rows(values: &[(&str, Option<f64>)]) -> Vec<(String, Option<f64>)> {
        values.iter().map(|(l, v)| (l.to_string(), *v)).collect()
    }

    #[test]
    fn bars_are_proportional_and_labelled_in_percent() {
        let svg = ratio_bars(
            &frame("r"),
            &rows(&[
                ("自主財源比率", Some(0.423)),
                ("寄付金比率", Some(0.05)),
                ("助成金依存度", Some(1.0)),
                ("管理費比率", Some(0.0)),
            ]),
        );
        check(&svg, "r", "ratio");
        let bars = rects(&svg, "chart-bar");
        let track = rects(&svg, "chart-track")[0];
        assert!(close(bars[0].w, 0.423 * track.w));
        assert!(close(bars[1].w, 0.05 * track.w));
        assert!(close(bars[2].w, track.w));
        assert_eq!(bars[3].w, 0.0);
        assert!(bars.iter().all(|b| close(b.x, track.x)));
        assert_eq!(texts(&svg, "chart-value"), vec!["42%", "5%", "100%", "0%"]);
        assert_eq!(
            texts(&svg, "chart-tick"),
            vec!["0%", "25%", "50%", "75%", "100%"]
        );
    }

    #[test]
    fn missing_and_out_of_range_values() {
        let svg = ratio_bars(
            &frame_en("m"),
            &rows(&[
                ("a", None),
                ("b", Some(1.2)),
                ("c", Some(-0.1)),
                ("d", Some(f64::NAN)),
            ]),
        );
        check(&svg, "m", "ratio");
        let bars = rects(&svg, "chart-bar");
        let track = rects(&svg, "chart-track")[0];
        assert_eq!(bars.len(), 2);
        assert!(close(bars[0].w, track.w), "clipped to the track");
        assert_eq!(bars[1].w, 0.0);
        assert_eq!(texts(&svg, "chart-value"), vec!["120%", "−10%"]);
        assert_eq!(texts(&svg, "chart-nodata"), vec!["—", "—"]);
        assert!(titles(&svg).iter().any(|t| t == "a: No data"));
    }

    #[test]
    fn escaping_long_labels_and_empty_input() {
        let long = "特定非営利活動法人<ひろば>&まちづくり支援センター「きずな」東北地域事務局";
        let svg = ratio_bars(&frame("x"), &rows(&[(long, Some(0.3)), ("'b'", Some(0.4))]));
        check(&svg, "x", "ratio");
        assert!(svg.as_str().contains("&lt;ひろば&gt;&amp;"));
        assert!(titles(&svg).iter().any(|t| t == long));
        let label = &texts(&svg, "chart-label")
            .into_iter()
            .find(|t| t.starts_with("特定"))
            .unwrap();
        assert!(label.ends_with('…'));

        let empty = ratio_bars(&frame("x"), &[]);
        check(&empty, "x", "ratio");
        assert_eq!(texts(&empty, "chart-nodata"), vec!["データなし"]);
    }
}
