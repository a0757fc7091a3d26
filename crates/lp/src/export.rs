//! Export of a [`Problem`] in CPLEX LP and (free) MPS format with **integer** coefficients,
//! so that any exact solver (QSopt_ex's `esolver`, SoPlex, `glpsol --exact`, HiGHS) can
//! cross-check an answer on the very same LP.
//!
//! Each row is multiplied by the least common denominator of its coefficients and right-hand
//! side (a positive factor: the row's feasible set is unchanged, its multiplier is divided by
//! the factor); the objective likewise, so the optimum of the file is the LP's optimum times
//! the objective's factor. A bound that is not an integer becomes a row `q x >= p` (or
//! `<=`). Every factor is recorded in a comment at the top of the file. Names are the
//! caller's with `(`, `)` and `,` replaced so that every reader accepts them.

use std::io::{self, Write};

use mechcert_num::{Int, Rat};

use crate::problem::{Problem, RowKind, Sense};

struct IntRow {
    name: String,
    coeffs: Vec<(usize, Int)>,
    kind: RowKind,
    rhs: Int,
    scale: Int,
}

struct Integral {
    objective: Vec<Int>,
    objective_scale: Int,
    rows: Vec<IntRow>,
    lower: Vec<Option<Int>>,
    upper: Vec<Option<Int>>,
    vars: Vec<String>,
}

/// A name every LP/MPS reader accepts: letters, digits and `_`, not starting with a digit.
fn clean(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| *c != ')')
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    s
}

fn lcm_den<'a>(values: impl IntoIterator<Item = &'a Rat>) -> Int {
    let mut l = Int::ONE;
    for v in values {
        let (_, d) = Int::parts(v);
        if !d.is_one() {
            let g = l.gcd(&d);
            l = &l * &d.div_exact(&g);
        }
    }
    l
}

/// The positive factor by which the export multiplies the objective (the lcm of its
/// denominators): the optimum of an exported file is the LP's optimum times this.
pub fn objective_scale(p: &Problem) -> Rat {
    lcm_den(&p.objective).to_rat()
}

fn scaled(v: &Rat, s: &Int) -> Int {
    let (n, d) = Int::parts(v);
    &n * &s.div_exact(&d)
}

fn integral(p: &Problem, vars: &[String], rows: &[String]) -> Integral {
    let n = p.n_vars();
    let objective_scale = lcm_den(&p.objective);
    let objective = p
        .objective
        .iter()
        .map(|c| scaled(c, &objective_scale))
        .collect();
    let mut out_rows = Vec::new();
    for (i, row) in p.rows.iter().enumerate() {
        let mut merged: std::collections::BTreeMap<usize, Rat> = Default::default();
        for (j, a) in &row.coeffs {
            *merged.entry(*j).or_insert(Rat::ZERO) += a;
        }
        merged.retain(|_, a| !a.is_zero());
        let scale = lcm_den(merged.values().chain(std::iter::once(&row.rhs)));
        out_rows.push(IntRow {
            name: clean(&rows[i]),
            coeffs: merged
                .iter()
                .map(|(j, a)| (*j, scaled(a, &scale)))
                .collect(),
            kind: row.kind,
            rhs: scaled(&row.rhs, &scale),
            scale,
        });
    }
    let mut lower = vec![None; n];
    let mut upper = vec![None; n];
    for j in 0..n {
        for (b, slot, kind, tag) in [
            (&p.lower[j], &mut lower[j], RowKind::Ge, "lo"),
            (&p.upper[j], &mut upper[j], RowKind::Le, "up"),
        ] {
            let Some(b) = b else { continue };
            if b.is_integer() {
                *slot = Some(Int::parts(b).0);
            } else {
                let (num, den) = Int::parts(b);
                out_rows.push(IntRow {
                    name: format!("bound_{tag}_{}", clean(&vars[j])),
                    coeffs: vec![(j, den.clone())],
                    kind,
                    rhs: num,
                    scale: den,
                });
            }
        }
    }
    Integral {
        objective,
        objective_scale,
        rows: out_rows,
        lower,
        upper,
        vars: vars.iter().map(|v| clean(v)).collect(),
    }
}

fn header(w: &mut impl Write, lp: &Integral, mark: &str) -> io::Result<()> {
    writeln!(
        w,
        "{mark} written by mechcert: integer coefficients, each row scaled by a positive factor"
    )?;
    writeln!(
        w,
        "{mark} objective scaled by {}: the optimum of this file is {} times the LP's",
        lp.objective_scale, lp.objective_scale
    )?;
    let scaled: Vec<&IntRow> = lp.rows.iter().filter(|r| !r.scale.is_one()).collect();
    writeln!(
        w,
        "{mark} {} rows scaled (the others by 1); a row's multiplier is the LP's divided by its factor",
        scaled.len()
    )?;
    for r in scaled {
        writeln!(w, "{mark} scale {} {}", r.name, r.scale)?;
    }
    Ok(())
}

/// Terms per line: some readers (QSopt_ex's) overflow on long lines; an LP-format
/// expression may continue on the next line.
const TERMS_PER_LINE: usize = 8;

fn term(w: &mut impl Write, k: usize, c: &Int, name: &str) -> io::Result<()> {
    let first = k == 0;
    if k > 0 && k.is_multiple_of(TERMS_PER_LINE) {
        write!(w, "\n   ")?;
    }
    if c.is_negative() {
        write!(w, " - {} {name}", c.abs())
    } else if first {
        write!(w, " {c} {name}")
    } else {
        write!(w, " + {c} {name}")
    }
}

/// Write `p` in CPLEX LP format. `vars` and `rows` name the variables and rows.
pub fn write_cplex_lp(
    p: &Problem,
    vars: &[String],
    rows: &[String],
    w: &mut impl Write,
) -> io::Result<()> {
    let lp = integral(p, vars, rows);
    header(w, &lp, "\\")?;
    writeln!(
        w,
        "{}",
        match p.sense {
            Sense::Maximize => "Maximize",
            Sense::Minimize => "Minimize",
        }
    )?;
    write!(w, " obj:")?;
    let mut k = 0;
    for (j, c) in lp.objective.iter().enumerate() {
        if !c.is_zero() {
            term(w, k, c, &lp.vars[j])?;
            k += 1;
        }
    }
    if k == 0 {
        // An objective needs a term: a zero coefficient on the first variable.
        if let Some(v) = lp.vars.first() {
            write!(w, " 0 {v}")?;
        }
    }
    writeln!(w)?;
    writeln!(w, "Subject To")?;
    for r in &lp.rows {
        write!(w, " {}:", r.name)?;
        for (k, (j, c)) in r.coeffs.iter().enumerate() {
            term(w, k, c, &lp.vars[*j])?;
        }
        if r.coeffs.is_empty() {
            // An empty row: 0 x_0 (rel) rhs.
            if let Some(v) = lp.vars.first() {
                write!(w, " 0 {v}")?;
            }
        }
        let rel = match r.kind {
            RowKind::Le => "<=",
            RowKind::Ge => ">=",
            RowKind::Eq => "=",
        };
        writeln!(w, " {rel} {}", r.rhs)?;
    }
    writeln!(w, "Bounds")?;
    for (j, v) in lp.vars.iter().enumerate() {
        match (&lp.lower[j], &lp.upper[j]) {
            (None, None) => writeln!(w, " {v} free")?,
            (Some(l), Some(u)) if l == u => writeln!(w, " {v} = {l}")?,
            (Some(l), Some(u)) => writeln!(w, " {l} <= {v} <= {u}")?,
            (Some(l), None) => writeln!(w, " {v} >= {l}")?,
            (None, Some(u)) => writeln!(w, " -inf <= {v} <= {u}")?,
        }
    }
    writeln!(w, "End")
}

/// Write `p` in free MPS format (`OBJSENSE` section for a maximisation).
pub fn write_mps(
    p: &Problem,
    vars: &[String],
    rows: &[String],
    w: &mut impl Write,
) -> io::Result<()> {
    let lp = integral(p, vars, rows);
    header(w, &lp, "*")?;
    writeln!(w, "NAME mechcert")?;
    if p.sense == Sense::Maximize {
        writeln!(w, "OBJSENSE\n    MAX")?;
    }
    writeln!(w, "ROWS\n N obj")?;
    for r in &lp.rows {
        let k = match r.kind {
            RowKind::Le => "L",
            RowKind::Ge => "G",
            RowKind::Eq => "E",
        };
        writeln!(w, " {k} {}", r.name)?;
    }
    writeln!(w, "COLUMNS")?;
    let mut cols: Vec<Vec<(&str, &Int)>> = vec![Vec::new(); lp.vars.len()];
    for (j, c) in lp.objective.iter().enumerate() {
        if !c.is_zero() {
            cols[j].push(("obj", c));
        }
    }
    for r in &lp.rows {
        for (j, c) in &r.coeffs {
            cols[*j].push((&r.name, c));
        }
    }
    for (j, entries) in cols.iter().enumerate() {
        if entries.is_empty() {
            writeln!(w, " {} obj 0", lp.vars[j])?;
        }
        for (row, c) in entries {
            writeln!(w, " {} {row} {c}", lp.vars[j])?;
        }
    }
    writeln!(w, "RHS")?;
    for r in &lp.rows {
        if !r.rhs.is_zero() {
            writeln!(w, " rhs {} {}", r.name, r.rhs)?;
        }
    }
    writeln!(w, "BOUNDS")?;
    for (j, v) in lp.vars.iter().enumerate() {
        match (&lp.lower[j], &lp.upper[j]) {
            (None, None) => writeln!(w, " FR bnd {v}")?,
            (Some(l), Some(u)) if l == u => writeln!(w, " FX bnd {v} {l}")?,
            (l, u) => {
                match l {
                    None => writeln!(w, " MI bnd {v}")?,
                    Some(l) if l.is_zero() => {}
                    Some(l) => writeln!(w, " LO bnd {v} {l}")?,
                }
                if let Some(u) = u {
                    writeln!(w, " UP bnd {v} {u}")?;
                }
            }
        }
    }
    writeln!(w, "ENDATA")
}
