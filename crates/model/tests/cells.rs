//! Parameterised instances: the value order is proven on the domain, the domain is split into
//! cells where a buyer value meets a seller value, and crossing values on one side are refused.

use mechcert_model::Instance;

fn family(buyer: &str, seller: &str, domain: &str) -> Result<Instance, String> {
    let text = format!(
        "parameter = \"k\"\ndomain = \"{domain}\"\n[buyer]\nvalues = {buyer}\nprobs = [\"1/2\", \"1/2\"]\n[seller]\nvalues = {seller}\nprobs = [\"1/2\", \"1/2\"]\n"
    );
    Instance::parse(&text, "<test>").map_err(|e| e.to_string())
}

fn cells(inst: &Instance) -> Vec<(String, String)> {
    inst.cells()
        .unwrap()
        .iter()
        .map(|e| (e.domain.display_with("k"), e.order_string()))
        .collect()
}

#[test]
fn example_2_family_is_one_cell_with_the_alternating_order() {
    let text = "parameter = \"k\"\ndomain = \"k > 1\"\n[buyer]\nvalues = [\"7k\", \"8k + 1\", \"9k + 1\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n[seller]\nvalues = [\"3k\", \"8k\", \"9k\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n";
    let inst = Instance::parse(text, "<test>").unwrap();
    assert_eq!(
        cells(&inst),
        vec![(
            "k > 1".to_string(),
            "S1 < B1 < S2 < B2 < S3 < B3".to_string()
        )]
    );
}

#[test]
fn a_buyer_seller_crossing_splits_the_domain() {
    // B1 = k meets S1 = 3 at k = 3.
    let inst = family("[\"k\", \"10\"]", "[\"3\", \"20\"]", "0 < k < 10").unwrap();
    assert_eq!(
        cells(&inst),
        vec![
            ("0 < k < 3".to_string(), "B1 < S1 < B2 < S2".to_string()),
            ("k = 3".to_string(), "S1 = B1 < B2 < S2".to_string()),
            ("3 < k < 10".to_string(), "S1 < B1 < B2 < S2".to_string()),
        ]
    );
}

#[test]
fn an_irrational_crossing_is_a_cell_of_its_own() {
    // B1 = k^2 meets S1 = 2 at k = sqrt(2).
    let inst = family("[\"k^2\", \"10\"]", "[\"2\", \"20\"]", "0 < k < 3").unwrap();
    let c = cells(&inst);
    assert_eq!(c.len(), 3);
    assert!(c[1].0.contains("root of -2 + k^2"), "{:?}", c[1]);
    assert_eq!(c[1].1, "S1 = B1 < B2 < S2");
}

#[test]
fn crossing_values_on_one_side_are_refused_naming_the_crossing() {
    // B1 = 2k and B2 = 5 cross at k = 5/2 inside 0 < k < 10.
    let err = family("[\"2k\", \"5\"]", "[\"1\", \"20\"]", "0 < k < 10")
        .unwrap()
        .cells()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("buyer.values") && err.contains("strictly increasing"),
        "{err}"
    );
    assert!(err.contains("5/2"), "{err}");
    // on a domain that stops before the crossing it is fine
    assert!(
        family("[\"2k\", \"5\"]", "[\"1\", \"20\"]", "0 < k < 5/2")
            .unwrap()
            .cells()
            .is_ok()
    );
}
