//! Sharded search through the binary: `--shard i/K` (also `env:VAR/K`) for K = 1, 3 and 8, then
//! `search merge`, prints exactly what the unsharded `search --json` prints (counts, first
//! counterexample, shrunk instance, certificate) and saves the same files, for a claim with a
//! counterexample and one without; a shard killed (SIGKILL) after its first checkpoint resumes
//! from it to the same result; bad `--shard` values, checkpoints of another search, and
//! mismatched, missing, duplicate, incomplete or damaged result files are one-line errors with
//! exit 1 that name the flag or the files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mechcert"));
    c.env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX");
    c
}

/// Run the binary: (exit code, stdout, stderr).
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = bin();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run and require exit 0; the JSON object on stdout.
fn run_json(args: &[&str], env: &[(&str, &str)]) -> Value {
    let (code, out, err) = run(args, env);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// A fresh directory for one test.
fn fresh(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mechcert-shard-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The search's JSON without the keys that name where things were written or how they ran.
fn essence(v: &Value) -> Value {
    let mut v = v.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("files");
    o.remove("shards");
    v
}

/// The contents of the files a search saved (`files`), or none.
fn saved(v: &Value) -> Vec<String> {
    v["files"].as_array().map_or(vec![], |f| {
        f.iter()
            .map(|p| std::fs::read_to_string(p.as_str().unwrap()).unwrap())
            .collect()
    })
}

/// Run all K shards of a search into `dir`, each writing its result file; the files.
fn run_shards(search: &[&str], k: u64, dir: &Path) -> Vec<PathBuf> {
    (0..k)
        .map(|i| {
            let file = dir.join(format!("shard-{i}.json"));
            let mut args = search.to_vec();
            let spec;
            let env: Vec<(&str, String)> = match k {
                // the index from the scheduler's variable
                3 => {
                    spec = format!("env:JOB_COMPLETION_INDEX/{k}");
                    vec![("JOB_COMPLETION_INDEX", i.to_string())]
                }
                8 => {
                    spec = format!("env:SLURM_ARRAY_TASK_ID/{k}");
                    vec![("SLURM_ARRAY_TASK_ID", i.to_string())]
                }
                _ => {
                    spec = format!("{i}/{k}");
                    vec![]
                }
            };
            args.extend(["--shard", &spec, "--result", s(&file), "--json"]);
            let env: Vec<(&str, &str)> = env.iter().map(|(a, b)| (*a, b.as_str())).collect();
            let v = run_json(&args, &env);
            assert_eq!(v["format"], "mechcert-search-shard/1");
            assert_eq!(v["shard"]["index"], i);
            assert_eq!(v["complete"], true);
            assert!(v["throughput"]["instances_per_second_per_core"].is_u64());
            file
        })
        .collect()
}

fn merge_json(files: &[PathBuf], out: &Path) -> Value {
    let mut args = vec!["search", "merge", "--json", "--out", s(out)];
    args.extend(files.iter().map(|f| s(f)));
    run_json(&args, &[])
}

fn check_merge_equals_unsharded(name: &str, search: &[&str], expect_counterexample: bool) {
    let dir = fresh(name);
    let unsharded_out = dir.join("unsharded");
    let mut args = search.to_vec();
    args.extend(["--json", "--out", s(&unsharded_out)]);
    let want = run_json(&args, &[]);
    assert_eq!(
        want["counterexample"].is_object(),
        expect_counterexample,
        "{want}"
    );
    for k in [1, 3, 8] {
        let files = run_shards(search, k, &dir.join(format!("k{k}")));
        let got = merge_json(&files, &dir.join(format!("merged{k}")));
        assert_eq!(essence(&got), essence(&want), "{name}, K = {k}");
        assert_eq!(got["shards"]["count"], k);
        assert_eq!(saved(&got), saved(&want), "{name}, K = {k}: saved files");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn merged_shards_equal_the_unsharded_search_with_a_counterexample() {
    check_merge_equals_unsharded(
        "theorem-4",
        &["search", "theorem-4", "--seed", "1", "--budget", "3000"],
        true,
    );
}

#[test]
fn merged_shards_equal_the_unsharded_search_without_a_counterexample() {
    check_merge_equals_unsharded(
        "theorem-4-corrected",
        &[
            "search",
            "theorem-4-corrected",
            "--seed",
            "1",
            "--budget",
            "1500",
        ],
        false,
    );
}

/// Wait for `path` to exist (polling), at most `limit`.
fn wait_for(path: &Path, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

#[test]
fn a_killed_shard_resumes_from_its_checkpoint() {
    let dir = fresh("kill");
    let ck = dir.join("shard-1.checkpoint.json");
    let result = dir.join("shard-1.json");
    let search = [
        "search",
        "theorem-4-corrected",
        "--seed",
        "3",
        "--budget",
        "6000",
    ];
    let shard1 = |extra: &[&str]| {
        let mut a = search.to_vec();
        a.extend([
            "--shard",
            "1/2",
            "--result",
            s(&result),
            "--checkpoint",
            s(&ck),
        ]);
        a.extend(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    // a checkpoint after every instance: the first session is slow (a synced write per
    // instance, over a second for the 3000 instances of the part), so it is still running when
    // it is killed right after the file appears
    let mut child = bin()
        .args(shard1(&["--checkpoint-every", "1"]))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let appeared = wait_for(&ck, Duration::from_secs(60));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(appeared, "no checkpoint within 60 s");
    assert!(!result.exists(), "killed before it finished");
    let state: Value = serde_json::from_str(&std::fs::read_to_string(&ck).unwrap()).unwrap();
    assert_eq!(state["complete"], false, "killed mid-run: {state}");
    let before = state["examined"].as_u64().unwrap();
    assert!((1..3000).contains(&before), "{before}");
    // a checkpoint of another search is refused, and left as it is
    let mut other = shard1(&[]);
    other[3] = "4".into();
    let (code, _, err) = run(&other.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(s(&ck)) && err.contains("cannot be resumed") && err.contains("seed 3"),
        "{err}"
    );
    // resume (with the default interval) to the end
    let args = shard1(&[]);
    let (code, _, err) = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{before} of 3000 instances examined")),
        "{err}"
    );
    let resumed: Value = serde_json::from_str(&std::fs::read_to_string(&result).unwrap()).unwrap();
    assert_eq!(resumed["throughput"]["sessions"], 2);
    // the same as an uninterrupted run of the shard, and merged with shard 0 the same as the
    // unsharded search
    let plain = dir.join("plain-1.json");
    let mut a = search.to_vec();
    a.extend(["--shard", "1/2", "--result", s(&plain)]);
    run_json(&[a.as_slice(), &["--json"]].concat(), &[]);
    let plain: Value = serde_json::from_str(&std::fs::read_to_string(&plain).unwrap()).unwrap();
    let strip = |v: &Value| {
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("throughput");
        v
    };
    assert_eq!(strip(&resumed), strip(&plain));
    let shard0 = dir.join("shard-0.json");
    let mut a = search.to_vec();
    a.extend(["--shard", "0/2", "--result", s(&shard0), "--json"]);
    run_json(&a, &[]);
    let got = merge_json(&[shard0, result], &dir.join("merged"));
    let unsharded = dir.join("unsharded");
    let mut a = search.to_vec();
    a.extend(["--json", "--out", s(&unsharded)]);
    let want = run_json(&a, &[]);
    assert_eq!(essence(&got), essence(&want));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Exit 1 with one line on stderr containing every needle.
fn refused(args: &[&str], env: &[(&str, &str)], needles: &[&str]) {
    let (code, out, err) = run(args, env);
    assert_eq!(code, 1, "{args:?}: {out}{err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: `{n}` in: {err}");
    }
}

#[test]
fn bad_shard_arguments_are_one_line_errors() {
    let search = ["search", "theorem-4", "--budget", "10"];
    let with = |extra: &[&'static str]| [search.as_slice(), extra].concat();
    refused(
        &with(&["--shard", "8/8"]),
        &[],
        &["--shard 8/8", "not below K = 8", "0 to 7"],
    );
    refused(
        &with(&["--shard", "0/0"]),
        &[],
        &["--shard 0/0", "at least 1"],
    );
    refused(
        &with(&["--shard", "env:SLURM_ARRAY_TASK_ID/64"]),
        &[],
        &["SLURM_ARRAY_TASK_ID is not set", "--array=0-63"],
    );
    refused(
        &with(&["--shard", "env:JOB_COMPLETION_INDEX/8"]),
        &[("JOB_COMPLETION_INDEX", "x1")],
        &["JOB_COMPLETION_INDEX=\"x1\" is not a shard index", "0 to 7"],
    );
    refused(
        &with(&["--shard", "env:JOB_COMPLETION_INDEX/8"]),
        &[("JOB_COMPLETION_INDEX", "8")],
        &["not below K = 8"],
    );
    refused(&with(&["--shard", "3"]), &[], &["--shard 3", "i/K"]);
    refused(
        &with(&["--checkpoint", "x.json", "--checkpoint-every", "0"]),
        &[],
        &["--checkpoint-every 0", "30s"],
    );
}

#[test]
fn merge_refuses_mismatched_missing_duplicate_incomplete_and_damaged_results() {
    let dir = fresh("refuse");
    let search = ["search", "theorem-4-corrected", "--budget", "60"];
    let a = run_shards(&search, 3, &dir.join("a"));
    let (a0, a1, a2) = (s(&a[0]), s(&a[1]), s(&a[2]));
    // the same shards of another seed, and a search in 2 shards
    let seed2 = run_shards(
        &[search.as_slice(), &["--seed", "2"]].concat(),
        3,
        &dir.join("b"),
    );
    let two = run_shards(&search, 2, &dir.join("c"));
    let merge = |files: &[&str], needles: &[&str]| {
        refused(&[&["search", "merge"], files].concat(), &[], needles);
    };
    merge(
        &[a0, a1, s(&seed2[2])],
        &[a0, s(&seed2[2]), "different searches", "seed 1 vs 2"],
    );
    merge(
        &[a0, s(&two[1])],
        &[a0, s(&two[1]), "different numbers of shards"],
    );
    merge(&[a0, a2], &["missing shard 1/3", "2 of 3 results given"]);
    let copy = dir.join("copy-of-1.json");
    std::fs::copy(a1, &copy).unwrap();
    merge(
        &[a0, a1, a2, s(&copy)],
        &[a1, s(&copy), "both shard 1/3", "once"],
    );
    // a checkpoint: shard 1 of 3 after 5 instances
    let mut ck: Value = serde_json::from_str(&std::fs::read_to_string(a1).unwrap()).unwrap();
    ck["complete"] = false.into();
    ck["next_index"] = 16.into();
    ck["examined"] = 5.into();
    ck["applicable"] = 0.into();
    ck["applicable_by_block"] = serde_json::json!([0]);
    let ck_file = dir.join("checkpoint-1.json");
    std::fs::write(&ck_file, ck.to_string()).unwrap();
    merge(
        &[a0, s(&ck_file), a2],
        &[s(&ck_file), "incomplete", "--checkpoint"],
    );
    let damaged = dir.join("damaged.json");
    std::fs::write(
        &damaged,
        std::fs::read_to_string(a1)
            .unwrap()
            .replace("\"examined\": 20", "\"examined\": 21"),
    )
    .unwrap();
    merge(
        &[a0, s(&damaged), a2],
        &[s(&damaged), "damaged", "examined 21"],
    );
    let junk = dir.join("junk.json");
    std::fs::write(&junk, "{}").unwrap();
    merge(&[a0, s(&junk)], &[s(&junk), "not a mechcert search result"]);
    let none = dir.join("none.json");
    merge(&[a0, s(&none)], &[s(&none), "cannot read"]);
    // and the three together do merge
    let (code, _, err) = run(&["search", "merge", a0, a1, a2, "--out", s(&dir)], &[]);
    assert_eq!(code, 0, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
