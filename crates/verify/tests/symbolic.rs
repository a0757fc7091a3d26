//! The verifier over polynomials agrees with the verifier over numbers: on random families
//! (values c + s k, several cells), at random rational k inside each cell, every property
//! fails at k on the symbolic report exactly when the concrete report at k has a violation,
//! and the symbolic surplus evaluated at k is the concrete surplus.

use mechcert_mech::{BudgetBalanced, Interim, Shares, Tabular, vcg, vcg_prime};
use mechcert_model::random::{SplitMix64, random_family, random_point_in};
use mechcert_num::{Poly, Rat, Scalar};
use mechcert_verify::{Options, Property, Report, Subject, check};

fn reports(
    env_sym: &mechcert_model::Env<Poly>,
    env: &mechcert_model::Env<Rat>,
    which: usize,
) -> (Report<Poly>, Report<Rat>) {
    let opts = Options::default();
    let sym = |e: &mechcert_model::Env<Poly>| -> Tabular<Poly> {
        match which {
            0 => vcg_prime(e),
            1 => vcg(e),
            _ => {
                let base = vcg_prime(e);
                let it = Interim::of_tabular(e, &base);
                Tabular::tabulate(
                    e,
                    &BudgetBalanced::new(e, &base, &it, Shares::seller_share(1, &Rat::new(1, 2))),
                )
            }
        }
    };
    let con = |e: &mechcert_model::Env<Rat>| -> Tabular<Rat> {
        match which {
            0 => vcg_prime(e),
            1 => vcg(e),
            _ => {
                let base = vcg_prime(e);
                let it = Interim::of_tabular(e, &base);
                Tabular::tabulate(
                    e,
                    &BudgetBalanced::new(e, &base, &it, Shares::seller_share(1, &Rat::new(1, 2))),
                )
            }
        }
    };
    let ts = sym(env_sym);
    let tc = con(env);
    (
        check(env_sym, Subject::Tabular(&ts), None, &opts).unwrap(),
        check(env, Subject::Tabular(&tc), None, &opts).unwrap(),
    )
}

#[test]
fn symbolic_verdicts_match_concrete_ones_at_random_points() {
    let mut cells_seen = 0;
    for seed in 0..30u64 {
        let mut rng = SplitMix64::new(seed);
        let (m, n) = (rng.range(2, 3) as usize, rng.range(2, 3) as usize);
        let inst = random_family(&mut rng, m, n, 1);
        for cell in inst.cells().unwrap() {
            cells_seen += 1;
            for _ in 0..3 {
                let Some(k) = random_point_in(&mut rng, &cell.domain) else {
                    continue;
                };
                let conc = inst.substitute(&k).unwrap().concrete().unwrap();
                for which in 0..3 {
                    let (s, c) = reports(&cell, &conc, which);
                    assert_eq!(
                        s.expected_surplus.as_ref().unwrap().at(&k),
                        c.expected_surplus.clone().unwrap(),
                        "seed {seed} k = {k}"
                    );
                    for p in Property::ALL {
                        let (ps, pc) = (s.property(p).unwrap(), c.property(p).unwrap());
                        let fails_at_k = ps.fails_on.as_ref().is_some_and(|r| r.contains(&k));
                        assert_eq!(
                            fails_at_k,
                            pc.violations > 0,
                            "seed {seed}, mechanism {which}, {p} at k = {k}: {}",
                            ps.fails_on
                                .as_ref()
                                .map(|r| r.display_with("k"))
                                .unwrap_or_default()
                        );
                    }
                }
            }
        }
    }
    assert!(cells_seen > 40, "families with several cells: {cells_seen}");
}
