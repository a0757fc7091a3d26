//! mechcert command line.
fn main() {}
