//! The transfers of a market (Section 7.2), on top of the efficient allocation:
//!
//! - VCG (Clarke pivot): every agent's utility is the gains from trade it adds,
//!   GFT(all) - GFT(all but it); buyer i pays t_i = x_i b_i - GFT + GFT_{-i}, seller j
//!   receives r_j = y_j s_j + GFT - GFT_{-j} (GFT by values, so independent of ties). With one
//!   seller this is Definition 1 and Section 5's VCG.
//! - VCG' (Section 7.2): "each winning buyer pays the smallest valuation he could have
//!   reported and there was still trade", "each selling seller receives the highest valuation
//!   he could have reported and still traded", reports ranging over the agent's own values.
//!   The care with ties: with `uniform` ties an agent's share is a fraction, and the rule is
//!   the threshold rule that integrates the share over the agent's own reports (the others'
//!   fixed), t_i = Σ_{k <= b_i} [x_i(k) - x_i(k-1)] B^i_k and
//!   r_j = Σ_{h >= s_j} [y_j(h) - y_j(h+1)] S^j_h; with deterministic ties it is the printed
//!   rule (one step, at the smallest winning or largest selling report). With one seller and
//!   identical buyers it is Section 5's four-case formula (tests compare every profile).

use mechcert_model::Agents;
use mechcert_num::Rat;

use super::{MarketOutcome, Profile, allocate, max_gains};

/// The mechanisms of a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeteroMechanism {
    /// Clarke pivot.
    Vcg,
    /// Section 7.2's VCG'.
    VcgPrime,
}

impl HeteroMechanism {
    pub fn name(self) -> &'static str {
        match self {
            HeteroMechanism::Vcg => "VCG",
            HeteroMechanism::VcgPrime => "VCG'",
        }
    }

    /// The outcome at a profile of reports.
    pub fn outcome(self, agents: &Agents, p: &Profile, out: &mut MarketOutcome) {
        let (b, s) = p.values(agents);
        allocate(agents, &b, &s, &mut out.x, &mut out.y);
        match self {
            HeteroMechanism::Vcg => clarke(&b, &s, out),
            HeteroMechanism::VcgPrime => vcg_prime_threshold(agents, p, &b, &s, out),
        }
    }
}

fn without(v: &[Rat], k: usize) -> Vec<Rat> {
    let mut w = v.to_vec();
    w.remove(k);
    w
}

fn clarke(b: &[Rat], s: &[Rat], out: &mut MarketOutcome) {
    let all = max_gains(b, s);
    for i in 0..b.len() {
        let others = max_gains(&without(b, i), s);
        out.t[i] = &(&out.x[i] * &b[i]) - &all + others;
    }
    for j in 0..s.len() {
        let others = max_gains(b, &without(s, j));
        out.r[j] = &(&out.y[j] * &s[j]) + &all - others;
    }
}

/// VCG' transfers by the threshold rule (the allocation `out.x`, `out.y` already set).
pub fn vcg_prime_threshold(
    agents: &Agents,
    p: &Profile,
    b: &[Rat],
    s: &[Rat],
    out: &mut MarketOutcome,
) {
    let (mut bx, mut sx) = (b.to_vec(), s.to_vec());
    let mut x = vec![Rat::ZERO; b.len()];
    let mut y = vec![Rat::ZERO; s.len()];
    for (i, a) in agents.buyers.iter().enumerate() {
        let mut pay = Rat::ZERO;
        let mut prev = Rat::ZERO;
        for k in 0..=p.buyers[i] {
            bx[i] = a.values[k].clone();
            allocate(agents, &bx, &sx, &mut x, &mut y);
            let step = &x[i] - &prev;
            if !step.is_zero() {
                pay += step * &a.values[k];
            }
            prev = x[i].clone();
        }
        bx[i] = b[i].clone();
        out.t[i] = pay;
    }
    for (j, a) in agents.sellers.iter().enumerate() {
        let mut receipt = Rat::ZERO;
        let mut prev = Rat::ZERO;
        for h in (p.sellers[j]..a.types()).rev() {
            sx[j] = a.values[h].clone();
            allocate(agents, &bx, &sx, &mut x, &mut y);
            let step = &y[j] - &prev;
            if !step.is_zero() {
                receipt += step * &a.values[h];
            }
            prev = y[j].clone();
        }
        sx[j] = s[j].clone();
        out.r[j] = receipt;
    }
}
