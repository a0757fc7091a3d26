//! Markets with heterogeneous agents (`hetero`) against today's mechanisms: with one buyer
//! and one seller every outcome equals Definitions 1 and 2 (`vcg`, `vcg_prime` tables); with
//! I identical buyers and one seller it equals Section 5's Clarke VCG and the four-case VCG'
//! at every profile, under every tie rule and either `seller_ties`, and the expected
//! surpluses equal the enumerated and compressed Π_I. Plus the laws of the allocation
//! (efficient: its gains equal the maximal gains; units bought equal units sold).

use mechcert_mech::hetero::{
    HeteroMechanism, MarketOutcome, Profile, allocate, expected_surplus,
    expected_surplus_compressed, for_each_market_profile, gains_from_trade, max_gains,
};
use mechcert_mech::{
    Interim, Mechanism, Outcome, VcgMulti, VcgPrimeFourCase, compress, vcg, vcg_prime,
};
use mechcert_model::{Agents, Instance, TieBreak, for_each_profile, strategies::instances};
use mechcert_num::Rat;
use proptest::prelude::*;

/// Compare the market mechanism with today's at every profile of an instance with one seller
/// and identical buyers.
fn same_at_every_profile(inst: &Instance, mech: HeteroMechanism, old: &dyn Mechanism<Rat>) {
    let env = inst.concrete().unwrap();
    let agents = inst.agents().unwrap();
    let mut out = MarketOutcome::new(&agents);
    let mut want = Outcome::new(inst.buyers);
    for_each_profile(env.m(), env.n(), inst.buyers, |reports, s| {
        let p = Profile {
            buyers: reports.to_vec(),
            sellers: vec![s],
        };
        mech.outcome(&agents, &p, &mut out);
        old.outcome(&env, reports, s, &mut want);
        assert_eq!(out.x, want.x, "allocation at {reports:?}, S{}", s + 1);
        assert_eq!(
            out.y,
            vec![want.trade()],
            "trade at {reports:?}, S{}",
            s + 1
        );
        assert_eq!(
            out.t,
            want.t,
            "{} payments at {reports:?}, S{}",
            mech.name(),
            s + 1
        );
        assert_eq!(out.r, vec![want.ts.clone()], "{} receipt", mech.name());
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_buyer_one_seller_is_definitions_1_and_2(inst in instances(1..=4, 1..=4, 1..=1, true)) {
        let env = inst.concrete().unwrap();
        same_at_every_profile(&inst, HeteroMechanism::Vcg, &vcg(&env));
        same_at_every_profile(&inst, HeteroMechanism::VcgPrime, &vcg_prime(&env));
        let agents = inst.agents().unwrap();
        prop_assert_eq!(
            expected_surplus(&agents, HeteroMechanism::VcgPrime),
            Interim::of_tabular(&env, &vcg_prime(&env)).expected_surplus(&env)
        );
        prop_assert_eq!(
            expected_surplus(&agents, HeteroMechanism::Vcg),
            Interim::of_tabular(&env, &vcg(&env)).expected_surplus(&env)
        );
    }

    #[test]
    fn identical_buyers_are_section_5(inst in instances(1..=3, 1..=3, 2..=3, true)) {
        let env = inst.concrete().unwrap();
        same_at_every_profile(&inst, HeteroMechanism::Vcg, &VcgMulti);
        same_at_every_profile(&inst, HeteroMechanism::VcgPrime, &VcgPrimeFourCase);
        let agents = inst.agents().unwrap();
        prop_assert_eq!(
            expected_surplus(&agents, HeteroMechanism::VcgPrime),
            compress::vcg_prime_surplus(&env)
        );
    }

    #[test]
    fn compression_equals_enumeration(seed in any::<u64>()) {
        // random markets: identical buyers (one `count`) in about a third of the draws; with
        // uniform ties compression is exact, with index rules it declines
        let mut agents = random_market(seed);
        for tie in TieBreak::ALL {
            agents.tie_break = tie;
            for mech in [HeteroMechanism::Vcg, HeteroMechanism::VcgPrime] {
                let compressed = expected_surplus_compressed(&agents, mech);
                if tie == TieBreak::Uniform {
                    prop_assert_eq!(compressed, Some(expected_surplus(&agents, mech)));
                } else {
                    prop_assert_eq!(compressed, None);
                }
            }
        }
    }

    #[test]
    fn compression_equals_enumeration_with_identical_buyers(inst in instances(1..=3, 1..=3, 1..=4, true)) {
        let mut agents = inst.agents().unwrap();
        agents.tie_break = TieBreak::Uniform;
        prop_assert_eq!(
            expected_surplus_compressed(&agents, HeteroMechanism::VcgPrime),
            Some(expected_surplus(&agents, HeteroMechanism::VcgPrime))
        );
    }

    #[test]
    fn the_allocation_is_efficient_and_feasible(seed in any::<u64>()) {
        let agents = random_market(seed);
        let mut x = vec![Rat::ZERO; agents.buyers.len()];
        let mut y = vec![Rat::ZERO; agents.sellers.len()];
        for_each_market_profile(&agents, |p| {
            let (b, s) = p.values(&agents);
            allocate(&agents, &b, &s, &mut x, &mut y);
            assert_eq!(gains_from_trade(&b, &s, &x, &y), max_gains(&b, &s));
            assert_eq!(x.iter().sum::<Rat>(), y.iter().sum::<Rat>(), "units bought = sold");
            assert!(x.iter().chain(&y).all(|v| !v.is_negative() && *v <= Rat::ONE));
        });
    }
}

/// A small random market (the generator search uses), with its tie rules.
fn random_market(seed: u64) -> Agents {
    use mechcert_model::random::{SplitMix64, random_market};
    random_market(&mut SplitMix64::new(seed)).agents().unwrap()
}
