//! The claim ids mechcert defines (`mechcert claims`, DESIGN.md's table, and the corrected
//! readings added as their own ids), kept here by hand so that the checker depends on no other
//! mechcert crate. A certificate whose `claim` is not one of them is rejected. A test
//! (`tests/claim_ids.rs`) compares this list with the ids in crates/claims/src.

/// Every claim id a certificate may carry, in the paper's order.
pub const CLAIM_IDS: &[&str] = &[
    // Sec. 3
    "vcg-deficit",
    "vcg-prime-surplus-formula",
    "vcg-prime-dominant",
    "vcg-prime-pointwise",
    "lemma-2",
    "proposition-1",
    // Sec. 4
    "theorem-1",
    "corollary-1",
    "remark-1",
    // Sec. 5
    "section-5-bb-construction",
    "tie-break-invariance",
    "example-1",
    "adding-buyer-two-types",
    "adding-buyer-can-hurt",
    "example-2",
    "large-market",
    "large-market-corrected",
    // Sec. 6 and the appendix
    "lemma-1",
    "lemma-1-corrected",
    "theorem-2",
    "theorem-3",
    "example-3",
    "example-3-corrected",
    "lemma-3",
    "theorem-4",
    "theorem-4-corrected",
    // Sec. 7.1
    "ties-seller-keeps",
    "ties-virtual-value-strict",
    // Sec. 8
    "ex-post-ir-2x2",
    "ex-post-ir-gap",
    // `mechcert solve second-best` (a computation, not a claim of the paper)
    "second-best",
];
