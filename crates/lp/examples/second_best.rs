//! Time the exact solver on random second-best LPs of bilateral trade.
//!
//! `cargo run --release --example second_best -- [MxN ...] [--instances K] [--seed S]`
//! `[--bland-after N] [--bland] [--shortlist K] [--repeat R] [--dense|--fast]` (`--repeat`: time each instance R times and
//! keep the fastest, to damp noise from other processes)
//! (defaults: `4x5 10x10 20x20`, 5 instances each, seed 1, default options). For each size, instance `k`
//! uses seed `S + k`. Prints one line per instance and the median per size.

#[path = "../tests/common/second_best.rs"]
mod second_best;

use std::time::{Duration, Instant};

use mechcert_lp::{Method, Options, Outcome, Pricing, check_outcome, solve_with};

fn main() {
    let mut sizes: Vec<(usize, usize)> = Vec::new();
    let mut instances = 5u64;
    let mut repeat = 1u32;
    let mut seed = 1u64;
    let mut opts = Options::default();
    let mut emit: Option<String> = None;
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
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--repeat R")
            }
            "--shortlist" => {
                opts.shortlist = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--shortlist K")
            }
            "--bland" => opts.pricing = Pricing::Bland,
            "--dense" => opts.method = Method::Dense,
            "--emit" => emit = args.next(),
            "--fast" => opts.method = Method::Fast,
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
            if let Some(dir) = &emit {
                let vars: Vec<String> = (0..p.n_vars()).map(|j| format!("v{j}")).collect();
                let rows: Vec<String> = (0..p.rows.len()).map(|i| format!("r{i}")).collect();
                let path = format!("{dir}/sb-{m}x{n}-{}.lp", seed + k);
                let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
                mechcert_lp::write_cplex_lp(&p, &vars, &rows, &mut f).expect("write");
            }
            let mut elapsed = Duration::MAX;
            let mut report = None;
            for _ in 0..repeat {
                let start = Instant::now();
                let r = solve_with(&p, &opts).expect("solves");
                elapsed = elapsed.min(start.elapsed());
                report = Some(r);
            }
            let report = report.expect("at least one run");
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
                "{m}x{n} seed {:>3}: {:>9.3?}  vars {} rows {}  fast {} (float its {}, kernel {}, fallback {})  pivots {} (crash {}, degenerate {}, flips {}, bland switches {}, longest degenerate run {}, final nnz {}/{}, max {} bits)  cert {} numbers, {chars} chars, {total_bits} bits, max {max_bits} bits  value {value} (first best {})",
                seed + k,
                elapsed,
                p.n_vars(),
                p.rows.len(),
                s.fast_path,
                s.float_iterations,
                s.kernel,
                s.fallback,
                s.pivots,
                s.crash_pivots,
                s.degenerate,
                s.bound_flips,
                s.bland_switches,
                s.max_degenerate_run,
                s.final_nnz,
                s.tableau_size,
                s.tableau_max_bits,
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
