//! Random instances from a seed: the one generator behind property tests (through the
//! `proptest` strategies in `strategies`) and counterexample search, so that a failure found
//! by either is reproducible from its seed. The PRNG is SplitMix64 (no external crate), so a
//! seed means the same instance on every machine and every version of dependencies.

use mechcert_num::{Poly, Rat};

use crate::{Instance, SellerTies, Side, TieBreak};

pub use mechcert_num::SplitMix64;

/// What kind of instance to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomSpec {
    /// Buyer types m.
    pub m: usize,
    /// Seller types n.
    pub n: usize,
    pub buyers: usize,
    /// Values are integers in 0..=max_value.
    pub max_value: i64,
    /// Probabilities are w_i / Σ w with integer weights in 1..=max_weight.
    pub max_weight: i64,
    /// Allow a buyer value to equal a seller value (Section 7.1); otherwise disjoint.
    pub allow_ties: bool,
    pub tie_break: TieBreak,
    pub seller_ties: SellerTies,
}

impl RandomSpec {
    /// m x n, one buyer, disjoint small integer values, small weights.
    pub fn new(m: usize, n: usize) -> Self {
        RandomSpec {
            m,
            n,
            buyers: 1,
            max_value: (2 * (m + n)) as i64 + 8,
            max_weight: 6,
            allow_ties: false,
            tie_break: TieBreak::LowestIndex,
            seller_ties: SellerTies::NoTrade,
        }
    }
}

/// `count` distinct integers from 0..=max, sorted.
fn distinct(rng: &mut SplitMix64, count: usize, max: i64, avoid: &[i64]) -> Vec<i64> {
    assert!(
        (max + 1) as usize >= count + avoid.len(),
        "value range too small"
    );
    let mut out: Vec<i64> = Vec::with_capacity(count);
    while out.len() < count {
        let v = rng.range(0, max);
        if !out.contains(&v) && !avoid.contains(&v) {
            out.push(v);
        }
    }
    out.sort_unstable();
    out
}

fn probs(rng: &mut SplitMix64, count: usize, max_weight: i64) -> Vec<Rat> {
    let w: Vec<i64> = (0..count).map(|_| rng.range(1, max_weight)).collect();
    let total: i64 = w.iter().sum();
    w.into_iter().map(|x| Rat::new(x, total)).collect()
}

/// A random concrete instance.
pub fn random_instance(rng: &mut SplitMix64, spec: &RandomSpec) -> Instance {
    let b = distinct(rng, spec.m, spec.max_value, &[]);
    let s = if spec.allow_ties {
        distinct(rng, spec.n, spec.max_value, &[])
    } else {
        distinct(rng, spec.n, spec.max_value, &b)
    };
    let side = |vals: Vec<i64>, p: Vec<Rat>| Side {
        values: vals
            .into_iter()
            .map(|v| Poly::constant(Rat::int(v)))
            .collect(),
        probs: p,
    };
    let pb = probs(rng, spec.m, spec.max_weight);
    let ps = probs(rng, spec.n, spec.max_weight);
    let mut inst = Instance::from_sides("random", side(b, pb), side(s, ps));
    inst.buyers = spec.buyers;
    inst.tie_break = spec.tie_break;
    inst.seller_ties = spec.seller_ties;
    inst
}

/// A random family with a parameter `k` on `1 <= k <= 4`: values `c + s k` with integer
/// intercepts at least 13 apart on each side and slopes 0..=3, so each side stays strictly
/// increasing on the domain while buyer and seller values may cross (several cells).
pub fn random_family(rng: &mut SplitMix64, m: usize, n: usize, buyers: usize) -> Instance {
    let side = |rng: &mut SplitMix64, count: usize| {
        let values = (0..count)
            .map(|i| {
                let c = rng.range(0, 7) + 20 * i as i64;
                let slope = rng.range(0, 3);
                Poly::from_coeffs(vec![Rat::int(c), Rat::int(slope)])
            })
            .collect();
        let w: Vec<i64> = (0..count).map(|_| rng.range(1, 4)).collect();
        let total: i64 = w.iter().sum();
        Side {
            values,
            probs: w.into_iter().map(|x| Rat::new(x, total)).collect(),
        }
    };
    let buyer = side(rng, m);
    let seller = side(rng, n);
    let mut inst = Instance::from_sides("random family", buyer, seller);
    inst.buyers = buyers;
    inst.parameter = Some(crate::Parameter {
        name: "k".into(),
        domain: mechcert_num::Interval::closed(Rat::ONE, Rat::int(4)).expect("1 <= 4"),
    });
    inst
}

/// A random rational strictly inside a cell (or the cell's point), if it has one.
pub fn random_point_in(rng: &mut SplitMix64, cell: &mechcert_num::Interval) -> Option<Rat> {
    use mechcert_num::Bound;
    if cell.is_point() {
        return cell.sample();
    }
    let end = |b: &Bound| b.point().and_then(|p| p.as_rat().cloned());
    let t = Rat::new(rng.range(1, 99), 100);
    match (end(cell.lo()), end(cell.hi())) {
        (Some(a), Some(b)) => Some(&a + &((&b - &a) * t)),
        _ => cell.sample(),
    }
}

/// A random market (search, property tests): 1–3 buyers and 1–3 sellers, each with 2 or 3 values (small
/// integers, so ties among agents occur) and small weights; about a third of the draws give
/// every buyer the same distribution (`count`), and the tie rules vary.
pub fn random_market(rng: &mut SplitMix64) -> Instance {
    let q = |s: &str| format!("\"{s}\"");
    let agent = |rng: &mut SplitMix64, count: usize| {
        let k = rng.range(2, 3) as usize;
        let mut v: Vec<i64> = Vec::new();
        while v.len() < k {
            let c = rng.range(0, 9);
            if !v.contains(&c) {
                v.push(c);
            }
        }
        v.sort_unstable();
        let w: Vec<i64> = (0..k).map(|_| rng.range(1, 4)).collect();
        let total: i64 = w.iter().sum();
        let values: Vec<String> = v.iter().map(|x| q(&x.to_string())).collect();
        let probs: Vec<String> = w
            .iter()
            .map(|x| q(&Rat::new(*x, total).to_string()))
            .collect();
        format!(
            "values = [{}]\nprobs = [{}]\ncount = {count}\n",
            values.join(", "),
            probs.join(", ")
        )
    };
    let buyers = rng.range(1, 3) as usize;
    let sellers = rng.range(1, 3) as usize;
    let tie = ["lowest-index", "highest-index", "uniform"][rng.range(0, 2) as usize];
    let ties = ["no-trade", "trade"][rng.range(0, 1) as usize];
    let mut text = format!("tie_break = {}\nseller_ties = {}\n", q(tie), q(ties));
    if rng.range(0, 2) == 0 {
        text.push_str(&format!("\n[[buyer]]\n{}", agent(rng, buyers)));
    } else {
        for _ in 0..buyers {
            text.push_str(&format!("\n[[buyer]]\n{}", agent(rng, 1)));
        }
    }
    for _ in 0..sellers {
        text.push_str(&format!("\n[[seller]]\n{}", agent(rng, 1)));
    }
    Instance::parse(&text, "<generated>").expect("a generated market is valid")
}
