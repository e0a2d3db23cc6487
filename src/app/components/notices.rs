use leptos::prelude::*;

use crate::app::state::AppState;

/// Saves, undos and refusals, announced politely (errors assertively) and dismissable.
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices" aria-live="polite">
            <For each=move || state.notices.get() key=|n| n.id let:notice>
                <div class="notice" class:error=notice.is_error role=if notice.is_error { "alert" } else { "status" }>
                    <span>{notice.text.clone()}</span>
                    <button type="button" class="dismiss" aria-label="Dismiss message" on:click=move |_| state.dismiss(notice.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
