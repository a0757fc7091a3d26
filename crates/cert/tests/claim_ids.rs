//! The claim id: a certificate whose `claim` is not one of the ids mechcert defines is
//! refused (with the known ids listed); the checker's own list (`CLAIM_IDS`) matches the ids
//! in crates/claims/src, read as text (the checker depends on no other mechcert crate).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mechcert_cert::{CLAIM_IDS, check_certificate, check_certificate_for_claims};
use serde_json::json;

#[test]
fn an_unknown_claim_id_is_refused() {
    for bad in ["no-such-claim", "", "Theorem-1", "theorem-1 ", "theorem"] {
        let mut c = common::surplus_cert();
        c["claim"] = json!(bad);
        let e = check_certificate(&c).expect_err(bad);
        assert_eq!(e.location, "claim", "{bad}: {e}");
        assert!(
            e.message
                .starts_with(&format!("unknown claim id `{bad}` (known: ")),
            "{bad}: {e}"
        );
        assert!(e.message.contains("theorem-4-corrected"), "{e}");
    }
    let mut c = common::surplus_cert();
    c["claim"] = json!(1);
    assert_eq!(check_certificate(&c).unwrap_err().location, "claim");
}

#[test]
fn every_known_claim_id_is_accepted() {
    for id in CLAIM_IDS {
        let mut c = common::surplus_cert();
        c["claim"] = json!(id);
        assert_eq!(check_certificate(&c).unwrap().claim, *id);
    }
}

#[test]
fn a_caller_may_name_other_claim_ids() {
    let mut c = common::surplus_cert();
    c["claim"] = json!("planted-claim");
    assert!(check_certificate(&c).is_err());
    let r = check_certificate_for_claims(&c, &["planted-claim"]).unwrap();
    assert_eq!(r.claim, "planted-claim");
    c["claim"] = json!("proposition-1");
    let e = check_certificate_for_claims(&c, &["planted-claim"]).unwrap_err();
    assert_eq!(
        e.message,
        "unknown claim id `proposition-1` (known: planted-claim)"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_list_matches_the_claims_crate() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../claims/src");
    let mut files = vec![];
    rust_files(&dir, &mut files);
    let mut defined = BTreeSet::new();
    for f in files {
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            if let Some(rest) = line.trim().strip_prefix("id: \"") {
                let id = rest.split('"').next().unwrap();
                defined.insert(id.to_string());
            }
        }
    }
    let known: BTreeSet<String> = CLAIM_IDS.iter().map(|s| s.to_string()).collect();
    assert_eq!(known.len(), CLAIM_IDS.len(), "an id is listed twice");
    assert!(defined.len() >= 27, "{defined:?}");
    assert_eq!(
        known, defined,
        "CLAIM_IDS (src/claims.rs) differs from the ids in crates/claims/src"
    );
}
