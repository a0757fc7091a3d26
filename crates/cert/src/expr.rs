//! Expressions of `formula` quantities and of polynomial instance values: numbers, symbols,
//! `{name}` references to other quantities, `+ - * /`, unary minus, `^` whose exponent is an
//! operand (number, symbol, reference, call or parenthesised expression) that must evaluate
//! to a non-negative integer, parentheses, function calls (`FB(v)`, `min(a, b, ...)`,
//! `x(i, j)`, ...), and implicit multiplication (`8k`, `2(k+1)`), which binds like `*` (so
//! `1/2k` is (1/2)k). Parsed into a tree, then evaluated to a polynomial in the parameter
//! through a `Scope` that resolves symbols, references and functions.

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::number::Q;
use crate::poly::Poly;

/// The largest exponent of `^`.
pub const MAX_EXPONENT: u64 = 1_000_000;

/// The largest size (bits of numerator plus denominator, times the exponent) of a power of a
/// constant: about 2 MB of digits.
const MAX_POWER_BITS: u64 = 1 << 24;

/// Maximum nesting depth of parentheses and unary operators.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(Q),
    Sym(String),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Pow(Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    /// `{name}`: the value of another quantity.
    Ref(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    Ident(String),
    Ref(String),
    Op(char),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i < chars.len() && chars[i] == '.' {
                return Err("decimal numbers are not allowed: write fractions such as 1/2".into());
            }
            out.push(Tok::Num(chars[start..i].iter().collect()));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else if c == '{' {
            let start = i + 1;
            let end = chars[start..]
                .iter()
                .position(|&c| c == '}')
                .map(|p| start + p)
                .ok_or("`{` without a closing `}`")?;
            let name: String = chars[start..end].iter().collect();
            if name.is_empty() || name.contains('{') {
                return Err(format!("`{{{name}}}` is not a quantity reference"));
            }
            out.push(Tok::Ref(name));
            i = end + 1;
        } else if "+-*/^(),".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err("expression nested too deeply".into())
        } else {
            Ok(())
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let mut e = self.term()?;
        while let Some(Tok::Op(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let r = self.term()?;
            e = if c == '+' {
                Expr::Add(Box::new(e), Box::new(r))
            } else {
                Expr::Sub(Box::new(e), Box::new(r))
            };
        }
        self.depth -= 1;
        Ok(e)
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        loop {
            match self.peek().cloned() {
                Some(Tok::Op(c @ ('*' | '/'))) => {
                    self.pos += 1;
                    let r = self.unary()?;
                    e = if c == '*' {
                        Expr::Mul(Box::new(e), Box::new(r))
                    } else {
                        Expr::Div(Box::new(e), Box::new(r))
                    };
                }
                // implicit multiplication: an operand directly follows an operand
                Some(Tok::Num(_) | Tok::Ident(_) | Tok::Ref(_) | Tok::Op('(')) => {
                    let r = self.power()?;
                    e = Expr::Mul(Box::new(e), Box::new(r));
                }
                _ => return Ok(e),
            }
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if let Some(Tok::Op('-')) = self.peek() {
            self.pos += 1;
            self.enter()?;
            let e = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(e)));
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, String> {
        let base = self.atom()?;
        if let Some(Tok::Op('^')) = self.peek() {
            self.pos += 1;
            if !matches!(
                self.peek(),
                Some(Tok::Num(_) | Tok::Ident(_) | Tok::Ref(_) | Tok::Op('('))
            ) {
                return Err(
                    "`^` needs an exponent: a number, a symbol, a reference, a function call or a parenthesised expression"
                        .into(),
                );
            }
            let e = self.atom()?;
            if let Some(Tok::Op('^')) = self.peek() {
                return Err("write chained powers with parentheses".into());
            }
            return Ok(Expr::Pow(Box::new(base), Box::new(e)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Num(d)) => {
                let n = d.parse::<BigInt>().map_err(|e| format!("`{d}`: {e}"))?;
                Ok(Expr::Num(Q::from_integer(n)))
            }
            Some(Tok::Ident(name)) => {
                if matches!(self.peek(), Some(Tok::Op('('))) && is_function(&name) {
                    self.pos += 1;
                    let mut args = vec![self.expr()?];
                    while let Some(Tok::Op(',')) = self.peek() {
                        self.pos += 1;
                        args.push(self.expr()?);
                    }
                    self.close()?;
                    check_arity(&name, args.len())?;
                    Ok(Expr::Call(name, args))
                } else {
                    Ok(Expr::Sym(name))
                }
            }
            Some(Tok::Ref(name)) => Ok(Expr::Ref(name)),
            Some(Tok::Op('(')) => {
                let e = self.expr()?;
                self.close()?;
                Ok(e)
            }
            Some(Tok::Op(c)) => Err(format!("unexpected `{c}`")),
            None => Err("unexpected end of expression".into()),
        }
    }

    fn close(&mut self) -> Result<(), String> {
        match self.next() {
            Some(Tok::Op(')')) => Ok(()),
            Some(Tok::Op(',')) => Err("too many arguments (unexpected `,`)".into()),
            _ => Err("missing `)`".into()),
        }
    }
}

/// The functions of formula expressions and their numbers of arguments (`None`: one or
/// more).
const FUNCTIONS: &[(&str, Option<usize>)] = &[
    ("FB", Some(1)),
    ("FS", Some(1)),
    ("min", None),
    ("max", None),
    ("x", Some(2)),
    ("xb", Some(1)),
    ("xs", Some(1)),
];

/// Is `name` a function of formula expressions?
pub fn is_function(name: &str) -> bool {
    FUNCTIONS.iter().any(|(f, _)| *f == name)
}

fn check_arity(name: &str, got: usize) -> Result<(), String> {
    match FUNCTIONS.iter().find(|(f, _)| *f == name) {
        Some((_, Some(k))) if *k != got => Err(format!(
            "`{name}` takes {k} argument{}, found {got}",
            if *k == 1 { "" } else { "s" }
        )),
        _ => Ok(()),
    }
}

/// Parse an expression.
pub fn parse(s: &str) -> Result<Expr, String> {
    let wrap = |e: String| format!("expression `{s}`: {e}");
    let toks = tokenize(s).map_err(wrap)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let e = p.expr().map_err(wrap)?;
    if let Some(t) = p.toks.get(p.pos) {
        let t = match t {
            Tok::Num(s) | Tok::Ident(s) => s.clone(),
            Tok::Ref(s) => format!("{{{s}}}"),
            Tok::Op(c) => c.to_string(),
        };
        return Err(wrap(format!("unexpected `{t}` after the end")));
    }
    Ok(e)
}

/// Resolves the symbols, references and functions of an expression.
pub trait Scope {
    fn symbol(&self, name: &str) -> Result<Poly, String>;
    fn call(&self, name: &str, args: &[Poly]) -> Result<Poly, String>;
    fn reference(&self, name: &str) -> Result<Q, String>;
}

/// The value of an exponent: a constant non-negative integer, at most `MAX_EXPONENT`.
fn exponent(p: &Poly) -> Result<u32, String> {
    let e = p
        .as_constant()
        .ok_or("the exponent of `^` depends on the parameter")?;
    if !e.is_integer() || e.is_negative() {
        return Err(format!(
            "the exponent of `^` is {e}, not a non-negative integer"
        ));
    }
    e.to_integer()
        .to_u64()
        .filter(|&e| e <= MAX_EXPONENT)
        .and_then(|e| u32::try_from(e).ok())
        .ok_or_else(|| format!("the exponent {e} of `^` is too large (at most {MAX_EXPONENT})"))
}

/// base^e for a constant base, refusing results of absurd size.
fn power_of_constant(b: &Q, e: u32) -> Result<Q, String> {
    if b.is_zero() {
        return Ok(if e == 0 { Q::one() } else { Q::zero() });
    }
    let bits = b.numer().bits() + b.denom().bits();
    if b.abs() != Q::one() && bits.saturating_mul(u64::from(e)) > MAX_POWER_BITS {
        return Err(format!(
            "({b})^{e} is too large to compute (more than {MAX_POWER_BITS} bits)"
        ));
    }
    Ok(Q::new(
        num_traits::Pow::pow(b.numer(), e),
        num_traits::Pow::pow(b.denom(), e),
    ))
}

/// Evaluate to a polynomial in the parameter. Division is only by nonzero constants.
pub fn eval(e: &Expr, scope: &dyn Scope) -> Result<Poly, String> {
    Ok(match e {
        Expr::Num(q) => Poly::constant(q.clone()),
        Expr::Sym(s) => scope.symbol(s)?,
        Expr::Ref(name) => Poly::constant(scope.reference(name)?),
        Expr::Neg(a) => eval(a, scope)?.neg(),
        Expr::Add(a, b) => eval(a, scope)?.add(&eval(b, scope)?),
        Expr::Sub(a, b) => eval(a, scope)?.sub(&eval(b, scope)?),
        Expr::Mul(a, b) => eval(a, scope)?.mul(&eval(b, scope)?)?,
        Expr::Div(a, b) => {
            let d = eval(b, scope)?;
            match d.as_constant() {
                Some(c) if c.is_zero() => return Err("division by zero".into()),
                Some(c) => eval(a, scope)?.scale(&(Q::one() / c)),
                None => {
                    return Err("division by an expression that depends on the parameter".into());
                }
            }
        }
        Expr::Pow(a, n) => {
            let n = exponent(&eval(n, scope)?)?;
            let base = eval(a, scope)?;
            match base.as_constant() {
                Some(b) => Poly::constant(power_of_constant(&b, n)?),
                None => base.pow(n)?,
            }
        }
        Expr::Call(f, args) => {
            let v = args
                .iter()
                .map(|a| eval(a, scope))
                .collect::<Result<Vec<_>, _>>()?;
            scope.call(f, &v)?
        }
    })
}

/// Parse a polynomial in the parameter `param` (no other symbols, no functions).
pub fn parse_poly(s: &str, param: Option<&str>) -> Result<Poly, String> {
    struct P<'a>(Option<&'a str>);
    impl Scope for P<'_> {
        fn symbol(&self, name: &str) -> Result<Poly, String> {
            match self.0 {
                Some(p) if p == name => Ok(Poly::var()),
                Some(p) => Err(format!("unknown symbol `{name}` (the parameter is `{p}`)")),
                None => Err(format!(
                    "unknown symbol `{name}` (the instance has no parameter)"
                )),
            }
        }
        fn call(&self, name: &str, _args: &[Poly]) -> Result<Poly, String> {
            Err(format!("function `{name}` is not allowed here"))
        }
        fn reference(&self, name: &str) -> Result<Q, String> {
            Err(format!("the reference {{{name}}} is not allowed here"))
        }
    }
    eval(&parse(s)?, &P(param)).map_err(|e| format!("`{s}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{frac, int};

    fn poly(s: &str) -> Poly {
        parse_poly(s, Some("k")).unwrap()
    }

    #[test]
    fn polynomials() {
        assert_eq!(poly("8k + 1"), Poly::from_coeffs(vec![int(1), int(8)]));
        assert_eq!(poly("3*k"), Poly::from_coeffs(vec![int(0), int(3)]));
        assert_eq!(
            poly("k^2 - 1/2"),
            Poly::from_coeffs(vec![frac(-1, 2), int(0), int(1)])
        );
        assert_eq!(poly("2(k+1)"), Poly::from_coeffs(vec![int(2), int(2)]));
        assert_eq!(poly("1/2k"), Poly::from_coeffs(vec![int(0), frac(1, 2)]));
        assert_eq!(
            poly("-k^2"),
            Poly::from_coeffs(vec![int(0), int(0), int(-1)])
        );
        assert_eq!(poly("(k+1)(k-1)"), poly("k^2 - 1"));
        assert_eq!(
            poly("19/27 - 4/27*k"),
            Poly::from_coeffs(vec![frac(19, 27), frac(-4, 27)])
        );
        assert_eq!(poly("7"), Poly::constant(int(7)));
        assert_eq!(poly("-3/4"), Poly::constant(frac(-3, 4)));
    }

    fn sym(s: &str) -> Box<Expr> {
        Box::new(Expr::Sym(s.into()))
    }

    fn num(i: i64) -> Box<Expr> {
        Box::new(Expr::Num(int(i)))
    }

    #[test]
    fn second_round_syntax() {
        // `^` binds tighter than `*` and implicit multiplication; its exponent is an operand
        assert_eq!(
            parse("m^I*n").unwrap(),
            Expr::Mul(Box::new(Expr::Pow(sym("m"), sym("I"))), sym("n"))
        );
        assert_eq!(
            parse("2^3k").unwrap(),
            Expr::Mul(Box::new(Expr::Pow(num(2), num(3))), sym("k"))
        );
        assert_eq!(
            parse("2{Pi 1}").unwrap(),
            Expr::Mul(num(2), Box::new(Expr::Ref("Pi 1".into())))
        );
        assert_eq!(
            parse("min(1, x(1,2))").unwrap(),
            Expr::Call(
                "min".into(),
                vec![
                    Expr::Num(int(1)),
                    Expr::Call("x".into(), vec![Expr::Num(int(1)), Expr::Num(int(2))])
                ]
            )
        );
        // a name that is not a function followed by `(` is a symbol times a group
        assert_eq!(parse("y(2)").unwrap(), Expr::Mul(sym("y"), num(2)));
        for bad in [
            "1,5", "min(,1)", "x(1)", "xs(1,2)", "{a{b}", "2^", "2^+3", "{", "}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn powers_of_constants() {
        assert_eq!(power_of_constant(&frac(-2, 3), 3).unwrap(), frac(-8, 27));
        assert_eq!(power_of_constant(&int(0), 0).unwrap(), int(1));
        assert_eq!(power_of_constant(&int(0), 5).unwrap(), int(0));
        assert_eq!(power_of_constant(&int(-1), 1_000_001).unwrap(), int(-1));
        assert!(power_of_constant(&int(3), 20_000_000).is_err());
        assert_eq!(
            exponent(&Poly::constant(int(1_000_000))).unwrap(),
            1_000_000
        );
        for bad in [int(1_000_001), int(-1), frac(1, 2)] {
            assert!(exponent(&Poly::constant(bad.clone())).is_err(), "{bad}");
        }
        assert!(exponent(&Poly::var()).is_err());
        // (k + 1)^2 through an exponent expression
        assert_eq!(poly("(k + 1)^(1 + 1)"), poly("k^2 + 2k + 1"));
    }

    #[test]
    fn rejects() {
        for bad in [
            "", "1.5", "k^-1", "1/k", "1/0", "(k", "k)", "x", "2^3^2", "k^999", "FB(k)", "1 +",
            "*2", "k^k",
        ] {
            assert!(parse_poly(bad, Some("k")).is_err(), "{bad:?} accepted");
        }
        assert!(parse_poly("k", None).is_err());
        let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(parse_poly(&deep, None).is_err());
    }
}
