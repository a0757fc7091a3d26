//! `Point`: an exact real point of the parameter line, rational or real algebraic.
//!
//! Invariants of `Point::Algebraic { poly, lo, hi }` (upheld by every constructor in this
//! crate; code building the variant by hand must uphold them too):
//! - `lo < hi`, and `poly` is square-free with exactly one real root in the open interval
//!   `(lo, hi)`: that root is the point;
//! - `poly(lo)` and `poly(hi)` are non-zero, so `poly` changes sign across the interval
//!   (the root is simple), which is what refinement by bisection relies on.
//!
//! Points produced by root isolation in this crate are irrational whenever they are
//! `Algebraic` (rational roots are always reported as `Rational`), and their `poly` has
//! coprime integer coefficients with a positive leading coefficient. Equality is semantic
//! (two representations of the same number are equal), so `Point` has no `Hash`.

use std::cmp::Ordering;
use std::fmt;

use crate::{Poly, Rat};

/// An exact real number: a rational, or the unique root of a square-free polynomial in an
/// open rational isolating interval.
#[derive(Clone)]
pub enum Point {
    Rational(Rat),
    Algebraic { poly: Poly, lo: Rat, hi: Rat },
}

impl From<Rat> for Point {
    fn from(r: Rat) -> Point {
        Point::Rational(r)
    }
}

impl Point {
    /// The unique root of `poly` in the open interval `(lo, hi)`, normalised (exact when it
    /// is rational). `None` unless `lo < hi` and `poly` has exactly one distinct root there.
    pub fn algebraic(poly: &Poly, lo: &Rat, hi: &Rat) -> Option<Point> {
        if lo >= hi || poly.is_constant() {
            return None;
        }
        let mut roots = poly.roots_between(Some(lo), Some(hi));
        if roots.len() == 1 { roots.pop() } else { None }
    }

    /// The value when the point is rational in this representation.
    pub fn as_rat(&self) -> Option<&Rat> {
        match self {
            Point::Rational(r) => Some(r),
            Point::Algebraic { .. } => None,
        }
    }

    pub fn is_rational(&self) -> bool {
        matches!(self, Point::Rational(_))
    }

    /// A rational `<=` the point (strictly below it when algebraic).
    pub fn lower(&self) -> &Rat {
        match self {
            Point::Rational(r) => r,
            Point::Algebraic { lo, .. } => lo,
        }
    }

    /// A rational `>=` the point (strictly above it when algebraic).
    pub fn upper(&self) -> &Rat {
        match self {
            Point::Rational(r) => r,
            Point::Algebraic { hi, .. } => hi,
        }
    }

    /// The cheap part of the invariant: `lo < hi` and a sign change of `poly` across it.
    pub fn is_valid(&self) -> bool {
        match self {
            Point::Rational(_) => true,
            Point::Algebraic { poly, lo, hi } => {
                lo < hi && {
                    let (a, b) = (poly.sign_at_rat(lo), poly.sign_at_rat(hi));
                    a != Ordering::Equal && b == a.reverse()
                }
            }
        }
    }

    /// Halve the isolating interval (a rational point is left alone). A root found exactly
    /// at the midpoint turns the point into `Rational`.
    pub fn refine(&mut self) {
        let Point::Algebraic { poly, lo, hi } = self else {
            return;
        };
        let m = Rat::midpoint(lo, hi);
        let s = poly.sign_at_rat(&m);
        if s == Ordering::Equal {
            *self = Point::Rational(m);
        } else if s == poly.sign_at_rat(lo) {
            *lo = m;
        } else {
            *hi = m;
        }
    }

    /// Refine until the isolating interval is at most `width` wide (or the point is rational).
    pub fn refine_to_width(&mut self, width: &Rat) {
        while let Point::Algebraic { lo, hi, .. } = self {
            if &(&*hi - &*lo) <= width {
                return;
            }
            self.refine();
        }
    }

    /// Exact comparison with a rational.
    pub fn cmp_rat(&self, r: &Rat) -> Ordering {
        match self {
            Point::Rational(x) => x.cmp(r),
            Point::Algebraic { poly, lo, hi } => {
                debug_assert!(self.is_valid(), "invalid algebraic point {self}");
                if r <= lo {
                    Ordering::Greater
                } else if r >= hi {
                    Ordering::Less
                } else {
                    let s = poly.sign_at_rat(r);
                    if s == Ordering::Equal {
                        // r is in (lo, hi) and a root: it is the root.
                        Ordering::Equal
                    } else if s == poly.sign_at_rat(lo) {
                        // No sign change on (lo, r]: the root lies in (r, hi).
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                }
            }
        }
    }

    /// Printing with another parameter name for the defining polynomial.
    pub fn display_with(&self, name: &str) -> String {
        match self {
            Point::Rational(r) => r.to_string(),
            Point::Algebraic { poly, lo, hi } => {
                format!("root of {} in ({lo}, {hi})", poly.display_with(name))
            }
        }
    }
}

fn cmp_points(a: &Point, b: &Point) -> Ordering {
    match (a, b) {
        (Point::Rational(x), _) => b.cmp_rat(x).reverse(),
        (_, Point::Rational(y)) => a.cmp_rat(y),
        (
            Point::Algebraic {
                poly: p,
                lo: l1,
                hi: h1,
            },
            Point::Algebraic {
                poly: q,
                lo: l2,
                hi: h2,
            },
        ) => {
            debug_assert!(a.is_valid() && b.is_valid(), "invalid algebraic point");
            if h1 <= l2 {
                return Ordering::Less;
            }
            if h2 <= l1 {
                return Ordering::Greater;
            }
            // The isolating intervals overlap: the points are equal iff the gcd of the two
            // polynomials has a root in the common part. That gcd divides both square-free
            // polynomials, so it is non-zero at all four ends and has at most one (simple)
            // root in the common part: a sign change decides.
            let g = p.gcd(q);
            if !g.is_constant() {
                let lo = l1.clone().max(l2.clone());
                let hi = h1.clone().min(h2.clone());
                let (s, t) = (g.sign_at_rat(&lo), g.sign_at_rat(&hi));
                if s != t {
                    return Ordering::Equal;
                }
            }
            // Distinct: refine both until the intervals separate.
            let (mut a, mut b) = (a.clone(), b.clone());
            loop {
                a.refine();
                b.refine();
                match (&a, &b) {
                    (Point::Rational(_), _) | (_, Point::Rational(_)) => return cmp_points(&a, &b),
                    _ => {
                        if a.upper() <= b.lower() {
                            return Ordering::Less;
                        }
                        if b.upper() <= a.lower() {
                            return Ordering::Greater;
                        }
                    }
                }
            }
        }
    }
}

impl Ord for Point {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_points(self, other)
    }
}

impl PartialOrd for Point {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Point {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Point {}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_with("k"))
    }
}

impl fmt::Debug for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
