//! The other parties of the engagement as this party may know them (SPEC §1, §3): each one's
//! status, part and team where it is shared, and the invitation this deal arrived with.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::deal::engagement::PartyStatus;
use crate::domain::present::format;
use crate::domain::records::referral::{Contact, InviteContext};
use crate::domain::support::i18n::Text;

/// People as the deal page lists them: name, email and phone.
pub fn people(list: &[Contact]) -> impl IntoView {
    let items = list
        .iter()
        .map(|m| view! { <li><strong>{m.name.clone()}</strong> <span>{m.email.clone()}</span> <span>{m.phone.clone()}</span></li> })
        .collect_view();
    view! { <ul class="people">{items}</ul> }
}

pub fn optional(v: &str) -> String {
    if v.is_empty() {
        "—".to_string()
    } else {
        v.to_string()
    }
}

/// A card per other party: status, part, close date, answer and shared team.
pub fn cards(parties: Vec<PartyStatus>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let money = move |value: f64, currency: &str| format::money_in(locale, value, currency);
    let date = move |at| format::date_in(locale, at);
    let date_time = move |at| format::date_time_in(locale, at);
    let org_name = move |id: &str| state.data.with(|d| d.party_name(id));
    view! {
                {parties.into_iter().map(|p| {
                    let name = org_name(&p.organization_id);
                    let heading = name.clone();
                    view! {
                        <section class="card party" aria-label=name>
                            <h2>{heading}</h2>
                            <dl class="facts">
                                <dt>{t(Text::ColumnStatus)}</dt><dd>{t(p.substatus.text())}</dd>
                                <dt>{t(Text::TheirPart)}</dt><dd>{money(p.deal_value, &p.currency)}</dd>
                                <dt>{t(Text::ColumnCloseDate)}</dt><dd>{date(p.closing_date_time)}</dd>
                                <dt>{t(Text::Answered)}</dt><dd>{p.answered_date_time.map(date_time).unwrap_or_else(|| t(Text::NotYet).into())}</dd>
                                {(!p.team.is_empty()).then(|| view! { <dt>{t(Text::StepTeam)}</dt><dd>{people(&p.team)}</dd> })}
                            </dl>
                        </section>
                    }
                }).collect_view()}
    }
}

/// Who invited this party, the help asked for, the notes and the inviter's contacts.
pub fn invitation(context: Option<InviteContext>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    view! {
                {context.map(|ctx| view! {
                    <section class="card" aria-labelledby="invite-h">
                        <h2 id="invite-h">{t(Text::Invitation)}</h2>
                        <dl class="facts">
                            <dt>{t(Text::LabelInvitedBy)}</dt><dd>{ctx.invited_by.name}</dd>
                            <dt>{t(Text::LabelHelpRequested)}</dt><dd>{t(ctx.help_type.text())}</dd>
                            <dt>{t(Text::LabelNotes)}</dt><dd>{optional(&ctx.notes)}</dd>
                            {(!ctx.contacts.is_empty()).then(|| view! { <dt>{t(Text::InviterContacts)}</dt><dd>{people(&ctx.contacts)}</dd> })}
                        </dl>
                    </section>
                })}
    }
}
