//! Statements about markets (several sellers, or buyers with their own distributions; one
//! seller and identical buyers count as a market too): Section 5's "if and only if" for buyers
//! of their own distributions, Section 7.2's sufficient condition, and Sections 7.2–7.3's
//! maximality of VCG'. Every other statement does not apply to a market instance
//! ([`not_for_markets`]).

use super::{Def, LpOptions, Rel, Role, Spec, Step};
use crate::limits::MAX_MARKET_PROFILES;

/// The claim ids about markets.
pub(super) const MARKET_IDS: &[&str] =
    &["heterogeneous-buyers", "section-7-2", "vcg-prime-maximal"];

const IS_MARKET: &str = "several sellers or buyers with different distributions";
const PI: &str = "Pi_VCG'";
const BB: &str = "some efficient BB IC IR mechanism";
const MAX: &str = "max surplus of efficient IC IR mechanisms";

/// Any other claim on a market: the instance is recorded as a market, and the claim does not
/// apply.
pub(super) fn not_for_markets(s: &mut Spec<'_>) -> Step {
    s.boolean(IS_MARKET, Def::Market)?;
    s.is(Role::Condition, IS_MARKET, false)?;
    Ok(())
}

/// A concrete instance whose profiles the checker enumerates: a market file is bounded when
/// read; one seller and I identical buyers need m^I n <= `MAX_MARKET_PROFILES`.
fn enumerable(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    if s.inst.market.is_none() {
        s.few_enough_buyers()?;
        s.condition_on(
            "profiles",
            "m^I*n",
            Rel::Le,
            &MAX_MARKET_PROFILES.to_string(),
        )?;
    }
    Ok(())
}

/// Π^VCG' >= 0 ⟹ [∃ efficient, ex post BB, interim IC and IR mechanism (exact LP)].
fn section_7_2(s: &mut Spec<'_>) -> Step {
    enumerable(s)?;
    s.num(PI, Def::MarketSurplus("vcg-prime"))?;
    s.condition(PI, Rel::Ge, "0")?;
    s.boolean(BB, Def::Lp("market-bb-feasible", LpOptions::default()))?;
    s.is(Role::Claim, BB, true)?;
    Ok(())
}

/// J = 1 ⟹ [∃ efficient, ex post BB, interim IC and IR mechanism (exact LP)] = [Π^VCG' >= 0].
fn heterogeneous_buyers(s: &mut Spec<'_>) -> Step {
    enumerable(s)?;
    s.num("J", Def::MarketSellers)?;
    s.condition("J", Rel::Eq, "1")?;
    s.num(PI, Def::MarketSurplus("vcg-prime"))?;
    let nonneg = s.case(PI, Rel::Ge, "0")?;
    s.boolean(BB, Def::Lp("market-bb-feasible", LpOptions::default()))?;
    s.is(Role::Claim, BB, nonneg)?;
    Ok(())
}

/// Π^VCG' = max{E[Σ_i t_i - Σ_j r_j] : efficient, interim IC and IR} (exact LP).
fn vcg_prime_maximal(s: &mut Spec<'_>) -> Step {
    enumerable(s)?;
    s.num(PI, Def::MarketSurplus("vcg-prime"))?;
    s.num(MAX, Def::Lp("market-max-surplus", LpOptions::default()))?;
    s.claim(PI, Rel::Eq, MAX)?;
    Ok(())
}

pub(super) fn statements() -> Vec<super::Statement> {
    vec![
        super::Statement {
            id: "heterogeneous-buyers",
            section: "Sec. 5",
            statement: "J = 1 (buyers with their own distributions) ⟹ [∃ efficient, ex post BB, interim IC and IR mechanism (exact LP market-bb-feasible)] = [Π^VCG' >= 0], VCG' of Section 7.2",
            check: heterogeneous_buyers,
        },
        super::Statement {
            id: "section-7-2",
            section: "Sec. 7.2",
            statement: "I buyers, J sellers, Π^VCG' >= 0 ⟹ ∃ efficient, ex post BB, interim IC and IR mechanism (exact LP market-bb-feasible)",
            check: section_7_2,
        },
        super::Statement {
            id: "vcg-prime-maximal",
            section: "Sec. 7.2-7.3",
            statement: "I buyers, J sellers ⟹ Π^VCG' = max{E[Σ_i t_i - Σ_j r_j] : efficient, interim IC, IR} (exact LP market-max-surplus)",
            check: vcg_prime_maximal,
        },
    ]
}
