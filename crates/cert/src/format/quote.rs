//! Echoing input in messages, safely: every error of mechcert is one line, so a piece of
//! input quoted in it is escaped (`\n`, `\r`, `\t`, other control characters, and invisible
//! or reordering characters such as bidi overrides as `\u{..}`: no forged second line, no
//! terminal escape sequence) and truncated (at most 80 characters; beyond, its start, an
//! ellipsis and its length). One function quotes (`quote`), one escapes (`escape`), and
//! `clip` bounds the messages of other libraries (TOML, number parsers) that may echo input;
//! the checker, `mechcert-model` and the CLI use them wherever they echo input.

/// The longest quotation kept whole, in characters after escaping.
pub const QUOTE_CHARS: usize = 80;

/// How much of a longer quotation is shown, in characters after escaping.
const SHOWN_CHARS: usize = 64;

/// Characters that print nothing visible or change how the rest of the line is shown.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

fn escaped(c: char) -> Option<String> {
    match c {
        '\n' => Some("\\n".into()),
        '\r' => Some("\\r".into()),
        '\t' => Some("\\t".into()),
        c if invisible(c) => Some(format!("\\u{{{:x}}}", u32::from(c))),
        _ => None,
    }
}

/// `s` with newlines, tabs, control and invisible characters written as escapes (`\n`,
/// `\u{1b}`); everything else unchanged. Safe to print on one line of a terminal.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match escaped(c) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    out
}

/// `s` quoted for a message: `` `text` ``, escaped; when longer than `QUOTE_CHARS`
/// characters (after escaping), its first 64, an ellipsis and its length in characters of
/// the input: `` `1111…` (10001 characters) ``.
pub fn quote(s: &str) -> String {
    let mut shown = String::new();
    let mut width = 0;
    let mut cut = false;
    for c in s.chars() {
        let piece = escaped(c).unwrap_or_else(|| c.to_string());
        let w = piece.chars().count();
        if width + w > QUOTE_CHARS {
            cut = true;
            break;
        }
        width += w;
        shown.push_str(&piece);
    }
    if !cut {
        return format!("`{shown}`");
    }
    let mut start = String::new();
    let mut width = 0;
    for c in s.chars() {
        let piece = escaped(c).unwrap_or_else(|| c.to_string());
        let w = piece.chars().count();
        if width + w > SHOWN_CHARS {
            break;
        }
        width += w;
        start.push_str(&piece);
    }
    format!("`{start}…` ({} characters)", s.chars().count())
}

/// The longest message of another library kept whole by `clip`, in characters.
pub const CLIP_CHARS: usize = 240;

/// A message of another library (a TOML or number parser) that may echo pieces of the input
/// unquoted: escaped like `escape`, and cut after `CLIP_CHARS` characters with an ellipsis.
pub fn clip(message: impl std::fmt::Display) -> String {
    let e = escape(&message.to_string());
    if e.chars().count() <= CLIP_CHARS {
        e
    } else {
        format!("{}…", e.chars().take(CLIP_CHARS).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_input_is_quoted_whole() {
        assert_eq!(quote("8k + 1"), "`8k + 1`");
        assert_eq!(quote(""), "``");
        assert_eq!(quote(&"x".repeat(80)), format!("`{}`", "x".repeat(80)));
    }

    #[test]
    fn long_input_is_cut_with_its_length() {
        let q = quote(&"1".repeat(10_001));
        assert_eq!(q, format!("`{}…` (10001 characters)", "1".repeat(64)));
        // 81 characters: cut
        assert!(quote(&"y".repeat(81)).ends_with("(81 characters)"));
    }

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        assert_eq!(
            quote("1\nerror: forged\u{1b}[31m"),
            "`1\\nerror: forged\\u{1b}[31m`"
        );
        assert_eq!(
            escape("a\tb\r\u{202e}c\u{200b}"),
            "a\\tb\\r\\u{202e}c\\u{200b}"
        );
        assert_eq!(escape("Π_2(k) ≥ 0"), "Π_2(k) ≥ 0");
        // escapes count towards the limit: 40 escape characters are 40 * 6 > 80
        let q = quote(&"\u{7}".repeat(40));
        assert!(q.starts_with("`\\u{7}"), "{q}");
        assert!(q.ends_with("(40 characters)"), "{q}");
        assert!(!q.contains('\u{7}'));
    }

    #[test]
    fn messages_of_other_libraries_are_clipped() {
        assert_eq!(clip("unknown symbol `x\ny`"), "unknown symbol `x\\ny`");
        let long = clip(format!("bad `{}`", "z".repeat(1000)));
        assert_eq!(long.chars().count(), CLIP_CHARS + 1);
        assert!(long.ends_with('…'));
    }
}
