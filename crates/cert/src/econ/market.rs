//! Markets with heterogeneous agents (I buyers, J sellers; Section 7.2), recomputed by the
//! checker with its own code: the efficient allocation with the tie rules, the expected budget
//! surplus of VCG (Clarke pivot) and VCG' (threshold rule over each agent's own values), the
//! interim shares, and the LP models `market-max-surplus` and `market-bb-feasible`
//! (FORMAT.md). An instance with one seller and `buyers` identical buyers is the market of
//! `buyers` copies of its buyer and one seller.
//!
//! The allocation, stated per agent: q units trade, q the largest k with b_(k) > s_(k)
//! (>= under `seller_ties = "trade"`), buyers sorted down and sellers up. A buyer with a
//! strictly above the q-th highest buyer value v, and e buyers (itself included) at v, buys
//! with certainty when a + e <= q, never when a >= q, and otherwise r = q - a of the e tied
//! buyers buy: the r lowest-indexed (`lowest-index`), the r highest-indexed (`highest-index`),
//! or each with probability r / e (`uniform`). Sellers alike, from below.

use std::cmp::Ordering;

use num_traits::{One, Zero};

use crate::instance::{Concrete, Tie};
use crate::limits::{MAX_MARKET_PROFILES, op_work};
use crate::lp::{Kind, Lin, Lp};
use crate::number::Q;
use crate::work;

/// One agent's values (strictly increasing) and probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub values: Vec<Q>,
    pub probs: Vec<Q>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Market {
    pub buyers: Vec<Agent>,
    pub sellers: Vec<Agent>,
    pub tie: Tie,
    pub ties_trade: bool,
}

fn q(n: usize) -> Q {
    Q::from_integer((n as i64).into())
}

impl Market {
    /// The market of a concrete instance: `buyers` copies of its buyer, one seller.
    pub fn of_concrete(c: &Concrete) -> Market {
        let buyer = Agent {
            values: c.b.clone(),
            probs: c.pb.clone(),
        };
        Market {
            buyers: vec![buyer; c.buyers],
            sellers: vec![Agent {
                values: c.s.clone(),
                probs: c.ps.clone(),
            }],
            tie: c.tie,
            ties_trade: c.ties_trade,
        }
    }

    fn agents(&self) -> impl Iterator<Item = &Agent> {
        self.buyers.iter().chain(&self.sellers)
    }

    /// The number of profiles, refused above `MAX_MARKET_PROFILES`, with the checker's work
    /// for enumerating them charged (every agent's every own report at every profile).
    pub fn profiles(&self) -> Result<u64, String> {
        let mut p: u64 = 1;
        for a in self.agents() {
            p = p
                .checked_mul(a.values.len() as u64)
                .filter(|&p| p <= MAX_MARKET_PROFILES)
                .ok_or_else(|| {
                    format!("the market has more than {MAX_MARKET_PROFILES} report profiles")
                })?;
        }
        let agents = (self.buyers.len() + self.sellers.len()) as u64;
        let types: u64 = self.agents().map(|a| a.values.len() as u64).sum();
        let bits = self
            .agents()
            .flat_map(|a| a.values.iter().chain(&a.probs))
            .map(|v| v.numer().bits() + v.denom().bits())
            .max()
            .unwrap_or(0);
        let units = p
            .saturating_mul(types)
            .saturating_mul(agents)
            .saturating_mul(agents)
            .saturating_mul(op_work(2 * bits, bits));
        work::charge(units, || {
            format!("a market of {agents} agents and {p} profiles")
        })?;
        Ok(p)
    }

    fn trades(&self, b: &Q, s: &Q) -> bool {
        match b.cmp(s) {
            Ordering::Greater => true,
            Ordering::Equal => self.ties_trade,
            Ordering::Less => false,
        }
    }

    /// The number of units that trade at these values.
    fn units(&self, b: &[Q], s: &[Q]) -> usize {
        let mut down = b.to_vec();
        down.sort_by(|x, y| y.cmp(x));
        let mut up = s.to_vec();
        up.sort();
        down.iter()
            .zip(&up)
            .filter(|(x, y)| self.trades(x, y))
            .count()
    }

    /// Each agent's share given q units, the side's values, and `better(a, b)`: a ranks above b.
    fn shares(&self, v: &[Q], q_units: usize, better: fn(&Q, &Q) -> bool) -> Vec<Q> {
        (0..v.len())
            .map(|k| {
                let above = v.iter().filter(|w| better(w, &v[k])).count();
                let tied: Vec<usize> = (0..v.len()).filter(|&l| v[l] == v[k]).collect();
                if above >= q_units {
                    Q::zero()
                } else if above + tied.len() <= q_units {
                    Q::one()
                } else {
                    let r = q_units - above;
                    let rank = tied
                        .iter()
                        .position(|&l| l == k)
                        .expect("k is tied with itself");
                    match self.tie {
                        Tie::Lowest => {
                            if rank < r {
                                Q::one()
                            } else {
                                Q::zero()
                            }
                        }
                        Tie::Highest => {
                            if tied.len() - 1 - rank < r {
                                Q::one()
                            } else {
                                Q::zero()
                            }
                        }
                        Tie::Uniform => q(r) / q(tied.len()),
                    }
                }
            })
            .collect()
    }

    /// The efficient allocation: (buyers' shares, sellers' shares).
    pub fn allocate(&self, b: &[Q], s: &[Q]) -> (Vec<Q>, Vec<Q>) {
        let u = self.units(b, s);
        (
            self.shares(b, u, |x, y| x > y),
            self.shares(s, u, |x, y| x < y),
        )
    }

    /// The largest gains from trade at these values.
    fn gains(&self, b: &[Q], s: &[Q]) -> Q {
        let mut down = b.to_vec();
        down.sort_by(|x, y| y.cmp(x));
        let mut up = s.to_vec();
        up.sort();
        down.iter()
            .zip(&up)
            .map(|(x, y)| x - y)
            .filter(|g| *g > Q::zero())
            .sum()
    }

    /// Calls `f(buyer reports, seller reports, probability)` at every profile.
    fn each_profile(&self, mut f: impl FnMut(&[usize], &[usize], &Q)) {
        let sizes: Vec<usize> = self.agents().map(|a| a.values.len()).collect();
        let nb = self.buyers.len();
        let mut d = vec![0usize; sizes.len()];
        loop {
            let p: Q = self
                .agents()
                .zip(&d)
                .map(|(a, &k)| a.probs[k].clone())
                .product();
            f(&d[..nb], &d[nb..], &p);
            let mut k = d.len();
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                d[k] += 1;
                if d[k] < sizes[k] {
                    break;
                }
                d[k] = 0;
            }
        }
    }

    fn values(&self, rb: &[usize], rs: &[usize]) -> (Vec<Q>, Vec<Q>) {
        (
            self.buyers
                .iter()
                .zip(rb)
                .map(|(a, &k)| a.values[k].clone())
                .collect(),
            self.sellers
                .iter()
                .zip(rs)
                .map(|(a, &k)| a.values[k].clone())
                .collect(),
        )
    }

    /// Σ payments - Σ receipts at a profile, for VCG' (`prime`) or VCG.
    fn budget(&self, rb: &[usize], rs: &[usize], prime: bool) -> Q {
        let (b, s) = self.values(rb, rs);
        let (x, y) = self.allocate(&b, &s);
        if !prime {
            // Clarke: Σ_i t_i - Σ_j r_j with t_i = x_i b_i - (W - W_-i), r_j = y_j s_j + (W - W_-j)
            let w = self.gains(&b, &s);
            let mut total = Q::zero();
            for i in 0..b.len() {
                let mut without = b.clone();
                without.remove(i);
                total += &x[i] * &b[i] - (&w - self.gains(&without, &s));
            }
            for j in 0..s.len() {
                let mut without = s.clone();
                without.remove(j);
                total -= &y[j] * &s[j] + (&w - self.gains(&b, &without));
            }
            return total;
        }
        let mut total = Q::zero();
        for (i, a) in self.buyers.iter().enumerate() {
            // Σ_{k <= own} [x_i(k) - x_i(k-1)] B^i_k
            let mut bb = b.clone();
            let mut prev = Q::zero();
            for k in 0..=rb[i] {
                bb[i] = a.values[k].clone();
                let xi = self.allocate(&bb, &s).0.swap_remove(i);
                total += (&xi - &prev) * &a.values[k];
                prev = xi;
            }
        }
        for (j, a) in self.sellers.iter().enumerate() {
            // Σ_{h >= own} [y_j(h) - y_j(h+1)] S^j_h
            let mut ss = s.clone();
            let mut prev = Q::zero();
            for h in (rs[j]..a.values.len()).rev() {
                ss[j] = a.values[h].clone();
                let yj = self.allocate(&b, &ss).1.swap_remove(j);
                total -= (&yj - &prev) * &a.values[h];
                prev = yj;
            }
        }
        total
    }

    /// The expected budget surplus of VCG' (`prime`) or VCG.
    pub fn surplus(&self, prime: bool) -> Result<Q, String> {
        self.profiles()?;
        let mut total = Q::zero();
        self.each_profile(|rb, rs, p| total += p * self.budget(rb, rs, prime));
        Ok(total)
    }

    /// The interim shares of the efficient allocation per agent and own report.
    fn interim_shares(&self) -> (Vec<Vec<Q>>, Vec<Vec<Q>>) {
        let zero = |a: &Agent| vec![Q::zero(); a.values.len()];
        let mut xb: Vec<Vec<Q>> = self.buyers.iter().map(zero).collect();
        let mut ys: Vec<Vec<Q>> = self.sellers.iter().map(zero).collect();
        self.each_profile(|rb, rs, p| {
            let (b, s) = self.values(rb, rs);
            let (x, y) = self.allocate(&b, &s);
            for (i, &k) in rb.iter().enumerate() {
                xb[i][k] += p * &x[i];
            }
            for (j, &h) in rs.iter().enumerate() {
                ys[j][h] += p * &y[j];
            }
        });
        for (tab, a) in xb
            .iter_mut()
            .zip(&self.buyers)
            .chain(ys.iter_mut().zip(&self.sellers))
        {
            for (v, p) in tab.iter_mut().zip(&a.probs) {
                *v = &*v / p;
            }
        }
        (xb, ys)
    }

    /// The LP `market-max-surplus` or `market-bb-feasible` (FORMAT.md).
    pub fn lp(&self, model: &str) -> Result<Lp, String> {
        self.profiles()?;
        let mut lp = Lp::default();
        let (tb, ts): (Vec<Vec<Lin>>, Vec<Vec<Lin>>) = if model == "market-max-surplus" {
            let mut obj = Lin::default();
            let mut interim = |lp: &mut Lp, side: &str, who: &[Agent], sign: Q| {
                who.iter()
                    .enumerate()
                    .map(|(i, a)| {
                        (0..a.values.len())
                            .map(|k| {
                                let v = Lin::var(lp.add_var(
                                    format!("{side}({},{})", i + 1, k + 1),
                                    None,
                                    None,
                                ));
                                obj.add_scaled(&v, &(&a.probs[k] * &sign));
                                v
                            })
                            .collect()
                    })
                    .collect()
            };
            let tb = interim(&mut lp, "tb", &self.buyers, Q::one());
            let ts = interim(&mut lp, "ts", &self.sellers, -Q::one());
            lp.objective = Some(obj);
            (tb, ts)
        } else {
            let mut tb: Vec<Vec<Lin>> = self
                .buyers
                .iter()
                .map(|a| vec![Lin::default(); a.values.len()])
                .collect();
            let mut ts: Vec<Vec<Lin>> = self
                .sellers
                .iter()
                .map(|a| vec![Lin::default(); a.values.len()])
                .collect();
            let mut rows = vec![];
            self.each_profile(|rb, rs, p| {
                let label = |r: &[usize]| {
                    r.iter()
                        .map(|k| (k + 1).to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                let at = format!("{};{}", label(rb), label(rs));
                let mut bb = Lin::default();
                for (i, &k) in rb.iter().enumerate() {
                    let v = Lin::var(lp.add_var(format!("tb({}|{at})", i + 1), None, None));
                    tb[i][k].add_scaled(&v, &(p / &self.buyers[i].probs[k]));
                    bb.add_scaled(&v, &Q::one());
                }
                for (j, &h) in rs.iter().enumerate() {
                    let v = Lin::var(lp.add_var(format!("ts({}|{at})", j + 1), None, None));
                    ts[j][h].add_scaled(&v, &(p / &self.sellers[j].probs[h]));
                    bb.add_scaled(&v, &-Q::one());
                }
                rows.push((format!("bb({at})"), bb));
            });
            for (name, e) in rows {
                lp.add_row(name, Kind::Eq, e);
            }
            let tb = tb
                .into_iter()
                .map(|r| r.into_iter().map(|l| lp.aggregate(l)).collect())
                .collect();
            let ts = ts
                .into_iter()
                .map(|r| r.into_iter().map(|l| lp.aggregate(l)).collect())
                .collect();
            (tb, ts)
        };
        self.incentive_rows(&mut lp, &tb, &ts);
        Ok(lp)
    }

    fn incentive_rows(&self, lp: &mut Lp, tb: &[Vec<Lin>], ts: &[Vec<Lin>]) {
        let (xb, ys) = self.interim_shares();
        let one = Q::one();
        let neg = -Q::one();
        for (i, a) in self.buyers.iter().enumerate() {
            for (k, v) in a.values.iter().enumerate() {
                for c in (0..a.values.len()).filter(|&c| c != k) {
                    // -x̄(k) v + tb(k) + x̄(c) v - tb(c) <= 0
                    let e = Lin::constant(v * (&xb[i][c] - &xb[i][k]))
                        .plus(&tb[i][k], &one)
                        .plus(&tb[i][c], &neg);
                    lp.add_row(format!("ic_b({},{},{})", i + 1, k + 1, c + 1), Kind::Le, e);
                }
            }
            for (k, v) in a.values.iter().enumerate() {
                let e = Lin::constant(-(v * &xb[i][k])).plus(&tb[i][k], &one);
                lp.add_row(format!("ir_b({},{})", i + 1, k + 1), Kind::Le, e);
            }
        }
        for (j, a) in self.sellers.iter().enumerate() {
            for (h, v) in a.values.iter().enumerate() {
                for l in (0..a.values.len()).filter(|&l| l != h) {
                    // -ts(h) + ȳ(h) v + ts(l) - ȳ(l) v <= 0
                    let e = Lin::constant(v * (&ys[j][h] - &ys[j][l]))
                        .plus(&ts[j][h], &neg)
                        .plus(&ts[j][l], &one);
                    lp.add_row(format!("ic_s({},{},{})", j + 1, h + 1, l + 1), Kind::Le, e);
                }
            }
            for (h, v) in a.values.iter().enumerate() {
                let e = Lin::constant(v * &ys[j][h]).plus(&ts[j][h], &neg);
                lp.add_row(format!("ir_s({},{})", j + 1, h + 1), Kind::Le, e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::int;

    /// `buyers` buyers and `sellers` sellers, each with the one value 0 (only `allocate` and
    /// `gains`, which take the values at a profile, are used).
    fn market(buyers: usize, sellers: usize, tie: Tie) -> Market {
        let agent = Agent {
            values: vec![int(0)],
            probs: vec![int(1)],
        };
        Market {
            buyers: vec![agent.clone(); buyers],
            sellers: vec![agent; sellers],
            tie,
            ties_trade: false,
        }
    }

    #[test]
    fn one_unit_between_tied_buyers_under_each_rule() {
        // buyers at 5, 5, 2 and one seller at 0: one unit trades (5 > 0; the second pair is
        // 5 against nothing); the two tied at 5 share it by the rule, the buyer at 2 gets none
        let (b, s) = ([int(5), int(5), int(2)], [int(0)]);
        let half = Q::new(1.into(), 2.into());
        for (tie, want) in [
            (Tie::Lowest, vec![int(1), int(0), int(0)]),
            (Tie::Highest, vec![int(0), int(1), int(0)]),
            (Tie::Uniform, vec![half.clone(), half, int(0)]),
        ] {
            let (xb, xs) = market(3, 1, tie).allocate(&b, &s);
            assert_eq!(xb, want, "{tie:?}");
            assert_eq!(xs, vec![int(1)], "{tie:?}");
        }
    }

    #[test]
    fn tied_buyers_below_a_winner_share_what_is_left() {
        // buyers at 9, 5, 5 and two sellers at 0: two units trade (9 > 0, 5 > 0); the buyer at
        // 9 buys, and the one unit left goes to the two tied at 5 by the rule
        let (b, s) = ([int(9), int(5), int(5)], [int(0), int(0)]);
        let half = Q::new(1.into(), 2.into());
        for (tie, want) in [
            (Tie::Lowest, vec![int(1), int(1), int(0)]),
            (Tie::Highest, vec![int(1), int(0), int(1)]),
            (Tie::Uniform, vec![int(1), half.clone(), half]),
        ] {
            let (xb, xs) = market(3, 2, tie).allocate(&b, &s);
            assert_eq!(xb, want, "{tie:?}");
            assert_eq!(xs, vec![int(1), int(1)], "{tie:?}");
        }
    }

    #[test]
    fn the_gains_from_trade_count_only_profitable_pairs() {
        // buyers 5, 2 down, sellers 1, 3 up: 5 - 1 = 4 trades, 2 - 3 = -1 does not
        let m = market(2, 2, Tie::Lowest);
        assert_eq!(m.gains(&[int(2), int(5)], &[int(3), int(1)]), int(4));
    }
}
