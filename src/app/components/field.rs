//! Form fields with their label, hint and error, wired for assistive technology:
//! `aria-invalid` and `aria-describedby` point at the message shown next to the field.

use leptos::prelude::*;

use crate::domain::deal::validation::FieldError;

/// The DOM id of a field path (`team[0].email` → `f-team-0-email`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id.trim_end_matches('-').to_string()
}

/// The message for `path` among `errors`, in the interface's language.
pub fn error_for(errors: &[FieldError], path: &str) -> Option<&'static str> {
    errors.iter().find(|e| e.field == path).map(|e| message(e))
}

/// `error`'s message in the interface's language.
pub fn message(error: &FieldError) -> &'static str {
    let locale = use_context::<crate::app::state::AppState>()
        .map(|s| s.locale.get_untracked())
        .unwrap_or_default();
    error.key.text().get(locale)
}

/// A labelled text input bound to a getter and a setter.
#[component]
pub fn TextField(
    label: &'static str,
    /// The field's path in the domain's validation errors.
    path: &'static str,
    #[prop(into)] value: Signal<String>,
    /// Type-erased on purpose: one copy of this view in the wasm, not one per call site.
    #[prop(into)]
    set: Callback<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: &'static str,
    /// Prefix of the element ids, for a form that shares a page with another of the same paths.
    #[prop(optional)]
    scope: &'static str,
) -> impl IntoView {
    let id = format!("{scope}{}", field_id(path));
    let message_id = format!("{id}-msg");
    let error = Signal::derive(move || errors.with(|e| error_for(e, path)));
    let described = message_id.clone();
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label>
            <input
                id=id
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-required=required.then_some("true")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || (error.get().is_some() || !hint.is_empty()).then(|| described.clone())
                prop:value=move || value.get()
                on:input=move |ev| set.run(event_target_value(&ev))
            />
            <p id=message_id class=move || if error.get().is_some() { "field-error" } else { "hint" }>
                {move || error.get().map(str::to_string).unwrap_or_else(|| hint.to_string())}
            </p>
        </div>
    }
}
