//! Ex post checks by enumerating every profile of any mechanism: dominant-strategy IC (every
//! agent, every profile, every misreport), ex post IR, ex post budget balance and efficiency.
//! Profiles are split by the seller's report and checked in parallel; the first violations
//! are reported in the canonical profile order (seller report slowest).

use mechcert_mech::{Mechanism, Outcome, efficient_shares};
use mechcert_model::{Env, for_each_profile};
use mechcert_num::{Rat, Scalar};
use rayon::prelude::*;

use crate::report::{Property, PropertyReport, Tally};

fn profile_label(reports: &[usize], s: usize) -> String {
    let b: Vec<String> = reports.iter().map(|r| format!("B{}", r + 1)).collect();
    format!("({}; S{})", b.join(", "), s + 1)
}

/// The four ex post properties (IC, IR, BB, efficiency), in `Property::ALL` order.
pub fn check_ex_post<S: Scalar>(
    env: &Env<S>,
    mech: &dyn Mechanism<S>,
    max_listed: usize,
) -> Vec<PropertyReport<S>> {
    let (m, n, buyers) = (env.m(), env.n(), env.buyers);
    let d = &env.domain;
    let chunks: Vec<[Tally<'_, S>; 4]> = (0..n)
        .into_par_iter()
        .map(|seller| {
            let mut ic = Tally::new(Property::ExPostIc, d, max_listed);
            let mut ir = Tally::new(Property::ExPostIr, d, max_listed);
            let mut bb = Tally::new(Property::ExPostBb, d, max_listed);
            let mut eff = Tally::new(Property::Efficient, d, max_listed);
            let mut out = Outcome::new(buyers);
            let mut dev = Outcome::new(buyers);
            let mut xstar = vec![Rat::ZERO; buyers];
            let mut lie = Vec::with_capacity(buyers);
            // one seller report per chunk: enumerate buyer reports only
            for_each_profile(m, 1, buyers, |reports, _| {
                let s = seller;
                mech.outcome(env, reports, s, &mut out);
                let at = || profile_label(reports, s);
                for i in 0..buyers {
                    let a = reports[i];
                    let truthful = env.b(a).scale(&out.x[i]) - out.t[i].clone();
                    for c in (0..m).filter(|&c| c != a) {
                        lie.clear();
                        lie.extend_from_slice(reports);
                        lie[i] = c;
                        mech.outcome(env, &lie, s, &mut dev);
                        let gain = env.b(a).scale(&dev.x[i]) - dev.t[i].clone();
                        ic.at_least_zero(truthful.clone() - gain, || {
                            format!(
                                "buyer {} reports B{} instead of B{} at {}",
                                i + 1,
                                c + 1,
                                a + 1,
                                at()
                            )
                        });
                    }
                    ir.at_least_zero(truthful, || format!("buyer {} at {}", i + 1, at()));
                }
                let trade = out.trade();
                let truthful = out.ts.clone() - env.s(s).scale(&trade);
                for l in (0..n).filter(|&l| l != s) {
                    mech.outcome(env, reports, l, &mut dev);
                    let gain = dev.ts.clone() - env.s(s).scale(&dev.trade());
                    ic.at_least_zero(truthful.clone() - gain, || {
                        format!(
                            "seller reports S{} instead of S{} at {}",
                            l + 1,
                            s + 1,
                            at()
                        )
                    });
                }
                ir.at_least_zero(truthful, || format!("seller at {}", at()));
                let mut imbalance = S::zero();
                for t in &out.t {
                    imbalance += t;
                }
                imbalance -= &out.ts;
                bb.zero(imbalance, || {
                    format!("buyers pay minus seller receives at {}", at())
                });
                efficient_shares(env, reports, s, &mut xstar);
                let top = *reports.iter().max().expect("a buyer");
                // misallocated probability: trade that should not happen or should, and
                // shares given to buyers below the top
                let mut wrong = (&trade - &xstar.iter().sum::<Rat>()).abs();
                for (x, &r) in out.x.iter().zip(reports) {
                    if r != top {
                        wrong += x;
                    }
                }
                eff.at_least_zero(S::from_rat(-wrong), || format!("allocation at {}", at()));
            });
            [ic, ir, bb, eff]
        })
        .collect();
    let mut it = chunks.into_iter();
    let mut acc = it.next().expect("n >= 1");
    for later in it {
        for (a, b) in acc.iter_mut().zip(later) {
            a.absorb(b);
        }
    }
    acc.into_iter().map(Tally::finish).collect()
}
