//! Writing the LPs behind an answer in CPLEX LP or MPS format (the writers are
//! `mechcert_lp::write_cplex_lp` / `write_mps`), and the file names of several LPs.
//!
//! [`Recording`] collects every LP that [`crate::solve_named`] solves on this thread while it
//! is alive, so `mechcert certify --emit-lp FILE` can write all the LPs behind a certificate
//! without the claims knowing about export.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::models::NamedLp;

thread_local! {
    static RECORDED: RefCell<Option<Vec<NamedLp>>> = const { RefCell::new(None) };
}

/// While alive, every LP solved on this thread is kept (in solve order).
pub struct Recording(());

impl Recording {
    pub fn start() -> Recording {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        Recording(())
    }

    /// The LPs solved since [`Recording::start`].
    pub fn finish(self) -> Vec<NamedLp> {
        RECORDED.with(|r| r.borrow_mut().take().unwrap_or_default())
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        RECORDED.with(|r| *r.borrow_mut() = None);
    }
}

pub(crate) fn record(lp: &NamedLp) {
    RECORDED.with(|r| {
        if let Some(v) = r.borrow_mut().as_mut() {
            v.push(lp.clone());
        }
    });
}

/// The format of an exported LP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    CplexLp,
    Mps,
}

impl NamedLp {
    /// Write this LP in `format` (integer coefficients; see `mechcert_lp::write_cplex_lp`).
    pub fn write(&self, format: Format, w: &mut impl Write) -> std::io::Result<()> {
        writeln!(
            w,
            "{} mechcert model {} {}",
            if format == Format::CplexLp { "\\" } else { "*" },
            self.model.name(),
            self.model.options_json()
        )?;
        match format {
            Format::CplexLp => {
                mechcert_lp::write_cplex_lp(&self.problem, &self.vars, &self.rows, w)
            }
            Format::Mps => mechcert_lp::write_mps(&self.problem, &self.vars, &self.rows, w),
        }
    }

    /// Write this LP to the file `path`.
    pub fn write_file(&self, format: Format, path: &Path) -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
        self.write(format, &mut w)?;
        w.flush()
    }
}

/// File names for `count` LPs exported to `path`: `path` itself for one LP, otherwise
/// `STEM.K-MODEL.EXT` (K from 1, in solve order) next to it.
pub fn file_names(path: &Path, lps: &[NamedLp]) -> Vec<PathBuf> {
    if lps.len() == 1 {
        return vec![path.to_path_buf()];
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lp".into());
    let ext = path
        .extension()
        .map(|s| format!(".{}", s.to_string_lossy()))
        .unwrap_or_default();
    lps.iter()
        .enumerate()
        .map(|(k, lp)| path.with_file_name(format!("{stem}.{}-{}{ext}", k + 1, lp.model.name())))
        .collect()
}

/// Write every LP in `lps` to the names [`file_names`] gives; returns the paths written.
pub fn write_all(lps: &[NamedLp], format: Format, path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let names = file_names(path, lps);
    for (lp, name) in lps.iter().zip(&names) {
        lp.write_file(format, name)?;
    }
    Ok(names)
}
