//! Markets beyond one seller and identical buyers: Section 5's "if and only if" for buyers
//! with their own distributions (`heterogeneous-buyers`), Section 7.2's sufficient condition
//! with several buyers and sellers (`section-7-2`), and Sections 7.2–7.3's maximality of VCG'
//! (`vcg-prime-maximal`). Every instance is a market here: a file with `[[buyer]]`/`[[seller]]`
//! arrays, or one seller and `buyers` identical buyers (`Instance::agents`).
//!
//! The efficient mechanisms of the LPs use the instance's tie rules (`mechcert_mech::hetero`):
//! "efficient" is read with that allocation fixed, as Proposition 1 fixes x*.
//!
//! Also the not-applicable certificate every other claim gives on a market (the checker's
//! statements require it: `crates/cert/src/statement/market.rs`).

use mechcert_mech::hetero::{HeteroMechanism, expected_surplus};
use mechcert_model::random::SplitMix64;
use mechcert_model::{Agents, Instance};
use mechcert_num::Rat;
use mechcert_opt::{Model, solve_market};
use serde_json::json;

use crate::certificate::{Certified, Mode, Num, Record, Rel, Role};
use crate::registry::{Claim, ClaimError, needs_concrete};

/// The claims that are about markets (every other claim does not apply to one).
pub const MARKET_CLAIMS: &[&str] = &["heterogeneous-buyers", "section-7-2", "vcg-prime-maximal"];

/// The name of the quantity that says an instance is a market.
pub const IS_MARKET: &str = "several sellers or buyers with different distributions";

/// The certificate of a claim about one seller and identical buyers on a market: not
/// applicable.
pub fn not_for_markets(claim: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    let mut rec = Record::new(mode);
    let f = rec.flag(IS_MARKET, json!({"kind": "market"}), true);
    rec.is(
        Role::Condition,
        "one seller and identical buyers",
        &f,
        false,
    );
    rec.finish(&claim.heading(), inst)
}

/// The profiles of a market with one seller and identical buyers (m^I n) must be within
/// `MAX_MARKET_PROFILES` (a market file is bounded when it is read).
fn few_enough_profiles(rec: &mut Record, inst: &Instance) -> Result<bool, ClaimError> {
    if inst.is_market() {
        return Ok(true);
    }
    let max = mechcert_cert::limits::MAX_ENUMERATED_BUYERS;
    if inst.buyers > max {
        let q = rec.num(
            "buyers to enumerate",
            json!({"kind": "formula", "expr": "I"}),
            Rat::from(inst.buyers),
        );
        return Ok(rec.compare(
            Role::Condition,
            &format!("at most {max} buyers, to enumerate their profiles"),
            &q,
            Rel::Le,
            Rat::from(max),
        ));
    }
    let (m, n) = inst.shape();
    let profiles = (0..inst.buyers).fold(Rat::from(n), |acc, _| acc * Rat::from(m));
    let q = rec.num(
        "profiles",
        json!({"kind": "formula", "expr": "m^I*n"}),
        profiles,
    );
    Ok(rec.compare(
        Role::Condition,
        "few enough profiles to enumerate the market",
        &q,
        Rel::Le,
        Rat::from(mechcert_cert::limits::MAX_MARKET_PROFILES),
    ))
}

/// Run `body` on the agents of a concrete instance with few enough profiles.
fn on_market(
    claim: &Claim,
    inst: &Instance,
    mode: Mode,
    body: impl FnOnce(&mut Record, &Agents) -> Result<(), ClaimError>,
) -> Result<Certified, ClaimError> {
    if inst.parameter.is_some() {
        return Ok(needs_concrete(claim, inst, mode)?);
    }
    let mut rec = Record::new(mode);
    if few_enough_profiles(&mut rec, inst)? {
        let agents = inst
            .agents()
            .map_err(|e| ClaimError::Input(e.to_string()))?;
        body(&mut rec, &agents)?;
    }
    Ok(rec.finish(&claim.heading(), inst)?)
}

fn pi_vcg_prime(rec: &mut Record, agents: &Agents) -> Num {
    let pi = expected_surplus(agents, HeteroMechanism::VcgPrime);
    rec.num(
        "Pi_VCG'",
        json!({"kind": "market-surplus", "mechanism": "vcg-prime"}),
        pi,
    )
}

fn bb_exists(rec: &mut Record, agents: &Agents) -> Result<crate::certificate::Flag, ClaimError> {
    let lp = solve_market(agents, &Model::MarketBbFeasible)?;
    let fields = lp_fields(&lp);
    Ok(rec.flag(
        "some efficient BB IC IR mechanism",
        fields,
        lp.is_feasible(),
    ))
}

fn lp_fields(lp: &mechcert_opt::Solved) -> serde_json::Value {
    let mut q = lp.quantity("");
    if let serde_json::Value::Object(o) = &mut q {
        o.remove("name");
        o.remove("value");
    }
    q
}

/// Section 7.2: Π^VCG' >= 0 ⟹ an efficient, ex post BB, interim IC and IR mechanism exists.
fn section_7_2(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_market(c, inst, mode, |rec, agents| {
        let pi = pi_vcg_prime(rec, agents);
        if !rec.compare(Role::Condition, "Π^VCG' >= 0", &pi, Rel::Ge, 0) {
            return Ok(());
        }
        let exists = bb_exists(rec, agents)?;
        rec.is(
            Role::Claim,
            "an efficient BB IC IR mechanism exists",
            &exists,
            true,
        );
        Ok(())
    })
}

/// Section 5 with buyers of their own distributions and one seller: efficient BB IC IR trade
/// is possible iff Π^VCG' >= 0.
fn heterogeneous_buyers(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_market(c, inst, mode, |rec, agents| {
        let j = rec.num(
            "J",
            json!({"kind": "market-sellers"}),
            Rat::from(agents.sellers.len()),
        );
        if !rec.compare(Role::Condition, "one seller (Section 5)", &j, Rel::Eq, 1) {
            return Ok(());
        }
        let pi = pi_vcg_prime(rec, agents);
        let nonneg = rec.compare(Role::Case, "Π^VCG' >= 0", &pi, Rel::Ge, 0);
        let exists = bb_exists(rec, agents)?;
        rec.is(
            Role::Claim,
            "efficient BB IC IR trade is possible iff Π^VCG' >= 0",
            &exists,
            nonneg,
        );
        Ok(())
    })
}

/// Sections 7.2–7.3: VCG' has the largest expected budget surplus among efficient, interim IC
/// and IR mechanisms (the LP maximum).
fn vcg_prime_maximal(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_market(c, inst, mode, |rec, agents| {
        let pi = pi_vcg_prime(rec, agents);
        let lp = solve_market(agents, &Model::MarketMaxSurplus)?;
        let value = lp
            .value()
            .cloned()
            .ok_or("market-max-surplus: the LP has no optimum")?;
        let max = rec.num(
            "max surplus of efficient IC IR mechanisms",
            lp_fields(&lp),
            value,
        );
        rec.compare(Role::Claim, "Π^VCG' is the LP maximum", &pi, Rel::Eq, &max);
        Ok(())
    })
}

/// Random markets for search (`mechcert_model::random::random_market`).
pub fn random_market(rng: &mut SplitMix64, _m: usize, _n: usize, _buyers: usize) -> Instance {
    mechcert_model::random::random_market(rng)
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "heterogeneous-buyers",
            section: "Sec. 5",
            statement: "with one seller and buyers of their own distributions, ex post efficiency and ex post budget balance can be achieved in an interim IC and IR mechanism iff VCG' adapted to the multiple buyer environment does not run an ex ante budget deficit",
            reading: "as printed, for any buyers (identical ones included) and one seller; VCG' as Section 7.2 defines it, the efficient allocation with the instance's tie rules",
            certify: heterogeneous_buyers,
            generate: random_market,
            existential: false,
        },
        Claim {
            id: "section-7-2",
            section: "Sec. 7.2",
            statement: "with several buyers and several sellers, as long as VCG' runs a budget surplus (Π^VCG' >= 0), efficient, BB, IC and IR trade is possible",
            reading: "as printed: Π^VCG' >= 0 ⟹ an efficient, ex post BB, interim IC and IR mechanism exists (exact LP); VCG' with the threshold rule on ties; the paper defines VCG' for V_b ∩ V_s = ∅, and instances with buyer-seller ties are searched too (with `seller_ties` deciding)",
            certify: section_7_2,
            generate: random_market,
            existential: false,
        },
        Claim {
            id: "vcg-prime-maximal",
            section: "Sec. 7.2-7.3",
            statement: "VCG' yields the largest expected budget surplus among efficient, interim IC and IR mechanisms, with several buyers and sellers",
            reading: "as printed: Π^VCG' = max{E[Σ t_buyers - Σ t_sellers] : efficient, interim IC, IR} (exact LP), the efficient allocation fixed with the instance's tie rules (Section 7.3's maximum over all efficient mechanisms is attained with no trade on a buyer-seller tie, as Section 7.1 shows for one buyer)",
            certify: vcg_prime_maximal,
            generate: random_market,
            existential: false,
        },
    ]
}
