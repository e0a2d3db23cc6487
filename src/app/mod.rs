//! The Leptos user interface. It calls domain functions and never re-implements a rule.

mod boot;
mod browser;
mod components;
mod embed;
mod lazy;
mod pages;
mod routes;
mod state;
pub(crate) mod sync;

use leptos::prelude::*;

use crate::domain::support::i18n::Text;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use boot::{Boot, BootError};
use components::header::Header;
use components::notices::Notices;
use lazy::{LazyPage, RarePage};
use pages::deals::DealsPage;
use pages::not_found::NotFound;
use state::AppState;

/// Mounts the app on the page.
pub fn start() {
    // A panic aborts the wasm; say why in the console before it does.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    // The language is known before anything is shown: the loading and failure pages speak it too.
    let locale = browser::chosen_locale();
    browser::set_document_lang(locale);
    let boot = RwSignal::new(Boot::Loading);
    leptos::task::spawn_local(async move {
        if locale == crate::domain::support::locale::Locale::De {
            boot::load_german().await;
        }
        let started = boot::start(locale).await;
        if let Boot::Ready(state) = &started {
            leptos::task::spawn_local(embed::start(*state));
        }
        boot.set(started);
    });
    move || {
        match boot.get() {
        Boot::Loading => view! {
            <main class="boot" aria-busy="true"><p role="status">{Text::Loading.get(locale)}</p></main>
        }
        .into_any(),
        Boot::Failed(error) => view! { <BootFailure error locale/> }.into_any(),
        Boot::SignIn(data, ways) => view! { <pages::sign_in::SignInPage data ways locale/> }.into_any(),
        Boot::Ready(state) => view! { <Shell state/> }.into_any(),
    }
    }
}

/// Every route's view as one type (a function pointer), so the router's matching and
/// rendering code exists once in the wasm instead of once per route.
fn page(view: fn() -> AnyView) -> fn() -> AnyView {
    view
}

/// The tabs' child routes: the deals page draws the tab itself.
fn no_view() -> AnyView {
    ().into_any()
}

#[component]
fn Shell(state: AppState) -> impl IntoView {
    provide_context(state);
    lazy::preload_after_first_paint();
    view! {
        <Router base=browser::base()>
            <a class="skip-link" href="#main">{state.text(Text::SkipToContent)}</a>
            <Header/>
            <Notices/>
            <FocusOnNavigate/>
            <components::shortcuts::Shortcuts open=state.shortcuts_open/>
            <main id="main" class="page">
                <Routes fallback=|| view! { <NotFound/> }.into_any()>
                    // Before the deals page's own `deals/:id`: the first route that matches is taken.
                    <Route path=path!("/deals/new") view=page(|| lazy::view(LazyPage::Rare(RarePage::NewDeal)))/>
                    // One page for the three tabs: switching tabs changes only the rows. A deal
                    // opens next to the list, which stays in the document, hidden, so opening a
                    // deal and coming back rebuild no list.
                    <ParentRoute path=path!("") view=page(|| view! { <DealsPage/> }.into_any())>
                        <Route path=path!("") view=page(no_view)/>
                        <Route path=path!("outbound") view=page(no_view)/>
                        <Route path=path!("favorites") view=page(no_view)/>
                        <Route path=path!("deals/:id") view=page(|| lazy::view(LazyPage::Deal))/>
                    </ParentRoute>
                    <Route path=path!("/forecast") view=page(|| lazy::view(LazyPage::Rare(RarePage::Forecast)))/>
                    <Route path=path!("/import") view=page(|| lazy::view(LazyPage::Rare(RarePage::Import)))/>
                    <Route path=path!("/settings") view=page(|| lazy::view(LazyPage::Rare(RarePage::Settings)))/>
                    <Route path=path!("/outbox") view=page(|| lazy::view(LazyPage::Rare(RarePage::Outbox)))/>
                    <Route path=path!("/organisation") view=page(|| lazy::view(LazyPage::Rare(RarePage::Organisation)))/>
                    <Route path=path!("/profile") view=page(|| lazy::view(LazyPage::Rare(RarePage::Profile)))/>
                    <Route path=path!("/registrations") view=page(|| lazy::view(LazyPage::Rare(RarePage::Registrations)))/>
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
    let navigations = StoredValue::new(0u32);
    Effect::new(move |previous: Option<String>| {
        let path = browser::route(&location.pathname.get());
        if let Some(previous) = previous {
            if previous != path {
                let between_tabs = is_tab_path(&previous) && is_tab_path(&path);
                navigations.update_value(|n| *n += 1);
                let before = browser::focused();
                focus_when_shown(
                    navigations,
                    navigations.get_value(),
                    between_tabs,
                    before,
                    0,
                );
            }
        }
        path
    });
}

/// A lazily loaded page (lazy.rs) shows its heading only once its module is there, so focus
/// is tried once a frame, for up to ten seconds, until the heading exists, unless another
/// navigation came first or the user has put the focus somewhere meanwhile.
fn focus_when_shown(
    navigations: StoredValue<u32>,
    this: u32,
    between_tabs: bool,
    before: Option<web_sys::Element>,
    frame: u32,
) {
    request_animation_frame(move || {
        let done = navigations.get_value() != this
            || browser::focus_moved(before.as_ref())
            || browser::focus_after_navigation(between_tabs)
            || frame >= 600;
        if !done {
            focus_when_shown(navigations, this, between_tabs, before, frame + 1);
        }
    });
}

fn is_tab_path(path: &str) -> bool {
    routes::Page::of_route(path).and_then(|p| p.tab()).is_some()
}

/// Shown instead of the app when it cannot start: names the file and the problem.
#[component]
fn BootFailure(error: BootError, locale: crate::domain::support::locale::Locale) -> impl IntoView {
    let t = move |x: Text| x.get(locale);
    let (title, detail, file, advice) = match &error {
        BootError::ReferenceData(e) => (
            t(Text::BootDataInvalid),
            e.problem.clone(),
            Some(e.file.clone()),
            t(Text::BootDataAdvice),
        ),
        BootError::Storage(message) => (
            t(Text::BootNoStorage),
            message.clone(),
            None,
            t(Text::BootStorageAdvice),
        ),
    };
    view! {
        <main class="boot-failure" id="main">
            <h1 tabindex="-1">{title}</h1>
            {file.map(|file| view! {
                <p>{t(Text::FileColon)} " " <code>{format!("data/{file}")}</code></p>
            })}
            <p class="problem">{format!("{} {detail}", t(Text::ProblemColon))}</p>
            <p>{advice}</p>
            <button type="button" on:click=|_| browser::reload()>{t(Text::Reload)}</button>
        </main>
    }
}
