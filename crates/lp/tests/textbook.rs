//! Hand-solved LPs: optima, infeasible and unbounded problems, degenerate cycling examples,
//! equality rows, free / fixed / bounded variables, both senses. Each case goes through
//! `common::check` (all option sets, certificate re-verified, answer compared).

mod common;

use common::{Expect, check, lp, q, r, row};
use mechcert_lp::{Options, Outcome, Problem, Rat, Row, RowKind::*, Sense::*, solve_with};

fn opt(v: Rat, x: &[Rat]) -> Expect {
    Expect::Optimal(v, Some(x.to_vec()))
}

/// Wyndor glass (Hillier & Lieberman): max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18.
/// Vertices (0,0)=0, (4,0)=12, (4,3)=27, (2,6)=36, (0,6)=30: optimum 36 at (2,6).
fn wyndor(sense: mechcert_lp::Sense) -> Problem {
    let s = if sense == Maximize { 1 } else { -1 };
    lp(
        sense,
        &[3 * s, 5 * s],
        vec![
            row(&[1, 0], Le, 4),
            row(&[0, 2], Le, 12),
            row(&[3, 2], Le, 18),
        ],
    )
}

#[test]
fn wyndor_max_and_min() {
    check(&wyndor(Maximize), &opt(r(36), &[r(2), r(6)]));
    // min -3x - 5y: the same point, value -36.
    let out = check(&wyndor(Minimize), &opt(r(-36), &[r(2), r(6)]));
    // Multipliers of the minimisation are <= 0 on Le rows: y = (0, -3/2, -1).
    let Outcome::Optimal { y, .. } = out else {
        unreachable!()
    };
    assert_eq!(y, vec![r(0), q(-3, 2), r(-1)]);
}

#[test]
fn diet_minimisation() {
    // min 2x + 3y, x + y >= 4, x + 3y >= 6: vertices (0,4)=12, (3,1)=9, (6,0)=12.
    let p = lp(
        Minimize,
        &[2, 3],
        vec![row(&[1, 1], Ge, 4), row(&[1, 3], Ge, 6)],
    );
    let out = check(&p, &opt(r(9), &[r(3), r(1)]));
    // y solves y1 + y2 = 2, y1 + 3y2 = 3: y = (3/2, 1/2), >= 0 on Ge rows of a min.
    let Outcome::Optimal { y, reduced, .. } = out else {
        unreachable!()
    };
    assert_eq!(y, vec![q(3, 2), q(1, 2)]);
    assert_eq!(reduced, vec![r(0), r(0)]);
}

#[test]
fn equality_rows() {
    // max x + 2y + 3z, x + y + z = 1: z = 1, value 3.
    let p = lp(Maximize, &[1, 2, 3], vec![row(&[1, 1, 1], Eq, 1)]);
    check(&p, &opt(r(3), &[r(0), r(0), r(1)]));
    // max x + y, x - y = 0, x + 2y <= 6: x = y = 2, value 4.
    let p = lp(
        Maximize,
        &[1, 1],
        vec![row(&[1, -1], Eq, 0), row(&[1, 2], Le, 6)],
    );
    check(&p, &opt(r(4), &[r(2), r(2)]));
    // Two equations pin the point: x + y = 3, x - y = 1 -> (2, 1); min x + 5y = 7.
    let p = lp(
        Minimize,
        &[1, 5],
        vec![row(&[1, 1], Eq, 3), row(&[1, -1], Eq, 1)],
    );
    check(&p, &opt(r(7), &[r(2), r(1)]));
}

#[test]
fn free_variables() {
    // min y, y - x >= -1, y + x >= 3, x and y free: the V's bottom is x = 2, y = 1.
    let mut p = lp(
        Minimize,
        &[0, 1],
        vec![row(&[-1, 1], Ge, -1), row(&[1, 1], Ge, 3)],
    );
    p.lower = vec![None, None];
    check(&p, &opt(r(1), &[r(2), r(1)]));
    // A free variable that must go negative: max -x, x >= -5 as a row -> x = -5, value 5.
    let mut p = lp(Maximize, &[-1], vec![row(&[1], Ge, -5)]);
    p.lower = vec![None];
    check(&p, &opt(r(5), &[r(-5)]));
}

#[test]
fn fixed_and_bounded_variables() {
    // max x + y, x + y <= 10, x fixed at 3, y in [0, 5]: value 8.
    let mut p = lp(Maximize, &[1, 1], vec![row(&[1, 1], Le, 10)]);
    p.lower = vec![Some(r(3)), Some(r(0))];
    p.upper = vec![Some(r(3)), Some(r(5))];
    check(&p, &opt(r(8), &[r(3), r(5)]));
    // max x - y, x in [-2, 3], y in [-1, 4], x + y <= 1: y = -1, x = 2, value 3.
    let mut p = lp(Maximize, &[1, -1], vec![row(&[1, 1], Le, 1)]);
    p.lower = vec![Some(r(-2)), Some(r(-1))];
    p.upper = vec![Some(r(3)), Some(r(4))];
    check(&p, &opt(r(3), &[r(2), r(-1)]));
    // Only bounds: min 2x - 3y with x in [1/2, 7], y in [-4, 5/3]: x = 1/2, y = 5/3, value -4.
    let mut p = lp(Minimize, &[2, -3], vec![]);
    p.lower = vec![Some(q(1, 2)), Some(r(-4))];
    p.upper = vec![Some(r(7)), Some(q(5, 3))];
    check(&p, &opt(r(-4), &[q(1, 2), q(5, 3)]));
    // A variable bounded only above: max x, x <= 7 by its bound -> 7.
    let mut p = lp(Maximize, &[1], vec![]);
    p.lower = vec![None];
    p.upper = vec![Some(r(7))];
    check(&p, &opt(r(7), &[r(7)]));
}

#[test]
fn beale_cycling_example() {
    // Beale (1955): cycles under Dantzig's rule with the lowest-index tie break.
    // min -3/4 x1 + 20 x2 - 1/2 x3 + 6 x4
    //   1/4 x1 -  8 x2 -     x3 + 9 x4 <= 0
    //   1/2 x1 - 12 x2 - 1/2 x3 + 3 x4 <= 0
    //                        x3        <= 1
    // Optimum -5/4 at x = (1, 0, 1, 0); duals (0, -3/2, -5/4) (<= 0: Le rows of a min).
    let mut p = Problem::new(Minimize, 4);
    p.objective = vec![q(-3, 4), r(20), q(-1, 2), r(6)];
    p.lower = vec![Some(r(0)); 4];
    p.rows = vec![
        Row::new(
            vec![(0, q(1, 4)), (1, r(-8)), (2, r(-1)), (3, r(9))],
            Le,
            r(0),
        ),
        Row::new(
            vec![(0, q(1, 2)), (1, r(-12)), (2, q(-1, 2)), (3, r(3))],
            Le,
            r(0),
        ),
        Row::new(vec![(2, r(1))], Le, r(1)),
    ];
    let out = check(&p, &opt(q(-5, 4), &[r(1), r(0), r(1), r(0)]));
    let Outcome::Optimal { y, .. } = &out else {
        unreachable!()
    };
    assert_eq!(*y, vec![r(0), q(-3, 2), q(-5, 4)]);
    // Under plain Dantzig pricing its degenerate pivots trigger the fall-back to Bland's
    // rule when that is set to happen after one degenerate pivot; the answer is the same.
    // (The default shortlist pricing avoids the degenerate pivots here altogether.)
    let opts = Options {
        shortlist: 1,
        bland_after: Some(1),
        ..Options::default()
    };
    let report = solve_with(&p, &opts).expect("solves");
    assert!(report.stats.degenerate > 0, "{:?}", report.stats);
    assert!(report.stats.bland_switches > 0, "{:?}", report.stats);
    assert_eq!(report.outcome, out);
}

#[test]
fn kuhn_degenerate_example() {
    // Kuhn's cycling example (as in Chvátal's book, maximisation form):
    // max 10 x1 - 57 x2 - 9 x3 - 24 x4
    //   1/2 x1 - 11/2 x2 - 5/2 x3 + 9 x4 <= 0
    //   1/2 x1 -  3/2 x2 - 1/2 x3 +   x4 <= 0
    //       x1                          <= 1
    // Optimum 1 at x = (1, 0, 1, 0): x1 = 1 forces x2/x3 to balance row 2 (x3 = 1
    // gives 1/2 - 1/2 = 0), value 10 - 9 = 1.
    let mut p = Problem::new(Maximize, 4);
    p.objective = vec![r(10), r(-57), r(-9), r(-24)];
    p.lower = vec![Some(r(0)); 4];
    p.rows = vec![
        Row::new(
            vec![(0, q(1, 2)), (1, q(-11, 2)), (2, q(-5, 2)), (3, r(9))],
            Le,
            r(0),
        ),
        Row::new(
            vec![(0, q(1, 2)), (1, q(-3, 2)), (2, q(-1, 2)), (3, r(1))],
            Le,
            r(0),
        ),
        Row::new(vec![(0, r(1))], Le, r(1)),
    ];
    check(&p, &opt(r(1), &[r(1), r(0), r(1), r(0)]));
}

#[test]
fn infeasible_problems() {
    // x + y <= 1 and x + y >= 3: y = (1, -1) gives 0 > 1 - 3.
    let p = lp(
        Maximize,
        &[1, 1],
        vec![row(&[1, 1], Le, 1), row(&[1, 1], Ge, 3)],
    );
    let out = check(&p, &Expect::Infeasible);
    let Outcome::Infeasible { y } = out else {
        unreachable!()
    };
    assert!(y[0].is_positive() && y[1].is_negative() && y[0] == -&y[1]);
    // A row against the bounds: x >= 5 with x in [0, 2].
    let mut p = lp(Minimize, &[1], vec![row(&[1], Ge, 5)]);
    p.upper = vec![Some(r(2))];
    check(&p, &Expect::Infeasible);
    // A zero row 0 >= 1 among harmless rows.
    let p = lp(
        Maximize,
        &[1, 0],
        vec![row(&[1, 1], Le, 4), row(&[0, 0], Ge, 1)],
    );
    let out = check(&p, &Expect::Infeasible);
    assert_eq!(
        out,
        Outcome::Infeasible {
            y: vec![r(0), r(-1)]
        }
    );
    // Equalities with free variables: x + y = 1, x + y = 2.
    let mut p = lp(
        Minimize,
        &[1, 1],
        vec![row(&[1, 1], Eq, 1), row(&[1, 1], Eq, 2)],
    );
    p.lower = vec![None, None];
    check(&p, &Expect::Infeasible);
    // An empty bound box (l > u): y = 0 by convention.
    let mut p = lp(Maximize, &[1], vec![row(&[1], Le, 4)]);
    p.lower = vec![Some(r(3))];
    p.upper = vec![Some(r(2))];
    assert_eq!(
        check(&p, &Expect::Infeasible),
        Outcome::Infeasible { y: vec![r(0)] }
    );
    // No variables, a violated constant row.
    let p = lp(Maximize, &[], vec![row(&[], Le, -1)]);
    check(&p, &Expect::Infeasible);
}

#[test]
fn unbounded_problems() {
    // max x + y, x - y <= 1: along (1, 1) forever.
    let p = lp(Maximize, &[1, 1], vec![row(&[1, -1], Le, 1)]);
    check(&p, &Expect::Unbounded);
    // min x with x free and no rows: ray -1.
    let mut p = lp(Minimize, &[1], vec![]);
    p.lower = vec![None];
    let out = check(&p, &Expect::Unbounded);
    assert_eq!(
        out,
        Outcome::Unbounded {
            x: vec![r(0)],
            ray: vec![r(-1)]
        }
    );
    // Unbounded only through an equality line: max x1 + x2, x1 - x2 = 0, both free.
    let mut p = lp(Maximize, &[1, 1], vec![row(&[1, -1], Eq, 0)]);
    p.lower = vec![None, None];
    check(&p, &Expect::Unbounded);
    // Unbounded after phase 1: x >= 3 (row), max x - y with y in [0, 1].
    let mut p = lp(Maximize, &[1, -1], vec![row(&[1, 0], Ge, 3)]);
    p.upper = vec![None, Some(r(1))];
    check(&p, &Expect::Unbounded);
}

#[test]
fn empty_and_trivial_problems() {
    // No variables, no rows.
    let p = lp(Maximize, &[], vec![]);
    check(&p, &opt(r(0), &[]));
    // No variables, satisfied constant rows.
    let p = lp(
        Minimize,
        &[],
        vec![row(&[], Le, 1), row(&[], Eq, 0), row(&[], Ge, -2)],
    );
    check(&p, &opt(r(0), &[]));
    // A zero row that holds and a zero objective: any feasible point, value 0.
    let p = lp(Maximize, &[0, 0], vec![row(&[0, 0], Le, 0)]);
    check(&p, &Expect::Optimal(r(0), None));
    // Repeated indices in a row are added: (x) + (x) <= 4 means 2x <= 4.
    let mut p = lp(Maximize, &[1], vec![]);
    p.rows = vec![Row::new(vec![(0, r(1)), (0, r(1))], Le, r(4))];
    check(&p, &opt(r(2), &[r(2)]));
}

#[test]
fn phase_one_is_needed() {
    // Start (0,0) violates both Ge rows. min x + y, x + 2y >= 4, 3x + y >= 6, x <= 10:
    // vertices (0,6)=6, (8/5, 6/5)=14/5, (4,0)=4: optimum 14/5.
    let mut p = lp(
        Minimize,
        &[1, 1],
        vec![row(&[1, 2], Ge, 4), row(&[3, 1], Ge, 6)],
    );
    p.upper = vec![Some(r(10)), None];
    check(&p, &opt(q(14, 5), &[q(8, 5), q(6, 5)]));
}
