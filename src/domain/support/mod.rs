//! The first layer: what any rule may need and nothing that knows a deal.

#[macro_use]
pub mod json_writer;
#[macro_use]
pub mod json_reader;
#[macro_use]
pub mod names;
pub mod clock;
pub mod decimal;
pub mod fold;
pub mod i18n;
pub mod ids;
pub mod instant;
pub mod locale;
pub mod order;
