//! Points (rational and algebraic), their exact order, and intervals: display in domain
//! syntax, domain parsing and its errors, membership, samples and intersections.

use std::cmp::Ordering;

use mechcert_num::{Bound, Interval, Point, Poly, Rat, simplest_between};
use proptest::prelude::*;

fn r(s: &str) -> Rat {
    s.parse().unwrap()
}

fn p(s: &str) -> Poly {
    Poly::parse(s, "k").unwrap()
}

/// `root(poly, lo, hi)`: the algebraic point, normalised.
fn root(poly: &str, lo: &str, hi: &str) -> Point {
    Point::algebraic(&p(poly), &r(lo), &r(hi)).unwrap()
}

/// Parse the domain (with parameter `k`), expect `Ok(canonical display)` or
/// `Err(substring of the one-line message)`.
fn check(input: &str, expect: Result<&str, &str>) {
    match (Interval::parse_domain(input, "k"), expect) {
        (Ok(i), Ok(e)) => {
            assert_eq!(i.to_string(), e, "input {input:?}");
            // The display parses back to the same interval.
            assert_eq!(Interval::parse_domain(&i.to_string(), "k").unwrap(), i);
        }
        (Err(err), Err(e)) => {
            let msg = err.to_string();
            assert!(
                msg.contains(e),
                "input {input:?}: message {msg:?} lacks {e:?}"
            );
            assert!(!msg.contains('\n'));
        }
        (got, e) => panic!("input {input:?}: got {got:?}, expected {e:?}"),
    }
}

#[test]
fn domain_parsing() {
    check("k > 1", Ok("k > 1"));
    check("1 < k < 10", Ok("1 < k < 10"));
    check("k >= 2", Ok("k >= 2"));
    check("k <= 3", Ok("k <= 3"));
    check("0 < k <= 5", Ok("0 < k <= 5"));
    check("2 > k", Ok("k < 2"));
    check("2 >= k", Ok("k <= 2"));
    check("1 <= k < 10", Ok("1 <= k < 10"));
    check("10 > k >= 1", Ok("1 <= k < 10"));
    check("k = 3", Ok("k = 3"));
    check("k == 5/2", Ok("k = 5/2"));
    check("3 = k", Ok("k = 3"));
    check("1/2 < k", Ok("k > 1/2"));
    check("-3/4 <= k", Ok("k >= -3/4"));
    check("k≥2", Ok("k >= 2"));
    check("2 <= k <= 2", Ok("k = 2"));
    check("all k", Ok("all k"));
    check("  k>1  ", Ok("k > 1"));
    check("6/4 < k", Ok("k > 3/2"));
}

#[test]
fn domain_errors() {
    check("", Err("empty domain"));
    check("k > 0.5", Err("write the fraction 1/2"));
    check("3 < k < 1", Err("the domain `3 < k < 1` is empty"));
    check("2 < k < 2", Err("is empty"));
    check("x > 1", Err("unknown parameter `x`: the parameter is `k`"));
    check("k", Err("has no comparison"));
    check("k >", Err("`>` has nothing on one side"));
    check("< 3", Err("`<` has nothing on one side"));
    check("1 < k > 2", Err("a chain must go one way"));
    check("1 < k = 2", Err("a chain must go one way"));
    check("1 < 2 < k", Err("goes in the middle"));
    check("1 < 2", Err("does not mention `k`"));
    check("k < k", Err("on both sides"));
    check("1 < k < 2 < 3", Err("too many comparisons"));
    check("k > 1/0", Err("denominator is zero"));
    check("k > 1+2", Err("`1+2` is not a bound"));
    check("k > one", Err("unknown parameter `one`"));
}

#[test]
fn other_parameter_names() {
    let i = Interval::parse_domain("1 < t <= 2", "t").unwrap();
    assert_eq!(i.display_with("t"), "1 < t <= 2");
    assert_eq!(i.to_string(), "1 < k <= 2");
    assert_eq!(Interval::all().display_with("t"), "all t");
    assert!(Interval::parse_domain("1 < k", "t").is_err());
}

#[test]
fn point_order_and_display() {
    let sqrt2 = root("k^2 - 2", "1", "2");
    assert_eq!(sqrt2.to_string(), "root of -2 + k^2 in (1, 2)");
    assert_eq!(sqrt2.display_with("t"), "root of -2 + t^2 in (1, 2)");
    assert_eq!(Point::Rational(r("-3/4")).to_string(), "-3/4");
    // Against rationals: 1.414 < sqrt 2 < 1.415.
    assert_eq!(sqrt2.cmp_rat(&r("1414/1000")), Ordering::Greater);
    assert_eq!(sqrt2.cmp_rat(&r("1415/1000")), Ordering::Less);
    assert_eq!(sqrt2.cmp_rat(&r("1")), Ordering::Greater);
    assert!(Point::Rational(r("3/2")) > sqrt2);
    // The same number from different polynomials and intervals is equal.
    let other = root("k^4 - 4", "0", "3/2");
    let third = root("(k^2 - 2)(k^2 - 3)", "13/10", "3/2");
    assert_eq!(sqrt2, other);
    assert_eq!(sqrt2, third);
    assert_eq!(sqrt2.cmp(&other), Ordering::Equal);
    // Close but different: sqrt 2 < 99/70 ... and sqrt 2 vs the root of k^2 - 2 - 1/10^12.
    let near = root("k^2 - 2 - 1/1000000000000", "1", "2");
    assert!(sqrt2 < near);
    assert!(near > sqrt2);
    assert!(root("k^2 - 3", "1", "2") > sqrt2);
    assert!(root("k^3 - 3", "1", "2") > root("k^2 - 2", "1", "2")); // 1.442 > 1.414
    let neg = root("k^2 - 2", "-2", "-1");
    assert!(neg < Point::Rational(Rat::ZERO) && neg < sqrt2);
}

#[test]
fn intervals() {
    let d = |s: &str| Interval::parse_domain(s, "k").unwrap();
    assert!(d("1 < k < 2").contains(&r("3/2")));
    assert!(!d("1 < k < 2").contains(&r("2")));
    assert!(d("1 < k <= 2").contains(&r("2")));
    assert!(!d("1 < k <= 2").contains(&r("1")));
    assert!(d("all k").contains(&r("-1000")));
    assert!(d("k = 5/2").is_point());
    assert!(!d("k > 1").is_point());
    assert!(Interval::point(r("7")).contains(&r("7")));
    // Samples: simple rationals in the interior.
    let sample = |s: &str| d(s).sample().unwrap().to_string();
    assert_eq!(sample("1 < k < 10"), "2");
    assert_eq!(sample("1 < k < 2"), "3/2");
    assert_eq!(sample("1/3 < k < 1/2"), "2/5");
    assert_eq!(sample("k > 1"), "2");
    assert_eq!(sample("k > -5"), "0");
    assert_eq!(sample("k < -5/2"), "-3");
    assert_eq!(sample("all k"), "0");
    assert_eq!(sample("k = 5/2"), "5/2");
    assert_eq!(sample("-2 <= k <= -1"), "-3/2");
    // With an algebraic end.
    let sqrt2 = root("k^2 - 2", "1", "2");
    let i = Interval::new(
        Bound::Open(Point::Rational(r("7/5"))),
        Bound::Open(sqrt2.clone()),
    )
    .unwrap();
    let x = i.sample().unwrap();
    assert!(
        r("7/5") < x && sqrt2.cmp_rat(&x) == Ordering::Greater,
        "{x}"
    );
    assert_eq!(i.to_string(), "7/5 < k < root of -2 + k^2 in (1, 2)");
    assert!(
        Interval::new(
            Bound::Open(sqrt2.clone()),
            Bound::Open(Point::Rational(r("7/5")))
        )
        .is_none()
    );
    assert!(Interval::new(Bound::Closed(sqrt2.clone()), Bound::Open(sqrt2.clone())).is_none());
    assert_eq!(
        Interval::at(sqrt2.clone()).to_string(),
        "k = root of -2 + k^2 in (1, 2)"
    );
    // Intersections.
    let meet = |a: &str, b: &str| d(a).intersect(&d(b)).map(|i| i.to_string());
    assert_eq!(meet("k > 1", "k <= 3"), Some("1 < k <= 3".into()));
    assert_eq!(meet("k >= 1", "k <= 1"), Some("k = 1".into()));
    assert_eq!(meet("k > 1", "k <= 1"), None);
    assert_eq!(meet("0 < k < 5", "all k"), Some("0 < k < 5".into()));
    assert_eq!(meet("1 <= k < 5", "1 < k <= 7"), Some("1 < k < 5".into()));
}

#[test]
fn simplest_rationals() {
    let check_between = |a: &str, b: &str, want: &str| {
        assert_eq!(
            simplest_between(&r(a), &r(b)).to_string(),
            want,
            "({a}, {b})"
        );
    };
    check_between("1", "10", "2");
    check_between("0", "1", "1/2");
    check_between("0", "1/2", "1/3");
    check_between("3/7", "1/2", "4/9");
    check_between("-1", "1", "0");
    check_between("-10", "-1", "-2");
    check_between("1414/1000", "1415/1000", "58/41");
}

fn rat() -> impl Strategy<Value = Rat> {
    (-40i64..40, 1i64..12).prop_map(|(n, d)| Rat::new(n, d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn simplest_between_is_inside_and_minimal(a in rat(), b in rat()) {
        prop_assume!(a < b);
        let x = simplest_between(&a, &b);
        prop_assert!(a < x && x < b);
        // No fraction with a smaller denominator lies strictly inside.
        let d = x.denom_u64().unwrap() as i64;
        for q in 1..d {
            let lo = (&a * &Rat::int(q)).floor();
            let cand = &(&lo + &Rat::ONE) / &Rat::int(q);
            prop_assert!(cand >= b, "{} in ({}, {})", cand, a, b);
        }
    }

    #[test]
    fn algebraic_order_matches_squares(a in 1i64..50, b in 1i64..50) {
        // sqrt a vs sqrt b, compared as algebraic points, matches a vs b; also vs rationals.
        let sa = Point::algebraic(&Poly::from_ints(&[-a, 0, 1]), &Rat::ZERO, &Rat::int(50)).unwrap();
        let sb = Point::algebraic(&Poly::from_ints(&[-b, 0, 1]), &Rat::ZERO, &Rat::int(50)).unwrap();
        prop_assert_eq!(sa.cmp(&sb), a.cmp(&b));
        let x = Rat::new(a, 7);
        // sqrt a vs a/7 <=> a vs a^2/49 <=> 49 vs a.
        prop_assert_eq!(sa.cmp_rat(&x), 49i64.cmp(&a));
    }

    #[test]
    fn display_parses_back(a in rat(), b in rat(), ca in any::<bool>(), cb in any::<bool>(), kind in 0u8..4) {
        let bound = |x: &Rat, closed: bool| if closed { Bound::Closed(x.clone().into()) } else { Bound::Open(x.clone().into()) };
        let (lo, hi) = match kind {
            0 => (Bound::Unbounded, bound(&b, cb)),
            1 => (bound(&a, ca), Bound::Unbounded),
            _ => (bound(&a, ca), bound(&b, cb)),
        };
        if let Some(i) = Interval::new(lo, hi) {
            let back = Interval::parse_domain(&i.to_string(), "k").unwrap();
            prop_assert_eq!(&back, &i);
            let x = i.sample().unwrap();
            prop_assert!(i.contains(&x));
        }
    }
}
