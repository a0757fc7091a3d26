//! The registry: every claim id with its paper section, its statement, how the printed text is
//! read, the function that certifies it on an instance, and how search draws instances for it.

use mechcert_model::Instance;
use mechcert_model::random::{RandomSpec, SplitMix64, random_instance};
use serde_json::json;

use crate::certificate::{Builder, Certified, Heading, Mode, Record, Role};
use crate::{sec3, sec4, sec5, sec6, sec7, sec8};

/// Which reading of a printed claim: as printed, or the corrected reading of an evident typo
/// (its own claim id, e.g. `theorem-4-corrected`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    AsPrinted,
    Corrected,
}

/// Draws a random instance for a search: `(rng, m, n, buyers)`; generators that need a shape
/// (e.g. 2 x 2 with B2 > S2 > B1 > S1) ignore the requested one. `buyers` is the number the
/// user asked for, or 0 when the search leaves it to the claim: one buyer for the single-buyer
/// claims, 2 to 4 drawn per instance for the claims about several buyers ([`several`]).
pub type Generator = fn(&mut SplitMix64, usize, usize, usize) -> Instance;

pub struct Claim {
    pub id: &'static str,
    pub section: &'static str,
    pub statement: &'static str,
    /// `as printed`, or what the corrected reading changes.
    pub reading: &'static str,
    /// Certify the claim on an instance, recording a certificate or only the verdict.
    pub certify: fn(&Claim, &Instance, Mode) -> Result<Certified, String>,
    pub generate: Generator,
    /// For an existential claim ("an instance exists such that ..."), search looks for a
    /// witness (an instance where it holds) instead of a counterexample.
    pub existential: bool,
}

impl Claim {
    /// The verdict and the certificate of the claim on `inst`.
    pub fn certify(&self, inst: &Instance) -> Result<Certified, String> {
        (self.certify)(self, inst, Mode::Certificate)
    }

    /// The verdict only (`Certified::certificate` is `null`), for scanning many instances.
    pub fn verdict(&self, inst: &Instance) -> Result<Certified, String> {
        (self.certify)(self, inst, Mode::VerdictOnly)
    }

    /// The certificate's `claim`, `section` and `statement`.
    pub fn heading(&self) -> Heading {
        Heading {
            id: self.id,
            section: self.section,
            statement: self.statement,
        }
    }
}

/// Random instances with distinct values (disjoint between buyer and seller).
pub fn generic(rng: &mut SplitMix64, m: usize, n: usize, buyers: usize) -> Instance {
    let mut spec = RandomSpec::new(m, n);
    spec.buyers = buyers.max(1);
    spec.max_value = (3 * (m + n)) as i64;
    random_instance(rng, &spec)
}

/// The number of buyers for a claim about several buyers: the requested number (at least 2),
/// or one drawn from 2..=4 when none was requested.
pub fn several(rng: &mut SplitMix64, buyers: usize) -> usize {
    if buyers == 0 {
        rng.range(2, 4) as usize
    } else {
        buyers.max(2)
    }
}

/// Random instances where buyer values may equal seller values (Section 7.1).
pub fn with_ties(rng: &mut SplitMix64, m: usize, n: usize, buyers: usize) -> Instance {
    let mut spec = RandomSpec::new(m, n);
    spec.buyers = buyers.max(1);
    spec.allow_ties = true;
    spec.max_value = (m.max(n) + 2) as i64;
    random_instance(rng, &spec)
}

/// The not-applicable certificate for a claim that needs a concrete instance, on a family.
pub fn needs_concrete(claim: &Claim, inst: &Instance, mode: Mode) -> Result<Certified, String> {
    let mut rec = Record::new(mode);
    let p = rec.flag("has parameter", json!({"kind": "has-parameter"}), true);
    rec.is(
        Role::Condition,
        "a concrete instance (no parameter)",
        &p,
        false,
    );
    rec.finish(&claim.heading(), inst)
}

/// Run `body` on the concrete environment of `inst`, or say the claim needs one.
pub fn on_concrete(
    claim: &Claim,
    inst: &Instance,
    mode: Mode,
    body: impl FnOnce(&mut Builder) -> Result<(), String>,
) -> Result<Certified, String> {
    if inst.parameter.is_some() {
        return needs_concrete(claim, inst, mode);
    }
    let env = inst.concrete().map_err(|e| e.to_string())?;
    let mut bd = Builder::new(&env, mode);
    body(&mut bd)?;
    bd.into_record().finish(&claim.heading(), inst)
}

/// Every claim, in paper order.
pub fn all() -> &'static [Claim] {
    static ALL: std::sync::OnceLock<Vec<Claim>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = vec![];
        v.extend(sec3::claims());
        v.extend(sec4::claims());
        v.extend(sec5::claims());
        v.extend(sec6::claims());
        v.extend(sec7::claims());
        v.extend(sec8::claims());
        v
    })
}

pub fn find(id: &str) -> Option<&'static Claim> {
    all().iter().find(|c| c.id == id)
}
