//! The exact-LP workloads of issue 13: the second-best LP at 20x20 to 100x100 with uniform and
//! random probabilities, solved as `mechcert solve second-best` solves it, with the
//! certificate checked by the independent checker, and, when QSopt_ex's `esolver` is on
//! PATH, the same LP exported (CPLEX LP, integer coefficients) and solved by `esolver` in the
//! same run: its exact optimum must equal mechcert's, and the note gives both times and the
//! ratio. Where mechcert solves a smaller equivalent LP inside (the interim LP of
//! `mechcert_opt::interim`, above `REDUCE_SECOND_BEST_ABOVE`), `esolver` is run on that LP
//! too, so one ratio is always on the very same LP.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mechcert_mech::{closed_form, efficient_allocation};
use mechcert_model::random::{RandomSpec, SplitMix64, random_instance};
use mechcert_model::{Env, Instance};
use mechcert_num::Rat;
use mechcert_opt::{Format, Model, NamedLp, Solved, solve_model};

use crate::baseline::Spec;
use crate::measure::duration;
use crate::workloads::{Answer, Goal, Workload, fingerprint};

/// A random instance (values and probabilities from `seed`); `uniform` replaces the
/// probabilities by 1/m and 1/n.
pub fn instance(seed: u64, m: usize, n: usize, uniform: bool) -> (Instance, Env<Rat>) {
    let spec = RandomSpec::new(m, n);
    let mut inst = random_instance(&mut SplitMix64::new(seed), &spec);
    if uniform {
        inst.buyer.probs = vec![Rat::new(1, m as i64); m];
        inst.seller.probs = vec![Rat::new(1, n as i64); n];
    }
    let env = inst.concrete().expect("generated instances are valid");
    (inst, env)
}

fn esolver() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("esolver"))
        .find(|p| p.is_file())
}

/// Run `esolver` on `lp` (written to a temporary file): its wall time and exact optimum
/// divided by the objective's export scale; an error says how it ended without a solution.
/// esolver's time limit (its `-R`), so a run that would take hours is reported as such.
const ESOLVER_LIMIT_SECS: u64 = 300;

fn run_esolver(exe: &Path, lp: &NamedLp, tag: &str) -> Result<(Duration, Rat), String> {
    let dir = std::env::temp_dir().join(format!("mechcert-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(format!("{tag}.lp"));
    let sol = dir.join(format!("{tag}.sol"));
    lp.write_file(Format::CplexLp, &file)
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let out = Command::new(exe)
        .arg("-R")
        .arg(ESOLVER_LIMIT_SECS.to_string())
        .arg("-L")
        .arg("-O")
        .arg(&sol)
        .arg(&file)
        .output()
        .map_err(|e| format!("esolver: {e}"))?;
    let elapsed = start.elapsed();
    let Ok(text) = std::fs::read_to_string(&sol) else {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = String::from_utf8_lossy(&out.stdout)
            .lines()
            .chain(err.lines())
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string();
        return Err(format!(
            "no solution after {} ({}; last line {last:?}; LP kept in {})",
            duration(elapsed),
            out.status,
            file.display()
        ));
    };
    let value = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Value = "))
        .ok_or("no `Value =` in esolver's solution")?
        .trim()
        .parse::<Rat>()
        .map_err(|e| format!("esolver's value: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    let scale = mechcert_opt::objective_scale(&lp.problem);
    Ok((elapsed, value / scale))
}

/// The workload `name`: second best on the `m`x`n` instance of `seed`.
pub fn second_best_vs_esolver(
    name: &'static str,
    seed: u64,
    m: usize,
    n: usize,
    uniform: bool,
) -> Workload {
    let (inst, env) = instance(seed, m, n, uniform);
    let env = Arc::new(env);
    let e = env.clone();
    let run = move || {
        let solved = solve_model(&e, &Model::SecondBest { ex_post_ir: false })
            .expect("the LP is within the solver limits");
        let value = solved
            .value()
            .expect("the second best has an optimum")
            .clone();
        let mut a = Answer::new(
            format!(
                "W = {} ({} vars, {} rows)",
                crate::measure::short_number(&value.to_string()),
                solved.lp.vars.len(),
                solved.lp.rows.len()
            ),
            &[("value", value.to_string())],
        );
        a.payload = Some(Box::new(solved));
        a
    };
    let e = env.clone();
    let verify = move |a: &Answer| -> Result<String, String> {
        let solved = a
            .payload
            .as_ref()
            .and_then(|p| p.downcast_ref::<Solved>())
            .ok_or("no LP in the answer")?;
        let value = solved.value().ok_or("not optimal")?;
        let first_best = closed_form::gains_from_trade(&*e, &efficient_allocation(&*e));
        if value > &first_best {
            return Err(format!("second best {value} above first best {first_best}"));
        }
        // The certificate, checked by the independent checker (timed with the solve again:
        // the goal for 100x100 is solve + check).
        let start = Instant::now();
        let again =
            solve_model(&e, &Model::SecondBest { ex_post_ir: false }).map_err(|e| e.to_string())?;
        let solve_time = start.elapsed();
        let cert = mechcert_claims::second_best_certificate(&inst, &e, &again)?;
        mechcert_cert::check_certificate(&cert).map_err(|e| format!("certificate: {e}"))?;
        let total = start.elapsed();
        let mut note = format!(
            "solve {} + certificate check {} = {}",
            duration(solve_time),
            duration(total - solve_time),
            duration(total)
        );
        let Some(exe) = esolver() else {
            return Ok(format!("{note}; esolver: not on PATH"));
        };
        let reduced = solved.lp.problem.rows.len().max(solved.lp.vars.len())
            > mechcert_opt::REDUCE_SECOND_BEST_ABOVE;
        let mut lps: Vec<(&str, NamedLp)> = vec![("full", solved.lp.clone())];
        if reduced {
            lps.insert(
                0,
                ("interim", mechcert_opt::interim::reduced_second_best(&e)),
            );
        }
        for (tag, lp) in lps {
            let (t, v) = match run_esolver(&exe, &lp, tag) {
                Ok(r) => r,
                Err(e) => {
                    note.push_str(&format!("; esolver on the {tag} LP: {e}"));
                    continue;
                }
            };
            if &v != value {
                return Err(format!("esolver ({tag} LP) says {v}, mechcert {value}"));
            }
            let ratio = solve_time.as_secs_f64_ratio(t);
            note.push_str(&format!(
                "; esolver on the {tag} LP {} (same optimum), mechcert/esolver {ratio}",
                duration(t)
            ));
        }
        if reduced {
            note.push_str("; mechcert solves the interim LP inside");
        }
        Ok(note)
    };
    let probs = if uniform { "uniform" } else { "random" };
    Workload {
        name,
        about: format!(
            "second-best LP, {m}x{n} (seed {seed}), {probs} probabilities, {} variables; esolver alongside",
            2 * m * n
        ),
        heavy: true,
        timeout: Some(Duration::from_secs(900)),
        fingerprint: Some(fingerprint(&env)),
        baseline: Spec::Skip("QSopt_ex's esolver is the comparison (in the note)".into()),
        goal: Goal {
            under: (m >= 100).then_some(Duration::from_secs(60)),
            ..Goal::default()
        },
        units: None,
        run: Box::new(run),
        verify: Box::new(verify),
    }
}

/// `a / b` with two decimals, from integer nanoseconds (no floats in the workspace).
trait Ratio {
    fn as_secs_f64_ratio(&self, other: Duration) -> String;
}

impl Ratio for Duration {
    fn as_secs_f64_ratio(&self, other: Duration) -> String {
        let (a, b) = (self.as_nanos(), other.as_nanos().max(1));
        let hundredths = (a * 100 + b / 2) / b;
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}
