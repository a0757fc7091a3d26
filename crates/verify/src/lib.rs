//! Exhaustive exact checks of a mechanism: interim IC (every type against every report) and
//! IR for the buyers and the seller, monotonicity of interim allocations, ex post IC
//! (dominant strategies), ex post IR, ex post budget balance and efficiency. Every inequality
//! is checked with its exact slack; the report gives counts, the minimum slack, where on a
//! parameter domain a property fails, and the first violations.
//!
//! Interim tables come from the mechanism itself (its tables, or enumeration of every
//! profile) whenever the profile count is within the limit; beyond it, from symmetric
//! compression supplied by the caller, and ex post properties are reported as skipped.
//! When both enumeration and compression are available they must agree exactly; a
//! disagreement is an internal inconsistency, not a result.

mod expost;
mod interim;
mod kernel;
mod market;
mod report;
mod usecase;

use mechcert_mech::{Interim, Mechanism, Tabular};
use mechcert_model::Env;
use mechcert_num::{Poly, Rat, Scalar};

pub use expost::check_ex_post;
pub use interim::check_interim;
pub use kernel::{check_ex_post_tabular, check_interim_rat};
pub use market::{MarketInterim, check_market, market_interim};
pub use report::{Property, PropertyReport, Violation};
pub use usecase::{
    Cell, Checked, FamilyReport, MechanismSpec, Request, Target, check_family, check_instance,
    check_mechanism, compressed, surplus_signs,
};

/// What to check.
#[derive(Clone, Debug)]
pub struct Options {
    pub interim: bool,
    pub ex_post: bool,
    /// Enumerate at most this many profiles (ex post checks; interim by enumeration).
    pub max_profiles: u128,
    /// How many violations to list per property.
    pub max_listed: usize,
}

/// The default enumeration limit: every single-buyer instance up to 2000 x 2000, and
/// multi-buyer instances up to four million profiles.
pub const DEFAULT_MAX_PROFILES: u128 = 4_000_000;

/// The default limit on enumerated profiles for `env`: `DEFAULT_MAX_PROFILES`, fewer when
/// a profile costs more (several buyers), so that the default ex post checks stay within
/// `mechcert_cert::limits::DEFAULT_MAX_EX_POST_WORK`.
pub fn default_max_profiles<S: Scalar>(env: &Env<S>) -> u128 {
    let (m, n, i) = (env.m() as u128, env.n() as u128, env.buyers as u128);
    let per_outcome = if env.buyers == 1 { 1 } else { 25 * i };
    let per_profile = (1 + i * m.saturating_sub(1) + n.saturating_sub(1)) * per_outcome;
    DEFAULT_MAX_PROFILES.min(mechcert_cert::limits::DEFAULT_MAX_EX_POST_WORK / per_profile.max(1))
}

impl Default for Options {
    fn default() -> Self {
        Options {
            interim: true,
            ex_post: true,
            max_profiles: DEFAULT_MAX_PROFILES,
            max_listed: 5,
        }
    }
}

/// The mechanism to check: single-buyer tables, or any mechanism given profile by profile.
pub enum Subject<'a, S: Scalar> {
    Tabular(&'a Tabular<S>),
    Profiles(&'a dyn Mechanism<S>),
}

impl<S: Scalar> Subject<'_, S> {
    fn as_mechanism(&self) -> &dyn Mechanism<S> {
        match self {
            Subject::Tabular(t) => *t,
            Subject::Profiles(m) => *m,
        }
    }
}

/// Where the interim tables came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterimSource {
    Tables,
    Enumeration,
    Compression,
}

impl InterimSource {
    pub fn name(self) -> &'static str {
        match self {
            InterimSource::Tables => "tables",
            InterimSource::Enumeration => "enumeration",
            InterimSource::Compression => "compression",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Report<S: Scalar> {
    pub mechanism: String,
    /// m^I * n, exactly.
    pub profiles: Rat,
    /// How many profiles were enumerated.
    pub enumerated: u128,
    /// The ex ante expected budget surplus (from the interim tables).
    pub expected_surplus: Option<S>,
    pub interim: Option<Interim<S>>,
    pub interim_source: Option<InterimSource>,
    /// Enumeration and compression both ran and agree exactly.
    pub cross_checked: bool,
    pub properties: Vec<PropertyReport<S>>,
}

impl<S: Scalar> Report<S> {
    pub fn property(&self, p: Property) -> Option<&PropertyReport<S>> {
        self.properties.iter().find(|r| r.property == p)
    }

    /// Do all checked properties hold?
    pub fn all_hold(&self) -> bool {
        self.properties
            .iter()
            .all(|p| p.skipped.is_some() || p.holds())
    }
}

/// An internal inconsistency: two independent computations disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inconsistency(pub String);

impl From<Inconsistency> for mechcert_model::Failure {
    fn from(e: Inconsistency) -> mechcert_model::Failure {
        mechcert_model::Failure::Inconsistent(e.0)
    }
}

impl std::fmt::Display for Inconsistency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal inconsistency: {}", self.0)
    }
}

/// The exact scalars the verifier checks with: numbers (`Rat`), with the integer kernel as a
/// fast path when the numbers fit, and polynomials on a cell (`Poly`), always on the generic
/// exact path. The hooks return `None` when the fast path does not apply.
pub trait Kernel: Scalar {
    /// The interim checks by the integer kernel.
    fn fast_interim(
        _env: &Env<Self>,
        _it: &Interim<Self>,
        _listed: usize,
    ) -> Option<Vec<PropertyReport<Self>>> {
        None
    }

    /// The ex post checks of single-buyer tables by the integer kernel.
    fn fast_ex_post(
        _env: &Env<Self>,
        _tables: &Tabular<Self>,
        _listed: usize,
    ) -> Option<Vec<PropertyReport<Self>>> {
        None
    }
}

impl Kernel for Rat {
    fn fast_interim(
        env: &Env<Rat>,
        it: &Interim<Rat>,
        listed: usize,
    ) -> Option<Vec<PropertyReport<Rat>>> {
        check_interim_rat(env, it, listed)
    }

    fn fast_ex_post(
        env: &Env<Rat>,
        tables: &Tabular<Rat>,
        listed: usize,
    ) -> Option<Vec<PropertyReport<Rat>>> {
        check_ex_post_tabular(env, tables, listed)
    }
}

impl Kernel for Poly {}

/// Interim checks: the integer kernel when it applies, else the generic exact path.
fn interim_checks<S: Kernel>(
    env: &Env<S>,
    it: &Interim<S>,
    listed: usize,
) -> Vec<PropertyReport<S>> {
    S::fast_interim(env, it, listed).unwrap_or_else(|| check_interim(env, it, listed))
}

fn ex_post<S: Kernel>(
    env: &Env<S>,
    subject: &Subject<'_, S>,
    listed: usize,
) -> Vec<PropertyReport<S>> {
    if let Subject::Tabular(t) = subject
        && let Some(reports) = S::fast_ex_post(env, t, listed)
    {
        return reports;
    }
    check_ex_post(env, subject.as_mechanism(), listed)
}

/// Check a mechanism. `compressed` are interim tables computed by compression, used when
/// there are too many profiles to enumerate and cross-checked when there are not.
pub fn check<S: Kernel>(
    env: &Env<S>,
    subject: Subject<'_, S>,
    compressed: Option<&Interim<S>>,
    opts: &Options,
) -> Result<Report<S>, Inconsistency> {
    let profiles = env.profile_count();
    let enumerable = profiles.is_some_and(|p| p <= opts.max_profiles);
    let too_many = || {
        format!(
            "{} profiles exceed the enumeration limit of {} (raise it with --max-profiles)",
            env.profile_count_text(),
            opts.max_profiles
        )
    };
    let mut enumerated = 0;
    let (interim, source) = match &subject {
        Subject::Tabular(t) => (
            Some(Interim::of_tabular(env, t)),
            Some(InterimSource::Tables),
        ),
        Subject::Profiles(m) if enumerable => {
            enumerated = profiles.unwrap_or(0);
            (
                Some(Interim::by_enumeration(env, *m)),
                Some(InterimSource::Enumeration),
            )
        }
        Subject::Profiles(_) => match compressed {
            Some(c) => (Some(c.clone()), Some(InterimSource::Compression)),
            None => (None, None),
        },
    };
    let mut cross_checked = false;
    if let (Some(c), Some(i), Some(InterimSource::Enumeration | InterimSource::Tables)) =
        (compressed, &interim, source)
    {
        if c != i {
            return Err(Inconsistency(format!(
                "interim tables of {} by compression differ from those by enumeration",
                subject.as_mechanism().name()
            )));
        }
        cross_checked = true;
    }
    let mut properties = vec![];
    if opts.interim {
        match &interim {
            Some(it) => properties.extend(interim_checks(env, it, opts.max_listed)),
            None => properties.extend(
                Property::ALL
                    .iter()
                    .filter(|p| p.is_interim())
                    .map(|&p| PropertyReport::skipped(p, too_many())),
            ),
        }
    }
    if opts.ex_post {
        if enumerable {
            enumerated = profiles.unwrap_or(0);
            properties.extend(ex_post(env, &subject, opts.max_listed));
        } else {
            properties.extend(
                Property::ALL
                    .iter()
                    .filter(|p| !p.is_interim())
                    .map(|&p| PropertyReport::skipped(p, too_many())),
            );
        }
    }
    Ok(Report {
        mechanism: subject.as_mechanism().name(),
        profiles: env.profile_count_exact(),
        enumerated,
        expected_surplus: interim.as_ref().map(|it| it.expected_surplus(env)),
        interim,
        interim_source: source,
        cross_checked,
        properties,
    })
}

impl<S: Scalar> Report<S> {
    /// The JSON object of `mechcert check` (ARCHITECTURE.md's contract): `profiles`, `expected_surplus`,
    /// `properties` keyed by property name, and provenance of the interim tables.
    pub fn to_json(&self, param: &str) -> serde_json::Value {
        let mut props = serde_json::Map::new();
        for p in &self.properties {
            props.insert(p.property.key().into(), p.to_json(param));
        }
        serde_json::json!({
            "mechanism": self.mechanism,
            "profiles": self.profiles.to_string().parse::<u64>().map_or_else(|_| self.profiles.to_string().into(), serde_json::Value::from),
            "enumerated": report::count_json(self.enumerated),
            "expected_surplus": self.expected_surplus.as_ref().map(|s| s.display_with(param)),
            "interim_source": self.interim_source.map(InterimSource::name),
            "cross_checked": self.cross_checked,
            "properties": props,
        })
    }
}
