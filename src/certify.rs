//! `mechcert claims`, `mechcert certify` and `mechcert cert-check`: parse the arguments, call
//! `mechcert_claims::usecase` (certify a claim and re-check its certificate, certify every
//! claim on a directory, read and check certificate files) and print the results.

use std::path::{Path, PathBuf};

use clap::Args;
use mechcert_claims::usecase::{
    certified_json, certify_all as certify_dir, certify_checked, claims_json, load_instance,
    read_certificate, write_certificates, write_json,
};
use mechcert_claims::{Verdict, all};

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
    #[command(flatten)]
    progress: crate::progress::ProgressArgs,
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
        outln!("{}", pretty(&claims_json())?);
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

pub fn certify(a: &CertifyArgs) -> Result<(), Failure> {
    if let Some(dir) = &a.all {
        return certify_all(dir, a);
    }
    let (Some(claim), Some(file)) = (a.claim.as_deref(), a.file.as_ref()) else {
        return Err(Failure::Input(
            "certify needs a claim id and an instance file, or --all DIR".into(),
        ));
    };
    let inst = load_instance(file)?;
    let recording = mechcert_opt::Recording::start();
    let c = certify_checked(claim, &inst)?;
    let emitted = crate::solve::emit(&recording.finish(), a.emit_lp.as_ref(), a.emit_mps.as_ref())?;
    if let Some(out) = &a.out {
        write_json(out, &c.certificate)?;
    }
    if a.json {
        outln!("{}", pretty(&certified_json(&c))?);
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

/// JSON text of a value mechcert built.
fn pretty(v: &serde_json::Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map_err(|e| Failure::Inconsistent(format!("an output is not JSON: {e}")))
}

fn certify_all(dir: &Path, a: &CertifyArgs) -> Result<(), Failure> {
    let out_dir = a.out.clone().unwrap_or_else(|| dir.join("certificates"));
    let bar = crate::progress::Bar::new(
        a.progress.enabled(a.json),
        0,
        format!("certify --all {}", shown(dir)),
    );
    let entries = certify_dir(dir, &|done, total| bar.set(done, total))?;
    bar.finish();
    let paths = write_certificates(&entries, &out_dir)?;
    let rows: Vec<_> = entries
        .into_iter()
        .zip(paths)
        .map(|(e, p)| (e.stem, e.certified, p))
        .collect();
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
