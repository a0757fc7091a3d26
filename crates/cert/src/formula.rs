//! The scope of `formula` expressions: symbols `B1..Bm`, `S1..Sn`, `pB1..pBm`, `pS1..pSn`,
//! the parameter, and `FB(v)`, `FS(v)`. Either concrete (numbers, at one value of the
//! parameter) or symbolic (polynomials in the parameter, comparisons proven on the domain).

use std::cmp::Ordering;

use num_traits::Zero;

use crate::domain::Domain;
use crate::expr::{Scope, eval, parse};
use crate::instance::{Concrete, Instance};
use crate::number::Q;
use crate::poly::{Poly, sign};

pub struct FormulaScope<'a> {
    b: Vec<Poly>,
    s: Vec<Poly>,
    pb: &'a [Q],
    ps: &'a [Q],
    param: Option<(&'a str, Poly)>,
    /// Where comparisons of non-constant polynomials are decided (symbolic scope).
    domain: Option<&'a Domain>,
}

impl<'a> FormulaScope<'a> {
    /// Numbers of a concrete instance; the parameter (if any) has the value `k`.
    pub fn concrete(inst: &'a Instance, c: &'a Concrete, k: Option<&Q>) -> FormulaScope<'a> {
        FormulaScope {
            b: c.b.iter().cloned().map(Poly::constant).collect(),
            s: c.s.iter().cloned().map(Poly::constant).collect(),
            pb: &c.pb,
            ps: &c.ps,
            param: match (&inst.param, k) {
                (Some((p, _)), Some(k)) => Some((p.as_str(), Poly::constant(k.clone()))),
                _ => None,
            },
            domain: None,
        }
    }

    /// Polynomials in the parameter on the instance's domain.
    pub fn symbolic(inst: &'a Instance) -> FormulaScope<'a> {
        FormulaScope {
            b: inst.bv.clone(),
            s: inst.sv.clone(),
            pb: &inst.pb,
            ps: &inst.ps,
            param: inst.param.as_ref().map(|(p, _)| (p.as_str(), Poly::var())),
            domain: inst.param.as_ref().map(|(_, d)| d),
        }
    }

    fn compare(&self, a: &Poly, b: &Poly) -> Result<Ordering, String> {
        let diff = a.sub(b);
        if let Some(c) = diff.as_constant() {
            return Ok(sign(&c));
        }
        self.domain
            .and_then(|d| d.constant_sign(&diff))
            .ok_or_else(|| {
                "the order inside FB/FS changes on the domain: the formula is not a polynomial there"
                    .to_string()
            })
    }

    fn cdf(&self, vals: &[Poly], probs: &[Q], v: &Poly) -> Result<Poly, String> {
        let mut acc = Q::zero();
        for (x, p) in vals.iter().zip(probs) {
            if self.compare(x, v)? != Ordering::Greater {
                acc += p;
            }
        }
        Ok(Poly::constant(acc))
    }
}

fn index(name: &str, prefix: &str, len: usize) -> Option<Result<usize, String>> {
    let rest = name.strip_prefix(prefix)?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match rest.parse::<usize>() {
        Ok(i) if (1..=len).contains(&i) => Ok(i - 1),
        _ => Err(format!("`{name}`: index out of range 1..{len}")),
    })
}

impl Scope for FormulaScope<'_> {
    fn symbol(&self, name: &str) -> Result<Poly, String> {
        if let Some((p, v)) = &self.param
            && *p == name
        {
            return Ok(v.clone());
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
        Err(format!("unknown symbol `{name}`"))
    }

    fn call(&self, name: &str, arg: &Poly) -> Result<Poly, String> {
        match name {
            "FB" => self.cdf(&self.b, self.pb, arg),
            "FS" => self.cdf(&self.s, self.ps, arg),
            _ => Err(format!("unknown function `{name}`")),
        }
    }
}

/// Evaluate a formula in a scope.
pub fn evaluate(expr: &str, scope: &FormulaScope<'_>) -> Result<Poly, String> {
    eval(&parse(expr)?, scope).map_err(|e| format!("formula `{expr}`: {e}"))
}
