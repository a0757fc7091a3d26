//! `mechcert check` as a library function: the mechanism named by a [`MechanismSpec`] built
//! for an instance (one buyer: tables; several identical buyers: profile by profile, with the
//! interim tables by compression beside enumeration) and checked with exact slacks; on a
//! family, once per cell of the parameter domain with the properties merged over the cells.
//! The CLI, the claims' certificates, the Python package and the report all call these.

use mechcert_cert::limits::MAX_INTERIM_WORK;
use mechcert_mech::hetero::HeteroMechanism;
use mechcert_mech::{
    BudgetBalanced, Interim, Matrix, Shares, Tabular, VcgMulti, VcgPrimeFourCase, compress,
    efficient_allocation, tight, vcg, vcg_prime,
};
use mechcert_model::{Env, Failure, Instance};
use mechcert_num::{Interval, Poly, Rat, Scalar};

use crate::{Kernel, Options, Report, Subject, check, default_max_profiles};

/// Which mechanism of the paper to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MechanismSpec {
    /// Definition 1 (with I buyers: the Clarke pivot mechanism).
    Vcg,
    /// Definition 2 (with I buyers: Section 5's four-case formula).
    VcgPrime,
    /// The budget-balanced construction of Theorem 1 (Section 5 with I buyers; Theorem 2 on
    /// the instance's `allocation` when it has one) with the seller's share of Π.
    Bb { seller_share: Rat },
    /// The tight transfers T(x) of Section 6 for the instance's `allocation` (x* without one).
    Tight,
}

impl MechanismSpec {
    /// The name `mechcert check --mechanism` uses.
    pub fn name(&self) -> &'static str {
        match self {
            MechanismSpec::Vcg => "vcg",
            MechanismSpec::VcgPrime => "vcg-prime",
            MechanismSpec::Bb { .. } => "bb",
            MechanismSpec::Tight => "tight",
        }
    }

    /// Read a name (`vcg`, `vcg-prime`, `bb`, `tight`) and, for `bb`, the seller's share
    /// (default 0; an input error outside [0, 1] or for another mechanism).
    pub fn parse(name: &str, seller_share: Option<&Rat>) -> Result<MechanismSpec, Failure> {
        let spec = match name {
            "vcg" => MechanismSpec::Vcg,
            "vcg-prime" => MechanismSpec::VcgPrime,
            "tight" => MechanismSpec::Tight,
            "bb" => {
                let a = seller_share.cloned().unwrap_or(Rat::ZERO);
                if a.is_negative() || a > Rat::ONE {
                    return Err(Failure::Input(format!(
                        "the seller's share {a} is not a share: use a number from 0 to 1"
                    )));
                }
                return Ok(MechanismSpec::Bb { seller_share: a });
            }
            other => {
                return Err(Failure::Input(format!(
                    "unknown mechanism {}: use vcg, vcg-prime, bb or tight",
                    mechcert_cert::quote::quote(other)
                )));
            }
        };
        if seller_share.is_some() {
            return Err(Failure::Input(
                "the seller's share (alpha) belongs to the budget-balanced mechanism: use it with bb".into(),
            ));
        }
        Ok(spec)
    }
}

/// Which properties to check and how many profiles to enumerate.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Interim properties only (`Some(true)`), ex post only (`Some(false)`), or both.
    pub interim_only: Option<bool>,
    /// The enumeration limit; `None`: the default for the instance (`default_max_profiles`).
    pub max_profiles: Option<u128>,
    /// Violations listed per property (default 5).
    pub listed: Option<usize>,
}

impl Request {
    fn options<S: Scalar>(&self, env: &Env<S>) -> Options {
        Options {
            interim: self.interim_only != Some(false),
            ex_post: self.interim_only != Some(true),
            max_profiles: self
                .max_profiles
                .unwrap_or_else(|| default_max_profiles(env)),
            max_listed: self.listed.unwrap_or(5),
        }
    }
}

/// A checked mechanism: the verifier's report and, for `bb`, the base mechanism's surplus Π.
#[derive(Clone, Debug)]
pub struct Checked<S: Scalar> {
    pub report: Report<S>,
    pub base_surplus: Option<S>,
}

impl<S: Scalar> Checked<S> {
    /// The JSON object of `mechcert check` (ARCHITECTURE.md's contract), with the instance.
    pub fn to_json(&self, inst: &Instance, param: &str) -> serde_json::Value {
        let mut v = self.report.to_json(param);
        if let Some(o) = v.as_object_mut() {
            o.insert("instance".into(), inst.name.clone().into());
            o.insert("file".into(), inst.origin.clone().into());
            if let Some(pi) = &self.base_surplus {
                o.insert("base_surplus".into(), pi.display_with(param).into());
            }
        }
        v
    }
}

/// The interim tables of several buyers by compression, refused (input error, with the
/// largest number of buyers that fits) beyond `MAX_INTERIM_WORK`.
pub fn compressed<S: Scalar>(origin: &str, env: &Env<S>) -> Result<Interim<S>, Failure> {
    let work = compress::vcg_prime_interim_work(env);
    if work > MAX_INTERIM_WORK {
        let fits = (1..env.buyers)
            .rev()
            .find(|&i| compress::vcg_prime_interim_work(&env.with_buyers(i)) <= MAX_INTERIM_WORK)
            .unwrap_or(1);
        return Err(Failure::Input(format!(
            "{}: field `buyers`: with {} buyers over {} buyer types under {}, the exact interim tables of every buyer hold numbers of thousands of digits (about {work} bit operations to compute and check, beyond the limit of {MAX_INTERIM_WORK}, a few seconds); use at most {fits} buyers here",
            mechcert_cert::quote::escape(origin),
            env.buyers,
            env.m(),
            env.tie_break.name()
        )));
    }
    Ok(compress::vcg_prime_interim(env))
}

fn verified<S: Kernel>(
    env: &Env<S>,
    subject: Subject<'_, S>,
    compressed: Option<&Interim<S>>,
    opts: &Options,
) -> Result<Report<S>, Failure> {
    Ok(check(env, subject, compressed, opts)?)
}

/// With only ex post properties asked for there is nothing to report when the profiles cannot
/// be enumerated: an input error that says how many there are and how to raise the limit.
fn enumeration_possible<S: Scalar>(
    origin: &str,
    env: &Env<S>,
    req: &Request,
    opts: &Options,
) -> Result<(), Failure> {
    let count = env.profile_count_exact();
    let limit = opts.max_profiles;
    if req.interim_only == Some(false)
        && count > Rat::from(u64::try_from(limit).unwrap_or(u64::MAX))
    {
        let raise = if count <= Rat::from(u64::MAX) {
            format!("raise it with --max-profiles {count} or ")
        } else {
            String::new()
        };
        return Err(Failure::Input(format!(
            "{}: {} report profiles exceed the enumeration limit of {} that ex post checks need: {raise}check interim properties (--only interim)",
            mechcert_cert::quote::escape(origin),
            env.profile_count_text(),
            limit
        )));
    }
    Ok(())
}

/// The mechanism to build and where it comes from: the spec, the allocation of the instance
/// if it has one (`tight` and, with one buyer, `bb` use it instead of x*: Theorem 2), and the
/// instance's file for messages.
pub struct Target<'a> {
    pub spec: &'a MechanismSpec,
    pub allocation: Option<&'a Matrix<Rat>>,
    pub origin: &'a str,
}

/// Build the mechanism on `env` (an instance, or one cell of a family) and check it. A
/// mechanism that needs one buyer on an instance with several is an input error; a
/// disagreement between enumeration and compression an inconsistency.
pub fn check_mechanism<S: Kernel>(
    env: &Env<S>,
    target: &Target<'_>,
    req: &Request,
) -> Result<Checked<S>, Failure> {
    let (spec, origin) = (target.spec, target.origin);
    let allocation = || {
        target
            .allocation
            .cloned()
            .unwrap_or_else(|| efficient_allocation(env))
    };
    let opts = req.options(env);
    enumeration_possible(origin, env, req, &opts)?;
    let single = env.buyers == 1;
    let needs_single = |what: &str| {
        Failure::Input(format!(
            "{}: --mechanism {what} is defined for one buyer; this instance has {} buyers",
            mechcert_cert::quote::escape(origin),
            env.buyers
        ))
    };
    let report = match spec {
        MechanismSpec::Vcg if single => verified(env, Subject::Tabular(&vcg(env)), None, &opts)?,
        MechanismSpec::Vcg => verified(env, Subject::Profiles(&VcgMulti), None, &opts)?,
        MechanismSpec::VcgPrime if single => {
            verified(env, Subject::Tabular(&vcg_prime(env)), None, &opts)?
        }
        MechanismSpec::VcgPrime => {
            let comp = compressed(origin, env)?;
            verified(
                env,
                Subject::Profiles(&VcgPrimeFourCase),
                Some(&comp),
                &opts,
            )?
        }
        MechanismSpec::Tight if single => verified(
            env,
            Subject::Tabular(&tight(env, &allocation())),
            None,
            &opts,
        )?,
        MechanismSpec::Tight => return Err(needs_single("tight")),
        MechanismSpec::Bb { seller_share } => {
            let shares = Shares::seller_share(env.buyers, seller_share);
            if single {
                let base = match target.allocation {
                    Some(x) => tight(env, x),
                    None => vcg_prime(env),
                };
                let base_interim = Interim::of_tabular(env, &base);
                let bb = BudgetBalanced::new(env, &base, &base_interim, shares);
                let tab = Tabular::tabulate(env, &bb);
                let report = verified(env, Subject::Tabular(&tab), None, &opts)?;
                return Ok(Checked {
                    report,
                    base_surplus: Some(bb.base_surplus().clone()),
                });
            }
            let base = VcgPrimeFourCase;
            let comp = compressed(origin, env)?;
            let bb = BudgetBalanced::new(env, &base, &comp, shares);
            let by_construction = bb.interim_by_construction(&comp);
            let report = verified(env, Subject::Profiles(&bb), Some(&by_construction), &opts)?;
            return Ok(Checked {
                report,
                base_surplus: Some(bb.base_surplus().clone()),
            });
        }
    };
    Ok(Checked {
        report,
        base_surplus: None,
    })
}

/// Check a concrete instance (no parameter).
pub fn check_instance(
    inst: &Instance,
    spec: &MechanismSpec,
    req: &Request,
) -> Result<Checked<Rat>, Failure> {
    if inst.is_market() {
        return check_market_instance(inst, spec, req);
    }
    let env = inst.concrete()?;
    check_mechanism(&env, &target(inst, spec, &allocation(inst)), req)
}

/// The mechanism of a market (several sellers, or buyers with different distributions)
/// that `spec` names: VCG or VCG' of Section 7.2 (`bb` and `tight` are for one seller).
pub fn market_mechanism(spec: &MechanismSpec) -> Result<HeteroMechanism, Failure> {
    match spec {
        MechanismSpec::Vcg => Ok(HeteroMechanism::Vcg),
        MechanismSpec::VcgPrime => Ok(HeteroMechanism::VcgPrime),
        other => Err(Failure::Input(format!(
            "--mechanism {}: with several sellers or buyers with different distributions use vcg or vcg-prime",
            other.name()
        ))),
    }
}

/// Check a market ([[buyer]]/[[seller]] arrays): every profile enumerated (the loader bounds
/// them by `MAX_MARKET_PROFILES`).
fn check_market_instance(
    inst: &Instance,
    spec: &MechanismSpec,
    req: &Request,
) -> Result<Checked<Rat>, Failure> {
    let mech = market_mechanism(spec)
        .map_err(|e| Failure::Input(format!("{}: {}", inst.origin, e.message())))?;
    let agents = inst.agents()?;
    let opts = Options {
        interim: req.interim_only != Some(false),
        ex_post: req.interim_only != Some(true),
        max_profiles: u128::MAX,
        max_listed: req.listed.unwrap_or(5),
    };
    Ok(Checked {
        report: crate::check_market(&agents, mech, &opts)?,
        base_surplus: None,
    })
}

fn allocation(inst: &Instance) -> Option<Matrix<Rat>> {
    inst.allocation.clone().map(Matrix::from_rows)
}

fn target<'a>(
    inst: &'a Instance,
    spec: &'a MechanismSpec,
    allocation: &'a Option<Matrix<Rat>>,
) -> Target<'a> {
    Target {
        spec,
        allocation: allocation.as_ref(),
        origin: &inst.origin,
    }
}

/// One cell of a family: where on the parameter line the order of all values is fixed.
#[derive(Clone, Debug)]
pub struct Cell {
    pub domain: Interval,
    /// The order of the values in the cell (`S1 < B1 < ...`).
    pub order: String,
    pub checked: Checked<Poly>,
}

/// A checked family: one report per cell.
#[derive(Clone, Debug)]
pub struct FamilyReport {
    pub param: String,
    /// The whole domain, as written.
    pub domain: String,
    pub cells: Vec<Cell>,
}

/// Where a polynomial surplus is positive, zero and negative on its cell.
pub fn surplus_signs(
    pi: &Poly,
    cell: &Interval,
    param: &str,
) -> [(&'static str, Option<String>); 3] {
    let show = |r: Option<mechcert_num::Region>| r.map(|r| r.display_with(param));
    [
        ("positive", show(pi.where_positive(cell))),
        ("zero", show(pi.where_zero(cell))),
        ("negative", show(pi.where_negative(cell))),
    ]
}

/// Check a family of instances (a parameter): the mechanism in every cell of the domain.
pub fn check_family(
    inst: &Instance,
    spec: &MechanismSpec,
    req: &Request,
) -> Result<FamilyReport, Failure> {
    let param = inst.param_name().to_string();
    let cells = inst.cells()?;
    let alloc = allocation(inst);
    let target = target(inst, spec, &alloc);
    let mut out = vec![];
    for env in &cells {
        out.push(Cell {
            domain: env.domain.clone(),
            order: env.order_string(),
            checked: check_mechanism(env, &target, req)?,
        });
    }
    let domain = inst
        .parameter
        .as_ref()
        .map(|p| p.domain.display_with(&param))
        .unwrap_or_default();
    Ok(FamilyReport {
        param,
        domain,
        cells: out,
    })
}

impl FamilyReport {
    /// The JSON object of `mechcert check` on a family: the contract's keys over the whole domain
    /// (the profile count, the same in every cell; the surplus polynomial when one cell covers
    /// the domain, else per cell only; every property merged over the cells: it fails if it
    /// fails in some cell, is undecided if some cell left it undecided, else holds) and the
    /// report of each cell.
    pub fn to_json(&self, inst: &Instance) -> serde_json::Value {
        use serde_json::Value;
        let param = &self.param;
        let mut list = vec![];
        for c in &self.cells {
            let mut v = c.checked.report.to_json(param);
            if let Some(o) = v.as_object_mut() {
                if let Some(pi) = &c.checked.base_surplus {
                    o.insert("base_surplus".into(), pi.display_with(param).into());
                }
                o.insert("domain".into(), c.domain.display_with(param).into());
                o.insert("order".into(), c.order.clone().into());
                if let Some(pi) = &c.checked.report.expected_surplus {
                    let mut signs = serde_json::Map::new();
                    for (k, r) in surplus_signs(pi, &c.domain, param) {
                        signs.insert(k.into(), r.map_or(Value::Null, Into::into));
                    }
                    o.insert("surplus_sign".into(), Value::Object(signs));
                }
            }
            list.push(v);
        }
        let mut top = serde_json::Map::new();
        top.insert("instance".into(), inst.name.clone().into());
        top.insert("file".into(), inst.origin.clone().into());
        top.insert("parameter".into(), param.clone().into());
        top.insert("domain".into(), self.domain.clone().into());
        top.insert(
            "profiles".into(),
            list.first().map_or(Value::Null, |c| c["profiles"].clone()),
        );
        let surplus = match self.cells.as_slice() {
            [only] => only
                .checked
                .report
                .expected_surplus
                .as_ref()
                .map(|s| s.display_with(param))
                .into(),
            _ => Value::Null,
        };
        top.insert("expected_surplus".into(), surplus);
        top.insert("properties".into(), self.merged_properties());
        top.insert("cells".into(), list.into());
        Value::Object(top)
    }

    /// Each property over all cells: it fails if it fails in some cell, else it is undecided
    /// (`null`) if some cell left it undecided, else it holds; counts add up; `min_slack` is
    /// the least one when every cell has a constant one (else `null`: slacks are polynomials);
    /// `fails_on` lists the regions where it fails.
    pub fn merged_properties(&self) -> serde_json::Value {
        use serde_json::Value;
        let mut out = serde_json::Map::new();
        let Some(first) = self.cells.first() else {
            return Value::Object(out);
        };
        for p in &first.checked.report.properties {
            let key = p.property;
            let each: Vec<_> = self
                .cells
                .iter()
                .filter_map(|c| c.checked.report.property(key))
                .collect();
            let holds = if each.iter().any(|r| r.skipped.is_none() && !r.holds()) {
                Value::Bool(false)
            } else if each.iter().any(|r| r.skipped.is_some()) {
                Value::Null
            } else {
                Value::Bool(true)
            };
            let total = |f: &dyn Fn(&crate::PropertyReport<Poly>) -> u128| -> Value {
                crate::report::count_json(each.iter().map(|r| f(r)).sum())
            };
            let min_slack = each
                .iter()
                .map(|r| r.min_slack.clone())
                .collect::<Option<Vec<Rat>>>()
                .and_then(|v| v.into_iter().min())
                .map_or(Value::Null, |m| m.to_string().into());
            let fails_on: Vec<Value> = each
                .iter()
                .filter_map(|r| r.fails_on.as_ref())
                .map(|w| w.display_with(&self.param).into())
                .collect();
            let mut o = serde_json::Map::new();
            o.insert("holds".into(), holds);
            o.insert("checked".into(), total(&|r| r.checked));
            o.insert("violations".into(), total(&|r| r.violations));
            o.insert("min_slack".into(), min_slack);
            o.insert("fails_on".into(), fails_on.into());
            out.insert(key.key().into(), Value::Object(o));
        }
        Value::Object(out)
    }
}
