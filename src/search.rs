//! `mechcert search CLAIM`: look for a counterexample (a witness, for an existential claim),
//! shrink it, save it as an instance file with its certificate, and report what was searched.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;
use mechcert_claims::find;
use mechcert_claims::search::{Options, search};

use crate::Failure;

#[derive(Args)]
pub struct SearchArgs {
    /// The claim id (see `mechcert claims`)
    claim: String,
    /// Seed of the instance generator (the same seed gives the same search)
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many instances to try
    #[arg(long, default_value_t = 10_000)]
    budget: usize,
    /// Buyer x seller types of generated instances, e.g. 3x2 (default: each instance draws its
    /// shape from 2x2 to 4x4)
    #[arg(long, value_parser = parse_types)]
    types: Option<(usize, usize)>,
    /// Number of identical buyers in generated instances (default: one for the single-buyer
    /// claims; 2 to 4, drawn per instance, for the claims about several buyers)
    #[arg(long)]
    buyers: Option<usize>,
    /// Directory where a counterexample (TOML) and its certificate (JSON) are saved
    #[arg(long, default_value = "counterexamples")]
    out: PathBuf,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
}

fn parse_types(s: &str) -> Result<(usize, usize), String> {
    let err =
        || format!("`{s}`: write buyer x seller types as MxN, e.g. 3x2, with M, N from 1 to 12");
    let (m, n) = s.split_once(['x', 'X']).ok_or_else(err)?;
    let (m, n): (usize, usize) = (
        m.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if !(1..=12).contains(&m) || !(1..=12).contains(&n) {
        return Err(err());
    }
    Ok((m, n))
}

pub fn run(a: &SearchArgs) -> Result<(), Failure> {
    let claim = find(&a.claim).ok_or_else(|| {
        Failure::Input(format!(
            "unknown claim `{}`; `mechcert claims` lists them",
            a.claim
        ))
    })?;
    if let Some(i) = a.buyers.filter(|i| !(1..=64).contains(i)) {
        return Err(Failure::Input(format!("--buyers {i}: use 1 to 64")));
    }
    let opts = Options {
        seed: a.seed,
        budget: a.budget,
        types: a.types,
        buyers: a.buyers,
    };
    // claims about one shape (e.g. Theorem 4's 2x2) draw their own instances: say so
    let note = a.types.and_then(|(m, n)| {
        let drawn = mechcert_claims::search::instance(claim, &opts, 0).shape();
        (drawn != (m, n)).then(|| {
            format!(
                "{} is about {}x{} instances and draws its own; --types {m}x{n} does not apply",
                claim.id, drawn.0, drawn.1
            )
        })
    });
    if let (Some(n), false) = (&note, a.json) {
        eprintln!("note: {n}");
    }
    let bar = (std::io::stderr().is_terminal() && !a.json).then(|| {
        let b = indicatif::ProgressBar::new(a.budget as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} instances ({elapsed})",
            )
            .expect("template")
            .progress_chars("=> "),
        );
        b.set_message(format!("search {}", claim.id));
        b
    });
    let progress = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let out = search(claim, &opts, &progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let what = if claim.existential {
        "witness"
    } else {
        "counterexample"
    };
    let mut saved = None;
    if let Some(f) = &out.found {
        let stem = format!("{}-{what}-seed{}", claim.id, a.seed);
        std::fs::create_dir_all(&a.out)
            .map_err(|e| Failure::Input(format!("{}: {e}", a.out.display())))?;
        let toml = a.out.join(format!("{stem}.toml"));
        let cert = a.out.join(format!("{stem}.cert.json"));
        let mut inst = f.shrunk.clone();
        inst.source = Some(format!(
            "found by `mechcert search {} --seed {} --budget {}{}{}` (instance {}), shrunk in {} steps",
            claim.id,
            a.seed,
            a.budget,
            a.types
                .map_or(String::new(), |(m, n)| format!(" --types {m}x{n}")),
            a.buyers.map_or(String::new(), |i| format!(" --buyers {i}")),
            f.index,
            f.shrink_steps
        ));
        std::fs::write(&toml, inst.to_toml())
            .map_err(|e| Failure::Input(format!("{}: {e}", toml.display())))?;
        let c = claim
            .certify(&inst)
            .map_err(crate::certify::claim_failure)?;
        mechcert_cert::check_certificate(&c.certificate).map_err(|e| {
            Failure::Inconsistent(format!("the {what}'s certificate does not check: {e}"))
        })?;
        let text = serde_json::to_string_pretty(&c.certificate).expect("json") + "\n";
        std::fs::write(&cert, text)
            .map_err(|e| Failure::Input(format!("{}: {e}", cert.display())))?;
        saved = Some((toml, cert, c, inst));
    }
    if a.json {
        let v = serde_json::json!({
            "claim": out.claim,
            "searched": out.searched,
            "applicable": out.applicable,
            "seed": a.seed,
            "note": note,
            "counterexample": saved.as_ref().map(|(_, _, _, i)| i.to_json()),
            "certificate": saved.as_ref().map(|(_, _, c, _)| c.certificate.clone()),
            "files": saved.as_ref().map(|(t, c, _, _)| serde_json::json!([t.display().to_string(), c.display().to_string()])),
        });
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return Ok(());
    }
    match saved {
        None if claim.existential => outln!(
            "{}: no witness among {} instances ({} applicable), seed {}",
            claim.id,
            out.searched,
            out.applicable,
            a.seed
        ),
        None => outln!(
            "{}: no counterexample among {} instances ({} applicable), seed {}",
            claim.id,
            out.searched,
            out.applicable,
            a.seed
        ),
        Some((toml, cert, c, inst)) => {
            outln!(
                "{}: {what} found at instance {} of seed {} ({} applicable up to it); shrunk to:",
                claim.id,
                out.searched - 1,
                a.seed,
                out.applicable
            );
            outln!("{}", inst.to_toml());
            outln!("verdict: {} — {}", c.verdict.name(), c.reason);
            outln!(
                "saved {} and {} (certificate re-checked)",
                toml.display(),
                cert.display()
            );
        }
    }
    Ok(())
}
