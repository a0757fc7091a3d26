//! Expressions of `formula` quantities and of polynomial instance values: numbers, symbols,
//! `{name}` references to other quantities, `+ - * /`, unary minus, `^` whose exponent is an
//! operand (number, symbol, reference, call or parenthesised expression) that must evaluate
//! to a non-negative integer, parentheses, function calls (`FB(v)`, `min(a, b, ...)`,
//! `x(i, j)`, ...), and implicit multiplication (`8k`, `2(k+1)`), which binds like `*` (so
//! `1/2k` is (1/2)k). Parsed into a tree, then evaluated to a polynomial in the parameter
//! through a `Scope` that resolves symbols, references and functions.
//!
//! Size limits (`crate::limits`) keep parsing and evaluation (both recursive) far from the
//! stack's end and bounded in time: the text is at most `MAX_EXPR_BYTES` long (checked before
//! it is read), an integer literal has at most `MAX_DIGITS` digits, a chain `a + b - c ...` or
//! `a * b / c ...` is one node with a list of operands (so its length adds no depth), nesting
//! (parentheses, function arguments, unary minus) is at most `MAX_EXPR_DEPTH` deep, and an
//! expression has at most `MAX_EXPR_NODES` nodes. The largest formulas mechcert writes
//! (Lemma 1's double sum over references to one term per cell, the expected payments of
//! Section 3) take a few nodes per cell and stay under the node limit up to about 30 types
//! per side; a chain of 5001 terms or more is refused. Evaluation checks every sum, product
//! and power before computing it: its result may have at most `MAX_NUMBER_BITS` bits and
//! its cost is charged to the checker's work meter (`crate::work`).

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::limits::{
    MAX_DIGITS, MAX_EXPONENT, MAX_EXPR_BYTES, MAX_EXPR_DEPTH, MAX_EXPR_NODES, MAX_NUMBER_BITS,
    op_work,
};
use crate::number::Q;
use crate::poly::Poly;
use crate::quote::quote;
use crate::work;

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(Q),
    Sym(String),
    Neg(Box<Expr>),
    /// `a ± b ± ...`, left to right: the first term, then each further term with `true` for
    /// `-` and `false` for `+`.
    Sum(Box<Expr>, Vec<(bool, Expr)>),
    /// `a * b / ...` (and implicit multiplication), left to right: the first factor, then each
    /// further factor with `true` for `/` and `false` for `*`.
    Product(Box<Expr>, Vec<(bool, Expr)>),
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
            if i - start > MAX_DIGITS {
                return Err(work::refuse(format!(
                    "a number with {} digits is beyond the limit of {MAX_DIGITS} digits per integer",
                    i - start
                )));
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
                return Err(format!(
                    "{} is not a quantity reference",
                    quote(&format!("{{{name}}}"))
                ));
            }
            out.push(Tok::Ref(name));
            i = end + 1;
        } else if "+-*/^(),".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else {
            return Err(format!("unexpected character {}", quote(&c.to_string())));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
    /// Nodes built so far.
    nodes: usize,
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
        if self.depth > MAX_EXPR_DEPTH {
            Err("expression nested too deeply".into())
        } else {
            Ok(())
        }
    }

    /// Count one more node, refusing expressions beyond `MAX_EXPR_NODES`.
    fn node(&mut self) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_EXPR_NODES {
            Err(work::refuse(format!(
                "expression too large (more than {MAX_EXPR_NODES} numbers, symbols and operators)"
            )))
        } else {
            Ok(())
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let first = self.term()?;
        let mut rest = vec![];
        while let Some(Tok::Op(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            self.node()?;
            rest.push((c == '-', self.term()?));
        }
        self.depth -= 1;
        Ok(if rest.is_empty() {
            first
        } else {
            Expr::Sum(Box::new(first), rest)
        })
    }

    fn term(&mut self) -> Result<Expr, String> {
        let first = self.unary()?;
        let mut rest = vec![];
        loop {
            match self.peek().cloned() {
                Some(Tok::Op(c @ ('*' | '/'))) => {
                    self.pos += 1;
                    self.node()?;
                    rest.push((c == '/', self.unary()?));
                }
                // implicit multiplication: an operand directly follows an operand
                Some(Tok::Num(_) | Tok::Ident(_) | Tok::Ref(_) | Tok::Op('(')) => {
                    self.node()?;
                    rest.push((false, self.power()?));
                }
                _ => break,
            }
        }
        Ok(if rest.is_empty() {
            first
        } else {
            Expr::Product(Box::new(first), rest)
        })
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if let Some(Tok::Op('-')) = self.peek() {
            self.pos += 1;
            self.node()?;
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
            self.node()?;
            let e = self.atom()?;
            if let Some(Tok::Op('^')) = self.peek() {
                return Err("write chained powers with parentheses".into());
            }
            return Ok(Expr::Pow(Box::new(base), Box::new(e)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        self.node()?;
        match self.next() {
            Some(Tok::Num(d)) => {
                let n = d
                    .parse::<BigInt>()
                    .map_err(|e| format!("{}: {e}", quote(&d)))?;
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
            Some(Tok::Op(c)) => Err(format!("unexpected {}", quote(&c.to_string()))),
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

/// Parse an expression (refused unread beyond `MAX_EXPR_BYTES`).
pub fn parse(s: &str) -> Result<Expr, String> {
    let wrap = |e: String| format!("expression {}: {e}", quote(s));
    if s.len() > MAX_EXPR_BYTES {
        return Err(wrap(work::refuse(format!(
            "{} bytes are beyond the limit of {MAX_EXPR_BYTES} bytes for one expression",
            s.len()
        ))));
    }
    let toks = tokenize(s).map_err(wrap)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        nodes: 0,
    };
    let e = p.expr().map_err(wrap)?;
    if let Some(t) = p.toks.get(p.pos) {
        let t = match t {
            Tok::Num(s) | Tok::Ident(s) => s.clone(),
            Tok::Ref(s) => format!("{{{s}}}"),
            Tok::Op(c) => c.to_string(),
        };
        return Err(wrap(format!("unexpected {} after the end", quote(&t))));
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
        .ok_or_else(|| {
            work::refuse(format!(
                "the exponent {} of `^` is too large (at most {MAX_EXPONENT})",
                quote(&e.to_string())
            ))
        })
}

/// Bits of a number: numerator plus denominator.
fn bits(q: &Q) -> u64 {
    q.numer().bits() + q.denom().bits()
}

/// The largest size of a coefficient.
fn max_bits(p: &Poly) -> u64 {
    p.coeffs().iter().map(bits).max().unwrap_or(0)
}

/// Check an operation before computing it: a result of at most `MAX_NUMBER_BITS` bits
/// (`result_bits` bounds it), and its cost charged to the work meter.
fn affordable(what: &str, result_bits: u64, units: u64) -> Result<(), String> {
    if result_bits > MAX_NUMBER_BITS {
        return Err(work::refuse(format!(
            "{what} would have up to {result_bits} bits, beyond the limit of {MAX_NUMBER_BITS} bits for a number an expression computes"
        )));
    }
    work::charge(units, || what.to_string())
}

/// Check a sum or product of two polynomials before computing it.
fn binary(what: &str, a: &Poly, b: &Poly, product: bool) -> Result<(), String> {
    let (ba, bb) = (max_bits(a), max_bits(b));
    let (la, lb) = (a.coeffs().len() as u64, b.coeffs().len() as u64);
    let terms = if product { la * lb } else { la.max(lb) };
    // a sum or product of two fractions has at most the bits of both (plus the carries of up
    // to MAX_DEGREE + 1 terms)
    affordable(what, ba + bb + 9, terms.max(1) * op_work(ba, bb))
}

/// The work of p^e by repeated multiplication: the j-th product multiplies the nonzero
/// coefficients of p^j (at most j (d - 1) + 1, and at most nz^j for nz nonzero coefficients
/// of p) by those of p, with numbers of about j times p's size. The degree limit (checked by
/// `pow` before it multiplies) keeps e <= MAX_DEGREE here.
fn power_work(p: &Poly, e: u32) -> u64 {
    let nz = p.coeffs().iter().filter(|c| !c.is_zero()).count() as u64;
    let d = p.coeffs().len() as u64;
    let b = max_bits(p);
    let e = u64::from(e).min(crate::limits::MAX_DEGREE as u64);
    let mut units = 0u64;
    let mut terms = 1u64;
    for j in 1..=e {
        terms = terms.saturating_mul(nz).min(j * d.saturating_sub(1) + 1);
        units = units.saturating_add(terms * nz * op_work(j * b, b));
    }
    units
}

/// base^e for a constant base, refused beyond `MAX_NUMBER_BITS` (bits times the exponent)
/// before anything is computed. A fraction in lowest terms has powers in lowest terms.
fn power_of_constant(b: &Q, e: u32) -> Result<Q, String> {
    if b.is_zero() {
        return Ok(if e == 0 { Q::one() } else { Q::zero() });
    }
    if b.abs() == Q::one() {
        return Ok(if e % 2 == 1 { b.clone() } else { Q::one() });
    }
    // bits of numerator and denominator times the exponent (a denominator 1 stays 1)
    let den = if b.denom().is_one() {
        0
    } else {
        b.denom().bits()
    };
    let result = (b.numer().bits() + den).saturating_mul(u64::from(e));
    affordable(
        &format!("{}^{e}", quote(&format!("({b})"))),
        result,
        2 * op_work(result / 2, result / 2),
    )?;
    Ok(Q::new_raw(
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
        Expr::Sum(first, rest) => {
            let mut acc = eval(first, scope)?;
            for (minus, t) in rest {
                let t = eval(t, scope)?;
                binary("a sum", &acc, &t, false)?;
                acc = if *minus { acc.sub(&t) } else { acc.add(&t) };
            }
            acc
        }
        Expr::Product(first, rest) => {
            let mut acc = eval(first, scope)?;
            for (divide, f) in rest {
                let f = eval(f, scope)?;
                binary("a product", &acc, &f, true)?;
                acc = if *divide {
                    match f.as_constant() {
                        Some(c) if c.is_zero() => return Err("division by zero".into()),
                        Some(c) => acc.scale(&(Q::one() / c)),
                        None => {
                            return Err(
                                "division by an expression that depends on the parameter".into()
                            );
                        }
                    }
                } else {
                    acc.mul(&f)?
                };
            }
            acc
        }
        Expr::Pow(a, n) => {
            let n = exponent(&eval(n, scope)?)?;
            let base = eval(a, scope)?;
            match base.as_constant() {
                Some(b) => Poly::constant(power_of_constant(&b, n)?),
                None => {
                    affordable(
                        "a power of a polynomial",
                        max_bits(&base).saturating_mul(u64::from(n)) + 9,
                        power_work(&base, n),
                    )?;
                    base.pow(n)?
                }
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
                Some(p) => Err(format!(
                    "unknown symbol {} (the parameter is {})",
                    quote(name),
                    quote(p)
                )),
                None => Err(format!(
                    "unknown symbol {} (the instance has no parameter)",
                    quote(name)
                )),
            }
        }
        fn call(&self, name: &str, _args: &[Poly]) -> Result<Poly, String> {
            Err(format!("function {} is not allowed here", quote(name)))
        }
        fn reference(&self, name: &str) -> Result<Q, String> {
            Err(format!(
                "the reference {} is not allowed here",
                quote(&format!("{{{name}}}"))
            ))
        }
    }
    eval(&parse(s)?, &P(param)).map_err(|e| format!("{}: {e}", quote(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{frac, int};

    fn poly(s: &str) -> Poly {
        parse_poly(s, Some("k")).unwrap()
    }

    #[test]
    fn decimals_and_the_nesting_limit() {
        let e = parse_poly("1.5", Some("k")).unwrap_err();
        assert!(e.contains("decimal numbers are not allowed"), "{e}");
        // the whole expression is one level and each parenthesis one more: 99 parentheses are
        // MAX_EXPR_DEPTH = 100 levels, 100 are one too many
        let nested = |n: usize| format!("{}k{}", "(".repeat(n), ")".repeat(n));
        assert!(parse_poly(&nested(99), Some("k")).is_ok());
        let e = parse_poly(&nested(100), Some("k")).unwrap_err();
        assert!(e.contains("nested too deeply"), "{e}");
    }

    #[test]
    fn a_product_is_charged_for_every_pair_of_terms() {
        // (k^16 + 2^14999)^2 written as a product: each factor has 17 coefficients of at most
        // 15000 + 1 bits, so the product is charged 17 * 17 * op_work(15001, 15001) = 289 * (1
        // + 235 * 235) = 15,960,314 units, over the budget of 15,000,000
        let _session = work::start();
        let e = parse_poly("(k^16 + 2^14999)*(k^16 + 2^14999)", Some("k")).unwrap_err();
        assert!(e.contains("would take about 15960314 work units"), "{e}");
    }

    #[test]
    fn a_power_is_charged_for_every_intermediate_product() {
        // p = k + 2^999: 2 nonzero coefficients of at most b = 1000 + 1 = 1001 bits. p^e is
        // charged Σ_{j=1..e} (j + 1) 2 op_work(j b, b), op_work(x, y) = 1 + (x/64 + 1)(y/64 +
        // 1). For e = 100 the 41 terms j >= 60 are each at least 2 * 61 * (1 + 939 * 16) =
        // 1,833,050: over 75,000,000 > 15,000,000, the budget, so p^100 is refused (its
        // 100,109 bits are within the size limit). For e = 10 the sum is at most 10 * 2 * 11 *
        // (1 + 157 * 16) = 552,860: computed.
        let _session = work::start();
        assert!(parse_poly("(k + 2^999)^10", Some("k")).is_ok());
        let e = parse_poly("(k + 2^999)^100", Some("k")).unwrap_err();
        assert!(
            e.contains("a power of a polynomial would take about"),
            "{e}"
        );
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
            Expr::Product(
                Box::new(Expr::Pow(sym("m"), sym("I"))),
                vec![(false, *sym("n"))]
            )
        );
        assert_eq!(
            parse("2^3k").unwrap(),
            Expr::Product(
                Box::new(Expr::Pow(num(2), num(3))),
                vec![(false, *sym("k"))]
            )
        );
        assert_eq!(
            parse("2{Pi 1}").unwrap(),
            Expr::Product(num(2), vec![(false, Expr::Ref("Pi 1".into()))])
        );
        // chains are flat, left to right
        assert_eq!(
            parse("1 - k + 2").unwrap(),
            Expr::Sum(num(1), vec![(true, *sym("k")), (false, *num(2))])
        );
        assert_eq!(
            parse("1/2k/3").unwrap(),
            Expr::Product(
                num(1),
                vec![(true, *num(2)), (false, *sym("k")), (true, *num(3))]
            )
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
        assert_eq!(
            parse("y(2)").unwrap(),
            Expr::Product(sym("y"), vec![(false, *num(2))])
        );
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
        let deep = format!("{}1{}", "min(".repeat(500), ")".repeat(500));
        assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    }

    #[test]
    fn size_limits() {
        // long flat chains are refused by size, not by the stack
        for op in ["+", "-", "*", "/", " "] {
            let long = vec!["1"; 10_000].join(op);
            let e = parse(&long).expect_err(op);
            assert!(e.contains("expression too large"), "{op}: {e}");
        }
        // up to the limit they evaluate: 5000 ones and 4999 `+` are 9999 nodes
        let sum = vec!["1"; 5000].join("+");
        assert_eq!(poly(&sum), Poly::constant(int(5000)));
        let sum = vec!["1"; 5001].join("+");
        assert!(parse(&sum).unwrap_err().contains("more than 10000"));
        // a unary minus is a node too: 1 + 5000 + 4999 = 10000 nodes, then one more
        let sum = format!("-{}", vec!["1"; 5000].join("-"));
        assert_eq!(poly(&sum), Poly::constant(int(-5000)));
        assert!(parse(&format!("-{sum}")).is_err());
        let product = vec!["k"; 200].join("*");
        assert_eq!(poly(&product), Poly::var().pow(200).unwrap());
        let quotient = format!("1/{}", vec!["2"; 1000].join("/"));
        assert_eq!(
            poly(&quotient),
            Poly::constant(Q::new(
                1.into(),
                num_traits::Pow::pow(BigInt::from(2), 1000u32)
            ))
        );
    }
}
