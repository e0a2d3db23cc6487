use leptos::prelude::*;

use super::Wizard;
use crate::app::components::facts::{facts, facts_of};
use crate::app::state::AppState;
use crate::domain::directory::{country_name, Role};
use crate::domain::format;
use crate::domain::model::SharingType;
use crate::domain::validation::parse_amount;
use crate::domain::wizard::{sharing_preview, Step};

/// Step 6: every answer, and exactly what each other party will see.
#[component]
pub fn ReviewStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let user = state.user_untracked();
    let is_vendor = user.has_role(Role::MicrosoftSeller);
    let org = user.organization_id.clone();
    let preview = Signal::derive(move || draft.with(|d| state.data.with_value(|data| sharing_preview(d, data, &org))));
    let edit = move |s: Step| {
        let label = format!("Edit {}", s.label().to_ascii_lowercase());
        view! { <button type="button" class="link-button" on:click=move |_| { w.errors.set(Vec::new()); draft.update(|d| d.step = Some(s)); }>{label}</button> }
    };
    let d = draft.get_untracked();
    let customer = d.customer.clone();
    let location = state.data.with_value(|data| data.location_label(&user.organization_id, &d.location));
    let value = parse_amount(&d.value).map(|v| format::money(v, &d.currency)).unwrap_or_else(|_| d.value.clone());
    let solutions: String = state.data.with_value(|data| {
        d.solution_ids.iter().filter_map(|id| data.solutions.iter().find(|s| &s.id == id)).map(|s| s.name.clone()).collect::<Vec<_>>().join(", ")
    });
    let sharing = if is_vendor { SharingType::CoSell } else { d.sharing() };
    let type_label = crate::domain::model::deal_type_label(sharing, !d.invitations.is_empty(), false);
    view! {
        <div class="review">
            <section aria-labelledby="rv-customer">
                <h3 id="rv-customer">"Customer " {edit(Step::Customer)}</h3>
                {facts(vec![
                    ("Customer", customer.as_ref().map(|c| c.name.clone()).unwrap_or_default()),
                    ("Address", customer.as_ref().map(|c| format!("{}, {}, {}", c.address.address_line1, c.address.city, country_name(&c.address.country))).unwrap_or_default()),
                    ("DUNS", customer.as_ref().map(|c| c.duns.trim().to_string()).unwrap_or_default()),
                    ("Contact", if d.contact.name.trim().is_empty() { String::new() } else { format!("{} · {} · {}", d.contact.name, d.contact.email, d.contact.phone) }),
                ])}
            </section>
            <section aria-labelledby="rv-details">
                <h3 id="rv-details">"Deal details " {edit(Step::Details)}</h3>
                {facts(vec![
                    ("Deal name", d.name.clone()),
                    ("Location", location),
                    ("Estimated value", value),
                    ("Estimated close date", d.close_date.clone()),
                    ("CRM ID", d.crm_id.trim().to_string()),
                    ("Marketing campaign ID", d.campaign_id.trim().to_string()),
                    ("Notes", d.notes.trim().to_string()),
                ])}
            </section>
            <section aria-labelledby="rv-team">
                <h3 id="rv-team">"Team " {edit(Step::Team)}</h3>
                <p>{d.team.iter().map(|m| format!("{} ({})", m.name, m.email)).collect::<Vec<_>>().join(", ")}</p>
            </section>
            <section aria-labelledby="rv-solutions">
                <h3 id="rv-solutions">"Solutions " {edit(Step::Solutions)}</h3>
                <p>{solutions}</p>
            </section>
            <section aria-labelledby="rv-type">
                <h3 id="rv-type">"Sales type " {edit(Step::SalesType)}</h3>
                {facts(vec![("Deal type", type_label), ("Help from Microsoft", d.help_type.map(|h| h.label()).unwrap_or("").to_string())])}
            </section>
            <section aria-labelledby="rv-preview" class="preview">
                <h3 id="rv-preview">"What others will see"</h3>
                {move || {
                    let cards = preview.get();
                    if cards.is_empty() {
                        view! { <p>"Nobody outside your organisation: this deal is Private."</p> }.into_any()
                    } else {
                        cards.into_iter().map(|p| view! {
                            <section class="card preview-card" aria-label=format!("What {} will see", p.party)>
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
