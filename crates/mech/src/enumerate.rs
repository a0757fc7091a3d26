//! Π_I of multi-buyer VCG' by enumerating every one of the m^I * n report profiles, fast:
//! an independent computation of the number `compress::vcg_prime_surplus` gets in closed
//! form, and of what `Interim::by_enumeration(env, &VcgPrimeFourCase)` gets generically.
//!
//! At each profile the budget surplus Σ_i t_i - t_s is taken from the paper's four-case
//! formula on indices only: with `top` the highest buyer report, `c` how many buyers report
//! it, Y the highest report below `top`, c2 how many buyers report Y, and the seller's report
//! s, there is trade iff B_top trades with S_s; the seller then receives
//! S_{max trading seller of top}; the buyers pay in total
//!   - B_top when c >= 2 (case 2: the tied buyers share the good and each pays B_top times
//!     its share; everyone else loses, case 1),
//!   - when the top is unique and Y trades with S_s (case 3):
//!     B_{Y+1} (1 - q) + B_Y q, where q is the winner's share had it reported Y
//!     (lowest-index: 1 iff the winner precedes every buyer reporting Y; highest-index: 1 iff
//!     it follows all of them; uniform: 1/(c2 + 1)),
//!   - otherwise (case 4) min{B_h : B_h trades with S_s}.
//!
//! Arithmetic: probabilities are brought to integer weights over their common denominators
//! (Db for buyers, Ds for the seller) and values to integers over Dv, so a profile adds the
//! integer Π_k wb(b_k) * ws(s) * (payments - receipt) * d to an accumulator for the
//! denominator d (1, or c2 + 1 in uniform case 3); the result is
//! Σ_d acc_d / (d Db^I Ds Dv). Accumulators are i128, checked: a sum that would overflow is
//! flushed into an exact `Rat`, a product that would overflow is formed as a `Rat`. When
//! values or probabilities do not scale to i64 integers at all, every profile is computed
//! with `Rat` (slow, exact). Nothing is allocated per profile; the work is split over the
//! first (and, for m < 16, the second) buyer's report with rayon, and the result, being
//! exact, does not depend on the split or the number of threads.
//!
//! The caller bounds the profile count: the cost is Θ(m^I (I + n)).

use mechcert_model::{Env, TieBreak};
use mechcert_num::Rat;
use rayon::prelude::*;

/// The order statistics of one buyer profile that the four-case formula needs.
#[derive(Clone, Copy, Debug)]
struct Stats {
    top: usize,
    /// How many buyers report `top`.
    count_top: usize,
    /// Position of the (first) buyer reporting `top`.
    winner: usize,
    /// The highest report below `top`, if any.
    second: Option<usize>,
    count_second: usize,
    first_second: usize,
    last_second: usize,
}

fn stats(reports: &[usize]) -> Stats {
    let mut st = Stats {
        top: reports[0],
        count_top: 1,
        winner: 0,
        second: None,
        count_second: 0,
        first_second: 0,
        last_second: 0,
    };
    let mut last_top = 0;
    for (k, &r) in reports.iter().enumerate().skip(1) {
        if r > st.top {
            // the old top becomes the second highest report
            st.second = Some(st.top);
            st.count_second = st.count_top;
            st.first_second = st.winner;
            st.last_second = last_top;
            st.top = r;
            st.count_top = 1;
            st.winner = k;
            last_top = k;
        } else if r == st.top {
            st.count_top += 1;
            last_top = k;
        } else if st.second.is_none_or(|y| r > y) {
            st.second = Some(r);
            st.count_second = 1;
            st.first_second = k;
            st.last_second = k;
        } else if st.second == Some(r) {
            st.count_second += 1;
            st.last_second = k;
        }
    }
    st
}

/// How the buyers' total payment is determined at a profile with trade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pay {
    /// Case 2: B_top.
    Top,
    /// Case 3 with q = 1 (B_Y), q = 0 (B_{Y+1}), or uniform q = 1/(c2 + 1):
    /// (c2 B_{Y+1} + B_Y) / (c2 + 1).
    Second { y: usize, q: Q },
    /// Case 4: min{B_h : B_h trades with S_s}.
    MinTrading,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Q {
    One,
    Zero,
    /// 1 / (c2 + 1), with c2 the number of buyers reporting Y.
    Uniform(usize),
}

/// Case 3's share q for a unique top reporting Y instead (tie rule on positions).
fn share_at_second(tie: TieBreak, st: &Stats) -> Q {
    match tie {
        TieBreak::LowestIndex => {
            if st.winner < st.first_second {
                Q::One
            } else {
                Q::Zero
            }
        }
        TieBreak::HighestIndex => {
            if st.winner > st.last_second {
                Q::One
            } else {
                Q::Zero
            }
        }
        TieBreak::Uniform => Q::Uniform(st.count_second),
    }
}

/// Integer copies of the environment: weights and scaled values, plus the trade structure.
struct Scaled {
    m: usize,
    buyers: usize,
    tie: TieBreak,
    /// p_b(B_a) * Db.
    wb: Vec<i128>,
    /// p_s(S_j) * Ds.
    ws: Vec<i128>,
    /// B_a * Dv.
    vb: Vec<i128>,
    /// B_{min trading buyer of S_j} * Dv (0 if none).
    vmin: Vec<i128>,
    /// S_{max trading seller of B_a} * Dv (0 if none).
    receipt: Vec<i128>,
    /// The largest seller index trading with B_a: sellers 0..=k trade with B_a.
    last_seller: Vec<Option<usize>>,
    db: i64,
    ds: i64,
    dv: i64,
}

fn scaled(env: &Env<Rat>) -> Option<Scaled> {
    let db = Rat::common_denominator(&env.pb)?;
    let ds = Rat::common_denominator(&env.ps)?;
    let dv = Rat::common_denominator(env.buyer_values.iter().chain(&env.seller_values))?;
    let ints = |v: &[Rat], d: i64| -> Option<Vec<i128>> {
        v.iter()
            .map(|x| x.scaled_to_i64(d).map(i128::from))
            .collect()
    };
    let wb = ints(&env.pb, db)?;
    let ws = ints(&env.ps, ds)?;
    let vb = ints(&env.buyer_values, dv)?;
    let vs = ints(&env.seller_values, dv)?;
    let (m, n) = (env.m(), env.n());
    let vmin = (0..n)
        .map(|j| env.min_trading_buyer(j).map_or(0, |a| vb[a]))
        .collect();
    let receipt = (0..m)
        .map(|a| env.max_trading_seller(a).map_or(0, |j| vs[j]))
        .collect();
    let last_seller: Vec<Option<usize>> = (0..m).map(|a| env.max_trading_seller(a)).collect();
    // Trade with B_a happens exactly for the sellers 0..=last_seller[a] (values increase).
    debug_assert!(
        (0..m).all(|a| (0..n).all(|j| env.trades(a, j) == last_seller[a].is_some_and(|k| j <= k)))
    );
    // Bound one buyer profile's inner sum Σ_s ws(s) (pay - receipt) d so that it cannot
    // overflow: |pay|, |receipt| <= vmax, d <= I, Σ ws = Ds.
    let vmax = vb.iter().chain(&vs).map(|v| v.unsigned_abs()).max()?;
    let bound = (2 * vmax)
        .checked_mul(env.buyers as u128)?
        .checked_mul(ds as u128)?;
    (bound < (1u128 << 126)).then_some(Scaled {
        m,
        buyers: env.buyers,
        tie: env.tie_break,
        wb,
        ws,
        vb,
        vmin,
        receipt,
        last_seller,
        db,
        ds,
        dv,
    })
}

impl Scaled {
    /// How the buyers pay at a buyer profile when the seller's report is `s` (with trade).
    #[inline(always)]
    fn pay(&self, st: &Stats, second_last_seller: Option<usize>, s: usize) -> Pay {
        if st.count_top >= 2 {
            return Pay::Top;
        }
        match st.second {
            Some(y) if second_last_seller.is_some_and(|k| s <= k) => Pay::Second {
                y,
                q: share_at_second(self.tie, st),
            },
            _ => Pay::MinTrading,
        }
    }

    /// Σ_s ws(s) (payments - receipt) * d over the sellers trading with the top report, and d.
    #[inline(always)]
    fn inner(&self, st: &Stats) -> (i128, usize) {
        let Some(last) = self.last_seller[st.top] else {
            return (0, 1);
        };
        let second_last = st.second.and_then(|y| self.last_seller[y]);
        let d = match (st.count_top, st.second, self.tie) {
            (1, Some(_), TieBreak::Uniform) if second_last.is_some() => st.count_second + 1,
            _ => 1,
        };
        let di = d as i128;
        let receipt = self.receipt[st.top] * di;
        let mut acc: i128 = 0;
        for s in 0..=last {
            let pay = match self.pay(st, second_last, s) {
                Pay::Top => self.vb[st.top],
                Pay::Second { y, q: Q::One } => self.vb[y],
                Pay::Second { y, q: Q::Zero } => self.vb[y + 1],
                Pay::Second {
                    y,
                    q: Q::Uniform(c2),
                } => {
                    // (c2 B_{Y+1} + B_Y) / (c2 + 1), times d = c2 + 1
                    acc += self.ws[s] * (self.vb[y + 1] * c2 as i128 + self.vb[y] - receipt);
                    continue;
                }
                Pay::MinTrading => self.vmin[s],
            };
            acc += self.ws[s] * (pay * di - receipt);
        }
        (acc, d)
    }
}

/// Exact accumulators per denominator d: an i128 part and a `Rat` part for overflow.
struct Acc {
    ints: Vec<i128>,
    spill: Vec<Rat>,
}

impl Acc {
    fn new(dmax: usize) -> Acc {
        Acc {
            ints: vec![0; dmax + 1],
            spill: vec![Rat::ZERO; dmax + 1],
        }
    }

    #[inline(always)]
    fn add(&mut self, d: usize, weight: Option<i128>, inner: i128, wrat: impl FnOnce() -> Rat) {
        if inner == 0 {
            return;
        }
        match weight.and_then(|w| w.checked_mul(inner)) {
            Some(term) => match self.ints[d].checked_add(term) {
                Some(v) => self.ints[d] = v,
                None => self.flush_then_add(d, term),
            },
            None => self.add_rat(d, wrat() * Rat::from_i128(inner, 1)),
        }
    }

    #[cold]
    fn flush_then_add(&mut self, d: usize, term: i128) {
        let v = std::mem::replace(&mut self.ints[d], term);
        self.spill[d] += Rat::from_i128(v, 1);
    }

    #[cold]
    fn add_rat(&mut self, d: usize, r: Rat) {
        self.spill[d] += r;
    }

    /// Σ_d (ints_d + spill_d) / d.
    fn total(self) -> Rat {
        let mut out = Rat::ZERO;
        for (d, (i, s)) in self.ints.into_iter().zip(self.spill).enumerate().skip(1) {
            let v = s + Rat::from_i128(i, 1);
            if !v.is_zero() {
                out += v / Rat::from(d);
            }
        }
        out
    }
}

/// How many leading buyers' reports define a parallel chunk.
fn prefix_len(m: usize, buyers: usize) -> usize {
    if buyers >= 2 && m < 16 { 2 } else { 1 }
}

/// Calls `f(reports, prefix_weight_products)` for every buyer profile whose first `p`
/// reports are `prefix`, keeping `pre[k] = Π_{l<k} w(r_l)` (None on overflow) up to date.
fn for_each_buyer_profile(
    m: usize,
    buyers: usize,
    prefix: &[usize],
    w: &[i128],
    mut f: impl FnMut(&[usize], Option<i128>),
) {
    let p = prefix.len();
    let mut r = vec![0usize; buyers];
    r[..p].copy_from_slice(prefix);
    let mut pre: Vec<Option<i128>> = vec![Some(1); buyers + 1];
    let refresh = |pre: &mut [Option<i128>], r: &[usize], from: usize| {
        for k in from..r.len() {
            pre[k + 1] = pre[k].and_then(|x| x.checked_mul(w[r[k]]));
        }
    };
    refresh(&mut pre, &r, 0);
    loop {
        f(&r, pre[buyers]);
        let mut k = buyers;
        loop {
            if k == p {
                return;
            }
            k -= 1;
            r[k] += 1;
            if r[k] < m {
                break;
            }
            r[k] = 0;
        }
        refresh(&mut pre, &r, k);
    }
}

/// The chunk prefixes: all reports of the first `p` buyers.
fn prefixes(m: usize, p: usize) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for _ in 0..p {
        out = out
            .into_iter()
            .flat_map(|v| {
                (0..m).map(move |a| {
                    let mut w = v.clone();
                    w.push(a);
                    w
                })
            })
            .collect();
    }
    out
}

fn integer_path(env: &Env<Rat>, sc: &Scaled) -> Rat {
    let (m, buyers) = (sc.m, sc.buyers);
    let dmax = if sc.tie == TieBreak::Uniform && m >= 2 {
        buyers
    } else {
        1
    };
    let p = prefix_len(m, buyers);
    let parts: Vec<Rat> = prefixes(m, p)
        .into_par_iter()
        .map(|prefix| {
            let mut acc = Acc::new(dmax);
            for_each_buyer_profile(m, buyers, &prefix, &sc.wb, |reports, w| {
                let st = stats(reports);
                let (inner, d) = sc.inner(&st);
                acc.add(d, w, inner, || {
                    reports
                        .iter()
                        .map(|&r| Rat::from_i128(sc.wb[r], 1))
                        .product()
                });
            });
            acc.total()
        })
        .collect();
    let sum: Rat = parts.into_iter().sum();
    let denominator = Rat::from(sc.db).pow(env.buyers as u64) * Rat::from(sc.ds) * Rat::from(sc.dv);
    sum / denominator
}

/// The exact path for values or probabilities that do not scale to i64 integers.
fn rat_path(env: &Env<Rat>) -> Rat {
    let (m, n, buyers) = (env.m(), env.n(), env.buyers);
    let p = prefix_len(m, buyers);
    let ones = vec![1i128; m];
    let parts: Vec<Rat> = prefixes(m, p)
        .into_par_iter()
        .map(|prefix| {
            let mut acc = Rat::ZERO;
            for_each_buyer_profile(m, buyers, &prefix, &ones, |reports, _| {
                let st = stats(reports);
                let Some(last) = env.max_trading_seller(st.top) else {
                    return;
                };
                let prob: Rat = reports.iter().map(|&r| env.pb[r].clone()).product();
                let receipt = env.s(last);
                let mut inner = Rat::ZERO;
                for s in 0..=last.min(n - 1) {
                    let second_trades = st.second.is_some_and(|y| env.trades(y, s));
                    let pay = if st.count_top >= 2 {
                        env.b(st.top).clone()
                    } else if let (Some(y), true) = (st.second, second_trades) {
                        match share_at_second(env.tie_break, &st) {
                            Q::One => env.b(y).clone(),
                            Q::Zero => env.b(y + 1).clone(),
                            Q::Uniform(c2) => {
                                (env.b(y + 1) * &Rat::from(c2) + env.b(y)) / Rat::from(c2 + 1)
                            }
                        }
                    } else {
                        env.b(env.min_trading_buyer(s).expect("the top trades"))
                            .clone()
                    };
                    inner += (pay - receipt) * &env.ps[s];
                }
                acc += prob * inner;
            });
            acc
        })
        .collect();
    parts.into_iter().sum()
}

/// Π_I of VCG' (the ex ante expected budget surplus with `env.buyers` buyers) by enumerating
/// all m^I * n profiles with the four-case formula; exact, deterministic, parallel.
pub fn vcg_prime_surplus_by_enumeration(env: &Env<Rat>) -> Rat {
    assert!(env.buyers >= 1, "at least one buyer");
    match scaled(env) {
        Some(sc) => integer_path(env, &sc),
        None => rat_path(env),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(reports: &[usize]) -> (usize, usize, Option<usize>, usize, usize, usize) {
        let top = *reports.iter().max().unwrap();
        let c = reports.iter().filter(|&&r| r == top).count();
        let second = reports.iter().copied().filter(|&r| r < top).max();
        let c2 = second.map_or(0, |y| reports.iter().filter(|&&r| r == y).count());
        let first = second.map_or(0, |y| reports.iter().position(|&r| r == y).unwrap());
        let last = second.map_or(0, |y| reports.iter().rposition(|&r| r == y).unwrap());
        (top, c, second, c2, first, last)
    }

    #[test]
    fn stats_match_a_naive_computation_on_every_profile() {
        for buyers in 1..=5 {
            mechcert_model::for_each_profile(4, 1, buyers, |reports, _| {
                let st = stats(reports);
                let (top, c, second, c2, first, last) = naive(reports);
                assert_eq!((st.top, st.count_top, st.second), (top, c, second));
                assert_eq!(st.winner, reports.iter().position(|&r| r == top).unwrap());
                if second.is_some() {
                    assert_eq!(
                        (st.count_second, st.first_second, st.last_second),
                        (c2, first, last),
                        "{reports:?}"
                    );
                }
            });
        }
    }

    #[test]
    fn accumulators_flush_and_spill_exactly() {
        // 8 terms of ~2^126 overflow i128 and are flushed; a weight of None is formed as Rat.
        let mut acc = Acc::new(3);
        let big = 1i128 << 125;
        for _ in 0..8 {
            acc.add(3, Some(2), big - 1, || unreachable!());
        }
        acc.add(1, None, -5, || Rat::from_i128(1 << 100, 1));
        acc.add(1, Some(i128::MAX), 2, || Rat::from_i128(i128::MAX, 1));
        let expect = Rat::from_i128((big - 1) * 2, 3) * Rat::int(8) - Rat::from_i128(5 << 100, 1)
            + Rat::from_i128(i128::MAX, 1) * Rat::int(2);
        assert_eq!(acc.total(), expect);
    }

    #[test]
    fn prefixes_cover_every_profile_once() {
        for (m, buyers) in [(3, 1), (3, 2), (2, 4), (5, 3)] {
            let p = prefix_len(m, buyers);
            let mut seen = vec![];
            for prefix in prefixes(m, p) {
                for_each_buyer_profile(m, buyers, &prefix, &vec![2; m], |r, w| {
                    assert_eq!(w, Some(1i128 << buyers));
                    seen.push(r.to_vec());
                });
            }
            let total = seen.len();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), total);
            assert_eq!(total, m.pow(buyers as u32));
        }
    }
}
