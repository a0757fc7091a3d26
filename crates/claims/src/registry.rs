//! The registry: every claim id with its paper section, its statement, how the printed text is
//! read, the function that certifies it on an instance, and how search draws instances for it.

use mechcert_model::random::{RandomSpec, SplitMix64, random_instance};
use mechcert_model::{Failure, Instance};
use serde_json::json;

use crate::certificate::{Builder, Certified, Heading, Mode, Record, Role};
use crate::{market, sec3, sec4, sec5, sec6, sec7, sec8};

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

/// Why a claim could not be certified: bad or oversized input (exit 1 in the CLI), or an
/// internal inconsistency (exit 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimError {
    Input(String),
    Inconsistent(String),
}

impl std::fmt::Display for ClaimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClaimError::Input(e) | ClaimError::Inconsistent(e) => f.write_str(e),
        }
    }
}

impl From<String> for ClaimError {
    fn from(e: String) -> Self {
        ClaimError::Inconsistent(e)
    }
}

impl From<&str> for ClaimError {
    fn from(e: &str) -> Self {
        ClaimError::Inconsistent(e.to_string())
    }
}

/// A failure of a library the claims call keeps its kind.
impl From<Failure> for ClaimError {
    fn from(e: Failure) -> Self {
        match e {
            Failure::Input(m) => ClaimError::Input(m),
            Failure::Inconsistent(m) => ClaimError::Inconsistent(m),
        }
    }
}

/// An LP above the solver's size limit is an input error; any other LP error is internal.
impl From<mechcert_opt::LpError> for ClaimError {
    fn from(e: mechcert_opt::LpError) -> Self {
        match e {
            mechcert_opt::LpError::TooLarge { .. } => ClaimError::Input(e.to_string()),
            _ => ClaimError::Inconsistent(e.to_string()),
        }
    }
}

pub struct Claim {
    pub id: &'static str,
    pub section: &'static str,
    pub statement: &'static str,
    /// `as printed`, or what the corrected reading changes.
    pub reading: &'static str,
    /// Certify the claim on an instance, recording a certificate or only the verdict.
    pub certify: fn(&Claim, &Instance, Mode) -> Result<Certified, ClaimError>,
    pub generate: Generator,
    /// For an existential claim ("an instance exists such that ..."), search looks for a
    /// witness (an instance where it holds) instead of a counterexample.
    pub existential: bool,
}

impl Claim {
    /// The verdict and the certificate of the claim on `inst`. An instance that is not valid
    /// (values not increasing, crossings on a family) is an input error; an error while
    /// certifying a valid instance is mechcert's own inconsistency.
    pub fn certify(&self, inst: &Instance) -> Result<Certified, Failure> {
        self.run(inst, Mode::Certificate)
    }

    /// The verdict only (`Certified::certificate` is `null`), for scanning many instances.
    pub fn verdict(&self, inst: &Instance) -> Result<Certified, Failure> {
        self.run(inst, Mode::VerdictOnly)
    }

    fn run(&self, inst: &Instance, mode: Mode) -> Result<Certified, Failure> {
        let about_markets = market::MARKET_CLAIMS.contains(&self.id);
        if inst.is_market() {
            inst.agents()?;
            if !about_markets {
                return market::not_for_markets(self, inst, mode).map_err(Failure::Inconsistent);
            }
        } else if inst.parameter.is_some() {
            inst.cells()?;
        } else {
            inst.concrete()?;
        }
        (self.certify)(self, inst, mode).map_err(|e| {
            let at = format!("{} on {}", self.id, inst.origin);
            match e {
                ClaimError::Input(e) => Failure::Input(format!("{at}: {e}")),
                ClaimError::Inconsistent(e) => Failure::Inconsistent(format!("{at}: {e}")),
            }
        })
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
    body: impl FnOnce(&mut Builder) -> Result<(), ClaimError>,
) -> Result<Certified, ClaimError> {
    if inst.parameter.is_some() {
        return Ok(needs_concrete(claim, inst, mode)?);
    }
    let env = inst.concrete().map_err(|e| e.to_string())?;
    let mut bd = Builder::new(&env, mode);
    body(&mut bd)?;
    Ok(bd.into_record().finish(&claim.heading(), inst)?)
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
        v.extend(market::claims());
        v.extend(sec8::claims());
        v
    })
}

pub fn find(id: &str) -> Option<&'static Claim> {
    all().iter().find(|c| c.id == id)
}

/// Printed claims whose own reading fails but whose point survives in another claim that is
/// not named `ID-corrected`: (printed, the other claim, how they relate).
const SURVIVES_AS: &[(&str, &str, &str)] = &[(
    "ties-virtual-value-strict",
    "ties-seller-keeps",
    "the conclusion it supports",
)];

/// The claim that corrects (or carries the conclusion of) a printed claim, with how they
/// relate: `ID-corrected` (the corrected reading of an evident typo) when it exists, else the
/// registered claim the printed one supports.
pub fn correction(id: &str) -> Option<(&'static Claim, &'static str)> {
    if let Some(c) = find(&format!("{id}-corrected")) {
        return Some((c, "corrected reading"));
    }
    SURVIVES_AS
        .iter()
        .find(|(printed, _, _)| *printed == id)
        .and_then(|(_, other, how)| find(other).map(|c| (c, *how)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections() {
        // the README's Findings: each printed claim that fails and what corrects it
        for (printed, fixed) in [
            ("theorem-4", "theorem-4-corrected"),
            ("example-3", "example-3-corrected"),
            ("lemma-1", "lemma-1-corrected"),
            ("large-market", "large-market-corrected"),
            ("ties-virtual-value-strict", "ties-seller-keeps"),
        ] {
            assert_eq!(correction(printed).map(|(c, _)| c.id), Some(fixed));
        }
        assert!(correction("vcg-deficit").is_none());
        assert!(correction("theorem-4-corrected").is_none());
    }
}
