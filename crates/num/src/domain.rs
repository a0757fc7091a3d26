//! Parsing parameter domains: `k > 1`, `1 < k < 10`, `k >= 2`, `k <= 3`, `0 < k <= 5`,
//! `2 > k` (reversed), `10 > k > 1`, `k = 3`, `1/2 < k`, `all k`.
//!
//! Invariant: parsing never panics; it yields a non-empty `Interval` with rational ends or
//! a one-line [`DomainParseError`] that names what is wrong and how to write it instead.
//! Bounds are exact rationals; decimals are rejected with the fraction to write (the
//! message of `Rat`'s parser is forwarded). `<=`/`>=` may also be written `≤`/`≥`, and `=`
//! as `==`.

use std::fmt;

use crate::{Bound, Interval, ParseRatError, Rat};

/// Why a string is not a domain of the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainParseError {
    Empty,
    /// No comparison operator at all.
    NoComparison(String),
    TooManyComparisons,
    /// A comparison with nothing on one side (`k >`).
    MissingOperand(String),
    /// An identifier that is not the parameter.
    UnknownParameter {
        name: String,
        param: String,
    },
    /// A bound `Rat` rejects (e.g. a decimal; the fraction is suggested).
    Number {
        literal: String,
        error: ParseRatError,
    },
    /// Neither the parameter nor a number.
    NotABound(String),
    /// Only numbers, no parameter (`1 < 2`).
    NoParameter {
        param: String,
    },
    /// The parameter on both sides (`k < k`).
    ParameterTwice {
        param: String,
    },
    /// A chain whose parameter is not in the middle (`1 < 2 < k`).
    ParameterNotInMiddle {
        param: String,
    },
    /// A chain going both ways (`1 < k > 2`) or using `=`.
    MixedChain {
        param: String,
    },
    /// Bounds that leave nothing (`3 < k < 1`).
    EmptyDomain(String),
}

impl fmt::Display for DomainParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DomainParseError as E;
        match self {
            E::Empty => write!(f, "empty domain: write e.g. `k > 1` or `1 < k < 10`"),
            E::NoComparison(s) => {
                write!(
                    f,
                    "`{s}` has no comparison: write e.g. `k > 1`, `1 < k <= 10` or `k = 3`"
                )
            }
            E::TooManyComparisons => {
                write!(
                    f,
                    "too many comparisons: a domain is one interval like `1 < k < 10`"
                )
            }
            E::MissingOperand(op) => write!(f, "`{op}` has nothing on one side"),
            E::UnknownParameter { name, param } => {
                write!(f, "unknown parameter `{name}`: the parameter is `{param}`")
            }
            E::Number { literal, error } => write!(f, "bad bound `{literal}`: {error}"),
            E::NotABound(s) => write!(
                f,
                "`{s}` is not a bound: bounds are exact numbers like 3 or -1/2"
            ),
            E::NoParameter { param } => {
                write!(
                    f,
                    "the domain does not mention `{param}`: write e.g. `{param} > 1`"
                )
            }
            E::ParameterTwice { param } => {
                write!(
                    f,
                    "`{param}` is on both sides: compare it with a number, e.g. `{param} > 1`"
                )
            }
            E::ParameterNotInMiddle { param } => {
                write!(
                    f,
                    "in a chain `{param}` goes in the middle: write e.g. `1 < {param} < 10`"
                )
            }
            E::MixedChain { param } => write!(
                f,
                "a chain must go one way: write `1 < {param} < 10` or `10 > {param} > 1`"
            ),
            E::EmptyDomain(s) => write!(
                f,
                "the domain `{s}` is empty: the lower bound must be below the upper bound"
            ),
        }
    }
}

impl std::error::Error for DomainParseError {}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl Cmp {
    fn text(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Eq => "=",
        }
    }

    /// The comparison with its sides swapped (`a < b` iff `b > a`).
    fn swapped(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            Cmp::Eq => Cmp::Eq,
        }
    }
}

enum Operand {
    Param,
    Num(Rat),
}

/// Split at comparison operators: operands (trimmed) and the operators between them.
fn split(s: &str) -> (Vec<String>, Vec<Cmp>) {
    let chars: Vec<char> = s.chars().collect();
    let (mut parts, mut ops) = (Vec::new(), Vec::new());
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let next_is_eq = chars.get(i + 1) == Some(&'=');
        let op = match chars[i] {
            '<' if next_is_eq => Some((Cmp::Le, 2)),
            '>' if next_is_eq => Some((Cmp::Ge, 2)),
            '=' if next_is_eq => Some((Cmp::Eq, 2)),
            '<' => Some((Cmp::Lt, 1)),
            '>' => Some((Cmp::Gt, 1)),
            '=' => Some((Cmp::Eq, 1)),
            '≤' => Some((Cmp::Le, 1)),
            '≥' => Some((Cmp::Ge, 1)),
            _ => None,
        };
        match op {
            Some((c, len)) => {
                parts.push(cur.trim().to_string());
                cur.clear();
                ops.push(c);
                i += len;
            }
            None => {
                cur.push(chars[i]);
                i += 1;
            }
        }
    }
    parts.push(cur.trim().to_string());
    (parts, ops)
}

fn operand(s: &str, param: &str) -> Result<Operand, DomainParseError> {
    if s == param {
        return Ok(Operand::Param);
    }
    let looks_like_name = s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    if looks_like_name {
        return Err(DomainParseError::UnknownParameter {
            name: s.into(),
            param: param.into(),
        });
    }
    match s.parse::<Rat>() {
        Ok(r) => Ok(Operand::Num(r)),
        Err(error @ ParseRatError::Decimal(_)) => Err(DomainParseError::Number {
            literal: s.into(),
            error,
        }),
        Err(ParseRatError::ZeroDenominator) => Err(DomainParseError::Number {
            literal: s.into(),
            error: ParseRatError::ZeroDenominator,
        }),
        Err(_) => Err(DomainParseError::NotABound(s.into())),
    }
}

/// The set `{k : k c r}`.
fn constraint(c: Cmp, r: Rat) -> Interval {
    match c {
        Cmp::Lt => Interval::below(r),
        Cmp::Le => Interval::at_most(r),
        Cmp::Gt => Interval::above(r),
        Cmp::Ge => Interval::at_least(r),
        Cmp::Eq => Interval::point(r),
    }
}

impl Interval {
    /// Parse a domain of the parameter `param` (see the module docs for the syntax).
    pub fn parse_domain(s: &str, param: &str) -> Result<Interval, DomainParseError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(DomainParseError::Empty);
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        if words == ["all", param] || words == ["all"] {
            return Ok(Interval::all());
        }
        let (parts, ops) = split(t);
        if ops.is_empty() {
            return Err(DomainParseError::NoComparison(t.into()));
        }
        if ops.len() > 2 {
            return Err(DomainParseError::TooManyComparisons);
        }
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() {
                let op = ops[i.min(ops.len() - 1)];
                return Err(DomainParseError::MissingOperand(op.text().into()));
            }
        }
        let operands = parts
            .iter()
            .map(|p| operand(p, param))
            .collect::<Result<Vec<_>, _>>()?;
        let param_s = || param.to_string();
        let n_params = operands
            .iter()
            .filter(|o| matches!(o, Operand::Param))
            .count();
        if n_params == 0 {
            return Err(DomainParseError::NoParameter { param: param_s() });
        }
        if n_params > 1 {
            return Err(DomainParseError::ParameterTwice { param: param_s() });
        }
        let mut it = operands.into_iter();
        if ops.len() == 1 {
            let (a, b) = (it.next(), it.next());
            return Ok(match (a, b) {
                (Some(Operand::Param), Some(Operand::Num(r))) => constraint(ops[0], r),
                (Some(Operand::Num(r)), Some(Operand::Param)) => constraint(ops[0].swapped(), r),
                // Exactly one of the two operands is the parameter.
                _ => return Err(DomainParseError::NoParameter { param: param_s() }),
            });
        }
        let (a, b, c) = (it.next(), it.next(), it.next());
        let (Some(Operand::Num(x)), Some(Operand::Param), Some(Operand::Num(y))) = (a, b, c) else {
            return Err(DomainParseError::ParameterNotInMiddle { param: param_s() });
        };
        let up = |c: Cmp| matches!(c, Cmp::Lt | Cmp::Le);
        let down = |c: Cmp| matches!(c, Cmp::Gt | Cmp::Ge);
        let (lo, lo_closed, hi, hi_closed) = if up(ops[0]) && up(ops[1]) {
            (x, ops[0] == Cmp::Le, y, ops[1] == Cmp::Le)
        } else if down(ops[0]) && down(ops[1]) {
            (y, ops[1] == Cmp::Ge, x, ops[0] == Cmp::Ge)
        } else {
            return Err(DomainParseError::MixedChain { param: param_s() });
        };
        let lo = if lo_closed {
            Bound::Closed(lo.into())
        } else {
            Bound::Open(lo.into())
        };
        let hi = if hi_closed {
            Bound::Closed(hi.into())
        } else {
            Bound::Open(hi.into())
        };
        Interval::new(lo, hi).ok_or_else(|| DomainParseError::EmptyDomain(t.into()))
    }
}
