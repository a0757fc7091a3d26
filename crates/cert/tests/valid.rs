//! Every hand-made certificate (tests/common) is accepted with the recorded verdict, and the
//! summary counts its quantities and assertions.

mod common;

use mechcert_cert::{Verdict, check_evidence};

#[test]
fn every_hand_made_certificate_is_accepted() {
    for (name, cert) in common::all_valid() {
        let r = check_evidence(&cert).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            r.quantities,
            cert["quantities"].as_array().unwrap().len(),
            "{name}"
        );
        assert_eq!(
            r.assertions,
            cert["assertions"].as_array().unwrap().len(),
            "{name}"
        );
        let expected = if name == "mechanism" {
            Verdict::Fails
        } else {
            Verdict::Holds
        };
        assert_eq!(r.verdict, expected, "{name}");
    }
}
