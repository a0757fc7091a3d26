//! Statements of Section 8 (ex post individual rationality): with 2 x 2 types an efficient BB
//! IC mechanism with ex post IR exists whenever one with interim IR does (Matsuo); with more
//! types some instance has one with interim IR but none with ex post IR (a witness).

use super::{Def, LpOptions, Rel, Role, Spec, Statement, Step};

/// The efficient BB feasibility LP, with or without ex post IR rows.
fn efficient_bb(ex_post_ir: bool) -> Def<'static> {
    Def::Lp(
        "bb-feasible",
        LpOptions {
            ex_post_ir,
            ..LpOptions::default()
        },
    )
}

fn two_by_two(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.shape(2, 2)?;
    let interim = "efficient BB, interim IR";
    s.boolean(interim, efficient_bb(false))?;
    s.is(Role::Condition, interim, true)?;
    let ex_post = "efficient BB, ex post IR";
    s.boolean(ex_post, efficient_bb(true))?;
    s.is(Role::Claim, ex_post, true)?;
    Ok(())
}

fn gap(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.condition_on("max(m, n)", "max(m, n)", Rel::Gt, "2")?;
    let (interim, ex_post) = ("efficient BB, interim IR", "efficient BB, ex post IR");
    s.boolean(interim, efficient_bb(false))?;
    s.boolean(ex_post, efficient_bb(true))?;
    s.is(Role::Condition, interim, true)?;
    s.is(Role::Condition, ex_post, false)?;
    s.is(Role::Claim, ex_post, false)?;
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    vec![
        Statement {
            id: "ex-post-ir-2x2",
            section: "Sec. 8",
            statement: "I = 1, m = n = 2, ∃ efficient BB IC interim-IR mechanism (exact LP) ⟹ ∃ one that is also ex post IR (exact LP)",
            check: two_by_two,
        },
        Statement {
            id: "ex-post-ir-gap",
            section: "Sec. 8",
            statement: "witness: I = 1, max(m, n) > 2, an efficient BB IC interim-IR mechanism exists and none with ex post IR (exact LPs: a point and a Farkas certificate)",
            check: gap,
        },
    ]
}
