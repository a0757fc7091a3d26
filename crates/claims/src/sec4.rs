//! Section 4: Theorem 1 and Corollary 1 (an efficient budget-balanced IC IR mechanism exists
//! iff Π^VCG' >= 0, with a witness either way) and Remark 1 (a high buyer type added with
//! probability ε makes Π' > 0 once B_{m+1} is large).

use mechcert_mech::{BudgetBalanced, Interim, Shares, Tabular, compress, vcg_prime};
use mechcert_model::{Instance, Parameter};
use mechcert_num::{Interval, Poly, Rat};
use mechcert_opt::{Model, build, solve_named};
use mechcert_verify::Property;
use serde_json::json;

use crate::certificate::{Certified, Mode, Record, Rel, Role};
use crate::evidence::{self, one_buyer};
use crate::expr::{Expr, fs, num};
use crate::registry::{Claim, generic, on_concrete, with_ties};
use crate::symbolic;

/// The properties the Theorem 1 construction must have.
pub const BB_PROPERTIES: [Property; 6] = [
    Property::InterimIcBuyer,
    Property::InterimIcSeller,
    Property::InterimIrBuyer,
    Property::InterimIrSeller,
    Property::ExPostBb,
    Property::Efficient,
];

fn theorem_1(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd| {
        if !one_buyer(bd)? {
            return Ok(());
        }
        let env = bd.env();
        let pi = evidence::vcg_prime_surplus(bd, "Pi_VCG'", 1, env.tie_break);
        let nonneg = bd.compare(
            Role::Case,
            "VCG' does not run an expected deficit",
            &pi,
            Rel::Ge,
            0,
        );
        let solved = solve_named(build(
            env,
            &Model::BbFeasible {
                allocation: None,
                ex_post_ir: false,
                free_ties: false,
            },
        ));
        let exists = evidence::lp_feasibility(bd, "efficient BB IC IR exists", &solved, None);
        bd.is(
            Role::Claim,
            "an efficient budget-balanced IC IR mechanism exists exactly when Π^VCG' >= 0",
            &exists,
            nonneg,
        );
        if !pi.value().is_negative() {
            // the construction of the proof, alpha = 0 and alpha = 1
            let base = vcg_prime(env);
            let interim = Interim::of_tabular(env, &base);
            for alpha in [Rat::ZERO, Rat::ONE] {
                let bb = BudgetBalanced::new(env, &base, &interim, Shares::seller_share(1, &alpha));
                let tab = Tabular::tabulate(env, &bb);
                let name = format!("Theorem 1 construction, alpha = {alpha}");
                let mech = evidence::mechanism_tables(bd, &name, &tab, &BB_PROPERTIES)?;
                for p in BB_PROPERTIES {
                    bd.property(
                        Role::Claim,
                        &format!("the construction (alpha = {alpha}) is {}", p.key()),
                        &mech,
                        p.key(),
                    );
                }
            }
        }
        Ok(())
    })
}

/// ε of Remark 1 used for certificates (the remark holds for every ε in (0, 1)).
const EPSILON: (i64, i64) = (1, 2);

/// Remark 1 on an instance with B_m < S_n: the family obtained by adding a buyer type
/// B_{m+1} = b > S_n with probability ε (the others scaled by 1 - ε), Π'(b) as a polynomial,
/// the printed form ε(1 - F_s(B_m)) b + κ, and the sign pattern of Π'(b).
fn remark_1(c: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    if inst.parameter.is_some() {
        return crate::registry::needs_concrete(c, inst, mode);
    }
    let env = inst.concrete().map_err(|e| e.to_string())?;
    let (m, n) = (env.m(), env.n());
    let applies = env.buyers == 1 && env.b(m - 1) < env.s(n - 1) && env.values_disjoint();
    if !applies {
        return on_concrete(c, inst, mode, |bd| {
            if one_buyer(bd)? && evidence::disjoint_values(bd)? {
                let gap = bd.formula("S_n - B_m", &(crate::expr::s(n) - crate::expr::b(m)))?;
                bd.compare(Role::Condition, "B_m < S_n", &gap, Rel::Gt, 0);
            }
            Ok(())
        });
    }
    let eps = Rat::new(EPSILON.0, EPSILON.1);
    let param = "b";
    let mut fam = inst.clone();
    fam.name = format!(
        "{} with B_{} = b added (probability {eps})",
        inst.name,
        m + 1
    );
    fam.buyer.values.push(Poly::var());
    fam.buyer.probs = inst
        .buyer
        .probs
        .iter()
        .map(|p| p * &(Rat::ONE - &eps))
        .chain([eps.clone()])
        .collect();
    let sn = env.s(n - 1).clone();
    fam.parameter = Some(Parameter {
        name: param.into(),
        domain: Interval::above(sn.clone()),
    });
    let cells = fam.cells().map_err(|e| e.to_string())?;
    let [cell] = cells.as_slice() else {
        return Err("b > S_n fixes the order of all values".into());
    };
    let mut bd = Record::new(mode);
    let dom = cell.domain.clone();
    let pi = compress::vcg_prime_surplus(cell);
    symbolic::poly_identity(
        &mut bd,
        "Pi'(b)",
        &pi,
        param,
        json!({"kind": "vcg-prime-surplus"}),
        1,
    );
    // printed: Π' = ε (1 - F_s(B_m)) b + κ, κ independent of b (here: Π'(0))
    let kappa = pi.eval(&Rat::ZERO);
    let printed =
        Expr::Num(eps.clone()) * (num(1) - fs(crate::expr::b(m))) * Expr::Sym(param.into())
            + Expr::Num(kappa.clone());
    let value = printed.eval_param(cell, param)?;
    let fields = json!({"kind": "poly-identity", "poly": pi.display_with(param), "of": {"kind": "formula", "expr": printed.to_string()}, "degree_bound": 1});
    let form = bd.flag("printed form", fields, value == pi);
    bd.is(
        Role::Claim,
        &format!("Π' = ε(1 - F_s(B_m)) B_{{m+1}} + κ with ε = {eps} and κ = {kappa} not depending on B_{{m+1}}"),
        &form,
        true,
    );
    let sign = symbolic::poly_sign(&mut bd, "sign of Pi'(b)", &pi, param, &dom)?;
    let positive = pi
        .where_positive(&dom)
        .map(|r| r.display_with(param))
        .unwrap_or_else(|| "no b".into());
    bd.is(
        Role::Case,
        &format!("the sign pattern of Π'(b): positive for {positive}"),
        &sign,
        true,
    );
    let fields = json!({"kind": "poly-identity", "poly": pi.display_with(param), "of": {"kind": "vcg-prime-surplus"}, "degree_bound": 1});
    let limit = bd.flag("Pi'(b) -> +inf", fields, true);
    let grows = pi.degree() == Some(1) && pi.sign_at_pos_inf() == std::cmp::Ordering::Greater;
    bd.is(
        Role::Claim,
        "Π' > 0 for sufficiently large B_{m+1} (Π' is increasing and linear in b)",
        &limit,
        grows,
    );
    bd.finish_derived(&c.heading(), &fam, inst)
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
        Claim {
            id: "remark-1",
            section: "Remark 1",
            statement: "for B_m < S_n and ε in (0, 1), adding a buyer type B_{m+1} with probability ε (the others scaled by 1 - ε) gives Π' = ε(1 - F_s(B_m))B_{m+1} + κ with κ independent of B_{m+1}, so Π' > 0 for B_{m+1} large",
            reading: "as printed, with B_{m+1} = b > S_n a parameter and ε = 1/2; the certificate's instance is the extended family",
            certify: remark_1,
            generate: generic,
            existential: false,
        },
    ]
}
