//! Markets with I buyers and J sellers, each with its own distribution (Section 5 beyond
//! identical buyers, Section 7.2), over exact rationals: the efficient allocation with the
//! tie rules (`allocation`), VCG (Clarke pivot) and VCG' of Section 7.2 (`transfers`), and
//! profiles with their probabilities and the exact expected surplus by enumeration (here).
//!
//! A profile is one report (type index) per buyer and per seller. Profiles are enumerated in
//! a fixed order: buyers 1..I then sellers 1..J as the digits of an odometer, the last seller
//! fastest.

mod allocation;
mod compress;
mod transfers;

pub use allocation::{allocate, gains_from_trade, max_gains};
pub use compress::expected_surplus_compressed;
pub use transfers::{HeteroMechanism, vcg_prime_threshold};

use mechcert_model::Agents;
use mechcert_num::Rat;

/// The outcome at one profile of a market.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketOutcome {
    /// x_i: probability that buyer i gets a unit.
    pub x: Vec<Rat>,
    /// y_j: probability that seller j sells its unit.
    pub y: Vec<Rat>,
    /// t_i: payment from buyer i.
    pub t: Vec<Rat>,
    /// r_j: payment to seller j.
    pub r: Vec<Rat>,
}

impl MarketOutcome {
    pub fn new(agents: &Agents) -> Self {
        let (i, j) = (agents.buyers.len(), agents.sellers.len());
        MarketOutcome {
            x: vec![Rat::ZERO; i],
            y: vec![Rat::ZERO; j],
            t: vec![Rat::ZERO; i],
            r: vec![Rat::ZERO; j],
        }
    }

    /// The budget surplus Σ_i t_i - Σ_j r_j.
    pub fn surplus(&self) -> Rat {
        let paid: Rat = self.t.iter().sum();
        let received: Rat = self.r.iter().sum();
        paid - received
    }
}

/// A profile: the buyers' reports then the sellers'.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub buyers: Vec<usize>,
    pub sellers: Vec<usize>,
}

impl Profile {
    /// The probability of the profile under truthful reports.
    pub fn probability(&self, agents: &Agents) -> Rat {
        let mut p = Rat::ONE;
        for (a, &k) in agents.buyers.iter().zip(&self.buyers) {
            p *= &a.probs[k];
        }
        for (a, &k) in agents.sellers.iter().zip(&self.sellers) {
            p *= &a.probs[k];
        }
        p
    }

    /// The buyers' and the sellers' values at this profile.
    pub fn values(&self, agents: &Agents) -> (Vec<Rat>, Vec<Rat>) {
        let b = agents
            .buyers
            .iter()
            .zip(&self.buyers)
            .map(|(a, &k)| a.values[k].clone())
            .collect();
        let s = agents
            .sellers
            .iter()
            .zip(&self.sellers)
            .map(|(a, &k)| a.values[k].clone())
            .collect();
        (b, s)
    }
}

/// Calls `f` on every profile in the canonical order (buyer 1 slowest, the last seller
/// fastest).
pub fn for_each_market_profile(agents: &Agents, mut f: impl FnMut(&Profile)) {
    let sizes: Vec<usize> = agents
        .buyers
        .iter()
        .chain(&agents.sellers)
        .map(|a| a.types())
        .collect();
    let nb = agents.buyers.len();
    let mut digits = vec![0usize; sizes.len()];
    let mut p = Profile {
        buyers: vec![0; nb],
        sellers: vec![0; sizes.len() - nb],
    };
    loop {
        p.buyers.copy_from_slice(&digits[..nb]);
        p.sellers.copy_from_slice(&digits[nb..]);
        f(&p);
        let mut k = digits.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            digits[k] += 1;
            if digits[k] < sizes[k] {
                break;
            }
            digits[k] = 0;
        }
    }
}

/// The exact ex ante expected budget surplus E[Σ_i t_i - Σ_j r_j] of a mechanism, by
/// enumerating every profile.
pub fn expected_surplus(agents: &Agents, mech: HeteroMechanism) -> Rat {
    let mut out = MarketOutcome::new(agents);
    let mut total = Rat::ZERO;
    for_each_market_profile(agents, |p| {
        mech.outcome(agents, p, &mut out);
        total += p.probability(agents) * out.surplus();
    });
    total
}

/// The exact expected gains from trade of the efficient allocation (the first best).
pub fn expected_gains(agents: &Agents) -> Rat {
    let mut total = Rat::ZERO;
    for_each_market_profile(agents, |p| {
        let (b, s) = p.values(agents);
        total += p.probability(agents) * max_gains(&b, &s);
    });
    total
}

/// Every agent's interim share of the efficient allocation: for each own report, the
/// probability of buying (buyers) or of selling (sellers), the others truthful.
pub fn interim_shares(agents: &Agents) -> (Vec<Vec<Rat>>, Vec<Vec<Rat>>) {
    let mut xb: Vec<Vec<Rat>> = agents
        .buyers
        .iter()
        .map(|a| vec![Rat::ZERO; a.types()])
        .collect();
    let mut ys: Vec<Vec<Rat>> = agents
        .sellers
        .iter()
        .map(|a| vec![Rat::ZERO; a.types()])
        .collect();
    let mut x = vec![Rat::ZERO; agents.buyers.len()];
    let mut y = vec![Rat::ZERO; agents.sellers.len()];
    for_each_market_profile(agents, |p| {
        let (b, s) = p.values(agents);
        allocate(agents, &b, &s, &mut x, &mut y);
        let pr = p.probability(agents);
        for (i, &k) in p.buyers.iter().enumerate() {
            xb[i][k] += &pr * &x[i];
        }
        for (j, &k) in p.sellers.iter().enumerate() {
            ys[j][k] += &pr * &y[j];
        }
    });
    for (tab, a) in xb
        .iter_mut()
        .zip(&agents.buyers)
        .chain(ys.iter_mut().zip(&agents.sellers))
    {
        for (v, p) in tab.iter_mut().zip(&a.probs) {
            *v = &*v / p;
        }
    }
    (xb, ys)
}
