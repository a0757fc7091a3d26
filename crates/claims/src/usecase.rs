//! The commands of mechcert as library functions, so that the CLI only parses arguments and
//! prints, and the Python package and the report call the same code: certify one claim (and
//! re-check its certificate with the independent checker), certify every claim on every
//! instance of a directory, write certificates, read and check certificate files, and the
//! second best of Section 6 with its certificate.

use std::path::{Path, PathBuf};

use mechcert_mech::{Matrix, closed_form, efficient_allocation};
use mechcert_model::{Failure, Instance};
use mechcert_num::Rat;
use mechcert_opt::{LpError, Model, PiRow, solve_model};

use crate::certificate::{Certified, Verdict};
use crate::{all, find};

/// A path as it may be shown in a one-line message (escaped, shortened).
fn shown(p: &Path) -> String {
    mechcert_cert::quote::escape(&p.display().to_string())
}

/// An LP error: too large is an input error (exit 1), anything else internal.
pub fn lp_failure(e: LpError) -> Failure {
    match e {
        LpError::TooLarge { .. } => Failure::Input(e.to_string()),
        _ => Failure::Inconsistent(e.to_string()),
    }
}

/// Re-check a certificate with the independent checker: a certificate it rejects is an
/// internal inconsistency; one beyond the checker's documented limits is an input error (the
/// instance is too large to certify).
pub fn self_check(cert: &serde_json::Value, what: &str) -> Result<mechcert_cert::Checked, Failure> {
    mechcert_cert::check_certificate(cert).map_err(|e| match Failure::from(e) {
        Failure::Input(m) => Failure::Input(format!(
            "{what}: the certificate is beyond the independent checker's limits (FORMAT.md, Limits), so this instance is too large to certify: {m}"
        )),
        Failure::Inconsistent(m) => {
            Failure::Inconsistent(format!("the certificate for {what} does not check: {m}"))
        }
    })
}

/// Certify `claim_id` on `inst` and re-check the certificate with the independent checker.
pub fn certify_checked(claim_id: &str, inst: &Instance) -> Result<Certified, Failure> {
    let claim = find(claim_id).ok_or_else(|| {
        Failure::Input(format!(
            "unknown claim {}; `mechcert claims` lists them",
            mechcert_cert::quote::quote(claim_id)
        ))
    })?;
    let c = claim.certify(inst)?;
    self_check(&c.certificate, &format!("{claim_id} on {}", inst.origin))?;
    Ok(c)
}

/// The JSON object of `mechcert certify CLAIM FILE --json` (ARCHITECTURE.md's contract).
pub fn certified_json(c: &Certified) -> serde_json::Value {
    serde_json::json!({
        "claim": c.claim,
        "verdict": c.verdict.name(),
        "reason": c.reason,
        "certificate": c.certificate,
    })
}

/// The JSON object of `mechcert claims --json`: every claim with its section, statement,
/// reading and whether it is existential.
pub fn claims_json() -> serde_json::Value {
    let list: Vec<_> = all()
        .iter()
        .map(|c| serde_json::json!({"id": c.id, "section": c.section, "statement": c.statement, "reading": c.reading, "existential": c.existential}))
        .collect();
    serde_json::json!({ "claims": list })
}

/// Read an instance file and validate everything `check` validates (the order of the values,
/// or the cells of a family), so that bad input is an input error before any claim runs.
pub fn load_instance(file: &Path) -> Result<Instance, Failure> {
    let inst = Instance::load(file)?;
    if inst.is_market() {
        inst.agents()?;
    } else if inst.parameter.is_some() {
        inst.cells()?;
    } else {
        inst.concrete()?;
    }
    Ok(inst)
}

/// The instance files (*.toml) of a directory, sorted; each is then read like any instance (a
/// regular file within the size limit: a FIFO named `x.toml` is refused, not waited on).
pub fn instance_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::Input(format!("{}: cannot read the directory: {e}", shown(dir))))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure::Input(format!(
            "{}: no instance files (*.toml)",
            shown(dir)
        )));
    }
    Ok(files)
}

/// One claim certified on one instance file of a directory.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The instance file's stem (`example-2-k2`).
    pub stem: String,
    pub instance: Instance,
    pub certified: Certified,
}

impl Entry {
    /// The certificate's file name in a certificates directory (`STEM.CLAIM.cert.json`), for
    /// a claim that applies.
    pub fn certificate_name(&self) -> Option<String> {
        (self.certified.verdict != Verdict::NotApplicable)
            .then(|| format!("{}.{}.cert.json", self.stem, self.certified.claim))
    }
}

/// Every claim on every instance file of `dir`, in file order then paper order, each
/// certificate re-checked by the independent checker. `progress(done, total)` is called after
/// each certification.
pub fn certify_all(dir: &Path, progress: &dyn Fn(usize, usize)) -> Result<Vec<Entry>, Failure> {
    let files = instance_files(dir)?;
    let total = files.len() * all().len();
    let mut out = vec![];
    for file in files {
        let inst = load_instance(&file)?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for claim in all() {
            let certified = certify_checked(claim.id, &inst)?;
            out.push(Entry {
                stem: stem.clone(),
                instance: inst.clone(),
                certified,
            });
            progress(out.len(), total);
        }
    }
    Ok(out)
}

/// Write a JSON value (a certificate) to a file, creating its directory.
pub fn write_json(path: &Path, v: &serde_json::Value) -> Result<(), Failure> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Input(format!("{}: cannot create: {e}", shown(dir))))?;
    }
    let text = serde_json::to_string_pretty(v)
        .map_err(|e| Failure::Inconsistent(format!("a certificate is not JSON: {e}")))?
        + "\n";
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", shown(path))))
}

/// Write the certificate of every applicable entry into `out_dir`; the paths, one per entry
/// (`None` for a claim that does not apply).
pub fn write_certificates(
    entries: &[Entry],
    out_dir: &Path,
) -> Result<Vec<Option<PathBuf>>, Failure> {
    entries
        .iter()
        .map(|e| {
            e.certificate_name()
                .map(|name| {
                    let p = out_dir.join(name);
                    write_json(&p, &e.certified.certificate).map(|()| p)
                })
                .transpose()
        })
        .collect()
}

/// Read one certificate file: a regular file within the size limit, UTF-8, JSON without
/// repeated keys. Every problem here is an input error naming the file.
pub fn read_certificate(path: &Path) -> Result<serde_json::Value, Failure> {
    let bytes = mechcert_cert::read::read_file(path)
        .map_err(|e| Failure::Input(format!("{}: the file {e}", shown(path))))?;
    mechcert_cert::parse_bytes(&bytes)
        .map_err(|e| Failure::Input(format!("{}: {}", shown(path), e.message)))
}

/// The second best of Section 6 on a one-buyer instance, with what `mechcert solve
/// second-best` prints beside it.
#[derive(Clone, Debug)]
pub struct SecondBest {
    /// The maximum expected gains from trade over ex post BB, interim IC and IR mechanisms
    /// (and ex post IR if asked).
    pub welfare: Rat,
    pub first_best_welfare: Rat,
    /// Theorem 3's reduced form: max W(x) over implementable x with Π(x) = 0.
    pub reduced_welfare: Rat,
    /// Π(x*), the surplus of the tight mechanism of the efficient allocation.
    pub pi_first_best: Rat,
    /// The optimal allocation x(B_i, S_j).
    pub allocation: Matrix<Rat>,
    pub ex_post_ir: bool,
    /// The certificate (`second-best`), re-checked by the independent checker.
    pub certificate: serde_json::Value,
}

/// Solve the second best exactly, write its certificate and re-check it.
pub fn second_best(inst: &Instance, ex_post_ir: bool) -> Result<SecondBest, Failure> {
    let env = inst.concrete()?;
    if env.buyers != 1 {
        return Err(Failure::Input(format!(
            "{}: the second best is solved for one buyer; this instance has {}",
            mechcert_cert::quote::escape(&inst.origin),
            env.buyers
        )));
    }
    let first_best_welfare = closed_form::gains_from_trade(&env, &efficient_allocation(&env));
    let solved = solve_model(&env, &Model::SecondBest { ex_post_ir }).map_err(lp_failure)?;
    let welfare = solved.value().cloned().ok_or_else(|| {
        Failure::Inconsistent(
            "the second-best LP has no optimum, but x = 0, t = 0 is feasible".into(),
        )
    })?;
    let alloc = solved.allocation(&env).ok_or_else(|| {
        Failure::Inconsistent("the second-best LP has an optimum but no allocation".into())
    })?;
    if alloc.iter().any(Option::is_none) {
        return Err(Failure::Inconsistent(
            "the second-best allocation misses a cell".into(),
        ));
    }
    let allocation = alloc.map(|v| v.clone().unwrap_or(Rat::ZERO));
    let certificate =
        crate::second_best_certificate(inst, &env, &solved).map_err(Failure::Inconsistent)?;
    self_check(&certificate, "the second best")?;
    let reduced_welfare = solve_model(&env, &Model::Reduced { pi: PiRow::Zero })
        .map_err(lp_failure)?
        .value()
        .cloned()
        .ok_or_else(|| {
            Failure::Inconsistent("the reduced LP has no optimum, but x = 0 is feasible".into())
        })?;
    let pi_first_best = closed_form::surplus_by_virtual_values(&env, &efficient_allocation(&env));
    Ok(SecondBest {
        welfare,
        first_best_welfare,
        reduced_welfare,
        pi_first_best,
        allocation,
        ex_post_ir,
        certificate,
    })
}

impl SecondBest {
    /// The JSON object of `mechcert solve second-best --json` (ARCHITECTURE.md's contract).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "welfare": self.welfare.to_string(),
            "first_best_welfare": self.first_best_welfare.to_string(),
            "reduced_welfare": self.reduced_welfare.to_string(),
            "pi_first_best": self.pi_first_best.to_string(),
            "allocation": self.allocation.to_rows().iter().map(|r| r.iter().map(Rat::to_string).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "ex_post_ir": self.ex_post_ir,
            "certificate": self.certificate,
        })
    }
}
