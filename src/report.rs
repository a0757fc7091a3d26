//! `mechcert report DIR --html OUT.html [--latex OUT.tex]`: parse the arguments, call
//! `mechcert_report::build` (certify every claim on every instance of DIR with the
//! independent re-check, and compute the numbers behind the pictures), and write the page
//! (`mechcert_report::html`) and the LaTeX table (`mechcert_report::latex`).

use std::path::{Path, PathBuf};

use clap::Args;
use mechcert_report::{Options, build, html, latex};

use crate::{Failure, shown};

#[derive(Args)]
pub struct ReportArgs {
    /// The directory of instance files (*.toml), e.g. proofs/
    dir: PathBuf,
    /// Write the self-contained HTML page here
    #[arg(long, value_name = "OUT.html", required_unless_present = "latex")]
    html: Option<PathBuf>,
    /// Write a LaTeX table of claims and verdicts here (for \input)
    #[arg(long, value_name = "OUT.tex")]
    latex: Option<PathBuf>,
    /// Solve the discretised uniform case for n = 2..=N points per side (0: skip it)
    #[arg(long, value_name = "N", default_value_t = 20)]
    uniform_up_to: usize,
    /// Draw Π_I for I = 1..=N buyers
    #[arg(long, value_name = "N", default_value_t = 20)]
    buyers_up_to: usize,
    /// Print one JSON object (the files written and the verdict counts) instead of text
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    progress: crate::progress::ProgressArgs,
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", shown(path))))
}

pub fn run(a: &ReportArgs) -> Result<(), Failure> {
    if a.uniform_up_to > 40 {
        return Err(Failure::Input(format!(
            "--uniform-up-to {}: use 0 to 40 (the report stays fast; the uniform_showcase example goes further)",
            a.uniform_up_to
        )));
    }
    if !(1..=1000).contains(&a.buyers_up_to) {
        return Err(Failure::Input(format!(
            "--buyers-up-to {}: use 1 to 1000",
            a.buyers_up_to
        )));
    }
    // an output whose directory does not exist is refused before the work, not after it
    for (flag, path) in [("--html", &a.html), ("--latex", &a.latex)] {
        if let Some(p) = path {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
            if parent.is_some_and(|d| !d.is_dir()) {
                return Err(Failure::Input(format!(
                    "{flag} {}: the directory does not exist; create it or write elsewhere",
                    shown(p)
                )));
            }
        }
    }
    let opts = Options {
        uniform_up_to: a.uniform_up_to,
        buyers_up_to: a.buyers_up_to,
        ..Options::default()
    };
    let bar = crate::progress::Bar::new(
        a.progress.enabled(a.json),
        0,
        format!("report {}", shown(&a.dir)),
    );
    let report = build(&a.dir, &opts, &|done, total| bar.set(done, total))?;
    bar.finish();
    if let Some(p) = &a.html {
        write(p, &html::render(&report))?;
    }
    if let Some(p) = &a.latex {
        write(p, &latex::render(&report))?;
    }
    let t = report.totals();
    let (failing, witnessed) = report.findings();
    if a.json {
        let v = serde_json::json!({
            "html": a.html.as_ref().map(|p| p.display().to_string()),
            "latex": a.latex.as_ref().map(|p| p.display().to_string()),
            "instances": report.instances.len(),
            "claims": mechcert_claims::all().len(),
            "holds": t.holds,
            "fails": t.fails,
            "not_applicable": t.not_applicable,
            "failing_claims": failing.iter().map(|c| c.id).collect::<Vec<_>>(),
            "witnessed_claims": witnessed.iter().map(|c| c.id).collect::<Vec<_>>(),
        });
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return Ok(());
    }
    outln!(
        "{} claims on {} instances: {} holds, {} fails, {} not applicable (every certificate re-checked)",
        mechcert_claims::all().len(),
        report.instances.len(),
        t.holds,
        t.fails,
        t.not_applicable
    );
    outln!(
        "printed claims that fail: {}",
        failing.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
    );
    for p in [&a.html, &a.latex].into_iter().flatten() {
        outln!("wrote {}", p.display());
    }
    Ok(())
}
