//! The header on every page: the brand, the tabs and pages the signed-in user may open, **Signed
//! in as**, notifications, and the banners for a simulated clock or a newer schema.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::app::boot::clear_clock;
use crate::app::browser;
use crate::app::routes::Page;
use crate::app::state::{mark_notifications_read, switch_user, AppState};
use crate::domain::deal::notify::{inbox, message_in, unread_count};
use crate::domain::lists::listing::Tab;
use crate::domain::present::format;
use crate::domain::records::directory::Role;
use crate::domain::support::i18n::Text;

/// The header: brand, navigation and **Signed in as**; below it the simulated-time and
/// schema-upgrade banners when they apply.
#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let location = use_location();
    // The header entry of the page shown: its link is the current page.
    let entry =
        move || Page::of_route(&browser::route(&location.pathname.get())).map(|p| p.nav_entry());
    let link = move |page: Page, text: Text| {
        let current = page.clone();
        view! {
            <a href=page.href() aria-current=move || (entry().as_ref() == Some(&current)).then_some("page")>
                {state.text(text)}
            </a>
        }
    };
    // The users who may sign in, by organisation (follows the Organisation page's changes).
    let groups = move || {
        state.data.with(|d| {
            d.organizations
                .iter()
                .map(|o| {
                    let users: Vec<(String, String)> = d
                        .active_users()
                        .filter(|u| u.organization_id == o.id)
                        .map(|u| (u.id.clone(), u.display_name.clone()))
                        .collect();
                    (o.name.clone(), users)
                })
                .filter(|(_, users)| !users.is_empty())
                .collect::<Vec<_>>()
        })
    };
    let role_line = move || {
        let user = state.user();
        let org = state.data.with(|d| {
            d.organization(&user.organization_id)
                .map(|o| o.name.clone())
                .unwrap_or_default()
        });
        let roles = user
            .roles
            .iter()
            .map(|r| state.tr(r.text()))
            .collect::<Vec<_>>()
            .join(" + ");
        format!("{org} · {roles}")
    };
    // In a host page's iframe the host signs the user in and shows its own brand.
    let embedded = crate::app::embed::is_embedded();
    // Demo sign-in (and local mode) let **Signed in as** switch user; otherwise it says who.
    let switching = state.shared.is_none_or(|s| s.switch_users);
    // A new deployment installed by the service worker (public/boot.js) waits for the user.
    let update = RwSignal::new(browser::update_ready());
    let _ = window_event_listener_untyped("cosell-update-ready", move |_| update.set(true));
    view! {
        <header class="app-header">
            <div class="header-inner">
                {(!embedded).then(|| view! { <a class="brand" href=Page::Deals(Tab::Inbound).href()>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    "Co-sell"
                </a> })}
                <nav aria-label=state.text(Text::NavMain) class="main-nav">
                    {link(Page::Deals(Tab::Inbound), Text::NavDeals)}
                    {link(Page::Forecast, Text::NavForecast)}
                    {link(Page::Outbox, Text::NavOutbox)}
                    {move || state.user().has_role(Role::MicrosoftSeller).then(|| link(Page::Registrations, Text::NavRegistrations))}
                    {move || crate::domain::org::admin::may_view_organisation(&state.user()).then(|| link(Page::Organisation, Text::NavOrganisation))}
                    {link(Page::Profile, Text::NavProfile)}
                    {link(Page::Settings, Text::NavSettings)}
                </nav>
                <NotificationsButton/>
                {embedded.then(|| view! { <div class="who">
                    <span class="role-line">{move || format!("{} {} · {}", state.tr(Text::SignedInAs), state.user().display_name, role_line())}</span>
                </div> })}
                {(!embedded && !switching).then(|| view! { <div class="who">
                    <span class="role-line">{move || format!("{} {}", state.tr(Text::SignedInAs), state.user().display_name)}</span>
                    <span class="role-line">{role_line}</span>
                    {state.shared.map(|shared| view! { <super::sync_status::SyncLine shared/> })}
                </div> })}
                {(!embedded && switching).then(|| view! { <div class="who">
                    <label class="signed-in">
                        <span>{state.text(Text::SignedInAs)}</span>
                        <select
                            prop:value=move || state.user_id.get()
                            on:change=move |ev| switch_user(state, event_target_value(&ev))
                        >
                            {move || groups()
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
                    {state.shared.map(|shared| view! { <super::sync_status::SyncLine shared/> })}
                </div> })}
            </div>
        </header>
        {move || (state.offset.is_simulated()).then(|| view! { <div class="banner sim-banner" role="region" aria-label=state.text(Text::SimulatedTime)>
                <strong>{state.text(Text::SimulatedTime)}</strong>
                <span>{move || format::date_time_in(state.locale.get(), state.now.get())}</span>
                <button type="button" class="link-button" on:click=|_| {
                    clear_clock();
                    let path = browser::window().location().pathname().unwrap_or_else(|_| "/".into());
                    let _ = browser::window().location().set_href(&path);
                }>{state.text(Text::UseRealTime)}</button>
            </div> })}
        {move || update.get().then(|| view! { <div class="banner update-banner" role="region" aria-label=state.text(Text::UpdateAvailable)>
                <span role="status">{state.text(Text::UpdateReady)}</span>
                <button type="button" on:click=|_| browser::apply_update()>{state.text(Text::ReloadToUpdate)}</button>
            </div> })}
        {move || (state.version_changed.get()).then(|| view! { <div class="banner warning-banner" role="alert">
                {state.text(Text::UpdatedElsewhere)}
                <button type="button" on:click=|_| browser::reload()>{state.text(Text::Reload)}</button>
            </div> })}
    }
}

/// **Notifications** with the unread count; opens the signed-in user's notifications.
#[component]
fn NotificationsButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let unread = Signal::derive(move || {
        state
            .exchange
            .with(|e| unread_count(e, &state.user_id.get()))
    });
    view! {
        <div class="notifications">
            // The name stays exactly "Notifications"; the unread count is its description.
            <button type="button" class="notifications-button" aria-label=state.text(Text::Notifications) aria-describedby="notifications-unread"
                aria-expanded=move || open.get().to_string() aria-controls="notifications-panel"
                on:click=move |_| open.update(|o| *o = !*o)>
                {state.text(Text::Notifications)}
                {move || match unread.get() {
                    0 => None,
                    n => Some(view! { <span class="count" aria-hidden="true">{n}</span> }),
                }}
            </button>
            <span id="notifications-unread" class="visually-hidden">{move || match unread.get() {
                0 => state.tr(Text::NoUnread).to_string(),
                1 => state.tr(Text::OneUnread).to_string(),
                n => Text::NUnread.fill(state.locale.get(), &[("n", &n.to_string())]),
            }}</span>
            // The panel is drawn from the rare pages' module while it is open.
            {move || open.get().then(|| crate::app::lazy::notifications_panel(open))}
        </div>
    }
}

/// The open notifications panel: what the server did not save (shared mode), then the
/// signed-in user's latest 50 notifications. Built in the rare pages' module (`lazy.rs`).
pub fn notifications_panel(state: AppState, open: RwSignal<bool>) -> AnyView {
    let mark = move |ids: Vec<String>| {
        mark_notifications_read(state, ids);
    };
    let items = move || {
        let locale = state.locale.get();
        state.exchange.with(|e| {
            inbox(e, &state.user_id.get())
                .into_iter()
                .take(50)
                .map(|n| {
                    (
                        n.id.clone(),
                        n.referral_id.clone(),
                        message_in(locale, n).0,
                        format::date_time_in(locale, n.at),
                        n.read,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section id="notifications-panel" class="notifications-panel" aria-label=state.text(Text::Notifications)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { open.set(false); }>
            <div class="panel-head">
                <h2>{state.text(Text::Notifications)}</h2>
                <button type="button" class="link-button" on:click=move |_| mark(Vec::new())>{state.text(Text::MarkAllRead)}</button>
            </div>
            // Shared mode: what the server did not save, first.
            {move || state.shared.map(|shared| shared.refused.get().into_iter().map(|r| {
                let href = r.referral_id.map(|id| Page::Deal(id).href());
                view! {
                    <p class="refused-note">
                        {match href {
                            Some(href) => view! { <a href=href on:click=move |_| open.set(false)>{r.message.clone()}</a> }.into_any(),
                            None => view! { <span>{r.message.clone()}</span> }.into_any(),
                        }}
                    </p>
                }
            }).collect_view())}
            {move || {
                let list = items();
                if list.is_empty() {
                    return view! { <p class="muted">{state.tr(Text::NoNotificationsYet)}</p> }.into_any();
                }
                view! {
                    <ul>
                        {list.into_iter().map(|(id, referral_id, subject, at, read)| {
                            let read_id = id.clone();
                            view! {
                                <li class:unread=!read>
                                    <a href=Page::Deal(referral_id.clone()).href() on:click=move |_| { mark(vec![read_id.clone()]); open.set(false); }>{subject}</a>
                                    <span class="muted">{at}{(!read).then(|| state.tr(Text::UnreadMark))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
