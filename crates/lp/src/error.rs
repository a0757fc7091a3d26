//! Why `solve` returns no answer: a malformed problem, a problem above the documented size
//! limit (with its numbers), or an internal inconsistency (the solver's own certificate
//! does not verify — a bug, reported instead of a panic).

use std::fmt;

/// The error of [`crate::solve`] and [`crate::solve_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LpError {
    /// Lengths disagree or a row names a variable out of range ([`crate::Problem::validate`]).
    Malformed(String),
    /// The problem needs more memory than the limit allows (see [`crate::limits`]).
    TooLarge {
        rows: usize,
        cols: usize,
        nnz: usize,
        estimated_bytes: u64,
        limit_bytes: u64,
        /// Which part of the solver would need it.
        what: &'static str,
    },
    /// The solver's own answer did not verify (a bug in mechcert-lp).
    Inconsistent(String),
}

impl fmt::Display for LpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LpError::Malformed(e) => write!(f, "malformed LP: {e}"),
            LpError::TooLarge {
                rows,
                cols,
                nnz,
                estimated_bytes,
                limit_bytes,
                what,
            } => write!(
                f,
                "the LP is too large: {rows} rows, {cols} columns, {nnz} nonzeros; {what} would need about {} MiB, above the limit of {} MiB",
                estimated_bytes.div_ceil(1 << 20),
                limit_bytes / (1 << 20)
            ),
            LpError::Inconsistent(e) => {
                write!(
                    f,
                    "mechcert-lp: the solver's certificate does not verify: {e}"
                )
            }
        }
    }
}

impl std::error::Error for LpError {}

impl From<LpError> for String {
    fn from(e: LpError) -> String {
        e.to_string()
    }
}
