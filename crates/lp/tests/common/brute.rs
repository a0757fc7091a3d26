//! Brute force for tiny LPs with all bounds finite, independent of the simplex: every
//! choice of `n` constraints (rows or bounds) taken as equations with a unique solution is
//! a candidate vertex; the feasible ones are the vertices of the polytope, and a nonempty
//! polytope in a finite box has one, with the optimum attained at a vertex.

use mechcert_lp::{Problem, Rat, RowKind, Sense};

/// Solve the square system `a x = b` exactly; `None` if singular.
pub fn solve_square(mut a: Vec<Vec<Rat>>, mut b: Vec<Rat>) -> Option<Vec<Rat>> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n).find(|&i| !a[i][col].is_zero())?;
        a.swap(col, piv);
        b.swap(col, piv);
        let inv = a[col][col].recip().expect("nonzero pivot");
        let pivot_row = a[col].clone();
        let pivot_rhs = b[col].clone();
        for (i, (ai, bi)) in a.iter_mut().zip(b.iter_mut()).enumerate() {
            if i != col && !ai[col].is_zero() {
                let f = &ai[col] * &inv;
                for (e, p) in ai.iter_mut().zip(&pivot_row).skip(col) {
                    *e -= &f * p;
                }
                *bi -= &f * &pivot_rhs;
            }
        }
    }
    Some((0..n).map(|i| &b[i] / &a[i][i]).collect())
}

/// Is `x` feasible for `p` (rows and bounds)?
pub fn feasible(p: &Problem, x: &[Rat]) -> bool {
    let bounds = (0..p.n_vars()).all(|j| {
        p.lower[j].as_ref().is_none_or(|l| x[j] >= *l)
            && p.upper[j].as_ref().is_none_or(|u| x[j] <= *u)
    });
    bounds && p.rows.iter().all(|row| row.holds(&row.activity(x)))
}

/// The optimal value of `p` (all bounds must be finite), or `None` if infeasible.
pub fn optimum(p: &Problem) -> Option<Rat> {
    let n = p.n_vars();
    assert!(
        p.lower.iter().chain(&p.upper).all(Option::is_some),
        "brute force needs finite bounds"
    );
    // Candidate equations: (coefficients, rhs).
    let mut eqs: Vec<(Vec<Rat>, Rat)> = Vec::new();
    for row in &p.rows {
        let mut a = vec![Rat::ZERO; n];
        for (j, c) in &row.coeffs {
            a[*j] += c;
        }
        eqs.push((a, row.rhs.clone()));
    }
    for j in 0..n {
        for b in [&p.lower[j], &p.upper[j]] {
            let mut a = vec![Rat::ZERO; n];
            a[j] = Rat::ONE;
            eqs.push((a, b.clone().expect("finite")));
        }
    }
    let mut best: Option<Rat> = None;
    let mut pick = Vec::with_capacity(n);
    subsets(eqs.len(), n, 0, &mut pick, &mut |idx| {
        let a = idx.iter().map(|&k| eqs[k].0.clone()).collect();
        let b = idx.iter().map(|&k| eqs[k].1.clone()).collect();
        if let Some(x) = solve_square(a, b)
            && feasible(p, &x)
        {
            let v = p.objective_value(&x);
            let better = match (&best, p.sense) {
                (None, _) => true,
                (Some(b), Sense::Maximize) => v > *b,
                (Some(b), Sense::Minimize) => v < *b,
            };
            if better {
                best = Some(v);
            }
        }
    });
    best
}

fn subsets(
    total: usize,
    k: usize,
    start: usize,
    pick: &mut Vec<usize>,
    f: &mut impl FnMut(&[usize]),
) {
    if pick.len() == k {
        f(pick);
        return;
    }
    for i in start..total {
        if total - i < k - pick.len() {
            break;
        }
        pick.push(i);
        subsets(total, k, i + 1, pick, f);
        pick.pop();
    }
}

/// `p` with every infinite bound replaced by `-k` / `k`.
pub fn clamp(p: &Problem, k: i64) -> Problem {
    let mut c = p.clone();
    for l in &mut c.lower {
        l.get_or_insert(Rat::int(-k));
    }
    for u in &mut c.upper {
        u.get_or_insert(Rat::int(k));
    }
    c
}

/// Kinds for generated rows.
pub const KINDS: [RowKind; 3] = [RowKind::Le, RowKind::Ge, RowKind::Eq];
