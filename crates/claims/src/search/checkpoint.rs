//! Checkpoints of a scan: the shard's state (a [`ShardResult`] with `complete` false) saved to a
//! file every interval, atomically (written to a temporary file in the same directory, synced,
//! then renamed over the old one), so the file always holds a whole state and a killed scan
//! loses only the work since its last save: under one interval counted in instances; under one
//! interval counted in time plus the batch in flight (at most 256 instances). When the scan
//! completes, the file receives the final result, so rerunning a finished shard does no work.
//!
//! A checkpoint is resumed only by the same search (claim, seed, budget, types, buyers), the
//! same shard and the same mechcert version; anything else is refused with what differs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Failure;
use super::Options;
use super::result::ShardResult;
use super::shard::Shard;

/// How often a scan saves its checkpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Every {
    /// After this many instances of the shard's part (at least 1).
    Instances(u64),
    /// After this much time (checked after every batch).
    Time(Duration),
}

impl Default for Every {
    fn default() -> Self {
        Every::Time(Duration::from_secs(60))
    }
}

impl std::fmt::Display for Every {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Every::Instances(n) => write!(f, "{n}"),
            Every::Time(d) => write!(f, "{}s", d.as_secs()),
        }
    }
}

impl Every {
    /// Parse `N` (instances), `Ns`, `Nm` or `Nh` (seconds, minutes, hours), N >= 1.
    pub fn parse(text: &str, flag: &str) -> Result<Every, Failure> {
        let bad = || {
            Failure::Input(format!(
                "{flag} {text}: write a number of instances (e.g. 5000) or a time (e.g. 30s, 10m, 1h), at least 1"
            ))
        };
        let t = text.trim();
        let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((p, _)) => t.split_at(p),
            None => (t, ""),
        };
        let n: u64 = digits.parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(bad());
        }
        let secs = |mul: u64| {
            n.checked_mul(mul)
                .map(|s| Every::Time(Duration::from_secs(s)))
                .ok_or_else(bad)
        };
        match unit {
            "" => Ok(Every::Instances(n)),
            "s" => secs(1),
            "m" => secs(60),
            "h" => secs(3600),
            _ => Err(bad()),
        }
    }
}

/// Saves a scan's state to `path` every interval.
#[derive(Debug)]
pub struct Checkpointer {
    path: PathBuf,
    every: Every,
    instances_since: u64,
    saved_at: Instant,
    saves: u64,
}

impl Checkpointer {
    pub fn new(path: &Path, every: Every) -> Checkpointer {
        Checkpointer {
            path: path.to_path_buf(),
            every,
            instances_since: 0,
            saved_at: Instant::now(),
            saves: 0,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many times the state was saved.
    pub fn saves(&self) -> u64 {
        self.saves
    }

    /// The state saved for shard `shard` of the search (`claim`, `opts`), or `None` when the
    /// file does not exist yet; an error when it cannot be read, is damaged, or belongs to
    /// another search, shard or version.
    pub fn load(
        &self,
        claim: &str,
        opts: &Options,
        shard: Shard,
    ) -> Result<Option<ShardResult>, Failure> {
        let p = self.path.display();
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Failure::Input(format!("checkpoint {p}: cannot read: {e}"))),
        };
        let state = ShardResult::parse(&text, &format!("checkpoint {p}"))
            .map_err(|e| Failure::Input(format!("{e}; delete it to start the shard over")))?;
        state.same_search(claim, opts, shard).map_err(|why| {
            Failure::Input(format!(
                "checkpoint {p} cannot be resumed: {why}; give another --checkpoint file, or delete it to start over"
            ))
        })?;
        Ok(Some(state))
    }

    /// The size of the next batch: `batch`, or fewer so that an interval counted in instances
    /// ends exactly at a batch's end.
    pub(crate) fn batch_cap(&self, batch: u64) -> u64 {
        match self.every {
            Every::Instances(n) => n.saturating_sub(self.instances_since).clamp(1, batch),
            Every::Time(_) => batch,
        }
    }

    /// After a batch of `n` instances: save when the interval has passed or the scan is done.
    pub(crate) fn after_batch(&mut self, state: &ShardResult, n: u64) -> Result<(), Failure> {
        self.instances_since += n;
        let due = match self.every {
            Every::Instances(k) => self.instances_since >= k,
            Every::Time(d) => self.saved_at.elapsed() >= d,
        };
        if due || state.complete {
            self.save(state)?;
        }
        Ok(())
    }

    /// Save `state` now (atomically).
    pub fn save(&mut self, state: &ShardResult) -> Result<(), Failure> {
        write_atomic(&self.path, &state.to_text())
            .map_err(|e| Failure::Input(format!("checkpoint {e}")))?;
        self.instances_since = 0;
        self.saved_at = Instant::now();
        self.saves += 1;
        Ok(())
    }
}

/// Write `text` to `path` atomically: a temporary file in the same directory (created if
/// missing), synced, then renamed over `path`. The error names the file.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let p = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{p}: cannot create its directory: {e}"))?;
    let name = path
        .file_name()
        .map_or_else(|| "result".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{p}: cannot write: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        let p = |t: &str| Every::parse(t, "--checkpoint-every");
        assert_eq!(p("5000"), Ok(Every::Instances(5000)));
        assert_eq!(p("30s"), Ok(Every::Time(Duration::from_secs(30))));
        assert_eq!(p("10m"), Ok(Every::Time(Duration::from_secs(600))));
        assert_eq!(p("1h"), Ok(Every::Time(Duration::from_secs(3600))));
        for bad in [
            "0",
            "0s",
            "",
            "s",
            "1.5m",
            "-3",
            "10 minutes",
            "99999999999999999999h",
        ] {
            let e = p(bad).unwrap_err().to_string();
            assert!(
                e.starts_with("--checkpoint-every") && e.contains("30s"),
                "{e}"
            );
        }
    }

    #[test]
    fn instance_intervals_end_at_batch_ends() {
        let mut c = Checkpointer::new(Path::new("unused"), Every::Instances(100));
        assert_eq!(c.batch_cap(256), 100);
        c.instances_since = 60;
        assert_eq!(c.batch_cap(256), 40);
        assert_eq!(c.batch_cap(16), 16);
        let t = Checkpointer::new(Path::new("unused"), Every::default());
        assert_eq!(t.batch_cap(256), 256);
    }

    #[test]
    fn atomic_write_replaces_the_whole_file() {
        let dir = std::env::temp_dir().join(format!("mechcert-atomic-{}", std::process::id()));
        let path = dir.join("sub").join("state.json");
        write_atomic(&path, "first").unwrap();
        write_atomic(&path, "second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        let left: Vec<_> = std::fs::read_dir(dir.join("sub")).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
