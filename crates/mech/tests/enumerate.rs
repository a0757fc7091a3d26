//! The fast enumeration kernel for Π_I of VCG' against compression (closed form) and generic
//! enumeration of the four-case mechanism: random instances under all three tie rules with up
//! to five buyers and ties between buyer and seller values, a hand value, and inputs that
//! force every overflow path (accumulator flush, products formed as `Rat`, the all-`Rat` path).

use mechcert_mech::enumerate::vcg_prime_surplus_by_enumeration;
use mechcert_mech::{Interim, VcgPrimeFourCase, compress};
use mechcert_model::{Env, TieBreak, strategies::instances};
use mechcert_num::Rat;
use proptest::prelude::*;

mod common;
use common::{env, r};

/// The kernel, compression and generic enumeration agree (the last when it is cheap).
fn check(e: &Env<Rat>, generic: bool) -> Rat {
    let fast = vcg_prime_surplus_by_enumeration(e);
    assert_eq!(fast, compress::vcg_prime_surplus(e), "against compression");
    if generic {
        assert_eq!(
            fast,
            Interim::by_enumeration(e, &VcgPrimeFourCase).expected_surplus(e),
            "against generic enumeration"
        );
    }
    fast
}

#[test]
fn hand_value_example_1_recursion() {
    // B = (1, 4), S = (0, 3), all probabilities 1/2: Π_1 = 0 and Example 1's recursion
    // Π_I = 1/2 Π_{I-1} + 1/2 (4 - 3) give Π_I = 1 - (1/2)^(I-1).
    let half = ["1/2", "1/2"];
    for tie in ["lowest-index", "highest-index", "uniform"] {
        for buyers in 1..=10usize {
            let e = env(buyers, tie, &["1", "4"], &half, &["0", "3"], &half);
            let expect = Rat::ONE - Rat::new(1, 2).pow(buyers as u64 - 1);
            assert_eq!(check(&e, buyers <= 5), expect, "I = {buyers}, {tie}");
        }
    }
}

#[test]
fn example_2_two_buyers() {
    // Section 5, Example 2 at k = 5: Π_2 = 19/27 - 4/27 * 5 = -1/27.
    let third = ["1/3"; 3];
    for tie in ["lowest-index", "highest-index", "uniform"] {
        let e = env(
            2,
            tie,
            &["35", "41", "46"],
            &third,
            &["15", "40", "45"],
            &third,
        );
        assert_eq!(check(&e, true), r("-1/27"), "{tie}");
    }
}

#[test]
fn big_numbers_take_the_overflow_paths() {
    // Probability denominators ~ 2^20 and values up to 2^58: a profile's term
    // Π wb * Σ ws (pay - receipt) ranges from small to far beyond 2^127, so the i128
    // accumulators flush into Rat and single terms are formed as Rat.
    let (p, q) = (1_048_573i64, 1_048_571i64); // primes
    let pb = [format!("524286/{p}"), format!("524287/{p}")];
    let ps = [format!("{}/{q}", q - 5), format!("5/{q}")];
    for e in [30u32, 31, 32, 46, 50, 54, 58] {
        let low = (1i64 << e).to_string();
        let high = ((1i64 << e) + 7).to_string();
        for tie in ["lowest-index", "highest-index", "uniform"] {
            for buyers in 1..=6usize {
                let en = env(
                    buyers,
                    tie,
                    &["3", &high],
                    &[&pb[0], &pb[1]],
                    &["1", &low],
                    &[&ps[0], &ps[1]],
                );
                check(&en, buyers <= 4);
            }
        }
    }
}

#[test]
fn values_without_a_common_i64_denominator_take_the_rat_path() {
    // Three values with large coprime denominators: their lcm exceeds i64.
    let vals = ["1/2147483647", "3/2147483629", "5/2147483587"];
    for tie in ["lowest-index", "highest-index", "uniform"] {
        for buyers in 1..=4usize {
            let e = env(
                buyers,
                tie,
                &[vals[0], vals[2], "7"],
                &["1/3", "1/6", "1/2"],
                &["0", vals[1], "6"],
                &["1/4", "1/4", "1/2"],
            );
            check(&e, true);
        }
    }
}

#[test]
fn same_value_on_one_and_many_threads() {
    let e = env(
        6,
        "uniform",
        &["2", "5", "9"],
        &["1/5", "2/5", "2/5"],
        &["1", "5", "8"],
        &["1/3", "1/3", "1/3"],
    );
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| vcg_prime_surplus_by_enumeration(&e));
    assert_eq!(one, vcg_prime_surplus_by_enumeration(&e));
    assert_eq!(one, compress::vcg_prime_surplus(&e));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random instances with ties between buyer and seller values (both seller-tie rules),
    /// every tie rule among buyers, up to five buyers.
    #[test]
    fn agrees_with_compression_and_generic_enumeration(inst in instances(1..=4, 1..=4, 1..=5, true)) {
        let e = inst.concrete().unwrap();
        check(&e, true);
    }

    /// Disjoint values, more types, every tie rule on the same instance.
    #[test]
    fn agrees_under_every_tie_rule(inst in instances(1..=6, 1..=6, 1..=4, false)) {
        let e = inst.concrete().unwrap();
        let values: Vec<Rat> = TieBreak::ALL
            .iter()
            .map(|&t| check(&e.with_tie_break(t), false))
            .collect();
        prop_assert!(values.windows(2).all(|w| w[0] == w[1]), "{:?}", values);
    }
}
