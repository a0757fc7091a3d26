//! The conclusion of a search, shared by the unsharded search and the merge of a sharded one so
//! that both report the same thing: the shrunk hit with a `source` line saying how to reproduce
//! it, its certificate (re-checked by the independent checker), the note when `--types` does not
//! apply to the claim, the files it is saved to, and the JSON object of `mechcert search --json`
//! (keys `claim`, `searched`, `applicable`, `seed`, `note`, `counterexample`, `certificate`,
//! `files`).

use std::path::{Path, PathBuf};

use mechcert_model::Instance;
use serde_json::{Value, json};

use super::checkpoint::write_atomic;
use super::{Failure, Options, Outcome, instance};
use crate::certificate::Certified;
use crate::registry::Claim;

/// A search's outcome, ready to print and save.
#[derive(Clone)]
pub struct Report {
    pub claim: &'static Claim,
    pub opts: Options,
    pub outcome: Outcome,
    /// Why `--types` does not apply, when it does not.
    pub note: Option<String>,
    /// The shrunk hit with its `source` line, and its checked certificate.
    pub saved: Option<(Instance, Certified)>,
}

/// `counterexample`, or `witness` for an existential claim.
pub fn what(claim: &Claim) -> &'static str {
    if claim.existential {
        "witness"
    } else {
        "counterexample"
    }
}

/// Why `--types` does not apply to `claim` (it draws instances of its own shape), if it does
/// not.
pub fn types_note(claim: &Claim, opts: &Options) -> Option<String> {
    let (m, n) = opts.types?;
    let drawn = instance(claim, opts, 0).shape();
    (drawn != (m, n)).then(|| {
        format!(
            "{} is about {}x{} instances and draws its own; --types {m}x{n} does not apply",
            claim.id, drawn.0, drawn.1
        )
    })
}

/// The command line that reproduces a search.
pub fn command_line(claim: &Claim, opts: &Options) -> String {
    let mut s = format!(
        "mechcert search {} --seed {} --budget {}",
        claim.id, opts.seed, opts.budget
    );
    if let Some((m, n)) = opts.types {
        s += &format!(" --types {m}x{n}");
    }
    if let Some(i) = opts.buyers {
        s += &format!(" --buyers {i}");
    }
    s
}

/// Conclude a search: certify the shrunk hit (with its `source` line) and check the certificate
/// with the independent checker (an error there is an internal inconsistency).
pub fn conclude(
    claim: &'static Claim,
    opts: &Options,
    outcome: Outcome,
) -> Result<Report, Failure> {
    let saved = match &outcome.found {
        None => None,
        Some(f) => {
            let mut inst = f.shrunk.clone();
            inst.source = Some(format!(
                "found by `{}` (instance {}), shrunk in {} steps",
                command_line(claim, opts),
                f.index,
                f.shrink_steps
            ));
            let c = claim.certify(&inst)?;
            mechcert_cert::check_certificate(&c.certificate).map_err(|e| {
                Failure::Inconsistent(format!(
                    "the {}'s certificate does not check: {e}",
                    what(claim)
                ))
            })?;
            Some((inst, c))
        }
    };
    Ok(Report {
        claim,
        opts: opts.clone(),
        note: types_note(claim, opts),
        outcome,
        saved,
    })
}

impl Report {
    /// Save the shrunk hit and its certificate in `dir` as `CLAIM-WHAT-seedS.toml` and
    /// `.cert.json`; `None` when nothing was found.
    pub fn save(&self, dir: &Path) -> Result<Option<(PathBuf, PathBuf)>, Failure> {
        let Some((inst, c)) = &self.saved else {
            return Ok(None);
        };
        let stem = format!(
            "{}-{}-seed{}",
            self.claim.id,
            what(self.claim),
            self.opts.seed
        );
        let toml = dir.join(format!("{stem}.toml"));
        let cert = dir.join(format!("{stem}.cert.json"));
        write_atomic(&toml, &inst.to_toml()).map_err(Failure::Input)?;
        let text = serde_json::to_string_pretty(&c.certificate).unwrap_or_default() + "\n";
        write_atomic(&cert, &text).map_err(Failure::Input)?;
        Ok(Some((toml, cert)))
    }

    /// The JSON object of `mechcert search --json`; `files` as returned by [`Report::save`].
    pub fn to_json(&self, files: Option<&(PathBuf, PathBuf)>) -> Value {
        json!({
            "claim": self.outcome.claim,
            "searched": self.outcome.searched,
            "applicable": self.outcome.applicable,
            "seed": self.opts.seed,
            "note": self.note,
            "counterexample": self.saved.as_ref().map(|(i, _)| i.to_json()),
            "certificate": self.saved.as_ref().map(|(_, c)| c.certificate.clone()),
            "files": files.map(|(t, c)| json!([t.display().to_string(), c.display().to_string()])),
        })
    }
}
