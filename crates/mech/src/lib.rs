//! The mechanisms of Kos & Manea as data: VCG (Definition 1), VCG' (Definition 2 and the
//! Section 5 four-case formula for I buyers), the tight transfers T(x) of Section 6, the
//! budget-balanced constructions of Theorems 1–2 and Section 5, the closed forms Π^VCG' and
//! Lemma 1, and symmetric compression for many buyers.
//!
//! Everything is generic over `Scalar`, so the same code computes with numbers and with
//! polynomials in a parameter; all comparisons of values go through the environment's proven
//! order.

mod bb;
pub mod closed_form;
pub mod compress;
pub mod enumerate;
pub mod hetero;
mod interim;
mod matrix;
mod mechanism;
mod multi;
mod single;

pub use bb::{BudgetBalanced, Shares};
pub use interim::Interim;
pub use matrix::Matrix;
pub use mechanism::{Mechanism, Outcome};
pub use multi::{VcgMulti, VcgPrimeFourCase, VcgPrimeThreshold, efficient_shares};
pub use single::{Tabular, efficient_allocation, tight, vcg, vcg_prime};
