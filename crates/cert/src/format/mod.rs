//! Reading a certificate: bounded file reading (`read`) and strict JSON (`json`), the limits
//! and the work budget every read obeys (`limits`, `work`), the instance (`instance`),
//! formulas in their scope (`formula`), quantities (`quantity`) and assertions with the verdict
//! rule (`assertion`), and errors that quote input safely (`error`, `quote`).

pub mod assertion;
pub mod error;
pub mod formula;
pub mod instance;
pub mod json;
pub mod limits;
pub mod quantity;
pub mod quote;
pub mod read;
pub mod work;
