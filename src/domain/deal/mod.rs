//! The fourth layer: the co-sell rules for a deal. Who sees it, what may be done with it
//! and when, and the commands that decide every change.

pub mod commands;
pub mod eligibility;
pub mod engagement;
pub mod notify;
pub mod reasons;
pub mod response_window;
pub mod rules;
pub mod validation;
pub mod visibility;
