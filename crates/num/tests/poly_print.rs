//! Canonical printing of polynomials: ascending degree, `k` omitted coefficient 1/-1,
//! ` + ` / ` - ` separators, `0` for zero; `display_with` for other parameter names.

use mechcert_num::{Poly, Rat};

fn r(s: &str) -> Rat {
    s.parse().unwrap()
}

/// Coefficients (ascending, as strings) -> expected printing with `k`.
fn check(coeffs: &[&str], expect: &str) {
    let p = Poly::from_coeffs(coeffs.iter().map(|c| r(c)).collect());
    assert_eq!(p.to_string(), expect, "coefficients {coeffs:?}");
}

#[test]
fn printing_table() {
    check(&[], "0");
    check(&["0", "0"], "0");
    check(&["19/27", "-4/27"], "19/27 - 4/27*k");
    check(&["-3", "0", "1"], "-3 + k^2");
    check(&["1", "8"], "1 + 8*k");
    check(&["0", "-1"], "-k");
    check(&["0", "1"], "k");
    check(&["0", "0", "0", "1/2"], "1/2*k^3");
    check(&["7"], "7");
    check(&["-7/2"], "-7/2");
    check(&["0", "7"], "7*k");
    check(&["2", "-1"], "2 - k");
    check(&["-1", "0", "-1"], "-1 - k^2");
    check(&["0", "1", "-3/4"], "k - 3/4*k^2");
    check(&["1", "1", "1", "1"], "1 + k + k^2 + k^3");
    check(
        &["-5", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-1"],
        "-5 - k^11",
    );
    check(&["0", "0", "0"], "0");
}

#[test]
fn other_parameter_names() {
    let p = Poly::from_ints(&[-3, 0, 1]);
    assert_eq!(p.display_with("t"), "-3 + t^2");
    assert_eq!(p.display_with("alpha"), "-3 + alpha^2");
    assert_eq!(Poly::zero().display_with("t"), "0");
    assert_eq!(format!("{p:?}"), "Poly(-3 + k^2)");
}

#[test]
fn coefficients_are_trimmed() {
    let p = Poly::from_coeffs(vec![r("1"), r("2"), Rat::ZERO, Rat::ZERO]);
    assert_eq!(p.coeffs().len(), 2);
    assert_eq!(p.degree(), Some(1));
    assert_eq!(Poly::from_coeffs(vec![Rat::ZERO]).degree(), None);
    assert!(Poly::from_coeffs(vec![Rat::ZERO]).coeffs().is_empty());
}
