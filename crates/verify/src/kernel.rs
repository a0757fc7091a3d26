//! The integer fast path for ex post checks of a concrete single-buyer mechanism held as data:
//! every number is brought to a common denominator (Dx for allocations, Dv for values and
//! transfers) so each of the m²n + n²m IC inequalities becomes one i128 multiply-add on
//! integers, with no allocation and no gcd. Utilities are kept scaled by Dx*Dv.
//!
//! The same holds for the interim checks of concrete interim tables (`check_interim_rat`).
//! It applies only when the scaled integers are small enough that no i128 overflows (checked
//! up front); otherwise `None` and the generic exact path runs. It reports exactly what the
//! generic path reports (same counts, slacks and first violations in the same order); a
//! property test in `tests/` holds the two to that.

use mechcert_mech::{Interim, Tabular};
use mechcert_model::Env;
use mechcert_num::{NoParam, Rat};
use rayon::prelude::*;

use crate::report::{Property, PropertyReport, Violation};

/// Counts for one property, slacks as integers over a fixed scale.
#[derive(Default)]
struct Counter {
    checked: u128,
    violations: u128,
    min: Option<i128>,
    first: Vec<(String, i128)>,
}

impl Counter {
    #[inline(always)]
    fn record(&mut self, slack: i128, listed: usize, describe: impl FnOnce() -> String) {
        self.checked += 1;
        if self.min.is_none_or(|m| slack < m) {
            self.min = Some(slack);
        }
        if slack < 0 {
            self.violations += 1;
            if self.first.len() < listed {
                self.first.push((describe(), slack));
            }
        }
    }

    #[inline(always)]
    fn record_zero(&mut self, diff: i128, listed: usize, describe: impl FnOnce() -> String) {
        self.checked += 1;
        if self.min.is_none_or(|m| diff < m) {
            self.min = Some(diff);
        }
        if diff != 0 {
            self.violations += 1;
            if self.first.len() < listed {
                self.first.push((describe(), diff));
            }
        }
    }

    fn absorb(&mut self, later: Counter, listed: usize) {
        self.checked += later.checked;
        self.violations += later.violations;
        if let Some(m) = later.min
            && self.min.is_none_or(|x| m < x)
        {
            self.min = Some(m);
        }
        let room = listed.saturating_sub(self.first.len());
        self.first.extend(later.first.into_iter().take(room));
    }

    fn report(self, property: Property, scale: i128) -> PropertyReport<Rat> {
        let rat = |v: i128| Rat::from_i128(v, scale);
        PropertyReport {
            property,
            checked: self.checked,
            violations: self.violations,
            min_slack: self.min.map(rat),
            fails_on: (self.violations > 0).then_some(NoParam),
            first: self
                .first
                .into_iter()
                .map(|(inequality, s)| Violation {
                    inequality,
                    slack: rat(s),
                })
                .collect(),
            skipped: None,
        }
    }
}

/// Scaled integer copies of the mechanism and values.
struct Scaled {
    m: usize,
    n: usize,
    dx: i128,
    dv: i128,
    x: Vec<i128>,
    tb: Vec<i128>,
    ts: Vec<i128>,
    vb: Vec<i128>,
    vs: Vec<i128>,
    xstar: Vec<i128>,
}

const LIMIT: u128 = 1 << 124;

fn scale(env: &Env<Rat>, tab: &Tabular<Rat>) -> Option<Scaled> {
    let dx = Rat::common_denominator(tab.x.iter())?;
    let dv = Rat::common_denominator(
        env.buyer_values
            .iter()
            .chain(&env.seller_values)
            .chain(tab.tb.iter())
            .chain(tab.ts.iter()),
    )?;
    let ints = |it: &mut dyn Iterator<Item = &Rat>, d: i64| -> Option<Vec<i128>> {
        it.map(|r| r.scaled_to_i64(d).map(i128::from)).collect()
    };
    let s = Scaled {
        m: env.m(),
        n: env.n(),
        dx: dx as i128,
        dv: dv as i128,
        x: ints(&mut tab.x.iter(), dx)?,
        tb: ints(&mut tab.tb.iter(), dv)?,
        ts: ints(&mut tab.ts.iter(), dv)?,
        vb: ints(&mut env.buyer_values.iter(), dv)?,
        vs: ints(&mut env.seller_values.iter(), dv)?,
        xstar: (0..env.m())
            .flat_map(|i| (0..env.n()).map(move |j| (i, j)))
            .map(|(i, j)| if env.trades(i, j) { dx as i128 } else { 0 })
            .collect(),
    };
    // Every utility is X*V - T*Dx with |X| <= max_x, |V| <= max_v, |T| <= max_t: keep each
    // product below 2^124 so sums and differences of two utilities stay inside i128.
    let max = |v: &[i128]| v.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
    let max_x = max(&s.x);
    let max_v = max(&s.vb).max(max(&s.vs));
    let max_t = max(&s.tb).max(max(&s.ts));
    let ok = max_x.checked_mul(max_v).is_some_and(|p| p < LIMIT)
        && max_t.checked_mul(dx as u128).is_some_and(|p| p < LIMIT);
    ok.then_some(s)
}

/// Ex post IC, IR, BB and efficiency of a concrete tabular mechanism, or `None` when the
/// numbers do not fit the integer kernel.
pub fn check_ex_post_tabular(
    env: &Env<Rat>,
    tab: &Tabular<Rat>,
    listed: usize,
) -> Option<Vec<PropertyReport<Rat>>> {
    let s = scale(env, tab)?;
    let (m, n, dx) = (s.m, s.n, s.dx);
    let at = |i: usize, j: usize| format!("(B{}; S{})", i + 1, j + 1);
    let chunks: Vec<[Counter; 4]> = (0..n)
        .into_par_iter()
        .map(|j| {
            let [mut ic, mut ir, mut bb, mut eff]: [Counter; 4] = Default::default();
            // column j of x and of t_b * Dx, for the buyer's deviations
            let xcol: Vec<i128> = (0..m).map(|c| s.x[c * n + j]).collect();
            let tcol: Vec<i128> = (0..m).map(|c| s.tb[c * n + j] * dx).collect();
            for i in 0..m {
                let v = s.vb[i];
                let truthful = xcol[i] * v - tcol[i];
                for c in 0..m {
                    if c != i {
                        let slack = truthful - (xcol[c] * v - tcol[c]);
                        ic.record(slack, listed, || {
                            format!(
                                "buyer 1 reports B{} instead of B{} at {}",
                                c + 1,
                                i + 1,
                                at(i, j)
                            )
                        });
                    }
                }
                ir.record(truthful, listed, || format!("buyer 1 at {}", at(i, j)));
                // the seller's deviations: row i of x and t_s
                let row = i * n;
                let v = s.vs[j];
                let seller_truthful = s.ts[row + j] * dx - s.x[row + j] * v;
                for l in 0..n {
                    if l != j {
                        let slack = seller_truthful - (s.ts[row + l] * dx - s.x[row + l] * v);
                        ic.record(slack, listed, || {
                            format!(
                                "seller reports S{} instead of S{} at {}",
                                l + 1,
                                j + 1,
                                at(i, j)
                            )
                        });
                    }
                }
                ir.record(seller_truthful, listed, || {
                    format!("seller at {}", at(i, j))
                });
                bb.record_zero(s.tb[row + j] - s.ts[row + j], listed, || {
                    format!("buyers pay minus seller receives at {}", at(i, j))
                });
                let wrong = (s.x[row + j] - s.xstar[row + j]).abs();
                eff.record(-wrong, listed, || format!("allocation at {}", at(i, j)));
            }
            [ic, ir, bb, eff]
        })
        .collect();
    let mut it = chunks.into_iter();
    let mut acc = it.next().expect("n >= 1");
    for later in it {
        for (a, b) in acc.iter_mut().zip(later) {
            a.absorb(b, listed);
        }
    }
    let [ic, ir, bb, eff] = acc;
    Some(vec![
        ic.report(Property::ExPostIc, s.dx * s.dv),
        ir.report(Property::ExPostIr, s.dx * s.dv),
        bb.report(Property::ExPostBb, s.dv),
        eff.report(Property::Efficient, s.dx),
    ])
}

/// The interim checks of `crate::check_interim` for concrete interim tables, on integers: the
/// same inequalities in the same order with the same descriptions, each one an i128
/// multiply-add once interim allocations are scaled by their common denominator Dx and values
/// and interim transfers by theirs, Dv. `None` when the numbers do not fit.
pub fn check_interim_rat(
    env: &Env<Rat>,
    it: &Interim<Rat>,
    listed: usize,
) -> Option<Vec<PropertyReport<Rat>>> {
    let (m, n, buyers) = (env.m(), env.n(), it.buyers());
    let dx = Rat::common_denominator(it.xb.iter().flatten().chain(&it.xs))?;
    let dv = Rat::common_denominator(
        env.buyer_values
            .iter()
            .chain(&env.seller_values)
            .chain(it.tb.iter().flatten())
            .chain(&it.ts),
    )?;
    let ints = |v: &[Rat], d: i64| -> Option<Vec<i128>> {
        v.iter()
            .map(|r| r.scaled_to_i64(d).map(i128::from))
            .collect()
    };
    let xb: Vec<Vec<i128>> = it.xb.iter().map(|r| ints(r, dx)).collect::<Option<_>>()?;
    let tb: Vec<Vec<i128>> = it.tb.iter().map(|r| ints(r, dv)).collect::<Option<_>>()?;
    let xs = ints(&it.xs, dx)?;
    let ts = ints(&it.ts, dv)?;
    let vb = ints(&env.buyer_values, dv)?;
    let vs = ints(&env.seller_values, dv)?;
    let (dx, dv) = (i128::from(dx), i128::from(dv));
    let max = |v: &[i128]| v.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0);
    let max_x = xb.iter().map(|r| max(r)).max().unwrap_or(0).max(max(&xs));
    let max_v = max(&vb).max(max(&vs));
    let max_t = tb.iter().map(|r| max(r)).max().unwrap_or(0).max(max(&ts));
    let fits = max_x.checked_mul(max_v).is_some_and(|p| p < LIMIT)
        && max_t.checked_mul(dx as u128).is_some_and(|p| p < LIMIT);
    if !fits {
        return None;
    }
    let who = |i: usize| {
        if buyers == 1 {
            "buyer".to_string()
        } else {
            format!("buyer {}", i + 1)
        }
    };
    let [mut ic_b, mut ir_b, mut mono, mut ic_s, mut ir_s]: [Counter; 5] = Default::default();
    for i in 0..buyers {
        let (x, t) = (&xb[i], &tb[i]);
        for a in 0..m {
            // utilities scaled by Dx Dv: x̄ B_a - t̄
            let truthful = x[a] * vb[a] - t[a] * dx;
            for c in 0..m {
                if c != a {
                    let lie = x[c] * vb[a] - t[c] * dx;
                    ic_b.record(truthful - lie, listed, || {
                        format!("{} of type B{} reporting B{}", who(i), a + 1, c + 1)
                    });
                }
            }
            ir_b.record(truthful, listed, || {
                format!("{} of type B{}", who(i), a + 1)
            });
            if a + 1 < m {
                mono.record(x[a + 1] - x[a], listed, || {
                    format!("{}: x̄(B{}) >= x̄(B{})", who(i), a + 2, a + 1)
                });
            }
        }
    }
    for j in 0..n {
        let truthful = ts[j] * dx - xs[j] * vs[j];
        for l in 0..n {
            if l != j {
                let lie = ts[l] * dx - xs[l] * vs[j];
                ic_s.record(truthful - lie, listed, || {
                    format!("seller of type S{} reporting S{}", j + 1, l + 1)
                });
            }
        }
        ir_s.record(truthful, listed, || format!("seller of type S{}", j + 1));
        if j + 1 < n {
            mono.record(xs[j] - xs[j + 1], listed, || {
                format!("seller: x̄(S{}) >= x̄(S{})", j + 1, j + 2)
            });
        }
    }
    let s = dx * dv;
    Some(vec![
        ic_b.report(Property::InterimIcBuyer, s),
        ic_s.report(Property::InterimIcSeller, s),
        ir_b.report(Property::InterimIrBuyer, s),
        ir_s.report(Property::InterimIrSeller, s),
        mono.report(Property::Monotone, dx),
    ])
}
