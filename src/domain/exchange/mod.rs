//! The third layer: every organisation's records together (SPEC §14). The state of the
//! exchange, the outcomes that change it atomically with their conflicts, and the context a
//! decision is made in.

mod context;
mod outcome;
mod state;

pub use context::Ctx;
pub use outcome::{
    check_setup_write, check_write, Conflict, Favorite, FavoriteChange, Outcome, OutcomeChain,
    ReferralWrite, SetupWrite,
};
pub use state::Exchange;
