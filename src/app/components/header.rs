use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::app::boot::clear_clock;
use crate::app::browser;
use crate::app::state::{switch_user, AppState};
use crate::domain::format;

/// The header: brand, navigation and **Signed in as**; below it the simulated-time and
/// schema-upgrade banners when they apply.
#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let location = use_location();
    let on_deals = move || {
        let p = location.pathname.get();
        p == "/" || p == "/outbound" || p == "/favorites" || p.starts_with("/deals/")
    };
    let on_settings = move || location.pathname.get() == "/settings";
    let groups = state.data.with_value(|d| {
        d.organizations
            .iter()
            .map(|o| {
                let users: Vec<(String, String)> = d
                    .users
                    .iter()
                    .filter(|u| u.organization_id == o.id)
                    .map(|u| (u.id.clone(), u.display_name.clone()))
                    .collect();
                (o.name.clone(), users)
            })
            .filter(|(_, users)| !users.is_empty())
            .collect::<Vec<_>>()
    });
    let role_line = move || {
        let user = state.user();
        let org = state.data.with_value(|d| d.organization(&user.organization_id).map(|o| o.name.clone()).unwrap_or_default());
        let roles = user.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(" + ");
        format!("{org} · {roles}")
    };
    view! {
        <header class="app-header">
            <div class="header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    "Co-sell"
                </a>
                <nav aria-label="Main" class="main-nav">
                    <a href="/" aria-current=move || on_deals().then_some("page")>"Deals"</a>
                    <a href="/settings" aria-current=move || on_settings().then_some("page")>"Settings"</a>
                </nav>
                <div class="who">
                    <label class="signed-in">
                        <span>"Signed in as"</span>
                        <select
                            prop:value=move || state.user_id.get()
                            on:change=move |ev| switch_user(state, event_target_value(&ev))
                        >
                            {groups
                                .into_iter()
                                .map(|(org, users)| view! {
                                    <optgroup label=org>
                                        {users
                                            .into_iter()
                                            .map(|(id, name)| {
                                                let selected_id = id.clone();
                                                view! {
                                                    <option value=id selected=move || state.user_id.get() == selected_id>{name}</option>
                                                }
                                            })
                                            .collect_view()}
                                    </optgroup>
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <span class="role-line">{role_line}</span>
                </div>
            </div>
        </header>
        {move || (state.offset.is_simulated()).then(|| view! { <div class="banner sim-banner" role="region" aria-label="Simulated time">
                <strong>"Simulated time"</strong>
                <span>{move || format::date_time(state.now.get())}</span>
                <button type="button" class="link-button" on:click=|_| {
                    clear_clock();
                    let path = browser::window().location().pathname().unwrap_or_else(|_| "/".into());
                    let _ = browser::window().location().set_href(&path);
                }>"Use real time"</button>
            </div> })}
        {move || (state.version_changed.get()).then(|| view! { <div class="banner warning-banner" role="alert">
                "Co-sell was updated in another tab. Reload this tab to keep working; nothing you saved is lost."
                <button type="button" on:click=|_| browser::reload()>"Reload"</button>
            </div> })}
    }
}
