//! The paper's optimisation problems as named linear programs built from an instance, row by
//! row as `crates/cert/FORMAT.md` specifies (the checker rebuilds them from the same text with
//! its own code): `max-surplus` (Proposition 1; Theorem 2's broker), `bb-feasible`
//! (Theorems 1–2, Section 8 with ex post IR, Section 7.1 with free tie cells), `second-best`
//! (Section 6), `reduced` (Theorem 3) and `max-pi`.
//!
//! Every row is `a·x <= b` or `a·x = b`, with the names of FORMAT.md; variables are named
//! `x(i,j)`, `t(i,j)`, `tb(i)`, `ts(j)` with 1-based indices.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use mechcert_lp::{Problem, Row, RowKind, Sense};
use mechcert_mech::{Matrix, closed_form, efficient_allocation};
use mechcert_model::Env;
use mechcert_num::Rat;

/// Which program, with its options.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    /// max E[t_b] - E[t_s] over interim transfers, for a fixed allocation (default x*).
    MaxSurplus { allocation: Option<Matrix<Rat>> },
    /// max t̄_b(B_index) (buyer) or max -t̄_s(S_index) (seller) over interim transfers with
    /// x = x*, interim IC and IR (Lemma 2); `index` is 0-based.
    MaxInterim { agent: Agent, index: usize },
    /// Is there an ex post budget-balanced t with interim IC and IR (and ex post IR)?
    BbFeasible {
        allocation: Option<Matrix<Rat>>,
        ex_post_ir: bool,
        free_ties: bool,
    },
    /// max expected gains from trade over (x, t), t budget balanced ex post, IC, IR.
    SecondBest { ex_post_ir: bool },
    /// max gains from trade over monotone x with Π(x) = 0 (or >= 0).
    Reduced { pi: PiRow },
    /// max Π(x) over monotone x with Π(x) >= 0 and gains from trade >= w.
    MaxPi { welfare_at_least: Rat },
    /// A market (I buyers, J sellers, `crate::market`): max expected budget surplus over
    /// interim transfers with the efficient allocation, interim IC and IR of every agent.
    MarketMaxSurplus,
    /// A market: is there an ex post budget-balanced rule with those interim IC and IR rows?
    MarketBbFeasible,
}

/// Whose interim transfer an LP is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agent {
    Buyer,
    Seller,
}

/// The row on Π(x) of the reduced problem (Theorem 3): `Π(x) = 0` as printed, or `Π(x) >= 0`
/// (Theorem 2's condition, FORMAT.md's option `"pi": "ge"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PiRow {
    Zero,
    AtLeastZero,
}

impl Model {
    pub fn name(&self) -> &'static str {
        match self {
            Model::MaxSurplus { .. } => "max-surplus",
            Model::MaxInterim { .. } => "max-interim",
            Model::BbFeasible { .. } => "bb-feasible",
            Model::SecondBest { .. } => "second-best",
            Model::Reduced { .. } => "reduced",
            Model::MaxPi { .. } => "max-pi",
            Model::MarketMaxSurplus => "market-max-surplus",
            Model::MarketBbFeasible => "market-bb-feasible",
        }
    }

    /// The `options` object of the certificate.
    pub fn options_json(&self) -> serde_json::Value {
        let alloc = |a: &Option<Matrix<Rat>>| {
            a.as_ref().map(|x| {
                serde_json::json!(
                    x.to_rows()
                        .iter()
                        .map(|r| r.iter().map(Rat::to_string).collect::<Vec<_>>())
                        .collect::<Vec<_>>()
                )
            })
        };
        let mut o = serde_json::Map::new();
        match self {
            Model::MaxSurplus { allocation } => {
                if let Some(a) = alloc(allocation) {
                    o.insert("allocation".into(), a);
                }
            }
            Model::BbFeasible {
                allocation,
                ex_post_ir,
                free_ties,
            } => {
                if let Some(a) = alloc(allocation) {
                    o.insert("allocation".into(), a);
                }
                if *ex_post_ir {
                    o.insert("ex_post_ir".into(), true.into());
                }
                if *free_ties {
                    o.insert("free_ties".into(), true.into());
                }
            }
            Model::MaxInterim { agent, index } => {
                o.insert(
                    "side".into(),
                    match agent {
                        Agent::Buyer => "buyer",
                        Agent::Seller => "seller",
                    }
                    .into(),
                );
                o.insert("index".into(), (index + 1).into());
            }
            Model::SecondBest { ex_post_ir } => {
                if *ex_post_ir {
                    o.insert("ex_post_ir".into(), true.into());
                }
            }
            Model::Reduced { pi } => {
                if *pi == PiRow::AtLeastZero {
                    o.insert("pi".into(), "ge".into());
                }
            }
            Model::MaxPi { welfare_at_least } => {
                o.insert(
                    "welfare_at_least".into(),
                    welfare_at_least.to_string().into(),
                );
            }
            Model::MarketMaxSurplus | Model::MarketBbFeasible => {}
        }
        serde_json::Value::Object(o)
    }
}

/// A built program with the names of its variables and rows.
#[derive(Clone, Debug)]
pub struct NamedLp {
    pub model: Model,
    pub problem: Problem,
    pub vars: Vec<String>,
    pub rows: Vec<String>,
}

/// A linear expression over variables, with a constant; rows are `expr <= 0` / `expr = 0`.
#[derive(Clone, Debug, Default)]
struct Lin {
    terms: BTreeMap<usize, Rat>,
    constant: Rat,
}

impl Lin {
    fn add(&mut self, var: usize, c: &Rat) {
        if c.is_zero() {
            return;
        }
        let e = self.terms.entry(var).or_insert(Rat::ZERO);
        *e += c;
    }

    fn add_const(&mut self, c: &Rat) {
        self.constant += c;
    }

    fn scaled(&self, s: &Rat) -> Lin {
        Lin {
            terms: self.terms.iter().map(|(k, v)| (*k, v * s)).collect(),
            constant: &self.constant * s,
        }
    }

    fn plus(&self, other: &Lin) -> Lin {
        let mut out = self.clone();
        for (k, v) in &other.terms {
            out.add(*k, v);
        }
        out.add_const(&other.constant);
        out
    }
}

struct Builder {
    problem: Problem,
    vars: Vec<String>,
    rows: Vec<String>,
}

impl Builder {
    fn new(sense: Sense) -> Self {
        Builder {
            problem: Problem::new(sense, 0),
            vars: vec![],
            rows: vec![],
        }
    }

    fn var(&mut self, name: String, lower: Option<Rat>, upper: Option<Rat>) -> usize {
        self.vars.push(name);
        self.problem.objective.push(Rat::ZERO);
        self.problem.lower.push(lower);
        self.problem.upper.push(upper);
        self.vars.len() - 1
    }

    /// Add the row `expr <= 0` (or `= 0`), constants moved to the right-hand side.
    fn row(&mut self, name: String, e: &Lin, kind: RowKind) {
        let coeffs: Vec<(usize, Rat)> = e
            .terms
            .iter()
            .filter(|(_, v)| !v.is_zero())
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        self.problem
            .rows
            .push(Row::new(coeffs, kind, -e.constant.clone()));
        self.rows.push(name);
    }

    fn finish(self, model: Model) -> NamedLp {
        NamedLp {
            model,
            problem: self.problem,
            vars: self.vars,
            rows: self.rows,
        }
    }
}

/// The allocation: fixed numbers or LP variables, per cell.
enum Alloc {
    Fixed(Matrix<Rat>),
    /// variable index per cell, or a fixed value for cells that are not variables
    Vars(Matrix<Result<usize, Rat>>),
}

impl Alloc {
    fn cell(&self, i: usize, j: usize) -> Lin {
        let mut l = Lin::default();
        match self {
            Alloc::Fixed(x) => l.add_const(&x[(i, j)]),
            Alloc::Vars(v) => match &v[(i, j)] {
                Ok(k) => l.add(*k, &Rat::ONE),
                Err(c) => l.add_const(c),
            },
        }
        l
    }
}

/// Transfers: ex post variables t(i,j) (budget balanced) or interim variables tb(i), ts(j).
enum Transfers {
    ExPost(Matrix<usize>),
    Interim { tb: Vec<usize>, ts: Vec<usize> },
}

fn var_index(i: usize, j: usize) -> String {
    format!("({},{})", i + 1, j + 1)
}

fn xb(env: &Env<Rat>, x: &Alloc, i: usize) -> Lin {
    (0..env.n()).fold(Lin::default(), |acc, j| {
        acc.plus(&x.cell(i, j).scaled(&env.ps[j]))
    })
}

fn xs(env: &Env<Rat>, x: &Alloc, j: usize) -> Lin {
    (0..env.m()).fold(Lin::default(), |acc, i| {
        acc.plus(&x.cell(i, j).scaled(&env.pb[i]))
    })
}

fn tb(env: &Env<Rat>, t: &Transfers, i: usize) -> Lin {
    let mut l = Lin::default();
    match t {
        Transfers::ExPost(v) => (0..env.n()).for_each(|j| l.add(v[(i, j)], &env.ps[j])),
        Transfers::Interim { tb, .. } => l.add(tb[i], &Rat::ONE),
    }
    l
}

fn ts(env: &Env<Rat>, t: &Transfers, j: usize) -> Lin {
    let mut l = Lin::default();
    match t {
        Transfers::ExPost(v) => (0..env.m()).for_each(|i| l.add(v[(i, j)], &env.pb[i])),
        Transfers::Interim { ts, .. } => l.add(ts[j], &Rat::ONE),
    }
    l
}

/// ic_b, ir_b, ic_s, ir_s (and epir_b, epir_s) in FORMAT.md's order and orientation.
fn incentive_rows(b: &mut Builder, env: &Env<Rat>, x: &Alloc, t: &Transfers, ex_post_ir: bool) {
    let (m, n) = (env.m(), env.n());
    let neg = -Rat::ONE;
    for i in 0..m {
        let bi = env.b(i);
        for k in (0..m).filter(|&k| k != i) {
            // -xb(i) B_i + tb(i) + xb(k) B_i - tb(k) <= 0
            let e = xb(env, x, i)
                .scaled(&-bi.clone())
                .plus(&tb(env, t, i))
                .plus(&xb(env, x, k).scaled(bi))
                .plus(&tb(env, t, k).scaled(&neg));
            b.row(format!("ic_b({},{})", i + 1, k + 1), &e, RowKind::Le);
        }
    }
    for i in 0..m {
        // tb(i) - xb(i) B_i <= 0
        let e = tb(env, t, i).plus(&xb(env, x, i).scaled(&-env.b(i).clone()));
        b.row(format!("ir_b({})", i + 1), &e, RowKind::Le);
    }
    for j in 0..n {
        let sj = env.s(j);
        for l in (0..n).filter(|&l| l != j) {
            // -ts(j) + xs(j) S_j + ts(l) - xs(l) S_j <= 0
            let e = ts(env, t, j)
                .scaled(&neg)
                .plus(&xs(env, x, j).scaled(sj))
                .plus(&ts(env, t, l))
                .plus(&xs(env, x, l).scaled(&-sj.clone()));
            b.row(format!("ic_s({},{})", j + 1, l + 1), &e, RowKind::Le);
        }
    }
    for j in 0..n {
        // xs(j) S_j - ts(j) <= 0
        let e = xs(env, x, j)
            .scaled(env.s(j))
            .plus(&ts(env, t, j).scaled(&neg));
        b.row(format!("ir_s({})", j + 1), &e, RowKind::Le);
    }
    if let (true, Transfers::ExPost(tv)) = (ex_post_ir, t) {
        for i in 0..m {
            for j in 0..n {
                // t(i,j) - x(i,j) B_i <= 0
                let mut e = x.cell(i, j).scaled(&-env.b(i).clone());
                e.add(tv[(i, j)], &Rat::ONE);
                b.row(format!("epir_b{}", var_index(i, j)), &e, RowKind::Le);
            }
        }
        for i in 0..m {
            for j in 0..n {
                // x(i,j) S_j - t(i,j) <= 0
                let mut e = x.cell(i, j).scaled(env.s(j));
                e.add(tv[(i, j)], &neg);
                b.row(format!("epir_s{}", var_index(i, j)), &e, RowKind::Le);
            }
        }
    }
}

fn allocation_vars(b: &mut Builder, env: &Env<Rat>) -> Alloc {
    let vars = Matrix::from_fn(env.m(), env.n(), |i, j| {
        Ok(b.var(
            format!("x{}", var_index(i, j)),
            Some(Rat::ZERO),
            Some(Rat::ONE),
        ))
    });
    Alloc::Vars(vars)
}

fn ex_post_transfers(b: &mut Builder, env: &Env<Rat>) -> Transfers {
    Transfers::ExPost(Matrix::from_fn(env.m(), env.n(), |i, j| {
        b.var(format!("t{}", var_index(i, j)), None, None)
    }))
}

/// Π(x) as a linear expression (Lemma 1's virtual-value coefficients).
fn surplus_expr(env: &Env<Rat>, x: &Alloc) -> Lin {
    let mut e = Lin::default();
    for i in 0..env.m() {
        let psi_b = closed_form::buyer_virtual_value(env, i);
        for j in 0..env.n() {
            let c = (&psi_b - &closed_form::seller_virtual_value(env, j)) * &env.pb[i] * &env.ps[j];
            e = e.plus(&x.cell(i, j).scaled(&c));
        }
    }
    e
}

fn welfare_expr(env: &Env<Rat>, x: &Alloc) -> Lin {
    let mut e = Lin::default();
    for i in 0..env.m() {
        for j in 0..env.n() {
            let c = (env.b(i) - env.s(j)) * &env.pb[i] * &env.ps[j];
            e = e.plus(&x.cell(i, j).scaled(&c));
        }
    }
    e
}

fn monotone_rows(b: &mut Builder, env: &Env<Rat>, x: &Alloc) {
    for i in 0..env.m().saturating_sub(1) {
        let e = xb(env, x, i).plus(&xb(env, x, i + 1).scaled(&-Rat::ONE));
        b.row(format!("mono_b({})", i + 1), &e, RowKind::Le);
    }
    for j in 0..env.n().saturating_sub(1) {
        let e = xs(env, x, j + 1).plus(&xs(env, x, j).scaled(&-Rat::ONE));
        b.row(format!("mono_s({})", j + 1), &e, RowKind::Le);
    }
}

fn set_objective(b: &mut Builder, e: &Lin) {
    for (k, v) in &e.terms {
        b.problem.objective[*k] = v.clone();
    }
}

/// Build a model for a concrete single-buyer instance.
pub fn build(env: &Env<Rat>, model: &Model) -> NamedLp {
    assert_eq!(env.buyers, 1, "the LP models are single-buyer");
    let fixed = |a: &Option<Matrix<Rat>>| {
        Alloc::Fixed(a.clone().unwrap_or_else(|| efficient_allocation(env)))
    };
    match model {
        Model::MaxSurplus { .. } | Model::MaxInterim { .. } => {
            let mut b = Builder::new(Sense::Maximize);
            let tbv: Vec<usize> = (0..env.m())
                .map(|i| b.var(format!("tb({})", i + 1), None, None))
                .collect();
            let tsv: Vec<usize> = (0..env.n())
                .map(|j| b.var(format!("ts({})", j + 1), None, None))
                .collect();
            let allocation = match model {
                Model::MaxSurplus { allocation } => {
                    // E[t_b] - E[t_s]
                    for (i, &v) in tbv.iter().enumerate() {
                        b.problem.objective[v] = env.pb[i].clone();
                    }
                    for (j, &v) in tsv.iter().enumerate() {
                        b.problem.objective[v] = -env.ps[j].clone();
                    }
                    allocation.clone()
                }
                Model::MaxInterim { agent, index } => {
                    // t̄_b(B_index), or -t̄_s(S_index)
                    if *agent == Agent::Buyer {
                        b.problem.objective[tbv[*index]] = Rat::ONE;
                    } else {
                        b.problem.objective[tsv[*index]] = -Rat::ONE;
                    }
                    None
                }
                _ => unreachable!("matched above"),
            };
            let t = Transfers::Interim { tb: tbv, ts: tsv };
            incentive_rows(&mut b, env, &fixed(&allocation), &t, false);
            b.finish(model.clone())
        }
        Model::BbFeasible {
            allocation,
            ex_post_ir,
            free_ties,
        } => {
            let mut b = Builder::new(Sense::Maximize);
            let x = if *free_ties {
                let base = allocation
                    .clone()
                    .unwrap_or_else(|| efficient_allocation(env));
                let vars = Matrix::from_fn(env.m(), env.n(), |i, j| {
                    if env.cmp(i, j) == Ordering::Equal {
                        Ok(b.var(
                            format!("x{}", var_index(i, j)),
                            Some(Rat::ZERO),
                            Some(Rat::ONE),
                        ))
                    } else {
                        Err(base[(i, j)].clone())
                    }
                });
                Alloc::Vars(vars)
            } else {
                fixed(allocation)
            };
            let t = ex_post_transfers(&mut b, env);
            incentive_rows(&mut b, env, &x, &t, *ex_post_ir);
            b.finish(model.clone())
        }
        Model::SecondBest { ex_post_ir } => {
            let mut b = Builder::new(Sense::Maximize);
            let x = allocation_vars(&mut b, env);
            let t = ex_post_transfers(&mut b, env);
            set_objective(&mut b, &welfare_expr(env, &x));
            incentive_rows(&mut b, env, &x, &t, *ex_post_ir);
            b.finish(model.clone())
        }
        Model::Reduced { pi: row } => {
            let mut b = Builder::new(Sense::Maximize);
            let x = allocation_vars(&mut b, env);
            set_objective(&mut b, &welfare_expr(env, &x));
            monotone_rows(&mut b, env, &x);
            let pi = surplus_expr(env, &x);
            if *row == PiRow::AtLeastZero {
                b.row("pi".into(), &pi.scaled(&-Rat::ONE), RowKind::Le);
            } else {
                b.row("pi".into(), &pi, RowKind::Eq);
            }
            b.finish(model.clone())
        }
        Model::MarketMaxSurplus | Model::MarketBbFeasible => {
            unreachable!("market models are built from the agents by `market::build_market`")
        }
        Model::MaxPi { welfare_at_least } => {
            let mut b = Builder::new(Sense::Maximize);
            let x = allocation_vars(&mut b, env);
            let pi = surplus_expr(env, &x);
            set_objective(&mut b, &pi);
            monotone_rows(&mut b, env, &x);
            b.row("pi".into(), &pi.scaled(&-Rat::ONE), RowKind::Le);
            let mut w = welfare_expr(env, &x).scaled(&-Rat::ONE);
            w.add_const(welfare_at_least);
            b.row("welfare".into(), &w, RowKind::Le);
            b.finish(model.clone())
        }
    }
}
