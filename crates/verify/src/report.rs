//! What a check reports: for each property, how many inequalities were checked, how many
//! fail, the minimum exact slack, where on the parameter domain it fails, and the first
//! violations in the canonical enumeration order. `Tally` accumulates one property.

use std::fmt;

use mechcert_num::{FailSet, Rat, Scalar};

/// The properties a mechanism is checked for; `key()` is the JSON name (ARCHITECTURE.md's contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Property {
    InterimIcBuyer,
    InterimIcSeller,
    InterimIrBuyer,
    InterimIrSeller,
    Monotone,
    ExPostIc,
    ExPostIr,
    ExPostBb,
    Efficient,
}

impl Property {
    pub const ALL: [Property; 9] = [
        Property::InterimIcBuyer,
        Property::InterimIcSeller,
        Property::InterimIrBuyer,
        Property::InterimIrSeller,
        Property::Monotone,
        Property::ExPostIc,
        Property::ExPostIr,
        Property::ExPostBb,
        Property::Efficient,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Property::InterimIcBuyer => "interim_ic_buyer",
            Property::InterimIcSeller => "interim_ic_seller",
            Property::InterimIrBuyer => "interim_ir_buyer",
            Property::InterimIrSeller => "interim_ir_seller",
            Property::Monotone => "monotone",
            Property::ExPostIc => "ex_post_ic",
            Property::ExPostIr => "ex_post_ir",
            Property::ExPostBb => "ex_post_bb",
            Property::Efficient => "efficient",
        }
    }

    /// One line saying what the inequalities are.
    pub fn meaning(self) -> &'static str {
        match self {
            Property::InterimIcBuyer => {
                "every buyer type prefers its own report to every other, in expectation"
            }
            Property::InterimIcSeller => {
                "every seller type prefers its own report to every other, in expectation"
            }
            Property::InterimIrBuyer => "every buyer type expects a non-negative gain",
            Property::InterimIrSeller => "every seller type expects a non-negative gain",
            Property::Monotone => {
                "interim allocations: nondecreasing in the buyer's value, nonincreasing in the seller's"
            }
            Property::ExPostIc => {
                "truth-telling is a dominant strategy (every profile, every misreport)"
            }
            Property::ExPostIr => "every agent gains at every profile",
            Property::ExPostBb => "buyers' payments equal the seller's receipt at every profile",
            Property::Efficient => {
                "the allocation is x* (the good goes to a highest value above the seller's)"
            }
        }
    }

    /// Is it an interim property (checked from interim tables)?
    pub fn is_interim(self) -> bool {
        matches!(
            self,
            Property::InterimIcBuyer
                | Property::InterimIcSeller
                | Property::InterimIrBuyer
                | Property::InterimIrSeller
                | Property::Monotone
        )
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One failing inequality.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation<S> {
    /// Which inequality, in words (`buyer B2 reports B1 against S3`).
    pub inequality: String,
    /// Its exact slack (negative, or nonzero for an equality).
    pub slack: S,
}

#[derive(Clone, Debug)]
pub struct PropertyReport<S: Scalar> {
    pub property: Property,
    pub checked: u128,
    pub violations: u128,
    /// The minimum slack over all checked inequalities (for equalities: the minimum of the
    /// signed difference). `None` when nothing was checked or slacks depend on the parameter.
    pub min_slack: Option<Rat>,
    /// Where on the domain some inequality fails (`None`: nowhere).
    pub fails_on: Option<S::Where>,
    pub first: Vec<Violation<S>>,
    /// Why the property was not checked (e.g. too many profiles), when it was not.
    pub skipped: Option<String>,
}

impl<S: Scalar> PropertyReport<S> {
    pub fn holds(&self) -> bool {
        self.skipped.is_none() && self.violations == 0
    }

    pub fn skipped(property: Property, why: String) -> Self {
        PropertyReport {
            property,
            checked: 0,
            violations: 0,
            min_slack: None,
            fails_on: None,
            first: vec![],
            skipped: Some(why),
        }
    }
}

/// Accumulates one property's inequalities, in enumeration order.
pub(crate) struct Tally<'d, S: Scalar> {
    report: PropertyReport<S>,
    symbolic: bool,
    domain: &'d S::Domain,
    max_listed: usize,
}

impl<'d, S: Scalar> Tally<'d, S> {
    pub(crate) fn new(property: Property, domain: &'d S::Domain, max_listed: usize) -> Self {
        Tally {
            report: PropertyReport {
                property,
                checked: 0,
                violations: 0,
                min_slack: None,
                fails_on: None,
                first: vec![],
                skipped: None,
            },
            symbolic: false,
            domain,
            max_listed,
        }
    }

    fn note_min(&mut self, slack: &S) {
        match slack.as_constant() {
            Some(c) => {
                if self.report.min_slack.as_ref().is_none_or(|m| &c < m) {
                    self.report.min_slack = Some(c);
                }
            }
            None => self.symbolic = true,
        }
    }

    fn fail(&mut self, slack: S, at: S::Where, describe: impl FnOnce() -> String) {
        self.report.violations += 1;
        match &mut self.report.fails_on {
            Some(w) => w.union_with(&at),
            None => self.report.fails_on = Some(at),
        }
        if self.report.first.len() < self.max_listed {
            self.report.first.push(Violation {
                inequality: describe(),
                slack,
            });
        }
    }

    /// Record `slack >= 0`.
    pub(crate) fn at_least_zero(&mut self, slack: S, describe: impl FnOnce() -> String) {
        self.report.checked += 1;
        self.note_min(&slack);
        if let Some(at) = slack.where_negative(self.domain) {
            self.fail(slack, at, describe);
        }
    }

    /// Record `diff == 0`.
    pub(crate) fn zero(&mut self, diff: S, describe: impl FnOnce() -> String) {
        self.report.checked += 1;
        self.note_min(&diff);
        if let Some(at) = diff.where_nonzero(self.domain) {
            self.fail(diff, at, describe);
        }
    }

    pub(crate) fn finish(mut self) -> PropertyReport<S> {
        if self.symbolic {
            self.report.min_slack = None;
        }
        self.report
    }
}

impl<S: Scalar> Tally<'_, S> {
    /// Append a tally of the same property that comes later in enumeration order.
    pub(crate) fn absorb(&mut self, later: Tally<'_, S>) {
        let r = later.report;
        self.symbolic |= later.symbolic;
        self.report.checked += r.checked;
        self.report.violations += r.violations;
        if let Some(c) = r.min_slack
            && self.report.min_slack.as_ref().is_none_or(|m| &c < m)
        {
            self.report.min_slack = Some(c);
        }
        if let Some(at) = r.fails_on {
            match &mut self.report.fails_on {
                Some(w) => w.union_with(&at),
                None => self.report.fails_on = Some(at),
            }
        }
        let room = self.max_listed.saturating_sub(self.report.first.len());
        self.report.first.extend(r.first.into_iter().take(room));
    }
}

/// A count as JSON: a number when it fits in u64, else its exact decimal string.
pub fn count_json(c: u128) -> serde_json::Value {
    match u64::try_from(c) {
        Ok(v) => v.into(),
        Err(_) => c.to_string().into(),
    }
}

impl<S: Scalar> PropertyReport<S> {
    /// The JSON object of ARCHITECTURE.md's contract: holds, checked, violations, min_slack, plus where it
    /// fails on a parameter domain, the first violations and why it was skipped (a skipped
    /// property has `"holds": null`: it was not decided).
    pub fn to_json(&self, param: &str) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        let holds = if self.skipped.is_some() {
            serde_json::Value::Null
        } else {
            self.holds().into()
        };
        o.insert("holds".into(), holds);
        o.insert("checked".into(), count_json(self.checked));
        o.insert("violations".into(), count_json(self.violations));
        o.insert(
            "min_slack".into(),
            self.min_slack
                .as_ref()
                .map_or(serde_json::Value::Null, |m| m.to_string().into()),
        );
        if let Some(w) = &self.fails_on {
            o.insert("fails_on".into(), w.display_with(param).into());
        }
        o.insert(
            "first_violations".into(),
            self.first
                .iter()
                .map(|v| {
                    serde_json::json!({"inequality": v.inequality, "slack": v.slack.display_with(param)})
                })
                .collect::<Vec<_>>()
                .into(),
        );
        if let Some(s) = &self.skipped {
            o.insert("skipped".into(), s.clone().into());
        }
        serde_json::Value::Object(o)
    }
}
