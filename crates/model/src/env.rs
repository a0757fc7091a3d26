//! `Env<S>`: a validated environment ready for computation, generic over the scalar type
//! (`Rat` for a concrete instance, `Poly` inside a cell of a parameterised one).
//!
//! Invariants: buyer values are strictly increasing, seller values strictly increasing (both
//! proven on the whole domain), probabilities are positive and sum to 1 on each side, and the
//! order between every buyer value and every seller value is recorded in `cmp`. Every
//! comparison of values that mechanism code makes goes through this table, so the same code
//! is correct for numbers and for polynomials on a cell where the order is fixed.

use std::cmp::Ordering;

use mechcert_num::{Rat, Scalar};

use crate::{SellerTies, TieBreak};

#[derive(Clone, Debug)]
pub struct Env<S: Scalar> {
    /// Buyer values B_1 < ... < B_m.
    pub buyer_values: Vec<S>,
    /// Seller values S_1 < ... < S_n.
    pub seller_values: Vec<S>,
    /// p_b(B_i).
    pub pb: Vec<Rat>,
    /// p_s(S_j).
    pub ps: Vec<Rat>,
    /// Number of identical buyers I.
    pub buyers: usize,
    pub tie_break: TieBreak,
    pub seller_ties: SellerTies,
    /// Where signs are decided (the cell for a parameterised instance).
    pub domain: S::Domain,
    cmp: Vec<Ordering>,
    cum_b: Vec<Rat>,
    cum_s: Vec<Rat>,
    min_buyer: Vec<Option<usize>>,
    max_seller: Vec<Option<usize>>,
}

impl<S: Scalar> Env<S> {
    /// Build an environment from values whose order is already proven: `cmp[i][j]` is the
    /// order of B_i against S_j on the whole domain. The caller guarantees strict increase of
    /// both value lists and the probability invariants (the model's loaders do).
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        buyer_values: Vec<S>,
        pb: Vec<Rat>,
        seller_values: Vec<S>,
        ps: Vec<Rat>,
        buyers: usize,
        tie_break: TieBreak,
        seller_ties: SellerTies,
        domain: S::Domain,
        cmp: Vec<Vec<Ordering>>,
    ) -> Env<S> {
        let m = buyer_values.len();
        let n = seller_values.len();
        assert!(m >= 1 && n >= 1 && pb.len() == m && ps.len() == n && cmp.len() == m);
        let cmp: Vec<Ordering> = cmp.into_iter().flatten().collect();
        assert_eq!(cmp.len(), m * n);
        let prefix = |p: &[Rat]| {
            let mut c = Vec::with_capacity(p.len() + 1);
            c.push(Rat::ZERO);
            for x in p {
                let next = c.last().expect("nonempty") + x;
                c.push(next);
            }
            c
        };
        let cum_b = prefix(&pb);
        let cum_s = prefix(&ps);
        let mut env = Env {
            buyer_values,
            seller_values,
            pb,
            ps,
            buyers,
            tie_break,
            seller_ties,
            domain,
            cmp,
            cum_b,
            cum_s,
            min_buyer: vec![],
            max_seller: vec![],
        };
        env.min_buyer = (0..n).map(|j| (0..m).find(|&i| env.trades(i, j))).collect();
        env.max_seller = (0..m)
            .map(|i| (0..n).rev().find(|&j| env.trades(i, j)))
            .collect();
        env
    }

    /// m, the number of buyer types.
    pub fn m(&self) -> usize {
        self.buyer_values.len()
    }

    /// n, the number of seller types.
    pub fn n(&self) -> usize {
        self.seller_values.len()
    }

    /// B_i (0-based index).
    pub fn b(&self, i: usize) -> &S {
        &self.buyer_values[i]
    }

    /// S_j (0-based index).
    pub fn s(&self, j: usize) -> &S {
        &self.seller_values[j]
    }

    /// The order of B_i against S_j.
    pub fn cmp(&self, i: usize, j: usize) -> Ordering {
        self.cmp[i * self.n() + j]
    }

    /// Does the efficient allocation trade at (B_i, S_j)? Yes if B_i > S_j; on a tie, as
    /// `seller_ties` says (x** keeps the good with the seller).
    pub fn trades(&self, i: usize, j: usize) -> bool {
        match self.cmp(i, j) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => self.seller_ties == SellerTies::Trade,
        }
    }

    /// The efficient single-buyer allocation x*(B_i, S_j) as 0 or 1.
    pub fn efficient(&self, i: usize, j: usize) -> Rat {
        if self.trades(i, j) {
            Rat::ONE
        } else {
            Rat::ZERO
        }
    }

    /// The smallest buyer type that trades with S_j (the VCG' buyer price index).
    pub fn min_trading_buyer(&self, j: usize) -> Option<usize> {
        self.min_buyer[j]
    }

    /// The largest seller type that trades with B_i (the VCG' seller price index).
    pub fn max_trading_seller(&self, i: usize) -> Option<usize> {
        self.max_seller[i]
    }

    /// F_b(B_i) = P(buyer value <= B_i).
    pub fn cdf_b(&self, i: usize) -> &Rat {
        &self.cum_b[i + 1]
    }

    /// P(buyer value < B_i) = F_b(B_{i-1}) (0 for i = 0).
    pub fn cdf_b_below(&self, i: usize) -> &Rat {
        &self.cum_b[i]
    }

    /// F_s(S_j) = P(seller value <= S_j).
    pub fn cdf_s(&self, j: usize) -> &Rat {
        &self.cum_s[j + 1]
    }

    /// P(seller value < S_j).
    pub fn cdf_s_below(&self, j: usize) -> &Rat {
        &self.cum_s[j]
    }

    /// F_s evaluated at B_i: P(S <= B_i), using the proven order.
    pub fn cdf_s_at_buyer(&self, i: usize) -> Rat {
        (0..self.n())
            .filter(|&j| self.cmp(i, j) != Ordering::Less)
            .map(|j| &self.ps[j])
            .sum()
    }

    /// F_b evaluated at S_j: P(B <= S_j), using the proven order.
    pub fn cdf_b_at_seller(&self, j: usize) -> Rat {
        (0..self.m())
            .filter(|&i| self.cmp(i, j) != Ordering::Greater)
            .map(|i| &self.pb[i])
            .sum()
    }

    /// Do buyer and seller values never coincide (the paper's standing assumption)?
    pub fn values_disjoint(&self) -> bool {
        !self.cmp.contains(&Ordering::Equal)
    }

    /// The number of report profiles, m^I * n, or `None` if it does not fit in u128.
    pub fn profile_count(&self) -> Option<u128> {
        let mut c = self.n() as u128;
        for _ in 0..self.buyers {
            c = c.checked_mul(self.m() as u128)?;
        }
        Some(c)
    }

    /// The exact number of report profiles m^I * n.
    pub fn profile_count_exact(&self) -> Rat {
        Rat::from(self.m()).pow(self.buyers as u64) * Rat::from(self.n())
    }

    /// The profile count for people: the exact number when it is short, else `m^I * n` with the
    /// number of digits (the exact value of a 478-digit count helps nobody).
    pub fn profile_count_text(&self) -> String {
        let exact = self.profile_count_exact().to_string();
        if exact.len() <= 24 {
            exact
        } else {
            format!(
                "{}^{} * {} (a {}-digit number)",
                self.m(),
                self.buyers,
                self.n(),
                exact.len()
            )
        }
    }

    /// The same environment with another number of buyers.
    pub fn with_buyers(&self, buyers: usize) -> Env<S> {
        let mut e = self.clone();
        e.buyers = buyers;
        e
    }

    /// The same environment with another tie rule among buyers.
    pub fn with_tie_break(&self, tie_break: TieBreak) -> Env<S> {
        let mut e = self.clone();
        e.tie_break = tie_break;
        e
    }

    /// The order of all values, e.g. `S1 < B1 < S2 = B2 < S3 < B3`.
    pub fn order_string(&self) -> String {
        let (m, n) = (self.m(), self.n());
        let (mut i, mut j) = (0, 0);
        let mut out = String::new();
        let push = |label: String, sep: &str, out: &mut String| {
            if !out.is_empty() {
                out.push_str(sep);
            }
            out.push_str(&label);
        };
        while i < m || j < n {
            if j == n || (i < m && self.cmp(i, j) == Ordering::Less) {
                push(Env::<S>::buyer_label(i), " < ", &mut out);
                i += 1;
            } else if i == m || self.cmp(i, j) == Ordering::Greater {
                push(Env::<S>::seller_label(j), " < ", &mut out);
                j += 1;
            } else {
                push(Env::<S>::seller_label(j), " < ", &mut out);
                push(Env::<S>::buyer_label(i), " = ", &mut out);
                i += 1;
                j += 1;
            }
        }
        out
    }

    /// Label of buyer type i for reports (`B2`, 1-based as in the paper).
    pub fn buyer_label(i: usize) -> String {
        format!("B{}", i + 1)
    }

    /// Label of seller type j for reports (`S1`).
    pub fn seller_label(j: usize) -> String {
        format!("S{}", j + 1)
    }
}
