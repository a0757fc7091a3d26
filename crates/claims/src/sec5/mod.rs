//! Section 5 (many identical buyers): the claims in paper order (`claims()`), with the
//! instances search draws for them. The budget-balanced construction and tie-rule invariance
//! are in `mechanisms.rs`; Example 1, adding a buyer and Example 2 (on instances and on its
//! k-family) in `examples.rs`; the large-market limit and its threshold I* in
//! `large_market.rs`.

mod examples;
mod large_market;
mod mechanisms;

use mechcert_model::random::SplitMix64;
use mechcert_model::{Instance, Side};
use mechcert_num::{Poly, Rat};

use crate::registry::{Claim, Reading, generic, several, with_ties};
use examples::{adding_buyer_can_hurt, adding_buyer_two_types, example_1, example_2};
use large_market::large_market;
use mechanisms::{section_5_bb, tie_break_invariance};

/// S1 < B1 < S2 < B2 < ... < Sm < Bm: the alternating order of Examples 1 and 2.
pub fn alternating(rng: &mut SplitMix64, types: usize, buyers: usize) -> Instance {
    let mut v: Vec<i64> = vec![];
    while v.len() < 2 * types {
        let x = rng.range(0, 6 * types as i64);
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v.sort_unstable();
    let weights = |rng: &mut SplitMix64| {
        let w: Vec<i64> = (0..types).map(|_| rng.range(1, 6)).collect();
        let t: i64 = w.iter().sum();
        w.into_iter().map(|x| Rat::new(x, t)).collect::<Vec<_>>()
    };
    let side = |vals: Vec<i64>, probs| Side {
        values: vals
            .into_iter()
            .map(|x| Poly::constant(Rat::int(x)))
            .collect(),
        probs,
    };
    let seller = side(v.iter().step_by(2).copied().collect(), weights(rng));
    let buyer = side(v.iter().skip(1).step_by(2).copied().collect(), weights(rng));
    let mut inst = Instance::from_sides("random alternating", buyer, seller);
    inst.buyers = buyers;
    inst
}

/// B_t > S_t > ... > B_1 > S_1 as a list from the top for `value_order`.
pub(crate) fn alternating_order(types: usize) -> Vec<(bool, usize)> {
    (1..=types)
        .rev()
        .flat_map(|i| [(true, i), (false, i)])
        .collect()
}

/// The number of buyers I of an "adding a buyer" claim: the requested one, or 1 to 3.
fn some_buyers(rng: &mut SplitMix64, buyers: usize) -> usize {
    if buyers == 0 {
        rng.range(1, 3) as usize
    } else {
        buyers
    }
}

pub fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: "section-5-bb-construction",
            section: "Sec. 5",
            statement: "when Π^VCG' >= 0, the transfers t_i = t̄_i(B^i) + [t̄_s(S) - E t̄_s]/I - α_i Π and t_s = t̄_s(S) - E t̄_s + Σ_i t̄_i(B^i) - (Σ α_i) Π are IC, IR and ex post budget balanced",
            reading: "as printed, for every buyer, with α_i = (1 - seller share)/I and seller shares 0, 1/2, 1",
            certify: section_5_bb,
            generate: |rng, m, n, buyers| {
                let i = several(rng, buyers);
                generic(rng, m, n, i)
            },
            existential: false,
        },
        Claim {
            id: "tie-break-invariance",
            section: "Sec. 5",
            statement: "the ex ante budget surplus of a VCG' mechanism does not depend on the tie-breaking rule",
            reading: "as printed, comparing the lowest-index, highest-index and uniform rules",
            certify: tie_break_invariance,
            generate: |rng, m, n, buyers| {
                let i = several(rng, buyers);
                with_ties(rng, m, n, i)
            },
            existential: false,
        },
        Claim {
            id: "example-1",
            section: "Ex. 1",
            statement: "for B_H > S_H > B_L > S_L: Π_I = p(B_L) Π_{I-1} + p(B_H)[B_H - S_H] for I > 1",
            reading: "as printed",
            certify: example_1,
            generate: |rng, _, _, buyers| {
                let i = several(rng, buyers);
                alternating(rng, 2, i)
            },
            existential: false,
        },
        Claim {
            id: "adding-buyer-two-types",
            section: "Sec. 5",
            statement: "in the two type case adding an additional buyer will not destroy the possibility of efficient, budget balanced, IC and IR trade",
            reading: "as printed, for 2 x 2 types in any order: Π_I >= 0 implies Π_{I+1} >= 0 (possibility with I buyers is Π_I >= 0, Section 5)",
            certify: adding_buyer_two_types,
            generate: |rng, _, _, buyers| {
                let i = some_buyers(rng, buyers);
                generic(rng, 2, 2, i)
            },
            existential: false,
        },
        Claim {
            id: "adding-buyer-can-hurt",
            section: "Sec. 5",
            statement: "with more than two types it can happen that with one buyer efficient budget balanced trade is possible while with two buyers it is not",
            reading: "as printed, an existential claim: an instance with more than two types on some side and Π_1 >= 0 > Π_2 is a witness (Example 2 at k = 5 is one)",
            certify: adding_buyer_can_hurt,
            generate: |rng, m, n, _| generic(rng, m.max(3), n, 1),
            existential: true,
        },
        Claim {
            id: "example-2",
            section: "Ex. 2",
            statement: "for B_H > S_H > B_M > S_M > B_L > S_L the printed Π_2 formula holds; on the k-family Π_1 = 1/3 and Π_2(k) = 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k)",
            reading: "as printed (ties broken for buyer 2 in the paper; Π_2 does not depend on the rule)",
            certify: example_2,
            generate: |rng, _, _, _| alternating(rng, 3, 2),
            existential: false,
        },
        Claim {
            id: "large-market",
            section: "Sec. 5",
            statement: "for B_m > S_1, Π_I converges to Δ = min{B_m - S_j : B_m > S_j} as I grows, so a threshold I* exists beyond which Π_I >= 0",
            reading: "as printed",
            certify: |c, inst, mode| large_market(c, inst, mode, Reading::AsPrinted),
            generate: generic,
            existential: false,
        },
        Claim {
            id: "large-market-corrected",
            section: "Sec. 5",
            statement: "for B_m > S_1, Π_I converges to P(S < B_m) Δ (= Δ only when B_m > S_n), which is positive, so a threshold I* exists beyond which Π_I >= 0",
            reading: "corrected limit: with two or more buyers at B_m the surplus is Δ only when the seller's value is below B_m",
            certify: |c, inst, mode| large_market(c, inst, mode, Reading::Corrected),
            generate: generic,
            existential: false,
        },
    ]
}
