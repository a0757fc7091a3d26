//! `poly-sign`: a sign pattern of a polynomial on the parameter domain, as pieces from left to
//! right (open intervals with a sign, points with a sign, `root_in` intervals holding exactly
//! one sign-changing root). The partition itself must be well formed (an error otherwise);
//! each piece's claim is decided exactly: first by Descartes' rule on the Möbius transform,
//! and, where that rule is inconclusive, by Sturm's theorem.

use std::cmp::Ordering;

use num_traits::Zero;
use serde_json::Value;

use crate::domain::Domain;
use crate::number::{Q, json_rat, json_str, json_type};
use crate::poly::{End, Poly, count_roots_open, sign, variations};
use crate::quote::quote;

#[derive(Clone, Debug)]
enum Piece {
    Open(Option<Q>, Option<Q>, Ordering),
    Point(Q, Ordering),
    RootIn(Q, Q),
}

fn read_sign(v: Option<&Value>) -> Result<Ordering, String> {
    match v.map(json_str) {
        Some(Ok("+")) => Ok(Ordering::Greater),
        Some(Ok("-")) => Ok(Ordering::Less),
        Some(Ok("0")) => Ok(Ordering::Equal),
        _ => Err("`sign` must be \"+\", \"-\" or \"0\"".into()),
    }
}

fn end(v: &Value) -> Result<Option<Q>, String> {
    match v {
        Value::Null => Ok(None),
        v => json_rat(v).map(Some),
    }
}

fn pair(v: &Value, what: &str) -> Result<(Option<Q>, Option<Q>), String> {
    match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => Ok((end(a)?, end(b)?)),
        _ => Err(format!("`{what}` must be a pair [lo, hi]")),
    }
}

fn read_piece(v: &Value) -> Result<Piece, String> {
    let o = v
        .as_object()
        .ok_or_else(|| format!("expected an object, found {}", json_type(v)))?;
    let keys: Vec<&str> = o.keys().map(String::as_str).collect();
    let only = |allowed: &[&str]| -> Result<(), String> {
        match keys.iter().find(|k| !allowed.contains(k)) {
            Some(k) => Err(format!("unknown key {k} in this piece", k = quote(k))),
            None => Ok(()),
        }
    };
    if let Some(iv) = o.get("open") {
        only(&["open", "sign"])?;
        let (lo, hi) = pair(iv, "open")?;
        if let (Some(a), Some(b)) = (&lo, &hi)
            && a >= b
        {
            return Err(format!("open piece ({a}, {b}) is empty"));
        }
        Ok(Piece::Open(lo, hi, read_sign(o.get("sign"))?))
    } else if let Some(p) = o.get("point") {
        only(&["point", "sign"])?;
        Ok(Piece::Point(json_rat(p)?, read_sign(o.get("sign"))?))
    } else if let Some(iv) = o.get("root_in") {
        only(&["root_in"])?;
        match pair(iv, "root_in")? {
            (Some(l), Some(r)) if l < r => Ok(Piece::RootIn(l, r)),
            _ => Err("`root_in` needs finite l < r".into()),
        }
    } else {
        Err("a piece has `open`, `point` or `root_in`".into())
    }
}

/// Where a piece starts and ends: (value or -inf/+inf as None, closed?).
fn ends(p: &Piece) -> ((Option<Q>, bool), (Option<Q>, bool)) {
    match p {
        Piece::Open(lo, hi, _) => ((lo.clone(), false), (hi.clone(), false)),
        Piece::Point(r, _) => ((Some(r.clone()), true), (Some(r.clone()), true)),
        Piece::RootIn(l, r) => ((Some(l.clone()), true), (Some(r.clone()), true)),
    }
}

fn check_partition(pieces: &[Piece], d: &Domain) -> Result<(), String> {
    let first = pieces.first().ok_or("`pieces` is empty")?;
    let ((start, start_closed), _) = ends(first);
    match &d.lo {
        None if start.is_some() => {
            return Err("the first piece must start at -infinity (null)".into());
        }
        Some(b) => {
            if start.as_ref() != Some(&b.at) {
                return Err(format!(
                    "the first piece must start at the domain's end {}",
                    b.at
                ));
            }
            if b.closed && !start_closed {
                return Err(format!(
                    "the domain contains {} but no piece covers it",
                    b.at
                ));
            }
            if !b.closed && matches!(first, Piece::Point(..)) {
                return Err(format!("a point piece at {} lies outside the domain", b.at));
            }
        }
        None => {}
    }
    for (i, w) in pieces.windows(2).enumerate() {
        let (_, (e, e_closed)) = ends(&w[0]);
        let ((s, s_closed), _) = ends(&w[1]);
        let (Some(e), Some(s)) = (e, s) else {
            return Err(format!(
                "piece {} is unbounded but not the last or first",
                i + 1
            ));
        };
        if e != s {
            return Err(format!(
                "piece {} ends at {e} but piece {} starts at {s}",
                i + 1,
                i + 2
            ));
        }
        if !e_closed && !s_closed {
            return Err(format!(
                "the point {e} between pieces {} and {} is not covered",
                i + 1,
                i + 2
            ));
        }
    }
    let last = pieces.last().expect("nonempty");
    let (_, (stop, stop_closed)) = ends(last);
    match &d.hi {
        None if stop.is_some() => Err("the last piece must end at +infinity (null)".into()),
        Some(b) => {
            if stop.as_ref() != Some(&b.at) {
                return Err(format!(
                    "the last piece must end at the domain's end {}",
                    b.at
                ));
            }
            if b.closed && !stop_closed {
                return Err(format!(
                    "the domain contains {} but no piece covers it",
                    b.at
                ));
            }
            if !b.closed && matches!(last, Piece::Point(..)) {
                return Err(format!("a point piece at {} lies outside the domain", b.at));
            }
            Ok(())
        }
        None => Ok(()),
    }
}

/// Descartes: the sign of p on the open piece if the transform has no sign variation.
fn descartes_sign(p: &Poly, lo: &Option<Q>, hi: &Option<Q>) -> Option<Ordering> {
    let one_sign = |q: &Poly| -> Option<Ordering> {
        let signs: Vec<Ordering> = q.coeffs().iter().map(sign).collect();
        if q.is_zero() || variations(signs.iter().copied()) != 0 {
            return None;
        }
        signs.into_iter().find(|s| *s != Ordering::Equal)
    };
    let unit = Q::from_integer(1.into());
    match (lo, hi) {
        (Some(a), Some(b)) => one_sign(&p.mobius(a, b)),
        (Some(a), None) => one_sign(&p.compose_linear(a, &unit)),
        (None, Some(b)) => one_sign(&p.compose_linear(b, &-unit)),
        (None, None) => {
            let c0 = sign(&p.eval(&Q::zero()));
            let right = one_sign(p)?;
            let left = one_sign(&p.compose_linear(&Q::zero(), &-unit))?;
            (c0 != Ordering::Equal && right == c0 && left == c0).then_some(c0)
        }
    }
}

fn to_end(q: &Option<Q>) -> End {
    match q {
        Some(q) => End::Finite(q.clone()),
        None => End::Infinite,
    }
}

/// A point strictly inside the open piece.
fn inside(lo: &Option<Q>, hi: &Option<Q>) -> Q {
    let one = Q::from_integer(1.into());
    match (lo, hi) {
        (Some(a), Some(b)) => (a + b) / Q::from_integer(2.into()),
        (Some(a), None) => a + one,
        (None, Some(b)) => b - one,
        (None, None) => Q::zero(),
    }
}

fn piece_holds(p: &Poly, piece: &Piece) -> bool {
    match piece {
        Piece::Point(r, s) => sign(&p.eval(r)) == *s,
        Piece::Open(lo, hi, s) => {
            if *s == Ordering::Equal || p.is_zero() {
                return *s == Ordering::Equal && p.is_zero();
            }
            if let Some(found) = descartes_sign(p, lo, hi) {
                return found == *s;
            }
            count_roots_open(p, &to_end(lo), &to_end(hi)) == 0
                && sign(&p.eval(&inside(lo, hi))) == *s
        }
        Piece::RootIn(l, r) => {
            if p.is_zero() || sign(&p.eval(l)) == Ordering::Equal {
                return false;
            }
            if sign(&p.eval(l)) == sign(&p.eval(r)) || sign(&p.eval(r)) == Ordering::Equal {
                return false;
            }
            let m = p.mobius(l, r);
            if variations(m.coeffs().iter().map(sign)) == 1 {
                return true;
            }
            count_roots_open(p, &End::Finite(l.clone()), &End::Finite(r.clone())) == 1
        }
    }
}

/// Are `pieces` a correct sign pattern of `p` on the domain? Errors for malformed pieces or a
/// partition that does not cover the domain from left to right.
pub fn check(p: &Poly, d: &Domain, pieces: &Value) -> Result<bool, String> {
    let arr = pieces
        .as_array()
        .ok_or_else(|| format!("`pieces`: expected an array, found {}", json_type(pieces)))?;
    let pieces = arr
        .iter()
        .enumerate()
        .map(|(i, v)| read_piece(v).map_err(|e| format!("`pieces[{i}]`: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    check_partition(&pieces, d).map_err(|e| format!("`pieces`: {e}"))?;
    Ok(pieces.iter().all(|pc| piece_holds(p, pc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse_poly;
    use serde_json::json;

    fn run(poly: &str, dom: &str, pieces: Value) -> Result<bool, String> {
        check(
            &parse_poly(poly, Some("k")).unwrap(),
            &Domain::parse(dom, "k").unwrap(),
            &pieces,
        )
    }

    #[test]
    fn example_2_sign() {
        // 19/27 - 4/27 k: root 19/4, positive before, negative after, on k > 1
        let ok = json!([
            {"open": ["1", "19/4"], "sign": "+"},
            {"point": "19/4", "sign": "0"},
            {"open": ["19/4", null], "sign": "-"}
        ]);
        assert_eq!(run("19/27 - 4/27*k", "k > 1", ok.clone()), Ok(true));
        assert_eq!(run("19/27 - 5/27*k", "k > 1", ok), Ok(false));
        let root = json!([
            {"open": ["1", "4"], "sign": "+"},
            {"root_in": ["4", "5"]},
            {"open": ["5", null], "sign": "-"}
        ]);
        assert_eq!(run("19/27 - 4/27*k", "k > 1", root.clone()), Ok(true));
        assert_eq!(
            run("19/27 - 4/27*k", "k >= 1", root).map_err(|_| ()),
            Err(())
        );
    }

    #[test]
    fn sturm_decides_when_descartes_cannot() {
        // (k - 2)^2 + 1/100 > 0 on (0, 4): the Möbius transform has sign variations
        let p = "k^2 - 4k + 401/100";
        let pieces = json!([{"open": ["0", "4"], "sign": "+"}]);
        assert_eq!(run(p, "0 < k < 4", pieces), Ok(true));
        let pieces = json!([{"open": ["0", "4"], "sign": "+"}]);
        assert_eq!(run("k^2 - 4k + 399/100", "0 < k < 4", pieces), Ok(false));
    }

    #[test]
    fn sturm_then_the_sign_inside_each_kind_of_piece() {
        // p = (k + 1/2)(k^2 - 2k + 2) = k^3 - 3/2 k^2 + k + 1: one real root, -1/2 (the
        // quadratic has discriminant 4 - 8 < 0), so p > 0 on (0, 4) and on (0, oo). Descartes
        // cannot tell: p(t) has coefficients 1, 1, -3/2, 1 (two sign changes), and the Möbius
        // transform on (0, 4), (1 + t)^3 p(4t / (1 + t)) = 45 t^3 - 13 t^2 + 7 t + 1, too. Sturm
        // counts no root, and the sign is read at a point inside: 2 or 1 (p = 5 or 3/2 > 0);
        // a point outside, -2 or -1, would read p = -15 or -5/2 < 0.
        let p = "k^3 - 3/2*k^2 + k + 1";
        assert_eq!(
            run(p, "0 < k < 4", json!([{"open": ["0", "4"], "sign": "+"}])),
            Ok(true)
        );
        assert_eq!(
            run(p, "k > 0", json!([{"open": ["0", null], "sign": "+"}])),
            Ok(true)
        );
        // the mirror image q(k) = p(-k) = -k^3 - 3/2 k^2 - k + 1 > 0 on (-oo, 0), root 1/2
        let q = "-k^3 - 3/2*k^2 - k + 1";
        assert_eq!(
            run(q, "k < 0", json!([{"open": [null, "0"], "sign": "+"}])),
            Ok(true)
        );
    }

    #[test]
    fn the_whole_line_needs_both_sides() {
        // k + 1 on all k: its coefficients 1, 1 have one sign, so it is positive for k > 0,
        // but p(-t) = 1 - t changes sign (at k = -1): not positive on the whole line
        let all = json!([{"open": [null, null], "sign": "+"}]);
        assert_eq!(run("k + 1", "all k", all.clone()), Ok(false));
        assert_eq!(run("k^2 + 1", "all k", all), Ok(true));
    }

    #[test]
    fn malformed() {
        for pieces in [
            json!([]),
            json!([{"open": ["1", "3"], "sign": "+"}, {"open": ["3", null], "sign": "+"}]),
            json!([{"open": ["2", null], "sign": "+"}]),
            json!([{"open": ["1", null], "sign": "x"}]),
            json!([{"open": ["1", null]}]),
            json!({"open": ["1", null]}),
        ] {
            assert!(run("k", "k > 1", pieces.clone()).is_err(), "{pieces}");
        }
    }
}
