//! The "second-best" LP of a bilateral trade instance (shared by tests and the example).
//!
//! m buyer types with values `B_1 < ... < B_m`, n seller types with `S_1 < ... < S_n`
//! (distinct integers from `1..=max(40, m+n+10)`, disjoint between the sides), type
//! probabilities `w / Σw` with integer weights `w` in `1..=9`. Variables `x(i,j)` in
//! `[0,1]` (index `i*n + j`) and free transfers `t(i,j)` (index `m*n + i*n + j`). Rows:
//! buyer IC and IR, seller IC and IR (all `Ge 0`); maximise expected gains from trade.

#![allow(dead_code)]

use mechcert_lp::{Problem, Rat, Row, RowKind, Sense};
use mechcert_num::SplitMix64;

#[derive(Clone, Debug)]
pub struct Instance {
    pub buyer: Vec<i64>,
    pub seller: Vec<i64>,
    pub pb: Vec<Rat>,
    pub ps: Vec<Rat>,
}

fn probabilities(rng: &mut SplitMix64, k: usize) -> Vec<Rat> {
    let w: Vec<i64> = (0..k).map(|_| 1 + rng.below(9) as i64).collect();
    let total: i64 = w.iter().sum();
    w.iter().map(|&wi| Rat::new(wi, total)).collect()
}

/// A random `m x n` instance from `seed`.
pub fn random_instance(m: usize, n: usize, seed: u64) -> Instance {
    let mut rng = SplitMix64::new(seed);
    let top = 40.max(m + n + 10) as i64;
    let mut pool: Vec<i64> = (1..=top).collect();
    // Fisher-Yates, then take the first m for buyers and the next n for sellers.
    for i in (1..pool.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        pool.swap(i, j);
    }
    let mut buyer = pool[..m].to_vec();
    let mut seller = pool[m..m + n].to_vec();
    buyer.sort();
    seller.sort();
    let pb = probabilities(&mut rng, m);
    let ps = probabilities(&mut rng, n);
    Instance {
        buyer,
        seller,
        pb,
        ps,
    }
}

impl Instance {
    pub fn m(&self) -> usize {
        self.buyer.len()
    }

    pub fn n(&self) -> usize {
        self.seller.len()
    }

    pub fn x(&self, i: usize, j: usize) -> usize {
        i * self.n() + j
    }

    pub fn t(&self, i: usize, j: usize) -> usize {
        self.m() * self.n() + i * self.n() + j
    }

    /// Coefficients of `u_b(i reports k) = xb(k) B_i - tb(k)`, scaled by `sign`.
    fn buyer_utility(&self, i: usize, k: usize, sign: i64, out: &mut Vec<(usize, Rat)>) {
        let bi = Rat::int(self.buyer[i] * sign);
        let s = Rat::int(sign);
        for j in 0..self.n() {
            out.push((self.x(k, j), &self.ps[j] * &bi));
            out.push((self.t(k, j), -(&self.ps[j] * &s)));
        }
    }

    /// Coefficients of `u_s(j reports l) = ts(l) - xs(l) S_j`, scaled by `sign`.
    fn seller_utility(&self, j: usize, l: usize, sign: i64, out: &mut Vec<(usize, Rat)>) {
        let sj = Rat::int(self.seller[j] * sign);
        let s = Rat::int(sign);
        for i in 0..self.m() {
            out.push((self.t(i, l), &self.pb[i] * &s));
            out.push((self.x(i, l), -(&self.pb[i] * &sj)));
        }
    }

    /// The second-best LP.
    pub fn lp(&self) -> Problem {
        let (m, n) = (self.m(), self.n());
        let nv = 2 * m * n;
        let mut p = Problem::new(Sense::Maximize, nv);
        for i in 0..m {
            for j in 0..n {
                let gain = Rat::int(self.buyer[i] - self.seller[j]);
                p.objective[self.x(i, j)] = &(&self.pb[i] * &self.ps[j]) * &gain;
                p.lower[self.x(i, j)] = Some(Rat::ZERO);
                p.upper[self.x(i, j)] = Some(Rat::ONE);
            }
        }
        let ge0 = |coeffs| Row::new(coeffs, RowKind::Ge, Rat::ZERO);
        for i in 0..m {
            for k in 0..m {
                if k != i {
                    let mut c = Vec::new();
                    self.buyer_utility(i, i, 1, &mut c);
                    self.buyer_utility(i, k, -1, &mut c);
                    p.rows.push(ge0(c));
                }
            }
            let mut c = Vec::new();
            self.buyer_utility(i, i, 1, &mut c);
            p.rows.push(ge0(c));
        }
        for j in 0..n {
            for l in 0..n {
                if l != j {
                    let mut c = Vec::new();
                    self.seller_utility(j, j, 1, &mut c);
                    self.seller_utility(j, l, -1, &mut c);
                    p.rows.push(ge0(c));
                }
            }
            let mut c = Vec::new();
            self.seller_utility(j, j, 1, &mut c);
            p.rows.push(ge0(c));
        }
        p
    }

    /// First-best welfare `Σ_{B_i > S_j} p_b(i) p_s(j) (B_i - S_j)`.
    pub fn first_best(&self) -> Rat {
        let mut w = Rat::ZERO;
        for i in 0..self.m() {
            for j in 0..self.n() {
                let g = self.buyer[i] - self.seller[j];
                if g > 0 {
                    w += &(&self.pb[i] * &self.ps[j]) * &Rat::int(g);
                }
            }
        }
        w
    }
}
