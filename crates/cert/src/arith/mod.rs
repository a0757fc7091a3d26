//! The checker's own exact arithmetic: canonical rational numbers (`number`), polynomials in
//! one parameter (`poly`), parameter domains (`domain`), exact sign decisions on a domain
//! (`sign`), and the expression language of formulas and instance values (`expr`). Nothing here
//! knows about mechanisms or certificates.

pub mod domain;
pub mod expr;
pub mod number;
pub mod poly;
pub mod sign;
