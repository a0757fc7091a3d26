//! Polynomial arithmetic: worked examples for + - * neg, scale, derivative, div_rem, gcd,
//! square-free part, content, compose/shift; properties against evaluation (including an
//! independent evaluation with `num-rational`) and the division identity.

use mechcert_num::{Poly, Rat};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

fn p(s: &str) -> Poly {
    Poly::parse(s, "k").unwrap()
}

/// `(operation, a, b)` -> printed result; division prints `q | r`.
fn check(input: (&str, &str, &str), expect: &str) {
    let (op, a, b) = input;
    let (a, b) = (p(a), p(b));
    let got = match op {
        "+" => (&a + &b).to_string(),
        "-" => (&a - &b).to_string(),
        "*" => (&a * &b).to_string(),
        "neg" => (-&a).to_string(),
        "scale" => a.scale(&b.as_constant().unwrap()).to_string(),
        "d/dk" => a.derivative().to_string(),
        "divrem" => {
            let (q, r) = a.div_rem(&b);
            format!("{q} | {r}")
        }
        "gcd" => a.gcd(&b).to_string(),
        "sqfree" => a.squarefree_part().to_string(),
        "content" => a.content().to_string(),
        "primitive" => a.primitive_part().to_string(),
        "compose" => a.compose(&b).to_string(),
        "shift" => a.shift(&b.as_constant().unwrap()).to_string(),
        "pow" => a
            .pow(b.as_constant().unwrap().to_string().parse().unwrap())
            .to_string(),
        _ => panic!("unknown op {op}"),
    };
    assert_eq!(got, expect, "{input:?}");
}

#[test]
fn ring_operations() {
    check(("+", "7k", "8k + 1"), "1 + 15*k");
    check(("-", "8k + 1", "8k"), "1");
    check(("-", "k^2 + k", "k^2"), "k");
    check(("-", "k", "k"), "0");
    check(("*", "k - 1", "k + 1"), "-1 + k^2");
    check(("*", "1/2k", "2/3k"), "1/3*k^2");
    check(("*", "0", "k + 1"), "0");
    check(("neg", "1 - k", "0"), "-1 + k");
    check(("scale", "9k + 1", "1/3"), "1/3 + 3*k");
    check(("scale", "9k + 1", "0"), "0");
    check(("pow", "k + 1", "4"), "1 + 4*k + 6*k^2 + 4*k^3 + k^4");
    check(("pow", "2k", "0"), "1");
}

#[test]
fn example_2_surplus_pieces() {
    // Example 2 of the paper: values 7k, 8k+1, 9k+1 (buyer) and 3k, 8k, 9k (seller).
    // A combination with weights 1/27 of the differences gives the surplus 19/27 - 4/27 k.
    let b = [p("7k"), p("8k + 1"), p("9k + 1")];
    let s = [p("3k"), p("8k"), p("9k")];
    let third = Rat::new(1, 3);
    let mut acc = Poly::zero();
    acc += &(&b[1] - &s[1]).scale(&Rat::new(19, 27));
    acc -= &(&b[0] - &s[0]).scale(&Rat::new(1, 27));
    assert_eq!(acc.to_string(), "19/27 - 4/27*k");
    assert_eq!((&b[2] - &s[2]).scale(&third).to_string(), "1/3");
}

#[test]
fn calculus_and_division() {
    check(("d/dk", "k^3 - 2k + 5", "0"), "-2 + 3*k^2");
    check(("d/dk", "7", "0"), "0");
    check(("divrem", "k^3 - 1", "k - 1"), "1 + k + k^2 | 0");
    check(("divrem", "k^2 + 1", "k - 1"), "1 + k | 2");
    check(("divrem", "2k^2 + 3k + 1", "2k"), "3/2 + k | 1");
    check(("divrem", "k", "k^2"), "0 | k");
    check(("divrem", "6k^2", "3"), "2*k^2 | 0");
    check(("divrem", "0", "k"), "0 | 0");
    check(("compose", "k^2 + 1", "k - 1"), "2 - 2*k + k^2");
    check(("shift", "k^2", "3"), "9 + 6*k + k^2");
    check(("compose", "5", "k^3"), "5");
}

#[test]
fn gcd_squarefree_content() {
    check(("gcd", "k^2 - 1", "k^2 + 2k + 1"), "1 + k");
    check(("gcd", "2k^2 - 2", "3k - 3"), "-1 + k");
    check(("gcd", "k^2 + 1", "k - 1"), "1");
    check(("gcd", "0", "4k + 2"), "1/2 + k");
    check(("gcd", "0", "0"), "0");
    check(("gcd", "(k-1)^3(k-2)", "(k-1)^2(k+5)"), "1 - 2*k + k^2");
    check(("sqfree", "(k-1)^3(k-2)", "0"), "2 - 3*k + k^2");
    check(("sqfree", "3(k^2-2)^2", "0"), "-2 + k^2");
    check(("sqfree", "5", "0"), "1");
    check(("sqfree", "0", "0"), "0");
    check(("content", "1/2k^2 + 1/3", "0"), "1/6");
    check(("content", "-6k + 4", "0"), "2");
    check(("primitive", "1/2k^2 + 1/3", "0"), "2 + 3*k^2");
    check(("primitive", "-6k + 4", "0"), "-2 + 3*k");
}

#[test]
#[should_panic(expected = "division by the zero polynomial")]
fn division_by_zero_panics() {
    let _ = p("k").div_rem(&Poly::zero());
}

fn big(r: &Rat) -> BigRational {
    let n: BigInt = r.numer_string().parse().unwrap();
    let d: BigInt = r.denom_string().parse().unwrap();
    BigRational::new(n, d)
}

fn small_poly() -> impl Strategy<Value = Poly> {
    prop::collection::vec((-20i64..20, 1i64..6), 0..6)
        .prop_map(|c| Poly::from_coeffs(c.into_iter().map(|(n, d)| Rat::new(n, d)).collect()))
}

fn small_rat() -> impl Strategy<Value = Rat> {
    (-50i64..50, 1i64..10).prop_map(|(n, d)| Rat::new(n, d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn eval_is_a_ring_homomorphism(a in small_poly(), b in small_poly(), x in small_rat()) {
        prop_assert_eq!((&a + &b).eval(&x), a.eval(&x) + b.eval(&x));
        prop_assert_eq!((&a - &b).eval(&x), a.eval(&x) - b.eval(&x));
        prop_assert_eq!((&a * &b).eval(&x), a.eval(&x) * b.eval(&x));
        prop_assert_eq!((-&a).eval(&x), -a.eval(&x));
        prop_assert_eq!(a.compose(&b).eval(&x), a.eval(&b.eval(&x)));
        let mut c = a.clone();
        c += &b;
        c -= &a;
        prop_assert_eq!(c, b);
    }

    #[test]
    fn eval_agrees_with_num_rational(a in small_poly(), x in small_rat()) {
        // Independent evaluation by powers (not Horner) in BigRational.
        let bx = big(&x);
        let mut want = BigRational::from_integer(0.into());
        for (i, c) in a.coeffs().iter().enumerate() {
            let mut t = big(c);
            for _ in 0..i { t *= &bx; }
            want += t;
        }
        prop_assert_eq!(big(&a.eval(&x)), want);
    }

    #[test]
    fn div_rem_identity(a in small_poly(), b in small_poly()) {
        prop_assume!(!b.is_zero());
        let (q, r) = a.div_rem(&b);
        prop_assert_eq!(&(&q * &b) + &r, a);
        prop_assert!(r.is_zero() || r.degree() < b.degree());
    }

    #[test]
    fn gcd_divides_both_and_is_monic(a in small_poly(), b in small_poly(), c in small_poly()) {
        prop_assume!(!c.is_zero());
        prop_assume!(!a.is_zero() || !b.is_zero());
        // c is a common factor, so it divides the gcd.
        let (x, y) = (&a * &c, &b * &c);
        let g = x.gcd(&y);
        prop_assert!(x.div_rem(&g).1.is_zero());
        prop_assert!(y.div_rem(&g).1.is_zero());
        prop_assert!(g.div_rem(&c).1.is_zero());
        prop_assert!(g.leading_coeff().unwrap().is_one());
    }

    #[test]
    fn squarefree_part_has_simple_roots(a in small_poly()) {
        prop_assume!(a.degree().unwrap_or(0) >= 1);
        let s = a.squarefree_part();
        prop_assert!(a.div_rem(&s).1.is_zero());
        prop_assert!(s.gcd(&s.derivative()).is_constant());
        // The square of a square-free part is not square-free.
        let s2 = &s * &s;
        prop_assert_eq!(s2.squarefree_part(), s);
    }

    #[test]
    fn primitive_part_is_integral(a in small_poly()) {
        prop_assume!(!a.is_zero());
        let pp = a.primitive_part();
        prop_assert!(pp.coeffs().iter().all(Rat::is_integer));
        prop_assert!(pp.leading_coeff().unwrap().is_positive());
        prop_assert_eq!(pp.content(), Rat::ONE);
        let c = a.content();
        let sign = if a.leading_coeff().unwrap().is_negative() { -Rat::ONE } else { Rat::ONE };
        prop_assert_eq!(pp.scale(&(c * sign)), a);
    }
}
