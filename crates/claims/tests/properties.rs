//! Property tests of the LP claims on random instances (up to 5x5, with ties): Proposition 1's
//! LP maximum equals Π^VCG'; Theorem 1's LP is feasible exactly when Π^VCG' >= 0 (a Farkas
//! certificate otherwise); Theorem 2 on test allocations; Example 2's printed general Π_2 on
//! random 3-type instances. Every certificate is re-checked by the independent checker.

use mechcert_claims::{Verdict, find};
use mechcert_model::random::SplitMix64;
use mechcert_model::strategies::instances;
use proptest::prelude::*;

fn certify_checked(claim: &str, inst: &mechcert_model::Instance) -> Verdict {
    let c = find(claim).unwrap().certify(inst).unwrap();
    mechcert_cert::check_certificate(&c.certificate)
        .unwrap_or_else(|e| panic!("{claim}: {e}\n{}", inst.to_toml()));
    c.verdict
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn proposition_1_lp_maximum_is_vcg_prime(inst in instances(1..=5, 1..=5, 1..=1, true)) {
        prop_assert_eq!(certify_checked("proposition-1", &inst), Verdict::Holds);
    }

    #[test]
    fn theorem_1_feasible_iff_surplus_nonnegative(inst in instances(1..=5, 1..=5, 1..=1, true)) {
        // the certificate holds the LP point (Π >= 0) or a Farkas vector (Π < 0), and for
        // Π >= 0 the construction of the proof with every property verified
        prop_assert_eq!(certify_checked("theorem-1", &inst), Verdict::Holds);
    }

    #[test]
    fn theorem_2_on_test_allocations(inst in instances(1..=4, 1..=4, 1..=1, true)) {
        prop_assert_eq!(certify_checked("theorem-2", &inst), Verdict::Holds);
    }

    #[test]
    fn example_2_general_formula_on_random_three_type_instances(seed in any::<u64>()) {
        let inst = (find("example-2").unwrap().generate)(&mut SplitMix64::new(seed), 3, 3, 2);
        prop_assert_eq!(certify_checked("example-2", &inst), Verdict::Holds);
    }
}
