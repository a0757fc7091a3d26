//! Instances for mechcert: a seller and one or more identical buyers with finitely many
//! values and exact probabilities (Kos & Manea, Sections 2 and 5), optionally with values
//! that are polynomials in one parameter.
//!
//! - [`Instance`]: the TOML file as written, validated field by field ([`InstanceError`]
//!   names the file, the field and the fix) and against the limits of
//!   `mechcert_cert::limits`;
//! - [`Failure`]: the typed error of every mechcert library: input or inconsistency;
//! - [`Env`]: a validated environment for computation, generic over the scalar type, with
//!   the proven order of all values;
//! - profile enumeration in a canonical order.

mod cells;
mod concrete;
mod env;
mod error;
mod failure;
mod instance;
mod limits;
mod market;
mod profiles;
pub mod random;
mod read;
#[cfg(feature = "proptest")]
pub mod strategies;
mod write;

pub use env::Env;
pub use error::InstanceError;
pub use failure::Failure;
pub use instance::{Instance, MAX_BUYERS, Parameter, SellerTies, Side, TieBreak};
pub use market::{Agent, Agents, Group, Market};
pub use profiles::{for_each_profile, for_each_profile_with_first};
pub use read::float_refused;
