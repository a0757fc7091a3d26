//! The data of an LP as the caller states it, and the three possible answers.
//!
//! Nothing here computes: `Problem` is plain data (validated by [`Problem::validate`]),
//! `Outcome` is plain data whose meaning is the certificate contract in the crate docs.

use mechcert_num::Rat;

/// The relation of one row: `a·x <= b`, `a·x >= b` or `a·x = b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowKind {
    Le,
    Ge,
    Eq,
}

/// One constraint row `Σ coeff·x_var (kind) rhs`. Coefficients are sparse; an index may
/// appear more than once, in which case its coefficients are added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub coeffs: Vec<(usize, Rat)>,
    pub kind: RowKind,
    pub rhs: Rat,
}

impl Row {
    /// Convenience constructor.
    pub fn new(coeffs: Vec<(usize, Rat)>, kind: RowKind, rhs: Rat) -> Row {
        Row { coeffs, kind, rhs }
    }

    /// `a·x` for this row.
    pub fn activity(&self, x: &[Rat]) -> Rat {
        let mut s = Rat::ZERO;
        for (j, a) in &self.coeffs {
            if !a.is_zero() && !x[*j].is_zero() {
                s += a * &x[*j];
            }
        }
        s
    }

    /// Does `value (kind) rhs` hold?
    pub fn holds(&self, value: &Rat) -> bool {
        match self.kind {
            RowKind::Le => *value <= self.rhs,
            RowKind::Ge => *value >= self.rhs,
            RowKind::Eq => *value == self.rhs,
        }
    }
}

/// Direction of optimisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sense {
    Maximize,
    Minimize,
}

/// `max/min objective·x` subject to the rows and `lower <= x <= upper`
/// (`None` is minus / plus infinity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub sense: Sense,
    pub objective: Vec<Rat>,
    pub rows: Vec<Row>,
    pub lower: Vec<Option<Rat>>,
    pub upper: Vec<Option<Rat>>,
}

impl Problem {
    /// A problem with `n` variables, all objective coefficients zero, no rows and all
    /// variables free; fill in the fields afterwards.
    pub fn new(sense: Sense, n: usize) -> Problem {
        Problem {
            sense,
            objective: vec![Rat::ZERO; n],
            rows: Vec::new(),
            lower: vec![None; n],
            upper: vec![None; n],
        }
    }

    /// Number of variables.
    pub fn n_vars(&self) -> usize {
        self.objective.len()
    }

    /// Are the lengths consistent and all row indices in range?
    pub fn validate(&self) -> Result<(), String> {
        let n = self.objective.len();
        if self.lower.len() != n || self.upper.len() != n {
            return Err(format!(
                "objective has {n} entries but lower has {} and upper {}",
                self.lower.len(),
                self.upper.len()
            ));
        }
        for (i, row) in self.rows.iter().enumerate() {
            if let Some((j, _)) = row.coeffs.iter().find(|(j, _)| *j >= n) {
                return Err(format!("row {i} refers to variable {j}, but there are {n}"));
            }
        }
        Ok(())
    }

    /// `objective·x`.
    pub fn objective_value(&self, x: &[Rat]) -> Rat {
        dot(&self.objective, x)
    }

    /// The first variable whose bounds are inconsistent (`lower > upper`), if any.
    pub fn empty_box_var(&self) -> Option<usize> {
        (0..self.n_vars()).find(|&j| match (&self.lower[j], &self.upper[j]) {
            (Some(l), Some(u)) => l > u,
            _ => false,
        })
    }
}

/// `a·b` over dense vectors of equal length.
pub(crate) fn dot(a: &[Rat], b: &[Rat]) -> Rat {
    let mut s = Rat::ZERO;
    for (u, v) in a.iter().zip(b) {
        if !u.is_zero() && !v.is_zero() {
            s += u * v;
        }
    }
    s
}

/// The answer of the solver, each with its certificate (see the crate docs for the exact
/// conventions, which [`crate::check_outcome`] implements).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An optimal `x`, its `value`, row multipliers `y` (one per original row) and reduced
    /// costs `reduced = objective - A^T y` (one per variable).
    Optimal {
        x: Vec<Rat>,
        value: Rat,
        y: Vec<Rat>,
        reduced: Vec<Rat>,
    },
    /// A Farkas vector `y`, one multiplier per original row.
    Infeasible { y: Vec<Rat> },
    /// A feasible `x` and an improving direction `ray` along which it stays feasible.
    Unbounded { x: Vec<Rat>, ray: Vec<Rat> },
}

impl Outcome {
    /// Every number of the certificate, in a fixed order (for size reports and tampering).
    pub fn numbers(&self) -> Vec<&Rat> {
        match self {
            Outcome::Optimal {
                x,
                value,
                y,
                reduced,
            } => x
                .iter()
                .chain(std::iter::once(value))
                .chain(y)
                .chain(reduced)
                .collect(),
            Outcome::Infeasible { y } => y.iter().collect(),
            Outcome::Unbounded { x, ray } => x.iter().chain(ray).collect(),
        }
    }

    /// Mutable access to every number, in the order of [`Outcome::numbers`].
    pub fn numbers_mut(&mut self) -> Vec<&mut Rat> {
        match self {
            Outcome::Optimal {
                x,
                value,
                y,
                reduced,
            } => x
                .iter_mut()
                .chain(std::iter::once(value))
                .chain(y.iter_mut())
                .chain(reduced.iter_mut())
                .collect(),
            Outcome::Infeasible { y } => y.iter_mut().collect(),
            Outcome::Unbounded { x, ray } => x.iter_mut().chain(ray.iter_mut()).collect(),
        }
    }

    /// Short name: `optimal`, `infeasible` or `unbounded`.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Optimal { .. } => "optimal",
            Outcome::Infeasible { .. } => "infeasible",
            Outcome::Unbounded { .. } => "unbounded",
        }
    }
}
