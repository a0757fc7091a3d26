//! Building a `mechcert-cert/1` certificate while certifying a claim: quantities are recorded
//! with the value mechcert computed, assertions are evaluated on those values, and the verdict
//! follows the rule of FORMAT.md (a failed condition: not applicable; else holds iff every claim
//! assertion holds). The independent checker recomputes every quantity and re-evaluates every
//! assertion.

use std::collections::HashMap;

use mechcert_mech::Matrix;
use mechcert_model::{Env, Instance};
use mechcert_num::Rat;
use serde_json::{Value, json};

use crate::expr::Expr;

thread_local! {
    /// Lean mode: compute verdicts without building certificate JSON (search scans many
    /// instances and builds the certificate of the one it reports).
    static LEAN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f` with certificates not built: `Certified::certificate` is `null` inside.
pub fn verdict_only<T>(f: impl FnOnce() -> T) -> T {
    let before = LEAN.with(|l| l.replace(true));
    let out = f();
    LEAN.with(|l| l.set(before));
    out
}

fn lean() -> bool {
    LEAN.with(|l| l.get())
}

/// The outcome of certifying a claim on an instance: the certificate format's own verdict.
pub use mechcert_cert::Verdict;

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

/// A recorded value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Num(Rat),
    Bool(bool),
    /// Structured values (a `mechanism` quantity's properties).
    Json(Value),
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

/// Collects the evidence of one certification.
pub struct Builder<'e> {
    env: Option<&'e Env<Rat>>,
    quantities: Vec<Value>,
    values: HashMap<String, Val>,
    numbers: HashMap<String, Rat>,
    pub assertions: Vec<Assertion>,
    assertion_json: Vec<Value>,
}

/// A finished certification.
#[derive(Clone, Debug)]
pub struct Certified {
    pub claim: &'static str,
    pub verdict: Verdict,
    pub reason: String,
    pub certificate: Value,
    /// The assertions in order, with their exact values, for a readable report.
    pub assertions: Vec<Assertion>,
}

impl<'e> Builder<'e> {
    pub fn new(env: &'e Env<Rat>) -> Self {
        Builder::with(Some(env))
    }

    /// A builder for an instance that has no concrete environment (a parameterised family).
    pub fn without_env() -> Builder<'static> {
        Builder::with(None)
    }

    fn with(env: Option<&'e Env<Rat>>) -> Self {
        Builder {
            env,
            quantities: vec![],
            values: HashMap::new(),
            numbers: HashMap::new(),
            assertions: vec![],
            assertion_json: vec![],
        }
    }

    pub fn env(&self) -> &'e Env<Rat> {
        self.env
            .expect("this certification has a concrete environment")
    }

    /// Record a quantity given as its JSON fields (without `name` and `value`) and the value
    /// mechcert computed. Returns the name.
    pub fn record(&mut self, name: &str, mut fields: Value, value: Val) -> String {
        assert!(
            !self.values.contains_key(name),
            "quantity `{name}` recorded twice"
        );
        if lean() {
            if let Val::Num(r) = &value {
                self.numbers.insert(name.to_string(), r.clone());
            }
            self.values.insert(name.to_string(), value);
            return name.to_string();
        }
        let o = fields
            .as_object_mut()
            .expect("quantity fields are an object");
        o.insert("name".into(), name.into());
        o.insert(
            "value".into(),
            match &value {
                Val::Num(r) => r.to_string().into(),
                Val::Bool(b) => (*b).into(),
                Val::Json(v) => v.clone(),
            },
        );
        // keep `name` and `kind` first for readability
        let mut ordered = serde_json::Map::new();
        for key in ["name", "kind"] {
            if let Some(v) = o.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        ordered.extend(std::mem::take(o));
        self.quantities.push(Value::Object(ordered));
        if let Val::Num(r) = &value {
            self.numbers.insert(name.to_string(), r.clone());
        }
        self.values.insert(name.to_string(), value);
        name.to_string()
    }

    /// Record a quantity whose JSON the caller built completely (e.g. an LP), with its value.
    pub fn record_json(&mut self, quantity: Value, value: Val) -> String {
        let name = quantity["name"]
            .as_str()
            .expect("named quantity")
            .to_string();
        let mut fields = quantity;
        let o = fields.as_object_mut().expect("object");
        o.remove("name");
        o.remove("value");
        self.record(&name, fields, value)
    }

    /// Record a printed formula: evaluated here, re-evaluated by the checker from its text.
    pub fn formula(&mut self, name: &str, e: &Expr) -> Result<Rat, String> {
        let v = e
            .eval(self.env(), &self.numbers)
            .map_err(|err| format!("formula {name}: {err}"))?;
        self.record(
            name,
            json!({"kind": "formula", "expr": e.to_string()}),
            Val::Num(v.clone()),
        );
        Ok(v)
    }

    /// A printed formula in an allocation x (symbols `x(i,j)`, `xb(i)`, `xs(j)`).
    pub fn formula_at(&mut self, name: &str, e: &Expr, x: &Matrix<Rat>) -> Result<Rat, String> {
        let v = e
            .eval_in(self.env(), &self.numbers, Some(x), None)
            .map_err(|err| format!("formula {name}: {err}"))?;
        let fields = json!({"kind": "formula", "expr": e.to_string(), "allocation": allocation_json(&x.to_rows())});
        self.record(name, fields, Val::Num(v.clone()));
        Ok(v)
    }

    pub fn number(&self, name: &str) -> &Rat {
        &self.numbers[name]
    }

    fn operand(&self, s: &str) -> Rat {
        match self.numbers.get(s) {
            Some(v) => v.clone(),
            None => s
                .parse()
                .unwrap_or_else(|_| panic!("`{s}` is neither a quantity nor a number")),
        }
    }

    /// Assert `left rel right` (quantity names or literal numbers).
    pub fn compare(&mut self, role: Role, text: &str, left: &str, rel: Rel, right: &str) -> bool {
        let (a, b) = (self.operand(left), self.operand(right));
        let holds = rel.holds(&a, &b);
        let show = |name: &str, v: &Rat| {
            if name == v.to_string() {
                name.to_string()
            } else {
                format!("{name} = {v}")
            }
        };
        let detail = if holds {
            format!("{} {} {}", show(left, &a), rel.symbol(), show(right, &b))
        } else {
            let shown = if right == b.to_string() {
                show(left, &a)
            } else {
                format!("{}, {}", show(left, &a), show(right, &b))
            };
            format!("{shown}: `{left} {} {right}` is false", rel.symbol())
        };
        self.push(
            role,
            text,
            holds,
            detail,
            json!({"relation": rel.name(), "left": left, "right": right}),
        )
    }

    /// Assert that a boolean quantity has the given value.
    pub fn is(&mut self, role: Role, text: &str, left: &str, expect: bool) -> bool {
        let v = match &self.values[left] {
            Val::Bool(b) => *b,
            _ => panic!("`{left}` is not boolean"),
        };
        let holds = v == expect;
        let detail = format!("{left} is {v}");
        self.push(
            role,
            text,
            holds,
            detail,
            json!({"relation": "is", "left": left, "right": expect.to_string()}),
        )
    }

    /// Assert that a property of a `mechanism` quantity holds.
    pub fn property(
        &mut self,
        role: Role,
        text: &str,
        mechanism: &str,
        key: &str,
        holds: bool,
    ) -> bool {
        let detail = format!(
            "{key} of {mechanism} {}",
            if holds { "holds" } else { "fails" }
        );
        self.push(
            role,
            text,
            holds,
            detail,
            json!({"relation": "property", "left": mechanism, "right": key}),
        )
    }

    fn push(&mut self, role: Role, text: &str, holds: bool, detail: String, rel: Value) -> bool {
        if lean() {
            self.assertions.push(Assertion {
                role,
                text: text.to_string(),
                holds,
                detail,
            });
            return holds;
        }
        let mut o = json!({"role": role.name(), "text": text});
        let m = o.as_object_mut().expect("object");
        for (k, v) in rel.as_object().expect("object") {
            m.insert(k.clone(), v.clone());
        }
        m.insert("holds".into(), holds.into());
        self.assertion_json.push(o);
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

    /// The verdict by FORMAT.md's rule, and the certificate.
    /// As [`Builder::finish`] for a certificate whose instance was built from the instance the
    /// claim was asked about (Remark 1 extends it by a buyer type): that one is recorded as
    /// `derived_from`, so the certificate can be regenerated from it.
    pub fn finish_derived(
        self,
        claim: &crate::Claim,
        instance: &Instance,
        derived_from: &Instance,
    ) -> Certified {
        let mut c = self.finish(claim, instance);
        if let Value::Object(o) = &mut c.certificate {
            o.insert("derived_from".into(), derived_from.to_json());
        }
        c
    }

    pub fn finish(self, claim: &crate::Claim, instance: &Instance) -> Certified {
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
        let certificate = if lean() {
            Value::Null
        } else {
            json!({
            "format": "mechcert-cert/1",
            "claim": claim.id,
            "section": claim.section,
            "statement": claim.statement,
            "verdict": verdict.name(),
            "reason": reason,
            "instance": instance.to_json(),
            "quantities": self.quantities,
            "assertions": self.assertion_json,
            })
        };
        Certified {
            claim: claim.id,
            verdict,
            reason,
            certificate,
            assertions: self.assertions,
        }
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
