//! The market workload of issue 14: 3 buyers and 3 sellers with 3 values each (729 profiles),
//! drawn from a seed: `mechcert check` (VCG', every interim and ex post inequality) and both
//! market LPs certified (`vcg-prime-maximal`: the max-surplus LP; `section-7-2`: the
//! existence LP), each certificate re-checked by the independent checker, all timed.

use mechcert_model::Instance;
use mechcert_model::random::SplitMix64;
use mechcert_verify::{MechanismSpec, Request, check_instance};

use crate::baseline::Spec;
use crate::workloads::{Answer, Goal, Workload};

/// The market of the workload: every agent's three values distinct integers (buyers from
/// 10..=40, sellers from 0..=30) with weights 1..=4.
pub fn market_3x3(seed: u64) -> Instance {
    let mut rng = SplitMix64::new(seed);
    let mut agent = |lo: i64, hi: i64| {
        let mut v: Vec<i64> = vec![];
        while v.len() < 3 {
            let c = rng.range(lo, hi);
            if !v.contains(&c) {
                v.push(c);
            }
        }
        v.sort_unstable();
        let w: Vec<i64> = (0..3).map(|_| rng.range(1, 4)).collect();
        let total: i64 = w.iter().sum();
        let probs: Vec<String> = w.iter().map(|x| format!("\"{x}/{total}\"")).collect();
        let values: Vec<String> = v.iter().map(|x| format!("\"{x}\"")).collect();
        format!(
            "values = [{}]\nprobs = [{}]\n",
            values.join(", "),
            probs.join(", ")
        )
    };
    let mut text = format!("name = \"market 3x3, seed {seed}\"\n");
    for _ in 0..3 {
        text.push_str(&format!("\n[[buyer]]\n{}", agent(10, 40)));
    }
    for _ in 0..3 {
        text.push_str(&format!("\n[[seller]]\n{}", agent(0, 30)));
    }
    Instance::parse(&text, "<bench>").expect("a valid market")
}

pub fn market_workload() -> Workload {
    let seed = 14;
    let inst = market_3x3(seed);
    let i = inst.clone();
    let run = move || {
        let checked = check_instance(&i, &MechanismSpec::VcgPrime, &Request::default())
            .expect("a market within the limits");
        let mut fields = vec![(
            "surplus",
            checked
                .report
                .expected_surplus
                .clone()
                .map(|s| s.to_string())
                .unwrap_or_default(),
        )];
        for id in ["vcg-prime-maximal", "section-7-2"] {
            let c = mechcert_claims::usecase::certify_checked(id, &i)
                .expect("certified and re-checked");
            fields.push((id, c.verdict.name().to_string()));
        }
        let summary = format!(
            "Π^VCG' = {}; vcg-prime-maximal {}, section-7-2 {}",
            fields[0].1, fields[1].1, fields[2].1
        );
        Answer::new(summary, &fields)
    };
    let verify = move |a: &Answer| -> Result<String, String> {
        // the checker recomputed Π^VCG' and the LP maximum itself and found them equal
        for id in ["vcg-prime-maximal", "section-7-2"] {
            if a.fields.get(id).map(String::as_str) != Some("holds") {
                return Err(format!("{id}: {:?}, expected holds", a.fields.get(id)));
            }
        }
        Ok("both claims hold, certificates re-checked".into())
    };
    Workload {
        name: "market-3x3",
        about: format!(
            "3 buyers x 3 sellers, 3 values each (729 profiles, seed {seed}): check VCG', certify both market LPs, re-check both certificates"
        ),
        heavy: false,
        timeout: None,
        fingerprint: None,
        baseline: Spec::Skip("no baseline for markets".into()),
        goal: Goal {
            under: Some(std::time::Duration::from_secs(2)),
            ..Goal::default()
        },
        units: Some((729, "profiles")),
        run: Box::new(run),
        verify: Box::new(verify),
    }
}
