//! Assertions (relations between recomputed quantities and literal numbers, boolean
//! quantities, mechanism properties) and the verdict rule: `not-applicable` iff some
//! condition fails, else `holds` iff every claim holds, else `fails`. `case` assertions are
//! checked like the others but take no part in the verdict.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::CertError;
use crate::number::{
    Q, fmt_rat, json_bool, json_rat, json_str, json_type, looks_like_number, parse_rat,
};
use crate::quantity::QVal;
use crate::quote::quote;

/// The verdict of a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Holds,
    Fails,
    NotApplicable,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Fails => "fails",
            Verdict::NotApplicable => "not-applicable",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Holds, Verdict::Fails, Verdict::NotApplicable]
            .into_iter()
            .find(|v| v.name() == s)
    }
}

/// The role of an assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Condition,
    Claim,
    /// Records which case the instance is in; not part of the verdict.
    Case,
}

/// One assertion after checking: its role and whether it holds.
#[derive(Clone, Debug)]
pub struct Checked {
    pub role: Role,
    pub holds: bool,
}

const KEYS: &[&str] = &["role", "text", "relation", "left", "right", "holds", "note"];

fn operand(v: &Value, q: &HashMap<String, QVal>) -> Result<(String, Q), String> {
    match v {
        Value::String(s) => {
            // a string written as a number is a literal (never a name), in canonical form
            if looks_like_number(s) {
                return Ok((s.clone(), parse_rat(s)?));
            }
            match q.get(s) {
                Some(QVal::Num(r)) => Ok((format!("{s} = {}", fmt_rat(r)), r.clone())),
                Some(other) => Err(format!(
                    "quantity {s} is not a number (it is {})",
                    other.describe(),
                    s = quote(s)
                )),
                None => Err(format!(
                    "{s} is neither a number nor a quantity name",
                    s = quote(s)
                )),
            }
        }
        other => json_rat(other).map(|r| (fmt_rat(&r), r)),
    }
}

fn evaluate(o: &Map<String, Value>, q: &HashMap<String, QVal>) -> Result<(bool, String), String> {
    let get = |k: &str| o.get(k).ok_or_else(|| format!("missing {k}", k = quote(k)));
    let relation = json_str(get("relation")?).map_err(|e| format!("`relation`: {e}"))?;
    let left = get("left")?;
    let right = get("right")?;
    match relation {
        "is" => {
            let name = json_str(left).map_err(|e| format!("`left`: {e}"))?;
            let want = json_bool(right).map_err(|e| format!("`right`: {e}"))?;
            match q.get(name) {
                Some(QVal::Bool(b)) => Ok((*b == want, format!("{name} = {b}"))),
                Some(other) => Err(format!(
                    "quantity {name} is not a boolean ({})",
                    other.describe(),
                    name = quote(name)
                )),
                None => Err(format!("no quantity named {name}", name = quote(name))),
            }
        }
        "property" => {
            let name = json_str(left).map_err(|e| format!("`left`: {e}"))?;
            let key = json_str(right).map_err(|e| format!("`right`: {e}"))?;
            match q.get(name) {
                Some(QVal::Props(p)) => {
                    let r = p.iter().find(|(k, _)| k == key).ok_or_else(|| {
                        format!(
                            "mechanism {name} does not list property {key}",
                            key = quote(key),
                            name = quote(name)
                        )
                    })?;
                    Ok((r.1.holds, format!("{name}.{key} holds = {}", r.1.holds)))
                }
                Some(other) => Err(format!(
                    "quantity {name} is not a mechanism ({})",
                    other.describe(),
                    name = quote(name)
                )),
                None => Err(format!("no quantity named {name}", name = quote(name))),
            }
        }
        rel => {
            let (ls, l) = operand(left, q).map_err(|e| format!("`left`: {e}"))?;
            let (rs, r) = operand(right, q).map_err(|e| format!("`right`: {e}"))?;
            let (holds, sym) = match rel {
                "eq" => (l == r, "="),
                "ne" => (l != r, "!="),
                "lt" => (l < r, "<"),
                "le" => (l <= r, "<="),
                "gt" => (l > r, ">"),
                "ge" => (l >= r, ">="),
                other => {
                    return Err(format!(
                        "`relation`: unknown {other} (eq, ne, lt, le, gt, ge, is, property)",
                        other = quote(other)
                    ));
                }
            };
            Ok((holds, format!("{ls} {sym} {rs} is {holds}")))
        }
    }
}

/// Check every assertion: well formed, and recorded `holds` equal to the recomputed relation.
pub fn check_all(v: &Value, q: &HashMap<String, QVal>) -> Result<Vec<Checked>, CertError> {
    let arr = v.as_array().ok_or_else(|| {
        CertError::new(
            "assertions",
            format!("expected an array, found {}", json_type(v)),
        )
    })?;
    let mut out = vec![];
    for (i, a) in arr.iter().enumerate() {
        let loc = |text: &str| {
            if text.is_empty() {
                format!("assertion {}", i + 1)
            } else {
                format!("assertion {} ({text})", i + 1, text = quote(text))
            }
        };
        let o = a.as_object().ok_or_else(|| {
            CertError::new(
                loc(""),
                format!("expected an object, found {}", json_type(a)),
            )
        })?;
        let text = o
            .get("text")
            .map(|t| json_str(t).map(str::to_string))
            .transpose()
            .map_err(|e| CertError::new(loc(""), format!("`text`: {e}")))?
            .ok_or_else(|| CertError::new(loc(""), "missing `text`"))?;
        let err = |m: String| CertError::new(loc(&text), m);
        if let Some(n) = o.get("note") {
            json_str(n).map_err(|e| err(format!("`note`: {e}")))?;
        }
        if let Some(k) = o.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(err(format!("unknown key {k}", k = quote(k))));
        }
        let role = match o.get("role").map(json_str) {
            Some(Ok("claim")) => Role::Claim,
            Some(Ok("condition")) => Role::Condition,
            Some(Ok("case")) => Role::Case,
            _ => {
                return Err(err(
                    "`role` must be \"condition\", \"claim\" or \"case\"".into()
                ));
            }
        };
        let recorded = json_bool(
            o.get("holds")
                .ok_or_else(|| err("missing `holds`".into()))?,
        )
        .map_err(|e| err(format!("`holds`: {e}")))?;
        let (holds, why) = evaluate(o, q).map_err(err)?;
        if holds != recorded {
            return Err(err(format!("recorded holds={recorded} but {why}")));
        }
        out.push(Checked { role, holds });
    }
    Ok(out)
}

/// The verdict rule; an error names the assertion that contradicts the recorded verdict.
pub fn check_verdict(recorded: Verdict, checked: &[Checked]) -> Result<(), CertError> {
    let err = |m: String| Err(CertError::new("verdict", m));
    let failed = |role: Role| checked.iter().position(|c| c.role == role && !c.holds);
    // A claim is checked by its claim assertions; only a certificate of non-applicability
    // (a failed condition) may stop before stating any.
    if failed(Role::Condition).is_none() && !checked.iter().any(|c| c.role == Role::Claim) {
        return err("the certificate has no claim assertion (and no failed condition)".into());
    }
    let failed_condition = failed(Role::Condition);
    let failed_claim = failed(Role::Claim);
    let computed = match (failed_condition, failed_claim) {
        (Some(_), _) => Verdict::NotApplicable,
        (None, None) => Verdict::Holds,
        (None, Some(_)) => Verdict::Fails,
    };
    if computed == recorded {
        return Ok(());
    }
    let why = match (failed_condition, failed_claim) {
        (Some(i), _) => format!("condition assertion {} does not hold", i + 1),
        (None, Some(i)) => format!("claim assertion {} fails", i + 1),
        (None, None) => "every condition and every claim assertion holds".to_string(),
    };
    err(format!(
        "recorded {} but {why}, so the verdict is {}",
        recorded.name(),
        computed.name()
    ))
}
