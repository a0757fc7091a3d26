//! Single-buyer mechanisms: worked examples (the paper and hand computations) and the laws
//! relating VCG, VCG', the tight transfers and the closed forms.

use mechcert_mech::{Interim, closed_form, efficient_allocation, tight, vcg, vcg_prime};
use mechcert_model::{Env, strategies::instances};
use mechcert_num::Rat;
use proptest::prelude::*;

mod common;
use common::{env, r};

fn surplus(env: &Env<Rat>, tab: &mechcert_mech::Tabular<Rat>) -> Rat {
    Interim::of_tabular(env, tab).expected_surplus(env)
}

/// Example 2 (Section 5), one buyer: S = 3k, 8k, 9k; B = 7k, 8k+1, 9k+1, all 1/3.
/// The paper: "Irrespective of k, Π_1 = 1/3".
fn example_2(k: i64) -> Env<Rat> {
    let b: Vec<String> = [7 * k, 8 * k + 1, 9 * k + 1]
        .iter()
        .map(i64::to_string)
        .collect();
    let s: Vec<String> = [3 * k, 8 * k, 9 * k].iter().map(i64::to_string).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let s: Vec<&str> = s.iter().map(String::as_str).collect();
    env(1, "lowest-index", &b, &["1/3"; 3], &s, &["1/3"; 3])
}

#[test]
fn example_2_single_buyer_surplus_is_one_third() {
    for k in [2, 3, 5] {
        let e = example_2(k);
        assert_eq!(
            closed_form::vcg_prime_surplus(&e),
            r("1/3"),
            "closed form, k = {k}"
        );
        assert_eq!(surplus(&e, &vcg_prime(&e)), r("1/3"), "enumerated, k = {k}");
        let x = efficient_allocation(&e);
        assert_eq!(
            closed_form::surplus_by_virtual_values(&e, &x),
            r("1/3"),
            "Lemma 1, k = {k}"
        );
    }
}

#[test]
fn hand_computed_two_by_two() {
    // B = (2, 5), S = (1, 3), all probabilities 1/2. Trade at (B1,S1), (B2,S1), (B2,S2).
    // VCG': buyer pays 2 vs S1 and 5 vs S2; seller gets 1 vs B1 and 3 vs B2.
    // ex post surplus: (B1,S1) 2-1 = 1, (B2,S1) 2-3 = -1, (B2,S2) 5-3 = 2 -> Π' = 2/4 = 1/2.
    // VCG: (B1,S1) 1-2 = -1, (B2,S1) 1-5 = -4, (B2,S2) 3-5 = -2 -> Π = -7/4.
    let e = env(
        1,
        "lowest-index",
        &["2", "5"],
        &["1/2", "1/2"],
        &["1", "3"],
        &["1/2", "1/2"],
    );
    let v = vcg_prime(&e);
    assert_eq!(
        v.tb.to_rows(),
        vec![vec![r("2"), r("0")], vec![r("2"), r("5")]]
    );
    assert_eq!(
        v.ts.to_rows(),
        vec![vec![r("1"), r("0")], vec![r("3"), r("3")]]
    );
    assert_eq!(surplus(&e, &v), r("1/2"));
    assert_eq!(closed_form::vcg_prime_surplus(&e), r("1/2"));
    assert_eq!(surplus(&e, &vcg(&e)), r("-7/4"));
    // Virtual values: ψ_b(B1) = (2 - 1/2*5)/(1/2) = -1, ψ_b(B2) = 5;
    // ψ_s(S1) = 1, ψ_s(S2) = (3 - 1/2*1)/(1/2) = 5.
    assert_eq!(closed_form::buyer_virtual_value(&e, 0), r("-1"));
    assert_eq!(closed_form::buyer_virtual_value(&e, 1), r("5"));
    assert_eq!(closed_form::seller_virtual_value(&e, 0), r("1"));
    assert_eq!(closed_form::seller_virtual_value(&e, 1), r("5"));
    // Gains from trade at x*: (1 + 4 + 2)/4 = 7/4.
    assert_eq!(
        closed_form::gains_from_trade(&e, &efficient_allocation(&e)),
        r("7/4")
    );
}

#[test]
fn seller_ties_follow_section_7_1() {
    // B = (2, 4), S = (2, 3): B1 = S1 is a tie. x** (no-trade) leaves the good with the seller.
    let no_trade = env(
        1,
        "lowest-index",
        &["2", "4"],
        &["1/2", "1/2"],
        &["2", "3"],
        &["1/2", "1/2"],
    );
    assert_eq!(
        efficient_allocation(&no_trade).to_rows(),
        vec![vec![r("0"), r("0")], vec![r("1"), r("1")]]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Section 6: "the above mechanism evaluated at x* yields the VCG' mechanism".
    #[test]
    fn tight_at_efficient_is_vcg_prime(inst in instances(1..=6, 1..=6, 1..=1, true)) {
        let e = inst.concrete().unwrap();
        let t = tight(&e, &efficient_allocation(&e));
        let v = vcg_prime(&e);
        prop_assert_eq!(t.tb, v.tb);
        prop_assert_eq!(t.ts, v.ts);
    }

    /// Enumerated VCG' surplus == closed form Π^VCG' == Π(x*) by Lemma 1, on disjoint values.
    #[test]
    fn vcg_prime_surplus_three_ways(inst in instances(2..=9, 2..=9, 1..=1, false)) {
        let e = inst.concrete().unwrap();
        let enumerated = surplus(&e, &vcg_prime(&e));
        prop_assert_eq!(&enumerated, &closed_form::vcg_prime_surplus(&e));
        prop_assert_eq!(&enumerated, &closed_form::surplus_by_virtual_values(&e, &efficient_allocation(&e)));
    }

    /// VCG' surplus >= VCG surplus; VCG runs a deficit whenever some pair trades, else 0.
    #[test]
    fn vcg_prime_beats_vcg_which_runs_a_deficit(inst in instances(1..=8, 1..=8, 1..=1, true)) {
        let e = inst.concrete().unwrap();
        let p = surplus(&e, &vcg_prime(&e));
        let v = surplus(&e, &vcg(&e));
        prop_assert!(p >= v);
        let any_gain = (0..e.m()).any(|i| (0..e.n()).any(|j| e.b(i) > e.s(j)));
        if any_gain { prop_assert!(v.is_negative()) } else { prop_assert!(v.is_zero()) }
    }
}

#[test]
fn larger_instances_agree_three_ways() {
    use mechcert_model::random::{RandomSpec, SplitMix64, random_instance};
    for (m, n, seed) in [(30, 25, 1), (60, 60, 2), (100, 80, 3)] {
        let mut spec = RandomSpec::new(m, n);
        spec.max_weight = 50;
        let e = random_instance(&mut SplitMix64::new(seed), &spec)
            .concrete()
            .unwrap();
        let enumerated = surplus(&e, &vcg_prime(&e));
        assert_eq!(enumerated, closed_form::vcg_prime_surplus(&e), "{m}x{n}");
        assert_eq!(
            enumerated,
            closed_form::surplus_by_virtual_values(&e, &efficient_allocation(&e))
        );
    }
}
