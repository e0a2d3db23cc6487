pub mod confirm_dialog;
pub mod deal_table;
// Used by the wizard (feature `wizard`) and by the forms still to come.
#[cfg_attr(not(feature = "wizard"), allow(dead_code))]
pub mod field;
pub mod header;
pub mod heart;
pub mod notices;
