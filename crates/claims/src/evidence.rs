//! Recording the standard quantities of a certificate with the values mechcert computes:
//! surpluses of VCG and VCG' (any number of buyers, any tie rule), the tight surplus Π(x),
//! welfare and implementability of an allocation, a mechanism's properties, an LP answer —
//! and the conditions most claims share (one buyer, a shape, an order of values).

use mechcert_cert::limits;
use mechcert_mech::{Interim, Matrix, Tabular, VcgMulti, closed_form, compress, tight, vcg};
use mechcert_model::{Env, Failure, TieBreak};
use mechcert_num::Rat;
use mechcert_opt::Solved;
use mechcert_verify::{
    MechanismSpec, Options, Property, Report, Request, Subject, Target, check, check_mechanism,
};
use serde_json::json;

use crate::certificate::{Builder, Flag, Mech, Num, Rel, Role, allocation_json};
use crate::expr::{Expr, b, max, min, s};

/// Profiles the checker can enumerate (certificates must stay checkable).
pub const CHECKABLE_PROFILES: u64 = 1_000_000;

/// Π of VCG' with `buyers` buyers and a tie rule, from that rule's interim tables by
/// compression (the checker enumerates profiles, or multisets of types when they are many).
pub fn vcg_prime_surplus(bd: &mut Builder, name: &str, buyers: usize, tie: TieBreak) -> Num {
    let env = bd.env().with_buyers(buyers).with_tie_break(tie);
    let pi = if tie == TieBreak::Uniform || buyers == 1 || buyers > 64 {
        compress::vcg_prime_surplus(&env)
    } else {
        compress::vcg_prime_interim(&env).expected_surplus(&env)
    };
    let mut f = json!({"kind": "vcg-prime-surplus"});
    if buyers != bd.env().buyers {
        f["buyers"] = buyers.into();
    }
    if tie != bd.env().tie_break {
        f["tie_break"] = tie.name().into();
    }
    bd.num(name, f, pi)
}

/// Π of VCG (Definition 1; Clarke pivot with several buyers), by enumeration.
pub fn vcg_surplus(bd: &mut Builder, name: &str) -> Num {
    let env = bd.env();
    let pi = if env.buyers == 1 {
        Interim::of_tabular(env, &vcg(env)).expected_surplus(env)
    } else {
        Interim::by_enumeration(env, &VcgMulti).expected_surplus(env)
    };
    bd.num(name, json!({"kind": "vcg-surplus"}), pi)
}

/// An allocation for a certificate: its values, and how it is written (numbers, or the
/// printed formulas of its entries, which the checker evaluates).
#[derive(Clone, Debug)]
pub struct Alloc {
    pub x: Matrix<Rat>,
    pub json: serde_json::Value,
}

impl Alloc {
    pub fn numbers(x: &Matrix<Rat>) -> Alloc {
        Alloc {
            x: x.clone(),
            json: allocation_json(&x.to_rows()),
        }
    }

    /// Entries given by printed formulas.
    pub fn formulas(env: &Env<Rat>, e: &Matrix<Expr>) -> Result<Alloc, String> {
        let refs = std::collections::HashMap::new();
        let mut err = None;
        let x = e.map(|f| {
            f.eval(env, &refs).unwrap_or_else(|m| {
                err = Some(m);
                Rat::ZERO
            })
        });
        if let Some(m) = err {
            return Err(m);
        }
        let json = json!(
            e.to_rows()
                .iter()
                .map(|r| r.iter().map(Expr::to_string).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        );
        Ok(Alloc { x, json })
    }
}

/// Π(x): expected surplus of the tight transfers of x.
pub fn tight_surplus(bd: &mut Builder, name: &str, a: &Alloc) -> Num {
    let env = bd.env();
    let pi = Interim::of_tabular(env, &tight(env, &a.x)).expected_surplus(env);
    bd.num(
        name,
        json!({"kind": "tight-surplus", "allocation": a.json}),
        pi,
    )
}

/// Expected gains from trade of x.
pub fn welfare(bd: &mut Builder, name: &str, a: &Alloc) -> Num {
    let w = closed_form::gains_from_trade(bd.env(), &a.x);
    bd.num(name, json!({"kind": "welfare", "allocation": a.json}), w)
}

/// Is x implementable (interim allocations monotone)?
pub fn implementable(bd: &mut Builder, name: &str, a: &Alloc) -> Flag {
    let env = bd.env();
    let it = Interim::of_tabular(env, &tight(env, &a.x));
    let ok = it.xb[0].windows(2).all(|w| w[0] <= w[1]) && it.xs.windows(2).all(|w| w[0] >= w[1]);
    bd.flag(
        name,
        json!({"kind": "implementable", "allocation": a.json}),
        ok,
    )
}

/// Allocations to test a claim about "any implementable x" on (Theorem 2): x*, the instance's
/// own allocation, a step allocation, and three ramps, x(i,j) = i/m, (n+1-j)/n and their
/// product (i, j 1-based). Fixed by the shape of the instance, so the checker states the same
/// list itself; all but the instance's allocation are monotone by construction.
pub fn test_allocations(
    env: &Env<Rat>,
    inst: &mechcert_model::Instance,
) -> Vec<(String, Matrix<Rat>)> {
    let (m, n) = (env.m(), env.n());
    let mut out = vec![("x*".to_string(), mechcert_mech::efficient_allocation(env))];
    if let Some(a) = &inst.allocation {
        out.push((
            "the instance's allocation".to_string(),
            Matrix::from_rows(a.clone()),
        ));
    }
    // a step allocation: trade iff the buyer is in the upper half of types and the seller in
    // the lower half (monotone in both)
    out.push((
        "a step allocation".to_string(),
        Matrix::from_fn(m, n, |i, j| {
            if i >= m / 2 && j < n.div_ceil(2) {
                Rat::ONE
            } else {
                Rat::ZERO
            }
        }),
    ));
    let up = |i: usize| Rat::from(i + 1) / Rat::from(m);
    let down = |j: usize| Rat::from(n - j) / Rat::from(n);
    out.push((
        "the ramp x(B_i, S_j) = i/m".to_string(),
        Matrix::from_fn(m, n, |i, _| up(i)),
    ));
    out.push((
        "the ramp x(B_i, S_j) = (n+1-j)/n".to_string(),
        Matrix::from_fn(m, n, |_, j| down(j)),
    ));
    out.push((
        "the ramp x(B_i, S_j) = i(n+1-j)/(mn)".to_string(),
        Matrix::from_fn(m, n, |i, j| up(i) * down(j)),
    ));
    out
}

/// One allocation of [`basis_allocations`]: its label, the matrix, and for a unit allocation
/// the cell (i, j) (0-based) where it trades.
pub struct BasisAllocation {
    pub label: String,
    pub x: Matrix<Rat>,
    pub unit: Option<(usize, usize)>,
}

/// Allocations on which to check an identity that is linear in x (Lemma 1, Example 3's Π(x)):
/// x* first, then the m·n unit allocations e(i,j) (trade at exactly one profile). The unit
/// allocations are a basis of all m x n matrices and both sides are linear maps on all of
/// them, so equality on the units proves the identity for every x on the instance.
pub fn basis_allocations(env: &Env<Rat>) -> Vec<BasisAllocation> {
    let (m, n) = (env.m(), env.n());
    let mut out = vec![BasisAllocation {
        label: "x*".to_string(),
        x: mechcert_mech::efficient_allocation(env),
        unit: None,
    }];
    for i in 0..m {
        for j in 0..n {
            out.push(BasisAllocation {
                label: format!("the unit allocation x(B{}, S{}) = 1", i + 1, j + 1),
                x: Matrix::from_fn(m, n, |a, b| {
                    if (a, b) == (i, j) {
                        Rat::ONE
                    } else {
                        Rat::ZERO
                    }
                }),
                unit: Some((i, j)),
            });
        }
    }
    out
}

fn record_mechanism(
    bd: &mut Builder,
    name: &str,
    spec: (&str, serde_json::Value),
    report: &Report<Rat>,
    props: &[Property],
) -> Result<Mech, String> {
    let keys: Vec<&str> = props.iter().map(|p| p.key()).collect();
    let mut results = vec![];
    for p in props {
        let r = report
            .property(*p)
            .ok_or_else(|| format!("{name}: the report lacks {}", p.key()))?;
        results.push((p.key(), r.holds(), r.min_slack.clone()));
    }
    Ok(bd.mechanism(
        name,
        json!({"kind": "mechanism", spec.0: spec.1, "properties": keys}),
        results,
    ))
}

fn verified(
    env: &Env<Rat>,
    subject: Subject<'_, Rat>,
    compressed: Option<&Interim<Rat>>,
) -> Result<Report<Rat>, String> {
    let opts = Options {
        max_profiles: u128::from(CHECKABLE_PROFILES),
        ..Options::default()
    };
    check(env, subject, compressed, &opts).map_err(|e| e.0)
}

/// A single-buyer mechanism given by its tables, with the properties to certify.
pub fn mechanism_tables(
    bd: &mut Builder,
    name: &str,
    tab: &Tabular<Rat>,
    props: &[Property],
) -> Result<Mech, String> {
    let report = verified(bd.env(), Subject::Tabular(tab), None)?;
    let tables = json!({
        "x": allocation_json(&tab.x.to_rows()),
        "tb": allocation_json(&tab.tb.to_rows()),
        "ts": allocation_json(&tab.ts.to_rows()),
    });
    record_mechanism(bd, name, ("tables", tables), &report, props)
}

/// A named mechanism of the paper for the instance's buyers and tie rule, with the properties
/// to certify: `vcg-prime` (Definition 2; Section 5's four-case formula with several buyers)
/// or `bb` with a seller share (Section 5's construction on VCG'), built and checked by
/// `mechcert check`'s own function.
pub fn mechanism_named(
    bd: &mut Builder,
    name: &str,
    spec: &MechanismSpec,
    props: &[Property],
) -> Result<Mech, Failure> {
    let written = match spec {
        MechanismSpec::VcgPrime => json!({"mechanism": "vcg-prime"}),
        MechanismSpec::Bb { seller_share } => {
            json!({"mechanism": "bb", "alpha": seller_share.to_string()})
        }
        other => {
            return Err(Failure::Inconsistent(format!(
                "{name}: a certificate names only vcg-prime and bb, not {}",
                other.name()
            )));
        }
    };
    let target = Target {
        spec,
        allocation: None,
        origin: name,
    };
    let req = Request {
        max_profiles: Some(u128::from(CHECKABLE_PROFILES)),
        ..Request::default()
    };
    let checked = check_mechanism(bd.env(), &target, &req)?;
    record_mechanism(bd, name, ("named", written), &checked.report, props)
        .map_err(Failure::Inconsistent)
}

/// The fields of an `lp` quantity (FORMAT.md) for an answer, without name and value; the
/// allocation option may be written by its printed formulas.
fn lp_fields(solved: &Solved, allocation: Option<&serde_json::Value>) -> serde_json::Value {
    let mut q = solved.quantity("");
    if let serde_json::Value::Object(o) = &mut q {
        o.remove("name");
        o.remove("value");
        if let Some(a) = allocation {
            o.entry("options")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .map(|opts| opts.insert("allocation".into(), a.clone()));
        }
    }
    q
}

/// An LP optimum (FORMAT.md `lp`, status optimal).
pub fn lp_optimum(bd: &mut Builder, name: &str, solved: &Solved) -> Result<Num, String> {
    let v = solved
        .value()
        .cloned()
        .ok_or_else(|| format!("{name}: the LP has no optimum"))?;
    Ok(bd.num(name, lp_fields(solved, None), v))
}

/// An LP's feasibility (FORMAT.md `lp`, a point or a Farkas certificate); `allocation`, when
/// given, is how the allocation option is written (printed formulas).
pub fn lp_feasibility(
    bd: &mut Builder,
    name: &str,
    solved: &Solved,
    allocation: Option<&serde_json::Value>,
) -> Flag {
    let fields = lp_fields(solved, allocation);
    bd.flag(name, fields, solved.is_feasible())
}

// ---- conditions shared by many claims ----

/// Record `e` as a formula and assert `e rel right` as a condition.
fn condition(
    bd: &mut Builder,
    name: &str,
    text: &str,
    e: &Expr,
    rel: Rel,
    right: i64,
) -> Result<bool, String> {
    let q = bd.formula(name, e)?;
    Ok(bd.compare(Role::Condition, text, &q, rel, right))
}

pub fn one_buyer(bd: &mut Builder) -> Result<bool, String> {
    let i = Expr::Sym("I".into());
    condition(bd, "I", "one buyer (Sections 2-4 and 6)", &i, Rel::Eq, 1)
}

pub fn several_buyers(bd: &mut Builder) -> Result<bool, String> {
    let i = Expr::Sym("I".into());
    condition(bd, "I", "at least two buyers (Section 5)", &i, Rel::Ge, 2)
}

/// m x n types (both recorded before either is decided).
pub fn shape(bd: &mut Builder, m: usize, n: usize) -> Result<bool, String> {
    let count = |k: usize| i64::try_from(k).unwrap_or(i64::MAX);
    let a = condition(
        bd,
        "m",
        &format!("{m} buyer types"),
        &Expr::Sym("m".into()),
        Rel::Eq,
        count(m),
    )?;
    let c = condition(
        bd,
        "n",
        &format!("{n} seller types"),
        &Expr::Sym("n".into()),
        Rel::Eq,
        count(n),
    )?;
    Ok(a && c)
}

/// Values alternate as printed, highest first: `order` lists (is_buyer, index) from the top,
/// e.g. B2 > S2 > B1 > S1. Recorded as min of consecutive gaps > 0.
pub fn value_order(
    bd: &mut Builder,
    name: &str,
    text: &str,
    order: &[(bool, usize)],
) -> Result<bool, String> {
    let v = |&(buyer, i): &(bool, usize)| if buyer { b(i) } else { s(i) };
    let gaps: Vec<Expr> = order.windows(2).map(|w| v(&w[0]) - v(&w[1])).collect();
    condition(bd, name, text, &min(gaps), Rel::Gt, 0)
}

/// No buyer value equals a seller value (the paper's standing assumption of Section 2).
pub fn disjoint_values(bd: &mut Builder) -> Result<bool, String> {
    value_gap(
        bd,
        "buyer and seller values are disjoint (Section 2)",
        Rel::Gt,
    )
}

/// Record min |B_i - S_j| and assert, as a condition, that it is `rel` 0: `Gt` for the
/// standing assumption of disjoint values, `Eq` for a claim about ties (Section 7.1).
pub fn value_gap(bd: &mut Builder, text: &str, rel: Rel) -> Result<bool, String> {
    let (m, n) = (bd.env().m(), bd.env().n());
    let gaps: Vec<Expr> = (1..=m)
        .flat_map(|i| (1..=n).map(move |j| max(vec![b(i) - s(j), s(j) - b(i)])))
        .collect();
    condition(bd, "min |B_i - S_j|", text, &min(gaps), rel, 0)
}

/// At most `MAX_ENUMERATED_BUYERS` buyers, to enumerate their profiles. Recorded only when it
/// fails: below, the conditions that follow say more (with small numbers).
fn few_enough_buyers(bd: &mut Builder) -> bool {
    let buyers = bd.env().buyers;
    if buyers <= limits::MAX_ENUMERATED_BUYERS {
        return true;
    }
    let q = bd.num(
        "buyers to enumerate",
        json!({"kind": "formula", "expr": "I"}),
        Rat::from(buyers),
    );
    let max = Rat::from(limits::MAX_ENUMERATED_BUYERS);
    bd.compare(
        Role::Condition,
        &format!("at most {max} buyers, to enumerate their profiles"),
        &q,
        Rel::Le,
        max,
    )
}

/// Every profile and every unilateral misreport of a `mechanism` quantity can be enumerated
/// within the checker's limit: its work estimate (`limits::enumeration_work`, written as the
/// formula the checker evaluates) is at most `MAX_ENUMERATION_WORK`.
pub fn checkable_mechanism(bd: &mut Builder) -> bool {
    if !few_enough_buyers(bd) {
        return false;
    }
    let env = bd.env();
    let (m, n, i) = (
        Rat::from(env.m()),
        Rat::from(env.n()),
        Rat::from(env.buyers),
    );
    let work = env.profile_count_exact()
        * (Rat::ONE + &i * (&m - Rat::ONE) + &n - Rat::ONE)
        * &i
        * &i
        * &m;
    let q = bd.num(
        "enumeration work",
        json!({"kind": "formula", "expr": limits::ENUMERATION_WORK_FORMULA}),
        work,
    );
    bd.compare(
        Role::Condition,
        "few enough profiles to check every misreport (the checker's work limit)",
        &q,
        Rel::Le,
        Rat::from(limits::MAX_ENUMERATION_WORK),
    )
}

/// The enumeration that a surplus quantity needs is within the checker's limit.
pub fn checkable(bd: &mut Builder) -> bool {
    if !few_enough_buyers(bd) {
        return false;
    }
    let profiles = bd.env().profile_count_exact();
    let q = bd.num(
        "profiles",
        json!({"kind": "formula", "expr": "m^I*n"}),
        profiles,
    );
    let limit = Rat::from(CHECKABLE_PROFILES);
    bd.compare(
        Role::Condition,
        "few enough profiles to enumerate",
        &q,
        Rel::Le,
        limit,
    )
}
