//! The shared frame of the bar and line charts: categories along x (one band each), a value
//! axis along y with grid lines, tick labels and a zero line.

use crate::format::{Format, format_tick};
use crate::scale::Scale;
use crate::svg::{Anchor, Doc, LABEL_SIZE, PAD, TICK_SIZE, WIDTH, text_width};
use crate::{Locale, min_step};

/// Height of the plotting area.
const PLOT_HEIGHT: f64 = 240.0;
/// Height of the plotting area when there is nothing to scale (no data, or all zero).
const FLAT_PLOT_HEIGHT: f64 = 72.0;
/// Room above the plot for value labels over the tallest bar or point.
const HEADROOM: f64 = 24.0;
/// Room under the plot for the category labels.
const FOOTER: f64 = 36.0;
/// Height of a second row of category labels.
const CATEGORY_ROW: f64 = 18.0;
/// Space kept between neighbouring category labels.
const CATEGORY_GAP: f64 = 6.0;

pub(crate) struct Plot {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub scale: Scale,
    pub n: usize,
    /// Total height of the chart.
    pub height: f64,
    /// Whether category labels alternate between two rows.
    stagger: bool,
    tick_labels: Vec<String>,
}

impl Plot {
    /// `top` is where the plot may start (below the legend); `extent` the data's min and max;
    /// `room_below` keeps space under the lowest value for a label below a negative bar.
    pub(crate) fn new(
        categories: &[String],
        top: f64,
        extent: (f64, f64),
        format: &Format,
        locale: Locale,
        room_below: f64,
    ) -> Plot {
        let top = top + HEADROOM;
        let flat = extent.0 == 0.0 && extent.1 == 0.0;
        let bottom = top + if flat { FLAT_PLOT_HEIGHT } else { PLOT_HEIGHT };
        let scale = Scale::new(
            extent.0,
            extent.1,
            min_step(format),
            bottom - room_below,
            top,
        );
        let tick_labels: Vec<String> = scale
            .ticks
            .iter()
            .map(|t| format_tick(*t, format, locale))
            .collect();
        let widest = tick_labels
            .iter()
            .map(|l| text_width(l, TICK_SIZE))
            .fold(0.0, f64::max);
        let left = (PAD + widest + 8.0).max(40.0);
        let right = WIDTH - PAD;
        let n = categories.len().max(1);
        let band = (right - left) / n as f64;
        // Labels too wide for their band alternate between two rows, so each may use two.
        let stagger = n > 1
            && categories
                .iter()
                .any(|c| text_width(c, TICK_SIZE) > band - CATEGORY_GAP);
        Plot {
            left,
            right,
            top,
            bottom,
            scale,
            n,
            height: bottom + FOOTER + if stagger { CATEGORY_ROW } else { 0.0 },
            stagger,
            tick_labels,
        }
    }

    pub(crate) fn band(&self) -> f64 {
        (self.right - self.left) / self.n as f64
    }

    /// Horizontal centre of category `i`.
    pub(crate) fn center(&self, i: usize) -> f64 {
        self.left + self.band() * (i as f64 + 0.5)
    }

    pub(crate) fn zero(&self) -> f64 {
        self.scale.at(0.0)
    }

    /// Grid lines and tick labels (behind the data).
    pub(crate) fn draw_grid(&self, doc: &mut Doc) {
        doc.group("chart-ticks", Some(TICK_SIZE));
        for (t, label) in self.scale.ticks.iter().zip(&self.tick_labels) {
            let y = self.scale.at(*t);
            if *t != 0.0 {
                doc.line("chart-grid", self.left, y, self.right, y);
            }
            doc.text(
                "chart-tick",
                self.left - 8.0,
                y,
                Anchor::End,
                TICK_SIZE,
                None,
                label,
            );
        }
        doc.end_group();
        let (y_hi, y_lo) = (self.scale.at(self.scale.hi), self.scale.at(self.scale.lo));
        doc.line("chart-axis", self.left, y_hi, self.left, y_lo);
    }

    /// The zero line (over the data, so bars visibly start from it).
    pub(crate) fn draw_zero(&self, doc: &mut Doc) {
        let z = self.zero();
        doc.line("chart-zero", self.left, z, self.right, z);
    }

    /// Category names under the plot, shortened to fit their band (two bands when they
    /// alternate between rows).
    pub(crate) fn draw_categories(&self, doc: &mut Doc, categories: &[String]) {
        let room = if self.stagger {
            2.0 * self.band()
        } else {
            self.band()
        };
        let max = (room - CATEGORY_GAP).max(LABEL_SIZE);
        doc.group("chart-categories", Some(TICK_SIZE));
        for (i, c) in categories.iter().enumerate() {
            let row = if self.stagger && i % 2 == 1 {
                CATEGORY_ROW
            } else {
                0.0
            };
            doc.text(
                "chart-category",
                self.center(i),
                self.bottom + 18.0 + row,
                Anchor::Middle,
                TICK_SIZE,
                Some(max),
                c,
            );
        }
        doc.end_group();
    }

    /// The "no data" message in the middle of the plot.
    pub(crate) fn draw_no_data(&self, doc: &mut Doc, locale: Locale) {
        doc.no_data(
            locale,
            (self.left + self.right) / 2.0,
            (self.top + self.bottom) / 2.0,
        );
    }
}

/// Whether every label fits in `max` width at the label size.
pub(crate) fn all_fit(labels: &[String], max: f64) -> bool {
    labels.iter().all(|l| text_width(l, LABEL_SIZE) <= max)
}
