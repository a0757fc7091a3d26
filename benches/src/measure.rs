//! Timing and formatting without floats: durations are `std::time::Duration`, printed from
//! their integer micro- or milliseconds; ratios are integer quotients with one decimal.

use std::time::{Duration, Instant};

/// Median, min and max of a set of run times.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
    pub runs: usize,
}

impl Summary {
    /// Panics on an empty slice (every workload runs at least once).
    pub fn of(times: &[Duration]) -> Summary {
        let mut t = times.to_vec();
        t.sort();
        let k = t.len();
        let median = if k % 2 == 1 {
            t[k / 2]
        } else {
            (t[k / 2 - 1] + t[k / 2]) / 2
        };
        Summary {
            median,
            min: t[0],
            max: t[k - 1],
            runs: k,
        }
    }
}

/// Run `f` once and time it.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// `1.234 s`, `12.3 ms`, `456 µs`: three significant digits from integer parts.
pub fn duration(d: Duration) -> String {
    let us = d.as_micros();
    if us >= 10_000_000 {
        format!("{}.{} s", us / 1_000_000, (us / 100_000) % 10)
    } else if us >= 1_000_000 {
        format!("{}.{:02} s", us / 1_000_000, (us / 10_000) % 100)
    } else if us >= 100_000 {
        format!("{} ms", us / 1000)
    } else if us >= 10_000 {
        format!("{}.{} ms", us / 1000, (us / 100) % 10)
    } else if us >= 1000 {
        format!("{}.{:02} ms", us / 1000, (us / 10) % 100)
    } else {
        format!("{us} µs")
    }
}

/// `baseline / ours` as `12.3x` (`1,234x` above 1000), from integer nanoseconds; a slowdown
/// as `1/73x` (mechcert 73 times slower).
pub fn speedup(ours: Duration, baseline: Duration) -> String {
    let (a, b) = (ours.as_nanos().max(1), baseline.as_nanos().max(1));
    let tenths = b * 10 / a;
    if tenths < 10 {
        format!("1/{}x", group(a / b))
    } else if tenths >= 10_000 {
        format!("{}x", group(tenths / 10))
    } else {
        format!("{}.{}x", tenths / 10, tenths % 10)
    }
}

/// `baseline / ours` rounded down to an integer.
pub fn speedup_int(ours: Duration, baseline: Duration) -> u128 {
    baseline.as_nanos() / ours.as_nanos().max(1)
}

/// Thousands separators: 12,345,678.
pub fn group(n: u128) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Items per second, `count / d`, as an integer.
pub fn per_second(count: u128, d: Duration) -> u128 {
    count * 1_000_000_000 / d.as_nanos().max(1)
}

/// An exact number shortened for a table cell: `-2757346/40825`, or its first and last
/// digits with the length for huge fractions.
pub fn short_number(s: &str) -> String {
    const MAX: usize = 28;
    if s.len() <= MAX {
        return s.to_string();
    }
    let (num, den) = s.split_once('/').unwrap_or((s, "1"));
    let cut = |x: &str| {
        if x.len() <= 10 {
            x.to_string()
        } else {
            format!("{}…({} digits)", &x[..6], x.trim_start_matches('-').len())
        }
    };
    format!("{}/{}", cut(num), cut(den))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(duration(Duration::from_micros(1_234_567)), "1.23 s");
        assert_eq!(duration(Duration::from_micros(12_345_678)), "12.3 s");
        assert_eq!(duration(Duration::from_micros(123_456)), "123 ms");
        assert_eq!(duration(Duration::from_micros(12_345)), "12.3 ms");
        assert_eq!(duration(Duration::from_micros(1_234)), "1.23 ms");
        assert_eq!(duration(Duration::from_micros(12)), "12 µs");
        assert_eq!(
            speedup(Duration::from_millis(10), Duration::from_millis(1234)),
            "123.4x"
        );
        assert_eq!(
            speedup(Duration::from_micros(1), Duration::from_secs(2)),
            "2,000,000x"
        );
        assert_eq!(
            speedup(Duration::from_millis(400), Duration::from_millis(5)),
            "1/80x"
        );
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(group(123), "123");
        assert_eq!(short_number("-3/4"), "-3/4");
        let m = Summary::of(&[
            Duration::from_millis(3),
            Duration::from_millis(1),
            Duration::from_millis(2),
            Duration::from_millis(10),
        ]);
        assert_eq!(m.median, Duration::from_micros(2500));
        assert_eq!(
            (m.min, m.max),
            (Duration::from_millis(1), Duration::from_millis(10))
        );
    }
}
