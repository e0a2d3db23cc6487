//! `/outbox`: the emails Co-sell would have sent to the signed-in organisation (SPEC §8).

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::csv;
use crate::domain::format;
use crate::domain::notify::{message, outbox};

/// `/outbox`
#[component]
pub fn OutboxPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Signal::derive(move || {
        let org = state.user().organization_id;
        state.exchange.with(|e| {
            outbox(e, &org)
                .into_iter()
                .map(|n| {
                    let (subject, body) = message(n);
                    vec![format::date_time(n.at), n.email.clone(), n.locale.clone(), subject, body]
                })
                .collect::<Vec<_>>()
        })
    });
    // The export is a data: link, so no script runs to make the file.
    let export = move || {
        let text = rows.with(|r| csv::write(&["Sent", "To", "Locale", "Subject", "Body"], r));
        format!("data:text/csv;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&text)))
    };
    view! {
        <div class="outbox-page">
            <div class="page-head">
                <h1 tabindex="-1">"Email outbox"</h1>
                <a class="button" href=export download="cosell-email-outbox.csv">"Export CSV"</a>
            </div>
            <p class="muted">"The emails Co-sell sends to your organisation's people, each in the recipient's language. Nothing leaves this browser."</p>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p>"No emails yet."</p> }.into_any();
                }
                view! {
                    <table class="outbox">
                        <caption class="visually-hidden">"Emails, newest first"</caption>
                        <thead><tr><th scope="col">"Sent"</th><th scope="col">"To"</th><th scope="col">"Locale"</th><th scope="col">"Subject"</th><th scope="col">"Body"</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|r| view! {
                                <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
