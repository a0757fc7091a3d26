//! Section 3: VCG runs a deficit; the closed form of Π^VCG'; truth-telling is dominant in
//! VCG'; VCG' against VCG profile by profile (payments and the ex post surplus B_l - S_h);
//! Proposition 1 (VCG' maximises the surplus among efficient IC IR mechanisms).

use mechcert_model::Instance;
use mechcert_opt::{Agent, Model, solve_model};
use mechcert_verify::{MechanismSpec, Property};
use serde_json::json;

use crate::certificate::{Certified, Mode, Rel, Role};
use crate::evidence::{self, disjoint_values, one_buyer};
use crate::expr::{Expr, b, fb, fs, num, pb, ps, s, sum};
use crate::registry::{Claim, ClaimError, generic, on_concrete, with_ties};
use mechcert_num::Rat;

/// Section 3, after Definition 2: at every profile VCG' takes at least as much from the buyer
/// and pays the seller at most as much as VCG; when B_i > S_j, with B_l = min(V_b ∩ [S_j, B_i])
/// and S_h = max(V_s ∩ [S_j, B_i]), B_l > S_h gives the ex post surplus B_l - S_h.
fn vcg_prime_pointwise(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && disjoint_values(bd)?) {
            return Ok(());
        }
        let env = bd.env().clone();
        let (v, w) = (mechcert_mech::vcg(&env), mechcert_mech::vcg_prime(&env));
        for i in 0..env.m() {
            for j in 0..env.n() {
                let at = format!("(B{}, S{})", i + 1, j + 1);
                let mut transfer = |mech: &str, side: &str, value: &Rat| {
                    let name = format!("t_{side} {mech} {at}");
                    let fields = json!({"kind": "transfer", "mechanism": mech, "side": side, "profile": [i + 1, j + 1]});
                    bd.num(&name, fields, value.clone())
                };
                let (vb, vs) = (
                    transfer("vcg", "buyer", &v.tb[(i, j)]),
                    transfer("vcg", "seller", &v.ts[(i, j)]),
                );
                let (wb, ws) = (
                    transfer("vcg-prime", "buyer", &w.tb[(i, j)]),
                    transfer("vcg-prime", "seller", &w.ts[(i, j)]),
                );
                bd.compare(
                    Role::Claim,
                    &format!("at {at} VCG' takes at least as much from the buyer as VCG"),
                    &wb,
                    Rel::Ge,
                    &vb,
                );
                bd.compare(
                    Role::Claim,
                    &format!("at {at} VCG' pays the seller at most as much as VCG"),
                    &ws,
                    Rel::Le,
                    &vs,
                );
                if !env.trades(i, j) {
                    continue;
                }
                // B_l = min(V_b ∩ [S_j, B_i]) and S_h = max(V_s ∩ [S_j, B_i]); both exist
                // (B_i and S_j themselves)
                let Some(l) = (0..=i).find(|&k| env.b(k) >= env.s(j)) else {
                    continue;
                };
                let Some(h) = (j..env.n()).rev().find(|&k| env.s(k) <= env.b(i)) else {
                    continue;
                };
                if env.b(l) <= env.s(h) {
                    continue;
                }
                let gap = bd.formula(&format!("B_l - S_h at {at}"), &(b(l + 1) - s(h + 1)))?;
                let surplus = bd.formula(
                    &format!("VCG' ex post surplus at {at}"),
                    &(wb.expr() - ws.expr()),
                )?;
                bd.compare(
                    Role::Claim,
                    &format!(
                        "at {at} (B_l = B{}, S_h = S{}, B_l > S_h) VCG' realizes the ex post surplus B_l - S_h",
                        l + 1,
                        h + 1
                    ),
                    &surplus,
                    Rel::Eq,
                    &gap,
                );
            }
        }
        Ok(())
    })
}

/// In VCG', the expected payment from buyer type B_i as printed in Section 3 (and Lemma 2's bound
/// (A.1)): Σ_{k=1}^{i} (F_s(B_k) - F_s(B_{k-1})) B_k, with F_s(B_0) = 0 (footnote 4).
fn buyer_payment(i: usize) -> Expr {
    sum((1..=i).map(|k| {
        let below = if k == 1 { num(0) } else { fs(b(k - 1)) };
        (fs(b(k)) - below) * b(k)
    }))
}

/// In VCG', the expected payment to seller type S_j as printed in Section 3 (and Lemma 2's bound
/// (A.2)): Σ_{k=j}^{n} (F_b(S_{k+1}) - F_b(S_k)) S_k, with F_b(S_{n+1}) = 1 (footnote 4).
fn seller_payment(j: usize, n: usize) -> Expr {
    sum((j..=n).map(|k| {
        let above = if k == n { num(1) } else { fb(s(k + 1)) };
        (above - fb(s(k))) * s(k)
    }))
}

/// Lemma 2 (Appendix A, the step to Proposition 1): in every ex post efficient implementable
/// mechanism t̄_b(B_i) <= Σ_{k<=i} (F_s(B_k) - F_s(B_{k-1})) B_k and t̄_s(S_j) >=
/// Σ_{k>=j} (F_b(S_{k+1}) - F_b(S_k)) S_k: each bound against the exact LP optimum of that one
/// interim transfer over efficient IC IR mechanisms.
fn lemma_2(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && disjoint_values(bd)?) {
            return Ok(());
        }
        let env = bd.env().clone();
        let (m, n) = (env.m(), env.n());
        let optimum = |bd: &mut crate::certificate::Builder, agent: Agent, index: usize| {
            let name = if agent == Agent::Buyer {
                format!("max t_b(B{})", index + 1)
            } else {
                format!("max -t_s(S{})", index + 1)
            };
            let solved = solve_model(&env, &Model::MaxInterim { agent, index })?;
            evidence::lp_optimum(bd, &name, &solved)
        };
        for i in 1..=m {
            let lp = optimum(bd, Agent::Buyer, i - 1)?;
            let bound = bd.formula(&format!("(A.1) bound for B{i}"), &buyer_payment(i))?;
            bd.compare(
                Role::Claim,
                &format!("(A.1) t̄_b(B{i}) <= Σ_(k<={i}) (F_s(B_k) - F_s(B_(k-1))) B_k in every efficient IC IR mechanism"),
                &lp,
                Rel::Le,
                &bound,
            );
        }
        for j in 1..=n {
            let lp = optimum(bd, Agent::Seller, j - 1)?;
            let least = bd.formula(&format!("min t_s(S{j})"), &(num(0) - lp.expr()))?;
            let bound = bd.formula(&format!("(A.2) bound for S{j}"), &seller_payment(j, n))?;
            bd.compare(
                Role::Claim,
                &format!("(A.2) t̄_s(S{j}) >= Σ_(k>={j}) (F_b(S_(k+1)) - F_b(S_k)) S_k in every efficient IC IR mechanism"),
                &least,
                Rel::Ge,
                &bound,
            );
        }
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "vcg-deficit",
            section: "Sec. 3",
            statement: "the VCG mechanism results in an expected deficit for any pair of buyer-seller value distributions",
            reading: "as printed: Π^VCG < 0",
            certify: |c, inst, mode| {
                on_concrete(c, inst, mode, |bd| {
                    if !(one_buyer(bd)? && disjoint_values(bd)?) {
                        return Ok(());
                    }
                    let pi = evidence::vcg_surplus(bd, "Pi_VCG");
                    bd.compare(Role::Claim, "VCG runs an expected deficit", &pi, Rel::Lt, 0);
                    Ok(())
                })
            },
            generate: generic,
            existential: false,
        },
        Claim {
            id: "vcg-prime-surplus-formula",
            section: "Sec. 3",
            statement: "Π^VCG' = Σ_i (1 - F_b(B_{i-1}))(F_s(B_i) - F_s(B_{i-1})) B_i - Σ_j F_s(S_j)(F_b(S_{j+1}) - F_b(S_j)) S_j equals the expected surplus of VCG', as does the expression it is rewritten from, Σ_i p_b(B_i) Σ_{k<=i} (F_s(B_k) - F_s(B_{k-1})) B_k - Σ_j p_s(S_j) Σ_{k>=j} (F_b(S_{k+1}) - F_b(S_k)) S_k",
            reading: "as printed, with footnote 4's conventions F(B_0) = 0 and F_b(S_{n+1}) = 1",
            certify: |c, inst, mode| {
                on_concrete(c, inst, mode, |bd| {
                    if !(one_buyer(bd)? && disjoint_values(bd)?) {
                        return Ok(());
                    }
                    let pi = evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, bd.env().tie_break);
                    let (m, n) = (bd.env().m(), bd.env().n());
                    let buyer_terms = (1..=m).map(|i| {
                        let below = |f: fn(Expr) -> Expr| if i == 1 { num(0) } else { f(b(i - 1)) };
                        (num(1) - below(fb)) * (fs(b(i)) - below(fs)) * b(i)
                    });
                    let seller_terms = (1..=n).map(|j| {
                        let above = if j == n { num(1) } else { fb(s(j + 1)) };
                        fs(s(j)) * (above - fb(s(j))) * s(j)
                    });
                    let closed = sum(buyer_terms) - sum(seller_terms);
                    let closed = bd.formula("closed form", &closed)?;
                    bd.compare(
                        Role::Claim,
                        "the closed form equals the surplus of VCG'",
                        &closed,
                        Rel::Eq,
                        &pi,
                    );
                    // the expression it is rewritten from: Σ_i p_b(B_i) Σ_{k<=i} (F_s(B_k) -
                    // F_s(B_{k-1})) B_k - Σ_j p_s(S_j) Σ_{k>=j} (F_b(S_{k+1}) - F_b(S_k)) S_k
                    let paid = (1..=m).map(|i| pb(i) * buyer_payment(i));
                    let received = (1..=n).map(|j| ps(j) * seller_payment(j, n));
                    let paid = bd.formula("expected payments", &(sum(paid) - sum(received)))?;
                    bd.compare(
                        Role::Claim,
                        "the expected payments before the rewriting equal the surplus of VCG'",
                        &paid,
                        Rel::Eq,
                        &pi,
                    );
                    Ok(())
                })
            },
            generate: generic,
            existential: false,
        },
        Claim {
            id: "vcg-prime-dominant",
            section: "Sec. 3",
            statement: "truthful behavior is a weakly dominant strategy in the game induced by VCG' (and VCG' is ex post IR)",
            reading: "as printed, for the instance's number of buyers and tie rule (Section 5's VCG' when I > 1)",
            certify: |c, inst, mode| {
                on_concrete(c, inst, mode, |bd| {
                    if !evidence::checkable_mechanism(bd) {
                        return Ok(());
                    }
                    let props = [Property::ExPostIc, Property::ExPostIr];
                    let vcg =
                        evidence::mechanism_named(bd, "VCG'", &MechanismSpec::VcgPrime, &props)?;
                    bd.property(
                        Role::Claim,
                        "truth-telling is weakly dominant in VCG'",
                        &vcg,
                        "ex_post_ic",
                    );
                    bd.property(
                        Role::Claim,
                        "VCG' is ex post individually rational",
                        &vcg,
                        "ex_post_ir",
                    );
                    Ok(())
                })
            },
            generate: with_ties,
            existential: false,
        },
        Claim {
            id: "vcg-prime-pointwise",
            section: "Sec. 3",
            statement: "for every pair of value reports VCG' extracts at least as high payments from the buyer and provides at most as high payments to the seller as VCG; for B_i > S_j with B_l = min(V_b ∩ [S_j, B_i]) and S_h = max(V_s ∩ [S_j, B_i]), if B_l > S_h the designer realizes an ex post surplus of B_l - S_h",
            reading: "as printed, at every profile of the instance",
            certify: vcg_prime_pointwise,
            generate: generic,
            existential: false,
        },
        Claim {
            id: "lemma-2",
            section: "Lemma 2",
            statement: "the expected transfers in any ex post efficient implementable mechanism satisfy t̄_b(B_i) <= Σ_{k=1}^{i} (F_s(B_k) - F_s(B_{k-1})) B_k and t̄_s(S_j) >= Σ_{k=j}^{n} (F_b(S_{k+1}) - F_b(S_k)) S_k",
            reading: "as printed, with footnote 4's conventions; for each type the extreme interim transfer over efficient IC IR mechanisms is an exact LP (interim IC for every pair of types, interim IR)",
            certify: lemma_2,
            generate: generic,
            existential: false,
        },
        Claim {
            id: "proposition-1",
            section: "Prop. 1",
            statement: "VCG' achieves the maximum expected budget surplus among ex post efficient, incentive compatible and individually rational mechanisms",
            reading: "as printed; the maximum is the exact LP over interim transfers with x = x*, interim IC for every pair of types and interim IR",
            certify: |c, inst, mode| {
                on_concrete(c, inst, mode, |bd| {
                    if !one_buyer(bd)? {
                        return Ok(());
                    }
                    let env = bd.env();
                    let pi = evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, env.tie_break);
                    let solved = solve_model(env, &Model::MaxSurplus { allocation: None })?;
                    let max = evidence::lp_optimum(bd, "max surplus", &solved)?;
                    bd.compare(
                        Role::Claim,
                        "the maximum surplus equals Π^VCG'",
                        &max,
                        Rel::Eq,
                        &pi,
                    );
                    Ok(())
                })
            },
            generate: with_ties,
            existential: false,
        },
    ]
}
