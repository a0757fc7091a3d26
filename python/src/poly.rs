//! Polynomials in one parameter for Python: the exact coefficients of a polynomial as mechcert
//! prints it (`"19/27 - 4/27*k"` gives `["19/27", "-4/27"]`), and mechcert's printing of
//! coefficients, so that `str()` of a Python polynomial is mechcert's.

use mechcert_num::{Poly, Rat};
use pyo3::prelude::*;

use crate::InputError;

/// The coefficients (constant first, as exact strings) of a polynomial in `param`.
#[pyfunction]
pub fn poly_coefficients(text: &str, param: &str) -> PyResult<Vec<String>> {
    let p = Poly::parse(text, param).map_err(|e| {
        InputError::new_err(format!(
            "{}: not a polynomial in {}: {}",
            mechcert_cert::quote::quote(text),
            mechcert_cert::quote::escape(param),
            mechcert_cert::quote::clip(e.to_string())
        ))
    })?;
    Ok(p.coeffs().iter().map(Rat::to_string).collect())
}

/// mechcert's printing of the polynomial with these coefficients (constant first).
#[pyfunction]
pub fn poly_display(coefficients: Vec<String>, param: &str) -> PyResult<String> {
    let coeffs = coefficients
        .iter()
        .map(|c| {
            c.parse::<Rat>().map_err(|e| {
                InputError::new_err(format!(
                    "coefficient {}: {e}",
                    mechcert_cert::quote::quote(c)
                ))
            })
        })
        .collect::<PyResult<Vec<Rat>>>()?;
    Ok(Poly::from_coeffs(coeffs).display_with(param))
}
