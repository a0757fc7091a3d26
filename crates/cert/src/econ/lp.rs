//! Linear programs built by name (variables with bounds, rows `a·x <= b` or `a·x = b`, a
//! maximised objective) and the verification of their evidence: a primal point, optimality
//! by a dual vector (reduced costs computed here), feasibility, and infeasibility by a Farkas
//! vector. Every comparison is exact.
//!
//! Rows may use *aggregates*: named linear forms over the variables (an interim allocation
//! x̄_b(i) = Σ_j p_s(S_j) x(i,j), an interim transfer t̄_b(i), ...) that many rows share. A row
//! means its expansion, exactly as FORMAT.md writes it; the aggregate only spares the checker
//! repeating the expansion in every row: A x evaluates each aggregate once, and A^T y gathers
//! each aggregate's multiplier once and spreads it over the aggregate's variables. The
//! second-best LP of 100 x 100 types has about 8 million nonzeros expanded and 60,000 with
//! aggregates.

use std::collections::{BTreeMap, HashMap};

use num_traits::{Signed, Zero};

use crate::limits::op_work;
use crate::number::Q;
use crate::quote::quote;
use crate::work;

#[derive(Clone, Debug)]
pub struct Var {
    pub name: String,
    pub lo: Option<Q>,
    pub hi: Option<Q>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Le,
    Eq,
}

/// What a coefficient multiplies: a variable, or an aggregate (a linear form over variables).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    Var(usize),
    Agg(usize),
}

#[derive(Clone, Debug)]
pub struct Row {
    pub name: String,
    pub kind: Kind,
    pub coeffs: BTreeMap<Term, Q>,
    pub rhs: Q,
}

/// A linear expression Σ a_t t + constant over variables and aggregates.
#[derive(Clone, Debug, Default)]
pub struct Lin {
    pub terms: BTreeMap<Term, Q>,
    pub constant: Q,
}

impl Lin {
    pub fn constant(c: Q) -> Lin {
        Lin {
            terms: BTreeMap::new(),
            constant: c,
        }
    }

    pub fn var(v: usize) -> Lin {
        let mut l = Lin::default();
        l.terms.insert(Term::Var(v), Q::from_integer(1.into()));
        l
    }

    /// self += f * other
    pub fn add_scaled(&mut self, other: &Lin, f: &Q) {
        if f.is_zero() {
            return;
        }
        for (v, a) in &other.terms {
            let e = self.terms.entry(*v).or_insert_with(Q::zero);
            *e += a * f;
            if e.is_zero() {
                self.terms.remove(v);
            }
        }
        self.constant += &other.constant * f;
    }

    pub fn plus(mut self, other: &Lin, f: &Q) -> Lin {
        self.add_scaled(other, f);
        self
    }
}

#[derive(Clone, Debug, Default)]
pub struct Lp {
    pub vars: Vec<Var>,
    pub index: HashMap<String, usize>,
    /// Linear forms over the variables that rows share (`Term::Agg(k)` is `aggregates[k]`).
    pub aggregates: Vec<BTreeMap<usize, Q>>,
    pub rows: Vec<Row>,
    /// Maximised; `None` for a feasibility problem.
    pub objective: Option<Lin>,
}

impl Lp {
    pub fn add_var(&mut self, name: String, lo: Option<Q>, hi: Option<Q>) -> usize {
        let i = self.vars.len();
        self.index.insert(name.clone(), i);
        self.vars.push(Var { name, lo, hi });
        i
    }

    /// The same linear form, with its variable part shared as an aggregate when it has more
    /// than one variable (its constant stays in the form). Aggregates are over variables only.
    pub fn aggregate(&mut self, l: Lin) -> Lin {
        let vars: Option<BTreeMap<usize, Q>> = l
            .terms
            .iter()
            .map(|(t, a)| match t {
                Term::Var(v) => Some((*v, a.clone())),
                Term::Agg(_) => None,
            })
            .collect();
        match vars {
            Some(v) if v.len() > 1 => {
                let k = self.aggregates.len();
                self.aggregates.push(v);
                let mut out = Lin::constant(l.constant);
                out.terms.insert(Term::Agg(k), Q::from_integer(1.into()));
                out
            }
            _ => l,
        }
    }

    /// Add the row `expr <= 0` (Le) or `expr = 0` (Eq); the constant moves to the right.
    pub fn add_row(&mut self, name: String, kind: Kind, expr: Lin) {
        self.rows.push(Row {
            name,
            kind,
            coeffs: expr.terms,
            rhs: -expr.constant,
        });
    }

    /// A dense vector from a JSON map of names (missing names are 0).
    pub fn read_names(
        &self,
        v: Option<&serde_json::Value>,
        rows: bool,
        what: &str,
    ) -> Result<Vec<Q>, String> {
        let len = if rows {
            self.rows.len()
        } else {
            self.vars.len()
        };
        let mut out = vec![Q::zero(); len];
        let Some(v) = v else {
            return Ok(out);
        };
        let map = v
            .as_object()
            .ok_or_else(|| format!("`{what}`: expected an object mapping names to numbers"))?;
        let row_index: HashMap<&str, usize> = if rows {
            self.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.name.as_str(), i))
                .collect()
        } else {
            HashMap::new()
        };
        for (name, val) in map {
            let idx = if rows {
                row_index.get(name.as_str()).copied()
            } else {
                self.index.get(name).copied()
            };
            let idx = idx.ok_or_else(|| {
                format!(
                    "`{what}`: {name} is not a {} of this model",
                    if rows { "row" } else { "variable" },
                    name = quote(name)
                )
            })?;
            out[idx] = crate::number::json_rat(val).map_err(|e| format!("`{what}.{name}`: {e}"))?;
        }
        Ok(out)
    }

    /// Charge the work of verifying evidence `x` and `y`: every nonzero coefficient meets a
    /// value of x (rows) and of y (reduced costs), and the sums grow along the rows.
    pub fn charge(&self, x: &[Q], y: &[Q]) -> Result<(), String> {
        let bits = |v: &[Q]| {
            v.iter()
                .map(|q| q.numer().bits() + q.denom().bits())
                .max()
                .unwrap_or(0)
        };
        let coeffs = self
            .rows
            .iter()
            .flat_map(|r| r.coeffs.values().chain([&r.rhs]))
            .chain(self.aggregates.iter().flat_map(|a| a.values()))
            .map(|q| q.numer().bits() + q.denom().bits())
            .max()
            .unwrap_or(0);
        let nnz: u64 = self
            .rows
            .iter()
            .map(|r| r.coeffs.len() as u64 + 1)
            .sum::<u64>()
            + self.aggregates.iter().map(|a| a.len() as u64).sum::<u64>();
        let v = bits(x).max(bits(y));
        let units = nnz.saturating_mul(2 * op_work(4 * (v + coeffs), v + coeffs));
        work::charge(units, || {
            format!(
                "verifying an LP with {} rows and {} variables",
                self.rows.len(),
                self.vars.len()
            )
        })
    }

    /// The value of every aggregate at x.
    fn aggregate_values(&self, x: &[Q]) -> Vec<Q> {
        self.aggregates
            .iter()
            .map(|a| a.iter().map(|(v, c)| c * &x[*v]).sum())
            .collect()
    }

    /// Σ a_t t at x, with the aggregates' values at x.
    fn value(terms: &BTreeMap<Term, Q>, x: &[Q], agg: &[Q]) -> Q {
        terms
            .iter()
            .map(|(t, a)| match t {
                Term::Var(v) => a * &x[*v],
                Term::Agg(k) => a * &agg[*k],
            })
            .sum()
    }

    /// x satisfies every bound and row.
    pub fn check_primal(&self, x: &[Q]) -> Result<(), String> {
        for (v, val) in self.vars.iter().zip(x) {
            if let Some(lo) = &v.lo
                && val < lo
            {
                return Err(format!(
                    "x: `{}` = {val} is below its lower bound {lo}",
                    v.name
                ));
            }
            if let Some(hi) = &v.hi
                && val > hi
            {
                return Err(format!(
                    "x: `{}` = {val} is above its upper bound {hi}",
                    v.name
                ));
            }
        }
        let agg = self.aggregate_values(x);
        for r in &self.rows {
            let lhs = Self::value(&r.coeffs, x, &agg);
            match r.kind {
                Kind::Le if lhs > r.rhs => {
                    return Err(format!(
                        "x violates row `{}`: left side {lhs} > right side {}",
                        r.name, r.rhs
                    ));
                }
                Kind::Eq if lhs != r.rhs => {
                    return Err(format!(
                        "x violates row `{}`: left side {lhs} != right side {}",
                        r.name, r.rhs
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn check_multipliers(&self, y: &[Q]) -> Result<(), String> {
        for (r, m) in self.rows.iter().zip(y) {
            if r.kind == Kind::Le && m.is_negative() {
                return Err(format!(
                    "y: multiplier {m} of the `<=` row `{}` is negative",
                    r.name
                ));
            }
        }
        Ok(())
    }

    /// A^T y: each row's multiplier on its variables, and on its aggregates gathered first and
    /// spread over their variables once.
    fn transpose_times(&self, y: &[Q]) -> Vec<Q> {
        let mut a = vec![Q::zero(); self.vars.len()];
        let mut w = vec![Q::zero(); self.aggregates.len()];
        for (r, m) in self.rows.iter().zip(y) {
            if m.is_zero() {
                continue;
            }
            for (t, c) in &r.coeffs {
                match t {
                    Term::Var(v) => a[*v] += c * m,
                    Term::Agg(k) => w[*k] += c * m,
                }
            }
        }
        for (k, wk) in w.iter().enumerate() {
            if wk.is_zero() {
                continue;
            }
            for (v, c) in &self.aggregates[k] {
                a[*v] += c * wk;
            }
        }
        a
    }

    /// The objective's coefficient of every variable (aggregates expanded).
    fn objective_coefficients(&self, obj: &Lin) -> Vec<Q> {
        let mut c = vec![Q::zero(); self.vars.len()];
        for (t, a) in &obj.terms {
            match t {
                Term::Var(v) => c[*v] += a,
                Term::Agg(k) => {
                    for (v, b) in &self.aggregates[*k] {
                        c[*v] += a * b;
                    }
                }
            }
        }
        c
    }

    fn dual_rhs(&self, y: &[Q]) -> Q {
        self.rows.iter().zip(y).map(|(r, m)| &r.rhs * m).sum()
    }

    /// Verify optimality of x by the dual vector y; returns the optimal value.
    pub fn verify_optimal(&self, x: &[Q], y: &[Q]) -> Result<Q, String> {
        let obj = self
            .objective
            .as_ref()
            .ok_or("this model has no objective: use status feasible or infeasible")?;
        self.check_primal(x)?;
        self.check_multipliers(y)?;
        let primal = Self::value(&obj.terms, x, &self.aggregate_values(x)) + &obj.constant;
        let aty = self.transpose_times(y);
        let cost = self.objective_coefficients(obj);
        let mut dual = self.dual_rhs(y) + &obj.constant;
        for (j, var) in self.vars.iter().enumerate() {
            let d = &cost[j] - &aty[j];
            if d.is_positive() {
                let hi = var.hi.as_ref().ok_or_else(|| {
                    format!(
                        "reduced cost of `{}` is {d} > 0 but it has no upper bound (y does not bound the objective)",
                        var.name
                    )
                })?;
                dual += &d * hi;
            } else if d.is_negative() {
                let lo = var.lo.as_ref().ok_or_else(|| {
                    format!(
                        "reduced cost of `{}` is {d} < 0 but it has no lower bound (y does not bound the objective)",
                        var.name
                    )
                })?;
                dual += &d * lo;
            }
        }
        if dual != primal {
            return Err(format!(
                "dual objective {dual} differs from primal {primal}"
            ));
        }
        Ok(primal)
    }

    /// Verify infeasibility by a Farkas vector y.
    pub fn verify_infeasible(&self, y: &[Q]) -> Result<(), String> {
        self.check_multipliers(y)?;
        let a = self.transpose_times(y);
        let mut min = Q::zero();
        for (j, var) in self.vars.iter().enumerate() {
            if a[j].is_positive() {
                let lo = var.lo.as_ref().ok_or_else(|| {
                    format!(
                        "Farkas: coefficient {} of `{}` in yA is positive but it has no lower bound",
                        a[j], var.name
                    )
                })?;
                min += &a[j] * lo;
            } else if a[j].is_negative() {
                let hi = var.hi.as_ref().ok_or_else(|| {
                    format!(
                        "Farkas: coefficient {} of `{}` in yA is negative but it has no upper bound",
                        a[j], var.name
                    )
                })?;
                min += &a[j] * hi;
            }
        }
        let yb = self.dual_rhs(y);
        if min <= yb {
            return Err(format!(
                "Farkas: the minimum {min} of yA·x over the bounds is not greater than y·b = {yb}"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::int;

    #[test]
    fn a_farkas_vector_is_read_against_the_bounds() {
        // 1 <= a <= 2 and one row `sign * a <= rhs` (stored as sign * a - rhs <= 0); y = 1
        let lp = |sign: i64, rhs: Q| {
            let mut lp = Lp::default();
            let a = lp.add_var("a".into(), Some(int(1)), Some(int(2)));
            lp.add_row(
                "r".into(),
                Kind::Le,
                Lin::constant(-rhs).plus(&Lin::var(a), &int(sign)),
            );
            lp
        };
        let half = Q::new(1.into(), 2.into());
        // a <= 1/2: infeasible; yA = 1 > 0, its minimum over the bounds 1 * 1 = 1 > y b = 1/2
        assert!(lp(1, half).verify_infeasible(&[int(1)]).is_ok());
        // a <= 1: feasible (a = 1): the minimum 1 is not greater than y b = 1, no proof
        assert!(lp(1, int(1)).verify_infeasible(&[int(1)]).is_err());
        // -a <= -3 (a >= 3): infeasible; yA = -1 < 0, its minimum -1 * 2 = -2 > y b = -3
        assert!(lp(-1, int(-3)).verify_infeasible(&[int(1)]).is_ok());
        // -a <= -2: feasible (a = 2): the minimum -2 is not greater than -2
        assert!(lp(-1, int(-2)).verify_infeasible(&[int(1)]).is_err());
    }

    #[test]
    fn tiny_lp() {
        // max x0 + x1, x0 + 2 x1 <= 4, 0 <= x0 <= 2, x1 free
        let mut lp = Lp::default();
        let a = lp.add_var("a".into(), Some(int(0)), Some(int(2)));
        let b = lp.add_var("b".into(), None, None);
        lp.add_row(
            "r".into(),
            Kind::Le,
            Lin::var(a)
                .plus(&Lin::var(b), &int(2))
                .plus(&Lin::constant(int(-4)), &int(1)),
        );
        lp.objective = Some(Lin::var(a).plus(&Lin::var(b), &int(1)));
        // optimum a = 2, b = 1, value 3; y = 1/2: d_a = 1/2 (upper bound 2), d_b = 0
        let y = vec![Q::new(1.into(), 2.into())];
        assert_eq!(lp.verify_optimal(&[int(2), int(1)], &y).unwrap(), int(3));
        assert!(lp.verify_optimal(&[int(2), int(0)], &y).is_err());
        assert!(lp.verify_optimal(&[int(2), int(1)], &[int(1)]).is_err());
        assert!(lp.verify_optimal(&[int(2), int(2)], &y).is_err());
    }
}
