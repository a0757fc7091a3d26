//! Each claim on instances where the verdict and the deciding values are known by hand, and
//! every certificate re-checked by the independent checker. Each hand computation is written in
//! a comment and asserted against the value the certificate records.

use mechcert_claims::{Verdict, find};
use mechcert_model::Instance;

fn inst(text: &str) -> Instance {
    Instance::parse(text, "<test>").unwrap()
}

fn two(b: (&str, &str), pb: (&str, &str), s: (&str, &str), ps: (&str, &str)) -> Instance {
    inst(&format!(
        "[buyer]\nvalues = [\"{}\", \"{}\"]\nprobs = [\"{}\", \"{}\"]\n[seller]\nvalues = [\"{}\", \"{}\"]\nprobs = [\"{}\", \"{}\"]\n",
        b.0, b.1, pb.0, pb.1, s.0, s.1, ps.0, ps.1
    ))
}

const HALF: (&str, &str) = ("1/2", "1/2");

/// Certify and re-check the certificate independently.
fn certified(claim: &str, i: &Instance) -> mechcert_claims::Certified {
    let c = find(claim)
        .unwrap_or_else(|| panic!("unknown claim {claim}"))
        .certify(i)
        .unwrap();
    if let Err(e) = mechcert_cert::check_certificate(&c.certificate) {
        panic!(
            "{claim}: certificate does not check: {e}\n{}",
            serde_json::to_string_pretty(&c.certificate).unwrap()
        );
    }
    assert_eq!(c.certificate["verdict"], c.verdict.name());
    c
}

/// The verdict of a certified claim.
fn verdict(claim: &str, i: &Instance) -> Verdict {
    certified(claim, i).verdict
}

/// The value the certificate of `claim` records for the quantity `name` (a number string, or
/// the polynomial of a polynomial identity).
fn recorded(claim: &str, i: &Instance, name: &str) -> String {
    let c = certified(claim, i);
    let q = c.certificate["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == name)
        .unwrap_or_else(|| panic!("{claim}: no quantity {name}"))
        .clone();
    match q["kind"].as_str() {
        Some("poly-identity") => q["poly"].as_str().unwrap().to_string(),
        _ => q["value"].as_str().unwrap().to_string(),
    }
}

#[test]
fn vcg_deficit_fails_without_possible_trade() {
    // B = (1, 2) < S = (3, 4): no pair trades, VCG's surplus is exactly 0, not a deficit.
    assert_eq!(
        verdict("vcg-deficit", &two(("1", "2"), HALF, ("3", "4"), HALF)),
        Verdict::Fails
    );
    let none = two(("1", "2"), HALF, ("3", "4"), HALF);
    assert_eq!(recorded("vcg-deficit", &none, "Pi_VCG"), "0");
    // B = (2, 5), S = (1, 3): VCG pays the seller B_i and charges the buyer S_j on trade:
    // (2, 1): 1 - 2, (5, 1): 1 - 5, (5, 3): 3 - 5, each with probability 1/4: Π^VCG = -7/4 < 0.
    let i = two(("2", "5"), HALF, ("1", "3"), HALF);
    assert_eq!(verdict("vcg-deficit", &i), Verdict::Holds);
    assert_eq!(recorded("vcg-deficit", &i, "Pi_VCG"), "-7/4");
    // VCG' (Definition 2): (2, 1): 2 - 1, (5, 1): 2 - 3, (5, 3): 5 - 3: Π^VCG' = (1 - 1 + 2)/4.
    assert_eq!(recorded("proposition-1", &i, "Pi_VCG'"), "1/2");
    assert_eq!(recorded("proposition-1", &i, "max surplus"), "1/2");
}

/// B = (2, 10), S = (0, 9), all 1/2: B2 > S2 > B1 > S1 and
/// Π(x*) = pS1 B1 + pB2 pS2 B2 - pB1 pS1 S1 - pB2 S2 = 1 + 5/2 - 0 - 9/2 = -1 < 0.
fn deficit_2x2() -> Instance {
    two(("2", "10"), HALF, ("0", "9"), HALF)
}

#[test]
fn theorem_4_as_printed_fails_and_corrected_holds() {
    // Reduced problem: max W = 1/4 (1 x22 + 2 x11) + 1/4 (10 - 0) s.t. Π = a x22 + c + d x11 = 0
    // with a = pB2 [pS2 B2 + pS1 S1 - S2] = -2, c = pB2 pS1 (B2 - S1) = 5/2,
    // d = pS1 [B1 - pB1 S1 - pB2 B2] = -3/2. Welfare per unit of Π: x22: (1/4)/2 = 1/8,
    // x11: (2/4)/(3/2) = 1/3, so x11 = 1 and x22 = (c + d)/(-a) = 1/2: W = 1/8 + 1/2 + 5/2 = 25/8.
    // Printed M = [2][10 - (9 - 1/2)/(1/2)] - [1][(2 - 5)/(1/2) - 0] = 2(-7) + 6 = -8 < 0 picks
    // x22 = 1, x11 = pB2 (B2 - S2)/(pS1 [pB2 B2 + pB1 S1 - B1]) = (1/2)/(3/2) = 1/3: W = 35/12 < 25/8.
    let i = deficit_2x2();
    assert_eq!(verdict("theorem-4", &i), Verdict::Fails);
    assert_eq!(recorded("theorem-4", &i, "Pi(x*)"), "-1");
    assert_eq!(recorded("theorem-4", &i, "second best"), "25/8");
    assert_eq!(recorded("theorem-4", &i, "M"), "-8");
    assert_eq!(recorded("theorem-4", &i, "W(x_A)"), "35/12");
    // Corrected M = [2][10 - (9 - 0)/(1/2)] - [1][-6] = 2(-8) + 6 = -10 < 0 picks B: x11 = 1,
    // x22 = pS1 (B1 - S1)/(pB2 [S2 - pS2 B2 - pS1 S1]) = 1/(1/2 (9 - 5)) = 1/2, W = 25/8.
    assert_eq!(verdict("theorem-4-corrected", &i), Verdict::Holds);
    assert_eq!(recorded("theorem-4-corrected", &i, "M"), "-10");
    assert_eq!(recorded("theorem-4-corrected", &i, "W(x_B)"), "25/8");
    assert_eq!(verdict("theorem-3", &i), Verdict::Holds);
    assert_eq!(
        recorded("theorem-3", &i, "max W(x) s.t. implementable, Π(x) = 0"),
        "25/8"
    );
    // Lemma 3's first inequality: pS2 B2 + pS1 S1 = 5 < S2 = 9.
    assert_eq!(verdict("lemma-3", &i), Verdict::Holds);
    assert_eq!(recorded("lemma-3", &i, "first: left"), "5");
}

#[test]
fn example_3_printed_surplus_needs_s1_zero() {
    // The printed Π(x*) has p_b(B1) S1 where Lemma 3's proof has p_b(B1) p_s(S1) S1: they differ
    // by p_b(B1) p_s(S2) S1, zero only when S1 = 0.
    assert_eq!(verdict("example-3", &deficit_2x2()), Verdict::Holds);
    let shifted = two(("3", "11"), HALF, ("1", "10"), HALF);
    assert_eq!(verdict("example-3", &shifted), Verdict::Fails);
    assert_eq!(verdict("example-3-corrected", &shifted), Verdict::Holds);
    // B = (3, 11), S = (1, 10): Π(x*) = pS1 B1 + pB2 pS2 B2 - pB1 pS1 S1 - pB2 S2
    // = 3/2 + 11/4 - 1/4 - 5 = -1; the printed form subtracts pB1 S1 = 1/2 instead of 1/4: -5/4.
    assert_eq!(recorded("example-3", &shifted, "Pi(x0)"), "-1");
    assert_eq!(recorded("example-3", &shifted, "printed Pi(x*)"), "-5/4");
    assert_eq!(
        recorded("example-3-corrected", &shifted, "printed Pi(x*)"),
        "-1"
    );
}

#[test]
fn lemma_1_printed_bounds_fail_when_m_differs_from_n() {
    let three_by_two = inst(
        "[buyer]\nvalues = [1, 4, 7]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n[seller]\nvalues = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\n",
    );
    assert_eq!(verdict("lemma-1", &three_by_two), Verdict::Fails);
    assert_eq!(verdict("lemma-1-corrected", &three_by_two), Verdict::Holds);
    assert_eq!(verdict("lemma-1", &deficit_2x2()), Verdict::Holds);
}

#[test]
fn proposition_1_and_theorems_1_2() {
    for i in [deficit_2x2(), two(("2", "5"), HALF, ("1", "3"), HALF)] {
        assert_eq!(verdict("proposition-1", &i), Verdict::Holds);
        assert_eq!(verdict("theorem-1", &i), Verdict::Holds);
        assert_eq!(verdict("theorem-2", &i), Verdict::Holds);
        assert_eq!(verdict("vcg-prime-surplus-formula", &i), Verdict::Holds);
        assert_eq!(verdict("vcg-prime-dominant", &i), Verdict::Holds);
    }
}

#[test]
fn ties_strict_virtual_values_fail_at_the_top_buyer_meeting_the_bottom_seller() {
    // B = (1, 2), S = (2, 3): B2 = S1. ψ_b(B2) = B2 = 2 (top type) and ψ_s(S1) = S1 = 2: equal,
    // so "strictly lower" fails there; x** still maximises Π (the coefficient is 0).
    let i = two(("1", "2"), HALF, ("2", "3"), HALF);
    assert_eq!(verdict("ties-virtual-value-strict", &i), Verdict::Fails);
    assert_eq!(recorded("ties-virtual-value-strict", &i, "psi_b(B2)"), "2");
    assert_eq!(recorded("ties-virtual-value-strict", &i, "psi_s(S1)"), "2");
    assert_eq!(verdict("ties-seller-keeps", &i), Verdict::Holds);
}

#[test]
fn large_market_limit_as_printed_needs_the_top_buyer_above_every_seller() {
    // B = (2, 6), S = (1, 4, 8): B_m = 6 < S_3 = 8. With many buyers at 6 the surplus is
    // Δ = 6 - 4 = 2 when S < 6 (probability 2/3) and 0 otherwise: the limit is 4/3, not 2.
    let i = inst(
        "[buyer]\nvalues = [2, 6]\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = [1, 4, 8]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n",
    );
    assert_eq!(verdict("large-market", &i), Verdict::Fails);
    assert_eq!(recorded("large-market", &i, "Delta"), "2");
    assert_eq!(recorded("large-market", &i, "limit"), "4/3");
    assert_eq!(verdict("large-market-corrected", &i), Verdict::Holds);
    assert_eq!(verdict("large-market", &deficit_2x2()), Verdict::Holds);
}

#[test]
fn many_buyer_claims() {
    // Example 2 at k = 5 with two buyers: Π_2 = 19/27 - 20/27 = -1/27, Π_1 = 1/3.
    let k5 = inst(
        "buyers = 2\n[buyer]\nvalues = [35, 41, 46]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n[seller]\nvalues = [15, 40, 45]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n",
    );
    assert_eq!(verdict("example-2", &k5), Verdict::Holds);
    assert_eq!(recorded("example-2", &k5, "Pi_2"), "-1/27");
    assert_eq!(recorded("example-2", &k5, "Pi_1"), "1/3");
    assert_eq!(verdict("tie-break-invariance", &k5), Verdict::Holds);
    assert_eq!(
        verdict("section-5-bb-construction", &k5),
        Verdict::NotApplicable,
        "Π_2 < 0"
    );
    let e1 = inst(
        "buyers = 3\n[buyer]\nvalues = [2, 6]\nprobs = [\"1/3\", \"2/3\"]\n[seller]\nvalues = [1, 4]\nprobs = [\"1/4\", \"3/4\"]\n",
    );
    assert_eq!(verdict("example-1", &e1), Verdict::Holds);
    assert_eq!(verdict("section-5-bb-construction", &e1), Verdict::Holds);
    assert_eq!(verdict("vcg-prime-dominant", &e1), Verdict::Holds);
}

#[test]
fn example_2_and_remark_1_on_families() {
    let fam = |buyers: usize| {
        inst(&format!(
            "buyers = {buyers}\nparameter = \"k\"\ndomain = \"k > 1\"\n[buyer]\nvalues = [\"7k\", \"8k + 1\", \"9k + 1\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n[seller]\nvalues = [\"3k\", \"8k\", \"9k\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n"
        ))
    };
    assert_eq!(verdict("example-2", &fam(1)), Verdict::Holds);
    assert_eq!(verdict("example-2", &fam(2)), Verdict::Holds);
    assert_eq!(
        verdict("theorem-1", &fam(1)),
        Verdict::NotApplicable,
        "needs a concrete instance"
    );
    // Remark 1: B = (1, 3), S = (2, 5) (B_m = 3 < S_n = 5). With b = B_3 > 5 and ε = 1/2:
    // Π'(b) = 1/8 (B2 vs S1: 3 - 2) + 1/4 (b vs S1: 3 - 5) + 1/4 (b vs S2: b - 5) = -13/8 + b/4,
    // slope ε (1 - F_s(B_m)) = 1/2 (1 - 1/2) = 1/4: positive for b > 13/2.
    let r = two(("1", "3"), HALF, ("2", "5"), HALF);
    assert_eq!(verdict("remark-1", &r), Verdict::Holds);
    assert_eq!(recorded("remark-1", &r, "Pi'(b)"), "-13/8 + 1/4*b");
    // Example 2 on the family: Π_1(k) = 1/3 and Π_2(k) = 19/27 - 4/27 k (the paper's sum).
    assert_eq!(recorded("example-2", &fam(2), "Pi_1(k)"), "1/3");
    assert_eq!(recorded("example-2", &fam(2), "Pi_2(k)"), "19/27 - 4/27*k");
}

#[test]
fn section_8() {
    // 2x2 with a surplus: B = (2, 5), S = (1, 3): interim and ex post IR both possible.
    assert_eq!(
        verdict("ex-post-ir-2x2", &two(("2", "5"), HALF, ("1", "3"), HALF)),
        Verdict::Holds
    );
    assert_eq!(
        verdict("ex-post-ir-gap", &two(("2", "5"), HALF, ("1", "3"), HALF)),
        Verdict::NotApplicable
    );
}
