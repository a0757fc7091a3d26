//! proptest strategies for instances, shared by every crate's tests (feature `proptest`).
//! They draw a seed and a shape and call the same generator as counterexample search.

use proptest::prelude::*;

use crate::random::{RandomSpec, SplitMix64, random_instance};
use crate::{Instance, SellerTies, TieBreak};

/// Random concrete instances with m in `ms`, n in `ns` and `buyers` buyers; ties between
/// buyer and seller values are allowed when `ties` is true.
pub fn instances(
    ms: std::ops::RangeInclusive<usize>,
    ns: std::ops::RangeInclusive<usize>,
    buyers: std::ops::RangeInclusive<usize>,
    ties: bool,
) -> impl Strategy<Value = Instance> {
    (ms, ns, buyers, any::<u64>(), 0..3usize, any::<bool>()).prop_map(
        move |(m, n, buyers, seed, tie, seller_trade)| {
            let mut spec = RandomSpec::new(m, n);
            spec.buyers = buyers;
            spec.allow_ties = ties;
            spec.tie_break = TieBreak::ALL[tie];
            if ties && seller_trade {
                spec.seller_ties = SellerTies::Trade;
            }
            if ties {
                // a small range makes ties frequent
                spec.max_value = (m.max(n) + 3) as i64;
            }
            random_instance(&mut SplitMix64::new(seed), &spec)
        },
    )
}
