//! The same mechanism code over polynomials: Example 2's family gives Π_1(k) = 1/3 and
//! Π_2(k) = 19/27 - 4/27 k, and on random families every symbolic quantity evaluated at a
//! rational k of the cell equals the concrete computation at that k.

use mechcert_mech::{Interim, VcgPrimeFourCase, closed_form, compress, vcg_prime};
use mechcert_model::Instance;
use mechcert_num::{Poly, Scalar};

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

#[test]
fn symbolic_results_evaluate_to_the_concrete_ones() {
    use mechcert_model::random::{SplitMix64, random_family, random_point_in};
    for seed in 0..40 {
        let mut rng = SplitMix64::new(seed);
        let buyers = 1 + rng.below(2) as usize;
        let inst = random_family(&mut rng, 3, 3, buyers);
        for env in inst.cells().unwrap() {
            let Some(k) = random_point_in(&mut rng, &env.domain) else {
                continue;
            };
            let conc = inst.substitute(&k).unwrap().concrete().unwrap();
            assert_eq!(
                compress::vcg_prime_surplus(&env).at(&k),
                compress::vcg_prime_surplus(&conc),
                "seed {seed}, k = {k}"
            );
            if env.buyers == 1 {
                assert_eq!(
                    vcg_prime(&env).tb.map(|v| v.at(&k)),
                    vcg_prime(&conc).tb,
                    "seed {seed}"
                );
                assert_eq!(
                    closed_form::vcg_prime_surplus(&env).at(&k),
                    closed_form::vcg_prime_surplus(&conc)
                );
            } else {
                let e = Interim::by_enumeration(&env, &VcgPrimeFourCase).expected_surplus(&env);
                assert_eq!(e.at(&k), compress::vcg_prime_surplus(&conc));
            }
        }
    }
}
