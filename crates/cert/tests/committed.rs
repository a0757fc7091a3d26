//! Every certificate committed under proofs/certificates (written by mechcert) is accepted by
//! the checker with its recorded claim and verdict.

use std::path::PathBuf;

use mechcert_cert::{check_file, claim_ids};

#[test]
fn every_committed_certificate_checks() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proofs/certificates");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "only {} certificates", paths.len());
    let mut failed = vec![];
    for p in &paths {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        match check_file(p) {
            Ok(r) => {
                assert_eq!(json["claim"], r.claim.as_str(), "{}", p.display());
                assert_eq!(json["verdict"], r.verdict.name(), "{}", p.display());
                assert!(claim_ids().contains(&r.claim.as_str()));
            }
            Err(e) => failed.push(format!("{}: {e}", p.display())),
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
