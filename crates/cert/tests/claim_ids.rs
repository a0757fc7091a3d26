//! The claim id: a certificate whose `claim` is not one of the ids mechcert defines is
//! refused (with the known ids listed); a certificate whose evidence checks but which is not
//! the checker's statement of its id is refused for every id; the checker's own list
//! (`claim_ids()`) matches the ids in crates/claims/src, read as text (the checker depends on
//! no other mechcert crate).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mechcert_cert::{check_certificate, check_evidence, claim_ids};
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

/// The hand-made certificate's evidence checks under every label, but it is the statement of
/// no claim id: the checker refuses it for each one, at the statement step.
#[test]
fn consistent_evidence_under_any_known_id_is_not_a_certificate_of_that_claim() {
    for id in claim_ids() {
        let mut c = common::surplus_cert();
        c["claim"] = json!(id);
        assert_eq!(check_evidence(&c).unwrap().claim, id);
        let e = check_certificate(&c).expect_err(id);
        assert_eq!(e.location, format!("statement of `{id}`"), "{e}");
    }
}

#[test]
fn evidence_alone_may_carry_any_claim_id() {
    let mut c = common::surplus_cert();
    c["claim"] = json!("planted-claim");
    let e = check_certificate(&c).unwrap_err();
    assert!(
        e.message.starts_with("unknown claim id `planted-claim`"),
        "{e}"
    );
    let r = check_evidence(&c).unwrap();
    assert_eq!((r.claim.as_str(), r.statement), ("planted-claim", None));
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
    let ids = claim_ids();
    let known: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(known.len(), ids.len(), "an id is listed twice");
    assert!(defined.len() >= 27, "{defined:?}");
    assert_eq!(
        known, defined,
        "the checker's statements (src/statement/) differ from the ids in crates/claims/src"
    );
}

/// FORMAT.md lists every statement exactly as the checker encodes it (section "Statements").
#[test]
fn format_md_lists_every_statement() {
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("FORMAT.md"))
        .unwrap();
    let missing: Vec<String> = mechcert_cert::statement::all()
        .iter()
        .map(|st| format!("| `{}` | {} | {} |", st.id, st.section, st.statement))
        .filter(|row| !text.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "FORMAT.md lacks the rows\n{}",
        missing.join("\n")
    );
}
