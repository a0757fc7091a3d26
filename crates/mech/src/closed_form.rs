//! Closed forms of the single-buyer model, each computed without enumerating profiles:
//! Π^VCG' of Section 3, the virtual values of Lemma 1 and Π(x) through them, and the
//! expected gains from trade of an allocation.
//!
//! Conventions of footnote 4: B_0 lies below every value (F(B_0) = 0) and S_{n+1} above every
//! value (F_b(S_{n+1}) = 1); in the buyer's virtual value the term with B_{m+1} carries the
//! factor 1 - F_b(B_m) = 0 and vanishes. F_s(B_i) and F_b(S_j) use the proven value order.

use mechcert_model::Env;
use mechcert_num::{Rat, Scalar};

use crate::Matrix;

/// Π^VCG' = Σ_i (1 - F_b(B_{i-1})) (F_s(B_i) - F_s(B_{i-1})) B_i
///        - Σ_j F_s(S_j) (F_b(S_{j+1}) - F_b(S_j)) S_j   (Section 3, as printed).
pub fn vcg_prime_surplus<S: Scalar>(env: &Env<S>) -> S {
    let (m, n) = (env.m(), env.n());
    let mut pi = S::zero();
    let mut fs_prev = Rat::ZERO; // F_s(B_{i-1})
    for i in 0..m {
        let fs = env.cdf_s_at_buyer(i);
        let w = (Rat::ONE - env.cdf_b_below(i)) * (&fs - &fs_prev);
        pi.add_scaled(env.b(i), &w);
        fs_prev = fs;
    }
    for j in 0..n {
        let fb_next = if j + 1 < n {
            env.cdf_b_at_seller(j + 1)
        } else {
            Rat::ONE
        };
        let w = env.cdf_s(j) * (fb_next - env.cdf_b_at_seller(j));
        pi.add_scaled(env.s(j), &(-w));
    }
    pi
}

/// The buyer's virtual value of Lemma 1:
/// [(1 - F_b(B_{i-1})) B_i - (1 - F_b(B_i)) B_{i+1}] / p_b(B_i).
pub fn buyer_virtual_value<S: Scalar>(env: &Env<S>, i: usize) -> S {
    let inv = env.pb[i].recip().expect("probabilities are positive");
    let mut v = env.b(i).scale(&(Rat::ONE - env.cdf_b_below(i)));
    if i + 1 < env.m() {
        v -= &env.b(i + 1).scale(&(Rat::ONE - env.cdf_b(i)));
    }
    v.scale(&inv)
}

/// The seller's virtual value of Lemma 1: [S_j F_s(S_j) - S_{j-1} F_s(S_{j-1})] / p_s(S_j).
pub fn seller_virtual_value<S: Scalar>(env: &Env<S>, j: usize) -> S {
    let inv = env.ps[j].recip().expect("probabilities are positive");
    let mut v = env.s(j).scale(env.cdf_s(j));
    if j > 0 {
        v -= &env.s(j - 1).scale(env.cdf_s(j - 1));
    }
    v.scale(&inv)
}

/// Π(x) by Lemma 1: Σ_{i,j} [ψ_b(B_i) - ψ_s(S_j)] x(B_i, S_j) p_b(B_i) p_s(S_j), with i over
/// the m buyer types and j over the n seller types.
pub fn surplus_by_virtual_values<S: Scalar>(env: &Env<S>, x: &Matrix<Rat>) -> S {
    let psi_b: Vec<S> = (0..env.m()).map(|i| buyer_virtual_value(env, i)).collect();
    let psi_s: Vec<S> = (0..env.n()).map(|j| seller_virtual_value(env, j)).collect();
    let mut pi = S::zero();
    for i in 0..env.m() {
        for j in 0..env.n() {
            if x[(i, j)].is_zero() {
                continue;
            }
            let w = &x[(i, j)] * &(&env.pb[i] * &env.ps[j]);
            let d = psi_b[i].clone() - psi_s[j].clone();
            pi.add_scaled(&d, &w);
        }
    }
    pi
}

/// Expected gains from trade Σ_{i,j} p_b p_s x(B_i, S_j) (B_i - S_j).
pub fn gains_from_trade<S: Scalar>(env: &Env<S>, x: &Matrix<Rat>) -> S {
    let mut w = S::zero();
    for i in 0..env.m() {
        for j in 0..env.n() {
            if x[(i, j)].is_zero() {
                continue;
            }
            let d = env.b(i).clone() - env.s(j).clone();
            w.add_scaled(&d, &(&x[(i, j)] * &(&env.pb[i] * &env.ps[j])));
        }
    }
    w
}
