//! The claim's statement compares every field that says what a quantity or an assertion means.
//! Each test here changes one such field of the committed certificates and then repairs the
//! certificate so that its evidence still checks: recorded values, `holds` and the verdict are
//! set to what the checker's evidence check (`check_evidence`, which does not read the claim
//! id) recomputes. Only the checker's own statement of the claim can then tell that the
//! certificate no longer states its claim, and it must refuse it. Found needed by cargo
//! mutants (crates/cert/MUTANTS.md): comparisons made always-true, `||` made `&&`, and the
//! leftover checks were not noticed by any other test of the checker.

mod common;

use std::collections::{BTreeMap, HashMap};

use common::committed_certificates;
use mechcert_cert::quote::quote;
use mechcert_cert::{
    CertError, Evidence, PROPERTY_KEYS, Q, Verdict, check_certificate, fmt_rat, parse_rat,
};
use serde_json::{Value, json};

/// Repair `f` until its evidence checks, from the checker's own messages, then check it as a
/// certificate of `id`: `None` when a message is not one of the repairable kinds (or after too
/// many rounds), else what the statement says. `ev`: the evidence of the quantities when the
/// forgery changed only assertions (and the verdict); otherwise it is read from `f`.
fn settle(f: &mut Value, ev: Option<&Evidence>, id: &str) -> Option<Result<(), CertError>> {
    // Err: the evidence does not check (to repair); Ok: what the statement says
    let judge = |ev: &Evidence, f: &Value, verdict| {
        ev.as_stated(id, verdict, &f["assertions"])?;
        Ok(ev.of_claim(id, verdict, &f["assertions"]).map(|_| ()))
    };
    for _ in 0..64 {
        let verdict = Verdict::parse(f["verdict"].as_str()?)?;
        let judged = match ev {
            Some(ev) => judge(ev, f, verdict),
            None => Evidence::read(f).and_then(|ev| judge(&ev, f, verdict)),
        };
        match judged {
            Ok(r) => return Some(r),
            Err(e) if repair_once(f, &e) => {}
            Err(_) => return None,
        }
    }
    None
}

fn between<'m>(m: &'m str, start: &str, end: &str) -> Option<&'m str> {
    let from = m.find(start)? + start.len();
    let len = m[from..].find(end)?;
    Some(&m[from..from + len])
}

/// One repair step: a recorded value, a property of a mechanism, an assertion's `holds`, or
/// the verdict.
fn repair_once(c: &mut Value, e: &CertError) -> bool {
    let m = e.message.as_str();
    if e.location == "verdict" {
        let Some((_, v)) = m.rsplit_once("so the verdict is ") else {
            return false;
        };
        c["verdict"] = json!(v);
        return true;
    }
    if let Some(n) = e
        .location
        .strip_prefix("assertion ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
    {
        if !m.starts_with("recorded holds=") {
            return false;
        }
        let a = &mut c["assertions"][n - 1];
        a["holds"] = json!(a["holds"] != true);
        return true;
    }
    let Some(k) = c["quantities"].as_array().unwrap().iter().position(|q| {
        q["name"]
            .as_str()
            .is_some_and(|n| e.location == format!("quantity {}", quote(n)))
    }) else {
        return false;
    };
    let q = &mut c["quantities"][k];
    if let Some(v) = between(m, "differs from the recomputed value `", "`") {
        q["value"] = json!(v);
    } else if let Some(b) = m
        .strip_prefix("recorded value ")
        .and_then(|r| r.rsplit("the checker finds ").next())
    {
        q["value"] = json!(b == "true");
    } else if let Some(p) = between(m, "`value.", "`: not a listed property") {
        q["value"].as_object_mut().unwrap().remove(p);
    } else if let Some(p) = between(m, "`value.", "`: missing") {
        q["value"][p] = json!({"holds": true, "min_slack": null});
    } else if let (Some(p), Some(h)) = (
        between(m, "property `", "`: recorded holds"),
        between(m, "recomputed holds = ", " "),
    ) {
        q["value"][p]["holds"] = json!(h == "true");
    } else if let (Some(p), Some(s)) = (
        between(m, "property `", "`: recorded min_slack"),
        m.rsplit("differs from recomputed ").next(),
    ) {
        q["value"][p]["min_slack"] = if s == "null" { Value::Null } else { json!(s) };
    } else {
        return false;
    }
    true
}

/// The instance's shape (m, n) and tie rule.
fn shape(c: &Value) -> (usize, usize, String) {
    let i = &c["instance"];
    let count = |side: &str| i[side]["values"].as_array().map_or(0, Vec::len);
    let tie = i["tie_break"]
        .as_str()
        .unwrap_or("lowest-index")
        .to_string();
    (count("buyer"), count("seller"), tie)
}

/// An allocation with its first cell changed (0 becomes 1, anything else 0).
fn other_allocation(x: &Value) -> Option<Value> {
    let mut x = x.clone();
    let cell = x.get_mut(0)?.get_mut(0)?;
    *cell = json!(if *cell == "0" { "1" } else { "0" });
    Some(x)
}

/// The edits of one quantity, each changing one field that the statement compares.
fn quantity_edits(q: &Value, c: &Value) -> Vec<(&'static str, Value)> {
    let (m, n, tie) = shape(c);
    let mut out = vec![];
    let mut edit = |what: &'static str, f: &dyn Fn(&mut Value)| {
        let mut e = q.clone();
        f(&mut e);
        out.push((what, e));
    };
    match q["kind"].as_str().unwrap_or_default() {
        "transfer" => {
            edit("transfer: the other side", &|e| {
                e["side"] = json!(if q["side"] == "buyer" {
                    "seller"
                } else {
                    "buyer"
                });
            });
            edit("transfer: the other mechanism", &|e| {
                e["mechanism"] = json!(if q["mechanism"] == "vcg" {
                    "vcg-prime"
                } else {
                    "vcg"
                });
            });
            for (at, len) in [(0, m), (1, n)] {
                let i = q["profile"][at].as_u64().unwrap_or(1);
                let j = if i < len as u64 { i + 1 } else { i - 1 };
                let what = if at == 0 {
                    "transfer: another buyer type"
                } else {
                    "transfer: another seller type"
                };
                edit(what, &|e| e["profile"][at] = json!(j));
            }
        }
        "vcg-prime-surplus" | "vcg-surplus" => {
            let buyers = q
                .get("buyers")
                .or(c["instance"].get("buyers"))
                .and_then(|b| b.as_u64().or_else(|| b.as_str()?.parse().ok()))
                .unwrap_or(1);
            edit("surplus: one buyer more", &|e| {
                e["buyers"] = json!(buyers + 1)
            });
            let t = q["tie_break"].as_str().unwrap_or(&tie);
            let other = if t == "uniform" {
                "lowest-index"
            } else {
                "uniform"
            };
            edit("surplus: another tie rule", &|e| {
                e["tie_break"] = json!(other)
            });
        }
        "market-surplus" => edit("market surplus: the other mechanism", &|e| {
            e["mechanism"] = json!(if q["mechanism"] == "vcg" {
                "vcg-prime"
            } else {
                "vcg"
            });
        }),
        "tight-surplus" | "welfare" | "implementable" => {
            if let Some(x) = other_allocation(&q["allocation"]) {
                edit("allocation of Π(x), W(x) or implementable", &|e| {
                    e["allocation"] = x.clone()
                });
            }
        }
        "formula" => {
            if let Some(x) = q.get("allocation").and_then(other_allocation) {
                edit("allocation of a formula", &|e| e["allocation"] = x.clone());
            }
        }
        "mechanism" => {
            if let Some(named) = q.get("named") {
                if named["mechanism"] == "bb" {
                    let alpha = if named["alpha"] == "0" { "1" } else { "0" };
                    edit("named mechanism: another alpha", &|e| {
                        e["named"]["alpha"] = json!(alpha)
                    });
                    edit("named mechanism: another mechanism", &|e| {
                        e["named"] = json!({"mechanism": "vcg-prime"});
                    });
                } else {
                    edit("named mechanism: another mechanism", &|e| {
                        e["named"] = json!({"mechanism": "bb", "alpha": "0"});
                    });
                }
            }
            if let Some(t) = q.get("tables") {
                let cell = t["tb"][0][0].as_str().unwrap_or("0");
                let other = if cell == "0" { "1" } else { "0" };
                edit("mechanism tables: another buyer transfer", &|e| {
                    e["tables"]["tb"][0][0] = json!(other);
                });
            }
            let listed = q["properties"].as_array().unwrap();
            if let Some(p) = PROPERTY_KEYS.iter().find(|p| !listed.contains(&json!(p))) {
                edit("mechanism: one property more", &|e| {
                    e["properties"].as_array_mut().unwrap().push(json!(p));
                });
            }
        }
        "lp" => {
            // a feasible point of the LP with the option is feasible without it
            for option in ["ex_post_ir", "free_ties"] {
                if q["options"][option] == true {
                    edit("LP: a row-adding option dropped", &|e| {
                        e["options"].as_object_mut().unwrap().remove(option);
                    });
                }
            }
        }
        "poly-identity" if q["of"]["kind"] == "formula" => {
            let ones = json!(vec![vec!["1"; n]; m]);
            edit("identity of a formula in an allocation", &|e| {
                e["of"]["allocation"] = ones.clone()
            });
            edit("identity of another kind of quantity", &|e| {
                e["of"] = json!({"kind": "vcg-prime-surplus"});
            });
        }
        _ => {}
    }
    out
}

/// Every edit (of `edits`) of every committed certificate, repaired; each one whose evidence
/// then checks must be refused by the statement. At most one forgery per claim id and edit
/// reaches the statement, after at most three tries (the test stays at seconds); returns, per
/// edit, how many did. With `only_assertions`, the edits change assertions (and the verdict)
/// only, and the quantities are verified once per certificate.
fn refused_by_the_statement(
    edits: impl Fn(&Value) -> Vec<(&'static str, Value)>,
    only_assertions: bool,
) -> BTreeMap<&'static str, usize> {
    let mut reached: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut tries: HashMap<(String, &'static str), usize> = HashMap::new();
    for (path, c) in committed_certificates() {
        let id = c["claim"].as_str().unwrap().to_string();
        let edits: Vec<_> = edits(&c)
            .into_iter()
            .filter(|(what, _)| tries.get(&(id.clone(), *what)).is_none_or(|&t| t < 3))
            .collect();
        if edits.is_empty() {
            continue;
        }
        let ev = only_assertions.then(|| Evidence::read(&c).unwrap());
        for (what, mut forged) in edits {
            let t = tries.entry((id.clone(), what)).or_default();
            if *t >= 3 {
                continue;
            }
            *t += 1;
            let Some(refused) = settle(&mut forged, ev.as_ref(), &id) else {
                continue;
            };
            *t = 3;
            *reached.entry(what).or_default() += 1;
            let Err(e) = refused else {
                panic!(
                    "{}: with {what}, the forgery passes as `{id}`",
                    path.display()
                );
            };
            assert!(
                e.location.starts_with("statement of"),
                "{}: with {what}, refused at {}: {} (its evidence checks)",
                path.display(),
                e.location,
                e.message
            );
        }
    }
    eprintln!("{reached:#?}");
    reached
}

#[test]
fn a_quantity_with_one_field_changed_is_refused() {
    let reached = refused_by_the_statement(
        |c| {
            let qs = c["quantities"].as_array().unwrap();
            let mut out = vec![];
            for (k, q) in qs.iter().enumerate() {
                for (what, e) in quantity_edits(q, c) {
                    let mut forged = c.clone();
                    forged["quantities"][k] = e;
                    out.push((what, forged));
                }
            }
            out
        },
        false,
    );
    // every kind of field above reached the statement on some certificate
    for what in [
        "transfer: the other side",
        "transfer: the other mechanism",
        "transfer: another buyer type",
        "transfer: another seller type",
        "surplus: one buyer more",
        "surplus: another tie rule",
        "market surplus: the other mechanism",
        "allocation of Π(x), W(x) or implementable",
        "allocation of a formula",
        "named mechanism: another alpha",
        "named mechanism: another mechanism",
        "mechanism tables: another buyer transfer",
        "mechanism: one property more",
        "identity of a formula in an allocation",
        "LP: a row-adding option dropped",
    ] {
        assert!(
            reached.get(what).is_some_and(|&k| k >= 1),
            "no forgery with {what} reached the statement"
        );
    }
}

/// The names of the certificate's quantities whose recorded value is a number (`true`) or a
/// boolean (`false`).
fn names_by_type(c: &Value, numeric: bool) -> Vec<String> {
    c["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            if numeric {
                q["value"].is_string()
            } else {
                q["value"].is_boolean()
            }
        })
        .filter_map(|q| q["name"].as_str().map(str::to_string))
        .collect()
}

/// The edits of one assertion, each changing one field that the statement compares.
fn assertion_edits(a: &Value, c: &Value) -> Vec<(&'static str, Value)> {
    let mut out = vec![];
    let mut edit = |what: &'static str, f: &dyn Fn(&mut Value)| {
        let mut e = a.clone();
        f(&mut e);
        out.push((what, e));
    };
    for role in ["condition", "claim", "case"] {
        if a["role"] != role {
            edit("assertion: another role", &|e| e["role"] = json!(role));
        }
    }
    let negated = match a["relation"].as_str().unwrap_or_default() {
        "eq" => Some("ne"),
        "ne" => Some("eq"),
        "lt" => Some("ge"),
        "ge" => Some("lt"),
        "le" => Some("gt"),
        "gt" => Some("le"),
        _ => None,
    };
    if let Some(r) = negated {
        edit("assertion: another relation", &|e| e["relation"] = json!(r));
    }
    // another quantity of the same type in place of one operand
    let left = a["left"].as_str().unwrap_or_default();
    let numeric = a["relation"] != "is" && a["relation"] != "property";
    let others: Vec<String> = names_by_type(c, numeric)
        .into_iter()
        .filter(|n| n != left && a["right"] != n.as_str())
        .collect();
    // a literal number on the right (canonical, or the certificate would not check)
    let literal = a["right"].as_str().and_then(|r| parse_rat(r).ok());
    if let Some(o) = others.first() {
        edit("assertion: another left operand", &|e| e["left"] = json!(o));
        if numeric && literal.is_none() {
            edit("assertion: another right operand", &|e| {
                e["right"] = json!(o)
            });
        }
    }
    if let Some(r) = literal {
        let other = fmt_rat(&(r + Q::from_integer(1.into())));
        edit("assertion: another number on the right", &|e| {
            e["right"] = json!(other)
        });
    }
    out
}

#[test]
fn an_assertion_with_one_field_changed_is_refused() {
    let reached = refused_by_the_statement(
        |c| {
            let asserts = c["assertions"].as_array().unwrap();
            let mut out = vec![];
            for (k, a) in asserts.iter().enumerate() {
                let mut deleted = c.clone();
                deleted["assertions"].as_array_mut().unwrap().remove(k);
                out.push(("assertion: deleted", deleted));
                for (what, e) in assertion_edits(a, c) {
                    let mut forged = c.clone();
                    forged["assertions"][k] = e;
                    out.push((what, forged));
                }
            }
            out
        },
        true,
    );
    for what in [
        "assertion: deleted",
        "assertion: another role",
        "assertion: another relation",
        "assertion: another left operand",
        "assertion: another right operand",
        "assertion: another number on the right",
    ] {
        assert!(
            reached.get(what).is_some_and(|&k| k >= 10),
            "{what}: {reached:?}"
        );
    }
}

/// One certificate per claim id (the first in path order).
fn one_per_claim() -> Vec<(std::path::PathBuf, Value)> {
    let mut seen = std::collections::HashSet::new();
    committed_certificates()
        .into_iter()
        .filter(|(_, c)| seen.insert(c["claim"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn a_quantity_or_assertion_beyond_the_statement_is_refused() {
    let certs = one_per_claim();
    assert!(certs.len() >= 30, "{}", certs.len());
    for (path, c) in certs {
        let loc = format!("statement of `{}`", c["claim"].as_str().unwrap());
        // the last quantity or assertion again, as `what` (the statement's message: the
        // evidence checked), is the one beyond the statement
        let refused = |list: &str, what: (&str, &str), message: &dyn Fn(usize) -> String| {
            let mut more = c.clone();
            let items = more[list].as_array_mut().unwrap();
            let mut last = items.last().unwrap().clone();
            last[what.0] = json!(what.1);
            items.push(last);
            let k = items.len();
            let e = check_certificate(&more).unwrap_err();
            assert_eq!(
                (e.location.as_str(), e.message.as_str()),
                (loc.as_str(), message(k).as_str()),
                "{}",
                path.display()
            );
        };
        // a quantity under a new name (unused); an assertion as a case (no part of the verdict)
        refused("quantities", ("name", "one more"), &|k| {
            format!("quantity {k} (`one more`) is not part of the statement")
        });
        refused("assertions", ("role", "case"), &|k| {
            format!("assertion {k} is not part of the statement")
        });
    }
}

/// The first certificate in path order: `adding-buyer-can-hurt` on its witness, whose first
/// quantity is `more types` = max(m, n) and whose first assertion is a condition on it.
fn first_certificate() -> Value {
    let (_, c) = committed_certificates().remove(0);
    assert_eq!(c["claim"], "adding-buyer-can-hurt");
    assert_eq!(c["quantities"][0]["name"], "more types");
    c
}

#[test]
fn a_renamed_quantity_is_refused_where_it_stands() {
    let mut c = first_certificate();
    c["quantities"][0]["name"] = json!("renamed");
    for a in c["assertions"].as_array_mut().unwrap() {
        for side in ["left", "right"] {
            if a[side] == "more types" {
                a[side] = json!("renamed");
            }
        }
    }
    let e = check_certificate(&c).unwrap_err();
    assert_eq!(e.location, "statement of `adding-buyer-can-hurt`");
    assert_eq!(
        e.message,
        "quantity 1 is `renamed`, but the statement needs `more types` here"
    );
}

#[test]
fn a_changed_first_assertion_is_refused_as_assertion_1() {
    let mut c = first_certificate();
    let a = &mut c["assertions"][0];
    assert_eq!(a["role"], "condition");
    a["role"] = json!("case");
    let e = settle(&mut c, None, "adding-buyer-can-hurt")
        .unwrap()
        .unwrap_err();
    assert_eq!(e.location, "statement of `adding-buyer-can-hurt`");
    assert!(
        e.message
            .starts_with("assertion 1 is not the condition assertion `more types "),
        "{}",
        e.message
    );
}

#[test]
fn a_derived_from_with_a_parameter_is_refused_by_remark_1() {
    // Remark 1 is about an instance with numbers: the same instance written as a family at
    // one point (parameter k, domain k = 1) is not one it applies to
    let c = committed_certificates()
        .into_iter()
        .map(|(_, c)| c)
        .find(|c| c["claim"] == "remark-1" && c.get("derived_from").is_some())
        .unwrap();
    check_certificate(&c).unwrap();
    // another instance asked about (B1 = 1/2 instead of 1, so the family is not its
    // extension), to which Remark 1 applies as well
    let mut other = c.clone();
    other["derived_from"]["buyer"]["values"][0] = json!("1/2");
    let e = check_certificate(&other).unwrap_err();
    assert_eq!(e.location, "statement of `remark-1`");
    assert!(
        e.message
            .starts_with("the certificate's instance is not the one asked about"),
        "{}",
        e.message
    );
    let mut forged = c.clone();
    forged["derived_from"]["parameter"] = json!("k");
    forged["derived_from"]["domain"] = json!("k = 1");
    let e = check_certificate(&forged).unwrap_err();
    assert_eq!(e.location, "statement of `remark-1`");
    assert_eq!(
        e.message,
        "Remark 1 does not apply to the instance in `derived_from` (it needs one buyer, disjoint values and B_m < S_n, no parameter)"
    );
}
