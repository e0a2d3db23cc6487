//! One module per route of the app.

pub mod api_tokens;
pub mod deal;
pub mod deals;
pub mod forecast;
pub mod import;
pub mod not_found;
pub mod organisation;
pub mod outbox;
pub mod profile;
pub mod registrations;
pub mod settings;
pub mod sign_in;
pub mod webhooks;
pub mod wizard;
