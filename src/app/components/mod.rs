//! Components shared by several pages: header, notices, the deal table, the heart, dialogs and
//! forms, facts, the keyboard shortcuts and inbound triage.

pub mod action_form;
pub mod confirm_dialog;
pub mod deal_table;
pub mod facts;
pub mod field;
pub mod header;
pub mod heart;
pub mod notices;
pub mod shortcuts;
pub mod sync_status;
pub mod triage;
