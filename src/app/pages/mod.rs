pub mod deal;
pub mod deals;
pub mod not_found;
pub mod settings;
#[cfg(feature = "wizard")]
pub mod wizard;
