//! Mechanisms with I identical buyers (Section 5): the efficient allocation under a tie rule,
//! VCG' by the paper's four-case formula, VCG' by the general threshold rule ("the smallest
//! report that still wins, weighted by the tie probability"), and VCG (Clarke pivot).
//!
//! The four-case formula and the threshold rule are two independent computations of the same
//! transfers; `tests` make them agree on every profile. With I = 1 both reduce to
//! Definition 2 (and VCG to Definition 1).

use std::cmp::Ordering;

use mechcert_model::{Env, TieBreak};
use mechcert_num::{Rat, Scalar};

use crate::{Mechanism, Outcome};

/// The efficient allocation among buyers: the good goes to a highest report if it trades
/// with the seller's report; ties among highest reports follow `env.tie_break`.
pub fn efficient_shares<S: Scalar>(env: &Env<S>, reports: &[usize], seller: usize, x: &mut [Rat]) {
    x.iter_mut().for_each(|v| *v = Rat::ZERO);
    let top = *reports.iter().max().expect("at least one buyer");
    if !env.trades(top, seller) {
        return;
    }
    match env.tie_break {
        TieBreak::LowestIndex => {
            let w = reports
                .iter()
                .position(|&r| r == top)
                .expect("top is attained");
            x[w] = Rat::ONE;
        }
        TieBreak::HighestIndex => {
            let w = reports
                .iter()
                .rposition(|&r| r == top)
                .expect("top is attained");
            x[w] = Rat::ONE;
        }
        TieBreak::Uniform => {
            let c = reports.iter().filter(|&&r| r == top).count();
            let share = Rat::new(1, c as i64);
            for (v, &r) in x.iter_mut().zip(reports) {
                if r == top {
                    *v = share.clone();
                }
            }
        }
    }
}

/// Buyer i's share of the good if i reported `report` and the others kept theirs.
fn share_if<S: Scalar>(
    env: &Env<S>,
    reports: &[usize],
    seller: usize,
    i: usize,
    report: usize,
    scratch: &mut Vec<usize>,
    shares: &mut [Rat],
) -> Rat {
    scratch.clear();
    scratch.extend_from_slice(reports);
    scratch[i] = report;
    efficient_shares(env, scratch, seller, shares);
    shares[i].clone()
}

/// max of the other buyers' reports (Y^i), or None with a single buyer.
fn max_others(reports: &[usize], i: usize) -> Option<usize> {
    reports
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != i)
        .map(|(_, &r)| r)
        .max()
}

/// The seller's VCG' receipt: the largest seller value that still trades with the highest
/// buyer report, when there is trade.
fn vcg_prime_seller<S: Scalar>(env: &Env<S>, reports: &[usize], seller: usize) -> S {
    let top = *reports.iter().max().expect("at least one buyer");
    if env.trades(top, seller) {
        env.s(env.max_trading_seller(top).expect("trades")).clone()
    } else {
        S::zero()
    }
}

/// VCG' with I buyers, transfers by the paper's four-case formula (Section 5).
#[derive(Clone, Copy, Debug, Default)]
pub struct VcgPrimeFourCase;

impl<S: Scalar> Mechanism<S> for VcgPrimeFourCase {
    fn name(&self) -> String {
        "VCG'".into()
    }

    fn outcome(&self, env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>) {
        efficient_shares(env, reports, seller, &mut out.x);
        let mut scratch = Vec::with_capacity(reports.len());
        let mut shares = vec![Rat::ZERO; reports.len()];
        for i in 0..reports.len() {
            let b = reports[i];
            let y = max_others(reports, i);
            let loses = y.is_some_and(|y| y > b) || !env.trades(b, seller);
            out.t[i] = if loses {
                // case 1: max{Y^i, S} > B^i
                S::zero()
            } else if y == Some(b) {
                // case 2: B^i = Y^i > S: pays B^i times the tie-break probability
                env.b(b).scale(&out.x[i])
            } else if let Some(y) = y.filter(|&y| env.trades(y, seller)) {
                // case 3: B^i > Y^i > S: Ybar (1 - x_i(Y^i, B^-i, S)) + Y^i x_i(Y^i, B^-i, S)
                let q = share_if(env, reports, seller, i, y, &mut scratch, &mut shares);
                let ybar = env.b(y + 1).clone();
                ybar.scale(&(Rat::ONE - &q)) + env.b(y).scale(&q)
            } else {
                // case 4: B^i > S > Y^i: min{B_h : B_h > S}
                env.b(env.min_trading_buyer(seller).expect("B^i trades"))
                    .clone()
            };
        }
        out.ts = vcg_prime_seller(env, reports, seller);
    }
}

/// VCG' with I buyers, every transfer by the threshold rule: buyer i pays
/// Σ_{k <= B^i} [x_i(B_k) - x_i(B_{k-1})] B_k (own report varied, others fixed), the seller
/// receives Σ_{h >= S} [X(S_h) - X(S_{h+1})] S_h where X is the probability of trade.
#[derive(Clone, Copy, Debug, Default)]
pub struct VcgPrimeThreshold;

impl<S: Scalar> Mechanism<S> for VcgPrimeThreshold {
    fn name(&self) -> String {
        "VCG' (threshold rule)".into()
    }

    fn outcome(&self, env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>) {
        efficient_shares(env, reports, seller, &mut out.x);
        let mut scratch = Vec::with_capacity(reports.len());
        let mut shares = vec![Rat::ZERO; reports.len()];
        for i in 0..reports.len() {
            let mut pay = S::zero();
            let mut prev = Rat::ZERO;
            for k in 0..=reports[i] {
                let x = share_if(env, reports, seller, i, k, &mut scratch, &mut shares);
                let step = &x - &prev;
                if !step.is_zero() {
                    pay.add_scaled(env.b(k), &step);
                }
                prev = x;
            }
            out.t[i] = pay;
        }
        let top = *reports.iter().max().expect("at least one buyer");
        let trade_at = |h: usize| {
            if env.trades(top, h) {
                Rat::ONE
            } else {
                Rat::ZERO
            }
        };
        let mut receipt = S::zero();
        for h in seller..env.n() {
            let above = if h + 1 < env.n() {
                trade_at(h + 1)
            } else {
                Rat::ZERO
            };
            let step = trade_at(h) - above;
            if !step.is_zero() {
                receipt.add_scaled(env.s(h), &step);
            }
        }
        out.ts = receipt;
    }
}

/// VCG (Clarke pivot) with I buyers: buyer i pays x_i max{Y^i, S}, the seller receives
/// (probability of trade) times the highest buyer value. With one buyer: Definition 1.
#[derive(Clone, Copy, Debug, Default)]
pub struct VcgMulti;

impl<S: Scalar> Mechanism<S> for VcgMulti {
    fn name(&self) -> String {
        "VCG".into()
    }

    fn outcome(&self, env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>) {
        efficient_shares(env, reports, seller, &mut out.x);
        for i in 0..reports.len() {
            out.t[i] = if out.x[i].is_zero() {
                S::zero()
            } else {
                let price = match max_others(reports, i) {
                    Some(y) if env.cmp(y, seller) == Ordering::Greater => env.b(y).clone(),
                    _ => env.s(seller).clone(),
                };
                price.scale(&out.x[i])
            };
        }
        let top = *reports.iter().max().expect("at least one buyer");
        out.ts = env.b(top).scale(&out.trade());
    }
}
