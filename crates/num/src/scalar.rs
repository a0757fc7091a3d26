//! `Scalar`: what mechanism and verifier code needs from a number, so that one code path
//! serves concrete instances (`Rat`) and parameterised ones (`Poly` inside a cell).
//!
//! A scalar is an element of a commutative ring containing the rationals. Allocations are
//! always `Rat` (they depend only on the order of values, which is fixed in a cell); values,
//! transfers and surpluses are scalars. Signs are decided against a `Domain`: for `Rat` the
//! domain is trivial and a sign is just a sign; for `Poly` it is a cell of the parameter
//! line, and "negative" means "negative somewhere on the cell", reported as a `Where` set.

use std::fmt;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use crate::Rat;

/// A set of parameter values where something fails. Unions accumulate failures over many
/// inequalities.
pub trait FailSet: Clone + fmt::Display + fmt::Debug + Send + Sync {
    fn union_with(&mut self, other: &Self);
    /// Printed with the parameter's name (`Display` uses `k`).
    fn display_with(&self, _param: &str) -> String {
        self.to_string()
    }
}

/// The domain of a concrete instance: there is no parameter, so a failure set is either
/// empty (`None` where an `Option<Where>` is used) or this, the whole instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct NoParam;

impl fmt::Display for NoParam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the instance")
    }
}

impl FailSet for NoParam {
    fn union_with(&mut self, _: &Self) {}
}

pub trait Scalar:
    Clone
    + PartialEq
    + fmt::Debug
    + fmt::Display
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Neg<Output = Self>
    + for<'a> AddAssign<&'a Self>
    + for<'a> SubAssign<&'a Self>
{
    /// Where signs are decided: `NoParam` for concrete numbers, a cell for polynomials.
    type Domain: Clone + fmt::Debug + fmt::Display + Send + Sync;
    /// Subsets of the domain (where an inequality fails).
    type Where: FailSet;

    fn zero() -> Self;
    fn from_rat(r: Rat) -> Self;
    /// `self * r`.
    fn scale(&self, r: &Rat) -> Self;
    fn is_zero(&self) -> bool;
    /// The value if it does not depend on the parameter.
    fn as_constant(&self) -> Option<Rat>;
    /// Evaluate at a parameter value (identity for constants).
    fn at(&self, k: &Rat) -> Rat;
    /// The part of `domain` where `self < 0`, or `None` if `self >= 0` on all of it.
    fn where_negative(&self, domain: &Self::Domain) -> Option<Self::Where>;
    /// The part of `domain` where `self != 0`, or `None` if `self == 0` on all of it.
    fn where_nonzero(&self, domain: &Self::Domain) -> Option<Self::Where>;
    /// `self * self` etc. are via `Mul`; this names the product of a scalar and a rational
    /// weight that is added to an accumulator, the hot operation of interim sums.
    fn add_scaled(&mut self, x: &Self, w: &Rat) {
        let t = x.scale(w);
        *self += &t;
    }
    /// Printed with the parameter's name (`Display` uses `k`).
    fn display_with(&self, _param: &str) -> String {
        self.to_string()
    }
    /// The parameter itself, for scalars that depend on one (`None` for numbers).
    fn parameter() -> Option<Self> {
        None
    }
}

impl Scalar for Rat {
    type Domain = NoParam;
    type Where = NoParam;

    fn zero() -> Self {
        Rat::ZERO
    }
    fn from_rat(r: Rat) -> Self {
        r
    }
    fn scale(&self, r: &Rat) -> Self {
        self * r
    }
    fn is_zero(&self) -> bool {
        Rat::is_zero(self)
    }
    fn as_constant(&self) -> Option<Rat> {
        Some(self.clone())
    }
    fn at(&self, _: &Rat) -> Rat {
        self.clone()
    }
    fn where_negative(&self, _: &NoParam) -> Option<NoParam> {
        self.is_negative().then_some(NoParam)
    }
    fn where_nonzero(&self, _: &NoParam) -> Option<NoParam> {
        (!Rat::is_zero(self)).then_some(NoParam)
    }
}
