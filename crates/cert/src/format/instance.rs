//! The instance embedded in a certificate, read by the checker's own code: the JSON object
//! of the instance schema (canonical number strings, polynomial values in the parameter,
//! `buyers` a JSON integer or a number string), validated (positive probabilities summing to
//! exactly 1, strictly increasing values on the whole domain), and `Concrete`: the instance
//! at one value of the parameter.

use std::cmp::Ordering;

use num_traits::{One, Signed, Zero};
use serde_json::{Map, Value};

use crate::domain::Domain;
use crate::expr::parse_poly;
use crate::limits::{
    MAX_BUYERS, MAX_ENUMERATED_BUYERS, MAX_MARKET_AGENTS, MAX_TYPES, MAX_VALUE_COEFF_DIGITS,
    MAX_VALUE_DEGREE, op_work,
};
use crate::market::{Agent, Market};
use crate::number::{Q, json_count, json_rat, json_str, json_type, looks_like_number};
use crate::poly::Poly;
use crate::quote::quote;
use crate::work;

/// How ties among the highest buyer reports are broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tie {
    Lowest,
    Highest,
    Uniform,
}

/// A matrix of exact numbers, row-major (`x[i][j]`).
pub type Matrix = Vec<Vec<Q>>;

#[derive(Clone, Debug)]
pub struct Instance {
    pub name: String,
    pub buyers: usize,
    pub tie: Tie,
    /// `seller_ties = "trade"`: trade when B_i = S_j.
    pub ties_trade: bool,
    /// The parameter name and its domain.
    pub param: Option<(String, Domain)>,
    pub bv: Vec<Poly>,
    pub pb: Vec<Q>,
    pub sv: Vec<Poly>,
    pub ps: Vec<Q>,
    pub allocation: Option<Matrix>,
    /// Several sellers or buyers with different distributions (`buyer`/`seller` arrays);
    /// `bv`, `pb`, `sv`, `ps` are then the first agents' and only market quantities apply.
    pub market: Option<Market>,
}

/// The instance at one value of the parameter (or without one).
#[derive(Clone, Debug)]
pub struct Concrete {
    pub b: Vec<Q>,
    pub pb: Vec<Q>,
    pub s: Vec<Q>,
    pub ps: Vec<Q>,
    pub buyers: usize,
    pub tie: Tie,
    pub ties_trade: bool,
    pub allocation: Option<Matrix>,
}

const KEYS: &[&str] = &[
    "name",
    "source",
    "buyers",
    "tie_break",
    "seller_ties",
    "parameter",
    "domain",
    "allocation",
    "buyer",
    "seller",
];

fn field<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key)
}

/// A tie rule: `lowest-index`, `highest-index` or `uniform`.
pub fn parse_tie(v: &Value) -> Result<Tie, String> {
    match json_str(v)? {
        "lowest-index" => Ok(Tie::Lowest),
        "highest-index" => Ok(Tie::Highest),
        "uniform" => Ok(Tie::Uniform),
        s => Err(format!(
            "unknown rule {} (lowest-index, highest-index, uniform)",
            quote(s)
        )),
    }
}

/// A matrix of exact numbers of shape m x n from JSON.
pub fn read_matrix(v: &Value, m: usize, n: usize, what: &str) -> Result<Matrix, String> {
    let rows = v
        .as_array()
        .ok_or_else(|| format!("{what}: expected an array of rows, found {}", json_type(v)))?;
    if rows.len() != m {
        return Err(format!(
            "{what}: has {} rows, expected {m} (one per buyer value)",
            rows.len()
        ));
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r
                .as_array()
                .ok_or_else(|| format!("{what}[{i}]: expected an array, found {}", json_type(r)))?;
            if r.len() != n {
                return Err(format!(
                    "{what}[{i}]: has {} entries, expected {n} (one per seller value)",
                    r.len()
                ));
            }
            r.iter()
                .enumerate()
                .map(|(j, x)| json_rat(x).map_err(|e| format!("{what}[{i}][{j}]: {e}")))
                .collect()
        })
        .collect()
}

/// Check that every entry of an allocation is a probability.
pub fn check_probabilities(x: &Matrix, what: &str) -> Result<(), String> {
    for (i, row) in x.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if v.is_negative() || v > &Q::one() {
                return Err(format!(
                    "{what}[{i}][{j}] = {v} is not a probability of trade (0 to 1)"
                ));
            }
        }
    }
    Ok(())
}

fn bits(q: &Q) -> u64 {
    q.numer().bits() + q.denom().bits()
}

/// The limits of a value that depends on the parameter: degree at most `MAX_VALUE_DEGREE`,
/// every coefficient's numerator and denominator at most `MAX_VALUE_COEFF_DIGITS` digits.
fn value_within_limits(p: &Poly) -> Result<(), String> {
    if p.deg0() > MAX_VALUE_DEGREE {
        return Err(work::refuse(format!(
            "degree {} is beyond the limit of {MAX_VALUE_DEGREE} for a value that depends on the parameter",
            p.deg0()
        )));
    }
    let bound = num_traits::Pow::pow(
        num_bigint::BigInt::from(10),
        u32::try_from(MAX_VALUE_COEFF_DIGITS).unwrap_or(u32::MAX),
    );
    if let Some(c) = p
        .coeffs()
        .iter()
        .find(|c| c.numer().abs() >= bound || c.denom() >= &bound)
    {
        return Err(work::refuse(format!(
            "the coefficient {} has more than {MAX_VALUE_COEFF_DIGITS} digits in its numerator or denominator (the limit for a value that depends on the parameter)",
            quote(&c.to_string())
        )));
    }
    Ok(())
}

fn side(
    o: &Map<String, Value>,
    name: &str,
    param: Option<&str>,
) -> Result<(Vec<Poly>, Vec<Q>), String> {
    let v = field(o, name).ok_or_else(|| {
        format!(
            "missing {name} with `values` and `probs`",
            name = quote(name)
        )
    })?;
    side_object(v, name, param, false)
}

/// One distribution: an object with `values` and `probs` (and `count` when `counted`, read
/// by the caller).
fn side_object(
    v: &Value,
    name: &str,
    param: Option<&str>,
    counted: bool,
) -> Result<(Vec<Poly>, Vec<Q>), String> {
    let t = v.as_object().ok_or_else(|| {
        format!(
            "{name}: expected an object, found {}",
            json_type(v),
            name = quote(name)
        )
    })?;
    for k in t.keys() {
        if k != "values" && k != "probs" && !(counted && k == "count") {
            return Err(format!(
                "{name}: unknown key {} (known: values, probs{})",
                quote(k),
                if counted { ", count" } else { "" },
                name = quote(name)
            ));
        }
    }
    let arr = |key: &str| -> Result<&Vec<Value>, String> {
        let a = t
            .get(key)
            .ok_or_else(|| format!("`{name}.{key}`: missing"))?;
        a.as_array()
            .ok_or_else(|| format!("`{name}.{key}`: expected an array, found {}", json_type(a)))
    };
    let vals = arr("values")?;
    let probs = arr("probs")?;
    if vals.is_empty() {
        return Err(format!("`{name}.values`: needs at least one value"));
    }
    if vals.len() > MAX_TYPES {
        return Err(work::refuse(format!(
            "`{name}.values`: {} values are more than the limit of {MAX_TYPES} per side",
            vals.len()
        )));
    }
    if vals.len() != probs.len() {
        return Err(format!(
            "`{name}.probs` has {} entries but `{name}.values` has {}",
            probs.len(),
            vals.len()
        ));
    }
    let values = vals
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // a number is an exact number in canonical form; only an instance with a
            // parameter has values that are polynomials
            let r = match v {
                Value::String(s) if param.is_some() && !looks_like_number(s) => {
                    parse_poly(s, param).and_then(|p| value_within_limits(&p).map(|()| p))
                }
                other => json_rat(other).map(Poly::constant),
            };
            r.map_err(|e| format!("`{name}.values[{i}]`: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let probs = probs
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let p = json_rat(v).map_err(|e| format!("`{name}.probs[{i}]`: {e}"))?;
            if !p.is_positive() {
                return Err(format!("`{name}.probs[{i}]` = {p} is not positive"));
            }
            Ok(p)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut sum = Q::zero();
    for p in &probs {
        work::charge(op_work(bits(&sum), bits(p)), || {
            format!("the sum of `{name}.probs`")
        })?;
        sum += p;
    }
    if !sum.is_one() {
        return Err(format!("`{name}.probs` sum to {sum}, not exactly 1"));
    }
    Ok((values, probs))
}

/// The agents of one side of a market: an array of objects with `values`, `probs` and an
/// optional `count` (1 to `MAX_MARKET_AGENTS`), expanded one agent per copy.
fn market_side(o: &Map<String, Value>, name: &str) -> Result<Vec<Agent>, String> {
    let v = field(o, name).ok_or_else(|| format!("missing {}", quote(name)))?;
    let groups: Vec<(String, &Value)> = match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, g)| (format!("{name}[{i}]"), g))
            .collect(),
        other => vec![(name.to_string(), other)],
    };
    if groups.is_empty() || groups.len() > MAX_MARKET_AGENTS {
        return Err(format!(
            "`{name}`: a market has 1 to {MAX_MARKET_AGENTS} agents per side"
        ));
    }
    let mut out = vec![];
    for (at, g) in groups {
        let (values, probs) = side_object(g, &at, None, true)?;
        let count = match g.get("count") {
            None => 1,
            Some(c) => {
                json_count(c, MAX_MARKET_AGENTS as u64).map_err(|e| format!("`{at}.count`: {e}"))?
            }
        };
        if count == 0 || out.len() as u64 + count > MAX_MARKET_AGENTS as u64 {
            return Err(format!(
                "`{at}.count`: a market has 1 to {MAX_MARKET_AGENTS} agents per side"
            ));
        }
        let values: Vec<Q> = values
            .iter()
            .map(|p| p.as_constant().expect("no parameter: constants"))
            .collect();
        if values.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("`{at}.values` are not strictly increasing"));
        }
        for _ in 0..count {
            out.push(Agent {
                values: values.clone(),
                probs: probs.clone(),
            });
        }
    }
    Ok(out)
}

impl Instance {
    /// Read and validate the instance object.
    pub fn parse(v: &Value) -> Result<Instance, String> {
        let o = v
            .as_object()
            .ok_or_else(|| format!("expected an object, found {}", json_type(v)))?;
        for k in o.keys() {
            if !KEYS.contains(&k.as_str()) {
                return Err(format!(
                    "unknown key {} (known: {})",
                    quote(k),
                    KEYS.join(", ")
                ));
            }
        }
        let name = match field(o, "name") {
            Some(v) => json_str(v).map_err(|e| format!("`name`: {e}"))?.to_string(),
            None => String::new(),
        };
        if let Some(v) = field(o, "source") {
            json_str(v).map_err(|e| format!("`source`: {e}"))?;
        }
        let buyers = match field(o, "buyers") {
            None => 1,
            Some(v) => {
                let b = json_count(v, MAX_BUYERS as u64).map_err(|e| format!("`buyers`: {e}"))?;
                if b == 0 {
                    return Err("`buyers`: needs at least one buyer".into());
                }
                usize::try_from(b).map_err(|_| "`buyers`: too many".to_string())?
            }
        };
        let tie = match field(o, "tie_break") {
            None => Tie::Lowest,
            Some(v) => parse_tie(v).map_err(|e| format!("`tie_break`: {e}"))?,
        };
        let ties_trade = match field(o, "seller_ties") {
            None => false,
            Some(v) => match json_str(v).map_err(|e| format!("`seller_ties`: {e}"))? {
                "no-trade" => false,
                "trade" => true,
                s => {
                    return Err(format!(
                        "`seller_ties`: unknown rule {} (no-trade, trade)",
                        quote(s)
                    ));
                }
            },
        };
        let param = match (field(o, "parameter"), field(o, "domain")) {
            (None, None) => None,
            (None, Some(_)) => return Err("`domain` without `parameter`".into()),
            (Some(p), d) => {
                let p = json_str(p).map_err(|e| format!("`parameter`: {e}"))?.trim();
                let ok = p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !ok || is_reserved(p) {
                    return Err(format!(
                        "`parameter`: {} is not a usable parameter name",
                        quote(p)
                    ));
                }
                let dom = match d {
                    None => Domain::all(),
                    Some(d) => {
                        let s = json_str(d).map_err(|e| format!("`domain`: {e}"))?;
                        Domain::parse(s, p)?
                    }
                };
                Some((p.to_string(), dom))
            }
        };
        let pname = param.as_ref().map(|(p, _)| p.as_str());
        let is_array = |k: &str| matches!(field(o, k), Some(Value::Array(_)));
        let market = if is_array("buyer") || is_array("seller") {
            if param.is_some() {
                return Err("a market ([[buyer]]/[[seller]] arrays) has no parameter".into());
            }
            if field(o, "allocation").is_some() {
                return Err("`allocation` is for one buyer and one seller only".into());
            }
            if is_array("buyer") && field(o, "buyers").is_some() {
                return Err("`buyers`: a market gives each buyer's `count`".into());
            }
            let mut buyers_of = market_side(o, "buyer")?;
            if !is_array("buyer") {
                let copy = buyers_of[0].clone();
                buyers_of = vec![copy; buyers];
            }
            let m = Market {
                buyers: buyers_of,
                sellers: market_side(o, "seller")?,
                tie,
                ties_trade,
            };
            if m.sellers.len() == 1
                && m.buyers.windows(2).all(|w| w[0] == w[1])
                && m.buyers.len() <= MAX_MARKET_AGENTS
            {
                // not canonical: mechcert writes one seller and identical buyers as today's
                // `buyer`, `seller` and `buyers`
                return Err(
                    "one seller and identical buyers are written as `buyer`, `seller` and `buyers`"
                        .into(),
                );
            }
            Some(m)
        } else {
            None
        };
        let (bv, pb, sv, ps, buyers) = match &market {
            Some(m) => {
                let c = |a: &Agent| {
                    a.values
                        .iter()
                        .cloned()
                        .map(Poly::constant)
                        .collect::<Vec<_>>()
                };
                (
                    c(&m.buyers[0]),
                    m.buyers[0].probs.clone(),
                    c(&m.sellers[0]),
                    m.sellers[0].probs.clone(),
                    m.buyers.len(),
                )
            }
            None => {
                let (bv, pb) = side(o, "buyer", pname)?;
                let (sv, ps) = side(o, "seller", pname)?;
                (bv, pb, sv, ps, buyers)
            }
        };
        let allocation = match field(o, "allocation") {
            None => None,
            Some(v) => {
                let x = read_matrix(v, bv.len(), sv.len(), "`allocation`")?;
                check_probabilities(&x, "`allocation`")?;
                if buyers != 1 {
                    return Err("`allocation` is for one buyer only".into());
                }
                Some(x)
            }
        };
        let inst = Instance {
            name,
            buyers,
            tie,
            ties_trade,
            param,
            bv,
            pb,
            sv,
            ps,
            allocation,
            market,
        };
        inst.check_increasing()?;
        Ok(inst)
    }

    /// Values strictly increasing on each side, on the whole domain.
    fn check_increasing(&self) -> Result<(), String> {
        for (side, vals) in [("buyer", &self.bv), ("seller", &self.sv)] {
            for i in 1..vals.len() {
                let diff = vals[i].sub(&vals[i - 1]);
                let ok = match &self.param {
                    None => diff.as_constant().is_some_and(|c| c.is_positive()),
                    Some((_, d)) => d.constant_sign(&diff) == Some(Ordering::Greater),
                };
                if !ok {
                    let p = self.param_name();
                    return Err(format!(
                        "`{side}.values`: {} is not strictly greater than {} {}",
                        vals[i].display_with(p),
                        vals[i - 1].display_with(p),
                        match &self.param {
                            None => String::new(),
                            Some((p, d)) => format!("on the whole domain {}", d.display_with(p)),
                        }
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn param_name(&self) -> &str {
        self.param.as_ref().map_or("k", |(p, _)| p.as_str())
    }

    /// The instance at parameter value `k` (which must lie in the domain).
    pub fn at(&self, k: Option<&Q>) -> Result<Concrete, String> {
        let ev = |v: &Vec<Poly>| -> Result<Vec<Q>, String> {
            match (k, &self.param) {
                (Some(k), Some((p, d))) => {
                    if !d.contains(k) {
                        return Err(format!(
                            "{p} = {k} is outside the domain {}",
                            d.display_with(p)
                        ));
                    }
                    Ok(v.iter().map(|x| x.eval(k)).collect())
                }
                (None, None) => Ok(v
                    .iter()
                    .map(|x| x.as_constant().expect("no parameter: constant values"))
                    .collect()),
                (None, Some((p, d))) => Err(format!(
                    "this quantity needs a concrete instance, but the instance has parameter {p} on {}; use `poly-identity`",
                    d.display_with(p),
                    p = quote(p)
                )),
                (Some(_), None) => Err("the instance has no parameter".into()),
            }
        };
        let c = Concrete {
            b: ev(&self.bv)?,
            pb: self.pb.clone(),
            s: ev(&self.sv)?,
            ps: self.ps.clone(),
            buyers: self.buyers,
            tie: self.tie,
            ties_trade: self.ties_trade,
            allocation: self.allocation.clone(),
        };
        for (side, v) in [("buyer", &c.b), ("seller", &c.s)] {
            if v.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("{side} values are not strictly increasing"));
            }
        }
        Ok(c)
    }

    /// The instance itself when it has no parameter, or at the point of a one-point domain.
    pub fn concrete(&self) -> Result<Concrete, String> {
        match &self.param {
            Some((_, d)) => match d.point() {
                Some(p) => self.at(Some(p)),
                None => self.at(None),
            },
            None => self.at(None),
        }
    }

    /// Prove that the order of every buyer value against every seller value is the same on
    /// the whole domain (then every quantity of the instance is a polynomial in the
    /// parameter there). Returns the first pair whose order changes.
    pub fn order_constant(&self) -> Result<(), String> {
        let Some((p, d)) = &self.param else {
            return Ok(());
        };
        for (i, b) in self.bv.iter().enumerate() {
            for (j, s) in self.sv.iter().enumerate() {
                if d.constant_sign(&b.sub(s)).is_none() {
                    return Err(format!(
                        "the order of B{} = {} and S{} = {} is not the same on the whole domain {}",
                        i + 1,
                        b.display_with(p),
                        j + 1,
                        s.display_with(p),
                        d.display_with(p)
                    ));
                }
            }
        }
        Ok(())
    }

    /// The largest degree of a value polynomial.
    pub fn value_degree(&self) -> usize {
        self.bv
            .iter()
            .chain(&self.sv)
            .map(Poly::deg0)
            .max()
            .unwrap_or(0)
    }
}

/// Names that cannot be the parameter (they are formula symbols or functions).
fn is_reserved(p: &str) -> bool {
    let indexed = |prefix: &str| {
        p.strip_prefix(prefix)
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
    };
    crate::expr::is_function(p)
        || ["m", "n", "I"].contains(&p)
        || indexed("B")
        || indexed("S")
        || indexed("pB")
        || indexed("pS")
}

impl Concrete {
    pub fn m(&self) -> usize {
        self.b.len()
    }

    pub fn n(&self) -> usize {
        self.s.len()
    }

    /// Does the efficient allocation trade at (B_i, S_j)?
    pub fn trades(&self, i: usize, j: usize) -> bool {
        match self.b[i].cmp(&self.s[j]) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => self.ties_trade,
        }
    }

    /// x*: 1 where the buyer and seller trade, else 0.
    pub fn efficient(&self) -> Matrix {
        (0..self.m())
            .map(|i| {
                (0..self.n())
                    .map(|j| {
                        if self.trades(i, j) {
                            Q::one()
                        } else {
                            Q::zero()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// xb(i) = Σ_j pS_j x(i, j).
    pub fn xb(&self, x: &Matrix) -> Vec<Q> {
        x.iter()
            .map(|row| row.iter().zip(&self.ps).map(|(a, p)| a * p).sum())
            .collect()
    }

    /// xs(j) = Σ_i pB_i x(i, j).
    pub fn xs(&self, x: &Matrix) -> Vec<Q> {
        (0..self.n())
            .map(|j| x.iter().zip(&self.pb).map(|(row, p)| &row[j] * p).sum())
            .collect()
    }

    /// The number of report profiles m^I n, if at most `limit` (and I <=
    /// `MAX_ENUMERATED_BUYERS`: with one buyer type the count stays small but the work grows
    /// with I^2 per profile).
    pub fn profiles(&self, limit: u64) -> Result<u64, String> {
        if self.buyers > MAX_ENUMERATED_BUYERS {
            return Err(format!(
                "{} buyers are too many to enumerate (at most {MAX_ENUMERATED_BUYERS})",
                self.buyers
            ));
        }
        let mut c = u64::try_from(self.n()).map_err(|_| "too many seller values".to_string())?;
        let m = u64::try_from(self.m()).map_err(|_| "too many buyer values".to_string())?;
        for _ in 0..self.buyers {
            c = c.checked_mul(m).filter(|&c| c <= limit).ok_or_else(|| {
                format!(
                    "{}^{} x {} report profiles exceed the limit of {limit}",
                    self.m(),
                    self.buyers,
                    self.n()
                )
            })?;
        }
        if c > limit {
            return Err(format!("{c} report profiles exceed the limit of {limit}"));
        }
        Ok(c)
    }
}

/// Test instances: one builder for every test module of the checker.
#[cfg(test)]
impl Concrete {
    /// Integer values, every type equally likely, one buyer, lowest-index ties, no trade on a
    /// buyer-seller tie.
    pub fn uniform(b: &[i64], s: &[i64]) -> Concrete {
        let count = |v: &[i64]| i64::try_from(v.len()).expect("few types");
        let ints = |v: &[i64]| v.iter().map(|&x| crate::number::int(x)).collect::<Vec<_>>();
        Concrete::of(
            &ints(b),
            &vec![crate::number::frac(1, count(b)); b.len()],
            &ints(s),
            &vec![crate::number::frac(1, count(s)); s.len()],
        )
    }

    /// Values and probabilities as given, one buyer, lowest-index ties, no trade on a tie.
    pub fn of(b: &[Q], pb: &[Q], s: &[Q], ps: &[Q]) -> Concrete {
        Concrete {
            b: b.to_vec(),
            pb: pb.to_vec(),
            s: s.to_vec(),
            ps: ps.to_vec(),
            buyers: 1,
            tie: Tie::Lowest,
            ties_trade: false,
            allocation: None,
        }
    }

    pub fn with_buyers(mut self, buyers: usize) -> Concrete {
        self.buyers = buyers;
        self
    }

    pub fn with_tie(mut self, tie: Tie) -> Concrete {
        self.tie = tie;
        self
    }

    pub fn with_ties_trade(mut self, ties_trade: bool) -> Concrete {
        self.ties_trade = ties_trade;
        self
    }
}
