//! mechcert's benchmark driver (see BENCHMARKS.md): runs the named workloads in a release
//! build, asserts every exact answer against a second computation (or a recorded value), runs
//! the Python `fractions` baseline on the same instances when `python3` is present, asserts
//! that Python's exact answers equal mechcert's, and prints a table of medians and speedups
//! with the issue's goals.
//!
//! ```text
//! cargo run --release -p mechcert-bench -- [--quick] [--only NAME[,NAME]] [--runs N]
//!                                          [--timeout SECS] [--no-baseline] [--list]
//! ```
//!
//! A workload that may not finish (the 20x20 second-best LP) runs in a child process of this
//! binary (`--child NAME`) and is given up after its timeout; the table then says so.
//!
//! No floats: times are `Duration`s printed from integer micro/milliseconds, ratios are
//! integer quotients.

mod baseline;
mod lp_exact;
mod market;
mod measure;
mod workloads;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use measure::{Summary, duration, group, per_second, speedup, speedup_int, timed};
use workloads::{Goal, Workload};

struct Args {
    quick: bool,
    only: Vec<String>,
    runs: Option<usize>,
    timeout: Option<Duration>,
    baseline: bool,
    list: bool,
    /// Internal: run one workload and print its result line (see `child_line`).
    child: Option<String>,
}

const USAGE: &str = "usage: mechcert-bench [--quick] [--only NAME[,NAME...]] [--runs N] [--timeout SECS] [--no-baseline] [--list]";

fn number(it: &mut impl Iterator<Item = String>, flag: &str) -> Result<u64, String> {
    let v = it.next().ok_or(format!("{flag} needs a number"))?;
    let n: u64 = v
        .parse()
        .map_err(|_| format!("{flag}: `{v}` is not a number"))?;
    if n == 0 {
        return Err(format!("{flag} must be at least 1"));
    }
    Ok(n)
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        quick: false,
        only: vec![],
        runs: None,
        timeout: None,
        baseline: true,
        list: false,
        child: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => a.quick = true,
            "--no-baseline" => a.baseline = false,
            "--list" => a.list = true,
            "--only" => {
                let v = it.next().ok_or("--only needs a workload name")?;
                a.only.extend(v.split(',').map(str::to_string));
            }
            "--runs" => a.runs = Some(number(&mut it, "--runs")? as usize),
            "--timeout" => a.timeout = Some(Duration::from_secs(number(&mut it, "--timeout")?)),
            "--child" => a.child = Some(it.next().ok_or("--child needs a workload name")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(a)
}

/// How long our side took.
enum Ours {
    Done(Summary),
    /// Given up after this long.
    TimedOut(Duration),
}

/// One finished row of the table.
struct Row {
    name: &'static str,
    ours: Ours,
    answer: String,
    python: Option<Summary>,
    python_note: String,
    note: String,
    goals: Vec<(String, Status)>,
}

fn cores() -> u128 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as u128)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// A goal's outcome.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Met,
    Missed,
    /// The baseline did not run, so a ratio goal cannot be judged.
    NotMeasured,
}

fn goals(w: &Workload, ours: &Ours, python: Option<&Summary>) -> Vec<(String, Status)> {
    let Goal {
        speedup: sp,
        under,
        rate_per_core,
    } = w.goal;
    let median = match ours {
        Ours::Done(s) => Some(s.median),
        Ours::TimedOut(_) => None,
    };
    let judge = |ok: bool| if ok { Status::Met } else { Status::Missed };
    let mut out = vec![];
    if let Some(k) = sp {
        let status = match (median, python) {
            (Some(m), Some(p)) => judge(speedup_int(m, p.median) >= k),
            (None, _) => Status::Missed,
            (Some(_), None) => Status::NotMeasured,
        };
        out.push((format!(">= {k}x vs Python"), status));
    }
    if let Some(t) = under {
        out.push((
            format!("< {}", duration(t)),
            judge(median.is_some_and(|m| m < t)),
        ));
    }
    if let (Some(r), Some((count, unit))) = (rate_per_core, w.units) {
        out.push((
            format!(">= {} {unit}/s/core", group(r)),
            judge(median.is_some_and(|m| per_second(count, m) / cores() >= r)),
        ));
    }
    out
}

/// Runs above this long are repeated at most `SLOW_RUNS` times unless `--runs` says otherwise.
const SLOW: Duration = Duration::from_secs(2);
const SLOW_RUNS: usize = 3;

fn run_ours(
    w: &Workload,
    mut runs: usize,
    adaptive: bool,
) -> Result<(Summary, workloads::Answer, String), String> {
    let mut times = Vec::with_capacity(runs);
    let mut first: Option<workloads::Answer> = None;
    let mut k = 0;
    while k < runs {
        k += 1;
        let (answer, t) = timed(|| (w.run)());
        if adaptive && t > SLOW {
            runs = runs.min(SLOW_RUNS);
        }
        times.push(t);
        match &first {
            None => first = Some(answer),
            Some(f) if f.fields != answer.fields => {
                return Err(format!(
                    "runs disagree: {:?} vs {:?}",
                    f.fields, answer.fields
                ));
            }
            Some(_) => {}
        }
    }
    let answer = first.expect("at least one run");
    let ours = Summary::of(&times);
    let mut note = (w.verify)(&answer).map_err(|e| format!("wrong answer: {e}"))?;
    if let Some((count, unit)) = w.units {
        let rate = per_second(count, ours.median);
        note = format!(
            "{note}; {} {unit}/s ({}/s/core)",
            group(rate),
            group(rate / cores())
        );
    }
    Ok((ours, answer, note))
}

const CHILD_TAG: &str = "mechcert-bench-child";

/// The child's one result line: tag, median/min/max in ns, runs, summary, note (tab-separated).
fn child_line(s: &Summary, summary: &str, note: &str) -> String {
    format!(
        "{CHILD_TAG}\t{}\t{}\t{}\t{}\t{}\t{}",
        s.median.as_nanos(),
        s.min.as_nanos(),
        s.max.as_nanos(),
        s.runs,
        summary.replace('\t', " "),
        note.replace('\t', " ")
    )
}

fn parse_child_line(out: &str) -> Option<(Summary, String, String)> {
    let line = out.lines().find(|l| l.starts_with(CHILD_TAG))?;
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 7 {
        return None;
    }
    let ns = |s: &str| s.parse::<u64>().ok().map(Duration::from_nanos);
    Some((
        Summary {
            median: ns(f[1])?,
            min: ns(f[2])?,
            max: ns(f[3])?,
            runs: f[4].parse().ok()?,
        },
        f[5].to_string(),
        f[6].to_string(),
    ))
}

/// Our side of a workload in a child process, given up after `limit`.
fn run_child(
    w: &Workload,
    runs: usize,
    limit: Duration,
) -> Result<Result<(Summary, String, String), Duration>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let mut child = Command::new(exe)
        .args(["--child", w.name, "--runs", &runs.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the child process: {e}"))?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let mut out = String::new();
            if let Some(mut o) = child.stdout.take() {
                o.read_to_string(&mut out).map_err(|e| e.to_string())?;
            }
            if !status.success() {
                return Err(format!(
                    "the child process failed ({status}): {}",
                    out.trim()
                ));
            }
            return parse_child_line(&out)
                .map(Ok)
                .ok_or_else(|| format!("unexpected child output `{}`", out.trim()));
        }
        if start.elapsed() >= limit {
            // our own child, by its handle
            child.kill().map_err(|e| e.to_string())?;
            child.wait().map_err(|e| e.to_string())?;
            return Ok(Err(limit));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Run one workload (and its baseline); `Err` on a wrong answer. `adaptive`: repeat slow
/// runs fewer times.
fn bench(
    w: &Workload,
    runs: usize,
    adaptive: bool,
    python: bool,
    python_runs: usize,
    timeout: Option<Duration>,
) -> Result<Row, String> {
    eprintln!(
        "[{}] {} ({} run{})",
        w.name,
        w.about,
        runs,
        if runs == 1 { "" } else { "s" }
    );
    let (ours, answer, note, fields) = match timeout.or(w.timeout) {
        Some(limit) => match run_child(w, runs, limit)? {
            Ok((s, summary, note)) => (Ours::Done(s), summary, note, None),
            Err(limit) => (
                Ours::TimedOut(limit),
                "not solved within the time limit".to_string(),
                format!(
                    "given up after {} (raise with --timeout SECS)",
                    duration(limit)
                ),
                None,
            ),
        },
        None => {
            let (s, a, note) = run_ours(w, runs, adaptive)?;
            (Ours::Done(s), a.summary.clone(), note, Some(a.fields))
        }
    };
    let (py, python_note) = match (&w.baseline, python, &fields) {
        (_, false, _) => (None, "baseline: skipped".to_string()),
        (baseline::Spec::Skip(why), true, _) => (None, format!("not run: {why}")),
        (baseline::Spec::Run { .. }, true, None) => (
            None,
            "not run: the workload ran in a child process".to_string(),
        ),
        (
            baseline::Spec::Run {
                kind,
                params,
                max_runs,
            },
            true,
            Some(fields),
        ) => {
            let k = python_runs.min(*max_runs).max(1);
            eprintln!(
                "[{}] python3 baseline.py {kind} ({k} run{})",
                w.name,
                if k == 1 { "" } else { "s" }
            );
            let r = baseline::run(kind, params, k)?;
            if let (Some(ours), Some(theirs)) = (&w.fingerprint, &r.instance)
                && ours != theirs
            {
                return Err(format!(
                    "the baseline drew a different instance:\n  rust:   {}\n  python: {}",
                    &ours[..ours.len().min(200)],
                    &theirs[..theirs.len().min(200)]
                ));
            }
            if r.answers.is_empty() {
                return Err("the baseline printed no answer".into());
            }
            for (k, v) in &r.answers {
                match fields.get(k) {
                    Some(ours) if ours == v => {}
                    other => {
                        return Err(format!("Python's `{k}` = {v}, mechcert's = {other:?}"));
                    }
                }
            }
            (
                Some(Summary::of(&r.times)),
                format!("same exact answer ({} keys)", r.answers.len()),
            )
        }
    };
    let goals = goals(w, &ours, py.as_ref());
    Ok(Row {
        name: w.name,
        ours,
        answer,
        python: py,
        python_note,
        note,
        goals,
    })
}

fn print_header() {
    println!(
        "| {:<27} | {:>4} | {:>9} | {:>19} | {:>9} | {:>10} | {:<44} |",
        "workload", "runs", "median", "min .. max", "python", "speedup", "answer (exact, asserted)"
    );
    println!(
        "|{}|{}|{}|{}|{}|{}|{}|",
        "-".repeat(29),
        "-".repeat(6),
        "-".repeat(11),
        "-".repeat(21),
        "-".repeat(11),
        "-".repeat(12),
        "-".repeat(46)
    );
}

fn print_row(r: &Row) {
    let (runs, median, range) = match &r.ours {
        Ours::Done(s) => (
            s.runs.to_string(),
            duration(s.median),
            format!("{} .. {}", duration(s.min), duration(s.max)),
        ),
        Ours::TimedOut(d) => (
            "0".to_string(),
            format!("> {}", duration(*d)),
            "timed out".to_string(),
        ),
    };
    let (py, sp) = match (&r.python, &r.ours) {
        (Some(p), Ours::Done(s)) => (duration(p.median), speedup(s.median, p.median)),
        (Some(p), Ours::TimedOut(_)) => (duration(p.median), "—".to_string()),
        (None, _) => ("—".to_string(), "—".to_string()),
    };
    println!(
        "| {:<27} | {:>4} | {:>9} | {:>19} | {:>9} | {:>10} | {:<44} |",
        r.name, runs, median, range, py, sp, r.answer
    );
}

fn child(name: &str, runs: usize) -> ! {
    let Some((_, _, make)) = workloads::all().into_iter().find(|(n, _, _)| *n == name) else {
        eprintln!("mechcert-bench: no workload `{name}`");
        std::process::exit(1);
    };
    match run_ours(&make(), runs, false) {
        Ok((s, a, note)) => {
            println!("{}", child_line(&s, &a.summary, &note));
            std::process::exit(0);
        }
        Err(e) => {
            println!("{e}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("mechcert-bench: {e}");
            }
            eprintln!("{USAGE}");
            std::process::exit(if e.is_empty() { 0 } else { 1 });
        }
    };
    if let Some(name) = &args.child {
        child(name, args.runs.unwrap_or(1));
    }
    let all = workloads::all();
    if args.list {
        for (name, quick, _) in &all {
            println!("{name}{}", if *quick { " (quick)" } else { "" });
        }
        return;
    }
    for name in &args.only {
        if !all.iter().any(|(n, _, _)| n == name) {
            eprintln!("mechcert-bench: no workload `{name}` (see --list)");
            std::process::exit(1);
        }
    }
    let python = if args.baseline {
        baseline::python_available()
    } else {
        None
    };
    println!(
        "mechcert-bench: {} cores, load average {} at start; baseline: {}",
        cores(),
        load_average(),
        match (&python, args.baseline) {
            (Some(v), _) => format!("{v} (benches/baseline/baseline.py)"),
            (None, true) => "skipped (python3 not found)".into(),
            (None, false) => "skipped (--no-baseline)".into(),
        }
    );
    println!();
    print_header();
    let started = Instant::now();
    let mut rows = vec![];
    let mut failed = false;
    for (name, quick, make) in all {
        let selected = if args.only.is_empty() {
            !args.quick || quick
        } else {
            args.only.iter().any(|o| o == name)
        };
        if !selected {
            continue;
        }
        let w = make();
        let default_runs = if args.quick || w.heavy { 1 } else { 5 };
        let runs = args.runs.unwrap_or(default_runs);
        let python_runs = args.runs.unwrap_or(if args.quick { 1 } else { 3 });
        let timeout = w.timeout.and(args.timeout);
        match bench(
            &w,
            runs,
            args.runs.is_none(),
            python.is_some(),
            python_runs,
            timeout,
        ) {
            Ok(r) => {
                print_row(&r);
                rows.push(r);
            }
            Err(e) => {
                println!("| {:<27} | FAILED: {e}", w.name);
                failed = true;
            }
        }
    }
    println!();
    println!("notes (second computation, rates; python):");
    for r in &rows {
        println!("  {:<27} {}; python: {}", r.name, r.note, r.python_note);
    }
    println!();
    println!("goals (from the issues):");
    let mut missed = 0;
    for r in &rows {
        for (g, status) in &r.goals {
            if *status == Status::Missed {
                missed += 1;
            }
            let text = match status {
                Status::Met => "met",
                Status::Missed => "MISSED",
                Status::NotMeasured => "not measured (no baseline run)",
            };
            println!("  {:<27} {:<42} {text}", r.name, g);
        }
    }
    println!();
    println!(
        "total {}; load average {} at end; {} goal{} missed",
        duration(started.elapsed()),
        load_average(),
        missed,
        if missed == 1 { "" } else { "s" }
    );
    if failed {
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_line_round_trips() {
        let s = Summary {
            median: Duration::from_nanos(1500),
            min: Duration::from_nanos(1000),
            max: Duration::from_nanos(2000),
            runs: 3,
        };
        let line = child_line(&s, "W = 3/4\t(x)", "cert ok");
        let (t, a, n) = parse_child_line(&format!("noise\n{line}\n")).unwrap();
        assert_eq!(
            (t.median, t.min, t.max, t.runs),
            (s.median, s.min, s.max, 3)
        );
        assert_eq!((a.as_str(), n.as_str()), ("W = 3/4 (x)", "cert ok"));
        assert!(parse_child_line("nothing").is_none());
    }
}
