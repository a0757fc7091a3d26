//! Parsing and printing `Rat`: a table of worked inputs, then properties. Malformed input
//! must be an error (never a panic), decimals get the exact fraction as a suggestion, zero
//! denominators are their own error, and printing round-trips.

mod common;

use common::*;
use mechcert_num::{ParseRatError, Rat};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Pow, Zero};
use proptest::prelude::*;

use ParseRatError::{Decimal, Empty, Malformed, ZeroDenominator};

fn dec(s: &str) -> ParseRatError {
    Decimal(Some(s.to_string()))
}

/// (input, Ok(canonical text) or Err(error))
fn worked_inputs() -> Vec<(&'static str, Result<&'static str, ParseRatError>)> {
    vec![
        ("7", Ok("7")),
        ("-7", Ok("-7")),
        ("+7", Ok("7")),
        ("6/8", Ok("3/4")),
        ("-6/8", Ok("-3/4")),
        ("+6/8", Ok("3/4")),
        ("14/2", Ok("7")),
        ("0/5", Ok("0")),
        ("-0", Ok("0")),
        ("-0/7", Ok("0")),
        ("000012/0008", Ok("3/2")),
        (" 1 / 3 ", Ok("1/3")),
        ("\t-5\n", Ok("-5")),
        ("9223372036854775807", Ok("9223372036854775807")),
        ("9223372036854775808", Ok("9223372036854775808")),
        ("-9223372036854775808", Ok("-9223372036854775808")),
        ("-9223372036854775808/-1", Err(Malformed)),
        ("1/9223372036854775808", Ok("1/9223372036854775808")),
        ("18446744073709551616/2", Ok("9223372036854775808")),
        ("18446744073709551616/4", Ok("4611686018427387904")),
        (
            "-170141183460469231731687303715884105728/1",
            Ok("-170141183460469231731687303715884105728"),
        ),
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("\n\t", Err(Empty)),
        ("1/0", Err(ZeroDenominator)),
        ("0/0", Err(ZeroDenominator)),
        ("-5/000", Err(ZeroDenominator)),
        ("abc", Err(Malformed)),
        ("-", Err(Malformed)),
        ("+", Err(Malformed)),
        ("/", Err(Malformed)),
        ("1/", Err(Malformed)),
        ("/2", Err(Malformed)),
        ("--1", Err(Malformed)),
        ("+-1", Err(Malformed)),
        ("-+1", Err(Malformed)),
        ("1/-2", Err(Malformed)),
        ("1/+2", Err(Malformed)),
        ("1//2", Err(Malformed)),
        ("1/2/3", Err(Malformed)),
        ("- 1", Err(Malformed)),
        ("1 2", Err(Malformed)),
        ("0x10", Err(Malformed)),
        ("1_000", Err(Malformed)),
        ("1,5", Err(Malformed)),
        ("\u{2212}1", Err(Malformed)),  // unicode minus
        ("\u{0661}", Err(Malformed)),   // arabic-indic digit one
        ("\u{FF11}", Err(Malformed)),   // fullwidth digit one
        ("\u{00BD}", Err(Malformed)),   // vulgar fraction one half
        ("1\u{2044}2", Err(Malformed)), // fraction slash
        ("inf", Err(Malformed)),
        ("NaN", Err(Malformed)),
        ("0.5", Err(dec("1/2"))),
        ("-0.125", Err(dec("-1/8"))),
        ("+2.50", Err(dec("5/2"))),
        (".5", Err(dec("1/2"))),
        ("-.25", Err(dec("-1/4"))),
        ("5.", Err(dec("5"))),
        ("-0.0", Err(dec("0"))),
        ("0.000", Err(dec("0"))),
        ("3.14159", Err(dec("314159/100000"))),
        ("0.1", Err(dec("1/10"))),
        ("9223372036854775807.5", Err(dec("18446744073709551615/2"))),
        (
            "0.000000000000000000000000000001",
            Err(dec("1/1000000000000000000000000000000")),
        ),
        ("0.0000000000000000000000000000001", Err(Decimal(None))), // > 30 decimals
        (".", Err(Decimal(None))),
        ("-.", Err(Decimal(None))),
        ("1.2.3", Err(Decimal(None))),
        ("1.5/2", Err(Decimal(None))),
        ("1e3", Err(Decimal(None))),
        ("1E-3", Err(Decimal(None))),
        ("e", Err(Decimal(None))),
        ("1. 5", Err(Decimal(None))),
        ("--0.5", Err(Decimal(None))),
    ]
}

#[test]
fn worked_inputs_table() {
    for (input, want) in worked_inputs() {
        let got = input.parse::<Rat>();
        match want {
            Ok(text) => {
                let v = got.unwrap_or_else(|e| panic!("{input:?}: {e}"));
                assert_value(&v, &qs(text));
                assert_eq!(v.to_string(), text, "{input:?}");
            }
            Err(e) => assert_eq!(got, Err(e), "{input:?}"),
        }
    }
}

#[test]
fn error_messages_are_informative() {
    let msg = |s: &str| s.parse::<Rat>().unwrap_err().to_string();
    assert!(msg("0.5").contains("1/2"), "{}", msg("0.5"));
    assert!(msg("1e3").contains("p/q"), "{}", msg("1e3"));
    assert!(msg("1/0").contains("zero"), "{}", msg("1/0"));
    assert!(msg("").contains("empty"), "{}", msg(""));
    assert!(msg("x").contains("-3/4"), "{}", msg("x"));
}

/// An independent reading of the documented grammar: after trimming, an optionally signed
/// run of ASCII digits, optionally followed by `/` and an unsigned run of ASCII digits, with
/// spaces allowed around `/`; anything with `.`, `e` or `E` is a decimal.
fn reference_parse(s: &str) -> Result<BigRational, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty");
    }
    if s.contains('.') || s.contains('e') || s.contains('E') {
        return Err("decimal");
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.splitn(2, '/').collect();
    let num = parts[0].trim();
    let (neg, num_digits) = if let Some(rest) = num.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = num.strip_prefix('+') {
        (false, rest)
    } else {
        (false, num)
    };
    if !digits(num_digits) {
        return Err("malformed");
    }
    let den = if parts.len() == 2 {
        let d = parts[1].trim();
        if !digits(d) {
            return Err("malformed");
        }
        d
    } else {
        "1"
    };
    let n: BigInt = num_digits.parse().unwrap();
    let d: BigInt = den.parse().unwrap();
    if d.is_zero() {
        return Err("zero denominator");
    }
    Ok(BigRational::new(if neg { -n } else { n }, d))
}

fn kind(e: &ParseRatError) -> &'static str {
    match e {
        Empty => "empty",
        Decimal(_) => "decimal",
        Malformed => "malformed",
        ZeroDenominator => "zero denominator",
    }
}

fn agrees_with_reference(s: &str) -> Result<(), TestCaseError> {
    let got = s.parse::<Rat>();
    match (got, reference_parse(s)) {
        (Ok(v), Ok(want)) => {
            check(&v, &want)?;
            prop_assert_eq!(v.to_string().parse::<Rat>().unwrap(), v);
        }
        (Err(e), Err(want)) => prop_assert_eq!(kind(&e), want, "{:?}", s),
        (got, want) => prop_assert!(false, "{:?}: got {:?}, want {:?}", s, got, want),
    }
    Ok(())
}

/// Text near the grammar: numbers with signs, slashes, spaces, zeros and decimal marks.
fn near_grammar() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[0-9]{1,25}",
        Just("0".to_string()),
        Just("000".to_string()),
        Just("9223372036854775808".to_string()),
        Just("9223372036854775807".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("/".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just(".".to_string()),
        Just("e".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{2212}".to_string()),
        Just("\u{0663}".to_string()),
        "[a-zA-Z_,]",
    ];
    prop::collection::vec(atom, 0..7).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Arbitrary text never panics, and agrees with the reference grammar.
    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        agrees_with_reference(&s)?;
    }

    #[test]
    fn near_grammar_strings(s in near_grammar()) {
        agrees_with_reference(&s)?;
    }

    #[test]
    fn well_formed_fractions(neg in any::<bool>(), plus in any::<bool>(),
                             n in "[0-9]{1,45}", d in "[0-9]{1,45}",
                             sp in prop::sample::select(vec!["", " ", "  ", "\t"])) {
        let sign = if neg { "-" } else if plus { "+" } else { "" };
        let s = format!("{sp}{sign}{n}{sp}/{sp}{d}{sp}");
        agrees_with_reference(&s)?;
        let got = s.parse::<Rat>();
        if d.bytes().all(|b| b == b'0') {
            prop_assert_eq!(got, Err(ZeroDenominator));
        } else {
            prop_assert!(got.is_ok(), "{:?}", s);
        }
    }

    /// Printing then parsing gives back the same value, for every kind of generated value.
    #[test]
    fn print_parse_round_trip((a, qa) in any_rat()) {
        let text = a.to_string();
        prop_assert_eq!(&text, &canonical_string(&qa));
        let back: Rat = text.parse().unwrap();
        check(&back, &qa)?;
        prop_assert_eq!(back, a);
    }

    /// `i/j` parsed from text equals `Rat::from_i128(i, j)` and the oracle.
    #[test]
    fn parse_agrees_with_constructor((n, d) in (wide_i128(), wide_i128())) {
        prop_assume!(d != 0);
        // The text form carries the sign on the numerator only.
        let num = if d < 0 { -BigInt::from(n) } else { BigInt::from(n) };
        let s = format!("{num}/{}", d.unsigned_abs());
        let v: Rat = s.parse().unwrap();
        check(&v, &q(n, d))?;
        prop_assert_eq!(v, Rat::from_i128(n, d));
    }

    /// A decimal is rejected with the exact fraction as a suggestion, which itself parses.
    #[test]
    fn decimal_suggestion_is_exact(neg in any::<bool>(), int in "[0-9]{0,25}", frac in "[0-9]{0,30}") {
        prop_assume!(!(int.is_empty() && frac.is_empty()));
        let s = format!("{}{}.{}", if neg { "-" } else { "" }, int, frac);
        let int_val: BigInt = if int.is_empty() { BigInt::zero() } else { int.parse().unwrap() };
        let frac_val: BigInt = if frac.is_empty() { BigInt::zero() } else { frac.parse().unwrap() };
        let scale = BigInt::from(10).pow(frac.len() as u32);
        let mut want = BigRational::new(int_val * &scale + frac_val, scale);
        if neg {
            want = -want;
        }
        match s.parse::<Rat>() {
            Err(Decimal(Some(sugg))) => {
                prop_assert_eq!(&sugg, &canonical_string(&want), "{:?}", s);
                check(&sugg.parse::<Rat>().unwrap(), &want)?;
            }
            other => prop_assert!(false, "{:?}: {:?}", s, other),
        }
    }

    /// More than 30 decimals, or an exponent: rejected without a suggestion.
    #[test]
    fn decimal_without_suggestion(int in "[0-9]{1,5}", frac in "[0-9]{31,40}", exp in "[0-9]{1,3}") {
        prop_assert_eq!(format!("{int}.{frac}").parse::<Rat>(), Err(Decimal(None)));
        prop_assert_eq!(format!("{int}e{exp}").parse::<Rat>(), Err(Decimal(None)));
        prop_assert_eq!(format!("{int}E-{exp}").parse::<Rat>(), Err(Decimal(None)));
    }
}
