//! Report profiles (B^1, ..., B^I, S): counting and enumeration in a fixed order (the
//! seller's report varies slowest, then buyer 1, ..., buyer I fastest), so that "the first
//! violation" means the same thing in every run.

/// Enumerate, for each seller report, every combination of the buyer reports at positions
/// `from..` (earlier positions stay as given), the last buyer fastest.
fn odometer(
    m: usize,
    n: usize,
    reports: &mut [usize],
    from: usize,
    f: &mut impl FnMut(&[usize], usize),
) {
    for s in 0..n {
        reports[from..].iter_mut().for_each(|r| *r = 0);
        'profiles: loop {
            f(reports, s);
            let mut k = reports.len();
            loop {
                if k == from {
                    break 'profiles;
                }
                k -= 1;
                reports[k] += 1;
                if reports[k] < m {
                    continue 'profiles;
                }
                reports[k] = 0;
            }
        }
    }
}

/// Calls `f(buyer_reports, seller_report)` for every profile with the first buyer's report
/// fixed to `first` (enumeration in parallel splits on it), in the canonical order.
pub fn for_each_profile_with_first(
    m: usize,
    n: usize,
    buyers: usize,
    first: usize,
    mut f: impl FnMut(&[usize], usize),
) {
    assert!(buyers >= 1 && first < m);
    let mut reports = vec![0usize; buyers];
    reports[0] = first;
    odometer(m, n, &mut reports, 1, &mut f);
}

/// Calls `f(buyer_reports, seller_report)` for every profile in the canonical order
/// (seller slowest, then buyer 1, ..., buyer I fastest).
pub fn for_each_profile(m: usize, n: usize, buyers: usize, mut f: impl FnMut(&[usize], usize)) {
    assert!(buyers >= 1);
    odometer(m, n, &mut vec![0usize; buyers], 0, &mut f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerates_every_profile_once_in_order() {
        let mut seen = vec![];
        for_each_profile(2, 2, 2, |b, s| seen.push((s, b.to_vec())));
        let expect = vec![
            (0, vec![0, 0]),
            (0, vec![0, 1]),
            (0, vec![1, 0]),
            (0, vec![1, 1]),
            (1, vec![0, 0]),
            (1, vec![0, 1]),
            (1, vec![1, 0]),
            (1, vec![1, 1]),
        ];
        assert_eq!(seen, expect);
    }

    #[test]
    fn split_by_first_buyer_covers_the_same_profiles() {
        for (m, n, buyers) in [(3, 2, 1), (3, 2, 3), (2, 3, 4)] {
            let mut all = vec![];
            for_each_profile(m, n, buyers, |b, s| all.push((s, b.to_vec())));
            let mut split = vec![];
            for first in 0..m {
                for_each_profile_with_first(m, n, buyers, first, |b, s| {
                    split.push((s, b.to_vec()))
                });
            }
            all.sort();
            split.sort();
            assert_eq!(all, split, "{m} {n} {buyers}");
            assert_eq!(all.len(), n * m.pow(buyers as u32));
        }
    }
}
