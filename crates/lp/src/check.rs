//! `check_outcome`: re-verify a certificate against the problem, exactly as the crate docs
//! state the contract. Independent of the simplex: it only evaluates sums and signs.

use std::cmp::Ordering;

use mechcert_num::Rat;

use crate::problem::{Outcome, Problem, RowKind, Sense, dot};

/// Verify `o` as an answer to `p` (the conventions are in the crate docs).
pub fn check_outcome(p: &Problem, o: &Outcome) -> Result<(), String> {
    p.validate()?;
    match o {
        Outcome::Optimal {
            x,
            value,
            y,
            reduced,
        } => check_optimal(p, x, value, y, reduced),
        Outcome::Infeasible { y } => check_infeasible(p, y),
        Outcome::Unbounded { x, ray } => check_unbounded(p, x, ray),
    }
}

fn expect_len(what: &str, got: usize, want: usize) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what} has {got} entries, expected {want}"))
    }
}

/// `x` within its bounds and satisfying every row.
fn check_feasible(p: &Problem, x: &[Rat]) -> Result<(), String> {
    expect_len("x", x.len(), p.n_vars())?;
    for (j, v) in x.iter().enumerate() {
        if let Some(l) = &p.lower[j]
            && v < l
        {
            return Err(format!("x[{j}] = {v} is below its lower bound {l}"));
        }
        if let Some(u) = &p.upper[j]
            && v > u
        {
            return Err(format!("x[{j}] = {v} is above its upper bound {u}"));
        }
    }
    for (i, row) in p.rows.iter().enumerate() {
        let a = row.activity(x);
        if !row.holds(&a) {
            return Err(format!(
                "row {i} is violated: activity {a}, {:?} {}",
                row.kind, row.rhs
            ));
        }
    }
    Ok(())
}

/// `A^T y` over the original rows (signs as given, no orientation).
fn a_transpose_y(p: &Problem, y: &[Rat]) -> Vec<Rat> {
    let mut a = vec![Rat::ZERO; p.n_vars()];
    for (row, yi) in p.rows.iter().zip(y) {
        if yi.is_zero() {
            continue;
        }
        for (j, c) in &row.coeffs {
            a[*j] += c * yi;
        }
    }
    a
}

/// Is `y_i` a valid multiplier sign for a row of kind `kind`? `flip` means the pattern of a
/// minimisation: `y <= 0` on `Le`, `y >= 0` on `Ge`.
fn sign_ok(kind: RowKind, yi: &Rat, flip: bool) -> bool {
    let s = if flip {
        yi.signum().reverse()
    } else {
        yi.signum()
    };
    match kind {
        RowKind::Le => s != Ordering::Less,
        RowKind::Ge => s != Ordering::Greater,
        RowKind::Eq => true,
    }
}

fn check_signs(p: &Problem, y: &[Rat], flip: bool) -> Result<(), String> {
    for (i, (row, yi)) in p.rows.iter().zip(y).enumerate() {
        if !sign_ok(row.kind, yi, flip) {
            return Err(format!(
                "y[{i}] = {yi} has the wrong sign for a {:?} row{}",
                row.kind,
                if flip { " of a minimisation" } else { "" }
            ));
        }
    }
    Ok(())
}

fn check_optimal(
    p: &Problem,
    x: &[Rat],
    value: &Rat,
    y: &[Rat],
    reduced: &[Rat],
) -> Result<(), String> {
    check_feasible(p, x)?;
    expect_len("y", y.len(), p.rows.len())?;
    expect_len("reduced", reduced.len(), p.n_vars())?;
    let cx = p.objective_value(x);
    if cx != *value {
        return Err(format!("value {value} differs from objective·x = {cx}"));
    }
    let minimize = p.sense == Sense::Minimize;
    check_signs(p, y, minimize)?;
    let aty = a_transpose_y(p, y);
    for j in 0..p.n_vars() {
        let want = &p.objective[j] - &aty[j];
        if reduced[j] != want {
            return Err(format!(
                "reduced[{j}] = {} but objective - A^T y gives {want}",
                reduced[j]
            ));
        }
    }
    // Dual bound: y·b + Σ_j d_j·(the bound of x_j that d_j points to).
    let yb = dot(y, &p.rows.iter().map(|r| r.rhs.clone()).collect::<Vec<_>>());
    let mut bound = yb;
    for (j, d) in reduced.iter().enumerate() {
        let (pos_bound, neg_bound, pos_name, neg_name) = if minimize {
            (&p.lower[j], &p.upper[j], "lower", "upper")
        } else {
            (&p.upper[j], &p.lower[j], "upper", "lower")
        };
        match d.signum() {
            Ordering::Equal => {}
            Ordering::Greater => match pos_bound {
                Some(b) => bound += d * b,
                None => {
                    return Err(format!(
                        "reduced[{j}] = {d} > 0 needs a finite {pos_name} bound"
                    ));
                }
            },
            Ordering::Less => match neg_bound {
                Some(b) => bound += d * b,
                None => {
                    return Err(format!(
                        "reduced[{j}] = {d} < 0 needs a finite {neg_name} bound"
                    ));
                }
            },
        }
    }
    if bound != *value {
        return Err(format!("dual bound {bound} differs from the value {value}"));
    }
    Ok(())
}

fn check_infeasible(p: &Problem, y: &[Rat]) -> Result<(), String> {
    expect_len("y", y.len(), p.rows.len())?;
    if let Some(j) = p.empty_box_var() {
        // The bound box itself is empty: the certificate is the pair of bounds; y must be 0.
        return match y.iter().position(|v| !v.is_zero()) {
            None => Ok(()),
            Some(i) => Err(format!(
                "variable {j} has lower > upper, so y must be zero, but y[{i}] = {}",
                y[i]
            )),
        };
    }
    check_signs(p, y, false)?;
    let a = a_transpose_y(p, y);
    let mut min = Rat::ZERO;
    for (j, aj) in a.iter().enumerate() {
        match aj.signum() {
            Ordering::Equal => {}
            Ordering::Greater => match &p.lower[j] {
                Some(l) => min += aj * l,
                None => {
                    return Err(format!(
                        "(A^T y)[{j}] = {aj} > 0 but x[{j}] has no lower bound"
                    ));
                }
            },
            Ordering::Less => match &p.upper[j] {
                Some(u) => min += aj * u,
                None => {
                    return Err(format!(
                        "(A^T y)[{j}] = {aj} < 0 but x[{j}] has no upper bound"
                    ));
                }
            },
        }
    }
    let yb = dot(y, &p.rows.iter().map(|r| r.rhs.clone()).collect::<Vec<_>>());
    if min <= yb {
        return Err(format!(
            "min over the box of (A^T y)·x is {min}, not greater than y·b = {yb}"
        ));
    }
    Ok(())
}

fn check_unbounded(p: &Problem, x: &[Rat], ray: &[Rat]) -> Result<(), String> {
    check_feasible(p, x)?;
    expect_len("ray", ray.len(), p.n_vars())?;
    for (j, r) in ray.iter().enumerate() {
        if r.is_positive() && p.upper[j].is_some() {
            return Err(format!("ray[{j}] = {r} > 0 but x[{j}] has an upper bound"));
        }
        if r.is_negative() && p.lower[j].is_some() {
            return Err(format!("ray[{j}] = {r} < 0 but x[{j}] has a lower bound"));
        }
    }
    for (i, row) in p.rows.iter().enumerate() {
        let s = row.activity(ray);
        let ok = match row.kind {
            RowKind::Le => !s.is_positive(),
            RowKind::Ge => !s.is_negative(),
            RowKind::Eq => s.is_zero(),
        };
        if !ok {
            return Err(format!(
                "row {i} ({:?}) changes by {s} along the ray",
                row.kind
            ));
        }
    }
    let cr = p.objective_value(ray);
    let improving = match p.sense {
        Sense::Maximize => cr.is_positive(),
        Sense::Minimize => cr.is_negative(),
    };
    if !improving {
        return Err(format!(
            "objective·ray = {cr} does not improve a {:?} problem",
            p.sense
        ));
    }
    Ok(())
}
