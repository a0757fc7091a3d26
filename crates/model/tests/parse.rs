//! Instance files: canonical round trip (parse, print, parse) and no input ever panics.

use mechcert_model::{Instance, strategies::instances};
use proptest::prelude::*;

const VALID: &str = r#"name = "Example"
buyers = 2
tie_break = "uniform"
seller_ties = "trade"

[buyer]
values = ["7", "17/2", 10]
probs = ["1/3", "1/3", "1/3"]

[seller]
values = ["3", "8"]
probs = ["1/4", "3/4"]
"#;

#[test]
fn valid_file_round_trips_through_canonical_toml_and_json() {
    let a = Instance::parse(VALID, "<test>").unwrap();
    assert_eq!(a.buyers, 2);
    assert_eq!(a.buyer.values[1].display_with("k").to_string(), "17/2");
    let b = Instance::parse(&a.to_toml(), "<test>").unwrap();
    assert_eq!(a, b);
    let c = Instance::from_json(&a.to_json(), "<test>").unwrap();
    assert_eq!(a, c);
    assert!(
        a.to_toml().contains("values = [\"7\", \"17/2\", \"10\"]"),
        "{}",
        a.to_toml()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn random_instances_round_trip(inst in instances(1..=5, 1..=5, 1..=4, true)) {
        let back = Instance::parse(&inst.to_toml(), "<generated>").unwrap();
        prop_assert_eq!(&back, &inst);
    }

    /// Arbitrary text never panics the parser.
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = Instance::parse(&s, "<fuzz>");
    }

    /// Single-character mutations of a valid file never panic (they hit every field).
    #[test]
    fn mutations_never_panic(pos in 0usize..400, c in prop::sample::select(vec![
        '"', '[', ']', '=', '/', '-', '.', '0', '9', 'k', '\n', ' ', ',', 'e', '#', '{', '}',
    ])) {
        let mut text: Vec<char> = VALID.chars().collect();
        let p = pos % text.len();
        text[p] = c;
        let s: String = text.into_iter().collect();
        if let Ok(inst) = Instance::parse(&s, "<fuzz>") {
            let _ = inst.concrete();
            let _ = inst.to_toml();
        }
        let mut text: Vec<char> = VALID.chars().collect();
        text.insert(p, c);
        let s: String = text.into_iter().collect();
        if let Ok(inst) = Instance::parse(&s, "<fuzz>") {
            let _ = inst.concrete();
        }
    }
}

/// Found by the `instance` fuzz target: a name or source holding a control character (here a
/// backspace, written `\b` in the file, and a tab) was written back raw, which TOML refuses, so
/// the instance `search` saved could not be read again.
#[test]
fn control_characters_in_text_fields_round_trip() {
    let text = "name = \"a\\bb\"\nsource = \"x\\ty\\u0001z\\\\\\\"\"\n\n[buyer]\nvalues = [\"1\"]\nprobs = [\"1\"]\n\n[seller]\nvalues = [\"0\"]\nprobs = [\"1\"]\n";
    let a = Instance::parse(text, "<test>").unwrap();
    assert_eq!(a.name, "a\u{8}b");
    assert_eq!(a.source.as_deref(), Some("x\ty\u{1}z\\\""));
    let b =
        Instance::parse(&a.to_toml(), "<test>").unwrap_or_else(|e| panic!("{e}\n{}", a.to_toml()));
    assert_eq!(a, b);
}
