//! Exact signs of polynomials: at a point (rational or algebraic), the sign pattern on an
//! interval, the regions where a polynomial is negative / positive / non-zero, and the
//! `Scalar` implementation of `Poly` built on them.
//!
//! Guarantees: `sign_on` partitions the interval into maximal pieces of constant sign, in
//! order; zero pieces are single points (roots) unless the polynomial is identically zero,
//! and two non-zero pieces are always separated by a zero point. Every decision is exact.

use std::cmp::Ordering;

use crate::roots::Sturm;
use crate::{Bound, Interval, Point, Poly, Rat, Region, Scalar};

impl Poly {
    /// The exact sign of the polynomial at a point.
    pub fn sign_at(&self, x: &Point) -> Ordering {
        let (q, lo, hi) = match x {
            Point::Rational(r) => return self.sign_at_rat(r),
            Point::Algebraic { poly, lo, hi } => (poly, lo, hi),
        };
        if let Some(c) = self.as_constant() {
            return c.signum();
        }
        // self(x) = 0 iff gcd(self, q) vanishes at x, the only root of q in (lo, hi). The
        // gcd divides the square-free q, so its roots there are simple and it is non-zero
        // at lo and hi: a sign change decides.
        let g = self.gcd(q);
        if !g.is_constant() && g.sign_at_rat(lo) != g.sign_at_rat(hi) {
            return Ordering::Equal;
        }
        // self(x) != 0: refine x until self has no root on [lo, hi]; its sign there is the
        // sign at x.
        let st = Sturm::new(self);
        let mut x = x.clone();
        loop {
            let (lo, hi) = match &x {
                Point::Rational(r) => return self.sign_at_rat(r),
                Point::Algebraic { lo, hi, .. } => (lo, hi),
            };
            let s = self.sign_at_rat(lo);
            if s != Ordering::Equal
                && self.sign_at_rat(hi) == s
                && st.count_open(Some(lo), Some(hi)) == 0
            {
                return s;
            }
            x.refine();
        }
    }

    /// The sign pattern on the interval: maximal pieces in order, each with the sign the
    /// polynomial has on all of it.
    pub fn sign_on(&self, i: &Interval) -> Vec<(Interval, Ordering)> {
        if let Some(c) = self.as_constant() {
            return vec![(i.clone(), c.signum())];
        }
        if let Some(p) = i.as_point() {
            return vec![(i.clone(), self.sign_at(p))];
        }
        let mut out = Vec::new();
        let mut start = i.lo().clone();
        let push_open = |lo: Bound, hi: Bound, out: &mut Vec<(Interval, Ordering)>| {
            if let Some(piece) = Interval::new(lo, hi) {
                let x = piece
                    .sample()
                    .expect("a piece with interior has a rational sample");
                let s = self.sign_at_rat(&x);
                debug_assert_ne!(s, Ordering::Equal, "no root inside a piece");
                out.push((piece, s));
            }
        };
        for r in self.roots_in(i) {
            push_open(start, Bound::Open(r.clone()), &mut out);
            out.push((Interval::at(r.clone()), Ordering::Equal));
            start = Bound::Open(r);
        }
        push_open(start, i.hi().clone(), &mut out);
        out
    }

    fn region_where(&self, i: &Interval, keep: impl Fn(Ordering) -> bool) -> Option<Region> {
        let r = Region::from_intervals(
            self.sign_on(i)
                .into_iter()
                .filter(|(_, s)| keep(*s))
                .map(|(p, _)| p),
        );
        (!r.is_empty()).then_some(r)
    }

    /// Where on the interval the polynomial is `< 0`; `None` if it is `>= 0` on all of it.
    pub fn where_negative(&self, i: &Interval) -> Option<Region> {
        self.region_where(i, |s| s == Ordering::Less)
    }

    /// Where on the interval the polynomial is `> 0`; `None` if it is `<= 0` on all of it.
    pub fn where_positive(&self, i: &Interval) -> Option<Region> {
        self.region_where(i, |s| s == Ordering::Greater)
    }

    /// Where on the interval the polynomial is `!= 0`; `None` if it vanishes on all of it.
    pub fn where_nonzero(&self, i: &Interval) -> Option<Region> {
        self.region_where(i, |s| s != Ordering::Equal)
    }

    /// Where on the interval the polynomial is `= 0`; `None` if it vanishes nowhere there.
    pub fn where_zero(&self, i: &Interval) -> Option<Region> {
        self.region_where(i, |s| s == Ordering::Equal)
    }
}

impl Scalar for Poly {
    type Domain = Interval;
    type Where = Region;

    fn parameter() -> Option<Self> {
        Some(Poly::var())
    }

    fn zero() -> Self {
        Poly::zero()
    }
    fn from_rat(r: Rat) -> Self {
        Poly::constant(r)
    }
    fn scale(&self, r: &Rat) -> Self {
        Poly::scale(self, r)
    }
    fn is_zero(&self) -> bool {
        Poly::is_zero(self)
    }
    fn as_constant(&self) -> Option<Rat> {
        Poly::as_constant(self)
    }
    fn at(&self, k: &Rat) -> Rat {
        self.eval(k)
    }
    fn where_negative(&self, domain: &Interval) -> Option<Region> {
        Poly::where_negative(self, domain)
    }
    fn where_nonzero(&self, domain: &Interval) -> Option<Region> {
        Poly::where_nonzero(self, domain)
    }
    fn display_with(&self, param: &str) -> String {
        Poly::display_with(self, param)
    }
    fn add_scaled(&mut self, x: &Self, w: &Rat) {
        *self += &Poly::scale(x, w);
    }
}
