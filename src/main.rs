//! mechcert: certify claims about trade mechanisms exactly (Kos & Manea, "Efficient Trade
//! Mechanism with Discrete Values"). This binary only parses arguments and prints; every
//! computation lives in the workspace's library crates.
//!
//! Exit codes: 0 success (a claim that fails is a result, not an error), 1 usage or input
//! error, 2 an internal inconsistency (two independent computations disagree, or a
//! certificate does not check).

/// `println!` that ends the program quietly when stdout is closed (e.g. piped into `head`)
/// instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        crate::WROTE.store(true, std::sync::atomic::Ordering::Relaxed);
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// `print!` with the same behaviour as `outln!`.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        crate::WROTE.store(true, std::sync::atomic::Ordering::Relaxed);
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod certify;
mod check;
mod progress;
mod report;
mod search;
mod solve;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "mechcert",
    version,
    about = "Exact certification of claims about trade mechanisms with discrete values",
    long_about = "mechcert computes the mechanisms of Kos & Manea (VCG, VCG', tight transfers, \
budget-balanced constructions, many buyers) with exact rational arithmetic, checks every \
incentive, participation and budget inequality at every report profile, and certifies the \
paper's claims with certificates that an independent checker re-verifies.\n\n\
Exit codes: 0 success (including a claim that fails: that is a result), 1 usage or input \
error, 2 internal inconsistency."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a mechanism on an instance: every IC, IR, BB and efficiency inequality, exactly.
    Check(check::CheckArgs),
    /// Solve one of the paper's optimisation problems exactly, with a certificate.
    #[command(subcommand)]
    Solve(solve::SolveCommand),
    /// Certify a claim of the paper on an instance (or every claim on a directory), with a
    /// certificate that the independent checker re-verifies.
    Certify(certify::CertifyArgs),
    /// Search for a counterexample to a claim (a witness, for an existential claim) and shrink it.
    Search(search::SearchArgs),
    /// Re-verify certificates with the independent checker (exit 2 if any fails).
    CertCheck(certify::CertCheckArgs),
    /// List every claim id with its paper section and statement.
    Claims(certify::ClaimsArgs),
    /// Certify every claim on every instance of a directory and write a self-contained HTML
    /// page (verdicts, counterexamples, corrected readings, pictures) and a LaTeX table.
    Report(report::ReportArgs),
}

/// Output format shared by every command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// An error for the user, typed by the library that raised it: exit code 1 (input) or 2
/// (internal inconsistency).
pub use mechcert_model::Failure;

/// A path as it appears in messages: escaped (a file name may hold a newline).
pub fn shown(path: &std::path::Path) -> String {
    mechcert_cert::quote::escape(&path.display().to_string())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let json_requested = std::env::args().any(|a| a == "--json");
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Solve(c) => solve::run(&c),
        Command::Certify(a) => certify::certify(&a),
        Command::Search(a) => search::run(&a),
        Command::CertCheck(a) => certify::cert_check(&a),
        Command::Claims(a) => certify::claims(&a),
        Command::Report(a) => report::run(&a),
    };
    let (kind, msg, code) = match result {
        Ok(()) => return ExitCode::SUCCESS,
        // every message is one line: whatever a library put in it is escaped here too
        Err(Failure::Input(msg)) => ("input", mechcert_cert::quote::escape(&msg), 1),
        Err(Failure::Inconsistent(msg)) => ("inconsistent", mechcert_cert::quote::escape(&msg), 2),
    };
    if kind == "input" {
        eprintln!("error: {msg}");
    } else {
        eprintln!("internal inconsistency: {msg}");
    }
    // with --json, stdout still carries one JSON object when the command printed none
    if json_requested && !WROTE.load(std::sync::atomic::Ordering::Relaxed) {
        let v = serde_json::json!({"error": {"kind": kind, "message": msg, "exit_code": code}});
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
    }
    ExitCode::from(code)
}

/// Whether anything was written to stdout (so an error object is not a second JSON object).
static WROTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
