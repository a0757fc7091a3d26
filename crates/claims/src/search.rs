//! Counterexample search: draw instances (an exhaustive grid of small instances first, then
//! random ones from a seed), certify the claim on each, and shrink the first failure to a
//! minimal instance that still fails. For an existential claim the search looks for a witness
//! (an instance where it holds) and shrinks that instead.
//!
//! Determinism: instance number k is a function of (seed, k) only, batches are certified in
//! parallel, and the reported failure is the one with the smallest k; shrinking is sequential
//! and tries candidates in a fixed order. The same seed gives the same result on any machine
//! and any number of threads.
//!
//! Beyond one machine: [`shard`] splits the stream of instances among K processes (instance k
//! belongs to shard k mod K) and scans one part, [`result`] is the small versioned file a
//! shard writes, [`checkpoint`] saves a scan's progress so a killed shard resumes, and
//! [`merge`] combines the K results into exactly the unsharded [`Outcome`]. The unsharded
//! search is the one-shard case of the same code ([`search`] = scan 0/1, then merge).

pub mod checkpoint;
pub mod merge;
pub mod report;
pub mod result;
pub mod shard;

use mechcert_model::random::SplitMix64;
use mechcert_model::{Instance, Side};
use mechcert_num::{Poly, Rat};

use crate::certificate::{Certified, Verdict};
use crate::registry::Claim;

/// Errors of a search, a sharded scan, a checkpoint or a merge are the model's `Failure`: bad
/// input (arguments, files, a checkpoint or result from another search: exit 1), or two
/// computations that disagree (a recorded instance that is not the one the seed draws, a
/// certificate that does not check, an inconsistency met while certifying: exit 2).
pub use mechcert_model::Failure;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub seed: u64,
    pub budget: usize,
    /// Buyer and seller types (m, n) of generated instances; `None`: each instance draws its
    /// shape from 2..=4 x 2..=4.
    pub types: Option<(usize, usize)>,
    /// Identical buyers in generated instances; `None`: the claim chooses (one for the
    /// single-buyer claims, 2 to 4 per instance for the claims about several buyers).
    pub buyers: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 1,
            budget: 10_000,
            types: None,
            buyers: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Found {
    /// The instance number in the search (reproduce with the same seed).
    pub index: usize,
    pub original: Instance,
    pub shrunk: Instance,
    pub certified: Certified,
    pub shrink_steps: usize,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub claim: &'static str,
    pub searched: usize,
    /// Instances on which the claim applied (verdict holds or fails), up to and including the
    /// one found.
    pub applicable: usize,
    pub found: Option<Found>,
}

/// Is this verdict what the search is looking for?
pub(crate) fn hit(claim: &Claim, v: Verdict) -> bool {
    if claim.existential {
        v == Verdict::Holds
    } else {
        v == Verdict::Fails
    }
}

/// The k-th instance of the search: the first quarter of the budget walks a grid of small
/// instances, the rest are random; both are functions of (seed, k).
pub fn instance(claim: &Claim, opts: &Options, k: usize) -> Instance {
    let mut rng = SplitMix64::new(SplitMix64::derive(opts.seed, k as u64));
    let (m, n) = opts
        .types
        .unwrap_or_else(|| (rng.range(2, 4) as usize, rng.range(2, 4) as usize));
    let mut inst = (claim.generate)(&mut rng, m, n, opts.buyers.unwrap_or(0));
    if k < opts.budget / 4 {
        // grid phase: small integer values and simple probabilities
        simplify_numbers(&mut inst, &mut rng);
    }
    inst.name = format!("{} search, seed {}, instance {k}", claim.id, opts.seed);
    inst
}

/// Replace probabilities by ones with small denominators and values by small integers,
/// keeping the order of all values (and ties).
fn simplify_numbers(inst: &mut Instance, rng: &mut SplitMix64) {
    if inst.is_market() {
        // random markets are drawn with small integers and weights already
        return;
    }
    for side in [&mut inst.buyer, &mut inst.seller] {
        let k = side.probs.len() as i64;
        let w: Vec<i64> = (0..k).map(|_| rng.range(1, 3)).collect();
        let total: i64 = w.iter().sum();
        side.probs = w.into_iter().map(|x| Rat::new(x, total)).collect();
    }
    // rank all values jointly and use the ranks (ties keep equal ranks)
    let mut all: Vec<Rat> = inst
        .buyer
        .values
        .iter()
        .chain(&inst.seller.values)
        .filter_map(Poly::as_constant)
        .collect();
    all.sort();
    all.dedup();
    let rank = |v: &Poly| {
        Rat::from(
            all.iter()
                .position(|x| Some(x) == v.as_constant().as_ref())
                .unwrap_or(0),
        )
    };
    for side in [&mut inst.buyer, &mut inst.seller] {
        side.values = side
            .values
            .iter()
            .map(|v| Poly::constant(rank(v)))
            .collect();
    }
}

/// The verdict of a claim on an instance, without building its certificate: `None` when the
/// instance is not one the claim can be certified on (an input error, e.g. too large), an error
/// when certifying it meets an internal inconsistency (never skipped).
pub(crate) fn certify_verdict(
    claim: &Claim,
    inst: &Instance,
) -> Result<Option<Certified>, Failure> {
    match claim.verdict(inst) {
        Ok(c) => Ok(Some(c)),
        Err(Failure::Input(_)) => Ok(None),
        Err(e) => Err(e.context(&format!("the generated instance {}", inst.name))),
    }
}

/// Search the whole stream (instances 0 to budget - 1) and shrink the first hit;
/// `progress(done)` is called after each batch with the number of instances examined. This is
/// the sharded scan with one shard, merged: the same code path as `--shard i/K` and `merge`.
pub fn search(
    claim: &Claim,
    opts: &Options,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Outcome, Failure> {
    let part = shard::scan(claim, opts, shard::Shard::WHOLE, None, None, progress)?;
    merge::merge_with(claim, &[("the search".to_string(), part)])
}

/// A size measure that every accepted shrinking step decreases.
fn size(inst: &Instance) -> (usize, usize, u64, Rat) {
    if let Some(mk) = &inst.market {
        // every agent's types, the agents, the probabilities' denominators and the values
        let groups = || mk.buyers.iter().chain(&mk.sellers);
        let types = groups().map(|g| g.count * g.side.values.len()).sum();
        let agents = groups().map(|g| g.count).sum();
        let probs = groups()
            .flat_map(|g| &g.side.probs)
            .map(|p| p.denom_u64().unwrap_or(u64::MAX))
            .sum();
        let values = groups()
            .flat_map(|g| &g.side.values)
            .filter_map(Poly::as_constant)
            .map(|v| v.abs())
            .sum();
        return (types, agents, probs, values);
    }
    let (m, n) = inst.shape();
    let probs: u64 = inst
        .buyer
        .probs
        .iter()
        .chain(&inst.seller.probs)
        .map(|p| p.denom_u64().unwrap_or(u64::MAX))
        .sum();
    let values: Rat = inst
        .buyer
        .values
        .iter()
        .chain(&inst.seller.values)
        .filter_map(Poly::as_constant)
        .map(|v| v.abs())
        .sum();
    (m + n, inst.buyers, probs, values)
}

fn drop_type(side: &Side, k: usize) -> Option<Side> {
    if side.values.len() <= 2 {
        return None;
    }
    let rest = Rat::ONE - &side.probs[k];
    let mut s = side.clone();
    s.values.remove(k);
    s.probs.remove(k);
    s.probs = s.probs.iter().map(|p| p / &rest).collect();
    Some(s)
}

fn uniform(side: &Side) -> Side {
    let k = side.probs.len() as i64;
    Side {
        values: side.values.clone(),
        probs: vec![Rat::new(1, k); k as usize],
    }
}

/// Candidate simplifications of a market, most drastic first: without one agent, with one
/// type fewer for an agent, with uniform probabilities for an agent; each read back from its
/// TOML (so a market of one seller and identical buyers becomes today's instance).
fn market_candidates(inst: &Instance, mk: &mechcert_model::Market) -> Vec<Instance> {
    let mut out: Vec<mechcert_model::Market> = vec![];
    for side in [0, 1] {
        let groups = if side == 0 { &mk.buyers } else { &mk.sellers };
        let total: usize = groups.iter().map(|g| g.count).sum();
        for (k, g) in groups.iter().enumerate() {
            let mut c = mk.clone();
            let gs = if side == 0 {
                &mut c.buyers
            } else {
                &mut c.sellers
            };
            if g.count > 1 {
                gs[k].count -= 1;
                out.push(c);
            } else if total > 1 {
                gs.remove(k);
                out.push(c);
            }
        }
    }
    for side in [0, 1] {
        let groups = if side == 0 { &mk.buyers } else { &mk.sellers };
        for (k, g) in groups.iter().enumerate() {
            for t in 0..g.side.values.len() {
                if let Some(smaller) = drop_type(&g.side, t) {
                    let mut c = mk.clone();
                    let gs = if side == 0 {
                        &mut c.buyers
                    } else {
                        &mut c.sellers
                    };
                    gs[k].side = smaller;
                    out.push(c);
                }
            }
            let mut c = mk.clone();
            let gs = if side == 0 {
                &mut c.buyers
            } else {
                &mut c.sellers
            };
            gs[k].side = uniform(&g.side);
            out.push(c);
        }
    }
    out.into_iter()
        .filter_map(|m| {
            let mut c = inst.clone();
            c.market = Some(m);
            Instance::parse(&c.to_toml(), "<shrink>").ok()
        })
        .collect()
}

/// Candidate simplifications of an instance, most drastic first.
fn candidates(inst: &Instance) -> Vec<Instance> {
    if let Some(mk) = &inst.market {
        return market_candidates(inst, mk);
    }
    let mut out = vec![];
    let (m, n) = inst.shape();
    for k in 0..m {
        if let Some(s) = drop_type(&inst.buyer, k) {
            let mut c = inst.clone();
            c.buyer = s;
            out.push(c);
        }
    }
    for k in 0..n {
        if let Some(s) = drop_type(&inst.seller, k) {
            let mut c = inst.clone();
            c.seller = s;
            out.push(c);
        }
    }
    if inst.buyers > 1 {
        let mut c = inst.clone();
        c.buyers -= 1;
        out.push(c);
    }
    for which in [0, 1] {
        let mut c = inst.clone();
        if which == 0 {
            c.buyer = uniform(&c.buyer);
        } else {
            c.seller = uniform(&c.seller);
        }
        out.push(c);
    }
    // values: shift everything down by the smallest value, halve all, or lower one value
    let all: Vec<Rat> = inst
        .buyer
        .values
        .iter()
        .chain(&inst.seller.values)
        .filter_map(Poly::as_constant)
        .collect();
    if all.len() == m + n {
        let lowest = all.iter().min().cloned().unwrap_or(Rat::ZERO);
        let map = |c: &Instance, f: &dyn Fn(&Rat) -> Rat| {
            let mut d = c.clone();
            for side in [&mut d.buyer, &mut d.seller] {
                side.values = side
                    .values
                    .iter()
                    .map(|v| Poly::constant(f(&v.as_constant().expect("concrete"))))
                    .collect();
            }
            d
        };
        if !lowest.is_zero() {
            out.push(map(inst, &|v| v - &lowest));
        }
        out.push(map(inst, &|v| (v / &Rat::int(2)).floor()));
        for (side, len) in [(0, m), (1, n)] {
            for k in 0..len {
                for delta in [Rat::int(-1), Rat::int(1)] {
                    let mut c = inst.clone();
                    let s = if side == 0 {
                        &mut c.buyer
                    } else {
                        &mut c.seller
                    };
                    let v = s.values[k].as_constant().expect("concrete");
                    if (delta.is_positive() && !v.is_negative())
                        || (delta.is_negative() && !v.is_positive())
                    {
                        // move toward zero only
                        continue;
                    }
                    s.values[k] = Poly::constant(v + delta);
                    out.push(c);
                }
            }
        }
    }
    out
}

fn valid(inst: &Instance) -> bool {
    Instance::parse(&inst.to_toml(), "<shrink>")
        .is_ok_and(|i| i.is_market() || i.concrete().is_ok() || i.parameter.is_some())
}

/// Shrink while the claim still fails (or, existential, still holds): the shrunk instance, its
/// certificate and the number of steps. Certifying the shrunk instance cannot fail after its
/// verdict was computed; if it does, that is an internal inconsistency.
pub fn shrink(claim: &Claim, start: &Instance) -> Result<(Instance, Certified, usize), Failure> {
    let mut cur = start.clone();
    let mut steps = 0;
    'outer: loop {
        for cand in candidates(&cur) {
            if size(&cand) >= size(&cur) || !valid(&cand) {
                continue;
            }
            if certify_verdict(claim, &cand)?.is_some_and(|c| hit(claim, c.verdict)) {
                cur = cand;
                steps += 1;
                continue 'outer;
            }
        }
        break;
    }
    cur.name = format!("{} counterexample (shrunk)", claim.id);
    if claim.existential {
        cur.name = format!("{} witness (shrunk)", claim.id);
    }
    let cert = claim.certify(&cur).map_err(|e| {
        Failure::Inconsistent(format!(
            "{}: the shrunk instance had a verdict but its certificate failed: {e}",
            claim.id
        ))
    })?;
    Ok((cur, cert, steps))
}
