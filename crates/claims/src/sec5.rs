//! Section 5 (many buyers): the budget-balanced construction, tie-rule invariance of Π_I,
//! Example 1's recursion, Example 2's Π_2 (the general formula and the k-family), and the
//! large-market limit with its threshold I*.

use mechcert_mech::compress;
use mechcert_model::random::SplitMix64;
use mechcert_model::{Env, Instance, Side, TieBreak};
use mechcert_num::{Poly, Rat};
use mechcert_verify::Property;

use crate::certificate::{Builder, Certified, Rel, Role, Val};
use crate::evidence::{self, checkable, several_buyers, shape, value_order};
use crate::expr::{Expr, b, frac, max, num, pb, ps, q, s, sum};
use crate::registry::{Claim, ClaimError, generic, on_concrete, several, with_ties};
use crate::{expr, symbolic};

const SECTION_5_BB: [Property; 6] = [
    Property::InterimIcBuyer,
    Property::InterimIcSeller,
    Property::InterimIrBuyer,
    Property::InterimIrSeller,
    Property::ExPostBb,
    Property::Efficient,
];

/// S1 < B1 < S2 < B2 < ... < Sm < Bm: the alternating order of Examples 1 and 2.
pub fn alternating(rng: &mut SplitMix64, types: usize, buyers: usize) -> Instance {
    let mut v: Vec<i64> = vec![];
    while v.len() < 2 * types {
        let x = rng.range(0, 6 * types as i64);
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v.sort_unstable();
    let weights = |rng: &mut SplitMix64| {
        let w: Vec<i64> = (0..types).map(|_| rng.range(1, 6)).collect();
        let t: i64 = w.iter().sum();
        w.into_iter().map(|x| Rat::new(x, t)).collect::<Vec<_>>()
    };
    let side = |vals: Vec<i64>, probs| Side {
        values: vals
            .into_iter()
            .map(|x| Poly::constant(Rat::int(x)))
            .collect(),
        probs,
    };
    let seller = side(v.iter().step_by(2).copied().collect(), weights(rng));
    let buyer = side(v.iter().skip(1).step_by(2).copied().collect(), weights(rng));
    let mut inst = Instance::from_sides("random alternating", buyer, seller);
    inst.buyers = buyers;
    inst
}

/// B_t > S_t > ... > B_1 > S_1 as a list from the top for `value_order`.
fn alternating_order(types: usize) -> Vec<(bool, usize)> {
    (1..=types)
        .rev()
        .flat_map(|i| [(true, i), (false, i)])
        .collect()
}

fn section_5_bb(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd| {
        if !checkable(bd) {
            return Ok(());
        }
        let buyers = bd.env().buyers;
        evidence::vcg_prime_surplus(bd, "Pi_VCG'", buyers, bd.env().tie_break);
        if !bd.compare(
            Role::Condition,
            "Π^VCG' >= 0 (the construction is for this case)",
            "Pi_VCG'",
            Rel::Ge,
            "0",
        ) {
            return Ok(());
        }
        for alpha in [Rat::ZERO, Rat::new(1, 2), Rat::ONE] {
            let name = format!("Section 5 construction, seller share {alpha}");
            let holds = evidence::mechanism_named(bd, &name, "bb", &alpha, &SECTION_5_BB);
            for (p, h) in SECTION_5_BB.iter().zip(holds) {
                bd.property(
                    Role::Claim,
                    &format!("the construction (seller share {alpha}) is {}", p.key()),
                    &name,
                    p.key(),
                    h,
                );
            }
        }
        Ok(())
    })
}

fn tie_break_invariance(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd| {
        if !(several_buyers(bd) && checkable(bd)) {
            return Ok(());
        }
        let buyers = bd.env().buyers;
        let names: Vec<String> = TieBreak::ALL
            .iter()
            .map(|t| format!("Pi ({})", t.name()))
            .collect();
        for (t, n) in TieBreak::ALL.iter().zip(&names) {
            evidence::vcg_prime_surplus(bd, n, buyers, *t);
        }
        for n in &names[1..] {
            bd.compare(
                Role::Claim,
                &format!("{} equals {}", names[0], n),
                &names[0],
                Rel::Eq,
                n,
            );
        }
        Ok(())
    })
}

fn example_1(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd| {
        let ok = shape(bd, 2, 2)
            && value_order(
                bd,
                "order gap",
                "B_H > S_H > B_L > S_L",
                &alternating_order(2),
            )
            && several_buyers(bd)
            && checkable(bd);
        if !ok {
            return Ok(());
        }
        let (buyers, tie) = (bd.env().buyers, bd.env().tie_break);
        evidence::vcg_prime_surplus(bd, "Pi_I", buyers, tie);
        evidence::vcg_prime_surplus(bd, "Pi_(I-1)", buyers - 1, tie);
        // Π_I = p(B_L) Π_{I-1} + p(B_H) [B_H - S_H]
        bd.formula(
            "printed recursion",
            &(pb(1) * q("Pi_(I-1)") + pb(2) * (b(2) - s(2))),
        )?;
        bd.compare(
            Role::Claim,
            "Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H)",
            "Pi_I",
            Rel::Eq,
            "printed recursion",
        );
        // "Π_{I-1} >= 0 implies Π_I > 0"
        if bd.compare(Role::Case, "Π_{I-1} >= 0", "Pi_(I-1)", Rel::Ge, "0") {
            bd.compare(
                Role::Claim,
                "Π_{I-1} >= 0 implies Π_I > 0",
                "Pi_I",
                Rel::Gt,
                "0",
            );
        }
        Ok(())
    })
}

/// The number of buyers I of an "adding a buyer" claim: the requested one, or 1 to 3.
fn some_buyers(rng: &mut SplitMix64, buyers: usize) -> usize {
    if buyers == 0 {
        rng.range(1, 3) as usize
    } else {
        buyers
    }
}

/// Section 5, after Example 1: "In the two type case adding an additional buyer will not
/// destroy the possibility of efficient, budget balanced, incentive compatible and
/// individually rational trade" — possibility with I buyers being Π_I >= 0.
fn adding_buyer_two_types(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd| {
        if !(shape(bd, 2, 2) && evidence::disjoint_values(bd) && checkable(bd)) {
            return Ok(());
        }
        let (i, tie) = (bd.env().buyers, bd.env().tie_break);
        evidence::vcg_prime_surplus(bd, "Pi_I", i, tie);
        if !bd.compare(
            Role::Condition,
            "efficient BB IC IR trade is possible with I buyers: Π_I >= 0",
            "Pi_I",
            Rel::Ge,
            "0",
        ) {
            return Ok(());
        }
        evidence::vcg_prime_surplus(bd, "Pi_(I+1)", i + 1, tie);
        bd.compare(
            Role::Claim,
            "it stays possible with one more buyer: Π_{I+1} >= 0",
            "Pi_(I+1)",
            Rel::Ge,
            "0",
        );
        Ok(())
    })
}

/// Section 5, after Example 1: "With more than two types, however, this is not the case. It
/// can happen that with one buyer one can achieve ex post efficiency and budget balance,
/// while with two buyers one can not" — an instance with Π_1 >= 0 > Π_2 (a witness).
fn adding_buyer_can_hurt(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd| {
        bd.formula(
            "more types",
            &max(vec![Expr::Sym("m".into()), Expr::Sym("n".into())]),
        )?;
        let more = bd.compare(
            Role::Condition,
            "more than two types on some side",
            "more types",
            Rel::Gt,
            "2",
        );
        if !(more && evidence::disjoint_values(bd)) {
            return Ok(());
        }
        let tie = bd.env().tie_break;
        evidence::vcg_prime_surplus(bd, "Pi_1", 1, tie);
        evidence::vcg_prime_surplus(bd, "Pi_2", 2, tie);
        bd.compare(
            Role::Claim,
            "with one buyer efficient BB trade is possible: Π_1 >= 0",
            "Pi_1",
            Rel::Ge,
            "0",
        );
        bd.compare(
            Role::Claim,
            "with two buyers it is not: Π_2 < 0",
            "Pi_2",
            Rel::Lt,
            "0",
        );
        Ok(())
    })
}

/// The printed general Π_2 of Example 2 (L, M, H = types 1, 2, 3).
pub fn example_2_general() -> Expr {
    example_2_general_with(q("Pi_1"))
}

/// The printed general Π_2 with Π_1 given by an expression.
fn example_2_general_with(pi_1: Expr) -> Expr {
    let (l, m, h) = (1, 2, 3);
    pb(l) * pi_1
        + pb(h) * (pb(h) + pb(m) + ps(h) * (pb(m) + pb(l))) * (b(h) - s(h))
        + pb(m) * (pb(m) + pb(l)) * (ps(m) + ps(l)) * (b(m) - s(m))
        + pb(h) * (pb(m) + pb(l)) * (ps(m) + ps(l)) * (b(m) - s(h))
}

/// The printed Π_2(k) of the k-family: 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k).
pub fn example_2_family_printed(k: Expr) -> Expr {
    example_2_family_with(q("Pi_1"), k)
}

fn example_2_family_with(pi_1: Expr, k: Expr) -> Expr {
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
    bd: &mut Builder,
    name: &str,
    p: &Poly,
    param: &str,
    dom: &mechcert_num::Interval,
) -> bool {
    let all_plus = symbolic::sign_pieces(&Poly::constant(Rat::ONE), dom)
        .expect("a constant has a sign pattern");
    let holds = p
        .where_positive(dom)
        .is_some_and(|r| r.pieces().len() == 1 && &r.pieces()[0] == dom);
    let fields =
        serde_json::json!({"kind": "poly-sign", "poly": p.display_with(param), "pieces": all_plus});
    bd.record(name, fields, Val::Bool(holds));
    holds
}

/// Example 2 on a family: Π_1(k) and Π_2(k) as polynomials, the printed expressions as
/// polynomial identities, and the exact sign pattern of Π_2 (where efficient BB trade with two
/// buyers becomes impossible).
fn example_2_family(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    let param = inst.param_name().to_string();
    let cells = inst.cells().map_err(|e| e.to_string())?;
    let mut bd = Builder::without_env();
    let (m, n) = inst.shape();
    let shape_ok = m == 3 && n == 3;
    for (what, count) in [("m", m), ("n", n)] {
        let q = serde_json::json!({"kind": "formula", "expr": what});
        let name = format!("{what} = 3");
        let fields =
            serde_json::json!({"kind": "poly-identity", "poly": "3", "of": q, "degree_bound": 0});
        bd.record(&name, fields, Val::Bool(count == 3));
        bd.is(
            Role::Condition,
            &format!(
                "three {} types",
                if what == "m" { "buyer" } else { "seller" }
            ),
            &name,
            true,
        );
    }
    let [env] = cells.as_slice() else {
        bd.record(
            "has parameter",
            serde_json::json!({"kind": "has-parameter"}),
            Val::Bool(true),
        );
        bd.is(
            Role::Condition,
            "the order of all values is fixed on the domain (one cell)",
            "has parameter",
            false,
        );
        return Ok(bd.finish(c, inst));
    };
    if !shape_ok {
        return Ok(bd.finish(c, inst));
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
        positive_on(&mut bd, &name, &gap, &param, &dom);
        if !bd.is(
            Role::Condition,
            &format!("{} > {} on the domain", label(&w[0]), label(&w[1])),
            &name,
            true,
        ) {
            return Ok(bd.finish(c, inst));
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
    bd.record("Pi_1 = 1/3", fields, Val::Bool(pi1 == third));
    bd.is(
        Role::Claim,
        "Π_1 = 1/3 irrespective of k",
        "Pi_1 = 1/3",
        true,
    );
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
        bd.record(name, fields, Val::Bool(printed == pi2));
        bd.is(Role::Claim, text, name, true);
    }
    symbolic::poly_sign(&mut bd, "sign of Pi_2(k)", &pi2, &param, &dom)?;
    let negative = pi2.where_negative(&dom).map(|r| r.display_with(&param));
    let text = match &negative {
        Some(r) => format!("the sign pattern of Π_2(k): negative exactly for {r}"),
        None => "the sign pattern of Π_2(k): never negative".to_string(),
    };
    bd.is(Role::Case, &text, "sign of Pi_2(k)", true);
    // "by setting k high enough one can make Π_2 arbitrarily negative": Π_2 is a nonconstant
    // polynomial whose sign pattern ends negative on an unbounded piece
    let tends_down = matches!(dom.hi(), mechcert_num::Bound::Unbounded)
        && pi2.degree().is_some_and(|d| d >= 1)
        && pi2.sign_at_pos_inf() == std::cmp::Ordering::Less;
    let fields = serde_json::json!({"kind": "poly-identity", "poly": pi2.display_with(&param), "of": surplus(2), "degree_bound": degree});
    bd.record("Pi_2(k) -> -inf", fields, Val::Bool(true));
    bd.is(
        Role::Claim,
        &format!(
            "Π_2(k) = {} becomes arbitrarily negative as k grows",
            pi2.display_with(&param)
        ),
        "Pi_2(k) -> -inf",
        tends_down,
    );
    Ok(bd.finish(c, inst))
}

fn example_2(c: &Claim, inst: &Instance) -> Result<Certified, ClaimError> {
    if inst.parameter.is_some() {
        return example_2_family(c, inst);
    }
    on_concrete(c, inst, |bd| {
        let ok = shape(bd, 3, 3)
            && value_order(
                bd,
                "order gap",
                "B_H > S_H > B_M > S_M > B_L > S_L",
                &alternating_order(3),
            );
        if !ok {
            return Ok(());
        }
        let tie = bd.env().tie_break;
        evidence::vcg_prime_surplus(bd, "Pi_1", 1, tie);
        evidence::vcg_prime_surplus(bd, "Pi_2", 2, tie);
        bd.formula("printed Pi_2", &example_2_general())?;
        bd.compare(
            Role::Claim,
            "Π_2 equals the printed general expression",
            "Pi_2",
            Rel::Eq,
            "printed Pi_2",
        );
        if let Some(k) = example_2_k(bd.env()) {
            bd.compare(
                Role::Claim,
                "Π_1 = 1/3 (irrespective of k)",
                "Pi_1",
                Rel::Eq,
                "1/3",
            );
            bd.formula("printed Pi_2(k)", &example_2_family_printed(Expr::Num(k)))?;
            bd.compare(
                Role::Claim,
                "Π_2 equals the printed Π_2(k)",
                "Pi_2",
                Rel::Eq,
                "printed Pi_2(k)",
            );
        }
        Ok(())
    })
}

/// Largest number of buyers for which the threshold search computes Π_I exactly.
const MAX_THRESHOLD_SEARCH: usize = 2000;

fn large_market(c: &Claim, inst: &Instance, corrected: bool) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, |bd: &mut Builder| {
        let env = bd.env();
        let (m, n) = (env.m(), env.n());
        // "Let B_m > S_1 and V_b ∩ V_s = ∅"
        bd.formula("B_m - S_1", &(b(m) - s(1)))?;
        let trade = bd.compare(
            Role::Condition,
            "B_m > S_1 (trade is possible)",
            "B_m - S_1",
            Rel::Gt,
            "0",
        );
        if !(trade && evidence::disjoint_values(bd)) {
            return Ok(());
        }
        let top = m - 1;
        let trading: Vec<usize> = (0..n).filter(|&j| env.trades(top, j)).collect();
        let h = *trading.last().expect("S_1 trades with B_m");
        // Δ = min{B_m - S_j : B_m > S_j} = B_m - max{S_j : S_j < B_m}
        bd.formula(
            "Delta",
            &(b(m) - max(trading.iter().map(|&j| s(j + 1)).collect())),
        )?;
        if h + 1 < n {
            bd.formula("S_{h+1} - B_m", &(s(h + 2) - b(m)))?;
            bd.compare(
                Role::Case,
                "no seller value above the listed ones trades with B_m",
                "S_{h+1} - B_m",
                Rel::Ge,
                "0",
            );
        }
        // The limit: with two or more buyers at B_m the surplus is exactly Δ when S trades with
        // B_m and 0 otherwise, and that event has probability -> 1; so Π_I -> P(S trades) Δ.
        let trade_prob = sum(trading.iter().map(|&j| ps(j + 1)));
        bd.formula("limit", &(trade_prob * q("Delta")))?;
        if corrected {
            bd.compare(
                Role::Case,
                "the limit P(S < B_m) Δ is positive",
                "limit",
                Rel::Gt,
                "0",
            );
        } else {
            bd.compare(
                Role::Claim,
                "Π_I converges to Δ = min{B_m - S_j : B_m > S_j}",
                "limit",
                Rel::Eq,
                "Delta",
            );
        }
        // Tail bound: Π_I >= limit - q_I (limit - s_min), q_I = P(fewer than two buyers at B_m)
        // = (1 - p_m)^I + I p_m (1 - p_m)^(I - 1), decreasing in I; s_min = min(0, B_1 - S_n)
        // bounds every ex post surplus from below.
        bd.formula("s_min", &Expr::Call("min", vec![num(0), b(1) - s(n)]))?;
        let limit = bd.number("limit").clone();
        let smin = bd.number("s_min").clone();
        let p = env.pb[top].clone();
        let tail_ok = |i: usize| {
            let qi = (Rat::ONE - &p).pow(i as u64)
                + Rat::from(i) * &p * (Rat::ONE - &p).pow(i as u64 - 1);
            &limit - &(qi * (&limit - &smin)) >= Rat::ZERO
        };
        let Some(j) = (1..=MAX_THRESHOLD_SEARCH).find(|&i| tail_ok(i)) else {
            bd.compare(
                Role::Claim,
                "a threshold I* exists (tail bound reached within the search)",
                "limit",
                Rel::Lt,
                "0",
            );
            return Ok(());
        };
        // q_I = P(fewer than two buyers at B_m) as a formula in p_b(B_m)
        let q_at = |i: usize| {
            let i32 = i as u32;
            (num(1) - pb(m)).pow(i32) + num(i as i64) * pb(m) * (num(1) - pb(m)).pow(i32 - 1)
        };
        bd.formula(
            "tail bound at J",
            &(q("limit") - q_at(j) * (q("limit") - q("s_min"))),
        )?;
        bd.compare(
            Role::Claim,
            &format!("Π_I >= 0 for every I >= J = {j} (tail bound)"),
            "tail bound at J",
            Rel::Ge,
            "0",
        );
        // below J: compute Π_I exactly; I* is one past the last negative one
        let pis: Vec<Rat> = (1..j)
            .map(|i| compress::vcg_prime_surplus(&env.with_buyers(i)))
            .collect();
        let last_negative = pis.iter().rposition(Rat::is_negative);
        let i_star = last_negative.map_or(1, |k| k + 2);
        // Π_I is recorded while the checker can recompute it cheaply: it enumerates profiles
        // or, beyond, the C(I + m - 1, m - 1) multisets of buyer types (times n sellers)
        let checkable_up_to = |i: usize| {
            let multisets = (1..m).fold(Rat::ONE, |k, t| k * Rat::from(i + t) / Rat::from(t));
            multisets * Rat::from(n) <= Rat::from(evidence::CHECKABLE_PROFILES)
        };
        // Π_I = (1 - q_I) limit + q_I E[surplus | fewer than two buyers at B_m], and every ex
        // post surplus lies in [s_min, s_max] with s_max = B_m - S_1 (a buyer pays at most B_m,
        // the seller receives at least S_1): so limit - q_I (limit - s_min) <= Π_I <= limit +
        // q_I (s_max - limit). Both bounds tend to the limit as q_I -> 0; they are checked at
        // every Π_I computed below, which ties the limit to the computed surpluses.
        bd.formula("s_max", &(b(m) - s(1)))?;
        for i in 1..j {
            if checkable_up_to(i) {
                let name = format!("Pi_{i}");
                evidence::vcg_prime_surplus(bd, &name, i, env.tie_break);
                let (lo, hi) = (format!("lower bound at {i}"), format!("upper bound at {i}"));
                bd.formula(&lo, &(q("limit") - q_at(i) * (q("limit") - q("s_min"))))?;
                bd.formula(&hi, &(q("limit") + q_at(i) * (q("s_max") - q("limit"))))?;
                bd.compare(
                    Role::Claim,
                    &format!("Π_{i} >= limit - q_{i} (limit - s_min)"),
                    &name,
                    Rel::Ge,
                    &lo,
                );
                bd.compare(
                    Role::Claim,
                    &format!("Π_{i} <= limit + q_{i} (s_max - limit)"),
                    &name,
                    Rel::Le,
                    &hi,
                );
                let text = if i < i_star {
                    "below the threshold"
                } else {
                    "Π_I >= 0 from I* on"
                };
                let rel = if i + 1 == i_star { Rel::Lt } else { Rel::Ge };
                if i + 1 == i_star || i >= i_star {
                    bd.compare(Role::Case, &format!("{text}: Π_{i}"), &name, rel, "0");
                }
            }
        }
        bd.formula("I*", &num(i_star as i64))?;
        let recorded = match (1..j).find(|&i| !checkable_up_to(i)) {
            None => "every Π_I below J is in this certificate".to_string(),
            Some(i) => format!(
                "Π_I for I < {i} are in this certificate; the others below J were computed by mechcert only"
            ),
        };
        bd.compare(
            Role::Case,
            &format!("the threshold: Π_I >= 0 for every I >= I* = {i_star}, and I* is the smallest such I ({recorded})"),
            "I*",
            Rel::Eq,
            &i_star.to_string(),
        );
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "section-5-bb-construction",
            section: "Sec. 5",
            statement: "when Π^VCG' >= 0, the transfers t_i = t̄_i(B^i) + [t̄_s(S) - E t̄_s]/I - α_i Π and t_s = t̄_s(S) - E t̄_s + Σ_i t̄_i(B^i) - (Σ α_i) Π are IC, IR and ex post budget balanced",
            reading: "as printed, for every buyer, with α_i = (1 - seller share)/I and seller shares 0, 1/2, 1",
            certify: section_5_bb,
            generate: |rng, m, n, buyers| {
                let i = several(rng, buyers);
                generic(rng, m, n, i)
            },
            existential: false,
        },
        Claim {
            id: "tie-break-invariance",
            section: "Sec. 5",
            statement: "the ex ante budget surplus of a VCG' mechanism does not depend on the tie-breaking rule",
            reading: "as printed, comparing the lowest-index, highest-index and uniform rules",
            certify: tie_break_invariance,
            generate: |rng, m, n, buyers| {
                let i = several(rng, buyers);
                with_ties(rng, m, n, i)
            },
            existential: false,
        },
        Claim {
            id: "example-1",
            section: "Ex. 1",
            statement: "for B_H > S_H > B_L > S_L: Π_I = p(B_L) Π_{I-1} + p(B_H)[B_H - S_H] for I > 1",
            reading: "as printed",
            certify: example_1,
            generate: |rng, _, _, buyers| {
                let i = several(rng, buyers);
                alternating(rng, 2, i)
            },
            existential: false,
        },
        Claim {
            id: "adding-buyer-two-types",
            section: "Sec. 5",
            statement: "in the two type case adding an additional buyer will not destroy the possibility of efficient, budget balanced, IC and IR trade",
            reading: "as printed, for 2 x 2 types in any order: Π_I >= 0 implies Π_{I+1} >= 0 (possibility with I buyers is Π_I >= 0, Section 5)",
            certify: adding_buyer_two_types,
            generate: |rng, _, _, buyers| {
                let i = some_buyers(rng, buyers);
                generic(rng, 2, 2, i)
            },
            existential: false,
        },
        Claim {
            id: "adding-buyer-can-hurt",
            section: "Sec. 5",
            statement: "with more than two types it can happen that with one buyer efficient budget balanced trade is possible while with two buyers it is not",
            reading: "as printed, an existential claim: an instance with more than two types on some side and Π_1 >= 0 > Π_2 is a witness (Example 2 at k = 5 is one)",
            certify: adding_buyer_can_hurt,
            generate: |rng, m, n, _| generic(rng, m.max(3), n, 1),
            existential: true,
        },
        Claim {
            id: "example-2",
            section: "Ex. 2",
            statement: "for B_H > S_H > B_M > S_M > B_L > S_L the printed Π_2 formula holds; on the k-family Π_1 = 1/3 and Π_2(k) = 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k)",
            reading: "as printed (ties broken for buyer 2 in the paper; Π_2 does not depend on the rule)",
            certify: example_2,
            generate: |rng, _, _, _| alternating(rng, 3, 2),
            existential: false,
        },
        Claim {
            id: "large-market",
            section: "Sec. 5",
            statement: "for B_m > S_1, Π_I converges to Δ = min{B_m - S_j : B_m > S_j} as I grows, so a threshold I* exists beyond which Π_I >= 0",
            reading: "as printed",
            certify: |c, inst| large_market(c, inst, false),
            generate: generic,
            existential: false,
        },
        Claim {
            id: "large-market-corrected",
            section: "Sec. 5",
            statement: "for B_m > S_1, Π_I converges to P(S < B_m) Δ (= Δ only when B_m > S_n), which is positive, so a threshold I* exists beyond which Π_I >= 0",
            reading: "corrected limit: with two or more buyers at B_m the surplus is Δ only when the seller's value is below B_m",
            certify: |c, inst| large_market(c, inst, true),
            generate: generic,
            existential: false,
        },
    ]
}
