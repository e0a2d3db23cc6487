//! The page for an address the app does not know, with a way back to the deals.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let state = expect_context::<crate::app::state::AppState>();
    view! {
        <div class="not-found">
            <h1 tabindex="-1">{state.tr(crate::domain::support::i18n::Text::PageNotFound)}</h1>
            <p>{state.tr(crate::domain::support::i18n::Text::NoPageHere)}</p>
            <p><a href=crate::app::routes::Page::Deals(crate::domain::lists::listing::Tab::Inbound).href()>{state.tr(crate::domain::support::i18n::Text::GoToDeals)}</a></p>
        </div>
    }
}
