//! mechcert certificate format and its independent checker (own arithmetic: num-rational; no
//! solver crate). `check_certificate` checks that the claim id is one mechcert defines,
//! re-reads the instance, recomputes every quantity with this crate's own code, checks every
//! assertion and the verdict rule (FORMAT.md), and says precisely which condition failed when
//! it rejects a certificate. Which assertions a claim id needs is the producer's choice: the
//! checker proves the assertions a certificate states, not that they are the claim's.

// Loops run over the paper's indices i (buyer types) and j (seller types) and index several
// tables at once; iterator chains would hide the formulas.
#![allow(clippy::needless_range_loop)]

mod assertion;
mod claims;
mod domain;
mod error;
mod expr;
mod formula;
mod instance;
pub mod json;
pub mod limits;
mod lp;
mod models;
mod multi;
mod multiset;
mod number;
mod poly;
mod properties;
mod quantity;
pub mod quote;
pub mod read;
mod sign;
mod single;
pub mod work;

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

pub use assertion::Verdict;
pub use claims::CLAIM_IDS;
pub use error::{CertError, ErrorKind};
pub use number::{Q, fmt_rat, parse_rat};
pub use properties::KEYS as PROPERTY_KEYS;

/// The format string this checker accepts.
pub const FORMAT: &str = "mechcert-cert/1";

/// What a valid certificate established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub claim: String,
    /// The instance's name.
    pub instance: String,
    pub verdict: Verdict,
    /// Quantities recomputed and matched.
    pub quantities: usize,
    /// Assertions re-evaluated and matched.
    pub assertions: usize,
}

const TOP_KEYS: &[&str] = &[
    "format",
    "claim",
    "section",
    "statement",
    "verdict",
    "reason",
    "instance",
    "quantities",
    "assertions",
    "note",
    "derived_from",
];

fn string_field<'a>(
    o: &'a serde_json::Map<String, Value>,
    key: &str,
) -> Result<&'a str, CertError> {
    let v = o.get(key).ok_or_else(|| CertError::new(key, "missing"))?;
    v.as_str().ok_or_else(|| {
        CertError::new(
            key,
            format!("expected a string, found {}", number::json_type(v)),
        )
    })
}

/// Check a certificate (a parsed JSON value) whose claim is one of mechcert's (`CLAIM_IDS`).
pub fn check_certificate(json: &Value) -> Result<Checked, CertError> {
    check_certificate_for_claims(json, CLAIM_IDS)
}

/// Check a certificate whose claim must be one of `claim_ids` (for claims defined outside
/// mechcert's list, e.g. a test's planted claim; `check_certificate` uses `CLAIM_IDS`). The
/// checker's work is metered (`work`): beyond the limits of FORMAT.md the certificate is
/// refused at once with an error of kind `Input`.
pub fn check_certificate_for_claims(
    json: &Value,
    claim_ids: &[&str],
) -> Result<Checked, CertError> {
    let _session = work::start();
    let checked = check_within_limits(json, claim_ids);
    // a limit refused the certificate: whatever the checker concluded after that (it gives up
    // with "no proof"), the certificate is beyond the limits
    match (checked, work::refused()) {
        (r, None) => r,
        (Ok(_), Some(why)) => Err(CertError::input("certificate", why)),
        (Err(mut e), Some(why)) => {
            if !e.message.contains(&why) {
                e.message = why;
            }
            e.kind = ErrorKind::Input;
            Err(e)
        }
    }
}

fn check_within_limits(json: &Value, claim_ids: &[&str]) -> Result<Checked, CertError> {
    let o = json
        .as_object()
        .ok_or_else(|| CertError::new("certificate", "expected a JSON object"))?;
    let format = string_field(o, "format")?;
    if format != FORMAT {
        return Err(CertError::new(
            "format",
            format!("{} is not `{FORMAT}`", quote::quote(format)),
        ));
    }
    if let Some(k) = o.keys().find(|k| !TOP_KEYS.contains(&k.as_str())) {
        return Err(CertError::new(
            "certificate",
            format!(
                "unknown key {} (known: {})",
                quote::quote(k),
                TOP_KEYS.join(", ")
            ),
        ));
    }
    if let Some(n) = o.get("note") {
        number::json_str(n).map_err(|e| CertError::new("certificate", format!("`note`: {e}")))?;
    }
    let claim = string_field(o, "claim")?.to_string();
    if !claim_ids.contains(&claim.as_str()) {
        return Err(CertError::new(
            "claim",
            format!(
                "unknown claim id {} (known: {})",
                quote::quote(&claim),
                claim_ids.join(", ")
            ),
        ));
    }
    for k in ["section", "statement", "reason"] {
        string_field(o, k)?;
    }
    let verdict_s = string_field(o, "verdict")?;
    let verdict = Verdict::parse(verdict_s).ok_or_else(|| {
        CertError::new(
            "verdict",
            format!(
                "{} is not holds, fails or not-applicable",
                quote::quote(verdict_s)
            ),
        )
    })?;
    let inst = instance::Instance::parse(
        o.get("instance")
            .ok_or_else(|| CertError::new("instance", "missing"))?,
    )
    .map_err(|e| CertError::new("instance", e))?;
    if let Some(d) = o.get("derived_from") {
        instance::Instance::parse(d).map_err(|e| CertError::new("derived_from", e))?;
    }

    let qs = o
        .get("quantities")
        .ok_or_else(|| CertError::new("quantities", "missing"))?
        .as_array()
        .ok_or_else(|| CertError::new("quantities", "expected an array"))?;
    let mut values: HashMap<String, quantity::QVal> = HashMap::new();
    // every name, in certificate order, to tell a reference to a later quantity
    let names: Vec<String> = qs
        .iter()
        .map(|q| {
            q.get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    for (i, q) in qs.iter().enumerate() {
        let qo = q
            .as_object()
            .ok_or_else(|| CertError::new(format!("quantity {}", i + 1), "expected an object"))?;
        let name = match qo.get("name").and_then(Value::as_str) {
            Some(n) => n.to_string(),
            None => {
                return Err(CertError::new(
                    format!("quantity {}", i + 1),
                    "missing string `name`",
                ));
            }
        };
        let loc = format!("quantity {}", quote::quote(&name));
        if name.is_empty() || number::looks_like_number(&name) {
            return Err(CertError::new(
                loc,
                "a quantity name must not be empty or a number",
            ));
        }
        if values.contains_key(&name) {
            return Err(CertError::new(loc, "name used twice"));
        }
        let ctx = quantity::Ctx {
            earlier: &values,
            later: &names[i + 1..],
            own: &name,
        };
        let v = error::at(&loc, quantity::compute(qo, &inst, &ctx))?;
        error::at(&loc, quantity::compare(qo, &v))?;
        values.insert(name, v);
    }
    let checked = assertion::check_all(
        o.get("assertions")
            .ok_or_else(|| CertError::new("assertions", "missing"))?,
        &values,
    )?;
    assertion::check_verdict(verdict, &checked)?;
    Ok(Checked {
        claim,
        instance: inst.name.clone(),
        verdict,
        quantities: values.len(),
        assertions: checked.len(),
    })
}

/// Read a certificate's JSON text (`read::utf8`, then `json::parse`: duplicate keys are
/// refused); errors are of kind `Input`.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value, CertError> {
    let text = read::utf8(bytes).map_err(|e| CertError::input("certificate", e))?;
    json::parse(text).map_err(|e| CertError::input("certificate", format!("not valid JSON: {e}")))
}

/// Check a certificate given as the bytes of its file: a pure function of the input.
pub fn check_bytes(bytes: &[u8]) -> Result<Checked, CertError> {
    check_certificate(&parse_bytes(bytes)?)
}

/// Read a certificate file (`read::read_file`: a regular file within the size limit) and
/// check it; a file that cannot be read is an error of kind `Input` located at the path.
pub fn check_file(path: impl AsRef<Path>) -> Result<Checked, CertError> {
    let path = path.as_ref();
    let at = || quote::escape(&path.display().to_string());
    let bytes = read::read_file(path).map_err(|e| CertError::input(at(), e))?;
    let json = parse_bytes(&bytes).map_err(|e| CertError {
        location: at(),
        ..e
    })?;
    check_certificate(&json)
}
