//! The sign-in page of shared mode, shown when a Co-sell server serves the app and nobody is
//! signed in. With demo sign-in, the user picks who they are from the directory; the server
//! sets the session and the app starts afresh as that user.

use leptos::prelude::*;

use crate::app::sync;
use crate::domain::records::directory::ReferenceData;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

#[component]
pub fn SignInPage(data: ReferenceData, locale: Locale) -> impl IntoView {
    let t = move |x: Text| x.get(locale);
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
    view! {
        <main class="sign-in" id="main">
            <h1 tabindex="-1">{t(Text::SignInHeading)}</h1>
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
        </main>
    }
}
