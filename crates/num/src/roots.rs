//! Exact real roots of polynomials: Sturm sequences, counting distinct real roots in an
//! interval, and isolating every real root to a `Point`.
//!
//! Invariants and guarantees:
//! - a Sturm sequence is built from the square-free part, so counts are of *distinct* roots;
//!   its members are scaled by positive constants only, which preserves sign variations;
//! - isolation returns roots sorted, each exactly once; a rational root is always reported
//!   as `Point::Rational` (it is detected either when a bisection point hits it or, for a
//!   root isolated to an interval, by refining the interval below `1/L` where `L` is the
//!   leading coefficient of the primitive integer polynomial, so that only one candidate
//!   fraction with a denominator dividing `L` remains to be evaluated);
//! - an irrational root is `Point::Algebraic` over the square-free part with its rational
//!   roots divided out, made primitive (coprime integers, positive leading coefficient);
//! - the zero polynomial has no isolated roots: the functions here panic on it (callers
//!   decide signs with `Poly::sign_on`, which handles it).

use std::cmp::Ordering;

use crate::{Bound, Interval, Point, Poly, Rat};

/// The Sturm sequence of the square-free part of a non-zero polynomial.
#[derive(Clone, Debug)]
pub struct Sturm {
    seq: Vec<Poly>,
}

fn variations(signs: impl Iterator<Item = Ordering>) -> usize {
    let mut last = Ordering::Equal;
    let mut n = 0;
    for s in signs {
        if s == Ordering::Equal {
            continue;
        }
        if last != Ordering::Equal && s != last {
            n += 1;
        }
        last = s;
    }
    n
}

impl Sturm {
    /// Panics on the zero polynomial.
    pub fn new(p: &Poly) -> Sturm {
        assert!(!p.is_zero(), "Sturm sequence of the zero polynomial");
        let p0 = p.squarefree_part();
        let mut seq = vec![p0.clone()];
        let mut prev = p0;
        let mut cur = prev.derivative();
        while !cur.is_zero() {
            let (_, r) = prev.div_rem(&cur);
            // -r scaled by the positive 1/|lc(r)|.
            let next = match r.leading_coeff() {
                None => Poly::zero(),
                Some(lc) => r.scale(&-lc.abs().recip().expect("non-zero")),
            };
            seq.push(cur.clone());
            prev = cur;
            cur = next;
        }
        Sturm { seq }
    }

    /// `p0 = squarefree(p), p1 = p0', ..., p_m` (constant).
    pub fn sequence(&self) -> &[Poly] {
        &self.seq
    }

    /// The square-free polynomial the sequence starts with.
    pub fn base(&self) -> &Poly {
        &self.seq[0]
    }

    /// Sign variations at `x`.
    pub fn variations_at(&self, x: &Rat) -> usize {
        variations(self.seq.iter().map(|p| p.sign_at_rat(x)))
    }

    /// Sign variations at `-inf` (`None`) or `+inf`.
    fn variations_at_ext(&self, x: Option<&Rat>, pos_inf: bool) -> usize {
        match x {
            Some(x) => self.variations_at(x),
            None if pos_inf => variations(self.seq.iter().map(Poly::sign_at_pos_inf)),
            None => variations(self.seq.iter().map(Poly::sign_at_neg_inf)),
        }
    }

    /// Distinct real roots in the open interval `(lo, hi)` (`None` = infinite end).
    pub fn count_open(&self, lo: Option<&Rat>, hi: Option<&Rat>) -> usize {
        if let (Some(a), Some(b)) = (lo, hi)
            && a >= b
        {
            return 0;
        }
        // V(a) - V(b) counts the roots in (a, b] (V is right-continuous at roots).
        let va = self.variations_at_ext(lo, false);
        let vb = self.variations_at_ext(hi, true);
        let at_b = hi.is_some_and(|b| self.base().sign_at_rat(b) == Ordering::Equal);
        (va - vb) - usize::from(at_b)
    }
}

/// A power of two `B` with every complex root strictly inside `|z| < B` (Fujiwara's bound,
/// doubled for strictness).
pub fn root_bound(p: &Poly) -> Rat {
    let n = p.degree().expect("root bound of the zero polynomial");
    let lc = p.coeffs()[n].clone();
    let mut e_max: u64 = 0;
    for i in 1..=n {
        let t = (&p.coeffs()[n - i] / &lc).abs();
        if t.is_zero() {
            continue;
        }
        // Smallest e >= 0 with 2^(e*i) >= t.
        let step = Rat::int(2).pow(i as u64);
        let mut pw = Rat::ONE;
        let mut e = 0;
        while pw < t {
            pw = &pw * &step;
            e += 1;
        }
        e_max = e_max.max(e);
    }
    Rat::int(2).pow(e_max + 2)
}

enum Task {
    Split {
        a: Rat,
        va: usize,
        b: Rat,
        vb: usize,
    },
    Emit(Rat),
}

/// Roots of the square-free `p` (with Sturm sequence `st`) in the open `(a, b)`, sorted.
fn isolate(p: &Poly, st: &Sturm, a: Rat, b: Rat, out: &mut Vec<Point>) {
    let lattice = p
        .primitive_part()
        .leading_coeff()
        .expect("non-zero")
        .clone();
    let (va, vb) = (st.variations_at(&a), st.variations_at(&b));
    let mut stack = vec![Task::Split { a, va, b, vb }];
    while let Some(task) = stack.pop() {
        let (a, va, b, vb) = match task {
            Task::Emit(r) => {
                out.push(Point::Rational(r));
                continue;
            }
            Task::Split { a, va, b, vb } => (a, va, b, vb),
        };
        let b_root = p.sign_at_rat(&b) == Ordering::Equal;
        let n = va - vb - usize::from(b_root);
        match n {
            0 => {}
            1 => out.push(single_root(p, st, a, b, &lattice)),
            _ => {
                let m = Rat::midpoint(&a, &b);
                let vm = st.variations_at(&m);
                stack.push(Task::Split {
                    a: m.clone(),
                    va: vm,
                    b,
                    vb,
                });
                if p.sign_at_rat(&m) == Ordering::Equal {
                    stack.push(Task::Emit(m.clone()));
                }
                stack.push(Task::Split {
                    a,
                    va,
                    b: m,
                    vb: vm,
                });
            }
        }
    }
}

/// The one root of the square-free `p` in the open `(a, b)`, exact when rational.
fn single_root(p: &Poly, st: &Sturm, mut a: Rat, mut b: Rat, lattice: &Rat) -> Point {
    // Move ends that are roots themselves inwards (Sturm counts pick the side).
    while p.sign_at_rat(&a) == Ordering::Equal || p.sign_at_rat(&b) == Ordering::Equal {
        let m = Rat::midpoint(&a, &b);
        if p.sign_at_rat(&m) == Ordering::Equal {
            return Point::Rational(m);
        }
        if st.count_open(Some(&a), Some(&m)) == 1 {
            b = m;
        } else {
            a = m;
        }
    }
    // Now p changes sign across (a, b): bisect until only one fraction with denominator
    // dividing `lattice` can lie inside.
    let sa = p.sign_at_rat(&a);
    while &(&b - &a) * lattice > Rat::ONE {
        let m = Rat::midpoint(&a, &b);
        let s = p.sign_at_rat(&m);
        if s == Ordering::Equal {
            return Point::Rational(m);
        }
        if s == sa {
            a = m;
        } else {
            b = m;
        }
    }
    let cand = &(&(&a * lattice).floor() + &Rat::ONE) / lattice;
    if cand < b && p.sign_at_rat(&cand) == Ordering::Equal {
        return Point::Rational(cand);
    }
    Point::Algebraic {
        poly: p.clone(),
        lo: a,
        hi: b,
    }
}

/// Replace the polynomial of algebraic points by the primitive square-free part with the
/// found rational roots divided out (smaller, and what a reader wants to see).
fn tidy(p: &Poly, roots: &mut [Point]) {
    if roots.iter().all(Point::is_rational) {
        return;
    }
    let mut q = p.clone();
    for r in roots.iter() {
        if let Point::Rational(r) = r {
            q = q.div_rem(&Poly::linear(-r, Rat::ONE)).0;
        }
    }
    let q = q.primitive_part();
    for r in roots.iter_mut() {
        if let Point::Algebraic { poly, .. } = r {
            *poly = q.clone();
        }
    }
}

impl Poly {
    /// The Sturm sequence of the square-free part. Panics on zero.
    pub fn sturm_sequence(&self) -> Vec<Poly> {
        Sturm::new(self).seq
    }

    /// Number of distinct real roots. Panics on zero.
    pub fn count_real_roots(&self) -> usize {
        Sturm::new(self).count_open(None, None)
    }

    /// Number of distinct real roots in the open interval `(lo, hi)` (`None` = infinite).
    /// Panics on zero.
    pub fn count_roots_between(&self, lo: Option<&Rat>, hi: Option<&Rat>) -> usize {
        Sturm::new(self).count_open(lo, hi)
    }

    /// All distinct real roots, sorted. Panics on zero.
    pub fn real_roots(&self) -> Vec<Point> {
        self.roots_between(None, None)
    }

    /// The distinct real roots in the open interval `(lo, hi)` (`None` = infinite), sorted.
    /// Panics on zero.
    pub fn roots_between(&self, lo: Option<&Rat>, hi: Option<&Rat>) -> Vec<Point> {
        assert!(!self.is_zero(), "roots of the zero polynomial");
        let inside = |r: &Rat| lo.is_none_or(|a| a < r) && hi.is_none_or(|b| r < b);
        match self.degree() {
            Some(0) => return Vec::new(),
            Some(1) => {
                let r = -(&self.coeffs()[0] / &self.coeffs()[1]);
                return if inside(&r) {
                    vec![Point::Rational(r)]
                } else {
                    Vec::new()
                };
            }
            _ => {}
        }
        let st = Sturm::new(self);
        let p = st.base().clone();
        let mut bound = root_bound(&p);
        let total = st.count_open(None, None);
        // Insurance: the bound is proven, but cheap to confirm.
        while st.count_open(Some(&-&bound), Some(&bound)) != total {
            bound = &bound * &Rat::int(2);
        }
        let a = lo.map_or(-&bound, |a| a.clone().max(-&bound));
        let b = hi.map_or(bound.clone(), |b| b.clone().min(bound.clone()));
        let mut out = Vec::new();
        if a < b {
            isolate(&p, &st, a, b, &mut out);
        }
        tidy(&p, &mut out);
        out
    }

    /// The distinct real roots inside the interval (ends included when closed), sorted.
    /// Panics on zero.
    pub fn roots_in(&self, i: &Interval) -> Vec<Point> {
        assert!(!self.is_zero(), "roots of the zero polynomial");
        if let Some(p) = i.as_point() {
            return if self.sign_at(p) == Ordering::Equal {
                vec![p.clone()]
            } else {
                Vec::new()
            };
        }
        // The rational hull of the interval's closure.
        let a = match i.lo() {
            Bound::Unbounded => None,
            Bound::Open(p) | Bound::Closed(p) => Some(p.lower().clone()),
        };
        let b = match i.hi() {
            Bound::Unbounded => None,
            Bound::Open(p) | Bound::Closed(p) => Some(p.upper().clone()),
        };
        let mut cands = Vec::new();
        if let Some(a) = &a
            && self.sign_at_rat(a) == Ordering::Equal
        {
            cands.push(Point::Rational(a.clone()));
        }
        cands.extend(self.roots_between(a.as_ref(), b.as_ref()));
        if let Some(b) = &b
            && self.sign_at_rat(b) == Ordering::Equal
        {
            cands.push(Point::Rational(b.clone()));
        }
        cands.retain(|p| i.contains_point(p));
        cands
    }

    /// Number of distinct real roots inside the interval. Panics on zero.
    pub fn count_roots_in(&self, i: &Interval) -> usize {
        let rational_end = |b: &Bound| match b {
            Bound::Unbounded => true,
            Bound::Open(p) | Bound::Closed(p) => p.is_rational(),
        };
        if !(rational_end(i.lo()) && rational_end(i.hi())) || i.is_point() {
            return self.roots_in(i).len();
        }
        let end = |b: &Bound| match b {
            Bound::Unbounded => (None, false),
            Bound::Open(p) => (p.as_rat().cloned(), false),
            Bound::Closed(p) => (p.as_rat().cloned(), true),
        };
        let ((a, ca), (b, cb)) = (end(i.lo()), end(i.hi()));
        let root_at = |x: &Option<Rat>, closed: bool| {
            closed
                && x.as_ref()
                    .is_some_and(|x| self.sign_at_rat(x) == Ordering::Equal)
        };
        self.count_roots_between(a.as_ref(), b.as_ref())
            + usize::from(root_at(&a, ca))
            + usize::from(root_at(&b, cb))
    }
}
