//! The referee's report: every claim certified on every instance of a directory (each
//! certificate re-checked by the independent checker), rendered as one self-contained HTML
//! page (summary, findings, every claim with its counterexamples and corrected reading, the
//! worked examples with pictures, the discretised uniform case) and as a LaTeX table of
//! claims and verdicts. Also the SVG pictures `mechcert check --plot` draws.

pub mod build;
pub mod decimal;
pub mod escape;
pub mod html;
pub mod latex;
pub mod plot;

pub use build::{Options, Report, build};
