//! Linear value axes with "nice" ticks: steps of 1, 2, 2.5 or 5 × 10ⁿ, 4–6 ticks, always
//! including zero (bars grow from zero; a negative value is drawn below the zero line).

/// A value axis mapped onto a pixel range (`start` for `lo`, `end` for `hi`; `end` may be
/// smaller than `start`, as for a y axis that grows upwards).
#[derive(Debug, Clone)]
pub(crate) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    start: f64,
    end: f64,
}

const MANTISSAS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];
/// Most intervals between ticks (so at most 6 ticks).
const MAX_INTERVALS: f64 = 5.0;

impl Scale {
    /// An axis covering `min..=max` and zero. `min_step` keeps steps meaningful for the unit
    /// (1 for yen: no "0.5円" ticks). With no extent at all (all zero, or no data) the axis is
    /// `0..=1` with a single tick at zero.
    pub(crate) fn new(min: f64, max: f64, min_step: f64, start: f64, end: f64) -> Scale {
        let lo = min.min(0.0);
        let hi = max.max(0.0);
        if !(hi - lo).is_finite() || hi - lo <= 0.0 {
            return Scale {
                lo: 0.0,
                hi: 1.0,
                ticks: vec![0.0],
                start,
                end,
            };
        }
        let step = nice_step(hi - lo, lo, hi).max(min_step);
        let first = (lo / step).floor();
        let last = (hi / step).ceil();
        let ticks: Vec<f64> = (first as i64..=last as i64)
            .map(|i| clean(i as f64 * step))
            .collect();
        Scale {
            lo: clean(first * step),
            hi: clean(last * step),
            ticks,
            start,
            end,
        }
    }

    /// Scales extents from the data of a chart (ignoring missing values).
    pub(crate) fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
        values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }

    /// Pixel position of `v`.
    pub(crate) fn at(&self, v: f64) -> f64 {
        self.start + (v - self.lo) / (self.hi - self.lo) * (self.end - self.start)
    }
}

/// The smallest nice step that covers `lo..=hi` in at most five intervals.
fn nice_step(span: f64, lo: f64, hi: f64) -> f64 {
    let mut exp = (span / MAX_INTERVALS).log10().floor() as i32 - 1;
    loop {
        let pow = 10f64.powi(exp);
        for m in MANTISSAS {
            let step = m * pow;
            let intervals = (hi / step).ceil() - (lo / step).floor();
            if intervals <= MAX_INTERVALS {
                return step;
            }
        }
        exp += 1;
    }
}

/// Removes floating-point dust such as 0.30000000000000004.
fn clean(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let mag = 10f64.powi(v.abs().log10().floor() as i32 - 9);
    (v / mag).round() * mag
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticks(min: f64, max: f64) -> Vec<f64> {
        Scale::new(min, max, 0.0, 0.0, 100.0).ticks
    }

    fn assert_nice(t: &[f64]) {
        assert!((4..=6).contains(&t.len()), "{t:?}: 4–6 ticks");
        let step = t[1] - t[0];
        let mag = 10f64.powf(step.log10().floor());
        let m = step / mag;
        assert!(
            MANTISSAS.iter().any(|x| (x - m).abs() < 1e-9),
            "{t:?}: step {step} is not 1, 2, 2.5 or 5 × 10ⁿ"
        );
        assert!(t.contains(&0.0), "{t:?} includes zero");
    }

    #[test]
    fn nice_ticks_for_typical_ranges() {
        assert_eq!(ticks(0.0, 100.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(0.0, 9.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(0.0, 4.0), vec![0.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(
            ticks(0.0, 12_340_000.0),
            vec![
                0.0,
                2_500_000.0,
                5_000_000.0,
                7_500_000.0,
                10_000_000.0,
                12_500_000.0
            ]
        );
        assert_eq!(ticks(0.0, 1.0), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        for (lo, hi) in [
            (0.0, 1.0),
            (0.0, 3.7),
            (0.0, 42.0),
            (0.0, 999.0),
            (0.0, 1001.0),
            (-5.0, 20.0),
            (-1_000_000.0, 50_000_000.0),
            (-3.0, -1.0),
            (0.0, 0.037),
            (0.0, 123_456_789.0),
        ] {
            let t = ticks(lo, hi);
            assert_nice(&t);
            assert!(
                t[0] <= lo.min(0.0) && *t.last().unwrap() >= hi,
                "{t:?} covers {lo}..{hi}"
            );
        }
    }

    #[test]
    fn negative_ranges_keep_zero_as_a_tick() {
        let s = Scale::new(-20.0, 100.0, 0.0, 200.0, 0.0);
        assert!(s.lo < 0.0 && s.ticks.contains(&0.0));
        // y grows upwards: zero sits between the ends.
        let z = s.at(0.0);
        assert!(z < 200.0 && z > 0.0);
        assert!(s.at(-20.0) > z);
    }

    #[test]
    fn degenerate_ranges() {
        let s = Scale::new(0.0, 0.0, 0.0, 0.0, 100.0);
        assert_eq!(s.ticks, vec![0.0]);
        assert_eq!(s.at(0.0), 0.0);
        let s = Scale::new(0.0, 3.0, 1.0, 0.0, 100.0);
        assert_eq!(s.ticks, vec![0.0, 1.0, 2.0, 3.0], "min step respected");
    }

    #[test]
    fn floating_dust_is_removed() {
        assert_eq!(clean(0.1 * 3.0), 0.3);
        assert_eq!(clean(0.0), 0.0);
    }
}
