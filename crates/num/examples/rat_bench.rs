//! Micro-benchmark of `Rat` against `num_rational::BigRational` and `Rational64` on small
//! rationals with distinct denominators (the fast path).
//!
//! Run with: `cargo run --release -p mechcert-num --example rat_bench`
//!
//! No external bench crate and no floats: each cell is the whole run's wall time divided by
//! the operation count, in integer nanoseconds (total times are printed as `Duration`s).

use std::hint::black_box;
use std::time::{Duration, Instant};

use mechcert_num::Rat;
use num_bigint::BigInt;
use num_rational::{BigRational, Rational64};

const OPS: usize = 10_000_000;
/// Operand table size (a power of two); the loop cycles through it.
const K: usize = 1024;

/// Pairs `a_i = (i mod 7 + 1)/(i + 2)`, `b_i = (i mod 5 + 1)/(i + 3)`: small, distinct
/// denominators, results that need reducing only sometimes.
fn operands() -> Vec<((i64, i64), (i64, i64))> {
    (0..K as i64)
        .map(|i| ((i % 7 + 1, i + 2), (i % 5 + 1, i + 3)))
        .collect()
}

fn time<T, R>(xs: &[(T, T)], op: impl Fn(&T, &T) -> R) -> Duration {
    // Warm-up pass over the table.
    for (a, b) in xs {
        black_box(op(black_box(a), black_box(b)));
    }
    let start = Instant::now();
    for j in 0..OPS {
        let (a, b) = &xs[j & (K - 1)];
        black_box(op(black_box(a), black_box(b)));
    }
    start.elapsed()
}

fn ns_per_op(d: Duration) -> u128 {
    d.as_nanos() / OPS as u128
}

fn main() {
    let ops = operands();
    let rat: Vec<(Rat, Rat)> = ops
        .iter()
        .map(|&((a, b), (c, d))| (Rat::new(a, b), Rat::new(c, d)))
        .collect();
    let big: Vec<(BigRational, BigRational)> = ops
        .iter()
        .map(|&((a, b), (c, d))| {
            (
                BigRational::new(BigInt::from(a), BigInt::from(b)),
                BigRational::new(BigInt::from(c), BigInt::from(d)),
            )
        })
        .collect();
    let r64: Vec<(Rational64, Rational64)> = ops
        .iter()
        .map(|&((a, b), (c, d))| (Rational64::new(a, b), Rational64::new(c, d)))
        .collect();

    // Sanity: the three agree on every operand pair.
    for i in 0..K {
        let (x, y) = &rat[i];
        let (p, q) = &r64[i];
        assert_eq!((x + y).to_string(), (p + q).to_string());
        assert_eq!((x * y).to_string(), (p * q).to_string());
        let (s, t) = &big[i];
        assert_eq!((x * y).to_string(), (s * t).to_string());
    }

    let rows = [
        (
            "add",
            time(&rat, |a, b| a + b),
            time(&big, |a, b| a + b),
            time(&r64, |a, b| a + b),
        ),
        (
            "mul",
            time(&rat, |a, b| a * b),
            time(&big, |a, b| a * b),
            time(&r64, |a, b| a * b),
        ),
    ];

    println!("{OPS} operations each, operands cycling over {K} pairs (ns/op, integer)");
    println!(
        "{:<5} {:>8} {:>12} {:>11}",
        "op", "Rat", "BigRational", "Rational64"
    );
    for (name, r, b, s) in &rows {
        println!(
            "{:<5} {:>8} {:>12} {:>11}",
            name,
            ns_per_op(*r),
            ns_per_op(*b),
            ns_per_op(*s)
        );
    }
    println!();
    for (name, r, b, s) in &rows {
        println!("{name}: total Rat {r:?}, BigRational {b:?}, Rational64 {s:?}");
    }
}
