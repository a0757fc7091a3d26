//! The fast path (a basis proposed by the `f64` simplex, proven exactly) against the dense
//! exact simplex, the oracle: same status, same optimal value, every certificate verified
//! by `check_outcome`, on random LPs that include degenerate, infeasible and unbounded ones,
//! free and fixed variables, equality rows, and LPs built to mislead a float solve
//! (coefficients from 10^-12 to 10^12 as exact rationals, huge integers, near-parallel
//! rows). A deliberately wrong proposal must leave the answer unchanged.

mod common;

use common::second_best::random_instance;
use mechcert_lp::{
    LpError, Method, Options, Outcome, Problem, Rat, Row, RowKind, Sense, check_outcome, solve_with,
};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

fn run(p: &Problem, method: Method, wrong_proposal: bool) -> (Outcome, mechcert_lp::Stats) {
    let opts = Options {
        method,
        wrong_proposal,
        verify: false,
        ..Options::default()
    };
    let r = solve_with(p, &opts).expect("solves");
    if let Err(e) = check_outcome(p, &r.outcome) {
        panic!("certificate rejected ({method:?}, wrong {wrong_proposal}): {e}\n{p:?}");
    }
    (r.outcome, r.stats)
}

fn value(o: &Outcome) -> Option<&Rat> {
    match o {
        Outcome::Optimal { value, .. } => Some(value),
        _ => None,
    }
}

/// Fast (with its own and with a wrong proposal) and dense agree in kind and value.
fn agree(p: &Problem) -> Result<(), TestCaseError> {
    let (dense, _) = run(p, Method::Dense, false);
    for wrong in [false, true] {
        let (fast, _) = run(p, Method::Fast, wrong);
        prop_assert_eq!(fast.kind(), dense.kind(), "wrong proposal: {}", wrong);
        prop_assert_eq!(value(&fast), value(&dense));
    }
    Ok(())
}

/// A coefficient from a small palette that misleads floats: tiny, huge, and plain.
fn wild() -> impl Strategy<Value = Rat> {
    prop_oneof![
        3 => (-4i64..=4).prop_map(Rat::int),
        1 => (1i64..=9, -12i32..=12).prop_map(|(d, e)| {
            // d * 10^e exactly
            let p = Rat::int(10).pow(e.unsigned_abs().into());
            if e < 0 { Rat::int(d) / p } else { Rat::int(d) * p }
        }),
        1 => (1i64..=1000).prop_map(|k| Rat::int(i64::MAX / 2 - k)),
        1 => (1i64..=99, 1i64..=99).prop_map(|(a, b)| Rat::new(a, b)),
    ]
}

/// Random LPs with 2-6 variables (free, fixed, boxed, half-open) and 1-6 rows of every
/// kind, plus an optional near-copy of the first row (`+ 10^-9` on one coefficient).
fn arb_wild() -> impl Strategy<Value = Problem> {
    (2usize..=6, 1usize..=6).prop_flat_map(|(n, m)| {
        let row = (
            prop::collection::vec(prop_oneof![2 => Just(None), 3 => wild().prop_map(Some)], n),
            0usize..3,
            wild(),
        );
        (
            prop::collection::vec(row, m),
            prop::collection::vec((0u8..5, -3i64..=3, 0i64..=4), n),
            prop::collection::vec(wild(), n),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(move |(rows, bounds, obj, max, parallel)| {
                let mut p = Problem::new(
                    if max {
                        Sense::Maximize
                    } else {
                        Sense::Minimize
                    },
                    n,
                );
                p.objective = obj;
                for (j, (kind, l, w)) in bounds.into_iter().enumerate() {
                    let (lo, hi) = match kind {
                        0 => (None, None),                               // free
                        1 => (Some(Rat::int(l)), Some(Rat::int(l))),     // fixed
                        2 => (Some(Rat::int(l)), None),                  // lower only
                        3 => (None, Some(Rat::int(l + w))),              // upper only
                        _ => (Some(Rat::int(l)), Some(Rat::int(l + w))), // boxed
                    };
                    p.lower[j] = lo;
                    p.upper[j] = hi;
                }
                let kinds = [RowKind::Le, RowKind::Ge, RowKind::Eq];
                p.rows = rows
                    .into_iter()
                    .map(|(a, k, b)| {
                        let coeffs = a
                            .into_iter()
                            .enumerate()
                            .filter_map(|(j, c)| c.map(|c| (j, c)))
                            .collect();
                        Row::new(coeffs, kinds[k], b)
                    })
                    .collect();
                if parallel && !p.rows[0].coeffs.is_empty() {
                    let mut near = p.rows[0].clone();
                    near.coeffs[0].1 += Rat::new(1, 1_000_000_000);
                    near.kind = RowKind::Le;
                    p.rows.push(near);
                }
                p
            })
    })
}

#[test]
fn fast_and_dense_agree_on_wild_lps() {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(300)
    };
    let kinds = std::cell::RefCell::new(std::collections::BTreeMap::<&str, u32>::new());
    TestRunner::new(config)
        .run(&arb_wild(), |p| {
            let (dense, _) = run(&p, Method::Dense, false);
            *kinds.borrow_mut().entry(dense.kind()).or_default() += 1;
            agree(&p)
        })
        .unwrap();
    // Every kind of answer occurs (the property is not vacuous).
    let kinds = kinds.into_inner();
    for k in ["optimal", "infeasible", "unbounded"] {
        assert!(kinds.get(k).copied().unwrap_or(0) >= 10, "{kinds:?}");
    }
}

/// Degenerate LPs: many rows through one vertex (all tight at the optimum).
#[test]
fn fast_and_dense_agree_on_degenerate_lps() {
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(100)
    };
    let strategy = (
        3usize..=5,
        prop::collection::vec(prop::collection::vec(-3i64..=3, 5), 4..12),
    );
    TestRunner::new(config)
        .run(&strategy, |(n, rows)| {
            // Rows a·x <= a·1 all pass through x = (1, ..., 1).
            let mut p = Problem::new(Sense::Maximize, n);
            p.objective = (0..n).map(|j| Rat::int(j as i64 + 1)).collect();
            for j in 0..n {
                p.lower[j] = Some(Rat::ZERO);
                p.upper[j] = Some(Rat::int(3));
            }
            for a in rows {
                let rhs: i64 = a[..n].iter().sum();
                let coeffs = (0..n)
                    .filter(|&j| a[j] != 0)
                    .map(|j| (j, Rat::int(a[j])))
                    .collect();
                p.rows.push(Row::new(coeffs, RowKind::Le, Rat::int(rhs)));
            }
            agree(&p)
        })
        .unwrap();
}

/// max 3x + 2y s.t. x + y <= 4, x + 3y <= 9, x <= 3, x, y >= 0. By hand: the optimum is
/// (3, 1) with value 11, the only one; the tight rows are the first and third, so
/// 3 = y1 + y3 and 2 = y1: y = (2, 0, 1), also unique (a nondegenerate vertex). A wrong
/// proposal must change nothing: not the answer, not the certificate.
#[test]
fn a_wrong_proposal_leaves_answer_and_certificate_unchanged() {
    let mut p = Problem::new(Sense::Maximize, 2);
    p.objective = vec![Rat::int(3), Rat::int(2)];
    p.lower = vec![Some(Rat::ZERO), Some(Rat::ZERO)];
    let r = |c: Vec<(usize, i64)>, b: i64| {
        Row::new(
            c.into_iter().map(|(j, a)| (j, Rat::int(a))).collect(),
            RowKind::Le,
            Rat::int(b),
        )
    };
    p.rows = vec![
        r(vec![(0, 1), (1, 1)], 4),
        r(vec![(0, 1), (1, 3)], 9),
        r(vec![(0, 1)], 3),
    ];
    let expected = Outcome::Optimal {
        x: vec![Rat::int(3), Rat::ONE],
        value: Rat::int(11),
        y: vec![Rat::int(2), Rat::ZERO, Rat::ONE],
        reduced: vec![Rat::ZERO, Rat::ZERO],
    };
    let (fast, fast_stats) = run(&p, Method::Fast, false);
    let (wrong, wrong_stats) = run(&p, Method::Fast, true);
    let (dense, _) = run(&p, Method::Dense, false);
    assert_eq!(fast, expected);
    assert_eq!(wrong, expected);
    assert_eq!(dense, expected);
    assert!(
        !fast_stats.fallback,
        "the float proposal proves: {fast_stats:?}"
    );
    assert!(
        wrong_stats.fallback,
        "the wrong proposal is repaired exactly: {wrong_stats:?}"
    );
}

/// On second-best LPs the fast path proves the float basis without falling back, and its
/// optimum equals the dense simplex's.
#[test]
fn second_best_lps_are_proven_without_fallback() {
    for (m, n, seed) in [(3, 3, 1), (4, 5, 2), (6, 6, 3), (8, 7, 4)] {
        let p = random_instance(m, n, seed).lp();
        let (fast, stats) = run(&p, Method::Fast, false);
        let (dense, _) = run(&p, Method::Dense, false);
        assert!(!stats.fallback, "{m}x{n}: {stats:?}");
        assert_eq!(value(&fast), value(&dense), "{m}x{n}");
    }
}

/// Errors are values: a malformed problem is reported, not a panic.
#[test]
fn malformed_problems_are_errors() {
    let mut p = Problem::new(Sense::Maximize, 1);
    p.rows
        .push(Row::new(vec![(3, Rat::ONE)], RowKind::Le, Rat::ONE));
    match solve_with(&p, &Options::default()) {
        Err(LpError::Malformed(e)) => assert!(e.contains("variable 3"), "{e}"),
        other => panic!("expected Malformed, got {other:?}"),
    }
}
