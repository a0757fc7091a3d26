//! A certificate whose quantity is redefined consistently (its formula and its value changed
//! together, so the quantity itself still checks) no longer means what the claim's statement
//! needs, and is refused. For every committed certificate, its first formula quantity is
//! replaced by the constant formula `value + 1` with that value. Every such forgery must fail;
//! where the assertions still come out as recorded, only the checker's own statement of the
//! claim can tell, and it must say so (found missed by cargo mutants: `Spec::same` replaced
//! with `Ok(())`).

mod common;

use mechcert_cert::check_certificate;
use num_rational::BigRational;
use serde_json::Value;

#[test]
fn a_formula_redefined_consistently_is_refused_by_the_statement() {
    let (mut tried, mut by_statement) = (0, 0);
    for (p, c) in common::committed_certificates() {
        let n = c["quantities"].as_array().map_or(0, Vec::len);
        for k in 0..n {
            let q = &c["quantities"][k];
            let (Some(name), Some(value)) = (q["name"].as_str(), q["value"].as_str()) else {
                continue;
            };
            if q["kind"] != "formula" {
                continue;
            }
            let v: BigRational = value.parse().unwrap();
            let w = v + BigRational::from_integer(1.into());
            let mut forged = c.clone();
            forged["quantities"][k]["expr"] = Value::String(format!("{w}"));
            forged["quantities"][k]["value"] = Value::String(format!("{w}"));
            let Err(e) = check_certificate(&forged) else {
                panic!("{}: quantity `{name}` redefined as {w} passes", p.display());
            };
            if e.message.contains("where the statement's formula") {
                by_statement += 1;
            }
            tried += 1;
            break; // one per certificate keeps the test to seconds
        }
    }
    assert!(tried >= 100, "only {tried} quantities tried");
    assert!(
        by_statement >= 20,
        "only {by_statement} of {tried} forgeries were refused by the statement"
    );
    eprintln!("{tried} forgeries, {by_statement} refused by the statement");
}
