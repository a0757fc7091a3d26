//! `Instance`: an instance file as the user wrote it (TOML, see the README's "Instance files"):
//! the types (sides, parameter, tie rules, the market form) and what every user of an instance
//! asks of it. Reading and validating a file is `read.rs`; writing it back canonically (TOML
//! and JSON) is `write.rs`.
//!
//! Invariants after `Instance::parse`: both sides have at least one type, values and
//! probabilities have the same length, every probability is a positive exact rational and
//! they sum to exactly 1, `buyers >= 1`, and every key is known. Orders of values (strictly
//! increasing, ties between buyer and seller values) are proven when an environment is built
//! (`Instance::concrete`, `Instance::cells`), since with a parameter they depend on the domain.

use mechcert_num::{Interval, Poly, Rat};

use crate::market::Market;

/// How ties among buyers with the highest value are broken (Section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TieBreak {
    /// The tied buyer with the lowest index wins.
    #[default]
    LowestIndex,
    /// The tied buyer with the highest index wins.
    HighestIndex,
    /// The good is shared equally among the tied buyers (each wins with probability 1/c).
    Uniform,
}

impl TieBreak {
    pub const ALL: [TieBreak; 3] = [
        TieBreak::LowestIndex,
        TieBreak::HighestIndex,
        TieBreak::Uniform,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TieBreak::LowestIndex => "lowest-index",
            TieBreak::HighestIndex => "highest-index",
            TieBreak::Uniform => "uniform",
        }
    }

    pub fn from_name(s: &str) -> Option<TieBreak> {
        TieBreak::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// What happens when a buyer value equals a seller value (Section 7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SellerTies {
    /// x**: the seller keeps the good on a tie (the rule that maximises the surplus).
    #[default]
    NoTrade,
    /// Trade on a tie (also efficient: the gains from trade are zero either way).
    Trade,
}

impl SellerTies {
    pub fn name(self) -> &'static str {
        match self {
            SellerTies::NoTrade => "no-trade",
            SellerTies::Trade => "trade",
        }
    }

    pub fn from_name(s: &str) -> Option<SellerTies> {
        [SellerTies::NoTrade, SellerTies::Trade]
            .into_iter()
            .find(|t| t.name() == s)
    }
}

/// One side of the market: its values (polynomials in the parameter, constants when there
/// is none) and their probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub values: Vec<Poly>,
    pub probs: Vec<Rat>,
}

/// The parameter of a family of instances and its domain.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub domain: Interval,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// Where the instance came from (a path or `<generated>`), for error messages.
    pub origin: String,
    pub name: String,
    /// Free text: where in the paper the instance comes from.
    pub source: Option<String>,
    pub buyers: usize,
    pub tie_break: TieBreak,
    pub seller_ties: SellerTies,
    pub parameter: Option<Parameter>,
    pub buyer: Side,
    pub seller: Side,
    /// An allocation rule x(B_i, S_j) (single buyer), used by the `tight` and `bb`
    /// mechanisms in place of the efficient one.
    pub allocation: Option<Vec<Vec<Rat>>>,
    /// Several sellers or buyers with different distributions (`[[buyer]]`/`[[seller]]`
    /// arrays, see `market`). Then `buyer` and `seller` are the first groups' distributions,
    /// `buyers` is the total number of buyers, and `concrete`/`cells` refuse the instance.
    pub market: Option<Market>,
}

/// The largest number of buyers an instance may declare (the checker's, defined once in
/// `mechcert_cert::limits`). What `check` can do with many buyers in seconds is decided per
/// instance (`mechcert_mech::interim_work`).
pub use mechcert_cert::limits::MAX_BUYERS;

impl Instance {
    /// A concrete one-buyer instance from its two sides (defaults everywhere else).
    pub fn from_sides(name: &str, buyer: Side, seller: Side) -> Instance {
        Instance {
            origin: "<generated>".into(),
            name: name.into(),
            source: None,
            buyers: 1,
            tie_break: TieBreak::default(),
            seller_ties: SellerTies::default(),
            parameter: None,
            buyer,
            seller,
            allocation: None,
            market: None,
        }
    }

    /// Number of buyer types (m) and seller types (n).
    pub fn shape(&self) -> (usize, usize) {
        (self.buyer.values.len(), self.seller.values.len())
    }

    /// The parameter name, `k` when there is none (used for printing polynomials).
    pub fn param_name(&self) -> &str {
        self.parameter.as_ref().map_or("k", |p| p.name.as_str())
    }
}
