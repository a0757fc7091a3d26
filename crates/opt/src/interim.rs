//! A smaller LP with the same optimum as the `second-best` model (without ex post IR), used
//! *inside* the solve for large instances; the certificate is still the full model's and is
//! checked against it.
//!
//! Two facts make it smaller:
//! - the ex post transfers `t(i,j)` enter the rows only through the interim transfers
//!   `tb(i) = Σ_j pS_j t(i,j)` and `ts(j) = Σ_i pB_i t(i,j)`, and any `tb`, `ts` with
//!   `Σ_i pB_i tb(i) = Σ_j pS_j ts(j)` are realised by `t(i,j) = tb(i) + ts(j) - T` with
//!   `T` that common total (check: `Σ_j pS_j t(i,j) = tb(i) + T - T`);
//! - with strictly increasing values, the IC rows between adjacent types imply all the others
//!   (the two adjacent rows give `(xb(i+1) - xb(i))(B_{i+1} - B_i) >= 0`, so `xb` is
//!   monotone, and monotone `xb` with adjacent IC gives IC between any two types by chaining;
//!   the same for the seller).
//!
//! So the reduced LP has `x(i,j)`, `tb(i)`, `ts(j)`, the adjacent `ic_b`/`ic_s` rows, all
//! `ir_b`/`ir_s` rows and one budget row. Its optimal `x` with `t` as above is feasible for
//! the full model, and its row multipliers (zero on the dropped rows, the budget row's
//! multiplier dropped) are dual feasible there: the reduced cost of `t(i,j)` is
//! `pS_j (reduced cost of tb(i)) + pB_i (reduced cost of ts(j))` corrected by the budget
//! row's `z pB_i pS_j - z pB_i pS_j = 0`. [`lift`] builds that candidate and
//! `mechcert_lp::check_outcome` decides: nothing here is trusted.

use std::collections::HashMap;

use mechcert_lp::{Outcome, Problem, Row, RowKind, Sense, check_outcome};
use mechcert_model::Env;
use mechcert_num::Rat;

use crate::models::{Model, NamedLp};

/// The reduced LP of the second best (no ex post IR), with the full model's row names for
/// the rows it keeps (the budget row is `budget`).
pub fn reduced_second_best(env: &Env<Rat>) -> NamedLp {
    let (m, n) = (env.m(), env.n());
    let mut p = Problem::new(Sense::Maximize, m * n + m + n);
    let mut vars = Vec::with_capacity(m * n + m + n);
    for i in 0..m {
        for j in 0..n {
            vars.push(format!("x({},{})", i + 1, j + 1));
            p.lower[i * n + j] = Some(Rat::ZERO);
            p.upper[i * n + j] = Some(Rat::ONE);
            p.objective[i * n + j] = (env.b(i) - env.s(j)) * &env.pb[i] * &env.ps[j];
        }
    }
    vars.extend((0..m).map(|i| format!("tb({})", i + 1)));
    vars.extend((0..n).map(|j| format!("ts({})", j + 1)));
    let tb = |i: usize| m * n + i;
    let ts = |j: usize| m * n + m + j;
    let mut rows = Vec::new();
    // xb(i) scaled by c, as row terms
    let xb = |i: usize, c: &Rat| -> Vec<(usize, Rat)> {
        (0..n).map(|j| (i * n + j, &env.ps[j] * c)).collect()
    };
    let xs = |j: usize, c: &Rat| -> Vec<(usize, Rat)> {
        (0..m).map(|i| (i * n + j, &env.pb[i] * c)).collect()
    };
    let one = Rat::ONE;
    for i in 0..m {
        for k in [i.wrapping_sub(1), i + 1] {
            if k >= m {
                continue;
            }
            // -xb(i) B_i + tb(i) + xb(k) B_i - tb(k) <= 0
            let bi = env.b(i);
            let mut c = xb(i, &-bi.clone());
            c.extend(xb(k, bi));
            c.push((tb(i), one.clone()));
            c.push((tb(k), -one.clone()));
            p.rows.push(Row::new(c, RowKind::Le, Rat::ZERO));
            rows.push(format!("ic_b({},{})", i + 1, k + 1));
        }
    }
    for i in 0..m {
        let mut c = xb(i, &-env.b(i).clone());
        c.push((tb(i), one.clone()));
        p.rows.push(Row::new(c, RowKind::Le, Rat::ZERO));
        rows.push(format!("ir_b({})", i + 1));
    }
    for j in 0..n {
        for l in [j.wrapping_sub(1), j + 1] {
            if l >= n {
                continue;
            }
            // -ts(j) + xs(j) S_j + ts(l) - xs(l) S_j <= 0
            let sj = env.s(j);
            let mut c = xs(j, sj);
            c.extend(xs(l, &-sj.clone()));
            c.push((ts(j), -one.clone()));
            c.push((ts(l), one.clone()));
            p.rows.push(Row::new(c, RowKind::Le, Rat::ZERO));
            rows.push(format!("ic_s({},{})", j + 1, l + 1));
        }
    }
    for j in 0..n {
        let mut c = xs(j, env.s(j));
        c.push((ts(j), -one.clone()));
        p.rows.push(Row::new(c, RowKind::Le, Rat::ZERO));
        rows.push(format!("ir_s({})", j + 1));
    }
    let mut c: Vec<(usize, Rat)> = (0..m).map(|i| (tb(i), env.pb[i].clone())).collect();
    c.extend((0..n).map(|j| (ts(j), -env.ps[j].clone())));
    p.rows.push(Row::new(c, RowKind::Eq, Rat::ZERO));
    rows.push("budget".into());
    NamedLp {
        model: Model::SecondBest { ex_post_ir: false },
        problem: p,
        vars,
        rows,
    }
}

/// The full model's candidate optimum from the reduced LP's optimum, if it verifies
/// (`check_outcome` on the full problem).
pub fn lift(env: &Env<Rat>, full: &NamedLp, reduced: &NamedLp, out: &Outcome) -> Option<Outcome> {
    let Outcome::Optimal { x: xr, y: yr, .. } = out else {
        return None;
    };
    let (m, n) = (env.m(), env.n());
    let var_at: HashMap<&str, usize> = full
        .vars
        .iter()
        .enumerate()
        .map(|(k, v)| (v.as_str(), k))
        .collect();
    let row_at: HashMap<&str, usize> = full
        .rows
        .iter()
        .enumerate()
        .map(|(k, v)| (v.as_str(), k))
        .collect();
    let tb = &xr[m * n..m * n + m];
    let ts = &xr[m * n + m..];
    let total: Rat = (0..m).map(|i| &env.pb[i] * &tb[i]).sum();
    let mut x = vec![Rat::ZERO; full.vars.len()];
    for i in 0..m {
        for j in 0..n {
            x[*var_at.get(format!("x({},{})", i + 1, j + 1).as_str())?] = xr[i * n + j].clone();
            x[*var_at.get(format!("t({},{})", i + 1, j + 1).as_str())?] =
                &(&tb[i] + &ts[j]) - &total;
        }
    }
    let mut y = vec![Rat::ZERO; full.rows.len()];
    for (name, v) in reduced.rows.iter().zip(yr) {
        if name != "budget" {
            y[*row_at.get(name.as_str())?] = v.clone();
        }
    }
    let p = &full.problem;
    let mut reduced_costs = p.objective.clone();
    for (row, yi) in p.rows.iter().zip(&y) {
        if !yi.is_zero() {
            for (j, a) in &row.coeffs {
                reduced_costs[*j] -= a * yi;
            }
        }
    }
    let value = p.objective_value(&x);
    let o = Outcome::Optimal {
        x,
        value,
        y,
        reduced: reduced_costs,
    };
    check_outcome(p, &o).ok().map(|_| o)
}
