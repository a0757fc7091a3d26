//! `CertError`: why a certificate was rejected, as a location (format, instance, a quantity,
//! an assertion, the verdict) and the precise condition that failed there.

use std::fmt;

/// A certificate was rejected: `location` says where (`quantity `W_opt``, `assertion 2
/// (`...`)`, `verdict`, ...), `message` which condition failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertError {
    pub location: String,
    pub message: String,
}

impl CertError {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> CertError {
        CertError {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for CertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

impl std::error::Error for CertError {}

/// Attach a location to an internal error message.
pub(crate) fn at<T>(location: &str, r: Result<T, String>) -> Result<T, CertError> {
    r.map_err(|m| CertError::new(location, m))
}
