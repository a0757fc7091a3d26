//! Exact numbers of the certificate: `BigRational` read from JSON strings (`"-3/4"`, `"7"`,
//! also non-canonical `"6/8"`, compared by value) or JSON integers, and printed canonically.
//! Anything else (decimals, floats, spaces, a leading `+`, a zero denominator) is rejected.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use serde_json::Value;

/// The exact number type of the checker.
pub type Q = BigRational;

/// The largest number of digits accepted in one integer (guards against absurd inputs).
const MAX_DIGITS: usize = 10_000;

fn digits(s: &str) -> Result<BigInt, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` is not a whole number of decimal digits"));
    }
    if s.len() > MAX_DIGITS {
        return Err(format!("a number with {} digits is too long", s.len()));
    }
    s.parse::<BigInt>()
        .map_err(|e| format!("`{s}` is not a number: {e}"))
}

/// Parse `p`, `-p`, `p/q` or `-p/q` (decimal digits, q > 0).
pub fn parse_rat(s: &str) -> Result<Q, String> {
    let bad =
        |why: &str| format!("`{s}` is not an exact number ({why}); write e.g. \"-3/4\" or \"7\"");
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if body.contains('.') || body.contains('e') || body.contains('E') {
        return Err(bad("decimals and floats are not exact"));
    }
    let (num, den) = match body.split_once('/') {
        Some((p, q)) => (p, Some(q)),
        None => (body, None),
    };
    let p = digits(num).map_err(|e| bad(&e))?;
    let q = match den {
        Some(d) => digits(d).map_err(|e| bad(&e))?,
        None => BigInt::one(),
    };
    if q.is_zero() {
        return Err(bad("zero denominator"));
    }
    let r = Q::new(p, q);
    Ok(if neg { -r } else { r })
}

/// The canonical string of a number: `-3/4`, `7`.
pub fn fmt_rat(q: &Q) -> String {
    q.to_string()
}

/// A short description of a JSON value's type, for messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An exact number from JSON: a number string, or a JSON integer.
pub fn json_rat(v: &Value) -> Result<Q, String> {
    match v {
        Value::String(s) => parse_rat(s),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Q::from_integer(BigInt::from(i)))
            } else if let Some(u) = n.as_u64() {
                Ok(Q::from_integer(BigInt::from(u)))
            } else {
                Err(format!(
                    "{n} is a float, and floats are not exact: write an exact fraction in quotes"
                ))
            }
        }
        other => Err(format!(
            "expected an exact number such as \"1/3\", found {}",
            json_type(other)
        )),
    }
}

/// A non-negative whole number from JSON (integer or string), at most `max`.
pub fn json_count(v: &Value, max: u64) -> Result<u64, String> {
    let q = json_rat(v)?;
    if !q.is_integer() || q.is_negative() {
        return Err(format!("expected a whole number >= 0, found {q}"));
    }
    match q.to_integer().to_u64() {
        Some(c) if c <= max => Ok(c),
        _ => Err(format!("{q} is too large (at most {max})")),
    }
}

/// A boolean from JSON (`true`/`false`, or the strings `"true"`/`"false"`).
pub fn json_bool(v: &Value) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" => Ok(true),
        Value::String(s) if s == "false" => Ok(false),
        other => Err(format!(
            "expected true or false, found {}",
            json_type(other)
        )),
    }
}

/// A JSON string.
pub fn json_str(v: &Value) -> Result<&str, String> {
    v.as_str()
        .ok_or_else(|| format!("expected a string, found {}", json_type(v)))
}

/// A rational from a small integer.
pub fn int(i: i64) -> Q {
    Q::from_integer(BigInt::from(i))
}

/// A rational p/q from small integers (q != 0).
#[cfg(test)]
pub fn frac(p: i64, q: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(parse_rat("-3/4").unwrap(), frac(-3, 4));
        assert_eq!(parse_rat("6/8").unwrap(), frac(3, 4));
        assert_eq!(fmt_rat(&parse_rat("6/8").unwrap()), "3/4");
        assert_eq!(fmt_rat(&parse_rat("14/2").unwrap()), "7");
        for bad in [
            "", "-", "+3", "1.5", "1/0", " 1", "1 ", "1/-2", "--1", "1e3", "0x10", "1//2",
        ] {
            assert!(parse_rat(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn json_numbers() {
        assert_eq!(json_rat(&serde_json::json!(7)).unwrap(), int(7));
        assert!(json_rat(&serde_json::json!(0.5)).is_err());
        assert!(json_rat(&serde_json::json!(true)).is_err());
        assert_eq!(json_count(&serde_json::json!("3"), 10).unwrap(), 3);
        assert!(json_count(&serde_json::json!("1/2"), 10).is_err());
    }
}
