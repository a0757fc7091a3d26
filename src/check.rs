//! `mechcert check FILE`: build the chosen mechanism for the instance and print the
//! verifier's report (a table, or the JSON object of DESIGN.md with `--json`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use mechcert_cert::limits::MAX_INTERIM_WORK;
use mechcert_mech::{
    BudgetBalanced, Interim, Matrix, Shares, Tabular, VcgMulti, VcgPrimeFourCase, compress,
    efficient_allocation, tight, vcg, vcg_prime,
};
use mechcert_model::{Env, Instance};
use mechcert_num::{FailSet, Interval, Poly, Rat, Scalar};
use mechcert_verify::{Options, Report, Subject, check, default_max_profiles};

use crate::Failure;
use crate::table::Table;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MechanismKind {
    /// Definition 1 (with I buyers: the Clarke pivot mechanism)
    Vcg,
    /// Definition 2 (with I buyers: the Section 5 four-case formula)
    VcgPrime,
    /// The budget-balanced mechanism of Theorem 1 (Section 5 with I buyers; Theorem 2 on the
    /// instance's `allocation` when it has one)
    Bb,
    /// The tight transfers T(x) of Section 6 for the instance's `allocation` (x* without one)
    Tight,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// Interim IC, IR and monotonicity only
    Interim,
    /// Ex post IC, IR, BB and efficiency only
    ExPost,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Instance file (TOML; see the README for the format)
    file: PathBuf,
    /// The mechanism to check
    #[arg(long, value_enum, default_value = "vcg-prime")]
    mechanism: MechanismKind,
    /// Check only one family of properties
    #[arg(long, value_enum)]
    only: Option<Only>,
    /// For `--mechanism bb`: the seller's share α of the surplus Π, from 0 to 1 (Theorem 1);
    /// with I buyers they split the rest equally [default: 0]
    #[arg(long)]
    alpha: Option<String>,
    /// Enumerate at most this many report profiles; beyond it ex post properties are skipped
    /// and interim ones come from symmetric compression [default: 4000000, fewer with
    /// several buyers, so that the checks take seconds: DEFAULT_MAX_EX_POST_WORK divided by
    /// (1 + I(m-1) + n-1) * 25 I]
    #[arg(long)]
    max_profiles: Option<u64>,
    /// How many violations to list per property
    #[arg(long, default_value_t = 5)]
    listed: usize,
    /// Print one JSON object instead of tables
    #[arg(long)]
    json: bool,
    /// Draw a picture (SVG) from exact values: Π(k) over the domain for a family, Π_I against
    /// the number of buyers I = 1..=--plot-buyers for a concrete instance
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    /// How many buyers the Π_I picture goes up to
    #[arg(long, default_value_t = 30)]
    plot_buyers: usize,
}

fn write_plot(path: &std::path::Path, svg: &str) -> Result<(), Failure> {
    std::fs::write(path, svg).map_err(|e| {
        Failure::Input(format!(
            "{}: cannot write the picture: {e}",
            crate::shown(path)
        ))
    })
}

/// A checked mechanism: the report and, for `bb`, the base mechanism's surplus Π.
struct Checked<S: Scalar> {
    report: Report<S>,
    base_surplus: Option<S>,
}

/// The profile limit: `--max-profiles`, else the default for this instance.
fn max_profiles<S: Scalar>(a: &CheckArgs, env: &Env<S>) -> u128 {
    a.max_profiles
        .map_or_else(|| default_max_profiles(env), u128::from)
}

fn options<S: Scalar>(a: &CheckArgs, env: &Env<S>) -> Options {
    Options {
        interim: a.only != Some(Only::ExPost),
        ex_post: a.only != Some(Only::Interim),
        max_profiles: max_profiles(a, env),
        max_listed: a.listed,
    }
}

/// The interim tables of several buyers by compression, refused (input error, with the
/// largest number of buyers that fits) beyond `MAX_INTERIM_WORK`.
fn compressed<S: Scalar>(inst: &Instance, env: &Env<S>) -> Result<Interim<S>, Failure> {
    let work = compress::vcg_prime_interim_work(env);
    if work > MAX_INTERIM_WORK {
        let fits = (1..env.buyers)
            .rev()
            .find(|&i| compress::vcg_prime_interim_work(&env.with_buyers(i)) <= MAX_INTERIM_WORK)
            .unwrap_or(1);
        return Err(Failure::Input(format!(
            "{}: field `buyers`: with {} buyers over {} buyer types under {}, the exact interim tables of every buyer hold numbers of thousands of digits (about {work} bit operations to compute and check, beyond the limit of {MAX_INTERIM_WORK}, a few seconds); use at most {fits} buyers here",
            crate::shown(std::path::Path::new(&inst.origin)),
            env.buyers,
            env.m(),
            env.tie_break.name()
        )));
    }
    Ok(compress::vcg_prime_interim(env))
}

fn alpha(a: &CheckArgs) -> Result<Rat, Failure> {
    let text = a.alpha.as_deref().unwrap_or("0");
    let v: Rat = text
        .parse()
        .map_err(|e| Failure::Input(format!("--alpha `{text}`: {e}")))?;
    if v.is_negative() || v > Rat::ONE {
        return Err(Failure::Input(format!(
            "--alpha {v} is not a share: use a number from 0 to 1"
        )));
    }
    Ok(v)
}

fn allocation(inst: &Instance, env: &Env<impl Scalar>) -> Matrix<Rat> {
    match &inst.allocation {
        Some(rows) => Matrix::from_rows(rows.clone()),
        None => efficient_allocation(env),
    }
}

fn verified<S: Scalar>(
    env: &Env<S>,
    subject: Subject<'_, S>,
    compressed: Option<&Interim<S>>,
    opts: &Options,
) -> Result<Report<S>, Failure> {
    check(env, subject, compressed, opts).map_err(|e| Failure::Inconsistent(e.0))
}

/// Build the mechanism and check it (generic: numbers or polynomials on a cell).
fn check_mechanism<S: Scalar>(
    inst: &Instance,
    env: &Env<S>,
    a: &CheckArgs,
) -> Result<Checked<S>, Failure> {
    let opts = options(a, env);
    let single = env.buyers == 1;
    let needs_single = |what: &str| {
        Failure::Input(format!(
            "{}: --mechanism {what} is defined for one buyer; this instance has {} buyers",
            inst.origin, env.buyers
        ))
    };
    let report = match a.mechanism {
        MechanismKind::Vcg if single => verified(env, Subject::Tabular(&vcg(env)), None, &opts)?,
        MechanismKind::Vcg => verified(env, Subject::Profiles(&VcgMulti), None, &opts)?,
        MechanismKind::VcgPrime if single => {
            verified(env, Subject::Tabular(&vcg_prime(env)), None, &opts)?
        }
        MechanismKind::VcgPrime => {
            let comp = compressed(inst, env)?;
            verified(
                env,
                Subject::Profiles(&VcgPrimeFourCase),
                Some(&comp),
                &opts,
            )?
        }
        MechanismKind::Tight if single => verified(
            env,
            Subject::Tabular(&tight(env, &allocation(inst, env))),
            None,
            &opts,
        )?,
        MechanismKind::Tight => return Err(needs_single("tight")),
        MechanismKind::Bb => {
            let shares = Shares::seller_share(env.buyers, &alpha(a)?);
            if single {
                let base = match inst.allocation {
                    Some(_) => tight(env, &allocation(inst, env)),
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
            let comp = compressed(inst, env)?;
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

fn describe(inst: &Instance) -> String {
    let (m, n) = inst.shape();
    format!(
        "{m} buyer values x {n} seller values, {} buyer{}; ties among buyers: {}; buyer-seller ties: {}",
        inst.buyers,
        if inst.buyers == 1 { "" } else { "s" },
        inst.tie_break.name(),
        inst.seller_ties.name()
    )
}

fn print_report<S: Scalar>(
    inst: &Instance,
    env: &Env<S>,
    c: &Checked<S>,
    param: &str,
    symbolic: bool,
) {
    let env_profiles = env.profile_count_text();
    let r = &c.report;
    if !symbolic {
        outln!("instance   {} ({})", inst.name, inst.origin);
        outln!("           {}", describe(inst));
    }
    outln!("mechanism  {}", r.mechanism);
    let source = r
        .interim_source
        .map_or("none".to_string(), |s| s.name().to_string());
    outln!(
        "profiles   {} (enumerated {}; interim tables from {}{})",
        env_profiles,
        r.enumerated,
        source,
        if r.cross_checked {
            ", cross-checked against compression"
        } else {
            ""
        }
    );
    if let Some(pi) = &c.base_surplus {
        outln!("base surplus Π = {}", pi.display_with(param));
    }
    if let Some(s) = &r.expected_surplus {
        outln!("expected surplus  {}", s.display_with(param));
    }
    outln!();
    let mut t = Table::new(&["property", "holds", "checked", "violations", "min slack"]);
    for p in &r.properties {
        let holds = match (&p.skipped, p.holds()) {
            (Some(_), _) => "skipped".to_string(),
            (None, true) => "yes".to_string(),
            (None, false) => match (&p.fails_on, symbolic) {
                (Some(w), true) => format!("no, for {}", w.display_with(param)),
                _ => "no".to_string(),
            },
        };
        t.row(vec![
            p.property.key().to_string(),
            holds,
            p.checked.to_string(),
            p.violations.to_string(),
            p.min_slack.as_ref().map_or("-".to_string(), Rat::to_string),
        ]);
    }
    out!("{}", t.render());
    for p in &r.properties {
        if let Some(why) = &p.skipped {
            outln!("\n{} skipped: {why}", p.property.key());
        } else if !p.first.is_empty() {
            outln!(
                "\n{} fails ({} of {}); first violations:",
                p.property.key(),
                p.violations,
                p.checked
            );
            for v in &p.first {
                outln!("  {}: slack {}", v.inequality, v.slack.display_with(param));
            }
        }
    }
}

fn json<S: Scalar>(inst: &Instance, c: &Checked<S>, param: &str) -> serde_json::Value {
    let mut v = c.report.to_json(param);
    let o = v.as_object_mut().expect("report is an object");
    o.insert("instance".into(), inst.name.clone().into());
    o.insert("file".into(), inst.origin.clone().into());
    if let Some(pi) = &c.base_surplus {
        o.insert("base_surplus".into(), pi.display_with(param).into());
    }
    v
}

/// Each property over all cells of a family: it fails if it fails in some cell, else it is
/// undecided (`null`) if some cell left it undecided, else it holds; counts add up, `min_slack` is the least constant one when
/// every cell has one (else `null`: slacks are polynomials), and `fails_on` lists the regions.
fn merged_properties(cells: &[serde_json::Value]) -> serde_json::Value {
    use serde_json::Value;
    let mut out = serde_json::Map::new();
    let Some(first) = cells.first().and_then(|c| c["properties"].as_object()) else {
        return Value::Object(out);
    };
    for key in first.keys() {
        let each: Vec<&Value> = cells.iter().map(|c| &c["properties"][key]).collect();
        // false if some cell fails, else undecided if some cell is, else true
        let holds = if each.iter().any(|p| p["holds"] == false) {
            Value::Bool(false)
        } else if each.iter().any(|p| p["holds"].is_null()) {
            Value::Null
        } else {
            Value::Bool(true)
        };
        let total = |field: &str| -> Value {
            each.iter()
                .map(|p| p[field].as_u64())
                .sum::<Option<u64>>()
                .map_or(Value::Null, Into::into)
        };
        let slacks: Option<Vec<Rat>> = each
            .iter()
            .map(|p| p["min_slack"].as_str().and_then(|t| t.parse().ok()))
            .collect();
        let min_slack = slacks
            .and_then(|v| v.into_iter().min())
            .map_or(Value::Null, |m| m.to_string().into());
        let fails_on: Vec<Value> = each
            .iter()
            .filter_map(|p| p.get("fails_on").cloned())
            .collect();
        let mut o = serde_json::Map::new();
        o.insert("holds".into(), holds);
        o.insert("checked".into(), total("checked"));
        o.insert("violations".into(), total("violations"));
        o.insert("min_slack".into(), min_slack);
        o.insert("fails_on".into(), fails_on.into());
        out.insert(key.clone(), Value::Object(o));
    }
    Value::Object(out)
}

/// With `--only ex-post` there is nothing to report when profiles cannot be enumerated: that
/// is an input error that says how many there are and how to raise the limit.
fn enumeration_possible<S: Scalar>(
    inst: &Instance,
    env: &Env<S>,
    a: &CheckArgs,
) -> Result<(), Failure> {
    let count = env.profile_count_exact();
    let limit = max_profiles(a, env);
    if a.only == Some(Only::ExPost) && count > Rat::from(u64::try_from(limit).unwrap_or(u64::MAX)) {
        let raise = if count <= Rat::from(u64::MAX) {
            format!("raise it with --max-profiles {count} or ")
        } else {
            String::new()
        };
        return Err(Failure::Input(format!(
            "{}: {} report profiles exceed the enumeration limit of {} that ex post checks need: {raise}check interim properties (--only interim)",
            inst.origin,
            env.profile_count_text(),
            limit
        )));
    }
    Ok(())
}

/// Where a polynomial surplus is positive, zero and negative on its cell.
fn surplus_signs(pi: &Poly, cell: &Interval, param: &str) -> [(&'static str, Option<String>); 3] {
    let show = |r: Option<mechcert_num::Region>| r.map(|r| r.display_with(param));
    [
        ("positive", show(pi.where_positive(cell))),
        ("zero", show(pi.where_zero(cell))),
        ("negative", show(pi.where_negative(cell))),
    ]
}

/// `check` on a family of instances: one report per cell of the domain.
fn run_family(inst: &Instance, a: &CheckArgs) -> Result<(), Failure> {
    let param = inst.param_name().to_string();
    let cells = inst.cells()?;
    let mut checked = vec![];
    for env in &cells {
        enumeration_possible(inst, env, a)?;
        checked.push(check_mechanism(inst, env, a)?);
    }
    if let Some(path) = &a.plot {
        let surplus: Vec<Poly> = checked
            .iter()
            .map(|c| c.report.expected_surplus.clone().unwrap_or_else(Poly::zero))
            .collect();
        write_plot(path, &crate::plot::surplus_in_k(inst, &cells, &surplus))?;
    }
    if a.json {
        let mut list = vec![];
        for (env, c) in cells.iter().zip(&checked) {
            let mut v = json(inst, c, &param);
            let o = v.as_object_mut().expect("object");
            o.remove("instance");
            o.remove("file");
            o.insert("domain".into(), env.domain.display_with(&param).into());
            o.insert("order".into(), env.order_string().into());
            if let Some(pi) = &c.report.expected_surplus {
                let mut signs = serde_json::Map::new();
                for (k, r) in surplus_signs(pi, &env.domain, &param) {
                    signs.insert(k.into(), r.map_or(serde_json::Value::Null, Into::into));
                }
                o.insert("surplus_sign".into(), serde_json::Value::Object(signs));
            }
            list.push(v);
        }
        let mut top = serde_json::Map::new();
        top.insert("instance".into(), inst.name.clone().into());
        top.insert("file".into(), inst.origin.clone().into());
        top.insert("parameter".into(), param.clone().into());
        let domain = inst
            .parameter
            .as_ref()
            .map(|p| p.domain.display_with(&param))
            .unwrap_or_default();
        top.insert("domain".into(), domain.into());
        // the DESIGN keys over the whole domain: the profile count (the same in every cell),
        // the surplus polynomial when one cell covers the domain (else per cell only), and
        // every property merged over the cells
        top.insert(
            "profiles".into(),
            list.first()
                .map_or(serde_json::Value::Null, |c| c["profiles"].clone()),
        );
        let surplus = match checked.as_slice() {
            [only] => only
                .report
                .expected_surplus
                .as_ref()
                .map(|s| s.display_with(&param))
                .into(),
            _ => serde_json::Value::Null,
        };
        top.insert("expected_surplus".into(), surplus);
        top.insert("properties".into(), merged_properties(&list));
        top.insert("cells".into(), list.into());
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::Value::Object(top)).expect("json")
        );
        return Ok(());
    }
    let domain = inst
        .parameter
        .as_ref()
        .map(|p| p.domain.display_with(&param))
        .unwrap_or_default();
    outln!(
        "family     {} ({}), parameter {param} on {domain}: {} cell{} where the order of all values is fixed",
        inst.name,
        inst.origin,
        cells.len(),
        if cells.len() == 1 { "" } else { "s" }
    );
    for (k, (env, c)) in cells.iter().zip(&checked).enumerate() {
        outln!(
            "\n== cell {} of {}: {}   (order {})",
            k + 1,
            cells.len(),
            env.domain.display_with(&param),
            env.order_string()
        );
        if let Some(pi) = &c.report.expected_surplus {
            let signs: Vec<String> = surplus_signs(pi, &env.domain, &param)
                .into_iter()
                .filter_map(|(k, r)| r.map(|r| format!("{k} for {r}")))
                .collect();
            outln!("surplus sign  {}", signs.join("; "));
        }
        print_report(inst, env, c, &param, true);
    }
    Ok(())
}

pub fn run(a: &CheckArgs) -> Result<(), Failure> {
    if a.alpha.is_some() && !matches!(a.mechanism, MechanismKind::Bb) {
        return Err(Failure::Input(
            "--alpha is the seller's share in the budget-balanced mechanism: use it with --mechanism bb".into(),
        ));
    }
    let inst = Instance::load(&a.file)?;
    if inst.parameter.is_some() {
        return run_family(&inst, a);
    }
    let env = inst.concrete()?;
    enumeration_possible(&inst, &env, a)?;
    if let Some(path) = &a.plot {
        if a.plot_buyers == 0 || a.plot_buyers > 10_000 {
            return Err(Failure::Input(format!(
                "--plot-buyers {}: use 1 to 10000",
                a.plot_buyers
            )));
        }
        let work = compress::surplus_series_work(&env, a.plot_buyers);
        if work > MAX_INTERIM_WORK {
            return Err(Failure::Input(format!(
                "--plot-buyers {}: Π_I for every I up to {} over these {} buyer types is about {work} bit operations, beyond the limit of {MAX_INTERIM_WORK}: plot fewer buyers",
                a.plot_buyers,
                a.plot_buyers,
                env.m()
            )));
        }
        let values: Vec<Rat> = (1..=a.plot_buyers)
            .map(|i| compress::vcg_prime_surplus(&env.with_buyers(i)))
            .collect();
        write_plot(path, &crate::plot::surplus_in_buyers(&inst, &values))?;
    }
    let checked = check_mechanism(&inst, &env, a)?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json(&inst, &checked, "k")).expect("json")
        );
    } else {
        print_report(&inst, &env, &checked, "k", false);
    }
    Ok(())
}
