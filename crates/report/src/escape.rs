//! Escaping text that comes from inputs (instance names, sources, file names, reasons) before
//! it is put in HTML, SVG or LaTeX: nothing an instance file says can become markup.

/// Text for HTML or SVG content and attribute values: `& < > " '` become entities, control
/// characters (other than newline and tab) become U+FFFD.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A string usable as (part of) an HTML id: letters, digits, `-` and `_` kept, anything else
/// becomes `-`.
pub fn id(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Text for LaTeX (text mode): the ten special characters `# $ % & ~ _ ^ \ { }` are escaped,
/// control characters dropped, and the mathematical symbols mechcert prints are written as
/// LaTeX commands so that a plain pdflatex build accepts them.
pub fn latex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' | '$' | '%' | '&' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            'Π' => out.push_str("$\\Pi$"),
            'ψ' => out.push_str("$\\psi$"),
            'Δ' => out.push_str("$\\Delta$"),
            'Σ' => out.push_str("$\\Sigma$"),
            'ε' => out.push_str("$\\varepsilon$"),
            '≥' => out.push_str("$\\geq$"),
            '≤' => out.push_str("$\\leq$"),
            '≠' => out.push_str("$\\neq$"),
            '→' => out.push_str("$\\to$"),
            '−' | '–' => out.push('-'),
            '—' => out.push_str("---"),
            '·' => out.push_str("$\\cdot$"),
            '×' => out.push_str("$\\times$"),
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities() {
        assert_eq!(
            html("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(html("a\u{7}b"), "a\u{FFFD}b");
        assert_eq!(id("theorem-4.x y"), "theorem-4-x-y");
    }

    #[test]
    fn latex_specials() {
        assert_eq!(
            latex(r"50% of $x_1 & {y}^2 # ~ \"),
            r"50\% of \$x\_1 \& \{y\}\textasciicircum{}2 \# \textasciitilde{} \textbackslash{}"
        );
        assert_eq!(latex("Π ≥ 0"), r"$\Pi$ $\geq$ 0");
    }
}
