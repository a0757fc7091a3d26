//! Exact numbers of the certificate: `BigRational` read from JSON strings in canonical form
//! (`"-3/4"`, `"7"`: `p/q` with gcd(p, q) = 1 and q > 1, or an integer `p`; no leading zeros,
//! no `+`, no `-0`) and printed in that same form. A number string in any other form (`"6/8"`,
//! `"07"`, `"+3"`, `"-0"`) is rejected with its canonical form; so are JSON numbers where a
//! number string is expected (only counts such as `buyers` may be JSON integers), decimals,
//! floats, spaces and zero denominators. An integer has at most `limits::MAX_DIGITS` digits.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use serde_json::Value;

use crate::limits::MAX_DIGITS;
use crate::quote::quote;
use crate::work;

/// The exact number type of the checker.
pub type Q = BigRational;

/// Why a string is not an exact number.
enum NotANumber {
    /// Not of the form `p`, `-p`, `p/q`, `-p/q` (the message says why).
    Malformed(String),
    /// An integer with more than `MAX_DIGITS` digits.
    TooLong(usize),
}

fn digits(s: &str) -> Result<BigInt, NotANumber> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotANumber::Malformed(format!(
            "{} is not a whole number of decimal digits",
            quote(s)
        )));
    }
    if s.len() > MAX_DIGITS {
        return Err(NotANumber::TooLong(s.len()));
    }
    s.parse::<BigInt>()
        .map_err(|e| NotANumber::Malformed(format!("{} is not a number: {e}", quote(s))))
}

/// The value of `p`, `-p`, `p/q` or `-p/q` (decimal digits, q > 0), in any form (`6/8`).
fn parse_any_form(s: &str) -> Result<Q, NotANumber> {
    let bad = |why: &str| {
        NotANumber::Malformed(format!(
            "{} is not an exact number ({why}); write e.g. \"-3/4\" or \"7\"",
            quote(s)
        ))
    };
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
    let part = |d: &str| match digits(d) {
        Err(NotANumber::Malformed(e)) => Err(bad(&e)),
        other => other,
    };
    let p = part(num)?;
    let q = match den {
        Some(d) => part(d)?,
        None => BigInt::one(),
    };
    if q.is_zero() {
        return Err(bad("zero denominator"));
    }
    let r = Q::new(p, q);
    Ok(if neg { -r } else { r })
}

/// The error for a number beyond the digit limit (recorded as a limit refusal).
fn too_long(n: usize) -> String {
    work::refuse(format!(
        "a number with {n} digits is beyond the limit of {MAX_DIGITS} digits per integer (FORMAT.md, Limits)"
    ))
}

/// Is `s` written as a number (`p`, `-p`, `p/q`, `-p/q`, also with a leading `+`), in any
/// form? Such a string is a number, never a name: it must then be canonical.
pub fn looks_like_number(s: &str) -> bool {
    parse_any_form(s.strip_prefix('+').unwrap_or(s)).is_ok()
}

/// Parse an exact number string in canonical form: `-3/4`, `7` (what `fmt_rat` prints). Any
/// other form of a number (`6/8`, `07`, `+3`, `-0`, `4/2`) is an error naming the canonical
/// form.
pub fn parse_rat(s: &str) -> Result<Q, String> {
    let q = match (parse_any_form(s), s.strip_prefix('+')) {
        (Ok(q), _) => q,
        (Err(NotANumber::TooLong(n)), _) => return Err(too_long(n)),
        (Err(NotANumber::Malformed(e)), Some(rest)) => match parse_any_form(rest) {
            Ok(q) => q,
            Err(NotANumber::TooLong(n)) => return Err(too_long(n)),
            Err(NotANumber::Malformed(_)) => return Err(e),
        },
        (Err(NotANumber::Malformed(e)), None) => return Err(e),
    };
    let canonical = fmt_rat(&q);
    if canonical != s {
        return Err(format!(
            "{} is not canonical: write {} (exact numbers are written `p/q` in lowest terms with q > 1, or `p`; no leading zeros, no `+`, no `-0`)",
            quote(s),
            quote(&canonical)
        ));
    }
    Ok(q)
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

/// The error for a JSON number where a number string is expected.
fn json_number_error(n: &serde_json::Number) -> String {
    if n.is_f64() {
        format!(
            "{n} is a float, and floats are not exact: write an exact fraction in quotes (e.g. \"1/2\")"
        )
    } else {
        format!(
            "the JSON number {n} is not an exact number string: write \"{n}\" (exact numbers are strings in canonical form)"
        )
    }
}

/// An exact number from JSON: a string in canonical form (`parse_rat`); never a JSON number.
pub fn json_rat(v: &Value) -> Result<Q, String> {
    match v {
        Value::String(s) => parse_rat(s),
        Value::Number(n) => Err(json_number_error(n)),
        other => Err(format!(
            "expected an exact number string such as \"1/3\", found {}",
            json_type(other)
        )),
    }
}

/// A non-negative whole number from JSON (a JSON integer, or a canonical number string), at
/// most `max`: the counts `buyers`, `index`, `degree_bound`.
pub fn json_count(v: &Value, max: u64) -> Result<u64, String> {
    let q = match v {
        Value::Number(n) if !n.is_f64() => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Q::from_integer(BigInt::from(u)),
            (None, Some(i)) => Q::from_integer(BigInt::from(i)),
            _ => return Err(format!("{n} is not a whole number")),
        },
        Value::Number(n) => return Err(json_number_error(n)),
        other => json_rat(other)?,
    };
    if !q.is_integer() || q.is_negative() {
        return Err(format!("expected a whole number >= 0, found {q}"));
    }
    match q.to_integer().to_u64() {
        Some(c) if c <= max => Ok(c),
        _ => Err(work::refuse(format!(
            "{} is too large (at most {max})",
            quote(&q.to_string())
        ))),
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
pub fn frac(p: i64, q: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(parse_rat("-3/4").unwrap(), frac(-3, 4));
        assert_eq!(parse_rat("0").unwrap(), int(0));
        assert_eq!(parse_rat("-7").unwrap(), int(-7));
        assert_eq!(fmt_rat(&frac(6, 8)), "3/4");
        assert_eq!(fmt_rat(&frac(14, -2)), "-7");
        for bad in [
            "", "-", "+3", "1.5", "1/0", " 1", "1 ", "1/-2", "--1", "1e3", "0x10", "1//2",
        ] {
            assert!(parse_rat(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn only_the_canonical_form_is_accepted() {
        for (bad, canonical) in [
            ("6/8", "3/4"),
            ("4/2", "2"),
            ("14/2", "7"),
            ("2/1", "2"),
            ("07", "7"),
            ("-07/4", "-7/4"),
            ("3/04", "3/4"),
            ("+3", "3"),
            ("+1/2", "1/2"),
            ("-0", "0"),
            ("00", "0"),
            ("0/5", "0"),
            ("-6/8", "-3/4"),
        ] {
            let e = parse_rat(bad).expect_err(bad);
            assert!(
                e.starts_with(&format!("`{bad}` is not canonical: write `{canonical}`")),
                "{bad}: {e}"
            );
            assert!(looks_like_number(bad), "{bad}");
        }
        for name in ["Pi", "1a", "", "-", "k", "1/2k", "W_opt"] {
            assert!(!looks_like_number(name), "{name}");
        }
    }

    #[test]
    fn json_numbers() {
        let e = json_rat(&serde_json::json!(7)).unwrap_err();
        assert!(e.contains("write \"7\""), "{e}");
        assert!(
            json_rat(&serde_json::json!(0.5))
                .unwrap_err()
                .contains("float")
        );
        assert_eq!(json_rat(&serde_json::json!("7")).unwrap(), int(7));
        assert!(json_rat(&serde_json::json!("4/2")).is_err());
        assert_eq!(json_count(&serde_json::json!(7), 10).unwrap(), 7);
        assert!(json_count(&serde_json::json!(-1), 10).is_err());
        assert!(json_count(&serde_json::json!(2.0), 10).is_err());
        assert!(json_count(&serde_json::json!("03"), 10).is_err());
        assert!(json_rat(&serde_json::json!(true)).is_err());
        assert_eq!(json_count(&serde_json::json!("3"), 10).unwrap(), 3);
        assert!(json_count(&serde_json::json!("1/2"), 10).is_err());
    }
}
