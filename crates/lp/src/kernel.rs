//! The `i128` kernel of the fraction-free row update: `row <- row * scale + mult * prow`
//! over the denominator `den * scale`, followed by removal of the content.
//!
//! In the dense case the products routinely exceed 64 bits before the content (which is
//! typically close to `scale`) is divided out again; doing that in `i128` scratch space
//! keeps such transient values off the big-integer path. Values that still do not fit in
//! 64 bits after the division are stored as big `Int`s. Everything here is exact.

use mechcert_num::Int;
use mechcert_num::word::{ExactDivider128, gcd_u128};

/// Replace `row` by `(row * scale + mult * prow) / g` and return the new denominator
/// `den * scale / g`, where `g` is the content of the result and `den * scale`. Returns
/// `None`, leaving `row` untouched, unless `den`, `scale`, `mult` and every entry of `row`
/// and `prow` fit in `i64` (the caller then takes the big-integer path). Requires
/// `den > 0` and `scale > 0`.
pub(crate) fn combine_small(
    row: &mut [Int],
    prow: &[Int],
    den: &Int,
    scale: &Int,
    mult: &Int,
    buf: &mut Vec<i128>,
) -> Option<Int> {
    let (d, s, m) = (
        den.to_i64()? as i128,
        scale.to_i64()? as i128,
        mult.to_i64()? as i128,
    );
    buf.clear();
    // |a s| and |m b| are below 2^126, so their sum fits in i128.
    for (a, b) in row.iter().zip(prow) {
        let a = a.to_i64()? as i128;
        let b = b.to_i64()? as i128;
        buf.push(a * s + m * b);
    }
    let new_den = d * s;
    let mut g = new_den.unsigned_abs();
    let mut div = ExactDivider128::new(g);
    for v in buf.iter() {
        if g == 1 {
            break;
        }
        if *v != 0 {
            let u = v.unsigned_abs();
            if div.quotient(u).is_none() {
                g = gcd_u128(g, u % g);
                div = ExactDivider128::new(g);
            }
        }
    }
    if g == 1 {
        for (e, v) in row.iter_mut().zip(buf.iter()) {
            *e = Int::from_i128(*v);
        }
        return Some(Int::from_i128(new_den));
    }
    for (e, v) in row.iter_mut().zip(buf.iter()) {
        *e = if *v == 0 {
            Int::ZERO
        } else {
            let q = div
                .quotient(v.unsigned_abs())
                .expect("the content divides every entry") as i128;
            Int::from_i128(if *v < 0 { -q } else { q })
        };
    }
    Some(Int::from_i128(new_den / g as i128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combine_removes_the_content() {
        let ints = |v: &[i64]| v.iter().map(|&x| Int::from(x)).collect::<Vec<_>>();
        let mut buf = Vec::new();
        // (2, 3, 0) * 6 + 4 * (1, 0, 3) = (16, 18, 12) over 5 * 6 = 30: content 2.
        let mut row = ints(&[2, 3, 0]);
        let den = combine_small(
            &mut row,
            &ints(&[1, 0, 3]),
            &Int::from(5),
            &Int::from(6),
            &Int::from(4),
            &mut buf,
        );
        assert_eq!((den, row), (Some(Int::from(15)), ints(&[8, 9, 6])));
        // Transient values above 64 bits that divide back into range.
        let big = 1i64 << 62;
        let mut row = ints(&[big, -big]);
        let den = combine_small(
            &mut row,
            &ints(&[0, 0]),
            &Int::from(1),
            &Int::from(big),
            &Int::from(1),
            &mut buf,
        );
        assert_eq!((den, row), (Some(Int::ONE), ints(&[big, -big])));
        // Results that stay large become big Ints; a big input declines.
        let mut row = ints(&[big, 1]);
        let den = combine_small(
            &mut row,
            &ints(&[0, 1]),
            &Int::from(1),
            &Int::from(4),
            &Int::from(1),
            &mut buf,
        );
        assert_eq!(den, Some(Int::from(4)));
        assert_eq!(row[0].to_string(), "18446744073709551616");
        assert_eq!(row[1], Int::from(5));
        let mut row2 = row.clone();
        assert!(
            combine_small(&mut row2, &row, &Int::ONE, &Int::ONE, &Int::ONE, &mut buf).is_none()
        );
        assert_eq!(row2, row);
    }
}
