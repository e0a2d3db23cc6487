//! The keyboard shortcuts (issue #10): `?` opens the list of them from anywhere, `/` goes to
//! the list's search box. Keys typed into a field are the field's.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::state::AppState;
use crate::domain::support::i18n::Text;

/// The shortcuts, as the help dialog lists them: keys and what they do.
const SHORTCUTS: [(&str, Text); 9] = [
    ("?", Text::KeyHelp),
    ("/", Text::KeySearch),
    ("← → Home End", Text::KeyTabs),
    ("j k ↓ ↑", Text::KeyMove),
    ("x", Text::KeySelect),
    ("a", Text::KeyAccept),
    ("d", Text::KeyDecline),
    ("Enter", Text::KeyOpen),
    ("Esc", Text::KeyEscape),
];

/// Whether a key press belongs to what has focus (a field, or an open dialog).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.closest("input, textarea, select, [contenteditable], dialog[open]")
                .ok()
                .flatten()
                .is_some()
        });
    in_field || ev.ctrl_key() || ev.meta_key() || ev.alt_key()
}

/// The shortcuts' dialog and the page-wide keys; `open` also opens it from a button.
#[component]
pub fn Shortcuts(open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move |x: Text| state.tr(x);
    let _ = window_event_listener(ev::keydown, move |ev| {
        if typing(&ev) {
            return;
        }
        match ev.key().as_str() {
            "?" => {
                ev.prevent_default();
                open.set(true);
            }
            "/" if crate::app::browser::focus_selector(crate::app::browser::SEARCH_BOX) => {
                ev.prevent_default()
            }
            _ => {}
        }
    });
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() && !el.open() {
            let _ = el.show_modal();
        } else if !open.get() && el.open() {
            el.close();
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog shortcuts" aria-labelledby="shortcuts-h" on:close=move |_| open.set(false)>
            <h2 id="shortcuts-h">{move || t(Text::ShortcutsTitle)}</h2>
            // The list is drawn while the dialog is open only (the page keeps no hidden table),
            // from the rare pages' module: few visits ask for it.
            {move || open.get().then(crate::app::lazy::shortcuts_list)}
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| open.set(false)>{move || t(Text::Close)}</button>
            </div>
        </dialog>
    }
}

/// The dialog's list of [`SHORTCUTS`] (built in the rare pages' module, `lazy.rs`).
pub fn shortcuts_table(state: AppState) -> AnyView {
    let t = move |x: Text| state.tr(x);
    view! { <div class="dialog-body">
        <p class="muted">{t(Text::ShortcutsIntro)}</p>
        <table>
            <thead><tr><th scope="col">{t(Text::ColumnKey)}</th><th scope="col">{t(Text::ColumnWhatItDoes)}</th></tr></thead>
            <tbody>
                {SHORTCUTS.map(|(keys, what)| view! {
                    <tr><th scope="row">{keys.split(' ').map(|k| view! { <kbd>{k}</kbd>" " }).collect_view()}</th><td>{t(what)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    </div> }
    .into_any()
}
