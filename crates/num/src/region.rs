//! `Region`: a finite union of intervals of the parameter line, the failure sets of
//! properties checked on parameterised instances.
//!
//! Invariant (canonical form, checked by `Region::is_canonical`): the pieces are sorted,
//! pairwise disjoint, and no two of them touch (`(1, 2]` and `(2, 3)` are always merged
//! into `(1, 3)`). So two regions are equal iff they are the same set, and equality of
//! regions is equality of their piece lists (points compare semantically).
//!
//! Display joins the pieces with ` or `: `1 < k < 2 or k = 3`; the empty region prints
//! `no k`.

use std::cmp::Ordering;
use std::fmt;

use crate::interval::{cmp_lower, cmp_upper, connects, nonempty};
use crate::{Bound, FailSet, Interval, Point, Rat};

/// A finite union of disjoint, sorted, non-touching intervals.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Region {
    pieces: Vec<Interval>,
}

impl Region {
    pub fn empty() -> Region {
        Region { pieces: Vec::new() }
    }

    pub fn all() -> Region {
        Region::from_interval(Interval::all())
    }

    pub fn from_interval(i: Interval) -> Region {
        Region { pieces: vec![i] }
    }

    /// The union of any intervals (overlapping, touching, unsorted), made canonical.
    pub fn from_intervals(it: impl IntoIterator<Item = Interval>) -> Region {
        let mut v: Vec<Interval> = it.into_iter().collect();
        v.sort_by(|a, b| cmp_lower(a.lo(), b.lo()));
        let mut out: Vec<Interval> = Vec::with_capacity(v.len());
        for i in v {
            if let Some(last) = out.last_mut()
                && connects(last.hi(), i.lo())
            {
                if cmp_upper(i.hi(), last.hi()) == Ordering::Greater {
                    let lo = last.lo().clone();
                    let hi = i.hi().clone();
                    *last = Interval::new(lo, hi).expect("union of connected intervals");
                }
                continue;
            }
            out.push(i);
        }
        Region { pieces: out }
    }

    /// The pieces, sorted, disjoint and non-touching.
    pub fn pieces(&self) -> &[Interval] {
        &self.pieces
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    pub fn contains(&self, x: &Rat) -> bool {
        self.pieces.iter().any(|i| i.contains(x))
    }

    pub fn contains_point(&self, x: &Point) -> bool {
        self.pieces.iter().any(|i| i.contains_point(x))
    }

    /// `self := self ∪ other`.
    pub fn union_with(&mut self, other: &Region) {
        if other.is_empty() {
            return;
        }
        let all = std::mem::take(&mut self.pieces)
            .into_iter()
            .chain(other.pieces.iter().cloned());
        *self = Region::from_intervals(all);
    }

    pub fn union(&self, other: &Region) -> Region {
        let mut r = self.clone();
        r.union_with(other);
        r
    }

    /// The part of the region inside the interval.
    pub fn intersect_interval(&self, i: &Interval) -> Region {
        // Intersecting sorted, separated pieces with one interval keeps them so.
        Region {
            pieces: self.pieces.iter().filter_map(|p| p.intersect(i)).collect(),
        }
    }

    pub fn intersect(&self, other: &Region) -> Region {
        Region::from_intervals(
            other
                .pieces
                .iter()
                .flat_map(|i| self.intersect_interval(i).pieces),
        )
    }

    /// The part of the interval outside the region.
    pub fn complement_in(&self, i: &Interval) -> Region {
        let inside = self.intersect_interval(i);
        let mut out = Vec::new();
        let mut start = i.lo().clone();
        let mut open_end = true;
        for p in &inside.pieces {
            if *p.lo() != Bound::Unbounded {
                let gap_hi = p.lo().flipped();
                if let Some(g) = Interval::new(start.clone(), gap_hi) {
                    out.push(g);
                }
            }
            if *p.hi() == Bound::Unbounded {
                open_end = false;
                break;
            }
            start = p.hi().flipped();
        }
        if open_end && nonempty(&start, i.hi()) {
            let (lo, hi) = (start, i.hi().clone());
            if let Some(g) = Interval::new(lo, hi) {
                out.push(g);
            }
        }
        // A gap before a piece that starts at the interval's own lower end is empty, as
        // is one after a piece ending at its upper end: `Interval::new` dropped those.
        Region { pieces: out }
    }

    /// Sorted, disjoint and non-touching?
    pub fn is_canonical(&self) -> bool {
        self.pieces.windows(2).all(|w| {
            cmp_lower(w[0].lo(), w[1].lo()) == Ordering::Less && !connects(w[0].hi(), w[1].lo())
        })
    }

    /// Printing with another parameter name.
    pub fn display_with(&self, name: &str) -> String {
        RegionDisplay { r: self, name }.to_string()
    }
}

impl From<Interval> for Region {
    fn from(i: Interval) -> Region {
        Region::from_interval(i)
    }
}

impl FailSet for Region {
    fn union_with(&mut self, other: &Self) {
        Region::union_with(self, other);
    }
    fn display_with(&self, param: &str) -> String {
        Region::display_with(self, param)
    }
}

/// `Display` of a region with a chosen parameter name.
struct RegionDisplay<'a> {
    r: &'a Region,
    name: &'a str,
}

impl fmt::Display for RegionDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.r.pieces.is_empty() {
            return write!(f, "no {}", self.name);
        }
        for (n, i) in self.r.pieces.iter().enumerate() {
            if n > 0 {
                f.write_str(" or ")?;
            }
            write!(f, "{}", i.display_with(self.name))?;
        }
        Ok(())
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&RegionDisplay { r: self, name: "k" }, f)
    }
}
