//! Helpers shared by the mech tests: exact numbers from text and concrete environments built
//! through the instance parser (so each test instance is validated like a file).

#![allow(dead_code)]

use std::fmt::Display;

use mechcert_model::{Env, Instance};
use mechcert_num::Rat;

pub fn r(s: &str) -> Rat {
    s.parse().unwrap()
}

/// The concrete environment with `buyers` buyers, tie rule `tie`, buyer values `b` with
/// probabilities `pb` and seller values `s` with probabilities `ps`.
pub fn env<V: Display>(
    buyers: usize,
    tie: &str,
    b: &[V],
    pb: &[&str],
    s: &[V],
    ps: &[&str],
) -> Env<Rat> {
    fn list<T: Display>(v: &[T]) -> String {
        v.iter()
            .map(|x| format!("\"{x}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
    let text = format!(
        "buyers = {buyers}\ntie_break = \"{tie}\"\n[buyer]\nvalues = [{}]\nprobs = [{}]\n[seller]\nvalues = [{}]\nprobs = [{}]\n",
        list(b),
        list(pb),
        list(s),
        list(ps)
    );
    Instance::parse(&text, "<test>")
        .unwrap()
        .concrete()
        .unwrap()
}
