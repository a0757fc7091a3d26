//! The Python `fractions` baseline (`benches/baseline/baseline.py`), run side by side: the
//! same workload kind and parameters, so Python regenerates the same instance from the same
//! SplitMix64 seed. Its output is one item per line: `instance <fingerprint>`,
//! `answer <key> <value>` and `time_ns <n>` per run.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// How to run a workload's baseline, or why it is not run.
#[derive(Clone, Debug)]
pub enum Spec {
    Run {
        kind: &'static str,
        params: Vec<(String, String)>,
        /// Python runs at most this many times (slow baselines run once).
        max_runs: usize,
    },
    Skip(String),
}

/// One baseline run set.
#[derive(Clone, Debug)]
pub struct Result {
    pub instance: Option<String>,
    pub answers: BTreeMap<String, String>,
    pub times: Vec<Duration>,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("baseline")
        .join("baseline.py")
}

/// `python3 --version` succeeds.
pub fn python_available() -> Option<String> {
    let out = Command::new("python3").arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Some(if v.is_empty() {
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    } else {
        v
    })
}

/// Run the baseline `runs` times (in one Python process) and parse its output.
pub fn run(
    kind: &str,
    params: &[(String, String)],
    runs: usize,
) -> std::result::Result<Result, String> {
    let mut cmd = Command::new("python3");
    cmd.arg(script())
        .arg(kind)
        .arg("--runs")
        .arg(runs.to_string());
    for (k, v) in params {
        cmd.arg(format!("{k}={v}"));
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "baseline {kind} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse(&String::from_utf8_lossy(&out.stdout))
}

fn parse(text: &str) -> std::result::Result<Result, String> {
    let mut r = Result {
        instance: None,
        answers: BTreeMap::new(),
        times: vec![],
    };
    for line in text.lines() {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        match head {
            "instance" => r.instance = Some(rest.to_string()),
            "answer" => {
                let (k, v) = rest
                    .split_once(' ')
                    .ok_or_else(|| format!("malformed answer line `{line}`"))?;
                r.answers.insert(k.to_string(), v.to_string());
            }
            "time_ns" => {
                let ns: u64 = rest
                    .parse()
                    .map_err(|_| format!("malformed time line `{line}`"))?;
                r.times.push(Duration::from_nanos(ns));
            }
            _ => return Err(format!("unexpected baseline output `{line}`")),
        }
    }
    if r.times.is_empty() {
        return Err("the baseline printed no time".into());
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_protocol() {
        let r = parse("instance B=1,2;pb=1/2,1/2;S=0;ps=1\nanswer surplus -3/4\nanswer ok checked=3 violations=0 min_slack=0\ntime_ns 1500\ntime_ns 2500\n").unwrap();
        assert_eq!(r.instance.as_deref(), Some("B=1,2;pb=1/2,1/2;S=0;ps=1"));
        assert_eq!(r.answers["surplus"], "-3/4");
        assert_eq!(r.answers["ok"], "checked=3 violations=0 min_slack=0");
        assert_eq!(
            r.times,
            vec![Duration::from_nanos(1500), Duration::from_nanos(2500)]
        );
        assert!(parse("answer x\n").is_err());
        assert!(parse("").is_err());
    }
}
