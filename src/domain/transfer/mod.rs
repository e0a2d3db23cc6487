//! Deals in and out of Co-sell: CSV and JSON export, import as commands, and demo deals.

pub mod csv;
pub mod demo;
pub mod export;
pub mod import;
pub mod referrals_api;
pub mod report;
