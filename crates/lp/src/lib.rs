//! Exact rational simplex for mechcert: optimal, infeasible or unbounded, always with a certificate
