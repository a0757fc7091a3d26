//! Statements of Section 5 (several identical buyers): the budget-balanced construction, the
//! tie rule does not change Π^VCG', Example 1's recursion, adding a buyer with two and with
//! more types, Example 2 (on one instance and on its k-family, as polynomial identities and
//! an exact sign pattern), and the large-market limit with its threshold I*.

use num_traits::{One, Signed, ToPrimitive, Zero};

use super::paper::{
    alternating, example_1_recursion, example_2_family, example_2_general, fewer_than_two_at_top,
};
use super::sec4::BB_PROPERTIES;
use super::{Def, Halt, Of, Reading, Rel, Role, Spec, Statement, Step, reject};
use crate::instance::{Concrete, Tie};
use crate::number::{Q, fmt_rat, frac, int};
use crate::poly::Poly;

/// Seller shares of Π in the Section 5 construction that certificates check.
fn seller_shares() -> [Q; 3] {
    [Q::zero(), frac(1, 2), Q::one()]
}

/// Π^VCG' >= 0 ⟹ Section 5's transfers (seller share 0, 1/2, 1) are IC, IR, BB, efficient.
fn section_5_bb(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.checkable()?;
    let (i, tie) = (s.inst.buyers, s.inst.tie);
    s.num("Pi_VCG'", Def::VcgPrime(i, tie))?;
    s.condition("Pi_VCG'", Rel::Ge, "0")?;
    for alpha in seller_shares() {
        let name = format!("Section 5 construction, seller share {}", fmt_rat(&alpha));
        s.quantity(&name, Def::Named("bb", Some(&alpha), &BB_PROPERTIES))?;
        for p in BB_PROPERTIES {
            s.property(Role::Claim, &name, p)?;
        }
    }
    Ok(())
}

fn tie_name(t: Tie) -> &'static str {
    match t {
        Tie::Lowest => "lowest-index",
        Tie::Highest => "highest-index",
        Tie::Uniform => "uniform",
    }
}

/// I >= 2 ⟹ Π^VCG' is the same under the lowest-index, highest-index and uniform rules.
fn tie_break_invariance(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.several_buyers()?;
    s.checkable()?;
    let i = s.inst.buyers;
    let names: Vec<String> = [Tie::Lowest, Tie::Highest, Tie::Uniform]
        .into_iter()
        .map(|t| {
            let name = format!("Pi ({})", tie_name(t));
            s.num(&name, Def::VcgPrime(i, t)).map(|_| name)
        })
        .collect::<Result<_, _>>()?;
    for other in &names[1..] {
        s.claim(&names[0], Rel::Eq, other)?;
    }
    Ok(())
}

/// 2 x 2, B_H > S_H > B_L > S_L, I >= 2 ⟹ Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H), and
/// Π_{I-1} >= 0 ⟹ Π_I > 0.
fn example_1(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.shape(2, 2)?;
    s.order(&alternating(2))?;
    s.several_buyers()?;
    s.checkable()?;
    let (i, tie) = (s.inst.buyers, s.inst.tie);
    s.num("Pi_I", Def::VcgPrime(i, tie))?;
    s.num("Pi_(I-1)", Def::VcgPrime(i - 1, tie))?;
    let printed = example_1_recursion("Pi_(I-1)");
    s.num("printed recursion", Def::Formula(&printed, None))?;
    s.claim("Pi_I", Rel::Eq, "printed recursion")?;
    if s.case("Pi_(I-1)", Rel::Ge, "0")? {
        s.claim("Pi_I", Rel::Gt, "0")?;
    }
    Ok(())
}

/// 2 x 2 types, disjoint values: Π_I >= 0 ⟹ Π_{I+1} >= 0.
fn adding_buyer_two_types(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.shape(2, 2)?;
    s.disjoint()?;
    s.checkable()?;
    let (i, tie) = (s.inst.buyers, s.inst.tie);
    s.num("Pi_I", Def::VcgPrime(i, tie))?;
    s.condition("Pi_I", Rel::Ge, "0")?;
    s.num("Pi_(I+1)", Def::VcgPrime(i + 1, tie))?;
    s.claim("Pi_(I+1)", Rel::Ge, "0")?;
    Ok(())
}

/// Existential: an instance with more than two types on some side and disjoint values where
/// Π_1 >= 0 > Π_2 is a witness.
fn adding_buyer_can_hurt(s: &mut Spec<'_>) -> Step {
    s.concrete()?;
    s.condition_on("more types", "max(m, n)", Rel::Gt, "2")?;
    s.disjoint()?;
    let tie = s.inst.tie;
    s.num("Pi_1", Def::VcgPrime(1, tie))?;
    s.num("Pi_2", Def::VcgPrime(2, tie))?;
    s.claim("Pi_1", Rel::Ge, "0")?;
    s.claim("Pi_2", Rel::Lt, "0")?;
    Ok(())
}

/// The k of Example 2's family if this instance is a member: S = 3k, 8k, 9k; B = 7k, 8k + 1,
/// 9k + 1; every probability 1/3; k > 1.
fn example_2_k(c: &Concrete) -> Option<Q> {
    if c.m() != 3 || c.n() != 3 {
        return None;
    }
    let third = frac(1, 3);
    if c.pb.iter().chain(&c.ps).any(|p| *p != third) {
        return None;
    }
    let k = &c.s[0] / int(3);
    let r = |a: i64, b: i64| &k * int(a) + int(b);
    let member = c.b == [r(7, 0), r(8, 1), r(9, 1)] && c.s == [r(3, 0), r(8, 0), r(9, 0)];
    (member && k > Q::one()).then_some(k)
}

/// Example 2 on one instance: 3 x 3 in the alternating order ⟹ Π_2 equals the printed general
/// expression; on a member of the k-family also Π_1 = 1/3 and Π_2 = the printed Π_2(k).
fn example_2(s: &mut Spec<'_>) -> Step {
    if !s.is_concrete() {
        return example_2_on_family(s);
    }
    s.shape(3, 3)?;
    s.order(&alternating(3))?;
    let tie = s.inst.tie;
    s.num("Pi_1", Def::VcgPrime(1, tie))?;
    s.num("Pi_2", Def::VcgPrime(2, tie))?;
    let general = example_2_general("{Pi_1}");
    s.num("printed Pi_2", Def::Formula(&general, None))?;
    s.claim("Pi_2", Rel::Eq, "printed Pi_2")?;
    if let Some(k) = example_2_k(s.c()?) {
        s.claim("Pi_1", Rel::Eq, "1/3")?;
        let printed = example_2_family("{Pi_1}", &fmt_rat(&k));
        s.num("printed Pi_2(k)", Def::Formula(&printed, None))?;
        s.claim("Pi_2", Rel::Eq, "printed Pi_2(k)")?;
    }
    Ok(())
}

/// Turn a condition's "does not hold" into `false` (for conditions recorded side by side
/// before the certificate stops).
fn soft(r: Step<bool>) -> Step<bool> {
    match r {
        Err(Halt::NotApplicable) => Ok(false),
        other => other,
    }
}

/// Example 2 on a family in k: three types on each side, one order of all values on the
/// domain, B3 > S3 > ... > S1 there (each gap positive: an exact sign pattern) ⟹ Π_1(k) and
/// Π_2(k) are polynomials with Π_1 = 1/3, Π_2 = the printed general expression = the printed
/// 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k), and Π_2(k) -> -∞ (an unbounded domain, a negative
/// leading coefficient).
fn example_2_on_family(s: &mut Spec<'_>) -> Step {
    let inst = s.inst;
    let (m, n) = (inst.bv.len(), inst.sv.len());
    let three = Poly::constant(int(3));
    let mut shape = true;
    for (what, count) in [("m", m), ("n", n)] {
        let name = format!("{what} = 3");
        s.boolean(&name, Def::Identity(Of::Formula(what), Some(&three)))?;
        shape &= soft(s.is(Role::Condition, &name, true))? && count == 3;
    }
    if inst.order_constant().is_err() {
        s.boolean("has parameter", Def::HasParameter)?;
        s.is(Role::Condition, "has parameter", false)?;
        return Err(Halt::NotApplicable);
    }
    if !shape {
        return Err(Halt::NotApplicable);
    }
    let order = alternating(3);
    let val = |&(buyer, i): &(bool, usize)| {
        if buyer {
            inst.bv[i - 1].clone()
        } else {
            inst.sv[i - 1].clone()
        }
    };
    let label = |&(buyer, i): &(bool, usize)| format!("{}{i}", if buyer { 'B' } else { 'S' });
    for w in order.windows(2) {
        let gap = val(&w[0]).sub(&val(&w[1]));
        let name = format!("{} - {} > 0", label(&w[0]), label(&w[1]));
        s.boolean(&name, Def::Sign(&gap))?;
        s.is(Role::Condition, &name, true)?;
    }
    let param = inst.param_name().to_string();
    s.must_hold("Pi_1(k)", Def::Identity(Of::VcgPrime(1), None))?;
    let pi1 = s.recorded_poly("Pi_1(k)")?;
    s.must_hold("Pi_2(k)", Def::Identity(Of::VcgPrime(2), None))?;
    let pi2 = s.recorded_poly("Pi_2(k)")?;
    let third = Poly::constant(frac(1, 3));
    s.boolean("Pi_1 = 1/3", Def::Identity(Of::VcgPrime(1), Some(&third)))?;
    s.is(Role::Claim, "Pi_1 = 1/3", true)?;
    let p1 = format!("({})", pi1.display_with(&param));
    for (name, printed) in [
        ("printed general Pi_2", example_2_general(&p1)),
        ("printed Pi_2(k)", example_2_family(&p1, &param)),
    ] {
        s.boolean(name, Def::Identity(Of::Formula(&printed), Some(&pi2)))?;
        s.is(Role::Claim, name, true)?;
    }
    s.must_hold("sign of Pi_2(k)", Def::Sign(&pi2))?;
    s.is(Role::Case, "sign of Pi_2(k)", true)?;
    s.must_hold(
        "Pi_2(k) -> -inf",
        Def::Identity(Of::VcgPrime(2), Some(&pi2)),
    )?;
    let unbounded = inst.param.as_ref().is_some_and(|(_, d)| d.hi.is_none());
    let tends_down = unbounded && pi2.degree().is_some_and(|d| d >= 1) && pi2.lead().is_negative();
    s.is(Role::Claim, "Pi_2(k) -> -inf", tends_down)?;
    Ok(())
}

/// Largest number of buyers for which the threshold search computes Π_I (as mechcert does).
const MAX_THRESHOLD_SEARCH: usize = 2000;

/// Profiles or multisets (times seller types) the checker recomputes Π_I from when a
/// certificate records it.
const CHECKABLE: u64 = 1_000_000;

/// C(I + m - 1, m - 1) n <= CHECKABLE: the multisets of I buyers over m types, times n.
fn checkable_up_to(i: usize, m: usize, n: usize) -> bool {
    let multisets = (1..m).fold(Q::one(), |k, t| k * int(to_i64(i + t)) / int(to_i64(t)));
    multisets * int(to_i64(n)) <= int(to_i64(CHECKABLE as usize))
}

fn to_i64(u: usize) -> i64 {
    i64::try_from(u).unwrap_or(i64::MAX)
}

/// B_m > S_1, disjoint values ⟹ Π_I converges to Δ = min{B_m - S_j : B_m > S_j} (as
/// printed) or to P(S < B_m) Δ (corrected), and Π_I >= 0 from some I* on: the tail bound
/// limit - q_J (limit - s_min) >= 0 proves Π_I >= 0 for every I >= J, and each recorded Π_I
/// (I < J) lies within limit - q_I (limit - s_min) and limit + q_I (s_max - limit).
fn large_market(s: &mut Spec<'_>, reading: Reading) -> Step {
    s.concrete()?;
    let c = s.c()?.clone();
    let (m, n) = (c.m(), c.n());
    s.condition_on("B_m - S_1", &format!("B{m} - S1"), Rel::Gt, "0")?;
    s.disjoint()?;
    let trading: Vec<usize> = (0..n).filter(|&j| c.trades(m - 1, j)).collect();
    let h = *trading
        .last()
        .ok_or_else(|| Halt::Reject("S_1 < B_m trades".into()))?;
    let tops: Vec<String> = trading.iter().map(|j| format!("S{}", j + 1)).collect();
    s.num(
        "Delta",
        Def::Formula(&format!("B{m} - max({})", tops.join(", ")), None),
    )?;
    if h + 1 < n {
        let e = format!("S{} - B{m}", h + 2);
        s.num("S_{h+1} - B_m", Def::Formula(&e, None))?;
        s.case_true("S_{h+1} - B_m", Rel::Ge, "0")?;
    }
    let probs: Vec<String> = trading.iter().map(|j| format!("pS{}", j + 1)).collect();
    let limit_expr = format!("({})*{{Delta}}", probs.join(" + "));
    let limit = s.num("limit", Def::Formula(&limit_expr, None))?;
    if reading == Reading::Corrected {
        s.case("limit", Rel::Gt, "0")?;
    } else {
        s.claim("limit", Rel::Eq, "Delta")?;
    }
    let smin = s.num("s_min", Def::Formula(&format!("min(0, B1 - S{n})"), None))?;
    // q_I = (1 - p)^I + I p (1 - p)^(I-1) = (1 - p)^(I-1) (1 - p + I p), p = p_b(B_m): the
    // first I whose tail bound limit - q_I (limit - s_min) is >= 0
    let p = c.pb[m - 1].clone();
    let r = Q::one() - &p;
    let mut power = Q::one(); // (1 - p)^(I-1)
    let mut found = None;
    for i in 1..=MAX_THRESHOLD_SEARCH {
        let qi = &power * (&r + int(to_i64(i)) * &p);
        if &limit - qi * (&limit - &smin) >= Q::zero() {
            found = Some(i);
            break;
        }
        power *= &r;
    }
    let Some(j) = found else {
        s.claim("limit", Rel::Lt, "0")?;
        return Ok(());
    };
    let tail = format!(
        "{{limit}} - ({})*({{limit}} - {{s_min}})",
        fewer_than_two_at_top(j, m)
    );
    s.num("tail bound at J", Def::Formula(&tail, None))?;
    s.claim("tail bound at J", Rel::Ge, "0")?;
    s.num("s_max", Def::Formula(&format!("B{m} - S1"), None))?;
    // The recorded threshold I*: the recorded Π_I below J must confirm it.
    let i_star = match s.peek("I*") {
        Some(q) if q.is_integer() && q.is_positive() => q.to_integer().to_usize().unwrap_or(0),
        _ => return reject("the certificate must record the threshold `I*` as a whole number"),
    };
    if i_star == 0 || i_star > j {
        return reject(format!(
            "the recorded threshold I* = {i_star} is not in 1..{j}"
        ));
    }
    let tie = c.tie;
    for i in 1..j {
        if !checkable_up_to(i, m, n) {
            continue;
        }
        let name = format!("Pi_{i}");
        s.num(&name, Def::VcgPrime(i, tie))?;
        let (lo, hi) = (format!("lower bound at {i}"), format!("upper bound at {i}"));
        let q = fewer_than_two_at_top(i, m);
        let lo_e = format!("{{limit}} - ({q})*({{limit}} - {{s_min}})");
        let hi_e = format!("{{limit}} + ({q})*({{s_max}} - {{limit}})");
        s.num(&lo, Def::Formula(&lo_e, None))?;
        s.num(&hi, Def::Formula(&hi_e, None))?;
        s.claim(&name, Rel::Ge, &lo)?;
        s.claim(&name, Rel::Le, &hi)?;
        if i + 1 == i_star {
            s.case_true(&name, Rel::Lt, "0")?;
        } else if i >= i_star {
            s.case_true(&name, Rel::Ge, "0")?;
        }
    }
    let star = i_star.to_string();
    s.num("I*", Def::Formula(&star, None))?;
    s.case_true("I*", Rel::Eq, &star)?;
    Ok(())
}

pub(super) fn statements() -> Vec<Statement> {
    vec![
        Statement {
            id: "section-5-bb-construction",
            section: "Sec. 5",
            statement: "m^I n <= 10^6, Π^VCG' >= 0 ⟹ the transfers t_i = t̄_i(B^i) + [t̄_s(S) - E t̄_s]/I - α_i Π, t_s = t̄_s(S) - E t̄_s + Σ_i t̄_i(B^i) - (Σ α_i)Π with α_i = (1 - a)/I, seller share a = 0, 1/2, 1, are interim IC, IR, ex post BB and efficient",
            check: section_5_bb,
        },
        Statement {
            id: "tie-break-invariance",
            section: "Sec. 5",
            statement: "I >= 2, m^I n <= 10^6 ⟹ Π^VCG'(lowest-index) = Π^VCG'(highest-index) = Π^VCG'(uniform)",
            check: tie_break_invariance,
        },
        Statement {
            id: "example-1",
            section: "Ex. 1",
            statement: "m = n = 2, B_H > S_H > B_L > S_L, I >= 2, m^I n <= 10^6 ⟹ Π_I = p(B_L)Π_{I-1} + p(B_H)(B_H - S_H), and Π_{I-1} >= 0 ⟹ Π_I > 0",
            check: example_1,
        },
        Statement {
            id: "adding-buyer-two-types",
            section: "Sec. 5",
            statement: "m = n = 2, V_b ∩ V_s = ∅, m^I n <= 10^6, Π_I >= 0 ⟹ Π_{I+1} >= 0",
            check: adding_buyer_two_types,
        },
        Statement {
            id: "adding-buyer-can-hurt",
            section: "Sec. 5",
            statement: "witness: max(m, n) > 2, V_b ∩ V_s = ∅, Π_1 >= 0 and Π_2 < 0",
            check: adding_buyer_can_hurt,
        },
        Statement {
            id: "example-2",
            section: "Ex. 2",
            statement: "m = n = 3, B_H > S_H > B_M > S_M > B_L > S_L ⟹ Π_2 = the printed expression; on the k-family (S = 3k, 8k, 9k; B = 7k, 8k+1, 9k+1; all 1/3) also Π_1 = 1/3 and Π_2 = 1/3 Π_1 + 8/27 + 4/27 + 4/27(1 - k); on a parameterised family these are polynomial identities on the domain and Π_2(k) -> -∞",
            check: example_2,
        },
        Statement {
            id: "large-market",
            section: "Sec. 5",
            statement: "B_m > S_1, V_b ∩ V_s = ∅ ⟹ lim Π_I = Δ = min{B_m - S_j : B_m > S_j} (the limit P(S < B_m)Δ is computed), Π_I >= 0 for all I >= J (tail bound), each recorded Π_I within the bounds that tend to the limit",
            check: |s| large_market(s, Reading::AsPrinted),
        },
        Statement {
            id: "large-market-corrected",
            section: "Sec. 5",
            statement: "B_m > S_1, V_b ∩ V_s = ∅ ⟹ Π_I >= 0 for all I >= J (tail bound limit - q_J(limit - s_min) >= 0 with limit = P(S < B_m)Δ), each recorded Π_I within limit - q_I(limit - s_min) and limit + q_I(s_max - limit)",
            check: |s| large_market(s, Reading::Corrected),
        },
    ]
}
