//! The exact half of the fast path: rebuild a proposed basis in rational arithmetic and
//! turn it into a certificate, or say that it does not prove anything.
//!
//! The basis is given by its kernel: basic structural columns `S` and rows `T` whose
//! activity is nonbasic (`|S| = |T|`). Nonbasic variables sit exactly at the bound the
//! proposal names. Then, exactly (`dixon.rs` for the two kernel systems):
//! - primal: `A[T,S] x_S = r_T - A[T,N] x_N`, every other row activity `r_i = a_i·x`;
//! - dual: `A[T,S]^T pi_T = c_S` (phase 2) or the phase-1 costs of the exactly infeasible
//!   basic variables (a Farkas vector), `pi = 0` on the other rows;
//! - unbounded: the column of the entering variable, `A[T,S] alpha = a_T(q)`.
//!
//! The candidate [`Outcome`] is returned only if [`check_outcome`] accepts it, so whatever
//! the float solve proposed, a returned answer is proven.
#![allow(clippy::needless_range_loop)]

use malachite_base::num::arithmetic::traits::{DivExact, Lcm};
use malachite_base::num::basic::traits::One;
use malachite_nz::integer::Integer;
use mechcert_num::{Int, Rat};

use crate::check::check_outcome;
use crate::dixon::{System, to_big, to_rat};
use crate::float::{At, Proposal, Verdict};
use crate::form::StdForm;
use crate::problem::{Outcome, Problem};

const NONE: usize = usize::MAX;

/// A basis rebuilt exactly: the kernel factorised, the point computed.
pub(crate) struct ExactBasis<'a> {
    f: &'a StdForm,
    pub at: Vec<At>,
    s_of: Vec<usize>,
    t_of: Vec<usize>,
    slot_s: Vec<usize>,
    /// Row scale of each kernel row (makes the row integer).
    scale: Vec<Integer>,
    sys: System,
    /// Values of all `n + m` variables.
    pub val: Vec<Rat>,
}

fn parts(r: &Rat) -> (Integer, Integer) {
    let (n, d) = Int::parts(r);
    (to_big(&n), to_big(&d))
}

/// Integer numerators of `v` over their least common denominator.
fn common(v: &[Rat]) -> (Vec<Integer>, Integer) {
    let ps: Vec<(Integer, Integer)> = v.iter().map(parts).collect();
    let mut den = Integer::ONE;
    for (_, d) in &ps {
        if *d != 1 {
            den = Integer::from(den.unsigned_abs_ref().lcm(d.unsigned_abs_ref()));
        }
    }
    let nums = ps
        .into_iter()
        .map(|(n, d)| n * (&den).div_exact(&d))
        .collect();
    (nums, den)
}

impl<'a> ExactBasis<'a> {
    /// `None` if the proposal is not a basis (sizes, a singular kernel, or entries beyond
    /// 64 bits after row scaling).
    pub fn new(f: &'a StdForm, at: Vec<At>) -> Option<ExactBasis<'a>> {
        let (n, m) = (f.n, f.m);
        let s_of: Vec<usize> = (0..n).filter(|&j| at[j] == At::Basic).collect();
        let t_of: Vec<usize> = (0..m).filter(|&i| at[n + i] != At::Basic).collect();
        if s_of.len() != t_of.len() {
            return None;
        }
        let mut slot_s = vec![NONE; n];
        for (s, &j) in s_of.iter().enumerate() {
            slot_s[j] = s;
        }
        let mut rows = Vec::with_capacity(t_of.len());
        let mut scale = Vec::with_capacity(t_of.len());
        for &i in &t_of {
            let entries: Vec<(usize, &Rat)> = f.rows[i]
                .iter()
                .filter(|(j, _)| slot_s[*j] != NONE)
                .map(|(j, a)| (slot_s[*j], a))
                .collect();
            let vals: Vec<Rat> = entries.iter().map(|(_, a)| (*a).clone()).collect();
            let (nums, den) = common(&vals);
            let mut row = Vec::with_capacity(entries.len());
            for ((s, _), v) in entries.iter().zip(nums) {
                row.push((*s, i64::try_from(&v).ok()?));
            }
            rows.push(row);
            scale.push(den);
        }
        let sys = System::new(s_of.len(), rows)?;
        let mut val = vec![Rat::ZERO; n + m];
        for v in 0..n + m {
            val[v] = match at[v] {
                At::Basic | At::Zero => Rat::ZERO,
                At::Lower => f.lo[v].clone()?,
                At::Upper => f.hi[v].clone()?,
            };
        }
        let mut b = ExactBasis {
            f,
            at,
            s_of,
            t_of,
            slot_s,
            scale,
            sys,
            val,
        };
        b.primal()?;
        Some(b)
    }

    /// Solve the kernel system with rational right-hand side `rhs` (one per T slot; the
    /// rows are scaled here).
    fn kernel_solve(&self, rhs: &[Rat]) -> Option<Vec<Rat>> {
        let scaled: Vec<Rat> = rhs
            .iter()
            .zip(&self.scale)
            .map(|(r, s)| r * &to_rat(s, &Integer::ONE))
            .collect();
        let (b, den) = common(&scaled);
        let (num, d2) = self.sys.solve(&b, false)?;
        let d = den * d2;
        Some(num.iter().map(|x| to_rat(x, &d)).collect())
    }

    /// Solve `A[T,S]^T pi_T = w` (one entry of `w` per S slot).
    fn kernel_solve_t(&self, w: &[Rat]) -> Option<Vec<Rat>> {
        let (b, den) = common(w);
        let (num, d2) = self.sys.solve(&b, true)?;
        let d = den * d2;
        // K = diag(1/scale) K_int, so K^T pi = K_int^T (pi / scale): pi = scale * u.
        Some(
            num.iter()
                .zip(&self.scale)
                .map(|(x, s)| to_rat(&(x * s), &d))
                .collect(),
        )
    }

    fn primal(&mut self) -> Option<()> {
        let f = self.f;
        let n = f.n;
        let rhs: Vec<Rat> = self
            .t_of
            .iter()
            .map(|&i| {
                let mut v = self.val[n + i].clone();
                for (j, a) in &f.rows[i] {
                    if self.slot_s[*j] == NONE && !self.val[*j].is_zero() {
                        v -= a * &self.val[*j];
                    }
                }
                v
            })
            .collect();
        let xs = self.kernel_solve(&rhs)?;
        for (s, x) in xs.into_iter().enumerate() {
            self.val[self.s_of[s]] = x;
        }
        for i in 0..f.m {
            if self.at[n + i] == At::Basic {
                let mut v = Rat::ZERO;
                for (j, a) in &f.rows[i] {
                    if !self.val[*j].is_zero() {
                        v += a * &self.val[*j];
                    }
                }
                self.val[n + i] = v;
            }
        }
        Some(())
    }

    /// Is every basic variable within its bounds?
    pub fn infeasibility(&self, v: usize) -> i8 {
        let x = &self.val[v];
        if self.f.lo[v].as_ref().is_some_and(|l| x < l) {
            1
        } else if self.f.hi[v].as_ref().is_some_and(|u| x > u) {
            -1
        } else {
            0
        }
    }

    /// Row multipliers for basic-variable costs `cost(v)` (zero on nonbasic variables):
    /// `pi_i = -cost(r_i)` on basic rows, `pi_T` from the kernel.
    fn multipliers(&self, cost: impl Fn(usize) -> Rat) -> Option<Vec<Rat>> {
        let f = self.f;
        let (n, m) = (f.n, f.m);
        let mut pi = vec![Rat::ZERO; m];
        let mut w: Vec<Rat> = self.s_of.iter().map(|&j| cost(j)).collect();
        for i in 0..m {
            if self.at[n + i] != At::Basic {
                continue;
            }
            let c = cost(n + i);
            if !c.is_zero() {
                pi[i] = -&c;
                for (j, a) in &f.rows[i] {
                    let s = self.slot_s[*j];
                    if s != NONE {
                        w[s] += a * &c;
                    }
                }
            }
        }
        let pt = self.kernel_solve_t(&w)?;
        for (t, v) in pt.into_iter().enumerate() {
            pi[self.t_of[t]] = v;
        }
        Some(pi)
    }

    fn structural(&self) -> Vec<Rat> {
        self.val[..self.f.n].to_vec()
    }

    /// The optimality certificate of this basis, if it is one.
    pub fn optimal(&self, p: &Problem) -> Option<Outcome> {
        let f = self.f;
        if (0..f.n + f.m).any(|v| self.infeasibility(v) != 0) {
            return None;
        }
        let pi = self.multipliers(|v| {
            if v < f.n {
                f.cost[v].clone()
            } else {
                Rat::ZERO
            }
        })?;
        let y: Vec<Rat> = if f.minimize {
            pi.iter().map(|v| -v).collect()
        } else {
            pi
        };
        outcome_optimal(p, self.structural(), y)
    }

    /// The Farkas certificate from the phase-1 costs of this basis, if it is one.
    pub fn infeasible(&self, p: &Problem) -> Option<Outcome> {
        let y = self.multipliers(|v| Rat::int(i64::from(self.infeasibility(v))))?;
        let o = Outcome::Infeasible { y };
        check_outcome(p, &o).ok().map(|_| o)
    }

    /// The ray of nonbasic variable `q` moving up (or down), if it proves unboundedness.
    pub fn unbounded(&self, p: &Problem, q: usize, up: bool) -> Option<Outcome> {
        let f = self.f;
        let n = f.n;
        let mut a_t = vec![Rat::ZERO; self.t_of.len()];
        if q < n {
            for (t, &i) in self.t_of.iter().enumerate() {
                if let Some((_, a)) = f.rows[i].iter().find(|(j, _)| *j == q) {
                    a_t[t] = a.clone();
                }
            }
        } else {
            let t = self.t_of.iter().position(|&i| i == q - n)?;
            a_t[t] = -Rat::ONE;
        }
        let alpha = self.kernel_solve(&a_t)?;
        let unit = if up { Rat::ONE } else { -Rat::ONE };
        let mut ray = vec![Rat::ZERO; n];
        if q < n {
            ray[q] = unit.clone();
        }
        for (s, a) in alpha.iter().enumerate() {
            ray[self.s_of[s]] = -(a * &unit);
        }
        let o = Outcome::Unbounded {
            x: self.structural(),
            ray,
        };
        check_outcome(p, &o).ok().map(|_| o)
    }
}

/// `Optimal` with `reduced = c - A^T y` and `value = c·x`, if it verifies.
pub(crate) fn outcome_optimal(p: &Problem, x: Vec<Rat>, y: Vec<Rat>) -> Option<Outcome> {
    let mut reduced = p.objective.clone();
    for (row, yi) in p.rows.iter().zip(&y) {
        if yi.is_zero() {
            continue;
        }
        for (j, a) in &row.coeffs {
            reduced[*j] -= a * yi;
        }
    }
    let value = p.objective_value(&x);
    let o = Outcome::Optimal {
        x,
        value,
        y,
        reduced,
    };
    check_outcome(p, &o).ok().map(|_| o)
}

/// Prove the float proposal, or `None` (the caller continues exactly).
pub(crate) fn prove(f: &StdForm, p: &Problem, prop: &Proposal) -> Option<Outcome> {
    let b = ExactBasis::new(f, prop.at.clone())?;
    match prop.verdict {
        Verdict::Optimal => b.optimal(p),
        Verdict::Infeasible => b.infeasible(p),
        Verdict::Unbounded { var, up } => b.unbounded(p, var, up),
    }
}
