//! The SVG pictures: positions and labels computed from exact values, checked against hand
//! computations, and every text escaped.

use mechcert_model::{Instance, Side};
use mechcert_num::Rat;
use mechcert_report::plot::{heat_map, surplus_in_buyers};

fn q(s: &str) -> Rat {
    s.parse().unwrap()
}

fn side(values: &[&str], probs: &[&str]) -> Side {
    Side {
        values: values.iter().map(|v| q(v).into()).collect(),
        probs: probs.iter().map(|p| q(p)).collect(),
    }
}

#[test]
fn surplus_against_buyers_places_example_1_exactly() {
    // Example 1 (B = (2, 6), S = (1, 4), all 1/2): Π_1 = 1/4, Π_2 = 9/8, Π_3 = 25/16.
    let inst = Instance::from_sides(
        "Example 1 <&>",
        side(&["2", "6"], &["1/2", "1/2"]),
        side(&["1", "4"], &["1/2", "1/2"]),
    );
    let svg = surplus_in_buyers(&inst, &[q("1/4"), q("9/8"), q("25/16")]);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    // x: I = 1..3 onto [60, 660]: 60, 360, 660. y: [0, 25/16] onto [360, 60]:
    // 1/4 -> 360 - 300 * (1/4)/(25/16) = 360 - 48 = 312; 9/8 -> 360 - 300 * 18/25 = 144;
    // 25/16 -> 60. All surpluses are positive, so every dot is blue.
    for (x, y) in [(60, 312), (360, 144), (660, 60)] {
        assert!(
            svg.contains(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"#1f5fa8\"/>"
            )),
            "no dot at ({x}, {y}):\n{svg}"
        );
    }
    assert!(svg.contains("Π_1 = 1/4") && svg.contains("Π_3 = 25/16"));
    assert!(svg.contains("Example 1 &lt;&amp;&gt;") && !svg.contains("Example 1 <&>"));
}

#[test]
fn negative_surplus_is_drawn_red() {
    // Example 2 at k = 5 with one and two buyers: Π_1 = 1/3, Π_2 = -1/27 (the paper's values)
    let inst = Instance::from_sides(
        "Example 2",
        side(&["35", "41", "46"], &["1/3", "1/3", "1/3"]),
        side(&["15", "40", "45"], &["1/3", "1/3", "1/3"]),
    );
    let svg = surplus_in_buyers(&inst, &[q("1/3"), q("-1/27")]);
    // y on [-1/27, 1/3] onto [360, 60]: -1/27 is the bottom, 360; x of I = 2 is 660
    assert!(
        svg.contains("<circle cx=\"660\" cy=\"360\" r=\"3\" fill=\"#b8321a\"/>"),
        "{svg}"
    );
    assert!(svg.contains("Π_2 = -1/27"));
}

#[test]
fn heat_map_labels_cells_with_exact_values() {
    // the Theorem 4 counterexample's second best (README): x = [[1, 1], [9/10, 0]]
    let svg = heat_map(
        "second best <x>",
        &["B2".into(), "B1".into()],
        &["S1".into(), "S2".into()],
        &[vec![q("1"), q("1")], vec![q("9/10"), q("0")]],
    );
    assert!(svg.contains(">9/10<"), "{svg}");
    assert!(svg.contains("second best &lt;x&gt;"));
}
