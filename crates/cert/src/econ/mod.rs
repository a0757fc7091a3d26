//! The paper's economics, recomputed by the checker from an instance with its own code: the
//! single-buyer mechanisms as tables (`single`), mechanisms with several buyers and their
//! interim tables by profile enumeration (`multi`) or by multisets of types (`multiset`), the
//! properties of a mechanism at every profile (`properties`), the LP models of FORMAT.md
//! (`models`) and the exact checks of an LP's primal, dual and Farkas vectors (`lp`).

pub mod lp;
pub mod market;
pub mod models;
pub mod multi;
pub mod multiset;
pub mod properties;
pub mod single;
