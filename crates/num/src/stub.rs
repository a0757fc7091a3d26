//! TEMPORARY stand-ins for Poly and Interval until the real ones land (branch `poly`).
use crate::Rat;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Poly(Rat);
impl Poly {
    pub fn constant(r: Rat) -> Poly {
        Poly(r)
    }
    pub fn as_constant(&self) -> Option<Rat> {
        Some(self.0.clone())
    }
    pub fn parse(s: &str, _p: &str) -> Result<Poly, String> {
        s.parse::<Rat>().map(Poly).map_err(|e| e.to_string())
    }
    pub fn display_with(&self, _p: &str) -> String {
        self.0.to_string()
    }
}
#[derive(Clone, Debug, PartialEq)]
pub struct Interval;
impl Interval {
    pub fn all() -> Interval {
        Interval
    }
    pub fn parse_domain(_s: &str, _p: &str) -> Result<Interval, String> {
        Ok(Interval)
    }
    pub fn display_with(&self, _p: &str) -> String {
        "all k".into()
    }
}
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("all k")
    }
}
impl Poly {
    pub fn eval(&self, _k: &Rat) -> Rat {
        self.0.clone()
    }
}
impl Interval {
    pub fn contains(&self, _k: &Rat) -> bool {
        true
    }
}
