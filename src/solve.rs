//! `mechcert solve second-best FILE`: the Section 6 problem — maximise expected gains from
//! trade over ex post budget-balanced, interim IC and IR mechanisms — solved exactly, with the
//! first-best welfare for comparison and a certificate the independent checker re-verifies.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use mechcert_claims::usecase::second_best;
use mechcert_model::Instance;
use mechcert_opt::{Format, Recording};

use crate::Failure;
use crate::table::Table;

#[derive(Subcommand)]
pub enum SolveCommand {
    /// Maximise expected gains from trade over budget-balanced, interim IC and IR mechanisms
    SecondBest(SecondBestArgs),
}

#[derive(Args)]
pub struct SecondBestArgs {
    /// The instance file (one buyer)
    file: PathBuf,
    /// Require ex post IR as well (Section 8)
    #[arg(long)]
    ex_post_ir: bool,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Also write the LPs solved (the second best, then Theorem 3's reduced form) in CPLEX LP
    /// format: FILE for the second best, FILE's stem with `.2-reduced` for the other
    #[arg(long, value_name = "FILE")]
    emit_lp: Option<PathBuf>,
    /// Also write them in MPS format (same naming)
    #[arg(long, value_name = "FILE")]
    emit_mps: Option<PathBuf>,
}

/// Write the recorded LPs where `--emit-lp` / `--emit-mps` ask (nothing if neither).
pub fn emit(
    lps: &[mechcert_opt::NamedLp],
    lp: Option<&PathBuf>,
    mps: Option<&PathBuf>,
) -> Result<Vec<PathBuf>, Failure> {
    let mut written = vec![];
    for (path, format) in [(lp, Format::CplexLp), (mps, Format::Mps)] {
        if let Some(path) = path {
            written.extend(
                mechcert_opt::export::write_all(lps, format, path).map_err(|e| {
                    Failure::Input(format!("{}: cannot write: {e}", path.display()))
                })?,
            );
        }
    }
    Ok(written)
}

pub fn run(c: &SolveCommand) -> Result<(), Failure> {
    let SolveCommand::SecondBest(a) = c;
    let inst = Instance::load(&a.file)?;
    let recording = Recording::start();
    let sb = second_best(&inst, a.ex_post_ir)?;
    emit(&recording.finish(), a.emit_lp.as_ref(), a.emit_mps.as_ref())?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&sb.to_json()).expect("json")
        );
        return Ok(());
    }
    let (welfare, first_best, reduced, pi_star) = (
        &sb.welfare,
        &sb.first_best_welfare,
        &sb.reduced_welfare,
        &sb.pi_first_best,
    );
    let alloc = &sb.allocation;
    let (m, n) = (alloc.rows(), alloc.cols());
    outln!("instance   {} ({})", inst.name, inst.origin);
    outln!("second-best welfare  {welfare}");
    outln!("first-best welfare   {first_best}   (Π(x*) = {pi_star})");
    let note = if pi_star.is_negative() {
        "Theorem 3 applies (Π(x*) < 0): it must equal the second best"
    } else {
        "Theorem 3 needs Π(x*) < 0; here the first best is budget balanced"
    };
    outln!(
        "reduced form         {reduced}   (max W(x) over implementable x with Π(x) = 0; {note})"
    );
    outln!("\nallocation x(B_i, S_j):");
    let mut header = vec![String::new()];
    header.extend((1..=n).map(|j| format!("S{j}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = Table::new(&header);
    for i in 0..m {
        let mut row = vec![format!("B{}", i + 1)];
        row.extend((0..n).map(|j| alloc[(i, j)].to_string()));
        t.row(row);
    }
    out!("{}", t.render());
    outln!(
        "\ncertificate: LP optimum with primal and dual, re-checked by the independent checker (--json prints it)"
    );
    Ok(())
}
