//! Sharded search (library): for K = 1, 3, 8 and more shards, scanning every shard and merging
//! the results gives exactly what a naive sequential search gives (instances searched,
//! applicable count up to and including the first hit, the first hit's index and instance),
//! and the same shrunk instance and certificate; a scan interrupted after a checkpoint resumes
//! to the uninterrupted result.
//!
//! The oracle certifies instance 0, 1, 2, ... one at a time with full certificates (no sharding,
//! no batches, no lean mode) and stops at the first hit. Besides real claims, a planted claim
//! whose applicability and failures are chosen functions of the stream index exercises every
//! way the merge counts a shard's applicable instances below another shard's hit (a block with
//! none, all, or some of them applicable; hits in the first and last block; more shards than a
//! block has indices; more shards than instances).

use std::panic::AssertUnwindSafe;

use mechcert_claims::certificate::{Rel, Role};
use mechcert_claims::search::checkpoint::{Checkpointer, Every};
use mechcert_claims::search::merge::{merge, merge_with};
use mechcert_claims::search::report::conclude;
use mechcert_claims::search::result::ShardResult;
use mechcert_claims::search::shard::{Shard, scan};
use mechcert_claims::search::{Options, Outcome, instance, search, shrink};
use mechcert_claims::{Claim, Verdict, find};
use mechcert_model::Instance;

/// What the oracle finds: (searched, applicable, first hit index).
fn oracle(claim: &Claim, opts: &Options) -> (usize, usize, Option<usize>) {
    let mut applicable = 0;
    for k in 0..opts.budget {
        let c = claim.certify(&instance(claim, opts, k)).ok();
        let v = c.map(|c| c.verdict);
        if v.is_some_and(|v| v != Verdict::NotApplicable) {
            applicable += 1;
        }
        let wanted = if claim.existential {
            Verdict::Holds
        } else {
            Verdict::Fails
        };
        if v == Some(wanted) {
            return (k + 1, applicable, Some(k));
        }
    }
    (opts.budget, applicable, None)
}

/// Scan all K shards of a search and merge them (with the claim given, so planted claims work).
fn sharded(claim: &Claim, opts: &Options, k: u64) -> Outcome {
    let results: Vec<(String, ShardResult)> = (0..k)
        .map(|i| {
            let sh = Shard { index: i, count: k };
            let r = scan(claim, opts, sh, None, None, &|_| {}).unwrap();
            assert!(r.complete);
            r.check_invariants().unwrap();
            if k <= 8 {
                // what a result file holds reads back to the same result
                assert_eq!(
                    ShardResult::parse(&r.to_text(), "shard").unwrap(),
                    r,
                    "{sh}"
                );
            }
            (format!("shard-{i}.json"), r)
        })
        .collect();
    merge_with(claim, &results).unwrap()
}

fn summary(o: &Outcome) -> (usize, usize, Option<usize>) {
    (o.searched, o.applicable, o.found.as_ref().map(|f| f.index))
}

/// The stream index and seed of a drawn instance, from the name search gives it.
fn index_and_seed(inst: &Instance) -> (u64, u64) {
    let num = |key: &str| -> u64 {
        let rest = inst.name.split(key).nth(1).unwrap_or("0");
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    };
    (num("instance "), num("seed "))
}

/// The planted pattern for `seed`: (applicable, fails) at stream index k.
fn pattern(seed: u64, k: u64) -> (bool, bool) {
    let hash = k.wrapping_mul(2_654_435_761) % 7 < 3;
    match seed {
        // every instance applicable; first hit in the third block
        1 => (true, k == 2060 || k == 2090),
        // two in three applicable: partial blocks everywhere
        2 => (!k.is_multiple_of(3), k == 2059),
        // nothing applicable but the hit
        3 => (k == 1030, k == 1030),
        // pseudo-random applicability, several hits in different shards
        4 => (hash || k == 1500, k == 1500 || k == 1530 || k == 2099),
        // no hit at all
        5 => (hash, false),
        // hits at the first and the last index
        6 => (hash || k == 0, k == 0),
        7 => (hash || k == 2099, k == 2099),
        _ => (false, false),
    }
}

fn planted() -> Claim {
    Claim {
        id: "planted-index-pattern",
        section: "test",
        statement: "applicability and failure are chosen functions of the stream index",
        reading: "planted",
        certify: |c, inst: &Instance, mode| {
            let (k, seed) = index_and_seed(inst);
            let (applies, fails) = pattern(seed, k);
            mechcert_claims::registry_on_concrete(c, inst, mode, |bd| {
                let a = i64::from(applies);
                bd.compare(Role::Condition, "planted condition", a, Rel::Eq, 1);
                let f = i64::from(!fails);
                bd.compare(Role::Claim, "planted claim", f, Rel::Eq, 1);
                Ok(())
            })
        },
        generate: |rng, m, n, buyers| mechcert_claims::registry_generic(rng, m, n, buyers),
        existential: false,
    }
}

#[test]
fn planted_patterns_merge_to_the_sequential_result_for_any_number_of_shards() {
    let claim = planted();
    for seed in 1..=7 {
        let opts = Options {
            seed,
            budget: 2100,
            types: Some((2, 2)),
            buyers: Some(1),
        };
        let want = oracle(&claim, &opts);
        // blocks of 1024: 0..1024, 1024..2048, 2048..2100; K = 1100 leaves some shards one
        // index per block, K = 2500 leaves some shards nothing
        let many: &[u64] = if seed >= 5 { &[1100, 2500] } else { &[1100] };
        for &k in [1, 3, 8].iter().chain(many) {
            let got = sharded(&claim, &opts, k);
            assert_eq!(summary(&got), want, "seed {seed}, K = {k}");
            if let Some(f) = &got.found {
                let drawn = instance(&claim, &opts, f.index);
                assert_eq!(f.original.to_json(), drawn.to_json());
                assert_eq!(
                    f.shrunk.to_toml(),
                    shrink(&claim, &drawn).unwrap().0.to_toml(),
                    "seed {seed}, K = {k}"
                );
            }
        }
    }
}

/// A real claim: K = 1, 3 and 8 shards merge to the oracle's counts and first hit, and to the
/// same shrunk instance and (checked) certificate as the unsharded search.
fn real_claim_case(id: &str, opts: &Options, expect_hit: bool) {
    let claim = find(id).unwrap();
    let want = oracle(claim, opts);
    assert_eq!(want.2.is_some(), expect_hit, "{id}: {want:?}");
    let unsharded = search(claim, opts, &|_| {}).unwrap();
    assert_eq!(summary(&unsharded), want, "{id} unsharded");
    let reference = conclude(claim, opts, unsharded).unwrap();
    for k in [1, 3, 8] {
        let results: Vec<(String, ShardResult)> = (0..k)
            .map(|i| {
                let sh = Shard { index: i, count: k };
                let r = scan(claim, opts, sh, None, None, &|_| {}).unwrap();
                (format!("{id}-{i}-of-{k}.json"), r)
            })
            .collect();
        let merged = merge(&results).unwrap();
        assert_eq!(merged.shards, k);
        assert_eq!(summary(&merged.outcome), want, "{id}, K = {k}");
        let report = conclude(merged.claim, &merged.opts, merged.outcome).unwrap();
        assert_eq!(
            report.to_json(None),
            reference.to_json(None),
            "{id}, K = {k}"
        );
        if let (Some((i, c)), Some((ri, rc))) = (&report.saved, &reference.saved) {
            assert_eq!(i.to_toml(), ri.to_toml());
            assert_eq!(c.certificate, rc.certificate);
            mechcert_cert::check_certificate(&c.certificate).unwrap();
        }
    }
}

#[test]
fn theorem_4_merges_to_the_unsharded_counterexample() {
    let opts = Options {
        seed: 1,
        budget: 3000,
        types: None,
        buyers: None,
    };
    real_claim_case("theorem-4", &opts, true);
}

#[test]
fn theorem_4_corrected_merges_to_no_counterexample() {
    let opts = Options {
        seed: 1,
        budget: 2000,
        types: None,
        buyers: None,
    };
    real_claim_case("theorem-4-corrected", &opts, false);
}

#[test]
fn vcg_prime_surplus_formula_merges_to_no_counterexample() {
    let opts = Options {
        seed: 2,
        budget: 400,
        types: Some((3, 3)),
        buyers: Some(1),
    };
    real_claim_case("vcg-prime-surplus-formula", &opts, false);
}

/// A scan stopped by a panic after a checkpoint (as a killed process would stop) resumes from
/// the checkpoint file to the result of an uninterrupted scan; the checkpoint lost less than one
/// interval; a checkpoint of another search or shard is refused.
#[test]
fn an_interrupted_scan_resumes_from_its_checkpoint() {
    let claim = planted();
    let opts = Options {
        seed: 2,
        budget: 3000,
        types: Some((2, 2)),
        buyers: Some(1),
    };
    let sh = Shard { index: 1, count: 2 };
    let dir = std::env::temp_dir().join(format!("mechcert-resume-{}", std::process::id()));
    let path = dir.join("ck.json");
    let _ = std::fs::remove_file(&path);
    let uninterrupted = scan(&claim, &opts, sh, None, None, &|_| {}).unwrap();
    // batches of 256 end early so that a save falls every 300 instances: progress is reported
    // after 256, 300, 556, 600, 856, ... instances; the kill comes after 856, saved at 600
    let mut ck = Checkpointer::new(&path, Every::Instances(300));
    let killed = std::panic::catch_unwind(AssertUnwindSafe(|| {
        scan(&claim, &opts, sh, None, Some(&mut ck), &|done| {
            if done >= 730 {
                panic!("simulated kill after {done} instances");
            }
        })
    }));
    assert!(killed.is_err());
    assert_eq!(ck.saves(), 2);
    let saved = ck.load(claim.id, &opts, sh).unwrap().expect("a checkpoint");
    assert!(!saved.complete);
    assert_eq!(saved.examined, 600, "saved every 300 instances");
    let resumed = scan(&claim, &opts, sh, Some(saved), None, &|_| {}).unwrap();
    assert_eq!(resumed.timing.sessions, 2);
    let strip = |r: &ShardResult| {
        let mut r = r.clone();
        r.timing = Default::default();
        r
    };
    assert_eq!(strip(&resumed), strip(&uninterrupted));
    // another search or another shard: refused
    let mut other = opts.clone();
    other.seed = 3;
    let e = ck.load(claim.id, &other, sh).unwrap_err().to_string();
    assert!(
        e.contains("cannot be resumed") && e.contains("seed 2") && e.contains("seed 3"),
        "{e}"
    );
    let e = ck
        .load(claim.id, &opts, Shard { index: 0, count: 2 })
        .unwrap_err()
        .to_string();
    assert!(e.contains("it is shard 1/2, this run is shard 0/2"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
