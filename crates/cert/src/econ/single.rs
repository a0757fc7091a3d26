//! Single-buyer mechanisms as tables x(i, j), t_b(i, j), t_s(i, j): VCG (Definition 1),
//! VCG' (Definition 2), and the tight transfers t^T(x) of Section 6 from their ex post
//! formulas; their expected budget surplus, the welfare of an allocation, and
//! implementability (monotone interim allocations).

use num_traits::Zero;

use crate::instance::{Concrete, Matrix};
use crate::number::Q;

/// A single-buyer mechanism: allocation and transfers, m x n.
#[derive(Clone, Debug, PartialEq)]
pub struct Tables {
    pub x: Matrix,
    pub tb: Matrix,
    pub ts: Matrix,
}

fn table(c: &Concrete, f: impl Fn(usize, usize) -> Q) -> Matrix {
    (0..c.m())
        .map(|i| (0..c.n()).map(|j| f(i, j)).collect())
        .collect()
}

/// Definition 1: x = x*; on trade the buyer pays S_j and the seller receives B_i.
pub fn vcg(c: &Concrete) -> Tables {
    Tables {
        x: c.efficient(),
        tb: table(c, |i, j| {
            if c.trades(i, j) {
                c.s[j].clone()
            } else {
                Q::zero()
            }
        }),
        ts: table(c, |i, j| {
            if c.trades(i, j) {
                c.b[i].clone()
            } else {
                Q::zero()
            }
        }),
    }
}

/// Definition 2: x = x*; on trade the buyer pays min{B_k : B_k trades with S_j} and the
/// seller receives max{S_k : B_i trades with S_k}.
pub fn vcg_prime(c: &Concrete) -> Tables {
    let price_b = |j: usize| {
        (0..c.m())
            .find(|&k| c.trades(k, j))
            .map(|k| c.b[k].clone())
            .expect("some buyer value trades")
    };
    let price_s = |i: usize| {
        (0..c.n())
            .rev()
            .find(|&k| c.trades(i, k))
            .map(|k| c.s[k].clone())
            .expect("some seller value trades")
    };
    Tables {
        x: c.efficient(),
        tb: table(c, |i, j| {
            if c.trades(i, j) {
                price_b(j)
            } else {
                Q::zero()
            }
        }),
        ts: table(c, |i, j| {
            if c.trades(i, j) {
                price_s(i)
            } else {
                Q::zero()
            }
        }),
    }
}

/// Section 6: t_b^T(B_k, S_l) = Σ_{j<=k} [x(B_j, S_l) - x(B_{j-1}, S_l)] B_j and
/// t_s^T(B_k, S_l) = Σ_{j>=l} [x(B_k, S_j) - x(B_k, S_{j+1})] S_j, with x(B_0, .) =
/// x(., S_{n+1}) = 0.
pub fn tight(c: &Concrete, x: &Matrix) -> Tables {
    let (m, n) = (c.m(), c.n());
    let mut tb = vec![vec![Q::zero(); n]; m];
    for l in 0..n {
        let mut acc = Q::zero();
        for k in 0..m {
            let below = if k == 0 {
                Q::zero()
            } else {
                x[k - 1][l].clone()
            };
            acc += (&x[k][l] - below) * &c.b[k];
            tb[k][l] = acc.clone();
        }
    }
    let mut ts = vec![vec![Q::zero(); n]; m];
    for (k, row) in ts.iter_mut().enumerate() {
        let mut acc = Q::zero();
        for l in (0..n).rev() {
            let above = if l + 1 == n {
                Q::zero()
            } else {
                x[k][l + 1].clone()
            };
            acc += (&x[k][l] - above) * &c.s[l];
            row[l] = acc.clone();
        }
    }
    Tables {
        x: x.clone(),
        tb,
        ts,
    }
}

/// The interim tight transfers t̄_b(B_k) = Σ_l pS_l t_b^T(B_k, S_l) (one per buyer value)
/// and t̄_s(S_l) = Σ_k pB_k t_s^T(B_k, S_l) (one per seller value).
pub fn tight_interim(c: &Concrete, x: &Matrix) -> (Vec<Q>, Vec<Q>) {
    let t = tight(c, x);
    (c.xb(&t.tb), c.xs(&t.ts))
}

/// Expected budget surplus Σ pB_i pS_j (t_b - t_s).
pub fn surplus(c: &Concrete, t: &Tables) -> Q {
    let mut acc = Q::zero();
    for i in 0..c.m() {
        for j in 0..c.n() {
            acc += &c.pb[i] * &c.ps[j] * (&t.tb[i][j] - &t.ts[i][j]);
        }
    }
    acc
}

/// Π(x): the expected surplus of the tight transfers for x.
pub fn tight_surplus(c: &Concrete, x: &Matrix) -> Q {
    surplus(c, &tight(c, x))
}

/// Π(e_ij) for every cell: the coefficients of the linear function Π(x), computed from the
/// tight transfers of the unit allocation e_ij (only column j of t_b and row i of t_s are
/// nonzero).
pub fn tight_coefficients(c: &Concrete) -> Matrix {
    let (m, n) = (c.m(), c.n());
    let mut out = vec![vec![Q::zero(); n]; m];
    for i in 0..m {
        for j in 0..n {
            // t_b^T(B_k, S_j) for k >= i: x(B_i,S_j) B_i at k = i, then - B_{i+1} added at
            // k = i + 1 (the step down), constant after.
            let mut acc = Q::zero();
            let mut buyer = Q::zero();
            for k in i..m {
                let step = if k == i {
                    Q::from_integer(1.into())
                } else if k == i + 1 {
                    Q::from_integer((-1).into())
                } else {
                    Q::zero()
                };
                acc += step * &c.b[k];
                buyer += &c.pb[k] * &acc;
            }
            let buyer = buyer * &c.ps[j];
            // t_s^T(B_i, S_l) for l <= j: S_j at l = j, then - S_{j-1} added at l = j - 1.
            let mut acc = Q::zero();
            let mut seller = Q::zero();
            for l in (0..=j).rev() {
                let step = if l == j {
                    Q::from_integer(1.into())
                } else if l + 1 == j {
                    Q::from_integer((-1).into())
                } else {
                    Q::zero()
                };
                acc += step * &c.s[l];
                seller += &c.ps[l] * &acc;
            }
            let seller = seller * &c.pb[i];
            out[i][j] = buyer - seller;
        }
    }
    out
}

/// Σ pB_i pS_j x(i, j) (B_i - S_j).
pub fn welfare(c: &Concrete, x: &Matrix) -> Q {
    let mut acc = Q::zero();
    for i in 0..c.m() {
        for j in 0..c.n() {
            acc += &c.pb[i] * &c.ps[j] * &x[i][j] * (&c.b[i] - &c.s[j]);
        }
    }
    acc
}

/// xb nondecreasing and xs nonincreasing.
pub fn implementable(c: &Concrete, x: &Matrix) -> bool {
    let xb = c.xb(x);
    let xs = c.xs(x);
    xb.windows(2).all(|w| w[0] <= w[1]) && xs.windows(2).all(|w| w[0] >= w[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{frac, int};

    fn inst(b: &[i64], s: &[i64]) -> Concrete {
        Concrete::uniform(b, s)
    }

    #[test]
    fn brief_example() {
        let c = inst(&[2, 5], &[1, 3]);
        assert_eq!(surplus(&c, &vcg_prime(&c)), frac(1, 2));
        assert_eq!(surplus(&c, &vcg(&c)), frac(-7, 4));
        assert_eq!(tight(&c, &c.efficient()), vcg_prime(&c));
    }

    #[test]
    fn example_2_at_k_2() {
        let c = inst(&[14, 17, 19], &[6, 16, 18]);
        assert_eq!(surplus(&c, &vcg_prime(&c)), frac(1, 3));
        assert_eq!(tight(&c, &c.efficient()), vcg_prime(&c));
    }

    #[test]
    fn coefficients_match_tight_surplus() {
        let c = inst(&[1, 4, 6], &[0, 3, 5]);
        let coef = tight_coefficients(&c);
        let x: Matrix = vec![
            vec![frac(1, 2), frac(1, 3), int(0)],
            vec![int(1), frac(2, 7), frac(1, 5)],
            vec![int(1), int(1), frac(3, 4)],
        ];
        let lin: Q = (0..3)
            .flat_map(|i| (0..3).map(move |j| (i, j)))
            .map(|(i, j)| &coef[i][j] * &x[i][j])
            .sum();
        assert_eq!(lin, tight_surplus(&c, &x));
    }
}
