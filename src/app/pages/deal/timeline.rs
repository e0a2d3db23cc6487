//! The engagement's history as this party may read it: the shared notes every party writes
//! and reads, and the activity, newest first. Both follow the exchange, so a note or a
//! change saved elsewhere shows at once.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::deal::engagement::{self, timeline};
use crate::domain::present::format;
use crate::domain::records::referral::Referral;
use crate::domain::support::i18n::Text;

use super::parties::optional;

/// The engagement's shared notes, and **Add shared note** when the rules allow it.
pub fn shared_notes(referral: Referral, can_add: bool, add: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let date_time = move |at| format::date_time_in(locale, at);
    let org_name = move |id: &str| state.data.with(|d| d.party_name(id));
    let engagement_id = StoredValue::new(referral.engagement_id);
    let notes = move || {
        state.exchange.with(|e| {
            engagement_id
                .with_value(|id| engagement::shared_notes(e, id).cloned().collect::<Vec<_>>())
        })
    };
    view! {
                <section class="card wide" aria-labelledby="shared-notes-h">
                    <h2 id="shared-notes-h">{t(Text::SharedNotes)}</h2>
                    {move || {
                        let notes = notes();
                        if notes.is_empty() {
                            return view! { <p class="muted">{t(Text::SharedNotesNone)}</p> }.into_any();
                        }
                        view! {
                            <ol class="timeline shared-notes">
                                {notes.into_iter().map(|a| {
                                    let org = org_name(&a.actor.organization_id);
                                    view! {
                                        <li>
                                            <p><strong>{a.actor.name.clone()}</strong> " (" {org} ") · " <time>{date_time(a.at)}</time></p>
                                            <p class="notes">{a.note.clone().unwrap_or_default()}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                    {can_add.then(|| view! {
                        <button type="button" on:click=move |_| add.run(())>{t(Text::ActAddSharedNote)}</button>
                    })}
                </section>
    }
}

/// The engagement's activity as this party may read it, newest first.
pub fn activity(referral: Referral) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let date_time = move |at| format::date_time_in(locale, at);
    let org_name = move |id: &str| state.data.with(|d| d.party_name(id));
    let own = StoredValue::new(referral);
    let activity = move || state.exchange.with(|e| own.with_value(|r| timeline(e, r)));
    view! {
                <section class="card wide" aria-labelledby="activity-h">
                    <h2 id="activity-h">{t(Text::Activity)}</h2>
                    <ol class="timeline">
                        {move || activity().into_iter().map(|a| {
                            let org = org_name(&a.organization_id);
                            view! {
                                <li>
                                    <p><strong>{t(a.action.text())}</strong> " · " {a.actor.name.clone()} " (" {org} ") · " <time>{date_time(a.at)}</time></p>
                                    {(!a.changes.is_empty()).then(|| view! {
                                        <ul class="changes">
                                            {a.changes.into_iter().map(|ch| view! { <li><code>{ch.field}</code> ": " {optional(&ch.old)} " → " {optional(&ch.new)}</li> }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
    }
}
