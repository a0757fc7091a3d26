//! Quantities: each is recomputed from the instance by the checker's own code and compared
//! with its recorded `value`. Kinds: `formula`, `vcg-prime-surplus`, `vcg-surplus`,
//! `tight-surplus`, `tight-interim`, `transfer`, `welfare`, `implementable`, `lp`, `mechanism`,
//! `poly-identity`, `poly-sign`, `has-parameter`.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::formula::{FormulaScope, evaluate};
use crate::instance::{Concrete, Instance, Matrix, check_probabilities, parse_tie, read_matrix};
use crate::limits::{MAX_BUYERS, SURPLUS_BY_ENUMERATION_UP_TO, op_work};
use crate::market::Market;
use crate::models;
use crate::multi::{self, Bb, MAX_PROFILES, Mechanism, TableMech};
use crate::multiset::{self, Which};
use crate::number::{Q, fmt_rat, json_bool, json_count, json_rat, json_str, json_type};
use crate::poly::{MAX_DEGREE, Poly};
use crate::properties::{self, PropertyResult};
use crate::quote::quote;
use crate::sign;
use crate::single::{self, Tables};
use crate::work;

/// The value of a quantity.
#[derive(Clone, Debug, PartialEq)]
pub enum QVal {
    Num(Q),
    Bool(bool),
    Props(Vec<(String, PropertyResult)>),
}

impl QVal {
    pub fn describe(&self) -> String {
        match self {
            QVal::Num(q) => fmt_rat(q),
            QVal::Bool(b) => b.to_string(),
            QVal::Props(p) => format!("{} properties", p.len()),
        }
    }
}

/// Where a quantity sits in the certificate, for `{name}` references: the values of the
/// quantities before it, the names after it, and its own name.
pub struct Ctx<'a> {
    pub earlier: &'a HashMap<String, QVal>,
    pub later: &'a [String],
    pub own: &'a str,
}

impl Ctx<'_> {
    /// The value of `{name}`: an earlier numeric quantity.
    pub fn lookup(&self, name: &str) -> Result<Q, String> {
        let (r, quoted) = (quote(&format!("{{{name}}}")), quote(name));
        match self.earlier.get(name) {
            Some(QVal::Num(q)) => Ok(q.clone()),
            Some(other) => Err(format!(
                "{r}: quantity {quoted} is not a number (it is {})",
                other.describe()
            )),
            None if name == self.own => Err(format!("{r}: a quantity cannot refer to itself")),
            None if self.later.iter().any(|n| n == name) => Err(format!(
                "{r}: quantity {quoted} comes later in the certificate (a formula may only refer to earlier quantities)"
            )),
            None => Err(format!("{r}: no quantity named {quoted}")),
        }
    }
}

const COMMON: &[&str] = &["name", "kind", "value", "note"];

const KINDS: &str = "formula, market, market-sellers, market-surplus, vcg-prime-surplus, vcg-surplus, tight-surplus, tight-interim, transfer, welfare, implementable, lp, mechanism, poly-identity, poly-sign, has-parameter";

fn kind_fields(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "formula" => &["expr", "allocation"],
        "vcg-prime-surplus" | "vcg-surplus" => &["buyers", "tie_break"],
        "tight-surplus" | "welfare" | "implementable" => &["allocation"],
        "tight-interim" => &["allocation", "side", "index"],
        "transfer" => &["mechanism", "side", "profile"],
        "has-parameter" => &[],
        "market" | "market-sellers" => &[],
        "market-surplus" => &["mechanism"],
        "lp" => &["model", "options", "status", "x", "y"],
        "mechanism" => &["tables", "named", "properties"],
        "poly-identity" => &["poly", "of", "degree_bound"],
        "poly-sign" => &["poly", "pieces"],
        _ => return None,
    })
}

fn check_keys(o: &Map<String, Value>, kind: &str, nested: bool) -> Result<(), String> {
    if let Some(n) = o.get("note") {
        json_str(n).map_err(|e| format!("`note`: {e}"))?;
    }
    let fields = kind_fields(kind)
        .ok_or_else(|| format!("unknown kind {kind} ({KINDS})", kind = quote(kind)))?;
    for k in o.keys() {
        let common = COMMON.contains(&k.as_str()) && (!nested || k == "kind" || k == "note");
        if !common && !fields.contains(&k.as_str()) {
            return Err(format!(
                "unknown field {k} for kind {kind}",
                k = quote(k),
                kind = quote(kind)
            ));
        }
    }
    Ok(())
}

fn req<'a>(o: &'a Map<String, Value>, key: &str) -> Result<&'a Value, String> {
    o.get(key)
        .ok_or_else(|| format!("missing field {key}", key = quote(key)))
}

fn single_buyer(c: &Concrete, kind: &str) -> Result<(), String> {
    if c.buyers != 1 {
        return Err(format!(
            "kind {kind} is for one buyer; the instance has {}",
            c.buyers,
            kind = quote(kind)
        ));
    }
    Ok(())
}

/// The allocation of a quantity: its `allocation` field (numbers or formulas evaluated in
/// `scope`), else the instance's, else x*.
fn allocation(
    o: &Map<String, Value>,
    scope: &FormulaScope<'_>,
    c: &Concrete,
) -> Result<Matrix, String> {
    match o.get("allocation") {
        Some(v) => scope.read_numbers(v, "`allocation`"),
        None => Ok(c.allocation.clone().unwrap_or_else(|| c.efficient())),
    }
}

/// Π of VCG' or VCG with the quantity's `buyers` and `tie_break` (default: the
/// instance's): every profile enumerated when there are at most `SURPLUS_BY_ENUMERATION_UP_TO`,
/// else the multisets of buyer types.
fn vcg_surplus(o: &Map<String, Value>, c: &Concrete, which: Which) -> Result<Q, String> {
    let mut c = c.clone();
    if let Some(v) = o.get("buyers") {
        let b = json_count(v, MAX_BUYERS as u64).map_err(|e| format!("`buyers`: {e}"))?;
        if b == 0 {
            return Err("`buyers`: needs at least one buyer".into());
        }
        c.buyers = usize::try_from(b).map_err(|_| "`buyers`: too many".to_string())?;
    }
    if let Some(v) = o.get("tie_break") {
        c.tie = parse_tie(v).map_err(|e| format!("`tie_break`: {e}"))?;
    }
    match c.profiles(SURPLUS_BY_ENUMERATION_UP_TO.min(MAX_PROFILES)) {
        Ok(_) => {
            let mech = match which {
                Which::VcgPrime => multi::vcg_prime(&c),
                Which::Vcg => multi::vcg(&c),
            };
            Ok(multi::interim(&c, mech.as_ref())?.surplus)
        }
        Err(e) => multiset::surplus(&c, which).map_err(|m| format!("{e}, and {m}")),
    }
}

/// The `side` field: `"buyer"` (true) or `"seller"` (false).
fn buyer_side(o: &Map<String, Value>) -> Result<bool, String> {
    match json_str(req(o, "side")?).map_err(|e| format!("`side`: {e}"))? {
        "buyer" => Ok(true),
        "seller" => Ok(false),
        s => Err(format!(
            "`side`: {s} is not `buyer` or `seller`",
            s = quote(s)
        )),
    }
}

/// `side` and `index` of a `tight-interim` quantity: (buyer?, 0-based index).
fn interim_side(o: &Map<String, Value>, c: &Concrete) -> Result<(bool, usize), String> {
    let buyer = buyer_side(o)?;
    let len = if buyer { c.m() } else { c.n() };
    let i = json_count(req(o, "index")?, u64::MAX).map_err(|e| format!("`index`: {e}"))?;
    match usize::try_from(i) {
        Ok(i) if (1..=len).contains(&i) => Ok((buyer, i - 1)),
        _ => Err(format!(
            "`index`: {i} is out of range 1..{len} (the {} values)",
            if buyer { "buyer" } else { "seller" }
        )),
    }
}

/// A `transfer` quantity: the ex post transfer of VCG or VCG' (one buyer) paid by the buyer or
/// received by the seller at the profile `[i, j]` (1-based: B_i, S_j).
fn transfer(o: &Map<String, Value>, c: &Concrete) -> Result<Q, String> {
    let tables = match json_str(req(o, "mechanism")?).map_err(|e| format!("`mechanism`: {e}"))? {
        "vcg" => single::vcg(c),
        "vcg-prime" => single::vcg_prime(c),
        s => {
            return Err(format!(
                "`mechanism`: {s} is not `vcg` or `vcg-prime`",
                s = quote(s)
            ));
        }
    };
    let buyer = buyer_side(o)?;
    let profile = req(o, "profile")?
        .as_array()
        .filter(|a| a.len() == 2)
        .ok_or("`profile`: expected [i, j], the buyer and seller value indices")?;
    let index = |v: &Value, len: usize, who: &str| -> Result<usize, String> {
        let i = json_count(v, u64::MAX).map_err(|e| format!("`profile`: {e}"))?;
        match usize::try_from(i) {
            Ok(i) if (1..=len).contains(&i) => Ok(i - 1),
            _ => Err(format!(
                "`profile`: {i} is out of range 1..{len} (the {who} values)"
            )),
        }
    };
    let (i, j) = (
        index(&profile[0], c.m(), "buyer")?,
        index(&profile[1], c.n(), "seller")?,
    );
    Ok(if buyer { &tables.tb } else { &tables.ts }[i][j].clone())
}

/// The kinds whose value is a number computable on a concrete instance.
fn number_at(
    o: &Map<String, Value>,
    kind: &str,
    inst: &Instance,
    c: &Concrete,
    k: Option<&Q>,
    ctx: &Ctx<'_>,
) -> Result<Q, String> {
    let constant = |p: Poly| {
        p.as_constant()
            .ok_or_else(|| "the formula depends on the parameter".to_string())
    };
    let refs = |name: &str| ctx.lookup(name);
    let scope = FormulaScope::concrete(inst, c, k, &refs);
    match kind {
        "formula" => {
            let e = json_str(req(o, "expr")?).map_err(|e| format!("`expr`: {e}"))?;
            let scope = match o.get("allocation") {
                Some(v) => {
                    let x = scope.read_allocation(v, "`allocation`")?;
                    scope.with_allocation(x)
                }
                None => scope,
            };
            constant(evaluate(e, &scope)?)
        }
        "vcg-prime-surplus" => vcg_surplus(o, c, Which::VcgPrime),
        "vcg-surplus" => vcg_surplus(o, c, Which::Vcg),
        "tight-surplus" => {
            single_buyer(c, kind)?;
            Ok(single::tight_surplus(c, &allocation(o, &scope, c)?))
        }
        "tight-interim" => {
            single_buyer(c, kind)?;
            let (buyer, i) = interim_side(o, c)?;
            let (tb, ts) = single::tight_interim(c, &allocation(o, &scope, c)?);
            Ok(if buyer { tb } else { ts }.swap_remove(i))
        }
        "welfare" => {
            single_buyer(c, kind)?;
            Ok(single::welfare(c, &allocation(o, &scope, c)?))
        }
        "transfer" => {
            single_buyer(c, kind)?;
            transfer(o, c)
        }
        _ => Err(format!(
            "kind {kind} has no numeric value here",
            kind = quote(kind)
        )),
    }
}

fn read_props(v: &Value) -> Result<Vec<String>, String> {
    let arr = v
        .as_array()
        .ok_or_else(|| format!("`properties`: expected an array, found {}", json_type(v)))?;
    let mut out: Vec<String> = vec![];
    for p in arr {
        let s = json_str(p).map_err(|e| format!("`properties`: {e}"))?;
        if out.iter().any(|x| x == s) {
            return Err(format!("`properties`: {s} listed twice", s = quote(s)));
        }
        out.push(s.to_string());
    }
    if out.is_empty() {
        return Err("`properties` is empty".into());
    }
    Ok(out)
}

fn mechanism(o: &Map<String, Value>, c: &Concrete) -> Result<QVal, String> {
    let props = read_props(req(o, "properties")?)?;
    let mech: Box<dyn Mechanism> = match (o.get("tables"), o.get("named")) {
        (Some(t), None) => {
            single_buyer(c, "mechanism` with `tables")?;
            let t = t
                .as_object()
                .ok_or("`tables`: expected an object with x, tb, ts")?;
            if let Some(k) = t.keys().find(|k| !["x", "tb", "ts"].contains(&k.as_str())) {
                return Err(format!("`tables.{k}`: unknown table (x, tb, ts)"));
            }
            let get = |k: &str| -> Result<Matrix, String> {
                read_matrix(
                    t.get(k).ok_or_else(|| format!("`tables.{k}`: missing"))?,
                    c.m(),
                    c.n(),
                    &format!("`tables.{k}`"),
                )
            };
            let x = get("x")?;
            check_probabilities(&x, "`tables.x`")?;
            Box::new(TableMech(Tables {
                x,
                tb: get("tb")?,
                ts: get("ts")?,
            }))
        }
        (None, Some(n)) => {
            let n = n.as_object().ok_or("`named`: expected an object")?;
            if let Some(k) = n
                .keys()
                .find(|k| !["mechanism", "alpha"].contains(&k.as_str()))
            {
                return Err(format!("`named.{k}`: unknown key (mechanism, alpha)"));
            }
            let name = json_str(req(n, "mechanism").map_err(|e| format!("`named`: {e}"))?)
                .map_err(|e| format!("`named.mechanism`: {e}"))?;
            let alpha = n.get("alpha");
            if name != "bb" && alpha.is_some() {
                return Err(format!(
                    "`named.alpha` is only for bb, not {name}",
                    name = quote(name)
                ));
            }
            match name {
                "vcg" => multi::vcg(c),
                "vcg-prime" => multi::vcg_prime(c),
                "bb" => {
                    let a = json_rat(alpha.ok_or("`named`: bb needs `alpha`")?)
                        .map_err(|e| format!("`named.alpha`: {e}"))?;
                    Box::new(Bb::new(c, &a)?)
                }
                s => {
                    return Err(format!(
                        "`named.mechanism`: unknown {s} (vcg, vcg-prime, bb)",
                        s = quote(s)
                    ));
                }
            }
        }
        _ => return Err("a mechanism has exactly one of `tables` and `named`".into()),
    };
    Ok(QVal::Props(properties::check(c, mech.as_ref(), &props)?))
}

/// The market of the instance: its agents, or `buyers` identical buyers and one seller.
fn market_of(inst: &Instance, c: &Concrete) -> Market {
    inst.market
        .clone()
        .unwrap_or_else(|| Market::of_concrete(c))
}

/// `market-surplus`: the expected budget surplus of VCG or VCG' on the market (Section 7.2).
fn market_surplus(o: &Map<String, Value>, inst: &Instance, c: &Concrete) -> Result<Q, String> {
    let prime = match json_str(req(o, "mechanism")?).map_err(|e| format!("`mechanism`: {e}"))? {
        "vcg" => false,
        "vcg-prime" => true,
        s => {
            return Err(format!(
                "`mechanism`: {s} is not `vcg` or `vcg-prime`",
                s = quote(s)
            ));
        }
    };
    market_of(inst, c).surplus(prime)
}

fn lp(
    o: &Map<String, Value>,
    inst: &Instance,
    c: &Concrete,
    scope: &FormulaScope<'_>,
) -> Result<QVal, String> {
    let model = json_str(req(o, "model")?).map_err(|e| format!("`model`: {e}"))?;
    let read = |v: &Value, what: &str| scope.read_numbers(v, what);
    let lp = if model.starts_with("market-") {
        if !["market-max-surplus", "market-bb-feasible"].contains(&model) {
            return Err(format!(
                "unknown model {m} (market models: market-max-surplus, market-bb-feasible)",
                m = quote(model)
            ));
        }
        if o.get("options")
            .is_some_and(|v| v.as_object().is_none_or(|m| !m.is_empty()))
        {
            return Err(format!("model {m} takes no options", m = quote(model)));
        }
        market_of(inst, c).lp(model)?
    } else if inst.market.is_some() {
        return Err(format!(
            "model {m} is for one seller and identical buyers; this instance is a market",
            m = quote(model)
        ));
    } else {
        models::build(model, o.get("options"), c, &read)?
    };
    let status = json_str(req(o, "status")?).map_err(|e| format!("`status`: {e}"))?;
    let nonempty = |k: &str| {
        o.get(k)
            .is_some_and(|v| v.as_object().is_none_or(|m| !m.is_empty()))
    };
    match status {
        "optimal" => {
            let x = lp.read_names(o.get("x"), false, "x")?;
            let y = lp.read_names(o.get("y"), true, "y")?;
            lp.charge(&x, &y)?;
            Ok(QVal::Num(lp.verify_optimal(&x, &y)?))
        }
        "feasible" => {
            if nonempty("y") {
                return Err("status feasible takes no `y`".into());
            }
            let x = lp.read_names(o.get("x"), false, "x")?;
            lp.charge(&x, &[])?;
            lp.check_primal(&x)?;
            Ok(QVal::Bool(true))
        }
        "infeasible" => {
            if nonempty("x") {
                return Err("status infeasible takes no `x`".into());
            }
            let y = lp.read_names(o.get("y"), true, "y")?;
            lp.charge(&[], &y)?;
            lp.verify_infeasible(&y)?;
            Ok(QVal::Bool(false))
        }
        s => Err(format!(
            "`status`: unknown {s} (optimal, feasible, infeasible)",
            s = quote(s)
        )),
    }
}

fn param_poly(o: &Map<String, Value>, inst: &Instance) -> Result<Poly, String> {
    let (p, _) = inst.param.as_ref().ok_or("the instance has no parameter")?;
    let s = json_str(req(o, "poly")?).map_err(|e| format!("`poly`: {e}"))?;
    crate::expr::parse_poly(s, Some(p)).map_err(|e| format!("`poly`: {e}"))
}

const IDENTITY_KINDS: &[&str] = &[
    "formula",
    "vcg-prime-surplus",
    "vcg-surplus",
    "tight-surplus",
    "tight-interim",
    "welfare",
];

/// The checker's own proof that the quantity `of` is a polynomial on the domain, and its
/// bound on the degree: symbolic evaluation for formulas (with a symbolic allocation);
/// otherwise a constant order of buyer against seller values, and allocation entries that
/// are polynomials (the quantity's degree is at most the values' plus the entries').
fn own_degree(
    of: &Map<String, Value>,
    kind: &str,
    inst: &Instance,
    ctx: &Ctx<'_>,
) -> Result<usize, String> {
    let refs = |name: &str| ctx.lookup(name);
    let scope = FormulaScope::symbolic(inst, &refs);
    let alloc = match of.get("allocation") {
        None => None,
        Some(v) => Some(scope.read_allocation(v, "`of.allocation`")?),
    };
    if kind == "formula" {
        let e = json_str(req(of, "expr").map_err(|e| format!("`of`: {e}"))?)
            .map_err(|e| format!("`of.expr`: {e}"))?;
        let scope = match alloc {
            Some(x) => scope.with_allocation(x),
            None => scope,
        };
        evaluate(e, &scope).map(|p| p.deg0())
    } else {
        inst.order_constant()?;
        let d = alloc
            .iter()
            .flatten()
            .flatten()
            .map(Poly::deg0)
            .max()
            .unwrap_or(0);
        Ok(inst.value_degree() + d)
    }
}

fn poly_identity(o: &Map<String, Value>, inst: &Instance, ctx: &Ctx<'_>) -> Result<QVal, String> {
    let poly = param_poly(o, inst)?;
    let (pname, dom) = inst.param.as_ref().expect("param_poly checked it");
    let of = req(o, "of")?
        .as_object()
        .ok_or("`of`: expected a quantity object")?;
    let kind = json_str(req(of, "kind").map_err(|e| format!("`of`: {e}"))?)
        .map_err(|e| format!("`of.kind`: {e}"))?;
    if !IDENTITY_KINDS.contains(&kind) {
        return Err(format!(
            "`of.kind`: {kind} is not allowed (allowed: {})",
            IDENTITY_KINDS.join(", "),
            kind = quote(kind)
        ));
    }
    check_keys(of, kind, true).map_err(|e| format!("`of`: {e}"))?;
    let bound = json_count(
        req(o, "degree_bound")?,
        u64::try_from(MAX_DEGREE).expect("small"),
    )
    .map_err(|e| format!("`degree_bound`: {e}"))?;
    let bound = usize::try_from(bound).expect("small");
    if poly.deg0() > bound {
        return Err(format!(
            "`poly` has degree {} > degree_bound {bound}",
            poly.deg0()
        ));
    }
    let own = own_degree(of, kind, inst, ctx);
    if let Ok(d) = &own
        && *d > bound
    {
        return Err(format!(
            "degree_bound {bound} is below the checker's bound {d} on the degree of the quantity"
        ));
    }
    // own <= bound when known, so degree_bound + 2 points pin down the difference.
    let n = bound + 2;
    for k in dom.sample_points(n) {
        let c = inst.at(Some(&k))?;
        let q = number_at(of, kind, inst, &c, Some(&k), ctx)
            .map_err(|e| format!("`of` at {pname} = {k}: {e}"))?;
        if q != poly.eval(&k) {
            return Ok(QVal::Bool(false));
        }
    }
    match own {
        Ok(_) => Ok(QVal::Bool(true)),
        Err(e) => Err(format!(
            "the quantity equals `poly` at {n} points but the checker cannot prove it is a polynomial on the domain: {e}"
        )),
    }
}

/// Charge the work of the single-buyer tables, transfers and LP models of a concrete
/// instance: about m n (m + n) operations on its numbers (formulas charge their own work).
fn charge_tables(c: &Concrete, kind: &str) -> Result<(), String> {
    if kind == "formula"
        || kind == "vcg-prime-surplus"
        || kind == "vcg-surplus"
        || kind == "market-surplus"
    {
        return Ok(());
    }
    let (m, n) = (c.m() as u64, c.n() as u64);
    let bits =
        c.b.iter()
            .chain(&c.s)
            .chain(&c.pb)
            .chain(&c.ps)
            .map(|q| q.numer().bits() + q.denom().bits())
            .max()
            .unwrap_or(0);
    let units = m
        .saturating_mul(n)
        .saturating_mul(m + n + 1)
        .saturating_mul(op_work(2 * bits, bits));
    work::charge(units, || {
        format!("a quantity of kind `{kind}` on {m} x {n} types")
    })
}

/// Recompute a quantity's value.
pub fn compute(o: &Map<String, Value>, inst: &Instance, ctx: &Ctx<'_>) -> Result<QVal, String> {
    let kind = json_str(req(o, "kind")?).map_err(|e| format!("`kind`: {e}"))?;
    check_keys(o, kind, false)?;
    match kind {
        "has-parameter" => Ok(QVal::Bool(inst.param.is_some())),
        "poly-identity" => poly_identity(o, inst, ctx),
        "poly-sign" => {
            let poly = param_poly(o, inst)?;
            let (_, d) = inst.param.as_ref().expect("param_poly checked it");
            Ok(QVal::Bool(sign::check(&poly, d, req(o, "pieces")?)?))
        }
        "market" => Ok(QVal::Bool(inst.market.is_some())),
        "market-sellers" => Ok(QVal::Num(Q::from_integer(
            (inst.market.as_ref().map_or(1, |m| m.sellers.len()) as i64).into(),
        ))),
        _ if inst.market.is_some() && kind != "market-surplus" && kind != "lp" => Err(format!(
            "kind {kind} is for one seller and identical buyers; this instance is a market (several sellers or buyers with different distributions)",
            kind = quote(kind)
        )),
        _ => {
            let c = inst.concrete()?;
            let k = inst.param.as_ref().and_then(|(_, d)| d.point().cloned());
            let refs = |name: &str| ctx.lookup(name);
            let scope = FormulaScope::concrete(inst, &c, k.as_ref(), &refs);
            charge_tables(&c, kind)?;
            match kind {
                "implementable" => {
                    single_buyer(&c, kind)?;
                    let x = allocation(o, &scope, &c)?;
                    Ok(QVal::Bool(single::implementable(&c, &x)))
                }
                "lp" => lp(o, inst, &c, &scope),
                "market-surplus" => market_surplus(o, inst, &c).map(QVal::Num),
                "mechanism" => mechanism(o, &c),
                _ => number_at(o, kind, inst, &c, k.as_ref(), ctx).map(QVal::Num),
            }
        }
    }
}

fn read_recorded_props(v: &Value, computed: &[(String, PropertyResult)]) -> Result<(), String> {
    let o = v.as_object().ok_or_else(|| {
        format!(
            "`value`: expected an object of properties, found {}",
            json_type(v)
        )
    })?;
    for k in o.keys() {
        if !computed.iter().any(|(p, _)| p == k) {
            return Err(format!("`value.{k}`: not a listed property"));
        }
    }
    for (p, r) in computed {
        let rec = o
            .get(p)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("`value.{p}`: missing {{\"holds\", \"min_slack\"}}"))?;
        if let Some(k) = rec.keys().find(|k| *k != "holds" && *k != "min_slack") {
            return Err(format!("`value.{p}.{k}`: unknown key"));
        }
        let holds = json_bool(
            rec.get("holds")
                .ok_or_else(|| format!("`value.{p}.holds`: missing"))?,
        )
        .map_err(|e| format!("`value.{p}.holds`: {e}"))?;
        let slack = match rec.get("min_slack") {
            None => return Err(format!("`value.{p}.min_slack`: missing")),
            Some(Value::Null) => None,
            Some(v) => Some(json_rat(v).map_err(|e| format!("`value.{p}.min_slack`: {e}"))?),
        };
        if holds != r.holds {
            return Err(format!(
                "property {p}: recorded holds = {holds} but recomputed holds = {} (min slack {})",
                r.holds,
                r.min_slack.as_ref().map_or("none".into(), fmt_rat),
                p = quote(p)
            ));
        }
        if slack != r.min_slack {
            return Err(format!(
                "property {p}: recorded min_slack {} differs from recomputed {}",
                slack.as_ref().map_or("null".into(), fmt_rat),
                r.min_slack.as_ref().map_or("null".into(), fmt_rat),
                p = quote(p)
            ));
        }
    }
    Ok(())
}

/// Compare the recorded `value` with the recomputed one.
pub fn compare(o: &Map<String, Value>, computed: &QVal) -> Result<(), String> {
    let v = req(o, "value")?;
    match computed {
        QVal::Num(q) => {
            let r = json_rat(v).map_err(|e| format!("`value`: {e}"))?;
            if &r != q {
                return Err(format!(
                    "recorded value {} differs from the recomputed value {}",
                    quote(&fmt_rat(&r)),
                    quote(&fmt_rat(q))
                ));
            }
        }
        QVal::Bool(b) => {
            let r = json_bool(v).map_err(|e| format!("`value`: {e}"))?;
            if r != *b {
                return Err(format!("recorded value {r} but the checker finds {b}"));
            }
        }
        QVal::Props(p) => read_recorded_props(v, p)?,
    }
    Ok(())
}
