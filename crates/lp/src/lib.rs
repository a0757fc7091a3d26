//! Exact rational simplex for mechcert: optimal, infeasible or unbounded, always with a
//! certificate.
//!
//! [`solve`] (or [`solve_with`]) answers a [`Problem`]
//! `max/min c·x  s.t.  a_i·x (<=|>=|=) b_i,  l <= x <= u` (bounds may be infinite) with an
//! [`Outcome`]; [`check_outcome`] re-verifies an outcome using only sums and signs. All
//! arithmetic is exact ([`Rat`]); there are no floating-point numbers anywhere.
//!
//! # Certificate conventions (the contract)
//!
//! `A` is the matrix of the rows **as given** (no negation of `Ge` rows), `b` their right
//! hand sides, `c` the objective, `l`/`u` the bounds (`None` = -inf / +inf). Vectors `y`
//! have one entry per row, in the order of `Problem::rows`; `x`, `reduced` and `ray` one
//! entry per variable.
//!
//! ## `Optimal { x, value, y, reduced }`
//! 1. `x` satisfies every row and `l <= x <= u`; `value = c·x`.
//! 2. `reduced = c - A^T y` exactly (so `c = A^T y + reduced`: Lagrange multipliers).
//! 3. Signs of `y`:
//!    - `Maximize`: `y_i >= 0` on `Le` rows, `y_i <= 0` on `Ge` rows, free on `Eq` rows;
//!    - `Minimize`: `y_i <= 0` on `Le` rows, `y_i >= 0` on `Ge` rows, free on `Eq` rows.
//! 4. Dual bound. `Maximize`: `reduced_j > 0` needs `u_j` finite, `reduced_j < 0` needs
//!    `l_j` finite, and `D = y·b + Σ_j (reduced_j > 0 ? reduced_j·u_j : reduced_j·l_j)`.
//!    `Minimize`: `reduced_j > 0` needs `l_j` finite, `reduced_j < 0` needs `u_j` finite,
//!    and `D = y·b + Σ_j (reduced_j > 0 ? reduced_j·l_j : reduced_j·u_j)`
//!    (terms with `reduced_j = 0` are zero).
//! 5. `D = value` exactly.
//!
//! Why this proves optimality (maximise): for any feasible `x'`,
//! `c·x' = Σ_i y_i a_i·x' + reduced·x' <= y·b + Σ_j reduced_j·(u_j or l_j) = D`, because
//! `y_i a_i·x' <= y_i b_i` on every row by the sign rule, and `reduced_j x'_j` is at most
//! `reduced_j u_j` (if positive) or `reduced_j l_j` (if negative). Minimise: all reversed.
//!
//! ## `Infeasible { y }` (the same for both senses)
//! 1. Signs: `y_i >= 0` on `Le` rows, `y_i <= 0` on `Ge` rows, free on `Eq` rows (for the
//!    oriented system `a·x <= b`, with `Ge` rows negated, these are `y >= 0` on inequalities).
//! 2. Let `a = A^T y`. `a_j > 0` needs `l_j` finite and `a_j < 0` needs `u_j` finite;
//!    `M = Σ_j (a_j > 0 ? a_j·l_j : a_j·u_j)` (zero terms for `a_j = 0`) is the minimum
//!    of `a·x` over the bound box.
//! 3. `M > y·b` strictly.
//!
//! Every `x` satisfying the rows has `a·x = Σ_i y_i a_i·x <= y·b < M`, so no `x` in the
//! box satisfies them. Special case: if some variable has `l_j > u_j`, the box is empty,
//! the solver returns `y = 0`, and the checker accepts `y = 0` only in that case.
//!
//! ## `Unbounded { x, ray }`
//! 1. `x` is feasible (as for `Optimal`).
//! 2. `a_i·ray <= 0` on `Le` rows, `>= 0` on `Ge` rows, `= 0` on `Eq` rows.
//! 3. `ray_j > 0` only if `u_j` is infinite, `ray_j < 0` only if `l_j` is infinite.
//! 4. `c·ray > 0` for `Maximize`, `c·ray < 0` for `Minimize`.
//!
//! So `x + t·ray` is feasible for all `t >= 0` and its objective is unbounded.
//!
//! # Problem conventions
//! Row coefficients are sparse `(variable, coefficient)` pairs; repeated variables are
//! added. Any number of variables and rows (including none) is allowed, and so are zero
//! rows (a violated one, such as `0 >= 1`, makes the problem infeasible), free variables
//! and fixed ones (`l_j = u_j`). A problem whose lengths disagree or whose rows name a
//! variable out of range is malformed ([`Problem::validate`]); [`solve`] returns
//! [`LpError::Malformed`] for it.
//!
//! # Algorithm
//! Two paths give the same kind of answer (each certificate verified before it is
//! returned); [`Options::method`] chooses, by default by size ([`AUTO_DENSE_CELLS`]).
//!
//! **Fast path** (`float.rs`, `exact.rs`, `dixon.rs`), as exact solvers such as QSopt_ex and
//! SoPlex do it: a sparse bounded primal simplex in `f64` — the only floating-point code of
//! mechcert — *proposes* a basis; the basis is rebuilt exactly (its kernel, the basic
//! structural columns against the rows whose activity is nonbasic, solved by p-adic lifting;
//! every other row activity is basic, so the exact work is the kernel, not the LP); the
//! candidate primal and dual (or Farkas vector, or ray) are checked with [`check_outcome`].
//! When the check fails, the dense exact simplex continues from the proposed basis (warm
//! start). Memory is proportional to the nonzeros plus the kernel; see [`limits`].
//!
//! **Dense exact simplex** (the fallback, and the oracle of the tests): a bounded-variable
//! primal simplex (`simplex.rs`) on a condensed tableau (`tableau.rs`), every row
//! `a_i·x - r_i = 0` with a bounded row activity `r_i` (`form.rs`):
//! - start: all row activities basic, structural variables at a finite bound (free ones at
//!   zero), then a crash pivots free variables into the basis without moving the point;
//! - composite phase 1 (minimise the sum of infeasibilities, first-breakpoint ratio test),
//!   whose final multipliers are the Farkas vector; phase 2 from the feasible basis;
//! - pricing: the `Options::shortlist` columns with the largest reduced costs are
//!   ratio-tested and the largest improvement enters; ratio ties go to the sparsest row;
//!   after `Options::bland_after` consecutive degenerate pivots Bland's rule takes over
//!   until the next nondegenerate step, so the method provably terminates;
//! - arithmetic: each tableau row is kept fraction-free, as integers over one positive
//!   common denominator with the content divided out ([`mechcert_num::Int`], `i64` fast
//!   path, an `i128` kernel for dense updates in `kernel.rs`); a pivot touches only rows
//!   with a nonzero in the pivot column, and, when the row's denominator does not grow, only
//!   the pivot row's nonzero columns. Values and certificates are exact [`Rat`]s.
//!
//! Errors are values, never panics: [`LpError::Malformed`], [`LpError::TooLarge`] (above
//! [`limits::MEMORY_LIMIT_BYTES`], with the numbers), [`LpError::Inconsistent`] (an answer
//! that does not verify: a bug).

mod certify;
mod check;
mod dixon;
mod error;
mod exact;
mod export;
mod float;
mod form;
mod kernel;
pub mod limits;
mod options;
mod problem;
mod simplex;
mod tableau;

pub use check::check_outcome;
pub use error::LpError;
pub use export::{objective_scale, write_cplex_lp, write_mps};
pub use mechcert_num::Rat;
pub use options::{AUTO_DENSE_CELLS, Method, Options, Pricing, Report, Stats};
pub use problem::{Outcome, Problem, Row, RowKind, Sense};

use float::At;
use limits::Size;

/// Solve `p` with the default options.
pub fn solve(p: &Problem) -> Result<Outcome, LpError> {
    solve_with(p, &Options::default()).map(|r| r.outcome)
}

/// Solve `p` with the given options, reporting statistics as well.
pub fn solve_with(p: &Problem, opts: &Options) -> Result<Report, LpError> {
    p.validate().map_err(LpError::Malformed)?;
    if p.empty_box_var().is_some() {
        let outcome = Outcome::Infeasible {
            y: vec![Rat::ZERO; p.rows.len()],
        };
        return Ok(Report {
            outcome,
            stats: Stats::default(),
        });
    }
    let size = Size::of(p);
    size.check()?;
    let dense = match opts.method {
        Method::Dense => true,
        Method::Fast => false,
        Method::Auto => (size.rows + 1).saturating_mul(size.cols) <= AUTO_DENSE_CELLS,
    };
    let f = form::StdForm::new(p);
    let (outcome, stats) = if dense {
        if size.dense_bytes() > limits::DENSE_LIMIT_BYTES {
            return Err(size.dense_too_large());
        }
        simplex::Solver::new(&f, opts).run()
    } else {
        return fast(p, &f, &size, opts);
    };
    if opts.verify {
        check_outcome(p, &outcome).map_err(LpError::Inconsistent)?;
    }
    Ok(Report { outcome, stats })
}

/// The fast path: propose, prove, or continue exactly from the proposal.
fn fast(p: &Problem, f: &form::StdForm, size: &Size, opts: &Options) -> Result<Report, LpError> {
    let mut stats = Stats {
        fast_path: true,
        ..Stats::default()
    };
    let proposal = if opts.wrong_proposal {
        Some(wrong_proposal(f))
    } else {
        float::propose(f, limits::max_kernel(size))
    };
    if let Some(prop) = &proposal {
        stats.float_iterations = prop.iterations;
        stats.kernel = prop.at[..f.n].iter().filter(|a| **a == At::Basic).count();
        let proved = exact::prove(f, p, prop);
        if let Some(outcome) = proved {
            return Ok(Report { outcome, stats });
        }
    }
    // The proposal did not prove out: the dense exact simplex continues from it.
    if size.dense_bytes() > limits::DENSE_LIMIT_BYTES {
        return Err(size.dense_too_large());
    }
    stats.fallback = true;
    let solver = proposal
        .as_ref()
        .and_then(|prop| simplex::Solver::new_warm(f, opts, &prop.at))
        .unwrap_or_else(|| simplex::Solver::new(f, opts));
    let (outcome, dense_stats) = solver.run();
    check_outcome(p, &outcome).map_err(LpError::Inconsistent)?;
    let stats = Stats {
        fast_path: true,
        float_iterations: stats.float_iterations,
        kernel: stats.kernel,
        fallback: true,
        ..dense_stats
    };
    Ok(Report { outcome, stats })
}

/// A deliberately wrong proposal (testing): every row activity basic, every structural
/// variable at its upper bound when it has one (else lower, else zero), "optimal".
fn wrong_proposal(f: &form::StdForm) -> float::Proposal {
    let mut at = vec![At::Basic; f.n + f.m];
    for (j, a) in at.iter_mut().enumerate().take(f.n) {
        *a = if f.hi[j].is_some() {
            At::Upper
        } else if f.lo[j].is_some() {
            At::Lower
        } else {
            At::Zero
        };
    }
    float::Proposal {
        at,
        verdict: float::Verdict::Optimal,
        iterations: 0,
    }
}
