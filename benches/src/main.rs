//! Benchmark driver (see BENCHMARKS.md).
fn main() {}
