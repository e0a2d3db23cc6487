//! Label–value lists (`<dl>`), built from data: one copy of the view code for every list
//! instead of two elements' worth per fact.

use leptos::prelude::*;

/// A `<dl class="facts">` of (term, description) pairs; an empty description shows "—".
pub fn facts(rows: Vec<(&'static str, String)>) -> AnyView {
    facts_of(
        rows.into_iter()
            .map(|(term, value)| (term.to_string(), value))
            .collect(),
    )
}

/// [`facts`] with terms computed at run time.
pub fn facts_of(rows: Vec<(String, String)>) -> AnyView {
    view! {
        <dl class="facts">
            {rows.into_iter().map(|(term, value)| {
                let value = if value.trim().is_empty() { "—".to_string() } else { value };
                view! { <dt>{term}</dt><dd>{value}</dd> }
            }).collect_view()}
        </dl>
    }
    .into_any()
}
