//! Wizard step 1: the customer, found in the directory by name and location or entered with its
//! address, and the open-deal duplicate warning.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::Wizard;
use crate::app::components::field::TextField;
use crate::app::state::AppState;
use crate::domain::present::wizard::{open_deal_for_duns, search_customers};
use crate::domain::records::directory::{country_name_in, Customer};
use crate::domain::records::referral::Address;

const SUGGESTIONS: usize = 8;

/// Step 1: find the customer in the directory (or enter it by hand) and its contact.
#[component]
pub fn CustomerStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let errors = Signal::from(w.errors);
    let org = state.user_untracked().organization_id;
    let t = move |x: Text| state.tr(x);
    let locale = state.locale.get_untracked();

    let suggestions = Memo::new(move |_| {
        let (loc, name) = draft.with(|d| {
            (
                d.customer_location_query.clone(),
                d.customer_name_query.clone(),
            )
        });
        state.data.with(|d| {
            search_customers(d, &loc, &name, SUGGESTIONS)
                .into_iter()
                .cloned()
                .collect::<Vec<Customer>>()
        })
    });
    let chosen = Memo::new(move |_| draft.with(|d| d.customer.clone()));
    let manual = Memo::new(move |_| draft.with(|d| d.manual_customer));
    let duplicate = Memo::new(move |_| {
        let duns = chosen.get().map(|c| c.duns).unwrap_or_default();
        state
            .exchange
            .with(|e| open_deal_for_duns(e, &org, &duns).map(|r| (r.id.clone(), r.name.clone())))
    });
    let select = move |c: Customer| {
        w.edit("customer.name", |d| {
            d.customer = Some(c);
            d.manual_customer = false;
        });
    };

    let manual_field = move |label: &'static str,
                             path: &'static str,
                             get: fn(&Address) -> String,
                             put: fn(&mut Address, String)| {
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
        <p class="step-intro">{t(Text::CustomerIntro)}</p>
        <div class="grid-2">
            <TextField
                label=t(Text::CustomerLocation)
                path="customerLocation"
                hint=t(Text::CustomerLocationHint)
                value=Signal::derive(move || draft.with(|d| d.customer_location_query.clone()))
                set=move |v: String| draft.update(|d| d.customer_location_query = v)
                errors
            />
            <TextField
                label=t(Text::CustomerName)
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
        {move || (!manual.get()).then(|| view! { {move || if !suggestions.with(Vec::is_empty) { view! { <ul class="suggestions" aria-label=t(Text::MatchingCustomers)>
                    {move || suggestions.get().into_iter().map(|c| {
                            let desc_id = format!("cust-{}", c.duns);
                            let picked = c.clone();
                            let duns = c.duns.clone();
                            let is_chosen = Signal::derive(move || chosen.with(|x| x.as_ref().is_some_and(|x| x.duns == duns)));
                            view! {
                                <li class:chosen=is_chosen>
                                    <div id=desc_id.clone() class="suggestion-text">
                                        <strong>{c.name.clone()}</strong>
                                        <span>{format!("{}, {} {}, {}", c.address.address_line1, c.address.postal_code, c.address.city, country_name_in(locale, &c.address.country))}</span>
                                        <span>{Text::SizeDuns.fill(locale, &[("size", &c.size), ("duns", &c.duns)])}</span>
                                    </div>
                                    <button type="button" aria-describedby=desc_id aria-pressed=move || is_chosen.get().to_string() on:click=move |_| select(picked.clone())>
                                        {t(Text::SelectCustomer)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                </ul> }.into_any() } else { view! {
                <p class="muted">{move || if draft.with(|d| d.customer_name_query.trim().is_empty() && d.customer_location_query.trim().is_empty()) {
                    t(Text::TypeToSearch)
                } else {
                    t(Text::NoCustomerMatches)
                }}</p>
            }.into_any() }}
            <button type="button" class="link-button" on:click=move |_| w.edit("customer.name", |d| {
                d.manual_customer = true;
                d.customer = Some(Customer { name: d.customer_name_query.clone(), address: Address { city: d.customer_location_query.clone(), ..Address::default() }, size: String::new(), duns: String::new() });
            })>{t(Text::EnterByHand)}</button> })}
        {move || (manual.get()).then(|| view! { <fieldset class="manual-customer">
                <legend>{t(Text::ManualLegend)}</legend>
                <div class="grid-2">
                    {manual_field(t(Text::StreetAddress), "customer.addressLine1", |a| a.address_line1.clone(), |a, v| a.address_line1 = v)}
                    {manual_field(t(Text::City), "customer.city", |a| a.city.clone(), |a, v| a.city = v)}
                    {manual_field(t(Text::PostalCode), "customer.postalCode", |a| a.postal_code.clone(), |a, v| a.postal_code = v)}
                    <TextField
                        label=t(Text::CountryCode)
                        path="customer.country"
                        required=true
                        hint=t(Text::CountryCodeHint)
                        value=Signal::derive(move || draft.with(|d| d.customer.as_ref().map(|c| c.address.country.clone()).unwrap_or_default()))
                        set=move |v: String| w.edit("customer.country", |d| if let Some(c) = d.customer.as_mut() { c.address.country = v.trim().to_ascii_uppercase() })
                        errors
                    />
                    <TextField
                        label=t(Text::DunsOptional)
                        path="customer.duns"
                        value=Signal::derive(move || draft.with(|d| d.customer.as_ref().map(|c| c.duns.clone()).unwrap_or_default()))
                        set=move |v: String| w.edit("customer.duns", |d| if let Some(c) = d.customer.as_mut() { c.duns = v })
                        errors
                    />
                </div>
                <button type="button" class="link-button" on:click=move |_| w.edit("customer.name", |d| { d.manual_customer = false; d.customer = None; })>
                    {t(Text::SearchDirectoryInstead)}
                </button>
            </fieldset> })}
        {move || chosen.get().filter(|_| !manual.get()).map(|c| view! {
            <p class="chosen-customer" role="status">{t(Text::Selected)} <strong>{c.name}</strong> {format!(" · {}, {} · DUNS {}", c.address.city, c.address.country, c.duns)}</p>
        })}
        {move || duplicate.get().map(|(id, name)| view! {
            <div class="warning" role="status">
                {t(Text::DuplicateBefore)}
                <a href=crate::app::routes::Page::Deal(id.clone()).href()>{name}</a>
                {t(Text::DuplicateAfter)}
            </div>
        })}
        <h3>{t(Text::LabelCustomerContact)}</h3>
        <p class="hint">{t(Text::ContactHint)}</p>
        <div class="grid-3">
            <TextField label=t(Text::LabelContactName) path="contact.name" autocomplete="off"
                value=Signal::derive(move || draft.with(|d| d.contact.name.clone()))
                set=move |v: String| w.edit("contact.name", |d| d.contact.name = v) errors/>
            <TextField label=t(Text::LabelContactPhone) path="contact.phone" kind="tel"
                value=Signal::derive(move || draft.with(|d| d.contact.phone.clone()))
                set=move |v: String| w.edit("contact.phone", |d| d.contact.phone = v) errors/>
            <TextField label=t(Text::LabelContactEmail) path="contact.email" kind="email"
                value=Signal::derive(move || draft.with(|d| d.contact.email.clone()))
                set=move |v: String| w.edit("contact.email", |d| d.contact.email = v) errors/>
        </div>
        <p class="consent-note">
            {t(Text::ConsentNote)}
        </p>
    }
}
