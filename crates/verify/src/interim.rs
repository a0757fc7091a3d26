//! Interim checks from interim tables: IC of every type against every other report (not only
//! adjacent ones), IR of every type, and monotonicity of interim allocations, for every buyer
//! and the seller. Buyer i of type B_a reporting B_c gets x̄_i(B_c) B_a - t̄_i(B_c); the seller
//! of type S_j reporting S_l gets t̄_s(S_l) - x̄_s(S_l) S_j.

use mechcert_mech::Interim;
use mechcert_model::Env;
use mechcert_num::Scalar;

use crate::report::{Property, PropertyReport, Tally};

fn buyer_name(buyers: usize, i: usize) -> String {
    if buyers == 1 {
        "buyer".to_string()
    } else {
        format!("buyer {}", i + 1)
    }
}

/// The five interim properties, in `Property::ALL` order.
pub fn check_interim<S: Scalar>(
    env: &Env<S>,
    it: &Interim<S>,
    max_listed: usize,
) -> Vec<PropertyReport<S>> {
    let d = &env.domain;
    let (m, n, buyers) = (env.m(), env.n(), it.buyers());
    let mut ic_b = Tally::new(Property::InterimIcBuyer, d, max_listed);
    let mut ir_b = Tally::new(Property::InterimIrBuyer, d, max_listed);
    let mut mono = Tally::new(Property::Monotone, d, max_listed);
    for i in 0..buyers {
        let (xb, tb) = (&it.xb[i], &it.tb[i]);
        let who = || buyer_name(buyers, i);
        for a in 0..m {
            let truthful = env.b(a).scale(&xb[a]) - tb[a].clone();
            for c in (0..m).filter(|&c| c != a) {
                let lie = env.b(a).scale(&xb[c]) - tb[c].clone();
                ic_b.at_least_zero(truthful.clone() - lie, || {
                    format!("{} of type B{} reporting B{}", who(), a + 1, c + 1)
                });
            }
            ir_b.at_least_zero(truthful, || format!("{} of type B{}", who(), a + 1));
            if a + 1 < m {
                mono.at_least_zero(S::from_rat(&xb[a + 1] - &xb[a]), || {
                    format!("{}: x̄(B{}) >= x̄(B{})", who(), a + 2, a + 1)
                });
            }
        }
    }
    let mut ic_s = Tally::new(Property::InterimIcSeller, d, max_listed);
    let mut ir_s = Tally::new(Property::InterimIrSeller, d, max_listed);
    for j in 0..n {
        let truthful = it.ts[j].clone() - env.s(j).scale(&it.xs[j]);
        for l in (0..n).filter(|&l| l != j) {
            let lie = it.ts[l].clone() - env.s(j).scale(&it.xs[l]);
            ic_s.at_least_zero(truthful.clone() - lie, || {
                format!("seller of type S{} reporting S{}", j + 1, l + 1)
            });
        }
        ir_s.at_least_zero(truthful, || format!("seller of type S{}", j + 1));
        if j + 1 < n {
            mono.at_least_zero(S::from_rat(&it.xs[j] - &it.xs[j + 1]), || {
                format!("seller: x̄(S{}) >= x̄(S{})", j + 1, j + 2)
            });
        }
    }
    vec![
        ic_b.finish(),
        ic_s.finish(),
        ir_b.finish(),
        ir_s.finish(),
        mono.finish(),
    ]
}
