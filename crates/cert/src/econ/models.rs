//! The LP models of FORMAT.md, built from the instance and the model options by the
//! checker's own code, with the exact variable and row names: `max-surplus`, `bb-feasible`,
//! `second-best`, `reduced`, `max-pi`.

use num_traits::{One, Zero};
use serde_json::Value;

use crate::instance::{Concrete, Matrix};
use crate::lp::{Kind, Lin, Lp};
use crate::number::{Q, json_bool, json_count, json_rat, json_str};
use crate::quote::quote;
use crate::single::tight_coefficients;

/// The options of a model (FORMAT.md).
#[derive(Clone, Debug, Default)]
struct Options {
    allocation: Option<Vec<Vec<Q>>>,
    free_ties: bool,
    ex_post_ir: bool,
    pi_ge: Option<bool>,
    welfare_at_least: Option<Q>,
    /// `max-interim`: the buyer's side?, and the 1-based index of the type.
    buyer_side: Option<bool>,
    index: Option<usize>,
}

/// Model names and the options each accepts.
const MODELS: &[(&str, &[&str])] = &[
    ("max-surplus", &["allocation"]),
    ("max-interim", &["side", "index"]),
    ("bb-feasible", &["allocation", "free_ties", "ex_post_ir"]),
    ("second-best", &["ex_post_ir"]),
    ("reduced", &["pi"]),
    ("max-pi", &["pi", "welfare_at_least"]),
];

/// Reads an allocation matrix (numbers or formulas, each in [0, 1]).
pub type ReadAllocation<'a> = &'a dyn Fn(&Value, &str) -> Result<Matrix, String>;

fn options(
    model: &str,
    v: Option<&Value>,
    read_allocation: ReadAllocation<'_>,
) -> Result<Options, String> {
    let allowed = MODELS
        .iter()
        .find(|(m, _)| *m == model)
        .map(|(_, o)| *o)
        .ok_or_else(|| {
            format!(
                "unknown model {model} (known: {})",
                MODELS
                    .iter()
                    .map(|(m, _)| *m)
                    .collect::<Vec<_>>()
                    .join(", "),
                model = quote(model)
            )
        })?;
    let mut o = Options::default();
    let Some(v) = v else {
        return Ok(o);
    };
    let map = v.as_object().ok_or("`options`: expected an object")?;
    for (k, val) in map {
        if !allowed.contains(&k.as_str()) {
            return Err(format!(
                "`options.{k}`: not an option of model {model} (allowed: {})",
                if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                },
                model = quote(model)
            ));
        }
        let at = |e: String| format!("`options.{k}`: {e}");
        match k.as_str() {
            "allocation" => {
                o.allocation = Some(read_allocation(val, "`options.allocation`")?);
            }
            "free_ties" => o.free_ties = json_bool(val).map_err(at)?,
            "ex_post_ir" => o.ex_post_ir = json_bool(val).map_err(at)?,
            "pi" => {
                o.pi_ge = Some(match json_str(val).map_err(at)? {
                    "eq" => false,
                    "ge" => true,
                    s => return Err(at(format!("{s} is not `eq` or `ge`", s = quote(s)))),
                })
            }
            "welfare_at_least" => o.welfare_at_least = Some(json_rat(val).map_err(at)?),
            "side" => {
                o.buyer_side = Some(match json_str(val).map_err(at)? {
                    "buyer" => true,
                    "seller" => false,
                    s => return Err(at(format!("{s} is not `buyer` or `seller`", s = quote(s)))),
                })
            }
            "index" => {
                let i = json_count(val, u64::MAX).map_err(at)?;
                o.index = Some(usize::try_from(i).map_err(|_| at("too large".into()))?);
            }
            _ => unreachable!("allowed options are handled"),
        }
    }
    Ok(o)
}

/// The allocation (constants or variables), interim allocations and transfers of a model.
struct Parts {
    x: Vec<Vec<Lin>>,
    tb: Vec<Lin>,
    ts: Vec<Lin>,
    /// Ex post transfers t(i,j), when the model has them.
    t: Option<Vec<Vec<Lin>>>,
}

fn xb(c: &Concrete, p: &Parts, i: usize) -> Lin {
    let mut l = Lin::default();
    for j in 0..c.n() {
        l.add_scaled(&p.x[i][j], &c.ps[j]);
    }
    l
}

fn xs(c: &Concrete, p: &Parts, j: usize) -> Lin {
    let mut l = Lin::default();
    for i in 0..c.m() {
        l.add_scaled(&p.x[i][j], &c.pb[i]);
    }
    l
}

fn one() -> Q {
    Q::one()
}

fn neg_one() -> Q {
    -Q::one()
}

/// The interim allocations xb(i), xs(j) of the parts, shared by the rows as aggregates.
fn interim_allocations(lp: &mut Lp, c: &Concrete, p: &Parts) -> (Vec<Lin>, Vec<Lin>) {
    let xbs = (0..c.m()).map(|i| lp.aggregate(xb(c, p, i))).collect();
    let xss = (0..c.n()).map(|j| lp.aggregate(xs(c, p, j))).collect();
    (xbs, xss)
}

fn interim_rows(lp: &mut Lp, c: &Concrete, p: &Parts) {
    let (m, n) = (c.m(), c.n());
    let (xb, xs) = interim_allocations(lp, c, p);
    let tb: Vec<Lin> = p.tb.iter().map(|l| lp.aggregate(l.clone())).collect();
    let ts: Vec<Lin> = p.ts.iter().map(|l| lp.aggregate(l.clone())).collect();
    for i in 0..m {
        for k in (0..m).filter(|&k| k != i) {
            // -xb(i) B_i + tb(i) + xb(k) B_i - tb(k) <= 0
            let e = Lin::default()
                .plus(&xb[i], &-&c.b[i])
                .plus(&tb[i], &one())
                .plus(&xb[k], &c.b[i])
                .plus(&tb[k], &neg_one());
            lp.add_row(format!("ic_b({},{})", i + 1, k + 1), Kind::Le, e);
        }
    }
    for i in 0..m {
        // tb(i) - xb(i) B_i <= 0
        let e = tb[i].clone().plus(&xb[i], &-&c.b[i]);
        lp.add_row(format!("ir_b({})", i + 1), Kind::Le, e);
    }
    for j in 0..n {
        for l in (0..n).filter(|&l| l != j) {
            // -ts(j) + xs(j) S_j + ts(l) - xs(l) S_j <= 0
            let e = Lin::default()
                .plus(&ts[j], &neg_one())
                .plus(&xs[j], &c.s[j])
                .plus(&ts[l], &one())
                .plus(&xs[l], &-&c.s[j]);
            lp.add_row(format!("ic_s({},{})", j + 1, l + 1), Kind::Le, e);
        }
    }
    for j in 0..n {
        // xs(j) S_j - ts(j) <= 0
        let e = xs[j].clone().scaled(&c.s[j]).plus(&ts[j], &neg_one());
        lp.add_row(format!("ir_s({})", j + 1), Kind::Le, e);
    }
}

fn ex_post_ir_rows(lp: &mut Lp, c: &Concrete, p: &Parts) {
    let t = p.t.as_ref().expect("ex post transfers");
    for i in 0..c.m() {
        for j in 0..c.n() {
            // t(i,j) - x(i,j) B_i <= 0
            let e = t[i][j].clone().plus(&p.x[i][j], &-&c.b[i]);
            lp.add_row(format!("epir_b({},{})", i + 1, j + 1), Kind::Le, e);
        }
    }
    for i in 0..c.m() {
        for j in 0..c.n() {
            // x(i,j) S_j - t(i,j) <= 0
            let e = p.x[i][j].clone().scaled(&c.s[j]).plus(&t[i][j], &neg_one());
            lp.add_row(format!("epir_s({},{})", i + 1, j + 1), Kind::Le, e);
        }
    }
}

trait Scaled {
    fn scaled(self, f: &Q) -> Lin;
}

impl Scaled for Lin {
    fn scaled(self, f: &Q) -> Lin {
        Lin::default().plus(&self, f)
    }
}

/// x(i,j) variables in [0, 1], in row-major order.
fn x_vars(lp: &mut Lp, c: &Concrete) -> Vec<Vec<Lin>> {
    (0..c.m())
        .map(|i| {
            (0..c.n())
                .map(|j| {
                    Lin::var(lp.add_var(
                        format!("x({},{})", i + 1, j + 1),
                        Some(Q::zero()),
                        Some(Q::one()),
                    ))
                })
                .collect()
        })
        .collect()
}

/// t(i,j) free variables, and the interim tb, ts they give.
fn t_vars(lp: &mut Lp, c: &Concrete) -> (Vec<Vec<Lin>>, Vec<Lin>, Vec<Lin>) {
    let t: Vec<Vec<Lin>> = (0..c.m())
        .map(|i| {
            (0..c.n())
                .map(|j| Lin::var(lp.add_var(format!("t({},{})", i + 1, j + 1), None, None)))
                .collect()
        })
        .collect();
    let tb = (0..c.m())
        .map(|i| {
            let mut l = Lin::default();
            for j in 0..c.n() {
                l.add_scaled(&t[i][j], &c.ps[j]);
            }
            l
        })
        .collect();
    let ts = (0..c.n())
        .map(|j| {
            let mut l = Lin::default();
            for i in 0..c.m() {
                l.add_scaled(&t[i][j], &c.pb[i]);
            }
            l
        })
        .collect();
    (t, tb, ts)
}

fn welfare(c: &Concrete, x: &[Vec<Lin>]) -> Lin {
    let mut l = Lin::default();
    for i in 0..c.m() {
        for j in 0..c.n() {
            l.add_scaled(&x[i][j], &(&c.pb[i] * &c.ps[j] * (&c.b[i] - &c.s[j])));
        }
    }
    l
}

fn pi(c: &Concrete, x: &[Vec<Lin>]) -> Lin {
    let coef = tight_coefficients(c);
    let mut l = Lin::default();
    for i in 0..c.m() {
        for j in 0..c.n() {
            l.add_scaled(&x[i][j], &coef[i][j]);
        }
    }
    l
}

fn mono_rows(lp: &mut Lp, c: &Concrete, p: &Parts) {
    let (xb, xs) = interim_allocations(lp, c, p);
    for i in 0..c.m().saturating_sub(1) {
        let e = xb[i].clone().plus(&xb[i + 1], &neg_one());
        lp.add_row(format!("mono_b({})", i + 1), Kind::Le, e);
    }
    for j in 0..c.n().saturating_sub(1) {
        let e = xs[j + 1].clone().plus(&xs[j], &neg_one());
        lp.add_row(format!("mono_s({})", j + 1), Kind::Le, e);
    }
}

fn constants(x: &[Vec<Q>]) -> Vec<Vec<Lin>> {
    x.iter()
        .map(|r| r.iter().map(|v| Lin::constant(v.clone())).collect())
        .collect()
}

/// Build a model (single buyer).
pub fn build(
    model: &str,
    opts: Option<&Value>,
    c: &Concrete,
    read_allocation: ReadAllocation<'_>,
) -> Result<Lp, String> {
    let o = options(model, opts, read_allocation)?;
    if c.buyers != 1 {
        return Err(format!(
            "LP models are for one buyer; the instance has {} buyers",
            c.buyers
        ));
    }
    let (m, n) = (c.m(), c.n());
    let mut lp = Lp::default();
    match model {
        "max-surplus" | "max-interim" => {
            let tb: Vec<Lin> = (0..m)
                .map(|i| Lin::var(lp.add_var(format!("tb({})", i + 1), None, None)))
                .collect();
            let ts: Vec<Lin> = (0..n)
                .map(|j| Lin::var(lp.add_var(format!("ts({})", j + 1), None, None)))
                .collect();
            let obj = if model == "max-surplus" {
                // E[t_b] - E[t_s]
                let mut obj = Lin::default();
                for i in 0..m {
                    obj.add_scaled(&tb[i], &c.pb[i]);
                }
                for j in 0..n {
                    obj.add_scaled(&ts[j], &-&c.ps[j]);
                }
                obj
            } else {
                // t̄_b(B_index), or -t̄_s(S_index)
                let (Some(buyer), Some(index)) = (o.buyer_side, o.index) else {
                    return Err("model `max-interim` needs the options `side` and `index`".into());
                };
                let len = if buyer { m } else { n };
                if !(1..=len).contains(&index) {
                    return Err(format!("`options.index`: {index} is out of range 1..{len}"));
                }
                if buyer {
                    tb[index - 1].clone()
                } else {
                    ts[index - 1].clone().scaled(&neg_one())
                }
            };
            let x = constants(o.allocation.as_ref().unwrap_or(&c.efficient()));
            let p = Parts { x, tb, ts, t: None };
            interim_rows(&mut lp, c, &p);
            lp.objective = Some(obj);
        }
        "bb-feasible" => {
            let (t, tb, ts) = t_vars(&mut lp, c);
            let base = o.allocation.clone().unwrap_or_else(|| c.efficient());
            let mut x = constants(&base);
            if o.free_ties {
                for (i, row) in x.iter_mut().enumerate() {
                    for (j, cell) in row.iter_mut().enumerate() {
                        if c.b[i] == c.s[j] {
                            *cell = Lin::var(lp.add_var(
                                format!("x({},{})", i + 1, j + 1),
                                Some(Q::zero()),
                                Some(Q::one()),
                            ));
                        }
                    }
                }
            }
            let p = Parts {
                x,
                tb,
                ts,
                t: Some(t),
            };
            interim_rows(&mut lp, c, &p);
            if o.ex_post_ir {
                ex_post_ir_rows(&mut lp, c, &p);
            }
        }
        "second-best" => {
            let x = x_vars(&mut lp, c);
            let (t, tb, ts) = t_vars(&mut lp, c);
            let obj = welfare(c, &x);
            let p = Parts {
                x,
                tb,
                ts,
                t: Some(t),
            };
            interim_rows(&mut lp, c, &p);
            if o.ex_post_ir {
                ex_post_ir_rows(&mut lp, c, &p);
            }
            lp.objective = Some(obj);
        }
        "reduced" | "max-pi" => {
            let x = x_vars(&mut lp, c);
            let p = Parts {
                x,
                tb: vec![],
                ts: vec![],
                t: None,
            };
            mono_rows(&mut lp, c, &p);
            let pi_lin = pi(c, &p.x);
            let ge = o.pi_ge.unwrap_or(model == "max-pi");
            if ge {
                lp.add_row(
                    "pi".into(),
                    Kind::Le,
                    Lin::default().plus(&pi_lin, &neg_one()),
                );
            } else {
                lp.add_row("pi".into(), Kind::Eq, pi_lin.clone());
            }
            if model == "reduced" {
                lp.objective = Some(welfare(c, &p.x));
            } else {
                let w = o
                    .welfare_at_least
                    .ok_or("model `max-pi` needs the option `welfare_at_least`")?;
                // -W(x) <= -w
                let e = Lin::default()
                    .plus(&welfare(c, &p.x), &neg_one())
                    .plus(&Lin::constant(w), &one());
                lp.add_row("welfare".into(), Kind::Le, e);
                lp.objective = Some(pi_lin);
            }
        }
        _ => unreachable!("model names are checked by options()"),
    }
    Ok(lp)
}
