//! The Organisation page's **Webhooks** (shared mode, MPN partner admins): register a URL
//! for `referral-created` and `referral-updated`, see each hook's latest deliveries and how
//! they went, remove a hook. The server keeps, signs and delivers them (`/v1.0/webhooks`);
//! this part only asks it. The signing secret is shown once, when the hook is made.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::routes::Page;
use crate::app::state::{AppState, Notice};
use crate::app::sync::{self, Shared};
use crate::domain::present::format;
use crate::domain::support::i18n::Text;

#[derive(Debug, Clone, PartialEq)]
struct Delivery {
    event: String,
    referral_id: String,
    occurred_at: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
}

json_record!(Delivery {
    event: "event" required,
    referral_id: "referralId" required,
    occurred_at: "occurredAt" required,
    status: "status" required,
    attempts: "attempts" required,
    last_error: "lastError" default,
});

#[derive(Debug, Clone, PartialEq)]
struct Hook {
    id: String,
    url: String,
    events: Vec<String>,
    deliveries: Vec<Delivery>,
    secret: Option<String>,
}

json_record!(Hook {
    id: "id" required,
    url: "url" required,
    events: "events" required,
    deliveries: "deliveries" default,
    secret: "secret" default,
});

struct Hooks {
    value: Vec<Hook>,
}

json_record!(Hooks {
    value: "value" required,
});

struct NewHook {
    url: String,
    events: Vec<&'static str>,
}

json_record!(write NewHook {
    url: "url" required,
    events: "events" required,
});

const CREATED: &str = "referral-created";
const UPDATED: &str = "referral-updated";

fn event_name(event: &str) -> Text {
    if event == CREATED {
        Text::EventReferralCreated
    } else {
        Text::EventReferralUpdated
    }
}

#[component]
pub fn Webhooks(shared: Shared) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move |x: Text| state.tr(x);
    let hooks = RwSignal::new(Vec::<Hook>::new());
    let secret = RwSignal::new(None::<String>);
    let url = RwSignal::new(String::new());
    let created = RwSignal::new(true);
    let updated = RwSignal::new(true);
    let problem = RwSignal::new(String::new());
    let reload = move || {
        spawn_local(async move {
            if let Ok(list) = sync::get_json::<Hooks>("v1.0/webhooks").await {
                // Only a change re-renders the list, so focus stays where it is.
                // The page may be gone by the time the answer comes: then nothing is set.
                if hooks.try_with_untracked(|h| *h != list.value) == Some(true) {
                    let _ = hooks.try_set(list.value);
                }
            }
        })
    };
    reload();
    // Deliveries happen on the server a moment after each change: while the page is open,
    // the list is asked for again every few seconds.
    if let Ok(every) = set_interval_with_handle(reload, std::time::Duration::from_secs(3)) {
        on_cleanup(move || every.clear());
    }
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = url.get_untracked().trim().to_string();
        if !(wanted.starts_with("https://") || wanted.starts_with("http://")) {
            return problem.set(t(Text::WebhookUrlRequired).into());
        }
        let events: Vec<&'static str> = [(created, CREATED), (updated, UPDATED)]
            .into_iter()
            .filter(|(on, _)| on.get_untracked())
            .map(|(_, e)| e)
            .collect();
        if events.is_empty() {
            return problem.set(t(Text::WebhookEventRequired).into());
        }
        problem.set(String::new());
        let body = NewHook {
            url: wanted,
            events,
        };
        spawn_local(async move {
            match sync::post_json::<Hook>("v1.0/webhooks", &shared.csrf(), &body).await {
                Ok(hook) => {
                    secret.set(hook.secret);
                    url.set(String::new());
                    reload();
                }
                Err((_, p)) => problem.set(p.detail),
            }
        });
    };
    let remove = move |id: String, label: String| {
        spawn_local(async move {
            if sync::delete(&format!("v1.0/webhooks/{id}"), &shared.csrf()).await {
                state.notify(Notice::info(format!(
                    "{label}: {}",
                    t(Text::WebhookRemoved)
                )));
                reload();
            }
        })
    };
    let status = move |d: &Delivery| -> String {
        let locale = state.locale.get_untracked();
        match d.status.as_str() {
            "delivered" => t(Text::DeliveryDelivered).into(),
            "failed" => Text::DeliveryFailed.fill(
                locale,
                &[("why", d.last_error.as_deref().unwrap_or_default())],
            ),
            "cancelled" => t(Text::DeliveryCancelled).into(),
            _ if d.attempts == 0 => t(Text::DeliveryWaiting).into(),
            _ => Text::DeliveryRetrying.fill(
                locale,
                &[
                    ("n", &d.attempts.to_string()),
                    ("why", d.last_error.as_deref().unwrap_or_default()),
                ],
            ),
        }
    };
    view! {
        <section class="card" aria-labelledby="org-hooks-h">
            <h2 id="org-hooks-h">{move || t(Text::SectionWebhooks)}</h2>
            <p class="muted">{move || t(Text::WebhooksIntro)}</p>
            <form class="token-form" on:submit=add>
                <div class="field">
                    <label for="hook-url">{move || t(Text::LabelWebhookUrl)}</label>
                    <input id="hook-url" type="url" maxlength="2000" aria-describedby="hook-problem" placeholder="https://"
                        prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                </div>
                <fieldset class="field">
                    <legend>{move || t(Text::WebhookEvents)}</legend>
                    <label><input type="checkbox" prop:checked=move || created.get()
                        on:change=move |ev| created.set(event_target_checked(&ev))/> {move || t(Text::EventReferralCreated)}</label>
                    <label><input type="checkbox" prop:checked=move || updated.get()
                        on:change=move |ev| updated.set(event_target_checked(&ev))/> {move || t(Text::EventReferralUpdated)}</label>
                </fieldset>
                <button type="submit">{move || t(Text::AddWebhook)}</button>
                <p id="hook-problem" class="error" role="alert">{move || problem.get()}</p>
            </form>
            {move || secret.get().map(|s| view! {
                <p class="token-once" role="status">{t(Text::WebhookSecretOnce)} " " <code>{s}</code></p>
            })}
            {move || {
                let list = hooks.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t(Text::NoWebhooks)}</p> }.into_any();
                }
                list.into_iter().map(|hook| {
                    let locale = state.locale.get_untracked();
                    let label = Text::RemoveWebhook.fill(locale, &[("url", &hook.url)]);
                    let caption = Text::DeliveriesTo.fill(locale, &[("url", &hook.url)]);
                    let events = hook.events.iter().map(|e| t(event_name(e))).collect::<Vec<_>>().join(", ");
                    let (id, name) = (hook.id.clone(), hook.url.clone());
                    let rows = hook.deliveries.iter().map(|d| {
                        let page = Page::Deal(d.referral_id.clone());
                        let deal = state
                            .exchange
                            .with_untracked(|e| e.referral(&d.referral_id).map(|r| r.name.clone()))
                            .unwrap_or_else(|| d.referral_id.clone());
                        let when = chrono::DateTime::parse_from_rfc3339(&d.occurred_at)
                            .map(|at| format::date_time_in(locale, at.with_timezone(&chrono::Utc)))
                            .unwrap_or_else(|_| d.occurred_at.clone());
                        view! {
                            <tr>
                                <td>{t(event_name(&d.event))}</td>
                                <td><a href=page.href()>{deal}</a></td>
                                <td>{when}</td>
                                <td>{status(d)}</td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <div class="webhook">
                            <p class="webhook-head">
                                <code class="webhook-url">{hook.url.clone()}</code> " " <span class="muted">{events}</span> " "
                                <button type="button" class="danger" aria-label=label on:click=move |_| remove(id.clone(), name.clone())>{t(Text::Remove)}</button>
                            </p>
                            {if hook.deliveries.is_empty() {
                                view! { <p class="muted">{t(Text::NoDeliveries)}</p> }.into_any()
                            } else {
                                view! {
                                    <table>
                                        <caption>{caption}</caption>
                                        <thead><tr>
                                            <th scope="col">{t(Text::ColumnEvent)}</th>
                                            <th scope="col">{t(Text::ColumnDeal)}</th>
                                            <th scope="col">{t(Text::ColumnWhen)}</th>
                                            <th scope="col">{t(Text::ColumnStatus)}</th>
                                        </tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                }.into_any()
                            }}
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}
