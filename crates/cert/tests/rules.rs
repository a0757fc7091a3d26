//! The verdict rule, and specific checks: floats and malformed numbers, one-point domains,
//! parameterised instances without `poly-identity`, orders that change on the domain,
//! division by zero, the profile limit, and malformed evidence.

mod common;

use mechcert_cert::{CertError, Verdict, check_evidence, check_file};
use serde_json::{Value, json};

fn err(c: &Value) -> CertError {
    check_evidence(c).expect_err("must be rejected")
}

fn with_assertions(mut c: Value, a: Value, verdict: &str) -> Value {
    c["assertions"] = a;
    c["verdict"] = json!(verdict);
    c
}

#[test]
fn verdict_rule() {
    let base = common::surplus_cert();
    // Pi = 1/2, Pi_vcg = -7/4
    let cond_false = json!({"role": "condition", "text": "VCG runs a surplus", "relation": "ge",
        "left": "Pi_vcg", "right": "0", "holds": false});
    let claim_false = json!({"role": "claim", "text": "Pi > 1", "relation": "gt",
        "left": "Pi", "right": "1", "holds": false});
    let claim_true = json!({"role": "claim", "text": "Pi > 0", "relation": "gt",
        "left": "Pi", "right": "0", "holds": true});

    let c = with_assertions(base.clone(), json!([claim_true, claim_false]), "fails");
    assert_eq!(check_evidence(&c).unwrap().verdict, Verdict::Fails);
    let c = with_assertions(base.clone(), json!([claim_true, claim_false]), "holds");
    let e = err(&c);
    assert_eq!(e.location, "verdict");
    assert!(e.message.contains("claim assertion 2 fails"), "{e}");

    // a failing condition makes the certificate not applicable, whatever the claims say
    let c = with_assertions(
        base.clone(),
        json!([cond_false, claim_true]),
        "not-applicable",
    );
    assert_eq!(check_evidence(&c).unwrap().verdict, Verdict::NotApplicable);
    let c = with_assertions(base.clone(), json!([cond_false, claim_true]), "holds");
    assert!(err(&c).message.contains("condition assertion 1"));
    let c = with_assertions(base.clone(), json!([claim_true]), "not-applicable");
    assert_eq!(err(&c).location, "verdict");

    // a certificate of non-applicability may stop at the failed condition
    let c = with_assertions(base.clone(), json!([cond_false]), "not-applicable");
    assert_eq!(check_evidence(&c).unwrap().verdict, Verdict::NotApplicable);
    // but without a failed condition, no claim at all proves nothing
    let cond_true = json!({"role": "condition", "text": "Pi is a surplus", "relation": "ge",
        "left": "Pi", "right": "0", "holds": true});
    let c = with_assertions(base, json!([cond_true]), "holds");
    assert!(err(&c).message.contains("no claim"));
}

#[test]
fn recorded_holds_must_match() {
    let mut c = common::surplus_cert();
    c["assertions"][0]["holds"] = json!(false);
    let e = err(&c);
    assert_eq!(e.location, "assertion 1 (`Pi is exactly 1/2`)");
    assert!(e.message.contains("recorded holds=false"), "{e}");
}

#[test]
fn floats_and_malformed_numbers_are_refused() {
    // (JSON integers and non-canonical fractions: tests/canonical.rs)
    for bad in [
        json!(0.5),
        json!("0.5"),
        json!("1/0"),
        json!(" 1/2"),
        json!("+1/2"),
        json!(null),
    ] {
        let mut c = common::surplus_cert();
        c["instance"]["buyer"]["probs"][0] = bad.clone();
        assert_eq!(err(&c).location, "instance", "{bad}");
        let mut c = common::surplus_cert();
        c["quantities"][0]["value"] = bad.clone();
        assert_eq!(err(&c).location, "quantity `Pi`", "{bad}");
    }
}

#[test]
fn instance_validation() {
    let cases: Vec<(&str, Value)> = vec![
        (
            "values not increasing",
            json!({"values": ["5", "2"], "probs": ["1/2", "1/2"]}),
        ),
        (
            "probabilities sum to 1",
            json!({"values": ["2", "5"], "probs": ["1/2", "1/3"]}),
        ),
        (
            "positive",
            json!({"values": ["2", "5"], "probs": ["0", "1"]}),
        ),
        ("lengths", json!({"values": ["2", "5"], "probs": ["1"]})),
        (
            "unknown key",
            json!({"values": ["2", "5"], "probs": ["1/2", "1/2"], "x": 1}),
        ),
    ];
    for (what, side) in cases {
        let mut c = common::surplus_cert();
        c["instance"]["buyer"] = side;
        assert_eq!(err(&c).location, "instance", "{what}");
    }
    let mut c = common::surplus_cert();
    c["instance"]["tie_break"] = json!("random");
    assert_eq!(err(&c).location, "instance");
    // a parameterised instance must increase on the whole domain: 8k + 1 < 9k needs k > 1
    let mut c = common::family_cert();
    c["instance"]["domain"] = json!("k > 0");
    c["instance"]["buyer"]["values"] = json!(["7k", "9k", "8k + 1"]);
    assert_eq!(err(&c).location, "instance");
}

fn at_k(k: &str) -> Value {
    json!({
        "name": "Example 2 at a point", "buyers": 1, "parameter": "k", "domain": format!("k = {k}"),
        "buyer": {"values": ["7k", "8k + 1", "9k + 1"], "probs": ["1/3", "1/3", "1/3"]},
        "seller": {"values": ["3k", "8k", "9k"], "probs": ["1/3", "1/3", "1/3"]}
    })
}

#[test]
fn one_point_domain_is_a_concrete_instance() {
    // Example 2 with one buyer: Π_1 = 1/3 for every k > 1; at k = 2: B = (14, 17, 19),
    // S = (6, 16, 18): (14,6): 14 - 6; (17,6): 14 - 16; (17,16): 17 - 16; (19,6): 14 - 18;
    // (19,16): 17 - 18; (19,18): 19 - 18; sum 3, times 1/9.
    let c = json!({
        "format": "mechcert-cert/1", "claim": "example-2", "section": "Sec. 5",
        "statement": "Π_1 = 1/3", "verdict": "holds", "reason": "hand",
        "instance": at_k("2"),
        "quantities": [
            {"name": "Pi1", "kind": "vcg-prime-surplus", "value": "1/3"},
            {"name": "kk", "kind": "formula", "expr": "k^2 + B1", "value": "18"}
        ],
        "assertions": [{"role": "claim", "text": "Π_1 = 1/3", "relation": "eq",
                        "left": "Pi1", "right": "1/3", "holds": true}]
    });
    check_evidence(&c).unwrap();
    let mut wide = c.clone();
    wide["instance"]["domain"] = json!("k > 1");
    let e = err(&wide);
    assert_eq!(e.location, "quantity `Pi1`");
    assert!(e.message.contains("poly-identity"), "{e}");
}

#[test]
fn poly_identity_needs_a_constant_order() {
    // on 0 < k < 2, 8k + 1 and 9k cross at k = 1: Π_2 is not one polynomial there
    let mut c = common::family_cert();
    c["instance"]["domain"] = json!("1/2 < k < 2");
    c["quantities"] = json!([{"name": "Pi2", "kind": "poly-identity", "poly": "19/27 - 4/27*k",
        "of": {"kind": "vcg-prime-surplus"}, "degree_bound": 1, "value": true}]);
    c["assertions"] = json!([{"role": "claim", "text": "identity", "relation": "is",
        "left": "Pi2", "right": "true", "holds": true}]);
    let e = err(&c);
    assert_eq!(e.location, "quantity `Pi2`", "{e}");
    // welfare of the zero allocation is 0 at every sample point, but the checker cannot
    // prove it is one polynomial on a domain where the order of values changes
    c["quantities"] = json!([{"name": "Pi2", "kind": "poly-identity", "poly": "0",
        "of": {"kind": "welfare", "allocation": [["0", "0", "0"], ["0", "0", "0"], ["0", "0", "0"]]},
        "degree_bound": 1, "value": true}]);
    c["instance"]["buyers"] = json!(1);
    let e = err(&c);
    assert!(e.message.contains("cannot prove"), "{e}");
    // the checker's own degree bound beats a smaller recorded one
    let mut c = common::family_cert();
    c["instance"]["buyer"]["values"][2] = json!("k^2 + 9k + 1");
    c["quantities"] = json!([{"name": "g", "kind": "poly-identity", "poly": "1",
        "of": {"kind": "welfare"}, "degree_bound": 1, "value": true}]);
    assert!(err(&c).message.contains("degree"));
}

#[test]
fn formula_errors() {
    for (expr, what) in [
        ("B1 / (S2 - S2)", "division by zero"),
        ("B7", "index out of range"),
        ("Q1", "unknown symbol"),
        ("B1 +", "unexpected end"),
        ("k", "unknown symbol"),
    ] {
        let mut c = common::surplus_cert();
        c["quantities"][2]["expr"] = json!(expr);
        let e = err(&c);
        assert_eq!(e.location, "quantity `Pi_formula`");
        assert!(e.message.contains(what), "{expr}: {e}");
    }
}

#[test]
fn profile_limit_is_a_clear_error() {
    // 2^24 * 2 profiles > 10^7: the mechanism's properties need every profile
    let mut c = common::two_buyer_cert();
    c["instance"]["buyers"] = json!(24);
    c["quantities"] = json!([c["quantities"][2].clone()]);
    c["assertions"] = json!([c["assertions"][2].clone()]);
    let e = err(&c);
    assert_eq!(e.location, "quantity `vcgp`");
    assert!(e.message.contains("exceed the limit"), "{e}");
    c["instance"]["buyers"] = json!(1000);
    assert!(err(&c).message.contains("too many to enumerate"));
}

#[test]
fn many_buyers_by_multisets() {
    // Example 1 with I = 24 and 1000 buyers (beyond the profile enumeration): Π_I = 1 -
    // (1/2)^(I-1), checked against the formula with the instance's I
    let mut c = common::example1_cert();
    for (buyers, pi) in [(24, "8388607/8388608"), (1000, "")] {
        c["instance"]["buyers"] = json!(buyers);
        c["quantities"] = json!([
            {"name": "Pi", "kind": "vcg-prime-surplus", "value": pi},
            {"name": "closed", "kind": "formula", "expr": "1 - (1/2)^(I - 1)", "value": "0"}
        ]);
        c["assertions"] = json!([{"role": "claim", "text": "Π_I", "relation": "eq",
            "left": "Pi", "right": "closed", "holds": true}]);
        // the recorded values are filled in from the error messages' recomputed values
        let closed = mechcert_cert::fmt_rat(
            &(mechcert_cert::parse_rat("1").unwrap()
                - mechcert_cert::parse_rat(&format!(
                    "1/{}",
                    num_bigint::BigInt::from(2).pow(buyers - 1)
                ))
                .unwrap()),
        );
        if !pi.is_empty() {
            assert_eq!(closed, pi);
        }
        c["quantities"][0]["value"] = json!(closed);
        c["quantities"][1]["value"] = json!(closed);
        check_evidence(&c).unwrap_or_else(|e| panic!("I = {buyers}: {e}"));
        // one off in the last place is caught
        c["quantities"][0]["value"] = json!(format!("{closed}1"));
        assert!(err(&c).message.contains("differs"), "I = {buyers}");
    }
    // beyond the limits: more buyers than an instance may have, too many multisets
    c["instance"]["buyers"] = json!(10_001);
    c["quantities"][0]["value"] = json!("1");
    let e = err(&c);
    assert!(e.message.contains("at most 10000"), "{e}");
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    c["instance"]["buyers"] = json!(5000);
    c["instance"]["buyer"] = json!({"values": ["1", "2", "4"], "probs": ["1/3", "1/3", "1/3"]});
    let e = err(&c);
    assert!(e.message.contains("multisets of 5000 buyers"), "{e}");
    // within the multiset limit, the work is charged before it runs: 2000 buyers over B =
    // (1/2, 2, 2^100), all 1/3, and S = (0, 3), both 1/2, have C(2002, 2) * 2 = 4,006,002
    // multisets times sellers; each multiplies a weight of I * bits(D_B = 3) = 4000 bits by
    // numbers of bits(D_S = 2) + bits(lcm of the values' denominators, 2) + bits(2^100) = 2 +
    // 2 + 101 = 105 bits, and costs 2 m + op_work(4000, 105) = 6 + 1 + 63 * 2 = 133 units:
    // 532,798,266
    c["instance"]["buyers"] = json!(2000);
    c["instance"]["buyer"] = json!({"values": ["1/2", "2", "1267650600228229401496703205376"],
                                    "probs": ["1/3", "1/3", "1/3"]});
    c["instance"]["seller"] = json!({"values": ["0", "3"], "probs": ["1/2", "1/2"]});
    let e = err(&c);
    assert!(
        e.message.contains(
            "Π for 2000 buyers by enumerating 4006002 multisets of types times sellers would take about 532798266 work units"
        ),
        "{e}"
    );
}

#[test]
fn lp_evidence_errors() {
    let base = common::lp_small_cert();
    let mut c = base.clone();
    c["quantities"][1]["y"]["nope"] = json!("1");
    assert!(err(&c).message.contains("not a row"));
    let mut c = base.clone();
    c["quantities"][1]["x"]["x(1,1)"] = json!("1");
    assert!(err(&c).message.contains("not a variable"));
    let mut c = base.clone();
    c["quantities"][1]["y"]["ir_b(2)"] = json!("-1");
    assert!(err(&c).message.contains("negative"));
    let mut c = base.clone();
    c["quantities"][1]["model"] = json!("min-surplus");
    assert!(err(&c).message.contains("unknown model"));
    let mut c = base.clone();
    c["quantities"][1]["options"] = json!({"pi": "ge"});
    assert!(err(&c).message.contains("not an option"));
    let mut c = base.clone();
    c["quantities"][2]["status"] = json!("infeasible");
    assert!(err(&c).message.contains("takes no `x`"));
    // a feasible point is not a Farkas certificate: an empty y proves nothing
    let mut c = base;
    c["quantities"][2]["status"] = json!("infeasible");
    c["quantities"][2]["x"] = json!({});
    c["quantities"][2]["value"] = json!(false);
    assert!(err(&c).message.contains("Farkas"));
}

#[test]
fn allocation_option_and_free_ties() {
    // B = (1, 10), S = (1, 9) with a tie B1 = S1 (seller keeps the good): x* = [[0, 0], [1, 1]].
    // With free_ties the tie cell x(1,1) is a variable. Feasible point: x(1,1) = 0,
    // t = [[0, 0], [19/2, 19/2]]: xb = (0, 1), xs = (1/2, 1/2), tb = (0, 19/2),
    // ts = (19/4, 19/4). ic_b(1,2): 1 - 19/2 <= 0; ic_b(2,1): -10 + 19/2 <= 0; ir_b: 0 <= 0,
    // 19/2 <= 10; ic_s: 0 and 0; ir_s(1): 1/2 <= 19/4; ir_s(2): 9/2 <= 19/4.
    let inst = json!({"name": "tie", "buyers": 1, "tie_break": "lowest-index",
        "seller_ties": "no-trade",
        "buyer": {"values": ["1", "10"], "probs": ["1/2", "1/2"]},
        "seller": {"values": ["1", "9"], "probs": ["1/2", "1/2"]}});
    let c = json!({
        "format": "mechcert-cert/1", "claim": "second-best", "section": "s", "statement": "s",
        "verdict": "holds", "reason": "r", "instance": inst,
        "quantities": [
            {"name": "bb", "kind": "lp", "model": "bb-feasible",
             "options": {"free_ties": true, "allocation": [["0", "0"], ["1", "1"]]},
             "status": "feasible",
             "x": {"t(2,1)": "19/2", "t(2,2)": "19/2", "x(1,1)": "0"}, "value": true}
        ],
        "assertions": [{"role": "claim", "text": "feasible", "relation": "is", "left": "bb",
                        "right": "true", "holds": true}]
    });
    check_evidence(&c).unwrap();
    let mut bad = c.clone();
    bad["quantities"][0]["options"]["free_ties"] = json!(false);
    assert!(err(&bad).message.contains("not a variable"));
    let mut bad = c;
    // t(2,1) = 21/2: ts = (21/4, 19/4) and ic_s(2,1) = -19/4 + 9/2 + 21/4 - 9/2 = 1/2 > 0
    bad["quantities"][0]["x"]["t(2,1)"] = json!("21/2");
    let e = err(&bad);
    assert!(
        e.message
            .contains("row `ic_s(2,1)`: left side 1/2 > right side 0"),
        "{e}"
    );
}

#[test]
fn check_file_reads_json() {
    let dir = std::env::temp_dir().join(format!("mechcert-cert-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ok = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../proofs/certificates/theorem-4-deficit.theorem-3.cert.json");
    assert_eq!(check_file(&ok).unwrap().claim, "theorem-3");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    // an unreadable certificate is located at its path (which names the file), as input
    let e = check_file(&bad).unwrap_err();
    assert!(e.message.contains("not valid JSON"), "{e}");
    assert_eq!(e.location, bad.display().to_string());
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    let missing = dir.join("missing.json");
    let e = check_file(&missing).unwrap_err();
    assert_eq!(e.location, missing.display().to_string());
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `example1_cert` with quantity `name`'s expression replaced.
fn example1_with_expr(name: &str, expr: &str) -> Value {
    let mut c = common::example1_cert();
    for q in c["quantities"].as_array_mut().unwrap() {
        if q["name"] == name {
            q["expr"] = json!(expr);
        }
    }
    c
}

#[test]
fn references_to_earlier_numeric_quantities_only() {
    // `closed40` (10th) = {Pi1} + 1 - (1/2)^39; `recursion` comes after it, `hp` is boolean
    for (expr, what) in [
        ("{recursion}", "comes later in the certificate"),
        ("{closed40}", "cannot refer to itself"),
        ("{Nope}", "no quantity named `Nope`"),
        ("{hp}", "is not a number (it is false)"),
        ("{}", "is not a quantity reference"),
        ("{Pi1 + 1", "without a closing `}`"),
    ] {
        let e = err(&example1_with_expr("closed40", expr));
        assert_eq!(e.location, "quantity `closed40`", "{expr}: {e}");
        assert!(e.message.contains(what), "{expr}: {e}");
    }
    // the same value through a reference: {Pi40} is 1 - (1/2)^39; implicit multiplication
    // with a reference: 2{Pi1} = 0
    let c = example1_with_expr("closed40", "{Pi40} + 2{Pi1}");
    check_evidence(&c).unwrap();
    // no references in instance values: without a parameter a value is a plain number, with
    // one a polynomial in the parameter only
    let mut c = common::example1_cert();
    c["instance"]["buyer"]["values"][1] = json!("{Pi1} + 4");
    let e = err(&c);
    assert_eq!(e.location, "instance");
    assert!(e.message.contains("not an exact number"), "{e}");
    let mut c = common::family_cert();
    c["instance"]["buyer"]["values"][1] = json!("{Pi2} + 8k + 1");
    let e = err(&c);
    assert_eq!(e.location, "instance");
    assert!(e.message.contains("not allowed here"), "{e}");
}

#[test]
fn functions_and_exponents() {
    // valid: m = n = 2, I = 3; profiles = m^I*n = 16
    for (expr, value) in [
        ("(m + n)^(I - 1)", "16"),
        ("0^0 + 16 - 1", "16"),
        ("2^(m^2)", "16"),
        ("max(16)", "16"),
        ("min(2^4, 2^5, 17)", "16"),
        ("4^FB(B2)*4", "16"),
        ("max(-16, min(16, 20))", "16"),
    ] {
        let c = example1_with_expr("profiles", expr);
        check_evidence(&c).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let mut c = c;
        c["quantities"][8]["value"] = json!("17");
        assert!(err(&c).message.contains("differs"), "{expr} = {value}");
    }
    for (expr, what) in [
        ("2^(1/2)", "is 1/2, not a non-negative integer"),
        ("2^(0 - 1)", "is -1, not a non-negative integer"),
        ("2^-1", "`^` needs an exponent"),
        ("2^3^2", "chained powers"),
        ("2^(10^7)", "too large (at most 1000000)"),
        ("(10^9999)^(10^6)", "beyond the limit of 131072 bits"),
        ("min()", "unexpected `)`"),
        ("FB(1, 2)", "`FB` takes 1 argument, found 2"),
        ("x(1, 2, 3)", "`x` takes 2 arguments, found 3"),
        ("x(1, 1)", "needs an `allocation` field"),
        ("xb(1)", "needs an `allocation` field"),
        ("max(1, 2", "missing `)`"),
        ("1, 2", "unexpected `,` after the end"),
        ("J", "unknown symbol `J`"),
    ] {
        let e = err(&example1_with_expr("profiles", expr));
        assert_eq!(e.location, "quantity `profiles`", "{expr}: {e}");
        assert!(e.message.contains(what), "{expr}: {e}");
    }
    // 2^60000 is within the limits (exact, 60001 bits), and so is their difference
    let mut c = example1_with_expr("profiles", "2^60000 - 2^60000 + 16");
    check_evidence(&c).unwrap();
    // 2^70000 is not (2 bits times 70000), and it is refused as beyond the limits
    c["quantities"][8]["expr"] = json!("2^70000 - 2^70000 + 16");
    let e = err(&c);
    assert!(e.message.contains("beyond the limit of 131072 bits"), "{e}");
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    c["quantities"][8]["expr"] = json!("2^60000 - 2^60000 + 16");
    check_evidence(&c).unwrap();
    // min/max of values whose order changes on the domain: 9k and 8k + 1 cross at k = 1, so
    // the checker cannot prove the (zero) difference is a polynomial there
    c = common::family_cert();
    c["instance"]["domain"] = json!("1/2 < k < 2");
    c["quantities"] = json!([{"name": "mm", "kind": "poly-identity", "poly": "0",
        "of": {"kind": "formula", "expr": "max(S3, B2) - max(B2, S3)"}, "degree_bound": 1,
        "value": true}]);
    c["assertions"] = json!([{"role": "claim", "text": "max", "relation": "is",
        "left": "mm", "right": "true", "holds": true}]);
    let e = err(&c);
    assert!(e.message.contains("the order inside max changes"), "{e}");
}

#[test]
fn allocation_entries_as_formulas() {
    let base = common::tight_interim_cert();
    // an entry outside [0, 1]: B1 = 2
    let mut c = base.clone();
    c["quantities"][0]["allocation"][0][0] = json!("B1");
    let e = err(&c);
    assert_eq!(e.location, "quantity `tb1`");
    assert!(
        e.message
            .contains("`allocation`[0][0]: 2 is not a probability"),
        "{e}"
    );
    // allocation symbols are not available inside an allocation
    c = base.clone();
    c["quantities"][0]["allocation"][0][0] = json!("x(1,1)");
    assert!(err(&c).message.contains("needs an `allocation` field"));
    // in an LP option
    c = base.clone();
    c["quantities"][13]["options"]["allocation"][1][1] = json!("-1/(m+2)");
    let e = err(&c);
    assert_eq!(e.location, "quantity `lp_x`");
    assert!(
        e.message.contains("`options.allocation`[1][1]: -1/4"),
        "{e}"
    );
    // a float is not exact
    c = base;
    c["quantities"][6]["allocation"][0][1] = json!(0.5);
    assert!(err(&c).message.contains("float"));

    // symbolic entries: on 1 < k < 2, k - 1 lies strictly inside (0, 1), so x(1,1) = k - 1
    // is a polynomial identity; on 1 <= k < 2 it touches 0 at k = 1 and the checker cannot
    // prove the entry is a probability on the whole domain
    let zero = json!(["0", "0", "0"]);
    let alloc = json!([["k - 1", "0", "0"], zero, zero]);
    let mut c = common::family_cert();
    c["instance"]["domain"] = json!("1 < k < 2");
    c["quantities"] = json!([{"name": "x11", "kind": "poly-identity", "poly": "k - 1",
        "of": {"kind": "formula", "allocation": alloc, "expr": "x(1,1) + 0*xs(3)"},
        "degree_bound": 1, "value": true}]);
    c["assertions"] = json!([{"role": "claim", "text": "x", "relation": "is",
        "left": "x11", "right": "true", "holds": true}]);
    check_evidence(&c).unwrap();
    let mut wrong = c.clone();
    wrong["quantities"][0]["poly"] = json!("k");
    wrong["quantities"][0]["value"] = json!(false);
    wrong["assertions"][0]["right"] = json!("false");
    check_evidence(&wrong).unwrap();
    let mut closed = c.clone();
    closed["instance"]["domain"] = json!("1 <= k < 2");
    let e = err(&closed);
    assert!(e.message.contains("strictly between 0 and 1"), "{e}");
    // the tight surplus of x is Σ pB pS (t_b - t_s) with x(1,1) = k - 1 and B1 = 7k: degree
    // 2, so degree_bound 1 is below the checker's bound; with one buyer and degree_bound 2:
    // t_b(B1,S1) = 7k(k - 1), t_b(B2,S1) = t_b(B3,S1) = 7k(k - 1) - (8k + 1)(k - 1),
    // t_s(B1,S1) = 3k(k - 1); Π = (1/9)[7k(k-1) + 2(-k - 1)(k - 1) - 3k(k - 1)] =
    // (1/9)(k - 1)(2k - 2) = (2/9)(k - 1)^2
    let mut c = common::family_cert();
    c["instance"]["domain"] = json!("1 < k < 2");
    c["instance"]["buyers"] = json!(1);
    c["quantities"] = json!([{"name": "pi", "kind": "poly-identity", "poly": "0",
        "of": {"kind": "tight-surplus", "allocation": alloc}, "degree_bound": 1,
        "value": false}]);
    c["assertions"] = json!([{"role": "claim", "text": "Π", "relation": "is",
        "left": "pi", "right": "false", "holds": true}]);
    let e = err(&c);
    assert!(
        e.message
            .contains("degree_bound 1 is below the checker's bound 2"),
        "{e}"
    );
    c["quantities"][0]["poly"] = json!("2/9*(k - 1)^2");
    c["quantities"][0]["value"] = json!(true);
    c["assertions"] = json!([{"role": "claim", "text": "Π", "relation": "is",
        "left": "pi", "right": "true", "holds": true}]);
    c["quantities"][0]["degree_bound"] = json!(2);
    check_evidence(&c).unwrap();
    c["quantities"][0]["poly"] = json!("2/9*(k - 1)^2 + 1/100");
    assert!(err(&c).message.contains("recorded value true"));
}

#[test]
fn tight_interim_errors() {
    let base = common::tight_interim_cert();
    for (field, v, what) in [
        ("side", json!("both"), "`both` is not `buyer` or `seller`"),
        ("side", json!(1), "expected a string"),
        ("index", json!(0), "0 is out of range 1..2"),
        ("index", json!(3), "3 is out of range 1..2"),
        ("index", json!("1/2"), "whole number"),
        (
            "extra",
            json!(1),
            "unknown field `extra` for kind `tight-interim`",
        ),
    ] {
        let mut c = base.clone();
        c["quantities"][0][field] = v;
        let e = err(&c);
        assert_eq!(e.location, "quantity `tb1`");
        assert!(e.message.contains(what), "{field}: {e}");
    }
    let mut c = base.clone();
    c["quantities"][0].as_object_mut().unwrap().remove("side");
    assert!(err(&c).message.contains("missing field `side`"));
    // the tight transfers are for one buyer
    let mut c = base;
    c["instance"]["buyers"] = json!(2);
    assert!(err(&c).message.contains("is for one buyer"));
}

#[test]
fn surplus_overrides() {
    let base = common::example1_cert();
    // Pi4 (5th): buyers "4", tie_break highest-index
    for (field, v, what) in [
        ("buyers", json!(0), "needs at least one buyer"),
        ("buyers", json!("1/2"), "whole number"),
        ("buyers", json!(2_000_000), "too large"),
        ("buyers", json!(10_001), "at most 10000"),
        ("tie_break", json!("random"), "unknown rule `random`"),
        ("allocation", json!([["1"]]), "unknown field `allocation`"),
    ] {
        let mut c = base.clone();
        c["quantities"][4][field] = v;
        let e = err(&c);
        assert_eq!(e.location, "quantity `Pi4`");
        assert!(e.message.contains(what), "{field}: {e}");
    }
    // the override, not the instance, decides: with 5 buyers Π_5 = 15/16
    let mut c = base.clone();
    c["quantities"][4]["buyers"] = json!(5);
    assert!(err(&c).message.contains("recomputed value `15/16`"));
    // VCG with two buyers by multisets agrees with enumeration: also beyond the limit
    let mut c = base;
    c["quantities"][6]["buyers"] = json!(30);
    // -30/2^29 = -15/2^28
    c["quantities"][6]["value"] = json!("-15/268435456");
    check_evidence(&c).unwrap();
}

#[test]
fn case_assertions_do_not_decide_the_verdict() {
    let base = common::surplus_cert();
    // Pi = 1/2, Pi_vcg = -7/4
    let case_false = json!({"role": "case", "text": "VCG runs a surplus", "relation": "ge",
        "left": "Pi_vcg", "right": "0", "holds": false});
    let case_true = json!({"role": "case", "text": "VCG' runs a surplus", "relation": "gt",
        "left": "Pi", "right": "0", "holds": true});
    let claim_true = json!({"role": "claim", "text": "Pi > 0", "relation": "gt",
        "left": "Pi", "right": "0", "holds": true});
    let claim_false = json!({"role": "claim", "text": "Pi > 1", "relation": "gt",
        "left": "Pi", "right": "1", "holds": false});
    for cases in [
        json!([case_false]),
        json!([case_true]),
        json!([case_false, case_true]),
    ] {
        let mut a = cases.as_array().unwrap().clone();
        a.push(claim_true.clone());
        let c = with_assertions(base.clone(), json!(a), "holds");
        assert_eq!(check_evidence(&c).unwrap().verdict, Verdict::Holds);
        let c = with_assertions(base.clone(), json!(a), "not-applicable");
        assert!(err(&c).message.contains("every condition and every claim"));
        a.push(claim_false.clone());
        let c = with_assertions(base.clone(), json!(a), "fails");
        assert_eq!(check_evidence(&c).unwrap().verdict, Verdict::Fails);
    }
    // a case is still checked
    let mut wrong = case_false.clone();
    wrong["holds"] = json!(true);
    let c = with_assertions(base.clone(), json!([wrong, claim_true]), "holds");
    let e = err(&c);
    assert_eq!(e.location, "assertion 1 (`VCG runs a surplus`)");
    assert!(e.message.contains("recorded holds=true"), "{e}");
    // cases alone claim nothing
    let c = with_assertions(base.clone(), json!([case_true]), "holds");
    assert!(err(&c).message.contains("no claim"));
    let mut bad = case_true;
    bad["role"] = json!("cases");
    let c = with_assertions(base, json!([bad, claim_true]), "holds");
    assert!(
        err(&c)
            .message
            .contains("\"condition\", \"claim\" or \"case\"")
    );
}

#[test]
fn has_parameter_and_reserved_names() {
    let mut c = common::family_cert();
    c["quantities"][5]["value"] = json!(false);
    let e = err(&c);
    assert_eq!(e.location, "quantity `hp`");
    assert!(e.message.contains("recorded value false"), "{e}");
    let mut c = common::family_cert();
    c["quantities"][5]["buyers"] = json!(1);
    assert!(err(&c).message.contains("unknown field `buyers`"));
    // names of formula symbols and functions cannot be the parameter
    for p in [
        "m", "n", "I", "min", "max", "x", "xb", "xs", "FB", "B1", "pS2",
    ] {
        let mut c = common::family_cert();
        c["instance"]["parameter"] = json!(p);
        let e = err(&c);
        assert_eq!(e.location, "instance", "{p}");
        assert!(
            e.message.contains("not a usable parameter name"),
            "{p}: {e}"
        );
    }
}

/// A certificate on `instance` with the one quantity `q` and one claim that `q` has its
/// recorded value (`is` for a boolean, `eq` for a number).
fn one_quantity(instance: Value, q: Value) -> Value {
    let (relation, right) = match &q["value"] {
        Value::Bool(b) => ("is", json!(b.to_string())),
        v => ("eq", v.clone()),
    };
    let mut c = common::surplus_cert();
    c["instance"] = instance;
    c["assertions"] = json!([{"role": "claim", "text": "q", "relation": relation,
                              "left": q["name"], "right": right, "holds": true}]);
    c["quantities"] = json!([q]);
    c
}

#[test]
fn a_parameter_name_is_letters_digits_and_underscores() {
    let with = |p: &str| {
        let mut inst = common::small_instance(1);
        inst["parameter"] = json!(p);
        inst["domain"] = json!(format!("{p} > 1"));
        let hp = json!({"name": "hp", "kind": "has-parameter", "value": true});
        check_evidence(&one_quantity(inst, hp))
    };
    for ok in ["k_1", "alpha", "k2"] {
        with(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for bad in ["k-1", "_k", "2k", "k.1"] {
        let e = with(bad).unwrap_err();
        assert!(
            e.message.contains("not a usable parameter name"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn a_market_has_at_most_20000_profiles() {
    // nine buyers and one seller with 3 values each: 3^10 = 59,049 profiles > 20,000
    let agent = json!({"values": ["1", "2", "3"], "probs": ["1/3", "1/3", "1/3"]});
    let inst = json!({
        "name": "market", "tie_break": "lowest-index", "seller_ties": "no-trade",
        "buyer": [{"values": ["1", "2", "3"], "probs": ["1/3", "1/3", "1/3"], "count": 8},
                  {"values": ["1", "2", "4"], "probs": ["1/3", "1/3", "1/3"]}],
        "seller": [agent]
    });
    let pi = json!({"name": "Pi", "kind": "market-surplus", "mechanism": "vcg", "value": "0"});
    let e = err(&one_quantity(inst, pi));
    assert!(
        e.message
            .contains("the market has more than 20000 report profiles"),
        "{e}"
    );
}

/// An instance of `m` x `n` types (m, n >= 2): buyer values 1/2, 3/2, .., seller values 0, 1,
/// .., uniform probabilities; one quantity, `q`, and one claim that it has its value.
fn wide_cert(m: usize, n: usize, q: Value) -> Value {
    let vals = |k: usize, f: &dyn Fn(usize) -> String| (0..k).map(f).collect::<Vec<_>>();
    let mut inst = common::small_instance(1);
    inst["buyer"] = json!({
        "values": vals(m, &|i| format!("{}/2", 2 * i + 1)),
        "probs": vals(m, &|_| format!("1/{m}")),
    });
    inst["seller"] = json!({
        "values": vals(n, &|j| j.to_string()),
        "probs": vals(n, &|_| format!("1/{n}")),
    });
    one_quantity(inst, q)
}

#[test]
fn the_type_limit_and_the_table_work_are_clear_errors() {
    // 20000 values per side is the limit (FORMAT.md, Limits): m = 20000 loads and the formula
    // m is 20000; 20001 values are refused as input
    let m = json!({"name": "m", "kind": "formula", "expr": "m", "value": "20000"});
    check_evidence(&wide_cert(20_000, 2, m)).unwrap();
    let m = json!({"name": "m", "kind": "formula", "expr": "m", "value": "20001"});
    let e = err(&wide_cert(20_001, 2, m));
    assert_eq!(e.location, "instance");
    assert!(
        e.message
            .contains("`buyer.values`: 20001 values are more than the limit of 20000 per side"),
        "{e}"
    );
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    // a table quantity (Π(x) of the tight transfers) is charged about m n (m + n + 1)
    // operations before it runs: on 300 x 300 types that is 300 * 300 * 601 = 54,090,000 >
    // 15,000,000, the budget, and it is refused at once, naming the kind and the shape; a
    // formula is not charged for tables (it charges its own work): m is 300
    let x = vec![vec!["1"; 300]; 300];
    let pi = json!({"name": "Pi", "kind": "tight-surplus", "allocation": x, "value": "0"});
    let e = err(&wide_cert(300, 300, pi));
    assert!(
        e.message
            .contains("a quantity of kind `tight-surplus` on 300 x 300 types would take about"),
        "{e}"
    );
    assert_eq!(e.kind, mechcert_cert::ErrorKind::Input);
    let m = json!({"name": "m", "kind": "formula", "expr": "m", "value": "300"});
    check_evidence(&wide_cert(300, 300, m)).unwrap();
    // the charge grows with the size of the numbers: on 100 x 100 types with the last buyer
    // value (2^101 + 1)/2 (102 + 2 bits, the longest number), m n (m + n + 1) op_work(2 * 104,
    // 104) = 10,000 * 201 * (1 + 4 * 2) = 18,090,000 units
    let x = vec![vec!["1"; 100]; 100];
    let pi = json!({"name": "Pi", "kind": "tight-surplus", "allocation": x, "value": "0"});
    let mut c = wide_cert(100, 100, pi);
    c["instance"]["buyer"]["values"][99] = json!("2535301200456458802993406410753/2");
    let e = err(&c);
    assert!(
        e.message.contains(
            "a quantity of kind `tight-surplus` on 100 x 100 types would take about 18090000 work units"
        ),
        "{e}"
    );
}

#[test]
fn a_market_side_has_at_most_twelve_agents() {
    // two groups of identical buyers, 6 and `count`, and two sellers; J = 2 either way
    let market = |count: u64| {
        let inst = json!({
            "name": "market", "tie_break": "lowest-index", "seller_ties": "no-trade",
            "buyer": [{"values": ["4", "10"], "probs": ["1/2", "1/2"], "count": 6},
                      {"values": ["5", "11"], "probs": ["1/2", "1/2"], "count": count}],
            "seller": [{"values": ["1", "7"], "probs": ["1/2", "1/2"]},
                       {"values": ["3", "9"], "probs": ["1/2", "1/2"]}]
        });
        one_quantity(
            inst,
            json!({"name": "J", "kind": "market-sellers", "value": "2"}),
        )
    };
    check_evidence(&market(6)).unwrap();
    let e = err(&market(7));
    assert_eq!(e.location, "instance");
    assert!(
        e.message.contains("a market has 1 to 12 agents per side"),
        "{e}"
    );
}

#[test]
fn verifying_an_lp_is_charged_by_the_size_of_its_numbers() {
    // the primal point of the small LP with one value 10^9000 (29,898 + 1 bits): checking it
    // is charged (non-zeros) * 2 * op_work(4 v, v), v >= 29,899 bits, at least 2 * (1 + 1869 *
    // 468) = 1,749,386 units per non-zero; its 8 rows have at least 16 (a coefficient and the
    // row's own entry each): over 27,000,000 > 15,000,000, the budget, so it is refused before
    // any arithmetic
    let mut c = common::lp_small_cert();
    let long = format!("1{}", "0".repeat(9000));
    c["quantities"][1]["x"]["tb(1)"] = json!(long);
    let e = err(&c);
    assert!(e.message.contains("verifying an LP with"), "{e}");
    assert!(
        e.message
            .contains("beyond what is left of the checker's budget"),
        "{e}"
    );
}

#[test]
fn a_mechanism_table_entry_must_be_a_probability() {
    // the mechanism given by tables of `mechanism_cert` with x(1,1) = 3/2 or -1/2: no
    // probability of trade
    for cell in ["3/2", "-1/2"] {
        let mut c = common::mechanism_cert();
        let q = c["quantities"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|q| q.get("tables").is_some())
            .unwrap();
        q["tables"]["x"][0][0] = json!(cell);
        let e = err(&c);
        assert!(
            e.message.contains(&format!(
                "`tables.x`[0][0] = {cell} is not a probability of trade (0 to 1)"
            )),
            "{e}"
        );
    }
}
