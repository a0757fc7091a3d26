//! Exhaustive exact checks of IC, IR, BB, efficiency and monotonicity for mechcert mechanisms
