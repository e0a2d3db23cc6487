//! Wizard step 5: the deal's team, from recent contacts or typed, the signed-in user first.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::Wizard;
use crate::app::components::field::{field_id, TextField};
use crate::app::state::AppState;
use crate::domain::deal::validation::{self as v, FieldError};
use crate::domain::present::wizard::recent_contacts;
use crate::domain::records::referral::Contact;

/// Step 3: the people who work on the deal.
#[component]
pub fn TeamStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let member = RwSignal::new(Contact::default());
    let member_errors = RwSignal::new(Vec::<FieldError>::new());
    let org = state.user_untracked().organization_id;
    let t = move |x: Text| state.tr(x);
    let locale = state.locale.get_untracked();
    let recent = Signal::derive(move || {
        let team = draft.with(|d| d.team.clone());
        state
            .exchange
            .with(|e| recent_contacts(e, &org, 12))
            .into_iter()
            .filter(|c| !team.iter().any(|m| m.email.eq_ignore_ascii_case(&c.email)))
            .take(6)
            .collect::<Vec<_>>()
    });
    let add = move |c: Contact| {
        let problems =
            draft.with_untracked(|d| v::new_team_member(&c, &d.team).err().unwrap_or_default());
        if problems.is_empty() {
            w.edit("team", |d| {
                d.team.push(Contact {
                    name: c.name.trim().into(),
                    phone: c.phone.trim().into(),
                    email: c.email.trim().into(),
                })
            });
            member.set(Contact::default());
            member_errors.set(Vec::new());
            true
        } else {
            let first = field_id(&problems[0].field);
            member_errors.set(problems);
            request_animation_frame(move || {
                crate::app::browser::focus_selector(&format!("#{first}"));
            });
            false
        }
    };
    let member_field = move |label: &'static str,
                             path: &'static str,
                             kind: &'static str,
                             get: fn(&Contact) -> String,
                             put: fn(&mut Contact, String)| {
        view! {
            <TextField label path kind required=true
                value=Signal::derive(move || member.with(get))
                set=move |v: String| {
                    member.update(|m| put(m, v));
                    member_errors.update(|e| e.retain(|x| x.field != path));
                }
                errors=member_errors/>
        }
    };
    let team_error = Signal::derive(move || {
        w.errors
            .with(|e| crate::app::components::field::error_for(e, "team"))
            .or_else(|| member_errors.with(|e| crate::app::components::field::error_for(e, "team")))
    });
    view! {
        <p class="step-intro">{t(Text::TeamIntro)}</p>
        <div class="team-layout">
            <div>
                <h3 id="team-list-h">{t(Text::StepTeam)}</h3>
                <div id="f-team" tabindex="-1" data-field="f-team">
                    {move || if draft.with(|d| d.team.is_empty()) {
                        view! { <p class="muted">{t(Text::NobodyYet)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="people" aria-labelledby="team-list-h">
                                {move || draft.with(|d| d.team.clone()).into_iter().enumerate().map(|(i, m)| {
                                    let label = Text::RemoveNamed.fill(locale, &[("name", &m.name)]);
                                    view! {
                                        <li>
                                            <strong>{m.name.clone()}</strong> <span>{m.email.clone()}</span> <span>{m.phone.clone()}</span>
                                            <button type="button" class="link-button" on:click=move |_| w.edit("team", |d| { d.team.remove(i); })>{label}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
                <p class="field-error" role="alert">{move || team_error.get().unwrap_or("")}</p>
                <fieldset class="member-form">
                    <legend>{t(Text::NewTeamMember)}</legend>
                    <div class="grid-3">
                        {member_field(t(Text::LabelName), "member.name", "text", |m| m.name.clone(), |m, v| m.name = v)}
                        {member_field(t(Text::LabelPhone), "member.phone", "tel", |m| m.phone.clone(), |m, v| m.phone = v)}
                        {member_field(t(Text::LabelEmail), "member.email", "email", |m| m.email.clone(), |m, v| m.email = v)}
                    </div>
                    <button type="button" on:click=move |_| { add(member.get_untracked()); }>{t(Text::ActAddMember)}</button>
                </fieldset>
            </div>
            <aside class="recent" aria-labelledby="recent-h">
                <h3 id="recent-h">{t(Text::RecentContacts)}</h3>
                {move || if !recent.with(Vec::is_empty) { view! { <ul class="people">
                        {move || recent.get().into_iter().map(|c| {
                                let label = Text::AddNamed.fill(locale, &[("name", &c.name)]);
                                let person = c.clone();
                                view! {
                                    <li>
                                        <span><strong>{c.name.clone()}</strong> " " {c.email.clone()}</span>
                                        <button type="button" class="link-button" on:click=move |_| { add(person.clone()); }>{label}</button>
                                    </li>
                                }
                            }).collect_view()}
                    </ul> }.into_any() } else { view! { <p class="muted">{t(Text::RecentHint)}</p> }.into_any() }}
            </aside>
        </div>
    }
}
