//! `check_outcome` on hand-made certificates: each bogus one is wrong in exactly one way
//! the contract forbids and must be rejected with the matching reason; the valid ones
//! next to them must be accepted. (The solver is not involved.)

mod common;

use common::{lp, q, r, row};
use mechcert_lp::{Outcome, Problem, Rat, RowKind::*, Sense, check_outcome};

fn optimal(x: &[Rat], value: Rat, y: &[Rat], reduced: &[Rat]) -> Outcome {
    Outcome::Optimal {
        x: x.to_vec(),
        value,
        y: y.to_vec(),
        reduced: reduced.to_vec(),
    }
}

/// `max x` with `x` in `[0, 1]` and no rows.
fn unit_box(sense: Sense) -> Problem {
    let mut p = lp(sense, &[1], vec![]);
    p.upper = vec![Some(r(1))];
    p
}

#[test]
fn optimal_certificates() {
    let p = unit_box(Sense::Maximize);
    let cases: Vec<(Outcome, Option<&str>)> = vec![
        (optimal(&[r(1)], r(1), &[], &[r(1)]), None),
        // A feasible but suboptimal point: the dual bound 1 is not the value 0.
        (optimal(&[r(0)], r(0), &[], &[r(1)]), Some("dual bound")),
        (
            optimal(&[r(1)], r(2), &[], &[r(1)]),
            Some("differs from objective"),
        ),
        (
            optimal(&[r(2)], r(2), &[], &[r(1)]),
            Some("above its upper bound"),
        ),
        (
            optimal(&[r(1)], r(1), &[], &[r(0)]),
            Some("objective - A^T y"),
        ),
        (
            optimal(&[r(1)], r(1), &[r(0)], &[r(1)]),
            Some("y has 1 entries"),
        ),
    ];
    for (o, want) in cases {
        match (check_outcome(&p, &o), want) {
            (Ok(()), None) => {}
            (Err(e), Some(w)) => assert!(e.contains(w), "{o:?}: error {e:?} lacks {w:?}"),
            (res, _) => panic!("{o:?}: got {res:?}, wanted {want:?}"),
        }
    }
    // The reduced cost needs the bound it points to: max x with x >= 0 only.
    let p = lp(Sense::Maximize, &[1], vec![]);
    let e = check_outcome(&p, &optimal(&[r(0)], r(0), &[], &[r(1)])).unwrap_err();
    assert!(e.contains("needs a finite upper bound"), "{e}");
    // Minimisation: min x on [0, 1] is 0 with reduced 1 pointing at the lower bound; the
    // maximisation's pattern (pointing at the upper bound) must be rejected.
    let p = unit_box(Sense::Minimize);
    assert_eq!(
        check_outcome(&p, &optimal(&[r(0)], r(0), &[], &[r(1)])),
        Ok(())
    );
    assert!(check_outcome(&p, &optimal(&[r(1)], r(1), &[], &[r(1)])).is_err());
    // Multiplier signs: min x, x >= 2 as a Ge row, x free. y = 1 (>= 0 on Ge for a min).
    let mut p = lp(Sense::Minimize, &[1], vec![row(&[1], Ge, 2)]);
    p.lower = vec![None];
    assert_eq!(
        check_outcome(&p, &optimal(&[r(2)], r(2), &[r(1)], &[r(0)])),
        Ok(())
    );
    // The same numbers for the maximisation of -x (value -2) need y = -1.
    let mut pm = p.clone();
    pm.sense = Sense::Maximize;
    pm.objective = vec![r(-1)];
    assert_eq!(
        check_outcome(&pm, &optimal(&[r(2)], r(-2), &[r(-1)], &[r(0)])),
        Ok(())
    );
    let e = check_outcome(&pm, &optimal(&[r(2)], r(-2), &[r(1)], &[r(-2)])).unwrap_err();
    assert!(e.contains("wrong sign"), "{e}");
}

#[test]
fn farkas_certificates() {
    // x <= 0 with x in [0, 1] is feasible (x = 0); y = 1 gives min a·x = 0 = y·b, which
    // is not strictly greater, so it must be rejected.
    let mut p = lp(Sense::Maximize, &[1], vec![row(&[1], Le, 0)]);
    p.upper = vec![Some(r(1))];
    let e = check_outcome(&p, &Outcome::Infeasible { y: vec![r(1)] }).unwrap_err();
    assert!(e.contains("not greater"), "{e}");
    // x <= -1 with x in [0, 1]: y = 1/2 is a valid certificate, y = -1/2 has the wrong sign.
    let mut p = lp(Sense::Minimize, &[1], vec![row(&[1], Le, -1)]);
    p.upper = vec![Some(r(1))];
    assert_eq!(
        check_outcome(&p, &Outcome::Infeasible { y: vec![q(1, 2)] }),
        Ok(())
    );
    assert!(check_outcome(&p, &Outcome::Infeasible { y: vec![q(-1, 2)] }).is_err());
    // With x free, A^T y = 1 points at a missing lower bound.
    p.lower = vec![None];
    let e = check_outcome(&p, &Outcome::Infeasible { y: vec![r(1)] }).unwrap_err();
    assert!(e.contains("no lower bound"), "{e}");
    // An empty box needs y = 0, and y = 0 is only accepted for an empty box.
    let mut p = lp(Sense::Maximize, &[1], vec![row(&[1], Le, 5)]);
    assert!(check_outcome(&p, &Outcome::Infeasible { y: vec![r(0)] }).is_err());
    p.lower = vec![Some(r(2))];
    p.upper = vec![Some(r(1))];
    assert_eq!(
        check_outcome(&p, &Outcome::Infeasible { y: vec![r(0)] }),
        Ok(())
    );
    assert!(check_outcome(&p, &Outcome::Infeasible { y: vec![r(1)] }).is_err());
}

#[test]
fn unbounded_certificates() {
    // max x + y, x - y <= 1, x, y >= 0.
    let p = lp(Sense::Maximize, &[1, 1], vec![row(&[1, -1], Le, 1)]);
    let ok = |x: &[i64], ray: &[i64]| {
        check_outcome(
            &p,
            &Outcome::Unbounded {
                x: x.iter().map(|v| r(*v)).collect(),
                ray: ray.iter().map(|v| r(*v)).collect(),
            },
        )
    };
    assert_eq!(ok(&[0, 0], &[1, 1]), Ok(()));
    assert_eq!(ok(&[1, 0], &[0, 1]), Ok(()));
    assert!(ok(&[0, 0], &[1, 0]).unwrap_err().contains("changes by"));
    assert!(
        ok(&[0, 0], &[0, -1])
            .unwrap_err()
            .contains("has a lower bound")
    );
    assert!(
        ok(&[0, 0], &[0, 0])
            .unwrap_err()
            .contains("does not improve")
    );
    assert!(ok(&[2, 0], &[1, 1]).unwrap_err().contains("violated"));
    // A ray may not increase a variable with an upper bound.
    let mut pu = p.clone();
    pu.upper = vec![Some(r(5)), None];
    let o = Outcome::Unbounded {
        x: vec![r(0), r(0)],
        ray: vec![r(1), r(1)],
    };
    assert!(
        check_outcome(&pu, &o)
            .unwrap_err()
            .contains("has an upper bound")
    );
    // The same ray does not improve a minimisation.
    let mut pm = p.clone();
    pm.sense = Sense::Minimize;
    let o = Outcome::Unbounded {
        x: vec![r(0), r(0)],
        ray: vec![r(1), r(1)],
    };
    assert!(
        check_outcome(&pm, &o)
            .unwrap_err()
            .contains("does not improve")
    );
}
