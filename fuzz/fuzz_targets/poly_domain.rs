//! Fuzz target: the polynomial and domain parsers on arbitrary text. Each must return a value
//! or an error, never panic, hang or blow up; what it accepts must print to text that parses
//! back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mechcert_num::{Interval, Poly};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = Poly::parse(text, "k") {
        let printed = p.to_string();
        let again = Poly::parse(&printed, "k")
            .unwrap_or_else(|e| panic!("printed polynomial {printed:?} does not parse: {e}"));
        assert_eq!(again, p, "polynomial round trip through {printed:?}");
    }
    if let Ok(d) = Interval::parse_domain(text, "k") {
        let printed = d.to_string();
        let again = Interval::parse_domain(&printed, "k")
            .unwrap_or_else(|e| panic!("printed domain {printed:?} does not parse: {e}"));
        assert_eq!(again, d, "domain round trip through {printed:?}");
    }
});
