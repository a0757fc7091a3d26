//! The report as one self-contained HTML page: inline CSS, inline SVG, no script, no font or
//! other resource fetched from anywhere. Sections: summary (claims × verdict counts),
//! findings (printed claims that fail, existential claims with a witness), every claim (its
//! statement as printed, its verdict on each instance, each counterexample with the exact
//! values that disagree, its corrected reading and the commands that reproduce them), the
//! worked examples and instances (with pictures), and the discretised uniform case. Every
//! text that comes from an input is escaped; every number is exact, with a decimal
//! approximation beside it marked `≈` (see [`crate::decimal`]).

use mechcert_claims::certificate::Role;
use mechcert_claims::usecase::Entry;
use mechcert_claims::{Claim, Verdict, all};
use mechcert_model::Instance;
use mechcert_num::{Poly, Rat};
use mechcert_verify::surplus_signs;

use crate::build::{Counts, InstanceView, Numbers, Report};
use crate::decimal::{approx, is_exact};
use crate::escape::{html as esc, id as html_id};
use crate::plot;

/// Decimal places of the approximations.
pub const PLACES: u32 = 6;

const STYLE: &str = "
body { font-family: sans-serif; margin: 0 auto; max-width: 70em; padding: 1em 2em; color: #1b1b1b; line-height: 1.45; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #1f5fa8; padding-bottom: 0.2em; margin-top: 2em; }
h3 { margin-bottom: 0.3em; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.n { text-align: right; }
.holds { color: #11632b; font-weight: bold; }
.fails { color: #a4161a; font-weight: bold; }
.na { color: #666; }
.badge { display: inline-block; border-radius: 0.3em; padding: 0 0.4em; margin: 0.1em; font-size: 0.9em; }
.badge.holds { background: #dff3e4; }
.badge.fails { background: #fbe0e0; }
.approx { color: #666; font-size: 0.9em; }
code, pre { background: #f4f4f4; border-radius: 0.2em; padding: 0 0.2em; }
pre { padding: 0.5em; overflow-x: auto; }
blockquote { margin: 0.4em 0; padding: 0.3em 1em; border-left: 4px solid #1f5fa8; background: #f7f9fc; }
article { border: 1px solid #ddd; border-radius: 0.4em; padding: 0.2em 1em 0.8em; margin: 1em 0; }
.counterexample { border-left: 4px solid #a4161a; padding-left: 0.8em; margin: 0.8em 0; }
.witness { border-left: 4px solid #11632b; padding-left: 0.8em; margin: 0.8em 0; }
.figure { margin: 0.8em 0; }
nav ul { columns: 2; }
";

/// A number: exact, and when it is not a short decimal, an approximation for reading only.
pub fn num(r: &Rat) -> String {
    let exact = format!("<span class=\"exact\">{}</span>", esc(&r.to_string()));
    if is_exact(r, PLACES) {
        exact
    } else {
        format!(
            "{exact} <span class=\"approx\" title=\"decimal approximation, for reading only\">≈&nbsp;{}</span>",
            approx(r, PLACES)
        )
    }
}

/// Escape `text` and put an approximation beside every standalone fraction `p/q` in it (not
/// the coefficients inside a polynomial: a fraction next to an operator or a letter is left
/// alone).
pub fn annotated(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let standalone =
        |c: Option<&char>| c.is_none_or(|c| !(c.is_alphanumeric() || "+-*/^._".contains(*c)));
    let neighbour = |k: isize, step: isize| {
        let mut k = k;
        while k >= 0 && (k as usize) < chars.len() && chars[k as usize] == ' ' {
            k += step;
        }
        if k >= 0 && (k as usize) < chars.len() {
            Some(chars[k as usize])
        } else {
            None
        }
    };
    while i < chars.len() {
        let start = i;
        let negative = chars[i] == '-'
            && i + 1 < chars.len()
            && chars[i + 1].is_ascii_digit()
            && (i == 0 || !chars[i - 1].is_alphanumeric());
        let mut j = if negative { i + 1 } else { i };
        if j < chars.len()
            && chars[j].is_ascii_digit()
            && (start == 0 || !chars[start - 1].is_alphanumeric())
        {
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j + 1 < chars.len() && chars[j] == '/' && chars[j + 1].is_ascii_digit() {
                let mut k = j + 1;
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                let token: String = chars[start..k].iter().collect();
                let before = neighbour(start as isize - 1, -1);
                let after = neighbour(k as isize, 1);
                let prev_adjacent = (start > 0).then(|| chars[start - 1]);
                if standalone(before.as_ref())
                    && standalone(after.as_ref())
                    && standalone(prev_adjacent.as_ref())
                    && let Ok(r) = token.parse::<Rat>()
                {
                    out.push_str(&num(&r));
                    i = k;
                    continue;
                }
                out.push_str(&esc(&token));
                i = k;
                continue;
            }
            out.push_str(&esc(&chars[start..j].iter().collect::<String>()));
            i = j;
            continue;
        }
        out.push_str(&esc(&chars[i].to_string()));
        i += 1;
    }
    out
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "holds",
        Verdict::Fails => "fails",
        Verdict::NotApplicable => "na",
    }
}

fn verdict_badge(v: Verdict) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        verdict_class(v),
        v.name()
    )
}

fn list<T: std::fmt::Display>(xs: &[T]) -> String {
    xs.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The instance in one line: values with probabilities, buyers, parameter.
pub fn describe(inst: &Instance) -> String {
    let p = inst.param_name();
    let vals = |vs: &[Poly]| {
        vs.iter()
            .map(|v| v.display_with(p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = format!(
        "B = ({}) with p_b = ({}); S = ({}) with p_s = ({}); {} buyer{}",
        vals(&inst.buyer.values),
        list(&inst.buyer.probs),
        vals(&inst.seller.values),
        list(&inst.seller.probs),
        inst.buyers,
        if inst.buyers == 1 { "" } else { "s" }
    );
    if let Some(par) = &inst.parameter {
        s.push_str(&format!(
            "; parameter {} on {}",
            par.name,
            par.domain.display_with(&par.name)
        ));
    }
    s
}

fn command(claim: &str, file: &str) -> String {
    format!("mechcert certify {claim} {file}")
}

fn counts_cells(c: &Counts) -> String {
    // a zero is grey, whatever its column
    let cell = |n: usize, class: &str| {
        let class = if n == 0 { "na" } else { class };
        format!("<td class=\"n {class}\">{n}</td>")
    };
    cell(c.holds, "holds") + &cell(c.fails, "fails") + &cell(c.not_applicable, "na")
}

fn counts_attrs(c: &Counts) -> String {
    format!(
        "data-holds=\"{}\" data-fails=\"{}\" data-na=\"{}\"",
        c.holds, c.fails, c.not_applicable
    )
}

fn summary(r: &Report, out: &mut String) {
    let t = r.totals();
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    out.push_str(&format!(
        "<p id=\"totals\" {}>{} claims on {} instance files: <span class=\"holds\">{} holds</span>, <span class=\"fails\">{} fails</span>, <span class=\"na\">{} not applicable</span>. Every verdict has a certificate that the independent checker (<code>crates/cert</code>) re-verified before this page was written. A claim that fails is a result, not an error.</p>\n",
        counts_attrs(&t),
        all().len(),
        r.instances.len(),
        t.holds,
        t.fails,
        t.not_applicable
    ));
    out.push_str("<table id=\"summary-table\">\n<thead><tr><th>claim</th><th>paper</th><th>holds</th><th>fails</th><th>not applicable</th><th>corrected reading</th></tr></thead>\n<tbody>\n");
    for c in all() {
        let k = r.counts(c.id);
        let corr = match Report::correction_of(c.id) {
            Some((cc, how)) => {
                let kc = r.counts(cc.id);
                format!(
                    "<a href=\"#claim-{0}\">{1}</a> ({2}): {3} holds, {4} fails",
                    html_id(cc.id),
                    esc(cc.id),
                    esc(how),
                    kc.holds,
                    kc.fails
                )
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "<tr id=\"summary-{0}\" data-claim=\"{1}\" {2}><td><a href=\"#claim-{0}\">{1}</a>{3}</td><td>{4}</td>{5}<td>{6}</td></tr>\n",
            html_id(c.id),
            esc(c.id),
            counts_attrs(&k),
            if c.existential { " (existential)" } else { "" },
            esc(c.section),
            counts_cells(&k),
            corr
        ));
    }
    out.push_str(&format!(
        "</tbody>\n<tfoot><tr id=\"summary-total\" {}><th>total</th><th></th>{}<th></th></tr></tfoot>\n</table>\n",
        counts_attrs(&t),
        counts_cells(&t)
    ));
    out.push_str("<p>For an existential claim (“an instance exists such that …”), <em>holds</em> means the instance is a witness and <em>fails</em> that it is not one.</p>\n</section>\n");
}

/// The claim assertions of a certification that fail, with their exact values.
fn failing_assertions(e: &Entry) -> String {
    let mut s = String::from("<ul class=\"disagree\">\n");
    // the claim's own assertions that fail (a case assertion only records which case applies)
    for a in e
        .certified
        .assertions
        .iter()
        .filter(|a| !a.holds && a.role == Role::Claim)
    {
        s.push_str(&format!(
            "<li>[{}] {}: <strong>fails</strong> ({})</li>\n",
            esc(a.role.name()),
            annotated(&a.text),
            annotated(&a.detail)
        ));
    }
    s.push_str("</ul>\n");
    s
}

fn findings(r: &Report, out: &mut String) {
    let (failing, witnessed) = r.findings();
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    out.push_str(&format!(
        "<p>Printed claims that fail on an instance of <code>{}</code> ({}), each with its smallest counterexample there, the exact values that disagree, and its corrected reading; then the existential claims with a witness ({}).</p>\n",
        esc(&r.dir),
        failing.len(),
        witnessed.len()
    ));
    out.push_str("<table id=\"findings-table\">\n<thead><tr><th>claim (as printed)</th><th>what fails (smallest counterexample)</th><th>counterexamples</th><th>corrected reading</th></tr></thead>\n<tbody>\n");
    for c in &failing {
        let fails = r.failures(c.id);
        let Some(first) = fails.first() else { continue };
        let file = r.file_of(&first.stem).unwrap_or_default();
        let corr = match Report::correction_of(c.id) {
            Some((cc, how)) => {
                let k = r.counts(cc.id);
                format!(
                    "<a href=\"#claim-{}\">{}</a> ({}): {} holds, {} fails, {} not applicable",
                    html_id(cc.id),
                    esc(cc.id),
                    esc(how),
                    k.holds,
                    k.fails,
                    k.not_applicable
                )
            }
            None => "none registered".to_string(),
        };
        out.push_str(&format!(
            "<tr data-finding=\"{}\"><td><a href=\"#claim-{}\">{}</a> ({})</td><td><code>{}</code>: {}{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(c.id),
            html_id(c.id),
            esc(c.id),
            esc(c.section),
            esc(file),
            esc(&describe(&first.instance)),
            failing_assertions(first),
            fails.len(),
            corr
        ));
    }
    for c in &witnessed {
        let w: Vec<&Entry> = r
            .of_claim(c.id)
            .filter(|e| e.certified.verdict == Verdict::Holds)
            .collect();
        let files: Vec<String> = w
            .iter()
            .map(|e| {
                format!(
                    "<code>{}</code>",
                    esc(r.file_of(&e.stem).unwrap_or_default())
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr data-finding=\"{}\"><td><a href=\"#claim-{}\">{}</a> ({}, existential)</td><td>confirmed: a witness exists. {}</td><td class=\"n\">{} witnesses</td><td>{}</td></tr>\n",
            esc(c.id),
            html_id(c.id),
            esc(c.id),
            esc(c.section),
            w.first().map_or(String::new(), |e| annotated(&e.certified.reason)),
            w.len(),
            files.join(", ")
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn claim_section(r: &Report, c: &Claim, out: &mut String) {
    let k = r.counts(c.id);
    out.push_str(&format!(
        "<article class=\"claim\" id=\"claim-{}\" data-claim=\"{}\" {}>\n<h3>{} <small>({}{})</small></h3>\n",
        html_id(c.id),
        esc(c.id),
        counts_attrs(&k),
        esc(c.id),
        esc(c.section),
        if c.existential { ", existential" } else { "" }
    ));
    out.push_str(&format!(
        "<blockquote class=\"statement\">{}</blockquote>\n<p class=\"reading\">Reading: {}</p>\n",
        esc(c.statement),
        esc(c.reading)
    ));
    out.push_str(&format!(
        "<p>On {} instances: <span class=\"holds\">{} holds</span>, <span class=\"fails\">{} fails</span>, <span class=\"na\">{} not applicable</span>.</p>\n",
        k.holds + k.fails + k.not_applicable,
        k.holds,
        k.fails,
        k.not_applicable
    ));
    let applicable: Vec<&Entry> = r
        .of_claim(c.id)
        .filter(|e| e.certified.verdict != Verdict::NotApplicable)
        .collect();
    if !applicable.is_empty() {
        out.push_str("<table class=\"verdicts\">\n<thead><tr><th>instance</th><th>verdict</th><th>reason</th></tr></thead>\n<tbody>\n");
        for e in &applicable {
            out.push_str(&format!(
                "<tr><td><a href=\"#instance-{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n",
                html_id(&e.stem),
                esc(&e.stem),
                verdict_badge(e.certified.verdict),
                annotated(&e.certified.reason)
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let na: Vec<String> = r
        .of_claim(c.id)
        .filter(|e| e.certified.verdict == Verdict::NotApplicable)
        .map(|e| esc(&e.stem))
        .collect();
    if !na.is_empty() {
        out.push_str(&format!(
            "<details><summary>not applicable on {} instances</summary><p>{}</p></details>\n",
            na.len(),
            na.join(", ")
        ));
    }
    if c.existential {
        for e in r
            .of_claim(c.id)
            .filter(|e| e.certified.verdict == Verdict::Holds)
        {
            let file = r.file_of(&e.stem).unwrap_or_default();
            out.push_str(&format!(
                "<div class=\"witness\">\n<h4>Witness: <code>{}</code></h4>\n<p>{}</p>\n<p>{}</p>\n<p>Reproduce: <code class=\"command\">{}</code></p>\n</div>\n",
                esc(file),
                esc(&describe(&e.instance)),
                annotated(&e.certified.reason),
                esc(&command(c.id, file))
            ));
        }
    }
    // for an existential claim, an instance that fails is only not a witness
    let fails = if c.existential {
        vec![]
    } else {
        r.failures(c.id)
    };
    let correction = Report::correction_of(c.id);
    for (i, e) in fails.iter().enumerate() {
        let file = r.file_of(&e.stem).unwrap_or_default();
        out.push_str(&format!(
            "<div class=\"counterexample\">\n<h4>{} <code>{}</code></h4>\n<p>{}</p>\n<p>The values that disagree:</p>\n{}",
            if i == 0 {
                "Smallest counterexample:"
            } else {
                "Counterexample:"
            },
            esc(file),
            esc(&describe(&e.instance)),
            failing_assertions(e)
        ));
        out.push_str(&format!(
            "<p>Reproduce: <code class=\"command\">{}</code></p>\n",
            esc(&command(c.id, file))
        ));
        if let Some((cc, how)) = correction
            && let Some(ce) = r.verdict_on(cc.id, &e.stem)
        {
            out.push_str(&format!(
                "<p>The {} <a href=\"#claim-{}\">{}</a> on this instance: {} — {} (<code class=\"command\">{}</code>)</p>\n",
                esc(how),
                html_id(cc.id),
                esc(cc.id),
                verdict_badge(ce.certified.verdict),
                annotated(&ce.certified.reason),
                esc(&command(cc.id, file))
            ));
        }
        out.push_str("</div>\n");
    }
    if let Some((cc, how)) = correction {
        let kc = r.counts(cc.id);
        out.push_str(&format!(
            "<p class=\"correction\">The {}: <a href=\"#claim-{}\">{}</a> — {} holds, {} fails, {} not applicable on this directory.</p>\n",
            esc(how),
            html_id(cc.id),
            esc(cc.id),
            kc.holds,
            kc.fails,
            kc.not_applicable
        ));
    }
    if let Some(e) = applicable.first() {
        let file = r.file_of(&e.stem).unwrap_or_default();
        out.push_str(&format!(
            "<p>Reproduce any line: <code class=\"command\">{}</code> (prints every assertion with its exact values; <code>--out CERT.json</code> writes the certificate, <code>mechcert cert-check CERT.json</code> re-checks it).</p>\n",
            esc(&command(c.id, file))
        ));
    }
    out.push_str("</article>\n");
}

fn figure(svg: &str, caption: &str) -> String {
    format!(
        "<figure class=\"figure\">\n{svg}<figcaption>{}</figcaption>\n</figure>\n",
        esc(caption)
    )
}

fn instance_section(r: &Report, v: &InstanceView, out: &mut String) {
    let inst = &v.instance;
    out.push_str(&format!(
        "<article class=\"instance\" id=\"instance-{}\" data-instance=\"{}\">\n<h3>{}</h3>\n<p><code>{}</code>: {}</p>\n",
        html_id(&v.stem),
        esc(&v.stem),
        esc(&inst.name),
        esc(&v.file),
        esc(&describe(inst))
    ));
    if let Some(src) = &inst.source {
        out.push_str(&format!("<p class=\"source\">Source: {}</p>\n", esc(src)));
    }
    let badges: Vec<String> = r
        .entries
        .iter()
        .filter(|e| e.stem == v.stem && e.certified.verdict != Verdict::NotApplicable)
        .map(|e| {
            format!(
                "<a href=\"#claim-{}\" class=\"badge {}\">{} {}</a>",
                html_id(e.certified.claim),
                verdict_class(e.certified.verdict),
                esc(e.certified.claim),
                e.certified.verdict.name()
            )
        })
        .collect();
    out.push_str(&format!("<p>Claims here: {}</p>\n", badges.join(" ")));
    match &v.numbers {
        Numbers::Family { cells } => {
            let p = inst.param_name();
            out.push_str("<table class=\"cells\">\n<thead><tr><th>cell</th><th>Π^VCG' (exact polynomial)</th><th>sign</th></tr></thead>\n<tbody>\n");
            for c in cells {
                let signs: Vec<String> = surplus_signs(&c.surplus, &c.env.domain, p)
                    .into_iter()
                    .filter_map(|(k, reg)| reg.map(|reg| format!("{k} for {reg}")))
                    .collect();
                out.push_str(&format!(
                    "<tr><td>{}</td><td><code>Π = {}</code></td><td>{}</td></tr>\n",
                    esc(&c.env.domain.display_with(p)),
                    esc(&c.surplus.display_with(p)),
                    esc(&signs.join("; "))
                ));
            }
            out.push_str("</tbody>\n</table>\n");
            let envs: Vec<_> = cells.iter().map(|c| c.env.clone()).collect();
            let pis: Vec<Poly> = cells.iter().map(|c| c.surplus.clone()).collect();
            out.push_str(&figure(
                &plot::surplus_in_k(inst, &envs, &pis),
                &format!(
                    "Π(k): the expected surplus of VCG' over the domain of {p}, evaluated exactly at 241 points per window; the exact points where it changes sign are labelled."
                ),
            ));
        }
        Numbers::Concrete {
            series,
            surplus,
            second_best,
            no_second_best,
        } => {
            out.push_str(&format!(
                "<p>Π^VCG' with {} buyer{} = {}</p>\n",
                inst.buyers,
                if inst.buyers == 1 { "" } else { "s" },
                num(surplus)
            ));
            if series.len() >= 2 {
                let cells: Vec<String> = series
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        format!("<tr><td class=\"n\">{}</td><td>{}</td></tr>", i + 1, num(v))
                    })
                    .collect();
                out.push_str(&format!(
                    "<details><summary>Π_I for I = 1..{}</summary><table class=\"series\"><thead><tr><th>I</th><th>Π_I</th></tr></thead><tbody>{}</tbody></table></details>\n",
                    series.len(),
                    cells.join("")
                ));
                out.push_str(&figure(
                    &plot::surplus_in_buyers(inst, series),
                    &format!(
                        "Π_I against the number of buyers I = 1..{} (exact values; red dots are negative).",
                        series.len()
                    ),
                ));
            }
            if let Some(sb) = second_best {
                out.push_str(&format!(
                    "<table class=\"second-best\"><tbody><tr><th>second best W (ex post BB, interim IC and IR; exact LP, certificate re-checked)</th><td>{}</td></tr><tr><th>first best</th><td>{}</td></tr><tr><th>Π(x*) of the efficient allocation</th><td>{}</td></tr><tr><th>Theorem 3's reduced problem: max W(x) over implementable x with Π(x) = 0 (the second best when Π(x*) &lt; 0)</th><td>{}</td></tr></tbody></table>\n",
                    num(&sb.welfare),
                    num(&sb.first_best_welfare),
                    num(&sb.pi_first_best),
                    num(&sb.reduced_welfare)
                ));
                let p = inst.param_name();
                let rows: Vec<String> = inst
                    .buyer
                    .values
                    .iter()
                    .map(|v| v.display_with(p))
                    .collect();
                let cols: Vec<String> = inst
                    .seller
                    .values
                    .iter()
                    .map(|v| v.display_with(p))
                    .collect();
                out.push_str(&figure(
                    &plot::heat_map(
                        &format!("{}: second-best allocation x(B, S)", inst.name),
                        &rows,
                        &cols,
                        &sb.allocation.to_rows(),
                    ),
                    "The second-best allocation as a heat map (the exact value of each cell is written in it, or shown on hovering).",
                ));
            } else if let Some(why) = no_second_best {
                out.push_str(&format!(
                    "<p class=\"na\">No second best: {}.</p>\n",
                    esc(why)
                ));
            }
        }
    }
    out.push_str("</article>\n");
}

fn uniform(r: &Report, out: &mut String) {
    out.push_str("<section id=\"uniform\">\n<h2>The discretised uniform case (Section 7.3)</h2>\n");
    if r.uniform.is_empty() {
        out.push_str("<p>Not computed (<code>--uniform-up-to 0</code>).</p>\n</section>\n");
        return;
    }
    let top = r.uniform.last().map_or(0, |u| u.n);
    out.push_str(&format!(
        "<p>Buyer and seller values uniform on [0, 1], discretised on the n midpoints (2k − 1)/(2n), each with probability 1/n. The exact second best W_n (an exact LP) and the first best FB_n = (n² − 1)/(6n²), for n = 2..{top} (the report stops at n = {top} so that it stays fast; <code>cargo run --release -p mechcert-opt --example uniform_showcase</code> goes further). As n grows, FB_n → 1/6 and W_n approaches Myerson and Satterthwaite's 9/64.</p>\n"
    ));
    out.push_str("<table id=\"uniform-table\">\n<thead><tr><th>n</th><th>W_n (second best)</th><th>FB_n (first best)</th><th>W_n / FB_n</th></tr></thead>\n<tbody>\n");
    for u in &r.uniform {
        let ratio = if u.first_best.is_zero() {
            String::from("-")
        } else {
            num(&(&u.second_best / &u.first_best))
        };
        out.push_str(&format!(
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            u.n,
            num(&u.second_best),
            num(&u.first_best),
            ratio
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    let xs: Vec<usize> = r.uniform.iter().map(|u| u.n).collect();
    let equal: Vec<String> = r
        .uniform
        .iter()
        .filter(|u| u.second_best == u.first_best)
        .map(|u| u.n.to_string())
        .collect();
    let coincide = if equal.is_empty() {
        String::new()
    } else {
        format!(
            " (the lines coincide where W_n = FB_n: n = {})",
            equal.join(", ")
        )
    };
    let w: Vec<Rat> = r.uniform.iter().map(|u| u.second_best.clone()).collect();
    let fb: Vec<Rat> = r.uniform.iter().map(|u| u.first_best.clone()).collect();
    out.push_str(&figure(
        &plot::lines_against(
            "discretised uniform case: W_n and FB_n against n",
            "n (points per side)",
            "welfare",
            &xs,
            &[
                plot::Line {
                    label: "FB_n (first best)",
                    values: &fb,
                    colour: "#b8321a",
                },
                plot::Line {
                    label: "W_n (second best)",
                    values: &w,
                    colour: "#1f5fa8",
                },
            ],
            &[(Rat::new(1, 6), "1/6 limit"), (Rat::new(9, 64), "9/64 limit")],
        ),
        &format!(
            "W_n and FB_n against n, exact values{}; the dashed lines are the continuous limits 1/6 and 9/64.",
            coincide
        ),
    ));
    out.push_str("</section>\n");
}

/// The whole page.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>mechcert report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&r.dir)
    ));
    out.push_str(&format!(
        "<header>\n<h1>mechcert report</h1>\n<p>Every claim of Kos &amp; Manea, <em>Efficient Trade Mechanism with Discrete Values</em>, certified exactly on every instance file of <code>{}</code> by mechcert {} (rational arithmetic throughout). Numbers are exact fractions; a grey <span class=\"approx\">≈&nbsp;0.123457</span> beside one is its decimal approximation to {PLACES} places, for reading only, rounded from the exact fraction by integer arithmetic. The pictures are drawn from exact values. This page is self-contained: no script, no network.</p>\n",
        esc(&r.dir),
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str("<nav><ul>\n<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#findings\">Findings</a></li>\n<li><a href=\"#claims\">Claims</a></li>\n<li><a href=\"#examples\">Worked examples and instances</a></li>\n<li><a href=\"#uniform\">The discretised uniform case</a></li>\n<li><a href=\"#reproduce\">Reproduce</a></li>\n</ul></nav>\n</header>\n<main>\n");
    summary(r, &mut out);
    findings(r, &mut out);
    out.push_str("<section id=\"claims\">\n<h2>Claims</h2>\n");
    for c in all() {
        claim_section(r, c, &mut out);
    }
    out.push_str("</section>\n<section id=\"examples\">\n<h2>Worked examples and instances</h2>\n");
    out.push_str(&format!(
        "<p>Every instance file of <code>{}</code>: the paper's worked examples and the counterexamples and witnesses search found, with the expected surplus Π of VCG' (Π(k) per cell for a family, Π_I against the number of buyers I = 1..{} otherwise) and, for one buyer, the second best of Section 6 with its allocation.</p>\n",
        esc(&r.dir),
        r.options.buyers_up_to
    ));
    for v in &r.instances {
        instance_section(r, v, &mut out);
    }
    out.push_str("</section>\n");
    uniform(r, &mut out);
    out.push_str(&format!(
        "<section id=\"reproduce\">\n<h2>Reproduce</h2>\n<pre>mechcert certify --all {0}          # every verdict above, with its certificate\nmechcert report {0} --html report.html\nmechcert cert-check {0}/certificates/*.cert.json</pre>\n</section>\n</main>\n</body>\n</html>\n",
        esc(&r.dir)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standalone_fractions_get_an_approximation() {
        // 17/9 = 1.888...: rounded to 1.888889; 19/10 = 1.9 exactly needs none
        assert_eq!(
            annotated("W = 17/9, second best = 19/10"),
            "W = <span class=\"exact\">17/9</span> <span class=\"approx\" title=\"decimal approximation, for reading only\">≈&nbsp;1.888889</span>, second best = <span class=\"exact\">19/10</span>"
        );
        // coefficients of a polynomial are left alone, and so is a path or an id
        assert_eq!(annotated("19/27 - 4/27*k"), "19/27 - 4/27*k");
        assert_eq!(annotated("x/1/3 a1/3"), "x/1/3 a1/3");
        // negative, and text escaped around it
        assert!(annotated("<-1/3>").starts_with("&lt;<span class=\"exact\">-1/3</span>"));
    }
}
