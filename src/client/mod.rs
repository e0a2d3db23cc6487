//! What the app does with a decision, without a browser: the typed result of a user action
//! and the optimistic write with its rollback. The Leptos app (`app::state`) drives these
//! with its signals and IndexedDB; host tests drive them with a cell and the memory store,
//! so the path every action takes is tested without Chromium.

pub mod action;
pub mod writes;

pub use action::{Done, Refusal};
pub use writes::{Shown, Writes};
