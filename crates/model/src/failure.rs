//! `Failure`: why a mechcert command could not give its result, and whose fault it is: bad
//! input (exit code 1: the user can fix it) or an internal inconsistency (exit code 2: two
//! independent computations disagree, or a certificate does not check). Every library error
//! converts into it by what it means, never by where it was raised: an `InstanceError` is
//! input; a `CertError` is input when the certificate cannot be read within the documented
//! limits, else an inconsistency; `mechcert_verify::Inconsistency` is an inconsistency.

use std::fmt;

use mechcert_cert::{CertError, ErrorKind};

use crate::InstanceError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Usage or input error: the message names the file, the field and the fix.
    Input(String),
    /// Two independent computations disagree, or a certificate does not check.
    Inconsistent(String),
}

impl Failure {
    /// The process exit code: 1 for input, 2 for an inconsistency.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 1,
            Failure::Inconsistent(_) => 2,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::Input(m) | Failure::Inconsistent(m) => m,
        }
    }

    /// The same kind of failure with `context` in front of the message.
    pub fn context(self, context: &str) -> Failure {
        match self {
            Failure::Input(m) => Failure::Input(format!("{context}: {m}")),
            Failure::Inconsistent(m) => Failure::Inconsistent(format!("{context}: {m}")),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Failure {}

impl From<InstanceError> for Failure {
    fn from(e: InstanceError) -> Failure {
        Failure::Input(e.to_string())
    }
}

impl From<CertError> for Failure {
    fn from(e: CertError) -> Failure {
        match e.kind {
            ErrorKind::Input => Failure::Input(e.to_string()),
            ErrorKind::Rejected => Failure::Inconsistent(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_decide_the_exit_code() {
        let input: Failure = InstanceError::new("f.toml", "buyers", "at most 10000").into();
        assert_eq!(input.exit_code(), 1);
        let rejected: Failure = CertError::new("verdict", "recorded holds").into();
        assert_eq!(rejected.exit_code(), 2);
        let limit: Failure = CertError::input("quantity `q`", "beyond the limit").into();
        assert_eq!(limit.exit_code(), 1);
        assert_eq!(
            rejected.context("c.json").message(),
            "c.json: verdict: recorded holds"
        );
    }
}
