//! Python values to TOML values, so that an instance built from Python arguments goes through
//! the same parser and validation as an instance file (`Instance::parse`): an `int` becomes a
//! TOML integer (a string beyond 64 bits), a `str` a string, a `float` a TOML float (which the
//! parser rejects with the CLI's message and the exact fraction to write instead), lists arrays
//! and dicts tables. The package converts `Fraction`s to strings before they get here.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::InputError;

/// The TOML value of a Python value; `field` names it in errors.
pub fn to_toml(v: &Bound<'_, PyAny>, origin: &str, field: &str) -> PyResult<toml::Value> {
    if v.is_instance_of::<PyBool>() {
        return Ok(toml::Value::Boolean(v.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(match v.extract::<i64>() {
            Ok(n) => toml::Value::Integer(n),
            Err(_) => toml::Value::String(v.str()?.to_string()),
        });
    }
    if v.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(v.extract()?));
    }
    if let Ok(s) = v.downcast::<PyString>() {
        return Ok(toml::Value::String(s.to_str()?.to_string()));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let mut out = vec![];
        for (i, x) in v.try_iter()?.enumerate() {
            out.push(to_toml(&x?, origin, &format!("{field}[{i}]"))?);
        }
        return Ok(toml::Value::Array(out));
    }
    if let Ok(d) = v.downcast::<PyDict>() {
        return Ok(toml::Value::Table(table(d, origin, field)?));
    }
    let type_name = v.get_type().name()?.to_string();
    Err(InputError::new_err(format!(
        "{}: field `{}`: expected a number such as Fraction(1, 3), 7 or \"1/3\", found a {}",
        mechcert_cert::quote::escape(origin),
        mechcert_cert::quote::escape(field),
        mechcert_cert::quote::escape(&type_name)
    )))
}

/// A TOML table from a dict with string keys; `None` values are left out.
pub fn table(d: &Bound<'_, PyDict>, origin: &str, field: &str) -> PyResult<toml::Table> {
    let mut t = toml::Table::new();
    for (k, v) in d.iter() {
        let key: String = k.extract().map_err(|_| {
            InputError::new_err(format!(
                "{}: field `{field}`: keys must be strings",
                mechcert_cert::quote::escape(origin)
            ))
        })?;
        if v.is_none() {
            continue;
        }
        let sub = if field.is_empty() {
            key.clone()
        } else {
            format!("{field}.{key}")
        };
        t.insert(key, to_toml(&v, origin, &sub)?);
    }
    Ok(t)
}

/// The message for a Python float where an exact number belongs: the instance parser's, for the
/// same float written in a file (`0.25 is a float, and floats are not exact: write "1/4"`).
#[pyfunction]
pub fn float_message(x: f64) -> String {
    mechcert_model::float_refused(&toml::Value::Float(x).to_string())
}

/// Whether the exact value `value` lies in a domain written as in an instance file
/// (`"1 < k < 3"`), for the parameter `param`.
#[pyfunction]
pub fn domain_contains(domain: &str, param: &str, value: &str) -> PyResult<bool> {
    let interval = mechcert_num::Interval::parse_domain(domain, param).map_err(|e| {
        InputError::new_err(format!(
            "domain {}: {}",
            mechcert_cert::quote::quote(domain),
            mechcert_cert::quote::clip(e.to_string())
        ))
    })?;
    let k = value
        .parse::<mechcert_num::Rat>()
        .map_err(|e| InputError::new_err(format!("{}: {e}", mechcert_cert::quote::quote(value))))?;
    Ok(interval.contains(&k))
}

/// An exact number written as mechcert reads one (`"-3/4"`, `"7"`), in canonical form; an
/// `InputError` naming `what` otherwise (a decimal gets the fraction it means as a hint).
#[pyfunction]
pub fn exact_number(text: &str, what: &str) -> PyResult<String> {
    text.parse::<mechcert_num::Rat>()
        .map(|r| r.to_string())
        .map_err(|e| {
            InputError::new_err(format!(
                "{}: {}: {e}",
                mechcert_cert::quote::escape(what),
                mechcert_cert::quote::quote(text)
            ))
        })
}
