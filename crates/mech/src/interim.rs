//! `Interim<S>`: the interim (expected, given one's own report) allocation and transfer of
//! every agent, and the expected budget surplus computed from them.
//!
//! Interim quantities of a report do not depend on one's true type (values are independent),
//! so every interim IC and IR inequality is a function of these tables. They are computed
//! either from a mechanism by enumerating every profile (`by_enumeration`, `of_tabular`) or
//! by symmetric compression (`crate::compress`), independently; tests make them agree.

use mechcert_model::{Env, for_each_profile_with_first};
use mechcert_num::{Rat, Scalar};
use rayon::prelude::*;

use crate::{Mechanism, Outcome, Tabular};

#[derive(Clone, Debug, PartialEq)]
pub struct Interim<S> {
    /// x̄_i(B_a): buyer i's probability of getting the good when reporting B_a.
    pub xb: Vec<Vec<Rat>>,
    /// t̄_i(B_a): buyer i's expected payment when reporting B_a.
    pub tb: Vec<Vec<S>>,
    /// x̄_s(S_j): the probability of trade when the seller reports S_j.
    pub xs: Vec<Rat>,
    /// t̄_s(S_j): the seller's expected receipt when reporting S_j.
    pub ts: Vec<S>,
}

impl<S: Scalar> Interim<S> {
    fn zeros(buyers: usize, m: usize, n: usize) -> Self {
        Interim {
            xb: vec![vec![Rat::ZERO; m]; buyers],
            tb: vec![vec![S::zero(); m]; buyers],
            xs: vec![Rat::ZERO; n],
            ts: vec![S::zero(); n],
        }
    }

    fn add(mut self, other: &Interim<S>) -> Self {
        for (a, b) in self.xb.iter_mut().flatten().zip(other.xb.iter().flatten()) {
            *a += b;
        }
        for (a, b) in self.tb.iter_mut().flatten().zip(other.tb.iter().flatten()) {
            *a += b;
        }
        for (a, b) in self.xs.iter_mut().zip(&other.xs) {
            *a += b;
        }
        for (a, b) in self.ts.iter_mut().zip(&other.ts) {
            *a += b;
        }
        self
    }

    /// Number of buyers the tables describe.
    pub fn buyers(&self) -> usize {
        self.xb.len()
    }

    /// Expected payment of buyer i: Σ_a p_b(B_a) t̄_i(B_a).
    pub fn expected_buyer_payment(&self, env: &Env<S>, i: usize) -> S {
        let mut acc = S::zero();
        for (t, p) in self.tb[i].iter().zip(&env.pb) {
            acc.add_scaled(t, p);
        }
        acc
    }

    /// Expected receipt of the seller: Σ_j p_s(S_j) t̄_s(S_j).
    pub fn expected_seller_receipt(&self, env: &Env<S>) -> S {
        let mut acc = S::zero();
        for (t, p) in self.ts.iter().zip(&env.ps) {
            acc.add_scaled(t, p);
        }
        acc
    }

    /// The ex ante expected budget surplus Π = Σ_i E[t_i] - E[t_s].
    pub fn expected_surplus(&self, env: &Env<S>) -> S {
        let mut acc = S::zero();
        for i in 0..self.buyers() {
            acc += &self.expected_buyer_payment(env, i);
        }
        acc - self.expected_seller_receipt(env)
    }

    /// Interim tables of a single-buyer mechanism held as data.
    pub fn of_tabular(env: &Env<S>, tab: &Tabular<S>) -> Interim<S> {
        let (m, n) = (env.m(), env.n());
        let rows: Vec<(Rat, S)> = (0..m)
            .into_par_iter()
            .map(|i| {
                let mut x = Rat::ZERO;
                let mut t = S::zero();
                for j in 0..n {
                    x += &(&tab.x[(i, j)] * &env.ps[j]);
                    t.add_scaled(&tab.tb[(i, j)], &env.ps[j]);
                }
                (x, t)
            })
            .collect();
        let cols: Vec<(Rat, S)> = (0..n)
            .into_par_iter()
            .map(|j| {
                let mut x = Rat::ZERO;
                let mut t = S::zero();
                for i in 0..m {
                    x += &(&tab.x[(i, j)] * &env.pb[i]);
                    t.add_scaled(&tab.ts[(i, j)], &env.pb[i]);
                }
                (x, t)
            })
            .collect();
        let (xb, tb): (Vec<Rat>, Vec<S>) = rows.into_iter().unzip();
        let (xs, ts): (Vec<Rat>, Vec<S>) = cols.into_iter().unzip();
        Interim {
            xb: vec![xb],
            tb: vec![tb],
            xs,
            ts,
        }
    }

    /// Interim tables of any mechanism by enumerating all m^I * n profiles (in parallel over
    /// the first buyer's report). The caller bounds the profile count.
    pub fn by_enumeration(env: &Env<S>, mech: &dyn Mechanism<S>) -> Interim<S> {
        let (m, n, buyers) = (env.m(), env.n(), env.buyers);
        (0..m)
            .into_par_iter()
            .map(|first| {
                let mut acc = Interim::<S>::zeros(buyers, m, n);
                let mut out = Outcome::new(buyers);
                for_each_profile_with_first(m, n, buyers, first, |reports, s| {
                    mech.outcome(env, reports, s, &mut out);
                    // P(all reports) = Π p_b(b_k) p_s(s); agent-conditional weights divide
                    // out the agent's own probability.
                    let all_buyers: Rat = reports.iter().map(|&r| env.pb[r].clone()).product();
                    let all = &all_buyers * &env.ps[s];
                    for (i, &r) in reports.iter().enumerate() {
                        let w = &all / &env.pb[r];
                        if !out.x[i].is_zero() {
                            acc.xb[i][r] += &(&out.x[i] * &w);
                        }
                        acc.tb[i][r].add_scaled(&out.t[i], &w);
                    }
                    let trade = out.trade();
                    if !trade.is_zero() {
                        acc.xs[s] += &(&trade * &all_buyers);
                    }
                    acc.ts[s].add_scaled(&out.ts, &all_buyers);
                });
                acc
            })
            .reduce(|| Interim::zeros(buyers, m, n), |a, b| a.add(&b))
    }
}
