//! `mechcert search CLAIM`: look for a counterexample (a witness, for an existential claim),
//! shrink it, save it as an instance file with its certificate, and report what was searched.
//! `--shard i/K` scans one shard's part of the same stream and writes its result file;
//! `--checkpoint FILE` makes a scan resumable; `mechcert search merge RESULTS...` combines all
//! shards' results into the unsharded search's report. The logic is in
//! `mechcert_claims::search`; this file parses arguments and prints.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use mechcert_claims::find;
use mechcert_claims::search::Options;
use mechcert_claims::search::checkpoint::{Checkpointer, Every, write_atomic};
use mechcert_claims::search::merge::{Merged, merge, merge_with, read};
use mechcert_claims::search::report::{Report, conclude, what};
use mechcert_claims::search::result::ShardResult;
use mechcert_claims::search::shard::{Shard, scan};

use crate::Failure;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SearchArgs {
    #[command(subcommand)]
    command: Option<SearchCommand>,
    /// The claim id (see `mechcert claims`)
    #[arg(required = true)]
    claim: Option<String>,
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
    /// Directory where a counterexample (TOML) and its certificate (JSON) are saved, and, with
    /// --shard, the shard's result file
    #[arg(long, default_value = "counterexamples")]
    out: PathBuf,
    /// Scan only shard i of K (the instances k with k mod K = i) and write its result file for
    /// `mechcert search merge`; env:VAR/K reads i from a variable, e.g.
    /// env:SLURM_ARRAY_TASK_ID/64 or env:JOB_COMPLETION_INDEX/8
    #[arg(long, value_name = "i/K")]
    shard: Option<String>,
    /// The shard's result file (default: OUT/CLAIM-seedS-shard-I-of-K.json)
    #[arg(long, value_name = "FILE", requires = "shard")]
    result: Option<PathBuf>,
    /// Save progress to FILE periodically, and resume from it if it exists
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,
    /// How often to save the checkpoint: a number of instances (e.g. 5000) or a time (30s, 10m,
    /// 1h) [default: 60s]
    #[arg(long, value_name = "N|TIME", requires = "checkpoint")]
    checkpoint_every: Option<String>,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    progress: crate::progress::ProgressArgs,
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Combine the result files of every shard of a search into the unsharded search's result:
    /// the same counts, first counterexample, shrunk instance and certificate
    Merge(MergeArgs),
}

#[derive(Args)]
struct MergeArgs {
    /// The result files of all K shards (e.g. results/*.json)
    #[arg(required = true, value_name = "RESULTS")]
    results: Vec<PathBuf>,
    /// Directory where the counterexample (TOML) and its certificate (JSON) are saved
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
    if let Some(SearchCommand::Merge(m)) = &a.command {
        return run_merge(m);
    }
    let id = a.claim.as_deref().unwrap_or_default();
    let claim = find(id).ok_or_else(|| {
        Failure::Input(format!(
            "unknown claim `{id}`; `mechcert claims` lists them"
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
    let sharded = a
        .shard
        .as_deref()
        .map(|s| Shard::parse(s, |v| std::env::var(v).ok()))
        .transpose()?;
    let shard = sharded.unwrap_or(Shard::WHOLE);
    let every = a
        .checkpoint_every
        .as_deref()
        .map(|t| Every::parse(t, "--checkpoint-every"))
        .transpose()?
        .unwrap_or_default();
    let mut checkpoint = a.checkpoint.as_deref().map(|p| Checkpointer::new(p, every));
    let note = mechcert_claims::search::report::types_note(claim, &opts);
    if let (Some(n), false) = (&note, a.json) {
        eprintln!("note: {n}");
    }
    let resume = match &checkpoint {
        Some(c) => c.load(claim.id, &opts, shard)?,
        None => None,
    };
    if let (Some(r), Some(c), false) = (&resume, &checkpoint, a.json) {
        let p = c.path().display();
        if r.complete {
            eprintln!("checkpoint {p} holds the finished scan; nothing left to examine");
        } else {
            eprintln!(
                "resuming from checkpoint {p}: {} of {} instances examined",
                r.examined,
                shard.count_below(opts.budget as u64)
            );
        }
    }
    let bar = crate::progress::Bar::new(
        a.progress.enabled(a.json),
        shard.count_below(opts.budget as u64),
        match sharded {
            Some(s) => format!("search {} shard {s}", claim.id),
            None => format!("search {}", claim.id),
        },
    );
    let total = shard.count_below(opts.budget as u64) as usize;
    let progress = |done: usize| bar.set(done, total);
    let part = scan(claim, &opts, shard, resume, checkpoint.as_mut(), &progress)?;
    bar.finish();
    if sharded.is_some() {
        let file = a.result.clone().unwrap_or_else(|| {
            a.out.join(format!(
                "{}-seed{}-shard-{}-of-{}.json",
                claim.id, opts.seed, shard.index, shard.count
            ))
        });
        write_atomic(&file, &part.to_text()).map_err(Failure::Input)?;
        let all = match &a.result {
            Some(_) => "RESULTS...".to_string(),
            None => a
                .out
                .join(format!(
                    "{}-seed{}-shard-*-of-{}.json",
                    claim.id, opts.seed, shard.count
                ))
                .display()
                .to_string(),
        };
        print_shard(&part, &file, &all, a.json);
        return Ok(());
    }
    let outcome = merge_with(claim, &[("the search".to_string(), part)])?;
    let report = conclude(claim, &opts, outcome)?;
    let files = report.save(&a.out)?;
    print_report(&report, files.as_ref(), a.json, None);
    Ok(())
}

fn run_merge(m: &MergeArgs) -> Result<(), Failure> {
    let results = read(&m.results)?;
    let merged = merge(&results)?;
    let report = conclude(merged.claim, &merged.opts, merged.outcome.clone())?;
    if let (Some(n), false) = (&report.note, m.json) {
        eprintln!("note: {n}");
    }
    let files = report.save(&m.out)?;
    print_report(&report, files.as_ref(), m.json, Some(&merged));
    Ok(())
}

/// What a shard prints: its result object (with the file it was written to), or a summary.
fn print_shard(r: &ShardResult, file: &Path, all: &str, json: bool) {
    if json {
        let mut v = r.to_json();
        if let Some(o) = v.as_object_mut() {
            o.insert("result_file".into(), file.display().to_string().into());
        }
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return;
    }
    let claim = find(&r.claim).map_or("counterexample", what);
    let found = match &r.first_hit {
        Some(h) => format!("first {claim} of the part at instance {}", h.index),
        None => format!("no {claim} in the part"),
    };
    outln!(
        "{} shard {}: examined {} instances ({} applicable), {found}; {} instances/s per core",
        r.claim,
        r.shard,
        r.examined,
        r.applicable,
        r.instances_per_second_per_core()
    );
    outln!(
        "wrote {}; when all {} shards are done: mechcert search merge {all}",
        file.display(),
        r.shard.count
    );
}

/// What `search` and `search merge` print: the unsharded search's result.
fn print_report(
    report: &Report,
    files: Option<&(PathBuf, PathBuf)>,
    json: bool,
    merged: Option<&Merged>,
) {
    let out = &report.outcome;
    let id = report.claim.id;
    let seed = report.opts.seed;
    if json {
        let mut v = report.to_json(files);
        if let (Some(m), Some(o)) = (merged, v.as_object_mut()) {
            o.insert(
                "shards".into(),
                serde_json::json!({
                    "count": m.shards,
                    "examined": m.examined,
                    "instances_per_second_per_core": m.instances_per_second_per_core(),
                }),
            );
        }
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
        return;
    }
    if let Some(m) = merged {
        outln!(
            "merged {} shards: {} instances examined, {} instances/s per core",
            m.shards,
            m.examined,
            m.instances_per_second_per_core()
        );
    }
    let what = what(report.claim);
    match (&report.saved, files) {
        (Some((inst, c)), Some((toml, cert))) => {
            outln!(
                "{id}: {what} found at instance {} of seed {seed} ({} applicable up to it); shrunk to:",
                out.searched - 1,
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
        _ => outln!(
            "{id}: no {what} among {} instances ({} applicable), seed {seed}",
            out.searched,
            out.applicable
        ),
    }
}
