//! Markets with heterogeneous agents (Section 5 beyond identical buyers, Section 7.2): I
//! buyers and J sellers, each with its own finite values and probabilities (independent
//! private values; every seller owns one unit, every buyer wants at most one).
//!
//! In a file they are arrays of tables, `[[buyer]]` and `[[seller]]`, one per agent, with an
//! optional `count` of identical copies ([`Group`]). A file whose arrays describe one buyer
//! group and one seller (count 1) is today's instance (`[buyer]` with `buyers = count`) and
//! is read as such; any other is a [`Market`] held in `Instance::market`.
//! [`Instance::agents`] gives every instance, old form or new, as a list of agents
//! ([`Agents`]) with exact values: the one input of `mechcert_mech::hetero`.

use mechcert_cert::limits::{MAX_MARKET_AGENTS, MAX_MARKET_PROFILES};
use mechcert_num::{Poly, Rat};

use crate::concrete::strictly_increasing;
use crate::{Instance, InstanceError, SellerTies, Side, TieBreak};

/// One `[[buyer]]` or `[[seller]]` table: a distribution and how many identical agents draw
/// from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub side: Side,
    pub count: usize,
}

/// The agents of a market with heterogeneous agents, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Market {
    pub buyers: Vec<Group>,
    pub sellers: Vec<Group>,
}

impl Market {
    /// Total number of buyers (I) and sellers (J).
    pub fn counts(&self) -> (usize, usize) {
        let total = |g: &[Group]| g.iter().map(|g| g.count).sum();
        (total(&self.buyers), total(&self.sellers))
    }
}

/// One agent's type distribution with exact values, strictly increasing.
#[derive(Clone, Debug, PartialEq)]
pub struct Agent {
    pub values: Vec<Rat>,
    pub probs: Vec<Rat>,
}

impl Agent {
    pub fn types(&self) -> usize {
        self.values.len()
    }
}

/// Every agent of an instance, expanded (a group of count c is c agents), with the tie
/// rules: buyers 1..=I then sellers 1..=J.
#[derive(Clone, Debug, PartialEq)]
pub struct Agents {
    pub buyers: Vec<Agent>,
    pub sellers: Vec<Agent>,
    /// Among buyers with equal values, and among sellers with equal values.
    pub tie_break: TieBreak,
    /// A buyer value equal to a seller value: trade or not.
    pub seller_ties: SellerTies,
}

impl Agents {
    /// The number of report profiles, Π over agents of their number of types (None beyond
    /// u64).
    pub fn profile_count(&self) -> Option<u64> {
        self.buyers
            .iter()
            .chain(&self.sellers)
            .try_fold(1u64, |acc, a| acc.checked_mul(a.types() as u64))
    }

    /// Are all buyers identical and is there one seller (Section 5's setting)?
    pub fn is_section_5(&self) -> bool {
        self.sellers.len() == 1 && self.buyers.windows(2).all(|w| w[0] == w[1])
    }
}

fn constants(side: &Side) -> Vec<Rat> {
    side.values
        .iter()
        .map(|v| v.as_constant().expect("market values are constants"))
        .collect()
}

impl Instance {
    /// Every agent of the instance with exact values: the market's agents, or `buyers`
    /// identical buyers and one seller. An input error for a family (a parameter) or values
    /// that are not strictly increasing.
    pub fn agents(&self) -> Result<Agents, InstanceError> {
        let (buyers, sellers) = match &self.market {
            Some(m) => (m.buyers.clone(), m.sellers.clone()),
            None => {
                // refuses a family and values out of order, naming the field
                self.concrete()?;
                (
                    vec![Group {
                        side: self.buyer.clone(),
                        count: self.buyers,
                    }],
                    vec![Group {
                        side: self.seller.clone(),
                        count: 1,
                    }],
                )
            }
        };
        let expand = |groups: &[Group]| -> Vec<Agent> {
            groups
                .iter()
                .flat_map(|g| {
                    let a = Agent {
                        values: constants(&g.side),
                        probs: g.side.probs.clone(),
                    };
                    std::iter::repeat_n(a, g.count)
                })
                .collect()
        };
        Ok(Agents {
            buyers: expand(&buyers),
            sellers: expand(&sellers),
            tie_break: self.tie_break,
            seller_ties: self.seller_ties,
        })
    }

    /// Is this a market with heterogeneous agents (more than one seller, or buyers with
    /// different distributions)? Such an instance has no `Env` (`concrete`, `cells` refuse it).
    pub fn is_market(&self) -> bool {
        self.market.is_some()
    }

    /// The input error for an operation on one seller and identical buyers given a market.
    pub fn not_a_market(&self, what: &str) -> InstanceError {
        InstanceError::new(
            &self.origin,
            "buyer",
            format!(
                "this instance has several sellers or buyers with different distributions ([[buyer]]/[[seller]] arrays); {what} needs one seller and identical buyers"
            ),
        )
    }
}

/// Read `count` (1..=MAX_MARKET_AGENTS) of one group.
fn count(origin: &str, field: &str, v: Option<&toml::Value>) -> Result<usize, InstanceError> {
    let bad = |found: String| {
        InstanceError::new(
            origin,
            field,
            format!(
                "expected a whole number of identical agents from 1 to {MAX_MARKET_AGENTS}, found {}",
                mechcert_cert::quote::quote(&found)
            ),
        )
    };
    match v {
        None => Ok(1),
        Some(toml::Value::Integer(n)) => match usize::try_from(*n) {
            Ok(n) if (1..=MAX_MARKET_AGENTS).contains(&n) => Ok(n),
            _ => Err(bad(n.to_string())),
        },
        Some(v) => Err(bad(crate::read::type_name(v).to_string())),
    }
}

/// The groups of one side: an array of tables (each with `values`, `probs`, optional
/// `count`), or today's single table (one group of count 1).
pub(crate) fn groups(
    origin: &str,
    name: &str,
    v: Option<&toml::Value>,
    param: Option<&str>,
) -> Result<Vec<Group>, InstanceError> {
    let items: Vec<(String, &toml::Value)> = match v {
        Some(toml::Value::Array(a)) => {
            if a.is_empty() {
                return Err(InstanceError::new(
                    origin,
                    name,
                    format!("needs at least one [[{name}]] table with `values` and `probs`"),
                ));
            }
            if a.len() > MAX_MARKET_AGENTS {
                return Err(InstanceError::new(
                    origin,
                    name,
                    format!(
                        "{} [[{name}]] tables are more than the limit of {MAX_MARKET_AGENTS} agents per side",
                        a.len()
                    ),
                ));
            }
            a.iter()
                .enumerate()
                .map(|(i, t)| (format!("{name}[{i}]"), t))
                .collect()
        }
        other => {
            let side = crate::read::side(origin, name, other, param, false)?;
            return Ok(vec![Group { side, count: 1 }]);
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (field, t) in items {
        let table = t.as_table().ok_or_else(|| {
            InstanceError::new(
                origin,
                &field,
                format!(
                    "expected a table [[{name}]], found {}",
                    crate::read::type_name(t)
                ),
            )
        })?;
        let c = count(origin, &format!("{field}.count"), table.get("count"))?;
        let side = crate::read::side(origin, &field, Some(t), param, true)?;
        out.push(Group { side, count: c });
    }
    Ok(out)
}

/// Validate a market: no parameter, no explicit allocation, exact strictly increasing
/// values, and at most `MAX_MARKET_AGENTS` agents per side and `MAX_MARKET_PROFILES`
/// profiles.
pub(crate) fn validate(
    origin: &str,
    market: &Market,
    parameter: bool,
    allocation: bool,
) -> Result<(), InstanceError> {
    if parameter {
        return Err(InstanceError::new(
            origin,
            "parameter",
            "a parameter is supported with one [buyer] table and one [seller] table only: substitute a value, or describe identical buyers with `buyers = I`",
        ));
    }
    if allocation {
        return Err(InstanceError::new(
            origin,
            "allocation",
            "an explicit allocation is supported for one buyer and one seller only: remove `allocation`",
        ));
    }
    for (name, groups) in [("buyer", &market.buyers), ("seller", &market.sellers)] {
        let label = if name == "buyer" { 'B' } else { 'S' };
        let mut total = 0usize;
        for (i, g) in groups.iter().enumerate() {
            let field = format!("{name}[{i}]");
            let values: Vec<Rat> = g.side.values.iter().filter_map(Poly::as_constant).collect();
            strictly_increasing(origin, &field, label, &values)?;
            total += g.count;
        }
        if total > MAX_MARKET_AGENTS {
            return Err(InstanceError::new(
                origin,
                name,
                format!(
                    "{total} {name}s (the sum of `count`) are more than the limit of {MAX_MARKET_AGENTS} per side"
                ),
            ));
        }
    }
    let profiles = market
        .buyers
        .iter()
        .chain(&market.sellers)
        .try_fold(1u64, |acc, g| {
            (0..g.count).try_fold(acc, |acc, _| acc.checked_mul(g.side.values.len() as u64))
        });
    if profiles.is_none_or(|p| p > MAX_MARKET_PROFILES) {
        return Err(InstanceError::new(
            origin,
            "buyer",
            format!(
                "the agents have {} report profiles (the product of every agent's number of values), beyond the limit of {MAX_MARKET_PROFILES}: use fewer agents or fewer values",
                profiles.map_or("more than 2^64".to_string(), |p| p.to_string())
            ),
        ));
    }
    Ok(())
}
