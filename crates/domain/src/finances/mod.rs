//! Yearly finances: the NPO accounting standard statements, their checks and ratios. (Being written.)
