//! Wizard step 6: every answer, and exactly what each other party will see, before Create deal.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::Wizard;
use crate::app::components::facts::{facts, facts_of};
use crate::app::state::AppState;
use crate::domain::deal::validation::parse_amount;
use crate::domain::present::format;
use crate::domain::present::wizard::{sharing_preview, Step};
use crate::domain::records::directory::{country_name_in, Role};
use crate::domain::records::referral::SharingType;

/// Step 6: every answer, and exactly what each other party will see.
#[component]
pub fn ReviewStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let user = state.user_untracked();
    let is_vendor = user.has_role(Role::MicrosoftSeller);
    let org = user.organization_id.clone();
    let preview = Signal::derive(move || {
        draft.with(|d| {
            state
                .data
                .with(|data| sharing_preview(d, data, &org, state.locale.get()))
        })
    });
    let t = move |x: Text| state.tr(x);
    let edit = move |s: Step| {
        let label = t(match s {
            Step::Customer => Text::EditCustomer,
            Step::Details => Text::EditDealDetails,
            Step::Team => Text::EditTeam,
            Step::Solutions => Text::ActEditSolutions,
            _ => Text::EditSalesType,
        });
        view! { <button type="button" class="link-button" on:click=move |_| { w.errors.set(Vec::new()); draft.update(|d| d.step = Some(s)); }>{label}</button> }
    };
    let d = draft.get_untracked();
    let customer = d.customer.clone();
    let location = state.data.with(|data| {
        data.location_label_in(
            state.locale.get_untracked(),
            &user.organization_id,
            &d.location,
        )
    });
    let value = parse_amount(&d.value)
        .map(|v| format::money_in(state.locale.get_untracked(), v, &d.currency))
        .unwrap_or_else(|_| d.value.clone());
    let solutions: String = state.data.with(|data| {
        d.solution_ids
            .iter()
            .filter_map(|id| data.solutions.iter().find(|s| &s.id == id))
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let sharing = if is_vendor {
        SharingType::CoSell
    } else {
        d.sharing()
    };
    let type_label = crate::domain::records::referral::deal_type_label_in(
        state.locale.get_untracked(),
        sharing,
        !d.invitations.is_empty(),
        false,
    );
    view! {
        <div class="review">
            <section aria-labelledby="rv-customer">
                <h3 id="rv-customer">{t(Text::ColumnCustomer)} " " {edit(Step::Customer)}</h3>
                {facts(vec![
                    (t(Text::ColumnCustomer), customer.as_ref().map(|c| c.name.clone()).unwrap_or_default()),
                    (t(Text::Address), customer.as_ref().map(|c| format!("{}, {}, {}", c.address.address_line1, c.address.city, country_name_in(state.locale.get_untracked(), &c.address.country))).unwrap_or_default()),
                    (t(Text::Duns), customer.as_ref().map(|c| c.duns.trim().to_string()).unwrap_or_default()),
                    (t(Text::Contact), if d.contact.name.trim().is_empty() { String::new() } else { format!("{} · {} · {}", d.contact.name, d.contact.email, d.contact.phone) }),
                ])}
            </section>
            <section aria-labelledby="rv-details">
                <h3 id="rv-details">{t(Text::StepDealDetails)} " " {edit(Step::Details)}</h3>
                {facts(vec![
                    (t(Text::ColumnDealName), d.name.clone()),
                    (t(Text::Location), location),
                    (t(Text::LabelEstimatedValue), value),
                    (t(Text::LabelCloseDate), format::day_in(state.locale.get_untracked(), &d.close_date)),
                    (t(Text::LabelCrmId), d.crm_id.trim().to_string()),
                    (t(Text::LabelCampaignId), d.campaign_id.trim().to_string()),
                    (t(Text::LabelNotes), d.notes.trim().to_string()),
                ])}
            </section>
            <section aria-labelledby="rv-team">
                <h3 id="rv-team">{t(Text::StepTeam)} " " {edit(Step::Team)}</h3>
                <p>{d.team.iter().map(|m| format!("{} ({})", m.name, m.email)).collect::<Vec<_>>().join(", ")}</p>
            </section>
            <section aria-labelledby="rv-solutions">
                <h3 id="rv-solutions">{t(Text::LabelSolutions)} " " {edit(Step::Solutions)}</h3>
                <p>{solutions}</p>
            </section>
            <section aria-labelledby="rv-type">
                <h3 id="rv-type">{t(Text::StepSalesType)} " " {edit(Step::SalesType)}</h3>
                {facts(vec![(t(Text::LabelDealType), type_label), (t(Text::HelpFromMicrosoft), d.help_type.map(|h| t(h.text())).unwrap_or("").to_string())])}
            </section>
            <section aria-labelledby="rv-preview" class="preview">
                <h3 id="rv-preview">{t(Text::WhatOthersSee)}</h3>
                {move || {
                    let cards = preview.get();
                    if cards.is_empty() {
                        view! { <p>{t(Text::NobodyOutside)}</p> }.into_any()
                    } else {
                        cards.into_iter().map(|p| view! {
                            <section class="card preview-card" aria-label=Text::WhatPartySees.fill(state.locale.get_untracked(), &[("party", &p.party)])>
                                <h4>{p.party.clone()}</h4>
                                {facts_of(p.facts)}
                            </section>
                        }).collect_view().into_any()
                    }
                }}
            </section>
        </div>
    }
}
