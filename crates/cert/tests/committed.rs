//! Every certificate committed under proofs/certificates (written by mechcert) is accepted by
//! the checker with its recorded claim and verdict.

mod common;

use mechcert_cert::{check_file, claim_ids};

#[test]
fn every_committed_certificate_checks() {
    let mut failed = vec![];
    for (p, json) in common::committed_certificates() {
        match check_file(&p) {
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
