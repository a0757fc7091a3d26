//! Hostile input end to end (issue 11, defect classes 3 to 8): files that are not regular or
//! too large, numbers and degrees beyond the limits, many buyers, certificates that would
//! make the checker work for minutes, duplicate JSON keys, a `note` that is not a string,
//! payloads with newlines and terminal escapes, invalid UTF-8. Each run must end with the
//! expected exit code (never a panic, an abort or a hang), print exactly one error line that
//! names the file and echoes no raw control character, and finish well within 10 s.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The generous time bound for one run (CI machines are slow; locally each takes < 1 s).
const BOUND: Duration = Duration::from_secs(10);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_mechcert"))
        .args(args)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(took < BOUND, "{args:?} took {took:?}");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Exit code `code`, exactly one line on stderr containing every needle, no raw control
/// character (the ESC of a terminal sequence, a forged newline) anywhere in the output.
fn expect(r: &Run, code: i32, needles: &[&str]) {
    assert_eq!(r.code, code, "exit code; stderr: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    assert!(r.stderr.len() < 2000, "short: {} bytes", r.stderr.len());
    for text in [&r.stderr, &r.stdout] {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "raw control character in {text:?}"
        );
    }
    for n in needles {
        assert!(r.stderr.contains(n), "expected `{n}` in: {}", r.stderr);
    }
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("mechcert-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SELLER: &str = "[seller]\nvalues = [\"0\", \"2\"]\nprobs = [\"1/2\", \"1/2\"]\n";

fn instance(buyer_values: &str, header: &str) -> String {
    format!("{header}[buyer]\nvalues = {buyer_values}\nprobs = [\"1/2\", \"1/2\"]\n{SELLER}")
}

/// A committed certificate to start from (Example 1 with two buyers: small).
fn certificate() -> Value {
    let text =
        std::fs::read_to_string("proofs/certificates/example-1.example-1.cert.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn write_json(name: &str, v: &Value) -> PathBuf {
    write(name, serde_json::to_string_pretty(v).unwrap().as_bytes())
}

#[cfg(unix)]
#[test]
fn a_fifo_without_writer_is_refused_at_once() {
    let p = dir().join("fifo.toml");
    let _ = std::fs::remove_file(&p);
    let made = Command::new("mkfifo").arg(&p).status().unwrap();
    assert!(made.success());
    for cmd in [
        vec!["check"],
        vec!["certify", "theorem-1"],
        vec!["cert-check"],
    ] {
        let mut args = cmd.clone();
        args.push(s(&p));
        expect(
            &run(&args),
            1,
            &[s(&p), "a FIFO (named pipe), not a regular file"],
        );
    }
    // in a directory of instances too
    let all = dir().join("with-fifo");
    std::fs::create_dir_all(&all).unwrap();
    let f = all.join("x.toml");
    let _ = std::fs::remove_file(&f);
    assert!(Command::new("mkfifo").arg(&f).status().unwrap().success());
    expect(&run(&["certify", "--all", s(&all)]), 1, &["x.toml", "FIFO"]);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_without_reading() {
    for cmd in ["check", "cert-check"] {
        expect(
            &run(&[cmd, "/dev/zero"]),
            1,
            &["/dev/zero", "a character device, not a regular file"],
        );
    }
}

#[test]
fn files_above_the_size_limit_are_refused_before_reading() {
    let limit = mechcert_cert_limit();
    for name in ["big.toml", "big.json"] {
        let p = dir().join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(limit + 1).unwrap(); // sparse: nothing to read, only its size
        let cmd = if name.ends_with("toml") {
            "check"
        } else {
            "cert-check"
        };
        expect(
            &run(&[cmd, s(&p)]),
            1,
            &[
                &format!(
                    "is {} bytes, more than the limit of {limit} bytes",
                    limit + 1
                ),
                name,
            ],
        );
    }
}

/// 8 MiB, as README and FORMAT.md document it.
fn mechcert_cert_limit() -> u64 {
    8 * 1024 * 1024
}

#[test]
fn numbers_beyond_the_digit_limit_are_input_errors_at_load_time() {
    // 10,001 digits: loaded before, then certify and solve reported an internal inconsistency
    let big = "1".repeat(10_001);
    let p = write(
        "digits.toml",
        instance(&format!("[\"1\", \"{big}\"]"), "").as_bytes(),
    );
    for cmd in [
        vec!["check"],
        vec!["certify", "theorem-1"],
        vec!["solve", "second-best"],
    ] {
        let mut args = cmd.clone();
        args.push(s(&p));
        expect(
            &run(&args),
            1,
            &[
                "buyer.values[1]",
                "10001 digits in its numerator is beyond the limit of 10000",
                "use a smaller number",
            ],
        );
    }
    // 10,000 digits are within the limit
    let ok = "1".repeat(10_000);
    let p = write(
        "digits-ok.toml",
        instance(&format!("[\"1\", \"{ok}\"]"), "").as_bytes(),
    );
    let r = run(&["check", s(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn degrees_beyond_the_limit_are_input_errors_at_load_time() {
    let header = "parameter = \"k\"\ndomain = \"k > 1\"\n";
    let p = write(
        "degree.toml",
        instance("[\"k^300\", \"k^300 + 1\"]", header).as_bytes(),
    );
    for cmd in [vec!["check"], vec!["certify", "theorem-1"]] {
        let mut args = cmd.clone();
        args.push(s(&p));
        expect(
            &run(&args),
            1,
            &["buyer.values[0]", "degree 300 is beyond the limit of 8"],
        );
    }
    // coefficients too: 21 digits
    let v = format!("[\"{}k\", \"{}k + 1\"]", "9".repeat(21), "9".repeat(21));
    let p = write("coefficients.toml", instance(&v, header).as_bytes());
    expect(
        &run(&["check", s(&p)]),
        1,
        &["buyer.values[0]", "more than 20 digits"],
    );
}

fn many_buyers(m: usize, buyers: usize) -> String {
    let list = |f: &dyn Fn(usize) -> String| {
        format!(
            "[{}]",
            (0..m)
                .map(|i| format!("\"{}\"", f(i)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let probs = list(&|_| format!("1/{m}"));
    format!(
        "buyers = {buyers}\n[buyer]\nvalues = {}\nprobs = {probs}\n[seller]\nvalues = {}\nprobs = {probs}\n",
        list(&|i| (2 * i + 1).to_string()),
        list(&|i| (2 * i).to_string())
    )
}

#[test]
fn many_buyers_are_refused_with_the_reason_or_checked_in_seconds() {
    // 30 x 30 types with 10,000 buyers ran 40 s at 3.3 GB before it was stopped
    for m in [30, 8] {
        let p = write(
            &format!("buyers-{m}.toml"),
            many_buyers(m, 10_000).as_bytes(),
        );
        expect(
            &run(&["check", s(&p)]),
            1,
            &["field `buyers`", "10000 buyers", "use at most"],
        );
    }
    // Example 1 with 10,000 buyers is fine: exact, in well under a second
    let p = write(
        "example-1-many.toml",
        b"buyers = 10000\n[buyer]\nvalues = [\"1\", \"4\"]\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = [\"0\", \"3\"]\nprobs = [\"1/2\", \"1/2\"]\n",
    );
    let r = run(&["check", s(&p), "--only", "interim"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 20 buyers over 2 x 2 types: ex post checks would take a minute; they are skipped with
    // the reason, the interim ones run
    let p = write("twenty.toml", many_buyers(2, 20).as_bytes());
    let r = run(&["check", s(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ex_post_ic skipped"), "{}", r.stdout);
    // beyond the instance limit
    let p = write("too-many.toml", many_buyers(2, 10_001).as_bytes());
    expect(&run(&["check", s(&p)]), 1, &["buyers", "from 1 to 10000"]);
}

#[test]
fn a_certificate_that_would_work_for_minutes_is_refused_at_once() {
    // (255/7)^1000000 * 0 + I: a 2.6 KB certificate that ran over 150 s
    let mut c = certificate();
    let q =
        json!({"name": "slow", "kind": "formula", "expr": "(255/7)^1000000*0 + I", "value": "1"});
    c["quantities"].as_array_mut().unwrap().insert(0, q);
    let p = write_json("slow.cert.json", &c);
    expect(
        &run(&["cert-check", s(&p)]),
        1,
        &["quantity `slow`", "beyond the limit of 131072 bits"],
    );
    // an expression of 200 KB is refused before it is read
    let mut c = certificate();
    let long = vec!["1"; 100_000].join("+");
    let q = json!({"name": "long", "kind": "formula", "expr": long, "value": "1"});
    c["quantities"].as_array_mut().unwrap().insert(0, q);
    let p = write_json("long.cert.json", &c);
    expect(
        &run(&["cert-check", s(&p)]),
        1,
        &["199999 bytes are beyond the limit of 100000 bytes"],
    );
}

#[test]
fn duplicate_keys_are_refused_at_every_level() {
    // a certificate that fails, with "verdict": "holds" added after "verdict": "fails"
    let text = std::fs::read_to_string(
        "proofs/certificates/example-3-counterexample-seed1.example-3.cert.json",
    )
    .unwrap();
    assert!(text.contains("\"verdict\": \"fails\","));
    let forged = text.replacen(
        "\"verdict\": \"fails\",",
        "\"verdict\": \"fails\",\n  \"verdict\": \"holds\",",
        1,
    );
    let p = write("dup-top.cert.json", forged.as_bytes());
    expect(
        &run(&["cert-check", s(&p)]),
        1,
        &[
            "dup-top.cert.json",
            "the key `verdict` appears twice",
            "line 7",
        ],
    );
    // inside an assertion
    let forged = text.replacen("\"holds\": false", "\"holds\": false, \"holds\": true", 1);
    let p = write("dup-nested.cert.json", forged.as_bytes());
    expect(
        &run(&["cert-check", s(&p)]),
        1,
        &["the key `holds` appears twice"],
    );
}

#[test]
fn a_note_must_be_a_string() {
    for at in ["top", "quantity", "assertion"] {
        let mut c = certificate();
        let note = json!({"free": ["form"]});
        match at {
            "top" => c["note"] = note,
            "quantity" => c["quantities"][0]["note"] = note,
            _ => c["assertions"][0]["note"] = note,
        }
        let p = write_json(&format!("note-{at}.cert.json"), &c);
        // read, and it does not check: exit 2, like any certificate the checker rejects
        let r = run(&["cert-check", s(&p)]);
        assert_eq!(r.code, 2, "{at}: {}", r.stderr);
        assert!(
            r.stdout
                .contains("`note`: expected a string, found an object"),
            "{at}: {}",
            r.stdout
        );
    }
}

#[test]
fn payloads_are_escaped_and_cut() {
    // a newline forging a second `error:` line, and a terminal escape sequence
    let p = write(
        "payload.toml",
        instance("[\"1\\nerror: forged\\u001b[31mred\", \"2\"]", "").as_bytes(),
    );
    expect(
        &run(&["check", s(&p)]),
        1,
        &["buyer.values[0]", "`1\\nerror: forged\\u{1b}[31mred`"],
    );
    // a megabyte of garbage in a value: quoted with its length, the line stays short
    let junk = "x".repeat(1 << 20);
    let p = write(
        "junk.toml",
        instance(&format!("[\"{junk}\", \"2\"]"), "").as_bytes(),
    );
    expect(&run(&["check", s(&p)]), 1, &["(1048576 characters)"]);
    // an unknown key made of escapes and bidi overrides
    let p = write(
        "key.toml",
        format!(
            "\"a\\u001b]0;x\\u0007\\u202e\" = 1\n{}",
            instance("[\"1\", \"2\"]", "")
        )
        .as_bytes(),
    );
    expect(
        &run(&["check", s(&p)]),
        1,
        &["\\u{1b}", "\\u{202e}", "unknown key"],
    );
}

#[test]
fn invalid_utf8_is_reported_with_line_and_column() {
    let p = write(
        "latin1.toml",
        b"[buyer]\nvalues = [\"1\", \"caf\xe9\"]\nprobs = [\"1/2\", \"1/2\"]\n",
    );
    expect(
        &run(&["check", s(&p)]),
        1,
        &[
            "latin1.toml",
            "not valid UTF-8: byte 0xe9 at line 2, column 20",
        ],
    );
    let p = write("latin1.cert.json", b"{\"note\": \"caf\xe9\"}");
    expect(
        &run(&["cert-check", s(&p)]),
        1,
        &["not valid UTF-8: byte 0xe9 at line 1, column 14"],
    );
}
