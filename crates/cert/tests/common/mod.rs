//! Hand-made certificates shared by the integration tests, every expected value computed by
//! hand in the comments, the tampering helpers (change one number or flip one boolean), and
//! the committed certificates under proofs/certificates.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::{Value, json};

/// Every certificate committed under proofs/certificates (written by mechcert), in path order,
/// with its path.
pub fn committed_certificates() -> Vec<(PathBuf, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../proofs/certificates");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "only {} certificates", paths.len());
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let c = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, c)
        })
        .collect()
}

/// B = (2, 5), S = (1, 3), all probabilities 1/2, one buyer.
pub fn small_instance(buyers: u64) -> Value {
    json!({
        "name": "small",
        "source": "hand-made",
        "buyers": buyers,
        "tie_break": "uniform",
        "seller_ties": "no-trade",
        "buyer": {"values": ["2", "5"], "probs": ["1/2", "1/2"]},
        "seller": {"values": ["1", "3"], "probs": ["1/2", "1/2"]}
    })
}

/// B = (1, 10), S = (0, 9), all probabilities 1/2: B2 > S2 > B1 > S1 with Π(x*) < 0.
pub fn deficit_instance() -> Value {
    json!({
        "name": "deficit",
        "buyers": 1,
        "tie_break": "lowest-index",
        "seller_ties": "no-trade",
        "buyer": {"values": ["1", "10"], "probs": ["1/2", "1/2"]},
        "seller": {"values": ["0", "9"], "probs": ["1/2", "1/2"]}
    })
}

fn cert(
    claim: &str,
    verdict: &str,
    instance: Value,
    quantities: Value,
    assertions: Value,
) -> Value {
    json!({
        "format": "mechcert-cert/1",
        "claim": claim,
        "section": "test",
        "statement": "hand-made certificate",
        "verdict": verdict,
        "reason": "computed by hand",
        "instance": instance,
        "quantities": quantities,
        "assertions": assertions
    })
}

/// VCG', VCG and the paper's closed form for Π^{VCG'} on B = (2, 5), S = (1, 3).
///
/// VCG' (Definition 2), profile by profile (B, S): pays - receives
///   (2, 1): 2 - 1 = 1;  (2, 3): no trade;  (5, 1): 2 - 3 = -1;  (5, 3): 5 - 3 = 2
///   Π = (1 - 1 + 2) / 4 = 1/2.
/// VCG (Definition 1): (2, 1): 1 - 2 = -1; (5, 1): 1 - 5 = -4; (5, 3): 3 - 5 = -2; Π = -7/4.
/// Closed form: FS(B1) B1 + (1 - FB(B1))(FS(B2) - FS(B1)) B2 - FS(S1)(FB(S2) - FB(S1)) S1
///   - FS(S2)(1 - FB(S2)) S2 = 1 + 5/4 - 1/4 - 3/2 = 1/2.
pub fn surplus_cert() -> Value {
    cert(
        "proposition-1",
        "holds",
        small_instance(1),
        json!([
            {"name": "Pi", "kind": "vcg-prime-surplus", "value": "1/2"},
            {"name": "Pi_vcg", "kind": "vcg-surplus", "value": "-7/4"},
            {"name": "Pi_formula", "kind": "formula",
             "expr": "FS(B1)*B1 + (1 - FB(B1))*(FS(B2) - FS(B1))*B2 - FS(S1)*(FB(S2) - FB(S1))*S1 - FS(S2)*(1 - FB(S2))*S2",
             "value": "1/2"}
        ]),
        json!([
            {"role": "condition", "text": "Pi is exactly 1/2", "relation": "eq",
             "left": "Pi", "right": "1/2", "holds": true},
            {"role": "claim", "text": "VCG' surplus equals the closed form", "relation": "eq",
             "left": "Pi", "right": "Pi_formula", "holds": true},
            {"role": "claim", "text": "VCG' runs a larger surplus than VCG", "relation": "gt",
             "left": "Pi", "right": "Pi_vcg", "holds": true}
        ]),
    )
}

/// Tight surplus, welfare, implementability on B = (1, 10), S = (0, 9).
///
/// For x = [[a, b], [c, d]], the tight transfers (Section 6) are
///   t_b: (1,1) a, (2,1) a + 10(c - a), (1,2) b, (2,2) b + 10(d - b);
///   t_s: (1,1) = (1,2) = 9b, (2,1) = (2,2) = 9d;
/// so Π(x) = (1/4)(-8a - 26b + 10c - 8d). At x* = [[1, 0], [1, 1]]: Π = -6/4 = -3/2, the VCG'
/// surplus: (1, 0): 1 - 0; (10, 0): 1 - 9; (10, 9): 10 - 9; (1 - 8 + 1)/4 = -3/2.
/// x = [[1/2, 0], [1, 1/4]]: Π = (1/4)(-4 + 10 - 2) = 1; welfare (1/4)(1/2 + 10 + 1/4) = 43/16;
/// xb = (1/4, 5/8) increasing, xs = (3/4, 1/8) decreasing: implementable (and x(1,2) = 1
/// would make xb(1) = 3/4 > 5/8).
/// Welfare of x* = (1/4)(1 + 10 + 1) = 3. [[1, 1], [1/2, 1/2]] has xb = (1, 1/2): not
/// implementable (every entry positive, so raising one leaves [0, 1]).
pub fn tight_cert() -> Value {
    let x = json!([["1/2", "0"], ["1", "1/4"]]);
    cert(
        "theorem-2",
        "holds",
        deficit_instance(),
        json!([
            {"name": "Pi_x", "kind": "tight-surplus", "allocation": x, "value": "1"},
            {"name": "Pi_star", "kind": "tight-surplus", "value": "-3/2"},
            {"name": "Pi_vcgp", "kind": "vcg-prime-surplus", "value": "-3/2"},
            {"name": "W_x", "kind": "welfare", "allocation": x, "value": "43/16"},
            {"name": "W_star", "kind": "welfare", "value": "3"},
            {"name": "impl_x", "kind": "implementable", "allocation": x, "value": true},
            {"name": "impl_bad", "kind": "implementable", "allocation": [["1", "1"], ["1/2", "1/2"]],
             "value": false}
        ]),
        json!([
            {"role": "condition", "text": "x is implementable", "relation": "is",
             "left": "impl_x", "right": "true", "holds": true},
            {"role": "claim", "text": "T(x*) is VCG'", "relation": "eq",
             "left": "Pi_star", "right": "Pi_vcgp", "holds": true},
            {"role": "claim", "text": "x runs a surplus of 1", "relation": "ge",
             "left": "Pi_x", "right": "1", "holds": true},
            {"role": "claim", "text": "x has less welfare than x*", "relation": "lt",
             "left": "W_x", "right": "W_star", "holds": true},
            {"role": "claim", "text": "a decreasing xb is not implementable", "relation": "is",
             "left": "impl_bad", "right": "false", "holds": true}
        ]),
    )
}

/// Every property of VCG' (as tables and named), VCG (named) and BB (named, alpha = 1/2) on
/// B = (2, 5), S = (1, 3), one buyer.
///
/// VCG' tables: x = [[1, 0], [1, 1]], tb = [[2, 0], [2, 5]], ts = [[1, 0], [3, 3]].
/// Interim: xb = (1/2, 1), t̄b = (1, 7/2), U_b = (0, 3/2); xs = (1, 1/2), t̄s = (2, 3/2),
/// U_s = (1, 0). IC buyer: B1 as B2: 2 - 7/2 = -3/2 (slack 3/2); B2 as B1: 5/2 - 1 = 3/2 (slack
/// 0). IC seller: S1 as S2: 3/2 - 1/2 = 1 (slack 0); S2 as S1: 2 - 3 = -1 (slack 1). Monotone:
/// 1/2 and 1/2. Ex post: IC min 0 (B1 at S1 reporting B2 pays 2 either way), IR min 0, BB
/// t_b - t_s = (1, 0, -1, 2): min -1, fails; efficient.
///
/// VCG (Definition 1): tb = [[1, 0], [1, 3]], ts = [[2, 0], [5, 5]]. Interim t̄b = (1/2, 2),
/// U_b = (1/2, 3); t̄s = (7/2, 5/2), U_s = (5/2, 1). IC buyer: B1 as B2: 2 - 2 = 0 (slack 1/2);
/// B2 as B1: 5/2 - 1/2 = 2 (slack 1). IC seller: S1 as S2: 5/2 - 1/2 = 2 (slack 1/2); S2 as
/// S1: 7/2 - 3 = 1/2 (slack 1/2). IR: buyer min U_b = 1/2, seller min U_s = 1.
/// Ex post IC min 0 (e.g. B1 at S2 reporting B2: 2 - 3 = -1 vs 0: slack 1; B1 at S1 reporting
/// B2: 2 - 1 = 1 = truthful: slack 0); IR min 0 (B1 at S2); BB t_b - t_s = (-1, 0, -4, -2):
/// min -4.
///
/// BB (Section 5 with one buyer, alpha = 1/2, α_1 = 1/2, Π = 1/2, E t̄s = 7/4): t(i, j) =
/// t̄b(i) + t̄s(j) - 7/4 - 1/4: t = [[1, 1/2], [7/2, 3]]. Interim t̄b = (3/4, 13/4), U_b = (1/4,
/// 7/4); t̄s = (9/4, 7/4), U_s = (5/4, 1/4). IC buyer: B1 as B2: 2 - 13/4 (slack 3/2); B2 as
/// B1: 5/2 - 3/4 = 7/4 (slack 0). IC seller: S1 as S2: 7/4 - 1/2 = 5/4 (slack 0); S2 as S1:
/// 9/4 - 3 (slack 1). Ex post IR: B1 at S2 pays 1/2 for nothing: -1/2. Ex post IC: B2 at S1
/// gets 5 - 7/2 = 3/2 but 5 - 1 = 4 reporting B1: slack -5/2 (the minimum; the seller's
/// worst is -1/2). BB holds (0), efficient. The last two claims do not hold: verdict `fails`.
pub fn mechanism_cert() -> Value {
    let p = |h: bool, s: &str| json!({"holds": h, "min_slack": s});
    let all = json!([
        "interim_ic_buyer",
        "interim_ic_seller",
        "interim_ir_buyer",
        "interim_ir_seller",
        "monotone",
        "ex_post_ic",
        "ex_post_ir",
        "ex_post_bb",
        "efficient"
    ]);
    let vcgp = json!({
        "interim_ic_buyer": p(true, "0"), "interim_ic_seller": p(true, "0"),
        "interim_ir_buyer": p(true, "0"), "interim_ir_seller": p(true, "0"),
        "monotone": p(true, "1/2"), "ex_post_ic": p(true, "0"), "ex_post_ir": p(true, "0"),
        "ex_post_bb": p(false, "-1"), "efficient": p(true, "0")
    });
    cert(
        "vcg-prime-dominant",
        "fails",
        small_instance(1),
        json!([
            {"name": "tables", "kind": "mechanism",
             "tables": {"x": [["1", "0"], ["1", "1"]], "tb": [["2", "0"], ["2", "5"]],
                        "ts": [["1", "0"], ["3", "3"]]},
             "properties": all, "value": vcgp},
            {"name": "vcgp", "kind": "mechanism", "named": {"mechanism": "vcg-prime"},
             "properties": all, "value": vcgp},
            {"name": "vcg", "kind": "mechanism", "named": {"mechanism": "vcg"},
             "properties": all, "value": {
                "interim_ic_buyer": p(true, "1/2"), "interim_ic_seller": p(true, "1/2"),
                "interim_ir_buyer": p(true, "1/2"), "interim_ir_seller": p(true, "1"),
                "monotone": p(true, "1/2"), "ex_post_ic": p(true, "0"),
                "ex_post_ir": p(true, "0"), "ex_post_bb": p(false, "-4"),
                "efficient": p(true, "0")}},
            {"name": "bb", "kind": "mechanism", "named": {"mechanism": "bb", "alpha": "1/2"},
             "properties": all, "value": {
                "interim_ic_buyer": p(true, "0"), "interim_ic_seller": p(true, "0"),
                "interim_ir_buyer": p(true, "1/4"), "interim_ir_seller": p(true, "1/4"),
                "monotone": p(true, "1/2"), "ex_post_ic": p(false, "-5/2"),
                "ex_post_ir": p(false, "-1/2"), "ex_post_bb": p(true, "0"),
                "efficient": p(true, "0")}}
        ]),
        json!([
            {"role": "condition", "text": "VCG' is dominant-strategy IC", "relation": "property",
             "left": "vcgp", "right": "ex_post_ic", "holds": true},
            {"role": "claim", "text": "the tables are VCG' ex post IR", "relation": "property",
             "left": "tables", "right": "ex_post_ir", "holds": true},
            {"role": "claim", "text": "BB is budget balanced", "relation": "property",
             "left": "bb", "right": "ex_post_bb", "holds": true},
            {"role": "claim", "text": "BB is ex post IR", "relation": "property",
             "left": "bb", "right": "ex_post_ir", "holds": false},
            {"role": "claim", "text": "VCG is budget balanced", "relation": "property",
             "left": "vcg", "right": "ex_post_bb", "holds": false}
        ]),
    )
}

/// Two buyers, B = (2, 5), S = (1, 3), all 1/2, uniform ties.
///
/// VCG' (threshold rule), (B^1, B^2, S): Σ t_i - t_s
///   (2,2,1): each pays (1/2) 2 = 1; seller X(S1) = 1, X(S2) = 0: 1.  Σ - t_s = 1
///   (2,2,3): no trade: 0
///   (2,5,1): buyer 2 pays (1/2) 2 + (1/2) 5 = 7/2; seller 3: 1/2 (and (5,2,1) likewise)
///   (2,5,3): buyer 2 pays 5 (reporting 2 loses to S2); seller 3: 2 (and (5,2,3))
///   (5,5,1), (5,5,3): each pays (1/2) 5; seller 3: 2
///   Π = (1 + 0 + 1/2 + 1/2 + 2 + 2 + 2 + 2) / 8 = 5/4; BB min 0 (at (2,2,3)) but fails.
/// VCG (Clarke): (2,2,1): 2 - 2 = 0; (2,5,1): 2 - 5 = -3 (twice); (2,5,3): 3 - 5 = -2 (twice);
///   (5,5,·): 5 - 5 = 0; Π = -10/8 = -5/4.
pub fn two_buyer_cert() -> Value {
    let p = |h: bool, s: &str| json!({"holds": h, "min_slack": s});
    cert(
        "vcg-deficit",
        "holds",
        small_instance(2),
        json!([
            {"name": "Pi2", "kind": "vcg-prime-surplus", "value": "5/4"},
            {"name": "Pi2_vcg", "kind": "vcg-surplus", "value": "-5/4"},
            {"name": "vcgp", "kind": "mechanism", "named": {"mechanism": "vcg-prime"},
             "properties": ["ex_post_ic", "ex_post_ir", "ex_post_bb", "efficient"],
             "value": {"ex_post_ic": p(true, "0"), "ex_post_ir": p(true, "0"),
                       "ex_post_bb": p(false, "0"), "efficient": p(true, "0")}}
        ]),
        json!([
            {"role": "condition", "text": "Π_2 = 5/4", "relation": "eq",
             "left": "Pi2", "right": "5/4", "holds": true},
            {"role": "claim", "text": "VCG' beats VCG", "relation": "gt",
             "left": "Pi2", "right": "Pi2_vcg", "holds": true},
            {"role": "claim", "text": "VCG' is efficient", "relation": "property",
             "left": "vcgp", "right": "efficient", "holds": true}
        ]),
    )
}

/// Example 2 of Section 5 as a family: S = (3k, 8k, 9k), B = (7k, 8k + 1, 9k + 1), all 1/3,
/// two buyers, k > 1. Π_2(k) = (1/3)(1/3) + 8/27 + 4/27 + (4/27)(1 - k) = 19/27 - 4/27 k
/// (also by brute force at k = 2, 3, 5: 11/27, 7/27, -1/27); it vanishes at k = 19/4.
/// FB(S2) (B2) = (1/3)(8k + 1) since B1 = 7k <= 8k < 8k + 1. B3 - S3 = 1.
/// With one buyer (`buyers` 1) Π_1 = 1/3 for every k > 1 (at k = 2: B = (14, 17, 19), S =
/// (6, 16, 18): 8 - 2 + 1 - 4 - 1 + 1 = 3, times 1/9). max(B1, S2) - min(S3, B2) = 8k -
/// (8k + 1) = -1 (7k < 8k; 8k + 1 < 9k for k > 1).
pub fn family_cert() -> Value {
    cert(
        "example-2",
        "holds",
        json!({
            "name": "Example 2", "buyers": 2, "tie_break": "highest-index",
            "seller_ties": "no-trade", "parameter": "k", "domain": "k > 1",
            "buyer": {"values": ["7k", "8k + 1", "9k + 1"], "probs": ["1/3", "1/3", "1/3"]},
            "seller": {"values": ["3k", "8k", "9k"], "probs": ["1/3", "1/3", "1/3"]}
        }),
        json!([
            {"name": "Pi2", "kind": "poly-identity", "poly": "19/27 - 4/27*k",
             "of": {"kind": "vcg-prime-surplus"}, "degree_bound": 1, "value": true},
            {"name": "Pi2_off", "kind": "poly-identity", "poly": "-8/27 - 4/27*k",
             "of": {"kind": "vcg-prime-surplus"}, "degree_bound": 1, "value": false},
            {"name": "sign", "kind": "poly-sign", "poly": "19/27 - 4/27*k",
             "pieces": [{"open": ["1", "19/4"], "sign": "+"}, {"point": "19/4", "sign": "0"},
                        {"open": ["19/4", null], "sign": "-"}],
             "value": true},
            {"name": "fb", "kind": "poly-identity", "poly": "8/3*k + 1/3",
             "of": {"kind": "formula", "expr": "FB(S2)*B2"}, "degree_bound": 1, "value": true},
            {"name": "gap", "kind": "poly-identity", "poly": "1",
             "of": {"kind": "formula", "expr": "B3 - S3"}, "degree_bound": 1, "value": true},
            {"name": "hp", "kind": "has-parameter", "value": true},
            {"name": "Pi1", "kind": "poly-identity", "poly": "1/3",
             "of": {"kind": "vcg-prime-surplus", "buyers": 1}, "degree_bound": 1, "value": true},
            {"name": "minmax", "kind": "poly-identity", "poly": "-1",
             "of": {"kind": "formula", "expr": "max(B1, S2) - min(S3, B2)"}, "degree_bound": 1,
             "value": true}
        ]),
        json!([
            {"role": "condition", "text": "a family", "relation": "is",
             "left": "hp", "right": "true", "holds": true},
            {"role": "case", "text": "one buyer: Π_1 = 1/3", "relation": "is",
             "left": "Pi1", "right": "true", "holds": true},
            {"role": "claim", "text": "max(B1, S2) - min(S3, B2) = -1", "relation": "is",
             "left": "minmax", "right": "true", "holds": true},
            {"role": "condition", "text": "B3 - S3 = 1", "relation": "is",
             "left": "gap", "right": "true", "holds": true},
            {"role": "claim", "text": "Π_2(k) = 19/27 - 4/27 k", "relation": "is",
             "left": "Pi2", "right": "true", "holds": true},
            {"role": "claim", "text": "Π_2 is not 1 lower", "relation": "is",
             "left": "Pi2_off", "right": "false", "holds": true},
            {"role": "claim", "text": "Π_2 > 0 iff k < 19/4", "relation": "is",
             "left": "sign", "right": "true", "holds": true},
            {"role": "claim", "text": "FB(S2) B2 = (8k + 1)/3", "relation": "is",
             "left": "fb", "right": "true", "holds": true}
        ]),
    )
}

/// LPs on B = (2, 5), S = (1, 3).
///
/// max-surplus with x*: xb = (1/2, 1), xs = (1, 1/2). Rows (constants moved right):
///   ic_b(1,2): tb1 - tb2 <= -1     ic_b(2,1): tb2 - tb1 <= 5/2
///   ir_b(1):   tb1 <= 1            ir_b(2):   tb2 <= 5
///   ic_s(1,2): -ts1 + ts2 <= -1/2  ic_s(2,1): ts1 - ts2 <= 3/2
///   ir_s(1):   -ts1 <= -1          ir_s(2):   -ts2 <= -3/2
/// max (tb1 + tb2 - ts1 - ts2)/2. Primal: VCG' interim tb = (1, 7/2), ts = (2, 3/2), value
/// 1/2 + 7/4 - 1 - 3/4 = 1/2. Dual (all variables free, so A^T y = c): tb2: y[ic_b(2,1)] =
/// 1/2; tb1: y[ir_b(1)] - 1/2 = 1/2, so 1; ts1: -y[ic_s(1,2)] = -1/2; ts2: 1/2 - y[ir_s(2)] =
/// -1/2, so 1. y·b = (1/2)(5/2) + 1 - (1/2)(1/2) - 3/2 = 1/2 = VCG' surplus (Proposition 1).
///
/// bb-feasible: t = [[1, 1/2], [7/2, 3]] (the BB mechanism with alpha = 1/2): tb = (3/4, 13/4),
/// ts = (9/4, 7/4); ir_b: 3/4 <= 1, 13/4 <= 5; ic_b(2,1): 5/2 <= 5/2; ic_b(1,2): -5/2 <= -1;
/// ir_s: 9/4 >= 1, 7/4 >= 3/2; ic_s(1,2): -1/2 <= -1/2; ic_s(2,1): 1/2 <= 3/2.
pub fn lp_small_cert() -> Value {
    cert(
        "proposition-1",
        "holds",
        small_instance(1),
        json!([
            {"name": "Pi", "kind": "vcg-prime-surplus", "value": "1/2"},
            {"name": "maxsurplus", "kind": "lp", "model": "max-surplus", "options": {},
             "status": "optimal",
             "x": {"tb(1)": "1", "tb(2)": "7/2", "ts(1)": "2", "ts(2)": "3/2"},
             "y": {"ic_b(2,1)": "1/2", "ir_b(1)": "1", "ic_s(1,2)": "1/2", "ir_s(2)": "1"},
             "value": "1/2"},
            {"name": "bb", "kind": "lp", "model": "bb-feasible", "status": "feasible",
             "x": {"t(1,1)": "1", "t(1,2)": "1/2", "t(2,1)": "7/2", "t(2,2)": "3"},
             "value": true}
        ]),
        json!([
            {"role": "claim", "text": "the LP maximum is the VCG' surplus", "relation": "eq",
             "left": "maxsurplus", "right": "Pi", "holds": true},
            {"role": "claim", "text": "an efficient BB mechanism exists", "relation": "is",
             "left": "bb", "right": "true", "holds": true}
        ]),
    )
}

/// LPs on B = (1, 10), S = (0, 9) (Π(x*) = -3/2 < 0).
///
/// bb-feasible is infeasible (Theorem 1). Farkas y: ir_b(1) 1, ic_b(2,1) 1/2, ir_s(2) 1,
/// ic_s(1,2) 1/2. Transfer parts: tb1 + (tb2 - tb1)/2 - ts2 + (ts2 - ts1)/2 = E t - E t = 0 for
/// every t, so yA = 0; y·b = (1/2)(1) + (1/2)(1 - 1/2)10 - (1/2)9 + (1/2)(1/2 - 1)0 = -3/2 < 0.
///
/// reduced (max W s.t. monotone, Π(x) = 0): Π = -2a - 13/2 b + 5/2 c - 2d and W = a/4 - 2b +
/// 5/2 c + d/4 for x = [[a, b], [c, d]]. b = 0, c = 1, a + d = 5/4: W = 45/16 at a = 1,
/// d = 1/4. Dual y[pi] = -1/8: reduced costs w + coef/8 = (0, -45/16, 45/16, 0), so the bound
/// is 45/16 · 1 (c at its upper bound 1) = 45/16.
///
/// second-best (x and t, max W): same x; t from Theorem 2 with Π(x) = 0: t(i, j) = t̄b(i) =
/// (1/2, 7/4) (tight t̄b = (1/2, 1/2 + (5/8 - 1/2)10), t̄s = (9/8, 9/8)). Dual: the Farkas
/// combination above times 1/8 (it is -Π(x) <= 0 in x, and 0 in t): reduced costs as in
/// `reduced`, y·b = 0, bound 45/16.
///
/// max-pi (max Π s.t. monotone, Π >= 0, W >= 45/16): W >= 45/16 forces a + d >= 5/4 (with b
/// = 0, c = 1), so Π <= 5/2 - 2(a + d) <= 0: optimum 0 at the same x. Dual y[welfare] = 8:
/// reduced costs coef + 8w = (0, -45/2, 45/2, 0), bound 8(-45/16) + 45/2 = 0.
pub fn lp_deficit_cert() -> Value {
    let xsb = json!({"x(1,1)": "1", "x(2,1)": "1", "x(2,2)": "1/4"});
    cert(
        "theorem-3",
        "holds",
        deficit_instance(),
        json!([
            {"name": "Pi", "kind": "vcg-prime-surplus", "value": "-3/2"},
            {"name": "W_star", "kind": "welfare", "value": "3"},
            {"name": "bb", "kind": "lp", "model": "bb-feasible", "status": "infeasible",
             "y": {"ir_b(1)": "1", "ic_b(2,1)": "1/2", "ir_s(2)": "1", "ic_s(1,2)": "1/2"},
             "value": false},
            {"name": "red", "kind": "lp", "model": "reduced", "status": "optimal",
             "x": xsb, "y": {"pi": "-1/8"}, "value": "45/16"},
            {"name": "sb", "kind": "lp", "model": "second-best", "status": "optimal",
             "x": {"x(1,1)": "1", "x(2,1)": "1", "x(2,2)": "1/4", "t(1,1)": "1/2",
                   "t(1,2)": "1/2", "t(2,1)": "7/4", "t(2,2)": "7/4"},
             "y": {"ir_b(1)": "1/8", "ic_b(2,1)": "1/16", "ir_s(2)": "1/8", "ic_s(1,2)": "1/16"},
             "value": "45/16"},
            {"name": "maxpi", "kind": "lp", "model": "max-pi",
             "options": {"welfare_at_least": "45/16"}, "status": "optimal",
             "x": xsb, "y": {"welfare": "8"}, "value": "0"}
        ]),
        json!([
            {"role": "condition", "text": "Π(x*) = -3/2", "relation": "eq",
             "left": "Pi", "right": "-3/2", "holds": true},
            {"role": "claim", "text": "no efficient BB mechanism", "relation": "is",
             "left": "bb", "right": "false", "holds": true},
            {"role": "claim", "text": "second best equals the reduced problem", "relation": "eq",
             "left": "sb", "right": "red", "holds": true},
            {"role": "claim", "text": "second best is below first best", "relation": "lt",
             "left": "sb", "right": "W_star", "holds": true},
            {"role": "claim", "text": "no surplus left at the second best", "relation": "eq",
             "left": "maxpi", "right": "0", "holds": true}
        ]),
    )
}

/// Example 1 of the paper: B = (1, 4), S = (0, 3), every probability 1/2, three buyers,
/// uniform ties. Π_I = p_L Π_{I-1} + p_H (B_H - S_H) with Π_1 = 0 (B_L = 1 pays 1, receives
/// 0 against S_L; B_H pays 1, receives 3 against S_L; pays 4, receives 3 against S_H:
/// (1 - 2 + 1)/4 = 0), so Π_I = 1 - (1/2)^(I-1): Π_3 = 3/4, Π_4 = 7/8, Π_40 =
/// 549755813887/549755813888 (2^39 = 549755813888; far beyond the profile enumeration, by
/// multisets). Π_3 is the same under every tie rule.
///
/// VCG (Clarke) loses money only when exactly one buyer is high: -(4 - max(1, 0)) = -3
/// against S_L, -(4 - 3) = -1 against S_H, on average -2; so Π_I^VCG = -2 I / 2^I =
/// -I / 2^(I-1) for I >= 2: Π_2 = -1, Π_40 = -40/2^39 = -5/2^36 = -5/68719476736.
///
/// Formulas: m^I*n = 2^3 2 = 16 profiles; {Pi1} + 1 - (1/2)^(m^2*10 - 1) = 1 - (1/2)^39;
/// the recursion pB1 {Pi3} + pB2 (B2 - S2) = 3/8 + 1/2 = 7/8; max(B1 - S1, B2 - S2, 1/2) =
/// max(1, 1, 1/2) = 1; min(B2, S2 + 1/2, 7) = 7/2.
pub fn example1_cert() -> Value {
    cert(
        "example-1",
        "holds",
        json!({
            "name": "Example 1", "buyers": 3, "tie_break": "uniform", "seller_ties": "no-trade",
            "buyer": {"values": ["1", "4"], "probs": ["1/2", "1/2"]},
            "seller": {"values": ["0", "3"], "probs": ["1/2", "1/2"]}
        }),
        json!([
            {"name": "hp", "kind": "has-parameter", "value": false},
            {"name": "Pi1", "kind": "vcg-prime-surplus", "buyers": 1, "value": "0"},
            {"name": "Pi3", "kind": "vcg-prime-surplus", "value": "3/4"},
            {"name": "Pi3_low", "kind": "vcg-prime-surplus", "tie_break": "lowest-index",
             "value": "3/4"},
            {"name": "Pi4", "kind": "vcg-prime-surplus", "buyers": "4",
             "tie_break": "highest-index", "value": "7/8"},
            {"name": "Pi40", "kind": "vcg-prime-surplus", "buyers": 40,
             "value": "549755813887/549755813888"},
            {"name": "Pi2_vcg", "kind": "vcg-surplus", "buyers": 2, "tie_break": "highest-index",
             "value": "-1"},
            {"name": "Pi40_vcg", "kind": "vcg-surplus", "buyers": 40, "value": "-5/68719476736"},
            {"name": "profiles", "kind": "formula", "expr": "m^I*n", "value": "16"},
            {"name": "closed40", "kind": "formula", "expr": "{Pi1} + 1 - (1/2)^(m^2*10 - 1)",
             "value": "549755813887/549755813888"},
            {"name": "recursion", "kind": "formula", "expr": "pB1*{Pi3} + pB2*(B2 - S2)",
             "value": "7/8"},
            {"name": "gap", "kind": "formula", "expr": "max(B1 - S1, B2 - S2, 1/2)", "value": "1"},
            {"name": "low", "kind": "formula", "expr": "min(B2, S2 + 1/2, 7)", "value": "7/2"}
        ]),
        json!([
            {"role": "condition", "text": "a concrete instance", "relation": "is",
             "left": "hp", "right": "false", "holds": true},
            {"role": "claim", "text": "Π_40 = 1 - (1/2)^39", "relation": "eq",
             "left": "Pi40", "right": "closed40", "holds": true},
            {"role": "claim", "text": "Π_4 = p_L Π_3 + p_H (B_H - S_H)", "relation": "eq",
             "left": "Pi4", "right": "recursion", "holds": true},
            {"role": "claim", "text": "Π_3 does not depend on the tie rule", "relation": "eq",
             "left": "Pi3", "right": "Pi3_low", "holds": true},
            {"role": "case", "text": "Π_1 >= 0", "relation": "ge",
             "left": "Pi1", "right": "0", "holds": true},
            {"role": "case", "text": "VCG with 40 buyers does as well as VCG' with one",
             "relation": "ge", "left": "Pi40_vcg", "right": "Pi1", "holds": false},
            {"role": "claim", "text": "VCG' beats VCG with two buyers", "relation": "gt",
             "left": "Pi1", "right": "Pi2_vcg", "holds": true}
        ]),
    )
}

/// Interim tight transfers on B = (2, 5), S = (1, 3), all probabilities 1/2, for the
/// allocation written as formulas X = [[pB1, 0], [min(1, 2*FS(S1)), 1/(m+2)]] =
/// [[1/2, 0], [1, 1/4]]: xb = (1/4, 5/8), xs = (3/4, 1/8) (implementable).
///
/// t_b(B_k, S_l) = Σ_{j<=k} [x(j,l) - x(j-1,l)] B_j: (1,1) 1, (1,2) 0, (2,1) 1 + 5/2 = 7/2,
/// (2,2) 0 + 5/4 = 5/4; t_s(B_k, S_l) = Σ_{j>=l} [x(k,j) - x(k,j+1)] S_j: (1,1) 1/2 + 0 = 1/2,
/// (2,1) (1 - 1/4) + 3/4 = 3/2, (1,2) 0, (2,2) 3/4.
/// Interim: t̄_b = (1/2, (7/2 + 5/4)/2 = 19/8), t̄_s = ((1/2 + 3/2)/2 = 1, 3/8).
/// Π(x) = (1/2 + 19/8)/2 - (1 + 3/8)/2 = 3/4 (ex post: (1/2 + 0 + 2 + 1/2)/4 = 3/4).
/// Welfare (1/4)(1/2 · 1 + 0 + 1 · 4 + 1/4 · 2) = 5/4.
/// At x* the tight transfers are VCG': t̄_b(B2) = (2 + 5)/2 = 7/2, t̄_s(S1) = (1 + 3)/2 = 2.
///
/// max-surplus with x = X: primal t̄_b, t̄_s above (ic_b(2,1), ir_b(1), ic_s(1,2), ir_s(2)
/// tight), dual y as in `lp_small_cert` (A^T y = c), y·b = (1/2)(25/8 - 5/4) + 1/2 +
/// (1/2)(-(3/4 - 1/8)) - 3/8 = 15/16 + 1/2 - 5/16 - 3/8 = 3/4.
pub fn tight_interim_cert() -> Value {
    let x = json!([["pB1", "0"], ["min(1, 2*FS(S1))", "1/(m+2)"]]);
    cert(
        "theorem-2",
        "holds",
        small_instance(1),
        json!([
            {"name": "tb1", "kind": "tight-interim", "allocation": x, "side": "buyer",
             "index": 1, "value": "1/2"},
            {"name": "tb2", "kind": "tight-interim", "allocation": x, "side": "buyer",
             "index": "2", "value": "19/8"},
            {"name": "ts1", "kind": "tight-interim", "allocation": x, "side": "seller",
             "index": 1, "value": "1"},
            {"name": "ts2", "kind": "tight-interim", "allocation": x, "side": "seller",
             "index": 2, "value": "3/8"},
            {"name": "tb2_star", "kind": "tight-interim", "side": "buyer", "index": 2,
             "value": "7/2"},
            {"name": "ts1_star", "kind": "tight-interim", "side": "seller", "index": 1,
             "value": "2"},
            {"name": "Pi_x", "kind": "tight-surplus", "allocation": x, "value": "3/4"},
            {"name": "Pi_interim", "kind": "formula",
             "expr": "pB1*{tb1} + pB2*{tb2} - pS1*{ts1} - pS2*{ts2}", "value": "3/4"},
            {"name": "W_x", "kind": "welfare", "allocation": x, "value": "5/4"},
            {"name": "W_formula", "kind": "formula", "allocation": x,
             "expr": "pB1*pS1*x(1,1)*(B1 - S1) + pB1*pS2*x(1,2)*(B1 - S2) + pB2*pS1*x(2,1)*(B2 - S1) + pB2*pS2*x(2,2)*(B2 - S2)",
             "value": "5/4"},
            {"name": "xb_gap", "kind": "formula", "allocation": x, "expr": "xb(2) - xb(1)",
             "value": "3/8"},
            {"name": "xs_gap", "kind": "formula", "allocation": x, "expr": "xs(1) - xs(m)",
             "value": "5/8"},
            {"name": "impl", "kind": "implementable", "allocation": x, "value": true},
            {"name": "lp_x", "kind": "lp", "model": "max-surplus", "options": {"allocation": x},
             "status": "optimal",
             "x": {"tb(1)": "1/2", "tb(2)": "19/8", "ts(1)": "1", "ts(2)": "3/8"},
             "y": {"ic_b(2,1)": "1/2", "ir_b(1)": "1", "ic_s(1,2)": "1/2", "ir_s(2)": "1"},
             "value": "3/4"}
        ]),
        json!([
            {"role": "condition", "text": "x is implementable", "relation": "is",
             "left": "impl", "right": "true", "holds": true},
            {"role": "claim", "text": "Π(x) is E t̄_b - E t̄_s", "relation": "eq",
             "left": "Pi_x", "right": "Pi_interim", "holds": true},
            {"role": "claim", "text": "the tight transfers maximise the surplus", "relation": "eq",
             "left": "lp_x", "right": "Pi_x", "holds": true},
            {"role": "claim", "text": "welfare by x(i,j)", "relation": "eq",
             "left": "W_x", "right": "W_formula", "holds": true},
            {"role": "claim", "text": "t^T(x*) is VCG'", "relation": "eq",
             "left": "tb2_star", "right": "7/2", "holds": true},
            {"role": "case", "text": "the buyer gap exceeds the seller gap", "relation": "gt",
             "left": "xb_gap", "right": "xs_gap", "holds": false}
        ]),
    )
}

/// Every hand-made valid certificate, by name.
pub fn all_valid() -> Vec<(&'static str, Value)> {
    vec![
        ("surplus", surplus_cert()),
        ("tight", tight_cert()),
        ("mechanism", mechanism_cert()),
        ("two_buyer", two_buyer_cert()),
        ("family", family_cert()),
        ("lp_small", lp_small_cert()),
        ("lp_deficit", lp_deficit_cert()),
        ("example1", example1_cert()),
        ("tight_interim", tight_interim_cert()),
    ]
}

/// One tampered copy of a certificate: where, what, and the copy.
pub struct Tampered {
    pub path: String,
    pub change: String,
    pub cert: Value,
}

fn is_exact_number(s: &str) -> bool {
    mechcert_cert::parse_rat(s).is_ok()
}

/// Every single-point change: each number string and JSON integer + 1, each boolean flipped,
/// each polynomial or expression string (`poly`, `expr`, instance values and allocation
/// entries that are not plain numbers) with `+ 1` appended, each `side` swapped (buyer,
/// seller), and each tie rule of a quantity (`tie_break`) replaced by the next one.
pub fn tamper_all(cert: &Value) -> Vec<Tampered> {
    fn walk(v: &Value, path: &mut Vec<String>, root: &Value, out: &mut Vec<Tampered>) {
        let replace = |new: Value, change: String, path: &[String], out: &mut Vec<Tampered>| {
            let mut c = root.clone();
            let mut at = &mut c;
            for p in path {
                at = match at {
                    Value::Object(o) => o.get_mut(p).expect("path exists"),
                    Value::Array(a) => &mut a[p.parse::<usize>().expect("index")],
                    _ => unreachable!(),
                };
            }
            *at = new;
            out.push(Tampered {
                path: path.join("."),
                change,
                cert: c,
            });
        };
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    path.push(k.clone());
                    walk(x, path, root, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    path.push(i.to_string());
                    walk(x, path, root, out);
                    path.pop();
                }
            }
            Value::Bool(b) => replace(Value::Bool(!b), format!("{b} -> {}", !b), path, out),
            Value::Number(n) => {
                let m = n.as_i64().expect("integers only") + 1;
                replace(json!(m), format!("{n} -> {m}"), path, out);
            }
            Value::String(s) => {
                let key = path.last().map(String::as_str).unwrap_or("");
                let in_values = path.iter().any(|p| p == "values")
                    && path.first().is_some_and(|p| p == "instance");
                let in_allocation = path.iter().any(|p| p == "allocation");
                let quantity = path.first().is_some_and(|p| p == "quantities");
                if is_exact_number(s) {
                    let q = mechcert_cert::parse_rat(s).expect("number")
                        + mechcert_cert::parse_rat("1").expect("one");
                    let t = mechcert_cert::fmt_rat(&q);
                    replace(json!(t), format!("{s} -> {t}"), path, out);
                } else if key == "poly" || key == "expr" || in_values || in_allocation {
                    let t = format!("{s} + 1");
                    replace(json!(t), format!("{s} -> {t}"), path, out);
                } else if key == "side" {
                    let t = if s == "buyer" { "seller" } else { "buyer" };
                    replace(json!(t), format!("{s} -> {t}"), path, out);
                } else if key == "tie_break" && quantity {
                    let rules = ["lowest-index", "highest-index", "uniform"];
                    let at = rules.iter().position(|r| r == s).map_or(0, |i| i + 1);
                    let t = rules[at % 3];
                    replace(json!(t), format!("{s} -> {t}"), path, out);
                }
            }
            Value::Null => {}
        }
    }
    let mut out = vec![];
    walk(cert, &mut vec![], cert, &mut out);
    out
}
