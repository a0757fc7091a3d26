//! Search: a planted false claim is found and shrunk to a small instance; the same seed gives
//! the same result; a claim that holds yields no counterexample.

use mechcert_claims::certificate::{Rel, Role};
use mechcert_claims::search::{Options, search};
use mechcert_claims::{Claim, Verdict, evidence, find};
use mechcert_model::Instance;

/// A false claim planted for the test: "Π^VCG' >= 0 always".
fn planted() -> Claim {
    Claim {
        id: "planted-vcg-prime-nonnegative",
        section: "test",
        statement: "Π^VCG' >= 0 for every instance (false: Theorem 1 needs it as a condition)",
        reading: "planted",
        certify: |c, inst: &Instance, mode| {
            mechcert_claims::registry_on_concrete(c, inst, mode, |bd| {
                let tie = bd.env().tie_break;
                let pi = evidence::vcg_prime_surplus(bd, "Pi", 1, tie);
                bd.compare(Role::Claim, "Π^VCG' >= 0", &pi, Rel::Ge, 0);
                Ok(())
            })
        },
        generate: |rng, m, n, buyers| mechcert_claims::registry_generic(rng, m, n, buyers),
        existential: false,
    }
}

#[test]
fn a_planted_false_claim_is_found_and_shrunk_to_2x2_with_small_integers() {
    let claim = planted();
    let opts = Options {
        seed: 7,
        budget: 2000,
        types: Some((4, 4)),
        buyers: Some(1),
    };
    let out = search(&claim, &opts, &|_| {}).unwrap();
    let found = out.found.expect("Π^VCG' < 0 happens on 4x4 instances");
    let (m, n) = found.shrunk.shape();
    assert!(
        m <= 2 && n <= 2,
        "shrunk to {m}x{n}:\n{}",
        found.shrunk.to_toml()
    );
    let small = found
        .shrunk
        .buyer
        .values
        .iter()
        .chain(&found.shrunk.seller.values)
        .all(|v| {
            let c = v.as_constant().unwrap();
            c.abs() <= mechcert_num::Rat::int(10) && c.is_integer()
        });
    assert!(small, "small integers:\n{}", found.shrunk.to_toml());
    assert_eq!(found.certified.verdict, Verdict::Fails);
    mechcert_cert::check_evidence(&found.certified.certificate)
        .expect("the counterexample's certificate checks");
    // reproducible from the seed
    let again = search(&claim, &opts, &|_| {}).unwrap();
    let again = again.found.unwrap();
    assert_eq!(
        (again.index, again.shrunk.to_toml()),
        (found.index, found.shrunk.to_toml())
    );
}

#[test]
fn a_true_claim_has_no_counterexample() {
    let claim = find("vcg-prime-surplus-formula").unwrap();
    let out = search(
        claim,
        &Options {
            seed: 3,
            budget: 300,
            types: Some((3, 3)),
            buyers: Some(1),
        },
        &|_| {},
    )
    .unwrap();
    assert!(out.found.is_none());
    assert_eq!(out.searched, 300);
    assert!(out.applicable > 200);
}
