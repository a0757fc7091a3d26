//! Mechanisms given profile by profile, for any number I of identical buyers: a
//! single-buyer table, VCG' by the threshold rule (Section 5), VCG by the Clarke pivot, and
//! the Section 5 budget-balanced mechanism on VCG'. The efficient allocation gives the good
//! to a highest report when it trades with the seller's report, ties among buyers by the
//! instance's rule. Also: enumeration of every profile, interim tables and expected surplus.

use num_traits::{One, Zero};

use crate::instance::{Concrete, Tie};
use crate::number::Q;
use crate::single::{self, Tables};
use crate::work;

/// The most report profiles the checker enumerates.
pub const MAX_PROFILES: u64 = 10_000_000;

/// The outcome at one profile: each buyer's probability of getting the good and payment, and
/// the seller's receipt.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub x: Vec<Q>,
    pub t: Vec<Q>,
    pub ts: Q,
}

impl Outcome {
    /// The probability of trade.
    pub fn trade(&self) -> Q {
        self.x.iter().sum()
    }
}

/// A direct mechanism: the outcome at buyer reports `r` (type indices) and seller report `s`.
pub trait Mechanism {
    fn outcome(&self, c: &Concrete, r: &[usize], s: usize) -> Outcome;
}

/// The efficient shares: the good goes to a highest report if it trades with S_s.
pub fn efficient_shares(c: &Concrete, r: &[usize], s: usize) -> Vec<Q> {
    let mut x = vec![Q::zero(); r.len()];
    let top = *r.iter().max().expect("at least one buyer");
    if !c.trades(top, s) {
        return x;
    }
    let tied: Vec<usize> = (0..r.len()).filter(|&i| r[i] == top).collect();
    match c.tie {
        Tie::Lowest => x[tied[0]] = Q::one(),
        Tie::Highest => x[*tied.last().expect("top is attained")] = Q::one(),
        Tie::Uniform => {
            let share = Q::new(1.into(), tied.len().into());
            for i in tied {
                x[i] = share.clone();
            }
        }
    }
    x
}

/// Buyer i's share if it reported k and the others kept `r`.
fn share_if(c: &Concrete, r: &[usize], s: usize, i: usize, k: usize) -> Q {
    let mut dev = r.to_vec();
    dev[i] = k;
    efficient_shares(c, &dev, s)[i].clone()
}

/// A single-buyer mechanism given by its tables.
pub struct TableMech(pub Tables);

impl Mechanism for TableMech {
    fn outcome(&self, _c: &Concrete, r: &[usize], s: usize) -> Outcome {
        let i = r[0];
        Outcome {
            x: vec![self.0.x[i][s].clone()],
            t: vec![self.0.tb[i][s].clone()],
            ts: self.0.ts[i][s].clone(),
        }
    }
}

/// VCG' by the threshold rule: buyer i pays Σ_{k <= b_i} [x_i(B_k) - x_i(B_{k-1})] B_k with
/// the others' reports fixed; the seller receives Σ_{h >= s} [X(S_h) - X(S_{h+1})] S_h where
/// X is the probability of trade with the buyers' reports fixed.
pub struct VcgPrime;

impl Mechanism for VcgPrime {
    fn outcome(&self, c: &Concrete, r: &[usize], s: usize) -> Outcome {
        let x = efficient_shares(c, r, s);
        let t = (0..r.len())
            .map(|i| {
                let mut pay = Q::zero();
                let mut prev = Q::zero();
                for k in 0..=r[i] {
                    let now = share_if(c, r, s, i, k);
                    pay += (&now - &prev) * &c.b[k];
                    prev = now;
                }
                pay
            })
            .collect();
        let top = *r.iter().max().expect("a buyer");
        let trade_at = |h: usize| {
            if h < c.n() && c.trades(top, h) {
                Q::one()
            } else {
                Q::zero()
            }
        };
        let mut ts = Q::zero();
        for h in s..c.n() {
            ts += (trade_at(h) - trade_at(h + 1)) * &c.s[h];
        }
        Outcome { x, t, ts }
    }
}

/// VCG by the Clarke pivot: buyer i pays x_i max(Y^i, S) (Y^i the highest other report;
/// x_i S with one buyer), the seller receives the probability of trade times the highest
/// buyer report.
pub struct Vcg;

impl Mechanism for Vcg {
    fn outcome(&self, c: &Concrete, r: &[usize], s: usize) -> Outcome {
        let x = efficient_shares(c, r, s);
        let t = (0..r.len())
            .map(|i| {
                let others = (0..r.len()).filter(|&j| j != i).map(|j| &c.b[r[j]]).max();
                let price = match others {
                    Some(y) if y > &c.s[s] => y.clone(),
                    _ => c.s[s].clone(),
                };
                &x[i] * price
            })
            .collect();
        let top = *r.iter().max().expect("a buyer");
        let trade: Q = x.iter().sum();
        Outcome {
            ts: trade * &c.b[top],
            x,
            t,
        }
    }
}

/// Interim tables of a mechanism: per buyer, x̄_i(B_a) and t̄_i(B_a); for the seller x̄_s(S_j)
/// and t̄_s(S_j); and the expected surplus E[Σ t_i - t_s].
#[derive(Clone, Debug, PartialEq)]
pub struct Interim {
    pub xb: Vec<Vec<Q>>,
    pub tb: Vec<Vec<Q>>,
    pub xs: Vec<Q>,
    pub ts: Vec<Q>,
    pub surplus: Q,
}

/// Call `f(reports, probability of the buyers' reports)` for every buyer profile.
pub fn for_each_buyer_profile(c: &Concrete, mut f: impl FnMut(&[usize], &Q)) {
    let (m, buyers) = (c.m(), c.buyers);
    let mut r = vec![0usize; buyers];
    loop {
        let p: Q = r.iter().map(|&a| c.pb[a].clone()).product();
        f(&r, &p);
        let mut i = 0;
        loop {
            if i == buyers {
                return;
            }
            r[i] += 1;
            if r[i] < m {
                break;
            }
            r[i] = 0;
            i += 1;
        }
    }
}

/// Interim tables by enumerating every profile (refused above `MAX_PROFILES`); the work,
/// about I^2 m steps per profile, is charged before it runs.
pub fn interim(c: &Concrete, mech: &dyn Mechanism) -> Result<Interim, String> {
    let profiles = c.profiles(MAX_PROFILES)?;
    work::charge(
        crate::limits::enumeration_interim_work(profiles, c.buyers, c.m()),
        || {
            format!(
                "enumerating {profiles} report profiles of {} buyers",
                c.buyers
            )
        },
    )?;
    let (m, n, buyers) = (c.m(), c.n(), c.buyers);
    let mut xb = vec![vec![Q::zero(); m]; buyers];
    let mut tb = vec![vec![Q::zero(); m]; buyers];
    let mut xs = vec![Q::zero(); n];
    let mut ts = vec![Q::zero(); n];
    let mut surplus = Q::zero();
    for_each_buyer_profile(c, |r, pr| {
        for s in 0..n {
            let p = pr * &c.ps[s];
            let o = mech.outcome(c, r, s);
            for i in 0..buyers {
                xb[i][r[i]] += &p * &o.x[i];
                tb[i][r[i]] += &p * &o.t[i];
            }
            xs[s] += &p * o.trade();
            ts[s] += &p * &o.ts;
            let paid: Q = o.t.iter().sum();
            surplus += &p * (paid - &o.ts);
        }
    });
    for i in 0..buyers {
        for a in 0..m {
            xb[i][a] /= &c.pb[a];
            tb[i][a] /= &c.pb[a];
        }
    }
    for s in 0..n {
        xs[s] /= &c.ps[s];
        ts[s] /= &c.ps[s];
    }
    Ok(Interim {
        xb,
        tb,
        xs,
        ts,
        surplus,
    })
}

/// VCG' for the instance's number of buyers: Definition 2 with one buyer, the threshold rule
/// with more.
pub fn vcg_prime(c: &Concrete) -> Box<dyn Mechanism> {
    if c.buyers == 1 {
        Box::new(TableMech(single::vcg_prime(c)))
    } else {
        Box::new(VcgPrime)
    }
}

/// VCG for the instance's number of buyers: Definition 1 with one buyer, Clarke with more.
pub fn vcg(c: &Concrete) -> Box<dyn Mechanism> {
    if c.buyers == 1 {
        Box::new(TableMech(single::vcg(c)))
    } else {
        Box::new(Vcg)
    }
}

/// Section 5's budget-balanced mechanism on VCG': t_i = t̄_i(B^i) + (1/I)[t̄_s(S) - E t̄_s]
/// - α_i Π and t_s = t̄_s(S) - E t̄_s + Σ_i t̄_i(B^i) - (Σ α_i) Π, α_i = (1 - alpha)/I.
pub struct Bb {
    base: Box<dyn Mechanism>,
    tb: Vec<Vec<Q>>,
    ts: Vec<Q>,
    ts_mean: Q,
    pi: Q,
    alpha_i: Q,
}

impl Bb {
    /// `alpha` is the seller's share of Π, in [0, 1].
    pub fn new(c: &Concrete, alpha: &Q) -> Result<Bb, String> {
        if alpha < &Q::zero() || alpha > &Q::one() {
            return Err(format!("alpha = {alpha} is not in [0, 1]"));
        }
        let base = vcg_prime(c);
        let it = interim(c, base.as_ref())?;
        let ts_mean = it.ts.iter().zip(&c.ps).map(|(t, p)| t * p).sum();
        Ok(Bb {
            base,
            tb: it.tb,
            ts: it.ts,
            ts_mean,
            pi: it.surplus,
            alpha_i: (Q::one() - alpha) / Q::from_integer(c.buyers.into()),
        })
    }
}

impl Mechanism for Bb {
    fn outcome(&self, c: &Concrete, r: &[usize], s: usize) -> Outcome {
        let mut o = self.base.outcome(c, r, s);
        let buyers = Q::from_integer(r.len().into());
        let dev = &self.ts[s] - &self.ts_mean;
        let share = &self.alpha_i * &self.pi;
        let mut sum_tb = Q::zero();
        for (i, &a) in r.iter().enumerate() {
            sum_tb += &self.tb[i][a];
            o.t[i] = &self.tb[i][a] + &dev / &buyers - &share;
        }
        o.ts = dev + sum_tb - share * buyers;
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::frac;

    fn inst(b: &[i64], s: &[i64], buyers: usize, tie: Tie, ties_trade: bool) -> Concrete {
        Concrete::uniform(b, s)
            .with_buyers(buyers)
            .with_tie(tie)
            .with_ties_trade(ties_trade)
    }

    #[test]
    fn threshold_rule_with_one_buyer_is_definition_2() {
        for ties_trade in [false, true] {
            let c = inst(&[1, 3, 4, 7], &[0, 3, 5, 7], 1, Tie::Lowest, ties_trade);
            let t = TableMech(single::vcg_prime(&c));
            let u = TableMech(single::vcg(&c));
            for a in 0..4 {
                for s in 0..4 {
                    assert_eq!(t.outcome(&c, &[a], s), VcgPrime.outcome(&c, &[a], s));
                    assert_eq!(u.outcome(&c, &[a], s), Vcg.outcome(&c, &[a], s));
                }
            }
        }
    }

    #[test]
    fn example_2_two_buyers() {
        // Section 5, Example 2 at k = 2: Π_2 = (1/3)(1/3) + 8/27 + 4/27 + (4/27)(1 - 2) = 11/27,
        // whatever the tie rule
        for tie in [Tie::Lowest, Tie::Highest, Tie::Uniform] {
            let c = inst(&[14, 17, 19], &[6, 16, 18], 2, tie, false);
            let it = interim(&c, &VcgPrime).unwrap();
            assert_eq!(it.surplus, frac(11, 27), "{tie:?}");
        }
        // at k = 3: 1/9 + 12/27 - 8/27 = 7/27
        let c = inst(&[21, 25, 28], &[9, 24, 27], 2, Tie::Uniform, false);
        assert_eq!(interim(&c, &VcgPrime).unwrap().surplus, frac(7, 27));
    }

    #[test]
    fn bb_is_budget_balanced() {
        let c = inst(&[14, 17, 19], &[6, 16, 18], 2, Tie::Uniform, false);
        let bb = Bb::new(&c, &frac(1, 2)).unwrap();
        for_each_buyer_profile(&c, |r, _| {
            for s in 0..3 {
                let o = bb.outcome(&c, r, s);
                assert_eq!(o.t.iter().sum::<Q>(), o.ts);
            }
        });
    }
}
