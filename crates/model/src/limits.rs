//! The limits of `mechcert_cert::limits` applied when an instance is read, so that every
//! instance that loads is one the independent checker accepts and every command can handle
//! in seconds (refused here with exit 1, never later as an internal inconsistency):
//! digits of every number, the size of values that depend on the parameter, buyers, types
//! per side, and the cells of a family. Each refusal names the field and the limit.

use mechcert_cert::limits::{
    MAX_BUYERS, MAX_DIGITS, MAX_EXPR_BYTES, MAX_FAMILY_WORK, MAX_TYPES, MAX_VALUE_COEFF_DIGITS,
    MAX_VALUE_DEGREE, family_work,
};
use mechcert_cert::quote::quote;
use mechcert_num::{Poly, Rat};

use crate::InstanceError;

/// The most characters of a number written as a string: a numerator and a denominator of
/// `MAX_DIGITS` digits each, a sign and a slash (checked before the number is parsed).
pub const MAX_NUMBER_CHARS: usize = 2 * MAX_DIGITS + 2;

/// Refuse a string before parsing it when it is longer than any valid one: a number (no
/// parameter) or an expression in the parameter.
pub fn text(origin: &str, field: &str, s: &str, expression: bool) -> Result<(), InstanceError> {
    let max = if expression {
        MAX_EXPR_BYTES
    } else {
        MAX_NUMBER_CHARS
    };
    if s.len() > max {
        return Err(InstanceError::new(
            origin,
            field,
            format!(
                "{} is {} characters long, beyond the limit of {max} for {}",
                quote(s),
                s.len(),
                if expression {
                    "a value in the parameter"
                } else {
                    "a number (10000 digits in the numerator and in the denominator)"
                }
            ),
        ));
    }
    Ok(())
}

/// The numbers of digits of the numerator and the denominator.
fn digits(r: &Rat) -> (usize, usize) {
    let s = r.to_string();
    let s = s.trim_start_matches('-');
    match s.split_once('/') {
        Some((p, q)) => (p.len(), q.len()),
        None => (s.len(), 1),
    }
}

/// Every number: at most `MAX_DIGITS` digits in its numerator and in its denominator.
pub fn number(origin: &str, field: &str, r: &Rat) -> Result<(), InstanceError> {
    let (p, q) = digits(r);
    if p.max(q) > MAX_DIGITS {
        return Err(InstanceError::new(
            origin,
            field,
            format!(
                "a number with {} digits in its {} is beyond the limit of {MAX_DIGITS} digits: use a smaller number",
                p.max(q),
                if p >= q { "numerator" } else { "denominator" }
            ),
        ));
    }
    Ok(())
}

/// A value that depends on the parameter: degree at most `MAX_VALUE_DEGREE`, every
/// coefficient with at most `MAX_VALUE_COEFF_DIGITS` digits in numerator and denominator.
pub fn value(origin: &str, field: &str, p: &Poly) -> Result<(), InstanceError> {
    let d = p.degree().unwrap_or(0);
    if d > MAX_VALUE_DEGREE {
        return Err(InstanceError::new(
            origin,
            field,
            format!(
                "degree {d} is beyond the limit of {MAX_VALUE_DEGREE} for a value that depends on the parameter (exact root isolation on the domain grows about with the fourth power of the degree)"
            ),
        ));
    }
    if let Some(c) = p.coeffs().iter().find(|c| {
        let (a, b) = digits(c);
        a.max(b) > MAX_VALUE_COEFF_DIGITS
    }) {
        return Err(InstanceError::new(
            origin,
            field,
            format!(
                "the coefficient {} has more than {MAX_VALUE_COEFF_DIGITS} digits in its numerator or denominator, the limit for a value that depends on the parameter (the cost of locating where values cross grows about with the cube of their size)",
                quote(&c.to_string())
            ),
        ));
    }
    Ok(())
}

/// The bounds of a domain (its canonical text): at most `MAX_DIGITS` digits per integer.
pub fn domain(origin: &str, canonical: &str) -> Result<(), InstanceError> {
    let longest = canonical
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest > MAX_DIGITS {
        return Err(InstanceError::new(
            origin,
            "domain",
            format!("a bound with {longest} digits is beyond the limit of {MAX_DIGITS} digits"),
        ));
    }
    Ok(())
}

/// The number of buyers, 1 to `MAX_BUYERS`.
pub fn buyers(origin: &str, found: &str) -> InstanceError {
    InstanceError::new(
        origin,
        "buyers",
        format!(
            "expected a whole number of buyers from 1 to {MAX_BUYERS}, found {}",
            quote(found)
        ),
    )
}

/// At most `MAX_TYPES` values on one side.
pub fn types(origin: &str, side: &str, count: usize) -> Result<(), InstanceError> {
    if count > MAX_TYPES {
        return Err(InstanceError::new(
            origin,
            format!("{side}.values"),
            format!("{count} values are more than the limit of {MAX_TYPES} per side"),
        ));
    }
    Ok(())
}

/// A family (values in a parameter) is checked cell by cell: at most `family_work` of
/// `MAX_FAMILY_WORK`.
pub fn family(origin: &str, m: usize, n: usize, degree: usize) -> Result<(), InstanceError> {
    match family_work(m, n, degree) {
        Some(w) if w <= MAX_FAMILY_WORK => Ok(()),
        w => Err(InstanceError::new(
            origin,
            "parameter",
            format!(
                "a family of {m} x {n} values of degree up to {degree} may split the domain into up to 2*{degree}*{m}*{n} + 1 cells, each checked on all {m} x {n} types: {} is beyond the limit of {MAX_FAMILY_WORK}; use fewer values or a concrete value of the parameter",
                w.map_or("more than 2^64".to_string(), |w| w.to_string())
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_numbers() {
        assert_eq!(digits(&"-123/4567".parse().unwrap()), (3, 4));
        assert_eq!(digits(&"7".parse().unwrap()), (1, 1));
        let big: Rat = "1".repeat(MAX_DIGITS + 1).parse().unwrap();
        let e = number("f", "buyer.values[1]", &big).unwrap_err();
        assert!(e.message.contains("10001 digits in its numerator"), "{e}");
        assert!(number("f", "x", &"1".repeat(MAX_DIGITS).parse().unwrap()).is_ok());
    }

    #[test]
    fn families() {
        // 3 x 3 linear: (2*1*9 + 1) * 9 = 171
        assert!(family("f", 3, 3, 1).is_ok());
        let e = family("f", 20, 20, 1).unwrap_err();
        assert!(e.message.contains("320400 is beyond the limit"), "{e}");
    }
}
