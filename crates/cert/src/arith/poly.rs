//! Univariate polynomials over Q in the instance parameter: arithmetic, exact evaluation,
//! Taylor shift and the Möbius transform used by Descartes' rule of signs, and Sturm
//! sequences that count distinct real roots on an interval exactly. Degrees are at most
//! `limits::MAX_DEGREE`; the transforms and Sturm sequences charge their cost to the work
//! meter (`crate::work`) before they run and give up (with a conservative answer: "no
//! proof") when the checker's budget is spent, which refuses the certificate.

use std::cmp::Ordering;

use num_traits::{One, Signed, Zero};

pub use crate::limits::MAX_DEGREE;
use crate::limits::op_work;
use crate::number::{Q, fmt_rat, int};
use crate::work;

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

    /// The largest size of a coefficient, in bits of numerator plus denominator.
    pub fn max_bits(&self) -> u64 {
        self.c
            .iter()
            .map(|q| q.numer().bits() + q.denom().bits())
            .max()
            .unwrap_or(0)
    }

    /// The number of coefficients (degree + 1; 0 for the zero polynomial), for estimates.
    fn len64(&self) -> u64 {
        self.c.len() as u64
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

    /// p(a + b t) as a polynomial in t; the zero polynomial (no proof) when the work budget
    /// does not allow it.
    pub fn compose_linear(&self, a: &Q, b: &Q) -> Poly {
        let ab = Poly::from_coeffs(vec![a.clone(), b.clone()]).max_bits();
        let d = self.len64();
        if !work::afford(d * d * op_work(self.max_bits() + d * ab, ab), || {
            format!("a Taylor shift of a polynomial of degree {}", self.deg0())
        }) {
            return Poly::zero();
        }
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
    /// roots of p in (lo, hi). The zero polynomial (no proof) when the work budget does not
    /// allow it.
    pub fn mobius(&self, lo: &Q, hi: &Q) -> Poly {
        let d = self.deg0();
        let ends = Poly::from_coeffs(vec![lo.clone(), hi.clone()]).max_bits();
        let n = self.len64();
        if !work::afford(
            n * n * n * op_work(self.max_bits() + n * ends, n * ends),
            || format!("a Möbius transform of a polynomial of degree {d}"),
        ) {
            return Poly::zero();
        }
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

    /// The work of evaluating at `x` (Horner: the value grows by the size of `x` per step).
    fn eval_work(&self, x: &Q) -> u64 {
        let (n, bx) = (self.len64(), x.numer().bits() + x.denom().bits());
        n * op_work(self.max_bits() + n * bx, bx)
    }

    /// Divide by (k - a) as many times as a is a root; returns the cofactor (or, when the
    /// work budget is spent, the polynomial divided so far).
    pub fn deflate(&self, a: &Q) -> Poly {
        let mut p = self.clone();
        while !p.is_zero()
            && work::afford(2 * p.eval_work(a), || {
                format!("dividing out a root of a polynomial of degree {}", p.deg0())
            })
            && p.eval(a).is_zero()
        {
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

/// The Sturm chain of p, or `None` when the work budget does not allow it (each division is
/// charged before it runs; the sizes of the remainders grow along the chain).
fn sturm_chain(p: &Poly) -> Option<Vec<Poly>> {
    let mut chain = vec![p.clone(), p.derivative()];
    loop {
        let n = chain.len();
        let (a, b) = (&chain[n - 2], &chain[n - 1]);
        if b.is_zero() {
            break;
        }
        let steps = (a.len64() + 1).saturating_sub(b.len64()).max(1);
        let units = steps * b.len64() * op_work(a.max_bits(), 2 * b.max_bits());
        if !work::afford(units, || {
            format!("a Sturm sequence of a polynomial of degree {}", p.deg0())
        }) {
            return None;
        }
        let r = a.rem(b).neg();
        chain.push(r);
    }
    chain.pop();
    Some(chain)
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
/// (lo < hi), by Sturm's theorem; roots at finite ends are divided out first. When the work
/// budget is spent it returns `usize::MAX`, which proves nothing (callers test for 0 or 1
/// roots); the certificate is then refused for its work.
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
    let Some(chain) = sturm_chain(&q) else {
        return usize::MAX;
    };
    let at_ends: u64 = [lo, hi]
        .into_iter()
        .map(|e| match e {
            End::Finite(x) => chain.iter().map(|c| c.eval_work(x)).sum(),
            End::Infinite => 0,
        })
        .sum();
    if !work::afford(at_ends, || {
        format!("evaluating a Sturm sequence of degree {}", q.deg0())
    }) {
        return usize::MAX;
    }
    let v = |e: &End, right: bool| match e {
        End::Finite(x) => variations(chain.iter().map(|c| sign(&c.eval(x)))),
        End::Infinite => variations(chain.iter().map(|c| sign_at_infinity(c, right))),
    };
    v(lo, false).saturating_sub(v(hi, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::frac;

    fn p(c: &[i64]) -> Poly {
        Poly::from_coeffs(c.iter().map(|&x| int(x)).collect())
    }

    fn two_to(n: usize) -> Q {
        Q::from_integer(num_bigint::BigInt::from(1) << n)
    }

    /// k^250 + c k^at: 251 coefficients.
    fn degree_250(at: usize, c: Q) -> Poly {
        let mut v = vec![Q::zero(); 251];
        v[at] = c;
        v[250] = Q::one();
        Poly::from_coeffs(v)
    }

    /// Run `f` on a fresh work budget; the message of the limit that refused it.
    fn refusal(f: impl FnOnce()) -> String {
        let _session = work::start();
        f();
        work::refused().expect("a work limit refused it")
    }

    #[test]
    fn a_taylor_shift_is_charged_before_it_runs() {
        // p = k^250 + 2^1000: d = 251 coefficients of at most 1001 + 1 = 1002 bits (numerator
        // plus denominator); p(2^200 + t): a and b have at most 201 + 1 = 202 bits. The charge
        // is d^2 op_work(1002 + d 202, 202) = 63001 op_work(51704, 202), with op_work(x, y) =
        // 1 + (x/64 + 1)(y/64 + 1) = 1 + 808 * 4 = 3233: 203,682,233 units, beyond the budget
        // of 15,000,000, so the shift is refused (the zero polynomial: no proof)
        let p = degree_250(0, two_to(1000));
        let why = refusal(|| assert!(p.compose_linear(&two_to(200), &Q::one()).is_zero()));
        assert!(
            why.starts_with(
                "a Taylor shift of a polynomial of degree 250 would take about 203682233 work units"
            ),
            "{why}"
        );
    }

    #[test]
    fn dividing_out_a_root_is_charged_before_it_runs() {
        // p = (k - a) k^249, a = 2^999: n = 251 coefficients of at most 1000 + 1 = 1001 bits,
        // and a has 1001 bits. Evaluating p at a is charged n op_work(1001 + n 1001, 1001) =
        // 251 (1 + (252252/64 + 1)(1001/64 + 1)) = 251 * 63073, twice: 31,662,646 units, over
        // the budget of 15,000,000, so the root is not divided out (p comes back whole)
        let a = two_to(999);
        let p = degree_250(249, -a.clone());
        let why = refusal(|| assert_eq!(p.deflate(&a), p));
        assert!(
            why.starts_with(
                "dividing out a root of a polynomial of degree 250 would take about 31662646 work units"
            ),
            "{why}"
        );
    }

    #[test]
    fn a_sturm_sequence_is_charged_step_by_step() {
        // p = k^250 + A k^249, A = 2^7999 (8000 + 1 bits); p' = 250 k^249 + 249 A k^248, whose
        // longest coefficient 249 A has 8007 + 1 bits. The first remainder (p by p', 2 steps
        // of 250 coefficients) is charged 2 * 250 * op_work(8001, 2 * 8008) = 500 * (1 + 126 *
        // 251) = 15,813,500 units, over the budget of 15,000,000: no chain (no proof)
        let p = degree_250(249, two_to(7999));
        let why = refusal(|| assert!(sturm_chain(&p).is_none()));
        assert!(
            why.starts_with(
                "a Sturm sequence of a polynomial of degree 250 would take about 15813500 work units"
            ),
            "{why}"
        );
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
