//! Time the exact solver on random second-best LPs of bilateral trade.
//!
//! `cargo run --release --example second_best -- [MxN ...] [--instances K] [--seed S]`
//! `[--bland-after N] [--bland]`
//! (defaults: `4x5 10x10 20x20`, 5 instances each, seed 1, default options). For each size, instance `k`
//! uses seed `S + k`. Prints one line per instance and the median per size.

#[path = "../tests/common/second_best.rs"]
mod second_best;

use std::time::{Duration, Instant};

use mechcert_lp::{Options, Outcome, Pricing, check_outcome, solve_with};

fn main() {
    let mut sizes: Vec<(usize, usize)> = Vec::new();
    let mut instances = 5u64;
    let mut seed = 1u64;
    let mut opts = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--instances" => {
                instances = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--instances K")
            }
            "--bland-after" => {
                opts.bland_after = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .expect("--bland-after N"),
                )
            }
            "--bland" => opts.pricing = Pricing::Bland,
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            s => {
                let (m, n) = s.split_once('x').expect("sizes look like 10x10");
                sizes.push((m.parse().expect("m"), n.parse().expect("n")));
            }
        }
    }
    if sizes.is_empty() {
        sizes = vec![(4, 5), (10, 10), (20, 20)];
    }
    for (m, n) in sizes {
        let mut times: Vec<Duration> = Vec::new();
        for k in 0..instances {
            let inst = second_best::random_instance(m, n, seed + k);
            let p = inst.lp();
            let start = Instant::now();
            let report = solve_with(&p, &opts);
            let elapsed = start.elapsed();
            times.push(elapsed);
            check_outcome(&p, &report.outcome).expect("certificate verifies");
            let Outcome::Optimal { value, .. } = &report.outcome else {
                panic!("second-best LPs are feasible and bounded");
            };
            assert!(
                *value <= inst.first_best(),
                "second best exceeds first best"
            );
            let nums = report.outcome.numbers();
            let chars: usize = nums.iter().map(|r| r.to_string().len()).sum();
            let max_bits = nums.iter().map(|r| r.bit_size()).max().unwrap_or(0);
            let total_bits: u64 = nums.iter().map(|r| r.bit_size()).sum();
            let s = &report.stats;
            println!(
                "{m}x{n} seed {:>3}: {:>9.3?}  vars {} rows {}  pivots {} (crash {}, degenerate {}, flips {}, bland switches {}, longest degenerate run {}, final nnz {}/{})  cert {} numbers, {chars} chars, {total_bits} bits, max {max_bits} bits  value {value} (first best {})",
                seed + k,
                elapsed,
                p.n_vars(),
                p.rows.len(),
                s.pivots,
                s.crash_pivots,
                s.degenerate,
                s.bound_flips,
                s.bland_switches,
                s.max_degenerate_run,
                s.final_nnz,
                s.tableau_size,
                nums.len(),
                inst.first_best(),
            );
        }
        times.sort();
        println!(
            "{m}x{n}: median {:.3?} over {} instances\n",
            times[times.len() / 2],
            times.len()
        );
    }
}
