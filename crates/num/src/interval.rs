//! `Bound` and `Interval`: connected pieces of the parameter line with exact (rational or
//! algebraic) end points, and the comparisons of bounds that `Region` is built on.
//!
//! Invariant: an `Interval` is never empty. Its lower end is not above its upper end, and
//! when both are the same point both are closed (a single point is `[p, p]`). The fields
//! are private so that only the checked constructors make intervals.
//!
//! Display uses domain syntax: `k > 1`, `1 < k < 10`, `1 <= k < 10`, `k = 5/2`, `all k`
//! (`display_with` for another parameter name); `Interval::parse_domain` (in `domain.rs`)
//! reads the same syntax back.

use std::cmp::Ordering;
use std::fmt;

use crate::{Point, Rat};

/// One end of an interval. `Unbounded` is `-inf` as a lower end and `+inf` as an upper end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bound {
    Unbounded,
    Open(Point),
    Closed(Point),
}

impl Bound {
    pub fn point(&self) -> Option<&Point> {
        match self {
            Bound::Unbounded => None,
            Bound::Open(p) | Bound::Closed(p) => Some(p),
        }
    }

    /// The same point with the other openness (`Unbounded` stays).
    pub(crate) fn flipped(&self) -> Bound {
        match self {
            Bound::Unbounded => Bound::Unbounded,
            Bound::Open(p) => Bound::Closed(p.clone()),
            Bound::Closed(p) => Bound::Open(p.clone()),
        }
    }
}

/// Order of two bounds used as lower ends: which interval starts first (`Closed(p)` starts
/// before `Open(p)`; `Unbounded` before everything).
pub(crate) fn cmp_lower(a: &Bound, b: &Bound) -> Ordering {
    match (a, b) {
        (Bound::Unbounded, Bound::Unbounded) => Ordering::Equal,
        (Bound::Unbounded, _) => Ordering::Less,
        (_, Bound::Unbounded) => Ordering::Greater,
        (x, y) => {
            let c = x.point().cmp(&y.point());
            c.then_with(|| match (x, y) {
                (Bound::Closed(_), Bound::Open(_)) => Ordering::Less,
                (Bound::Open(_), Bound::Closed(_)) => Ordering::Greater,
                _ => Ordering::Equal,
            })
        }
    }
}

/// Order of two bounds used as upper ends: which interval ends last (`Closed(p)` ends after
/// `Open(p)`; `Unbounded` after everything).
pub(crate) fn cmp_upper(a: &Bound, b: &Bound) -> Ordering {
    match (a, b) {
        (Bound::Unbounded, Bound::Unbounded) => Ordering::Equal,
        (Bound::Unbounded, _) => Ordering::Greater,
        (_, Bound::Unbounded) => Ordering::Less,
        (x, y) => {
            let c = x.point().cmp(&y.point());
            c.then_with(|| match (x, y) {
                (Bound::Closed(_), Bound::Open(_)) => Ordering::Greater,
                (Bound::Open(_), Bound::Closed(_)) => Ordering::Less,
                _ => Ordering::Equal,
            })
        }
    }
}

/// Is the set between the lower end `lo` and the upper end `hi` non-empty?
pub(crate) fn nonempty(lo: &Bound, hi: &Bound) -> bool {
    match (lo.point(), hi.point()) {
        (Some(p), Some(q)) => match p.cmp(q) {
            Ordering::Less => true,
            Ordering::Equal => matches!((lo, hi), (Bound::Closed(_), Bound::Closed(_))),
            Ordering::Greater => false,
        },
        _ => true,
    }
}

/// Given an interval ending at `hi` and one starting at `lo` no earlier than the first
/// starts, is their union connected (do they overlap or touch)?
pub(crate) fn connects(hi: &Bound, lo: &Bound) -> bool {
    match (hi.point(), lo.point()) {
        (Some(p), Some(q)) => match q.cmp(p) {
            Ordering::Less => true,
            Ordering::Equal => matches!(hi, Bound::Closed(_)) || matches!(lo, Bound::Closed(_)),
            Ordering::Greater => false,
        },
        _ => true,
    }
}

/// A non-empty connected subset of the parameter line with exact ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    lo: Bound,
    hi: Bound,
}

impl Interval {
    /// The interval between `lo` and `hi`; `None` when it is empty.
    pub fn new(lo: Bound, hi: Bound) -> Option<Interval> {
        nonempty(&lo, &hi).then_some(Interval { lo, hi })
    }

    /// The whole line (`all k`).
    pub fn all() -> Interval {
        Interval {
            lo: Bound::Unbounded,
            hi: Bound::Unbounded,
        }
    }

    /// The single rational point `k = r`.
    pub fn point(r: Rat) -> Interval {
        Interval::at(Point::Rational(r))
    }

    /// The single point `[p, p]`.
    pub fn at(p: Point) -> Interval {
        Interval {
            lo: Bound::Closed(p.clone()),
            hi: Bound::Closed(p),
        }
    }

    /// `a < k < b`; `None` unless `a < b`.
    pub fn open(a: Rat, b: Rat) -> Option<Interval> {
        Interval::new(Bound::Open(a.into()), Bound::Open(b.into()))
    }

    /// `a <= k <= b`; `None` unless `a <= b`.
    pub fn closed(a: Rat, b: Rat) -> Option<Interval> {
        Interval::new(Bound::Closed(a.into()), Bound::Closed(b.into()))
    }

    /// `k > a`.
    pub fn above(a: Rat) -> Interval {
        Interval {
            lo: Bound::Open(a.into()),
            hi: Bound::Unbounded,
        }
    }

    /// `k >= a`.
    pub fn at_least(a: Rat) -> Interval {
        Interval {
            lo: Bound::Closed(a.into()),
            hi: Bound::Unbounded,
        }
    }

    /// `k < b`.
    pub fn below(b: Rat) -> Interval {
        Interval {
            lo: Bound::Unbounded,
            hi: Bound::Open(b.into()),
        }
    }

    /// `k <= b`.
    pub fn at_most(b: Rat) -> Interval {
        Interval {
            lo: Bound::Unbounded,
            hi: Bound::Closed(b.into()),
        }
    }

    pub fn lo(&self) -> &Bound {
        &self.lo
    }

    pub fn hi(&self) -> &Bound {
        &self.hi
    }

    pub fn into_bounds(self) -> (Bound, Bound) {
        (self.lo, self.hi)
    }

    /// Is the point inside?
    pub fn contains_point(&self, x: &Point) -> bool {
        let above_lo = match &self.lo {
            Bound::Unbounded => true,
            Bound::Open(p) => p < x,
            Bound::Closed(p) => p <= x,
        };
        above_lo
            && match &self.hi {
                Bound::Unbounded => true,
                Bound::Open(p) => x < p,
                Bound::Closed(p) => x <= p,
            }
    }

    /// Is the rational inside?
    pub fn contains(&self, x: &Rat) -> bool {
        let above_lo = match &self.lo {
            Bound::Unbounded => true,
            Bound::Open(p) => p.cmp_rat(x) == Ordering::Less,
            Bound::Closed(p) => p.cmp_rat(x) != Ordering::Greater,
        };
        above_lo
            && match &self.hi {
                Bound::Unbounded => true,
                Bound::Open(p) => p.cmp_rat(x) == Ordering::Greater,
                Bound::Closed(p) => p.cmp_rat(x) != Ordering::Less,
            }
    }

    /// The point when the interval is a single point.
    pub fn as_point(&self) -> Option<&Point> {
        match (&self.lo, &self.hi) {
            (Bound::Closed(p), Bound::Closed(q)) if p == q => Some(p),
            _ => None,
        }
    }

    pub fn is_point(&self) -> bool {
        self.as_point().is_some()
    }

    /// Is the interval the whole line?
    pub fn is_all(&self) -> bool {
        self.lo == Bound::Unbounded && self.hi == Bound::Unbounded
    }

    /// A simple rational in the interior (an integer when there is one, `0` when it is
    /// inside), or the point itself for a rational point interval. `None` only for a single
    /// irrational point.
    pub fn sample(&self) -> Option<Rat> {
        if let Some(p) = self.as_point() {
            return p.as_rat().cloned();
        }
        let lo = self.lo.point();
        let hi = self.hi.point();
        Some(match (lo, hi) {
            (None, None) => Rat::ZERO,
            (Some(p), None) => {
                let b = p.upper();
                if b.is_negative() {
                    Rat::ZERO
                } else {
                    &b.floor() + &Rat::ONE
                }
            }
            (None, Some(q)) => {
                let a = q.lower();
                if a.is_positive() {
                    Rat::ZERO
                } else {
                    &a.ceil() - &Rat::ONE
                }
            }
            (Some(p), Some(q)) => rational_between(p, q),
        })
    }

    /// The intersection, `None` when empty.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let lo = if cmp_lower(&self.lo, &other.lo) == Ordering::Less {
            other.lo.clone()
        } else {
            self.lo.clone()
        };
        let hi = if cmp_upper(&self.hi, &other.hi) == Ordering::Greater {
            other.hi.clone()
        } else {
            self.hi.clone()
        };
        Interval::new(lo, hi)
    }

    /// Printing with another parameter name: `1 < t <= 2`.
    pub fn display_with(&self, name: &str) -> String {
        IntervalDisplay { i: self, name }.to_string()
    }
}

/// The simplest rational strictly between two points `p < q` (refining algebraic ones).
pub(crate) fn rational_between(p: &Point, q: &Point) -> Rat {
    let (mut p, mut q) = (p.clone(), q.clone());
    loop {
        let (a, b) = (p.upper(), q.lower());
        if a < b {
            return simplest_between(a, b);
        }
        // Both rational is impossible here (p < q); refine the algebraic ones.
        p.refine();
        q.refine();
    }
}

/// The rational with the smallest denominator (then smallest magnitude) in the open `(a, b)`.
pub fn simplest_between(a: &Rat, b: &Rat) -> Rat {
    assert!(a < b, "simplest_between: empty interval");
    if a.is_negative() && b.is_positive() {
        return Rat::ZERO;
    }
    if !b.is_positive() {
        return -simplest_pos(&-b, Some(&-a));
    }
    simplest_pos(a, Some(b))
}

/// Simplest rational in `(a, b)` for `0 <= a < b` (`None` = infinity), by continued fractions.
fn simplest_pos(a: &Rat, b: Option<&Rat>) -> Rat {
    let n = &a.floor() + &Rat::ONE;
    if b.is_none_or(|b| &n < b) {
        return n;
    }
    let b = b.expect("finite here");
    // No integer strictly inside: both lie in [f, f + 1] with f = floor(a).
    let f = a.floor();
    let (fa, fb) = (a - &f, b - &f);
    // a - f in [0, 1), b - f in (0, 1]: recurse on (1/(b - f), 1/(a - f)).
    let inner_lo = fb.recip().expect("b > f");
    let inner_hi = fa.recip();
    let x = simplest_pos(&inner_lo, inner_hi.as_ref());
    &f + &x.recip().expect("positive")
}

/// `Display` of an interval with a chosen parameter name.
struct IntervalDisplay<'a> {
    i: &'a Interval,
    name: &'a str,
}

impl fmt::Display for IntervalDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.name;
        if let Some(p) = self.i.as_point() {
            return write!(f, "{n} = {}", p.display_with(n));
        }
        match (&self.i.lo, &self.i.hi) {
            (Bound::Unbounded, Bound::Unbounded) => write!(f, "all {n}"),
            (Bound::Unbounded, Bound::Open(q)) => write!(f, "{n} < {}", q.display_with(n)),
            (Bound::Unbounded, Bound::Closed(q)) => write!(f, "{n} <= {}", q.display_with(n)),
            (Bound::Open(p), Bound::Unbounded) => write!(f, "{n} > {}", p.display_with(n)),
            (Bound::Closed(p), Bound::Unbounded) => write!(f, "{n} >= {}", p.display_with(n)),
            (lo, hi) => {
                let (p, lop) = match lo {
                    Bound::Open(p) => (p, "<"),
                    Bound::Closed(p) => (p, "<="),
                    Bound::Unbounded => unreachable!("handled above"),
                };
                let (q, hip) = match hi {
                    Bound::Open(q) => (q, "<"),
                    Bound::Closed(q) => (q, "<="),
                    Bound::Unbounded => unreachable!("handled above"),
                };
                write!(
                    f,
                    "{} {lop} {n} {hip} {}",
                    p.display_with(n),
                    q.display_with(n)
                )
            }
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&IntervalDisplay { i: self, name: "k" }, f)
    }
}
