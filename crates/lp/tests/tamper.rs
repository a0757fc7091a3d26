//! Tampering: changing any single number of a valid certificate makes `check_outcome`
//! fail.
//!
//! This can only hold where the certificate is rigid, because some certificates have
//! genuine slack (a Farkas vector can be scaled; `x_j` with `c_j = 0` and no rows can move
//! inside an optimal face). Rigid classes, each argued from the contract:
//! - `Optimal` when every `c_j != 0` and every row is nonzero: `value = c·x` pins each
//!   `x_j`, `reduced = c - A^T y` pins each `y_i` and each `reduced_j`, and `value` is pinned
//!   by `c·x`;
//! - `Infeasible` when every variable is free: `A^T y` must be exactly zero, so changing
//!   one `y_i` of a nonzero row breaks it;
//! - `Unbounded` when every row is an equation and every column is nonzero: changing one
//!   `x_j` or `ray_j` breaks some `a_i·x = b_i` or `a_i·ray = 0`.

mod common;

use common::brute::KINDS;
use common::strategies::{self, Bounds, Spec};
use common::{lp, r, row};
use mechcert_lp::{Outcome, Problem, Rat, RowKind, Sense, check_outcome, solve};
use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::TestRunner;

fn deltas() -> Vec<Rat> {
    vec![
        Rat::ONE,
        -Rat::ONE,
        Rat::new(1, 2),
        Rat::new(-1, 3),
        Rat::int(1000),
    ]
}

/// Every single-number change of `o` by every delta must be rejected.
fn assert_tamper_proof(p: &Problem, o: &Outcome) -> Result<(), TestCaseError> {
    prop_assert!(
        check_outcome(p, o).is_ok(),
        "the untouched certificate verifies"
    );
    let count = o.numbers().len();
    for k in 0..count {
        for d in deltas() {
            let mut bad = o.clone();
            *bad.numbers_mut()[k] += &d;
            prop_assert!(
                check_outcome(p, &bad).is_err(),
                "changing number {} of {:?} by {} went unnoticed",
                k,
                o,
                d
            );
        }
    }
    Ok(())
}

#[test]
fn hand_picked_certificates() {
    // Optimal: Wyndor, max 3x + 5y (all c_j != 0, no zero rows).
    let p = lp(
        Sense::Maximize,
        &[3, 5],
        vec![
            row(&[1, 0], RowKind::Le, 4),
            row(&[0, 2], RowKind::Le, 12),
            row(&[3, 2], RowKind::Le, 18),
        ],
    );
    assert_tamper_proof(&p, &solve(&p).expect("solves")).unwrap();
    // Infeasible with free variables: x + y <= 1, x + y >= 3.
    let mut p = lp(
        Sense::Maximize,
        &[1, 1],
        vec![row(&[1, 1], RowKind::Le, 1), row(&[1, 1], RowKind::Ge, 3)],
    );
    p.lower = vec![None, None];
    let o = solve(&p).expect("solves");
    assert!(matches!(o, Outcome::Infeasible { .. }));
    assert_tamper_proof(&p, &o).unwrap();
    // Unbounded along an equation line: max x1 + x2, x1 - x2 = 0, both free.
    let mut p = lp(
        Sense::Maximize,
        &[1, 1],
        vec![row(&[1, -1], RowKind::Eq, 0)],
    );
    p.lower = vec![None, None];
    let o = solve(&p).expect("solves");
    assert!(matches!(o, Outcome::Unbounded { .. }));
    assert_tamper_proof(&p, &o).unwrap();
    // Empty bound box: y must stay zero.
    let mut p = lp(Sense::Minimize, &[1], vec![row(&[1], RowKind::Le, 4)]);
    p.lower = vec![Some(r(3))];
    p.upper = vec![Some(r(2))];
    assert_tamper_proof(&p, &solve(&p).expect("solves")).unwrap();
}

/// Random LPs without zero rows or columns (common::strategies) with `n` variables and `m`
/// rows (ranges `dims`) of the given kinds, objective entries from `obj`, boxed or free.
fn arb_rigid(
    dims: (
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    ),
    kinds: Vec<RowKind>,
    obj: std::ops::RangeInclusive<i64>,
    free: bool,
) -> impl Strategy<Value = Problem> {
    strategies::arb_lp(Spec {
        vars: dims.0,
        rows: dims.1,
        kinds,
        objective: obj,
        bounds: if free { Bounds::Free } else { Bounds::Finite },
        rigid: true,
    })
}

/// Run `cases` random problems; those whose outcome is of kind `want` must be tamper-proof,
/// and there must be at least `cases / 10` of them (so the test cannot pass vacuously).
fn run_rigid(strategy: impl Strategy<Value = Problem>, want: &str, cases: u32) {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    };
    let mut runner = TestRunner::new(config);
    let hits = Cell::new(0u32);
    runner
        .run(&strategy, |p| {
            let o = solve(&p).expect("solves");
            if o.kind() == want {
                hits.set(hits.get() + 1);
                assert_tamper_proof(&p, &o)?;
            }
            Ok(())
        })
        .unwrap();
    assert!(hits.get() >= cases / 10, "only {} {want} cases", hits.get());
}

/// Optimal certificates with every c_j != 0 (boxed variables, any row kinds).
#[test]
fn optimal_certificates_are_rigid() {
    run_rigid(
        arb_rigid((2..=4, 1..=4), KINDS.to_vec(), 1..=3, false),
        "optimal",
        300,
    );
}

/// Farkas vectors when every variable is free.
#[test]
fn farkas_certificates_with_free_variables_are_rigid() {
    run_rigid(
        arb_rigid((1..=3, 2..=5), KINDS.to_vec(), -2..=2, true),
        "infeasible",
        300,
    );
}

/// Rays when all rows are equations (free variables, so unboundedness is common).
#[test]
fn unbounded_certificates_with_equations_are_rigid() {
    run_rigid(
        arb_rigid((2..=4, 1..=3), vec![RowKind::Eq], -2..=2, true),
        "unbounded",
        300,
    );
}
