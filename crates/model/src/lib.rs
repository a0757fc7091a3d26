//! Instances for mechcert: buyers and seller with finitely many values, exact probabilities, optional parameter; TOML files, validation, value order, profiles
