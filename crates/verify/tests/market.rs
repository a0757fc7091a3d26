//! The worked example of a market (README, "Markets"): two buyers and two sellers with
//! different distributions, VCG' of Section 7.2 computed by hand at every profile, its
//! expected surplus and interim tables, and the check's verdicts.

use mechcert_mech::hetero::{HeteroMechanism, MarketOutcome, for_each_market_profile};
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_verify::{Options, Property, check_market, market_interim};

const EXAMPLE: &str = include_str!("../../../proofs/market-two-buyers-two-sellers.toml");

fn r(v: i64) -> Rat {
    Rat::int(v)
}

/// VCG' by hand. Buyer 1 has values {4, 10}, buyer 2 {6, 12}, seller 1 {1, 7}, seller 2
/// {3, 9}, every value with probability 1/2, so each of the 16 profiles has probability 1/16.
/// At each profile: sort buyers down and sellers up, q = the number of k with b_(k) > s_(k);
/// a buyer who buys pays the smallest of his own two values at which he still buys (the
/// others fixed), a seller who sells receives the largest of her own two values at which she
/// still sells.
///
/// (b1, b2; s1, s2)   q  buys  sells  payments        receipts   surplus
///  (4,  6;  1, 3)    2  1,2   1,2    4 (at 4), 6     1, 3        6
///  (4,  6;  1, 9)    1  2     1      6               1 (at 7: 6 < 7, no trade)   5
///  (4,  6;  7, 3)    1  2     2      6               3 (at 9: 6 < 7, no trade)   3
///  (4,  6;  7, 9)    0                                            0
///  (4, 12;  1, 3)    2  1,2   1,2    4, 6 (at 6: 6,4 vs 1,3 q=2)  1 (at 7: 4 < 7), 3 (at 9: 4 < 9)   6
///  (4, 12;  1, 9)    1  2     1      6 (at 6: 6 > 1)  7 (at 7: 12 > 7 still sells)   -1
///  (4, 12;  7, 3)    1  2     2      6 (6 > 3)        3 (at 9: seller 1 at 7 sells instead)   3
///  (4, 12;  7, 9)    1  2     1      12 (at 6: 6 < 7)  7          5
///  (10, 6;  1, 3)    2  1,2   1,2    4 (at 4: 6,4 vs 1,3 q=2), 6   1, 3   6
///  (10, 6;  1, 9)    1  1     1      10 (at 4 buyer 2 wins)  7 (at 7: 10 > 7)   3
///  (10, 6;  7, 3)    1  1     2      10 (at 4 buyer 2 wins)  3 (at 9: seller 1 sells)   7
///  (10, 6;  7, 9)    1  1     1      10 (at 4: 6 < 7, 4 < 7)  7   3
///  (10,12;  1, 3)    2  1,2   1,2    4 (12,4 vs 1,3), 6 (10,6 vs 1,3)  7 (12,10 vs 3,7), 9 (12,10 vs 1,9)   -6
///  (10,12;  1, 9)    2  1,2   1,2    10 (at 4: 4 < 9), 12 (at 6: 6 < 9)  7, 9   6
///  (10,12;  7, 3)    2  1,2   1,2    10 (4 < 7), 12 (6 < 7)   7, 9 (at 9: 10 > 9)   6
///  (10,12;  7, 9)    2  1,2   1,2    10, 12           7, 9       6
///
/// Surpluses sum to 58, so Π^VCG' = 58/16 = 29/8.
/// One profile's outcome: buyers' units, sellers' units, payments, receipts.
type Row = ([i64; 2], [i64; 2], [i64; 2], [i64; 2]);

#[rustfmt::skip]
const BY_HAND: [Row; 16] = [
    // (x, y, t, r): buyers' units, sellers' units, payments, receipts
    ([1, 1], [1, 1], [4, 6], [1, 3]),
    ([0, 1], [1, 0], [0, 6], [1, 0]),
    ([0, 1], [0, 1], [0, 6], [0, 3]),
    ([0, 0], [0, 0], [0, 0], [0, 0]),
    ([1, 1], [1, 1], [4, 6], [1, 3]),
    ([0, 1], [1, 0], [0, 6], [7, 0]),
    ([0, 1], [0, 1], [0, 6], [0, 3]),
    ([0, 1], [1, 0], [0, 12], [7, 0]),
    ([1, 1], [1, 1], [4, 6], [1, 3]),
    ([1, 0], [1, 0], [10, 0], [7, 0]),
    ([1, 0], [0, 1], [10, 0], [0, 3]),
    ([1, 0], [1, 0], [10, 0], [7, 0]),
    ([1, 1], [1, 1], [4, 6], [7, 9]),
    ([1, 1], [1, 1], [10, 12], [7, 9]),
    ([1, 1], [1, 1], [10, 12], [7, 9]),
    ([1, 1], [1, 1], [10, 12], [7, 9]),
];

#[test]
fn vcg_prime_at_every_profile_is_the_hand_computation() {
    let inst = Instance::parse(EXAMPLE, "<example>").unwrap();
    let agents = inst.agents().unwrap();
    let mut out = MarketOutcome::new(&agents);
    let mut k = 0;
    for_each_market_profile(&agents, |p| {
        HeteroMechanism::VcgPrime.outcome(&agents, p, &mut out);
        let (x, y, t, rr) = BY_HAND[k];
        let want = |v: [i64; 2]| v.map(r).to_vec();
        assert_eq!(
            (&out.x, &out.y, &out.t, &out.r),
            (&want(x), &want(y), &want(t), &want(rr)),
            "profile {} {p:?}",
            k + 1
        );
        k += 1;
    });
    assert_eq!(k, 16);
}

#[test]
fn expected_surplus_interim_tables_and_verdicts() {
    let inst = Instance::parse(EXAMPLE, "<example>").unwrap();
    let agents = inst.agents().unwrap();
    let it = market_interim(&agents, HeteroMechanism::VcgPrime);
    assert_eq!(it.expected_surplus, "29/8".parse::<Rat>().unwrap());
    // Buyer 1 of value 4 buys at profiles 1 and 5 of the 8 with b1 = 4, paying 4 each time:
    // x̄ = 1/4, t̄ = 1 (utility 4/4 - 1 = 0, IR binds). With value 10 he always buys and pays
    // 4, 10, 10, 10, 4, 10, 10, 10: t̄ = 68/8 = 17/2 (utility 3/2, and reporting 4 gives
    // 10/4 - 1 = 3/2: IC binds).
    let q = |s: &str| s.parse::<Rat>().unwrap();
    assert_eq!(it.buyers[0].0, vec![q("1/4"), q("1")]);
    assert_eq!(it.buyers[0].1, vec![q("1"), q("17/2")]);
    let rep = check_market(
        &agents,
        HeteroMechanism::VcgPrime,
        &Options {
            interim: true,
            ex_post: true,
            max_profiles: u128::MAX,
            max_listed: 5,
        },
    )
    .unwrap();
    for p in Property::ALL
        .into_iter()
        .filter(|&p| p != Property::ExPostBb)
    {
        assert!(rep.property(p).unwrap().holds(), "{p}");
    }
    let bb = rep.property(Property::ExPostBb).unwrap();
    // 15 of 16 profiles run a surplus or a deficit (only (4, 6; 7, 9) balances); the
    // smallest is -6 at (10, 12; 1, 3)
    assert_eq!((bb.checked, bb.violations), (16, 15));
    assert_eq!(bb.min_slack, Some(r(-6)));
    // ex post IC: 16 profiles x 4 agents x 1 misreport
    assert_eq!(rep.property(Property::ExPostIc).unwrap().checked, 64);
}

/// Buyers of different distributions and one seller with a deficit
/// (proofs/heterogeneous-buyers-deficit.toml): buyer 1 {2, 10} (1/2 each), buyer 2 {1, 8}
/// (3/4, 1/4), seller {0, 9} (1/2 each). By hand, VCG' at each profile with trade
/// (b1, b2; s), probability, payment - receipt:
///   (2, 1; 0)   3/16  buyer 1 pays 2 (still wins at 2), seller gets 0 (at 9 no trade)  +2
///   (2, 8; 0)   1/16  buyer 2 pays 8 (at 1 buyer 1 wins), seller gets 0              +8
///   (10, 1; 0)  3/16  buyer 1 pays 2, seller gets 9 (10 > 9 still trades)            -7
///   (10, 8; 0)  1/16  buyer 1 pays 10 (at 2 buyer 2 wins), seller gets 9             +1
///   (10, 1; 9)  3/16  buyer 1 pays 10, seller gets 9                                 +1
///   (10, 8; 9)  1/16  buyer 1 pays 10, seller gets 9                                 +1
/// (no trade elsewhere): Π^VCG' = (6 + 8 - 21 + 1 + 3 + 1)/16 = -1/8.
#[test]
fn a_deficit_with_heterogeneous_buyers() {
    let text = include_str!("../../../proofs/heterogeneous-buyers-deficit.toml");
    let agents = Instance::parse(text, "<deficit>")
        .unwrap()
        .agents()
        .unwrap();
    let it = market_interim(&agents, HeteroMechanism::VcgPrime);
    assert_eq!(it.expected_surplus, "-1/8".parse::<Rat>().unwrap());
}

mod same_as_today {
    //! With one seller and identical buyers (one buyer included) the market check reports
    //! exactly what today's check reports: every property's verdict, count of inequalities,
    //! violations and minimum slack, and the expected surplus (two independent paths:
    //! tables / the four-case formula with compression, against `hetero` by enumeration).

    use mechcert_mech::hetero::HeteroMechanism;
    use mechcert_model::strategies::instances;
    use mechcert_verify::{MechanismSpec, Options, Request, check_instance, check_market};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn verdicts_counts_and_slacks_agree(inst in instances(1..=3, 1..=3, 1..=3, true), prime in any::<bool>()) {
            let (spec, mech) = if prime {
                (MechanismSpec::VcgPrime, HeteroMechanism::VcgPrime)
            } else {
                (MechanismSpec::Vcg, HeteroMechanism::Vcg)
            };
            let today = check_instance(&inst, &spec, &Request::default()).unwrap().report;
            let agents = inst.agents().unwrap();
            let opts = Options { interim: true, ex_post: true, max_profiles: u128::MAX, max_listed: 5 };
            let market = check_market(&agents, mech, &opts).unwrap();
            prop_assert_eq!(&market.expected_surplus, &today.expected_surplus);
            prop_assert_eq!(market.properties.len(), today.properties.len());
            for (a, b) in market.properties.iter().zip(&today.properties) {
                prop_assert_eq!(a.property, b.property);
                prop_assert_eq!(
                    (a.holds(), a.checked, a.violations, &a.min_slack),
                    (b.holds(), b.checked, b.violations, &b.min_slack),
                    "{}", a.property
                );
            }
        }
    }
}
