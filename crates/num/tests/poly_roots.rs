//! Sturm-based root counting, root isolation and sign decisions, against polynomials with
//! known roots (simple, multiple, at interval ends, irrational, high degree, zero, constant,
//! infinite ends), and cross-checked in property tests by a second method: Vincent–Collins–
//! Akritas (Descartes' rule of signs after mapping (lo, hi) to (0, inf)) for counts, and the
//! rational root theorem by brute force for which roots are rational.

use std::cmp::Ordering;

use mechcert_num::{Bound, Interval, Point, Poly, Rat, Region};
use proptest::prelude::*;

fn p(s: &str) -> Poly {
    Poly::parse(s, "k").unwrap()
}

fn dom(s: &str) -> Interval {
    Interval::parse_domain(s, "k").unwrap()
}

fn r(s: &str) -> Rat {
    s.parse().unwrap()
}

fn sign_char(s: Ordering) -> &'static str {
    match s {
        Ordering::Less => "-",
        Ordering::Equal => "0",
        Ordering::Greater => "+",
    }
}

/// `(operation, polynomial, domain)` -> printed answer:
/// - `sign_on`: pieces `interval: sign` joined by ` | `;
/// - `roots`: the roots in the domain joined by `, `;
/// - `count`: the number of distinct roots in the domain.
fn check(input: (&str, &str, &str), expect: &str) {
    let (op, poly, domain) = input;
    let (q, d) = (p(poly), dom(domain));
    let got = match op {
        "sign_on" => q
            .sign_on(&d)
            .iter()
            .map(|(i, s)| format!("{i}: {}", sign_char(*s)))
            .collect::<Vec<_>>()
            .join(" | "),
        "roots" => q
            .roots_in(&d)
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        "count" => q.count_roots_in(&d).to_string(),
        _ => panic!("unknown op {op}"),
    };
    assert_eq!(got, expect, "{input:?}");
}

#[test]
fn simple_and_multiple_roots() {
    check(
        ("sign_on", "k - 1", "all k"),
        "k < 1: - | k = 1: 0 | k > 1: +",
    );
    check(
        ("sign_on", "(k-1)^3 (k-2)", "all k"),
        "k < 1: + | k = 1: 0 | 1 < k < 2: - | k = 2: 0 | k > 2: +",
    );
    check(
        ("sign_on", "(k-1)^2", "all k"),
        "k < 1: + | k = 1: 0 | k > 1: +",
    );
    check(("roots", "(k-1)^3 (k-2)", "all k"), "1, 2");
    check(("count", "(k-1)^3 (k-2)", "all k"), "2");
    check(("count", "(k-1)^3 (k-2)^2 (k+1/2)^4", "all k"), "3");
    check(("roots", "(2k - 1)(3k + 2)(k^2 + 1)", "all k"), "-2/3, 1/2");
}

#[test]
fn roots_at_interval_ends() {
    check(("sign_on", "(k-1)(k-2)", "1 < k < 2"), "1 < k < 2: -");
    check(
        ("sign_on", "(k-1)(k-2)", "1 <= k <= 2"),
        "k = 1: 0 | 1 < k < 2: - | k = 2: 0",
    );
    check(
        ("sign_on", "(k-1)(k-2)", "1 <= k < 2"),
        "k = 1: 0 | 1 < k < 2: -",
    );
    check(("sign_on", "(k-1)(k-2)", "k >= 2"), "k = 2: 0 | k > 2: +");
    check(("sign_on", "(k-1)(k-2)", "k > 2"), "k > 2: +");
    check(("count", "(k-1)(k-2)", "1 < k < 2"), "0");
    check(("count", "(k-1)(k-2)", "1 <= k < 2"), "1");
    check(("count", "(k-1)(k-2)", "1 <= k <= 2"), "2");
    check(("count", "(k-1)(k-2)", "k = 2"), "1");
    check(("count", "(k-1)(k-2)", "k = 3/2"), "0");
    check(("sign_on", "(k-1)(k-2)", "k = 3/2"), "k = 3/2: -");
    check(("sign_on", "(k-1)(k-2)", "k = 2"), "k = 2: 0");
}

#[test]
fn irrational_roots() {
    check(
        ("roots", "k^2 - 2", "all k"),
        "root of -2 + k^2 in (-2, -1), root of -2 + k^2 in (1, 2)",
    );
    check(
        ("sign_on", "k^2 - 2", "k > 0"),
        "0 < k < root of -2 + k^2 in (1, 2): - | k = root of -2 + k^2 in (1, 2): 0 | k > root of -2 + k^2 in (1, 2): +",
    );
    check(("count", "k^2 - 2", "1 < k < 2"), "1");
    check(("count", "k^2 - 2", "3/2 < k < 2"), "0");
    check(("count", "k^2 - 2", "141/100 < k < 142/100"), "1");
    // Rational roots are divided out of the algebraic points' polynomial.
    // Isolation in (0, 8): 1 is hit by bisection, then (1, 2) is shrunk to (5/4, 3/2) so
    // that its ends are not roots.
    check(
        ("roots", "(k-1)(k^2-2)", "k > 0"),
        "1, root of -2 + k^2 in (5/4, 3/2)",
    );
    // Non-monic: a rational root with denominator 3 next to an irrational one. The
    // primitive polynomial 6k^3 - 2k^2 - 3k + 1 has leading coefficient 6, so isolating
    // intervals are refined to width <= 1/6: (1/2, 1) -> (1/2, 3/4) -> (5/8, 3/4).
    check(
        ("roots", "(3k - 1)(2k^2 - 1)", "k > 0"),
        "1/3, root of -1 + 2*k^2 in (5/8, 3/4)",
    );
    // A rational root that never lands on a bisection point is still found exactly: 3/7
    // is isolated in (3/8, 1/2), where 3/7 is the only fraction with denominator 7.
    check(
        ("roots", "(7k - 3)(k^2 - 3)", "k > 0"),
        "3/7, root of -3 + k^2 in (13/8, 7/4)",
    );
}

#[test]
fn zero_constants_and_infinite_ends() {
    check(("sign_on", "0", "1 < k < 2"), "1 < k < 2: 0");
    check(("sign_on", "k - k", "all k"), "all k: 0");
    check(("sign_on", "-3", "k > 1"), "k > 1: -");
    check(("sign_on", "5/2", "all k"), "all k: +");
    check(("sign_on", "k^2 + 1", "all k"), "all k: +");
    check(
        ("sign_on", "-k^3", "all k"),
        "k < 0: + | k = 0: 0 | k > 0: -",
    );
    check(("sign_on", "k - 100", "k < 5"), "k < 5: -");
    check(("count", "k^2 + 1", "all k"), "0");
}

#[test]
fn example_2_surplus_is_negative_beyond_19_over_4() {
    let s = p("19/27 - 4/27*k");
    let w = s.where_negative(&dom("k > 1")).unwrap();
    assert_eq!(w.to_string(), "k > 19/4");
    assert_eq!(
        s.where_nonzero(&dom("k > 1")).unwrap().to_string(),
        "1 < k < 19/4 or k > 19/4"
    );
    assert_eq!(s.where_zero(&dom("k > 1")).unwrap().to_string(), "k = 19/4");
    assert!(s.where_negative(&dom("1 < k <= 19/4")).is_none());
    assert_eq!(
        s.where_positive(&dom("k > 1")).unwrap().to_string(),
        "1 < k < 19/4"
    );
}

fn from_roots(roots: &[Rat]) -> Poly {
    Poly::from_roots(roots)
}

#[test]
fn twenty_integer_roots() {
    let roots: Vec<Rat> = (1..=20).map(Rat::int).collect();
    let w = from_roots(&roots);
    assert_eq!(w.degree(), Some(20));
    assert_eq!(w.count_real_roots(), 20);
    let found = w.real_roots();
    let want: Vec<Point> = roots.iter().cloned().map(Point::Rational).collect();
    assert_eq!(found.len(), 20);
    for (f, e) in found.iter().zip(&want) {
        assert!(f.is_rational(), "{f} should be exact");
        assert_eq!(f, e);
    }
    // The sign alternates: + on k < 1 (even degree), then - + - ...
    let pieces = w.sign_on(&Interval::all());
    assert_eq!(pieces.len(), 41);
    for (n, (_, s)) in pieces.iter().enumerate() {
        let expect = if n % 2 == 1 {
            Ordering::Equal
        } else if (n / 2) % 2 == 0 {
            Ordering::Greater
        } else {
            Ordering::Less
        };
        assert_eq!(*s, expect, "piece {n}");
    }
    assert_eq!(w.count_roots_in(&dom("5/2 < k <= 10")), 8);
    assert_eq!(
        w.where_negative(&dom("0 < k < 4")).unwrap().to_string(),
        "1 < k < 2 or 3 < k < 4"
    );
}

#[test]
fn degree_25_with_irrational_and_close_roots() {
    // (k^2 - 2)(k^2 - 3) * prod_{i=1}^{21} (k - i/2): degree 25, 25 distinct real roots,
    // sqrt 2 in (1, 3/2) and sqrt 3 in (3/2, 2) sit between the rational ones.
    let halves: Vec<Rat> = (1..=21).map(|i| Rat::new(i, 2)).collect();
    let q = &(&p("k^2 - 2") * &p("k^2 - 3")) * &from_roots(&halves);
    assert_eq!(q.degree(), Some(25));
    assert_eq!(q.count_real_roots(), 25);
    let roots = q.real_roots();
    assert_eq!(roots.len(), 25);
    assert!(roots.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
    let rational: Vec<&Rat> = roots.iter().filter_map(Point::as_rat).collect();
    assert_eq!(rational.len(), 21);
    assert!(rational.iter().zip(&halves).all(|(a, b)| *a == b));
    let alg: Vec<String> = roots
        .iter()
        .filter(|x| !x.is_rational())
        .map(|x| x.to_string())
        .collect();
    assert_eq!(alg.len(), 4);
    for a in &alg {
        assert!(a.starts_with("root of 6 - 5*k^2 + k^4 in "), "{a}");
    }
    // sqrt 2 lies between 1 and 3/2, and sqrt 3 between 3/2 and 2.
    // Sorted: -sqrt 3, -sqrt 2, 1/2, 1, sqrt 2, 3/2, sqrt 3, 2, 5/2, ...
    assert!(roots[4] > Point::Rational(r("1")) && roots[4] < Point::Rational(r("3/2")));
    assert!(roots[6] > Point::Rational(r("3/2")) && roots[6] < Point::Rational(r("2")));
    assert_eq!(q.sign_at(&roots[4]), Ordering::Equal);
    assert_eq!(p("k^2 - 2").sign_at(&roots[4]), Ordering::Equal);
    assert_eq!(p("k^2 - 3").sign_at(&roots[4]), Ordering::Less);
    assert_eq!(p("k^2 - 3").sign_at(&roots[6]), Ordering::Equal);
    assert_eq!(p("k^2 + k - 2").sign_at(&roots[0]), Ordering::Less);
    // A degree-25 polynomial with one real root: k^25 - 2 (2^(1/25) in (1, 2)).
    let k25 = p("k^25 - 2");
    assert_eq!(k25.count_real_roots(), 1);
    let only = k25.real_roots();
    assert_eq!(only.len(), 1);
    assert!(only[0] > Point::Rational(r("1")) && only[0] < Point::Rational(r("2")));
    assert_eq!(
        k25.where_negative(&Interval::all()).unwrap().pieces().len(),
        1
    );
    // Two roots 1/1000000 apart.
    let close = from_roots(&[r("1"), r("1000001/1000000"), r("-3")]);
    assert_eq!(close.count_roots_in(&dom("0 < k < 2")), 2);
    assert_eq!(
        close.where_negative(&dom("0 < k < 2")).unwrap().to_string(),
        "1 < k < 1000001/1000000"
    );
}

#[test]
fn sign_at_algebraic_points() {
    let sqrt2 = Point::algebraic(&p("k^2 - 2"), &r("1"), &r("2")).unwrap();
    let sqrt2_other = Point::algebraic(&p("(k^2 - 2)(k - 5)"), &r("1"), &r("3")).unwrap();
    assert_eq!(sqrt2, sqrt2_other);
    let check_sign = |poly: &str, expect: Ordering| {
        assert_eq!(p(poly).sign_at(&sqrt2), expect, "{poly} at sqrt 2");
    };
    check_sign("k^2 - 2", Ordering::Equal);
    check_sign("k^4 - 4", Ordering::Equal);
    check_sign("k - 3/2", Ordering::Less);
    check_sign("k - 1414/1000", Ordering::Greater);
    check_sign("k - 1415/1000", Ordering::Less);
    check_sign("k^2 - 3", Ordering::Less);
    check_sign("7", Ordering::Greater);
    check_sign("0", Ordering::Equal);
    check_sign("(k^2 - 2)^2 + (k - 1)", Ordering::Greater);
    // A point interval at an algebraic point.
    let cell = Interval::at(sqrt2.clone());
    assert_eq!(
        p("k - 1").sign_on(&cell),
        vec![(cell.clone(), Ordering::Greater)]
    );
    assert_eq!(p("k^2 - 2").where_nonzero(&cell), None);
    assert!(p("1 - k").where_negative(&cell).is_some());
    assert_eq!(cell.sample(), None);
    // Not a single root in the interval.
    assert!(Point::algebraic(&p("k^2 - 2"), &r("-2"), &r("2")).is_none());
    assert!(Point::algebraic(&p("k^2 - 2"), &r("2"), &r("3")).is_none());
    // A rational root given as algebraic comes out rational.
    assert_eq!(
        Point::algebraic(&p("k^2 - 4"), &r("1"), &r("3")),
        Some(Point::Rational(r("2")))
    );
}

// ---------------------------------------------------------------------------------------
// Property tests against independent methods.

fn variations(c: &[Rat]) -> usize {
    let signs: Vec<Ordering> = c
        .iter()
        .map(Rat::signum)
        .filter(|s| *s != Ordering::Equal)
        .collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// Distinct roots in the open (a, b) of a square-free polynomial, by Vincent–Collins–Akritas:
/// q(x) = (1 + x)^n p((a + b x)/(1 + x)) has its positive roots in bijection with the roots
/// of p in (a, b); Descartes' rule is exact when it says 0 or 1, otherwise bisect.
fn vca(p: &Poly, a: &Rat, b: &Rat, depth: u32) -> usize {
    assert!(depth < 300, "VCA did not terminate");
    let n = p.degree().unwrap();
    let num = Poly::from_coeffs(vec![a.clone(), b.clone()]);
    let den = Poly::from_coeffs(vec![Rat::ONE, Rat::ONE]);
    let mut q = Poly::zero();
    for (i, c) in p.coeffs().iter().enumerate() {
        q += &(&num.pow(i as u32) * &den.pow((n - i) as u32)).scale(c);
    }
    match variations(q.coeffs()) {
        0 => 0,
        1 => 1,
        _ => {
            let m = Rat::midpoint(a, b);
            vca(p, a, &m, depth + 1) + usize::from(p.eval(&m).is_zero()) + vca(p, &m, b, depth + 1)
        }
    }
}

fn divisors(n: i64) -> Vec<i64> {
    let n = n.abs();
    (1..=n).filter(|d| n % d == 0).collect()
}

/// Rational roots of an integer polynomial by the rational root theorem (brute force).
fn rational_roots_bruteforce(c: &[i64]) -> Vec<Rat> {
    let top = c.iter().rposition(|x| *x != 0).map_or(0, |i| i + 1);
    let c = &c[..top];
    let shift = c.iter().take_while(|x| **x == 0).count();
    let c = &c[shift..];
    let mut out: Vec<Rat> = if shift > 0 { vec![Rat::ZERO] } else { vec![] };
    let poly = Poly::from_ints(c);
    if c.len() > 1 {
        for u in divisors(c[0]) {
            for v in divisors(*c.last().unwrap()) {
                for s in [1, -1] {
                    let x = Rat::new(s * u, v);
                    if poly.eval(&x).is_zero() && !out.contains(&x) {
                        out.push(x);
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// Integer polynomials with small coefficients, often with many real roots.
fn int_poly() -> impl Strategy<Value = Vec<i64>> {
    let random = prop::collection::vec(-9i64..10, 1..8);
    let factored = prop::collection::vec((1i64..4, -9i64..10), 1..6).prop_map(|fs| {
        // prod (d k - n)
        let mut c = vec![1i64];
        for (d, n) in fs {
            let mut next = vec![0i64; c.len() + 1];
            for (i, x) in c.iter().enumerate() {
                next[i] -= n * x;
                next[i + 1] += d * x;
            }
            c = next;
        }
        c
    });
    prop_oneof![random, factored]
}

fn bound() -> impl Strategy<Value = Bound> {
    prop_oneof![
        1 => Just(Bound::Unbounded),
        3 => (-12i64..12, 1i64..4).prop_map(|(n, d)| Bound::Open(Point::Rational(Rat::new(n, d)))),
        3 => (-12i64..12, 1i64..4).prop_map(|(n, d)| Bound::Closed(Point::Rational(Rat::new(n, d)))),
    ]
}

fn interval() -> impl Strategy<Value = Interval> {
    (bound(), bound()).prop_filter_map("non-empty", |(a, b)| Interval::new(a, b))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sturm_count_agrees_with_vca(c in int_poly(), lo in (-12i64..12, 1i64..4), w in (1i64..24, 1i64..4)) {
        let q = Poly::from_ints(&c);
        prop_assume!(q.degree().unwrap_or(0) >= 1);
        let a = Rat::new(lo.0, lo.1);
        let b = &a + &Rat::new(w.0, w.1);
        let sq = q.squarefree_part();
        let want = vca(&sq, &a, &b, 0);
        prop_assert_eq!(q.count_roots_between(Some(&a), Some(&b)), want);
        prop_assert_eq!(q.roots_between(Some(&a), Some(&b)).len(), want);
        let open = Interval::open(a.clone(), b.clone()).unwrap();
        prop_assert_eq!(q.count_roots_in(&open), want);
        prop_assert_eq!(q.roots_in(&open).len(), want);
        // Closed ends add the ends that are roots.
        let closed = Interval::closed(a.clone(), b.clone()).unwrap();
        let ends = usize::from(q.eval(&a).is_zero()) + usize::from(q.eval(&b).is_zero());
        prop_assert_eq!(q.count_roots_in(&closed), want + ends);
        prop_assert_eq!(q.roots_in(&closed).len(), want + ends);
    }

    #[test]
    fn isolation_is_exact_and_brackets_each_root(c in int_poly()) {
        let q = Poly::from_ints(&c);
        prop_assume!(q.degree().unwrap_or(0) >= 1);
        let roots = q.real_roots();
        prop_assert_eq!(roots.len(), q.count_real_roots());
        prop_assert!(roots.windows(2).all(|w| w[0] < w[1]));
        // Exactly the rational roots (by the rational root theorem) come out rational.
        let rational: Vec<Rat> = roots.iter().filter_map(|x| x.as_rat().cloned()).collect();
        prop_assert_eq!(rational, rational_roots_bruteforce(&c));
        let sq = q.squarefree_part();
        for x in &roots {
            match x {
                Point::Rational(v) => prop_assert!(q.eval(v).is_zero()),
                Point::Algebraic { poly, lo, hi } => {
                    // The point's polynomial divides p and changes sign across the interval,
                    // as does p's square-free part (a simple root is inside).
                    prop_assert!(q.div_rem(poly).1.is_zero());
                    prop_assert!(lo < hi);
                    prop_assert_eq!(poly.eval(lo).signum(), poly.eval(hi).signum().reverse());
                    prop_assert_eq!(sq.eval(lo).signum(), sq.eval(hi).signum().reverse());
                    prop_assert!(x.is_valid());
                }
            }
        }
        // Between consecutive roots (and beyond them) the sign is constant and non-zero:
        // check at several rational points of each gap.
        let mut cuts: Vec<Option<&Point>> = vec![None];
        cuts.extend(roots.iter().map(Some));
        cuts.push(None);
        for w in cuts.windows(2) {
            let lo = w[0].map_or(Bound::Unbounded, |x| Bound::Open(x.clone()));
            let hi = w[1].map_or(Bound::Unbounded, |x| Bound::Open(x.clone()));
            let gap = Interval::new(lo, hi).unwrap();
            let s0 = q.eval(&gap.sample().unwrap()).signum();
            prop_assert_ne!(s0, Ordering::Equal);
            let (a, b) = (w[0].map(|x| x.upper().clone()), w[1].map(|x| x.lower().clone()));
            if let (Some(a), Some(b)) = (a, b) && a < b {
                for i in 0..=8 {
                    let t = &a + &(&(&b - &a) * &Rat::new(i, 8));
                    if gap.contains(&t) {
                        prop_assert_eq!(q.eval(&t).signum(), s0);
                    }
                }
            }
        }
    }

    #[test]
    fn sign_on_agrees_with_eval(c in int_poly(), d in interval()) {
        let q = Poly::from_ints(&c);
        let pieces = q.sign_on(&d);
        prop_assert!(!pieces.is_empty());
        // The pieces partition d: their union is d, and they are disjoint and in order.
        let union = Region::from_intervals(pieces.iter().map(|(i, _)| i.clone()));
        prop_assert_eq!(union, Region::from_interval(d.clone()));
        for w in pieces.windows(2) {
            prop_assert!(w[0].0.intersect(&w[1].0).is_none());
            // Maximal: neighbours differ in sign.
            prop_assert_ne!(w[0].1, w[1].1);
        }
        for (piece, s) in &pieces {
            let x = piece.sample();
            if let Some(x) = &x {
                prop_assert!(piece.contains(x) && d.contains(x));
                prop_assert_eq!(q.eval(x).signum(), *s, "{} on {}", q, piece);
            }
            if *s == Ordering::Equal && !q.is_zero() {
                prop_assert!(piece.is_point());
            }
            if let Some(pt) = piece.as_point() {
                prop_assert_eq!(q.sign_at(pt), *s);
            }
            // Rational points of the piece at a few places agree too.
            if let (Some(a), Some(b)) = (piece.lo().point(), piece.hi().point()) {
                let (a, b) = (a.upper().clone(), b.lower().clone());
                if a < b {
                    for i in 0..=4 {
                        let t = &a + &(&(&b - &a) * &Rat::new(i, 4));
                        if piece.contains(&t) {
                            prop_assert_eq!(q.eval(&t).signum(), *s);
                        }
                    }
                }
            }
        }
        // where_negative is exactly the negative pieces.
        let neg = q.where_negative(&d);
        let want = Region::from_intervals(
            pieces.iter().filter(|(_, s)| *s == Ordering::Less).map(|(i, _)| i.clone()),
        );
        prop_assert_eq!(neg.unwrap_or_default(), want);
    }

    #[test]
    fn sign_at_roots_of_a_product(a in int_poly(), b in int_poly()) {
        // Every root of a is a root of a*b; the sign of b at roots of a agrees with the
        // sign of b at the same root seen through a*b's isolation.
        let (pa, pb) = (Poly::from_ints(&a), Poly::from_ints(&b));
        prop_assume!(pa.degree().unwrap_or(0) >= 1 && !pb.is_zero());
        let prod = &pa * &pb;
        for x in pa.real_roots() {
            prop_assert_eq!(prod.sign_at(&x), Ordering::Equal);
            prop_assert_eq!(pa.sign_at(&x), Ordering::Equal);
            let sb = pb.sign_at(&x);
            // Compare with b evaluated on a tight rational bracket of x.
            let mut y = x.clone();
            y.refine_to_width(&Rat::new(1, 1 << 20));
            match (&y, sb) {
                (Point::Rational(v), s) => prop_assert_eq!(pb.eval(v).signum(), s),
                (Point::Algebraic { lo, hi, .. }, Ordering::Equal) => {
                    prop_assert!(pb.count_roots_between(Some(lo), Some(hi)) >= 1);
                }
                (Point::Algebraic { .. }, s) => {
                    // b has no root at x; once the bracket excludes b's roots, b's sign on
                    // it is s.
                    let mut z = y.clone();
                    loop {
                        let (lo, hi) = (z.lower().clone(), z.upper().clone());
                        if !z.is_rational() && pb.count_roots_between(Some(&lo), Some(&hi)) == 0
                            && !pb.eval(&lo).is_zero() && !pb.eval(&hi).is_zero() {
                            prop_assert_eq!(pb.eval(&lo).signum(), s);
                            break;
                        }
                        if let Some(v) = z.as_rat() { prop_assert_eq!(pb.eval(v).signum(), s); break; }
                        z.refine();
                    }
                }
            }
        }
    }
}
