//! Regions (finite unions of intervals): canonical form (sorted, disjoint, touching pieces
//! merged), union / intersection / complement, membership and display; properties against
//! membership of the original intervals at many rational points.

use mechcert_num::{Bound, FailSet, Interval, Point, Poly, Rat, Region};
use proptest::prelude::*;

fn d(s: &str) -> Interval {
    Interval::parse_domain(s, "k").unwrap()
}

fn region(pieces: &[&str]) -> Region {
    Region::from_intervals(pieces.iter().map(|s| d(s)))
}

/// `(operation, a, b)` on regions given as lists of domains -> printed region.
fn check(input: (&str, &[&str], &[&str]), expect: &str) {
    let (op, a, b) = input;
    let (ra, rb) = (region(a), region(b));
    let got = match op {
        "union" => ra.union(&rb),
        "intersect" => ra.intersect(&rb),
        "complement_in" => ra.complement_in(&d(b[0])),
        _ => panic!("unknown op {op}"),
    };
    assert!(got.is_canonical(), "{input:?}: {got:?}");
    assert_eq!(got.to_string(), expect, "{input:?}");
}

#[test]
fn unions_merge_touching_pieces() {
    check(("union", &["1 < k <= 2"], &["2 < k < 3"]), "1 < k < 3");
    check(("union", &["1 < k < 2"], &["2 <= k < 3"]), "1 < k < 3");
    check(
        ("union", &["1 < k < 2"], &["2 < k < 3"]),
        "1 < k < 2 or 2 < k < 3",
    );
    check(("union", &["1 < k < 2"], &["k = 2"]), "1 < k <= 2");
    check(
        ("union", &["1 < k < 2", "2 < k < 3"], &["k = 2"]),
        "1 < k < 3",
    );
    check(("union", &["k = 3"], &["1 < k < 2"]), "1 < k < 2 or k = 3");
    check(("union", &["k > 5"], &["k < 0"]), "k < 0 or k > 5");
    check(("union", &["k > 5"], &["k <= 5"]), "all k");
    check(("union", &["0 < k < 10"], &["2 < k < 3"]), "0 < k < 10");
    check(
        ("union", &["0 < k < 3", "5 < k < 7"], &["2 < k < 6"]),
        "0 < k < 7",
    );
    check(("union", &[], &[]), "no k");
    check(("union", &[], &["k >= 1/2"]), "k >= 1/2");
    check(("union", &["k = 1", "k = 1"], &["k = 1"]), "k = 1");
}

#[test]
fn intersections_and_complements() {
    check(
        ("intersect", &["0 < k < 3", "5 < k < 7"], &["2 < k < 6"]),
        "2 < k < 3 or 5 < k < 6",
    );
    check(("intersect", &["k < 1"], &["k > 1"]), "no k");
    check(("intersect", &["k <= 1"], &["k >= 1"]), "k = 1");
    check(
        ("complement_in", &["1 < k < 2"], &["all k"]),
        "k <= 1 or k >= 2",
    );
    check(
        ("complement_in", &["k = 3"], &["k > 1"]),
        "1 < k < 3 or k > 3",
    );
    check(
        ("complement_in", &["k > 19/4"], &["k > 1"]),
        "1 < k <= 19/4",
    );
    check(("complement_in", &[], &["0 <= k <= 1"]), "0 <= k <= 1");
    check(("complement_in", &["all k"], &["0 <= k <= 1"]), "no k");
    check(
        ("complement_in", &["0 <= k < 1/2"], &["0 <= k <= 1"]),
        "1/2 <= k <= 1",
    );
    check(
        ("complement_in", &["k < 0", "k > 1"], &["all k"]),
        "0 <= k <= 1",
    );
}

#[test]
fn membership_display_and_failset() {
    let r = region(&["1 < k < 2", "k = 3"]);
    assert_eq!(r.to_string(), "1 < k < 2 or k = 3");
    assert_eq!(r.display_with("t"), "1 < t < 2 or t = 3");
    assert_eq!(FailSet::display_with(&r, "t"), "1 < t < 2 or t = 3");
    assert!(r.contains(&Rat::new(3, 2)) && r.contains(&Rat::int(3)));
    assert!(!r.contains(&Rat::int(2)) && !r.contains(&Rat::new(5, 2)));
    let mut acc = Region::empty();
    assert!(acc.is_empty());
    FailSet::union_with(&mut acc, &r);
    FailSet::union_with(&mut acc, &region(&["2 <= k < 3"]));
    assert_eq!(acc.to_string(), "1 < k <= 3");
    // Algebraic ends: (1, sqrt 2] and (sqrt 2, 2) merge.
    let sqrt2 = Point::algebraic(&Poly::from_ints(&[-2, 0, 1]), &Rat::ONE, &Rat::int(2)).unwrap();
    let a = Interval::new(Bound::Open(Rat::ONE.into()), Bound::Closed(sqrt2.clone())).unwrap();
    let other = Point::algebraic(
        &Poly::from_ints(&[-4, 0, 0, 0, 1]),
        &Rat::ZERO,
        &Rat::new(3, 2),
    )
    .unwrap();
    let b = Interval::new(Bound::Open(other), Bound::Open(Rat::int(2).into())).unwrap();
    assert_eq!(Region::from_intervals([a, b]).to_string(), "1 < k < 2");
}

fn bound() -> impl Strategy<Value = Bound> {
    prop_oneof![
        1 => Just(Bound::Unbounded),
        3 => (-8i64..8, 1i64..3).prop_map(|(n, d)| Bound::Open(Point::Rational(Rat::new(n, d)))),
        3 => (-8i64..8, 1i64..3).prop_map(|(n, d)| Bound::Closed(Point::Rational(Rat::new(n, d)))),
    ]
}

fn intervals() -> impl Strategy<Value = Vec<Interval>> {
    prop::collection::vec(
        (bound(), bound()).prop_filter_map("non-empty", |(a, b)| Interval::new(a, b)),
        0..5,
    )
}

/// Rational test points: every quarter in [-9, 9] (all ends are halves in -8..8).
fn probes() -> Vec<Rat> {
    (-36..=36).map(|n| Rat::new(n, 4)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn union_is_the_set_union_and_canonical(a in intervals(), b in intervals(), c in intervals()) {
        let (ra, rb, rc) = (
            Region::from_intervals(a.clone()),
            Region::from_intervals(b.clone()),
            Region::from_intervals(c.clone()),
        );
        for r in [&ra, &rb, &rc] {
            prop_assert!(r.is_canonical());
        }
        // Commutative and associative, as values (canonical form makes this equality).
        prop_assert_eq!(ra.union(&rb), rb.union(&ra));
        prop_assert_eq!(ra.union(&rb).union(&rc), ra.union(&rb.union(&rc)));
        prop_assert_eq!(ra.union(&ra), ra.clone());
        let u = ra.union(&rb);
        prop_assert!(u.is_canonical());
        // Membership agrees with the original intervals.
        for x in probes() {
            let want = a.iter().chain(&b).any(|i| i.contains(&x));
            prop_assert_eq!(u.contains(&x), want, "{} in {}", x, u);
        }
        // Intersection and complement, pointwise.
        let n = ra.intersect(&rb);
        prop_assert!(n.is_canonical());
        let comp = ra.complement_in(&Interval::all());
        prop_assert!(comp.is_canonical());
        prop_assert_eq!(comp.union(&ra), if ra.is_empty() && comp.is_empty() { Region::empty() } else { Region::all() });
        for x in probes() {
            prop_assert_eq!(n.contains(&x), ra.contains(&x) && rb.contains(&x));
            prop_assert_eq!(comp.contains(&x), !ra.contains(&x));
        }
    }

    #[test]
    fn where_negative_unions_like_sets(c1 in prop::collection::vec(-5i64..6, 1..5), c2 in prop::collection::vec(-5i64..6, 1..5)) {
        let (p, q) = (Poly::from_ints(&c1), Poly::from_ints(&c2));
        let dom = Interval::all();
        let mut w = p.where_negative(&dom).unwrap_or_default();
        w.union_with(&q.where_negative(&dom).unwrap_or_default());
        prop_assert!(w.is_canonical());
        for x in probes() {
            let want = p.eval(&x).is_negative() || q.eval(&x).is_negative();
            prop_assert_eq!(w.contains(&x), want);
        }
    }
}
