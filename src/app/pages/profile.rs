//! `/profile`: the signed-in user's profile (issue #9): who they are in the directory, the
//! language of their emails, whether they get emails, and the deals they are on the team of.

use leptos::prelude::*;

use crate::app::state::{perform_admin, AppState};
use crate::domain::org::admin::{deals_on_team, AdminCommand};
use crate::domain::present::organisation::{roles_label_in, scope_label_in};
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move |x: Text| state.tr(x);
    // The form starts from the stored profile and follows a switch of the signed-in user.
    let locale_choice = RwSignal::new(String::new());
    let emails = RwSignal::new(true);
    Effect::new(move |_| {
        let user = state.user();
        locale_choice.set(user.locale.clone());
        emails.set(!user.disable_notifications);
    });
    let busy = RwSignal::new(false);
    let facts = move || {
        let user = state.user();
        let locale = state.locale.get();
        state.data.with(|d| {
            let org = d.organization(&user.organization_id);
            let role = roles_label_in(locale, &user.roles);
            let scope = org
                .map(|o| scope_label_in(locale, o, &user.location_scope))
                .unwrap_or_default();
            vec![
                (t(Text::LabelDisplayName), user.display_name.clone()),
                (t(Text::LabelEmail), user.email.clone()),
                (
                    t(Text::LabelPhone),
                    if user.phone.is_empty() {
                        "—".into()
                    } else {
                        user.phone.clone()
                    },
                ),
                (
                    t(Text::NavOrganisation),
                    org.map(|o| o.name.clone()).unwrap_or_default(),
                ),
                (t(Text::LabelRole), role),
                (t(Text::LabelLocationScope), scope),
            ]
        })
    };
    let deals = move || {
        let user = state.user();
        let locale = state.locale.get();
        state.exchange.with(|x| {
            deals_on_team(x, &user)
                .into_iter()
                .map(|r| (r.id.clone(), r.name.clone(), r.substatus.text().get(locale)))
                .collect::<Vec<_>>()
        })
    };
    let save = move |_| {
        busy.set(true);
        let command = AdminCommand::UpdateProfile {
            locale: locale_choice.get_untracked(),
            email_notifications: emails.get_untracked(),
        };
        perform_admin(
            state,
            command,
            t(Text::DoneProfileSaved).to_string(),
            move |_| busy.set(false),
        );
    };
    view! {
        <div class="profile-page">
            <div class="page-head"><h1 tabindex="-1">{move || t(Text::NavProfile)}</h1></div>
            <p class="muted">{move || t(Text::ProfileIntro)}</p>
            <section class="card" aria-labelledby="profile-me-h">
                <h2 id="profile-me-h">{move || state.user().display_name}</h2>
                <dl class="facts">
                    {move || facts().into_iter().map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
                <div class="form-row">
                    <label for="profile-locale">{move || t(Text::LabelEmailLanguage)}</label>
                    <select id="profile-locale" on:change=move |ev| locale_choice.set(event_target_value(&ev))>
                        {Locale::ALL.map(|l| view! { <option value=l.tag() lang=l.tag() selected=move || locale_choice.get() == l.tag()>{l.name()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field check">
                    <label><input type="checkbox" aria-describedby="profile-emails-hint" prop:checked=move || emails.get() on:change=move |ev| emails.set(event_target_checked(&ev))/>" " {move || t(Text::LabelEmailNotifications)}</label>
                    <p id="profile-emails-hint" class="hint">{move || t(Text::EmailNotificationsHint)}</p>
                </div>
                <button type="button" class="primary" disabled=move || busy.get() on:click=save>{move || t(Text::Save)}</button>
            </section>
            <section class="card" aria-labelledby="profile-deals-h">
                <h2 id="profile-deals-h">{move || t(Text::MyTeamDeals)}</h2>
                {move || {
                    let list = deals();
                    if list.is_empty() {
                        return view! { <p class="muted">{t(Text::NoTeamDeals)}</p> }.into_any();
                    }
                    view! { <ul class="team-deals">{list.into_iter().map(|(id, name, status)| view! {
                        <li><a href=crate::app::routes::Page::Deal(id.clone()).href()>{name}</a>" · "<span class="muted">{status}</span></li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </div>
    }
}
