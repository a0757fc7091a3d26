//! The dependency rules of ARCHITECTURE.md, read from `cargo metadata`: the checker crate
//! (`mechcert-cert`) depends on no other mechcert crate, in any section (normal, dev, build);
//! the crates depend on each other only downwards in the layers; and every dependency a crate
//! declares is used by its code (its name appears as a path `name::` or in a `use`), normal
//! dependencies by the library or binary sources, dev-dependencies anywhere in the package.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The layer of each workspace crate: a crate may depend only on crates of a lower layer.
fn layer(name: &str) -> Option<u32> {
    Some(match name {
        "mechcert-cert" => 0,
        "mechcert-num" => 0,
        "mechcert-model" => 1,
        "mechcert-mech" => 2,
        "mechcert-lp" => 2,
        "mechcert-verify" => 3,
        "mechcert-opt" => 3,
        "mechcert-claims" => 4,
        "mechcert-report" | "mechcert-bench" => 5,
        "mechcert" => 6,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn uses(text: &str, krate: &str) -> bool {
    let id = krate.replace('-', "_");
    text.contains(&format!("{id}::"))
        || text.contains(&format!("use {id}"))
        || text.contains(&format!("extern crate {id}"))
}

#[test]
fn crates_depend_downwards_and_the_checker_on_no_mechcert_crate() {
    let meta = metadata();
    for p in meta["packages"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let Some(own) = layer(name) else { continue };
        for d in p["dependencies"].as_array().unwrap() {
            let dep = d["name"].as_str().unwrap();
            if name == "mechcert-cert" {
                assert!(
                    !dep.starts_with("mechcert"),
                    "mechcert-cert must depend on no mechcert crate, but depends on {dep}"
                );
            }
            if dep == name {
                continue; // a crate's tests enabling its own features
            }
            if let Some(l) = layer(dep) {
                assert!(
                    l < own,
                    "{name} (layer {own}) depends on {dep} (layer {l}): see ARCHITECTURE.md"
                );
            }
        }
    }
}

#[test]
fn every_declared_dependency_is_used() {
    let meta = metadata();
    let mut unused = vec![];
    for p in meta["packages"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        if layer(name).is_none() {
            continue;
        }
        let root = Path::new(p["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap()
            .to_path_buf();
        let read = |dirs: &[&str]| {
            let mut files = vec![];
            for d in dirs {
                rust_files(&root.join(d), &mut files);
            }
            files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let src = read(&["src"]);
        let all = read(&["src", "tests", "examples", "benches"]);
        let mut seen: BTreeMap<String, bool> = BTreeMap::new();
        for d in p["dependencies"].as_array().unwrap() {
            let dep = d["rename"].as_str().or(d["name"].as_str()).unwrap();
            if dep == name {
                continue;
            }
            let dev = d["kind"] == "dev";
            let used = if dev {
                uses(&all, dep)
            } else {
                uses(&src, dep)
            };
            *seen
                .entry(format!("{dep}{}", if dev { " (dev)" } else { "" }))
                .or_default() |= used;
        }
        for (dep, used) in seen {
            if !used {
                unused.push(format!("{name} declares {dep} but does not use it"));
            }
        }
    }
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}
