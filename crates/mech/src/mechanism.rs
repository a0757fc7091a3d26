//! The `Mechanism` interface: a direct mechanism maps a report profile (one report per buyer
//! and the seller's report) to an allocation (a probability of getting the good per buyer)
//! and transfers (paid by each buyer, paid to the seller). Single-buyer mechanisms are the
//! case I = 1 and are usually held as data (`Tabular`).

use mechcert_model::Env;
use mechcert_num::{Rat, Scalar};

/// The outcome at one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome<S> {
    /// x_i: probability that buyer i gets the good.
    pub x: Vec<Rat>,
    /// t_i: payment from buyer i.
    pub t: Vec<S>,
    /// t_s: payment to the seller.
    pub ts: S,
}

impl<S: Scalar> Outcome<S> {
    pub fn new(buyers: usize) -> Self {
        Outcome {
            x: vec![Rat::ZERO; buyers],
            t: vec![S::zero(); buyers],
            ts: S::zero(),
        }
    }

    /// Total probability of trade, Σ_i x_i.
    pub fn trade(&self) -> Rat {
        self.x.iter().sum()
    }
}

pub trait Mechanism<S: Scalar>: Sync {
    /// A short name for reports (`VCG'`, `BB(VCG', alpha = 0)`).
    fn name(&self) -> String;
    /// The outcome when buyers report `reports` (type indices) and the seller `seller`.
    fn outcome(&self, env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>);
}
