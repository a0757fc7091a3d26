//! `mechcert solve second-best FILE`: the Section 6 problem — maximise expected gains from
//! trade over ex post budget-balanced, interim IC and IR mechanisms — solved exactly, with the
//! first-best welfare for comparison and a certificate the independent checker re-verifies.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use mechcert_mech::{Matrix, closed_form, efficient_allocation};
use mechcert_model::Instance;
use mechcert_num::Rat;
use mechcert_opt::{Model, build, solve_named};

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
}

pub fn run(c: &SolveCommand) -> Result<(), Failure> {
    let SolveCommand::SecondBest(a) = c;
    let inst = Instance::load(&a.file)?;
    let env = inst.concrete()?;
    if env.buyers != 1 {
        return Err(Failure::Input(format!(
            "{}: the second best is solved for one buyer; this instance has {}",
            inst.origin, env.buyers
        )));
    }
    let first_best = closed_form::gains_from_trade(&env, &efficient_allocation(&env));
    let solved = solve_named(build(
        &env,
        &Model::SecondBest {
            ex_post_ir: a.ex_post_ir,
        },
    ));
    let welfare = solved.value().cloned().ok_or_else(|| {
        Failure::Inconsistent(
            "the second-best LP has no optimum, but x = 0, t = 0 is feasible".into(),
        )
    })?;
    let alloc: Matrix<Rat> = solved
        .allocation(&env)
        .expect("optimal")
        .map(|v| v.clone().expect("variable"));
    let certificate = mechcert_claims::second_best_certificate(&inst, &env, &solved)
        .map_err(Failure::Inconsistent)?;
    mechcert_cert::check_certificate(&certificate).map_err(|e| {
        Failure::Inconsistent(format!("the second-best certificate does not check: {e}"))
    })?;
    // Theorem 3's reduced form: max W(x) over implementable x with Π(x) = 0 (x = 0 is one)
    let reduced = solve_named(build(&env, &Model::Reduced { pi_ge: false }))
        .value()
        .cloned()
        .ok_or_else(|| {
            Failure::Inconsistent("the reduced LP has no optimum, but x = 0 is feasible".into())
        })?;
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
