//! `Int`: an exact integer with an `i64` fast path over malachite, for fraction-free
//! (common-denominator) kernels such as the LP solver's integer tableau rows.
//!
//! Invariant (relied on by `Eq`/`Hash`): a value that fits is always `Small(n)` with
//! `n != i64::MIN` (so negation and `abs` never overflow); otherwise it is `Big`. The
//! backend stays private: callers see `Int`, `Rat` and `i64` only. Conversions to and from
//! `Rat` are exact; the big case goes through decimal strings (rare and not hot).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Add, Mul, Neg, Sub};
use std::str::FromStr;

use malachite_base::num::arithmetic::traits::{DivExact, Gcd, Sign, UnsignedAbs};
use malachite_base::num::logic::traits::SignificantBits;
use malachite_nz::integer::Integer;

use crate::Rat;
use crate::word::{ExactDivider64, gcd_u64};

/// An exact integer, canonical at all times.
#[derive(Clone)]
pub struct Int(Repr);

#[derive(Clone)]
enum Repr {
    Small(i64),
    Big(Box<Integer>),
}

fn fits(v: i128) -> bool {
    v > i64::MIN as i128 && v <= i64::MAX as i128
}

impl Int {
    pub const ZERO: Int = Int(Repr::Small(0));
    pub const ONE: Int = Int(Repr::Small(1));

    fn from_big(b: Integer) -> Int {
        match i64::try_from(&b) {
            Ok(n) if n != i64::MIN => Int(Repr::Small(n)),
            _ => Int(Repr::Big(Box::new(b))),
        }
    }

    fn big(&self) -> std::borrow::Cow<'_, Integer> {
        match &self.0 {
            Repr::Small(n) => std::borrow::Cow::Owned(Integer::from(*n)),
            Repr::Big(b) => std::borrow::Cow::Borrowed(&**b),
        }
    }

    #[inline]
    pub fn from_i128(v: i128) -> Int {
        if fits(v) {
            Int(Repr::Small(v as i64))
        } else {
            Int(Repr::Big(Box::new(Integer::from(v))))
        }
    }

    /// The value when it fits in `i64` (never `i64::MIN`).
    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        match self.0 {
            Repr::Small(n) => Some(n),
            Repr::Big(_) => None,
        }
    }

    pub fn is_small(&self) -> bool {
        matches!(self.0, Repr::Small(_))
    }

    pub fn is_canonical(&self) -> bool {
        match &self.0 {
            Repr::Small(n) => *n != i64::MIN,
            Repr::Big(b) => i64::try_from(&**b).map_or(true, |n| n == i64::MIN),
        }
    }

    #[inline]
    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small(0))
    }

    #[inline]
    pub fn is_one(&self) -> bool {
        matches!(self.0, Repr::Small(1))
    }

    #[inline]
    pub fn signum(&self) -> Ordering {
        match &self.0 {
            Repr::Small(n) => n.cmp(&0),
            Repr::Big(b) => b.sign(),
        }
    }

    pub fn is_negative(&self) -> bool {
        self.signum() == Ordering::Less
    }

    pub fn is_positive(&self) -> bool {
        self.signum() == Ordering::Greater
    }

    pub fn abs(&self) -> Int {
        if self.is_negative() {
            -self
        } else {
            self.clone()
        }
    }

    /// `self * s - t * b`, the update of fraction-free elimination, with an `i128` fast path.
    #[inline]
    pub fn mul_sub(&self, s: &Int, t: &Int, b: &Int) -> Int {
        if let (Repr::Small(a), Repr::Small(s), Repr::Small(t), Repr::Small(b)) =
            (&self.0, &s.0, &t.0, &b.0)
            && let (Some(x), Some(y)) = (
                (*a as i128).checked_mul(*s as i128),
                (*t as i128).checked_mul(*b as i128),
            )
            && let Some(v) = x.checked_sub(y)
        {
            return Int::from_i128(v);
        }
        Int::from_big(&*self.big() * &*s.big() - &*t.big() * &*b.big())
    }

    /// Greatest common divisor, non-negative; `gcd(0, 0) = 0`.
    pub fn gcd(&self, other: &Int) -> Int {
        match (&self.0, &other.0) {
            (Repr::Small(a), Repr::Small(b)) => {
                // One Euclid step first: the gcd of a small value (a running content) and a
                // large one is then a binary gcd of two small values.
                let (mut x, mut y) = (a.unsigned_abs(), b.unsigned_abs());
                if x > y {
                    std::mem::swap(&mut x, &mut y);
                }
                if x != 0 {
                    y %= x;
                }
                Int::from_i128(gcd_u64(x, y) as i128)
            }
            _ => Int::from_big(Integer::from((&*self.big()).gcd(&*other.big()))),
        }
    }

    /// `self / d` for a divisor `d` known to divide `self` exactly (checked in debug
    /// builds). Panics if `d == 0`.
    pub fn div_exact(&self, d: &Int) -> Int {
        match (&self.0, &d.0) {
            (Repr::Small(a), Repr::Small(b)) => {
                assert!(*b != 0, "Int::div_exact by zero");
                debug_assert_eq!(a % b, 0, "Int::div_exact: {a} is not a multiple of {b}");
                Int(Repr::Small(a / b))
            }
            _ => {
                assert!(!d.is_zero(), "Int::div_exact by zero");
                Int::from_big((&*self.big()).div_exact(&*d.big()))
            }
        }
    }

    /// Number of significant bits of `|self|`.
    pub fn bit_size(&self) -> u64 {
        match &self.0 {
            Repr::Small(n) => 64 - n.unsigned_abs().leading_zeros() as u64,
            Repr::Big(b) => (&**b).unsigned_abs().significant_bits(),
        }
    }

    /// The exact fraction `num / den` (reduced). Panics if `den == 0`.
    pub fn ratio(num: &Int, den: &Int) -> Rat {
        assert!(!den.is_zero(), "Int::ratio: zero denominator");
        if let (Repr::Small(n), Repr::Small(d)) = (&num.0, &den.0) {
            return Rat::new(*n, *d);
        }
        let (n, d) = if den.is_negative() {
            (-num, -den)
        } else {
            (num.clone(), den.clone())
        };
        format!("{n}/{d}")
            .parse()
            .expect("integers print as a parseable fraction")
    }

    /// Numerator and (positive) denominator of `r`.
    pub fn parts(r: &Rat) -> (Int, Int) {
        if let Some((n, d)) = r.to_i64_pair() {
            return (Int::from(n), Int::from(d));
        }
        let n = Integer::from_str(&r.numer_string()).expect("numerator prints as an integer");
        let d = Integer::from_str(&r.denom_string()).expect("denominator prints as an integer");
        (Int::from_big(n), Int::from_big(d))
    }

    /// `self` as a rational.
    pub fn to_rat(&self) -> Rat {
        Int::ratio(self, &Int::ONE)
    }
}

/// Divide `den` and every entry of `nums` by `gcd(den, nums)` (the content of the
/// fraction-free vector `nums / den`); requires `den != 0`. Small values use
/// multiplication by an inverse instead of division, and the gcd is refined only at the
/// entries that the running divisor does not divide.
pub fn reduce_content(den: &mut Int, nums: &mut [Int]) {
    let Some(d) = den.to_i64() else {
        let mut g = den.abs();
        for e in nums.iter() {
            if g.is_one() {
                return;
            }
            if !e.is_zero() {
                g = g.gcd(e);
            }
        }
        if !g.is_one() {
            for e in nums.iter_mut() {
                if !e.is_zero() {
                    *e = e.div_exact(&g);
                }
            }
            *den = den.div_exact(&g);
        }
        return;
    };
    let mut g = d.unsigned_abs();
    if g == 1 {
        return;
    }
    let mut div = ExactDivider64::new(g);
    for e in nums.iter() {
        match &e.0 {
            Repr::Small(0) => {}
            Repr::Small(n) => {
                if div.quotient(n.unsigned_abs()).is_none() {
                    g = gcd_u64(g, n.unsigned_abs() % g);
                    if g == 1 {
                        return;
                    }
                    div = ExactDivider64::new(g);
                }
            }
            Repr::Big(_) => {
                let h = e.gcd(&Int::from(g as i64));
                g = h.to_i64().expect("a divisor of a small value is small") as u64;
                if g == 1 {
                    return;
                }
                div = ExactDivider64::new(g);
            }
        }
    }
    let gi = Int::from(g as i64);
    for e in nums.iter_mut() {
        match &mut e.0 {
            Repr::Small(0) => {}
            Repr::Small(n) => {
                let q = div
                    .quotient(n.unsigned_abs())
                    .expect("divisible by the content") as i64;
                *n = if *n < 0 { -q } else { q };
            }
            Repr::Big(_) => *e = e.div_exact(&gi),
        }
    }
    *den = den.div_exact(&gi);
}

impl From<i64> for Int {
    fn from(n: i64) -> Int {
        Int::from_i128(n as i128)
    }
}

impl Default for Int {
    fn default() -> Self {
        Int::ZERO
    }
}

impl PartialEq for Int {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Small(a), Repr::Small(b)) => a == b,
            (Repr::Big(a), Repr::Big(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Int {}

impl Hash for Int {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.0 {
            Repr::Small(n) => {
                0u8.hash(state);
                n.hash(state);
            }
            Repr::Big(b) => {
                1u8.hash(state);
                b.hash(state);
            }
        }
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Small(a), Repr::Small(b)) => a.cmp(b),
            _ => self.big().as_ref().cmp(other.big().as_ref()),
        }
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Neg for &Int {
    type Output = Int;
    fn neg(self) -> Int {
        match &self.0 {
            Repr::Small(n) => Int(Repr::Small(-*n)),
            Repr::Big(b) => Int::from_big(-(**b).clone()),
        }
    }
}

impl Neg for Int {
    type Output = Int;
    fn neg(self) -> Int {
        -&self
    }
}

impl Add for &Int {
    type Output = Int;
    fn add(self, rhs: &Int) -> Int {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &rhs.0) {
            return Int::from_i128(*a as i128 + *b as i128);
        }
        Int::from_big(&*self.big() + &*rhs.big())
    }
}

impl Sub for &Int {
    type Output = Int;
    fn sub(self, rhs: &Int) -> Int {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &rhs.0) {
            return Int::from_i128(*a as i128 - *b as i128);
        }
        Int::from_big(&*self.big() - &*rhs.big())
    }
}

impl Mul for &Int {
    type Output = Int;
    fn mul(self, rhs: &Int) -> Int {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &rhs.0) {
            return Int::from_i128(*a as i128 * *b as i128);
        }
        Int::from_big(&*self.big() * &*rhs.big())
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(n) => write!(f, "{n}"),
            Repr::Big(b) => write!(f, "{b}"),
        }
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> Int {
        Int::from_big(Integer::from_str(s).unwrap())
    }

    #[test]
    fn fast_path_and_promotion() {
        let max = Int::from(i64::MAX);
        let one = Int::ONE;
        let sum = &max + &one;
        assert!(!sum.is_small());
        assert_eq!(sum.to_string(), "9223372036854775808");
        assert_eq!(&sum - &one, max);
        assert!((&sum - &one).is_small(), "demoted when it fits again");
        assert!(!Int::from(i64::MIN).is_small(), "i64::MIN is kept big");
        assert_eq!((-Int::from(i64::MIN)).to_string(), "9223372036854775808");
        // a*s - t*b overflowing i128 in the products.
        let v = max.mul_sub(&max, &max, &Int::from(-1));
        assert_eq!(
            v,
            big("85070591730234615847396907784232501249").mul_sub(&Int::ONE, &Int::from(-1), &max)
        );
        assert_eq!(
            Int::from(7).mul_sub(&Int::from(3), &Int::from(2), &Int::from(5)),
            Int::from(11)
        );
    }

    #[test]
    fn gcd_div_and_rationals() {
        assert_eq!(Int::from(-12).gcd(&Int::from(90)), Int::from(6));
        assert_eq!(Int::ZERO.gcd(&Int::from(-7)), Int::from(7));
        let b = big("340282366920938463463374607431768211456"); // 2^128
        assert_eq!(b.gcd(&Int::from(48)), Int::from(16));
        assert_eq!(
            b.div_exact(&big("18446744073709551616")),
            big("18446744073709551616")
        );
        assert_eq!(Int::from(-12).div_exact(&Int::from(4)), Int::from(-3));
        assert_eq!(
            Int::ratio(&Int::from(6), &Int::from(-8)).to_string(),
            "-3/4"
        );
        let r: Rat = "-340282366920938463463374607431768211456/3"
            .parse()
            .unwrap();
        let (n, d) = Int::parts(&r);
        assert_eq!(
            (n.to_string(), d.to_string()),
            (
                "-340282366920938463463374607431768211456".into(),
                "3".into()
            )
        );
        assert_eq!(Int::ratio(&n, &d), r);
        assert_eq!(Int::ratio(&-&n, &-&d), r);
        assert_eq!(b.bit_size(), 129);
        assert_eq!(Int::from(-5).bit_size(), 3);
        assert!(Int::from(-3) < Int::from(2) && b > Int::from(i64::MAX));
    }

    #[test]
    fn content_reduction() {
        let ints = |v: &[i64]| v.iter().map(|&x| Int::from(x)).collect::<Vec<_>>();
        let cases: [(i64, &[i64], i64, &[i64]); 5] = [
            (12, &[18, 0, -30], 2, &[3, 0, -5]),
            (12, &[18, 0, -35], 12, &[18, 0, -35]),
            (-8, &[4, 12], -2, &[1, 3]),
            (7, &[], 1, &[]),
            (1, &[5, 10], 1, &[5, 10]),
        ];
        for (d, nums, d2, nums2) in cases {
            let mut den = Int::from(d);
            let mut v = ints(nums);
            reduce_content(&mut den, &mut v);
            assert_eq!((den, v), (Int::from(d2), ints(nums2)), "{d} {nums:?}");
        }
        // Big entries and a big denominator.
        let b = big("340282366920938463463374607431768211456"); // 2^128
        let mut den = Int::from(24);
        let mut v = vec![b.clone(), Int::from(36)];
        reduce_content(&mut den, &mut v);
        // gcd(24, 2^128, 36) = 4.
        assert_eq!((den, v[1].clone()), (Int::from(6), Int::from(9)));
        assert_eq!(v[0], b.div_exact(&Int::from(4)));
        let mut den = b.clone();
        let mut v = vec![Int::from(1 << 40), Int::ZERO];
        reduce_content(&mut den, &mut v);
        assert_eq!(
            (den, v[0].clone()),
            (big("309485009821345068724781056"), Int::ONE)
        );
    }
}
