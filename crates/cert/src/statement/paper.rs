//! The paper's formulas as the checker states them, in the certificate formula language
//! (`B1`, `S2`, `pB1`, `FS(v)`, `FB(v)`, `{name}` for a recorded quantity; FORMAT.md), with
//! footnote 4's conventions F(B_0) = 0 and F_b(S_{n+1}) = 1. Statements compare a
//! certificate's formulas with these by value on the instance (or as polynomials on a
//! family's domain), so only their meaning matters, not their spelling.

use super::Reading;

/// `B{i}`, `S{j}`, `pB{i}`, `pS{j}` (1-based, as printed).
pub fn b(i: usize) -> String {
    format!("B{i}")
}
pub fn s(j: usize) -> String {
    format!("S{j}")
}

/// A sum of terms, `0` for none.
fn sum(terms: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = terms.into_iter().map(|t| format!("({t})")).collect();
    if v.is_empty() {
        "0".into()
    } else {
        v.join(" + ")
    }
}

/// min_{i,j} |B_i - S_j| (0 exactly when some buyer value equals some seller value).
pub fn min_gap(m: usize, n: usize) -> String {
    let gaps: Vec<String> = (1..=m)
        .flat_map(|i| (1..=n).map(move |j| format!("max(B{i} - S{j}, S{j} - B{i})")))
        .collect();
    format!("min({})", gaps.join(", "))
}

/// The smallest gap between consecutive values of an order listed from the top
/// (`(true, 2)` is B2, `(false, 1)` is S1); positive iff the values are in that order.
pub fn order_gap(order: &[(bool, usize)]) -> String {
    let v = |&(buyer, i): &(bool, usize)| if buyer { b(i) } else { s(i) };
    let gaps: Vec<String> = order
        .windows(2)
        .map(|w| format!("{} - {}", v(&w[0]), v(&w[1])))
        .collect();
    format!("min({})", gaps.join(", "))
}

/// B_t > S_t > ... > B_1 > S_1, listed from the top (Examples 1 and 2, Theorem 4).
pub fn alternating(types: usize) -> Vec<(bool, usize)> {
    (1..=types)
        .rev()
        .flat_map(|i| [(true, i), (false, i)])
        .collect()
}

/// Section 3: Π^VCG' = Σ_i (1 - F_b(B_{i-1}))(F_s(B_i) - F_s(B_{i-1})) B_i
/// - Σ_j F_s(S_j)(F_b(S_{j+1}) - F_b(S_j)) S_j.
pub fn vcg_prime_closed_form(m: usize, n: usize) -> String {
    let buyer = (1..=m).map(|i| {
        let (fb, fs) = if i == 1 {
            ("0".to_string(), "0".to_string())
        } else {
            (format!("FB(B{})", i - 1), format!("FS(B{})", i - 1))
        };
        format!("(1 - {fb})*(FS(B{i}) - {fs})*B{i}")
    });
    let seller = (1..=n).map(|j| {
        let above = if j == n {
            "1".to_string()
        } else {
            format!("FB(S{})", j + 1)
        };
        format!("FS(S{j})*({above} - FB(S{j}))*S{j}")
    });
    format!("{} - ({})", sum(buyer), sum(seller))
}

/// Section 3 and (A.1): the expected VCG' payment of buyer type B_i,
/// Σ_{k<=i} (F_s(B_k) - F_s(B_{k-1})) B_k.
pub fn buyer_payment(i: usize) -> String {
    sum((1..=i).map(|k| {
        let below = if k == 1 {
            "0".to_string()
        } else {
            format!("FS(B{})", k - 1)
        };
        format!("(FS(B{k}) - {below})*B{k}")
    }))
}

/// Section 3 and (A.2): the expected VCG' payment to seller type S_j,
/// Σ_{k>=j} (F_b(S_{k+1}) - F_b(S_k)) S_k.
pub fn seller_payment(j: usize, n: usize) -> String {
    sum((j..=n).map(|k| {
        let above = if k == n {
            "1".to_string()
        } else {
            format!("FB(S{})", k + 1)
        };
        format!("({above} - FB(S{k}))*S{k}")
    }))
}

/// Section 3: the expected surplus of VCG' before it is rewritten,
/// Σ_i p_b(B_i) t̄_b(B_i) - Σ_j p_s(S_j) t̄_s(S_j).
pub fn vcg_prime_expected_payments(m: usize, n: usize) -> String {
    let paid = (1..=m).map(|i| format!("pB{i}*({})", buyer_payment(i)));
    let received = (1..=n).map(|j| format!("pS{j}*({})", seller_payment(j, n)));
    format!("{} - ({})", sum(paid), sum(received))
}

/// Lemma 1: the buyer's virtual value ψ_b(B_i) = [(1 - F(B_{i-1}))B_i - (1 - F(B_i))B_{i+1}]
/// / p(B_i) (the B_{m+1} term has weight 1 - F(B_m) = 0).
pub fn psi_b(i: usize, m: usize) -> String {
    let below = if i == 1 {
        "0".to_string()
    } else {
        format!("FB(B{})", i - 1)
    };
    let next = if i < m {
        format!(" - (1 - FB(B{i}))*B{}", i + 1)
    } else {
        String::new()
    };
    format!("((1 - {below})*B{i}{next})/pB{i}")
}

/// Lemma 1: the seller's virtual value ψ_s(S_j) = [S_j F_s(S_j) - S_{j-1} F_s(S_{j-1})] / p(S_j).
pub fn psi_s(j: usize) -> String {
    let prev = if j == 1 {
        String::new()
    } else {
        format!(" - S{}*FS(S{})", j - 1, j - 1)
    };
    format!("(S{j}*FS(S{j}){prev})/pS{j}")
}

/// Lemma 1's summand without x: [ψ_b(B_i) - ψ_s(S_j)] p_b(B_i) p_s(S_j).
pub fn lemma_1_term(i: usize, j: usize, m: usize) -> String {
    format!("({} - {})*pB{i}*pS{j}", psi_b(i, m), psi_s(j))
}

/// Lemma 1's double sum Σ_{i,j} x(i,j) c(i,j), each c(i,j) a recorded quantity `name(i, j)`.
pub fn lemma_1_sum(m: usize, n: usize, name: impl Fn(usize, usize) -> String) -> String {
    sum((1..=m)
        .flat_map(|i| (1..=n).map(move |j| (i, j)))
        .map(|(i, j)| format!("x({i},{j})*{{{}}}", name(i, j))))
}

/// Example 1: Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H), with Π_{I-1} the quantity `prev`.
pub fn example_1_recursion(prev: &str) -> String {
    format!("pB1*{{{prev}}} + pB2*(B2 - S2)")
}

/// Example 2's printed Π_2 (L, M, H = types 1, 2, 3) with Π_1 given by `pi_1`.
pub fn example_2_general(pi_1: &str) -> String {
    format!(
        "pB1*({pi_1}) + pB3*(pB3 + pB2 + pS3*(pB2 + pB1))*(B3 - S3) + pB2*(pB2 + pB1)*(pS2 + pS1)*(B2 - S2) + pB3*(pB2 + pB1)*(pS2 + pS1)*(B2 - S3)"
    )
}

/// Example 2's printed Π_2(k) = 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k).
pub fn example_2_family(pi_1: &str, k: &str) -> String {
    format!("1/3*({pi_1}) + 8/27 + 4/27 + 4/27*(1 - ({k}))")
}

/// Example 3's printed Π(x) of a tight mechanism, 2 x 2 (in the allocation's x(i, j)).
pub fn example_3_pi() -> String {
    let psi_s2 = "(S2 - pS1*S1)/pS2";
    let psi_b1 = "(B1 - pB2*B2)/pB1";
    format!(
        "pB2*pS2*(B2 - {psi_s2})*x(2,2) + pB2*pS1*(B2 - S1)*x(2,1) + pB1*pS2*({psi_b1} - {psi_s2})*x(1,2) + pB1*pS1*({psi_b1} - S1)*x(1,1)"
    )
}

/// Example 3's Π(x*): as printed (`- p_b(B_1) S_1`) or corrected (`- p_b(B_1) p_s(S_1) S_1`,
/// as in the proof of Lemma 3).
pub fn example_3_pi_star(reading: Reading) -> String {
    let last = if reading == Reading::Corrected {
        "pB1*pS1*S1"
    } else {
        "pB1*S1"
    };
    format!("pB2*pS2*B2 + pS1*B1 - pB2*S2 - {last}")
}

/// Lemma 3's three inequalities `left < right`.
pub fn lemma_3() -> [(&'static str, &'static str, &'static str); 3] {
    [
        ("first", "pS2*B2 + pS1*S1", "S2"),
        ("second", "pS2*(B1 - pB2*B2)", "pB1*(S2 - pS1*S1)"),
        ("third", "B1", "pB2*B2 + pB1*S1"),
    ]
}

/// Theorem 4's M: as printed (`(S_2 - p_s(S_1))/p_s(S_2)`) or with S_1 restored.
pub fn theorem_4_m(reading: Reading) -> String {
    let psi_s2 = if reading == Reading::Corrected {
        "(S2 - pS1*S1)/pS2"
    } else {
        "(S2 - pS1)/pS2"
    };
    format!("(B1 - S1)*(B2 - {psi_s2}) - (B2 - S2)*((B1 - pB2*B2)/pB1 - S1)")
}

/// Theorem 4's two allocations, rows B1, B2 and columns S1, S2: A has x(B2,S2) = 1 and
/// x(B1,S1) = p_b(B2)[B2 - S2] / (p_s(S1)[p_b(B2)B2 + p_b(B1)S1 - B1]); B has x(B1,S1) = 1
/// and x(B2,S2) = p_s(S1)[B1 - S1] / (p_b(B2)[S2 - p_s(S2)B2 - p_s(S1)S1]).
pub fn theorem_4_allocation(a: bool) -> [[&'static str; 2]; 2] {
    if a {
        [
            ["pB2*(B2 - S2)/(pS1*(pB2*B2 + pB1*S1 - B1))", "0"],
            ["1", "1"],
        ]
    } else {
        [
            ["1", "0"],
            ["1", "pS1*(B1 - S1)/(pB2*(S2 - pS2*B2 - pS1*S1))"],
        ]
    }
}

/// q_I = P(fewer than two of I buyers at B_m) = (1 - p)^I + I p (1 - p)^(I-1), p = p_b(B_m).
pub fn fewer_than_two_at_top(i: usize, m: usize) -> String {
    format!(
        "(1 - pB{m})^{i} + {i}*pB{m}*(1 - pB{m})^{}",
        i.saturating_sub(1)
    )
}
