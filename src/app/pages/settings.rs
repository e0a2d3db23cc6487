use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app::components::confirm_dialog::ConfirmDialog;
use crate::app::state::{load_demo, reset_all, AppState};
use crate::domain::clock::{parse_demo_count, MAX_DEMO_DEALS};

const DEFAULT_DEMO_DEALS: usize = 64;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let count = RwSignal::new(DEFAULT_DEMO_DEALS.to_string());
    let loading = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    let resetting = RwSignal::new(false);
    let empty = move || state.exchange.with(|e| e.is_empty());
    let stored = move || state.exchange.with(|e| e.len());
    let parsed = move || count.with(|c| parse_demo_count(c).ok());
    // Whether the browser keeps the data under storage pressure (asked for by boot.js).
    let persisted = RwSignal::new(None::<Option<bool>>);
    leptos::task::spawn_local(async move { persisted.set(Some(crate::app::browser::storage_persisted().await)) });

    let on_load = {
        let navigate = navigate.clone();
        move |_| {
            let Some(n) = parsed() else { return };
            loading.set(true);
            let navigate = navigate.clone();
            load_demo(state, n, move |ok| {
                loading.set(false);
                if ok {
                    navigate("/", Default::default());
                }
            });
        }
    };

    view! {
        <div class="settings-page">
            <div class="page-head"><h1 tabindex="-1">"Settings"</h1></div>
            <section class="card" aria-labelledby="demo-h">
                <h2 id="demo-h">"Demo data"</h2>
                <p>
                    "Demo deals show Co-sell with content: deals across Contoso, Fabrikam, Northwind and Microsoft "
                    "in every status, type and stage. They are the same every time for the same number."
                </p>
                <div class="form-row">
                    <label for="demo-count">"Number of demo deals"</label>
                    <input
                        id="demo-count"
                        type="number"
                        min="1"
                        max=MAX_DEMO_DEALS.to_string()
                        aria-invalid=move || parsed().is_none().to_string()
                        aria-describedby="demo-count-help"
                        prop:value=move || count.get()
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                    <p id="demo-count-help" class=move || if parsed().is_none() { "field-error" } else { "hint" }>
                        {move || if parsed().is_none() {
                            format!("Enter a whole number from 1 to {MAX_DEMO_DEALS}.")
                        } else if empty() {
                            "Loads into this browser's empty exchange.".to_string()
                        } else {
                            "This browser already holds deals. Reset all data first to load demo deals.".to_string()
                        }}
                    </p>
                </div>
                <button
                    type="button"
                    class="primary"
                    disabled=move || !empty() || loading.get() || parsed().is_none()
                    on:click=on_load
                >
                    {move || if loading.get() { "Loading demo deals…" } else { "Load demo deals" }}
                </button>
            </section>
            <section class="card" aria-labelledby="data-h">
                <h2 id="data-h">"Data in this browser"</h2>
                <p>{move || format!("{} referrals are stored in this browser.", stored())}</p>
                <p role="status">{move || match persisted.get() {
                    None => "",
                    Some(Some(true)) => "Persistent storage: granted. The browser keeps Co-sell's data even when space runs low.",
                    Some(Some(false)) => "Persistent storage: not granted. The browser may clear Co-sell's data when space runs low; export your deals to keep a copy.",
                    Some(None) => "Persistent storage: this browser does not say whether it keeps Co-sell's data.",
                }}</p>
                <p class="hint">"After one visit Co-sell works without a network: it starts, shows and saves deals offline."</p>
                <button type="button" class="danger" on:click=move |_| confirm_open.set(true)>"Reset all data"</button>
            </section>
            <ConfirmDialog
                title="Reset all data"
                open=confirm_open
                busy=resetting
                danger=true
                on_confirm=move || {
                    resetting.set(true);
                    reset_all(state, move |_| {
                        resetting.set(false);
                        confirm_open.set(false);
                    });
                }
            >
                <p>"This removes every deal and favorite stored in this browser and signs you in as the first demo user. The reference data stays. This cannot be undone."</p>
            </ConfirmDialog>
        </div>
    }
}
