//! mechcert certificate format and its independent checker (own arithmetic: num-rational; no solver crate)
