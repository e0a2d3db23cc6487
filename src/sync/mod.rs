//! The sync protocol between the app and the Co-sell server (SPEC §14; README, "The sync
//! protocol"): commands go up, changes come down. Pure: the message shapes and the one
//! function that turns a pushed change into the domain's decision, so the browser's preview
//! and the server's decision are the same code.

pub mod change;
pub mod protocol;
pub mod replica;

pub use change::{decide_change, Change, ChangeError};
pub use protocol::*;
