//! From a parameterised instance to environments over polynomials: prove that each side's
//! values are strictly increasing on the whole domain (or refuse, naming where they are not),
//! then split the domain at every parameter value where a buyer value meets a seller value,
//! into maximal cells — open intervals and the meeting points themselves — on each of which
//! the order of all values is fixed. Every cell gets its own `Env<Poly>` whose domain is the
//! cell, so comparisons inside mechanism code are proven, never sampled.

use std::cmp::Ordering;

use mechcert_num::{Bound, Interval, Point, Poly, Rat};

use crate::{Env, Instance, InstanceError, Side};

/// Refuse a side whose values are not strictly increasing on all of `domain`.
fn increasing(
    inst: &Instance,
    side: &str,
    label: char,
    s: &Side,
    domain: &Interval,
) -> Result<(), InstanceError> {
    let p = inst.param_name();
    for (i, w) in s.values.windows(2).enumerate() {
        let diff = w[1].clone() - w[0].clone();
        let mut bad = diff.where_negative(domain);
        if let Some(z) = diff.where_zero(domain) {
            match &mut bad {
                Some(b) => b.union_with(&z),
                None => bad = Some(z),
            }
        }
        if let Some(bad) = bad {
            return Err(InstanceError::new(
                &inst.origin,
                format!("{side}.values"),
                format!(
                    "values must be strictly increasing on the whole domain {}: {label}{} - {label}{} = {} is not positive for {}; restrict the domain to where the values are increasing",
                    domain.display_with(p),
                    i + 2,
                    i + 1,
                    diff.display_with(p),
                    bad.display_with(p)
                ),
            ));
        }
    }
    Ok(())
}

/// The sign of `d` on a cell where it does not change.
fn sign_on_cell(d: &Poly, cell: &Interval) -> Ordering {
    match cell.as_point() {
        Some(p) => d.sign_at(p),
        None => {
            let pieces = d.sign_on(cell);
            debug_assert_eq!(
                pieces.len(),
                1,
                "a cell has no root of a buyer-seller difference inside"
            );
            pieces[0].1
        }
    }
}

impl Instance {
    /// The cells of a parameterised instance with their environments (one cell, the whole
    /// line, for an instance without a parameter).
    pub fn cells(&self) -> Result<Vec<Env<Poly>>, InstanceError> {
        if self.is_market() {
            return Err(self.not_a_market("this operation"));
        }
        let domain = self
            .parameter
            .as_ref()
            .map_or_else(Interval::all, |p| p.domain.clone());
        increasing(self, "buyer", 'B', &self.buyer, &domain)?;
        increasing(self, "seller", 'S', &self.seller, &domain)?;
        let diffs: Vec<Vec<Poly>> = self
            .buyer
            .values
            .iter()
            .map(|b| {
                self.seller
                    .values
                    .iter()
                    .map(|s| b.clone() - s.clone())
                    .collect()
            })
            .collect();
        let mut roots: Vec<Point> = diffs
            .iter()
            .flatten()
            .filter(|d| !d.is_zero())
            .flat_map(|d| d.roots_in(&domain))
            .collect();
        roots.sort();
        roots.dedup();
        let mut cells: Vec<Interval> = vec![];
        let mut lo = domain.lo().clone();
        for r in roots {
            if let Some(open) = Interval::new(lo.clone(), Bound::Open(r.clone())) {
                cells.push(open);
            }
            cells.push(Interval::at(r.clone()));
            lo = Bound::Open(r);
        }
        if let Some(last) = Interval::new(lo, domain.hi().clone()) {
            cells.push(last);
        }
        Ok(cells
            .into_iter()
            .map(|cell| {
                let cmp = diffs
                    .iter()
                    .map(|row| row.iter().map(|d| sign_on_cell(d, &cell)).collect())
                    .collect();
                Env::from_parts(
                    self.buyer.values.clone(),
                    self.buyer.probs.clone(),
                    self.seller.values.clone(),
                    self.seller.probs.clone(),
                    self.buyers,
                    self.tie_break,
                    self.seller_ties,
                    cell,
                    cmp,
                )
            })
            .collect())
    }

    /// A rational parameter value inside each cell (None for an irrational point cell).
    pub fn cell_samples(cells: &[Env<Poly>]) -> Vec<Option<Rat>> {
        cells.iter().map(|e| e.domain.sample()).collect()
    }
}
