//! How many Π_I a `large-market` certificate records: those the checker can recompute within
//! half of its work budget (`limits::recordable_surpluses`), whose inputs, the bits of the
//! instance's numbers, the checker's statement and mechcert's producer each compute on their
//! own. On an instance with long numbers (`mechcert certify large-market-corrected` on B = (c,
//! 2c, 3c) with probabilities 1/2, 49/100, 1/100 and S = (0, 5c/2), both 1/2, c =
//! 10^300/3^200; the fixture) the work bound binds where the multisets of buyers are counted,
//! whose cost grows with the bits of the values: mechcert recorded Π_1..Π_20 of the Π_I below
//! the threshold J, and the checker must expect exactly those (found needed by cargo mutants:
//! a checker counting the values' bits once instead of twice expected more, and no test
//! noticed).

use mechcert_cert::check_bytes;
use serde_json::Value;

const CERT: &[u8] =
    include_bytes!("fixtures/large-market-long-numbers.large-market-corrected.cert.json");

#[test]
fn the_recorded_surpluses_are_the_ones_the_checker_can_afford() {
    let c: Value = serde_json::from_slice(CERT).unwrap();
    let names: Vec<&str> = c["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["name"].as_str())
        .filter(|n| n.starts_with("Pi_"))
        .collect();
    let want: Vec<String> = (1..=20).map(|i| format!("Pi_{i}")).collect();
    assert_eq!(names, want);
    let checked = check_bytes(CERT).unwrap();
    assert_eq!(checked.claim, "large-market-corrected");
    assert_eq!(checked.verdict.name(), "holds");
}
