//! `/outbox`: the emails Co-sell would have sent to the signed-in organisation (SPEC §8).

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use crate::app::state::AppState;
use crate::domain::deal::notify::{message, outbox};
use crate::domain::present::format;
use crate::domain::support::locale::Locale;
use crate::domain::transfer::csv;

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
                    // Each email in its recipient's language; the date as the interface shows dates.
                    let language = Locale::from_tag(&n.locale)
                        .unwrap_or_default()
                        .name()
                        .to_string();
                    vec![
                        format::date_time_in(state.locale.get(), n.at),
                        n.email.clone(),
                        language,
                        subject,
                        body,
                    ]
                })
                .collect::<Vec<_>>()
        })
    });
    // The export is a data: link, so no script runs to make the file.
    let export = move || {
        let t = move |x: Text| state.tr(x);
        let text = rows.with(|r| {
            csv::write(
                &[
                    t(Text::Sent),
                    t(Text::To),
                    t(Text::Language),
                    t(Text::Subject),
                    t(Text::Body),
                ],
                r,
            )
        });
        format!(
            "data:text/csv;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&text))
        )
    };
    view! {
        <div class="outbox-page">
            <div class="page-head">
                <h1 tabindex="-1">{move || state.tr(Text::NavOutbox)}</h1>
                <a class="button" href=export download="cosell-email-outbox.csv">{move || state.tr(Text::ExportCsv)}</a>
            </div>
            <p class="muted">{move || state.tr(Text::OutboxIntro)}</p>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p>{state.tr(Text::NoEmails)}</p> }.into_any();
                }
                view! {
                    <table class="outbox">
                        <caption class="visually-hidden">{state.tr(Text::EmailsCaption)}</caption>
                        <thead><tr>
                            <th scope="col">{state.tr(Text::Sent)}</th><th scope="col">{state.tr(Text::To)}</th><th scope="col">{state.tr(Text::Language)}</th>
                            <th scope="col">{state.tr(Text::Subject)}</th><th scope="col">{state.tr(Text::Body)}</th>
                        </tr></thead>
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
