//! Settings: language, demo deals, keyboard shortcuts and resetting this browser's data.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app::components::confirm_dialog::ConfirmDialog;
use crate::app::state::{load_demo, reset_all, AppState};
use crate::domain::support::clock::{parse_demo_count, MAX_DEMO_DEALS};
use crate::domain::support::locale::Locale;

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
    let parsed = move || count.with(|c| parse_demo_count(c));
    // Whether the browser keeps the data under storage pressure (asked for by boot.js).
    let persisted = RwSignal::new(None::<Option<bool>>);
    leptos::task::spawn_local(async move {
        persisted.set(Some(crate::app::browser::storage_persisted().await))
    });

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
            <div class="page-head"><h1 tabindex="-1">{move || state.tr(crate::domain::support::i18n::Text::SettingsHeading)}</h1></div>
            <section class="card" aria-labelledby="language-h">
                <h2 id="language-h">{move || state.tr(crate::domain::support::i18n::Text::Language)}</h2>
                <select aria-labelledby="language-h" aria-describedby="language-hint"
                    on:change=move |ev| if let Some(l) = Locale::from_tag(&event_target_value(&ev)) { state.choose_locale(l) }>
                    {Locale::ALL.map(|l| view! { <option value=l.tag() lang=l.tag() selected=move || state.locale.get() == l>{l.name()}</option> }).collect_view()}
                </select>
                <p id="language-hint" class="hint">{move || state.tr(crate::domain::support::i18n::Text::LanguageHint)}</p>
            </section>
            <section class="card" aria-labelledby="keyboard-h">
                <h2 id="keyboard-h">{move || state.tr(crate::domain::support::i18n::Text::KeyboardHeading)}</h2>
                <p class="muted">{move || state.tr(crate::domain::support::i18n::Text::ShortcutsIntro)}</p>
                <button type="button" aria-keyshortcuts="?" on:click=move |_| state.shortcuts_open.set(true)>{move || state.tr(crate::domain::support::i18n::Text::ShowShortcuts)}</button>
            </section>
            <section class="card" aria-labelledby="demo-h">
                <h2 id="demo-h">{move || state.tr(crate::domain::support::i18n::Text::DemoData)}</h2>
                <p>{move || state.tr(crate::domain::support::i18n::Text::DemoDataIntro)}</p>
                <div class="form-row">
                    <label for="demo-count">{move || state.tr(crate::domain::support::i18n::Text::DemoCount)}</label>
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
                            crate::domain::support::i18n::Text::DemoCountInvalid.fill(state.locale.get(), &[("max", &MAX_DEMO_DEALS.to_string())])
                        } else if empty() {
                            state.tr(crate::domain::support::i18n::Text::DemoCountHint).to_string()
                        } else {
                            state.tr(crate::domain::support::i18n::Text::DemoNeedsEmpty).to_string()
                        }}
                    </p>
                </div>
                <button
                    type="button"
                    class="primary"
                    disabled=move || !empty() || loading.get() || parsed().is_none()
                    on:click=on_load
                >
                    {move || state.tr(if loading.get() { crate::domain::support::i18n::Text::LoadingDemo } else { crate::domain::support::i18n::Text::LoadDemo })}
                </button>
            </section>
            {state.shared.map(|shared| view! {
                <section class="card" aria-labelledby="server-h">
                    <h2 id="server-h">{move || state.tr(crate::domain::support::i18n::Text::SharedServer)}</h2>
                    <dl class="facts">
                        <dt>{move || state.tr(crate::domain::support::i18n::Text::SharedServer)}</dt>
                        <dd>{crate::app::browser::window().location().origin().unwrap_or_default()}</dd>
                        <dt>{move || state.tr(crate::domain::support::i18n::Text::LastSync)}</dt>
                        <dd>{move || match shared.last_sync.get() {
                            Some(at) => crate::domain::present::format::date_time_in(state.locale.get(), at),
                            None => state.tr(crate::domain::support::i18n::Text::NeverSynced).to_string(),
                        }}</dd>
                        <dt>{move || state.tr(crate::domain::support::i18n::Text::SyncStatus)}</dt>
                        <dd>{move || crate::app::components::sync_status::status_text(state, shared)}</dd>
                    </dl>
                </section>
            })}
            <section class="card" aria-labelledby="data-h">
                <h2 id="data-h">{move || state.tr(crate::domain::support::i18n::Text::DataInBrowser)}</h2>
                <p>{move || crate::domain::support::i18n::Text::NStored.fill(state.locale.get(), &[("n", &stored().to_string())])}</p>
                <p role="status">{move || match persisted.get() {
                    None => "",
                    Some(Some(true)) => state.tr(crate::domain::support::i18n::Text::PersistGranted),
                    Some(Some(false)) => state.tr(crate::domain::support::i18n::Text::PersistDenied),
                    Some(None) => state.tr(crate::domain::support::i18n::Text::PersistUnknown),
                }}</p>
                <p class="hint">{move || state.tr(crate::domain::support::i18n::Text::OfflineHint)}</p>
                <button type="button" class="danger" on:click=move |_| confirm_open.set(true)>{move || state.tr(crate::domain::support::i18n::Text::ResetAll)}</button>
            </section>
            <ConfirmDialog
                title=Signal::derive(move || state.tr(crate::domain::support::i18n::Text::ResetAll).to_string())
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
                <p>{move || state.tr(crate::domain::support::i18n::Text::ResetWarning)}</p>
            </ConfirmDialog>
        </div>
    }
}
