//! Section 5's examples: Example 1's recursion Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H);
//! adding a buyer with two types keeps efficient BB trade possible, and with more types can
//! destroy it (a witness); Example 2's printed Π_2, on one instance and on its k-family as
//! polynomial identities with the exact sign pattern of Π_2(k).

use mechcert_mech::compress;
use mechcert_model::{Env, Instance};
use mechcert_num::{Poly, Rat};

use super::alternating_order;
use crate::certificate::{Certified, Flag, Mode, Record, Rel, Role};
use crate::evidence::{self, checkable, several_buyers, shape, value_order};
use crate::expr::{Expr, b, frac, max, num, pb, ps, s};
use crate::registry::{Claim, on_concrete};
use crate::{expr, symbolic};

pub(super) fn example_1(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        let ok = shape(bd, 2, 2)?
            && value_order(
                bd,
                "order gap",
                "B_H > S_H > B_L > S_L",
                &alternating_order(2),
            )?
            && several_buyers(bd)?
            && checkable(bd);
        if !ok {
            return Ok(());
        }
        let (buyers, tie) = (bd.env().buyers, bd.env().tie_break);
        let pi = evidence::vcg_prime_surplus(bd, "Pi_I", buyers, tie);
        let prev = evidence::vcg_prime_surplus(bd, "Pi_(I-1)", buyers - 1, tie);
        // Π_I = p(B_L) Π_{I-1} + p(B_H) [B_H - S_H]
        let printed = bd.formula(
            "printed recursion",
            &(pb(1) * prev.expr() + pb(2) * (b(2) - s(2))),
        )?;
        bd.compare(
            Role::Claim,
            "Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H)",
            &pi,
            Rel::Eq,
            &printed,
        );
        // "Π_{I-1} >= 0 implies Π_I > 0"
        if bd.compare(Role::Case, "Π_{I-1} >= 0", &prev, Rel::Ge, 0) {
            bd.compare(Role::Claim, "Π_{I-1} >= 0 implies Π_I > 0", &pi, Rel::Gt, 0);
        }
        Ok(())
    })
}

/// Section 5, after Example 1: "In the two type case adding an additional buyer will not
/// destroy the possibility of efficient, budget balanced, incentive compatible and
/// individually rational trade" — possibility with I buyers being Π_I >= 0.
pub(super) fn adding_buyer_two_types(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !(shape(bd, 2, 2)? && evidence::disjoint_values(bd)? && checkable(bd)) {
            return Ok(());
        }
        let (i, tie) = (bd.env().buyers, bd.env().tie_break);
        let pi = evidence::vcg_prime_surplus(bd, "Pi_I", i, tie);
        if !bd.compare(
            Role::Condition,
            "efficient BB IC IR trade is possible with I buyers: Π_I >= 0",
            &pi,
            Rel::Ge,
            0,
        ) {
            return Ok(());
        }
        let next = evidence::vcg_prime_surplus(bd, "Pi_(I+1)", i + 1, tie);
        bd.compare(
            Role::Claim,
            "it stays possible with one more buyer: Π_{I+1} >= 0",
            &next,
            Rel::Ge,
            0,
        );
        Ok(())
    })
}

/// Section 5, after Example 1: "With more than two types, however, this is not the case. It
/// can happen that with one buyer one can achieve ex post efficiency and budget balance,
/// while with two buyers one can not" — an instance with Π_1 >= 0 > Π_2 (a witness).
pub(super) fn adding_buyer_can_hurt(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        let types = bd.formula(
            "more types",
            &max(vec![Expr::Sym("m".into()), Expr::Sym("n".into())]),
        )?;
        let more = bd.compare(
            Role::Condition,
            "more than two types on some side",
            &types,
            Rel::Gt,
            2,
        );
        if !(more && evidence::disjoint_values(bd)?) {
            return Ok(());
        }
        let tie = bd.env().tie_break;
        let one = evidence::vcg_prime_surplus(bd, "Pi_1", 1, tie);
        let two = evidence::vcg_prime_surplus(bd, "Pi_2", 2, tie);
        bd.compare(
            Role::Claim,
            "with one buyer efficient BB trade is possible: Π_1 >= 0",
            &one,
            Rel::Ge,
            0,
        );
        bd.compare(
            Role::Claim,
            "with two buyers it is not: Π_2 < 0",
            &two,
            Rel::Lt,
            0,
        );
        Ok(())
    })
}

/// The printed general Π_2 of Example 2 (L, M, H = types 1, 2, 3) with Π_1 given by an
/// expression (a recorded quantity, or a polynomial in the parameter).
pub fn example_2_general_with(pi_1: Expr) -> Expr {
    let (l, m, h) = (1, 2, 3);
    pb(l) * pi_1
        + pb(h) * (pb(h) + pb(m) + ps(h) * (pb(m) + pb(l))) * (b(h) - s(h))
        + pb(m) * (pb(m) + pb(l)) * (ps(m) + ps(l)) * (b(m) - s(m))
        + pb(h) * (pb(m) + pb(l)) * (ps(m) + ps(l)) * (b(m) - s(h))
}

/// The printed Π_2(k) of the k-family, 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k), with Π_1 given
/// by an expression.
pub fn example_2_family_with(pi_1: Expr, k: Expr) -> Expr {
    frac(1, 3) * pi_1 + frac(8, 27) + frac(4, 27) + frac(4, 27) * (num(1) - k)
}

/// The k of Example 2's family if this concrete instance is a member (S = 3k, 8k, 9k;
/// B = 7k, 8k + 1, 9k + 1; all 1/3; k > 1).
pub fn example_2_k(env: &Env<Rat>) -> Option<Rat> {
    if env.m() != 3 || env.n() != 3 {
        return None;
    }
    let third = Rat::new(1, 3);
    if env.pb.iter().chain(&env.ps).any(|p| *p != third) {
        return None;
    }
    let k = env.s(0) / &Rat::int(3);
    let r = |a: i64, c: i64| &k * &Rat::int(a) + Rat::int(c);
    let b_ok = env.buyer_values == [r(7, 0), r(8, 1), r(9, 1)];
    let s_ok = env.seller_values == [r(3, 0), r(8, 0), r(9, 0)];
    (b_ok && s_ok && k > Rat::ONE).then_some(k)
}

/// Record that `p > 0` on the whole domain (pieces all `+`); its value says whether it is so.
fn positive_on(
    bd: &mut Record,
    name: &str,
    p: &Poly,
    param: &str,
    dom: &mechcert_num::Interval,
) -> Result<Flag, String> {
    let all_plus = symbolic::sign_pieces(&Poly::constant(Rat::ONE), dom)?;
    let holds = p
        .where_positive(dom)
        .is_some_and(|r| r.pieces().len() == 1 && &r.pieces()[0] == dom);
    let fields =
        serde_json::json!({"kind": "poly-sign", "poly": p.display_with(param), "pieces": all_plus});
    Ok(bd.flag(name, fields, holds))
}

/// Example 2 on a family: Π_1(k) and Π_2(k) as polynomials, the printed expressions as
/// polynomial identities, and the exact sign pattern of Π_2 (where efficient BB trade with two
/// buyers becomes impossible).
fn example_2_family(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    let param = inst.param_name().to_string();
    let cells = inst.cells().map_err(|e| e.to_string())?;
    let mut bd = Record::new(mode);
    let heading = c.heading();
    let (m, n) = inst.shape();
    let shape_ok = m == 3 && n == 3;
    for (what, count) in [("m", m), ("n", n)] {
        let q = serde_json::json!({"kind": "formula", "expr": what});
        let fields =
            serde_json::json!({"kind": "poly-identity", "poly": "3", "of": q, "degree_bound": 0});
        let three = bd.flag(&format!("{what} = 3"), fields, count == 3);
        bd.is(
            Role::Condition,
            &format!(
                "three {} types",
                if what == "m" { "buyer" } else { "seller" }
            ),
            &three,
            true,
        );
    }
    let [env] = cells.as_slice() else {
        let p = bd.flag(
            "has parameter",
            serde_json::json!({"kind": "has-parameter"}),
            true,
        );
        bd.is(
            Role::Condition,
            "the order of all values is fixed on the domain (one cell)",
            &p,
            false,
        );
        return bd.finish(&heading, inst);
    };
    if !shape_ok {
        return bd.finish(&heading, inst);
    }
    let dom = env.domain.clone();
    let order = alternating_order(3);
    let val = |&(buyer, i): &(bool, usize)| {
        if buyer {
            env.b(i - 1).clone()
        } else {
            env.s(i - 1).clone()
        }
    };
    let label = |&(buyer, i): &(bool, usize)| format!("{}{i}", if buyer { 'B' } else { 'S' });
    for w in order.windows(2) {
        let gap = val(&w[0]) - val(&w[1]);
        let name = format!("{} - {} > 0", label(&w[0]), label(&w[1]));
        let positive = positive_on(&mut bd, &name, &gap, &param, &dom)?;
        if !bd.is(
            Role::Condition,
            &format!("{} > {} on the domain", label(&w[0]), label(&w[1])),
            &positive,
            true,
        ) {
            return bd.finish(&heading, inst);
        }
    }
    let degree = inst
        .buyer
        .values
        .iter()
        .chain(&inst.seller.values)
        .filter_map(Poly::degree)
        .max()
        .unwrap_or(0);
    let pi1 = compress::vcg_prime_surplus(&env.with_buyers(1));
    let pi2 = compress::vcg_prime_surplus(&env.with_buyers(2));
    let surplus =
        |buyers: usize| serde_json::json!({"kind": "vcg-prime-surplus", "buyers": buyers});
    symbolic::poly_identity(&mut bd, "Pi_1(k)", &pi1, &param, surplus(1), degree);
    symbolic::poly_identity(&mut bd, "Pi_2(k)", &pi2, &param, surplus(2), degree);
    let third = Poly::constant(Rat::new(1, 3));
    let fields = serde_json::json!({"kind": "poly-identity", "poly": "1/3", "of": surplus(1), "degree_bound": degree});
    let is_third = bd.flag("Pi_1 = 1/3", fields, pi1 == third);
    bd.is(Role::Claim, "Π_1 = 1/3 irrespective of k", &is_third, true);
    for (name, text, e) in [
        (
            "printed general Pi_2",
            "Π_2 equals the printed general expression",
            example_2_general_with(expr::poly(&pi1, &param)),
        ),
        (
            "printed Pi_2(k)",
            "Π_2(k) equals the printed 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k)",
            example_2_family_with(expr::poly(&pi1, &param), Expr::Sym(param.clone())),
        ),
    ] {
        let printed = e.eval_param(env, &param)?;
        let fields = serde_json::json!({"kind": "poly-identity", "poly": pi2.display_with(&param), "of": {"kind": "formula", "expr": e.to_string()}, "degree_bound": degree.max(1)});
        let same = bd.flag(name, fields, printed == pi2);
        bd.is(Role::Claim, text, &same, true);
    }
    let sign = symbolic::poly_sign(&mut bd, "sign of Pi_2(k)", &pi2, &param, &dom)?;
    let negative = pi2.where_negative(&dom).map(|r| r.display_with(&param));
    let text = match &negative {
        Some(r) => format!("the sign pattern of Π_2(k): negative exactly for {r}"),
        None => "the sign pattern of Π_2(k): never negative".to_string(),
    };
    bd.is(Role::Case, &text, &sign, true);
    // "by setting k high enough one can make Π_2 arbitrarily negative": Π_2 is a nonconstant
    // polynomial whose sign pattern ends negative on an unbounded piece
    let tends_down = matches!(dom.hi(), mechcert_num::Bound::Unbounded)
        && pi2.degree().is_some_and(|d| d >= 1)
        && pi2.sign_at_pos_inf() == std::cmp::Ordering::Less;
    let fields = serde_json::json!({"kind": "poly-identity", "poly": pi2.display_with(&param), "of": surplus(2), "degree_bound": degree});
    let down = bd.flag("Pi_2(k) -> -inf", fields, true);
    bd.is(
        Role::Claim,
        &format!(
            "Π_2(k) = {} becomes arbitrarily negative as k grows",
            pi2.display_with(&param)
        ),
        &down,
        tends_down,
    );
    bd.finish(&heading, inst)
}

pub(super) fn example_2(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    if inst.parameter.is_some() {
        return example_2_family(c, inst, mode);
    }
    on_concrete(c, inst, mode, |bd| {
        let ok = shape(bd, 3, 3)?
            && value_order(
                bd,
                "order gap",
                "B_H > S_H > B_M > S_M > B_L > S_L",
                &alternating_order(3),
            )?;
        if !ok {
            return Ok(());
        }
        let tie = bd.env().tie_break;
        let one = evidence::vcg_prime_surplus(bd, "Pi_1", 1, tie);
        let two = evidence::vcg_prime_surplus(bd, "Pi_2", 2, tie);
        let general = bd.formula("printed Pi_2", &example_2_general_with(one.expr()))?;
        bd.compare(
            Role::Claim,
            "Π_2 equals the printed general expression",
            &two,
            Rel::Eq,
            &general,
        );
        if let Some(k) = example_2_k(bd.env()) {
            bd.compare(
                Role::Claim,
                "Π_1 = 1/3 (irrespective of k)",
                &one,
                Rel::Eq,
                Rat::new(1, 3),
            );
            let printed = example_2_family_with(one.expr(), Expr::Num(k));
            let printed = bd.formula("printed Pi_2(k)", &printed)?;
            bd.compare(
                Role::Claim,
                "Π_2 equals the printed Π_2(k)",
                &two,
                Rel::Eq,
                &printed,
            );
        }
        Ok(())
    })
}
