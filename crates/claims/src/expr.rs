//! `Expr`: the paper's printed formulas, written once, evaluated exactly here and printed in
//! the certificate formula language (crates/cert/FORMAT.md) so that the independent checker
//! evaluates the same text with its own parser and arithmetic.
//!
//! Symbols: `B1..Bm`, `S1..Sn`, `pB1..`, `pS1..`, `m`, `n`, `k` (the parameter); functions
//! `FB(v)`, `FS(v)` (cumulative distributions at a value), `min`, `max`; `{name}` refers to a
//! quantity recorded earlier in the same certificate. Evaluation is generic over `Scalar`, so
//! a formula in the parameter evaluates to a polynomial; division is only by constants then.

use std::collections::HashMap;
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

use mechcert_mech::Matrix;
use mechcert_model::Env;
use mechcert_num::{Rat, Scalar};

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(Rat),
    Sym(String),
    Ref(String),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Pow(Box<Expr>, u32),
    Call(&'static str, Vec<Expr>),
}

/// B_i (1-based, as printed in the paper).
pub fn b(i: usize) -> Expr {
    Expr::Sym(format!("B{i}"))
}
/// S_j (1-based).
pub fn s(j: usize) -> Expr {
    Expr::Sym(format!("S{j}"))
}
/// p_b(B_i) (1-based).
pub fn pb(i: usize) -> Expr {
    Expr::Sym(format!("pB{i}"))
}
/// p_s(S_j) (1-based).
pub fn ps(j: usize) -> Expr {
    Expr::Sym(format!("pS{j}"))
}
/// F_b at a value.
pub fn fb(v: Expr) -> Expr {
    Expr::Call("FB", vec![v])
}
/// F_s at a value.
pub fn fs(v: Expr) -> Expr {
    Expr::Call("FS", vec![v])
}
pub fn num(r: impl Into<Rat>) -> Expr {
    Expr::Num(r.into())
}
pub fn frac(p: i64, q: i64) -> Expr {
    Expr::Num(Rat::new(p, q))
}
/// x(i,j) of the allocation in scope (1-based).
pub fn x(i: usize, j: usize) -> Expr {
    Expr::Sym(format!("x({i},{j})"))
}
pub fn min(args: Vec<Expr>) -> Expr {
    Expr::Call("min", args)
}
pub fn max(args: Vec<Expr>) -> Expr {
    Expr::Call("max", args)
}

/// A polynomial in the parameter as an expression (ascending powers).
pub fn poly(p: &mechcert_num::Poly, param: &str) -> Expr {
    let terms = p
        .coeffs()
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_zero())
        .map(|(d, c)| match d {
            0 => Expr::Num(c.clone()),
            1 => Expr::Num(c.clone()) * Expr::Sym(param.to_string()),
            _ => Expr::Num(c.clone()) * Expr::Sym(param.to_string()).pow(d as u32),
        });
    sum(terms)
}

/// Σ of the expressions (0 for none).
pub fn sum(items: impl IntoIterator<Item = Expr>) -> Expr {
    items
        .into_iter()
        .reduce(|a, b| a + b)
        .unwrap_or(Expr::Num(Rat::ZERO))
}

impl Expr {
    pub fn pow(self, e: u32) -> Expr {
        Expr::Pow(Box::new(self), e)
    }

    fn prec(&self) -> u8 {
        match self {
            Expr::Add(..) | Expr::Sub(..) => 1,
            Expr::Mul(..) | Expr::Div(..) => 2,
            Expr::Neg(_) => 3,
            Expr::Pow(..) => 4,
            Expr::Num(r) if r.is_negative() || !r.is_integer() => 2,
            _ => 5,
        }
    }

    /// Evaluate on an environment; `refs` holds earlier quantities. Errors name the problem
    /// (an unknown symbol, division by zero or by a non-constant).
    pub fn eval<S: Scalar>(&self, env: &Env<S>, refs: &HashMap<String, S>) -> Result<S, String> {
        self.eval_in(env, refs, None, None)
    }

    /// Evaluate a formula in the parameter `param` (a polynomial when `S` is `Poly`).
    pub fn eval_param<S: Scalar>(&self, env: &Env<S>, param: &str) -> Result<S, String> {
        self.eval_in(env, &HashMap::new(), None, Some(param))
    }

    /// Evaluate with an allocation in scope for the symbols `x(i,j)`, `xb(i)`, `xs(j)`.
    pub fn eval_in<S: Scalar>(
        &self,
        env: &Env<S>,
        refs: &HashMap<String, S>,
        alloc: Option<&Matrix<Rat>>,
        param: Option<&str>,
    ) -> Result<S, String> {
        let sym = |name: &str| -> Result<S, String> {
            if param == Some(name) {
                return S::parameter()
                    .ok_or_else(|| format!("the parameter `{name}` needs polynomial evaluation"));
            }
            if let Some(inner) = name.strip_prefix("x(").and_then(|r| r.strip_suffix(')')) {
                let x = alloc.ok_or("x(i,j) needs an allocation")?;
                let (i, j) = inner.split_once(',').ok_or("x(i,j)")?;
                let (i, j): (usize, usize) = (
                    i.parse().map_err(|_| "x(i,j)")?,
                    j.parse().map_err(|_| "x(i,j)")?,
                );
                if i == 0 || j == 0 || i > x.rows() || j > x.cols() {
                    return Err(format!("no cell x({i},{j})"));
                }
                return Ok(S::from_rat(x[(i - 1, j - 1)].clone()));
            }
            for (prefix, buyer) in [("xb(", true), ("xs(", false)] {
                if let Some(inner) = name.strip_prefix(prefix).and_then(|r| r.strip_suffix(')')) {
                    let x = alloc.ok_or("xb/xs need an allocation")?;
                    let k: usize = inner.parse().map_err(|_| "xb(i)/xs(j)")?;
                    let v: Rat = if buyer {
                        (0..x.cols()).map(|j| &x[(k - 1, j)] * &env.ps[j]).sum()
                    } else {
                        (0..x.rows()).map(|i| &x[(i, k - 1)] * &env.pb[i]).sum()
                    };
                    return Ok(S::from_rat(v));
                }
            }
            let idx = |prefix: &str| {
                name.strip_prefix(prefix)
                    .and_then(|d| d.parse::<usize>().ok())
            };
            if let Some(i) = idx("pB") {
                return env
                    .pb
                    .get(i.wrapping_sub(1))
                    .map(|p| S::from_rat(p.clone()))
                    .ok_or(format!("no buyer type {i}"));
            }
            if let Some(j) = idx("pS") {
                return env
                    .ps
                    .get(j.wrapping_sub(1))
                    .map(|p| S::from_rat(p.clone()))
                    .ok_or(format!("no seller type {j}"));
            }
            if let Some(i) = idx("B") {
                return env
                    .buyer_values
                    .get(i.wrapping_sub(1))
                    .cloned()
                    .ok_or(format!("no buyer value B{i}"));
            }
            if let Some(j) = idx("S") {
                return env
                    .seller_values
                    .get(j.wrapping_sub(1))
                    .cloned()
                    .ok_or(format!("no seller value S{j}"));
            }
            match name {
                "m" => Ok(S::from_rat(Rat::from(env.m()))),
                "n" => Ok(S::from_rat(Rat::from(env.n()))),
                "I" => Ok(S::from_rat(Rat::from(env.buyers))),
                _ => Err(format!("unknown symbol `{name}`")),
            }
        };
        Ok(match self {
            Expr::Num(r) => S::from_rat(r.clone()),
            Expr::Sym(name) => sym(name)?,
            Expr::Ref(name) => refs
                .get(name)
                .cloned()
                .ok_or(format!("unknown quantity `{name}`"))?,
            Expr::Add(a, c) => {
                a.eval_in(env, refs, alloc, param)? + c.eval_in(env, refs, alloc, param)?
            }
            Expr::Sub(a, c) => {
                a.eval_in(env, refs, alloc, param)? - c.eval_in(env, refs, alloc, param)?
            }
            Expr::Mul(a, c) => {
                a.eval_in(env, refs, alloc, param)? * c.eval_in(env, refs, alloc, param)?
            }
            Expr::Div(a, c) => {
                let d = c
                    .eval_in(env, refs, alloc, param)?
                    .as_constant()
                    .ok_or("division by a non-constant")?;
                let inv = d
                    .recip()
                    .ok_or_else(|| format!("division by zero in {self}"))?;
                a.eval_in(env, refs, alloc, param)?.scale(&inv)
            }
            Expr::Neg(a) => -a.eval_in(env, refs, alloc, param)?,
            Expr::Pow(a, e) => {
                let base = a.eval_in(env, refs, alloc, param)?;
                (0..*e).fold(S::from_rat(Rat::ONE), |acc, _| acc * base.clone())
            }
            Expr::Call(f, args) => {
                let vals = args
                    .iter()
                    .map(|a| a.eval_in(env, refs, alloc, param))
                    .collect::<Result<Vec<S>, _>>()?;
                match *f {
                    "FB" | "FS" => {
                        // F at a value: the value must be one of the instance's values, so
                        // the proven order decides (no numeric comparison of polynomials).
                        let v = &vals[0];
                        let at_buyer = env.buyer_values.iter().position(|x| x == v);
                        let at_seller = env.seller_values.iter().position(|x| x == v);
                        let f = match (*f, at_buyer, at_seller) {
                            ("FB", Some(i), _) => env.cdf_b(i).clone(),
                            ("FB", None, Some(j)) => env.cdf_b_at_seller(j),
                            ("FS", _, Some(j)) => env.cdf_s(j).clone(),
                            ("FS", Some(i), None) => env.cdf_s_at_buyer(i),
                            _ => {
                                return Err(format!("{f}({v}) needs one of the instance's values"));
                            }
                        };
                        S::from_rat(f)
                    }
                    "min" | "max" => {
                        let cs: Vec<Rat> = vals
                            .iter()
                            .map(|v| v.as_constant().ok_or("min/max of non-constants"))
                            .collect::<Result<_, _>>()?;
                        let pick = if *f == "min" {
                            cs.into_iter().min()
                        } else {
                            cs.into_iter().max()
                        };
                        S::from_rat(pick.ok_or("min/max of nothing")?)
                    }
                    other => return Err(format!("unknown function {other}")),
                }
            }
        })
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wrap = |e: &Expr, min_prec: u8, f: &mut fmt::Formatter<'_>| {
            if e.prec() < min_prec {
                write!(f, "({e})")
            } else {
                write!(f, "{e}")
            }
        };
        match self {
            Expr::Num(r) => write!(f, "{r}"),
            Expr::Sym(s) => write!(f, "{s}"),
            Expr::Ref(s) => write!(f, "{{{s}}}"),
            Expr::Add(a, c) => {
                wrap(a, 1, f)?;
                match &**c {
                    Expr::Num(r) if r.is_negative() => write!(f, " - {}", -r),
                    _ => {
                        write!(f, " + ")?;
                        wrap(c, 2, f)
                    }
                }
            }
            Expr::Sub(a, c) => {
                wrap(a, 1, f)?;
                write!(f, " - ")?;
                wrap(c, 2, f)
            }
            Expr::Mul(a, c) => {
                wrap(a, 2, f)?;
                write!(f, "*")?;
                wrap(c, 3, f)
            }
            Expr::Div(a, c) => {
                wrap(a, 2, f)?;
                write!(f, "/")?;
                wrap(c, 3, f)
            }
            Expr::Neg(a) => {
                write!(f, "-")?;
                wrap(a, 4, f)
            }
            Expr::Pow(a, e) => {
                wrap(a, 5, f)?;
                write!(f, "^{e}")
            }
            Expr::Call(name, args) => {
                write!(f, "{name}(")?;
                for (k, a) in args.iter().enumerate() {
                    if k > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{a}")?;
                }
                write!(f, ")")
            }
        }
    }
}

macro_rules! binop {
    ($tr:ident, $m:ident, $v:ident) => {
        impl $tr for Expr {
            type Output = Expr;
            fn $m(self, rhs: Expr) -> Expr {
                Expr::$v(Box::new(self), Box::new(rhs))
            }
        }
    };
}
binop!(Add, add, Add);
binop!(Sub, sub, Sub);
binop!(Mul, mul, Mul);
binop!(Div, div, Div);

impl Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        Expr::Neg(Box::new(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mechcert_model::Instance;

    #[test]
    fn prints_with_minimal_parentheses_and_evaluates() {
        let e = pb(2) * ps(2) * b(2) + ps(1) * b(1) - pb(2) * s(2) - pb(1) * ps(1) * s(1);
        assert_eq!(e.to_string(), "pB2*pS2*B2 + pS1*B1 - pB2*S2 - pB1*pS1*S1");
        let x = (s(2) - ps(1) * s(1)) / ps(2);
        assert_eq!(x.to_string(), "(S2 - pS1*S1)/pS2");
        assert_eq!((-(b(1) - s(1))).to_string(), "-(B1 - S1)");
        assert_eq!((b(1) - (s(1) - s(2))).to_string(), "B1 - (S1 - S2)");
        let text = "[buyer]\nvalues = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = [1, 3]\nprobs = [\"1/2\", \"1/2\"]\n";
        let env = Instance::parse(text, "t").unwrap().concrete().unwrap();
        // Π(x*) for B = (2, 5), S = (1, 3), all 1/2: 5/4 + 1 - 3/2 - 1/4 = 1/2 (hand computed)
        assert_eq!(e.eval(&env, &HashMap::new()).unwrap(), Rat::new(1, 2));
        assert_eq!(
            fs(b(1)).eval(&env, &HashMap::new()).unwrap(),
            Rat::new(1, 2)
        );
        assert_eq!(
            fb(s(2)).eval(&env, &HashMap::new()).unwrap(),
            Rat::new(1, 2)
        );
        assert!((b(1) / (s(1) - s(1))).eval(&env, &HashMap::new()).is_err());
    }
}
