//! The second layer: the shapes Co-sell stores and exchanges, as serde reads and writes them.
//! A record knows its own fields and their names in every language, and no rule.

pub mod activity;
pub mod directory;
pub mod notification;
pub mod org_setup;
pub mod referral;
pub mod registration;
pub mod stage;
