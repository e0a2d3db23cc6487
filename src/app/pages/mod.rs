pub mod deal;
pub mod deals;
pub mod import;
pub mod not_found;
pub mod outbox;
pub mod registrations;
pub mod settings;
pub mod wizard;
