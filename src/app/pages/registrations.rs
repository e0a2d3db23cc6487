//! `/registrations`: the Microsoft seller's queue of deal registrations to validate (SPEC §7).

use leptos::prelude::*;

use crate::app::components::action_form::ActionForm;
use crate::app::routes::Page;
use crate::app::state::{start_action, AppState};
use crate::domain::deal::rules::{allowed_actions, Action};
use crate::domain::deal::visibility::can_see;
use crate::domain::present::format;
use crate::domain::present::forms::Form;
use crate::domain::records::directory::Role;
use crate::domain::support::i18n::Text;

/// `/registrations`
#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let active = RwSignal::new(None::<(Form, String)>);
    // Registrations waiting for a decision first, then the decided ones, newest first.
    let queue = move || {
        let user = state.user();
        let now = state.now.get();
        let locale = state.locale.get();
        let vendor = state.data.with(|d| d.vendor().id.clone());
        state.exchange.with(|e| {
            let mut list: Vec<_> = e
                .referrals()
                .filter_map(|r| r.registration.as_ref().map(|reg| (r, reg)))
                .map(|(r, reg)| {
                    let org = state.data.with(|d| {
                        d.organization(&r.organization_id)
                            .map(|o| o.name.clone())
                            .unwrap_or_default()
                    });
                    let actions: Vec<Action> = allowed_actions(e, &vendor, &user, r, now)
                        .into_iter()
                        .filter(|a| {
                            matches!(
                                a,
                                Action::StartReview
                                    | Action::Approve
                                    | Action::RequestAction
                                    | Action::Reject
                            )
                        })
                        .collect();
                    // The copy of the engagement the validator may open (Microsoft's).
                    let open = e
                        .engagement(&r.engagement_id)
                        .find(|x| can_see(&user, x))
                        .map(|x| x.id.clone());
                    (
                        !reg.status.awaits_validator(),
                        std::cmp::Reverse(reg.submitted_date_time),
                        r.id.clone(),
                        r.name.clone(),
                        org,
                        reg.status.text().get(locale),
                        format::date_time_in(locale, reg.submitted_date_time),
                        format::money_in(locale, reg.form.total_contract_value, &reg.form.currency),
                        actions,
                        open,
                    )
                })
                .collect();
            crate::domain::support::order::sort_by(&mut list, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            list
        })
    };
    let run = move |action: Action, id: String| {
        start_action(
            state,
            action,
            &id.clone(),
            false,
            |f| active.set(Some((f, id))),
            |_| {},
        )
    };
    view! {
        <div class="registrations-page">
            <div class="page-head"><h1 tabindex="-1">{state.text(Text::RegistrationsHeading)}</h1></div>
            {move || (!state.user().has_role(Role::MicrosoftSeller)).then(|| view! {
                <p>{state.tr(Text::OnlySellersValidate)}</p>
            })}
            {move || {
                let list = queue();
                if list.is_empty() {
                    return view! { <p class="muted">{state.tr(Text::NoRegistrations)}</p> }.into_any();
                }
                view! {
                    <table class="registrations">
                        <caption class="visually-hidden">{state.tr(Text::RegistrationsCaption)}</caption>
                        <thead><tr>
                            <th scope="col">{state.tr(Text::ColumnDeal)}</th><th scope="col">{state.tr(Text::ColumnPartner)}</th><th scope="col">{state.tr(Text::ColumnStatus)}</th>
                            <th scope="col">{state.tr(Text::RegSubmitted)}</th><th scope="col">{state.tr(Text::LabelTotalContractValue)}</th><th scope="col">{state.tr(Text::Actions)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|(_, _, id, name, org, status, submitted, value, actions, open)| view! {
                                <tr>
                                    // A validator opens the deal before deciding on it.
                                    <th scope="row">{match open {
                                        Some(open) => view! { <a href=Page::Deal(open).href()>{name.clone()}</a> }.into_any(),
                                        None => name.clone().into_any(),
                                    }}</th>
                                    <td>{org}</td><td>{status}</td><td>{submitted}</td><td class="numeric">{value}</td>
                                    <td class="row-actions" role="group" aria-label=Text::ActionsFor.fill(state.locale.get_untracked(), &[("name", &name)])>
                                        {actions.into_iter().map(|a| {
                                            let id = id.clone();
                                            view! { <button type="button" on:click=move |_| run(a, id.clone())>{a.label_in(state.locale.get_untracked())}</button> }
                                        }).collect_view()}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {move || active.get().map(|(form, id)| view! { <ActionForm form ids=vec![id] close=move |()| active.set(None)/> })}
        </div>
    }
}
