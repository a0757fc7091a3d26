//! `Poly` as a `Scalar`: generic code run on `Poly` inside a cell agrees with the same code
//! run on `Rat` at parameter values of the cell; failure sets are exact, also on point cells
//! (rational and algebraic).

use mechcert_num::{FailSet, Interval, Point, Poly, Rat, Region, Scalar};
use proptest::prelude::*;

fn p(s: &str) -> Poly {
    Poly::parse(s, "k").unwrap()
}

fn dom(s: &str) -> Interval {
    Interval::parse_domain(s, "k").unwrap()
}

/// A generic computation like the verifier's: a weighted sum of value differences.
fn weighted_gap<S: Scalar>(b: &[S], s: &[S], w: &[Rat]) -> S {
    let mut acc = S::zero();
    for ((bi, si), wi) in b.iter().zip(s).zip(w) {
        let gap = bi.clone() - si.clone();
        acc.add_scaled(&gap, wi);
    }
    acc
}

/// `(slack, cell)` -> `where_negative` / `where_nonzero` printed (`-` for `None`).
fn check(input: (&str, &str), expect: (&str, &str)) {
    let (slack, cell) = (p(input.0), dom(input.1));
    let show = |r: Option<Region>| r.map_or("-".to_string(), |r| r.to_string());
    let got = (
        show(Scalar::where_negative(&slack, &cell)),
        show(Scalar::where_nonzero(&slack, &cell)),
    );
    assert_eq!((got.0.as_str(), got.1.as_str()), expect, "{input:?}");
}

#[test]
fn failure_sets_on_cells() {
    check(
        ("19/27 - 4/27*k", "k > 1"),
        ("k > 19/4", "1 < k < 19/4 or k > 19/4"),
    );
    check(("19/27 - 4/27*k", "1 < k < 4"), ("-", "1 < k < 4"));
    check(("19/27 - 4/27*k", "k = 19/4"), ("-", "-"));
    check(("19/27 - 4/27*k", "k = 5"), ("k = 5", "k = 5"));
    check(("0", "k > 1"), ("-", "-"));
    check(("-1/2", "k > 1"), ("k > 1", "k > 1"));
    check(("(k - 2)^2", "all k"), ("-", "k < 2 or k > 2"));
    check(
        ("(k - 1)(k - 3)", "0 <= k <= 4"),
        ("1 < k < 3", "0 <= k < 1 or 1 < k < 3 or 3 < k <= 4"),
    );
    check(
        ("k^2 - 2", "k >= 0"),
        (
            "0 <= k < root of -2 + k^2 in (1, 2)",
            "0 <= k < root of -2 + k^2 in (1, 2) or k > root of -2 + k^2 in (1, 2)",
        ),
    );
}

#[test]
fn algebraic_point_cells() {
    let sqrt2 = Point::algebraic(&p("k^2 - 2"), &Rat::ONE, &Rat::int(2)).unwrap();
    let cell = Interval::at(sqrt2);
    assert_eq!(Scalar::where_negative(&p("k^2 - 2"), &cell), None);
    assert_eq!(Scalar::where_nonzero(&p("k^2 - 2"), &cell), None);
    assert_eq!(
        Scalar::where_negative(&p("k - 3/2"), &cell),
        Some(Region::from_interval(cell.clone()))
    );
    assert_eq!(Scalar::where_negative(&p("k - 7/5"), &cell), None);
    assert_eq!(
        Scalar::where_negative(&p("k - 3/2"), &cell)
            .unwrap()
            .to_string(),
        "k = root of -2 + k^2 in (1, 2)"
    );
}

#[test]
fn scalar_basics() {
    let x = p("8k + 1");
    assert_eq!(Scalar::at(&x, &Rat::int(2)), Rat::int(17));
    assert_eq!(Scalar::as_constant(&x), None);
    assert_eq!(Scalar::as_constant(&p("7")), Some(Rat::int(7)));
    assert!(Scalar::is_zero(&<Poly as Scalar>::zero()));
    assert_eq!(
        <Poly as Scalar>::from_rat(Rat::new(1, 2)).to_string(),
        "1/2"
    );
    assert_eq!(Scalar::scale(&x, &Rat::new(1, 2)).to_string(), "1/2 + 4*k");
    assert_eq!(Scalar::display_with(&x, "t"), "1 + 8*t");
    let mut acc = p("k");
    acc.add_scaled(&x, &Rat::int(-2));
    assert_eq!(acc.to_string(), "-2 - 15*k");
    let mut w = Region::empty();
    FailSet::union_with(&mut w, &Region::from_interval(dom("k > 2")));
    assert_eq!(w.to_string(), "k > 2");
}

#[test]
fn example_2_generic() {
    let b: Vec<Poly> = ["7k", "8k + 1", "9k + 1"].iter().map(|s| p(s)).collect();
    let s: Vec<Poly> = ["3k", "8k", "9k"].iter().map(|s| p(s)).collect();
    let w = [Rat::new(-1, 27), Rat::new(19, 27), Rat::ZERO];
    let gap = weighted_gap(&b, &s, &w);
    assert_eq!(gap.to_string(), "19/27 - 4/27*k");
    assert_eq!(
        Scalar::where_negative(&gap, &dom("k > 1"))
            .unwrap()
            .to_string(),
        "k > 19/4"
    );
}

fn small_poly() -> impl Strategy<Value = Poly> {
    prop::collection::vec(-6i64..7, 1..4).prop_map(|c| Poly::from_ints(&c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generic_code_commutes_with_evaluation(
        b in prop::collection::vec(small_poly(), 3),
        s in prop::collection::vec(small_poly(), 3),
        w in prop::collection::vec((-5i64..6, 1i64..5), 3),
        k in (-20i64..20, 1i64..4),
    ) {
        let w: Vec<Rat> = w.into_iter().map(|(n, d)| Rat::new(n, d)).collect();
        let k = Rat::new(k.0, k.1);
        let gp = weighted_gap(&b, &s, &w);
        let br: Vec<Rat> = b.iter().map(|x| x.eval(&k)).collect();
        let sr: Vec<Rat> = s.iter().map(|x| x.eval(&k)).collect();
        let gr = weighted_gap(&br, &sr, &w);
        prop_assert_eq!(Scalar::at(&gp, &k), gr.clone());
        // The failure set contains k exactly when the concrete value is negative.
        let cell = Interval::all();
        let neg = Scalar::where_negative(&gp, &cell);
        prop_assert_eq!(neg.as_ref().is_some_and(|r| r.contains(&k)), gr.is_negative());
        let nz = Scalar::where_nonzero(&gp, &cell);
        prop_assert_eq!(nz.as_ref().is_some_and(|r| r.contains(&k)), !gr.is_zero());
        // And on the point cell {k}.
        let pc = Interval::point(k.clone());
        prop_assert_eq!(Scalar::where_negative(&gp, &pc).is_some(), gr.is_negative());
    }
}
