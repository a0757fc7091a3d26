//! `Poly`: univariate polynomials over `Rat` in the instance parameter (default name `k`),
//! with exact arithmetic, Euclidean division, gcd, square-free part and canonical printing.
//!
//! Invariants: coefficients are stored in ascending degree and are always trimmed (the
//! last stored coefficient is non-zero; the zero polynomial is the empty vector). Every
//! representation is therefore unique, so equality and hashing are structural.
//!
//! Printing is canonical and ascending in degree: `19/27 - 4/27*k`, `-3 + k^2`, `-k`,
//! `1/2*k^3`, `0`. Parsing lives in `poly_parse.rs`; roots and signs in `roots.rs` and
//! `sign.rs`.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use crate::Rat;

/// A polynomial in one parameter with rational coefficients, always trimmed.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Poly {
    c: Vec<Rat>,
}

/// The generator of the additive group `aZ + bZ` of two rationals (non-negative; `0` when
/// both are zero). For integers this is the usual gcd.
pub(crate) fn rat_gcd(a: &Rat, b: &Rat) -> Rat {
    let (mut x, mut y) = (a.abs(), b.abs());
    while !y.is_zero() {
        let q = (&x / &y).floor();
        let r = &x - &(&q * &y);
        x = y;
        y = r;
    }
    x
}

impl Poly {
    /// The zero polynomial.
    pub fn zero() -> Poly {
        Poly { c: Vec::new() }
    }

    /// The constant one.
    pub fn one() -> Poly {
        Poly::constant(Rat::ONE)
    }

    /// The constant `c` (the zero polynomial when `c == 0`).
    pub fn constant(c: Rat) -> Poly {
        Poly::from_coeffs(vec![c])
    }

    /// The parameter itself.
    pub fn var() -> Poly {
        Poly {
            c: vec![Rat::ZERO, Rat::ONE],
        }
    }

    /// `c * k^deg`.
    pub fn monomial(c: Rat, deg: usize) -> Poly {
        if c.is_zero() {
            return Poly::zero();
        }
        let mut v = vec![Rat::ZERO; deg];
        v.push(c);
        Poly { c: v }
    }

    /// `c0 + c1 * k`.
    pub fn linear(c0: Rat, c1: Rat) -> Poly {
        Poly::from_coeffs(vec![c0, c1])
    }

    /// From ascending coefficients (trailing zeros are trimmed).
    pub fn from_coeffs(mut c: Vec<Rat>) -> Poly {
        while c.last().is_some_and(Rat::is_zero) {
            c.pop();
        }
        Poly { c }
    }

    /// From ascending integer coefficients (convenient for tables).
    pub fn from_ints(c: &[i64]) -> Poly {
        Poly::from_coeffs(c.iter().map(|&n| Rat::int(n)).collect())
    }

    /// `prod (k - r)` over the given roots (with repetition).
    pub fn from_roots(roots: &[Rat]) -> Poly {
        roots
            .iter()
            .fold(Poly::one(), |acc, r| acc * Poly::linear(-r, Rat::ONE))
    }

    /// Ascending coefficients; empty for the zero polynomial, never a trailing zero.
    pub fn coeffs(&self) -> &[Rat] {
        &self.c
    }

    /// The coefficient of `k^i` (zero beyond the degree).
    pub fn coeff(&self, i: usize) -> Rat {
        self.c.get(i).cloned().unwrap_or(Rat::ZERO)
    }

    /// The degree; `None` for the zero polynomial.
    pub fn degree(&self) -> Option<usize> {
        self.c.len().checked_sub(1)
    }

    pub fn is_zero(&self) -> bool {
        self.c.is_empty()
    }

    /// Zero or a non-zero constant.
    pub fn is_constant(&self) -> bool {
        self.c.len() <= 1
    }

    /// The value if the polynomial does not depend on the parameter.
    pub fn as_constant(&self) -> Option<Rat> {
        match self.c.len() {
            0 => Some(Rat::ZERO),
            1 => Some(self.c[0].clone()),
            _ => None,
        }
    }

    /// The leading coefficient; `None` for zero.
    pub fn leading_coeff(&self) -> Option<&Rat> {
        self.c.last()
    }

    /// The value at `x` (Horner).
    pub fn eval(&self, x: &Rat) -> Rat {
        let mut acc = Rat::ZERO;
        for a in self.c.iter().rev() {
            acc = &(&acc * x) + a;
        }
        acc
    }

    /// The sign of the value at `x`.
    pub fn sign_at_rat(&self, x: &Rat) -> Ordering {
        self.eval(x).signum()
    }

    /// The sign for parameter values large enough (the leading coefficient's sign).
    pub fn sign_at_pos_inf(&self) -> Ordering {
        self.c.last().map_or(Ordering::Equal, Rat::signum)
    }

    /// The sign for parameter values small enough.
    pub fn sign_at_neg_inf(&self) -> Ordering {
        let s = self.sign_at_pos_inf();
        if self.c.len().is_multiple_of(2) {
            s.reverse()
        } else {
            s
        }
    }

    /// The formal derivative.
    pub fn derivative(&self) -> Poly {
        Poly::from_coeffs(
            self.c
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, a)| a * &Rat::from(i))
                .collect(),
        )
    }

    /// `self * r`.
    pub fn scale(&self, r: &Rat) -> Poly {
        if r.is_zero() {
            return Poly::zero();
        }
        Poly {
            c: self.c.iter().map(|a| a * r).collect(),
        }
    }

    /// `self^e`.
    pub fn pow(&self, mut e: u32) -> Poly {
        let mut base = self.clone();
        let mut acc = Poly::one();
        while e > 0 {
            if e & 1 == 1 {
                acc = &acc * &base;
            }
            e >>= 1;
            if e > 0 {
                base = &base * &base;
            }
        }
        acc
    }

    /// Quotient and remainder of exact division over the rationals:
    /// `self = q * d + r` with `deg r < deg d`. Panics if `d` is zero (a programming
    /// error, like dividing a `Rat` by zero).
    pub fn div_rem(&self, d: &Poly) -> (Poly, Poly) {
        let dn = d
            .degree()
            .expect("Poly::div_rem: division by the zero polynomial");
        let Some(n) = self.degree() else {
            return (Poly::zero(), Poly::zero());
        };
        if n < dn {
            return (Poly::zero(), self.clone());
        }
        let lc_inv = d.c[dn]
            .recip()
            .expect("trimmed: leading coefficient is non-zero");
        let mut r = self.c.clone();
        let mut q = vec![Rat::ZERO; n - dn + 1];
        for i in (0..=n - dn).rev() {
            let t = &r[i + dn] * &lc_inv;
            if t.is_zero() {
                continue;
            }
            for (j, dj) in d.c.iter().enumerate() {
                let sub = &t * dj;
                r[i + j] -= &sub;
            }
            q[i] = t;
        }
        r.truncate(dn);
        (Poly::from_coeffs(q), Poly::from_coeffs(r))
    }

    /// `self / lc` (zero stays zero).
    pub fn monic(&self) -> Poly {
        match self.c.last() {
            None => Poly::zero(),
            Some(lc) if lc.is_one() => self.clone(),
            Some(lc) => self.scale(&lc.recip().expect("non-zero")),
        }
    }

    /// The monic greatest common divisor; `gcd(0, 0) = 0`.
    pub fn gcd(&self, other: &Poly) -> Poly {
        let (mut a, mut b) = (self.monic(), other.monic());
        while !b.is_zero() {
            let (_, r) = a.div_rem(&b);
            a = b;
            b = r.monic();
        }
        a
    }

    /// The monic square-free part `p / gcd(p, p')`: same distinct roots, all simple.
    /// Zero stays zero; a non-zero constant gives `1`.
    pub fn squarefree_part(&self) -> Poly {
        if self.is_constant() {
            return if self.is_zero() {
                Poly::zero()
            } else {
                Poly::one()
            };
        }
        let g = self.gcd(&self.derivative());
        self.div_rem(&g).0.monic()
    }

    /// The positive rational `c` such that `self / c` has coprime integer coefficients
    /// (zero for the zero polynomial).
    pub fn content(&self) -> Rat {
        self.c.iter().fold(Rat::ZERO, |g, a| rat_gcd(&g, a))
    }

    /// `self` divided by its content and sign: coprime integer coefficients and a positive
    /// leading coefficient (zero stays zero).
    pub fn primitive_part(&self) -> Poly {
        let Some(lc) = self.c.last() else {
            return Poly::zero();
        };
        let c = self.content();
        let c = if lc.is_negative() { -c } else { c };
        self.scale(&c.recip().expect("non-zero content"))
    }

    /// `self(inner(k))`.
    pub fn compose(&self, inner: &Poly) -> Poly {
        let mut acc = Poly::zero();
        for a in self.c.iter().rev() {
            acc = &acc * inner;
            acc += &Poly::constant(a.clone());
        }
        acc
    }

    /// `self(k + a)`.
    pub fn shift(&self, a: &Rat) -> Poly {
        self.compose(&Poly::linear(a.clone(), Rat::ONE))
    }

    /// The canonical printing with another parameter name, e.g. `p.display_with("t")`.
    pub fn display_with(&self, name: &str) -> String {
        PolyDisplay { p: self, name }.to_string()
    }
}

/// `Display` of a polynomial with a chosen parameter name.
struct PolyDisplay<'a> {
    p: &'a Poly,
    name: &'a str,
}

impl fmt::Display for PolyDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.p.c.is_empty() {
            return f.write_str("0");
        }
        let mut first = true;
        for (i, a) in self.p.c.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            let neg = a.is_negative();
            let mag = a.abs();
            if first {
                if neg {
                    f.write_str("-")?;
                }
            } else {
                f.write_str(if neg { " - " } else { " + " })?;
            }
            first = false;
            match i {
                0 => write!(f, "{mag}")?,
                _ => {
                    if !mag.is_one() {
                        write!(f, "{mag}*")?;
                    }
                    f.write_str(self.name)?;
                    if i > 1 {
                        write!(f, "^{i}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Poly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&PolyDisplay { p: self, name: "k" }, f)
    }
}

impl fmt::Debug for Poly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Poly({self})")
    }
}

impl From<Rat> for Poly {
    fn from(r: Rat) -> Poly {
        Poly::constant(r)
    }
}

fn add_into(acc: &mut Vec<Rat>, rhs: &[Rat], negate: bool) {
    if acc.len() < rhs.len() {
        acc.resize(rhs.len(), Rat::ZERO);
    }
    for (a, b) in acc.iter_mut().zip(rhs) {
        if negate {
            *a -= b;
        } else {
            *a += b;
        }
    }
    while acc.last().is_some_and(Rat::is_zero) {
        acc.pop();
    }
}

impl<'a> Add<&'a Poly> for &'a Poly {
    type Output = Poly;
    fn add(self, rhs: &'a Poly) -> Poly {
        let mut c = self.c.clone();
        add_into(&mut c, &rhs.c, false);
        Poly { c }
    }
}

impl<'a> Sub<&'a Poly> for &'a Poly {
    type Output = Poly;
    fn sub(self, rhs: &'a Poly) -> Poly {
        let mut c = self.c.clone();
        add_into(&mut c, &rhs.c, true);
        Poly { c }
    }
}

impl<'a> Mul<&'a Poly> for &'a Poly {
    type Output = Poly;
    fn mul(self, rhs: &'a Poly) -> Poly {
        if self.c.is_empty() || rhs.c.is_empty() {
            return Poly::zero();
        }
        let mut c = vec![Rat::ZERO; self.c.len() + rhs.c.len() - 1];
        for (i, a) in self.c.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            for (j, b) in rhs.c.iter().enumerate() {
                let t = a * b;
                c[i + j] += &t;
            }
        }
        // The product of two non-zero leading coefficients is non-zero: already trimmed.
        Poly { c }
    }
}

impl Neg for &Poly {
    type Output = Poly;
    fn neg(self) -> Poly {
        Poly {
            c: self.c.iter().map(|a| -a).collect(),
        }
    }
}

impl Neg for Poly {
    type Output = Poly;
    fn neg(self) -> Poly {
        Poly {
            c: self.c.into_iter().map(|a| -a).collect(),
        }
    }
}

impl<'a> AddAssign<&'a Poly> for Poly {
    fn add_assign(&mut self, rhs: &'a Poly) {
        add_into(&mut self.c, &rhs.c, false);
    }
}

impl<'a> SubAssign<&'a Poly> for Poly {
    fn sub_assign(&mut self, rhs: &'a Poly) {
        add_into(&mut self.c, &rhs.c, true);
    }
}

impl AddAssign<Poly> for Poly {
    fn add_assign(&mut self, rhs: Poly) {
        add_into(&mut self.c, &rhs.c, false);
    }
}

impl SubAssign<Poly> for Poly {
    fn sub_assign(&mut self, rhs: Poly) {
        add_into(&mut self.c, &rhs.c, true);
    }
}

impl<'a> MulAssign<&'a Poly> for Poly {
    fn mul_assign(&mut self, rhs: &'a Poly) {
        *self = &*self * rhs;
    }
}

impl MulAssign<Poly> for Poly {
    fn mul_assign(&mut self, rhs: Poly) {
        *self = &*self * &rhs;
    }
}

macro_rules! forward_owned {
    ($tr:ident, $m:ident) => {
        impl $tr<Poly> for Poly {
            type Output = Poly;
            fn $m(self, rhs: Poly) -> Poly {
                (&self).$m(&rhs)
            }
        }
        impl<'a> $tr<&'a Poly> for Poly {
            type Output = Poly;
            fn $m(self, rhs: &'a Poly) -> Poly {
                (&self).$m(rhs)
            }
        }
        impl<'a> $tr<Poly> for &'a Poly {
            type Output = Poly;
            fn $m(self, rhs: Poly) -> Poly {
                self.$m(&rhs)
            }
        }
    };
}

forward_owned!(Add, add);
forward_owned!(Sub, sub);
forward_owned!(Mul, mul);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rat_gcd_generates_the_lattice() {
        assert_eq!(rat_gcd(&Rat::new(1, 2), &Rat::new(1, 3)), Rat::new(1, 6));
        assert_eq!(rat_gcd(&Rat::int(12), &Rat::int(-18)), Rat::int(6));
        assert_eq!(rat_gcd(&Rat::new(4, 9), &Rat::new(2, 3)), Rat::new(2, 9));
        assert_eq!(rat_gcd(&Rat::ZERO, &Rat::new(-5, 7)), Rat::new(5, 7));
    }
}
