//! Strict JSON for certificates and instances written as JSON: the text is parsed into a
//! `serde_json::Value` like `serde_json::from_str` does, except that a key repeated in one
//! object is an error (with `serde_json`, the last one would silently win: a certificate
//! with both `"verdict": "fails"` and `"verdict": "holds"` would be read as the latter).
//! Nesting is limited by `serde_json`'s recursion limit (128 levels).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::quote::quote;

/// A JSON value read with duplicate keys refused.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::from(i))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::from(u))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number out of range"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key {} appears twice in one object (remove one of them)",
                    quote(&key)
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Parse JSON text, refusing a key repeated in one object. The error gives the line and
/// column; it quotes no input except a repeated key (escaped and truncated).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Strict(v) = Strict::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_serde_json() {
        let text = r#"{"a": [1, -2, 2.5, "x", null, true], "b": {"c": {}}}"#;
        assert_eq!(
            parse(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn refuses_duplicate_keys_at_every_level() {
        let e = parse(r#"{"verdict": "fails", "verdict": "holds"}"#).unwrap_err();
        assert!(e.contains("the key `verdict` appears twice"), "{e}");
        assert!(e.contains("line 1"), "{e}");
        let e = parse("{\"q\": [{\"x\": 1,\n \"x\": 2}]}").unwrap_err();
        assert!(
            e.contains("`x` appears twice") && e.contains("line 2"),
            "{e}"
        );
        // the same key in two objects is fine
        assert!(parse(r#"[{"x": 1}, {"x": 2}]"#).is_ok());
    }

    #[test]
    fn refuses_trailing_text_and_deep_nesting() {
        assert!(parse("{} {}").is_err());
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(parse(&deep).unwrap_err().contains("recursion limit"));
    }
}
