//! Evidence over a parameter domain: a polynomial identity (the checker re-evaluates the
//! quantity at degree + 2 points of the domain and proves the value order is fixed) and an
//! exact sign pattern of a polynomial on the domain (pieces the checker decides by Descartes'
//! rule and Sturm's theorem), in the `poly-identity` and `poly-sign` forms of FORMAT.md.

use std::cmp::Ordering;

use mechcert_num::{Bound, Interval, Point, Poly, Rat, simplest_between};
use serde_json::{Value, json};

use crate::certificate::{Flag, Record};

fn sign_str(o: Ordering) -> &'static str {
    match o {
        Ordering::Less => "-",
        Ordering::Equal => "0",
        Ordering::Greater => "+",
    }
}

/// A rational strictly between two optional rational ends.
fn inside(lo: Option<&Rat>, hi: Option<&Rat>) -> Rat {
    match (lo, hi) {
        (Some(a), Some(b)) => simplest_between(a, b),
        (Some(a), None) => a.floor() + Rat::ONE,
        (None, Some(b)) => b.ceil() - Rat::ONE,
        (None, None) => Rat::ZERO,
    }
}

/// The sign pattern of `p` on `dom` as FORMAT.md pieces. Irrational roots must be sign
/// changes (odd multiplicity); otherwise there is no certificate of this form.
pub fn sign_pieces(p: &Poly, dom: &Interval) -> Result<Value, String> {
    if let Some(pt) = dom.as_point() {
        let r = pt.as_rat().ok_or("an irrational one-point domain")?;
        return Ok(json!([{"point": r.to_string(), "sign": sign_str(p.sign_at_rat(r))}]));
    }
    let rat_end = |b: &Bound| -> Result<Option<(Rat, bool)>, String> {
        match b {
            Bound::Unbounded => Ok(None),
            Bound::Open(x) => Ok(Some((
                x.as_rat().ok_or("an irrational domain end")?.clone(),
                false,
            ))),
            Bound::Closed(x) => Ok(Some((
                x.as_rat().ok_or("an irrational domain end")?.clone(),
                true,
            ))),
        }
    };
    let (lo, hi) = (rat_end(dom.lo())?, rat_end(dom.hi())?);
    let roots: Vec<Point> = if p.is_zero() { vec![] } else { p.roots_in(dom) };
    let mut pieces: Vec<Value> = vec![];
    // the left end of the current open stretch
    let mut left: Option<Rat> = lo.as_ref().map(|(a, _)| a.clone());
    if let Some((a, true)) = &lo
        && roots.first().is_none_or(|r| r.as_rat() != Some(a))
    {
        pieces.push(json!({"point": a.to_string(), "sign": sign_str(p.sign_at_rat(a))}));
    }
    let hi_val = hi.as_ref().map(|(b, _)| b.clone());
    for (k, r) in roots.iter().enumerate() {
        let next_left = match r.as_rat() {
            Some(x) => {
                let right = x.clone();
                push_open(&mut pieces, p, left.as_ref(), Some(&right));
                pieces.push(json!({"point": x.to_string(), "sign": "0"}));
                right
            }
            None => {
                // refine until the isolating interval sits strictly between its neighbours
                let mut q = r.clone();
                let prev = left.clone();
                let next = roots
                    .get(k + 1)
                    .map(|n| n.lower().clone())
                    .or(hi_val.clone());
                loop {
                    let ok_left = prev.as_ref().is_none_or(|a| q.lower() > a);
                    let ok_right = next.as_ref().is_none_or(|b| q.upper() < b);
                    let signs = p.sign_at_rat(q.lower()) != Ordering::Equal
                        && p.sign_at_rat(q.upper()) != Ordering::Equal;
                    if ok_left && ok_right && signs {
                        break;
                    }
                    q.refine();
                }
                let (l, u) = (q.lower().clone(), q.upper().clone());
                if p.sign_at_rat(&l) == p.sign_at_rat(&u) {
                    return Err(format!(
                        "the irrational root {} is not a sign change",
                        r.display_with("k")
                    ));
                }
                push_open(&mut pieces, p, left.as_ref(), Some(&l));
                pieces.push(json!({"root_in": [l.to_string(), u.to_string()]}));
                u
            }
        };
        left = Some(next_left);
    }
    let last_is_root_at_hi =
        matches!((&hi, roots.last().and_then(Point::as_rat)), (Some((b, _)), Some(r)) if b == r);
    if !last_is_root_at_hi {
        push_open(&mut pieces, p, left.as_ref(), hi_val.as_ref());
        if let Some((b, true)) = &hi {
            pieces.push(json!({"point": b.to_string(), "sign": sign_str(p.sign_at_rat(b))}));
        }
    }
    Ok(Value::Array(pieces))
}

fn push_open(pieces: &mut Vec<Value>, p: &Poly, lo: Option<&Rat>, hi: Option<&Rat>) {
    if let (Some(a), Some(b)) = (lo, hi)
        && a >= b
    {
        return;
    }
    let s = p.sign_at_rat(&inside(lo, hi));
    let end = |x: Option<&Rat>| x.map_or(Value::Null, |r| r.to_string().into());
    pieces.push(json!({"open": [end(lo), end(hi)], "sign": sign_str(s)}));
}

/// Record that `poly` is the quantity `of` (a quantity object without name and value) on the
/// instance's domain.
pub fn poly_identity(
    bd: &mut Record,
    name: &str,
    poly: &Poly,
    param: &str,
    of: Value,
    degree_bound: usize,
) -> Flag {
    let fields = json!({
        "kind": "poly-identity",
        "poly": poly.display_with(param),
        "of": of,
        "degree_bound": degree_bound,
    });
    bd.flag(name, fields, true)
}

/// Record the exact sign pattern of `poly` on `dom`.
pub fn poly_sign(
    bd: &mut Record,
    name: &str,
    poly: &Poly,
    param: &str,
    dom: &Interval,
) -> Result<Flag, String> {
    let pieces = sign_pieces(poly, dom)?;
    let fields = json!({"kind": "poly-sign", "poly": poly.display_with(param), "pieces": pieces});
    Ok(bd.flag(name, fields, true))
}
