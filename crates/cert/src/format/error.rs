//! `CertError`: why a certificate was rejected, as a location (format, instance, a quantity,
//! an assertion, the verdict) and the precise condition that failed there, and whether the
//! input could not be read within the documented limits (an input error) or was read and
//! does not check. Displayed as one line: the text is escaped (`quote::escape`).

use std::fmt;

use crate::quote::escape;

/// Why a certificate was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input cannot be read as a certificate within the documented limits: it cannot be
    /// read, is too large, is not UTF-8 or not JSON, repeats a key, or passes a limit of
    /// FORMAT.md (digits, degrees, expression size, the checker's work budget).
    Input,
    /// The certificate was read and does not check.
    Rejected,
}

/// A certificate was rejected: `location` says where (`quantity `W_opt``, `assertion 2
/// (`...`)`, `verdict`, ...), `message` which condition failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertError {
    pub location: String,
    pub message: String,
    pub kind: ErrorKind,
}

impl CertError {
    /// A certificate that does not check.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> CertError {
        CertError {
            location: location.into(),
            message: message.into(),
            kind: ErrorKind::Rejected,
        }
    }

    /// Input that cannot be read as a certificate within the limits.
    pub fn input(location: impl Into<String>, message: impl Into<String>) -> CertError {
        CertError {
            kind: ErrorKind::Input,
            ..CertError::new(location, message)
        }
    }
}

impl fmt::Display for CertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&escape(&self.message))
        } else {
            write!(f, "{}: {}", escape(&self.location), escape(&self.message))
        }
    }
}

impl std::error::Error for CertError {}

/// Attach a location to an internal error message.
pub(crate) fn at<T>(location: &str, r: Result<T, String>) -> Result<T, CertError> {
    r.map_err(|m| CertError::new(location, m))
}
