//! Statements of Section 6 and the appendix: Lemma 1 (Π(x) by virtual values, as printed
//! and with corrected summation ranges), Theorem 2 (BB IC IR transfers exist iff Π(x) >= 0,
//! on a fixed list of implementable allocations), Theorem 3 (the second best solves the
//! problem with Π(x) = 0), Example 3, Lemma 3 and Theorem 4 (2 x 2), as printed and corrected.

use num_traits::{One, Signed, Zero};

use super::paper::{
    example_3_pi, example_3_pi_star, lemma_1_sum, lemma_1_term, lemma_3, theorem_4_allocation,
    theorem_4_m,
};
use super::{Def, Halt, LpOptions, Reading, Rel, Role, Spec, Statement, Step};
use crate::instance::{Concrete, Matrix};
use crate::number::{Q, fmt_rat, frac};

/// x* and the m·n unit allocations (trade only at (B_i, S_j)), in row-major order: a basis of
/// all m x n matrices, on which identities linear in x are checked. Each comes with the
/// cell of a unit allocation.
pub(super) fn basis_allocations(c: &Concrete) -> Vec<(Matrix, Option<(usize, usize)>)> {
    let (m, n) = (c.m(), c.n());
    let mut out = vec![(c.efficient(), None)];
    for i in 0..m {
        for j in 0..n {
            let x = (0..m)
                .map(|a| {
                    (0..n)
                        .map(|b| {
                            if (a, b) == (i, j) {
                                Q::one()
                            } else {
                                Q::zero()
                            }
                        })
                        .collect()
                })
                .collect();
            out.push((x, Some((i, j))));
        }
    }
    out
}

/// The allocations Theorem 2 is checked on: x*, the instance's allocation, the step
/// allocation (trade iff the buyer is in the upper half of types and the seller in the lower
/// half), and the ramps x(i,j) = i/m, (n+1-j)/n and their product (i, j 1-based); all but the
/// instance's are monotone by construction.
pub(super) fn theorem_2_allocations(c: &Concrete) -> Vec<Matrix> {
    let (m, n) = (c.m(), c.n());
    let mi = |i: usize| i64::try_from(i).unwrap_or(i64::MAX);
    let table = |f: &dyn Fn(usize, usize) -> Q| -> Matrix {
        (0..m).map(|i| (0..n).map(|j| f(i, j)).collect()).collect()
    };
    let mut out = vec![c.efficient()];
    if let Some(a) = &c.allocation {
        out.push(a.clone());
    }
    out.push(table(&|i, j| {
        if i >= m / 2 && j < n.div_ceil(2) {
            Q::one()
        } else {
            Q::zero()
        }
    }));
    let up = |i: usize| frac(mi(i + 1), mi(m));
    let down = |j: usize| frac(mi(n - j), mi(n));
    out.push(table(&|i, _| up(i)));
    out.push(table(&|_, j| down(j)));
    out.push(table(&|i, j| up(i) * down(j)));
    out
}

/// Lemma 1 (printed ranges i = 1..n over buyer types, j = 1..m over seller types, which name
/// existing types only when m = n; corrected: i = 1..m, j = 1..n): Π(x) = Σ_{i,j} [ψ_b(B_i) -
/// ψ_s(S_j)] x(i,j) p_b(B_i) p_s(S_j), at x* and at every unit allocation.
fn lemma_1(s: &mut Spec<'_>, reading: Reading) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    if reading == Reading::AsPrinted {
        s.num("m", Def::Formula("m", None))?;
        s.num("n", Def::Formula("n", None))?;
        if !s.claim("m", Rel::Eq, "n")? {
            return Ok(());
        }
    }
    let c = s.c()?.clone();
    let (m, n) = (c.m(), c.n());
    let term = |i: usize, j: usize| format!("Lemma 1 term ({i},{j})");
    for i in 1..=m {
        for j in 1..=n {
            s.num(&term(i, j), Def::Formula(&lemma_1_term(i, j, m), None))?;
        }
    }
    let double_sum = lemma_1_sum(m, n, term);
    for (k, (x, unit)) in basis_allocations(&c).into_iter().enumerate() {
        let pi = format!("Pi(x{k})");
        s.num(&pi, Def::TightSurplus(&x))?;
        let f = match unit {
            Some((i, j)) => term(i + 1, j + 1),
            None => {
                let f = format!("Lemma 1 at x{k}");
                s.num(&f, Def::Formula(&double_sum, Some(&x)))?;
                f
            }
        };
        s.claim(&f, Rel::Eq, &pi)?;
    }
    Ok(())
}

/// Theorem 2 on each listed allocation x that is implementable: [BB IC IR transfers for x
/// exist (exact LP: a point or a Farkas certificate)] = [Π(x) >= 0].
fn theorem_2(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    let c = s.c()?.clone();
    for (k, x) in theorem_2_allocations(&c).iter().enumerate() {
        if !s.boolean(&format!("implementable x{k}"), Def::Implementable(x))? {
            continue;
        }
        let pi = format!("Pi(x{k})");
        s.num(&pi, Def::TightSurplus(x))?;
        let nonneg = s.case(&pi, Rel::Ge, "0")?;
        let lp = format!("BB IC IR transfers for x{k}");
        let opts = LpOptions {
            allocation: Some(x),
            ..LpOptions::default()
        };
        s.boolean(&lp, Def::Lp("bb-feasible", opts))?;
        s.is(Role::Claim, &lp, nonneg)?;
    }
    Ok(())
}

/// Π(x*) < 0 ⟹ the second best (exact LP over (x, t)) = max{W(x) : x implementable, Π(x) =
/// 0} (exact LP), the second-best allocation recorded has Π(x) = 0, and max{Π(x) : x
/// implementable, Π(x) >= 0, W(x) >= second best} = 0.
fn theorem_3(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    let c = s.c()?.clone();
    s.num("Pi(x*)", Def::TightSurplus(&c.efficient()))?;
    s.condition("Pi(x*)", Rel::Lt, "0")?;
    let w = s.num("second best", Def::Lp("second-best", LpOptions::default()))?;
    let reduced = "max W(x) s.t. implementable, Π(x) = 0";
    s.num(reduced, Def::Lp("reduced", LpOptions::default()))?;
    s.claim("second best", Rel::Eq, reduced)?;
    let x = s.lp_allocation("second best")?;
    s.num("Pi(second-best x)", Def::TightSurplus(&x))?;
    s.claim("Pi(second-best x)", Rel::Eq, "0")?;
    let face = "max Π(x) over optimal x";
    let opts = LpOptions {
        welfare_at_least: Some(&w),
        ..LpOptions::default()
    };
    s.num(face, Def::Lp("max-pi", opts))?;
    s.claim(face, Rel::Eq, "0")?;
    Ok(())
}

/// One buyer, 2 x 2, B2 > S2 > B1 > S1.
fn two_by_two(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.shape(2, 2)?;
    s.order(&[(true, 2), (false, 2), (true, 1), (false, 1)])
}

/// Example 3: the printed Π(x) equals Π(x) at x* and the unit allocations, and the printed
/// Π(x*) (corrected: last term p_b(B1)p_s(S1)S1) equals Π(x*).
fn example_3(s: &mut Spec<'_>, reading: Reading) -> Step {
    two_by_two(s)?;
    let c = s.c()?.clone();
    let printed = example_3_pi();
    for (k, (x, _)) in basis_allocations(&c).into_iter().enumerate() {
        let (pi, f) = (format!("Pi(x{k})"), format!("printed Pi(x{k})"));
        s.num(&pi, Def::TightSurplus(&x))?;
        s.num(&f, Def::Formula(&printed, Some(&x)))?;
        s.claim(&f, Rel::Eq, &pi)?;
    }
    let star = example_3_pi_star(reading);
    s.num("printed Pi(x*)", Def::Formula(&star, None))?;
    s.claim("printed Pi(x*)", Rel::Eq, "Pi(x0)")?;
    Ok(())
}

/// Lemma 3: with Π(x*) < 0 the three printed inequalities hold.
fn lemma_3_statement(s: &mut Spec<'_>) -> Step {
    two_by_two(s)?;
    let c = s.c()?.clone();
    s.num("Pi(x*)", Def::TightSurplus(&c.efficient()))?;
    s.condition("Pi(x*)", Rel::Lt, "0")?;
    for (which, left, right) in lemma_3() {
        let (l, r) = (format!("{which}: left"), format!("{which}: right"));
        s.num(&l, Def::Formula(left, None))?;
        s.num(&r, Def::Formula(right, None))?;
        s.claim(&l, Rel::Lt, &r)?;
    }
    Ok(())
}

/// Theorem 4: with Π(x*) < 0, the allocation the theorem assigns to the sign of M (printed:
/// A if M < 0, B if M > 0; corrected M with S1 restored: A if M > 0, B if M < 0; both if M =
/// 0) is implementable, has BB IC IR transfers, and attains the second-best welfare.
fn theorem_4(s: &mut Spec<'_>, reading: Reading) -> Step {
    two_by_two(s)?;
    let c = s.c()?.clone();
    s.num("Pi(x*)", Def::TightSurplus(&c.efficient()))?;
    s.condition("Pi(x*)", Rel::Lt, "0")?;
    s.num("second best", Def::Lp("second-best", LpOptions::default()))?;
    let m = s.num("M", Def::Formula(&theorem_4_m(reading), None))?;
    let pick_a = if reading == Reading::Corrected {
        m.is_positive()
    } else {
        m.is_negative()
    };
    let labels: &[(&str, bool)] = if m.is_zero() {
        &[("A", true), ("B", false)]
    } else if pick_a {
        &[("A", true)]
    } else {
        &[("B", false)]
    };
    s.case("M", Rel::Lt, "0")?;
    for &(label, a) in labels {
        let cells = theorem_4_allocation(a);
        let x: Matrix = cells
            .iter()
            .map(|row| row.iter().map(|e| s.eval(e)).collect::<Result<_, _>>())
            .collect::<Result<_, Halt>>()?;
        let w = format!("W(x_{label})");
        s.num(&w, Def::Welfare(&x))?;
        let implementable = format!("implementable x_{label}");
        s.boolean(&implementable, Def::Implementable(&x))?;
        s.is(Role::Claim, &implementable, true)?;
        let lp = format!("BB IC IR transfers for x_{label}");
        let opts = LpOptions {
            allocation: Some(&x),
            ..LpOptions::default()
        };
        s.boolean(&lp, Def::Lp("bb-feasible", opts))?;
        s.is(Role::Claim, &lp, true)?;
        s.claim(&w, Rel::Eq, "second best")?;
    }
    Ok(())
}

/// `mechcert solve second-best` (a computation, not a claim of the paper): the second best is
/// the exact LP optimum W over (x, t), W <= the first best, and the certificate says W.
fn second_best(s: &mut Spec<'_>) -> Step {
    if !s.is_concrete() {
        return Err(Halt::Reject(
            "the second best needs a concrete instance".into(),
        ));
    }
    let c = s.c()?.clone();
    // with or without ex post IR rows (`mechcert solve second-best --ex-post-ir`)
    let opts = LpOptions {
        ex_post_ir: s.lp_option_set("second best", "ex_post_ir"),
        ..LpOptions::default()
    };
    let w = s.num("second best", Def::Lp("second-best", opts))?;
    s.num("first best", Def::Welfare(&c.efficient()))?;
    s.claim("second best", Rel::Le, "first best")?;
    s.claim("second best", Rel::Eq, &fmt_rat(&w))?;
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    vec![
        Statement {
            id: "lemma-1",
            section: "Lemma 1",
            statement: "I = 1 ⟹ the printed ranges (i = 1..n over buyer types, j = 1..m over seller types) name existing types (m = n), and Π(x) = Σ_i Σ_j [ψ_b(B_i) - ψ_s(S_j)] x(B_i,S_j) p_b(B_i) p_s(S_j) at x* and every unit allocation (a basis: so for every x)",
            check: |s| lemma_1(s, Reading::AsPrinted),
        },
        Statement {
            id: "lemma-1-corrected",
            section: "Lemma 1",
            statement: "I = 1 ⟹ Π(x) = Σ_{i=1}^m Σ_{j=1}^n [ψ_b(B_i) - ψ_s(S_j)] x(B_i,S_j) p_b(B_i) p_s(S_j) at x* and every unit allocation (a basis: so for every x)",
            check: |s| lemma_1(s, Reading::Corrected),
        },
        Statement {
            id: "theorem-2",
            section: "Thm. 2",
            statement: "I = 1 ⟹ for x in {x*, the instance's allocation, the step allocation, the ramps i/m, (n+1-j)/n and their product}, if x is implementable: [∃ BB t with (x, t) IC, IR (exact LP)] = [Π(x) >= 0]",
            check: theorem_2,
        },
        Statement {
            id: "theorem-3",
            section: "Thm. 3",
            statement: "I = 1, Π(x*) < 0 ⟹ second best (exact LP over x, t) = max{W(x) : x monotone, Π(x) = 0}, the second-best x has Π(x) = 0, and max{Π(x) : x monotone, Π(x) >= 0, W(x) >= second best} = 0",
            check: theorem_3,
        },
        Statement {
            id: "example-3",
            section: "Ex. 3",
            statement: "I = 1, m = n = 2, B2 > S2 > B1 > S1 ⟹ the printed Π(x) = Π(x) at x* and every unit allocation, and the printed Π(x*) = p_b(B2)p_s(S2)B2 + p_s(S1)B1 - p_b(B2)S2 - p_b(B1)S1 = Π(x*)",
            check: |s| example_3(s, Reading::AsPrinted),
        },
        Statement {
            id: "example-3-corrected",
            section: "Ex. 3",
            statement: "I = 1, m = n = 2, B2 > S2 > B1 > S1 ⟹ the printed Π(x) = Π(x) at x* and every unit allocation, and p_b(B2)p_s(S2)B2 + p_s(S1)B1 - p_b(B2)S2 - p_b(B1)p_s(S1)S1 = Π(x*)",
            check: |s| example_3(s, Reading::Corrected),
        },
        Statement {
            id: "lemma-3",
            section: "Lemma 3",
            statement: "I = 1, m = n = 2, B2 > S2 > B1 > S1, Π(x*) < 0 ⟹ p_s(S2)B2 + p_s(S1)S1 < S2, p_s(S2)(B1 - p_b(B2)B2) < p_b(B1)(S2 - p_s(S1)S1), B1 < p_b(B2)B2 + p_b(B1)S1",
            check: lemma_3_statement,
        },
        Statement {
            id: "theorem-4",
            section: "Thm. 4",
            statement: "I = 1, m = n = 2, B2 > S2 > B1 > S1, Π(x*) < 0 ⟹ with M as printed, the allocation for sign(M) (A: x(B2,S2) = 1 if M < 0; B: x(B1,S1) = 1 if M > 0; both if M = 0) is implementable, has BB IC IR transfers (exact LP), and W(x) = second best (exact LP)",
            check: |s| theorem_4(s, Reading::AsPrinted),
        },
        Statement {
            id: "theorem-4-corrected",
            section: "Thm. 4",
            statement: "as theorem-4 with S1 restored in M (ψ_s(S2) = (S2 - p_s(S1)S1)/p_s(S2)) and the cases exchanged: A if M > 0, B if M < 0",
            check: |s| theorem_4(s, Reading::Corrected),
        },
        Statement {
            id: "second-best",
            section: "Sec. 6",
            statement: "(mechcert solve second-best, a computation) W = max{W(x) : (x, t) ex post BB, interim IC and IR, and ex post IR if the LP says so} (exact LP), and W <= the first best W(x*)",
            check: second_best,
        },
    ]
}
