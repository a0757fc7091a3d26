//! Single-buyer mechanisms as data (`Tabular`): VCG (Definition 1), VCG' (Definition 2), and
//! the tight transfers t^T(x) of Section 6 for any allocation rule x.
//!
//! VCG' is computed from Definition 2 directly (min{B_k : B_k trades with S_j}, max{S_k : B_i
//! trades with S_k}); the tight transfers are computed from the ex post formulas of Section 6.
//! The paper notes that t^T(x*) is VCG'; the tests check it, so the two definitions guard
//! each other.

use mechcert_model::Env;
use mechcert_num::{Rat, Scalar};

use crate::{Matrix, Mechanism, Outcome};

/// A single-buyer mechanism given by its tables: x(B_i, S_j), t_b(B_i, S_j), t_s(B_i, S_j).
#[derive(Clone, Debug, PartialEq)]
pub struct Tabular<S> {
    pub name: String,
    pub x: Matrix<Rat>,
    pub tb: Matrix<S>,
    pub ts: Matrix<S>,
}

impl<S: Scalar> Mechanism<S> for Tabular<S> {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn outcome(&self, _env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>) {
        debug_assert_eq!(reports.len(), 1, "a tabular mechanism has one buyer");
        let k = (reports[0], seller);
        out.x[0] = self.x[k].clone();
        out.t[0] = self.tb[k].clone();
        out.ts = self.ts[k].clone();
    }
}

impl<S: Scalar> Tabular<S> {
    /// Tabulate any mechanism with one buyer.
    pub fn tabulate(env: &Env<S>, mech: &dyn Mechanism<S>) -> Tabular<S> {
        assert_eq!(env.buyers, 1, "tabulate needs a single-buyer environment");
        let (m, n) = (env.m(), env.n());
        let mut x = Vec::with_capacity(m * n);
        let mut tb = Vec::with_capacity(m * n);
        let mut ts = Vec::with_capacity(m * n);
        let mut out = Outcome::new(1);
        for i in 0..m {
            for j in 0..n {
                mech.outcome(env, &[i], j, &mut out);
                x.push(out.x[0].clone());
                tb.push(out.t[0].clone());
                ts.push(out.ts.clone());
            }
        }
        let mut it = (x.into_iter(), tb.into_iter(), ts.into_iter());
        Tabular {
            name: mech.name(),
            x: Matrix::from_fn(m, n, |_, _| it.0.next().expect("m*n entries")),
            tb: Matrix::from_fn(m, n, |_, _| it.1.next().expect("m*n entries")),
            ts: Matrix::from_fn(m, n, |_, _| it.2.next().expect("m*n entries")),
        }
    }
}

/// The efficient allocation x*(B_i, S_j) (1 if B_i > S_j; ties as `seller_ties` says).
pub fn efficient_allocation<S: Scalar>(env: &Env<S>) -> Matrix<Rat> {
    Matrix::from_fn(env.m(), env.n(), |i, j| env.efficient(i, j))
}

/// Definition 1: x = x*, the buyer pays S_j and the seller receives B_i when they trade.
pub fn vcg<S: Scalar>(env: &Env<S>) -> Tabular<S> {
    let (m, n) = (env.m(), env.n());
    Tabular {
        name: "VCG".into(),
        x: efficient_allocation(env),
        tb: Matrix::from_fn(m, n, |i, j| {
            if env.trades(i, j) {
                env.s(j).clone()
            } else {
                S::zero()
            }
        }),
        ts: Matrix::from_fn(m, n, |i, j| {
            if env.trades(i, j) {
                env.b(i).clone()
            } else {
                S::zero()
            }
        }),
    }
}

/// Definition 2: x = x*; on trade the buyer pays the smallest buyer value that still trades
/// with S_j, and the seller receives the largest seller value that still trades with B_i.
pub fn vcg_prime<S: Scalar>(env: &Env<S>) -> Tabular<S> {
    let (m, n) = (env.m(), env.n());
    let buyer_price = |j: usize| env.min_trading_buyer(j).map(|k| env.b(k).clone());
    let seller_price = |i: usize| env.max_trading_seller(i).map(|k| env.s(k).clone());
    Tabular {
        name: "VCG'".into(),
        x: efficient_allocation(env),
        tb: Matrix::from_fn(m, n, |i, j| {
            if env.trades(i, j) {
                buyer_price(j).expect("B_i trades")
            } else {
                S::zero()
            }
        }),
        ts: Matrix::from_fn(m, n, |i, j| {
            if env.trades(i, j) {
                seller_price(i).expect("S_j trades")
            } else {
                S::zero()
            }
        }),
    }
}

/// The tight transfers of Section 6 for an allocation rule x (any x, implementable or not):
/// t_b(B_k, S_l) = Σ_{j<=k} [x(B_j,S_l) - x(B_{j-1},S_l)] B_j and
/// t_s(B_k, S_l) = Σ_{j>=l} [x(B_k,S_j) - x(B_k,S_{j+1})] S_j, with x(B_0, .) = x(., S_{n+1}) = 0.
pub fn tight<S: Scalar>(env: &Env<S>, x: &Matrix<Rat>) -> Tabular<S> {
    let (m, n) = (env.m(), env.n());
    assert_eq!((x.rows(), x.cols()), (m, n), "allocation shape");
    let mut tb = Matrix::from_fn(m, n, |_, _| S::zero());
    for l in 0..n {
        let mut acc = S::zero();
        for k in 0..m {
            let below = if k == 0 {
                Rat::ZERO
            } else {
                x[(k - 1, l)].clone()
            };
            let step = &x[(k, l)] - &below;
            if !step.is_zero() {
                acc.add_scaled(env.b(k), &step);
            }
            tb[(k, l)] = acc.clone();
        }
    }
    let mut ts = Matrix::from_fn(m, n, |_, _| S::zero());
    for k in 0..m {
        let mut acc = S::zero();
        for l in (0..n).rev() {
            let above = if l + 1 == n {
                Rat::ZERO
            } else {
                x[(k, l + 1)].clone()
            };
            let step = &x[(k, l)] - &above;
            if !step.is_zero() {
                acc.add_scaled(env.s(l), &step);
            }
            ts[(k, l)] = acc.clone();
        }
    }
    Tabular {
        name: "tight T(x)".into(),
        x: x.clone(),
        tb,
        ts,
    }
}
