//! Each user action takes one path: decide with the domain in the signed-in user's context,
//! write the outcome through the store and show it (`client::writes`: a heart is shown at
//! once and rolled back if the write is refused), and tell the caller how it ended as a
//! [`Done`]: saved, invalid with field errors, or refused.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Notice};
use crate::client::{Done, Refusal, Shown};
use crate::domain::deal::commands::{decide, decide_all, expire_due, Command};
use crate::domain::deal::rules::Action;
use crate::domain::exchange::{Exchange, Outcome};
use crate::domain::org::admin::{decide_admin, AdminCommand};
use crate::domain::present::forms::{self, Form};
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;
use crate::store::Store;
use crate::sync::{Change, Seen};

impl Shown for RwSignal<Exchange> {
    fn change(&self, f: &mut dyn FnMut(&mut Exchange)) {
        self.update(|e| f(e));
    }
}

/// Decides `command` for the signed-in user now: the outcome to save, or how it ended.
pub fn decide_now(state: AppState, command: &Command) -> Result<Outcome, Done> {
    Done::of_decision(state.decide(|ctx| decide(command, ctx)))
}

/// Decides `command` and saves it; `done` learns how it ended. A refusal is also a notice.
pub fn perform(
    state: AppState,
    command: Command,
    saved: impl Into<String>,
    done: impl FnOnce(Done) + 'static,
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
    done: impl FnOnce(Done) + 'static,
) {
    match decide_now(state, &command) {
        Ok(outcome) => commit(
            state,
            Some((Change::Deal { command }, seen_of(seen))),
            outcome.as_seen(seen),
            saved.into(),
            done,
        ),
        Err(ended) => finish(state, ended, String::new(), done),
    }
}

/// Decides a change of the organisation's set-up or of the user's profile (issue #9) and
/// saves it like any command; `done` as for [`perform`].
pub fn perform_admin(
    state: AppState,
    command: AdminCommand,
    saved: String,
    done: impl FnOnce(Done) + 'static,
) {
    match Done::of_decision(state.decide(|ctx| decide_admin(&command, ctx))) {
        Ok(outcome) => commit(
            state,
            Some((Change::Admin { command }, Vec::new())),
            outcome,
            saved,
            done,
        ),
        Err(ended) => finish(state, ended, String::new(), done),
    }
}

/// The form of `action` on `r` as the signed-in user would start it now, in their language;
/// `None` when the action asks for no input.
pub fn form_now(state: AppState, action: Action, r: &Referral, early_win: bool) -> Option<Form> {
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    let locale = state.locale.get_untracked();
    state
        .data
        .with_untracked(|d| forms::form(action, r, d, &user, now, early_win, locale))
}

/// Starts `action` on the deal `id`: its form goes to `open` when the action asks for
/// input (`early_win`: a win inside the response window asks to confirm); an action
/// without input is decided and saved at once, and `done` learns how it ended.
pub fn start_action(
    state: AppState,
    action: Action,
    id: &str,
    early_win: bool,
    open: impl FnOnce(Form),
    done: impl FnOnce(Done) + 'static,
) {
    let Some(current) = state.exchange.with_untracked(|e| e.referral(id).cloned()) else {
        return;
    };
    let locale = state.locale.get_untracked();
    match form_now(state, action, &current, early_win) {
        Some(f) => open(f),
        None => {
            if let Ok(cmd) = forms::command(action, id, &Default::default()) {
                perform(state, cmd, action.done_in(locale), done);
            }
        }
    }
}

/// Decides several answers as one change (bulk accept or decline) and saves them all or
/// none; a refusal names the deal it is about.
pub fn perform_all(
    state: AppState,
    commands: Vec<Command>,
    seen: &[(String, String)],
    saved: String,
    done: impl FnOnce(Done) + 'static,
) {
    match state.decide(|ctx| decide_all(&commands, ctx)) {
        Ok(outcome) => commit(
            state,
            Some((Change::Answers { commands }, seen_of(seen))),
            outcome.as_seen(seen),
            saved,
            done,
        ),
        Err((i, e)) => {
            let name = commands[i].answered_referral().and_then(|id| {
                state
                    .exchange
                    .with_untracked(|x| x.referral(id).map(|r| r.name.clone()))
            });
            let locale = state.locale.get_untracked();
            let why = Refusal::Rule(e);
            state.notify(Notice::error(Text::CannotAnswer.fill(
                locale,
                &[
                    ("name", &name.unwrap_or_default()),
                    ("why", &why.reason(locale)),
                ],
            )));
            done(Done::Refused(why))
        }
    }
}

/// The deals a form was opened on, as the sync protocol names them.
fn seen_of(seen: &[(String, String)]) -> Vec<Seen> {
    seen.iter()
        .map(|(referral_id, e_tag)| Seen {
            referral_id: referral_id.clone(),
            e_tag: e_tag.clone(),
        })
        .collect()
}

/// Writes a decided outcome and shows it; `saved` is the notice once it is written. A
/// refused write changes nothing, shows the stored state and is told. In shared mode the
/// `change` it was decided from is queued for the server instead (`sync::queue`).
pub fn commit(
    state: AppState,
    change: Option<(Change, Vec<Seen>)>,
    outcome: Outcome,
    saved: String,
    done: impl FnOnce(Done) + 'static,
) {
    if state.shared.is_some() {
        let Some((change, seen)) = change else {
            let why = Text::DemoOnServer
                .get(state.locale.get_untracked())
                .to_string();
            let ended = Done::Refused(Refusal::Store(crate::store::StoreError::Unavailable(why)));
            return finish(state, ended, saved, done);
        };
        return super::super::sync::queue(state, change, seen, outcome, move |ended| {
            finish(state, ended, saved, done)
        });
    }
    // What a host page hears is told by the state before the change (created or changed).
    let events = crate::app::embed::is_embedded().then(|| {
        let org = state.user_untracked().organization_id;
        state
            .exchange
            .with_untracked(|x| crate::domain::present::embed::events(x, &outcome, &org))
    });
    spawn_local(async move {
        let setups = !outcome.setups.is_empty();
        let written = state.writes().save(&state.exchange, outcome).await;
        if setups {
            state.follow_setups();
        }
        if let (Ok(()), Some(events)) = (&written, events) {
            crate::app::embed::announce(&events);
        }
        finish(state, Done::of_write(written), saved, done)
    });
}

/// Tells the user how an action ended (the `saved` notice, or why not) and hands it on.
fn finish(state: AppState, ended: Done, saved: String, done: impl FnOnce(Done)) {
    match &ended {
        Done::Saved => state.notify(Notice::info(saved)),
        Done::Invalid(_) => {}
        Done::Refused(why) => state.notify(Notice::error(why.notice(state.locale.get_untracked()))),
    }
    done(ended)
}

/// Hearts or un-hearts a deal: the heart changes at once; a failed write undoes it.
pub fn toggle_favorite(state: AppState, referral_id: String) {
    let locale = state.locale.get_untracked();
    let command = Command::ToggleFavorite { referral_id };
    let outcome = match decide_now(state, &command) {
        Ok(outcome) => outcome,
        Err(Done::Refused(why)) => {
            return state.notify(Notice::error(
                Text::FavoriteNotChanged.fill(locale, &[("why", &why.reason(locale))]),
            ))
        }
        Err(_) => return,
    };
    if state.shared.is_some() {
        let change = Change::Deal { command };
        return super::super::sync::queue(state, change, Vec::new(), outcome, |_| {});
    }
    spawn_local(async move {
        if let Err(e) = state
            .writes()
            .show_and_save(&state.exchange, &outcome)
            .await
        {
            state.notify(Notice::error(
                Text::FavoriteUndone.fill(locale, &[("error", &e.to_string())]),
            ));
        }
    });
}

/// Marks the notifications `ids` read (all unread ones when empty), shown at once; quiet,
/// as reading is not worth a message.
pub fn mark_notifications_read(state: AppState, ids: Vec<String>) {
    let outcome = state.exchange.with_untracked(|e| {
        crate::domain::deal::notify::mark_read(e, &state.user_id.get_untracked(), &ids)
    });
    if outcome.is_empty() {
        return;
    }
    if state.shared.is_some() {
        let change = Change::ReadNotifications { ids };
        return super::super::sync::queue(state, change, Vec::new(), outcome, |_| {});
    }
    spawn_local(async move {
        let _ = state
            .writes()
            .show_and_save(&state.exchange, &outcome)
            .await;
    });
}

/// Expires every referral whose 14 days have passed (the system's job, run at start and as
/// the clock ticks). Quiet: the deals' status and the notifications say what happened.
pub fn expire_due_referrals(state: AppState) {
    if state.shared.is_some() {
        return; // the server's own job, by its clock
    }
    let outcome = state.decide(expire_due);
    if outcome.is_empty() {
        return;
    }
    spawn_local(async move {
        if let Err(e) = state.writes().save(&state.exchange, outcome).await {
            state.notify(Notice::error(
                Text::ExpiryFailed.fill(state.locale.get_untracked(), &[("error", &e.to_string())]),
            ))
        }
    });
}

/// Fills an empty exchange with `n` demo deals.
pub fn load_demo(state: AppState, n: usize, done: impl FnOnce(bool) + 'static) {
    if state.shared.is_some() {
        state.notify(Notice::error(state.tr(Text::DemoOnServer)));
        return done(false);
    }
    if !state.exchange.with_untracked(Exchange::is_empty) {
        state.notify(Notice::error(state.tr(Text::DemoNeedsEmpty)));
        return done(false);
    }
    let now = state.now.get_untracked();
    spawn_local(async move {
        let locale = state.locale.get_untracked();
        let data = state.data.get_untracked();
        let Ok(outcome) = crate::app::lazy::demo_deals(n, &data, now).await else {
            state.notify(Notice::error(Text::DemoNotLoaded.get(locale)));
            return done(false);
        };
        match state.writes().save(&state.exchange, outcome).await {
            Ok(()) => {
                state.notify(Notice::info(
                    Text::DemoLoaded.fill(locale, &[("n", &n.to_string())]),
                ));
                done(true)
            }
            Err(e) => {
                state.notify(Notice::error(
                    Text::DemoFailed.fill(locale, &[("error", &e.to_string())]),
                ));
                done(false)
            }
        }
    });
}

/// Removes every deal and favorite and signs in as the first user, like a fresh browser.
pub fn reset_all(state: AppState, done: impl FnOnce(bool) + 'static) {
    spawn_local(async move {
        match state.writes().store().reset().await {
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

/// Signs in as another demo user; remembered in this browser. In shared mode the server
/// signs the user in, and the previous user's copy is removed once nothing of it waits.
pub fn switch_user(state: AppState, user_id: String) {
    if state
        .data
        .with_untracked(|d| !d.user(&user_id).is_some_and(|u| u.active))
    {
        return;
    }
    if let Some(shared) = state.shared {
        let waiting = shared.pending.get_untracked();
        if waiting > 0 {
            let locale = state.locale.get_untracked();
            return state.notify(Notice::error(
                Text::PendingBeforeSwitch.fill(locale, &[("n", &waiting.to_string())]),
            ));
        }
        let previous = state.user_id.get_untracked();
        return spawn_local(async move {
            use crate::store::indexeddb::IndexedDbStore;
            let _ = IndexedDbStore::delete_database(&IndexedDbStore::shared_name(&previous)).await;
            if let Err(why) = super::super::sync::sign_in(&user_id).await {
                let locale = state.locale.get_untracked();
                state.notify(Notice::error(
                    Text::SignInFailed.fill(locale, &[("why", &why)]),
                ));
            }
        });
    }
    state.remember_user(&user_id);
    state.user_id.set(user_id);
}
