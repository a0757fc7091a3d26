//! The one proptest strategy for small random LPs, shaped by a [`Spec`]: how many variables
//! and rows, which row kinds, the objective's range, which bounds, and whether every row and
//! every column must have a nonzero coefficient.

use std::ops::RangeInclusive;

use mechcert_lp::{Problem, Rat, Row, RowKind, Sense};
use proptest::prelude::*;

/// Which bounds the variables get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bounds {
    /// Every variable boxed: l in -3..=0, u = l + 1..=4.
    Finite,
    /// Every variable free.
    Free,
    /// Each side of the box missing with probability 1/3 (l in -3..=1, u = l + 0..=4).
    Mixed,
}

/// The shape of the random LPs.
#[derive(Clone, Debug)]
pub struct Spec {
    pub vars: RangeInclusive<usize>,
    pub rows: RangeInclusive<usize>,
    pub kinds: Vec<RowKind>,
    pub objective: RangeInclusive<i64>,
    pub bounds: Bounds,
    /// Only problems without zero rows and zero columns.
    pub rigid: bool,
}

impl Spec {
    /// 2-4 variables, 1-5 rows of every kind, objective in -3..=3.
    pub fn small(bounds: Bounds) -> Spec {
        Spec {
            vars: 2..=4,
            rows: 1..=5,
            kinds: vec![RowKind::Le, RowKind::Ge, RowKind::Eq],
            objective: -3..=3,
            bounds,
            rigid: false,
        }
    }
}

/// Random LPs of the given shape: coefficients in -3..=3 (zero with probability about 2/5
/// unless rigid), right-hand sides in -5..=5, either sense.
pub fn arb_lp(spec: Spec) -> impl Strategy<Value = Problem> {
    let Spec {
        vars,
        rows,
        kinds,
        objective,
        bounds,
        rigid,
    } = spec;
    (vars, rows).prop_flat_map(move |(n, m)| {
        let coef = if rigid {
            (-3i64..=3).boxed()
        } else {
            prop_oneof![2 => Just(0i64), 3 => -3i64..=3].boxed()
        };
        let rows = prop::collection::vec(
            (prop::collection::vec(coef, n), 0..kinds.len(), -5i64..=5),
            m,
        );
        let bound = (-3i64..=1, 0i64..=4, 0u8..3, 0u8..3);
        let kinds = kinds.clone();
        (
            rows,
            prop::collection::vec(bound, n),
            prop::collection::vec(objective.clone(), n),
            any::<bool>(),
        )
            .prop_map(move |(rows, bounds_drawn, obj, max)| {
                let sense = if max {
                    Sense::Maximize
                } else {
                    Sense::Minimize
                };
                let mut p = Problem::new(sense, n);
                p.objective = obj.into_iter().map(Rat::int).collect();
                for (j, (l, w, hide_l, hide_u)) in bounds_drawn.into_iter().enumerate() {
                    let (lo, hi) = match bounds {
                        Bounds::Free => (None, None),
                        Bounds::Finite => (Some(l.min(0)), Some(l.min(0) + w.max(1))),
                        Bounds::Mixed => {
                            ((hide_l != 0).then_some(l), (hide_u != 0).then_some(l + w))
                        }
                    };
                    p.lower[j] = lo.map(Rat::int);
                    p.upper[j] = hi.map(Rat::int);
                }
                p.rows = rows
                    .into_iter()
                    .map(|(a, k, b)| {
                        let coeffs = a
                            .into_iter()
                            .enumerate()
                            .filter(|(_, c)| *c != 0)
                            .map(|(j, c)| (j, Rat::int(c)))
                            .collect();
                        Row::new(coeffs, kinds[k], Rat::int(b))
                    })
                    .collect();
                p
            })
            .prop_filter("no zero rows or columns when rigid", move |p| {
                !rigid
                    || (p.rows.iter().all(|r| !r.coeffs.is_empty())
                        && (0..p.n_vars())
                            .all(|j| p.rows.iter().any(|r| r.coeffs.iter().any(|(k, _)| *k == j))))
            })
    })
}
