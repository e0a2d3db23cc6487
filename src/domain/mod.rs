//! Every product rule, once, in pure Rust: no browser crate, no clock, no randomness.
//! Time and identity come in as arguments.
//!
//! Read it from the bottom up. Each layer is a folder and uses only the layers below it
//! (`layers::tests` fails the build on an upward import or a cycle):
//!
//! 1. [`support`]: ids, instants, enum names, ordering, case folding, the languages and their
//!    words. Knows nothing of deals.
//! 2. [`records`]: the stored shapes (the referral, its activity and registration, the
//!    directory, the organisation's set-up, notifications): serde, no rules.
//! 3. [`exchange`]: every organisation's records together, the outcomes that change them
//!    atomically, their conflicts, and the decision context [`exchange::Ctx`].
//! 4. [`deal`] and then [`org`]: the rules. What a user may see and do with a deal, and the
//!    commands that decide it; the organisation's administration.
//! 5. [`lists`] and then [`transfer`]: the tabs, the forecast, export and import, demo deals.
//! 6. [`present`]: what a screen needs on top: formats, forms, the wizard, drafts, embedding.

#[macro_use]
pub mod support;
pub mod deal;
pub mod exchange;
pub mod lists;
pub mod org;
pub mod present;
pub mod records;
pub mod transfer;

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod layers;
