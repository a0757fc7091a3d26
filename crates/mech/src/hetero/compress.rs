//! The expected surplus of a market by compression: identical agents (consecutive agents with
//! the same distribution, e.g. a `[[buyer]]` table with `count`) are exchangeable, so instead
//! of every profile it visits one profile per multiset of their types (their reports in
//! increasing order), weighted by the multiset's probability (multinomial coefficient times
//! the product of the probabilities). This is exact when the budget surplus Σ t - Σ r at a
//! profile does not change when identical agents swap reports: under `uniform` ties, which do
//! not look at indices. Under `lowest-index` or `highest-index` it does change (two identical
//! buyers {2, 5}, a seller at 0: at (5, 2) the winner pays 2, at (2, 5) he pays 5, since at 2 he
//! would lose the tie), so there the function declines and the caller enumerates. The tests
//! hold it against enumeration on random markets.

use mechcert_model::{Agent, Agents, TieBreak};
use mechcert_num::Rat;

use super::{HeteroMechanism, MarketOutcome, Profile};

/// Multisets of one run's types (increasing type indices) with their probabilities.
type Multisets = Vec<(Vec<usize>, Rat)>;

/// Runs of consecutive equal agents: (first index, length).
fn runs(side: &[Agent]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = vec![];
    for (k, a) in side.iter().enumerate() {
        match out.last_mut() {
            Some((start, len)) if &side[*start] == a => *len += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Every non-decreasing sequence of `len` type indices below `types`, with its probability
/// (the multinomial coefficient times the product of the probabilities).
fn multisets(agent: &Agent, len: usize) -> Multisets {
    fn go(agent: &Agent, len: usize, from: usize, cur: &mut Vec<usize>, out: &mut Multisets) {
        if cur.len() == len {
            // multinomial: len! / Π c_k!, times Π p_k^c_k
            let mut w = Rat::ONE;
            let mut run = 0usize;
            for (i, &k) in cur.iter().enumerate() {
                run = if i > 0 && cur[i - 1] == k { run + 1 } else { 1 };
                // multiply by (i + 1) / run: builds len! / Π c_k! one factor at a time
                w *= Rat::new((i + 1) as i64, run as i64) * &agent.probs[k];
            }
            out.push((cur.clone(), w));
            return;
        }
        for k in from..agent.types() {
            cur.push(k);
            go(agent, len, k, cur, out);
            cur.pop();
        }
    }
    let mut out = vec![];
    go(agent, len, 0, &mut Vec::with_capacity(len), &mut out);
    out
}

/// The exact expected budget surplus, one profile per multiset of each identical run's types;
/// `None` unless ties are shared `uniform`ly (see the module documentation).
pub fn expected_surplus_compressed(agents: &Agents, mech: HeteroMechanism) -> Option<Rat> {
    if agents.tie_break != TieBreak::Uniform {
        return None;
    }
    // (a buyer run?, its first index, its multisets)
    let groups: Vec<(bool, usize, Multisets)> = runs(&agents.buyers)
        .into_iter()
        .map(|(s, l)| (true, s, multisets(&agents.buyers[s], l)))
        .chain(
            runs(&agents.sellers)
                .into_iter()
                .map(|(s, l)| (false, s, multisets(&agents.sellers[s], l))),
        )
        .collect();
    let mut p = Profile {
        buyers: vec![0; agents.buyers.len()],
        sellers: vec![0; agents.sellers.len()],
    };
    let mut out = MarketOutcome::new(agents);
    let mut pick = vec![0usize; groups.len()];
    let mut total = Rat::ZERO;
    loop {
        let mut w = Rat::ONE;
        for ((buyer, start, sets), &k) in groups.iter().zip(&pick) {
            let (types, weight) = &sets[k];
            let dst = if *buyer {
                &mut p.buyers
            } else {
                &mut p.sellers
            };
            dst[*start..*start + types.len()].copy_from_slice(types);
            w *= weight;
        }
        mech.outcome(agents, &p, &mut out);
        total += w * out.surplus();
        let mut g = groups.len();
        loop {
            if g == 0 {
                return Some(total);
            }
            g -= 1;
            pick[g] += 1;
            if pick[g] < groups[g].2.len() {
                break;
            }
            pick[g] = 0;
        }
    }
}
