//! What a client may push, and how the domain decides it. Every kind of write the app makes
//! is here: a deal command, bulk answers, an import plan, an organisation's set-up, and
//! notifications read. A change never names its user or time: the server supplies both.

use serde::{Deserialize, Serialize};

use crate::domain::deal::commands::{decide, decide_all, decide_in_order, Command, CommandError};
use crate::domain::deal::notify::mark_read;
use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::{Conflict, Ctx, Outcome};
use crate::domain::org::admin::{decide_admin, AdminCommand};

/// A change a client asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// As with `Command`: a change is decided once and never kept in bulk in memory.
#[allow(clippy::large_enum_variant)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Change {
    /// One deal command (a favorite is one too).
    Deal { command: Command },
    /// Answers to several referrals saved as one (bulk accept or decline).
    Answers { commands: Vec<Command> },
    /// Commands decided in order and saved whole or not at all (an import plan).
    Batch { commands: Vec<Command> },
    /// A change of the organisation's set-up or of the user's own profile.
    Admin { command: AdminCommand },
    /// The user read these notifications (all unread ones when empty).
    ReadNotifications { ids: Vec<String> },
}

/// Why a change was not applied.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeError {
    /// The domain refused or found the input invalid; `index` is the command of a batch.
    Command { index: usize, error: CommandError },
    /// A deal it is based on changed since the client saw it.
    Conflict(Conflict),
    /// Not a change a client may ask for (the expiry is the server's own).
    Forbidden,
}

/// Decides `change` in `ctx` (the signed-in user, at the server's clock). A command about a
/// referral the user may not see is answered exactly as one about an unknown referral, so
/// no answer tells that it exists.
pub fn decide_change(change: &Change, ctx: Ctx) -> Result<Outcome, ChangeError> {
    let commands: &[Command] = match change {
        Change::Deal { command } => std::slice::from_ref(command),
        Change::Answers { commands } | Change::Batch { commands } => commands,
        Change::Admin { command } => {
            return decide_admin(command, ctx)
                .map_err(|error| ChangeError::Command { index: 0, error })
        }
        Change::ReadNotifications { ids } => return Ok(mark_read(ctx.exchange, &ctx.user.id, ids)),
    };
    for (index, command) in commands.iter().enumerate() {
        if matches!(command, Command::Expire { .. }) {
            return Err(ChangeError::Forbidden);
        }
        if let Some(id) = command.referral_id() {
            if !ctx
                .exchange
                .referral(id)
                .is_some_and(|r| can_see(ctx.user, r))
            {
                return Err(ChangeError::Command {
                    index,
                    error: CommandError::UnknownReferral,
                });
            }
        }
    }
    let at = |(index, error)| ChangeError::Command { index, error };
    match change {
        Change::Answers { commands } => decide_all(commands, ctx).map_err(at),
        Change::Batch { commands } => decide_in_order(commands, ctx).map_err(at),
        _ => decide(&commands[0], ctx).map_err(|error| ChangeError::Command { index: 0, error }),
    }
}
