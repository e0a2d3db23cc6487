//! Every product rule, once, in pure Rust: no browser crate, no clock, no randomness.
//! Time and identity come in as arguments.

pub mod clock;
pub mod commands;
pub mod demo;
pub mod directory;
pub mod engagement;
pub mod exchange;
pub mod format;
pub mod ids;
pub mod listing;
pub mod model;
pub mod stage;
pub mod visibility;

#[cfg(test)]
pub(crate) mod testing;
