//! The budget-balanced mechanism built from any base mechanism's interim transfers: the
//! proof of Theorem 1 (base VCG'), of Theorem 2 (base: tight transfers T(x)) and Section 5
//! (I buyers):
//!
//!   t_i(B, S) = t̄_i(B^i) + (1/I) [t̄_s(S) - E t̄_s] - α_i Π,
//!   t_s(B, S) = t̄_s(S) - E t̄_s + Σ_i t̄_i(B^i) - (Σ_i α_i) Π,
//!
//! where Π is the base mechanism's expected surplus, α_i >= 0 are the buyers' shares of it and
//! the seller keeps 1 - Σ α_i. With one buyer this is Theorem 1's t(B_i, S_j) =
//! t̄_b(B_i) - E t̄_b + t̄_s(S_j) + α Π with α = 1 - α_1 the seller's share. Budget balance
//! holds at every profile by construction; IC and IR hold when Π >= 0 since each interim
//! transfer moves by a constant in the agent's favour.

use mechcert_model::Env;
use mechcert_num::{Rat, Scalar};

use crate::{Interim, Mechanism, Outcome};

/// Who gets the base mechanism's surplus Π.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shares {
    /// α_i for each buyer; the seller's share is 1 - Σ α_i.
    pub buyers: Vec<Rat>,
}

impl Shares {
    /// Theorem 1's α (the seller's share) with the buyers splitting the rest equally.
    pub fn seller_share(buyers: usize, alpha: &Rat) -> Shares {
        let each = (Rat::ONE - alpha) / Rat::from(buyers);
        Shares {
            buyers: vec![each; buyers],
        }
    }

    pub fn seller(&self) -> Rat {
        Rat::ONE - self.buyers.iter().sum::<Rat>()
    }

    /// α_i >= 0 and Σ α_i <= 1 (Section 5's conditions).
    pub fn valid(&self) -> bool {
        self.buyers.iter().all(|a| !a.is_negative()) && !self.seller().is_negative()
    }
}

/// The budget-balanced mechanism on top of a base mechanism (whose allocation it keeps).
pub struct BudgetBalanced<'a, S: Scalar> {
    base: &'a dyn Mechanism<S>,
    tb: Vec<Vec<S>>,
    ts: Vec<S>,
    ts_mean: S,
    pi: S,
    shares: Shares,
}

impl<'a, S: Scalar> BudgetBalanced<'a, S> {
    /// `base_interim` must be the interim tables of `base` in `env`.
    pub fn new(
        env: &Env<S>,
        base: &'a dyn Mechanism<S>,
        base_interim: &Interim<S>,
        shares: Shares,
    ) -> Self {
        assert_eq!(shares.buyers.len(), env.buyers, "one share per buyer");
        BudgetBalanced {
            base,
            tb: base_interim.tb.clone(),
            ts: base_interim.ts.clone(),
            ts_mean: base_interim.expected_seller_receipt(env),
            pi: base_interim.expected_surplus(env),
            shares,
        }
    }

    /// Π of the base mechanism.
    pub fn base_surplus(&self) -> &S {
        &self.pi
    }

    /// The interim tables this mechanism has by construction (base buyer interim minus
    /// α_i Π, base seller interim plus (1 - Σ α_i) Π); used by compression when profiles are
    /// too many to enumerate. Verification recomputes them by enumeration when it can.
    pub fn interim_by_construction(&self, base_interim: &Interim<S>) -> Interim<S> {
        let mut out = base_interim.clone();
        for (i, row) in out.tb.iter_mut().enumerate() {
            let shift = self.pi.scale(&self.shares.buyers[i]);
            for t in row.iter_mut() {
                *t -= &shift;
            }
        }
        let shift = self.pi.scale(&self.shares.seller());
        for t in out.ts.iter_mut() {
            *t += &shift;
        }
        out
    }
}

impl<S: Scalar> Mechanism<S> for BudgetBalanced<'_, S> {
    fn name(&self) -> String {
        let seller = self.shares.seller();
        if self.tb.len() == 1 {
            format!("BB({}, alpha = {seller})", self.base.name())
        } else {
            let a: Vec<String> = self.shares.buyers.iter().map(Rat::to_string).collect();
            if a.windows(2).all(|w| w[0] == w[1]) {
                format!(
                    "BB({}, alpha_i = {} for each of {} buyers)",
                    self.base.name(),
                    a[0],
                    a.len()
                )
            } else {
                format!("BB({}, alpha_i = [{}])", self.base.name(), a.join(", "))
            }
        }
    }

    fn outcome(&self, env: &Env<S>, reports: &[usize], seller: usize, out: &mut Outcome<S>) {
        self.base.outcome(env, reports, seller, out);
        let buyers = reports.len();
        let seller_dev = self.ts[seller].clone() - self.ts_mean.clone();
        let per_buyer = seller_dev.scale(&Rat::new(1, buyers as i64));
        let mut sum_tb = S::zero();
        for (i, &r) in reports.iter().enumerate() {
            sum_tb += &self.tb[i][r];
            out.t[i] =
                self.tb[i][r].clone() + per_buyer.clone() - self.pi.scale(&self.shares.buyers[i]);
        }
        let total_alpha: Rat = self.shares.buyers.iter().sum();
        out.ts = seller_dev + sum_tb - self.pi.scale(&total_alpha);
    }
}
