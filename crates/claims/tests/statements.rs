//! The two encodings of every claim agree: on the instances search draws for each claim (the
//! grid of small ones and random ones, as `mechcert search` draws them) and on random families
//! in a parameter, the certificate mechcert's registry writes is accepted by the independent
//! checker's own statement of the claim (`mechcert_cert::check_certificate`). A claim encoded
//! differently in the two places fails here with the checker's message.

use mechcert_claims::search::{Options, instance};
use mechcert_claims::{all, find};
use mechcert_model::random::{SplitMix64, random_family};

fn checked(id: &str, inst: &mechcert_model::Instance) {
    let c = find(id).unwrap().certify(inst).unwrap_or_else(|e| {
        panic!("{id}: {e}\n{}", inst.to_toml());
    });
    mechcert_cert::check_certificate(&c.certificate)
        .unwrap_or_else(|e| panic!("{id}: {e}\n{}", inst.to_toml()));
}

#[test]
fn every_claim_on_the_instances_search_draws() {
    for claim in all() {
        let opts = Options {
            seed: 11,
            budget: 24,
            ..Options::default()
        };
        for k in 0..opts.budget {
            checked(claim.id, &instance(claim, &opts, k));
        }
    }
}

#[test]
fn every_claim_on_random_families() {
    let mut rng = SplitMix64::new(5);
    for _ in 0..6 {
        let m = rng.range(2, 3) as usize;
        let n = rng.range(2, 3) as usize;
        let buyers = rng.range(1, 2) as usize;
        let fam = random_family(&mut rng, m, n, buyers);
        for claim in all() {
            checked(claim.id, &fam);
        }
    }
}

/// On a market (two buyers, two sellers) every claim about one seller and identical buyers
/// gives the not-applicable certificate, and the market claims their own; the checker accepts
/// each, and a market certificate relabelled to another claim id is rejected.
#[test]
fn every_claim_on_a_market() {
    let text = include_str!("../../../proofs/market-two-buyers-two-sellers.toml");
    let inst = mechcert_model::Instance::parse(text, "market").unwrap();
    for claim in all() {
        let c = claim.certify(&inst).unwrap();
        mechcert_cert::check_certificate(&c.certificate)
            .unwrap_or_else(|e| panic!("{}: {e}", claim.id));
        let market = ["heterogeneous-buyers", "section-7-2", "vcg-prime-maximal"];
        assert_eq!(
            c.verdict == mechcert_claims::Verdict::NotApplicable,
            !market.contains(&claim.id) || claim.id == "heterogeneous-buyers",
            "{}",
            claim.id
        );
    }
    let c = find("vcg-prime-maximal").unwrap().certify(&inst).unwrap();
    let mut forged = c.certificate.clone();
    forged["claim"] = "section-7-2".into();
    assert!(mechcert_cert::check_certificate(&forged).is_err());
    forged["claim"] = "proposition-1".into();
    assert!(mechcert_cert::check_certificate(&forged).is_err());
}
