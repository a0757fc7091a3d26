//! The Section 7.3 showcase: exact second-best and first-best welfare for buyer and seller
//! values uniform on [0, 1], discretised on n midpoints each (`mechcert_opt::showcase`),
//! as a Markdown table and an SVG plot of W_n and FB_n against n with the continuous limits
//! 9/64 and 1/6.
//!
//! `cargo run --release -p mechcert-opt --example uniform_showcase -- [--svg FILE] [N ...]`
//! (default N: 2 3 4 5 6 8 10 15 20 30 40 50 60 80 100). Every value is exact (the LP
//! solver checks its own certificate); the plot's pixel positions are integers computed
//! from the exact values (no floating point).

use std::fmt::Write as _;
use std::time::Instant;

use mechcert_num::Rat;
use mechcert_opt::showcase::{first_best_formula, point};

/// `floor(r)` as an integer (r small and non-negative here).
fn floor_i64(r: &Rat) -> i64 {
    r.floor().to_string().parse().expect("an integer")
}

/// A decimal rendering with 6 digits after the point, by exact integer arithmetic.
fn decimal(r: &Rat) -> String {
    let scaled = floor_i64(&(r * &Rat::int(1_000_000) + Rat::new(1, 2)));
    format!("{}.{:06}", scaled / 1_000_000, scaled % 1_000_000)
}

fn main() {
    let mut svg_path: Option<String> = None;
    let mut ns: Vec<usize> = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--svg" {
            svg_path = args.next();
        } else {
            ns.push(a.parse().expect("N is a positive integer"));
        }
    }
    if ns.is_empty() {
        ns = vec![2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 40, 50, 60, 80, 100];
    }
    let limit_sb = Rat::new(9, 64);
    let limit_fb = Rat::new(1, 6);
    println!("| n | W_n (second best, exact) | ≈ | FB_n (first best) | ≈ | W_n / FB_n ≈ | solve |");
    println!("|---|---|---|---|---|---|---|");
    let mut points = vec![];
    for n in ns {
        let start = Instant::now();
        let p = point(n).expect("within the solver limits");
        let t = start.elapsed();
        assert_eq!(
            p.first_best,
            first_best_formula(n),
            "FB_n = (n^2 - 1)/(6 n^2)"
        );
        assert!(p.second_best <= p.first_best);
        let ratio = if p.first_best.is_zero() {
            Rat::ONE
        } else {
            &p.second_best / &p.first_best
        };
        println!(
            "| {n} | {} | {} | {} | {} | {} | {:.1?} |",
            p.second_best,
            decimal(&p.second_best),
            p.first_best,
            decimal(&p.first_best),
            decimal(&ratio),
            t
        );
        points.push((n, p.second_best, p.first_best));
    }
    println!(
        "| ∞ | 9/64 (Myerson–Satterthwaite) | {} | 1/6 | {} | 27/32 = {} | |",
        decimal(&limit_sb),
        decimal(&limit_fb),
        decimal(&Rat::new(27, 32))
    );
    if let Some(path) = svg_path {
        std::fs::write(&path, svg(&points, &limit_sb, &limit_fb)).expect("write the SVG");
        eprintln!("wrote {path}");
    }
}

/// The plot: x = n on [0, max n], y = welfare on [0, 0.18].
fn svg(points: &[(usize, Rat, Rat)], sb: &Rat, fb: &Rat) -> String {
    let (w, h, left, top, pw, ph) = (640i64, 400i64, 70i64, 20i64, 540i64, 320i64);
    let xmax = points.iter().map(|p| p.0).max().unwrap_or(1) as i64;
    let ymax = Rat::new(18, 100);
    let px = |n: i64| left + n * pw / xmax;
    let py = |v: &Rat| top + ph - floor_i64(&(v * &Rat::int(ph) / &ymax));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{w}" height="{h}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="black"/>"#,
        top + ph,
        left + pw,
        top + ph
    );
    let _ = writeln!(
        s,
        r#"<line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="black"/>"#,
        top + ph
    );
    for k in 0..=6 {
        let v = Rat::new(3 * k, 100);
        let y = py(&v);
        let _ = writeln!(
            s,
            r#"<line x1="{}" y1="{y}" x2="{left}" y2="{y}" stroke="black"/><text x="{}" y="{}" text-anchor="end">{}</text>"#,
            left - 4,
            left - 6,
            y + 4,
            decimal(&v).trim_end_matches('0')
        );
    }
    for k in 0..=5 {
        let n = xmax * k / 5;
        let x = px(n);
        let _ = writeln!(
            s,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="black"/><text x="{x}" y="{}" text-anchor="middle">{n}</text>"#,
            top + ph,
            top + ph + 4,
            top + ph + 18
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">n (points per side)</text>"#,
        left + pw / 2,
        h - 8
    );
    for (v, label, color) in [
        (fb, "1/6 (continuous first best)", "#1f77b4"),
        (sb, "9/64 (continuous second best)", "#d62728"),
    ] {
        let y = py(v);
        let _ = writeln!(
            s,
            r#"<line x1="{left}" y1="{y}" x2="{}" y2="{y}" stroke="{color}" stroke-dasharray="6,4"/><text x="{}" y="{}" fill="{color}" text-anchor="end">{label}</text>"#,
            left + pw,
            left + pw,
            y - 4
        );
    }
    for (which, color, label) in [
        (1, "#d62728", "W_n (exact second best)"),
        (2, "#1f77b4", "FB_n (first best)"),
    ] {
        let pts: Vec<String> = points
            .iter()
            .map(|(n, w2, f)| format!("{},{}", px(*n as i64), py(if which == 1 { w2 } else { f })))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
            pts.join(" ")
        );
        for p in &pts {
            let (x, y) = p.split_once(',').expect("x,y");
            let _ = writeln!(s, r#"<circle cx="{x}" cy="{y}" r="3" fill="{color}"/>"#);
        }
        let ly = if which == 1 {
            top + ph - 40
        } else {
            top + ph - 20
        };
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{ly}" fill="{color}">{label}</text>"#,
            left + pw - 200
        );
    }
    s.push_str("</svg>\n");
    s
}
