//! The properties of a `mechanism` quantity, by enumerating every profile: interim IC (every
//! type against every other report) and IR for every buyer and the seller, monotone interim
//! allocations, ex post IC (every profile, every unilateral misreport, every agent), ex post
//! IR, ex post budget balance and efficiency; each with its minimum exact slack.
//!
//! Slacks: IC truthful minus misreport utility; IR the utility; monotone x̄(B_{a+1}) - x̄(B_a)
//! and x̄_s(S_j) - x̄_s(S_{j+1}); BB Σ t_i - t_s (holds iff all are 0); efficient minus the
//! misallocated probability |trade - x* trade| + Σ shares of buyers below the top report.

use num_traits::{Signed, Zero};

use crate::instance::Concrete;
use crate::limits::{ENUMERATION_WORK_FORMULA, MAX_ENUMERATION_WORK, enumeration_work};
use crate::multi::{Mechanism, efficient_shares, for_each_buyer_profile, interim};
use crate::number::Q;
use crate::quote::quote;
use crate::work;

/// Every property key, in the order of `mechcert check`.
pub const KEYS: [&str; 9] = [
    "interim_ic_buyer",
    "interim_ic_seller",
    "interim_ir_buyer",
    "interim_ir_seller",
    "monotone",
    "ex_post_ic",
    "ex_post_ir",
    "ex_post_bb",
    "efficient",
];

/// The result for one property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyResult {
    pub holds: bool,
    /// The minimum slack; `None` when no inequality was checked.
    pub min_slack: Option<Q>,
}

#[derive(Default)]
struct Tally {
    fails: bool,
    min: Option<Q>,
}

impl Tally {
    fn note(&mut self, v: &Q) {
        if self.min.as_ref().is_none_or(|m| v < m) {
            self.min = Some(v.clone());
        }
    }

    fn at_least_zero(&mut self, slack: Q) {
        if slack.is_negative() {
            self.fails = true;
        }
        self.note(&slack);
    }

    fn zero(&mut self, diff: Q) {
        if !diff.is_zero() {
            self.fails = true;
        }
        self.note(&diff);
    }

    fn result(self) -> PropertyResult {
        PropertyResult {
            holds: !self.fails,
            min_slack: self.min,
        }
    }
}

/// Check the requested properties (keys from `KEYS`), in the order given.
pub fn check(
    c: &Concrete,
    mech: &dyn Mechanism,
    keys: &[String],
) -> Result<Vec<(String, PropertyResult)>, String> {
    for k in keys {
        if !KEYS.contains(&k.as_str()) {
            return Err(format!(
                "unknown property {k} (known: {})",
                KEYS.join(", "),
                k = quote(k)
            ));
        }
    }
    let wants = |k: &str| keys.iter().any(|x| x == k);
    let mut t: Vec<Tally> = KEYS.iter().map(|_| Tally::default()).collect();
    let (m, n) = (c.m(), c.n());
    if KEYS[..5].iter().any(|k| wants(k)) {
        let it = interim(c, mech)?;
        for i in 0..c.buyers {
            let (xb, tb) = (&it.xb[i], &it.tb[i]);
            for a in 0..m {
                let truthful = &xb[a] * &c.b[a] - &tb[a];
                for r in (0..m).filter(|&r| r != a) {
                    let lie = &xb[r] * &c.b[a] - &tb[r];
                    t[0].at_least_zero(&truthful - lie);
                }
                t[2].at_least_zero(truthful);
                if a + 1 < m {
                    t[4].at_least_zero(&xb[a + 1] - &xb[a]);
                }
            }
        }
        for j in 0..n {
            let truthful = &it.ts[j] - &it.xs[j] * &c.s[j];
            for l in (0..n).filter(|&l| l != j) {
                let lie = &it.ts[l] - &it.xs[l] * &c.s[j];
                t[1].at_least_zero(&truthful - lie);
            }
            t[3].at_least_zero(truthful);
            if j + 1 < n {
                t[4].at_least_zero(&it.xs[j] - &it.xs[j + 1]);
            }
        }
    }
    if KEYS[5..].iter().any(|k| wants(k)) {
        c.profiles(crate::multi::MAX_PROFILES)?;
        // every profile with every unilateral misreport: refused beyond the enumeration
        // limit, else charged before it runs
        let steps = enumeration_work(m, n, c.buyers)
            .filter(|&w| w <= MAX_ENUMERATION_WORK)
            .ok_or_else(|| {
                work::refuse(format!(
                    "checking ex post properties of {} buyers over {m} x {n} types takes {ENUMERATION_WORK_FORMULA} = {} steps, beyond the limit of {MAX_ENUMERATION_WORK}",
                    c.buyers,
                    enumeration_work(m, n, c.buyers).map_or("more than 2^64".to_string(), |w| w.to_string())
                ))
            })?;
        work::charge(steps, || "the ex post properties".to_string())?;
        let (ic, rest) = t[5..].split_at_mut(1);
        let (ir, rest) = rest.split_at_mut(1);
        let (bb, eff) = rest.split_at_mut(1);
        let (ic, ir, bb, eff) = (&mut ic[0], &mut ir[0], &mut bb[0], &mut eff[0]);
        for_each_buyer_profile(c, |r, _| {
            let mut dev = r.to_vec();
            for s in 0..n {
                let o = mech.outcome(c, r, s);
                for i in 0..r.len() {
                    let a = r[i];
                    let truthful = &c.b[a] * &o.x[i] - &o.t[i];
                    for k in (0..m).filter(|&k| k != a) {
                        dev[i] = k;
                        let d = mech.outcome(c, &dev, s);
                        ic.at_least_zero(&truthful - (&c.b[a] * &d.x[i] - &d.t[i]));
                    }
                    dev[i] = a;
                    ir.at_least_zero(truthful);
                }
                let trade = o.trade();
                let truthful = &o.ts - &c.s[s] * &trade;
                for l in (0..n).filter(|&l| l != s) {
                    let d = mech.outcome(c, r, l);
                    ic.at_least_zero(&truthful - (&d.ts - &c.s[s] * d.trade()));
                }
                ir.at_least_zero(truthful);
                let paid: Q = o.t.iter().sum();
                bb.zero(paid - &o.ts);
                let star = efficient_shares(c, r, s);
                let top = *r.iter().max().expect("a buyer");
                let mut wrong = (&trade - star.iter().sum::<Q>()).abs();
                for (x, &a) in o.x.iter().zip(r) {
                    if a != top {
                        wrong += x.abs();
                    }
                }
                eff.at_least_zero(-wrong);
            }
        });
    }
    let results: Vec<PropertyResult> = t.into_iter().map(Tally::result).collect();
    Ok(keys
        .iter()
        .map(|k| {
            let idx = KEYS.iter().position(|x| x == k).expect("checked above");
            (k.clone(), results[idx].clone())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Tie;
    use crate::multi::{Bb, Outcome, TableMech, VcgPrime};
    use crate::number::{frac, int};
    use crate::single;

    fn inst(b: &[i64], s: &[i64], buyers: usize) -> Concrete {
        Concrete::uniform(b, s)
            .with_buyers(buyers)
            .with_tie(Tie::Uniform)
    }

    fn all() -> Vec<String> {
        KEYS.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn vcg_prime_is_dominant_strategy_ic_and_efficient() {
        let c = inst(&[14, 17, 19], &[6, 16, 18], 2);
        let r = check(&c, &VcgPrime, &all()).unwrap();
        for (k, v) in &r {
            let expect = k != "ex_post_bb";
            assert_eq!(v.holds, expect, "{k}: {v:?}");
        }
        let c = inst(&[2, 5], &[1, 3], 1);
        let r = check(&c, &TableMech(single::vcg_prime(&c)), &all()).unwrap();
        // ex post BB: min of t_b - t_s over profiles is -1 at (B2, S1) (pays 2, gets 3)
        assert_eq!(r[7].1.min_slack, Some(int(-1)));
    }

    /// Two buyers: whenever the efficient allocation trades, the good goes to buyer 1, even
    /// when buyer 2 reports more; nothing is paid.
    struct FirstBuyerWins;

    impl Mechanism for FirstBuyerWins {
        fn outcome(&self, c: &Concrete, r: &[usize], s: usize) -> Outcome {
            let trade: Q = efficient_shares(c, r, s).iter().sum();
            Outcome {
                x: vec![trade, Q::zero()],
                t: vec![Q::zero(), Q::zero()],
                ts: Q::zero(),
            }
        }
    }

    #[test]
    fn the_good_to_a_lower_report_is_not_efficient() {
        // B = (2, 5), S = (1, 3), two buyers. At reports (2, 5) and S1 = 1 trade is efficient
        // and happens (total 1 = the efficient total), but buyer 1, who reported 2 < 5, gets
        // it: the distance from efficiency is |1 - 1| + 1 = 1, the most it can be, so the
        // `efficient` slack is -1.
        let c = inst(&[2, 5], &[1, 3], 2);
        let r = check(&c, &FirstBuyerWins, &["efficient".to_string()]).unwrap();
        assert!(!r[0].1.holds);
        assert_eq!(r[0].1.min_slack, Some(int(-1)));
    }

    #[test]
    fn bb_is_budget_balanced_and_efficient() {
        // B = (1, 4), S = (0, 3), all 1/2: VCG' surplus 1/4 (1 - 2 + 1) = 0
        let c = inst(&[1, 4], &[0, 3], 1);
        let r = check(&c, &Bb::new(&c, &frac(1, 2)).unwrap(), &all()).unwrap();
        assert!(r[7].1.holds && r[8].1.holds);
        assert_eq!(r[8].1.min_slack, Some(int(0)));
    }
}
