//! The one floating-point module of mechcert: a sparse bounded primal simplex in `f64` whose
//! only output is a *proposed* basis (which variables are basic, and at which bound each
//! nonbasic variable sits). Nothing computed here is ever printed, written or returned as a
//! number: `exact.rs` rebuilds the proposed basis in exact arithmetic, proves it optimal
//! (or infeasible, or unbounded) or continues exactly from it, and the answer is checked by
//! `check_outcome`. A wrong proposal therefore costs time, never correctness.
//!
//! Form: the internal standard form of `form.rs` (`A x - r = 0`, bounds on `x` and on the row
//! activities `r`, maximise). The basis is kept as its *kernel*: the basic structural
//! columns `S` and the rows `T` whose activity is nonbasic (`|S| = |T|`); the rest of the
//! basis is the identity on the other rows' activities. Only the dense inverse of the kernel
//! `K = A[T, S]` is stored (`k x k`, `k <= rank A`), updated in `O(k^2)` per basis change
//! and refactorised periodically, so memory is the nonzeros of `A` plus `k^2`.
//!
//! Method: composite phase 1 (minimise the sum of infeasibilities) and phase 2, Dantzig
//! pricing, Harris' two-pass ratio test, all finite bounds relaxed by tiny random amounts to
//! break the massive degeneracy of the second-best LPs (the perturbation is removed at the
//! end and the simplex continues without it).
#![allow(
    clippy::float_arithmetic,
    clippy::float_cmp,
    clippy::cast_precision_loss,
    clippy::needless_range_loop
)]

use mechcert_num::{Rat, SplitMix64};

use crate::form::StdForm;

/// Where a variable of the proposed basis is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    Basic,
    Lower,
    Upper,
    /// A free nonbasic variable, at zero.
    Zero,
}

/// What the float solve found (to be proven or refuted exactly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Optimal,
    Infeasible,
    /// Nonbasic variable `var` can move (up if `up`) without bound.
    Unbounded {
        var: usize,
        up: bool,
    },
}

/// A proposed basis: one entry per variable of the standard form (`n` structural, then
/// `m` row activities), with `|basic| = m`.
#[derive(Clone, Debug)]
pub(crate) struct Proposal {
    pub at: Vec<At>,
    pub verdict: Verdict,
    pub iterations: usize,
}

const INF: f64 = f64::INFINITY;
const FEAS_TOL: f64 = 1e-7;
/// Bound relaxation of Harris' first pass (below the feasibility tolerance).
const HARRIS_TOL: f64 = 1e-9;
const DUAL_TOL: f64 = 1e-9;
const PIV_TOL: f64 = 1e-9;
const REFACTOR_EVERY: usize = 64;

/// A rational as the nearest-ish `f64` (only to propose a basis).
pub(crate) fn approx(r: &Rat) -> f64 {
    if let Some((n, d)) = r.to_i64_pair() {
        return n as f64 / d as f64;
    }
    let (ns, ds) = (r.numer_string(), r.denom_string());
    let (n, d) = (
        ns.parse::<f64>().unwrap_or(0.0),
        ds.parse::<f64>().unwrap_or(1.0),
    );
    if n.is_finite() && d.is_finite() {
        n / d
    } else {
        // Both huge: compare digit counts.
        let e = ns.trim_start_matches('-').len() as i32 - ds.len() as i32;
        let lead = |s: &str| {
            s.trim_start_matches('-')
                .get(..15)
                .unwrap_or("1")
                .parse::<f64>()
                .unwrap_or(1.0)
        };
        let v = lead(&ns) / lead(&ds)
            * 10f64.powi(
                e - (ns.trim_start_matches('-').len().min(15) as i32 - ds.len().min(15) as i32),
            );
        if ns.starts_with('-') { -v } else { v }
    }
}

/// The sparse `f64` data of a standard form.
pub(crate) struct FloatLp {
    n: usize,
    m: usize,
    col_start: Vec<usize>,
    col_row: Vec<usize>,
    col_val: Vec<f64>,
    row_start: Vec<usize>,
    row_col: Vec<usize>,
    row_val: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    cost: Vec<f64>,
}

impl FloatLp {
    pub fn new(f: &StdForm) -> FloatLp {
        let (n, m) = (f.n, f.m);
        let mut row_start = vec![0];
        let mut row_col = Vec::new();
        let mut row_val = Vec::new();
        let mut count = vec![0usize; n];
        for row in &f.rows {
            for (j, a) in row {
                row_col.push(*j);
                row_val.push(approx(a));
                count[*j] += 1;
            }
            row_start.push(row_col.len());
        }
        let mut col_start = vec![0usize; n + 1];
        for j in 0..n {
            col_start[j + 1] = col_start[j] + count[j];
        }
        let mut fill = col_start.clone();
        let mut col_row = vec![0usize; row_col.len()];
        let mut col_val = vec![0f64; row_col.len()];
        for i in 0..m {
            for k in row_start[i]..row_start[i + 1] {
                let j = row_col[k];
                col_row[fill[j]] = i;
                col_val[fill[j]] = row_val[k];
                fill[j] += 1;
            }
        }
        let lo =
            f.lo.iter()
                .map(|b| b.as_ref().map_or(-INF, approx))
                .collect();
        let hi =
            f.hi.iter()
                .map(|b| b.as_ref().map_or(INF, approx))
                .collect();
        let cost = f.cost[..n].iter().map(approx).collect();
        FloatLp {
            n,
            m,
            col_start,
            col_row,
            col_val,
            row_start,
            row_col,
            row_val,
            lo,
            hi,
            cost,
        }
    }

    fn col(&self, j: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        (self.col_start[j]..self.col_start[j + 1]).map(|k| (self.col_row[k], self.col_val[k]))
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        (self.row_start[i]..self.row_start[i + 1]).map(|k| (self.row_col[k], self.row_val[k]))
    }
}

const NONE: usize = usize::MAX;

/// A uniform number in [0, 1) from the generator, for the bound perturbation (deterministic).
fn next_rand(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

struct Simplex<'a> {
    lp: &'a FloatLp,
    lo: Vec<f64>,
    hi: Vec<f64>,
    val: Vec<f64>,
    at: Vec<At>,
    /// Basic structural column of each kernel column slot.
    s_of: Vec<usize>,
    /// Kernel row slot of each structural (NONE when nonbasic).
    slot_s: Vec<usize>,
    /// Row of each kernel row slot (rows whose activity is nonbasic).
    t_of: Vec<usize>,
    slot_t: Vec<usize>,
    /// Dense kernel inverse, `kinv[s * cap + t]`.
    kinv: Vec<f64>,
    cap: usize,
    since_refactor: usize,
    iterations: usize,
    /// Scratch, length m.
    acc: Vec<f64>,
    mark: Vec<bool>,
    /// Scratch, length n.
    acc_n: Vec<f64>,
    /// Devex reference weights, length n + m.
    weight: Vec<f64>,
    /// Duals and reduced costs still valid after a bound flip (phase 2).
    cached: Option<(Vec<f64>, Vec<f64>)>,
    max_kernel: usize,
}

enum Step {
    Done,
    /// The kernel became numerically singular: no proposal.
    Failed,
    Unbounded(usize, bool),
}

impl<'a> Simplex<'a> {
    fn new(lp: &'a FloatLp, lo: Vec<f64>, hi: Vec<f64>, max_kernel: usize) -> Self {
        let (n, m) = (lp.n, lp.m);
        let mut at = vec![At::Basic; n + m];
        let mut val = vec![0.0; n + m];
        for j in 0..n {
            (at[j], val[j]) = if lo[j] > -INF {
                (At::Lower, lo[j])
            } else if hi[j] < INF {
                (At::Upper, hi[j])
            } else {
                (At::Zero, 0.0)
            };
        }
        let mut s = Simplex {
            lp,
            lo,
            hi,
            val,
            at,
            s_of: vec![],
            slot_s: vec![NONE; n],
            t_of: vec![],
            slot_t: vec![NONE; m],
            kinv: vec![],
            cap: 0,
            since_refactor: 0,
            iterations: 0,
            acc: vec![0.0; m],
            mark: vec![false; m],
            acc_n: vec![0.0; n],
            weight: vec![1.0; n + m],
            cached: None,
            max_kernel,
        };
        s.row_values();
        s
    }

    fn k(&self) -> usize {
        self.s_of.len()
    }

    fn row_values(&mut self) {
        let (n, m) = (self.lp.n, self.lp.m);
        for i in 0..m {
            let v: f64 = self.lp.row(i).map(|(j, a)| a * self.val[j]).sum();
            self.val[n + i] = v;
        }
    }

    /// Recompute the kernel inverse from `A` and every basic value from the nonbasic ones.
    /// `false` if the kernel is (numerically) singular.
    fn refactor(&mut self) -> bool {
        let k = self.k();
        let n = self.lp.n;
        self.cap = k.max(self.cap).max(16);
        let cap = self.cap;
        let mut a = vec![0.0; k * k];
        for t in 0..k {
            for (j, v) in self.lp.row(self.t_of[t]) {
                let s = self.slot_s[j];
                if s != NONE {
                    a[t * k + s] = v;
                }
            }
        }
        // Gauss-Jordan with partial pivoting: a (k x k) -> identity, inv accumulates.
        // inv is stored as kinv[s * cap + t] = (K^{-1})[s][t]: K is indexed [t][s].
        let mut inv = vec![0.0; k * k];
        for i in 0..k {
            inv[i * k + i] = 1.0;
        }
        // Work on rows of K (index t) mapped to columns (index s): we invert K (t x s).
        let mut perm: Vec<usize> = (0..k).collect();
        for c in 0..k {
            let mut best = c;
            let mut bv = a[perm[c] * k + c].abs();
            for (r, &pr) in perm.iter().enumerate().skip(c + 1) {
                let v = a[pr * k + c].abs();
                if v > bv {
                    bv = v;
                    best = r;
                }
            }
            if bv < 1e-11 {
                return false;
            }
            perm.swap(c, best);
            let pr = perm[c];
            let piv = a[pr * k + c];
            for j in 0..k {
                a[pr * k + j] /= piv;
                inv[pr * k + j] /= piv;
            }
            for r in 0..k {
                if r == pr {
                    continue;
                }
                let f = a[r * k + c];
                if f != 0.0 {
                    for j in 0..k {
                        a[r * k + j] -= f * a[pr * k + j];
                        inv[r * k + j] -= f * inv[pr * k + j];
                    }
                }
            }
        }
        // Row perm[c] of the reduced system now holds e_c: x_c = Σ_t inv[perm[c]][t] b_t.
        self.kinv = vec![0.0; cap * cap];
        for s in 0..k {
            let pr = perm[s];
            for t in 0..k {
                self.kinv[s * cap + t] = inv[pr * k + t];
            }
        }
        self.since_refactor = 0;
        // Basic values: K x_S = r_T - A[T, N] x_N.
        let mut rhs = vec![0.0; k];
        for (t, r) in rhs.iter_mut().enumerate() {
            let i = self.t_of[t];
            let mut v = self.val[n + i];
            for (j, aij) in self.lp.row(i) {
                if self.slot_s[j] == NONE {
                    v -= aij * self.val[j];
                }
            }
            *r = v;
        }
        for s in 0..k {
            let v: f64 = (0..k).map(|t| self.kinv[s * cap + t] * rhs[t]).sum();
            self.val[self.s_of[s]] = v;
        }
        for i in 0..self.lp.m {
            if self.at[n + i] == At::Basic {
                let v: f64 = self.lp.row(i).map(|(j, a)| a * self.val[j]).sum();
                self.val[n + i] = v;
            }
        }
        true
    }

    fn infeasibility(&self, v: usize) -> i8 {
        if self.val[v] < self.lo[v] - FEAS_TOL {
            1
        } else if self.val[v] > self.hi[v] + FEAS_TOL {
            -1
        } else {
            0
        }
    }

    /// Phase costs of the basic variables, the multipliers `pi` (length m) and whether this
    /// is phase 1.
    fn duals(&self, phase1: bool) -> Vec<f64> {
        let (n, m) = (self.lp.n, self.lp.m);
        let k = self.k();
        let cap = self.cap;
        let mut pi = vec![0.0; m];
        let mut w = vec![0.0; k];
        for s in 0..k {
            let j = self.s_of[s];
            w[s] = if phase1 {
                f64::from(self.infeasibility(j))
            } else {
                self.lp.cost[j]
            };
        }
        if phase1 {
            for i in 0..m {
                if self.at[n + i] != At::Basic {
                    continue;
                }
                let c = f64::from(self.infeasibility(n + i));
                if c != 0.0 {
                    pi[i] = -c;
                    for (j, a) in self.lp.row(i) {
                        let s = self.slot_s[j];
                        if s != NONE {
                            w[s] += a * c;
                        }
                    }
                }
            }
        }
        for (s, &ws) in w.iter().enumerate() {
            if ws != 0.0 {
                let row = &self.kinv[s * cap..s * cap + k];
                for (t, &v) in row.iter().enumerate() {
                    pi[self.t_of[t]] += v * ws;
                }
            }
        }
        pi
    }

    /// Reduced costs of the structural variables (`cost - A^T pi`, phase 1: `-A^T pi`).
    fn reduced(&self, pi: &[f64], phase1: bool) -> Vec<f64> {
        let mut d: Vec<f64> = if phase1 {
            vec![0.0; self.lp.n]
        } else {
            self.lp.cost.clone()
        };
        for (i, &p) in pi.iter().enumerate() {
            if p != 0.0 {
                for (j, a) in self.lp.row(i) {
                    d[j] -= a * p;
                }
            }
        }
        d
    }

    /// The entering variable and its direction (`true`: up), by Dantzig's rule.
    fn price(&self, d: &[f64], pi: &[f64]) -> Option<(usize, bool)> {
        let n = self.lp.n;
        let mut best: Option<(usize, bool, f64)> = None;
        let mut consider = |v: usize, dv: f64| {
            let up = match self.at[v] {
                At::Basic => return,
                _ if self.lo[v] == self.hi[v] => return,
                At::Lower => dv > DUAL_TOL,
                At::Upper => {
                    if dv < -DUAL_TOL {
                        false
                    } else {
                        return;
                    }
                }
                At::Zero => dv > 0.0,
            };
            if self.at[v] == At::Lower && !up {
                return;
            }
            if dv.abs() <= DUAL_TOL {
                return;
            }
            let score = dv * dv / self.weight[v];
            if best.is_none_or(|(_, _, b)| score > b) {
                best = Some((v, up, score));
            }
        };
        for (j, &dj) in d.iter().enumerate() {
            consider(j, dj);
        }
        for &i in &self.t_of {
            consider(n + i, pi[i]);
        }
        best.map(|(v, up, _)| (v, up))
    }

    /// `alpha = B^{-1} a_q` on the kernel slots (`alpha_s`) and on the basic row activities
    /// (in `self.acc`, with the list of touched rows).
    fn ftran(&mut self, q: usize) -> (Vec<f64>, Vec<(usize, f64)>) {
        let n = self.lp.n;
        let k = self.k();
        let cap = self.cap;
        let mut alpha_s = vec![0.0; k];
        if q < n {
            for (i, a) in self.lp.col(q) {
                let t = self.slot_t[i];
                if t != NONE {
                    for (s, al) in alpha_s.iter_mut().enumerate() {
                        *al += self.kinv[s * cap + t] * a;
                    }
                }
            }
        } else {
            let t = self.slot_t[q - n];
            for (s, al) in alpha_s.iter_mut().enumerate() {
                *al = -self.kinv[s * cap + t];
            }
        }
        let mut touched = Vec::new();
        for (s, &al) in alpha_s.iter().enumerate() {
            if al != 0.0 {
                for (i, a) in self.lp.col(self.s_of[s]) {
                    if !self.mark[i] {
                        self.mark[i] = true;
                        touched.push(i);
                    }
                    self.acc[i] += a * al;
                }
            }
        }
        if q < n {
            for (i, a) in self.lp.col(q) {
                if !self.mark[i] {
                    self.mark[i] = true;
                    touched.push(i);
                }
                self.acc[i] -= a;
            }
        }
        let mut rows = Vec::with_capacity(touched.len());
        for i in touched {
            self.mark[i] = false;
            if self.at[n + i] == At::Basic {
                rows.push((i, self.acc[i]));
            }
            self.acc[i] = 0.0;
        }
        (alpha_s, rows)
    }

    /// One iteration; `None` to continue.
    fn iterate(&mut self) -> Option<Step> {
        let n = self.lp.n;
        let phase1 =
            (0..n + self.lp.m).any(|v| self.at[v] == At::Basic && self.infeasibility(v) != 0);
        // After a bound flip in phase 2 the basis, and so the duals, are unchanged.
        let (pi, d) = match self.cached.take() {
            Some(c) if !phase1 => c,
            _ => {
                let pi = self.duals(phase1);
                let d = self.reduced(&pi, phase1);
                (pi, d)
            }
        };
        let Some((q, up)) = self.price(&d, &pi) else {
            return Some(Step::Done);
        };
        let (alpha_s, touched) = self.ftran(q);
        let dir = if up { 1.0 } else { -1.0 };
        // Candidates: (basic variable, rate of change per unit step).
        let mut cands: Vec<(usize, f64)> = Vec::with_capacity(alpha_s.len() + touched.len());
        for (s, &al) in alpha_s.iter().enumerate() {
            if al.abs() > PIV_TOL {
                cands.push((self.s_of[s], -dir * al));
            }
        }
        for &(i, al) in &touched {
            if al.abs() > PIV_TOL {
                cands.push((n + i, -dir * al));
            }
        }
        // Where each candidate blocks (distance to the bound it stops at).
        let target = |v: usize, rate: f64| -> Option<(f64, bool)> {
            let inf = self.infeasibility(v);
            if rate < 0.0 {
                match inf {
                    0 => (self.lo[v] > -INF).then(|| (self.val[v] - self.lo[v], false)),
                    -1 => Some((self.val[v] - self.hi[v], true)),
                    _ => None,
                }
            } else {
                match inf {
                    0 => (self.hi[v] < INF).then(|| (self.hi[v] - self.val[v], true)),
                    1 => Some((self.lo[v] - self.val[v], false)),
                    _ => None,
                }
            }
        };
        let mut theta_max = INF;
        for &(v, rate) in &cands {
            if let Some((dist, _)) = target(v, rate) {
                theta_max = theta_max.min((dist.max(0.0) + HARRIS_TOL) / rate.abs());
            }
        }
        let flip = self.hi[q] - self.lo[q];
        let mut leave: Option<(usize, f64, bool, f64)> = None;
        for &(v, rate) in &cands {
            if let Some((dist, upper)) = target(v, rate) {
                let ratio = dist.max(0.0) / rate.abs();
                if ratio <= theta_max && leave.is_none_or(|(_, r, _, _)| rate.abs() > r.abs()) {
                    leave = Some((v, rate, upper, ratio));
                }
            }
        }
        let theta = leave.map_or(INF, |(_, _, _, r)| r);
        if flip < INF && flip <= theta {
            // Bound flip.
            self.move_by(q, dir * flip, &alpha_s, &cands);
            self.at[q] = if up { At::Upper } else { At::Lower };
            self.val[q] = if up { self.hi[q] } else { self.lo[q] };
            self.cached = Some((pi, d));
            return None;
        }
        let Some((b, rate_b, upper, theta)) = leave else {
            return Some(Step::Unbounded(q, up));
        };
        self.devex(q, b, rate_b.abs());
        self.move_by(q, dir * theta, &alpha_s, &cands);
        self.at[b] = if upper { At::Upper } else { At::Lower };
        self.val[b] = if upper { self.hi[b] } else { self.lo[b] };
        self.at[q] = At::Basic;
        if (!self.exchange(q, b, &alpha_s) || self.since_refactor >= REFACTOR_EVERY)
            && !self.refactor()
        {
            return Some(Step::Failed);
        }
        None
    }

    /// Devex reference weights (Forrest and Goldfarb): with the pivot row `alpha_r` of the
    /// leaving variable `b` and pivot `|alpha_rq|`, `w_j = max(w_j, (alpha_rj/alpha_rq)^2 w_q)`
    /// and the leaving variable gets `max(w_q / alpha_rq^2, 1)`.
    fn devex(&mut self, q: usize, b: usize, pivot: f64) {
        let (n, m) = (self.lp.n, self.lp.m);
        let k = self.k();
        let cap = self.cap;
        // rho = e_b^T B^{-1}, on T rows (and -1 on row l when b = r_l).
        let mut rho: Vec<(usize, f64)> = Vec::with_capacity(k + 1);
        if b < n {
            let p = self.slot_s[b];
            for t in 0..k {
                let v = self.kinv[p * cap + t];
                if v != 0.0 {
                    rho.push((self.t_of[t], v));
                }
            }
        } else {
            let l = b - n;
            let g = self.row_times_kinv(l);
            for (t, &v) in g.iter().enumerate() {
                if v != 0.0 {
                    rho.push((self.t_of[t], v));
                }
            }
            rho.push((l, -1.0));
        }
        let wq = self.weight[q];
        let scale = wq / (pivot * pivot);
        for &(i, r) in &rho {
            for (j, a) in self.lp.row(i) {
                self.acc_n[j] += r * a;
            }
        }
        for j in 0..n {
            let a = self.acc_n[j];
            if a != 0.0 {
                self.acc_n[j] = 0.0;
                if self.at[j] != At::Basic {
                    self.weight[j] = self.weight[j].max(a * a * scale);
                }
            }
        }
        for &(i, r) in &rho {
            if i < m && self.at[n + i] != At::Basic && i != b.wrapping_sub(n) {
                self.weight[n + i] = self.weight[n + i].max(r * r * scale);
            }
        }
        self.weight[b] = scale.max(1.0);
        if self.weight.iter().any(|w| *w > 1e8) {
            self.weight.iter_mut().for_each(|w| *w = 1.0);
        }
    }

    fn move_by(&mut self, q: usize, delta: f64, _alpha_s: &[f64], cands: &[(usize, f64)]) {
        self.val[q] += delta;
        let step = delta.abs();
        for &(v, rate) in cands {
            self.val[v] += rate * step;
        }
    }

    /// Update the kernel inverse for `q` entering and `b` leaving. `false` when the update
    /// is numerically unsafe (the caller refactorises).
    fn exchange(&mut self, q: usize, b: usize, alpha_s: &[f64]) -> bool {
        let n = self.lp.n;
        let k = self.k();
        self.since_refactor += 1;
        let grow = |s: &mut Self| {
            if s.k() + 1 > s.cap {
                let newcap = (s.cap * 2).max(16);
                let mut nk = vec![0.0; newcap * newcap];
                for r in 0..s.k() {
                    nk[r * newcap..r * newcap + s.k()]
                        .copy_from_slice(&s.kinv[r * s.cap..r * s.cap + s.k()]);
                }
                s.kinv = nk;
                s.cap = newcap;
            }
        };
        match (q < n, b < n) {
            (true, true) => {
                // Column replacement: slot p of S gets q.
                let p = self.slot_s[b];
                let cap = self.cap;
                let up = alpha_s[p];
                if up.abs() < PIV_TOL {
                    self.replace_slot_s(p, q);
                    return false;
                }
                for t in 0..k {
                    self.kinv[p * cap + t] /= up;
                }
                for s in 0..k {
                    if s != p && alpha_s[s] != 0.0 {
                        let f = alpha_s[s];
                        for t in 0..k {
                            let v = self.kinv[p * cap + t];
                            self.kinv[s * cap + t] -= f * v;
                        }
                    }
                }
                self.replace_slot_s(p, q);
            }
            (true, false) => {
                // Grow: row l joins T, column q joins S.
                let l = b - n;
                if k + 1 > self.max_kernel {
                    return false;
                }
                grow(self);
                let cap = self.cap;
                let g = self.row_times_kinv(l);
                let aq: f64 = self
                    .lp
                    .col(q)
                    .filter(|&(i, _)| i == l)
                    .map(|(_, a)| a)
                    .sum();
                let ls: f64 = self
                    .lp
                    .row(l)
                    .filter_map(|(j, a)| {
                        let s = self.slot_s[j];
                        (s != NONE).then(|| a * alpha_s[s])
                    })
                    .sum();
                let sigma = aq - ls;
                if sigma.abs() < PIV_TOL {
                    self.push_slots(q, l);
                    return false;
                }
                for s in 0..k {
                    let us = alpha_s[s] / sigma;
                    if us != 0.0 {
                        for t in 0..k {
                            self.kinv[s * cap + t] += us * g[t];
                        }
                    }
                    self.kinv[s * cap + k] = -us;
                }
                for t in 0..k {
                    self.kinv[k * cap + t] = -g[t] / sigma;
                }
                self.kinv[k * cap + k] = 1.0 / sigma;
                self.push_slots(q, l);
            }
            (false, false) => {
                // Row replacement: slot p' of T (row q - n) gets row l.
                let (e, l) = (q - n, b - n);
                let pp = self.slot_t[e];
                let cap = self.cap;
                let g = self.row_times_kinv(l);
                let gp = g[pp];
                if gp.abs() < PIV_TOL {
                    self.replace_slot_t(pp, l);
                    return false;
                }
                let col: Vec<f64> = (0..k).map(|s| self.kinv[s * cap + pp]).collect();
                for s in 0..k {
                    let f = col[s] / gp;
                    if f != 0.0 {
                        for t in 0..k {
                            let gt = if t == pp { g[t] - 1.0 } else { g[t] };
                            self.kinv[s * cap + t] -= f * gt;
                        }
                    }
                }
                self.replace_slot_t(pp, l);
            }
            (false, true) => {
                // Shrink: row q - n leaves T, column b leaves S.
                let (e, p) = (q - n, self.slot_s[b]);
                let pp = self.slot_t[e];
                let cap = self.cap;
                let eta = self.kinv[p * cap + pp];
                if eta.abs() < PIV_TOL {
                    self.remove_slots(p, pp);
                    return false;
                }
                let rowp: Vec<f64> = (0..k).map(|t| self.kinv[p * cap + t]).collect();
                for s in 0..k {
                    if s == p {
                        continue;
                    }
                    let f = self.kinv[s * cap + pp] / eta;
                    if f != 0.0 {
                        for t in 0..k {
                            self.kinv[s * cap + t] -= f * rowp[t];
                        }
                    }
                }
                self.remove_slots(p, pp);
            }
        }
        true
    }

    /// `A[l, S] K^{-1}` (indexed by T slots).
    fn row_times_kinv(&self, l: usize) -> Vec<f64> {
        let k = self.k();
        let cap = self.cap;
        let mut g = vec![0.0; k];
        for (j, a) in self.lp.row(l) {
            let s = self.slot_s[j];
            if s != NONE {
                for (t, gt) in g.iter_mut().enumerate() {
                    *gt += a * self.kinv[s * cap + t];
                }
            }
        }
        g
    }

    fn replace_slot_s(&mut self, p: usize, q: usize) {
        let old = self.s_of[p];
        self.slot_s[old] = NONE;
        self.s_of[p] = q;
        self.slot_s[q] = p;
    }

    fn replace_slot_t(&mut self, p: usize, l: usize) {
        let old = self.t_of[p];
        self.slot_t[old] = NONE;
        self.t_of[p] = l;
        self.slot_t[l] = p;
    }

    fn push_slots(&mut self, q: usize, l: usize) {
        self.slot_s[q] = self.s_of.len();
        self.s_of.push(q);
        self.slot_t[l] = self.t_of.len();
        self.t_of.push(l);
    }

    /// Remove S slot `p` and T slot `pp`, moving the last slots into their places.
    fn remove_slots(&mut self, p: usize, pp: usize) {
        let k = self.k();
        let cap = self.cap;
        let last = k - 1;
        if p != last {
            for t in 0..k {
                self.kinv[p * cap + t] = self.kinv[last * cap + t];
            }
        }
        if pp != last {
            for s in 0..k {
                self.kinv[s * cap + pp] = self.kinv[s * cap + last];
            }
        }
        let (sj, ti) = (self.s_of[p], self.t_of[pp]);
        self.slot_s[sj] = NONE;
        self.slot_t[ti] = NONE;
        self.s_of.swap_remove(p);
        self.t_of.swap_remove(pp);
        if p < self.s_of.len() {
            self.slot_s[self.s_of[p]] = p;
        }
        if pp < self.t_of.len() {
            self.slot_t[self.t_of[pp]] = pp;
        }
    }

    /// Run to the end: `(step, still_infeasible)`, or `None` if the iteration limit was hit
    /// or the basis became singular.
    fn run(&mut self, limit: usize) -> Option<(Step, bool)> {
        let n = self.lp.n;
        while self.iterations < limit {
            self.iterations += 1;
            if let Some(step) = self.iterate() {
                let infeasible = (0..n + self.lp.m)
                    .any(|v| self.at[v] == At::Basic && self.infeasibility(v) != 0);
                return Some((step, infeasible));
            }
        }
        None
    }
}

/// Propose a basis for `f`. `None` when the float solve gives up (iteration limit,
/// numerically singular kernel, or a kernel above `max_kernel`).
pub(crate) fn propose(f: &StdForm, max_kernel: usize) -> Option<Proposal> {
    let lp = FloatLp::new(f);
    let (n, m) = (lp.n, lp.m);
    let mut seed = SplitMix64::new(0x5EED_u64 ^ ((n as u64) << 32) ^ m as u64);
    let mut lo = lp.lo.clone();
    let mut hi = lp.hi.clone();
    for v in 0..n + m {
        if lo[v] == hi[v] {
            continue;
        }
        let scale = 1e-7;
        if lo[v] > -INF {
            lo[v] -= scale * (1.0 + lo[v].abs()) * (1.0 + next_rand(&mut seed));
        }
        if hi[v] < INF {
            hi[v] += scale * (1.0 + hi[v].abs()) * (1.0 + next_rand(&mut seed));
        }
    }
    let limit = 50 * (n + m) + 10_000;
    let mut s = Simplex::new(&lp, lo, hi, max_kernel);
    let first = s.run(limit)?;
    // Remove the perturbation: nonbasic variables go to their true bounds, basic values are
    // recomputed, and the simplex continues (usually a few iterations).
    s.lo = lp.lo.clone();
    s.hi = lp.hi.clone();
    for v in 0..n + m {
        s.val[v] = match s.at[v] {
            At::Lower => s.lo[v],
            At::Upper => s.hi[v],
            At::Zero => 0.0,
            At::Basic => s.val[v],
        };
    }
    if !s.refactor() {
        return None;
    }
    if matches!(first.0, Step::Failed) {
        return None;
    }
    let (step, infeasible) = s.run(limit + s.iterations)?;
    let verdict = match step {
        Step::Failed => return None,
        Step::Done if infeasible => Verdict::Infeasible,
        Step::Done => Verdict::Optimal,
        Step::Unbounded(var, up) => Verdict::Unbounded { var, up },
    };
    Some(Proposal {
        at: s.at,
        verdict,
        iterations: s.iterations,
    })
}
