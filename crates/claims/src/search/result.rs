//! The result file of one shard (format `mechcert-search-shard/1`), which is also its checkpoint
//! file (then `complete` is false): which search and shard it belongs to, how far the scan has
//! come, how many instances were applicable in each block of the stream, the first hit with its
//! original instance, and the throughput. README.md ("Sharded and resumable searches")
//! documents every key.
//!
//! Invariants checked when a file is read ([`ShardResult::from_json`]): the shard examined
//! exactly the indices of its part below `end = min(next_index, budget)`, so `examined` is
//! their number; `applicable_by_block` has one entry per block of `block_len` stream indices
//! below `end`, each at most the number of the part's indices in that block, and they sum to
//! `applicable`; a first hit is the part's last examined index; a result is complete exactly
//! when it has a first hit or `end` = budget.

use std::time::Duration;

use mechcert_model::Instance;
use serde_json::{Value, json};

use super::Options;
use super::shard::{Shard, block_len};

/// The `format` of a shard result.
pub const FORMAT: &str = "mechcert-search-shard/1";

/// The version of mechcert that writes results (a merge refuses to mix versions: the stream of
/// instances may change between them).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The first hit of a shard's part: its stream index and the instance the seed draws there.
#[derive(Clone, Debug)]
pub struct Hit {
    pub index: u64,
    pub instance: Instance,
}

/// Equal when the index and the instance's file form are (not where the instance was read from).
impl PartialEq for Hit {
    fn eq(&self, other: &Hit) -> bool {
        self.index == other.index && self.instance.to_json() == other.instance.to_json()
    }
}

/// Time spent on a shard, summed over the sessions that contributed to the recorded progress (a
/// killed session counts up to its last checkpoint).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// Wall-clock milliseconds.
    pub elapsed_ms: u64,
    /// Wall-clock milliseconds times the cores in use (rayon threads, at most the CPUs the
    /// process may run on).
    pub core_ms: u64,
    /// Cores in use in the last session.
    pub cores: u64,
    /// Sessions: 1, plus one for every resume from a checkpoint.
    pub sessions: u64,
}

impl Timing {
    /// This timing plus one session of `elapsed` on `cores` cores.
    pub fn after_session(&self, elapsed: Duration, cores: u64) -> Timing {
        let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        Timing {
            elapsed_ms: self.elapsed_ms.saturating_add(ms),
            core_ms: self.core_ms.saturating_add(ms.saturating_mul(cores)),
            cores,
            sessions: self.sessions + 1,
        }
    }
}

/// The state of one shard's scan: its result when `complete`, else a checkpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardResult {
    pub claim: String,
    pub opts: Options,
    pub shard: Shard,
    pub version: String,
    pub complete: bool,
    /// The smallest index of the part not examined yet (the first hit's index + K once found).
    pub next: u64,
    /// Instances of the part examined (up to and including the first hit).
    pub examined: u64,
    /// Of those, instances where the claim applies (verdict holds or fails).
    pub applicable: u64,
    /// Stream indices per tally block ([`block_len`] of the budget).
    pub block_len: u64,
    /// Entry q: applicable instances of the part with index in q*block_len..(q+1)*block_len.
    pub applicable_by_block: Vec<u64>,
    pub first_hit: Option<Hit>,
    pub timing: Timing,
}

impl ShardResult {
    /// A scan of `shard` that has not examined anything yet.
    pub fn start(claim: &str, opts: &Options, shard: Shard) -> ShardResult {
        let budget = opts.budget as u64;
        let t = block_len(budget);
        let next = shard.first_from(0);
        ShardResult {
            claim: claim.to_string(),
            opts: opts.clone(),
            shard,
            version: VERSION.to_string(),
            complete: next >= budget,
            next,
            examined: 0,
            applicable: 0,
            block_len: t,
            applicable_by_block: vec![0; next.min(budget).div_ceil(t) as usize],
            first_hit: None,
            timing: Timing::default(),
        }
    }

    /// The end of the examined range: the part's indices below it have all been examined.
    pub fn end(&self) -> u64 {
        self.next.min(self.opts.budget as u64)
    }

    /// The search this belongs to, in words (for messages): claim, seed, budget, types, buyers.
    pub fn search_text(&self) -> String {
        search_text(&self.claim, &self.opts)
    }

    /// `Ok` if this is a state of shard `shard` of the search (`claim`, `opts`) written by this
    /// version of mechcert; otherwise what differs.
    pub fn same_search(&self, claim: &str, opts: &Options, shard: Shard) -> Result<(), String> {
        if self.version != VERSION {
            return Err(format!(
                "it was written by mechcert {}, this is mechcert {VERSION} (the stream of instances may differ)",
                self.version
            ));
        }
        if self.claim != claim || &self.opts != opts {
            return Err(format!(
                "it is from another search ({}; this run: {})",
                self.search_text(),
                search_text(claim, opts)
            ));
        }
        if self.shard != shard {
            return Err(format!(
                "it is shard {}, this run is shard {shard}",
                self.shard
            ));
        }
        Ok(())
    }

    /// Instances per second per core, over all sessions (rounded down; 0 before any timing).
    pub fn instances_per_second_per_core(&self) -> u64 {
        per_second_per_core(self.examined, self.timing.core_ms)
    }

    /// The result file's JSON object.
    pub fn to_json(&self) -> Value {
        json!({
            "format": FORMAT,
            "mechcert_version": self.version,
            "claim": self.claim,
            "seed": self.opts.seed,
            "budget": self.opts.budget,
            "types": self.opts.types.map(|(m, n)| format!("{m}x{n}")),
            "buyers": self.opts.buyers,
            "shard": {"index": self.shard.index, "count": self.shard.count},
            "sharding": "modulo: instance k belongs to shard k mod count",
            "complete": self.complete,
            "next_index": self.next,
            "examined": self.examined,
            "applicable": self.applicable,
            "block_len": self.block_len,
            "applicable_by_block": self.applicable_by_block,
            "first_hit": self.first_hit.as_ref().map(|h| json!({
                "index": h.index,
                "instance": h.instance.to_json(),
            })),
            "throughput": {
                "instances_per_second_per_core": self.instances_per_second_per_core(),
                "elapsed_ms": self.timing.elapsed_ms,
                "core_ms": self.timing.core_ms,
                "cores": self.timing.cores,
                "sessions": self.timing.sessions,
            },
        })
    }

    /// The file's text: pretty JSON and a final newline.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(&self.to_json()).unwrap_or_default() + "\n"
    }

    /// Read a result (or checkpoint) from its JSON text; `origin` names the file in errors.
    /// Checks the format and every invariant of the module header.
    pub fn parse(text: &str, origin: &str) -> Result<ShardResult, String> {
        let v: Value = serde_json::from_str(text)
            .map_err(|e| format!("{origin}: not a mechcert search result (not JSON: {e})"))?;
        ShardResult::from_json(&v, origin)
    }

    /// Read a result from its JSON object (see [`ShardResult::parse`]).
    pub fn from_json(v: &Value, origin: &str) -> Result<ShardResult, String> {
        let bad = |why: String| format!("{origin}: {why}");
        match v.get("format").and_then(Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(bad(format!(
                    "format `{other}` is not {FORMAT}; write it again with this mechcert"
                )));
            }
            None => {
                return Err(bad(format!(
                    "not a mechcert search result (no \"format\": \"{FORMAT}\")"
                )));
            }
        }
        let damaged = |why: &str| bad(format!("damaged search result: {why}"));
        let u = |key: &str| {
            v.get(key)
                .and_then(Value::as_u64)
                .ok_or_else(|| damaged(&format!("`{key}` is not a whole number")))
        };
        let s = |key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .ok_or_else(|| damaged(&format!("`{key}` is not a string")))
        };
        let types = match v.get("types") {
            None | Some(Value::Null) => None,
            Some(t) => {
                let t = t.as_str().unwrap_or_default();
                let shape = t
                    .split_once('x')
                    .and_then(|(m, n)| Some((m.parse().ok()?, n.parse().ok()?)));
                Some(shape.ok_or_else(|| damaged(&format!("`types` {t:?} is not MxN")))?)
            }
        };
        let buyers = match v.get("buyers") {
            None | Some(Value::Null) => None,
            Some(b) => Some(
                b.as_u64()
                    .ok_or_else(|| damaged("`buyers` is not a whole number"))?
                    as usize,
            ),
        };
        let opts = Options {
            seed: u("seed")?,
            budget: usize::try_from(u("budget")?).map_err(|_| damaged("`budget` is too large"))?,
            types,
            buyers,
        };
        let sh = v.get("shard").unwrap_or(&Value::Null);
        let index = sh.get("index").and_then(Value::as_u64);
        let count = sh.get("count").and_then(Value::as_u64);
        let shard = match (index, count) {
            (Some(i), Some(k)) if i < k => Shard { index: i, count: k },
            _ => {
                return Err(damaged(
                    "`shard` is not {\"index\": i, \"count\": K} with i < K",
                ));
            }
        };
        let blocks = v
            .get("applicable_by_block")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().map(Value::as_u64).collect::<Option<Vec<u64>>>())
            .ok_or_else(|| damaged("`applicable_by_block` is not a list of whole numbers"))?;
        let first_hit = match v.get("first_hit") {
            None | Some(Value::Null) => None,
            Some(h) => {
                let index = h
                    .get("index")
                    .and_then(Value::as_u64)
                    .ok_or_else(|| damaged("`first_hit.index` is not a whole number"))?;
                let inst = h.get("instance").unwrap_or(&Value::Null);
                let instance = Instance::from_json(inst, &format!("{origin} (first_hit.instance)"))
                    .map_err(|e| damaged(&e.to_string()))?;
                Some(Hit { index, instance })
            }
        };
        let tp = v.get("throughput").unwrap_or(&Value::Null);
        let tu = |key: &str| {
            tp.get(key)
                .and_then(Value::as_u64)
                .ok_or_else(|| damaged(&format!("`throughput.{key}` is not a whole number")))
        };
        let r = ShardResult {
            claim: s("claim")?.to_string(),
            opts,
            shard,
            version: s("mechcert_version")?.to_string(),
            complete: v
                .get("complete")
                .and_then(Value::as_bool)
                .ok_or_else(|| damaged("`complete` is not true or false"))?,
            next: u("next_index")?,
            examined: u("examined")?,
            applicable: u("applicable")?,
            block_len: u("block_len")?,
            applicable_by_block: blocks,
            first_hit,
            timing: Timing {
                elapsed_ms: tu("elapsed_ms")?,
                core_ms: tu("core_ms")?,
                cores: tu("cores")?,
                sessions: tu("sessions")?,
            },
        };
        r.check_invariants().map_err(|why| damaged(&why))?;
        Ok(r)
    }

    /// The invariants of the module header, or the first one that fails.
    pub fn check_invariants(&self) -> Result<(), String> {
        let budget = self.opts.budget as u64;
        let sh = self.shard;
        let end = self.end();
        if self.block_len != block_len(budget) {
            return Err(format!(
                "block_len {} is not {} (the block length for budget {budget})",
                self.block_len,
                block_len(budget)
            ));
        }
        if !sh.owns(self.next) {
            return Err(format!(
                "next_index {} is not in shard {sh}'s part",
                self.next
            ));
        }
        if self.examined != sh.count_below(end) {
            return Err(format!(
                "examined {} but shard {sh} has {} instances below {end}",
                self.examined,
                sh.count_below(end)
            ));
        }
        let t = self.block_len;
        if self.applicable_by_block.len() as u64 != end.div_ceil(t) {
            return Err(format!(
                "{} blocks of applicable counts for {} blocks examined",
                self.applicable_by_block.len(),
                end.div_ceil(t)
            ));
        }
        for (q, &c) in self.applicable_by_block.iter().enumerate() {
            let lo = q as u64 * t;
            let most = sh.count_in(lo, (lo + t).min(end));
            if c > most {
                return Err(format!(
                    "block {q} counts {c} applicable instances, more than the {most} examined there"
                ));
            }
        }
        if self.applicable_by_block.iter().sum::<u64>() != self.applicable {
            return Err(format!(
                "applicable {} is not the sum of applicable_by_block",
                self.applicable
            ));
        }
        if let Some(h) = &self.first_hit
            && (h.index >= budget || h.index + sh.count != self.next)
        {
            return Err(format!(
                "first_hit.index {} is not the last instance examined (next_index {})",
                h.index, self.next
            ));
        }
        if self.complete != (self.first_hit.is_some() || end == budget) {
            return Err(format!(
                "complete is {} with next_index {} of budget {budget} and {} first hit",
                self.complete,
                self.next,
                if self.first_hit.is_some() { "a" } else { "no" }
            ));
        }
        Ok(())
    }
}

/// A search in words: claim, seed, budget, and the types and buyers when given.
pub fn search_text(claim: &str, opts: &Options) -> String {
    let mut s = format!("{claim}, seed {}, budget {}", opts.seed, opts.budget);
    if let Some((m, n)) = opts.types {
        s += &format!(", types {m}x{n}");
    }
    if let Some(i) = opts.buyers {
        s += &format!(", {i} buyers");
    }
    s
}

/// `count` instances in `core_ms` core-milliseconds, per second per core (rounded down; 0
/// when no time was measured).
pub fn per_second_per_core(count: u64, core_ms: u64) -> u64 {
    if core_ms == 0 {
        return 0;
    }
    u64::try_from(u128::from(count) * 1000 / u128::from(core_ms)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options {
            seed: 5,
            budget: 3000,
            types: Some((3, 2)),
            buyers: Some(2),
        }
    }

    #[test]
    fn round_trip_and_invariants() {
        let mut r = ShardResult::start("theorem-4", &opts(), Shard { index: 2, count: 3 });
        assert_eq!(ShardResult::parse(&r.to_text(), "f.json").unwrap(), r);
        // examined everything: 1000 instances 2, 5, ..., 2999; blocks of 1024
        r.next = 3002;
        r.examined = 1000;
        r.applicable_by_block = vec![300, 300, 300];
        r.applicable = 900;
        r.complete = true;
        r.timing = Timing {
            elapsed_ms: 10,
            core_ms: 20,
            cores: 2,
            sessions: 1,
        };
        let text = r.to_text();
        assert_eq!(ShardResult::parse(&text, "f.json").unwrap(), r);
        assert!(text.contains("\"instances_per_second_per_core\": 50000"));
        let broken = [
            ("\"examined\": 1000", "\"examined\": 999", "examined 999"),
            ("\"applicable\": 900", "\"applicable\": 899", "not the sum"),
            (
                "    300,\n",
                "    1300,\n",
                "block 0 counts 1300 applicable instances, more than the 341 examined",
            ),
            (
                "\"complete\": true",
                "\"complete\": false",
                "complete is false",
            ),
            (
                "\"next_index\": 3002",
                "\"next_index\": 3003",
                "not in shard 2/3",
            ),
            ("\"block_len\": 1024", "\"block_len\": 512", "block_len 512"),
            (
                "mechcert-search-shard/1",
                "mechcert-search-shard/9",
                "format",
            ),
        ];
        for (from, to, needle) in broken {
            let e = ShardResult::parse(&text.replace(from, to), "f.json").unwrap_err();
            assert!(e.starts_with("f.json: ") && e.contains(needle), "{e}");
        }
        let e = ShardResult::parse("{", "g.json").unwrap_err();
        assert!(e.contains("g.json") && e.contains("not JSON"), "{e}");
    }
}
