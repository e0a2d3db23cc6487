//! The one modal dialog every action uses: named after its action, with Confirm and Cancel, on
//! the native `<dialog>` so focus, Escape and the return of focus work as the platform does.

use leptos::html;
use leptos::prelude::*;

use crate::domain::support::i18n::Text;

/// A modal dialog named after its action, with **Confirm** and **Cancel**. The native
/// `<dialog>` keeps focus inside, closes on Escape and returns focus to the opener.
#[component]
pub fn ConfirmDialog(
    /// The dialog's name: the action it confirms.
    #[prop(into)]
    title: Signal<String>,
    /// The submit button's word; **Confirm** when empty.
    #[prop(optional)]
    submit: &'static str,
    open: RwSignal<bool>,
    /// Disables Confirm while the action runs.
    #[prop(into)]
    busy: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
    /// A destructive action: Confirm is shown in the danger colour.
    #[prop(optional)]
    danger: bool,
    /// The cancel button's word; **Cancel** when empty.
    #[prop(optional)]
    cancel: &'static str,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<crate::app::state::AppState>();
    let submit = if submit.is_empty() {
        state.tr(Text::Confirm)
    } else {
        submit
    };
    let cancel = if cancel.is_empty() {
        state.tr(Text::Cancel)
    } else {
        cancel
    };
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
    let title_id = format!(
        "dialog-{}",
        title.get_untracked().to_ascii_lowercase().replace(' ', "-")
    );
    let labelled_by = title_id.clone();
    // `close` is dispatched later than `close()` runs. When a dialog gives way to the next
    // one (a win's registration form), the view may reuse this element and open it again
    // before the old close arrives: a close of a dialog that is open again is stale.
    let closed = move |_| {
        if dialog.get_untracked().is_none_or(|el| !el.open()) {
            open.set(false);
        }
    };
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby=labelled_by on:close=closed>
            <h2 id=title_id>{move || title.get()}</h2>
            <div class="dialog-body">{children()}</div>
            <div class="dialog-actions">
                <button type="button" class="primary" class:danger=danger disabled=move || busy.get() on:click=move |_| on_confirm.run(())>
                    {submit}
                </button>
                <button type="button" on:click=move |_| open.set(false)>{cancel}</button>
            </div>
        </dialog>
    }
}
