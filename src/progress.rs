//! The progress bar of `certify --all`, `report` and `search`: `--progress` (the default)
//! draws a bar with an ETA on stderr when stderr is a terminal; nothing is drawn when stderr
//! is not a terminal, with `--json`, or with `--no-progress`.

use std::io::IsTerminal;

use clap::Args;

#[derive(Args, Clone, Copy, Debug)]
pub struct ProgressArgs {
    /// Show a progress bar with an ETA on stderr (the default when stderr is a terminal;
    /// never drawn when it is not, or with --json)
    #[arg(long, overrides_with = "no_progress")]
    progress: bool,
    /// Draw no progress bar
    #[arg(long, overrides_with = "progress")]
    no_progress: bool,
}

impl ProgressArgs {
    /// Whether to draw: asked for (or not refused), stderr a terminal, and no JSON output.
    pub fn enabled(&self, json: bool) -> bool {
        !self.no_progress && !json && std::io::stderr().is_terminal()
    }
}

/// A bar of `len` steps labelled `what`, or nothing.
pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub fn new(enabled: bool, len: u64, what: String) -> Bar {
        Bar(enabled.then(|| {
            let b = indicatif::ProgressBar::new(len);
            b.set_style(
                indicatif::ProgressStyle::with_template("{msg} [{wide_bar}] {pos}/{len} ETA {eta}")
                    .expect("template")
                    .progress_chars("=> "),
            );
            b.set_message(what);
            b
        }))
    }

    /// Set the position (and the length, which a step may learn late).
    pub fn set(&self, done: usize, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
