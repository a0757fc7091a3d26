//! Linear programs of Kos and Manea built from an instance: Proposition 1, Theorem 1, second best, reduced form
