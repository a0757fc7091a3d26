//! The large-market limit (Section 5, after Example 2): Π_I tends to Δ as printed, or to
//! P(S < B_m) Δ (corrected), and Π_I >= 0 from a threshold I* on, by an exact tail bound and
//! the exact Π_I below it, each between bounds that tend to the limit.

use mechcert_mech::compress;
use mechcert_model::Instance;
use mechcert_num::Rat;

use crate::certificate::{Builder, Certified, Mode, Rel, Role};
use crate::evidence;
use crate::expr::{Expr, b, max, num, pb, ps, s, sum};
use crate::registry::{Claim, Reading, on_concrete};

/// Largest number of buyers for which the threshold search computes Π_I exactly.
const MAX_THRESHOLD_SEARCH: usize = 2000;

pub(super) fn large_market(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
    reading: Reading,
) -> Result<Certified, String> {
    on_concrete(c, inst, mode, |bd: &mut Builder| {
        let env = bd.env();
        let (m, n) = (env.m(), env.n());
        // "Let B_m > S_1 and V_b ∩ V_s = ∅"
        let spread = bd.formula("B_m - S_1", &(b(m) - s(1)))?;
        let trade = bd.compare(
            Role::Condition,
            "B_m > S_1 (trade is possible)",
            &spread,
            Rel::Gt,
            0,
        );
        if !(trade && evidence::disjoint_values(bd)?) {
            return Ok(());
        }
        let top = m - 1;
        let trading: Vec<usize> = (0..n).filter(|&j| env.trades(top, j)).collect();
        let Some(&h) = trading.last() else {
            return Err("B_m > S_1 but no seller value trades with B_m".into());
        };
        // Δ = min{B_m - S_j : B_m > S_j} = B_m - max{S_j : S_j < B_m}
        let delta = bd.formula(
            "Delta",
            &(b(m) - max(trading.iter().map(|&j| s(j + 1)).collect())),
        )?;
        if h + 1 < n {
            let above = bd.formula("S_{h+1} - B_m", &(s(h + 2) - b(m)))?;
            bd.compare(
                Role::Case,
                "no seller value above the listed ones trades with B_m",
                &above,
                Rel::Ge,
                0,
            );
        }
        // The limit: with two or more buyers at B_m the surplus is exactly Δ when S trades with
        // B_m and 0 otherwise, and that event has probability -> 1; so Π_I -> P(S trades) Δ.
        let trade_prob = sum(trading.iter().map(|&j| ps(j + 1)));
        let limit = bd.formula("limit", &(trade_prob * delta.expr()))?;
        if reading == Reading::Corrected {
            bd.compare(
                Role::Case,
                "the limit P(S < B_m) Δ is positive",
                &limit,
                Rel::Gt,
                0,
            );
        } else {
            bd.compare(
                Role::Claim,
                "Π_I converges to Δ = min{B_m - S_j : B_m > S_j}",
                &limit,
                Rel::Eq,
                &delta,
            );
        }
        // Tail bound: Π_I >= limit - q_I (limit - s_min), q_I = P(fewer than two buyers at B_m)
        // = (1 - p_m)^I + I p_m (1 - p_m)^(I - 1), decreasing in I; s_min = min(0, B_1 - S_n)
        // bounds every ex post surplus from below.
        let smin = bd.formula("s_min", &Expr::Call("min", vec![num(0), b(1) - s(n)]))?;
        let (l, sm) = (limit.value().clone(), smin.value().clone());
        let p = env.pb[top].clone();
        let r = Rat::ONE - &p;
        let mut power = Rat::ONE; // (1 - p)^(I - 1)
        let mut found = None;
        for i in 1..=MAX_THRESHOLD_SEARCH {
            let qi = &power * &(&r + &(Rat::from(i) * &p));
            if &l - &(qi * (&l - &sm)) >= Rat::ZERO {
                found = Some(i);
                break;
            }
            power *= &r;
        }
        let Some(j) = found else {
            bd.compare(
                Role::Claim,
                "a threshold I* exists (tail bound reached within the search)",
                &limit,
                Rel::Lt,
                0,
            );
            return Ok(());
        };
        // q_I = P(fewer than two buyers at B_m) as a formula in p_b(B_m)
        let q_at = |i: usize| {
            let e = u32::try_from(i).unwrap_or(u32::MAX);
            (num(1) - pb(m)).pow(e) + num(Rat::from(i)) * pb(m) * (num(1) - pb(m)).pow(e - 1)
        };
        let tail = bd.formula(
            "tail bound at J",
            &(limit.expr() - q_at(j) * (limit.expr() - smin.expr())),
        )?;
        bd.compare(
            Role::Claim,
            &format!("Π_I >= 0 for every I >= J = {j} (tail bound)"),
            &tail,
            Rel::Ge,
            0,
        );
        // below J: compute Π_I exactly; I* is one past the last negative one
        let pis: Vec<Rat> = (1..j)
            .map(|i| compress::vcg_prime_surplus(&env.with_buyers(i)))
            .collect();
        let last_negative = pis.iter().rposition(Rat::is_negative);
        let i_star = last_negative.map_or(1, |k| k + 2);
        // Π_I is recorded while the checker can recompute it cheaply: it enumerates profiles
        // or, beyond, the C(I + m - 1, m - 1) multisets of buyer types (times n sellers)
        let checkable_up_to = |i: usize| {
            let multisets = (1..m).fold(Rat::ONE, |k, t| k * Rat::from(i + t) / Rat::from(t));
            multisets * Rat::from(n) <= Rat::from(evidence::CHECKABLE_PROFILES)
        };
        // Π_I = (1 - q_I) limit + q_I E[surplus | fewer than two buyers at B_m], and every ex
        // post surplus lies in [s_min, s_max] with s_max = B_m - S_1 (a buyer pays at most B_m,
        // the seller receives at least S_1): so limit - q_I (limit - s_min) <= Π_I <= limit +
        // q_I (s_max - limit). Both bounds tend to the limit as q_I -> 0; they are checked at
        // every Π_I computed below, which ties the limit to the computed surpluses.
        let smax = bd.formula("s_max", &(b(m) - s(1)))?;
        for i in 1..j {
            if checkable_up_to(i) {
                let pi = evidence::vcg_prime_surplus(bd, &format!("Pi_{i}"), i, env.tie_break);
                let lo = bd.formula(
                    &format!("lower bound at {i}"),
                    &(limit.expr() - q_at(i) * (limit.expr() - smin.expr())),
                )?;
                let hi = bd.formula(
                    &format!("upper bound at {i}"),
                    &(limit.expr() + q_at(i) * (smax.expr() - limit.expr())),
                )?;
                bd.compare(
                    Role::Claim,
                    &format!("Π_{i} >= limit - q_{i} (limit - s_min)"),
                    &pi,
                    Rel::Ge,
                    &lo,
                );
                bd.compare(
                    Role::Claim,
                    &format!("Π_{i} <= limit + q_{i} (s_max - limit)"),
                    &pi,
                    Rel::Le,
                    &hi,
                );
                let text = if i < i_star {
                    "below the threshold"
                } else {
                    "Π_I >= 0 from I* on"
                };
                let rel = if i + 1 == i_star { Rel::Lt } else { Rel::Ge };
                if i + 1 == i_star || i >= i_star {
                    bd.compare(Role::Case, &format!("{text}: Π_{i}"), &pi, rel, 0);
                }
            }
        }
        let star = bd.formula("I*", &num(Rat::from(i_star)))?;
        let recorded = match (1..j).find(|&i| !checkable_up_to(i)) {
            None => "every Π_I below J is in this certificate".to_string(),
            Some(i) => format!(
                "Π_I for I < {i} are in this certificate; the others below J were computed by mechcert only"
            ),
        };
        bd.compare(
            Role::Case,
            &format!("the threshold: Π_I >= 0 for every I >= I* = {i_star}, and I* is the smallest such I ({recorded})"),
            &star,
            Rel::Eq,
            Rat::from(i_star),
        );
        Ok(())
    })
}
