//! `mechcert solve second-best FILE`: the Section 6 problem — maximise expected gains from
//! trade over ex post budget-balanced, interim IC and IR mechanisms — solved exactly, with the
//! first-best welfare for comparison and a certificate the independent checker re-verifies.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use mechcert_mech::{Matrix, closed_form, efficient_allocation};
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_opt::{Format, LpError, Model, Recording, solve_model};

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

/// An LP error for the user: too large is an input error (exit 1), anything else internal.
pub fn lp_failure(e: LpError) -> Failure {
    match e {
        LpError::TooLarge { .. } => Failure::Input(e.to_string()),
        _ => Failure::Inconsistent(e.to_string()),
    }
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
    let env = inst.concrete()?;
    if env.buyers != 1 {
        return Err(Failure::Input(format!(
            "{}: the second best is solved for one buyer; this instance has {}",
            mechcert_cert::quote::escape(&inst.origin),
            env.buyers
        )));
    }
    let first_best = closed_form::gains_from_trade(&env, &efficient_allocation(&env));
    let recording = Recording::start();
    let solved = solve_model(
        &env,
        &Model::SecondBest {
            ex_post_ir: a.ex_post_ir,
        },
    )
    .map_err(lp_failure)?;
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
    let alloc: Matrix<Rat> = alloc.map(|v| v.clone().unwrap_or(Rat::ZERO));
    let certificate = mechcert_claims::second_best_certificate(&inst, &env, &solved)
        .map_err(Failure::Inconsistent)?;
    crate::certify::self_check(&certificate, "the second best")?;
    // Theorem 3's reduced form: max W(x) over implementable x with Π(x) = 0 (x = 0 is one)
    let reduced = solve_model(&env, &Model::Reduced { pi_ge: false })
        .map_err(lp_failure)?
        .value()
        .cloned()
        .ok_or_else(|| {
            Failure::Inconsistent("the reduced LP has no optimum, but x = 0 is feasible".into())
        })?;
    emit(&recording.finish(), a.emit_lp.as_ref(), a.emit_mps.as_ref())?;
    let pi_star = closed_form::surplus_by_virtual_values(&env, &efficient_allocation(&env));
    if a.json {
        let v = serde_json::json!({
            "welfare": welfare.to_string(),
            "first_best_welfare": first_best.to_string(),
            "reduced_welfare": reduced.to_string(),
            "pi_first_best": pi_star.to_string(),
            "allocation": alloc.to_rows().iter().map(|r| r.iter().map(Rat::to_string).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "ex_post_ir": a.ex_post_ir,
            "certificate": certificate,
        });
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return Ok(());
    }
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
    header.extend((1..=env.n()).map(|j| format!("S{j}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = Table::new(&header);
    for i in 0..env.m() {
        let mut row = vec![format!("B{}", i + 1)];
        row.extend((0..env.n()).map(|j| alloc[(i, j)].to_string()));
        t.row(row);
    }
    out!("{}", t.render());
    outln!(
        "\ncertificate: LP optimum with primal and dual, re-checked by the independent checker (--json prints it)"
    );
    Ok(())
}
