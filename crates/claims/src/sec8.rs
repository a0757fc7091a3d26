//! Section 8 (ex post individual rationality): with two types on each side an efficient BB
//! mechanism can be made ex post IR whenever one with interim IR exists (Matsuo); with more
//! types there are instances where it cannot (an existential claim: search finds a witness).

use mechcert_model::Instance;
use mechcert_opt::{Model, build, solve_named};

use crate::certificate::{Certified, Mode, Rel, Role};
use crate::evidence::{self, one_buyer, shape};
use crate::expr::{Expr, max};
use crate::registry::{Claim, generic, on_concrete};

fn efficient_bb(ex_post_ir: bool) -> Model {
    Model::BbFeasible {
        allocation: None,
        ex_post_ir,
        free_ties: false,
    }
}

fn two_by_two(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && shape(bd, 2, 2)?) {
            return Ok(());
        }
        let env = bd.env();
        let interim = solve_named(build(env, &efficient_bb(false)));
        let interim = evidence::lp_feasibility(bd, "efficient BB, interim IR", &interim, None);
        if !bd.is(
            Role::Condition,
            "an efficient BB IC mechanism with interim IR exists",
            &interim,
            true,
        ) {
            return Ok(());
        }
        let ex_post = solve_named(build(env, &efficient_bb(true)));
        let ex_post = evidence::lp_feasibility(bd, "efficient BB, ex post IR", &ex_post, None);
        bd.is(
            Role::Claim,
            "one with ex post IR exists too",
            &ex_post,
            true,
        );
        Ok(())
    })
}

fn gap(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let types = bd.formula(
            "max(m, n)",
            &max(vec![Expr::Sym("m".into()), Expr::Sym("n".into())]),
        )?;
        if !bd.compare(
            Role::Condition,
            "more than two types on some side",
            &types,
            Rel::Gt,
            2,
        ) {
            return Ok(());
        }
        let env = bd.env();
        let interim = solve_named(build(env, &efficient_bb(false)));
        let interim = evidence::lp_feasibility(bd, "efficient BB, interim IR", &interim, None);
        let ex_post = solve_named(build(env, &efficient_bb(true)));
        let ex_post = evidence::lp_feasibility(bd, "efficient BB, ex post IR", &ex_post, None);
        // An existential claim: an instance that is not a witness says nothing about it, so the
        // witness properties are conditions, and a witness certifies the claim.
        let interim_ok = bd.is(
            Role::Condition,
            "an efficient BB IC mechanism with interim IR exists",
            &interim,
            true,
        );
        let ex_post_ok = interim_ok
            && bd.is(
                Role::Condition,
                "no efficient BB IC mechanism with ex post IR exists",
                &ex_post,
                false,
            );
        if ex_post_ok {
            bd.is(
                Role::Claim,
                "this instance is a witness: interim IR is possible, ex post IR is not",
                &ex_post,
                false,
            );
        }
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "ex-post-ir-2x2",
            section: "Sec. 8",
            statement: "with two types of buyer and seller, an efficient BB IC mechanism with ex post IR exists whenever one with interim IR does",
            reading: "as printed (Matsuo 1989), by exact LP feasibility with and without ex post IR",
            certify: two_by_two,
            generate: |rng, _, _, _| generic(rng, 2, 2, 1),
            existential: false,
        },
        Claim {
            id: "ex-post-ir-gap",
            section: "Sec. 8",
            statement: "with more than two types there are instances with an efficient BB IC interim-IR mechanism but no ex post IR one",
            reading: "existential: certify says whether the instance is a witness; search looks for one",
            certify: gap,
            generate: generic,
            existential: true,
        },
    ]
}
