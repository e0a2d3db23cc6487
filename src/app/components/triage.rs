//! Inbound triage: answer many referrals quickly. Keys on the Inbound list move between deals
//! (j / k), select (x), accept (a) and decline (d); selected deals are accepted or declined
//! together, with one reason for all, saved as one change.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::deal_table::toggle;
use crate::app::browser;
use crate::app::lazy::{self, loaded};
use crate::app::state::{form_now, perform_all, AppState};
use crate::domain::deal::commands::Command;
use crate::domain::deal::rules::Action;
use crate::domain::present::forms::{self, Form};
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;

/// The form of `action` on the deal `id`, as the signed-in user would start it now.
fn form_for(state: AppState, action: Action, id: &str) -> Option<Form> {
    let r = state.exchange.with_untracked(|e| e.referral(id).cloned())?;
    form_now(state, action, &r, false)
}

/// Each of `ids` accepted as received, with the signed-in user as its team (built in the
/// rare pages' module).
pub fn accept_commands(state: AppState, ids: &[String]) -> Vec<Command> {
    ids.iter()
        .filter_map(|id| {
            forms::command(
                Action::Accept,
                id,
                &form_for(state, Action::Accept, id)?.values,
            )
            .ok()
        })
        .collect()
}

/// The Decline form of the first of `ids`, titled for all of them (built in the rare pages'
/// module).
pub fn decline_form(state: AppState, ids: &[String]) -> Option<Form> {
    let locale = state.locale.get_untracked();
    let mut f = form_for(state, Action::Decline, ids.first()?)?;
    f.title = state.tr(Text::DeclineSelected).into();
    f.intro = Text::DeclineSelectedIntro.fill(locale, &[("n", &ids.len().to_string())]);
    Some(f)
}

/// The bulk bar and the decline dialog for `selected`; the list's keys are handled here.
#[component]
pub fn Triage(
    selected: RwSignal<Vec<String>>,
    /// Triage is for the Inbound tab: on the others the hint, the bar and the keys are off.
    active: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The Decline form of the first selected deal, its values going to every selected one.
    let decline = RwSignal::new(None::<Form>);
    // The answers' forms come from the rare pages' module (`lazy.rs`): the commands are saved
    // once it is there, and nothing is when it cannot be fetched (a notice says so). `refocus`:
    // the `a` key moves focus to the list's first deal afterwards.
    let accept = move |refocus: bool| {
        let ids = selected.get_untracked();
        leptos::task::spawn_local(async move {
            let Some(commands) = loaded(state, lazy::triage_accepts(state, ids).await) else {
                return;
            };
            let n = commands.len();
            perform_all(
                state,
                commands,
                &[],
                Action::Accept.done_all_in(state.locale.get_untracked(), n),
                |_| {},
            );
            selected.set(Vec::new());
            if refocus {
                browser::focus_selector("#deals-panel th a");
            }
        });
    };
    // After the dialog closes, deals that were answered leave the selection; cancelled ones stay.
    let prune = move || {
        state.exchange.with_untracked(|e| {
            selected.update(|s| s.retain(|id| e.referral(id).is_some_and(Referral::awaits_answer)))
        });
    };
    let open_decline = move || {
        let ids = selected.get_untracked();
        leptos::task::spawn_local(async move {
            if let Some(form) = loaded(state, lazy::triage_decline_form(state, ids).await) {
                decline.set(form);
            }
        });
    };
    // Keys on the list: only when focus is on a deal's link, so typing elsewhere is untouched.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if !active.get_untracked() {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|e| e.tag_name() == "A")
        else {
            return;
        };
        let Some(row) = link.closest("tr").ok().flatten() else {
            return;
        };
        let id = row.get_attribute("data-id").unwrap_or_default();
        let step = |next: Option<web_sys::Element>| {
            if let Some(a) = next
                .and_then(|r| r.query_selector("th a").ok().flatten())
                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
            {
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
                    accept(true);
                } else {
                    open_decline();
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <div class="triage" on:keydown=on_key>
            {move || active.get().then(|| view! { <p class="hint">{state.text(Text::TriageKeys)}</p> })}
            {move || {
                let n = if active.get() { selected.with(Vec::len) } else { 0 };
                (n > 0).then(|| view! {
                    <div class="bulk-bar" role="group" aria-label=state.tr(Text::SelectedDeals)>
                        <span>{Text::NSelected.fill(state.locale.get(), &[("n", &n.to_string())])}</span>
                        <button type="button" class="primary" on:click=move |_| accept(false)>{state.tr(Text::AcceptSelected)}</button>
                        <button type="button" on:click=move |_| open_decline()>{state.tr(Text::DeclineSelected)}</button>
                        <button type="button" class="link-button" on:click=move |_| selected.set(Vec::new())>{state.tr(Text::ClearSelection)}</button>
                    </div>
                })
            }}
            {children()}
            {move || decline.get().map(|form| lazy::triage_decline(
                form,
                selected.get_untracked(),
                Callback::new(move |()| { decline.set(None); prune(); }),
            ))}
        </div>
    }
}
