//! SVG pictures drawn from exact values: Π(k) over a parameter domain (per cell, with the exact
//! points where it changes sign labelled), Π_I against the number of buyers I, series against
//! an integer (W_n and FB_n against n), and an allocation as a heat map. Coordinates and
//! colours are computed exactly and rounded to whole pixels (colour levels), so even drawing
//! needs no floats. Every text drawn is escaped.

use mechcert_model::{Env, Instance};
use mechcert_num::{Bound, Poly, Rat};

const W: i64 = 720;
const H: i64 = 420;
const MARGIN: i64 = 60;

/// Exact-to-pixel mapping of [lo, hi] onto [a, b] (b may be < a for the y axis).
fn pixel(v: &Rat, lo: &Rat, hi: &Rat, a: i64, b: i64) -> i64 {
    if hi == lo {
        return (a + b) / 2;
    }
    let t = (v - lo) / (hi - lo);
    let p = Rat::int(a) + t * Rat::int(b - a);
    p.floor().to_i64_pair().map_or(a, |(n, _)| n)
}

use crate::escape::html as escape;

struct Canvas {
    body: String,
}

impl Canvas {
    fn new(title: &str) -> Canvas {
        let mut body = String::new();
        body.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">{}</text>\n",
            W / 2,
            escape(title)
        ));
        Canvas { body }
    }

    fn line(&mut self, x1: i64, y1: i64, x2: i64, y2: i64, style: &str) {
        self.body.push_str(&format!(
            "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" {style}/>\n"
        ));
    }

    fn text(&mut self, x: i64, y: i64, anchor: &str, s: &str) {
        self.body.push_str(&format!(
            "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\">{}</text>\n",
            escape(s)
        ));
    }

    fn polyline(&mut self, pts: &[(i64, i64)], colour: &str) {
        let p: Vec<String> = pts.iter().map(|(x, y)| format!("{x},{y}")).collect();
        self.body.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n",
            p.join(" ")
        ));
    }

    fn dot(&mut self, x: i64, y: i64, colour: &str) {
        self.body.push_str(&format!(
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>\n"
        ));
    }

    /// Axes with the exact ranges written at the ends, and the zero line if it is in range.
    fn axes(&mut self, xr: (&Rat, &Rat), yr: (&Rat, &Rat), xlabel: &str, ylabel: &str) {
        let (x0, x1, y0, y1) = (MARGIN, W - MARGIN, H - MARGIN, MARGIN);
        self.line(x0, y0, x1, y0, "stroke=\"black\"");
        self.line(x0, y0, x0, y1, "stroke=\"black\"");
        self.text(x0, y0 + 18, "middle", &xr.0.to_string());
        self.text(x1, y0 + 18, "middle", &xr.1.to_string());
        self.text((x0 + x1) / 2, y0 + 36, "middle", xlabel);
        self.text(x0 + 4, y0 - 4, "start", &format!("min {}", yr.0));
        self.text(x0 + 4, y1 + 12, "start", &format!("max {}", yr.1));
        self.text(x0, y1 - 10, "middle", ylabel);
        if yr.0 < &Rat::ZERO && &Rat::ZERO < yr.1 {
            let y = pixel(&Rat::ZERO, yr.0, yr.1, y0, y1);
            self.line(x0, y, x1, y, "stroke=\"grey\" stroke-dasharray=\"4 3\"");
            self.text(x0 - 6, y + 4, "end", "0");
        }
    }

    fn finish(mut self) -> String {
        self.body.push_str("</svg>\n");
        self.body
    }
}

/// y range of exact values, padded to include 0.
fn y_range(vals: &[Rat]) -> (Rat, Rat) {
    let lo = vals.iter().cloned().fold(Rat::ZERO, Rat::min);
    let hi = vals.iter().cloned().fold(Rat::ZERO, Rat::max);
    if lo == hi {
        (lo - Rat::ONE, hi + Rat::ONE)
    } else {
        (lo, hi)
    }
}

/// Π(k) over the cells of a family: `surplus[c]` is the surplus polynomial on cell c.
pub fn surplus_in_k(inst: &Instance, cells: &[Env<Poly>], surplus: &[Poly]) -> String {
    let param = inst.param_name();
    // a finite window: the domain's finite ends, extended past every sign change
    let mut marks: Vec<Rat> = vec![];
    for (env, pi) in cells.iter().zip(surplus) {
        for b in [env.domain.lo(), env.domain.hi()] {
            if let Some(r) = b.point().and_then(|p| p.as_rat()) {
                marks.push(r.clone());
            }
        }
        if !pi.is_zero() {
            marks.extend(
                pi.roots_in(&env.domain)
                    .iter()
                    .map(|p| p.as_rat().cloned().unwrap_or_else(|| p.lower().clone())),
            );
        }
    }
    marks.sort();
    let (mut lo, mut hi) = match (marks.first(), marks.last()) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        _ => (Rat::ZERO, Rat::int(10)),
    };
    let span = (&hi - &lo).max(Rat::ONE);
    if matches!(cells.first().map(|c| c.domain.lo()), Some(Bound::Unbounded)) {
        lo = &lo - &span;
    }
    if matches!(cells.last().map(|c| c.domain.hi()), Some(Bound::Unbounded)) || hi == lo {
        hi = &hi + &span;
    }
    let steps = 240;
    let xs: Vec<Rat> = (0..=steps)
        .map(|s| &lo + &((&hi - &lo) * Rat::new(s, steps)))
        .collect();
    let value_at = |k: &Rat| {
        cells
            .iter()
            .zip(surplus)
            .find(|(e, _)| e.domain.contains(k))
            .map(|(_, p)| p.eval(k))
    };
    let pts: Vec<(Rat, Rat)> = xs
        .iter()
        .filter_map(|k| value_at(k).map(|v| (k.clone(), v)))
        .collect();
    let vals: Vec<Rat> = pts.iter().map(|(_, v)| v.clone()).collect();
    let (ylo, yhi) = y_range(&vals);
    let mut c = Canvas::new(&format!(
        "{}: expected surplus of VCG' against {param}",
        inst.name
    ));
    c.axes((&lo, &hi), (&ylo, &yhi), param, "Π");
    let to_px = |(k, v): &(Rat, Rat)| {
        (
            pixel(k, &lo, &hi, MARGIN, W - MARGIN),
            pixel(v, &ylo, &yhi, H - MARGIN, MARGIN),
        )
    };
    c.polyline(&pts.iter().map(to_px).collect::<Vec<_>>(), "#1f5fa8");
    for (env, pi) in cells.iter().zip(surplus) {
        if pi.is_zero() {
            continue;
        }
        for r in pi.roots_in(&env.domain) {
            let at = r.as_rat().cloned().unwrap_or_else(|| r.lower().clone());
            let (x, y) = to_px(&(at, Rat::ZERO));
            c.dot(x, y, "#b8321a");
            c.text(
                x,
                y - 8,
                "middle",
                &format!("{param} = {}", r.display_with(param)),
            );
        }
    }
    let texts: Vec<String> = cells
        .iter()
        .zip(surplus)
        .map(|(e, p)| {
            format!(
                "{}: Π = {}",
                e.domain.display_with(param),
                p.display_with(param)
            )
        })
        .collect();
    for (i, t) in texts.iter().enumerate() {
        c.text(W - MARGIN, MARGIN + 16 + 16 * i as i64, "end", t);
    }
    c.finish()
}

/// Π_I against I = 1..=n.
pub fn surplus_in_buyers(inst: &Instance, values: &[Rat]) -> String {
    let n = values.len();
    let (ylo, yhi) = y_range(values);
    let (lo, hi) = (Rat::ONE, Rat::from(n.max(2)));
    let mut c = Canvas::new(&format!(
        "{}: expected surplus of VCG' against the number of buyers",
        inst.name
    ));
    c.axes((&lo, &hi), (&ylo, &yhi), "I (buyers)", "Π_I");
    let pts: Vec<(i64, i64)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                pixel(&Rat::from(i + 1), &lo, &hi, MARGIN, W - MARGIN),
                pixel(v, &ylo, &yhi, H - MARGIN, MARGIN),
            )
        })
        .collect();
    c.polyline(&pts, "#1f5fa8");
    for (i, (x, y)) in pts.iter().enumerate() {
        let colour = if values[i].is_negative() {
            "#b8321a"
        } else {
            "#1f5fa8"
        };
        c.dot(*x, *y, colour);
    }
    c.text(
        W - MARGIN,
        H - MARGIN - 24,
        "end",
        &format!("Π_1 = {}", values[0]),
    );
    if let Some(last) = values.last() {
        c.text(
            W - MARGIN,
            H - MARGIN - 8,
            "end",
            &format!("Π_{n} = {last}"),
        );
    }
    c.finish()
}

/// One line of [`lines_against`]: a label, the values at each x, and a colour.
pub struct Line<'a> {
    pub label: &'a str,
    pub values: &'a [Rat],
    pub colour: &'a str,
}

/// Lines against integer x values (e.g. W_n and FB_n against n), with dashed horizontal
/// reference levels (e.g. the continuous limits), each labelled with its exact value.
pub fn lines_against(
    title: &str,
    xlabel: &str,
    ylabel: &str,
    xs: &[usize],
    lines: &[Line],
    refs: &[(Rat, &str)],
) -> String {
    let mut all: Vec<Rat> = lines
        .iter()
        .flat_map(|l| l.values.iter().cloned())
        .collect();
    all.extend(refs.iter().map(|(r, _)| r.clone()));
    // the range of the values (not forced to include 0), padded by a tenth on each side
    let (mut ylo, mut yhi) = match (all.iter().min(), all.iter().max()) {
        (Some(a), Some(b)) if a < b => (a.clone(), b.clone()),
        (Some(a), _) => (a - &Rat::ONE, a + &Rat::ONE),
        _ => (Rat::ZERO, Rat::ONE),
    };
    let pad = (&yhi - &ylo) * Rat::new(1, 10);
    ylo = &ylo - &pad;
    yhi = &yhi + &pad;
    let lo = Rat::from(xs.first().copied().unwrap_or(0));
    let hi = Rat::from(
        xs.last()
            .copied()
            .unwrap_or(1)
            .max(xs.first().copied().unwrap_or(0) + 1),
    );
    let mut c = Canvas::new(title);
    c.axes((&lo, &hi), (&ylo, &yhi), xlabel, ylabel);
    let to_px = |x: usize, v: &Rat| {
        (
            pixel(&Rat::from(x), &lo, &hi, MARGIN, W - MARGIN),
            pixel(v, &ylo, &yhi, H - MARGIN, MARGIN),
        )
    };
    for (r, label) in refs {
        let (_, y) = to_px(0, r);
        c.line(
            MARGIN,
            y,
            W - MARGIN,
            y,
            "stroke=\"#888\" stroke-dasharray=\"6 4\"",
        );
        c.text(W - MARGIN, y - 4, "end", &format!("{label} = {r}"));
    }
    for (k, l) in lines.iter().enumerate() {
        let pts: Vec<(i64, i64)> = xs.iter().zip(l.values).map(|(x, v)| to_px(*x, v)).collect();
        c.polyline(&pts, l.colour);
        for (x, y) in &pts {
            c.dot(*x, *y, l.colour);
        }
        let ly = H - MARGIN - 40 - 16 * k as i64;
        c.line(
            W - MARGIN - 150,
            ly - 4,
            W - MARGIN - 130,
            ly - 4,
            &format!("stroke=\"{}\" stroke-width=\"2\"", l.colour),
        );
        c.text(W - MARGIN - 124, ly, "start", l.label);
    }
    c.finish()
}

/// The colour of an allocation probability in [0, 1]: white at 0 to a dark blue at 1,
/// channels interpolated exactly and floored to whole levels.
fn shade(x: &Rat) -> String {
    let t = x.clone().max(Rat::ZERO).min(Rat::ONE);
    let level = |from: i64, to: i64| {
        (Rat::int(from) + &t * &Rat::int(to - from))
            .floor()
            .to_i64_pair()
            .map_or(from, |(n, _)| n)
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        level(255, 31),
        level(255, 95),
        level(255, 168)
    )
}

/// A matrix of probabilities (an allocation x(B_i, S_j)) as a heat map: rows labelled by
/// `row_labels` (buyer values, top row the highest), columns by `col_labels` (seller values),
/// each cell shaded by its value and, when the grid is small, labelled with the exact value.
pub fn heat_map(
    title: &str,
    row_labels: &[String],
    col_labels: &[String],
    cells: &[Vec<Rat>],
) -> String {
    let (rows, cols) = (
        row_labels.len().max(1) as i64,
        col_labels.len().max(1) as i64,
    );
    let cell = (480 / rows.max(cols)).clamp(8, 80);
    let (left, top) = (110, 50);
    let (w, h) = ((left + cols * cell + 40).max(W), top + rows * cell + 60);
    let mut body = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n<text x=\"10\" y=\"24\" font-size=\"14\">{}</text>\n",
        escape(title)
    );
    let labelled = cell >= 40;
    for (i, row) in cells.iter().enumerate() {
        // the highest buyer value on top
        let y = top + (rows - 1 - i as i64) * cell;
        for (j, v) in row.iter().enumerate() {
            let x = left + j as i64 * cell;
            body.push_str(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{}\" stroke=\"#ccc\"><title>x(B_{}, S_{}) = {}</title></rect>\n",
                shade(v),
                i + 1,
                j + 1,
                escape(&v.to_string())
            ));
            if labelled {
                let ink = if v > &Rat::new(1, 2) {
                    "white"
                } else {
                    "black"
                };
                body.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text>\n",
                    x + cell / 2,
                    y + cell / 2 + 4,
                    escape(&v.to_string())
                ));
            }
        }
        // labels of rows 14 px apart at least, of columns 48 px
        let row_step = (14 + cell - 1) / cell;
        if let Some(l) = row_labels.get(i).filter(|_| i as i64 % row_step == 0) {
            body.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">B = {}</text>\n",
                left - 6,
                y + cell / 2 + 4,
                escape(l)
            ));
        }
    }
    let col_step = (48 + cell - 1) / cell;
    for (j, l) in col_labels
        .iter()
        .enumerate()
        .filter(|(j, _)| *j as i64 % col_step == 0)
    {
        body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">S = {}</text>\n",
            left + j as i64 * cell + cell / 2,
            top + rows * cell + 18,
            escape(l)
        ));
    }
    body.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">white: 0, dark: 1 (trade probability x(B, S))</text>\n</svg>\n",
        left + cols * cell / 2,
        top + rows * cell + 40
    ));
    body
}
