//! Counterexample search: draw instances (an exhaustive grid of small instances first, then
//! random ones from a seed), certify the claim on each, and shrink the first failure to a
//! minimal instance that still fails. For an existential claim the search looks for a witness
//! (an instance where it holds) and shrinks that instead.
//!
//! Determinism: instance number k is a function of (seed, k) only, batches are certified in
//! parallel, and the reported failure is the one with the smallest k; shrinking is sequential
//! and tries candidates in a fixed order. The same seed gives the same result on any machine
//! and any number of threads.

use mechcert_model::random::SplitMix64;
use mechcert_model::{Instance, Side};
use mechcert_num::{Poly, Rat};
use rayon::prelude::*;

use crate::certificate::{Certified, Verdict};
use crate::registry::Claim;

#[derive(Clone, Debug)]
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
fn hit(claim: &Claim, v: Verdict) -> bool {
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

/// The verdict of a claim on an instance, without building its certificate.
fn certify_verdict(claim: &Claim, inst: &Instance) -> Option<Certified> {
    claim.verdict(inst).ok()
}

/// Search; `progress(done)` is called after each batch.
pub fn search(claim: &Claim, opts: &Options, progress: &(dyn Fn(usize) + Sync)) -> Outcome {
    const BATCH: usize = 256;
    let mut applicable = 0;
    let mut start = 0;
    while start < opts.budget {
        let end = (start + BATCH).min(opts.budget);
        let results: Vec<(usize, Option<Certified>)> = (start..end)
            .into_par_iter()
            .map(|k| {
                let inst = instance(claim, opts, k);
                (k, certify_verdict(claim, &inst))
            })
            .collect();
        let first_hit = results
            .iter()
            .position(|(_, c)| c.as_ref().is_some_and(|c| hit(claim, c.verdict)));
        let upto = first_hit.map_or(results.len(), |p| p + 1);
        applicable += results[..upto]
            .iter()
            .filter(|(_, c)| {
                c.as_ref()
                    .is_some_and(|c| c.verdict != Verdict::NotApplicable)
            })
            .count();
        if let Some((k, _)) = first_hit.map(|p| &results[p]) {
            let original = instance(claim, opts, *k);
            let (shrunk, certified, steps) = shrink(claim, &original);
            progress(end);
            return Outcome {
                claim: claim.id,
                searched: k + 1,
                applicable,
                found: Some(Found {
                    index: *k,
                    original,
                    shrunk,
                    certified,
                    shrink_steps: steps,
                }),
            };
        }
        progress(end);
        start = end;
    }
    Outcome {
        claim: claim.id,
        searched: opts.budget,
        applicable,
        found: None,
    }
}

/// A size measure that every accepted shrinking step decreases.
fn size(inst: &Instance) -> (usize, usize, u64, Rat) {
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

/// Candidate simplifications of an instance, most drastic first.
fn candidates(inst: &Instance) -> Vec<Instance> {
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
        .is_ok_and(|i| i.concrete().is_ok() || i.parameter.is_some())
}

/// Shrink while the claim still fails (or, existential, still holds).
pub fn shrink(claim: &Claim, start: &Instance) -> (Instance, Certified, usize) {
    let mut cur = start.clone();
    let mut steps = 0;
    'outer: loop {
        for cand in candidates(&cur) {
            if size(&cand) >= size(&cur) || !valid(&cand) {
                continue;
            }
            if certify_verdict(claim, &cand).is_some_and(|c| hit(claim, c.verdict)) {
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
    let cert = claim.certify(&cur).expect("certified during shrinking");
    (cur, cert, steps)
}
