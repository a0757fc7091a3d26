//! Shared oracle and generators for the `Rat` integration tests.
//!
//! Every generated value is a pair `(Rat, BigRational)` built independently from the same
//! integers or digit strings, so the oracle never depends on the code under test.
#![allow(dead_code)]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use mechcert_num::Rat;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// A value under test together with its oracle.
pub type Val = (Rat, BigRational);

pub fn q(n: i128, d: i128) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

pub fn qs(s: &str) -> BigRational {
    match s.split_once('/') {
        Some((n, d)) => BigRational::new(n.parse().unwrap(), d.parse().unwrap()),
        None => BigRational::from_integer(s.parse().unwrap()),
    }
}

/// The canonical text of a rational: `p/q` in lowest terms with `q > 1`, or `p`.
pub fn canonical_string(x: &BigRational) -> String {
    // `BigRational::new` already reduced and made the denominator positive.
    if x.denom().is_one() {
        x.numer().to_string()
    } else {
        format!("{}/{}", x.numer(), x.denom())
    }
}

/// Reads a `Rat` back through its integer accessors (not through `Display`).
pub fn to_oracle(r: &Rat) -> BigRational {
    let n: BigInt = r.numer_string().parse().unwrap();
    let d: BigInt = r.denom_string().parse().unwrap();
    assert!(d.is_positive(), "denominator {d} of {r:?} is not positive");
    BigRational::new(n, d)
}

pub fn hash_of<T: Hash>(x: &T) -> u64 {
    let mut h = DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

/// Everything a `Rat` must satisfy when its exact value is `want`: same value, canonical
/// storage, the small representation exactly when numerator and denominator fit in `i64`
/// (with `i64::MIN` never small), and canonical printing.
pub fn check(r: &Rat, want: &BigRational) -> Result<(), TestCaseError> {
    prop_assert!(r.is_canonical(), "not canonical: {:?} (want {})", r, want);
    let text = canonical_string(want);
    prop_assert_eq!(r.to_string(), text.clone(), "Display");
    prop_assert_eq!(format!("{r:?}"), text.clone(), "Debug");
    prop_assert_eq!(&to_oracle(r), want, "value");
    prop_assert_eq!(r.numer_string(), want.numer().to_string(), "numer_string");
    prop_assert_eq!(r.denom_string(), want.denom().to_string(), "denom_string");
    let max = BigInt::from(i64::MAX);
    let fits = want.numer().abs() <= max && *want.denom() <= max;
    prop_assert_eq!(r.is_small(), fits, "representation of {}", text);
    let pair = if fits {
        Some((
            want.numer().to_i64().unwrap(),
            want.denom().to_i64().unwrap(),
        ))
    } else {
        None
    };
    prop_assert_eq!(r.to_i64_pair(), pair, "to_i64_pair of {}", text);
    prop_assert_eq!(
        r.denom_u64(),
        want.denom().to_u64(),
        "denom_u64 of {}",
        text
    );
    prop_assert_eq!(r.is_zero(), want.is_zero());
    prop_assert_eq!(r.is_one(), want.is_one());
    prop_assert_eq!(r.is_integer(), want.is_integer());
    prop_assert_eq!(r.is_negative(), want.is_negative());
    prop_assert_eq!(r.is_positive(), want.is_positive());
    prop_assert_eq!(r.signum(), want.cmp(&BigRational::zero()));
    prop_assert_eq!(
        r.bit_size(),
        want.numer().bits() + want.denom().bits(),
        "bit_size of {}",
        text
    );
    Ok(())
}

/// `check` for plain `#[test]`s.
pub fn assert_value(r: &Rat, want: &BigRational) {
    if let Err(e) = check(r, want) {
        panic!("{e}");
    }
}

/// `i64` values concentrated on the overflow boundaries of the small fast path.
pub fn edge_i64() -> impl Strategy<Value = i64> {
    prop_oneof![
        prop::sample::select(vec![
            0,
            1,
            -1,
            2,
            -2,
            3,
            -3,
            i64::MAX,
            i64::MAX - 1,
            i64::MIN,
            i64::MIN + 1,
            i64::MIN + 2,
            i64::MAX / 2,
            i64::MIN / 2,
            // Squares just below / above i64::MAX.
            3_037_000_499,
            -3_037_000_499,
            3_037_000_500,
            -3_037_000_500,
            // 2^32 ± 1: products of two overflow i64 but not i128.
            4_294_967_295,
            4_294_967_296,
            4_294_967_297,
            -4_294_967_296,
            // Largest prime below 2^63, and a product of two large primes.
            9_223_372_036_854_775_783,
            -9_223_372_036_854_775_783,
            4_294_967_291 * 2_147_483_647,
        ]),
        // Powers of two up to 2^62, and -2^63 = i64::MIN.
        (0u32..64).prop_map(|k| if k == 63 { i64::MIN } else { 1i64 << k }),
        (0u32..63).prop_map(|k| -(1i64 << k)),
        (0u32..63, -3i64..=3).prop_map(|(k, e)| (1i64 << k).wrapping_add(e)),
        (0i64..=1000).prop_map(|k| i64::MAX - k),
        (0i64..=1000).prop_map(|k| i64::MIN + k),
        (1i64..=1000).prop_map(|k| i64::MAX / k),
        (1i64..=1000).prop_map(|k| i64::MIN / k),
        // Mid-size: products overflow i64 but fit i128.
        -(1i64 << 40)..(1i64 << 40),
        -100i64..=100,
        any::<i64>(),
    ]
}

pub fn edge_nonzero_i64() -> impl Strategy<Value = i64> {
    edge_i64().prop_filter("nonzero", |d| *d != 0)
}

/// `Rat::new` on boundary integers.
pub fn edge_rat() -> impl Strategy<Value = Val> {
    (edge_i64(), edge_nonzero_i64()).prop_map(|(n, d)| (Rat::new(n, d), q(n as i128, d as i128)))
}

/// `Rat::int` on boundary integers.
pub fn edge_int() -> impl Strategy<Value = Val> {
    edge_i64().prop_map(|n| (Rat::int(n), q(n as i128, 1)))
}

/// Plain small values.
pub fn plain_rat() -> impl Strategy<Value = Val> {
    (-100i64..=100, 1i64..=100).prop_map(|(n, d)| (Rat::new(n, d), q(n as i128, d as i128)))
}

/// `i128` values: products of boundary values and the `i128` extremes.
pub fn wide_i128() -> impl Strategy<Value = i128> {
    prop_oneof![
        4 => (edge_i64(), edge_i64()).prop_map(|(a, b)| a as i128 * b as i128),
        2 => edge_i64().prop_map(|a| a as i128),
        1 => prop::sample::select(vec![
            i128::MIN,
            i128::MIN + 1,
            i128::MAX,
            i128::MAX - 1,
            1i128 << 63,
            -(1i128 << 63),
            (1i128 << 63) + 1,
            -(1i128 << 63) - 1,
            1i128 << 64,
            -(1i128 << 64),
            u64::MAX as i128,
            1i128 << 126,
        ]),
        1 => any::<i128>(),
    ]
}

/// `Rat::from_i128` on wide integers.
pub fn wide_rat() -> impl Strategy<Value = Val> {
    (wide_i128(), wide_i128().prop_filter("nonzero", |d| *d != 0))
        .prop_map(|(n, d)| (Rat::from_i128(n, d), q(n, d)))
}

/// Values that leave the small range and come back (or not), through each operation.
pub fn comeback_rat() -> impl Strategy<Value = Val> {
    let base = prop_oneof![edge_rat(), edge_int(), plain_rat()];
    (base.clone(), base, 0u8..4).prop_map(|((a, qa), (b, qb), op)| match op {
        0 => (&(&a + &b) - &b, qa),
        1 => (&(&a - &b) + &b, qa),
        2 if !qb.is_zero() => (&(&a * &b) / &b, qa),
        3 if !qb.is_zero() => (&(&a / &b) * &b, qa),
        _ => (&(&a + &b) - &a, qb),
    })
}

/// Digit strings of 100 to 140 digits.
pub fn long_digits() -> impl Strategy<Value = String> {
    "[1-9][0-9]{99,139}"
}

/// Big rationals built by parsing: long numerators over 1, small or long denominators.
pub fn big_rat() -> impl Strategy<Value = Val> {
    let den = prop_oneof![
        Just("1".to_string()),
        (1i64..=i64::MAX).prop_map(|d| d.to_string()),
        (2i64..=1000).prop_map(|d| d.to_string()),
        long_digits(),
    ];
    (any::<bool>(), long_digits(), den, any::<bool>()).prop_map(|(neg, n, d, swap)| {
        let (n, d) = if swap { (d, n) } else { (n, d) };
        let s = format!("{}{}/{}", if neg { "-" } else { "" }, n, d);
        (s.parse::<Rat>().unwrap(), qs(&s))
    })
}

/// Just past the small range: ±2^k + e for k around 63, 64, 127, over a few denominators.
pub fn near_boundary_big() -> impl Strategy<Value = Val> {
    (
        prop::sample::select(vec![62u32, 63, 64, 65, 126, 127, 128]),
        -3i64..=3,
        any::<bool>(),
        prop::sample::select(vec![1i64, 2, 3, 7, i64::MAX]),
        any::<bool>(),
    )
        .prop_map(|(k, e, neg, d, swap)| {
            let mut n = (BigInt::one() << k) + BigInt::from(e);
            if n.is_zero() {
                n = BigInt::one();
            }
            let (mut n, d) = if swap {
                (BigInt::from(d), n)
            } else {
                (n, BigInt::from(d))
            };
            if neg {
                n = -n;
            }
            let s = format!("{n}/{d}");
            (s.parse::<Rat>().unwrap(), qs(&s))
        })
}

/// The general mix: boundary-heavy small values, wide values, values that went through
/// the big representation and back, long parsed values and plain small ones.
pub fn any_rat() -> impl Strategy<Value = Val> {
    prop_oneof![
        4 => edge_rat(),
        1 => edge_int(),
        2 => plain_rat(),
        2 => wide_rat(),
        2 => comeback_rat(),
        2 => big_rat(),
        2 => near_boundary_big(),
    ]
}

/// Small values only (stored small or i64::MIN-like boundary values).
pub fn smallish_rat() -> impl Strategy<Value = Val> {
    prop_oneof![4 => edge_rat(), 1 => edge_int(), 2 => plain_rat(), 1 => comeback_rat()]
}

/// Pairs that steer the small paths: equal denominators, denominators sharing a factor,
/// and independent values.
pub fn rat_pair() -> impl Strategy<Value = (Val, Val)> {
    let same_den = (edge_i64(), edge_i64(), edge_nonzero_i64()).prop_map(|(a, b, d)| {
        (
            (Rat::new(a, d), q(a as i128, d as i128)),
            (Rat::new(b, d), q(b as i128, d as i128)),
        )
    });
    let shared_factor = (
        edge_i64(),
        edge_i64(),
        prop::sample::select(vec![2i64, 3, 6, 1 << 20, 1 << 31, 3_037_000_499]),
        edge_nonzero_i64(),
        edge_nonzero_i64(),
    )
        .prop_map(|(a, b, g, x, y)| {
            let dx = g.checked_mul(x).unwrap_or(g);
            let dy = g.checked_mul(y).unwrap_or(g);
            (
                (Rat::new(a, dx), q(a as i128, dx as i128)),
                (Rat::new(b, dy), q(b as i128, dy as i128)),
            )
        });
    prop_oneof![
        2 => same_den,
        2 => shared_factor,
        4 => (any_rat(), any_rat()),
        1 => any_rat().prop_map(|v| (v.clone(), v)),
    ]
}
