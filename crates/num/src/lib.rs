//! Exact numbers for mechcert.
//!
//! - [`Rat`]: the exact rational (i64 fast path, malachite behind it), canonical at all times;
//! - [`Scalar`]: the interface mechanism code is written against, implemented by `Rat` and,
//!   for parameterised instances, by [`Poly`] (polynomials in one parameter over `Rat`);
//! - exact sign decisions for polynomials on intervals (Sturm sequences and bisection).

mod int;
mod rat;
mod scalar;

pub use int::{Int, reduce_content};
pub use rat::{ParseRatError, Rat};
pub use scalar::{FailSet, NoParam, Scalar};
