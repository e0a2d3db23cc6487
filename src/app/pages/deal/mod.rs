//! `/deals/:id`: one deal with its lifecycle, the actions the rule set allows now, the other
//! parties, deal registration and the activity of the engagement (SPEC §6–§8).
//!
//! The page keeps the open action dialog above the deal's view; the deal's view is drawn from
//! the parts in this folder: `lifecycle`, `parties`, `eligibility` and `timeline`.

mod eligibility;
mod lifecycle;
mod parties;
mod timeline;

use parties::optional;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::components::action_form::{focus_heading, ActionForm};
use crate::app::components::heart::Heart;
use crate::app::pages::wizard::sales_type::InviteDialog;
use crate::app::routes::Page;
use crate::app::state::{decide_now, perform, start_action, AppState};
use crate::app::sync;
use crate::client::Done;
use crate::domain::deal::commands::Command;
use crate::domain::deal::eligibility::eligibility;
use crate::domain::deal::engagement::{microsoft_status, other_parties};
use crate::domain::deal::response_window::time_left;
use crate::domain::deal::rules::{allowed_actions, early_win_hours_left, lifecycle, Action};
use crate::domain::deal::validation::errors_under;
use crate::domain::deal::visibility::can_see;
use crate::domain::lists::listing::Tab;
use crate::domain::present::format;
use crate::domain::present::format::time_left_label_in;
use crate::domain::present::forms::{self, Form};
use crate::domain::present::wizard::InvitationDraft;
use crate::domain::records::referral::{Direction, Referral, Substatus};
use crate::domain::support::i18n::Text;

/// `/deals/:id`
#[component]
pub fn DealPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let referral = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let user = state.user();
        state
            .exchange
            .with(|e| e.referral(&id).filter(|r| can_see(&user, r)).cloned())
    });
    // The open action dialog lives above the deal's view, which is redrawn on every change
    // (also one saved in another tab): a form being filled in stays open.
    let active = RwSignal::new(None::<Form>);
    let invite_open = RwSignal::new(false);
    Effect::new(move |previous: Option<String>| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        if previous.is_some_and(|p| p != id) {
            active.set(None);
            invite_open.set(false);
        }
        id
    });
    // Marking an eligible deal won opens the registration form at once (SPEC §7).
    Effect::new(move |previous: Option<Option<(String, Substatus)>>| {
        let now = referral.with(|r| r.as_ref().map(|r| (r.id.clone(), r.substatus)));
        let just_won = matches!((&previous, &now), (Some(Some((was_id, was))), Some((id, Substatus::Won))) if was_id == id && *was != Substatus::Won);
        if just_won {
            if let Some(r) = referral.get_untracked() {
                let user = state.user_untracked();
                let at = state.now.get_untracked();
                let vendor = state.data.with_untracked(|d| d.vendor().id.clone());
                let may_register = state.exchange.with_untracked(|e| {
                    allowed_actions(e, &vendor, &user, &r, at).contains(&Action::Register)
                });
                if may_register {
                    let form = state.data.with_untracked(|d| {
                        forms::registration_after_win(
                            &r,
                            d,
                            &user,
                            at,
                            state.locale.get_untracked(),
                        )
                    });
                    if form.is_some() {
                        active.set(form);
                    }
                }
            }
        }
        now
    });
    // The other parties' copies (their cards, Microsoft's status): a change of theirs redraws
    // the deal too, also when this party's own copy stays as it is (shared mode's pulls).
    let parties_version = Memo::new(move |_| {
        let engagement = referral.with(|r| r.as_ref().map(|r| r.engagement_id.clone()));
        engagement.map(|e| {
            state.exchange.with(|x| {
                x.engagement(&e)
                    .map(|r| r.e_tag.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let details =
        move || {
            match (state.locale.track(), parties_version.track(), referral.get()).2 {
        None => view! {
            <div class="not-found">
                <h1 tabindex="-1">{state.tr(Text::DealNotFound)}</h1>
                <p>{state.tr(Text::DealNotFoundBody)}</p>
                <p><a href=Page::Deals(Tab::Inbound).href()>{state.tr(Text::BackToDeals)}</a></p>
            </div>
        }
        .into_any(),
        Some(r) => view! { <DealDetails referral=r active invite_open/> }.into_any(),
    }
        };
    // Shared mode: what the server refused of this user's changes to this deal, in its words,
    // with the change offered again on the newer deal.
    let refused = move || {
        let shared = state.shared?;
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let mine: Vec<_> = shared.refused.with(|all| {
            all.iter()
                .filter(|r| r.referral_id.as_deref() == Some(id.as_str()))
                .cloned()
                .collect()
        });
        Some(mine.into_iter().map(|r| {
            let (again, gone) = (r.clone(), r.id);
            view! {
                <div class="banner refused" role="alert">
                    <p>{r.message.clone()}</p>
                    {again.change.is_some().then(|| view! { <button type="button" on:click=move |_| sync::apply_again(state, again.clone())>{state.tr(Text::ApplyAgain)}</button> })}
                    <button type="button" class="link-button" on:click=move |_| shared.refused.update(|all| all.retain(|x| x.id != gone))>{state.tr(Text::Dismiss)}</button>
                </div>
            }
        }).collect_view())
    };
    // A closed form's late close (its dialog's effect) must not close a form opened since,
    // also one opened before this view redrew (the registration form a win opens).
    let opened = StoredValue::new(0u64);
    let form = move || {
        let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
        active.get().map(|form| {
            opened.update_value(|n| *n += 1);
            let this = opened.get_value();
            let action = form.action;
            let still_open = move || {
                opened.get_value() == this
                    && active.with_untracked(|f| f.as_ref().map(|f| f.action)) == Some(action)
            };
            view! { <ActionForm form ids=vec![id] close=move |()| if still_open() { active.set(None) }/> }
        })
    };
    // Invite partner, prefilled from the deal as it is when the dialog opens.
    let current = move || {
        state.exchange.with_untracked(|e| {
            e.referral(&params.with_untracked(|p| p.get("id").unwrap_or_default()))
                .cloned()
        })
    };
    let start_invitation = move |()| {
        current()
            .map(|r| {
                InvitationDraft::prefilled(
                    format::date(r.details.closing_date_time),
                    r.details.currency.clone(),
                    r.team.clone(),
                )
            })
            .unwrap_or_default()
    };
    let taken = Signal::derive(move || {
        let engagement = current().map(|r| r.engagement_id).unwrap_or_default();
        state.exchange.with(|e| {
            e.engagement(&engagement)
                .map(|x| x.organization_id.clone())
                .collect::<Vec<_>>()
        })
    });
    let add_invitation = move |candidate: InvitationDraft| {
        let (invitation, mut problems) = candidate.to_invitation();
        if !problems.is_empty() {
            return problems;
        }
        let command = Command::InvitePartner {
            referral_id: params.with_untracked(|p| p.get("id").unwrap_or_default()),
            invitation,
        };
        match decide_now(state, &command) {
            Err(Done::Invalid(errors)) => {
                problems = errors_under(errors, "invitation.");
                problems
            }
            _ => {
                perform(
                    state,
                    command,
                    Action::InvitePartner.done_in(state.locale.get_untracked()),
                    |_| {},
                );
                Vec::new()
            }
        }
    };
    view! {
        {refused}
        {details}
        {form}
        <InviteDialog open=invite_open start=start_invitation taken add=add_invitation/>
    }
}

#[component]
fn DealDetails(
    referral: Referral,
    active: RwSignal<Option<Form>>,
    invite_open: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = referral;
    let vendor = state.data.with(|d| d.vendor().id.clone());
    let user = state.user_untracked();
    let now = state.now.get_untracked();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let money = move |value: f64, currency: &str| format::money_in(locale, value, currency);
    let date = move |at| format::date_in(locale, at);
    let date_time = move |at| format::date_time_in(locale, at);
    let (ms_status, parties, steps, actions, guard_hours, criteria) =
        state.exchange.with_untracked(|e| {
            (
                microsoft_status(e, &r, &vendor),
                other_parties(e, &vendor, &r),
                lifecycle(e, &vendor, &r),
                allowed_actions(e, &vendor, &user, &r, now),
                early_win_hours_left(e, &vendor, &r, now),
                eligibility(e, &vendor, &r),
            )
        });

    let location = state
        .data
        .with(|d| d.location_label_in(locale, &r.organization_id, &r.location));
    let stage = r
        .sales_stage
        .map(|s| format!("{} ({}%)", t(s.text()), s.percent()))
        .unwrap_or_else(|| t(Text::NotStarted).into());
    let id = r.id.clone();
    let countdown = move || {
        let now = state.now.get();
        state.exchange.with(|e| {
            e.referral(&id)
                .and_then(|r| time_left(r, now))
                .map(|left| time_left_label_in(locale, left))
        })
    };
    let c = &r.customer_profile;
    let address = [
        c.address.address_line1.as_str(),
        c.address.postal_code.as_str(),
        c.address.city.as_str(),
        c.address.country.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(", ");
    let back = if r.direction == Direction::Incoming {
        (Page::Deals(Tab::Inbound), t(Text::TabInbound))
    } else {
        (Page::Deals(Tab::Outbound), t(Text::TabOutbound))
    };

    let can_remove = actions.contains(&Action::RemoveTeamMember);
    let rid = StoredValue::new(r.id.clone());
    let run = move |action: Action| {
        start_action(
            state,
            action,
            &rid.get_value(),
            guard_hours.is_some(),
            |f| active.set(Some(f)),
            |ended| {
                if ended.is_saved() {
                    focus_heading()
                }
            },
        )
    };
    let buttons = actions
        .iter()
        .copied()
        .filter(|a| !matches!(a, Action::RemoveTeamMember | Action::InvitePartner | Action::Expire | Action::AddSharedNote))
        .map(|a| {
            let primary = matches!(a, Action::Accept | Action::MarkWon | Action::Register | Action::Resubmit | Action::Approve);
            view! { <button type="button" class:primary=primary on:click=move |_| run(a)>{a.label_in(locale)}</button> }
        })
        .collect_view();
    let terminal = r.substatus.is_terminal() && actions.is_empty();
    let can_invite = actions.contains(&Action::InvitePartner);
    let can_share_note = actions.contains(&Action::AddSharedNote);
    view! {
        <article class="deal-page">
            <nav aria-label=t(Text::Breadcrumb) class="breadcrumb"><a href=back.0.href()>{back.1}</a></nav>
            <div class="page-head">
                <h1 tabindex="-1">{r.name.clone()}</h1>
                <Heart referral_id=r.id.clone()/>
            </div>
            <p class="subtitle">{c.name.clone()} " · " {location} " · " {money(r.details.deal_value, &r.details.currency)} " · " {Text::Closes.fill(locale, &[("date", &date(r.details.closing_date_time))])}</p>
            {move || countdown().map(|left| view! {
                <p class="countdown" role="status">{t(Text::TimeLeftToAnswer)} <strong>{left}</strong></p>
            })}
            {guard_hours.map(|h| view! {
                <p class="countdown">{Text::EarlyWinCountdown.fill(locale, &[("h", &h.to_string())])}</p>
            })}
            <dl class="facts headline">
                <div><dt>{t(Text::ColumnStatus)}</dt><dd>{t(r.substatus.text())}</dd></div>
                <div><dt>{t(Text::LabelDealType)}</dt><dd>{r.type_label_in(locale)}</dd></div>
                <div><dt>{t(Text::FilterStage)}</dt><dd>{stage}</dd></div>
                <div><dt>{t(Text::MicrosoftStatus)}</dt><dd>{t(ms_status)}</dd></div>
            </dl>
            {lifecycle::steps(steps)}
            {if terminal {
                view! { <p class="muted">{t(Text::ReadOnlyClosed)}</p> }.into_any()
            } else {
                view! {
                    <div class="deal-actions" role="group" aria-label=t(Text::Actions)>
                        {buttons}
                        {can_invite.then(|| view! { <button type="button" on:click=move |_| invite_open.set(true)>{t(Text::ActInvitePartner)}</button> })}
                    </div>
                }.into_any()
            }}
            <div class="deal-grid">
                {parties::cards(parties)}
                {parties::invitation(r.invite_context.clone())}
                {eligibility::card(criteria, r.registration.clone())}
                <section class="card" aria-labelledby="customer-h">
                    <h2 id="customer-h">{t(Text::ColumnCustomer)}</h2>
                    <dl class="facts">
                        <dt>{t(Text::LabelName)}</dt><dd>{c.name.clone()}</dd>
                        <dt>{t(Text::Address)}</dt><dd>{address}</dd>
                        <dt>{t(Text::Size)}</dt><dd>{optional(&c.size)}</dd>
                        <dt>{t(Text::Duns)}</dt><dd>{c.ids.duns.clone().unwrap_or_else(|| "—".into())}</dd>
                        {c.contact.clone().map(|k| view! {
                            <dt>{t(Text::Contact)}</dt><dd>{k.name} " · " {k.email} " · " {k.phone}</dd>
                        })}
                    </dl>
                </section>
                <section class="card" aria-labelledby="details-h">
                    <h2 id="details-h">{t(Text::Details)}</h2>
                    <dl class="facts">
                        <dt>{t(Text::HelpFromMicrosoft)}</dt><dd>{t(r.details.help_type.text())}</dd>
                        <dt>{t(Text::LabelCrmId)}</dt><dd>{optional(&r.external_reference_id)}</dd>
                        <dt>{t(Text::LabelCampaignId)}</dt><dd>{optional(&r.marketing_campaign_id)}</dd>
                        <dt>{t(Text::StageCreated)}</dt><dd>{date_time(r.created_date_time)}</dd>
                        <dt>{t(Text::LastUpdated)}</dt><dd>{date_time(r.updated_date_time)}</dd>
                        {r.reason_in(locale).map(|reason| view! { <dt>{t(Text::LabelReason)}</dt><dd>{reason}</dd> })}
                        {(!r.details.notes.is_empty()).then(|| view! { <dt>{t(Text::LabelNotes)}</dt><dd class="notes">{r.details.notes.clone()}</dd> })}
                    </dl>
                </section>
                <section class="card" aria-labelledby="team-h">
                    <h2 id="team-h">{t(Text::StepTeam)}</h2>
                    <ul class="people">
                        {r.team.iter().map(|m| {
                            let email = m.email.clone();
                            let remove = can_remove.then(|| view! {
                                <button type="button" class="link-button" on:click=move |_| {
                                    perform(state, Command::RemoveTeamMember { referral_id: rid.get_value(), email: email.clone() }, Action::RemoveTeamMember.done_in(locale), |_| {});
                                }>{Text::RemoveNamed.fill(locale, &[("name", &m.name)])}</button>
                            });
                            view! { <li><strong>{m.name.clone()}</strong> <span>{m.email.clone()}</span> <span>{m.phone.clone()}</span> {remove}</li> }
                        }).collect_view()}
                    </ul>
                </section>
                <section class="card" aria-labelledby="solutions-h">
                    <h2 id="solutions-h">{t(Text::LabelSolutions)}</h2>
                    <ul class="solutions">
                        {r.details.requirements.solutions.iter().map(|s| view! {
                            <li><strong>{s.name.clone()}</strong> <span>{s.publisher.clone()}</span> <span class="badge">{t(s.incentive_program.text())}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                {timeline::shared_notes(r.clone(), can_share_note, Callback::new(move |()| run(Action::AddSharedNote)))}
                {timeline::activity(r.clone())}
            </div>
        </article>
    }
}
