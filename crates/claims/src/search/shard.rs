//! Shards of the search stream and the scan of one shard.
//!
//! The stream is the unsharded search's: instance k (0 <= k < budget) is a function of (seed, k)
//! alone. Shard i of K owns the instances k with k mod K = i (modulo, not contiguous blocks: the
//! grid phase, the first quarter of the budget, and the slower random phase are spread evenly
//! over the shards, and every shard walks the stream at about the same pace). The K parts are
//! disjoint and cover 0..budget.
//!
//! A scan examines its part in increasing k and stops at its own first hit (a counterexample,
//! or a witness for an existential claim): no later instance of the part can be the global
//! first hit. Invariant of a [`ShardResult`] it returns or checkpoints: the shard has examined
//! exactly the indices of its part below `min(next, budget)`, and recorded how many of them were
//! applicable in each block of `block_len` stream indices (what [`super::merge`] needs to count
//! the applicable instances up to a first hit found by another shard).

use std::time::Instant;

use rayon::prelude::*;

use super::checkpoint::Checkpointer;
use super::result::{Hit, ShardResult};
use super::{Failure, Options, certify_verdict, hit, instance};
use crate::certificate::Verdict;
use crate::registry::Claim;

/// Shard `index` of `count` (0 <= index < count): the instances k with k mod count = index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// The whole stream: the unsharded search.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Shard `index` of `count`, or why not (`flag` names the option in the message).
    pub fn new(index: u64, count: u64, flag: &str) -> Result<Shard, Failure> {
        if count == 0 {
            return Err(Failure::Input(format!(
                "{flag}: the number of shards K must be at least 1; write i/K with 0 <= i < K, e.g. 0/8"
            )));
        }
        if index >= count {
            return Err(Failure::Input(format!(
                "{flag}: shard index {index} is not below K = {count}; shards are numbered 0 to {} (a Slurm array: --array=0-{})",
                count - 1,
                count - 1
            )));
        }
        Ok(Shard { index, count })
    }

    /// Parse `i/K`, or `env:VAR/K` with i read from the environment variable VAR (e.g.
    /// `env:SLURM_ARRAY_TASK_ID/64`); `var` looks a variable up (`std::env::var(..).ok()`).
    pub fn parse(text: &str, var: impl Fn(&str) -> Option<String>) -> Result<Shard, Failure> {
        let flag = format!("--shard {text}");
        let bad = |why: &str| {
            Failure::Input(format!(
                "{flag}: {why}; write i/K (shard i of K, 0 <= i < K, e.g. 3/8) or env:VAR/K (e.g. env:SLURM_ARRAY_TASK_ID/64)"
            ))
        };
        let (i, k) = text
            .rsplit_once('/')
            .ok_or_else(|| bad("no `/` between the shard index and the number of shards"))?;
        let count: u64 = k
            .trim()
            .parse()
            .map_err(|_| bad(&format!("`{k}` is not a number of shards")))?;
        let index = match i.trim().strip_prefix("env:") {
            Some(name) => {
                if name.is_empty() {
                    return Err(bad("no variable name after `env:`"));
                }
                let value = var(name).ok_or_else(|| {
                    Failure::Input(format!(
                        "{flag}: the environment variable {name} is not set; run inside the scheduler's array job (Slurm: sbatch --array=0-{last}; Kubernetes: an Indexed Job) or give the index, e.g. --shard 0/{count}",
                        last = count.saturating_sub(1)
                    ))
                })?;
                value.trim().parse().map_err(|_| {
                    Failure::Input(format!(
                        "{flag}: {name}={value:?} is not a shard index; it must be a whole number from 0 to {}",
                        count.saturating_sub(1)
                    ))
                })?
            }
            None => i
                .trim()
                .parse()
                .map_err(|_| bad(&format!("`{i}` is not a shard index")))?,
        };
        Shard::new(index, count, &flag)
    }

    /// Does instance k belong to this shard?
    pub fn owns(&self, k: u64) -> bool {
        k % self.count == self.index
    }

    /// How many instances of this shard's part lie below `end`.
    pub fn count_below(&self, end: u64) -> u64 {
        if end <= self.index {
            0
        } else {
            (end - self.index).div_ceil(self.count)
        }
    }

    /// How many instances of this shard's part lie in `lo..hi`.
    pub fn count_in(&self, lo: u64, hi: u64) -> u64 {
        self.count_below(hi)
            .saturating_sub(self.count_below(lo.min(hi)))
    }

    /// The smallest index of this shard's part at or after `k`.
    pub fn first_from(&self, k: u64) -> u64 {
        let r = k % self.count;
        if r <= self.index {
            k - r + self.index
        } else {
            k - r + self.count + self.index
        }
    }

    /// The indices of this shard's part in `lo..hi`, in increasing order.
    pub fn indices(&self, lo: u64, hi: u64) -> impl Iterator<Item = u64> + '_ {
        let first = self.first_from(lo);
        let n = self.count_in(lo, hi);
        (0..n).map(move |t| first + t * self.count)
    }
}

/// The block length of the applicability tallies for a budget: a power of two, at least 1024,
/// with at most 4096 blocks per search (a shard's result stays a few kB; a merge certifies at
/// most one block's instances again).
pub fn block_len(budget: u64) -> u64 {
    budget.div_ceil(4096).next_power_of_two().max(1024)
}

/// How many instances a scan certifies between two looks at its checkpoint (fewer when an
/// interval counted in instances ends sooner).
const BATCH: u64 = 256;

/// Scan shard `shard` of the search: from the start, or from `resume` (a checkpoint of the same
/// search and shard), until the part is done or its first hit is found. After every batch,
/// `checkpoint` (if any) saves the progress when its interval has passed, and `progress` is
/// called with the number of instances of the part examined so far.
pub fn scan(
    claim: &Claim,
    opts: &Options,
    shard: Shard,
    resume: Option<ShardResult>,
    mut checkpoint: Option<&mut Checkpointer>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ShardResult, Failure> {
    let budget = opts.budget as u64;
    let mut st = match resume {
        Some(r) => {
            r.same_search(claim.id, opts, shard)
                .map_err(|why| Failure::Input(format!("cannot resume: {why}")))?;
            r
        }
        None => ShardResult::start(claim.id, opts, shard),
    };
    let before = st.timing.clone();
    let cores = cores_in_use();
    let session = Instant::now();
    while !st.complete {
        let cap = checkpoint.as_ref().map_or(BATCH, |c| c.batch_cap(BATCH));
        let ks: Vec<u64> = shard.indices(st.next, budget).take(cap as usize).collect();
        let verdicts: Vec<(u64, Option<Verdict>)> = ks
            .par_iter()
            .map(|&k| {
                let inst = instance(claim, opts, k as usize);
                certify_verdict(claim, &inst).map(|c| (k, c.map(|c| c.verdict)))
            })
            .collect::<Result<_, _>>()?;
        for (k, v) in verdicts {
            st.examined += 1;
            st.next = k + shard.count;
            let end = st.next.min(budget);
            st.applicable_by_block
                .resize(end.div_ceil(st.block_len) as usize, 0);
            if v.is_some_and(|v| v != Verdict::NotApplicable) {
                st.applicable += 1;
                st.applicable_by_block[(k / st.block_len) as usize] += 1;
            }
            if v.is_some_and(|v| hit(claim, v)) {
                st.first_hit = Some(Hit {
                    index: k,
                    instance: instance(claim, opts, k as usize),
                });
                break;
            }
        }
        if ks.is_empty() {
            // an empty part (K > budget), or a start past the end
            st.next = st.next.max(shard.first_from(budget));
            let end = st.next.min(budget);
            st.applicable_by_block
                .resize(end.div_ceil(st.block_len) as usize, 0);
        }
        st.complete = st.first_hit.is_some() || st.next >= budget;
        st.timing = before.after_session(session.elapsed(), cores);
        if let Some(c) = checkpoint.as_deref_mut() {
            c.after_batch(&st, ks.len() as u64)?;
        }
        progress(st.examined as usize);
    }
    Ok(st)
}

/// The cores this process computes on: rayon's threads, at most the CPUs it may run on.
fn cores_in_use() -> u64 {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::current_num_threads().clamp(1, cpus) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TASK" => Some("3".into()),
            "BAD" => Some("three".into()),
            _ => None,
        }
    }

    #[test]
    fn parse_forms_and_errors() {
        let s = |t: &str| Shard::parse(t, env);
        assert_eq!(s("3/8"), Ok(Shard { index: 3, count: 8 }));
        assert_eq!(s("env:TASK/8"), Ok(Shard { index: 3, count: 8 }));
        assert_eq!(s("0/1"), Ok(Shard::WHOLE));
        let err = |t: &str| s(t).unwrap_err().to_string();
        for (text, needle) in [
            (
                "8/8",
                "shard index 8 is not below K = 8; shards are numbered 0 to 7",
            ),
            ("0/0", "K must be at least 1"),
            ("env:TASK/2", "shard index 3 is not below K = 2"),
            ("env:UNSET/8", "UNSET is not set"),
            ("env:BAD/8", "BAD=\"three\" is not a shard index"),
            ("3", "no `/`"),
            ("a/8", "`a` is not a shard index"),
            ("1/x", "`x` is not a number of shards"),
            ("env:/8", "no variable name"),
            ("-1/8", "`-1` is not a shard index"),
        ] {
            let e = err(text);
            assert!(e.contains(needle) && e.contains("--shard"), "{text}: {e}");
            assert!(!e.contains('\n'), "{text}: one line: {e}");
        }
    }

    #[test]
    fn parts_are_disjoint_and_cover_the_stream() {
        for count in [1, 2, 3, 8, 13] {
            for budget in [0, 1, 7, 8, 9, 100] {
                let mut seen = vec![0; budget as usize];
                for index in 0..count {
                    let sh = Shard { index, count };
                    let part: Vec<u64> = sh.indices(0, budget).collect();
                    assert_eq!(part.len() as u64, sh.count_below(budget));
                    for &k in &part {
                        assert!(sh.owns(k));
                        seen[k as usize] += 1;
                    }
                    for lo in 0..=budget {
                        for hi in lo..=budget {
                            let naive = (lo..hi).filter(|&k| sh.owns(k)).count() as u64;
                            assert_eq!(sh.count_in(lo, hi), naive, "{sh} {lo}..{hi}");
                            assert_eq!(
                                sh.indices(lo, hi).collect::<Vec<_>>(),
                                (lo..hi).filter(|&k| sh.owns(k)).collect::<Vec<_>>()
                            );
                        }
                    }
                }
                assert!(seen.iter().all(|&c| c == 1), "K = {count}, budget {budget}");
            }
        }
    }

    #[test]
    fn block_lengths() {
        assert_eq!(block_len(0), 1024);
        assert_eq!(block_len(10_000), 1024);
        assert_eq!(block_len(4096 * 1024), 1024);
        assert_eq!(block_len(4096 * 1024 + 1), 2048);
        assert_eq!(block_len(10_000_000_000), 1 << 22);
        assert!(10_000_000_000u64.div_ceil(block_len(10_000_000_000)) <= 4096);
    }
}
