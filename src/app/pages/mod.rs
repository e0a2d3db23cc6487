pub mod deal;
pub mod deals;
pub mod not_found;
pub mod settings;
pub mod wizard;
