//! Property tests on random small LPs: every certificate verifies, and the answer agrees
//! with brute-force vertex enumeration (independent of the simplex).

mod common;

use common::brute;
use common::option_sets;
use common::strategies::{self, Bounds, Spec};
use mechcert_lp::{Options, Outcome, Problem, Rat, check_outcome, solve_with};
use std::cell::RefCell;
use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;

/// Small random LPs (common::strategies): bounds finite (`finite = true`) or each side
/// missing with probability 1/3.
fn arb_lp(finite: bool) -> impl Strategy<Value = Problem> {
    strategies::arb_lp(Spec::small(if finite {
        Bounds::Finite
    } else {
        Bounds::Mixed
    }))
}

fn solve_all(p: &Problem) -> Vec<Outcome> {
    option_sets()
        .into_iter()
        .map(|o| {
            let out = solve_with(p, &Options { verify: false, ..o })
                .expect("solves")
                .outcome;
            if let Err(e) = check_outcome(p, &out) {
                panic!("certificate rejected: {e}\n{p:?}\n{out:?}");
            }
            out
        })
        .collect()
}

/// Run `cases` random problems through `body`, counting outcome kinds (of the default
/// option set); every kind in `kinds` must occur in at least 5% of the cases, so that the
/// property cannot hold vacuously.
fn run(
    strategy: impl Strategy<Value = Problem>,
    cases: u32,
    kinds: &[&str],
    body: impl Fn(&Problem, &[Outcome]) -> Result<(), TestCaseError>,
) {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    };
    let counts = RefCell::new(BTreeMap::<&'static str, u32>::new());
    TestRunner::new(config)
        .run(&strategy, |p| {
            let outs = solve_all(&p);
            *counts.borrow_mut().entry(outs[0].kind()).or_default() += 1;
            body(&p, &outs)
        })
        .unwrap();
    let counts = counts.into_inner();
    for k in kinds {
        let c = counts.get(k).copied().unwrap_or(0);
        assert!(c >= cases / 20, "only {c} {k} outcomes: {counts:?}");
    }
}

/// All bounds finite: the region is a polytope, so brute force decides everything.
#[test]
fn finite_boxes_match_brute_force() {
    run(arb_lp(true), 400, &["optimal", "infeasible"], |p, outs| {
        let want = brute::optimum(p);
        for out in outs {
            match (&want, out) {
                (None, Outcome::Infeasible { .. }) => {}
                (Some(v), Outcome::Optimal { value, .. }) => prop_assert_eq!(v, value),
                _ => prop_assert!(false, "brute force {:?}, solver {:?}", want, out),
            }
        }
        Ok(())
    });
}

/// Some bounds infinite: certificates verify; compare with brute force on a huge box
/// (an optimal basic solution of these tiny problems lies far inside it).
#[test]
fn open_boxes_are_consistent() {
    run(
        arb_lp(false),
        400,
        &["optimal", "infeasible", "unbounded"],
        |p, outs| {
            const K: i64 = 1_000_000;
            let want = brute::optimum(&brute::clamp(p, K));
            for out in outs {
                match out {
                    Outcome::Infeasible { .. } => {
                        prop_assert!(want.is_none(), "solver infeasible, box feasible")
                    }
                    Outcome::Optimal { value, x, .. } => {
                        prop_assert!(x.iter().all(|v| v.abs() < Rat::int(K)));
                        prop_assert_eq!(want.as_ref(), Some(value));
                    }
                    Outcome::Unbounded { .. } => {
                        // The ray certificate was verified; the clamped problem is feasible.
                        prop_assert!(want.is_some());
                    }
                }
            }
            Ok(())
        },
    );
}

/// Replace every coefficient `a` (rows, objective, right-hand sides) by
/// `(a 2^45 + e) / (2^33 + e')` with small random `e, e'`: the same kind of problem with
/// numbers far beyond 64 bits in the tableau.
fn with_huge_numbers(p: Problem, noise: Vec<(i64, i64)>) -> Problem {
    let mut k = 0;
    let mut huge = |a: &Rat| -> Rat {
        let (e, f) = noise[k % noise.len()];
        k += 1;
        let scaled = a * &Rat::int(1 << 45) + Rat::int(e);
        scaled / Rat::int((1 << 33) + f)
    };
    let mut q = p.clone();
    q.objective = p.objective.iter().map(&mut huge).collect();
    for row in &mut q.rows {
        row.coeffs = row.coeffs.iter().map(|(j, a)| (*j, huge(a))).collect();
        row.rhs = huge(&row.rhs);
    }
    q
}

/// Big integers in the tableau: certificates verify and brute force agrees.
#[test]
fn huge_numbers_match_brute_force() {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(100)
    };
    let big_cases = RefCell::new(0u32);
    let strategy = (
        arb_lp(true),
        prop::collection::vec((-999i64..=999, 0i64..=999), 1..20),
    )
        .prop_map(|(p, noise)| with_huge_numbers(p, noise));
    TestRunner::new(config)
        .run(&strategy, |p| {
            let report = solve_with(&p, &Options::default()).expect("solves");
            if report.stats.tableau_max_bits > 63 {
                *big_cases.borrow_mut() += 1;
            }
            let want = brute::optimum(&p);
            for out in solve_all(&p) {
                match (&want, &out) {
                    (None, Outcome::Infeasible { .. }) => {}
                    (Some(v), Outcome::Optimal { value, .. }) => prop_assert_eq!(v, value),
                    _ => prop_assert!(false, "brute force {:?}, solver {:?}", want, out),
                }
            }
            Ok(())
        })
        .unwrap();
    let big = big_cases.into_inner();
    assert!(big >= 20, "only {big} cases reached big integers");
}
