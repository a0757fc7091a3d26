//! The two LPs of a market with heterogeneous agents (I buyers, J sellers, Section 7.2),
//! with the efficient allocation fixed (the tie rules of `mechcert_mech::hetero`), named as
//! FORMAT.md specifies so that the checker rebuilds them:
//!
//! - `market-max-surplus`: max Σ_i Σ_k pB_i(k) tb(i,k) - Σ_j Σ_h pS_j(h) ts(j,h) over interim
//!   transfers (`tb(i,k)` buyer i's expected payment when reporting its k-th value, `ts(j,h)`
//!   seller j's expected receipt) subject to interim IC and IR of every agent: the largest
//!   expected budget surplus of an efficient, interim IC and IR mechanism (Section 7.3's
//!   comparison for VCG').
//! - `market-bb-feasible`: is there an ex post budget-balanced transfer rule (`tb(i|p)`,
//!   `ts(j|p)` at every profile p, `bb(p)`: Σ_i tb(i|p) = Σ_j ts(j|p)) whose interim transfers
//!   satisfy the same IC and IR rows? (Section 7.2's "efficient, BB, IC and IR trade".)
//!
//! Rows, with x̄_i(k), ȳ_j(h) the interim shares of the efficient allocation and B^i_k, S^j_h
//! the agents' values: `ic_b(i,k,c)`: -x̄_i(k) B^i_k + tb(i,k) + x̄_i(c) B^i_k - tb(i,c) <= 0;
//! `ir_b(i,k)`: tb(i,k) - x̄_i(k) B^i_k <= 0; `ic_s(j,h,l)`:
//! -ts(j,h) + ȳ_j(h) S^j_h + ts(j,l) - ȳ_j(l) S^j_h <= 0; `ir_s(j,h)`: ȳ_j(h) S^j_h - ts(j,h)
//! <= 0. In `market-bb-feasible` tb(i,k) stands for Σ_{p: p_i = k} P(p)/pB_i(k) tb(i|p) (and ts alike).

use mechcert_lp::{Problem, Row, RowKind, Sense};
use mechcert_mech::hetero::{Profile, for_each_market_profile, interim_shares};
use mechcert_model::Agents;
use mechcert_num::Rat;

use crate::models::{Model, NamedLp};
use crate::{Solved, solve_named};
use mechcert_lp::LpError;
use mechcert_lp::limits::Size;

/// A sparse linear expression (variable, coefficient) with a constant.
#[derive(Clone, Debug, Default)]
struct Expr {
    terms: Vec<(usize, Rat)>,
    constant: Rat,
}

impl Expr {
    fn plus(mut self, other: &Expr, f: &Rat) -> Expr {
        self.terms
            .extend(other.terms.iter().map(|(k, v)| (*k, v * f)));
        self.constant += &other.constant * f;
        self
    }

    fn constant(c: Rat) -> Expr {
        Expr {
            terms: vec![],
            constant: c,
        }
    }
}

/// The profile's label `(k1,k2;h1,h2)` with 1-based type indices.
pub fn profile_label(p: &Profile) -> String {
    let b: Vec<String> = p.buyers.iter().map(|k| (k + 1).to_string()).collect();
    let s: Vec<String> = p.sellers.iter().map(|k| (k + 1).to_string()).collect();
    format!("{};{}", b.join(","), s.join(","))
}

struct Lp {
    problem: Problem,
    vars: Vec<String>,
    rows: Vec<String>,
}

impl Lp {
    fn var(&mut self, name: String) -> usize {
        self.vars.push(name);
        self.problem.objective.push(Rat::ZERO);
        self.problem.lower.push(None);
        self.problem.upper.push(None);
        self.vars.len() - 1
    }

    fn row(&mut self, name: String, e: Expr, kind: RowKind) {
        let mut coeffs: Vec<(usize, Rat)> =
            e.terms.into_iter().filter(|(_, v)| !v.is_zero()).collect();
        coeffs.sort_by_key(|(k, _)| *k);
        self.problem.rows.push(Row::new(coeffs, kind, -e.constant));
        self.rows.push(name);
    }
}

/// The IC and IR rows of every agent, given each agent's interim transfer per report.
fn incentive_rows(lp: &mut Lp, agents: &Agents, tb: &[Vec<Expr>], ts: &[Vec<Expr>]) {
    let (xb, ys) = interim_shares(agents);
    let neg = -Rat::ONE;
    for (i, a) in agents.buyers.iter().enumerate() {
        for (k, v) in a.values.iter().enumerate() {
            for c in (0..a.types()).filter(|&c| c != k) {
                let e = Expr::constant(v * (&xb[i][c] - &xb[i][k]))
                    .plus(&tb[i][k], &Rat::ONE)
                    .plus(&tb[i][c], &neg);
                lp.row(
                    format!("ic_b({},{},{})", i + 1, k + 1, c + 1),
                    e,
                    RowKind::Le,
                );
            }
        }
        for (k, v) in a.values.iter().enumerate() {
            let e = Expr::constant(-(v * &xb[i][k])).plus(&tb[i][k], &Rat::ONE);
            lp.row(format!("ir_b({},{})", i + 1, k + 1), e, RowKind::Le);
        }
    }
    for (j, a) in agents.sellers.iter().enumerate() {
        for (h, v) in a.values.iter().enumerate() {
            for l in (0..a.types()).filter(|&l| l != h) {
                let e = Expr::constant(v * (&ys[j][h] - &ys[j][l]))
                    .plus(&ts[j][h], &neg)
                    .plus(&ts[j][l], &Rat::ONE);
                lp.row(
                    format!("ic_s({},{},{})", j + 1, h + 1, l + 1),
                    e,
                    RowKind::Le,
                );
            }
        }
        for (h, v) in a.values.iter().enumerate() {
            let e = Expr::constant(v * &ys[j][h]).plus(&ts[j][h], &neg);
            lp.row(format!("ir_s({},{})", j + 1, h + 1), e, RowKind::Le);
        }
    }
}

/// Build `market-max-surplus` or `market-bb-feasible` for a market.
pub fn build_market(agents: &Agents, model: &Model) -> NamedLp {
    let mut lp = Lp {
        problem: Problem::new(Sense::Maximize, 0),
        vars: vec![],
        rows: vec![],
    };
    let (tb, ts) = match model {
        Model::MarketMaxSurplus => {
            let interim = |lp: &mut Lp, side: &str, who: &[mechcert_model::Agent], sign: &Rat| {
                who.iter()
                    .enumerate()
                    .map(|(i, a)| {
                        (0..a.types())
                            .map(|k| {
                                let v = lp.var(format!("{side}({},{})", i + 1, k + 1));
                                lp.problem.objective[v] = &a.probs[k] * sign;
                                Expr {
                                    terms: vec![(v, Rat::ONE)],
                                    constant: Rat::ZERO,
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            };
            let tb = interim(&mut lp, "tb", &agents.buyers, &Rat::ONE);
            let ts = interim(&mut lp, "ts", &agents.sellers, &-Rat::ONE);
            (tb, ts)
        }
        Model::MarketBbFeasible => {
            let mut tb: Vec<Vec<Expr>> = agents
                .buyers
                .iter()
                .map(|a| vec![Expr::default(); a.types()])
                .collect();
            let mut ts: Vec<Vec<Expr>> = agents
                .sellers
                .iter()
                .map(|a| vec![Expr::default(); a.types()])
                .collect();
            let mut balance = Vec::new();
            for_each_market_profile(agents, |p| {
                let at = profile_label(p);
                let pr = p.probability(agents);
                let mut bb = Expr::default();
                for (i, &k) in p.buyers.iter().enumerate() {
                    let v = lp.var(format!("tb({}|{at})", i + 1));
                    tb[i][k].terms.push((v, &pr / &agents.buyers[i].probs[k]));
                    bb.terms.push((v, Rat::ONE));
                }
                for (j, &h) in p.sellers.iter().enumerate() {
                    let v = lp.var(format!("ts({}|{at})", j + 1));
                    ts[j][h].terms.push((v, &pr / &agents.sellers[j].probs[h]));
                    bb.terms.push((v, -Rat::ONE));
                }
                balance.push((format!("bb({at})"), bb));
            });
            for (name, e) in balance {
                lp.row(name, e, RowKind::Eq);
            }
            (tb, ts)
        }
        other => unreachable!("{} is not a market model", other.name()),
    };
    incentive_rows(&mut lp, agents, &tb, &ts);
    NamedLp {
        model: model.clone(),
        problem: lp.problem,
        vars: lp.vars,
        rows: lp.rows,
    }
}

/// Rows, columns and (an upper bound on) nonzeros of a market model, from the agents alone.
pub fn market_size(agents: &Agents, model: &Model) -> Size {
    let all = || agents.buyers.iter().chain(&agents.sellers);
    let types: usize = all().map(|a| a.types()).sum();
    let incentive = all().map(|a| a.types() * a.types()).sum::<usize>();
    let profiles =
        usize::try_from(agents.profile_count().unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
    let count = agents.buyers.len() + agents.sellers.len();
    match model {
        Model::MarketBbFeasible => {
            let per_type = all()
                .map(|a| profiles / a.types().max(1))
                .max()
                .unwrap_or(0);
            Size {
                rows: profiles.saturating_add(incentive),
                cols: profiles.saturating_mul(count),
                nnz: profiles
                    .saturating_mul(count)
                    .saturating_add(incentive.saturating_mul(2).saturating_mul(per_type)),
            }
        }
        _ => Size {
            rows: incentive,
            cols: types,
            nnz: 2 * incentive,
        },
    }
}

/// Check the predicted size against the solver's limit, then build and solve exactly.
pub fn solve_market(agents: &Agents, model: &Model) -> Result<Solved, LpError> {
    market_size(agents, model).check()?;
    solve_named(build_market(agents, model))
}
