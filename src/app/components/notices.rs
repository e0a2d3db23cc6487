//! The message line under the header: the latest save, undo or refusal, announced to
//! assistive technology once.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use crate::app::state::AppState;

/// The latest save, undo or refusal, announced politely (errors assertively); dismissing it
/// clears the messages. One message at a time: a new one replaces the last, so assistive
/// technology reads each exactly once.
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices" aria-live="polite">
            {move || state.notices.with(|n| n.last().cloned()).map(|notice| view! {
                <div class="notice" class:error=notice.is_error role=if notice.is_error { "alert" } else { "status" }>
                    <span>{notice.text.clone()}</span>
                    <button type="button" class="dismiss" aria-label=state.text(Text::DismissMessage) on:click=move |_| state.notices.set(Vec::new())>
                        "×"
                    </button>
                </div>
            })}
        </div>
    }
}
