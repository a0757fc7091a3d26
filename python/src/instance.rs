//! `NativeInstance`: a validated mechcert instance held for Python (loaded from a file, parsed
//! from TOML text, or built from Python values through the same parser), and what can be
//! computed on it: `check` (a mechanism, as `mechcert check --json` reports it), the expected
//! surplus of VCG', the second best with its certificate (`mechcert solve second-best --json`),
//! and `certify` (`mechcert certify CLAIM FILE --json`). Each returns JSON text; the package
//! turns it into Python objects with `Fraction`s.

use std::path::Path;

use mechcert_cert::limits::MAX_INTERIM_WORK;
use mechcert_claims::usecase::{certified_json, certify_checked, load_instance, second_best};
use mechcert_mech::{compress, hetero};
use mechcert_model::{Failure, Instance};
use mechcert_num::{Rat, Scalar};
use mechcert_verify::{MechanismSpec, Request, check_family, check_instance, compressed};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{compute, convert, json_text, to_py};

#[pyclass(module = "mechcert._native", frozen)]
pub struct NativeInstance {
    pub inst: Instance,
}

/// Everything `check` validates (the order of the values, or the cells of a family), so that
/// a bad instance is an input error when it is made, as `load_instance` does for a file.
fn validated(inst: Instance) -> Result<Instance, Failure> {
    if inst.parameter.is_some() {
        inst.cells()?;
    } else {
        inst.concrete()?;
    }
    Ok(inst)
}

/// The JSON of `mechcert check --json` on `inst`.
pub fn check_json(
    inst: &Instance,
    mechanism: &str,
    alpha: Option<&str>,
    only: Option<&str>,
    max_profiles: Option<u64>,
    listed: usize,
) -> Result<serde_json::Value, Failure> {
    let share = alpha
        .map(|text| {
            text.parse::<Rat>().map_err(|e| {
                Failure::Input(format!(
                    "--alpha {}: {e}",
                    mechcert_cert::quote::quote(text)
                ))
            })
        })
        .transpose()?;
    let spec = MechanismSpec::parse(mechanism, share.as_ref())?;
    let interim_only = match only {
        None => None,
        Some("interim") => Some(true),
        Some("ex-post") => Some(false),
        Some(other) => {
            return Err(Failure::Input(format!(
                "only={}: use \"interim\" or \"ex-post\"",
                mechcert_cert::quote::quote(other)
            )));
        }
    };
    let req = Request {
        interim_only,
        max_profiles: max_profiles.map(u128::from),
        listed: Some(listed),
    };
    if inst.parameter.is_some() {
        Ok(check_family(inst, &spec, &req)?.to_json(inst))
    } else {
        Ok(check_instance(inst, &spec, &req)?.to_json(inst, "k"))
    }
}

/// Π of VCG' (Section 5's four-case formula with several buyers) by compression, refused
/// beyond the work limit exactly where `check` refuses the interim tables.
fn surplus<S: Scalar>(origin: &str, env: &mechcert_model::Env<S>) -> Result<S, Failure> {
    if env.buyers > 1 && compress::vcg_prime_interim_work(env) > MAX_INTERIM_WORK {
        compressed(origin, env)?;
    }
    Ok(compress::vcg_prime_surplus(env))
}

/// The expected surplus of VCG': an exact number on a concrete instance, and on a family a
/// list of cells, each with its domain and its polynomial.
fn surplus_json(inst: &Instance) -> Result<serde_json::Value, Failure> {
    if inst.is_market() {
        // several sellers or buyers of their own distributions: Section 7.2's VCG', by
        // enumerating the profiles (what `mechcert check` reports as its expected surplus)
        let agents = inst.agents()?;
        return Ok(
            hetero::expected_surplus(&agents, hetero::HeteroMechanism::VcgPrime)
                .to_string()
                .into(),
        );
    }
    if inst.parameter.is_none() {
        let env = inst.concrete()?;
        return Ok(surplus(&inst.origin, &env)?.to_string().into());
    }
    let param = inst.param_name();
    let mut cells = vec![];
    for env in inst.cells()? {
        let pi = surplus(&inst.origin, &env)?;
        cells.push(serde_json::json!({
            "domain": env.domain.display_with(param),
            "surplus": pi.display_with(param),
        }));
    }
    Ok(cells.into())
}

#[pymethods]
impl NativeInstance {
    /// Read and validate an instance file, as `mechcert check FILE` does.
    #[staticmethod]
    fn load(py: Python<'_>, path: &str) -> PyResult<NativeInstance> {
        let path = path.to_string();
        let inst = compute(py, move || load_instance(Path::new(&path)))?;
        Ok(NativeInstance { inst })
    }

    /// Parse and validate instance text (TOML); `origin` names it in errors.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str, origin: &str) -> PyResult<NativeInstance> {
        let (text, origin) = (text.to_string(), origin.to_string());
        let inst = compute(py, move || {
            validated(Instance::parse(&text, &origin).map_err(Failure::from)?)
        })?;
        Ok(NativeInstance { inst })
    }

    /// Build an instance from the keys of an instance file given as Python values (numbers as
    /// `int`, `str` or `float`; the package converts `Fraction`s to strings), through the same
    /// parser and validation as a file.
    #[staticmethod]
    fn from_fields(
        py: Python<'_>,
        fields: &Bound<'_, PyDict>,
        origin: &str,
    ) -> PyResult<NativeInstance> {
        let table = convert::table(fields, origin, "")?;
        let text = toml::to_string(&table).map_err(|e| {
            crate::InputError::new_err(format!(
                "{}: not an instance: {}",
                mechcert_cert::quote::escape(origin),
                mechcert_cert::quote::clip(e.to_string())
            ))
        })?;
        NativeInstance::parse(py, &text, origin)
    }

    #[getter]
    fn name(&self) -> String {
        self.inst.name.clone()
    }

    #[getter]
    fn origin(&self) -> String {
        self.inst.origin.clone()
    }

    #[getter]
    fn parameter(&self) -> Option<String> {
        self.inst.parameter.as_ref().map(|p| p.name.clone())
    }

    /// The instance as JSON text in the instance schema (exact numbers as strings).
    fn to_json(&self) -> PyResult<String> {
        json_text(&self.inst.to_json())
    }

    /// The canonical TOML text of the instance.
    fn to_toml(&self) -> String {
        self.inst.to_toml()
    }

    /// The member of a family at an exact parameter value (a string such as "5/2").
    fn substitute(&self, value: &str) -> PyResult<NativeInstance> {
        let k = value.parse::<Rat>().map_err(|e| {
            to_py(Failure::Input(format!(
                "{}: parameter value {}: {e}",
                mechcert_cert::quote::escape(&self.inst.origin),
                mechcert_cert::quote::quote(value)
            )))
        })?;
        let inst = self
            .inst
            .substitute(&k)
            .map_err(|e| to_py(Failure::from(e)))?;
        Ok(NativeInstance {
            inst: validated(inst).map_err(to_py)?,
        })
    }

    /// `mechcert check FILE --mechanism M [--alpha A] [--only O] [--max-profiles N] --json`.
    #[pyo3(signature = (mechanism="vcg-prime", alpha=None, only=None, max_profiles=None, listed=5))]
    fn check(
        &self,
        py: Python<'_>,
        mechanism: &str,
        alpha: Option<String>,
        only: Option<String>,
        max_profiles: Option<u64>,
        listed: usize,
    ) -> PyResult<String> {
        let inst = &self.inst;
        let mechanism = mechanism.to_string();
        let v = compute(py, move || {
            check_json(
                inst,
                &mechanism,
                alpha.as_deref(),
                only.as_deref(),
                max_profiles,
                listed,
            )
        })?;
        json_text(&v)
    }

    /// Π of VCG' as JSON: a number, or on a family the cells with their polynomials.
    fn vcg_prime_surplus(&self, py: Python<'_>) -> PyResult<String> {
        let inst = &self.inst;
        json_text(&compute(py, move || surplus_json(inst))?)
    }

    /// `mechcert solve second-best FILE [--ex-post-ir] --json`.
    #[pyo3(signature = (ex_post_ir=false))]
    fn second_best(&self, py: Python<'_>, ex_post_ir: bool) -> PyResult<String> {
        let inst = &self.inst;
        json_text(&compute(py, move || {
            Ok(second_best(inst, ex_post_ir)?.to_json())
        })?)
    }

    /// `mechcert certify CLAIM FILE --json`, the certificate re-checked by the independent
    /// checker.
    fn certify(&self, py: Python<'_>, claim: &str) -> PyResult<String> {
        let (inst, claim) = (&self.inst, claim.to_string());
        let v = compute(py, move || {
            Ok(certified_json(&certify_checked(&claim, inst)?))
        })?;
        json_text(&v)
    }
}
