//! The size of a model predicted from the instance alone (rows, columns and an upper bound
//! on the nonzeros), so that an LP above the solver's limit is refused before it is built.
//! The counts follow `models.rs` row by row; a test holds them against built models.

use mechcert_lp::limits::Size;
use mechcert_model::Env;
use mechcert_num::Rat;
use std::cmp::Ordering;

use crate::models::Model;

/// Rows, columns and (an upper bound on) nonzeros of `model` on `env`.
pub fn predicted(env: &Env<Rat>, model: &Model) -> Size {
    let (m, n) = (env.m(), env.n());
    let ic = |tb: usize, ts: usize| -> (usize, usize) {
        // (rows, nnz) of ic_b, ir_b, ic_s, ir_s with `tb`/`ts` nonzeros per interim transfer
        let rows = m * m.saturating_sub(1) + m + n * n.saturating_sub(1) + n;
        let nnz =
            m * m.saturating_sub(1) * 2 * tb + m * tb + n * n.saturating_sub(1) * 2 * ts + n * ts;
        (rows, nnz)
    };
    match model {
        Model::MaxSurplus { .. } | Model::MaxInterim { .. } => {
            let (rows, nnz) = ic(1, 1);
            Size {
                rows,
                cols: m + n,
                nnz,
            }
        }
        Model::BbFeasible {
            ex_post_ir,
            free_ties,
            ..
        } => {
            let ties = if *free_ties {
                (0..m)
                    .flat_map(|i| (0..n).map(move |j| (i, j)))
                    .filter(|&(i, j)| env.cmp(i, j) == Ordering::Equal)
                    .count()
            } else {
                0
            };
            // tie cells add x terms: at most 2 per row per tie cell
            let (mut rows, mut nnz) = ic(n + 2 * ties, m + 2 * ties);
            if *ex_post_ir {
                rows += 2 * m * n;
                nnz += 4 * m * n;
            }
            Size {
                rows,
                cols: m * n + ties,
                nnz,
            }
        }
        Model::SecondBest { ex_post_ir } => {
            let (mut rows, mut nnz) = ic(2 * n, 2 * m);
            if *ex_post_ir {
                rows += 2 * m * n;
                nnz += 4 * m * n;
            }
            Size {
                rows,
                cols: 2 * m * n,
                nnz,
            }
        }
        Model::Reduced { .. } => Size {
            rows: m.saturating_sub(1) + n.saturating_sub(1) + 1,
            cols: m * n,
            nnz: 2 * m * n * 2 + m * n,
        },
        Model::MarketMaxSurplus | Model::MarketBbFeasible => {
            unreachable!("a market's size is `market::market_size`")
        }
        Model::MaxPi { .. } => Size {
            rows: m.saturating_sub(1) + n.saturating_sub(1) + 2,
            cols: m * n,
            nnz: 2 * m * n * 2 + 2 * m * n,
        },
    }
}
