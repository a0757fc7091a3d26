//! The claims of Kos & Manea as exact checks: a registry of every claim (as printed, and
//! corrected readings where the printed text has an evident typo), `certify` producing a
//! verdict and a `mechcert-cert/1` certificate, and counterexample search with shrinking.
//!
//! A claim that fails on an instance is a finding, not an error: the certificate records the
//! failing assertion with its exact values, and `mechcert cert-check` re-verifies it.

pub mod certificate;
pub mod evidence;
pub mod expr;
mod market;
mod registry;
pub mod search;
mod sec3;
mod sec4;
mod sec5;
mod sec6;
mod sec7;
mod sec8;
pub mod symbolic;
pub mod usecase;

pub use certificate::{Certified, Heading, Mode, Verdict};
pub use registry::{Claim, ClaimError, Generator, all, correction, find};
/// For claims defined outside the registry (tests, extensions).
pub use registry::{generic as registry_generic, on_concrete as registry_on_concrete};

/// Certificate ids that name a computation rather than a claim of the paper (written by
/// `mechcert solve`, not by the registry).
pub fn is_computation(id: &str) -> bool {
    id == "second-best"
}

/// What the certificate of `mechcert solve second-best` is about (a computation, not a claim of
/// the paper).
pub const SECOND_BEST: Heading = Heading {
    id: "second-best",
    section: "Sec. 6",
    statement: "the maximum expected gains from trade over ex post budget-balanced, interim IC and IR mechanisms",
};

/// The certificate of `mechcert solve second-best`: the LP optimum (primal and dual), the
/// first-best welfare, and the assertions that the second best is the LP value and does not
/// exceed the first best.
pub fn second_best_certificate(
    inst: &mechcert_model::Instance,
    env: &mechcert_model::Env<mechcert_num::Rat>,
    solved: &mechcert_opt::Solved,
) -> Result<serde_json::Value, String> {
    use certificate::{Builder, Rel, Role};
    let mut bd = Builder::new(env, Mode::Certificate);
    let best = evidence::lp_optimum(&mut bd, "second best", solved)?;
    let xstar = evidence::Alloc::numbers(&mechcert_mech::efficient_allocation(env));
    let first = evidence::welfare(&mut bd, "first best", &xstar);
    bd.compare(
        Role::Claim,
        "the second best does not exceed the first best",
        &best,
        Rel::Le,
        &first,
    );
    let w = best.value().clone();
    bd.compare(
        Role::Claim,
        &format!("the second-best welfare is {w}"),
        &best,
        Rel::Eq,
        w,
    );
    Ok(bd.into_record().finish(&SECOND_BEST, inst)?.certificate)
}
