//! Section 7.3's general supports, made concrete: buyer and seller values uniform on [0, 1],
//! discretised on `n` points each — the midpoints `(2k - 1) / (2n)`, `k = 1..n`, each with
//! probability `1/n` (the same grid on both sides, so ties have zero gains from trade) — and
//! the exact second-best welfare `W_n` next to the first best
//! `FB_n = E[(B - S)^+] = (n^2 - 1) / (6 n^2)` (hand computation: the pairs `i > j` contribute
//! `(i - j) / n` each with probability `1/n^2`, and `Σ_{d=1}^{n-1} d (n - d) = n (n^2 - 1) / 6`).
//! As `n` grows, `FB_n -> 1/6` and `W_n` approaches Myerson and Satterthwaite's continuous
//! second best `9/64` (ratio `27/32`).

use mechcert_mech::{closed_form, efficient_allocation};
use mechcert_model::{Env, Instance};
use mechcert_num::Rat;

use crate::models::Model;
use crate::solve::{Solved, solve_model};

/// The `n`-point uniform instance.
pub fn uniform_instance(n: usize) -> Instance {
    let values: Vec<String> = (1..=n)
        .map(|k| format!("\"{}\"", Rat::new(2 * k as i64 - 1, 2 * n as i64)))
        .collect();
    let probs: Vec<String> = (0..n)
        .map(|_| format!("\"{}\"", Rat::new(1, n as i64)))
        .collect();
    let side = format!(
        "values = [{}]\nprobs = [{}]\n",
        values.join(", "),
        probs.join(", ")
    );
    let text = format!(
        "name = \"uniform [0,1] on {n} midpoints\"\nsource = \"Section 7.3 (general supports), discretised\"\n[buyer]\n{side}[seller]\n{side}"
    );
    Instance::parse(&text, "<uniform grid>").expect("the grid is a valid instance")
}

/// One row of the table: `n`, the exact second best and first best, and the solved LP.
pub struct Point {
    pub n: usize,
    pub second_best: Rat,
    pub first_best: Rat,
    pub solved: Solved,
    pub env: Env<Rat>,
    pub instance: Instance,
}

/// Solve the second best on the `n`-point grid (the LP answer is proven exactly).
pub fn point(n: usize) -> Result<Point, mechcert_lp::LpError> {
    let instance = uniform_instance(n);
    let env = instance.concrete().expect("the grid is concrete");
    let solved = solve_model(&env, &Model::SecondBest { ex_post_ir: false })?;
    // With no gainful pair (n = 1) the objective is zero and the answer is "feasible": W = 0.
    let second_best = match solved.value() {
        Some(v) => v.clone(),
        None if solved.is_feasible() => Rat::ZERO,
        None => panic!("x = 0, t = 0 is feasible and W is bounded"),
    };
    let first_best = closed_form::gains_from_trade(&env, &efficient_allocation(&env));
    Ok(Point {
        n,
        second_best,
        first_best,
        solved,
        env,
        instance,
    })
}

/// `(n^2 - 1) / (6 n^2)`, the first best in closed form.
pub fn first_best_formula(n: usize) -> Rat {
    let n2 = (n * n) as i64;
    Rat::new(n2 - 1, 6 * n2)
}
