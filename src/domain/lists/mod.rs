//! The fifth layer: many deals at once. The tabs with their search, filters and sorting,
//! and the pipeline forecast.

pub mod forecast;
pub mod listing;
