//! The paper's claims as exact checks: registry, certify, counterexample search and shrinking
