//! The Section 7.3 showcase on small grids: exact W_n and FB_n for n = 1..5 as a snapshot,
//! with the numbers that can be done by hand asserted first.

use mechcert_lp::{Method, Options, Outcome, solve_with};
use mechcert_num::Rat;
use mechcert_opt::showcase::{first_best_formula, point};
use mechcert_opt::{Model, build};

#[test]
fn small_grids_by_hand_and_snapshot() {
    let pts: Vec<_> = (1..=5).map(|n| point(n).expect("small")).collect();
    // FB_n = (n^2 - 1) / (6 n^2): 0, 1/8, 4/27, 5/32, 4/25.
    let fb: Vec<Rat> = pts.iter().map(|p| p.first_best.clone()).collect();
    assert_eq!(
        fb,
        vec![
            Rat::ZERO,
            Rat::new(1, 8),
            Rat::new(4, 27),
            Rat::new(5, 32),
            Rat::new(4, 25)
        ]
    );
    for p in &pts {
        assert_eq!(p.first_best, first_best_formula(p.n));
    }
    // n = 1: one value 1/2 on each side, nothing to gain: W_1 = 0.
    assert_eq!(pts[0].second_best, Rat::ZERO);
    // n = 2: values 1/4, 3/4. The only gainful pair (3/4, 1/4) trades at the posted price
    // 1/2: buyer 3/4 gets (1/2)(3/4 - 1/2) >= 0, buyer 1/4 reporting 3/4 would get
    // (1/2)(1/4 - 1/2) < 0, the seller symmetrically; budget balanced. So W_2 = FB_2 = 1/8.
    assert_eq!(pts[1].second_best, Rat::new(1, 8));
    // n = 3: values 1/6, 1/2, 5/6. Every gainful pair (1/2,1/6), (5/6,1/6), (5/6,1/2) has
    // B >= 1/2 >= S, so the posted price 1/2 is efficient: W_3 = FB_3 = 4/27.
    assert_eq!(pts[2].second_best, Rat::new(4, 27));
    // n = 4, 5: the second computation is the dense exact simplex on the same LP, which must
    // agree with the fast path's proven optimum.
    for p in &pts[3..] {
        assert!(p.second_best <= p.first_best, "n = {}", p.n);
        let lp = build(&p.env, &Model::SecondBest { ex_post_ir: false });
        let dense = solve_with(
            &lp.problem,
            &Options {
                method: Method::Dense,
                ..Options::default()
            },
        )
        .expect("solves");
        let Outcome::Optimal { value, .. } = dense.outcome else {
            panic!("optimal");
        };
        assert_eq!(value, p.second_best, "n = {}", p.n);
    }
    let table: Vec<String> = pts
        .iter()
        .map(|p| {
            format!(
                "n = {}: W_n = {}, FB_n = {}",
                p.n, p.second_best, p.first_best
            )
        })
        .collect();
    insta::assert_snapshot!(table.join("\n"));
}
