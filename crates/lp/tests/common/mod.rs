//! Shared test helpers: the data-driven `check`, a brute-force vertex enumerator, the
//! second-best generator and the random-LP strategy.

#![allow(dead_code)]

pub mod brute;
pub mod second_best;
pub mod strategies;

use mechcert_lp::{
    Method, Options, Outcome, Pricing, Problem, Rat, Row, RowKind, Sense, check_outcome, solve_with,
};

/// What a test expects of a problem.
#[derive(Clone, Debug)]
pub enum Expect {
    /// Optimal with this value, and (if given) exactly this `x`.
    Optimal(Rat, Option<Vec<Rat>>),
    Infeasible,
    Unbounded,
}

/// The option sets every problem is solved with: the default, pure Bland, plain Dantzig
/// (no shortlist), plain Dantzig falling back to Bland after one degenerate pivot, the
/// dense exact simplex alone, the fast path (float proposal proven exactly), and the fast
/// path handed a deliberately wrong proposal (the exact side must repair it).
pub fn option_sets() -> Vec<Options> {
    vec![
        Options {
            method: Method::Dense,
            ..Options::default()
        },
        Options {
            method: Method::Fast,
            ..Options::default()
        },
        Options {
            method: Method::Fast,
            wrong_proposal: true,
            ..Options::default()
        },
        Options::default(),
        Options {
            pricing: Pricing::Bland,
            ..Options::default()
        },
        Options {
            shortlist: 1,
            ..Options::default()
        },
        Options {
            shortlist: 1,
            bland_after: Some(1),
            ..Options::default()
        },
    ]
}

/// Solve `p` under every option set; each outcome must verify with `check_outcome` and
/// match `expect`. Returns the default outcome.
pub fn check(p: &Problem, expect: &Expect) -> Outcome {
    let mut first = None;
    for opts in option_sets() {
        // Verify explicitly below (so that a broken self-check cannot hide a bug).
        let opts = Options {
            verify: false,
            ..opts
        };
        let out = solve_with(p, &opts).expect("solves").outcome;
        if let Err(e) = check_outcome(p, &out) {
            panic!("certificate rejected ({opts:?}): {e}\nproblem: {p:?}\noutcome: {out:?}");
        }
        match (expect, &out) {
            (Expect::Optimal(v, xs), Outcome::Optimal { value, x, .. }) => {
                assert_eq!(value, v, "optimal value ({opts:?})");
                if let Some(xs) = xs {
                    assert_eq!(x, xs, "optimal point ({opts:?})");
                }
            }
            (Expect::Infeasible, Outcome::Infeasible { .. }) => {}
            (Expect::Unbounded, Outcome::Unbounded { .. }) => {}
            _ => panic!("expected {expect:?}, got {out:?} ({opts:?})"),
        }
        first.get_or_insert(out);
    }
    first.expect("at least one option set")
}

/// `n/d` shorthand.
pub fn q(n: i64, d: i64) -> Rat {
    Rat::new(n, d)
}

/// Integer shorthand.
pub fn r(n: i64) -> Rat {
    Rat::int(n)
}

/// A row from dense integer coefficients.
pub fn row(coeffs: &[i64], kind: RowKind, rhs: i64) -> Row {
    Row::new(
        coeffs
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != 0)
            .map(|(j, c)| (j, r(*c)))
            .collect(),
        kind,
        r(rhs),
    )
}

/// A problem from dense integer data; all variables `>= 0` unless changed afterwards.
pub fn lp(sense: Sense, c: &[i64], rows: Vec<Row>) -> Problem {
    let mut p = Problem::new(sense, c.len());
    p.objective = c.iter().map(|v| r(*v)).collect();
    p.rows = rows;
    p.lower = vec![Some(Rat::ZERO); c.len()];
    p
}
