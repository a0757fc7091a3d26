//! The bounded-variable primal simplex on the condensed tableau, in exact rationals.
//!
//! Start: every row activity basic, every structural variable nonbasic at a finite bound
//! (its lower one if it has one) or, if free, at zero. A crash then pivots free variables
//! into the basis against rows that sit at a bound (this does not move the point).
//!
//! Phase 1 ("composite") maximises minus the sum of infeasibilities of the basic row
//! activities, with the linearised cost `+1` on a basic variable below its lower bound and
//! `-1` above its upper bound; the ratio test stops at the first breakpoint, so feasible
//! variables stay feasible and an infeasible one leaves the basis at the bound it reaches.
//! Structural variables are therefore always within their bounds.
//!
//! Pricing: Dantzig's order, refined by ratio-testing a shortlist of the best columns and
//! taking the largest improvement; ratio ties go to the sparsest row (cheapest pivot, least
//! fill-in), then the smallest pivot element.
//!
//! Termination: a nondegenerate step strictly improves the phase objective (phase 1: the
//! sum of infeasibilities, which is a function of the basis), so no basis repeats across
//! nondegenerate steps. During a run of degenerate steps no value changes, so the phase-1
//! cost is fixed and the run is the simplex method on one fixed LP; after
//! `bland_after` degenerate pivots the rule switches to Bland's (smallest index enters,
//! smallest index among ratio ties leaves), which cannot cycle, so every run ends.

use std::cmp::Ordering;

use mechcert_num::{Int, Rat};

use crate::certify;
use crate::float::At;
use crate::form::StdForm;
use crate::options::{Options, Pricing, Stats};
use crate::problem::Outcome;
use crate::tableau::Tableau;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Basic(usize),
    Nonbasic(usize),
}

/// Which way the entering variable moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Up,
    Down,
}

/// How a step ends.
enum Block {
    /// The entering variable reaches its other bound: no basis change.
    Flip,
    /// The basic variable of this row reaches a bound (`true`: its upper one) and leaves.
    Row(usize, bool),
}

/// A chosen entering column, its direction and its ratio test (`None`: nothing blocks).
type Step = (usize, Dir, Option<(Rat, Block)>);

/// Infeasibility status of a basic variable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Below,
    Ok,
    Above,
}

pub(crate) struct Solver<'a> {
    pub f: &'a StdForm,
    /// `m + 1` rows: constraint rows and the phase-2 reduced costs.
    pub t: Tableau,
    pub basic: Vec<usize>,
    pub nonbasic: Vec<usize>,
    pub place: Vec<Place>,
    /// Current value of all `n + m` variables.
    pub val: Vec<Rat>,
    opts: &'a Options,
    pub stats: Stats,
    bland: bool,
    bland_after: usize,
    degenerate_run: usize,
}

impl<'a> Solver<'a> {
    pub fn new(f: &'a StdForm, opts: &'a Options) -> Solver<'a> {
        let (n, m) = (f.n, f.m);
        let mut t = Tableau::zeros(m + 1, n);
        let mut dense = vec![Rat::ZERO; n];
        for (i, row) in f.rows.iter().enumerate() {
            dense.iter_mut().for_each(|v| *v = Rat::ZERO);
            for (j, a) in row {
                dense[*j] = a.clone();
            }
            t.set_row(i, &dense);
        }
        t.set_row(m, &f.cost[..n]);
        let mut val = vec![Rat::ZERO; n + m];
        for (j, v) in val.iter_mut().enumerate().take(n) {
            if let Some(l) = &f.lo[j] {
                *v = l.clone();
            } else if let Some(u) = &f.hi[j] {
                *v = u.clone();
            }
        }
        for (i, row) in f.rows.iter().enumerate() {
            let mut s = Rat::ZERO;
            for (j, a) in row {
                if !val[*j].is_zero() {
                    s += a * &val[*j];
                }
            }
            val[n + i] = s;
        }
        let place = (0..n)
            .map(Place::Nonbasic)
            .chain((0..m).map(Place::Basic))
            .collect();
        Solver {
            f,
            t,
            basic: (n..n + m).collect(),
            nonbasic: (0..n).collect(),
            place,
            val,
            opts,
            stats: Stats::default(),
            bland: opts.pricing == Pricing::Bland,
            bland_after: opts.bland_after.unwrap_or(100.max(n + m)),
            degenerate_run: 0,
        }
    }

    /// Start from a proposed basis (the float solve's, or any other): nonbasic structural
    /// variables at the bound the proposal names, each proposed basic structural variable
    /// pivoted in against a row whose activity the proposal makes nonbasic (sparsest row
    /// first), then every nonbasic variable moved exactly to its bound. Phase 1 and 2 then
    /// continue from there. `None` if a basic structural variable ends outside its bounds
    /// (phase 1 keeps structural variables feasible; the caller starts cold instead).
    #[allow(clippy::needless_range_loop)]
    pub fn new_warm(f: &'a StdForm, opts: &'a Options, at: &[At]) -> Option<Solver<'a>> {
        let (n, m) = (f.n, f.m);
        let mut s = Solver::new(f, opts);
        let bound_of = |v: usize, a: At| -> Option<Rat> {
            match a {
                At::Lower => f.lo[v].clone(),
                At::Upper => f.hi[v].clone(),
                At::Zero => Some(Rat::ZERO),
                At::Basic => None,
            }
        };
        for j in 0..n {
            if let Some(v) = bound_of(j, at[j]) {
                s.val[j] = v;
            }
        }
        for (i, row) in f.rows.iter().enumerate() {
            let mut v = Rat::ZERO;
            for (j, a) in row {
                if !s.val[*j].is_zero() {
                    v += a * &s.val[*j];
                }
            }
            s.val[n + i] = v;
        }
        for j in 0..n {
            if at[j] != At::Basic {
                continue;
            }
            let Place::Nonbasic(q) = s.place[j] else {
                continue;
            };
            let mut best: Option<(usize, usize)> = None;
            for p in 0..m {
                let b = s.basic[p];
                if b < n || at[b] == At::Basic || s.t.is_zero(p, q) {
                    continue;
                }
                let nnz = s.t.row_nnz(p);
                if best.is_none_or(|(_, k)| nnz < k) {
                    best = Some((p, nnz));
                }
            }
            if let Some((p, _)) = best {
                s.exchange(p, q);
            }
        }
        for v in 0..n + m {
            let Place::Nonbasic(q) = s.place[v] else {
                continue;
            };
            let target = bound_of(v, at[v])
                .or_else(|| f.lo[v].clone())
                .or_else(|| f.hi[v].clone())
                .unwrap_or(Rat::ZERO);
            let delta = &target - &s.val[v];
            if delta.is_zero() {
                continue;
            }
            s.val[v] = target;
            for i in 0..m {
                if !s.t.is_zero(i, q) {
                    let d = &delta * &s.t.entry(i, q);
                    s.val[s.basic[i]] += d;
                }
            }
        }
        let feasible_structurals = s.basic.iter().all(|&b| b >= n || s.status(b) == Status::Ok);
        feasible_structurals.then_some(s)
    }

    pub fn run(mut self) -> (Outcome, Stats) {
        self.crash_free();
        let out = match self.phase1() {
            Some(y) => certify::infeasible(&self, y),
            None => match self.phase2() {
                None => certify::optimal(&self),
                Some((q, dir)) => certify::unbounded(&self, q, dir == Dir::Up),
            },
        };
        self.stats.final_nnz = (0..=self.f.m).map(|i| self.t.row_nnz(i)).sum();
        self.stats.tableau_size = (self.f.m + 1) * self.f.n;
        self.stats.tableau_max_bits = self.t.max_bits();
        (out, self.stats)
    }

    fn status(&self, v: usize) -> Status {
        let x = &self.val[v];
        if self.f.lo[v].as_ref().is_some_and(|l| x < l) {
            Status::Below
        } else if self.f.hi[v].as_ref().is_some_and(|u| x > u) {
            Status::Above
        } else {
            Status::Ok
        }
    }

    fn at_bound(&self, v: usize) -> bool {
        let x = &self.val[v];
        self.f.lo[v].as_ref() == Some(x) || self.f.hi[v].as_ref() == Some(x)
    }

    /// Pivot each free structural variable into the basis against a row whose basic
    /// variable is at a bound (the point does not move), choosing the sparsest such row.
    fn crash_free(&mut self) {
        let m = self.f.m;
        for v in 0..self.f.n {
            if !self.f.is_free(v) {
                continue;
            }
            let Place::Nonbasic(q) = self.place[v] else {
                continue;
            };
            let mut best: Option<(usize, usize)> = None;
            for i in 0..m {
                let b = self.basic[i];
                if self.t.is_zero(i, q) || self.f.is_free(b) || !self.at_bound(b) {
                    continue;
                }
                let nnz = self.t.row_nnz(i);
                if best.is_none_or(|(_, k)| nnz < k) {
                    best = Some((i, nnz));
                }
            }
            if let Some((p, _)) = best {
                self.exchange(p, q);
                self.stats.crash_pivots += 1;
            }
        }
    }

    /// Swap the basic variable of row `p` and the nonbasic variable of column `q`.
    fn exchange(&mut self, p: usize, q: usize) {
        self.t.pivot(p, q);
        let (b, nb) = (self.basic[p], self.nonbasic[q]);
        self.basic[p] = nb;
        self.nonbasic[q] = b;
        self.place[nb] = Place::Basic(p);
        self.place[b] = Place::Nonbasic(q);
    }

    /// The nonbasic columns that can improve for reduced costs `d` (numerators over one
    /// positive denominator, one per column), with their direction.
    fn eligible(&self, d: &[Int]) -> Vec<(usize, Dir)> {
        let mut out = Vec::new();
        for (j, dj) in d.iter().enumerate() {
            let dir = match dj.signum() {
                Ordering::Equal => continue,
                Ordering::Greater => Dir::Up,
                Ordering::Less => Dir::Down,
            };
            let v = self.nonbasic[j];
            let movable = match dir {
                Dir::Up => self.f.hi[v].as_ref().is_none_or(|u| self.val[v] < *u),
                Dir::Down => self.f.lo[v].as_ref().is_none_or(|l| self.val[v] > *l),
            };
            if movable {
                out.push((j, dir));
            }
        }
        out
    }

    /// The next step for reduced costs `d`: the entering column, its direction and its ratio
    /// test (`None` inside: nothing blocks), or `None` if no column can improve.
    ///
    /// Bland mode: the smallest eligible variable index. Otherwise the `shortlist` columns
    /// with the largest `|d_j|` (Dantzig's order) are ratio-tested and the one that improves
    /// the objective most (`theta |d_j|`) enters; ties, including the all-degenerate case,
    /// go to Dantzig's order.
    fn choose_step(&self, d: &[Int]) -> Option<Step> {
        let mut cands = self.eligible(d);
        if cands.is_empty() {
            return None;
        }
        if self.bland {
            let &(q, dir) = cands.iter().min_by_key(|(j, _)| self.nonbasic[*j])?;
            return Some((q, dir, self.ratio_test(q, dir, false)));
        }
        let order = |&(j, _): &(usize, Dir), &(k, _): &(usize, Dir)| {
            d[k].abs()
                .cmp(&d[j].abs())
                .then(self.nonbasic[j].cmp(&self.nonbasic[k]))
        };
        let k = self.opts.shortlist.max(1).min(cands.len());
        if k < cands.len() {
            cands.select_nth_unstable_by(k - 1, order);
            cands.truncate(k);
        }
        cands.sort_by(order);
        // Score with the quick ratio test (which stops at the first zero step), then run the
        // full one (with its tie-breaking) for the winner only.
        let mut best: Option<(usize, Dir, Rat)> = None;
        for (q, dir) in cands {
            let Some((theta, _)) = self.ratio_test(q, dir, true) else {
                return Some((q, dir, None));
            };
            let gain = &theta * &d[q].abs().to_rat();
            if best.as_ref().is_none_or(|(_, _, g)| gain > *g) {
                best = Some((q, dir, gain));
            }
        }
        best.map(|(q, dir, _)| (q, dir, self.ratio_test(q, dir, false)))
    }

    /// Ratio test for column `q` moving in `dir`. In phase 1 infeasible basic variables
    /// block where they become feasible. `None`: nothing blocks (unbounded direction).
    ///
    /// `quick`: return as soon as a zero step is found (the blocking row is then not the
    /// tie-broken one); used to score candidates.
    fn ratio_test(&self, q: usize, dir: Dir, quick: bool) -> Option<(Rat, Block)> {
        let f = self.f;
        let vq = self.nonbasic[q];
        let mut best: Option<(Rat, Block)> = None;
        if let (Some(l), Some(u)) = (&f.lo[vq], &f.hi[vq]) {
            best = Some((u - l, Block::Flip));
        }
        // Ties among rows: Bland mode takes the smallest variable index; otherwise the row
        // with the fewest nonzeros (the pivot's cost and fill-in), then the pivot element
        // with the fewest bits. A flip is kept on ties (it needs no pivot).
        let key = |i: usize| (self.t.row_nnz(i), self.t.entry_bits(i, q));
        for i in 0..f.m {
            let sign = self.t.sign(i, q);
            if sign == Ordering::Equal {
                continue;
            }
            let up = (sign == Ordering::Greater) == (dir == Dir::Up);
            let b = self.basic[i];
            let x = &self.val[b];
            let target = match (self.status(b), up) {
                (Status::Ok, true) | (Status::Above, false) => f.hi[b].as_ref().map(|u| (u, true)),
                (Status::Ok, false) | (Status::Below, true) => f.lo[b].as_ref().map(|l| (l, false)),
                (Status::Below, false) | (Status::Above, true) => None,
            };
            let Some((bound, upper)) = target else {
                continue;
            };
            // Degenerate rows (at their bound) give a zero step without a division; once the
            // best step is zero, rows with a positive distance cannot matter.
            let dist = bound - x;
            let theta = if dist.is_zero() {
                if quick {
                    return Some((Rat::ZERO, Block::Row(i, upper)));
                }
                Rat::ZERO
            } else if best.as_ref().is_some_and(|(bt, _)| bt.is_zero()) {
                continue;
            } else {
                dist.abs() * self.t.inv_abs_entry(i, q)
            };
            let take = match &best {
                None => true,
                Some((bt, blk)) => match theta.cmp(bt) {
                    Ordering::Less => true,
                    Ordering::Greater => false,
                    Ordering::Equal => match blk {
                        Block::Flip => false,
                        Block::Row(k, _) => {
                            if self.bland {
                                b < self.basic[*k]
                            } else {
                                key(i) < key(*k)
                            }
                        }
                    },
                },
            };
            if take {
                best = Some((theta, Block::Row(i, upper)));
            }
        }
        best
    }

    /// Move column `q` by `theta` in `dir` and end the step as `block` says.
    fn step(&mut self, q: usize, dir: Dir, theta: Rat, block: Block) {
        let vq = self.nonbasic[q];
        if theta.is_zero() {
            self.stats.degenerate += 1;
            self.degenerate_run += 1;
            self.stats.max_degenerate_run = self.stats.max_degenerate_run.max(self.degenerate_run);
            if !self.bland && self.degenerate_run >= self.bland_after {
                self.bland = true;
                self.stats.bland_switches += 1;
            }
        } else {
            self.degenerate_run = 0;
            if self.opts.pricing != Pricing::Bland {
                self.bland = false;
            }
            let signed = match dir {
                Dir::Up => theta,
                Dir::Down => -theta,
            };
            self.val[vq] += &signed;
            for i in 0..self.f.m {
                if !self.t.is_zero(i, q) {
                    let delta = &signed * &self.t.entry(i, q);
                    self.val[self.basic[i]] += delta;
                }
            }
        }
        match block {
            Block::Flip => {
                self.stats.bound_flips += 1;
            }
            Block::Row(p, upper) => {
                let b = self.basic[p];
                let bound = if upper { &self.f.hi[b] } else { &self.f.lo[b] };
                debug_assert_eq!(bound.as_ref(), Some(&self.val[b]));
                self.exchange(p, q);
                self.stats.pivots += 1;
            }
        }
    }

    /// Phase 1. `None` once the basis is feasible; otherwise the Farkas multipliers of the
    /// row activities (internal signs, see `certify::infeasible`).
    fn phase1(&mut self) -> Option<Vec<Rat>> {
        let (n, m) = (self.f.n, self.f.m);
        loop {
            let mut cost: Vec<(usize, bool)> = Vec::new();
            for i in 0..m {
                match self.status(self.basic[i]) {
                    Status::Ok => {}
                    Status::Below => cost.push((i, true)),
                    Status::Above => cost.push((i, false)),
                }
            }
            if cost.is_empty() {
                return None;
            }
            let (d, den) = self.t.signed_sum(&cost);
            let Some((q, dir, rt)) = self.choose_step(&d) else {
                // Multipliers: pi = d_r - c_r on row activities.
                let mut y = vec![Rat::ZERO; m];
                for (i, yi) in y.iter_mut().enumerate() {
                    match self.place[n + i] {
                        Place::Nonbasic(j) => *yi = Int::ratio(&d[j], &den),
                        Place::Basic(_) => {}
                    }
                }
                for (i, below) in &cost {
                    let b = self.basic[*i];
                    debug_assert!(b >= n, "structural variables stay within their bounds");
                    y[b - n] = if *below { -Rat::ONE } else { Rat::ONE };
                }
                return Some(y);
            };
            let (theta, block) = rt.expect("phase 1 always has a blocking infeasible variable");
            self.step(q, dir, theta, block);
            self.stats.phase1_iterations += 1;
        }
    }

    /// Phase 2 from a feasible basis: `None` when optimal, or the unbounded column and its
    /// direction.
    fn phase2(&mut self) -> Option<(usize, Dir)> {
        let m = self.f.m;
        loop {
            let (q, dir, rt) = self.choose_step(self.t.row_num(m))?;
            match rt {
                None => return Some((q, dir)),
                Some((theta, block)) => self.step(q, dir, theta, block),
            }
        }
    }
}
