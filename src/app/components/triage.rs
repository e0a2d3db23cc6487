//! Inbound triage: answer many referrals quickly. Keys on the Inbound list move between deals
//! (j / k), select (x), accept (a) and decline (d); selected deals are accepted or declined
//! together, with one reason for all, saved as one change.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::confirm_dialog::ConfirmDialog;
use super::deal_table::toggle;
use crate::app::browser;
use crate::app::state::{perform_all, AppState};
use crate::domain::forms::{self, Values};
use crate::domain::model::DeclineReason;
use crate::domain::rules::Action;

/// The bulk bar and the decline dialog for `selected`; `on_key` handles the list's keys.
#[component]
pub fn Triage(selected: RwSignal<Vec<String>>, children: Children) -> impl IntoView {
    let state = expect_context::<AppState>();
    let decline_open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let answer = move |action: Action| {
        let ids = selected.get_untracked();
        let user = state.user_untracked();
        let now = state.now.get_untracked();
        let mut commands = Vec::new();
        let mut names = Vec::new();
        for id in &ids {
            let Some(r) = state.exchange.with_untracked(|e| e.referral(id).cloned()) else { continue };
            let values = match action {
                // Accepted as received, with the signed-in user as its team.
                Action::Accept => state.data.with_value(|d| forms::form(Action::Accept, &r, d, &user, now, false)).map(|f| f.values).unwrap_or_default(),
                _ => Values(vec![("reason", reason.get_untracked())]),
            };
            if let Ok(command) = forms::command(action, id, &values) {
                commands.push(command);
                names.push(r.name.clone());
            }
        }
        let n = commands.len();
        let done = if action == Action::Accept { format!("{n} deals were accepted; their senders are told.") } else { format!("{n} deals were declined; their senders are told.") };
        perform_all(state, commands, names, done);
        selected.set(Vec::new());
        decline_open.set(false);
    };
    // Keys on the list: only when focus is on a deal's link, so typing elsewhere is untouched.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).filter(|e| e.tag_name() == "A") else { return };
        let Some(row) = link.closest("tr").ok().flatten() else { return };
        let id = row.get_attribute("data-id").unwrap_or_default();
        let step = |next: Option<web_sys::Element>| {
            if let Some(a) = next.and_then(|r| r.query_selector("th a").ok().flatten()).and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = a.focus();
            }
        };
        match ev.key().as_str() {
            "j" | "ArrowDown" => step(row.next_element_sibling()),
            "k" | "ArrowUp" => step(row.previous_element_sibling()),
            "x" => toggle(selected, &id),
            "a" | "d" => {
                if !selected.with_untracked(|s| s.contains(&id)) {
                    selected.set(vec![id]);
                }
                if ev.key() == "a" {
                    answer(Action::Accept);
                    browser::focus_selector("#deals-panel th a");
                } else {
                    decline_open.set(true);
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <div class="triage" on:keydown=on_key>
            <p class="hint">"Keys on a deal: j / k move, x selects, a accepts, d declines, Enter opens."</p>
            {move || {
                let n = selected.with(Vec::len);
                (n > 0).then(|| view! {
                    <div class="bulk-bar" role="group" aria-label="Selected deals">
                        <span>{format!("{n} selected")}</span>
                        <button type="button" class="primary" on:click=move |_| answer(Action::Accept)>"Accept selected"</button>
                        <button type="button" on:click=move |_| decline_open.set(true)>"Decline selected"</button>
                        <button type="button" class="link-button" on:click=move |_| selected.set(Vec::new())>"Clear selection"</button>
                    </div>
                })
            }}
            {children()}
            <ConfirmDialog title="Decline selected" submit="Close deal" open=decline_open busy=Signal::derive(|| false) danger=true on_confirm=move |()| {
                missing.set(reason.with_untracked(String::is_empty));
                if !missing.get_untracked() {
                    answer(Action::Decline);
                }
            }>
                <p class="dialog-intro">{move || format!("The {} selected deals close for your organisation; each sender is told the reason.", selected.with(Vec::len))}</p>
                <div class="field">
                    <label for="f-bulk-reason">"Reason"</label>
                    <select id="f-bulk-reason" aria-required="true" aria-invalid=move || missing.get().to_string() aria-describedby="f-bulk-reason-msg"
                        on:change=move |ev| { reason.set(event_target_value(&ev)); missing.set(false); }>
                        <option value="" selected=move || reason.with(String::is_empty)>"Choose…"</option>
                        {DeclineReason::ALL.into_iter().map(|r| view! { <option value=r.label()>{r.label()}</option> }).collect_view()}
                    </select>
                    <p id="f-bulk-reason-msg" class="field-error">{move || if missing.get() { "This field is required." } else { "" }}</p>
                </div>
            </ConfirmDialog>
        </div>
    }
}
