//! Small instances of the second-best LP of bilateral trade, with facts known from the
//! theory: the optimum never exceeds first-best welfare, a single pair of types trades
//! efficiently, and for 2x2 instances with `B_2 > S_2 > B_1 > S_1` some optimum has
//! `x(2,1) = 1` and `x(1,2) = 0`.

mod common;

use common::second_best::{Instance, random_instance};
use common::{Expect, check};
use mechcert_lp::{Outcome, Rat, solve};

/// The optimum under the default options, confirmed (with verified certificates) under
/// every option set of `check`.
fn optimum(inst: &Instance) -> Rat {
    let p = inst.lp();
    let value = match solve(&p).expect("solves") {
        Outcome::Optimal { value, .. } => value,
        o => panic!("second-best LPs are feasible and bounded, got {o:?}"),
    };
    check(&p, &Expect::Optimal(value.clone(), None));
    value
}

#[test]
fn never_above_first_best() {
    for (m, n) in [(1, 2), (2, 2), (2, 3), (3, 3), (4, 5)] {
        for seed in 0..4 {
            let inst = random_instance(m, n, seed);
            let v = optimum(&inst);
            assert!(
                v <= inst.first_best(),
                "{m}x{n} seed {seed}: {v} > first best"
            );
            assert!(!v.is_negative(), "no trade is always feasible");
        }
    }
}

#[test]
fn one_type_each_trades_efficiently() {
    // With one buyer type and one seller type a posted price between S and B implements
    // trade whenever B > S, so second best = first best = B - S (or 0 if B < S).
    for seed in 0..8 {
        let inst = random_instance(1, 1, seed);
        let gain = inst.buyer[0] - inst.seller[0];
        assert_eq!(optimum(&inst), Rat::int(gain.max(0)), "seed {seed}");
    }
}

#[test]
fn two_by_two_overlap_fixes_the_off_diagonal() {
    let mut seen = 0;
    for seed in 0..400 {
        let inst = random_instance(2, 2, seed);
        let (b, s) = (&inst.buyer, &inst.seller);
        if !(b[1] > s[1] && s[1] > b[0] && b[0] > s[0]) {
            continue;
        }
        seen += 1;
        let v = optimum(&inst);
        // Impose x(2,1) = 1 and x(1,2) = 0: the optimum must not drop.
        let mut p = inst.lp();
        let (x21, x12) = (inst.x(1, 0), inst.x(0, 1));
        p.lower[x21] = Some(Rat::ONE);
        p.upper[x12] = Some(Rat::ZERO);
        check(&p, &Expect::Optimal(v, None));
        if seen == 10 {
            break;
        }
    }
    assert_eq!(seen, 10, "enough overlapping 2x2 instances");
}

#[test]
fn generator_is_deterministic_and_well_formed() {
    let a = random_instance(4, 5, 7);
    let b = random_instance(4, 5, 7);
    assert_eq!(a.buyer, b.buyer);
    assert_eq!(a.pb, b.pb);
    let p = a.lp();
    assert_eq!(p.n_vars(), 40);
    assert_eq!(p.rows.len(), 4 * 3 + 4 + 5 * 4 + 5);
    assert_eq!(a.pb.iter().sum::<Rat>(), Rat::ONE);
    assert_eq!(a.ps.iter().sum::<Rat>(), Rat::ONE);
    assert!(a.buyer.windows(2).all(|w| w[0] < w[1]));
    assert!(a.seller.iter().all(|s| !a.buyer.contains(s)));
}
