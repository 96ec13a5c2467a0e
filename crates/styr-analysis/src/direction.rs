//! What "better" means for an indicator, and number hygiene shared by the analyses.

use styr_domain::Direction;

/// `+1` when higher is better, `-1` when lower is better; `None` when the indicator has no direction.
/// Multiplying a difference by it gives "positive = better".
pub(crate) fn better_sign(direction: Direction) -> Option<f64> {
    match direction {
        Direction::Higher => Some(1.0),
        Direction::Lower => Some(-1.0),
        Direction::None => None,
    }
}

/// How much better `value` is than `target` (negative: worse), in the indicator's unit.
pub(crate) fn margin(value: f64, target: f64, direction: Direction) -> Option<f64> {
    better_sign(direction).map(|s| tidy((value - target) * s))
}

/// Whether `value` reaches `target`; a value equal to the target reaches it.
pub(crate) fn reaches(value: f64, target: f64, direction: Direction) -> Option<bool> {
    let tolerance = 1e-9 * target.abs().max(1.0);
    better_sign(direction).map(|s| (value - target) * s >= -tolerance)
}

/// Removes binary floating-point noise from a derived figure (`22.8 - 21` = `1.8`, not
/// `1.8000000000000007`), so JSON output and messages show what a person would write.
pub(crate) fn tidy(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_better_flips_the_sign() {
        assert_eq!(margin(22.8, 21.0, Direction::Lower), Some(-1.8));
        assert_eq!(margin(8.7, 9.2, Direction::Lower), Some(0.5));
        assert_eq!(margin(94.0, 95.0, Direction::Higher), Some(-1.0));
        assert_eq!(margin(1.0, 2.0, Direction::None), None);
        assert_eq!(reaches(6.0, 6.0, Direction::Higher), Some(true));
        assert_eq!(reaches(6.0, 6.0, Direction::Lower), Some(true));
        assert_eq!(reaches(15.6, 17.0, Direction::Lower), Some(true));
        assert_eq!(reaches(94.0, 95.0, Direction::Higher), Some(false));
        assert_eq!(reaches(0.1 + 0.2, 0.3, Direction::Lower), Some(true));
    }
}
