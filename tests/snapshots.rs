//! Every worked example of the paper as a snapshot of mechcert's exact output, reviewed as a
//! diff (see the README: `cargo insta review`, or compare `snapshots/*.snap.new` by hand).
//! CI runs with INSTA_UPDATE=no: a changed or missing snapshot fails.

use std::process::Command;

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mechcert"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run mechcert");
    assert!(
        out.status.success(),
        "mechcert {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

macro_rules! snap {
    ($name:expr, $args:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true, description => format!("mechcert {}", $args.join(" "))}, {
            insta::assert_snapshot!($name, run(&$args));
        });
    };
}

#[test]
fn claims_listing() {
    snap!("claims", ["claims"]);
}

#[test]
fn example_1() {
    snap!("example-1.check", ["check", "proofs/example-1.toml"]);
    snap!(
        "example-1.certify",
        ["certify", "example-1", "proofs/example-1.toml"]
    );
}

#[test]
fn example_2_family() {
    snap!(
        "example-2-family.check",
        ["check", "proofs/example-2-family.toml"]
    );
    snap!(
        "example-2-family-two-buyers.check",
        ["check", "proofs/example-2-family-two-buyers.toml"]
    );
    snap!(
        "example-2-family.certify",
        ["certify", "example-2", "proofs/example-2-family.toml"]
    );
    snap!(
        "example-2-family-two-buyers.certify",
        [
            "certify",
            "example-2",
            "proofs/example-2-family-two-buyers.toml"
        ]
    );
    snap!("example-2-k2.check", ["check", "proofs/example-2-k2.toml"]);
    snap!(
        "example-2-k5-two-buyers.check",
        [
            "check",
            "proofs/example-2-k5-two-buyers.toml",
            "--mechanism",
            "bb"
        ]
    );
}

#[test]
fn example_3_and_theorem_4() {
    for file in ["theorem-4-deficit", "theorem-4-other-case"] {
        let path = format!("proofs/{file}.toml");
        snap!(
            format!("{file}.second-best"),
            ["solve", "second-best", path.as_str()]
        );
        for claim in [
            "example-3",
            "example-3-corrected",
            "lemma-3",
            "theorem-3",
            "theorem-4",
            "theorem-4-corrected",
        ] {
            snap!(format!("{file}.{claim}"), ["certify", claim, path.as_str()]);
        }
    }
}

#[test]
fn theorem_1_construction() {
    snap!(
        "example-2-k2.bb",
        [
            "check",
            "proofs/example-2-k2.toml",
            "--mechanism",
            "bb",
            "--alpha",
            "1/2"
        ]
    );
    snap!(
        "theorem-4-deficit.bb",
        [
            "check",
            "proofs/theorem-4-deficit.toml",
            "--mechanism",
            "bb"
        ]
    );
}

#[test]
fn section_7_and_8() {
    snap!(
        "section-7-1-ties.check",
        ["check", "proofs/section-7-1-ties.toml"]
    );
    snap!(
        "section-7-1-ties.seller-keeps",
        [
            "certify",
            "ties-seller-keeps",
            "proofs/section-7-1-ties.toml"
        ]
    );
    snap!(
        "section-7-1-ties.strict",
        [
            "certify",
            "ties-virtual-value-strict",
            "proofs/section-7-1-ties.toml"
        ]
    );
    snap!(
        "section-8.ex-post-ir-2x2",
        [
            "certify",
            "ex-post-ir-2x2",
            "proofs/section-8-two-by-two.toml"
        ]
    );
}

#[test]
fn section_5_large_market_and_remark_1() {
    snap!(
        "large-market.printed",
        [
            "certify",
            "large-market",
            "proofs/large-market-top-buyer-below-top-seller.toml"
        ]
    );
    snap!(
        "large-market.corrected",
        [
            "certify",
            "large-market-corrected",
            "proofs/large-market-top-buyer-below-top-seller.toml"
        ]
    );
    // Example 2 at k = 5: Π_1 >= 0, Π_2 < 0, and Π_I >= 0 from I = 3 on (not monotone in I)
    snap!(
        "example-2-k5.large-market",
        [
            "certify",
            "large-market",
            "proofs/example-2-k5-two-buyers.toml"
        ]
    );
    snap!("remark-1", ["certify", "remark-1", "proofs/remark-1.toml"]);
    snap!(
        "lemma-1.three-by-two",
        ["certify", "lemma-1", "proofs/lemma-1-three-by-two.toml"]
    );
}

/// The market of two buyers and two sellers (Section 7.2), worked by hand in
/// crates/verify/tests/market.rs: VCG' at every profile, Π^VCG' = 29/8, and the claims.
#[test]
fn market_two_buyers_two_sellers() {
    let file = "proofs/market-two-buyers-two-sellers.toml";
    snap!("market-two-buyers-two-sellers.check", ["check", file]);
    snap!(
        "market-two-buyers-two-sellers.section-7-2",
        ["certify", "section-7-2", file]
    );
    snap!(
        "market-two-buyers-two-sellers.vcg-prime-maximal",
        ["certify", "vcg-prime-maximal", file]
    );
}
