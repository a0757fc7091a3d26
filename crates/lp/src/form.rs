//! The internal standard form: every row becomes an equation `a_i·x - r_i = 0` with a
//! bounded "row activity" variable `r_i`, and the objective is always maximised.
//!
//! Variables `0..n` are the structural `x_j`, variables `n..n+m` the row activities:
//! `Le` gives `r_i <= b_i`, `Ge` gives `r_i >= b_i`, `Eq` gives `b_i <= r_i <= b_i`.
//! A minimisation is turned into the maximisation of `-objective`.

use mechcert_num::Rat;

use crate::problem::{Problem, RowKind, Sense};

pub(crate) struct StdForm {
    /// Structural variables.
    pub n: usize,
    /// Rows, equal to the number of row-activity variables.
    pub m: usize,
    /// Lower bounds of all `n + m` variables.
    pub lo: Vec<Option<Rat>>,
    /// Upper bounds of all `n + m` variables.
    pub hi: Vec<Option<Rat>>,
    /// Internal (maximised) cost of all `n + m` variables; zero on row activities.
    pub cost: Vec<Rat>,
    /// Was the caller's problem a minimisation (internal cost = -objective)?
    pub minimize: bool,
    /// Each row's coefficients, duplicates merged, zeros dropped, sorted by variable.
    pub rows: Vec<Vec<(usize, Rat)>>,
}

impl StdForm {
    pub fn new(p: &Problem) -> StdForm {
        let n = p.n_vars();
        let m = p.rows.len();
        let mut lo = p.lower.clone();
        let mut hi = p.upper.clone();
        let mut cost: Vec<Rat> = match p.sense {
            Sense::Maximize => p.objective.clone(),
            Sense::Minimize => p.objective.iter().map(|c| -c).collect(),
        };
        cost.resize(n + m, Rat::ZERO);
        let mut rows = Vec::with_capacity(m);
        for row in &p.rows {
            let (l, h) = match row.kind {
                RowKind::Le => (None, Some(row.rhs.clone())),
                RowKind::Ge => (Some(row.rhs.clone()), None),
                RowKind::Eq => (Some(row.rhs.clone()), Some(row.rhs.clone())),
            };
            lo.push(l);
            hi.push(h);
            rows.push(merge(&row.coeffs));
        }
        StdForm {
            minimize: p.sense == Sense::Minimize,
            n,
            m,
            lo,
            hi,
            cost,
            rows,
        }
    }

    /// Is variable `v` free (no bound on either side)?
    pub fn is_free(&self, v: usize) -> bool {
        self.lo[v].is_none() && self.hi[v].is_none()
    }
}

/// Sum coefficients of repeated indices and drop zeros.
fn merge(coeffs: &[(usize, Rat)]) -> Vec<(usize, Rat)> {
    let mut v: Vec<(usize, Rat)> = coeffs.to_vec();
    v.sort_by_key(|(j, _)| *j);
    let mut out: Vec<(usize, Rat)> = Vec::with_capacity(v.len());
    for (j, a) in v {
        match out.last_mut() {
            Some((k, b)) if *k == j => *b += a,
            _ => out.push((j, a)),
        }
    }
    out.retain(|(_, a)| !a.is_zero());
    out
}
