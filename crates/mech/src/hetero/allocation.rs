//! The efficient allocation of a market (Section 7.2): with the buyers' values in decreasing
//! order b_(1) >= b_(2) >= ... and the sellers' in increasing order s_(1) <= s_(2) <= ..., q
//! units trade, q the number of k with b_(k) > s_(k) (b_(k) >= s_(k) under
//! `seller_ties = "trade"`); the q highest buyers buy from the q lowest sellers.
//!
//! Ties (documented in the README, "Markets"): when the q-th highest buyer value is shared
//! by c buyers of which r are among the q, the `tie_break` rule picks the r buyers:
//! `lowest-index` the r with the lowest indices, `highest-index` the r with the highest,
//! `uniform` gives each of the c a unit with probability r/c. Sellers tied at the q-th lowest
//! value are picked by the same rule. With one seller this is Section 5's rule (the good goes
//! to a highest buyer, ties by `tie_break`, trade iff that buyer trades with the seller).

use mechcert_model::{Agents, SellerTies, TieBreak};
use mechcert_num::Rat;

fn trades(b: &Rat, s: &Rat, ties: SellerTies) -> bool {
    match ties {
        SellerTies::NoTrade => b > s,
        SellerTies::Trade => b >= s,
    }
}

/// The number of units traded, q, given the buyers' values sorted decreasing and the
/// sellers' sorted increasing.
fn units(b_desc: &[Rat], s_asc: &[Rat], ties: SellerTies) -> usize {
    b_desc
        .iter()
        .zip(s_asc)
        .take_while(|(b, s)| trades(b, s, ties))
        .count()
}

/// The maximal gains from trade Σ_{k <= q} (b_(k) - s_(k)) at these values (the same under
/// either `seller_ties`: a tied pair gains zero).
pub fn max_gains(b: &[Rat], s: &[Rat]) -> Rat {
    let mut bd = b.to_vec();
    bd.sort_unstable_by(|x, y| y.cmp(x));
    let mut sa = s.to_vec();
    sa.sort_unstable();
    bd.iter()
        .zip(&sa)
        .take_while(|(b, s)| b > s)
        .map(|(b, s)| b - s)
        .sum()
}

/// The gains from trade Σ_i x_i b_i - Σ_j y_j s_j of an allocation.
pub fn gains_from_trade(b: &[Rat], s: &[Rat], x: &[Rat], y: &[Rat]) -> Rat {
    let bought: Rat = b.iter().zip(x).map(|(v, p)| v * p).sum();
    let sold: Rat = s.iter().zip(y).map(|(v, p)| v * p).sum();
    bought - sold
}

/// Give `slots` units among the agents whose value equals `at` (the others are decided):
/// by `rule`.
fn share_ties(values: &[Rat], at: &Rat, slots: usize, rule: TieBreak, out: &mut [Rat]) {
    let tied: Vec<usize> = (0..values.len()).filter(|&k| &values[k] == at).collect();
    match rule {
        TieBreak::LowestIndex => tied.iter().take(slots).for_each(|&k| out[k] = Rat::ONE),
        TieBreak::HighestIndex => tied
            .iter()
            .rev()
            .take(slots)
            .for_each(|&k| out[k] = Rat::ONE),
        TieBreak::Uniform => {
            let share = Rat::new(slots as i64, tied.len() as i64);
            tied.iter().for_each(|&k| out[k] = share.clone());
        }
    }
}

/// The efficient allocation at values `b` (buyers) and `s` (sellers): `x[i]` the probability
/// that buyer i buys, `y[j]` that seller j sells.
pub fn allocate(agents: &Agents, b: &[Rat], s: &[Rat], x: &mut [Rat], y: &mut [Rat]) {
    x.iter_mut().for_each(|v| *v = Rat::ZERO);
    y.iter_mut().for_each(|v| *v = Rat::ZERO);
    let mut bd = b.to_vec();
    bd.sort_unstable_by(|p, q| q.cmp(p));
    let mut sa = s.to_vec();
    sa.sort_unstable();
    let q = units(&bd, &sa, agents.seller_ties);
    if q == 0 {
        return;
    }
    let (bq, sq) = (&bd[q - 1], &sa[q - 1]);
    let mut above = 0;
    for (v, xi) in b.iter().zip(x.iter_mut()) {
        if v > bq {
            *xi = Rat::ONE;
            above += 1;
        }
    }
    share_ties(b, bq, q - above, agents.tie_break, x);
    let mut below = 0;
    for (v, yj) in s.iter().zip(y.iter_mut()) {
        if v < sq {
            *yj = Rat::ONE;
            below += 1;
        }
    }
    share_ties(s, sq, q - below, agents.tie_break, y);
}
