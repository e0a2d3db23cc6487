//! The Organisation page's **API tokens** (shared mode, MPN partner admins): make a token
//! for an integration (shown once), see the organisation's tokens, revoke one. The server
//! keeps them (`/v1.0/tokens`); this part only asks it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::state::{AppState, Notice};
use crate::app::sync::{self, Shared};
use crate::domain::support::i18n::Text;

#[derive(Debug, Clone, PartialEq)]
struct Token {
    id: String,
    name: String,
    scope: String,
    created_at: String,
    revoked_at: Option<String>,
    token: Option<String>,
}

json_record!(Token {
    id: "id" required,
    name: "name" required,
    scope: "scope" required,
    created_at: "createdAt" required,
    revoked_at: "revokedAt" default,
    token: "token" default,
});

struct Tokens {
    value: Vec<Token>,
}

json_record!(Tokens {
    value: "value" required,
});

struct NewToken {
    name: String,
    scope: String,
}

json_record!(write NewToken {
    name: "name" required,
    scope: "scope" required,
});

#[component]
pub fn ApiTokens(shared: Shared) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move |x: Text| state.tr(x);
    let tokens = RwSignal::new(Vec::<Token>::new());
    let made = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new("read".to_string());
    let problem = RwSignal::new(String::new());
    let reload = move || {
        spawn_local(async move {
            if let Ok(list) = sync::get_json::<Tokens>("v1.0/tokens").await {
                let _ = tokens.try_set(list.value);
            }
        })
    };
    reload();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = name.get_untracked().trim().to_string();
        if wanted.is_empty() || wanted.chars().count() > 80 {
            return problem.set(t(Text::TokenNameRequired).into());
        }
        problem.set(String::new());
        let body = NewToken {
            name: wanted,
            scope: scope.get_untracked(),
        };
        spawn_local(async move {
            match sync::post_json::<Token>("v1.0/tokens", &shared.csrf(), &body).await {
                Ok(token) => {
                    made.set(token.token);
                    name.set(String::new());
                    reload();
                }
                Err((_, p)) => problem.set(p.detail),
            }
        });
    };
    let revoke = move |id: String, label: String| {
        spawn_local(async move {
            if sync::delete(&format!("v1.0/tokens/{id}"), &shared.csrf()).await {
                state.notify(Notice::info(format!("{label}: {}", t(Text::TokenRevoked))));
                reload();
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="org-tokens-h">
            <h2 id="org-tokens-h">{move || t(Text::SectionApiTokens)}</h2>
            <p class="muted">{move || t(Text::ApiTokensIntro)}</p>
            <form class="token-form" on:submit=create>
                <div class="field">
                    <label for="token-name">{move || t(Text::LabelTokenName)}</label>
                    <input id="token-name" type="text" maxlength="80" aria-describedby="token-problem"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="token-scope">{move || t(Text::LabelTokenAccess)}</label>
                    <select id="token-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                        <option value="read">{move || t(Text::TokenRead)}</option>
                        <option value="readWrite">{move || t(Text::TokenReadWrite)}</option>
                    </select>
                </div>
                <button type="submit">{move || t(Text::CreateToken)}</button>
                <p id="token-problem" class="error" role="alert">{move || problem.get()}</p>
            </form>
            {move || made.get().map(|token| view! {
                <p class="token-once" role="status">{t(Text::TokenShownOnce)} " " <code>{token}</code></p>
            })}
            {move || {
                let list = tokens.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t(Text::NoTokens)}</p> }.into_any();
                }
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{t(Text::LabelTokenName)}</th>
                            <th scope="col">{t(Text::LabelTokenAccess)}</th>
                            <th scope="col">{t(Text::ColumnState)}</th>
                            <th scope="col"><span class="visually-hidden">{t(Text::Actions)}</span></th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|token| {
                            let label = Text::RevokeToken.fill(state.locale.get_untracked(), &[("name", &token.name)]);
                            let (id, name) = (token.id.clone(), token.name.clone());
                            view! {
                                <tr>
                                    <th scope="row">{token.name.clone()}</th>
                                    <td>{t(if token.scope == "readWrite" { Text::TokenReadWrite } else { Text::TokenRead })}</td>
                                    <td>{match &token.revoked_at { Some(_) => t(Text::TokenRevoked), None => t(Text::TokenActive) }} <span class="muted">{token.created_at.get(..10).unwrap_or_default().to_string()}</span></td>
                                    <td>{token.revoked_at.is_none().then(|| view! {
                                        <button type="button" class="danger" aria-label=label on:click=move |_| revoke(id.clone(), name.clone())>{t(Text::Revoke)}</button>
                                    })}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
