//! The Leptos user interface. It calls domain functions and never re-implements a rule.

mod boot;
mod browser;
mod components;
mod embed;
mod pages;
mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use boot::{Boot, BootError};
use components::header::Header;
use components::notices::Notices;
use pages::deal::DealPage;
use pages::deals::DealsPage;
use pages::not_found::NotFound;
use pages::settings::SettingsPage;
use pages::wizard::NewDealPage;
use state::AppState;

use crate::domain::listing::Tab;

/// Mounts the app on the page.
pub fn start() {
    // A panic aborts the wasm; say why in the console before it does.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let boot = RwSignal::new(Boot::Loading);
    leptos::task::spawn_local(async move {
        boot.set(match boot::start().await {
            Ok(state) => {
                leptos::task::spawn_local(embed::start(state));
                Boot::Ready(state)
            }
            Err(e) => Boot::Failed(e),
        });
    });
    move || match boot.get() {
        Boot::Loading => view! {
            <main class="boot" aria-busy="true"><p role="status">"Loading Co-sell…"</p></main>
        }
        .into_any(),
        Boot::Failed(error) => view! { <BootFailure error/> }.into_any(),
        Boot::Ready(state) => view! { <Shell state/> }.into_any(),
    }
}

/// Every route's view as one type (a function pointer), so the router's matching and
/// rendering code exists once in the wasm instead of once per route.
fn page(view: fn() -> AnyView) -> fn() -> AnyView {
    view
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    view! {
        <Router base=browser::base()>
            <a class="skip-link" href="#main">{move || state.tr(crate::domain::i18n::Text::SkipToContent)}</a>
            <Header/>
            <Notices/>
            <FocusOnNavigate/>
            <main id="main" class="page">
                <Routes fallback=|| view! { <NotFound/> }.into_any()>
                    <Route path=path!("/") view=page(|| view! { <DealsPage tab=Tab::Inbound/> }.into_any())/>
                    <Route path=path!("/outbound") view=page(|| view! { <DealsPage tab=Tab::Outbound/> }.into_any())/>
                    <Route path=path!("/favorites") view=page(|| view! { <DealsPage tab=Tab::Favorites/> }.into_any())/>
                    <Route path=path!("/deals/new") view=page(|| view! { <NewDealPage/> }.into_any())/>
                    <Route path=path!("/deals/:id") view=page(|| view! { <DealPage/> }.into_any())/>
                    <Route path=path!("/forecast") view=page(|| view! { <pages::forecast::ForecastPage/> }.into_any())/>
                    <Route path=path!("/import") view=page(|| view! { <pages::import::ImportPage/> }.into_any())/>
                    <Route path=path!("/settings") view=page(|| view! { <SettingsPage/> }.into_any())/>
                    <Route path=path!("/outbox") view=page(|| view! { <pages::outbox::OutboxPage/> }.into_any())/>
                    <Route path=path!("/registrations") view=page(|| view! { <pages::registrations::RegistrationsPage/> }.into_any())/>
                </Routes>
            </main>
        </Router>
    }
}


/// After navigation, focus moves to the new page's heading (or, between the deal tabs,
/// stays on the selected tab), so keyboard and screen-reader users start on the new content.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = browser::route(&location.pathname.get());
        if let Some(previous) = previous {
            if previous != path {
                let between_tabs = is_tab_path(&previous) && is_tab_path(&path);
                request_animation_frame(move || browser::focus_after_navigation(between_tabs));
            }
        }
        path
    });
}

fn is_tab_path(path: &str) -> bool {
    matches!(path, "/" | "/outbound" | "/favorites")
}

/// Shown instead of the app when it cannot start: names the file and the problem.
#[component]
fn BootFailure(error: BootError) -> impl IntoView {
    let (title, detail, file, advice) = match &error {
        BootError::ReferenceData(e) => (
            "Co-sell could not start: the reference data is not valid",
            e.problem.clone(),
            Some(e.file.clone()),
            "Nothing was changed. Correct the file (or ask whoever deployed Co-sell to) and reload the page.",
        ),
        BootError::Storage(message) => (
            "Co-sell could not start: the browser storage is not available",
            message.clone(),
            None,
            "Nothing was changed. Co-sell keeps its deals in this browser: allow site data for it (private windows and blocked third-party storage in an embedding page prevent it) and reload the page.",
        ),
    };
    view! {
        <main class="boot-failure" id="main">
            <h1 tabindex="-1">{title}</h1>
            {file.map(|file| view! {
                <p>"File: " <code>{format!("data/{file}")}</code></p>
            })}
            <p class="problem">"Problem: " {detail}</p>
            <p>{advice}</p>
            <button type="button" on:click=|_| browser::reload()>"Reload"</button>
        </main>
    }
}
