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
}

#[derive(Args)]
pub struct CertCheckArgs {
    /// Certificate files (JSON)
    #[arg(required = true)]
    certs: Vec<PathBuf>,
    /// Run only the independent checker. By default a certificate that passes it must also be
    /// exactly the certificate this mechcert writes for its claim id on its instance: that
    /// binds the claim id to the claim's own assertions, so an edited certificate that is
    /// still consistent in itself (say, a printed formula replaced by a corrected one) fails
    #[arg(long)]
    independent_only: bool,
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
    let c = claim.certify(inst).map_err(|e| e.context(&what))?;
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
    let c = certify_one(claim, &inst)?;
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

/// Is `cert` the certificate mechcert writes for its claim id on its instance? Both are
/// compared after normalising what the format leaves free: key order, `note` fields, and the
/// instance's spelling (it is compared as the instance it denotes). The error names the first
/// place where they differ. `second-best` is a computation (`mechcert solve`), not a claim: its
/// content is the LP optimum, which the independent checker verifies in full.
fn reproduces(cert: &serde_json::Value, origin: &str) -> Result<(), String> {
    let id = cert
        .get("claim")
        .and_then(|c| c.as_str())
        .unwrap_or_default();
    if mechcert_claims::is_computation(id) {
        return Ok(());
    }
    let claim = find(id).ok_or_else(|| format!("unknown claim `{id}`"))?;
    let asked = cert
        .get("derived_from")
        .or_else(|| cert.get("instance"))
        .ok_or("the certificate has no instance")?;
    let inst = Instance::from_json(asked, origin).map_err(|e| e.to_string())?;
    let ours = claim
        .certify(&inst)
        .map_err(|e| format!("certifying {id} on its instance: {e}"))?;
    let (theirs, ours) = (
        normalised(cert, origin)?,
        normalised(&ours.certificate, origin)?,
    );
    match first_difference(&theirs, &ours, String::new()) {
        None => Ok(()),
        Some(at) => Err(format!(
            "passes the independent checker but is not the certificate mechcert writes for `{id}` on its instance ({at}); regenerate it with `mechcert certify {id}`, or use --independent-only"
        )),
    }
}

/// `cert` without `note` fields and with its instances in canonical form.
fn normalised(cert: &serde_json::Value, origin: &str) -> Result<serde_json::Value, String> {
    fn strip_notes(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                o.remove("note");
                o.values_mut().for_each(strip_notes);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip_notes),
            _ => {}
        }
    }
    let mut c = cert.clone();
    strip_notes(&mut c);
    for key in ["instance", "derived_from"] {
        if let Some(v) = c.get_mut(key) {
            *v = Instance::from_json(v, origin)
                .map_err(|e| e.to_string())?
                .to_json();
        }
    }
    Ok(c)
}

/// Where `a` and `b` first differ (a JSON pointer and what differs); objects are compared as
/// maps, whatever their key order.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    let here = if at.is_empty() { "/" } else { at.as_str() };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if let Some(k) = x.keys().find(|k| !y.contains_key(*k)) {
                return Some(format!("it has `{at}/{k}`, which mechcert does not write"));
            }
            if let Some(k) = y.keys().find(|k| !x.contains_key(*k)) {
                return Some(format!("it lacks `{at}/{k}`"));
            }
            x.iter()
                .find_map(|(k, v)| first_difference(v, &y[k], format!("{at}/{k}")))
        }
        (Value::Array(x), Value::Array(y)) if x.len() != y.len() => Some(format!(
            "`{here}` has {} entries where mechcert writes {}",
            x.len(),
            y.len()
        )),
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, format!("{at}/{i}"))),
        _ => (a != b).then(|| format!("`{here}` is {a} where mechcert writes {b}")),
    }
}

/// Read one certificate file: a regular file within the size limit, UTF-8, JSON without
/// repeated keys. Every problem here is an input error naming the file.
fn read_certificate(path: &Path) -> Result<serde_json::Value, Failure> {
    let bytes = mechcert_cert::read::read_file(path)
        .map_err(|e| Failure::Input(format!("{}: the file {e}", shown(path))))?;
    mechcert_cert::parse_bytes(&bytes)
        .map_err(|e| Failure::Input(format!("{}: {}", shown(path), e.message)))
}

/// Check one certificate: the independent checker, then (unless `independent_only`) the
/// binding to its claim. The error says whether the certificate is beyond the documented
/// limits (input) or does not check.
fn check_one(
    json: &serde_json::Value,
    path: &Path,
    independent_only: bool,
) -> Result<mechcert_cert::Checked, Failure> {
    let ok = mechcert_cert::check_certificate(json)?;
    if !independent_only {
        reproduces(json, &path.display().to_string()).map_err(Failure::Inconsistent)?;
    }
    Ok(ok)
}

pub fn cert_check(a: &CertCheckArgs) -> Result<(), Failure> {
    let mut results = vec![];
    for path in &a.certs {
        let json = read_certificate(path)?;
        results.push((path, check_one(&json, path, a.independent_only)));
    }
    let failed: Vec<&Failure> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err())
        .collect();
    if a.json {
        let list: Vec<_> = results
            .iter()
            .map(|(p, r)| match r {
                Ok(c) => serde_json::json!({"file": p.display().to_string(), "ok": true, "claim": c.claim, "verdict": c.verdict.name()}),
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
