//! Merging the K shard results of a search into the unsharded [`Outcome`]: the same number of
//! instances searched, the same applicable count, the same first hit, the same shrunk instance.
//!
//! The first hit of the search is the smallest first hit k* of any shard (the parts are
//! disjoint and every shard scanned its part in order up to its own first hit, so every index
//! below k* was examined by some shard and is not a hit). The unsharded search counts the
//! applicable instances up to and including k*: the hit's shard recorded exactly that (it
//! stopped at k*); every other shard examined past k* and recorded its applicable count per
//! block of stream indices, so its count below k* is the sum of the blocks before k*'s block,
//! plus the count in k*'s block below k*, which is 0 or all of the shard's indices there when
//! the block's count is 0 or full, and is otherwise recounted by certifying those instances
//! again (at most one block, `block_len` instances over all shards, in parallel). The merge
//! then regenerates the hit from the seed (it must equal the recorded instance), certifies it
//! again, and shrinks it as the unsharded search does (shrinking is deterministic).
//!
//! Refused, naming the files: results of different searches (claim, seed, budget, types,
//! buyers), numbers of shards or mechcert versions; the same shard twice; a missing shard; an
//! incomplete result (a checkpoint).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::result::{ShardResult, per_second_per_core};
use super::shard::Shard;
use super::{Failure, Found, Options, Outcome, certify_verdict, hit, instance, shrink};
use crate::certificate::Verdict;
use crate::registry::{Claim, find};

/// The unsharded outcome of a search rebuilt from its shards, with their throughput.
#[derive(Clone)]
pub struct Merged {
    pub claim: &'static Claim,
    pub opts: Options,
    /// The number of shards K.
    pub shards: u64,
    pub outcome: Outcome,
    /// Instances the shards examined (all of them, up to each shard's own first hit).
    pub examined: u64,
    /// Core-milliseconds the shards spent.
    pub core_ms: u64,
}

impl Merged {
    /// The shards' throughput: instances per second per core.
    pub fn instances_per_second_per_core(&self) -> u64 {
        per_second_per_core(self.examined, self.core_ms)
    }
}

/// Read shard results from files (see [`merge`]); errors name the file.
pub fn read(paths: &[std::path::PathBuf]) -> Result<Vec<(String, ShardResult)>, Failure> {
    paths
        .iter()
        .map(|p| {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::Input(format!("{name}: cannot read: {e}")))?;
            let r = ShardResult::parse(&text, &name).map_err(Failure::Input)?;
            Ok((name, r))
        })
        .collect()
}

/// Merge the results of all K shards of one search (each named, for messages) into the
/// outcome of the unsharded search, with the shards' throughput.
pub fn merge(results: &[(String, ShardResult)]) -> Result<Merged, Failure> {
    check_set(results)?;
    let (name0, r0) = &results[0];
    let claim = find(&r0.claim).ok_or_else(|| {
        Failure::Input(format!(
            "{name0}: unknown claim `{}`; `mechcert claims` lists them",
            r0.claim
        ))
    })?;
    Ok(Merged {
        claim,
        opts: r0.opts.clone(),
        shards: r0.shard.count,
        outcome: outcome(claim, results)?,
        examined: results.iter().map(|(_, r)| r.examined).sum(),
        core_ms: results.iter().map(|(_, r)| r.timing.core_ms).sum(),
    })
}

/// [`merge`] for a claim given by the caller (one outside the registry, e.g. in tests): the
/// outcome only.
pub fn merge_with(claim: &Claim, results: &[(String, ShardResult)]) -> Result<Outcome, Failure> {
    check_set(results)?;
    let (name0, r0) = &results[0];
    if r0.claim != claim.id {
        return Err(Failure::Input(format!(
            "{name0} is a search of {}, not of {}",
            r0.claim, claim.id
        )));
    }
    outcome(claim, results)
}

/// The results are the K complete shards of one search, each once; or the first reason not.
fn check_set(results: &[(String, ShardResult)]) -> Result<(), Failure> {
    let Some((name0, r0)) = results.first() else {
        return Err(Failure::Input(
            "no shard results to merge; give every shard's result file, e.g. results/*.json".into(),
        ));
    };
    let count = r0.shard.count;
    for (name, r) in &results[1..] {
        if r.version != r0.version {
            return Err(Failure::Input(format!(
                "{name0} was written by mechcert {} and {name} by mechcert {}; merge results of one version (the stream of instances may differ)",
                r0.version, r.version
            )));
        }
        let differs = differences(r0, r);
        if !differs.is_empty() {
            return Err(Failure::Input(format!(
                "{name0} and {name} are from different searches ({}); merge the shards of one search",
                differs.join(", ")
            )));
        }
        if r.shard.count != count {
            return Err(Failure::Input(format!(
                "{name0} is shard {} and {name} is shard {}: different numbers of shards; merge the K results of one sharded run",
                r0.shard, r.shard
            )));
        }
    }
    let mut by_index: BTreeMap<u64, &str> = BTreeMap::new();
    for (name, r) in results {
        if let Some(other) = by_index.insert(r.shard.index, name) {
            return Err(Failure::Input(format!(
                "{other} and {name} are both shard {}; give each shard's result once",
                r.shard
            )));
        }
    }
    for (name, r) in results {
        if !r.complete {
            return Err(Failure::Input(format!(
                "{name}: shard {} is incomplete (a checkpoint: {} instances examined, next is instance {} of {}); rerun that shard with the same --checkpoint file to finish it",
                r.shard, r.examined, r.next, r.opts.budget
            )));
        }
    }
    if by_index.len() as u64 != count {
        let missing: Vec<String> = (0..count)
            .filter(|i| !by_index.contains_key(i))
            .take(10)
            .map(|i| format!("{i}/{count}"))
            .collect();
        let more = count - by_index.len() as u64 - missing.len() as u64;
        return Err(Failure::Input(format!(
            "missing shard{} {}{} of {} ({} of {count} results given, e.g. {name0}); merge needs every shard's result",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
            r0.search_text(),
            by_index.len()
        )));
    }
    Ok(())
}

/// The unsharded outcome of a checked set of results (see the module header).
fn outcome(claim: &Claim, results: &[(String, ShardResult)]) -> Result<Outcome, Failure> {
    let r0 = &results[0].1;
    let opts = r0.opts.clone();
    let first = results
        .iter()
        .filter_map(|(n, r)| r.first_hit.as_ref().map(|h| (n, r, h)))
        .min_by_key(|(_, _, h)| h.index);
    Ok(match first {
        None => Outcome {
            claim: claim.id,
            searched: opts.budget,
            applicable: results.iter().map(|(_, r)| r.applicable).sum::<u64>() as usize,
            found: None,
        },
        Some((name, owner, h)) => {
            let k = h.index;
            let drawn = instance(claim, &opts, k as usize);
            if drawn.to_json() != h.instance.to_json() {
                return Err(Failure::Inconsistent(format!(
                    "{name}: the recorded first hit is not instance {k} of the search ({}) as this mechcert draws it",
                    r0.search_text()
                )));
            }
            let verdict = certify_verdict(claim, &drawn)?.map(|c| c.verdict);
            if !verdict.is_some_and(|v| hit(claim, v)) {
                return Err(Failure::Inconsistent(format!(
                    "{name}: instance {k} is recorded as the first hit, but certifying it again gives {}",
                    verdict.map_or("an error", Verdict::name)
                )));
            }
            let mut applicable = owner.applicable;
            for (n, r) in results {
                if r.shard != owner.shard {
                    applicable += applicable_below(claim, &opts, n, r, k)?;
                }
            }
            let (shrunk, certified, shrink_steps) = shrink(claim, &drawn)?;
            Outcome {
                claim: claim.id,
                searched: k as usize + 1,
                applicable: applicable as usize,
                found: Some(Found {
                    index: k as usize,
                    original: drawn,
                    shrunk,
                    certified,
                    shrink_steps,
                }),
            }
        }
    })
}

/// The fields of the search that differ between two results, as `field a vs b`.
fn differences(a: &ShardResult, b: &ShardResult) -> Vec<String> {
    let mut out = vec![];
    let opt = |o: Option<String>| o.unwrap_or_else(|| "default".into());
    let pairs = [
        ("claim", a.claim.clone(), b.claim.clone()),
        ("seed", a.opts.seed.to_string(), b.opts.seed.to_string()),
        (
            "budget",
            a.opts.budget.to_string(),
            b.opts.budget.to_string(),
        ),
        (
            "types",
            opt(a.opts.types.map(|(m, n)| format!("{m}x{n}"))),
            opt(b.opts.types.map(|(m, n)| format!("{m}x{n}"))),
        ),
        (
            "buyers",
            opt(a.opts.buyers.map(|i| i.to_string())),
            opt(b.opts.buyers.map(|i| i.to_string())),
        ),
    ];
    for (field, x, y) in pairs {
        if x != y {
            out.push(format!("{field} {x} vs {y}"));
        }
    }
    out
}

/// How many instances of `r`'s part below `k` are applicable; `r` examined past `k`.
fn applicable_below(
    claim: &Claim,
    opts: &Options,
    name: &str,
    r: &ShardResult,
    k: u64,
) -> Result<u64, Failure> {
    if r.end() <= k {
        return Err(Failure::Inconsistent(format!(
            "{name}: shard {} stopped at instance {} before the first hit {k}",
            r.shard,
            r.end()
        )));
    }
    let t = r.block_len;
    let q = (k / t) as usize;
    let before: u64 = r.applicable_by_block[..q].iter().sum();
    let lo = q as u64 * t;
    let sh: Shard = r.shard;
    let in_block = r.applicable_by_block[q];
    let below = sh.count_in(lo, k);
    let whole = sh.count_in(lo, (lo + t).min(r.end()));
    let counted = if in_block == 0 {
        0
    } else if in_block == whole {
        below
    } else {
        let ks: Vec<u64> = sh.indices(lo, k).collect();
        let verdicts = ks
            .par_iter()
            .map(|&j| certify_verdict(claim, &instance(claim, opts, j as usize)))
            .collect::<Result<Vec<_>, _>>()?;
        verdicts
            .iter()
            .filter(|c| {
                c.as_ref()
                    .is_some_and(|c| c.verdict != Verdict::NotApplicable)
            })
            .count() as u64
    };
    Ok(before + counted)
}
