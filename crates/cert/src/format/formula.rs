//! The scope of `formula` expressions: symbols `B1..Bm`, `S1..Sn`, `pB1..pBm`, `pS1..pSn`,
//! `m`, `n`, `I`, the parameter, references `{name}` to earlier quantities, and the functions
//! `FB(v)`, `FS(v)`, `min(...)`, `max(...)` and, with an allocation, `x(i,j)`, `xb(i)`,
//! `xs(j)`. Either concrete (numbers, at one value of the parameter) or symbolic
//! (polynomials in the parameter, comparisons proven on the domain). Also: allocation
//! matrices whose entries are numbers or formulas.

use std::cmp::Ordering;

use num_traits::{One, Signed, ToPrimitive, Zero};
use serde_json::Value;

use crate::domain::Domain;
use crate::expr::{Scope, eval, parse};
use crate::instance::{Concrete, Instance, Matrix};
use crate::number::{Q, int, json_rat, json_type};
use crate::poly::{Poly, sign};
use crate::quote::quote;
use crate::work;

/// Resolves `{name}` references: the value of an earlier numeric quantity.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Result<Q, String>;

pub struct FormulaScope<'a> {
    b: Vec<Poly>,
    s: Vec<Poly>,
    pb: &'a [Q],
    ps: &'a [Q],
    buyers: usize,
    param: Option<(&'a str, Poly)>,
    /// Where comparisons of non-constant polynomials are decided (symbolic scope).
    domain: Option<&'a Domain>,
    refs: Lookup<'a>,
    /// The allocation of `x(i,j)`, `xb(i)`, `xs(j)`.
    alloc: Option<Vec<Vec<Poly>>>,
}

impl<'a> FormulaScope<'a> {
    /// Numbers of a concrete instance; the parameter (if any) has the value `k`.
    pub fn concrete(
        inst: &'a Instance,
        c: &'a Concrete,
        k: Option<&Q>,
        refs: Lookup<'a>,
    ) -> FormulaScope<'a> {
        FormulaScope {
            b: c.b.iter().cloned().map(Poly::constant).collect(),
            s: c.s.iter().cloned().map(Poly::constant).collect(),
            pb: &c.pb,
            ps: &c.ps,
            buyers: c.buyers,
            param: match (&inst.param, k) {
                (Some((p, _)), Some(k)) => Some((p.as_str(), Poly::constant(k.clone()))),
                _ => None,
            },
            domain: None,
            refs,
            alloc: None,
        }
    }

    /// Polynomials in the parameter on the instance's domain.
    pub fn symbolic(inst: &'a Instance, refs: Lookup<'a>) -> FormulaScope<'a> {
        FormulaScope {
            b: inst.bv.clone(),
            s: inst.sv.clone(),
            pb: &inst.pb,
            ps: &inst.ps,
            buyers: inst.buyers,
            param: inst.param.as_ref().map(|(p, _)| (p.as_str(), Poly::var())),
            domain: inst.param.as_ref().map(|(_, d)| d),
            refs,
            alloc: None,
        }
    }

    /// The same scope with the allocation symbols `x`, `xb`, `xs`.
    pub fn with_allocation(mut self, x: Vec<Vec<Poly>>) -> FormulaScope<'a> {
        self.alloc = Some(x);
        self
    }

    fn compare(&self, a: &Poly, b: &Poly, what: &str) -> Result<Ordering, String> {
        let diff = a.sub(b);
        if let Some(c) = diff.as_constant() {
            return Ok(sign(&c));
        }
        self.domain
            .and_then(|d| d.constant_sign(&diff))
            .ok_or_else(|| {
                format!(
                    "the order inside {what} changes on the domain: the formula is not a polynomial there"
                )
            })
    }

    fn cdf(&self, vals: &[Poly], probs: &[Q], v: &Poly) -> Result<Poly, String> {
        work::charge(vals.len() as u64, || "FB/FS".to_string())?;
        let mut acc = Q::zero();
        for (x, p) in vals.iter().zip(probs) {
            if self.compare(x, v, "FB/FS")? != Ordering::Greater {
                acc += p;
            }
        }
        Ok(Poly::constant(acc))
    }

    fn extreme(&self, name: &str, args: &[Poly], keep: Ordering) -> Result<Poly, String> {
        work::charge(args.len() as u64, || name.to_string())?;
        let mut best = args
            .first()
            .ok_or_else(|| format!("`{name}` needs at least one argument"))?
            .clone();
        for a in &args[1..] {
            if self.compare(a, &best, name)? == keep {
                best = a.clone();
            }
        }
        Ok(best)
    }

    fn allocation(&self, f: &str) -> Result<&Vec<Vec<Poly>>, String> {
        self.alloc
            .as_ref()
            .ok_or_else(|| format!("`{f}` needs an `allocation` field on the formula"))
    }

    /// Is `p` within [0, 1] (for a non-constant `p`: strictly inside on the whole domain)?
    fn is_probability(&self, p: &Poly) -> bool {
        match p.as_constant() {
            Some(c) => !c.is_negative() && c <= Q::one(),
            None => self.domain.is_some_and(|d| {
                d.constant_sign(p) == Some(Ordering::Greater)
                    && d.constant_sign(&Poly::constant(Q::one()).sub(p)) == Some(Ordering::Greater)
            }),
        }
    }

    /// Read an `m x n` allocation whose entries are exact numbers or formulas evaluated in
    /// this scope; every entry must be a probability (on the whole domain for a symbolic
    /// scope: a non-constant entry strictly inside (0, 1)).
    pub fn read_allocation(&self, v: &Value, what: &str) -> Result<Vec<Vec<Poly>>, String> {
        let (m, n) = (self.b.len(), self.s.len());
        let rows = v
            .as_array()
            .ok_or_else(|| format!("{what}: expected an array of rows, found {}", json_type(v)))?;
        if rows.len() != m {
            return Err(format!(
                "{what}: has {} rows, expected {m} (one per buyer value)",
                rows.len()
            ));
        }
        let mut out = Vec::with_capacity(m);
        for (i, r) in rows.iter().enumerate() {
            let r = r
                .as_array()
                .ok_or_else(|| format!("{what}[{i}]: expected an array, found {}", json_type(r)))?;
            if r.len() != n {
                return Err(format!(
                    "{what}[{i}]: has {} entries, expected {n} (one per seller value)",
                    r.len()
                ));
            }
            let mut row = Vec::with_capacity(n);
            for (j, x) in r.iter().enumerate() {
                let at = |e: String| format!("{what}[{i}][{j}]: {e}");
                let p = match x {
                    Value::String(e) => evaluate(e, self).map_err(at)?,
                    other => Poly::constant(json_rat(other).map_err(at)?),
                };
                if !self.is_probability(&p) {
                    return Err(at(match p.as_constant() {
                        Some(c) => format!("{c} is not a probability of trade (0 to 1)"),
                        None => "the entry depends on the parameter and the checker cannot prove it lies strictly between 0 and 1 on the whole domain".to_string(),
                    }));
                }
                row.push(p);
            }
            out.push(row);
        }
        Ok(out)
    }

    /// `read_allocation` on a concrete scope: a matrix of numbers.
    pub fn read_numbers(&self, v: &Value, what: &str) -> Result<Matrix, String> {
        self.read_allocation(v, what)?
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|p| {
                        p.as_constant()
                            .ok_or_else(|| format!("{what}: an entry depends on the parameter"))
                    })
                    .collect()
            })
            .collect()
    }
}

/// A 1-based index argument of `x`, `xb`, `xs`: a constant integer in 1..=len.
fn index_arg(f: &str, p: &Poly, len: usize) -> Result<usize, String> {
    let v = p
        .as_constant()
        .ok_or_else(|| format!("`{f}`: an index depends on the parameter"))?;
    if v.is_integer()
        && let Some(i) = v.to_integer().to_usize()
        && (1..=len).contains(&i)
    {
        return Ok(i - 1);
    }
    Err(format!("`{f}`: index {v} out of range 1..{len}"))
}

fn index(name: &str, prefix: &str, len: usize) -> Option<Result<usize, String>> {
    let rest = name.strip_prefix(prefix)?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match rest.parse::<usize>() {
        Ok(i) if (1..=len).contains(&i) => Ok(i - 1),
        _ => Err(format!("{}: index out of range 1..{len}", quote(name))),
    })
}

impl Scope for FormulaScope<'_> {
    fn symbol(&self, name: &str) -> Result<Poly, String> {
        if let Some((p, v)) = &self.param
            && *p == name
        {
            return Ok(v.clone());
        }
        let count = |c: usize| Poly::constant(int(i64::try_from(c).unwrap_or(i64::MAX)));
        match name {
            "m" => return Ok(count(self.b.len())),
            "n" => return Ok(count(self.s.len())),
            "I" => return Ok(count(self.buyers)),
            _ => {}
        }
        if let Some(i) = index(name, "pB", self.pb.len()) {
            return Ok(Poly::constant(self.pb[i?].clone()));
        }
        if let Some(j) = index(name, "pS", self.ps.len()) {
            return Ok(Poly::constant(self.ps[j?].clone()));
        }
        if let Some(i) = index(name, "B", self.b.len()) {
            return Ok(self.b[i?].clone());
        }
        if let Some(j) = index(name, "S", self.s.len()) {
            return Ok(self.s[j?].clone());
        }
        Err(format!("unknown symbol {}", quote(name)))
    }

    fn call(&self, name: &str, args: &[Poly]) -> Result<Poly, String> {
        let arg = |k: usize| {
            args.get(k)
                .ok_or_else(|| format!("`{name}`: missing argument {}", k + 1))
        };
        let (m, n) = (self.b.len(), self.s.len());
        match name {
            "FB" => self.cdf(&self.b, self.pb, arg(0)?),
            "FS" => self.cdf(&self.s, self.ps, arg(0)?),
            "min" => self.extreme(name, args, Ordering::Less),
            "max" => self.extreme(name, args, Ordering::Greater),
            "x" => {
                let x = self.allocation(name)?;
                let i = index_arg("x", arg(0)?, m)?;
                let j = index_arg("x", arg(1)?, n)?;
                Ok(x[i][j].clone())
            }
            "xb" => {
                let x = self.allocation(name)?;
                let i = index_arg("xb", arg(0)?, m)?;
                let mut acc = Poly::zero();
                for j in 0..n {
                    acc = acc.add(&x[i][j].scale(&self.ps[j]));
                }
                Ok(acc)
            }
            "xs" => {
                let x = self.allocation(name)?;
                let j = index_arg("xs", arg(0)?, n)?;
                let mut acc = Poly::zero();
                for i in 0..m {
                    acc = acc.add(&x[i][j].scale(&self.pb[i]));
                }
                Ok(acc)
            }
            _ => Err(format!("unknown function {}", quote(name))),
        }
    }

    fn reference(&self, name: &str) -> Result<Q, String> {
        (self.refs)(name)
    }
}

/// Evaluate a formula in a scope.
pub fn evaluate(expr: &str, scope: &FormulaScope<'_>) -> Result<Poly, String> {
    eval(&parse(expr)?, scope).map_err(|e| format!("formula {}: {e}", quote(expr)))
}
