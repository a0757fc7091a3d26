//! `InstanceError`: every way an instance can be rejected, as one line that names the file,
//! the field and the fix. Never a panic: the loader turns every bad input into one of these.
//! Displayed on one line: every part is escaped (`mechcert_cert::quote::escape`), and the
//! pieces of input a message quotes are cut (`quote`).

use std::fmt;

use mechcert_cert::quote::escape;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceError {
    /// The file (or other origin, e.g. `<generated>`) the instance came from.
    pub origin: String,
    /// The offending field in TOML path syntax (`buyer.probs[2]`), or empty for the file.
    pub field: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl InstanceError {
    pub fn new(origin: &str, field: impl Into<String>, message: impl Into<String>) -> Self {
        InstanceError {
            origin: origin.to_string(),
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InstanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (origin, message) = (escape(&self.origin), escape(&self.message));
        if self.field.is_empty() {
            write!(f, "{origin}: {message}")
        } else {
            write!(f, "{origin}: field `{}`: {message}", escape(&self.field))
        }
    }
}

impl std::error::Error for InstanceError {}
