//! Univariate polynomials over Q in the instance parameter: arithmetic, exact evaluation,
//! Taylor shift and the Möbius transform used by Descartes' rule of signs, and Sturm
//! sequences that count distinct real roots on an interval exactly.

use std::cmp::Ordering;

use num_traits::{One, Signed, Zero};

use crate::number::{Q, fmt_rat, int};

/// The largest degree a polynomial may reach (guards against absurd inputs).
pub const MAX_DEGREE: usize = 256;

/// A polynomial Σ c_i k^i; no trailing zero coefficients (the zero polynomial is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poly {
    c: Vec<Q>,
}

impl Poly {
    pub fn zero() -> Poly {
        Poly { c: vec![] }
    }

    pub fn constant(q: Q) -> Poly {
        Poly::from_coeffs(vec![q])
    }

    /// The parameter itself.
    pub fn var() -> Poly {
        Poly::from_coeffs(vec![Q::zero(), Q::one()])
    }

    pub fn from_coeffs(mut c: Vec<Q>) -> Poly {
        while c.last().is_some_and(Zero::is_zero) {
            c.pop();
        }
        Poly { c }
    }

    pub fn coeffs(&self) -> &[Q] {
        &self.c
    }

    pub fn is_zero(&self) -> bool {
        self.c.is_empty()
    }

    /// The degree (`None` for the zero polynomial).
    pub fn degree(&self) -> Option<usize> {
        self.c.len().checked_sub(1)
    }

    /// The degree, 0 for the zero polynomial.
    pub fn deg0(&self) -> usize {
        self.degree().unwrap_or(0)
    }

    /// The value if the polynomial is a constant.
    pub fn as_constant(&self) -> Option<Q> {
        match self.c.len() {
            0 => Some(Q::zero()),
            1 => Some(self.c[0].clone()),
            _ => None,
        }
    }

    pub fn lead(&self) -> Q {
        self.c.last().cloned().unwrap_or_else(Q::zero)
    }

    pub fn add(&self, o: &Poly) -> Poly {
        let n = self.c.len().max(o.c.len());
        let z = Q::zero();
        Poly::from_coeffs(
            (0..n)
                .map(|i| self.c.get(i).unwrap_or(&z) + o.c.get(i).unwrap_or(&z))
                .collect(),
        )
    }

    pub fn neg(&self) -> Poly {
        Poly {
            c: self.c.iter().map(|x| -x).collect(),
        }
    }

    pub fn sub(&self, o: &Poly) -> Poly {
        self.add(&o.neg())
    }

    pub fn scale(&self, q: &Q) -> Poly {
        Poly::from_coeffs(self.c.iter().map(|x| x * q).collect())
    }

    pub fn mul(&self, o: &Poly) -> Result<Poly, String> {
        if self.is_zero() || o.is_zero() {
            return Ok(Poly::zero());
        }
        let d = self.c.len() + o.c.len() - 2;
        if d > MAX_DEGREE {
            return Err(format!(
                "a polynomial of degree {d} is too large (at most {MAX_DEGREE})"
            ));
        }
        let mut c = vec![Q::zero(); d + 1];
        for (i, a) in self.c.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            for (j, b) in o.c.iter().enumerate() {
                c[i + j] += a * b;
            }
        }
        Ok(Poly::from_coeffs(c))
    }

    pub fn pow(&self, e: u32) -> Result<Poly, String> {
        let d = u64::try_from(self.deg0()).unwrap_or(u64::MAX);
        if d.saturating_mul(u64::from(e)) > u64::try_from(MAX_DEGREE).unwrap_or(u64::MAX) {
            return Err(format!(
                "a polynomial of degree {d} to the power {e} is too large (degree at most {MAX_DEGREE})"
            ));
        }
        if self
            .as_constant()
            .is_some_and(|c| c.is_zero() || c.is_one())
        {
            return Ok(if e == 0 {
                Poly::constant(Q::one())
            } else {
                self.clone()
            });
        }
        let mut r = Poly::constant(Q::one());
        for _ in 0..e {
            r = r.mul(self)?;
        }
        Ok(r)
    }

    /// Exact value at k.
    pub fn eval(&self, k: &Q) -> Q {
        let mut acc = Q::zero();
        for c in self.c.iter().rev() {
            acc = acc * k + c;
        }
        acc
    }

    /// p(a + b t) as a polynomial in t.
    pub fn compose_linear(&self, a: &Q, b: &Q) -> Poly {
        let lin = Poly::from_coeffs(vec![a.clone(), b.clone()]);
        let mut acc = Poly::zero();
        for c in self.c.iter().rev() {
            acc = acc
                .mul(&lin)
                .expect("composition with a linear polynomial keeps the degree")
                .add(&Poly::constant(c.clone()));
        }
        acc
    }

    /// (1 + t)^d p((lo + hi t) / (1 + t)), d = deg p: its positive roots t correspond to the
    /// roots of p in (lo, hi).
    pub fn mobius(&self, lo: &Q, hi: &Q) -> Poly {
        let d = self.deg0();
        let num = Poly::from_coeffs(vec![lo.clone(), hi.clone()]);
        let den = Poly::from_coeffs(vec![Q::one(), Q::one()]);
        let mut acc = Poly::zero();
        for (i, c) in self.c.iter().enumerate() {
            if c.is_zero() {
                continue;
            }
            let term = num
                .pow(u32::try_from(i).expect("degree is small"))
                .and_then(|a| a.mul(&den.pow(u32::try_from(d - i).expect("degree is small"))?))
                .expect("degree stays d");
            acc = acc.add(&term.scale(c));
        }
        acc
    }

    pub fn derivative(&self) -> Poly {
        Poly::from_coeffs(
            self.c
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, c)| c * int(i64::try_from(i).expect("degree is small")))
                .collect(),
        )
    }

    /// Remainder of division by a nonzero polynomial.
    pub fn rem(&self, d: &Poly) -> Poly {
        assert!(!d.is_zero(), "division by the zero polynomial");
        let mut r = self.c.clone();
        let dl = d.lead();
        let dd = d.c.len() - 1;
        while r.len() > dd && !r.is_empty() {
            let f = r.last().expect("nonempty") / &dl;
            let shift = r.len() - 1 - dd;
            for (i, c) in d.c.iter().enumerate() {
                r[shift + i] -= &f * c;
            }
            r.pop();
            while r.last().is_some_and(Zero::is_zero) {
                r.pop();
            }
        }
        Poly::from_coeffs(r)
    }

    /// Divide by (k - a) as many times as a is a root; returns the cofactor.
    pub fn deflate(&self, a: &Q) -> Poly {
        let mut p = self.clone();
        while !p.is_zero() && p.eval(a).is_zero() {
            // synthetic division by (k - a)
            let n = p.c.len();
            let mut q = vec![Q::zero(); n - 1];
            let mut acc = Q::zero();
            for i in (1..n).rev() {
                acc = acc * a + &p.c[i];
                q[i - 1] = acc.clone();
            }
            p = Poly::from_coeffs(q);
        }
        p
    }

    /// Display with the given parameter name, e.g. `19/27 - 4/27*k`.
    pub fn display_with(&self, name: &str) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut out = String::new();
        for (i, c) in self.c.iter().enumerate().rev() {
            if c.is_zero() {
                continue;
            }
            let mag = c.abs();
            let sign = if c.is_negative() { "-" } else { "+" };
            if out.is_empty() {
                if c.is_negative() {
                    out.push('-');
                }
            } else {
                out.push_str(&format!(" {sign} "));
            }
            let var = match i {
                0 => String::new(),
                1 => name.to_string(),
                _ => format!("{name}^{i}"),
            };
            if i == 0 {
                out.push_str(&fmt_rat(&mag));
            } else if mag.is_one() {
                out.push_str(&var);
            } else {
                out.push_str(&format!("{}*{var}", fmt_rat(&mag)));
            }
        }
        out
    }
}

/// Sign of a rational as an ordering against 0.
pub fn sign(q: &Q) -> Ordering {
    if q.is_positive() {
        Ordering::Greater
    } else if q.is_negative() {
        Ordering::Less
    } else {
        Ordering::Equal
    }
}

/// Number of sign changes in a sequence, zeros ignored.
pub fn variations(signs: impl IntoIterator<Item = Ordering>) -> usize {
    let mut last = Ordering::Equal;
    let mut v = 0;
    for s in signs {
        if s == Ordering::Equal {
            continue;
        }
        if last != Ordering::Equal && s != last {
            v += 1;
        }
        last = s;
    }
    v
}

/// An end of an interval: a finite number, or infinity on that side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Finite(Q),
    Infinite,
}

fn sturm_chain(p: &Poly) -> Vec<Poly> {
    let mut chain = vec![p.clone(), p.derivative()];
    while !chain.last().expect("nonempty").is_zero() {
        let n = chain.len();
        let r = chain[n - 2].rem(&chain[n - 1]).neg();
        chain.push(r);
    }
    chain.pop();
    chain
}

fn sign_at_infinity(p: &Poly, right: bool) -> Ordering {
    let s = sign(&p.lead());
    if right || p.deg0().is_multiple_of(2) {
        s
    } else {
        s.reverse()
    }
}

/// The number of distinct real roots of a nonzero polynomial in the open interval (lo, hi)
/// (lo < hi), by Sturm's theorem; roots at finite ends are divided out first.
pub fn count_roots_open(p: &Poly, lo: &End, hi: &End) -> usize {
    assert!(!p.is_zero(), "roots of the zero polynomial");
    let mut q = p.clone();
    if let End::Finite(a) = lo {
        q = q.deflate(a);
    }
    if let End::Finite(b) = hi {
        q = q.deflate(b);
    }
    if q.deg0() == 0 {
        return 0;
    }
    let chain = sturm_chain(&q);
    let v = |e: &End, right: bool| match e {
        End::Finite(x) => variations(chain.iter().map(|c| sign(&c.eval(x)))),
        End::Infinite => variations(chain.iter().map(|c| sign_at_infinity(c, right))),
    };
    v(lo, false) - v(hi, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::frac;

    fn p(c: &[i64]) -> Poly {
        Poly::from_coeffs(c.iter().map(|&x| int(x)).collect())
    }

    #[test]
    fn arithmetic_and_display() {
        let a = p(&[1, 2]); // 1 + 2k
        let b = p(&[-1, 0, 1]); // k^2 - 1
        assert_eq!(a.mul(&b).unwrap(), p(&[-1, -2, 1, 2]));
        assert_eq!(b.eval(&int(3)), int(8));
        assert_eq!(b.display_with("k"), "k^2 - 1");
        assert_eq!(
            Poly::from_coeffs(vec![frac(19, 27), frac(-4, 27)]).display_with("k"),
            "-4/27*k + 19/27"
        );
        assert_eq!(b.deflate(&int(1)), p(&[1, 1]));
        assert_eq!(b.compose_linear(&int(1), &int(1)), p(&[0, 2, 1]));
    }

    #[test]
    fn sturm_counts() {
        let b = p(&[-1, 0, 1]); // roots -1, 1
        assert_eq!(count_roots_open(&b, &End::Infinite, &End::Infinite), 2);
        assert_eq!(
            count_roots_open(&b, &End::Finite(int(0)), &End::Infinite),
            1
        );
        assert_eq!(
            count_roots_open(&b, &End::Finite(int(1)), &End::Infinite),
            0
        );
        assert_eq!(
            count_roots_open(&b, &End::Finite(int(-1)), &End::Finite(int(1))),
            0
        );
        let sq = p(&[1, -2, 1]); // (k-1)^2
        assert_eq!(count_roots_open(&sq, &End::Infinite, &End::Infinite), 1);
        assert_eq!(
            count_roots_open(&p(&[1, 0, 1]), &End::Infinite, &End::Infinite),
            0
        );
    }

    #[test]
    fn mobius_has_no_variation_without_roots() {
        let b = p(&[-1, 0, 1]);
        let m = b.mobius(&int(2), &int(5));
        assert_eq!(variations(m.coeffs().iter().map(sign)), 0);
        let m = b.mobius(&int(0), &int(5));
        assert_eq!(variations(m.coeffs().iter().map(sign)), 1);
    }
}
