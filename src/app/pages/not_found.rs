use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is no page at this address."</p>
            <p><a href=crate::app::browser::href("/")>"Go to your deals"</a></p>
        </div>
    }
}
