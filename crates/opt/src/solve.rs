//! Solving a named program exactly and turning the answer into the `lp` quantity of a
//! certificate (primal and dual by name, zeros omitted), as FORMAT.md specifies.
//!
//! [`solve_model`] checks the predicted size of a model ([`crate::size::predicted`]) against
//! the solver's limit *before* building it, so an oversized instance is refused quickly with
//! the numbers instead of exhausting memory.

use mechcert_lp::{LpError, Outcome, solve};
use mechcert_mech::Matrix;
use mechcert_model::Env;
use mechcert_num::Rat;

use crate::models::{Model, NamedLp, build};

/// The answer to a program.
#[derive(Clone, Debug)]
pub enum Status {
    Optimal {
        value: Rat,
        x: Vec<Rat>,
        y: Vec<Rat>,
    },
    /// A feasibility program (zero objective) with a feasible point.
    Feasible {
        x: Vec<Rat>,
    },
    Infeasible {
        y: Vec<Rat>,
    },
    Unbounded {
        x: Vec<Rat>,
        ray: Vec<Rat>,
    },
}

#[derive(Clone, Debug)]
pub struct Solved {
    pub lp: NamedLp,
    pub status: Status,
}

fn named(names: &[String], v: &[Rat]) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    for (n, x) in names.iter().zip(v) {
        if !x.is_zero() {
            o.insert(n.clone(), x.to_string().into());
        }
    }
    serde_json::Value::Object(o)
}

/// Solve exactly (the LP is recorded for export first, see [`crate::export`]).
pub fn solve_named(lp: NamedLp) -> Result<Solved, LpError> {
    crate::export::record(&lp);
    let out = solve(&lp.problem)?;
    Ok(solved(lp, out))
}

fn solved(lp: NamedLp, out: Outcome) -> Solved {
    let feasibility = lp.problem.objective.iter().all(Rat::is_zero);
    let status = match out {
        Outcome::Optimal { x, .. } if feasibility => Status::Feasible { x },
        Outcome::Optimal { x, value, y, .. } => Status::Optimal { value, x, y },
        Outcome::Infeasible { y } => Status::Infeasible { y },
        Outcome::Unbounded { x, ray } => Status::Unbounded { x, ray },
    };
    Solved { lp, status }
}

/// Above this many rows or columns of the full model, the second best (without ex post IR)
/// is solved through the smaller interim LP of [`crate::interim`] (its answer is lifted to
/// the full model and checked there; if the check fails, the full LP is solved directly).
pub const REDUCE_SECOND_BEST_ABOVE: usize = 5_000;

/// Check the model's predicted size against the solver's limit, then build and solve it.
pub fn solve_model(env: &Env<Rat>, model: &Model) -> Result<Solved, LpError> {
    let size = crate::size::predicted(env, model);
    size.check()?;
    let full = build(env, model);
    if *model == (Model::SecondBest { ex_post_ir: false })
        && size.rows.max(size.cols) > REDUCE_SECOND_BEST_ABOVE
    {
        let reduced = crate::interim::reduced_second_best(env);
        let out = solve(&reduced.problem)?;
        let lifted = crate::interim::lift(env, &full, &reduced, &out);
        if let Some(o) = lifted {
            crate::export::record(&full);
            return Ok(solved(full, o));
        }
    }
    solve_named(full)
}

impl Solved {
    /// The optimal value, for an optimal answer.
    pub fn value(&self) -> Option<&Rat> {
        match &self.status {
            Status::Optimal { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn is_feasible(&self) -> bool {
        !matches!(self.status, Status::Infeasible { .. })
    }

    /// The primal point, when there is one.
    pub fn point(&self) -> Option<&[Rat]> {
        match &self.status {
            Status::Optimal { x, .. } | Status::Feasible { x } | Status::Unbounded { x, .. } => {
                Some(x)
            }
            Status::Infeasible { .. } => None,
        }
    }

    /// The value of a named variable in the primal point.
    pub fn var(&self, name: &str) -> Option<Rat> {
        let k = self.lp.vars.iter().position(|v| v == name)?;
        self.point().map(|x| x[k].clone())
    }

    /// The allocation x(i,j) of the primal point (for programs with allocation variables);
    /// cells that are not variables are `None`.
    pub fn allocation(&self, env: &Env<Rat>) -> Option<Matrix<Option<Rat>>> {
        self.point()?;
        Some(Matrix::from_fn(env.m(), env.n(), |i, j| {
            self.var(&format!("x({},{})", i + 1, j + 1))
        }))
    }

    /// The `lp` quantity of a certificate (FORMAT.md), named `name`.
    pub fn quantity(&self, name: &str) -> serde_json::Value {
        let lp = &self.lp;
        let mut o = serde_json::Map::new();
        o.insert("name".into(), name.into());
        o.insert("kind".into(), "lp".into());
        o.insert("model".into(), lp.model.name().into());
        o.insert("options".into(), lp.model.options_json());
        match &self.status {
            Status::Optimal { value, x, y } => {
                o.insert("status".into(), "optimal".into());
                o.insert("x".into(), named(&lp.vars, x));
                o.insert("y".into(), named(&lp.rows, y));
                o.insert("value".into(), value.to_string().into());
            }
            Status::Feasible { x } => {
                o.insert("status".into(), "feasible".into());
                o.insert("x".into(), named(&lp.vars, x));
                o.insert("value".into(), true.into());
            }
            Status::Infeasible { y } => {
                o.insert("status".into(), "infeasible".into());
                o.insert("y".into(), named(&lp.rows, y));
                o.insert("value".into(), false.into());
            }
            Status::Unbounded { x, ray } => {
                o.insert("status".into(), "unbounded".into());
                o.insert("x".into(), named(&lp.vars, x));
                o.insert("ray".into(), named(&lp.vars, ray));
                o.insert("value".into(), serde_json::Value::Null);
            }
        }
        serde_json::Value::Object(o)
    }
}
