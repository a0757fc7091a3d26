//! The size limit of the solver, stated once: an LP is refused before it is solved (and, by
//! `mechcert-opt`, before it is built) when its estimated memory is above
//! [`MEMORY_LIMIT_BYTES`].
//!
//! The estimate follows the data the solver keeps. Per nonzero: the caller's row entry, the
//! merged copy of the standard form and the `f64` row and column copies of the float solve
//! ([`BYTES_PER_NONZERO`]); per row or column: bounds, values and names
//! ([`BYTES_PER_LINE`]); and the dense basis kernel of the float solve and its exact
//! factorisation, `16 k^2` bytes for a kernel of `k <= min(rows, columns)` basic columns
//! (the kernel is capped at what the rest of the budget leaves, [`max_kernel`]). The dense
//! exact simplex (the fallback, and the path for small LPs) needs `(rows + 1) columns`
//! tableau entries of about [`BYTES_PER_TABLEAU_ENTRY`] bytes and is used only below
//! [`DENSE_LIMIT_BYTES`].

use crate::error::LpError;
use crate::problem::Problem;

/// Refuse LPs whose estimated memory is above this (1 GiB). With it, the second best of a
/// 100x100 instance (20,000 rows and columns, 8x10^6 nonzeros, about 0.84 GiB estimated) is
/// solved, and that of a 1000x2 instance (10^6 rows, 1.1 GiB estimated) is refused.
pub const MEMORY_LIMIT_BYTES: u64 = 1 << 30;
/// The dense exact tableau is used only below this (512 MiB).
pub const DENSE_LIMIT_BYTES: u64 = 512 << 20;
/// Refuse LPs with more rows than this: every iteration of the float simplex tests every
/// basic row activity, and at 10^6 rows (a 1000x2 instance's LPs) a solve takes many
/// minutes; 300x2 (90,000 rows) solves in seconds.
pub const MAX_ROWS: usize = 200_000;
pub const BYTES_PER_NONZERO: u64 = 112;
pub const BYTES_PER_LINE: u64 = 256;
pub const BYTES_PER_TABLEAU_ENTRY: u64 = 16;

/// The dimensions that decide the memory of a solve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub rows: usize,
    pub cols: usize,
    pub nnz: usize,
}

impl Size {
    pub fn of(p: &Problem) -> Size {
        Size {
            rows: p.rows.len(),
            cols: p.n_vars(),
            nnz: p.rows.iter().map(|r| r.coeffs.len()).sum(),
        }
    }

    /// Memory of everything but the kernel.
    fn base_bytes(&self) -> u64 {
        (self.nnz as u64)
            .saturating_mul(BYTES_PER_NONZERO)
            .saturating_add(((self.rows + self.cols) as u64).saturating_mul(BYTES_PER_LINE))
    }

    /// Estimated memory of the fast path, with the kernel at its largest possible size
    /// (capped by [`max_kernel`]).
    pub fn estimated_bytes(&self) -> u64 {
        let k = (self.rows.min(self.cols) as u64).min(max_kernel(self) as u64);
        self.base_bytes().saturating_add(16 * k * k)
    }

    /// Memory of the dense exact tableau.
    pub fn dense_bytes(&self) -> u64 {
        ((self.rows + 1) as u64)
            .saturating_mul(self.cols as u64)
            .saturating_mul(BYTES_PER_TABLEAU_ENTRY)
    }

    fn too_large(&self, estimated_bytes: u64, limit_bytes: u64, what: &'static str) -> LpError {
        LpError::TooLarge {
            rows: self.rows,
            cols: self.cols,
            nnz: self.nnz,
            estimated_bytes,
            limit_bytes,
            what,
        }
    }

    /// `Err(TooLarge)` when even the smallest useful kernel does not fit the limit.
    pub fn check(&self) -> Result<(), LpError> {
        if self.rows > MAX_ROWS {
            let need = self.base_bytes();
            return Err(LpError::TooLarge {
                rows: self.rows,
                cols: self.cols,
                nnz: self.nnz,
                estimated_bytes: need,
                limit_bytes: MEMORY_LIMIT_BYTES,
                what: "the sparse solver (above its row limit of 200000 rows)",
            });
        }
        let need = self.base_bytes().saturating_add(16 * 64 * 64);
        if need > MEMORY_LIMIT_BYTES {
            return Err(self.too_large(need, MEMORY_LIMIT_BYTES, "the sparse solver"));
        }
        Ok(())
    }

    /// The error for a dense tableau above [`DENSE_LIMIT_BYTES`].
    pub fn dense_too_large(&self) -> LpError {
        self.too_large(
            self.dense_bytes(),
            DENSE_LIMIT_BYTES,
            "the exact dense simplex (needed because the float basis did not prove optimal)",
        )
    }
}

/// The largest basis kernel the float solve may build: what the memory limit leaves after
/// the sparse data, at 16 bytes per kernel entry.
pub fn max_kernel(size: &Size) -> usize {
    let left = MEMORY_LIMIT_BYTES.saturating_sub(size.base_bytes()) / 16;
    left.isqrt() as usize
}
