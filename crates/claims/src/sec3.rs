//! Section 3: VCG runs a deficit; the closed form of Π^VCG'; truth-telling is dominant in
//! VCG'; Proposition 1 (VCG' maximises the surplus among efficient IC IR mechanisms).

use mechcert_opt::{Model, build, solve_named};
use mechcert_verify::Property;

use crate::certificate::{Rel, Role};
use crate::evidence::{self, checkable, disjoint_values, one_buyer};
use crate::expr::{Expr, b, fb, fs, num, s, sum};
use crate::registry::{Claim, generic, on_concrete, with_ties};

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "vcg-deficit",
            section: "Sec. 3",
            statement: "the VCG mechanism results in an expected deficit for any pair of buyer-seller value distributions",
            reading: "as printed: Π^VCG < 0",
            certify: |c, inst| {
                on_concrete(c, inst, |bd| {
                    if !(one_buyer(bd) && disjoint_values(bd)) {
                        return Ok(());
                    }
                    evidence::vcg_surplus(bd, "Pi_VCG");
                    bd.compare(
                        Role::Claim,
                        "VCG runs an expected deficit",
                        "Pi_VCG",
                        Rel::Lt,
                        "0",
                    );
                    Ok(())
                })
            },
            generate: generic,
            existential: false,
        },
        Claim {
            id: "vcg-prime-surplus-formula",
            section: "Sec. 3",
            statement: "Π^VCG' = Σ_i (1 - F_b(B_{i-1}))(F_s(B_i) - F_s(B_{i-1})) B_i - Σ_j F_s(S_j)(F_b(S_{j+1}) - F_b(S_j)) S_j equals the expected surplus of VCG'",
            reading: "as printed, with footnote 4's conventions F(B_0) = 0 and F_b(S_{n+1}) = 1",
            certify: |c, inst| {
                on_concrete(c, inst, |bd| {
                    if !(one_buyer(bd) && disjoint_values(bd)) {
                        return Ok(());
                    }
                    evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, bd.env().tie_break);
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
                    bd.formula("closed form", &closed)?;
                    bd.compare(
                        Role::Claim,
                        "the closed form equals the surplus of VCG'",
                        "closed form",
                        Rel::Eq,
                        "Pi_VCG'",
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
            certify: |c, inst| {
                on_concrete(c, inst, |bd| {
                    if !checkable(bd) {
                        return Ok(());
                    }
                    let props = [Property::ExPostIc, Property::ExPostIr];
                    let zero = mechcert_num::Rat::ZERO;
                    let holds = evidence::mechanism_named(bd, "VCG'", "vcg-prime", &zero, &props);
                    bd.property(
                        Role::Claim,
                        "truth-telling is weakly dominant in VCG'",
                        "VCG'",
                        "ex_post_ic",
                        holds[0],
                    );
                    bd.property(
                        Role::Claim,
                        "VCG' is ex post individually rational",
                        "VCG'",
                        "ex_post_ir",
                        holds[1],
                    );
                    Ok(())
                })
            },
            generate: with_ties,
            existential: false,
        },
        Claim {
            id: "proposition-1",
            section: "Prop. 1",
            statement: "VCG' achieves the maximum expected budget surplus among ex post efficient, incentive compatible and individually rational mechanisms",
            reading: "as printed; the maximum is the exact LP over interim transfers with x = x*, interim IC for every pair of types and interim IR",
            certify: |c, inst| {
                on_concrete(c, inst, |bd| {
                    if !one_buyer(bd) {
                        return Ok(());
                    }
                    let env = bd.env();
                    evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, env.tie_break);
                    let solved = solve_named(build(env, &Model::MaxSurplus { allocation: None }));
                    if solved.value().is_none() {
                        return Err(
                            "the max-surplus LP has no optimum (it is bounded by IR)".into()
                        );
                    }
                    evidence::lp(bd, "max surplus", &solved);
                    bd.compare(
                        Role::Claim,
                        "the maximum surplus equals Π^VCG'",
                        "max surplus",
                        Rel::Eq,
                        "Pi_VCG'",
                    );
                    Ok(())
                })
            },
            generate: with_ties,
            existential: false,
        },
    ]
}
