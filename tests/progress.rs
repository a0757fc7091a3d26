//! The progress bar of `certify --all`, `report` and `search`: never drawn into captured
//! output (stderr not a terminal), with or without `--progress`, and with `--json`; drawn
//! with an ETA on a terminal (a pseudo-terminal from util-linux `script`, when it is
//! installed) unless `--no-progress` is given.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mechcert");

fn instances(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("proofs");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::copy(
        root.join("section-8-two-by-two.toml"),
        dir.join("in/section-8-two-by-two.toml"),
    )
    .unwrap();
    dir
}

/// The commands with a progress bar, on a small directory.
fn commands(dir: &Path) -> Vec<Vec<String>> {
    let d = |p: &str| dir.join(p).display().to_string();
    vec![
        vec![
            "certify".into(),
            "--all".into(),
            d("in"),
            "--out".into(),
            d("certs"),
        ],
        vec![
            "report".into(),
            d("in"),
            "--html".into(),
            d("r.html"),
            "--uniform-up-to".into(),
            "3".into(),
        ],
        vec![
            "search".into(),
            "theorem-4-corrected".into(),
            "--budget".into(),
            "200".into(),
            "--out".into(),
            d("found"),
        ],
    ]
}

/// Bytes a bar leaves: carriage returns, escape sequences, its ETA.
fn has_bar(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    bytes.contains(&b'\r') || bytes.contains(&0x1b) || text.contains("ETA")
}

#[test]
fn silent_when_not_a_terminal_or_with_json() {
    let dir = instances("progress-silent");
    for args in commands(&dir) {
        for extra in [
            &[][..],
            &["--progress"][..],
            &["--json"][..],
            &["--no-progress"][..],
        ] {
            let out = Command::new(BIN).args(&args).args(extra).output().unwrap();
            assert!(out.status.success(), "{args:?} {extra:?}: {out:?}");
            assert!(
                !has_bar(&out.stderr) && !has_bar(&out.stdout),
                "{args:?} {extra:?} drew a bar into captured output: {:?}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// Run `mechcert ARGS` on a pseudo-terminal (stdout to /dev/null); what the terminal got.
fn on_terminal(args: &[String]) -> Option<Vec<u8>> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).is_file())?;
    let quoted: Vec<String> = std::iter::once(BIN.to_string())
        .chain(args.iter().cloned())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let out = Command::new(script)
        .args([
            "-qfec",
            &format!("{} > /dev/null", quoted.join(" ")),
            "/dev/null",
        ])
        .output()
        .ok()?;
    assert!(out.status.success(), "{args:?}: {out:?}");
    Some(out.stdout)
}

#[test]
fn drawn_on_a_terminal_unless_refused() {
    let dir = instances("progress-terminal");
    for args in commands(&dir) {
        let Some(shown) = on_terminal(&args) else {
            eprintln!(
                "SKIPPED drawn_on_a_terminal_unless_refused: util-linux `script` is not installed"
            );
            return;
        };
        assert!(
            String::from_utf8_lossy(&shown).contains("ETA"),
            "{args:?}: no bar on a terminal: {:?}",
            String::from_utf8_lossy(&shown)
        );
        let mut quiet = args.clone();
        quiet.push("--no-progress".into());
        let shown = on_terminal(&quiet).unwrap();
        assert!(
            !has_bar(&shown),
            "{quiet:?}: {:?}",
            String::from_utf8_lossy(&shown)
        );
        let mut json = args.clone();
        json.push("--json".into());
        let shown = on_terminal(&json).unwrap();
        assert!(
            !has_bar(&shown),
            "{json:?}: {:?}",
            String::from_utf8_lossy(&shown)
        );
    }
}
