//! The organisation's rules, above the deal rules they look at: who works on referrals,
//! the business locations and the organisation's own solutions.

pub mod admin;
