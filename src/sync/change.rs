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

write_tagged!(Change, "kind" {
    Deal "deal" { command: "command" },
    Answers "answers" { commands: "commands" },
    Batch "batch" { commands: "commands" },
    Admin "admin" { command: "command" },
    ReadNotifications "readNotifications" { ids: "ids" },
});

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::commands::Command;
    use crate::domain::records::referral::HelpType;
    use crate::domain::records::stage::SalesStage;
    use crate::domain::testing::rules_tests::{new_deal, World};

    fn decided(w: &World, user: &str, change: &Change) -> Result<Outcome, ChangeError> {
        let user = w.user(user);
        decide_change(
            change,
            Ctx {
                exchange: &w.exchange,
                directory: &w.data,
                user: &user,
                now: w.now,
            },
        )
    }

    fn created(w: &mut World) -> String {
        let deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        w.run("contoso-admin", Command::CreateDeal { deal })
            .expect("created");
        w.copy("e1", "contoso").id
    }

    #[test]
    fn a_batch_is_decided_in_order_and_written_once_per_referral() {
        let mut w = World::new();
        let id = created(&mut w);
        let stage = |stage| Command::MarkStage {
            referral_id: id.clone(),
            stage,
        };
        let batch = Change::Batch {
            commands: vec![stage(SalesStage::Qualified), stage(SalesStage::Developed)],
        };
        let outcome = decided(&w, "contoso-admin", &batch).expect("both apply in order");
        assert_eq!(outcome.referrals.len(), 1);
        assert_eq!(
            outcome.referrals[0].referral.sales_stage,
            Some(SalesStage::Developed)
        );
        assert_eq!(outcome.activity.len(), 2, "each command keeps its entry");
        w.exchange
            .apply(&outcome)
            .expect("applies to the state it was decided on");
    }

    /// A batch is decided on a copy without most of the history (`Exchange::decision_copy`):
    /// what it writes is what the same commands write one by one on the whole exchange, also
    /// for shared notes, whose ids count the notes before them.
    #[test]
    fn a_batch_writes_what_its_commands_write_one_by_one() {
        let mut w = World::new();
        let id = created(&mut w);
        let note = |text: &str| Command::AddSharedNote {
            referral_id: id.clone(),
            text: text.into(),
        };
        w.run("contoso-admin", note("Kick-off on Monday"))
            .expect("noted");
        let commands = vec![
            Command::MarkStage {
                referral_id: id.clone(),
                stage: SalesStage::Qualified,
            },
            note("Kick-off on Monday"),
            Command::ToggleFavorite {
                referral_id: id.clone(),
            },
            note("Kick-off on Monday"),
            Command::MarkStage {
                referral_id: id.clone(),
                stage: SalesStage::Developed,
            },
        ];
        let batch = decided(
            &w,
            "contoso-admin",
            &Change::Batch {
                commands: commands.clone(),
            },
        )
        .expect("decided in order");
        let mut one_by_one = World {
            exchange: w.exchange.clone(),
            ..World::new()
        };
        for command in commands {
            one_by_one.run("contoso-admin", command).expect("decided");
        }
        w.exchange.apply(&batch).expect("applies");
        assert_eq!(w.exchange, one_by_one.exchange);
        let notes = crate::domain::deal::engagement::shared_notes(&w.exchange, "e1").count();
        assert_eq!(notes, 3);
    }

    #[test]
    fn a_batch_with_one_refusal_is_refused_whole_naming_the_command() {
        let mut w = World::new();
        let id = created(&mut w);
        let batch = Change::Batch {
            commands: vec![
                Command::MarkStage {
                    referral_id: id.clone(),
                    stage: SalesStage::Qualified,
                },
                Command::MarkStage {
                    referral_id: "no-such".into(),
                    stage: SalesStage::Qualified,
                },
            ],
        };
        assert_eq!(
            decided(&w, "contoso-admin", &batch),
            Err(ChangeError::Command {
                index: 1,
                error: CommandError::UnknownReferral
            })
        );
    }

    #[test]
    fn another_organisations_deal_is_unknown_and_the_expiry_is_not_a_users() {
        let mut w = World::new();
        let id = created(&mut w);
        let stage = Change::Deal {
            command: Command::MarkStage {
                referral_id: id.clone(),
                stage: SalesStage::Qualified,
            },
        };
        assert_eq!(
            decided(&w, "fabrikam-admin", &stage),
            Err(ChangeError::Command {
                index: 0,
                error: CommandError::UnknownReferral
            })
        );
        let expire = Change::Deal {
            command: Command::Expire { referral_id: id },
        };
        assert_eq!(
            decided(&w, "contoso-admin", &expire),
            Err(ChangeError::Forbidden)
        );
        let read = Change::ReadNotifications { ids: Vec::new() };
        assert!(decided(&w, "contoso-admin", &read).is_ok());
    }
}
