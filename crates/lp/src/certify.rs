//! Reading the certificates off the final tableau, in the conventions of the crate docs.
//!
//! With the internal form `[A -I] z = 0` and internal (maximised) cost `c'`, the last
//! tableau row holds the reduced costs `d = c'_N - pi^T [A -I]_N`. For a row activity
//! `r_i` this is `pi_i`, for a structural `x_j` it is `c'_j - (A^T pi)_j`; basic variables
//! have reduced cost zero. So `pi` are the multipliers of the internal maximisation; the
//! caller's `y` is `pi` for a maximisation and `-pi` for a minimisation (since `c' = -c`).

use mechcert_num::Rat;

use crate::problem::Outcome;
use crate::simplex::{Place, Solver};

fn structural_values(s: &Solver) -> Vec<Rat> {
    s.val[..s.f.n].to_vec()
}

/// Reduced cost (from the last tableau row) of variable `v`; zero when basic.
fn reduced_of(s: &Solver, v: usize) -> Rat {
    match s.place[v] {
        Place::Basic(_) => Rat::ZERO,
        Place::Nonbasic(j) => s.t.entry(s.f.m, j),
    }
}

pub(crate) fn optimal(s: &Solver) -> Outcome {
    let (n, m) = (s.f.n, s.f.m);
    // The internal cost is -c for a minimisation, so the caller's multipliers are -pi.
    let flip = s.f.minimize;
    let sign = |r: Rat| if flip { -r } else { r };
    let x = structural_values(s);
    let y: Vec<Rat> = (0..m).map(|i| sign(reduced_of(s, n + i))).collect();
    let reduced: Vec<Rat> = (0..n).map(|j| sign(reduced_of(s, j))).collect();
    let internal: Rat = (0..n)
        .filter(|&j| !x[j].is_zero() && !s.f.cost[j].is_zero())
        .map(|j| &s.f.cost[j] * &x[j])
        .sum();
    let value = sign(internal);
    Outcome::Optimal {
        x,
        value,
        y,
        reduced,
    }
}

/// `y` are the phase-1 multipliers of the row activities: already in the caller's
/// convention (`>= 0` on `Le`, `<= 0` on `Ge`), independent of the sense.
pub(crate) fn infeasible(_s: &Solver, y: Vec<Rat>) -> Outcome {
    Outcome::Infeasible { y }
}

/// Column `q` can move (up if `up`) forever: the ray is that column of the tableau.
pub(crate) fn unbounded(s: &Solver, q: usize, up: bool) -> Outcome {
    let n = s.f.n;
    let unit = if up { Rat::ONE } else { -Rat::ONE };
    let mut ray = vec![Rat::ZERO; n];
    let vq = s.nonbasic[q];
    if vq < n {
        ray[vq] = unit.clone();
    }
    for (i, &b) in s.basic.iter().enumerate() {
        if b < n && !s.t.is_zero(i, q) {
            ray[b] = s.t.entry(i, q) * &unit;
        }
    }
    Outcome::Unbounded {
        x: structural_values(s),
        ray,
    }
}
