//! Malformed certificates are clear errors, never panics: missing keys, a wrong format
//! string, bad numbers, wrong types, and (proptest) arbitrary mutations of valid
//! certificates: deleting a key or element, or replacing any node with arbitrary JSON.

mod common;

use mechcert_cert::check_evidence;
use proptest::prelude::*;
use serde_json::{Value, json};

#[test]
fn missing_top_level_keys() {
    for key in [
        "format",
        "claim",
        "section",
        "statement",
        "verdict",
        "reason",
        "instance",
        "quantities",
        "assertions",
    ] {
        let mut c = common::surplus_cert();
        c.as_object_mut().unwrap().remove(key);
        let e = check_evidence(&c).expect_err(key);
        assert_eq!(e.location, key, "{key}: {e}");
        assert!(e.message.contains("missing"), "{key}: {e}");
    }
}

#[test]
fn wrong_format_and_types() {
    let mut c = common::surplus_cert();
    c["format"] = json!("mechcert-cert/2");
    let e = check_evidence(&c).unwrap_err();
    assert_eq!(
        e.to_string(),
        "format: `mechcert-cert/2` is not `mechcert-cert/1`"
    );
    for v in [json!(null), json!([]), json!(3), json!("cert")] {
        assert!(check_evidence(&v).is_err());
    }
    let mut c = common::surplus_cert();
    c["quantities"] = json!({});
    assert_eq!(check_evidence(&c).unwrap_err().location, "quantities");
    let mut c = common::surplus_cert();
    c["extra"] = json!(1);
    assert!(
        check_evidence(&c)
            .unwrap_err()
            .message
            .contains("unknown key `extra`")
    );
    let mut c = common::surplus_cert();
    c["quantities"][0]["kind"] = json!("magic");
    assert!(
        check_evidence(&c)
            .unwrap_err()
            .message
            .contains("unknown kind")
    );
    let mut c = common::surplus_cert();
    c["quantities"][1]["name"] = json!("Pi");
    assert!(check_evidence(&c).unwrap_err().message.contains("twice"));
    let mut c = common::surplus_cert();
    c["quantities"][0]["value"] = json!("one half");
    let e = check_evidence(&c).unwrap_err();
    assert_eq!(e.location, "quantity `Pi`");
    assert!(e.message.contains("not an exact number"), "{e}");
    let mut c = common::surplus_cert();
    c["assertions"][1]["right"] = json!("Nope");
    assert!(
        check_evidence(&c)
            .unwrap_err()
            .message
            .contains("neither a number nor a quantity")
    );
    let mut c = common::surplus_cert();
    c["assertions"][1]["relation"] = json!("approx");
    assert!(
        check_evidence(&c)
            .unwrap_err()
            .message
            .contains("unknown `approx`")
    );
}

/// Every path (object keys and array indices) in a JSON value.
fn paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                at.push(json!(k));
                paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(json!(i));
                paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    let mut at = v;
    for p in path {
        at = match p {
            Value::String(k) => at.get_mut(k.as_str()).expect("path"),
            Value::Number(i) => at
                .get_mut(i.as_u64().expect("index") as usize)
                .expect("path"),
            _ => unreachable!(),
        };
    }
    at
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        (-1000i64..1000).prop_map(|i| json!(i)),
        Just(json!(0.5)),
        prop_oneof![
            Just("0"),
            Just("1"),
            Just("-1"),
            Just("1/2"),
            Just("1/0"),
            Just("k"),
            Just("k > 1"),
            Just("all k"),
            Just("k = 2"),
            Just("B1"),
            Just("FB(S1)"),
            Just("x(1,1)"),
            Just("ir_b(1)"),
            Just("Pi"),
            Just("holds"),
            Just("optimal"),
            Just("infeasible"),
            Just("lp"),
            Just("mechanism"),
            Just("poly-identity"),
            Just("uniform"),
            Just("trade"),
            Just("ex_post_ic"),
            Just("999999999999999999999999/7"),
            Just("k^256"),
            Just("((("),
            Just("{Pi}"),
            Just("{tb1}"),
            Just("min(1, 2)"),
            Just("max(B1)"),
            Just("m^I*n"),
            Just("2^1000000"),
            Just("xb(1)"),
            Just("tight-interim"),
            Just("has-parameter"),
            Just("case"),
            Just("buyer"),
            Just("seller"),
            Just("lowest-index")
        ]
        .prop_map(|s| json!(s)),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete,
    Replace(Value),
}

fn mutate(mut cert: Value, choices: &[(prop::sample::Index, Mutation)]) -> Value {
    for (idx, m) in choices {
        let mut all = vec![];
        paths(&cert, &mut vec![], &mut all);
        let path = idx.get(&all).clone();
        match m {
            Mutation::Replace(v) => *node(&mut cert, &path) = v.clone(),
            Mutation::Delete => {
                if let Some((last, parent)) = path.split_last() {
                    match (node(&mut cert, parent), last) {
                        (Value::Object(o), Value::String(k)) => {
                            o.remove(k);
                        }
                        (Value::Array(a), Value::Number(i)) => {
                            a.remove(i.as_u64().expect("index") as usize);
                        }
                        _ => unreachable!(),
                    }
                }
            }
        }
    }
    cert
}

fn arb_mutation() -> impl Strategy<Value = (prop::sample::Index, Mutation)> {
    (
        any::<prop::sample::Index>(),
        prop_oneof![
            Just(Mutation::Delete),
            arb_json().prop_map(Mutation::Replace)
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutations_never_panic(
        which in 0usize..common::all_valid().len(),
        muts in prop::collection::vec(arb_mutation(), 1..3),
    ) {
        let (_, cert) = common::all_valid().swap_remove(which);
        let changed = mutate(cert.clone(), &muts);
        match check_evidence(&changed) {
            Ok(_) => {}
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }
}
