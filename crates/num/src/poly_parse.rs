//! Parsing polynomials from instance-file strings: `8k + 1`, `3*k`, `k^2 - 1/2`, `-k + 2`,
//! `2(k+1)`, `(k - 1)^2`, `-3/4*k^2`, `k/2`.
//!
//! Grammar (whitespace is ignored between tokens):
//! ```text
//! sum     := term (('+' | '-') term)*
//! term    := signed (('*' | '/') signed | <implicit product> power)*
//! signed  := ('+' | '-')* power
//! power   := primary ('^' integer)?
//! primary := number | parameter | '(' sum ')'
//! ```
//! An implicit product is only allowed before the parameter or `(` (`7k`, `2(k+1)`), never
//! before a number, so `8k 1` is an error rather than `8k`. Division is only by a non-zero
//! constant. Numbers are exact (`7`, `1/3` as a quotient); decimals are rejected with the
//! fraction to write instead (the message of `Rat`'s parser is forwarded).
//!
//! Invariant: the parser never panics and never recurses or allocates without bound on any
//! input: nesting depth, exponents, degrees and coefficient sizes are capped, and every
//! failure is a one-line [`PolyParseError`] naming what is wrong and the fix.

use std::fmt;

use crate::{ParseRatError, Poly, Rat};

/// Largest degree (and exponent) a parsed polynomial may have.
pub const MAX_PARSED_DEGREE: usize = 1000;
/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 64;
/// Largest coefficient size (bits of numerator plus denominator) an intermediate may reach.
const MAX_BITS: u64 = 1 << 16;
/// Largest size of a product or power the parser computes: its number of coefficients times
/// the size bound of its largest one. A power is computed only when its result is within it,
/// so no input makes the parser multiply large polynomials for long (`(a + b*k)^555` with
/// 20-bit coefficients would be 556 coefficients of up to 12,000 bits).
const MAX_TOTAL_BITS: u64 = 1 << 18;

/// Whether a polynomial with at most `terms` non-zero coefficients of up to `bits` bits each
/// is small enough to compute.
fn within_total(terms: u64, bits: u64) -> bool {
    terms.saturating_mul(bits) <= MAX_TOTAL_BITS
}

/// The number of non-zero coefficients of `p`.
fn nonzero_terms(p: &Poly) -> u64 {
    p.coeffs().iter().filter(|c| !c.is_zero()).count() as u64
}

/// Bits of a count: a sum of `n` terms has at most this many bits more than its largest term.
fn log2_ceil(n: u64) -> u64 {
    u64::from(64 - n.saturating_sub(1).leading_zeros())
}

/// Why a string is not a polynomial in the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolyParseError {
    Empty,
    /// An identifier that is not the parameter.
    UnknownSymbol {
        symbol: String,
        param: String,
    },
    /// A number literal `Rat` rejects (e.g. a decimal; the fraction is suggested).
    Number {
        literal: String,
        error: ParseRatError,
    },
    UnexpectedChar(char),
    /// A binary operator with nothing after it (`8k +`).
    DanglingOperator(char),
    /// An operator with no term before it (`* k`, `k + * 2`).
    MissingTerm(char),
    /// Two terms with no operator between them (`8k 1`).
    MissingOperator {
        before: String,
        after: String,
    },
    UnclosedParen,
    UnmatchedParen,
    EmptyParens,
    /// An exponent that is not an integer in `0..=MAX_PARSED_DEGREE`.
    BadExponent(String),
    /// `k^2^3`: ambiguous, parentheses required.
    ChainedPower,
    DivisionByZero,
    /// Division by something depending on the parameter.
    NonConstantDivisor {
        param: String,
    },
    /// A cap on nesting, degree or coefficient size was hit.
    TooLarge(&'static str),
}

impl fmt::Display for PolyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PolyParseError as E;
        match self {
            E::Empty => write!(f, "empty polynomial: write a number or e.g. `8*k + 1`"),
            E::UnknownSymbol { symbol, param } => {
                write!(f, "unknown symbol `{symbol}`: the parameter is `{param}`")
            }
            E::Number { literal, error } => write!(f, "bad number `{literal}`: {error}"),
            E::UnexpectedChar(c) => write!(
                f,
                "unexpected character `{c}`: use numbers, the parameter, + - * / ^ and parentheses"
            ),
            E::DanglingOperator(op) => write!(f, "dangling `{op}`: a term must follow it"),
            E::MissingTerm(op) => write!(f, "a term is missing before `{op}`"),
            E::MissingOperator { before, after } => write!(
                f,
                "missing operator between `{before}` and `{after}`: write `+`, `-` or `*` between them"
            ),
            E::UnclosedParen => write!(f, "unclosed `(`: add the matching `)`"),
            E::UnmatchedParen => write!(f, "unmatched `)`: remove it or add a `(` before it"),
            E::EmptyParens => write!(f, "empty parentheses `()`: put a term inside"),
            E::BadExponent(s) => write!(
                f,
                "bad exponent `{s}`: exponents must be integers from 0 to {MAX_PARSED_DEGREE}"
            ),
            E::ChainedPower => write!(f, "ambiguous chained power: write `(k^2)^3`"),
            E::DivisionByZero => write!(f, "division by zero"),
            E::NonConstantDivisor { param } => write!(
                f,
                "division by an expression in `{param}`: only division by a non-zero number is allowed"
            ),
            E::TooLarge(what) => write!(f, "polynomial too large: {what}"),
        }
    }
}

impl std::error::Error for PolyParseError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(String),
    Ident(String),
    Op(char),
    LParen,
    RParen,
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Num(s) | Tok::Ident(s) => s.clone(),
            Tok::Op(c) => c.to_string(),
            Tok::LParen => "(".into(),
            Tok::RParen => ")".into(),
        }
    }
}

fn tokenize(s: &str) -> Result<Vec<Tok>, PolyParseError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // A decimal exponent (`1e3`, `2E-5`) belongs to the literal, so that the
            // message is about the number rather than an unknown symbol `e3`.
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    i = j;
                }
            }
            out.push(Tok::Num(chars[start..i].iter().collect()));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else {
            out.push(match c {
                '+' | '-' | '*' | '/' | '^' => Tok::Op(c),
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                _ => return Err(PolyParseError::UnexpectedChar(c)),
            });
            i += 1;
        }
    }
    Ok(out)
}

fn max_bits(p: &Poly) -> u64 {
    p.coeffs().iter().map(Rat::bit_size).max().unwrap_or(0)
}

struct Parser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
    param: &'a str,
}

type Res<T> = Result<T, PolyParseError>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn prev_op(&self) -> Option<char> {
        match self.pos.checked_sub(1).and_then(|i| self.toks.get(i)) {
            Some(Tok::Op(c)) => Some(*c),
            _ => None,
        }
    }

    fn sum(&mut self) -> Res<Poly> {
        let mut acc = self.term()?;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.peek() {
            let op = *op;
            self.pos += 1;
            let t = self.term()?;
            if op == '+' {
                acc += &t;
            } else {
                acc -= &t;
            }
            if max_bits(&acc) > MAX_BITS {
                return Err(PolyParseError::TooLarge("coefficients too long"));
            }
        }
        Ok(acc)
    }

    fn term(&mut self) -> Res<Poly> {
        let mut acc = self.signed()?;
        loop {
            match self.peek() {
                Some(Tok::Op('*')) => {
                    self.pos += 1;
                    let f = self.signed()?;
                    acc = mul_checked(&acc, &f)?;
                }
                Some(Tok::Op('/')) => {
                    self.pos += 1;
                    let f = self.signed()?;
                    let Some(c) = f.as_constant() else {
                        return Err(PolyParseError::NonConstantDivisor {
                            param: self.param.into(),
                        });
                    };
                    let Some(inv) = c.recip() else {
                        return Err(PolyParseError::DivisionByZero);
                    };
                    acc = mul_checked(&acc, &Poly::constant(inv))?;
                }
                Some(Tok::Op('^')) => return Err(PolyParseError::ChainedPower),
                Some(Tok::Ident(_) | Tok::LParen) => {
                    let f = self.power()?;
                    acc = mul_checked(&acc, &f)?;
                }
                Some(Tok::Num(n)) => {
                    let after = n.clone();
                    let before = self.toks[self.pos - 1].text();
                    return Err(PolyParseError::MissingOperator { before, after });
                }
                _ => return Ok(acc),
            }
        }
    }

    fn signed(&mut self) -> Res<Poly> {
        let mut neg = false;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.peek() {
            neg ^= *op == '-';
            self.pos += 1;
        }
        let p = self.power()?;
        Ok(if neg { -p } else { p })
    }

    fn power(&mut self) -> Res<Poly> {
        let base = self.primary()?;
        if self.peek() != Some(&Tok::Op('^')) {
            return Ok(base);
        }
        self.pos += 1;
        let e = match self.peek() {
            Some(Tok::Num(s)) => {
                let e = s
                    .parse::<usize>()
                    .ok()
                    .filter(|e| *e <= MAX_PARSED_DEGREE && s.chars().all(|c| c.is_ascii_digit()))
                    .ok_or_else(|| PolyParseError::BadExponent(s.clone()))?;
                self.pos += 1;
                e
            }
            Some(t) => return Err(PolyParseError::BadExponent(t.text())),
            None => return Err(PolyParseError::DanglingOperator('^')),
        };
        let deg = base.degree().unwrap_or(0);
        if deg.saturating_mul(e) > MAX_PARSED_DEGREE {
            return Err(PolyParseError::TooLarge("degree above 1000"));
        }
        let bits = max_bits(&base).saturating_add(deg as u64 + 1);
        if bits.saturating_mul(e as u64) > MAX_BITS {
            return Err(PolyParseError::TooLarge("coefficients too long"));
        }
        // (a sum of t terms)^e: at most min(deg*e + 1, 1 if t = 1) non-zero coefficients, each
        // at most e times (the base's largest coefficient plus log2 t) bits
        let t = nonzero_terms(&base);
        let terms = if t <= 1 { 1 } else { (deg * e) as u64 + 1 };
        let each = (max_bits(&base) + log2_ceil(t)).saturating_mul(e as u64);
        if !within_total(terms, each) {
            return Err(PolyParseError::TooLarge(
                "power too large to expand (degree times coefficient size above 2^18 bits)",
            ));
        }
        Ok(base.pow(e as u32))
    }

    fn primary(&mut self) -> Res<Poly> {
        let Some(tok) = self.peek().cloned() else {
            return Err(match self.prev_op() {
                Some(op) => PolyParseError::DanglingOperator(op),
                None => PolyParseError::Empty,
            });
        };
        self.pos += 1;
        match tok {
            Tok::Num(lit) => match lit.parse::<Rat>() {
                Ok(r) => Ok(Poly::constant(r)),
                Err(error) => Err(PolyParseError::Number {
                    literal: lit,
                    error,
                }),
            },
            Tok::Ident(s) if s == self.param => Ok(Poly::var()),
            Tok::Ident(symbol) => Err(PolyParseError::UnknownSymbol {
                symbol,
                param: self.param.into(),
            }),
            Tok::LParen => {
                if self.depth >= MAX_DEPTH {
                    return Err(PolyParseError::TooLarge("parentheses nested too deeply"));
                }
                if self.peek() == Some(&Tok::RParen) {
                    return Err(PolyParseError::EmptyParens);
                }
                self.depth += 1;
                let inner = self.sum()?;
                self.depth -= 1;
                match self.peek() {
                    Some(Tok::RParen) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err(PolyParseError::UnclosedParen),
                }
            }
            Tok::RParen => {
                self.pos -= 1;
                Err(match self.prev_op() {
                    Some(op) => PolyParseError::DanglingOperator(op),
                    None => PolyParseError::UnmatchedParen,
                })
            }
            Tok::Op(op) => Err(PolyParseError::MissingTerm(op)),
        }
    }
}

fn mul_checked(a: &Poly, b: &Poly) -> Res<Poly> {
    let deg = a.degree().unwrap_or(0) + b.degree().unwrap_or(0);
    if deg > MAX_PARSED_DEGREE {
        return Err(PolyParseError::TooLarge("degree above 1000"));
    }
    // The sizes of the factors bound the product's coefficients; the limit applies to the
    // product itself (so that a coefficient at the limit, printed as `N/D` and read back as
    // N times 1/D, is accepted again), and factors too large to be worth multiplying are
    // refused before multiplying.
    let bits = max_bits(a) + max_bits(b);
    if bits > 2 * MAX_BITS {
        return Err(PolyParseError::TooLarge("coefficients too long"));
    }
    // at most min(deg + 1, ta * tb) non-zero coefficients, each a sum of at most min(ta, tb)
    // products of two coefficients
    let (ta, tb) = (nonzero_terms(a), nonzero_terms(b));
    let terms = (deg as u64 + 1).min(ta.saturating_mul(tb));
    if !within_total(terms, bits + log2_ceil(ta.min(tb))) {
        return Err(PolyParseError::TooLarge(
            "product too large to expand (degree times coefficient size above 2^18 bits)",
        ));
    }
    let p = a * b;
    if max_bits(&p) > MAX_BITS {
        return Err(PolyParseError::TooLarge("coefficients too long"));
    }
    Ok(p)
}

impl Poly {
    /// Parse a polynomial in the parameter `param` (see the module docs for the grammar).
    pub fn parse(s: &str, param: &str) -> Result<Poly, PolyParseError> {
        let toks = tokenize(s)?;
        if toks.is_empty() {
            return Err(PolyParseError::Empty);
        }
        let mut p = Parser {
            toks,
            pos: 0,
            depth: 0,
            param,
        };
        let out = p.sum()?;
        match p.peek() {
            None => Ok(out),
            Some(Tok::RParen) => Err(PolyParseError::UnmatchedParen),
            // `sum` and `term` consume everything else or report it themselves.
            Some(t) => Err(PolyParseError::MissingOperator {
                before: p.toks[p.pos - 1].text(),
                after: t.text(),
            }),
        }
    }
}
