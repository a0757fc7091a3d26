//! Symmetric compression for I identical buyers: the interim tables of VCG' computed in
//! closed form from order statistics, with no enumeration of the m^I * n profiles.
//!
//! With F = F_b and buyer r (0-based) reporting B_a against a seller it trades with, r wins
//! with probability
//!   lowest-index:  F(B_{a-1})^r F(B_a)^(I-1-r)   (earlier buyers below B_a, later ones <= B_a)
//!   highest-index: F(B_a)^r F(B_{a-1})^(I-1-r)
//!   uniform:       (F(B_a)^I - F(B_{a-1})^I) / (I p(B_a))   (= E[1/(1+#ties)])
//! so x̄_r(B_a) is that times P(S trades with B_a). VCG' transfers are thresholds of the
//! allocation at every profile (the four-case formula is one), so by linearity of
//! expectation the interim transfers are the same thresholds of the interim allocation:
//! t̄_r(B_a) = Σ_{k<=a} [x̄_r(B_k) - x̄_r(B_{k-1})] B_k, and for the seller
//! x̄_s(S_j) = 1 - F(B_{a(j)-1})^I with a(j) the lowest buyer type trading with S_j,
//! t̄_s(S_j) = Σ_{h>=j} [x̄_s(S_h) - x̄_s(S_{h+1})] S_h.
//! Cost: O(m I) big-rational products for the index rules, O(m + n) powers for uniform.

use mechcert_model::{Env, TieBreak};
use mechcert_num::{Rat, Scalar};

use crate::Interim;

/// Buyer thresholds of an interim allocation: t̄(B_a) = Σ_{k<=a} [x̄(B_k) - x̄(B_{k-1})] B_k.
pub fn buyer_threshold_transfers<S: Scalar>(env: &Env<S>, xbar: &[Rat]) -> Vec<S> {
    let mut acc = S::zero();
    let mut prev = Rat::ZERO;
    xbar.iter()
        .enumerate()
        .map(|(k, x)| {
            let step = x - &prev;
            if !step.is_zero() {
                acc.add_scaled(env.b(k), &step);
            }
            prev = x.clone();
            acc.clone()
        })
        .collect()
}

/// Seller thresholds of an interim allocation: t̄_s(S_j) = Σ_{h>=j} [x̄_s(S_h) - x̄_s(S_{h+1})] S_h.
pub fn seller_threshold_transfers<S: Scalar>(env: &Env<S>, xbar: &[Rat]) -> Vec<S> {
    let n = xbar.len();
    let mut out = vec![S::zero(); n];
    let mut acc = S::zero();
    for h in (0..n).rev() {
        let above = if h + 1 < n {
            xbar[h + 1].clone()
        } else {
            Rat::ZERO
        };
        let step = &xbar[h] - &above;
        if !step.is_zero() {
            acc.add_scaled(env.s(h), &step);
        }
        out[h] = acc.clone();
    }
    out
}

/// P(S trades with B_a) for each buyer type a.
fn trade_prob_by_buyer<S: Scalar>(env: &Env<S>) -> Vec<Rat> {
    (0..env.m())
        .map(|a| {
            (0..env.n())
                .filter(|&j| env.trades(a, j))
                .map(|j| &env.ps[j])
                .sum()
        })
        .collect()
}

/// Powers base^0 ..= base^e.
fn powers(base: &Rat, e: usize) -> Vec<Rat> {
    let mut out = Vec::with_capacity(e + 1);
    out.push(Rat::ONE);
    for k in 0..e {
        let next = &out[k] * base;
        out.push(next);
    }
    out
}

/// Interim allocation of buyer r for every type, given the per-type win probabilities.
fn win_probabilities<S: Scalar>(
    env: &Env<S>,
    r: usize,
    lo: &[Vec<Rat>],
    hi: &[Vec<Rat>],
) -> Vec<Rat> {
    let buyers = env.buyers;
    (0..env.m())
        .map(|a| match env.tie_break {
            TieBreak::LowestIndex => &lo[a][r] * &hi[a][buyers - 1 - r],
            TieBreak::HighestIndex => &hi[a][r] * &lo[a][buyers - 1 - r],
            TieBreak::Uniform => unreachable!("uniform is symmetric"),
        })
        .collect()
}

/// Growth in bits per power of a probability (0 for 0 and 1, 1 for 1/2).
fn growth(q: &Rat) -> u128 {
    u128::from(q.bit_size().saturating_sub(2))
}

/// The work of computing the interim tables of `vcg_prime_interim` and checking them: buyer
/// r's entry at B_a holds F(B_{a-1})^r F(B_a)^(I-1-r) (index rules; the uniform rule's tables
/// are as large), so the I tables hold about I(I-1)/2 Σ_a [β(F(B_{a-1})) + β(F(B_a))] bits,
/// β the bits a power adds; checking IC compares each entry with the m reports. In bit
/// operations; `mechcert_cert::limits::MAX_INTERIM_WORK` bounds it.
pub fn vcg_prime_interim_work<S: Scalar>(env: &Env<S>) -> u128 {
    let (m, i) = (env.m() as u128, env.buyers as u128);
    let per_power: u128 = (0..env.m())
        .map(|a| growth(env.cdf_b_below(a)) + growth(env.cdf_b(a)))
        .sum();
    m.saturating_mul(
        (i * i.saturating_sub(1) / 2)
            .saturating_mul(per_power)
            .saturating_add(i * m),
    )
}

/// The work of `vcg_prime_surplus` for every number of buyers 1..=`up_to` (a picture of Π_I):
/// the I-th takes powers of about I β(F(B_a)) bits for every type.
pub fn surplus_series_work<S: Scalar>(env: &Env<S>, up_to: usize) -> u128 {
    let (m, p) = (env.m() as u128, up_to as u128);
    let per_power: u128 = (0..env.m()).map(|a| growth(env.cdf_b(a))).sum();
    (p * (p + 1) / 2)
        .saturating_mul(per_power)
        .saturating_add(p * m)
}

/// The interim tables of multi-buyer VCG' by compression.
pub fn vcg_prime_interim<S: Scalar>(env: &Env<S>) -> Interim<S> {
    let (m, buyers) = (env.m(), env.buyers);
    let q = trade_prob_by_buyer(env);
    let xb: Vec<Vec<Rat>> = match env.tie_break {
        TieBreak::Uniform => {
            let ib = Rat::from(buyers);
            let row: Vec<Rat> = (0..m)
                .map(|a| {
                    let w = (env.cdf_b(a).pow(buyers as u64)
                        - env.cdf_b_below(a).pow(buyers as u64))
                        / (&ib * &env.pb[a]);
                    w * &q[a]
                })
                .collect();
            vec![row; buyers]
        }
        TieBreak::LowestIndex | TieBreak::HighestIndex => {
            let lo: Vec<Vec<Rat>> = (0..m)
                .map(|a| powers(env.cdf_b_below(a), buyers - 1))
                .collect();
            let hi: Vec<Vec<Rat>> = (0..m).map(|a| powers(env.cdf_b(a), buyers - 1)).collect();
            (0..buyers)
                .map(|r| {
                    win_probabilities(env, r, &lo, &hi)
                        .into_iter()
                        .zip(&q)
                        .map(|(w, qa)| w * qa)
                        .collect()
                })
                .collect()
        }
    };
    let tb: Vec<Vec<S>> = match env.tie_break {
        TieBreak::Uniform => vec![buyer_threshold_transfers(env, &xb[0]); buyers],
        _ => xb
            .iter()
            .map(|row| buyer_threshold_transfers(env, row))
            .collect(),
    };
    let xs: Vec<Rat> = (0..env.n())
        .map(|j| match env.min_trading_buyer(j) {
            Some(a) => Rat::ONE - env.cdf_b_below(a).pow(buyers as u64),
            None => Rat::ZERO,
        })
        .collect();
    let ts = seller_threshold_transfers(env, &xs);
    Interim { xb, tb, xs, ts }
}

/// Π_I of VCG' by compression, in O(m + n) powers whatever I is.
///
/// Summed over the buyers, the interim allocation at B_a is the same for every tie rule: the
/// probability that some buyer reporting B_a wins is P(top = B_a) = F(B_a)^I - F(B_{a-1})^I,
/// so Σ_r x̄_r(B_a) = (F(B_a)^I - F(B_{a-1})^I) / p(B_a) · P(S trades with B_a) (the sum over r
/// of the index rules' products telescopes to it; the uniform rule gives it term by term).
/// Interim transfers are linear in the interim allocation (thresholds), so the buyers' total
/// expected payment is Σ_a p(B_a) · threshold(Σ_r x̄_r)(B_a). The per-rule tables of
/// `vcg_prime_interim` give the same Π; tests compare the two.
pub fn vcg_prime_surplus<S: Scalar>(env: &Env<S>) -> S {
    let buyers = env.buyers as u64;
    let q = trade_prob_by_buyer(env);
    let total_x: Vec<Rat> = (0..env.m())
        .map(|a| (env.cdf_b(a).pow(buyers) - env.cdf_b_below(a).pow(buyers)) / &env.pb[a] * &q[a])
        .collect();
    let tb = buyer_threshold_transfers(env, &total_x);
    let mut pi = S::zero();
    for (t, p) in tb.iter().zip(&env.pb) {
        pi.add_scaled(t, p);
    }
    let xs: Vec<Rat> = (0..env.n())
        .map(|j| match env.min_trading_buyer(j) {
            Some(a) => Rat::ONE - env.cdf_b_below(a).pow(buyers),
            None => Rat::ZERO,
        })
        .collect();
    for (t, p) in seller_threshold_transfers(env, &xs).iter().zip(&env.ps) {
        pi.add_scaled(&-t.clone(), p);
    }
    pi
}
