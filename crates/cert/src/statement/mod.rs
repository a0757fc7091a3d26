//! The checker's own statement of every claim id: what a certificate for that id must
//! establish, in the paper's notation, over quantities the checker recomputes itself.
//!
//! A statement is a short function of the instance that reads the certificate in order, like
//! a referee reading a proof: "quantity `Pi_VCG'` is the expected surplus of VCG' (Definition
//! 2); quantity `efficient BB IC IR exists` is the feasibility LP `bb-feasible` with x = x*;
//! the claim is that the LP is feasible exactly when Π^VCG' >= 0". [`Spec`] matches each
//! step against the next quantity or assertion of the certificate:
//!
//! - a quantity must have the statement's name and kind and *mean the same thing on this
//!   instance*: a formula has the value of the statement's own formula (which the checker
//!   evaluates), an allocation evaluates to the statement's matrix, a surplus has the same
//!   number of buyers and tie rule, an LP the same model and options, a polynomial identity
//!   the same quantity on the whole domain. Evidence the checker cannot produce itself (an
//!   LP's primal and dual or Farkas vector, a sign pattern's pieces, a polynomial the
//!   quantity equals) is taken from the certificate and verified by the quantity checks;
//! - an assertion must have the statement's role, relation and operands (free text is not
//!   compared);
//! - after a condition that does not hold the certificate must end (not applicable);
//! - nothing may be left over.
//!
//! The values the statement branches on (which case of Theorem 4, whether Π >= 0) are the
//! verified values of quantities it has already matched, so the verdict follows from checked
//! content only. The functions per section live in `sec3.rs` .. `sec8.rs`; the paper's
//! formulas, written in the certificate formula language, in `paper.rs`.

mod market;
mod paper;
mod sec3;
mod sec4;
mod sec5;
mod sec6;
mod sec7;
mod sec8;

use std::collections::HashMap;

use num_traits::Zero;
use serde_json::{Map, Value};

use crate::error::CertError;
use crate::formula::{FormulaScope, evaluate};
use crate::instance::{Concrete, Instance, Matrix, Tie, parse_tie};
use crate::number::{Q, fmt_rat, json_bool, json_count, json_rat, json_str, looks_like_number};
use crate::poly::Poly;
use crate::quantity::QVal;

/// One claim id the checker knows: its section, the statement as the checker encodes it (one
/// line, the paper's notation), and the function that matches a certificate against it.
pub struct Statement {
    pub id: &'static str,
    pub section: &'static str,
    pub statement: &'static str,
    pub(crate) check: fn(&mut Spec<'_>) -> Step,
}

/// Every claim id, in the paper's order, with its statement.
pub fn all() -> &'static [Statement] {
    static ALL: std::sync::OnceLock<Vec<Statement>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = vec![];
        v.extend(sec3::statements());
        v.extend(sec4::statements());
        v.extend(sec5::statements());
        v.extend(sec6::statements());
        v.extend(sec7::statements());
        v.extend(market::statements());
        v.extend(sec8::statements());
        v
    })
}

/// The statement of a claim id.
pub fn find(id: &str) -> Option<&'static Statement> {
    all().iter().find(|s| s.id == id)
}

/// Why matching stopped early.
pub(crate) enum Halt {
    /// A condition does not hold: the claim does not apply, and the certificate must end.
    NotApplicable,
    /// The certificate is not a certificate of this statement.
    Reject(String),
}

pub(crate) type Step<T = ()> = Result<T, Halt>;

fn reject<T>(m: impl Into<String>) -> Step<T> {
    Err(Halt::Reject(m.into()))
}

/// Which reading of a printed claim a statement is: as printed, or the corrected reading of an
/// evident typo (its own claim id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    AsPrinted,
    Corrected,
}

/// The role of an assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Condition,
    Claim,
    Case,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Condition => "condition",
            Role::Claim => "claim",
            Role::Case => "case",
        }
    }
}

/// A comparison of two numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Rel {
    fn name(self) -> &'static str {
        match self {
            Rel::Eq => "eq",
            Rel::Lt => "lt",
            Rel::Le => "le",
            Rel::Gt => "gt",
            Rel::Ge => "ge",
        }
    }
}

/// What a statement expects of one quantity, beyond its name and kind.
pub(crate) enum Def<'x> {
    /// `formula`: the value of this formula (checker notation) on the instance, optionally in
    /// an allocation.
    Formula(&'x str, Option<&'x Matrix>),
    /// `vcg-prime-surplus` with this many buyers and tie rule.
    VcgPrime(usize, Tie),
    /// `vcg-surplus` with this many buyers and tie rule.
    Vcg(usize, Tie),
    /// `tight-surplus` of this allocation: Π(x).
    TightSurplus(&'x Matrix),
    /// `welfare` of this allocation.
    Welfare(&'x Matrix),
    /// `implementable`: is this allocation monotone?
    Implementable(&'x Matrix),
    /// `transfer`: mechanism, side (buyer?), profile (0-based).
    Transfer(&'x str, bool, (usize, usize)),
    /// `lp`: model and options (allocation matrices compared as numbers).
    Lp(&'x str, LpOptions<'x>),
    /// `mechanism` given by name (and alpha for bb), with these properties.
    Named(&'x str, Option<&'x Q>, &'x [&'x str]),
    /// `mechanism` given by tables x, tb, ts, with these properties.
    Tables(&'x [Matrix; 3], &'x [&'x str]),
    /// `poly-identity` of this quantity; the polynomial itself if the statement fixes it.
    Identity(Of<'x>, Option<&'x Poly>),
    /// `poly-sign` of this polynomial.
    Sign(&'x Poly),
    /// `has-parameter`.
    HasParameter,
    /// `market`: is the instance a market (several sellers or different buyers)?
    Market,
    /// `market-sellers`: the number of sellers J.
    MarketSellers,
    /// `market-surplus` of this mechanism (`vcg` or `vcg-prime`).
    MarketSurplus(&'x str),
}

/// The quantity a polynomial identity is about.
pub(crate) enum Of<'x> {
    /// A formula (compared as a polynomial in the parameter on the domain).
    Formula(&'x str),
    /// `vcg-prime-surplus` with this many buyers and the instance's tie rule.
    VcgPrime(usize),
}

/// Options of an LP model as a statement states them.
#[derive(Default)]
pub(crate) struct LpOptions<'x> {
    pub allocation: Option<&'x Matrix>,
    pub ex_post_ir: bool,
    pub free_ties: bool,
    pub side_index: Option<(bool, usize)>,
    pub welfare_at_least: Option<&'x Q>,
}

impl Def<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Def::Formula(..) => "formula",
            Def::VcgPrime(..) => "vcg-prime-surplus",
            Def::Vcg(..) => "vcg-surplus",
            Def::TightSurplus(..) => "tight-surplus",
            Def::Welfare(..) => "welfare",
            Def::Implementable(..) => "implementable",
            Def::Transfer(..) => "transfer",
            Def::Lp(..) => "lp",
            Def::Named(..) | Def::Tables(..) => "mechanism",
            Def::Identity(..) => "poly-identity",
            Def::Sign(..) => "poly-sign",
            Def::HasParameter => "has-parameter",
            Def::Market => "market",
            Def::MarketSellers => "market-sellers",
            Def::MarketSurplus(..) => "market-surplus",
        }
    }
}

/// Reads a certificate against a statement (see the module documentation).
pub(crate) struct Spec<'a> {
    pub inst: &'a Instance,
    derived_from: Option<&'a Instance>,
    quantities: &'a [Value],
    values: &'a HashMap<String, QVal>,
    assertions: &'a [Value],
    qi: usize,
    ai: usize,
    concrete: Option<Concrete>,
    used_derived: bool,
}

impl<'a> Spec<'a> {
    /// The instance the claim was asked about, when the certificate's instance was built
    /// from it (a statement that reads it says so; for every other statement the field must
    /// be absent).
    pub fn derived(&mut self) -> Option<&'a Instance> {
        self.used_derived = true;
        self.derived_from
    }

    /// The instance as numbers (no parameter), for statements about concrete instances
    /// (after `concrete()`).
    pub fn c(&self) -> Step<&Concrete> {
        self.concrete
            .as_ref()
            .ok_or_else(|| Halt::Reject("the statement needs a concrete instance here".into()))
    }

    /// `Some` when the instance has no parameter.
    pub fn is_concrete(&self) -> bool {
        self.concrete.is_some()
    }

    fn here(&self) -> String {
        format!("quantity {}", self.qi + 1)
    }

    /// The next quantity of the certificate, which must be called `name`.
    fn next_quantity(&mut self, name: &str) -> Step<&'a Map<String, Value>> {
        let Some(q) = self.quantities.get(self.qi) else {
            return reject(format!(
                "the certificate ends after {} quantities, but the statement needs `{name}` next",
                self.qi
            ));
        };
        let Some(o) = q.as_object() else {
            return reject(format!("{} is not an object", self.here()));
        };
        let got = o.get("name").and_then(Value::as_str).unwrap_or_default();
        if got != name {
            return reject(format!(
                "{} is `{got}`, but the statement needs `{name}` here",
                self.here()
            ));
        }
        self.qi += 1;
        Ok(o)
    }

    /// The verified value of a quantity (every quantity was verified before the statement).
    fn value(&self, name: &str) -> Result<&'a QVal, String> {
        self.values
            .get(name)
            .ok_or_else(|| format!("quantity `{name}` was not verified"))
    }

    /// The verified numeric value of an earlier quantity (for `{name}` in formulas).
    fn lookup(&self, name: &str) -> Result<Q, String> {
        match self.values.get(name) {
            Some(QVal::Num(q)) => Ok(q.clone()),
            _ => Err(format!("`{{{name}}}` is not a numeric quantity")),
        }
    }

    /// Match the next quantity: `name`, and the meaning `def`. Returns its verified value.
    pub fn quantity(&mut self, name: &str, def: Def<'_>) -> Step<QVal> {
        let o = self.next_quantity(name)?;
        let kind = o.get("kind").and_then(Value::as_str).unwrap_or_default();
        let fail = |why: String| {
            Halt::Reject(format!(
                "quantity `{name}` is not what the statement needs ({}): {why}",
                def.kind()
            ))
        };
        self.same(o, kind, &def).map_err(fail)?;
        self.value(name).cloned().map_err(Halt::Reject)
    }

    /// A numeric quantity.
    pub fn num(&mut self, name: &str, def: Def<'_>) -> Step<Q> {
        match self.quantity(name, def)? {
            QVal::Num(q) => Ok(q),
            other => reject(format!(
                "quantity `{name}` is {}, not a number",
                other.describe()
            )),
        }
    }

    /// A boolean quantity.
    pub fn boolean(&mut self, name: &str, def: Def<'_>) -> Step<bool> {
        match self.quantity(name, def)? {
            QVal::Bool(b) => Ok(b),
            other => reject(format!(
                "quantity `{name}` is {}, not true or false",
                other.describe()
            )),
        }
    }

    /// A boolean quantity that must be true for the certificate to be valid (e.g. that a
    /// recorded polynomial is the quantity, before other steps use that polynomial).
    pub fn must_hold(&mut self, name: &str, def: Def<'_>) -> Step {
        if self.boolean(name, def)? {
            Ok(())
        } else {
            reject(format!(
                "quantity `{name}` must be true for this certificate to state its claim"
            ))
        }
    }

    /// The verified value of a numeric quantity anywhere in the certificate (for a recorded
    /// summary, such as a threshold, that later steps must confirm).
    pub fn peek(&self, name: &str) -> Option<Q> {
        self.lookup(name).ok()
    }

    /// The allocation x(i, j) of the primal point of an LP quantity already matched (missing
    /// variables are 0).
    pub fn lp_allocation(&self, name: &str) -> Step<Matrix> {
        let q = self.quantities[..self.qi]
            .iter()
            .rev()
            .filter_map(Value::as_object)
            .find(|o| o.get("name").and_then(Value::as_str) == Some(name))
            .ok_or_else(|| Halt::Reject(format!("no quantity `{name}`")))?;
        let x = q.get("x").and_then(Value::as_object);
        let c = self.c()?;
        let mut out = vec![vec![Q::zero(); c.n()]; c.m()];
        for (i, row) in out.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                if let Some(v) = x.and_then(|x| x.get(&format!("x({},{})", i + 1, j + 1))) {
                    *cell = json_rat(v).map_err(Halt::Reject)?;
                }
            }
        }
        Ok(out)
    }

    /// Is the boolean option `key` of the LP quantity `name` set? (For a statement that covers
    /// a model with and without an option, such as the second best with ex post IR.)
    pub fn lp_option_set(&self, name: &str, key: &str) -> bool {
        self.quantities
            .iter()
            .filter_map(Value::as_object)
            .find(|o| o.get("name").and_then(Value::as_str) == Some(name))
            .and_then(|o| o.get("options")?.get(key))
            .and_then(|v| json_bool(v).ok())
            .unwrap_or(false)
    }

    /// The recorded polynomial of a `poly-identity` or `poly-sign` quantity just matched.
    pub fn recorded_poly(&self, name: &str) -> Step<Poly> {
        let q = self.quantities[..self.qi]
            .iter()
            .rev()
            .filter_map(Value::as_object)
            .find(|o| o.get("name").and_then(Value::as_str) == Some(name))
            .ok_or_else(|| Halt::Reject(format!("no quantity `{name}`")))?;
        self.poly_field(q).map_err(Halt::Reject)
    }

    fn poly_field(&self, o: &Map<String, Value>) -> Result<Poly, String> {
        let (p, _) = self.inst.param.as_ref().ok_or("no parameter")?;
        let s = o.get("poly").ok_or("missing `poly`")?;
        crate::expr::parse_poly(json_str(s)?, Some(p))
    }

    /// The value of a formula in the checker's notation on the concrete instance.
    pub fn eval(&self, expr: &str) -> Step<Q> {
        self.eval_in(expr, None).map_err(Halt::Reject)
    }

    fn eval_in(&self, expr: &str, alloc: Option<&Matrix>) -> Result<Q, String> {
        let c = self
            .concrete
            .as_ref()
            .ok_or("a concrete instance is needed")?;
        let refs = |n: &str| self.lookup(n);
        let k = self
            .inst
            .param
            .as_ref()
            .and_then(|(_, d)| d.point().cloned());
        let scope = FormulaScope::concrete(self.inst, c, k.as_ref(), &refs);
        let scope = match alloc {
            Some(x) => scope.with_allocation(constant_matrix(x)),
            None => scope,
        };
        evaluate(expr, &scope)?
            .as_constant()
            .ok_or_else(|| "the formula depends on the parameter".to_string())
    }

    /// The statement's formula as a polynomial in the parameter on the domain.
    fn eval_symbolic(&self, expr: &str) -> Result<Poly, String> {
        let refs = |n: &str| self.lookup(n);
        evaluate(expr, &FormulaScope::symbolic(self.inst, &refs))
    }

    /// A certificate's allocation field as numbers (absent: the instance's, else x*).
    fn read_allocation(&self, v: Option<&Value>) -> Result<Matrix, String> {
        let c = self
            .concrete
            .as_ref()
            .ok_or("a concrete instance is needed")?;
        match v {
            None => Ok(c.allocation.clone().unwrap_or_else(|| c.efficient())),
            Some(v) => {
                let refs = |n: &str| self.lookup(n);
                let k = self
                    .inst
                    .param
                    .as_ref()
                    .and_then(|(_, d)| d.point().cloned());
                FormulaScope::concrete(self.inst, c, k.as_ref(), &refs)
                    .read_numbers(v, "`allocation`")
            }
        }
    }

    /// Does the certificate's quantity `o` (of kind `kind`) mean what `def` says?
    fn same(&self, o: &Map<String, Value>, kind: &str, def: &Def<'_>) -> Result<(), String> {
        let want_kind = |k: &[&str]| {
            if k.contains(&kind) {
                Ok(())
            } else {
                Err(format!(
                    "it is of kind `{kind}`, not `{}`",
                    k.join("` or `")
                ))
            }
        };
        let name = o.get("name").and_then(Value::as_str).unwrap_or_default();
        match def {
            Def::Formula(expr, alloc) => {
                want_kind(&["formula"])?;
                let want = self.eval_in(expr, *alloc)?;
                match self.value(name)? {
                    QVal::Num(got) if *got == want => Ok(()),
                    got => Err(format!(
                        "its value is {} where the statement's formula `{expr}` is {}",
                        got.describe(),
                        fmt_rat(&want)
                    )),
                }
            }
            Def::VcgPrime(buyers, tie) | Def::Vcg(buyers, tie) => {
                want_kind(&[def.kind()])?;
                let (b, t) = surplus_params(o, self.inst)?;
                if (b, t) != (*buyers, *tie) {
                    return Err(format!(
                        "it has {b} buyers and tie rule {t:?}, the statement {buyers} and {tie:?}"
                    ));
                }
                Ok(())
            }
            Def::TightSurplus(x) | Def::Welfare(x) | Def::Implementable(x) => {
                want_kind(&[def.kind()])?;
                let got = self.read_allocation(o.get("allocation"))?;
                same_matrix(&got, x, "allocation")
            }
            Def::Transfer(mech, buyer, (i, j)) => {
                want_kind(&["transfer"])?;
                let got_mech = o.get("mechanism").map(json_str).transpose()?;
                let side = o.get("side").map(json_str).transpose()?;
                let profile: Vec<u64> = o
                    .get("profile")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| json_count(v, u64::MAX).ok())
                            .collect()
                    })
                    .unwrap_or_default();
                let want_side = if *buyer { "buyer" } else { "seller" };
                let want_profile = [*i as u64 + 1, *j as u64 + 1];
                if got_mech != Some(*mech) || side != Some(want_side) || profile != want_profile {
                    return Err(format!(
                        "the statement needs the {want_side}'s transfer of {mech} at profile {want_profile:?}"
                    ));
                }
                Ok(())
            }
            Def::Market | Def::MarketSellers => want_kind(&[def.kind()]),
            Def::MarketSurplus(mech) => {
                want_kind(&["market-surplus"])?;
                let got = o.get("mechanism").map(json_str).transpose()?;
                if got != Some(*mech) {
                    return Err(format!("the statement needs the surplus of `{mech}`"));
                }
                Ok(())
            }
            Def::Lp(model, opts) => {
                want_kind(&["lp"])?;
                let got = o.get("model").map(json_str).transpose()?;
                if got != Some(*model) {
                    return Err(format!("the model is {got:?}, not `{model}`"));
                }
                self.same_options(o.get("options"), opts)
            }
            Def::Named(mech, alpha, props) => {
                want_kind(&["mechanism"])?;
                let n = o
                    .get("named")
                    .and_then(Value::as_object)
                    .ok_or("the statement needs a mechanism given by name")?;
                let got_mech = n.get("mechanism").map(json_str).transpose()?;
                let got_alpha = n.get("alpha").map(json_rat).transpose()?;
                if got_mech != Some(*mech) || got_alpha.as_ref() != *alpha {
                    return Err(format!(
                        "the statement needs mechanism `{mech}`{}",
                        alpha.map_or(String::new(), |a| format!(" with alpha = {}", fmt_rat(a)))
                    ));
                }
                same_properties(o, props)
            }
            Def::Tables(t, props) => {
                want_kind(&["mechanism"])?;
                let tables = o
                    .get("tables")
                    .and_then(Value::as_object)
                    .ok_or("the statement needs a mechanism given by its tables")?;
                let c = self
                    .c()
                    .map_err(|_| "a concrete instance is needed".to_string())?;
                for (key, want) in ["x", "tb", "ts"].iter().zip(t.iter()) {
                    let got = crate::instance::read_matrix(
                        tables
                            .get(*key)
                            .ok_or_else(|| format!("no table `{key}`"))?,
                        c.m(),
                        c.n(),
                        key,
                    )?;
                    same_matrix(&got, want, &format!("table `{key}`"))?;
                }
                same_properties(o, props)
            }
            Def::Identity(of, poly) => {
                want_kind(&["poly-identity"])?;
                let got_of = o
                    .get("of")
                    .and_then(Value::as_object)
                    .ok_or("missing `of`")?;
                let of_kind = got_of
                    .get("kind")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match of {
                    Of::Formula(expr) => {
                        if of_kind != "formula" || got_of.contains_key("allocation") {
                            return Err("the statement needs the identity of a formula".into());
                        }
                        let got = got_of.get("expr").ok_or("missing `of.expr`")?;
                        let got = self.eval_symbolic(json_str(got)?)?;
                        let want = self.eval_symbolic(expr)?;
                        if got != want {
                            return Err(format!(
                                "its formula is not the statement's `{expr}` on the domain"
                            ));
                        }
                    }
                    Of::VcgPrime(buyers) => {
                        if of_kind != "vcg-prime-surplus" {
                            return Err("the statement needs the identity of Π^VCG'".into());
                        }
                        let (b, t) = surplus_params(got_of, self.inst)?;
                        if (b, t) != (*buyers, self.inst.tie) {
                            return Err(format!(
                                "the statement needs Π^VCG' with {buyers} buyers and the instance's tie rule"
                            ));
                        }
                    }
                }
                if let Some(want) = poly
                    && &self.poly_field(o)? != *want
                {
                    return Err(format!(
                        "its polynomial is not {}",
                        want.display_with(self.inst.param_name())
                    ));
                }
                Ok(())
            }
            Def::Sign(p) => {
                want_kind(&["poly-sign"])?;
                if &self.poly_field(o)? != *p {
                    return Err(format!(
                        "it is the sign pattern of another polynomial than {}",
                        p.display_with(self.inst.param_name())
                    ));
                }
                Ok(())
            }
            Def::HasParameter => want_kind(&["has-parameter"]),
        }
    }

    fn same_options(&self, got: Option<&Value>, want: &LpOptions<'_>) -> Result<(), String> {
        let empty = Map::new();
        let got = match got {
            None => &empty,
            Some(v) => v.as_object().ok_or("`options` is not an object")?,
        };
        let flag = |k: &str| {
            got.get(k)
                .map(json_bool)
                .transpose()
                .map(|b| b == Some(true))
        };
        let alloc = match got.get("allocation") {
            None => None,
            Some(v) => Some(self.read_allocation(Some(v))?),
        };
        if alloc.as_ref() != want.allocation {
            return Err("its allocation option differs from the statement's".into());
        }
        if flag("ex_post_ir")? != want.ex_post_ir || flag("free_ties")? != want.free_ties {
            return Err("its ex_post_ir / free_ties options differ from the statement's".into());
        }
        let side = match (got.get("side"), got.get("index")) {
            (None, None) => None,
            (Some(s), Some(i)) => {
                let buyer = match json_str(s)? {
                    "buyer" => true,
                    "seller" => false,
                    other => return Err(format!("unknown side `{other}`")),
                };
                let i = json_count(i, u64::MAX)?;
                Some((buyer, usize::try_from(i).map_err(|e| e.to_string())?))
            }
            _ => return Err("`side` and `index` go together".into()),
        };
        if side != want.side_index.map(|(b, i)| (b, i + 1)) {
            return Err("its side/index options differ from the statement's".into());
        }
        let w = got.get("welfare_at_least").map(json_rat).transpose()?;
        if w.as_ref() != want.welfare_at_least {
            return Err("its welfare_at_least option differs from the statement's".into());
        }
        if got.contains_key("pi") {
            return Err("the statement uses the model's default `pi` row".into());
        }
        Ok(())
    }

    fn next_assertion(&mut self, want: &str) -> Step<&'a Map<String, Value>> {
        let Some(a) = self.assertions.get(self.ai) else {
            return reject(format!(
                "the certificate ends after {} assertions, but the statement needs {want} next",
                self.ai
            ));
        };
        self.ai += 1;
        a.as_object()
            .ok_or_else(|| Halt::Reject(format!("assertion {} is not an object", self.ai)))
    }

    fn assertion_matches(
        &mut self,
        role: Role,
        relation: &str,
        left: &str,
        right: &Value,
    ) -> Step<bool> {
        let want = format!(
            "the {} assertion `{left} {relation} {}`",
            role.name(),
            match right {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            }
        );
        let at = self.ai + 1;
        let a = self.next_assertion(&want)?;
        let get = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or_default();
        let same_operand = |got: Option<&Value>, want: &Value| match (got, want) {
            (Some(g), Value::String(w)) if looks_like_number(w) => {
                json_rat(g).ok() == crate::number::parse_rat(w).ok()
            }
            (Some(g), Value::Bool(w)) => json_bool(g).ok() == Some(*w),
            (Some(Value::String(g)), Value::String(w)) => g == w,
            _ => false,
        };
        let ok = get("role") == role.name()
            && get("relation") == relation
            && same_operand(a.get("left"), &Value::String(left.to_string()))
            && same_operand(a.get("right"), right);
        if !ok {
            return reject(format!(
                "assertion {at} is not {want}: the statement of the claim needs it there"
            ));
        }
        Ok(a.get("holds").and_then(Value::as_bool).unwrap_or(false))
    }

    /// `left rel right` (quantity names or literal numbers) with this role; returns whether it
    /// holds (verified).
    pub fn assert(&mut self, role: Role, left: &str, rel: Rel, right: &str) -> Step<bool> {
        let holds = self.assertion_matches(role, rel.name(), left, &Value::String(right.into()))?;
        self.after(role, holds)
    }

    /// The boolean quantity `name` is `want`.
    pub fn is(&mut self, role: Role, name: &str, want: bool) -> Step<bool> {
        let holds = self.assertion_matches(role, "is", name, &Value::Bool(want))?;
        self.after(role, holds)
    }

    /// Property `key` of the mechanism quantity `name` holds.
    pub fn property(&mut self, role: Role, name: &str, key: &str) -> Step<bool> {
        let holds = self.assertion_matches(role, "property", name, &Value::String(key.into()))?;
        self.after(role, holds)
    }

    fn after(&self, role: Role, holds: bool) -> Step<bool> {
        if role == Role::Condition && !holds {
            Err(Halt::NotApplicable)
        } else {
            Ok(holds)
        }
    }

    /// A condition of the claim: the certificate ends here when it does not hold.
    pub fn condition(&mut self, left: &str, rel: Rel, right: &str) -> Step {
        self.assert(Role::Condition, left, rel, right).map(|_| ())
    }

    /// A condition recorded as its own formula quantity (`name` = `expr`, then `name rel right`).
    pub fn condition_on(&mut self, name: &str, expr: &str, rel: Rel, right: &str) -> Step {
        self.num(name, Def::Formula(expr, None))?;
        self.condition(name, rel, right)
    }

    /// A claim assertion; returns whether it holds.
    pub fn claim(&mut self, left: &str, rel: Rel, right: &str) -> Step<bool> {
        self.assert(Role::Claim, left, rel, right)
    }

    /// A case assertion (not part of the verdict); returns whether it holds.
    pub fn case(&mut self, left: &str, rel: Rel, right: &str) -> Step<bool> {
        self.assert(Role::Case, left, rel, right)
    }

    /// A case assertion that must hold for the certificate to be consistent (e.g. a recorded
    /// threshold that the recorded values confirm).
    pub fn case_true(&mut self, left: &str, rel: Rel, right: &str) -> Step {
        if self.case(left, rel, right)? {
            Ok(())
        } else {
            reject(format!(
                "the case `{left} {} {right}` must hold",
                rel.name()
            ))
        }
    }

    // ---- shared conditions (mechcert's producers record these the same way) ----

    /// The claim needs a concrete instance: on a family, the certificate records that the
    /// instance has a parameter, and the claim does not apply.
    pub fn concrete(&mut self) -> Step {
        if self.is_concrete() {
            return Ok(());
        }
        self.boolean("has parameter", Def::HasParameter)?;
        self.is(Role::Condition, "has parameter", false)?;
        Err(Halt::NotApplicable)
    }

    /// I = 1 (Sections 2-4 and 6).
    pub fn one_buyer(&mut self) -> Step {
        self.condition_on("I", "I", Rel::Eq, "1")
    }

    /// I >= 2 (Section 5).
    pub fn several_buyers(&mut self) -> Step {
        self.condition_on("I", "I", Rel::Ge, "2")
    }

    /// m x n types (both recorded before either is decided).
    pub fn shape(&mut self, m: usize, n: usize) -> Step {
        self.num("m", Def::Formula("m", None))?;
        let a = self.assert(Role::Condition, "m", Rel::Eq, &m.to_string());
        let a = match a {
            Ok(_) => true,
            Err(Halt::NotApplicable) => false,
            Err(e) => return Err(e),
        };
        self.num("n", Def::Formula("n", None))?;
        self.condition("n", Rel::Eq, &n.to_string())?;
        if a { Ok(()) } else { Err(Halt::NotApplicable) }
    }

    /// Buyer and seller values disjoint (Section 2): min |B_i - S_j| > 0.
    pub fn disjoint(&mut self) -> Step {
        self.value_gap(Rel::Gt)
    }

    /// min |B_i - S_j| `rel` 0.
    pub fn value_gap(&mut self, rel: Rel) -> Step {
        let (m, n) = (self.c()?.m(), self.c()?.n());
        let e = paper::min_gap(m, n);
        self.condition_on("min |B_i - S_j|", &e, rel, "0")
    }

    /// The values in the order listed from the top, e.g. B2 > S2 > B1 > S1.
    pub fn order(&mut self, order: &[(bool, usize)]) -> Step {
        self.condition_on("order gap", &paper::order_gap(order), Rel::Gt, "0")
    }

    /// At most `MAX_ENUMERATED_BUYERS` buyers before a profile count is recorded; stated only
    /// when it fails (below, the conditions that follow say more, with small numbers).
    fn few_enough_buyers(&mut self) -> Step {
        if self.inst.buyers <= crate::limits::MAX_ENUMERATED_BUYERS {
            return Ok(());
        }
        let max = crate::limits::MAX_ENUMERATED_BUYERS.to_string();
        self.condition_on("buyers to enumerate", "I", Rel::Le, &max)
    }

    /// Few enough profiles (m^I n <= 10^6) for the surplus quantities.
    pub fn checkable(&mut self) -> Step {
        self.few_enough_buyers()?;
        self.condition_on("profiles", "m^I*n", Rel::Le, CHECKABLE_PROFILES)
    }

    /// Few enough profiles to check every unilateral misreport of a mechanism: the checker's
    /// enumeration work (`limits::ENUMERATION_WORK_FORMULA`) within `MAX_ENUMERATION_WORK`.
    pub fn checkable_mechanism(&mut self) -> Step {
        self.few_enough_buyers()?;
        self.condition_on(
            "enumeration work",
            crate::limits::ENUMERATION_WORK_FORMULA,
            Rel::Le,
            &crate::limits::MAX_ENUMERATION_WORK.to_string(),
        )
    }
}

/// The profile limit below which mechcert records mechanisms (the checker's own limit is
/// higher).
const CHECKABLE_PROFILES: &str = "1000000";

fn constant_matrix(x: &Matrix) -> Vec<Vec<Poly>> {
    x.iter()
        .map(|r| r.iter().cloned().map(Poly::constant).collect())
        .collect()
}

fn same_matrix(got: &Matrix, want: &Matrix, what: &str) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("its {what} differs from the statement's"))
    }
}

fn same_properties(o: &Map<String, Value>, want: &[&str]) -> Result<(), String> {
    let got: Vec<&str> = o
        .get("properties")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "it lists the properties {got:?}, the statement {want:?}"
        ))
    }
}

/// The effective number of buyers and tie rule of a surplus quantity.
fn surplus_params(o: &Map<String, Value>, inst: &Instance) -> Result<(usize, Tie), String> {
    let b = match o.get("buyers") {
        None => inst.buyers,
        Some(v) => usize::try_from(json_count(v, u64::MAX)?).map_err(|e| e.to_string())?,
    };
    let t = match o.get("tie_break") {
        None => inst.tie,
        Some(v) => parse_tie(v)?,
    };
    Ok((b, t))
}

/// Check that a certificate (whose quantities and assertions were verified) states exactly
/// the claim its `claim` id names, as the checker's own statement of that id says.
pub(crate) fn check(
    id: &str,
    inst: &Instance,
    derived_from: Option<&Instance>,
    quantities: &[Value],
    values: &HashMap<String, QVal>,
    assertions: &[Value],
) -> Result<(), CertError> {
    let st = find(id).ok_or_else(|| {
        CertError::new(
            "claim",
            format!(
                "unknown claim id `{id}` (known: {})",
                all().iter().map(|s| s.id).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let mut spec = Spec {
        inst,
        derived_from,
        quantities,
        values,
        assertions,
        qi: 0,
        ai: 0,
        concrete: if inst.param.is_none() {
            inst.concrete().ok()
        } else {
            None
        },
        used_derived: false,
    };
    let loc = format!("statement of `{id}`");
    let check = if inst.market.is_some() && !market::MARKET_IDS.contains(&id) {
        market::not_for_markets
    } else {
        st.check
    };
    match check(&mut spec) {
        Ok(()) | Err(Halt::NotApplicable) => {}
        Err(Halt::Reject(m)) => return Err(CertError::new(loc, m)),
    }
    if spec.qi < quantities.len() {
        let name = quantities[spec.qi]
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return Err(CertError::new(
            loc,
            format!(
                "quantity {} (`{name}`) is not part of the statement",
                spec.qi + 1
            ),
        ));
    }
    if spec.ai < assertions.len() {
        return Err(CertError::new(
            loc,
            format!("assertion {} is not part of the statement", spec.ai + 1),
        ));
    }
    if derived_from.is_some() && !spec.used_derived {
        return Err(CertError::new(
            "derived_from",
            format!("the statement of `{id}` is about the certificate's own instance"),
        ));
    }
    Ok(())
}
