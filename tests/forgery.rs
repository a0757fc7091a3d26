//! Forged and relabelled certificates are rejected by the checker's own statements of the claims
//! (issue 11). Every certificate in `proofs/certificates/` is relabelled to every other claim
//! id: none passes, unless mechcert's own certificate of the new reading states exactly the same
//! assertions about the same quantities (the equivalence is established by the producer, a
//! second, independent encoding of the claims). Certificates edited one field at a time (an
//! assertion deleted, negated or given another role; a quantity's meaning changed) are the
//! checker's own tests, `crates/cert/tests/one_field.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use mechcert_cert::{Evidence, Verdict, check_certificate, claim_ids};
use serde_json::{Value, json};

fn certificates() -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("proofs/certificates");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v.into_iter()
        .map(|p| {
            let j = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p, j)
        })
        .collect()
}

/// What a certificate states on its instance, without evidence and free text: each quantity's
/// name, kind, fields and value, except how a formula is spelled (two readings whose formulas
/// differ but agree on this instance state the same there), and each assertion's role,
/// relation, operands and truth.
fn skeleton(c: &Value) -> Value {
    let evidence = ["expr", "x", "y", "status", "pieces", "note", "degree_bound"];
    let quantities: Vec<Value> = c["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let mut o = q.as_object().unwrap().clone();
            o.retain(|k, _| !evidence.contains(&k.as_str()));
            Value::Object(o)
        })
        .collect();
    let assertions: Vec<Value> = c["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!([a["role"], a["relation"], a["left"], a["right"], a["holds"]]))
        .collect();
    json!([quantities, assertions])
}

/// mechcert's own certificate of `claim` on the instance the certificate `c` was asked about.
fn produced(claim: &str, c: &Value) -> Option<Value> {
    let asked = c.get("derived_from").unwrap_or(&c["instance"]);
    let inst = mechcert_model::Instance::from_json(asked, "test").ok()?;
    let certified = mechcert_claims::find(claim)?.certify(&inst).ok()?;
    Some(certified.certificate)
}

/// A relabelled certificate may pass only if mechcert writes the same statement for the new id.
fn equivalent(claim: &str, c: &Value) -> bool {
    produced(claim, c).is_some_and(|p| skeleton(&p) == skeleton(c))
}

#[test]
fn relabelled_certificates_are_rejected_unless_equivalent() {
    let ids = claim_ids();
    let mut passed_as_equivalent = 0;
    for (path, c) in certificates() {
        let ev = Evidence::read(&c).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let verdict = Verdict::parse(c["verdict"].as_str().unwrap()).unwrap();
        let own = c["claim"].as_str().unwrap();
        ev.of_claim(own, verdict, &c["assertions"])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for id in &ids {
            if *id == own {
                continue;
            }
            if ev.of_claim(id, verdict, &c["assertions"]).is_ok() {
                let mut relabelled = c.clone();
                relabelled["claim"] = json!(id);
                assert!(
                    equivalent(id, &relabelled),
                    "{} passes as `{id}`, which mechcert states differently",
                    path.display()
                );
                passed_as_equivalent += 1;
            }
        }
    }
    // Theorem 1 and Corollary 1 have one statement: each of their certificates passes as the other.
    assert!(passed_as_equivalent >= 2, "{passed_as_equivalent}");
}

fn cli_cert_check(cert: &Value, tag: &str) -> (i32, String) {
    let tmp =
        std::env::temp_dir().join(format!("mechcert-forged-{tag}-{}.json", std::process::id()));
    std::fs::write(&tmp, serde_json::to_string_pretty(cert).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mechcert"))
        .arg("cert-check")
        .arg(&tmp)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&tmp);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// The two forgeries of issue 11: a 20-line certificate that says "Theorem 4 as printed
/// holds" under the id of the second-best computation, with one true assertion; and a real
/// Theorem 4 certificate with its failing assertion deleted, the verdict set to holds, and
/// relabelled the same way. Both passed `cert-check` before the checker knew the statements.
#[test]
fn the_forgeries_of_issue_11_exit_2() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let small = json!({
        "format": "mechcert-cert/1",
        "claim": "second-best",
        "section": "Thm. 4",
        "statement": "Theorem 4 as printed holds",
        "verdict": "holds",
        "reason": "forged",
        "instance": {
            "buyer": {"values": ["1", "3"], "probs": ["1/4", "3/4"]},
            "seller": {"values": ["0", "2"], "probs": ["2/3", "1/3"]}
        },
        "quantities": [{"name": "one", "kind": "formula", "expr": "1", "value": "1"}],
        "assertions": [{"role": "claim", "text": "Theorem 4 holds", "relation": "eq",
                        "left": "one", "right": "1", "holds": true}]
    });
    let (code, text) = cli_cert_check(&small, "small");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("statement of `second-best`"), "{text}");

    let path = root.join("proofs/certificates/theorem-4-counterexample-seed1.theorem-4.cert.json");
    let mut real: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(real["verdict"], "fails");
    let assertions = real["assertions"].as_array_mut().unwrap();
    let failing = assertions
        .iter()
        .position(|a| a["role"] == "claim" && a["holds"] == false)
        .unwrap();
    assertions.remove(failing);
    real["verdict"] = json!("holds");
    for id in ["second-best", "theorem-4", "theorem-4-corrected"] {
        real["claim"] = json!(id);
        assert!(check_certificate(&real).is_err(), "{id}");
        let (code, text) = cli_cert_check(&real, id);
        assert_eq!(code, 2, "{id}: {text}");
        assert!(
            text.contains(&format!("statement of `{id}`")),
            "{id}: {text}"
        );
    }
}
