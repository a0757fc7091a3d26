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
    /// Re-verify the answer with [`crate::check_outcome`] and panic if it fails (a solver
    /// bug). Cheap next to the solve; on by default.
    pub verify: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pricing: Pricing::Dantzig,
            shortlist: 32,
            bland_after: None,
            verify: true,
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
}

/// The outcome of [`crate::solve_with`] and its statistics.
#[derive(Clone, Debug)]
pub struct Report {
    pub outcome: Outcome,
    pub stats: Stats,
}
