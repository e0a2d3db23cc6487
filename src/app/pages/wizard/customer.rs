use leptos::prelude::*;

use super::Wizard;
use crate::app::components::field::TextField;
use crate::app::state::AppState;
use crate::domain::directory::{country_name, Customer};
use crate::domain::model::Address;
use crate::domain::wizard::{open_deal_for_duns, search_customers};

const SUGGESTIONS: usize = 8;

/// Step 1: find the customer in the directory (or enter it by hand) and its contact.
#[component]
pub fn CustomerStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let errors = Signal::from(w.errors);
    let org = state.user_untracked().organization_id;

    let suggestions = Memo::new(move |_| {
        let (loc, name) = draft.with(|d| (d.customer_location_query.clone(), d.customer_name_query.clone()));
        state.data.with_value(|d| search_customers(d, &loc, &name, SUGGESTIONS).into_iter().cloned().collect::<Vec<Customer>>())
    });
    let chosen = Memo::new(move |_| draft.with(|d| d.customer.clone()));
    let manual = Memo::new(move |_| draft.with(|d| d.manual_customer));
    let duplicate = Memo::new(move |_| {
        let duns = chosen.get().map(|c| c.duns).unwrap_or_default();
        state.exchange.with(|e| open_deal_for_duns(e, &org, &duns).map(|r| (r.id.clone(), r.name.clone())))
    });
    let select = move |c: Customer| {
        w.edit("customer.name", |d| {
            d.customer = Some(c);
            d.manual_customer = false;
        });
    };

    let manual_field = move |label: &'static str, path: &'static str, get: fn(&Address) -> String, put: fn(&mut Address, String)| {
        view! {
            <TextField
                label
                path
                required=true
                value=Signal::derive(move || draft.with(|d| d.customer.as_ref().map(|c| get(&c.address)).unwrap_or_default()))
                set=move |v: String| w.edit(path, |d| {
                    if let Some(c) = d.customer.as_mut() {
                        put(&mut c.address, v)
                    }
                })
                errors
            />
        }
    };

    view! {
        <p class="step-intro">"Find the customer by location and name. Several companies can share a name and city: the DUNS number tells them apart."</p>
        <div class="grid-2">
            <TextField
                label="Customer location"
                path="customerLocation"
                hint="City or country, e.g. Munich"
                value=Signal::derive(move || draft.with(|d| d.customer_location_query.clone()))
                set=move |v: String| draft.update(|d| d.customer_location_query = v)
                errors
            />
            <TextField
                label="Customer name"
                path="customer.name"
                required=true
                value=Signal::derive(move || draft.with(|d| d.customer_name_query.clone()))
                set=move |v: String| {
                    w.edit("customer.name", |d| {
                        if d.manual_customer {
                            if let Some(c) = d.customer.as_mut() {
                                c.name = v.clone();
                            }
                        }
                        d.customer_name_query = v;
                    })
                }
                errors
            />
        </div>
        {move || (!manual.get()).then(|| view! { {move || if !suggestions.with(Vec::is_empty) { view! { <ul class="suggestions" aria-label="Matching customers">
                    {move || suggestions.get().into_iter().map(|c| {
                            let desc_id = format!("cust-{}", c.duns);
                            let picked = c.clone();
                            let duns = c.duns.clone();
                            let is_chosen = Signal::derive(move || chosen.with(|x| x.as_ref().is_some_and(|x| x.duns == duns)));
                            view! {
                                <li class:chosen=is_chosen>
                                    <div id=desc_id.clone() class="suggestion-text">
                                        <strong>{c.name.clone()}</strong>
                                        <span>{format!("{}, {} {}, {}", c.address.address_line1, c.address.postal_code, c.address.city, country_name(&c.address.country))}</span>
                                        <span>{format!("Size {} · DUNS {}", c.size, c.duns)}</span>
                                    </div>
                                    <button type="button" aria-describedby=desc_id aria-pressed=move || is_chosen.get().to_string() on:click=move |_| select(picked.clone())>
                                        "Select the customer"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                </ul> }.into_any() } else { (move || view! {
                <p class="muted">{move || if draft.with(|d| d.customer_name_query.trim().is_empty() && d.customer_location_query.trim().is_empty()) {
                    "Type a location and a name to search the customer directory."
                } else {
                    "No customer in the directory matches."
                }}</p>
            })().into_any() }}
            <button type="button" class="link-button" on:click=move |_| w.edit("customer.name", |d| {
                d.manual_customer = true;
                d.customer = Some(Customer { name: d.customer_name_query.clone(), address: Address { city: d.customer_location_query.clone(), ..Address::default() }, size: String::new(), duns: String::new() });
            })>"The customer is not listed: enter it by hand"</button> })}
        {move || (manual.get()).then(|| view! { <fieldset class="manual-customer">
                <legend>"Customer entered by hand (name from Customer name above)"</legend>
                <div class="grid-2">
                    {manual_field("Street address", "customer.addressLine1", |a| a.address_line1.clone(), |a, v| a.address_line1 = v)}
                    {manual_field("City", "customer.city", |a| a.city.clone(), |a, v| a.city = v)}
                    {manual_field("Postal code", "customer.postalCode", |a| a.postal_code.clone(), |a, v| a.postal_code = v)}
                    <TextField
                        label="Country code"
                        path="customer.country"
                        required=true
                        hint="Two letters, e.g. DE or US"
                        value=Signal::derive(move || draft.with(|d| d.customer.as_ref().map(|c| c.address.country.clone()).unwrap_or_default()))
                        set=move |v: String| w.edit("customer.country", |d| if let Some(c) = d.customer.as_mut() { c.address.country = v.trim().to_ascii_uppercase() })
                        errors
                    />
                    <TextField
                        label="DUNS number (optional)"
                        path="customer.duns"
                        value=Signal::derive(move || draft.with(|d| d.customer.as_ref().map(|c| c.duns.clone()).unwrap_or_default()))
                        set=move |v: String| w.edit("customer.duns", |d| if let Some(c) = d.customer.as_mut() { c.duns = v })
                        errors
                    />
                </div>
                <button type="button" class="link-button" on:click=move |_| w.edit("customer.name", |d| { d.manual_customer = false; d.customer = None; })>
                    "Search the directory instead"
                </button>
            </fieldset> })}
        {move || chosen.get().filter(|_| !manual.get()).map(|c| view! {
            <p class="chosen-customer" role="status">"Selected: " <strong>{c.name}</strong> {format!(" · {}, {} · DUNS {}", c.address.city, c.address.country, c.duns)}</p>
        })}
        {move || duplicate.get().map(|(id, name)| view! {
            <div class="warning" role="status">
                "Your organisation already has an open deal for this customer (same DUNS): "
                <a href=crate::app::browser::href(&format!("/deals/{id}"))>{name}</a>
                ". Check it before creating a second one."
            </div>
        })}
        <h3>"Customer contact"</h3>
        <p class="hint">"Optional, but required when you ask Microsoft for help."</p>
        <div class="grid-3">
            <TextField label="Contact name" path="contact.name" autocomplete="off"
                value=Signal::derive(move || draft.with(|d| d.contact.name.clone()))
                set=move |v: String| w.edit("contact.name", |d| d.contact.name = v) errors/>
            <TextField label="Contact phone" path="contact.phone" kind="tel"
                value=Signal::derive(move || draft.with(|d| d.contact.phone.clone()))
                set=move |v: String| w.edit("contact.phone", |d| d.contact.phone = v) errors/>
            <TextField label="Contact email" path="contact.email" kind="email"
                value=Signal::derive(move || draft.with(|d| d.contact.email.clone()))
                set=move |v: String| w.edit("contact.email", |d| d.contact.email = v) errors/>
        </div>
        <p class="consent-note">
            "By sharing a contact you confirm that the customer agreed that Microsoft and the partners you invite may contact them about this deal."
        </p>
    }
}
