//! Co-sell: partner companies manage the deals they sell together with Microsoft
//! and with other partners.
//!
//! `domain` holds every product rule and builds without any browser crate; `store`
//! persists outcomes (IndexedDB in the browser, an in-memory twin on the host); `client`
//! is what the app does with a decision (its typed result, the optimistic write and its
//! rollback) without a browser; `sync` is the protocol between the app and the Co-sell
//! server; `app` is the Leptos user interface, behind the default
//! `web` feature.

pub mod client;
#[macro_use]
pub mod domain;
pub mod store;
pub mod sync;

#[cfg(feature = "web")]
pub mod app;
