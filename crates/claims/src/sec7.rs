//! Section 7.1 (ties between buyer and seller values): leaving the good with the seller on a
//! tie (x**) maximises Π among efficient allocations, and efficient BB IC IR trade is possible
//! iff Π(x**) >= 0; and the printed strict comparison of virtual values at a tie.

use std::cmp::Ordering;

use mechcert_mech::Matrix;
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_opt::{Model, build, solve_named};

use crate::certificate::{Builder, Certified, Mode, Rel, Role};
use crate::evidence::{self, Alloc, one_buyer};
use crate::registry::{Claim, on_concrete, with_ties};
use crate::sec6::{psi_b, psi_s};

/// The tie cells (B_i = S_j), recorded as the condition that there is at least one.
fn ties(bd: &mut Builder) -> Result<Vec<(usize, usize)>, String> {
    let env = bd.env();
    let (m, n) = (env.m(), env.n());
    if !evidence::value_gap(bd, "some buyer value equals some seller value", Rel::Eq)? {
        return Ok(vec![]);
    }
    Ok((0..m)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| env.cmp(i, j) == Ordering::Equal)
        .collect())
}

/// x**: efficient, and no trade on a tie.
fn x_double_star(bd: &Builder) -> Matrix<Rat> {
    let env = bd.env();
    Matrix::from_fn(env.m(), env.n(), |i, j| {
        if env.cmp(i, j) == Ordering::Greater {
            Rat::ONE
        } else {
            Rat::ZERO
        }
    })
}

fn seller_keeps(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let cells = ties(bd)?;
        if cells.is_empty() {
            return Ok(());
        }
        let xss = x_double_star(bd);
        let pi = evidence::tight_surplus(bd, "Pi(x**)", &Alloc::numbers(&xss));
        // Π is linear in x, so it is maximal over the efficient allocations (any x in [0, 1] on
        // the tie cells) at x** iff raising any single tie cell to 1 does not increase it.
        for (i, j) in cells {
            let mut x = xss.clone();
            x[(i, j)] = Rat::ONE;
            let name = format!("Pi(x** with trade at B{} = S{})", i + 1, j + 1);
            let raised = evidence::tight_surplus(bd, &name, &Alloc::numbers(&x));
            bd.compare(
                Role::Claim,
                &format!(
                    "trading on the tie B{} = S{} does not raise Π",
                    i + 1,
                    j + 1
                ),
                &raised,
                Rel::Le,
                &pi,
            );
        }
        let nonneg = bd.compare(Role::Case, "Π(x**) >= 0", &pi, Rel::Ge, 0);
        let lp = solve_named(build(
            bd.env(),
            &Model::BbFeasible {
                allocation: Some(xss),
                ex_post_ir: false,
                free_ties: true,
            },
        ));
        let exists = evidence::lp_feasibility(bd, "some efficient BB IC IR mechanism", &lp, None);
        bd.is(
            Role::Claim,
            "efficient BB IC IR trade is possible iff Π(x**) >= 0",
            &exists,
            nonneg,
        );
        Ok(())
    })
}

fn virtual_strict(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let m = bd.env().m();
        for (i, j) in ties(bd)? {
            let vb = bd.formula(&format!("psi_b(B{})", i + 1), &psi_b(i + 1, m))?;
            let vs = bd.formula(&format!("psi_s(S{})", j + 1), &psi_s(j + 1))?;
            bd.compare(
                Role::Claim,
                &format!(
                    "at the tie B{} = S{} the buyer's virtual value is below the seller's",
                    i + 1,
                    j + 1
                ),
                &vb,
                Rel::Lt,
                &vs,
            );
        }
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "ties-seller-keeps",
            section: "Sec. 7.1",
            statement: "with ties, x** (the seller keeps the good on a tie) has Π(x**) >= Π(x*) for every efficient x*, and efficient BB IC IR trade is possible iff Π(x**) >= 0",
            reading: "as printed; efficient allocations may trade with any probability on a tie",
            certify: seller_keeps,
            generate: with_ties,
            existential: false,
        },
        Claim {
            id: "ties-virtual-value-strict",
            section: "Sec. 7.1",
            statement: "when B_i = S_j the buyer's virtual valuation is (strictly) lower than the seller's",
            reading: "as printed, with the virtual values of Lemma 1",
            certify: virtual_strict,
            generate: with_ties,
            existential: false,
        },
    ]
}
