pub mod action_form;
pub mod confirm_dialog;
pub mod deal_table;
pub mod facts;
pub mod field;
pub mod header;
pub mod heart;
pub mod notices;
