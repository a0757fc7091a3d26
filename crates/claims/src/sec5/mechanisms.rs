//! Section 5's budget-balanced construction on VCG' (seller shares 0, 1/2, 1; every property
//! checked at every profile) and the invariance of Π^VCG' under the tie rule among buyers.

use mechcert_model::{Instance, TieBreak};
use mechcert_num::Rat;
use mechcert_verify::{MechanismSpec, Property};

use crate::certificate::{Certified, Mode, Num, Rel, Role};
use crate::evidence::{self, checkable, several_buyers};
use crate::registry::{Claim, ClaimError, on_concrete};

const SECTION_5_BB: [Property; 6] = [
    Property::InterimIcBuyer,
    Property::InterimIcSeller,
    Property::InterimIrBuyer,
    Property::InterimIrSeller,
    Property::ExPostBb,
    Property::Efficient,
];

pub(super) fn section_5_bb(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !evidence::checkable_mechanism(bd) {
            return Ok(());
        }
        let buyers = bd.env().buyers;
        let pi = evidence::vcg_prime_surplus(bd, "Pi_VCG'", buyers, bd.env().tie_break);
        if !bd.compare(
            Role::Condition,
            "Π^VCG' >= 0 (the construction is for this case)",
            &pi,
            Rel::Ge,
            0,
        ) {
            return Ok(());
        }
        for alpha in [Rat::ZERO, Rat::new(1, 2), Rat::ONE] {
            let name = format!("Section 5 construction, seller share {alpha}");
            let which = MechanismSpec::Bb {
                seller_share: alpha.clone(),
            };
            let mech = evidence::mechanism_named(bd, &name, &which, &SECTION_5_BB)?;
            for p in SECTION_5_BB {
                bd.property(
                    Role::Claim,
                    &format!("the construction (seller share {alpha}) is {}", p.key()),
                    &mech,
                    p.key(),
                );
            }
        }
        Ok(())
    })
}

pub(super) fn tie_break_invariance(
    c: &Claim,
    inst: &Instance,
    mode: Mode,
) -> Result<Certified, ClaimError> {
    on_concrete(c, inst, mode, |bd| {
        if !(several_buyers(bd)? && checkable(bd)) {
            return Ok(());
        }
        let buyers = bd.env().buyers;
        let pis: Vec<Num> = TieBreak::ALL
            .iter()
            .map(|t| evidence::vcg_prime_surplus(bd, &format!("Pi ({})", t.name()), buyers, *t))
            .collect();
        for other in &pis[1..] {
            bd.compare(
                Role::Claim,
                &format!("{} equals {}", pis[0].name(), other.name()),
                &pis[0],
                Rel::Eq,
                other,
            );
        }
        Ok(())
    })
}
