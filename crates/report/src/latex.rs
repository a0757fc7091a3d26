//! The report's LaTeX output: a table of every claim with its verdict counts on the
//! directory and its corrected reading, for a paper or a referee report to `\input`. It uses
//! only `tabular` (no package needed); every text is escaped (`crate::escape::latex`).

use mechcert_claims::all;

use crate::build::Report;
use crate::escape::latex as tex;

/// The table, one row per claim in paper order, then the totals.
pub fn render(r: &Report) -> String {
    let t = r.totals();
    let mut out = String::new();
    out.push_str(&format!(
        "% mechcert {} report: every claim of Kos & Manea certified on {} instance files of {}\n% (each certificate re-checked by the independent checker). \\input this file.\n",
        env!("CARGO_PKG_VERSION"),
        r.instances.len(),
        r.dir.replace(['\n', '\r'], " ")
    ));
    out.push_str("\\begin{tabular}{llrrrl}\n\\hline\nclaim & paper & holds & fails & n/a & corrected reading \\\\\n\\hline\n");
    for c in all() {
        let k = r.counts(c.id);
        let corr = match Report::correction_of(c.id) {
            Some((cc, _)) => {
                let kc = r.counts(cc.id);
                format!(
                    "\\texttt{{{}}}: {} holds, {} fails",
                    tex(cc.id),
                    kc.holds,
                    kc.fails
                )
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "\\texttt{{{}}}{} & {} & {} & {} & {} & {} \\\\\n",
            tex(c.id),
            if c.existential { "$^{\\exists}$" } else { "" },
            tex(c.section),
            k.holds,
            k.fails,
            k.not_applicable,
            corr
        ));
    }
    out.push_str(&format!(
        "\\hline\ntotal & & {} & {} & {} & \\\\\n\\hline\n\\end{{tabular}}\n",
        t.holds, t.fails, t.not_applicable
    ));
    out
}
