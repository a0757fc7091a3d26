//! Statements of Section 3 and Appendix A: VCG runs a deficit; the closed form of Π^VCG';
//! truth-telling is dominant in VCG'; VCG' against VCG at every profile; Lemma 2's bounds on
//! the interim transfers; Proposition 1 (VCG' maximises the surplus of efficient IC IR
//! mechanisms).

use super::paper::vcg_prime_expected_payments;
use super::paper::{buyer_payment, seller_payment, vcg_prime_closed_form};
use super::{Def, LpOptions, Rel, Role, Spec, Statement, Step};

/// Π^VCG < 0, for one buyer with values disjoint from the seller's.
fn vcg_deficit(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.disjoint()?;
    let tie = s.inst.tie;
    s.num("Pi_VCG", Def::Vcg(1, tie))?;
    s.claim("Pi_VCG", Rel::Lt, "0")?;
    Ok(())
}

/// The closed form of Π^VCG', and the expected payments it is rewritten from, equal the
/// surplus of VCG' (Definition 2).
fn vcg_prime_surplus_formula(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.disjoint()?;
    let (m, n, tie) = (s.c()?.m(), s.c()?.n(), s.inst.tie);
    s.num("Pi_VCG'", Def::VcgPrime(1, tie))?;
    s.num(
        "closed form",
        Def::Formula(&vcg_prime_closed_form(m, n), None),
    )?;
    s.claim("closed form", Rel::Eq, "Pi_VCG'")?;
    let paid = vcg_prime_expected_payments(m, n);
    s.num("expected payments", Def::Formula(&paid, None))?;
    s.claim("expected payments", Rel::Eq, "Pi_VCG'")?;
    Ok(())
}

/// VCG' (Section 5's with several buyers) is ex post IC and ex post IR.
fn vcg_prime_dominant(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.checkable()?;
    let props = ["ex_post_ic", "ex_post_ir"];
    s.quantity("VCG'", Def::Named("vcg-prime", None, &props))?;
    for p in props {
        s.property(Role::Claim, "VCG'", p)?;
    }
    Ok(())
}

/// At every profile (B_i, S_j): t_b^VCG' >= t_b^VCG and t_s^VCG' <= t_s^VCG; where B_i > S_j
/// and B_l = min(V_b ∩ [S_j, B_i]) > S_h = max(V_s ∩ [S_j, B_i]), the ex post surplus of VCG'
/// is B_l - S_h.
fn vcg_prime_pointwise(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.disjoint()?;
    let c = s.c()?.clone();
    for i in 0..c.m() {
        for j in 0..c.n() {
            let at = format!("(B{}, S{})", i + 1, j + 1);
            let name = |mech: &str, side: &str| format!("t_{side} {mech} {at}");
            for (mech, buyer) in [
                ("vcg", true),
                ("vcg", false),
                ("vcg-prime", true),
                ("vcg-prime", false),
            ] {
                let side = if buyer { "buyer" } else { "seller" };
                s.num(&name(mech, side), Def::Transfer(mech, buyer, (i, j)))?;
            }
            let (wb, ws) = (name("vcg-prime", "buyer"), name("vcg-prime", "seller"));
            s.claim(&wb, Rel::Ge, &name("vcg", "buyer"))?;
            s.claim(&ws, Rel::Le, &name("vcg", "seller"))?;
            if !c.trades(i, j) {
                continue;
            }
            // B_l = min(V_b ∩ [S_j, B_i]), S_h = max(V_s ∩ [S_j, B_i]); B_i and S_j qualify
            let Some(l) = (0..=i).find(|&k| c.b[k] >= c.s[j]) else {
                continue;
            };
            let Some(h) = (j..c.n()).rev().find(|&k| c.s[k] <= c.b[i]) else {
                continue;
            };
            if c.b[l] <= c.s[h] {
                continue;
            }
            let gap = format!("B_l - S_h at {at}");
            s.num(
                &gap,
                Def::Formula(&format!("B{} - S{}", l + 1, h + 1), None),
            )?;
            let surplus = format!("VCG' ex post surplus at {at}");
            s.num(
                &surplus,
                Def::Formula(&format!("{{{wb}}} - {{{ws}}}"), None),
            )?;
            s.claim(&surplus, Rel::Eq, &gap)?;
        }
    }
    Ok(())
}

/// (A.1) max t̄_b(B_i) over efficient IC IR mechanisms (an exact LP) <= Σ_{k<=i} (F_s(B_k) -
/// F_s(B_{k-1})) B_k, and (A.2) min t̄_s(S_j) >= Σ_{k>=j} (F_b(S_{k+1}) - F_b(S_k)) S_k.
fn lemma_2(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.disjoint()?;
    let (m, n) = (s.c()?.m(), s.c()?.n());
    let interim = |buyer: bool, index: usize| LpOptions {
        side_index: Some((buyer, index)),
        ..LpOptions::default()
    };
    for i in 1..=m {
        let lp = format!("max t_b(B{i})");
        s.num(&lp, Def::Lp("max-interim", interim(true, i - 1)))?;
        let bound = format!("(A.1) bound for B{i}");
        s.num(&bound, Def::Formula(&buyer_payment(i), None))?;
        s.claim(&lp, Rel::Le, &bound)?;
    }
    for j in 1..=n {
        let lp = format!("max -t_s(S{j})");
        s.num(&lp, Def::Lp("max-interim", interim(false, j - 1)))?;
        let least = format!("min t_s(S{j})");
        s.num(&least, Def::Formula(&format!("0 - {{{lp}}}"), None))?;
        let bound = format!("(A.2) bound for S{j}");
        s.num(&bound, Def::Formula(&seller_payment(j, n), None))?;
        s.claim(&least, Rel::Ge, &bound)?;
    }
    Ok(())
}

/// The maximum expected surplus over efficient IC IR mechanisms (an exact LP over interim
/// transfers with x = x*) equals Π^VCG'.
fn proposition_1(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    let tie = s.inst.tie;
    s.num("Pi_VCG'", Def::VcgPrime(1, tie))?;
    s.num("max surplus", Def::Lp("max-surplus", LpOptions::default()))?;
    s.claim("max surplus", Rel::Eq, "Pi_VCG'")?;
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    vec![
        Statement {
            id: "vcg-deficit",
            section: "Sec. 3",
            statement: "I = 1, V_b ∩ V_s = ∅ ⟹ Π^VCG < 0",
            check: vcg_deficit,
        },
        Statement {
            id: "vcg-prime-surplus-formula",
            section: "Sec. 3",
            statement: "I = 1, V_b ∩ V_s = ∅ ⟹ Σ_i (1 - F_b(B_{i-1}))(F_s(B_i) - F_s(B_{i-1}))B_i - Σ_j F_s(S_j)(F_b(S_{j+1}) - F_b(S_j))S_j = Π^VCG' = Σ_i p_b(B_i) t̄_b(B_i) - Σ_j p_s(S_j) t̄_s(S_j) (the printed expected payments)",
            check: vcg_prime_surplus_formula,
        },
        Statement {
            id: "vcg-prime-dominant",
            section: "Sec. 3",
            statement: "m^I n <= 10^6 ⟹ VCG' (Section 5's for I > 1) is ex post IC and ex post IR at every profile",
            check: vcg_prime_dominant,
        },
        Statement {
            id: "vcg-prime-pointwise",
            section: "Sec. 3",
            statement: "I = 1, V_b ∩ V_s = ∅ ⟹ at every (B_i, S_j): t_b^VCG' >= t_b^VCG, t_s^VCG' <= t_s^VCG, and t_b^VCG' - t_s^VCG' = B_l - S_h when B_i > S_j and B_l > S_h",
            check: vcg_prime_pointwise,
        },
        Statement {
            id: "lemma-2",
            section: "Lemma 2",
            statement: "I = 1, V_b ∩ V_s = ∅ ⟹ for every i: max{t̄_b(B_i) : efficient IC IR} <= Σ_{k<=i}(F_s(B_k) - F_s(B_{k-1}))B_k, and for every j: min{t̄_s(S_j)} >= Σ_{k>=j}(F_b(S_{k+1}) - F_b(S_k))S_k (exact LPs)",
            check: lemma_2,
        },
        Statement {
            id: "proposition-1",
            section: "Prop. 1",
            statement: "I = 1 ⟹ max{E t̄_b - E t̄_s : x = x*, interim IC, IR} (exact LP) = Π^VCG'",
            check: proposition_1,
        },
    ]
}
