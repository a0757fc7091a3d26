//! The checker's work meter. Every computation whose cost grows faster than its input
//! (powers and products of big numbers, polynomial arithmetic, Sturm sequences, Möbius
//! transforms, enumerations of profiles and multisets) charges its estimated cost in work
//! units (`limits::op_work`) *before* it runs; once a certificate's charges would pass
//! `limits::WORK_BUDGET` the charge fails, nothing more is computed, and the certificate is
//! refused in a fraction of a second. Also records whether a documented limit (size, digits,
//! work) refused the certificate, so callers can tell "beyond the limits" (input error) from
//! "does not check".
//!
//! The meter is per thread and active only inside `check_certificate` (outside, charges
//! always succeed), so the checker stays a pure function of its input.

use std::cell::RefCell;

use crate::limits::WORK_BUDGET;

#[derive(Default)]
struct Meter {
    /// Units left; `None` when no certificate is being checked.
    left: Option<u64>,
    /// The first limit that refused the certificate.
    refused: Option<String>,
}

thread_local! {
    static METER: RefCell<Meter> = RefCell::new(Meter::default());
}

/// Resets the meter for one certificate; the previous state comes back when it is dropped.
pub struct Session {
    saved: Option<Meter>,
}

/// Start metering a certificate with the full budget.
pub fn start() -> Session {
    let fresh = Meter {
        left: Some(WORK_BUDGET),
        refused: None,
    };
    Session {
        saved: Some(METER.with(|m| m.replace(fresh))),
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(s) = self.saved.take() {
            METER.with(|m| *m.borrow_mut() = s);
        }
    }
}

/// Record that a documented limit refused the input (while a certificate is being checked),
/// and return the message.
pub fn refuse(message: String) -> String {
    METER.with(|m| {
        let mut m = m.borrow_mut();
        if m.left.is_some() && m.refused.is_none() {
            m.refused = Some(message.clone());
        }
    });
    message
}

/// The first limit that refused the certificate being checked, if any.
pub fn refused() -> Option<String> {
    METER.with(|m| m.borrow().refused.clone())
}

/// Charge `units` for the computation `what` (described only when the charge fails).
pub fn charge(units: u64, what: impl FnOnce() -> String) -> Result<(), String> {
    let failed = METER.with(|m| {
        let mut m = m.borrow_mut();
        if m.left.is_some() && m.refused.is_some() {
            return true;
        }
        match m.left {
            None => false,
            Some(left) if units <= left => {
                m.left = Some(left - units);
                false
            }
            Some(_) => true,
        }
    });
    if !failed {
        return Ok(());
    }
    if let Some(r) = refused() {
        return Err(r);
    }
    Err(refuse(format!(
        "{} would take about {units} work units, beyond what is left of the checker's budget of {WORK_BUDGET} per certificate (FORMAT.md, Limits)",
        what()
    )))
}

/// Like `charge`, for computations that cannot fail: `false` means "do not compute" (the
/// caller returns a conservative answer; the certificate is refused anyway).
pub fn afford(units: u64, what: impl FnOnce() -> String) -> bool {
    charge(units, what).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_only_inside_a_session() {
        assert!(charge(u64::MAX, || "free".into()).is_ok());
        {
            let _s = start();
            assert!(charge(WORK_BUDGET - 1, || "most".into()).is_ok());
            assert!(charge(1, || "the last unit".into()).is_ok());
            let e = charge(1, || "one more".into()).unwrap_err();
            assert!(
                e.starts_with("one more would take about 1 work units"),
                "{e}"
            );
            assert_eq!(refused(), Some(e.clone()));
            // refused stays refused, and names the first reason
            assert_eq!(charge(0, || "nothing".into()), Err(e));
        }
        assert_eq!(refused(), None);
        assert!(charge(u64::MAX, || "free again".into()).is_ok());
    }
}
