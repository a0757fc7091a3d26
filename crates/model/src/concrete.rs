//! From an `Instance` to a concrete `Env<Rat>`: proves the value order by comparing
//! numbers, and substitutes a parameter value into a family of instances.

use std::cmp::Ordering;

use mechcert_num::{NoParam, Poly, Rat};

use crate::{Env, Instance, InstanceError, Side};

/// Check that values are strictly increasing; name the first offending pair.
pub(crate) fn strictly_increasing(
    origin: &str,
    side: &str,
    label: char,
    values: &[Rat],
) -> Result<(), InstanceError> {
    for (i, w) in values.windows(2).enumerate() {
        if w[1] <= w[0] {
            return Err(InstanceError::new(
                origin,
                format!("{side}.values"),
                format!(
                    "values must be strictly increasing: {label}{} = {} is not above {label}{} = {} (list each value once, in increasing order)",
                    i + 2,
                    w[1],
                    i + 1,
                    w[0]
                ),
            ));
        }
    }
    Ok(())
}

fn constants(side: &Side) -> Option<Vec<Rat>> {
    side.values.iter().map(Poly::as_constant).collect()
}

impl Instance {
    /// The concrete environment of an instance without a parameter.
    pub fn concrete(&self) -> Result<Env<Rat>, InstanceError> {
        if self.is_market() {
            return Err(self.not_a_market("this operation"));
        }
        if let Some(p) = &self.parameter {
            return Err(InstanceError::new(
                &self.origin,
                "parameter",
                format!(
                    "this is a family of instances in `{}`; this operation needs a concrete instance (substitute a value of `{}`)",
                    p.name, p.name
                ),
            ));
        }
        let b = constants(&self.buyer).expect("no parameter: values are constants");
        let s = constants(&self.seller).expect("no parameter: values are constants");
        strictly_increasing(&self.origin, "buyer", 'B', &b)?;
        strictly_increasing(&self.origin, "seller", 'S', &s)?;
        let cmp: Vec<Vec<Ordering>> = b
            .iter()
            .map(|bi| s.iter().map(|sj| bi.cmp(sj)).collect())
            .collect();
        Ok(Env::from_parts(
            b,
            self.buyer.probs.clone(),
            s,
            self.seller.probs.clone(),
            self.buyers,
            self.tie_break,
            self.seller_ties,
            NoParam,
            cmp,
        ))
    }

    /// The member of a family at parameter value `k` (which must lie in the domain), as a
    /// concrete instance; an instance without a parameter is returned unchanged.
    pub fn substitute(&self, k: &Rat) -> Result<Instance, InstanceError> {
        let Some(p) = &self.parameter else {
            return Ok(self.clone());
        };
        if !p.domain.contains(k) {
            return Err(InstanceError::new(
                &self.origin,
                "domain",
                format!(
                    "{} = {k} is outside the domain {}",
                    p.name,
                    p.domain.display_with(&p.name)
                ),
            ));
        }
        let at = |s: &Side| Side {
            values: s.values.iter().map(|v| Poly::constant(v.eval(k))).collect(),
            probs: s.probs.clone(),
        };
        let mut out = self.clone();
        out.buyer = at(&self.buyer);
        out.seller = at(&self.seller);
        out.parameter = None;
        out.name = format!("{} at {} = {k}", self.name, p.name);
        Ok(out)
    }
}
