//! Statements of Section 7.1 (ties between buyer and seller values): x** (the seller keeps the
//! good on a tie) has the largest Π among efficient allocations and decides whether efficient
//! BB IC IR trade is possible; and the printed strict comparison of virtual values at a tie.

use std::cmp::Ordering;

use num_traits::{One, Zero};

use super::paper::{psi_b, psi_s};
use super::{Def, LpOptions, Rel, Role, Spec, Statement, Step};
use crate::instance::{Concrete, Matrix};
use crate::number::Q;

/// The tie cells (B_i = S_j), row-major.
fn ties(c: &Concrete) -> Vec<(usize, usize)> {
    (0..c.m())
        .flat_map(|i| (0..c.n()).map(move |j| (i, j)))
        .filter(|&(i, j)| c.b[i] == c.s[j])
        .collect()
}

/// x**: trade iff B_i > S_j.
fn x_double_star(c: &Concrete) -> Matrix {
    (0..c.m())
        .map(|i| {
            (0..c.n())
                .map(|j| {
                    if c.b[i].cmp(&c.s[j]) == Ordering::Greater {
                        Q::one()
                    } else {
                        Q::zero()
                    }
                })
                .collect()
        })
        .collect()
}

/// Some B_i = S_j ⟹ raising x** to 1 on any single tie does not raise Π (Π is linear in x, so
/// x** maximises Π over all efficient allocations), and [efficient BB IC IR trade is possible
/// (exact LP, any trade probability on ties)] = [Π(x**) >= 0].
fn seller_keeps(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.value_gap(Rel::Eq)?;
    let c = s.c()?.clone();
    let xss = x_double_star(&c);
    s.num("Pi(x**)", Def::TightSurplus(&xss))?;
    for (i, j) in ties(&c) {
        let mut x = xss.clone();
        x[i][j] = Q::one();
        let name = format!("Pi(x** with trade at B{} = S{})", i + 1, j + 1);
        s.num(&name, Def::TightSurplus(&x))?;
        s.claim(&name, Rel::Le, "Pi(x**)")?;
    }
    let nonneg = s.case("Pi(x**)", Rel::Ge, "0")?;
    let lp = "some efficient BB IC IR mechanism";
    let opts = LpOptions {
        allocation: Some(&xss),
        free_ties: true,
        ..LpOptions::default()
    };
    s.boolean(lp, Def::Lp("bb-feasible", opts))?;
    s.is(Role::Claim, lp, nonneg)?;
    Ok(())
}

/// Some B_i = S_j ⟹ at every tie ψ_b(B_i) < ψ_s(S_j) (Lemma 1's virtual values).
fn virtual_strict(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    s.value_gap(Rel::Eq)?;
    let c = s.c()?.clone();
    for (i, j) in ties(&c) {
        let (vb, vs) = (format!("psi_b(B{})", i + 1), format!("psi_s(S{})", j + 1));
        s.num(&vb, Def::Formula(&psi_b(i + 1, c.m()), None))?;
        s.num(&vs, Def::Formula(&psi_s(j + 1), None))?;
        s.claim(&vb, Rel::Lt, &vs)?;
    }
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    vec![
        Statement {
            id: "ties-seller-keeps",
            section: "Sec. 7.1",
            statement: "I = 1, some B_i = S_j ⟹ Π(x** with trade on any one tie) <= Π(x**), and [∃ efficient BB IC IR mechanism, any trade on ties (exact LP)] = [Π(x**) >= 0]",
            check: seller_keeps,
        },
        Statement {
            id: "ties-virtual-value-strict",
            section: "Sec. 7.1",
            statement: "I = 1, some B_i = S_j ⟹ ψ_b(B_i) < ψ_s(S_j) at every tie",
            check: virtual_strict,
        },
    ]
}
