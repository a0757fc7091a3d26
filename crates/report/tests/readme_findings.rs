//! The report shows every finding of the README: on the instance files the README's Findings
//! section names, the printed claims the report finds failing are exactly the claims of the
//! README's Findings table, and every existential claim has a witness (the README confirms
//! both). The README is read, not copied: a new finding in either place fails this test.

use std::collections::BTreeSet;
use std::path::Path;

use mechcert_report::{Options, build};

#[test]
fn the_findings_of_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("## Findings").unwrap();
    let end = start + readme[start..].find("No counterexample was found").unwrap();
    let findings = &readme[start..end];
    // the claim of each row of the table: the first backticked id of a line "| `id` ..."
    let readme_failing: BTreeSet<String> = findings
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect();
    assert!(readme_failing.len() >= 6, "{readme_failing:?}");
    // every instance file the section names
    let files: BTreeSet<String> = findings
        .split('`')
        .filter(|t| t.starts_with("proofs/") && t.ends_with(".toml"))
        .map(str::to_string)
        .collect();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-readme-findings");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in &files {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(root.join(f), dir.join(name)).unwrap();
    }
    let opts = Options {
        uniform_up_to: 0,
        buyers_up_to: 2,
        second_best_types: 0,
    };
    let r = build(&dir, &opts, &|_, _| {}).unwrap();
    let (failing, witnessed) = r.findings();
    let failing: BTreeSet<String> = failing.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(failing, readme_failing, "files: {files:?}");
    let existential: BTreeSet<&str> = mechcert_claims::all()
        .iter()
        .filter(|c| c.existential)
        .map(|c| c.id)
        .collect();
    let witnessed: BTreeSet<&str> = witnessed.iter().map(|c| c.id).collect();
    assert_eq!(witnessed, existential);
    // each finding's corrected reading holds wherever the printed claim fails
    for id in &failing {
        if let Some((fix, _)) = mechcert_claims::correction(id) {
            for e in r.failures(id) {
                let v = r.verdict_on(fix.id, &e.stem).unwrap();
                assert_eq!(
                    v.certified.verdict,
                    mechcert_claims::Verdict::Holds,
                    "{} on {}",
                    fix.id,
                    e.stem
                );
            }
        }
    }
}
