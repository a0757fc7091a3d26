//! The parameter domain of an instance (`k > 1`, `1 < k < 10`, `k >= 2`, `0 < k <= 5`,
//! `k = 3`, `all k`, and the mirrored forms): an interval with open or closed rational ends,
//! membership, deterministic sample points inside it, and a proof that a polynomial has no
//! root on it (Sturm).

use std::cmp::Ordering;

use crate::number::{Q, fmt_rat, int, parse_rat};
use crate::poly::{End, Poly, count_roots_open};
use crate::quote::quote;

/// A finite end of the domain: the number and whether it belongs to the domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bound {
    pub at: Q,
    pub closed: bool,
}

/// A nonempty interval of the real line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    pub lo: Option<Bound>,
    pub hi: Option<Bound>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(Q),
    Param,
    Rel(&'static str),
}

fn tokenize(s: &str, param: &str) -> Result<Vec<Tok>, String> {
    let mut out = vec![];
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'<' || c == b'>' || c == b'=' {
            let two = b.get(i + 1) == Some(&b'=') && c != b'=';
            out.push(Tok::Rel(match (c, two) {
                (b'<', true) => "<=",
                (b'<', false) => "<",
                (b'>', true) => ">=",
                (b'>', false) => ">",
                _ => "=",
            }));
            i += if two { 2 } else { 1 };
        } else if c.is_ascii_digit() || c == b'-' || c == b'/' {
            let start = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'/') {
                i += 1;
            }
            out.push(Tok::Num(parse_rat(&s[start..i])?));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let word = &s[start..i];
            if word == param {
                out.push(Tok::Param);
            } else {
                return Err(format!(
                    "unknown word {word} (the parameter is {param})",
                    param = quote(param),
                    word = quote(word)
                ));
            }
        } else {
            return Err(format!("unexpected character `{}`", char::from(c)));
        }
    }
    Ok(out)
}

impl Domain {
    /// The whole real line.
    pub fn all() -> Domain {
        Domain { lo: None, hi: None }
    }

    /// Parse a domain in the parameter `param`.
    pub fn parse(s: &str, param: &str) -> Result<Domain, String> {
        let t = s.trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        if words == ["all", param] || words == ["all"] {
            return Ok(Domain::all());
        }
        let wrap = |e: String| format!("domain {s}: {e}", s = quote(s));
        let toks = tokenize(t, param).map_err(wrap)?;
        let lower = |rel: &str, q: &Q| -> Option<Bound> {
            match rel {
                ">" => Some(Bound {
                    at: q.clone(),
                    closed: false,
                }),
                ">=" => Some(Bound {
                    at: q.clone(),
                    closed: true,
                }),
                _ => None,
            }
        };
        let upper = |rel: &str, q: &Q| -> Option<Bound> {
            match rel {
                "<" => Some(Bound {
                    at: q.clone(),
                    closed: false,
                }),
                "<=" => Some(Bound {
                    at: q.clone(),
                    closed: true,
                }),
                _ => None,
            }
        };
        let flip = |rel: &'static str| -> &'static str {
            match rel {
                "<" => ">",
                "<=" => ">=",
                ">" => "<",
                ">=" => "<=",
                r => r,
            }
        };
        let d = match toks.as_slice() {
            [Tok::Param, Tok::Rel("="), Tok::Num(q)] | [Tok::Num(q), Tok::Rel("="), Tok::Param] => {
                let b = Bound {
                    at: q.clone(),
                    closed: true,
                };
                Domain {
                    lo: Some(b.clone()),
                    hi: Some(b),
                }
            }
            [Tok::Param, Tok::Rel(r), Tok::Num(q)] => match (lower(r, q), upper(r, q)) {
                (Some(l), _) => Domain {
                    lo: Some(l),
                    hi: None,
                },
                (_, Some(h)) => Domain {
                    lo: None,
                    hi: Some(h),
                },
                _ => return Err(wrap("expected a comparison".into())),
            },
            [Tok::Num(q), Tok::Rel(r), Tok::Param] => {
                let r = flip(r);
                match (lower(r, q), upper(r, q)) {
                    (Some(l), _) => Domain {
                        lo: Some(l),
                        hi: None,
                    },
                    (_, Some(h)) => Domain {
                        lo: None,
                        hi: Some(h),
                    },
                    _ => return Err(wrap("expected a comparison".into())),
                }
            }
            [
                Tok::Num(a),
                Tok::Rel(r1),
                Tok::Param,
                Tok::Rel(r2),
                Tok::Num(b),
            ] => {
                // a < k < b, or a > k > b
                match (
                    lower(flip(r1), a),
                    upper(r2, b),
                    upper(flip(r1), a),
                    lower(r2, b),
                ) {
                    (Some(l), Some(h), _, _) | (_, _, Some(h), Some(l)) => Domain {
                        lo: Some(l),
                        hi: Some(h),
                    },
                    _ => return Err(wrap("the two comparisons must point the same way".into())),
                }
            }
            _ => {
                return Err(wrap(format!(
                    "expected a form such as `{param} > 1`, `1 < {param} <= 5`, `{param} = 3` or `all {param}`"
                )));
            }
        };
        if let (Some(l), Some(h)) = (&d.lo, &d.hi) {
            let ok = match l.at.cmp(&h.at) {
                Ordering::Less => true,
                Ordering::Equal => l.closed && h.closed,
                Ordering::Greater => false,
            };
            if !ok {
                return Err(wrap("the domain is empty".into()));
            }
        }
        Ok(d)
    }

    /// The single point of a domain `k = c`.
    pub fn point(&self) -> Option<&Q> {
        match (&self.lo, &self.hi) {
            (Some(l), Some(h)) if l.at == h.at => Some(&l.at),
            _ => None,
        }
    }

    pub fn contains(&self, q: &Q) -> bool {
        let lo_ok = self
            .lo
            .as_ref()
            .is_none_or(|l| if l.closed { q >= &l.at } else { q > &l.at });
        let hi_ok = self
            .hi
            .as_ref()
            .is_none_or(|h| if h.closed { q <= &h.at } else { q < &h.at });
        lo_ok && hi_ok
    }

    /// `n` distinct points of the domain, chosen deterministically (only the point itself
    /// for a one-point domain): interior equispaced points of a bounded interval, a + 1,
    /// a + 2, ... above a lower end, b - 1, b - 2, ... below an upper end, 0, 1, 2, ... on
    /// the whole line.
    pub fn sample_points(&self, n: usize) -> Vec<Q> {
        if let Some(p) = self.point() {
            return vec![p.clone()];
        }
        let count = i64::try_from(n).expect("sample counts are small");
        (1..=count)
            .map(|i| match (&self.lo, &self.hi) {
                (Some(l), Some(h)) => {
                    &l.at + (&h.at - &l.at) * Q::new(i.into(), (count + 1).into())
                }
                (Some(l), None) => &l.at + int(i),
                (None, Some(h)) => &h.at - int(i),
                (None, None) => int(i - 1),
            })
            .collect()
    }

    /// Does the nonzero polynomial `p` vanish nowhere on the domain?
    pub fn root_free(&self, p: &Poly) -> bool {
        if p.is_zero() {
            return false;
        }
        for b in [&self.lo, &self.hi].into_iter().flatten() {
            if b.closed && p.eval(&b.at) == Q::from_integer(0.into()) {
                return false;
            }
        }
        if self.point().is_some() {
            return true;
        }
        let end = |b: &Option<Bound>| match b {
            Some(b) => End::Finite(b.at.clone()),
            None => End::Infinite,
        };
        count_roots_open(p, &end(&self.lo), &end(&self.hi)) == 0
    }

    /// The sign of `p` on the whole domain, if it is constant (`Equal` for p = 0).
    pub fn constant_sign(&self, p: &Poly) -> Option<Ordering> {
        if p.is_zero() {
            return Some(Ordering::Equal);
        }
        if !self.root_free(p) {
            return None;
        }
        let at = self.sample_points(1).pop().expect("one point");
        Some(crate::poly::sign(&p.eval(&at)))
    }

    pub fn display_with(&self, param: &str) -> String {
        if let Some(p) = self.point() {
            return format!("{param} = {}", fmt_rat(p));
        }
        let lo = self
            .lo
            .as_ref()
            .map(|l| format!("{} {} ", fmt_rat(&l.at), if l.closed { "<=" } else { "<" }));
        let hi = self
            .hi
            .as_ref()
            .map(|h| format!(" {} {}", if h.closed { "<=" } else { "<" }, fmt_rat(&h.at)));
        match (lo, hi) {
            (None, None) => format!("all {param}"),
            (lo, hi) => format!(
                "{}{param}{}",
                lo.unwrap_or_default(),
                hi.unwrap_or_default()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Domain {
        Domain::parse(s, "k").unwrap()
    }

    #[test]
    fn sample_points_lie_in_the_domain() {
        let q = |v: &[(i64, i64)]| -> Vec<Q> {
            v.iter().map(|&(a, b)| Q::new(a.into(), b.into())).collect()
        };
        // three interior points of (1, 2): 1 + 1/4, 1 + 2/4, 1 + 3/4
        assert_eq!(
            d("1 < k < 2").sample_points(3),
            q(&[(5, 4), (3, 2), (7, 4)])
        );
        // above a lower end: a + 1, a + 2, ...; below an upper end: b - 1, b - 2, ...
        assert_eq!(d("k > 1").sample_points(3), q(&[(2, 1), (3, 1), (4, 1)]));
        assert_eq!(d("k < 3").sample_points(3), q(&[(2, 1), (1, 1), (0, 1)]));
        assert_eq!(d("all k").sample_points(3), q(&[(0, 1), (1, 1), (2, 1)]));
        assert_eq!(d("k = 5").sample_points(3), q(&[(5, 1)]));
    }

    #[test]
    fn parses() {
        assert_eq!(d("k > 1").display_with("k"), "1 < k");
        assert_eq!(d("1 < k < 10").display_with("k"), "1 < k < 10");
        assert_eq!(d("k >= 2").display_with("k"), "2 <= k");
        assert_eq!(d("0 < k <= 5").display_with("k"), "0 < k <= 5");
        assert_eq!(d("k = 3").display_with("k"), "k = 3");
        assert_eq!(d("all k"), Domain::all());
        assert_eq!(d("1 < k"), d("k > 1"));
        assert_eq!(d("k<-1/2"), d("-1/2 > k"));
        assert_eq!(d("10 > k > 1"), d("1 < k < 10"));
        for bad in [
            "k > ",
            "j > 1",
            "5 < k < 1",
            "1 < k > 3",
            "k = 1 = 2",
            "k > 1.5",
            "",
        ] {
            assert!(Domain::parse(bad, "k").is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn samples_and_roots() {
        let dom = d("1 < k < 2");
        let pts = dom.sample_points(3);
        assert_eq!(pts.len(), 3);
        assert!(pts.iter().all(|p| dom.contains(p)));
        let kminus1 = Poly::from_coeffs(vec![int(-1), int(1)]);
        assert!(dom.root_free(&kminus1));
        assert!(!d("k >= 1").root_free(&kminus1));
        assert!(d("k > 1").root_free(&kminus1));
        assert!(!d("all k").root_free(&kminus1));
        assert_eq!(d("k > 1").constant_sign(&kminus1), Some(Ordering::Greater));
    }
}
