//! Markets with heterogeneous agents in instance files: `[[buyer]]`/`[[seller]]` arrays with
//! `count`, read back canonically, today's files unchanged, one buyer group and one seller
//! read as today's instance, and every mistake refused with one line naming the field.

use mechcert_model::Instance;

/// The issue's example: a buyer, two identical buyers of another distribution, one seller.
const ISSUE: &str = r#"
[[buyer]]
values = ["10", "31"]
probs  = ["1/3", "2/3"]
[[buyer]]
values = ["12", "40"]
probs  = ["1/2", "1/2"]
count  = 2
[[seller]]
values = ["5", "33"]
probs  = ["1/4", "3/4"]
"#;

fn err(text: &str) -> String {
    Instance::parse(text, "m.toml").unwrap_err().to_string()
}

#[test]
fn arrays_with_count_read_as_agents_and_round_trip() {
    let a = Instance::parse(ISSUE, "<test>").unwrap();
    assert!(a.is_market());
    let agents = a.agents().unwrap();
    assert_eq!((agents.buyers.len(), agents.sellers.len()), (3, 1));
    assert_eq!(agents.buyers[1], agents.buyers[2]);
    assert_ne!(agents.buyers[0], agents.buyers[1]);
    assert_eq!(agents.buyers[0].values[1].to_string(), "31");
    // 2 * 2 * 2 buyer types times 2 seller types
    assert_eq!(agents.profile_count(), Some(16));
    assert!(!agents.is_section_5());
    let toml = a.to_toml();
    assert!(
        toml.contains("[[buyer]]") && toml.contains("count = 2"),
        "{toml}"
    );
    assert_eq!(Instance::parse(&toml, "<test>").unwrap(), a);
    assert_eq!(Instance::from_json(&a.to_json(), "<test>").unwrap(), a);
    // a market has no one-seller environment
    let e = a.concrete().unwrap_err().to_string();
    assert!(e.contains("several sellers"), "{e}");
}

#[test]
fn one_buyer_group_and_one_seller_is_todays_instance() {
    let arrays = "[[buyer]]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\ncount = 3\n[[seller]]\nvalues = [2]\nprobs = [1]\n";
    let today = "buyers = 3\n[buyer]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = [2]\nprobs = [1]\n";
    let a = Instance::parse(arrays, "<test>").unwrap();
    let b = Instance::parse(today, "<test>").unwrap();
    assert_eq!(a, b);
    assert!(!a.is_market());
    // a [buyer] table with `buyers` next to [[seller]] tables
    let mixed = "buyers = 2\n[buyer]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\n[[seller]]\nvalues = [2]\nprobs = [1]\n[[seller]]\nvalues = [3]\nprobs = [1]\n";
    let c = Instance::parse(mixed, "<test>").unwrap();
    let agents = c.agents().unwrap();
    assert_eq!((agents.buyers.len(), agents.sellers.len()), (2, 2));
    // today's instance as agents: I identical buyers, one seller
    let agents = b.agents().unwrap();
    assert_eq!((agents.buyers.len(), agents.sellers.len()), (3, 1));
    assert!(agents.is_section_5());
}

#[test]
fn mistakes_name_the_field() {
    let two_sellers =
        "[[seller]]\nvalues = [2]\nprobs = [1]\n[[seller]]\nvalues = [3]\nprobs = [1]\n";
    let with = |buyer: &str| format!("{buyer}{two_sellers}");
    let cases = [
        (
            with("[[buyer]]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\ncount = 0\n"),
            "field `buyer[0].count`: expected a whole number of identical agents from 1 to 12, found `0`",
        ),
        (
            with("[[buyer]]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\ncount = \"2\"\n"),
            "field `buyer[0].count`: expected a whole number",
        ),
        (
            with("[[buyer]]\nvalues = [4, 1]\nprobs = [\"1/2\", \"1/2\"]\n"),
            "field `buyer[0].values`: values must be strictly increasing",
        ),
        (
            with("[[buyer]]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/3\"]\n"),
            "field `buyer[0].probs`: probabilities sum to 5/6, not exactly 1",
        ),
        (
            with("[[buyer]]\nvalues = [1, 4]\nprobs = [\"1/2\", \"1/2\"]\ncounts = 2\n"),
            "field `buyer[0].counts`: unknown key (did you mean `count`?)",
        ),
        (
            format!(
                "buyers = 2\n{}",
                with("[[buyer]]\nvalues = [1]\nprobs = [1]\n")
            ),
            "field `buyers`: with [[buyer]] tables give each table a `count`",
        ),
        (
            format!(
                "parameter = \"k\"\n{}",
                with("[[buyer]]\nvalues = [\"k\"]\nprobs = [1]\n")
            ),
            "field `parameter`: a parameter is supported with one [buyer] table and one [seller] table only",
        ),
        (
            with(
                "[[buyer]]\nvalues = [1, 2, 3]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\ncount = 12\n",
            ),
            "report profiles",
        ),
        (
            with("buyer = []\n"),
            "field `buyer`: needs at least one [[buyer]] table",
        ),
    ];
    for (text, want) in cases {
        let e = err(&text);
        assert!(e.starts_with("m.toml: "), "{e}");
        assert!(e.contains(want), "{e}\nwanted: {want}");
        assert!(!e.contains('\n'), "one line: {e}");
    }
}
