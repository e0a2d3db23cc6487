//! The top layer: what screens need beyond the rules. Display formats, the deal page's
//! forms, the create wizard and its saved draft, embedding in a host page.

pub mod draft_codec;
pub mod embed;
pub mod format;
pub mod forms;
pub mod organisation;
pub mod wizard;
