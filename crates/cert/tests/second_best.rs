//! The second best's certificate (`mechcert solve second-best`, claim id `second-best`), with
//! and without Section 8's ex post IR rows, on the instance where the two differ
//! (`proofs/ex-post-ir-gap-witness-seed1.toml`: W = 116/45 without ex post IR, 103/40 with it,
//! as `mechcert solve second-best [--ex-post-ir]` printed them when the fixtures were written).
//! Which model the checker rebuilds comes from the certificate's `options`; a certificate
//! moved to the other model must fail there.

use mechcert_cert::check_bytes;
use serde_json::Value;

const PLAIN: &[u8] = include_bytes!("fixtures/ex-post-ir-gap.second-best.cert.json");
const EX_POST_IR: &[u8] =
    include_bytes!("fixtures/ex-post-ir-gap.second-best-ex-post-ir.cert.json");

fn lp_quantity(c: &Value) -> &Value {
    c["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "second best")
        .expect("the LP quantity `second best`")
}

fn flipped(bytes: &[u8]) -> Vec<u8> {
    let mut c: Value = serde_json::from_slice(bytes).unwrap();
    for q in c["quantities"].as_array_mut().unwrap() {
        if q["name"] == "second best" {
            let set = q["options"]["ex_post_ir"].as_bool().unwrap_or(false);
            q["options"]["ex_post_ir"] = Value::Bool(!set);
        }
    }
    serde_json::to_vec(&c).unwrap()
}

#[test]
fn both_models_check_with_their_own_optimum() {
    for (bytes, ex_post_ir, welfare) in [(PLAIN, false, "116/45"), (EX_POST_IR, true, "103/40")] {
        let c: Value = serde_json::from_slice(bytes).unwrap();
        let q = lp_quantity(&c);
        assert_eq!(
            q["options"]["ex_post_ir"].as_bool().unwrap_or(false),
            ex_post_ir
        );
        assert_eq!(q["value"], welfare);
        let checked =
            check_bytes(bytes).unwrap_or_else(|e| panic!("{}: {}", e.location, e.message));
        assert_eq!(checked.claim, "second-best");
    }
}

#[test]
fn a_certificate_moved_to_the_other_model_fails() {
    // without ex post IR the optimum violates an ex post IR row; with it, the dual names rows
    // the model without them does not have
    for (bytes, needle) in [
        (PLAIN, "epir_b"),
        (EX_POST_IR, "is not a row of this model"),
    ] {
        let e = check_bytes(&flipped(bytes)).expect_err("moved to the other model");
        assert!(e.message.contains(needle), "{}: {}", e.location, e.message);
    }
}
