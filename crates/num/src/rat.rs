//! `Rat`: the one exact rational number type of mechcert.
//!
//! Invariants (checked by `Rat::is_canonical`, relied on by `Eq`/`Hash`):
//! - a value that fits is always `Small(n, d)` with `d > 0`, `gcd(|n|, d) = 1` and
//!   `n != i64::MIN` (so that negation never overflows);
//! - a value that does not fit is `Big`, holding malachite's canonical `Rational`.
//!
//! Every representation is therefore unique, so equality is structural. Arithmetic on two
//! small values runs in `i128` and falls back to malachite only when the result does not
//! fit; big results are demoted back to `Small` whenever they fit. The backend never leaks
//! out of this crate: callers see `Rat` and its integer accessors only.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::iter::{Product, Sum};
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use malachite_base::num::arithmetic::traits::{Pow, Sign};
use malachite_base::num::basic::traits::One;
use malachite_nz::integer::Integer;
use malachite_nz::natural::Natural;
use malachite_q::Rational;

use crate::word::{gcd_u64, gcd_u128};

/// An exact rational number, canonical at all times.
#[derive(Clone)]
pub struct Rat(Repr);

#[derive(Clone)]
enum Repr {
    Small(i64, i64),
    Big(Box<Rational>),
}

/// Why a string is not a canonical-form rational (`-3/4`, `7`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseRatError {
    Empty,
    /// A decimal point or exponent: exact input only (the payload suggests a fraction).
    Decimal(Option<String>),
    Malformed,
    ZeroDenominator,
}

impl fmt::Display for ParseRatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseRatError::Empty => write!(f, "empty number"),
            ParseRatError::Decimal(Some(s)) => {
                write!(f, "decimals are not exact here; write the fraction {s}")
            }
            ParseRatError::Decimal(None) => {
                write!(f, "decimals are not exact here; write a fraction p/q")
            }
            ParseRatError::Malformed => {
                write!(
                    f,
                    "not a number: write an integer like 7 or a fraction like -3/4"
                )
            }
            ParseRatError::ZeroDenominator => write!(f, "the denominator is zero"),
        }
    }
}

impl std::error::Error for ParseRatError {}

fn fits(v: i128) -> bool {
    v > i64::MIN as i128 && v <= i64::MAX as i128
}

impl Rat {
    /// Zero.
    pub const ZERO: Rat = Rat(Repr::Small(0, 1));
    /// One.
    pub const ONE: Rat = Rat(Repr::Small(1, 1));

    /// The integer `n`.
    pub fn int(n: i64) -> Rat {
        if n == i64::MIN {
            Rat::from_big(Rational::from(n))
        } else {
            Rat(Repr::Small(n, 1))
        }
    }

    /// `n / d`, reduced. Panics if `d == 0` (a programming error, never input: parsing
    /// reports a zero denominator as an error).
    pub fn new(n: i64, d: i64) -> Rat {
        assert!(d != 0, "Rat::new: zero denominator");
        Rat::from_i128(n as i128, d as i128)
    }

    /// `n / d` for wide integers, reduced. Panics if `d == 0`.
    pub fn from_i128(n: i128, d: i128) -> Rat {
        assert!(d != 0, "Rat::from_i128: zero denominator");
        if n == 0 {
            return Rat::ZERO;
        }
        // Work with magnitudes in u128 so that i128::MIN is handled.
        let neg = (n < 0) != (d < 0);
        let (un, ud) = (n.unsigned_abs(), d.unsigned_abs());
        let g = gcd_u128(un, ud);
        let (un, ud) = (un / g, ud / g);
        if un <= i64::MAX as u128 && ud <= i64::MAX as u128 {
            let num = un as i64;
            Rat(Repr::Small(if neg { -num } else { num }, ud as i64))
        } else {
            let r = Rational::from_sign_and_naturals(!neg, Natural::from(un), Natural::from(ud));
            Rat::from_big(r)
        }
    }

    fn from_big(r: Rational) -> Rat {
        // Demote when both parts fit in the small representation.
        let n = r.numerator_ref();
        let d = r.denominator_ref();
        if let (Ok(un), Ok(ud)) = (u64::try_from(n), u64::try_from(d))
            && un <= i64::MAX as u64
            && ud <= i64::MAX as u64
        {
            let num = un as i64;
            let neg = r.sign() == Ordering::Less;
            return Rat(Repr::Small(if neg { -num } else { num }, ud as i64));
        }
        Rat(Repr::Big(Box::new(r)))
    }

    fn big_ref(&self) -> std::borrow::Cow<'_, Rational> {
        match &self.0 {
            Repr::Small(n, d) => std::borrow::Cow::Owned(Rational::from_signeds(*n, *d)),
            Repr::Big(b) => std::borrow::Cow::Borrowed(&**b),
        }
    }

    /// Is the stored representation the canonical one (the type's invariant)?
    pub fn is_canonical(&self) -> bool {
        match &self.0 {
            Repr::Small(n, d) => {
                *d > 0 && *n != i64::MIN && gcd_u64(n.unsigned_abs(), *d as u64) == 1
            }
            Repr::Big(b) => {
                let fits_small = u64::try_from(b.numerator_ref())
                    .is_ok_and(|n| n <= i64::MAX as u64)
                    && u64::try_from(b.denominator_ref()).is_ok_and(|d| d <= i64::MAX as u64);
                !fits_small
            }
        }
    }

    /// Is this value held in the `i64` fast path?
    pub fn is_small(&self) -> bool {
        matches!(self.0, Repr::Small(..))
    }

    /// Numerator and denominator when both fit in `i64` (denominator > 0).
    pub fn to_i64_pair(&self) -> Option<(i64, i64)> {
        match self.0 {
            Repr::Small(n, d) => Some((n, d)),
            Repr::Big(_) => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small(0, _))
    }

    pub fn is_one(&self) -> bool {
        matches!(self.0, Repr::Small(1, 1))
    }

    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Small(_, d) => *d == 1,
            Repr::Big(b) => *b.denominator_ref() == 1u32,
        }
    }

    /// -1, 0 or 1 as an `Ordering` against zero.
    pub fn signum(&self) -> Ordering {
        match &self.0 {
            Repr::Small(n, _) => n.cmp(&0),
            Repr::Big(b) => b.sign(),
        }
    }

    pub fn is_negative(&self) -> bool {
        self.signum() == Ordering::Less
    }

    pub fn is_positive(&self) -> bool {
        self.signum() == Ordering::Greater
    }

    pub fn abs(&self) -> Rat {
        if self.is_negative() {
            -self
        } else {
            self.clone()
        }
    }

    /// `1 / self`; `None` for zero.
    pub fn recip(&self) -> Option<Rat> {
        match &self.0 {
            Repr::Small(0, _) => None,
            Repr::Small(n, d) => Some(if *n < 0 {
                Rat::from_i128(-(*d as i128), -(*n as i128))
            } else {
                Rat::from_i128(*d as i128, *n as i128)
            }),
            Repr::Big(b) => Some(Rat::from_big(Rational::ONE / &**b)),
        }
    }

    /// `self^e` for a non-negative exponent.
    pub fn pow(&self, e: u64) -> Rat {
        match e {
            0 => Rat::ONE,
            1 => self.clone(),
            _ => Rat::from_big((&*self.big_ref()).pow(e)),
        }
    }

    pub fn min(self, other: Rat) -> Rat {
        if other < self { other } else { self }
    }

    pub fn max(self, other: Rat) -> Rat {
        if other > self { other } else { self }
    }

    /// The numerator as a decimal string (sign included).
    pub fn numer_string(&self) -> String {
        match &self.0 {
            Repr::Small(n, _) => n.to_string(),
            Repr::Big(b) => {
                let s = b.numerator_ref().to_string();
                if b.sign() == Ordering::Less {
                    format!("-{s}")
                } else {
                    s
                }
            }
        }
    }

    /// The denominator (> 0) as a decimal string.
    pub fn denom_string(&self) -> String {
        match &self.0 {
            Repr::Small(_, d) => d.to_string(),
            Repr::Big(b) => b.denominator_ref().to_string(),
        }
    }

    /// The denominator when it fits in `u64`.
    pub fn denom_u64(&self) -> Option<u64> {
        match &self.0 {
            Repr::Small(_, d) => Some(*d as u64),
            Repr::Big(b) => u64::try_from(b.denominator_ref()).ok(),
        }
    }

    /// Number of bits of numerator plus denominator: a size measure for shrinking and
    /// for reporting how large certificates grow.
    pub fn bit_size(&self) -> u64 {
        match &self.0 {
            Repr::Small(n, d) => {
                (64 - n.unsigned_abs().leading_zeros() as u64)
                    + (64 - (*d as u64).leading_zeros() as u64)
            }
            Repr::Big(b) => {
                use malachite_base::num::logic::traits::SignificantBits;
                b.numerator_ref().significant_bits() + b.denominator_ref().significant_bits()
            }
        }
    }

    /// Largest integer `<= self`.
    pub fn floor(&self) -> Rat {
        match &self.0 {
            Repr::Small(n, d) => Rat::int(n.div_euclid(*d)),
            Repr::Big(b) => {
                use malachite_base::num::arithmetic::traits::Floor;
                Rat::from_big(Rational::from((&**b).floor()))
            }
        }
    }

    /// Smallest integer `>= self`.
    pub fn ceil(&self) -> Rat {
        -(-self).floor()
    }

    /// The midpoint `(a + b) / 2`.
    pub fn midpoint(a: &Rat, b: &Rat) -> Rat {
        (a + b) / Rat::int(2)
    }

    /// Least common multiple of the denominators of `values` when it fits in `i64`.
    pub fn common_denominator<'a>(values: impl IntoIterator<Item = &'a Rat>) -> Option<i64> {
        let mut l: i64 = 1;
        for v in values {
            // A big value may still have a small denominator (e.g. `i64::MIN`, `10^30/3`).
            let d = i64::try_from(v.denom_u64()?).ok()?;
            let g = gcd_u64(l as u64, d as u64) as i64;
            l = (l / g).checked_mul(d)?;
        }
        Some(l)
    }

    /// `self * scale` when it is an integer that fits in `i64` (for integer kernels).
    pub fn scaled_to_i64(&self, scale: i64) -> Option<i64> {
        let Some((n, d)) = self.to_i64_pair() else {
            // Big values: the product may still fit (`i64::MIN * 1`, `-1/2^63 * i64::MIN`, `x * 0`).
            return i64::try_from(&(&*self.big_ref() * Rational::from(scale))).ok();
        };
        if scale % d != 0 {
            return None;
        }
        n.checked_mul(scale / d)
    }
}

impl Default for Rat {
    fn default() -> Self {
        Rat::ZERO
    }
}

impl PartialEq for Rat {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Small(a, b), Repr::Small(c, d)) => a == c && b == d,
            (Repr::Big(x), Repr::Big(y)) => x == y,
            _ => false,
        }
    }
}

impl Eq for Rat {}

impl Hash for Rat {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.0 {
            Repr::Small(n, d) => {
                0u8.hash(state);
                n.hash(state);
                d.hash(state);
            }
            Repr::Big(b) => {
                1u8.hash(state);
                b.hash(state);
            }
        }
    }
}

impl Ord for Rat {
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Small(a, b), Repr::Small(c, d)) => {
                if b == d {
                    a.cmp(c)
                } else {
                    ((*a as i128) * (*d as i128)).cmp(&((*c as i128) * (*b as i128)))
                }
            }
            _ => self.big_ref().as_ref().cmp(other.big_ref().as_ref()),
        }
    }
}

impl PartialOrd for Rat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn add_small(a: i64, b: i64, c: i64, d: i64) -> Option<Rat> {
    // a/b + c/d, b, d > 0, both reduced.
    if b == d {
        let n = a as i128 + c as i128;
        if b == 1 {
            return fits(n).then_some(Rat(Repr::Small(n as i64, 1)));
        }
        return Some(Rat::from_i128(n, b as i128));
    }
    let g = gcd_u64(b as u64, d as u64) as i128;
    let (b, d) = (b as i128, d as i128);
    if g == 1 {
        let n = a as i128 * d + c as i128 * b;
        let den = b * d;
        // gcd(n, b*d) = 1 here (classic argument), but the result may not fit.
        if fits(n) && den <= i64::MAX as i128 {
            return Some(Rat(Repr::Small(n as i64, den as i64)));
        }
        return Some(Rat::from_i128(n, den));
    }
    let t = a as i128 * (d / g) + c as i128 * (b / g);
    let g2 = gcd_u128(t.unsigned_abs(), g as u128) as i128;
    let n = t / g2;
    let den = (b / g) * (d / g2);
    if fits(n) && den <= i64::MAX as i128 {
        Some(Rat(Repr::Small(n as i64, den as i64)))
    } else {
        Some(Rat::from_i128(n, den))
    }
}

fn mul_small(a: i64, b: i64, c: i64, d: i64) -> Rat {
    if a == 0 || c == 0 {
        return Rat::ZERO;
    }
    let g1 = gcd_u64(a.unsigned_abs(), d as u64) as i64;
    let g2 = gcd_u64(c.unsigned_abs(), b as u64) as i64;
    let n = (a / g1) as i128 * (c / g2) as i128;
    let den = (b / g2) as i128 * (d / g1) as i128;
    if fits(n) && den <= i64::MAX as i128 {
        Rat(Repr::Small(n as i64, den as i64))
    } else {
        Rat::from_i128(n, den)
    }
}

impl<'a> Add<&'a Rat> for &'a Rat {
    type Output = Rat;
    fn add(self, rhs: &'a Rat) -> Rat {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &rhs.0)
            && let Some(r) = add_small(*a, *b, *c, *d)
        {
            return r;
        }
        Rat::from_big(&*self.big_ref() + &*rhs.big_ref())
    }
}

impl<'a> Sub<&'a Rat> for &'a Rat {
    type Output = Rat;
    fn sub(self, rhs: &'a Rat) -> Rat {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &rhs.0)
            && let Some(r) = add_small(*a, *b, -*c, *d)
        {
            // -c never overflows: c != i64::MIN by the invariant.
            return r;
        }
        Rat::from_big(&*self.big_ref() - &*rhs.big_ref())
    }
}

impl<'a> Mul<&'a Rat> for &'a Rat {
    type Output = Rat;
    fn mul(self, rhs: &'a Rat) -> Rat {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &rhs.0) {
            return mul_small(*a, *b, *c, *d);
        }
        Rat::from_big(&*self.big_ref() * &*rhs.big_ref())
    }
}

impl<'a> Div<&'a Rat> for &'a Rat {
    type Output = Rat;
    /// Panics on division by zero (callers check: a zero divisor is a programming error).
    #[allow(clippy::suspicious_arithmetic_impl)] // a / b = a * (1/b)
    fn div(self, rhs: &'a Rat) -> Rat {
        let inv = rhs.recip().expect("Rat: division by zero");
        self * &inv
    }
}

impl Neg for &Rat {
    type Output = Rat;
    fn neg(self) -> Rat {
        match &self.0 {
            Repr::Small(n, d) => Rat(Repr::Small(-*n, *d)),
            Repr::Big(b) => Rat::from_big(-(**b).clone()),
        }
    }
}

impl Neg for Rat {
    type Output = Rat;
    fn neg(self) -> Rat {
        match self.0 {
            Repr::Small(n, d) => Rat(Repr::Small(-n, d)),
            Repr::Big(b) => Rat::from_big(-*b),
        }
    }
}

macro_rules! forward_binop {
    ($tr:ident, $m:ident, $atr:ident, $am:ident) => {
        impl $tr<Rat> for Rat {
            type Output = Rat;
            fn $m(self, rhs: Rat) -> Rat {
                (&self).$m(&rhs)
            }
        }
        impl<'a> $tr<&'a Rat> for Rat {
            type Output = Rat;
            fn $m(self, rhs: &'a Rat) -> Rat {
                (&self).$m(rhs)
            }
        }
        impl<'a> $tr<Rat> for &'a Rat {
            type Output = Rat;
            fn $m(self, rhs: Rat) -> Rat {
                self.$m(&rhs)
            }
        }
        impl $atr<Rat> for Rat {
            fn $am(&mut self, rhs: Rat) {
                *self = (&*self).$m(&rhs);
            }
        }
        impl<'a> $atr<&'a Rat> for Rat {
            fn $am(&mut self, rhs: &'a Rat) {
                *self = (&*self).$m(rhs);
            }
        }
    };
}

forward_binop!(Add, add, AddAssign, add_assign);
forward_binop!(Sub, sub, SubAssign, sub_assign);
forward_binop!(Mul, mul, MulAssign, mul_assign);
forward_binop!(Div, div, DivAssign, div_assign);

impl Sum for Rat {
    fn sum<I: Iterator<Item = Rat>>(iter: I) -> Rat {
        iter.fold(Rat::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Rat> for Rat {
    fn sum<I: Iterator<Item = &'a Rat>>(iter: I) -> Rat {
        iter.fold(Rat::ZERO, |a, b| a + b)
    }
}

impl Product for Rat {
    fn product<I: Iterator<Item = Rat>>(iter: I) -> Rat {
        iter.fold(Rat::ONE, |a, b| a * b)
    }
}

impl From<i64> for Rat {
    fn from(n: i64) -> Rat {
        Rat::int(n)
    }
}

impl From<i32> for Rat {
    fn from(n: i32) -> Rat {
        Rat::int(n as i64)
    }
}

impl From<u64> for Rat {
    fn from(n: u64) -> Rat {
        Rat::from_i128(n as i128, 1)
    }
}

impl From<usize> for Rat {
    fn from(n: usize) -> Rat {
        Rat::from_i128(n as i128, 1)
    }
}

impl fmt::Display for Rat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(n, 1) => write!(f, "{n}"),
            Repr::Small(n, d) => write!(f, "{n}/{d}"),
            Repr::Big(b) => write!(f, "{b}"),
        }
    }
}

impl fmt::Debug for Rat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Suggest an exact fraction for a decimal literal such as `0.125` or `-2.5`.
fn decimal_to_fraction(s: &str) -> Option<String> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = body.split_once('.')?;
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 30 {
        return None;
    }
    let digits = format!("{int}{frac}");
    let num = Natural::from_str(if digits.is_empty() { "0" } else { &digits }).ok()?;
    let den = Natural::from(10u32).pow(frac.len() as u64);
    let r = Rational::from_sign_and_naturals(!neg, num, den);
    Some(Rat::from_big(r).to_string())
}

impl FromStr for Rat {
    type Err = ParseRatError;

    /// Accepts `7`, `-7`, `+7`, `3/4`, `-3/4` (surrounding spaces allowed, also around `/`).
    /// Rejects decimals with a suggested fraction, and zero denominators.
    fn from_str(s: &str) -> Result<Rat, ParseRatError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseRatError::Empty);
        }
        if s.contains(['.', 'e', 'E']) {
            return Err(ParseRatError::Decimal(decimal_to_fraction(s)));
        }
        let (ns, ds) = match s.split_once('/') {
            Some((n, d)) => (n.trim(), Some(d.trim())),
            None => (s, None),
        };
        let parse_int = |t: &str, allow_sign: bool| -> Result<Integer, ParseRatError> {
            let body = if allow_sign {
                t.strip_prefix('-')
                    .or_else(|| t.strip_prefix('+'))
                    .unwrap_or(t)
            } else {
                t
            };
            if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit()) {
                return Err(ParseRatError::Malformed);
            }
            let n = Integer::from_str(body).map_err(|_| ParseRatError::Malformed)?;
            Ok(if t.starts_with('-') { -n } else { n })
        };
        let n = parse_int(ns, true)?;
        let d = match ds {
            Some(d) => parse_int(d, false)?,
            None => Integer::from(1u32),
        };
        if d == 0u32 {
            return Err(ParseRatError::ZeroDenominator);
        }
        Ok(Rat::from_big(Rational::from_integers(n, d)))
    }
}

impl serde::Serialize for Rat {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Rat {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rat, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Rat {
        s.parse().unwrap()
    }

    #[test]
    fn canonical_printing() {
        for (input, printed) in [
            ("6/8", "3/4"),
            ("-6/8", "-3/4"),
            ("6/-8", "ERR"),
            ("14/2", "7"),
            ("0/5", "0"),
            ("-0", "0"),
            ("+5", "5"),
            (" 1 / 3 ", "1/3"),
        ] {
            match input.parse::<Rat>() {
                Ok(v) => {
                    assert_eq!(v.to_string(), printed, "{input}");
                    assert!(v.is_canonical());
                }
                Err(_) => assert_eq!(printed, "ERR", "{input}"),
            }
        }
    }

    #[test]
    fn decimals_get_a_suggestion() {
        assert_eq!(
            "0.5".parse::<Rat>(),
            Err(ParseRatError::Decimal(Some("1/2".into())))
        );
        assert_eq!(
            "-0.125".parse::<Rat>(),
            Err(ParseRatError::Decimal(Some("-1/8".into())))
        );
        assert_eq!("1e3".parse::<Rat>(), Err(ParseRatError::Decimal(None)));
        assert_eq!("1/0".parse::<Rat>(), Err(ParseRatError::ZeroDenominator));
        assert_eq!("abc".parse::<Rat>(), Err(ParseRatError::Malformed));
        assert_eq!("".parse::<Rat>(), Err(ParseRatError::Empty));
    }

    #[test]
    fn overflow_boundaries_promote_and_demote() {
        let max = Rat::int(i64::MAX);
        let big = &max + &Rat::ONE;
        assert!(!big.is_small());
        assert!(big.is_canonical());
        assert_eq!(big.to_string(), "9223372036854775808");
        let back = &big - &Rat::ONE;
        assert!(back.is_small());
        assert_eq!(back, max);
        let min = Rat::int(i64::MIN);
        assert!(
            !min.is_small(),
            "i64::MIN is kept big so negation cannot overflow"
        );
        assert_eq!((-&min).to_string(), "9223372036854775808");
        let tiny = Rat::new(1, i64::MAX);
        let sq = &tiny * &tiny;
        assert!(!sq.is_small());
        assert_eq!(&sq * &(&max * &max), Rat::ONE);
    }

    #[test]
    fn worked_examples() {
        assert_eq!(r("1/3") + r("1/6"), r("1/2"));
        assert_eq!(r("1/3") - r("1/2"), r("-1/6"));
        assert_eq!(r("2/3") * r("9/4"), r("3/2"));
        assert_eq!(r("2/3") / r("-4/9"), r("-3/2"));
        assert!(r("1/3") < r("34/100"));
        assert_eq!(r("-7/2").floor(), r("-4"));
        assert_eq!(r("-7/2").ceil(), r("-3"));
        assert_eq!(r("2/3").pow(3), r("8/27"));
        assert_eq!(
            Rat::common_denominator(&[r("1/4"), r("1/6"), r("2")]),
            Some(12)
        );
        assert_eq!(r("5/6").scaled_to_i64(12), Some(10));
    }
}
