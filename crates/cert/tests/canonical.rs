//! Exact numbers must be strings in canonical form (`p/q` in lowest terms with q > 1, or `p`;
//! no leading zeros, no `+`, no `-0`) wherever a plain number is expected: quantity values,
//! instance values, probabilities and allocations, LP primal and dual entries and options,
//! mechanism tables, slacks and alpha, poly-sign ends, domain bounds, and literal assertion
//! operands. JSON numbers are refused there (only counts such as `buyers` may be JSON
//! integers). Formula and polynomial strings are expressions, not numbers.

mod common;

use mechcert_cert::{CertError, check_evidence};
use serde_json::{Value, json};

fn err(c: &Value) -> CertError {
    check_evidence(c).expect_err("must be rejected")
}

/// Set the node at `path` (keys and array indices) of a copy of `c`.
fn with(c: &Value, path: &[&str], v: Value) -> Value {
    let mut c = c.clone();
    let mut at = &mut c;
    for p in path {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    assert!(!at.is_null(), "{path:?} does not exist");
    *at = v;
    c
}

/// A non-canonical number at `path` is refused at `location`, with a message naming the
/// field and the canonical form.
fn refused(c: &Value, path: &[&str], bad: &str, canonical: &str, location: &str, field: &str) {
    let e = err(&with(c, path, json!(bad)));
    assert!(e.location.starts_with(location), "{path:?} = {bad}: {e}");
    assert!(
        e.message
            .contains(&format!("`{bad}` is not canonical: write `{canonical}`")),
        "{path:?} = {bad}: {e}"
    );
    assert!(e.message.contains(field), "{path:?} = {bad}: {e}");
}

#[test]
fn non_canonical_values_are_refused() {
    let s = common::surplus_cert(); // Pi = 1/2
    let v = ["quantities", "0", "value"];
    refused(&s, &v, "2/4", "1/2", "quantity `Pi`", "`value`");
    refused(&s, &v, "+1/2", "1/2", "quantity `Pi`", "`value`");
    refused(&s, &v, "01/2", "1/2", "quantity `Pi`", "`value`");
    refused(&s, &v, "1/02", "1/2", "quantity `Pi`", "`value`");
    let t = common::tight_cert(); // W_star = 3
    refused(
        &t,
        &["quantities", "4", "value"],
        "6/2",
        "3",
        "quantity `W_star`",
        "`value`",
    );
    refused(
        &t,
        &["quantities", "4", "value"],
        "3/1",
        "3",
        "quantity `W_star`",
        "`value`",
    );
    refused(
        &t,
        &["quantities", "4", "value"],
        "03",
        "3",
        "quantity `W_star`",
        "`value`",
    );
    let x = common::example1_cert(); // Pi1 = 0, profiles = 16
    refused(
        &x,
        &["quantities", "1", "value"],
        "-0",
        "0",
        "quantity `Pi1`",
        "`value`",
    );
    refused(
        &x,
        &["quantities", "1", "value"],
        "0/7",
        "0",
        "quantity `Pi1`",
        "`value`",
    );
    refused(
        &x,
        &["quantities", "8", "value"],
        "32/2",
        "16",
        "quantity `profiles`",
        "`value`",
    );
    // the QA example: 2 written as 4/2
    let mut c = common::surplus_cert();
    c["quantities"][2]["expr"] = json!("1 + 1");
    c["quantities"][2]["value"] = json!("4/2");
    let e = err(&c);
    assert_eq!(
        e.to_string().split(" (exact numbers").next().unwrap(),
        "quantity `Pi_formula`: `value`: `4/2` is not canonical: write `2`"
    );
    c["quantities"][2]["value"] = json!("2");
    c["assertions"][1]["holds"] = json!(false);
    c["verdict"] = json!("fails");
    check_evidence(&c).unwrap();
}

#[test]
fn json_numbers_are_refused_where_a_number_string_is_expected() {
    let t = common::tight_cert(); // W_star = 3
    let e = err(&with(&t, &["quantities", "4", "value"], json!(3)));
    assert_eq!(e.location, "quantity `W_star`");
    assert!(e.message.contains("`value`: the JSON number 3"), "{e}");
    assert!(e.message.contains("write \"3\""), "{e}");
    let s = common::surplus_cert();
    for (path, location) in [
        (&["instance", "buyer", "values", "0"][..], "instance"),
        (&["instance", "buyer", "probs", "0"][..], "instance"),
        (&["assertions", "0", "right"][..], "assertion 1"),
    ] {
        let e = err(&with(&s, path, json!(2)));
        assert!(e.location.starts_with(location), "{path:?}: {e}");
        assert!(e.message.contains("the JSON number 2"), "{path:?}: {e}");
    }
    // an allocation entry is a formula string (or a number string), never a JSON number
    let e = err(&with(
        &t,
        &["quantities", "0", "allocation", "1", "0"],
        json!(1),
    ));
    assert!(
        e.message.contains("`allocation`[1][0]: the JSON number 1"),
        "{e}"
    );
    // LP entries
    let l = common::lp_small_cert();
    let e = err(&with(&l, &["quantities", "1", "x", "tb(1)"], json!(1)));
    assert!(e.message.contains("`x.tb(1)`: the JSON number 1"), "{e}");
    // floats are not exact either
    let e = err(&with(&t, &["quantities", "4", "value"], json!(3.0)));
    assert!(e.message.contains("float"), "{e}");
}

#[test]
fn counts_may_be_json_integers() {
    // `buyers`, `index` and `degree_bound` are counts: JSON integers (as mechcert writes
    // them) or canonical number strings
    let x = common::example1_cert();
    assert!(x["quantities"][5]["buyers"].is_u64());
    check_evidence(&x).unwrap();
    let e = err(&with(&x, &["quantities", "4", "buyers"], json!("04")));
    assert!(
        e.message.contains("`04` is not canonical: write `4`"),
        "{e}"
    );
    let mut c = common::small_instance(1);
    c["buyers"] = json!("1");
    let mut s = common::surplus_cert();
    s["instance"] = c;
    check_evidence(&s).unwrap();
}

#[test]
fn non_canonical_instance_numbers_are_refused() {
    let s = common::surplus_cert(); // B = (2, 5), S = (1, 3), probabilities 1/2
    // the QA example: probabilities ["2/4", "1/2"]
    refused(
        &s,
        &["instance", "seller", "probs", "0"],
        "2/4",
        "1/2",
        "instance",
        "`seller.probs[0]`",
    );
    refused(
        &s,
        &["instance", "buyer", "values", "1"],
        "10/2",
        "5",
        "instance",
        "`buyer.values[1]`",
    );
    refused(
        &s,
        &["instance", "buyer", "values", "0"],
        "+2",
        "2",
        "instance",
        "`buyer.values[0]`",
    );
    // without a parameter a value is a number, not an expression
    let e = err(&with(
        &s,
        &["instance", "buyer", "values", "1"],
        json!("2 + 3"),
    ));
    assert!(e.message.contains("`buyer.values[1]`"), "{e}");
    assert!(e.message.contains("not an exact number"), "{e}");
    // with a parameter values may be polynomials, but a plain number is still canonical
    let f = common::family_cert();
    let mut c = f.clone();
    c["instance"]["buyer"]["values"][0] = json!("7*k + 0/3");
    check_evidence(&c).unwrap();
    let mut c = f.clone();
    c["instance"]["domain"] = json!("k > 1");
    c["instance"]["buyer"]["values"] = json!(["-7/7", "8k + 1", "9k + 1"]);
    let e = err(&c);
    assert!(
        e.message.contains("`-7/7` is not canonical: write `-1`"),
        "{e}"
    );
    // domain bounds
    let e = err(&with(&f, &["instance", "domain"], json!("k > 2/2")));
    assert_eq!(e.location, "instance");
    assert!(
        e.message
            .starts_with("domain `k > 2/2`: `2/2` is not canonical: write `1`"),
        "{e}"
    );
    // the instance's allocation (plain numbers)
    let mut c = common::tight_cert();
    c["instance"]["allocation"] = json!([["1", "0"], ["1", "1"]]);
    check_evidence(&c).unwrap();
    refused(
        &c,
        &["instance", "allocation", "0", "0"],
        "2/2",
        "1",
        "instance",
        "`allocation`[0][0]",
    );
}

#[test]
fn non_canonical_evidence_is_refused() {
    let l = common::lp_small_cert();
    refused(
        &l,
        &["quantities", "1", "x", "tb(2)"],
        "14/4",
        "7/2",
        "quantity `maxsurplus`",
        "`x.tb(2)`",
    );
    refused(
        &l,
        &["quantities", "1", "y", "ir_b(1)"],
        "1/1",
        "1",
        "quantity `maxsurplus`",
        "`y.ir_b(1)`",
    );
    let d = common::lp_deficit_cert();
    refused(
        &d,
        &["quantities", "5", "options", "welfare_at_least"],
        "90/32",
        "45/16",
        "quantity `maxpi`",
        "`options.welfare_at_least`",
    );
    let m = common::mechanism_cert();
    refused(
        &m,
        &["quantities", "3", "named", "alpha"],
        "2/4",
        "1/2",
        "quantity `bb`",
        "`named.alpha`",
    );
    refused(
        &m,
        &["quantities", "2", "value", "monotone", "min_slack"],
        "2/4",
        "1/2",
        "quantity `vcg`",
        "`value.monotone.min_slack`",
    );
    refused(
        &m,
        &["quantities", "0", "tables", "tb", "1", "1"],
        "05",
        "5",
        "quantity `tables`",
        "`tables.tb`[1][1]",
    );
    let f = common::family_cert();
    refused(
        &f,
        &["quantities", "2", "pieces", "1", "point"],
        "38/8",
        "19/4",
        "quantity `sign`",
        "",
    );
    refused(
        &f,
        &["quantities", "2", "pieces", "0", "open", "0"],
        "2/2",
        "1",
        "quantity `sign`",
        "",
    );
}

#[test]
fn literal_assertion_operands_are_canonical() {
    let s = common::surplus_cert(); // assertion 1: Pi eq "1/2"
    refused(
        &s,
        &["assertions", "0", "right"],
        "2/4",
        "1/2",
        "assertion 1",
        "`right`",
    );
    refused(
        &s,
        &["assertions", "0", "right"],
        "+1/2",
        "1/2",
        "assertion 1",
        "`right`",
    );
    refused(
        &s,
        &["assertions", "0", "left"],
        "-0",
        "0",
        "assertion 1",
        "`left`",
    );
    // a quantity cannot be named like a number, canonical or not
    for name in ["2/4", "7", "+1", "-0"] {
        let e = err(&with(&s, &["quantities", "2", "name"], json!(name)));
        assert!(
            e.message.contains("must not be empty or a number"),
            "{name}: {e}"
        );
    }
}

#[test]
fn expressions_are_not_plain_numbers() {
    // formulas, polynomials and allocation entries written as formulas may hold any
    // arithmetic: `4/8` there is an expression whose value is 1/2
    let mut c = common::surplus_cert();
    c["quantities"][2]["expr"] = json!("4/8");
    check_evidence(&c).unwrap();
    let mut c = common::family_cert();
    c["quantities"][4]["poly"] = json!("2/2");
    check_evidence(&c).unwrap();
    let mut c = common::tight_cert();
    c["quantities"][0]["allocation"][0][0] = json!("2/4");
    check_evidence(&c).unwrap();
}
