//! Each user action: decide with the domain, show the result at once, persist, and undo
//! with a message if the write fails.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Notice};
use crate::domain::deal::commands::{decide, decide_all, expire_due, Command, CommandError};
use crate::domain::deal::validation::{FieldError, MessageKey};
use crate::domain::exchange::Ctx;
use crate::domain::exchange::{Conflict, Exchange, Outcome};
use crate::domain::org::admin::{decide_admin, AdminCommand};
use crate::domain::support::i18n::Text;
use crate::domain::transfer::demo;
use crate::store::{Store, StoreError};

/// Decides `command` for the signed-in user now.
pub fn decide_now(state: AppState, command: &Command) -> Result<Outcome, CommandError> {
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    state.data.with(|directory| {
        state.exchange.with_untracked(|exchange| {
            decide(
                command,
                Ctx {
                    exchange,
                    directory,
                    user: &user,
                    now,
                },
            )
        })
    })
}

/// Decides `command`, saves its outcome and shows it; `done` gets the field errors to show
/// (nothing was written) or `Ok` once it is saved. A refusal or a failed write is a notice.
pub fn perform(
    state: AppState,
    command: Command,
    saved: impl Into<String>,
    done: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
) {
    perform_seen(state, command, &[], saved, done)
}

/// `perform` for a form the user filled in while looking at the deals `seen` (id, eTag):
/// if one of them changed meanwhile (another tab), nothing is saved and `done` is told so.
pub fn perform_seen(
    state: AppState,
    command: Command,
    seen: &[(String, String)],
    saved: impl Into<String>,
    done: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
) {
    match decide_now(state, &command) {
        Ok(outcome) => save(state, outcome.as_seen(seen), saved.into(), done),
        Err(CommandError::Invalid(errors)) => done(Err(errors)),
        Err(e) => {
            state.notify(Notice::error(Text::NothingChanged.fill(
                state.locale.get_untracked(),
                &[("why", e.message(state.locale.get_untracked()))],
            )));
            done(Err(Vec::new()))
        }
    }
}

/// Decides a change of the organisation's set-up or of the user's profile (issue #9) and
/// saves it like any command; `done` as for [`perform`].
pub fn perform_admin(
    state: AppState,
    command: AdminCommand,
    saved: String,
    done: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
) {
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    let decided = state.data.with_untracked(|directory| {
        state.exchange.with_untracked(|exchange| {
            decide_admin(
                &command,
                Ctx {
                    exchange,
                    directory,
                    user: &user,
                    now,
                },
            )
        })
    });
    match decided {
        Ok(outcome) => save(state, outcome, saved, done),
        Err(CommandError::Invalid(errors)) => done(Err(errors)),
        Err(e) => {
            state.notify(Notice::error(Text::NothingChanged.fill(
                state.locale.get_untracked(),
                &[("why", e.message(state.locale.get_untracked()))],
            )));
            done(Err(Vec::new()))
        }
    }
}

/// Decides several answers as one change (bulk accept or decline) and saves them all or
/// none; a refusal names the deal it is about. `done` runs when it is over either way.
pub fn perform_all(
    state: AppState,
    commands: Vec<Command>,
    seen: &[(String, String)],
    saved: String,
    done: impl FnOnce(bool) + 'static,
) {
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    let decided = state.data.with(|directory| {
        state.exchange.with_untracked(|exchange| {
            decide_all(
                &commands,
                Ctx {
                    exchange,
                    directory,
                    user: &user,
                    now,
                },
            )
        })
    });
    match decided {
        Ok(outcome) => save(state, outcome.as_seen(seen), saved, |result| {
            done(result.is_ok())
        }),
        Err((i, e)) => {
            let name = commands[i].answered_referral().and_then(|id| {
                state
                    .exchange
                    .with_untracked(|x| x.referral(id).map(|r| r.name.clone()))
            });
            let locale = state.locale.get_untracked();
            let reason = match e {
                CommandError::Invalid(errors) => errors
                    .iter()
                    .map(|x| x.key.text().get(locale))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.message(locale).to_string(),
            };
            state.notify(Notice::error(Text::CannotAnswer.fill(
                locale,
                &[("name", &name.unwrap_or_default()), ("why", &reason)],
            )));
            done(false)
        }
    }
}

/// Saves a decided outcome, then shows it; a failed write changes nothing and says so.
pub fn save(
    state: AppState,
    outcome: Outcome,
    saved: String,
    done: impl FnOnce(Result<(), Vec<FieldError>>) + 'static,
) {
    spawn_local(async move {
        match state.store().apply(&outcome).await {
            Ok(()) => {
                if crate::app::embed::is_embedded() {
                    let org = state.user_untracked().organization_id;
                    crate::app::embed::announce(&state.exchange.with_untracked(|x| {
                        crate::domain::present::embed::events(x, &outcome, &org)
                    }));
                }
                state.exchange.update(|e| {
                    let _ = e.apply(&outcome);
                });
                if !outcome.setups.is_empty() {
                    state.follow_setups();
                }
                state.notify(Notice::info(saved));
                done(Ok(()))
            }
            Err(StoreError::Conflict(
                conflict @ (Conflict::StaleReferral { .. } | Conflict::StaleSetup),
            )) => {
                // Show what the other tab saved; the user redoes the change on it.
                state.refresh();
                let locale = state.locale.get_untracked();
                state.notify(Notice::error(
                    Text::NothingSaved.fill(locale, &[("why", &conflict.message(locale))]),
                ));
                done(Err(vec![FieldError {
                    field: "form".into(),
                    key: MessageKey::ChangedElsewhere,
                }]))
            }
            Err(e) => {
                state.notify(Notice::error(
                    Text::SaveFailed
                        .fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
                ));
                done(Err(Vec::new()))
            }
        }
    });
}

/// Hearts or un-hearts a deal: the heart changes at once; a failed write undoes it.
pub fn toggle_favorite(state: AppState, referral_id: String) {
    let outcome = match decide_now(state, &Command::ToggleFavorite { referral_id }) {
        Ok(outcome) => outcome,
        Err(e) => {
            return state.notify(Notice::error(Text::FavoriteNotChanged.fill(
                state.locale.get_untracked(),
                &[("why", e.message(state.locale.get_untracked()))],
            )))
        }
    };
    state.exchange.update(|e| {
        let _ = e.apply(&outcome);
    });
    spawn_local(async move {
        if let Err(e) = state.store().apply(&outcome).await {
            state.exchange.update(|x| {
                let _ = x.apply(&outcome.inverse_favorites());
            });
            state.notify(Notice::error(
                Text::FavoriteUndone
                    .fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
            ));
        }
    });
}

/// Expires every referral whose 14 days have passed (the system's job, run at start and as
/// the clock ticks). Quiet: the deals' status and the notifications say what happened.
pub fn expire_due_referrals(state: AppState) {
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    let outcome = state.data.with(|directory| {
        state.exchange.with_untracked(|exchange| {
            expire_due(Ctx {
                exchange,
                directory,
                user: &user,
                now,
            })
        })
    });
    if outcome.is_empty() {
        return;
    }
    spawn_local(async move {
        match state.store().apply(&outcome).await {
            Ok(()) => state.exchange.update(|e| {
                let _ = e.apply(&outcome);
            }),
            Err(e) => state.notify(Notice::error(
                Text::ExpiryFailed.fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
            )),
        }
    });
}

/// Fills an empty exchange with `n` demo deals.
pub fn load_demo(state: AppState, n: usize, done: impl FnOnce(bool) + 'static) {
    if !state.exchange.with_untracked(Exchange::is_empty) {
        state.notify(Notice::error(state.tr(Text::DemoNeedsEmpty)));
        return done(false);
    }
    let now = state.now.get_untracked();
    let outcome = state.data.with(|d| demo::generate(n, d, now));
    spawn_local(async move {
        match state.store().apply(&outcome).await {
            Ok(()) => {
                state.exchange.update(|e| {
                    let _ = e.apply(&outcome);
                });
                state.notify(Notice::info(
                    Text::DemoLoaded.fill(state.locale.get_untracked(), &[("n", &n.to_string())]),
                ));
                done(true)
            }
            Err(e) => {
                state.notify(Notice::error(
                    Text::DemoFailed
                        .fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
                ));
                done(false)
            }
        }
    });
}

/// Removes every deal and favorite and signs in as the first user, like a fresh browser.
pub fn reset_all(state: AppState, done: impl FnOnce(bool) + 'static) {
    spawn_local(async move {
        match state.store().reset().await {
            Ok(()) => {
                state.set_exchange(Exchange::default());
                state.forget_user();
                state
                    .user_id
                    .set(state.data.with_untracked(|d| d.signed_in("").id.clone()));
                state.notify(Notice::info(state.tr(Text::ResetDone)));
                done(true)
            }
            Err(e) => {
                state.notify(Notice::error(
                    Text::ResetFailed
                        .fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
                ));
                done(false)
            }
        }
    });
}

/// Signs in as another demo user; remembered in this browser.
pub fn switch_user(state: AppState, user_id: String) {
    if state
        .data
        .with_untracked(|d| !d.user(&user_id).is_some_and(|u| u.active))
    {
        return;
    }
    state.remember_user(&user_id);
    state.user_id.set(user_id);
}
