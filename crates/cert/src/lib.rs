//! mechcert certificate format and its independent checker (own arithmetic: num-rational; no
//! solver crate, no other mechcert crate). `check_certificate` does two things, and says
//! precisely which condition failed when it rejects a certificate:
//!
//! 1. the evidence: it re-reads the instance, recomputes every quantity with this crate's own
//!    code, re-evaluates every assertion and the verdict rule (FORMAT.md);
//! 2. the statement: the checker knows every claim id's statement itself (`statement/`), and
//!    requires the certificate's quantities and assertions to be exactly the ones that
//!    statement needs on this instance, so the verdict is a verdict about that claim.
//!
//! `check_evidence` does step 1 alone, for certificates of claims the checker does not know
//! (a test's planted claim): it proves a certificate's own assertions, nothing more.
//!
//! Both bound their own work (`limits`, `work`): beyond the limits of FORMAT.md a certificate
//! is refused at once with an error of kind `ErrorKind::Input`. `check_bytes` checks the bytes
//! of a certificate file (UTF-8, JSON without repeated keys): a pure function of its input.

// Loops run over the paper's indices i (buyer types) and j (seller types) and index several
// tables at once; iterator chains would hide the formulas.
#![allow(clippy::needless_range_loop)]

mod arith;
mod econ;
mod format;
pub mod statement;

// The modules by their short names (`crate::number`, `crate::models`, ...): the folders group
// them by job (arith: exact arithmetic; econ: the paper's mechanisms and LPs; format: reading
// a certificate), the paths stay short.
use arith::{domain, expr, number, poly, sign};
use econ::{lp, market, models, multi, multiset, properties, single};
use format::{assertion, error, formula, instance, quantity};
pub use format::{json, limits, quote, read, work};

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

pub use assertion::Verdict;
pub use error::{CertError, ErrorKind};
pub use number::{Q, fmt_rat, parse_rat};
pub use properties::KEYS as PROPERTY_KEYS;

/// The format string this checker accepts.
pub const FORMAT: &str = "mechcert-cert/1";

/// Every claim id the checker knows a statement of, in the paper's order.
pub fn claim_ids() -> Vec<&'static str> {
    statement::all().iter().map(|s| s.id).collect()
}

/// What a valid certificate established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub claim: String,
    /// The claim's statement as the checker encodes it (`None` for `check_evidence`).
    pub statement: Option<&'static str>,
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

/// Check a certificate (a parsed JSON value): its evidence, and that it states exactly the
/// claim its id names (the checker's own statement of that claim).
pub fn check_certificate(json: &Value) -> Result<Checked, CertError> {
    metered(|| {
        let ev = Evidence::read(json)?;
        let (claim, verdict, assertions) = claim_fields(json)?;
        ev.of_claim(&claim, verdict, assertions)
    })
}

/// Check only the evidence of a certificate: every quantity recomputed, every assertion and
/// the verdict rule; `claim` may be any id. This proves the certificate's own assertions about
/// its instance and nothing about which claim they are (see `check_certificate`).
pub fn check_evidence(json: &Value) -> Result<Checked, CertError> {
    metered(|| {
        let ev = Evidence::read(json)?;
        let (claim, verdict, assertions) = claim_fields(json)?;
        ev.as_stated(&claim, verdict, assertions)
    })
}

/// Run one check with the work meter (`work`): when a limit refused the certificate, whatever
/// the checker concluded after that (it gives up with "no proof"), the certificate is beyond
/// the limits, an error of kind `Input` that says which limit.
fn metered(check: impl FnOnce() -> Result<Checked, CertError>) -> Result<Checked, CertError> {
    let _session = work::start();
    let checked = check();
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

/// The fields that say what a certificate claims: `claim`, `verdict`, `assertions`.
fn claim_fields(json: &Value) -> Result<(String, Verdict, &Value), CertError> {
    let o = json
        .as_object()
        .ok_or_else(|| CertError::new("certificate", "expected a JSON object"))?;
    let claim = string_field(o, "claim")?.to_string();
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
    let assertions = o
        .get("assertions")
        .ok_or_else(|| CertError::new("assertions", "missing"))?;
    Ok((claim, verdict, assertions))
}

/// The part of a certificate that does not depend on what it claims, verified: the instance
/// (and `derived_from`) read and validated, every quantity recomputed and matched. The claim,
/// verdict and assertions are checked against it by [`Evidence::of_claim`] (or, for the
/// evidence alone, [`Evidence::as_stated`]); a caller that tries several readings of one
/// certificate verifies its quantities once.
pub struct Evidence<'j> {
    instance: instance::Instance,
    derived_from: Option<instance::Instance>,
    quantities: &'j [Value],
    values: HashMap<String, quantity::QVal>,
}

impl<'j> Evidence<'j> {
    /// Read the format, the instance and every quantity of a certificate, recomputing each.
    pub fn read(json: &'j Value) -> Result<Evidence<'j>, CertError> {
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
            number::json_str(n)
                .map_err(|e| CertError::new("certificate", format!("`note`: {e}")))?;
        }
        for k in ["claim", "verdict", "section", "statement", "reason"] {
            string_field(o, k)?;
        }
        let instance = instance::Instance::parse(
            o.get("instance")
                .ok_or_else(|| CertError::new("instance", "missing"))?,
        )
        .map_err(|e| CertError::new("instance", e))?;
        let derived_from = match o.get("derived_from") {
            Some(d) => {
                Some(instance::Instance::parse(d).map_err(|e| CertError::new("derived_from", e))?)
            }
            None => None,
        };
        let quantities = o
            .get("quantities")
            .ok_or_else(|| CertError::new("quantities", "missing"))?
            .as_array()
            .ok_or_else(|| CertError::new("quantities", "expected an array"))?;
        let values = verify_quantities(quantities, &instance)?;
        Ok(Evidence {
            instance,
            derived_from,
            quantities,
            values,
        })
    }

    /// The assertions re-evaluated on the verified quantities and the verdict rule: what the
    /// certificate states, whatever its claim id.
    pub fn as_stated(
        &self,
        claim: &str,
        verdict: Verdict,
        assertions: &Value,
    ) -> Result<Checked, CertError> {
        let checked = assertion::check_all(assertions, &self.values)?;
        assertion::check_verdict(verdict, &checked)?;
        Ok(Checked {
            claim: claim.to_string(),
            statement: None,
            instance: self.instance.name.clone(),
            verdict,
            quantities: self.values.len(),
            assertions: checked.len(),
        })
    }

    /// As [`Evidence::as_stated`], and the certificate states exactly the claim `claim` (the
    /// checker's own statement of that id).
    pub fn of_claim(
        &self,
        claim: &str,
        verdict: Verdict,
        assertions: &Value,
    ) -> Result<Checked, CertError> {
        let st = statement::find(claim).ok_or_else(|| {
            CertError::new(
                "claim",
                format!(
                    "unknown claim id {} (known: {})",
                    quote::quote(claim),
                    claim_ids().join(", ")
                ),
            )
        })?;
        let mut checked = self.as_stated(claim, verdict, assertions)?;
        statement::check(
            claim,
            &self.instance,
            self.derived_from.as_ref(),
            self.quantities,
            &self.values,
            assertions.as_array().map_or(&[], Vec::as_slice),
        )?;
        checked.statement = Some(st.statement);
        Ok(checked)
    }
}

/// Recompute every quantity in order and compare it with its recorded value.
fn verify_quantities(
    qs: &[Value],
    inst: &instance::Instance,
) -> Result<HashMap<String, quantity::QVal>, CertError> {
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
        let v = error::at(&loc, quantity::compute(qo, inst, &ctx))?;
        error::at(&loc, quantity::compare(qo, &v))?;
        values.insert(name, v);
    }
    Ok(values)
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
