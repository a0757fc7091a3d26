//! The market LPs on the hand-computed markets of `proofs/`: the largest surplus of an
//! efficient, interim IC and IR mechanism is Π^VCG' (29/8 and -1/8, both worked by hand in
//! crates/verify/tests/market.rs), and an efficient ex post BB IC IR mechanism exists exactly
//! when it is >= 0; the predicted sizes equal the built ones.

use mechcert_lp::limits::Size;
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_opt::market::market_size;
use mechcert_opt::{Model, build_market, solve_market};

fn agents(text: &str) -> mechcert_model::Agents {
    Instance::parse(text, "<test>").unwrap().agents().unwrap()
}

#[test]
fn two_buyers_two_sellers_and_a_deficit() {
    let cases = [
        (
            include_str!("../../../proofs/market-two-buyers-two-sellers.toml"),
            "29/8",
        ),
        (
            include_str!("../../../proofs/heterogeneous-buyers-deficit.toml"),
            "-1/8",
        ),
    ];
    for (text, pi) in cases {
        let a = agents(text);
        let pi: Rat = pi.parse().unwrap();
        let max = solve_market(&a, &Model::MarketMaxSurplus).unwrap();
        assert_eq!(max.value(), Some(&pi));
        let bb = solve_market(&a, &Model::MarketBbFeasible).unwrap();
        assert_eq!(bb.is_feasible(), !pi.is_negative());
        for model in [Model::MarketMaxSurplus, Model::MarketBbFeasible] {
            let lp = build_market(&a, &model);
            let built = Size::of(&lp.problem);
            let predicted = market_size(&a, &model);
            assert_eq!((built.rows, built.cols), (predicted.rows, predicted.cols));
            assert!(built.nnz <= predicted.nnz, "{} nonzeros", model.name());
        }
    }
}
