//! The context of a decision: the exchange as it is, the directory, the acting user and the
//! time. The app builds it once per action, the server once per command, from the signed-in
//! user and its own clock.

use chrono::{DateTime, Utc};

use crate::domain::exchange::state::Exchange;
use crate::domain::records::directory::{ReferenceData, User};

/// Everything a decision depends on.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub exchange: &'a Exchange,
    pub directory: &'a ReferenceData,
    pub user: &'a User,
    pub now: DateTime<Utc>,
}
