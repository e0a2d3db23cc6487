//! The sign-in page of shared mode, shown when a Co-sell server serves the app and nobody is
//! signed in. With the organisation's identity provider, a link starts the sign-in there
//! (`auth/oidc/start`; the server comes back with `?signIn=<reason>` when it refused). With
//! demo sign-in, the user picks who they are from the directory. Either way the server sets
//! the session and the app starts afresh as that user.

use leptos::prelude::*;

use crate::app::browser;
use crate::app::sync::{self, SignInWays};
use crate::domain::records::directory::ReferenceData;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

#[component]
pub fn SignInPage(data: ReferenceData, ways: SignInWays, locale: Locale) -> impl IntoView {
    let t = move |x: Text| x.get(locale);
    // Why the identity provider's sign-in came back without a session.
    let refused = browser::query_param("signIn").and_then(|reason| match reason.as_str() {
        "noAccess" => Some(Text::SignInNoAccess),
        "failed" => Some(Text::SignInRefused),
        "unavailable" => Some(Text::SignInUnavailable),
        _ => None,
    });
    let users: Vec<(String, String)> = data
        .active_users()
        .map(|u| {
            let org = data.party_name(&u.organization_id);
            (u.id.clone(), format!("{} ({org})", u.display_name))
        })
        .collect();
    let chosen = RwSignal::new(users.first().map(|u| u.0.clone()).unwrap_or_default());
    let problem = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        leptos::task::spawn_local(async move {
            if let Err(why) = sync::sign_in(&chosen.get_untracked()).await {
                problem.set(Text::SignInFailed.fill(locale, &[("why", &why)]));
                busy.set(false);
            }
        });
    };
    let organisation = ways.oidc.then(|| {
        view! {
            <p>{t(Text::SignInOidcIntro)}</p>
            <p><a class="button primary" href="auth/oidc/start">{t(Text::SignInWithOrganisation)}</a></p>
        }
    });
    let demo = ways.demo.then(|| view! {
            <p>{t(Text::SignInIntro)}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="sign-in-user">{t(Text::SignInAs)}</label>
                    <select id="sign-in-user" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {users.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <p class="error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="primary" disabled=move || busy.get()>{t(Text::SignIn)}</button>
            </form>
    });
    view! {
        <main class="sign-in" id="main">
            <h1 tabindex="-1">{t(Text::SignInHeading)}</h1>
            {refused.map(|why| view! { <p class="error" role="alert">{t(why)}</p> })}
            {organisation}
            {demo}
            {(!ways.oidc && !ways.demo).then(|| view! { <p>{t(Text::SignInNoWay)}</p> })}
        </main>
    }
}
