//! `Rat::common_denominator` and `Rat::scaled_to_i64` against naive big-integer
//! computations: worked examples, then properties.

mod common;

use common::*;
use mechcert_num::Rat;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proptest::prelude::*;

const MAX: i64 = i64::MAX;
const MIN: i64 = i64::MIN;

fn gcd(mut a: BigInt, mut b: BigInt) -> BigInt {
    while !b.is_zero() {
        let t = &a % &b;
        a = b;
        b = t;
    }
    a.abs()
}

/// The lcm of the denominators, computed in big integers, if it fits in `i64`.
fn naive_common_denominator(values: &[BigRational]) -> Option<i64> {
    let mut l = BigInt::one();
    for v in values {
        let g = gcd(l.clone(), v.denom().clone());
        l = &l / g * v.denom();
    }
    l.to_i64()
}

/// `x * scale` if it is an integer that fits in `i64`.
fn naive_scaled(x: &BigRational, scale: i64) -> Option<i64> {
    let p = x * BigRational::from_integer(scale.into());
    if p.is_integer() {
        p.to_integer().to_i64()
    } else {
        None
    }
}

fn r(s: &str) -> Rat {
    s.parse().unwrap()
}

#[test]
fn common_denominator_examples() {
    let cases: Vec<(Vec<Rat>, Option<i64>)> = vec![
        (vec![], Some(1)),
        (vec![r("1/4"), r("1/6"), r("2")], Some(12)),
        (vec![r("5")], Some(1)),
        (vec![Rat::new(1, MAX)], Some(MAX)),
        (vec![Rat::new(1, MAX), Rat::new(1, MAX)], Some(MAX)),
        (vec![Rat::new(1, MAX), Rat::new(1, 2)], None),
        (vec![Rat::new(1, 1 << 62), Rat::new(1, 3)], None),
        (
            vec![Rat::new(1, 1 << 62), Rat::new(1, 1 << 61)],
            Some(1 << 62),
        ),
        (
            vec![Rat::new(1, 3_037_000_499), Rat::new(1, 3_037_000_493)],
            Some(3_037_000_499 * 3_037_000_493),
        ),
        (vec![Rat::new(1, MIN)], None), // denominator 2^63
        // Bug found by `common_denominator_matches_naive`: a big value whose denominator is
        // small (here 1 and 3) made the whole answer `None`.
        (vec![Rat::int(MIN)], Some(1)),
        (
            vec![r("100000000000000000000000000000/3"), r("1/2")],
            Some(6),
        ),
    ];
    for (vals, want) in cases {
        assert_eq!(Rat::common_denominator(&vals), want, "{vals:?}");
    }
}

#[test]
fn scaled_to_i64_examples() {
    let cases: Vec<(Rat, i64, Option<i64>)> = vec![
        (r("5/6"), 12, Some(10)),
        (r("5/6"), 5, None),
        (r("5/6"), -6, Some(-5)),
        (r("5/6"), 0, Some(0)),
        (Rat::int(MAX), 1, Some(MAX)),
        (Rat::int(MAX), -1, Some(-MAX)),
        (Rat::int(MAX), 2, None),
        (Rat::int(MIN + 1), -1, Some(MAX)),
        (Rat::int(-1), MIN, None), // 2^63
        (Rat::int(1), MIN, Some(MIN)),
        (Rat::new(1, 2), MIN, Some(MIN / 2)),
        (Rat::new(MAX, 3), 3, Some(MAX)),
        (Rat::new(MAX, 3), 6, None),
        // Bug found by `scaled_to_i64_matches_naive`: big values whose product is a small
        // integer gave `None`.
        (Rat::int(MIN), 1, Some(MIN)),
        (Rat::int(MIN), 0, Some(0)),
        (Rat::new(1, MIN), MIN, Some(1)),
        (Rat::new(-3, MIN), MIN, Some(-3)),
        (r("-9223372036854775808/3"), 3, Some(MIN)),
        (r("9223372036854775808/3"), 3, None),
        (r("123456789012345678901234567890/7"), 0, Some(0)),
        (r("123456789012345678901234567890/7"), 7, None),
    ];
    for (v, scale, want) in cases {
        assert_eq!(v.scaled_to_i64(scale), want, "{v} * {scale}");
    }
}

fn scale_strategy() -> impl Strategy<Value = i64> {
    prop_oneof![
        edge_i64(),
        // Multiples of the small denominators the generators produce.
        (1i64..=100, 1i64..=100).prop_map(|(a, b)| a * b),
        (0u32..63).prop_map(|k| 1i64 << k),
        Just(MIN),
        Just(0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn common_denominator_matches_naive(vals in prop::collection::vec(
        prop_oneof![3 => plain_rat(), 3 => edge_rat(), 1 => any_rat()], 0..6)) {
        let (rs, qs): (Vec<Rat>, Vec<BigRational>) = vals.into_iter().unzip();
        prop_assert_eq!(Rat::common_denominator(&rs), naive_common_denominator(&qs));
    }

    #[test]
    fn scaled_to_i64_matches_naive((a, qa) in any_rat(), scale in scale_strategy()) {
        prop_assert_eq!(a.scaled_to_i64(scale), naive_scaled(&qa, scale));
    }

    /// The intended use: scale every value by the common denominator.
    #[test]
    fn scaling_by_common_denominator(vals in prop::collection::vec(
        prop_oneof![3 => plain_rat(), 1 => edge_rat(), 1 => any_rat()], 1..6)) {
        let (rs, qs): (Vec<Rat>, Vec<BigRational>) = vals.into_iter().unzip();
        if let Some(l) = Rat::common_denominator(&rs) {
            for (x, qx) in rs.iter().zip(&qs) {
                let want = naive_scaled(qx, l);
                prop_assert_eq!(x.scaled_to_i64(l), want);
                // Any miss is an i64 overflow of the integer, never a non-integer.
                let p = qx * BigRational::from_integer(l.into());
                prop_assert!(p.is_integer());
            }
        }
    }
}
