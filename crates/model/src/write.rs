//! Writing an instance back canonically: the TOML text `search` saves and the JSON object
//! certificates and `--json` output embed; both read back equal (`read.rs`).

use std::fmt::Write as _;

use mechcert_num::Rat;

use crate::instance::{Instance, SellerTies, Side, TieBreak};
use crate::market;

impl Instance {
    /// The canonical TOML text of this instance (what `search` saves; parses back equal).
    pub fn to_toml(&self) -> String {
        let p = self.param_name();
        // A TOML string with every character that needs it escaped (control characters too).
        let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let list = |xs: Vec<String>| {
            format!(
                "[{}]",
                xs.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let mut out = String::new();
        if !self.name.is_empty() {
            let _ = writeln!(out, "name = {}", q(&self.name));
        }
        if let Some(s) = &self.source {
            let _ = writeln!(out, "source = {}", q(s));
        }
        if self.buyers != 1 && self.market.is_none() {
            let _ = writeln!(out, "buyers = {}", self.buyers);
        }
        if self.tie_break != TieBreak::default() {
            let _ = writeln!(out, "tie_break = {}", q(self.tie_break.name()));
        }
        if self.seller_ties != SellerTies::default() {
            let _ = writeln!(out, "seller_ties = {}", q(self.seller_ties.name()));
        }
        if let Some(par) = &self.parameter {
            let _ = writeln!(out, "parameter = {}", q(&par.name));
            let _ = writeln!(
                out,
                "domain = {}",
                q(&par.domain.display_with(&par.name).to_string())
            );
        }
        if let Some(x) = &self.allocation {
            let rows: Vec<String> = x
                .iter()
                .map(|r| list(r.iter().map(Rat::to_string).collect()))
                .collect();
            let _ = writeln!(out, "allocation = [{}]", rows.join(", "));
        }
        fn groups<'a>(
            name: &'static str,
            groups: &'a [market::Group],
        ) -> Vec<(&'static str, &'a Side, Option<usize>)> {
            groups
                .iter()
                .map(|g| (name, &g.side, Some(g.count)))
                .collect()
        }
        let tables = match &self.market {
            Some(m) => [groups("buyer", &m.buyers), groups("seller", &m.sellers)].concat(),
            None => vec![("buyer", &self.buyer, None), ("seller", &self.seller, None)],
        };
        for (name, s, count) in tables {
            if count.is_some() {
                let _ = writeln!(out, "\n[[{name}]]");
            } else {
                let _ = writeln!(out, "\n[{name}]");
            }
            let _ = writeln!(
                out,
                "values = {}",
                list(
                    s.values
                        .iter()
                        .map(|v| v.display_with(p).to_string())
                        .collect()
                )
            );
            let _ = writeln!(
                out,
                "probs = {}",
                list(s.probs.iter().map(Rat::to_string).collect())
            );
            if let Some(c) = count.filter(|&c| c != 1) {
                let _ = writeln!(out, "count = {c}");
            }
        }
        out
    }

    /// The instance as a JSON object with the keys of the TOML schema (exact numbers and
    /// polynomials as canonical strings).
    pub fn to_json(&self) -> serde_json::Value {
        let p = self.param_name();
        let side = |s: &Side| {
            serde_json::json!({
                "values": s.values.iter().map(|v| v.display_with(p).to_string()).collect::<Vec<_>>(),
                "probs": s.probs.iter().map(Rat::to_string).collect::<Vec<_>>(),
            })
        };
        let mut o = serde_json::Map::new();
        o.insert("name".into(), self.name.clone().into());
        if let Some(s) = &self.source {
            o.insert("source".into(), s.clone().into());
        }
        if self.market.is_none() {
            o.insert("buyers".into(), self.buyers.into());
        }
        o.insert("tie_break".into(), self.tie_break.name().into());
        o.insert("seller_ties".into(), self.seller_ties.name().into());
        if let Some(par) = &self.parameter {
            o.insert("parameter".into(), par.name.clone().into());
            o.insert(
                "domain".into(),
                par.domain.display_with(&par.name).to_string().into(),
            );
        }
        if let Some(x) = &self.allocation {
            let rows: Vec<Vec<String>> = x
                .iter()
                .map(|r| r.iter().map(Rat::to_string).collect())
                .collect();
            o.insert("allocation".into(), serde_json::json!(rows));
        }
        match &self.market {
            Some(m) => {
                let groups = |gs: &[market::Group]| {
                    gs.iter()
                        .map(|g| {
                            let mut v = side(&g.side);
                            if g.count != 1
                                && let Some(o) = v.as_object_mut()
                            {
                                o.insert("count".into(), g.count.into());
                            }
                            v
                        })
                        .collect::<Vec<_>>()
                };
                o.insert("buyer".into(), groups(&m.buyers).into());
                o.insert("seller".into(), groups(&m.sellers).into());
            }
            None => {
                o.insert("buyer".into(), side(&self.buyer));
                o.insert("seller".into(), side(&self.seller));
            }
        }
        serde_json::Value::Object(o)
    }
}
