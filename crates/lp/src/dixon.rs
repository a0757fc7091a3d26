//! Exact solution of a square sparse integer system `K x = b` (and `K^T y = c`) by p-adic
//! lifting (Dixon 1982): one LU factorisation of `K` modulo a word-sized prime, then digits
//! `x = Σ d_i p^i` from `r <- (r - K d) / p`, and rational reconstruction of each entry.
//!
//! Output-sensitive: reconstruction is attempted after 1, 2, 4, ... digits and accepted only
//! when `K x = b` holds exactly (so a small-denominator answer costs a few digits), and the
//! Hadamard bound says when enough digits guarantee success. `K` nonsingular modulo `p`
//! implies `K` nonsingular over the rationals, so the verified solution is the solution.
#![allow(clippy::needless_range_loop)]

use std::str::FromStr;

use malachite_base::num::arithmetic::traits::{DivExact, Gcd, Mod};
use malachite_base::num::basic::traits::{One, Zero};
use malachite_base::num::logic::traits::SignificantBits;
use malachite_nz::integer::Integer;
use malachite_nz::natural::Natural;
use mechcert_num::{Int, Rat};

/// Word primes below 2^31 (products of two residues fit in `u64`).
const PRIMES: [u64; 3] = [2_147_483_647, 2_147_483_629, 2_147_483_587];

/// `Int` to malachite (through decimal text for the rare big values).
pub(crate) fn to_big(v: &Int) -> Integer {
    match v.to_i64() {
        Some(x) => Integer::from(x),
        None => Integer::from_str(&v.to_string()).expect("an integer prints as an integer"),
    }
}

/// `n / d` as a `Rat` (`d != 0`).
pub(crate) fn to_rat(n: &Integer, d: &Integer) -> Rat {
    if let (Ok(a), Ok(b)) = (i64::try_from(n), i64::try_from(d))
        && a != i64::MIN
        && b != i64::MIN
    {
        return Rat::new(a, b);
    }
    format!("{n}/{d}")
        .parse::<Rat>()
        .map(|r| if *d < 0 { -r } else { r })
        .or_else(|_| format!("{}/{}", -n, -d).parse::<Rat>())
        .expect("integers print as a parseable fraction")
}

/// A square integer matrix in sparse rows and columns, with its LU factorisation mod `p`.
pub(crate) struct System {
    k: usize,
    rows: Vec<Vec<(usize, i64)>>,
    cols: Vec<Vec<(usize, i64)>>,
    p: u64,
    /// Dense LU mod p of the row-permuted matrix: `lu[r * k + c]`, L unit lower.
    lu: Vec<u64>,
    /// `perm[r]`: the original row in position `r`.
    perm: Vec<usize>,
}

fn inv_mod(a: u64, p: u64) -> u64 {
    // Fermat: a^(p-2).
    let mut r = 1u64;
    let mut b = a % p;
    let mut e = p - 2;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % p;
        }
        b = b * b % p;
        e >>= 1;
    }
    r
}

fn lu_mod<const P: u64>(k: usize, a: &mut [u64], perm: &mut [usize]) -> bool {
    for c in 0..k {
        let Some(r) = (c..k).find(|&r| a[r * k + c] != 0) else {
            return false;
        };
        if r != c {
            for j in 0..k {
                a.swap(r * k + j, c * k + j);
            }
            perm.swap(r, c);
        }
        let inv = inv_mod(a[c * k + c], P);
        let (top, bottom) = a.split_at_mut((c + 1) * k);
        let prow = &top[c * k..(c + 1) * k];
        for r in 0..k - c - 1 {
            let row = &mut bottom[r * k..(r + 1) * k];
            if row[c] == 0 {
                continue;
            }
            let f = row[c] * inv % P;
            row[c] = f;
            let nf = P - f;
            for j in c + 1..k {
                if prow[j] != 0 {
                    row[j] = (row[j] + nf * prow[j]) % P;
                }
            }
        }
    }
    true
}

impl System {
    /// Factor `K` (rows as sparse `(column, value)` lists). `None` if `K` is singular modulo
    /// every prime tried (then it is singular, or unluckily so: the caller falls back).
    pub fn new(k: usize, rows: Vec<Vec<(usize, i64)>>) -> Option<System> {
        let mut cols = vec![Vec::new(); k];
        for (i, r) in rows.iter().enumerate() {
            for &(j, v) in r {
                cols[j].push((i, v));
            }
        }
        for &p in &PRIMES {
            let mut a = vec![0u64; k * k];
            for (i, r) in rows.iter().enumerate() {
                for &(j, v) in r {
                    a[i * k + j] = v.rem_euclid(p as i64) as u64;
                }
            }
            let mut perm: Vec<usize> = (0..k).collect();
            let ok = match p {
                2_147_483_647 => lu_mod::<2_147_483_647>(k, &mut a, &mut perm),
                2_147_483_629 => lu_mod::<2_147_483_629>(k, &mut a, &mut perm),
                _ => lu_mod::<2_147_483_587>(k, &mut a, &mut perm),
            };
            if ok {
                return Some(System {
                    k,
                    rows,
                    cols,
                    p,
                    lu: a,
                    perm,
                });
            }
        }
        None
    }

    /// Solve `K d = r` (or `K^T d = r`) modulo p.
    fn solve_mod(&self, r: &[u64], transpose: bool) -> Vec<u64> {
        let (k, p) = (self.k, self.p);
        let lu = &self.lu;
        if !transpose {
            // P K = L U: L U d = P r.
            let mut y: Vec<u64> = (0..k).map(|i| r[self.perm[i]]).collect();
            for i in 0..k {
                let mut s = y[i];
                for j in 0..i {
                    if lu[i * k + j] != 0 {
                        s = (s + (p - lu[i * k + j]) * y[j]) % p;
                    }
                }
                y[i] = s;
            }
            for i in (0..k).rev() {
                let mut s = y[i];
                for j in i + 1..k {
                    if lu[i * k + j] != 0 {
                        s = (s + (p - lu[i * k + j]) * y[j]) % p;
                    }
                }
                y[i] = s * inv_mod(lu[i * k + i], p) % p;
            }
            y
        } else {
            // K^T = U^T L^T P: U^T z = r, L^T w = z, d = P^T w.
            let mut z = r.to_vec();
            for i in 0..k {
                let mut s = z[i];
                for j in 0..i {
                    if lu[j * k + i] != 0 {
                        s = (s + (p - lu[j * k + i]) * z[j]) % p;
                    }
                }
                z[i] = s * inv_mod(lu[i * k + i], p) % p;
            }
            for i in (0..k).rev() {
                let mut s = z[i];
                for j in i + 1..k {
                    if lu[j * k + i] != 0 {
                        s = (s + (p - lu[j * k + i]) * z[j]) % p;
                    }
                }
                z[i] = s;
            }
            let mut d = vec![0u64; k];
            for i in 0..k {
                d[self.perm[i]] = z[i];
            }
            d
        }
    }

    /// `K v` (or `K^T v`) for a vector of residues, exactly.
    fn times(&self, v: &[u64], transpose: bool) -> Vec<Integer> {
        let lines = if transpose { &self.cols } else { &self.rows };
        lines
            .iter()
            .map(|line| {
                let mut acc: i128 = 0;
                let mut big = Integer::ZERO;
                for &(j, a) in line {
                    let t = i128::from(a) * i128::from(v[j]);
                    match acc.checked_add(t) {
                        Some(s) => acc = s,
                        None => {
                            big += Integer::from(acc);
                            acc = t;
                        }
                    }
                }
                big + Integer::from(acc)
            })
            .collect()
    }

    /// Bits of a bound on `|det|` (Hadamard: product of the row norms).
    fn hadamard_bits(lines: &[Vec<(usize, i64)>], extra: Option<&[Integer]>) -> u64 {
        let mut bits = 0u64;
        for (i, line) in lines.iter().enumerate() {
            let mut m = line
                .iter()
                .map(|&(_, a)| 64 - a.unsigned_abs().leading_zeros() as u64)
                .max()
                .unwrap_or(0);
            let mut count = line.len() as u64;
            if let Some(b) = extra {
                m = m.max(b[i].significant_bits());
                count += 1;
            }
            bits += m + (64 - count.leading_zeros() as u64) / 2 + 1;
        }
        bits
    }

    /// The exact solution of `K x = b` (`K^T x = b` if `transpose`), as numerators over one
    /// positive common denominator. `None` only if reconstruction fails within the
    /// Hadamard bound (which cannot happen for a nonsingular `K`).
    pub fn solve(&self, b: &[Integer], transpose: bool) -> Option<(Vec<Integer>, Integer)> {
        let (k, p) = (self.k, self.p);
        if k == 0 {
            return Some((vec![], Integer::ONE));
        }
        if b.iter().all(|v| *v == 0) {
            return Some((vec![Integer::ZERO; k], Integer::ONE));
        }
        let lines = if transpose { &self.cols } else { &self.rows };
        // Cramer: x_j = det_j / det with |det_j| bounded with b as a column.
        let need = Self::hadamard_bits(lines, None) + Self::hadamard_bits(lines, Some(b)) + 4;
        let max_digits = need / 30 + 2;
        let pz = Integer::from(p);
        let mut r: Vec<Integer> = b.to_vec();
        let mut x: Vec<Integer> = vec![Integer::ZERO; k];
        let mut modulus = Integer::ONE;
        let mut next_try = 1u64;
        for digit in 1..=max_digits {
            let rm: Vec<u64> = r
                .iter()
                .map(|v| u64::try_from(&v.mod_op(&pz)).expect("residue below p"))
                .collect();
            let d = self.solve_mod(&rm, transpose);
            for (xi, &di) in x.iter_mut().zip(&d) {
                if di != 0 {
                    *xi += &modulus * Integer::from(di);
                }
            }
            modulus *= &pz;
            let kd = self.times(&d, transpose);
            for (ri, s) in r.iter_mut().zip(kd) {
                *ri -= s;
                *ri = (&*ri).div_exact(&pz);
            }
            if r.iter().all(|v| *v == 0) {
                // Exact integer solution.
                return Some((x, Integer::ONE));
            }
            if digit == next_try || digit == max_digits {
                next_try *= 2;
                if let Some(sol) = reconstruct(&x, &modulus)
                    && self.check(&sol, b, transpose)
                {
                    return Some(sol);
                }
            }
        }
        None
    }

    fn check(&self, (num, den): &(Vec<Integer>, Integer), b: &[Integer], transpose: bool) -> bool {
        let lines = if transpose { &self.cols } else { &self.rows };
        lines.iter().zip(b).all(|(line, bi)| {
            let mut s = Integer::ZERO;
            for &(j, a) in line {
                if num[j] != 0 {
                    s += Integer::from(a) * &num[j];
                }
            }
            s == bi * den
        })
    }
}

/// Rational reconstruction of every entry of `x` modulo `m`, over one common denominator.
fn reconstruct(x: &[Integer], m: &Integer) -> Option<(Vec<Integer>, Integer)> {
    let half_bits = (m.significant_bits().saturating_sub(2)) / 2;
    let bound = Integer::ONE << half_bits;
    let mut den = Integer::ONE;
    let mut num = Vec::with_capacity(x.len());
    let sym = |v: Integer| -> Integer {
        let v = v.mod_op(m);
        if (&v << 1u64) > *m { v - m } else { v }
    };
    for xi in x {
        let y = sym(xi * &den);
        if y.unsigned_abs_ref() < bound.unsigned_abs_ref() {
            num.push(y);
            continue;
        }
        let (n, d) = ratrecon(&xi.mod_op(m), m, &bound)?;
        // x_i = n / d; the common denominator becomes lcm(den, d).
        let g = Integer::from(den.unsigned_abs_ref().gcd(d.unsigned_abs_ref()));
        let scale = (&d).div_exact(&g);
        if scale != 1 {
            for v in num.iter_mut() {
                *v *= &scale;
            }
            den *= &scale;
        }
        let f = (&den).div_exact(&d);
        num.push(n * f);
        if den.unsigned_abs_ref() >= bound.unsigned_abs_ref() {
            return None;
        }
    }
    Some((num, den))
}

/// `n / d` with `|n|, d < bound` and `n = d u (mod m)`, if any.
fn ratrecon(u: &Integer, m: &Integer, bound: &Integer) -> Option<(Integer, Integer)> {
    let (mut r0, mut r1) = (m.clone(), u.clone());
    let (mut t0, mut t1) = (Integer::ZERO, Integer::ONE);
    while r1.unsigned_abs_ref() >= bound.unsigned_abs_ref() {
        let q = Integer::from(r0.unsigned_abs_ref() / r1.unsigned_abs_ref());
        let r2 = &r0 - &q * &r1;
        r0 = std::mem::replace(&mut r1, r2);
        let t2 = &t0 - &q * &t1;
        t0 = std::mem::replace(&mut t1, t2);
    }
    if t1 == 0 || t1.unsigned_abs_ref() >= bound.unsigned_abs_ref() {
        return None;
    }
    let g: Natural = r1.unsigned_abs_ref().gcd(t1.unsigned_abs_ref());
    if g != 1u32 && r1 != 0 {
        return None;
    }
    if t1 < 0 {
        Some((-r1, -t1))
    } else {
        Some((r1, t1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Vec<Integer> {
        v.iter().map(|&x| Integer::from(x)).collect()
    }

    #[test]
    fn solves_small_systems_exactly() {
        // [[2, 1], [1, 3]] x = [1, 2]: det 5, x = (1/5, 3/5) (by Cramer's rule by hand).
        let s = System::new(2, vec![vec![(0, 2), (1, 1)], vec![(0, 1), (1, 3)]]).unwrap();
        let (num, den) = s.solve(&ints(&[1, 2]), false).unwrap();
        let x: Vec<Rat> = num.iter().map(|n| to_rat(n, &den)).collect();
        assert_eq!(x, vec![Rat::new(1, 5), Rat::new(3, 5)]);
        // Transposed: [[2, 1], [1, 3]]^T = same (symmetric) -> same answer.
        let (num, den) = s.solve(&ints(&[1, 2]), true).unwrap();
        let x: Vec<Rat> = num.iter().map(|n| to_rat(n, &den)).collect();
        assert_eq!(x, vec![Rat::new(1, 5), Rat::new(3, 5)]);
        // Non-symmetric: [[1, 2], [0, 3]]^T y = [1, 1]: y1 = 1, 2 y1 + 3 y2 = 1 -> y2 = -1/3.
        let s = System::new(2, vec![vec![(0, 1), (1, 2)], vec![(1, 3)]]).unwrap();
        let (num, den) = s.solve(&ints(&[1, 1]), true).unwrap();
        let y: Vec<Rat> = num.iter().map(|n| to_rat(n, &den)).collect();
        assert_eq!(y, vec![Rat::ONE, Rat::new(-1, 3)]);
        // Singular: no factorisation.
        assert!(System::new(2, vec![vec![(0, 1), (1, 2)], vec![(0, 2), (1, 4)]]).is_none());
    }

    #[test]
    fn large_denominators_need_many_digits() {
        // Hilbert-like 6x6 scaled to integers: H_ij = L / (i + j + 1) with L = lcm(1..11).
        let l: i64 = 27720;
        let k = 6;
        let rows: Vec<Vec<(usize, i64)>> = (0..k)
            .map(|i| (0..k).map(|j| (j, l / (i + j + 1) as i64)).collect())
            .collect();
        let s = System::new(k, rows.clone()).unwrap();
        let b: Vec<Integer> = (0..k).map(|i| Integer::from(i as i64 * 7 - 3)).collect();
        let (num, den) = s.solve(&b, false).unwrap();
        // Check K x = b exactly, independently.
        for (i, row) in rows.iter().enumerate() {
            let mut acc = Rat::ZERO;
            for &(j, a) in row {
                acc += Rat::int(a) * to_rat(&num[j], &den);
            }
            assert_eq!(acc, Rat::int(i as i64 * 7 - 3));
        }
    }
}
