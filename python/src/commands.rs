//! The commands that need no instance, for Python: `claims` (`mechcert claims --json`),
//! `cert_check` (the independent checker on one certificate, `mechcert cert-check`) and
//! `search` (`mechcert search CLAIM --json`, optionally saving the shrunk instance and its
//! certificate like the CLI). Each returns JSON text.

use std::path::Path;

use mechcert_claims::find;
use mechcert_claims::search::Options;
use mechcert_claims::search::report::conclude;
use mechcert_model::Failure;
use pyo3::prelude::*;

use crate::{CertificateError, InputError, compute, json_text};

/// Every claim: id, section, statement, reading and whether it is existential
/// (`mechcert claims --json`).
#[pyfunction]
pub fn claims() -> PyResult<String> {
    json_text(&mechcert_claims::usecase::claims_json())
}

/// Check a certificate (JSON text) with the independent checker. Returns JSON text with the
/// claim, the verdict and the checker's own statement; raises `CertificateError` when the
/// certificate does not check and `InputError` when it cannot be read within the checker's
/// documented limits.
#[pyfunction]
pub fn cert_check(py: Python<'_>, text: &str) -> PyResult<String> {
    let text = text.to_string();
    let checked = py
        .allow_threads(move || {
            std::panic::catch_unwind(move || {
                mechcert_cert::parse_bytes(text.as_bytes())
                    .and_then(|json| mechcert_cert::check_certificate(&json))
            })
        })
        .map_err(|_| {
            crate::InconsistencyError::new_err(
                "the independent checker stopped on an internal error (a bug; please report it)",
            )
        })?;
    match checked {
        Ok(c) => json_text(&serde_json::json!({
            "ok": true,
            "claim": c.claim,
            "verdict": c.verdict.name(),
            "statement": c.statement,
        })),
        Err(e) => {
            let msg = mechcert_cert::quote::escape(&e.to_string());
            match Failure::from(e) {
                Failure::Input(_) => Err(InputError::new_err(msg)),
                Failure::Inconsistent(_) => Err(CertificateError::new_err(msg)),
            }
        }
    }
}

fn bad(msg: String) -> PyErr {
    InputError::new_err(msg)
}

/// `mechcert search CLAIM --seed S --budget N [--types MxN] [--buyers I] --json`: the
/// search, the shrunk counterexample (or witness) certified and re-checked; with `out`, the
/// instance and certificate are saved there as the CLI saves them.
#[pyfunction]
#[pyo3(signature = (claim, seed=1, budget=10_000, types=None, buyers=None, out=None))]
pub fn search(
    py: Python<'_>,
    claim: &str,
    seed: u64,
    budget: usize,
    types: Option<(usize, usize)>,
    buyers: Option<usize>,
    out: Option<String>,
) -> PyResult<String> {
    let claim = find(claim).ok_or_else(|| {
        bad(format!(
            "unknown claim {}; mechcert.claims() lists them",
            mechcert_cert::quote::quote(claim)
        ))
    })?;
    if let Some((m, n)) = types.filter(|(m, n)| !(1..=12).contains(m) || !(1..=12).contains(n)) {
        return Err(bad(format!(
            "types=({m}, {n}): buyer and seller types from 1 to 12 each"
        )));
    }
    if let Some(i) = buyers.filter(|i| !(1..=64).contains(i)) {
        return Err(bad(format!("buyers={i}: use 1 to 64")));
    }
    let opts = Options {
        seed,
        budget,
        types,
        buyers,
    };
    let v = compute(py, move || {
        let outcome = mechcert_claims::search::search(claim, &opts, &|_| {})?;
        let report = conclude(claim, &opts, outcome)?;
        let files = match &out {
            Some(dir) => report.save(Path::new(dir))?,
            None => None,
        };
        Ok::<_, Failure>(report.to_json(files.as_ref()))
    })?;
    json_text(&v)
}

/// Read a certificate file as `mechcert cert-check` does (a regular file within the size
/// limit, UTF-8, JSON without repeated keys); its JSON text.
#[pyfunction]
pub fn read_certificate(path: &str) -> PyResult<String> {
    let v = mechcert_claims::usecase::read_certificate(Path::new(path)).map_err(crate::to_py)?;
    json_text(&v)
}
