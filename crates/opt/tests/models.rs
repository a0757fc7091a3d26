//! The paper's LPs on instances solved by hand: the size of each model (variables and rows as
//! FORMAT.md names them) and its exact optimum or feasibility.

use mechcert_model::{Env, Instance};
use mechcert_num::Rat;
use mechcert_opt::{Agent, Model, PiRow, build, solve_model};

fn env(b: [&str; 2], s: [&str; 2]) -> Env<Rat> {
    let text = format!(
        "[buyer]\nvalues = [\"{}\", \"{}\"]\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = [\"{}\", \"{}\"]\nprobs = [\"1/2\", \"1/2\"]\n",
        b[0], b[1], s[0], s[1]
    );
    Instance::parse(&text, "<test>")
        .unwrap()
        .concrete()
        .unwrap()
}

/// B = (2, 5), S = (1, 3), all 1/2: Π^VCG' = 1/2 >= 0 (profiles (2,1): 2 - 1, (5,1): 2 - 3,
/// (5,3): 5 - 3, each with probability 1/4).
fn surplus() -> Env<Rat> {
    env(["2", "5"], ["1", "3"])
}

/// B = (2, 10), S = (0, 9), all 1/2: B2 > S2 > B1 > S1 with Π(x*) = -1 < 0.
fn deficit() -> Env<Rat> {
    env(["2", "10"], ["0", "9"])
}

fn value(e: &Env<Rat>, m: &Model) -> Rat {
    solve_model(e, m).unwrap().value().cloned().unwrap()
}

#[test]
fn model_sizes_follow_format_md() {
    let e = surplus();
    // second best: x(i,j) and t(i,j) (2mn = 8 variables); ic_b, ic_s m(m-1) + n(n-1) = 4 rows,
    // ir_b, ir_s m + n = 4 rows
    let sb = build(&e, &Model::SecondBest { ex_post_ir: false });
    assert_eq!((sb.vars.len(), sb.rows.len()), (8, 8));
    assert!(sb.vars.contains(&"x(2,1)".to_string()) && sb.rows.contains(&"ic_b(2,1)".to_string()));
    // ex post IR adds epir_b and epir_s at every profile: 2mn = 8 more rows
    let sb = build(&e, &Model::SecondBest { ex_post_ir: true });
    assert_eq!(sb.rows.len(), 16);
    // max surplus: interim transfers tb(i), ts(j) (m + n = 4), the same 8 IC and IR rows
    let ms = build(&e, &Model::MaxSurplus { allocation: None });
    assert_eq!((ms.vars.len(), ms.rows.len()), (4, 8));
}

#[test]
fn proposition_1_and_theorem_1_by_lp() {
    let e = surplus();
    // Proposition 1: the maximum surplus over efficient IC IR mechanisms is Π^VCG' = 1/2
    assert_eq!(
        value(&e, &Model::MaxSurplus { allocation: None }),
        Rat::new(1, 2)
    );
    // Theorem 1: Π^VCG' >= 0, so an efficient BB IC IR mechanism exists; with Π(x*) = -1 < 0
    // it does not (a Farkas certificate)
    let bb = Model::BbFeasible {
        allocation: None,
        ex_post_ir: false,
        free_ties: false,
    };
    assert!(solve_model(&e, &bb).unwrap().is_feasible());
    assert!(!solve_model(&deficit(), &bb).unwrap().is_feasible());
}

#[test]
fn lemma_2_bound_is_attained() {
    // (A.1) for B1 = 2: t̄_b(B1) <= F_s(B1) B1 = (1/2) 2 = 1, attained by VCG'
    let e = surplus();
    let m = Model::MaxInterim {
        agent: Agent::Buyer,
        index: 0,
    };
    assert_eq!(value(&e, &m), Rat::ONE);
}

#[test]
fn second_best_theorem_3_and_the_face() {
    // With Π^VCG' >= 0 the second best is the first best: W = 1/4 ((2-1) + (5-1) + (5-3)) = 7/4
    assert_eq!(
        value(&surplus(), &Model::SecondBest { ex_post_ir: false }),
        Rat::new(7, 4)
    );
    // The deficit instance: x11 = 1, x21 = 1, x22 = 1/2 gives W = 1/4 (2 + 10 + 1/2) = 25/8
    // (hand computation in crates/claims/tests/certify.rs); Theorem 3's reduced problem has the
    // same optimum, and the largest Π(x) among optimal allocations is 0
    let e = deficit();
    let w = value(&e, &Model::SecondBest { ex_post_ir: false });
    assert_eq!(w, Rat::new(25, 8));
    assert_eq!(value(&e, &Model::Reduced { pi: PiRow::Zero }), w);
    assert_eq!(
        value(
            &e,
            &Model::MaxPi {
                welfare_at_least: w
            }
        ),
        Rat::ZERO
    );
}
