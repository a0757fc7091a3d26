//! Π_I of VCG' and of VCG for many buyers, by enumerating the multisets of buyer types with
//! multinomial weights instead of the m^I ordered profiles. Both mechanisms treat buyers
//! symmetrically under the uniform tie rule, so every ordering of a multiset has the same
//! surplus there; and the surplus summed over the orderings of a multiset is the same for
//! every tie rule (the payments of the winners add up to the same amount whoever wins), so
//! the uniform rule gives Π for every rule. Independent of mechcert's order-statistics
//! compression: the surplus at a multiset is derived here from the threshold rule (VCG') and
//! the Clarke pivot (VCG).
//!
//! All arithmetic is on integers over one common denominator: with pB_a = u_a / D_B,
//! pS_s = w_s / D_S and every value a multiple of 1/V,
//! Π = Σ_{multisets c} W(c) Σ_s w_s V surplus(c, s) / (D_B^I D_S V), where
//! W(c) = I! / Π_a c_a! · Π_a u_a^{c_a}.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

use crate::instance::Concrete;
use crate::limits::{self, MAX_MULTISETS};
use crate::number::Q;
use crate::work;

/// The mechanism whose surplus is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    VcgPrime,
    Vcg,
}

/// The multiset at a leaf: the highest type present and its count, and the next lower type
/// present with its count.
struct Top {
    top: usize,
    c_top: usize,
    second: Option<(usize, usize)>,
}

/// The number of multisets of I buyer types out of m, C(I + m - 1, m - 1), times the n
/// seller types, refused beyond `MAX_MULTISETS`.
pub fn count(c: &Concrete) -> Result<u64, String> {
    limits::multisets(c.m(), c.n(), c.buyers).ok_or_else(|| {
        work::refuse(format!(
            "the multisets of {} buyers over {} types times {} seller types exceed the limit of {MAX_MULTISETS}",
            c.buyers,
            c.m(),
            c.n()
        ))
    })
}

fn lcm_of_denominators<'a>(qs: impl Iterator<Item = &'a Q>) -> BigInt {
    qs.fold(BigInt::one(), |l, q| l.lcm(q.denom()))
}

fn scaled(q: &Q, by: &BigInt) -> BigInt {
    let r = q * Q::from_integer(by.clone());
    debug_assert!(r.is_integer());
    r.to_integer()
}

/// Precomputed integers of the instance.
struct Ints {
    /// u_a = pB_a D_B.
    u: Vec<BigInt>,
    /// w_s = pS_s D_S.
    w: Vec<BigInt>,
    /// V B_a and V S_s.
    b: Vec<BigInt>,
    s: Vec<BigInt>,
}

/// Σ_s w_s V surplus(leaf, s) split as (integer part, part to divide by c_o + 1).
fn leaf_value(c: &Concrete, z: &Ints, which: Which, t: &Top) -> (BigInt, BigInt) {
    let mut whole = BigInt::zero();
    let mut frac = BigInt::zero();
    for s in 0..c.n() {
        if !c.trades(t.top, s) {
            continue;
        }
        let w = &z.w[s];
        match which {
            Which::VcgPrime => {
                // seller: the largest S_h that trades with the top report
                let h = (0..c.n())
                    .rev()
                    .find(|&h| c.trades(t.top, h))
                    .expect("S_s trades");
                whole -= w * &z.s[h];
                // buyers: only reports at the top pay
                if t.c_top >= 2 {
                    // each of the c_top tied buyers pays B_top / c_top
                    whole += w * &z.b[t.top];
                } else {
                    match t.second {
                        Some((o, _)) if c.trades(o, s) => {
                            // threshold: share 1/(c_o + 1) at B_o, 1 from B_{o+1} on:
                            // B_o/(c_o+1) + B_{o+1} c_o/(c_o+1)
                            //   = B_{o+1} - (B_{o+1} - B_o)/(c_o + 1)
                            whole += w * &z.b[o + 1];
                            frac -= w * (&z.b[o + 1] - &z.b[o]);
                        }
                        second => {
                            // the lowest report above the others' that trades with S_s
                            let from = second.map_or(0, |(o, _)| o + 1);
                            let k = (from..=t.top)
                                .find(|&k| c.trades(k, s))
                                .expect("the top report trades");
                            whole += w * &z.b[k];
                        }
                    }
                }
            }
            Which::Vcg => {
                // the seller receives the top report; the winners pay max(Y, S_s) in total,
                // Y the highest report of the others (the top itself when it is tied)
                whole -= w * &z.b[t.top];
                let y = if t.c_top >= 2 {
                    Some(&z.b[t.top])
                } else {
                    t.second.map(|(o, _)| &z.b[o])
                };
                let price = match y {
                    Some(y) if y > &z.s[s] => y,
                    _ => &z.s[s],
                };
                whole += w * price;
            }
        }
    }
    (whole, frac)
}

/// Π_I by the multiset enumeration (the instance's tie rule is irrelevant). Its work is
/// charged before it runs: every multiset multiplies a weight of about I log2(D_B) bits.
pub fn surplus(c: &Concrete, which: Which) -> Result<Q, String> {
    let multisets = count(c)?;
    let buyers = u32::try_from(c.buyers).map_err(|_| "too many buyers".to_string())?;
    let db = lcm_of_denominators(c.pb.iter());
    let ds = lcm_of_denominators(c.ps.iter());
    let v = lcm_of_denominators(c.b.iter().chain(&c.s));
    let weight_bits = u64::from(buyers).saturating_mul(db.bits());
    let values_bits = ds.bits()
        + v.bits()
        + c.b
            .iter()
            .chain(&c.s)
            .map(|x| x.numer().bits())
            .max()
            .unwrap_or(0);
    work::charge(
        limits::multiset_work(multisets, c.m(), weight_bits, values_bits),
        || {
            format!(
                "Π for {} buyers by enumerating {multisets} multisets of types times sellers",
                c.buyers
            )
        },
    )?;
    let z = Ints {
        u: c.pb.iter().map(|p| scaled(p, &db)).collect(),
        w: c.ps.iter().map(|p| scaled(p, &ds)).collect(),
        b: c.b.iter().map(|x| scaled(x, &v)).collect(),
        s: c.s.iter().map(|x| scaled(x, &v)).collect(),
    };
    // u_last^r for r = 0..=I when the table is small (at most 2^27 bits): many leaves share
    // the same power when there are three or more types
    let last = &z.u[c.m() - 1];
    let table_bits = last
        .bits()
        .saturating_mul(u64::from(buyers))
        .saturating_mul(u64::from(buyers));
    let powers = (c.m() >= 3 && table_bits <= 1 << 27).then(|| {
        let mut p = vec![BigInt::one()];
        for r in 0..c.buyers {
            let next = &p[r] * last;
            p.push(next);
        }
        p
    });
    let mut w = Walker {
        c,
        z: &z,
        which,
        counts: vec![0; c.m()],
        acc: BigInt::zero(),
        values: HashMap::new(),
        powers,
    };
    w.walk(0, c.buyers, &BigInt::one())?;
    let den = Q::from_integer(num_traits::Pow::pow(&db, buyers)) * Q::from_integer(ds * v);
    Ok(Q::from_integer(w.acc) / den)
}

/// The state of the enumeration.
struct Walker<'a> {
    c: &'a Concrete,
    z: &'a Ints,
    which: Which,
    counts: Vec<usize>,
    /// Σ W(c) · (Σ_s w_s V surplus(c, s)).
    acc: BigInt,
    /// `leaf_value` by (top, top tied, second type): it does not depend on the counts
    /// otherwise.
    values: HashMap<(usize, bool, Option<usize>), (BigInt, BigInt)>,
    /// u_{m-1}^r, r = 0..=I, if precomputed.
    powers: Option<Vec<BigInt>>,
}

impl Walker<'_> {
    /// Choose c_a for types a, a + 1, ... with `left` buyers still to place; `weight` is the
    /// multinomial weight of the choices so far: Π_{b<a} C(left_b, c_b) u_b^{c_b}.
    fn walk(&mut self, a: usize, left: usize, weight: &BigInt) -> Result<(), String> {
        if a + 1 == self.c.m() {
            self.counts[a] = left;
            let w = match &self.powers {
                Some(p) => weight * &p[left],
                None => {
                    weight * num_traits::Pow::pow(&self.z.u[a], u32::try_from(left).expect("few"))
                }
            };
            self.leaf(&w)?;
            self.counts[a] = 0;
            return Ok(());
        }
        // t = C(left, k) u_a^k
        let mut t = BigInt::one();
        for k in 0..=left {
            self.counts[a] = k;
            self.walk(a + 1, left - k, &(weight * &t))?;
            t = t * BigInt::from(left - k) * &self.z.u[a] / BigInt::from(k + 1);
        }
        self.counts[a] = 0;
        Ok(())
    }

    fn leaf(&mut self, w: &BigInt) -> Result<(), String> {
        let counts = &self.counts;
        let mut present = (0..counts.len()).rev().filter(|&a| counts[a] > 0);
        let top = present.next().expect("at least one buyer");
        let second = present.next().map(|o| (o, counts[o]));
        let t = Top {
            top,
            c_top: counts[top],
            second,
        };
        let key = (top, t.c_top >= 2, second.map(|(o, _)| o));
        let (c, z, which) = (self.c, self.z, self.which);
        let (whole, frac) = self
            .values
            .entry(key)
            .or_insert_with(|| leaf_value(c, z, which, &t));
        self.acc += w * &*whole;
        if !frac.is_zero() {
            // W / (c_o + 1) is the multinomial coefficient of (c_o + 1, the lower counts)
            // for I buyers (c_top = 1), times the powers: an integer
            let (_, c_o) = second.expect("a fractional part needs a second type");
            let (q, r) = w.div_rem(&BigInt::from(c_o + 1));
            if !r.is_zero() {
                return Err("internal: a multinomial weight is not divisible".into());
            }
            self.acc += q * &*frac;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Tie;
    use crate::multi::{Vcg, VcgPrime, interim};
    use crate::number::{frac, int};

    fn inst(b: &[Q], pb: &[Q], s: &[Q], ps: &[Q], buyers: usize, ties_trade: bool) -> Concrete {
        Concrete::of(b, pb, s, ps)
            .with_buyers(buyers)
            .with_tie(Tie::Uniform)
            .with_ties_trade(ties_trade)
    }

    /// Example 1: B = (1, 4), S = (0, 3), every probability 1/2.
    fn example_1(buyers: usize) -> Concrete {
        let h = vec![frac(1, 2), frac(1, 2)];
        inst(&[int(1), int(4)], &h, &[int(0), int(3)], &h, buyers, false)
    }

    /// xorshift64: deterministic pseudo-random integers for the instances below.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, k: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % k
        }

        fn size(&mut self, lo: usize, hi: usize) -> usize {
            lo + usize::try_from(self.below(u64::try_from(hi - lo + 1).unwrap())).unwrap()
        }

        /// `len` strictly increasing values in thirds, from a small range (so buyer and
        /// seller values often coincide).
        fn values(&mut self, len: usize) -> Vec<Q> {
            let mut v = vec![];
            let mut at = i64::try_from(self.below(4)).unwrap();
            for _ in 0..len {
                v.push(frac(at, 3));
                at += 1 + i64::try_from(self.below(4)).unwrap();
            }
            v
        }

        fn probs(&mut self, len: usize) -> Vec<Q> {
            let w: Vec<i64> = (0..len)
                .map(|_| 1 + i64::try_from(self.below(5)).unwrap())
                .collect();
            let total: i64 = w.iter().sum();
            w.iter().map(|&x| frac(x, total)).collect()
        }
    }

    #[test]
    fn example_1_hand_values() {
        // Π_I = p_L Π_{I-1} + p_H (B_H - S_H) with Π_1 = 0: Π_I = 1 - (1/2)^(I-1)
        for buyers in 1..=12usize {
            let c = example_1(buyers);
            let want = int(1)
                - Q::new(
                    1.into(),
                    BigInt::from(2).pow(u32::try_from(buyers - 1).unwrap()),
                );
            assert_eq!(surplus(&c, Which::VcgPrime).unwrap(), want, "I = {buyers}");
            assert_eq!(
                interim(&c, &VcgPrime).unwrap().surplus,
                want,
                "I = {buyers}"
            );
        }
        let c = example_1(40);
        assert_eq!(
            surplus(&c, Which::VcgPrime).unwrap(),
            frac(549_755_813_887, 549_755_813_888)
        );
        // VCG: only a single high buyer loses money: -3 against S_L, -1 against S_H, so
        // Π_I = -2 I (1/2)^I = -I / 2^(I-1) for I >= 2 (Π_1 = -3/2); I = 40: -5/2^36
        assert_eq!(surplus(&example_1(1), Which::Vcg).unwrap(), frac(-3, 2));
        assert_eq!(surplus(&example_1(2), Which::Vcg).unwrap(), int(-1));
        assert_eq!(surplus(&example_1(3), Which::Vcg).unwrap(), frac(-3, 4));
        assert_eq!(
            surplus(&example_1(40), Which::Vcg).unwrap(),
            frac(-5, 68_719_476_736)
        );
    }

    #[test]
    fn agrees_with_profile_enumeration_for_every_tie_rule() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut fractional = 0;
        for round in 0..150 {
            let (m, n) = (rng.size(1, 3), rng.size(1, 3));
            let buyers = rng.size(1, 4);
            let (b, s) = (rng.values(m), rng.values(n));
            let (pb, ps) = (rng.probs(m), rng.probs(n));
            let ties_trade = rng.below(2) == 1;
            let mut c = inst(&b, &pb, &s, &ps, buyers, ties_trade);
            if !(0..m).any(|i| (0..n).any(|j| c.trades(i, j))) {
                continue; // VCG' (Definition 2) needs a trading pair
            }
            let prime = surplus(&c, Which::VcgPrime).unwrap();
            let vcg = surplus(&c, Which::Vcg).unwrap();
            if !prime.denom().is_one() {
                fractional += 1;
            }
            for tie in [Tie::Lowest, Tie::Highest, Tie::Uniform] {
                c.tie = tie;
                let (p, v): (Q, Q) = if buyers == 1 {
                    (
                        interim(&c, crate::multi::vcg_prime(&c).as_ref())
                            .unwrap()
                            .surplus,
                        interim(&c, crate::multi::vcg(&c).as_ref()).unwrap().surplus,
                    )
                } else {
                    (
                        interim(&c, &VcgPrime).unwrap().surplus,
                        interim(&c, &Vcg).unwrap().surplus,
                    )
                };
                assert_eq!(prime, p, "round {round}, VCG', {tie:?}: {c:?}");
                assert_eq!(vcg, v, "round {round}, VCG, {tie:?}: {c:?}");
            }
        }
        assert!(fractional > 20, "only {fractional} fractional surpluses");
    }

    #[test]
    fn limits() {
        // 3 types: C(I + 2, 2) multisets; I = 4471 gives 10,001,628 > 10^7, I = 4470 9,997,156
        let t = vec![frac(1, 3), frac(1, 3), frac(1, 3)];
        let mut c = inst(
            &[int(1), int(2), int(4)],
            &t,
            &[int(0)],
            &[int(1)],
            4471,
            false,
        );
        assert!(count(&c).unwrap_err().contains("exceed the limit"));
        c.buyers = 4470;
        assert_eq!(count(&c).unwrap(), 9_997_156);
        // within a certificate, 10^7 multisets with weights of 4470 * 2 bits are beyond the
        // work budget: refused before enumerating
        let _s = work::start();
        let e = surplus(&c, Which::VcgPrime).unwrap_err();
        assert!(e.contains("enumerating 9997156 multisets"), "{e}");
        assert!(
            e.contains("beyond what is left of the checker's budget"),
            "{e}"
        );
    }
}
