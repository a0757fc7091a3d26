//! The condensed simplex tableau in fraction-free form, and its exchange pivot.
//!
//! Row `i < m` expresses the basic variable of row `i` in the nonbasic ones:
//! `z_B(i) = Σ_j T[i][j] z_N(j)`. The extra last row holds the reduced costs:
//! `objective = Σ_j T[m][j] z_N(j) + const`.
//!
//! Each row is stored as integers over one positive common denominator,
//! `T[i][j] = num[i][j] / den[i]`, with `gcd(den[i], num[i][..]) = 1`. A pivot then costs
//! two integer products per entry (no per-entry gcd or division, as rationals would need)
//! plus one content gcd per row, which usually stops early. Storage is dense and
//! row-major; rows with a zero in the pivot column are not touched, and when the pivot
//! row's denominator divides the multiplier only the pivot row's nonzero columns are.

use std::cmp::Ordering;

use mechcert_num::{Int, Rat, reduce_content};

use crate::kernel::combine_small;

pub(crate) struct Tableau {
    rows: usize,
    cols: usize,
    num: Vec<Int>,
    den: Vec<Int>,
    /// Number of nonzeros of each row.
    nnz: Vec<usize>,
    /// Scratch: the nonzero columns of the new pivot row.
    nz: Vec<usize>,
    /// Scratch for the `i128` row kernel.
    buf: Vec<i128>,
}

impl Tableau {
    pub fn zeros(rows: usize, cols: usize) -> Tableau {
        Tableau {
            rows,
            cols,
            num: vec![Int::ZERO; rows * cols],
            den: vec![Int::ONE; rows],
            nnz: vec![0; rows],
            nz: Vec::with_capacity(cols),
            buf: Vec::with_capacity(cols),
        }
    }

    /// Set row `i` to the given rationals (dense, length `cols`).
    pub fn set_row(&mut self, i: usize, values: &[Rat]) {
        debug_assert_eq!(values.len(), self.cols);
        let parts: Vec<(Int, Int)> = values.iter().map(Int::parts).collect();
        let mut den = Int::ONE;
        for (_, d) in &parts {
            if !d.is_one() {
                let g = den.gcd(d);
                den = &den * &d.div_exact(&g);
            }
        }
        let row = &mut self.num[i * self.cols..(i + 1) * self.cols];
        for (e, (n, d)) in row.iter_mut().zip(&parts) {
            *e = if n.is_zero() {
                Int::ZERO
            } else {
                &den.div_exact(d) * n
            };
        }
        self.den[i] = den;
        self.count(i);
    }

    fn count(&mut self, i: usize) {
        self.nnz[i] = self.row_num(i).iter().filter(|v| !v.is_zero()).count();
    }

    /// Bit size of the stored numerator and denominator of `T[i][j]` (a cost measure).
    pub fn entry_bits(&self, i: usize, j: usize) -> u64 {
        self.num[i * self.cols + j].bit_size() + self.den[i].bit_size()
    }

    /// The exact value `T[i][j]`.
    pub fn entry(&self, i: usize, j: usize) -> Rat {
        let n = &self.num[i * self.cols + j];
        if n.is_zero() {
            Rat::ZERO
        } else {
            Int::ratio(n, &self.den[i])
        }
    }

    pub fn is_zero(&self, i: usize, j: usize) -> bool {
        self.num[i * self.cols + j].is_zero()
    }

    /// Sign of `T[i][j]`.
    pub fn sign(&self, i: usize, j: usize) -> Ordering {
        self.num[i * self.cols + j].signum()
    }

    /// The numerators of row `i` (over the positive denominator [`Tableau::den`]).
    pub fn row_num(&self, i: usize) -> &[Int] {
        &self.num[i * self.cols..(i + 1) * self.cols]
    }

    /// `den[i] / |num[i][j]|`, i.e. `1 / |T[i][j]|` (requires a nonzero entry).
    pub fn inv_abs_entry(&self, i: usize, j: usize) -> Rat {
        Int::ratio(&self.den[i], &self.num[i * self.cols + j].abs())
    }

    /// Largest bit size of any stored numerator or denominator.
    pub fn max_bits(&self) -> u64 {
        self.num
            .iter()
            .chain(&self.den)
            .map(Int::bit_size)
            .max()
            .unwrap_or(0)
    }

    /// Number of nonzeros in row `i`.
    pub fn row_nnz(&self, i: usize) -> usize {
        self.nnz[i]
    }

    /// `Σ_k s_k T[i_k][..]` for signs `s_k = +1` (`true`) or `-1`, as numerators over one
    /// positive denominator.
    pub fn signed_sum(&self, terms: &[(usize, bool)]) -> (Vec<Int>, Int) {
        let mut acc = vec![Int::ZERO; self.cols];
        let mut den = Int::ONE;
        for &(i, plus) in terms {
            let d = &self.den[i];
            let g = den.gcd(d);
            let scale_acc = d.div_exact(&g);
            let mut scale_row = den.div_exact(&g);
            if !plus {
                scale_row = -scale_row;
            }
            for (a, r) in acc.iter_mut().zip(self.row_num(i)) {
                if r.is_zero() {
                    if !a.is_zero() && !scale_acc.is_one() {
                        *a = &*a * &scale_acc;
                    }
                } else {
                    *a = a.mul_sub(&scale_acc, &-&scale_row, r);
                }
            }
            den = &den * &scale_acc;
        }
        (acc, den)
    }

    /// Divide row `i` by the gcd of its denominator and numerators.
    fn normalize(&mut self, i: usize) {
        let cols = self.cols;
        reduce_content(&mut self.den[i], &mut self.num[i * cols..(i + 1) * cols]);
    }

    /// Exchange the basic variable of row `p` with the nonbasic variable of column `q`
    /// (requires `T[p][q] != 0`). Afterwards column `q` stands for the old basic variable
    /// and row `p` for the old nonbasic one.
    pub fn pivot(&mut self, p: usize, q: usize) {
        let cols = self.cols;
        let piv = self.num[p * cols + q].clone();
        assert!(!piv.is_zero(), "pivot on a zero element");
        // New pivot row: z_N(q) = (z_B(p) - Σ_{j≠q} T[p][j] z_N(j)) / T[p][q], i.e. entries
        // -num[p][j] (j ≠ q) and den[p] (at q), all over num[p][q]; keep the denominator
        // positive.
        let flip = piv.is_negative();
        self.nz.clear();
        {
            let prow = &mut self.num[p * cols..(p + 1) * cols];
            for (j, e) in prow.iter_mut().enumerate() {
                if j != q && !e.is_zero() {
                    if !flip {
                        *e = -&*e;
                    }
                    self.nz.push(j);
                }
            }
            prow[q] = if flip {
                -&self.den[p]
            } else {
                self.den[p].clone()
            };
        }
        self.den[p] = piv.abs();
        self.normalize(p);
        self.nnz[p] = self.nz.len() + 1;
        let dr = self.den[p].clone();
        for i in 0..self.rows {
            if i == p || self.num[i * cols + q].is_zero() {
                continue;
            }
            // T'[i][j] = T[i][j] + f R[j] (j ≠ q) and T'[i][q] = f R[q], with
            // f = F / den[i] = fr / df in lowest terms and R = NR / dr. Write
            // f R[j] = fr2 NR[j] / (df dr2) with g2 = gcd(fr, dr); the new denominator is
            // L = lcm(den[i], df dr2), so row i is scaled by L / den[i] (often 1: then only
            // the pivot row's nonzero columns change) and f R by L / (df dr2).
            let f = std::mem::take(&mut self.num[i * cols + q]);
            let di = &self.den[i];
            let g1 = f.gcd(di);
            let (fr, df) = (f.div_exact(&g1), di.div_exact(&g1));
            let g2 = fr.gcd(&dr);
            let (fr2, dr2) = (fr.div_exact(&g2), dr.div_exact(&g2));
            let b = &df * &dr2;
            let h = di.gcd(&b);
            let scale_row = b.div_exact(&h);
            let mult = &fr2 * &di.div_exact(&h);
            let new_den = di * &scale_row;
            let neg_mult = -&mult;
            let (before, rest) = self.num.split_at_mut(i * cols);
            let (row, after) = rest.split_at_mut(cols);
            let prow: &[Int] = if p < i {
                &before[p * cols..(p + 1) * cols]
            } else {
                &after[(p - i - 1) * cols..(p - i) * cols]
            };
            if scale_row.is_one() {
                for &j in &self.nz {
                    row[j] = row[j].mul_sub(&Int::ONE, &neg_mult, &prow[j]);
                }
            } else if let Some(den) =
                combine_small(row, prow, &self.den[i], &scale_row, &mult, &mut self.buf)
            {
                self.den[i] = den;
                self.count(i);
                continue;
            } else {
                for (j, e) in row.iter_mut().enumerate() {
                    let r = &prow[j];
                    if !r.is_zero() {
                        *e = e.mul_sub(&scale_row, &neg_mult, r);
                    } else if !e.is_zero() {
                        *e = &*e * &scale_row;
                    }
                }
            }
            row[q] = &mult * &prow[q];
            self.den[i] = new_den;
            self.normalize(i);
            self.count(i);
        }
    }
}
