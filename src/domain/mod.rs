//! Every product rule, once, in pure Rust: no browser crate, no clock, no randomness.
//! Time and identity come in as arguments.

#[macro_use]
mod names;
pub mod activity;
pub mod admin;
pub mod clock;
pub mod commands;
pub mod csv;
pub mod demo;
pub mod directory;
pub mod draft_codec;
pub mod embed;
pub mod engagement;
pub mod exchange;
pub mod flatten;
pub mod forecast;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod instant;
pub mod listing;
pub mod locale;
pub mod model;
pub mod notify;
pub mod order;
pub mod registration;
pub mod rules;
pub mod stage;
pub mod text;
pub mod transfer;
pub mod validation;
pub mod visibility;
pub mod wizard;

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod rules_tests;

#[cfg(test)]
mod properties;
