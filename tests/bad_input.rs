//! Every bad input the README lists gives exit code 1 and a one-line error that names the file
//! and the field — and no input makes the binary panic.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mechcert"))
}

/// Write `text` to a fresh file, run `mechcert check FILE args...`, return (code, stdout, stderr).
fn check_text(name: &str, text: &str, args: &[&str]) -> (i32, String, String, PathBuf) {
    let dir = std::env::temp_dir().join(format!("mechcert-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("check").arg(&path).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        path,
    )
}

const GOOD_SELLER: &str = "[seller]\nvalues = [\"1\", \"3\"]\nprobs = [\"1/2\", \"1/2\"]\n";

fn with_buyer(buyer: &str) -> String {
    format!("[buyer]\n{buyer}\n{GOOD_SELLER}")
}

/// (case name, file text, extra args, substrings the one-line error must contain)
fn cases() -> Vec<(&'static str, String, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (
            "float",
            with_buyer("values = [2, 5]\nprobs = [0.5, 0.5]"),
            vec![],
            vec!["buyer.probs[0]", "write \"1/2\""],
        ),
        (
            "float-string",
            with_buyer("values = [2, 5]\nprobs = [\"0.25\", \"3/4\"]"),
            vec![],
            vec!["buyer.probs[0]", "1/4"],
        ),
        (
            "sum",
            with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/3\"]"),
            vec![],
            vec!["buyer.probs", "sum to 5/6, not exactly 1"],
        ),
        (
            "zero-prob",
            with_buyer("values = [2, 5]\nprobs = [\"0\", \"1\"]"),
            vec![],
            vec!["buyer.probs[0]", "not positive"],
        ),
        (
            "negative-prob",
            with_buyer("values = [2, 5]\nprobs = [\"-1/2\", \"3/2\"]"),
            vec![],
            vec!["buyer.probs[0]", "not positive"],
        ),
        (
            "not-increasing",
            with_buyer("values = [5, 2]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec![
                "buyer.values",
                "strictly increasing",
                "B2 = 2 is not above B1 = 5",
            ],
        ),
        (
            "repeated-value",
            with_buyer("values = [2, 2]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer.values", "strictly increasing"],
        ),
        (
            "unknown-top-key",
            format!(
                "buyerz = 2\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["buyerz", "unknown key", "did you mean `buyers`"],
        ),
        (
            "unknown-side-key",
            with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\nprob = 1"),
            vec![],
            vec!["buyer.prob", "unknown key"],
        ),
        (
            "malformed-number",
            with_buyer("values = [\"2x\", 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer.values[0]", "`2x`"],
        ),
        (
            "zero-denominator",
            with_buyer("values = [2, 5]\nprobs = [\"1/0\", \"1/2\"]"),
            vec![],
            vec!["buyer.probs[0]", "denominator is zero"],
        ),
        (
            "length-mismatch",
            with_buyer("values = [2, 5, 7]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer.probs", "has 2 entries but `buyer.values` has 3"],
        ),
        (
            "empty-values",
            with_buyer("values = []\nprobs = []"),
            vec![],
            vec!["buyer.values", "at least one value"],
        ),
        (
            "missing-seller",
            "[buyer]\nvalues = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\n".to_string(),
            vec![],
            vec!["seller", "missing table [seller]"],
        ),
        (
            "wrong-type",
            with_buyer("values = \"2, 5\"\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer.values", "expected an array, found a string"],
        ),
        (
            "toml-syntax",
            "[buyer\nvalues = [2]".to_string(),
            vec![],
            vec!["not valid TOML", "line 1"],
        ),
        (
            "buyers-zero",
            format!(
                "buyers = 0\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["buyers", "from 1 to"],
        ),
        (
            "tie-break",
            format!(
                "tie_break = \"random\"\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["tie_break", "lowest-index, highest-index or uniform"],
        ),
        (
            "seller-ties",
            format!(
                "seller_ties = \"maybe\"\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["seller_ties", "no-trade"],
        ),
        (
            "domain-without-parameter",
            format!(
                "domain = \"k > 1\"\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["domain", "needs a parameter"],
        ),
        (
            "symbolic-without-parameter",
            with_buyer("values = [\"2k\", 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer.values[0]", "parameter = \"k\""],
        ),
        (
            "allocation-range",
            format!(
                "allocation = [[\"1\", \"2\"], [\"0\", \"1\"]]\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["allocation[0][1]", "from 0 to 1"],
        ),
        (
            "allocation-shape",
            format!(
                "allocation = [[\"1\"]]\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["allocation", "rows"],
        ),
        (
            "too-many-profiles",
            format!(
                "buyers = 30\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec!["--only", "ex-post"],
            vec!["2147483648 report profiles exceed", "--max-profiles"],
        ),
        (
            "alpha",
            with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec!["--mechanism", "bb", "--alpha", "3/2"],
            vec!["--alpha 3/2", "from 0 to 1"],
        ),
        (
            "alpha-float",
            with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec!["--mechanism", "bb", "--alpha", "0.5"],
            vec!["--alpha `0.5`", "1/2"],
        ),
        (
            "alpha-without-bb",
            with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec!["--mechanism", "vcg", "--alpha", "1/2"],
            vec!["--alpha", "--mechanism bb"],
        ),
        (
            "reserved-parameter",
            format!(
                "parameter = \"B1\"\ndomain = \"B1 > 1\"\n{}",
                with_buyer("values = [\"2*B1\", \"3*B1\"]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["parameter", "`B1` is reserved", "\"k\""],
        ),
        (
            "integer-beyond-64-bits",
            with_buyer("values = [2, 99999999999999999999999]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["not valid TOML", "as strings"],
        ),
        (
            "too-many-buyers",
            format!(
                "buyers = 10001\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec![],
            vec!["buyers", "from 1 to 10000"],
        ),
        (
            "tight-many-buyers",
            format!(
                "buyers = 2\n{}",
                with_buyer("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            vec!["--mechanism", "tight"],
            vec!["one buyer", "2 buyers"],
        ),
        (
            "market-count",
            market("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\ncount = 13"),
            vec![],
            vec!["buyer[0].count", "from 1 to 12", "`13`"],
        ),
        (
            "market-order",
            market("values = [5, 2]\nprobs = [\"1/2\", \"1/2\"]"),
            vec![],
            vec!["buyer[0].values", "strictly increasing"],
        ),
        (
            "market-unknown-key",
            market("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]\ncounts = 2"),
            vec![],
            vec!["buyer[0].counts", "did you mean `count`"],
        ),
        (
            "market-bb",
            market("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec!["--mechanism", "bb"],
            vec!["use vcg or vcg-prime"],
        ),
        (
            "market-plot",
            market("values = [2, 5]\nprobs = [\"1/2\", \"1/2\"]"),
            vec!["--plot", "/tmp/mechcert-market.svg"],
            vec!["--plot", "one seller and identical buyers"],
        ),
        (
            "market-profiles",
            market(
                "values = [1, 2, 3, 4]\nprobs = [\"1/4\", \"1/4\", \"1/4\", \"1/4\"]\ncount = 8",
            ),
            vec![],
            vec!["buyer", "report profiles", "20000"],
        ),
    ]
}

/// A market: one `[[buyer]]` table as given, and two sellers.
fn market(buyer: &str) -> String {
    format!(
        "[[buyer]]\n{buyer}\n[[seller]]\nvalues = [1]\nprobs = [1]\n[[seller]]\nvalues = [3]\nprobs = [1]\n"
    )
}

#[test]
fn every_bad_input_is_one_line_exit_1_naming_file_and_field() {
    for (name, text, args, needles) in cases() {
        let (code, stdout, stderr, path) = check_text(name, &text, &args);
        assert_eq!(code, 1, "{name}: exit code; stderr: {stderr}");
        assert!(stdout.is_empty(), "{name}: nothing on stdout, got {stdout}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{name}: one line, got {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let file_named = stderr.contains(&path.display().to_string());
        let cli_arg = needles.iter().any(|n| n.starts_with("--"));
        assert!(file_named || cli_arg, "{name}: names the file: {stderr}");
        for n in needles {
            assert!(stderr.contains(n), "{name}: expected `{n}` in: {stderr}");
        }
    }
}

#[test]
fn missing_file_and_bad_arguments_exit_1() {
    let out = bin()
        .args(["check", "/nonexistent/x.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/x.toml") && err.contains("cannot read"),
        "{err}"
    );
    let out = bin()
        .args(["check", "x.toml", "--mechanism", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = bin().args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// `certify` validates the instance like `check` before any claim runs: bad input is an input
/// error (exit 1), not an internal inconsistency (exit 2).
#[test]
fn certify_rejects_bad_instances_with_exit_1() {
    let dir = std::env::temp_dir().join(format!("mechcert-bad-certify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "not-increasing",
            with_buyer("values = [5, 2]\nprobs = [\"1/2\", \"1/2\"]"),
            "strictly increasing",
        ),
        (
            "family-crossing",
            format!(
                "parameter = \"k\"\ndomain = \"k > 0\"\n{}",
                with_buyer("values = [\"k\", \"2\"]\nprobs = [\"1/2\", \"1/2\"]")
            ),
            "not positive for k >= 2",
        ),
    ];
    for (name, text, needle) in cases {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = bin()
            .args(["certify", "theorem-1"])
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(needle) && err.contains("buyer.values"),
            "{name}: {err}"
        );
    }
}

/// With `--json`, an input error still leaves one JSON object on stdout (the error), besides
/// the one-line message on stderr.
#[test]
fn json_errors_are_one_json_object_on_stdout() {
    let (code, stdout, stderr, _) = check_text(
        "json-error",
        &with_buyer("values = [5, 2]\nprobs = [\"1/2\", \"1/2\"]"),
        &["--json"],
    );
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(v["error"]["kind"], "input");
    assert_eq!(v["error"]["exit_code"], 1);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("strictly increasing")
    );
}

#[test]
fn report_refuses_bad_input_with_exit_1() {
    let dir = std::env::temp_dir().join(format!("mechcert-bad-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.toml"),
        with_buyer("values = [2, 5]\nprobs = [\"1/2\", 0.5]"),
    )
    .unwrap();
    let page = dir.join("out.html");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = bin().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // a bad instance in DIR: the file and the field are named, no page is written
    let (code, err) = run(&[
        "report".as_ref(),
        dir.as_os_str(),
        "--html".as_ref(),
        page.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("a.toml") && err.contains("buyer.probs[1]"),
        "{err}"
    );
    assert!(!page.exists());
    // an output in a directory that does not exist: refused before any work
    std::fs::remove_file(dir.join("a.toml")).unwrap();
    let nowhere = dir.join("missing").join("out.html");
    let (code, err) = run(&[
        "report".as_ref(),
        "proofs".as_ref(),
        "--html".as_ref(),
        nowhere.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("missing") && err.contains("--html"), "{err}");
    // neither --html nor --latex: a usage error
    let (code, _) = run(&["report".as_ref(), "proofs".as_ref()]);
    assert_eq!(code, 1);
}
