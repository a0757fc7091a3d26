//! Reading an instance file: bytes, UTF-8, TOML, then every field validated with an error that
//! names the file, the field and the fix (floats refused with the fraction they were meant to
//! be, unknown keys with the closest known one, the limits of `mechcert_cert::limits`). The JSON
//! form embedded in certificates is read through the same table reader.

use std::path::Path;

use mechcert_num::{Interval, Poly, Rat};

use mechcert_cert::quote::{clip, quote};

use crate::instance::{Instance, MAX_BUYERS, Parameter, SellerTies, Side, TieBreak};
use crate::market::{self, Market};
use crate::{InstanceError, limits};

const TOP_KEYS: &[&str] = &[
    "name",
    "source",
    "buyers",
    "tie_break",
    "parameter",
    "domain",
    "seller_ties",
    "buyer",
    "seller",
    "allocation",
];

pub(crate) fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// Why a float is refused, with the exact fraction it was meant to be: `shown` is the float as
/// written (it is only printed, never computed with). The Python package gives the same
/// message for a Python float.
pub fn float_refused(shown: &str) -> String {
    let hint = match shown.parse::<Rat>() {
        Err(mechcert_num::ParseRatError::Decimal(Some(frac))) => format!("write \"{frac}\""),
        _ => "write an exact fraction in quotes, e.g. \"1/3\"".to_string(),
    };
    format!("{shown} is a float, and floats are not exact: {hint}")
}

/// An exact rational from a TOML value: integers, or strings such as `"1/3"`. Floats are
/// rejected with the exact fraction they were meant to be.
fn exact(origin: &str, field: &str, v: &toml::Value) -> Result<Rat, InstanceError> {
    match v {
        toml::Value::Integer(n) => Ok(Rat::int(*n)),
        toml::Value::String(s) => {
            limits::text(origin, field, s, false)?;
            let r = s.parse::<Rat>().map_err(|e| {
                InstanceError::new(origin, field, format!("{}: {}", quote(s), clip(&e)))
            })?;
            limits::number(origin, field, &r)?;
            Ok(r)
        }
        toml::Value::Float(_) => Err(InstanceError::new(
            origin,
            field,
            float_refused(&v.to_string()),
        )),
        other => Err(InstanceError::new(
            origin,
            field,
            format!(
                "expected a number such as \"1/3\" or 7, found {}",
                type_name(other)
            ),
        )),
    }
}

/// A value: an exact number, or a polynomial in the parameter when there is one.
fn value(
    origin: &str,
    field: &str,
    v: &toml::Value,
    param: Option<&str>,
) -> Result<Poly, InstanceError> {
    match (v, param) {
        (toml::Value::String(s), Some(p)) => {
            limits::text(origin, field, s, true)?;
            let v = Poly::parse(s, p).map_err(|e| {
                InstanceError::new(origin, field, format!("{}: {}", quote(s), clip(&e)))
            })?;
            limits::value(origin, field, &v)?;
            Ok(v)
        }
        (toml::Value::String(s), None) => match s.parse::<Rat>() {
            Ok(r) => {
                limits::text(origin, field, s, false)?;
                limits::number(origin, field, &r)?;
                Ok(Poly::constant(r))
            }
            Err(e) => {
                let looks_symbolic = s.chars().any(|c| c.is_ascii_alphabetic());
                let extra = if looks_symbolic {
                    "; values with a parameter need `parameter = \"k\"` (and a `domain`) at the top of the file"
                } else {
                    ""
                };
                Err(InstanceError::new(
                    origin,
                    field,
                    format!("{}: {}{extra}", quote(s), clip(&e)),
                ))
            }
        },
        _ => exact(origin, field, v).map(Poly::constant),
    }
}

fn string<'a>(origin: &str, field: &str, v: &'a toml::Value) -> Result<&'a str, InstanceError> {
    v.as_str().ok_or_else(|| {
        InstanceError::new(
            origin,
            field,
            format!("expected a string, found {}", type_name(v)),
        )
    })
}

fn array<'a>(
    origin: &str,
    field: &str,
    v: &'a toml::Value,
) -> Result<&'a Vec<toml::Value>, InstanceError> {
    v.as_array().ok_or_else(|| {
        InstanceError::new(
            origin,
            field,
            format!("expected an array, found {}", type_name(v)),
        )
    })
}

fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    // A cheap "did you mean": same letters ignoring `-`/`_` and case, or a shared prefix.
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', '_'], "");
    let k = norm(key);
    known.iter().copied().find(|c| norm(c) == k).or_else(|| {
        known.iter().copied().find(|c| {
            let prefix: String = k.chars().take(3).collect();
            k.chars().count() >= 3 && norm(c).starts_with(&prefix)
        })
    })
}

fn unknown_key(origin: &str, table: &str, key: &str, known: &[&str]) -> InstanceError {
    // the key as written when it is short and plain, else quoted (escaped, cut)
    let shown = quote(key);
    let key = if shown == format!("`{key}`") {
        key.to_string()
    } else {
        shown
    };
    let field = if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    };
    let hint = match closest(&key, known) {
        Some(c) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    };
    InstanceError::new(
        origin,
        field,
        format!("unknown key{hint}; known keys here: {}", known.join(", ")),
    )
}

/// One distribution: the table `name` with `values` and `probs` (and `count` when
/// `counted`, read by the caller).
pub(crate) fn side(
    origin: &str,
    name: &str,
    v: Option<&toml::Value>,
    param: Option<&str>,
    counted: bool,
) -> Result<Side, InstanceError> {
    let v = v.ok_or_else(|| {
        InstanceError::new(
            origin,
            name,
            format!("missing table [{name}] with `values` and `probs`"),
        )
    })?;
    let t = v.as_table().ok_or_else(|| {
        InstanceError::new(
            origin,
            name,
            format!("expected a table [{name}], found {}", type_name(v)),
        )
    })?;
    let known: &[&str] = if counted {
        &["values", "probs", "count"]
    } else {
        &["values", "probs"]
    };
    for k in t.keys() {
        if !known.contains(&k.as_str()) {
            return Err(unknown_key(origin, name, k, known));
        }
    }
    let get = |key: &str| {
        t.get(key).ok_or_else(|| {
            InstanceError::new(origin, format!("{name}.{key}"), format!("missing `{key}`"))
        })
    };
    let vals = array(origin, &format!("{name}.values"), get("values")?)?;
    let probs = array(origin, &format!("{name}.probs"), get("probs")?)?;
    limits::types(origin, name, vals.len())?;
    if vals.is_empty() {
        return Err(InstanceError::new(
            origin,
            format!("{name}.values"),
            "needs at least one value",
        ));
    }
    if vals.len() != probs.len() {
        return Err(InstanceError::new(
            origin,
            format!("{name}.probs"),
            format!(
                "has {} entries but `{name}.values` has {}: give one probability per value",
                probs.len(),
                vals.len()
            ),
        ));
    }
    let values = vals
        .iter()
        .enumerate()
        .map(|(i, v)| value(origin, &format!("{name}.values[{i}]"), v, param))
        .collect::<Result<Vec<_>, _>>()?;
    let probs = probs
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let field = format!("{name}.probs[{i}]");
            let p = exact(origin, &field, v)?;
            if !p.is_positive() {
                return Err(InstanceError::new(
                    origin,
                    field,
                    format!(
                        "probability {p} is not positive: every listed value needs a positive probability (remove the value instead)"
                    ),
                ));
            }
            Ok(p)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sum: Rat = probs.iter().sum();
    if sum != Rat::ONE {
        return Err(InstanceError::new(
            origin,
            format!("{name}.probs"),
            format!("probabilities sum to {sum}, not exactly 1"),
        ));
    }
    Ok(Side { values, probs })
}

impl Instance {
    /// Read and validate an instance file.
    pub fn load(path: &Path) -> Result<Instance, InstanceError> {
        let origin = path.display().to_string();
        let bytes = mechcert_cert::read::read_file(path)
            .map_err(|e| InstanceError::new(&origin, "", format!("the file {e}")))?;
        let mut inst = Instance::from_bytes(&bytes, &origin)?;
        if inst.name.is_empty() {
            inst.name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(inst)
    }

    /// Parse and validate the bytes of an instance file (UTF-8 TOML); `origin` names it in
    /// errors. A pure function of its input.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Instance, InstanceError> {
        let text = mechcert_cert::read::utf8(bytes)
            .map_err(|e| InstanceError::new(origin, "", format!("the file {e}")))?;
        Instance::parse(text, origin)
    }

    /// Parse and validate instance text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Instance, InstanceError> {
        if text.len() as u64 > mechcert_cert::limits::MAX_FILE_BYTES {
            return Err(InstanceError::new(
                origin,
                "",
                format!(
                    "{} bytes are more than the limit of {} bytes for an instance",
                    text.len(),
                    mechcert_cert::limits::MAX_FILE_BYTES
                ),
            ));
        }
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let mut first = clip(e.message().trim());
            if first.contains("integer") {
                first.push_str(
                    "; write numbers beyond 64 bits as strings, e.g. \"123456789012345678901234\"",
                );
            }
            let line = e
                .span()
                .map(|s| {
                    format!(
                        " (line {})",
                        text[..s.start.min(text.len())].lines().count().max(1)
                    )
                })
                .unwrap_or_default();
            InstanceError::new(origin, "", format!("not valid TOML{line}: {first}"))
        })?;
        Instance::from_table(&table, origin)
    }

    fn from_table(t: &toml::Table, origin: &str) -> Result<Instance, InstanceError> {
        for k in t.keys() {
            if !TOP_KEYS.contains(&k.as_str()) {
                return Err(unknown_key(origin, "", k, TOP_KEYS));
            }
        }
        let name = match t.get("name") {
            Some(v) => string(origin, "name", v)?.to_string(),
            None => String::new(),
        };
        let source = t
            .get("source")
            .map(|v| string(origin, "source", v))
            .transpose()?
            .map(str::to_string);
        let buyers = match t.get("buyers") {
            None => 1,
            Some(toml::Value::Integer(n)) => match usize::try_from(*n) {
                Ok(n) if (1..=MAX_BUYERS).contains(&n) => n,
                _ => return Err(limits::buyers(origin, &n.to_string())),
            },
            Some(v) => return Err(limits::buyers(origin, type_name(v))),
        };
        let tie_break = match t.get("tie_break") {
            None => TieBreak::default(),
            Some(v) => {
                let s = string(origin, "tie_break", v)?;
                TieBreak::from_name(s).ok_or_else(|| {
                    InstanceError::new(
                        origin,
                        "tie_break",
                        format!(
                            "unknown rule {}: use lowest-index, highest-index or uniform",
                            quote(s)
                        ),
                    )
                })?
            }
        };
        let seller_ties = match t.get("seller_ties") {
            None => SellerTies::default(),
            Some(v) => {
                let s = string(origin, "seller_ties", v)?;
                SellerTies::from_name(s).ok_or_else(|| {
                    InstanceError::new(
                        origin,
                        "seller_ties",
                        format!(
                            "unknown rule {}: use no-trade (the seller keeps the good on a tie) or trade",
                            quote(s)
                        ),
                    )
                })?
            }
        };
        let parameter = match (t.get("parameter"), t.get("domain")) {
            (None, None) => None,
            (None, Some(_)) => {
                return Err(InstanceError::new(
                    origin,
                    "domain",
                    "a domain needs a parameter: add `parameter = \"k\"`",
                ));
            }
            (Some(p), d) => {
                let name = string(origin, "parameter", p)?.trim().to_string();
                let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !ok {
                    return Err(InstanceError::new(
                        origin,
                        "parameter",
                        format!(
                            "{} is not a parameter name: use a letter, e.g. \"k\"",
                            quote(&name)
                        ),
                    ));
                }
                if is_reserved_name(&name) {
                    return Err(InstanceError::new(
                        origin,
                        "parameter",
                        format!(
                            "{} is reserved in certificate formulas (B1, S1, pB1, pS1, m, n, I, FB, FS, min, max, x, xb, xs): use another name, e.g. \"k\"",
                            quote(&name)
                        ),
                    ));
                }
                let domain = match d {
                    None => Interval::all(),
                    Some(d) => {
                        let s = string(origin, "domain", d)?;
                        limits::text(origin, "domain", s, true)?;
                        Interval::parse_domain(s, &name).map_err(|e| {
                            InstanceError::new(
                                origin,
                                "domain",
                                format!("{}: {}", quote(s), clip(&e)),
                            )
                        })?
                    }
                };
                limits::domain(origin, &domain.display_with(&name))?;
                Some(Parameter { name, domain })
            }
        };
        let pname = parameter.as_ref().map(|p| p.name.as_str());
        let is_array = |k: &str| matches!(t.get(k), Some(toml::Value::Array(_)));
        let (buyer, seller, buyers, market) = if is_array("buyer") || is_array("seller") {
            if t.contains_key("buyers") && is_array("buyer") {
                return Err(InstanceError::new(
                    origin,
                    "buyers",
                    "with [[buyer]] tables give each table a `count` of identical buyers instead of `buyers`",
                ));
            }
            let mut bg = market::groups(origin, "buyer", t.get("buyer"), pname)?;
            if !is_array("buyer") {
                bg[0].count = buyers;
            }
            let sg = market::groups(origin, "seller", t.get("seller"), pname)?;
            let identical = bg.windows(2).all(|w| w[0].side == w[1].side);
            if identical && sg.len() == 1 && sg[0].count == 1 {
                // identical buyers and one seller: today's instance
                let count: usize = bg.iter().map(|g| g.count).sum();
                if count > MAX_BUYERS {
                    return Err(limits::buyers(origin, &count.to_string()));
                }
                (bg[0].side.clone(), sg[0].side.clone(), count, None)
            } else {
                let m = Market {
                    buyers: bg,
                    sellers: sg,
                };
                market::validate(
                    origin,
                    &m,
                    parameter.is_some(),
                    t.contains_key("allocation"),
                )?;
                let total = m.counts().0;
                (
                    m.buyers[0].side.clone(),
                    m.sellers[0].side.clone(),
                    total,
                    Some(m),
                )
            }
        } else {
            let buyer = side(origin, "buyer", t.get("buyer"), pname, false)?;
            let seller = side(origin, "seller", t.get("seller"), pname, false)?;
            (buyer, seller, buyers, None)
        };
        let allocation = match t.get("allocation") {
            None => None,
            Some(v) => Some(allocation(
                origin,
                v,
                buyer.values.len(),
                seller.values.len(),
            )?),
        };
        if allocation.is_some() && buyers != 1 {
            return Err(InstanceError::new(
                origin,
                "allocation",
                "an explicit allocation is supported for one buyer only: remove `allocation` or set buyers = 1",
            ));
        }
        if parameter.is_some() {
            let degree = buyer
                .values
                .iter()
                .chain(&seller.values)
                .map(|v| v.degree().unwrap_or(0))
                .max()
                .unwrap_or(0);
            limits::family(origin, buyer.values.len(), seller.values.len(), degree)?;
        }
        Ok(Instance {
            origin: origin.to_string(),
            name,
            source,
            buyers,
            tie_break,
            seller_ties,
            parameter,
            buyer,
            seller,
            allocation,
            market,
        })
    }

    /// Parse the JSON form written by `to_json` (certificates and search results embed it).
    pub fn from_json(v: &serde_json::Value, origin: &str) -> Result<Instance, InstanceError> {
        let table = toml::Table::try_from(v)
            .map_err(|e| InstanceError::new(origin, "", format!("not an instance object: {e}")))?;
        Instance::from_table(&table, origin)
    }
}

fn allocation(
    origin: &str,
    v: &toml::Value,
    m: usize,
    n: usize,
) -> Result<Vec<Vec<Rat>>, InstanceError> {
    let rows = array(origin, "allocation", v)?;
    if rows.len() != m {
        return Err(InstanceError::new(
            origin,
            "allocation",
            format!(
                "has {} rows but there are {m} buyer values: one row per buyer value",
                rows.len()
            ),
        ));
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let field = format!("allocation[{i}]");
            let r = array(origin, &field, r)?;
            if r.len() != n {
                return Err(InstanceError::new(
                    origin,
                    field,
                    format!("has {} entries but there are {n} seller values", r.len()),
                ));
            }
            r.iter()
                .enumerate()
                .map(|(j, v)| {
                    let field = format!("allocation[{i}][{j}]");
                    let x = exact(origin, &field, v)?;
                    if x.is_negative() || x > Rat::ONE {
                        return Err(InstanceError::new(
                            origin,
                            field,
                            format!("{x} is not a probability of trade: use a number from 0 to 1"),
                        ));
                    }
                    Ok(x)
                })
                .collect()
        })
        .collect()
}

/// Names that certificate formulas give a meaning of their own (FORMAT.md): the values and
/// probabilities `B<i>`, `S<i>`, `pB<i>`, `pS<i>`, the sizes `m`, `n`, `I` and the functions.
/// A parameter with one of these names could not be written into a certificate.
fn is_reserved_name(name: &str) -> bool {
    let indexed = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
    };
    ["m", "n", "I", "FB", "FS", "min", "max", "x", "xb", "xs"].contains(&name)
        || ["B", "S", "pB", "pS"].into_iter().any(indexed)
}
