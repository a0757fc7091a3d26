//! `mechcert check` on a market with heterogeneous agents (I buyers, J sellers, Section 7.2):
//! every profile is enumerated once for the ex ante surplus and every agent's interim tables
//! (expected share and transfer per own report), then interim IC of every type of every agent
//! against every other report, interim IR, monotonicity, and ex post IC (every profile, every
//! agent, every misreport), ex post IR, ex post BB and efficiency (the allocation's gains from
//! trade against the maximal ones, computed apart). Agents are named `buyer i`, `seller j`
//! (from 1); a profile is written `(B1, B2; S1, S2)` with each agent's own type index.

use mechcert_mech::hetero::{
    HeteroMechanism, MarketOutcome, Profile, expected_surplus_compressed, for_each_market_profile,
    gains_from_trade, max_gains,
};
use mechcert_model::Agents;
use mechcert_num::{NoParam, Rat};

use crate::report::{Property, PropertyReport, Tally};
use crate::{Inconsistency, InterimSource, Options, Report};

fn label(p: &Profile) -> String {
    let b: Vec<String> = p.buyers.iter().map(|r| format!("B{}", r + 1)).collect();
    let s: Vec<String> = p.sellers.iter().map(|r| format!("S{}", r + 1)).collect();
    format!("({}; {})", b.join(", "), s.join(", "))
}

/// Every agent's interim tables: for each own report, the expected share (probability of
/// buying, or of selling) and the expected transfer (paid by a buyer, received by a seller),
/// the others reporting truthfully.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketInterim {
    /// `buyers[i] = (share per report, payment per report)`.
    pub buyers: Vec<(Vec<Rat>, Vec<Rat>)>,
    /// `sellers[j] = (share per report, receipt per report)`.
    pub sellers: Vec<(Vec<Rat>, Vec<Rat>)>,
    /// E[Σ_i t_i - Σ_j r_j].
    pub expected_surplus: Rat,
}

/// The interim tables and the expected surplus of a mechanism, by enumeration.
pub fn market_interim(agents: &Agents, mech: HeteroMechanism) -> MarketInterim {
    let zeros =
        |a: &mechcert_model::Agent| (vec![Rat::ZERO; a.types()], vec![Rat::ZERO; a.types()]);
    let mut buyers: Vec<_> = agents.buyers.iter().map(zeros).collect();
    let mut sellers: Vec<_> = agents.sellers.iter().map(zeros).collect();
    let mut out = MarketOutcome::new(agents);
    let mut surplus = Rat::ZERO;
    for_each_market_profile(agents, |p| {
        mech.outcome(agents, p, &mut out);
        let pr = p.probability(agents);
        surplus += &pr * out.surplus();
        for (i, &k) in p.buyers.iter().enumerate() {
            buyers[i].0[k] += &pr * &out.x[i];
            buyers[i].1[k] += &pr * &out.t[i];
        }
        for (j, &k) in p.sellers.iter().enumerate() {
            sellers[j].0[k] += &pr * &out.y[j];
            sellers[j].1[k] += &pr * &out.r[j];
        }
    });
    // condition on the own report: divide by its probability
    for (tabs, side) in [
        (&mut buyers, &agents.buyers),
        (&mut sellers, &agents.sellers),
    ] {
        for (tab, a) in tabs.iter_mut().zip(side) {
            for (k, p) in a.probs.iter().enumerate() {
                tab.0[k] = &tab.0[k] / p;
                tab.1[k] = &tab.1[k] / p;
            }
        }
    }
    MarketInterim {
        buyers,
        sellers,
        expected_surplus: surplus,
    }
}

fn check_interim(agents: &Agents, it: &MarketInterim, listed: usize) -> Vec<PropertyReport<Rat>> {
    let d = &NoParam;
    let mut ic_b = Tally::new(Property::InterimIcBuyer, d, listed);
    let mut ic_s = Tally::new(Property::InterimIcSeller, d, listed);
    let mut ir_b = Tally::new(Property::InterimIrBuyer, d, listed);
    let mut ir_s = Tally::new(Property::InterimIrSeller, d, listed);
    let mut mono = Tally::new(Property::Monotone, d, listed);
    for (i, (a, (x, t))) in agents.buyers.iter().zip(&it.buyers).enumerate() {
        for (k, v) in a.values.iter().enumerate() {
            let truthful = v * &x[k] - &t[k];
            for c in (0..a.types()).filter(|&c| c != k) {
                let lie = v * &x[c] - &t[c];
                ic_b.at_least_zero(&truthful - lie, || {
                    format!("buyer {} of type B{} reporting B{}", i + 1, k + 1, c + 1)
                });
            }
            ir_b.at_least_zero(truthful, || format!("buyer {} of type B{}", i + 1, k + 1));
            if k + 1 < a.types() {
                mono.at_least_zero(&x[k + 1] - &x[k], || {
                    format!("buyer {}: x̄(B{}) >= x̄(B{})", i + 1, k + 2, k + 1)
                });
            }
        }
    }
    for (j, a) in agents.sellers.iter().enumerate() {
        let (y, r) = &it.sellers[j];
        for (k, v) in a.values.iter().enumerate() {
            let truthful = &r[k] - v * &y[k];
            for c in (0..a.types()).filter(|&c| c != k) {
                let lie = &r[c] - v * &y[c];
                ic_s.at_least_zero(&truthful - lie, || {
                    format!("seller {} of type S{} reporting S{}", j + 1, k + 1, c + 1)
                });
            }
            ir_s.at_least_zero(truthful, || format!("seller {} of type S{}", j + 1, k + 1));
            if k + 1 < a.types() {
                mono.at_least_zero(&y[k] - &y[k + 1], || {
                    format!("seller {}: ȳ(S{}) >= ȳ(S{})", j + 1, k + 1, k + 2)
                });
            }
        }
    }
    [ic_b, ic_s, ir_b, ir_s, mono]
        .into_iter()
        .map(Tally::finish)
        .collect()
}

fn check_ex_post(
    agents: &Agents,
    mech: HeteroMechanism,
    listed: usize,
) -> Vec<PropertyReport<Rat>> {
    let d = &NoParam;
    let mut ic = Tally::new(Property::ExPostIc, d, listed);
    let mut ir = Tally::new(Property::ExPostIr, d, listed);
    let mut bb = Tally::new(Property::ExPostBb, d, listed);
    let mut eff = Tally::new(Property::Efficient, d, listed);
    let mut out = MarketOutcome::new(agents);
    let mut dev = MarketOutcome::new(agents);
    for_each_market_profile(agents, |p| {
        mech.outcome(agents, p, &mut out);
        let mut lie = p.clone();
        for (i, a) in agents.buyers.iter().enumerate() {
            let v = &a.values[p.buyers[i]];
            let truthful = v * &out.x[i] - &out.t[i];
            for c in (0..a.types()).filter(|&c| c != p.buyers[i]) {
                lie.buyers[i] = c;
                mech.outcome(agents, &lie, &mut dev);
                let gain = v * &dev.x[i] - &dev.t[i];
                ic.at_least_zero(&truthful - gain, || {
                    let own = p.buyers[i] + 1;
                    format!(
                        "buyer {} reports B{} instead of B{own} at {}",
                        i + 1,
                        c + 1,
                        label(p)
                    )
                });
            }
            lie.buyers[i] = p.buyers[i];
            ir.at_least_zero(truthful, || format!("buyer {} at {}", i + 1, label(p)));
        }
        for (j, a) in agents.sellers.iter().enumerate() {
            let v = &a.values[p.sellers[j]];
            let truthful = &out.r[j] - v * &out.y[j];
            for c in (0..a.types()).filter(|&c| c != p.sellers[j]) {
                lie.sellers[j] = c;
                mech.outcome(agents, &lie, &mut dev);
                let gain = &dev.r[j] - v * &dev.y[j];
                ic.at_least_zero(&truthful - gain, || {
                    let own = p.sellers[j] + 1;
                    format!(
                        "seller {} reports S{} instead of S{own} at {}",
                        j + 1,
                        c + 1,
                        label(p)
                    )
                });
            }
            lie.sellers[j] = p.sellers[j];
            ir.at_least_zero(truthful, || format!("seller {} at {}", j + 1, label(p)));
        }
        bb.zero(out.surplus(), || {
            format!("buyers pay minus sellers receive at {}", label(p))
        });
        let (b, s) = p.values(agents);
        let achieved = gains_from_trade(&b, &s, &out.x, &out.y);
        eff.at_least_zero(achieved - max_gains(&b, &s), || {
            format!("allocation at {}", label(p))
        });
    });
    [ic, ir, bb, eff].into_iter().map(Tally::finish).collect()
}

/// Check a mechanism on a market: the report of `mechcert check`, in the shape of every
/// other check (profiles, expected surplus, the nine properties). Under `uniform` ties the
/// surplus is also computed by compression over identical agents and must agree
/// (`cross_checked`); a disagreement is an inconsistency.
pub fn check_market(
    agents: &Agents,
    mech: HeteroMechanism,
    opts: &Options,
) -> Result<Report<Rat>, Inconsistency> {
    let profiles = agents
        .profile_count()
        .expect("the loader bounds the profiles");
    let it = market_interim(agents, mech);
    let compressed = expected_surplus_compressed(agents, mech);
    if let Some(c) = &compressed
        && c != &it.expected_surplus
    {
        return Err(Inconsistency(format!(
            "{}: the expected surplus is {} by enumeration and {c} by compression",
            mech.name(),
            it.expected_surplus
        )));
    }
    let mut properties = Vec::new();
    if opts.interim {
        properties.extend(check_interim(agents, &it, opts.max_listed));
    }
    if opts.ex_post {
        properties.extend(check_ex_post(agents, mech, opts.max_listed));
    }
    Ok(Report {
        mechanism: mech.name().to_string(),
        profiles: Rat::from(profiles),
        enumerated: u128::from(profiles),
        expected_surplus: Some(it.expected_surplus),
        interim: None,
        interim_source: Some(InterimSource::Enumeration),
        cross_checked: compressed.is_some(),
        properties,
    })
}
