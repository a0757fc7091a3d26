//! Decimal approximations of exact fractions, for reading only: `round(r · 10^p) / 10^p`
//! computed by exact integer arithmetic (the rounding is `floor(|r| · 10^p + 1/2)`, long
//! division of the numerator by the denominator), never by floats. Shown beside the exact
//! value and marked as approximate.

use mechcert_num::Rat;

/// `r` rounded to `places` decimal places (half away from zero), as text: `-0.148148`.
pub fn approx(r: &Rat, places: u32) -> String {
    let scale = Rat::int(10).pow(u64::from(places));
    // |r| * 10^p + 1/2, floored: an integer, so its numerator is its decimal digits
    let scaled = (&(r.abs() * scale) + &Rat::new(1, 2)).floor();
    let digits = scaled.numer_string();
    let places = places as usize;
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (int, frac) = padded.split_at(padded.len() - places);
    let sign = if r.is_negative() && !scaled.is_zero() {
        "-"
    } else {
        ""
    };
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Whether `r` is exactly a decimal with at most `places` places (then no approximation is
/// needed).
pub fn is_exact(r: &Rat, places: u32) -> bool {
    (r * &Rat::int(10).pow(u64::from(places))).is_integer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_exactly() {
        // 4/27 = 0.148148148...: six places 0.148148 (the seventh digit 1 rounds down)
        assert_eq!(approx(&Rat::new(4, 27), 6), "0.148148");
        // 2/3 = 0.666666...6|6...: rounds up to 0.666667
        assert_eq!(approx(&Rat::new(2, 3), 6), "0.666667");
        // -1/27 = -0.037037037...
        assert_eq!(approx(&Rat::new(-1, 27), 6), "-0.037037");
        // 9/64 = 0.140625 exactly
        assert_eq!(approx(&Rat::new(9, 64), 6), "0.140625");
        assert!(is_exact(&Rat::new(9, 64), 6));
        assert!(!is_exact(&Rat::new(1, 3), 6));
        // 1/2 at 0 places rounds half away from zero: 1; -1/2: -1
        assert_eq!(approx(&Rat::new(1, 2), 0), "1");
        assert_eq!(approx(&Rat::new(-1, 2), 0), "-1");
        // a tiny negative number rounds to 0 without a sign
        assert_eq!(approx(&Rat::new(-1, 10_000_000), 6), "0.000000");
        // 447811/3125000 = 0.14329952: 0.143300 (README's table)
        assert_eq!(approx(&Rat::new(447_811, 3_125_000), 6), "0.143300");
        // a big numerator: (10^30 + 1) / 3 = 333...333.666...
        let big: Rat = "1000000000000000000000000000001/3".parse().unwrap();
        assert_eq!(approx(&big, 2), "333333333333333333333333333333.67");
    }
}
