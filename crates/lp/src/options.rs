//! Solver options and the statistics a solve reports.

use crate::problem::Outcome;

/// How the entering variable is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pricing {
    /// Dantzig's order (largest |reduced cost|, ties: smallest variable index) refined by a
    /// shortlist (see [`Options::shortlist`]); falls back to Bland's rule after
    /// [`Options::bland_after`] consecutive degenerate pivots, and returns to this rule after
    /// the next nondegenerate step.
    Dantzig,
    /// Bland's rule throughout: smallest eligible index enters, smallest index leaves.
    Bland,
}

/// Which algorithm answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The dense exact simplex for small LPs (at most [`AUTO_DENSE_CELLS`] tableau entries,
    /// where it is fastest), the fast path above.
    Auto,
    /// Always the dense exact simplex (the oracle of the tests).
    Dense,
    /// Always the fast path: a basis proposed by the `f64` simplex, proven exactly, and the
    /// dense exact simplex continuing from it when the proof fails.
    Fast,
}

/// [`Method::Auto`] uses the dense exact simplex up to this many tableau entries
/// (`(rows + 1) x columns`).
pub const AUTO_DENSE_CELLS: usize = 20_000;

/// Solver options. `Options::default()` is what [`crate::solve`] uses.
#[derive(Clone, Debug)]
pub struct Options {
    pub pricing: Pricing,
    /// Dantzig pricing ratio-tests this many of the columns with the largest reduced costs
    /// and takes the one that improves the objective most (1: plain Dantzig).
    pub shortlist: usize,
    /// Consecutive degenerate pivots after which Dantzig pricing switches to Bland's rule;
    /// `None` means `max(100, rows + variables)` (Bland's rule is very slow on the highly
    /// degenerate second-best LPs, whose degenerate runs stay below this).
    pub bland_after: Option<usize>,
    /// Re-verify the answer with [`crate::check_outcome`] and return
    /// [`crate::LpError::Inconsistent`] if it fails (a solver bug). Cheap next to the solve;
    /// on by default. (The fast path always checks its answer: that is its proof.)
    pub verify: bool,
    pub method: Method,
    /// Testing only: replace the float solve's proposal by a deliberately wrong basis (the
    /// slack basis, every structural variable at its other bound), to show that the answer
    /// does not depend on the proposal.
    pub wrong_proposal: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pricing: Pricing::Dantzig,
            shortlist: 32,
            bland_after: None,
            verify: true,
            method: Method::Auto,
            wrong_proposal: false,
        }
    }
}

/// Counters of one solve.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Basis changes in phases 1 and 2 (crash pivots excluded).
    pub pivots: usize,
    /// Pivots of the free-variable crash before phase 1.
    pub crash_pivots: usize,
    /// Steps where the entering variable went from one bound to the other without a pivot.
    pub bound_flips: usize,
    /// Pivots with a zero step.
    pub degenerate: usize,
    /// Iterations spent in phase 1.
    pub phase1_iterations: usize,
    /// How often Dantzig pricing fell back to Bland's rule.
    pub bland_switches: usize,
    /// Longest run of consecutive degenerate pivots.
    pub max_degenerate_run: usize,
    /// Nonzeros of the final tableau (constraint rows and reduced costs).
    pub final_nnz: usize,
    /// Size of the final tableau (rows times columns).
    pub tableau_size: usize,
    /// Largest bit size of an integer in the final tableau (numerators and row
    /// denominators; above 63 the slow big-integer path is in use).
    pub tableau_max_bits: u64,
    /// The fast path answered (float proposal proven exactly, possibly after the dense
    /// simplex continued from it).
    pub fast_path: bool,
    /// Iterations of the `f64` simplex.
    pub float_iterations: usize,
    /// Basic structural variables of the proposed basis (its kernel size).
    pub kernel: usize,
    /// The proposal did not prove out and the exact simplex continued from it.
    pub fallback: bool,
}

/// The outcome of [`crate::solve_with`] and its statistics.
#[derive(Clone, Debug)]
pub struct Report {
    pub outcome: Outcome,
    pub stats: Stats,
}
