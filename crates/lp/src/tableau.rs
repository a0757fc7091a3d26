//! The condensed simplex tableau and its exchange pivot.
//!
//! Row `i < m` expresses the basic variable of row `i` in the nonbasic ones:
//! `z_B(i) = Σ_j T[i][j] z_N(j)`. The extra last row holds the reduced costs:
//! `objective = Σ_j T[m][j] z_N(j) + const`. Storage is dense and row-major; the pivot
//! only touches rows with a nonzero in the pivot column and, in them, only the columns
//! where the pivot row is nonzero.

use mechcert_num::Rat;

pub(crate) struct Tableau {
    rows: usize,
    cols: usize,
    a: Vec<Rat>,
    /// Scratch: the nonzeros of the new pivot row.
    pivot_row: Vec<(usize, Rat)>,
}

impl Tableau {
    pub fn zeros(rows: usize, cols: usize) -> Tableau {
        Tableau {
            rows,
            cols,
            a: vec![Rat::ZERO; rows * cols],
            pivot_row: Vec::with_capacity(cols),
        }
    }

    pub fn get(&self, i: usize, j: usize) -> &Rat {
        &self.a[i * self.cols + j]
    }

    pub fn set(&mut self, i: usize, j: usize, v: Rat) {
        self.a[i * self.cols + j] = v;
    }

    pub fn row(&self, i: usize) -> &[Rat] {
        &self.a[i * self.cols..(i + 1) * self.cols]
    }

    /// Number of nonzeros in row `i`.
    pub fn row_nnz(&self, i: usize) -> usize {
        self.row(i).iter().filter(|v| !v.is_zero()).count()
    }

    /// Exchange the basic variable of row `p` with the nonbasic variable of column `q`
    /// (requires `T[p][q] != 0`). Afterwards column `q` stands for the old basic variable
    /// and row `p` for the old nonbasic one.
    pub fn pivot(&mut self, p: usize, q: usize) {
        let cols = self.cols;
        let inv = self.a[p * cols + q]
            .recip()
            .expect("pivot on a zero element");
        // New pivot row: z_N(q) = (z_B(p) - Σ_{j≠q} T[p][j] z_N(j)) / T[p][q].
        self.pivot_row.clear();
        {
            let prow = &mut self.a[p * cols..(p + 1) * cols];
            for (j, e) in prow.iter_mut().enumerate() {
                if j != q && !e.is_zero() {
                    let v = -(&*e * &inv);
                    self.pivot_row.push((j, v.clone()));
                    *e = v;
                }
            }
            prow[q] = inv.clone();
        }
        for i in 0..self.rows {
            if i == p {
                continue;
            }
            let row = &mut self.a[i * cols..(i + 1) * cols];
            if row[q].is_zero() {
                continue;
            }
            let f = std::mem::take(&mut row[q]);
            for (j, r) in &self.pivot_row {
                row[*j] += &f * r;
            }
            row[q] = &f * &inv;
        }
    }
}
