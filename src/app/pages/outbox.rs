//! `/outbox`: the emails Co-sell would have sent to the signed-in organisation (SPEC §8).
//! In shared mode with a mail relay the server sends them; a **Delivery** column then says
//! how each went (`GET outbox/deliveries`): waiting, retrying and why, sent, or failed.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use crate::app::state::AppState;
use crate::domain::deal::notify::{message, outbox};
use crate::domain::present::format;
use crate::domain::support::locale::Locale;
use crate::domain::transfer::csv;

#[derive(Clone, PartialEq)]
struct EmailDelivery {
    notification_id: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
}

json_record!(EmailDelivery {
    notification_id: "notificationId" required,
    status: "status" required,
    attempts: "attempts" required,
    last_error: "lastError" default,
});

#[derive(Clone, PartialEq)]
struct Deliveries {
    relay: bool,
    value: Vec<EmailDelivery>,
}

json_record!(Deliveries {
    relay: "relay" required,
    value: "value" required,
});

/// How the email `id` went, as the Delivery column says it.
fn delivery_text(locale: Locale, deliveries: &Deliveries, id: &str) -> String {
    let Some(d) = deliveries.value.iter().find(|d| d.notification_id == id) else {
        return String::new();
    };
    let why = d.last_error.as_deref().unwrap_or_default();
    match d.status.as_str() {
        "sent" => Text::EmailSent.get(locale).into(),
        "failed" => Text::DeliveryFailed.fill(locale, &[("why", why)]),
        _ if !deliveries.relay => Text::EmailNoRelay.get(locale).into(),
        _ if d.attempts == 0 => Text::DeliveryWaiting.get(locale).into(),
        _ => Text::DeliveryRetrying.fill(locale, &[("n", &d.attempts.to_string()), ("why", why)]),
    }
}

/// `/outbox`
#[component]
pub fn OutboxPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let deliveries = RwSignal::new(None::<Deliveries>);
    if state.shared.is_some() {
        // Asked again whenever the exchange changes (a new email, or a sync).
        Effect::new(move || {
            state.exchange.track();
            leptos::task::spawn_local(async move {
                if let Ok(d) = crate::app::sync::get_json::<Deliveries>("outbox/deliveries").await {
                    let _ = deliveries.try_set(Some(d));
                }
            });
        });
    }
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
                    let mut row = vec![
                        format::date_time_in(state.locale.get(), n.at),
                        n.email.clone(),
                        language,
                        subject,
                        body,
                    ];
                    deliveries.with(|d| {
                        if let Some(d) = d {
                            row.push(delivery_text(state.locale.get(), d, &n.id));
                        }
                    });
                    row
                })
                .collect::<Vec<_>>()
        })
    });
    // The export is a data: link, so no script runs to make the file.
    let export = move || {
        let t = move |x: Text| state.tr(x);
        let mut head = vec![
            t(Text::Sent),
            t(Text::To),
            t(Text::Language),
            t(Text::Subject),
            t(Text::Body),
        ];
        if deliveries.with(Option::is_some) {
            head.push(t(Text::ColumnDelivery));
        }
        let text = rows.with(|r| csv::write(&head, r));
        format!(
            "data:text/csv;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&text))
        )
    };
    view! {
        <div class="outbox-page">
            <div class="page-head">
                <h1 tabindex="-1">{state.text(Text::NavOutbox)}</h1>
                <a class="button" href=export download="cosell-email-outbox.csv">{state.text(Text::ExportCsv)}</a>
            </div>
            <p class="muted">{move || state.tr(if state.shared.is_some() { Text::OutboxIntroShared } else { Text::OutboxIntro })}</p>
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
                            {deliveries.with(Option::is_some).then(|| view! { <th scope="col">{state.tr(Text::ColumnDelivery)}</th> })}
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
