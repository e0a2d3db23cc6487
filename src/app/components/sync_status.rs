//! Shared mode's line in the header: the sync state in words (a live status for screen
//! readers) and **Sign out**.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::sync::{self, Shared, SyncStatus};
use crate::domain::support::i18n::Text;

/// The sync state as the header says it.
pub fn status_text(state: AppState, shared: Shared) -> String {
    let locale = state.locale.get();
    match shared.status.get() {
        SyncStatus::UpToDate => Text::SyncUpToDate.get(locale).to_string(),
        SyncStatus::Saving => Text::SyncSaving.get(locale).to_string(),
        SyncStatus::Offline => {
            Text::SyncOffline.fill(locale, &[("n", &shared.pending.get().to_string())])
        }
        // What waits is said too: the user should not close the tab thinking it is saved.
        SyncStatus::Unreachable => match shared.pending.get() {
            0 => Text::SyncUnreachable.get(locale).to_string(),
            n => Text::SyncUnreachableWaiting.fill(locale, &[("n", &n.to_string())]),
        },
        SyncStatus::SignedOut => Text::SyncSignedOut.get(locale).to_string(),
    }
}

#[component]
pub fn SyncLine(shared: Shared) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="sync-line">
            <p class="sync-status" role="status" aria-label=state.text(Text::SyncStatus)
                data-state=move || format!("{:?}", shared.status.get())>
                {move || status_text(state, shared)}
            </p>
            // An ended session: signing in again keeps this copy and its waiting changes.
            {move || (shared.status.get() == SyncStatus::SignedOut).then(|| view! {
                <button type="button" on:click=|_| crate::app::browser::reload()>{state.text(Text::SignInAgain)}</button>
            })}
            <button type="button" class="link-button" on:click=move |_| sync::sign_out(state)>{state.text(Text::SignOut)}</button>
        </div>
    }
}
