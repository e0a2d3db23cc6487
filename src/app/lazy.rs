//! Code splitting. The list of deals is what almost every visit needs first; the deal page
//! and the pages most sessions never open (wizard, import, forecast, settings, outbox,
//! organisation, profile, registrations) live in two WebAssembly modules of their own, so the
//! first load is the list alone. The build splits the wasm at the two functions below
//! (`end2end/tools/wasm-split/`: `wasm-split-cli` between cargo and wasm-bindgen); both
//! modules are fetched as soon as the first screen is up, so a click rarely waits, and the
//! service worker precaches them with the rest of the build for offline use.
//!
//! Two modules rather than one per page: every combination of splits that shares code gets a
//! chunk file of its own, and nine splits made 40 files (the deal page needed 21 requests).
//!
//! The rare pages' module also holds what the list screen seldom needs: the demo generator
//! (`?demo=` and Settings), the triage's answers and Decline dialog, the export's writers,
//! the keyboard shortcuts' list, the notifications panel and, in embed mode, what listens to
//! the host page.
//!
//! A page whose module cannot be fetched (offline before the service worker had cached the
//! build) says so and offers to try again, instead of stopping the app.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};

use crate::app::state::{AppState, Notice};
use crate::domain::deal::commands::Command;
use crate::domain::exchange::Outcome;
use crate::domain::present::forms::Form;
use crate::domain::records::directory::ReferenceData;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;

/// A page that lives in a lazily loaded module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyPage {
    /// A deal's page (the `deal_page` module).
    Deal,
    /// One of the pages of the `rare_pages` module.
    Rare(RarePage),
}

/// The pages most sessions never open, in one module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RarePage {
    NewDeal,
    Forecast,
    Import,
    Settings,
    Outbox,
    Organisation,
    Profile,
    Registrations,
}

/// The module could not be fetched or instantiated.
pub struct LoadFailed;

impl From<SplitLoaderError> for LoadFailed {
    fn from(_: SplitLoaderError) -> Self {
        LoadFailed
    }
}

#[wasm_split(deal_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_deal_page))]
fn deal_page() -> Result<AnyView, LoadFailed> {
    use crate::app::pages::deal::DealPage;
    Ok(view! { <DealPage/> }.into_any())
}

#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_rare_pages))]
fn rare_page(page: RarePage) -> Result<AnyView, LoadFailed> {
    use crate::app::pages::*;
    Ok(match page {
        RarePage::NewDeal => view! { <wizard::NewDealPage/> }.into_any(),
        RarePage::Forecast => view! { <forecast::ForecastPage/> }.into_any(),
        RarePage::Import => view! { <import::ImportPage/> }.into_any(),
        RarePage::Settings => view! { <settings::SettingsPage/> }.into_any(),
        RarePage::Outbox => view! { <outbox::OutboxPage/> }.into_any(),
        RarePage::Organisation => view! { <organisation::OrganisationPage/> }.into_any(),
        RarePage::Profile => view! { <profile::ProfilePage/> }.into_any(),
        RarePage::Registrations => view! { <registrations::RegistrationsPage/> }.into_any(),
    })
}

/// `n` demo deals (`?demo=` and **Settings → Load demo deals**): the generator and its
/// names live in the rare pages' module, as few visits ask for them.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn demo_deals(
    n: usize,
    data: &ReferenceData,
    now: DateTime<Utc>,
) -> Result<Outcome, LoadFailed> {
    Ok(crate::domain::transfer::demo::generate(n, data, now))
}

/// The Decline dialog of the Inbound triage for the selected deals `ids`: the form dialog's
/// code is the deal page's, kept out of the list's first load.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn triage_dialog(form: Form, ids: Vec<String>, close: Callback<()>) -> Result<AnyView, LoadFailed> {
    use crate::app::components::action_form::ActionForm;
    Ok(view! { <ActionForm form ids close/> }.into_any())
}

/// The Inbound triage's accept commands for the selected deals `ids`
/// (`triage::accept_commands`): the forms' code stays out of the list's first load.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn triage_accepts(state: AppState, ids: Vec<String>) -> Result<Vec<Command>, LoadFailed> {
    Ok(crate::app::components::triage::accept_commands(state, &ids))
}

/// The Inbound triage's Decline form for the selected deals `ids` (`triage::decline_form`).
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn triage_decline_form(state: AppState, ids: Vec<String>) -> Result<Option<Form>, LoadFailed> {
    Ok(crate::app::components::triage::decline_form(state, &ids))
}

/// [`triage_dialog`] once its module is there; when it cannot be fetched, a notice says so
/// and the dialog closes.
pub fn triage_decline(form: Form, ids: Vec<String>, close: Callback<()>) -> AnyView {
    shown_or_closed(triage_dialog(form, ids, close), move || close.run(()))
}

/// In embed mode, what listens to the host page (`embed::listen_to_host`), as a future: a
/// split function cannot be `async` itself.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn embed_host(state: AppState) -> Result<Pin<Box<dyn Future<Output = ()>>>, LoadFailed> {
    Ok(Box::pin(crate::app::embed::listen_to_host(state)))
}

/// The header's notifications panel while it is open (`header::notifications_panel`).
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn notifications_panel_view(open: RwSignal<bool>) -> Result<AnyView, LoadFailed> {
    let state = expect_context::<AppState>();
    Ok(crate::app::components::header::notifications_panel(
        state, open,
    ))
}

/// [`notifications_panel_view`] once its module is there; when it cannot be fetched, a
/// notice says so and the panel closes.
pub fn notifications_panel(open: RwSignal<bool>) -> AnyView {
    shown_or_closed(notifications_panel_view(open), move || open.set(false))
}

/// The keyboard shortcuts' list, for the header's help dialog.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn shortcuts_table() -> Result<AnyView, LoadFailed> {
    let state = expect_context::<AppState>();
    Ok(crate::app::components::shortcuts::shortcuts_table(state))
}

/// [`shortcuts_table`] once its module is there; when it cannot be fetched, the dialog says
/// so in its place.
pub fn shortcuts_list() -> AnyView {
    let state = expect_context::<AppState>();
    Suspend::new(async move {
        shortcuts_table().await.unwrap_or_else(|LoadFailed| {
            view! { <p class="dialog-body">{state.tr(Text::PageNotLoadedAdvice)}</p> }.into_any()
        })
    })
    .into_any()
}

/// The whole filtered list as the file the user asked for (JSON or CSV): the export's
/// writers live in the rare pages' module.
#[wasm_split(rare_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn export_text(deals: &[&Referral], json: bool) -> Result<String, LoadFailed> {
    use crate::domain::transfer::export::{export_csv, export_json};
    Ok(if json {
        export_json(deals)
    } else {
        export_csv(deals)
    })
}

/// What a lazily loaded part returned; when its module could not be fetched, a notice says
/// so and there is nothing.
pub fn loaded<T>(state: AppState, result: Result<T, LoadFailed>) -> Option<T> {
    result
        .inspect_err(|LoadFailed| state.notify(Notice::error(state.tr(Text::PageNotLoadedAdvice))))
        .ok()
}

/// A lazily drawn part once its module is there; when it cannot be fetched, [`loaded`]'s
/// notice says so and `close` runs (the dialog or panel that asked for it closes).
fn shown_or_closed(
    part: impl Future<Output = Result<AnyView, LoadFailed>> + Send + 'static,
    close: impl FnOnce() + Send + 'static,
) -> AnyView {
    let state = expect_context::<AppState>();
    Suspend::new(async move {
        loaded(state, part.await).unwrap_or_else(|| {
            close();
            ().into_any()
        })
    })
    .into_any()
}

/// A route's view: the page once its module is loaded (at once when it already is).
pub fn view(page: LazyPage) -> AnyView {
    let state = expect_context::<AppState>();
    let attempt = RwSignal::new(0u32);
    (move || {
        attempt.track();
        Suspend::new(async move {
            let loaded = match page {
                LazyPage::Deal => deal_page().await,
                LazyPage::Rare(page) => rare_page(page).await,
            };
            loaded.unwrap_or_else(|LoadFailed| {
                view! {
                    <h1 tabindex="-1">{state.tr(Text::PageNotLoaded)}</h1>
                    <p>{state.tr(Text::PageNotLoadedAdvice)}</p>
                    <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                        {state.tr(Text::TryAgain)}
                    </button>
                }
                .into_any()
            })
        })
    })
    .into_any()
}

/// Fetches both modules without showing anything, once the first screen has been painted.
pub fn preload_after_first_paint() {
    request_animation_frame(|| {
        leptos::task::spawn_local(async {
            // A failure here is not cached: the page's own load tries again and reports it.
            let _ = preload_deal_page().await;
            let _ = preload_rare_pages().await;
        })
    });
}
