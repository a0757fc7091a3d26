//! `mechcert check FILE`: parse the arguments, call `mechcert_verify::check_instance` or
//! `check_family` (which build the chosen mechanism and check it, per cell on a family), and
//! print the report: a table, or the JSON object of ARCHITECTURE.md's contract with `--json`; with `--plot` a
//! picture drawn from exact values.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use mechcert_cert::limits::MAX_INTERIM_WORK;
use mechcert_mech::compress;
use mechcert_model::Instance;
use mechcert_num::{FailSet, Poly, Rat, Scalar};
use mechcert_verify::{
    Checked, FamilyReport, MechanismSpec, Request, check_family, check_instance, surplus_signs,
};

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

/// The mechanism and the checks the arguments ask for.
fn spec_and_request(a: &CheckArgs) -> Result<(MechanismSpec, Request), Failure> {
    let share = match &a.alpha {
        None => None,
        Some(text) => Some(text.parse::<Rat>().map_err(|e| {
            Failure::Input(format!(
                "--alpha {}: {e}",
                mechcert_cert::quote::quote(text)
            ))
        })?),
    };
    let name = match a.mechanism {
        MechanismKind::Vcg => "vcg",
        MechanismKind::VcgPrime => "vcg-prime",
        MechanismKind::Bb => "bb",
        MechanismKind::Tight => "tight",
    };
    let spec = MechanismSpec::parse(name, share.as_ref()).map_err(|e| {
        let shown = a
            .alpha
            .as_deref()
            .map(mechcert_cert::quote::escape)
            .unwrap_or_default();
        Failure::Input(format!("--alpha {shown}: {}", e.message()))
    })?;
    let req = Request {
        interim_only: a.only.map(|o| o == Only::Interim),
        max_profiles: a.max_profiles.map(u128::from),
        listed: Some(a.listed),
    };
    Ok((spec, req))
}

/// `check` on a market (several sellers, or buyers with different distributions).
fn run_market(inst: &Instance, a: &CheckArgs) -> Result<(), Failure> {
    if a.plot.is_some() {
        return Err(Failure::Input(format!(
            "{}: --plot draws one seller and identical buyers: remove --plot for this market",
            crate::shown(&a.file)
        )));
    }
    let (spec, req) = spec_and_request(a)?;
    let checked = check_instance(inst, &spec, &req)?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&checked.to_json(inst, "k")).expect("json")
        );
    } else {
        let profiles = checked.report.profiles.to_string();
        print_report(inst, &profiles, &checked, "k", false);
    }
    Ok(())
}

fn describe(inst: &Instance) -> String {
    if let Some(m) = &inst.market {
        let (i, j) = m.counts();
        let types = |gs: &[mechcert_model::Group]| {
            gs.iter()
                .flat_map(|g| std::iter::repeat_n(g.side.values.len().to_string(), g.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return format!(
            "{i} buyer{} ({} values), {j} seller{} ({} values); ties among buyers and among sellers: {}; buyer-seller ties: {}",
            if i == 1 { "" } else { "s" },
            types(&m.buyers),
            if j == 1 { "" } else { "s" },
            types(&m.sellers),
            inst.tie_break.name(),
            inst.seller_ties.name()
        );
    }
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
    profiles: &str,
    c: &Checked<S>,
    param: &str,
    symbolic: bool,
) {
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
        profiles,
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

/// Print a checked family: a header, then the report of each cell with the sign of the
/// surplus there.
fn print_family(inst: &Instance, fam: &FamilyReport, profiles: &str) {
    let param = &fam.param;
    let n = fam.cells.len();
    outln!(
        "family     {} ({}), parameter {param} on {}: {n} cell{} where the order of all values is fixed",
        inst.name,
        inst.origin,
        fam.domain,
        if n == 1 { "" } else { "s" }
    );
    for (k, c) in fam.cells.iter().enumerate() {
        outln!(
            "\n== cell {} of {n}: {}   (order {})",
            k + 1,
            c.domain.display_with(param),
            c.order
        );
        if let Some(pi) = &c.checked.report.expected_surplus {
            let signs: Vec<String> = surplus_signs(pi, &c.domain, param)
                .into_iter()
                .filter_map(|(k, r)| r.map(|r| format!("{k} for {r}")))
                .collect();
            outln!("surplus sign  {}", signs.join("; "));
        }
        print_report(inst, profiles, &c.checked, param, true);
    }
}

/// `check` on a family of instances: one report per cell of the domain.
fn run_family(inst: &Instance, a: &CheckArgs) -> Result<(), Failure> {
    let (spec, req) = spec_and_request(a)?;
    let fam = check_family(inst, &spec, &req)?;
    if let Some(path) = &a.plot {
        let cells = inst.cells()?;
        let surplus: Vec<Poly> = fam
            .cells
            .iter()
            .map(|c| {
                c.checked
                    .report
                    .expected_surplus
                    .clone()
                    .unwrap_or_else(Poly::zero)
            })
            .collect();
        write_plot(
            path,
            &mechcert_report::plot::surplus_in_k(inst, &cells, &surplus),
        )?;
    }
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&fam.to_json(inst)).expect("json")
        );
        return Ok(());
    }
    let profiles = inst
        .cells()?
        .first()
        .map(|e| e.profile_count_text())
        .unwrap_or_default();
    print_family(inst, &fam, &profiles);
    Ok(())
}

pub fn run(a: &CheckArgs) -> Result<(), Failure> {
    if a.alpha.is_some() && !matches!(a.mechanism, MechanismKind::Bb) {
        return Err(Failure::Input(
            "--alpha is the seller's share in the budget-balanced mechanism: use it with --mechanism bb".into(),
        ));
    }
    let (spec, req) = spec_and_request(a)?;
    let inst = Instance::load(&a.file)?;
    if inst.parameter.is_some() {
        return run_family(&inst, a);
    }
    if inst.is_market() {
        return run_market(&inst, a);
    }
    let env = inst.concrete()?;
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
        write_plot(
            path,
            &mechcert_report::plot::surplus_in_buyers(&inst, &values),
        )?;
    }
    let checked = check_instance(&inst, &spec, &req)?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&checked.to_json(&inst, "k")).expect("json")
        );
    } else {
        print_report(&inst, &env.profile_count_text(), &checked, "k", false);
    }
    Ok(())
}
