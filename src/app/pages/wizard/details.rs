//! Wizard step 2: the deal's name, value, currency, close date, notes and customer contact.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::Wizard;
use crate::app::components::field::{error_for, field_id, TextField};
use crate::app::state::AppState;
use crate::domain::records::directory::Role;

/// A labelled select bound to the draft, with its error.
#[component]
pub fn SelectField(
    label: &'static str,
    path: &'static str,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] set: Callback<String>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let id = field_id(path);
    let msg = format!("{id}-msg");
    let error = Signal::derive(move || w.errors.with(|e| error_for(e, path)));
    let described = msg.clone();
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || error.get().is_some().then(|| described.clone())
                on:change=move |ev| set.run(event_target_value(&ev))
                prop:value=move || value.get()
            >
                {(!placeholder.is_empty()).then(|| view! { <option value="">{placeholder}</option> })}
                {options.into_iter().map(|(v, text)| {
                    let selected_v = v.clone();
                    view! { <option value=v selected=move || value.get() == selected_v>{text}</option> }
                }).collect_view()}
            </select>
            <p id=msg class="field-error">{move || error.get().unwrap_or("")}</p>
        </div>
    }
}

/// Step 2: the deal's name, location, value, close date and references.
#[component]
pub fn DetailsStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let errors = Signal::from(w.errors);
    let user = state.user_untracked();
    let is_vendor = user.has_role(Role::MicrosoftSeller);
    let locations = super::own_locations(state);
    let t = move |x: Text| state.tr(x);
    let locale = state.locale.get_untracked();
    let partners: Vec<(String, String)> = state.data.with(|d| {
        d.organizations
            .iter()
            .filter(|o| !o.is_vendor)
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect()
    });
    let partner_locations = Memo::new(move |_| {
        let org = draft.with(|d| d.partner_organization.clone());
        state.data.with(|d| {
            d.organization(&org)
                .map(|o| {
                    o.locations
                        .iter()
                        .map(|l| (l.id.clone(), l.label_in(locale)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let text = move |label: &'static str,
                     path: &'static str,
                     get: fn(&crate::domain::present::wizard::Draft) -> String,
                     put: fn(&mut crate::domain::present::wizard::Draft, String),
                     required: bool,
                     kind: &'static str,
                     hint: &'static str| {
        view! {
            <TextField label path required kind hint
                value=Signal::derive(move || draft.with(get))
                set=move |v: String| w.edit(path, |d| put(d, v))
                errors/>
        }
    };
    view! {
        {is_vendor.then(|| view! {
            <div class="grid-2">
                <SelectField label=t(Text::ColumnPartner) path="forPartner.organization" options=partners.clone() placeholder=t(Text::ChooseThePartner)
                    value=Signal::derive(move || draft.with(|d| d.partner_organization.clone()))
                    set=move |v: String| w.edit("forPartner.organization", |d| { d.partner_organization = v; d.partner_location.clear(); })/>
                {move || {
                    let options = partner_locations.get();
                    view! {
                        <SelectField label=t(Text::PartnerLocation) path="forPartner.location" options placeholder=t(Text::ChoosePartnerLocation)
                            value=Signal::derive(move || draft.with(|d| d.partner_location.clone()))
                            set=move |v: String| w.edit("forPartner.location", |d| d.partner_location = v)/>
                    }
                }}
            </div>
        })}
        <div class="grid-2">
            {text(t(Text::ColumnDealName), "name", |d| d.name.clone(), |d, v| d.name = v, true, "text", "")}
            <SelectField label=t(Text::Location) path="location" options=locations
                value=Signal::derive(move || draft.with(|d| d.location.clone()))
                set=move |v: String| w.edit("location", |d| d.location = v)/>
        </div>
        <p class="hint">{t(Text::LocationFixedHint)}</p>
        <div class="grid-3">
            {text(t(Text::LabelEstimatedValue), "value", |d| d.value.clone(), |d, v| d.value = v, true, "text", t(Text::ValueHint))}
            {text(t(Text::LabelCurrency), "currency", |d| d.currency.clone(), |d, v| d.currency = v.to_ascii_uppercase(), true, "text", t(Text::CurrencyHint))}
            {text(t(Text::LabelCloseDate), "closeDate", |d| d.close_date.clone(), |d, v| d.close_date = v, true, "date", t(Text::CloseDateHint))}
        </div>
        <div class="grid-2">
            {text(t(Text::LabelCrmId), "crmId", |d| d.crm_id.clone(), |d, v| d.crm_id = v, false, "text", t(Text::Optional))}
            {text(t(Text::LabelCampaignId), "campaignId", |d| d.campaign_id.clone(), |d, v| d.campaign_id = v, false, "text", t(Text::Optional))}
        </div>
        <div class="field">
            <label for="f-notes">{t(Text::LabelNotes)}</label>
            <textarea id="f-notes" rows="3" prop:value=move || draft.with(|d| d.notes.clone()) on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))></textarea>
        </div>
    }
}
