//! The linear programs of Kos & Manea built from an instance and solved exactly:
//! Proposition 1 (max surplus over efficient IC IR mechanisms), Theorems 1–2 (existence of
//! budget-balanced IC IR transfers, optionally ex post IR), the second best of Section 6, the
//! reduced form of Theorem 3, and the maximum of Π(x) over an optimal face. Answers carry the
//! primal and dual (or Farkas) vectors by name, ready for a certificate; every LP can be
//! exported in CPLEX LP or MPS format.

pub mod export;
pub mod interim;
pub mod market;
pub mod models;
pub mod showcase;
pub mod size;
mod solve;

pub use export::{Format, Recording};
pub use market::{build_market, solve_market};
pub use mechcert_lp::{LpError, objective_scale};
pub use models::{Agent, Model, NamedLp, PiRow, build};
pub use solve::{REDUCE_SECOND_BEST_ABOVE, Solved, Status, solve_model, solve_named};
