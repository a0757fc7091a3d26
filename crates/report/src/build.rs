//! What the report shows, computed: every claim certified on every instance file of a
//! directory (with the independent re-check, `claims::usecase::certify_all`), per instance
//! the exact numbers behind the pictures (Π(k) per cell of a family, Π_I for I = 1..N, the
//! second best with its allocation), and the discretised uniform case W_n for small n. The
//! page itself is written by [`crate::html`] and the table by [`crate::latex`].

use std::path::Path;

use mechcert_cert::limits::MAX_INTERIM_WORK;
use mechcert_claims::usecase::{Entry, SecondBest, certify_all, instance_files, second_best};
use mechcert_claims::{Claim, Verdict, all, correction};
use mechcert_mech::compress;
use mechcert_model::{Env, Failure, Instance};
use mechcert_num::{Poly, Rat};
use mechcert_opt::showcase;

/// What the report computes beyond the certificates, and how far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The discretised uniform case is solved for n = 2..=`uniform_up_to` points per side
    /// (0: not at all).
    pub uniform_up_to: usize,
    /// Π_I is drawn for I = 1..=`buyers_up_to` (fewer when the interim work would exceed the
    /// checker's interim budget).
    pub buyers_up_to: usize,
    /// The second best is solved for one-buyer instances with at most this many types on
    /// each side.
    pub second_best_types: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            uniform_up_to: 20,
            buyers_up_to: 20,
            second_best_types: 20,
        }
    }
}

/// Π on one cell of a family.
#[derive(Clone, Debug)]
pub struct CellSurplus {
    pub env: Env<Poly>,
    /// Π^VCG' on the cell, a polynomial in the parameter.
    pub surplus: Poly,
}

/// The numbers behind an instance's pictures.
#[derive(Clone, Debug)]
pub enum Numbers {
    /// A family: Π^VCG' per cell of the domain.
    Family { cells: Vec<CellSurplus> },
    /// A concrete instance: Π_I^VCG' for I = 1..=series.len() (the instance's own number of
    /// buyers among them when it fits), and for one buyer the second best.
    Concrete {
        series: Vec<Rat>,
        /// Π^VCG' with the instance's own number of buyers.
        surplus: Rat,
        second_best: Option<Box<SecondBest>>,
        /// Why there is no second best, when there is none.
        no_second_best: Option<String>,
    },
}

/// One instance file with its numbers.
#[derive(Clone, Debug)]
pub struct InstanceView {
    pub stem: String,
    /// The file as given (`proofs/example-1.toml`).
    pub file: String,
    pub instance: Instance,
    pub numbers: Numbers,
}

/// One n of the discretised uniform case.
#[derive(Clone, Debug)]
pub struct UniformRow {
    pub n: usize,
    /// W_n, the exact second best.
    pub second_best: Rat,
    /// FB_n, the first best.
    pub first_best: Rat,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct Report {
    /// The directory as given.
    pub dir: String,
    pub options: Options,
    /// Every claim on every instance, in file order then paper order.
    pub entries: Vec<Entry>,
    pub instances: Vec<InstanceView>,
    pub uniform: Vec<UniformRow>,
}

/// Verdict counts of one claim over the directory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub holds: usize,
    pub fails: usize,
    pub not_applicable: usize,
}

impl Counts {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Holds => self.holds += 1,
            Verdict::Fails => self.fails += 1,
            Verdict::NotApplicable => self.not_applicable += 1,
        }
    }

    pub fn applicable(&self) -> usize {
        self.holds + self.fails
    }
}

/// How big an instance is, for choosing the smallest counterexample: concrete before a
/// family, then fewer types, fewer buyers, smaller numbers.
fn size(inst: &Instance) -> (bool, usize, usize, u64) {
    let (m, n) = inst.shape();
    let bits: u64 = [&inst.buyer, &inst.seller]
        .iter()
        .flat_map(|s| s.probs.iter().map(Rat::bit_size))
        .sum::<u64>()
        + [&inst.buyer, &inst.seller]
            .iter()
            .flat_map(|s| s.values.iter().map(|v| v.display_with("k").len() as u64))
            .sum::<u64>();
    (inst.parameter.is_some(), m + n, inst.buyers, bits)
}

impl Report {
    /// The entries of one claim, in file order.
    pub fn of_claim<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.certified.claim == id)
    }

    pub fn counts(&self, id: &str) -> Counts {
        let mut c = Counts::default();
        for e in self.of_claim(id) {
            c.add(e.certified.verdict);
        }
        c
    }

    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for e in &self.entries {
            c.add(e.certified.verdict);
        }
        c
    }

    /// The failures of a claim, smallest instance first (the first is the minimal
    /// counterexample on the directory).
    pub fn failures(&self, id: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.certified.claim == id && e.certified.verdict == Verdict::Fails)
            .collect();
        v.sort_by_key(|e| (size(&e.instance), e.stem.clone()));
        v
    }

    /// The verdict of `id` on the instance `stem`.
    pub fn verdict_on(&self, id: &str, stem: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.certified.claim == id && e.stem == stem)
    }

    /// The findings: printed claims that fail somewhere (with their corrected reading, if
    /// any), and existential claims with a witness.
    pub fn findings(&self) -> (Vec<&'static Claim>, Vec<&'static Claim>) {
        let failing = all()
            .iter()
            .filter(|c| !c.existential && self.counts(c.id).fails > 0)
            .collect();
        let witnessed = all()
            .iter()
            .filter(|c| c.existential && self.counts(c.id).holds > 0)
            .collect();
        (failing, witnessed)
    }

    /// The file of an instance stem, as given.
    pub fn file_of(&self, stem: &str) -> Option<&str> {
        self.instances
            .iter()
            .find(|i| i.stem == stem)
            .map(|i| i.file.as_str())
    }

    /// The claim a printed claim's correction is, if any.
    pub fn correction_of(id: &str) -> Option<(&'static Claim, &'static str)> {
        correction(id)
    }
}

/// Π_I for I = 1..=up_to, or fewer when that is beyond the interim work budget.
fn surplus_series(env: &Env<Rat>, up_to: usize) -> Vec<Rat> {
    let mut top = up_to.max(1);
    while top > 1 && compress::surplus_series_work(env, top) > MAX_INTERIM_WORK {
        top /= 2;
    }
    (1..=top)
        .map(|i| compress::vcg_prime_surplus(&env.with_buyers(i)))
        .collect()
}

fn numbers(inst: &Instance, opts: &Options) -> Result<Numbers, Failure> {
    if inst.parameter.is_some() {
        let cells = inst
            .cells()?
            .into_iter()
            .map(|env| {
                let surplus = compress::vcg_prime_surplus(&env);
                CellSurplus { env, surplus }
            })
            .collect();
        return Ok(Numbers::Family { cells });
    }
    let env = inst.concrete()?;
    let series = surplus_series(&env, opts.buyers_up_to.max(env.buyers.min(64)));
    let surplus = match series.get(env.buyers - 1) {
        Some(v) => v.clone(),
        None => compress::vcg_prime_surplus(&env),
    };
    let (m, n) = inst.shape();
    let (second_best, no_second_best) = if env.buyers != 1 {
        (
            None,
            Some(format!(
                "the second best is solved for one buyer; this instance has {}",
                env.buyers
            )),
        )
    } else if m.max(n) > opts.second_best_types {
        (
            None,
            Some(format!(
                "{m} x {n} types: the report solves the second best up to {0} x {0}",
                opts.second_best_types
            )),
        )
    } else {
        (Some(Box::new(second_best(inst, false)?)), None)
    };
    Ok(Numbers::Concrete {
        series,
        surplus,
        second_best,
        no_second_best,
    })
}

/// Build the report of `dir`: certify every claim on every instance (each certificate
/// re-checked), then the numbers of each instance, then the uniform case.
/// `progress(done, total)` is called after each step.
pub fn build(
    dir: &Path,
    opts: &Options,
    progress: &dyn Fn(usize, usize),
) -> Result<Report, Failure> {
    let files = instance_files(dir)?;
    let uniform_steps = opts.uniform_up_to.saturating_sub(1);
    let total = files.len() * all().len() + files.len() + uniform_steps;
    let entries = certify_all(dir, &|done, _| progress(done, total))?;
    let mut done = entries.len();
    let mut instances = vec![];
    for file in files {
        // certify_all read the same files in the same order
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let instance = entries
            .iter()
            .find(|e| e.stem == stem)
            .map(|e| e.instance.clone())
            .ok_or_else(|| {
                Failure::Inconsistent(format!("{stem}: certified, but no entry was recorded"))
            })?;
        let numbers = numbers(&instance, opts)?;
        instances.push(InstanceView {
            stem,
            file: file.display().to_string(),
            instance,
            numbers,
        });
        done += 1;
        progress(done, total);
    }
    let mut uniform = vec![];
    for n in 2..=opts.uniform_up_to {
        let p = showcase::point(n).map_err(mechcert_claims::usecase::lp_failure)?;
        uniform.push(UniformRow {
            n,
            second_best: p.second_best,
            first_best: p.first_best,
        });
        done += 1;
        progress(done, total);
    }
    Ok(Report {
        dir: dir.display().to_string(),
        options: *opts,
        entries,
        instances,
        uniform,
    })
}
