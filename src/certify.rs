//! `mechcert claims`, `mechcert certify` and `mechcert cert-check`: list the claims, certify a
//! claim on an instance (or every claim on every instance of a directory, re-checking every
//! certificate written with the independent checker), and re-check certificates.

use std::path::{Path, PathBuf};

use clap::Args;
use mechcert_claims::{Certified, Verdict, all, find};
use mechcert_model::Instance;

use mechcert_cert::quote::quote;

use crate::table::Table;
use crate::{Failure, shown};

#[derive(Args)]
pub struct ClaimsArgs {
    /// Print one JSON object instead of a table
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct CertifyArgs {
    /// The claim id (see `mechcert claims`); omit with --all
    #[arg(required_unless_present = "all")]
    claim: Option<String>,
    /// The instance file; omit with --all
    #[arg(required_unless_present = "all")]
    file: Option<PathBuf>,
    /// Certify every claim on every instance file (*.toml) in DIR
    #[arg(long, value_name = "DIR", conflicts_with_all = ["claim", "file"])]
    all: Option<PathBuf>,
    /// Where to write the certificate (a file), or with --all the certificates (a directory;
    /// default DIR/certificates)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Also write every LP behind the certificate in CPLEX LP format: FILE for one LP,
    /// otherwise FILE's stem with `.K-MODEL` per LP (K in solve order)
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    emit_lp: Option<PathBuf>,
    /// Also write them in MPS format (same naming)
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    emit_mps: Option<PathBuf>,
}

#[derive(Args)]
pub struct CertCheckArgs {
    /// Certificate files (JSON). Each is checked by the independent checker: its evidence
    /// (every quantity recomputed from the instance, every assertion re-evaluated, the verdict
    /// rule) and its statement (the certificate states exactly the claim its id names, as the
    /// checker's own statement of that claim says; FORMAT.md lists them)
    #[arg(required = true)]
    certs: Vec<PathBuf>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
}

pub fn claims(a: &ClaimsArgs) -> Result<(), Failure> {
    if a.json {
        let list: Vec<_> = all()
            .iter()
            .map(|c| serde_json::json!({"id": c.id, "section": c.section, "statement": c.statement, "reading": c.reading, "existential": c.existential}))
            .collect();
        outln!("{}", pretty(&serde_json::json!({"claims": list}))?);
        return Ok(());
    }
    let mut t = Table::new(&["claim", "paper", "statement"]);
    for c in all() {
        t.row(vec![
            c.id.to_string(),
            c.section.to_string(),
            c.statement.to_string(),
        ]);
    }
    out!("{}", t.render());
    Ok(())
}

fn write_json(path: &Path, v: &serde_json::Value) -> Result<(), Failure> {
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

/// Re-check a certificate with the independent checker: a certificate it rejects is an
/// internal inconsistency; one beyond the checker's documented limits is an input error (the
/// instance is too large to certify).
pub fn self_check(cert: &serde_json::Value, what: &str) -> Result<(), Failure> {
    mechcert_cert::check_certificate(cert)
        .map(|_| ())
        .map_err(|e| match Failure::from(e) {
            Failure::Input(m) => Failure::Input(format!(
                "{what}: the certificate is beyond the independent checker's limits (FORMAT.md, Limits), so this instance is too large to certify: {m}"
            )),
            Failure::Inconsistent(m) => Failure::Inconsistent(format!(
                "the certificate for {what} does not check: {m}"
            )),
        })
}

fn certify_one(claim_id: &str, inst: &Instance) -> Result<Certified, Failure> {
    let claim = find(claim_id).ok_or_else(|| {
        Failure::Input(format!(
            "unknown claim {}; `mechcert claims` lists them",
            quote(claim_id)
        ))
    })?;
    let what = format!("{claim_id} on {}", inst.origin);
    let c = claim.certify(inst)?;
    self_check(&c.certificate, &what)?;
    Ok(c)
}

/// Read an instance and validate everything `check` validates (the order of the values, or
/// the cells of a family), so that bad input is an input error (exit 1) before any claim runs.
fn load_validated(file: &Path) -> Result<Instance, Failure> {
    let inst = Instance::load(file)?;
    if inst.parameter.is_some() {
        inst.cells()?;
    } else {
        inst.concrete()?;
    }
    Ok(inst)
}

pub fn certify(a: &CertifyArgs) -> Result<(), Failure> {
    if let Some(dir) = &a.all {
        return certify_all(dir, a);
    }
    let (Some(claim), Some(file)) = (a.claim.as_deref(), a.file.as_ref()) else {
        return Err(Failure::Input(
            "certify needs a claim id and an instance file, or --all DIR".into(),
        ));
    };
    let inst = load_validated(file)?;
    let recording = mechcert_opt::Recording::start();
    let c = certify_one(claim, &inst)?;
    let emitted = crate::solve::emit(&recording.finish(), a.emit_lp.as_ref(), a.emit_mps.as_ref())?;
    if let Some(out) = &a.out {
        write_json(out, &c.certificate)?;
    }
    if a.json {
        let v = serde_json::json!({
            "claim": c.claim,
            "verdict": c.verdict.name(),
            "reason": c.reason,
            "certificate": c.certificate,
        });
        outln!("{}", pretty(&v)?);
    } else {
        outln!("{}: {} on {}", c.claim, c.verdict.name(), inst.origin);
        outln!("  {}", c.reason);
        for a in &c.assertions {
            let mark = if a.holds { "holds" } else { "FAILS" };
            outln!("  [{}] {}: {mark} ({})", a.role.name(), a.text, a.detail);
        }
        if let Some(out) = &a.out {
            outln!("  certificate: {} (re-checked)", out.display());
        }
        for p in &emitted {
            outln!("  LP written: {}", p.display());
        }
    }
    Ok(())
}

/// The instance files (*.toml) of a directory, sorted; each is then read like any instance
/// (a regular file within the size limit: a FIFO named `x.toml` is refused, not waited on).
fn instance_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
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

/// JSON text of a value mechcert built.
fn pretty(v: &serde_json::Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map_err(|e| Failure::Inconsistent(format!("an output is not JSON: {e}")))
}

fn certify_all(dir: &Path, a: &CertifyArgs) -> Result<(), Failure> {
    let out_dir = a.out.clone().unwrap_or_else(|| dir.join("certificates"));
    let mut rows = vec![];
    for file in instance_files(dir)? {
        let inst = load_validated(&file)?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for claim in all() {
            let c = certify_one(claim.id, &inst)?;
            let path = (c.verdict != Verdict::NotApplicable)
                .then(|| out_dir.join(format!("{stem}.{}.cert.json", claim.id)));
            if let Some(p) = &path {
                write_json(p, &c.certificate)?;
            }
            rows.push((stem.clone(), c, path));
        }
    }
    let count = |v: Verdict| rows.iter().filter(|(_, c, _)| c.verdict == v).count();
    if a.json {
        let list: Vec<_> = rows
            .iter()
            .map(|(f, c, p)| serde_json::json!({"instance": f, "claim": c.claim, "verdict": c.verdict.name(), "reason": c.reason, "certificate": p.as_ref().map(|p| p.display().to_string())}))
            .collect();
        let v = serde_json::json!({
            "holds": count(Verdict::Holds), "fails": count(Verdict::Fails), "not_applicable": count(Verdict::NotApplicable),
            "results": list,
        });
        outln!("{}", pretty(&v)?);
        return Ok(());
    }
    let mut t = Table::new(&["instance", "claim", "verdict", "reason"]);
    for (f, c, _) in rows
        .iter()
        .filter(|(_, c, _)| c.verdict != Verdict::NotApplicable)
    {
        t.row(vec![
            f.clone(),
            c.claim.to_string(),
            c.verdict.name().to_string(),
            c.reason.clone(),
        ]);
    }
    out!("{}", t.render());
    outln!(
        "\n{} holds, {} fails, {} not applicable; certificates in {} (each re-checked by the independent checker)",
        count(Verdict::Holds),
        count(Verdict::Fails),
        count(Verdict::NotApplicable),
        out_dir.display()
    );
    Ok(())
}

/// Read one certificate file: a regular file within the size limit, UTF-8, JSON without
/// repeated keys. Every problem here is an input error naming the file.
fn read_certificate(path: &Path) -> Result<serde_json::Value, Failure> {
    let bytes = mechcert_cert::read::read_file(path)
        .map_err(|e| Failure::Input(format!("{}: the file {e}", shown(path))))?;
    mechcert_cert::parse_bytes(&bytes)
        .map_err(|e| Failure::Input(format!("{}: {}", shown(path), e.message)))
}

pub fn cert_check(a: &CertCheckArgs) -> Result<(), Failure> {
    let mut results = vec![];
    for path in &a.certs {
        let json = read_certificate(path)?;
        results.push((
            path,
            mechcert_cert::check_certificate(&json).map_err(Failure::from),
        ));
    }
    let failed: Vec<&Failure> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err())
        .collect();
    if a.json {
        let list: Vec<_> = results
            .iter()
            .map(|(p, r)| match r {
                Ok(c) => serde_json::json!({"file": p.display().to_string(), "ok": true, "claim": c.claim, "verdict": c.verdict.name(), "statement": c.statement}),
                Err(e) => serde_json::json!({"file": p.display().to_string(), "ok": false, "error": e.message(), "beyond_limits": e.exit_code() == 1}),
            })
            .collect();
        outln!(
            "{}",
            pretty(
                &serde_json::json!({"checked": list.len(), "failed": failed.len(), "results": list})
            )?
        );
    } else {
        for (p, r) in &results {
            match r {
                Ok(c) => outln!("ok    {} ({} {})", shown(p), c.claim, c.verdict.name()),
                Err(e) => outln!(
                    "FAIL  {}: {}",
                    shown(p),
                    mechcert_cert::quote::escape(e.message())
                ),
            }
        }
    }
    // a certificate that does not check is an inconsistency (exit 2); when the only failures
    // are certificates beyond the documented limits, they are input errors (exit 1)
    let rejected = failed.iter().filter(|e| e.exit_code() == 2).count();
    match (rejected, failed.len()) {
        (_, 0) => Ok(()),
        (0, n) => Err(Failure::Input(format!(
            "{n} of {} certificates are beyond the checker's limits (FORMAT.md, Limits): {}",
            a.certs.len(),
            failed[0]
        ))),
        (r, n) => Err(Failure::Inconsistent(format!(
            "{n} of {} certificates do not check{}",
            a.certs.len(),
            if r < n {
                format!(" ({} of them beyond the checker's limits)", n - r)
            } else {
                String::new()
            }
        ))),
    }
}
