//! Long flat expressions (`1+1+...+1`, `1*1*...*1` with 10,000 terms) in any expression field
//! of a certificate are refused with a clear error naming the limit, never a stack overflow;
//! expressions within the limit check as usual.

mod common;

use mechcert_cert::{CertError, check_evidence};
use serde_json::{Value, json};

fn err(c: &Value) -> CertError {
    check_evidence(c).expect_err("must be rejected")
}

/// `first op term op term ...` with `terms` terms in all.
fn chain(first: &str, op: &str, term: &str, terms: usize) -> String {
    let mut s = first.to_string();
    for _ in 1..terms {
        s.push_str(op);
        s.push_str(term);
    }
    s
}

fn assert_too_large(e: &CertError, location: &str) {
    assert!(e.location.starts_with(location), "{e}");
    assert!(
        e.message.contains("expression too large (more than 10000"),
        "{e}"
    );
    // the message quotes the start of the expression, not all of it
    assert!(
        e.to_string().len() < 500,
        "{} characters",
        e.to_string().len()
    );
}

#[test]
fn ten_thousand_term_chains_are_refused() {
    for (op, term) in [("+", "1"), ("*", "1"), ("-", "0"), ("/", "1"), (" ", "1")] {
        let long = chain("1", op, term, 10_000);
        // a formula quantity (value 1 whichever the operator)
        let mut c = common::surplus_cert();
        c["quantities"][2]["expr"] = json!(long);
        c["quantities"][2]["value"] = json!("1");
        assert_too_large(&err(&c), "quantity `Pi_formula`");
        // a poly-identity's formula and its polynomial
        let mut c = common::family_cert();
        c["quantities"][4]["of"]["expr"] = json!(format!("B3 - S3 + 0*({long})"));
        assert_too_large(&err(&c), "quantity `gap`");
        let mut c = common::family_cert();
        c["quantities"][4]["poly"] = json!(long);
        assert_too_large(&err(&c), "quantity `gap`");
        // an instance value (with a parameter) and an allocation entry written as a formula
        let mut c = common::family_cert();
        c["instance"]["buyer"]["values"][0] = json!(format!("7k + 0*({long})"));
        assert_too_large(&err(&c), "instance");
        let mut c = common::tight_interim_cert();
        c["quantities"][0]["allocation"][0][1] = json!(format!("0*({long})"));
        assert_too_large(&err(&c), "quantity `tb1`");
    }
}

#[test]
fn ten_thousand_symbol_chains_are_refused() {
    // the same with symbols and the parameter: `k*k*...`, `B1 + B1 + ...`
    let mut c = common::family_cert();
    c["quantities"][4]["of"]["expr"] = json!(chain("B3 - S3", " + 0*", "k", 10_000));
    assert_too_large(&err(&c), "quantity `gap`");
    let mut c = common::surplus_cert();
    c["quantities"][2]["expr"] = json!(chain("B1", "+", "B1", 10_000));
    assert_too_large(&err(&c), "quantity `Pi_formula`");
}

#[test]
fn chains_within_the_limit_check() {
    // 5000 terms and 4999 operators: 9999 nodes, within the limit of 10000
    let mut c = common::surplus_cert();
    c["quantities"][2]["expr"] = json!(chain("1", "+", "1", 5000));
    c["quantities"][2]["value"] = json!("5000");
    c["assertions"] = json!([{"role": "claim", "text": "5000 ones", "relation": "eq",
        "left": "Pi_formula", "right": "5000", "holds": true}]);
    check_evidence(&c).unwrap();
    c["quantities"][2]["expr"] = json!(chain("1", "+", "1", 5001));
    assert_too_large(&err(&c), "quantity `Pi_formula`");
    // a long product of the parameter is a polynomial of degree 200 (at most 256)
    let mut c = common::family_cert();
    c["quantities"][4]["of"]["expr"] = json!(format!("B3 - S3 + 0*{}", chain("k", "*", "k", 200)));
    check_evidence(&c).unwrap();
}
