//! Section 6 (gains from trade): Lemma 1 (Π(x) by virtual values), Theorem 2 (BB IC IR
//! transfers for x exist iff Π(x) >= 0), Theorem 3 (the second best has Π(x) = 0), Example 3
//! (the 2x2 formulas), Lemma 3 and Theorem 4 (the optimal 2x2 allocation), each as printed and,
//! where the printed text has an evident typo, as a corrected reading.

use mechcert_mech::{Matrix, efficient_allocation};
use mechcert_model::Instance;
use mechcert_model::random::SplitMix64;
use mechcert_num::Rat;
use mechcert_opt::{Model, PiRow, solve_model};

use crate::certificate::{Builder, Certified, Mode, Num, Rel, Role};
use crate::evidence::{
    self, Alloc, basis_allocations, one_buyer, shape, test_allocations, value_order,
};
use crate::expr::{Expr, b, fb, fs, num, pb, ps, s, x};
use crate::registry::{Claim, ClaimError, Reading, generic, on_concrete};

/// The buyer's virtual value as printed in Lemma 1 (B_{m+1} appears multiplied by
/// 1 - F_b(B_m) = 0 and is dropped; F_b(B_0) = 0 by footnote 4).
pub fn psi_b(i: usize, m: usize) -> Expr {
    let below = if i == 1 { num(0) } else { fb(b(i - 1)) };
    let first = (num(1) - below) * b(i);
    let e = if i < m {
        first - (num(1) - fb(b(i))) * b(i + 1)
    } else {
        first
    };
    e / pb(i)
}

/// The seller's virtual value as printed in Lemma 1 (the S_0 term vanishes: F_s(S_0) = 0).
pub fn psi_s(j: usize) -> Expr {
    let e = if j == 1 {
        s(j) * fs(s(j))
    } else {
        s(j) * fs(s(j)) - s(j - 1) * fs(s(j - 1))
    };
    e / ps(j)
}

/// Lemma 1's summand for the cell (i, j) without x: [ψ_b(B_i) - ψ_s(S_j)] p_b(B_i) p_s(S_j).
fn lemma_1_term(i: usize, j: usize, m: usize) -> Expr {
    (psi_b(i, m) - psi_s(j)) * pb(i) * ps(j)
}

fn lemma_1(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
    reading: Reading,
) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let (m, n) = (bd.env().m(), bd.env().n());
        if reading == Reading::AsPrinted {
            // Printed: Σ_{i=1}^{n} Σ_{j=1}^{m} with i indexing buyer types and j seller types.
            let mq = bd.formula("m", &Expr::Sym("m".into()))?;
            let nq = bd.formula("n", &Expr::Sym("n".into()))?;
            let defined = bd.compare(
                Role::Claim,
                "the printed ranges (buyer index i = 1..n, seller index j = 1..m) name existing types",
                &mq,
                Rel::Eq,
                &nq,
            );
            if !defined {
                return Ok(());
            }
        }
        // The double sum is Σ_{i,j} x(i,j) c(i,j) with one recorded term c(i,j) per cell: at x*
        // it is checked as a sum, at the unit allocation e(i,j) it is the term c(i,j) itself.
        let mut terms: Vec<Vec<Num>> = vec![];
        for i in 1..=m {
            let mut row = vec![];
            for j in 1..=n {
                row.push(bd.formula(&format!("Lemma 1 term ({i},{j})"), &lemma_1_term(i, j, m))?);
            }
            terms.push(row);
        }
        let env = bd.env().clone();
        let double_sum = crate::expr::sum(
            (1..=m)
                .flat_map(|i| (1..=n).map(move |j| (i, j)))
                .map(|(i, j)| x(i, j) * terms[i - 1][j - 1].expr()),
        );
        for (k, a) in basis_allocations(&env).into_iter().enumerate() {
            let pi = evidence::tight_surplus(bd, &format!("Pi(x{k})"), &Alloc::numbers(&a.x));
            let f = match a.unit {
                Some((i, j)) => terms[i][j].clone(),
                None => bd.formula_at(&format!("Lemma 1 at x{k}"), &double_sum, &a.x)?,
            };
            bd.compare(
                Role::Claim,
                &format!("Lemma 1 at {}", a.label),
                &f,
                Rel::Eq,
                &pi,
            );
        }
        Ok(())
    })
}

fn theorem_2(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let env = bd.env();
        for (k, (label, xm)) in test_allocations(env, inst).into_iter().enumerate() {
            let a = Alloc::numbers(&xm);
            if !evidence::implementable(bd, &format!("implementable x{k}"), &a).value() {
                continue;
            }
            let pi = evidence::tight_surplus(bd, &format!("Pi(x{k})"), &a);
            let nonneg = bd.compare(
                Role::Case,
                &format!("Π(x) >= 0 at {label}"),
                &pi,
                Rel::Ge,
                0,
            );
            let lp = solve_model(
                env,
                &Model::BbFeasible {
                    allocation: Some(xm.clone()),
                    ex_post_ir: false,
                    free_ties: false,
                },
            )?;
            let exists =
                evidence::lp_feasibility(bd, &format!("BB IC IR transfers for x{k}"), &lp, None);
            bd.is(
                Role::Claim,
                &format!(
                    "budget-balanced IC IR transfers exist for {label} exactly when Π(x) >= 0"
                ),
                &exists,
                nonneg,
            );
        }
        Ok(())
    })
}

fn theorem_3(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let env = bd.env();
        let pi = evidence::tight_surplus(bd, "Pi(x*)", &Alloc::numbers(&efficient_allocation(env)));
        if !bd.compare(Role::Condition, "Π(x*) < 0", &pi, Rel::Lt, 0) {
            return Ok(());
        }
        let second = solve_model(env, &Model::SecondBest { ex_post_ir: false })?;
        let w2 = evidence::lp_optimum(bd, "second best", &second)?;
        let reduced = solve_model(env, &Model::Reduced { pi: PiRow::Zero })?;
        let reduced = evidence::lp_optimum(bd, "max W(x) s.t. implementable, Π(x) = 0", &reduced)?;
        bd.compare(
            Role::Claim,
            "the second best equals max gains from trade over implementable x with Π(x) = 0",
            &w2,
            Rel::Eq,
            &reduced,
        );
        let xs = second
            .allocation(env)
            .ok_or("the second-best LP has an optimal point")?;
        let x2 = xs.map(|v| v.clone().unwrap_or(Rat::ZERO));
        let pi2 = evidence::tight_surplus(bd, "Pi(second-best x)", &Alloc::numbers(&x2));
        bd.compare(
            Role::Claim,
            "the second-best allocation found has Π(x) = 0",
            &pi2,
            Rel::Eq,
            0,
        );
        let face = solve_model(
            env,
            &Model::MaxPi {
                welfare_at_least: w2.value().clone(),
            },
        )?;
        let face = evidence::lp_optimum(bd, "max Π(x) over optimal x", &face)?;
        bd.compare(
            Role::Claim,
            "every optimal allocation has Π(x) = 0",
            &face,
            Rel::Eq,
            0,
        );
        Ok(())
    })
}

/// B2 > S2 > B1 > S1 with 2 x 2 types, the case of Example 3, Lemma 3 and Theorem 4.
fn two_by_two(bd: &mut Builder) -> Result<bool, String> {
    Ok(shape(bd, 2, 2)?
        && value_order(
            bd,
            "order gap",
            "B2 > S2 > B1 > S1",
            &[(true, 2), (false, 2), (true, 1), (false, 1)],
        )?)
}

/// Random 2 x 2 instances with B2 > S2 > B1 > S1.
pub fn ordered_2x2(rng: &mut SplitMix64, _: usize, _: usize, _: usize) -> Instance {
    crate::sec5::alternating(rng, 2, 1)
}

/// Example 3's printed Π(x) for 2 x 2.
fn example_3_pi() -> Expr {
    let psi_s2 = (s(2) - ps(1) * s(1)) / ps(2);
    let psi_b1 = (b(1) - pb(2) * b(2)) / pb(1);
    pb(2) * ps(2) * (b(2) - psi_s2.clone()) * x(2, 2)
        + pb(2) * ps(1) * (b(2) - s(1)) * x(2, 1)
        + pb(1) * ps(2) * (psi_b1.clone() - psi_s2) * x(1, 2)
        + pb(1) * ps(1) * (psi_b1 - s(1)) * x(1, 1)
}

/// Example 3's Π(x*): as printed (`... - p_b(B_1) S_1`) or corrected (`- p_b(B_1) p_s(S_1) S_1`).
pub fn example_3_pi_star(reading: Reading) -> Expr {
    let last = if reading == Reading::Corrected {
        pb(1) * ps(1) * s(1)
    } else {
        pb(1) * s(1)
    };
    pb(2) * ps(2) * b(2) + ps(1) * b(1) - pb(2) * s(2) - last
}

fn example_3(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
    reading: Reading,
) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && two_by_two(bd)?) {
            return Ok(());
        }
        let env = bd.env();
        let mut at_xstar = None;
        for (k, a) in basis_allocations(env).into_iter().enumerate() {
            let pi = evidence::tight_surplus(bd, &format!("Pi(x{k})"), &Alloc::numbers(&a.x));
            let f = bd.formula_at(&format!("printed Pi(x{k})"), &example_3_pi(), &a.x)?;
            bd.compare(
                Role::Claim,
                &format!("the printed Π(x) at {}", a.label),
                &f,
                Rel::Eq,
                &pi,
            );
            at_xstar.get_or_insert(pi);
        }
        let pi_star = at_xstar.ok_or("the basis starts with x*")?;
        let printed = bd.formula("printed Pi(x*)", &example_3_pi_star(reading))?;
        bd.compare(
            Role::Claim,
            "the printed Π(x*)",
            &printed,
            Rel::Eq,
            &pi_star,
        );
        Ok(())
    })
}

fn lemma_3(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && two_by_two(bd)?) {
            return Ok(());
        }
        let xstar = Alloc::numbers(&efficient_allocation(bd.env()));
        let pi = evidence::tight_surplus(bd, "Pi(x*)", &xstar);
        if !bd.compare(Role::Condition, "Π(x*) < 0", &pi, Rel::Lt, 0) {
            return Ok(());
        }
        let sides = [
            ("first", ps(2) * b(2) + ps(1) * s(1), s(2)),
            (
                "second",
                ps(2) * (b(1) - pb(2) * b(2)),
                pb(1) * (s(2) - ps(1) * s(1)),
            ),
            ("third", b(1), pb(2) * b(2) + pb(1) * s(1)),
        ];
        for (which, lhs, rhs) in sides {
            let l = bd.formula(&format!("{which}: left"), &lhs)?;
            let r = bd.formula(&format!("{which}: right"), &rhs)?;
            bd.compare(
                Role::Claim,
                &format!("the {which} inequality of Lemma 3"),
                &l,
                Rel::Lt,
                &r,
            );
        }
        Ok(())
    })
}

/// Theorem 4's M: as printed (`(S_2 - p_s(S_1))/p_s(S_2)`) or with S_1 restored.
pub fn theorem_4_m(reading: Reading) -> Expr {
    let psi_s2 = if reading == Reading::Corrected {
        (s(2) - ps(1) * s(1)) / ps(2)
    } else {
        (s(2) - ps(1)) / ps(2)
    };
    (b(1) - s(1)) * (b(2) - psi_s2) - (b(2) - s(2)) * ((b(1) - pb(2) * b(2)) / pb(1) - s(1))
}

/// The two candidate allocations of Theorem 4 (rows B1, B2; columns S1, S2):
/// A: x(B2,S2) = 1, x(B1,S1) = p_b(B2)[B2 - S2] / (p_s(S1)[p_b(B2)B2 + p_b(B1)S1 - B1]);
/// B: x(B1,S1) = 1, x(B2,S2) = p_s(S1)[B1 - S1] / (p_b(B2)[S2 - p_s(S2)B2 - p_s(S1)S1]).
pub fn theorem_4_candidates() -> (Matrix<Expr>, Matrix<Expr>) {
    let z = pb(2) * (b(2) - s(2)) / (ps(1) * (pb(2) * b(2) + pb(1) * s(1) - b(1)));
    let y = ps(1) * (b(1) - s(1)) / (pb(2) * (s(2) - ps(2) * b(2) - ps(1) * s(1)));
    let a = Matrix::from_rows(vec![vec![z, num(0)], vec![num(1), num(1)]]);
    let bb = Matrix::from_rows(vec![vec![num(1), num(0)], vec![num(1), y]]);
    (a, bb)
}

fn theorem_4(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
    reading: Reading,
) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(one_buyer(bd)? && two_by_two(bd)?) {
            return Ok(());
        }
        let env = bd.env();
        let pi = evidence::tight_surplus(bd, "Pi(x*)", &Alloc::numbers(&efficient_allocation(env)));
        if !bd.compare(Role::Condition, "Π(x*) < 0", &pi, Rel::Lt, 0) {
            return Ok(());
        }
        let second = solve_model(env, &Model::SecondBest { ex_post_ir: false })?;
        let best = evidence::lp_optimum(bd, "second best", &second)?;
        let m = bd.formula("M", &theorem_4_m(reading))?;
        let (a, bm) = theorem_4_candidates();
        // printed: M < 0 -> A, M > 0 -> B; corrected: M > 0 -> A, M < 0 -> B; M = 0: both
        let pick_a = if reading == Reading::Corrected {
            m.value().is_positive()
        } else {
            m.value().is_negative()
        };
        let named: Vec<(&str, Matrix<Expr>)> = if m.value().is_zero() {
            vec![("A", a), ("B", bm)]
        } else if pick_a {
            vec![("A", a)]
        } else {
            vec![("B", bm)]
        };
        bd.compare(Role::Case, "M < 0", &m, Rel::Lt, 0);
        for (label, e) in named {
            let alloc = Alloc::formulas(env, &e)?;
            let w = evidence::welfare(bd, &format!("W(x_{label})"), &alloc);
            let implementable =
                evidence::implementable(bd, &format!("implementable x_{label}"), &alloc);
            bd.is(
                Role::Claim,
                &format!("the printed allocation {label} is implementable"),
                &implementable,
                true,
            );
            let lp = solve_model(
                env,
                &Model::BbFeasible {
                    allocation: Some(alloc.x.clone()),
                    ex_post_ir: false,
                    free_ties: false,
                },
            )?;
            let feasible = evidence::lp_feasibility(
                bd,
                &format!("BB IC IR transfers for x_{label}"),
                &lp,
                Some(&alloc.json),
            );
            bd.is(
                Role::Claim,
                &format!("allocation {label} has budget-balanced IC IR transfers"),
                &feasible,
                true,
            );
            bd.compare(
                Role::Claim,
                &format!("allocation {label} attains the second-best welfare"),
                &w,
                Rel::Eq,
                &best,
            );
        }
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "lemma-1",
            section: "Lemma 1",
            statement: "Π(x) = Σ_{i=1}^{n} Σ_{j=1}^{m} [ψ_b(B_i) - ψ_s(S_j)] x(B_i, S_j) p_B(B_i) p_S(S_j) for the tight mechanism of any implementable x",
            reading: "as printed, including the summation bounds (buyer index i up to n, seller index j up to m). Checked at x* and at the m·n unit allocations: both sides are linear maps on all m x n matrices and the unit allocations are a basis, so this proves the identity for every x on the instance",
            certify: |c, inst, mode| lemma_1(c, inst, mode, Reading::AsPrinted),
            generate: generic,
            existential: false,
        },
        Claim {
            id: "lemma-1-corrected",
            section: "Lemma 1",
            statement: "Π(x) = Σ_{i=1}^{m} Σ_{j=1}^{n} [ψ_b(B_i) - ψ_s(S_j)] x(B_i, S_j) p_B(B_i) p_S(S_j)",
            reading: "corrected summation bounds: i over the m buyer types, j over the n seller types. Checked at x* and at the m·n unit allocations: both sides are linear maps on all m x n matrices and the unit allocations are a basis, so this proves the identity for every x on the instance",
            certify: |c, inst, mode| lemma_1(c, inst, mode, Reading::Corrected),
            generate: generic,
            existential: false,
        },
        Claim {
            id: "theorem-2",
            section: "Thm. 2",
            statement: "for an implementable allocation x there is a budget balanced transfer t with (x, t) IC and IR if and only if Π(x) >= 0",
            reading: "as printed, on x*, the instance's allocation, a step allocation and the ramps x = i/m, (n+1-j)/n and their product (a list fixed by the shape, which the checker states too); existence by exact LP (a point or a Farkas certificate)",
            certify: theorem_2,
            generate: generic,
            existential: false,
        },
        Claim {
            id: "theorem-3",
            section: "Thm. 3",
            statement: "when Π(x*) < 0 the second best maximises gains from trade over implementable x with Π(x) = 0",
            reading: "as printed: the LP second best over (x, t) equals the reduced problem, its allocation has Π(x) = 0, and the maximum of Π over all optimal allocations is 0",
            certify: theorem_3,
            generate: generic,
            existential: false,
        },
        Claim {
            id: "example-3",
            section: "Ex. 3",
            statement: "2x2, B2 > S2 > B1 > S1: the printed Π(x) of a tight mechanism, and Π(x*) = p_b(B2)p_s(S2)B2 + p_s(S1)B1 - p_b(B2)S2 - p_b(B1)S1",
            reading: "as printed. Checked at x* and at the four unit allocations: both sides are linear maps on all m x n matrices and the unit allocations are a basis, so this proves the identity for every x on the instance",
            certify: |c, inst, mode| example_3(c, inst, mode, Reading::AsPrinted),
            generate: ordered_2x2,
            existential: false,
        },
        Claim {
            id: "example-3-corrected",
            section: "Ex. 3",
            statement: "2x2, B2 > S2 > B1 > S1: the printed Π(x), and Π(x*) = p_b(B2)p_s(S2)B2 + p_s(S1)B1 - p_b(B2)S2 - p_b(B1)p_s(S1)S1",
            reading: "corrected Π(x*): the last term is p_b(B1)p_s(S1)S1, as in the proof of Lemma 3; Π(x) checked as in example-3",
            certify: |c, inst, mode| example_3(c, inst, mode, Reading::Corrected),
            generate: ordered_2x2,
            existential: false,
        },
        Claim {
            id: "lemma-3",
            section: "Lemma 3",
            statement: "B2 > S2 > B1 > S1 and Π(x*) < 0 imply p_s(S2)B2 + p_s(S1)S1 < S2, p_s(S2)(B1 - p_b(B2)B2) < p_b(B1)(S2 - p_s(S1)S1), and B1 < p_b(B2)B2 + p_b(B1)S1",
            reading: "as printed",
            certify: lemma_3,
            generate: ordered_2x2,
            existential: false,
        },
        Claim {
            id: "theorem-4",
            section: "Thm. 4",
            statement: "2x2, B2 > S2 > B1 > S1, Π(x*) < 0: the optimal allocation is x(B2,S1) = 1, x(B1,S2) = 0 and, with M as printed, x(B2,S2) = 1 and x(B1,S1) = p_b(B2)[B2-S2]/(p_s(S1)[p_b(B2)B2 + p_b(B1)S1 - B1]) if M < 0, x(B1,S1) = 1 and x(B2,S2) = p_s(S1)[B1-S1]/(p_b(B2)[S2 - p_s(S2)B2 - p_s(S1)S1]) if M > 0, a continuum if M = 0",
            reading: "as printed, with M = [B1-S1][B2 - (S2 - p_s(S1))/p_s(S2)] - [B2-S2][(B1 - p_b(B2)B2)/p_b(B1) - S1]",
            certify: |c, inst, mode| theorem_4(c, inst, mode, Reading::AsPrinted),
            generate: ordered_2x2,
            existential: false,
        },
        Claim {
            id: "theorem-4-corrected",
            section: "Thm. 4",
            statement: "as theorem-4 with M = [B1-S1][B2 - (S2 - p_s(S1)S1)/p_s(S2)] - [B2-S2][(B1 - p_b(B2)B2)/p_b(B1) - S1] and the cases exchanged: x(B2,S2) = 1 if M > 0, x(B1,S1) = 1 if M < 0",
            reading: "corrected: S1 restored in M (the seller's virtual value ψ_s(S2)), and the case conditions exchanged to match the proof's comparison",
            certify: |c, inst, mode| theorem_4(c, inst, mode, Reading::Corrected),
            generate: ordered_2x2,
            existential: false,
        },
    ]
}
