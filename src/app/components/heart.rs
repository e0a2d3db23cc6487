//! The heart that marks a deal a favorite (SPEC §4): changed at once, saved in the
//! background, undone with a message if the save fails.

use leptos::prelude::*;

use crate::app::state::{toggle_favorite, AppState};

/// The heart: a toggle button named **Favorite** whose `aria-pressed` tells its state.
#[component]
pub fn Heart(#[prop(into)] referral_id: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pressed = Signal::derive(move || {
        let user = state.user_id.get();
        referral_id.with(|id| state.exchange.with(|e| e.is_favorite(&user, id)))
    });
    view! {
        <button
            type="button"
            class="heart"
            aria-label=move || state.tr(crate::domain::support::i18n::Text::Favorite)
            aria-pressed=move || pressed.get().to_string()
            title=move || state.tr(if pressed.get() { crate::domain::support::i18n::Text::RemoveFromFavorites } else { crate::domain::support::i18n::Text::AddToFavorites })
            on:click=move |_| toggle_favorite(state, referral_id.get_untracked())
        >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" width="20" height="20">
                <path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.7 4.5c2.1 0 3.6 1.1 4.5 2.6h1.6c.9-1.5 2.4-2.6 4.5-2.6 3.7 0 5.8 3.9 4.3 7.3C19.5 16.4 12 21 12 21z"/>
            </svg>
        </button>
    }
}
