//! The same mechanism code over polynomials: Example 2's family gives Π_1(k) = 1/3 and
//! Π_2(k) = 19/27 - 4/27 k, and on random families every symbolic quantity evaluated at a
//! rational k of the cell equals the concrete computation at that k.

use mechcert_mech::{Interim, VcgPrimeFourCase, closed_form, compress, vcg_prime};
use mechcert_model::Instance;
use mechcert_model::random::SplitMix64;
use mechcert_num::{Poly, Rat, Scalar};

fn example_2(buyers: usize) -> Instance {
    let text = format!(
        "buyers = {buyers}\nparameter = \"k\"\ndomain = \"k > 1\"\n[buyer]\nvalues = [\"7k\", \"8k + 1\", \"9k + 1\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n[seller]\nvalues = [\"3k\", \"8k\", \"9k\"]\nprobs = [\"1/3\", \"1/3\", \"1/3\"]\n"
    );
    Instance::parse(&text, "<test>").unwrap()
}

fn p(s: &str) -> Poly {
    Poly::parse(s, "k").unwrap()
}

#[test]
fn example_2_as_polynomials() {
    let one = example_2(1).cells().unwrap();
    assert_eq!(one.len(), 1);
    let e = &one[0];
    assert_eq!(
        closed_form::vcg_prime_surplus(e),
        p("1/3"),
        "Π_1(k) = 1/3 for every k > 1"
    );
    assert_eq!(
        Interim::of_tabular(e, &vcg_prime(e)).expected_surplus(e),
        p("1/3")
    );
    let two = example_2(2).cells().unwrap();
    let e = &two[0];
    let pi2 = compress::vcg_prime_surplus(e);
    // printed: 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k) = 19/27 - 4/27 k
    assert_eq!(pi2, p("19/27 - 4/27*k"));
    assert_eq!(pi2.display_with("k"), "19/27 - 4/27*k");
    assert_eq!(
        Interim::by_enumeration(e, &VcgPrimeFourCase).expected_surplus(e),
        pi2
    );
    // negative exactly for k > 19/4 on the cell k > 1
    assert_eq!(
        pi2.where_negative(&e.domain).unwrap().display_with("k"),
        "k > 19/4"
    );
}

/// A random family: integer-coefficient linear values c0 + c1 k, ordered on 1 <= k <= 4 by
/// construction (slopes small against the gaps between intercepts), any number of cells.
fn random_family(seed: u64) -> Instance {
    let mut rng = SplitMix64::new(seed);
    let mut inter: Vec<i64> = (0..5).map(|_| rng.range(0, 60)).collect();
    inter.sort_unstable();
    inter.dedup();
    let vals = |rng: &mut SplitMix64, xs: &[i64]| -> Vec<String> {
        let mut out = vec![];
        let mut last = i64::MIN;
        for &c in xs {
            let c = c.max(last.saturating_add(20));
            last = c;
            out.push(format!("{} + {}k", c, rng.range(0, 4)));
        }
        out
    };
    let m = 2 + rng.below(2) as usize;
    let n = 2 + rng.below(2) as usize;
    let b: Vec<i64> = (0..m).map(|i| rng.range(0, 30) + 20 * i as i64).collect();
    let s: Vec<i64> = (0..n).map(|j| rng.range(0, 30) + 20 * j as i64).collect();
    let (b, s) = (vals(&mut rng, &b), vals(&mut rng, &s));
    let q = |v: &[String]| {
        v.iter()
            .map(|x| format!("\"{x}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pr = |k: usize| vec![format!("\"1/{k}\""); k].join(", ");
    let text = format!(
        "buyers = {}\nparameter = \"k\"\ndomain = \"1 <= k <= 4\"\n[buyer]\nvalues = [{}]\nprobs = [{}]\n[seller]\nvalues = [{}]\nprobs = [{}]\n",
        1 + rng.below(2),
        q(&b),
        pr(m),
        q(&s),
        pr(n)
    );
    let _ = inter;
    Instance::parse(&text, "<test>").unwrap()
}

#[test]
fn symbolic_results_evaluate_to_the_concrete_ones() {
    for seed in 0..40 {
        let inst = random_family(seed);
        for env in inst.cells().unwrap() {
            let Some(k) = env.domain.sample() else {
                continue;
            };
            let conc = inst.substitute(&k).unwrap().concrete().unwrap();
            let sym_pi = compress::vcg_prime_surplus(&env);
            assert_eq!(
                sym_pi.at(&k),
                compress::vcg_prime_surplus(&conc),
                "seed {seed}, k = {k}"
            );
            if env.buyers == 1 {
                let t = vcg_prime(&env);
                let c = vcg_prime(&conc);
                assert_eq!(t.tb.map(|v| v.at(&k)), c.tb, "seed {seed}");
                assert_eq!(
                    closed_form::vcg_prime_surplus(&env).at(&k),
                    closed_form::vcg_prime_surplus(&conc)
                );
            }
            let _: &Rat = &k;
        }
    }
}
