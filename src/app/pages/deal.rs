use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::components::heart::Heart;
use crate::app::state::AppState;
use crate::domain::engagement::microsoft_status;
use crate::domain::format;
use crate::domain::listing::{time_left, time_left_label};
use crate::domain::model::{Direction, Referral};
use crate::domain::visibility::can_see;

/// `/deals/:id`: one deal's details, read-only for now.
#[component]
pub fn DealPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let referral = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let user = state.user();
        state.exchange.with(|e| e.referral(&id).filter(|r| can_see(&user, r)).cloned())
    });
    move || match referral.get() {
        None => view! {
            <div class="not-found">
                <h1 tabindex="-1">"Deal not found"</h1>
                <p>"This deal does not exist in this browser, or it is not shared with the signed-in user."</p>
                <p><a href="/">"Back to deals"</a></p>
            </div>
        }
        .into_any(),
        Some(r) => view! { <DealDetails referral=r/> }.into_any(),
    }
}

#[component]
fn DealDetails(referral: Referral) -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = referral;
    let vendor = state.data.with_value(|d| d.vendor().id.clone());
    let ms_status = state.exchange.with_untracked(|e| microsoft_status(e, &r, &vendor));
    let location = state.data.with_value(|d| d.location_label(&r.organization_id, &r.location));
    let stage = r.sales_stage.map(|s| format!("{} ({}%)", s.label(), s.percent())).unwrap_or_else(|| "Not started".into());
    let id = r.id.clone();
    let countdown = move || {
        let now = state.now.get();
        state.exchange.with(|e| e.referral(&id).and_then(|r| time_left(r, now)).map(time_left_label))
    };
    let c = &r.customer_profile;
    let address = [c.address.address_line1.as_str(), c.address.postal_code.as_str(), c.address.city.as_str(), c.address.country.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let back = if r.direction == Direction::Incoming { ("/", "Inbound") } else { ("/outbound", "Outbound") };
    let optional = |v: &str| if v.is_empty() { "—".to_string() } else { v.to_string() };

    view! {
        <article class="deal-page">
            <nav aria-label="Breadcrumb" class="breadcrumb"><a href=back.0>{back.1}</a></nav>
            <div class="page-head">
                <h1 tabindex="-1">{r.name.clone()}</h1>
                <Heart referral_id=r.id.clone()/>
            </div>
            <p class="subtitle">{c.name.clone()} " · " {location}</p>
            {move || countdown().map(|left| view! {
                <p class="countdown" role="status">"Time left to accept or decline: " <strong>{left}</strong></p>
            })}
            <div class="deal-grid">
                <section class="card" aria-labelledby="summary-h">
                    <h2 id="summary-h">"Summary"</h2>
                    <dl class="facts">
                        <dt>"Status"</dt><dd>{format!("{:?} · {}", r.status, r.substatus.label())}</dd>
                        <dt>"Deal type"</dt><dd>{r.type_label()}</dd>
                        <dt>"Sales stage"</dt><dd>{stage}</dd>
                        <dt>"Microsoft status"</dt><dd>{ms_status}</dd>
                        <dt>"Estimated value"</dt><dd>{format::money(r.details.deal_value, &r.details.currency)}</dd>
                        <dt>"Estimated close date"</dt><dd>{format::date(r.details.closing_date_time)}</dd>
                        <dt>"Help from Microsoft"</dt><dd>{r.details.help_type.label()}</dd>
                        <dt>"CRM ID"</dt><dd>{optional(&r.external_reference_id)}</dd>
                        <dt>"Marketing campaign ID"</dt><dd>{optional(&r.marketing_campaign_id)}</dd>
                        <dt>"Created"</dt><dd>{format::date_time(r.created_date_time)}</dd>
                        <dt>"Last updated"</dt><dd>{format::date_time(r.updated_date_time)}</dd>
                        {(!r.status_reason.is_empty()).then(|| view! { <dt>"Reason"</dt><dd>{r.status_reason.clone()}</dd> })}
                    </dl>
                </section>
                <section class="card" aria-labelledby="customer-h">
                    <h2 id="customer-h">"Customer"</h2>
                    <dl class="facts">
                        <dt>"Name"</dt><dd>{c.name.clone()}</dd>
                        <dt>"Address"</dt><dd>{address}</dd>
                        <dt>"Size"</dt><dd>{optional(&c.size)}</dd>
                        <dt>"DUNS"</dt><dd>{c.ids.duns.clone().unwrap_or_else(|| "—".into())}</dd>
                        {c.contact.clone().map(|k| view! {
                            <dt>"Contact"</dt><dd>{k.name} " · " {k.email} " · " {k.phone}</dd>
                        })}
                    </dl>
                </section>
                {r.invite_context.clone().map(|ctx| view! {
                    <section class="card" aria-labelledby="invite-h">
                        <h2 id="invite-h">"Invitation"</h2>
                        <dl class="facts">
                            <dt>"Invited by"</dt><dd>{ctx.invited_by.name}</dd>
                            <dt>"Help requested"</dt><dd>{ctx.help_type.label()}</dd>
                            <dt>"Notes"</dt><dd>{optional(&ctx.notes)}</dd>
                        </dl>
                    </section>
                })}
                <section class="card" aria-labelledby="team-h">
                    <h2 id="team-h">"Team"</h2>
                    {if r.team.is_empty() {
                        view! { <p class="muted">"No team members yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="people">
                                {r.team.iter().map(|m| view! {
                                    <li><strong>{m.name.clone()}</strong> <span>{m.email.clone()}</span> <span>{m.phone.clone()}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="solutions-h">
                    <h2 id="solutions-h">"Solutions"</h2>
                    <ul class="solutions">
                        {r.details.requirements.solutions.iter().map(|s| view! {
                            <li><strong>{s.name.clone()}</strong> <span>{s.publisher.clone()}</span> <span class="badge">{s.incentive_program.label()}</span></li>
                        }).collect_view()}
                    </ul>
                    {(!r.details.notes.is_empty()).then(|| view! { <h3>"Notes"</h3><p class="notes">{r.details.notes.clone()}</p> })}
                </section>
            </div>
        </article>
    }
}
