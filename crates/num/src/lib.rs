//! Exact numbers for mechcert.
//!
//! - [`Rat`]: the exact rational (i64 fast path, malachite behind it), canonical at all times;
//! - [`Scalar`]: the interface mechanism code is written against, implemented by `Rat` and,
//!   for parameterised instances, by [`Poly`] (polynomials in one parameter over `Rat`);
//! - exact sign decisions for polynomials on intervals (Sturm sequences and bisection):
//!   [`Point`] (rational or real algebraic), [`Interval`] (cells and domains), [`Region`]
//!   (finite unions of intervals, where a property fails);
//! - [`Int`]: an exact integer with an i64 fast path, for fraction-free kernels (the LP);
//! - [`SplitMix64`]: the one seeded pseudo-random generator (tests, search, the LP).

mod domain;
mod int;
mod interval;
mod point;
mod poly;
mod poly_parse;
mod rat;
mod region;
mod roots;
mod scalar;
mod sign;
mod splitmix;
pub mod word;

pub use domain::DomainParseError;
pub use int::{Int, reduce_content};
pub use interval::{Bound, Interval, simplest_between};
pub use point::Point;
pub use poly::Poly;
pub use poly_parse::{MAX_PARSED_DEGREE, PolyParseError};
pub use rat::{ParseRatError, Rat};
pub use region::Region;
pub use roots::{Sturm, root_bound};
pub use scalar::{FailSet, NoParam, Scalar};
pub use splitmix::SplitMix64;
