//! Tampering: for every hand-made certificate, every single change of one number (+1), one
//! polynomial or expression (`+ 1` appended) or one boolean (flipped) makes the check fail,
//! with a message that names where (instance, a quantity, an assertion, the verdict).
//!
//! The only changes that cannot matter are listed in `CANNOT_MATTER` and must pass:
//! raising `degree_bound` keeps it a valid bound (the checker proves its own bound and samples
//! more points); the tie rule of a `vcg-prime-surplus` or `vcg-surplus` quantity does not
//! change Π (the paper's Section 5; the checker enumerates the profiles under the new rule,
//! so this is checked, not assumed).

mod common;

use mechcert_cert::check_evidence;

const CANNOT_MATTER: &[&str] = &["degree_bound", "tie_break"];

#[test]
fn every_single_change_is_detected() {
    let mut total = 0;
    let mut wrong = vec![];
    for (name, cert) in common::all_valid() {
        let tampered = common::tamper_all(&cert);
        assert!(
            tampered.len() > 10,
            "{name}: only {} changes",
            tampered.len()
        );
        for t in tampered {
            total += 1;
            let harmless = CANNOT_MATTER.iter().any(|s| t.path.ends_with(s));
            match check_evidence(&t.cert) {
                Ok(_) if harmless => {}
                Ok(_) => wrong.push(format!(
                    "{name}: `{}` changed {} still passes",
                    t.path, t.change
                )),
                Err(e) => {
                    assert!(
                        !harmless,
                        "{name}: `{}` changed {} fails: {e}",
                        t.path, t.change
                    );
                    let where_ok = ["instance", "quantity", "assertion", "verdict"]
                        .iter()
                        .any(|w| e.location.starts_with(w));
                    assert!(
                        where_ok && !e.message.is_empty(),
                        "{name}: `{}`: {e}",
                        t.path
                    );
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(total > 200, "only {total} changes tried");
}

#[test]
fn the_second_round_fields_are_tampered() {
    // the changes above reach every new field: quantity `buyers`, `tie_break`, `side` and
    // `index`, allocation entries written as formulas, `{name}` references in expressions,
    // and the recorded `holds` of `case` assertions
    let mut seen = std::collections::BTreeMap::new();
    for (_, cert) in common::all_valid() {
        for t in common::tamper_all(&cert) {
            let p: Vec<&str> = t.path.split('.').collect();
            let key = match p.as_slice() {
                ["quantities", _, "buyers"] => "buyers",
                ["quantities", _, "tie_break"] => "tie_break",
                ["quantities", _, "side"] => "side",
                ["quantities", _, "index"] => "index",
                ["quantities", _, "of", "buyers"] => "buyers",
                ["quantities", .., "allocation", _, _]
                    if !t.change.starts_with(char::is_numeric) =>
                {
                    "allocation formula"
                }
                ["quantities", _, "expr"] if t.change.contains('{') => "reference",
                ["assertions", i, "holds"]
                    if cert["assertions"][i.parse::<usize>().unwrap()]["role"] == "case" =>
                {
                    "case holds"
                }
                _ => continue,
            };
            *seen.entry(key).or_insert(0) += 1;
        }
    }
    for key in [
        "buyers",
        "tie_break",
        "side",
        "index",
        "allocation formula",
        "reference",
        "case holds",
    ] {
        assert!(seen.get(key).is_some_and(|&n| n >= 2), "{key}: {seen:?}");
    }
}

#[test]
fn every_verdict_change_is_detected() {
    for (name, cert) in common::all_valid() {
        for v in ["holds", "fails", "not-applicable", "maybe"] {
            if cert["verdict"] == v {
                continue;
            }
            let mut c = cert.clone();
            c["verdict"] = v.into();
            let e = check_evidence(&c).expect_err(name);
            assert_eq!(e.location, "verdict", "{name}: {e}");
        }
    }
}
