//! Building a `mechcert-cert/1` certificate while certifying a claim. Quantities are recorded
//! with the value mechcert computed and come back as typed handles ([`Num`], [`Flag`],
//! [`Mech`]); assertions take handles or literal numbers, so a quantity is never looked up by
//! a name that could be missing. The verdict follows the rule of FORMAT.md (a failed
//! condition: not applicable; else holds iff every claim assertion holds). The independent
//! checker recomputes every quantity, re-evaluates every assertion and requires them to be its
//! own statement of the claim.
//!
//! [`Record`] holds what every certification records; [`Builder`] adds the concrete instance
//! (the environment formulas and evidence are computed on). [`Mode::VerdictOnly`] computes the
//! verdict without building certificate JSON (search scans many instances and builds the
//! certificate of the one it reports). A recording mistake (a name used twice) is kept and
//! reported by `finish` as an error, never a panic.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

use mechcert_mech::Matrix;
use mechcert_model::{Env, Instance};
use mechcert_num::Rat;
use serde_json::{Value, json};

use crate::expr::Expr;

/// The outcome of certifying a claim on an instance: the certificate format's own verdict.
pub use mechcert_cert::Verdict;

/// What a certification records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The verdict, the assertions and the certificate JSON.
    Certificate,
    /// The verdict and the assertions only (`Certified::certificate` is `null`).
    VerdictOnly,
}

/// What a certificate is about: its id, the paper's section and the statement (the
/// certificate's `claim`, `section` and `statement`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    pub id: &'static str,
    pub section: &'static str,
    pub statement: &'static str,
}

/// What an assertion is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The claim applies only if this holds.
    Condition,
    /// Part of the claim.
    Claim,
    /// Recorded and checked, but not part of the verdict (e.g. which case of an "iff").
    Case,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Condition => "condition",
            Role::Claim => "claim",
            Role::Case => "case",
        }
    }
}

/// Comparison of two numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Rel {
    fn name(self) -> &'static str {
        match self {
            Rel::Eq => "eq",
            Rel::Ne => "ne",
            Rel::Lt => "lt",
            Rel::Le => "le",
            Rel::Gt => "gt",
            Rel::Ge => "ge",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Rel::Eq => "=",
            Rel::Ne => "!=",
            Rel::Lt => "<",
            Rel::Le => "<=",
            Rel::Gt => ">",
            Rel::Ge => ">=",
        }
    }

    pub fn holds(self, a: &Rat, b: &Rat) -> bool {
        match self {
            Rel::Eq => a == b,
            Rel::Ne => a != b,
            Rel::Lt => a < b,
            Rel::Le => a <= b,
            Rel::Gt => a > b,
            Rel::Ge => a >= b,
        }
    }
}

/// A recorded numeric quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Num {
    name: String,
    value: Rat,
}

impl Num {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn value(&self) -> &Rat {
        &self.value
    }

    /// `{name}` in a formula: the value of this quantity.
    pub fn expr(&self) -> Expr {
        Expr::Ref(self.name.clone())
    }
}

/// A recorded boolean quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    name: String,
    value: bool,
}

impl Flag {
    pub fn value(&self) -> bool {
        self.value
    }
}

/// A recorded `mechanism` quantity with whether each listed property holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mech {
    name: String,
    holds: Vec<(&'static str, bool)>,
}

impl Mech {
    /// The listed properties and whether each holds.
    pub fn properties(&self) -> &[(&'static str, bool)] {
        &self.holds
    }
}

/// One side of a comparison: a recorded quantity or a literal number.
#[derive(Clone, Debug)]
pub enum Operand<'a> {
    Quantity(&'a Num),
    Literal(Rat),
}

impl<'a> From<&'a Num> for Operand<'a> {
    fn from(n: &'a Num) -> Self {
        Operand::Quantity(n)
    }
}

impl From<Rat> for Operand<'_> {
    fn from(r: Rat) -> Self {
        Operand::Literal(r)
    }
}

impl From<i64> for Operand<'_> {
    fn from(i: i64) -> Self {
        Operand::Literal(Rat::int(i))
    }
}

impl Operand<'_> {
    fn value(&self) -> &Rat {
        match self {
            Operand::Quantity(n) => &n.value,
            Operand::Literal(r) => r,
        }
    }

    /// The operand as the certificate writes it: a name or a number string.
    fn written(&self) -> String {
        match self {
            Operand::Quantity(n) => n.name.clone(),
            Operand::Literal(r) => r.to_string(),
        }
    }

    fn shown(&self) -> String {
        match self {
            Operand::Quantity(n) => format!("{} = {}", n.name, n.value),
            Operand::Literal(r) => r.to_string(),
        }
    }
}

/// An assertion with its evaluated truth.
#[derive(Clone, Debug)]
pub struct Assertion {
    pub role: Role,
    pub text: String,
    pub holds: bool,
    /// The values compared, for the one-line reason.
    pub detail: String,
}

/// A finished certification.
#[derive(Clone, Debug)]
pub struct Certified {
    pub claim: &'static str,
    pub verdict: Verdict,
    pub reason: String,
    /// The certificate (JSON `null` in [`Mode::VerdictOnly`]).
    pub certificate: Value,
    /// The assertions in order, with their exact values, for a readable report.
    pub assertions: Vec<Assertion>,
}

/// What every certification records: quantities and assertions, in order.
pub struct Record {
    mode: Mode,
    quantities: Vec<Value>,
    names: HashMap<String, usize>,
    /// Numeric values by name, for `{name}` references in formulas.
    numbers: HashMap<String, Rat>,
    pub assertions: Vec<Assertion>,
    assertion_json: Vec<Value>,
    /// The first recording mistake, reported by `finish`.
    error: Option<String>,
}

impl Record {
    pub fn new(mode: Mode) -> Record {
        Record {
            mode,
            quantities: vec![],
            names: HashMap::new(),
            numbers: HashMap::new(),
            assertions: vec![],
            assertion_json: vec![],
            error: None,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    fn push(&mut self, name: &str, fields: Value, value: Value) {
        if self.names.contains_key(name) {
            self.error
                .get_or_insert_with(|| format!("quantity `{name}` recorded twice"));
            return;
        }
        self.names.insert(name.to_string(), self.quantities.len());
        if self.mode == Mode::VerdictOnly {
            self.quantities.push(Value::Null);
            return;
        }
        // `name` and `kind` first for readability, then the fields, then `value`
        let mut o = serde_json::Map::new();
        o.insert("name".into(), name.into());
        match fields {
            Value::Object(f) => {
                if let Some(k) = f.get("kind") {
                    o.insert("kind".into(), k.clone());
                }
                o.extend(f.into_iter().filter(|(k, _)| k != "kind"));
            }
            other => {
                self.error.get_or_insert_with(|| {
                    format!("quantity `{name}`: fields must be an object, not {other}")
                });
            }
        }
        o.insert("value".into(), value);
        self.quantities.push(Value::Object(o));
    }

    /// Record a numeric quantity (its JSON fields without `name` and `value`).
    pub fn num(&mut self, name: &str, fields: Value, value: Rat) -> Num {
        self.push(name, fields, value.to_string().into());
        self.numbers.insert(name.to_string(), value.clone());
        Num {
            name: name.to_string(),
            value,
        }
    }

    /// Record a boolean quantity.
    pub fn flag(&mut self, name: &str, fields: Value, value: bool) -> Flag {
        self.push(name, fields, value.into());
        Flag {
            name: name.to_string(),
            value,
        }
    }

    /// Record a `mechanism` quantity: its fields, and for each listed property whether it
    /// holds and its minimum slack.
    pub fn mechanism(
        &mut self,
        name: &str,
        fields: Value,
        properties: Vec<(&'static str, bool, Option<Rat>)>,
    ) -> Mech {
        let mut value = serde_json::Map::new();
        for (key, holds, slack) in &properties {
            value.insert(
                (*key).into(),
                json!({"holds": holds, "min_slack": slack.as_ref().map(Rat::to_string)}),
            );
        }
        self.push(name, fields, Value::Object(value));
        Mech {
            name: name.to_string(),
            holds: properties.into_iter().map(|(k, h, _)| (k, h)).collect(),
        }
    }

    /// The numeric values recorded so far, by name (for formulas with `{name}`).
    pub fn numbers(&self) -> &HashMap<String, Rat> {
        &self.numbers
    }

    /// Assert `a rel b` (recorded quantities or literal numbers); returns whether it holds.
    pub fn compare<'a>(
        &mut self,
        role: Role,
        text: &str,
        a: impl Into<Operand<'a>>,
        rel: Rel,
        b: impl Into<Operand<'a>>,
    ) -> bool {
        let (a, b) = (a.into(), b.into());
        let holds = rel.holds(a.value(), b.value());
        let (l, r) = (a.written(), b.written());
        let detail = if holds {
            format!("{} {} {}", a.shown(), rel.symbol(), b.shown())
        } else {
            let shown = match &b {
                Operand::Literal(_) => a.shown(),
                Operand::Quantity(_) => format!("{}, {}", a.shown(), b.shown()),
            };
            format!("{shown}: `{l} {} {r}` is false", rel.symbol())
        };
        self.assert(
            role,
            text,
            holds,
            detail,
            json!({"relation": rel.name(), "left": l, "right": r}),
        )
    }

    /// Assert that a boolean quantity has the given value.
    pub fn is(&mut self, role: Role, text: &str, f: &Flag, expect: bool) -> bool {
        let holds = f.value == expect;
        let detail = format!("{} is {}", f.name, f.value);
        self.assert(
            role,
            text,
            holds,
            detail,
            json!({"relation": "is", "left": f.name, "right": expect.to_string()}),
        )
    }

    /// Assert that a listed property of a mechanism holds.
    pub fn property(&mut self, role: Role, text: &str, m: &Mech, key: &'static str) -> bool {
        let holds = match m.holds.iter().find(|(k, _)| *k == key) {
            Some((_, h)) => *h,
            None => {
                self.error.get_or_insert_with(|| {
                    format!("mechanism `{}` does not list property `{key}`", m.name)
                });
                false
            }
        };
        let detail = format!(
            "{key} of {} {}",
            m.name,
            if holds { "holds" } else { "fails" }
        );
        self.assert(
            role,
            text,
            holds,
            detail,
            json!({"relation": "property", "left": m.name, "right": key}),
        )
    }

    fn assert(&mut self, role: Role, text: &str, holds: bool, detail: String, rel: Value) -> bool {
        if self.mode == Mode::Certificate {
            let mut o = serde_json::Map::new();
            o.insert("role".into(), role.name().into());
            o.insert("text".into(), text.into());
            if let Value::Object(r) = rel {
                o.extend(r);
            }
            o.insert("holds".into(), holds.into());
            self.assertion_json.push(Value::Object(o));
        }
        self.assertions.push(Assertion {
            role,
            text: text.to_string(),
            holds,
            detail,
        });
        holds
    }

    /// Did every condition so far hold?
    pub fn applicable(&self) -> bool {
        self.assertions
            .iter()
            .filter(|a| a.role == Role::Condition)
            .all(|a| a.holds)
    }

    /// As [`Record::finish`] for a certificate whose instance was built from the instance the
    /// claim was asked about (Remark 1 extends it by a buyer type): that one is recorded as
    /// `derived_from`.
    pub fn finish_derived(
        self,
        heading: &Heading,
        instance: &Instance,
        derived_from: &Instance,
    ) -> Result<Certified, String> {
        let mut c = self.finish(heading, instance)?;
        if let Value::Object(o) = &mut c.certificate {
            o.insert("derived_from".into(), derived_from.to_json());
        }
        Ok(c)
    }

    /// The verdict by FORMAT.md's rule, and the certificate; an error if the recording went
    /// wrong (a name used twice, a property not listed).
    pub fn finish(self, heading: &Heading, instance: &Instance) -> Result<Certified, String> {
        if let Some(e) = self.error {
            return Err(format!("{}: {e}", heading.id));
        }
        let failed = |role| self.assertions.iter().find(|a| a.role == role && !a.holds);
        let claims = self
            .assertions
            .iter()
            .filter(|a| a.role == Role::Claim)
            .count();
        let (verdict, reason) = if let Some(c) = failed(Role::Condition) {
            (
                Verdict::NotApplicable,
                format!("{} does not hold: {}", c.text, c.detail),
            )
        } else if let Some(c) = failed(Role::Claim) {
            (Verdict::Fails, format!("{}: {}", c.text, c.detail))
        } else {
            let why = match claims {
                1 => "the claim assertion holds".to_string(),
                k => format!("all {k} claim assertions hold"),
            };
            (Verdict::Holds, why)
        };
        let certificate = match self.mode {
            Mode::VerdictOnly => Value::Null,
            Mode::Certificate => json!({
                "format": "mechcert-cert/1",
                "claim": heading.id,
                "section": heading.section,
                "statement": heading.statement,
                "verdict": verdict.name(),
                "reason": reason,
                "instance": instance.to_json(),
                "quantities": self.quantities,
                "assertions": self.assertion_json,
            }),
        };
        Ok(Certified {
            claim: heading.id,
            verdict,
            reason,
            certificate,
            assertions: self.assertions,
        })
    }
}

/// A certification on a concrete instance: a [`Record`] and the environment its formulas and
/// evidence are computed on.
pub struct Builder<'e> {
    rec: Record,
    env: &'e Env<Rat>,
}

impl Deref for Builder<'_> {
    type Target = Record;
    fn deref(&self) -> &Record {
        &self.rec
    }
}

impl DerefMut for Builder<'_> {
    fn deref_mut(&mut self) -> &mut Record {
        &mut self.rec
    }
}

impl<'e> Builder<'e> {
    pub fn new(env: &'e Env<Rat>, mode: Mode) -> Self {
        Builder {
            rec: Record::new(mode),
            env,
        }
    }

    pub fn env(&self) -> &'e Env<Rat> {
        self.env
    }

    /// The record, to finish it.
    pub fn into_record(self) -> Record {
        self.rec
    }

    /// Record a printed formula: evaluated here, re-evaluated by the checker from its text.
    pub fn formula(&mut self, name: &str, e: &Expr) -> Result<Num, String> {
        let v = e
            .eval(self.env, &self.rec.numbers)
            .map_err(|err| format!("formula {name}: {err}"))?;
        Ok(self
            .rec
            .num(name, json!({"kind": "formula", "expr": e.to_string()}), v))
    }

    /// A printed formula in an allocation x (symbols `x(i,j)`, `xb(i)`, `xs(j)`).
    pub fn formula_at(&mut self, name: &str, e: &Expr, x: &Matrix<Rat>) -> Result<Num, String> {
        let v = e
            .eval_in(self.env, &self.rec.numbers, Some(x), None)
            .map_err(|err| format!("formula {name}: {err}"))?;
        let fields = json!({"kind": "formula", "expr": e.to_string(), "allocation": allocation_json(&x.to_rows())});
        Ok(self.rec.num(name, fields, v))
    }
}

/// An allocation matrix as certificate JSON (exact strings).
pub fn allocation_json(rows: &[Vec<Rat>]) -> Value {
    json!(
        rows.iter()
            .map(|r| r.iter().map(Rat::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    )
}
