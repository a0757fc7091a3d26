//! `mechcert._native`: the Python extension module of mechcert (PyO3). It holds no computation
//! of its own: every function calls the library use cases the CLI calls
//! (`mechcert_verify::usecase`, `mechcert_claims::usecase`, `mechcert_claims::search`,
//! `mechcert_cert`) and returns the same JSON text the CLI prints with `--json`, so that the
//! pure-Python package `mechcert` (which turns the exact strings into `Fraction`s) gives the
//! CLI's values by construction. Errors become the exceptions `InputError` (exit code 1),
//! `InconsistencyError` (exit code 2) and its subclass `CertificateError` (a certificate that
//! does not check); a panic becomes an `InconsistencyError`, never a crash. Long computations
//! run with the GIL released.

mod commands;
mod convert;
mod instance;
mod poly;

use std::panic::{AssertUnwindSafe, catch_unwind};

use mechcert_model::Failure;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    mechcert,
    MechcertError,
    PyException,
    "Base class of every error mechcert raises."
);
create_exception!(
    mechcert,
    InputError,
    MechcertError,
    "Bad input (the CLI's exit code 1): the message names the origin, the field and the fix."
);
create_exception!(
    mechcert,
    InconsistencyError,
    MechcertError,
    "An internal inconsistency (the CLI's exit code 2): two independent computations disagree."
);
create_exception!(
    mechcert,
    CertificateError,
    InconsistencyError,
    "A certificate that the independent checker rejects (the CLI's exit code 2)."
);

/// A library failure as the Python exception of its kind, with the message the CLI prints
/// (escaped to one line, as the CLI does).
pub(crate) fn to_py(f: Failure) -> PyErr {
    match f {
        Failure::Input(m) => InputError::new_err(mechcert_cert::quote::escape(&m)),
        Failure::Inconsistent(m) => InconsistencyError::new_err(mechcert_cert::quote::escape(&m)),
    }
}

/// Run a computation with the GIL released, turning a panic into an inconsistency.
pub(crate) fn compute<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<T> {
    py.allow_threads(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            InconsistencyError::new_err(format!(
                "mechcert stopped on an internal error (a bug; please report it): {}",
                mechcert_cert::quote::escape(&what)
            ))
        })?
        .map_err(to_py)
}

/// JSON text of a value mechcert built.
pub(crate) fn json_text(v: &serde_json::Value) -> PyResult<String> {
    serde_json::to_string(v)
        .map_err(|e| InconsistencyError::new_err(format!("an output is not JSON: {e}")))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MechcertError", py.get_type::<MechcertError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("InconsistencyError", py.get_type::<InconsistencyError>())?;
    m.add("CertificateError", py.get_type::<CertificateError>())?;
    m.add_class::<instance::NativeInstance>()?;
    m.add_function(wrap_pyfunction!(commands::claims, m)?)?;
    m.add_function(wrap_pyfunction!(commands::cert_check, m)?)?;
    m.add_function(wrap_pyfunction!(commands::search, m)?)?;
    m.add_function(wrap_pyfunction!(commands::read_certificate, m)?)?;
    m.add_function(wrap_pyfunction!(poly::poly_coefficients, m)?)?;
    m.add_function(wrap_pyfunction!(poly::poly_display, m)?)?;
    m.add_function(wrap_pyfunction!(convert::float_message, m)?)?;
    m.add_function(wrap_pyfunction!(convert::domain_contains, m)?)?;
    m.add_function(wrap_pyfunction!(convert::exact_number, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
