//! Statements of Section 4: Theorem 1 and Corollary 1 (an efficient budget-balanced IC IR
//! mechanism exists iff Π^VCG' >= 0; for Π^VCG' >= 0 the proof's construction is that
//! mechanism) and Remark 1 (a high buyer type B_{m+1} = b with probability ε makes Π' > 0 once
//! b is large; the certificate's instance is the family in b built from the instance asked
//! about, which the checker rebuilds).

use num_traits::{Signed, Zero};

use super::{Def, Halt, LpOptions, Of, Rel, Role, Spec, Statement, Step, reject};
use crate::instance::{Concrete, Instance, Matrix};
use crate::number::{Q, fmt_rat, frac};
use crate::poly::Poly;
use crate::single;

/// The properties Theorem 1's construction must have.
pub(super) const BB_PROPERTIES: [&str; 6] = [
    "interim_ic_buyer",
    "interim_ic_seller",
    "interim_ir_buyer",
    "interim_ir_seller",
    "ex_post_bb",
    "efficient",
];

/// The proof of Theorem 1: t(B_i, S_j) = t̄_b^VCG'(B_i) - E t̄_b^VCG' + t̄_s^VCG'(S_j) + αΠ,
/// with x = x* (tables x, t_b = t, t_s = t).
fn theorem_1_construction(c: &Concrete, alpha: &Q) -> [Matrix; 3] {
    let v = single::vcg_prime(c);
    let (tb, ts) = (c.xb(&v.tb), c.xs(&v.ts));
    let etb: Q = tb.iter().zip(&c.pb).map(|(t, p)| t * p).sum();
    let ets: Q = ts.iter().zip(&c.ps).map(|(t, p)| t * p).sum();
    let pi = &etb - &ets;
    let t: Matrix = tb
        .iter()
        .map(|b| ts.iter().map(|s| b - &etb + s + alpha * &pi).collect())
        .collect();
    [c.efficient(), t.clone(), t]
}

/// [efficient BB IC IR mechanism exists (exact LP feasibility, x = x*)] = [Π^VCG' >= 0]; and
/// for Π^VCG' >= 0 the construction of the proof (α = 0, 1) is IC, IR, BB and efficient.
fn theorem_1(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.one_buyer()?;
    let tie = s.inst.tie;
    let pi = s.num("Pi_VCG'", Def::VcgPrime(1, tie))?;
    let nonneg = s.case("Pi_VCG'", Rel::Ge, "0")?;
    let lp = "efficient BB IC IR exists";
    s.boolean(lp, Def::Lp("bb-feasible", LpOptions::default()))?;
    s.is(Role::Claim, lp, nonneg)?;
    if pi.is_negative() {
        return Ok(());
    }
    let c = s.c()?.clone();
    for alpha in [Q::zero(), frac(1, 1)] {
        let name = format!("Theorem 1 construction, alpha = {}", fmt_rat(&alpha));
        let tables = theorem_1_construction(&c, &alpha);
        s.quantity(&name, Def::Tables(&tables, &BB_PROPERTIES))?;
        for p in BB_PROPERTIES {
            s.property(Role::Claim, &name, p)?;
        }
    }
    Ok(())
}

/// ε of the certificates of Remark 1 (the remark holds for every ε in (0, 1)).
fn epsilon() -> Q {
    frac(1, 2)
}

/// Is `fam` the instance `orig` with a buyer type B_{m+1} = b (the parameter, b > S_n) of
/// probability ε added and the other buyer probabilities scaled by 1 - ε?
fn is_extension(fam: &Instance, orig: &Instance) -> Result<(), String> {
    let eps = epsilon();
    let (p, d) = fam
        .param
        .as_ref()
        .ok_or("the family has no parameter B_{m+1}")?;
    let top_seller = orig
        .sv
        .last()
        .and_then(Poly::as_constant)
        .ok_or("the instance asked about has no seller value")?;
    let domain_ok = d.hi.is_none()
        && d.lo
            .as_ref()
            .is_some_and(|l| !l.closed && l.at == top_seller);
    let mut bv = orig.bv.clone();
    bv.push(Poly::var());
    let mut pb: Vec<Q> = orig.pb.iter().map(|q| q * (frac(1, 1) - &eps)).collect();
    pb.push(eps);
    let same = fam.buyers == orig.buyers
        && fam.tie == orig.tie
        && fam.ties_trade == orig.ties_trade
        && fam.allocation.is_none()
        && fam.bv == bv
        && fam.pb == pb
        && fam.sv == orig.sv
        && fam.ps == orig.ps;
    if domain_ok && same {
        Ok(())
    } else {
        Err(format!(
            "the certificate's instance is not the one asked about with B_{{m+1}} = {p} > S_n added with probability {} (the others scaled by 1 - ε)",
            fmt_rat(&epsilon())
        ))
    }
}

/// For B_m < S_n (one buyer, disjoint values): with B_{m+1} = b > S_n of probability ε = 1/2
/// added, Π'(b) = ε(1 - F_s(B_m)) b + κ with κ = Π'(0) not depending on b, and Π'(b) > 0 for
/// large b (Π' linear with positive slope).
fn remark_1(s: &mut Spec<'_>) -> Step {
    let Some(orig) = s.derived() else {
        // The instance asked about: the remark does not apply to it (else the certificate
        // would be about its extension, naming it in `derived_from`).
        s.concrete()?;
        s.one_buyer()?;
        s.disjoint()?;
        let (m, n) = (s.c()?.m(), s.c()?.n());
        s.condition_on("S_n - B_m", &format!("S{n} - B{m}"), Rel::Gt, "0")?;
        return reject(
            "Remark 1 applies to this instance (B_m < S_n): its certificate is about the extended family and names this instance in `derived_from`",
        );
    };
    let c = orig.concrete().map_err(Halt::Reject)?;
    let (m, n) = (c.m(), c.n());
    let gaps_positive = c.b.iter().all(|b| c.s.iter().all(|v| b != v));
    if orig.param.is_some() || c.buyers != 1 || !gaps_positive || c.b[m - 1] >= c.s[n - 1] {
        return reject(
            "Remark 1 does not apply to the instance in `derived_from` (it needs one buyer, disjoint values and B_m < S_n, no parameter)",
        );
    }
    is_extension(s.inst, orig).map_err(Halt::Reject)?;
    let param = s.inst.param_name().to_string();
    s.must_hold("Pi'(b)", Def::Identity(Of::VcgPrime(1), None))?;
    let pi = s.recorded_poly("Pi'(b)")?;
    let kappa = pi.eval(&Q::zero());
    let printed = format!(
        "{}*(1 - FS(B{m}))*{param} + {}",
        fmt_rat(&epsilon()),
        fmt_rat(&kappa)
    );
    s.boolean(
        "printed form",
        Def::Identity(Of::Formula(&printed), Some(&pi)),
    )?;
    s.is(Role::Claim, "printed form", true)?;
    s.must_hold("sign of Pi'(b)", Def::Sign(&pi))?;
    s.is(Role::Case, "sign of Pi'(b)", true)?;
    s.must_hold("Pi'(b) -> +inf", Def::Identity(Of::VcgPrime(1), Some(&pi)))?;
    let grows = pi.degree() == Some(1) && pi.lead().is_positive();
    s.is(Role::Claim, "Pi'(b) -> +inf", grows)?;
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    let theorem_1_text = "I = 1 ⟹ [∃ t ex post BB with (x*, t) interim IC and IR (exact LP: a point or a Farkas certificate)] = [Π^VCG' >= 0]; if Π^VCG' >= 0, the proof's t(B_i,S_j) = t̄_b^VCG'(B_i) - E t̄_b^VCG' + t̄_s^VCG'(S_j) + αΠ for α = 0, 1 is interim IC, IR, ex post BB and efficient";
    vec![
        Statement {
            id: "theorem-1",
            section: "Thm. 1",
            statement: theorem_1_text,
            check: theorem_1,
        },
        Statement {
            id: "corollary-1",
            section: "Cor. 1",
            statement: theorem_1_text,
            check: theorem_1,
        },
        Statement {
            id: "remark-1",
            section: "Remark 1",
            statement: "I = 1, V_b ∩ V_s = ∅, B_m < S_n; add B_{m+1} = b > S_n with p' = ε = 1/2, p'(B_i) = (1 - ε)p(B_i) ⟹ Π'(b) = ε(1 - F_s(B_m)) b + κ with κ = Π'(0), and Π'(b) is linear and increasing in b (so Π' > 0 for large b)",
            check: remark_1,
        },
    ]
}
