//! Example 2's claim that Π_2(k) becomes arbitrarily negative needs k to grow without bound:
//! on the family restricted to 1 < k < 10 (`mechcert certify example-2` on
//! `proofs/example-2-family-two-buyers.toml` with that domain; the fixture) Π_2(k) = 19/27 -
//! 4/27 k is still linear with a negative slope, but it is bounded below there: the claim
//! assertion `Pi_2(k) -> -inf is false` (the quantity, the identity of Π_2, is true) does not
//! hold, and the claim fails. The checker's statement must state it the same way (found needed by cargo mutants: a statement that read "negative slope or unbounded"
//! instead of "unbounded and negative slope" went unnoticed).

use mechcert_cert::check_bytes;
use serde_json::Value;

const CERT: &[u8] = include_bytes!("fixtures/example-2-bounded.example-2.cert.json");

#[test]
fn on_a_bounded_domain_pi_2_does_not_tend_to_minus_infinity() {
    let c: Value = serde_json::from_slice(CERT).unwrap();
    assert_eq!(c["instance"]["domain"], "1 < k < 10");
    let a = c["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["left"] == "Pi_2(k) -> -inf")
        .unwrap();
    assert_eq!(
        (&a["right"], &a["holds"]),
        (&Value::from("false"), &Value::from(false))
    );
    let checked = check_bytes(CERT).unwrap();
    assert_eq!(checked.claim, "example-2");
    assert_eq!(checked.verdict.name(), "fails");
}
