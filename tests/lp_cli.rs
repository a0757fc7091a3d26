//! The LP side of the CLI: `--emit-lp` / `--emit-mps` write every LP behind an answer with
//! integer coefficients, and an LP above the size limit is refused quickly with exit 1 and
//! its numbers (rows, columns, estimated memory, the limit), never an abort.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mechcert"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mechcert-lp-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Lines that are not comments contain no fraction: every coefficient is an integer.
fn integer_only(text: &str, comment: char) {
    for line in text.lines().filter(|l| !l.starts_with(comment)) {
        assert!(!line.contains('/'), "a fraction in {line:?}");
    }
}

#[test]
fn solve_second_best_emits_lp_and_mps() {
    let dir = tmp("solve");
    let (lp, mps) = (dir.join("sb.lp"), dir.join("sb.mps"));
    let out = bin()
        .args([
            "solve",
            "second-best",
            "proofs/theorem-4-deficit.toml",
            "--emit-lp",
        ])
        .arg(&lp)
        .arg("--emit-mps")
        .arg(&mps)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two LPs: the second best, then Theorem 3's reduced form.
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let lp1 = read(&dir.join("sb.1-second-best.lp"));
    for want in [
        "Maximize",
        "Subject To",
        "ic_b_1_2:",
        "Bounds",
        "t_1_1 free",
        "End",
        "objective scaled by",
    ] {
        assert!(lp1.contains(want), "{want} missing:\n{lp1}");
    }
    integer_only(&lp1, '\\');
    assert!(read(&dir.join("sb.2-reduced.lp")).contains("pi:"));
    let mps1 = read(&dir.join("sb.1-second-best.mps"));
    for want in [
        "OBJSENSE",
        "ROWS",
        "COLUMNS",
        "RHS",
        "BOUNDS",
        " FR bnd t_1_1",
        "ENDATA",
    ] {
        assert!(mps1.contains(want), "{want} missing:\n{mps1}");
    }
    integer_only(&mps1, '*');
}

#[test]
fn certify_emits_every_lp_behind_the_certificate() {
    let dir = tmp("certify");
    let lp = dir.join("t4.lp");
    let out = bin()
        .args([
            "certify",
            "theorem-4",
            "proofs/theorem-4-deficit.toml",
            "--emit-lp",
        ])
        .arg(&lp)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let written: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("LP written: "))
        .collect();
    assert!(!written.is_empty(), "{stdout}");
    for p in &written {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(text.starts_with("\\ mechcert model "), "{p}");
        integer_only(&text, '\\');
    }
    assert!(
        written.iter().any(|p| p.ends_with("-second-best.lp")),
        "{written:?}"
    );
}

fn big_instance(dir: &Path, m: usize, n: usize) -> PathBuf {
    let side = |k: usize, offset: usize| {
        let values: Vec<String> = (0..k).map(|i| format!("\"{}\"", 2 * i + offset)).collect();
        let probs: Vec<String> = (0..k).map(|_| format!("\"1/{k}\"")).collect();
        format!(
            "values = [{}]\nprobs = [{}]\n",
            values.join(","),
            probs.join(",")
        )
    };
    let path = dir.join(format!("big-{m}x{n}.toml"));
    std::fs::write(
        &path,
        format!("[buyer]\n{}[seller]\n{}", side(m, 1), side(n, 0)),
    )
    .unwrap();
    path
}

/// Issue 11: a 1000x2 instance used to abort asking for 64 GB. Now its second-best LP
/// (10^6 rows) is refused before it is built: exit 1, the numbers, in seconds.
#[test]
fn oversized_lps_are_refused_quickly_with_exit_1() {
    let dir = tmp("big");
    let file = big_instance(&dir, 1000, 2);
    for args in [vec!["solve", "second-best"], vec!["certify", "theorem-1"]] {
        let start = Instant::now();
        let out = bin().args(&args).arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        for want in ["too large", "rows", "columns", "MiB", "200000 rows"] {
            assert!(err.contains(want), "{args:?}: {want} missing in {err}");
        }
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            start.elapsed()
        );
    }
}
