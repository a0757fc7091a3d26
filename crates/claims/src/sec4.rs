//! Section 4: Theorem 1 and Corollary 1 (an efficient budget-balanced IC IR mechanism exists
//! iff Π^VCG' >= 0, with a witness either way) and Remark 1 (a high buyer type added with
//! probability ε makes Π' > 0 once B_{m+1} is large).

use mechcert_mech::{BudgetBalanced, Interim, Shares, Tabular, vcg_prime};
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_opt::{Model, build, solve_named};
use mechcert_verify::Property;

use crate::certificate::{Certified, Rel, Role};
use crate::evidence::{self, one_buyer};
use crate::registry::{Claim, generic, on_concrete, with_ties};

/// The properties the Theorem 1 construction must have.
pub const BB_PROPERTIES: [Property; 6] = [
    Property::InterimIcBuyer,
    Property::InterimIcSeller,
    Property::InterimIrBuyer,
    Property::InterimIrSeller,
    Property::ExPostBb,
    Property::Efficient,
];

fn theorem_1(c: &Claim, inst: &Instance) -> Result<Certified, String> {
    on_concrete(c, inst, |bd| {
        if !one_buyer(bd) {
            return Ok(());
        }
        let env = bd.env();
        let pi = evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, env.tie_break);
        let nonneg = bd.compare(
            Role::Case,
            "VCG' does not run an expected deficit",
            "Pi_VCG'",
            Rel::Ge,
            "0",
        );
        let solved = solve_named(build(
            env,
            &Model::BbFeasible {
                allocation: None,
                ex_post_ir: false,
                free_ties: false,
            },
        ));
        evidence::lp(bd, "efficient BB IC IR exists", &solved);
        bd.is(
            Role::Claim,
            "an efficient budget-balanced IC IR mechanism exists exactly when Π^VCG' >= 0",
            "efficient BB IC IR exists",
            nonneg,
        );
        if !pi.is_negative() {
            // the construction of the proof, alpha = 0 and alpha = 1
            let base = vcg_prime(env);
            let interim = Interim::of_tabular(env, &base);
            for alpha in [Rat::ZERO, Rat::ONE] {
                let bb = BudgetBalanced::new(env, &base, &interim, Shares::seller_share(1, &alpha));
                let tab = Tabular::tabulate(env, &bb);
                let name = format!("Theorem 1 construction, alpha = {alpha}");
                let holds = evidence::mechanism_tables(bd, &name, &tab, &BB_PROPERTIES);
                for (p, h) in BB_PROPERTIES.iter().zip(holds) {
                    bd.property(
                        Role::Claim,
                        &format!("the construction (alpha = {alpha}) is {}", p.key()),
                        &name,
                        p.key(),
                        h,
                    );
                }
            }
        }
        Ok(())
    })
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "theorem-1",
            section: "Thm. 1",
            statement: "there exists an ex post efficient budget balanced implementable (IC, IR) mechanism if and only if Π^VCG' >= 0",
            reading: "as printed; existence is the exact LP feasibility of ex post budget-balanced transfers with x = x*, interim IC for every pair of types and interim IR (a point or a Farkas certificate), and for Π >= 0 the proof's construction is checked too",
            certify: theorem_1,
            generate: with_ties,
            existential: false,
        },
        Claim {
            id: "corollary-1",
            section: "Cor. 1",
            statement: "there exists an ex post efficient budget balanced implementable mechanism if and only if the VCG' mechanism does not run an expected deficit",
            reading: "as printed (the same evidence as Theorem 1)",
            certify: theorem_1,
            generate: generic,
            existential: false,
        },
    ]
}
